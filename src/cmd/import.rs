//! `frontline import`: ACLED, UCDP GED and GDELT files into frontline's event columns.

use crate::diagnostic::Error;
use crate::import::convert::{FileSummary, Import, Source};
use crate::import::Dataset;
use crate::output::AtomicFile;
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
    if request.merge {
        return Err(Error::Usage("import --merge: not built yet".into()));
    }
    let import = Import::open(sources(request.args)?)?;
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

/// Streams the import's rows as frontline's CSV.
fn write_csv(
    import: Import,
    out: &mut dyn Write,
    path: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<Vec<FileSummary>, Error> {
    let csv_error = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => Error::io(path, e),
        other => Error::Usage(format!("{}: {other:?}", path.display())),
    };
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let names: Vec<&str> = import.columns().iter().map(|n| &**n).collect();
    writer.write_record(&names).map_err(csv_error)?;
    let files = import.run(progress, &mut |row| {
        writer.write_record(row.values).map_err(csv_error)
    })?;
    writer.flush().map_err(|e| Error::io(path, e))?;
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
