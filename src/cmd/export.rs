//! `frontline export`: the selected events as KML, TimelineJS JSON, ACLED-style CSV or
//! GeoJSON.

use crate::cli::{ExportFormat, SelectArgs};
use crate::diagnostic::Error;
use std::path::Path;

/// Writes the selected events in `format` to `output`; returns the count line.
pub fn run(
    _format: ExportFormat,
    _args: &SelectArgs,
    _output: &Path,
    _title: Option<&str>,
) -> Result<String, Error> {
    Err(Error::Usage("export: not built yet".into()))
}
