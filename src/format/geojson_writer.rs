//! GeoJSON layers as RFC 7946 asks: `[lon, lat]` positions, no `crs` member, a `bbox`,
//! six decimals (about 11 cm), and one feature per line so a diff shows which event moved.

use crate::event::record::{Column, Header};
use crate::event::{Event, Stance};
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

/// ACLED's separator between the items of a list (actors, sources).
pub const LIST_SEPARATOR: &str = "; ";

/// Writes a JSON value to a byte buffer. Into memory there is no I/O to fail, and the
/// values written (strings, numbers, string-keyed maps) always serialize.
fn put<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let written = serde_json::to_writer(&mut *out, value);
    debug_assert!(written.is_ok());
}

/// Writes `,"key":` (or `"key":` for the first member).
fn key(out: &mut Vec<u8>, first: &mut bool, name: &str) {
    if !std::mem::take(first) {
        out.push(b',');
    }
    put(out, name);
    out.push(b':');
}

fn put_list<'a>(out: &mut Vec<u8>, items: impl Iterator<Item = &'a str>) {
    let mut joined = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            joined.push_str(LIST_SEPARATOR);
        }
        joined.push_str(item);
    }
    put(out, &joined);
}

fn put_count(out: &mut Vec<u8>, count: Option<u32>) {
    match count {
        Some(n) => put(out, &n),
        None => out.extend_from_slice(b"null"),
    }
}

/// frontline's columns a foreign file may lack; when it does (and frontline derived no
/// value), they are left out of its events' properties rather than written empty.
const OPTIONAL: [Column; 15] = [
    Column::Anchor,
    Column::AssocActor1,
    Column::AssocActor2,
    Column::Iso,
    Column::Admin1,
    Column::Geonameid,
    Column::FatalitiesLow,
    Column::FatalitiesHigh,
    Column::ClaimedBy,
    Column::SourceUrl,
    Column::Published,
    Column::SourceStance,
    Column::Key,
    Column::Headline,
    Column::HeadlineAr,
];

