//! The merge log: JSON Lines, one merge per line, with every row it replaced as written,
//! so `frontline dedupe --undo LOG` puts the files back byte for byte.
//!
//! A line reads (wrapped here):
//!
//! ```text
//! {"kept":"LBY0100","merged":["LBY0150"],
//!  "why":[{"id":"LBY0150","distance_km":1.2,"allowed_km":27.0,
//!          "days":["2019-04-05","2019-04-05"],"actors":"both name GNA: …",
//!          "sub_event_type":"Armed clash"}],
//!  "row":{"id":"LBY0100","file":"events/war-2019.csv","line":2,"text":"LBY0100,…\n"},
//!  "replaced":[{"id":"LBY0100","file":"events/war-2019.csv","line":2,"text":"…\n"},
//!              {"id":"LBY0150","file":"events/war-2019.csv","line":40,"text":"…\n"}]}
//! ```
//!
//! `row` is the merged row as written; `replaced` the reports' rows before the merge, the
//! kept one first. Lines count from 1 in the file as it stood when that merge was made
//! (after the merges above it in the log), which is how undoing them in reverse order
//! finds each place again. Files are named relative to the log's folder when inside it.

use super::sheet::Sheet;
use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One merge: which reports became one event, why, and the rows it replaced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MergeEntry {
    /// The id the merged event keeps (the first report's).
    pub kept: String,
    /// The ids merged into it.
    pub merged: Vec<String>,
    /// Why each merged report matched the kept one.
    pub why: Vec<Reason>,
    /// The merged row as written.
    pub row: RowText,
    /// The rows it replaced, the kept report's first.
    pub replaced: Vec<RowText>,
}

/// Why one report was merged into the kept one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The merged report's id.
    pub id: String,
    /// Great-circle distance between the two points, km (one decimal).
    pub distance_km: f64,
    /// What their `geo_precision`s allow, km.
    pub allowed_km: f64,
    /// The first and last day both intervals hold.
    pub days: [String; 2],
    /// How the actors agree: the actor both name, or that one names none.
    pub actors: String,
    /// The merged report's sub-event type.
    pub sub_event_type: String,
}

/// One row of an events file, as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowText {
    /// The event id the row holds.
    pub id: String,
    /// The file (relative to the log's folder when inside it).
    pub file: String,
    /// The 1-based line the row starts on, when the merge was made.
    pub line: u64,
    /// The row's exact text, line end included.
    pub text: String,
}

impl MergeEntry {
    /// Names `file` as the file of every row that names none (rows of `merge_rows`, whose
    /// file `import --merge` knows only when it writes it).
    pub fn set_file(&mut self, file: &Path) {
        let name = file.to_string_lossy().into_owned();
        for row in std::iter::once(&mut self.row).chain(self.replaced.iter_mut()) {
            if row.file.is_empty() {
                row.file.clone_from(&name);
            }
        }
    }
}

