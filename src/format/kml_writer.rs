//! Events as KML 2.2 (OGC 07-147r2) for Google Earth, QGIS and GDAL: a style and a folder
//! per front, each placemark dated with `TimeStamp` or `TimeSpan` so the time slider plays
//! the war, and every field kept in `ExtendedData`.

use crate::event::date::Period;
use crate::event::Event;
use crate::format::geojson_writer::LIST_SEPARATOR;
use crate::format::markup::{escape, event_html};
use crate::front::{Front, Fronts};
use std::fmt::Write;

/// The folder name of events outside every front area.
pub const UNASSIGNED_NAME: &str = "Unassigned";

/// The colour of events outside every front area (the charts' grey).
const UNASSIGNED_COLOR: &str = "#777777";

/// A white icon, so the style's colour tints it truly (Google Earth multiplies the icon by
/// the colour; its default pushpin is yellow).
const ICON: &str = "https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png";

/// A KML document of the events: a folder and a style per front, each placemark dated.
///
/// Folders follow the fronts' chart order, only fronts with events, and events outside
/// every front come last in an "Unassigned" folder; inside a folder the events keep the
/// order they are given in (callers sort by date), so the same events give the same bytes.
pub fn write(events: &[&Event], fronts: &Fronts, title: &str) -> String {
    let mut out = String::with_capacity(1024 + events.len() * 4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n");
    let _ = writeln!(out, "<name>{}</name>", escape(title));
    // Styles come before features in a Document (OGC 07-147r2, kml:Document: the
    // StyleSelector group precedes the Feature group).
    for front in &fronts.fronts {
        write_style(&mut out, &front.id, &front.color);
    }
    write_style(&mut out, crate::event::UNASSIGNED, UNASSIGNED_COLOR);
    for front in &fronts.fronts {
        let held: Vec<&Event> = events
            .iter()
            .copied()
            .filter(|e| e.front == front.id)
            .collect();
        if !held.is_empty() {
            write_folder(&mut out, &front.id, &front.name, Some(front), &held);
        }
    }
    let unassigned: Vec<&Event> = events
        .iter()
        .copied()
        .filter(|e| fronts.get(&e.front).is_none())
        .collect();
    if !unassigned.is_empty() {
        write_folder(
            &mut out,
            crate::event::UNASSIGNED,
            UNASSIGNED_NAME,
            None,
            &unassigned,
        );
    }
    out.push_str("</Document>\n</kml>\n");
    out
}

/// KML's colour for a `#rrggbb` colour: `aabbggrr`, opaque (OGC 07-147r2, kml:colorType); `None` when the colour is not six hex digits.
///
/// # Examples
/// ```
/// use frontline::format::kml_writer::kml_color;
/// assert_eq!(kml_color("#1f77b4").as_deref(), Some("ffb4771f"));
/// ```
pub fn kml_color(hex: &str) -> Option<String> {
    let digits = hex.strip_prefix('#')?;
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let (r, g, b) = (&digits[0..2], &digits[2..4], &digits[4..6]);
    Some(format!("ff{b}{g}{r}").to_ascii_lowercase())
}

fn write_style(out: &mut String, front_id: &str, color: &str) {
    let color = kml_color(color)
        .or_else(|| kml_color(UNASSIGNED_COLOR))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<Style id=\"{}\"><IconStyle><color>{color}</color><Icon><href>{ICON}</href></Icon></IconStyle></Style>",
        style_id(front_id)
    );
}

/// The style of a front: `front-` and its id (a slug, so a valid XML ID).
fn style_id(front_id: &str) -> String {
    escape(&format!("front-{front_id}"))
}

fn write_folder(
    out: &mut String,
    front_id: &str,
    name: &str,
    front: Option<&Front>,
    events: &[&Event],
) {
    let _ = writeln!(
        out,
        "<Folder id=\"{}\">",
        escape(&format!("folder-{front_id}"))
    );
    let _ = writeln!(out, "<name>{}</name>", escape(name));
    for event in events {
        write_placemark(out, event, front_id, front);
    }
    out.push_str("</Folder>\n");
}

