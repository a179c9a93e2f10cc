//! `frontline geocode`: the winner, the candidates and why, in Arabic and Latin script.

mod util;

use serde_json::Value;
use util::{stdout, Workdir};

fn geocode(args: &[&str]) -> (Option<i32>, Value) {
    let w = Workdir::with_data();
    let mut all = vec!["geocode", "--format", "json"];
    all.extend_from_slice(args);
    let out = w.run(&all);
    (
        out.status.code(),
        serde_json::from_str(&stdout(&out)).expect("JSON on stdout"),
    )
}

#[test]
fn arabic_and_latin_spellings_reach_the_same_place() {
    let (code, v) = geocode(&[
        "--country",
        "LY",
        "طرابلس",
        "Tripoli",
        "مصراتة",
        "Misurata",
        "Misratah",
        "عين زارة",
        "Ain Zara",
        "الخلة",
        "اليرموك",
        "صلاح الدين",
        "السبيعة",
        "ترهونة",
        "تاجوراء",
    ]);
    assert_eq!(code, Some(0), "{v:#}");
    let items = v.as_array().unwrap();
    assert_eq!(items[0]["geonameid"], items[1]["geonameid"]);
    assert_eq!(items[2]["geonameid"], items[3]["geonameid"]);
    assert_eq!(items[2]["geonameid"], items[4]["geonameid"]);
    assert_eq!(items[5]["geonameid"], items[6]["geonameid"]);
    for item in items {
        let from_front = item["geonameid"]
            .as_str()
            .is_some_and(|id| id.starts_with("front:"));
        assert!(item["country"] == "LY" || from_front, "{item:#}");
        for field in [
            "query",
            "name",
            "latitude",
            "longitude",
            "geonameid",
            "geo_precision",
            "candidates",
        ] {
            assert!(!item[field].is_null(), "{field} in {item:#}");
        }
        let (lat, lon) = (
            item["latitude"].as_f64().unwrap(),
            item["longitude"].as_f64().unwrap(),
        );
        assert!(
            (19.0..34.0).contains(&lat) && (9.0..26.0).contains(&lon),
            "{item:#}"
        );
    }
    // Tripoli's fronts lie within 45 km of the city centre (al-Sbeaa is the farthest).
    for item in &items[5..11] {
        let (lat, lon) = (
            item["latitude"].as_f64().unwrap(),
            item["longitude"].as_f64().unwrap(),
        );
        assert!(
            (lat - 32.89).abs() < 0.45 && (lon - 13.19).abs() < 0.3,
            "{item:#}"
        );
    }
}

#[test]
fn arabic_letter_variants_fold() {
    let (_, v) = geocode(&["مِصْرَاتَة", "مصراته", "طـرابـلـس"]);
    let items = v.as_array().unwrap();
    assert_eq!(items[0]["geonameid"], items[1]["geonameid"]);
    assert!(items[2]["error"].is_null(), "{v:#}");
}

#[test]
fn an_unknown_name_is_told_with_suggestions_and_exit_1() {
    let (code, v) = geocode(&["Gharyanz", "Tripoli"]);
    assert_eq!(code, Some(1), "nothing matched, as grep");
    let miss = &v[0];
    assert_eq!(miss["query"], "Gharyanz");
    assert!(
        miss["error"].as_str().unwrap().contains("did you mean"),
        "{miss:#}"
    );
    assert!(
        miss["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().contains("Gharyan")),
        "{miss:#}"
    );
    assert!(v[1]["error"].is_null());
}

#[test]
fn the_table_says_why_the_winner_won() {
    let w = Workdir::with_data();
    let out = w.run(&["geocode", "Misurata"]);
    let text = stdout(&out);
    assert!(text.contains("why:"), "{text}");
    assert!(text.contains("[2214846] GeoNames"), "{text}");
    assert!(text.contains("more populous"), "{text}");
}

#[test]
fn a_front_the_gazetteer_lacks_is_placed_at_its_area_and_says_so() {
    let (code, v) = geocode(&["اليرموك", "Airport Road"]);
    assert_eq!(code, Some(0), "{v:#}");
    for item in v.as_array().unwrap() {
        assert!(
            item["geonameid"].as_str().unwrap().starts_with("front:"),
            "{item:#}"
        );
        assert_eq!(item["geo_precision"], "near");
        assert!(item["reason"]
            .as_str()
            .unwrap()
            .contains("not in the gazetteer"));
    }
}
