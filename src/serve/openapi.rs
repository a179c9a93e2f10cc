//! The API definition as an OpenAPI 3.0 document (Part 1 §7.3 and the "OpenAPI 3.0"
//! requirements class, `/req/oas30/oas-definition-1`): every path, its parameters with their
//! bounds, and its responses in JSON and HTML.

use super::catalogue::Collection;
use super::collections::OPENAPI;
use super::features::GEOJSON;
use super::links::Here;
use super::params::{LIMIT_DEFAULT, LIMIT_MAX, RADIUS_MAX_KM};
use super::service::Service;
use crate::event::taxonomy::EVENT_TYPES;
use serde_json::{json, Map, Value};

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/parameters/{name}")})
}

fn responses(json_type: &str, what: &str, not_found: bool) -> Value {
    let mut r = json!({
        "200": {
            "description": what,
            "content": {
                json_type: {"schema": {"type": "object"}},
                "text/html": {"schema": {"type": "string"}},
            },
        },
        "400": {"$ref": "#/components/responses/InvalidParameter"},
        "500": {"$ref": "#/components/responses/ServerError"},
    });
    if not_found {
        r["404"] = json!({"$ref": "#/components/responses/NotFound"});
    }
    r
}

fn operation(
    id: &str,
    summary: &str,
    tag: &str,
    parameters: Vec<Value>,
    responses: Value,
) -> Value {
    json!({"get": {
        "operationId": id,
        "summary": summary,
        "tags": [tag],
        "parameters": parameters,
        "responses": responses,
    }})
}

/// The OpenAPI document of the service as it runs (its collections, their parameters).
pub fn document(service: &Service, here: &Here) -> Value {
    let mut paths = Map::new();
    paths.insert(
        "/".into(),
        operation(
            "getLandingPage",
            "The landing page",
            "Capabilities",
            vec![reference("f")],
            responses(
                "application/json",
                "links to the API, conformance, collections and the map",
                false,
            ),
        ),
    );
    paths.insert(
        "/conformance".into(),
        operation(
            "getConformance",
            "The conformance classes implemented",
            "Capabilities",
            vec![reference("f")],
            responses("application/json", "the conformance classes", false),
        ),
    );
    paths.insert(
        "/api".into(),
        operation(
            "getAPI",
            "This API definition",
            "Capabilities",
            vec![reference("f")],
            responses(OPENAPI, "the OpenAPI document", false),
        ),
    );
    paths.insert(
        "/collections".into(),
        operation(
            "getCollections",
            "The collections",
            "Capabilities",
            vec![reference("f")],
            responses(
                "application/json",
                "the collections and their extents",
                false,
            ),
        ),
    );
    for c in service.collections() {
        add_collection(&mut paths, c);
    }
    paths.insert(
        "/map".into(),
        json!({"get": {
            "operationId": "getMap",
            "summary": "A map of the events with a time slider (HTML, no tiles, works offline)",
            "tags": ["Map"],
            "responses": {"200": {"description": "the map page", "content": {"text/html": {"schema": {"type": "string"}}}}},
        }}),
    );
    let types: Vec<&str> = EVENT_TYPES.iter().map(|(t, _)| *t).collect();
    let subs: Vec<&str> = EVENT_TYPES
        .iter()
        .flat_map(|(_, s)| s.iter().copied())
        .collect();
    let list = |name: &str, description: &str, items: Value| {
        json!({
            "name": name, "in": "query", "required": false, "description": description,
            "style": "form", "explode": false,
            "schema": {"type": "array", "items": items},
        })
    };
    let exception = json!({
        "description": "an OGC exception",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/exception"}},
            "text/html": {"schema": {"type": "string"}},
        },
    });
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "frontline",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Events of the 2019–2020 war for Tripoli as OGC API – Features (Part 1: Core, GeoJSON, HTML, OpenAPI 3.0), with an offline map.",
            "license": {"name": "Code: MIT or Apache-2.0; each collection names its data's terms"},
        },
        "servers": [{"url": here.base}],
        "tags": [
            {"name": "Capabilities", "description": "what the service offers"},
            {"name": "Data", "description": "the features"},
            {"name": "Map", "description": "the map page"},
        ],
        "paths": paths,
        "components": {
            "parameters": {
                "f": {"name": "f", "in": "query", "required": false, "description": "the response's format; else the Accept header decides", "schema": {"type": "string", "enum": ["json", "html"]}},
                "limit": {"name": "limit", "in": "query", "required": false, "style": "form", "explode": false, "description": "at most this many items (Part 1 §7.15.2)", "schema": {"type": "integer", "minimum": 1, "maximum": LIMIT_MAX, "default": LIMIT_DEFAULT}},
                "offset": {"name": "offset", "in": "query", "required": false, "description": "items passed over before the first one returned (the next and prev links carry it)", "schema": {"type": "integer", "minimum": 0, "default": 0}},
                "bbox": {"name": "bbox", "in": "query", "required": false, "style": "form", "explode": false, "description": "W,S,E,N (or W,S,Zmin,E,N,Zmax) in CRS84; W > E crosses the antimeridian (Part 1 §7.15.3)", "schema": {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}}},
                "datetime": {"name": "datetime", "in": "query", "required": false, "style": "form", "explode": false, "description": "an RFC 3339 instant or date, or START/END with .. for an open end; an item matches if any of its days falls in the range (Part 1 §7.15.4)", "schema": {"type": "string"}},
                "front": list("front", "a front's id, name or alias; repeat or separate with commas", json!({"type": "string"})),
                "type": list("type", "ACLED event types", json!({"type": "string", "enum": types})),
                "sub_type": list("sub_type", "ACLED sub-event types", json!({"type": "string", "enum": subs})),
                "actor": {"name": "actor", "in": "query", "required": false, "style": "form", "explode": true, "description": "words of an actor's name; repeat for several", "schema": {"type": "array", "items": {"type": "string"}}},
                "near": {"name": "near", "in": "query", "required": false, "description": "a place in the gazetteer (English or Arabic) or LAT,LON", "schema": {"type": "string"}},
                "radius": {"name": "radius", "in": "query", "required": false, "description": "kilometres from near (default 10)", "schema": {"type": "number", "exclusiveMinimum": true, "minimum": 0, "maximum": RADIUS_MAX_KM}},
                "claim": list("claim", "how established: confirmed, claimed by a side, or disputed", json!({"type": "string", "enum": ["confirmed", "claimed", "disputed"]})),
                "featureId": {"name": "featureId", "in": "path", "required": true, "description": "an item's id", "schema": {"type": "string"}},
            },
            "schemas": {
                "exception": {
                    "type": "object",
                    "required": ["code"],
                    "properties": {"code": {"type": "string"}, "description": {"type": "string"}},
                },
            },
            "responses": {
                "InvalidParameter": exception.clone(),
                "NotFound": exception.clone(),
                "ServerError": exception,
            },
        },
    })
}

