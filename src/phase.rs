//! Phases of the war: named spans of days from `data/phases.csv`, each dated from a
//! public source, shown as TimelineJS eras.

use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::Path;

/// The columns of a phases file, in order.
pub const COLUMNS: [&str; 6] = [
    "phase_id",
    "name",
    "name_ar",
    "date_start",
    "date_end",
    "source_url",
];

/// One phase of the war.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phase {
    /// Slug, unique in the file, e.g. `peace-storm`.
    pub phase_id: String,
    /// English name.
    pub name: String,
    /// Arabic name (may be empty).
    pub name_ar: String,
    /// First day (UCDP's `date_start`).
    pub date_start: NaiveDate,
    /// Last day, inclusive (UCDP's `date_end`).
    pub date_end: NaiveDate,
    /// The reports the dates are taken from (`;`-separated in the file, as ACLED lists).
    pub sources: Vec<String>,
}

impl Phase {
    /// Whether the phase shares at least one day with `[from, to]`.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.date_start <= to && self.date_end >= from
    }
}

/// Reads a phases file; a data folder without one has no phases. Every bad row is
/// reported with its line, field, value and what was expected.
pub fn load(path: &Path) -> Result<Vec<Phase>, Error> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
    parse(path, &text)
}

/// Reads the text of a phases file named `path` (for messages).
pub fn parse(path: &Path, text: &str) -> Result<Vec<Phase>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            return Err(Error::Invalid(vec![Diagnostic::record(
                &Origin::at(path, 1),
                format!("a CSV header ({e})"),
            )]))
        }
    };
    if header != COLUMNS {
        return Err(Error::Invalid(vec![Diagnostic::field(
            &Origin::at(path, 1),
            "header",
            &header.join(","),
            format!("the columns {}", COLUMNS.join(",")),
        )]));
    }
    let mut phases = Vec::new();
    let mut seen = HashSet::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(Diagnostic::record(
                    &Origin::at(path, line),
                    format!("a CSV row ({e})"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let origin = Origin::at(path, line);
        if record.len() != COLUMNS.len() {
            problems.push(Diagnostic::record(
                &origin,
                format!(
                    "{} fields, one per column ({} found)",
                    COLUMNS.len(),
                    record.len()
                ),
            ));
            continue;
        }
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let before = problems.len();
        let phase_id = field(0);
        if phase_id.is_empty()
            || !phase_id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            problems.push(Diagnostic::field(
                &origin,
                "phase_id",
                phase_id,
                "a lower-case slug such as peace-storm",
            ));
        } else if !seen.insert(phase_id.to_string()) {
            problems.push(Diagnostic::field(
                &origin,
                "phase_id",
                phase_id,
                "an id no other row has",
            ));
        }
        if field(1).is_empty() {
            problems.push(Diagnostic::field(&origin, "name", "", "the phase's name"));
        }
        let mut day = |i: usize, name: &str| {
            let value = field(i);
            let parsed = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
            if parsed.is_none() {
                problems.push(Diagnostic::field(&origin, name, value, "a day YYYY-MM-DD"));
            }
            parsed
        };
        let start = day(3, "date_start");
        let end = day(4, "date_end");
        if let (Some(start), Some(end)) = (start, end) {
            if end < start {
                problems.push(Diagnostic::field(
                    &origin,
                    "date_end",
                    field(4),
                    format!("a day on or after date_start ({start})"),
                ));
            }
        }
        let sources: Vec<String> = field(5)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if sources.is_empty() || !sources.iter().all(|s| crate::event::is_web_url(s)) {
            problems.push(Diagnostic::field(
                &origin,
                "source_url",
                field(5),
                "the http(s) address of each public report the dates come from, `;`-separated",
            ));
        }
        if problems.len() > before {
            continue;
        }
        if let (Some(date_start), Some(date_end)) = (start, end) {
            phases.push(Phase {
                phase_id: phase_id.to_string(),
                name: field(1).to_string(),
                name_ar: field(2).to_string(),
                date_start,
                date_end,
                sources,
            });
        }
    }
    if problems.is_empty() {
        Ok(phases)
    } else {
        Err(Error::Invalid(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "phase_id,name,name_ar,date_start,date_end,source_url\n";

    fn problems(text: &str) -> Vec<String> {
        match parse(Path::new("phases.csv"), text) {
            Err(Error::Invalid(list)) => list.iter().map(|d| d.to_string()).collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn reads_a_phase_with_arabic_name_and_several_sources() {
        let text = format!(
            "{HEADER}peace-storm,Operation Peace Storm,عملية عاصفة السلام,2020-03-25,2020-05-17,https://a.example/1; https://b.example/2\n"
        );
        let phases = parse(Path::new("phases.csv"), &text).unwrap();
        assert_eq!(phases.len(), 1);
        assert_eq!(phases[0].name_ar, "عملية عاصفة السلام");
        assert_eq!(
            phases[0].sources,
            ["https://a.example/1", "https://b.example/2"]
        );
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(phases[0].overlaps(day("2020-05-17"), day("2020-06-01")));
        assert!(!phases[0].overlaps(day("2020-05-18"), day("2020-06-01")));
    }

    #[test]
    fn every_bad_row_is_reported_with_line_field_value_and_expectation() {
        let text = format!(
            "{HEADER}\
             a,A,,2019-04-04,2019-04-03,https://x.example\n\
             a,A again,,2019-04-04,2019-04-05,https://x.example\n\
             B,,,4 April 2019,2019-04-05,\n"
        );
        assert_eq!(
            problems(&text),
            [
                "phases.csv:2: field `date_end` has \"2019-04-03\": expected a day on or after date_start (2019-04-04)",
                "phases.csv:3: field `phase_id` has \"a\": expected an id no other row has",
                "phases.csv:4: field `phase_id` has \"B\": expected a lower-case slug such as peace-storm",
                "phases.csv:4: field `name` is empty: expected the phase's name",
                "phases.csv:4: field `date_start` has \"4 April 2019\": expected a day YYYY-MM-DD",
                "phases.csv:4: field `source_url` is empty: expected the http(s) address of each public report the dates come from, `;`-separated",
            ]
        );
    }

    #[test]
    fn a_wrong_header_is_one_problem_naming_the_columns() {
        assert_eq!(
            problems("id,name\nx,y\n"),
            ["phases.csv:1: field `header` has \"id,name\": expected the columns phase_id,name,name_ar,date_start,date_end,source_url"]
        );
    }

    #[test]
    fn a_missing_file_means_no_phases() {
        assert_eq!(load(Path::new("no/such/phases.csv")).unwrap(), []);
    }

    #[test]
    fn the_shipped_phases_read_and_follow_one_another() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/phases.csv");
        let phases = load(&path).unwrap();
        assert!(phases.len() >= 5);
        for pair in phases.windows(2) {
            assert_eq!(pair[0].date_end.succ_opt(), Some(pair[1].date_start));
        }
    }
}
