//! `frontline extract`: candidate events from news text, and the accuracy on the project's
//! annotated set.

mod util;

use chrono::NaiveDate;
use frontline::dataset::DataPaths;
use frontline::extract::score::{score, Gold, Score};
use frontline::extract::Resources;
use frontline::temporal::{parse_published, Lang};
use serde_json::Value;
use util::{repo, stderr, stdout, Workdir};

const REPORT: &str = "tests/fixtures/extract/us-forces-return.ar.txt";

fn extract_json(args: &[&str]) -> (Option<i32>, Value, String) {
    let w = Workdir::with_data();
    let mut all = vec!["extract", "--format", "json"];
    all.extend_from_slice(args);
    let out = w.run(&all);
    let json = serde_json::from_str(&stdout(&out)).unwrap_or(Value::Null);
    (out.status.code(), json, stderr(&out))
}

fn find<'a>(events: &'a [Value], sub_event_type: &str, location: &str) -> Option<&'a Value> {
    events
        .iter()
        .find(|e| e["sub_event_type"] == sub_event_type && e["location"] == location)
}

#[test]
fn a_report_like_the_seed_yields_its_events_dated_and_placed() {
    let path = repo().join(REPORT);
    let (code, v, err) = extract_json(&[
        path.to_str().unwrap(),
        "--published",
        "2019-05-01T18:49:00+03:00",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let events = v.as_array().expect("an array");
    let dated = |e: &Value| {
        (
            e["date_start"].as_str().unwrap_or("").to_string(),
            e["date_end"].as_str().unwrap_or("").to_string(),
        )
    };
    let summary: Vec<String> = events
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {}",
                e["date_start"],
                e["event_type"],
                e["sub_event_type"],
                e["location"],
                e["confidence"]
            )
        })
        .collect();
    let all = summary.join("\n");

    let offensive = events.iter().find(|e| {
        e["event_type"] == "Battles"
            && e["location"] == "Tripoli"
            && e["date_start"] == "2019-04-04"
    });
    assert!(
        offensive.is_some(),
        "the offensive on Tripoli, 2019-04-04:\n{all}"
    );
    let withdrawal = events.iter().find(|e| e["date_start"] == "2019-04-07");
    assert!(
        withdrawal.is_some_and(|e| e["event_type"] == "Strategic developments"),
        "the withdrawal, 2019-04-07:\n{all}"
    );
    for (place, lat, lon) in [("Tripoli", 32.89, 13.19), ("Misrata", 32.38, 15.09)] {
        let back = events.iter().find(|e| {
            let (y, x) = (
                e["latitude"].as_f64().unwrap_or(0.0),
                e["longitude"].as_f64().unwrap_or(0.0),
            );
            (y - lat).abs() < 0.05
                && (x - lon).abs() < 0.05
                && e["date_start"] == "2019-05-01"
                && e["event_type"] == "Strategic developments"
        });
        assert!(back.is_some(), "US forces back in {place}:\n{all}");
    }
    for front in ["Ain Zara", "Khallat al-Furjan", "Yarmouk", "Salah al-Din"] {
        assert!(
            events.iter().any(|e| e["location"] == front),
            "calm at {front}:\n{all}"
        );
    }
    assert!(
        events.iter().any(|e| e["location"] == "al-Sbeaa"),
        "al-Sbeaa reinforced:\n{all}"
    );
    assert!(
        events.iter().any(|e| e["event_type"] == "Battles"
            && e["provenance"]["trigger"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("أسر"))),
        "capture of fighters:\n{all}"
    );
    let sirte = find(events, "Air/drone strike", "Sirte")
        .unwrap_or_else(|| panic!("the 2016 strikes on Sirte:\n{all}"));
    assert_eq!(dated(sirte), ("2016-01-01".into(), "2016-12-31".into()));
    assert!(
        events.iter().any(|e| e["country"] == "Tunisia"),
        "the meeting in Tunis:\n{all}"
    );
    // The dateline names where the report was filed, not an event.
    assert!(
        events
            .iter()
            .all(|e| e["provenance"]["place"]["start"].as_u64() != Some(0)),
        "{all}"
    );
    for e in events {
        let c = e["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
        let trigger = &e["provenance"]["trigger"];
        let text = std::fs::read_to_string(&path).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let (s, t) = (
            trigger["start"].as_u64().unwrap() as usize,
            trigger["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..t].iter().collect::<String>(),
            trigger["text"].as_str().unwrap(),
            "offsets are characters"
        );
    }
}

#[test]
fn extract_csv_is_valid_input_for_build() {
    let w = Workdir::with_data();
    let out = w.run(&[
        "extract",
        repo().join(REPORT).to_str().unwrap(),
        "--published",
        "2019-05-01T18:49:00+03:00",
        "--format",
        "csv",
        "-o",
        "data/events/extracted.csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built = w.run(&["validate"]);
    assert!(built.status.success(), "{}", stderr(&built));
}

#[test]
fn bad_input_gets_a_clear_error() {
    let w = Workdir::with_data();
    w.write("empty.txt", "  \n");
    std::fs::write(
        w.path().join("binary.txt"),
        [0x89u8, b'P', b'N', b'G', 0, 0, 1],
    )
    .unwrap();
    // "طرابلس" in Windows-1256.
    std::fs::write(
        w.path().join("cp1256.txt"),
        [0xD8u8, 0xD1, 0xC7, 0xC8, 0xE1, 0xD3],
    )
    .unwrap();
    for (file, expected) in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("cp1256.txt", "Windows-1256"),
    ] {
        let out = w.run(&[
            "extract",
            file,
            "--published",
            "2019-05-01",
            "--data",
            repo().join("data").to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(
            stderr(&out).contains(file) && stderr(&out).contains(expected),
            "{file}: {}",
            stderr(&out)
        );
    }
    let out = w.run(&[
        "extract",
        "empty.txt",
        "--published",
        "May Day",
        "--data",
        repo().join("data").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--published"), "{}", stderr(&out));
}

fn gold(item: &Value) -> Vec<Gold> {
    item["gold"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| Gold {
            event_type: g["event_type"].as_str().unwrap().to_string(),
            date_start: g["date_start"].as_str().unwrap().parse().unwrap(),
            date_end: g["date_end"].as_str().unwrap().parse().unwrap(),
            point: geo::Point::new(
                g["longitude"].as_f64().unwrap(),
                g["latitude"].as_f64().unwrap(),
            ),
        })
        .collect()
}

/// The figures the README quotes; run with `cargo test --test extract -- --nocapture`.
#[test]
fn accuracy_on_the_annotated_set() {
    let data = DataPaths::new(repo().join("data"));
    let reference = Resources::load(&data).expect("the shipped data loads");
    let extractor = reference.extractor();
    let set: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/fixtures/annotated/set.json")).unwrap(),
    )
    .unwrap();
    let mut by_lang = [
        ("ar", Score::default()),
        ("en", Score::default()),
        ("all", Score::default()),
    ];
    for item in set.as_array().unwrap() {
        let lang = if item["lang"] == "ar" {
            Lang::Ar
        } else {
            Lang::En
        };
        let published: NaiveDate = parse_published(item["published"].as_str().unwrap())
            .unwrap()
            .date_naive();
        let proposed =
            extractor.extract(item["text"].as_str().unwrap(), published, Some(lang), "set");
        let s = score(&proposed, &gold(item));
        if s.true_positives < s.gold || s.true_positives < s.proposed {
            let got: Vec<String> = proposed
                .iter()
                .map(|c| {
                    format!(
                        "{} {} {} {}",
                        c.event.date, c.event.event_type, c.event.location, c.confidence
                    )
                })
                .collect();
            eprintln!(
                "{}: {}/{} gold found, {} proposed: {got:?}",
                item["id"], s.true_positives, s.gold, s.proposed
            );
        }
        for (name, total) in by_lang.iter_mut() {
            if *name == "all" || item["lang"] == *name {
                total.add(&s);
            }
        }
    }
    println!("| set | events | precision | recall | F1 | dates exact | places within 10 km |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, s) in &by_lang {
        println!(
            "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.0}% ({}/{}) | {:.0}% ({}/{}) |",
            s.gold,
            s.precision(),
            s.recall(),
            s.f1(),
            100.0 * s.date_accuracy(),
            s.dates.1,
            s.dates.0,
            100.0 * s.place_accuracy(),
            s.places.1,
            s.places.0
        );
    }
    let all = &by_lang[2].1;
    assert!(all.gold >= 40, "the set has at least 40 gold events");
    // Floors at the figures reached so far, so a change that loses ground fails. Issue 3's
    // targets (F1 0.8, dates 90%, places 90%) are not all reached yet; the README says so.
    assert!(all.f1() >= 0.70, "event F1 {:.2} fell below 0.70", all.f1());
    assert!(
        all.date_accuracy() >= 0.75,
        "dates exact {:.2} fell below 0.75",
        all.date_accuracy()
    );
    assert!(
        all.place_accuracy() >= 0.85,
        "places {:.2} fell below 0.85",
        all.place_accuracy()
    );
}

/// A place name written with an invisible joiner, with decomposed accents (NFD) or in
/// quotes is the same name: all three used to be missed.
#[test]
fn places_with_invisible_marks_decomposed_accents_or_quotes_are_found() {
    let data = DataPaths::new(repo().join("data"));
    let reference = Resources::load(&data).expect("the shipped data loads");
    let extractor = reference.extractor();
    let published: NaiveDate = "2019-09-01".parse().unwrap();
    for (text, lang, words) in [
        (
            "قصفت قوات حفتر مدينة مصرا\u{200D}تة أمس",
            Lang::Ar,
            "مصرا\u{200D}تة",
        ),
        (
            "Haftar's forces shelled Mis\u{0327}ra\u{0304}tah on Sunday.",
            Lang::En,
            "Mis\u{0327}ra\u{0304}tah",
        ),
        (
            "Haftar's forces shelled 'Misrata' on Sunday.",
            Lang::En,
            "Misrata",
        ),
    ] {
        let found = extractor.extract(text, published, Some(lang), "test");
        assert_eq!(found.len(), 1, "{text:?}");
        assert_eq!(
            found[0].event.geonameid.as_deref(),
            Some("2214846"),
            "{text:?}"
        );
        assert_eq!(found[0].provenance.place.text, words, "{text:?}");
    }
}

/// Whatever text comes in, extraction and date resolution return; they never panic. Texts
/// are drawn from a fixed word list with a small linear congruential generator, so the run
/// is the same every time.
#[test]
fn mixed_and_broken_text_never_panics() {
    let data = DataPaths::new(repo().join("data"));
    let reference = Resources::load(&data).expect("the shipped data loads");
    let extractor = reference.extractor();
    let words: Vec<&str> = "طرابلس عين زارة والخلة قصف غارة أمس الخميس الماضي السابع من أبريل/نيسان ١٩ ٢٠٢٠ بعد ثلاثة أيام من بدء هجوم \
        Tripoli air strike on Sunday 19-23 October last week ، . ؟ - ـ ( ) \" في ب ل و ال Misurata clashes لم ستشن \
        the same day اليوم التالي ٥ حزيران جوان 19يناير2020 وفي TRIPOLI, April 7 (Reuters) - \n ـ"
        .split(' ')
        .collect();
    let mut seed: u64 = 20190404;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let published: NaiveDate = "2019-05-01".parse().unwrap();
    for _ in 0..400 {
        let n = next(50);
        let mut text: String = (0..n)
            .map(|_| words[next(words.len())])
            .collect::<Vec<_>>()
            .join(" ");
        if next(4) == 0 {
            // Cut inside the text at a character boundary: half sentences, lone clitics.
            let cut = text
                .char_indices()
                .map(|(i, _)| i)
                .nth(next(text.chars().count().max(1)))
                .unwrap_or(0);
            text.truncate(cut);
        }
        for lang in [None, Some(Lang::Ar), Some(Lang::En)] {
            for c in extractor.extract(&text, published, lang, "fuzz") {
                assert!((0.0..=1.0).contains(&c.confidence));
            }
        }
        let _ = frontline::temporal::resolve(&text, published, Lang::Ar);
        let _ = frontline::temporal::resolve(&text, published, Lang::En);
    }
}
