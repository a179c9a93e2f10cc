//! ACLED export rows into frontline's columns.
//!
//! frontline's event files use ACLED's column names, so an ACLED export needs no renaming:
//! its rows are read as they are, ACLED's numeric precisions (codebook, "Time precision
//! codes" 1–3 and "Spatial precision codes" 1–3) are read by the event checks, `;`-lists
//! stay lists, and ACLED's other columns (`year`, `disorder_type`, `inter1`, `region`,
//! `admin2`, `timestamp`, the population columns …) travel with each event unchanged.
//!
//! A file frontline's `export csv` wrote also carries `date_start`/`date_end` (the event's
//! interval, which ACLED's single `event_date` and three codes cannot hold) and
//! `where_prec` (UCDP GED's place-precision code, which holds frontline's six place
//! precisions): those win over ACLED's coarser columns, so the export reads back unchanged.

use super::{Mapping, Skip};
use crate::diagnostic::{Diagnostic, Origin};
use crate::event::date::DateInterval;
use crate::event::geo_precision::GeoPrecision;
use crate::event::record::REQUIRED_COLUMNS;
use csv::StringRecord;
use std::path::Path;

/// ACLED's CSV export, and frontline's own event files and CSV exports.
#[derive(Debug, Default)]
pub struct Acled {
    /// The source's column names, as read.
    names: Vec<String>,
    /// For each output column, the source column it is copied from.
    copied: Vec<usize>,
    /// Where the columns the mapping rewrites are, in the source and in the output.
    at: Positions,
}

/// Source positions (`source`) and output positions (`out`) of the columns the mapping
/// reads or rewrites.
#[derive(Debug, Default)]
struct Positions {
    event_date: Option<(usize, usize)>,
    time_precision: Option<(usize, usize)>,
    anchor: Option<usize>,
    date_start: Option<(usize, usize)>,
    date_end: Option<(usize, usize)>,
    geo_precision: Option<(usize, usize)>,
    where_prec: Option<usize>,
}

impl Mapping for Acled {
    fn header(
        &mut self,
        source: Option<&StringRecord>,
        file: &Path,
    ) -> Result<Vec<String>, Diagnostic> {
        let names: Vec<String> = source
            .map(|h| h.iter().map(|n| n.trim().to_ascii_lowercase()).collect())
            .unwrap_or_default();
        let missing: Vec<&str> = REQUIRED_COLUMNS
            .iter()
            .copied()
            .filter(|c| !names.iter().any(|n| n == c))
            .collect();
        if !missing.is_empty() {
            return Err(Diagnostic::record(
                &Origin::at(file, 1),
                format!(
                    "an ACLED header with the columns {} (missing: {})",
                    REQUIRED_COLUMNS.join(", "),
                    missing.join(", ")
                ),
            ));
        }
        // `where_prec` is read into `geo_precision`, not kept beside it.
        self.copied = (0..names.len())
            .filter(|&i| names[i] != "where_prec")
            .collect();
        let source_at = |name: &str| names.iter().position(|n| n == name);
        let out_at = |name: &str| {
            let s = source_at(name)?;
            Some((s, self.copied.iter().position(|&c| c == s)?))
        };
        self.at = Positions {
            event_date: out_at("event_date"),
            time_precision: out_at("time_precision"),
            anchor: source_at("anchor"),
            date_start: out_at("date_start"),
            date_end: out_at("date_end"),
            geo_precision: out_at("geo_precision"),
            where_prec: source_at("where_prec"),
        };
        let kept = self.copied.iter().map(|&i| names[i].clone()).collect();
        self.names = names;
        Ok(kept)
    }

    fn source_of(&self, column: &str) -> Option<String> {
        let at = self.names.iter().position(|n| n == column)?;
        Some(format!("column {}", at + 1))
    }

