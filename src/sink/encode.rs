//! Selected events written as text into an output target as they come: `query`'s table,
//! CSV, GeoJSON, JSON and NDJSON, and `export csv`'s ACLED columns. Each batch is encoded
//! on a reading thread; the calling thread only copies bytes out.

use crate::error::Error;
use crate::event::record::{Header, COLUMNS};
use crate::format::acled_writer;
use crate::format::csv_writer::{self, Layout, WrittenColumns};
use crate::format::geojson_writer::{self, round6};
use crate::front::Fronts;
use crate::output::Target;
use crate::select::{Hit, Sink};
use std::sync::{Arc, Mutex};

/// How events are written.
#[derive(Clone, Debug)]
pub enum Encoding {
    /// Aligned columns for a person: date, place, front, type, actors, fatalities.
    Table,
    /// The inputs' own columns, every row as written (frontline's columns for events of a
    /// data folder).
    Csv(WrittenColumns),
    /// An RFC 7946 FeatureCollection, as `build` writes.
    Geojson,
    /// An array of event objects.
    Json,
    /// One event object per line.
    Ndjson,
    /// ACLED's columns, then frontline's, then the inputs' other columns (`export csv`).
    AcledCsv(Vec<String>),
}

impl Encoding {
    /// What goes before the first event.
    fn head(&self) -> Vec<u8> {
        match self {
            Encoding::Geojson => {
                b"{\"type\":\"FeatureCollection\",\"name\":\"query\",\"features\":[".to_vec()
            }
            Encoding::Json => b"[".to_vec(),
            Encoding::Ndjson => Vec::new(),
            Encoding::Csv(columns) => csv_writer::line(columns.names().iter().map(|n| &**n)),
            Encoding::AcledCsv(header) => csv_writer::line(header),
            Encoding::Table => {
                let cells: Vec<String> = TABLE.iter().map(|(n, w)| pad(n, *w)).collect();
                format!("{}\n", cells.join("  ").trim_end()).into_bytes()
            }
        }
    }

    /// What goes after the last event.
    fn tail(&self, bounds: Option<[f64; 4]>) -> Vec<u8> {
        match self {
            Encoding::Geojson => match bounds {
                Some(b) => format!(
                    "\n],\"bbox\":{}}}\n",
                    serde_json::json!([round6(b[0]), round6(b[1]), round6(b[2]), round6(b[3])])
                )
                .into_bytes(),
                None => geojson_writer::COLLECTION_TAIL.as_bytes().to_vec(),
            },
            Encoding::Json => b"\n]\n".to_vec(),
            _ => Vec::new(),
        }
    }

    /// How many bytes of separator each item is written with ahead of it (`,` in a JSON
    /// array), which the first item of the output goes without.
    fn separator(&self) -> usize {
        match self {
            Encoding::Geojson | Encoding::Json => 1,
            _ => 0,
        }
    }
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

/// A batch of encoded events and the box around their points.
pub struct Encoded {
    bytes: Vec<u8>,
    bounds: Option<[f64; 4]>,
}

/// Writes selected events to a target in one encoding.
pub struct Encode<'a> {
    encoding: Encoding,
    fronts: &'a Fronts,
    output: Mutex<Output>,
    /// Buffers already written out, to encode into again (fresh pages cost the kernel a
    /// page clear each).
    spare: Mutex<Vec<Vec<u8>>>,
}

/// The target and what has gone into it so far.
struct Output {
    target: Target,
    started: bool,
    bounds: Option<[f64; 4]>,
}

impl<'a> Encode<'a> {
    /// A sink writing `encoding` to `target`; `fronts` names the fronts in the properties.
    pub fn new(encoding: Encoding, fronts: &'a Fronts, target: Target) -> Encode<'a> {
        Encode {
            encoding,
            fronts,
            output: Mutex::new(Output {
                target,
                started: false,
                bounds: None,
            }),
            spare: Mutex::default(),
        }
    }

    /// Writes the end of the output (and its head, when no event came) and gives the
    /// target back to be committed.
    pub fn finish(self) -> Result<Target, Error> {
        let mut output = self.output.into_inner().map_err(|_| poisoned())?;
        if !output.started {
            output.target.put(&self.encoding.head())?;
        }
        let tail = self.encoding.tail(output.bounds);
        output.target.put(&tail)?;
        Ok(output.target)
    }

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

    /// Encodes events as rows of the inputs' own columns.
    fn csv_as_read(&self, columns: &WrittenColumns, hits: &[Hit], bytes: Vec<u8>) -> Vec<u8> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(bytes);
        let canonical = Arc::new(Header::new(COLUMNS));
        let mut layout: Option<(Arc<Header>, Layout)> = None;
        for hit in hits {
            let header = hit.row.map_or(&canonical, |row| &row.header);
            if !layout.as_ref().is_some_and(|(h, _)| Arc::ptr_eq(h, header)) {
                layout = Some((Arc::clone(header), columns.layout(header)));
            }
            let Some((_, layout)) = &layout else { continue };
            // Into memory: no I/O to fail (see `csv_writer::into_bytes`).
            let written = match hit.row {
                Some(row) => csv_writer::write_as_read(&mut writer, row, hit.event, layout),
                // An event of a data folder: frontline's columns from its values.
                None => writer.write_record(layout.iter().map(|(_, column)| {
                    column
                        .map(|c| csv_writer::value(hit.event, c))
                        .unwrap_or_default()
                })),
            };
            debug_assert!(written.is_ok());
        }
        csv_writer::into_bytes(writer)
    }
}

fn poisoned() -> Error {
    Error::write(
        std::path::Path::new(crate::output::STDOUT),
        std::io::Error::other("a writing thread panicked"),
    )
}

impl Sink for Encode<'_> {
    type Batch = Encoded;

    fn needs_rows(&self) -> bool {
        matches!(self.encoding, Encoding::Csv(_))
    }

    fn batch(&self, hits: &[Hit]) -> Encoded {
        let mut bytes = self.buffer();
        let mut bounds: Option<[f64; 4]> = None;
        match &self.encoding {
            Encoding::Geojson => {
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
            Encoding::Json => {
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
            Encoding::Ndjson => {
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
            Encoding::Csv(columns) => bytes = self.csv_as_read(columns, hits, bytes),
            Encoding::AcledCsv(header) => {
                for hit in hits {
                    bytes.extend(csv_writer::line(acled_writer::row(hit.event, header)));
                }
            }
            Encoding::Table => {
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
        Encoded { bytes, bounds }
    }

    fn take(&self, batch: Encoded) -> Result<(), Error> {
        let mut output = self.output.lock().map_err(|_| poisoned())?;
        let mut bytes = &batch.bytes[..];
        // The head waits for the first event, so an error found before any event leaves
        // the output empty; the first event goes without its separator.
        if !output.started && !bytes.is_empty() {
            output.target.put(&self.encoding.head())?;
            output.started = true;
            bytes = &bytes[self.encoding.separator()..];
        }
        output.target.put(bytes)?;
        output.bounds = merge_bounds(output.bounds, batch.bounds);
        drop(output);
        self.give_back(batch.bytes);
        Ok(())
    }
}

/// The header of the file an event was read from, when it is a row of one.
fn read_from<'h>(hit: &'h Hit) -> Option<&'h Header> {
    hit.row.map(|r| &*r.header)
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
