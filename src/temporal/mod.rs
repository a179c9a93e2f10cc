//! Time expressions in Arabic and English news text, resolved to date intervals.
//!
//! A report dates what it tells relative to its own publication ("yesterday", أمس,
//! "last Thursday", الخميس الماضي), to the calendar ("7 April", السابع من أبريل/نيسان), or
//! to another event it tells ("three days after the offensive began", بعد ثلاثة أيام من بدء
//! الهجوم). This module finds such expressions and resolves the first two kinds; the third
//! is resolved by `extract`, which knows the other events.
//!
//! [`find`] reads every expression in a text, [`resolve`] one expression on its own. The
//! text is cut into folded tokens once ([`token`], over [`crate::text`], which also takes
//! off the Arabic clitics the grammar accepts), then a grammar per language
//! ([`arabic`], [`english`]) keeps the longest match at each place; [`calendar`] does the
//! date arithmetic and [`dateline`] marks dates that only date the report.
//!
//! Choices where the reports are vague, so that a reviewer knows what a date stands for:
//! a date without a year is the nearest one on or before publication; a bare weekday is
//! the nearest on or before publication, "last Sunday" / الخميس الماضي strictly before;
//! "last week" is the previous ISO week; "in recent days" / الأيام الماضية are the 7 days
//! before publication (approximate), "earlier this month" the 1st to the day before
//! publication; "a week ago" / منذ أسبوع is the ISO week holding the day 7 days back;
//! "days after" another event (بعد أيام من) is +3 days.

mod arabic;
mod calendar;
mod dateline;
mod english;
mod grammar;
mod numbers;
mod token;

pub use dateline::datelines;

use crate::event::date::{DateInterval, Offset};
use crate::text::clitics::Reading;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use std::fmt;
use std::ops::Range;

/// The language of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Arabic.
    Ar,
    /// English.
    En,
}

impl Lang {
    /// Arabic when Arabic letters outnumber Latin ones, else English.
    pub fn detect(text: &str) -> Lang {
        let arabic = text
            .chars()
            .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
            .count();
        let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
        if arabic > latin {
            Lang::Ar
        } else {
            Lang::En
        }
    }
}

/// How a time expression is anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateKind {
    /// A calendar date stated in full, or with a year inferred ("7 April 2019", "April 7").
    Absolute,
    /// Counted from the publication date ("yesterday", أمس, "last week").
    RelativeToPublication,
    /// Counted from another event in the text ("three days after the offensive began").
    RelativeToOtherEvent,
    /// Vague ("in recent days", الأيام الماضية, "earlier this month").
    Approximate,
}

impl DateKind {
    /// The name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            DateKind::Absolute => "absolute",
            DateKind::RelativeToPublication => "relative_to_publication",
            DateKind::RelativeToOtherEvent => "relative_to_other_event",
            DateKind::Approximate => "approximate",
        }
    }
}

impl fmt::Display for DateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A date counted from another event the text tells of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRelative {
    /// The distance from that event (`بعد ثلاثة أيام من` = +3 days, "two days before" = -2 days).
    pub offset: Offset,
    /// Byte range of the words that name the other event ("بدء هجوم قوات حفتر على طرابلس").
    pub reference: Range<usize>,
}

/// One time expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeExpression {
    /// Byte range of the expression in the text it was found in.
    pub span: Range<usize>,
    /// The dates it stands for; `None` only for `RelativeToOtherEvent` until `extract`
    /// resolves it.
    pub interval: Option<DateInterval>,
    /// How it is anchored.
    pub kind: DateKind,
    /// For `RelativeToOtherEvent`: the offset and the words naming the other event.
    pub relative: Option<EventRelative>,
    /// Whether it is part of a dateline ("TRIPOLI, April 7 (Reuters) -", "ـ بنغازي ـ"),
    /// which dates the report, not an event.
    pub dateline: bool,
}

/// Every time expression in a text, in text order, never overlapping (the longest match
/// wins where two could start at one place). Spans are byte ranges of `text`.
///
/// # Examples
/// ```
/// use frontline::temporal::{find, Lang};
/// let text = "أعلنت في السابع من أبريل/نيسان سحب القوات";
/// let published = "2019-05-01".parse().unwrap();
/// let found = find(text, published, Lang::Ar);
/// assert_eq!(&text[found[0].span.clone()], "السابع من أبريل/نيسان");
/// assert_eq!(found[0].interval.unwrap().to_string(), "2019-04-07");
/// ```
pub fn find(text: &str, published: NaiveDate, lang: Lang) -> Vec<TimeExpression> {
    scan(text, published, lang, false)
}

