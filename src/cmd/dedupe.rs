//! `frontline dedupe`: reports of one event merged into one, every merge logged.

use crate::dataset::{self, DataPaths, FrontNames};
use crate::dedupe::actors::Actors;
use crate::dedupe::log::{self, MergeEntry};
use crate::dedupe::places::Places;
use crate::dedupe::sheet::{self, Sheet};
use crate::dedupe::{apply, describe, Report};
use crate::diagnostic::{Diagnostic, Error};
use crate::event::record::Header;
use crate::event::Event;
use crate::extract::lexicon::Lexicon;
use crate::format;
use crate::output::write_atomic;
use crate::query::{is_data_folder, Reference};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

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
pub fn run(request: &Request) -> Result<String, Error> {
    if let Some(log) = request.undo {
        return undo(log, request.dry_run);
    }
    let data = request.data;
    if !data.exists() {
        return Err(Error::Usage(format!(
            "--data {}: expected a data folder or an events file (no such file or folder)",
            data.display()
        )));
    }
    // A data folder is resolved with its own gazetteer, fronts and lexicon; a single file
    // with ./data's when there is one, its written fronts taken as they are.
    let (reference, lexicon, names, log_path) = if data.is_file() {
        let reference = Reference::for_inputs(&[data.to_path_buf()])?;
        let lexicon = lexicon_of(Path::new("data"))?;
        let mut name = data.as_os_str().to_owned();
        name.push(".merges.jsonl");
        (reference, lexicon, FrontNames::Any, PathBuf::from(name))
    } else {
        let paths = DataPaths::new(data);
        let reference = if is_data_folder(data) {
            Reference::load(&paths)?
        } else {
            Reference::none()
        };
        let lexicon = lexicon_of(data)?;
        (
            reference,
            lexicon,
            FrontNames::Known,
            data.join("merges.jsonl"),
        )
    };
    let log_path = request.log.map(Path::to_path_buf).unwrap_or(log_path);
    let events_path = if data.is_file() {
        data.to_path_buf()
    } else {
        DataPaths::new(data).events()
    };
    let mut events = dataset::resolve_events_naming(
        &events_path,
        &reference.gazetteer,
        &reference.fronts,
        names,
    )?;
    events.sort_by(|a, b| a.origin.cmp(&b.origin));

    let (mut sheets, headers) = read_sheets(&events_path)?;
    let reports = locate_rows(&events, &sheets)?;
    let mut actors = Actors::new(&lexicon);
    let mut places = Places::new(&reference.gazetteer, &reference.fronts);
    let (entries, unmerged) = apply(&reports, &headers, &mut sheets, &mut actors, &mut places);

    let mut text = String::new();
    for entry in &entries {
        text.push_str(&describe(entry));
    }
    for group in &unmerged {
        text.push_str(&format!("not merged: {}\n", group.why));
    }
    let touched: BTreeMap<&str, ()> = entries
        .iter()
        .flat_map(|e| e.replaced.iter().map(|r| (r.file.as_str(), ())))
        .collect();
    let merged: usize = entries.iter().map(|e| e.merged.len()).sum();
    if entries.is_empty() {
        text.push_str(&format!(
            "no reports to merge among {} events\n",
            events.len()
        ));
        return Ok(text);
    }
    if request.dry_run {
        text.push_str(&format!(
            "{} merges of {} reports into {} events would change {} files (dry run: nothing written)\n",
            entries.len(),
            merged + entries.len(),
            entries.len(),
            touched.len()
        ));
        return Ok(text);
    }
    // The log first: files changed without their log would lose the rows replaced.
    log::append(&log_path, &entries)?;
    for file in touched.keys() {
        if let Some(sheet) = sheets.get(*file) {
            write_atomic(Path::new(file), sheet.text().as_bytes())?;
        }
    }
    text.push_str(&format!(
        "{} merges of {} reports into {} events in {} files; logged in {} (undo: frontline dedupe --undo {})\n",
        entries.len(),
        merged + entries.len(),
        entries.len(),
        touched.len(),
        log_path.display(),
        log_path.display()
    ));
    Ok(text)
}

fn lexicon_of(data: &Path) -> Result<Lexicon, Error> {
    let folder = DataPaths::new(data).lexicon();
    if folder.join("actors.tsv").is_file() {
        Lexicon::load(&folder)
    } else {
        Ok(Lexicon::default())
    }
}

/// The CSV events files as sheets of row texts, with their headers.
type Sheets = (BTreeMap<String, Sheet>, BTreeMap<String, Header>);

