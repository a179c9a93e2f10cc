//! The gazetteer: GeoNames rows for Libya and its neighbours plus frontline's alias table
//! for places GeoNames lacks (Tripoli's neighbourhoods and the fronts).

pub mod geocode;
pub mod variants;

use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::text::fold;
use std::collections::HashMap;
use std::path::Path;

/// Which table a place came from; curated alias rows come first when all else ties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Table {
    /// frontline's alias table, each row with its own source.
    Alias,
    /// A row in GeoNames format (CC BY 4.0), from GeoNames itself or GDELT's place table.
    GeoNames,
}

/// One place of the gazetteer, with GeoNames' field names.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// GeoNames id, a GDELT/GNS id (negative), or `fl:<slug>` for an alias row.
    pub geonameid: String,
    /// Main name.
    pub name: String,
    /// Every other spelling, Latin and Arabic.
    pub alternatenames: Vec<String>,
    /// WGS84 latitude.
    pub latitude: f64,
    /// WGS84 longitude.
    pub longitude: f64,
    /// GeoNames feature class (P populated place, A administrative area, S spot ...).
    pub feature_class: String,
    /// GeoNames feature code (PPLC, PPLX, AIRP, MILB ...).
    pub feature_code: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: String,
    /// First-order administrative code or name.
    pub admin1: String,
    /// Population, 0 when unknown.
    pub population: u64,
    /// The table the row came from.
    pub table: Table,
    /// For alias rows, the public source of the coordinate.
    pub source: String,
}

impl Place {
    /// Every name of the place, main name first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.alternatenames.iter().map(String::as_str))
    }
}

/// All places, indexed by folded name and by spelling skeleton.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// The places, in load order.
    pub places: Vec<Place>,
    /// Each place's names, folded, main name first (parallel to `places`).
    folded: Vec<Vec<String>>,
    exact: HashMap<String, Vec<usize>>,
    loose: HashMap<String, Vec<usize>>,
}

impl Gazetteer {
    /// Loads every `*.tsv` of a folder: `aliases.tsv`-style files (with an `id` header) and
    /// GeoNames dumps (19 columns, no header). Every bad row is reported.
    pub fn load(folder: &Path) -> Result<Gazetteer, Error> {
        let entries = std::fs::read_dir(folder).map_err(|e| Error::read(folder, e))?;
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
            .collect();
        files.sort();
        let mut problems = Vec::new();
        let mut places = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).map_err(|e| Error::read(file, e))?;
            if text.starts_with("id\t") {
                read_aliases(file, &text, &mut places, &mut problems);
            } else {
                read_geonames(file, &text, &mut places, &mut problems);
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        Ok(Gazetteer::from_places(places))
    }

    /// Builds the indexes over a list of places.
    pub fn from_places(places: Vec<Place>) -> Gazetteer {
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        let mut loose: HashMap<String, Vec<usize>> = HashMap::new();
        let mut folded = Vec::with_capacity(places.len());
        for (i, place) in places.iter().enumerate() {
            folded.push(place.names().map(fold).collect());
            for name in place.names() {
                let key = fold(name);
                if key.is_empty() {
                    continue;
                }
                push_unique(exact.entry(key).or_default(), i);
                for loose_key in variants::variant_keys(name) {
                    push_unique(loose.entry(loose_key).or_default(), i);
                }
            }
        }
        Gazetteer {
            places,
            folded,
            exact,
            loose,
        }
    }

    /// Places whose name folds to the same key as `name`.
    pub fn exact(&self, name: &str) -> &[usize] {
        self.exact_key(&fold(name))
    }

    /// The folded names of place `i`, main name first.
    pub fn folded_names(&self, i: usize) -> &[String] {
        &self.folded[i]
    }

