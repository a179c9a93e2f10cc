//! `frontline build`: the main job, from `data/` to every layer and chart in `output/`.

use super::Status;
use crate::basemap::Basemap;
use crate::chart::tally::{Interval, Tally};
use crate::chart::{self, ChartOptions};
use crate::control::areas::DEFAULT_REACH_KM;
use crate::control::layer as control_layer;
use crate::control::period::Every;
use crate::dataset::{DataPaths, Dataset};
use crate::error::Error;
use crate::event::{Event, UNASSIGNED};
use crate::format::{geojson_writer, kml_writer, sources_writer, timelinejs_writer};
use crate::output::write_atomic;
use crate::phase;
use chrono::{Datelike, Months};
use std::path::{Path, PathBuf};

/// `frontline build`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data folder (events/, gazetteer/, fronts.geojson, basemap/, phases.csv).
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// Where to write the layers and charts.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
}

/// Builds every output and says how many events and files on standard error.
pub fn run(args: Args) -> Result<Status, Error> {
    let built = build(&DataPaths::new(&args.data), &args.out)?;
    for warning in &built.warnings {
        eprintln!("{warning}");
    }
    eprintln!(
        "frontline: {} events; wrote {} files to {}{}",
        built.events,
        built.files.len(),
        args.out.display(),
        super::validate::warnings_said(built.warnings.len())
    );
    Ok(Status::Done)
}

/// What a build wrote.
#[derive(Debug)]
pub struct Built {
    /// Events written.
    pub events: usize,
    /// Files written, relative to the output folder.
    pub files: Vec<PathBuf>,
    /// Plausibility warnings nobody has reviewed.
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
}

/// Builds every output from a data folder into `out`. Everything is read and checked
/// before the first file is written, so bad data leaves the previous output whole.
pub fn build(data: &DataPaths, out: &Path) -> Result<Built, Error> {
    let dataset = Dataset::load(data)?;
    let basemap = Basemap::load(&data.basemap())?;
    let phases = phase::load(&data.phases())?;
    let control = crate::cmd::control::of_dataset(data, &dataset)?;
    let fronts = &dataset.reference.fronts;
    let mut files = Vec::new();
    let mut write = |relative: &str, text: String| -> Result<(), Error> {
        write_atomic(&out.join(relative), text.as_bytes())?;
        files.push(PathBuf::from(relative));
        Ok(())
    };

    let all: Vec<&Event> = dataset.events.iter().collect();
    write(
        "events.geojson",
        geojson_writer::events_collection("events", &all, fronts),
    )?;
    write(
        "fronts.geojson",
        geojson_writer::fronts_collection(fronts, &dataset.events),
    )?;
    write("sources.csv", sources_writer::write(&all))?;

    let mut layer_ids: Vec<&str> = fronts.fronts.iter().map(|f| f.id.as_str()).collect();
    if dataset.events.iter().any(|e| e.front == UNASSIGNED) {
        layer_ids.push(UNASSIGNED);
    }
    for id in &layer_ids {
        let mine: Vec<&Event> = all.iter().copied().filter(|e| e.front == *id).collect();
        write(
            &format!("layers/{id}.geojson"),
            geojson_writer::events_collection(id, &mine, fronts),
        )?;
    }
    remove_stale_layers(&out.join("layers"), &layer_ids)?;

    // The same events for Google Earth and TimelineJS, oldest first.
    let mut by_date = all.clone();
    by_date.sort_by(|a, b| crate::cmd::export::by_date(a, b));
    let title = "Events by front";
    write("events.kml", kml_writer::write(&by_date, fronts, title))?;
    write(
        "timeline.json",
        timelinejs_writer::write(&by_date, fronts, title, &phases),
    )?;

    let charted = charted_period(&all);
    let mut options = ChartOptions::for_events(&charted);
    let left_out = all.len() - charted.len();
    if left_out > 0 {
        options.credit.push_str(&format!(
            " {left_out} event{} outside the period of the key events not charted.",
            if left_out == 1 { "" } else { "s" }
        ));
    }
    let mut tally = Tally::new(Interval::Week);
    for event in &charted {
        tally.add(
            &event.front,
            event.recorded_day(),
            event.fatalities.best.unwrap_or(0),
        );
    }
    write(
        "charts/events-by-front.svg",
        chart::by_front::render(&tally, fronts, &options),
    )?;
    write(
        "charts/timeline.svg",
        chart::timeline::render(&charted, fronts, &options),
    )?;
    write(
        "charts/map.svg",
        chart::map::render(&charted, fronts, &basemap, &options),
    )?;

    // The war's movement: areas from each day a change became known, over the phases.
    let movement = crate::cmd::control::movement_of(&control, Every::Change, DEFAULT_REACH_KM);
    write(
        "control.geojson",
        control_layer::write(
            "control",
            &movement.history,
            &movement.frames,
            &control.sides,
            DEFAULT_REACH_KM,
        ),
    )?;

    let panels = crate::cmd::control::phase_panels(&phases);
    let snapshots = crate::cmd::control::snapshots(&control, &panels, DEFAULT_REACH_KM);
    let mut movement_options = ChartOptions::for_events(&control_events(&control, &dataset.events));
    movement_options.credit = movement_options.credit.replace(
        "Events: frontline",
        "Control: frontline (data/control.csv and the territory changes among the events)",
    );
    write(
        "charts/front-movement.svg",
        chart::front_movement::render(
            &control.history,
            &panels,
            &snapshots,
            &control.sides,
            &basemap,
            &movement_options,
        ),
    )?;

    // The ground each side gained and lost, month by month over the war.
    let monthly = crate::cmd::control::movement_of(&control, Every::Month, DEFAULT_REACH_KM);
    let gains = crate::control::movement::gains(&monthly.history, &monthly.frames);
    write(
        "charts/control-change.svg",
        chart::control_change::render(&gains, &control.sides, &movement_options),
    )?;

    Ok(Built {
        events: dataset.events.len(),
        files,
        warnings: dataset.warnings,
    })
}

