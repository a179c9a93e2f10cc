//! `frontline import`: ACLED, UCDP GED and GDELT files into frontline's event columns.

use super::Status;
use crate::dataset::DataPaths;
use crate::dedupe;
use crate::error::{Error, FlagError};
use crate::event::Event;
use crate::extract::lexicon::Lexicon;
use crate::format::csv_writer;
use crate::gazetteer::Gazetteer;
use crate::import::convert::{Batch, FileSummary, Import, Source, Wanted};
use crate::import::Codebook;
use crate::output::Target;
use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// `frontline import`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// `acled`, `ucdp` or `gdelt` (optional), then the files to read.
    #[arg(required = true, value_name = "[DATASET] FILE")]
    pub args: Vec<String>,
    /// Write here (whole or not at all) instead of standard output; `-` for standard
    /// output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Merge reports of one event into one (as `dedupe` does), listing every merge in
    /// the merge log (needs -o).
    #[arg(long)]
    pub merge: bool,
    /// Where `--merge` lists its merges [default: the output's name + `.merges.jsonl`].
    #[arg(long, value_name = "FILE")]
    pub merge_log: Option<PathBuf>,
    /// The data folder whose gazetteer and actor lexicon tell one place and one actor in
    /// other words when merging [default: ./data when it is one].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

/// Imports the files and says on standard error what happened to their rows.
pub fn run(args: Args) -> Result<Status, Error> {
    let imported = import(&args)?;
    eprint!("{imported}");
    Ok(Status::Done)
}

/// What an import read, wrote and skipped.
#[derive(Clone, Debug, Default)]
pub struct Imported {
    /// One entry per file, in the order read.
    pub files: Vec<FileSummary>,
    /// Events merged into others by `--merge`.
    pub merged: u64,
    /// Where the merges were listed.
    pub merge_log: Option<PathBuf>,
}

impl Imported {
    /// Events written.
    pub fn written(&self) -> u64 {
        self.files.iter().map(|f| f.written).sum::<u64>() - self.merged
    }
}

impl fmt::Display for Imported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let read: u64 = self.files.iter().map(|f| f.read).sum();
        let skipped: u64 = self.files.iter().flat_map(|f| f.skipped.values()).sum();
        writeln!(
            f,
            "frontline: imported {} of {} row{} from {} file{}; {} skipped{}",
            self.written(),
            read,
            plural(read),
            self.files.len(),
            plural(self.files.len() as u64),
            skipped,
            if self.merged > 0 {
                format!("; {} merged into others", self.merged)
            } else {
                String::new()
            }
        )?;
        for file in &self.files {
            writeln!(
                f,
                "  {} ({}): {} read, {} written",
                file.path.display(),
                file.codebook.map(|d| d.to_string()).unwrap_or_default(),
                file.read,
                file.written
            )?;
            let mut reasons: Vec<_> = file.skipped.iter().collect();
            // Most frequent first; the map's order settles ties.
            reasons.sort_by(|a, b| b.1.cmp(a.1));
            for (reason, count) in reasons {
                writeln!(f, "    {count} skipped: {reason}")?;
            }
        }
        if let Some(log) = &self.merge_log {
            writeln!(f, "  merges listed in {}", log.display())?;
        }
        Ok(())
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The sources `import [DATASET] FILE…` names: a leading dataset word applies to every
/// file; without it each file's first line tells.
pub fn sources(args: &[String]) -> Result<Vec<Source>, Error> {
    let (named, files) = match args.split_first() {
        Some((word, rest)) if !Path::new(word).exists() && Codebook::parse(word).is_some() => {
            (Codebook::parse(word), rest)
        }
        _ => (None, args),
    };
    if files.is_empty() {
        return Err(FlagError::missing(
            "FILE",
            "one or more files after the dataset (acled, ucdp or gdelt)",
        )
        .into());
    }
    files
        .iter()
        .map(|file| {
            let path = Path::new(file);
            if !path.is_file() {
                let hint = if args.len() > 1 || Codebook::parse(file).is_some() {
                    ""
                } else {
                    "; name the dataset first: acled, ucdp or gdelt"
                };
                return Err(FlagError::new(
                    "FILE",
                    file,
                    format!("a file to import (no such file){hint}"),
                )
                .into());
            }
            match named {
                Some(codebook) => Ok(Source {
                    path: path.to_path_buf(),
                    codebook,
                }),
                None => Source::detect(path),
            }
        })
        .collect()
}

