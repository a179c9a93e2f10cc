//! `frontline geocode NAME…`: the gazetteer's answer for each name, with its reasons.

use crate::cli::GeocodeFormat;
use crate::format::geojson_writer::round6;
use crate::gazetteer::geocode::{Candidate, NotFound, Resolution};
use crate::gazetteer::Gazetteer;
use serde_json::{json, Value};

/// Geocodes each name; returns the text to print and whether every name was found.
pub fn run(
    gazetteer: &Gazetteer,
    names: &[String],
    country: Option<&str>,
    format: GeocodeFormat,
) -> (String, bool) {
    let results: Vec<Result<Resolution, NotFound>> = names
        .iter()
        .map(|n| gazetteer.geocode(n, country))
        .collect();
    let all_found = results.iter().all(Result::is_ok);
    let text = match format {
        GeocodeFormat::Json => {
            let items: Vec<Value> = results.iter().map(to_json).collect();
            let mut text = serde_json::to_string_pretty(&items).unwrap_or_default();
            text.push('\n');
            text
        }
        GeocodeFormat::Table => results.iter().map(to_table).collect::<Vec<_>>().join("\n"),
    };
    (text, all_found)
}

fn candidate_json(c: &Candidate) -> Value {
    json!({
        "name": c.place.name,
        "matched_name": c.matched_name,
        "match": c.matched.as_str(),
        "latitude": round6(c.place.latitude),
        "longitude": round6(c.place.longitude),
        "country": c.place.country_code,
        "geonameid": c.place.geonameid,
        "feature_code": c.place.feature_code,
        "population": c.place.population,
        "source": c.place.source,
    })
}

fn to_json(result: &Result<Resolution, NotFound>) -> Value {
    match result {
        Ok(r) => {
            let w = r.winner();
            json!({
                "query": r.query,
                "name": w.place.name,
                "latitude": round6(w.place.latitude),
                "longitude": round6(w.place.longitude),
                "country": w.place.country_code,
                "geonameid": w.place.geonameid,
                "geo_precision": w.geo_precision().as_str(),
                "feature_code": w.place.feature_code,
                "reason": r.reason,
                "candidates": r.candidates.iter().map(candidate_json).collect::<Vec<_>>(),
            })
        }
        Err(e) => json!({"query": e.query, "error": e.to_string(), "suggestions": e.suggestions}),
    }
}

fn to_table(result: &Result<Resolution, NotFound>) -> String {
    match result {
        Err(e) => format!("{}\n  error: {e}\n", e.query),
        Ok(r) => {
            let w = r.winner();
            let mut out = format!(
                "{} → {} ({}, {}) lat {:.5} lon {:.5}, geonameid {}, {}\n  why: {}\n",
                r.query,
                w.place.name,
                w.place.country_code,
                w.place.feature_code,
                w.place.latitude,
                w.place.longitude,
                w.place.geonameid,
                w.geo_precision(),
                r.reason
            );
            for (i, c) in r.candidates.iter().enumerate() {
                out.push_str(&format!(
                    "  {} {:<28} {:<3} {:<5} {:>9.5} {:>10.5} pop {:<8} {} \"{}\" [{}] {}\n",
                    if i == 0 { "*" } else { " " },
                    c.place.name,
                    c.place.country_code,
                    c.place.feature_code,
                    c.place.latitude,
                    c.place.longitude,
                    c.place.population,
                    c.matched.as_str(),
                    c.matched_name,
                    c.place.geonameid,
                    c.place.source
                ));
            }
            out
        }
    }
}
