//! `frontline date`: one expression resolved against a publication time, run through the
//! built binary.

mod util;

use util::{repo, stderr, stdout, Workdir};

fn date(args: &[&str]) -> std::process::Output {
    let mut all = vec!["date"];
    all.extend_from_slice(args);
    Workdir::default().run(&all)
}

#[test]
fn json_has_exactly_the_documented_fields() {
    let out = date(&[
        "April 7, 2019",
        "--published",
        "2019-05-01T18:49:00+03:00",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "{\"expression\":\"April 7, 2019\",\"date_start\":\"2019-04-07\",\"date_end\":\"2019-04-07\",\"time_precision\":\"day\",\"kind\":\"absolute\"}\n"
    );
}

#[test]
fn resolves_the_seed_reports_arabic_dates() {
    let cases = [
        (
            "في السابع من أبريل/نيسان",
            "2019-04-07",
            "2019-04-07",
            "day",
            "absolute",
        ),
        (
            "في مارس/ آذار الماضي",
            "2019-03-01",
            "2019-03-31",
            "month",
            "absolute",
        ),
        (
            "الأيام الماضية",
            "2019-04-24",
            "2019-04-30",
            "week",
            "approximate",
        ),
        (
            "خلال عام 2016",
            "2016-01-01",
            "2016-12-31",
            "year",
            "absolute",
        ),
    ];
    for (expression, start, end, precision, kind) in cases {
        let out = date(&[
            expression,
            "--published",
            "2019-05-01T18:49:00+03:00",
            "--format",
            "json",
        ]);
        assert!(out.status.success(), "{expression}: {}", stderr(&out));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
        assert_eq!(json["expression"], expression);
        assert_eq!(json["date_start"], start, "{expression}");
        assert_eq!(json["date_end"], end, "{expression}");
        assert_eq!(json["time_precision"], precision, "{expression}");
        assert_eq!(json["kind"], kind, "{expression}");
    }
}

#[test]
fn a_date_counted_from_another_event_names_it() {
    let expression = "بعد ثلاثة أيام من بدء هجوم قوات اللواء المتقاعد خليفة حفتر على طرابلس";
    let out = date(&[
        expression,
        "--published",
        "2019-05-01T18:49:00+03:00",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(json["date_start"], serde_json::Value::Null);
    assert_eq!(json["date_end"], serde_json::Value::Null);
    assert_eq!(json["kind"], "relative_to_other_event");
    assert_eq!(json["offset_days"], 3);
    assert_eq!(
        json["reference"],
        "بدء هجوم قوات اللواء المتقاعد خليفة حفتر على طرابلس"
    );
}

#[test]
fn text_is_one_line_and_the_language_is_detected() {
    let out = date(&["الخميس الماضي", "--published", "2019-05-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "\"الخميس الماضي\" → 2019-04-25 (day, relative_to_publication)\n"
    );
}

#[test]
fn a_bad_published_exits_2_naming_the_flag() {
    let out = date(&["أمس", "--published", "first of May"]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("--published"), "{message}");
    assert!(message.contains("first of May"), "{message}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn an_expression_without_a_date_exits_2() {
    let out = date(&["قالت مصادر للجزيرة", "--published", "2019-05-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no date"), "{}", stderr(&out));
}

/// Every row of `tests/fixtures/dates.tsv` (worked out by hand) resolves to its interval.
#[test]
fn resolves_every_fixture_row() {
    let table = std::fs::read_to_string(repo().join("tests/fixtures/dates.tsv")).expect("fixture");
    let mut wrong = Vec::new();
    let mut rows = 0;
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [expression, published, lang, start, end] = fields[..] else {
            panic!("a row has 5 fields: {line}");
        };
        rows += 1;
        let out = date(&[
            expression,
            "--published",
            published,
            "--lang",
            lang,
            "--format",
            "json",
        ]);
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap_or_default();
        if json["date_start"] != start || json["date_end"] != end {
            wrong.push(format!(
                "{expression} ({published}): want {start}/{end}, got {} {}",
                stdout(&out).trim(),
                stderr(&out).trim()
            ));
        }
    }
    assert!(rows >= 60, "{rows} rows");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
