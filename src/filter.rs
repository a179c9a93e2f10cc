//! The one filter model every selecting command shares (DESIGN, "The command line"): where
//! (`--near`, `--bbox`, `--within`), when (`--from`, `--to`, `--dates`) and what (`--front`,
//! `--type`, `--sub-type`, `--actor`). A filter is resolved once from the flags, then tested
//! against the index's entries.

use crate::error::{Error, FlagError};
use crate::event::date::DateInterval;
use crate::event::taxonomy;
use crate::event::ClaimStatus;
use crate::text::fold;
use chrono::{Datelike, NaiveDate};
use geo::{BoundingRect, Distance, Haversine, Intersects, MultiPolygon, Point, Rect};
use std::fmt;

/// How an event's date interval must sit in the range asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateMode {
    /// The interval touches the range (the default: a week-long event that began before
    /// the range still happened in it).
    #[default]
    Overlap,
    /// The whole interval lies inside the range.
    Within,
    /// The recorded day lies inside the range: ACLED's own filters compare `event_date`,
    /// so this mode gives the same rows as ACLED's API and a SQL `BETWEEN`.
    Recorded,
}

impl DateMode {
    /// The mode's name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            DateMode::Overlap => "overlap",
            DateMode::Within => "within",
            DateMode::Recorded => "recorded",
        }
    }
}

/// A circle on the ground: every event within `radius_km` great-circle kilometres.
#[derive(Clone, Debug, PartialEq)]
pub struct Near {
    /// Centre, x = longitude, y = latitude.
    pub centre: Point<f64>,
    /// Radius in kilometres.
    pub radius_km: f64,
    /// How the user named the centre ("Gharyan", "32.8,13.2").
    pub label: String,
}

impl Near {
    /// Great-circle distance from the centre in kilometres (geo's Haversine, mean Earth
    /// radius 6371.0088 km).
    pub fn distance_km(&self, lon: f64, lat: f64) -> f64 {
        Haversine.distance(self.centre, Point::new(lon, lat)) / 1000.0
    }

    /// The boxes (one, or two across the antimeridian) that hold the circle.
    pub fn envelopes(&self) -> Vec<Bbox> {
        Bbox::around(self.centre.x(), self.centre.y(), self.radius_km).parts()
    }
}

fn wrap(lon: f64) -> f64 {
    if lon < -180.0 {
        lon + 360.0
    } else if lon > 180.0 {
        lon - 360.0
    } else {
        lon
    }
}

/// A box `west, south, east, north` in degrees, edges included. When `west > east` the box
/// crosses the antimeridian (RFC 7946 §5.2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bbox {
    /// Western edge.
    pub west: f64,
    /// Southern edge.
    pub south: f64,
    /// Eastern edge.
    pub east: f64,
    /// Northern edge.
    pub north: f64,
}

impl Bbox {
    /// A box from its edges.
    pub fn new(west: f64, south: f64, east: f64, north: f64) -> Bbox {
        Bbox {
            west,
            south,
            east,
            north,
        }
    }

    /// A box holding every point within `km` great-circle kilometres of `lon, lat`: the
    /// distance turned into degrees generously (a degree of latitude is at least 110.57 km,
    /// and a degree of longitude shrinks with the cosine of the latitude furthest from the
    /// equator in the box). West is east of east when it crosses the antimeridian; near a
    /// pole it spans every longitude.
    ///
    /// # Examples
    /// ```
    /// use frontline::filter::Bbox;
    /// let b = Bbox::around(13.19, 32.88, 20.0); // 20 km around Tripoli
    /// assert!(b.contains(13.19, 33.05) && !b.contains(13.19, 33.1));
    /// assert!(Bbox::around(179.9, 0.0, 50.0).west > 0.0); // crosses the antimeridian
    /// ```
    pub fn around(lon: f64, lat: f64, km: f64) -> Bbox {
        // Padded by a hair so the box always holds the circle's edge.
        let dlat = km / 110.0 + 1e-9;
        let (south, north) = ((lat - dlat).max(-90.0), (lat + dlat).min(90.0));
        let widest = south.abs().max(north.abs());
        let cos = widest.to_radians().cos();
        let every_longitude = Bbox::new(-180.0, south, 180.0, north);
        if north >= 90.0 || south <= -90.0 || cos < 1e-6 {
            return every_longitude;
        }
        let dlon = km / (110.0 * cos) + 1e-9;
        if dlon >= 180.0 {
            return every_longitude;
        }
        Bbox::new(wrap(lon - dlon), south, wrap(lon + dlon), north)
    }

