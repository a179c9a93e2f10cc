//! From a row of text fields to a checked draft event, every problem reported.

use super::date::{Anchor, DateInterval, TimePrecision};
use super::geo_precision::GeoPrecision;
use super::{taxonomy, Event, Fatalities, Source};
use crate::diagnostic::{Diagnostic, Origin};
use chrono::NaiveDate;
use geo::Point;

/// The columns of frontline's event files, in the order they are written (ACLED's names
/// first, then frontline's own).
pub const COLUMNS: [&str; 29] = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "anchor",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "iso",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
    "front",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "source",
    "source_url",
    "published",
    "notes",
    "key",
    "headline",
    "headline_ar",
];

/// Columns a file must have; the others may be absent.
pub const REQUIRED_COLUMNS: [&str; 6] = [
    "event_id_cnty",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "location",
];

/// One row or object of an events file, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRecord {
    /// File and line it starts on.
    pub origin: Origin,
    /// `(column, value)` pairs, column names lower-cased.
    pub fields: Vec<(String, String)>,
}

impl RawRecord {
    /// The trimmed value of a column, empty when absent.
    pub fn get(&self, column: &str) -> &str {
        self.fields
            .iter()
            .find(|(name, _)| name == column)
            .map(|(_, value)| value.trim())
            .unwrap_or("")
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

/// Checks one record and builds its draft, pushing every problem into `problems`.
pub fn parse(record: &RawRecord, problems: &mut Vec<Diagnostic>) -> Option<Draft> {
    let before = problems.len();
    let origin = &record.origin;
    let mut bad = |field: &str, value: &str, expected: &str| {
        problems.push(Diagnostic::field(origin, field, value, expected));
    };

    let id = record.get("event_id_cnty");
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

    let anchor_text = record.get("anchor");
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

    let precision_text = record.get("time_precision");
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

    let date = parse_date(record, precision, anchor.is_some(), &mut bad);

    let type_text = record.get("event_type");
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
    let sub_text = record.get("sub_event_type");
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

    let actor1 = list(record.get("actor1"));
    if actor1.is_empty() {
        bad("actor1", "", "the name of the main actor");
    }
    let country = record.get("country");
    if country.is_empty() {
        bad("country", "", "a country name, e.g. Libya");
    }
    let iso_text = record.get("iso");
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
    let location = record.get("location");
    if location.is_empty() {
        bad("location", "", "the place as named, e.g. Ain Zara");
    }

    let point = parse_point(record, &mut bad);

    let geo_text = record.get("geo_precision");
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

    let key_text = record.get("key");
    let key = match key_text.to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" => false,
        "true" | "yes" | "1" => true,
        _ => {
            bad("key", key_text, "true or false (or empty)");
            false
        }
    };

    let front = Some(record.get("front"))
        .filter(|f| !f.is_empty())
        .map(str::to_string);
    let geonameid = Some(record.get("geonameid"))
        .filter(|g| !g.is_empty())
        .map(str::to_string);

    if problems.len() > before {
        return None;
    }
    let (event_type, sub_event_type) = sub?;
    Some(Draft {
        event: Event {
            event_id_cnty: id.to_string(),
            date: date.unwrap_or(DateInterval::day(NaiveDate::MIN)),
            anchor,
            event_type,
            sub_event_type,
            actor1,
            assoc_actor_1: list(record.get("assoc_actor_1")),
            actor2: list(record.get("actor2")),
            assoc_actor_2: list(record.get("assoc_actor_2")),
            country: country.to_string(),
            iso,
            admin1: record.get("admin1").to_string(),
            location: location.to_string(),
            point: point.unwrap_or(Point::new(0.0, 0.0)),
            geo_precision: geo_precision.unwrap_or(GeoPrecision::Exact),
            geonameid,
            front: String::new(),
            fatalities,
            sources,
            notes: record.get("notes").to_string(),
            key,
            headline: record.get("headline").to_string(),
            headline_ar: record.get("headline_ar").to_string(),
            origin: origin.clone(),
        },
        date,
        point,
        geo_precision_given: geo_precision.is_some(),
        front,
    })
}

/// `event_date` (or UCDP's `date_start`/`date_end`), widened to an ACLED week or month
/// when `time_precision` says the single day written stands for one.
fn parse_date(
    record: &RawRecord,
    precision: Option<TimePrecision>,
    anchored: bool,
    bad: &mut impl FnMut(&str, &str, &str),
) -> Option<DateInterval> {
    const EXPECTED: &str = "a date YYYY-MM-DD, YYYY-MM or YYYY, or an interval START/END";
    let event_date = record.get("event_date");
    let (start, end) = (record.get("date_start"), record.get("date_end"));
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
        None => Some(date),
        Some(p) if date.start == date.end => Some(date.widened_to(p)),
        Some(p) if p == date.precision => Some(date),
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
    let (lat_text, lon_text) = (record.get("latitude"), record.get("longitude"));
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
    let mut count = |field: &str| {
        let text = record.get(field);
        if text.is_empty() {
            return None;
        }
        let parsed = text.parse::<u32>().ok();
        if parsed.is_none() {
            bad(field, text, "a whole number of deaths, 0 or more");
        }
        parsed
    };
    let fatalities = Fatalities {
        best: count("fatalities"),
        low: count("fatalities_low"),
        high: count("fatalities_high"),
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

fn parse_sources(record: &RawRecord, bad: &mut impl FnMut(&str, &str, &str)) -> Vec<Source> {
    let names = list(record.get("source"));
    if names.is_empty() {
        bad(
            "source",
            "",
            "the outlet or organisation that reported the event",
        );
        return Vec::new();
    }
    let urls = split_aligned(record.get("source_url"));
    let published = split_aligned(record.get("published"));
    for (field, values) in [("source_url", &urls), ("published", &published)] {
        if values.len() > names.len() {
            bad(
                field,
                record.get(field),
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
                if !(u.starts_with("http://") || u.starts_with("https://")) {
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
            Source {
                name,
                url,
                published,
            }
        })
        .collect()
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
        RawRecord {
            origin: Origin::at(Path::new("t.csv"), 2),
            fields: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
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
