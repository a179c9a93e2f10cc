//! `frontline query`: events by place, date and kind, from the shipped data and from a plain
//! ACLED-like file, in every output format, with exit codes, errors and the index cache.

mod util;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};
use util::{have_tool, repo, shipped_events, stderr, stdout, Workdir};

/// The fronts inside greater Tripoli (`data/fronts.geojson`), and the city front itself.
const TRIPOLI_FRONTS: [&str; 10] = [
    "tripoli",
    "airport-road",
    "abu-salim",
    "qasr-bin-ghashir",
    "salah-al-din",
    "yarmouk",
    "khallat-al-furjan",
    "ain-zara",
    "wadi-al-rabie",
    "tajoura-mitiga",
];

/// The ACLED-like fixture: ACLED's export columns plus a `front` with names frontline's
/// front areas do not know.
const ACLED_LIKE: &str = "tests/fixtures/query/acled-like.csv";

fn query(w: &Workdir, args: &[&str]) -> Output {
    let mut all = vec!["query"];
    all.extend_from_slice(args);
    w.run(&all)
}

/// The query's stdout, after checking it exited 0.
fn ok(w: &Workdir, args: &[&str]) -> String {
    let out = query(w, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "query {args:?}: {}",
        stderr(&out)
    );
    stdout(&out)
}

/// The selected events as JSON objects, in output order (exit 0 or 1).
fn events(w: &Workdir, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "json"]);
    let out = query(w, &all);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "query {all:?}: {}",
        stderr(&out)
    );
    let v: Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("query {all:?}: not JSON: {e}\n{}", stdout(&out)));
    v.as_array().expect("a JSON array").clone()
}

/// The selected events' ids, in output order.
fn ids(w: &Workdir, args: &[&str]) -> Vec<String> {
    events(w, args).iter().map(id).collect()
}

fn id(event: &Value) -> String {
    event["event_id_cnty"]
        .as_str()
        .expect("event_id_cnty")
        .to_string()
}

fn text<'a>(event: &'a Value, field: &str) -> &'a str {
    event[field].as_str().unwrap_or("")
}

/// The count line on stderr: "frontline: 7 of 250 events within 20 km of مصراتة".
fn count_line(out: &Output) -> String {
    stderr(out)
        .lines()
        .rev()
        .find(|l| l.starts_with("frontline: ") && (l.contains(" of ") || l.contains(" first ")))
        .unwrap_or_else(|| panic!("no count line in:\n{}", stderr(out)))
        .to_string()
}

/// The two numbers of the count line: selected and read.
fn counts(out: &Output) -> (usize, usize) {
    let line = count_line(out);
    let words: Vec<&str> = line.split_whitespace().collect();
    let n = |w: &str| {
        w.parse::<usize>()
            .unwrap_or_else(|_| panic!("count line {line:?}"))
    };
    (n(words[1]), n(words[3]))
}

/// Great-circle kilometres (mean Earth radius, as geo's Haversine).
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().asin()
}

fn lat_lon(event: &Value) -> (f64, f64) {
    (
        event["latitude"].as_f64().expect("latitude"),
        event["longitude"].as_f64().expect("longitude"),
    )
}

