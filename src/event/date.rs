//! Event dates: a closed interval of calendar days with the precision it was known to.
//!
//! The interval follows UCDP GED (`date_start`, `date_end`); the precision names follow
//! ACLED's `time_precision` (1 day, 2 week, 3 month) widened with `days` and `year`.

use chrono::{Datelike, Duration, Months, NaiveDate};
use std::fmt;

/// How precisely an event's date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimePrecision {
    /// A known day.
    Day,
    /// A span of 2–6 days.
    Days,
    /// A week.
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
}

impl TimePrecision {
    /// The name written in frontline's files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            TimePrecision::Day => "day",
            TimePrecision::Days => "days",
            TimePrecision::Week => "week",
            TimePrecision::Month => "month",
            TimePrecision::Year => "year",
        }
    }

    /// Reads a precision name, or ACLED's numeric code (codebook: 1 day, 2 week, 3 month).
    pub fn parse(text: &str) -> Option<TimePrecision> {
        match text.trim().to_ascii_lowercase().as_str() {
            "day" | "1" => Some(TimePrecision::Day),
            "days" => Some(TimePrecision::Days),
            "week" | "2" => Some(TimePrecision::Week),
            "month" | "3" => Some(TimePrecision::Month),
            "year" => Some(TimePrecision::Year),
            _ => None,
        }
    }

    /// ACLED's time precision code (codebook: 1 the day, 2 a few days or the week, 3 the
    /// month or longer).
    pub fn acled_code(self) -> u8 {
        match self {
            TimePrecision::Day => 1,
            TimePrecision::Days | TimePrecision::Week => 2,
            TimePrecision::Month | TimePrecision::Year => 3,
        }
    }

    /// The precision an interval of `days` calendar days implies.
    pub fn for_span(days: i64) -> TimePrecision {
        match days {
            ..=1 => TimePrecision::Day,
            2..=6 => TimePrecision::Days,
            7..=13 => TimePrecision::Week,
            14..=31 => TimePrecision::Month,
            _ => TimePrecision::Year,
        }
    }
}

impl fmt::Display for TimePrecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A closed interval of calendar days and the precision it stands for.
///
/// # Examples
/// ```
/// use frontline::event::date::{DateInterval, TimePrecision};
/// let april = DateInterval::parse("2019-04").unwrap();
/// assert_eq!(april.start.to_string(), "2019-04-01");
/// assert_eq!(april.end.to_string(), "2019-04-30");
/// assert_eq!(april.precision, TimePrecision::Month);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateInterval {
    /// First day (UCDP `date_start`).
    pub start: NaiveDate,
    /// Last day, inclusive (UCDP `date_end`).
    pub end: NaiveDate,
    /// How precisely the date is known.
    pub precision: TimePrecision,
}

