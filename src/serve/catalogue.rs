//! The collections the service publishes, described once at start: their ids, titles,
//! spatial and temporal extents (Part 1 §7.14, `/req/core/fc-md-extent`) and where their data
//! comes from.

use super::areas::Areas;
use super::licence::Credit;
use crate::filter::Bbox;
use crate::format::geojson_writer::{end_of, start_of};
use chrono::NaiveDate;

/// The events' extent: the box around their points and their first and last days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    /// West, south, east, north.
    pub bbox: Bbox,
    /// First day.
    pub first: NaiveDate,
    /// Last day.
    pub last: NaiveDate,
}

/// One collection as the service describes it.
#[derive(Clone, Debug)]
pub struct Collection {
    /// Its id in paths.
    pub id: &'static str,
    /// Its title.
    pub title: String,
    /// What it holds.
    pub description: String,
    /// Where its data comes from.
    pub credits: Vec<Credit>,
    /// The box around its features.
    pub bbox: Option<Bbox>,
    /// Its first and last instants, RFC 3339.
    pub interval: Option<(String, String)>,
    /// Whether it holds counts only (an input whose rows may not be handed on).
    pub aggregate: bool,
}

/// The collections, in order: the events (when any input is served as rows), with their
/// extent and credits; the front areas; and the weekly counts (when any input is served as
/// aggregates).
pub fn describe(
    events: Option<(Option<Extent>, &[Credit])>,
    fronts: (&Areas, &[Credit]),
    weekly: Option<(&Areas, &[Credit])>,
) -> Vec<Collection> {
    let mut list = Vec::new();
    if let Some((extent, credits)) = events {
        list.push(Collection {
            id: "events",
            title: "Events".into(),
            description: "Events of the war, one per place and day or span of days (ACLED's rule), with their actors, fatalities, front, claim status and sources. Filter by bbox, datetime (an event matches if any of its days falls in the range), front, type, sub_type, actor, near and radius, and claim.".into(),
            credits: credits.to_vec(),
            bbox: extent.map(|e| e.bbox),
            interval: extent.map(|e| (start_of(e.first), end_of(e.last))),
            aggregate: false,
        });
    }
    let dated: Vec<(i32, i32)> = fronts.0.items.iter().filter_map(|a| a.days).collect();
    list.push(Collection {
        id: "fronts",
        title: "Front areas".into(),
        description: "The front areas, in English and Arabic, with the number of events, the fatalities and the first and last event dates of each.".into(),
        credits: fronts.1.to_vec(),
        bbox: areas_bbox(fronts.0),
        interval: interval_of(&dated),
        aggregate: false,
    });
    if let Some((weekly, credits)) = weekly {
        let dated: Vec<(i32, i32)> = weekly.items.iter().filter_map(|a| a.days).collect();
        list.push(Collection {
            id: "weekly",
            title: "Events and fatalities per front and week (counts only)".into(),
            description: "Counts of events and fatalities per front and ISO week, Monday to Sunday, by the day each event is recorded on. These inputs are published as counts only: their terms (ACLED's) forbid handing on their rows, so no event of theirs is served.".into(),
            credits: credits.to_vec(),
            bbox: areas_bbox(weekly),
            interval: interval_of(&dated),
            aggregate: true,
        });
    }
    list
}

fn areas_bbox(areas: &Areas) -> Option<Bbox> {
    use geo::BoundingRect;
    let mut b: Option<Bbox> = None;
    for shape in areas.items.iter().filter_map(|a| a.shape.as_ref()) {
        let Some(r) = shape.bounding_rect() else {
            continue;
        };
        b = Some(match b {
            None => Bbox::new(r.min().x, r.min().y, r.max().x, r.max().y),
            Some(b) => Bbox::new(
                b.west.min(r.min().x),
                b.south.min(r.min().y),
                b.east.max(r.max().x),
                b.north.max(r.max().y),
            ),
        });
    }
    b
}

fn interval_of(days: &[(i32, i32)]) -> Option<(String, String)> {
    let first = days.iter().map(|d| d.0).min()?;
    let last = days.iter().map(|d| d.1).max()?;
    let day = NaiveDate::from_num_days_from_ce_opt;
    Some((start_of(day(first)?), end_of(day(last)?)))
}
