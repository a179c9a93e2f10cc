//! Events, fronts and options for the tests of the charts and of the writers that share
//! them.

use crate::diagnostic::Origin;
use crate::event::date::DateInterval;
use crate::event::geo_precision::GeoPrecision;
use crate::event::{Event, Fatalities};
use crate::front::{Front, Fronts};
use geo::{MultiPolygon, Point, Polygon};

/// A test event with every field set; `date` is `YYYY-MM-DD` or `START/END`.
pub(crate) fn event(id: &str, date: &str, front: &str, lon: f64, lat: f64) -> Event {
    Event {
        event_id_cnty: id.to_string(),
        date: DateInterval::parse(date).expect("test date"),
        recorded: None,
        anchor: None,
        event_type: "Battles",
        sub_event_type: "Armed clash",
        actor1: vec!["LNA: Libyan National Army (Haftar)".to_string()],
        assoc_actor_1: Vec::new(),
        actor2: vec!["GNA: Government of National Accord".to_string()],
        assoc_actor_2: Vec::new(),
        country: "Libya".to_string(),
        iso: Some(434),
        admin1: "Tripoli".to_string(),
        location: "Tripoli".to_string(),
        point: Point::new(lon, lat),
        geo_precision: GeoPrecision::Exact,
        geonameid: None,
        front: front.to_string(),
        fatalities: Fatalities::default(),
        claim: crate::event::Claim::default(),
        sources: Vec::new(),
        notes: String::new(),
        key: false,
        headline: String::new(),
        headline_ar: String::new(),
        extra: Vec::new(),
        origin: Origin::at(std::path::Path::new("test.csv"), 2),
    }
}

/// A key event with English and Arabic headlines.
pub(crate) fn key_event(
    id: &str,
    date: &str,
    front: &str,
    headline: &str,
    headline_ar: &str,
) -> Event {
    Event {
        key: true,
        headline: headline.to_string(),
        headline_ar: headline_ar.to_string(),
        ..event(id, date, front, 13.18, 32.88)
    }
}

/// A square front area; `square` is the centre's longitude and latitude and the half
/// side in degrees.
pub(crate) fn front(
    id: &str,
    names: (&str, &str),
    color: &str,
    order: i64,
    square: (f64, f64, f64),
) -> Front {
    let (name, name_ar) = names;
    let (lon, lat, half) = square;
    let ring = vec![
        (lon - half, lat - half),
        (lon + half, lat - half),
        (lon + half, lat + half),
        (lon - half, lat + half),
        (lon - half, lat - half),
    ];
    Front {
        id: id.to_string(),
        name: name.to_string(),
        name_ar: name_ar.to_string(),
        aliases: Vec::new(),
        color: color.to_string(),
        order,
        area: MultiPolygon(vec![Polygon::new(ring.into(), Vec::new())]),
        area_km2: (2.0 * half * 111.0).powi(2),
        method: "test square".to_string(),
        keys: vec![id.to_string()],
    }
}

/// Chart options with a short credit, for tests.
pub(crate) fn options() -> crate::chart::ChartOptions {
    crate::chart::ChartOptions {
        title: None,
        credit: "Events: test. Basemap: Natural Earth.".to_string(),
    }
}

/// Three fronts: two in Tripoli and Sirte far to the east.
pub(crate) fn fronts() -> Fronts {
    Fronts {
        fronts: vec![
            front(
                "airport-road",
                ("Airport Road", "طريق المطار"),
                "#0067a5",
                1,
                (13.15, 32.80, 0.03),
            ),
            front(
                "ain-zara",
                ("Ain Zara", "عين زارة"),
                "#8db600",
                2,
                (13.25, 32.80, 0.03),
            ),
            front(
                "sirte-jufra",
                ("Sirte and Jufra", "سرت والجفرة"),
                "#f3c300",
                3,
                (16.6, 31.2, 0.5),
            ),
        ],
    }
}

/// The opening tag and the content of every `<text>` element of an SVG, in document order,
/// with the content's surrounding whitespace trimmed (plotters writes it on its own line).
pub(crate) fn texts(svg: &str) -> Vec<(usize, &str, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = svg[from..].find("<text") {
        let start = from + i;
        let open_end = start + svg[start..].find('>').expect("a closed tag") + 1;
        let close = open_end + svg[open_end..].find("</text>").expect("</text>");
        out.push((start, &svg[start..open_end], svg[open_end..close].trim()));
        from = close;
    }
    out
}

/// Where the `<text>` whose content is `content` begins in an SVG.
pub(crate) fn text_at(svg: &str, content: &str) -> Option<usize> {
    texts(svg)
        .into_iter()
        .find(|(_, _, c)| *c == content)
        .map(|(at, _, _)| at)
}

/// Whether the `<text>` at `at` is inside a right-to-left Arabic group.
pub(crate) fn is_rtl(svg: &str, at: usize) -> bool {
    let before = &svg[..at];
    let group = before.rfind("<g ").unwrap_or(0);
    before[group..]
        .lines()
        .next()
        .is_some_and(|g| g.contains("xml:lang=\"ar\"") && g.contains("direction=\"rtl\""))
        && !before[group..].contains("</g>")
}
