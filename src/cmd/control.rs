//! `frontline control`: who held each place on a day, with the evidence and its age; or
//! the areas of control and lines of contact per period; or the ground each side gained
//! and lost.

use super::selection::SelectArgs;
use super::Status;
use crate::basemap::Basemap;
use crate::chart::front_movement::PanelSpec;
use crate::control::areas::{Areas, DEFAULT_REACH_KM};
use crate::control::history::{History, Holding, Status as Standing};
use crate::control::movement::{self, Frame};
use crate::control::period::{periods, Every, Period};
use crate::control::sides::Sides;
use crate::control::{change, layer, report, CONTROL_FILE, SIDES_FILE};
use crate::dataset::{DataPaths, Reference};
use crate::error::{Error, FlagError};
use crate::event::date::DateInterval;
use crate::event::Event;
use crate::extract::lexicon::Lexicon;
use crate::filter::Filter;
use crate::format::csv_writer;
use crate::output::Target;
use crate::phase;
use crate::select::{Input, Request};
use crate::sink::Collect;
use chrono::NaiveDate;
use clap::ValueEnum;
use geo::{MultiPolygon, Polygon, Rect};
use std::path::PathBuf;

/// `frontline control`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where the changes come from (every data folder's control.csv and the territory
    /// changes among the events), and which places: --near, --bbox, --within and --front
    /// pick places; --from and --to bound the periods of --every.
    #[command(flatten)]
    pub select: SelectArgs,
    /// Who held each place on this day (YYYY-MM-DD; a month or a year means its last day).
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// Areas of control and lines of contact per period: `change` (from each day a change
    /// became known), `week` or `month`.
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub every: Option<EveryArg>,
    /// With --every: the km² each side gained and lost per period and front.
    #[arg(long)]
    pub change: bool,
    /// Another control file (the columns of data/control.csv); repeat for several.
    #[arg(long = "control", value_name = "FILE")]
    pub control_files: Vec<PathBuf>,
    /// How far a place's area reaches, in km [default: 40].
    #[arg(long, value_name = "KM")]
    pub reach: Option<f64>,
    /// With --change: also draw the ground gained and lost per period as an SVG chart.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// Output format [default: from -o's extension, else `table`].
    #[arg(long, value_enum)]
    pub format: Option<ControlFormat>,
    /// Write here (whole or not at all) instead of standard output; `-` for standard
    /// output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// `--every`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EveryArg {
    /// From each day a change became known to the day before the next.
    Change,
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
}

/// Output formats of `control`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ControlFormat {
    /// Aligned columns for a person.
    Table,
    /// CSV with every field.
    Csv,
    /// JSON with every field (and every source of the evidence).
    Json,
    /// GeoJSON: the places as points (--at), or the time-enabled areas, lines and places
    /// (--every).
    Geojson,
}

/// The control history of a request's inputs, with the sides, lexicon and outline of its
/// data folder.
pub struct Loaded {
    /// Every change, place by place.
    pub history: History,
    /// The sides.
    pub sides: Sides,
    /// Libya's outline, or a box around the world when the folder has no basemap.
    pub outline: MultiPolygon<f64>,
    /// The phases of the war, when the folder has them.
    pub phases: Vec<phase::Phase>,
}

