//! `frontline dedupe`: reports of one event merged into one, every merge logged.

use crate::diagnostic::Error;
use std::path::Path;

/// What `dedupe` was asked to do.
pub struct Request<'a> {
    /// The data folder or events file.
    pub data: &'a Path,
    /// List the merges without changing any file.
    pub dry_run: bool,
    /// The merge log to append to.
    pub log: Option<&'a Path>,
    /// A merge log to reverse.
    pub undo: Option<&'a Path>,
}

/// Finds and merges duplicate reports (or reverses a log's merges); returns the report.
pub fn run(_request: &Request) -> Result<String, Error> {
    Err(Error::Usage("dedupe: not built yet".into()))
}
