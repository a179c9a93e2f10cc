//! Whether an event is plausible, beyond its fields being well formed: a point in its
//! country and near the place it names, a date no later than its reports, a written front
//! that holds it, a type its actors can have. These catch a district's centroid taken for a
//! base, latitude and longitude swapped, a report dated before its event, a territory
//! change coded for the wrong side.
//!
//! Each check is an error (the event can't be as written: exit 2) or a warning (it may be,
//! and a person should look). A warning someone has looked at is recorded in the data
//! folder's `reviewed.csv`, and is silent from then on, so `validate` can be kept clean.

use crate::basemap::Region;
use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::event::geo_precision::GeoPrecision;
use crate::event::{Event, Stance};
use crate::front::Fronts;
use crate::gazetteer::Gazetteer;
use crate::locate::{locate, Found};
use geo::{Distance, Haversine, Intersects, Point};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The event can't be as written: the data is refused (exit 2).
    Error,
    /// A person should look; silenced on one event by `reviewed.csv`.
    Warning,
}

/// One plausibility check, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    /// The point lies in another country, or far from the one the event names (error):
    /// also what latitude and longitude swapped look like.
    OutsideCountry,
    /// The point lies at sea off the country the event names, and the event is not said to
    /// be on water (warning).
    AtSea,
    /// The event starts after the earliest report of it was published (error).
    AfterReport,
    /// The written point lies farther from the named place's gazetteer point than its
    /// `geo_precision` allows (warning).
    FarFromPlace,
    /// The event is placed on a region's or district's point but says `exact` (warning):
    /// a district's centroid is not where a base or a town is.
    CoarsePlace,
    /// The front written in the data is one whose area lies far from the point (warning).
    OutsideFront,
    /// The sub-event type is one its actors can't have: government forces regaining
    /// territory with no government actor, or the reverse (warning; ACLED codebook).
    ActorRole,
}

impl Check {
    /// Every check, in the order they are reported.
    pub const ALL: [Check; 7] = [
        Check::OutsideCountry,
        Check::AtSea,
        Check::AfterReport,
        Check::FarFromPlace,
        Check::CoarsePlace,
        Check::OutsideFront,
        Check::ActorRole,
    ];

    /// The check's name, as `reviewed.csv` and the messages write it.
    pub fn name(self) -> &'static str {
        match self {
            Check::OutsideCountry => "outside-country",
            Check::AtSea => "at-sea",
            Check::AfterReport => "after-report",
            Check::FarFromPlace => "far-from-place",
            Check::CoarsePlace => "coarse-place",
            Check::OutsideFront => "outside-front",
            Check::ActorRole => "actor-role",
        }
    }

    /// Whether a finding of this check refuses the data or asks a person to look.
    pub fn severity(self) -> Severity {
        match self {
            Check::OutsideCountry | Check::AfterReport => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// The check a name names.
    pub fn parse(name: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.name() == name.trim())
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One finding: the check and the problem, with its place and numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Which check.
    pub check: Check,
    /// The event it is about.
    pub event_id: String,
    /// Where, which field, the value, and what the check expected.
    pub problem: Diagnostic,
}

impl Finding {
    fn new(check: Check, event: &Event, field: &str, value: &str, expected: String) -> Finding {
        let severity = match check.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        Finding {
            check,
            event_id: event.event_id_cnty.clone(),
            problem: Diagnostic::field(
                &event.origin,
                field,
                value,
                format!("{expected} [{severity} {check}]"),
            ),
        }
    }
}

/// How far a written point may lie from the gazetteer's point of the place it names, by
/// `geo_precision`, before it is worth a look (in km): a town's own extent plus what the
/// precision says (UCDP GED's `where_prec`: near is within 25 km).
fn allowance_km(precision: GeoPrecision) -> Option<f64> {
    match precision {
        GeoPrecision::Exact => Some(10.0),
        GeoPrecision::Near => Some(35.0),
        GeoPrecision::Admin2 => Some(100.0),
        GeoPrecision::Admin1 => Some(300.0),
        GeoPrecision::Country | GeoPrecision::Water => None,
    }
}

/// How far outside its country's outline a point may lie: the outlines are Natural Earth's
/// at 1:10m, rounded to 4 decimals, and ports and beaches sit on the line.
const COAST_KM: f64 = 5.0;

/// Beyond this distance from its country (or in another), a point is refused; nearer, at
/// sea, it is a warning (a naval event, or a coordinate rounded off the coast).
const OFFSHORE_KM: f64 = 50.0;

/// How far outside its written front's area a point may lie before it is worth a look.
const FRONT_KM: f64 = 15.0;

/// The checks, with what they compare against.
pub struct Plausibility<'a> {
    gazetteer: &'a Gazetteer,
    fronts: &'a Fronts,
    countries: &'a [Region],
    /// Place names already looked up in the gazetteer (a file names the same few places).
    places: std::cell::RefCell<HashMap<String, Option<Place>>>,
}

