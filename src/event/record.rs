//! From a row of text fields to a checked draft event, every problem reported.

use super::date::{Anchor, DateInterval, TimePrecision};
use super::geo_precision::GeoPrecision;
use super::{taxonomy, Claim, ClaimStatus, Event, Fatalities, Source, Stance};
use crate::diagnostic::{Diagnostic, Origin};
use chrono::NaiveDate;
use csv::StringRecord;
use geo::Point;
use std::sync::Arc;

macro_rules! columns {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// A column frontline reads, by name (ACLED's names first, then frontline's own,
        /// then UCDP's `date_start`/`date_end`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Column { $(#[doc = concat!("The column `", $name, "`.")] $variant),* }

        impl Column {
            /// Every column, in the order they are written.
            pub const ALL: [Column; [$($name),*].len()] = [$(Column::$variant),*];

            /// The column's name in a header.
            pub const fn name(self) -> &'static str {
                match self { $(Column::$variant => $name),* }
            }
        }
    };
}

columns! {
    EventIdCnty => "event_id_cnty",
    EventDate => "event_date",
    TimePrecision => "time_precision",
    Anchor => "anchor",
    EventType => "event_type",
    SubEventType => "sub_event_type",
    Actor1 => "actor1",
    AssocActor1 => "assoc_actor_1",
    Actor2 => "actor2",
    AssocActor2 => "assoc_actor_2",
    Country => "country",
    Iso => "iso",
    Admin1 => "admin1",
    Location => "location",
    Latitude => "latitude",
    Longitude => "longitude",
    GeoPrecision => "geo_precision",
    Geonameid => "geonameid",
    Front => "front",
    Fatalities => "fatalities",
    FatalitiesLow => "fatalities_low",
    FatalitiesHigh => "fatalities_high",
    ClaimStatus => "claim_status",
    ClaimedBy => "claimed_by",
    Source => "source",
    SourceUrl => "source_url",
    Published => "published",
    SourceStance => "source_stance",
    Notes => "notes",
    Key => "key",
    Headline => "headline",
    HeadlineAr => "headline_ar",
    DateStart => "date_start",
    DateEnd => "date_end",
}

/// The columns of frontline's event files, in the order they are written (ACLED's names
/// first, then frontline's own).
pub const COLUMNS: [&str; 32] = {
    let mut names = [""; 32];
    let mut i = 0;
    while i < 32 {
        names[i] = Column::ALL[i].name();
        i += 1;
    }
    names
};

/// Columns a file must have; the others may be absent.
pub const REQUIRED_COLUMNS: [&str; 6] = [
    "event_id_cnty",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "location",
];

/// The header of an events file: its column names, where each known column is, and the
/// columns frontline does not know (kept and written back as they are).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    names: Vec<Arc<str>>,
    slots: [Option<usize>; Column::ALL.len()],
    extras: Vec<usize>,
}

impl Header {
    /// A header from column names, trimmed and lower-cased. The first of two columns with
    /// one name is the one read.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Header {
        let names: Vec<Arc<str>> = names
            .into_iter()
            .map(|n| Arc::from(n.trim().to_ascii_lowercase()))
            .collect();
        let mut slots = [None; Column::ALL.len()];
        let mut extras = Vec::new();
        for (i, name) in names.iter().enumerate() {
            match Column::ALL.iter().position(|c| c.name() == &**name) {
                Some(k) if slots[k].is_none() => slots[k] = Some(i),
                Some(_) => {}
                None => extras.push(i),
            }
        }
        Header {
            names,
            slots,
            extras,
        }
    }

    /// The column names, in file order.
    pub fn names(&self) -> &[Arc<str>] {
        &self.names
    }

    /// Where a known column is, if the file has it.
    pub fn index(&self, column: Column) -> Option<usize> {
        self.slots[column as usize]
    }

    /// Whether the file has a column.
    pub fn has(&self, column: Column) -> bool {
        self.index(column).is_some()
    }

    /// The positions of the columns frontline does not know, in file order.
    pub fn extras(&self) -> &[usize] {
        &self.extras
    }
}

