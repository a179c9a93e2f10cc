//! Events as TimelineJS 3 JSON (TimelineJS3 `website/templates/docs/json-format.html`): a
//! title slide, one slide per event grouped by front, and the phases of the war as eras.

use crate::event::date::{DateInterval, Period};
use crate::event::Event;
use crate::format::markup::{escape, event_html};
use crate::front::Fronts;
use crate::phase::Phase;
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Map, Value};

/// The group of events outside every front area.
pub const UNASSIGNED_GROUP: &str = "Unassigned";

/// A TimelineJS 3 document: a title slide, one slide per event in the order given
/// (callers sort by date), and an era for each phase that overlaps the events' days.
pub fn write(events: &[&Event], fronts: &Fronts, title: &str, phases: &[Phase]) -> String {
    let slides: Vec<Value> = events.iter().map(|e| slide(e, fronts)).collect();
    let mut document = Map::new();
    document.insert("scale".into(), json!("human"));
    document.insert(
        "title".into(),
        json!({
            "text": {
                "headline": escape(title),
                "text": summary(events, fronts),
            }
        }),
    );
    document.insert("events".into(), Value::Array(slides));
    let first = events.iter().map(|e| e.date.start).min();
    let last = events.iter().map(|e| e.date.end).max();
    if let (Some(first), Some(last)) = (first, last) {
        let eras: Vec<Value> = phases
            .iter()
            .filter(|p| p.overlaps(first, last))
            .map(era)
            .collect();
        if !eras.is_empty() {
            document.insert("eras".into(), Value::Array(eras));
        }
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(document)).unwrap_or_default();
    text.push('\n');
    text
}

/// A TimelineJS date object (numbers, as the spec asks) for a day.
fn day_object(day: NaiveDate) -> Value {
    json!({"year": day.year(), "month": day.month(), "day": day.day()})
}

/// The `start_date` and, for a span, the `end_date` of an interval at its precision: a
/// year alone, a year and month, a day, or a first and last day.
///
/// # Examples
/// ```
/// use frontline::event::date::DateInterval;
/// use frontline::format::timelinejs_writer::dates;
/// let (start, end) = dates(&DateInterval::parse("2019-04").unwrap());
/// assert_eq!(start.to_string(), r#"{"year":2019,"month":4}"#);
/// assert!(end.is_none());
/// ```
pub fn dates(date: &DateInterval) -> (Value, Option<Value>) {
    match date.period() {
        Period::Year(year) => (json!({ "year": year }), None),
        Period::Month(year, month) => (json!({ "year": year, "month": month }), None),
        Period::Day(day) => (day_object(day), None),
        Period::Span(start, end) => (day_object(start), Some(day_object(end))),
    }
}

fn slide(event: &Event, fronts: &Fronts) -> Value {
    let (start, end) = dates(&event.date);
    let mut headline = escape(&event.label());
    if !event.headline_ar.is_empty() {
        headline.push_str(&format!(
            "<br><span dir=\"rtl\" lang=\"ar\">{}</span>",
            escape(&event.headline_ar)
        ));
    }
    let group = fronts
        .get(&event.front)
        .map_or(UNASSIGNED_GROUP, |f| f.name.as_str());
    let mut slide = Map::new();
    slide.insert("unique_id".into(), json!(event.event_id_cnty));
    slide.insert("start_date".into(), start);
    if let Some(end) = end {
        slide.insert("end_date".into(), end);
    }
    slide.insert(
        "text".into(),
        json!({"headline": headline, "text": event_html(event)}),
    );
    slide.insert("group".into(), json!(group));
    // The sources are linked already; TimelineJS's autolink would scan the notes for
    // bare addresses and wrap them again.
    slide.insert("autolink".into(), json!(false));
    Value::Object(slide)
}

