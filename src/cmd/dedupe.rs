//! `frontline dedupe`: reports of one event merged into one, every merge logged.

use super::Status;
use crate::dataset::{self, DataPaths, FrontNames, Reference};
use crate::dedupe::actors::Actors;
use crate::dedupe::log::{self, MergeEntry};
use crate::dedupe::places::Places;
use crate::dedupe::sheet::{self, Sheet};
use crate::dedupe::{apply, describe, Report};
use crate::diagnostic::{Diagnostic, Origin};
use crate::error::{Error, FlagError};
use crate::event::record::Header;
use crate::event::Event;
use crate::extract::lexicon::Lexicon;
use crate::format;
use crate::output::{write_atomic, Target};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// `frontline dedupe`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data folder or events file to deduplicate [default: the --data folder].
    #[arg(value_name = "EVENTS")]
    pub events: Option<PathBuf>,
    /// The data folder whose gazetteer, fronts and actor lexicon tell one place and one
    /// actor in other words (an events file given here is deduplicated with ./data's).
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// List the merges without changing any file.
    #[arg(long)]
    pub dry_run: bool,
    /// The merge log to append to [default: merges.jsonl in the data folder, or beside
    /// the file].
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// Reverse the merges listed in this log, restoring the rows they replaced.
    #[arg(long, value_name = "LOG")]
    pub undo: Option<PathBuf>,
}

/// Finds and merges duplicate reports (or reverses a log's merges) and prints what it did.
pub fn run(args: Args) -> Result<Status, Error> {
    let text = match &args.undo {
        Some(log) => undo(log, args.dry_run)?,
        None => merge(&args)?,
    };
    let mut out = Target::stdout();
    out.put(text.as_bytes())?;
    out.commit()?;
    Ok(Status::Done)
}

/// Finds and merges duplicate reports; what was (or would be) merged.
fn merge(args: &Args) -> Result<String, Error> {
    let data = args.events.as_deref().unwrap_or(&args.data);
    if !data.exists() {
        let flag = if args.events.is_some() {
            "EVENTS"
        } else {
            "--data"
        };
        return Err(FlagError::new(
            flag,
            &data.display().to_string(),
            "a data folder or an events file (no such file or folder)",
        )
        .into());
    }
    // The reference data come from --data when it is a data folder, else from ./data (as
    // every command finds them); a data folder's written fronts must be its own, a single
    // file's are taken as they are.
    let folder = DataPaths::first_of(std::slice::from_ref(&args.data));
    let reference = Reference::of_folder(folder.as_ref())?;
    let lexicon = match &folder {
        Some(folder) => lexicon_of(folder)?,
        None => Lexicon::default(),
    };
    let (events_path, names, log_path) = if data.is_file() {
        let mut name = data.as_os_str().to_owned();
        name.push(".merges.jsonl");
        (data.to_path_buf(), FrontNames::Any, PathBuf::from(name))
    } else {
        let names = if DataPaths::new(data).is_data_folder() {
            FrontNames::Known
        } else {
            FrontNames::Any
        };
        (
            DataPaths::new(data).events(),
            names,
            data.join("merges.jsonl"),
        )
    };
    let log_path = args.log.clone().unwrap_or(log_path);
    let mut events = dataset::resolve_events_naming(&events_path, &reference, names)?;
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
    if args.dry_run {
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

fn lexicon_of(data: &DataPaths) -> Result<Lexicon, Error> {
    let folder = data.lexicon();
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
        let text = std::fs::read_to_string(&file).map_err(|e| Error::read(&file, e))?;
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
            let text = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
            sheets.insert(row.file.clone(), Sheet::parse(&text));
        }
    }
    log::undo(&entries, &mut sheets).map_err(|why| {
        Error::invalid(Diagnostic::record(
            &Origin::file(log_path),
            format!("merges that can be undone; nothing changed: {why}"),
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
    let mut history = match std::fs::read(&done) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(Error::read(&done, e)),
    };
    history.extend(std::fs::read(log_path).map_err(|e| Error::read(log_path, e))?);
    write_atomic(&done, &history)?;
    std::fs::remove_file(log_path).map_err(|e| Error::write(log_path, e))?;
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
