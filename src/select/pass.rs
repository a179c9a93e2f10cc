//! One pass over a large CSV on every core that selects as it reads: each row is checked,
//! placed and tested as it passes, and, when the plan says so, a table of every row is kept
//! to build (and cache) the file's index from.

use super::rows::{batch_of, event_keeping, event_of, kept};
use super::{read_back, Outcome, Selection, Sink};
use crate::dataset::{FrontCache, Reference};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::event::record::{Keep, RawRecord};
use crate::event::Event;
use crate::index::{cache, matches_event, Compiled, Index, Table};
use crate::scan::{self, CsvHead, Row};

/// What a reading thread makes of one chunk.
struct Part<B> {
    table: Table,
    problems: Vec<Diagnostic>,
    batch: Option<B>,
    selected: usize,
    /// Rows read as events.
    read: usize,
}

/// Reads every row of the file once, handing the selected ones to `sink` in file order.
pub(super) fn run<S: Sink>(
    head: &CsvHead,
    reference: &Reference,
    selection: &Selection,
    sink: &S,
    keep_table: bool,
    store: bool,
) -> Result<Outcome, Error> {
    let filter = &selection.filter;
    let fronts = &reference.fronts;
    let mut table = if keep_table {
        Table::with_capacity_for(&head.file)
    } else {
        Table::default()
    };
    let mut problems: Vec<Diagnostic> = Vec::new();
    let (mut selected, mut read) = (0usize, 0usize);
    // Most rows are only indexed and passed over: read what that needs, and read a
    // selected row whole (at once when every row is selected).
    let parse = if filter.is_empty() && !sink.counts_from_index() {
        Keep::All
    } else {
        Keep::Index
    };
    let limit = selection.limit.unwrap_or(usize::MAX);
    let mut complete = true;
    scan::par_chunks(
        head,
        selection.workers,
        |chunk| {
            let mut part = Part {
                table: Table::default(),
                problems: Vec::new(),
                batch: None,
                selected: 0,
                read: 0,
            };
            let mut events: Vec<(Event, RawRecord)> = Vec::new();
            let mut known = FrontCache::default();
            scan::rows(chunk, head, |row| match row {
                Row::Record(raw, offset) => {
                    let first =
                        event_keeping(raw, parse, reference, &mut known, &mut part.problems);
                    let Some(event) = first else { return };
                    if keep_table {
                        part.table.push(&event, 0, offset);
                    }
                    part.read += 1;
                    if !matches_event(filter, fronts, &event) {
                        return;
                    }
                    let event = if parse == Keep::All || sink.counts_from_index() {
                        Some(event)
                    } else {
                        event_of(raw, reference, &mut known, &mut part.problems)
                    };
                    if let Some(event) = event {
                        events.push((event, kept(raw, sink)));
                    }
                }
                Row::Problem(p) => part.problems.push(p),
            });
            if part.problems.is_empty() {
                part.selected = events.len();
                part.batch = Some(batch_of(sink, &events));
            }
            part
        },
        |part: Part<S::Batch>| {
            table.append(part.table);
            read += part.read;
            problems.extend(part.problems);
            // After a bad row, nothing more goes out: the rest is read only to report
            // every problem of the file in one run.
            if problems.is_empty() && selected < limit {
                if let Some(batch) = part.batch {
                    if selected + part.selected > limit {
                        // The limit falls inside this chunk: its rows are read again.
                        complete = false;
                        return Ok(false);
                    }
                    selected += part.selected;
                    sink.take(batch)?;
                }
            }
            if selected >= limit {
                complete = false;
                return Ok(false);
            }
            Ok(true)
        },
    )?;
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    if !complete {
        // The limit fell inside a chunk: take the rest of it from the rows read so far.
        let compiled = Compiled::new(filter, &table, fronts)?;
        let ids: Vec<u32> = (0..table.entries.len() as u32)
            .filter(|i| compiled.matches(&table, &table.entries[*i as usize]))
            .skip(selected)
            .take(limit - selected)
            .collect();
        let more = read_back::rows(head, reference, selection, sink, &table, ids)?;
        return Ok(Outcome {
            read,
            selected: selected + more,
            cached: 0,
            stopped: true,
        });
    }
    // Every row was read: an unknown --front is an error, not an empty answer.
    Compiled::new(filter, &table, fronts)?;
    if store {
        cache::store(&head.file, &reference.files, &table, &Index::build(&table));
    }
    Ok(Outcome {
        read,
        selected,
        ..Outcome::default()
    })
}

/// Indexes every row of the file (no selection), every bad row reported.
pub(super) fn index_rows(
    head: &CsvHead,
    reference: &Reference,
    workers: usize,
) -> Result<Table, Error> {
    let mut table = Table::with_capacity_for(&head.file);
    let mut problems = Vec::new();
    scan::par_chunks(
        head,
        workers,
        |chunk| {
            let mut part = Table::default();
            let mut problems = Vec::new();
            let mut known = FrontCache::default();
            scan::rows(chunk, head, |row| match row {
                Row::Record(raw, offset) => {
                    let light =
                        event_keeping(raw, Keep::Index, reference, &mut known, &mut problems);
                    if let Some(event) = light {
                        part.push(&event, 0, offset);
                    }
                }
                Row::Problem(p) => problems.push(p),
            });
            (part, problems)
        },
        |(part, found)| {
            table.append(part);
            problems.extend(found);
            Ok(true)
        },
    )?;
    if problems.is_empty() {
        Ok(table)
    } else {
        Err(Error::Invalid(problems))
    }
}
