//! Which place a report names, so that two spellings of one place ("Ain Zara", "عين زارة")
//! compare equal and two neighbourhoods a kilometre apart do not.

use crate::event::Event;
use crate::front::Fronts;
use crate::gazetteer::Gazetteer;
use crate::locate::locate;
use crate::text::fold;
use std::collections::HashMap;

/// Names places: a report's `geonameid` when it has one, else the gazetteer place (or
/// front) its `location` resolves to, else its folded `location`.
pub struct Places<'a> {
    gazetteer: &'a Gazetteer,
    fronts: &'a Fronts,
    seen: HashMap<(String, String), String>,
}

impl<'a> Places<'a> {
    /// Names places through a gazetteer and front areas (either may be empty).
    pub fn new(gazetteer: &'a Gazetteer, fronts: &'a Fronts) -> Places<'a> {
        Places {
            gazetteer,
            fronts,
            seen: HashMap::new(),
        }
    }

    /// The place a report names, as a key equal for every name of one place.
    pub fn key(&mut self, event: &Event) -> String {
        if let Some(id) = event.geonameid.as_deref().filter(|id| !id.is_empty()) {
            return id.to_string();
        }
        let asked = (event.location.clone(), event.country.clone());
        if let Some(key) = self.seen.get(&asked) {
            return key.clone();
        }
        // A name the gazetteer does not hold is not searched for spelling suggestions.
        let folded = fold(&event.location);
        let unknown = self.gazetteer.exact_key(&folded).is_empty()
            && self.gazetteer.loose(&event.location).is_empty()
            && self.fronts.find_key(&folded).is_none();
        let found = if unknown {
            None
        } else {
            locate(
                self.gazetteer,
                self.fronts,
                &event.location,
                Some(&event.country),
            )
            .ok()
        };
        let key = match found {
            Some(found) => found.geonameid(),
            None => format!("name:{folded}"),
        };
        self.seen.insert(asked, key.clone());
        key
    }
}
