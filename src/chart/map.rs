//! `charts/map.svg`: Libya and its neighbours, admin-1 regions, front areas and events
//! coloured by front, with an inset on greater Tripoli where the fronts crowd.
//!
//! Both panels use an equirectangular projection whose x is scaled by the cosine of the
//! panel's middle latitude, so distances read true along that parallel.

use super::svg::{self, Align, LegendItem, Svg, Swatch, TextStyle, MARGIN, MUTED, WIDTH};
use super::ChartOptions;
use crate::basemap::{Basemap, Region};
use crate::event::Event;
use crate::front::{Front, Fronts};
use geo::{
    BooleanOps, BoundingRect, Distance, Haversine, InteriorPoint, MultiPolygon, Point, Polygon,
    Rect,
};

const TITLE: &str = "Events of the war for Tripoli, by front";
const TITLE_AR: &str = "أحداث الحرب على طرابلس حسب الجبهة";

/// Longitude and latitude bounds of a panel: west, east, south, north.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Extent {
    west: f64,
    east: f64,
    south: f64,
    north: f64,
}

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

impl Extent {
    fn contains(&self, point: Point<f64>) -> bool {
        (self.west..=self.east).contains(&point.x())
            && (self.south..=self.north).contains(&point.y())
    }

    fn rect(&self) -> Rect<f64> {
        Rect::new((self.west, self.south), (self.east, self.north))
    }

    fn overlaps(&self, other: &Rect<f64>) -> bool {
        other.min().x <= self.east
            && other.max().x >= self.west
            && other.min().y <= self.north
            && other.max().y >= self.south
    }
}

/// An extent placed on the page.
#[derive(Clone, Copy, Debug)]
struct Panel {
    extent: Extent,
    left: f64,
    top: f64,
    /// px per degree of latitude.
    k: f64,
    /// Cosine of the middle latitude.
    cos: f64,
}

impl Panel {
    fn new(extent: Extent, left: f64, top: f64, width: f64) -> Panel {
        let cos = ((extent.south + extent.north) / 2.0).to_radians().cos();
        Panel {
            extent,
            left,
            top,
            k: width / ((extent.east - extent.west) * cos),
            cos,
        }
    }

    fn width(&self) -> f64 {
        (self.extent.east - self.extent.west) * self.cos * self.k
    }

    fn height(&self) -> f64 {
        (self.extent.north - self.extent.south) * self.k
    }

    /// Page position of a longitude and latitude.
    fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.left + (lon - self.extent.west) * self.cos * self.k,
            self.top + (self.extent.north - lat) * self.k,
        )
    }

    /// km per px along the middle parallel, measured with the haversine formula.
    fn km_per_px(&self) -> f64 {
        let lat = (self.extent.south + self.extent.north) / 2.0;
        let lon = (self.extent.west + self.extent.east) / 2.0;
        let metres = Haversine.distance(Point::new(lon, lat), Point::new(lon + 1.0, lat));
        metres / 1000.0 / (self.cos * self.k)
    }

    /// SVG path data for an area, dropping vertices closer than half a px to the last kept.
    fn path(&self, area: &MultiPolygon<f64>) -> String {
        let mut d = String::new();
        for polygon in area {
            if polygon
                .bounding_rect()
                .is_some_and(|r| !self.extent.overlaps(&r))
            {
                continue;
            }
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                let mut last: Option<(f64, f64)> = None;
                let mut count = 0;
                let points: Vec<(f64, f64)> = ring.coords().map(|c| self.xy(c.x, c.y)).collect();
                for (i, &(x, y)) in points.iter().enumerate() {
                    let is_last = i + 1 == points.len();
                    if let Some((lx, ly)) = last {
                        if !is_last && (x - lx).abs() < 0.5 && (y - ly).abs() < 0.5 {
                            continue;
                        }
                    }
                    d.push(if count == 0 { 'M' } else { 'L' });
                    d.push_str(&svg::num(x));
                    d.push(' ');
                    d.push_str(&svg::num(y));
                    last = Some((x, y));
                    count += 1;
                }
                if count > 0 {
                    d.push('Z');
                }
            }
        }
        d
    }

    /// The part of an area inside the panel.
    fn visible(&self, area: &MultiPolygon<f64>) -> MultiPolygon<f64> {
        area.intersection(&Polygon::from(self.extent.rect()))
    }

    fn clip(&self, doc: &mut Svg, id: &str) {
        doc.open("clipPath", &[("id", id)]);
        doc.rect(self.left, self.top, self.width(), self.height(), "#000000");
        doc.close("clipPath");
    }
}