/// A value without the spaces around it; most values have none, and are returned as they
/// are without a Unicode-aware scan.
fn trim(value: &str) -> &str {
    let bytes = value.as_bytes();
    let plain = |b: Option<&u8>| b.is_none_or(|b| (0x21..0x7f).contains(b));
    if plain(bytes.first()) && plain(bytes.last()) {
        value
    } else {
        value.trim()
    }
}

/// One row or object of an events file, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRecord {
    /// File and line it starts on.
    pub origin: Origin,
    /// The file's header, shared by its rows.
    pub header: Arc<Header>,
    /// The values, in header order.
    pub values: StringRecord,
}

impl RawRecord {
    /// A record from `(column, value)` pairs, for objects and tests.
    pub fn from_pairs<'a>(
        origin: Origin,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> RawRecord {
        let (names, values): (Vec<&str>, Vec<&str>) = pairs.into_iter().unzip();
        RawRecord {
            origin,
            header: Arc::new(Header::new(names)),
            values: StringRecord::from(values),
        }
    }

    /// The trimmed value of a known column, empty when absent.
    pub fn get(&self, column: Column) -> &str {
        self.header
            .index(column)
            .and_then(|i| self.values.get(i))
            .map(trim)
            .unwrap_or("")
    }

    /// The trimmed value of any column by name, empty when absent.
    pub fn field(&self, name: &str) -> &str {
        self.header
            .names
            .iter()
            .position(|n| &**n == name)
            .and_then(|i| self.values.get(i))
            .map(str::trim)
            .unwrap_or("")
    }

    /// The columns frontline does not know, with their values as written.
    pub fn extras(&self) -> impl Iterator<Item = (&Arc<str>, &str)> {
        self.header
            .extras
            .iter()
            .map(|&i| (&self.header.names[i], self.values.get(i).unwrap_or("")))
    }
}

/// An event as read, before dates are resolved through anchors, places geocoded and
/// fronts assigned.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// Everything but the date, point and front, which are filled in later.
    pub event: Event,
    /// The date written in `event_date` (or `date_start`/`date_end`), if any.
    pub date: Option<DateInterval>,
    /// The position written in `latitude`/`longitude`, if any.
    pub point: Option<Point<f64>>,
    /// Whether `geo_precision` was written (else the geocoder sets it).
    pub geo_precision_given: bool,
    /// The front written in `front`, if any, not yet checked against the front areas.
    pub front: Option<String>,
}

/// How much of a record a draft keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Every field.
    All,
    /// What selecting and indexing need (date, place, front, type, actors, deaths): the
    /// free text (notes, headlines, the file's other columns) and the sources are checked
    /// but not copied, which halves the cost of a row that is only counted or passed over.
    Index,
}

/// Checks one record and builds its draft, pushing every problem into `problems`.
pub fn parse(record: &RawRecord, problems: &mut Vec<Diagnostic>) -> Option<Draft> {
    parse_keeping(record, Keep::All, problems)
}

