//! `charts/map.svg`: Libya and its neighbours, admin-1 regions, front areas and events
//! coloured by front, with an inset on greater Tripoli where the fronts crowd.
//!
//! The page is split into two plotters drawing areas, the map and its inset, each with the
//! map's projection as its coordinate system ([`Equirectangular`]), so outlines, areas and
//! dots are drawn in longitude and latitude. What is drawn is first clipped to the panel's
//! extent, as plotters' SVG backend has no clip paths. Placing the fronts' names in the
//! inset so none covers another is frontline's ([`layout_front_labels`]).

use super::fonts::text_width;
use super::frame::{self, MARGIN, WIDTH};
use super::legend::claim_legend;
use super::legend::{self, LegendItem, Swatch};
use super::mark::{claim_attributes, claim_style, Shape};
use super::page::{self, Canvas, Drawn, Page};
use super::palette::{rgb, MUTED, UNASSIGNED_COLOR};
use super::projection::{Equirectangular, Extent};
use super::series::{self, UNASSIGNED_NAME, UNASSIGNED_NAME_AR};
use super::text::{text, Align, TextStyle};
use super::ChartOptions;
use crate::basemap::{Basemap, Region};
use crate::event::ClaimStatus;
use crate::event::Event;
use crate::front::{Front, Fronts};
use geo::{BooleanOps, BoundingRect, InteriorPoint, LineString, MultiPolygon, Point, Polygon};
use plotters::coord::{CoordTranslate, Shift};
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, PathElement, Polygon as Area, Rectangle};
use plotters::style::{Color, ShapeStyle, WHITE};

const TITLE: &str = "Events of the war for Tripoli, by front";
const TITLE_AR: &str = "أحداث الحرب على طرابلس حسب الجبهة";

/// The main map: Libya with a margin of its neighbours.
const LIBYA: Extent = Extent {
    west: 9.0,
    east: 26.0,
    south: 19.0,
    north: 34.0,
};

/// The inset: greater Tripoli from Janzour to Tajoura and south to Aziziya.
const TRIPOLI: Extent = Extent {
    west: 12.9,
    east: 13.6,
    south: 32.45,
    north: 32.95,
};

const MAIN_WIDTH: f64 = 560.0;
const PANEL_GAP: f64 = 20.0;
const SEA: &str = "#dde9f1";
const LAND: &str = "#efeee9";
const LIBYA_FILL: &str = "#fbf8ef";

/// A panel of the map: its drawing area in longitude and latitude.
pub(super) type Panel = DrawingArea<Page, Equirectangular>;

/// The rings of an area's part inside a panel, in (longitude, latitude), without the
/// vertices that fall on the same px as the one before: what plotters is given to draw.
pub(super) fn rings(
    projection: &Equirectangular,
    area: &MultiPolygon<f64>,
) -> Vec<Vec<(f64, f64)>> {
    let visible: Vec<&Polygon<f64>> = area
        .iter()
        .filter(|p| {
            p.bounding_rect()
                .is_some_and(|r| projection.extent.overlaps(&r))
        })
        .collect();
    if visible.is_empty() {
        return Vec::new();
    }
    let clipped = MultiPolygon(visible.into_iter().cloned().collect())
        .intersection(&Polygon::from(projection.extent.rect()));
    let mut out = Vec::new();
    for polygon in &clipped {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let thinned = thin(projection, ring);
            if thinned.len() > 2 {
                out.push(thinned);
            }
        }
    }
    out
}

fn thin(projection: &Equirectangular, ring: &LineString<f64>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    let mut last = None;
    for c in ring.coords() {
        let px = projection.translate(&(c.x, c.y));
        if last != Some(px) {
            out.push((c.x, c.y));
            last = Some(px);
        }
    }
    out
}

/// Events at one place of one front, drawn as one dot whose area grows with their number.
#[derive(Clone, Debug)]
struct Dot<'a> {
    point: Point<f64>,
    color: String,
    front: String,
    /// Confirmed events and claims are apart: a claim is drawn hollow.
    claim: ClaimStatus,
    events: Vec<&'a Event>,
}

