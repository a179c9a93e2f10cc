//! What the server holds, made once at start: the inputs classified and loaded (their
//! indexes in memory, read from the cache beside a large file), the reference data, the
//! area collections, the extents and the credits. A request only selects from it.

use super::areas::Areas;
use super::catalogue::{self, Collection, Extent};
use super::licence::{self, Credit};
use crate::dataset::{DataPaths, Reference};
use crate::error::Error;
use crate::filter::Bbox;
use crate::select::{Inputs, Loaded};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::Arc;

/// What to serve.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Inputs whose events are served row by row (the `events` collection).
    pub data: Vec<PathBuf>,
    /// Inputs served only as weekly counts per front (the `weekly` collection).
    pub aggregate: Vec<PathBuf>,
    /// Use and keep the index cached beside large files.
    pub cache: bool,
    /// Threads to index an uncached file with at start.
    pub workers: usize,
}

/// Everything a request is answered from.
#[derive(Debug)]
pub struct Service {
    /// The inputs served row by row, loaded; `None` when every input is aggregated.
    pub events: Option<Loaded>,
    /// Where the events come from.
    pub events_credits: Vec<Credit>,
    /// The front areas with their events' counts.
    pub fronts: Areas,
    /// Weekly counts per front of the aggregated inputs; `None` when there are none.
    pub weekly: Option<Areas>,
    /// The gazetteer and front areas every input is placed with.
    pub reference: Arc<Reference>,
    /// The map's outlines, as GeoJSON text: `countries.geojson` and `admin1-LY.geojson`
    /// of the data folder's `basemap/`, read once.
    pub basemap: Basemap,
    /// The collections as described at start.
    described: Vec<Collection>,
}

/// The basemap's files, held in memory.
#[derive(Clone, Debug, Default)]
pub struct Basemap {
    /// Libya and its neighbours.
    pub countries: Option<String>,
    /// Libya's regions.
    pub admin1: Option<String>,
}

impl Service {
    /// Classifies and loads every input, once.
    pub fn load(config: &Config) -> Result<Service, Error> {
        let all: Vec<PathBuf> = config
            .data
            .iter()
            .chain(&config.aggregate)
            .cloned()
            .collect();
        let folder = DataPaths::first_of(&all);
        let reference = Arc::new(Reference::of_folder(folder.as_ref())?);
        let load = |paths: &[PathBuf]| -> Result<Option<(Loaded, Vec<Credit>)>, Error> {
            if paths.is_empty() {
                return Ok(None);
            }
            let inputs = Inputs::classify(paths)?;
            let credits = inputs.iter().map(licence::of_input).collect();
            let loaded =
                Loaded::load(inputs, Arc::clone(&reference), config.cache, config.workers)?;
            Ok(Some((loaded, credits)))
        };
        let events = load(&config.data)?;
        if let Some((_, credits)) = &events {
            if let Some(c) = credits.iter().find(|c| c.rows_forbidden) {
                eprintln!(
                    "frontline: note: an input given with --data looks like an export of {}, whose terms forbid handing on its rows; --aggregate publishes it as weekly counts only",
                    c.title
                );
            }
        }
        let aggregated = load(&config.aggregate)?;
        let place_credits = |mut credits: Vec<Credit>| {
            if folder.is_some() {
                credits.push(licence::GEONAMES);
            }
            credits
        };
        let (events, events_credits) = match events {
            Some((loaded, credits)) => (Some(loaded), place_credits(credits)),
            None => (None, Vec::new()),
        };
        let (weekly, weekly_credits) = match aggregated {
            Some((loaded, credits)) => {
                let mut credits = place_credits(credits);
                credits.push(licence::FRONT_AREAS);
                (
                    Some(Areas::weekly(&reference.fronts, loaded.tables())),
                    credits,
                )
            }
            None => (None, Vec::new()),
        };
        let extent = events.as_ref().and_then(extent_of);
        let fronts = Areas::fronts(
            &reference.fronts,
            events.iter().flat_map(|loaded| loaded.tables()),
        );
        let basemap = match &folder {
            Some(data) => Basemap {
                countries: std::fs::read_to_string(data.basemap().join("countries.geojson")).ok(),
                admin1: std::fs::read_to_string(data.basemap().join("admin1-LY.geojson")).ok(),
            },
            None => Basemap::default(),
        };
        let mut fronts_credits = vec![licence::FRONT_AREAS];
        fronts_credits.extend(events_credits.iter().cloned());
        let described = catalogue::describe(
            events.as_ref().map(|_| (extent, events_credits.as_slice())),
            (&fronts, &fronts_credits),
            weekly.as_ref().map(|w| (w, weekly_credits.as_slice())),
        );
        Ok(Service {
            events,
            events_credits,
            fronts,
            weekly,
            reference,
            basemap,
            described,
        })
    }

    /// Whether any input is served as aggregates only.
    pub fn has_aggregates(&self) -> bool {
        self.weekly.is_some()
    }

    /// The collections, in order, as described at start.
    pub fn collections(&self) -> &[Collection] {
        &self.described
    }

    /// The collection with this id.
    pub fn collection(&self, id: &str) -> Option<&Collection> {
        self.described.iter().find(|c| c.id == id)
    }
}

/// The box around the events' points and their first and last days, from the index tables.
fn extent_of(loaded: &Loaded) -> Option<Extent> {
    let mut bounds: Option<(f64, f64, f64, f64, i32, i32)> = None;
    for table in loaded.tables() {
        for e in &table.entries {
            bounds = Some(match bounds {
                None => (e.lon, e.lat, e.lon, e.lat, e.start, e.end),
                Some((w, s, east, n, first, last)) => (
                    w.min(e.lon),
                    s.min(e.lat),
                    east.max(e.lon),
                    n.max(e.lat),
                    first.min(e.start),
                    last.max(e.end),
                ),
            });
        }
    }
    let (w, s, e, n, first, last) = bounds?;
    Some(Extent {
        bbox: Bbox::new(w, s, e, n),
        first: NaiveDate::from_num_days_from_ce_opt(first)?,
        last: NaiveDate::from_num_days_from_ce_opt(last)?,
    })
}
