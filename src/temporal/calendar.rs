//! Calendar arithmetic for time expressions: placing a date written without its year,
//! the weekday a report means, ISO weeks, months and years as intervals.
//!
//! A date without a year is the nearest one on or before publication (news reports what
//! happened): "25 December" in a report of 1 May 2019 is 2018-12-25. Weeks are ISO 8601
//! weeks, Monday to Sunday, as in `DateInterval::widened_to`.

use crate::event::date::{DateInterval, TimePrecision};
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// Where a date without a year (or a weekday) lies from the publication day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// The nearest on or before publication (a bare "April 7", "on Sunday").
    OnOrBefore,
    /// The nearest strictly before it ("last Sunday", الخميس الماضي, أبريل الماضي).
    Before,
    /// The nearest strictly after it ("next Sunday", الخميس المقبل).
    After,
}

/// A unit of time in "three days ago", منذ أسبوعين.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Hours: resolved to the publication day.
    Hour,
    /// Days.
    Day,
    /// Weeks of seven days.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// A calendar date as written: a month, maybe a day, maybe a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DatePoint {
    /// Day of the month, when given.
    pub day: Option<u32>,
    /// Month, 1–12.
    pub month: u32,
    /// Year, when given.
    pub year: Option<i32>,
    /// Where to look for the year when it is not given.
    pub direction: Direction,
}

/// The interval a date point stands for: a day, or a month when no day is given.
pub(crate) fn point(p: DatePoint, published: NaiveDate) -> Option<DateInterval> {
    match (p.day, p.year) {
        (Some(day), Some(year)) => {
            NaiveDate::from_ymd_opt(year, p.month, day).map(DateInterval::day)
        }
        (Some(day), None) => {
            day_without_year(p.month, day, published, p.direction).map(DateInterval::day)
        }
        (None, Some(year)) => month(year, p.month),
        (None, None) => month(month_year(p.month, published, p.direction), p.month),
    }
}

/// The interval from one date point to another ("19-23 October", "28 September to 2
/// October"); the year of the end is placed first and the start falls in the same year,
/// or the one before when it would come after the end.
pub(crate) fn range(a: DatePoint, b: DatePoint, published: NaiveDate) -> Option<DateInterval> {
    let end = match (b.day, b.year.or(a.year)) {
        (Some(day), Some(year)) => NaiveDate::from_ymd_opt(year, b.month, day)?,
        (Some(day), None) => day_without_year(b.month, day, published, b.direction)?,
        (None, _) => return None,
    };
    let start = match a.year {
        Some(year) => NaiveDate::from_ymd_opt(year, a.month, a.day?)?,
        None => {
            let same = NaiveDate::from_ymd_opt(end.year(), a.month, a.day?)?;
            if same > end {
                NaiveDate::from_ymd_opt(end.year() - 1, a.month, a.day?)?
            } else {
                same
            }
        }
    };
    span(start, end)
}

/// The interval `[start, end]`, its precision from its length (`TimePrecision::for_span`).
pub(crate) fn span(start: NaiveDate, end: NaiveDate) -> Option<DateInterval> {
    (start <= end).then(|| DateInterval {
        start,
        end,
        precision: TimePrecision::for_span((end - start).num_days() + 1),
    })
}

/// A calendar month as an interval.
pub(crate) fn month(year: i32, month: u32) -> Option<DateInterval> {
    NaiveDate::from_ymd_opt(year, month, 1)
        .map(|d| DateInterval::day(d).widened_to(TimePrecision::Month))
}

/// A calendar year as an interval.
pub(crate) fn year(year: i32) -> Option<DateInterval> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .map(|d| DateInterval::day(d).widened_to(TimePrecision::Year))
}

/// The ISO week (Monday to Sunday) holding a day.
pub(crate) fn week_of(day: NaiveDate) -> DateInterval {
    DateInterval::day(day).widened_to(TimePrecision::Week)
}

/// The day `n` days from `day` (negative: before).
pub(crate) fn add_days(day: NaiveDate, n: i64) -> Option<NaiveDate> {
    day.checked_add_signed(Duration::try_days(n)?)
}

