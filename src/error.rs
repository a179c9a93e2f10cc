//! What a command can fail with, one kind per layer: a flag a user must change, a file the
//! system would not read or write, or problems in a user's data (each a [`Diagnostic`]).
//!
//! A stale or corrupt index cache is none of these: it is rebuilt, and said so on standard
//! error (`index::cache`), never an error.

use crate::diagnostic::Diagnostic;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The error a command returns; the binary prints it and exits 2 (a closed pipe, 0).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A flag or argument whose value can't be used.
    #[error(transparent)]
    Flag(#[from] FlagError),
    /// A file that could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A file that could not be written (`<stdout>` for standard output).
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// Problems in a user's files; each is listed.
    #[error("{} problem{} found", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Invalid(Vec<Diagnostic>),
}

impl Error {
    /// A file that could not be read.
    pub fn read(path: &Path, source: io::Error) -> Error {
        Error::Read {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A file that could not be written.
    pub fn write(path: &Path, source: io::Error) -> Error {
        Error::Write {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A file that a CSV reader could not read (its own I/O failed, not a row).
    pub fn read_csv(path: &Path, source: csv::Error) -> Error {
        Error::read(path, csv_io(source))
    }

    /// A file that could not be written by a CSV writer.
    pub fn write_csv(path: &Path, source: csv::Error) -> Error {
        Error::write(path, csv_io(source))
    }

    /// One problem in a user's file.
    pub fn invalid(problem: Diagnostic) -> Error {
        Error::Invalid(vec![problem])
    }

    /// Whether the reader of standard output went away (`frontline query | head`): not a
    /// failure, as ripgrep and grep treat it.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, Error::Write { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// The I/O error inside a CSV reader's or writer's error (where a row's own problems are
/// reported as diagnostics, not through this).
fn csv_io(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// A flag or argument that can't be used: which, the value given, and what would do.
///
/// # Examples
/// ```
/// use frontline::error::FlagError;
/// let e = FlagError::new("--bbox", "1,2,3", "four numbers W,S,E,N");
/// assert_eq!(e.to_string(), "--bbox \"1,2,3\": expected four numbers W,S,E,N");
/// let e = FlagError::missing("--radius", "--near PLACE or --near LAT,LON beside it");
/// assert_eq!(e.to_string(), "--radius: expected --near PLACE or --near LAT,LON beside it");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagError {
    /// The flag or argument as typed (`--bbox`, `EXPRESSION`, `FILE`).
    pub flag: String,
    /// The value given, when the value is what is wrong.
    pub value: Option<String>,
    /// What would be right, said so a user can fix it.
    pub expected: String,
}

impl FlagError {
    /// A value that can't be used.
    pub fn new(flag: &str, value: &str, expected: impl Into<String>) -> FlagError {
        FlagError {
            flag: flag.to_string(),
            value: Some(value.to_string()),
            expected: expected.into(),
        }
    }

    /// A flag that can't be used as given, whatever its value (it needs another beside it).
    pub fn missing(flag: &str, expected: impl Into<String>) -> FlagError {
        FlagError {
            flag: flag.to_string(),
            value: None,
            expected: expected.into(),
        }
    }
}

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.flag)?;
        if let Some(value) = &self.value {
            write!(f, " {value:?}")?;
        }
        write!(f, ": expected {}", self.expected)
    }
}

impl std::error::Error for FlagError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_told_apart_from_other_write_errors() {
        let closed = Error::write(Path::new("<stdout>"), io::ErrorKind::BrokenPipe.into());
        assert!(closed.is_closed_pipe());
        let full = Error::write(Path::new("a.csv"), io::Error::other("disk full"));
        assert!(!full.is_closed_pipe());
        assert_eq!(full.to_string(), "a.csv: cannot write: disk full");
    }

    #[test]
    fn csv_write_errors_keep_their_io_cause() {
        let mut writer = csv::Writer::from_writer(Broken);
        let error = writer
            .write_record(["a"])
            .and_then(|_| writer.flush().map_err(csv::Error::from))
            .unwrap_err();
        let e = Error::write_csv(Path::new("<stdout>"), error);
        assert!(e.is_closed_pipe(), "{e}");
    }

    struct Broken;
    impl io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }
}
