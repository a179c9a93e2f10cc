//! `frontline validate`: load the data and report, changing nothing.

use crate::dataset::{DataPaths, Dataset};
use crate::diagnostic::Error;

/// Loads and resolves the data folder; the events counted on success.
pub fn run(data: &DataPaths) -> Result<usize, Error> {
    Ok(Dataset::load(data)?.events.len())
}
