//! `charts/front-movement.svg`: small multiples of the war's movement, one panel per phase
//! of the war (or per chosen day): the areas each side held on the panel's day, the
//! contested places' areas, the line of contact, every place with evidence, and the places
//! that changed hands since the panel before, named in English and Arabic.
//!
//! Each panel is a plotters drawing area with the map's projection as its coordinate
//! system ([`Equirectangular`]), as `map.svg`'s panels are; areas are cut to the panel
//! first, as plotters' SVG backend has no clip paths. Placing the names of the places that
//! changed hands so none covers another is frontline's.

use super::fonts::text_width;
use super::frame::{self, MARGIN, WIDTH};
use super::legend::{self, LegendItem, Swatch};
use super::map::{draw_regions, frame_rect, panel_of, rings, Panel};
use super::page::{self, Canvas, Drawn};
use super::palette::{rgb, MUTED};
use super::projection::{Equirectangular, Extent};
use super::text::{text, Align, TextStyle};
use super::ChartOptions;
use crate::basemap::Basemap;
use crate::control::areas::{Snapshot, CONTESTED};
use crate::control::history::{History, Holding, Status};
use crate::control::layer::CONTESTED_COLOR;
use crate::control::sides::Sides;
use chrono::NaiveDate;
use plotters::element::{Circle, PathElement, Polygon as Area};
use plotters::style::{Color, WHITE};

const TITLE: &str = "The war's movement: who held what, phase by phase";
const TITLE_AR: &str = "تحرك الجبهات: من سيطر على ماذا في كل مرحلة";

/// What the panels show: north-west Libya from the Tunisian border to Sirte and al-Jufra,
/// where the war for Tripoli was fought.
pub const THEATRE: Extent = Extent {
    west: 10.9,
    east: 17.5,
    south: 28.7,
    north: 33.25,
};

const COLUMNS: usize = 2;
const GAP: f64 = 20.0;
const PANEL_HEAD: f64 = 40.0;
const LABEL_SIZE: f64 = 11.0;

/// One panel: its day and headings, and the day of the panel before (changes since then
/// are named).
#[derive(Clone, Debug, PartialEq)]
pub struct PanelSpec {
    /// English heading.
    pub title: String,
    /// Arabic heading.
    pub title_ar: String,
    /// The day whose areas are drawn.
    pub day: NaiveDate,
    /// Places whose standing changed after this day are named.
    pub since: Option<NaiveDate>,
}

/// One panel's data.
struct Drawing<'a> {
    spec: &'a PanelSpec,
    holdings: Vec<Holding<'a>>,
    snapshot: &'a Snapshot,
    changed: Vec<usize>,
}

fn class_color(class: &str, sides: &Sides) -> String {
    if class == CONTESTED {
        CONTESTED_COLOR.to_string()
    } else {
        sides.display(class).color
    }
}

fn standing(h: &Holding) -> (Status, Option<String>) {
    (h.status, h.class().map(str::to_string))
}

