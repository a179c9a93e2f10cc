//! Scoring extraction against annotated gold events: event precision and recall, date and
//! place accuracy, as the project's annotated set (tests/fixtures/annotated/) is scored.
//!
//! A proposed event matches a gold event when it has the same ACLED event type, its first
//! day lies within the gold interval (or the gold first day within its own), and its place
//! is within 10 km. Each gold event is matched at most once, surest proposal first.

use super::Candidate;
use chrono::NaiveDate;
use geo::{Distance, Haversine, Point};

/// One annotated event.
#[derive(Clone, Debug, PartialEq)]
pub struct Gold {
    /// ACLED event type.
    pub event_type: String,
    /// First day.
    pub date_start: NaiveDate,
    /// Last day.
    pub date_end: NaiveDate,
    /// Position, x = longitude, y = latitude.
    pub point: Point<f64>,
}

/// The figures of one scoring run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    /// Proposals that matched a gold event.
    pub true_positives: usize,
    /// Proposals in all.
    pub proposed: usize,
    /// Gold events in all.
    pub gold: usize,
    /// Gold events with a same-type proposal within 10 km, and how many of those had the
    /// exact dates.
    pub dates: (usize, usize),
    /// Gold events with a same-type proposal on an overlapping date, and how many of those
    /// were within 10 km.
    pub places: (usize, usize),
}

impl Score {
    /// Matched proposals over all proposals.
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.proposed)
    }
    /// Matched gold events over all gold events.
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Share of gold events placed and typed right whose dates were exact.
    pub fn date_accuracy(&self) -> f64 {
        ratio(self.dates.1, self.dates.0)
    }
    /// Share of gold events typed and dated right that were placed within 10 km.
    pub fn place_accuracy(&self) -> f64 {
        ratio(self.places.1, self.places.0)
    }
    /// Adds another text's figures.
    pub fn add(&mut self, other: &Score) {
        self.true_positives += other.true_positives;
        self.proposed += other.proposed;
        self.gold += other.gold;
        self.dates.0 += other.dates.0;
        self.dates.1 += other.dates.1;
        self.places.0 += other.places.0;
        self.places.1 += other.places.1;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

const WITHIN_M: f64 = 10_000.0;

fn near(a: Point<f64>, b: Point<f64>) -> bool {
    Haversine.distance(a, b) <= WITHIN_M
}

fn dated(c: &Candidate, g: &Gold) -> bool {
    let (s, e) = (c.event.date.start, c.event.date.end);
    (g.date_start <= s && s <= g.date_end) || (s <= g.date_start && g.date_start <= e)
}

/// Scores one text's proposals against its gold events.
pub fn score(proposed: &[Candidate], gold: &[Gold]) -> Score {
    let mut order: Vec<&Candidate> = proposed.iter().collect();
    order.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    let mut taken = vec![false; gold.len()];
    let mut true_positives = 0;
    for c in order {
        let hit = gold.iter().enumerate().find(|(i, g)| {
            !taken[*i]
                && c.event.event_type == g.event_type
                && dated(c, g)
                && near(c.event.point, g.point)
        });
        if let Some((i, _)) = hit {
            taken[i] = true;
            true_positives += 1;
        }
    }
    let mut dates = (0, 0);
    let mut places = (0, 0);
    for g in gold {
        let same_type = || {
            proposed
                .iter()
                .filter(|c| c.event.event_type == g.event_type)
        };
        if same_type().any(|c| near(c.event.point, g.point)) {
            dates.0 += 1;
            if same_type().any(|c| {
                near(c.event.point, g.point)
                    && c.event.date.start == g.date_start
                    && c.event.date.end == g.date_end
            }) {
                dates.1 += 1;
            }
        }
        if same_type().any(|c| dated(c, g)) {
            places.0 += 1;
            if same_type().any(|c| dated(c, g) && near(c.event.point, g.point)) {
                places.1 += 1;
            }
        }
    }
    Score {
        true_positives,
        proposed: proposed.len(),
        gold: gold.len(),
        dates,
        places,
    }
}
