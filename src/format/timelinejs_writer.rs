//! Events as TimelineJS 3 JSON.

use crate::event::Event;
use crate::front::Fronts;

/// A TimelineJS 3 document: a title slide and one slide per event.
pub fn write(_events: &[&Event], _fronts: &Fronts, _title: &str) -> String {
    String::new()
}
