//! The English date grammar: "April 7", "7 April 2019", "April 7, 2019", ranges ("19-23
//! October 2020", "28 and 29 September", "between 20 and 30 June"), "on Sunday", "last
//! Sunday", "yesterday", "last week", "earlier this month", "in recent days", "two days
//! ago", years ("in 2016"), and "three days after" another event.
//!
//! Month and weekday names must be capitalised as news copy writes them (so "may" and
//! "march" as verbs are left alone); `resolve` on a lone expression reads any case.

use super::calendar::{self, DatePoint, Direction, Unit};
use super::grammar::{self, longest, Ctx, Found, Part, Value};
use super::numbers::{english_cardinal, english_ordinal};
use super::token::Token;
use super::DateKind;
use crate::event::date::DateInterval;
use chrono::{Datelike, Weekday};

/// The longest English time expression starting at token `i`.
pub(crate) fn at(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let t = ctx.tok(i)?;
    if t.number().is_some() {
        let mut best = grammar::numeric_date(ctx, i, false);
        best = longest(best, range_or_date(ctx, i));
        best = longest(best, year_expr(ctx, i));
        return longest(best, ago_or_relative(ctx, i));
    }
    if !t.is_word() {
        return None;
    }
    let mut best = range_or_date(ctx, i);
    for pattern in [
        month_expr,
        weekday_expr,
        deictic,
        period,
        recent_expr,
        ago_or_relative,
        the_day_after,
        part_expr,
    ] {
        best = longest(best, pattern(ctx, i));
    }
    best
}

/// A month name or abbreviation: its number and whether it is also a common word.
fn month_word(word: &str) -> Option<(u32, bool)> {
    Some(match word {
        "january" | "jan" => (1, false),
        "february" | "feb" => (2, false),
        "march" | "mar" => (3, true),
        "april" | "apr" => (4, false),
        "may" => (5, true),
        "june" | "jun" => (6, false),
        "july" | "jul" => (7, false),
        "august" | "aug" => (8, false),
        "september" | "sep" | "sept" => (9, false),
        "october" | "oct" => (10, false),
        "november" | "nov" => (11, false),
        "december" | "dec" => (12, false),
        _ => return None,
    })
}

