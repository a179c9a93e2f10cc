//! The index behind `query` and `chart`: a compact table with one entry per event, an R-tree
//! over the points (rstar) and an interval index over the dates. A selection asks the more
//! selective of the two for candidates and tests each against the whole filter, so its
//! answer is the brute-force scan's answer, only sooner.

pub mod cache;
pub mod fnv;

use crate::error::{Error, FlagError};
use crate::event::taxonomy::EVENT_TYPES;
use crate::event::Event;
use crate::filter::{contains_words, DateMode, Filter};
use crate::front::Fronts;
use crate::text::fold;
use chrono::Datelike;
use fnv::Fnv;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// One event as the index sees it: where, when, what, and where to read it back.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Longitude in degrees.
    pub lon: f64,
    /// Latitude in degrees.
    pub lat: f64,
    /// First day, as `num_days_from_ce`.
    pub start: i32,
    /// Last day, as `num_days_from_ce`.
    pub end: i32,
    /// Recorded day, as `num_days_from_ce`.
    pub recorded: i32,
    /// Index into [`Table::fronts`].
    pub front: u32,
    /// Start of this entry's actors in [`Table::actor_lists`].
    pub actors: u32,
    /// How many actors it has there.
    pub actor_count: u16,
    /// Position of the event type in ACLED's codebook order.
    pub event_type: u8,
    /// Position of the sub-event type in ACLED's codebook order (0–24).
    pub sub_event_type: u8,
    /// The claim status's code ([`crate::event::ClaimStatus::code`]).
    pub claim: u8,
    /// Best fatality estimate, 0 when unknown.
    pub fatalities: u32,
    /// Index into the table's files (or the loaded events' list).
    pub file: u32,
    /// Byte offset of the row in its file (or the event's position in a loaded list).
    pub offset: u64,
    /// Line the row starts on.
    pub line: u64,
}

/// The codes of an event type and sub-event type in codebook order.
pub fn type_codes(event_type: &str, sub_event_type: &str) -> (u8, u8) {
    let mut sub_code = 0u8;
    for (t, (name, subs)) in EVENT_TYPES.iter().enumerate() {
        for sub in subs.iter() {
            if *name == event_type && *sub == sub_event_type {
                return (t as u8, sub_code);
            }
            sub_code += 1;
        }
    }
    (u8::MAX, u8::MAX)
}

/// The codebook spellings of a sub-event type code.
pub fn sub_event_name(code: u8) -> &'static str {
    EVENT_TYPES
        .iter()
        .flat_map(|(_, subs)| subs.iter())
        .nth(code as usize)
        .copied()
        .unwrap_or("")
}

/// Entries with the strings they share (fronts, folded actor names).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// One per event, in the order read.
    pub entries: Vec<Entry>,
    /// Front ids and names as written, interned.
    pub fronts: Vec<String>,
    /// Actor names, folded, interned.
    pub actors: Vec<String>,
    /// Each entry's actors, as indices into `actors`.
    pub actor_lists: Vec<u32>,
    #[serde(skip)]
    front_ids: Ids,
    #[serde(skip)]
    actor_ids: Ids,
    /// Actor names as written, to their folded id (saves folding a name twice).
    #[serde(skip)]
    written_actors: Ids,
}

impl Table {
    /// Adds an event read from `file` at byte `offset`.
    pub fn push(&mut self, event: &Event, file: u32, offset: u64) {
        let front = intern(&mut self.fronts, &mut self.front_ids, &event.front);
        let actors = self.actor_lists.len() as u32;
        let mut actor_count = 0u16;
        for actor in event
            .actor1
            .iter()
            .chain(&event.assoc_actor_1)
            .chain(&event.actor2)
            .chain(&event.assoc_actor_2)
        {
            let id = match self.written_actors.get(actor.as_str()) {
                Some(id) => *id,
                None => {
                    let id = intern(&mut self.actors, &mut self.actor_ids, &fold(actor));
                    self.written_actors.insert(actor.clone(), id);
                    id
                }
            };
            self.actor_lists.push(id);
            actor_count = actor_count.saturating_add(1);
        }
        let (event_type, sub_event_type) = type_codes(event.event_type, event.sub_event_type);
        self.entries.push(Entry {
            lon: event.longitude(),
            lat: event.latitude(),
            start: event.date.start.num_days_from_ce(),
            end: event.date.end.num_days_from_ce(),
            recorded: event.recorded_day().num_days_from_ce(),
            front,
            actors,
            actor_count,
            event_type,
            sub_event_type,
            claim: event.claim.status.code(),
            fatalities: event.fatalities.best.unwrap_or(0),
            file,
            offset,
            line: event.origin.line.unwrap_or(0),
        });
    }

