//! `frontline chart`: one of `build`'s charts for any selection, titled with it, and the
//! numbers behind it.

use crate::basemap::Basemap;
use crate::chart::tally::{Interval, Tally};
use crate::chart::{self, count_outlets, ChartOptions};
use crate::cli::{ChartKind, IntervalArg, SelectArgs};
use crate::cmd::select::{self, Resolved};
use crate::dataset::DataPaths;
use crate::diagnostic::Error;
use crate::event::Event;
use crate::index::Table;
use crate::output::write_atomic;
use crate::query::{self, is_data_folder, Formatter, Hit, Summary};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What to draw and where.
pub struct Request<'a> {
    /// Which chart.
    pub kind: ChartKind,
    /// The period of `by-front`'s bars.
    pub interval: IntervalArg,
    /// The SVG file.
    pub output: &'a Path,
    /// The CSV of the numbers behind the chart.
    pub table: Option<&'a Path>,
    /// A title of the user's own.
    pub title: Option<&'a str>,
}

/// Selects, counts or collects, and writes the chart (and its table); returns the count
/// line.
pub fn run(args: &SelectArgs, request: &Request) -> Result<String, Error> {
    let resolved = select::resolve(args)?;
    let interval = match request.interval {
        IntervalArg::Day => Interval::Day,
        IntervalArg::Week => Interval::Week,
        IntervalArg::Month => Interval::Month,
    };
    let counter = Counter {
        interval,
        keep_events: request.kind != ChartKind::ByFront,
    };
    let mut tally = Tally::new(interval);
    let mut outlets: BTreeMap<String, usize> = BTreeMap::new();
    let mut events: Vec<Event> = Vec::new();
    let summary = query::select(
        &resolved.inputs,
        &resolved.reference,
        &resolved.selection,
        &counter,
        &mut |batch: Counted| {
            tally.merge(batch.tally);
            for (name, n) in batch.outlets {
                *outlets.entry(name).or_default() += n;
            }
            events.extend(batch.events);
            Ok(())
        },
    )?;
    let mut options = ChartOptions::for_outlets(&outlets);
    options.title = Some(title(request, &resolved));
    let fronts = &resolved.reference.fronts;
    let refs: Vec<&Event> = events.iter().collect();
    let svg = match request.kind {
        ChartKind::ByFront => chart::by_front::render(&tally, fronts, &options),
        ChartKind::Timeline => chart::timeline::render(&refs, fronts, &options),
        ChartKind::Map => {
            let basemap = Basemap::load(&basemap_folder(&resolved.inputs)?)?;
            chart::map::render(&refs, fronts, &basemap, &options)
        }
    };
    if let Some(path) = request.table {
        let text = match request.kind {
            ChartKind::ByFront => tally.write_csv(),
            _ => front_table(&refs),
        };
        write_atomic(path, text.as_bytes())?;
    }
    write_atomic(request.output, svg.as_bytes())?;
    Ok(count_line(&summary, &resolved, request.output))
}

/// The chart's title: the user's, else "Events within 15 km of Gharyan, 20–30 June 2019"
/// (the chart's own title when nothing was selected).
fn title(request: &Request, resolved: &Resolved) -> String {
    if let Some(t) = request.title {
        return t.to_string();
    }
    let what = resolved.selection.filter.to_string();
    let per = match request.interval {
        IntervalArg::Day => "per day",
        IntervalArg::Week => "per week",
        IntervalArg::Month => "per month",
    };
    match (request.kind, what.is_empty()) {
        (ChartKind::ByFront, true) => format!("Events {per}, by front"),
        (ChartKind::ByFront, false) => format!("Events {what}, {per} by front"),
        (ChartKind::Timeline, true) => "Events by front".to_string(),
        (ChartKind::Map, true) => "Events by front".to_string(),
        (_, false) => format!("Events {what}"),
    }
}

/// The basemap of the first data folder among the inputs, else of `./data`.
fn basemap_folder(inputs: &[PathBuf]) -> Result<PathBuf, Error> {
    inputs
        .iter()
        .find(|p| is_data_folder(p))
        .cloned()
        .or_else(|| Some(PathBuf::from("data")).filter(|p| is_data_folder(p)))
        .map(|folder| DataPaths::new(folder).basemap())
        .ok_or_else(|| {
            Error::Usage(
                "chart map: expected a data folder with basemap/ among --data, or ./data".into(),
            )
        })
}

/// The numbers behind a timeline or a map: events and deaths per front, first and last day.
fn front_table(events: &[&Event]) -> String {
    let mut per: BTreeMap<&str, (u64, u64, String, String)> = BTreeMap::new();
    for e in events {
        let row = per.entry(e.front.as_str()).or_insert((
            0,
            0,
            e.date.start.to_string(),
            e.date.end.to_string(),
        ));
        row.0 += 1;
        row.1 += u64::from(e.fatalities.best.unwrap_or(0));
        row.2 = row.2.clone().min(e.date.start.to_string());
        row.3 = row.3.clone().max(e.date.end.to_string());
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = writer.write_record(["front", "events", "fatalities", "first_day", "last_day"]);
    for (front, (n, dead, first, last)) in per {
        let _ = writer.write_record([front, &n.to_string(), &dead.to_string(), &first, &last]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn count_line(summary: &Summary, resolved: &Resolved, output: &Path) -> String {
    format!(
        "{}; chart written to {}",
        select::count_line(summary, resolved),
        output.display()
    )
}

/// Counts on the reading threads: a tally per batch, the outlets for the credit line, and
/// the events themselves when the chart draws each one.
struct Counter {
    interval: Interval,
    keep_events: bool,
}

struct Counted {
    tally: Tally,
    outlets: BTreeMap<String, usize>,
    events: Vec<Event>,
}

impl Formatter for Counter {
    type Batch = Counted;

    fn needs_rows(&self) -> bool {
        false
    }

    fn counts_from_index(&self) -> bool {
        !self.keep_events
    }

    fn count_entries(&self, table: &Table, ids: &[u32]) -> Option<Counted> {
        if self.keep_events {
            return None;
        }
        let mut tally = Tally::new(self.interval);
        for id in ids {
            let e = &table.entries[*id as usize];
            let day = NaiveDate::from_num_days_from_ce_opt(e.recorded)?;
            tally.add(&table.fronts[e.front as usize], day, e.fatalities);
        }
        Some(Counted {
            tally,
            outlets: BTreeMap::new(),
            events: Vec::new(),
        })
    }

    fn format(&self, hits: &[Hit]) -> Counted {
        let mut tally = Tally::new(self.interval);
        let mut outlets = BTreeMap::new();
        for hit in hits {
            let e = hit.event;
            tally.add(&e.front, e.recorded_day(), e.fatalities.best.unwrap_or(0));
        }
        count_outlets(&mut outlets, hits.iter().map(|h| h.event));
        let events = if self.keep_events {
            hits.iter().map(|h| h.event.clone()).collect()
        } else {
            Vec::new()
        };
        Counted {
            tally,
            outlets,
            events,
        }
    }
}
