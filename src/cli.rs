//! The command line: flags as clap parses them, before any work is done.

use clap::{Args, Parser, Subcommand, ValueEnum};
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
    /// Events by place and date range: a table, or CSV, GeoJSON, JSON or NDJSON.
    ///
    /// Exit status 0 when events match, 1 when none do, 2 on an error.
    Query {
        /// Which events.
        #[command(flatten)]
        select: SelectArgs,
        /// Output format [default: from -o's extension; else `table` on a terminal, `csv`
        /// in a pipe].
        #[arg(long, value_enum)]
        format: Option<QueryFormat>,
        /// Write here (whole or not at all) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// One chart of any selection: events per front over time, a timeline, or a map.
    Chart {
        /// Which chart.
        #[arg(value_enum)]
        kind: ChartKind,
        /// Which events.
        #[command(flatten)]
        select: SelectArgs,
        /// The period each bar of `by-front` counts.
        #[arg(long, value_enum, default_value_t = IntervalArg::Week)]
        interval: IntervalArg,
        /// The SVG file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Also write the numbers behind the chart as CSV (`by-front`: front, period, events,
        /// fatalities).
        #[arg(long)]
        table: Option<PathBuf>,
        /// A title of your own [default: says what was selected].
        #[arg(long)]
        title: Option<String>,
    },
    /// Convert ACLED, UCDP GED or GDELT 2.0 files into frontline's event columns.
    ///
    /// Name the dataset first (`frontline import ucdp ged.csv`), or leave it out and each
    /// file's header tells.
    Import {
        /// `acled`, `ucdp` or `gdelt` (optional), then the files to read.
        #[arg(required = true, value_name = "[DATASET] FILE")]
        args: Vec<String>,
        /// Write here (whole or not at all) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Merge reports of one event into one (as `dedupe` does), listing every merge in
        /// the merge log (needs -o).
        #[arg(long)]
        merge: bool,
        /// Where `--merge` lists its merges [default: the output's name + `.merges.jsonl`].
        #[arg(long, value_name = "FILE")]
        merge_log: Option<PathBuf>,
    },
    /// Layers for other tools: KML for Google Earth, TimelineJS JSON, ACLED-style CSV,
    /// GeoJSON.
    Export {
        /// What to write.
        #[arg(value_enum)]
        format: ExportFormat,
        /// Which events.
        #[command(flatten)]
        select: SelectArgs,
        /// The file to write (whole or not at all); `-` for standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// A title of your own [default: says what was selected].
        #[arg(long)]
        title: Option<String>,
    },
    /// Find reports of one event and merge them, keeping every source; every merge is
    /// listed in a merge log that `--undo` reverses.
    Dedupe {
        /// The data folder or events file to deduplicate.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// List the merges without changing any file.
        #[arg(long)]
        dry_run: bool,
        /// The merge log to append to [default: merges.jsonl in the data folder, or beside
        /// the file].
        #[arg(long, value_name = "FILE")]
        log: Option<PathBuf>,
        /// Reverse the merges listed in this log, restoring the rows they replaced.
        #[arg(long, value_name = "LOG")]
        undo: Option<PathBuf>,
    },
}

/// The selection every selecting command shares (DESIGN, "The command line").
#[derive(Clone, Debug, Args)]
pub struct SelectArgs {
    /// A data folder or an events file (frontline's CSV or JSON, or a plain ACLED export);
    /// repeat to read several.
    #[arg(long, default_value = "data", action = clap::ArgAction::Append)]
    pub data: Vec<PathBuf>,
    /// Events near a place (a name in English or Arabic, through the gazetteer) or a
    /// point LAT,LON.
    #[arg(long, value_name = "PLACE|LAT,LON", allow_hyphen_values = true)]
    pub near: Option<String>,
    /// Great-circle distance from --near, in kilometres [default: 10].
    #[arg(long, value_name = "KM")]
    pub radius: Option<f64>,
    /// Events in a box W,S,E,N in degrees (W > E crosses the antimeridian).
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
    pub bbox: Option<String>,
    /// Events inside a GeoJSON Polygon or MultiPolygon (holes left out).
    #[arg(long, value_name = "AREA.geojson")]
    pub within: Option<PathBuf>,
    /// From this day, month (2019-06) or year (2019).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// To this day, or the end of this month or year.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// How an event's dates must meet --from/--to: `overlap` (any day in range), `within`
    /// (every day in range) or `recorded` (the recorded day in range, as ACLED filters).
    #[arg(long, value_enum, default_value_t = DatesArg::Overlap)]
    pub dates: DatesArg,
    /// Events of a front (id, English or Arabic name, alias, or a name the data uses);
    /// repeat for several.
    #[arg(long)]
    pub front: Vec<String>,
    /// Events of an ACLED event type, e.g. Battles; repeat for several.
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Vec<String>,
    /// Events of an ACLED sub-event type, e.g. "Air/drone strike"; repeat for several.
    #[arg(long = "sub-type", value_name = "SUB_TYPE")]
    pub sub_type: Vec<String>,
    /// Events with an actor whose name holds these words (any actor field); repeat for
    /// several.
    #[arg(long)]
    pub actor: Vec<String>,
    /// Order: `date`, `-date` (newest first) or `distance` (from --near) [default: as read].
    #[arg(long, value_enum, allow_hyphen_values = true)]
    pub sort: Option<SortArg>,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Neither use nor keep the index cached beside large files.
    #[arg(long)]
    pub no_cache: bool,
}

/// `--dates`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DatesArg {
    /// Any day of the event in range.
    Overlap,
    /// Every day of the event in range.
    Within,
    /// The recorded day (`event_date`) in range.
    Recorded,
}

/// `--sort`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Oldest first.
    Date,
    /// Newest first.
    #[value(name = "-date")]
    DateDescending,
    /// Nearest first.
    Distance,
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

/// Formats of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// KML 2.2 for Google Earth: a folder and a style per front, dated for the time slider.
    Kml,
    /// TimelineJS 3 JSON: a title slide and one slide per event, grouped by front.
    Timelinejs,
    /// ACLED's columns, then frontline's; `frontline import` reads it back unchanged.
    Csv,
    /// An RFC 7946 FeatureCollection, as `build` writes.
    Geojson,
}

/// Charts of `chart`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChartKind {
    /// Events per period, stacked by front.
    ByFront,
    /// One lane per front, a mark per event, key events annotated.
    Timeline,
    /// Libya's outline, the front areas and the events.
    Map,
}

/// `--interval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum IntervalArg {
    /// Days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
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
