//! Collections of areas, made once at start from the loaded inputs' index tables: the front
//! areas with their events' counts, and the weekly counts per front that an input served as
//! aggregates publishes instead of its rows (ACLED's terms forbid handing the rows on).

use super::exception::Exception;
use crate::event::UNASSIGNED;
use crate::filter::{Bbox, Filter};
use crate::format::geojson_writer::{end_of, polygon_geometry, start_of};
use crate::front::Fronts;
use crate::index::{front_matcher, Table};
use chrono::{Datelike, Duration, NaiveDate};
use geo::{Intersects, MultiPolygon, Rect};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One area feature, with what its items are filtered on.
#[derive(Clone, Debug)]
pub struct Area {
    /// The feature's id.
    pub id: String,
    /// The front it belongs to (an id, or the name a file wrote).
    pub front: String,
    /// The GeoJSON Feature.
    pub feature: Value,
    /// Its geometry, for `bbox` (none for events outside every front area).
    pub shape: Option<MultiPolygon<f64>>,
    /// Its first and last days (`num_days_from_ce`), for `datetime`.
    pub days: Option<(i32, i32)>,
}

/// A collection of areas.
#[derive(Clone, Debug, Default)]
pub struct Areas {
    /// Every feature, in order.
    pub items: Vec<Area>,
}

/// What each front's events add up to.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    events: u64,
    fatalities: u64,
    first: Option<i32>,
    last: Option<i32>,
}

impl Tally {
    fn add(&mut self, start: i32, end: i32, fatalities: u32) {
        self.events += 1;
        self.fatalities += u64::from(fatalities);
        self.first = Some(self.first.map_or(start, |f| f.min(start)));
        self.last = Some(self.last.map_or(end, |l| l.max(end)));
    }
}

fn day(n: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(n)
}

impl Areas {
    /// The front areas, each with its events' count, fatalities and first and last days
    /// (from `tables`), as `build` writes `fronts.geojson`.
    pub fn fronts<'a>(fronts: &Fronts, tables: impl Iterator<Item = &'a Table>) -> Areas {
        let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
        for table in tables {
            for e in &table.entries {
                let front = &table.fronts[e.front as usize];
                tallies
                    .entry(front.clone())
                    .or_default()
                    .add(e.start, e.end, e.fatalities);
            }
        }
        let items = fronts
            .fronts
            .iter()
            .map(|front| {
                let t = tallies.get(&front.id).copied().unwrap_or_default();
                let feature = json!({
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
                        "event_count": t.events,
                        "fatalities": t.fatalities,
                        "first_event": t.first.and_then(day).map(|d| d.to_string()),
                        "last_event": t.last.and_then(day).map(|d| d.to_string()),
                        "start_date": t.first.and_then(day).map(start_of),
                        "end_date": t.last.and_then(day).map(end_of),
                        "method": front.method,
                    }
                });
                Area {
                    id: front.id.clone(),
                    front: front.id.clone(),
                    feature,
                    shape: Some(front.area.clone()),
                    days: t.first.zip(t.last),
                }
            })
            .collect();
        Areas { items }
    }

    /// Events and fatalities per front and ISO week (Monday to Sunday, by the day each
    /// event is recorded on, as `chart by-front` counts), each on its front's area: counts,
    /// never rows.
    pub fn weekly<'a>(fronts: &Fronts, tables: impl Iterator<Item = &'a Table>) -> Areas {
        let mut weeks: BTreeMap<(i32, String), Tally> = BTreeMap::new();
        for table in tables {
            for e in &table.entries {
                let Some(recorded) = day(e.recorded) else {
                    continue;
                };
                let monday =
                    recorded.num_days_from_ce() - recorded.weekday().num_days_from_monday() as i32;
                let front = table.fronts[e.front as usize].clone();
                weeks
                    .entry((monday, front))
                    .or_default()
                    .add(monday, monday + 6, e.fatalities);
            }
        }
        let order = |front: &str| {
            fronts
                .fronts
                .iter()
                .position(|f| f.id == front)
                .unwrap_or(usize::MAX)
        };
        let mut keys: Vec<&(i32, String)> = weeks.keys().collect();
        keys.sort_by_key(|(monday, front)| (*monday, order(front), front.clone()));
        let items = keys
            .into_iter()
            .filter_map(|key| {
                let (monday, front_id) = key;
                let t = weeks.get(key)?;
                let (first, last) = (day(*monday)?, day(*monday)? + Duration::days(6));
                let front = fronts.get(front_id);
                let week = first.iso_week();
                let id = format!("{front_id}-{first}");
                let feature = json!({
                    "type": "Feature",
                    "id": id,
                    "geometry": front.map(polygon_geometry),
                    "properties": {
                        "front": front_id,
                        "front_name": front.map(|f| f.name.as_str()).unwrap_or(if front_id == UNASSIGNED { "outside every front area" } else { front_id }),
                        "front_name_ar": front.map(|f| f.name_ar.as_str()),
                        "week": format!("{}-W{:02}", week.year(), week.week()),
                        "week_start": first.to_string(),
                        "week_end": last.to_string(),
                        "start_date": start_of(first),
                        "end_date": end_of(last),
                        "events": t.events,
                        "fatalities": t.fatalities,
                    }
                });
                Some(Area {
                    id,
                    front: front_id.clone(),
                    feature,
                    shape: front.map(|f| f.area.clone()),
                    days: Some((*monday, *monday + 6)),
                })
            })
            .collect();
        Areas { items }
    }

    /// The areas that pass `filter`'s box (their area meets it), dates (their days meet the
    /// range) and fronts; a front no area and no front of `fronts` names is a 400.
    pub fn select(&self, filter: &Filter, fronts: &Fronts) -> Result<Vec<&Area>, Exception> {
        let matchers: Vec<_> = filter
            .fronts
            .iter()
            .map(|name| {
                let wanted = front_matcher(name, fronts);
                let known =
                    fronts.find(name).is_some() || self.items.iter().any(|a| wanted(&a.front));
                if known {
                    Ok(wanted)
                } else {
                    Err(Exception::invalid(
                        "front",
                        name,
                        "a front id, name or alias (see /collections/fronts/items)",
                    ))
                }
            })
            .collect::<Result<_, _>>()?;
        let boxes: Option<Vec<Rect<f64>>> = filter.bbox.map(|b| {
            b.parts()
                .into_iter()
                .map(|p: Bbox| Rect::new((p.west, p.south), (p.east, p.north)))
                .collect()
        });
        let range = filter.dates.map(|d| d.days());
        Ok(self
            .items
            .iter()
            .filter(|a| matchers.is_empty() || matchers.iter().any(|m| m(&a.front)))
            .filter(|a| match (&boxes, &a.shape) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(boxes), Some(shape)) => boxes.iter().any(|b| b.intersects(shape)),
            })
            .filter(|a| match (range, a.days) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some((from, to)), Some((first, last))) => first <= to && last >= from,
            })
            .collect())
    }

    /// The area with this id.
    pub fn get(&self, id: &str) -> Option<&Area> {
        self.items.iter().find(|a| a.id == id)
    }
}