fn dots<'a>(events: &[&'a Event], fronts: &Fronts, extent: Extent) -> Vec<Dot<'a>> {
    let mut out: Vec<Dot> = Vec::new();
    for s in series::series(events, fronts) {
        for event in s.events {
            if !extent.contains(event.point) {
                continue;
            }
            let claim = event.claim.status;
            match out
                .iter_mut()
                .find(|d| d.front == s.id && d.point == event.point && d.claim == claim)
            {
                Some(dot) => dot.events.push(event),
                None => out.push(Dot {
                    point: event.point,
                    color: s.color.clone(),
                    front: s.id.clone(),
                    claim,
                    events: vec![event],
                }),
            }
        }
    }
    // Big dots first so small ones stay visible on top.
    out.sort_by(|a, b| {
        b.events
            .len()
            .cmp(&a.events.len())
            .then_with(|| a.point.y().total_cmp(&b.point.y()).reverse())
            .then_with(|| a.point.x().total_cmp(&b.point.x()))
            .then_with(|| a.front.cmp(&b.front))
            .then_with(|| a.claim.cmp(&b.claim))
    });
    out
}

fn dot_radius(count: usize, base: f64) -> f64 {
    base * (count as f64).sqrt().min(4.0)
}

fn draw_dots(canvas: &Canvas, panel: &Panel, dots: &[Dot], base: f64) -> Drawn {
    canvas.markup.open(&[("class", "events")]);
    for dot in dots {
        let first = dot.events[0];
        let tip = if dot.events.len() == 1 {
            format!(
                "{} {}: {} ({})",
                first.event_id_cnty,
                first.date,
                first.label(),
                first.location
            )
        } else {
            format!(
                "{} events at {}, {} to {}",
                dot.events.len(),
                first.location,
                first.date.start,
                dot.events
                    .iter()
                    .map(|e| e.date.start)
                    .max()
                    .unwrap_or(first.date.start)
            )
        };
        let count = dot.events.len().to_string();
        let mut attributes = vec![("data-front", dot.front.as_str()), ("data-count", &count)];
        attributes.extend(claim_attributes(dot.claim));
        canvas.markup.open_titled(&attributes, &tip);
        let at = (dot.point.x(), dot.point.y());
        let r = dot_radius(dot.events.len(), base).round().max(1.0) as u32;
        // A white ring parts the dot from those under it.
        panel.draw(&Circle::new(at, r + 1, WHITE.filled()))?;
        let color = rgb(&dot.color);
        let style = match dot.claim {
            ClaimStatus::Confirmed => color.mix(0.9).filled(),
            claim => claim_style(color, claim),
        };
        panel.draw(&Circle::new(at, r, style))?;
        canvas.markup.close();
    }
    canvas.markup.close();
    Ok(())
}

pub(super) fn draw_regions(canvas: &Canvas, panel: &Panel, basemap: &Basemap) -> Drawn {
    let projection = *panel.as_coord_spec();
    panel.draw(&Rectangle::new(
        [
            (projection.extent.west, projection.extent.north),
            (projection.extent.east, projection.extent.south),
        ],
        rgb(SEA).filled(),
    ))?;
    for country in &basemap.countries {
        let rings = rings(&projection, &country.area);
        if rings.is_empty() {
            continue;
        }
        let libya = country.iso_a2 == "LY";
        // Plotters' polygons are fill only: the outline comes from the group.
        canvas.markup.open(&[
            ("data-country", &country.iso_a2),
            ("stroke", if libya { "#6f6a5c" } else { "#aaa79c" }),
            ("stroke-width", if libya { "1.2" } else { "0.8" }),
            ("stroke-linejoin", "round"),
        ]);
        let fill = rgb(if libya { LIBYA_FILL } else { LAND });
        for ring in rings {
            panel.draw(&Area::new(ring, fill.filled()))?;
        }
        canvas.markup.close();
    }
    canvas
        .markup
        .open(&[("class", "admin1"), ("stroke-dasharray", "3 2")]);
    for region in basemap
        .admin1
        .iter()
        .filter(|r| r.iso_a2 == "LY" || r.iso_a2.is_empty())
    {
        for ring in rings(&projection, &region.area) {
            panel.draw(&PathElement::new(ring, rgb("#b3ab99").stroke_width(1)))?;
        }
    }
    canvas.markup.close();
    Ok(())
}

