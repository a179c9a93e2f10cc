//! Several inputs in one order (`--sort` over more than one `--data`): every input's
//! matches are gathered, then sorted together.

use super::{order_events, Hit, Outcome, Plan, Request, Selection, Sink, Sort, BATCH};
use crate::error::Error;
use crate::event::record::RawRecord;
use crate::event::Event;
use std::sync::Mutex;

/// Gathers the matches of every input, orders them, and hands them to `sink`.
pub(super) fn run<S: Sink>(request: &Request, sink: &S) -> Result<Outcome, Error> {
    let unsorted = Selection {
        sort: Sort::AsRead,
        limit: None,
        ..request.selection.clone()
    };
    let gather = Gather {
        rows: sink.needs_rows(),
        matches: Mutex::default(),
    };
    let mut outcome = Outcome::default();
    for input in request.inputs.iter() {
        let got = Plan::choose(input, &request.reference, &unsorted, &gather).run(
            input,
            &request.reference,
            &unsorted,
            &gather,
        )?;
        outcome.read += got.read;
        outcome.cached += got.cached;
    }
    let matches = gather.matches.into_inner().unwrap_or_default();
    let mut order: Vec<usize> = (0..matches.len()).collect();
    order_events(&mut order, &request.selection, |i| &matches[*i].0);
    order.truncate(request.selection.limit.unwrap_or(usize::MAX));
    for run in order.chunks(BATCH) {
        let hits: Vec<Hit> = run
            .iter()
            .map(|i| Hit {
                event: &matches[*i].0,
                row: matches[*i].1.as_ref(),
            })
            .collect();
        sink.take(sink.batch(&hits))?;
    }
    outcome.selected = order.len();
    Ok(outcome)
}

/// Keeps every selected event and its row (whole when the sink needs rows, else only its
/// header and origin, which writers read too).
struct Gather {
    rows: bool,
    matches: Mutex<Vec<(Event, Option<RawRecord>)>>,
}

impl Sink for Gather {
    type Batch = Vec<(Event, Option<RawRecord>)>;

    fn batch(&self, hits: &[Hit]) -> Self::Batch {
        hits.iter()
            .map(|h| (h.event.clone(), h.row.cloned()))
            .collect()
    }

    fn take(&self, batch: Self::Batch) -> Result<(), Error> {
        if let Ok(mut matches) = self.matches.lock() {
            matches.extend(batch);
        }
        Ok(())
    }

    fn needs_rows(&self) -> bool {
        self.rows
    }
}