fn write_placemark(out: &mut String, event: &Event, front_id: &str, front: Option<&Front>) {
    // The id attribute is an XML ID (an NCName); an id that is not one stays out of the
    // attribute and is still in ExtendedData.
    if is_ncname(&event.event_id_cnty) {
        let _ = writeln!(out, "<Placemark id=\"{}\">", event.event_id_cnty);
    } else {
        out.push_str("<Placemark>\n");
    }
    // Element order follows the kml:Placemark schema: name, description, TimePrimitive,
    // styleUrl, ExtendedData, Geometry (OGC 07-147r2, kml:AbstractFeatureGroup and
    // kml:Placemark).
    let _ = writeln!(out, "<name>{}</name>", escape(&event.label()));
    let _ = writeln!(
        out,
        "<description><![CDATA[{}]]></description>",
        description(event)
    );
    out.push_str(&time_element(&event.date));
    out.push('\n');
    let _ = writeln!(out, "<styleUrl>#{}</styleUrl>", style_id(front_id));
    out.push_str("<ExtendedData>\n");
    for (name, value) in extended_data(event, front) {
        let _ = writeln!(
            out,
            "<Data name=\"{name}\"><value>{}</value></Data>",
            escape(&value)
        );
    }
    out.push_str("</ExtendedData>\n");
    // KML coordinates are lon,lat (OGC 07-147r2, kml:coordinates), six decimals as in
    // GeoJSON.
    let _ = writeln!(
        out,
        "<Point><coordinates>{:.6},{:.6}</coordinates></Point>",
        event.longitude(),
        event.latitude()
    );
    out.push_str("</Placemark>\n");
}

/// The event's time at its precision: a `TimeStamp` for one year (`2019`), month
/// (`2019-04`) or day (`2019-04-07`), else a `TimeSpan` of its first and last day
/// (OGC 07-147r2, kml:TimeStamp and kml:TimeSpan: `when`, `begin` and `end` take
/// xsd:gYear, xsd:gYearMonth, xsd:date or xsd:dateTime). A date stands for its whole
/// period, so a span's `end` day is included, as `date_end` is.
///
/// # Examples
/// ```
/// use frontline::event::date::DateInterval;
/// use frontline::format::kml_writer::time_element;
/// let april = DateInterval::parse("2019-04").unwrap();
/// assert_eq!(time_element(&april), "<TimeStamp><when>2019-04</when></TimeStamp>");
/// ```
pub fn time_element(date: &crate::event::date::DateInterval) -> String {
    match date.period() {
        Period::Year(year) => format!("<TimeStamp><when>{year}</when></TimeStamp>"),
        Period::Month(year, month) => {
            format!("<TimeStamp><when>{year}-{month:02}</when></TimeStamp>")
        }
        Period::Day(day) => format!("<TimeStamp><when>{day}</when></TimeStamp>"),
        Period::Span(start, end) => {
            format!("<TimeSpan><begin>{start}</begin><end>{end}</end></TimeSpan>")
        }
    }
}

/// The balloon: the Arabic headline, then the event as HTML.
fn description(event: &Event) -> String {
    let mut html = String::new();
    if !event.headline_ar.is_empty() {
        let _ = write!(
            html,
            "<p dir=\"rtl\" lang=\"ar\">{}</p>",
            escape(&event.headline_ar)
        );
    }
    html.push_str(&event_html(event));
    html
}

/// The fields GDAL and QGIS show as attributes, named as in the CSV and GeoJSON layers.
fn extended_data(event: &Event, front: Option<&Front>) -> Vec<(&'static str, String)> {
    let join = |list: &[String]| list.join(LIST_SEPARATOR);
    let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let sources = |part: &dyn Fn(&crate::event::Source) -> String| {
        event
            .sources
            .iter()
            .map(part)
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR)
    };
    vec![
        ("event_id_cnty", event.event_id_cnty.clone()),
        ("event_date", event.event_date()),
        ("date_start", event.date.start.to_string()),
        ("date_end", event.date.end.to_string()),
        ("time_precision", event.date.precision.as_str().to_string()),
        ("event_type", event.event_type.to_string()),
        ("sub_event_type", event.sub_event_type.to_string()),
        ("actor1", join(&event.actor1)),
        ("assoc_actor_1", join(&event.assoc_actor_1)),
        ("actor2", join(&event.actor2)),
        ("assoc_actor_2", join(&event.assoc_actor_2)),
        ("country", event.country.clone()),
        ("admin1", event.admin1.clone()),
        ("location", event.location.clone()),
        ("latitude", format!("{:.6}", event.latitude())),
        ("longitude", format!("{:.6}", event.longitude())),
        ("geo_precision", event.geo_precision.as_str().to_string()),
        ("geonameid", event.geonameid.clone().unwrap_or_default()),
        ("front", event.front.clone()),
        (
            "front_name",
            front.map_or(UNASSIGNED_NAME.to_string(), |f| f.name.clone()),
        ),
        (
            "front_name_ar",
            front.map(|f| f.name_ar.clone()).unwrap_or_default(),
        ),
        ("fatalities", count(event.fatalities.best)),
        ("fatalities_low", count(event.fatalities.low)),
        ("fatalities_high", count(event.fatalities.high)),
        ("claim_status", event.claim.status.as_str().to_string()),
        ("claimed_by", join(&event.claim.by)),
        ("source", sources(&|s| s.name.clone())),
        (
            "source_url",
            sources(&|s| s.url.clone().unwrap_or_default()),
        ),
        (
            "published",
            sources(&|s| s.published.map(|d| d.to_string()).unwrap_or_default()),
        ),
        ("source_stance", sources(&|s| s.stance.as_str().to_string())),
        ("notes", event.notes.clone()),
        ("key", event.key.to_string()),
        ("headline", event.headline.clone()),
        ("headline_ar", event.headline_ar.clone()),
    ]
}

