//! Inputs loaded once and selected from many times, as a server does: each input's index
//! held in memory (from the cache beside a large file, or built once and cached), and its
//! events too when it is read whole. A selection then neither classifies nor resolves
//! anything again: it asks the index, and reads back from a large file only the rows it
//! hands on.

use super::rows::event_of;
use super::{order_ids, pass, read_back, whole, Hit, Input, Inputs, Selection, Sink, BATCH};
use crate::dataset::{FrontCache, Reference};
use crate::error::Error;
use crate::event::record::{Column, RawRecord};
use crate::event::Event;
use crate::index::fnv::Fnv;
use crate::index::{cache, Compiled, Index, Table};
use crate::scan::{self, CsvHead, Row};
use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::Arc;

/// Inputs loaded for many selections.
#[derive(Debug)]
pub struct Loaded {
    /// The gazetteer, fronts and outlines the inputs were placed with (shared with other
    /// inputs loaded beside these).
    pub reference: Arc<Reference>,
    parts: Vec<Part>,
}

/// One input, loaded.
#[derive(Debug)]
struct Part {
    table: Table,
    index: Index,
    held: Held,
}

/// Where a loaded input's events are read from.
#[derive(Debug)]
enum Held {
    /// Resolved whole and held, in table order, with their ids' positions, and the
    /// reference data of their own folder when it is not the main one.
    Events {
        events: Vec<Event>,
        by_id: HashMap<String, u32>,
        own: Option<Box<Reference>>,
    },
    /// A large CSV: rows read back at the entries' offsets. Its ids are kept as hashes
    /// beside their entries (sorted), so a look-up reads back only the rows it may be.
    Rows { head: CsvHead, ids: Vec<(u64, u32)> },
}

/// What one selection from loaded inputs found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Matched {
    /// Events in the inputs.
    pub read: usize,
    /// Events that pass the filter (before the offset and the limit).
    pub matched: usize,
    /// Events handed to the sink.
    pub returned: usize,
}

impl Loaded {
    /// Loads every input: a data folder or a file read whole is resolved and indexed in
    /// memory; a large CSV's index is read from its cache (with `cache`), else built in one
    /// pass on `workers` threads and cached for next time.
    pub fn load(
        inputs: Inputs,
        reference: Arc<Reference>,
        cache: bool,
        workers: usize,
    ) -> Result<Loaded, Error> {
        let mut parts = Vec::with_capacity(inputs.len());
        for input in inputs.into_list() {
            parts.push(match input {
                Input::Rows(head) => {
                    let cached = cache
                        .then(|| cache::load(&head.file, &reference.files))
                        .flatten();
                    let (table, index) = match cached {
                        Some(found) => found,
                        None => {
                            let table = pass::index_rows(&head, &reference, workers)?;
                            let index = Index::build(&table);
                            if cache {
                                cache::store(&head.file, &reference.files, &table, &index);
                            }
                            (table, index)
                        }
                    };
                    let ids = ids_of(&head, &table, workers)?;
                    Part {
                        table,
                        index,
                        held: Held::Rows { head, ids },
                    }
                }
                whole_input => {
                    let (events, own) = whole::resolve(&whole_input, &reference)?;
                    let table = whole::table_of(&events);
                    let by_id = events
                        .iter()
                        .enumerate()
                        .rev()
                        .map(|(i, e)| (e.event_id_cnty.clone(), i as u32))
                        .collect();
                    Part {
                        index: Index::build(&table),
                        table,
                        held: Held::Events {
                            events,
                            by_id,
                            own: own.map(Box::new),
                        },
                    }
                }
            });
        }
        Ok(Loaded { reference, parts })
    }

