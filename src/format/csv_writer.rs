//! Events as CSV in frontline's columns (ACLED's names first), which `build` reads back.

use crate::event::record::COLUMNS;
use crate::event::Event;
use crate::format::geojson_writer::round6;

/// One event as the values of [`COLUMNS`], in order.
pub fn event_row(event: &Event) -> Vec<String> {
    let join = |items: &[String]| items.join(";");
    let count = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    let sources = &event.sources;
    let aligned = |f: &dyn Fn(&crate::event::Source) -> String| {
        let values: Vec<String> = sources.iter().map(f).collect();
        if values.iter().all(String::is_empty) {
            String::new()
        } else {
            values.join(";")
        }
    };
    let row = [
        event.event_id_cnty.clone(),
        // An anchored event keeps its anchor as the source of its date.
        if event.anchor.is_some() {
            String::new()
        } else {
            event.date.to_string()
        },
        event.date.precision.as_str().to_string(),
        event
            .anchor
            .as_ref()
            .map(|a| a.to_string())
            .unwrap_or_default(),
        event.event_type.to_string(),
        event.sub_event_type.to_string(),
        join(&event.actor1),
        join(&event.assoc_actor_1),
        join(&event.actor2),
        join(&event.assoc_actor_2),
        event.country.clone(),
        event.iso.map(|n| n.to_string()).unwrap_or_default(),
        event.admin1.clone(),
        event.location.clone(),
        round6(event.latitude()).to_string(),
        round6(event.longitude()).to_string(),
        event.geo_precision.as_str().to_string(),
        event.geonameid.clone().unwrap_or_default(),
        event.front.clone(),
        count(event.fatalities.best),
        count(event.fatalities.low),
        count(event.fatalities.high),
        join(&sources.iter().map(|s| s.name.clone()).collect::<Vec<_>>()),
        aligned(&|s| s.url.clone().unwrap_or_default()),
        aligned(&|s| s.published.map(|d| d.to_string()).unwrap_or_default()),
        event.notes.clone(),
        if event.key {
            "true".to_string()
        } else {
            String::new()
        },
        event.headline.clone(),
        event.headline_ar.clone(),
    ];
    debug_assert_eq!(row.len(), COLUMNS.len());
    row.to_vec()
}

/// A CSV text of events with frontline's columns, then `extra` columns whose values come
/// from `extra_values` for each event.
pub fn write(
    events: &[&Event],
    extra: &[&str],
    extra_values: &dyn Fn(usize) -> Vec<String>,
) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .chain(extra.iter().copied())
        .collect();
    // Writing to a Vec cannot fail; an error here would be a bug in the csv crate.
    let _ = writer.write_record(&header);
    for (i, event) in events.iter().enumerate() {
        let mut row = event_row(event);
        row.extend(extra_values(i));
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