fn draw_fronts(canvas: &Canvas, panel: &Panel, fronts: &[&Front], stroke_width: &str) -> Drawn {
    let projection = *panel.as_coord_spec();
    canvas
        .markup
        .open(&[("class", "fronts"), ("fill-opacity", "0.28")]);
    for front in fronts {
        let rings = rings(&projection, &front.area);
        if rings.is_empty() {
            continue;
        }
        canvas.markup.open_titled(
            &[
                ("data-front", &front.id),
                ("stroke", &front.color),
                ("stroke-width", stroke_width),
            ],
            &format!("{} ({})", front.name, front.name_ar),
        );
        for ring in rings {
            panel.draw(&Area::new(ring, rgb(&front.color).filled()))?;
        }
        canvas.markup.close();
    }
    canvas.markup.close();
    Ok(())
}

/// Writes an English name over an Arabic one, centred on `x` with the English baseline at
/// `y`, both with a white halo.
fn two_line_label(
    canvas: &Canvas,
    at: (f64, f64),
    names: (&str, &str),
    size: f64,
    fill: &str,
) -> Drawn {
    let (x, y) = at;
    let style = TextStyle::new(size).align(Align::Center).fill(fill).halo();
    text(canvas, x, y, names.0, style.bold())?;
    if !names.1.is_empty() {
        text(canvas, x, y + size + 3.0, names.1, style.arabic())?;
    }
    Ok(())
}

/// A two-line label's box: left, top, right, bottom.
type LabelBox = (f64, f64, f64, f64);

fn boxes_overlap(a: &LabelBox, b: &LabelBox) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn label_box(x: f64, y: f64, name: &str, name_ar: &str, size: f64) -> LabelBox {
    let w = text_width(name, size, true).max(text_width(name_ar, size, false)) + 6.0;
    let lines = if name_ar.is_empty() { 1.0 } else { 2.0 };
    (
        x - w / 2.0,
        y - size - 1.0,
        x + w / 2.0,
        y - size - 1.0 + lines * (size + 3.0) + 3.0,
    )
}

/// A front's name placed in the inset.
#[derive(Clone, Debug)]
struct FrontLabel<'a> {
    front: &'a Front,
    /// A point inside the front's visible area.
    anchor: (f64, f64),
    /// English baseline centre.
    at: (f64, f64),
    /// The label's box.
    bounds: LabelBox,
    /// Whether the label sits away from its anchor, joined by a leader.
    moved: bool,
}

impl FrontLabel<'_> {
    /// The leader from the anchor to the nearest point of the label's box.
    fn leader(&self) -> ((f64, f64), (f64, f64)) {
        let b = self.bounds;
        (
            self.anchor,
            (self.anchor.0.clamp(b.0, b.2), self.anchor.1.clamp(b.1, b.3)),
        )
    }
}

const FRONT_LABEL_SIZE: f64 = 11.0;

/// Whether a segment passes through a box, checked at every half px along it.
fn segment_crosses(from: (f64, f64), to: (f64, f64), b: &LabelBox) -> bool {
    let steps = ((to.0 - from.0).hypot(to.1 - from.1) * 2.0).ceil().max(1.0) as usize;
    (0..=steps).any(|i| {
        let t = i as f64 / steps as f64;
        let (x, y) = (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t);
        x > b.0 && x < b.2 && y > b.1 && y < b.3
    })
}

