//! Reports grouped into events: candidates from an R-tree over (longitude, latitude, day),
//! then clusters in which every pair of reports matches.
//!
//! Matching is not transitive: A may match B and B match C while A and C are too far
//! apart. A transitive closure would chain a front line's worth of clashes into one
//! event, so a report joins a cluster only when it matches every report already in it
//! (complete linkage). Reports are taken in file order; a report that could join several
//! clusters joins the one started first, and one that matches none starts its own.

use super::actors::Actors;
use super::matching::{can_match, matches, Facts, Why, MAX_ALLOWANCE_KM};
use super::places::Places;
use crate::event::Event;
use chrono::Datelike;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};
use std::collections::HashMap;

/// Reports of one event: indices into the events given, the first (in the order given)
/// is the one kept; each other member comes with why it matched the first.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// The report whose id the merged event keeps.
    pub kept: usize,
    /// The other reports, in the order given, with why each matches the kept one.
    pub merged: Vec<(usize, Why)>,
}

type Entry = GeomWithData<Rectangle<[f64; 3]>, usize>;

/// Finds the clusters of two or more reports among `events`, taken in the order given
/// (file order). `skip` marks reports that must stay as they are.
pub fn clusters(
    events: &[&Event],
    skip: &[bool],
    actors: &mut Actors,
    places: &mut Places,
) -> Vec<Cluster> {
    let facts: Vec<Facts> = events
        .iter()
        .map(|e| Facts {
            sides: actors.sides(e),
            place: places.key(e),
        })
        .collect();
    let usable = |i: usize| !skip.get(i).copied().unwrap_or(false) && can_match(events[i]);
    let entries: Vec<Entry> = (0..events.len())
        .filter(|&i| usable(i))
        .map(|i| {
            let e = events[i];
            let (lon, lat) = (e.point.x(), e.point.y());
            let (t0, t1) = (day(e.date.start), day(e.date.end));
            GeomWithData::new(Rectangle::from_corners([lon, lat, t0], [lon, lat, t1]), i)
        })
        .collect();
    let tree = RTree::bulk_load(entries);

    // Cluster number of each report, and each cluster's members in order.
    let mut of: HashMap<usize, usize> = HashMap::new();
    let mut members: Vec<Vec<(usize, Option<Why>)>> = Vec::new();
    for i in (0..events.len()).filter(|&i| usable(i)) {
        let e = events[i];
        let mut found: HashMap<usize, Why> = HashMap::new();
        for candidate in tree.locate_in_envelope_intersecting(&search_box(e)) {
            let j = candidate.data;
            if j >= i {
                continue;
            }
            if let Ok(why) = matches(events[j], &facts[j], e, &facts[i]) {
                found.insert(j, why);
            }
        }
        let mut open: Vec<usize> = found.keys().filter_map(|j| of.get(j).copied()).collect();
        open.sort_unstable();
        open.dedup();
        let joined = open
            .into_iter()
            .find(|&c| members[c].iter().all(|(m, _)| found.contains_key(m)));
        match joined {
            Some(c) => {
                let first = members[c][0].0;
                members[c].push((i, found.remove(&first)));
                of.insert(i, c);
            }
            None => {
                of.insert(i, members.len());
                members.push(vec![(i, None)]);
            }
        }
    }
    members
        .into_iter()
        .filter(|m| m.len() > 1)
        .map(|m| {
            let kept = m[0].0;
            let merged = m
                .into_iter()
                .skip(1)
                .filter_map(|(i, why)| why.map(|w| (i, w)))
                .collect();
            Cluster { kept, merged }
        })
        .collect()
}

/// Days since the common era, as the R-tree's third axis.
fn day(date: chrono::NaiveDate) -> f64 {
    date.num_days_from_ce() as f64
}