    /// The index table of each input, in order: what counts, extents and aggregates are
    /// computed from without reading a row.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.parts.iter().map(|p| &p.table)
    }

    /// Selects with `selection`'s filter, passes over the first `offset` matches and hands
    /// at most `selection.limit` to `sink`, in each input's order (`selection.sort`), the
    /// inputs one after another. Every match is counted, so the count is the whole answer's.
    pub fn run<S: Sink>(
        &self,
        selection: &Selection,
        offset: usize,
        sink: &S,
    ) -> Result<Matched, Error> {
        let every = Selection {
            limit: None,
            ..selection.clone()
        };
        let mut skip = offset;
        let mut left = selection.limit.unwrap_or(usize::MAX);
        let mut found = Matched::default();
        for part in &self.parts {
            let fronts = &part.reference(&self.reference).fronts;
            let compiled = Compiled::new(&selection.filter, &part.table, fronts)?;
            let (mut ids, _) = part.index.select(&part.table, &compiled);
            order_ids(&mut ids, &part.table, &every);
            found.read += part.table.entries.len();
            found.matched += ids.len();
            let passed = skip.min(ids.len());
            skip -= passed;
            let window: Vec<u32> = ids.into_iter().skip(passed).take(left).collect();
            left -= window.len();
            found.returned += window.len();
            if !window.is_empty() {
                part.hand(&self.reference, selection, window, sink)?;
            }
        }
        Ok(found)
    }

    /// Hands the event with this id to `sink` (the first input that has it); `false` when
    /// no input has it.
    pub fn find<S: Sink>(&self, id: &str, sink: &S) -> Result<bool, Error> {
        for part in &self.parts {
            match &part.held {
                Held::Events { events, by_id, .. } => {
                    if let Some(i) = by_id.get(id) {
                        let hit = Hit {
                            event: &events[*i as usize],
                            row: None,
                        };
                        sink.take(sink.batch(&[hit]))?;
                        return Ok(true);
                    }
                }
                Held::Rows { head, ids } => {
                    let hash = hash_id(id);
                    let from = ids.partition_point(|(h, _)| *h < hash);
                    let to = ids.partition_point(|(h, _)| *h <= hash);
                    for (_, entry) in &ids[from..to] {
                        let row = read_row(head, &part.table, *entry, &self.reference)?;
                        if row.0.event_id_cnty == id {
                            let hit = Hit {
                                event: &row.0,
                                row: Some(&row.1),
                            };
                            sink.take(sink.batch(&[hit]))?;
                            return Ok(true);
                        }
                    }
                }
            }
        }
        Ok(false)
    }
}

impl Part {
    /// The reference data this input's events were placed with.
    fn reference<'a>(&'a self, main: &'a Reference) -> &'a Reference {
        match &self.held {
            Held::Events { own: Some(own), .. } => own,
            _ => main,
        }
    }

    /// Hands the chosen entries' events to `sink`, in the order given.
    fn hand<S: Sink>(
        &self,
        main: &Reference,
        selection: &Selection,
        window: Vec<u32>,
        sink: &S,
    ) -> Result<(), Error> {
        match &self.held {
            Held::Events { events, .. } => {
                for run in window.chunks(BATCH) {
                    let hits: Vec<Hit> = run
                        .iter()
                        .map(|i| Hit {
                            event: &events[*i as usize],
                            row: None,
                        })
                        .collect();
                    sink.take(sink.batch(&hits))?;
                }
                Ok(())
            }
            Held::Rows { head, .. } => {
                read_back::rows(head, main, selection, sink, &self.table, window).map(|_| ())
            }
        }
    }
}

/// The row of one entry read back and made into an event.
fn read_row(
    head: &CsvHead,
    table: &Table,
    entry: u32,
    reference: &Reference,
) -> Result<(Event, RawRecord), Error> {
    let entry = &table.entries[entry as usize];
    let raw = scan::RowReader::open(head)?.row_at(entry.offset, entry.line)?;
    let mut problems = Vec::new();
    match event_of(&raw, reference, &mut FrontCache::default(), &mut problems) {
        Some(event) => Ok((event, raw)),
        None => Err(Error::Invalid(problems)),
    }
}

fn hash_id(id: &str) -> u64 {
    let mut hasher = Fnv::default();
    hasher.write(id.as_bytes());
    hasher.finish()
}

