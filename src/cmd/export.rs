//! `frontline export`: the selected events as KML, TimelineJS JSON, ACLED-style CSV or
//! GeoJSON.

use crate::cli::{ExportFormat, SelectArgs};
use crate::cmd::select::{self, Resolved};
use crate::dataset::DataPaths;
use crate::diagnostic::Error;
use crate::event::Event;
use crate::format::{kml_writer, timelinejs_writer};
use crate::output::write_atomic;
use crate::phase::{self, Phase};
use crate::query::{self, is_data_folder, Formatter, Hit};
use std::io::Write;
use std::path::Path;

/// Writes the selected events in `format` to `output`; returns the count line.
pub fn run(
    format: ExportFormat,
    args: &SelectArgs,
    output: &Path,
    title: Option<&str>,
) -> Result<String, Error> {
    if matches!(format, ExportFormat::Csv | ExportFormat::Geojson) {
        return Err(Error::Usage("export: not built yet".into()));
    }
    let resolved = select::resolve(args)?;
    let mut events: Vec<Event> = Vec::new();
    let summary = query::select(
        &resolved.inputs,
        &resolved.reference,
        &resolved.selection,
        &Collect,
        &mut |batch: Vec<Event>| {
            events.extend(batch);
            Ok(())
        },
    )?;
    // Inputs are read in parallel batches; one order makes the same selection the same
    // bytes.
    events.sort_by(|a, b| {
        (a.date.start, a.date.end, &a.event_id_cnty).cmp(&(
            b.date.start,
            b.date.end,
            &b.event_id_cnty,
        ))
    });
    let refs: Vec<&Event> = events.iter().collect();
    let fronts = &resolved.reference.fronts;
    let title = title
        .map(str::to_string)
        .unwrap_or_else(|| default_title(&resolved));
    let text = match format {
        ExportFormat::Kml => kml_writer::write(&refs, fronts, &title),
        _ => timelinejs_writer::write(&refs, fronts, &title, &phases(&resolved)?),
    };
    if output == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        match stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                return Err(Error::io(Path::new("<stdout>"), e))
            }
            _ => {}
        }
    } else {
        write_atomic(output, text.as_bytes())?;
    }
    let line = select::count_line(&summary, &resolved);
    if output == Path::new("-") {
        return Ok(line);
    }
    Ok(format!("{line}; written to {}", output.display()))
}

/// "Events" and what was selected, e.g. "Events within 15 km of Gharyan".
fn default_title(resolved: &Resolved) -> String {
    let what = resolved.selection.filter.to_string();
    if what.is_empty() {
        "Events".to_string()
    } else {
        format!("Events {what}")
    }
}

/// The phases of the first data folder among the inputs (none for bare events files).
fn phases(resolved: &Resolved) -> Result<Vec<Phase>, Error> {
    match resolved.inputs.iter().find(|p| is_data_folder(p)) {
        Some(folder) => phase::load(&DataPaths::new(folder).phases()),
        None => Ok(Vec::new()),
    }
}

/// Keeps the selected events themselves; the writers need them whole.
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
