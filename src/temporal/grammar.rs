//! What the Arabic and English date grammars share: the shape of a match, years, numeric
//! dates (2019-04-07, 7/4/2019), vague spans, the words naming another event, and the
//! scanner that keeps the longest match at each place in the text.

use super::calendar::{self, Unit};
use super::token::Token;
use super::DateKind;
use crate::event::date::{DateInterval, Offset, TimePrecision};
use chrono::NaiveDate;
use std::ops::Range;

/// Everything a grammar needs to read tokens at one place.
pub(crate) struct Ctx<'a> {
    /// The text's tokens.
    pub tokens: &'a [Token],
    /// Calendar date of publication, the anchor of relative expressions.
    pub published: NaiveDate,
    /// Read month and weekday names in any case (for `resolve` on a lone expression).
    pub lenient: bool,
}

impl Ctx<'_> {
    /// Token `i`, if there is one.
    pub fn tok(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    /// Token `i` when it is a word.
    pub fn word(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i).filter(|t| t.is_word())
    }

    /// Whether token `i` is the mark `c`.
    pub fn punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// Whether token `i` is a word whose stem is one of `stems`.
    pub fn stem_in(&self, i: usize, stems: &[&str]) -> bool {
        self.word(i).is_some_and(|t| stems.contains(&t.stem()))
    }

    /// The index after an optional comma at `i`.
    pub fn skip_comma(&self, i: usize) -> usize {
        if self.punct(i, ',') {
            i + 1
        } else {
            i
        }
    }
}

/// What a match stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// Calendar days.
    Dates(DateInterval, DateKind),
    /// A distance from another event and the tokens `from..to` naming it.
    Relative(Offset, Range<usize>),
}

/// A match of tokens `start..end`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What the tokens stand for.
    pub value: Value,
}

impl Found {
    /// A match of tokens `start..end` standing for an interval.
    pub fn dates(start: usize, end: usize, interval: DateInterval, kind: DateKind) -> Found {
        Found {
            start,
            end,
            value: Value::Dates(interval, kind),
        }
    }
}

