//! Reports of one event, found and merged without losing a source.
//!
//! The flow: each report's actors are resolved through the lexicon ([`actors`]); the rule
//! ([`matching`]) says whether two reports are one event; reports are grouped so that
//! every pair in a group matches ([`cluster`]); each group becomes one event and one row
//! ([`merge`]) written in place of the first report's row in its file ([`sheet`]); every
//! merge goes to the merge log with the rows it replaced ([`log`]), which `--undo` reverses.

pub mod actors;
pub mod cluster;
pub mod log;
pub mod matching;
pub mod merge;
pub mod places;
pub mod sheet;

use crate::event::record::Header;
use crate::event::Event;
use crate::extract::lexicon::Lexicon;
use crate::front::Fronts;
use crate::gazetteer::Gazetteer;
use actors::{Actors, Agreement};
use log::{MergeEntry, Reason, RowText};
use places::Places;
use sheet::Sheet;
use std::collections::BTreeMap;

/// A report and where its row is: the sheet (by file name) and the row's slot in it.
#[derive(Clone, Debug)]
pub struct Report<'a> {
    /// The report, resolved (dates and places).
    pub event: &'a Event,
    /// The key of its file in the sheets.
    pub file: String,
    /// Its row's slot in the sheet.
    pub index: usize,
    /// Whether it must stay as it is (another report's anchor names it).
    pub fixed: bool,
}

/// A group of reports left unmerged, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmerged {
    /// The ids, the one that would have been kept first.
    pub ids: Vec<String>,
    /// Why they were left.
    pub why: String,
}

/// Finds the reports of one event among `reports` (in file order), merges each group in
/// the sheets, and returns the merges made and the groups left unmerged.
pub fn apply(
    reports: &[Report],
    headers: &BTreeMap<String, Header>,
    sheets: &mut BTreeMap<String, Sheet>,
    actors: &mut Actors,
    places: &mut Places,
) -> (Vec<MergeEntry>, Vec<Unmerged>) {
    let events: Vec<&Event> = reports.iter().map(|r| r.event).collect();
    let fixed: Vec<bool> = reports.iter().map(|r| r.fixed).collect();
    let mut entries = Vec::new();
    let mut unmerged = Vec::new();
    let found = cluster::clusters(&events, &fixed, actors, places);
    for (report, with) in &found.ambiguous {
        let ids: Vec<String> = std::iter::once(*report)
            .chain(with.iter().copied())
            .map(|i| events[i].event_id_cnty.clone())
            .collect();
        unmerged.push(Unmerged {
            why: format!(
                "{} matches {}, which are not all one event",
                ids[0],
                ids[1..].join(", ")
            ),
            ids,
        });
    }
    for found in found.clusters {
        let kept = &reports[found.kept];
        let others: Vec<(&Event, &matching::Why)> = found
            .merged
            .iter()
            .map(|(i, why)| (reports[*i].event, why))
            .collect();
        let mut ids = vec![kept.event.event_id_cnty.clone()];
        ids.extend(others.iter().map(|(e, _)| e.event_id_cnty.clone()));
        let merged = merge::merge(kept.event, &others, actors);

        let (Some(header), Some(kept_text)) = (
            headers.get(&kept.file),
            sheets.get(&kept.file).and_then(|s| s.row(kept.index)),
        ) else {
            continue;
        };
        let kept_text = kept_text.to_string();
        let Some(values) = sheet::values(&kept_text) else {
            continue;
        };
        let row = match merge::merged_row(header, &values, kept.event, &merged) {
            Ok(row) => row,
            Err(merge::MissingColumn(column)) => {
                let why = format!(
                    "{} ← {}: {} has no `{}` column for the merged value",
                    ids[0],
                    ids[1..].join(", "),
                    kept.file,
                    column.name()
                );
                unmerged.push(Unmerged { ids, why });
                continue;
            }
        };
        let text = if row == values {
            kept_text.clone()
        } else {
            sheet::render(&row, sheet::line_end(&kept_text))
        };

        let mut replaced = Vec::new();
        for (i, report) in std::iter::once(found.kept)
            .chain(found.merged.iter().map(|(i, _)| *i))
            .map(|i| (i, &reports[i]))
        {
            let Some(sheet) = sheets.get(&report.file) else {
                continue;
            };
            replaced.push(RowText {
                id: events[i].event_id_cnty.clone(),
                file: report.file.clone(),
                line: sheet.line(report.index),
                text: sheet.row(report.index).unwrap_or_default().to_string(),
            });
        }
        let line = replaced.first().map_or(0, |r| r.line);
        for (i, _) in &found.merged {
            let report = &reports[*i];
            if let Some(sheet) = sheets.get_mut(&report.file) {
                sheet.remove(report.index);
            }
        }
        if let Some(sheet) = sheets.get_mut(&kept.file) {
            sheet.replace(kept.index, text.clone());
        }
        let why = found
            .merged
            .iter()
            .map(|(i, why)| Reason {
                id: events[*i].event_id_cnty.clone(),
                distance_km: (why.distance_km * 10.0).round() / 10.0,
                allowed_km: why.allowed_km,
                days: [why.overlap.0.to_string(), why.overlap.1.to_string()],
                actors: match why.actors {
                    Agreement::Shared { actor, swapped } => format!(
                        "both name {}{}",
                        actors.name(actor),
                        if swapped { " (on the other side)" } else { "" }
                    ),
                    Agreement::Unnamed => "one names no actor".to_string(),
                },
                sub_event_type: events[*i].sub_event_type.to_string(),
            })
            .collect();
        entries.push(MergeEntry {
            kept: ids[0].clone(),
            merged: ids[1..].to_vec(),
            why,
            row: RowText {
                id: ids[0].clone(),
                file: kept.file.clone(),
                line,
                text,
            },
            replaced,
        });
    }
    (entries, unmerged)
}

