//! Problems found in a user's files, each with the place and the fix a user needs.
//!
//! Readers never stop at the first bad row: they push a [`Diagnostic`] per problem and the
//! command reports them all, then exits 2 (ripgrep's `messages.rs` habit).

use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// Where a record came from: a file and the line its row or object starts on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    /// The file, as the user named it (shared by every row of the file).
    pub file: Arc<Path>,
    /// 1-based line number, when the format has lines.
    pub line: Option<u64>,
}

impl Origin {
    /// An origin at a line of a file.
    pub fn at(file: &Path, line: u64) -> Origin {
        Origin {
            file: Arc::from(file),
            line: Some(line),
        }
    }

    /// An origin at a line of a file already shared by other origins (no allocation).
    pub fn shared(file: &Arc<Path>, line: u64) -> Origin {
        Origin {
            file: Arc::clone(file),
            line: Some(line),
        }
    }

    /// An origin that is a whole file.
    pub fn file(file: &Path) -> Origin {
        Origin {
            file: Arc::from(file),
            line: None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.file.display(), line),
            None => write!(f, "{}", self.file.display()),
        }
    }
}

/// One problem in one place: the field, the value found and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// File and line.
    pub origin: Origin,
    /// The column or property, when the problem is in one.
    pub field: Option<String>,
    /// Where the field is in the row as the file has it (`column 2`, or `ActionGeo_Lat,
    /// column 57` for a value an import mapped from another column), when that helps.
    pub column: Option<String>,
    /// The value found there.
    pub value: Option<String>,
    /// What would have been right, said so a user can fix it.
    pub expected: String,
}

impl Diagnostic {
    /// A problem with one field's value.
    pub fn field(origin: &Origin, field: &str, value: &str, expected: impl Into<String>) -> Self {
        Diagnostic {
            origin: origin.clone(),
            field: Some(field.to_string()),
            column: None,
            value: Some(value.to_string()),
            expected: expected.into(),
        }
    }

    /// The same problem, saying where the field is in the row (`column 2`).
    pub fn in_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// A problem with a whole record or file.
    pub fn record(origin: &Origin, expected: impl Into<String>) -> Self {
        Diagnostic {
            origin: origin.clone(),
            field: None,
            column: None,
            value: None,
            expected: expected.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.origin)?;
        let Some(field) = &self.field else {
            return f.write_str(&self.expected);
        };
        write!(f, "field `{field}`")?;
        if let Some(column) = &self.column {
            write!(f, " ({column})")?;
        }
        match &self.value {
            Some(value) if value.is_empty() => write!(f, " is empty: expected {}", self.expected),
            Some(value) => write!(f, " has {value:?}: expected {}", self.expected),
            None => write!(f, ": {}", self.expected),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_file_line_field_value_and_expectation() {
        let origin = Origin::at(Path::new("data/events/a.csv"), 12);
        let d = Diagnostic::field(&origin, "event_date", "2019-13-01", "a date YYYY-MM-DD");
        assert_eq!(
            d.to_string(),
            "data/events/a.csv:12: field `event_date` has \"2019-13-01\": expected a date YYYY-MM-DD"
        );
        let empty = Diagnostic::field(&origin, "location", "", "a place name");
        assert_eq!(
            empty.to_string(),
            "data/events/a.csv:12: field `location` is empty: expected a place name"
        );
    }
}
