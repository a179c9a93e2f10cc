//! `frontline query`: the selected events as a table, CSV, GeoJSON, JSON or NDJSON.

use crate::cli::{QueryFormat, SelectArgs};
use crate::cmd::select::{self, Resolved};
use crate::diagnostic::Error;
use crate::event::record::Header;
use crate::format::csv_writer::{self, Layout, WrittenColumns};
use crate::format::geojson_writer::{self, round6};
use crate::front::Fronts;
use crate::output::AtomicFile;
use crate::query::{self, Formatter, Hit, Summary};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Runs the query and writes its output; the summary says how many matched.
pub fn run(
    args: &SelectArgs,
    format: Option<QueryFormat>,
    output: Option<&Path>,
) -> Result<(Summary, String), Error> {
    let resolved = select::resolve(args)?;
    let format = format.unwrap_or_else(|| default_format(output));
    let columns = match format {
        QueryFormat::Csv => query::written_columns(&resolved.inputs)?,
        _ => WrittenColumns::default(),
    };
    let formatter = Output {
        format,
        fronts: &resolved.reference.fronts,
        columns,
        spare: Mutex::default(),
    };
    let summary = match output {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            let summary = write_all(&resolved, &formatter, &mut file, path)?;
            file.commit()?;
            summary
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
            match write_all(&resolved, &formatter, &mut out, Path::new("<stdout>")) {
                Err(Error::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::BrokenPipe =>
                {
                    return Ok((Summary::default(), String::new()))
                }
                other => other?,
            }
        }
    };
    let line = select::count_line(&summary, &resolved);
    Ok((summary, line))
}

/// The format `-o`'s extension names, else a table for a person at a terminal and CSV
/// for a pipe.
fn default_format(output: Option<&Path>) -> QueryFormat {
    let by_extension = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match by_extension.as_deref() {
        Some("geojson") => QueryFormat::Geojson,
        Some("json") => QueryFormat::Json,
        Some("ndjson" | "jsonl") => QueryFormat::Ndjson,
        Some("csv") => QueryFormat::Csv,
        Some(_) => QueryFormat::Table,
        None if std::io::stdout().is_terminal() => QueryFormat::Table,
        None => QueryFormat::Csv,
    }
}

fn write_all(
    resolved: &Resolved,
    formatter: &Output,
    out: &mut dyn Write,
    path: &Path,
) -> Result<Summary, Error> {
    let io = |e: std::io::Error| Error::io(path, e);
    // The head waits for the first batch, so an error found before any event leaves
    // standard output empty.
    let mut started = false;
    let mut first = true;
    let mut bounds: Option<[f64; 4]> = None;
    let summary = query::select(
        &resolved.inputs,
        &resolved.reference,
        &resolved.selection,
        formatter,
        &mut |batch: Batch| {
            if !started {
                out.write_all(formatter.head().as_bytes()).map_err(io)?;
                started = true;
            }
            let mut bytes = &batch.bytes[..];
            if first && !bytes.is_empty() {
                // Items are written with a leading separator; the first has none.
                if bytes.first() == Some(&b',') {
                    bytes = &bytes[1..];
                }
                first = false;
            }
            out.write_all(bytes).map_err(io)?;
            bounds = merge_bounds(bounds, batch.bounds);
            formatter.give_back(batch.bytes);
            Ok(())
        },
    )?;
    if !started {
        out.write_all(formatter.head().as_bytes()).map_err(io)?;
    }
    out.write_all(formatter.tail(bounds).as_bytes())
        .map_err(io)?;
    out.flush().map_err(io)?;
    Ok(summary)
}

fn merge_bounds(a: Option<[f64; 4]>, b: Option<[f64; 4]>) -> Option<[f64; 4]> {
    match (a, b) {
        (Some(a), Some(b)) => Some([
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]),
        (a, None) => a,
        (None, b) => b,
    }
}

/// Formats batches of events on the reading threads.
struct Output<'a> {
    format: QueryFormat,
    fronts: &'a Fronts,
    columns: WrittenColumns,
    /// Buffers already written out, to format into again (fresh pages cost the kernel a
    /// page clear each).
    spare: Mutex<Vec<Vec<u8>>>,
}

/// A formatted batch and the box around its points.
struct Batch {
    bytes: Vec<u8>,
    bounds: Option<[f64; 4]>,
}

/// The widths of the table's columns, in characters.
const TABLE: [(&str, usize); 6] = [
    ("date", 21),
    ("place", 22),
    ("front", 18),
    ("type", 30),
    ("actors", 48),
    ("fatalities", 10),
];