fn weekday_word(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn unit_word(word: &str) -> Option<(Unit, bool)> {
    Some(match word {
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        _ => return None,
    })
}

fn is(ctx: &Ctx<'_>, i: usize, words: &[&str]) -> bool {
    ctx.word(i)
        .is_some_and(|t| words.contains(&t.norm.as_str()))
}

/// A capitalised name (any case when lenient) at `i`.
fn name<'a>(ctx: &'a Ctx<'_>, i: usize) -> Option<&'a Token> {
    ctx.word(i).filter(|t| t.capital || ctx.lenient)
}

/// A month name at `i` (with the full stop of an abbreviation): month, next, ambiguous.
fn month_at(ctx: &Ctx<'_>, i: usize) -> Option<(u32, usize, bool)> {
    let t = name(ctx, i)?;
    let (m, ambiguous) = month_word(&t.norm)?;
    let abbreviated = t.norm.len() <= 4 && t.norm != "june" && t.norm != "july" && t.norm != "may";
    let next = if abbreviated && ctx.tok(i + 1).is_some_and(|n| n.glued && n.is_punct('.')) {
        i + 2
    } else {
        i + 1
    };
    Some((m, next, ambiguous))
}

/// A day of the month: "7", "7th", "the 7th", "the seventh".
fn day_at(ctx: &Ctx<'_>, i: usize) -> Option<(u32, usize)> {
    let j = if is(ctx, i, &["the"]) { i + 1 } else { i };
    if let Some(d) = grammar::day_number(ctx, j) {
        let suffix = ctx
            .word(j + 1)
            .is_some_and(|t| t.glued && matches!(t.norm.as_str(), "st" | "nd" | "rd" | "th"));
        return Some((d, if suffix { j + 2 } else { j + 1 }));
    }
    if j > i {
        let d = english_ordinal(&ctx.word(j)?.norm)?;
        return Some((d, j + 1));
    }
    None
}

/// ", 2019" or " 2019" after a date.
fn year_after(ctx: &Ctx<'_>, j: usize) -> (Option<i32>, usize) {
    let k = ctx.skip_comma(j);
    match grammar::year_at(ctx, k) {
        Some((y, next)) => (Some(y), next),
        None => (None, j),
    }
}

/// A day and month: "7 April", "7th of April 2019", "April 7", "April 7th, 2019".
fn day_point(ctx: &Ctx<'_>, i: usize) -> Option<(DatePoint, usize)> {
    let point = |day, month, (year, end): (Option<i32>, usize)| {
        Some((
            DatePoint {
                day: Some(day),
                month,
                year,
                direction: Direction::OnOrBefore,
            },
            end,
        ))
    };
    if let Some((day, j)) = day_at(ctx, i) {
        let j = if is(ctx, j, &["of"]) { j + 1 } else { j };
        let (month, after, _) = month_at(ctx, j)?;
        return point(day, month, year_after(ctx, after));
    }
    let (month, j, _) = month_at(ctx, i)?;
    let (day, after) = day_at(ctx, j)?;
    point(day, month, year_after(ctx, after))
}

/// A date or a range of days: "19-23 October 2020", "19 to 23 October", "28 and 29
/// September", "between 20 and 30 June 2019", "October 19-23", "28 September to 2
/// October".
fn range_or_date(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let (connectors, j): (&[&str], usize) = if is(ctx, i, &["between"]) {
        (&["and"], i + 1)
    } else if is(ctx, i, &["from"]) {
        (&["to", "until", "till", "through", "-"], i + 1)
    } else {
        (&["to", "until", "till", "through", "-", "and"], i)
    };
    let led = j > i;
    let connected = |k: usize| {
        ctx.tok(k).is_some_and(|t| {
            (t.is_punct('-') && connectors.contains(&"-"))
                || (t.is_word() && connectors.contains(&t.norm.as_str()))
        })
    };
    let single = day_point(ctx, j);
    if let Some((first, after)) = single {
        // "April 7 and May 3" names two days; "April 19-23", "April 4 and 5" and "April 19
        // to May 3" a range.
        let and = is(ctx, after, &["and"]);
        if connected(after) {
            let second_point = day_point(ctx, after + 1);
            if let Some((second, end)) = second_point.filter(|_| led || !and) {
                let interval = calendar::range(first, second, ctx.published)?;
                return Some(Found::dates(i, end, interval, DateKind::Absolute));
            }
            // "October 19-23, 2020": a second day in the first one's month.
            if first.year.is_none() && second_point.is_none() {
                if let Some((day, k)) = day_at(ctx, after + 1) {
                    let (year, end) = year_after(ctx, k);
                    let second = DatePoint {
                        day: Some(day),
                        year,
                        ..first
                    };
                    let first = DatePoint { year, ..first };
                    let interval = calendar::range(first, second, ctx.published)?;
                    return Some(Found::dates(i, end, interval, DateKind::Absolute));
                }
            }
        }
        if led {
            return None;
        }
        return Some(Found::dates(
            i,
            after,
            calendar::point(first, ctx.published)?,
            DateKind::Absolute,
        ));
    }
    let (day, after) = day_at(ctx, j)?;
    if !connected(after) {
        return None;
    }
    let (second, end) = day_point(ctx, after + 1)?;
    let first = DatePoint {
        day: Some(day),
        ..second
    };
    let interval = calendar::range(first, second, ctx.published)?;
    Some(Found::dates(i, end, interval, DateKind::Absolute))
}

/// A month without a day: "April 2019", "in April", "last April", "March of 2011".
fn month_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let (direction, j) = if is(ctx, i, &["last"]) {
        (Direction::Before, i + 1)
    } else if is(ctx, i, &["next"]) {
        (Direction::After, i + 1)
    } else {
        (Direction::OnOrBefore, i)
    };
    let (month, after, ambiguous) = month_at(ctx, j)?;
    let k = if is(ctx, after, &["of"]) {
        after + 1
    } else {
        ctx.skip_comma(after)
    };
    let (year, end) = match grammar::year_at(ctx, k) {
        Some((y, next)) => (Some(y), next),
        None => (None, after),
    };
    let after_preposition = i.checked_sub(1).is_some_and(|p| {
        is(
            ctx,
            p,
            &[
                "in",
                "since",
                "during",
                "until",
                "till",
                "by",
                "of",
                "through",
                "early",
                "late",
                "mid",
                "from",
                "throughout",
            ],
        ) || (ctx.punct(p, '-') && is(ctx, p.wrapping_sub(1), &["mid"]))
    });
    if ambiguous && year.is_none() && j == i && !after_preposition {
        return None;
    }
    let p = DatePoint {
        day: None,
        month,
        year,
        direction,
    };
    Some(Found::dates(
        i,
        end,
        calendar::point(p, ctx.published)?,
        DateKind::Absolute,
    ))
}

