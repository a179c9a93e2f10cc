//! `charts/events-by-front.svg`: events per day, ISO week or month, stacked by front in chart
//! order, fronts other files named after them and the events no front holds on top. Drawn
//! from a [`Tally`], so a million events chart as quickly as a hundred.
//!
//! Plotters lays out the chart: a [`Cartesian2d`](plotters::coord::cartesian::Cartesian2d)
//! of days ([`DateScale`]) by counts, its mesh (count gridlines and labels, the date axis
//! with its month ticks and labels), and one series of stacked rectangles per front.

use super::date_axis::{self, DateScale, DATE_AXIS_HEIGHT};
use super::frame::{self, MARGIN, WIDTH};
use super::legend::{self, LegendItem, Swatch};
use super::page::{self, Canvas, Drawn};
use super::palette::{rgb, GRID, MUTED, UNASSIGNED_COLOR};
use super::series::{UNASSIGNED_NAME, UNASSIGNED_NAME_AR};
use super::tally::{Interval, Period, Tally};
use super::text::{self, Align, TextStyle};
use super::ChartOptions;
use crate::event::UNASSIGNED;
use crate::front::Fronts;
use chrono::NaiveDate;
use plotters::chart::{ChartBuilder, LabelAreaPosition};
use plotters::coord::combinators::BindKeyPoints;
use plotters::coord::ranged1d::Ranged;
use plotters::element::Rectangle;
use plotters::style::{Color, WHITE};
use std::collections::{BTreeMap, HashMap};

const PLOT_HEIGHT: f64 = 380.0;
/// Width of the count labels left of the plot.
const COUNT_LABELS: f64 = 36.0;

/// Colours of fronts that [`Fronts`] does not know, given in byte order of their names:
/// Tableau 10 without its grey, which would read as the events outside the front areas.
/// More names than colours reuse them from the start.
pub const FALLBACK_COLORS: [&str; 9] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f",
];

/// English and Arabic titles of the chart by interval.
fn titles(interval: Interval) -> (&'static str, &'static str) {
    match interval {
        Interval::Day => ("Events per day, by front", "الأحداث في كل يوم حسب الجبهة"),
        Interval::Week => ("Events per week, by front", "الأحداث في كل أسبوع حسب الجبهة"),
        Interval::Month => ("Events per month, by front", "الأحداث في كل شهر حسب الجبهة"),
    }
}

/// The counting rule, as the detail line states it.
fn rule(interval: Interval) -> &'static str {
    match interval {
        Interval::Day => "Each event counts once, on its recorded day.",
        Interval::Week => {
            "Each event counts once, in the ISO week (Monday to Sunday) of its recorded day."
        }
        Interval::Month => "Each event counts once, in the calendar month of its recorded day.",
    }
}

/// A period as a tooltip names it.
fn period_label(period: Period) -> String {
    match period.interval() {
        Interval::Day => date_axis::day_label(period.start()),
        Interval::Week => format!("Week of {}", date_axis::day_label(period.start())),
        Interval::Month => date_axis::month_label(period.start()),
    }
}

/// The periods from `first` to `last`, as the detail line names them.
fn span(first: Period, last: Period) -> String {
    match first.interval() {
        Interval::Day => format!(
            "{} to {}",
            date_axis::day_label(first.start()),
            date_axis::day_label(last.start())
        ),
        Interval::Week => format!(
            "weeks of {} to {}",
            date_axis::day_label(first.start()),
            date_axis::day_label(last.start())
        ),
        Interval::Month => format!(
            "{} to {}",
            date_axis::month_label(first.start()),
            date_axis::month_label(last.start())
        ),
    }
}

fn events_label(count: u64) -> String {
    let noun = if count == 1 { "event" } else { "events" };
    format!("{} {noun}", thousands(count))
}

