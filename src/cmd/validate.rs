//! `frontline validate`: load the data and report, changing nothing.

use super::Status;
use crate::dataset::{DataPaths, Dataset};
use crate::error::Error;
use std::path::PathBuf;

/// `frontline validate`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data folder.
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
}

/// Loads and resolves the data folder; every problem is the error (exit 2), else the
/// unreviewed plausibility warnings are listed and the events counted on standard error.
pub fn run(args: Args) -> Result<Status, Error> {
    let data = DataPaths::new(&args.data);
    let dataset = Dataset::load(&data)?;
    let control = super::control::of_dataset(&data, &dataset)?;
    for warning in &dataset.warnings {
        eprintln!("{warning}");
    }
    eprintln!(
        "frontline: {} events, {} changes of control at {} places, no problems{}",
        dataset.events.len(),
        control.history.len(),
        control.history.places.len(),
        warnings_said(dataset.warnings.len())
    );
    Ok(Status::Done)
}

/// ", 2 warnings to look at (…)" for the count line, or nothing.
pub fn warnings_said(count: usize) -> String {
    match count {
        0 => String::new(),
        n => format!(
            ", {n} warning{} to look at (once looked at, accept one in reviewed.csv: event_id_cnty,check,reason)",
            if n == 1 { "" } else { "s" }
        ),
    }
}