/// Writes the properties object of an event: the fields of the event model, ACLED's names
/// first, lists joined with `; `, then the file's own columns frontline does not know, as
/// written. With the header of a foreign file (`read_from`), the model's optional fields
/// that file lacks are left out. `build`, `query` and `extract` all write events through
/// this one function.
pub fn write_properties(
    out: &mut Vec<u8>,
    event: &Event,
    fronts: &Fronts,
    read_from: Option<&Header>,
) {
    let front = fronts.get(&event.front);
    let sources = &event.sources;
    let mut first = true;
    let wanted = |c: Column| {
        read_from.is_none_or(|h| h.has(c))
            || !OPTIONAL.contains(&c)
            || (c == Column::Geonameid && event.geonameid.is_some())
    };
    out.push(b'{');
    key(out, &mut first, "event_id_cnty");
    put(out, &event.event_id_cnty);
    key(out, &mut first, "event_date");
    put(out, &event.event_date());
    key(out, &mut first, "date_start");
    put(out, &event.date.start.to_string());
    key(out, &mut first, "date_end");
    put(out, &event.date.end.to_string());
    key(out, &mut first, "start_date");
    put(out, &start_of(event.date.start));
    key(out, &mut first, "end_date");
    put(out, &end_of(event.date.end));
    key(out, &mut first, "time_precision");
    put(out, event.date.precision.as_str());
    if wanted(Column::Anchor) {
        key(out, &mut first, "anchor");
        match &event.anchor {
            Some(anchor) => put(out, &anchor.to_string()),
            None => out.extend_from_slice(b"null"),
        }
    }
    key(out, &mut first, "event_type");
    put(out, event.event_type);
    key(out, &mut first, "sub_event_type");
    put(out, event.sub_event_type);
    for (column, actors) in [
        (Column::Actor1, &event.actor1),
        (Column::AssocActor1, &event.assoc_actor_1),
        (Column::Actor2, &event.actor2),
        (Column::AssocActor2, &event.assoc_actor_2),
    ] {
        if wanted(column) {
            key(out, &mut first, column.name());
            put_list(out, actors.iter().map(String::as_str));
        }
    }
    key(out, &mut first, "country");
    put(out, &event.country);
    if wanted(Column::Iso) {
        key(out, &mut first, "iso");
        put_count(out, event.iso.map(u32::from));
    }
    if wanted(Column::Admin1) {
        key(out, &mut first, "admin1");
        put(out, &event.admin1);
    }
    key(out, &mut first, "location");
    put(out, &event.location);
    key(out, &mut first, "latitude");
    put(out, &round6(event.latitude()));
    key(out, &mut first, "longitude");
    put(out, &round6(event.longitude()));
    key(out, &mut first, "geo_precision");
    put(out, event.geo_precision.as_str());
    if wanted(Column::Geonameid) {
        key(out, &mut first, "geonameid");
        put(out, &event.geonameid);
    }
    key(out, &mut first, "front");
    put(out, &event.front);
    key(out, &mut first, "front_name");
    put(out, &front.map(|f| &f.name));
    key(out, &mut first, "front_name_ar");
    put(out, &front.map(|f| &f.name_ar));
    key(out, &mut first, "fatalities");
    put_count(out, event.fatalities.best);
    if wanted(Column::FatalitiesLow) {
        key(out, &mut first, "fatalities_low");
        put_count(out, event.fatalities.low);
    }
    if wanted(Column::FatalitiesHigh) {
        key(out, &mut first, "fatalities_high");
        put_count(out, event.fatalities.high);
    }
    key(out, &mut first, "claim_status");
    put(out, event.claim.status.as_str());
    if wanted(Column::ClaimedBy) {
        key(out, &mut first, "claimed_by");
        put_list(out, event.claim.by.iter().map(String::as_str));
    }
    key(out, &mut first, "source");
    put_list(out, sources.iter().map(|s| s.name.as_str()));
    // URLs and days are aligned with the sources; null when no source has one.
    let published: Vec<String> = sources
        .iter()
        .map(|s| s.published.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    if wanted(Column::SourceUrl) {
        key(out, &mut first, "source_url");
        if sources.iter().any(|s| s.url.is_some()) {
            put_list(out, sources.iter().map(|s| s.url.as_deref().unwrap_or("")));
        } else {
            out.extend_from_slice(b"null");
        }
    }
    if wanted(Column::Published) {
        key(out, &mut first, "published");
        if published.iter().any(|p| !p.is_empty()) {
            put_list(out, published.iter().map(String::as_str));
        } else {
            out.extend_from_slice(b"null");
        }
    }
    if wanted(Column::SourceStance) {
        key(out, &mut first, "source_stance");
        if sources.iter().any(|s| s.stance != Stance::Reports) {
            put_list(out, sources.iter().map(|s| s.stance.as_str()));
        } else {
            out.extend_from_slice(b"null");
        }
    }
    key(out, &mut first, "notes");
    put(out, &event.notes);
    if wanted(Column::Key) {
        key(out, &mut first, "key");
        put(out, &event.key);
    }
    if wanted(Column::Headline) {
        key(out, &mut first, "headline");
        put(out, &event.headline);
    }
    if wanted(Column::HeadlineAr) {
        key(out, &mut first, "headline_ar");
        put(out, &event.headline_ar);
    }
    for (name, value) in &event.extra {
        key(out, &mut first, name);
        put(out, value);
    }
    out.push(b'}');
}

/// The properties of an event feature as a JSON map (for callers that add their own).
pub fn event_properties(event: &Event, fronts: &Fronts) -> Map<String, Value> {
    let mut out = Vec::new();
    write_properties(&mut out, event, fronts, None);
    serde_json::from_slice(&out).unwrap_or_default()
}

/// Writes one event as a GeoJSON Feature on one line (no line end).
pub fn write_feature(
    out: &mut Vec<u8>,
    event: &Event,
    fronts: &Fronts,
    read_from: Option<&Header>,
) {
    out.extend_from_slice(b"{\"type\":\"Feature\",\"id\":");
    put(out, &event.event_id_cnty);
    // RFC 7946 §3.1.1: longitude first.
    out.extend_from_slice(b",\"geometry\":{\"type\":\"Point\",\"coordinates\":[");
    put(out, &round6(event.longitude()));
    out.push(b',');
    put(out, &round6(event.latitude()));
    out.extend_from_slice(b"]},\"properties\":");
    write_properties(out, event, fronts, read_from);
    out.push(b'}');
}

/// The opening of a FeatureCollection up to its first feature.
pub fn collection_head(name: &str, bounds: Option<geo::Rect<f64>>) -> String {
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
    out
}

/// The end of a FeatureCollection after its last feature.
pub const COLLECTION_TAIL: &str = "\n]}\n";

/// A FeatureCollection of events as text, one feature per line.
pub fn events_collection(name: &str, events: &[&Event], fronts: &Fronts) -> String {
    let points: geo::MultiPoint<f64> = events
        .iter()
        .map(|e| e.point)
        .collect::<Vec<Point<f64>>>()
        .into();
    let mut out = collection_head(name, points.bounding_rect()).into_bytes();
    for (i, event) in events.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        write_feature(&mut out, event, fronts, None);
    }
    out.extend_from_slice(COLLECTION_TAIL.as_bytes());
    // Every piece written is JSON text from serde_json or ASCII.
    String::from_utf8(out).unwrap_or_default()
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

/// A front's area as a GeoJSON Polygon (or MultiPolygon), six decimals.
pub fn polygon_geometry(front: &Front) -> Value {
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
    let mut out = collection_head(name, bounds);
    for (i, feature) in features.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&feature.to_string());
    }
    out.push_str(COLLECTION_TAIL);
    out
}
