//! `frontline chart`: one of `build`'s charts for any selection, titled with it, and the
//! numbers behind it.

use super::selection::SelectArgs;
use super::Status;
use crate::basemap::Basemap;
use crate::chart::tally::Interval;
use crate::chart::{self, ChartOptions};
use crate::error::{Error, FlagError};
use crate::event::Event;
use crate::format::csv_writer;
use crate::output::Target;
use crate::select::{Outcome, Request};
use crate::sink::Count;
use clap::ValueEnum;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `frontline chart`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which chart.
    #[arg(value_enum)]
    pub kind: ChartKind,
    /// Which events.
    #[command(flatten)]
    pub select: SelectArgs,
    /// The period each bar of `by-front` counts.
    #[arg(long, value_enum, default_value_t = IntervalArg::Week)]
    pub interval: IntervalArg,
    /// The SVG file to write; `-` for standard output.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Also write the numbers behind the chart as CSV (`by-front`: front, period, events,
    /// fatalities).
    #[arg(long)]
    pub table: Option<PathBuf>,
    /// A title of your own [default: says what was selected].
    #[arg(long)]
    pub title: Option<String>,
    /// `control`: the days to draw, one panel each (YYYY-MM-DD; a month or year means its
    /// last day); repeat, or give several separated by commas.
    #[arg(long, value_name = "DATE", value_delimiter = ',')]
    pub at: Vec<String>,
    /// `control`: how far a place's area reaches, in km [default: 40].
    #[arg(long, value_name = "KM")]
    pub reach: Option<f64>,
}

/// Charts of `chart`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChartKind {
    /// Events per period, stacked by front.
    ByFront,
    /// One lane per front, a mark per event, key events annotated.
    Timeline,
    /// Libya's outline, the front areas and the events.
    Map,
    /// Areas of control, the line of contact and the places that changed hands, one panel
    /// per --at day.
    Control,
}

/// `--interval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum IntervalArg {
    /// Days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
}

/// Selects, counts (or collects), and writes the chart and its table; the count line goes
/// to standard error.
pub fn run(args: Args) -> Result<Status, Error> {
    if args.kind == ChartKind::Control {
        return control_chart(&args);
    }
    let request = args.select.request()?;
    let interval = match args.interval {
        IntervalArg::Day => Interval::Day,
        IntervalArg::Week => Interval::Week,
        IntervalArg::Month => Interval::Month,
    };
    // The basemap is read before any event, so a missing one fails at once.
    let basemap = match args.kind {
        ChartKind::Map => Some(basemap(&request)?),
        _ => None,
    };
    let count = Count::new(interval, args.kind != ChartKind::ByFront);
    let outcome = request.run(&count)?;
    let counted = count.into_counted();
    let mut options = ChartOptions::for_outlets(&counted.outlets);
    options.title = Some(title(&args, &request));
    let fronts = &request.reference.fronts;
    let events: Vec<&Event> = counted.events.iter().collect();
    let svg = match (args.kind, &basemap) {
        (ChartKind::Map, Some(basemap)) => chart::map::render(&events, fronts, basemap, &options),
        (ChartKind::Timeline, _) | (ChartKind::Map, None) => {
            chart::timeline::render(&events, fronts, &options)
        }
        (ChartKind::ByFront, _) | (ChartKind::Control, _) => {
            chart::by_front::render(&counted.tally, fronts, &options)
        }
    };
    if let Some(path) = &args.table {
        let text = match args.kind {
            ChartKind::ByFront => counted.tally.write_csv().into_bytes(),
            _ => front_table(&events),
        };
        let mut table = Target::new(Some(path))?;
        table.put(&text)?;
        table.commit()?;
    }
    let mut out = Target::new(Some(&args.output))?;
    out.put(svg.as_bytes())?;
    out.commit()?;
    eprintln!("{}", count_line(&outcome, &request, &args.output));
    Ok(Status::Done)
}

