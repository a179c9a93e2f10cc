//! `frontline import`: ACLED, UCDP GED and GDELT files into frontline's event columns.

use crate::diagnostic::Error;
use std::fmt;
use std::path::Path;

/// What `import` was asked to do.
pub struct Request<'a> {
    /// The dataset word (optional), then the files.
    pub args: &'a [String],
    /// Where to write; standard output when absent.
    pub output: Option<&'a Path>,
    /// Merge reports of one event.
    pub merge: bool,
    /// Where the merges are listed.
    pub merge_log: Option<&'a Path>,
}

/// What an import read, wrote and skipped.
#[derive(Clone, Debug, Default)]
pub struct Summary {}

impl fmt::Display for Summary {
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

/// Imports the files; the summary says what happened to their rows.
pub fn run(_request: &Request) -> Result<Summary, Error> {
    Err(Error::Usage("import: not built yet".into()))
}
