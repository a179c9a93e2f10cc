//! A day's holdings written out: an aligned table for a person, CSV and JSON with every
//! field, and GeoJSON points (RFC 7946, `[lon, lat]`) for a map.

use super::history::{Holding, Status};
use super::sides::Sides;
use crate::format::csv_writer;
use crate::format::geojson_writer::{collection, round6};
use serde_json::{json, Map, Value};

/// The columns of the CSV, in order (also the keys of the JSON objects).
pub const COLUMNS: [&str; 17] = [
    "place",
    "place_ar",
    "latitude",
    "longitude",
    "front",
    "status",
    "side",
    "side_short",
    "contested_by",
    "change",
    "date",
    "known_from",
    "age_days",
    "evidence",
    "source",
    "source_url",
    "published",
];

fn values(holding: &Holding, sides: &Sides) -> Vec<String> {
    let evidence = holding.evidence;
    let source = evidence.and_then(|c| c.first_source());
    let text = |v: Option<&str>| v.unwrap_or("").to_string();
    vec![
        holding.place.name.clone(),
        holding.place.name_ar.clone(),
        format!("{}", round6(holding.place.point.y())),
        format!("{}", round6(holding.place.point.x())),
        holding.place.front.clone(),
        holding.status.as_str().to_string(),
        text(holding.holder),
        holding
            .holder
            .map(|h| sides.display(h).short)
            .unwrap_or_default(),
        text(holding.contested_by),
        text(evidence.map(|c| c.kind.as_str())),
        evidence.map(|c| c.date.to_string()).unwrap_or_default(),
        evidence
            .map(|c| c.known_from().to_string())
            .unwrap_or_default(),
        holding.age_days.map(|d| d.to_string()).unwrap_or_default(),
        text(evidence.map(|c| c.basis.id())),
        text(source.map(|s| s.name.as_str())),
        text(source.and_then(|s| s.url.as_deref())),
        source
            .and_then(|s| s.published)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    ]
}

/// The holdings as CSV, a header then a row each.
pub fn csv(holdings: &[Holding], sides: &Sides) -> Vec<u8> {
    let mut out = csv_writer::line(COLUMNS);
    for holding in holdings {
        out.extend(csv_writer::line(values(holding, sides)));
    }
    out
}

fn object(holding: &Holding, sides: &Sides) -> Map<String, Value> {
    let mut map = Map::new();
    for (key, value) in COLUMNS.iter().zip(values(holding, sides)) {
        let value = match *key {
            "latitude" | "longitude" => value.parse::<f64>().map_or(Value::Null, |v| json!(v)),
            "age_days" => value.parse::<i64>().map_or(Value::Null, |v| json!(v)),
            _ if value.is_empty() => Value::Null,
            _ => Value::String(value),
        };
        map.insert(key.to_string(), value);
    }
    let sources: Vec<Value> = holding
        .evidence
        .map(|c| {
            c.sources
                .iter()
                .map(|s| {
                    json!({
                        "source": s.name,
                        "source_url": s.url,
                        "published": s.published.map(|d| d.to_string()),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    map.insert("sources".to_string(), Value::Array(sources));
    map
}

/// The holdings as a JSON array of objects, every source of the evidence listed.
pub fn json(holdings: &[Holding], sides: &Sides) -> Vec<u8> {
    let list: Vec<Value> = holdings
        .iter()
        .map(|h| Value::Object(object(h, sides)))
        .collect();
    let mut out = serde_json::to_string_pretty(&list).unwrap_or_default();
    out.push('\n');
    out.into_bytes()
}

/// The holdings as an RFC 7946 FeatureCollection of points.
pub fn geojson(holdings: &[Holding], sides: &Sides, name: &str) -> Vec<u8> {
    let features: Vec<Value> = holdings
        .iter()
        .map(|h| {
            let mut properties = object(h, sides);
            properties.remove("latitude");
            properties.remove("longitude");
            json!({
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round6(h.place.point.x()), round6(h.place.point.y())],
                },
                "properties": properties,
            })
        })
        .collect();
    let bounds = geo::BoundingRect::bounding_rect(&geo::MultiPoint::from(
        holdings.iter().map(|h| h.place.point).collect::<Vec<_>>(),
    ));
    collection(name, bounds, &features).into_bytes()
}

/// The holdings as aligned columns for a person: place, front, status, side, since, age,
/// and the evidence with its first source.
pub fn table(holdings: &[Holding], sides: &Sides) -> Vec<u8> {
    let rows: Vec<[String; 7]> = holdings
        .iter()
        .map(|h| {
            let side = match h.status {
                Status::Held => h.holder.map(|s| sides.display(s).short),
                Status::Contested => h.contested_by.map(|s| {
                    let by = sides.display(s).short;
                    match h.holder.map(|x| sides.display(x).short) {
                        Some(held) => format!("{held}, contested by {by}"),
                        None => format!("contested by {by}"),
                    }
                }),
                Status::Unknown => None,
            };
            let evidence = h
                .evidence
                .map(|c| {
                    let source = c.first_source().map(|s| s.name.as_str()).unwrap_or("");
                    format!("{} {} ({source})", c.basis.id(), c.kind.as_str())
                })
                .unwrap_or_default();
            [
                h.place.name.clone(),
                h.place.front.clone(),
                h.status.as_str().to_string(),
                side.unwrap_or_default(),
                h.evidence.map(|c| c.date.to_string()).unwrap_or_default(),
                h.age_days.map(|d| format!("{d} d")).unwrap_or_default(),
                evidence,
            ]
        })
        .collect();
    let header = [
        "place", "front", "status", "side", "since", "age", "evidence",
    ]
    .map(String::from);
    let mut widths = [0usize; 7];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if i == 5 {
                line.push_str(&format!("{cell:>w$}  "));
            } else if i == 6 {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}  "));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.into_bytes()
}