/// The box any report matching `e` lies in: its interval in time, and in space the most
/// any pair of precisions allows, turned into degrees generously (1° of latitude is
/// 111.2 km; a degree of longitude shrinks with the cosine of the latitude furthest from
/// the equator in the box). Near a pole or the antimeridian the box spans all longitudes.
fn search_box(e: &Event) -> AABB<[f64; 3]> {
    let (lon, lat) = (e.point.x(), e.point.y());
    let reach = super::matching::allowance_km(e.geo_precision).unwrap_or(0.0) + MAX_ALLOWANCE_KM;
    let dlat = reach / 110.0;
    let far = (lat.abs() + dlat).min(90.0);
    let cos = far.to_radians().cos();
    let (west, east) = if cos < 0.01 || (reach / (110.0 * cos)) >= 180.0 {
        (-180.0, 180.0)
    } else {
        let dlon = reach / (110.0 * cos);
        if lon - dlon < -180.0 || lon + dlon > 180.0 {
            (-180.0, 180.0)
        } else {
            (lon - dlon, lon + dlon)
        }
    };
    AABB::from_corners(
        [west, lat - dlat, day(e.date.start)],
        [east, lat + dlat, day(e.date.end)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedupe::matching::tests::{actors, gazetteer, report};
    use crate::event::geo_precision::GeoPrecision;

    const LNA: &str = "LNA: Libyan National Army (Haftar)";

    #[test]
    fn no_chaining_across_far_apart_reports() {
        let (g, f) = gazetteer();
        // Three exact reports 3 km apart in a line: A–B and B–C are within 4 km, A–C not.
        let at = |id, lon| {
            report(
                id,
                "Battles",
                "2019-05-01",
                (32.8, lon),
                GeoPrecision::Exact,
                LNA,
                "",
            )
        };
        let (a, b, c) = (at("A", 13.20), at("B", 13.232), at("C", 13.264));
        let events = [&a, &b, &c];
        let found = clusters(
            &events,
            &[false; 3],
            &mut actors(),
            &mut Places::new(&g, &f),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kept, 0);
        assert_eq!(found[0].merged.len(), 1);
        assert_eq!(found[0].merged[0].0, 1);
    }

    #[test]
    fn every_report_of_one_event_joins_the_first() {
        let (g, f) = gazetteer();
        let at = |id, lon| {
            report(
                id,
                "Battles",
                "2019-05-01",
                (32.8, lon),
                GeoPrecision::Near,
                LNA,
                "",
            )
        };
        let (a, b, c, far) = (at("A", 13.2), at("B", 13.25), at("C", 13.3), at("F", 15.0));
        let events = [&a, &b, &far, &c];
        let found = clusters(
            &events,
            &[false, false, false, false],
            &mut actors(),
            &mut Places::new(&g, &f),
        );
        assert_eq!(found.len(), 1);
        let merged: Vec<usize> = found[0].merged.iter().map(|(i, _)| *i).collect();
        assert_eq!(merged, [1, 3]);
        // A report marked to stay as it is joins nothing.
        let found = clusters(
            &events,
            &[false, true, false, true],
            &mut actors(),
            &mut Places::new(&g, &f),
        );
        assert!(found.is_empty());
    }

    #[test]
    fn many_reports_are_indexed_not_compared_pairwise() {
        let (g, f) = gazetteer();
        // 20,000 reports on a grid of days and places: only neighbours are compared.
        let events: Vec<Event> = (0..20_000)
            .map(|i| {
                let date = format!("2019-{:02}-{:02}", 1 + (i % 12), 1 + (i % 28));
                let lon = 10.0 + (i / 336) as f64 * 0.5;
                let lat = 30.0 + (i % 7) as f64 * 0.5;
                let mut e = report(
                    "X",
                    "Battles",
                    &date,
                    (lat, lon),
                    GeoPrecision::Exact,
                    LNA,
                    "",
                );
                e.event_id_cnty = format!("X{i}");
                e
            })
            .collect();
        let refs: Vec<&Event> = events.iter().collect();
        let found = clusters(
            &refs,
            &vec![false; refs.len()],
            &mut actors(),
            &mut Places::new(&g, &f),
        );
        assert!(found
            .iter()
            .all(|c| c.merged.iter().all(|(_, w)| w.distance_km < 4.0)));
    }
}
