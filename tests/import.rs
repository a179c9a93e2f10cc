//! `frontline import`: ACLED exports (and UCDP GED and GDELT files) into frontline's event
//! columns, every bad row reported, and the result valid input for every command.

mod util;

use std::process::Output;
use util::{repo, stderr, stdout, Workdir};

fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures/import")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn import(w: &Workdir, args: &[&str]) -> Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    w.run(&all)
}

/// The rows of a CSV text as maps from column to value.
fn rows(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .zip(r.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn an_acled_export_keeps_every_column_and_reads_its_codes() {
    let w = Workdir::with_data();
    let input = repo().join("tests/fixtures/query/acled-like.csv");
    let out = import(
        &w,
        &["acled", input.to_str().unwrap(), "-o", "imported.csv"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stderr(&out);
    assert!(
        summary.contains("imported 12 of 12 rows from 1 file; 0 skipped"),
        "{summary}"
    );
    let text = w.read("imported.csv");
    let rows = rows(&text);
    assert_eq!(rows.len(), 12);
    let week = rows
        .iter()
        .find(|r| r["event_id_cnty"] == "LBY9302")
        .unwrap();
    // ACLED's time precision 2: the day ACLED wrote is kept, the week is its interval.
    assert_eq!(week["event_date"], "2019-04-10");
    assert_eq!(week["time_precision"], "week");
    assert_eq!(week["geo_precision"], "exact");
    // ACLED's own columns travel with the event.
    assert_eq!(week["disorder_type"], "Political violence");
    assert_eq!(week["timestamp"], "1700000000");
    assert_eq!(week["source"], "AFP; Libya Herald");
    // Arabic in the notes comes through as it was.
    let ain_zara = rows
        .iter()
        .find(|r| r["event_id_cnty"] == "LBY9301")
        .unwrap();
    assert!(ain_zara["notes"].contains("عين زارة"));

    // The imported file is valid input for every command: the week-precise strike is
    // found in its week.
    let q = w.run(&[
        "query",
        "--data",
        "imported.csv",
        "--from",
        "2019-04-08",
        "--to",
        "2019-04-08",
        "--format",
        "csv",
    ]);
    assert!(stdout(&q).contains("LBY9302"), "{}", stderr(&q));
}

#[test]
fn the_dataset_is_told_by_the_header_when_it_is_left_out() {
    let w = Workdir::with_data();
    let out = import(&w, &[&fixture("acled-generated.csv")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("(ACLED): 300 read, 300 written"),
        "{}",
        stderr(&out)
    );
    assert_eq!(rows(&stdout(&out)).len(), 300);

    w.write("notes.txt", "this is not a dataset\n");
    let out = import(&w, &["notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("notes.txt:1:"), "{err}");
    assert!(
        err.contains("frontline import acled|ucdp|gdelt FILE"),
        "{err}"
    );

    let out = import(&w, &["acled", "missing.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.csv"), "{}", stderr(&out));
}

/// The bench generator's ACLED-like file (300 rows of it, `gen.py 300`): Arabic notes,
/// quoted commas, embedded newlines and quotes, all three time and place precisions.
#[test]
fn the_bench_generator_s_file_imports_whole_and_in_order() {
    let w = Workdir::with_data();
    let input = fixture("acled-generated.csv");
    let out = import(&w, &[&input, "-o", "generated.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let source = rows(&std::fs::read_to_string(&input).unwrap());
    let imported = rows(&w.read("generated.csv"));
    assert_eq!(source.len(), imported.len());
    for (a, b) in source.iter().zip(&imported) {
        assert_eq!(a["event_id_cnty"], b["event_id_cnty"]);
        assert_eq!(a["notes"], b["notes"], "{}", a["event_id_cnty"]);
        assert_eq!(a["actor1"], b["actor1"]);
        let code = &a["time_precision"];
        let word = &b["time_precision"];
        let expected = match code.as_str() {
            "1" => "day",
            "2" => "week",
            "3" => "month",
            other => panic!("code {other}"),
        };
        assert_eq!(word, expected, "{}", a["event_id_cnty"]);
        // A day written for a week or month is the day kept.
        assert_eq!(a["event_date"], b["event_date"]);
        assert_eq!(
            a["latitude"].parse::<f64>().unwrap(),
            b["latitude"].parse::<f64>().unwrap()
        );
    }
    // Importing is deterministic.
    let again = import(&w, &[&input, "-o", "again.csv"]);
    assert!(again.status.success());
    assert_eq!(w.read("generated.csv"), w.read("again.csv"));
}

#[test]
fn every_bad_row_of_a_malformed_acled_file_is_named_and_nothing_is_written() {
    let w = Workdir::with_data();
    let out = import(&w, &[&fixture("acled-malformed.csv"), "-o", "out.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for expected in [
        "acled-malformed.csv:2: field `event_date` (column 2) has \"2019-04-31\"",
        "acled-malformed.csv:3: field `latitude` (column 23) has \"132.8\"",
        "acled-malformed.csv:4: 35 fields as in the header (found 8)",
        "acled-malformed.csv:5: field `time_precision` (column 4) has \"4\"",
        "acled-malformed.csv:5: field `event_type` (column 6) has \"Skirmish\"",
        "5 problems found",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    // Nothing is left behind, not even a temporary file.
    let left: Vec<_> = std::fs::read_dir(w.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "data")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Excel and Python write CRLF row ends; the lines named are still the file's lines.
#[test]
fn a_crlf_file_s_bad_rows_are_named_on_their_own_lines() {
    let w = Workdir::with_data();
    let text = std::fs::read_to_string(fixture("acled-malformed.csv")).unwrap();
    w.write("crlf.csv", &text.replace('\n', "\r\n"));
    let out = import(&w, &["crlf.csv", "-o", "out.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for expected in [
        "crlf.csv:2: field `event_date` (column 2)",
        "crlf.csv:3: field `latitude` (column 23)",
        "crlf.csv:4: 35 fields as in the header (found 8)",
        "crlf.csv:5: field `event_type` (column 6)",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn optional_population_columns_are_kept() {
    let w = Workdir::with_data();
    // The malformed fixture's last row is good and has ACLED's population columns.
    let text = std::fs::read_to_string(fixture("acled-malformed.csv")).unwrap();
    let mut lines = text.lines();
    let good = format!("{}\n{}\n", lines.next().unwrap(), lines.last().unwrap());
    w.write("population.csv", &good);
    let out = import(&w, &["population.csv", "-o", "out.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = rows(&w.read("out.csv"));
    assert_eq!(rows[0]["population_best"], "9000");
    assert_eq!(rows[0]["civilian_targeting"], "Civilian targeting");
}

#[test]
fn a_ucdp_ged_file_becomes_frontline_events_with_its_ids_kept() {
    let w = Workdir::with_data();
    let out = import(&w, &["ucdp", &fixture("ucdp-ged.csv"), "-o", "ged.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("(UCDP GED): 8 read, 8 written"),
        "{}",
        stderr(&out)
    );
    let rows = rows(&w.read("ged.csv"));
    let ain_zara = rows
        .iter()
        .find(|r| r["event_id_cnty"] == "UCDP289001")
        .unwrap();
    assert_eq!(ain_zara["event_type"], "Battles");
    assert_eq!(ain_zara["actor1"], "Government of Libya");
    assert_eq!(ain_zara["actor2"], "Forces of the House of Representatives");
    assert_eq!(ain_zara["geo_precision"], "exact");
    assert_eq!(ain_zara["iso"], "434");
    assert_eq!(ain_zara["ucdp_relid"], "LBY-2019-1-13601-1");
    // date_prec 2 with a four-day interval: the interval is the date.
    let qasr = rows
        .iter()
        .find(|r| r["event_id_cnty"] == "UCDP289002")
        .unwrap();
    assert_eq!(qasr["event_date"], "2019-04-05/2019-04-08");
    assert_eq!(qasr["geo_precision"], "near");
    assert_eq!(
        (
            qasr["fatalities"].as_str(),
            qasr["fatalities_low"].as_str(),
            qasr["fatalities_high"].as_str()
        ),
        ("10", "9", "12")
    );
    // And the file is valid input: the clash near Qasr bin Ghashir overlaps 7 April.
    let q = w.run(&[
        "query",
        "--data",
        "ged.csv",
        "--from",
        "2019-04-07",
        "--to",
        "2019-04-07",
        "--format",
        "csv",
    ]);
    assert!(stdout(&q).contains("UCDP289002"), "{}", stderr(&q));
}

#[test]
fn a_gdelt_file_keeps_conflict_events_and_counts_what_it_skips() {
    let w = Workdir::with_data();
    // No dataset word: 61 tab-separated fields tell it.
    let out = import(&w, &[&fixture("gdelt-events.tsv"), "-o", "gdelt.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stderr(&out);
    for expected in [
        "(GDELT 2.0): 12 read, 8 written",
        "1 skipped: CAMEO root 04 (Consult) is not a conflict event",
        "1 skipped: no ActionGeo coordinates",
    ] {
        assert!(
            summary.contains(expected),
            "missing {expected:?} in {summary}"
        );
    }
    let rows = rows(&w.read("gdelt.csv"));
    let strike = rows
        .iter()
        .find(|r| r["event_id_cnty"] == "GDELT891234567")
        .unwrap();
    // CAMEO 195, "employ aerial weapons": an air or drone strike, on the day, at the city.
    assert_eq!(strike["sub_event_type"], "Air/drone strike");
    assert_eq!(strike["event_date"], "2020-01-04");
    assert_eq!(strike["location"], "Tripoli");
    assert_eq!(strike["source"], "libyaobserver.ly");
    assert!(strike["source_url"].starts_with("https://www.libyaobserver.ly/"));
    assert_eq!(strike["gdelt_eventcode"], "195");
    let riot = rows
        .iter()
        .find(|r| r["event_id_cnty"] == "GDELT937550312")
        .unwrap();
    assert_eq!(
        (riot["event_type"].as_str(), riot["sub_event_type"].as_str()),
        ("Riots", "Violent demonstration")
    );
}

#[test]
fn every_bad_row_of_malformed_ucdp_and_gdelt_files_is_named_by_line_and_column() {
    let w = Workdir::with_data();
    let out = import(
        &w,
        &["ucdp", &fixture("ucdp-malformed.csv"), "-o", "ged.csv"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for expected in [
        "ucdp-malformed.csv:2: field `date_prec` (column 38) has \"9\"",
        "ucdp-malformed.csv:4: field `best` (column 45) has \"five\"",
        "ucdp-malformed.csv:6: 49 fields as in the header (found 7)",
        "ucdp-malformed.csv:8: field `geom_wkt` (column 32) has \"POINT (13.9)\"",
        "8 problems found",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(!w.path().join("ged.csv").exists());

    let out = import(
        &w,
        &["gdelt", &fixture("gdelt-malformed.tsv"), "-o", "gdelt.csv"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for expected in [
        "gdelt-malformed.tsv:1: field `SQLDATE` (column 2) has \"20191340\"",
        "gdelt-malformed.tsv:2: field `ActionGeo_Lat` (column 57) has \"north\"",
        "gdelt-malformed.tsv:3: 61 tab-separated fields as in the dataset's codebook (found 40)",
        "5 problems found",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(!w.path().join("gdelt.csv").exists());
}

#[test]
fn files_of_three_datasets_import_into_one_file() {
    let w = Workdir::with_data();
    let out = import(
        &w,
        &[
            &fixture("acled-generated.csv"),
            &fixture("ucdp-ged.csv"),
            &fixture("gdelt-events.tsv"),
            "-o",
            "all.csv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("imported 316 of 320 rows from 3 files; 4 skipped"),
        "{}",
        stderr(&out)
    );
    let text = w.read("all.csv");
    let header = text.lines().next().unwrap();
    // frontline's columns, then each dataset's own, in the order first seen.
    assert!(header.starts_with("event_id_cnty,event_date,time_precision,anchor,"));
    let (acled, ucdp, gdelt) = (
        header.find(",disorder_type").unwrap(),
        header.find(",ucdp_relid").unwrap(),
        header.find(",gdelt_eventcode").unwrap(),
    );
    assert!(acled < ucdp && ucdp < gdelt, "{header}");
    let q = w.run(&["query", "--data", "all.csv", "--format", "csv"]);
    assert!(q.status.success(), "{}", stderr(&q));
    assert!(stderr(&q).contains("316 of 316 events"), "{}", stderr(&q));
}

/// ACLED's report of the clash at Ain Zara on 20 April 2019 and UCDP's of the same clash
/// (in UCDP's words: Government of Libya against the Forces of the House of
/// Representatives) are one event; the next day at Ain Zara and the same day at Tarhuna
/// are others.
#[test]
fn import_merge_joins_two_datasets_reports_of_one_clash_and_the_log_undoes_it() {
    let w = Workdir::with_data();
    let (acled, ucdp) = (fixture("acled-ain-zara.csv"), fixture("ucdp-ged.csv"));
    let plain = import(&w, &[&acled, &ucdp, "-o", "plain.csv"]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    let out = import(&w, &["--merge", &acled, &ucdp, "-o", "merged.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stderr(&out);
    assert!(summary.contains("1 merged into others"), "{summary}");
    assert!(
        summary.contains("merges listed in merged.csv.merges.jsonl"),
        "{summary}"
    );

    let merged = rows(&w.read("merged.csv"));
    assert_eq!(merged.len(), rows(&w.read("plain.csv")).len() - 1);
    let clash = merged
        .iter()
        .find(|r| r["event_id_cnty"] == "LBY9501")
        .unwrap();
    // Both reports' sources are kept.
    for source in ["Libya Observer", "Reuters News", "Agence France Presse"] {
        assert!(clash["source"].contains(source), "{}", clash["source"]);
    }
    assert!(!merged.iter().any(|r| r["event_id_cnty"] == "UCDP289001"));
    // What each dataset coded beside the event is kept: ACLED's inter codes and UCDP's ids.
    assert_eq!(clash["inter1"], "1");
    assert_eq!(clash["ucdp_relid"], "LBY-2019-1-13601-1");
    // The near-misses stay.
    for id in ["LBY9502", "LBY9503"] {
        assert!(merged.iter().any(|r| r["event_id_cnty"] == id), "{id}");
    }
    let log = w.read("merged.csv.merges.jsonl");
    assert_eq!(log.lines().count(), 1);
    assert!(log.contains("\"kept\":\"LBY9501\""), "{log}");
    assert!(log.contains("\"merged\":[\"UCDP289001\"]"), "{log}");

    // The log undoes the merge: the file is then the plain import, byte for byte.
    let undo = w.run(&["dedupe", "--undo", "merged.csv.merges.jsonl"]);
    assert!(undo.status.success(), "{}", stderr(&undo));
    assert_eq!(w.read("merged.csv"), w.read("plain.csv"));

    // Without -o the log would name no file to undo the merges in.
    let out = import(&w, &["--merge", &acled]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("give -o FILE"), "{}", stderr(&out));
}

/// `--data` names the data folder whose lexicon tells UCDP's names for the two sides from
/// ACLED's; run from a folder without `./data`, `import` no longer finds it by accident.
#[test]
fn import_merge_takes_its_lexicon_from_data_not_from_the_folder_it_runs_in() {
    let w = Workdir::default();
    let (acled, ucdp) = (fixture("acled-ain-zara.csv"), fixture("ucdp-ged.csv"));
    let data = repo().join("data");
    let data = data.to_str().unwrap();
    let out = import(
        &w,
        &["--merge", &acled, &ucdp, "-o", "merged.csv", "--data", data],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 merged into others"),
        "{}",
        stderr(&out)
    );
    // Without the lexicon, "Government of Libya" is not the GNA: nothing merges.
    let out = import(&w, &["--merge", &acled, &ucdp, "-o", "bare.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("merged into others"),
        "{}",
        stderr(&out)
    );
    // A --data that is no data folder is a flag error.
    let out = import(&w, &["--merge", &acled, "-o", "x.csv", "--data", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("frontline: --data \"nowhere\""),
        "{}",
        stderr(&out)
    );
}

/// A row of frontline's own columns imported as ACLED's (they share the names) is checked
/// as `validate` checks one: a report can't tell of an event that had not begun.
#[test]
fn an_imported_event_dated_after_its_report_is_refused() {
    let w = Workdir::default();
    w.write(
        "late.csv",
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,location,latitude,longitude,source,published\n\
         LBY9201,2019-05-09,Battles,Armed clash,LNA,Libya,Tripoli,32.88,13.19,Reuters,2019-05-02\n",
    );
    let out = import(&w, &["acled", "late.csv", "-o", "out.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("late.csv:2: field `event_date`"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("[error after-report]"),
        "{}",
        stderr(&out)
    );
    assert!(!w.path().join("out.csv").exists());
}