/// What the checks need of a place the gazetteer found.
#[derive(Clone, Debug)]
struct Place {
    point: Point<f64>,
    geonameid: String,
    precision: GeoPrecision,
}

impl<'a> Plausibility<'a> {
    /// The checks against a data folder's reference data: its gazetteer, front areas and
    /// country outlines.
    pub fn new(
        gazetteer: &'a Gazetteer,
        fronts: &'a Fronts,
        countries: &'a [Region],
    ) -> Plausibility<'a> {
        Plausibility {
            gazetteer,
            fronts,
            countries,
            places: Default::default(),
        }
    }

    /// The warnings on one event (its errors are found when it is read: [`errors`]).
    pub fn warnings(&self, event: &Event) -> Vec<Finding> {
        let mut found: Vec<Finding> = at_sea(event, self.countries).into_iter().collect();
        found.extend(self.far_from_place(event));
        found.extend(self.outside_front(event));
        found.extend(actor_role(event));
        found
    }

    /// The gazetteer's place for a name (or a front's), looked up once.
    fn place(&self, event: &Event) -> Option<Place> {
        let key = format!("{}\u{1f}{}", event.location, event.country);
        if let Some(found) = self.places.borrow().get(&key) {
            return found.clone();
        }
        let found = locate(
            self.gazetteer,
            self.fronts,
            &event.location,
            Some(&event.country),
        )
        .ok()
        .map(|found: Found| Place {
            point: found.point(),
            geonameid: found.geonameid(),
            precision: found.geo_precision(),
        });
        self.places.borrow_mut().insert(key, found.clone());
        found
    }

    fn far_from_place(&self, event: &Event) -> Vec<Finding> {
        let Some(place) = self.place(event) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let km = Haversine.distance(place.point, event.point) / 1000.0;
        if let Some(allowed) = allowance_km(event.geo_precision) {
            if km > allowed {
                out.push(Finding::new(
                    Check::FarFromPlace,
                    event,
                    "latitude",
                    &format!("{:.4}, {:.4}", event.latitude(), event.longitude()),
                    format!(
                        "a point within {allowed} km of {} ({}), as geo_precision {} allows; it is {km:.0} km away",
                        event.location,
                        place.geonameid,
                        event.geo_precision
                    ),
                ));
            }
        }
        // A region's point taken for the event's exact place (written or geocoded).
        let region = place.precision > GeoPrecision::Near;
        if region && event.geo_precision == GeoPrecision::Exact && km < 1.0 {
            out.push(Finding::new(
                Check::CoarsePlace,
                event,
                "geo_precision",
                "exact",
                format!(
                    "admin2 or admin1: the point is the region {} ({}), not a place in it; name the place (a base, a town) or give its coordinates",
                    event.location,
                    place.geonameid
                ),
            ));
        }
        out
    }

    fn outside_front(&self, event: &Event) -> Vec<Finding> {
        let Some(front) = self.fronts.get(&event.front) else {
            return Vec::new();
        };
        if front.area.intersects(&event.point) {
            return Vec::new();
        }
        let km = km_outside(&front.area, event.point);
        if km <= FRONT_KM {
            return Vec::new();
        }
        vec![Finding::new(
            Check::OutsideFront,
            event,
            "front",
            &event.front,
            format!(
                "a front whose area holds the point or lies within {FRONT_KM} km of it; the {} area is {km:.0} km away (leave front empty to assign it from the areas)",
                front.name
            ),
        )]
    }
}

/// The checks that refuse an event, cheap enough for every row of a large file: its point
/// in its country's outline (when the outline is known), its first day no later than its
/// first report.
pub fn errors(event: &Event, countries: &[Region]) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(finding) = outside_country(event, countries) {
        out.push(finding);
    }
    if let Some(finding) = after_report(event) {
        out.push(finding);
    }
    out
}

