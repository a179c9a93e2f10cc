//! Every resource as HTML for a person in a browser (Part 1 §7.9, "Requirements Class HTML",
//! `/req/html/content`): the same content as the JSON, with the links a reader follows.
//! All text is escaped; Arabic is marked `lang="ar" dir="rtl"`.

use super::areas::Area;
use super::catalogue::Collection;
use super::licence;
use super::links::Here;
use super::service::Service;
use crate::event::{ClaimStatus, Event};
use crate::format::markup::{escape, event_html};
use serde_json::Value;
use std::fmt::Write;

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#222}header{background:#263238;color:#fff;padding:.6em 1.2em}header a{color:#fff;margin-right:1em}main{padding:1em 1.2em;max-width:72em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f4f4f4}pre{background:#f6f6f6;padding:1em;overflow:auto}.note{background:#fff8e1;border-left:4px solid #f9a825;padding:.5em 1em}.credit{color:#555;font-size:13px}[dir=rtl]{font-family:'Noto Naskh Arabic','Noto Sans Arabic',serif}";

/// A whole page around `body`, with a link to the same resource as JSON.
pub fn page(title: &str, here: Option<&Here>, body: &str) -> String {
    let json = here
        .map(|h| {
            format!(
                " · <a href=\"{}\">JSON</a>",
                escape(&h.with(&[("f", Some("json".into()))]))
            )
        })
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"/><title>{t} · frontline</title><style>{STYLE}</style></head><body><header><a href=\"/\">frontline</a><a href=\"/collections\">Collections</a><a href=\"/map\">Map</a><a href=\"/api?f=html\">API</a><a href=\"/conformance?f=html\">Conformance</a></header><main><h1>{t}</h1>{body}<p class=\"credit\">This page as{json}</p></main></body></html>\n",
        t = escape(title)
    )
}

/// The landing page.
pub fn landing(service: &Service, here: &Here) -> String {
    let mut body = String::from("<p>Dated, geocoded events of the 2019–2020 war for Tripoli as OGC API – Features, and a map with a time slider that needs no internet.</p><ul>");
    body.push_str("<li><a href=\"/map\">The map</a>: events by front and week, a slider and a play button</li>");
    body.push_str("<li><a href=\"/collections\">The collections</a></li>");
    body.push_str(
        "<li><a href=\"/api?f=html\">The API</a> (<a href=\"/api?f=json\">OpenAPI 3.0</a>)</li>",
    );
    body.push_str("<li><a href=\"/conformance?f=html\">Conformance</a></li></ul>");
    if service.has_aggregates() {
        body.push_str(&aggregate_note());
    }
    body.push_str("<h2>Where the data comes from</h2><ul>");
    for c in service.collections() {
        let _ = write!(
            body,
            "<li><b>{}</b>: {}</li>",
            escape(&c.title),
            escape(&licence::line(&c.credits))
        );
    }
    let _ = write!(
        body,
        "<li><b>Map outlines</b>: {}</li></ul>",
        escape(&licence::line(&[licence::NATURAL_EARTH]))
    );
    body.push_str("<h2>In QGIS</h2><p>Layer → Add Layer → Add WFS / OGC API – Features Layer; a new connection with this page's address as its URL; Connect; add <i>events</i>.</p>");
    page("frontline", Some(here), &body)
}

fn aggregate_note() -> String {
    "<p class=\"note\">Some inputs are published as weekly counts per front only (the collection <a href=\"/collections/weekly\">weekly</a>): their terms (ACLED's) forbid handing on their rows, so none of their events is served.</p>".into()
}

/// The collections.
pub fn collections(service: &Service, here: &Here) -> String {
    let mut body = String::from(
        "<table><tr><th>Collection</th><th>What it holds</th><th>Where it comes from</th></tr>",
    );
    for c in service.collections() {
        let _ = write!(
            body,
            "<tr><td><a href=\"/collections/{id}\">{t}</a><br/><a href=\"/collections/{id}/items?f=html\">items</a></td><td>{d}</td><td class=\"credit\">{l}</td></tr>",
            id = c.id,
            t = escape(&c.title),
            d = escape(&c.description),
            l = escape(&licence::line(&c.credits))
        );
    }
    body.push_str("</table>");
    page("Collections", Some(here), &body)
}

/// One collection's metadata.
pub fn collection(c: &Collection, here: &Here) -> String {
    let mut body = format!("<p>{}</p>", escape(&c.description));
    if c.aggregate {
        body.push_str(&aggregate_note());
    }
    body.push_str("<table>");
    if let Some(b) = c.bbox {
        let _ = write!(
            body,
            "<tr><th>Extent</th><td>{:.4}, {:.4}, {:.4}, {:.4} (W, S, E, N; CRS84)</td></tr>",
            b.west, b.south, b.east, b.north
        );
    }
    if let Some((first, last)) = &c.interval {
        let _ = write!(
            body,
            "<tr><th>Dates</th><td>{} to {}</td></tr>",
            escape(first),
            escape(last)
        );
    }
    let _ = write!(
        body,
        "<tr><th>Sources and terms</th><td>{}</td></tr></table>",
        escape(&licence::line(&c.credits))
    );
    let _ = write!(body, "<p><a href=\"/collections/{id}/items?f=html\">The items</a> · <a href=\"/collections/{id}/items?f=json\">as GeoJSON</a>", id = c.id);
    if c.id == "events" {
        body.push_str(" · <a href=\"/collections/events/queryables?f=html\">queryables</a> · <a href=\"/map\">on the map</a>");
    }
    body.push_str("</p>");
    page(&c.title, Some(here), &body)
}

