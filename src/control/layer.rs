//! The time-enabled control layer: an RFC 7946 FeatureCollection whose features carry
//! `start_date` and `end_date` (ISO datetimes, as `events.geojson` has them), so QGIS's
//! temporal controller and kepler.gl play the war's movement.
//!
//! Three kinds of feature, told apart by `layer`: `area` (a side's area, or the contested
//! places', over one period), `contact` (the line of contact between two classes over one
//! period) and `place` (a place's standing between two changes, with its evidence).
//! Coordinates are `[lon, lat]` with 5 decimals (about 1 m). Areas are written as derived,
//! not simplified: a simplified coastline would put slivers of them at sea.

use super::areas::CONTESTED;
use super::history::{History, Status};
use super::movement::Frame;
use super::sides::Sides;
use crate::format::geojson_writer::{collection, end_of, start_of};
use geo::{BoundingRect, MultiLineString, MultiPolygon};
use serde_json::{json, Map, Value};

fn round5(v: f64) -> f64 {
    (v * 1e5).round() / 1e5
}

fn ring(coords: &geo::LineString<f64>) -> Value {
    Value::Array(
        coords
            .coords()
            .map(|c| json!([round5(c.x), round5(c.y)]))
            .collect(),
    )
}

fn multipolygon(area: &MultiPolygon<f64>) -> Value {
    let polygons: Vec<Value> = area
        .iter()
        .map(|p| {
            let mut rings = vec![ring(p.exterior())];
            rings.extend(p.interiors().iter().map(ring));
            Value::Array(rings)
        })
        .collect();
    json!({"type": "MultiPolygon", "coordinates": polygons})
}

fn multilinestring(line: &MultiLineString<f64>) -> Value {
    let lines: Vec<Value> = line.iter().map(ring).collect();
    json!({"type": "MultiLineString", "coordinates": lines})
}

fn side_properties(map: &mut Map<String, Value>, key: &str, class: &str, sides: &Sides) {
    if class == CONTESTED {
        map.insert(key.to_string(), Value::String(CONTESTED.to_string()));
        map.insert(format!("{key}_short"), Value::String(CONTESTED.to_string()));
    } else {
        let side = sides.display(class);
        map.insert(key.to_string(), Value::String(side.name));
        map.insert(format!("{key}_short"), Value::String(side.short));
    }
}

/// The layer of every frame and every place's standing, named `name`; `reach_km` is
/// recorded on each area.
pub fn write(
    name: &str,
    history: &History,
    frames: &[Frame],
    sides: &Sides,
    reach_km: f64,
) -> String {
    let mut features = Vec::new();
    for frame in frames {
        let dates = (start_of(frame.period.start), end_of(frame.period.end));
        for area in &frame.snapshot.areas {
            let mut p = Map::new();
            p.insert("layer".into(), json!("area"));
            side_properties(&mut p, "side", &area.class, sides);
            p.insert(
                "status".into(),
                json!(if area.class == CONTESTED {
                    "contested"
                } else {
                    "held"
                }),
            );
            p.insert("color".into(), json!(color(&area.class, sides)));
            p.insert("area_km2".into(), json!((area.km2 * 10.0).round() / 10.0));
            p.insert("places".into(), json!(area.places));
            p.insert("reach_km".into(), json!(reach_km));
            p.insert("start_date".into(), json!(dates.0));
            p.insert("end_date".into(), json!(dates.1));
            features.push(
                json!({"type": "Feature", "geometry": multipolygon(&area.area), "properties": p}),
            );
        }
        for contact in &frame.snapshot.contacts {
            let mut p = Map::new();
            p.insert("layer".into(), json!("contact"));
            side_properties(&mut p, "side", &contact.classes.0, sides);
            side_properties(&mut p, "other_side", &contact.classes.1, sides);
            p.insert(
                "length_km".into(),
                json!((contact.km * 10.0).round() / 10.0),
            );
            p.insert("start_date".into(), json!(dates.0));
            p.insert("end_date".into(), json!(dates.1));
            features.push(json!({"type": "Feature", "geometry": multilinestring(&contact.line), "properties": p}));
        }
    }
    features.extend(place_features(history, frames, sides));
    let bounds = frames
        .iter()
        .flat_map(|f| f.snapshot.areas.iter())
        .filter_map(|a| a.area.bounding_rect())
        .chain(
            history
                .places
                .iter()
                .map(|p| geo::Rect::new(p.point.0, p.point.0)),
        )
        .reduce(|a, b| {
            geo::Rect::new(
                (a.min().x.min(b.min().x), a.min().y.min(b.min().y)),
                (a.max().x.max(b.max().x), a.max().y.max(b.max().y)),
            )
        });
    collection(name, bounds, &features)
}

fn color(class: &str, sides: &Sides) -> String {
    if class == CONTESTED {
        CONTESTED_COLOR.to_string()
    } else {
        sides.display(class).color
    }
}

/// Colour of contested places' areas.
pub const CONTESTED_COLOR: &str = "#e0a526";

/// Each place's standing over the frames, one feature per run of frames in which it did not
/// change; places unknown throughout are left out.
fn place_features(history: &History, frames: &[Frame], sides: &Sides) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, place) in history.places.iter().enumerate() {
        let mut run: Option<(usize, usize)> = None;
        let state = |f: &Frame| {
            let h = history.place_at(i, f.period.end);
            (
                h.status,
                h.holder,
                h.contested_by,
                h.evidence.map(|c| c.basis.id()),
            )
        };
        let flush = |from: usize, to: usize, out: &mut Vec<Value>| {
            let h = history.place_at(i, frames[to].period.end);
            if h.status == Status::Unknown {
                return;
            }
            let mut p = Map::new();
            p.insert("layer".into(), json!("place"));
            p.insert("place".into(), json!(place.name));
            p.insert("place_ar".into(), json!(place.name_ar));
            p.insert("front".into(), json!(place.front));
            p.insert("status".into(), json!(h.status.as_str()));
            match h.holder {
                Some(side) => side_properties(&mut p, "side", side, sides),
                None => {
                    p.insert("side".into(), Value::Null);
                    p.insert("side_short".into(), Value::Null);
                }
            }
            p.insert("contested_by".into(), json!(h.contested_by));
            if let Some(c) = h.evidence {
                p.insert("change".into(), json!(c.kind.as_str()));
                p.insert("date".into(), json!(c.date.to_string()));
                p.insert("evidence".into(), json!(c.basis.id()));
                let s = c.first_source();
                p.insert("source".into(), json!(s.map(|s| s.name.clone())));
                p.insert("source_url".into(), json!(s.and_then(|s| s.url.clone())));
            }
            p.insert(
                "start_date".into(),
                json!(start_of(frames[from].period.start)),
            );
            p.insert("end_date".into(), json!(end_of(frames[to].period.end)));
            out.push(json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round5(place.point.x()), round5(place.point.y())]},
                "properties": p,
            }));
        };
        for (k, frame) in frames.iter().enumerate() {
            run = match run {
                Some((from, to)) if state(&frames[to]) == state(frame) => Some((from, k)),
                Some((from, to)) => {
                    flush(from, to, &mut out);
                    Some((k, k))
                }
                None => Some((k, k)),
            };
        }
        if let Some((from, to)) = run {
            flush(from, to, &mut out);
        }
    }
    out
}
