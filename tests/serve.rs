//! `frontline serve` as its clients see it: the OGC API – Features Part 1 resources and
//! their requirements (cited by number), the same counts `query` gives, the bounds on what
//! a client may send, and the referees: GDAL's OAPIF driver, headless Chromium on the map,
//! and an OpenAPI validator on `/api`.

mod util;

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use util::{have_path, have_tool, repo, shipped_events, Workdir};

/// A server started on a free loopback port, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    _work: Workdir,
}

impl Server {
    /// `frontline serve ARGS…` in a scratch copy of the data, on a port the system picks.
    fn start(args: &[&str]) -> Server {
        Server::start_in(Workdir::with_data(), args)
    }

    fn start_in(work: Workdir, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
            .arg("serve")
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .current_dir(work.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("frontline serve starts");
        let stderr = child.stderr.take().expect("its standard error");
        let mut lines = BufReader::new(stderr).lines();
        let addr = loop {
            let Some(Ok(line)) = lines.next() else {
                let status = child.wait().ok();
                panic!("frontline serve ended before serving ({status:?})");
            };
            if let Some(rest) = line.strip_prefix("frontline: serving http://") {
                break rest.split('/').next().unwrap_or_default().to_string();
            }
        };
        // Keep reading its standard error so the server never blocks writing to it.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            addr,
            _work: work,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn get(&self, path: &str) -> Reply {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    fn get_accepting(&self, path: &str, accept: &str) -> Reply {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: {accept}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    fn json(&self, path: &str) -> Value {
        let reply = self.get(path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Sends raw bytes and reads the whole reply (the server closes after it).
    fn request(&self, raw: &str) -> Reply {
        let mut stream = TcpStream::connect(&self.addr).expect("the server accepts");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        Reply::parse(&bytes)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // The child this test started, by its handle.
        self.child.kill().unwrap_or(());
        self.child.wait().map(|_| ()).unwrap_or(());
    }
}

/// A response: status, headers (names lower-cased) and body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(bytes: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

/// The ids `frontline query` selects with these flags, in its order.
fn query_ids(work: &Workdir, flags: &[&str]) -> Vec<String> {
    let mut args = vec!["query", "--format", "json"];
    args.extend_from_slice(flags);
    let out = work.run(&args);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        util::stderr(&out)
    );
    let events: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Array(vec![]));
    events
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["event_id_cnty"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn ids_of(page: &Value) -> Vec<String> {
    page["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

fn link<'a>(page: &'a Value, rel: &str) -> Option<&'a str> {
    page["links"]
        .as_array()?
        .iter()
        .find(|l| l["rel"] == rel)
        .and_then(|l| l["href"].as_str())
}

#[test]
fn the_landing_page_conformance_and_collections_follow_part_1() {
    let server = Server::start(&[]);
    // /req/core/root-success: links to the API definition, conformance and collections.
    let landing = server.json("/");
    for rel in ["self", "service-desc", "service-doc", "conformance", "data"] {
        assert!(link(&landing, rel).is_some(), "landing page lacks {rel}");
    }
    // /req/core/conformance-success: the four classes this service implements.
    let conformance = server.json("/conformance");
    let classes: Vec<&str> = conformance["conformsTo"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for class in ["core", "geojson", "html", "oas30"] {
        assert!(
            classes
                .iter()
                .any(|c| c.ends_with(&format!("/conf/{class}"))),
            "{class}"
        );
    }
    // /req/core/fc-md-success, /req/core/fc-md-extent: each collection with its extent.
    let collections = server.json("/collections");
    let events = collections["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "events")
        .expect("the events collection");
    assert_eq!(
        events["extent"]["spatial"]["crs"],
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    );
    assert_eq!(
        events["extent"]["temporal"]["interval"][0][0],
        "2019-04-04T00:00:00Z"
    );
    assert!(events["attribution"].as_str().unwrap().contains("GeoNames"));
    let one = server.json("/collections/events");
    assert!(link(&one, "items").is_some());
    assert!(link(&one, "http://www.opengis.net/def/rel/ogc/1.0/queryables").is_some());
    let queryables = server.json("/collections/events/queryables");
    for p in [
        "front", "type", "sub_type", "actor", "near", "radius", "claim",
    ] {
        assert!(queryables["properties"][p].is_object(), "queryable {p}");
    }
    let fronts = server.json("/collections/fronts/items?limit=100");
    let listed: u64 = fronts["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["event_count"].as_u64().unwrap())
        .sum();
    // Every event is on a front area or outside all of them; the areas count theirs.
    assert!(listed > 0 && listed <= shipped_events() as u64);
}

#[test]
fn items_match_what_query_selects_for_the_same_filter() {
    let work = Workdir::with_data();
    let server = Server::start(&[]);
    // Each parameter beside the `query` flags it stands for.
    let cases: [(&str, &[&str]); 9] = [
        ("", &[]),
        ("bbox=13,32,14,33", &["--bbox", "13,32,14,33"]),
        (
            "datetime=2019-04-01/2019-04-30",
            &["--from", "2019-04-01", "--to", "2019-04-30"],
        ),
        (
            "datetime=2020-01-01T00:00:00Z/..",
            &["--from", "2020-01-01"],
        ),
        (
            "datetime=2019-06",
            &["--from", "2019-06", "--to", "2019-06"],
        ),
        (
            "near=Gharyan&radius=15",
            &["--near", "Gharyan", "--radius", "15"],
        ),
        (
            "claim=disputed,claimed",
            &["--claim", "disputed", "--claim", "claimed"],
        ),
        (
            "front=tripoli&type=Battles",
            &["--front", "tripoli", "--type", "Battles"],
        ),
        (
            "actor=LNA&sub_type=Air%2Fdrone+strike",
            &["--actor", "LNA", "--sub-type", "Air/drone strike"],
        ),
    ];
    for (params, flags) in cases {
        let expected = query_ids(&work, flags);
        let page = server.json(&format!("/collections/events/items?limit=10000&{params}"));
        // /req/core/fc-response: numberMatched and numberReturned.
        assert_eq!(page["numberMatched"], expected.len(), "{params}");
        assert_eq!(page["numberReturned"], expected.len(), "{params}");
        assert_eq!(ids_of(&page), expected, "{params}");
    }
    assert_eq!(query_ids(&work, &[]).len(), shipped_events());
}

#[test]
fn next_links_page_through_every_match_once() {
    let work = Workdir::with_data();
    let server = Server::start(&[]);
    let expected = query_ids(&work, &["--from", "2019-04", "--to", "2019-12"]);
    let mut seen = Vec::new();
    let mut path = "/collections/events/items?datetime=2019-04/2019-12&limit=37".to_string();
    loop {
        let page = server.json(&path);
        // /req/core/fc-limit-response-1: never more than limit.
        assert!(page["numberReturned"].as_u64().unwrap() <= 37);
        assert_eq!(page["numberMatched"], expected.len());
        // /req/core/fc-timeStamp.
        assert!(page["timeStamp"].as_str().unwrap().ends_with('Z'));
        seen.extend(ids_of(&page));
        match link(&page, "next") {
            Some(next) => path = next.trim_start_matches(&server.url("")).to_string(),
            None => break,
        }
    }
    assert_eq!(seen, expected);
    let last = server.json("/collections/events/items?limit=37&offset=37");
    assert!(link(&last, "prev").unwrap().contains("offset=0"));
}

#[test]
fn one_item_by_id_and_an_unknown_one_is_a_404() {
    let server = Server::start(&[]);
    // /req/core/f-success.
    let item = server.json("/collections/events/items/LBY0001");
    assert_eq!(item["type"], "Feature");
    assert_eq!(item["id"], "LBY0001");
    assert!(link(&item, "collection").is_some());
    // /req/core/f-op: an id that is not there is a 404.
    for path in [
        "/collections/events/items/LBY99999",
        "/collections/nowhere/items",
        "/collections/events/items/%FF",
        "/nowhere",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        let body: Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(body["code"], "NotFound", "{path}");
    }
}

#[test]
fn a_bad_or_unknown_parameter_is_a_400_naming_it() {
    let server = Server::start(&[]);
    // /req/core/query-param-unknown and /req/core/query-param-invalid.
    let cases = [
        ("colour=red", "colour"),
        ("limit=0", "limit=0"),
        ("limit=10001", "limit=10001"),
        ("bbox=1,2,3", "bbox=1,2,3"),
        ("bbox=10,40,20,30", "bbox=10,40,20,30"),
        ("datetime=yesterday", "datetime=yesterday"),
        (
            "datetime=2019-06-30/2019-06-01",
            "datetime=2019-06-30/2019-06-01",
        ),
        ("near=Atlantis", "near=Atlantis"),
        ("radius=5", "radius=5"),
        ("near=Gharyan&radius=99999", "radius=99999"),
        ("front=nowhere", "front=nowhere"),
        ("type=Skirmish", "type=Skirmish"),
        ("claim=rumoured", "claim=rumoured"),
        ("f=xml", "f=xml"),
        ("limit=5&limit=6", "limit=6"),
    ];
    for (params, named) in cases {
        let reply = server.get(&format!("/collections/events/items?{params}"));
        assert_eq!(reply.status, 400, "{params}: {}", reply.body);
        let body: Value = serde_json::from_str(&reply.body).unwrap();
        let description = body["description"].as_str().unwrap();
        assert!(description.contains(named), "{params}: {description}");
    }
}

#[test]
fn the_format_follows_f_then_the_accept_header() {
    let server = Server::start(&[]);
    // /req/html/content and /req/geojson/content, chosen by f or by Accept.
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let page = server.get_accepting("/collections/events/items?limit=3", browser);
    assert!(page.header("content-type").starts_with("text/html"));
    assert!(page.body.contains("LBY0001"));
    let forced = server.get_accepting("/collections/events/items?limit=3&f=json", browser);
    assert_eq!(forced.header("content-type"), "application/geo+json");
    for path in [
        "/",
        "/conformance",
        "/api",
        "/collections",
        "/collections/events",
        "/collections/fronts/items",
        "/collections/events/items/LBY0001",
        "/collections/events/queryables",
    ] {
        let html = server.get(&format!(
            "{path}{}f=html",
            if path.contains('?') { "&" } else { "?" }
        ));
        assert_eq!(html.status, 200, "{path}");
        assert!(
            html.header("content-type").starts_with("text/html"),
            "{path}"
        );
        util::assert_well_formed_xml(path, html.body.trim_start_matches("<!DOCTYPE html>\n"));
    }
    assert!(server
        .get("/api")
        .header("content-type")
        .starts_with("application/vnd.oai.openapi+json"));
    // An Arabic headline is marked right to left.
    let item = server.get("/collections/events/items/LBY0001?f=html");
    assert!(item.body.contains("dir=\"rtl\""));
}

#[test]
fn only_small_get_requests_are_answered() {
    let server = Server::start(&[]);
    let post = server.request(&format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}",
        server.addr
    ));
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), "GET, HEAD");
    let long = format!("/collections/events/items?near={}", "x".repeat(5000));
    assert_eq!(server.get(&long).status, 414);
    let with_body = server.request(&format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
        server.addr
    ));
    assert_eq!(with_body.status, 413);
    let garbage = server.request("\u{1}\u{2}not http at all\r\n\r\n");
    assert_eq!(garbage.status, 400);
    // Through all of that the server goes on answering.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn clients_that_stall_hold_no_worker() {
    let server = Server::start(&[]);
    // Half-sent requests on many connections: each waits on its own connection only.
    let stalled: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut s = TcpStream::connect(&server.addr).unwrap();
            s.write_all(b"GET /collections/events/items HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            s
        })
        .collect();
    assert_eq!(server.get("/collections/events/items?limit=1").status, 200);
    // A stalled connection is closed once its headers are overdue (10 s).
    let mut first = &stalled[0];
    first
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut rest = Vec::new();
    let closed = first.read_to_end(&mut rest).is_ok();
    assert!(closed, "the stalled connection was closed");
}

#[test]
fn a_large_csv_is_served_from_its_index_and_by_id() {
    let work = Workdir::with_data();
    let out = work.run(&["query", "--format", "csv", "-o", "all.csv"]);
    assert!(out.status.success(), "{}", util::stderr(&out));
    // Without anchored rows the file is read row by row, as a large export is, and its
    // index is cached beside it.
    let mut reader = csv::Reader::from_path(work.path().join("all.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let anchor = header.iter().position(|h| h == "anchor").unwrap();
    let mut writer = csv::Writer::from_path(work.path().join("rows.csv")).unwrap();
    writer.write_record(&header).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        if row.get(anchor).unwrap_or("").is_empty() {
            writer.write_record(&row).unwrap();
        }
    }
    writer.flush().unwrap();
    drop(writer);
    let server = Server::start_in(work, &["--data", "rows.csv"]);
    assert!(
        server
            ._work
            .path()
            .join(".frontline-cache/rows.csv.index")
            .is_file(),
        "the file was indexed row by row and its index cached"
    );
    let page = server
        .json("/collections/events/items?limit=10000&bbox=13,32,14,33&datetime=2019-05/2020-03");
    let expected = query_ids(
        &server._work,
        &[
            "--data",
            "rows.csv",
            "--bbox",
            "13,32,14,33",
            "--from",
            "2019-05",
            "--to",
            "2020-03",
        ],
    );
    assert!(expected.len() > 10);
    assert_eq!(ids_of(&page), expected);
    let item = server.json("/collections/events/items/LBY0100");
    assert_eq!(
        item["properties"]["location"],
        "Tripoli International Airport"
    );
    assert_eq!(server.get("/collections/events/items/LBY99999").status, 404);
}

#[test]
fn an_aggregated_input_publishes_counts_and_never_its_rows() {
    let work = Workdir::with_data();
    let out = work.run(&["query", "--format", "csv", "-o", "acled.csv"]);
    assert!(out.status.success());
    // An ACLED export carries ACLED's own columns: add one, so the file reads as ACLED's.
    let text = work.read("acled.csv");
    let mut lines = text.lines();
    let mut marked = format!("{},disorder_type\n", lines.next().unwrap());
    for line in lines {
        marked.push_str(line);
        marked.push_str(",Political violence\n");
    }
    work.write("acled.csv", &marked);
    let server = Server::start_in(work, &["--aggregate", "acled.csv"]);
    assert_eq!(server.get("/collections/events").status, 404);
    let collection = server.json("/collections/weekly");
    assert_eq!(collection["aggregatesOnly"], true);
    assert!(collection["attribution"]
        .as_str()
        .unwrap()
        .contains("ACLED"));
    let hrefs: Vec<&str> = collection["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["rel"] == "license")
        .filter_map(|l| l["href"].as_str())
        .collect();
    assert!(
        hrefs.iter().any(|h| h.contains("acleddata.com")),
        "{hrefs:?}"
    );
    let reply = server.get("/collections/weekly/items?limit=10000");
    assert_eq!(reply.status, 200);
    let weeks: Value = serde_json::from_str(&reply.body).unwrap();
    let total: u64 = weeks["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["events"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, shipped_events());
    // No event of the file is handed out, not even its id.
    assert!(!reply.body.contains("LBY0"), "a row's id leaked");
    assert!(server.get("/?f=html").body.contains("counts"));
}

/// GDAL's OAPIF driver: lists the layer, and its spatial and attribute filters give the
/// counts `query` gives.
#[test]
fn gdal_reads_the_service_as_query_selects() {
    if !have_tool("ogrinfo", "GDAL's OAPIF driver is a referee of serve") {
        return;
    }
    let work = Workdir::with_data();
    let server = Server::start(&[]);
    let source = format!("OAPIF:{}", server.url(""));
    let ogrinfo = |extra: &[&str]| -> String {
        let out = Command::new("ogrinfo")
            .args(["-ro", "-al", "-q"])
            .args(extra)
            .arg(&source)
            .arg("events")
            .output()
            .expect("ogrinfo runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let listed = Command::new("ogrinfo")
        .args(["-ro", "-so", &source])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&listed.stdout).contains("events (title: Events) (Point)"));
    let count = |text: &str| text.matches("OGRFeature(events)").count();
    assert_eq!(count(&ogrinfo(&[])), shipped_events());
    assert_eq!(
        count(&ogrinfo(&["-spat", "13", "32", "14", "33"])),
        query_ids(&work, &["--bbox", "13,32,14,33"]).len()
    );
    assert_eq!(
        count(&ogrinfo(&["-where", "claim_status = 'disputed'"])),
        query_ids(&work, &["--claim", "disputed"]).len()
    );
    assert_eq!(
        count(&ogrinfo(&[
            "-spat",
            "12",
            "32",
            "15",
            "33.5",
            "-where",
            "event_type = 'Battles'"
        ])),
        query_ids(&work, &["--bbox", "12,32,15,33.5", "--type", "Battles"]).len()
    );
}

/// The number of events the map says it drew (`#count`'s `data-count`), once it is ready.
fn drawn(dom: &str) -> Option<usize> {
    let at = dom.find("id=\"count\"")?;
    let tag = &dom[at..at + dom[at..].find('>')?];
    if !tag.contains("data-state=\"ready\"") {
        return None;
    }
    let count = tag.split("data-count=\"").nth(1)?;
    count[..count.find('"')?].parse().ok()
}

/// Headless Chromium loads the map for one week, then moves the range on two weeks as the
/// play button does: the events drawn are those `query` selects for each week.
#[test]
fn the_map_draws_the_weeks_query_selects() {
    if !have_tool("chromium", "headless Chromium is the referee of the map") {
        return;
    }
    let work = Workdir::with_data();
    let server = Server::start(&[]);
    let first = query_ids(&work, &["--from", "2019-04-01", "--to", "2019-04-07"]).len();
    let third = query_ids(&work, &["--from", "2019-04-15", "--to", "2019-04-21"]).len();
    assert_ne!(
        first, third,
        "two weeks with different counts make the test mean something"
    );
    let dom = |hash: &str| -> String {
        let out = util::chromium_at(
            &["--virtual-time-budget=15000", "--dump-dom"],
            &server.url(&format!("/map#{hash}")),
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let week = dom("from=2019-04-01&to=2019-04-07");
    assert_eq!(
        drawn(&week),
        Some(first),
        "{}",
        &week[..week.len().min(2000)]
    );
    let moved = dom("from=2019-04-01&to=2019-04-07&step=2");
    assert_eq!(drawn(&moved), Some(third));
    assert!(moved.contains("15 April 2019"), "the range label moved on");
    // A screenshot kept as an artefact of the run.
    let artefacts = repo().join("target/test-artefacts");
    std::fs::create_dir_all(&artefacts).unwrap();
    let png = artefacts.join("serve-map.png");
    util::chromium_at(
        &[
            "--window-size=1400,900",
            "--virtual-time-budget=15000",
            &format!("--screenshot={}", png.display()),
        ],
        &server.url("/map#from=2019-04-01&to=2019-06-30&open=LBY0001"),
    );
    assert!(png.is_file());
}

/// The OpenAPI document passes an OpenAPI 3.0 validator (`openapi-spec-validator`, which
/// `.ci/run` installs from PyPI into `target/openapi-venv`).
#[test]
fn the_api_document_is_valid_openapi_3() {
    let validator = repo().join("target/openapi-venv/bin/openapi-spec-validator");
    if !have_path(&validator, "openapi-spec-validator checks /api") {
        return;
    }
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("api.json");
    std::fs::write(&file, server.get("/api").body).unwrap();
    let out = Command::new(&validator)
        .arg(&file)
        .output()
        .expect("the validator runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
