//! Selecting events from any mix of inputs — data folders, frontline's own files, plain
//! ACLED exports — and handing them on in order. `query` writes them; `chart` counts them.
//!
//! A data folder (or a file with anchored dates) is loaded whole, as `build` loads it. Any
//! other CSV is read on every core, row by row, without holding it: the first time, each
//! row is validated, placed and tested as it passes, and the file's index is kept in a
//! cache beside it; the next time, the index picks the rows and only those are read again.

use crate::dataset::{self, DataPaths, FrontCache, FrontNames};
use crate::diagnostic::{Diagnostic, Error};
use crate::event::record::{self, Column, Keep, RawRecord, COLUMNS};
use crate::event::Event;
use crate::filter::Filter;
use crate::format::csv_writer::WrittenColumns;
use crate::front::Fronts;
use crate::gazetteer::Gazetteer;
use crate::index::{cache, matches_event, Compiled, Index, Table};
use crate::scan::{self, CsvHead, Row};
use std::path::{Path, PathBuf};

/// The order events come out in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// As read: file order (a data folder's events by date, as `build` orders them).
    #[default]
    AsRead,
    /// Oldest first (by first day, then last day, then id).
    Date,
    /// Newest first.
    DateDescending,
    /// Nearest to `--near` first.
    Distance,
}

/// How to select.
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

/// The gazetteer and front areas events are placed with.
#[derive(Debug)]
pub struct Reference {
    /// Places, for rows without coordinates and for `--near NAME`.
    pub gazetteer: Gazetteer,
    /// Front areas, for rows without a front and for `--front`.
    pub fronts: Fronts,
    /// The files these were read from (a cached index depends on them).
    pub files: Vec<PathBuf>,
}

impl Reference {
    /// The reference data of a data folder.
    pub fn load(data: &DataPaths) -> Result<Reference, Error> {
        let mut files = vec![data.fronts()];
        if let Ok(entries) = std::fs::read_dir(data.gazetteer()) {
            let mut tsv: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
                .collect();
            tsv.sort();
            files.extend(tsv);
        }
        Ok(Reference {
            gazetteer: Gazetteer::load(&data.gazetteer())?,
            fronts: Fronts::load(&data.fronts())?,
            files,
        })
    }

    /// No reference data: rows must carry coordinates, and fronts are as written.
    pub fn none() -> Reference {
        Reference {
            gazetteer: Gazetteer::from_places(Vec::new()),
            fronts: Fronts { fronts: Vec::new() },
            files: Vec::new(),
        }
    }

    /// The reference for a set of `--data` paths: the first data folder among them, else
    /// `./data` when it is one, else none.
    pub fn for_inputs(inputs: &[PathBuf]) -> Result<Reference, Error> {
        let folder = inputs
            .iter()
            .find(|p| is_data_folder(p))
            .cloned()
            .or_else(|| Some(PathBuf::from("data")).filter(|p| is_data_folder(p)));
        match folder {
            Some(f) => Reference::load(&DataPaths::new(f)),
            None => Ok(Reference::none()),
        }
    }
}

/// Whether a path is a data folder (`events/` and `fronts.geojson`).
pub fn is_data_folder(path: &Path) -> bool {
    let paths = DataPaths::new(path);
    paths.events().is_dir() && paths.fronts().is_file()
}

/// One event selected, with the row it was read from when there is one.
pub struct Hit<'a> {
    /// The event, validated and placed.
    pub event: &'a Event,
    /// Its row as written (absent for events of a data folder).
    pub row: Option<&'a RawRecord>,
}

/// What a selection went through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Events read (or indexed).
    pub read: usize,
    /// Events selected.
    pub selected: usize,
    /// Inputs answered from a cached index.
    pub cached: usize,
    /// Whether `--limit` stopped the reading before the end (so `read` is not the total).
    pub stopped: bool,
}

/// Turns selected events into a batch of output on the reading threads; the batches are
/// then taken in order by the calling thread's `write`.
pub trait Formatter: Sync {
    /// What a batch turns into.
    type Batch: Send;
    /// Turns selected events into a batch.
    fn format(&self, hits: &[Hit]) -> Self::Batch;

