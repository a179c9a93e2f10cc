//! Events as CSV in frontline's columns (ACLED's names first), which `build` reads back.

use crate::event::record::{Column, Header, RawRecord, COLUMNS};
use crate::event::{ClaimStatus, Event, Source, Stance};
use crate::format::geojson_writer::{round6, LIST_SEPARATOR};
use std::sync::Arc;

/// The value of one of frontline's columns for an event, as frontline writes it.
pub fn value(event: &Event, column: Column) -> String {
    let join = |items: &[String]| items.join(LIST_SEPARATOR);
    let count = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    let sources = &event.sources;
    let aligned = |f: &dyn Fn(&Source) -> String| {
        let values: Vec<String> = sources.iter().map(f).collect();
        if values.iter().all(String::is_empty) {
            String::new()
        } else {
            values.join(LIST_SEPARATOR)
        }
    };
    match column {
        Column::EventIdCnty => event.event_id_cnty.clone(),
        // An anchored event keeps its anchor as the source of its date.
        Column::EventDate if event.anchor.is_some() => String::new(),
        Column::EventDate => event.event_date(),
        Column::TimePrecision => event.date.precision.as_str().to_string(),
        Column::Anchor => event
            .anchor
            .as_ref()
            .map(|a| a.to_string())
            .unwrap_or_default(),
        Column::EventType => event.event_type.to_string(),
        Column::SubEventType => event.sub_event_type.to_string(),
        Column::Actor1 => join(&event.actor1),
        Column::AssocActor1 => join(&event.assoc_actor_1),
        Column::Actor2 => join(&event.actor2),
        Column::AssocActor2 => join(&event.assoc_actor_2),
        Column::Country => event.country.clone(),
        Column::Iso => event.iso.map(|n| n.to_string()).unwrap_or_default(),
        Column::Admin1 => event.admin1.clone(),
        Column::Location => event.location.clone(),
        Column::Latitude => round6(event.latitude()).to_string(),
        Column::Longitude => round6(event.longitude()).to_string(),
        Column::GeoPrecision => event.geo_precision.as_str().to_string(),
        Column::Geonameid => event.geonameid.clone().unwrap_or_default(),
        Column::Front => event.front.clone(),
        Column::Fatalities => count(event.fatalities.best),
        Column::FatalitiesLow => count(event.fatalities.low),
        Column::FatalitiesHigh => count(event.fatalities.high),
        Column::ClaimStatus => match event.claim.status {
            // Written only when it says something: most events are confirmed.
            ClaimStatus::Confirmed => String::new(),
            status => status.as_str().to_string(),
        },
        Column::ClaimedBy => join(&event.claim.by),
        Column::Source => join(&sources.iter().map(|s| s.name.clone()).collect::<Vec<_>>()),
        Column::SourceUrl => aligned(&|s| s.url.clone().unwrap_or_default()),
        Column::Published => aligned(&|s| s.published.map(|d| d.to_string()).unwrap_or_default()),
        Column::SourceStance => aligned(&|s| match s.stance {
            Stance::Reports => String::new(),
            stance => stance.as_str().to_string(),
        }),
        Column::Notes => event.notes.clone(),
        Column::Key if event.key => "true".to_string(),
        Column::Key => String::new(),
        Column::Headline => event.headline.clone(),
        Column::HeadlineAr => event.headline_ar.clone(),
        Column::DateStart => event.date.start.to_string(),
        Column::DateEnd => event.date.end.to_string(),
    }
}

/// A CSV writer into memory, with `\n` row ends as every file frontline writes.
pub fn memory_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

/// The bytes a CSV writer wrote into memory. Writing to memory has no I/O to fail, and
/// frontline writes whole records only, so this never loses a row.
pub fn into_bytes(writer: csv::Writer<Vec<u8>>) -> Vec<u8> {
    // Flushing into a Vec cannot fail, so `into_inner` always gives the bytes back.
    writer.into_inner().unwrap_or_default()
}

/// One record as a CSV line (quoted as needed, `\n` at the end).
///
/// # Examples
/// ```
/// use frontline::format::csv_writer::line;
/// assert_eq!(line(["", "a,b", "طرابلس"]), b",\"a,b\",\xd8\xb7\xd8\xb1\xd8\xa7\xd8\xa8\xd9\x84\xd8\xb3\n");
/// ```
pub fn line<I, T>(fields: I) -> Vec<u8>
where
    I: IntoIterator<Item = T>,
    T: AsRef<[u8]>,
{
    let mut writer = memory_writer();
    // Into memory: see `into_bytes`.
    if writer.write_record(fields).is_err() {
        return Vec::new();
    }
    into_bytes(writer)
}

/// One event as the values of [`COLUMNS`], in order.
pub fn event_row(event: &Event) -> Vec<String> {
    Column::ALL[..COLUMNS.len()]
        .iter()
        .map(|c| value(event, *c))
        .collect()
}

/// The columns frontline fills in when a row leaves them empty: what it resolved.
const RESOLVED: [Column; 7] = [
    Column::EventDate,
    Column::TimePrecision,
    Column::Latitude,
    Column::Longitude,
    Column::GeoPrecision,
    Column::Geonameid,
    Column::Front,
];

/// Where each output column is in a row of one header, and which known column it is.
pub type Layout = Vec<(Option<usize>, Option<Column>)>;

/// The columns of a CSV written "as read": every column of every input file, in the order
/// first seen.
#[derive(Clone, Debug, Default)]
pub struct WrittenColumns {
    names: Vec<Arc<str>>,
}

impl WrittenColumns {
    /// Adds the columns of one file's header that are not there yet.
    pub fn add(&mut self, header: &Header) {
        for name in header.names() {
            if !self.names.contains(name) {
                self.names.push(Arc::clone(name));
            }
        }
    }

    /// The header row.
    pub fn names(&self) -> &[Arc<str>] {
        &self.names
    }

    /// Where each output column is in rows of one header, and which known column it is.
    pub fn layout(&self, header: &Header) -> Layout {
        self.names
            .iter()
            .map(|name| {
                let known = Column::ALL.iter().copied().find(|c| c.name() == &**name);
                let at = header.names().iter().position(|n| n == name);
                (at, known)
            })
            .collect()
    }
}

/// Writes one row as it was read: every value as written, with the cells frontline resolves
/// (date, coordinates, precision, front) filled in when the row left them empty.
pub fn write_as_read<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    record: &RawRecord,
    event: &Event,
    layout: &[(Option<usize>, Option<Column>)],
) -> csv::Result<()> {
    for (at, known) in layout {
        let written = at.and_then(|i| record.values.get(i)).unwrap_or("");
        match known {
            Some(column) if written.trim().is_empty() && RESOLVED.contains(column) => {
                writer.write_field(value(event, *column))?
            }
            _ => writer.write_field(written)?,
        }
    }
    writer.write_record(None::<&[u8]>)
}

/// A CSV text of events with frontline's columns, then `extra` columns whose values come
/// from `extra_values` for each event.
pub fn write(
    events: &[&Event],
    extra: &[&str],
    extra_values: &dyn Fn(usize) -> Vec<String>,
) -> String {
    let header = COLUMNS.iter().copied().chain(extra.iter().copied());
    let mut bytes = line(header);
    for (i, event) in events.iter().enumerate() {
        let mut row = event_row(event);
        row.extend(extra_values(i));
        bytes.extend(line(&row));
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