/// Appends merges to a log (created if absent), each file named relative to the log's
/// folder when it is inside it.
pub fn append(path: &Path, entries: &[MergeEntry]) -> Result<(), Error> {
    if entries.is_empty() {
        return Ok(());
    }
    // A bare file name's folder is the current one.
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder = absolute(parent);
    let mut text = String::new();
    for entry in entries {
        let mut entry = entry.clone();
        for row in std::iter::once(&mut entry.row).chain(entry.replaced.iter_mut()) {
            let file = absolute(Path::new(&row.file));
            if let Ok(inside) = file.strip_prefix(&folder) {
                row.file = inside.to_string_lossy().into_owned();
            }
        }
        let line = serde_json::to_string(&entry)
            .map_err(|e| Error::write(path, std::io::Error::other(e)))?;
        text.push_str(&line);
        text.push('\n');
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| Error::write(folder, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::write(path, e))?;
    file.write_all(text.as_bytes())
        .and_then(|_| file.sync_all())
        .map_err(|e| Error::write(path, e))
}

/// Reads a log; a line that is not a merge is an error naming the line.
pub fn read(path: &Path) -> Result<Vec<MergeEntry>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str(line) {
            Ok(entry) => entries.push(entry),
            Err(e) => problems.push(Diagnostic::record(
                &Origin::at(path, n as u64 + 1),
                format!("a merge of frontline's merge log, one JSON object per line ({e})"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Where a log's file names point: relative names are inside the log's folder.
pub fn resolve(log: &Path, file: &str) -> PathBuf {
    let file = Path::new(file);
    if file.is_absolute() {
        file.to_path_buf()
    } else {
        log.parent().unwrap_or(Path::new("")).join(file)
    }
}

/// Reverses merges (the last first) on files held as sheets, keyed by the file names the
/// log uses. Every merged row must still be where and as the log wrote it; otherwise the
/// error names what changed and the sheets must be thrown away.
pub fn undo(entries: &[MergeEntry], sheets: &mut BTreeMap<String, Sheet>) -> Result<(), String> {
    for entry in entries.iter().rev() {
        let row = &entry.row;
        let sheet = sheets
            .get_mut(&row.file)
            .ok_or_else(|| format!("{}: no such events file", row.file))?;
        let found = sheet.index_at_line(row.line).and_then(|i| sheet.row(i));
        if found != Some(row.text.as_str()) {
            return Err(match found {
                Some(text) => format!(
                    "{}:{}: the merged row of {} has changed since the merge (log: {:?}; file: {:?})",
                    row.file,
                    row.line,
                    entry.kept,
                    row.text.trim_end(),
                    text.trim_end()
                ),
                None => format!(
                    "{}:{}: the merged row of {} is no longer there",
                    row.file, row.line, entry.kept
                ),
            });
        }
        let Some((kept, others)) = entry.replaced.split_first() else {
            return Err(format!("merge of {}: no rows to restore", entry.kept));
        };
        if let Some(i) = sheet.index_at_line(row.line) {
            sheet.replace(i, kept.text.clone());
        }
        // Rows go back in the order they stood, so each earlier one is in place when a
        // later one's line is looked for.
        let mut others: Vec<&RowText> = others.iter().collect();
        others.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        for other in others {
            let sheet = sheets
                .get_mut(&other.file)
                .ok_or_else(|| format!("{}: no such events file", other.file))?;
            let at = if other.line == sheet.end_line() {
                Some(sheet.len())
            } else {
                sheet.index_at_line(other.line)
            };
            let Some(at) = at else {
                return Err(format!(
                    "{}:{}: no row starts there to put {} back before (the file has changed since the merge)",
                    other.file, other.line, other.id
                ));
            };
            sheet.insert(at, other.text.clone());
        }
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, line: u64, text: &str) -> RowText {
        RowText {
            id: id.into(),
            file: "e.csv".into(),
            line,
            text: text.into(),
        }
    }

    #[test]
    fn undo_puts_removed_rows_back_byte_for_byte() {
        let before = "id,n\nA,1\nB,2\nC,3\nD,4";
        let after = "id,n\nA,1+3\nC,3\n";
        let entry = MergeEntry {
            kept: "A".into(),
            merged: vec!["B".into(), "D".into()],
            why: Vec::new(),
            row: row("A", 2, "A,1+3\n"),
            replaced: vec![
                row("A", 2, "A,1\n"),
                row("B", 3, "B,2\n"),
                row("D", 5, "D,4"),
            ],
        };
        let mut sheets = BTreeMap::from([("e.csv".to_string(), Sheet::parse(after))]);
        assert_eq!(undo(std::slice::from_ref(&entry), &mut sheets), Ok(()));
        assert_eq!(sheets["e.csv"].text(), before);

        let edited = "id,n\nA,1+3 edited\nC,3\n";
        let mut sheets = BTreeMap::from([("e.csv".to_string(), Sheet::parse(edited))]);
        let error = undo(&[entry], &mut sheets).err().unwrap_or_default();
        assert!(
            error.contains("e.csv:2: the merged row of A has changed"),
            "{error}"
        );
    }

    #[test]
    fn entries_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let log = dir.path().join("merges.jsonl");
        let mut entry = MergeEntry {
            kept: "A".into(),
            merged: vec!["B".into()],
            why: Vec::new(),
            row: row("A", 2, "A,1\n"),
            replaced: vec![row("A", 2, "A,1\n"), row("B", 3, "B,\"x\ny\"\n")],
        };
        for r in std::iter::once(&mut entry.row).chain(entry.replaced.iter_mut()) {
            r.file = dir
                .path()
                .join("events/e.csv")
                .to_string_lossy()
                .into_owned();
        }
        append(&log, std::slice::from_ref(&entry)).unwrap_or_else(|e| panic!("{e}"));
        append(&log, &[entry]).unwrap_or_else(|e| panic!("{e}"));
        let read = read(&log).unwrap_or_default();
        assert_eq!(read.len(), 2);
        assert_eq!(read[1].replaced[1].file, "events/e.csv");
        assert_eq!(read[1].replaced[1].text, "B,\"x\ny\"\n");
        assert_eq!(
            resolve(&log, "events/e.csv"),
            dir.path().join("events/e.csv")
        );
    }
}