/// Events at one place of one front, drawn as one dot whose area grows with their number.
#[derive(Clone, Debug)]
struct Dot<'a> {
    point: Point<f64>,
    color: String,
    front: String,
    events: Vec<&'a Event>,
}

fn dots<'a>(events: &[&'a Event], fronts: &Fronts, extent: Extent) -> Vec<Dot<'a>> {
    let mut out: Vec<Dot> = Vec::new();
    for s in svg::series(events, fronts) {
        for event in s.events {
            if !extent.contains(event.point) {
                continue;
            }
            match out
                .iter_mut()
                .find(|d| d.front == s.id && d.point == event.point)
            {
                Some(dot) => dot.events.push(event),
                None => out.push(Dot {
                    point: event.point,
                    color: s.color.clone(),
                    front: s.id.clone(),
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
    });
    out
}

fn dot_radius(count: usize, base: f64) -> f64 {
    base * (count as f64).sqrt().min(4.0)
}

fn draw_dots(doc: &mut Svg, panel: &Panel, dots: &[Dot], base: f64) {
    doc.open("g", &[("class", "events")]);
    for dot in dots {
        let (x, y) = panel.xy(dot.point.x(), dot.point.y());
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
        doc.titled(
            "circle",
            &[
                ("cx", &svg::num(x)),
                ("cy", &svg::num(y)),
                ("r", &svg::num(dot_radius(dot.events.len(), base))),
                ("fill", &dot.color),
                ("fill-opacity", "0.9"),
                ("stroke", "#ffffff"),
                ("stroke-width", "0.8"),
                ("data-front", &dot.front),
                ("data-count", &dot.events.len().to_string()),
            ],
            &tip,
        );
    }
    doc.close("g");
}

fn draw_regions(doc: &mut Svg, panel: &Panel, basemap: &Basemap, admin_width: &str) {
    doc.rect(panel.left, panel.top, panel.width(), panel.height(), SEA);
    for country in &basemap.countries {
        let libya = country.iso_a2 == "LY";
        let d = panel.path(&country.area);
        if d.is_empty() {
            continue;
        }
        doc.leaf(
            "path",
            &[
                ("d", &d),
                ("fill", if libya { LIBYA_FILL } else { LAND }),
                ("stroke", if libya { "#6f6a5c" } else { "#aaa79c" }),
                ("stroke-width", if libya { "1.2" } else { "0.8" }),
                ("fill-rule", "evenodd"),
                ("data-country", &country.iso_a2),
            ],
        );
    }
    for region in basemap
        .admin1
        .iter()
        .filter(|r| r.iso_a2 == "LY" || r.iso_a2.is_empty())
    {
        let d = panel.path(&region.area);
        if !d.is_empty() {
            doc.leaf(
                "path",
                &[
                    ("d", &d),
                    ("fill", "none"),
                    ("stroke", "#9e9581"),
                    ("stroke-width", admin_width),
                    ("stroke-dasharray", "3 2"),
                ],
            );
        }
    }
}

fn draw_fronts(doc: &mut Svg, panel: &Panel, fronts: &[&Front], stroke_width: &str) {
    doc.open("g", &[("class", "fronts")]);
    for front in fronts {
        let d = panel.path(&front.area);
        if d.is_empty() {
            continue;
        }
        doc.titled(
            "path",
            &[
                ("d", &d),
                ("fill", &front.color),
                ("fill-opacity", "0.28"),
                ("stroke", &front.color),
                ("stroke-width", stroke_width),
                ("fill-rule", "evenodd"),
                ("data-front", &front.id),
            ],
            &format!("{} ({})", front.name, front.name_ar),
        );
    }
    doc.close("g");
}

/// A two-line label's box: left, top, right, bottom.
type LabelBox = (f64, f64, f64, f64);

fn boxes_overlap(a: &LabelBox, b: &LabelBox) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Writes an English name over an Arabic one, centred on `x` with the English baseline at
/// `y`.
fn two_line_label(doc: &mut Svg, x: f64, y: f64, name: &str, name_ar: &str, size: f64, fill: &str) {
    let style = TextStyle::new(size).align(Align::Center).fill(fill).halo();
    doc.text(x, y, name, style.bold());
    if !name_ar.is_empty() {
        doc.text(x, y + size + 3.0, name_ar, style.arabic());
    }
}

fn label_box(x: f64, y: f64, name: &str, name_ar: &str, size: f64) -> LabelBox {
    let w = svg::text_width(name, size, true).max(svg::text_width(name_ar, size, false)) + 6.0;
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
    panel: &Panel,
    fronts: &[&'a Front],
    dots_at: &[(f64, f64, f64)],
) -> Vec<FrontLabel<'a>> {
    let mut anchors: Vec<(&Front, f64, f64, f64)> = fronts
        .iter()
        .filter_map(|f| {
            let visible = panel.visible(&f.area);
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
fn label_fronts(doc: &mut Svg, panel: &Panel, fronts: &[&Front], dots_at: &[(f64, f64, f64)]) {
    let labels = layout_front_labels(panel, fronts, dots_at);
    doc.open("g", &[("class", "front-labels")]);
    for label in labels.iter().filter(|l| l.moved) {
        let (from, to) = label.leader();
        doc.line(from, to, "#333333", 0.8);
        doc.leaf(
            "circle",
            &[
                ("cx", &svg::num(from.0)),
                ("cy", &svg::num(from.1)),
                ("r", "2"),
                ("fill", "#333333"),
            ],
        );
    }
    for label in &labels {
        two_line_label(
            doc,
            label.at.0,
            label.at.1,
            &label.front.name,
            &label.front.name_ar,
            FRONT_LABEL_SIZE,
            "#1a1a1a",
        );
    }
    doc.close("g");
}

fn scale_bar(doc: &mut Svg, panel: &Panel, x: f64, y: f64) {
    let km_per_px = panel.km_per_px();
    let km = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 250.0, 500.0]
        .into_iter()
        .rev()
        .find(|km| km / km_per_px <= 150.0)
        .unwrap_or(1.0);
    let length = km / km_per_px;
    doc.open("g", &[("class", "scale-bar")]);
    doc.rect(x - 6.0, y - 16.0, length + 44.0, 32.0, "#ffffff");
    doc.rect(x, y, length / 2.0, 5.0, "#333333");
    doc.leaf(
        "rect",
        &[
            ("x", &svg::num(x + length / 2.0)),
            ("y", &svg::num(y)),
            ("width", &svg::num(length / 2.0)),
            ("height", "5"),
            ("fill", "#ffffff"),
            ("stroke", "#333333"),
            ("stroke-width", "0.8"),
        ],
    );
    doc.leaf(
        "rect",
        &[
            ("x", &svg::num(x)),
            ("y", &svg::num(y)),
            ("width", &svg::num(length)),
            ("height", "5"),
            ("fill", "none"),
            ("stroke", "#333333"),
            ("stroke-width", "0.8"),
        ],
    );
    let style = TextStyle::new(11.0).fill("#333333").align(Align::Center);
    doc.text(x, y - 4.0, "0", style);
    doc.text(x + length / 2.0, y - 4.0, &svg::num(km / 2.0), style);
    doc.text(
        x + length,
        y - 4.0,
        &format!("{} km", svg::num(km)),
        style.align(Align::Left),
    );
    doc.close("g");
}

fn country_labels(doc: &mut Svg, panel: &Panel, countries: &[Region]) {
    for country in countries {
        let visible = panel.visible(&country.area);
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
        let half =
            svg::text_width(&name, size, true).max(svg::text_width(&country.name_ar, size, false))
                / 2.0
                + 4.0;
        let x = x.clamp(panel.left + half, panel.left + panel.width() - half);
        let y = y.clamp(
            panel.top + size + 4.0,
            panel.top + panel.height() - size - 8.0,
        );
        two_line_label(
            doc,
            x,
            y,
            &name,
            &country.name_ar,
            size,
            if libya { "#6f6a5c" } else { "#8a877d" },
        );
    }
}

/// Renders the chart as SVG text.
pub fn render(
    events: &[&Event],
    fronts: &Fronts,
    basemap: &Basemap,
    options: &ChartOptions,
) -> String {
    let title = options.title.as_deref().unwrap_or(TITLE);
    let mut doc = Svg::new(WIDTH);
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
    let top = svg::heading(&mut doc, title, TITLE_AR, &detail) + 6.0;

    let main = Panel::new(LIBYA, MARGIN, top, MAIN_WIDTH);
    let inset_left = MARGIN + MAIN_WIDTH + PANEL_GAP;
    let inset = Panel::new(TRIPOLI, inset_left, top, WIDTH - MARGIN - inset_left);
    // Nested areas: the biggest first so the smaller ones inside stay visible.
    let mut by_size: Vec<&Front> = fronts.fronts.iter().collect();
    by_size.sort_by(|a, b| {
        b.area_km2
            .total_cmp(&a.area_km2)
            .then_with(|| a.id.cmp(&b.id))
    });

    doc.open("defs", &[]);
    main.clip(&mut doc, "main-map");
    inset.clip(&mut doc, "inset-map");
    doc.close("defs");

    doc.open(
        "g",
        &[("class", "main-map"), ("clip-path", "url(#main-map)")],
    );
    draw_regions(&mut doc, &main, basemap, "0.8");
    draw_fronts(&mut doc, &main, &by_size, "0.8");
    draw_dots(&mut doc, &main, &dots(&shown, fronts, LIBYA), 3.0);
    doc.close("g");
    country_labels(&mut doc, &main, &basemap.countries);
    let (sx, sy) = main.xy(19.6, 33.6);
    doc.text(
        sx,
        sy,
        "Mediterranean Sea",
        TextStyle::new(12.0).fill("#5b7d96").align(Align::Center),
    );
    doc.text(
        sx,
        sy + 15.0,
        "البحر الأبيض المتوسط",
        TextStyle::new(12.0)
            .fill("#5b7d96")
            .align(Align::Center)
            .arabic(),
    );
    let (ix0, iy0) = main.xy(TRIPOLI.west, TRIPOLI.north);
    let (ix1, iy1) = main.xy(TRIPOLI.east, TRIPOLI.south);
    doc.leaf(
        "rect",
        &[
            ("x", &svg::num(ix0 - 1.0)),
            ("y", &svg::num(iy0 - 1.0)),
            ("width", &svg::num(ix1 - ix0 + 2.0)),
            ("height", &svg::num(iy1 - iy0 + 2.0)),
            ("fill", "none"),
            ("stroke", "#111111"),
            ("stroke-width", "1.5"),
            ("class", "inset-extent"),
        ],
    );
    doc.text(
        ix1 + 6.0,
        iy0 - 4.0,
        "Inset",
        TextStyle::new(11.0).bold().halo(),
    );
    doc.leaf(
        "rect",
        &[
            ("x", &svg::num(main.left)),
            ("y", &svg::num(main.top)),
            ("width", &svg::num(main.width())),
            ("height", &svg::num(main.height())),
            ("fill", "none"),
            ("stroke", "#8c8c8c"),
        ],
    );
    scale_bar(
        &mut doc,
        &main,
        main.left + 16.0,
        main.top + main.height() - 16.0,
    );

    let inset_dots = dots(&shown, fronts, TRIPOLI);
    let dots_at: Vec<(f64, f64, f64)> = inset_dots
        .iter()
        .map(|d| {
            let (x, y) = inset.xy(d.point.x(), d.point.y());
            (x, y, dot_radius(d.events.len(), 4.0))
        })
        .collect();
    doc.open(
        "g",
        &[("class", "inset-map"), ("clip-path", "url(#inset-map)")],
    );
    draw_regions(&mut doc, &inset, basemap, "1");
    draw_fronts(&mut doc, &inset, &by_size, "1.2");
    draw_dots(&mut doc, &inset, &inset_dots, 4.0);
    doc.close("g");
    label_fronts(&mut doc, &inset, &by_size, &dots_at);
    doc.leaf(
        "rect",
        &[
            ("x", &svg::num(inset.left)),
            ("y", &svg::num(inset.top)),
            ("width", &svg::num(inset.width())),
            ("height", &svg::num(inset.height())),
            ("fill", "none"),
            ("stroke", "#111111"),
            ("stroke-width", "1.5"),
        ],
    );
    doc.rect(inset.left, inset.top, 250.0, 24.0, "#ffffff");
    doc.text(
        inset.left + 8.0,
        inset.top + 17.0,
        "Inset: greater Tripoli",
        TextStyle::new(13.0).bold(),
    );
    doc.text(
        inset.left + 242.0,
        inset.top + 17.0,
        "طرابلس الكبرى",
        TextStyle::new(13.0).bold().arabic().align(Align::Right),
    );
    scale_bar(
        &mut doc,
        &inset,
        inset.left + inset.width() - 150.0,
        inset.top + inset.height() - 14.0,
    );

    // Notes under the inset: dot sizes and what the map leaves out.
    let mut y = inset.top + inset.height() + 22.0;
    let note = TextStyle::new(12.0).fill(MUTED);
    doc.text(inset.left, y, "Events at one place:", note);
    let mut x = inset.left + 130.0;
    for n in [1usize, 5, 10] {
        let r = dot_radius(n, 4.0);
        doc.leaf(
            "circle",
            &[
                ("cx", &svg::num(x + r)),
                ("cy", &svg::num(y - 4.0)),
                ("r", &svg::num(r)),
                ("fill", "#ffffff"),
                ("stroke", MUTED),
            ],
        );
        doc.text(x + 2.0 * r + 4.0, y, &n.to_string(), note);
        x += 2.0 * r + 30.0;
    }
    y += 22.0;
    if events.is_empty() {
        svg::no_events(
            &mut doc,
            main.left + main.width() / 2.0,
            main.top + main.height() / 2.0 + 60.0,
        );
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
        let text = format!(
            "{count} {} outside this map not drawn ({places}).",
            if count == 1 { "event" } else { "events" }
        );
        doc.text(inset.left, y, &text, note);
    }

    let panels_bottom = (main.top + main.height()).max(y) + 18.0;
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
            color: svg::UNASSIGNED_COLOR.to_string(),
            swatch: Swatch::Mark(svg::Shape::Circle),
            name: svg::UNASSIGNED_NAME.to_string(),
            name_ar: svg::UNASSIGNED_NAME_AR.to_string(),
            count: Some(unassigned),
        });
    }
    svg::finish_with_legend(
        doc,
        ("Front areas (events mapped)", "مناطق الجبهات"),
        &items,
        panels_bottom - 4.0,
        &options.credit,
        title,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::svg::tests::{event, fronts, options};
    use crate::event::UNASSIGNED;

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
        for name in [
            ">Airport Road (2)<",
            ">Ain Zara (1)<",
            ">Sirte and Jufra (1)<",
        ] {
            assert!(out.contains(name), "{name} in legend");
        }
        let arabic: Vec<&str> = out.lines().filter(|l| l.contains(">عين زارة<")).collect();
        assert!(arabic.len() >= 2, "legend and inset label");
        assert!(arabic
            .iter()
            .all(|l| l.contains("direction=\"rtl\"") && l.contains("xml:lang=\"ar\"")));
        assert!(out.contains("class=\"inset-extent\""));
        assert!(out.contains(" km</text>"));
    }

    #[test]
    fn inset_labels_do_not_overlap() {
        let many: Vec<Front> = (0..12)
            .map(|i| {
                let (lon, lat) = (
                    13.1 + 0.02 * f64::from(i % 4),
                    32.8 + 0.02 * f64::from(i / 4),
                );
                svg::tests::front(
                    &format!("f{i}"),
                    (&format!("Front number {i}"), "جبهة"),
                    "#336699",
                    i64::from(i),
                    (lon, lat, 0.008),
                )
            })
            .collect();
        let refs: Vec<&Front> = many.iter().collect();
        let panel = Panel::new(TRIPOLI, 620.0, 100.0, 540.0);
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

    #[test]
    fn scale_follows_the_haversine_distance() {
        let panel = Panel::new(LIBYA, 40.0, 100.0, 560.0);
        // 1° of longitude at 26.5°N is about 99.6 km.
        let km_per_degree = panel.km_per_px() * panel.cos * panel.k;
        assert!((km_per_degree - 99.6).abs() < 0.5, "{km_per_degree}");
    }
}
