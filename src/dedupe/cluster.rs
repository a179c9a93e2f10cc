//! Reports grouped into events: candidates from an R-tree over (longitude, latitude, day),
//! then clusters in which every pair of reports matches.
//!
//! Matching is not transitive: A may match B and B match C while A and C are too far
//! apart. A transitive closure would chain a front line's worth of clashes into one
//! event, so a report joins a cluster only when it matches every report already in it
//! (complete linkage). Reports are taken in file order; a report that could join several
//! clusters joins the one started first, and one that matches none starts its own.

use super::actors::Actors;
use super::matching::{allowance_km, can_match, matches, Facts, Why};
use super::places::Places;
use crate::event::geo_precision::GeoPrecision;
use crate::event::Event;
use crate::filter::Bbox;
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

/// The clusters found, and the reports left out because they match reports of more than
/// one cluster.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clustering {
    /// Groups to merge.
    pub clusters: Vec<Cluster>,
    /// Each report that could be of two events, with every report it matches.
    pub ambiguous: Vec<(usize, Vec<usize>)>,
}

type Entry = GeomWithData<Rectangle<[f64; 3]>, usize>;

/// The place precisions a report can be matched at.
const PRECISIONS: [GeoPrecision; 4] = [
    GeoPrecision::Exact,
    GeoPrecision::Near,
    GeoPrecision::Admin2,
    GeoPrecision::Admin1,
];

/// Whether a report names a town or neighbourhood (its place is exact or near it).
fn named(e: &Event) -> bool {
    e.geo_precision <= GeoPrecision::Near
}