/// Renders the panels as SVG text; `snapshots` are the areas of each panel's day.
pub fn render(
    history: &History,
    panels: &[PanelSpec],
    snapshots: &[Snapshot],
    sides: &Sides,
    basemap: &Basemap,
    options: &ChartOptions,
) -> String {
    let title = options.title.as_deref().unwrap_or(TITLE);
    let drawings: Vec<Drawing> = panels
        .iter()
        .zip(snapshots)
        .map(|(spec, snapshot)| {
            let holdings = history.at(spec.day);
            let changed = match spec.since {
                Some(since) => (0..history.places.len())
                    .filter(|&i| {
                        let before = history.place_at(i, since);
                        holdings[i].status != Status::Unknown
                            && standing(&before) != standing(&holdings[i])
                    })
                    .collect(),
                None => Vec::new(),
            };
            Drawing {
                spec,
                holdings,
                snapshot,
                changed,
            }
        })
        .collect();
    let outside: Vec<&str> = history
        .places
        .iter()
        .filter(|p| !THEATRE.contains(p.point))
        .map(|p| p.name.as_str())
        .collect();
    let mut detail = format!(
        "Areas derived from sourced changes of control at {} places: each known place's Voronoi cell, cut to Libya's outline and to its reach. Named: places that changed hands since the panel before.",
        history.places.len()
    );
    if !outside.is_empty() {
        detail.push_str(&format!(" Outside the map: {}.", outside.join(", ")));
    }
    let detail_lines = frame::credit_lines(&detail);

    let panel_width = (WIDTH - 2.0 * MARGIN - GAP * (COLUMNS as f64 - 1.0)) / COLUMNS as f64;
    let probe = Equirectangular::new(THEATRE, 0.0, 0.0, panel_width);
    let panel_height = probe.height().round();
    let top = frame::heading_height(title, TITLE_AR) + 15.0 * detail_lines.len() as f64;
    let rows = drawings.len().div_ceil(COLUMNS).max(1);
    let body_bottom = top + rows as f64 * (PANEL_HEAD + panel_height + GAP);

    let mut items: Vec<LegendItem> = sides
        .sides
        .iter()
        .map(|s| LegendItem {
            color: s.color.clone(),
            swatch: Swatch::Square,
            name: format!("Area held by the {}", s.short),
            name_ar: s.name_ar.clone(),
            count: None,
        })
        .collect();
    items.push(LegendItem {
        color: CONTESTED_COLOR.to_string(),
        swatch: Swatch::Square,
        name: "Contested: fought over or claimed, holder unknown".to_string(),
        name_ar: "متنازع عليه".to_string(),
        count: None,
    });
    items.push(LegendItem {
        color: "#1a1a1a".to_string(),
        swatch: Swatch::Bar,
        name: "Line of contact".to_string(),
        name_ar: "خط التماس".to_string(),
        count: None,
    });
    items.push(LegendItem {
        color: "#9a9a9a".to_string(),
        swatch: Swatch::Ring,
        name: "Place with no evidence yet".to_string(),
        name_ar: "مكان بلا دليل بعد".to_string(),
        count: None,
    });
    let legend_top = body_bottom + 4.0;
    let credit_top = legend_top + legend::headed_legend_height(&items) + 14.0;
    let height = credit_top + frame::credit_height(&options.credit);
    let canvas = page::page(WIDTH as u32, height.ceil() as u32);

    page::expect_drawn((|| -> Drawn {
        frame::heading(&canvas, title, TITLE_AR, "")?;
        let detail_top = frame::heading_height(title, TITLE_AR) - 22.0;
        for (i, line) in detail_lines.iter().enumerate() {
            text(
                &canvas,
                MARGIN,
                detail_top + 15.0 * i as f64,
                line,
                TextStyle::new(11.0).fill(MUTED),
            )?;
        }
        for (n, drawing) in drawings.iter().enumerate() {
            let left = MARGIN + (n % COLUMNS) as f64 * (panel_width + GAP);
            let head = top + (n / COLUMNS) as f64 * (PANEL_HEAD + panel_height + GAP);
            draw_panel(&canvas, drawing, sides, basemap, (left, head), panel_width)?;
        }
        legend::headed_legend(
            &canvas,
            ("Areas of control", "مناطق السيطرة"),
            &items,
            legend_top,
        )?;
        frame::credit(&canvas, &options.credit, credit_top)
    })());
    canvas.finish(title)
}