/// A year after a word that introduces one: "in 2016", "since 2011", "during 2016".
fn year_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let (y, end) = grammar::year_at(ctx, i)?;
    let introduced = i.checked_sub(1).is_some_and(|p| {
        is(
            ctx,
            p,
            &[
                "in",
                "since",
                "during",
                "until",
                "till",
                "by",
                "of",
                "through",
                "throughout",
                "early",
                "late",
                "mid",
                "year",
                "before",
                "after",
                "from",
                "between",
                "and",
                "to",
            ],
        ) || (ctx.punct(p, '-') && is(ctx, p.wrapping_sub(1), &["mid"]))
    });
    if !(introduced || ctx.lenient) {
        return None;
    }
    Some(Found::dates(i, end, calendar::year(y)?, DateKind::Absolute))
}

/// "Sunday", "on Sunday", "last Sunday", "Sunday night", "Sunday, April 7" (the date wins).
fn weekday_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let (direction, j) = if is(ctx, i, &["last", "past"]) {
        (Direction::Before, i + 1)
    } else if is(ctx, i, &["next", "coming"]) {
        (Direction::After, i + 1)
    } else if is(ctx, i, &["this"]) {
        (Direction::OnOrBefore, i + 1)
    } else {
        (Direction::OnOrBefore, i)
    };
    let day = weekday_word(&name(ctx, j)?.norm)?;
    if let Some((p, end)) = day_point(ctx, ctx.skip_comma(j + 1)) {
        return Some(Found::dates(
            i,
            end,
            calendar::point(p, ctx.published)?,
            DateKind::Absolute,
        ));
    }
    let end = if is(ctx, j + 1, &["night", "morning", "afternoon", "evening"]) {
        j + 2
    } else {
        j + 1
    };
    let date = calendar::weekday(day, ctx.published, direction);
    Some(Found::dates(
        i,
        end,
        DateInterval::day(date),
        DateKind::RelativeToPublication,
    ))
}

/// "yesterday", "today", "tonight", "tomorrow", "last night", "this morning", "the day
/// before yesterday", "earlier today".
fn deictic(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let t = ctx.word(i)?;
    let (days, end) = match t.norm.as_str() {
        "yesterday" => (-1, i + 1),
        "today" | "tonight" => (0, i + 1),
        "tomorrow" => (1, i + 1),
        "last" if is(ctx, i + 1, &["night"]) => (-1, i + 2),
        "this" if is(ctx, i + 1, &["morning", "afternoon", "evening"]) => (0, i + 2),
        "earlier" | "later" if is(ctx, i + 1, &["today"]) => (0, i + 2),
        "the"
            if is(ctx, i + 1, &["day"])
                && is(ctx, i + 2, &["before"])
                && is(ctx, i + 3, &["yesterday"]) =>
        {
            (-2, i + 4)
        }
        _ => return None,
    };
    let day = calendar::add_days(ctx.published, days)?;
    Some(Found::dates(
        i,
        end,
        DateInterval::day(day),
        DateKind::RelativeToPublication,
    ))
}