/// Merges reports of one event among in-memory rows, for `import --merge`.
///
/// `rows` are native CSV values aligned with `header`, each with the event parsed from it
/// (dates and point resolved), in the order they will be written; `lexicon` names the
/// actors and `gazetteer` the places (either may be empty: names are then compared
/// folded). Returns the rows to
/// write (merged rows in place of the first report's, the others gone) and the merges.
/// The entries' rows name no file and count lines as if `header` and `rows` were written
/// with `\n` line ends and the csv crate's quoting (as `format::csv_writer` writes): call
/// [`MergeEntry::set_file`] with the output's path, then [`log::append`].
pub fn merge_rows(
    header: &[String],
    rows: Vec<(Event, Vec<String>)>,
    lexicon: &Lexicon,
    gazetteer: &Gazetteer,
) -> (Vec<Vec<String>>, Vec<MergeEntry>) {
    let mut text = sheet::render(header, "\n");
    for (_, values) in &rows {
        text.push_str(&sheet::render(values, "\n"));
    }
    let mut sheets = BTreeMap::from([(String::new(), Sheet::parse(&text))]);
    let headers = BTreeMap::from([(
        String::new(),
        Header::new(header.iter().map(String::as_str)),
    )]);
    let reports: Vec<Report> = rows
        .iter()
        .enumerate()
        .map(|(i, (event, _))| Report {
            event,
            file: String::new(),
            index: i + 1,
            fixed: false,
        })
        .collect();
    let mut actors = Actors::new(lexicon);
    let fronts = Fronts { fronts: Vec::new() };
    let mut places = Places::new(gazetteer, &fronts);
    let (entries, _) = apply(&reports, &headers, &mut sheets, &mut actors, &mut places);
    if entries.is_empty() {
        return (rows.into_iter().map(|(_, v)| v).collect(), entries);
    }
    let sheet = &sheets[""];
    let out = (1..sheet.len())
        .filter_map(|i| sheet.row(i))
        .filter_map(sheet::values)
        .collect();
    (out, entries)
}

/// A merge for a person: `kept ← merged`, then why for each merged report.
pub fn describe(entry: &MergeEntry) -> String {
    let mut text = format!("{} ← {}\n", entry.kept, entry.merged.join(", "));
    for reason in &entry.why {
        let days = if reason.days[0] == reason.days[1] {
            format!("both on {}", reason.days[0])
        } else {
            format!("both on {} to {}", reason.days[0], reason.days[1])
        };
        text.push_str(&format!(
            "  {}: {} km apart ({} km allowed), {days}, {}\n",
            reason.id, reason.distance_km, reason.allowed_km, reason.actors
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::geo_precision::GeoPrecision;
    use crate::event::record::COLUMNS;
    use crate::format::csv_writer::event_row;
    use matching::tests::report;

    #[test]
    fn merge_rows_merges_in_memory_and_the_log_undoes_it() {
        let lna = "LNA: Libyan National Army (Haftar)";
        let a = report(
            "A",
            "Battles",
            "2019-04-20",
            (32.8133, 13.2697),
            GeoPrecision::Near,
            lna,
            "",
        );
        let b = report(
            "B",
            "Battles",
            "2019-04-21",
            (32.8133, 13.2697),
            GeoPrecision::Exact,
            lna,
            "",
        );
        let c = report(
            "C",
            "Battles",
            "2019-04-20",
            (32.81, 13.27),
            GeoPrecision::Exact,
            "قوات حفتر",
            "",
        );
        let header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
        let rows: Vec<(Event, Vec<String>)> = [a, b, c]
            .into_iter()
            .map(|e| {
                let r = event_row(&e);
                (e, r)
            })
            .collect();
        let lexicon = Lexicon::load(std::path::Path::new("data/lexicon")).unwrap_or_default();
        let before: String = std::iter::once(&header)
            .chain(rows.iter().map(|(_, v)| v))
            .map(|v| sheet::render(v, "\n"))
            .collect();
        let (gazetteer, _) = matching::tests::gazetteer();
        let (out, entries) = merge_rows(&header, rows, &lexicon, &gazetteer);
        assert_eq!(out.len(), 2);
        assert_eq!(entries.len(), 1);
        assert_eq!(
            (entries[0].kept.as_str(), entries[0].merged.as_slice()),
            ("A", &["C".to_string()][..])
        );
        // The finest place (C's, exact) and both sources.
        assert_eq!(out[0][16], "exact");
        let source = COLUMNS.iter().position(|n| *n == "source").unwrap();
        assert_eq!(out[0][source], "source of A; source of C");
        let after: String = std::iter::once(&header)
            .chain(out.iter())
            .map(|v| sheet::render(v, "\n"))
            .collect();
        let mut sheets = BTreeMap::from([(String::new(), Sheet::parse(&after))]);
        assert_eq!(log::undo(&entries, &mut sheets), Ok(()));
        assert_eq!(sheets[""].text(), before);
    }
}
