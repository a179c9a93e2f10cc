//! Charts for reports, one file per chart (criterion.rs `plot/`), drawn with plotters' SVG
//! backend: plotters' coordinates, axes and elements, with frontline's own code only for
//! what plotters has no answer to (bilingual labels and legends, label placement, the map's
//! projection as a coordinate system, wrapped text).

pub mod by_front;
pub mod control_change;
pub mod date_axis;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod fonts;
pub mod frame;
pub mod front_movement;
pub mod legend;
pub mod map;
pub mod mark;
pub mod page;
pub mod palette;
pub mod projection;
pub mod series;
pub mod tally;
pub mod text;
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
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        count_outlets(&mut counts, events.iter().copied());
        ChartOptions::for_outlets(&counts)
    }

    /// The options for events whose outlets were counted with [`count_outlets`].
    pub fn for_outlets(counts: &BTreeMap<String, usize>) -> ChartOptions {
        let mut outlets: Vec<(&str, usize)> =
            counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let shown: Vec<&str> = outlets.iter().take(6).map(|(name, _)| *name).collect();
        let more = outlets.len() - shown.len();
        let mut credit = if shown.is_empty() {
            "Events: frontline".to_string()
        } else {
            format!("Events: frontline, from reports by {}", shown.join(", "))
        };
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

/// Counts how many reports each outlet made among `events`, for the credit line.
pub fn count_outlets<'a>(
    counts: &mut BTreeMap<String, usize>,
    events: impl Iterator<Item = &'a Event>,
) {
    for source in events.flat_map(|e| &e.sources) {
        match counts.get_mut(source.name.as_str()) {
            Some(n) => *n += 1,
            None => {
                counts.insert(source.name.clone(), 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{event, fronts, options};
    use super::tally::{Interval, Tally};
    use super::*;
    use crate::basemap::Basemap;

    #[test]
    fn a_title_with_u_fffe_still_gives_valid_xml() {
        let options = ChartOptions {
            title: Some("Tripoli\u{FFFE}\u{FFFF} falls\u{1}\u{8}\u{B} & <holds>".to_string()),
            ..options()
        };
        let events = [event("LBY1", "2019-04-04", "ain-zara", 13.25, 32.8)];
        let refs: Vec<&Event> = events.iter().collect();
        let mut tally = Tally::new(Interval::Week);
        tally.add("ain-zara", events[0].date.start, 0);
        let basemap = Basemap {
            countries: Vec::new(),
            admin1: Vec::new(),
        };
        for svg in [
            by_front::render(&tally, &fronts(), &options),
            timeline::render(&refs, &fronts(), &options),
            map::render(&refs, &fronts(), &basemap, &options),
        ] {
            let forbidden = |c: char| {
                matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}')
                    || c == '\u{FFFE}'
                    || c == '\u{FFFF}'
            };
            assert!(!svg.contains(forbidden), "{svg}");
            assert!(svg.contains("<title>Tripoli falls &amp; &lt;holds&gt;</title>"));
            assert!(svg.contains(">\nTripoli falls &amp; &lt;holds&gt;\n</text>"));
        }
    }
}
