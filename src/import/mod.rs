//! Other datasets' files read into frontline's event columns: ACLED exports, UCDP GED
//! CSVs and GDELT 2.0 event files.
//!
//! Each dataset is one [`Mapping`] from its row to frontline's columns, written as a
//! readable table in its own file ([`acled`], [`ucdp`], [`gdelt`]), with the codebook each
//! rule comes from. The rows then go through the same checks as `data/events/` rows, so an
//! imported file is valid input for every command.

pub mod acled;
pub mod convert;
pub mod gdelt;
pub mod ucdp;

use crate::diagnostic::{Diagnostic, Origin};
use csv::StringRecord;
use std::fmt;
use std::path::Path;

/// A dataset frontline imports, known by the codebook its columns follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Codebook {
    /// ACLED's CSV export (and frontline's own event files, which use ACLED's names).
    Acled,
    /// UCDP's Georeferenced Event Codebook, as CSV.
    Ucdp,
    /// GDELT 2.0's event table: 61 tab-separated columns, no header.
    Gdelt,
}

impl Codebook {
    /// Reads the dataset word of `frontline import WORD FILE…`.
    pub fn parse(word: &str) -> Option<Codebook> {
        match word.to_ascii_lowercase().as_str() {
            "acled" => Some(Codebook::Acled),
            "ucdp" | "ged" | "ucdp-ged" => Some(Codebook::Ucdp),
            "gdelt" => Some(Codebook::Gdelt),
            _ => None,
        }
    }

    /// Tells the dataset from a file's first line: ACLED's and UCDP's headers name their
    /// columns; GDELT's rows are 61 tab-separated fields starting with a number and a day.
    pub fn detect(first_line: &str) -> Option<Codebook> {
        let line = first_line.trim_start_matches('\u{feff}').trim_end();
        if line.contains('\t') {
            let fields: Vec<&str> = line.split('\t').collect();
            let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            if fields.len() == gdelt::COLUMNS.len()
                && numeric(fields[0])
                && fields[1].len() == 8
                && numeric(fields[1])
            {
                return Some(Codebook::Gdelt);
            }
            return None;
        }
        let names: Vec<String> = line
            .split(',')
            .map(|n| n.trim().trim_matches('"').to_ascii_lowercase())
            .collect();
        let has = |name: &str| names.iter().any(|n| n == name);
        if has("event_id_cnty") {
            Some(Codebook::Acled)
        } else if has("type_of_violence") && has("where_prec") {
            Some(Codebook::Ucdp)
        } else {
            None
        }
    }

    /// The mapping that reads this dataset's rows.
    pub fn mapping(self) -> Box<dyn Mapping> {
        match self {
            Codebook::Acled => Box::<acled::Acled>::default(),
            Codebook::Ucdp => Box::<ucdp::Ucdp>::default(),
            Codebook::Gdelt => Box::<gdelt::Gdelt>::default(),
        }
    }
}

impl fmt::Display for Codebook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Codebook::Acled => "ACLED",
            Codebook::Ucdp => "UCDP GED",
            Codebook::Gdelt => "GDELT 2.0",
        })
    }
}

/// Why a source row is not imported (counted in the summary, by reason).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip(pub String);

/// One dataset's rows mapped into frontline's columns.
///
/// The import reads the file's header (if the dataset has one) and calls [`Mapping::header`]
/// once, then [`Mapping::map`] for each row. The mapped rows are then checked as any
/// events file's rows are (`event::record::parse`), so a mapping need not repeat those
/// checks: it reports what only it can see (a source value its codebook does not allow),
/// naming the source's own column.
pub trait Mapping: Send + Sync {
    /// Field delimiter: `b','` for CSV, `b'\t'` for GDELT.
    fn delimiter(&self) -> u8 {
        b','
    }

    /// Whether the file's first line is a header.
    fn has_header(&self) -> bool {
        true
    }

    /// How many fields a row has, for a dataset without a header (a file with one has as
    /// many as its header).
    fn fields(&self) -> Option<usize> {
        None
    }

    /// Where a frontline column's value comes from in a source row, as a user would look
    /// for it (`column 2`, or `ActionGeo_Lat, column 57` when the names differ), so a
    /// problem found in a mapped value names the source's column and its position.
    fn source_of(&self, _column: &str) -> Option<String> {
        None
    }

    /// Learns where the source's columns are and returns the names of the columns
    /// [`Mapping::map`] fills, in order: frontline's (`event::record::Column` names) and,
    /// after them, source columns kept as they are. A header that lacks a column the
    /// mapping needs is a problem at line 1, naming the missing columns.
    // Called once per file, so the size of its error does not matter.
    #[allow(clippy::result_large_err)]
    fn header(
        &mut self,
        source: Option<&StringRecord>,
        file: &Path,
    ) -> Result<Vec<String>, Diagnostic>;

    /// Maps one source row into `out` (one value per name [`Mapping::header`] returned), or
    /// says why the row is left out. Bad source values are pushed to `problems`, each with
    /// the row's origin, the source column's name and the value.
    fn map(
        &self,
        row: &StringRecord,
        origin: &Origin,
        out: &mut Vec<String>,
        problems: &mut Vec<Diagnostic>,
    ) -> Result<(), Skip>;
}