/// Places each front's name in the inset near a point inside its visible area, trying
/// spots further out until the label overlaps no other label, leader or (nearby) event dot.
fn layout_front_labels<'a>(
    panel: &Equirectangular,
    fronts: &[&'a Front],
    dots_at: &[(f64, f64, f64)],
) -> Vec<FrontLabel<'a>> {
    let mut anchors: Vec<(&Front, f64, f64, f64)> = fronts
        .iter()
        .filter_map(|f| {
            let visible = f.area.intersection(&Polygon::from(panel.extent.rect()));
            let point = visible.interior_point()?;
            let (x, y) = panel.xy(point.x(), point.y());
            Some((*f, x, y, geo::Area::unsigned_area(&visible)))
        })
        .collect();
    // Small areas have the least room around them, so they choose first.
    anchors.sort_by(|a, b| a.3.total_cmp(&b.3).then_with(|| a.0.id.cmp(&b.0.id)));
    let bounds = (
        panel.left + 4.0,
        panel.top + 30.0,
        panel.left + panel.width() - 4.0,
        panel.top + panel.height() - 40.0,
    );
    let mut placed: Vec<FrontLabel> = Vec::new();
    for (front, ax, ay, _) in anchors {
        // A second, looser pass lets a label cross leaders rather than go unnamed.
        let chosen = [true, false].into_iter().find_map(|strict| {
            (0..14).find_map(|ring| {
                let d = 16.0 * ring as f64;
                let steps = if ring == 0 { 1 } else { 16 };
                (0..steps).find_map(|step| {
                    let angle = std::f64::consts::TAU * step as f64 / steps as f64;
                    let at = (ax + d * angle.cos() * 1.6, ay + 4.0 + d * angle.sin());
                    let candidate = FrontLabel {
                        front,
                        anchor: (ax, ay),
                        at,
                        bounds: label_box(
                            at.0,
                            at.1,
                            &front.name,
                            &front.name_ar,
                            FRONT_LABEL_SIZE,
                        ),
                        moved: ring > 0,
                    };
                    let b = candidate.bounds;
                    let inside =
                        b.0 >= bounds.0 && b.1 >= bounds.1 && b.2 <= bounds.2 && b.3 <= bounds.3;
                    let covers_dot = dots_at
                        .iter()
                        .any(|(dx, dy, r)| boxes_overlap(&b, &(dx - r, dy - r, dx + r, dy + r)));
                    let (from, to) = candidate.leader();
                    let clear = placed.iter().all(|other| {
                        let (of, ot) = other.leader();
                        let crossed = strict
                            && ((other.moved && segment_crosses(of, ot, &b))
                                || (candidate.moved && segment_crosses(from, to, &other.bounds)));
                        !(boxes_overlap(&other.bounds, &b) || crossed)
                    });
                    (inside && clear && (!covers_dot || ring >= 6)).then_some(candidate)
                })
            })
        });
        placed.extend(chosen);
    }
    placed
}

/// Writes the names of the fronts in the inset, with leaders to those moved off their area.
fn label_fronts(
    canvas: &Canvas,
    panel: &Equirectangular,
    fronts: &[&Front],
    dots_at: &[(f64, f64, f64)],
) -> Drawn {
    let labels = layout_front_labels(panel, fronts, dots_at);
    canvas.markup.open(&[("class", "front-labels")]);
    let ink = rgb("#333333");
    for label in labels.iter().filter(|l| l.moved) {
        let (from, to) = label.leader();
        let px = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
        canvas.area.draw(&PathElement::new(
            vec![px(from), px(to)],
            ink.stroke_width(1),
        ))?;
        canvas.area.draw(&Circle::new(px(from), 2, ink.filled()))?;
    }
    for label in &labels {
        two_line_label(
            canvas,
            label.at,
            (&label.front.name, &label.front.name_ar),
            FRONT_LABEL_SIZE,
            "#1a1a1a",
        )?;
    }
    canvas.markup.close();
    Ok(())
}

/// A rectangle outline in px.
pub(super) fn frame_rect(
    canvas: &Canvas,
    corner: (f64, f64),
    size: (f64, f64),
    style: ShapeStyle,
) -> Drawn {
    let (x, y) = (corner.0.round() as i32, corner.1.round() as i32);
    let (w, h) = (size.0.round() as i32, size.1.round() as i32);
    canvas
        .area
        .draw(&Rectangle::new([(x, y), (x + w, y + h)], style))
}

