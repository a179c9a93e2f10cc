//! From the selection flags `query` and `chart` share to a resolved selection.

use crate::cli::{DatesArg, SelectArgs, SortArg};
use crate::diagnostic::Error;
use crate::filter::{DateMode, FilterText};
use crate::locate::locate;
use crate::query::{num_workers, Reference, Selection, Sort, Summary};
use std::path::PathBuf;

/// The inputs, the reference data they are placed with, and the selection.
pub struct Resolved {
    /// `--data`, in order.
    pub inputs: Vec<PathBuf>,
    /// The gazetteer and fronts.
    pub reference: Reference,
    /// The filter, order and limit.
    pub selection: Selection,
}

/// Resolves the flags: places through the gazetteer, dates, types; every error names its
/// flag.
pub fn resolve(args: &SelectArgs) -> Result<Resolved, Error> {
    for path in &args.data {
        if !path.exists() {
            return Err(Error::Usage(format!(
                "--data {}: expected a data folder or an events file (no such file or folder)",
                path.display()
            )));
        }
    }
    let reference = Reference::for_inputs(&args.data)?;
    let text = FilterText {
        near: args.near.clone(),
        radius: args.radius,
        bbox: args.bbox.clone(),
        within: args.within.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        dates: match args.dates {
            DatesArg::Overlap => DateMode::Overlap,
            DatesArg::Within => DateMode::Within,
            DatesArg::Recorded => DateMode::Recorded,
        },
        fronts: args.front.clone(),
        event_types: args.event_type.clone(),
        sub_event_types: args.sub_type.clone(),
        actors: args.actor.clone(),
    };
    let place = |name: &str| {
        locate(&reference.gazetteer, &reference.fronts, name, None)
            .map(|found| (found.point(), name.to_string()))
            .map_err(|not_found| {
                let mut why = "a place in the gazetteer or a front's name, or LAT,LON".to_string();
                if !not_found.suggestions.is_empty() {
                    why.push_str(&format!(
                        "; did you mean {}?",
                        not_found.suggestions.join(", ")
                    ));
                }
                why
            })
    };
    let filter = text.resolve(&place)?;
    let sort = match args.sort {
        None => Sort::AsRead,
        Some(SortArg::Date) => Sort::Date,
        Some(SortArg::DateDescending) => Sort::DateDescending,
        Some(SortArg::Distance) if filter.near.is_none() => {
            return Err(Error::Usage(
                "--sort distance needs --near PLACE or --near LAT,LON".into(),
            ))
        }
        Some(SortArg::Distance) => Sort::Distance,
    };
    Ok(Resolved {
        inputs: args.data.clone(),
        reference,
        selection: Selection {
            filter,
            sort,
            limit: args.limit,
            cache: !args.no_cache,
            workers: num_workers(),
        },
    })
}

/// The count line for standard error: "12 of 193 events within 20 km of Misrata".
pub fn count_line(summary: &Summary, resolved: &Resolved) -> String {
    let what = resolved.selection.filter.to_string();
    let mut line = if summary.stopped {
        // Reading stopped at --limit, so the number read is no total.
        format!(
            "frontline: the first {} event{}",
            summary.selected,
            if summary.selected == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "frontline: {} of {} event{}",
            summary.selected,
            summary.read,
            if summary.read == 1 { "" } else { "s" }
        )
    };
    if !what.is_empty() {
        line.push(' ');
        line.push_str(&what);
    }
    if summary.cached > 0 {
        line.push_str(" (from the cached index)");
    }
    line
}