/// Where a point lies against the outline of the country its event names.
enum Whereabouts<'a> {
    /// In it (or on its coast), or its outline is not known, or the event is on water.
    Home,
    /// At sea, this many km off it.
    Offshore(&'a Region, f64),
    /// Elsewhere: in another country, or far off.
    Away(&'a Region),
}

fn whereabouts<'a>(event: &Event, countries: &'a [Region]) -> Whereabouts<'a> {
    if matches!(
        event.geo_precision,
        GeoPrecision::Water | GeoPrecision::Country
    ) {
        return Whereabouts::Home;
    }
    let Some(country) = countries
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(event.country.trim()))
    else {
        return Whereabouts::Home;
    };
    if country.area.intersects(&event.point) {
        return Whereabouts::Home;
    }
    let km = km_outside(&country.area, event.point);
    let elsewhere = countries.iter().any(|c| c.area.intersects(&event.point));
    match km {
        _ if elsewhere => Whereabouts::Away(country),
        km if km <= COAST_KM => Whereabouts::Home,
        km if km <= OFFSHORE_KM => Whereabouts::Offshore(country, km),
        _ => Whereabouts::Away(country),
    }
}

fn outside_country(event: &Event, countries: &[Region]) -> Option<Finding> {
    let Whereabouts::Away(country) = whereabouts(event, countries) else {
        return None;
    };
    let swapped = Point::new(event.latitude(), event.longitude());
    let hint = if country.area.intersects(&swapped) {
        "; with latitude and longitude swapped it would be inside: were they?"
    } else {
        ""
    };
    Some(Finding::new(
        Check::OutsideCountry,
        event,
        "latitude",
        &format!("{:.4}, {:.4}", event.latitude(), event.longitude()),
        format!(
            "a point in {} (Natural Earth's outline){hint}",
            country.name
        ),
    ))
}

fn at_sea(event: &Event, countries: &[Region]) -> Option<Finding> {
    let Whereabouts::Offshore(country, km) = whereabouts(event, countries) else {
        return None;
    };
    Some(Finding::new(
        Check::AtSea,
        event,
        "latitude",
        &format!("{:.4}, {:.4}", event.latitude(), event.longitude()),
        format!(
            "a point on land in {}, or geo_precision water for an event at sea; it is {km:.0} km off the coast",
            country.name
        ),
    ))
}

/// The event's first day after its first report's publication (denials aside).
pub fn after_report(event: &Event) -> Option<Finding> {
    let (first, source) = event
        .sources
        .iter()
        .filter(|s| s.stance != Stance::Denies)
        .filter_map(|s| s.published.map(|day| (day, s)))
        .min_by_key(|(day, _)| *day)?;
    if event.date.start <= first {
        return None;
    }
    Some(Finding::new(
        Check::AfterReport,
        event,
        "event_date",
        &event.event_date(),
        format!(
            "a date no later than its first report ({}, published {first}); a report can't tell of an event that had not begun",
            source.name
        ),
    ))
}

/// Actors that act for a state: the recognised government and its forces, other states'
/// governments and forces (ACLED's "Government of", "Military Forces of", "Police Forces of").
fn is_state(actor: &str) -> bool {
    [
        "GNA:",
        "Government of",
        "Military Forces of",
        "Police Forces of",
    ]
    .iter()
    .any(|p| actor.starts_with(p))
}

fn actor_role(event: &Event) -> Vec<Finding> {
    let side1: Vec<&String> = event.actor1.iter().chain(&event.assoc_actor_1).collect();
    let state_on_side1 = side1.iter().any(|a| is_state(a));
    let wrong = match event.sub_event_type {
        "Government regains territory" if !state_on_side1 => Some(
            "a government actor (GNA, Government of …, Military Forces of …) as actor1 or its associate: ACLED codes a non-state actor's gain as \"Non-state actor overtakes territory\"",
        ),
        "Non-state actor overtakes territory" if event.actor1.iter().any(|a| is_state(a)) => Some(
            "a non-state actor as actor1: ACLED codes a government's gain as \"Government regains territory\"",
        ),
        _ => None,
    };
    wrong
        .map(|expected| {
            Finding::new(
                Check::ActorRole,
                event,
                "sub_event_type",
                event.sub_event_type,
                expected.to_string(),
            )
        })
        .into_iter()
        .collect()
}