/// Whether text is an XML NCName in its ASCII subset (a letter or `_`, then letters,
/// digits, `-`, `_`, `.`), the form an `id` attribute needs.
fn is_ncname(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::fixtures::{event, fronts, key_event};
    use crate::event::date::{DateInterval, TimePrecision};
    use crate::event::{Fatalities, Source};
    use chrono::NaiveDate;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test day")
    }

    #[test]
    fn time_is_written_at_the_events_precision() {
        let interval = |start: &str, end: &str, precision| DateInterval {
            start: day(start),
            end: day(end),
            precision,
        };
        for (date, expected) in [
            (
                interval("2019-01-01", "2019-12-31", TimePrecision::Year),
                "<TimeStamp><when>2019</when></TimeStamp>",
            ),
            (
                interval("2019-04-01", "2019-04-30", TimePrecision::Month),
                "<TimeStamp><when>2019-04</when></TimeStamp>",
            ),
            (
                interval("2019-04-07", "2019-04-07", TimePrecision::Day),
                "<TimeStamp><when>2019-04-07</when></TimeStamp>",
            ),
            (
                interval("2019-04-05", "2019-04-08", TimePrecision::Days),
                "<TimeSpan><begin>2019-04-05</begin><end>2019-04-08</end></TimeSpan>",
            ),
            (
                interval("2019-04-01", "2019-04-07", TimePrecision::Week),
                "<TimeSpan><begin>2019-04-01</begin><end>2019-04-07</end></TimeSpan>",
            ),
            // A month-precise span that is not one calendar month is no gYearMonth.
            (
                interval("2019-04-15", "2019-05-14", TimePrecision::Month),
                "<TimeSpan><begin>2019-04-15</begin><end>2019-05-14</end></TimeSpan>",
            ),
            (
                interval("2019-06-01", "2020-05-31", TimePrecision::Year),
                "<TimeSpan><begin>2019-06-01</begin><end>2020-05-31</end></TimeSpan>",
            ),
        ] {
            assert_eq!(time_element(&date), expected, "{date:?}");
        }
    }

    #[test]
    fn colours_turn_from_rrggbb_to_aabbggrr() {
        assert_eq!(kml_color("#0067a5").as_deref(), Some("ffa56700"));
        assert_eq!(kml_color("#8DB600").as_deref(), Some("ff00b68d"));
        assert_eq!(kml_color("#12345"), None);
        assert_eq!(kml_color("#12345g"), None);
        assert_eq!(kml_color("123456"), None);
    }

    #[test]
    fn a_placemark_has_its_name_description_time_style_data_and_point() {
        let mut e = key_event(
            "LBY0001",
            "2019-04-04",
            "ain-zara",
            "LNA offensive on Tripoli begins",
            "بدء هجوم قوات حفتر على طرابلس",
        );
        e.point = geo::Point::new(13.2512345678, 32.8123);
        e.notes = "Fighting near \"Camp 7\" & the <old> airport".to_string();
        e.fatalities = Fatalities {
            best: Some(4),
            low: Some(3),
            high: Some(6),
        };
        e.sources = vec![
            Source {
                name: "Reuters".to_string(),
                url: Some("https://www.reuters.com/a?b=1&c=2".to_string()),
                published: Some(day("2019-04-05")),
                stance: crate::event::Stance::Reports,
            },
            Source {
                name: "Libya Observer".to_string(),
                url: Some("javascript:alert(1)".to_string()),
                published: None,
                stance: crate::event::Stance::Reports,
            },
        ];
        let kml = write(&[&e], &fronts(), "War for Tripoli");
        assert!(kml.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n\
             <name>War for Tripoli</name>\n"
        ));
        let placemark = "<Folder id=\"folder-ain-zara\">\n<name>Ain Zara</name>\n\
            <Placemark id=\"LBY0001\">\n\
            <name>LNA offensive on Tripoli begins</name>\n\
            <description><![CDATA[<p dir=\"rtl\" lang=\"ar\">بدء هجوم قوات حفتر على طرابلس</p>\
            <p>2019-04-04 · Battles · Armed clash · Tripoli</p>\
            <p>Fighting near &quot;Camp 7&quot; &amp; the &lt;old&gt; airport</p>\
            <p><b>Actors:</b> LNA: Libyan National Army (Haftar) against GNA: Government of National Accord</p>\
            <p><b>Fatalities:</b> 4 (3–6)</p>\
            <p><b>Sources:</b> <a href=\"https://www.reuters.com/a?b=1&amp;c=2\" target=\"_blank\" rel=\"noopener\">Reuters</a> (2019-04-05); Libya Observer</p>]]></description>\n\
            <TimeStamp><when>2019-04-04</when></TimeStamp>\n\
            <styleUrl>#front-ain-zara</styleUrl>\n\
            <ExtendedData>\n\
            <Data name=\"event_id_cnty\"><value>LBY0001</value></Data>\n";
        assert!(kml.contains(placemark), "{kml}");
        for data in [
            "<Data name=\"time_precision\"><value>day</value></Data>",
            "<Data name=\"front_name_ar\"><value>عين زارة</value></Data>",
            "<Data name=\"headline_ar\"><value>بدء هجوم قوات حفتر على طرابلس</value></Data>",
            "<Data name=\"notes\"><value>Fighting near &quot;Camp 7&quot; &amp; the &lt;old&gt; airport</value></Data>",
            "<Data name=\"source_url\"><value>https://www.reuters.com/a?b=1&amp;c=2; javascript:alert(1)</value></Data>",
            "<Data name=\"fatalities\"><value>4</value></Data>",
        ] {
            assert!(kml.contains(data), "{data}\n{kml}");
        }
        assert!(kml.contains(
            "</ExtendedData>\n<Point><coordinates>13.251235,32.812300</coordinates></Point>\n</Placemark>\n</Folder>\n</Document>\n</kml>\n"
        ));
    }

    #[test]
    fn folders_follow_front_order_with_unassigned_last_and_empty_fronts_left_out() {
        let events = [
            event("LBY0003", "2019-04-06", "unassigned", 14.0, 31.0),
            event("LBY0002", "2019-04-05", "ain-zara", 13.25, 32.8),
            event("LBY0001", "2019-04-04", "airport-road", 13.15, 32.8),
        ];
        let refs: Vec<&Event> = events.iter().collect();
        let kml = write(&refs, &fronts(), "t");
        let folders: Vec<&str> = kml
            .lines()
            .filter_map(|l| l.strip_prefix("<Folder id=\""))
            .collect();
        assert_eq!(
            folders,
            [
                "folder-airport-road\">",
                "folder-ain-zara\">",
                "folder-unassigned\">"
            ]
        );
        assert!(kml.contains("<Folder id=\"folder-unassigned\">\n<name>Unassigned</name>\n"));
        assert!(kml.contains("<name>Tripoli: Armed clash</name>"));
        assert!(kml.contains("<Style id=\"front-sirte-jufra\"><IconStyle><color>ff00c3f3</color>"));
        assert!(!kml.contains("folder-sirte-jufra"));
        assert_eq!(kml, write(&refs, &fronts(), "t"));
    }

    #[test]
    fn the_title_is_escaped_and_an_id_that_is_no_xml_id_stays_out_of_the_attribute() {
        let e = event("1 & 2", "2019-04", "ain-zara", 13.25, 32.8);
        let kml = write(&[&e], &fronts(), "Tripoli <2019> & \"after\"");
        assert!(kml.contains("<name>Tripoli &lt;2019&gt; &amp; &quot;after&quot;</name>"));
        assert!(kml.contains("<Placemark>\n"));
        assert!(kml.contains("<Data name=\"event_id_cnty\"><value>1 &amp; 2</value></Data>"));
        assert!(kml.contains("<TimeStamp><when>2019-04</when></TimeStamp>"));
    }
}