impl DateInterval {
    /// A single known day.
    pub fn day(day: NaiveDate) -> DateInterval {
        DateInterval {
            start: day,
            end: day,
            precision: TimePrecision::Day,
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `START/END` (ISO 8601 interval of two of
    /// those), or ACLED's older `04 April 2019` form.
    pub fn parse(text: &str) -> Option<DateInterval> {
        let text = text.trim();
        if let Some((a, b)) = text.split_once('/') {
            let first = DateInterval::parse(a)?;
            let last = DateInterval::parse(b)?;
            if last.end < first.start {
                return None;
            }
            let days = (last.end - first.start).num_days() + 1;
            return Some(DateInterval {
                start: first.start,
                end: last.end,
                precision: TimePrecision::for_span(days).max(first.precision),
            });
        }
        let parts: Vec<&str> = text.split('-').collect();
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [y] if y.len() == 4 && all_digits(y) => {
                let year: i32 = y.parse().ok()?;
                Some(DateInterval {
                    start: NaiveDate::from_ymd_opt(year, 1, 1)?,
                    end: NaiveDate::from_ymd_opt(year, 12, 31)?,
                    precision: TimePrecision::Year,
                })
            }
            [y, m] if y.len() == 4 && m.len() == 2 && all_digits(y) && all_digits(m) => {
                let start = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)?;
                Some(DateInterval {
                    start,
                    end: last_of_month(start),
                    precision: TimePrecision::Month,
                })
            }
            [y, m, d]
                if y.len() == 4
                    && m.len() == 2
                    && d.len() == 2
                    && all_digits(y)
                    && all_digits(m)
                    && all_digits(d) =>
            {
                NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
                    .map(DateInterval::day)
            }
            _ => NaiveDate::parse_from_str(text, "%d %B %Y")
                .ok()
                .map(DateInterval::day),
        }
    }

    /// Widens a single day to the period a coarser precision stands for: ACLED codes a
    /// week- or month-precise event on one day inside it, so the interval is the ISO week
    /// (Monday to Sunday) or the calendar month holding that day.
    pub fn widened_to(self, precision: TimePrecision) -> DateInterval {
        if self.start != self.end || precision <= TimePrecision::Days {
            return DateInterval { precision, ..self };
        }
        let day = self.start;
        let (start, end) = match precision {
            TimePrecision::Week => {
                let monday = day - Duration::days(day.weekday().num_days_from_monday() as i64);
                (monday, monday + Duration::days(6))
            }
            TimePrecision::Month => {
                let first = day.with_day(1).unwrap_or(day);
                (first, last_of_month(first))
            }
            _ => (
                day.with_ordinal(1).unwrap_or(day),
                NaiveDate::from_ymd_opt(day.year(), 12, 31).unwrap_or(day),
            ),
        };
        DateInterval {
            start,
            end,
            precision,
        }
    }

    /// The interval moved by an offset, keeping its precision.
    pub fn shifted(self, offset: Offset) -> Option<DateInterval> {
        Some(DateInterval {
            start: offset.apply(self.start)?,
            end: offset.apply(self.end)?,
            precision: self.precision,
        })
    }

    /// Number of calendar days in the interval.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// Whether the interval shares at least one day with `[from, to]`.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start <= to && self.end >= from
    }
}

/// How an interval reads at its precision: one calendar year, month or day, else a span
/// of days. Formats that date a point or a period (KML's `TimeStamp`/`TimeSpan`,
/// TimelineJS's date objects) write one of these four shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// A whole calendar year known only to the year.
    Year(i32),
    /// A whole calendar month known only to the month: the year and month (1–12).
    Month(i32, u32),
    /// One known day.
    Day(NaiveDate),
    /// Any other interval: first and last day, inclusive.
    Span(NaiveDate, NaiveDate),
}

impl DateInterval {
    /// The interval as a year, a month, a day or a span (a month-precise event that is
    /// not a whole calendar month is a span).
    pub fn period(&self) -> Period {
        let whole_month = self.start.day() == 1 && self.end == last_of_month(self.start);
        let whole_year = self.start.ordinal() == 1
            && self.end.year() == self.start.year()
            && self.end.month() == 12
            && self.end.day() == 31;
        match self.precision {
            TimePrecision::Year if whole_year => Period::Year(self.start.year()),
            TimePrecision::Month if whole_month => {
                Period::Month(self.start.year(), self.start.month())
            }
            _ if self.start == self.end => Period::Day(self.start),
            _ => Period::Span(self.start, self.end),
        }
    }
}

impl fmt::Display for DateInterval {
    /// Writes the interval back in the form `parse` reads, at its precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.period() {
            Period::Year(year) => write!(f, "{year}"),
            Period::Month(year, month) => write!(f, "{year}-{month:02}"),
            Period::Day(day) => write!(f, "{day}"),
            Period::Span(start, end) => write!(f, "{start}/{end}"),
        }
    }
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(first)
}

/// A signed distance in days, weeks or months, as written in an `anchor` (`+3d`, `-2w`, `+1m`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offset {
    /// Calendar days.
    Days(i64),
    /// Calendar months, clamped to the month's last day as chrono does.
    Months(i32),
}

impl Offset {
    /// Applies the offset to a day.
    pub fn apply(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Offset::Days(n) => day.checked_add_signed(Duration::days(n)),
            Offset::Months(n) if n >= 0 => day.checked_add_months(Months::new(n as u32)),
            Offset::Months(n) => day.checked_sub_months(Months::new(n.unsigned_abs())),
        }
    }
}

/// A date given relative to another event: `LBY0001+3d` (TimeML's BEFORE/AFTER link with a
/// measured distance).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The `event_id_cnty` of the event this one is measured from.
    pub event_id: String,
    /// The distance from that event's date.
    pub offset: Offset,
}

