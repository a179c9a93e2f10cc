//! Events as KML 2.2 for Google Earth.

use crate::event::Event;
use crate::front::Fronts;

/// A KML document of the events: a folder and a style per front, each placemark dated.
pub fn write(_events: &[&Event], _fronts: &Fronts, _title: &str) -> String {
    String::new()
}