/// Imports the files; what happened to their rows.
pub fn import(args: &Args) -> Result<Imported, Error> {
    let sources = sources(&args.args)?;
    if args.merge {
        return import_merging(args, sources);
    }
    let import = Import::open(sources)?;
    let bar = progress_bar(import.size());
    let mut target = Target::new(args.output.as_deref())?;
    let files = write_csv(import, &mut target, &mut |bytes| bar.set_position(bytes))?;
    target.commit()?;
    bar.finish_and_clear();
    Ok(Imported {
        files,
        merged: 0,
        merge_log: None,
    })
}

/// `import --merge`: every row is held until reports of one event are merged (as `dedupe`
/// merges them), then written, and the merges appended to the log.
fn import_merging(args: &Args, sources: Vec<Source>) -> Result<Imported, Error> {
    // The log names the file its merges are undone in, so the rows go to a file.
    let Some(output) = args.output.as_deref().filter(|o| *o != Path::new("-")) else {
        return Err(FlagError::missing(
            "--merge",
            "-o FILE beside it: give -o FILE (the merge log names the file its merges can be undone in)",
        )
        .into());
    };
    let (lexicon, gazetteer) = reference_data(args.data.as_deref())?;
    let log = match &args.merge_log {
        Some(log) => log.to_path_buf(),
        None => {
            let mut name = output.as_os_str().to_os_string();
            name.push(".merges.jsonl");
            PathBuf::from(name)
        }
    };
    let import = Import::open(sources)?;
    let header: Vec<String> = import.columns().iter().map(|n| n.to_string()).collect();
    let bar = progress_bar(import.size());
    let mut rows: Vec<(Event, Vec<String>)> = Vec::new();
    let files = import.run(
        Wanted::Events,
        &mut |bytes| bar.set_position(bytes),
        &mut |batch| {
            if let Batch::Events(events) = batch {
                rows.extend(events);
            }
            Ok(())
        },
    )?;
    bar.finish_and_clear();
    let (rows, mut entries) = dedupe::merge_rows(&header, rows, &lexicon, &gazetteer);
    let merged = entries.iter().map(|e| e.merged.len() as u64).sum();
    for entry in &mut entries {
        entry.set_file(output);
    }
    let mut file = Target::new(Some(output))?;
    file.put(&csv_writer::line(&header))?;
    for row in &rows {
        file.put(&csv_writer::line(row))?;
    }
    // The log first: merged rows are never written without the rows they replaced.
    dedupe::log::append(&log, &entries)?;
    file.commit()?;
    Ok(Imported {
        files,
        merged,
        merge_log: (!entries.is_empty()).then_some(log),
    })
}

/// The actor lexicon and gazetteer that tell one actor and one place in other words: the
/// `--data` folder's (which must be a data folder), else `./data`'s when it is one, else
/// none (names then compare folded).
fn reference_data(data: Option<&Path>) -> Result<(Lexicon, Gazetteer), Error> {
    let folder = match data {
        Some(path) => {
            let folder = DataPaths::new(path);
            if !folder.is_data_folder() {
                return Err(FlagError::new(
                    "--data",
                    &path.display().to_string(),
                    "a data folder (with events/ and fronts.geojson)",
                )
                .into());
            }
            folder
        }
        None => match DataPaths::first_of(&[]) {
            Some(folder) => folder,
            None => return Ok((Lexicon::default(), Gazetteer::default())),
        },
    };
    Ok((
        Lexicon::load(&folder.lexicon())?,
        Gazetteer::load(&folder.gazetteer())?,
    ))
}

/// Streams the import's rows as frontline's CSV.
fn write_csv(
    import: Import,
    out: &mut Target,
    progress: &mut dyn FnMut(u64),
) -> Result<Vec<FileSummary>, Error> {
    out.put(&csv_writer::line(import.columns().iter().map(|n| &**n)))?;
    import.run(Wanted::Csv, progress, &mut |batch| match batch {
        Batch::Csv(bytes) => out.put(&bytes),
        Batch::Events(_) => Ok(()),
    })
}

/// A bar on standard error when it is a terminal, measured in bytes read; hidden otherwise.
fn progress_bar(bytes: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(bytes);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} importing {bar:40} {bytes}/{total_bytes} ({eta} left)",
    ) {
        bar.set_style(style);
    }
    bar
}
