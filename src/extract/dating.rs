//! Which date a candidate gets: the time expression nearest its trigger, a pair of days
//! read as one interval, "the same day" and "the next day" told by the date stated last, or
//! the publication day when the text states none.

use crate::event::date::{DateInterval, Offset, TimePrecision};
use crate::temporal::{DateKind, TimeExpression};
use chrono::NaiveDate;
use std::ops::Range;

/// "اليوم نفسه", "the same day", "اليوم التالي", "the next day": a day told by the date the
/// text stated last, not by the publication. Returns the expression to use, `None` when it
/// refers back and nothing was stated before.
pub(super) fn anaphora(
    text: &str,
    time: TimeExpression,
    last: Option<&TimeExpression>,
) -> Option<TimeExpression> {
    let after = text[time.span.end..].trim_start();
    let before = text[..time.span.start].trim_end();
    let next_word = after
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let same = ["نفسه", "ذاته", "نفسها", "ذاتها"].contains(&next_word);
    let following = next_word == "التالي";
    let english_same =
        before.ends_with("the same") || before.ends_with("That") || before.ends_with("that");
    if !(same || following || english_same) {
        return Some(time);
    }
    let base = last?;
    let shift = if following {
        Offset::Days(1)
    } else {
        Offset::Days(0)
    };
    let interval = base.interval.and_then(|i| i.shifted(shift));
    Some(TimeExpression { interval, ..time })
}

/// The usable time expression closest to a position, if the group states more than one.
pub(super) fn nearest_time(times: &[TimeExpression], at: usize) -> Option<TimeExpression> {
    let usable: Vec<&TimeExpression> = times
        .iter()
        .filter(|t| t.interval.is_some() && t.kind != DateKind::RelativeToOtherEvent)
        .collect();
    if usable.len() < 2 {
        return None;
    }
    usable
        .into_iter()
        .min_by_key(|t| {
            if t.span.start >= at {
                t.span.start - at
            } else {
                at - t.span.end
            }
        })
        .cloned()
}

/// Two days joined by "و" (يومي الاثنين والثلاثاء, بين السبت والأحد, "Monday and Tuesday")
/// are one interval from the first to the second.
pub(super) fn join_day_pairs(text: &str, times: &[TimeExpression]) -> Vec<TimeExpression> {
    let mut out: Vec<TimeExpression> = Vec::new();
    for t in times {
        if let Some(previous) = out.last_mut() {
            let between = text
                .get(previous.span.end..t.span.start)
                .unwrap_or("")
                .trim();
            let joined = matches!(between, "و" | "and" | "-" | "to")
                || (between.is_empty() && text[t.span.clone()].starts_with('و'));
            if let (true, Some(a), Some(b)) = (joined, previous.interval, t.interval) {
                if a.precision == TimePrecision::Day
                    && b.precision == TimePrecision::Day
                    && a.start < b.start
                    && (b.start - a.start).num_days() <= 6
                {
                    previous.interval = Some(DateInterval {
                        start: a.start,
                        end: b.end,
                        precision: TimePrecision::for_span((b.end - a.start).num_days() + 1),
                    });
                    previous.span = previous.span.start..t.span.end;
                    continue;
                }
            }
        }
        out.push(t.clone());
    }
    out
}

/// "اليوم التالي", "the next day", "the following day": the day after the last date the text
/// stated.
pub(super) fn next_day(
    text: &str,
    span: &Range<usize>,
    last: Option<&TimeExpression>,
) -> Option<TimeExpression> {
    let words = &text[span.clone()];
    let phrase = [
        "اليوم التالي",
        "في اليوم التالي",
        "the next day",
        "the following day",
    ]
    .iter()
    .find_map(|p| words.find(p).map(|i| (i, p.len())))?;
    let base = last?;
    let interval = base.interval.and_then(|i| i.shifted(Offset::Days(1)))?;
    Some(TimeExpression {
        span: span.start + phrase.0..span.start + phrase.0 + phrase.1,
        interval: Some(interval),
        kind: DateKind::RelativeToOtherEvent,
        relative: None,
        dateline: false,
    })
}

/// The date a candidate's time expression gives, and how much that date is trusted; the
/// publication day, less trusted, when there is none.
pub(super) fn date_of(time: Option<&TimeExpression>, published: NaiveDate) -> (DateInterval, f64) {
    match time.and_then(|t| t.interval.map(|i| (i, t.kind))) {
        Some((interval, DateKind::Approximate)) => (interval, 0.85),
        Some((interval, _)) => (interval, 1.0),
        None => (DateInterval::day(published), 0.8),
    }
}

pub(super) fn negate(offset: Offset) -> Option<Offset> {
    Some(match offset {
        Offset::Days(n) => Offset::Days(n.checked_neg()?),
        Offset::Months(n) => Offset::Months(n.checked_neg()?),
    })
}

/// The time expression that dates a group: an absolute or publication-relative one before an
/// approximate one; event-relative expressions date the referenced event, not this one.
pub(super) fn pick_time(times: &[TimeExpression]) -> Option<&TimeExpression> {
    let usable = |kinds: &[DateKind]| {
        times
            .iter()
            .find(|t| t.interval.is_some() && kinds.contains(&t.kind))
    };
    usable(&[DateKind::Absolute, DateKind::RelativeToPublication])
        .or_else(|| usable(&[DateKind::Approximate]))
}
