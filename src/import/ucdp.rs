//! UCDP GED rows into frontline's columns.

use super::{Mapping, Skip};
use crate::diagnostic::{Diagnostic, Origin};
use csv::StringRecord;
use std::path::Path;

/// UCDP GED's CSV.
#[derive(Debug, Default)]
pub struct Ucdp {}

impl Mapping for Ucdp {
    fn header(
        &mut self,
        _source: Option<&StringRecord>,
        file: &Path,
    ) -> Result<Vec<String>, Diagnostic> {
        Err(Diagnostic::record(
            &Origin::at(file, 1),
            "UCDP GED import is not built yet",
        ))
    }

    fn map(
        &self,
        _row: &StringRecord,
        _origin: &Origin,
        _out: &mut Vec<String>,
        _problems: &mut Vec<Diagnostic>,
    ) -> Result<(), Skip> {
        Err(Skip("not built yet".into()))
    }
}