/// Finds the clusters of two or more reports among `events`, taken in the order given
/// (file order). `skip` marks reports that must stay as they are.
///
/// A report that matches reports of two clusters (a UCDP report of 18–22 April at a
/// place where ACLED has a clash on the 20th and another on the 21st) is left out of both.
pub fn clusters(
    events: &[&Event],
    skip: &[bool],
    actors: &mut Actors,
    places: &mut Places,
) -> Clustering {
    let facts: Vec<Facts> = events
        .iter()
        .map(|e| Facts {
            sides: actors.sides(e),
            place: places.key(e),
        })
        .collect();
    let usable = |i: usize| !skip.get(i).copied().unwrap_or(false) && can_match(events[i]);
    // One tree per place precision, each searched as far as its own allowance reaches:
    // most reports are exact, and their tree is searched a few kilometres around a report
    // rather than the widest allowance any report could have.
    let trees: Vec<(GeoPrecision, f64, RTree<Entry>)> = PRECISIONS
        .iter()
        .filter_map(|&precision| {
            let allowance = allowance_km(precision)?;
            let entries: Vec<Entry> = (0..events.len())
                .filter(|&i| usable(i) && events[i].geo_precision == precision)
                .map(|i| {
                    let e = events[i];
                    let (lon, lat) = (e.point.x(), e.point.y());
                    let (t0, t1) = (day(e.date.start), day(e.date.end));
                    GeomWithData::new(Rectangle::from_corners([lon, lat, t0], [lon, lat, t1]), i)
                })
                .collect();
            Some((precision, allowance, RTree::bulk_load(entries)))
        })
        .collect();

    // Two reports that both name a town or neighbourhood match only when they name the
    // same one (the rule's "same named place"), so such a report looks for its partners of
    // that kind among the reports of its place, by day, not in a circle around it: in a
    // dense file a circle of 27 km holds a whole city's reports of the day.
    let mut by_place: HashMap<&str, Vec<(i32, usize)>> = HashMap::new();
    for i in (0..events.len()).filter(|&i| usable(i) && named(events[i])) {
        let day = events[i].date.start.num_days_from_ce();
        by_place.entry(&facts[i].place).or_default().push((day, i));
    }
    for reports in by_place.values_mut() {
        reports.sort_unstable();
    }
    // Matched reports are dated to a week or better, so a partner starts at most this many
    // days before a report does.
    const LONGEST_DAYS: i32 = 7;

    // Cluster number of each report, each cluster's members in order, and every match
    // (earlier, later) with why.
    let mut of: HashMap<usize, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut links: HashMap<(usize, usize), Why> = HashMap::new();
    for i in (0..events.len()).filter(|&i| usable(i)) {
        let e = events[i];
        let mut found: Vec<usize> = Vec::new();
        let own = allowance_km(e.geo_precision).unwrap_or(0.0);
        let mut candidates: Vec<usize> = Vec::new();
        for (precision, allowance, tree) in &trees {
            if named(e) && *precision <= GeoPrecision::Near {
                continue;
            }
            candidates.extend(
                tree.locate_in_envelope_intersecting(&search_box(e, own + allowance))
                    .map(|c| c.data),
            );
        }
        if named(e) {
            let (first, last) = (
                e.date.start.num_days_from_ce() - LONGEST_DAYS,
                e.date.end.num_days_from_ce(),
            );
            let reports = &by_place[facts[i].place.as_str()];
            let from = reports.partition_point(|&(day, _)| day < first);
            candidates.extend(
                reports[from..]
                    .iter()
                    .take_while(|&&(day, _)| day <= last)
                    .map(|&(_, j)| j),
            );
        }
        for j in candidates {
            if j >= i {
                continue;
            }
            if let Ok(why) = matches(events[j], &facts[j], e, &facts[i]) {
                found.push(j);
                links.insert((j, i), why);
            }
        }
        let mut open: Vec<usize> = found.iter().filter_map(|j| of.get(j).copied()).collect();
        open.sort_unstable();
        open.dedup();
        let joined = open
            .into_iter()
            .find(|&c| members[c].iter().all(|m| found.contains(m)));
        let c = joined.unwrap_or_else(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[c].push(i);
        of.insert(i, c);
    }

    // A report that matches reports of two clusters (its own, grown to two or more, and
    // another; or two others) could be of either event: it is left as it is rather than
    // merged into the one that came first.
    let mut partners: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(j, i) in links.keys() {
        partners.entry(i).or_default().push(j);
        partners.entry(j).or_default().push(i);
    }
    let mut ambiguous: Vec<(usize, Vec<usize>)> = partners
        .into_iter()
        .filter(|(r, with)| {
            let own = of.get(r).copied();
            let mut theirs: Vec<Option<usize>> = with.iter().map(|p| of.get(p).copied()).collect();
            theirs.sort_unstable();
            theirs.dedup();
            let in_group = own.is_some_and(|c| members[c].len() > 1);
            theirs.iter().any(|c| *c != own) && (in_group || theirs.len() > 1)
        })
        .map(|(r, mut with)| {
            with.sort_unstable();
            (r, with)
        })
        .collect();
    ambiguous.sort_unstable();
    let left: Vec<usize> = ambiguous.iter().map(|(r, _)| *r).collect();

    let clusters = members
        .into_iter()
        .filter_map(|m| {
            let mut m = m.into_iter().filter(|r| left.binary_search(r).is_err());
            let kept = m.next()?;
            let merged: Vec<(usize, Why)> = m
                .filter_map(|r| links.get(&(kept, r)).map(|w| (r, w.clone())))
                .collect();
            (!merged.is_empty()).then_some(Cluster { kept, merged })
        })
        .collect();
    Clustering {
        clusters,
        ambiguous,
    }
}

/// Days since the common era, as the R-tree's third axis.
fn day(date: chrono::NaiveDate) -> f64 {
    date.num_days_from_ce() as f64
}

/// The box any report within `reach` km of `e` lies in: its interval in time, and in space
/// [`Bbox::around`] (across the antimeridian, every longitude: the tree has one box).
fn search_box(e: &Event, reach: f64) -> AABB<[f64; 3]> {
    let b = Bbox::around(e.point.x(), e.point.y(), reach);
    let (west, east) = if b.west > b.east {
        (-180.0, 180.0)
    } else {
        (b.west, b.east)
    };
    AABB::from_corners(
        [west, b.south, day(e.date.start)],
        [east, b.north, day(e.date.end)],
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
        )
        .clusters;
        // B could be one event with A or with C: it is left as it is, and A and C apart.
        assert!(found.is_empty());
        let all = clusters(
            &events,
            &[false; 3],
            &mut actors(),
            &mut Places::new(&g, &f),
        );
        assert_eq!(all.ambiguous, [(1, vec![0, 2])]);
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
        )
        .clusters;
        assert_eq!(found.len(), 1);
        let merged: Vec<usize> = found[0].merged.iter().map(|(i, _)| *i).collect();
        assert_eq!(merged, [1, 3]);
        // A report marked to stay as it is joins nothing.
        let found = clusters(
            &events,
            &[false, true, false, true],
            &mut actors(),
            &mut Places::new(&g, &f),
        )
        .clusters;
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
        )
        .clusters;
        assert!(found
            .iter()
            .all(|c| c.merged.iter().all(|(_, w)| w.distance_km < 4.0)));
    }
}
