//! The inputs of a selection, classified once when they are named: a data folder, a file
//! read whole, or a CSV read row by row.

use crate::dataset::DataPaths;
use crate::diagnostic::{Diagnostic, Origin};
use crate::error::{Error, FlagError};
use crate::event::record::{self, Column, Header, COLUMNS};
use crate::format::csv_writer::WrittenColumns;
use crate::scan::{self, CsvHead};
use std::path::{Path, PathBuf};

/// One input, by how it is read.
#[derive(Debug)]
pub enum Input {
    /// A data folder: its events resolved with its own gazetteer and fronts, as `build`
    /// resolves them.
    Folder(DataPaths),
    /// An events file that must be read whole: JSON, or a CSV whose rows anchor their
    /// dates on other rows.
    File(PathBuf),
    /// A CSV read row by row on every core, never held whole.
    Rows(CsvHead),
}

impl Input {
    /// Classifies a path; a CSV without the columns every event needs is refused here,
    /// before any row is read.
    pub fn classify(path: &Path) -> Result<Input, Error> {
        if path.is_dir() {
            return Ok(Input::Folder(DataPaths::new(path)));
        }
        let is_json = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json {
            return Ok(Input::File(path.to_path_buf()));
        }
        let head = scan::head(path)?;
        let missing: Vec<&str> = record::REQUIRED_COLUMNS
            .iter()
            .copied()
            .filter(|c| !head.header.names().iter().any(|h| &**h == *c))
            .collect();
        if !missing.is_empty() {
            return Err(Error::invalid(Diagnostic::record(
                &Origin::at(path, 1),
                format!(
                    "a header with the columns {} (missing: {})",
                    record::REQUIRED_COLUMNS.join(", "),
                    missing.join(", ")
                ),
            )));
        }
        // Anchored dates point at other rows, so such a file is resolved whole.
        if has_anchor_values(&head)? {
            return Ok(Input::File(path.to_path_buf()));
        }
        Ok(Input::Rows(head))
    }

    /// The columns a CSV of this input's events has: its own header for a CSV read row
    /// by row, frontline's columns otherwise.
    fn header(&self) -> Header {
        match self {
            Input::Rows(head) => (*head.header).clone(),
            Input::Folder(_) | Input::File(_) => Header::new(COLUMNS),
        }
    }
}

/// Whether any row of a CSV fills its `anchor` column.
fn has_anchor_values(head: &CsvHead) -> Result<bool, Error> {
    let Some(i) = head.header.index(Column::Anchor) else {
        return Ok(false);
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&head.file)
        .map_err(|e| Error::read_csv(&head.file, e))?;
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(false),
            Ok(true) if record.get(i).is_some_and(|v| !v.trim_ascii().is_empty()) => {
                return Ok(true)
            }
            Ok(true) => {}
            // A malformed row is reported with the others when the rows are read.
            Err(e) if !matches!(e.kind(), csv::ErrorKind::Io(_)) => {}
            Err(e) => return Err(Error::read_csv(&head.file, e)),
        }
    }
}

/// The inputs of a selection (`--data`, in order), each classified once.
#[derive(Debug)]
pub struct Inputs {
    list: Vec<Input>,
    /// Where inputs take their reference data from: the first data folder among them,
    /// else `./data` when it is one.
    reference_folder: Option<DataPaths>,
}

impl Inputs {
    /// Classifies every path; a path that is not there is a `--data` error.
    pub fn classify(paths: &[PathBuf]) -> Result<Inputs, Error> {
        let mut list = Vec::with_capacity(paths.len());
        for path in paths {
            if !path.exists() {
                return Err(FlagError::new(
                    "--data",
                    &path.display().to_string(),
                    "a data folder or an events file (no such file or folder)",
                )
                .into());
            }
            list.push(Input::classify(path)?);
        }
        Ok(Inputs {
            list,
            reference_folder: DataPaths::first_of(paths),
        })
    }

    /// The inputs in order.
    pub fn iter(&self) -> impl Iterator<Item = &Input> {
        self.list.iter()
    }

    /// The inputs in order, taken.
    pub fn into_list(self) -> Vec<Input> {
        self.list
    }

    /// How many inputs there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The data folder the inputs take their gazetteer, fronts, basemap and phases from.
    pub fn reference_folder(&self) -> Option<&DataPaths> {
        self.reference_folder.as_ref()
    }

    /// The first data folder among the inputs themselves (not `./data`).
    pub fn data_folder(&self) -> Option<&DataPaths> {
        self.list.iter().find_map(|input| match input {
            Input::Folder(data) if data.is_data_folder() => Some(data),
            _ => None,
        })
    }

    /// The columns of a CSV of the inputs' events written as read: every input's own, in
    /// the order first seen.
    pub fn columns(&self) -> WrittenColumns {
        let mut columns = WrittenColumns::default();
        for input in &self.list {
            columns.add(&input.header());
        }
        columns
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_classified_by_what_they_hold() {
        let dir = tempfile::tempdir().unwrap();
        let rows = dir.path().join("rows.csv");
        let anchored = dir.path().join("anchored.csv");
        let json = dir.path().join("events.json");
        let header = "event_id_cnty,event_date,anchor,event_type,sub_event_type,actor1,country,location,source\n";
        std::fs::write(
            &rows,
            format!("{header}A1,2019-04-04,,Battles,Armed clash,LNA,Libya,Tripoli,X\n"),
        )
        .unwrap();
        std::fs::write(
            &anchored,
            format!("{header}A1,2019-04-04,,Battles,Armed clash,LNA,Libya,Tripoli,X\nA2,,A1+3d,Battles,Armed clash,LNA,Libya,Tripoli,X\n"),
        )
        .unwrap();
        std::fs::write(&json, "[]").unwrap();
        let inputs = Inputs::classify(&[rows, anchored, json, dir.path().to_path_buf()]).unwrap();
        let kinds: Vec<&str> = inputs
            .iter()
            .map(|i| match i {
                Input::Rows(_) => "rows",
                Input::File(_) => "file",
                Input::Folder(_) => "folder",
            })
            .collect();
        assert_eq!(kinds, ["rows", "file", "file", "folder"]);
        assert_eq!(inputs.columns().names().len(), COLUMNS.len());
    }

    #[test]
    fn a_csv_without_the_required_columns_is_refused_at_its_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.csv");
        std::fs::write(&path, "id,date\n1,2019-04-04\n").unwrap();
        let Err(Error::Invalid(problems)) = Input::classify(&path) else {
            panic!("expected the header to be refused");
        };
        assert_eq!(problems[0].origin.line, Some(1));
        assert!(problems[0].expected.contains("missing: event_id_cnty"));
    }

    #[test]
    fn a_missing_input_names_the_data_flag() {
        let Err(Error::Flag(e)) = Inputs::classify(&[PathBuf::from("nowhere/x.csv")]) else {
            panic!("expected a flag error");
        };
        assert_eq!(e.flag, "--data");
        assert_eq!(e.value.as_deref(), Some("nowhere/x.csv"));
    }
}