/// The events the report's charts cover: those overlapping the months from the first key
/// event to the last (the offensive to the ceasefire), so a look back at 2016 in one report
/// does not stretch every axis across three empty years. All events when none is key.
fn charted_period<'a>(events: &[&'a Event]) -> Vec<&'a Event> {
    let keys = events.iter().filter(|e| e.key);
    let (Some(first), Some(last)) = (
        keys.clone().map(|e| e.date.start).min(),
        keys.map(|e| e.date.end).max(),
    ) else {
        return events.to_vec();
    };
    let from = first.with_day(1).unwrap_or(first);
    let to = last
        .with_day(1)
        .and_then(|d| d.checked_add_months(Months::new(1)))
        .and_then(|d| d.pred_opt())
        .unwrap_or(last);
    events
        .iter()
        .copied()
        .filter(|e| e.date.overlaps(from, to))
        .collect()
}

/// The events whose territory changes are control evidence, for the credit line (the
/// control file's own sources are credited with them).
fn control_events<'a>(
    control: &crate::cmd::control::Loaded,
    events: &'a [Event],
) -> Vec<&'a Event> {
    let ids: std::collections::HashSet<&str> =
        control.history.changes().map(|c| c.basis.id()).collect();
    events
        .iter()
        .filter(|e| ids.contains(e.event_id_cnty.as_str()))
        .collect()
}

/// Layers of fronts that no longer exist would mislead a reader of `output/`.
fn remove_stale_layers(folder: &Path, current: &[&str]) -> Result<(), Error> {
    if !folder.is_dir() {
        return Ok(());
    }
    let entries = std::fs::read_dir(folder).map_err(|e| Error::read(folder, e))?;
    for entry in entries {
        let path = entry.map_err(|e| Error::read(folder, e))?.path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let is_layer = path.extension().is_some_and(|e| e == "geojson");
        if is_layer && !current.contains(&stem) {
            std::fs::remove_file(&path).map_err(|e| Error::write(&path, e))?;
        }
    }
    Ok(())
}
