//! `frontline control`: the shipped data gives the known holders before and after each
//! turning point of the war, an ACLED-style file of territory changes gives the same
//! answers as the control file it was written from, and no area leaves Libya's outline.

mod util;

use geo::{BooleanOps, MultiPolygon, Polygon};
use serde_json::Value;
use std::collections::BTreeMap;
use util::{stderr, stdout, Workdir};

/// (place, day, status, side_short): what the reports say, before and after each turning
/// point (data/control.csv and the events; docs/control.md lists them).
const TURNING_POINTS: &[(&str, &str, &str, &str)] = &[
    ("Gharyan", "2019-04-03", "unknown", ""),
    ("Gharyan", "2019-04-05", "held", "LNA"),
    ("Gharyan", "2019-06-25", "held", "LNA"),
    ("Gharyan", "2019-06-27", "held", "GNA"),
    ("Sirte", "2020-01-05", "held", "GNA"),
    ("Sirte", "2020-01-07", "held", "LNA"),
    ("Sirte", "2020-10-23", "held", "LNA"),
    ("Surman", "2020-04-12", "held", "LNA"),
    ("Surman", "2020-04-14", "held", "GNA"),
    ("Sabratha", "2020-04-12", "held", "LNA"),
    ("Sabratha", "2020-04-14", "held", "GNA"),
    ("al-Ajaylat", "2020-04-14", "held", "GNA"),
    ("al-Watiya Air Base", "2020-05-17", "held", "LNA"),
    ("al-Watiya Air Base", "2020-05-19", "held", "GNA"),
    ("Tripoli International Airport", "2020-06-02", "held", "LNA"),
    ("Tripoli International Airport", "2020-06-04", "held", "GNA"),
    ("Qasr bin Ghashir", "2020-06-03", "held", "LNA"),
    ("Qasr bin Ghashir", "2020-06-05", "held", "GNA"),
    ("Tarhuna", "2020-06-04", "held", "LNA"),
    ("Tarhuna", "2020-06-06", "held", "GNA"),
    ("Bani Walid", "2020-06-04", "unknown", ""),
    ("Bani Walid", "2020-06-06", "held", "GNA"),
    ("al-Asabaa", "2020-05-22", "held", "GNA"),
    ("al-Asabaa", "2020-06-02", "contested", "GNA"),
    ("Abu Salim", "2020-02-01", "contested", ""),
    ("Abu Qurayn", "2020-06-01", "held", "GNA"),
    ("al-Washka", "2020-06-01", "held", "LNA"),
    ("al-Washka", "2020-06-07", "held", "GNA"),
    ("al-Jufra Air Base", "2020-10-23", "held", "LNA"),
];

/// place → (status, side_short) on a day, as `control --at DAY --format json` answers.
fn answers(w: &Workdir, day: &str, data: &[&str]) -> BTreeMap<String, (String, String)> {
    let mut args = vec!["control", "--at", day, "--format", "json"];
    for d in data {
        args.extend(["--data", d]);
    }
    let out = w.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let list: Value = serde_json::from_str(&stdout(&out)).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let text = |k: &str| p[k].as_str().unwrap_or("").to_string();
            (text("place"), (text("status"), text("side_short")))
        })
        .collect()
}

#[test]
fn the_shipped_data_gives_the_known_holder_before_and_after_each_turning_point() {
    let w = Workdir::with_data();
    let mut days: Vec<&str> = TURNING_POINTS.iter().map(|t| t.1).collect();
    days.sort_unstable();
    days.dedup();
    for day in days {
        let got = answers(&w, day, &["data"]);
        for (place, _, status, side) in TURNING_POINTS.iter().filter(|t| t.1 == day) {
            assert_eq!(
                got.get(*place),
                Some(&(status.to_string(), side.to_string())),
                "{place} on {day}"
            );
        }
    }
}