    /// Whether a point lies in the box, edges included.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let in_lon = if self.west <= self.east {
            self.west <= lon && lon <= self.east
        } else {
            lon >= self.west || lon <= self.east
        };
        in_lon && self.south <= lat && lat <= self.north
    }

    /// The box as one or two boxes that do not cross the antimeridian.
    pub fn parts(self) -> Vec<Bbox> {
        if self.west <= self.east {
            vec![self]
        } else {
            vec![
                Bbox::new(self.west, self.south, 180.0, self.north),
                Bbox::new(-180.0, self.south, self.east, self.north),
            ]
        }
    }
}

/// An area read from a GeoJSON file (`--within`).
#[derive(Clone, Debug, PartialEq)]
pub struct Within {
    /// The polygons, holes kept.
    pub area: MultiPolygon<f64>,
    /// Its bounding box.
    pub bounds: Rect<f64>,
    /// The file it came from, for titles.
    pub label: String,
}

impl Within {
    /// An area with its bounds computed.
    pub fn new(area: MultiPolygon<f64>, label: String) -> Option<Within> {
        let bounds = area.bounding_rect()?;
        Some(Within {
            area,
            bounds,
            label,
        })
    }

    /// Whether a point lies in the area (on its edge counts; in a hole does not).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let (min, max) = (self.bounds.min(), self.bounds.max());
        min.x <= lon
            && lon <= max.x
            && min.y <= lat
            && lat <= max.y
            && self.area.intersects(&Point::new(lon, lat))
    }
}

/// A range of days, either end open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    /// First day, if bounded.
    pub from: Option<NaiveDate>,
    /// Last day, if bounded.
    pub to: Option<NaiveDate>,
    /// How an event's interval must sit in the range.
    pub mode: DateMode,
}

impl DateRange {
    /// The range as day numbers (`num_days_from_ce`), open ends at the extremes.
    pub fn days(&self) -> (i32, i32) {
        (
            self.from.map_or(i32::MIN, |d| d.num_days_from_ce()),
            self.to.map_or(i32::MAX, |d| d.num_days_from_ce()),
        )
    }

    /// Whether an event with this interval and recorded day matches.
    pub fn matches(&self, start: i32, end: i32, recorded: i32) -> bool {
        let (from, to) = self.days();
        match self.mode {
            DateMode::Overlap => start <= to && end >= from,
            DateMode::Within => start >= from && end <= to,
            DateMode::Recorded => from <= recorded && recorded <= to,
        }
    }
}

/// A resolved selection of events: every part given must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// `--near … --radius`.
    pub near: Option<Near>,
    /// `--bbox`.
    pub bbox: Option<Bbox>,
    /// `--within`.
    pub within: Option<Within>,
    /// `--from`, `--to`, `--dates`.
    pub dates: Option<DateRange>,
    /// `--front`: names as given; matched against front ids, names and aliases, and the
    /// front names a foreign file writes.
    pub fronts: Vec<String>,
    /// `--type`: codebook spellings.
    pub event_types: Vec<&'static str>,
    /// `--sub-type`: codebook spellings.
    pub sub_event_types: Vec<&'static str>,
    /// `--actor`: folded names, each matched as whole words inside any actor field.
    pub actors: Vec<String>,
    /// `--actor` as typed, for titles.
    pub actor_words: Vec<String>,
    /// `--claim`: how established the event must be.
    pub claims: Vec<ClaimStatus>,
}

impl Filter {
    /// Whether nothing is asked: every event matches.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether a point passes the place filters.
    pub fn place_matches(&self, lon: f64, lat: f64) -> bool {
        self.bbox.is_none_or(|b| b.contains(lon, lat))
            && self
                .near
                .as_ref()
                .is_none_or(|n| n.distance_km(lon, lat) <= n.radius_km)
            && self.within.as_ref().is_none_or(|w| w.contains(lon, lat))
    }