/// One expression read as a whole (for `frontline date`): the longest time expression in
/// it, with month and weekday names read in any case. `None` when it holds no date.
///
/// # Examples
/// ```
/// use frontline::temporal::{resolve, DateKind, Lang};
/// let published = "2019-05-01".parse().unwrap();
/// let last = resolve("الخميس الماضي", published, Lang::Ar).unwrap();
/// assert_eq!(last.interval.unwrap().to_string(), "2019-04-25");
/// assert_eq!(last.kind, DateKind::RelativeToPublication);
/// ```
pub fn resolve(expression: &str, published: NaiveDate, lang: Lang) -> Option<TimeExpression> {
    scan(expression, published, lang, true)
        .into_iter()
        .reduce(|best, e| {
            if e.span.len() > best.span.len() {
                e
            } else {
                best
            }
        })
}

fn scan(text: &str, published: NaiveDate, lang: Lang, lenient: bool) -> Vec<TimeExpression> {
    let (accept, at): (fn(&Reading<'_>) -> bool, grammar::Grammar) = match lang {
        Lang::Ar => (arabic::accepts, arabic::at),
        Lang::En => (|_| false, english::at),
    };
    let tokens = token::tokenize(text, accept);
    let ctx = grammar::Ctx {
        tokens: &tokens,
        published,
        lenient,
    };
    let found = grammar::scan(&ctx, at);
    let datelines = if found.is_empty() {
        Vec::new()
    } else {
        dateline::regions(&tokens)
    };
    found
        .into_iter()
        .map(|f| {
            let (interval, kind, relative) = match f.value {
                grammar::Value::Dates(interval, kind) => (Some(interval), kind, None),
                grammar::Value::Relative(offset, words) => (
                    None,
                    DateKind::RelativeToOtherEvent,
                    Some(EventRelative {
                        offset,
                        reference: token::byte_range(&tokens, words.start, words.end),
                    }),
                ),
            };
            TimeExpression {
                span: token::byte_range(&tokens, f.start, f.end),
                interval,
                kind,
                relative,
                dateline: datelines.iter().any(|d| d.contains(&f.start)),
            }
        })
        .collect()
}

/// A publication time that `--published` could not be read as.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a publication time: expected RFC 3339 (2019-05-01T18:49:00+03:00), YYYY-MM-DDTHH:MM or YYYY-MM-DD")]
pub struct BadPublished {
    /// The text given.
    pub value: String,
}

/// Reads a publication time: RFC 3339, or a local `YYYY-MM-DDTHH:MM[:SS]`, or a day.
pub fn parse_published(value: &str) -> Result<DateTime<FixedOffset>, BadPublished> {
    let text = value.trim();
    let utc = FixedOffset::east_opt(0).expect("UTC is a valid offset");
    let local = |naive: NaiveDateTime| utc.from_local_datetime(&naive).single();
    DateTime::parse_from_rfc3339(text)
        .ok()
        .or_else(|| {
            ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
                .and_then(local)
        })
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| local(d.and_time(NaiveTime::MIN)))
        })
        .ok_or_else(|| BadPublished {
            value: value.to_string(),
        })
}

/// Helpers the language modules' tests share.
#[cfg(test)]
pub(crate) mod testing {
    use super::{resolve, Lang, TimeExpression};
    use crate::event::date::TimePrecision;
    use chrono::NaiveDate;

    /// A day written `YYYY-MM-DD`.
    pub fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// An expression's reading as `interval|precision|kind` (or `offset|kind`).
    pub fn show(e: &TimeExpression) -> String {
        match &e.interval {
            Some(i) => format!("{}|{}|{}", i, i.precision, e.kind),
            None => format!("{:?}|{}", e.relative.as_ref().map(|r| r.offset), e.kind),
        }
    }

