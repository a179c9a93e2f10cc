//! Placing a named location: the gazetteer first, then the names of the front areas.
//!
//! Some places that reports name most (Yarmouk, Airport Road) have no public coordinate a
//! gazetteer row could cite, but they are fronts with an area. Such a name is placed at the
//! centre of its front's area, with `geo_precision` no finer than `near` and a `geonameid`
//! of `front:<id>`, so a reader sees where the point came from.

use crate::event::geo_precision::GeoPrecision;
use crate::front::{Front, Fronts};
use crate::gazetteer::geocode::{NotFound, Resolution};
use crate::gazetteer::Gazetteer;
use geo::{Centroid, Point};

/// What a location name was found as.
#[derive(Debug)]
pub enum Found<'a> {
    /// A gazetteer place, with every candidate and the reason.
    Place(Resolution<'a>),
    /// A front whose name or alias it is.
    Front(&'a Front),
}

impl Found<'_> {
    /// The point, x = longitude, y = latitude.
    pub fn point(&self) -> Point<f64> {
        match self {
            Found::Place(r) => Point::new(r.winner().place.longitude, r.winner().place.latitude),
            Found::Front(f) => f.area.centroid().unwrap_or(Point::new(0.0, 0.0)),
        }
    }

    /// The gazetteer id, or `front:<id>`.
    pub fn geonameid(&self) -> String {
        match self {
            Found::Place(r) => r.winner().place.geonameid.clone(),
            Found::Front(f) => format!("front:{}", f.id),
        }
    }

    /// The precision an event placed here gets when its row gives none.
    pub fn geo_precision(&self) -> GeoPrecision {
        match self {
            Found::Place(r) => r.winner().geo_precision(),
            Found::Front(_) => GeoPrecision::Near,
        }
    }
}

/// Finds a location by name: a gazetteer place if there is one, else a front's area.
pub fn locate<'a>(
    gazetteer: &'a Gazetteer,
    fronts: &'a Fronts,
    name: &str,
    country: Option<&str>,
) -> Result<Found<'a>, NotFound> {
    // A front's name the gazetteer lacks is answered without searching for suggestions.
    let key = crate::text::fold(name);
    if gazetteer.exact_key(&key).is_empty() && gazetteer.loose(name).is_empty() {
        if let Some(front) = fronts.find_key(&key) {
            return Ok(Found::Front(front));
        }
    }
    match gazetteer.geocode(name, country) {
        Ok(resolution) => Ok(Found::Place(resolution)),
        Err(not_found) => fronts.find(name).map(Found::Front).ok_or(not_found),
    }
}
