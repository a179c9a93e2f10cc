//! A row of a large file made into an event, as `build` would make it, and runs of such
//! events handed to a sink beside their rows.

use super::{Hit, Sink};
use crate::dataset::{self, FrontCache, FrontNames, Reference};
use crate::diagnostic::Diagnostic;
use crate::event::record::{self, Keep, RawRecord};
use crate::event::Event;

/// A row made into an event with every field, or the problems that stop it.
pub(super) fn event_of(
    raw: &RawRecord,
    reference: &Reference,
    known: &mut FrontCache,
    problems: &mut Vec<Diagnostic>,
) -> Option<Event> {
    event_keeping(raw, Keep::All, reference, known, problems)
}

/// [`event_of`], keeping only what `keep` says (the checks are the same).
pub(super) fn event_keeping(
    raw: &RawRecord,
    keep: Keep,
    reference: &Reference,
    known: &mut FrontCache,
    problems: &mut Vec<Diagnostic>,
) -> Option<Event> {
    let draft = record::parse_keeping(raw, keep, problems)?;
    let date = draft.date;
    // A written front no area names is kept as written: it is the file's own front.
    let mut event = dataset::place(draft, reference, FrontNames::Any, known, problems)?;
    // Without an anchor (such files are read whole) the date is the one written.
    event.date = date?;
    let implausible = crate::plausibility::errors(&event, &reference.countries);
    if !implausible.is_empty() {
        problems.extend(implausible.into_iter().map(|f| f.problem));
        return None;
    }
    Some(event)
}

/// The row to keep beside a selected event: the whole row if the sink reads its values,
/// else only its header and origin.
pub(super) fn kept<S: Sink>(raw: &RawRecord, sink: &S) -> RawRecord {
    if sink.needs_rows() {
        raw.clone()
    } else {
        RawRecord {
            origin: raw.origin.clone(),
            header: std::sync::Arc::clone(&raw.header),
            values: csv::StringRecord::new(),
        }
    }
}

/// A batch of events read from rows, each beside its row.
pub(super) fn batch_of<S: Sink>(sink: &S, events: &[(Event, RawRecord)]) -> S::Batch {
    let hits: Vec<Hit> = events
        .iter()
        .map(|(event, raw)| Hit {
            event,
            row: Some(raw),
        })
        .collect();
    sink.batch(&hits)
}
