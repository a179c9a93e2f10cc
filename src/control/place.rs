//! The places control is known for: a gazetteer place, a facility or a front, one entry
//! however many rows or events name it, with its point, its Arabic name and its front.
//!
//! Two records name one place when they resolve to one gazetteer id (`geonameid`, or
//! `front:<id>` for a front). A record with its own coordinates is matched to the
//! gazetteer place of its name when that place lies within [`SAME_PLACE_KM`], so an ACLED
//! row's point for Gharyan and the gazetteer's Gharyan are one place.

use crate::dataset::Reference;
use crate::diagnostic::Diagnostic;
use crate::event::record::RawRecord;
use crate::event::{Event, UNASSIGNED};
use crate::locate::{locate, Found};
use crate::text::fold;
use geo::{Distance, Haversine, Point};
use std::collections::HashMap;

/// How far a record's own point may lie from the gazetteer place of its name and still be
/// that place (UCDP's `where_prec` 2, "within 25 km").
pub const SAME_PLACE_KM: f64 = 25.0;

/// A place whose control is recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// What makes it one place: its gazetteer id, `front:<id>`, or its folded name and
    /// point when the gazetteer lacks it.
    pub key: String,
    /// Its name, as the first record to name it wrote it.
    pub name: String,
    /// Its Arabic name: the control file's, else the front's or the gazetteer's.
    pub name_ar: String,
    /// Where it is, x = longitude, y = latitude.
    pub point: Point<f64>,
    /// The front whose area holds it, or `unassigned`.
    pub front: String,
}

/// The places of a control history, each once, in the order first named.
#[derive(Debug)]
pub struct Places<'a> {
    reference: &'a Reference,
    /// Every place.
    pub places: Vec<Place>,
    by_key: HashMap<String, usize>,
}

