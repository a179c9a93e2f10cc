//! Charts for reports, one file per chart (criterion.rs `plot/`), written as SVG by hand so
//! Arabic labels, print sizes and byte-for-byte output stay in our control.

pub mod by_front;
pub mod map;
pub mod svg;
pub mod timeline;

use crate::event::Event;

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
        let mut outlets: Vec<&str> = events
            .iter()
            .flat_map(|e| e.sources.iter().map(|s| s.name.as_str()))
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        let shown: Vec<&str> = outlets.iter().copied().take(8).collect();
        let more = outlets.len().saturating_sub(shown.len());
        let mut credit = format!("Events: frontline curation of {}", shown.join(", "));
        if more > 0 {
            credit.push_str(&format!(" and {more} more sources"));
        }
        credit.push_str(". Places: GeoNames (CC BY 4.0). Basemap: Natural Earth.");
        ChartOptions {
            title: None,
            credit,
        }
    }
}