fn add_collection(paths: &mut Map<String, Value>, c: &Collection) {
    let path = format!("/collections/{}", c.id);
    let name = |s: &str| format!("{s}{}", capitalised(c.id));
    paths.insert(
        path.clone(),
        operation(
            &name("describe"),
            &format!("{}: metadata and extents", c.title),
            "Capabilities",
            vec![reference("f")],
            responses("application/json", "the collection", false),
        ),
    );
    let mut parameters: Vec<Value> = ["f", "limit", "offset", "bbox", "datetime"]
        .iter()
        .map(|p| reference(p))
        .collect();
    match c.id {
        "events" => parameters.extend(
            [
                "front", "type", "sub_type", "actor", "near", "radius", "claim",
            ]
            .iter()
            .map(|p| reference(p)),
        ),
        _ => parameters.push(reference("front")),
    }
    paths.insert(
        format!("{path}/items"),
        operation(
            &name("get"),
            &format!("{}: items", c.title),
            "Data",
            parameters,
            responses(
                GEOJSON,
                "a page of items, with numberMatched, numberReturned and next/prev links",
                false,
            ),
        ),
    );
    paths.insert(
        format!("{path}/items/{{featureId}}"),
        operation(
            &name("getOne"),
            &format!("{}: one item", c.title),
            "Data",
            vec![reference("featureId"), reference("f")],
            responses(GEOJSON, "the item", true),
        ),
    );
    if c.id == "events" {
        paths.insert(
            format!("{path}/queryables"),
            operation(
                "getQueryablesEvents",
                "The parameters that filter the events",
                "Capabilities",
                vec![reference("f")],
                responses(
                    "application/schema+json",
                    "a JSON Schema of the queryables",
                    false,
                ),
            ),
        );
    }
}

fn capitalised(id: &str) -> String {
    let mut chars = id.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