impl Anchor {
    /// Parses `ID+Nd`, `ID-Nw`, `ID+Nm`; a bare `ID` means the same date.
    ///
    /// # Examples
    /// ```
    /// use frontline::event::date::{Anchor, Offset};
    /// let a = Anchor::parse("LBY0001+3d").unwrap();
    /// assert_eq!(a.event_id, "LBY0001");
    /// assert_eq!(a.offset, Offset::Days(3));
    /// ```
    pub fn parse(text: &str) -> Option<Anchor> {
        let text = text.trim();
        let Some(at) = text.rfind(['+', '-']) else {
            return valid_id(text).then(|| Anchor {
                event_id: text.to_string(),
                offset: Offset::Days(0),
            });
        };
        let (id, rest) = text.split_at(at);
        if !valid_id(id) {
            return None;
        }
        let sign: i64 = if rest.starts_with('-') { -1 } else { 1 };
        let body = &rest[1..];
        let unit = body.chars().last()?;
        let n: i64 = body[..body.len() - unit.len_utf8()].parse().ok()?;
        let offset = match unit {
            'd' => Offset::Days(sign * n),
            'w' => Offset::Days(sign * n * 7),
            'm' => Offset::Months(i32::try_from(sign * n).ok()?),
            _ => return None,
        };
        Some(Anchor {
            event_id: id.to_string(),
            offset,
        })
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Offset::Days(0) => write!(f, "{}", self.event_id),
            Offset::Days(n) => write!(f, "{}{:+}d", self.event_id, n),
            Offset::Months(n) => write!(f, "{}{:+}m", self.event_id, n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_each_form_with_its_precision() {
        let cases = [
            ("2019-04-04", "2019-04-04", "2019-04-04", TimePrecision::Day),
            ("2019-04", "2019-04-01", "2019-04-30", TimePrecision::Month),
            ("2020-02", "2020-02-01", "2020-02-29", TimePrecision::Month),
            ("2019", "2019-01-01", "2019-12-31", TimePrecision::Year),
            (
                "2019-04-04/2019-04-06",
                "2019-04-04",
                "2019-04-06",
                TimePrecision::Days,
            ),
            (
                "2019-04-01/2019-04-07",
                "2019-04-01",
                "2019-04-07",
                TimePrecision::Week,
            ),
            (
                "04 April 2019",
                "2019-04-04",
                "2019-04-04",
                TimePrecision::Day,
            ),
        ];
        for (text, start, end, precision) in cases {
            let got = DateInterval::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(
                (got.start, got.end, got.precision),
                (d(start), d(end), precision)
            );
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in [
            "",
            "2019-13-01",
            "2019-02-30",
            "19-04-04",
            "2019-4-4",
            "2019-04-06/2019-04-04",
            "soon",
        ] {
            assert_eq!(DateInterval::parse(text), None, "{text}");
        }
    }

    #[test]
    fn display_round_trips() {
        for text in ["2019-04-04", "2019-04", "2019", "2019-04-04/2019-04-06"] {
            assert_eq!(DateInterval::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn acled_week_precision_widens_to_the_iso_week() {
        let wed = DateInterval::day(d("2019-04-10")).widened_to(TimePrecision::Week);
        assert_eq!((wed.start, wed.end), (d("2019-04-08"), d("2019-04-14")));
        let month = DateInterval::day(d("2019-04-10")).widened_to(TimePrecision::Month);
        assert_eq!((month.start, month.end), (d("2019-04-01"), d("2019-04-30")));
    }

    #[test]
    fn anchors_parse_and_apply() {
        let a = Anchor::parse("LBY0001+1w").unwrap();
        assert_eq!(a.offset, Offset::Days(7));
        let m = Anchor::parse("LBY0001-1m").unwrap();
        assert_eq!(m.offset.apply(d("2019-03-31")), Some(d("2019-02-28")));
        assert_eq!(Anchor::parse("LBY0001").unwrap().offset, Offset::Days(0));
        for bad in ["", "+3d", "LBY0001+3y", "LBY0001+d", "LBY 1+3d"] {
            assert_eq!(Anchor::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Anchor::parse("LBY0001+3d").unwrap().to_string(),
            "LBY0001+3d"
        );
    }
}