    /// Whether batches need each row's values (else only its header, which is cheaper to
    /// keep than a copy of the row).
    fn needs_rows(&self) -> bool {
        true
    }

    /// Answers from an index alone, when a batch needs only what the index keeps (front,
    /// recorded day, fatalities, type): `None` has the events read back.
    fn count_entries(&self, _table: &Table, _ids: &[u32]) -> Option<Self::Batch> {
        None
    }

    /// Whether [`Formatter::count_entries`] answers (so an index beats reading the file).
    fn counts_from_index(&self) -> bool {
        false
    }
}

/// Takes formatted batches in order.
pub type Write<'a, B> = &'a mut dyn FnMut(B) -> Result<(), Error>;

/// Events read back per batch from an index.
const BATCH: usize = 2048;

/// The kind of an input.
enum Input {
    /// A data folder, or an events file that must be read whole (JSON, or anchored dates).
    Whole(PathBuf),
    /// A CSV read row by row.
    Rows(CsvHead),
}

fn classify(path: &Path) -> Result<Input, Error> {
    if path.is_dir() {
        return Ok(Input::Whole(path.to_path_buf()));
    }
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_none_or(|e| !e.eq_ignore_ascii_case("json"));
    if !is_csv {
        return Ok(Input::Whole(path.to_path_buf()));
    }
    let head = scan::head(path)?;
    let missing: Vec<&str> = record::REQUIRED_COLUMNS
        .iter()
        .copied()
        .filter(|c| !head.header.names().iter().any(|h| &**h == *c))
        .collect();
    if !missing.is_empty() {
        return Err(Error::Invalid(vec![Diagnostic::record(
            &crate::diagnostic::Origin::at(path, 1),
            format!(
                "a header with the columns {} (missing: {})",
                record::REQUIRED_COLUMNS.join(", "),
                missing.join(", ")
            ),
        )]));
    }
    // Anchored dates point at other rows, so such a file is resolved whole.
    if head.header.has(Column::Anchor) && has_anchor_values(&head)? {
        return Ok(Input::Whole(path.to_path_buf()));
    }
    Ok(Input::Rows(head))
}

