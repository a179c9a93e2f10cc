//! The event: one record per event per place (ACLED's rule), dated as an interval.

pub mod anchor;
pub mod date;
pub mod geo_precision;
pub mod record;
pub mod taxonomy;

use crate::diagnostic::Origin;
use chrono::NaiveDate;
use date::{Anchor, DateInterval};
use geo::Point;
use geo_precision::GeoPrecision;
use std::sync::Arc;

/// The front of events that no front area holds.
pub const UNASSIGNED: &str = "unassigned";

/// One report of where a fact came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Outlet or organisation (ACLED `source`).
    pub name: String,
    /// Address of the report, when known.
    pub url: Option<String>,
    /// Day the report was published, when known.
    pub published: Option<NaiveDate>,
    /// What the report does with the event: reports it, relays a side's claim, or denies it.
    pub stance: Stance,
}

/// Whether a source's address is a web page's: only `http` and `https` (any case), so a
/// source written as `javascript:` or `data:` is refused, and never becomes a link.
///
/// # Examples
/// ```
/// use frontline::event::is_web_url;
/// assert!(is_web_url("https://www.reuters.com/x"));
/// assert!(is_web_url("HTTP://example.org"));
/// assert!(!is_web_url("javascript:alert(1)"));
/// assert!(!is_web_url("www.reuters.com"));
/// ```
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// What a source does with an event (`source_stance`, aligned with `source`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stance {
    /// Reports it as fact (the default).
    #[default]
    Reports,
    /// Relays one side's claim.
    Claims,
    /// Denies it: a denial is a source of its own.
    Denies,
}

impl Stance {
    /// Every stance, in the order written.
    pub const ALL: [Stance; 3] = [Stance::Reports, Stance::Claims, Stance::Denies];

    /// The word written in `source_stance`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Reports => "reports",
            Stance::Claims => "claims",
            Stance::Denies => "denies",
        }
    }

    /// The stance a word names (empty is `reports`).
    pub fn parse(text: &str) -> Option<Stance> {
        let text = text.trim();
        if text.is_empty() {
            return Some(Stance::Reports);
        }
        Stance::ALL
            .into_iter()
            .find(|s| text.eq_ignore_ascii_case(s.as_str()))
    }
}

/// How far an event is established: ACLED codes only what it can confirm, and a side's
/// claim is kept apart from what is confirmed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClaimStatus {
    /// Reported as fact by a source that can vouch for it (the default).
    #[default]
    Confirmed,
    /// Said by one side and not confirmed by others.
    Claimed,
    /// Claimed by one side and denied by another (or by a neutral party).
    Disputed,
}

impl ClaimStatus {
    /// Every status, in the order written.
    pub const ALL: [ClaimStatus; 3] = [
        ClaimStatus::Confirmed,
        ClaimStatus::Claimed,
        ClaimStatus::Disputed,
    ];

    /// The word written in `claim_status`.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Confirmed => "confirmed",
            ClaimStatus::Claimed => "claimed",
            ClaimStatus::Disputed => "disputed",
        }
    }

    /// The status a word names (empty is `confirmed`).
    ///
    /// # Examples
    /// ```
    /// use frontline::event::ClaimStatus;
    /// assert_eq!(ClaimStatus::parse(""), Some(ClaimStatus::Confirmed));
    /// assert_eq!(ClaimStatus::parse("Disputed"), Some(ClaimStatus::Disputed));
    /// assert_eq!(ClaimStatus::parse("rumoured"), None);
    /// ```
    pub fn parse(text: &str) -> Option<ClaimStatus> {
        let text = text.trim();
        if text.is_empty() {
            return Some(ClaimStatus::Confirmed);
        }
        ClaimStatus::ALL
            .into_iter()
            .find(|s| text.eq_ignore_ascii_case(s.as_str()))
    }

    /// A small code for the index (its position in [`ClaimStatus::ALL`]).
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// Whether an event is confirmed, and who claims it when it is not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Claim {
    /// Confirmed, claimed or disputed.
    pub status: ClaimStatus,
    /// The side or sides that claim it (`claimed_by`), for a claimed or disputed event.
    pub by: Vec<String>,
}

