//! A change of control: who holds a place from a date, and the reports that say so. Changes
//! come from two places: the rows of `control.csv`, and the territory-change events of any
//! events file (ACLED's "Government regains territory", "Non-state actor overtakes
//! territory" and "Non-violent transfer of territory"), so an ACLED export gives control
//! without a file of its own.

use super::place::Places;
use super::sides::Sides;
use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::event::date::DateInterval;
use crate::event::record::{self, Header, RawRecord};
use crate::event::{ClaimStatus, Event, Source};
use std::path::Path;
use std::sync::Arc;

/// The columns of a control file, in order.
pub const COLUMNS: [&str; 14] = [
    "control_id",
    "date",
    "location",
    "location_ar",
    "country",
    "latitude",
    "longitude",
    "side",
    "actor",
    "change",
    "source",
    "source_url",
    "published",
    "notes",
];

/// ACLED's sub-event types that move territory (ACLED codebook, "Battles" and "Strategic
/// developments").
pub const TERRITORY_SUB_EVENT_TYPES: [&str; 3] = [
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
];

/// What happened to a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Taken by force.
    Captured,
    /// Taken back by a side that held it before (ACLED's "Government regains territory").
    Retaken,
    /// Given up without a fight and entered by the other side (ACLED's "Non-violent
    /// transfer of territory").
    HandedOver,
    /// Its forces or notables declared for a side.
    DeclaredAllegiance,
    /// Fought over, or claimed by a side and not confirmed: nobody is known to hold it.
    Contested,
    /// No change: a report that the side held it that day.
    Held,
}

impl Kind {
    /// Every kind, in the order written.
    pub const ALL: [Kind; 6] = [
        Kind::Captured,
        Kind::Retaken,
        Kind::HandedOver,
        Kind::DeclaredAllegiance,
        Kind::Contested,
        Kind::Held,
    ];

    /// The word written in `change`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Captured => "captured",
            Kind::Retaken => "retaken",
            Kind::HandedOver => "handed over",
            Kind::DeclaredAllegiance => "declared allegiance",
            Kind::Contested => "contested",
            Kind::Held => "held",
        }
    }

    /// The kind a word names (case and `_`/`-` for the space do not matter).
    pub fn parse(text: &str) -> Option<Kind> {
        let text = text.trim().to_ascii_lowercase().replace(['_', '-'], " ");
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Where a change was read from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Basis {
    /// A territory-change event, by its id.
    Event(String),
    /// A row of a control file, by its `control_id`.
    File(String),
}

impl Basis {
    /// The id of the event or row.
    pub fn id(&self) -> &str {
        match self {
            Basis::Event(id) | Basis::File(id) => id,
        }
    }
}

/// One change of control of one place.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The event or row it was read from.
    pub basis: Basis,
    /// When: the change is known to have happened by the last day (a day, a span, a month,
    /// a year, as events are dated).
    pub date: DateInterval,
    /// The place, as the place table has it.
    pub place: usize,
    /// The side that holds it after the change (for `contested`: the side that attacks or
    /// claims it), a canonical name.
    pub side: String,
    /// The forces named with the side, as written.
    pub actors: Vec<String>,
    /// What happened.
    pub kind: Kind,
    /// The reports.
    pub sources: Vec<Source>,
    /// What the reports say, in a line.
    pub notes: String,
    /// File and line.
    pub origin: Origin,
}

impl Change {
    /// The first day on which the change is known to have happened: the end of its date.
    pub fn known_from(&self) -> chrono::NaiveDate {
        self.date.end
    }

    /// The first source, for tables.
    pub fn first_source(&self) -> Option<&Source> {
        self.sources.first()
    }
}

/// Reads a control file, placing each row through `places`; a missing file has no rows.
/// Every bad row is reported with its line, field and value; `actors`, when given, is the
/// lexicon's canonical actor names, which `side` and `actor` must use.
pub fn load(
    path: &Path,
    places: &mut Places,
    sides: &Sides,
    actors: Option<&[String]>,
) -> Result<Vec<Change>, Error> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
    parse(path, &text, places, sides, actors)
}

