//! Readers and writers, one pair per format (geozero's layout).

pub mod acled_writer;
pub mod csv_reader;
pub mod csv_writer;
pub mod geojson_writer;
pub mod json_reader;
pub mod kml_writer;
pub mod markup;
pub mod sources_writer;
pub mod timelinejs_writer;

use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::event::record::RawRecord;
use std::path::{Path, PathBuf};

/// Reads every event record of one file, choosing the reader by extension.
pub fn read_events_file(
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Result<Vec<RawRecord>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    let Ok(text) = String::from_utf8(bytes) else {
        problems.push(Diagnostic::record(
            &Origin::file(path),
            "UTF-8 text (this file holds other bytes; re-save it as UTF-8)",
        ));
        return Ok(Vec::new());
    };
    // A byte-order mark is legal in UTF-8 files that spreadsheets write; it is not data.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match extension(path).as_str() {
        "json" => Ok(json_reader::read(path, text, problems)),
        _ => Ok(csv_reader::read(path, text, problems)),
    }
}

/// The event files of a data folder (`events/*.csv`, `events/*.json`), or the one file
/// named, in a stable order.
pub fn event_files(path: &Path) -> Result<Vec<PathBuf>, Error> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let folder = if path.join("events").is_dir() {
        path.join("events")
    } else {
        path.to_path_buf()
    };
    let entries = std::fs::read_dir(&folder).map_err(|e| Error::read(&folder, e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && matches!(extension(p).as_str(), "csv" | "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}
