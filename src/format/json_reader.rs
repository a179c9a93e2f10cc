//! Events from JSON: an array of objects with the same field names as the CSV columns.

use crate::diagnostic::{Diagnostic, Origin};
use crate::event::record::RawRecord;
use serde_json::Value;
use std::path::Path;

/// Reads the records of one JSON text, each with the line its object starts on.
pub fn read(path: &Path, text: &str, problems: &mut Vec<Diagnostic>) -> Vec<RawRecord> {
    let items = match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => items,
        Ok(_) => {
            problems.push(Diagnostic::record(
                &Origin::at(path, 1),
                "a JSON array of event objects",
            ));
            return Vec::new();
        }
        Err(e) => {
            problems.push(Diagnostic::record(
                &Origin::at(path, e.line() as u64),
                format!("well-formed JSON ({e})"),
            ));
            return Vec::new();
        }
    };
    let lines = element_lines(text);
    let mut records = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let origin = Origin::at(path, lines.get(i).copied().unwrap_or(1));
        let Value::Object(object) = item else {
            problems.push(Diagnostic::record(
                &origin,
                format!("element {i} to be an event object"),
            ));
            continue;
        };
        let mut fields = Vec::with_capacity(object.len());
        for (key, value) in object {
            let text = match value {
                Value::Null => String::new(),
                Value::String(s) => s,
                Value::Bool(b) => b.to_string(),
                Value::Number(n) => n.to_string(),
                Value::Array(values) => {
                    let parts: Vec<String> = values
                        .into_iter()
                        .map(|v| match v {
                            Value::String(s) => s,
                            other => other.to_string(),
                        })
                        .collect();
                    parts.join(";")
                }
                Value::Object(_) => {
                    problems.push(Diagnostic::field(
                        &origin,
                        &key,
                        "{…}",
                        "a string, number, boolean or list",
                    ));
                    continue;
                }
            };
            fields.push((key, text));
        }
        records.push(RawRecord::from_pairs(
            origin,
            fields.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        ));
    }
    records
}

/// The 1-based line on which each element of the top-level array starts. serde_json keeps
/// no positions, so this walks the text once, minding strings and nesting.
fn element_lines(text: &str) -> Vec<u64> {
    let mut lines = Vec::new();
    let (mut depth, mut line, mut in_string, mut escaped) = (0usize, 1u64, false, false);
    let mut expecting_element = false;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if depth == 1 && expecting_element && !c.is_whitespace() && c != ',' && c != ']' {
            lines.push(line);
            expecting_element = false;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth == 1 {
                    expecting_element = true;
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => expecting_element = true,
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::record::Column;

    #[test]
    fn each_object_knows_its_line_and_lists_become_semicolons() {
        let text = "[\n  {\"event_id_cnty\": \"LBY1\", \"notes\": \"a ] { \\\" b\"},\n\n  {\"event_id_cnty\": \"LBY2\",\n   \"source\": [\"Reuters\", \"AP\"], \"fatalities\": 3, \"key\": true}\n]";
        let mut problems = Vec::new();
        let records = read(Path::new("e.json"), text, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(records[0].origin.line, Some(2));
        assert_eq!(records[1].origin.line, Some(4));
        assert_eq!(records[1].get(Column::Source), "Reuters;AP");
        assert_eq!(records[1].get(Column::Fatalities), "3");
        assert_eq!(records[1].get(Column::Key), "true");
    }

    #[test]
    fn broken_json_names_its_line() {
        let mut problems = Vec::new();
        read(Path::new("e.json"), "[\n{\"a\": 1,,}\n]", &mut problems);
        assert_eq!(problems[0].origin.line, Some(2));
    }
}
