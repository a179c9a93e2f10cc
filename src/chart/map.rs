//! Placeholder until the chart lands.

use super::ChartOptions;
use crate::basemap::Basemap;
use crate::event::Event;
use crate::front::Fronts;

/// Renders the chart as SVG text.
pub fn render(
    events: &[&Event],
    fronts: &Fronts,
    basemap: &Basemap,
    options: &ChartOptions,
) -> String {
    let _ = (events, fronts, basemap, options);
    String::from("<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
}
