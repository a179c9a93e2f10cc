//! Time expressions in Arabic and English news text, resolved to date intervals.
//!
//! A report dates what it tells relative to its own publication ("yesterday", أمس,
//! "last Thursday", الخميس الماضي), to the calendar ("7 April", السابع من أبريل/نيسان), or
//! to another event it tells ("three days after the offensive began", بعد ثلاثة أيام من بدء
//! الهجوم). This module finds such expressions and resolves the first two kinds; the third
//! is resolved by `extract`, which knows the other events.

use crate::event::date::{DateInterval, Offset};
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

    #[test]
    fn detects_the_language() {
        assert_eq!(Lang::detect("قالت مصادر إن القوات عادت"), Lang::Ar);
        assert_eq!(
            Lang::detect("TRIPOLI, April 7 (Reuters) - US forces"),
            Lang::En
        );
    }
}