/// Answers by day, by period, or with the ground gained and lost.
pub fn run(args: Args) -> Result<Status, Error> {
    let unused = [
        ("--type", !args.select.event_type.is_empty()),
        ("--sub-type", !args.select.sub_type.is_empty()),
        ("--claim", !args.select.claim.is_empty()),
        ("--sort", args.select.sort.is_some()),
        ("--limit", args.select.limit.is_some()),
        ("--actor", !args.select.actor.is_empty()),
    ];
    if let Some((flag, _)) = unused.iter().find(|(_, given)| *given) {
        return Err(FlagError::missing(
            flag,
            "a place or date flag: control picks its own events (the territory changes) and answers for places",
        )
        .into());
    }
    if let Some(reach) = args.reach {
        if !(reach.is_finite() && reach > 0.0 && reach <= 1000.0) {
            return Err(FlagError::new(
                "--reach",
                &reach.to_string(),
                "kilometres, more than 0 and at most 1000",
            )
            .into());
        }
    }
    let mut request = args.select.request()?;
    let places_filter = std::mem::take(&mut request.selection.filter);
    request.selection.filter = Filter {
        sub_event_types: change::TERRITORY_SUB_EVENT_TYPES.to_vec(),
        ..Filter::default()
    };
    let loaded = load(&request, &args.control_files)?;
    let keep = |h: &Holding| place_matches(&places_filter, &request.reference, h);

    let format = args.format.unwrap_or_else(|| {
        match args
            .output
            .as_deref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
        {
            Some("geojson") => ControlFormat::Geojson,
            Some("json") => ControlFormat::Json,
            Some("csv") => ControlFormat::Csv,
            _ => ControlFormat::Table,
        }
    });
    let mut target = Target::new(args.output.as_deref())?;
    match (&args.at, args.every) {
        (Some(at), None) => {
            if args.change || places_filter.dates.is_some() {
                return Err(FlagError::missing(
                    if args.change {
                        "--change"
                    } else {
                        "--from/--to"
                    },
                    "--every beside it (--at answers for one day)",
                )
                .into());
            }
            let day = day_of("--at", at)?;
            let mut holdings: Vec<Holding> =
                loaded.history.at(day).into_iter().filter(keep).collect();
            holdings.sort_by(|a, b| {
                (a.place.name.to_lowercase(), &a.place.key)
                    .cmp(&(b.place.name.to_lowercase(), &b.place.key))
            });
            let bytes = match format {
                ControlFormat::Table => report::table(&holdings, &loaded.sides),
                ControlFormat::Csv => report::csv(&holdings, &loaded.sides),
                ControlFormat::Json => report::json(&holdings, &loaded.sides),
                ControlFormat::Geojson => {
                    report::geojson(&holdings, &loaded.sides, &format!("control {day}"))
                }
            };
            target.put(&bytes)?;
            target.commit()?;
            eprintln!("{}", count_line(&holdings, day, &loaded.sides));
            Ok(if holdings.is_empty() {
                Status::NothingMatched
            } else {
                Status::Done
            })
        }
        (None, Some(every)) => {
            let every = match every {
                EveryArg::Change => Every::Change,
                EveryArg::Week => Every::Week,
                EveryArg::Month => Every::Month,
            };
            let (from, to) = match places_filter.dates {
                Some(range) => (range.from, range.to),
                None => (None, None),
            };
            let (from, to) = war_span(&loaded, from, to);
            let list = periods(every, &loaded.history.change_days(), from, to);
            // Places the filters leave out take no part in the areas.
            let history = loaded
                .history
                .only(|i| keep(&loaded.history.place_at(i, to)));
            let reach = args.reach.unwrap_or(DEFAULT_REACH_KM);
            let areas = Areas::new(&loaded.outline, reach);
            let frames = movement::frames(&history, &areas, &list);
            let bytes = if args.change {
                let gains = movement::gains(&history, &frames);
                if let Some(path) = &args.chart {
                    let mut options = crate::chart::ChartOptions::for_outlets(&Default::default());
                    options.credit = options.credit.replace(
                        "Events: frontline",
                        "Control: frontline (control files and the territory changes among the events)",
                    );
                    let svg = crate::chart::control_change::render(&gains, &loaded.sides, &options);
                    let mut chart = Target::new(Some(path))?;
                    chart.put(svg.as_bytes())?;
                    chart.commit()?;
                }
                match format {
                    ControlFormat::Json => gains_json(&gains, &loaded.sides),
                    ControlFormat::Table => gains_table(&gains, &loaded.sides),
                    _ => gains_csv(&gains, &loaded.sides),
                }
            } else {
                match format {
                    ControlFormat::Geojson | ControlFormat::Json => {
                        layer::write("control", &history, &frames, &loaded.sides, reach)
                            .into_bytes()
                    }
                    ControlFormat::Csv => frames_csv(&frames, &loaded.sides),
                    ControlFormat::Table => frames_table(&frames, &loaded.sides),
                }
            };
            target.put(&bytes)?;
            target.commit()?;
            eprintln!(
                "frontline: {} periods from {from} to {to}, {} places with evidence, reach {reach} km",
                frames.len(),
                history.places.len()
            );
            Ok(Status::Done)
        }
        (Some(_), Some(_)) => {
            Err(FlagError::missing("--at", "either --at DATE or --every PERIOD, not both").into())
        }
        (None, None) => Err(FlagError::missing(
            "control",
            "--at DATE (who held what that day) or --every change|week|month (areas per period)",
        )
        .into()),
    }
}