/// Keeps the longer of two matches (the first on a tie).
pub(crate) fn longest(a: Option<Found>, b: Option<Found>) -> Option<Found> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.end > a.end { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// A language's grammar: the longest match starting at a token.
pub(crate) type Grammar = fn(&Ctx<'_>, usize) -> Option<Found>;

/// Scans tokens left to right, keeping at each place the longest match `at` finds and
/// going on after it, so matches come in text order and never overlap.
pub(crate) fn scan(ctx: &Ctx<'_>, at: Grammar) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < ctx.tokens.len() {
        match at(ctx, i) {
            Some(f) if f.end > i => {
                i = f.end;
                found.push(f);
            }
            _ => i += 1,
        }
    }
    found
}

/// A four-digit year (1900–2100) at token `i`, with a glued or following Arabic م (for
/// ميلادي) taken along; the year and the next index.
pub(crate) fn year_at(ctx: &Ctx<'_>, i: usize) -> Option<(i32, usize)> {
    let (value, digits) = ctx.tok(i)?.number()?;
    if digits != 4 || !(1900..=2100).contains(&value) {
        return None;
    }
    let next = if ctx.word(i + 1).is_some_and(|t| t.norm == "م") {
        i + 2
    } else {
        i + 1
    };
    Some((value as i32, next))
}

/// A day of the month written in digits at token `i` (one or two digits, 1–31).
pub(crate) fn day_number(ctx: &Ctx<'_>, i: usize) -> Option<u32> {
    let (value, digits) = ctx.tok(i)?.number()?;
    (digits <= 2 && (1..=31).contains(&value)).then_some(value)
}

/// An all-numeric date at token `i`: year first (2019-04-07, 2019/4/7) in every language,
/// and day first (7/4/2019, 07.04.2019) when `day_first` (the Arabic and British order).
pub(crate) fn numeric_date(ctx: &Ctx<'_>, i: usize, day_first: bool) -> Option<Found> {
    let part = |k: usize| ctx.tok(i + k).and_then(|t| t.number());
    let sep = |k: usize| {
        ctx.tok(i + k)
            .filter(|t| t.glued)
            .is_some_and(|t| t.is_punct('-') || t.is_punct('/') || t.is_punct('.'))
    };
    let glued = |k: usize| ctx.tok(i + k).is_some_and(|t| t.glued);
    if !(sep(1) && sep(3) && glued(2) && glued(4)) {
        return None;
    }
    // The two separators must be the same mark.
    if ctx.tok(i + 1)?.kind != ctx.tok(i + 3)?.kind {
        return None;
    }
    let (a, b, c) = (part(0)?, part(2)?, part(4)?);
    let (y, m, d) = if a.1 == 4 && b.1 <= 2 && c.1 <= 2 {
        (a.0, b.0, c.0)
    } else if day_first && a.1 <= 2 && b.1 <= 2 && c.1 == 4 {
        (c.0, b.0, a.0)
    } else {
        return None;
    };
    let day = NaiveDate::from_ymd_opt(y as i32, m, d)?;
    Some(Found::dates(
        i,
        i + 5,
        DateInterval::day(day),
        DateKind::Absolute,
    ))
}

/// The interval a vague "in recent days" (الأيام الماضية) stands for: the `n` units before
/// publication, not counting the publication day; for hours, the day before and the day
/// of publication. Without a count ("recent days"), a few is taken as 7 days, 4 weeks,
/// 3 months or 2 years: an analyst reviews it, so the span errs on the wide side.
pub(crate) fn recent(published: NaiveDate, n: Option<u32>, unit: Unit) -> Option<DateInterval> {
    let end = calendar::add_days(published, -1)?;
    let start = match (unit, n) {
        (Unit::Hour, n) => {
            let days = i64::from(n.unwrap_or(24).max(1).div_ceil(24));
            return calendar::span(calendar::add_days(published, -days)?, published);
        }
        (Unit::Day, n) => calendar::add_days(published, -i64::from(n.unwrap_or(7)))?,
        (Unit::Week, n) => calendar::add_days(published, -7 * i64::from(n.unwrap_or(4)))?,
        (Unit::Month, n) => calendar::add_months(published, -(n.unwrap_or(3) as i32))?,
        (Unit::Year, n) => calendar::add_months(published, -12 * (n.unwrap_or(2) as i32))?,
    };
    calendar::span(start, end)
}

/// The interval "some days ago" (منذ أيام, قبل أسابيع) stands for, without a count: from
/// 7 days to 1 day before publication for days, 5 to 2 weeks for weeks, 11 to 2 months
/// for months, 10 to 2 years for years, the day before and the day of publication for
/// hours.
pub(crate) fn some_time_ago(published: NaiveDate, unit: Unit) -> Option<DateInterval> {
    let (start, end) = match unit {
        Unit::Hour => (calendar::add_days(published, -1)?, published),
        Unit::Day => (
            calendar::add_days(published, -7)?,
            calendar::add_days(published, -1)?,
        ),
        Unit::Week => (
            calendar::add_days(published, -35)?,
            calendar::add_days(published, -14)?,
        ),
        Unit::Month => (
            calendar::add_months(published, -11)?,
            calendar::add_months(published, -2)?,
        ),
        Unit::Year => (
            calendar::add_months(published, -120)?,
            calendar::add_months(published, -24)?,
        ),
    };
    calendar::span(start, end)
}

/// The offset of "n units after" another event (negative for "before"); a vague count
/// ("days after", بعد أيام من) is taken as 3 days, 2 weeks, 2 months or 2 years.
pub(crate) fn offset(n: Option<u32>, unit: Unit, sign: i64) -> Offset {
    match unit {
        Unit::Hour => Offset::Days(0),
        Unit::Day => Offset::Days(sign * i64::from(n.unwrap_or(3))),
        Unit::Week => Offset::Days(sign * 7 * i64::from(n.unwrap_or(2))),
        Unit::Month => Offset::Months(sign as i32 * n.unwrap_or(2) as i32),
        Unit::Year => Offset::Months(sign as i32 * 12 * n.unwrap_or(2) as i32),
    }
}

/// The longest run of words taken as naming another event: enough for "بدء هجوم قوات
/// اللواء المتقاعد خليفة حفتر على طرابلس" (9), short enough not to swallow the next clause.
const MAX_REFERENCE_WORDS: usize = 12;

/// The tokens naming another event, from `from`: up to twelve words, stopping at a mark that
/// ends a clause, a new line, or a word for which `stop` holds (one that starts a new
/// clause). `None` when no word is there.
pub(crate) fn reference(
    ctx: &Ctx<'_>,
    from: usize,
    stop: fn(&Token) -> bool,
) -> Option<Range<usize>> {
    let mut end = from;
    let mut words = 0;
    while let Some(t) = ctx.tok(end) {
        if t.ends_clause()
            || (end > from && t.line_start)
            || (t.is_word() && stop(t))
            || words == MAX_REFERENCE_WORDS
        {
            break;
        }
        if t.is_punct('-') && !t.glued {
            break;
        }
        // "Haftar's" is one word: the "s" after the apostrophe does not count.
        let possessive = t.glued
            && end > from
            && ctx
                .tok(end - 1)
                .is_some_and(|p| p.is_punct('\'') || p.is_punct('’'));
        if t.is_word() && !possessive {
            words += 1;
        }
        end += 1;
    }
    (words > 0).then_some(from..end)
}

/// Narrows a month or a year to its early, middle or late part ("early April", مطلع
/// العام): days 1–10, 11–20 and 21 to the end of a month; January–April, May–August and
/// September–December of a year.
pub(crate) fn part_of(interval: DateInterval, part: Part) -> Option<DateInterval> {
    use chrono::Datelike;
    let (s, e) = (interval.start, interval.end);
    let (start, end) = match interval.precision {
        TimePrecision::Month => match part {
            Part::Early => (s, s.with_day(10)?),
            Part::Middle => (s.with_day(11)?, s.with_day(20)?),
            Part::Late => (s.with_day(21)?, e),
        },
        TimePrecision::Year => match part {
            Part::Early => (s, NaiveDate::from_ymd_opt(s.year(), 4, 30)?),
            Part::Middle => (
                NaiveDate::from_ymd_opt(s.year(), 5, 1)?,
                NaiveDate::from_ymd_opt(s.year(), 8, 31)?,
            ),
            Part::Late => (NaiveDate::from_ymd_opt(s.year(), 9, 1)?, e),
        },
        _ => return None,
    };
    calendar::span(start, end)
}

/// A part of a month or year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// The beginning: "early", مطلع, بداية, أوائل.
    Early,
    /// The middle: "mid-", منتصف, أواسط.
    Middle,
    /// The end: "late", نهاية, أواخر.
    Late,
}

