//! `frontline export`: the selected events as KML, TimelineJS JSON, ACLED-style CSV or
//! GeoJSON, for Google Earth, TimelineJS, spreadsheets and GIS.

use crate::cli::{ExportFormat, QueryFormat, SelectArgs};
use crate::cmd::select::{self, Resolved};
use crate::dataset::DataPaths;
use crate::diagnostic::Error;
use crate::event::Event;
use crate::format::{acled_writer, kml_writer, timelinejs_writer};
use crate::output::AtomicFile;
use crate::phase::{self, Phase};
use crate::query::{self, is_data_folder, Formatter, Hit, Sort, Summary};
use std::io::Write;
use std::path::Path;

/// Writes the selected events in `format` to `output` (`-` for standard output); returns
/// the count line for standard error.
pub fn run(
    format: ExportFormat,
    args: &SelectArgs,
    output: &Path,
    title: Option<&str>,
) -> Result<String, Error> {
    let stdout = output == Path::new("-");
    if format == ExportFormat::Geojson {
        // The layer `build` and `query` write, one writer for all three.
        let to = (!stdout).then_some(output);
        let (_, line) = crate::cmd::query::run(args, Some(QueryFormat::Geojson), to)?;
        return Ok(line);
    }
    let resolved = select::resolve(args)?;
    let write = |bytes: &mut dyn FnMut(&mut dyn Write) -> Result<Summary, Error>| {
        if stdout {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let summary = bytes(&mut out)?;
            out.flush()
                .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
            Ok(summary)
        } else {
            let mut file = AtomicFile::create(output)?;
            let summary = bytes(&mut file)?;
            file.commit()?;
            Ok(summary)
        }
    };
    let summary = match format {
        ExportFormat::Csv => write(&mut |out| write_csv(&resolved, out, output))?,
        ExportFormat::Kml | ExportFormat::Timelinejs | ExportFormat::Geojson => {
            let (events, summary) = collect(&resolved)?;
            let refs: Vec<&Event> = events.iter().collect();
            let title = title
                .map(str::to_string)
                .unwrap_or_else(|| default_title(&resolved));
            let fronts = &resolved.reference.fronts;
            let text = match format {
                ExportFormat::Kml => kml_writer::write(&refs, fronts, &title),
                _ => timelinejs_writer::write(&refs, fronts, &title, &phases(&resolved)?),
            };
            write(&mut |out| {
                out.write_all(text.as_bytes())
                    .map_err(|e| Error::io(output, e))?;
                Ok(summary.clone())
            })?
        }
    };
    Ok(select::count_line(&summary, &resolved))
}

/// The title of a layer or timeline: what was selected.
fn default_title(resolved: &Resolved) -> String {
    let what = resolved.selection.filter.to_string();
    if what.is_empty() {
        "Events".to_string()
    } else {
        format!("Events {what}")
    }
}

/// The phases of the war (TimelineJS's eras) of the first data folder among the inputs;
/// none for bare events files.
fn phases(resolved: &Resolved) -> Result<Vec<Phase>, Error> {
    match resolved.inputs.iter().find(|p| is_data_folder(p)) {
        Some(folder) => phase::load(&DataPaths::new(folder).phases()),
        None => Ok(Vec::new()),
    }
}

/// The selected events in memory, oldest first (a document per front or a timeline needs
/// them all before it starts).
fn collect(resolved: &Resolved) -> Result<(Vec<Event>, Summary), Error> {
    struct Collect;
    impl Formatter for Collect {
        type Batch = Vec<Event>;
        fn format(&self, hits: &[Hit]) -> Vec<Event> {
            hits.iter().map(|h| h.event.clone()).collect()
        }
        fn needs_rows(&self) -> bool {
            false
        }
    }
    let mut events = Vec::new();
    let summary = query::select(
        &resolved.inputs,
        &resolved.reference,
        &resolved.selection,
        &Collect,
        &mut |batch| {
            events.extend(batch);
            Ok(())
        },
    )?;
    if resolved.selection.sort == Sort::AsRead {
        events.sort_by(by_date);
    }
    Ok((events, summary))
}

/// The order of a KML document and a timeline: oldest first, then by end and id, so the
/// same selection gives the same bytes however its inputs were read.
pub fn by_date(a: &Event, b: &Event) -> std::cmp::Ordering {
    (a.date.start, a.date.end, &a.event_id_cnty).cmp(&(b.date.start, b.date.end, &b.event_id_cnty))
}

/// ACLED's columns, then frontline's, then the inputs' other columns; streamed.
fn write_csv(resolved: &Resolved, out: &mut dyn Write, path: &Path) -> Result<Summary, Error> {
    let others = query::written_columns(&resolved.inputs)?;
    let header = acled_writer::header(others.names().iter().map(|n| &**n));
    struct Rows<'h> {
        header: &'h [String],
    }
    impl Formatter for Rows<'_> {
        type Batch = Vec<u8>;
        fn format(&self, hits: &[Hit]) -> Vec<u8> {
            let mut writer = csv_text_writer(Vec::new());
            for hit in hits {
                // Writing to memory cannot fail.
                let _ = writer.write_record(acled_writer::row(hit.event, self.header));
            }
            writer.into_inner().unwrap_or_default()
        }
        fn needs_rows(&self) -> bool {
            false
        }
    }
    let io = |e: std::io::Error| Error::io(path, e);
    let mut head = csv_text_writer(Vec::new());
    let _ = head.write_record(&header);
    out.write_all(&head.into_inner().unwrap_or_default())
        .map_err(io)?;
    query::select(
        &resolved.inputs,
        &resolved.reference,
        &resolved.selection,
        &Rows { header: &header },
        &mut |bytes| out.write_all(&bytes).map_err(io),
    )
}

fn csv_text_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}
