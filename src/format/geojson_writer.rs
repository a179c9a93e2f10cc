//! GeoJSON layers as RFC 7946 asks: `[lon, lat]` positions, no `crs` member, a `bbox`,
//! six decimals (about 11 cm), and one feature per line so a diff shows which event moved.

use crate::event::Event;
use crate::front::{Front, Fronts};
use chrono::NaiveDate;
use geo::{BoundingRect, Point};
use serde_json::{json, Map, Value};

/// Rounds a coordinate to six decimals (RFC 7946 §11.2 advises against needless precision).
pub fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// An ISO datetime at the start of a day, the form QGIS and kepler.gl animate.
pub fn start_of(day: NaiveDate) -> String {
    format!("{day}T00:00:00Z")
}

/// An ISO datetime at the last second of a day, so an interval covers its whole last day.
pub fn end_of(day: NaiveDate) -> String {
    format!("{day}T23:59:59Z")
}

/// The properties of an event feature: every field, ACLED's names first.
pub fn event_properties(event: &Event, fronts: &Fronts) -> Map<String, Value> {
    let joined = |items: &[String]| Value::from(items.join(";"));
    let optional = |v: Option<String>| v.map(Value::from).unwrap_or(Value::Null);
    let front = fronts.get(&event.front);
    let sources = &event.sources;
    let urls: Vec<String> = sources
        .iter()
        .map(|s| s.url.clone().unwrap_or_default())
        .collect();
    let published: Vec<String> = sources
        .iter()
        .map(|s| s.published.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    let any = |v: &[String]| v.iter().any(|s| !s.is_empty());
    let mut p = Map::new();
    p.insert("event_id_cnty".into(), event.event_id_cnty.clone().into());
    p.insert("event_date".into(), event.date.to_string().into());
    p.insert("date_start".into(), event.date.start.to_string().into());
    p.insert("date_end".into(), event.date.end.to_string().into());
    p.insert("start_date".into(), start_of(event.date.start).into());
    p.insert("end_date".into(), end_of(event.date.end).into());
    p.insert(
        "time_precision".into(),
        event.date.precision.as_str().into(),
    );
    p.insert(
        "anchor".into(),
        optional(event.anchor.as_ref().map(|a| a.to_string())),
    );
    p.insert("event_type".into(), event.event_type.into());
    p.insert("sub_event_type".into(), event.sub_event_type.into());
    p.insert("actor1".into(), joined(&event.actor1));
    p.insert("assoc_actor_1".into(), joined(&event.assoc_actor_1));
    p.insert("actor2".into(), joined(&event.actor2));
    p.insert("assoc_actor_2".into(), joined(&event.assoc_actor_2));
    p.insert("country".into(), event.country.clone().into());
    p.insert(
        "iso".into(),
        event.iso.map(Value::from).unwrap_or(Value::Null),
    );
    p.insert("admin1".into(), event.admin1.clone().into());
    p.insert("location".into(), event.location.clone().into());
    p.insert("latitude".into(), round6(event.latitude()).into());
    p.insert("longitude".into(), round6(event.longitude()).into());
    p.insert("geo_precision".into(), event.geo_precision.as_str().into());
    p.insert("geonameid".into(), optional(event.geonameid.clone()));
    p.insert("front".into(), event.front.clone().into());
    p.insert("front_name".into(), optional(front.map(|f| f.name.clone())));
    p.insert(
        "front_name_ar".into(),
        optional(front.map(|f| f.name_ar.clone())),
    );
    let count = |v: Option<u32>| v.map(Value::from).unwrap_or(Value::Null);
    p.insert("fatalities".into(), count(event.fatalities.best));
    p.insert("fatalities_low".into(), count(event.fatalities.low));
    p.insert("fatalities_high".into(), count(event.fatalities.high));
    let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    p.insert("source".into(), joined(&names));
    p.insert(
        "source_url".into(),
        if any(&urls) {
            joined(&urls)
        } else {
            Value::Null
        },
    );
    p.insert(
        "published".into(),
        if any(&published) {
            joined(&published)
        } else {
            Value::Null
        },
    );
    p.insert("notes".into(), event.notes.clone().into());
    p.insert("key".into(), event.key.into());
    p.insert("headline".into(), event.headline.clone().into());
    p.insert("headline_ar".into(), event.headline_ar.clone().into());
    p
}

/// A FeatureCollection of events as text, one feature per line.
pub fn events_collection(name: &str, events: &[&Event], fronts: &Fronts) -> String {
    let features: Vec<Value> = events
        .iter()
        .map(|e| {
            json!({
                "type": "Feature",
                "id": e.event_id_cnty,
                // RFC 7946 §3.1.1: longitude first.
                "geometry": {"type": "Point", "coordinates": [round6(e.longitude()), round6(e.latitude())]},
                "properties": event_properties(e, fronts),
            })
        })
        .collect();
    let points: geo::MultiPoint<f64> = events
        .iter()
        .map(|e| e.point)
        .collect::<Vec<Point<f64>>>()
        .into();
    collection(name, points.bounding_rect(), &features)
}

/// The front areas with their event counts, fatalities and first and last event dates.
pub fn fronts_collection(fronts: &Fronts, events: &[Event]) -> String {
    let features: Vec<Value> = fronts
        .fronts
        .iter()
        .map(|front| {
            let mine: Vec<&Event> = events.iter().filter(|e| e.front == front.id).collect();
            let fatalities: u32 = mine.iter().filter_map(|e| e.fatalities.best).sum();
            let first = mine.iter().map(|e| e.date.start).min();
            let last = mine.iter().map(|e| e.date.end).max();
            json!({
                "type": "Feature",
                "id": front.id,
                "geometry": polygon_geometry(front),
                "properties": {
                    "id": front.id,
                    "name": front.name,
                    "name_ar": front.name_ar,
                    "aliases": front.aliases.join(";"),
                    "color": front.color,
                    "order": front.order,
                    "area_km2": (front.area_km2 * 10.0).round() / 10.0,
                    "event_count": mine.len(),
                    "fatalities": fatalities,
                    "first_event": first.map(|d| d.to_string()),
                    "last_event": last.map(|d| d.to_string()),
                    "start_date": first.map(start_of),
                    "end_date": last.map(end_of),
                    "method": front.method,
                }
            })
        })
        .collect();
    let all: geo::MultiPolygon<f64> = fronts
        .fronts
        .iter()
        .flat_map(|f| f.area.0.iter().cloned())
        .collect::<Vec<_>>()
        .into();
    collection("fronts", all.bounding_rect(), &features)
}

fn polygon_geometry(front: &Front) -> Value {
    let ring = |ring: &geo::LineString<f64>| -> Value {
        ring.coords()
            .map(|c| json!([round6(c.x), round6(c.y)]))
            .collect()
    };
    let polygons: Vec<Value> = front
        .area
        .0
        .iter()
        .map(|p| {
            std::iter::once(ring(p.exterior()))
                .chain(p.interiors().iter().map(ring))
                .collect()
        })
        .collect();
    if polygons.len() == 1 {
        json!({"type": "Polygon", "coordinates": polygons[0]})
    } else {
        json!({"type": "MultiPolygon", "coordinates": polygons})
    }
}

/// A FeatureCollection's text around features already built, one per line.
pub fn collection(name: &str, bounds: Option<geo::Rect<f64>>, features: &[Value]) -> String {
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"name\":");
    out.push_str(&Value::from(name).to_string());
    if let Some(b) = bounds {
        let bbox = json!([
            round6(b.min().x),
            round6(b.min().y),
            round6(b.max().x),
            round6(b.max().y)
        ]);
        out.push_str(",\"bbox\":");
        out.push_str(&bbox.to_string());
    }
    out.push_str(",\"features\":[");
    for (i, feature) in features.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&feature.to_string());
    }
    out.push_str("\n]}\n");
    out
}
