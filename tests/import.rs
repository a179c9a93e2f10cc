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