/// A day from a flag: a full date, or the last day of a month or year.
fn day_of(flag: &str, text: &str) -> Result<NaiveDate, Error> {
    DateInterval::parse(text)
        .filter(|_| !text.contains('/'))
        .map(|d| d.end)
        .ok_or_else(|| {
            FlagError::new(
                flag,
                text,
                "a day YYYY-MM-DD, a month YYYY-MM or a year YYYY",
            )
            .into()
        })
}

/// The periods' span: the flags', else the phases of the war, else the changes'.
fn war_span(
    loaded: &Loaded,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> (NaiveDate, NaiveDate) {
    let days = loaded.history.change_days();
    let first = loaded
        .phases
        .first()
        .map(|p| p.date_start)
        .or(days.first().copied())
        .unwrap_or(NaiveDate::MIN);
    let last = loaded
        .phases
        .last()
        .map(|p| p.date_end)
        .or(days.last().copied())
        .unwrap_or(first);
    (from.unwrap_or(first), to.unwrap_or(last))
}

/// Whether a place passes the place filters: --near, --bbox, --within, --front.
fn place_matches(filter: &Filter, reference: &Reference, holding: &Holding) -> bool {
    let p = holding.place.point;
    filter.place_matches(p.x(), p.y())
        && (filter.fronts.is_empty()
            || filter.fronts.iter().any(|name| {
                name == &holding.place.front
                    || reference
                        .fronts
                        .find(name)
                        .is_some_and(|f| f.id == holding.place.front)
            }))
}

/// Reads every control file and territory-change event of a request's inputs.
pub fn load(request: &Request, more: &[PathBuf]) -> Result<Loaded, Error> {
    let collect = Collect::default();
    request.run(&collect)?;
    let events = collect.into_events();
    let mut files: Vec<PathBuf> = request
        .inputs
        .iter()
        .filter_map(|input| match input {
            Input::Folder(data) => Some(data.root.join(CONTROL_FILE)),
            _ => None,
        })
        .collect();
    files.extend(more.iter().cloned());
    for file in more {
        if !file.is_file() {
            return Err(FlagError::new(
                "--control",
                &file.display().to_string(),
                "a control file (CSV with the columns of data/control.csv)",
            )
            .into());
        }
    }
    let folder = request.inputs.reference_folder().cloned();
    folder_history(folder.as_ref(), &request.reference, &files, &events)
}

/// The frames of a history over the span of the war (its phases, else its changes).
pub struct Movement {
    /// The history the frames were derived from.
    pub history: History,
    /// The areas of each period.
    pub frames: Vec<Frame>,
}

/// The areas of every period of the war, `every` long, each place reaching `reach_km`.
pub fn movement_of(loaded: &Loaded, every: Every, reach_km: f64) -> Movement {
    let (from, to) = war_span(loaded, None, None);
    let list = periods(every, &loaded.history.change_days(), from, to);
    let areas = Areas::new(&loaded.outline, reach_km);
    Movement {
        frames: movement::frames(&loaded.history, &areas, &list),
        history: loaded.history.clone(),
    }
}

/// One panel per phase of the war, on its last day, naming what changed since the phase
/// before ended (the first: since the day before it began).
pub fn phase_panels(phases: &[phase::Phase]) -> Vec<PanelSpec> {
    let mut since = phases.first().and_then(|p| p.date_start.pred_opt());
    phases
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let spec = PanelSpec {
                title: format!("{}. {}", i + 1, p.name),
                title_ar: p.name_ar.clone(),
                day: p.date_end,
                since,
            };
            since = Some(p.date_end);
            spec
        })
        .collect()
}