    /// Checks a table of (expression, published, interval as `DateInterval` writes it,
    /// precision, kind).
    pub fn check_cases(cases: &[(&str, &str, &str, &str, &str)], lang: Lang) {
        for (text, published, want, precision, kind) in cases {
            let got =
                resolve(text, d(published), lang).unwrap_or_else(|| panic!("nothing in {text}"));
            assert_eq!(
                show(&got),
                format!("{want}|{precision}|{kind}"),
                "{text} on {published}"
            );
            if let Some(interval) = got.interval {
                assert_eq!(
                    TimePrecision::parse(precision),
                    Some(interval.precision),
                    "{text}"
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_publication_times() {
        let p = parse_published("2019-05-01T18:49:00+03:00").unwrap();
        assert_eq!(p.date_naive().to_string(), "2019-05-01");
        assert!(parse_published("2019-05-01").is_ok());
        assert!(parse_published("2019-05-01T18:49").is_ok());
        assert!(parse_published("yesterday").is_err());
        assert!(parse_published("2019-13-01").is_err());
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn finds_the_dates_of_a_report_on_the_return_of_us_forces() {
        // The project's own report in the manner of the Arabic press of 1 May 2019.
        let text = include_str!("../../tests/fixtures/extract/us-forces-return.ar.txt");
        let found: Vec<String> = find(text, d("2019-05-01"), Lang::Ar)
            .iter()
            .map(|e| {
                let when = match (&e.interval, &e.relative) {
                    (Some(i), _) => i.to_string(),
                    (None, Some(r)) => format!("{:?} {}", r.offset, &text[r.reference.clone()]),
                    (None, None) => String::new(),
                };
                format!("{} = {}", &text[e.span.clone()], when)
            })
            .collect();
        for want in [
            "السابع من أبريل/نيسان = 2019-04-07",
            "بعد ثلاثة أيام من = Days(3) بدء هجوم قوات حفتر على طرابلس",
            "الأيام الماضية = 2019-04-24/2019-04-30",
            "عام 2016 = 2016",
        ] {
            assert!(found.iter().any(|f| f == want), "{want} not in {found:#?}");
        }
    }

    #[test]
    fn marks_dates_in_datelines() {
        let text = "TRIPOLI, April 7 (Reuters) - U.S. forces left Libya on Sunday.";
        let found = find(text, d("2019-04-07"), Lang::En);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].dateline);
        assert!(!found[1].dateline);
        assert_eq!(&text[found[1].span.clone()], "Sunday");
    }

    #[test]
    fn finds_in_text_order_without_overlap() {
        let text = "قالت مصادر أمس إن الاشتباكات التي اندلعت يوم الخميس الماضي استمرت حتى 7 أبريل/نيسان 2019، وذلك منذ يومين.";
        let found = find(text, d("2019-05-01"), Lang::Ar);
        let spans: Vec<&str> = found.iter().map(|e| &text[e.span.clone()]).collect();
        assert_eq!(
            spans,
            [
                "أمس",
                "يوم الخميس الماضي",
                "7 أبريل/نيسان 2019",
                "منذ يومين"
            ]
        );
        assert!(found.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    }

    #[test]
    fn spans_are_ordered_slices_of_any_prefix() {
        let sample = "ـ طرابلس ـ في السابع من أبريل/نيسان 2019، بعد ثلاثة أيام من بدء الهجوم، \
                      وقبل يومين 19يناير2020 الخميس الماضي.\nTRIPOLI, April 7 (Reuters) - on \
                      Sunday, 19-23 October, two days after the vote; between 20 and";
        for lang in [Lang::Ar, Lang::En] {
            for (cut, _) in sample.char_indices() {
                let text = &sample[..cut];
                let found = find(text, d("2019-05-01"), lang);
                for e in &found {
                    assert!(
                        text.get(e.span.clone()).is_some_and(|s| !s.is_empty()),
                        "{text}"
                    );
                    if let Some(r) = &e.relative {
                        assert!(text.get(r.reference.clone()).is_some_and(|s| !s.is_empty()));
                    }
                }
                assert!(
                    found.windows(2).all(|w| w[0].span.end <= w[1].span.start),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn bidi_marks_and_zero_width_spaces_do_not_cut_a_date() {
        // Web pages put RLM/LRM beside numbers in Arabic text; they used to be read as
        // punctuation between the day and the month, leaving only the month.
        for (text, lang) in [
            ("في 7\u{200F} أبريل 2019", Lang::Ar),
            ("في 7 أبريل\u{200F} 2019", Lang::Ar),
            ("في ٧\u{200E} أبريل ٢٠١٩", Lang::Ar),
            ("في السابع\u{200B}من أبريل 2019", Lang::Ar),
            ("on April 7\u{200F}, 2019", Lang::En),
        ] {
            let found = find(text, d("2019-05-01"), lang);
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            assert_eq!(
                found[0].interval.unwrap().to_string(),
                "2019-04-07",
                "{text:?}"
            );
        }
    }

    #[test]
    fn detects_the_language() {
        assert_eq!(Lang::detect("قالت مصادر إن القوات عادت"), Lang::Ar);
        assert_eq!(
            Lang::detect("TRIPOLI, April 7 (Reuters) - US forces"),
            Lang::En
        );
    }
}