/// Deaths reported: a best estimate with an optional range (UCDP's `best`, `low`, `high`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fatalities {
    /// Best estimate (ACLED `fatalities`).
    pub best: Option<u32>,
    /// Lowest credible figure.
    pub low: Option<u32>,
    /// Highest credible figure.
    pub high: Option<u32>,
}

/// A validated event with its date resolved, its place geocoded and its front assigned.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Stable id (ACLED `event_id_cnty`), e.g. `LBY0001`.
    pub event_id_cnty: String,
    /// When it happened.
    pub date: DateInterval,
    /// The single day written for a week, month or year (ACLED's `event_date` with a
    /// `time_precision` of 2 or 3): the day ACLED records, kept so the event reads back as
    /// written and is counted on that day. `None` when the day is `date.start`.
    pub recorded: Option<NaiveDate>,
    /// The relative date it was given as, kept for the record.
    pub anchor: Option<Anchor>,
    /// ACLED event type, in the codebook's spelling.
    pub event_type: &'static str,
    /// ACLED sub-event type, in the codebook's spelling.
    pub sub_event_type: &'static str,
    /// Main actor(s) (ACLED `actor1`).
    pub actor1: Vec<String>,
    /// Actors associated with `actor1`.
    pub assoc_actor_1: Vec<String>,
    /// Other side, if any (ACLED `actor2`).
    pub actor2: Vec<String>,
    /// Actors associated with `actor2`.
    pub assoc_actor_2: Vec<String>,
    /// Country name.
    pub country: String,
    /// ISO 3166-1 numeric country code, as ACLED's `iso`.
    pub iso: Option<u16>,
    /// First-order administrative region.
    pub admin1: String,
    /// The place as named by the source.
    pub location: String,
    /// WGS84 position, x = longitude, y = latitude.
    pub point: Point<f64>,
    /// How precisely the place is known.
    pub geo_precision: GeoPrecision,
    /// Gazetteer id of the place, when it was geocoded or given.
    pub geonameid: Option<String>,
    /// Front id (from `data/fronts.geojson`) or [`UNASSIGNED`].
    pub front: String,
    /// Deaths reported: the conservative best estimate, and a side's claim only as the top of
    /// the range (ACLED's rule).
    pub fatalities: Fatalities,
    /// Confirmed, or claimed by a side, or disputed.
    pub claim: Claim,
    /// Every report of the event, denials included.
    pub sources: Vec<Source>,
    /// Free text, any language.
    pub notes: String,
    /// Marks a turning point to annotate on charts.
    pub key: bool,
    /// Short English label for charts.
    pub headline: String,
    /// Short Arabic label for charts.
    pub headline_ar: String,
    /// Columns of the file frontline does not know (ACLED's `disorder_type`, `admin2`,
    /// `timestamp`…), with their values as written, in file order.
    pub extra: Vec<(Arc<str>, String)>,
    /// File and line the event was read from.
    pub origin: Origin,
}

impl Event {
    /// Longitude in degrees.
    pub fn longitude(&self) -> f64 {
        self.point.x()
    }

    /// Latitude in degrees.
    pub fn latitude(&self) -> f64 {
        self.point.y()
    }

    /// The day the event is recorded on and counted on in charts: the day written for a
    /// coarser precision, else the first day.
    pub fn recorded_day(&self) -> NaiveDate {
        self.recorded.unwrap_or(self.date.start)
    }

    /// `event_date` as frontline writes it: the recorded day when one was written for a
    /// coarser precision, else the interval in the form `DateInterval::parse` reads.
    pub fn event_date(&self) -> String {
        match self.recorded {
            Some(day) => day.to_string(),
            None => self.date.to_string(),
        }
    }

    /// The label for charts: the headline, else the location and sub-event type.
    pub fn label(&self) -> String {
        if self.headline.is_empty() {
            format!("{}: {}", self.location, self.sub_event_type)
        } else {
            self.headline.clone()
        }
    }
}