fn era(phase: &Phase) -> Value {
    let mut headline = escape(&phase.name);
    if !phase.name_ar.is_empty() {
        headline.push_str(" · ");
        headline.push_str(&escape(&phase.name_ar));
    }
    json!({
        "start_date": day_object(phase.date_start),
        "end_date": day_object(phase.date_end),
        "text": {"headline": headline},
    })
}

/// The title slide's text: how many events, from when to when, on which fronts.
fn summary(events: &[&Event], fronts: &Fronts) -> String {
    let first = events.iter().map(|e| e.date.start).min();
    let last = events.iter().map(|e| e.date.end).max();
    let (Some(first), Some(last)) = (first, last) else {
        return "<p>No events.</p>".to_string();
    };
    let long = |d: NaiveDate| d.format("%-d %B %Y").to_string();
    let mut groups: Vec<(String, usize)> = Vec::new();
    for front in &fronts.fronts {
        let n = events.iter().filter(|e| e.front == front.id).count();
        if n > 0 {
            groups.push((front.name.clone(), n));
        }
    }
    let unassigned = events
        .iter()
        .filter(|e| fronts.get(&e.front).is_none())
        .count();
    let listed: Vec<String> = groups
        .iter()
        .map(|(name, n)| format!("{} ({n})", escape(name)))
        .collect();
    let outside = match unassigned {
        0 => String::new(),
        1 => "; 1 outside every front area".to_string(),
        n => format!("; {n} outside every front area"),
    };
    format!(
        "<p>{} event{} from {} to {}, on {} front{}: {}{outside}.</p>",
        events.len(),
        if events.len() == 1 { "" } else { "s" },
        long(first),
        long(last),
        groups.len(),
        if groups.len() == 1 { "" } else { "s" },
        listed.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::fixtures::{event, fronts, key_event};
    use crate::event::date::TimePrecision;
    use crate::event::Source;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test day")
    }

    fn phase(id: &str, start: &str, end: &str) -> Phase {
        Phase {
            phase_id: id.to_string(),
            name: format!("Phase {id}"),
            name_ar: "مرحلة".to_string(),
            date_start: day(start),
            date_end: day(end),
            sources: vec!["https://example.org".to_string()],
        }
    }

    #[test]
    fn dates_are_written_at_the_events_precision() {
        let interval = |start: &str, end: &str, precision| DateInterval {
            start: day(start),
            end: day(end),
            precision,
        };
        for (date, start, end) in [
            (
                interval("2019-01-01", "2019-12-31", TimePrecision::Year),
                r#"{"year":2019}"#,
                None,
            ),
            (
                interval("2019-04-01", "2019-04-30", TimePrecision::Month),
                r#"{"year":2019,"month":4}"#,
                None,
            ),
            (
                interval("2019-04-07", "2019-04-07", TimePrecision::Day),
                r#"{"year":2019,"month":4,"day":7}"#,
                None,
            ),
            (
                interval("2019-04-01", "2019-04-07", TimePrecision::Week),
                r#"{"year":2019,"month":4,"day":1}"#,
                Some(r#"{"year":2019,"month":4,"day":7}"#),
            ),
            (
                interval("2019-04-15", "2019-05-14", TimePrecision::Month),
                r#"{"year":2019,"month":4,"day":15}"#,
                Some(r#"{"year":2019,"month":5,"day":14}"#),
            ),
        ] {
            let (s, e) = dates(&date);
            assert_eq!(s.to_string(), start, "{date:?}");
            assert_eq!(e.map(|e| e.to_string()).as_deref(), end, "{date:?}");
        }
    }

    #[test]
    fn a_slide_has_its_id_dates_headlines_linked_sources_and_front_group() {
        let mut e = key_event(
            "LBY0001",
            "2019-04-04/2019-04-06",
            "ain-zara",
            "Offensive <begins> & \"spreads\"",
            "بدء هجوم قوات حفتر على طرابلس",
        );
        e.notes = "Notes with <script>alert(1)</script>".to_string();
        e.sources = vec![Source {
            name: "Al Jazeera (Arabic)".to_string(),
            url: Some("https://www.aljazeera.net/news/1?a=1&b=2".to_string()),
            published: None,
            stance: crate::event::Stance::Reports,
        }];
        let text = write(&[&e], &fronts(), "War & peace", &[]);
        let json: Value = serde_json::from_str(&text).unwrap();
        let expected = json!({
            "unique_id": "LBY0001",
            "start_date": {"year": 2019, "month": 4, "day": 4},
            "end_date": {"year": 2019, "month": 4, "day": 6},
            "text": {
                "headline": "Offensive &lt;begins&gt; &amp; &quot;spreads&quot;<br><span dir=\"rtl\" lang=\"ar\">بدء هجوم قوات حفتر على طرابلس</span>",
                "text": "<p>2019-04-04/2019-04-06 · Battles · Armed clash · Tripoli</p>\
                         <p>Notes with &lt;script&gt;alert(1)&lt;/script&gt;</p>\
                         <p><b>Actors:</b> LNA: Libyan National Army (Haftar) against GNA: Government of National Accord</p>\
                         <p><b>Sources:</b> <a href=\"https://www.aljazeera.net/news/1?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener\">Al Jazeera (Arabic)</a></p>"
            },
            "group": "Ain Zara",
            "autolink": false
        });
        assert_eq!(json["events"][0], expected);
        assert_eq!(json["title"]["text"]["headline"], "War &amp; peace");
        assert!(
            text.contains("بدء هجوم"),
            "Arabic is written as UTF-8, not escaped"
        );
        assert!(json.get("eras").is_none());
    }

    #[test]
    fn the_title_slide_counts_events_days_and_fronts() {
        let events = [
            event("LBY0001", "2019-04-04", "airport-road", 13.15, 32.8),
            event("LBY0002", "2019-04-05", "airport-road", 13.15, 32.8),
            event("LBY0003", "2020-06-04", "unassigned", 14.0, 31.0),
        ];
        let refs: Vec<&Event> = events.iter().collect();
        let json: Value = serde_json::from_str(&write(&refs, &fronts(), "t", &[])).unwrap();
        assert_eq!(
            json["title"]["text"]["text"],
            "<p>3 events from 4 April 2019 to 4 June 2020, on 1 front: Airport Road (2); 1 outside every front area.</p>"
        );
        assert_eq!(json["events"][2]["group"], "Unassigned");
        assert_eq!(
            json["events"][0]["text"]["headline"],
            "Tripoli: Armed clash"
        );
    }

    #[test]
    fn eras_are_the_phases_that_overlap_the_events() {
        let e = event("LBY0001", "2019-04-04/2019-04-10", "ain-zara", 13.2, 32.8);
        let phases = [
            phase("before", "2019-01-01", "2019-04-03"),
            phase("during", "2019-04-04", "2019-06-25"),
            phase("touching", "2019-04-10", "2019-04-30"),
            phase("after", "2019-04-11", "2019-12-31"),
        ];
        let json: Value = serde_json::from_str(&write(&[&e], &fronts(), "t", &phases)).unwrap();
        assert_eq!(
            json["eras"],
            json!([
                {
                    "start_date": {"year": 2019, "month": 4, "day": 4},
                    "end_date": {"year": 2019, "month": 6, "day": 25},
                    "text": {"headline": "Phase during · مرحلة"}
                },
                {
                    "start_date": {"year": 2019, "month": 4, "day": 10},
                    "end_date": {"year": 2019, "month": 4, "day": 30},
                    "text": {"headline": "Phase touching · مرحلة"}
                }
            ])
        );
    }

    #[test]
    fn no_events_is_a_document_with_an_empty_list() {
        let json: Value = serde_json::from_str(&write(&[], &fronts(), "t", &[])).unwrap();
        assert_eq!(json["events"], json!([]));
        assert_eq!(json["title"]["text"]["text"], "<p>No events.</p>");
    }
}