/// "last week", "this month", "next year", and "earlier this month" (from the start of
/// the period to the day before publication, approximate).
fn period(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let earlier = is(ctx, i, &["earlier"]);
    let j = if earlier { i + 1 } else { i };
    let step = match ctx.word(j)?.norm.as_str() {
        "last" => -1,
        "this" => 0,
        "next" => 1,
        _ => return None,
    };
    if earlier && step != 0 {
        return None;
    }
    let unit = match ctx.word(j + 1)?.norm.as_str() {
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    };
    let p = ctx.published;
    let interval = match unit {
        Unit::Week => calendar::week_of(calendar::add_days(p, 7 * step)?),
        Unit::Month => {
            let d = calendar::add_months(p, step as i32)?;
            calendar::month(d.year(), d.month())?
        }
        _ => calendar::year(p.year() + step as i32)?,
    };
    if earlier {
        let end = calendar::add_days(p, -1)
            .filter(|d| *d >= interval.start)
            .unwrap_or(p);
        return Some(Found::dates(
            i,
            j + 2,
            calendar::span(interval.start, end)?,
            DateKind::Approximate,
        ));
    }
    Some(Found::dates(
        i,
        j + 2,
        interval,
        DateKind::RelativeToPublication,
    ))
}

/// "in recent days", "the past few days", "over the last three days", "the past week",
/// "the past 24 hours": the span just before publication (approximate).
fn recent_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let mut j = i;
    let the = is(ctx, j, &["the"]);
    if the {
        j += 1;
    }
    let recent = is(ctx, j, &["recent"]);
    if !(recent || (the && is(ctx, j, &["past", "last"]))) {
        return None;
    }
    j += 1;
    let mut n = None;
    if is(ctx, j, &["few", "several"]) {
        j += 1;
    } else if is(ctx, j, &["couple"]) && is(ctx, j + 1, &["of"]) {
        n = Some(2);
        j += 2;
    } else if let Some((v, _)) = ctx.tok(j).and_then(|t| t.number()) {
        n = Some(v);
        j += 1;
    } else if let Some(v) = ctx
        .word(j)
        .and_then(|t| english_cardinal(&t.norm))
        .filter(|_| !is(ctx, j, &["a", "an"]))
    {
        n = Some(v);
        j += 1;
    }
    let (unit, plural) = unit_word(&ctx.word(j)?.norm)?;
    if !plural && n.is_none() && !the {
        return None;
    }
    let n = if plural { n } else { Some(1) };
    let interval = grammar::recent(ctx.published, n, unit)?;
    Some(Found::dates(i, j + 1, interval, DateKind::Approximate))
}

/// A count of a unit: "three days", "3 days", "a week", "a few days", "days"; the count
/// (`None` for a vague one), the unit and the next index.
fn count_unit(ctx: &Ctx<'_>, i: usize) -> Option<(Option<u32>, Unit, usize)> {
    let mut j = i;
    let mut n = None;
    if is(ctx, j, &["a"]) && is(ctx, j + 1, &["few", "couple"]) {
        j += 1;
    }
    if is(ctx, j, &["few", "several"]) {
        j += 1;
    } else if is(ctx, j, &["couple"]) {
        n = Some(2);
        j += if is(ctx, j + 1, &["of"]) { 2 } else { 1 };
    } else if let Some((v, _)) = ctx.tok(j).and_then(|t| t.number()) {
        n = Some(v);
        j += 1;
    } else if let Some(v) = ctx.word(j).and_then(|t| english_cardinal(&t.norm)) {
        n = Some(v);
        j += 1;
    }
    let (unit, plural) = unit_word(&ctx.word(j)?.norm)?;
    if !plural && n.is_none() {
        return None;
    }
    Some((n, unit, j + 1))
}

/// "two days ago", "a week ago", "days ago"; "three days after the offensive began", "two
/// days before the vote" (counted from another event).
fn ago_or_relative(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let (n, unit, k) = count_unit(ctx, i)?;
    let word = ctx.word(k)?.norm.as_str();
    let sign = match word {
        "ago" => {
            let (interval, kind) = match n {
                Some(n) => (
                    calendar::ago(ctx.published, n, unit)?,
                    DateKind::RelativeToPublication,
                ),
                None => (
                    grammar::some_time_ago(ctx.published, unit)?,
                    DateKind::Approximate,
                ),
            };
            return Some(Found::dates(i, k + 1, interval, kind));
        }
        "after" => 1,
        "before" => -1,
        _ => return None,
    };
    let reference = grammar::reference(ctx, k + 1, clause_start)?;
    Some(Found {
        start: i,
        end: k + 1,
        value: Value::Relative(grammar::offset(n, unit, sign), reference),
    })
}

