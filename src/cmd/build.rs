//! `frontline build`: the main job, from `data/` to every layer and chart in `output/`.

use crate::basemap::Basemap;
use crate::chart::{self, ChartOptions};
use crate::dataset::{DataPaths, Dataset};
use crate::diagnostic::Error;
use crate::event::{Event, UNASSIGNED};
use crate::format::geojson_writer;
use crate::output::write_atomic;
use std::path::{Path, PathBuf};

/// What a build wrote.
#[derive(Debug)]
pub struct Summary {
    /// Events written.
    pub events: usize,
    /// Files written, relative to the output folder.
    pub files: Vec<PathBuf>,
}

/// Builds every output from a data folder into `out`.
pub fn run(data: &DataPaths, out: &Path) -> Result<Summary, Error> {
    let dataset = Dataset::load(data)?;
    let basemap = Basemap::load(&data.basemap())?;
    let mut files = Vec::new();
    let mut write = |relative: &str, text: String| -> Result<(), Error> {
        write_atomic(&out.join(relative), text.as_bytes())?;
        files.push(PathBuf::from(relative));
        Ok(())
    };

    let all: Vec<&Event> = dataset.events.iter().collect();
    write(
        "events.geojson",
        geojson_writer::events_collection("events", &all, &dataset.fronts),
    )?;
    write(
        "fronts.geojson",
        geojson_writer::fronts_collection(&dataset.fronts, &dataset.events),
    )?;

    let mut layer_ids: Vec<&str> = dataset
        .fronts
        .fronts
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    if dataset.events.iter().any(|e| e.front == UNASSIGNED) {
        layer_ids.push(UNASSIGNED);
    }
    for id in &layer_ids {
        let mine: Vec<&Event> = all.iter().copied().filter(|e| e.front == *id).collect();
        write(
            &format!("layers/{id}.geojson"),
            geojson_writer::events_collection(id, &mine, &dataset.fronts),
        )?;
    }
    remove_stale_layers(&out.join("layers"), &layer_ids)?;

    let options = ChartOptions::for_events(&all);
    write(
        "charts/events-by-front.svg",
        chart::by_front::render(&all, &dataset.fronts, &options),
    )?;
    write(
        "charts/timeline.svg",
        chart::timeline::render(&all, &dataset.fronts, &options),
    )?;
    write(
        "charts/map.svg",
        chart::map::render(&all, &dataset.fronts, &basemap, &options),
    )?;

    Ok(Summary {
        events: dataset.events.len(),
        files,
    })
}

/// Layers of fronts that no longer exist would mislead a reader of `output/`.
fn remove_stale_layers(folder: &Path, current: &[&str]) -> Result<(), Error> {
    let entries = std::fs::read_dir(folder).map_err(|e| Error::io(folder, e))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let is_layer = path.extension().is_some_and(|e| e == "geojson");
        if is_layer && !current.contains(&stem) {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}
