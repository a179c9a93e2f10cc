//! Selected events counted per front and period, for charts: from the events, or from the
//! index's entries alone when a chart needs no more (so `chart by-front` over a cached file
//! never reads its rows).

use crate::chart::count_outlets;
use crate::chart::tally::{Interval, Tally};
use crate::error::Error;
use crate::event::Event;
use crate::index::Table;
use crate::select::{Hit, Sink};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Counts events and deaths per front and period, the outlets that reported them (for the
/// credit line), and keeps the events themselves when the chart draws each one.
pub struct Count {
    interval: Interval,
    keep_events: bool,
    counted: Mutex<Counted>,
}

/// What a [`Count`] has counted.
#[derive(Debug)]
pub struct Counted {
    /// Events and deaths per front and period.
    pub tally: Tally,
    /// Reports per outlet.
    pub outlets: BTreeMap<String, usize>,
    /// The events, when kept.
    pub events: Vec<Event>,
}

impl Count {
    /// A counter per `interval`; with `keep_events`, the events are kept too.
    pub fn new(interval: Interval, keep_events: bool) -> Count {
        Count {
            interval,
            keep_events,
            counted: Mutex::new(Counted {
                tally: Tally::new(interval),
                outlets: BTreeMap::new(),
                events: Vec::new(),
            }),
        }
    }

    /// What was counted.
    pub fn into_counted(self) -> Counted {
        let interval = self.interval;
        self.counted.into_inner().unwrap_or_else(|_| Counted {
            tally: Tally::new(interval),
            outlets: BTreeMap::new(),
            events: Vec::new(),
        })
    }
}

impl Sink for Count {
    type Batch = Counted;

    fn counts_from_index(&self) -> bool {
        !self.keep_events
    }

    fn batch_entries(&self, table: &Table, ids: &[u32]) -> Option<Counted> {
        if self.keep_events {
            return None;
        }
        let mut tally = Tally::new(self.interval);
        for id in ids {
            let e = &table.entries[*id as usize];
            let day = NaiveDate::from_num_days_from_ce_opt(e.recorded)?;
            tally.add(&table.fronts[e.front as usize], day, e.fatalities);
        }
        Some(Counted {
            tally,
            outlets: BTreeMap::new(),
            events: Vec::new(),
        })
    }

    fn batch(&self, hits: &[Hit]) -> Counted {
        let mut tally = Tally::new(self.interval);
        let mut outlets = BTreeMap::new();
        for hit in hits {
            let e = hit.event;
            tally.add(&e.front, e.recorded_day(), e.fatalities.best.unwrap_or(0));
        }
        count_outlets(&mut outlets, hits.iter().map(|h| h.event));
        let events = if self.keep_events {
            hits.iter().map(|h| h.event.clone()).collect()
        } else {
            Vec::new()
        };
        Counted {
            tally,
            outlets,
            events,
        }
    }

    fn take(&self, batch: Counted) -> Result<(), Error> {
        if let Ok(mut counted) = self.counted.lock() {
            counted.tally.merge(batch.tally);
            for (name, n) in batch.outlets {
                *counted.outlets.entry(name).or_default() += n;
            }
            counted.events.extend(batch.events);
        }
        Ok(())
    }
}
