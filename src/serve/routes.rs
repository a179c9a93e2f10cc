//! The paths the service answers (Part 1 §7.2–§7.16) and what each answers with. Every
//! answer is made on a blocking thread (selecting and encoding are work, not waiting), so a
//! panic there is a 500 for that request and never takes the server down.

use super::areas::{Area, Areas};
use super::catalogue::Collection;
use super::collections::{self, OPENAPI};
use super::exception::Exception;
use super::features::{self, Features, GEOJSON};
use super::links::{link, Here};
use super::negotiate::Format;
use super::params::{Params, AREA_ITEMS, EVENT_ITEMS, ONLY_F};
use super::service::Service;
use super::{assets, html, licence, openapi};
use crate::select::{resolve_filter, Selection, Sort};
use crate::sink::Collect;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use percent_encoding::percent_decode_str;
use std::sync::Arc;

/// What every request is answered from, shared by the handlers.
#[derive(Clone)]
pub struct App {
    /// The loaded data.
    pub service: Arc<Service>,
    /// The address the server is bound to, for links when a request names no host.
    pub bound: Arc<str>,
}

/// The resources.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    Landing,
    Conformance,
    Api,
    Collections,
    Collection,
    Items,
    Item,
    Queryables,
}

/// The router: every path of the API and of the map, anything else a 404.
pub fn router(app: App) -> Router {
    let to = |route: Route| {
        get(
            move |State(app): State<App>, uri: Uri, headers: HeaderMap| {
                answer(app, uri, headers, route)
            },
        )
    };
    Router::new()
        .route("/", to(Route::Landing))
        .route("/conformance", to(Route::Conformance))
        .route("/api", to(Route::Api))
        .route("/collections", to(Route::Collections))
        .route("/collections/{collection}", to(Route::Collection))
        .route("/collections/{collection}/items", to(Route::Items))
        .route("/collections/{collection}/items/{item}", to(Route::Item))
        .route(
            "/collections/{collection}/queryables",
            to(Route::Queryables),
        )
        .route("/map", get(map_page))
        .route("/map/{*asset}", get(map_asset))
        .fallback(not_found)
        .with_state(app)
}

/// Answers one request on a blocking thread.
async fn answer(app: App, uri: Uri, headers: HeaderMap, route: Route) -> Response {
    let accept = header_text(&headers, header::ACCEPT);
    let host = header_text(&headers, header::HOST);
    let fallback = Params::format_or_default(uri.query(), accept.as_deref());
    let work = tokio::task::spawn_blocking(move || {
        let request = Request::new(&app, &uri, host.as_deref(), accept.as_deref(), route)?;
        request.answer(&app.service)
    });
    match work.await {
        Ok(Ok(response)) => response,
        Ok(Err(exception)) => exception.respond(fallback),
        Err(failed) => {
            eprintln!("frontline: serve: {} failed: {failed}", route_name(route));
            Exception::internal("the request could not be answered").respond(fallback)
        }
    }
}

fn route_name(route: Route) -> &'static str {
    match route {
        Route::Landing => "the landing page",
        Route::Conformance => "the conformance page",
        Route::Api => "the API document",
        Route::Collections => "the collections",
        Route::Collection => "a collection",
        Route::Items => "a page of items",
        Route::Item => "an item",
        Route::Queryables => "the queryables",
    }
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// A request made sense of: where it is, its parameters and format, the path's ids.
struct Request {
    route: Route,
    here: Here,
    format: Format,
    collection: Option<String>,
    item: Option<String>,
}

