//! The rule that says two reports tell of one event.
//!
//! ACLED codes one event per actor pair, place and day (ACLED codebook, "one event per
//! location per day"); UCDP GED places an event "within 25 km" of the point at
//! `where_prec` 2. Two reports are of one event when
//!
//! 1. they have the same `event_type` (sub-event types may differ: one source's "Armed
//!    clash" is another's "Shelling/artillery/missile attack" in the same fight, while
//!    ACLED's six types are different kinds of event — a battle is not a protest);
//! 2. their date intervals share a day, and neither spans more than a week (a report
//!    dated only to a month or a year says too little about when to be called the same
//!    event as another);
//! 3. their points are no further apart (great-circle, geo's `Haversine`) than the sum of
//!    what each one's `geo_precision` allows ([`allowance_km`]); a report placed only in
//!    a country or at sea is never matched on place;
//! 4. when both name a town or neighbourhood (`exact` or `near`), they name the same place
//!    in any spelling or language the gazetteer knows ([`super::places`]): ACLED's rule
//!    makes fighting at two named places on one day two events, however close (Khallat
//!    al-Furjan and Salah al-Din are 2.7 km apart); a report placed only in a district or
//!    region (`admin2`, `admin1`) is matched on distance alone;
//! 5. their actors agree ([`super::actors::agree`]).

use super::actors::{agree, Agreement, Sides};
use crate::event::date::TimePrecision;
use crate::event::geo_precision::GeoPrecision;
use crate::event::Event;
use chrono::NaiveDate;
use geo::{Distance, Haversine};

/// How far (km) a report's point may be from where the event was, by its precision.
///
/// `exact`: a named town or neighbourhood, whose gazetteer points differ by a kilometre
/// or two between sources; `near`: UCDP GED `where_prec` 2 and ACLED `geo_precision` 2,
/// "within 25 km"; `admin2` and `admin1`: about the radius of a Libyan district and
/// region; `country` and `water`: `None`, never matched on place.
pub fn allowance_km(precision: GeoPrecision) -> Option<f64> {
    match precision {
        GeoPrecision::Exact => Some(2.0),
        GeoPrecision::Near => Some(25.0),
        GeoPrecision::Admin2 => Some(50.0),
        GeoPrecision::Admin1 => Some(100.0),
        GeoPrecision::Country | GeoPrecision::Water => None,
    }
}

/// The largest allowance of [`allowance_km`], which bounds every search for candidates.
pub const MAX_ALLOWANCE_KM: f64 = 100.0;

/// Whether a report can be matched at all: placed more finely than a country, and dated
/// to a week or better.
pub fn can_match(event: &Event) -> bool {
    allowance_km(event.geo_precision).is_some() && event.date.precision <= TimePrecision::Week
}

/// What the rule compares beyond the event itself, worked out once per report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Its sides' actors.
    pub sides: Sides,
    /// The place it names ([`super::places::Places::key`]).
    pub place: String,
}

/// Why two reports are one event.
#[derive(Clone, Debug, PartialEq)]
pub struct Why {
    /// Great-circle distance between their points, km.
    pub distance_km: f64,
    /// What their precisions allow, km.
    pub allowed_km: f64,
    /// The first and last day both intervals hold.
    pub overlap: (NaiveDate, NaiveDate),
    /// How their actors agree.
    pub actors: Agreement,
}

/// Why two reports are two events.
#[derive(Clone, Debug, PartialEq)]
pub enum Apart {
    /// Different `event_type`.
    EventType,
    /// Placed only in a country or at sea, or dated only to a month or a year.
    TooVague,
    /// No day in common.
    Dates,
    /// Further apart than their precisions allow.
    Place {
        /// Distance, km.
        distance_km: f64,
        /// Allowed, km.
        allowed_km: f64,
    },
    /// Both name a town or neighbourhood, and not the same one.
    Location,
    /// Both name their sides and share no actor in either order.
    Actors,
}

