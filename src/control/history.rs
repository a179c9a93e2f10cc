//! Who held each place on a day: the last change known by that day, and how old it is.
//!
//! A change counts from the last day of its date (a change dated "April 2019" is known to
//! have happened by 30 April). Changes known on one day are taken in the order: events
//! first, then the control file's rows; a row of the control file replaces the events of
//! its place and day, as the curated word on them (the control file is where an event's
//! coarse "overtakes territory" is told as `contested`).
//! A place with no change known by the day is unknown: nothing is inferred from
//! neighbours, alliances or later changes.

use super::change::{Basis, Change, Kind};
use super::place::Place;
use chrono::NaiveDate;

/// How a place stood on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// A side held it.
    Held,
    /// It was fought over or claimed, and nobody is known to hold it.
    Contested,
    /// Nothing is known yet.
    Unknown,
}

impl Status {
    /// The word used in tables and layers.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Held => "held",
            Status::Contested => "contested",
            Status::Unknown => "unknown",
        }
    }
}

/// One place on one day.
#[derive(Clone, Debug, PartialEq)]
pub struct Holding<'a> {
    /// The place.
    pub place: &'a Place,
    /// Held, contested or unknown.
    pub status: Status,
    /// The side that held it (when contested: the side that held it last, if known).
    pub holder: Option<&'a str>,
    /// The side that contests it, when contested.
    pub contested_by: Option<&'a str>,
    /// The change this rests on: the last known by the day.
    pub evidence: Option<&'a Change>,
    /// Days from the day the evidence was known to the day asked.
    pub age_days: Option<i64>,
}

impl Holding<'_> {
    /// The side whose area the place's cell joins: the holder, or none when contested or
    /// unknown.
    pub fn class(&self) -> Option<&str> {
        match self.status {
            Status::Held => self.holder,
            Status::Contested | Status::Unknown => None,
        }
    }
}

/// Every change of every place, in order.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// The places, as named.
    pub places: Vec<Place>,
    /// Each place's changes, in the order they count.
    changes: Vec<Vec<Change>>,
}

impl History {
    /// A history of these changes of these places.
    pub fn new(places: Vec<Place>, changes: Vec<Change>) -> History {
        let mut by_place: Vec<Vec<Change>> = vec![Vec::new(); places.len()];
        for change in changes {
            if let Some(list) = by_place.get_mut(change.place) {
                list.push(change);
            }
        }
        for list in &mut by_place {
            list.sort_by(|a, b| {
                let rank = |c: &Change| matches!(c.basis, Basis::File(_));
                (a.known_from(), rank(a), &a.basis).cmp(&(b.known_from(), rank(b), &b.basis))
            });
        }
        History {
            places,
            changes: by_place,
        }
    }

    /// The history of the places `keep` keeps (by index), with their changes.
    pub fn only(&self, keep: impl Fn(usize) -> bool) -> History {
        let mut kept = History::default();
        for (i, place) in self.places.iter().enumerate().filter(|(i, _)| keep(*i)) {
            let at = kept.places.len();
            kept.places.push(place.clone());
            kept.changes.push(
                self.changes_of(i)
                    .iter()
                    .cloned()
                    .map(|mut c| {
                        c.place = at;
                        c
                    })
                    .collect(),
            );
        }
        kept
    }

    /// The changes of one place, in the order they count.
    pub fn changes_of(&self, place: usize) -> &[Change] {
        self.changes.get(place).map_or(&[], Vec::as_slice)
    }