impl Output<'_> {
    fn buffer(&self) -> Vec<u8> {
        let mut bytes = self
            .spare
            .lock()
            .ok()
            .and_then(|mut s| s.pop())
            .unwrap_or_default();
        bytes.clear();
        bytes
    }

    fn give_back(&self, bytes: Vec<u8>) {
        if let Ok(mut spare) = self.spare.lock() {
            if spare.len() < 16 {
                spare.push(bytes);
            }
        }
    }

    fn head(&self) -> String {
        match self.format {
            QueryFormat::Geojson => {
                "{\"type\":\"FeatureCollection\",\"name\":\"query\",\"features\":[".into()
            }
            QueryFormat::Json => "[".into(),
            QueryFormat::Ndjson => String::new(),
            QueryFormat::Csv => {
                let mut writer = csv_text_writer();
                let names: Vec<&str> = self.columns.names().iter().map(|n| &**n).collect();
                let _ = writer.write_record(&names);
                String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
            }
            QueryFormat::Table => {
                let cells: Vec<String> = TABLE.iter().map(|(n, w)| pad(n, *w)).collect();
                format!("{}\n", cells.join("  ").trim_end())
            }
        }
    }

    fn tail(&self, bounds: Option<[f64; 4]>) -> String {
        match self.format {
            QueryFormat::Geojson => match bounds {
                Some(b) => format!(
                    "\n],\"bbox\":{}}}\n",
                    serde_json::json!([round6(b[0]), round6(b[1]), round6(b[2]), round6(b[3])])
                ),
                None => geojson_writer::COLLECTION_TAIL.into(),
            },
            QueryFormat::Json => "\n]\n".into(),
            _ => String::new(),
        }
    }
}

impl Formatter for Output<'_> {
    type Batch = Batch;

    fn needs_rows(&self) -> bool {
        self.format == QueryFormat::Csv
    }

    fn format(&self, hits: &[Hit]) -> Batch {
        let mut bytes = self.buffer();
        let mut bounds: Option<[f64; 4]> = None;
        match self.format {
            QueryFormat::Geojson => {
                for hit in hits {
                    bytes.extend_from_slice(b",\n");
                    geojson_writer::write_feature(
                        &mut bytes,
                        hit.event,
                        self.fronts,
                        read_from(hit),
                    );
                    let (x, y) = (hit.event.longitude(), hit.event.latitude());
                    bounds = merge_bounds(bounds, Some([x, y, x, y]));
                }
            }
            QueryFormat::Json => {
                for hit in hits {
                    bytes.extend_from_slice(b",\n");
                    geojson_writer::write_properties(
                        &mut bytes,
                        hit.event,
                        self.fronts,
                        read_from(hit),
                    );
                }
            }
            QueryFormat::Ndjson => {
                for hit in hits {
                    geojson_writer::write_properties(
                        &mut bytes,
                        hit.event,
                        self.fronts,
                        read_from(hit),
                    );
                    bytes.push(b'\n');
                }
            }
            QueryFormat::Csv => {
                let mut writer = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::Any(b'\n'))
                    .from_writer(std::mem::take(&mut bytes));
                let canonical = Arc::new(Header::new(crate::event::record::COLUMNS));
                let mut layout: Option<(Arc<Header>, Layout)> = None;
                for hit in hits {
                    match hit.row {
                        Some(row) => {
                            if !layout
                                .as_ref()
                                .is_some_and(|(h, _)| Arc::ptr_eq(h, &row.header))
                            {
                                layout = Some((
                                    Arc::clone(&row.header),
                                    self.columns.layout(&row.header),
                                ));
                            }
                            if let Some((_, l)) = &layout {
                                let _ = csv_writer::write_as_read(&mut writer, row, hit.event, l);
                            }
                        }
                        None => {
                            let l = self.columns.layout(&canonical);
                            let values: Vec<String> = l
                                .iter()
                                .map(|(_, c)| {
                                    c.map(|c| csv_writer::value(hit.event, c))
                                        .unwrap_or_default()
                                })
                                .collect();
                            let _ = writer.write_record(&values);
                        }
                    }
                }
                bytes = writer.into_inner().unwrap_or_default();
            }
            QueryFormat::Table => {
                for hit in hits {
                    let e = hit.event;
                    let mut actors = e.actor1.join("; ");
                    if !e.actor2.is_empty() {
                        actors.push_str(" vs ");
                        actors.push_str(&e.actor2.join("; "));
                    }
                    let cells = [
                        e.event_date(),
                        e.location.clone(),
                        e.front.clone(),
                        e.sub_event_type.to_string(),
                        actors,
                        e.fatalities.best.map(|n| n.to_string()).unwrap_or_default(),
                    ];
                    let line: Vec<String> = cells
                        .iter()
                        .zip(TABLE)
                        .map(|(c, (_, w))| pad(c, w))
                        .collect();
                    bytes.extend_from_slice(line.join("  ").trim_end().as_bytes());
                    bytes.push(b'\n');
                }
            }
        }
        Batch { bytes, bounds }
    }
}

/// The header of the file an event was read from, when it is a row of one.
fn read_from<'h>(hit: &'h Hit) -> Option<&'h Header> {
    hit.row.map(|r| &*r.header)
}

fn csv_text_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

/// A cell cut or padded to `width` characters (an ellipsis marks a cut).
fn pad(text: &str, width: usize) -> String {
    let text = text.replace(['\n', '\t'], " ");
    let count = text.chars().count();
    if count > width {
        let mut cut: String = text.chars().take(width - 1).collect();
        cut.push('…');
        cut
    } else {
        format!("{text}{}", " ".repeat(width - count))
    }
}