/// The areas of each panel's day.
pub fn snapshots(
    loaded: &Loaded,
    panels: &[PanelSpec],
    reach_km: f64,
) -> Vec<crate::control::areas::Snapshot> {
    let areas = Areas::new(&loaded.outline, reach_km);
    panels
        .iter()
        .map(|p| areas.snapshot(&loaded.history.at(p.day)))
        .collect()
}

/// The control history of a loaded data folder: its control file and its events.
pub fn of_dataset(data: &DataPaths, dataset: &crate::dataset::Dataset) -> Result<Loaded, Error> {
    folder_history(
        Some(data),
        &dataset.reference,
        &[data.root.join(CONTROL_FILE)],
        &dataset.events,
    )
}

/// The history, sides, outline and phases from control files and events, with the sides,
/// lexicon, basemap and phases of a data folder (when there is one).
pub fn folder_history(
    folder: Option<&DataPaths>,
    reference: &Reference,
    files: &[PathBuf],
    events: &[Event],
) -> Result<Loaded, Error> {
    let (sides, actors, outline, phases) = match folder {
        Some(data) => {
            let lexicon = data.lexicon();
            let actors: Option<Vec<String>> = if lexicon.join("actors.tsv").is_file() {
                Some(
                    Lexicon::load(&lexicon)?
                        .actors
                        .into_iter()
                        .map(|a| a.name)
                        .collect(),
                )
            } else {
                None
            };
            let outline = data.basemap().join("countries.geojson");
            let outline = if outline.is_file() {
                Basemap::countries(&outline)?
                    .into_iter()
                    .find(|c| c.iso_a2 == "LY")
                    .map(|c| c.area)
            } else {
                None
            };
            (
                Sides::load(&data.root.join(SIDES_FILE))?,
                actors,
                outline,
                phase::load(&data.phases())?,
            )
        }
        None => (Sides::default(), None, None, Vec::new()),
    };
    let refs: Vec<&Event> = events.iter().collect();
    let history = crate::control::load_history(reference, &sides, files, &refs, actors.as_deref())?;
    let outline = outline.unwrap_or_else(|| {
        MultiPolygon::new(vec![Polygon::from(Rect::new(
            (-180.0, -90.0),
            (180.0, 90.0),
        ))])
    });
    Ok(Loaded {
        history,
        sides,
        outline,
        phases,
    })
}

/// "frontline: 31 places on 2019-06-30: 12 held by GNA, 9 by LNA, 2 contested, 8 unknown".
fn count_line(holdings: &[Holding], day: NaiveDate, sides: &Sides) -> String {
    let mut held: std::collections::BTreeMap<String, usize> = Default::default();
    let (mut contested, mut unknown) = (0, 0);
    for h in holdings {
        match (h.status, h.holder) {
            (Standing::Held, Some(side)) => {
                *held.entry(sides.display(side).short).or_default() += 1
            }
            (Standing::Contested, _) => contested += 1,
            _ => unknown += 1,
        }
    }
    let mut parts: Vec<String> = held
        .iter()
        .map(|(side, n)| format!("{n} held by {side}"))
        .collect();
    parts.push(format!("{contested} contested"));
    parts.push(format!("{unknown} unknown"));
    format!(
        "frontline: {} place{} on {day}: {}",
        holdings.len(),
        if holdings.len() == 1 { "" } else { "s" },
        parts.join(", ")
    )
}

fn short(class: &str, sides: &Sides) -> String {
    if class == crate::control::areas::CONTESTED {
        class.to_string()
    } else {
        sides.display(class).short
    }
}

fn period_text(p: &Period) -> (String, String) {
    (p.start.to_string(), p.end.to_string())
}