fn draw_panel(
    canvas: &Canvas,
    drawing: &Drawing,
    sides: &Sides,
    basemap: &Basemap,
    (left, head): (f64, f64),
    width: f64,
) -> Drawn {
    let spec = drawing.spec;
    text(
        canvas,
        left,
        head + 16.0,
        &spec.title,
        TextStyle::new(14.0).bold(),
    )?;
    text(
        canvas,
        left + width,
        head + 16.0,
        &spec.title_ar,
        TextStyle::new(14.0).bold().arabic().align(Align::Right),
    )?;
    let day = format!("Areas on {}", spec.day.format("%-d %B %Y"));
    text(
        canvas,
        left,
        head + 33.0,
        &day,
        TextStyle::new(11.5).fill(MUTED),
    )?;

    let top = head + PANEL_HEAD;
    let projection = Equirectangular::new(THEATRE, left, top, width);
    let area = canvas.area.clone().shrink(
        (left as i32, top as i32),
        (width.round() as u32, projection.height().round() as u32),
    );
    let panel: Panel = panel_of(&area, THEATRE);
    let projection = *panel.as_coord_spec();
    canvas
        .markup
        .open(&[("class", "panel"), ("data-day", &spec.day.to_string())]);
    draw_regions(canvas, &panel, basemap)?;

    canvas
        .markup
        .open(&[("class", "areas"), ("fill-opacity", "0.55")]);
    for side_area in &drawing.snapshot.areas {
        let color = class_color(&side_area.class, sides);
        canvas.markup.open_titled(
            &[
                ("data-side", &side_area.class),
                ("stroke", &color),
                ("stroke-width", "0.8"),
            ],
            &format!(
                "{}: {:.0} km², {} places",
                side_area.class, side_area.km2, side_area.places
            ),
        );
        for ring in rings(&projection, &side_area.area) {
            panel.draw(&Area::new(ring, rgb(&color).filled()))?;
        }
        canvas.markup.close();
    }
    canvas.markup.close();

    canvas.markup.open(&[("class", "contact")]);
    for contact in &drawing.snapshot.contacts {
        for line in &contact.line {
            let points: Vec<(f64, f64)> = line
                .coords()
                .filter(|c| THEATRE.contains(geo::Point::new(c.x, c.y)))
                .map(|c| (c.x, c.y))
                .collect();
            if points.len() > 1 {
                panel.draw(&PathElement::new(points, rgb("#1a1a1a").stroke_width(2)))?;
            }
        }
    }
    canvas.markup.close();

    canvas.markup.open(&[("class", "places")]);
    let mut dots = Vec::new();
    for h in &drawing.holdings {
        if !THEATRE.contains(h.place.point) {
            continue;
        }
        let at = (h.place.point.x(), h.place.point.y());
        let tip = match h.status {
            Status::Unknown => format!("{}: no evidence yet", h.place.name),
            _ => format!(
                "{}: {}{}",
                h.place.name,
                h.status.as_str(),
                h.holder
                    .map(|s| format!(" ({})", sides.display(s).short))
                    .unwrap_or_default()
            ),
        };
        canvas
            .markup
            .open_titled(&[("data-place", &h.place.name)], &tip);
        match h.class() {
            Some(side) => {
                panel.draw(&Circle::new(at, 4, WHITE.filled()))?;
                panel.draw(&Circle::new(
                    at,
                    3,
                    rgb(&sides.display(side).color).filled(),
                ))?;
            }
            None if h.status == Status::Contested => {
                panel.draw(&Circle::new(at, 4, WHITE.filled()))?;
                panel.draw(&Circle::new(at, 3, rgb(CONTESTED_COLOR).filled()))?;
            }
            None => panel.draw(&Circle::new(at, 3, rgb("#9a9a9a").stroke_width(1)))?,
        }
        canvas.markup.close();
        dots.push(projection.xy(at.0, at.1));
    }
    canvas.markup.close();

    let bounds = (
        projection.left + 3.0,
        projection.top + 3.0,
        projection.left + projection.width() - 3.0,
        projection.top + projection.height() - 3.0,
    );
    let labels: Vec<(usize, (f64, f64))> = drawing
        .changed
        .iter()
        .filter(|&&i| THEATRE.contains(drawing.holdings[i].place.point))
        .map(|&i| {
            let p = drawing.holdings[i].place.point;
            (i, projection.xy(p.x(), p.y()))
        })
        .collect();
    let placed = place_labels(&labels, &drawing.holdings, &dots, bounds);
    canvas.markup.open(&[("class", "changed")]);
    let ink = rgb("#333333");
    for label in &placed {
        let h = &drawing.holdings[label.place];
        let color = match h.class() {
            Some(side) => sides.display(side).color,
            None => "#8a6100".to_string(),
        };
        if label.moved {
            let (from, to) = label.leader();
            canvas.area.draw(&PathElement::new(
                vec![
                    (from.0.round() as i32, from.1.round() as i32),
                    (to.0.round() as i32, to.1.round() as i32),
                ],
                ink.stroke_width(1),
            ))?;
        }
        let style = TextStyle::new(LABEL_SIZE).fill(&color).halo();
        text(
            canvas,
            label.at.0,
            label.at.1,
            &h.place.name,
            style.bold().align(Align::Center),
        )?;
        if !h.place.name_ar.is_empty() {
            text(
                canvas,
                label.at.0,
                label.at.1 + LABEL_SIZE + 3.0,
                &h.place.name_ar,
                style.arabic().align(Align::Center),
            )?;
        }
    }
    canvas.markup.close();
    let skipped = labels.len() - placed.len();
    if skipped > 0 {
        let note = format!("{skipped} more changed hands (not named: no room)");
        text(
            canvas,
            bounds.0 + 4.0,
            bounds.3 - 6.0,
            &note,
            TextStyle::new(10.5).fill(MUTED).halo(),
        )?;
    }
    canvas.markup.close();
    frame_rect(
        canvas,
        (projection.left, projection.top),
        (projection.width(), projection.height()),
        rgb("#8c8c8c").stroke_width(1),
    )
}

