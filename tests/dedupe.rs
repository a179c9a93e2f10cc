//! `frontline dedupe`: dry runs change nothing, merges keep every source and are logged,
//! `--undo` restores the files byte for byte.

mod util;

use util::{repo, shipped_events, stderr, stdout, Workdir};

const FIXTURE: &str = "tests/fixtures/dedupe/one-clash-two-reports.csv";
const EVENTS: &str = "data/events/one-clash.csv";

/// The shipped reference data with the fixture as the only events file.
fn workdir(crlf: bool) -> (Workdir, String) {
    let w = Workdir::with_data();
    for entry in std::fs::read_dir(w.path().join("data/events")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv" || e == "json") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let mut text = std::fs::read_to_string(repo().join(FIXTURE)).unwrap();
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    w.write(EVENTS, &text);
    (w, text)
}

#[test]
fn dry_run_lists_the_merge_and_changes_no_byte() {
    let (w, before) = workdir(false);
    let out = w.run(&["dedupe", "--data", "data", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "LBY9001 ← LBY9005\n  LBY9005: 2.4 km apart (27 km allowed), both on 2019-04-20, \
         both name LNA: Libyan National Army (Haftar) (on the other side)\n\
         not merged: LBY9007 matches LBY9001, LBY9004, LBY9005, which are not all one event\n\
         1 merges of 2 reports into 1 events would change 1 files (dry run: nothing written)\n"
    );
    assert_eq!(w.read(EVENTS), before);
    assert!(!w.path().join("data/merges.jsonl").exists());
}

#[test]
fn a_merge_keeps_every_source_logs_the_rows_and_undo_restores_them() {
    for crlf in [false, true] {
        let (w, before) = workdir(crlf);
        let out = w.run(&["dedupe", "--data", "data"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let after = w.read(EVENTS);
        let end = if crlf { "\r\n" } else { "\n" };

        // Every row but the two merged keeps its bytes; LBY9005's row is gone.
        let rows: Vec<&str> = before.split_inclusive(end).collect();
        for row in &rows {
            if !row.starts_with("LBY9001")
                && !row.starts_with("LBY9005")
                && !row.starts_with("between")
            {
                assert!(after.contains(row), "{row:?} lost");
            }
        }
        assert!(!after.contains("LBY9005"));
        // The merged row holds a quoted line end (UCDP's notes): it runs to its last column.
        let from = after.find("LBY9001").unwrap();
        let to = from + after[from..].find("Political violence").unwrap();
        let merged = &after[from..to + "Political violence".len() + end.len()];
        assert!(merged.ends_with(end));
        for wanted in [
            "2019-04-19/2019-04-20",
            "days",
            "Libya Observer; UCDP GED",
            "https://www.libyaobserver.ly/example-ain-zara; ",
            "32.8,13.25,exact",
            "4,4,9",
            "Clashes in Ain Zara south of Tripoli. | UCDP: clashes around Ain Zara,",
            "Political violence",
        ] {
            assert!(merged.contains(wanted), "{wanted:?} not in {merged:?}");
        }
        // The merged file is valid data.
        let out = w.run(&["validate", "--data", "data"]);
        assert!(out.status.success(), "{}", stderr(&out));

        // The log: one merge, the rows it replaced as they were written.
        let log = w.read("data/merges.jsonl");
        assert_eq!(log.lines().count(), 1);
        let entry: serde_json::Value = serde_json::from_str(log.trim_end()).unwrap();
        assert_eq!(entry["kept"], "LBY9001");
        assert_eq!(entry["merged"][0], "LBY9005");
        assert_eq!(entry["row"]["file"], "events/one-clash.csv");
        assert_eq!(entry["replaced"][1]["line"], 6);
        assert!(before.contains(entry["replaced"][1]["text"].as_str().unwrap()));

        let out = w.run(&["dedupe", "--undo", "data/merges.jsonl"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(w.read(EVENTS), before, "undo restores byte for byte");
        assert!(!w.path().join("data/merges.jsonl").exists());
        assert!(w.path().join("data/merges.jsonl.undone").exists());
    }
}

#[test]
fn undo_refuses_a_log_whose_merged_row_was_edited_since() {
    let (w, _) = workdir(false);
    assert!(w.run(&["dedupe", "--data", "data"]).status.success());
    let edited = w
        .read(EVENTS)
        .replace("Libya Observer; UCDP GED", "Libya Observer");
    w.write(EVENTS, &edited);
    let out = w.run(&["dedupe", "--undo", "data/merges.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("events/one-clash.csv:2: the merged row of LBY9001 has changed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(w.read(EVENTS), edited, "nothing changed");
    assert!(w.path().join("data/merges.jsonl").exists());
}

#[test]
fn a_single_file_logs_beside_itself() {
    let (w, _) = workdir(false);
    let out = w.run(&["dedupe", "--data", EVENTS]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(w
        .path()
        .join("data/events/one-clash.csv.merges.jsonl")
        .exists());
    let out = w.run(&["dedupe", "--data", EVENTS]);
    assert_eq!(
        stdout(&out),
        "not merged: LBY9007 matches LBY9001, LBY9004, which are not all one event\n\
         no reports to merge among 6 events\n"
    );
}

#[test]
fn the_shipped_data_holds_no_two_reports_of_one_event() {
    // Reviewed by hand: the shipped events follow ACLED's one event per place per day, and
    // the pairs an earlier rule merged (LBY0006/LBY0008, LBY0100/LBY0101 …) were fighting
    // at two named places on one day.
    let w = Workdir::with_data();
    let before = w.read("data/events/war-2019.csv");
    let out = w.run(&["dedupe", "--data", "data", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("no reports to merge among {} events\n", shipped_events())
    );
    assert_eq!(w.read("data/events/war-2019.csv"), before);
}