/// [`parse`], keeping only what `keep` says; the checks are the same.
pub fn parse_keeping(
    record: &RawRecord,
    keep: Keep,
    problems: &mut Vec<Diagnostic>,
) -> Option<Draft> {
    let before = problems.len();
    let origin = &record.origin;
    let mut bad = |field: &str, value: &str, expected: &str| {
        problems.push(Diagnostic::field(origin, field, value, expected));
    };

    let id = record.get(Column::EventIdCnty);
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    {
        bad(
            "event_id_cnty",
            id,
            "an id of letters and digits, e.g. LBY0001",
        );
    }

    let anchor_text = record.get(Column::Anchor);
    let anchor = if anchor_text.is_empty() {
        None
    } else {
        let parsed = Anchor::parse(anchor_text);
        if parsed.is_none() {
            bad(
                "anchor",
                anchor_text,
                "an event id and offset such as LBY0001+3d (units d, w, m)",
            );
        }
        parsed
    };

    let precision_text = record.get(Column::TimePrecision);
    let precision = if precision_text.is_empty() {
        None
    } else {
        let parsed = TimePrecision::parse(precision_text);
        if parsed.is_none() {
            bad(
                "time_precision",
                precision_text,
                "day, days, week, month, year, or ACLED's 1, 2 or 3",
            );
        }
        parsed
    };

    let (date, recorded) = match parse_date(record, precision, anchor.is_some(), &mut bad) {
        Some((date, recorded)) => (Some(date), recorded),
        None => (None, None),
    };

    let type_text = record.get(Column::EventType);
    let event_type = taxonomy::event_type(type_text);
    if event_type.is_none() {
        bad(
            "event_type",
            type_text,
            &format!(
                "one of ACLED's event types: {}",
                taxonomy::EVENT_TYPES.map(|(t, _)| t).join(", ")
            ),
        );
    }
    let sub_text = record.get(Column::SubEventType);
    let sub = taxonomy::sub_event_type(sub_text);
    match (event_type, sub) {
        (_, None) => bad(
            "sub_event_type",
            sub_text,
            "one of ACLED's 25 sub-event types",
        ),
        (Some(t), Some((parent, _))) if t != parent => bad(
            "sub_event_type",
            sub_text,
            &format!("a sub-event type of {t} (this one belongs to {parent})"),
        ),
        _ => {}
    }

    let actor1 = list(record.get(Column::Actor1));
    if actor1.is_empty() {
        bad("actor1", "", "the name of the main actor");
    }
    let country = record.get(Column::Country);
    if country.is_empty() {
        bad("country", "", "a country name, e.g. Libya");
    }
    let iso_text = record.get(Column::Iso);
    let iso = if iso_text.is_empty() {
        None
    } else {
        let parsed = iso_text.parse::<u16>().ok().filter(|n| *n < 1000);
        if parsed.is_none() {
            bad(
                "iso",
                iso_text,
                "an ISO 3166-1 numeric code, e.g. 434 for Libya",
            );
        }
        parsed
    };
    let location = record.get(Column::Location);
    if location.is_empty() {
        bad("location", "", "the place as named, e.g. Ain Zara");
    }

    let point = parse_point(record, &mut bad);

    let geo_text = record.get(Column::GeoPrecision);
    let geo_precision = if geo_text.is_empty() {
        None
    } else {
        let parsed = GeoPrecision::parse(geo_text);
        if parsed.is_none() {
            bad(
                "geo_precision",
                geo_text,
                "exact, near, admin2, admin1, country, water, or ACLED's 1, 2 or 3",
            );
        }
        parsed
    };

    let fatalities = parse_fatalities(record, &mut bad);
    let sources = parse_sources(record, &mut bad);
    let claim = parse_claim(record, &sources, &mut bad);

    let key_text = record.get(Column::Key);
    let key = match key_text.to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" => false,
        "true" | "yes" | "1" => true,
        _ => {
            bad("key", key_text, "true or false (or empty)");
            false
        }
    };

    let front = Some(record.get(Column::Front))
        .filter(|f| !f.is_empty())
        .map(str::to_string);
    let geonameid = Some(record.get(Column::Geonameid))
        .filter(|g| !g.is_empty())
        .map(str::to_string);

    if problems.len() > before {
        return None;
    }
    let text = |column: Column| match keep {
        Keep::All => record.get(column).to_string(),
        Keep::Index => String::new(),
    };
    let (event_type, sub_event_type) = sub?;
    Some(Draft {
        event: Event {
            event_id_cnty: id.to_string(),
            date: date.unwrap_or(DateInterval::day(NaiveDate::MIN)),
            recorded,
            anchor,
            event_type,
            sub_event_type,
            actor1,
            assoc_actor_1: list(record.get(Column::AssocActor1)),
            actor2: list(record.get(Column::Actor2)),
            assoc_actor_2: list(record.get(Column::AssocActor2)),
            country: country.to_string(),
            iso,
            admin1: record.get(Column::Admin1).to_string(),
            location: location.to_string(),
            point: point.unwrap_or(Point::new(0.0, 0.0)),
            geo_precision: geo_precision.unwrap_or(GeoPrecision::Exact),
            geonameid,
            front: String::new(),
            fatalities,
            claim,
            sources: if keep == Keep::All {
                sources
            } else {
                Vec::new()
            },
            notes: text(Column::Notes),
            key,
            headline: text(Column::Headline),
            headline_ar: text(Column::HeadlineAr),
            extra: if keep == Keep::All {
                record
                    .extras()
                    .map(|(name, value)| (Arc::clone(name), value.trim().to_string()))
                    .collect()
            } else {
                Vec::new()
            },
            origin: origin.clone(),
        },
        date,
        point,
        geo_precision_given: geo_precision.is_some(),
        front,
    })
}

