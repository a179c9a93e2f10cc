//! `frontline build` on the shipped data: the committed `output/` is what it writes.

mod util;

use serde_json::Value;
use std::path::Path;
use util::{repo, stderr, Workdir};

fn files_under(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

fn build(w: &Workdir) {
    let out = w.run(&["build"]);
    assert!(out.status.success(), "build failed: {}", stderr(&out));
}

#[test]
fn the_committed_output_is_what_build_writes() {
    let w = Workdir::with_data();
    build(&w);
    let written = files_under(&w.path().join("output"));
    let committed = files_under(&repo().join("output"));
    assert_eq!(
        written, committed,
        "output/ holds other files than build writes: run `cargo run --release -- build`"
    );
    for file in &written {
        let a = std::fs::read(w.path().join("output").join(file)).unwrap();
        let b = std::fs::read(repo().join("output").join(file)).unwrap();
        assert!(a == b, "output/{file} differs from what build writes: run `cargo run --release -- build` and commit");
    }
}

#[test]
fn two_builds_write_identical_bytes() {
    let w = Workdir::with_data();
    build(&w);
    let first: Vec<(String, Vec<u8>)> = files_under(&w.path().join("output"))
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(w.path().join("output").join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    build(&w);
    for (file, bytes) in first {
        assert_eq!(
            std::fs::read(w.path().join("output").join(&file)).unwrap(),
            bytes,
            "{file}"
        );
    }
}

fn events(w: &Workdir) -> Vec<Value> {
    let v: Value = serde_json::from_str(&w.read("output/events.geojson")).unwrap();
    v["features"].as_array().unwrap().clone()
}

fn event<'a>(events: &'a [Value], id: &str) -> &'a Value {
    events
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn the_seed_report_is_resolved_dated_and_placed() {
    let w = Workdir::with_data();
    build(&w);
    let events = events(&w);
    assert!(events.len() >= 114, "{} events", events.len());

    let offensive = &event(&events, "LBY0001")["properties"];
    assert_eq!(offensive["start_date"], "2019-04-04T00:00:00Z");
    let withdrawal = &event(&events, "LBY0002")["properties"];
    assert_eq!(
        withdrawal["date_start"], "2019-04-07",
        "the offensive plus three days"
    );
    assert_eq!(withdrawal["anchor"], "LBY0001+3d");

    let misrata = &event(&events, "LBY0004");
    let [lon, lat] = [
        misrata["geometry"]["coordinates"][0].as_f64().unwrap(),
        misrata["geometry"]["coordinates"][1].as_f64().unwrap(),
    ];
    assert!(
        (lat - 32.37).abs() < 0.1 && (lon - 15.09).abs() < 0.1,
        "Misrata at {lat},{lon}"
    );
    assert_eq!(misrata["properties"]["front"], "misrata");

    let sbeaa = &event(&events, "LBY0009")["properties"];
    assert_eq!(sbeaa["front"], "al-sbeaa");
    assert!(sbeaa["geonameid"].is_string(), "al-Sbeaa was geocoded");
    // The return of US forces was the GNA's claim; AFRICOM denied it the same day.
    for id in ["LBY0003", "LBY0004"] {
        let claim = &event(&events, id)["properties"];
        assert_eq!(claim["claim_status"], "disputed", "{id}");
        assert_eq!(
            claim["claimed_by"], "GNA: Government of National Accord",
            "{id}"
        );
        assert!(
            claim["source_stance"].as_str().unwrap().contains("denies"),
            "{id}"
        );
    }
}

#[test]
fn every_front_has_a_layer_and_the_layers_partition_the_events() {
    let w = Workdir::with_data();
    build(&w);
    let all = events(&w).len();
    let fronts: Value = serde_json::from_str(&w.read("output/fronts.geojson")).unwrap();
    let mut total = 0;
    for entry in std::fs::read_dir(w.path().join("output/layers")).unwrap() {
        let layer: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        total += layer["features"].as_array().unwrap().len();
    }
    assert_eq!(total, all);
    for front in fronts["features"].as_array().unwrap() {
        let id = front["id"].as_str().unwrap();
        assert!(
            w.path()
                .join(format!("output/layers/{id}.geojson"))
                .exists(),
            "{id}"
        );
        assert!(
            front["properties"]["name_ar"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{id} has an Arabic name"
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_whole() {
    let w = Workdir::with_data();
    build(&w);
    let before = w.read("output/events.geojson");
    let broken = w
        .read("data/events/seed-2019-05-01.csv")
        .replace("2019-04-04", "2019-04-31");
    w.write("data/events/seed-2019-05-01.csv", &broken);
    let out = w.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(w.read("output/events.geojson"), before);
    let leftovers: Vec<_> = std::fs::read_dir(w.path().join("output"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn every_source_is_listed_with_the_events_it_reports() {
    let w = Workdir::with_data();
    build(&w);
    let events = events(&w);
    let text = w.read("output/sources.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for e in &events {
        let id = e["id"].as_str().unwrap();
        for source in e["properties"]["source"]
            .as_str()
            .unwrap()
            .split(';')
            .map(str::trim)
        {
            let row = rows
                .iter()
                .find(|r| &r[0] == source)
                .unwrap_or_else(|| panic!("{source} of {id} is not listed"));
            assert!(
                row[4].split(';').any(|x| x == id),
                "{source} does not list {id}"
            );
        }
    }
    let aj = rows
        .iter()
        .find(|r| &r[0] == "Al Jazeera (Arabic)")
        .unwrap();
    let reported = events
        .iter()
        .filter(|e| {
            e["properties"]["source"]
                .as_str()
                .unwrap()
                .split(';')
                .any(|s| s.trim() == "Al Jazeera (Arabic)")
        })
        .count();
    assert!(reported >= 6, "the report of 1 May 2019 and others");
    assert_eq!(aj[1], reported.to_string());
}

#[test]
fn a_bad_phases_file_stops_the_build_before_any_file_is_written() {
    // phases.csv was read after the layers were written, so a bad row in it left a half
    // new output/ behind.
    let w = Workdir::with_data();
    let phases = w.read("data/phases.csv");
    let mut lines: Vec<&str> = phases.lines().collect();
    let broken = lines[1].replacen("2019-", "2019-13-", 1);
    lines[1] = &broken;
    w.write("data/phases.csv", &(lines.join("\n") + "\n"));
    let out = w.run(&["build"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("phases.csv:2"), "{}", stderr(&out));
    assert!(
        !w.path().join("output").exists(),
        "nothing is written when the data has a problem"
    );
}

#[test]
fn a_disputed_claim_is_told_as_one_in_every_output() {
    // The GNA said US forces were back in Tripoli on 1 May 2019; AFRICOM denied it.
    let w = Workdir::with_data();
    build(&w);
    let kml = w.read("output/events.kml");
    let placemark = &kml[kml.find("<Placemark id=\"LBY0003\">").unwrap()..];
    let placemark = &placemark[..placemark.find("</Placemark>").unwrap()];
    assert!(
        placemark.contains("<Data name=\"claim_status\"><value>disputed</value></Data>"),
        "{placemark}"
    );
    let timeline: Value = serde_json::from_str(&w.read("output/timeline.json")).unwrap();
    let slide = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["unique_id"] == "LBY0003")
        .unwrap();
    let text = slide["text"]["text"].as_str().unwrap();
    assert!(
        text.contains("<b>Disputed:</b> claimed by GNA: Government of National Accord; denied by"),
        "{text}"
    );
    // On the timeline the mark is drawn hollow and dashed, in a group that says why.
    let svg = w.read("output/charts/timeline.svg");
    let at = svg.find("<g data-event=\"LBY0003\"").unwrap();
    let group = &svg[at..at + svg[at..].find('>').unwrap()];
    assert!(group.contains("data-claim=\"disputed\""), "{group}");
    assert!(group.contains("stroke-dasharray"), "{group}");
    assert!(svg.contains("Disputed: claimed and denied (dashed)"));
}