/// Roughly how far a point lies outside an area, in km: the great-circle distance to its
/// nearest vertex (the outlines are dense enough that this errs by well under their
/// allowances).
fn km_outside(area: &geo::MultiPolygon<f64>, point: Point<f64>) -> f64 {
    use geo::CoordsIter;
    area.coords_iter()
        .map(|c| Haversine.distance(Point::from(c), point) / 1000.0)
        .fold(f64::INFINITY, f64::min)
}

/// The warnings a person has looked at and accepted: `reviewed.csv` in the data folder,
/// `event_id_cnty,check,reason`, one row per event and check.
#[derive(Clone, Debug, Default)]
pub struct Reviewed {
    rows: Vec<(String, Check, Origin)>,
}

impl Reviewed {
    /// Reads `path` (no file: nothing reviewed). Every row names a known check and gives
    /// its reason; an error check can't be reviewed away.
    pub fn load(path: &Path) -> Result<Reviewed, Error> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Reviewed::default()),
            Err(e) => return Err(Error::read(path, e)),
        };
        let mut problems = Vec::new();
        let mut rows = Vec::new();
        let names: Vec<&str> = Check::ALL
            .iter()
            .filter(|c| c.severity() == Severity::Warning)
            .map(|c| c.name())
            .collect();
        // Lines are counted with LF ends, as the events reader counts them.
        let text = text.replace("\r\n", "\n");
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|n| n.trim().to_string()).collect(),
            Err(e) => {
                return Err(Error::invalid(Diagnostic::record(
                    &Origin::at(path, 1),
                    format!("a CSV header row event_id_cnty,check,reason ({e})"),
                )))
            }
        };
        let column = |name: &str| header.iter().position(|h| h == name);
        let (Some(id_at), Some(check_at), Some(reason_at)) =
            (column("event_id_cnty"), column("check"), column("reason"))
        else {
            return Err(Error::invalid(Diagnostic::record(
                &Origin::at(path, 1),
                "a header with the columns event_id_cnty, check, reason",
            )));
        };
        for record in reader.records() {
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    problems.push(Diagnostic::record(
                        &Origin::at(path, line),
                        format!("a well-formed CSV row ({e})"),
                    ));
                    continue;
                }
            };
            let origin = Origin::at(path, record.position().map_or(0, |p| p.line()));
            let cell = |i: usize| record.get(i).unwrap_or("").trim();
            let (id, check, reason) = (cell(id_at), cell(check_at), cell(reason_at));
            match Check::parse(check) {
                Some(c) if c.severity() == Severity::Warning && !reason.is_empty() => {
                    rows.push((id.to_string(), c, origin))
                }
                Some(c) if c.severity() == Severity::Warning => problems.push(Diagnostic::field(
                    &origin,
                    "reason",
                    reason,
                    "why the warning was accepted, for the next reader",
                )),
                _ => problems.push(Diagnostic::field(
                    &origin,
                    "check",
                    check,
                    format!("the name of a warning to silence: {}", names.join(", ")),
                )),
            }
        }
        if problems.is_empty() {
            Ok(Reviewed { rows })
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// Splits findings into the errors, the warnings nobody has reviewed, and the reviews
    /// that silence nothing any more (the event changed or went: worth a look too).
    pub fn sort(&self, findings: Vec<Finding>) -> Sorted {
        let mut sorted = Sorted::default();
        let mut used = vec![false; self.rows.len()];
        for finding in findings {
            if finding.check.severity() == Severity::Error {
                sorted.errors.push(finding.problem);
                continue;
            }
            match self
                .rows
                .iter()
                .position(|(id, check, _)| *check == finding.check && finding.event_id == *id)
            {
                Some(i) => used[i] = true,
                None => sorted.warnings.push(finding.problem),
            }
        }
        for (i, (id, check, origin)) in self.rows.iter().enumerate() {
            if !used[i] {
                sorted.warnings.push(Diagnostic::record(
                    origin,
                    format!("a review that silences a warning ({check} on {id} raises none now; remove the row) [warning stale-review]"),
                ));
            }
        }
        sorted
    }
}

/// Findings sorted by what is to be done with them.
#[derive(Clone, Debug, Default)]
pub struct Sorted {
    /// Problems that refuse the data.
    pub errors: Vec<Diagnostic>,
    /// Warnings to show.
    pub warnings: Vec<Diagnostic>,
}