/// "the day after the attack" (+1 day), "the day before the vote" (−1 day).
fn the_day_after(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    if !(is(ctx, i, &["the"]) && is(ctx, i + 1, &["day"])) {
        return None;
    }
    let sign = match ctx.word(i + 2)?.norm.as_str() {
        "after" => 1,
        "before" => -1,
        _ => return None,
    };
    if is(ctx, i + 3, &["yesterday"]) {
        return None;
    }
    let reference = grammar::reference(ctx, i + 3, clause_start)?;
    Some(Found {
        start: i,
        end: i + 3,
        value: Value::Relative(grammar::offset(Some(1), Unit::Day, sign), reference),
    })
}

/// Words that start a new clause, where the words naming another event stop.
fn clause_start(t: &Token) -> bool {
    matches!(
        t.norm.as_str(),
        "and"
            | "but"
            | "when"
            | "which"
            | "who"
            | "while"
            | "as"
            | "because"
            | "after"
            | "before"
            | "since"
            | "said"
            | "says"
            | "that"
            | "where"
            | "although"
            | "though"
    )
}

/// "early April", "mid-April", "late 2016", "late last month": part of a month or year.
fn part_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let part = match ctx.word(i)?.norm.as_str() {
        "early" => Part::Early,
        "mid" => Part::Middle,
        "late" => Part::Late,
        _ => return None,
    };
    let j = if ctx.punct(i + 1, '-') { i + 2 } else { i + 1 };
    let inner = at(ctx, j)?;
    grammar::narrowed(i, inner, part)
}

#[cfg(test)]
mod tests {
    use super::super::{resolve, Lang};
    use crate::event::date::Offset;

    use super::super::testing::{check_cases, d};

