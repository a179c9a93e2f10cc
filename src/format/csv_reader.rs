//! Events from CSV: frontline's columns, or a plain ACLED export as it is.

use crate::diagnostic::{Diagnostic, Origin};
use crate::event::record::{Header, RawRecord, REQUIRED_COLUMNS};
use std::path::Path;
use std::sync::Arc;

/// Reads the records of one CSV text; a malformed row is reported and skipped.
pub fn read(path: &Path, text: &str, problems: &mut Vec<Diagnostic>) -> Vec<RawRecord> {
    // The csv crate counts a CRLF row end as the next row's first line; Excel and Python
    // write CRLF, so rows are read with LF ends to keep reported lines true.
    let normalized;
    let text = if text.contains("\r\n") {
        normalized = text.replace("\r\n", "\n");
        normalized.as_str()
    } else {
        text
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => Arc::new(Header::new(h.iter())),
        Err(e) => {
            problems.push(Diagnostic::record(
                &Origin::at(path, 1),
                format!("a CSV header row ({e})"),
            ));
            return Vec::new();
        }
    };
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .iter()
        .copied()
        .filter(|c| !header.names().iter().any(|h| &**h == *c))
        .collect();
    if !missing.is_empty() {
        problems.push(Diagnostic::record(
            &Origin::at(path, 1),
            format!(
                "a header with the columns {} (missing: {})",
                REQUIRED_COLUMNS.join(", "),
                missing.join(", ")
            ),
        ));
        return Vec::new();
    }
    let file: Arc<Path> = Arc::from(path);
    let mut records = Vec::new();
    for row in reader.records() {
        match row {
            Ok(row) => {
                let line = row.position().map(|p| p.line()).unwrap_or(0);
                let origin = Origin::shared(&file, line);
                if row.len() != header.names().len() {
                    problems.push(Diagnostic::record(
                        &origin,
                        format!(
                            "{} fields as in the header (found {}); quote values that hold commas",
                            header.names().len(),
                            row.len()
                        ),
                    ));
                    continue;
                }
                records.push(RawRecord {
                    origin,
                    header: Arc::clone(&header),
                    values: row,
                });
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(Diagnostic::record(
                    &Origin::at(path, line),
                    format!("a well-formed CSV row ({e})"),
                ));
            }
        }
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::record::Column;

    #[test]
    fn rows_keep_their_line_even_after_a_quoted_newline() {
        let text = "event_id_cnty,event_type,sub_event_type,actor1,country,location,notes\n\
                    LBY1,Battles,Armed clash,A,Libya,Tripoli,\"two\nlines\"\n\
                    LBY2,Battles,Armed clash,A,Libya,Tripoli,x\n\
                    LBY3,Battles\n";
        let mut problems = Vec::new();
        let records = read(Path::new("e.csv"), text, &mut problems);
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].origin.line, Some(4));
        assert_eq!(records[0].get(Column::Notes), "two\nlines");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].origin.line, Some(5));
    }

    #[test]
    fn crlf_rows_report_their_own_line() {
        let text = "event_id_cnty,event_type,sub_event_type,actor1,country,location\r\nLBY1,Battles,Armed clash,A,Libya,Tripoli\r\nLBY2,Battles\r\n";
        let mut problems = Vec::new();
        let records = read(Path::new("e.csv"), text, &mut problems);
        assert_eq!(records[0].origin.line, Some(2));
        assert_eq!(problems[0].origin.line, Some(3));
    }

    #[test]
    fn a_header_without_required_columns_is_one_problem() {
        let mut problems = Vec::new();
        assert!(read(Path::new("e.csv"), "id,date\n1,2\n", &mut problems).is_empty());
        assert!(
            problems[0].expected.contains("missing: event_id_cnty"),
            "{}",
            problems[0]
        );
    }
}
