//! Extraction speed: paragraphs per second on one core, over the project's annotated set and
//! report fixture repeated to a few thousand paragraphs.
//!
//! Run with `cargo bench --bench extract`. It prints the median of several rounds; the issue's
//! target is 1,000 news paragraphs per second or better.

use frontline::dataset::DataPaths;
use frontline::extract::Resources;
use frontline::temporal::parse_published;
use std::time::Instant;

fn main() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = DataPaths::new(root.join("data"));
    let reference = Resources::load(&data).expect("the shipped data loads");
    let extractor = reference.extractor();

    let set: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/fixtures/annotated/set.json"))
            .expect("annotated set"),
    )
    .expect("JSON");
    let mut paragraphs: Vec<(String, chrono::NaiveDate)> = Vec::new();
    for item in set.as_array().expect("array") {
        let published = parse_published(item["published"].as_str().unwrap_or(""))
            .expect("published")
            .date_naive();
        for p in item["text"].as_str().unwrap_or("").split("\n\n") {
            paragraphs.push((p.to_string(), published));
        }
    }
    let report =
        std::fs::read_to_string(root.join("tests/fixtures/extract/us-forces-return.ar.txt"))
            .expect("report");
    let day = parse_published("2019-05-01T18:49:00+03:00")
        .expect("published")
        .date_naive();
    for p in report.split("\n\n") {
        paragraphs.push((p.to_string(), day));
    }
    let base = paragraphs.len();
    while paragraphs.len() < 5_000 {
        paragraphs.push(paragraphs[paragraphs.len() % base].clone());
    }

    let mut rates = Vec::new();
    let mut proposed = 0;
    for _ in 0..7 {
        let start = Instant::now();
        proposed = 0;
        for (text, published) in &paragraphs {
            proposed += extractor.extract(text, *published, None, "bench").len();
        }
        rates.push(paragraphs.len() as f64 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "extract: {} paragraphs ({} distinct), {proposed} candidates per round; median {:.0} paragraphs/s (min {:.0}, max {:.0}) over {} rounds",
        paragraphs.len(),
        base,
        rates[rates.len() / 2],
        rates[0],
        rates[rates.len() - 1],
        rates.len()
    );
}
