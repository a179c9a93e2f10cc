//! Counts of events and fatalities per front and period: the small table a chart of a
//! million events is drawn from, and the numbers written beside it.
//!
//! A week is an ISO 8601 week (Monday to Sunday, numbered within its ISO year, so
//! 2019-12-30 is in 2020-W01 and 2021-01-03 in 2020-W53); a month is a calendar month.

use chrono::{Datelike, Days, Months, NaiveDate};
use std::collections::HashMap;
use std::fmt;

/// How long a period of a tally is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Interval {
    /// A calendar day.
    Day,
    /// An ISO 8601 week, Monday to Sunday.
    #[default]
    Week,
    /// A calendar month.
    Month,
}

impl Interval {
    /// The interval's name, as [`Interval::parse`] reads it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
        }
    }

    /// The interval named `day`, `week` or `month` (ASCII case ignored).
    ///
    /// # Examples
    /// ```
    /// use frontline::chart::tally::Interval;
    /// assert_eq!(Interval::parse("month"), Some(Interval::Month));
    /// assert_eq!(Interval::parse("fortnight"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Interval> {
        [Interval::Day, Interval::Week, Interval::Month]
            .into_iter()
            .find(|i| text.eq_ignore_ascii_case(i.as_str()))
    }
}

/// One day, week or month, known by its first day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    interval: Interval,
    start: NaiveDate,
}

impl Period {
    /// The period of an interval that holds a day.
    pub fn of(interval: Interval, day: NaiveDate) -> Period {
        Period {
            interval,
            start: period_start(interval, day),
        }
    }

    /// The interval the period is one of.
    pub fn interval(&self) -> Interval {
        self.interval
    }

    /// The period's first day: the day, the Monday of the week, the 1st of the month.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The day after the period's last day, where the next period begins.
    pub fn end(&self) -> NaiveDate {
        let next = match self.interval {
            Interval::Day => self.start.checked_add_days(Days::new(1)),
            Interval::Week => self.start.checked_add_days(Days::new(7)),
            Interval::Month => self.start.checked_add_months(Months::new(1)),
        };
        next.unwrap_or(NaiveDate::MAX)
    }

    /// The period's last day.
    pub fn last_day(&self) -> NaiveDate {
        self.end().pred_opt().unwrap_or(self.start).max(self.start)
    }
}

/// ISO 8601 notation: `2019-04-04`, `2020-W01`, `2019-04`.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.interval {
            Interval::Day => write!(f, "{}", self.start.format("%Y-%m-%d")),
            Interval::Week => {
                let week = self.start.iso_week();
                write!(f, "{}-W{:02}", week.year(), week.week())
            }
            Interval::Month => write!(f, "{:04}-{:02}", self.start.year(), self.start.month()),
        }
    }
}

/// The first day of the period of `interval` holding `day`; cheap, as [`Tally::add`] calls
/// it once per event.
fn period_start(interval: Interval, day: NaiveDate) -> NaiveDate {
    match interval {
        Interval::Day => day,
        Interval::Week => {
            let back = u64::from(day.weekday().num_days_from_monday());
            day.checked_sub_days(Days::new(back)).unwrap_or(day)
        }
        Interval::Month => day.with_day(1).unwrap_or(day),
    }
}

/// Events and their summed fatalities in one cell of a tally.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    /// Events counted.
    pub events: u64,
    /// Sum of the events' fatalities (ACLED `fatalities`, best estimate).
    pub fatalities: u64,
}

/// One non-empty cell of a tally: a front in a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell<'a> {
    /// Front id, [`crate::event::UNASSIGNED`], or a name another file used.
    pub front: &'a str,
    /// The period.
    pub period: Period,
    /// What was counted.
    pub count: Count,
}