/// A count with thousands separated by commas, so large axis values read at a glance.
///
/// # Examples
/// ```
/// use frontline::chart::by_front::thousands;
/// assert_eq!(thousands(950), "950");
/// assert_eq!(thousands(30_000), "30,000");
/// assert_eq!(thousands(1_000_000), "1,000,000");
/// ```
pub fn thousands(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One front's layer of the stacked bars.
#[derive(Clone, Debug, PartialEq)]
struct Stack<'a> {
    /// The name the tally counts it under.
    id: &'a str,
    name: String,
    name_ar: String,
    color: String,
    events: u64,
}

/// The fronts with events, bottom to top: those [`Fronts`] knows in chart order, other
/// names in byte order with colours from [`FALLBACK_COLORS`], then [`UNASSIGNED`].
fn stacks<'a>(tally: &'a Tally, fronts: &Fronts) -> Vec<Stack<'a>> {
    // One pass over the cells, however many names a file used.
    let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
    for cell in tally.cells() {
        *totals.entry(cell.front).or_default() += cell.count.events;
    }
    let mut out: Vec<Stack> = Vec::with_capacity(totals.len());
    for front in &fronts.fronts {
        if let Some((id, events)) = totals.get_key_value(front.id.as_str()) {
            out.push(Stack {
                id,
                name: front.name.clone(),
                name_ar: front.name_ar.clone(),
                color: front.color.clone(),
                events: *events,
            });
        }
    }
    let others = totals
        .iter()
        .filter(|(id, _)| **id != UNASSIGNED && fronts.get(id).is_none());
    for (i, (id, events)) in others.enumerate() {
        out.push(Stack {
            id,
            name: id.to_string(),
            name_ar: String::new(),
            color: FALLBACK_COLORS[i % FALLBACK_COLORS.len()].to_string(),
            events: *events,
        });
    }
    if let Some((id, events)) = totals.get_key_value(UNASSIGNED) {
        out.push(Stack {
            id,
            name: UNASSIGNED_NAME.to_string(),
            name_ar: UNASSIGNED_NAME_AR.to_string(),
            color: UNASSIGNED_COLOR.to_string(),
            events: *events,
        });
    }
    out
}

/// The step between labels of a count axis from 0 to at least `most`: 1, 2, 2.5 or 5 times
/// a power of ten (2.5 only from 25 up, so labels stay whole), the smallest that needs at
/// most 8 labels counting 0.
fn tick_step(most: u64) -> u64 {
    // In u128 so the search ends above any u64 count.
    let mut power: u128 = 1;
    loop {
        for tenths in [10, 20, 25, 50] {
            if tenths == 25 && power < 10 {
                continue;
            }
            let step = power * tenths / 10;
            if u128::from(most).div_ceil(step) <= 7 {
                return u64::try_from(step).unwrap_or(u64::MAX);
            }
        }
        power *= 10;
    }
}

/// Renders the chart of a tally as SVG text, by the tally's interval.
pub fn render(tally: &Tally, fronts: &Fronts, options: &ChartOptions) -> String {
    let interval = tally.interval();
    let (own_title, title_ar) = titles(interval);
    let title = options.title.as_deref().unwrap_or(own_title);
    let (Some(first), Some(last)) = (tally.first(), tally.last()) else {
        return frame::empty_chart(title, title_ar, "No events to count.", &options.credit);
    };
    let stacks = stacks(tally, fronts);
    let layer: HashMap<&str, usize> = stacks.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    // columns[period][stack] = events
    let mut columns: BTreeMap<Period, Vec<u64>> = BTreeMap::new();
    for cell in tally.cells() {
        if let Some(i) = layer.get(cell.front) {
            columns
                .entry(cell.period)
                .or_insert_with(|| vec![0; stacks.len()])[*i] += cell.count.events;
        }
    }
    let items: Vec<LegendItem> = stacks
        .iter()
        .map(|s| LegendItem {
            color: s.color.clone(),
            swatch: Swatch::Square,
            // The count in the name, with thousands separated as on the axis.
            name: format!("{} ({})", s.name, thousands(s.events)),
            name_ar: s.name_ar.clone(),
            count: None,
        })
        .collect();
    let top = frame::heading_height(title, title_ar) + 16.0;
    let bottom = top + PLOT_HEIGHT;
    let legend_top = bottom + DATE_AXIS_HEIGHT + 14.0;
    let credit_top = legend_top + legend::headed_legend_height(&items) + 14.0;
    let height = credit_top + frame::credit_height(&options.credit);
    let canvas = page::page(WIDTH as u32, height.ceil() as u32);
    let chart = Chart {
        title,
        title_ar,
        interval,
        first,
        last,
        stacks: &stacks,
        columns: &columns,
        top,
    };
    page::expect_drawn((|| -> Drawn {
        chart.draw(&canvas, tally.events())?;
        legend::headed_legend(&canvas, ("Fronts (events)", "الجبهات"), &items, legend_top)?;
        frame::credit(&canvas, &options.credit, credit_top)
    })());
    canvas.finish(title)
}