/// `event_date` (or UCDP's `date_start`/`date_end`), widened to an ACLED week or month
/// when `time_precision` says the single day written stands for one; that day is returned
/// beside the interval.
fn parse_date(
    record: &RawRecord,
    precision: Option<TimePrecision>,
    anchored: bool,
    bad: &mut impl FnMut(&str, &str, &str),
) -> Option<(DateInterval, Option<NaiveDate>)> {
    const EXPECTED: &str = "a date YYYY-MM-DD, YYYY-MM or YYYY, or an interval START/END";
    let event_date = record.get(Column::EventDate);
    let (start, end) = (record.get(Column::DateStart), record.get(Column::DateEnd));
    let date = if !event_date.is_empty() {
        let parsed = DateInterval::parse(event_date);
        if parsed.is_none() {
            bad("event_date", event_date, EXPECTED);
        }
        parsed
    } else if !start.is_empty() {
        let text = if end.is_empty() {
            start.to_string()
        } else {
            format!("{start}/{end}")
        };
        let parsed = DateInterval::parse(&text);
        if parsed.is_none() {
            bad(
                "date_start",
                &text,
                "date_start on or before date_end, each YYYY-MM-DD",
            );
        }
        parsed
    } else {
        if !anchored {
            bad("event_date", "", &format!("{EXPECTED}, or an anchor"));
        }
        None
    }?;
    match precision {
        None => Some((date, None)),
        Some(p) if date.start == date.end => {
            let widened = date.widened_to(p);
            let recorded = (widened.start != widened.end).then_some(date.start);
            Some((widened, recorded))
        }
        Some(p) if p == date.precision => Some((date, None)),
        Some(p) => {
            bad(
                "time_precision",
                p.as_str(),
                &format!("{} to match event_date {date}", date.precision),
            );
            None
        }
    }
}

fn parse_point(record: &RawRecord, bad: &mut impl FnMut(&str, &str, &str)) -> Option<Point<f64>> {
    let (lat_text, lon_text) = (record.get(Column::Latitude), record.get(Column::Longitude));
    if lat_text.is_empty() && lon_text.is_empty() {
        return None;
    }
    let lat = lat_text
        .parse::<f64>()
        .ok()
        .filter(|v| (-90.0..=90.0).contains(v));
    let lon = lon_text
        .parse::<f64>()
        .ok()
        .filter(|v| (-180.0..=180.0).contains(v));
    if lat.is_none() {
        bad(
            "latitude",
            lat_text,
            "decimal degrees between -90 and 90 (or both coordinates empty to geocode `location`)",
        );
    }
    if lon.is_none() {
        bad("longitude", lon_text, "decimal degrees between -180 and 180 (or both coordinates empty to geocode `location`)");
    }
    // geo's Point is (x, y) = (longitude, latitude); the CSV columns are the other way round.
    Some(Point::new(lon?, lat?))
}

fn parse_fatalities(record: &RawRecord, bad: &mut impl FnMut(&str, &str, &str)) -> Fatalities {
    let mut count = |column: Column| {
        let text = record.get(column);
        if text.is_empty() {
            return None;
        }
        let parsed = text.parse::<u32>().ok();
        if parsed.is_none() {
            bad(column.name(), text, "a whole number of deaths, 0 or more");
        }
        parsed
    };
    let fatalities = Fatalities {
        best: count(Column::Fatalities),
        low: count(Column::FatalitiesLow),
        high: count(Column::FatalitiesHigh),
    };
    let ordered = |a: Option<u32>, b: Option<u32>| a.zip(b).is_none_or(|(a, b)| a <= b);
    if !(ordered(fatalities.low, fatalities.best)
        && ordered(fatalities.best, fatalities.high)
        && ordered(fatalities.low, fatalities.high))
    {
        let range = [
            ("fatalities_low", fatalities.low),
            ("fatalities", fatalities.best),
            ("fatalities_high", fatalities.high),
        ]
        .iter()
        .filter_map(|(name, v)| v.map(|v| format!("{name}={v}")))
        .collect::<Vec<_>>()
        .join(", ");
        bad(
            "fatalities",
            &range,
            "fatalities_low <= fatalities <= fatalities_high",
        );
    }
    fatalities
}