/// Events and fatalities per front and period, built one event at a time and merged across
/// workers, so a chart need not hold the events themselves.
///
/// # Examples
/// ```
/// use chrono::NaiveDate;
/// use frontline::chart::tally::{Interval, Tally};
/// let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
/// let mut tally = Tally::new(Interval::Week);
/// tally.add("ain-zara", day("2019-04-04"), 2);
/// tally.add("ain-zara", day("2019-04-07"), 0);
/// tally.add("South Tripoli", day("2019-04-08"), 1);
/// assert_eq!(tally.events(), 3);
/// assert_eq!(
///     tally.write_csv(),
///     "front,iso_year,iso_week,events,fatalities\n\
///      South Tripoli,2019,15,1,1\n\
///      ain-zara,2019,14,2,2\n"
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Tally {
    interval: Interval,
    /// Front names by index; a name is stored once however many events it has.
    names: Vec<String>,
    index: HashMap<String, u32>,
    /// Keyed by front index and the period's first day.
    cells: HashMap<(u32, NaiveDate), Count>,
    events: u64,
}

impl Tally {
    /// An empty tally by periods of `interval`.
    pub fn new(interval: Interval) -> Tally {
        Tally {
            interval,
            names: Vec::new(),
            index: HashMap::new(),
            cells: HashMap::new(),
            events: 0,
        }
    }

    /// The interval of the tally's periods.
    pub fn interval(&self) -> Interval {
        self.interval
    }

    /// Counts one event of `front` on `day` with its fatalities. Allocates only for a front
    /// not seen before or a new cell.
    pub fn add(&mut self, front: &str, day: NaiveDate, fatalities: u32) {
        let front = self.front_index(front);
        let start = period_start(self.interval, day);
        let cell = self.cells.entry((front, start)).or_default();
        cell.events += 1;
        cell.fatalities += u64::from(fatalities);
        self.events += 1;
    }

    /// Adds another tally's counts to this one, as when workers tally parts of a file.
    pub fn merge(&mut self, other: Tally) {
        debug_assert_eq!(
            self.interval, other.interval,
            "tallies of different intervals"
        );
        let mut map = Vec::with_capacity(other.names.len());
        for name in &other.names {
            map.push(self.front_index(name));
        }
        for ((front, start), count) in other.cells {
            let cell = self.cells.entry((map[front as usize], start)).or_default();
            cell.events += count.events;
            cell.fatalities += count.fatalities;
        }
        self.events += other.events;
    }

    fn front_index(&mut self, front: &str) -> u32 {
        if let Some(i) = self.index.get(front) {
            return *i;
        }
        let i = self.names.len() as u32;
        self.names.push(front.to_string());
        self.index.insert(front.to_string(), i);
        i
    }

    /// Events counted.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Fatalities summed over every event counted.
    pub fn fatalities(&self) -> u64 {
        self.cells.values().map(|c| c.fatalities).sum()
    }

    /// Whether no event was counted.
    pub fn is_empty(&self) -> bool {
        self.events == 0
    }

    /// The earliest period with events.
    pub fn first(&self) -> Option<Period> {
        let start = self.cells.keys().map(|(_, start)| *start).min()?;
        Some(self.period(start))
    }

    /// The latest period with events.
    pub fn last(&self) -> Option<Period> {
        let start = self.cells.keys().map(|(_, start)| *start).max()?;
        Some(self.period(start))
    }

    fn period(&self, start: NaiveDate) -> Period {
        Period {
            interval: self.interval,
            start,
        }
    }

    /// The fronts with events, in byte order.
    pub fn fronts(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.names.iter().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    /// What was counted for a front over every period.
    pub fn front_total(&self, front: &str) -> Count {
        let Some(i) = self.index.get(front) else {
            return Count::default();
        };
        let mut total = Count::default();
        for ((f, _), count) in &self.cells {
            if f == i {
                total.events += count.events;
                total.fatalities += count.fatalities;
            }
        }
        total
    }

    /// Every non-empty cell, by front (byte order) then period.
    pub fn cells(&self) -> Vec<Cell<'_>> {
        let mut cells: Vec<Cell> = self
            .cells
            .iter()
            .map(|((front, start), count)| Cell {
                front: &self.names[*front as usize],
                period: self.period(*start),
                count: *count,
            })
            .collect();
        cells.sort_unstable_by(|a, b| a.front.cmp(b.front).then(a.period.cmp(&b.period)));
        cells
    }