    /// Appends another table's entries (read after this one's), mapping its strings.
    pub fn append(&mut self, other: Table) {
        let fronts: Vec<u32> = other
            .fronts
            .iter()
            .map(|f| intern(&mut self.fronts, &mut self.front_ids, f))
            .collect();
        let actors: Vec<u32> = other
            .actors
            .iter()
            .map(|a| intern(&mut self.actors, &mut self.actor_ids, a))
            .collect();
        let shift = self.actor_lists.len() as u32;
        self.actor_lists
            .extend(other.actor_lists.iter().map(|a| actors[*a as usize]));
        self.entries.extend(other.entries.into_iter().map(|mut e| {
            e.front = fronts[e.front as usize];
            e.actors += shift;
            e
        }));
    }

    /// An empty table with room for the rows of a file of this size (an ACLED row is rarely
    /// under 200 bytes), so a million entries are not copied as the table grows. Room not
    /// used is never touched, so costs no memory.
    pub fn with_capacity_for(file: &std::path::Path) -> Table {
        let len = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        let rows = (len / 200).min(50_000_000) as usize;
        let mut table = Table::default();
        table.entries.reserve(rows);
        table.actor_lists.reserve(rows * 2);
        table
    }

    /// Rebuilds the look-up maps a table read from a cache does not store.
    pub fn reindex(&mut self) {
        self.front_ids = index_of(&self.fronts);
        self.actor_ids = index_of(&self.actors);
        self.written_actors.clear();
    }

    /// The actors of an entry, folded.
    pub fn actors_of(&self, entry: &Entry) -> impl Iterator<Item = &str> {
        let start = entry.actors as usize;
        self.actor_lists[start..start + entry.actor_count as usize]
            .iter()
            .map(|a| self.actors[*a as usize].as_str())
    }
}

/// Interned strings to their ids, hashed with FNV-1a: the keys are short names looked up
/// once per row, where SipHash's defence against crafted keys costs more than the look-up.
type Ids = HashMap<String, u32, BuildHasherDefault<Fnv>>;

fn index_of(list: &[String]) -> Ids {
    list.iter()
        .enumerate()
        .map(|(i, v)| (v.clone(), i as u32))
        .collect()
}

/// The id of a string in an interned list, adding it if new.
fn intern(list: &mut Vec<String>, ids: &mut Ids, value: &str) -> u32 {
    if let Some(id) = ids.get(value) {
        return *id;
    }
    let id = list.len() as u32;
    list.push(value.to_string());
    ids.insert(value.to_string(), id);
    id
}

/// A filter made ready for one table: fronts and actors turned into sets of its ids.
pub struct Compiled<'a> {
    filter: &'a Filter,
    fronts: Option<Vec<bool>>,
    actors: Option<Vec<bool>>,
    types: Option<[bool; 6]>,
    subs: Option<[bool; 25]>,
    claims: Option<[bool; 3]>,
    dates: Option<(i32, i32, DateMode)>,
    /// The boxes around the place filters, tested before a great-circle distance.
    envelopes: Option<Vec<crate::filter::Bbox>>,
}