/// `source`, `source_url`, `published` and `source_stance`, aligned by position (ACLED's
/// `;`-separated lists); a row without a source, a list longer than `source`, an address that
/// is not a web page's or a day that is not one is reported through `bad`.
pub fn parse_sources(record: &RawRecord, bad: &mut impl FnMut(&str, &str, &str)) -> Vec<Source> {
    let names = list(record.get(Column::Source));
    if names.is_empty() {
        bad(
            "source",
            "",
            "the outlet or organisation that reported the event",
        );
        return Vec::new();
    }
    let urls = split_aligned(record.get(Column::SourceUrl));
    let published = split_aligned(record.get(Column::Published));
    let stances = split_aligned(record.get(Column::SourceStance));
    for (column, values) in [
        (Column::SourceUrl, &urls),
        (Column::Published, &published),
        (Column::SourceStance, &stances),
    ] {
        if values.len() > names.len() {
            bad(
                column.name(),
                record.get(column),
                &format!(
                    "at most one `;`-separated value per source ({} sources)",
                    names.len()
                ),
            );
        }
    }
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let url = urls.get(i).filter(|u| !u.is_empty()).cloned();
            if let Some(u) = &url {
                if !super::is_web_url(u) {
                    bad("source_url", u, "an http:// or https:// address");
                }
            }
            let published = published.get(i).filter(|p| !p.is_empty()).and_then(|p| {
                let day = NaiveDate::parse_from_str(p, "%Y-%m-%d").ok();
                if day.is_none() {
                    bad("published", p, "a publication day YYYY-MM-DD");
                }
                day
            });
            let stance = stances.get(i).map_or(Some(Stance::Reports), |s| {
                let stance = Stance::parse(s);
                if stance.is_none() {
                    bad(
                        "source_stance",
                        s,
                        "reports, claims or denies (or empty for reports), one per source",
                    );
                }
                stance
            });
            Source {
                name,
                url,
                published,
                stance: stance.unwrap_or_default(),
            }
        })
        .collect()
}

/// `claim_status` and `claimed_by`, checked against each other and the sources: a claimed
/// or disputed event names who claims it, and a disputed one has a source that denies it.
fn parse_claim(
    record: &RawRecord,
    sources: &[Source],
    bad: &mut impl FnMut(&str, &str, &str),
) -> Claim {
    let status_text = record.get(Column::ClaimStatus);
    let status = ClaimStatus::parse(status_text).unwrap_or_else(|| {
        bad(
            "claim_status",
            status_text,
            "confirmed, claimed or disputed (or empty for confirmed)",
        );
        ClaimStatus::Confirmed
    });
    let by = list(record.get(Column::ClaimedBy));
    match status {
        ClaimStatus::Confirmed if !by.is_empty() => bad(
            "claimed_by",
            record.get(Column::ClaimedBy),
            "empty for a confirmed event (set claim_status to claimed or disputed)",
        ),
        ClaimStatus::Claimed | ClaimStatus::Disputed if by.is_empty() => bad(
            "claimed_by",
            "",
            &format!(
                "the side that claims a {} event, e.g. GNA: Government of National Accord",
                status.as_str()
            ),
        ),
        _ => {}
    }
    let denied = sources.iter().any(|s| s.stance == Stance::Denies);
    if status == ClaimStatus::Disputed && !denied && !sources.is_empty() {
        bad(
            "source_stance",
            record.get(Column::SourceStance),
            "a source that denies a disputed event (`denies` at its place in the list)",
        );
    }
    Claim { status, by }
}

