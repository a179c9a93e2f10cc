//! The command line: flags as clap parses them, before any work is done.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn dated reports of an armed conflict into a geocoded timeline.
#[derive(Debug, Parser)]
#[command(name = "frontline", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate data/, resolve dates and places, and write every layer and chart to output/.
    Build {
        /// The data folder (events/, gazetteer/, fronts.geojson, basemap/).
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Where to write the layers and charts.
        #[arg(long, default_value = "output")]
        out: PathBuf,
    },
    /// Report every problem in the data with its file, line and field; exit 2 if any.
    Validate {
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Look place names up in the gazetteer: the winner, the candidates, and why.
    Geocode {
        /// Place names, in Arabic or Latin script.
        #[arg(required = true)]
        names: Vec<String>,
        /// Prefer places in this country (name or ISO code, e.g. LY).
        #[arg(long)]
        country: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GeocodeFormat::Table)]
        format: GeocodeFormat,
        /// The data folder whose gazetteer to use.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
}

/// Output formats of `geocode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GeocodeFormat {
    /// Aligned text for a person.
    Table,
    /// A JSON array, one object per name.
    Json,
}
