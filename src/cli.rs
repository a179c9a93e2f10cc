//! The command line as clap parses it: one subcommand, each with its own flags (the `Args`
//! of its `cmd/<name>.rs`).

use crate::cmd;
use clap::{Parser, Subcommand};

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
    Build(cmd::build::Args),
    /// Report every problem in the data with its file, line and field; exit 2 if any.
    Validate(cmd::validate::Args),
    /// Look place names up in the gazetteer: the winner, the candidates, and why.
    ///
    /// Exit status 0 when every name is found, 1 when one is not, 2 on an error.
    Geocode(cmd::geocode::Args),
    /// Resolve one time expression (Arabic or English) against a publication time.
    Date(cmd::date::Args),
    /// Propose dated, geocoded, typed events from Arabic or English news text, with the
    /// words each came from.
    Extract(cmd::extract::Args),
    /// Events by place and date range: a table, or CSV, GeoJSON, JSON or NDJSON.
    ///
    /// Exit status 0 when events match, 1 when none do, 2 on an error.
    Query(cmd::query::Args),
    /// One chart of any selection: events per front over time, a timeline, or a map.
    Chart(cmd::chart::Args),
    /// Convert ACLED, UCDP GED or GDELT 2.0 files into frontline's event columns.
    ///
    /// Name the dataset first (`frontline import ucdp ged.csv`), or leave it out and each
    /// file's header tells.
    Import(cmd::import::Args),
    /// Layers for other tools: KML for Google Earth, TimelineJS JSON, ACLED-style CSV,
    /// GeoJSON.
    Export(cmd::export::Args),
    /// Find reports of one event and merge them, keeping every source; every merge is
    /// listed in a merge log that `--undo` reverses.
    Dedupe(cmd::dedupe::Args),
    /// Who held each place on a day, with the evidence and its age; areas of control and
    /// lines of contact per period; the ground each side gained and lost.
    ///
    /// Exit status 0 when places are answered for, 1 when no place matches, 2 on an error.
    Control(cmd::control::Args),
    /// Serve the events as OGC API – Features (for QGIS, GDAL, web maps) and an offline
    /// map with a time slider, on this machine only unless told otherwise.
    Serve(cmd::serve::Args),
}
