//! Where selected events go: a [`Sink`] turns runs of them into batches on the reading
//! threads, then takes the batches in order on the calling thread.

use crate::error::Error;
use crate::event::record::RawRecord;
use crate::event::Event;
use crate::index::Table;

/// One event selected, with the row it was read from when there is one.
#[derive(Clone, Copy, Debug)]
pub struct Hit<'a> {
    /// The event, validated and placed.
    pub event: &'a Event,
    /// Its row as written (absent for events of a data folder or a file read whole).
    pub row: Option<&'a RawRecord>,
}

/// What selected events are handed to: a writer of a format, a collector, a counter.
///
/// [`Sink::batch`] runs on the reading threads, so a sink does its per-event work (encoding,
/// counting) there; [`Sink::take`] runs on the calling thread, once per batch, in the
/// inputs' order, and is where output is written.
pub trait Sink: Sync {
    /// What a run of selected events turns into.
    type Batch: Send;

    /// Turns selected events into a batch (on a reading thread).
    fn batch(&self, hits: &[Hit]) -> Self::Batch;

    /// Takes a batch, in order (on the calling thread); an error stops the selection.
    fn take(&self, batch: Self::Batch) -> Result<(), Error>;

    /// Whether batches need each hit's row as written (else the event alone, and the
    /// selection keeps no copy of the row).
    fn needs_rows(&self) -> bool {
        false
    }

    /// Whether [`Sink::batch_entries`] answers, so an index alone can serve the sink.
    fn counts_from_index(&self) -> bool {
        false
    }

    /// A batch made from index entries alone (front, recorded day, deaths, type), when
    /// that is all the sink needs: `None` has the events read back instead.
    fn batch_entries(&self, _table: &Table, _ids: &[u32]) -> Option<Self::Batch> {
        None
    }
}