/// Reads the text of a control file named `path` (for messages).
pub fn parse(
    path: &Path,
    text: &str,
    places: &mut Places,
    sides: &Sides,
    actors: Option<&[String]>,
) -> Result<Vec<Change>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let names: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            return Err(Error::invalid(Diagnostic::record(
                &Origin::at(path, 1),
                format!("a CSV header ({e})"),
            )))
        }
    };
    if names != COLUMNS {
        return Err(Error::invalid(Diagnostic::field(
            &Origin::at(path, 1),
            "header",
            &names.join(","),
            format!("the columns {}", COLUMNS.join(",")),
        )));
    }
    let header = Arc::new(Header::new(names.iter().map(String::as_str)));
    let file: Arc<Path> = Arc::from(path);
    let mut problems = Vec::new();
    let mut changes = Vec::new();
    let mut ids = std::collections::HashMap::new();
    for row in reader.records() {
        let values = match row {
            Ok(v) => v,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(Diagnostic::record(
                    &Origin::at(path, line),
                    format!("a CSV row ({e})"),
                ));
                continue;
            }
        };
        let origin = Origin::shared(&file, values.position().map_or(0, |p| p.line()));
        if values.len() != COLUMNS.len() {
            problems.push(Diagnostic::record(
                &origin,
                format!(
                    "{} fields, one per column ({} found)",
                    COLUMNS.len(),
                    values.len()
                ),
            ));
            continue;
        }
        let raw = RawRecord {
            origin: origin.clone(),
            header: Arc::clone(&header),
            values,
        };
        let id = raw.field("control_id");
        if !id.is_empty() {
            match ids.get(id) {
                Some(first) => problems.push(Diagnostic::field(
                    &origin,
                    "control_id",
                    id,
                    format!("an id used once (also at {first})"),
                )),
                None => {
                    ids.insert(id.to_string(), origin.clone());
                }
            }
        }
        changes.extend(row_change(&raw, places, sides, actors, &mut problems));
    }
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// One row checked into a change; every problem is pushed.
fn row_change(
    raw: &RawRecord,
    places: &mut Places,
    sides: &Sides,
    actors: Option<&[String]>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Change> {
    let origin = &raw.origin;
    let before = problems.len();
    let mut bad = |field: &str, value: &str, expected: &str| {
        problems.push(Diagnostic::field(origin, field, value, expected));
    };
    let id = raw.field("control_id");
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
    {
        bad(
            "control_id",
            id,
            "an id of letters and digits, e.g. CTL0001",
        );
    }
    let date_text = raw.field("date");
    let date = DateInterval::parse(date_text);
    if date.is_none() {
        bad(
            "date",
            date_text,
            "a date YYYY-MM-DD, YYYY-MM or YYYY, or an interval START/END",
        );
    }
    let known = |name: &str| actors.is_none_or(|list| list.iter().any(|a| a == name));
    let side = raw.field("side");
    if side.is_empty() {
        bad(
            "side",
            "",
            "the holding side's canonical actor name, e.g. GNA: Government of National Accord",
        );
    } else if !sides.sides.is_empty() && sides.get(side).is_none() {
        let names: Vec<&str> = sides.sides.iter().map(|s| s.name.as_str()).collect();
        bad(
            "side",
            side,
            &format!("a side of sides.csv: {}", names.join(", ")),
        );
    } else if !known(side) {
        bad(
            "side",
            side,
            "an actor named as data/lexicon/actors.tsv names it",
        );
    }
    let actor_list = record::list(raw.field("actor"));
    for actor in &actor_list {
        if !known(actor) {
            bad(
                "actor",
                actor,
                "an actor named as data/lexicon/actors.tsv names it",
            );
        }
    }
    let kind_text = raw.field("change");
    let kind = Kind::parse(kind_text);
    if kind.is_none() {
        let words: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        bad(
            "change",
            kind_text,
            &format!("one of: {}", words.join(", ")),
        );
    }
    let sources = record::parse_sources(raw, &mut bad);
    let place = places.resolve_row(raw, problems);
    if problems.len() > before {
        return None;
    }
    let side = sides.get(side).map_or(side.to_string(), |s| s.name.clone());
    Some(Change {
        basis: Basis::File(id.to_string()),
        date: date?,
        place: place?,
        side,
        actors: actor_list,
        kind: kind?,
        sources,
        notes: raw.field("notes").to_string(),
        origin: origin.clone(),
    })
}

/// The change a territory-change event makes, if it is one: actor1 takes the place
/// (ACLED codes the side that gains territory first); a side's claim that nobody confirmed,
/// or a disputed one, makes the place contested rather than taken.
pub fn from_event(event: &Event, places: &mut Places, sides: &Sides) -> Option<Change> {
    let kind = match event.sub_event_type {
        "Government regains territory" => Kind::Retaken,
        "Non-state actor overtakes territory" => Kind::Captured,
        "Non-violent transfer of territory" => Kind::HandedOver,
        _ => return None,
    };
    let kind = match event.claim.status {
        ClaimStatus::Confirmed => kind,
        ClaimStatus::Claimed | ClaimStatus::Disputed => Kind::Contested,
    };
    let takers: Vec<&String> = event.actor1.iter().chain(&event.assoc_actor_1).collect();
    let side = takers
        .iter()
        .find_map(|a| sides.side_of(a))
        .map(|s| s.name.clone())
        .or_else(|| takers.first().map(|a| a.to_string()))?;
    let place = places.of_event(event);
    Some(Change {
        basis: Basis::Event(event.event_id_cnty.clone()),
        date: event.date,
        place,
        side,
        actors: takers.into_iter().cloned().collect(),
        kind,
        sources: event.sources.clone(),
        notes: event.notes.clone(),
        origin: event.origin.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{DataPaths, Reference};

    const HEADER: &str = "control_id,date,location,location_ar,country,latitude,longitude,side,actor,change,source,source_url,published,notes\n";

    fn reference() -> Reference {
        Reference::load(&DataPaths::new(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        ))
        .unwrap()
    }

    fn sides() -> Sides {
        Sides::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sides.csv")).unwrap()
    }

    #[test]
    fn a_row_becomes_a_change_at_its_place() {
        let reference = reference();
        let mut places = Places::new(&reference);
        let text = format!("{HEADER}CTL1,2019-04-04,Gharyan,غريان,Libya,,,LNA: Libyan National Army (Haftar),,captured,Reuters,https://www.reuters.com/x,2019-04-04,\n");
        let changes = parse(Path::new("control.csv"), &text, &mut places, &sides(), None).unwrap();
        assert_eq!(changes.len(), 1);
        let place = &places.places[changes[0].place];
        assert_eq!(place.name, "Gharyan");
        assert_eq!(place.name_ar, "غريان");
        assert_eq!(place.front, "gharyan");
        assert_eq!(changes[0].kind, Kind::Captured);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line_and_field() {
        let reference = reference();
        let mut places = Places::new(&reference);
        let actors = vec!["GNA: Government of National Accord".to_string()];
        let text = format!(
            "{HEADER}\
             CTL1,2019-13-01,Gharyan,,,,,GNA: Government of National Accord,,taken,Reuters,,,\n\
             CTL2,2019-04-04,Nowhere at all,,,,,Haftar,,captured,,,,\n\
             CTL3,2019-04-04,Gharyan,,,,,GNA: Government of National Accord,Ghost Brigade,held,Reuters,www.reuters.com,,\n\
             CTL3,2019-04-05,Gharyan,,,,,GNA: Government of National Accord,,held,Reuters,,,\n"
        );
        let Err(Error::Invalid(problems)) = parse(
            Path::new("control.csv"),
            &text,
            &mut places,
            &sides(),
            Some(&actors),
        ) else {
            panic!("expected problems");
        };
        let found: Vec<(u64, String)> = problems
            .iter()
            .map(|p| {
                (
                    p.origin.line.unwrap_or(0),
                    p.field.clone().unwrap_or_default(),
                )
            })
            .collect();
        let expected = [
            (2, "date"),
            (2, "change"),
            (3, "side"),
            (3, "source"),
            (3, "location"),
            (4, "actor"),
            (4, "source_url"),
            (5, "control_id"),
        ];
        assert_eq!(
            found,
            expected.map(|(l, f)| (l, f.to_string())),
            "{problems:#?}"
        );
    }

    #[test]
    fn kinds_read_as_written() {
        assert_eq!(Kind::parse("Handed_over"), Some(Kind::HandedOver));
        assert_eq!(
            Kind::parse("declared-allegiance"),
            Some(Kind::DeclaredAllegiance)
        );
        assert_eq!(Kind::parse("won"), None);
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
    }
}
