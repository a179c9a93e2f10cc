//! Charts for reports, one file per chart (criterion.rs `plot/`), written as SVG by hand so
//! Arabic labels, print sizes and byte-for-byte output stay in our control.

pub mod by_front;
pub mod map;
pub mod svg;
pub mod tally;
pub mod timeline;

use crate::event::Event;
use std::collections::BTreeMap;

/// What every chart states besides its data: a title and the data's credit.
#[derive(Clone, Debug)]
pub struct ChartOptions {
    /// Overrides the chart's own title.
    pub title: Option<String>,
    /// Credit line for the sources of the events and reference data.
    pub credit: String,
}

impl ChartOptions {
    /// The options for a selection of events, crediting their sources.
    pub fn for_events(events: &[&Event]) -> ChartOptions {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for source in events.iter().flat_map(|e| &e.sources) {
            *counts.entry(source.name.as_str()).or_default() += 1;
        }
        let mut outlets: Vec<(&str, usize)> = counts.into_iter().collect();
        outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let shown: Vec<&str> = outlets.iter().take(6).map(|(name, _)| *name).collect();
        let more = outlets.len() - shown.len();
        let mut credit = format!("Events: frontline, from reports by {}", shown.join(", "));
        if more > 0 {
            credit.push_str(&format!(" and {more} more sources"));
        }
        credit.push_str(". Places: GeoNames (CC BY 4.0), GDELT. Basemap: Natural Earth.");
        ChartOptions {
            title: None,
            credit,
        }
    }
}