#[test]
fn every_answer_names_its_evidence_and_age() {
    let w = Workdir::with_data();
    let out = w.run(&[
        "control",
        "--at",
        "2019-06-27",
        "--near",
        "Gharyan",
        "--radius",
        "5",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(table.contains("Gharyan"), "{table}");
    assert!(
        table.contains("LBY0145 retaken (Libya Observer)"),
        "{table}"
    );
    assert!(table.contains("1 d"), "{table}");
    assert!(stderr(&out).contains("1 place on 2019-06-27: 1 held by GNA"));
    let none = w.run(&["control", "--at", "2019-06-27", "--near", "32.0,20.0"]);
    assert_eq!(
        none.status.code(),
        Some(1),
        "no place near: nothing matched"
    );
}

/// The ACLED actor names of the two sides, as ACLED's exports spell them.
fn acled_actor(side: &str) -> &'static str {
    if side.starts_with("LNA") {
        "Military Forces of Libya (2014-) Libyan National Army"
    } else {
        "Military Forces of Libya (2016-) Government of National Accord"
    }
}

#[test]
fn an_acled_file_of_territory_changes_gives_what_the_control_file_gives() {
    let w = Workdir::with_data();
    // Two reference folders without events: one keeps control.csv, one loses it.
    for folder in ["with-control", "without-control"] {
        util::copy_dir(&util::repo().join("data"), &w.path().join(folder));
        let events = w.path().join(folder).join("events");
        std::fs::remove_dir_all(&events).unwrap();
        std::fs::create_dir(&events).unwrap();
    }
    std::fs::remove_file(w.path().join("without-control/control.csv")).unwrap();

    // Where the control file places each row, to write ACLED's coordinates.
    let placed: BTreeMap<String, (f64, f64)> = {
        let out = w.run(&[
            "control",
            "--at",
            "2020-12-31",
            "--format",
            "json",
            "--data",
            "with-control",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let list: Value = serde_json::from_str(&stdout(&out)).unwrap();
        list.as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let name = p["place"].as_str().unwrap().to_string();
                (
                    name,
                    (
                        p["latitude"].as_f64().unwrap(),
                        p["longitude"].as_f64().unwrap(),
                    ),
                )
            })
            .collect()
    };
    let mut acled = csv::Writer::from_writer(Vec::new());
    acled
        .write_record([
            "event_id_cnty",
            "event_date",
            "event_type",
            "sub_event_type",
            "actor1",
            "country",
            "location",
            "latitude",
            "longitude",
            "source",
            "claim_status",
            "claimed_by",
        ])
        .unwrap();
    let mut control = csv::Reader::from_path(util::repo().join("data/control.csv")).unwrap();
    for row in control.deserialize::<BTreeMap<String, String>>() {
        let row = row.unwrap();
        let date = &row["date"];
        let last_day = frontline::event::date::DateInterval::parse(date)
            .unwrap()
            .end
            .to_string();
        let side = &row["side"];
        let actor = acled_actor(side);
        let (event_type, sub_event_type) = match row["change"].as_str() {
            "handed over" | "declared allegiance" | "held" => (
                "Strategic developments",
                "Non-violent transfer of territory",
            ),
            _ if side.starts_with("GNA") => ("Battles", "Government regains territory"),
            _ => ("Battles", "Non-state actor overtakes territory"),
        };
        let (claim, by) = if row["change"] == "contested" {
            ("claimed", actor)
        } else {
            ("", "")
        };
        let (lat, lon) = placed[&row["location"]];
        let id = row["control_id"].replace("CTL", "LBY9");
        acled
            .write_record([
                id.as_str(),
                &last_day,
                event_type,
                sub_event_type,
                actor,
                "Libya",
                &row["location"],
                &lat.to_string(),
                &lon.to_string(),
                &row["source"],
                claim,
                by,
            ])
            .unwrap();
    }
    w.write(
        "acled-territory.csv",
        &String::from_utf8(acled.into_inner().unwrap()).unwrap(),
    );

    let mut days: Vec<&str> = TURNING_POINTS.iter().map(|t| t.1).collect();
    days.extend([
        "2016-12-31",
        "2017-06-30",
        "2019-07-31",
        "2020-01-29",
        "2020-05-06",
    ]);
    days.sort_unstable();
    days.dedup();
    for day in days {
        let from_control = answers(&w, day, &["with-control"]);
        let from_acled = answers(&w, day, &["acled-territory.csv", "without-control"]);
        assert_eq!(from_control, from_acled, "{day}");
    }
}

#[test]
fn areas_never_leave_the_outline_and_the_layer_plays_in_time() {
    let w = Workdir::with_data();
    let out = w.run(&["control", "--every", "month", "-o", "monthly.geojson"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let layer: Value = serde_json::from_str(&w.read("monthly.geojson")).unwrap();
    let countries: Value = serde_json::from_str(&w.read("data/basemap/countries.geojson")).unwrap();
    let libya = countries["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["iso_a2"] == "LY")
        .unwrap();
    let outline: geo::Geometry<f64> =
        serde_json::from_value::<geojson::Geometry>(libya["geometry"].clone())
            .unwrap()
            .try_into()
            .unwrap();
    let outline = match outline {
        geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
        geo::Geometry::MultiPolygon(m) => m,
        other => panic!("{other:?}"),
    };
    let mut areas = 0;
    for feature in layer["features"].as_array().unwrap() {
        let p = &feature["properties"];
        assert!(p["start_date"].as_str().unwrap().ends_with("T00:00:00Z"));
        assert!(p["end_date"].as_str().unwrap().ends_with("T23:59:59Z"));
        if p["layer"] != "area" {
            continue;
        }
        areas += 1;
        let geometry: geo::Geometry<f64> =
            serde_json::from_value::<geojson::Geometry>(feature["geometry"].clone())
                .unwrap()
                .try_into()
                .unwrap();
        let geo::Geometry::MultiPolygon(area) = geometry else {
            panic!("an area is a MultiPolygon");
        };
        let diff = area.difference(&outline);
        let outside = frontline::control::areas::km2(&diff);
        // Rounded to 1 m: a sliver of a fraction of a km² at most.
        assert!(outside < 0.5, "{} km² outside Libya: {p}", outside);
        assert!(area
            .0
            .iter()
            .all(|p: &Polygon<f64>| !p.exterior().0.is_empty()));
    }
    assert!(areas > 10, "{areas} area features");
}

#[test]
fn gains_and_losses_add_up_per_period() {
    let w = Workdir::with_data();
    let out = w.run(&[
        "control", "--every", "month", "--change", "--format", "csv", "--from", "2020-03", "--to",
        "2020-06",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<BTreeMap<String, String>> = reader.deserialize().map(Result::unwrap).collect();
    let value = |r: &BTreeMap<String, String>, k: &str| r[k].parse::<f64>().unwrap();
    let june_gna = rows
        .iter()
        .find(|r| r["start_date"] == "2020-06-01" && r["front"] == "all" && r["side"] == "GNA")
        .expect("a row for the GNA in June 2020");
    assert!(value(june_gna, "gained_km2") > 1000.0, "{june_gna:?}");
    let june_lna = rows
        .iter()
        .find(|r| r["start_date"] == "2020-06-01" && r["front"] == "all" && r["side"] == "LNA")
        .unwrap();
    assert!(value(june_lna, "lost_km2") > 1000.0, "{june_lna:?}");
    let tarhuna = rows
        .iter()
        .find(|r| r["start_date"] == "2020-06-01" && r["front"] == "tarhuna" && r["side"] == "GNA")
        .unwrap();
    assert!(value(tarhuna, "gained_km2") > 100.0, "{tarhuna:?}");
    for r in &rows {
        let net = value(r, "gained_km2") - value(r, "lost_km2");
        assert!((net - value(r, "net_km2")).abs() < 0.11, "{r:?}");
    }
}

#[test]
fn a_bad_control_row_is_reported_with_its_line_and_nothing_is_written() {
    let w = Workdir::with_data();
    let mut text = w.read("data/control.csv");
    text.push_str(
        "CTL0999,2020-02-30,Nowhere,,Libya,,,GNA: Government of National Accord,,seized,,,,\n",
    );
    w.write("data/control.csv", &text);
    let out = w.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let said = stderr(&out);
    for field in ["`date`", "`change`", "`source`", "`location`"] {
        assert!(said.contains(field), "{field}: {said}");
    }
    assert!(said.contains("control.csv:24:"), "{said}");
    assert!(!w.path().join("output").exists());
}
