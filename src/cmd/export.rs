//! `frontline export`: the selected events as KML, TimelineJS JSON, ACLED-style CSV or
//! GeoJSON, for Google Earth, TimelineJS, spreadsheets and GIS.

use super::selection::SelectArgs;
use super::Status;
use crate::error::Error;
use crate::event::Event;
use crate::format::{acled_writer, kml_writer, timelinejs_writer};
use crate::output::Target;
use crate::phase::{self, Phase};
use crate::select::{Request, Sort};
use crate::sink::{Collect, Encode, Encoding};
use clap::ValueEnum;
use std::path::PathBuf;

/// `frontline export`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to write.
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// Which events.
    #[command(flatten)]
    pub select: SelectArgs,
    /// The file to write (whole or not at all); `-` for standard output.
    #[arg(short, long)]
    pub output: PathBuf,
    /// A title of your own [default: says what was selected].
    #[arg(long)]
    pub title: Option<String>,
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

/// Writes the selected events in the format asked and says how many on standard error.
pub fn run(args: Args) -> Result<Status, Error> {
    let request = args.select.request()?;
    let target = Target::new(Some(&args.output))?;
    let fronts = &request.reference.fronts;
    let outcome = match args.format {
        // Streamed: one row or feature at a time, as `query` writes them.
        ExportFormat::Csv | ExportFormat::Geojson => {
            let encoding = match args.format {
                ExportFormat::Geojson => Encoding::Geojson,
                _ => Encoding::AcledCsv(acled_writer::header(
                    request.inputs.columns().names().iter().map(|n| &**n),
                )),
            };
            let sink = Encode::new(encoding, fronts, target);
            let outcome = request.run(&sink)?;
            sink.finish()?.commit()?;
            outcome
        }
        // A document per front, a timeline: every event first.
        ExportFormat::Kml | ExportFormat::Timelinejs => {
            let collect = Collect::default();
            let outcome = request.run(&collect)?;
            let mut events = collect.into_events();
            if request.selection.sort == Sort::AsRead {
                events.sort_by(by_date);
            }
            let refs: Vec<&Event> = events.iter().collect();
            let title = args.title.unwrap_or_else(|| default_title(&request));
            let text = match args.format {
                ExportFormat::Kml => kml_writer::write(&refs, fronts, &title),
                _ => timelinejs_writer::write(&refs, fronts, &title, &phases(&request)?),
            };
            let mut target = target;
            target.put(text.as_bytes())?;
            target.commit()?;
            outcome
        }
    };
    eprintln!("{}", outcome.line(&request.selection.filter));
    Ok(Status::Done)
}

/// The title of a layer or timeline: what was selected.
fn default_title(request: &Request) -> String {
    let what = request.selection.filter.to_string();
    if what.is_empty() {
        "Events".to_string()
    } else {
        format!("Events {what}")
    }
}

/// The phases of the war (TimelineJS's eras) from the inputs' data folder when one of the
/// inputs is a data folder; none for bare events files.
fn phases(request: &Request) -> Result<Vec<Phase>, Error> {
    match request.inputs.data_folder() {
        Some(folder) => phase::load(&folder.phases()),
        None => Ok(Vec::new()),
    }
}

/// The order of a KML document and a timeline: oldest first, then by end and id, so the
/// same selection gives the same bytes however its inputs were read.
pub fn by_date(a: &Event, b: &Event) -> std::cmp::Ordering {
    (a.date.start, a.date.end, &a.event_id_cnty).cmp(&(b.date.start, b.date.end, &b.event_id_cnty))
}
