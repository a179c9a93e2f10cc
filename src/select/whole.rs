//! An input read whole: a data folder resolved as `build` resolves it (with its own
//! gazetteer and fronts), or a file that can't be read row by row, then searched with an
//! index built in memory.

use super::{order_ids, Hit, Input, Outcome, Selection, Sink, BATCH};
use crate::dataset::{self, Reference};
use crate::error::Error;
use crate::event::Event;
use crate::index::{Compiled, Index, Table};

/// Resolves the input and hands its selected events to `sink`.
pub(super) fn run<S: Sink>(
    input: &Input,
    reference: &Reference,
    selection: &Selection,
    sink: &S,
) -> Result<Outcome, Error> {
    let (events, own) = resolve(input, reference)?;
    let reference = own.as_ref().unwrap_or(reference);
    let table = table_of(&events);
    let compiled = Compiled::new(&selection.filter, &table, &reference.fronts)?;
    let (mut ids, _) = Index::build(&table).select(&table, &compiled);
    order_ids(&mut ids, &table, selection);
    let chosen: Vec<&Event> = ids.iter().map(|i| &events[*i as usize]).collect();
    for run in chosen.chunks(BATCH) {
        let hits: Vec<Hit> = run.iter().map(|event| Hit { event, row: None }).collect();
        sink.take(sink.batch(&hits))?;
    }
    Ok(Outcome {
        read: events.len(),
        selected: chosen.len(),
        ..Outcome::default()
    })
}

/// The input's events resolved as `build` resolves them, and the reference data of its own
/// folder when that is not `reference`'s (a second data folder places its events with its
/// own gazetteer and fronts).
pub(super) fn resolve(
    input: &Input,
    reference: &Reference,
) -> Result<(Vec<Event>, Option<Reference>), Error> {
    Ok(match input {
        Input::Folder(data) if reference.folder.as_ref() != Some(&data.root) => {
            let own = Reference::load(data)?;
            (dataset::resolve_events(&data.events(), &own)?, Some(own))
        }
        Input::Folder(data) => (dataset::resolve_events(&data.events(), reference)?, None),
        Input::File(path) => (dataset::resolve_events(path, reference)?, None),
        Input::Rows(head) => (dataset::resolve_events(&head.file, reference)?, None),
    })
}

/// The index table of events held in memory: each entry's offset is the event's position.
pub(super) fn table_of(events: &[Event]) -> Table {
    let mut table = Table::default();
    for (i, event) in events.iter().enumerate() {
        table.push(event, 0, i as u64);
    }
    table
}