impl Request {
    fn new(
        app: &App,
        uri: &Uri,
        host: Option<&str>,
        accept: Option<&str>,
        route: Route,
    ) -> Result<Request, Exception> {
        let segments: Vec<String> = uri
            .path()
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                percent_decode_str(s)
                    .decode_utf8()
                    .map(|d| d.into_owned())
                    .map_err(|_| Exception::not_found("no such path (not UTF-8)"))
            })
            .collect::<Result<_, _>>()?;
        let collection = segments.get(1).cloned();
        let item = segments.get(3).cloned();
        let known: &[&str] = match (route, collection.as_deref()) {
            (Route::Items, Some("events")) => &EVENT_ITEMS,
            (Route::Items, _) => &AREA_ITEMS,
            _ => &ONLY_F,
        };
        // An unknown collection is a 404 whatever its parameters.
        if matches!(
            route,
            Route::Collection | Route::Items | Route::Item | Route::Queryables
        ) {
            let id = collection.as_deref().unwrap_or("");
            let known_collection = app.service.collection(id).is_some();
            if !known_collection || (route == Route::Queryables && id != "events") {
                return Err(Exception::not_found(&format!(
                    "no collection {id:?} here; see /collections"
                )));
            }
        }
        let params = Params::parse(uri.query(), known)?;
        let format = params.format(accept)?;
        Ok(Request {
            route,
            here: Here {
                base: Here::base(host, &app.bound),
                path: uri.path().to_string(),
                params,
            },
            format,
            collection,
            item,
        })
    }

    fn answer(&self, service: &Service) -> Result<Response, Exception> {
        let (here, format) = (&self.here, self.format);
        let html = |text: String| ok(text.into_bytes(), "text/html; charset=utf-8");
        let json =
            |value: serde_json::Value, kind: &'static str| ok(value.to_string().into_bytes(), kind);
        match self.route {
            Route::Landing => Ok(match format {
                Format::Json => json(
                    collections::landing(service, here, format),
                    "application/json",
                ),
                Format::Html => html(html::landing(service, here)),
            }),
            Route::Conformance => Ok(match format {
                Format::Json => json(collections::conformance(), "application/json"),
                Format::Html => html(html::json_page(
                    "Conformance",
                    "The OGC API – Features Part 1 conformance classes this service implements.",
                    &collections::conformance(),
                    here,
                )),
            }),
            Route::Api => {
                let document = openapi::document(service, here);
                Ok(match format {
                    Format::Json => json(document, OPENAPI),
                    Format::Html => html(html::json_page("The API", "The OpenAPI 3.0 definition of this service (<a href=\"/api?f=json\">as JSON</a>).", &document, here)),
                })
            }
            Route::Collections => Ok(match format {
                Format::Json => json(collections::list(service, here, format), "application/json"),
                Format::Html => html(html::collections(service, here)),
            }),
            Route::Collection => {
                let c = self.collection(service)?;
                Ok(match format {
                    Format::Json => json(
                        collections::describe(c, here, format, true),
                        "application/json",
                    ),
                    Format::Html => html(html::collection(c, here)),
                })
            }
            Route::Queryables => {
                let schema = collections::queryables(service, here);
                Ok(match format {
                    Format::Json => json(schema, "application/schema+json"),
                    Format::Html => html(html::json_page("Queryables of the events", "The parameters of /collections/events/items beyond bbox, datetime, limit and offset.", &schema, here)),
                })
            }
            Route::Items => match self.collection.as_deref() {
                Some("events") => self.event_items(service),
                _ => self.area_items(service),
            },
            Route::Item => match self.collection.as_deref() {
                Some("events") => self.event_item(service),
                _ => self.area_item(service),
            },
        }
    }

    fn collection<'s>(&self, service: &'s Service) -> Result<&'s Collection, Exception> {
        let id = self.collection.as_deref().unwrap_or("");
        service.collection(id).ok_or_else(|| {
            Exception::not_found(&format!("no collection {id:?} here; see /collections"))
        })
    }

    /// A page of events (Part 1 §7.15, `/req/core/fc-response`).
    fn event_items(&self, service: &Service) -> Result<Response, Exception> {
        let loaded = service
            .events
            .as_ref()
            .ok_or_else(|| Exception::not_found("no events are served as rows"))?;
        let params = &self.here.params;
        let (limit, offset) = params.page()?;
        let text = params.filter_text()?;
        let pairs = &params.pairs;
        let filter = resolve_filter(&text, &service.reference)
            .map_err(|e| Exception::from_error(e, pairs))?;
        let selection = Selection {
            filter,
            sort: Sort::AsRead,
            limit: Some(limit),
            cache: true,
            workers: 1,
        };
        let credits = licence::line(&service.events_credits);
        match self.format {
            Format::Json => {
                let sink = Features::new(&service.reference.fronts);
                let found = loaded
                    .run(&selection, offset, &sink)
                    .map_err(|e| Exception::from_error(e, pairs))?;
                let mut links = self.here.self_and_alternate(Format::Json, GEOJSON);
                links.extend(
                    self.here
                        .paging(Format::Json, GEOJSON, limit, offset, found.matched),
                );
                links.push(link(
                    &self.here.href("/collections/events", &[]),
                    "collection",
                    "application/json",
                    "the collection",
                ));
                let body =
                    features::collection(&sink.into_bytes(), found.matched, found.returned, &links);
                Ok(ok(body, GEOJSON))
            }
            Format::Html => {
                let sink = Collect::default();
                let found = loaded
                    .run(&selection, offset, &sink)
                    .map_err(|e| Exception::from_error(e, pairs))?;
                let events = sink.into_events();
                Ok(ok(
                    html::event_items(&events, found.matched, limit, offset, &self.here, &credits)
                        .into_bytes(),
                    "text/html; charset=utf-8",
                ))
            }
        }
    }

    /// One event (Part 1 §7.16, `/req/core/f-success`); an unknown id is a 404.
    fn event_item(&self, service: &Service) -> Result<Response, Exception> {
        let id = self.item.as_deref().unwrap_or("");
        let missing = || Exception::not_found(&format!("no event {id:?} in collection events"));
        let loaded = service.events.as_ref().ok_or_else(missing)?;
        let credits = licence::line(&service.events_credits);
        match self.format {
            Format::Json => {
                let sink = Features::new(&service.reference.fronts);
                if !loaded
                    .find(id, &sink)
                    .map_err(|e| Exception::from_error(e, &[]))?
                {
                    return Err(missing());
                }
                let mut links = self.here.self_and_alternate(Format::Json, GEOJSON);
                links.push(link(
                    &self.here.href("/collections/events", &[]),
                    "collection",
                    "application/json",
                    "the collection",
                ));
                Ok(ok(features::feature(&sink.into_bytes(), &links), GEOJSON))
            }
            Format::Html => {
                let sink = Collect::default();
                if !loaded
                    .find(id, &sink)
                    .map_err(|e| Exception::from_error(e, &[]))?
                {
                    return Err(missing());
                }
                let events = sink.into_events();
                let event = events.first().ok_or_else(missing)?;
                Ok(ok(
                    html::event_item(event, &self.here, &credits).into_bytes(),
                    "text/html; charset=utf-8",
                ))
            }
        }
    }

    /// A page of front areas or of weekly counts.
    fn area_items(&self, service: &Service) -> Result<Response, Exception> {
        let c = self.collection(service)?;
        let areas = self.areas(service)?;
        let params = &self.here.params;
        let (limit, offset) = params.page()?;
        let text = params.filter_text()?;
        let filter = resolve_filter(&text, &service.reference)
            .map_err(|e| Exception::from_error(e, &params.pairs))?;
        let chosen = areas.select(&filter, &service.reference.fronts)?;
        let matched = chosen.len();
        let page: Vec<&Area> = chosen.into_iter().skip(offset).take(limit).collect();
        match self.format {
            Format::Json => {
                let mut written = Vec::new();
                for a in &page {
                    written.extend_from_slice(b",\n");
                    written.extend_from_slice(a.feature.to_string().as_bytes());
                }
                let mut links = self.here.self_and_alternate(Format::Json, GEOJSON);
                links.extend(
                    self.here
                        .paging(Format::Json, GEOJSON, limit, offset, matched),
                );
                links.push(link(
                    &self.here.href(&format!("/collections/{}", c.id), &[]),
                    "collection",
                    "application/json",
                    "the collection",
                ));
                links.extend(licence::links(&c.credits));
                Ok(ok(
                    features::collection(&written, matched, page.len(), &links),
                    GEOJSON,
                ))
            }
            Format::Html => {
                let note = format!(
                    "<p class=\"credit\">{}</p>",
                    crate::format::markup::escape(&licence::line(&c.credits))
                );
                Ok(ok(
                    html::area_items(&c.title, &page, matched, limit, offset, &self.here, &note)
                        .into_bytes(),
                    "text/html; charset=utf-8",
                ))
            }
        }
    }

    fn area_item(&self, service: &Service) -> Result<Response, Exception> {
        let c = self.collection(service)?;
        let id = self.item.as_deref().unwrap_or("");
        let area = self.areas(service)?.get(id).ok_or_else(|| {
            Exception::not_found(&format!("no item {id:?} in collection {}", c.id))
        })?;
        match self.format {
            Format::Json => {
                let mut links = self.here.self_and_alternate(Format::Json, GEOJSON);
                links.push(link(
                    &self.here.href(&format!("/collections/{}", c.id), &[]),
                    "collection",
                    "application/json",
                    "the collection",
                ));
                let mut feature = area.feature.clone();
                feature["links"] = serde_json::Value::from(links);
                Ok(ok(feature.to_string().into_bytes(), GEOJSON))
            }
            Format::Html => Ok(ok(
                html::area_item(area, &self.here).into_bytes(),
                "text/html; charset=utf-8",
            )),
        }
    }

    fn areas<'s>(&self, service: &'s Service) -> Result<&'s Areas, Exception> {
        match self.collection.as_deref() {
            Some("fronts") => Ok(&service.fronts),
            Some("weekly") => service
                .weekly
                .as_ref()
                .ok_or_else(|| Exception::not_found("no weekly counts here")),
            _ => Err(Exception::not_found("no such collection; see /collections")),
        }
    }
}

