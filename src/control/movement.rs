//! The war's movement: the areas of each period, and the ground each side gained and lost
//! from one period to the next, per front, in km².
//!
//! Ground gained by a side in a period is the part of its area at the period's end that it
//! did not hold at the end of the period before; ground lost, the part it held then and
//! does not hold now. Both are split by front through the cells they fall in (a cell
//! belongs to the front of its place). As areas are derived from the places known, ground
//! also changes hands on the map when a place first enters the evidence and takes part of
//! its neighbours' cells: the numbers measure the derived areas, as docs/control.md says.

use super::areas::{km2, Areas, Snapshot};
use super::history::History;
use super::period::Period;
use geo::{unary_union, BooleanOps, MultiPolygon};
use std::collections::BTreeMap;

/// The areas of one period: those of its last day.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The period.
    pub period: Period,
    /// Its areas, cells and lines.
    pub snapshot: Snapshot,
}

/// The areas of every period.
pub fn frames(history: &History, areas: &Areas, periods: &[Period]) -> Vec<Frame> {
    periods
        .iter()
        .map(|period| Frame {
            period: *period,
            snapshot: areas.snapshot(&history.at(period.end)),
        })
        .collect()
}

/// What a side's areas did on one front in one period.
#[derive(Clone, Debug, PartialEq)]
pub struct Gain {
    /// The period.
    pub period: Period,
    /// The front id, `unassigned`, or `all` for the sum over fronts.
    pub front: String,
    /// The side, or `contested`.
    pub class: String,
    /// km² held at the period's end.
    pub held_km2: f64,
    /// km² gained since the period before.
    pub gained_km2: f64,
    /// km² lost since the period before.
    pub lost_km2: f64,
}

impl Gain {
    /// Gained less lost.
    pub fn net_km2(&self) -> f64 {
        self.gained_km2 - self.lost_km2
    }
}

/// The front of the name that sums every front.
pub const ALL_FRONTS: &str = "all";

type ByFront = BTreeMap<(String, String), MultiPolygon<f64>>;

/// Each class's ground on each front: the union of its cells there.
fn by_front(history: &History, snapshot: &Snapshot) -> ByFront {
    let mut cells: BTreeMap<(String, String), Vec<&MultiPolygon<f64>>> = BTreeMap::new();
    for cell in &snapshot.cells {
        let front = cell
            .places
            .first()
            .and_then(|&i| history.places.get(i))
            .map_or_else(|| crate::event::UNASSIGNED.to_string(), |p| p.front.clone());
        cells
            .entry((front, cell.class.clone()))
            .or_default()
            .push(&cell.area);
    }
    cells
        .into_iter()
        .map(|(key, list)| (key, unary_union(list)))
        .collect()
}

/// The ground each class gained and lost per front and period, the first period counting
/// as gained from nothing; a row per front and class that held, gained or lost ground, and
/// a row per class summing the fronts.
pub fn gains(history: &History, frames: &[Frame]) -> Vec<Gain> {
    let empty = MultiPolygon::new(Vec::new());
    let mut out = Vec::new();
    let mut before: Option<(ByFront, &Snapshot)> = None;
    for frame in frames {
        let now = by_front(history, &frame.snapshot);
        let mut rows: BTreeMap<(String, String), Gain> = BTreeMap::new();
        let row = |rows: &mut BTreeMap<(String, String), Gain>, front: &str, class: &str| {
            rows.entry((front.to_string(), class.to_string()))
                .or_insert_with(|| Gain {
                    period: frame.period,
                    front: front.to_string(),
                    class: class.to_string(),
                    held_km2: 0.0,
                    gained_km2: 0.0,
                    lost_km2: 0.0,
                })
                .clone()
        };
        for ((front, class), ground) in &now {
            let held_before = before
                .as_ref()
                .and_then(|(_, s)| s.area_of(class))
                .map_or(&empty, |a| &a.area);
            let mut r = row(&mut rows, front, class);
            r.held_km2 = km2(ground);
            r.gained_km2 = km2(&ground.difference(held_before));
            rows.insert((front.clone(), class.clone()), r);
        }
        if let Some((then, _)) = &before {
            for ((front, class), ground) in then {
                let held_now = frame.snapshot.area_of(class).map_or(&empty, |a| &a.area);
                let lost = km2(&ground.difference(held_now));
                if lost > 0.0 {
                    let mut r = row(&mut rows, front, class);
                    r.lost_km2 = lost;
                    rows.insert((front.clone(), class.clone()), r);
                }
            }
        }
        let mut totals: BTreeMap<String, Gain> = BTreeMap::new();
        for gain in rows.values() {
            let total = totals.entry(gain.class.clone()).or_insert_with(|| Gain {
                front: ALL_FRONTS.to_string(),
                held_km2: 0.0,
                gained_km2: 0.0,
                lost_km2: 0.0,
                ..gain.clone()
            });
            total.held_km2 += gain.held_km2;
            total.gained_km2 += gain.gained_km2;
            total.lost_km2 += gain.lost_km2;
        }
        out.extend(rows.into_values());
        out.extend(totals.into_values());
        before = Some((now, &frame.snapshot));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::change::{Basis, Change, Kind};
    use crate::control::period::{periods, Every};
    use crate::control::place::Place;
    use crate::diagnostic::Origin;
    use crate::event::date::DateInterval;
    use chrono::NaiveDate;
    use geo::{Point, Polygon, Rect};
    use std::path::Path;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_town_changing_hands_moves_its_cell_from_one_side_to_the_other() {
        let place = |name: &str, lon: f64, front: &str| Place {
            key: name.to_string(),
            name: name.to_string(),
            name_ar: String::new(),
            point: Point::new(lon, 32.0),
            front: front.to_string(),
        };
        let change = |place: usize, date: &str, side: &str| Change {
            basis: Basis::File(format!("{place}{date}")),
            date: DateInterval::parse(date).unwrap(),
            place,
            side: side.to_string(),
            actors: Vec::new(),
            kind: Kind::Captured,
            sources: Vec::new(),
            notes: String::new(),
            origin: Origin::file(Path::new("t")),
        };
        let history = History::new(
            vec![place("West", 12.5, "west"), place("East", 13.5, "east")],
            vec![
                change(0, "2019-04-01", "GNA"),
                change(1, "2019-04-01", "LNA"),
                change(1, "2019-06-15", "GNA"),
            ],
        );
        let outline = MultiPolygon::new(vec![Polygon::from(Rect::new((10.0, 30.0), (16.0, 34.0)))]);
        let areas = Areas::new(&outline, 40.0);
        let months = periods(Every::Month, &[], day("2019-04-01"), day("2019-06-30"));
        let list = gains(&history, &frames(&history, &areas, &months));
        let find = |month: u32, front: &str, class: &str| {
            list.iter()
                .find(|g| {
                    chrono::Datelike::month(&g.period.start) == month
                        && g.front == front
                        && g.class == class
                })
                .cloned()
        };
        let lost = find(6, "east", "LNA").unwrap();
        assert_eq!(lost.held_km2, 0.0);
        let gained = find(6, "east", "GNA").unwrap();
        assert!(
            (gained.gained_km2 - lost.lost_km2).abs() < 1.0,
            "{gained:?} {lost:?}"
        );
        assert!(gained.gained_km2 > 1000.0);
        let may = find(5, ALL_FRONTS, "GNA").unwrap();
        assert!(
            may.gained_km2.abs() < 1e-6 && may.lost_km2 == 0.0,
            "{may:?}"
        );
    }
}