/// ACLED's `;`-separated list, empty items dropped.
pub fn list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A `;`-separated list whose positions matter (aligned with `source`): empty items kept.
fn split_aligned(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split(';').map(|s| s.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn record(pairs: &[(&str, &str)]) -> RawRecord {
        RawRecord::from_pairs(Origin::at(Path::new("t.csv"), 2), pairs.iter().copied())
    }

    fn good() -> Vec<(&'static str, &'static str)> {
        vec![
            ("event_id_cnty", "LBY0001"),
            ("event_date", "2019-04-04"),
            ("event_type", "Battles"),
            ("sub_event_type", "Armed clash"),
            ("actor1", "LNA: Libyan National Army (Haftar)"),
            ("country", "Libya"),
            ("location", "Gharyan"),
            ("source", "Reuters;Al Jazeera"),
            ("source_url", ";https://www.aljazeera.net/x"),
            ("published", "2019-04-04;2019-04-05"),
        ]
    }

    #[test]
    fn a_good_record_becomes_a_draft() {
        let mut problems = Vec::new();
        let draft = parse(&record(&good()), &mut problems).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(draft.event.sources.len(), 2);
        assert_eq!(draft.event.sources[0].url, None);
        assert_eq!(
            draft.event.sources[1].url.as_deref(),
            Some("https://www.aljazeera.net/x")
        );
        assert_eq!(draft.point, None);
    }

    fn with(changes: &[(&'static str, &'static str)]) -> RawRecord {
        let mut pairs = good();
        for (name, value) in changes {
            match pairs.iter_mut().find(|(n, _)| n == name) {
                Some(pair) => pair.1 = value,
                None => pairs.push((name, value)),
            }
        }
        record(&pairs)
    }

    #[test]
    fn a_claim_names_its_side_and_a_dispute_its_denial() {
        let mut problems = Vec::new();
        let disputed = with(&[
            ("claim_status", "disputed"),
            ("claimed_by", "GNA: Government of National Accord"),
            ("source_stance", "claims;denies"),
        ]);
        let draft = parse(&disputed, &mut problems).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(draft.event.claim.status, ClaimStatus::Disputed);
        assert_eq!(draft.event.claim.by, ["GNA: Government of National Accord"]);
        assert_eq!(draft.event.sources[1].stance, Stance::Denies);

        for (changes, field) in [
            (&[("claim_status", "rumoured")][..], "claim_status"),
            (&[("claim_status", "claimed")][..], "claimed_by"),
            (&[("claimed_by", "LNA")][..], "claimed_by"),
            (
                &[("claim_status", "disputed"), ("claimed_by", "LNA")][..],
                "source_stance",
            ),
            (&[("source_stance", "reports;doubts")][..], "source_stance"),
            (
                &[("source_stance", "reports;claims;denies")][..],
                "source_stance",
            ),
        ] {
            let mut problems = Vec::new();
            assert!(
                parse(&with(changes), &mut problems).is_none(),
                "{changes:?}"
            );
            assert_eq!(problems.len(), 1, "{changes:?}: {problems:?}");
            assert_eq!(problems[0].field.as_deref(), Some(field), "{changes:?}");
        }
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let replace = [
            ("event_date", "2019-02-30"),
            ("sub_event_type", "Air/drone strike"),
        ];
        let mut fields: Vec<_> = good()
            .into_iter()
            .filter(|(k, _)| *k != "actor1")
            .map(|(k, v)| {
                (
                    k,
                    replace.iter().find(|(r, _)| *r == k).map_or(v, |(_, n)| *n),
                )
            })
            .collect();
        fields.extend([
            ("latitude", "132.8"),
            ("longitude", "13.1"),
            ("fatalities", "-3"),
            ("key", "maybe"),
        ]);
        let mut problems = Vec::new();
        assert!(parse(&record(&fields), &mut problems).is_none());
        let fields: Vec<_> = problems.iter().filter_map(|p| p.field.clone()).collect();
        assert_eq!(
            fields,
            [
                "event_date",
                "sub_event_type",
                "actor1",
                "latitude",
                "fatalities",
                "key"
            ]
        );
    }

    #[test]
    fn acled_numeric_precisions_are_read() {
        let mut fields = good();
        fields.extend([("time_precision", "2"), ("geo_precision", "2")]);
        let mut problems = Vec::new();
        let draft = parse(&record(&fields), &mut problems).unwrap();
        let date = draft.date.unwrap();
        assert_eq!(date.precision, TimePrecision::Week);
        assert_eq!(date.start.to_string(), "2019-04-01");
        assert_eq!(draft.event.geo_precision, GeoPrecision::Near);
    }
}