fn read_sheets(events: &Path) -> Result<Sheets, Error> {
    let mut sheets = BTreeMap::new();
    let mut headers = BTreeMap::new();
    for file in format::event_files(events)? {
        if !file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
        let sheet = Sheet::parse(&text);
        let header_text = sheet.row(0).unwrap_or_default();
        let names = sheet::values(header_text.trim_start_matches('\u{feff}')).unwrap_or_default();
        let key = file.to_string_lossy().into_owned();
        headers.insert(key.clone(), Header::new(names.iter().map(String::as_str)));
        sheets.insert(key, sheet);
    }
    Ok((sheets, headers))
}

/// Each event's row in its sheet, found by the line it was read from.
/// Events of JSON files are not merged (their objects are not rows to replace); events
/// another event's anchor names stay as they are, so the anchored date does not move.
fn locate_rows<'a>(
    events: &'a [Event],
    sheets: &BTreeMap<String, Sheet>,
) -> Result<Vec<Report<'a>>, Error> {
    let anchors: HashSet<&str> = events
        .iter()
        .filter_map(|e| e.anchor.as_ref().map(|a| a.event_id.as_str()))
        .collect();
    let mut by_line: BTreeMap<&str, BTreeMap<u64, usize>> = BTreeMap::new();
    for (file, sheet) in sheets {
        let lines = (1..sheet.len()).map(|i| (sheet.line(i), i)).collect();
        by_line.insert(file.as_str(), lines);
    }
    let mut reports = Vec::new();
    let mut problems = Vec::new();
    for event in events {
        let file = event.origin.file.to_string_lossy();
        let Some(lines) = by_line.get(file.as_ref()) else {
            continue;
        };
        let index = event.origin.line.and_then(|l| lines.get(&l).copied());
        // Lines were counted the csv crate's way and this file's way; a row holding its
        // id confirms both agree (a full parse per row would cost more than the rest).
        let holds_id = |i: usize| {
            sheets
                .get(file.as_ref())
                .and_then(|s| s.row(i))
                .is_some_and(|row| row.contains(event.event_id_cnty.as_str()))
        };
        match index {
            Some(i) if holds_id(i) => {
                reports.push(Report {
                    event,
                    file: file.into_owned(),
                    index: i,
                    fixed: anchors.contains(event.event_id_cnty.as_str()),
                })
            }
            _ => problems.push(Diagnostic::record(
                &event.origin,
                format!(
                    "a row of {} starting on this line (dedupe reads rows split at line ends outside quotes; re-save the file with frontline's CSV quoting)",
                    event.event_id_cnty
                ),
            )),
        }
    }
    if problems.is_empty() {
        Ok(reports)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Reverses a log's merges, all or nothing; with `dry_run`, only checks they can be.
fn undo(log_path: &Path, dry_run: bool) -> Result<String, Error> {
    let entries: Vec<MergeEntry> = log::read(log_path)?;
    let mut sheets = BTreeMap::new();
    for entry in &entries {
        for row in std::iter::once(&entry.row).chain(&entry.replaced) {
            if sheets.contains_key(&row.file) {
                continue;
            }
            let path = log::resolve(log_path, &row.file);
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            sheets.insert(row.file.clone(), Sheet::parse(&text));
        }
    }
    log::undo(&entries, &mut sheets).map_err(|why| {
        Error::Usage(format!(
            "{}: cannot undo, nothing changed: {why}",
            log_path.display()
        ))
    })?;
    let reports: usize = entries.iter().map(|e| e.replaced.len()).sum();
    if dry_run {
        return Ok(format!(
            "{} merges can be undone, restoring {reports} rows in {} files (dry run: nothing written)\n",
            entries.len(),
            sheets.len()
        ));
    }
    for (file, sheet) in &sheets {
        write_atomic(&log::resolve(log_path, file), sheet.text().as_bytes())?;
    }
    // The log is spent: kept beside as `.undone` so its history is not lost, and so it is
    // not undone twice.
    let mut done = log_path.as_os_str().to_owned();
    done.push(".undone");
    let done = PathBuf::from(done);
    let mut history = std::fs::read(&done).unwrap_or_default();
    history.extend(std::fs::read(log_path).map_err(|e| Error::io(log_path, e))?);
    write_atomic(&done, &history)?;
    std::fs::remove_file(log_path).map_err(|e| Error::io(log_path, e))?;
    Ok(format!(
        "undid {}, restoring {} in {}; the log is now {}\n",
        counted(entries.len(), "merge"),
        counted(reports, "row"),
        counted(sheets.len(), "file"),
        done.display()
    ))
}

/// "1 merge", "2 merges".
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}