/// The day `n` calendar months from `day` (negative: before), clamped to a month's end.
pub(crate) fn add_months(day: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        day.checked_add_months(Months::new(n.unsigned_abs()))
    } else {
        day.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

/// The period `n` units before publication ("three days ago", منذ أسبوعين): the day for
/// days and hours, and the week, month or year holding that day for the longer units, as
/// ACLED codes a week- or month-precise event.
pub(crate) fn ago(published: NaiveDate, n: u32, unit: Unit) -> Option<DateInterval> {
    let n = i64::from(n);
    Some(match unit {
        Unit::Hour => DateInterval::day(add_days(published, -(n / 24))?),
        Unit::Day => DateInterval::day(add_days(published, -n)?),
        Unit::Week => week_of(add_days(published, -7 * n)?),
        Unit::Month => DateInterval::day(add_months(published, -i32::try_from(n).ok()?)?)
            .widened_to(TimePrecision::Month),
        Unit::Year => year(published.year() - i32::try_from(n).ok()?)?,
    })
}

/// The day a weekday name means, seen from the publication day.
pub(crate) fn weekday(day: Weekday, published: NaiveDate, direction: Direction) -> NaiveDate {
    let today = published.weekday().num_days_from_monday() as i64;
    let wanted = day.num_days_from_monday() as i64;
    let back = (today - wanted).rem_euclid(7);
    let shift = match direction {
        Direction::OnOrBefore => -back,
        Direction::Before if back == 0 => -7,
        Direction::Before => -back,
        Direction::After => {
            let ahead = (wanted - today).rem_euclid(7);
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
    };
    add_days(published, shift).unwrap_or(published)
}

/// The year of a month named without one.
fn month_year(month: u32, published: NaiveDate, direction: Direction) -> i32 {
    let y = published.year();
    let m = published.month();
    match direction {
        Direction::OnOrBefore if month <= m => y,
        Direction::Before if month < m => y,
        Direction::After if month > m => y,
        Direction::After => y + 1,
        _ => y - 1,
    }
}

/// The date of a day and month written without a year. Looks back (or ahead) up to eight
/// years so that 29 February finds a leap year.
fn day_without_year(
    month: u32,
    day: u32,
    published: NaiveDate,
    direction: Direction,
) -> Option<NaiveDate> {
    let y = published.year();
    let fits = |d: NaiveDate| match direction {
        Direction::OnOrBefore => d <= published,
        Direction::Before => d < published,
        Direction::After => d > published,
    };
    let years: Vec<i32> = match direction {
        Direction::After => (y..=y + 8).collect(),
        _ => (y - 8..=y).rev().collect(),
    };
    years
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .find(|d| fits(*d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn p(day: Option<u32>, month: u32, direction: Direction) -> DatePoint {
        DatePoint {
            day,
            month,
            year: None,
            direction,
        }
    }

    #[test]
    fn places_dates_without_a_year_in_the_nearest_past() {
        let published = d("2019-05-01");
        let cases = [
            (p(Some(7), 4, Direction::OnOrBefore), "2019-04-07"),
            (p(Some(1), 5, Direction::OnOrBefore), "2019-05-01"),
            (p(Some(1), 5, Direction::Before), "2018-05-01"),
            (p(Some(2), 5, Direction::OnOrBefore), "2018-05-02"),
            (p(Some(25), 12, Direction::OnOrBefore), "2018-12-25"),
            (p(Some(2), 5, Direction::After), "2019-05-02"),
            (p(Some(29), 2, Direction::OnOrBefore), "2016-02-29"),
            (p(None, 4, Direction::Before), "2019-04"),
            (p(None, 5, Direction::OnOrBefore), "2019-05"),
            (p(None, 5, Direction::Before), "2018-05"),
            (p(None, 6, Direction::OnOrBefore), "2018-06"),
        ];
        for (point_, want) in cases {
            assert_eq!(
                point(point_, published).unwrap().to_string(),
                want,
                "{point_:?}"
            );
        }
        // April seen from January of the next year.
        assert_eq!(
            point(p(None, 4, Direction::Before), d("2020-01-10"))
                .unwrap()
                .to_string(),
            "2019-04"
        );
    }

    #[test]
    fn ranges_take_their_year_from_the_end() {
        let published = d("2019-05-01");
        let r = range(
            p(Some(19), 10, Direction::OnOrBefore),
            p(Some(23), 10, Direction::OnOrBefore),
            published,
        )
        .unwrap();
        assert_eq!(r.to_string(), "2018-10-19/2018-10-23");
        assert_eq!(r.precision, TimePrecision::Days);
        let across = range(
            p(Some(28), 12, Direction::OnOrBefore),
            p(Some(2), 1, Direction::OnOrBefore),
            published,
        )
        .unwrap();
        assert_eq!(across.to_string(), "2018-12-28/2019-01-02");
    }

    #[test]
    fn weekdays_count_from_publication() {
        let wednesday = d("2019-05-01");
        assert_eq!(
            weekday(Weekday::Thu, wednesday, Direction::OnOrBefore),
            d("2019-04-25")
        );
        assert_eq!(
            weekday(Weekday::Wed, wednesday, Direction::OnOrBefore),
            wednesday
        );
        assert_eq!(
            weekday(Weekday::Wed, wednesday, Direction::Before),
            d("2019-04-24")
        );
        assert_eq!(
            weekday(Weekday::Thu, wednesday, Direction::After),
            d("2019-05-02")
        );
        assert_eq!(
            weekday(Weekday::Wed, wednesday, Direction::After),
            d("2019-05-08")
        );
    }

    #[test]
    fn ago_widens_long_units() {
        let published = d("2019-05-01");
        assert_eq!(
            ago(published, 2, Unit::Day).unwrap().to_string(),
            "2019-04-29"
        );
        assert_eq!(
            ago(published, 1, Unit::Week).unwrap().to_string(),
            "2019-04-22/2019-04-28"
        );
        assert_eq!(
            ago(published, 2, Unit::Month).unwrap().to_string(),
            "2019-03"
        );
        assert_eq!(ago(published, 3, Unit::Year).unwrap().to_string(), "2016");
    }
}