    fn map(
        &self,
        row: &StringRecord,
        origin: &Origin,
        out: &mut Vec<String>,
        problems: &mut Vec<Diagnostic>,
    ) -> Result<(), Skip> {
        out.clear();
        out.extend(
            self.copied
                .iter()
                .map(|&i| row.get(i).unwrap_or("").to_string()),
        );
        let value = |at: Option<(usize, usize)>| {
            at.and_then(|(s, _)| row.get(s))
                .map(str::trim)
                .unwrap_or("")
        };
        let anchored = self
            .at
            .anchor
            .and_then(|i| row.get(i))
            .is_some_and(|a| !a.trim().is_empty());
        let (start, end) = (value(self.at.date_start), value(self.at.date_end));
        if let (false, false, Some((_, date_at))) =
            (start.is_empty(), end.is_empty(), self.at.event_date)
        {
            if anchored {
                // The anchor is the event's date; the days written beside it are what it
                // resolved to when exported, and are resolved again on reading.
                out[date_at].clear();
                for (_, o) in [self.at.date_start, self.at.date_end, self.at.time_precision]
                    .into_iter()
                    .flatten()
                {
                    out[o].clear();
                }
            } else {
                match DateInterval::parse(&format!("{start}/{end}")) {
                    Some(interval) => {
                        let (date, precision) = event_date(value(self.at.event_date), interval);
                        out[date_at] = date;
                        if let Some((_, o)) = self.at.time_precision {
                            out[o] = precision;
                        }
                    }
                    None => problems.push(Diagnostic::field(
                        origin,
                        "date_start",
                        &format!("{start}/{end}"),
                        "date_start on or before date_end, each YYYY-MM-DD",
                    )),
                }
            }
        }
        if let Some(code) = self.at.where_prec.and_then(|i| row.get(i)).map(str::trim) {
            if !code.is_empty() {
                match code.parse().ok().and_then(GeoPrecision::from_where_prec) {
                    Some(precision) => {
                        if let Some((_, o)) = self.at.geo_precision {
                            out[o] = precision.as_str().to_string();
                        }
                    }
                    None => problems.push(Diagnostic::field(
                        origin,
                        "where_prec",
                        code,
                        "UCDP GED's where_prec: 1, 2, 3, 4, 6 or 7",
                    )),
                }
            }
        }
        Ok(())
    }
}

/// `event_date` and `time_precision` for an interval: the day ACLED recorded with the
/// interval's precision when the interval is that day's week or month (so the recorded
/// day is kept), else the interval itself.
fn event_date(recorded: &str, interval: DateInterval) -> (String, String) {
    if let Some(day) = DateInterval::parse(recorded).filter(|d| d.start == d.end) {
        if day.start != interval.start && day.widened_to(interval.precision) == interval {
            return (
                day.start.to_string(),
                interval.precision.as_str().to_string(),
            );
        }
    }
    (interval.to_string(), String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(header: &[&str], row: &[&str]) -> (Vec<String>, Vec<String>, Vec<Diagnostic>) {
        let mut acled = Acled::default();
        let names = acled
            .header(
                Some(&StringRecord::from(header.to_vec())),
                Path::new("a.csv"),
            )
            .unwrap();
        let mut out = Vec::new();
        let mut problems = Vec::new();
        acled
            .map(
                &StringRecord::from(row.to_vec()),
                &Origin::at(Path::new("a.csv"), 2),
                &mut out,
                &mut problems,
            )
            .unwrap();
        (names, out, problems)
    }

    const HEADER: [&str; 9] = [
        "event_id_cnty",
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "country",
        "location",
        "geo_precision",
    ];

    #[test]
    fn an_acled_row_is_read_as_it_is() {
        let row = [
            "LBY1",
            "2019-04-07",
            "2",
            "Battles",
            "Armed clash",
            "LNA",
            "Libya",
            "Ain Zara",
            "1",
        ];
        let (names, out, problems) = mapped(&HEADER, &row);
        assert_eq!(names, HEADER);
        assert_eq!(out, row);
        assert!(problems.is_empty());
    }

    #[test]
    fn an_export_s_interval_and_where_prec_win_over_acled_s_codes() {
        let mut header = HEADER.to_vec();
        header.extend(["date_start", "date_end", "where_prec"]);
        let row = [
            "LBY1",
            "2019-04-04",
            "2",
            "Battles",
            "Armed clash",
            "LNA",
            "Libya",
            "Ain Zara",
            "3",
            "2019-04-04",
            "2019-04-06",
            "3",
        ];
        let (names, out, _) = mapped(&header, &row);
        assert_eq!(names.len(), 11, "where_prec is read, not kept");
        assert_eq!(out[1], "2019-04-04/2019-04-06");
        assert_eq!(out[2], "");
        assert_eq!(out[8], "admin2");
    }

    #[test]
    fn a_recorded_day_inside_its_week_is_kept() {
        let week = DateInterval::parse("2019-04-01/2019-04-07").unwrap();
        assert_eq!(
            event_date("2019-04-03", week),
            ("2019-04-03".to_string(), "week".to_string())
        );
        assert_eq!(
            event_date("2019-04-01", week),
            ("2019-04-01/2019-04-07".to_string(), String::new())
        );
    }

    #[test]
    fn a_missing_required_column_is_named() {
        let mut acled = Acled::default();
        let problem = acled
            .header(
                Some(&StringRecord::from(vec!["event_id_cnty", "event_date"])),
                Path::new("a.csv"),
            )
            .unwrap_err();
        assert!(
            problem.to_string().contains("missing: event_type"),
            "{problem}"
        );
    }
}
