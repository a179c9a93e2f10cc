//! Time on a chart's x axis: a plotters [`Ranged`] coordinate over days, widened to whole
//! months (whole ISO weeks for short spans), whose key points are the first of each month
//! (or each Monday); plotters draws the axis, its ticks, gridlines and month labels from
//! them, and [`year_labels`] writes the year under the first month of each year, which
//! plotters' one line of label per tick cannot hold.

use super::page::{Canvas, Drawn};
use super::text::{text, Align, TextStyle};
use chrono::{Datelike, Duration, Months, NaiveDate};
use plotters::coord::ranged1d::{
    KeyPointHint, KeyPointWeight, NoDefaultFormatting, Ranged, ValueFormatter,
};
use std::ops::Range;

/// Spans up to this many days get week ticks instead of month ticks.
const SHORT_SPAN_DAYS: i64 = 62;

/// Height in px a date axis takes below its line.
pub const DATE_AXIS_HEIGHT: f64 = 42.0;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A span of days as a plotters coordinate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DateScale {
    /// First day shown.
    pub start: NaiveDate,
    /// Day after the last day shown.
    pub end: NaiveDate,
    /// Label every this many months (1, 2, 3, 6 or 12), so labels keep apart on the width
    /// the axis is drawn at; see [`DateScale::fit`].
    step: u32,
}

/// The Monday of the ISO week holding a day.
pub fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn next_month(day: NaiveDate) -> NaiveDate {
    first_of_month(day)
        .checked_add_months(Months::new(1))
        .unwrap_or(day)
}

impl DateScale {
    /// A scale over `[first, last]` widened to whole months (whole ISO weeks when the span
    /// is short), always holding the whole weeks of both days.
    pub fn covering(first: NaiveDate, last: NaiveDate) -> DateScale {
        let last = last.max(first);
        let week_start = monday(first);
        let week_end = monday(last) + Duration::days(7);
        let (start, end) = if (last - first).num_days() < SHORT_SPAN_DAYS {
            (week_start, week_end)
        } else {
            (
                first_of_month(first).min(week_start),
                next_month(last).max(week_end),
            )
        };
        DateScale {
            start,
            end,
            step: 1,
        }
    }

    /// The same scale, labelling as many months as keep 34 px apart on `width` px.
    pub fn fit(self, width: f64) -> DateScale {
        let per_month = width / self.days() as f64 * 30.4;
        let step = [1, 2, 3, 6, 12]
            .into_iter()
            .find(|s| per_month * f64::from(*s) >= 34.0)
            .unwrap_or(12);
        DateScale { step, ..self }
    }

    /// Days the scale spans.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days().max(1)
    }

    /// Whether ticks are Mondays rather than months.
    pub fn is_short(&self) -> bool {
        self.days() <= SHORT_SPAN_DAYS + 14
    }

    /// x in px of the beginning of a day, on an axis from `x0` to `x1`.
    pub fn x(&self, day: NaiveDate, x0: f64, x1: f64) -> f64 {
        let offset = (day - self.start).num_days() as f64;
        x0 + (x1 - x0) * offset / self.days() as f64
    }

    /// The days that get a tick: each Monday of a short span, else each first of a month
    /// after the start; the end of the scale gets none, since a label follows its tick.
    fn ticks(&self) -> Vec<NaiveDate> {
        let mut ticks = Vec::new();
        if self.is_short() {
            let mut day = monday(self.start);
            while day < self.end {
                if day >= self.start {
                    ticks.push(day);
                }
                day += Duration::days(7);
            }
        } else {
            let mut day = first_of_month(self.start);
            if day < self.start {
                day = next_month(day);
            }
            while day < self.end {
                ticks.push(day);
                day = next_month(day);
            }
        }
        ticks
    }

    /// The ticks that carry a label: all of them for a short span, else every `step`th
    /// month, counted from January.
    pub fn labelled(&self) -> Vec<NaiveDate> {
        let short = self.is_short();
        self.ticks()
            .into_iter()
            .filter(|d| short || d.month0() % self.step == 0)
            .collect()
    }

    /// How far right of its tick a label sits, in px on an axis `width` px wide: half a
    /// month for month labels, so each names the month it stands over; none for Mondays.
    pub fn label_offset(&self, width: f64) -> i32 {
        if self.is_short() {
            0
        } else {
            (width / self.days() as f64 * 30.44 / 2.0).round() as i32
        }
    }
}

