//! One event built from several reports of it, losing no source.
//!
//! - id, type, sub-type: the first report's (in file order); extra columns too, with the
//!   ones it leaves empty filled from the other reports;
//! - date: the hull of the reports' intervals, the narrowest interval that holds every
//!   report's claim (ACLED and UCDP each say "on one of these days"; taking their
//!   intersection would claim a precision neither source gave). When the hull is the first
//!   report's own interval, its date is kept as written (anchor, recorded day);
//! - place: the report with the finest `geo_precision` (ties: the first);
//! - actors: each side united, the second report's sides swapped when it names them the
//!   other way round; names of one lexicon actor kept once (the first spelling), and an
//!   unidentified actor dropped from a side that names one;
//! - fatalities: `best` from the first report that gives one; `low` and `high` the
//!   smallest and largest figure any report gives, so the range covers every report;
//! - claim: disputed when any report is; else confirmed when any report confirms it; else
//!   claimed, by every side any report names;
//! - sources: every report's, in order, each (name, url) once;
//! - notes: every different note, joined with ` | `; headline: the first non-empty;
//!   `key` when any report is.

use super::actors::{Actors, Agreement};
use super::matching::Why;
use crate::event::date::{DateInterval, TimePrecision};
use crate::event::record::{Column, Header};
use crate::event::{Claim, ClaimStatus, Event, Fatalities, Source};
use crate::format::csv_writer::value;

/// Joins notes of several reports.
pub const NOTES_SEPARATOR: &str = " | ";

/// The merged event of a cluster: `kept` first, then each other report with why it
/// matched `kept`.
pub fn merge(kept: &Event, others: &[(&Event, &Why)], actors: &mut Actors) -> Event {
    let mut merged = kept.clone();
    let all: Vec<&Event> = std::iter::once(kept)
        .chain(others.iter().map(|(e, _)| *e))
        .collect();

    let start = all
        .iter()
        .map(|e| e.date.start)
        .min()
        .unwrap_or(kept.date.start);
    let end = all
        .iter()
        .map(|e| e.date.end)
        .max()
        .unwrap_or(kept.date.end);
    if (start, end) != (kept.date.start, kept.date.end) {
        let days = (end - start).num_days() + 1;
        merged.date = DateInterval {
            start,
            end,
            precision: TimePrecision::for_span(days),
        };
        merged.recorded = None;
        merged.anchor = None;
    }

    if let Some(place) = all.iter().min_by_key(|e| e.geo_precision) {
        if place.geo_precision < kept.geo_precision {
            merged.location = place.location.clone();
            merged.admin1 = place.admin1.clone();
            merged.country = place.country.clone();
            merged.iso = place.iso;
            merged.point = place.point;
            merged.geo_precision = place.geo_precision;
            merged.geonameid = place.geonameid.clone();
            merged.front = place.front.clone();
        }
    }

    for (other, why) in others {
        let swapped = matches!(why.actors, Agreement::Shared { swapped: true, .. });
        let (a1, s1, a2, s2) = if swapped {
            (
                &other.actor2,
                &other.assoc_actor_2,
                &other.actor1,
                &other.assoc_actor_1,
            )
        } else {
            (
                &other.actor1,
                &other.assoc_actor_1,
                &other.actor2,
                &other.assoc_actor_2,
            )
        };
        unite(&mut merged.actor1, a1, actors);
        unite(&mut merged.assoc_actor_1, s1, actors);
        unite(&mut merged.actor2, a2, actors);
        unite(&mut merged.assoc_actor_2, s2, actors);
    }
    // An associate that is also a main actor of its side is said once.
    for (main, assoc) in [
        (&merged.actor1, &mut merged.assoc_actor_1),
        (&merged.actor2, &mut merged.assoc_actor_2),
    ] {
        let keys: Vec<_> = main.iter().map(|n| actors.key(n)).collect();
        assoc.retain(|n| {
            let k = actors.key(n);
            k.is_none() || !keys.contains(&k)
        });
    }
    for side in [&mut merged.actor1, &mut merged.actor2] {
        if side.iter().any(|n| actors.key(n).is_some()) {
            side.retain(|n| actors.key(n).is_some());
        }
    }

    merged.fatalities = fatalities(&all);
    merged.claim = claim(&all);

    // Columns of their own (ACLED's inter codes, UCDP's ids): the first report's, with the
    // ones it left empty filled from the others, so the merged row says what each knew.
    for (other, _) in others {
        for (name, value) in &other.extra {
            if value.is_empty() {
                continue;
            }
            match merged.extra.iter_mut().find(|(n, _)| n == name) {
                Some((_, mine)) if mine.is_empty() => mine.clone_from(value),
                Some(_) => {}
                None => merged.extra.push((name.clone(), value.clone())),
            }
        }
    }

    let mut sources: Vec<Source> = Vec::new();
    for source in all.iter().flat_map(|e| &e.sources) {
        if !sources
            .iter()
            .any(|s| s.name == source.name && s.url == source.url)
        {
            sources.push(source.clone());
        }
    }
    merged.sources = sources;

    let mut notes: Vec<&str> = Vec::new();
    for note in all.iter().map(|e| e.notes.trim()) {
        if !note.is_empty() && !notes.contains(&note) {
            notes.push(note);
        }
    }
    merged.notes = notes.join(NOTES_SEPARATOR);
    merged.key = all.iter().any(|e| e.key);
    if let Some(e) = all.iter().find(|e| !e.headline.is_empty()) {
        merged.headline = e.headline.clone();
    }
    if let Some(e) = all.iter().find(|e| !e.headline_ar.is_empty()) {
        merged.headline_ar = e.headline_ar.clone();
    }
    merged
}

