//! Selecting events from any mix of inputs (data folders, frontline's own files, plain
//! ACLED exports) and handing them, in order, to a [`Sink`]: `query`'s writers, `export`'s,
//! and `chart`'s counters all take their events from here.
//!
//! A [`Request`] holds what a selection needs, each part made once: the [`Inputs`],
//! classified when they are named; the [`Reference`] data they are placed with, loaded from
//! one data folder; and the [`Selection`] (the one [`Filter`], an order, a limit). For each
//! input, [`Plan::choose`] picks how to answer in one place:
//!
//! - a data folder, or a file that must be read whole, is resolved as `build` resolves it
//!   and searched with an index built in memory ([`whole`]);
//! - a large CSV is read in one pass on every core that selects as it reads and leaves its
//!   index cached beside the file ([`pass`]);
//! - or, with a cached index, the index picks the rows and only those are read back
//!   ([`read_back`]).
//!
//! A server selects many times from the same inputs: [`Loaded`] holds each input's index
//! (and a whole input's events) in memory, and runs a [`Selection`] against them.

mod across;
mod input;
mod loaded;
mod pass;
mod plan;
mod read_back;
mod rows;
mod sink;
mod whole;

pub use input::{Input, Inputs};
pub use loaded::{Loaded, Matched};
pub use plan::Plan;
pub use sink::{Hit, Sink};

use crate::dataset::Reference;
use crate::error::Error;
use crate::event::Event;
use crate::filter::{Filter, FilterText};
use crate::index::Table;
use crate::locate::locate;

/// The order events come out in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// As read: file order (a data folder's events by date, as `build` orders them).
    #[default]
    AsRead,
    /// Oldest first (by first day, then last day).
    Date,
    /// Newest first.
    DateDescending,
    /// Nearest to `--near` first.
    Distance,
}

/// Which events, in what order, how many, and how to read them.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Which events.
    pub filter: Filter,
    /// In what order.
    pub sort: Sort,
    /// At most this many.
    pub limit: Option<usize>,
    /// Use and keep the persistent index beside large files.
    pub cache: bool,
    /// Threads to read with.
    pub workers: usize,
}

/// What a selection went through: the numbers behind the count line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Events read (or indexed).
    pub read: usize,
    /// Events selected.
    pub selected: usize,
    /// Inputs answered from a cached index.
    pub cached: usize,
    /// Whether `--limit` stopped the reading before the end (so `read` is not the total).
    pub stopped: bool,
}

impl Outcome {
    /// Adds another input's outcome to this one.
    fn add(&mut self, other: Outcome) {
        self.read += other.read;
        self.selected += other.selected;
        self.cached += other.cached;
        self.stopped |= other.stopped;
    }

    /// The count line for standard error: "frontline: 12 of 193 events within 20 km of
    /// Misrata".
    pub fn line(&self, filter: &Filter) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut line = if self.stopped {
            // Reading stopped at --limit, so the number read is no total.
            format!(
                "frontline: the first {} event{}",
                self.selected,
                plural(self.selected)
            )
        } else {
            format!(
                "frontline: {} of {} event{}",
                self.selected,
                self.read,
                plural(self.read)
            )
        };
        let what = filter.to_string();
        if !what.is_empty() {
            line.push(' ');
            line.push_str(&what);
        }
        if self.cached > 0 {
            line.push_str(" (from the cached index)");
        }
        line
    }
}

/// Everything a selection needs, each part made once.
#[derive(Debug)]
pub struct Request {
    /// The inputs, classified.
    pub inputs: Inputs,
    /// The gazetteer and fronts the inputs' rows are placed with.
    pub reference: Reference,
    /// The filter, order and limit.
    pub selection: Selection,
}

impl Request {
    /// Selects from every input and hands the events to `sink`, in order.
    pub fn run<S: Sink>(&self, sink: &S) -> Result<Outcome, Error> {
        if self.selection.sort != Sort::AsRead && self.inputs.len() > 1 {
            return across::run(self, sink);
        }
        let mut outcome = Outcome::default();
        let mut left = self.selection.limit;
        for input in self.inputs.iter() {
            if left == Some(0) {
                outcome.stopped = true;
                break;
            }
            let selection = Selection {
                limit: left,
                ..self.selection.clone()
            };
            let got = Plan::choose(input, &self.reference, &selection, sink).run(
                input,
                &self.reference,
                &selection,
                sink,
            )?;
            left = left.map(|l| l.saturating_sub(got.selected));
            outcome.add(got);
        }
        Ok(outcome)
    }
}

/// Resolves the text of a filter with the reference data: a place name through the
/// gazetteer (or a front's name). `query`'s flags and the server's parameters both come
/// through here, so the two cannot disagree on what a name or a date means.
pub fn resolve_filter(text: &FilterText, reference: &Reference) -> Result<Filter, Error> {
    let place = |name: &str| {
        locate(&reference.gazetteer, &reference.fronts, name, None)
            .map(|found| (found.point(), name.to_string()))
            .map_err(|not_found| {
                let mut why = "a place in the gazetteer or a front's name, or LAT,LON".to_string();
                if !not_found.suggestions.is_empty() {
                    why.push_str(&format!(
                        "; did you mean {}?",
                        not_found.suggestions.join(", ")
                    ));
                }
                why
            })
    };
    text.resolve(&place)
}

/// Events handed on per batch when they are already in memory.
const BATCH: usize = 2048;

/// Orders selected entries as `--sort` asks (stable: ties keep table order) and keeps the
/// first `--limit`.
fn order_ids(ids: &mut Vec<u32>, table: &Table, selection: &Selection) {
    let entry = |i: &u32| &table.entries[*i as usize];
    match selection.sort {
        Sort::AsRead => {}
        Sort::Date => ids.sort_by_key(|i| (entry(i).start, entry(i).end)),
        Sort::DateDescending => {
            ids.sort_by_key(|i| std::cmp::Reverse((entry(i).start, entry(i).end)))
        }
        Sort::Distance => {
            if let Some(near) = &selection.filter.near {
                let d = |i: &u32| near.distance_km(entry(i).lon, entry(i).lat);
                ids.sort_by(|a, b| d(a).total_cmp(&d(b)));
            }
        }
    }
    ids.truncate(selection.limit.unwrap_or(usize::MAX));
}

/// Orders items holding events as `--sort` asks (stable).
fn order_events<'a, T>(items: &mut [T], selection: &Selection, event: impl Fn(&T) -> &'a Event) {
    let date_key = |e: &Event| (e.date.start, e.date.end);
    match selection.sort {
        Sort::AsRead => {}
        Sort::Date => items.sort_by_key(|a| date_key(event(a))),
        Sort::DateDescending => items.sort_by_key(|a| std::cmp::Reverse(date_key(event(a)))),
        Sort::Distance => {
            if let Some(near) = &selection.filter.near {
                let d = |e: &Event| near.distance_km(e.longitude(), e.latitude());
                items.sort_by(|a, b| d(event(a)).total_cmp(&d(event(b))));
            }
        }
    }
}