pub(super) fn scale_bar(canvas: &Canvas, panel: &Equirectangular, x: f64, y: f64) -> Drawn {
    let km_per_px = panel.km_per_px();
    let km = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 250.0, 500.0]
        .into_iter()
        .rev()
        .find(|km| km / km_per_px <= 150.0)
        .unwrap_or(1.0);
    let length = (km / km_per_px).round();
    let half = (length / 2.0).round();
    let ink = rgb("#333333");
    canvas.markup.open(&[("class", "scale-bar")]);
    frame_rect(
        canvas,
        (x - 6.0, y - 16.0),
        (length + 44.0, 32.0),
        WHITE.filled(),
    )?;
    frame_rect(canvas, (x, y), (half, 5.0), ink.filled())?;
    frame_rect(canvas, (x, y), (length, 5.0), ink.stroke_width(1))?;
    let style = TextStyle::new(11.0).fill("#333333").align(Align::Center);
    text(canvas, x, y - 4.0, "0", style)?;
    text(canvas, x + half, y - 4.0, &number(km / 2.0), style)?;
    text(
        canvas,
        x + length,
        y - 4.0,
        &format!("{} km", number(km)),
        style.align(Align::Left),
    )?;
    canvas.markup.close();
    Ok(())
}

/// A distance with at most one decimal and none when whole: `125`, `2.5`.
fn number(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_string()
}

fn country_labels(canvas: &Canvas, panel: &Equirectangular, countries: &[Region]) -> Drawn {
    for country in countries {
        let visible = country
            .area
            .intersection(&Polygon::from(panel.extent.rect()));
        let Some(point) = visible.interior_point() else {
            continue;
        };
        let libya = country.iso_a2 == "LY";
        let (x, y) = if libya {
            panel.xy(17.5, 27.0)
        } else {
            panel.xy(point.x(), point.y())
        };
        let size = if libya { 18.0 } else { 12.0 };
        let name = if libya {
            country.name.to_uppercase()
        } else {
            country.name.clone()
        };
        let half = text_width(&name, size, true).max(text_width(&country.name_ar, size, false))
            / 2.0
            + 4.0;
        let x = x.clamp(panel.left + half, panel.left + panel.width() - half);
        let y = y.clamp(
            panel.top + size + 4.0,
            panel.top + panel.height() - size - 8.0,
        );
        two_line_label(
            canvas,
            (x, y),
            (&name, &country.name_ar),
            size,
            if libya { "#6f6a5c" } else { "#8a877d" },
        )?;
    }
    Ok(())
}