impl Ranged for DateScale {
    type FormatOption = NoDefaultFormatting;
    type ValueType = NaiveDate;

    fn map(&self, day: &NaiveDate, limit: (i32, i32)) -> i32 {
        self.x(*day, f64::from(limit.0), f64::from(limit.1)).round() as i32
    }

    /// Bold points (ticks, labels and gridlines) are the labelled ticks; light points are
    /// every tick.
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<NaiveDate> {
        match hint.weight() {
            KeyPointWeight::Bold => self.labelled(),
            KeyPointWeight::Any => self.ticks(),
        }
    }

    fn range(&self) -> Range<NaiveDate> {
        self.start..self.end
    }
}

impl ValueFormatter<NaiveDate> for DateScale {
    /// `Apr` under a month, `4 Apr` under a Monday.
    fn format_ext(&self, day: &NaiveDate) -> String {
        let month = MONTHS[day.month0() as usize];
        if self.is_short() {
            format!("{} {month}", day.day())
        } else {
            month.to_string()
        }
    }
}

/// Writes the year in bold under the first labelled tick of each year, centred as that
/// tick's label is; `x_of` gives a day's x in px and `y` is the axis line.
pub fn year_labels(
    canvas: &Canvas,
    scale: &DateScale,
    x_of: &dyn Fn(NaiveDate) -> i32,
    offset: i32,
    y: f64,
) -> Drawn {
    let style = TextStyle::new(12.0).bold().align(Align::Center);
    let mut last_year = None;
    for day in scale.labelled() {
        if last_year != Some(day.year()) {
            let x = f64::from(x_of(day) + offset);
            text(canvas, x, y + 34.0, &day.year().to_string(), style)?;
            last_year = Some(day.year());
        }
    }
    Ok(())
}

/// A date as readers of a report write it: `4 Apr 2019`.
pub fn day_label(day: NaiveDate) -> String {
    format!(
        "{} {} {}",
        day.day(),
        MONTHS[day.month0() as usize],
        day.year()
    )
}

/// A month as readers of a report write it: `Apr 2019`.
pub fn month_label(day: NaiveDate) -> String {
    format!("{} {}", MONTHS[day.month0() as usize], day.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn long_spans_are_padded_to_whole_months_and_weeks() {
        let scale = DateScale::covering(day("2019-11-01"), day("2020-06-03"));
        assert_eq!(
            scale.start,
            day("2019-10-28"),
            "the Monday before 1 Nov 2019 is in October"
        );
        assert_eq!(scale.end, day("2020-07-01"));
        let short = DateScale::covering(day("2019-04-04"), day("2019-04-07"));
        assert_eq!(
            (short.start, short.end),
            (day("2019-04-01"), day("2019-04-08"))
        );
        assert_eq!(short.map(&day("2019-04-02"), (0, 70)), 10);
    }

    #[test]
    fn every_month_is_labelled_and_each_year_once() {
        let scale = DateScale::covering(day("2019-04-04"), day("2020-10-23")).fit(1000.0);
        let labels: Vec<String> = scale
            .labelled()
            .iter()
            .map(|d| scale.format_ext(d))
            .collect();
        assert_eq!(labels.iter().filter(|l| *l == "Apr").count(), 2);
        assert_eq!(labels.len(), 19, "Apr 2019 to Oct 2020: {labels:?}");
        let years: Vec<i32> = {
            let mut y: Vec<i32> = scale.labelled().iter().map(|d| d.year()).collect();
            y.dedup();
            y
        };
        assert_eq!(years, [2019, 2020]);
    }

    #[test]
    fn crowded_months_are_labelled_every_few() {
        let scale = DateScale::covering(day("2010-01-01"), day("2020-12-31")).fit(1000.0);
        let labelled = scale.labelled();
        assert!(labelled.iter().all(|d| d.month0() % 6 == 0), "{labelled:?}");
        assert!(
            scale
                .key_points(plotters::coord::ranged1d::LightPoints::new(0, 0))
                .len()
                > labelled.len()
        );
    }

    #[test]
    fn short_spans_tick_each_monday_with_its_day() {
        let scale = DateScale::covering(day("2019-04-04"), day("2019-04-20")).fit(1000.0);
        let labels: Vec<String> = scale
            .labelled()
            .iter()
            .map(|d| scale.format_ext(d))
            .collect();
        assert_eq!(labels, ["1 Apr", "8 Apr", "15 Apr"]);
        assert_eq!(scale.label_offset(1000.0), 0);
    }
}