fn has_anchor_values(head: &CsvHead) -> Result<bool, Error> {
    let Some(i) = head.header.index(Column::Anchor) else {
        return Ok(false);
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&head.file)
        .map_err(|e| Error::Usage(format!("{}: {e}", head.file.display())))?;
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        if record.get(i).is_some_and(|v| !v.trim_ascii().is_empty()) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The columns a CSV of the inputs has: every input's own, in the order first seen
/// (frontline's columns for data folders).
pub fn written_columns(inputs: &[PathBuf]) -> Result<WrittenColumns, Error> {
    let mut columns = WrittenColumns::default();
    for path in inputs {
        match classify(path)? {
            Input::Rows(head) => columns.add(&head.header),
            Input::Whole(_) => columns.add(&record::Header::new(COLUMNS)),
        }
    }
    Ok(columns)
}

/// Selects events from every input in turn and hands them to `formatter`, then `write`.
pub fn select<F: Formatter>(
    inputs: &[PathBuf],
    reference: &Reference,
    selection: &Selection,
    formatter: &F,
    write: Write<F::Batch>,
) -> Result<Summary, Error> {
    let mut summary = Summary::default();
    let global_order = selection.sort != Sort::AsRead && inputs.len() > 1;
    if global_order {
        return select_sorted_across(inputs, reference, selection, formatter, write);
    }
    let mut left = selection.limit;
    for path in inputs {
        if left == Some(0) {
            summary.stopped = true;
            break;
        }
        let part = Selection {
            limit: left,
            ..selection.clone()
        };
        let got = match classify(path)? {
            Input::Whole(path) => select_whole(&path, reference, &part, formatter, write)?,
            Input::Rows(head) => select_rows(&head, reference, &part, formatter, write)?,
        };
        left = left.map(|l| l.saturating_sub(got.selected));
        summary.read += got.read;
        summary.selected += got.selected;
        summary.cached += got.cached;
        summary.stopped |= got.stopped;
    }
    Ok(summary)
}

/// Several inputs in one order: every input's events are loaded, then sorted together.
fn select_sorted_across<F: Formatter>(
    inputs: &[PathBuf],
    reference: &Reference,
    selection: &Selection,
    formatter: &F,
    write: Write<F::Batch>,
) -> Result<Summary, Error> {
    let mut collected: Vec<(Event, Option<RawRecord>)> = Vec::new();
    let mut summary = Summary::default();
    struct Collect;
    impl Formatter for Collect {
        type Batch = Vec<(Event, Option<RawRecord>)>;
        fn format(&self, hits: &[Hit]) -> Self::Batch {
            hits.iter()
                .map(|h| (h.event.clone(), h.row.cloned()))
                .collect()
        }
    }
    let unsorted = Selection {
        sort: Sort::AsRead,
        limit: None,
        ..selection.clone()
    };
    for path in inputs {
        let got = select(
            std::slice::from_ref(path),
            reference,
            &unsorted,
            &Collect,
            &mut |batch| {
                collected.extend(batch);
                Ok(())
            },
        )?;
        summary.read += got.read;
        summary.cached += got.cached;
    }
    let mut order: Vec<usize> = (0..collected.len()).collect();
    sort_by(&mut order, selection, |i| &collected[*i].0);
    order.truncate(selection.limit.unwrap_or(usize::MAX));
    for batch in order.chunks(BATCH) {
        let hits: Vec<Hit> = batch
            .iter()
            .map(|i| Hit {
                event: &collected[*i].0,
                row: collected[*i].1.as_ref(),
            })
            .collect();
        write(formatter.format(&hits))?;
    }
    summary.selected = order.len();
    Ok(summary)
}

fn sort_by<'a, T>(items: &mut [T], selection: &Selection, event: impl Fn(&T) -> &'a Event) {
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

/// Orders selected entries as `--sort` asks (stable: ties keep table order) and keeps the
/// first `--limit`.
fn sort_ids(ids: &mut Vec<u32>, table: &Table, selection: &Selection) {
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

/// A data folder or a file read whole: resolved as `build` resolves it, then indexed.
fn select_whole<F: Formatter>(
    path: &Path,
    reference: &Reference,
    selection: &Selection,
    formatter: &F,
    write: Write<F::Batch>,
) -> Result<Summary, Error> {
    let owned;
    let (events, fronts) = if path.is_dir() {
        let data = DataPaths::new(path);
        let own = Reference::load(&data)?;
        let events = dataset::resolve_events(&data.events(), &own.gazetteer, &own.fronts)?;
        owned = own;
        (events, &owned.fronts)
    } else {
        let events = dataset::resolve_events(path, &reference.gazetteer, &reference.fronts)?;
        (events, &reference.fronts)
    };
    let mut table = Table::default();
    for (i, event) in events.iter().enumerate() {
        table.push(event, 0, i as u64);
    }
    let compiled = Compiled::new(&selection.filter, &table, fronts)?;
    let index = Index::build(&table);
    let (mut ids, _) = index.select(&table, &compiled);
    sort_ids(&mut ids, &table, selection);
    let chosen: Vec<&Event> = ids.iter().map(|i| &events[*i as usize]).collect();
    for batch in chosen.chunks(BATCH) {
        let hits: Vec<Hit> = batch
            .iter()
            .map(|e| Hit {
                event: e,
                row: None,
            })
            .collect();
        write(formatter.format(&hits))?;
    }
    Ok(Summary {
        read: events.len(),
        selected: chosen.len(),
        stopped: false,
        cached: 0,
    })
}

/// One row of a large file made into an event, or the problems that stop it.
fn event_of(
    raw: &RawRecord,
    reference: &Reference,
    known: &mut FrontCache,
    problems: &mut Vec<Diagnostic>,
) -> Option<Event> {
    event_keeping(raw, Keep::All, reference, known, problems)
}

/// [`event_of`], keeping only what `keep` says.
fn event_keeping(
    raw: &RawRecord,
    keep: Keep,
    reference: &Reference,
    known: &mut FrontCache,
    problems: &mut Vec<Diagnostic>,
) -> Option<Event> {
    let draft = record::parse_keeping(raw, keep, problems)?;
    let date = draft.date;
    let mut event = dataset::place(
        draft,
        &reference.gazetteer,
        &reference.fronts,
        FrontNames::Any,
        known,
        problems,
    )?;
    // Without an anchor (such files are read whole) the date is the one written.
    event.date = date?;
    Some(event)
}

/// The row to keep beside a selected event: the whole row if the formatter reads its
/// values, else only its header and origin.
fn keep<F: Formatter>(raw: &RawRecord, formatter: &F) -> RawRecord {
    if formatter.needs_rows() {
        raw.clone()
    } else {
        RawRecord {
            origin: raw.origin.clone(),
            header: std::sync::Arc::clone(&raw.header),
            values: csv::StringRecord::new(),
        }
    }
}

/// Formats events read from rows, each beside its row.
fn format_rows<F: Formatter>(formatter: &F, events: &[(Event, RawRecord)]) -> F::Batch {
    let hits: Vec<Hit> = events
        .iter()
        .map(|(event, raw)| Hit {
            event,
            row: Some(raw),
        })
        .collect();
    formatter.format(&hits)
}

/// What a reading thread makes of one chunk.
struct Part<B> {
    table: Table,
    problems: Vec<Diagnostic>,
    batch: Option<B>,
    selected: usize,
    /// Rows read as events.
    read: usize,
}

/// A CSV read row by row: from its cached index when it has a valid one, else in one
/// pass that selects as it reads and leaves an index behind.
fn select_rows<F: Formatter>(
    head: &CsvHead,
    reference: &Reference,
    selection: &Selection,
    formatter: &F,
    write: Write<F::Batch>,
) -> Result<Summary, Error> {
    // Every row, in file order: reading the file straight through is the fastest way, so
    // the index is neither loaded nor (when it is up to date) written again.
    let everything = selection.filter.is_empty()
        && selection.sort == Sort::AsRead
        && !formatter.counts_from_index();
    let fresh = selection.cache && everything && cache::is_fresh(&head.file, &reference.files);
    if selection.cache && !everything {
        if let Some((table, index)) = cache::load(&head.file, &reference.files) {
            return select_indexed(head, reference, selection, formatter, write, &table, &index);
        }
    }
    // Sorted output needs every match first: index the file, then read the matches back.
    if selection.sort != Sort::AsRead {
        let table = index_rows(head, reference)?;
        let index = Index::build(&table);
        if selection.cache {
            cache::store(&head.file, &reference.files, &table, &index);
        }
        let mut summary =
            select_indexed(head, reference, selection, formatter, write, &table, &index)?;
        summary.cached = 0;
        return Ok(summary);
    }

    let filter = &selection.filter;
    let fronts = &reference.fronts;
    // The table is what the index is built from; without one to keep (or a limit or a
    // --front to finish with), a pass holds nothing per row and runs in bounded memory.
    let build_table =
        (selection.cache && !fresh) || selection.limit.is_some() || !filter.fronts.is_empty();
    // A --front neither the front areas nor (so far) the data name is checked at the end.
    let mut table = if build_table {
        Table::with_capacity_for(&head.file)
    } else {
        Table::default()
    };
    let mut problems: Vec<Diagnostic> = Vec::new();
    let (mut selected, mut read) = (0usize, 0usize);
    let parse = if filter.is_empty() && !formatter.counts_from_index() {
        Keep::All
    } else {
        Keep::Index
    };
    let limit = selection.limit.unwrap_or(usize::MAX);
    let mut complete = true;
    scan::par_chunks(
        head,
        selection.workers,
        |chunk| {
            let mut part = Part {
                table: Table::default(),
                problems: Vec::new(),
                batch: None,
                selected: 0,
                read: 0,
            };
            let mut events: Vec<(Event, RawRecord)> = Vec::new();
            let mut known = FrontCache::default();
            scan::rows(chunk, head, |row| match row {
                Row::Record(raw, offset) => {
                    // Most rows are only indexed and passed over: read what that needs,
                    // and read a selected row whole (at once when every row is selected).
                    let first =
                        event_keeping(raw, parse, reference, &mut known, &mut part.problems);
                    if let Some(event) = first {
                        if build_table {
                            part.table.push(&event, 0, offset);
                        }
                        part.read += 1;
                        if matches_event(filter, fronts, &event) {
                            let event = if parse == Keep::All || formatter.counts_from_index() {
                                Some(event)
                            } else {
                                event_of(raw, reference, &mut known, &mut part.problems)
                            };
                            if let Some(event) = event {
                                events.push((event, keep(raw, formatter)));
                            }
                        }
                    }
                }
                Row::Problem(p) => part.problems.push(p),
            });
            if part.problems.is_empty() {
                part.selected = events.len();
                part.batch = Some(format_rows(formatter, &events));
            }
            part
        },
        |part: Part<F::Batch>| {
            table.append(part.table);
            read += part.read;
            problems.extend(part.problems);
            if problems.is_empty() && selected < limit {
                if let Some(batch) = part.batch {
                    if selected + part.selected > limit {
                        // The limit falls inside this chunk: read its rows again, in order.
                        complete = false;
                        return Ok(false);
                    }
                    selected += part.selected;
                    write(batch)?;
                }
            }
            if selected >= limit {
                complete = false;
                return Ok(false);
            }
            Ok(true)
        },
    )?;
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    if !complete {
        // The limit fell inside a chunk: take the rest of it from the rows read so far.
        let compiled = Compiled::new(filter, &table, fronts)?;
        let ids: Vec<u32> = (0..table.entries.len() as u32)
            .filter(|i| compiled.matches(&table, &table.entries[*i as usize]))
            .skip(selected)
            .take(limit - selected)
            .collect();
        let more = read_back(head, reference, selection, formatter, write, &table, ids)?;
        return Ok(Summary {
            read,
            selected: selected + more,
            cached: 0,
            stopped: true,
        });
    }
    // Every row was read: an unknown --front is an error, not an empty answer.
    Compiled::new(filter, &table, fronts)?;
    if build_table && selection.cache && !fresh {
        let index = Index::build(&table);
        cache::store(&head.file, &reference.files, &table, &index);
    }
    Ok(Summary {
        read,
        selected,
        stopped: false,
        cached: 0,
    })
}

/// Indexes every row of a file (no selection).
fn index_rows(head: &CsvHead, reference: &Reference) -> Result<Table, Error> {
    let mut table = Table::with_capacity_for(&head.file);
    let mut problems = Vec::new();
    scan::par_chunks(
        head,
        num_workers(),
        |chunk| {
            let mut part = Table::default();
            let mut problems = Vec::new();
            let mut known = FrontCache::default();
            scan::rows(chunk, head, |row| match row {
                Row::Record(raw, offset) => {
                    let light =
                        event_keeping(raw, Keep::Index, reference, &mut known, &mut problems);
                    if let Some(event) = light {
                        part.push(&event, 0, offset);
                    }
                }
                Row::Problem(p) => problems.push(p),
            });
            (part, problems)
        },
        |(part, found)| {
            table.append(part);
            problems.extend(found);
            Ok(true)
        },
    )?;
    if problems.is_empty() {
        Ok(table)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// The number of reading threads: the machine's cores.
pub fn num_workers() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Selects with a file's index and reads the chosen rows back.
fn select_indexed<F: Formatter>(
    head: &CsvHead,
    reference: &Reference,
    selection: &Selection,
    formatter: &F,
    write: Write<F::Batch>,
    table: &Table,
    index: &Index,
) -> Result<Summary, Error> {
    let compiled = Compiled::new(&selection.filter, table, &reference.fronts)?;
    let (mut ids, _) = index.select(table, &compiled);
    sort_ids(&mut ids, table, selection);
    let selected = match formatter.count_entries(table, &ids) {
        Some(batch) => {
            write(batch)?;
            ids.len()
        }
        None => read_back(head, reference, selection, formatter, write, table, ids)?,
    };
    Ok(Summary {
        read: table.entries.len(),
        selected,
        stopped: false,
        cached: 1,
    })
}

/// Reads the rows of the chosen entries back from the file, on every core, in the order
/// given, and hands them on. A large share of the file in file order is read as a stream
/// (picking the chosen rows as they pass); anything else row by row at its offset.
fn read_back<F: Formatter>(
    head: &CsvHead,
    reference: &Reference,
    selection: &Selection,
    formatter: &F,
    write: Write<F::Batch>,
    table: &Table,
    ids: Vec<u32>,
) -> Result<usize, Error> {
    let total = ids.len();
    let in_file_order = ids.windows(2).all(|w| w[0] < w[1]);
    if in_file_order && total > table.entries.len() / 20 {
        return read_back_streaming(head, reference, selection, formatter, write, table, &ids);
    }
    let batches = ids
        .chunks(BATCH)
        .map(|b| Ok(b.to_vec()))
        .collect::<Vec<Result<Vec<u32>, Error>>>();
    scan::par_map_ordered(
        batches.into_iter(),
        selection.workers,
        |batch: Vec<u32>| -> Result<F::Batch, Error> {
            let mut rows = scan::RowReader::open(head)?;
            let mut problems = Vec::new();
            let mut known = FrontCache::default();
            let mut events = Vec::with_capacity(batch.len());
            for id in batch {
                let entry = &table.entries[id as usize];
                let raw = rows.row_at(entry.offset, entry.line)?;
                match event_of(&raw, reference, &mut known, &mut problems) {
                    Some(event) => events.push((event, raw)),
                    None => return Err(Error::Invalid(problems)),
                }
            }
            Ok(format_rows(formatter, &events))
        },
        |batch| {
            write(batch?)?;
            Ok(true)
        },
    )?;
    Ok(total)
}

/// Streams the file and keeps the rows at the chosen offsets (ids in file order).
fn read_back_streaming<F: Formatter>(
    head: &CsvHead,
    reference: &Reference,
    selection: &Selection,
    formatter: &F,
    write: Write<F::Batch>,
    table: &Table,
    ids: &[u32],
) -> Result<usize, Error> {
    let offsets: Vec<u64> = ids
        .iter()
        .map(|i| table.entries[*i as usize].offset)
        .collect();
    let mut problems = Vec::new();
    scan::par_chunks(
        head,
        selection.workers,
        |chunk| {
            let end = chunk.offset + chunk.bytes.len() as u64;
            let from = offsets.partition_point(|o| *o < chunk.offset);
            let to = offsets.partition_point(|o| *o < end);
            let wanted = &offsets[from..to];
            let mut next = 0usize;
            let mut events: Vec<(Event, RawRecord)> = Vec::with_capacity(wanted.len());
            let mut problems = Vec::new();
            let mut known = FrontCache::default();
            if !wanted.is_empty() {
                scan::rows(chunk, head, |row| {
                    if let Row::Record(raw, offset) = row {
                        if wanted.get(next) == Some(&offset) {
                            next += 1;
                            if let Some(event) = event_of(raw, reference, &mut known, &mut problems)
                            {
                                events.push((event, keep(raw, formatter)));
                            }
                        }
                    }
                });
            }
            let missing = next != wanted.len();
            (format_rows(formatter, &events), problems, missing)
        },
        |(batch, found, missing)| {
            problems.extend(found);
            if missing {
                return Err(changed_since_indexed(head));
            }
            if problems.is_empty() {
                write(batch)?;
            }
            Ok(problems.is_empty())
        },
    )?;
    if problems.is_empty() {
        Ok(ids.len())
    } else {
        Err(Error::Invalid(problems))
    }
}

fn changed_since_indexed(head: &CsvHead) -> Error {
    Error::Invalid(vec![Diagnostic::record(
        &crate::diagnostic::Origin::file(&head.file),
        "the rows the index points at (the file changed while it was read; run the query again)",
    )])
}
