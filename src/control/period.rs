//! The periods areas are derived for: from each day something changed to the day before
//! the next, or ISO weeks, or calendar months. A period's areas are those of its last day.

use chrono::{Datelike, Days, Months, NaiveDate};

/// How to cut time into periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Every {
    /// From each day a change became known to the day before the next.
    Change,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
}

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

/// The periods covering `[from, to]`; `change_days` are the days changes became known.
///
/// # Examples
/// ```
/// use chrono::NaiveDate;
/// use frontline::control::period::{periods, Every};
/// let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
/// let months = periods(Every::Month, &[], day("2019-04-04"), day("2019-06-10"));
/// assert_eq!(months.len(), 3);
/// assert_eq!((months[0].start, months[2].end), (day("2019-04-01"), day("2019-06-30")));
/// let changes = periods(Every::Change, &[day("2019-04-04"), day("2019-06-26")], day("2019-04-01"), day("2019-12-31"));
/// assert_eq!(changes.iter().map(|p| p.start).collect::<Vec<_>>(), [day("2019-04-01"), day("2019-04-04"), day("2019-06-26")]);
/// ```
pub fn periods(
    every: Every,
    change_days: &[NaiveDate],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Period> {
    if to < from {
        return Vec::new();
    }
    let mut starts: Vec<NaiveDate> = match every {
        Every::Change => std::iter::once(from)
            .chain(
                change_days
                    .iter()
                    .copied()
                    .filter(|d| *d > from && *d <= to),
            )
            .collect(),
        Every::Week => {
            let monday = from - Days::new(u64::from(from.weekday().num_days_from_monday()));
            successors(monday, to, |d| d.checked_add_days(Days::new(7)))
        }
        Every::Month => {
            let first = from.with_day(1).unwrap_or(from);
            successors(first, to, |d| d.checked_add_months(Months::new(1)))
        }
    };
    starts.dedup();
    let mut out = Vec::with_capacity(starts.len());
    for (i, start) in starts.iter().enumerate() {
        let end = match (every, starts.get(i + 1)) {
            (_, Some(next)) => next.pred_opt().unwrap_or(*next),
            (Every::Change, None) => to,
            (Every::Week, None) => *start + Days::new(6),
            (Every::Month, None) => start
                .checked_add_months(Months::new(1))
                .and_then(|d| d.pred_opt())
                .unwrap_or(*start),
        };
        out.push(Period { start: *start, end });
    }
    out
}

fn successors(
    first: NaiveDate,
    to: NaiveDate,
    next: impl Fn(NaiveDate) -> Option<NaiveDate>,
) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut day = Some(first);
    while let Some(d) = day.filter(|d| *d <= to) {
        out.push(d);
        day = next(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weeks_run_monday_to_sunday_and_cover_the_range() {
        let weeks = periods(Every::Week, &[], day("2019-04-04"), day("2019-04-15"));
        assert_eq!(
            weeks,
            [
                Period {
                    start: day("2019-04-01"),
                    end: day("2019-04-07")
                },
                Period {
                    start: day("2019-04-08"),
                    end: day("2019-04-14")
                },
                Period {
                    start: day("2019-04-15"),
                    end: day("2019-04-21")
                },
            ]
        );
    }

    #[test]
    fn change_periods_follow_one_another_without_gaps() {
        let days = [
            day("2019-01-01"),
            day("2019-04-04"),
            day("2019-04-04"),
            day("2020-01-06"),
        ];
        let list = periods(Every::Change, &days, day("2019-04-04"), day("2020-10-23"));
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].end.succ_opt(), Some(list[1].start));
        assert_eq!(list[1].end, day("2020-10-23"));
        assert!(periods(Every::Change, &days, day("2020-01-01"), day("2019-01-01")).is_empty());
    }
}
