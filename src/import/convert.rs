//! The import's pass: each source file read row by row, mapped, checked as an events
//! file's rows are, and handed on in frontline's columns.

use super::{Dataset, Mapping, Skip};
use crate::diagnostic::{Diagnostic, Error, Origin};
use crate::event::record::{self, Column, Draft, Header, RawRecord, COLUMNS};
use crate::format::csv_writer;
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
    pub dataset: Dataset,
}

impl Source {
    /// A source whose dataset is told by its first line.
    pub fn detect(path: &Path) -> Result<Source, Error> {
        let first = first_line(path).map_err(|e| Error::io(path, e))?;
        match Dataset::detect(&first) {
            Some(dataset) => Ok(Source {
                path: path.to_path_buf(),
                dataset,
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
    pub dataset: Option<Dataset>,
    /// Rows read.
    pub read: u64,
    /// Rows written as events.
    pub written: u64,
    /// Rows left out, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Rows with problems (each problem is reported).
    pub bad: u64,
}

/// One event ready to write: its draft and its values in the output columns.
pub struct Row<'a> {
    /// The checked event.
    pub draft: &'a Draft,
    /// Its values, one per output column.
    pub values: &'a [String],
}

/// One source file opened: its reader, mapping and where its columns go.
struct Opened {
    source: Source,
    reader: csv::Reader<File>,
    mapping: Box<dyn Mapping>,
    /// The mapped columns, as a header for the event checks.
    header: Arc<Header>,
    /// How many fields a source row has.
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
            let path = &source.path;
            let file = File::open(path).map_err(|e| Error::io(path, e))?;
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            let mut mapping = source.dataset.mapping();
            let tab = mapping.delimiter() == b'\t';
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(mapping.delimiter())
                .has_headers(mapping.has_header())
                // GDELT's tab-separated files do not quote: a `"` is part of a value.
                .quoting(!tab)
                .flexible(true)
                .from_reader(file);
            let source_header = if mapping.has_header() {
                match reader.headers() {
                    Ok(h) => Some(h.clone()),
                    Err(e) => {
                        problems.push(Diagnostic::record(
                            &Origin::at(path, 1),
                            format!("a {} header row ({e})", source.dataset),
                        ));
                        continue;
                    }
                }
            } else {
                None
            };
            let names = match mapping.header(source_header.as_ref(), path) {
                Ok(names) => names,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            let fields = match &source_header {
                Some(h) => h.len(),
                None => mapping.fields().unwrap_or(0),
            };
            files.push(Opened {
                header: Arc::new(Header::new(names.iter().map(String::as_str))),
                source,
                reader,
                mapping,
                fields,
                size,
            });
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

    /// Reads every row of every file, handing each event to `each` and the bytes read so far
    /// to `progress`. Every problem of every file is reported, after the last row.
    pub fn run(
        self,
        progress: &mut dyn FnMut(u64),
        each: &mut dyn FnMut(Row) -> Result<(), Error>,
    ) -> Result<Vec<FileSummary>, Error> {
        let mut problems = Vec::new();
        let mut summaries = Vec::new();
        let mut done = 0;
        let columns = self.columns;
        for mut file in self.files {
            let summary = convert_file(
                &mut file,
                &columns,
                &mut problems,
                &mut |bytes| progress(done + bytes),
                each,
            )?;
            done += file.size;
            summaries.push(summary);
        }
        if problems.is_empty() {
            Ok(summaries)
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

/// Where each output column's value comes from, for one file.
enum Slot {
    Known(Column),
    Kept(usize),
    Absent,
}

fn convert_file(
    file: &mut Opened,
    columns: &[Arc<str>],
    problems: &mut Vec<Diagnostic>,
    progress: &mut dyn FnMut(u64),
    each: &mut dyn FnMut(Row) -> Result<(), Error>,
) -> Result<FileSummary, Error> {
    let path: Arc<Path> = Arc::from(file.source.path.as_path());
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
        dataset: Some(file.source.dataset),
        ..FileSummary::default()
    };
    let mut row = csv::StringRecord::new();
    let mut mapped = Vec::new();
    let mut fields = csv::StringRecord::new();
    let mut values: Vec<String> = vec![String::new(); columns.len()];
    let mut row_problems = Vec::new();
    loop {
        match file.reader.read_record(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(Diagnostic::record(
                    &Origin::shared(&path, line),
                    format!("a well-formed {} row ({e})", file.source.dataset),
                ));
                summary.bad += 1;
                // A reader error other than bad bytes in one row leaves nothing to read.
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
                continue;
            }
        }
        summary.read += 1;
        let line = row.position().map(|p| p.line()).unwrap_or(0);
        if summary.read.is_multiple_of(8192) {
            progress(row.position().map(|p| p.byte()).unwrap_or(0));
        }
        let origin = Origin::shared(&path, line);
        if file.fields > 0 && row.len() != file.fields {
            problems.push(Diagnostic::record(
                &origin,
                format!(
                    "{} {}fields as in the {} (found {}){}",
                    file.fields,
                    if file.mapping.delimiter() == b'\t' {
                        "tab-separated "
                    } else {
                        ""
                    },
                    if file.mapping.has_header() {
                        "header"
                    } else {
                        "dataset's codebook"
                    },
                    row.len(),
                    if file.mapping.delimiter() == b'\t' {
                        ""
                    } else {
                        "; quote values that hold commas"
                    }
                ),
            ));
            summary.bad += 1;
            continue;
        }
        row_problems.clear();
        match file
            .mapping
            .map(&row, &origin, &mut mapped, &mut row_problems)
        {
            Err(Skip(reason)) => {
                *summary.skipped.entry(reason).or_default() += 1;
                continue;
            }
            Ok(()) if !row_problems.is_empty() => {}
            Ok(()) => {
                fields.clear();
                for value in &mapped {
                    fields.push_field(value);
                }
                let record = RawRecord {
                    origin: origin.clone(),
                    header: Arc::clone(&file.header),
                    values: std::mem::take(&mut fields),
                };
                if let Some(draft) = record::parse(&record, &mut row_problems) {
                    for (value, slot) in values.iter_mut().zip(&slots) {
                        *value = match slot {
                            Slot::Known(column) => native_value(&draft, &record, *column),
                            Slot::Kept(i) => record.values.get(*i).unwrap_or("").to_string(),
                            Slot::Absent => String::new(),
                        };
                    }
                    each(Row {
                        draft: &draft,
                        values: &values,
                    })?;
                    summary.written += 1;
                }
                fields = record.values;
            }
        }
        if !row_problems.is_empty() {
            summary.bad += 1;
            for mut problem in row_problems.drain(..) {
                if problem.column.is_none() {
                    problem.column = problem
                        .field
                        .as_deref()
                        .and_then(|f| file.mapping.source_of(f));
                }
                problems.push(problem);
            }
        }
    }
    progress(file.size);
    Ok(summary)
}

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