/// Renders the chart as SVG text.
pub fn render(
    events: &[&Event],
    fronts: &Fronts,
    basemap: &Basemap,
    options: &ChartOptions,
) -> String {
    let title = options.title.as_deref().unwrap_or(TITLE);
    let shown: Vec<&Event> = events
        .iter()
        .copied()
        .filter(|e| LIBYA.contains(e.point))
        .collect();
    let mut left_out: Vec<&str> = events
        .iter()
        .filter(|e| !LIBYA.contains(e.point))
        .map(|e| e.location.as_str())
        .collect();
    left_out.sort_unstable();
    left_out.dedup();
    let in_inset = events.iter().filter(|e| TRIPOLI.contains(e.point)).count();
    let detail = if events.is_empty() {
        "No events in this selection; front areas and the basemap are shown for reference."
            .to_string()
    } else {
        format!(
            "{} events mapped; {} of them in greater Tripoli, enlarged on the right. A dot's area grows with the events reported at one place.",
            shown.len(),
            in_inset
        )
    };
    let top = frame::heading_height(title, TITLE_AR) + 6.0;
    let main = Equirectangular::new(LIBYA, MARGIN, top, MAIN_WIDTH);
    let inset_left = MARGIN + MAIN_WIDTH + PANEL_GAP;
    let inset = Equirectangular::new(TRIPOLI, inset_left, top, WIDTH - MARGIN - inset_left);
    let notes_y = inset.top + inset.height().round() + 22.0;
    let panels_bottom = (main.top + main.height().round()).max(notes_y + 22.0) + 18.0;

    let mut items: Vec<LegendItem> = fronts
        .fronts
        .iter()
        .map(|f| LegendItem {
            color: f.color.clone(),
            swatch: Swatch::Square,
            name: f.name.clone(),
            name_ar: f.name_ar.clone(),
            count: Some(shown.iter().filter(|e| e.front == f.id).count()),
        })
        .collect();
    let unassigned = shown
        .iter()
        .filter(|e| fronts.get(&e.front).is_none())
        .count();
    if unassigned > 0 {
        items.push(LegendItem {
            color: UNASSIGNED_COLOR.to_string(),
            swatch: Swatch::Mark(Shape::Circle),
            name: UNASSIGNED_NAME.to_string(),
            name_ar: UNASSIGNED_NAME_AR.to_string(),
            count: Some(unassigned),
        });
    }
    items.extend(claim_legend(shown.iter().map(|e| e.claim.status), MUTED));
    let legend_top = panels_bottom - 4.0;
    let credit_top = legend_top + legend::headed_legend_height(&items) + 14.0;
    let height = credit_top + frame::credit_height(&options.credit);
    let canvas = page::page(WIDTH as u32, height.ceil() as u32);

    page::expect_drawn((|| -> Drawn {
        frame::heading(&canvas, title, TITLE_AR, &detail)?;
        // Nested areas: the biggest first so the smaller ones inside stay visible.
        let mut by_size: Vec<&Front> = fronts.fronts.iter().collect();
        by_size.sort_by(|a, b| {
            b.area_km2
                .total_cmp(&a.area_km2)
                .then_with(|| a.id.cmp(&b.id))
        });
        let body = canvas.area.clone().shrink(
            (MARGIN as i32, top as i32),
            ((WIDTH - 2.0 * MARGIN) as u32, main.height().round() as u32),
        );
        let (main_area, rest) = body.split_horizontally(MAIN_WIDTH as i32);
        let inset_area = rest.shrink(
            (PANEL_GAP as i32, 0),
            (inset.width().round() as u32, inset.height().round() as u32),
        );
        let main_panel = panel_of(&main_area, LIBYA);
        let inset_panel = panel_of(&inset_area, TRIPOLI);
        let (main, inset) = (*main_panel.as_coord_spec(), *inset_panel.as_coord_spec());

        canvas.markup.open(&[("class", "main-map")]);
        draw_regions(&canvas, &main_panel, basemap)?;
        draw_fronts(&canvas, &main_panel, &by_size, "0.8")?;
        draw_dots(&canvas, &main_panel, &dots(&shown, fronts, LIBYA), 3.0)?;
        canvas.markup.close();
        country_labels(&canvas, &main, &basemap.countries)?;
        let (sx, sy) = main.xy(19.6, 33.6);
        let sea = TextStyle::new(12.0).fill("#5b7d96").align(Align::Center);
        text(&canvas, sx, sy, "Mediterranean Sea", sea)?;
        text(&canvas, sx, sy + 15.0, "البحر الأبيض المتوسط", sea.arabic())?;
        let (ix0, iy0) = main.xy(TRIPOLI.west, TRIPOLI.north);
        let (ix1, iy1) = main.xy(TRIPOLI.east, TRIPOLI.south);
        canvas.markup.open(&[("class", "inset-extent")]);
        let dark = rgb("#111111").stroke_width(2);
        frame_rect(
            &canvas,
            (ix0 - 1.0, iy0 - 1.0),
            (ix1 - ix0 + 2.0, iy1 - iy0 + 2.0),
            dark,
        )?;
        canvas.markup.close();
        text(
            &canvas,
            ix1 + 6.0,
            iy0 - 4.0,
            "Inset",
            TextStyle::new(11.0).bold().halo(),
        )?;
        frame_rect(
            &canvas,
            (main.left, main.top),
            (main.width(), main.height()),
            rgb("#8c8c8c").stroke_width(1),
        )?;
        scale_bar(
            &canvas,
            &main,
            main.left + 16.0,
            main.top + main.height() - 16.0,
        )?;

        let inset_dots = dots(&shown, fronts, TRIPOLI);
        let dots_at: Vec<(f64, f64, f64)> = inset_dots
            .iter()
            .map(|d| {
                let (x, y) = inset.xy(d.point.x(), d.point.y());
                (x, y, dot_radius(d.events.len(), 4.0))
            })
            .collect();
        canvas.markup.open(&[("class", "inset-map")]);
        draw_regions(&canvas, &inset_panel, basemap)?;
        draw_fronts(&canvas, &inset_panel, &by_size, "1.2")?;
        draw_dots(&canvas, &inset_panel, &inset_dots, 4.0)?;
        canvas.markup.close();
        label_fronts(&canvas, &inset, &by_size, &dots_at)?;
        frame_rect(
            &canvas,
            (inset.left, inset.top),
            (inset.width(), inset.height()),
            dark,
        )?;
        frame_rect(
            &canvas,
            (inset.left, inset.top),
            (250.0, 24.0),
            WHITE.filled(),
        )?;
        text(
            &canvas,
            inset.left + 8.0,
            inset.top + 17.0,
            "Inset: greater Tripoli",
            TextStyle::new(12.5).bold(),
        )?;
        let arabic = TextStyle::new(12.5).bold().arabic().align(Align::Right);
        text(
            &canvas,
            inset.left + 242.0,
            inset.top + 17.0,
            "طرابلس الكبرى",
            arabic,
        )?;
        scale_bar(
            &canvas,
            &inset,
            inset.left + inset.width() - 150.0,
            inset.top + inset.height() - 14.0,
        )?;

        // Notes under the inset: dot sizes and what the map leaves out.
        let note = TextStyle::new(12.0).fill(MUTED);
        text(&canvas, inset.left, notes_y, "Events at one place:", note)?;
        let mut x = inset.left + 130.0;
        for n in [1usize, 5, 10] {
            let r = dot_radius(n, 4.0).round();
            let centre = ((x + r).round() as i32, (notes_y - 4.0).round() as i32);
            canvas
                .area
                .draw(&Circle::new(centre, r as u32, rgb(MUTED).stroke_width(1)))?;
            text(&canvas, x + 2.0 * r + 4.0, notes_y, &n.to_string(), note)?;
            x += 2.0 * r + 30.0;
        }
        if events.is_empty() {
            frame::no_events(
                &canvas,
                main.left + main.width() / 2.0,
                main.top + main.height() / 2.0 + 60.0,
            )?;
        } else if !left_out.is_empty() {
            let count = events.len() - shown.len();
            let mut places = left_out
                .iter()
                .take(4)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            if left_out.len() > 4 {
                places.push_str(", …");
            }
            let line = format!(
                "{count} {} outside this map not drawn ({places}).",
                if count == 1 { "event" } else { "events" }
            );
            text(&canvas, inset.left, notes_y + 22.0, &line, note)?;
        }
        legend::headed_legend(
            &canvas,
            ("Front areas (events mapped)", "مناطق الجبهات"),
            &items,
            legend_top,
        )?;
        frame::credit(&canvas, &options.credit, credit_top)
    })());
    canvas.finish(title)
}