/// The chart's title: the user's, else "Events within 15 km of Gharyan, 20–30 June 2019"
/// (the chart's own title when nothing was selected).
fn title(args: &Args, request: &Request) -> String {
    if let Some(t) = &args.title {
        return t.clone();
    }
    let what = request.selection.filter.to_string();
    let per = match args.interval {
        IntervalArg::Day => "per day",
        IntervalArg::Week => "per week",
        IntervalArg::Month => "per month",
    };
    match (args.kind, what.is_empty()) {
        (ChartKind::ByFront, true) => format!("Events {per}, by front"),
        (ChartKind::ByFront, false) => format!("Events {what}, {per} by front"),
        (ChartKind::Timeline, true) => "Events by front".to_string(),
        (ChartKind::Map, true) => "Events by front".to_string(),
        (ChartKind::Control, _) => "Areas of control".to_string(),
        (_, false) => format!("Events {what}"),
    }
}

/// `chart control`: a panel per --at day, naming what changed since the panel before.
fn control_chart(args: &Args) -> Result<Status, Error> {
    if args.at.is_empty() {
        return Err(FlagError::missing(
            "--at",
            "one or more days for the panels of `chart control`",
        )
        .into());
    }
    let mut days = Vec::new();
    for text in &args.at {
        let day = crate::event::date::DateInterval::parse(text)
            .filter(|_| !text.contains('/'))
            .map(|d| d.end)
            .ok_or_else(|| {
                FlagError::new(
                    "--at",
                    text,
                    "a day YYYY-MM-DD, a month YYYY-MM or a year YYYY",
                )
            })?;
        days.push(day);
    }
    days.sort_unstable();
    days.dedup();
    let reach = args
        .reach
        .unwrap_or(crate::control::areas::DEFAULT_REACH_KM);
    if !(reach.is_finite() && reach > 0.0 && reach <= 1000.0) {
        return Err(FlagError::new(
            "--reach",
            &reach.to_string(),
            "kilometres, more than 0 and at most 1000",
        )
        .into());
    }
    let mut request = args.select.request()?;
    let basemap = basemap(&request)?;
    request.selection.filter = crate::filter::Filter {
        sub_event_types: crate::control::change::TERRITORY_SUB_EVENT_TYPES.to_vec(),
        ..Default::default()
    };
    let loaded = super::control::load(&request, &[])?;
    let mut since = None;
    let panels: Vec<chart::front_movement::PanelSpec> = days
        .iter()
        .map(|day| {
            let spec = chart::front_movement::PanelSpec {
                title: day.format("%-d %B %Y").to_string(),
                title_ar: String::new(),
                day: *day,
                since,
            };
            since = Some(*day);
            spec
        })
        .collect();
    let snapshots = super::control::snapshots(&loaded, &panels, reach);
    let mut options = ChartOptions::for_outlets(&Default::default());
    options.credit = options.credit.replace(
        "Events: frontline",
        "Control: frontline (control files and the territory changes among the events)",
    );
    options.title = Some(
        args.title
            .clone()
            .unwrap_or_else(|| "Areas of control".to_string()),
    );
    let svg = chart::front_movement::render(
        &loaded.history,
        &panels,
        &snapshots,
        &loaded.sides,
        &basemap,
        &options,
    );
    let mut out = Target::new(Some(&args.output))?;
    out.put(svg.as_bytes())?;
    out.commit()?;
    eprintln!(
        "frontline: {} panels, {} places with evidence; chart written to {}",
        panels.len(),
        loaded.history.places.len(),
        args.output.display()
    );
    Ok(Status::Done)
}

/// The basemap of the inputs' data folder (the first among `--data`, else `./data`).
fn basemap(request: &Request) -> Result<Basemap, Error> {
    let folder = request.inputs.reference_folder().ok_or_else(|| {
        FlagError::missing(
            "chart map",
            "a data folder with basemap/ among --data, or ./data",
        )
    })?;
    Basemap::load(&folder.basemap())
}

/// The numbers behind a timeline or a map: events and deaths per front, first and last day.
fn front_table(events: &[&Event]) -> Vec<u8> {
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
    let mut text = csv_writer::line(["front", "events", "fatalities", "first_day", "last_day"]);
    for (front, (n, dead, first, last)) in per {
        text.extend(csv_writer::line([
            front,
            &n.to_string(),
            &dead.to_string(),
            &first,
            &last,
        ]));
    }
    text
}

fn count_line(outcome: &Outcome, request: &Request, output: &Path) -> String {
    format!(
        "{}; chart written to {}",
        outcome.line(&request.selection.filter),
        output.display()
    )
}