    /// The boxes that hold every point the place filters can pass, or `None` when there
    /// is no place filter.
    pub fn envelopes(&self) -> Option<Vec<Bbox>> {
        let mut boxes: Option<Vec<Bbox>> = None;
        let mut narrow = |candidates: Vec<Bbox>| {
            // Keep the part list with the smaller total area: any one is a valid envelope.
            let area = |v: &[Bbox]| -> f64 {
                v.iter()
                    .map(|b| (b.east - b.west) * (b.north - b.south))
                    .sum()
            };
            match &boxes {
                Some(current) if area(current) <= area(&candidates) => {}
                _ => boxes = Some(candidates),
            }
        };
        if let Some(b) = self.bbox {
            narrow(b.parts());
        }
        if let Some(n) = &self.near {
            narrow(n.envelopes());
        }
        if let Some(w) = &self.within {
            let (min, max) = (w.bounds.min(), w.bounds.max());
            narrow(vec![Bbox::new(min.x, min.y, max.x, max.y)]);
        }
        boxes
    }
}

/// Whether `needle` (folded) appears in `haystack` (folded) as whole words.
pub fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The text of the flags a filter was made from, before places and fronts are looked up.
#[derive(Clone, Debug, Default)]
pub struct FilterText {
    /// `--near`.
    pub near: Option<String>,
    /// `--radius`.
    pub radius: Option<f64>,
    /// `--bbox`.
    pub bbox: Option<String>,
    /// `--within`.
    pub within: Option<std::path::PathBuf>,
    /// `--from`.
    pub from: Option<String>,
    /// `--to`.
    pub to: Option<String>,
    /// `--dates`.
    pub dates: DateMode,
    /// `--front`.
    pub fronts: Vec<String>,
    /// `--type`.
    pub event_types: Vec<String>,
    /// `--sub-type`.
    pub sub_event_types: Vec<String>,
    /// `--actor`.
    pub actors: Vec<String>,
    /// `--claim`.
    pub claims: Vec<ClaimStatus>,
}

/// Looks a place name up: its point and the name to show, or why it was not found.
pub type PlaceLookup<'a> = &'a dyn Fn(&str) -> Result<(Point<f64>, String), String>;

/// Default radius when `--near` is given without `--radius`.
pub const DEFAULT_RADIUS_KM: f64 = 10.0;

impl FilterText {
    /// Resolves the flags into a filter; `place` looks a name up in the gazetteer. Every
    /// error names its flag.
    pub fn resolve(&self, place: PlaceLookup) -> Result<Filter, Error> {
        let usage = |flag: &str, value: &str, expected: &str| -> Error {
            FlagError::new(flag, value, expected).into()
        };
        let mut filter = Filter::default();

        if let Some(radius) = self.radius {
            if self.near.is_none() {
                return Err(FlagError::missing(
                    "--radius",
                    "--near PLACE or --near LAT,LON beside it",
                )
                .into());
            }
            if !(radius.is_finite() && radius > 0.0 && radius <= 20_037.5) {
                return Err(usage(
                    "--radius",
                    &radius.to_string(),
                    "kilometres, more than 0 and at most 20037.5 (half the Earth's circumference)",
                ));
            }
        }
        if let Some(text) = &self.near {
            let (centre, label) = match coordinates(text) {
                Some(Ok(point)) => (point, text.trim().to_string()),
                Some(Err(why)) => return Err(usage("--near", text, &why)),
                None => place(text.trim()).map_err(|why| usage("--near", text, &why))?,
            };
            filter.near = Some(Near {
                centre,
                radius_km: self.radius.unwrap_or(DEFAULT_RADIUS_KM),
                label,
            });
        }
        if let Some(text) = &self.bbox {
            filter.bbox = Some(parse_bbox(text).map_err(|why| usage("--bbox", text, &why))?);
        }
        if let Some(path) = &self.within {
            filter.within = Some(read_area(path)?);
        }

        let day =
            |flag: &str, text: &Option<String>, last: bool| -> Result<Option<NaiveDate>, Error> {
                let Some(text) = text else { return Ok(None) };
                let interval = DateInterval::parse(text.trim())
                    .filter(|d| d.start == d.end || !text.contains('/'))
                    .ok_or_else(|| {
                        usage(
                            flag,
                            text,
                            "a date YYYY-MM-DD, a month YYYY-MM or a year YYYY",
                        )
                    })?;
                Ok(Some(if last { interval.end } else { interval.start }))
            };
        let from = day("--from", &self.from, false)?;
        let to = day("--to", &self.to, true)?;
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                return Err(usage(
                    "--to",
                    self.to.as_deref().unwrap_or(""),
                    &format!(
                        "a day on or after --from {}",
                        self.from.as_deref().unwrap_or("")
                    ),
                ));
            }
        }
        if from.is_some() || to.is_some() {
            filter.dates = Some(DateRange {
                from,
                to,
                mode: self.dates,
            });
        }

        filter.fronts = self.fronts.iter().map(|f| f.trim().to_string()).collect();
        for text in &self.event_types {
            let t = taxonomy::event_type(text).ok_or_else(|| {
                let names: Vec<&str> = taxonomy::EVENT_TYPES.iter().map(|(t, _)| *t).collect();
                usage(
                    "--type",
                    text,
                    &format!("one of ACLED's event types: {}", names.join(", ")),
                )
            })?;
            filter.event_types.push(t);
        }
        for text in &self.sub_event_types {
            let (_, s) = taxonomy::sub_event_type(text).ok_or_else(|| {
                usage(
                    "--sub-type",
                    text,
                    "one of ACLED's 25 sub-event types, e.g. \"Air/drone strike\"",
                )
            })?;
            filter.sub_event_types.push(s);
        }
        for text in &self.actors {
            let folded = fold(text);
            if folded.is_empty() {
                return Err(usage("--actor", text, "an actor's name or part of it"));
            }
            filter.actors.push(folded);
            filter.actor_words.push(text.trim().to_string());
        }
        filter.claims = self.claims.clone();
        Ok(filter)
    }
}

