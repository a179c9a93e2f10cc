//! A request's query parameters: decoded, checked against the ones the resource defines,
//! and turned into the [`FilterText`] `query`'s flags make, so both go through one
//! resolution (`select::resolve_filter`) and cannot disagree.
//!
//! Part 1 requires `bbox` (§7.15.3), `datetime` (§7.15.4) and `limit` (§7.15.2) on every
//! collection's items, a 400 for a parameter the API does not define
//! (`/req/core/query-param-unknown`) and for a value it cannot use
//! (`/req/core/query-param-invalid`).

use super::exception::Exception;
use super::negotiate::Format;
use crate::event::ClaimStatus;
use crate::filter::{DateMode, FilterText};
use chrono::DateTime;

/// The most parameters one request may carry, and the most values one list may hold.
const MAX_PAIRS: usize = 64;
const MAX_VALUES: usize = 16;

/// `limit`'s default and maximum (Part 1, `/req/core/fc-limit-definition`).
pub const LIMIT_DEFAULT: usize = 10;
/// The most items one page holds.
pub const LIMIT_MAX: usize = 10_000;
/// The widest `radius` a request may ask for, in kilometres: wider than Libya, and a bound
/// on what one request costs.
pub const RADIUS_MAX_KM: f64 = 2_000.0;
/// The furthest `offset`: past any file's rows, short of arithmetic that could overflow.
const OFFSET_MAX: usize = 1 << 40;

/// The parameters of `/collections/events/items`.
pub const EVENT_ITEMS: [&str; 12] = [
    "f", "limit", "offset", "bbox", "datetime", "front", "type", "sub_type", "actor", "near",
    "radius", "claim",
];
/// The parameters of the items of the fronts and of a weekly collection.
pub const AREA_ITEMS: [&str; 6] = ["f", "limit", "offset", "bbox", "datetime", "front"];
/// The parameter of every other resource.
pub const ONLY_F: [&str; 1] = ["f"];

/// Parameters that may be repeated (or hold a comma-separated list).
const LISTS: [&str; 5] = ["front", "type", "sub_type", "actor", "claim"];

/// The decoded query string, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    /// Each `name=value`, percent-decoded (`+` is a space, as HTML forms send it).
    pub pairs: Vec<(String, String)>,
}

impl Params {
    /// Decodes a query string and checks every name against `known`: an unknown name, a
    /// single-valued parameter given twice, or text that is not UTF-8 is a 400.
    pub fn parse(query: Option<&str>, known: &[&str]) -> Result<Params, Exception> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for part in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            if pairs.len() == MAX_PAIRS {
                return Err(Exception::invalid(
                    "query",
                    "…",
                    &format!("at most {MAX_PAIRS} parameters"),
                ));
            }
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            let name = decode(name).ok_or_else(|| Exception::invalid("query", part, "UTF-8"))?;
            let value = decode(value).ok_or_else(|| Exception::invalid(&name, value, "UTF-8"))?;
            if !known.contains(&name.as_str()) {
                return Err(Exception::unknown_parameter(&name, known));
            }
            let seen = pairs.iter().filter(|(n, _)| *n == name).count();
            if seen > 0 && !LISTS.contains(&name.as_str()) {
                return Err(Exception::invalid(
                    &name,
                    &value,
                    "the parameter given once",
                ));
            }
            if seen >= MAX_VALUES {
                return Err(Exception::invalid(
                    &name,
                    &value,
                    &format!("at most {MAX_VALUES} values"),
                ));
            }
            pairs.push((name, value));
        }
        Ok(Params { pairs })
    }

    /// The value of a single-valued parameter.
    pub fn one(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a list parameter: repeated, or separated by commas (an actor's name
    /// may hold a comma, so `actor` is only repeated).
    pub fn list(&self, name: &str) -> Vec<String> {
        let split = name != "actor";
        let mut values = Vec::new();
        for (_, v) in self.pairs.iter().filter(|(n, _)| n == name) {
            if split {
                values.extend(v.split(',').map(|s| s.trim().to_string()));
            } else {
                values.push(v.trim().to_string());
            }
        }
        values
    }

    /// The response's format: `f` when given, else what `accept` prefers.
    pub fn format(&self, accept: Option<&str>) -> Result<Format, Exception> {
        match self.one("f") {
            Some(f) => Format::parse(f).ok_or_else(|| Exception::invalid("f", f, "json or html")),
            None => Ok(Format::accepted(accept)),
        }
    }

    /// The format to answer an exception in: `f` when it names one, else `accept`'s.
    pub fn format_or_default(query: Option<&str>, accept: Option<&str>) -> Format {
        let f = query.unwrap_or("").split('&').find_map(|p| {
            p.strip_prefix("f=")
                .and_then(|v| Format::parse(&decode(v)?))
        });
        f.unwrap_or_else(|| Format::accepted(accept))
    }

    /// `limit` and `offset`: a page of at most `limit` items after the first `offset`.
    pub fn page(&self) -> Result<(usize, usize), Exception> {
        let limit = match self.one("limit") {
            None => LIMIT_DEFAULT,
            Some(v) => v
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=LIMIT_MAX).contains(n))
                .ok_or_else(|| {
                    Exception::invalid("limit", v, &format!("a whole number from 1 to {LIMIT_MAX}"))
                })?,
        };
        let offset = match self.one("offset") {
            None => 0,
            Some(v) => v
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n <= OFFSET_MAX)
                .ok_or_else(|| Exception::invalid("offset", v, "a whole number, 0 or more"))?,
        };
        Ok((limit, offset))
    }

    /// The filter's text: the same fields `query`'s flags fill, resolved by the same code.
    pub fn filter_text(&self) -> Result<FilterText, Exception> {
        let mut text = FilterText {
            dates: DateMode::Overlap,
            ..FilterText::default()
        };
        if let Some(v) = self.one("bbox") {
            text.bbox = Some(bbox(v)?);
        }
        if let Some(v) = self.one("datetime") {
            (text.from, text.to) = datetime(v)?;
        }
        text.near = self.one("near").map(str::to_string);
        if let Some(v) = self.one("radius") {
            let km = v
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|km| km.is_finite() && *km > 0.0 && *km <= RADIUS_MAX_KM)
                .ok_or_else(|| {
                    Exception::invalid(
                        "radius",
                        v,
                        &format!("kilometres, more than 0 and at most {RADIUS_MAX_KM}"),
                    )
                })?;
            text.radius = Some(km);
        }
        text.fronts = non_empty(self.list("front"), "front")?;
        text.event_types = non_empty(self.list("type"), "type")?;
        text.sub_event_types = non_empty(self.list("sub_type"), "sub_type")?;
        text.actors = non_empty(self.list("actor"), "actor")?;
        for word in self.list("claim") {
            let status = Some(word.as_str())
                .filter(|w| !w.is_empty())
                .and_then(ClaimStatus::parse)
                .ok_or_else(|| {
                    Exception::invalid("claim", &word, "confirmed, claimed or disputed")
                })?;
            if !text.claims.contains(&status) {
                text.claims.push(status);
            }
        }
        Ok(text)
    }
}