/// Adds to `side` the names of `more` whose actor it does not name yet.
fn unite(side: &mut Vec<String>, more: &[String], actors: &mut Actors) {
    for name in more {
        let key = actors.key(name);
        let known = side
            .iter()
            .any(|n| n == name || (key.is_some() && actors.key(n) == key));
        if !known {
            side.push(name.clone());
        }
    }
}

/// The fatalities of reports of one event: the first best estimate, and a range from the
/// smallest to the largest figure given. A range is only written where one was given or
/// the figures differ.
fn fatalities(all: &[&Event]) -> Fatalities {
    let figures: Vec<u32> = all
        .iter()
        .flat_map(|e| [e.fatalities.low, e.fatalities.best, e.fatalities.high])
        .flatten()
        .collect();
    let best = all.iter().find_map(|e| e.fatalities.best);
    let (Some(&lo), Some(&hi)) = (figures.iter().min(), figures.iter().max()) else {
        return Fatalities::default();
    };
    let any_low = all.iter().any(|e| e.fatalities.low.is_some());
    let any_high = all.iter().any(|e| e.fatalities.high.is_some());
    Fatalities {
        best,
        low: (any_low || best != Some(lo)).then_some(lo),
        high: (any_high || best != Some(hi)).then_some(hi),
    }
}

/// The claim of reports of one event: a denial anywhere makes it disputed; one report that
/// confirms it makes it confirmed; else it stays a claim, by every side named.
fn claim(all: &[&Event]) -> Claim {
    let any = |status: ClaimStatus| all.iter().any(|e| e.claim.status == status);
    let status = if any(ClaimStatus::Disputed) {
        ClaimStatus::Disputed
    } else if any(ClaimStatus::Confirmed) {
        ClaimStatus::Confirmed
    } else {
        ClaimStatus::Claimed
    };
    let mut by: Vec<String> = Vec::new();
    if status != ClaimStatus::Confirmed {
        for name in all.iter().flat_map(|e| &e.claim.by) {
            if !by.contains(name) {
                by.push(name.clone());
            }
        }
    }
    Claim { status, by }
}

/// A column the merged event needs but the kept report's file does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissingColumn(pub Column);

/// The kept report's row with the merged event's values where they differ from the kept
/// report's: every other cell stays as written (extra columns, spellings, empty cells
/// frontline resolved). Fails when a value that would be lost has no column to go in.
pub fn merged_row(
    header: &Header,
    kept_values: &[String],
    kept: &Event,
    merged: &Event,
) -> Result<Vec<String>, MissingColumn> {
    let mut row = kept_values.to_vec();
    row.resize(header.names().len(), String::new());
    for column in Column::ALL {
        let new = value(merged, column);
        if new == value(kept, column) {
            continue;
        }
        match header.index(column) {
            Some(i) => row[i] = new,
            None if can_go_without(column, header) => {}
            None => return Err(MissingColumn(column)),
        }
    }
    // An empty cell of the file's other columns takes another report's value; a value
    // with no column in this file stays in the merge log.
    for &i in header.extras() {
        if row[i].trim().is_empty() {
            let name = &header.names()[i];
            if let Some((_, value)) = merged.extra.iter().find(|(n, _)| n == name) {
                row[i].clone_from(value);
            }
        }
    }
    Ok(row)
}