impl<'a> Places<'a> {
    /// An empty table resolving names through `reference`'s gazetteer and fronts.
    pub fn new(reference: &'a Reference) -> Places<'a> {
        Places {
            reference,
            places: Vec::new(),
            by_key: HashMap::new(),
        }
    }

    /// The place a control row names (`location` in `country`, and `latitude`/`longitude`
    /// when given);
    /// a name the gazetteer lacks, without coordinates, is a problem on `location`.
    pub fn resolve_row(
        &mut self,
        raw: &RawRecord,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let location = raw.field("location");
        let name_ar = raw.field("location_ar");
        let country = Some(raw.field("country")).filter(|c| !c.is_empty());
        if location.is_empty() {
            problems.push(Diagnostic::field(
                &raw.origin,
                "location",
                "",
                "a place in the gazetteer or a front's name, e.g. Gharyan",
            ));
            return None;
        }
        let (lat, lon) = (raw.field("latitude"), raw.field("longitude"));
        let given = if lat.is_empty() && lon.is_empty() {
            None
        } else {
            let lat = lat
                .parse::<f64>()
                .ok()
                .filter(|v| (-90.0..=90.0).contains(v));
            let lon = lon
                .parse::<f64>()
                .ok()
                .filter(|v| (-180.0..=180.0).contains(v));
            match (lat, lon) {
                // geo's Point is (longitude, latitude); the columns are the other way round.
                (Some(lat), Some(lon)) => Some(Point::new(lon, lat)),
                _ => {
                    problems.push(Diagnostic::field(
                        &raw.origin,
                        "latitude",
                        &format!("{},{}", raw.field("latitude"), raw.field("longitude")),
                        "decimal degrees, latitude -90 to 90 and longitude -180 to 180 (or both empty to find `location` in the gazetteer)",
                    ));
                    return None;
                }
            }
        };
        match given {
            Some(point) => Some(self.at_point(location, country, point, name_ar)),
            None => match locate(
                &self.reference.gazetteer,
                &self.reference.fronts,
                location,
                country,
            ) {
                Ok(found) => Some(self.found(location, &found, name_ar)),
                Err(not_found) => {
                    let mut expected = "a place in the gazetteer (data/gazetteer/) or a front's name, or latitude and longitude".to_string();
                    if !not_found.suggestions.is_empty() {
                        expected.push_str(&format!(
                            "; did you mean {}?",
                            not_found.suggestions.join(", ")
                        ));
                    }
                    problems.push(Diagnostic::field(
                        &raw.origin,
                        "location",
                        location,
                        expected,
                    ));
                    None
                }
            },
        }
    }

    /// The place of an event: its gazetteer id when it was geocoded, else the gazetteer
    /// place of its name near its point, else its own name and point.
    pub fn of_event(&mut self, event: &Event) -> usize {
        match &event.geonameid {
            Some(id) => {
                if let Some(&i) = self.by_key.get(id) {
                    return i;
                }
                match locate(
                    &self.reference.gazetteer,
                    &self.reference.fronts,
                    &event.location,
                    Some(&event.country),
                ) {
                    Ok(found) if found.geonameid() == *id => {
                        self.found(&event.location, &found, "")
                    }
                    _ => self.intern(Place {
                        key: id.clone(),
                        name: event.location.clone(),
                        name_ar: String::new(),
                        point: event.point,
                        front: self.front_of(event.point),
                    }),
                }
            }
            None => self.at_point(&event.location, Some(&event.country), event.point, ""),
        }
    }

    /// A named place at a given point: the gazetteer's place of that name when it is near.
    fn at_point(
        &mut self,
        name: &str,
        country: Option<&str>,
        point: Point<f64>,
        name_ar: &str,
    ) -> usize {
        if let Ok(found) = locate(
            &self.reference.gazetteer,
            &self.reference.fronts,
            name,
            country,
        ) {
            if Haversine.distance(found.point(), point) / 1000.0 <= SAME_PLACE_KM {
                return self.found(name, &found, name_ar);
            }
        }
        let key = format!("{}@{:.4},{:.4}", fold(name), point.y(), point.x());
        self.intern(Place {
            key,
            name: name.to_string(),
            name_ar: name_ar.to_string(),
            point,
            front: self.front_of(point),
        })
    }

    fn found(&mut self, name: &str, found: &Found, name_ar: &str) -> usize {
        let name_ar = if !name_ar.is_empty() {
            name_ar.to_string()
        } else {
            match found {
                Found::Front(front) => front.name_ar.clone(),
                Found::Place(resolution) => arabic_name(resolution.winner().place.names()),
            }
        };
        let point = found.point();
        let front = match found {
            Found::Front(front) => front.id.clone(),
            Found::Place(_) => self.front_of(point),
        };
        self.intern(Place {
            key: found.geonameid(),
            name: name.to_string(),
            name_ar,
            point,
            front,
        })
    }

    fn front_of(&self, point: Point<f64>) -> String {
        self.reference
            .fronts
            .containing(point)
            .map_or(UNASSIGNED.to_string(), |f| f.id.clone())
    }

    /// The index of a place, added when new; a later record's Arabic name fills a gap.
    fn intern(&mut self, place: Place) -> usize {
        if let Some(&i) = self.by_key.get(&place.key) {
            if self.places[i].name_ar.is_empty() && !place.name_ar.is_empty() {
                self.places[i].name_ar = place.name_ar;
            }
            return i;
        }
        self.by_key.insert(place.key.clone(), self.places.len());
        self.places.push(place);
        self.places.len() - 1
    }
}

/// The first name in Arabic script among a place's names, or empty.
fn arabic_name<'n>(names: impl Iterator<Item = &'n str>) -> String {
    let arabic = |c: char| ('\u{0600}'..='\u{06FF}').contains(&c);
    names
        .filter(|n| n.chars().any(arabic) && n.chars().all(|c| arabic(c) || c == ' '))
        .min_by_key(|n| n.chars().count())
        .unwrap_or("")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortest_arabic_name_is_the_label() {
        let names = ["Sirte", "Surt", "شعبية سرت", "سرت", "Сирт"];
        assert_eq!(arabic_name(names.into_iter()), "سرت");
        assert_eq!(arabic_name(["Gharyan"].into_iter()), "");
    }
}
