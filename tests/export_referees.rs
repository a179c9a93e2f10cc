//! Outside programs are the referees of `export`: GDAL reads the KML (every placemark, in
//! its front's folder, dated, Arabic intact), and TimelineJS 3 itself, in headless
//! Chromium, builds a slide for every event from the JSON without an error.

mod util;

use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use util::{dump_dom, have_path, have_tool, stderr, Workdir};

/// The shipped events as `query` gives them: the writers' referee needs its own answer.
fn shipped_events(w: &Workdir) -> Vec<Value> {
    let out = w.run(&["query", "--data", "data", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array().unwrap().clone()
}

fn text<'a>(event: &'a Value, field: &str) -> &'a str {
    event[field].as_str().unwrap_or("")
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// GDAL's rendering of a day as a DateTime field value.
fn gdal_day(day: NaiveDate) -> String {
    format!("{} 00:00:00", day.format("%Y/%m/%d"))
}

/// The fields of each feature `ogrinfo -al` prints, by event id (`name (Type) = value`).
fn ogr_features(report: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut features = BTreeMap::new();
    let mut current: BTreeMap<String, String> = BTreeMap::new();
    let mut flush = |current: &mut BTreeMap<String, String>| {
        if let Some(id) = current.get("event_id_cnty").cloned() {
            features.insert(id, std::mem::take(current));
        }
        current.clear();
    };
    for line in report.lines() {
        if line.starts_with("OGRFeature(") {
            flush(&mut current);
            continue;
        }
        let Some(rest) = line.strip_prefix("  ") else {
            continue;
        };
        if let Some((name, value)) = rest.split_once(" = ") {
            if let Some((field, _kind)) = name.split_once(" (") {
                current.insert(field.to_string(), value.to_string());
            }
        }
    }
    flush(&mut current);
    features
}

#[test]
fn gdal_reads_every_placemark_in_its_front_folder_with_its_time_and_arabic() {
    if !have_tool("ogrinfo", "GDAL reads the KML export") {
        return;
    }
    let w = Workdir::with_data();
    let events = shipped_events(&w);
    let out = w.run(&[
        "export",
        "kml",
        "--data",
        "data",
        "-o",
        "events.kml",
        "--title",
        "The war for Tripoli",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // GDAL has two KML drivers; only LIBKML reads TimeStamp and TimeSpan into the
    // `timestamp`, `begin` and `end` fields, so the plain KML driver is skipped.
    let ogrinfo = |extra: &[&str]| {
        let out = Command::new("ogrinfo")
            .args(["--config", "GDAL_SKIP", "KML", "-ro", "-al"])
            .args(extra)
            .arg(w.path().join("events.kml"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("ogrinfo writes UTF-8")
    };

    let summary = ogrinfo(&["-so"]);
    assert!(summary.contains("using driver `LIBKML'"), "{summary}");
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for e in &events {
        let folder = e["front_name"].as_str().unwrap_or("Unassigned");
        *expected.entry(folder.to_string()).or_default() += 1;
    }
    let mut layers: BTreeMap<String, usize> = BTreeMap::new();
    let mut name = None;
    for line in summary.lines() {
        if let Some(n) = line.strip_prefix("Layer name: ") {
            name = Some(n.to_string());
        }
        if let (Some(n), Some(count)) = (&name, line.strip_prefix("Feature Count: ")) {
            layers.insert(n.clone(), count.parse().unwrap());
        }
    }
    assert_eq!(
        layers, expected,
        "one layer per front folder, each with its events"
    );
    assert_eq!(layers.values().sum::<usize>(), events.len());
    assert_eq!(events.len(), util::shipped_events(), "the shipped data");
    for field in ["timestamp: DateTime", "begin: DateTime", "end: DateTime"] {
        assert!(summary.contains(field), "{field}\n{summary}");
    }

    let features = ogr_features(&ogrinfo(&["-geom=NO"]));
    assert_eq!(
        features.len(),
        events.len(),
        "every event id read back once"
    );
    let mut checked = BTreeMap::<&str, usize>::new();
    for e in &events {
        let id = text(e, "event_id_cnty");
        let f = &features[id];
        let (start, end) = (day(text(e, "date_start")), day(text(e, "date_end")));
        let precision = text(e, "time_precision");
        let whole_month = start.day() == 1 && end.succ_opt().is_some_and(|d| d.day() == 1);
        let whole_year = start.ordinal() == 1 && end.month() == 12 && end.day() == 31;
        let kind = if start == end {
            assert_eq!(f.get("timestamp"), Some(&gdal_day(start)), "{id}");
            "day"
        } else if precision == "month" && whole_month && start.month() == end.month() {
            assert_eq!(f.get("timestamp"), Some(&gdal_day(start)), "{id}");
            "month"
        } else if precision == "year" && whole_year && start.year() == end.year() {
            // GDAL 3.6 does not read a bare year (xsd:gYear, which KML 2.2 allows) into
            // `timestamp`; when a GDAL does, it must be the year's first day.
            if let Some(stamp) = f.get("timestamp") {
                assert_eq!(stamp, &gdal_day(start), "{id}");
            }
            "year"
        } else {
            assert_eq!(f.get("begin"), Some(&gdal_day(start)), "{id}");
            assert_eq!(f.get("end"), Some(&gdal_day(end)), "{id}");
            "span"
        };
        *checked.entry(kind).or_default() += 1;
        assert_eq!(
            f.get("headline_ar").map(String::as_str).unwrap_or(""),
            text(e, "headline_ar"),
            "{id}: Arabic headline intact"
        );
        assert_eq!(
            f.get("front_name_ar").map(String::as_str).unwrap_or(""),
            text(e, "front_name_ar"),
            "{id}"
        );
    }
    assert!(checked["day"] > 100 && checked["span"] > 10, "{checked:?}");
    assert!(
        features
            .values()
            .any(|f| f.get("headline_ar").is_some_and(|h| h.contains("طرابلس"))),
        "Arabic text comes through"
    );
}

/// The TimelineJS 3 package: `FRONTLINE_TIMELINEJS`, else where `.ci/run` installs it.
fn timelinejs_package() -> PathBuf {
    std::env::var_os("FRONTLINE_TIMELINEJS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            util::repo().join("target/timelinejs/node_modules/@knight-lab/timelinejs")
        })
}

/// A page that builds the timeline and writes what it built, and every error, into the DOM.
fn timeline_page(package: &std::path::Path, json: &str) -> String {
    let dist = format!("file://{}/dist", package.display());
    // `</` inside a script element would end it.
    let data = json.replace("</", "<\\/");
    format!(
        r#"<!DOCTYPE html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="{dist}/css/timeline.css">
<script>
var recorded = [];
function show() {{
  var pre = document.getElementById("recorded-errors");
  if (pre) pre.textContent = JSON.stringify(recorded);
}}
window.onerror = function (message, source, line) {{
  recorded.push("onerror: " + message + " at " + source + ":" + line); show();
}};
var consoleError = console.error;
console.error = function () {{
  recorded.push("console.error: " + Array.prototype.join.call(arguments, " ")); show();
  consoleError.apply(console, arguments);
}};
</script>
<script src="{dist}/js/timeline.js"></script>
</head><body>
<div id="timeline-embed" style="width: 1200px; height: 700px"></div>
<pre id="recorded-errors">[]</pre>
<pre id="built"></pre>
<script>
window.timeline = new TL.Timeline("timeline-embed", {data});
</script>
<script>
setTimeout(function () {{
  var t = window.timeline;
  document.getElementById("built").textContent = JSON.stringify({{
    slides: document.querySelectorAll(".tl-slide").length,
    markers: document.querySelectorAll(".tl-timemarker").length,
    eras: document.querySelectorAll(".tl-timeera").length,
    storyslider: t && t._storyslider ? t._storyslider._slides.length : -1
  }});
  show();
}}, 5000);
</script>
</body></html>
"#
    )
}

/// The text of `<pre id="ID">…</pre>` in a dumped DOM.
fn pre(dom: &str, id: &str) -> String {
    let open = format!("<pre id=\"{id}\">");
    let start = dom
        .find(&open)
        .unwrap_or_else(|| panic!("no {id} in the DOM"))
        + open.len();
    let end = dom[start..].find("</pre>").unwrap() + start;
    dom[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn timelinejs_in_chromium_builds_a_slide_per_event_and_the_eras_without_errors() {
    if !have_tool(
        "chromium",
        "headless Chromium runs TimelineJS on the export",
    ) {
        return;
    }
    let package = timelinejs_package();
    if !have_path(
        &package.join("dist/js/timeline.js"),
        "TimelineJS 3 (npm @knight-lab/timelinejs) builds the timeline; set FRONTLINE_TIMELINEJS",
    ) {
        return;
    }
    let w = Workdir::with_data();
    let events = shipped_events(&w);
    let out = w.run(&[
        "export",
        "timelinejs",
        "--data",
        "data",
        "-o",
        "timeline.json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = w.read("timeline.json");
    let parsed: Value = serde_json::from_str(&json).unwrap();
    let eras = parsed["eras"].as_array().map_or(0, Vec::len);
    assert!(eras >= 5, "the shipped phases overlap the events: {eras}");
    w.write("timeline.html", &timeline_page(&package, &json));

    // Virtual time runs the page's timers without waiting for them in real time.
    let out = dump_dom(&w.path().join("timeline.html"), 20_000);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        pre(&dom, "recorded-errors"),
        "[]",
        "TimelineJS reported errors"
    );
    let built: Value = serde_json::from_str(&pre(&dom, "built")).expect("the page reported");
    let n = events.len() as u64;
    assert_eq!(
        built["slides"],
        n + 1,
        "a slide per event and the title slide"
    );
    assert_eq!(built["storyslider"], n + 1);
    assert_eq!(
        built["markers"], n,
        "a marker per event on the time navigation"
    );
    assert_eq!(built["eras"], eras as u64);
    assert!(
        dom.contains("بدء هجوم قوات حفتر على طرابلس"),
        "the Arabic headline is on its slide"
    );
}