/// `LAT,LON` if the text is two numbers; `None` if it is a place name.
fn coordinates(text: &str) -> Option<Result<Point<f64>, String>> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let numbers: Vec<Option<f64>> = parts.iter().map(|p| p.parse::<f64>().ok()).collect();
    if numbers.iter().all(Option::is_none) {
        return None;
    }
    let expected = "a place name, or LAT,LON in decimal degrees (latitude first, e.g. 32.79,13.25)";
    match numbers.as_slice() {
        [Some(lat), Some(lon)] if lat.abs() <= 90.0 && lon.abs() <= 180.0 => {
            Some(Ok(Point::new(*lon, *lat)))
        }
        [Some(lat), Some(_)] if lat.abs() > 90.0 => Some(Err(format!(
            "{expected}; the latitude {lat} is beyond ±90 (were latitude and longitude swapped?)"
        ))),
        _ => Some(Err(expected.to_string())),
    }
}

fn parse_bbox(text: &str) -> Result<Bbox, String> {
    let expected = "four numbers W,S,E,N in decimal degrees (west, south, east, north)";
    let numbers: Vec<f64> = text
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| expected.to_string())?;
    let [west, south, east, north] = numbers[..] else {
        return Err(format!("{expected}; found {} numbers", numbers.len()));
    };
    if !(-180.0..=180.0).contains(&west) || !(-180.0..=180.0).contains(&east) {
        return Err(format!("{expected}; longitudes lie between -180 and 180"));
    }
    if !(-90.0..=90.0).contains(&south) || !(-90.0..=90.0).contains(&north) {
        return Err(format!("{expected}; latitudes lie between -90 and 90"));
    }
    if south > north {
        return Err(format!(
            "{expected}; the south edge {south} is north of the north edge {north}"
        ));
    }
    Ok(Bbox::new(west, south, east, north))
}

fn read_area(path: &std::path::Path) -> Result<Within, Error> {
    let shown = path.display().to_string();
    let bad = |why: String| -> Error {
        FlagError::new(
            "--within",
            &shown,
            format!("a GeoJSON Polygon or MultiPolygon (a geometry, a Feature or a FeatureCollection of them); {why}"),
        )
        .into()
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        FlagError::new(
            "--within",
            &shown,
            format!("a GeoJSON file of a Polygon or MultiPolygon ({e})"),
        )
    })?;
    let geojson: geojson::GeoJson = text.parse().map_err(|e| bad(format!("{e}")))?;
    let geometries: Vec<geojson::Geometry> = match geojson {
        geojson::GeoJson::Geometry(g) => vec![g],
        geojson::GeoJson::Feature(f) => f.geometry.into_iter().collect(),
        geojson::GeoJson::FeatureCollection(c) => {
            c.features.into_iter().filter_map(|f| f.geometry).collect()
        }
    };
    let mut polygons = Vec::new();
    for g in geometries {
        match geo::Geometry::<f64>::try_from(g) {
            Ok(geo::Geometry::Polygon(p)) => polygons.push(p),
            Ok(geo::Geometry::MultiPolygon(m)) => polygons.extend(m.0),
            Ok(_) => return Err(bad("found another geometry type".into())),
            Err(e) => return Err(bad(format!("{e}"))),
        }
    }
    let label = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Within::new(MultiPolygon(polygons), label).ok_or_else(|| bad("it holds no polygon".into()))
}