/// One row per period and class: its area, places, and lines of contact.
fn frames_csv(frames: &[Frame], sides: &Sides) -> Vec<u8> {
    let mut out = csv_writer::line([
        "start_date",
        "end_date",
        "side",
        "area_km2",
        "places",
        "contact_km",
    ]);
    for frame in frames {
        let (start, end) = period_text(&frame.period);
        for area in &frame.snapshot.areas {
            let contact: f64 = frame
                .snapshot
                .contacts
                .iter()
                .filter(|c| c.classes.0 == area.class || c.classes.1 == area.class)
                .map(|c| c.km)
                .sum();
            out.extend(csv_writer::line([
                start.clone(),
                end.clone(),
                short(&area.class, sides),
                format!("{:.1}", area.km2),
                area.places.to_string(),
                format!("{contact:.1}"),
            ]));
        }
    }
    out
}

fn frames_table(frames: &[Frame], sides: &Sides) -> Vec<u8> {
    let mut out = format!(
        "{:<23}  {:<10}  {:>10}  {:>6}  {:>10}\n",
        "period", "side", "km²", "places", "contact km"
    );
    for frame in frames {
        let when = format!("{}/{}", frame.period.start, frame.period.end);
        for area in &frame.snapshot.areas {
            let contact: f64 = frame
                .snapshot
                .contacts
                .iter()
                .filter(|c| c.classes.0 == area.class || c.classes.1 == area.class)
                .map(|c| c.km)
                .sum();
            out.push_str(&format!(
                "{when:<23}  {:<10}  {:>10.0}  {:>6}  {:>10.1}\n",
                short(&area.class, sides),
                area.km2,
                area.places,
                contact
            ));
        }
    }
    out.into_bytes()
}

const GAIN_COLUMNS: [&str; 8] = [
    "start_date",
    "end_date",
    "front",
    "side",
    "held_km2",
    "gained_km2",
    "lost_km2",
    "net_km2",
];

fn gain_values(g: &movement::Gain, sides: &Sides) -> [String; 8] {
    let (start, end) = period_text(&g.period);
    [
        start,
        end,
        g.front.clone(),
        short(&g.class, sides),
        format!("{:.1}", g.held_km2),
        format!("{:.1}", g.gained_km2),
        format!("{:.1}", g.lost_km2),
        format!("{:.1}", g.net_km2()),
    ]
}

fn gains_csv(gains: &[movement::Gain], sides: &Sides) -> Vec<u8> {
    let mut out = csv_writer::line(GAIN_COLUMNS);
    for g in gains {
        out.extend(csv_writer::line(gain_values(g, sides)));
    }
    out
}

fn gains_json(gains: &[movement::Gain], sides: &Sides) -> Vec<u8> {
    let list: Vec<serde_json::Value> = gains
        .iter()
        .map(|g| {
            let values = gain_values(g, sides);
            let mut map = serde_json::Map::new();
            for (k, v) in GAIN_COLUMNS.iter().zip(values) {
                let value = v
                    .parse::<f64>()
                    .map_or(serde_json::Value::String(v.clone()), |n| {
                        serde_json::json!(n)
                    });
                let value = if k.ends_with("date") || *k == "front" || *k == "side" {
                    serde_json::Value::String(v)
                } else {
                    value
                };
                map.insert(k.to_string(), value);
            }
            serde_json::Value::Object(map)
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&list).unwrap_or_default();
    out.push('\n');
    out.into_bytes()
}

/// The sums over fronts, then the fronts where ground changed hands.
fn gains_table(gains: &[movement::Gain], sides: &Sides) -> Vec<u8> {
    let mut out = format!(
        "{:<23}  {:<18}  {:<10}  {:>9}  {:>9}  {:>9}  {:>9}\n",
        "period", "front", "side", "held km²", "gained", "lost", "net"
    );
    for g in gains
        .iter()
        .filter(|g| g.front == movement::ALL_FRONTS || g.gained_km2 >= 0.5 || g.lost_km2 >= 0.5)
    {
        out.push_str(&format!(
            "{:<23}  {:<18}  {:<10}  {:>9.0}  {:>9.0}  {:>9.0}  {:>+9.0}\n",
            format!("{}/{}", g.period.start, g.period.end),
            g.front,
            short(&g.class, sides),
            g.held_km2,
            g.gained_km2,
            g.lost_km2,
            g.net_km2()
        ));
    }
    out.into_bytes()
}