    /// The tally as CSV, one row per non-empty cell by front then period, LF line ends:
    /// `front,iso_year,iso_week,events,fatalities` by week, `front,date,events,fatalities`
    /// by day, `front,year,month,events,fatalities` by month.
    pub fn write_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let header: &[&str] = match self.interval {
            Interval::Day => &["front", "date", "events", "fatalities"],
            Interval::Week => &["front", "iso_year", "iso_week", "events", "fatalities"],
            Interval::Month => &["front", "year", "month", "events", "fatalities"],
        };
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(header);
        for cell in self.cells() {
            let start = cell.period.start();
            let (events, fatalities) = (
                cell.count.events.to_string(),
                cell.count.fatalities.to_string(),
            );
            let _ = match self.interval {
                Interval::Day => {
                    let date = start.format("%Y-%m-%d").to_string();
                    writer.write_record([cell.front, &date, &events, &fatalities])
                }
                Interval::Week => {
                    let week = start.iso_week();
                    let (year, number) = (week.year().to_string(), week.week().to_string());
                    writer.write_record([cell.front, &year, &number, &events, &fatalities])
                }
                Interval::Month => {
                    let (year, month) = (start.year().to_string(), start.month().to_string());
                    writer.write_record([cell.front, &year, &month, &events, &fatalities])
                }
            };
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::UNASSIGNED;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn interval_names_round_trip_and_week_is_the_default() {
        for interval in [Interval::Day, Interval::Week, Interval::Month] {
            assert_eq!(Interval::parse(interval.as_str()), Some(interval));
        }
        assert_eq!(Interval::parse("Week"), Some(Interval::Week));
        assert_eq!(Interval::parse("weekly"), None);
        assert_eq!(Interval::parse(""), None);
        assert_eq!(Interval::default(), Interval::Week);
    }

    #[test]
    fn weeks_are_iso_weeks_across_year_boundaries() {
        // (day, ISO week, its Monday)
        for (d, week, monday) in [
            ("2019-12-29", "2019-W52", "2019-12-23"),
            ("2019-12-30", "2020-W01", "2019-12-30"),
            ("2020-01-05", "2020-W01", "2019-12-30"),
            ("2021-01-03", "2020-W53", "2020-12-28"),
            ("2021-01-04", "2021-W01", "2021-01-04"),
            ("2019-04-04", "2019-W14", "2019-04-01"),
        ] {
            let period = Period::of(Interval::Week, day(d));
            assert_eq!(period.to_string(), week, "{d}");
            assert_eq!(period.start(), day(monday), "{d}");
            assert_eq!(period.end(), day(monday) + chrono::Duration::days(7), "{d}");
        }
        let mut tally = Tally::new(Interval::Week);
        tally.add("ain-zara", day("2019-12-30"), 1);
        tally.add("ain-zara", day("2020-01-05"), 2);
        tally.add("ain-zara", day("2021-01-03"), 0);
        tally.add("ain-zara", day("2019-12-29"), 0);
        assert_eq!(
            tally.write_csv(),
            "front,iso_year,iso_week,events,fatalities\n\
             ain-zara,2019,52,1,0\n\
             ain-zara,2020,1,2,3\n\
             ain-zara,2020,53,1,0\n"
        );
    }

    #[test]
    fn days_and_months_are_calendar_periods() {
        let p = Period::of(Interval::Month, day("2020-02-29"));
        assert_eq!(
            (p.start(), p.end(), p.last_day()),
            (day("2020-02-01"), day("2020-03-01"), day("2020-02-29"))
        );
        assert_eq!(p.to_string(), "2020-02");
        let p = Period::of(Interval::Day, day("2019-12-31"));
        assert_eq!((p.start(), p.end()), (day("2019-12-31"), day("2020-01-01")));
        assert_eq!(p.to_string(), "2019-12-31");

        let mut months = Tally::new(Interval::Month);
        let mut days = Tally::new(Interval::Day);
        for (front, d, fatalities) in [
            ("ain-zara", "2019-04-30", 3),
            ("ain-zara", "2019-04-01", 1),
            ("ain-zara", "2019-05-01", 0),
            ("airport-road", "2019-04-30", 2),
        ] {
            months.add(front, day(d), fatalities);
            days.add(front, day(d), fatalities);
        }
        assert_eq!(
            months.write_csv(),
            "front,year,month,events,fatalities\n\
             ain-zara,2019,4,2,4\n\
             ain-zara,2019,5,1,0\n\
             airport-road,2019,4,1,2\n"
        );
        assert_eq!(
            days.write_csv(),
            "front,date,events,fatalities\n\
             ain-zara,2019-04-01,1,1\n\
             ain-zara,2019-04-30,1,3\n\
             ain-zara,2019-05-01,1,0\n\
             airport-road,2019-04-30,1,2\n"
        );
        assert_eq!(
            (months.first(), months.last()),
            (
                Some(Period::of(Interval::Month, day("2019-04-01"))),
                Some(Period::of(Interval::Month, day("2019-05-31")))
            )
        );
    }

    #[test]
    fn csv_sorts_fronts_by_bytes_and_quotes_names_with_commas_or_quotes() {
        let mut tally = Tally::new(Interval::Week);
        for front in [
            UNASSIGNED,
            "South Tripoli",
            "ain-zara",
            "Abu Salim, east",
            "the \"airport\"",
            "Sirte-Jufra",
        ] {
            tally.add(front, day("2019-04-04"), 1);
        }
        assert_eq!(
            tally.write_csv(),
            "front,iso_year,iso_week,events,fatalities\n\
             \"Abu Salim, east\",2019,14,1,1\n\
             Sirte-Jufra,2019,14,1,1\n\
             South Tripoli,2019,14,1,1\n\
             ain-zara,2019,14,1,1\n\
             \"the \"\"airport\"\"\",2019,14,1,1\n\
             unassigned,2019,14,1,1\n"
        );
    }

    #[test]
    fn an_empty_tally_writes_only_the_header() {
        let tally = Tally::new(Interval::Day);
        assert!(tally.is_empty());
        assert_eq!(tally.events(), 0);
        assert_eq!(tally.first(), None);
        assert!(tally.fronts().is_empty());
        assert_eq!(tally.write_csv(), "front,date,events,fatalities\n");
    }

    #[test]
    fn merging_equals_adding_everything_to_one_tally() {
        let rows: Vec<(&str, NaiveDate, u32)> = (0..300u32)
            .map(|i| {
                let front =
                    ["ain-zara", "South Tripoli", UNASSIGNED, "airport-road"][i as usize % 4];
                let d = day("2019-04-01") + chrono::Duration::days(i64::from(i * 7 % 200));
                (front, d, i % 5)
            })
            .collect();
        let mut whole = Tally::new(Interval::Week);
        for (front, d, fatalities) in &rows {
            whole.add(front, *d, *fatalities);
        }
        // Workers see the rows in other orders, so their fronts get other indices.
        let mut merged = Tally::new(Interval::Week);
        for part in rows.chunks(70).rev() {
            let mut worker = Tally::new(Interval::Week);
            for (front, d, fatalities) in part.iter().rev() {
                worker.add(front, *d, *fatalities);
            }
            merged.merge(worker);
        }
        merged.merge(Tally::new(Interval::Week));
        assert_eq!(merged.cells(), whole.cells());
        assert_eq!(merged.events(), 300);
        assert_eq!(merged.fatalities(), whole.fatalities());
        assert_eq!(merged.write_csv(), whole.write_csv());
        assert_eq!(
            merged.front_total("ain-zara"),
            whole.front_total("ain-zara")
        );
        assert_eq!(whole.front_total("ain-zara").events, 75);
        assert_eq!(whole.front_total("no-such-front"), Count::default());
    }
}