/// Percent-decodes one name or value (`+` is a space); `None` when it is not UTF-8.
fn decode(text: &str) -> Option<String> {
    let spaced = text.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

fn non_empty(values: Vec<String>, name: &str) -> Result<Vec<String>, Exception> {
    match values.iter().find(|v| v.is_empty()) {
        Some(_) => Err(Exception::invalid(name, "", "a value")),
        None => Ok(values),
    }
}

/// `bbox`: four numbers (or six, whose heights are set aside), in CRS84 longitude and
/// latitude (Part 1 §7.15.3, `/req/core/fc-bbox-definition`); a west edge east of the
/// east edge crosses the antimeridian. The numbers themselves are checked where `--bbox`'s
/// are.
fn bbox(value: &str) -> Result<String, Exception> {
    let parts: Vec<&str> = value.split(',').map(str::trim).collect();
    match parts.len() {
        4 => Ok(parts.join(",")),
        6 => Ok([parts[0], parts[1], parts[3], parts[4]].join(",")),
        _ => Err(Exception::invalid(
            "bbox",
            value,
            "four numbers W,S,E,N in decimal degrees (or six with heights)",
        )),
    }
}

/// `datetime` (Part 1 §7.15.4, `/req/core/fc-time-definition`): an instant, or an interval
/// `start/end` whose open end is `..` or empty. An RFC 3339 date-time is taken on its day
/// in UTC (events are whole days, `T00:00:00Z` to `T23:59:59Z`); a date, a month or a year
/// is taken as `query --from`/`--to` take it. Events are matched if their days meet the
/// range (`query --dates overlap`: OGC's "intersects").
fn datetime(value: &str) -> Result<(Option<String>, Option<String>), Exception> {
    let expected = "an RFC 3339 date-time or date, or an interval START/END with .. for an open end (e.g. 2019-04-04/.., 2019-04-04T00:00:00Z/2019-05-01T00:00:00Z)";
    let bad = || Exception::invalid("datetime", value, expected);
    let day = |part: &str| -> Result<Option<String>, Exception> {
        let part = part.trim();
        if part.is_empty() || part == ".." {
            return Ok(None);
        }
        if part.contains(['T', 't']) {
            let instant = DateTime::parse_from_rfc3339(part).map_err(|_| bad())?;
            return Ok(Some(instant.naive_utc().date().to_string()));
        }
        // A date, month or year: checked, and widened to its days, by the filter.
        if part
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'+')
        {
            Ok(Some(part.to_string()))
        } else {
            Err(bad())
        }
    };
    let parts: Vec<&str> = value.split('/').collect();
    match parts[..] {
        [instant] if !instant.trim().is_empty() && instant.trim() != ".." => {
            let d = day(instant)?;
            Ok((d.clone(), d))
        }
        [start, end] => {
            let (from, to) = (day(start)?, day(end)?);
            if from.is_none() && to.is_none() {
                return Err(bad());
            }
            Ok((from, to))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use proptest::prelude::*;

    fn events(query: &str) -> Result<FilterText, Exception> {
        Params::parse(Some(query), &EVENT_ITEMS)?.filter_text()
    }

    #[test]
    fn an_unknown_parameter_is_a_400_naming_it() {
        let e = Params::parse(Some("limit=5&colour=red"), &EVENT_ITEMS).unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert!(
            e.description.starts_with("unknown parameter colour"),
            "{}",
            e.description
        );
    }

    #[test]
    fn a_single_valued_parameter_given_twice_is_refused() {
        let e = Params::parse(Some("limit=5&limit=6"), &EVENT_ITEMS).unwrap_err();
        assert!(e.description.starts_with("limit=6"), "{}", e.description);
    }

    #[test]
    fn limit_is_1_to_10000_and_defaults_to_10() {
        // Part 1, /req/core/fc-limit-definition: minimum 1, maximum 10000, default 10.
        let page = |q: &str| Params::parse(Some(q), &EVENT_ITEMS).unwrap().page();
        assert_eq!(page("").unwrap(), (10, 0));
        assert_eq!(page("limit=10000&offset=20").unwrap(), (10_000, 20));
        for bad in [
            "limit=0",
            "limit=10001",
            "limit=-1",
            "limit=ten",
            "offset=-3",
        ] {
            assert_eq!(
                page(bad).unwrap_err().status,
                StatusCode::BAD_REQUEST,
                "{bad}"
            );
        }
    }

    #[test]
    fn datetime_takes_instants_intervals_and_open_ends() {
        let range = |q: &str| {
            let t = events(&format!("datetime={q}")).unwrap();
            (t.from, t.to)
        };
        let s = |v: &str| Some(v.to_string());
        assert_eq!(range("2019-04-04"), (s("2019-04-04"), s("2019-04-04")));
        assert_eq!(
            range("2019-04-04T12:00:00Z"),
            (s("2019-04-04"), s("2019-04-04"))
        );
        // An instant with an offset is taken on its day in UTC.
        assert_eq!(
            range("2019-04-05T01:00:00%2B03:00"),
            (s("2019-04-04"), s("2019-04-04"))
        );
        assert_eq!(range("2019-04-04/.."), (s("2019-04-04"), None));
        assert_eq!(range("../2019-05-01T00:00:00Z"), (None, s("2019-05-01")));
        assert_eq!(range("/2019-05"), (None, s("2019-05")));
        for bad in [
            "../..",
            "..",
            "2019-04-04/2019-05-01/2019-06-01",
            "tomorrow",
            "2019-04-04T25:00:00Z",
        ] {
            let e = events(&format!("datetime={bad}")).unwrap_err();
            assert!(
                e.description.starts_with("datetime="),
                "{bad}: {}",
                e.description
            );
        }
    }

    #[test]
    fn bbox_takes_four_or_six_numbers() {
        assert_eq!(
            events("bbox=13,32,14,33").unwrap().bbox.unwrap(),
            "13,32,14,33"
        );
        assert_eq!(
            events("bbox=13,32,0,14,33,100").unwrap().bbox.unwrap(),
            "13,32,14,33"
        );
        assert!(events("bbox=13,32,14").is_err());
    }

    #[test]
    fn lists_repeat_or_take_commas_except_actor() {
        let t = events(
            "front=tripoli,gharyan&front=sirte&actor=Forces%2C+Misrata&claim=claimed,disputed",
        )
        .unwrap();
        assert_eq!(t.fronts, ["tripoli", "gharyan", "sirte"]);
        assert_eq!(t.actors, ["Forces, Misrata"]);
        assert_eq!(t.claims, [ClaimStatus::Claimed, ClaimStatus::Disputed]);
        assert!(events("claim=rumoured").is_err());
        assert!(events("front=").is_err());
        assert!(events("radius=5000&near=Gharyan").is_err());
    }

    #[test]
    fn text_that_is_not_utf8_is_a_400() {
        let e = Params::parse(Some("near=%FF"), &EVENT_ITEMS).unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
    }

    proptest! {
        // Nothing a client sends panics the parser: any query string is parameters or a 400.
        #[test]
        fn any_query_string_is_parameters_or_a_400(query in "\\PC{0,200}") {
            if let Ok(params) = Params::parse(Some(&query), &EVENT_ITEMS) {
                let _ = params.page();
                let _ = params.filter_text();
            }
        }

        #[test]
        fn any_parameter_value_is_taken_or_refused_by_name(
            name in prop::sample::select(EVENT_ITEMS.to_vec()),
            value in "[-+.,/:0-9TZa-z%]{0,40}",
        ) {
            let query = format!("{name}={value}");
            match Params::parse(Some(&query), &EVENT_ITEMS).and_then(|p| { p.page()?; p.filter_text() }) {
                Ok(_) => {}
                Err(e) => prop_assert_eq!(e.status, StatusCode::BAD_REQUEST),
            }
        }
    }
}
