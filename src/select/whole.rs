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
    let own;
    let (events, reference) = match input {
        Input::Folder(data) if reference.folder.as_ref() != Some(&data.root) => {
            own = Reference::load(data)?;
            (dataset::resolve_events(&data.events(), &own)?, &own)
        }
        Input::Folder(data) => (
            dataset::resolve_events(&data.events(), reference)?,
            reference,
        ),
        Input::File(path) => (dataset::resolve_events(path, reference)?, reference),
        Input::Rows(head) => (dataset::resolve_events(&head.file, reference)?, reference),
    };
    let mut table = Table::default();
    for (i, event) in events.iter().enumerate() {
        table.push(event, 0, i as u64);
    }
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
