//! The import's pass: each source file read row by row, mapped, checked as an events
//! file's rows are, and handed on in frontline's columns.

use super::{Codebook, Mapping, Skip};
use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::event::geo_precision::GeoPrecision;
use crate::event::record::{self, Column, Draft, Header, RawRecord, COLUMNS};
use crate::event::Event;
use crate::format::csv_writer;
use crate::plausibility::after_report;
use crate::scan::num_workers;
use crate::scan::{self, CsvHead};
use csv::StringRecord;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file to import and the dataset it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The file.
    pub path: PathBuf,
    /// Its dataset, named or detected.
    pub codebook: Codebook,
}

impl Source {
    /// A source whose dataset is told by its first line.
    pub fn detect(path: &Path) -> Result<Source, Error> {
        let first = first_line(path).map_err(|e| Error::read(path, e))?;
        match Codebook::detect(&first) {
            Some(codebook) => Ok(Source {
                path: path.to_path_buf(),
                codebook,
            }),
            None => Err(Error::Invalid(vec![Diagnostic::record(
                &Origin::at(path, 1),
                "an ACLED export (a header with event_id_cnty, event_date …), a UCDP GED CSV \
                 (a header with type_of_violence, where_prec …) or a GDELT 2.0 events file \
                 (61 tab-separated columns); or name the dataset: \
                 frontline import acled|ucdp|gdelt FILE",
            )])),
        }
    }
}

/// A file's first line (at most 64 KiB of it: no header of the three datasets is longer).
fn first_line(path: &Path) -> std::io::Result<String> {
    use std::io::{BufRead, Read};
    let file = File::open(path)?;
    let mut bytes = Vec::new();
    BufReader::new(file.take(1 << 16)).read_until(b'\n', &mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What happened to one file's rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileSummary {
    /// The file.
    pub path: PathBuf,
    /// Its dataset.
    pub codebook: Option<Codebook>,
    /// Rows read.
    pub read: u64,
    /// Rows written as events.
    pub written: u64,
    /// Rows left out, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Rows with problems (each problem is reported).
    pub bad: u64,
}

/// What the pass hands on, a batch at a time, in file order.
pub enum Batch {
    /// Rows in frontline's CSV (the caller writes the header once).
    Csv(Vec<u8>),
    /// Each event with its values in the output columns, to merge before writing.
    Events(Vec<(Event, Vec<String>)>),
}

/// Which kind of [`Batch`] a pass hands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wanted {
    /// [`Batch::Csv`].
    Csv,
    /// [`Batch::Events`].
    Events,
}

/// How a file's rows are read.
enum Reading {
    /// A CSV with a header, cut at row ends and parsed on every core.
    Chunks(CsvHead),
    /// Any other file (GDELT's unquoted tab-separated rows), read in one stream.
    Stream(csv::Reader<File>),
}

/// One source file opened: how it is read, its mapping and where its columns go.
struct Opened {
    source: Source,
    reading: Reading,
    mapping: Box<dyn Mapping>,
    /// The mapped columns, as a header for the event checks.
    header: Arc<Header>,
    /// How many fields a source row has (0: not known, not checked).
    fields: usize,
    size: u64,
}

/// An import of one or more files, opened and ready to run.
pub struct Import {
    files: Vec<Opened>,
    columns: Vec<Arc<str>>,
}