/// Page links and the count line of a list of items.
fn paging(here: &Here, matched: usize, returned: usize, limit: usize, offset: usize) -> String {
    let mut nav = format!(
        "<p>{} to {} of {matched}",
        if returned == 0 { offset } else { offset + 1 },
        offset + returned
    );
    if offset > 0 {
        let prev = here.with(&[
            ("offset", Some(offset.saturating_sub(limit).to_string())),
            ("f", Some("html".into())),
        ]);
        let _ = write!(
            nav,
            " · <a rel=\"prev\" href=\"{}\">previous</a>",
            escape(&prev)
        );
    }
    if offset + limit < matched {
        let next = here.with(&[
            ("offset", Some((offset + limit).to_string())),
            ("f", Some("html".into())),
        ]);
        let _ = write!(
            nav,
            " · <a rel=\"next\" href=\"{}\">next</a>",
            escape(&next)
        );
    }
    nav.push_str("</p>");
    nav
}

/// A page of events as a table.
pub fn event_items(
    events: &[Event],
    matched: usize,
    limit: usize,
    offset: usize,
    here: &Here,
    credits: &str,
) -> String {
    let mut body = paging(here, matched, events.len(), limit, offset);
    body.push_str("<table><tr><th>Event</th><th>Dates</th><th>Place</th><th>Front</th><th>Type</th><th>Fatalities</th><th>Claim</th></tr>");
    for e in events {
        let _ = write!(
            body,
            "<tr><td><a href=\"/collections/events/items/{id}?f=html\">{id_text}</a><br/>{headline}</td><td>{date} ({precision})</td><td>{place}</td><td>{front}</td><td>{sub}</td><td>{deaths}</td><td>{claim}</td></tr>",
            id = escape(&percent_encoding::utf8_percent_encode(&e.event_id_cnty, percent_encoding::NON_ALPHANUMERIC).to_string()),
            id_text = escape(&e.event_id_cnty),
            headline = escape(&e.headline),
            date = escape(&e.date.to_string()),
            precision = e.date.precision.as_str(),
            place = escape(&e.location),
            front = escape(&e.front),
            sub = escape(e.sub_event_type),
            deaths = e.fatalities.best.map(|n| n.to_string()).unwrap_or_default(),
            claim = claim_words(e),
        );
    }
    body.push_str("</table>");
    body.push_str(&paging(here, matched, events.len(), limit, offset));
    let _ = write!(body, "<p class=\"credit\">{}</p>", escape(credits));
    page("Events", Some(here), &body)
}

fn claim_words(e: &Event) -> String {
    let by = escape(&e.claim.by.join(", "));
    match e.claim.status {
        ClaimStatus::Confirmed => "confirmed".into(),
        ClaimStatus::Claimed => format!("claimed by {by}, not confirmed"),
        ClaimStatus::Disputed => format!("disputed: claimed by {by} and denied"),
    }
}

/// One event.
pub fn event_item(e: &Event, here: &Here, credits: &str) -> String {
    let mut body = String::new();
    if !e.headline.is_empty() {
        let _ = write!(body, "<p><b>{}</b></p>", escape(&e.headline));
    }
    if !e.headline_ar.is_empty() {
        let _ = write!(
            body,
            "<p lang=\"ar\" dir=\"rtl\"><b>{}</b></p>",
            escape(&e.headline_ar)
        );
    }
    body.push_str(&event_html(e));
    let _ = write!(
        body,
        "<p>{} ({}), {:.5}, {:.5} ({}) · front {}</p><p class=\"credit\">{}</p>",
        escape(&e.location),
        escape(&e.admin1),
        e.latitude(),
        e.longitude(),
        e.geo_precision.as_str(),
        escape(&e.front),
        escape(credits)
    );
    page(&e.event_id_cnty, Some(here), &body)
}

/// A page of areas (front areas or weekly counts) as a table of their properties.
pub fn area_items(
    title: &str,
    areas: &[&Area],
    matched: usize,
    limit: usize,
    offset: usize,
    here: &Here,
    note: &str,
) -> String {
    let mut body = paging(here, matched, areas.len(), limit, offset);
    body.push_str(note);
    let columns: Vec<String> = areas
        .first()
        .and_then(|a| a.feature["properties"].as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    body.push_str("<table><tr>");
    for c in &columns {
        let _ = write!(body, "<th>{}</th>", escape(c));
    }
    body.push_str("</tr>");
    for a in areas {
        body.push_str("<tr>");
        for c in &columns {
            let value = &a.feature["properties"][c];
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            let rtl = if c.ends_with("_ar") {
                " lang=\"ar\" dir=\"rtl\""
            } else {
                ""
            };
            let _ = write!(body, "<td{rtl}>{}</td>", escape(&text));
        }
        body.push_str("</tr>");
    }
    body.push_str("</table>");
    page(title, Some(here), &body)
}

/// One area.
pub fn area_item(area: &Area, here: &Here) -> String {
    area_items(&area.id, &[area], 1, 1, 0, here, "")
}

/// A JSON document shown to a person (the conformance classes, the API, the queryables).
pub fn json_page(title: &str, intro: &str, value: &Value, here: &Here) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let body = format!("<p>{}</p><pre>{}</pre>", intro, escape(&text));
    page(title, Some(here), &body)
}
