//! Loading a data folder: read → validate → resolve dates and places → assign fronts.

use crate::basemap::{Basemap, Region};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::event::record::{self, Column, Draft};
use crate::event::{anchor, Event, UNASSIGNED};
use crate::format;
use crate::front::Fronts;
use crate::gazetteer::Gazetteer;
use crate::locate::locate;
use crate::plausibility::{self, Plausibility, Reviewed};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The files of a data folder (DESIGN, "Data on disk").
#[derive(Clone, Debug)]
pub struct DataPaths {
    /// The folder itself.
    pub root: PathBuf,
}

impl DataPaths {
    /// The layout under `root`.
    pub fn new(root: impl Into<PathBuf>) -> DataPaths {
        DataPaths { root: root.into() }
    }
    /// `events/`: curated events, the source of truth.
    pub fn events(&self) -> PathBuf {
        self.root.join("events")
    }
    /// `gazetteer/`: GeoNames rows and the alias table.
    pub fn gazetteer(&self) -> PathBuf {
        self.root.join("gazetteer")
    }
    /// `fronts.geojson`: the front areas.
    pub fn fronts(&self) -> PathBuf {
        self.root.join("fronts.geojson")
    }
    /// `lexicon/`: actors, trigger words and cues for reading news text.
    pub fn lexicon(&self) -> PathBuf {
        self.root.join("lexicon")
    }
    /// `basemap/`: Natural Earth outlines.
    pub fn basemap(&self) -> PathBuf {
        self.root.join("basemap")
    }
    /// `phases.csv`: the phases of the war, for TimelineJS eras.
    pub fn phases(&self) -> PathBuf {
        self.root.join("phases.csv")
    }

    /// `reviewed.csv`: plausibility warnings a person looked at and accepted.
    pub fn reviewed(&self) -> PathBuf {
        self.root.join("reviewed.csv")
    }

    /// Whether the folder is a data folder (it has `events/` and `fronts.geojson`).
    pub fn is_data_folder(&self) -> bool {
        self.events().is_dir() && self.fronts().is_file()
    }

    /// The first data folder among `paths`, else `./data` when it is one: where a file of
    /// events given alone takes its gazetteer, fronts and basemap from.
    pub fn first_of(paths: &[PathBuf]) -> Option<DataPaths> {
        paths
            .iter()
            .map(DataPaths::new)
            .find(DataPaths::is_data_folder)
            .or_else(|| Some(DataPaths::new("data")).filter(DataPaths::is_data_folder))
    }
}

/// The reference data events are resolved against, loaded once from a data folder: the
/// gazetteer that places rows without coordinates (and `--near NAME`), and the front areas
/// that assign rows without a front (and `--front`).
#[derive(Debug)]
pub struct Reference {
    /// Places.
    pub gazetteer: Gazetteer,
    /// Front areas, in chart order.
    pub fronts: Fronts,
    /// The files these were read from, sorted (a cached index depends on them).
    pub files: Vec<PathBuf>,
    /// The data folder they were loaded from, if any.
    pub folder: Option<PathBuf>,
    /// Country outlines (`basemap/countries.geojson`), to check a point is in its country;
    /// empty when the folder has none.
    pub countries: Vec<Region>,
}

impl Reference {
    /// The gazetteer and front areas of a data folder.
    pub fn load(data: &DataPaths) -> Result<Reference, Error> {
        let mut files = vec![data.fronts()];
        if let Ok(entries) = std::fs::read_dir(data.gazetteer()) {
            let mut tsv: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
                .collect();
            tsv.sort();
            files.extend(tsv);
        }
        let outlines = data.basemap().join("countries.geojson");
        let countries = if outlines.is_file() {
            files.push(outlines.clone());
            Basemap::countries(&outlines)?
        } else {
            Vec::new()
        };
        Ok(Reference {
            gazetteer: Gazetteer::load(&data.gazetteer())?,
            fronts: Fronts::load(&data.fronts())?,
            files,
            folder: Some(data.root.clone()),
            countries,
        })
    }

    /// No reference data: rows must carry coordinates, and fronts are as written.
    pub fn none() -> Reference {
        Reference {
            gazetteer: Gazetteer::default(),
            fronts: Fronts::default(),
            files: Vec::new(),
            folder: None,
            countries: Vec::new(),
        }
    }

    /// The reference of a data folder, or none.
    pub fn of_folder(folder: Option<&DataPaths>) -> Result<Reference, Error> {
        match folder {
            Some(folder) => Reference::load(folder),
            None => Ok(Reference::none()),
        }
    }
}

/// A data folder loaded whole: its events resolved against its reference data and checked
/// for plausibility, as `build` and `validate` load it.
#[derive(Debug)]
pub struct Dataset {
    /// Events sorted by start date, end date, then id.
    pub events: Vec<Event>,
    /// The gazetteer and front areas they were resolved against.
    pub reference: Reference,
    /// Plausibility warnings nobody has reviewed (`reviewed.csv`), for a person to look at.
    pub warnings: Vec<Diagnostic>,
}

impl Dataset {
    /// Loads and resolves a data folder; any problem in any file (a malformed field, an
    /// implausible event) fails the load with every problem listed.
    pub fn load(paths: &DataPaths) -> Result<Dataset, Error> {
        let reference = Reference::load(paths)?;
        let reviewed = Reviewed::load(&paths.reviewed())?;
        let events = resolve_events(&paths.events(), &reference)?;
        let checks = Plausibility::new(
            &reference.gazetteer,
            &reference.fronts,
            &reference.countries,
        );
        let findings = events.iter().flat_map(|e| checks.warnings(e)).collect();
        let mut warnings = reviewed.sort(findings).warnings;
        warnings.sort_by(|a, b| a.origin.cmp(&b.origin));
        Ok(Dataset {
            events,
            reference,
            warnings,
        })
    }
}

