//! Events as CSV in ACLED's export columns, then frontline's, so the file opens where
//! ACLED's do and `frontline import` reads it back unchanged.

use crate::event::record::Column;
use crate::event::taxonomy;
use crate::event::Event;
use crate::format::csv_writer;
use chrono::Datelike;

/// ACLED's export columns, in its order (ACLED codebook; the API's `event_id_cnty` …
/// `timestamp`).
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// frontline's columns after ACLED's: what ACLED's columns cannot hold. `date_start` and
/// `date_end` keep the interval (ACLED writes one day and a code), `where_prec` the place
/// precision in UCDP GED's finer code.
pub const FRONTLINE_COLUMNS: [&str; 16] = [
    "date_start",
    "date_end",
    "where_prec",
    "anchor",
    "geonameid",
    "front",
    "fatalities_low",
    "fatalities_high",
    "claim_status",
    "claimed_by",
    "source_url",
    "published",
    "source_stance",
    "key",
    "headline",
    "headline_ar",
];

/// The header: ACLED's columns, frontline's, then `others` (columns events carry from
/// their files that neither names), in order.
pub fn header<'a>(others: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    ACLED_COLUMNS
        .iter()
        .chain(FRONTLINE_COLUMNS.iter())
        .map(|c| c.to_string())
        .chain(
            others
                .into_iter()
                .filter(|n| !is_written(n))
                .map(str::to_string),
        )
        .collect()
}

/// Whether a column is one of ACLED's or frontline's (so not written again as another).
pub fn is_written(name: &str) -> bool {
    ACLED_COLUMNS.contains(&name)
        || FRONTLINE_COLUMNS.contains(&name)
        || Column::ALL.iter().any(|c| c.name() == name)
}

/// One event's values for `header`'s columns.
pub fn row(event: &Event, header: &[String]) -> Vec<String> {
    header.iter().map(|name| value(event, name)).collect()
}

/// The value of one column for an event: its own value for a column it was read with,
/// else what frontline knows.
fn value(event: &Event, name: &str) -> String {
    let carried = || {
        event
            .extra
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| v.clone())
    };
    match name {
        "event_date" => event.recorded_day().to_string(),
        "year" => carried().unwrap_or_else(|| event.recorded_day().year().to_string()),
        "time_precision" => event.date.precision.acled_code().to_string(),
        "disorder_type" => carried().unwrap_or_else(|| disorder_type(event).to_string()),
        "geo_precision" => event.geo_precision.acled_code().to_string(),
        "where_prec" => event.geo_precision.where_prec().to_string(),
        _ => match Column::ALL.iter().find(|c| c.name() == name) {
            Some(&column) => csv_writer::value(event, column),
            None => carried().unwrap_or_default(),
        },
    }
}

/// ACLED's disorder type where its event type settles it (ACLED codebook, "Disorder
/// type"); riots are classed by ACLED case by case, so they are left empty.
fn disorder_type(event: &Event) -> &'static str {
    match (event.event_type, event.sub_event_type) {
        ("Protests", "Excessive force against protesters") => "Political violence; Demonstrations",
        ("Protests", _) => "Demonstrations",
        ("Riots", _) => "",
        ("Strategic developments", _) => "Strategic developments",
        (t, _) if taxonomy::event_type(t).is_some() => "Political violence",
        _ => "",
    }
}
