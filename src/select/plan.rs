//! How one input is answered, chosen in one place.

use super::{pass, read_back, whole, Input, Outcome, Selection, Sink, Sort};
use crate::dataset::Reference;
use crate::error::Error;
use crate::index::{cache, Index, Table};

/// How an input is answered.
#[derive(Debug)]
pub enum Plan {
    /// Resolve the input whole, as `build` does, and search it with an index built in
    /// memory: data folders, JSON, anchored files.
    Whole,
    /// Answer from the index cached beside the file and read back only the chosen rows.
    Cached(Box<(Table, Index)>),
    /// Index every row first (a sort needs every match before the first one goes out),
    /// cache the index, then answer from it.
    IndexFirst,
    /// One pass over the rows on every core that selects as it reads.
    Pass {
        /// Keep a table of every row: to build and cache the index from, to finish a
        /// `--limit` that falls inside a chunk, or to check a `--front` no area names.
        keep_table: bool,
        /// Cache the index built from the table.
        store: bool,
    },
}

impl Plan {
    /// The plan for one input: a CSV's cached index when it has a valid one and the
    /// selection is narrower than "every row in file order"; else a pass, which leaves the
    /// index cached for next time.
    pub fn choose<S: Sink>(
        input: &Input,
        reference: &Reference,
        selection: &Selection,
        sink: &S,
    ) -> Plan {
        let Input::Rows(head) = input else {
            return Plan::Whole;
        };
        // Every row in file order: reading the file straight through is the fastest way,
        // so the index is neither loaded nor (when it is up to date) written again.
        let everything = selection.filter.is_empty()
            && selection.sort == Sort::AsRead
            && !sink.counts_from_index();
        if selection.cache && !everything {
            if let Some(cached) = cache::load(&head.file, &reference.files) {
                return Plan::Cached(Box::new(cached));
            }
        }
        if selection.sort != Sort::AsRead {
            return Plan::IndexFirst;
        }
        let fresh = selection.cache && everything && cache::is_fresh(&head.file, &reference.files);
        let store = selection.cache && !fresh;
        Plan::Pass {
            keep_table: store || selection.limit.is_some() || !selection.filter.fronts.is_empty(),
            store,
        }
    }

    /// Carries the plan out for `input`, handing the selected events to `sink`.
    pub fn run<S: Sink>(
        self,
        input: &Input,
        reference: &Reference,
        selection: &Selection,
        sink: &S,
    ) -> Result<Outcome, Error> {
        let head = match input {
            Input::Rows(head) => head,
            Input::Folder(_) | Input::File(_) => {
                return whole::run(input, reference, selection, sink)
            }
        };
        match self {
            Plan::Whole => whole::run(input, reference, selection, sink),
            Plan::Cached(cached) => {
                let (table, index) = *cached;
                let mut outcome =
                    read_back::select(head, reference, selection, sink, &table, &index)?;
                outcome.cached = 1;
                Ok(outcome)
            }
            Plan::IndexFirst => {
                let table = pass::index_rows(head, reference, selection.workers)?;
                let index = Index::build(&table);
                if selection.cache {
                    cache::store(&head.file, &reference.files, &table, &index);
                }
                read_back::select(head, reference, selection, sink, &table, &index)
            }
            Plan::Pass { keep_table, store } => {
                pass::run(head, reference, selection, sink, keep_table, store)
            }
        }
    }
}
