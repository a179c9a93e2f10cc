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
    /// Resolve one time expression (Arabic or English) against a publication time.
    Date {
        /// The expression, e.g. "الخميس الماضي" or "7 April".
        expression: String,
        /// When the text was published: RFC 3339, YYYY-MM-DDTHH:MM or YYYY-MM-DD.
        #[arg(long)]
        published: String,
        /// The language of the expression.
        #[arg(long, value_enum, default_value_t = LangArg::Auto)]
        lang: LangArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DateFormat::Text)]
        format: DateFormat,
    },
    /// Propose dated, geocoded, typed events from Arabic or English news text, with the
    /// words each came from.
    Extract {
        /// Text files to read; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// When the text was published: RFC 3339, YYYY-MM-DDTHH:MM or YYYY-MM-DD.
        #[arg(long)]
        published: String,
        /// The language of the text.
        #[arg(long, value_enum, default_value_t = LangArg::Auto)]
        lang: LangArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The data folder whose gazetteer, fronts and lexicons to use.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
}

/// The language a text is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Arabic.
    Ar,
    /// English.
    En,
    /// Decided from the text's letters.
    Auto,
}

/// Output formats of `date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DateFormat {
    /// One line for a person.
    Text,
    /// A JSON object.
    Json,
}

/// Output formats of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// frontline's event columns, valid input for `build` once reviewed.
    Csv,
    /// An array of event objects with `confidence` and `provenance`.
    Json,
    /// A FeatureCollection, as `build` writes.
    Geojson,
}

/// Output formats of `geocode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GeocodeFormat {
    /// Aligned text for a person.
    Table,
    /// A JSON array, one object per name.
    Json,
}