impl<'a> Compiled<'a> {
    /// Compiles `filter` for `table`; an unknown `--front` is an error naming the fronts
    /// there are.
    pub fn new(filter: &'a Filter, table: &Table, fronts: &Fronts) -> Result<Compiled<'a>, Error> {
        let front_set = if filter.fronts.is_empty() {
            None
        } else {
            let mut set = vec![false; table.fronts.len()];
            for name in &filter.fronts {
                let wanted = front_matcher(name, fronts);
                let mut found = fronts.find(name).is_some();
                for (i, f) in table.fronts.iter().enumerate() {
                    if wanted(f) {
                        set[i] = true;
                        found = true;
                    }
                }
                if !found {
                    return Err(unknown_front(name, fronts, &table.fronts));
                }
            }
            Some(set)
        };
        let actor_set = (!filter.actors.is_empty()).then(|| {
            table
                .actors
                .iter()
                .map(|a| filter.actors.iter().any(|n| contains_words(a, n)))
                .collect()
        });
        let types = (!filter.event_types.is_empty()).then(|| {
            let mut set = [false; 6];
            for t in &filter.event_types {
                if let Some(i) = EVENT_TYPES.iter().position(|(n, _)| n == t) {
                    set[i] = true;
                }
            }
            set
        });
        let subs = (!filter.sub_event_types.is_empty()).then(|| {
            let mut set = [false; 25];
            for s in &filter.sub_event_types {
                for code in 0..25u8 {
                    if sub_event_name(code) == *s {
                        set[code as usize] = true;
                    }
                }
            }
            set
        });
        let claims = (!filter.claims.is_empty()).then(|| {
            let mut set = [false; 3];
            for c in &filter.claims {
                set[c.code() as usize] = true;
            }
            set
        });
        let dates = filter.dates.map(|d| {
            let (from, to) = d.days();
            (from, to, d.mode)
        });
        Ok(Compiled {
            filter,
            fronts: front_set,
            actors: actor_set,
            types,
            subs,
            claims,
            dates,
            envelopes: filter.envelopes(),
        })
    }

    /// Whether an entry passes every part of the filter.
    pub fn matches(&self, table: &Table, e: &Entry) -> bool {
        if let Some((from, to, mode)) = self.dates {
            let ok = match mode {
                DateMode::Overlap => e.start <= to && e.end >= from,
                DateMode::Within => e.start >= from && e.end <= to,
                DateMode::Recorded => from <= e.recorded && e.recorded <= to,
            };
            if !ok {
                return false;
            }
        }
        if let Some(set) = &self.types {
            if !set.get(e.event_type as usize).copied().unwrap_or(false) {
                return false;
            }
        }
        if let Some(set) = &self.subs {
            if !set.get(e.sub_event_type as usize).copied().unwrap_or(false) {
                return false;
            }
        }
        if let Some(set) = &self.claims {
            if !set.get(e.claim as usize).copied().unwrap_or(false) {
                return false;
            }
        }
        if let Some(set) = &self.fronts {
            if !set[e.front as usize] {
                return false;
            }
        }
        if let Some(set) = &self.actors {
            let start = e.actors as usize;
            let list = &table.actor_lists[start..start + e.actor_count as usize];
            if !list.iter().any(|a| set[*a as usize]) {
                return false;
            }
        }
        if let Some(boxes) = &self.envelopes {
            if !boxes.iter().any(|b| b.contains(e.lon, e.lat)) {
                return false;
            }
        }
        self.filter.place_matches(e.lon, e.lat)
    }
}

/// Whether an event's front (id or name as written) is the one a `--front` names: its id,
/// English or Arabic name or alias, or the same name folded.
pub fn front_matcher<'a>(name: &str, fronts: &'a Fronts) -> impl Fn(&str) -> bool + 'a {
    let id = fronts.find(name).map(|f| f.id.clone());
    let folded = fold(name);
    move |front: &str| Some(front) == id.as_deref() || fold(front) == folded
}

