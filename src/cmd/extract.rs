//! `frontline extract FILE… --published T`: candidate events from news text.

use super::date::{published, LangArg};
use super::Status;
use crate::dataset::DataPaths;
use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::extract::{Candidate, Resources, Words};
use crate::format::{csv_writer, geojson_writer};
use crate::front::Fronts;
use crate::output::Target;
use clap::ValueEnum;
use geo::BoundingRect;
use serde_json::{json, Map, Value};
use std::io::Read;
use std::path::{Path, PathBuf};

/// `frontline extract`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text files to read; `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// When the text was published: RFC 3339, YYYY-MM-DDTHH:MM or YYYY-MM-DD.
    #[arg(long)]
    pub published: String,
    /// The language of the text.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    /// Write here (whole or not at all) instead of standard output; `-` for standard
    /// output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The data folder whose gazetteer, fronts and lexicons to use.
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
}

/// Output formats of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// frontline's event columns, valid input for `build` once reviewed.
    Csv,
    /// An array of event objects with `confidence` and `provenance`.
    Json,
    /// A FeatureCollection, as `build` writes.
    Geojson,
}

/// Proposes the events of every file and writes them.
pub fn run(args: Args) -> Result<Status, Error> {
    let text = propose(&args)?;
    let mut out = Target::new(args.output.as_deref())?;
    out.put(text.as_bytes())?;
    out.commit()?;
    Ok(Status::Done)
}

/// Reads every file (or standard input for `-`) and proposes their events; the text to
/// write.
fn propose(args: &Args) -> Result<String, Error> {
    let (files, format) = (&args.files, args.format);
    let published = published(&args.published)?;
    let resources = Resources::load(&DataPaths::new(&args.data))?;
    let extractor = resources.extractor();
    let fronts = &resources.reference.fronts;
    let lang = args.lang.lang();
    let mut problems = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    for file in files {
        let Some(text) = read_text(file, &mut problems)? else {
            continue;
        };
        let source = if file.as_os_str() == "-" {
            "stdin".to_string()
        } else {
            file.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        candidates.extend(extractor.extract(&text, published.date_naive(), lang, &source));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    for (i, c) in candidates.iter_mut().enumerate() {
        c.event.event_id_cnty = format!("EXT{:04}", i + 1);
    }
    Ok(match format {
        ExtractFormat::Json => {
            let items: Vec<Value> = candidates
                .iter()
                .map(|c| Value::Object(properties(c, fronts)))
                .collect();
            let mut text = serde_json::to_string_pretty(&items).unwrap_or_default();
            text.push('\n');
            text
        }
        ExtractFormat::Csv => {
            let events: Vec<&crate::event::Event> = candidates.iter().map(|c| &c.event).collect();
            csv_writer::write(&events, &["confidence", "provenance"], &|i| {
                let c = &candidates[i];
                vec![
                    format!("{:.2}", c.confidence),
                    c.provenance.sentence.clone(),
                ]
            })
        }
        ExtractFormat::Geojson => {
            let features: Vec<Value> = candidates
                .iter()
                .map(|c| {
                    json!({
                        "type": "Feature",
                        "id": c.event.event_id_cnty,
                        "geometry": {"type": "Point", "coordinates": [geojson_writer::round6(c.event.longitude()), geojson_writer::round6(c.event.latitude())]},
                        "properties": properties(c, fronts),
                    })
                })
                .collect();
            let points: geo::MultiPoint<f64> = candidates
                .iter()
                .map(|c| c.event.point)
                .collect::<Vec<_>>()
                .into();
            geojson_writer::collection("extract", points.bounding_rect(), &features)
        }
    })
}

fn words_json(w: &Words) -> Value {
    json!({"text": w.text, "start": w.start, "end": w.end})
}

fn properties(c: &Candidate, fronts: &Fronts) -> Map<String, Value> {
    let mut p = geojson_writer::event_properties(&c.event, fronts);
    p.insert("confidence".into(), c.confidence.into());
    let prov = &c.provenance;
    p.insert(
        "provenance".into(),
        json!({
            "sentence": prov.sentence,
            "sentence_start": prov.sentence_start,
            "sentence_end": prov.sentence_end,
            "trigger": words_json(&prov.trigger),
            "date": prov.date.as_ref().map(words_json),
            "date_kind": prov.date_kind,
            "place": words_json(&prov.place),
        }),
    );
    p
}

/// The text of a file, or a problem saying why it is not news text we can read.
fn read_text(path: &Path, problems: &mut Vec<Diagnostic>) -> Result<Option<String>, Error> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::read(path, e))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    }
    let origin = Origin::file(path);
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        problems.push(Diagnostic::record(
            &origin,
            "UTF-8 text (this file is UTF-16; re-save it as UTF-8)",
        ));
        return Ok(None);
    }
    if bytes.contains(&0) {
        problems.push(Diagnostic::record(
            &origin,
            "text (this file holds binary data)",
        ));
        return Ok(None);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        problems.push(Diagnostic::record(
            &origin,
            "UTF-8 text (this file is in another encoding, perhaps Windows-1256 or ISO-8859-6; convert it with `iconv -f WINDOWS-1256 -t UTF-8`)",
        ));
        return Ok(None);
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    if text.trim().is_empty() {
        problems.push(Diagnostic::record(
            &origin,
            "some text (this file is empty)",
        ));
        return Ok(None);
    }
    Ok(Some(text))
}
