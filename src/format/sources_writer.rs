//! The sources behind a set of events: one row per outlet, with how many events it reports
//! and which, so a reader can credit and check every source.

use crate::event::Event;
use crate::format::csv_writer::line;
use std::collections::BTreeMap;

/// A CSV of `source,events,first_date,last_date,event_ids`, most-cited first.
pub fn write(events: &[&Event]) -> String {
    let mut by_source: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
    for event in events {
        let mut named: Vec<&str> = event.sources.iter().map(|s| s.name.as_str()).collect();
        named.dedup();
        for name in named {
            by_source.entry(name).or_default().push(event);
        }
    }
    let mut rows: Vec<(&str, Vec<&Event>)> = by_source.into_iter().collect();
    rows.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let mut bytes = line(["source", "events", "first_date", "last_date", "event_ids"]);
    for (name, reported) in rows {
        let first = reported
            .iter()
            .map(|e| e.date.start)
            .min()
            .map(|d| d.to_string())
            .unwrap_or_default();
        let last = reported
            .iter()
            .map(|e| e.date.end)
            .max()
            .map(|d| d.to_string())
            .unwrap_or_default();
        let ids: Vec<&str> = reported.iter().map(|e| e.event_id_cnty.as_str()).collect();
        bytes.extend(line([
            name,
            &reported.len().to_string(),
            &first,
            &last,
            &ids.join(";"),
        ]));
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