fn unknown_front(name: &str, fronts: &Fronts, seen: &[String]) -> Error {
    let mut names: Vec<&str> = fronts.fronts.iter().map(|f| f.id.as_str()).collect();
    for f in seen {
        if !names.contains(&f.as_str()) {
            names.push(f);
        }
    }
    FlagError::new(
        "--front",
        name,
        format!(
            "a front id, name or alias from fronts.geojson, or a front the data names ({})",
            names.join(", ")
        ),
    )
    .into()
}

/// Whether an event passes a filter: the brute-force answer the index must equal.
pub fn matches_event(filter: &Filter, fronts: &Fronts, event: &Event) -> bool {
    if let Some(d) = &filter.dates {
        if !d.matches(
            event.date.start.num_days_from_ce(),
            event.date.end.num_days_from_ce(),
            event.recorded_day().num_days_from_ce(),
        ) {
            return false;
        }
    }
    if !filter.event_types.is_empty() && !filter.event_types.contains(&event.event_type) {
        return false;
    }
    if !filter.sub_event_types.is_empty() && !filter.sub_event_types.contains(&event.sub_event_type)
    {
        return false;
    }
    if !filter.claims.is_empty() && !filter.claims.contains(&event.claim.status) {
        return false;
    }
    if !filter.fronts.is_empty()
        && !filter
            .fronts
            .iter()
            .any(|name| front_matcher(name, fronts)(&event.front))
    {
        return false;
    }
    if !filter.actors.is_empty() {
        let any = event
            .actor1
            .iter()
            .chain(&event.assoc_actor_1)
            .chain(&event.actor2)
            .chain(&event.assoc_actor_2)
            .any(|a| {
                let folded = fold(a);
                filter.actors.iter().any(|n| contains_words(&folded, n))
            });
        if !any {
            return false;
        }
    }
    filter.place_matches(event.longitude(), event.latitude())
}

/// An event in the R-tree: its point, stretched along a third axis over its days (first to
/// last), so one search narrows by place and by date at once.
type Point = GeomWithData<Rectangle<[f64; 3]>, u32>;

/// Events whose interval is longer than this are kept apart from the start-sorted list, so
/// a date query needs only look this far back before its first day.
const LONG_SPAN_DAYS: i32 = 62;

/// The smallest sixteenth of a table worth scanning instead of walking the R-trees: below it
/// a walk is short whatever the box.
const DENSE_MIN: usize = 2048;

/// The R-tree and the interval index over a table's entries.
#[derive(Debug, Serialize, Deserialize)]
pub struct Index {
    /// R-trees over consecutive parts of the table, built side by side on every core.
    trees: Vec<RTree<Point>>,
    /// Entries with short intervals, by first day.
    by_start: Vec<u32>,
    /// Their first days, in the same order (binary-searched).
    starts: Vec<i32>,
    /// The longest span among them, in days.
    max_span: i32,
    /// Entries with long intervals, checked on every date query.
    long: Vec<u32>,
}

/// How a selection found its candidates (for tests and the benchmark).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Every entry was tested.
    Scan,
    /// The interval index gave the candidates (no place asked).
    Dates,
    /// The R-tree gave the candidates, by place and first day.
    Places,
}