impl Import {
    /// Opens every file and reads its header; every file's header problems are reported
    /// together.
    pub fn open(sources: Vec<Source>) -> Result<Import, Error> {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for source in sources {
            match open(source) {
                Ok(file) => files.push(file),
                Err(Error::Invalid(found)) => problems.extend(found),
                Err(e) => return Err(e),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let mut columns: Vec<Arc<str>> = COLUMNS.iter().map(|&c| Arc::from(c)).collect();
        for file in &files {
            for &i in file.header.extras() {
                let name = &file.header.names()[i];
                if !columns.contains(name) {
                    columns.push(Arc::clone(name));
                }
            }
        }
        Ok(Import { files, columns })
    }

    /// The output columns: frontline's, then every source's own kept columns in the order
    /// first seen.
    pub fn columns(&self) -> &[Arc<str>] {
        &self.columns
    }

    /// The bytes to read, for a progress bar.
    pub fn size(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }

    /// Reads every row of every file and hands the events on in batches, in file order,
    /// with the bytes read so far to `progress`. Every problem of every file is reported,
    /// after the last row.
    pub fn run(
        self,
        wanted: Wanted,
        progress: &mut dyn FnMut(u64),
        each: &mut dyn FnMut(Batch) -> Result<(), Error>,
    ) -> Result<Vec<FileSummary>, Error> {
        let mut problems = Vec::new();
        let mut summaries = Vec::new();
        let mut done = 0;
        let columns = self.columns;
        for file in self.files {
            let size = file.size;
            let mut tick = |bytes: u64| progress(done + bytes);
            let summary = convert_file(file, &columns, wanted, &mut problems, &mut tick, each)?;
            done += size;
            summaries.push(summary);
        }
        if problems.is_empty() {
            Ok(summaries)
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

/// Opens one file: reads its header (if its dataset has one) and learns its mapping.
fn open(source: Source) -> Result<Opened, Error> {
    let path = source.path.clone();
    let size = std::fs::metadata(&path)
        .map_err(|e| Error::read(&path, e))?
        .len();
    let mut mapping = source.codebook.mapping();
    let invalid = |problem: Diagnostic| Error::Invalid(vec![problem]);
    let (reading, source_header) = if mapping.has_header() && mapping.delimiter() == b',' {
        let head = scan::head(&path)?;
        let names = StringRecord::from(
            head.header
                .names()
                .iter()
                .map(|n| &**n)
                .collect::<Vec<&str>>(),
        );
        (Reading::Chunks(head), Some(names))
    } else {
        let file = File::open(&path).map_err(|e| Error::read(&path, e))?;
        let tab = mapping.delimiter() == b'\t';
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(mapping.delimiter())
            .has_headers(mapping.has_header())
            // GDELT's tab-separated files do not quote: a `"` is part of a value.
            .quoting(!tab)
            .flexible(true)
            .from_reader(file);
        let names = if mapping.has_header() {
            let header = reader.headers().map_err(|e| {
                invalid(Diagnostic::record(
                    &Origin::at(&path, 1),
                    format!("a {} header row ({e})", source.codebook),
                ))
            })?;
            Some(header.clone())
        } else {
            None
        };
        (Reading::Stream(reader), names)
    };
    let names = mapping
        .header(source_header.as_ref(), &path)
        .map_err(invalid)?;
    let fields = match &source_header {
        Some(h) => h.len(),
        None => mapping.fields().unwrap_or(0),
    };
    Ok(Opened {
        header: Arc::new(Header::new(names.iter().map(String::as_str))),
        source,
        reading,
        mapping,
        fields,
        size,
    })
}

/// Where each output column's value comes from, for one file.
enum Slot {
    Known(Column),
    Kept(usize),
    Absent,
}

/// What one file's rows (or a chunk of them) came to.
struct Part {
    csv: csv::Writer<Vec<u8>>,
    events: Vec<(Event, Vec<String>)>,
    problems: Vec<Diagnostic>,
    skipped: BTreeMap<String, u64>,
    read: u64,
    written: u64,
    bad: u64,
}

impl Part {
    fn new() -> Part {
        Part {
            csv: csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new()),
            events: Vec::new(),
            problems: Vec::new(),
            skipped: BTreeMap::new(),
            read: 0,
            written: 0,
            bad: 0,
        }
    }

    /// Hands the part's events on and adds its counts to the file's.
    fn finish(
        self,
        wanted: Wanted,
        summary: &mut FileSummary,
        problems: &mut Vec<Diagnostic>,
        each: &mut dyn FnMut(Batch) -> Result<(), Error>,
    ) -> Result<(), Error> {
        summary.read += self.read;
        summary.written += self.written;
        summary.bad += self.bad;
        for (reason, n) in self.skipped {
            *summary.skipped.entry(reason).or_default() += n;
        }
        problems.extend(self.problems);
        // Once a row is bad nothing is written, so the rest are only checked.
        if !problems.is_empty() {
            return Ok(());
        }
        match wanted {
            Wanted::Csv => each(Batch::Csv(self.csv.into_inner().unwrap_or_default())),
            Wanted::Events => each(Batch::Events(self.events)),
        }
    }
}

/// Turns a file's source rows into events: shared by the threads reading its chunks.
struct Converter<'a> {
    mapping: &'a dyn Mapping,
    header: &'a Arc<Header>,
    slots: &'a [Slot],
    fields: usize,
    tab: bool,
    has_header: bool,
    wanted: Wanted,
}

/// Buffers one thread reuses from row to row.
#[derive(Default)]
struct Scratch {
    mapped: Vec<String>,
    fields: StringRecord,
    values: Vec<String>,
    problems: Vec<Diagnostic>,
}

impl Converter<'_> {
    /// Maps, checks and keeps one source row.
    fn row(&self, row: &StringRecord, origin: &Origin, part: &mut Part, scratch: &mut Scratch) {
        part.read += 1;
        if self.fields > 0 && row.len() != self.fields {
            part.problems.push(Diagnostic::record(
                origin,
                format!(
                    "{} {}fields as in the {} (found {}){}",
                    self.fields,
                    if self.tab { "tab-separated " } else { "" },
                    if self.has_header {
                        "header"
                    } else {
                        "dataset's codebook"
                    },
                    row.len(),
                    if self.tab {
                        ""
                    } else {
                        "; quote values that hold commas"
                    }
                ),
            ));
            part.bad += 1;
            return;
        }
        scratch.problems.clear();
        match self
            .mapping
            .map(row, origin, &mut scratch.mapped, &mut scratch.problems)
        {
            Err(Skip(reason)) => {
                *part.skipped.entry(reason).or_default() += 1;
                return;
            }
            Ok(()) if !scratch.problems.is_empty() => {}
            Ok(()) => self.check(origin, part, scratch),
        }
        if !scratch.problems.is_empty() {
            part.bad += 1;
            for mut problem in scratch.problems.drain(..) {
                if problem.column.is_none() {
                    problem.column = problem
                        .field
                        .as_deref()
                        .and_then(|f| self.mapping.source_of(f));
                }
                part.problems.push(problem);
            }
        }
    }

    /// Checks a mapped row as an events file's row and keeps its event.
    fn check(&self, origin: &Origin, part: &mut Part, scratch: &mut Scratch) {
        let mut fields = std::mem::take(&mut scratch.fields);
        fields.clear();
        for value in &scratch.mapped {
            fields.push_field(value);
        }
        let record = RawRecord {
            origin: origin.clone(),
            header: Arc::clone(self.header),
            values: fields,
        };
        let draft = record::parse(&record, &mut scratch.problems).filter(|draft| {
            // A report can't tell of an event that had not begun.
            let late = draft
                .date
                .is_some()
                .then(|| after_report(&draft.event))
                .flatten();
            if let Some(finding) = &late {
                scratch.problems.push(finding.problem.clone());
            }
            late.is_none()
        });
        if let Some(draft) = draft {
            scratch.values.clear();
            scratch
                .values
                .extend(self.slots.iter().map(|slot| match slot {
                    Slot::Known(column) => native_value(&draft, &record, *column),
                    Slot::Kept(i) => record.values.get(*i).unwrap_or("").to_string(),
                    Slot::Absent => String::new(),
                }));
            part.written += 1;
            match self.wanted {
                // Writing to memory cannot fail.
                Wanted::Csv => drop(part.csv.write_record(&scratch.values)),
                Wanted::Events => {
                    let mut event = draft.event;
                    if draft.point.is_none() || draft.date.is_none() {
                        // No place or day of its own yet (geocoded or anchored later):
                        // never matched as a report of another event.
                        event.geo_precision = GeoPrecision::Country;
                    }
                    part.events.push((event, scratch.values.clone()));
                }
            }
        }
        scratch.fields = record.values;
    }
}

fn convert_file(
    file: Opened,
    columns: &[Arc<str>],
    wanted: Wanted,
    problems: &mut Vec<Diagnostic>,
    progress: &mut dyn FnMut(u64),
    each: &mut dyn FnMut(Batch) -> Result<(), Error>,
) -> Result<FileSummary, Error> {
    let slots: Vec<Slot> = columns
        .iter()
        .map(
            |name| match Column::ALL.iter().find(|c| c.name() == &**name) {
                Some(&c) if COLUMNS.contains(&c.name()) => Slot::Known(c),
                _ => match file.header.names().iter().position(|n| n == name) {
                    Some(i) => Slot::Kept(i),
                    None => Slot::Absent,
                },
            },
        )
        .collect();
    let mut summary = FileSummary {
        path: file.source.path.clone(),
        codebook: Some(file.source.codebook),
        ..FileSummary::default()
    };
    let converter = Converter {
        mapping: &*file.mapping,
        header: &file.header,
        slots: &slots,
        fields: file.fields,
        tab: file.mapping.delimiter() == b'\t',
        has_header: file.mapping.has_header(),
        wanted,
    };
    match file.reading {
        Reading::Chunks(head) => {
            scan::par_chunks(
                &head,
                num_workers(),
                |chunk| {
                    let mut part = Part::new();
                    let mut scratch = Scratch::default();
                    scan::rows(chunk, &head, |row| match row {
                        // scan::rows has checked the row's width against the header.
                        scan::Row::Record(raw, _) => {
                            converter.row(&raw.values, &raw.origin, &mut part, &mut scratch)
                        }
                        scan::Row::Problem(problem) => {
                            part.read += 1;
                            part.bad += 1;
                            part.problems.push(problem);
                        }
                    });
                    (part, chunk.offset + chunk.bytes.len() as u64)
                },
                |(part, end)| {
                    part.finish(wanted, &mut summary, problems, each)?;
                    progress(end);
                    Ok(true)
                },
            )?;
        }
        Reading::Stream(mut reader) => {
            let path: Arc<Path> = Arc::from(file.source.path.as_path());
            let mut row = StringRecord::new();
            let mut part = Part::new();
            let mut scratch = Scratch::default();
            loop {
                match reader.read_record(&mut row) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => {
                        let line = e.position().map(|p| p.line()).unwrap_or(0);
                        part.problems.push(Diagnostic::record(
                            &Origin::shared(&path, line),
                            format!("a well-formed {} row ({e})", file.source.codebook),
                        ));
                        part.bad += 1;
                        // Bad bytes spoil one row; any other reader error ends the file.
                        if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                            continue;
                        }
                        break;
                    }
                }
                let line = row.position().map(|p| p.line()).unwrap_or(0);
                converter.row(&row, &Origin::shared(&path, line), &mut part, &mut scratch);
                if part.read.is_multiple_of(BATCH_ROWS) {
                    std::mem::replace(&mut part, Part::new()).finish(
                        wanted,
                        &mut summary,
                        problems,
                        each,
                    )?;
                    progress(row.position().map(|p| p.byte()).unwrap_or(0));
                }
            }
            part.finish(wanted, &mut summary, problems, each)?;
        }
    }
    progress(file.size);
    Ok(summary)
}

/// Rows handed on at a time when a file is read in one stream.
const BATCH_ROWS: u64 = 4096;

/// A known column's value as frontline writes it, keeping empty what the row left for
/// frontline to resolve later (coordinates to geocode, a precision to infer, a front to
/// assign, an anchored date).
fn native_value(draft: &Draft, record: &RawRecord, column: Column) -> String {
    match column {
        Column::EventDate | Column::TimePrecision if draft.date.is_none() => {
            record.get(column).to_string()
        }
        Column::Latitude | Column::Longitude if draft.point.is_none() => String::new(),
        Column::GeoPrecision if !draft.geo_precision_given => String::new(),
        Column::Front => draft.front.clone().unwrap_or_default(),
        _ => csv_writer::value(&draft.event, column),
    }
}
