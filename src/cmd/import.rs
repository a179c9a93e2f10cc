//! `frontline import`: ACLED, UCDP GED and GDELT files into frontline's event columns.

use crate::dataset::DataPaths;
use crate::dedupe;
use crate::diagnostic::Error;
use crate::event::Event;
use crate::extract::lexicon::Lexicon;
use crate::gazetteer::Gazetteer;
use crate::import::convert::{Batch, FileSummary, Import, Source, Wanted};
use crate::import::Dataset;
use crate::output::AtomicFile;
use crate::query::is_data_folder;
use std::fmt;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// What `import` was asked to do.
pub struct Request<'a> {
    /// The dataset word (optional), then the files.
    pub args: &'a [String],
    /// Where to write; standard output when absent.
    pub output: Option<&'a Path>,
    /// Merge reports of one event.
    pub merge: bool,
    /// Where the merges are listed.
    pub merge_log: Option<&'a Path>,
}

/// What an import read, wrote and skipped.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// One entry per file, in the order read.
    pub files: Vec<FileSummary>,
    /// Events merged into others by `--merge`.
    pub merged: u64,
    /// Where the merges were listed.
    pub merge_log: Option<PathBuf>,
}

impl Summary {
    /// Events written.
    pub fn written(&self) -> u64 {
        self.files.iter().map(|f| f.written).sum::<u64>() - self.merged
    }
}

impl fmt::Display for Summary {
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
                file.dataset.map(|d| d.to_string()).unwrap_or_default(),
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
        Some((word, rest)) if !Path::new(word).exists() && Dataset::parse(word).is_some() => {
            (Dataset::parse(word), rest)
        }
        _ => (None, args),
    };
    if files.is_empty() {
        return Err(Error::Usage(
            "import: expected one or more files after the dataset (acled, ucdp or gdelt)".into(),
        ));
    }
    files
        .iter()
        .map(|file| {
            let path = Path::new(file);
            if !path.is_file() {
                return Err(Error::Usage(format!(
                    "import {file}: expected a file to import (no such file){}",
                    if args.len() > 1 || Dataset::parse(file).is_some() {
                        ""
                    } else {
                        "; name the dataset first: acled, ucdp or gdelt"
                    }
                )));
            }
            match named {
                Some(dataset) => Ok(Source {
                    path: path.to_path_buf(),
                    dataset,
                }),
                None => Source::detect(path),
            }
        })
        .collect()
}

/// Imports the files; the summary says what happened to their rows.
pub fn run(request: &Request) -> Result<Summary, Error> {
    let sources = sources(request.args)?;
    if request.merge {
        return run_merging(request, sources);
    }
    let import = Import::open(sources)?;
    let bar = progress_bar(import.size());
    let mut tick = |bytes: u64| bar.set_position(bytes);
    let summary = match request.output {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            let files = write_csv(import, &mut file, path, &mut tick)?;
            file.commit()?;
            files
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
            match write_csv(import, &mut out, Path::new("<stdout>"), &mut tick) {
                Err(Error::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::BrokenPipe =>
                {
                    Vec::new()
                }
                other => other?,
            }
        }
    };
    bar.finish_and_clear();
    Ok(Summary {
        files: summary,
        merged: 0,
        merge_log: None,
    })
}

/// `import --merge`: every row is held until reports of one event are merged (as `dedupe`
/// merges them), then written, and the merges appended to the log.
fn run_merging(request: &Request, sources: Vec<Source>) -> Result<Summary, Error> {
    // The log names the file its merges are undone in, so the rows go to a file.
    let Some(output) = request.output else {
        return Err(Error::Usage(
            "import --merge: give -o FILE (the merge log names the file its merges can be undone in)"
                .into(),
        ));
    };
    let log = match request.merge_log {
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
    let reference = reference_data()?;
    let (rows, mut entries) = dedupe::merge_rows(&header, rows, &reference.0, &reference.1);
    let merged = entries.iter().map(|e| e.merged.len() as u64).sum();
    for entry in &mut entries {
        entry.set_file(output);
    }
    let mut file = AtomicFile::create(output)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(&mut file);
    let io = |e: csv::Error| Error::Usage(format!("{}: {e}", output.display()));
    writer.write_record(&header).map_err(io)?;
    for row in &rows {
        writer.write_record(row).map_err(io)?;
    }
    writer.flush().map_err(|e| Error::io(output, e))?;
    drop(writer);
    // The log first: merged rows are never written without the rows they replaced.
    dedupe::log::append(&log, &entries)?;
    file.commit()?;
    Ok(Summary {
        files,
        merged,
        merge_log: (!entries.is_empty()).then_some(log),
    })
}

/// The actor lexicon and gazetteer that tell one actor and one place in other words:
/// `./data`'s when it is a data folder, else none (names then compare folded).
fn reference_data() -> Result<(Lexicon, Gazetteer), Error> {
    let data = DataPaths::new("data");
    if !is_data_folder(Path::new("data")) {
        return Ok((Lexicon::default(), Gazetteer::default()));
    }
    Ok((
        Lexicon::load(&data.lexicon())?,
        Gazetteer::load(&data.gazetteer())?,
    ))
}

/// Streams the import's rows as frontline's CSV.
fn write_csv(
    import: Import,
    out: &mut dyn Write,
    path: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<Vec<FileSummary>, Error> {
    let mut head = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let names: Vec<&str> = import.columns().iter().map(|n| &**n).collect();
    // Writing to memory cannot fail.
    let _ = head.write_record(&names);
    let io = |e: std::io::Error| Error::io(path, e);
    out.write_all(&head.into_inner().unwrap_or_default())
        .map_err(io)?;
    let files = import.run(Wanted::Csv, progress, &mut |batch| match batch {
        Batch::Csv(bytes) => out.write_all(&bytes).map_err(io),
        Batch::Events(_) => Ok(()),
    })?;
    out.flush().map_err(io)?;
    Ok(files)
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
