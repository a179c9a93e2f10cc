//! Control: who held which place when, from sourced changes (`data/control.csv` and the
//! territory-change events of any events file), and the areas, lines of contact and
//! gains derived from them.
//!
//! - [`sides`]: the LNA, the GNA and the forces aligned with each (`data/sides.csv`);
//! - [`place`]: the places control is known for, each once;
//! - [`change`]: a change of control, read from the control file or an event;
//! - [`history`]: who held each place on a day, with the evidence and its age;
//! - [`areas`]: areas of control, cells and lines of contact derived for a day;
//! - [`period`], [`movement`]: periods, their areas, and the ground gained and lost;
//! - [`layer`]: the time-enabled GeoJSON layer of areas, lines and places;
//! - [`report`]: a day's holdings as a table, CSV, JSON or GeoJSON.

pub mod areas;
pub mod change;
pub mod history;
pub mod layer;
pub mod movement;
pub mod period;
pub mod place;
pub mod report;
pub mod sides;

use crate::dataset::Reference;
use crate::error::Error;
use crate::event::Event;
use std::path::PathBuf;

/// The file names of a data folder's control data, beside its `events/`.
pub const CONTROL_FILE: &str = "control.csv";
/// The sides file of a data folder.
pub const SIDES_FILE: &str = "sides.csv";

/// Builds the control history from control files and events: the files' rows first (so a
/// place is named as the curated file names it), then the events' territory changes.
/// Every problem of every file is reported together.
pub fn load_history(
    reference: &Reference,
    sides: &sides::Sides,
    files: &[PathBuf],
    events: &[&Event],
    actors: Option<&[String]>,
) -> Result<history::History, Error> {
    let mut places = place::Places::new(reference);
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        match change::load(file, &mut places, sides, actors) {
            Ok(rows) => changes.extend(rows),
            Err(Error::Invalid(found)) => problems.extend(found),
            Err(other) => return Err(other),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    for event in events {
        changes.extend(change::from_event(event, &mut places, sides));
    }
    Ok(history::History::new(places.places, changes))
}
