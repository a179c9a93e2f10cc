//! `frontline validate`: every problem of a broken copy of data/, with file, line, field.

mod util;

use util::{stderr, Workdir};

const HEADER: &str = "event_id_cnty,event_date,anchor,event_type,sub_event_type,actor1,country,location,latitude,longitude,front,fatalities,fatalities_low,source";

#[test]
fn the_shipped_data_is_valid_and_has_no_unreviewed_warning() {
    let w = Workdir::with_data();
    let out = w.run(&["validate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("no problems"));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

/// Columns of the plausibility fixtures.
const PLAUSIBLE: &str =
    "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,location,latitude,longitude,geo_precision,front,source,published";

#[test]
fn implausible_rows_are_refused_with_the_numbers() {
    let w = Workdir::with_data();
    let rows = [
        PLAUSIBLE,
        // Tripoli's latitude and longitude swapped: a point in Chad, not in Libya.
        "BAD0101,2019-05-02,Battles,Armed clash,LNA,Libya,Tripoli,13.19,32.88,exact,,Reuters,2019-05-02",
        // A clash the day after the only report of it.
        "BAD0102,2019-05-03,Battles,Armed clash,LNA,Libya,Gharyan,,,,,Reuters,2019-05-02",
    ];
    w.write("data/events/implausible.csv", &(rows.join("\n") + "\n"));
    let out = w.run(&["validate"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    for line in [
        "implausible.csv:2: field `latitude` has \"13.1900, 32.8800\": expected a point in Libya",
        "with latitude and longitude swapped it would be inside",
        "[error outside-country]",
        "implausible.csv:3: field `event_date` has \"2019-05-03\": expected a date no later than its first report (Reuters, published 2019-05-02)",
        "[error after-report]",
    ] {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    // build refuses the same data, and writes nothing.
    let out = w.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!w.path().join("output").exists());
}

#[test]
fn doubtful_rows_are_warned_about_until_a_person_reviews_them() {
    let w = Workdir::with_data();
    let rows = [
        PLAUSIBLE,
        // The al-Jufra district's point called exact: a base is not a district.
        "WRN0001,2019-05-02,Explosions/Remote violence,Air/drone strike,LNA,Libya,Jufra,,,exact,,Reuters,2019-05-02",
        // Gharyan written on the Misrata front, 180 km away.
        "WRN0002,2019-05-02,Battles,Armed clash,LNA,Libya,Gharyan,,,,misrata,Reuters,2019-05-02",
        // A point 60 km from the place it names, said to be exact.
        "WRN0003,2019-05-02,Battles,Armed clash,LNA,Libya,Gharyan,32.70,13.20,exact,,Reuters,2019-05-02",
        // Government forces regaining territory, with no government actor.
        "WRN0004,2019-05-02,Battles,Government regains territory,LNA: Libyan National Army (Haftar),Libya,Gharyan,,,,,Reuters,2019-05-02",
        // A clash placed 14 km out at sea off Tripoli.
        "WRN0005,2019-05-02,Battles,Armed clash,LNA,Libya,Tripoli,33.03,13.19,near,,Reuters,2019-05-02",
    ];
    w.write("data/events/doubtful.csv", &(rows.join("\n") + "\n"));
    let out = w.run(&["validate"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings do not fail: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    for line in [
        "doubtful.csv:2: field `geo_precision` has \"exact\"",
        "[warning coarse-place]",
        "doubtful.csv:3: field `front` has \"misrata\"",
        "[warning outside-front]",
        "doubtful.csv:4: field `latitude` has \"32.7000, 13.2000\"",
        "[warning far-from-place]",
        "doubtful.csv:5: field `sub_event_type` has \"Government regains territory\"",
        "[warning actor-role]",
        "doubtful.csv:6: field `latitude` has \"33.0300, 13.1900\"",
        "[warning at-sea]",
        "5 warnings to look at",
    ] {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    // Reviewed warnings are silent; a review that silences nothing is itself said.
    w.write(
        "data/reviewed.csv",
        "event_id_cnty,check,reason\n\
         WRN0001,coarse-place,the report names only al-Jufra\n\
         WRN0002,outside-front,the source names the Misrata front\n\
         WRN0003,far-from-place,reported near the town's southern edge\n\
         WRN0004,actor-role,coded as the source has it\n\
         WRN0005,at-sea,a naval clash\n\
         WRN0009,actor-role,an event since removed\n",
    );
    let out = w.run(&["validate"]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(!err.contains("[warning coarse-place]"), "{err}");
    assert!(err.contains("reviewed.csv:7"), "{err}");
    assert!(err.contains("stale-review"), "{err}");
    assert!(err.contains("1 warning to look at"), "{err}");
    // An error can't be reviewed away, and a review says why.
    w.write(
        "data/reviewed.csv",
        "event_id_cnty,check,reason\nWRN0001,after-report,no\nWRN0002,outside-front,\n",
    );
    let out = w.run(&["validate"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("reviewed.csv:2: field `check` has \"after-report\""),
        "{err}"
    );
    assert!(
        err.contains("reviewed.csv:3: field `reason` is empty"),
        "{err}"
    );
}

#[test]
fn a_broken_copy_gets_every_problem_listed_with_its_line_and_exit_2() {
    let w = Workdir::with_data();
    let rows = [
        HEADER,
        "BAD0001,2019-04-31,,Battles,Armed clash,LNA,Libya,Gharyan,,,,,,Reuters",
        "BAD0002,,BAD0003+1d,Battles,Armed clash,LNA,Libya,Gharyan,,,,,,Reuters",
        "BAD0003,,BAD0002+1d,Battles,Armed clash,LNA,Libya,Gharyan,,,,,,Reuters",
        "BAD0004,2019-05-02,LBY0001+3d,Battles,Armed clash,LNA,Libya,Gharyan,,,,,,Reuters",
        "BAD0005,2019-05-02,,Battles,Air/drone strike,LNA,Libya,Gharyan,,,,,,Reuters",
        "BAD0006,2019-05-02,,Battles,Armed clash,LNA,Libya,Gharyaan City,,,,,,Reuters",
        "BAD0007,2019-05-02,,Battles,Armed clash,LNA,Libya,Tripoli,95.1,13.2,,,,Reuters",
        "BAD0008,2019-05-02,,Battles,Armed clash,LNA,Libya,Tripoli,,,Benghazi front,,,Reuters",
        "BAD0009,2019-05-02,,Battles,Armed clash,LNA,Libya,Tripoli,,,,3,5,Reuters",
        "LBY0001,2019-05-02,,Battles,Armed clash,LNA,Libya,Tripoli,,,,,,Reuters",
    ];
    w.write("data/events/broken.csv", &(rows.join("\n") + "\n"));
    let out = w.run(&["validate"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let expect = [
        "broken.csv:2: field `event_date` has \"2019-04-31\"",
        "broken.csv:3: field `anchor` has \"BAD0003+1d\": expected an anchor chain that ends at a dated event, not a cycle (BAD0002 → BAD0003 → BAD0002)",
        "broken.csv:4: field `anchor` has \"BAD0002+1d\"",
        "broken.csv:5: field `event_date` has \"2019-05-02\": expected 2019-04-07, the date anchor LBY0001+3d gives",
        "broken.csv:6: field `sub_event_type` has \"Air/drone strike\": expected a sub-event type of Battles (this one belongs to Explosions/Remote violence)",
        "broken.csv:7: field `location` has \"Gharyaan City\"",
        "broken.csv:8: field `latitude` has \"95.1\"",
        "broken.csv:9: field `front` has \"Benghazi front\"",
        "broken.csv:10: field `fatalities` has \"fatalities_low=5, fatalities=3\"",
        "seed-2019-05-01.csv:2: field `event_id_cnty` has \"LBY0001\": expected an id used once (LBY0001 is also at data/events/broken.csv:11)",
    ];
    for line in expect {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    assert!(err.contains("frontline: 10 problems found"), "{err}");
    assert!(!w.path().join("output").exists(), "validate writes nothing");
}

#[test]
fn a_file_that_is_not_utf8_or_has_a_short_row_is_named() {
    let w = Workdir::with_data();
    w.write("data/events/latin1.csv", "");
    std::fs::write(
        w.path().join("data/events/latin1.csv"),
        b"event_id_cnty,location\nLBY9,Tr\xe9poli\n",
    )
    .unwrap();
    w.write(
        "data/events/short.json",
        "[\n {\"event_id_cnty\": \"LBY9999\"},\n 3\n]",
    );
    let out = w.run(&["validate"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("latin1.csv: UTF-8 text"), "{err}");
    assert!(
        err.contains("short.json:2: field `event_type` is empty"),
        "{err}"
    );
    assert!(
        err.contains("short.json:3: element 1 to be an event object"),
        "{err}"
    );
}

#[test]
fn a_plain_acled_export_reads_as_it_is() {
    let w = Workdir::with_data();
    for entry in std::fs::read_dir(w.path().join("data/events")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    std::fs::copy(
        util::repo().join("tests/fixtures/acled-export.csv"),
        w.path().join("data/events/acled.csv"),
    )
    .unwrap();
    let out = w.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&w.read("output/events.geojson")).unwrap();
    let by_id = |id: &str| {
        v["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap()["properties"]
            .clone()
    };
    let gharyan = by_id("LBY9001");
    assert_eq!(
        (
            gharyan["time_precision"].as_str(),
            gharyan["geo_precision"].as_str()
        ),
        (Some("day"), Some("exact"))
    );
    assert_eq!(gharyan["front"], "gharyan");
    let tajoura = by_id("LBY9002");
    assert_eq!(tajoura["time_precision"], "week");
    assert_eq!(
        (tajoura["date_start"].as_str(), tajoura["date_end"].as_str()),
        (Some("2019-07-01"), Some("2019-07-07"))
    );
    assert_eq!(tajoura["geo_precision"], "near");
    // ACLED's own list separator and recorded day come back as written, and so do the
    // columns frontline does not know.
    assert_eq!(tajoura["source"], "AP; UN News");
    assert_eq!(tajoura["event_date"], "2019-07-03");
    assert_eq!(tajoura["disorder_type"], "Political violence");
    assert_eq!(tajoura["timestamp"], "1700000000");
    assert_eq!(tajoura["front"], "tajoura-mitiga");
    let unsmil = by_id("LBY9003");
    assert_eq!(
        (unsmil["date_start"].as_str(), unsmil["date_end"].as_str()),
        (Some("2019-05-01"), Some("2019-05-31"))
    );
    assert_eq!(unsmil["geo_precision"], "admin1");
}
