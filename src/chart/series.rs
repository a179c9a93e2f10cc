//! The series of the timeline and the map: one per front with events, in chart order, then
//! the events no known front holds.

use super::palette::UNASSIGNED_COLOR;
use crate::event::{Event, UNASSIGNED};
use crate::front::Fronts;
use chrono::NaiveDate;

/// English label of events that no front area holds.
pub const UNASSIGNED_NAME: &str = "Outside the front areas";
/// Arabic label of events that no front area holds.
pub const UNASSIGNED_NAME_AR: &str = "خارج مناطق الجبهات";

/// A series of a chart: one front, or the events no front holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Series<'a> {
    /// Front id, or [`UNASSIGNED`].
    pub id: String,
    /// English name.
    pub name: String,
    /// Arabic name.
    pub name_ar: String,
    /// Colour `#rrggbb`.
    pub color: String,
    /// The series' events, by start date then id.
    pub events: Vec<&'a Event>,
}

/// The fronts that have events among `events`, in chart order, then the events no known
/// front holds; each with its events sorted by start date then id.
pub fn series<'a>(events: &[&'a Event], fronts: &Fronts) -> Vec<Series<'a>> {
    let mut sorted: Vec<&Event> = events.to_vec();
    sorted.sort_by(|a, b| {
        a.date
            .start
            .cmp(&b.date.start)
            .then_with(|| a.event_id_cnty.cmp(&b.event_id_cnty))
    });
    let mut out: Vec<Series> = fronts
        .fronts
        .iter()
        .map(|f| Series {
            id: f.id.clone(),
            name: f.name.clone(),
            name_ar: f.name_ar.clone(),
            color: f.color.clone(),
            events: sorted.iter().copied().filter(|e| e.front == f.id).collect(),
        })
        .collect();
    out.push(Series {
        id: UNASSIGNED.to_string(),
        name: UNASSIGNED_NAME.to_string(),
        name_ar: UNASSIGNED_NAME_AR.to_string(),
        color: UNASSIGNED_COLOR.to_string(),
        events: sorted
            .iter()
            .copied()
            .filter(|e| fronts.get(&e.front).is_none())
            .collect(),
    });
    out.retain(|s| !s.events.is_empty());
    out
}

/// The earliest start and latest end of some events.
pub fn date_range(events: &[&Event]) -> Option<(NaiveDate, NaiveDate)> {
    let first = events.iter().map(|e| e.date.start).min()?;
    let last = events.iter().map(|e| e.date.end.max(e.date.start)).max()?;
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::fixtures::{event, fronts};

    #[test]
    fn series_keep_front_order_and_put_unknown_fronts_last() {
        let fronts = fronts();
        let a = event("LBY1", "2019-04-05", "ain-zara", 13.25, 32.8);
        let b = event("LBY2", "2019-04-04", "airport-road", 13.15, 32.8);
        let c = event("LBY3", "2019-04-04", "no-such-front", 13.0, 32.0);
        let d = event("LBY4", "2019-04-04", UNASSIGNED, 13.0, 32.0);
        let all = [&a, &b, &c, &d];
        let got: Vec<(String, usize)> = series(&all, &fronts)
            .into_iter()
            .map(|s| (s.id, s.events.len()))
            .collect();
        assert_eq!(
            got,
            [
                ("airport-road".to_string(), 1),
                ("ain-zara".to_string(), 1),
                (UNASSIGNED.to_string(), 2)
            ]
        );
    }
}