impl fmt::Display for Filter {
    /// The selection in words, for chart titles: "within 15 km of Gharyan, 20–30 June 2019".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if !self.event_types.is_empty() {
            parts.push(format!("of type {}", self.event_types.join(" or ")));
        }
        if !self.sub_event_types.is_empty() {
            parts.push(format!("of sub-type {}", self.sub_event_types.join(" or ")));
        }
        if !self.fronts.is_empty() {
            parts.push(format!("on the {} front", self.fronts.join(" or ")));
        }
        if let Some(n) = &self.near {
            parts.push(format!(
                "within {} km of {}",
                trim_number(n.radius_km),
                n.label
            ));
        }
        if let Some(b) = &self.bbox {
            parts.push(format!(
                "in {},{},{},{}",
                trim_number(b.west),
                trim_number(b.south),
                trim_number(b.east),
                trim_number(b.north)
            ));
        }
        if let Some(w) = &self.within {
            parts.push(format!("in {}", w.label));
        }
        if !self.actors.is_empty() {
            parts.push(format!("involving {}", self.actor_words.join(" or ")));
        }
        if !self.claims.is_empty() {
            let words: Vec<&str> = self.claims.iter().map(|c| c.as_str()).collect();
            parts.push(format!("that are {}", words.join(" or ")));
        }
        if let Some(d) = &self.dates {
            parts.push(date_words(d.from, d.to));
        }
        f.write_str(&parts.join(", "))
    }
}