/// A 200 response with a body and its media type.
fn ok(body: Vec<u8>, kind: &'static str) -> Response {
    let mut response = Response::new(Body::from(body));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response
}

/// The map page.
async fn map_page() -> Response {
    asset_response("index.html")
}

/// A file of the map: an embedded asset, or the basemap's outlines held in memory.
async fn map_asset(State(app): State<App>, uri: Uri) -> Response {
    let name = uri.path().trim_start_matches("/map/");
    let basemap = &app.service.basemap;
    let outline = match name {
        "countries.geojson" => Some(basemap.countries.as_deref()),
        "admin1.geojson" => Some(basemap.admin1.as_deref()),
        _ => None,
    };
    match outline {
        Some(Some(text)) => ok(text.as_bytes().to_vec(), GEOJSON),
        // No basemap in the data folder: an empty collection, so the map still draws.
        Some(None) => ok(
            b"{\"type\":\"FeatureCollection\",\"features\":[]}".to_vec(),
            GEOJSON,
        ),
        None => asset_response(name),
    }
}

fn asset_response(name: &str) -> Response {
    match assets::get(name) {
        Some(asset) => {
            let mut response = ok(asset.bytes.to_vec(), asset.kind);
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            response
        }
        None => Exception::not_found("no such file of the map").respond(Format::Html),
    }
}

