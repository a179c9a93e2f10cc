//! `frontline query`: the selected events as a table, CSV, GeoJSON, JSON or NDJSON.

use super::selection::SelectArgs;
use super::Status;
use crate::error::Error;
use crate::output::Target;
use crate::sink::{Encode, Encoding};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// `frontline query`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which events.
    #[command(flatten)]
    pub select: SelectArgs,
    /// Output format [default: from -o's extension; else `table` on a terminal, `csv`
    /// in a pipe].
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
    /// Write here (whole or not at all) instead of standard output; `-` for standard
    /// output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Output formats of `query`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for a person: date, place, front, type, actors, fatalities.
    Table,
    /// The input's own columns (ACLED's and frontline's), as written.
    Csv,
    /// An RFC 7946 FeatureCollection, as `build` writes.
    Geojson,
    /// An array of event objects.
    Json,
    /// One event object per line.
    Ndjson,
}

/// Selects, writes the events, and says how many on standard error; nothing matched is
/// exit 1, as grep.
pub fn run(args: Args) -> Result<Status, Error> {
    let request = args.select.request()?;
    let format = args
        .format
        .unwrap_or_else(|| default_format(args.output.as_deref()));
    let encoding = match format {
        QueryFormat::Table => Encoding::Table,
        QueryFormat::Csv => Encoding::Csv(request.inputs.columns()),
        QueryFormat::Geojson => Encoding::Geojson,
        QueryFormat::Json => Encoding::Json,
        QueryFormat::Ndjson => Encoding::Ndjson,
    };
    let target = Target::new(args.output.as_deref())?;
    let sink = Encode::new(encoding, &request.reference.fronts, target);
    let outcome = request.run(&sink)?;
    sink.finish()?.commit()?;
    eprintln!("{}", outcome.line(&request.selection.filter));
    Ok(if outcome.selected > 0 {
        Status::Done
    } else {
        Status::NothingMatched
    })
}

/// The format `-o`'s extension names, else a table for a person at a terminal and CSV
/// for a pipe.
fn default_format(output: Option<&Path>) -> QueryFormat {
    let by_extension = output
        .filter(|p| *p != Path::new("-"))
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let to_terminal = output.is_none_or(|p| p == Path::new("-")) && std::io::stdout().is_terminal();
    match by_extension.as_deref() {
        Some("geojson") => QueryFormat::Geojson,
        Some("json") => QueryFormat::Json,
        Some("ndjson" | "jsonl") => QueryFormat::Ndjson,
        Some("csv") => QueryFormat::Csv,
        Some(_) => QueryFormat::Table,
        None if to_terminal => QueryFormat::Table,
        None => QueryFormat::Csv,
    }
}
