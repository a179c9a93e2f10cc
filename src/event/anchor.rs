//! Resolving relative dates (`anchor = LBY0001+3d`) through the whole dataset.
//!
//! Anchors form a graph between events; dates are settled in dependency order. A cycle,
//! an anchor to an unknown event, and an anchor that disagrees with the `event_date`
//! written beside it are each reported, with the chain that led there.

use super::date::DateInterval;
use super::record::Draft;
use crate::diagnostic::Diagnostic;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, PartialEq)]
enum State {
    Unvisited,
    InProgress,
    Done(Option<DateInterval>),
}

/// Settles the date of every draft, following anchors; returns one date per draft (None
/// where it could not be settled, with a diagnostic pushed).
///
/// `broken` names events that exist but failed their own checks: an anchor to one of them
/// is left unresolved without a second report.
pub fn resolve(
    drafts: &[Draft],
    broken: &HashSet<String>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Option<DateInterval>> {
    let index: HashMap<&str, usize> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.event.event_id_cnty.as_str(), i))
        .collect();
    let mut state = vec![State::Unvisited; drafts.len()];
    for start in 0..drafts.len() {
        visit(start, drafts, &index, broken, &mut state, problems);
    }
    state
        .into_iter()
        .map(|s| match s {
            State::Done(date) => date,
            _ => None,
        })
        .collect()
}

/// Depth-first walk along the anchor chain; iterative so a long chain cannot overflow.
fn visit(
    start: usize,
    drafts: &[Draft],
    index: &HashMap<&str, usize>,
    broken: &HashSet<String>,
    state: &mut [State],
    problems: &mut Vec<Diagnostic>,
) {
    let mut chain = vec![start];
    while let Some(&i) = chain.last() {
        if let State::Done(_) = state[i] {
            chain.pop();
            continue;
        }
        let draft = &drafts[i];
        let Some(anchor) = &draft.event.anchor else {
            state[i] = State::Done(draft.date);
            chain.pop();
            continue;
        };
        let Some(&target) = index.get(anchor.event_id.as_str()) else {
            if !broken.contains(&anchor.event_id) {
                problems.push(Diagnostic::field(
                    &draft.event.origin,
                    "anchor",
                    &anchor.to_string(),
                    format!(
                        "an anchor to an event in the data (no event {})",
                        anchor.event_id
                    ),
                ));
            }
            state[i] = State::Done(None);
            chain.pop();
            continue;
        };
        if target == i {
            problems.push(Diagnostic::field(
                &draft.event.origin,
                "anchor",
                &anchor.to_string(),
                "an anchor to another event, not to itself",
            ));
            state[i] = State::Done(None);
            chain.pop();
            continue;
        }
        match state[target] {
            State::Done(target_date) => {
                state[i] = State::Done(settle(draft, target_date, problems));
                chain.pop();
            }
            State::InProgress => {
                let from = chain.iter().position(|&c| c == target).unwrap_or(0);
                let ids: Vec<&str> = chain[from..]
                    .iter()
                    .chain(std::iter::once(&target))
                    .map(|&c| drafts[c].event.event_id_cnty.as_str())
                    .collect();
                for &c in &chain[from..] {
                    let event = &drafts[c].event;
                    problems.push(Diagnostic::field(
                        &event.origin,
                        "anchor",
                        &event
                            .anchor
                            .as_ref()
                            .map(|a| a.to_string())
                            .unwrap_or_default(),
                        format!(
                            "an anchor chain that ends at a dated event, not a cycle ({})",
                            ids.join(" → ")
                        ),
                    ));
                    state[c] = State::Done(None);
                }
                chain.truncate(from);
            }
            State::Unvisited => {
                state[i] = State::InProgress;
                chain.push(target);
            }
        }
    }
}

/// The date an anchor gives, checked against the date written beside it.
fn settle(
    draft: &Draft,
    target: Option<DateInterval>,
    problems: &mut Vec<Diagnostic>,
) -> Option<DateInterval> {
    // The target's own problem is already reported; one report per cause is enough.
    let target = target?;
    let anchor = draft.event.anchor.as_ref()?;
    let Some(date) = target.shifted(anchor.offset) else {
        problems.push(Diagnostic::field(
            &draft.event.origin,
            "anchor",
            &anchor.to_string(),
            "an offset that stays within the calendar",
        ));
        return None;
    };
    match draft.date {
        Some(written) if written.start != date.start || written.end != date.end => {
            problems.push(Diagnostic::field(
                &draft.event.origin,
                "event_date",
                &written.to_string(),
                format!(
                    "{date}, the date anchor {anchor} gives ({} is {target}); correct one or leave event_date empty",
                    anchor.event_id
                ),
            ));
            None
        }
        _ => Some(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Origin;
    use crate::event::date::Anchor;
    use crate::event::record::{parse, RawRecord};
    use std::path::Path;

    fn draft(line: u64, id: &str, date: &str, anchor: &str) -> Draft {
        let record = RawRecord::from_pairs(
            Origin::at(Path::new("t.csv"), line),
            [
                ("event_id_cnty", id),
                ("event_date", date),
                ("anchor", anchor),
                ("event_type", "Strategic developments"),
                ("sub_event_type", "Other"),
                ("actor1", "AFRICOM"),
                ("country", "Libya"),
                ("location", "Tripoli"),
                ("source", "Al Jazeera"),
            ],
        );
        let mut problems = Vec::new();
        let d = parse(&record, &mut problems).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        d
    }

    #[test]
    fn the_withdrawal_is_the_offensive_plus_three_days_through_a_chain() {
        let drafts = [
            draft(2, "LBY0003", "", "LBY0002+24d"),
            draft(3, "LBY0001", "2019-04-04", ""),
            draft(4, "LBY0002", "", "LBY0001+3d"),
        ];
        let mut problems = Vec::new();
        let dates = resolve(&drafts, &HashSet::new(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let days: Vec<String> = dates.iter().map(|d| d.unwrap().to_string()).collect();
        assert_eq!(days, ["2019-05-01", "2019-04-04", "2019-04-07"]);
    }

    #[test]
    fn a_cycle_is_reported_on_every_event_in_it() {
        let drafts = [
            draft(2, "A", "", "B+1d"),
            draft(3, "B", "", "C+1d"),
            draft(4, "C", "", "A+1d"),
            draft(5, "D", "", "A+1d"),
        ];
        let mut problems = Vec::new();
        let dates = resolve(&drafts, &HashSet::new(), &mut problems);
        assert!(dates.iter().all(Option::is_none));
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].expected.contains("A → B → C → A"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_contradiction_and_a_missing_target_are_reported() {
        let drafts = [
            draft(2, "LBY0001", "2019-04-04", ""),
            draft(3, "LBY0002", "2019-04-08", "LBY0001+3d"),
            draft(4, "LBY0003", "", "LBY9999+1d"),
            draft(5, "LBY0004", "2019-04-07", "LBY0001+3d"),
        ];
        let mut problems = Vec::new();
        let dates = resolve(&drafts, &HashSet::new(), &mut problems);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].field.as_deref(), Some("event_date"));
        assert!(problems[0].expected.starts_with("2019-04-07"));
        assert!(problems[1].expected.contains("no event LBY9999"));
        assert_eq!(dates[3].unwrap().to_string(), "2019-04-07");
        assert_eq!(Anchor::parse("LBY0001+3d").unwrap().event_id, "LBY0001");
    }
}
