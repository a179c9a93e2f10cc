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

/// Loads and resolves the data folder; every problem is the error, else the events are
/// counted on standard error.
pub fn run(args: Args) -> Result<Status, Error> {
    let dataset = Dataset::load(&DataPaths::new(&args.data))?;
    eprintln!("frontline: {} events, no problems", dataset.events.len());
    Ok(Status::Done)
}
