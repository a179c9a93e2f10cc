//! Answering from a file's index: the index picks the entries, and only their rows are read
//! back from the file, on every core, in the order asked.

use super::rows::{batch_of, event_of, kept};
use super::{order_ids, Outcome, Selection, Sink, BATCH};
use crate::dataset::{FrontCache, Reference};
use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::event::record::RawRecord;
use crate::event::Event;
use crate::index::{Compiled, Index, Table};
use crate::scan::{self, CsvHead, Row};

/// Selects with the file's index and hands the chosen events to `sink` (from the index
/// alone when the sink can count from it).
pub(super) fn select<S: Sink>(
    head: &CsvHead,
    reference: &Reference,
    selection: &Selection,
    sink: &S,
    table: &Table,
    index: &Index,
) -> Result<Outcome, Error> {
    let compiled = Compiled::new(&selection.filter, table, &reference.fronts)?;
    let (mut ids, _) = index.select(table, &compiled);
    order_ids(&mut ids, table, selection);
    let selected = match sink.batch_entries(table, &ids) {
        Some(batch) => {
            sink.take(batch)?;
            ids.len()
        }
        None => rows(head, reference, selection, sink, table, ids)?,
    };
    Ok(Outcome {
        read: table.entries.len(),
        selected,
        ..Outcome::default()
    })
}

/// Reads the rows of the chosen entries back, in the order given, and hands them on. A
/// large share of the file in file order is read as a stream (picking the chosen rows as
/// they pass); anything else row by row at its offset.
pub(super) fn rows<S: Sink>(
    head: &CsvHead,
    reference: &Reference,
    selection: &Selection,
    sink: &S,
    table: &Table,
    ids: Vec<u32>,
) -> Result<usize, Error> {
    let total = ids.len();
    let in_file_order = ids.windows(2).all(|w| w[0] < w[1]);
    // Streaming the file pays when every core shares it; one worker (a server's request)
    // reads its rows at their offsets, never the whole file.
    if in_file_order && total > table.entries.len() / 20 && selection.workers > 1 {
        return stream(head, reference, selection, sink, table, &ids);
    }
    let read = |batch: &[u32]| -> Result<S::Batch, Error> {
        let mut reader = scan::RowReader::open(head)?;
        let mut problems = Vec::new();
        let mut known = FrontCache::default();
        let mut events = Vec::with_capacity(batch.len());
        for id in batch {
            let entry = &table.entries[*id as usize];
            let raw = reader.row_at(entry.offset, entry.line)?;
            match event_of(&raw, reference, &mut known, &mut problems) {
                Some(event) => events.push((event, raw)),
                None => return Err(Error::Invalid(problems)),
            }
        }
        Ok(batch_of(sink, &events))
    };
    // One batch, or one worker (a server answering many requests at once): threads would
    // cost more than they share out.
    if selection.workers <= 1 || total <= BATCH {
        for batch in ids.chunks(BATCH) {
            sink.take(read(batch)?)?;
        }
        return Ok(total);
    }
    let batches = ids.chunks(BATCH).map(|b| Ok::<_, Error>(b.to_vec()));
    scan::par_map_ordered(
        batches,
        selection.workers,
        |batch: Vec<u32>| read(&batch),
        |batch| {
            sink.take(batch?)?;
            Ok(true)
        },
    )?;
    Ok(total)
}

/// Streams the file and keeps the rows at the chosen offsets (ids in file order).
fn stream<S: Sink>(
    head: &CsvHead,
    reference: &Reference,
    selection: &Selection,
    sink: &S,
    table: &Table,
    ids: &[u32],
) -> Result<usize, Error> {
    let offsets: Vec<u64> = ids
        .iter()
        .map(|i| table.entries[*i as usize].offset)
        .collect();
    let mut problems = Vec::new();
    scan::par_chunks(
        head,
        selection.workers,
        |chunk| {
            let end = chunk.offset + chunk.bytes.len() as u64;
            let from = offsets.partition_point(|o| *o < chunk.offset);
            let to = offsets.partition_point(|o| *o < end);
            let wanted = &offsets[from..to];
            let mut next = 0usize;
            let mut events: Vec<(Event, RawRecord)> = Vec::with_capacity(wanted.len());
            let mut problems = Vec::new();
            let mut known = FrontCache::default();
            if !wanted.is_empty() {
                scan::rows(chunk, head, |row| {
                    if let Row::Record(raw, offset) = row {
                        if wanted.get(next) == Some(&offset) {
                            next += 1;
                            if let Some(event) = event_of(raw, reference, &mut known, &mut problems)
                            {
                                events.push((event, kept(raw, sink)));
                            }
                        }
                    }
                });
            }
            let missing = next != wanted.len();
            (batch_of(sink, &events), problems, missing)
        },
        |(batch, found, missing)| {
            problems.extend(found);
            if missing {
                return Err(changed_since_indexed(head));
            }
            if problems.is_empty() {
                sink.take(batch)?;
            }
            Ok(problems.is_empty())
        },
    )?;
    if problems.is_empty() {
        Ok(ids.len())
    } else {
        Err(Error::Invalid(problems))
    }
}

fn changed_since_indexed(head: &CsvHead) -> Error {
    Error::invalid(Diagnostic::record(
        &Origin::file(&head.file),
        "the rows the index points at (the file changed while it was read; run the query again)",
    ))
}
