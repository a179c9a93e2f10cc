//! The resources that describe the service (Part 1 §7.2–§7.14): the landing page, the
//! conformance declaration, the collections and each collection's metadata and extents, and
//! the queryables of the events.

use super::catalogue::Collection;
use super::features::GEOJSON;
use super::licence;
use super::links::{link, Here};
use super::negotiate::Format;
use super::params::RADIUS_MAX_KM;
use super::service::Service;
use crate::event::taxonomy::EVENT_TYPES;
use crate::format::geojson_writer::round6;
use serde_json::{json, Value};

/// The conformance classes the service implements (Part 1 §7.4, `/req/core/conformance-success`).
pub const CONFORMANCE: [&str; 4] = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
];

/// WGS 84 longitude and latitude (Part 1 §7.11, the default CRS).
pub const CRS84: &str = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
/// The Gregorian calendar (Part 1 §7.14.4, the default temporal reference system).
const GREGORIAN: &str = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";
/// The OpenAPI document's media type (Part 1 §7.3, `/req/oas30/oas-impl`).
pub const OPENAPI: &str = "application/vnd.oai.openapi+json;version=3.0";
/// The relation of the queryables (OGC API – Features Part 3).
pub const QUERYABLES_REL: &str = "http://www.opengis.net/def/rel/ogc/1.0/queryables";

/// The landing page (Part 1 §7.2, `/req/core/root-success`): the API's title and links to
/// its definition, conformance, collections, and the map.
pub fn landing(service: &Service, here: &Here, format: Format) -> Value {
    let mut links = here.self_and_alternate(format, "application/json");
    links.extend([
        link(
            &here.href("/api", &[]),
            "service-desc",
            OPENAPI,
            "the API definition (OpenAPI 3.0)",
        ),
        link(
            &here.href("/api", &[("f", "html")]),
            "service-doc",
            "text/html",
            "the API, for a person",
        ),
        link(
            &here.href("/conformance", &[]),
            "conformance",
            "application/json",
            "the conformance classes implemented",
        ),
        link(
            &here.href("/collections", &[]),
            "data",
            "application/json",
            "the collections",
        ),
        link(
            &here.href("/map", &[]),
            "related",
            "text/html",
            "the map, with a time slider",
        ),
    ]);
    let aggregates = service.has_aggregates().then_some(
        "Some inputs are published as weekly counts per front only (the collection 'weekly'): their terms forbid handing on their rows.",
    );
    json!({
        "title": "frontline: the 2019–2020 war for Tripoli",
        "description": "Dated, geocoded events of an armed conflict as OGC API – Features: the events, the front areas, and an offline map with a time slider.",
        "attribution": licence::line(&service.events_credits),
        "aggregates": aggregates,
        "links": links,
    })
}

/// The conformance declaration (Part 1 §7.4).
pub fn conformance() -> Value {
    json!({"conformsTo": CONFORMANCE})
}

/// One collection's metadata (Part 1 §7.14, `/req/core/sfc-md-success`).
pub fn describe(c: &Collection, here: &Here, format: Format, own: bool) -> Value {
    let path = format!("/collections/{}", c.id);
    let items = format!("{path}/items");
    let mut links = if own {
        here.self_and_alternate(format, "application/json")
    } else {
        vec![link(
            &here.href(&path, &[]),
            "self",
            "application/json",
            &c.title,
        )]
    };
    links.push(link(
        &here.href(&items, &[]),
        "items",
        GEOJSON,
        "the items as GeoJSON",
    ));
    links.push(link(
        &here.href(&items, &[("f", "html")]),
        "items",
        "text/html",
        "the items as HTML",
    ));
    if c.id == "events" {
        links.push(link(
            &here.href(&format!("{path}/queryables"), &[]),
            QUERYABLES_REL,
            "application/schema+json",
            "the parameters that filter the events",
        ));
    }
    links.extend(licence::links(&c.credits));
    let mut extent = json!({});
    if let Some(b) = c.bbox {
        extent["spatial"] = json!({
            "bbox": [[round6(b.west), round6(b.south), round6(b.east), round6(b.north)]],
            "crs": CRS84,
        });
    }
    if let Some((first, last)) = &c.interval {
        extent["temporal"] = json!({"interval": [[first, last]], "trs": GREGORIAN});
    }
    json!({
        "id": c.id,
        "title": c.title,
        "description": c.description,
        "attribution": licence::line(&c.credits),
        "aggregatesOnly": c.aggregate,
        "extent": extent,
        "itemType": "feature",
        "crs": [CRS84],
        "storageCrs": CRS84,
        "links": links,
    })
}

/// The collections (Part 1 §7.13, `/req/core/fc-md-success`).
pub fn list(service: &Service, here: &Here, format: Format) -> Value {
    let collections: Vec<Value> = service
        .collections()
        .iter()
        .map(|c| describe(c, here, format, false))
        .collect();
    json!({
        "links": here.self_and_alternate(format, "application/json"),
        "crs": [CRS84],
        "collections": collections,
    })
}

/// The events' queryables as a JSON Schema (the form of OGC API – Features Part 3 §6.2):
/// the extra parameters of `/collections/events/items`, each a filter of `query`.
pub fn queryables(service: &Service, here: &Here) -> Value {
    let fronts: Vec<&str> = service
        .reference
        .fronts
        .fronts
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    let types: Vec<&str> = EVENT_TYPES.iter().map(|(t, _)| *t).collect();
    let subs: Vec<&str> = EVENT_TYPES
        .iter()
        .flat_map(|(_, s)| s.iter().copied())
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": here.href("/collections/events/queryables", &[]),
        "type": "object",
        "title": "Events",
        "description": "Parameters of /collections/events/items beyond bbox, datetime, limit and offset; each is a filter of `frontline query` (--front, --type, --sub-type, --actor, --near, --radius, --claim). Lists are repeated or comma-separated (actor is only repeated).",
        "properties": {
            "geometry": {"$ref": "https://geojson.org/schema/Point.json", "description": "bbox=W,S,E,N in CRS84; W > E crosses the antimeridian"},
            "datetime": {"type": "string", "format": "date-time", "description": "an instant or START/END, .. for an open end; an event matches if any of its days falls in the range"},
            "front": {"type": "string", "description": "a front's id, English or Arabic name or alias (the property front)", "examples": fronts},
            "type": {"type": "string", "enum": types, "description": "ACLED event type (the property event_type)"},
            "sub_type": {"type": "string", "enum": subs, "description": "ACLED sub-event type (the property sub_event_type)"},
            "actor": {"type": "string", "description": "words of an actor's name, matched in actor1, assoc_actor_1, actor2 and assoc_actor_2"},
            "near": {"type": "string", "description": "a place in the gazetteer (English or Arabic) or LAT,LON"},
            "radius": {"type": "number", "exclusiveMinimum": 0, "maximum": RADIUS_MAX_KM, "description": "kilometres from near (default 10)"},
            "claim": {"type": "string", "enum": ["confirmed", "claimed", "disputed"], "description": "how established the event is (the property claim_status)"},
        },
        "additionalProperties": false,
    })
}