/// A placed name: its place, the centre of its English line's baseline, its box, and
/// whether it sits away from its point.
struct Label {
    place: usize,
    anchor: (f64, f64),
    at: (f64, f64),
    bounds: (f64, f64, f64, f64),
    moved: bool,
}

impl Label {
    fn leader(&self) -> ((f64, f64), (f64, f64)) {
        let b = self.bounds;
        (
            self.anchor,
            (self.anchor.0.clamp(b.0, b.2), self.anchor.1.clamp(b.1, b.3)),
        )
    }
}

fn overlap(a: &(f64, f64, f64, f64), b: &(f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Places the names beside their points, trying spots further out until a name covers no
/// other name and no dot; a name that finds no room is left out (and counted).
fn place_labels(
    labels: &[(usize, (f64, f64))],
    holdings: &[Holding],
    dots: &[(f64, f64)],
    bounds: (f64, f64, f64, f64),
) -> Vec<Label> {
    let mut order: Vec<&(usize, (f64, f64))> = labels.iter().collect();
    // West to east, then north to south: a stable order for the same data.
    order.sort_by(|a, b| {
        a.1 .0
            .total_cmp(&b.1 .0)
            .then(a.1 .1.total_cmp(&b.1 .1))
            .then(a.0.cmp(&b.0))
    });
    let mut placed: Vec<Label> = Vec::new();
    for &&(place, anchor) in &order {
        let h = &holdings[place];
        let w = text_width(&h.place.name, LABEL_SIZE, true).max(text_width(
            &h.place.name_ar,
            LABEL_SIZE,
            false,
        )) + 4.0;
        let lines = if h.place.name_ar.is_empty() { 1.0 } else { 2.0 };
        let tall = lines * (LABEL_SIZE + 3.0);
        let chosen = (0..10).find_map(|ring| {
            let d = 10.0 + 14.0 * ring as f64;
            (0..12).find_map(|step| {
                let angle = std::f64::consts::TAU * step as f64 / 12.0;
                let cx = anchor.0 + d * angle.cos() * 1.4;
                let cy = anchor.1 + d * angle.sin();
                let b = (cx - w / 2.0, cy - tall / 2.0, cx + w / 2.0, cy + tall / 2.0);
                let inside =
                    b.0 >= bounds.0 && b.1 >= bounds.1 && b.2 <= bounds.2 && b.3 <= bounds.3;
                let clear = placed.iter().all(|o| !overlap(&o.bounds, &b))
                    && dots
                        .iter()
                        .all(|(x, y)| !overlap(&b, &(x - 4.0, y - 4.0, x + 4.0, y + 4.0)));
                (inside && clear).then_some(Label {
                    place,
                    anchor,
                    at: (cx, b.1 + LABEL_SIZE),
                    bounds: b,
                    moved: ring > 0,
                })
            })
        });
        placed.extend(chosen);
    }
    placed.sort_by_key(|l| l.place);
    placed
}