impl Index {
    /// Builds the index over a table.
    pub fn build(table: &Table) -> Index {
        // Bulk-loading is the slow part (a third of a second per million points), so each
        // core loads a tree of its own part; a query asks them all.
        let parts = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 8);
        let per_part = table.entries.len().div_ceil(parts).max(1);
        let load = |first: usize| {
            let points: Vec<Point> = table.entries
                [first..(first + per_part).min(table.entries.len())]
                .iter()
                .enumerate()
                .filter(|(_, e)| e.end - e.start <= LONG_SPAN_DAYS)
                .map(|(i, e)| {
                    let days = Rectangle::from_corners(
                        [e.lon, e.lat, f64::from(e.start)],
                        [e.lon, e.lat, f64::from(e.end)],
                    );
                    GeomWithData::new(days, (first + i) as u32)
                })
                .collect();
            RTree::bulk_load(points)
        };
        let (trees, (short, long, max_span)) = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..table.entries.len())
                .step_by(per_part)
                .skip(1)
                .map(|first| scope.spawn(move || load(first)))
                .collect();
            let mut trees = vec![load(0)];
            let dates = date_index(table);
            trees.extend(handles.into_iter().map(|h| h.join().unwrap_or_default()));
            (trees, dates)
        });
        let starts: Vec<i32> = short
            .iter()
            .map(|i| table.entries[*i as usize].start)
            .collect();
        Index {
            trees,
            by_start: short,
            starts,
            max_span,
            long,
        }
    }

    /// The short-interval entries of the R-trees in a box whose days meet `days`.
    fn in_box<'a>(
        &'a self,
        b: &crate::filter::Bbox,
        days: (f64, f64),
    ) -> impl Iterator<Item = u32> + 'a {
        let envelope = AABB::from_corners([b.west, b.south, days.0], [b.east, b.north, days.1]);
        self.trees
            .iter()
            .flat_map(move |t| t.locate_in_envelope_intersecting(&envelope).map(|p| p.data))
    }
}

/// The interval index: short intervals by first day, the longest span among them, and the
/// long ones apart.
fn date_index(table: &Table) -> (Vec<u32>, Vec<u32>, i32) {
    let (mut short, mut long): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    for (i, e) in table.entries.iter().enumerate() {
        if e.end - e.start > LONG_SPAN_DAYS {
            long.push(i as u32);
        } else {
            short.push(i as u32);
        }
    }
    short.sort_by_key(|i| (table.entries[*i as usize].start, *i));
    let max_span = short
        .iter()
        .map(|i| {
            let e = &table.entries[*i as usize];
            e.end - e.start
        })
        .max()
        .unwrap_or(0);
    (short, long, max_span)
}

impl Index {
    /// The entries that pass the filter, in table order, and how they were found.
    pub fn select(&self, table: &Table, compiled: &Compiled) -> (Vec<u32>, Plan) {
        // Every date mode needs an event's days to meet the range (within: to lie in it;
        // recorded: to hold a day in it).
        let range = compiled.dates.map(|(from, to, _)| (from, to));
        let matches = |i: &u32| compiled.matches(table, &table.entries[*i as usize]);
        let (candidates, plan): (Vec<u32>, Plan) = match (compiled.filter.envelopes(), range) {
            // A place: the R-trees narrow by place and days together, unless the place holds
            // much of the table: walking a tree costs about fifteen times what testing an
            // entry in a straight scan does, so past a sixteenth of the table the scan is
            // sooner.
            (Some(boxes), range) => {
                let days = range.map_or((f64::MIN, f64::MAX), |(from, to)| {
                    (f64::from(from), f64::from(to))
                });
                let most = table.entries.len() / 16;
                let mut walked = 0usize;
                let mut hits = Vec::new();
                for i in boxes.iter().flat_map(|b| self.in_box(b, days)) {
                    walked += 1;
                    if walked > most && most >= DENSE_MIN {
                        let hits = (0..table.entries.len() as u32).filter(matches).collect();
                        return (hits, Plan::Scan);
                    }
                    if matches(&i) {
                        hits.push(i);
                    }
                }
                hits.extend(self.long.iter().copied().filter(matches));
                (hits, Plan::Places)
            }
            // Dates alone: the first days, binary-searched; an event that meets the range
            // began at most the longest short span before it.
            (None, Some((from, to))) => {
                let a = self
                    .starts
                    .partition_point(|s| *s < from.saturating_sub(self.max_span));
                let b = self.starts.partition_point(|s| *s <= to);
                let hits = self.by_start[a..b]
                    .iter()
                    .chain(&self.long)
                    .copied()
                    .filter(matches)
                    .collect();
                (hits, Plan::Dates)
            }
            (None, None) => {
                let hits = (0..table.entries.len() as u32).filter(matches).collect();
                return (hits, Plan::Scan);
            }
        };
        (sorted(candidates), plan)
    }
}

fn sorted(mut v: Vec<u32>) -> Vec<u32> {
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests;