    /// Every change, place by place.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().flatten()
    }

    /// How many changes there are.
    pub fn len(&self) -> usize {
        self.changes.iter().map(Vec::len).sum()
    }

    /// Whether no change is known.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every place on a day, in the order of the places.
    pub fn at(&self, day: NaiveDate) -> Vec<Holding<'_>> {
        (0..self.places.len())
            .map(|i| self.place_at(i, day))
            .collect()
    }

    /// One place on a day.
    pub fn place_at(&self, place: usize, day: NaiveDate) -> Holding<'_> {
        let mut holding = Holding {
            place: &self.places[place],
            status: Status::Unknown,
            holder: None,
            contested_by: None,
            evidence: None,
            age_days: None,
        };
        let changes = self.changes_of(place);
        // A row of the control file on a day replaces the events of that place and day.
        let superseded = |c: &Change| {
            matches!(c.basis, Basis::Event(_))
                && changes
                    .iter()
                    .any(|o| matches!(o.basis, Basis::File(_)) && o.known_from() == c.known_from())
        };
        for change in changes
            .iter()
            .take_while(|c| c.known_from() <= day)
            .filter(|c| !superseded(c))
        {
            if change.kind == Kind::Contested {
                holding.status = Status::Contested;
                holding.contested_by = Some(&change.side);
            } else {
                holding.status = Status::Held;
                holding.holder = Some(&change.side);
                holding.contested_by = None;
            }
            holding.evidence = Some(change);
            holding.age_days = Some((day - change.known_from()).num_days());
        }
        holding
    }

    /// The days on which something became known, in order: where areas can change.
    pub fn change_days(&self) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self.changes().map(Change::known_from).collect();
        days.sort_unstable();
        days.dedup();
        days
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Origin;
    use crate::event::date::DateInterval;
    use geo::Point;
    use std::path::Path;

    fn place(name: &str) -> Place {
        Place {
            key: name.to_string(),
            name: name.to_string(),
            name_ar: String::new(),
            point: Point::new(13.0, 32.0),
            front: "unassigned".to_string(),
        }
    }

    fn change(basis: Basis, date: &str, side: &str, kind: Kind) -> Change {
        Change {
            basis,
            date: DateInterval::parse(date).unwrap(),
            place: 0,
            side: side.to_string(),
            actors: Vec::new(),
            kind,
            sources: Vec::new(),
            notes: String::new(),
            origin: Origin::file(Path::new("t")),
        }
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_last_change_known_by_the_day_holds() {
        let history = History::new(
            vec![place("Gharyan")],
            vec![
                change(
                    Basis::Event("E2".into()),
                    "2019-06-26",
                    "GNA",
                    Kind::Retaken,
                ),
                change(
                    Basis::Event("E1".into()),
                    "2019-04-04",
                    "LNA",
                    Kind::Captured,
                ),
            ],
        );
        let at = |d: &str| {
            let h = history.place_at(0, day(d));
            (h.status, h.holder, h.age_days)
        };
        assert_eq!(at("2019-04-03"), (Status::Unknown, None, None));
        assert_eq!(at("2019-04-04"), (Status::Held, Some("LNA"), Some(0)));
        assert_eq!(at("2019-06-25"), (Status::Held, Some("LNA"), Some(82)));
        assert_eq!(at("2019-06-26"), (Status::Held, Some("GNA"), Some(0)));
    }

    #[test]
    fn a_claim_contests_and_the_file_has_the_last_word_on_its_day() {
        let history = History::new(
            vec![place("Abu Salim")],
            vec![
                change(Basis::File("C1".into()), "2019-04-14", "GNA", Kind::Held),
                change(
                    Basis::File("C2".into()),
                    "2020-01-22/2020-01-28",
                    "LNA",
                    Kind::Contested,
                ),
                change(
                    Basis::Event("E1".into()),
                    "2020-01-22/2020-01-28",
                    "LNA",
                    Kind::Captured,
                ),
            ],
        );
        let h = history.place_at(0, day("2020-01-27"));
        assert_eq!(
            (h.status, h.holder),
            (Status::Held, Some("GNA")),
            "known only from the 28th"
        );
        let h = history.place_at(0, day("2020-02-01"));
        assert_eq!(h.status, Status::Contested);
        assert_eq!((h.holder, h.contested_by), (Some("GNA"), Some("LNA")));
        assert_eq!(h.evidence.map(|c| c.basis.id()), Some("C2"));
        assert_eq!(h.class(), None);
        assert_eq!(
            history.change_days(),
            [day("2019-04-14"), day("2020-01-28")]
        );
    }
}