fn trim_number(v: f64) -> String {
    let text = format!("{v:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn day_words(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A date range the way a report writes it: "20–30 June 2019", "April 2019", "2020".
pub fn date_words(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    match (from, to) {
        (Some(f), Some(t)) => {
            let whole_year = f.ordinal() == 1 && t.month() == 12 && t.day() == 31;
            let last_of_month = t.succ_opt().is_none_or(|n| n.month() != t.month());
            if whole_year && f.year() == t.year() {
                f.year().to_string()
            } else if f.day() == 1
                && last_of_month
                && (f.year(), f.month()) == (t.year(), t.month())
            {
                format!("{} {}", MONTHS[f.month0() as usize], f.year())
            } else if f == t {
                day_words(f)
            } else if (f.year(), f.month()) == (t.year(), t.month()) {
                format!(
                    "{}–{} {} {}",
                    f.day(),
                    t.day(),
                    MONTHS[f.month0() as usize],
                    f.year()
                )
            } else if f.year() == t.year() {
                format!(
                    "{} {} – {}",
                    f.day(),
                    MONTHS[f.month0() as usize],
                    day_words(t)
                )
            } else {
                format!("{} – {}", day_words(f), day_words(t))
            }
        }
        (Some(f), None) => format!("from {}", day_words(f)),
        (None, Some(t)) => format!("until {}", day_words(t)),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> FilterText {
        FilterText::default()
    }

    fn no_places(name: &str) -> Result<(Point<f64>, String), String> {
        Err(format!("a place in the gazetteer ({name} is not)"))
    }

    fn usage_of(t: FilterText) -> String {
        match t.resolve(&no_places) {
            Err(Error::Flag(e)) => e.to_string(),
            other => panic!("expected a flag error, got {other:?}"),
        }
    }

    #[test]
    fn a_bbox_across_the_antimeridian_holds_both_sides() {
        let b = parse_bbox("170,-20,-170,-10").unwrap();
        assert!(b.contains(175.0, -15.0));
        assert!(b.contains(-175.0, -15.0));
        assert!(!b.contains(0.0, -15.0));
        assert_eq!(b.parts().len(), 2);
    }

    #[test]
    fn bad_flags_name_the_flag() {
        let m = usage_of(FilterText {
            bbox: Some("1,2,3,4,5".into()),
            ..text()
        });
        assert!(m.starts_with("--bbox \"1,2,3,4,5\""), "{m}");
        assert!(m.contains("found 5 numbers"), "{m}");
        let m = usage_of(FilterText {
            from: Some("2019-06-30".into()),
            to: Some("2019-06-20".into()),
            ..text()
        });
        assert!(
            m.starts_with("--to \"2019-06-20\": expected a day on or after --from 2019-06-30"),
            "{m}"
        );
        let m = usage_of(FilterText {
            near: Some("Atlantis".into()),
            ..text()
        });
        assert!(m.starts_with("--near \"Atlantis\""), "{m}");
        let m = usage_of(FilterText {
            near: Some("132.8,13.2".into()),
            ..text()
        });
        assert!(m.contains("swapped"), "{m}");
        let m = usage_of(FilterText {
            radius: Some(5.0),
            ..text()
        });
        assert!(m.starts_with("--radius: expected --near"), "{m}");
        let m = usage_of(FilterText {
            event_types: vec!["Skirmish".into()],
            ..text()
        });
        assert!(m.starts_with("--type \"Skirmish\""), "{m}");
        let m = usage_of(FilterText {
            from: Some("2019-13".into()),
            ..text()
        });
        assert!(m.starts_with("--from \"2019-13\""), "{m}");
    }

    #[test]
    fn a_partial_to_means_the_end_of_its_period() {
        let f = FilterText {
            from: Some("2019-06".into()),
            to: Some("2020".into()),
            ..text()
        }
        .resolve(&no_places)
        .unwrap();
        let d = f.dates.unwrap();
        assert_eq!(d.from.unwrap().to_string(), "2019-06-01");
        assert_eq!(d.to.unwrap().to_string(), "2020-12-31");
    }

    #[test]
    fn date_modes_differ_at_the_edges() {
        let day = |s: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .unwrap()
                .num_days_from_ce()
        };
        let range = |mode| DateRange {
            from: NaiveDate::from_ymd_opt(2019, 6, 1),
            to: NaiveDate::from_ymd_opt(2019, 6, 30),
            mode,
        };
        // A week from Monday 27 May to Sunday 2 June, recorded on Friday 31 May.
        let (s, e, r) = (day("2019-05-27"), day("2019-06-02"), day("2019-05-31"));
        assert!(range(DateMode::Overlap).matches(s, e, r));
        assert!(!range(DateMode::Within).matches(s, e, r));
        assert!(!range(DateMode::Recorded).matches(s, e, r));
    }

    #[test]
    fn near_envelopes_hold_the_circle_even_across_the_antimeridian() {
        let near = Near {
            centre: Point::new(179.95, -17.0),
            radius_km: 30.0,
            label: "Fiji".into(),
        };
        let boxes = near.envelopes();
        assert_eq!(boxes.len(), 2);
        for (lon, lat) in [(-179.9, -17.0), (179.8, -17.1), (179.95, -16.75)] {
            assert!(near.distance_km(lon, lat) <= 30.0);
            assert!(boxes.iter().any(|b| b.contains(lon, lat)), "{lon},{lat}");
        }
    }

    #[test]
    fn actors_match_whole_words() {
        assert!(contains_words("lna: libyan national army (haftar)", "lna"));
        assert!(contains_words(
            "military forces of libya libyan national army",
            "libyan national army"
        ));
        assert!(!contains_words("gna: government of national accord", "na"));
    }

    #[test]
    fn titles_read_like_a_report() {
        let f = FilterText {
            near: Some("32.17,13.02".into()),
            radius: Some(15.0),
            from: Some("2019-06-20".into()),
            to: Some("2019-06-30".into()),
            ..text()
        }
        .resolve(&no_places)
        .unwrap();
        assert_eq!(
            f.to_string(),
            "within 15 km of 32.17,13.02, 20–30 June 2019"
        );
        assert_eq!(
            date_words(
                NaiveDate::from_ymd_opt(2019, 4, 1),
                NaiveDate::from_ymd_opt(2019, 4, 30)
            ),
            "April 2019"
        );
        assert_eq!(
            date_words(
                NaiveDate::from_ymd_opt(2020, 1, 1),
                NaiveDate::from_ymd_opt(2020, 12, 31)
            ),
            "2020"
        );
    }
}