fn set(ids: &[String]) -> BTreeSet<String> {
    ids.iter().cloned().collect()
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

/// A scratch folder holding only the ACLED-like fixture (for cache tests: no `data/`).
fn acled_alone() -> Workdir {
    let w = Workdir::default();
    std::fs::copy(repo().join(ACLED_LIKE), w.path().join("acled-like.csv")).unwrap();
    w
}

/// A scratch folder with `data/` (for the gazetteer) and the ACLED-like fixture.
fn acled_with_data() -> Workdir {
    let w = Workdir::with_data();
    std::fs::copy(repo().join(ACLED_LIKE), w.path().join("acled-like.csv")).unwrap();
    w
}

fn names_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

// --- Selecting from the shipped data ---

#[test]
fn the_tripoli_fronts_in_april_2019_hold_the_offensive_and_nothing_from_sirte() {
    let w = Workdir::with_data();
    let mut args = vec!["--from", "2019-04", "--to", "2019-04"];
    for front in TRIPOLI_FRONTS {
        args.extend_from_slice(&["--front", front]);
    }
    let found = events(&w, &args);
    let found_ids: Vec<String> = found.iter().map(id).collect();
    // The offensive, the AFRICOM withdrawal three days on (LBY0001+3d), the arrests of
    // 24–30 April.
    for expected in ["LBY0001", "LBY0002", "LBY0012"] {
        assert!(
            found_ids.iter().any(|i| i == expected),
            "{expected} missing: {found_ids:?}"
        );
    }
    // Reported 1 May: US forces back in Tripoli and Misrata are May events.
    for absent in ["LBY0003", "LBY0004", "LBY0013"] {
        assert!(
            !found_ids.iter().any(|i| i == absent),
            "{absent} in {found_ids:?}"
        );
    }
    for e in &found {
        assert!(
            TRIPOLI_FRONTS.contains(&text(e, "front")),
            "{} is on {}",
            id(e),
            text(e, "front")
        );
        assert_ne!(text(e, "location"), "Sirte", "{}", id(e));
        assert!(
            text(e, "date_start") <= "2019-04-30" && text(e, "date_end") >= "2019-04-01",
            "{} does not touch April 2019",
            id(e)
        );
    }
}

#[test]
fn near_misrata_in_arabic_holds_the_return_of_us_forces_and_every_event_in_the_circle() {
    let w = Workdir::with_data();
    let out = query(
        &w,
        &["--near", "مصراتة", "--radius", "20", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let found: Vec<Value> = serde_json::from_str::<Value>(&stdout(&out))
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let found_ids: BTreeSet<String> = found.iter().map(id).collect();
    assert!(found_ids.contains("LBY0004"), "{found_ids:?}");
    assert_eq!(
        count_line(&out),
        format!(
            "frontline: {} of {} events within 20 km of مصراتة",
            found.len(),
            shipped_events()
        )
    );
    // Every event within the circle and none outside, by the test's own great circle
    // (a few metres of slack either side of the edge).
    let misrata = found.iter().find(|e| id(e) == "LBY0004").unwrap();
    let (lat0, lon0) = lat_lon(misrata);
    for e in events(&w, &[]) {
        let (lat, lon) = lat_lon(&e);
        let d = km(lat0, lon0, lat, lon);
        if d < 19.99 {
            assert!(found_ids.contains(&id(&e)), "{} is {d:.2} km away", id(&e));
        }
        if d > 20.01 {
            assert!(!found_ids.contains(&id(&e)), "{} is {d:.2} km away", id(&e));
        }
    }
}

#[test]
fn near_ain_zara_in_english_and_in_arabic_gives_the_same_events() {
    let w = Workdir::with_data();
    let english = ids(&w, &["--near", "Ain Zara"]);
    let arabic = ids(&w, &["--near", "عين زارة"]);
    assert!(english.iter().any(|i| i == "LBY0111"), "{english:?}");
    assert_eq!(english, arabic);
}

#[test]
fn near_lat_lon_is_latitude_first() {
    let w = Workdir::with_data();
    // Misrata's point as the gazetteer gives it.
    let found = ids(&w, &["--near", "32.37535,15.09254", "--radius", "5"]);
    assert!(found.iter().any(|i| i == "LBY0004"), "{found:?}");
    // The same numbers the other way round are a point in Sudan: nothing there.
    let swapped = query(&w, &["--near", "15.09254,32.37535", "--radius", "5"]);
    assert_eq!(swapped.status.code(), Some(1), "{}", stderr(&swapped));
}

#[test]
fn a_bbox_holds_only_the_points_inside_it() {
    let w = Workdir::with_data();
    let (west, south, east, north) = (15.0, 32.2, 15.3, 32.5);
    let found = events(&w, &["--bbox", "15,32.2,15.3,32.5"]);
    assert!(found.iter().any(|e| id(e) == "LBY0004"));
    let inside: BTreeSet<String> = events(&w, &[])
        .iter()
        .filter(|e| {
            let (lat, lon) = lat_lon(e);
            (west..=east).contains(&lon) && (south..=north).contains(&lat)
        })
        .map(id)
        .collect();
    assert_eq!(found.iter().map(id).collect::<BTreeSet<_>>(), inside);
}

#[test]
fn a_bbox_across_the_antimeridian_finds_nothing_in_libya_and_exits_1_not_2() {
    let w = Workdir::with_data();
    let out = query(&w, &["--bbox", "170,-20,-170,-10", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        count_line(&out),
        format!(
            "frontline: 0 of {} events in 170,-20,-170,-10",
            shipped_events()
        )
    );
    assert_eq!(parse_csv(&stdout(&out)).len(), 1, "only the header");
}

#[test]
fn type_and_sub_type_select_exactly_their_events() {
    let w = Workdir::with_data();
    let all = events(&w, &[]);
    let expect = |field: &str, value: &str| -> BTreeSet<String> {
        all.iter()
            .filter(|e| text(e, field) == value)
            .map(id)
            .collect()
    };
    let battles = set(&ids(&w, &["--type", "Battles"]));
    assert!(!battles.is_empty());
    assert_eq!(battles, expect("event_type", "Battles"));
    let strikes = set(&ids(&w, &["--sub-type", "Air/drone strike"]));
    assert!(!strikes.is_empty());
    assert_eq!(strikes, expect("sub_event_type", "Air/drone strike"));
    // Both: the intersection (strikes are Explosions/Remote violence, not Battles).
    let both = query(&w, &["--type", "Battles", "--sub-type", "Air/drone strike"]);
    assert_eq!(both.status.code(), Some(1), "{}", stderr(&both));
}

#[test]
fn actor_matches_whole_words_whatever_the_case() {
    let w = Workdir::with_data();
    let lna = set(&ids(&w, &["--actor", "LNA"]));
    assert!(!lna.is_empty());
    assert_eq!(set(&ids(&w, &["--actor", "lna"])), lna);
    let expected: BTreeSet<String> = events(&w, &[])
        .iter()
        .filter(|e| {
            ["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"]
                .iter()
                .any(|f| {
                    text(e, f)
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|word| word.eq_ignore_ascii_case("lna"))
                })
        })
        .map(id)
        .collect();
    assert_eq!(lna, expected);
    // "na" is inside "GNA" and "National" but is no word of any actor.
    let out = query(&w, &["--actor", "na"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn a_front_named_in_arabic_is_the_front_by_id() {
    let w = Workdir::with_data();
    let by_id = ids(&w, &["--front", "ain-zara"]);
    assert!(by_id.iter().any(|i| i == "LBY0111"), "{by_id:?}");
    assert_eq!(ids(&w, &["--front", "عين زارة"]), by_id);
    assert_eq!(ids(&w, &["--front", "Ain Zara"]), by_id);
    let tripoli = ids(&w, &["--front", "tripoli"]);
    assert!(!tripoli.is_empty());
    assert_eq!(ids(&w, &["--front", "طرابلس الكبرى"]), tripoli);
}

#[test]
fn dates_within_leaves_out_an_interval_across_the_month_edge_that_overlap_keeps() {
    let w = Workdir::with_data();
    // LBY0149 is 2019-06-30/2019-07-01; LBY0142 (2019-06-16/2019-06-18) and LBY0158
    // (2019-07-27) lie inside their month.
    let cases = [
        ("2019-06", "LBY0149", "LBY0142"),
        ("2019-07", "LBY0149", "LBY0158"),
    ];
    for (month, across, inside) in cases {
        let overlap = ids(&w, &["--from", month, "--to", month, "--dates", "overlap"]);
        let within = ids(&w, &["--from", month, "--to", month, "--dates", "within"]);
        let default = ids(&w, &["--from", month, "--to", month]);
        assert!(
            overlap.iter().any(|i| i == across),
            "{month}: overlap {overlap:?}"
        );
        assert!(
            !within.iter().any(|i| i == across),
            "{month}: within {within:?}"
        );
        assert!(
            within.iter().any(|i| i == inside),
            "{month}: within {within:?}"
        );
        assert!(set(&within).is_subset(&set(&overlap)), "{month}");
        assert_eq!(default, overlap, "{month}: overlap is the default");
    }
}

#[test]
fn sort_newest_first_with_limit_3_gives_the_last_three_events() {
    let w = Workdir::with_data();
    let out = query(&w, &["--sort", "-date", "--limit", "3", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let found: Vec<Value> = serde_json::from_str::<Value>(&stdout(&out))
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(found.len(), 3);
    assert_eq!(counts(&out), (3, shipped_events()));
    let mut starts: Vec<String> = events(&w, &[])
        .iter()
        .map(|e| text(e, "date_start").to_string())
        .collect();
    starts.sort();
    let latest: Vec<String> = starts.iter().rev().take(3).cloned().collect();
    let got: Vec<String> = found
        .iter()
        .map(|e| text(e, "date_start").to_string())
        .collect();
    assert_eq!(got, latest);
}

#[test]
fn sort_date_and_sort_distance_order_every_event() {
    let w = Workdir::with_data();
    let by_date = events(&w, &["--sort", "date"]);
    assert_eq!(by_date.len(), shipped_events());
    let starts: Vec<&str> = by_date.iter().map(|e| text(e, "date_start")).collect();
    assert!(starts.windows(2).all(|p| p[0] <= p[1]), "{starts:?}");

    let near = events(
        &w,
        &[
            "--near",
            "32.37535,15.09254",
            "--radius",
            "300",
            "--sort",
            "distance",
        ],
    );
    assert!(near.len() > 10);
    let d: Vec<f64> = near
        .iter()
        .map(|e| {
            let (lat, lon) = lat_lon(e);
            km(32.37535, 15.09254, lat, lon)
        })
        .collect();
    assert!(d.windows(2).all(|p| p[0] <= p[1] + 1e-6), "{d:?}");
}

#[test]
fn sort_distance_without_near_is_an_error() {
    let w = Workdir::with_data();
    let out = query(&w, &["--sort", "distance"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--sort \"distance\": expected --near"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

// --- Errors ---

#[test]
fn every_bad_filter_exits_2_with_a_message_naming_its_flag() {
    let w = Workdir::with_data();
    w.write(
        "point.geojson",
        r#"{"type":"Point","coordinates":[13.18,32.89]}"#,
    );
    let cases: [(&[&str], &str); 11] = [
        (&["--bbox", "10,30,15,33,1"], "--bbox \"10,30,15,33,1\""),
        (
            &["--from", "2019-06-30", "--to", "2019-06-20"],
            "--to \"2019-06-20\": expected a day on or after --from 2019-06-30",
        ),
        (&["--near", "Atlantis"], "--near \"Atlantis\""),
        (&["--front", "Atlantis"], "--front \"Atlantis\""),
        (&["--from", "2019-13"], "--from \"2019-13\""),
        (&["--to", "2019-02-30"], "--to \"2019-02-30\""),
        (&["--radius", "5"], "--radius: expected --near"),
        (&["--within", "point.geojson"], "--within \"point.geojson\""),
        (&["--data", "missing"], "--data \"missing\""),
        (&["--type", "Skirmish"], "--type \"Skirmish\""),
        (&["--near", "132.8,13.2"], "--near \"132.8,13.2\""),
    ];
    for (args, flag) in cases {
        let out = query(&w, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("frontline: {flag}")),
            "{args:?}: expected a message naming {flag:?}, got:\n{err}"
        );
        assert!(stdout(&out).is_empty(), "{args:?} wrote to stdout");
    }
}

#[test]
fn a_missing_within_file_names_the_flag() {
    let w = Workdir::with_data();
    let out = query(&w, &["--within", "nowhere.geojson"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("--within") && err.contains("nowhere.geojson"),
        "expected a message naming --within and the file, got:\n{err}"
    );
}

#[test]
fn a_bad_events_file_lists_every_bad_row_with_its_line_and_leaves_no_output() {
    let w = Workdir::with_data();
    let header = "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,actor2,iso,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities";
    let rows = [
        header,
        // Physical lines 2–3: one record with a newline in its notes.
        "LBY9501,2019-06-26,2019,1,Battles,Armed clash,LNA: Libyan National Army (Haftar),GNA: Government of National Accord,434,Libya,Jabal al Gharbi,Gharyan,32.1722,13.0203,1,Reuters,\"two\nlines\",0",
        "LBY9502,2019-06-31,2019,1,Battles,Armed clash,LNA: Libyan National Army (Haftar),GNA: Government of National Accord,434,Libya,Jabal al Gharbi,Gharyan,32.1722,13.0203,1,Reuters,bad day,0",
        "LBY9503,2019-06-27,2019,1,Battles,Armed clash,LNA: Libyan National Army (Haftar),GNA: Government of National Accord,434,Libya,Jabal al Gharbi,Gharyan,32.1722,13.0203,1,Reuters,fine,0",
        "LBY9504,2019-06-28,2019,1,Battles,Armed clash,LNA: Libyan National Army (Haftar),GNA: Government of National Accord,434,Libya,Jabal al Gharbi,Gharyan,95.5,13.0203,1,Reuters,bad latitude,0",
    ];
    w.write("bad.csv", &(rows.join("\n") + "\n"));
    let before = names_in(w.path());
    let out = query(&w, &["--data", "bad.csv", "-o", "out.geojson"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    for line in [
        "bad.csv:4: field `event_date` has \"2019-06-31\"",
        "bad.csv:6: field `latitude` has \"95.5\"",
    ] {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    assert!(
        !w.path().join("out.geojson").exists(),
        "out.geojson was left behind"
    );
    let left: Vec<String> = names_in(w.path()).difference(&before).cloned().collect();
    assert!(
        !left
            .iter()
            .any(|n| n.starts_with(".frontline-") && n.ends_with(".tmp")),
        "temporary files left behind: {left:?}"
    );
    // To standard output nothing at all, not a header before the error.
    let out = query(&w, &["--data", "bad.csv", "--format", "geojson"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
}

// --- Exit codes ---

#[test]
fn exit_0_with_matches_and_1_with_none_and_the_count_line_says_so() {
    let w = Workdir::with_data();
    let out = query(&w, &["--type", "Battles", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (selected, read) = counts(&out);
    assert_eq!(read, shipped_events());
    assert!(selected > 0);
    assert_eq!(parse_csv(&stdout(&out)).len(), selected + 1);

    let out = query(&w, &["--sub-type", "Chemical weapon", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        count_line(&out),
        format!(
            "frontline: 0 of {} events of sub-type Chemical weapon",
            shipped_events()
        )
    );
    assert_eq!(parse_csv(&stdout(&out)).len(), 1, "only the header");
}

// --- Formats ---

/// A selection of a few events across both files and the seed, including an anchored one.
const SELECTION: [&str; 6] = ["--front", "tripoli", "--from", "2019-04", "--to", "2019-05"];

#[test]
fn geojson_has_one_feature_per_event_with_start_and_end_dates() {
    let w = Workdir::with_data();
    let mut args = SELECTION.to_vec();
    args.extend_from_slice(&["-o", "selection.geojson"]);
    let out = query(&w, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "-o writes nothing to stdout");
    let (selected, _) = counts(&out);
    let v: Value = serde_json::from_str(&w.read("selection.geojson")).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    assert_eq!(features.len(), selected);
    let mut seen = BTreeSet::new();
    for f in features {
        let p = &f["properties"];
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["id"], p["event_id_cnty"]);
        assert!(seen.insert(id(p)), "{} twice", id(p));
        // RFC 7946: [longitude, latitude].
        assert_eq!(f["geometry"]["type"], "Point");
        assert_eq!(f["geometry"]["coordinates"][0], p["longitude"]);
        assert_eq!(f["geometry"]["coordinates"][1], p["latitude"]);
        let (start, end) = (text(p, "start_date"), text(p, "end_date"));
        assert_eq!(
            start,
            format!("{}T00:00:00Z", text(p, "date_start")),
            "{}",
            id(p)
        );
        assert_eq!(
            end,
            format!("{}T23:59:59Z", text(p, "date_end")),
            "{}",
            id(p)
        );
    }
    let africom = features
        .iter()
        .find(|f| f["id"] == "LBY0002")
        .expect("LBY0002, anchored at LBY0001+3d");
    assert_eq!(africom["properties"]["start_date"], "2019-04-07T00:00:00Z");
    // An event known only to its week: the first day's start to the last day's end.
    let week = events(
        &w,
        &[
            "--from",
            "2019-04-24",
            "--to",
            "2019-04-30",
            "--dates",
            "within",
        ],
    );
    let strikes = week.iter().find(|e| id(e) == "LBY0125").expect("LBY0125");
    assert_eq!(
        (strikes["start_date"].as_str(), strikes["end_date"].as_str()),
        (Some("2019-04-24T00:00:00Z"), Some("2019-04-30T23:59:59Z"))
    );
}

#[test]
fn json_ndjson_csv_and_table_read_back_with_the_same_events() {
    let w = Workdir::with_data();
    let run = |extra: &[&str]| -> String {
        let mut args = SELECTION.to_vec();
        args.extend_from_slice(extra);
        ok(&w, &args)
    };
    let v: Value = serde_json::from_str(&{
        run(&["-o", "s.geojson"]);
        w.read("s.geojson")
    })
    .unwrap();
    let expected: Vec<String> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| id(&f["properties"]))
        .collect();
    assert!(expected.len() > 3);

    run(&["-o", "s.json"]);
    let json: Value = serde_json::from_str(&w.read("s.json")).unwrap();
    let json_ids: Vec<String> = json.as_array().expect("an array").iter().map(id).collect();
    assert_eq!(json_ids, expected, "json");

    run(&["-o", "s.ndjson"]);
    let ndjson = w.read("s.ndjson");
    let nd_ids: Vec<String> = ndjson
        .lines()
        .map(|l| {
            let o: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            assert!(o.is_object(), "{l}");
            id(&o)
        })
        .collect();
    assert_eq!(nd_ids, expected, "ndjson");

    run(&["-o", "s.csv"]);
    let rows = parse_csv(&w.read("s.csv"));
    // A data folder's CSV has frontline's own columns, as data/events/*.csv do.
    let seed = std::fs::read_to_string(repo().join("data/events/seed-2019-05-01.csv")).unwrap();
    assert_eq!(rows[0], parse_csv(&seed)[0], "csv columns");
    let csv_ids: Vec<String> = rows[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(csv_ids, expected, "csv");

    let table = run(&["--format", "table"]);
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["date", "place", "front", "type", "actors", "fatalities"]
    );
    assert_eq!(lines.count(), expected.len(), "table rows\n{table}");
}

#[test]
fn ogrinfo_reads_the_geojson_and_the_csv_query_writes() {
    if !have_tool("ogrinfo", "GDAL reads the files query writes") {
        return;
    }
    let w = Workdir::with_data();
    for file in ["all.geojson", "all.csv"] {
        let out = query(&w, &["-o", file]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let (selected, _) = counts(&out);
        let info = Command::new("ogrinfo")
            .args(["-ro", "-al", "-so", file])
            .current_dir(w.path())
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&info.stdout);
        assert!(
            info.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&info.stderr)
        );
        assert!(
            report.contains(&format!("Feature Count: {selected}")),
            "{file}: expected {selected} features\n{report}"
        );
        if file.ends_with(".geojson") {
            assert!(report.contains("start_date: DateTime"), "{report}");
            assert!(report.contains("end_date: DateTime"), "{report}");
        }
    }
}

// --- A plain ACLED-like file ---

#[test]
fn a_plain_acled_file_comes_back_as_written_in_csv() {
    let w = acled_alone();
    let out = query(&w, &["--data", "acled-like.csv", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = parse_csv(&w.read("acled-like.csv"));
    let back = parse_csv(&stdout(&out));
    assert!(written.len() > 10);
    assert_eq!(back[0], written[0], "the header");
    assert_eq!(back.len(), written.len());
    for (b, r) in back.iter().zip(&written).skip(1) {
        assert_eq!(b, r, "row {}", r[0]);
    }
}

#[test]
fn a_plain_acled_file_keeps_every_column_in_geojson() {
    let w = acled_alone();
    let out = query(&w, &["--data", "acled-like.csv", "--format", "geojson"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let written = parse_csv(&w.read("acled-like.csv"));
    let header = &written[0];
    let features = v["features"].as_array().unwrap();
    assert_eq!(features.len(), written.len() - 1);
    // frontline names ACLED's precision codes in words (ACLED codebook: time 1 day,
    // 2 week, 3 month; geo 1 exact, 2 near, 3 region).
    let words = |column: &str, code: &str| -> Option<&'static str> {
        match (column, code) {
            ("time_precision", "1") => Some("day"),
            ("time_precision", "2") => Some("week"),
            ("time_precision", "3") => Some("month"),
            ("geo_precision", "1") => Some("exact"),
            ("geo_precision", "2") => Some("near"),
            ("geo_precision", "3") => Some("admin1"),
            _ => None,
        }
    };
    for (f, row) in features.iter().zip(&written[1..]) {
        let p = &f["properties"];
        for (column, value) in header.iter().zip(row) {
            let got = &p[column.as_str()];
            let same = match got {
                Value::Null => value.is_empty(),
                Value::String(s) => s == value || words(column, value).is_some_and(|w| w == s),
                Value::Number(n) => value.parse::<f64>().is_ok_and(|x| n.as_f64() == Some(x)),
                Value::Bool(b) => value.parse::<bool>() == Ok(*b),
                other => panic!("{} {column}: wrote {value:?}, got {other}", row[0]),
            };
            assert!(same, "{} {column}: wrote {value:?}, got {got}", row[0]);
        }
    }
    let by_id = |i: &str| &features.iter().find(|f| f["id"] == i).unwrap()["properties"];
    // Week precision: the day ACLED wrote, in the ISO week Monday 8 – Sunday 14 April.
    let week = by_id("LBY9302");
    assert_eq!(
        (
            week["event_date"].as_str(),
            week["start_date"].as_str(),
            week["end_date"].as_str()
        ),
        (
            Some("2019-04-10"),
            Some("2019-04-08T00:00:00Z"),
            Some("2019-04-14T23:59:59Z")
        )
    );
    let month = by_id("LBY9303");
    assert_eq!(
        (
            month["event_date"].as_str(),
            month["start_date"].as_str(),
            month["end_date"].as_str()
        ),
        (
            Some("2019-04-20"),
            Some("2019-04-01T00:00:00Z"),
            Some("2019-04-30T23:59:59Z")
        )
    );
    assert!(text(by_id("LBY9304"), "notes").contains("Tripoli;\ntwo lines"));
}

#[test]
fn a_front_only_the_data_names_selects_its_rows() {
    let w = acled_alone();
    let written = parse_csv(&w.read("acled-like.csv"));
    let front = written[0].iter().position(|c| c == "front").unwrap();
    let expected: Vec<String> = written[1..]
        .iter()
        .filter(|r| r[front] == "South Tripoli")
        .map(|r| r[0].clone())
        .collect();
    assert!(expected.len() >= 2);
    let out = query(
        &w,
        &[
            "--data",
            "acled-like.csv",
            "--front",
            "South Tripoli",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got: Vec<String> = parse_csv(&stdout(&out))[1..]
        .iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(got, expected);
    assert!(count_line(&out).contains("on the South Tripoli front"));
}

#[test]
fn dates_recorded_compares_the_day_acled_wrote() {
    let w = acled_alone();
    // LBY9302: week precision, written 2019-04-10 (Wednesday), the week 8–14 April.
    let has = |from: &str, to: &str, mode: &str| -> bool {
        let out = query(
            &w,
            &[
                "--data",
                "acled-like.csv",
                "--from",
                from,
                "--to",
                to,
                "--dates",
                mode,
                "--format",
                "csv",
            ],
        );
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
        parse_csv(&stdout(&out)).iter().any(|r| r[0] == "LBY9302")
    };
    assert!(has("2019-04-11", "2019-04-30", "overlap"));
    assert!(!has("2019-04-11", "2019-04-30", "recorded"));
    assert!(!has("2019-04-11", "2019-04-30", "within"));
    assert!(has("2019-04-01", "2019-04-10", "recorded"));
    assert!(!has("2019-04-01", "2019-04-10", "within"));
    assert!(has("2019-04-08", "2019-04-14", "within"));
}

#[test]
fn the_second_query_reads_the_cached_index_and_writes_the_same_bytes() {
    let w = acled_alone();
    for args in [
        &["--format", "csv", "--from", "2019"][..],
        &["--format", "geojson", "--front", "East Tripoli"],
        &["--format", "ndjson", "--from", "2019-04", "--to", "2019-06"],
    ] {
        std::fs::remove_dir_all(w.path().join(".frontline-cache")).ok();
        let mut all = vec!["--data", "acled-like.csv"];
        all.extend_from_slice(args);
        let first = query(&w, &all);
        assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
        assert!(!stderr(&first).contains("cached"), "{}", stderr(&first));
        assert!(
            w.path()
                .join(".frontline-cache/acled-like.csv.index")
                .is_file(),
            "{args:?}: no index was kept"
        );
        let second = query(&w, &all);
        assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
        assert!(
            count_line(&second).ends_with("(from the cached index)"),
            "{args:?}: {}",
            stderr(&second)
        );
        assert!(
            first.stdout == second.stdout,
            "{args:?}: the cached answer differs"
        );
        assert_eq!(counts(&first), counts(&second));
    }
}

#[test]
fn appending_a_row_invalidates_the_cached_index() {
    let w = acled_alone();
    // A query of every row reads the file straight through; one with a filter uses the index.
    let args = [
        "--data",
        "acled-like.csv",
        "--format",
        "csv",
        "--from",
        "2019",
    ];
    let first = query(&w, &args);
    assert_eq!(counts(&first), (12, 12));
    assert!(count_line(&query(&w, &args)).ends_with("(from the cached index)"));
    let mut text = w.read("acled-like.csv");
    text.push_str("LBY9313,2020-06-05,2020,1,Political violence,Battles,Armed clash,GNA: Government of National Accord,,1,LNA: Libyan National Army (Haftar),,2,12,,434,Northern Africa,Libya,Murqub,Tarhuna,,Tarhuna,32.4350,13.6332,1,Reuters,International,Appended after the index was kept.,0,,1700000000,Tarhuna Front\n");
    w.write("acled-like.csv", &text);
    let after = query(&w, &args);
    assert_eq!(after.status.code(), Some(0), "{}", stderr(&after));
    assert!(!count_line(&after).contains("cached"), "{}", stderr(&after));
    // Said, not hidden: the stale cache is a note on stderr, never an error.
    assert!(
        stderr(&after).contains("is stale (the events file changed); rebuilding it"),
        "{}",
        stderr(&after)
    );
    assert_eq!(counts(&after), (13, 13));
    let rows = parse_csv(&stdout(&after));
    assert_eq!(rows.last().unwrap()[0], "LBY9313");
    let notes = rows[0].iter().position(|c| c == "notes").unwrap();
    assert_eq!(
        rows.last().unwrap()[notes],
        "Appended after the index was kept."
    );
    let again = query(&w, &args);
    assert!(count_line(&again).ends_with("(from the cached index)"));
    assert!(again.stdout == after.stdout);
}

#[test]
fn no_cache_leaves_no_cache_folder_and_the_same_answer() {
    let w = acled_alone();
    let cached = query(&w, &["--data", "acled-like.csv", "--format", "csv"]);
    std::fs::remove_dir_all(w.path().join(".frontline-cache")).unwrap();
    let out = query(
        &w,
        &["--data", "acled-like.csv", "--format", "csv", "--no-cache"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!w.path().join(".frontline-cache").exists());
    assert!(out.stdout == cached.stdout);
}

#[test]
fn no_cache_does_not_read_a_cached_index_either() {
    let w = acled_alone();
    let args = ["--data", "acled-like.csv", "--format", "csv"];
    query(&w, &args);
    assert!(w.path().join(".frontline-cache").is_dir());
    let out = query(&w, &[&args[..], &["--no-cache"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!count_line(&out).contains("cached"), "{}", stderr(&out));
}

#[test]
fn limit_caps_a_plain_csv_on_its_first_read() {
    let w = acled_alone();
    // No cached index yet: the rows are read in one pass that the limit must stop.
    let out = query(
        &w,
        &[
            "--data",
            "acled-like.csv",
            "--limit",
            "5",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = parse_csv(&stdout(&out));
    let got: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        got,
        ["LBY9301", "LBY9302", "LBY9303", "LBY9304", "LBY9305"],
        "{}",
        stderr(&out)
    );
    // Reading stopped at the limit, so the count line gives no total.
    assert_eq!(count_line(&out), "frontline: the first 5 events");
}

// --- Determinism ---

#[test]
fn the_same_query_twice_gives_identical_bytes() {
    let w = acled_with_data();
    for args in [
        &["--format", "geojson"][..],
        &[
            "--format", "csv", "--near", "Tripoli", "--radius", "50", "--sort", "distance",
        ],
        &["--format", "ndjson", "--actor", "LNA", "--sort", "-date"],
        &[
            "--data",
            "acled-like.csv",
            "--format",
            "geojson",
            "--no-cache",
        ],
        &[
            "--data",
            "data",
            "--data",
            "acled-like.csv",
            "--format",
            "csv",
            "--no-cache",
        ],
    ] {
        let a = query(&w, args);
        let b = query(&w, args);
        assert_eq!(a.status.code(), Some(0), "{args:?}: {}", stderr(&a));
        assert!(!a.stdout.is_empty());
        assert!(a.stdout == b.stdout, "{args:?} gave different bytes");
    }
}

// --- Regressions ---

#[test]
fn csv_output_keeps_an_empty_first_cell() {
    // The first row's separator was stripped as if it were a JSON array's comma, so an
    // empty first cell vanished and the row shifted under the header.
    let w = Workdir::with_data();
    let header = "notes,event_id_cnty,event_date,event_type,sub_event_type,actor1,country,location,latitude,longitude,source";
    let rows = [
        ",LBY9001,2019-05-01,Battles,Armed clash,LNA,Libya,Tripoli,32.88,13.19,Reuters",
        "\"a, quoted note\",LBY9002,2019-05-02,Battles,Armed clash,LNA,Libya,Tripoli,32.88,13.19,Reuters",
    ];
    w.write(
        "first-empty.csv",
        &format!("{header}\n{}\n", rows.join("\n")),
    );
    let out = ok(
        &w,
        &["--data", "first-empty.csv", "--format", "csv", "--no-cache"],
    );
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let got: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(reader.headers().unwrap().iter().next(), Some("notes"));
    assert_eq!(got.len(), 2);
    assert_eq!(&got[0][0], "", "the empty first cell is kept");
    assert_eq!(&got[0][1], "LBY9001");
    assert_eq!(&got[1][0], "a, quoted note");
}

/// Runs `frontline ARGS` with its output read by a reader that stops after one line.
fn closed_after_one_line(w: &Workdir, args: &[&str]) -> Output {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .current_dir(w.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // The reader goes away (as `head -1` does) with most of the output unread.
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_is_success_not_an_error() {
    // `query … | head` exited 1 and `export csv -o - | head` exited 2 with "Broken pipe".
    let w = Workdir::with_data();
    for args in [
        &["query", "--format", "geojson"][..],
        &["query", "--format", "csv"],
        &["export", "csv", "-o", "-"],
        &["export", "geojson", "-o", "-"],
    ] {
        let out = closed_after_one_line(&w, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("Broken pipe"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

mod csv_round_trip {
    //! `query --format csv` gives back every row of any file cell for cell: empty cells in
    //! any column, quotes, commas, line ends and Arabic in fields, columns in any order.

    use super::*;
    use proptest::prelude::*;

    /// Free text as a user's spreadsheet holds it: empty, or with commas, quotes, line ends,
    /// apostrophes and Arabic.
    fn free_text() -> impl Strategy<Value = String> {
        prop::string::string_regex("[a-z ,\"'\n\r\u{0621}-\u{064A}\u{064B}-]{0,12}").unwrap()
    }

    /// Text that is never blank (a required field).
    fn named(first: &'static str) -> impl Strategy<Value = String> {
        free_text().prop_map(move |t| format!("{first}{t}"))
    }

    /// One valid row of the generated columns.
    fn row(columns: Vec<String>) -> impl Strategy<Value = Vec<String>> {
        let cells: Vec<BoxedStrategy<String>> = columns
            .iter()
            .map(|c| match c.as_str() {
                "event_id_cnty" => Just(String::new()).boxed(), // numbered below
                "event_date" => (2019i32..=2020, 1u32..=12, 1u32..=28)
                    .prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
                    .boxed(),
                "event_type" => Just("Battles".to_string()).boxed(),
                "sub_event_type" => Just("Armed clash".to_string()).boxed(),
                "actor1" => named("A").boxed(),
                "country" => Just("Libya".to_string()).boxed(),
                "location" => named("L").boxed(),
                "source" => named("S").boxed(),
                "latitude" => (25.0f64..33.0).prop_map(|v| format!("{v:.4}")).boxed(),
                "longitude" => (10.0f64..25.0).prop_map(|v| format!("{v:.4}")).boxed(),
                _ => free_text().boxed(),
            })
            .collect();
        cells
    }

    /// A file's columns (the required ones, some optional and unknown ones, in any order)
    /// and its rows.
    fn file() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
        let required = [
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
        ];
        let optional = [
            "notes",
            "headline",
            "headline_ar",
            "assoc_actor_1",
            "admin1",
            "x_comment",
            "x_ref",
        ];
        (
            prop::sample::subsequence(optional.to_vec(), 0..=optional.len()),
            any::<u64>(),
        )
            .prop_flat_map(move |(chosen, seed)| {
                let mut columns: Vec<String> = required
                    .iter()
                    .chain(&chosen)
                    .map(|c| c.to_string())
                    .collect();
                // A fixed shuffle per case: any column may come first.
                let n = columns.len();
                let mut s = seed;
                for i in (1..n).rev() {
                    s = s
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    columns.swap(i, (s >> 33) as usize % (i + 1));
                }
                let rows = prop::collection::vec(row(columns.clone()), 1..20);
                (Just(columns), rows)
            })
            .prop_map(|(columns, mut rows)| {
                let id = columns.iter().position(|c| c == "event_id_cnty").unwrap();
                for (i, r) in rows.iter_mut().enumerate() {
                    r[id] = format!("E{i}");
                }
                (columns, rows)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn query_csv_gives_back_every_row_cell_for_cell((columns, rows) in file()) {
            let w = Workdir::default();
            let mut writer = csv::Writer::from_path(w.path().join("events.csv")).unwrap();
            writer.write_record(&columns).unwrap();
            for r in &rows {
                writer.write_record(r).unwrap();
            }
            writer.flush().unwrap();
            drop(writer);
            let out = query(&w, &["--data", "events.csv", "--format", "csv", "--no-cache"]);
            prop_assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
            let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
            prop_assert_eq!(&header, &columns);
            let back: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(String::from).collect())
                .collect();
            prop_assert_eq!(back, rows);
        }
    }
}

#[test]
fn a_large_file_s_implausible_rows_are_refused_as_validate_refuses_them() {
    // The same checks as `validate`, on every row of a file read row by row: a point
    // outside its country (latitude and longitude swapped) and a date after its report.
    let w = Workdir::with_data();
    let header = "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,location,latitude,longitude,source,published";
    let rows = [
        "LBY9101,2019-05-02,Battles,Armed clash,LNA,Libya,Tripoli,32.88,13.19,Reuters,2019-05-02",
        "LBY9102,2019-05-02,Battles,Armed clash,LNA,Libya,Tripoli,13.19,32.88,Reuters,2019-05-02",
        "LBY9103,2019-05-09,Battles,Armed clash,LNA,Libya,Tripoli,32.88,13.19,Reuters,2019-05-02",
    ];
    w.write("rows.csv", &format!("{header}\n{}\n", rows.join("\n")));
    let out = query(&w, &["--data", "rows.csv", "--no-cache", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("rows.csv:3: field `latitude`"), "{err}");
    assert!(err.contains("[error outside-country]"), "{err}");
    assert!(err.contains("rows.csv:4: field `event_date`"), "{err}");
    assert!(err.contains("[error after-report]"), "{err}");
    assert!(stdout(&out).is_empty(), "nothing is written");
}

#[test]
fn claim_selects_claimed_and_disputed_events_and_says_so() {
    let w = Workdir::with_data();
    let all = events(&w, &[]);
    for status in ["confirmed", "claimed", "disputed"] {
        let expected: Vec<String> = all
            .iter()
            .filter(|e| text(e, "claim_status") == status)
            .map(id)
            .collect();
        assert!(!expected.is_empty(), "the shipped data has {status} events");
        assert_eq!(ids(&w, &["--claim", status]), expected, "{status}");
    }
    let out = query(
        &w,
        &[
            "--claim", "claimed", "--claim", "disputed", "--format", "csv",
        ],
    );
    assert!(
        count_line(&out).ends_with("events that are claimed or disputed"),
        "{}",
        count_line(&out)
    );
    assert!(ids(&w, &["--claim", "disputed"]).contains(&"LBY0003".to_string()));
}
