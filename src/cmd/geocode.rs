//! `frontline geocode NAME…`: where each name is placed, the candidates, and why.

use super::Status;
use crate::dataset::{DataPaths, Reference};
use crate::error::Error;
use crate::format::geojson_writer::round6;
use crate::front::Fronts;
use crate::gazetteer::geocode::{Candidate, NotFound};
use crate::gazetteer::Gazetteer;
use crate::locate::{locate, Found};
use crate::output::Target;
use clap::ValueEnum;
use serde_json::{json, Value};
use std::path::PathBuf;

/// `frontline geocode`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Place names, in Arabic or Latin script.
    #[arg(required = true)]
    pub names: Vec<String>,
    /// Prefer places in this country (name or ISO code, e.g. LY).
    #[arg(long)]
    pub country: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GeocodeFormat::Table)]
    pub format: GeocodeFormat,
    /// The data folder whose gazetteer to use.
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
}

/// Output formats of `geocode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GeocodeFormat {
    /// Aligned text for a person.
    Table,
    /// A JSON array, one object per name.
    Json,
}

/// Places each name as `build` would and prints the answers; a name not found is
/// "nothing matched" (exit 1), told in the answer with suggestions.
pub fn run(args: Args) -> Result<Status, Error> {
    let reference = Reference::load(&DataPaths::new(&args.data))?;
    let (text, all_found) = answer(
        &reference.gazetteer,
        &reference.fronts,
        &args.names,
        args.country.as_deref(),
        args.format,
    );
    let mut out = Target::stdout();
    out.put(text.as_bytes())?;
    out.commit()?;
    Ok(if all_found {
        Status::Done
    } else {
        Status::NothingMatched
    })
}

/// The answer for every name, and whether every name was found.
pub fn answer(
    gazetteer: &Gazetteer,
    fronts: &Fronts,
    names: &[String],
    country: Option<&str>,
    format: GeocodeFormat,
) -> (String, bool) {
    let results: Vec<(&str, Result<Found, NotFound>)> = names
        .iter()
        .map(|n| (n.as_str(), locate(gazetteer, fronts, n, country)))
        .collect();
    let all_found = results.iter().all(|(_, r)| r.is_ok());
    let text = match format {
        GeocodeFormat::Json => {
            let items: Vec<Value> = results.iter().map(|(q, r)| to_json(q, r)).collect();
            let mut text = serde_json::to_string_pretty(&items).unwrap_or_default();
            text.push('\n');
            text
        }
        GeocodeFormat::Table => results
            .iter()
            .map(|(q, r)| to_table(q, r))
            .collect::<Vec<_>>()
            .join("\n"),
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

fn to_json(query: &str, result: &Result<Found, NotFound>) -> Value {
    let found = match result {
        Ok(found) => found,
        Err(e) => {
            return json!({"query": query, "error": e.to_string(), "suggestions": e.suggestions})
        }
    };
    let point = found.point();
    let (name, country, feature_code, reason, candidates) = match found {
        Found::Place(r) => {
            let w = r.winner();
            (
                w.place.name.clone(),
                Value::from(w.place.country_code.clone()),
                w.place.feature_code.clone(),
                r.reason.clone(),
                r.candidates.iter().map(candidate_json).collect(),
            )
        }
        Found::Front(f) => (
            f.name.clone(),
            Value::Null,
            "AREA".to_string(),
            front_reason(f),
            Vec::new(),
        ),
    };
    json!({
        "query": query,
        "name": name,
        "latitude": round6(point.y()),
        "longitude": round6(point.x()),
        "country": country,
        "geonameid": found.geonameid(),
        "geo_precision": found.geo_precision().as_str(),
        "feature_code": feature_code,
        "reason": reason,
        "candidates": candidates,
    })
}

fn front_reason(front: &crate::front::Front) -> String {
    format!(
        "not in the gazetteer; names the front {} ({}), placed at the centre of its area",
        front.id, front.name_ar
    )
}

fn to_table(query: &str, result: &Result<Found, NotFound>) -> String {
    let found = match result {
        Ok(found) => found,
        Err(e) => return format!("{query}\n  error: {e}\n"),
    };
    let point = found.point();
    let mut out = match found {
        Found::Place(r) => {
            let w = r.winner();
            format!(
                "{query} → {} ({}, {}) lat {:.5} lon {:.5}, geonameid {}, {}\n  why: {}\n",
                w.place.name,
                w.place.country_code,
                w.place.feature_code,
                point.y(),
                point.x(),
                w.place.geonameid,
                found.geo_precision(),
                r.reason
            )
        }
        Found::Front(f) => format!(
            "{query} → front {} lat {:.5} lon {:.5}, {}\n  why: {}\n",
            f.name,
            point.y(),
            point.x(),
            found.geo_precision(),
            front_reason(f)
        ),
    };
    if let Found::Place(r) = found {
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
    }
    out
}