    /// Places whose folded name is `key`, for callers that fold once themselves.
    pub fn exact_key(&self, key: &str) -> &[usize] {
        self.exact.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Places with a name that shares a variant key with `name`.
    pub fn loose(&self, name: &str) -> Vec<usize> {
        let mut found: Vec<usize> = variants::variant_keys(name)
            .iter()
            .filter_map(|k| self.loose.get(k))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The folded names of the gazetteer, for suggestions.
    pub fn keys(&self) -> impl Iterator<Item = (&String, &Vec<usize>)> {
        self.exact.iter()
    }
}

fn push_unique(list: &mut Vec<usize>, i: usize) {
    if list.last() != Some(&i) {
        list.push(i);
    }
}

fn read_geonames(file: &Path, text: &str, places: &mut Vec<Place>, problems: &mut Vec<Diagnostic>) {
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let origin = Origin::at(file, n as u64 + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 19 {
            problems.push(Diagnostic::record(
                &origin,
                format!("19 tab-separated GeoNames columns (found {})", cols.len()),
            ));
            continue;
        }
        let Some((latitude, longitude)) = coordinates(&origin, cols[4], cols[5], problems) else {
            continue;
        };
        places.push(Place {
            geonameid: cols[0].to_string(),
            name: cols[1].to_string(),
            alternatenames: split_names(cols[3]),
            latitude,
            longitude,
            feature_class: cols[6].to_string(),
            feature_code: cols[7].to_string(),
            country_code: cols[8].to_string(),
            admin1: cols[10].to_string(),
            population: cols[14].parse().unwrap_or(0),
            table: Table::GeoNames,
            // GDELT's place table keys places by negative GNS feature ids.
            source: if cols[0].starts_with('-') {
                "GDELT place table"
            } else {
                "GeoNames"
            }
            .to_string(),
        });
    }
}

const ALIAS_COLUMNS: [&str; 10] = [
    "id",
    "name",
    "alternatenames",
    "latitude",
    "longitude",
    "feature_code",
    "country_code",
    "admin1",
    "population",
    "source",
];

fn read_aliases(file: &Path, text: &str, places: &mut Vec<Place>, problems: &mut Vec<Diagnostic>) {
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = lines
        .next()
        .map(|(_, h)| h.split('\t').collect())
        .unwrap_or_default();
    if header != ALIAS_COLUMNS {
        problems.push(Diagnostic::record(
            &Origin::at(file, 1),
            format!("the header {}", ALIAS_COLUMNS.join("\\t")),
        ));
        return;
    }
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let origin = Origin::at(file, n as u64 + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != ALIAS_COLUMNS.len() {
            problems.push(Diagnostic::record(
                &origin,
                format!(
                    "{} tab-separated columns (found {})",
                    ALIAS_COLUMNS.len(),
                    cols.len()
                ),
            ));
            continue;
        }
        if cols[9].trim().is_empty() {
            problems.push(Diagnostic::field(
                &origin,
                "source",
                "",
                "the public source of the coordinate",
            ));
        }
        let Some((latitude, longitude)) = coordinates(&origin, cols[3], cols[4], problems) else {
            continue;
        };
        let feature_code = cols[5].to_string();
        let feature_class = match feature_code.as_str() {
            c if c.starts_with("PPL") => "P",
            c if c.starts_with("ADM") || c.starts_with("PCL") => "A",
            "RD" => "R",
            _ => "S",
        };
        places.push(Place {
            geonameid: cols[0].to_string(),
            name: cols[1].to_string(),
            alternatenames: split_names(cols[2]),
            latitude,
            longitude,
            feature_class: feature_class.to_string(),
            feature_code,
            country_code: cols[6].to_string(),
            admin1: cols[7].to_string(),
            population: cols[8].parse().unwrap_or(0),
            table: Table::Alias,
            source: cols[9].to_string(),
        });
    }
}

fn coordinates(
    origin: &Origin,
    lat: &str,
    lon: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<(f64, f64)> {
    let latitude = lat
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| (-90.0..=90.0).contains(v));
    let longitude = lon
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| (-180.0..=180.0).contains(v));
    if latitude.is_none() {
        problems.push(Diagnostic::field(
            origin,
            "latitude",
            lat,
            "decimal degrees between -90 and 90",
        ));
    }
    if longitude.is_none() {
        problems.push(Diagnostic::field(
            origin,
            "longitude",
            lon,
            "decimal degrees between -180 and 180",
        ));
    }
    Some((latitude?, longitude?))
}

fn split_names(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