/// Reads every events file under `events` and resolves each record into an event.
pub fn resolve_events(events: &Path, reference: &Reference) -> Result<Vec<Event>, Error> {
    resolve_events_naming(events, reference, FrontNames::Known)
}

/// [`resolve_events`] for events whose written fronts may be any name (`names`), as in a
/// single imported file.
pub fn resolve_events_naming(
    events: &Path,
    reference: &Reference,
    names: FrontNames,
) -> Result<Vec<Event>, Error> {
    let mut problems = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut broken = HashSet::new();
    for file in format::event_files(events)? {
        for raw in format::read_events_file(&file, &mut problems)? {
            match record::parse(&raw, &mut problems) {
                Some(draft) => drafts.push(draft),
                None => {
                    broken.insert(raw.get(Column::EventIdCnty).to_string());
                }
            }
        }
    }
    check_unique_ids(&drafts, &mut problems);
    let dates = anchor::resolve(&drafts, &broken, &mut problems);

    let mut resolved = Vec::with_capacity(drafts.len());
    let mut known = FrontCache::default();
    for (draft, date) in drafts.into_iter().zip(dates) {
        let placed = place(draft, reference, names, &mut known, &mut problems);
        let Some(mut event) = placed else {
            continue;
        };
        // A missing date was reported where it was found (the anchor or the date field).
        let Some(date) = date else { continue };
        event.date = date;
        problems.extend(
            plausibility::errors(&event, &reference.countries)
                .into_iter()
                .map(|f| f.problem),
        );
        resolved.push(event);
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.origin.cmp(&b.origin));
        return Err(Error::Invalid(problems));
    }
    resolved.sort_by(|a, b| {
        (a.date.start, a.date.end, &a.event_id_cnty).cmp(&(
            b.date.start,
            b.date.end,
            &b.event_id_cnty,
        ))
    });
    Ok(resolved)
}

fn check_unique_ids(drafts: &[Draft], problems: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Draft> = HashMap::new();
    for draft in drafts {
        let id = draft.event.event_id_cnty.as_str();
        if let Some(first) = seen.get(id) {
            problems.push(Diagnostic::field(
                &draft.event.origin,
                "event_id_cnty",
                id,
                format!("an id used once ({id} is also at {})", first.event.origin),
            ));
        } else {
            seen.insert(id, draft);
        }
    }
}

/// What a written `front` may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontNames {
    /// A front of `fronts.geojson` (curated data: anything else is a typo).
    Known,
    /// Any name; one `fronts.geojson` does not know is kept as written (a foreign file's
    /// own fronts, such as "South Tripoli").
    Any,
}

/// Front names already looked up: a file names the same few fronts on every row.
#[derive(Debug, Default)]
pub struct FrontCache(HashMap<String, Option<String>>);

impl FrontCache {
    /// The id of the front a name names, if `fronts` has it.
    pub fn id(&mut self, fronts: &Fronts, name: &str) -> Option<String> {
        if let Some(id) = self.0.get(name) {
            return id.clone();
        }
        let id = fronts.find(name).map(|f| f.id.clone());
        self.0.insert(name.to_string(), id.clone());
        id
    }
}

/// Places a draft: its written point or the gazetteer's, and its front (written, else the
/// smallest front area holding the point). Problems are pushed and the event dropped.
pub fn place(
    draft: Draft,
    reference: &Reference,
    names: FrontNames,
    known: &mut FrontCache,
    problems: &mut Vec<Diagnostic>,
) -> Option<Event> {
    let (gazetteer, fronts) = (&reference.gazetteer, &reference.fronts);
    let mut event = draft.event;
    match draft.point {
        Some(point) => event.point = point,
        None => match locate(gazetteer, fronts, &event.location, Some(&event.country)) {
            Ok(found) => {
                event.point = found.point();
                event.geonameid = Some(found.geonameid());
                if !draft.geo_precision_given {
                    event.geo_precision = found.geo_precision();
                }
            }
            Err(not_found) => {
                let mut expected = "a place in the gazetteer (data/gazetteer/) or a front's name, or latitude and longitude".to_string();
                if !not_found.suggestions.is_empty() {
                    expected.push_str(&format!(
                        "; did you mean {}?",
                        not_found.suggestions.join(", ")
                    ));
                }
                problems.push(Diagnostic::field(
                    &event.origin,
                    "location",
                    &event.location,
                    expected,
                ));
                return None;
            }
        },
    }
    event.front = match draft.front {
        Some(name) if name == UNASSIGNED => name,
        Some(name) => match known.id(fronts, &name) {
            Some(id) => id,
            None if names == FrontNames::Any => name,
            None => {
                let ids: Vec<&str> = fronts.fronts.iter().map(|f| f.id.as_str()).collect();
                problems.push(Diagnostic::field(
                    &event.origin,
                    "front",
                    &name,
                    format!(
                        "a front id, name or alias from fronts.geojson ({}), or empty",
                        ids.join(", ")
                    ),
                ));
                return None;
            }
        },
        None => fronts
            .containing(event.point)
            .map(|f| f.id.clone())
            .unwrap_or_else(|| UNASSIGNED.to_string()),
    };
    Some(event)
}