/// The ids of a large file's rows, hashed, beside the entries of their rows (found by byte
/// offset), sorted by hash: one pass reading the id column only.
fn ids_of(head: &CsvHead, table: &Table, workers: usize) -> Result<Vec<(u64, u32)>, Error> {
    // Entries are in file order, so an offset is found by binary search.
    let offsets: Vec<u64> = table.entries.iter().map(|e| e.offset).collect();
    let sorted = offsets.windows(2).all(|w| w[0] < w[1]);
    let by_offset: HashMap<u64, u32> = if sorted {
        HashMap::new()
    } else {
        offsets
            .iter()
            .enumerate()
            .map(|(i, o)| (*o, i as u32))
            .collect()
    };
    let entry_at = |offset: u64| -> Option<u32> {
        if sorted {
            offsets.binary_search(&offset).ok().map(|i| i as u32)
        } else {
            by_offset.get(&offset).copied()
        }
    };
    let mut ids = Vec::with_capacity(table.entries.len());
    scan::par_chunks(
        head,
        workers,
        |chunk| {
            let mut found = Vec::new();
            scan::rows(chunk, head, |row| {
                if let Row::Record(raw, offset) = row {
                    if let Some(entry) = entry_at(offset) {
                        found.push((hash_id(raw.get(Column::EventIdCnty)), entry));
                    }
                }
            });
            found
        },
        |found| {
            ids.extend(found);
            Ok(true)
        },
    )?;
    ids.sort_unstable();
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::FilterText;

    const HEADER: &str = "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,location,latitude,longitude,source,fatalities\n";

    fn rows_file(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
        let mut text = HEADER.to_string();
        for i in 0..n {
            text.push_str(&format!(
                "X{i:04},2019-04-{:02},Battles,Armed clash,LNA,Libya,Somewhere,32.{i:04},13.1,Reuters,{}\n",
                1 + i % 28,
                i % 5
            ));
        }
        let path = dir.join("rows.csv");
        std::fs::write(&path, text).unwrap();
        path
    }

    fn selection(text: FilterText, limit: Option<usize>) -> Selection {
        let filter = text
            .resolve(&|_: &str| Err("no places".to_string()))
            .unwrap();
        Selection {
            filter,
            limit,
            workers: 1,
            ..Selection::default()
        }
    }

    #[derive(Default)]
    struct Ids(std::sync::Mutex<Vec<String>>);
    impl Sink for Ids {
        type Batch = Vec<String>;
        fn batch(&self, hits: &[Hit]) -> Vec<String> {
            hits.iter().map(|h| h.event.event_id_cnty.clone()).collect()
        }
        fn take(&self, batch: Vec<String>) -> Result<(), Error> {
            self.0.lock().unwrap().extend(batch);
            Ok(())
        }
    }

    #[test]
    fn pages_of_a_large_file_count_every_match_and_read_back_only_their_rows() {
        let dir = tempfile::tempdir().unwrap();
        let file = rows_file(dir.path(), 100);
        let inputs = Inputs::classify(&[file]).unwrap();
        let loaded = Loaded::load(inputs, Arc::new(Reference::none()), false, 2).unwrap();
        let april_first_week = FilterText {
            from: Some("2019-04-01".into()),
            to: Some("2019-04-07".into()),
            ..FilterText::default()
        };
        let sink = Ids::default();
        let found = loaded
            .run(&selection(april_first_week, Some(5)), 10, &sink)
            .unwrap();
        // Days 1–7 of each 28-day cycle: rows 0–6, 28–34, 56–62 and 84–90.
        assert_eq!(found.matched, 28);
        assert_eq!(found.returned, 5);
        assert_eq!(found.read, 100);
        assert_eq!(
            sink.0.into_inner().unwrap(),
            ["X0031", "X0032", "X0033", "X0034", "X0056"]
        );
    }

    #[test]
    fn an_id_is_found_in_a_large_file_and_a_missing_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = rows_file(dir.path(), 50);
        let loaded = Loaded::load(
            Inputs::classify(&[file]).unwrap(),
            Arc::new(Reference::none()),
            false,
            1,
        )
        .unwrap();
        let sink = Ids::default();
        assert!(loaded.find("X0042", &sink).unwrap());
        assert!(!loaded.find("X9999", &sink).unwrap());
        assert_eq!(sink.0.into_inner().unwrap(), ["X0042"]);
    }

    #[test]
    fn an_offset_past_the_end_returns_nothing_but_still_counts() {
        let dir = tempfile::tempdir().unwrap();
        let file = rows_file(dir.path(), 10);
        let loaded = Loaded::load(
            Inputs::classify(&[file]).unwrap(),
            Arc::new(Reference::none()),
            false,
            1,
        )
        .unwrap();
        let sink = Ids::default();
        let found = loaded
            .run(&selection(FilterText::default(), Some(10)), 50, &sink)
            .unwrap();
        assert_eq!((found.matched, found.returned), (10, 0));
    }
}