/// What [`render`] lays out before it draws.
struct Chart<'a> {
    title: &'a str,
    title_ar: &'a str,
    interval: Interval,
    first: Period,
    last: Period,
    stacks: &'a [Stack<'a>],
    columns: &'a BTreeMap<Period, Vec<u64>>,
    /// Top of the plot.
    top: f64,
}

impl Chart<'_> {
    fn draw(&self, canvas: &Canvas, events: u64) -> Drawn {
        let detail = format!(
            "{}, {}. {}",
            events_label(events),
            span(self.first, self.last),
            rule(self.interval)
        );
        frame::heading(canvas, self.title, self.title_ar, &detail)?;
        let most = self
            .columns
            .values()
            .map(|c| c.iter().sum::<u64>())
            .max()
            .unwrap_or(1)
            .max(1);
        let step = tick_step(most);
        let y_max = most.div_ceil(step).saturating_mul(step);
        let ticks: Vec<u64> = (0..=y_max / step).map(|i| i * step).collect();

        let left = MARGIN + COUNT_LABELS;
        let width = WIDTH - MARGIN - left;
        // Widened to whole months (whole weeks for short spans), and always to whole
        // periods so every bar spans its days; the first period's last day keeps a week
        // that begins in the month before from adding that whole month.
        let mut scale = DateScale::covering(self.first.last_day(), self.last.start());
        scale.start = scale.start.min(self.first.start());
        scale.end = scale.end.max(self.last.end());
        let scale = scale.fit(width);

        text::text(
            canvas,
            left - 8.0,
            self.top - 12.0,
            &format!("Events per {}", self.interval.as_str()),
            TextStyle::new(12.0).fill(MUTED).align(Align::Left),
        )?;
        let area = canvas.area.clone().shrink(
            (MARGIN as i32, self.top as i32),
            (
                (WIDTH - 2.0 * MARGIN) as u32,
                (PLOT_HEIGHT + DATE_AXIS_HEIGHT) as u32,
            ),
        );
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(DATE_AXIS_HEIGHT as u32)
            .y_label_area_size(COUNT_LABELS as u32)
            .build_cartesian_2d(scale, (0..y_max).with_key_points(ticks))?;
        let label = TextStyle::new(12.0).fill(MUTED).plotters();
        let count_label = |n: &u64| thousands(*n);
        canvas.markup.open(&[("class", "axes")]);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(rgb(GRID).stroke_width(1))
            .light_line_style(plotters::style::TRANSPARENT)
            .axis_style(rgb(MUTED).stroke_width(1))
            .set_tick_mark_size(LabelAreaPosition::Left, 4)
            .set_tick_mark_size(LabelAreaPosition::Bottom, 5)
            .label_style(label)
            .x_label_offset(scale.label_offset(width))
            .y_label_formatter(&count_label)
            .draw()?;
        let x_of = |day| chart.backend_coord(&(day, 0)).0;
        date_axis::year_labels(
            canvas,
            &scale,
            &x_of,
            scale.label_offset(width),
            PLOT_HEIGHT + self.top,
        )?;
        canvas.markup.close();

        // Bars a few px wide are parted by a px of white, from the next period and from the
        // front below; narrower ones, as days over years are, would lose their colour to it.
        let wide = self.columns.keys().all(|period| {
            let (x0, x1) = (
                chart.backend_coord(&(period.start(), 0)).0,
                chart.backend_coord(&(period.end(), 0)).0,
            );
            x1 - x0 > 4
        });
        let gap = u32::from(wide);
        // A period narrower than a px still gets one, so a day over years keeps its colour.
        let pixels = chart.plotting_area().get_pixel_range().0;
        let x = |day: NaiveDate| scale.map(&day, (pixels.start, pixels.end));
        let bar_end = |period: Period| {
            let x0 = x(period.start());
            let mut end = period.end();
            while x(end) <= x0 && end < scale.end {
                end = end.succ_opt().unwrap_or(scale.end);
            }
            end
        };
        // One series per front, a rectangle per bar, in a group that names the front.
        canvas.markup.open(&[("class", "bars")]);
        let mut below = vec![0u64; self.columns.len()];
        for (s, stack) in self.stacks.iter().enumerate() {
            let mut tip = stack.name.clone();
            if !stack.name_ar.is_empty() {
                tip.push_str(&format!(" ({})", stack.name_ar));
            }
            tip.push_str(&format!(": {}", events_label(stack.events)));
            let events = stack.events.to_string();
            canvas.markup.open_titled(
                &[
                    ("class", "front"),
                    ("data-front", stack.id),
                    ("data-events", &events),
                ],
                &tip,
            );
            let color = rgb(&stack.color);
            let mut bars = Vec::new();
            for (c, (period, counts)) in self.columns.iter().enumerate() {
                let count = counts[s];
                if count == 0 {
                    continue;
                }
                let lowest = below[c] == 0;
                let mut bar = Rectangle::new(
                    [
                        (period.start(), below[c] + count),
                        (bar_end(*period), below[c]),
                    ],
                    color.filled(),
                );
                bar.set_margin(0, if lowest { 0 } else { gap }, 0, gap);
                bars.push(bar);
                below[c] += count;
            }
            chart.draw_series(bars)?;
            canvas.markup.close();
        }
        canvas.markup.close();

        // Invisible columns over the bars, so hovering a bar tells its period's counts.
        canvas
            .markup
            .open(&[("class", "periods"), ("fill-opacity", "0")]);
        for (period, counts) in self.columns {
            let total: u64 = counts.iter().sum();
            let parts: Vec<String> = self
                .stacks
                .iter()
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .map(|(s, n)| format!("{} {}", s.name, thousands(*n)))
                .collect();
            let tip = format!(
                "{}: {} ({})",
                period_label(*period),
                events_label(total),
                parts.join(", ")
            );
            canvas.markup.open_titled(
                &[
                    ("data-period", &period.to_string()),
                    ("data-events", &total.to_string()),
                ],
                &tip,
            );
            let mut column = Rectangle::new(
                [(period.start(), total), (bar_end(*period), 0)],
                WHITE.filled(),
            );
            column.set_margin(0, 0, 0, gap);
            chart.draw_series([column])?;
            canvas.markup.close();
        }
        canvas.markup.close();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::fixtures::{event, fronts, options, text_at, texts};
    use crate::chart::palette::UNASSIGNED_COLOR;
    use crate::event::Event;

    /// The tally `build` charts: each event in the period of its first day.
    fn tally_of(events: &[Event], interval: Interval) -> Tally {
        let mut tally = Tally::new(interval);
        for event in events {
            tally.add(
                &event.front,
                event.date.start,
                event.fatalities.best.unwrap_or(0),
            );
        }
        tally
    }

    fn attr(line: &str, key: &str) -> String {
        line.split(&format!(" {key}=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or("")
            .to_string()
    }

    /// (period, events, tooltip) of every column.
    fn columns(svg: &str) -> Vec<(String, u64, String)> {
        let lines: Vec<&str> = svg.lines().collect();
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.contains("data-period="))
            .map(|(i, l)| {
                let tip = lines[i + 1].trim_start_matches("<title>");
                let tip = tip.split("</title>").next().unwrap_or("");
                (
                    attr(l, "data-period"),
                    attr(l, "data-events").parse().unwrap(),
                    tip.to_string(),
                )
            })
            .collect()
    }

    /// The groups of a front's series: plotters writes each bar as a `<rect>`, and the
    /// chart puts a front's bars in one group that names it.
    fn groups<'a>(svg: &'a str, front: &str) -> Vec<&'a str> {
        let key = format!("<g class=\"front\" data-front=\"{front}\"");
        svg.match_indices(&key)
            .map(|(at, _)| &svg[at..at + svg[at..].find("</g>").unwrap()])
            .collect()
    }

    /// (x, y, width, height) of each bar of a front's one group.
    fn bars(svg: &str, front: &str) -> Vec<[f64; 4]> {
        let found = groups(svg, front);
        assert_eq!(found.len(), 1, "one group for {front}");
        found[0]
            .lines()
            .filter(|l| l.starts_with("<rect"))
            .map(|l| ["x", "y", "width", "height"].map(|k| attr(l, k).parse().unwrap()))
            .collect()
    }

    /// The fill of a front's bars.
    fn fill(svg: &str, front: &str) -> String {
        let group = groups(svg, front)[0];
        let rect = group.lines().find(|l| l.starts_with("<rect")).unwrap();
        attr(rect, "fill").to_ascii_lowercase()
    }

    /// Equal to within the px plotters rounds each coordinate to.
    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1.0
    }

    #[test]
    fn stacks_count_each_event_once_in_its_iso_week() {
        let events = [
            event("LBY1", "2019-04-04", "airport-road", 13.15, 32.8),
            event("LBY2", "2019-04-07", "airport-road", 13.15, 32.8),
            event("LBY3", "2019-04-08", "airport-road", 13.15, 32.8),
            event("LBY4", "2019-04-05", "ain-zara", 13.25, 32.8),
            // A month-precise event counts in the week of its first day.
            event("LBY5", "2019-05-01/2019-05-31", UNASSIGNED, 20.0, 30.0),
        ];
        let out = render(&tally_of(&events, Interval::Week), &fronts(), &options());
        let want = [
            (
                "2019-W14",
                3,
                "Week of 1 Apr 2019: 3 events (Airport Road 2, Ain Zara 1)",
            ),
            (
                "2019-W15",
                1,
                "Week of 8 Apr 2019: 1 event (Airport Road 1)",
            ),
            (
                "2019-W18",
                1,
                "Week of 29 Apr 2019: 1 event (Outside the front areas 1)",
            ),
        ];
        let want: Vec<(String, u64, String)> = want
            .iter()
            .map(|(p, n, t)| (p.to_string(), *n, t.to_string()))
            .collect();
        assert_eq!(columns(&out), want);

        let airport = bars(&out, "airport-road");
        let ain_zara = bars(&out, "ain-zara");
        assert_eq!((airport.len(), ain_zara.len()), (2, 1));
        assert_eq!(bars(&out, UNASSIGNED).len(), 1);
        let [x, y, width, height] = airport[0];
        assert!(close(height, 2.0 * airport[1][3]), "two events, then one");
        // The next week's bar begins a week (its width and the 1 px gap) later.
        assert!(close(airport[1][0] - x, width + 1.0));
        // Ain Zara stacks on Airport Road in the same week, a px of white between them.
        assert_eq!(ain_zara[0][0], x);
        assert_eq!(ain_zara[0][1] + ain_zara[0][3] + 1.0, y);
        assert!(out.contains(
            "Each event counts once, in the ISO week (Monday to Sunday) of its recorded day."
        ));
        assert!(out.contains(">\n5 events, weeks of 1 Apr 2019 to 29 Apr 2019."));
    }

    #[test]
    fn legend_lists_fronts_with_events_in_front_order_with_counts() {
        let events = [
            event("LBY1", "2019-04-04", "ain-zara", 13.25, 32.8),
            event("LBY2", "2019-04-05", "airport-road", 13.15, 32.8),
            event("LBY3", "2019-04-06", "airport-road", 13.15, 32.8),
        ];
        let out = render(&tally_of(&events, Interval::Week), &fronts(), &options());
        let airport = text_at(&out, "Airport Road (2)").expect("airport road in legend");
        let ain_zara = text_at(&out, "Ain Zara (1)").expect("ain zara in legend");
        assert!(airport < ain_zara);
        assert!(text_at(&out, "عين زارة").is_some());
        assert!(
            !out.contains("Sirte and Jufra"),
            "a front without events stays out of the legend"
        );
    }

    #[test]
    fn an_empty_tally_is_a_valid_chart_with_a_note() {
        for interval in [Interval::Day, Interval::Week, Interval::Month] {
            let out = render(&Tally::new(interval), &fronts(), &options());
            assert!(out.starts_with("<?xml") && out.ends_with("</svg>\n"));
            assert!(text_at(&out, "No events to count.").is_some());
            assert!(out.contains("No events in this selection"));
            assert!(out.contains("Events: test."));
            assert!(out.contains(titles(interval).0) && out.contains(titles(interval).1));
            assert!(!out.contains("data-front") && !out.contains("class=\"front\""));
        }
    }

    #[test]
    fn same_counts_give_identical_bytes_in_any_order_or_split() {
        let events = [
            event("LBY1", "2019-04-04", "ain-zara", 13.25, 32.8),
            event("LBY2", "2019-06-05", "airport-road", 13.15, 32.8),
            event("LBY3", "2020-01-06", UNASSIGNED, 16.6, 31.2),
            event("LBY4", "2019-06-06", "South Tripoli", 13.2, 32.7),
            event("LBY5", "2019-06-07", "Misrata east", 15.1, 32.3),
        ];
        let forward = tally_of(&events, Interval::Week);
        let mut backward = Tally::new(Interval::Week);
        for e in events.iter().rev() {
            backward.add(&e.front, e.date.start, 0);
        }
        let mut split = tally_of(&events[3..], Interval::Week);
        split.merge(tally_of(&events[..3], Interval::Week));
        let a = render(&forward, &fronts(), &options());
        assert_eq!(a, render(&forward, &fronts(), &options()));
        assert_eq!(a, render(&backward, &fronts(), &options()));
        assert_eq!(a, render(&split, &fronts(), &options()));
    }

    #[test]
    fn a_title_option_replaces_the_english_title() {
        let events = [event("LBY1", "2019-04-04", "ain-zara", 13.25, 32.8)];
        let options = ChartOptions {
            title: Some("Ain Zara in April".to_string()),
            ..options()
        };
        let out = render(&tally_of(&events, Interval::Week), &fronts(), &options);
        assert!(out.contains("<title>Ain Zara in April</title>"));
        assert!(out.contains(titles(Interval::Week).1));
        assert!(!out.contains("Events per week, by front"));
    }

    #[test]
    fn names_no_front_holds_get_fallback_colours_in_byte_order_below_unassigned() {
        let mut tally = Tally::new(Interval::Week);
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        for (front, d) in [
            (UNASSIGNED, "2019-04-04"),
            ("South Tripoli", "2019-04-04"),
            ("South Tripoli", "2019-04-11"),
            ("Sirte-Jufra", "2019-04-04"),
            ("ain-zara", "2019-04-05"),
            ("Abu Salim, east", "2019-04-05"),
        ] {
            tally.add(front, day(d), 0);
        }
        let out = render(&tally, &fronts(), &options());
        // Stack order, bottom to top: known fronts, other names by bytes, unassigned.
        let order: Vec<String> = out
            .lines()
            .filter(|l| l.starts_with("<g class=\"front\""))
            .map(|l| attr(l, "data-front"))
            .collect();
        assert_eq!(
            order,
            [
                "ain-zara",
                "Abu Salim, east",
                "Sirte-Jufra",
                "South Tripoli",
                UNASSIGNED
            ]
        );
        let fill = |front: &str| fill(&out, front);
        assert_eq!(fill("ain-zara"), "#8db600");
        assert_eq!(fill("Abu Salim, east"), FALLBACK_COLORS[0]);
        assert_eq!(fill("Sirte-Jufra"), FALLBACK_COLORS[1]);
        assert_eq!(fill("South Tripoli"), FALLBACK_COLORS[2]);
        assert_eq!(fill(UNASSIGNED), UNASSIGNED_COLOR);
        // The legend names an unknown front by its own name, in the same order.
        let at = |label: &str| text_at(&out, label).expect(label);
        assert!(at("Ain Zara (1)") < at("Abu Salim, east (1)"));
        assert!(at("Abu Salim, east (1)") < at("Sirte-Jufra (1)"));
        assert!(at("Sirte-Jufra (1)") < at("South Tripoli (2)"));
        assert!(at("South Tripoli (2)") < at("Outside the front areas (1)"));
        assert!(out.contains("<title>South Tripoli: 2 events</title>"));
    }

    #[test]
    fn each_front_is_one_group_with_a_bar_per_period() {
        let mut events = Vec::new();
        for week in 0..20i64 {
            let d = chrono::NaiveDate::from_ymd_opt(2019, 4, 1).unwrap()
                + chrono::Duration::weeks(week);
            let day = d.format("%Y-%m-%d").to_string();
            for (i, front) in [
                "airport-road",
                "ain-zara",
                "sirte-jufra",
                UNASSIGNED,
                "Tarhuna",
            ]
            .iter()
            .enumerate()
            {
                if week % (i as i64 + 1) == 0 {
                    events.push(event(&format!("LBY{week}-{i}"), &day, front, 13.0, 32.0));
                }
            }
        }
        let out = render(&tally_of(&events, Interval::Week), &fronts(), &options());
        assert_eq!(out.matches("<g class=\"front\"").count(), 5);
        for (i, front) in [
            "airport-road",
            "ain-zara",
            "sirte-jufra",
            UNASSIGNED,
            "Tarhuna",
        ]
        .iter()
        .enumerate()
        {
            let weeks = (0..20).filter(|w| w % (i + 1) == 0).count();
            assert_eq!(bars(&out, front).len(), weeks, "{front}");
            assert!(attr(groups(&out, front)[0], "class") == "front");
        }
        assert_eq!(columns(&out).len(), 20);
    }

    #[test]
    fn days_and_months_have_their_own_titles_rules_and_bars() {
        let events = [
            event("LBY1", "2019-04-04", "ain-zara", 13.25, 32.8),
            event("LBY2", "2019-04-04", "airport-road", 13.15, 32.8),
            event("LBY3", "2019-05-31", "airport-road", 13.15, 32.8),
        ];
        let days = render(&tally_of(&events, Interval::Day), &fronts(), &options());
        assert!(days.contains("<title>Events per day, by front</title>"));
        assert!(text_at(&days, "الأحداث في كل يوم حسب الجبهة").is_some());
        assert!(text_at(
            &days,
            "3 events, 4 Apr 2019 to 31 May 2019. Each event counts once, on its recorded day."
        )
        .is_some());
        assert!(text_at(&days, "Events per day").is_some());
        let got: Vec<(String, u64)> = columns(&days).into_iter().map(|c| (c.0, c.1)).collect();
        assert_eq!(
            got,
            [("2019-04-04".to_string(), 2), ("2019-05-31".to_string(), 1)]
        );

        let months = render(&tally_of(&events, Interval::Month), &fronts(), &options());
        assert!(months.contains("<title>Events per month, by front</title>"));
        assert!(text_at(&months, "الأحداث في كل شهر حسب الجبهة").is_some());
        assert!(text_at(&months, "3 events, Apr 2019 to May 2019. Each event counts once, in the calendar month of its recorded day.").is_some());
        let tips: Vec<String> = columns(&months).into_iter().map(|c| c.2).collect();
        assert_eq!(
            tips,
            [
                "Apr 2019: 2 events (Airport Road 1, Ain Zara 1)",
                "May 2019: 1 event (Airport Road 1)"
            ]
        );
        // A month's bar spans its days: May is 31/30 as wide as April, and a px of white
        // parts it from April's.
        let [april, may] = bars(&months, "airport-road")[..] else {
            panic!("two bars")
        };
        assert!(((may[2] + 1.0) / (april[2] + 1.0) - 31.0 / 30.0).abs() < 0.01);
        assert_eq!(may[0] - (april[0] + april[2]), 1.0);

        // Days over years are bars too narrow to lose a px to white: they keep their colour.
        let years = [
            event("LBY1", "2016-01-04", "ain-zara", 13.25, 32.8),
            event("LBY2", "2019-05-31", "ain-zara", 13.25, 32.8),
        ];
        let days = render(&tally_of(&years, Interval::Day), &fronts(), &options());
        let narrow = bars(&days, "ain-zara");
        assert_eq!(narrow.len(), 2);
        assert!(narrow.iter().all(|b| b[2] >= 1.0), "{narrow:?}");
    }

    #[test]
    fn tick_steps_are_round_and_give_at_most_eight_labels() {
        let round = |step: u64| {
            let mut m = step;
            while m >= 100 && m.is_multiple_of(10) {
                m /= 10;
            }
            [1, 2, 5, 10, 20, 25, 50].contains(&m)
        };
        let mut previous = 1;
        for most in (1..=2_000)
            .chain((2_000..=1_000_000).step_by(997))
            .chain([u64::MAX])
        {
            let step = tick_step(most);
            assert!(round(step), "{most}: {step}");
            let labels = most.div_ceil(step) + 1;
            assert!(labels <= 8, "{most}: {step}");
            assert!(step >= previous, "steps grow with the count");
            previous = step;
        }
        assert_eq!(
            [1, 7, 8, 12, 30, 160, 30_000].map(tick_step),
            [1, 1, 2, 2, 5, 25, 5_000]
        );
    }

    #[test]
    fn thirty_thousand_events_in_a_week_fit_the_axis() {
        let mut tally = Tally::new(Interval::Week);
        let day = chrono::NaiveDate::from_ymd_opt(2019, 4, 4).unwrap();
        for i in 0..30_000u32 {
            tally.add(
                if i % 3 == 0 {
                    "ain-zara"
                } else {
                    "airport-road"
                },
                day,
                1,
            );
        }
        tally.add(UNASSIGNED, day + chrono::Duration::days(70), 0);
        let out = render(&tally, &fronts(), &options());
        let axis = out.split("<g class=\"axes\">").nth(1).unwrap();
        let axis = axis.split("</g>").next().unwrap();
        // Plotters anchors the count labels by their end, left of the plot.
        let labels: Vec<&str> = texts(axis)
            .into_iter()
            .filter(|(_, tag, _)| tag.contains("text-anchor=\"end\""))
            .map(|(_, _, content)| content)
            .collect();
        assert_eq!(
            labels,
            ["0", "5,000", "10,000", "15,000", "20,000", "25,000", "30,000"]
        );
        assert!(out.contains(">\n30,001 events, weeks of 1 Apr 2019 to 10 Jun 2019."));
        assert!(text_at(&out, "Airport Road (20,000)").is_some());
    }
}