    /// (expression, published, interval as `DateInterval` writes it, precision, kind).
    const CASES: &[(&str, &str, &str, &str, &str)] = &[
        ("April 7", "2019-05-01", "2019-04-07", "day", "absolute"),
        (
            "7 April 2019",
            "2019-05-01",
            "2019-04-07",
            "day",
            "absolute",
        ),
        (
            "April 7, 2019",
            "2019-05-01",
            "2019-04-07",
            "day",
            "absolute",
        ),
        ("April 7th", "2019-05-01", "2019-04-07", "day", "absolute"),
        (
            "the 4th of April",
            "2019-05-01",
            "2019-04-04",
            "day",
            "absolute",
        ),
        ("Sept. 12", "2019-10-01", "2019-09-12", "day", "absolute"),
        ("December 25", "2019-05-01", "2018-12-25", "day", "absolute"),
        ("May 2", "2019-05-01", "2018-05-02", "day", "absolute"),
        ("2019-04-04", "2019-05-01", "2019-04-04", "day", "absolute"),
        (
            "on Sunday",
            "2019-05-01",
            "2019-04-28",
            "day",
            "relative_to_publication",
        ),
        (
            "Wednesday",
            "2019-05-01",
            "2019-05-01",
            "day",
            "relative_to_publication",
        ),
        (
            "last Wednesday",
            "2019-05-01",
            "2019-04-24",
            "day",
            "relative_to_publication",
        ),
        (
            "Thursday night",
            "2019-05-01",
            "2019-04-25",
            "day",
            "relative_to_publication",
        ),
        (
            "Sunday, April 7",
            "2019-05-01",
            "2019-04-07",
            "day",
            "absolute",
        ),
        (
            "yesterday",
            "2019-05-01",
            "2019-04-30",
            "day",
            "relative_to_publication",
        ),
        (
            "today",
            "2019-05-01",
            "2019-05-01",
            "day",
            "relative_to_publication",
        ),
        (
            "last night",
            "2019-05-01",
            "2019-04-30",
            "day",
            "relative_to_publication",
        ),
        (
            "the day before yesterday",
            "2019-05-01",
            "2019-04-29",
            "day",
            "relative_to_publication",
        ),
        (
            "last week",
            "2019-05-01",
            "2019-04-22/2019-04-28",
            "week",
            "relative_to_publication",
        ),
        (
            "last month",
            "2019-05-01",
            "2019-04",
            "month",
            "relative_to_publication",
        ),
        (
            "last year",
            "2019-05-01",
            "2018",
            "year",
            "relative_to_publication",
        ),
        (
            "earlier this month",
            "2019-05-20",
            "2019-05-01/2019-05-19",
            "month",
            "approximate",
        ),
        (
            "in recent days",
            "2019-05-01",
            "2019-04-24/2019-04-30",
            "week",
            "approximate",
        ),
        (
            "in the past few days",
            "2019-05-01",
            "2019-04-24/2019-04-30",
            "week",
            "approximate",
        ),
        (
            "over the past three days",
            "2019-05-01",
            "2019-04-28/2019-04-30",
            "days",
            "approximate",
        ),
        (
            "in the past 24 hours",
            "2019-05-01",
            "2019-04-30/2019-05-01",
            "days",
            "approximate",
        ),
        (
            "two days ago",
            "2019-05-01",
            "2019-04-29",
            "day",
            "relative_to_publication",
        ),
        (
            "a week ago",
            "2019-05-01",
            "2019-04-22/2019-04-28",
            "week",
            "relative_to_publication",
        ),
        (
            "19-23 October 2020",
            "2020-11-01",
            "2020-10-19/2020-10-23",
            "days",
            "absolute",
        ),
        (
            "19 to 23 October",
            "2019-11-01",
            "2019-10-19/2019-10-23",
            "days",
            "absolute",
        ),
        (
            "28 and 29 September",
            "2019-10-01",
            "2019-09-28/2019-09-29",
            "days",
            "absolute",
        ),
        (
            "between 20 and 30 June 2019",
            "2019-07-01",
            "2019-06-20/2019-06-30",
            "week",
            "absolute",
        ),
        (
            "October 19-23",
            "2019-11-01",
            "2019-10-19/2019-10-23",
            "days",
            "absolute",
        ),
        (
            "28 September to 2 October",
            "2019-11-01",
            "2019-09-28/2019-10-02",
            "days",
            "absolute",
        ),
        ("in 2016", "2019-05-01", "2016", "year", "absolute"),
        ("April 2019", "2019-05-01", "2019-04", "month", "absolute"),
        ("in April", "2019-05-01", "2019-04", "month", "absolute"),
        ("last April", "2020-01-15", "2019-04", "month", "absolute"),
        ("in June", "2019-05-01", "2018-06", "month", "absolute"),
        (
            "mid-April",
            "2019-05-01",
            "2019-04-11/2019-04-20",
            "week",
            "approximate",
        ),
        (
            "late 2016",
            "2019-05-01",
            "2016-09-01/2016-12-31",
            "year",
            "approximate",
        ),
    ];

    #[test]
    fn resolves_english_expressions() {
        check_cases(CASES, Lang::En);
    }

    #[test]
    fn counts_from_another_event() {
        let cases = [
            (
                "three days after Haftar's forces attacked Tripoli, AFRICOM left",
                Offset::Days(3),
                "Haftar's forces attacked Tripoli",
            ),
            (
                "two days before the conference",
                Offset::Days(-2),
                "the conference",
            ),
            ("the day after the attack", Offset::Days(1), "the attack"),
            (
                "days after the offensive began",
                Offset::Days(3),
                "the offensive began",
            ),
        ];
        for (text, offset, reference) in cases {
            let got = resolve(text, d("2019-05-01"), Lang::En).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(got.kind.as_str(), "relative_to_other_event", "{text}");
            let relative = got.relative.unwrap();
            assert_eq!(relative.offset, offset, "{text}");
            assert_eq!(&text[relative.reference], reference, "{text}");
        }
    }

    #[test]
    fn two_dates_joined_by_and_stay_two() {
        let text = "Clashes on April 7 and May 3 killed dozens.";
        let found = super::super::find(text, d("2019-06-01"), Lang::En);
        let spans: Vec<&str> = found.iter().map(|e| &text[e.span.clone()]).collect();
        assert_eq!(spans, ["April 7", "May 3"]);
    }

    #[test]
    fn leaves_verbs_and_numbers_alone() {
        let found = super::super::find(
            "Forces may march on the city. Resolution 2259 was passed. 300 fighters",
            d("2019-05-01"),
            Lang::En,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
