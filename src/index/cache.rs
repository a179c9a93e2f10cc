//! Placeholder until the persistent cache lands: nothing is cached.

use super::{Index, Table};
use std::path::{Path, PathBuf};

/// A cached index for `file`, if one is valid.
pub fn load(_file: &Path, _reference: &[PathBuf]) -> Option<(Table, Index)> {
    None
}

/// Keeps the index of `file`.
pub fn store(_file: &Path, _reference: &[PathBuf], _table: &Table, _index: &Index) {}