/// Columns whose merged value another column carries, or that frontline works out again.
fn can_go_without(column: Column, header: &Header) -> bool {
    match column {
        Column::EventDate => header.has(Column::DateStart),
        Column::DateStart | Column::DateEnd => header.has(Column::EventDate),
        Column::TimePrecision
        | Column::Anchor
        | Column::Iso
        | Column::Admin1
        | Column::Geonameid
        | Column::Front
        | Column::Key
        | Column::Headline
        | Column::HeadlineAr => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedupe::matching::tests::{actors, at, report};
    use crate::dedupe::matching::Why;
    use crate::event::geo_precision::GeoPrecision;
    use crate::event::record::COLUMNS;
    use chrono::NaiveDate;

    const LNA: &str = "LNA: Libyan National Army (Haftar)";
    const GNA: &str = "GNA: Government of National Accord";

    fn why(swapped: bool) -> Why {
        let day = NaiveDate::from_ymd_opt(2019, 4, 20).unwrap_or_default();
        Why {
            distance_km: 1.0,
            allowed_km: 27.0,
            overlap: (day, day),
            actors: Agreement::Shared { actor: 0, swapped },
        }
    }

    #[test]
    fn a_merge_keeps_every_source_the_hull_and_the_finest_place() {
        let mut acled = report(
            "A",
            "Battles",
            "2019-04-20",
            (32.81, 13.27),
            GeoPrecision::Near,
            LNA,
            GNA,
        );
        acled.fatalities.best = Some(4);
        acled.notes = "Clashes in Ain Zara.".into();
        let mut ucdp = report(
            "U",
            "Battles",
            "2019-04-18/2019-04-22",
            (32.8133, 13.2697),
            GeoPrecision::Exact,
            "Tripoli government",
            "قوات حفتر",
        );
        ucdp = at(ucdp, "عين زارة");
        ucdp.fatalities = Fatalities {
            best: Some(6),
            low: Some(5),
            high: Some(9),
        };
        ucdp.sources.push(acled.sources[0].clone());
        let w = why(true);
        let merged = merge(&acled, &[(&ucdp, &w)], &mut actors());
        assert_eq!(merged.event_id_cnty, "A");
        assert_eq!(merged.date.to_string(), "2019-04-18/2019-04-22");
        assert_eq!(merged.date.precision, TimePrecision::Days);
        assert_eq!(merged.geo_precision, GeoPrecision::Exact);
        assert_eq!(merged.location, "عين زارة");
        assert_eq!(merged.actor1, [LNA]);
        assert_eq!(merged.actor2, [GNA]);
        assert_eq!(
            merged.fatalities,
            Fatalities {
                best: Some(4),
                low: Some(4),
                high: Some(9)
            }
        );
        let names: Vec<&str> = merged.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["source of A", "source of U"]);
        assert_eq!(merged.notes, "Clashes in Ain Zara.");
    }

    #[test]
    fn the_merged_row_changes_only_the_cells_that_differ() {
        let kept = report(
            "A",
            "Battles",
            "2019-04-20",
            (32.81, 13.27),
            GeoPrecision::Exact,
            LNA,
            GNA,
        );
        let other = report(
            "B",
            "Battles",
            "2019-04-20",
            (32.81, 13.27),
            GeoPrecision::Exact,
            LNA,
            "",
        );
        let w = why(false);
        let merged = merge(&kept, &[(&other, &w)], &mut actors());
        let mut names: Vec<&str> = COLUMNS.to_vec();
        names.push("disorder_type");
        let header = Header::new(names);
        let mut values: Vec<String> = crate::format::csv_writer::event_row(&kept);
        values[14] = String::new(); // latitude left for the gazetteer
        values.push("Political violence".into());
        let row = merged_row(&header, &values, &kept, &merged).unwrap_or_default();
        let changed: Vec<&str> = (0..row.len())
            .filter(|&i| row[i] != values[i])
            .map(|i| &*header.names()[i])
            .collect();
        assert_eq!(changed, ["source"]);
        let source = header
            .names()
            .iter()
            .position(|n| &**n == "source")
            .unwrap();
        assert_eq!(row[source], "source of A; source of B");
        let bare = Header::new([
            "event_id_cnty",
            "event_type",
            "sub_event_type",
            "actor1",
            "country",
            "location",
            "event_date",
        ]);
        assert_eq!(
            merged_row(&bare, &values[..7], &kept, &merged),
            Err(MissingColumn(Column::Source))
        );
    }
}