/// A drawing area with the map's projection of `extent` as its coordinates.
pub(super) fn panel_of(area: &DrawingArea<Page, Shift>, extent: Extent) -> Panel {
    let (left, top) = area.get_base_pixel();
    let (width, _) = area.dim_in_pixel();
    area.apply_coord_spec(Equirectangular::new(
        extent,
        f64::from(left),
        f64::from(top),
        f64::from(width),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::fixtures::{event, front, fronts, is_rtl, options, text_at, texts};
    use crate::event::UNASSIGNED;
    use geo::Rect;

    fn region(
        name: &str,
        name_ar: &str,
        iso_a2: &str,
        west: f64,
        south: f64,
        east: f64,
        north: f64,
    ) -> Region {
        Region {
            name: name.to_string(),
            name_ar: name_ar.to_string(),
            iso_a2: iso_a2.to_string(),
            area: MultiPolygon(vec![Polygon::from(Rect::new((west, south), (east, north)))]),
        }
    }

    fn basemap() -> Basemap {
        Basemap {
            countries: vec![
                region("Libya", "ليبيا", "LY", 9.5, 19.5, 25.0, 33.0),
                region("Tunisia", "تونس", "TN", 7.5, 30.0, 9.5, 37.0),
            ],
            admin1: vec![region("Tripoli", "طرابلس", "LY", 12.8, 32.3, 13.7, 33.0)],
        }
    }

    fn sample() -> Vec<Event> {
        vec![
            event("LBY1", "2019-04-04", "airport-road", 13.15, 32.8),
            event("LBY2", "2019-04-05", "airport-road", 13.15, 32.8),
            event("LBY3", "2019-04-06", "ain-zara", 13.25, 32.8),
            event("LBY4", "2020-01-06", "sirte-jufra", 16.6, 31.2),
            Event {
                location: "Berlin".to_string(),
                ..event("LBY5", "2020-01-19", UNASSIGNED, 13.4, 52.52)
            },
            Event {
                location: "Geneva".to_string(),
                ..event("LBY6", "2020-10-23", UNASSIGNED, 6.15, 46.2)
            },
        ]
    }

    #[test]
    fn events_outside_the_map_are_counted_and_not_drawn() {
        let events = sample();
        let refs: Vec<&Event> = events.iter().collect();
        let out = render(&refs, &fronts(), &basemap(), &options());
        assert!(
            out.contains("2 events outside this map not drawn (Berlin, Geneva)."),
            "{out}"
        );
        assert!(!out.contains("LBY5") && !out.contains("LBY6"));
        assert!(out.contains("4 events mapped; 3 of them in greater Tripoli"));
    }

    #[test]
    fn events_at_one_place_share_a_dot_in_both_panels() {
        let events = sample();
        let refs: Vec<&Event> = events.iter().collect();
        let out = render(&refs, &fronts(), &basemap(), &options());
        let dots = |front: &str, count: usize| {
            out.matches(&format!("data-front=\"{front}\" data-count=\"{count}\""))
                .count()
        };
        assert_eq!(
            dots("airport-road", 2),
            2,
            "one dot on the main map, one in the inset"
        );
        assert_eq!(dots("ain-zara", 1), 2);
        assert_eq!(dots("sirte-jufra", 1), 1, "Sirte is outside the inset");
    }

    #[test]
    fn legend_and_inset_name_fronts_in_english_and_arabic() {
        let events = sample();
        let refs: Vec<&Event> = events.iter().collect();
        let out = render(&refs, &fronts(), &basemap(), &options());
        for name in ["Airport Road (2)", "Ain Zara (1)", "Sirte and Jufra (1)"] {
            assert!(text_at(&out, name).is_some(), "{name} in legend");
        }
        let arabic: Vec<usize> = texts(&out)
            .into_iter()
            .filter(|(_, _, c)| *c == "عين زارة")
            .map(|(at, _, _)| at)
            .collect();
        assert!(arabic.len() >= 2, "legend and inset label");
        assert!(arabic.iter().all(|at| is_rtl(&out, *at)));
        assert!(out.contains("class=\"inset-extent\""));
        assert!(texts(&out).iter().any(|(_, _, c)| c.ends_with(" km")));
    }

    #[test]
    fn inset_labels_do_not_overlap() {
        let many: Vec<Front> = (0..12)
            .map(|i| {
                let (lon, lat) = (
                    13.1 + 0.02 * f64::from(i % 4),
                    32.8 + 0.02 * f64::from(i / 4),
                );
                front(
                    &format!("f{i}"),
                    (&format!("Front number {i}"), "جبهة"),
                    "#336699",
                    i64::from(i),
                    (lon, lat, 0.008),
                )
            })
            .collect();
        let refs: Vec<&Front> = many.iter().collect();
        let panel = Equirectangular::new(TRIPOLI, 620.0, 100.0, 540.0);
        let labels = layout_front_labels(&panel, &refs, &[]);
        assert_eq!(labels.len(), many.len(), "every front is named");
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                assert!(
                    !boxes_overlap(&a.bounds, &b.bounds),
                    "{} and {}",
                    a.front.id,
                    b.front.id
                );
            }
        }
    }

    #[test]
    fn empty_selection_and_repeat_runs() {
        let out = render(&[], &fronts(), &basemap(), &options());
        assert!(out.contains("No events in this selection") && out.ends_with("</svg>\n"));
        let events = sample();
        let forward: Vec<&Event> = events.iter().collect();
        let backward: Vec<&Event> = events.iter().rev().collect();
        let a = render(&forward, &fronts(), &basemap(), &options());
        assert_eq!(a, render(&backward, &fronts(), &basemap(), &options()));
    }
}
