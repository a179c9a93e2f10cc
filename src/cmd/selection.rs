//! The selection flags every selecting command shares (DESIGN, "The command line"), and
//! their resolution into a [`Request`]: inputs classified, reference data loaded, places,
//! dates and types looked up; every error names its flag.

use crate::dataset::Reference;
use crate::error::{Error, FlagError};
use crate::event::ClaimStatus;
use crate::filter::{DateMode, FilterText};
use crate::scan::num_workers;
use crate::select::{resolve_filter, Inputs, Request, Selection, Sort};
use clap::ValueEnum;
use std::path::PathBuf;

/// Which events: where, when, what, in what order and how many.
#[derive(Clone, Debug, clap::Args)]
pub struct SelectArgs {
    /// A data folder or an events file (frontline's CSV or JSON, or a plain ACLED export);
    /// repeat to read several.
    #[arg(long, default_value = "data", action = clap::ArgAction::Append)]
    pub data: Vec<PathBuf>,
    /// Events near a place (a name in English or Arabic, through the gazetteer) or a
    /// point LAT,LON.
    #[arg(long, value_name = "PLACE|LAT,LON", allow_hyphen_values = true)]
    pub near: Option<String>,
    /// Great-circle distance from --near, in kilometres [default: 10].
    #[arg(long, value_name = "KM")]
    pub radius: Option<f64>,
    /// Events in a box W,S,E,N in degrees (W > E crosses the antimeridian).
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
    pub bbox: Option<String>,
    /// Events inside a GeoJSON Polygon or MultiPolygon (holes left out).
    #[arg(long, value_name = "AREA.geojson")]
    pub within: Option<PathBuf>,
    /// From this day, month (2019-06) or year (2019).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// To this day, or the end of this month or year.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// How an event's dates must meet --from/--to: `overlap` (any day in range), `within`
    /// (every day in range) or `recorded` (the recorded day in range, as ACLED filters).
    #[arg(long, value_enum, default_value_t = DatesArg::Overlap)]
    pub dates: DatesArg,
    /// Events of a front (id, English or Arabic name, alias, or a name the data uses);
    /// repeat for several.
    #[arg(long)]
    pub front: Vec<String>,
    /// Events of an ACLED event type, e.g. Battles; repeat for several.
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Vec<String>,
    /// Events of an ACLED sub-event type, e.g. "Air/drone strike"; repeat for several.
    #[arg(long = "sub-type", value_name = "SUB_TYPE")]
    pub sub_type: Vec<String>,
    /// Events with an actor whose name holds these words (any actor field); repeat for
    /// several.
    #[arg(long)]
    pub actor: Vec<String>,
    /// Events as established as this: `confirmed`, `claimed` (by one side, not confirmed)
    /// or `disputed` (claimed and denied); repeat for several.
    #[arg(long, value_enum)]
    pub claim: Vec<ClaimArg>,
    /// Order: `date`, `-date` (newest first) or `distance` (from --near) [default: as read].
    #[arg(long, value_enum, allow_hyphen_values = true)]
    pub sort: Option<SortArg>,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Neither use nor keep the index cached beside large files.
    #[arg(long)]
    pub no_cache: bool,
}

/// `--dates`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DatesArg {
    /// Any day of the event in range.
    Overlap,
    /// Every day of the event in range.
    Within,
    /// The recorded day (`event_date`) in range.
    Recorded,
}

/// `--claim`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClaimArg {
    /// Reported as fact by a source that can vouch for it.
    Confirmed,
    /// Said by one side, not confirmed by others.
    Claimed,
    /// Claimed by one side and denied by another.
    Disputed,
}

/// `--sort`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Oldest first.
    Date,
    /// Newest first.
    #[value(name = "-date")]
    DateDescending,
    /// Nearest first.
    Distance,
}

impl SelectArgs {
    /// The request these flags make: inputs classified, the reference data of their data
    /// folder loaded, and the flags resolved against it.
    pub fn request(&self) -> Result<Request, Error> {
        let inputs = Inputs::classify(&self.data)?;
        let reference = Reference::of_folder(inputs.reference_folder())?;
        let selection = self.selection(&reference)?;
        Ok(Request {
            inputs,
            reference,
            selection,
        })
    }

    /// The flags resolved: places through the gazetteer (or a front's name), dates, types.
    fn selection(&self, reference: &Reference) -> Result<Selection, Error> {
        let text = FilterText {
            near: self.near.clone(),
            radius: self.radius,
            bbox: self.bbox.clone(),
            within: self.within.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            dates: match self.dates {
                DatesArg::Overlap => DateMode::Overlap,
                DatesArg::Within => DateMode::Within,
                DatesArg::Recorded => DateMode::Recorded,
            },
            fronts: self.front.clone(),
            event_types: self.event_type.clone(),
            sub_event_types: self.sub_type.clone(),
            actors: self.actor.clone(),
            claims: self
                .claim
                .iter()
                .map(|c| match c {
                    ClaimArg::Confirmed => ClaimStatus::Confirmed,
                    ClaimArg::Claimed => ClaimStatus::Claimed,
                    ClaimArg::Disputed => ClaimStatus::Disputed,
                })
                .collect(),
        };
        let filter = resolve_filter(&text, reference)?;
        let sort = match self.sort {
            None => Sort::AsRead,
            Some(SortArg::Date) => Sort::Date,
            Some(SortArg::DateDescending) => Sort::DateDescending,
            Some(SortArg::Distance) if filter.near.is_none() => {
                return Err(FlagError::new(
                    "--sort",
                    "distance",
                    "--near PLACE or --near LAT,LON beside it",
                )
                .into())
            }
            Some(SortArg::Distance) => Sort::Distance,
        };
        Ok(Selection {
            filter,
            sort,
            limit: self.limit,
            cache: !self.no_cache,
            workers: num_workers(),
        })
    }
}
