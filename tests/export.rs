//! `frontline export csv|geojson`: ACLED's columns out and back in unchanged, and the
//! GeoJSON layer's time fields as GIS reads them. (KML and TimelineJS are refereed by
//! GDAL and TimelineJS itself in `tests/export_referees.rs`.)

mod util;

use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Command;
use util::{have_tool, shipped_events, stderr, stdout, Workdir};

fn run_ok(w: &Workdir, args: &[&str]) -> String {
    let out = w.run(args);
    assert!(out.status.success(), "frontline {args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Every event's fields as `query --format ndjson` gives them, by id.
fn events(w: &Workdir, data: &str) -> BTreeMap<String, BTreeMap<String, Value>> {
    run_ok(w, &["query", "--data", data, "--format", "ndjson"])
        .lines()
        .map(|line| {
            let fields: BTreeMap<String, Value> = serde_json::from_str(line).unwrap();
            (
                fields["event_id_cnty"].as_str().unwrap().to_string(),
                fields,
            )
        })
        .collect()
}

#[test]
fn the_csv_export_has_acled_s_columns_then_frontline_s() {
    let w = Workdir::with_data();
    run_ok(&w, &["export", "csv", "-o", "events.csv"]);
    let text = w.read("events.csv");
    let header = text.lines().next().unwrap();
    assert!(header.starts_with(
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,\
         actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,\
         iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,\
         source,source_scale,notes,fatalities,tags,timestamp,date_start,date_end,where_prec,"
    ));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let names = reader.headers().unwrap().clone();
    let rows: Vec<BTreeMap<&str, String>> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            names.iter().zip(r.iter().map(str::to_string)).collect()
        })
        .collect();
    assert_eq!(rows.len(), shipped_events());
    // The AFRICOM withdrawal, dated by its anchor three days after the offensive: ACLED's
    // columns get the day and code 1, the anchor travels beside them.
    let withdrawal = rows
        .iter()
        .find(|r| r["event_id_cnty"] == "LBY0002")
        .unwrap();
    assert_eq!(withdrawal["event_date"], "2019-04-07");
    assert_eq!(withdrawal["time_precision"], "1");
    assert_eq!(withdrawal["year"], "2019");
    assert_eq!(withdrawal["disorder_type"], "Strategic developments");
    assert_eq!(withdrawal["anchor"], "LBY0001+3d");
    // Turkey-backed Syrian fighters first reported in Tripoli, known to December 2019 only:
    // ACLED code 3, the interval kept.
    let arrival = rows
        .iter()
        .find(|r| r["event_id_cnty"] == "LBY0407")
        .unwrap();
    assert_eq!(arrival["time_precision"], "3");
    assert_eq!(
        (arrival["date_start"].as_str(), arrival["date_end"].as_str()),
        ("2019-12-01", "2019-12-29")
    );
}

#[test]
fn import_reads_the_csv_export_back_unchanged() {
    let w = Workdir::with_data();
    run_ok(&w, &["export", "csv", "-o", "exported.csv"]);
    run_ok(&w, &["import", "exported.csv", "-o", "imported.csv"]);
    let before = events(&w, "data");
    let after = events(&w, "imported.csv");
    assert_eq!(before.len(), shipped_events());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    // ACLED's columns the export adds (year, disorder_type, inter1 …) come back as
    // columns of their own; every field the event had is unchanged.
    for (id, fields) in &before {
        for (name, value) in fields {
            assert_eq!(Some(value), after[id].get(name), "{id}: {name}");
        }
    }
    // And a second trip changes nothing at all.
    run_ok(
        &w,
        &[
            "export",
            "csv",
            "--data",
            "imported.csv",
            "-o",
            "exported-2.csv",
        ],
    );
    run_ok(&w, &["import", "exported-2.csv", "-o", "imported-2.csv"]);
    assert_eq!(w.read("exported.csv"), w.read("exported-2.csv"));
    assert_eq!(w.read("imported.csv"), w.read("imported-2.csv"));
}

#[test]
fn an_acled_file_exports_with_its_own_acled_values() {
    let w = Workdir::with_data();
    let input = util::repo().join("tests/fixtures/query/acled-like.csv");
    run_ok(
        &w,
        &[
            "export",
            "csv",
            "--data",
            input.to_str().unwrap(),
            "-o",
            "out.csv",
        ],
    );
    let text = w.read("out.csv");
    let line = text.lines().find(|l| l.starts_with("LBY9301,")).unwrap();
    // inter1, inter2, interaction, region and timestamp as ACLED wrote them.
    assert!(
        line.contains(",2,GNA: Government of National Accord,,1,12,,434,Northern Africa,"),
        "{line}"
    );
    assert!(line.contains(",1700000000,"), "{line}");
}

#[test]
fn export_takes_the_query_filters() {
    let w = Workdir::with_data();
    let out = w.run(&[
        "export",
        "csv",
        "--near",
        "مصراتة",
        "--radius",
        "20",
        "-o",
        "misrata.csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let selected = run_ok(
        &w,
        &[
            "query",
            "--near",
            "مصراتة",
            "--radius",
            "20",
            "--format",
            "csv",
        ],
    );
    let ids = |text: &str| -> Vec<String> {
        text.lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .filter(|id| id.starts_with("LBY"))
            .map(str::to_string)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    assert!(!ids(&selected).is_empty());
    assert_eq!(ids(&w.read("misrata.csv")), ids(&selected));
    assert!(
        stderr(&out).contains("within 20 km of مصراتة"),
        "{}",
        stderr(&out)
    );

    // `-` writes to standard output.
    let piped = run_ok(
        &w,
        &[
            "export",
            "csv",
            "--from",
            "2019-04-04",
            "--to",
            "2019-04-04",
            "-o",
            "-",
        ],
    );
    assert!(piped.starts_with("event_id_cnty,"));
    assert!(piped.contains("\nLBY0001,"));

    // A bad filter is an error naming its flag, and no file is written.
    let out = w.run(&["export", "kml", "--bbox", "1,2,3", "-o", "bad.kml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--bbox"));
    assert!(!w.path().join("bad.kml").exists());
}

#[test]
fn the_geojson_export_s_time_fields_are_datetimes_to_gdal() {
    if !have_tool("ogrinfo", "GDAL reads the GeoJSON layer as QGIS does") {
        return;
    }
    let w = Workdir::with_data();
    run_ok(&w, &["export", "geojson", "-o", "events.geojson"]);
    let info = Command::new("ogrinfo")
        .args(["-so", "-al", "events.geojson"])
        .current_dir(w.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&info.stdout);
    let total = shipped_events();
    assert!(text.contains(&format!("Feature Count: {total}")), "{text}");
    // QGIS's temporal controller animates a layer by fields of these types.
    assert!(text.contains("start_date: DateTime"), "{text}");
    assert!(text.contains("end_date: DateTime"), "{text}");
}