/// Applies the rule to two reports with their facts.
pub fn matches(x: &Event, xf: &Facts, y: &Event, yf: &Facts) -> Result<Why, Apart> {
    if x.event_type != y.event_type {
        return Err(Apart::EventType);
    }
    let (Some(ax), Some(ay)) = (allowance_km(x.geo_precision), allowance_km(y.geo_precision))
    else {
        return Err(Apart::TooVague);
    };
    if !can_match(x) || !can_match(y) {
        return Err(Apart::TooVague);
    }
    let from = x.date.start.max(y.date.start);
    let to = x.date.end.min(y.date.end);
    if from > to {
        return Err(Apart::Dates);
    }
    // Points are (x = longitude, y = latitude); Haversine uses the mean Earth radius.
    let distance_km = Haversine.distance(x.point, y.point) / 1000.0;
    let allowed_km = ax + ay;
    if distance_km > allowed_km {
        return Err(Apart::Place {
            distance_km,
            allowed_km,
        });
    }
    let named = |e: &Event| e.geo_precision <= GeoPrecision::Near;
    if named(x) && named(y) && xf.place != yf.place {
        return Err(Apart::Location);
    }
    let actors = agree(&xf.sides, &yf.sides).ok_or(Apart::Actors)?;
    Ok(Why {
        distance_km,
        allowed_km,
        overlap: (from, to),
        actors,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::dedupe::actors::Actors;
    use crate::dedupe::places::Places;
    use crate::diagnostic::Origin;
    use crate::event::date::DateInterval;
    use crate::event::{Fatalities, Source};
    use crate::extract::lexicon::Lexicon;
    use crate::front::Fronts;
    use crate::gazetteer::Gazetteer;
    use geo::Point;
    use std::path::Path;

    /// A report for tests: (lat, lon) as written in CSV, turned into a (lon, lat) point.
    pub(crate) fn report(
        id: &str,
        event_type: &'static str,
        date: &str,
        (lat, lon): (f64, f64),
        precision: GeoPrecision,
        actor1: &str,
        actor2: &str,
    ) -> Event {
        let list = |s: &str| {
            s.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        Event {
            event_id_cnty: id.into(),
            date: DateInterval::parse(date).unwrap_or(DateInterval::day(NaiveDate::MIN)),
            recorded: None,
            anchor: None,
            event_type,
            sub_event_type: "Armed clash",
            actor1: list(actor1),
            assoc_actor_1: Vec::new(),
            actor2: list(actor2),
            assoc_actor_2: Vec::new(),
            country: "Libya".into(),
            iso: Some(434),
            admin1: String::new(),
            location: "Tripoli".into(),
            point: Point::new(lon, lat),
            geo_precision: precision,
            geonameid: None,
            front: "unassigned".into(),
            fatalities: Fatalities::default(),
            claim: crate::event::Claim::default(),
            sources: vec![Source {
                name: format!("source of {id}"),
                url: None,
                published: None,
                stance: crate::event::Stance::Reports,
            }],
            notes: String::new(),
            key: false,
            headline: String::new(),
            headline_ar: String::new(),
            extra: Vec::new(),
            origin: Origin::at(Path::new("events.csv"), 2),
        }
    }

    pub(crate) fn actors() -> Actors {
        Actors::new(&Lexicon::load(Path::new("data/lexicon")).unwrap_or_default())
    }

    /// The shipped gazetteer and no fronts.
    pub(crate) fn gazetteer() -> (Gazetteer, Fronts) {
        let gazetteer = Gazetteer::load(Path::new("data/gazetteer"))
            .unwrap_or_else(|_| Gazetteer::from_places(Vec::new()));
        (gazetteer, Fronts { fronts: Vec::new() })
    }

    /// A report at a named place of the gazetteer, (lat, lon) from data/gazetteer.
    pub(crate) fn at(mut event: Event, location: &str) -> Event {
        event.location = location.into();
        event
    }

    const LNA: &str = "LNA: Libyan National Army (Haftar)";
    const GNA: &str = "GNA: Government of National Accord";
    const STRIKE: &str = "Explosions/Remote violence";
    const BATTLE: &str = "Battles";
    // Places from data/gazetteer (lat, lon).
    const AIN_ZARA: (f64, f64) = (32.8133, 13.2697);
    const TARHUNA: (f64, f64) = (32.43501, 13.6332);

    fn check(x: &Event, y: &Event) -> Result<Why, Apart> {
        let mut actors = actors();
        let (gazetteer, fronts) = gazetteer();
        let mut places = Places::new(&gazetteer, &fronts);
        let mut facts = |e: &Event| Facts {
            sides: actors.sides(e),
            place: places.key(e),
        };
        let (xf, yf) = (facts(x), facts(y));
        matches(x, &xf, y, &yf)
    }

    #[test]
    fn two_air_strikes_50_km_apart_on_one_day_stay_apart() {
        // Tarhuna is ~54 km from Ain Zara: even "near" both (50 km allowed) keeps them apart.
        let strike = |id, place, name| {
            let e = report(id, STRIKE, "2019-04-20", place, GeoPrecision::Near, LNA, "");
            at(e, name)
        };
        let (x, y) = (
            strike("A", TARHUNA, "Tarhuna"),
            strike("B", AIN_ZARA, "Ain Zara"),
        );
        let Err(Apart::Place { distance_km, .. }) = check(&x, &y) else {
            panic!("{:?}", check(&x, &y));
        };
        assert!((50.0..60.0).contains(&distance_km), "{distance_km}");
        // Placed only in their region (admin1, 100 km each), they would be one.
        let mut x = x;
        let mut y = y;
        x.geo_precision = GeoPrecision::Admin1;
        y.geo_precision = GeoPrecision::Admin1;
        assert!(check(&x, &y).is_ok());
    }

    #[test]
    fn one_place_on_consecutive_days_stays_apart() {
        let day = |id, date| {
            at(
                report(id, BATTLE, date, AIN_ZARA, GeoPrecision::Exact, LNA, GNA),
                "Ain Zara",
            )
        };
        assert_eq!(
            check(&day("A", "2019-04-20"), &day("B", "2019-04-21")),
            Err(Apart::Dates)
        );
        assert!(check(&day("A", "2019-04-20"), &day("B", "2019-04-20")).is_ok());
    }

    #[test]
    fn an_acled_and_a_ucdp_report_of_one_clash_match() {
        // ACLED: the day, "near" Ain Zara, its actor names.
        let acled = report(
            "A",
            BATTLE,
            "2019-04-20",
            AIN_ZARA,
            GeoPrecision::Near,
            LNA,
            GNA,
        );
        let acled = at(acled, "Ain Zara");
        // UCDP: a 2-6 day interval, its own point 2 km off, the place in Arabic, other words
        // for the sides, named the other way round.
        let ucdp = report(
            "U",
            BATTLE,
            "2019-04-18/2019-04-22",
            (32.80, 13.25),
            GeoPrecision::Exact,
            "Tripoli government",
            "Military Forces of Libya (2014-) Libyan National Army",
        );
        let ucdp = at(ucdp, "عين زارة");
        let why = check(&acled, &ucdp);
        let Ok(why) = why else { panic!("{why:?}") };
        assert_eq!(why.allowed_km, 27.0);
        assert!(matches!(
            why.actors,
            Agreement::Shared { swapped: true, .. }
        ));
        assert_eq!(why.overlap.0.to_string(), "2019-04-20");
    }

    #[test]
    fn two_fronts_on_one_day_stay_apart_however_close() {
        // Regression: the shipped LBY0006 and LBY0008, a calm on two fronts 2.7 km apart.
        let front = |id, place, name| {
            let e = report(
                id,
                BATTLE,
                "2019-05-01",
                place,
                GeoPrecision::Exact,
                LNA,
                GNA,
            );
            at(e, name)
        };
        let x = front("A", (32.8, 13.2167), "Khallat al-Furjan");
        let y = front("B", (32.8241, 13.2201), "Salah al-Din");
        assert_eq!(check(&x, &y), Err(Apart::Location));
        // Regression: LBY0100 (the airport) and LBY0101 ("near" Janzour), 21 km apart.
        let y = at(
            report(
                "B",
                BATTLE,
                "2019-05-01",
                (32.81868, 13.01727),
                GeoPrecision::Near,
                LNA,
                GNA,
            ),
            "Janzour",
        );
        assert_eq!(check(&x, &y), Err(Apart::Location));
    }

    #[test]
    fn incompatible_actors_stay_apart() {
        let civilians = "Civilians (Libya)";
        let x = report(
            "A",
            STRIKE,
            "2019-04-20",
            AIN_ZARA,
            GeoPrecision::Exact,
            LNA,
            civilians,
        );
        let y = report(
            "B",
            STRIKE,
            "2019-04-20",
            AIN_ZARA,
            GeoPrecision::Exact,
            GNA,
            civilians,
        );
        assert_eq!(check(&x, &y), Err(Apart::Actors));
    }

    #[test]
    fn vague_reports_and_other_types_stay_apart() {
        let x = report(
            "A",
            BATTLE,
            "2019-04",
            AIN_ZARA,
            GeoPrecision::Exact,
            LNA,
            GNA,
        );
        let y = report(
            "B",
            BATTLE,
            "2019-04-20",
            AIN_ZARA,
            GeoPrecision::Exact,
            LNA,
            GNA,
        );
        assert_eq!(check(&x, &y), Err(Apart::TooVague));
        let x = report(
            "A",
            BATTLE,
            "2019-04-20",
            AIN_ZARA,
            GeoPrecision::Country,
            LNA,
            GNA,
        );
        assert_eq!(check(&x, &y), Err(Apart::TooVague));
        let x = report(
            "A",
            STRIKE,
            "2019-04-20",
            AIN_ZARA,
            GeoPrecision::Exact,
            LNA,
            GNA,
        );
        assert_eq!(check(&x, &y), Err(Apart::EventType));
    }
}