/// A found match narrowed to part of its month or year, as an approximate date starting
/// at token `start`.
pub(crate) fn narrowed(start: usize, found: Found, part: Part) -> Option<Found> {
    let Value::Dates(interval, _) = found.value else {
        return None;
    };
    let narrow = part_of(interval, part)?;
    Some(Found::dates(
        start,
        found.end,
        narrow,
        DateKind::Approximate,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn numeric(text: &str, day_first: bool) -> Option<String> {
        let tokens = tokenize(text, |_| false);
        let ctx = Ctx {
            tokens: &tokens,
            published: d("2019-05-01"),
            lenient: false,
        };
        numeric_date(&ctx, 0, day_first).map(|f| match f.value {
            Value::Dates(i, _) => i.to_string(),
            Value::Relative(..) => String::new(),
        })
    }

    #[test]
    fn reads_numeric_dates() {
        assert_eq!(numeric("2019-04-07", false).as_deref(), Some("2019-04-07"));
        assert_eq!(numeric("٢٠١٩/٤/٧", true).as_deref(), Some("2019-04-07"));
        assert_eq!(numeric("7/4/2019", true).as_deref(), Some("2019-04-07"));
        assert_eq!(numeric("7/4/2019", false), None);
        assert_eq!(numeric("2019-04/07", false), None);
        assert_eq!(numeric("2019 - 04 - 07", false), None);
        assert_eq!(numeric("2019-02-30", false), None);
    }

    #[test]
    fn vague_spans_end_before_publication() {
        let p = d("2019-05-01");
        assert_eq!(
            recent(p, None, Unit::Day).unwrap().to_string(),
            "2019-04-24/2019-04-30"
        );
        assert_eq!(
            recent(p, Some(3), Unit::Day).unwrap().to_string(),
            "2019-04-28/2019-04-30"
        );
        assert_eq!(
            recent(p, Some(24), Unit::Hour).unwrap().to_string(),
            "2019-04-30/2019-05-01"
        );
        assert_eq!(
            some_time_ago(p, Unit::Day).unwrap().to_string(),
            "2019-04-24/2019-04-30"
        );
        assert_eq!(offset(None, Unit::Day, 1), Offset::Days(3));
        assert_eq!(offset(Some(2), Unit::Week, -1), Offset::Days(-14));
    }

    #[test]
    fn parts_of_months_and_years() {
        let april = calendar::month(2019, 4).unwrap();
        assert_eq!(
            part_of(april, Part::Early).unwrap().to_string(),
            "2019-04-01/2019-04-10"
        );
        assert_eq!(
            part_of(april, Part::Late).unwrap().to_string(),
            "2019-04-21/2019-04-30"
        );
        let y = calendar::year(2016).unwrap();
        assert_eq!(
            part_of(y, Part::Middle).unwrap().to_string(),
            "2016-05-01/2016-08-31"
        );
        assert_eq!(
            part_of(DateInterval::day(d("2019-04-07")), Part::Early),
            None
        );
    }
}