/// Any other path: 404 (Part 1 §7.5.1: an unknown resource).
async fn not_found(uri: Uri, headers: HeaderMap) -> Response {
    let accept = header_text(&headers, header::ACCEPT);
    let format = Params::format_or_default(uri.query(), accept.as_deref());
    let mut response =
        Exception::not_found("no such path; the API's paths are listed at /api").respond(format);
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::service::Config;
    use axum::http::Request as HttpRequest;
    use proptest::prelude::*;
    use std::sync::OnceLock;
    use tower::ServiceExt;

    /// The shipped data, loaded once for every case.
    fn app() -> App {
        static SERVICE: OnceLock<Arc<Service>> = OnceLock::new();
        let service = SERVICE.get_or_init(|| {
            let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
            let config = Config {
                data: vec![data],
                cache: false,
                workers: 1,
                ..Config::default()
            };
            Arc::new(Service::load(&config).expect("the shipped data loads"))
        });
        App {
            service: Arc::clone(service),
            bound: Arc::from("127.0.0.1:8080"),
        }
    }

    fn status_of(target: &str) -> u16 {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let request = HttpRequest::get(target)
                .body(Body::empty())
                .expect("a request");
            match router(app()).oneshot(request).await {
                Ok(response) => response.status().as_u16(),
                Err(never) => match never {},
            }
        })
    }

    #[test]
    fn the_router_answers_as_the_api_says() {
        assert_eq!(
            status_of("/collections/events/items?limit=5&bbox=13,32,14,33"),
            200
        );
        assert_eq!(status_of("/collections/events/items?colour=red"), 400);
        assert_eq!(status_of("/collections/nowhere"), 404);
        assert_eq!(status_of("/map/leaflet-1.9.4/leaflet.js"), 200);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        // Nothing a client sends is a server error: any path and query under the API's
        // resources is answered 200, 400 or 404.
        #[test]
        fn no_request_is_a_server_error(
            path in prop::sample::select(vec![
                "/", "/api", "/conformance", "/collections", "/collections/events",
                "/collections/events/items", "/collections/fronts/items",
                "/collections/events/items/LBY0001", "/collections/events/queryables",
                "/collections/weekly/items", "/map/x",
            ]),
            query in "([a-z_]{0,9}=[-+.,/:0-9A-Za-z%]{0,24}&?){0,4}",
        ) {
            let status = status_of(&format!("{path}?{query}"));
            prop_assert!(matches!(status, 200 | 400 | 404), "{path}?{query}: {status}");
        }
    }
}
