//! Selected events gathered in memory, for outputs that need them all before they start:
//! a KML document per front, a TimelineJS timeline.

use crate::error::Error;
use crate::event::Event;
use crate::select::{Hit, Sink};
use std::sync::Mutex;

/// Gathers the selected events, in the order they come.
#[derive(Debug, Default)]
pub struct Collect(Mutex<Vec<Event>>);

impl Collect {
    /// The events gathered.
    pub fn into_events(self) -> Vec<Event> {
        self.0.into_inner().unwrap_or_default()
    }
}

impl Sink for Collect {
    type Batch = Vec<Event>;

    fn batch(&self, hits: &[Hit]) -> Vec<Event> {
        hits.iter().map(|h| h.event.clone()).collect()
    }

    fn take(&self, batch: Vec<Event>) -> Result<(), Error> {
        if let Ok(mut events) = self.0.lock() {
            events.extend(batch);
        }
        Ok(())
    }
}
