//! `frontline chart`: one chart of any selection, titled with it, with the numbers behind it
//! as CSV. (`tests/charts.rs` checks the charts `build` writes.)

mod util;

use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Output;
use util::{assert_well_formed_xml, stderr, stdout, Workdir};

fn chart(w: &Workdir, args: &[&str]) -> Output {
    let mut all = vec!["chart"];
    all.extend_from_slice(args);
    w.run(&all)
}

fn ok(w: &Workdir, args: &[&str]) -> Output {
    let out = chart(w, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "chart {args:?}: {}",
        stderr(&out)
    );
    out
}

/// The number of events selected, from the count line ("frontline: 2 of 250 events …").
fn selected(out: &Output) -> usize {
    let err = stderr(out);
    let line = err
        .lines()
        .find(|l| l.starts_with("frontline: ") && l.contains(" of "))
        .unwrap_or_else(|| panic!("no count line in:\n{err}"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The text of the first `<title>` element.
fn title(svg: &str) -> &str {
    let start = svg.find("<title>").expect("a <title>") + "<title>".len();
    let end = svg[start..].find("</title>").expect("</title>") + start;
    &svg[start..end]
}

/// Checks that `svg` is one whole SVG document: it opens with `<svg` (after an optional XML
/// declaration), closes with `</svg>`, and is well-formed XML.
fn assert_whole_svg(name: &str, svg: &str) {
    let trimmed = svg.trim();
    assert!(
        trimmed.starts_with("<svg") || trimmed.starts_with("<?xml"),
        "{name} does not start as SVG"
    );
    assert!(
        trimmed.ends_with("</svg>"),
        "{name} does not end with </svg>"
    );
    assert_well_formed_xml(name, svg);
}

fn read_table(w: &Workdir, file: &str) -> (String, Vec<Vec<String>>) {
    let text = w.read(file);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default().to_string();
    let rows = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Events per front as `query` selects them with the same flags.
fn query_by_front(w: &Workdir, selection: &[&str]) -> BTreeMap<String, usize> {
    let mut args = vec!["query"];
    args.extend_from_slice(selection);
    args.extend_from_slice(&["--format", "json"]);
    let out = w.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut by_front = BTreeMap::new();
    for e in v.as_array().unwrap() {
        *by_front
            .entry(e["front"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    by_front
}

const GHARYAN: [&str; 8] = [
    "--near",
    "Gharyan",
    "--radius",
    "15",
    "--from",
    "2019-06-20",
    "--to",
    "2019-06-30",
];

#[test]
fn by_front_is_titled_with_the_selection_in_words() {
    let w = Workdir::with_data();
    let out = ok(
        &w,
        &[&["by-front"][..], &GHARYAN, &["-o", "x.svg"]].concat(),
    );
    assert!(selected(&out) > 0);
    let svg = w.read("x.svg");
    assert_whole_svg("x.svg", &svg);
    let words = "Events within 15 km of Gharyan, 20–30 June 2019";
    assert!(title(&svg).contains(words), "title: {}", title(&svg));
    // Plotters writes each text's content on a line of its own.
    assert!(
        svg.contains(&format!("font-weight=\"bold\">\n{words}")),
        "no heading with {words:?}"
    );
}

#[test]
fn the_week_table_has_iso_weeks_and_adds_up_to_the_count_line() {
    let w = Workdir::with_data();
    for selection in [
        &GHARYAN[..],
        &["--front", "tripoli", "--from", "2019"][..],
        &[],
    ] {
        let out = ok(
            &w,
            &[
                &["by-front"][..],
                selection,
                &["--interval", "week", "-o", "w.svg", "--table", "w.csv"],
            ]
            .concat(),
        );
        let (header, rows) = read_table(&w, "w.csv");
        assert_eq!(header, "front,iso_year,iso_week,events,fatalities");
        let mut by_front: BTreeMap<String, usize> = BTreeMap::new();
        for row in &rows {
            let week: u32 = row[2].parse().unwrap();
            assert!((1..=53).contains(&week), "{row:?}");
            *by_front.entry(row[0].clone()).or_insert(0) += row[3].parse::<usize>().unwrap();
        }
        let total: usize = by_front.values().sum();
        assert_eq!(total, selected(&out), "{selection:?}: {}", stderr(&out));
        assert_eq!(by_front, query_by_front(&w, selection), "{selection:?}");
    }
}

#[test]
fn the_month_and_day_tables_have_their_own_headers_and_add_up() {
    let w = Workdir::with_data();
    let selection = ["--front", "tripoli", "--from", "2019-04", "--to", "2019-06"];
    for (interval, header, events_column) in [
        ("month", "front,year,month,events,fatalities", 3),
        ("day", "front,date,events,fatalities", 2),
    ] {
        let out = ok(
            &w,
            &[
                &["by-front"][..],
                &selection,
                &["--interval", interval, "-o", "c.svg", "--table", "c.csv"],
            ]
            .concat(),
        );
        let (got, rows) = read_table(&w, "c.csv");
        assert_eq!(got, header, "--interval {interval}");
        let total: usize = rows
            .iter()
            .map(|r| r[events_column].parse::<usize>().unwrap())
            .sum();
        assert!(total > 0);
        assert_eq!(total, selected(&out), "--interval {interval}");
        assert_whole_svg("c.svg", &w.read("c.svg"));
    }
}

#[test]
fn timeline_and_map_write_whole_svg_titled_with_the_selection_and_their_tables() {
    let w = Workdir::with_data();
    for kind in ["timeline", "map"] {
        let file = format!("{kind}.svg");
        let out = ok(
            &w,
            &[
                kind, "--near", "Tripoli", "--radius", "40", "-o", &file, "--table", "t.csv",
            ],
        );
        let svg = w.read(&file);
        assert_whole_svg(&file, &svg);
        assert!(
            title(&svg).contains("within 40 km of Tripoli"),
            "{kind}: {}",
            title(&svg)
        );
        let (header, rows) = read_table(&w, "t.csv");
        assert_eq!(
            header, "front,events,fatalities,first_day,last_day",
            "{kind}"
        );
        let total: usize = rows.iter().map(|r| r[1].parse::<usize>().unwrap()).sum();
        assert_eq!(total, selected(&out), "{kind}");
    }
}

#[test]
fn a_title_of_your_own_replaces_the_selection_words() {
    let w = Workdir::with_data();
    for kind in ["by-front", "timeline", "map"] {
        let file = format!("{kind}.svg");
        ok(
            &w,
            &[
                &[kind][..],
                &GHARYAN,
                &["--title", "Gharyan falls", "-o", &file],
            ]
            .concat(),
        );
        let svg = w.read(&file);
        assert_eq!(title(&svg), "Gharyan falls", "{kind}");
        assert!(
            !svg.contains("within 15 km of Gharyan"),
            "{kind} still has the selection words"
        );
    }
}

#[test]
fn a_bad_filter_exits_2_and_writes_no_svg_and_no_table() {
    let w = Workdir::with_data();
    let cases: [(&[&str], &str); 4] = [
        (&["--bbox", "1,2,3"], "--bbox"),
        (&["--near", "Atlantis"], "--near"),
        (&["--from", "2019-07", "--to", "2019-06"], "--to"),
        (&["--sort", "distance"], "--sort \"distance\""),
    ];
    for kind in ["by-front", "timeline", "map"] {
        for (filter, flag) in cases {
            let out = chart(
                &w,
                &[
                    &[kind][..],
                    filter,
                    &["-o", "bad.svg", "--table", "bad.csv"],
                ]
                .concat(),
            );
            assert_eq!(out.status.code(), Some(2), "{kind} {filter:?}");
            assert!(
                stderr(&out).starts_with(&format!("frontline: {flag}")),
                "{kind} {filter:?}: {}",
                stderr(&out)
            );
            let left: Vec<String> = std::fs::read_dir(w.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n != "data")
                .collect();
            assert!(left.is_empty(), "{kind} {filter:?} left {left:?}");
        }
    }
}

#[test]
fn a_failed_chart_leaves_the_previous_svg_whole() {
    let w = Workdir::with_data();
    ok(
        &w,
        &[&["by-front"][..], &GHARYAN, &["-o", "x.svg"]].concat(),
    );
    let before = w.read("x.svg");
    let out = chart(&w, &["by-front", "--near", "Atlantis", "-o", "x.svg"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(w.read("x.svg"), before);
}

#[test]
fn the_same_chart_twice_gives_identical_bytes() {
    let w = Workdir::with_data();
    for kind in ["by-front", "timeline", "map"] {
        let args = [&[kind][..], &GHARYAN, &["-o", "a.svg", "--table", "a.csv"]].concat();
        ok(&w, &args);
        let (svg, table) = (w.read("a.svg"), w.read("a.csv"));
        ok(&w, &args);
        assert_eq!(w.read("a.svg"), svg, "{kind}");
        assert_eq!(w.read("a.csv"), table, "{kind}");
    }
}

#[test]
fn a_title_with_u_fffe_still_gives_valid_xml() {
    let w = Workdir::with_data();
    // U+FFFE and the C0 controls are valid UTF-8 in an argument but not allowed in XML.
    let own = "Gharyan\u{FFFE} falls\u{1}\u{1F} & <holds>";
    for kind in ["by-front", "timeline", "map"] {
        let file = format!("{kind}.svg");
        ok(
            &w,
            &[&[kind][..], &GHARYAN, &["--title", own, "-o", &file]].concat(),
        );
        let svg = w.read(&file);
        assert_whole_svg(&file, &svg);
        assert_eq!(title(&svg), "Gharyan falls &amp; &lt;holds&gt;", "{kind}");
    }
}
