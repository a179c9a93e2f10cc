//! `charts/events-by-front.svg`: events per day, ISO week or month, stacked by front in chart
//! order, fronts other files named after them and the events no front holds on top. Drawn
//! from a [`Tally`], so a million events chart as quickly as a hundred.

use super::svg::{
    self, Align, DateScale, LegendItem, Svg, Swatch, TextStyle, MARGIN, MUTED, WIDTH,
};
use super::tally::{Interval, Period, Tally};
use super::ChartOptions;
use crate::event::UNASSIGNED;
use crate::front::Fronts;
use std::collections::{BTreeMap, HashMap};

const PLOT_HEIGHT: f64 = 380.0;

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
        Interval::Day => svg::day_label(period.start()),
        Interval::Week => format!("Week of {}", svg::day_label(period.start())),
        Interval::Month => svg::month_label(period.start()),
    }
}

/// The periods from `first` to `last`, as the detail line names them.
fn span(first: Period, last: Period) -> String {
    match first.interval() {
        Interval::Day => format!(
            "{} to {}",
            svg::day_label(first.start()),
            svg::day_label(last.start())
        ),
        Interval::Week => format!(
            "weeks of {} to {}",
            svg::day_label(first.start()),
            svg::day_label(last.start())
        ),
        Interval::Month => format!(
            "{} to {}",
            svg::month_label(first.start()),
            svg::month_label(last.start())
        ),
    }
}

fn events_label(count: u64) -> String {
    let noun = if count == 1 { "event" } else { "events" };
    format!("{} {noun}", svg::thousands(count))
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
            name: svg::UNASSIGNED_NAME.to_string(),
            name_ar: svg::UNASSIGNED_NAME_AR.to_string(),
            color: svg::UNASSIGNED_COLOR.to_string(),
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
    let mut doc = Svg::new(WIDTH);
    let (Some(first), Some(last)) = (tally.first(), tally.last()) else {
        let top = svg::heading(&mut doc, title, title_ar, "No events to count.");
        svg::no_events(&mut doc, WIDTH / 2.0, top + 90.0);
        let bottom = top + 170.0;
        svg::credit(&mut doc, &options.credit, bottom);
        return doc.finish(bottom + svg::credit_height(&options.credit), title);
    };
    let detail = format!(
        "{}, {}. {}",
        events_label(tally.events()),
        span(first, last),
        rule(interval)
    );
    let top = svg::heading(&mut doc, title, title_ar, &detail) + 16.0;

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
    let most = columns
        .values()
        .map(|c| c.iter().sum::<u64>())
        .max()
        .unwrap_or(1)
        .max(1);
    let step = tick_step(most);
    let y_max = most.div_ceil(step).saturating_mul(step);

    let (left, right) = (MARGIN + 36.0, WIDTH - MARGIN);
    let bottom = top + PLOT_HEIGHT;
    let y_of = |count: u64| bottom - PLOT_HEIGHT * count as f64 / y_max as f64;
    // Widened to whole months (whole weeks for short spans), and always to whole periods so
    // every bar spans its days; the first period's last day keeps a week that begins in the
    // month before from adding that whole month.
    let mut scale = DateScale::covering(first.last_day(), last.start(), left, right);
    scale.start = scale.start.min(first.start());
    scale.end = scale.end.max(last.end());

    doc.text(
        left - 8.0,
        top - 12.0,
        &format!("Events per {}", interval.as_str()),
        TextStyle::new(12.0).fill(MUTED).align(Align::Left),
    );
    doc.open("g", &[("class", "y-axis")]);
    let mut tick = 0;
    while tick <= y_max {
        let y = y_of(tick);
        if tick > 0 {
            doc.line((left, y), (right, y), svg::GRID, 1.0);
        }
        doc.text(
            left - 8.0,
            y + 4.0,
            &svg::thousands(tick),
            TextStyle::new(12.0).fill(MUTED).align(Align::Right),
        );
        match tick.checked_add(step) {
            Some(next) => tick = next,
            None => break,
        }
    }
    doc.close("g");
    svg::date_axis(&mut doc, &scale, bottom, None);

    // (x, width) of each period's bar, one px apart when there is room.
    let spans: Vec<(f64, f64)> = columns
        .keys()
        .map(|period| {
            let (x0, x1) = (scale.x(period.start()), scale.x(period.end()));
            let gap = if x1 - x0 > 4.0 { 1.0 } else { 0.0 };
            (x0 + gap / 2.0, x1 - x0 - gap)
        })
        .collect();
    // A white outline parts the fronts in a bar, but would hide the colour of bars a px or
    // two wide, as days over years are.
    let outline: &[(&str, &str)] = if spans.iter().all(|(_, width)| *width > 3.0) {
        &[("stroke", "#ffffff"), ("stroke-width", "0.5")]
    } else {
        &[]
    };
    // One path per front, a rectangle per bar, so a reader of the SVG finds each front's
    // shape in one element however many periods it spans.
    doc.open("g", &[("class", "bars")]);
    let mut below = vec![0u64; columns.len()];
    for (s, stack) in stacks.iter().enumerate() {
        let mut d = String::new();
        for (c, counts) in columns.values().enumerate() {
            let count = counts[s];
            if count == 0 {
                continue;
            }
            let (x, width) = spans[c];
            let (y0, y1) = (y_of(below[c] + count), y_of(below[c]));
            below[c] += count;
            d.push_str(&format!(
                "M{} {}h{}v{}h{}Z",
                svg::num(x),
                svg::num(y0),
                svg::num(width),
                svg::num(y1 - y0),
                svg::num(-width)
            ));
        }
        let mut tip = stack.name.clone();
        if !stack.name_ar.is_empty() {
            tip.push_str(&format!(" ({})", stack.name_ar));
        }
        tip.push_str(&format!(": {}", events_label(stack.events)));
        let events = stack.events.to_string();
        let mut attrs: Vec<(&str, &str)> = vec![
            ("class", "front"),
            ("data-front", stack.id),
            ("data-events", &events),
            ("d", &d),
            ("fill", &stack.color),
        ];
        attrs.extend_from_slice(outline);
        doc.titled("path", &attrs, &tip);
    }
    doc.close("g");

    // Invisible columns over the bars, so hovering a bar tells its period's counts.
    doc.open("g", &[("class", "periods")]);
    for ((period, counts), (x, width)) in columns.iter().zip(&spans) {
        let total: u64 = counts.iter().sum();
        let parts: Vec<String> = stacks
            .iter()
            .zip(counts)
            .filter(|(_, n)| **n > 0)
            .map(|(s, n)| format!("{} {}", s.name, svg::thousands(*n)))
            .collect();
        let tip = format!(
            "{}: {} ({})",
            period_label(*period),
            events_label(total),
            parts.join(", ")
        );
        let y = y_of(total);
        doc.titled(
            "rect",
            &[
                ("data-period", &period.to_string()),
                ("data-events", &total.to_string()),
                ("x", &svg::num(*x)),
                ("y", &svg::num(y)),
                ("width", &svg::num(*width)),
                ("height", &svg::num(bottom - y)),
                ("fill", "#ffffff"),
                ("fill-opacity", "0"),
            ],
            &tip,
        );
    }
    doc.close("g");
    doc.line((left, bottom), (right, bottom), MUTED, 1.0);

    let items: Vec<LegendItem> = stacks
        .iter()
        .map(|s| LegendItem {
            color: s.color.clone(),
            swatch: Swatch::Square,
            // The count in the name, with thousands separated as on the axis.
            name: format!("{} ({})", s.name, svg::thousands(s.events)),
            name_ar: s.name_ar.clone(),
            count: None,
        })
        .collect();
    let legend_top = bottom + svg::DATE_AXIS_HEIGHT + 14.0;
    svg::finish_with_legend(
        doc,
        ("Fronts (events)", "الجبهات"),
        &items,
        legend_top,
        &options.credit,
        title,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::svg::tests::{event, fronts, options};
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
        svg.lines()
            .filter(|l| l.contains("data-period="))
            .map(|l| {
                let tip = l.split("<title>").nth(1).unwrap_or("");
                let tip = tip.split("</title>").next().unwrap_or("");
                (
                    attr(l, "data-period"),
                    attr(l, "data-events").parse().unwrap(),
                    tip.to_string(),
                )
            })
            .collect()
    }

    /// The lines of the `<path>` elements of a front.
    fn paths<'a>(svg: &'a str, front: &str) -> Vec<&'a str> {
        let key = format!("data-front=\"{front}\"");
        svg.lines()
            .filter(|l| l.trim_start().starts_with("<path") && l.contains(&key))
            .collect()
    }

    /// (x, y, width, height) of each bar of a front's one path.
    fn bars(svg: &str, front: &str) -> Vec<[f64; 4]> {
        let lines = paths(svg, front);
        assert_eq!(lines.len(), 1, "one path for {front}");
        attr(lines[0], "d")
            .split('M')
            .filter(|s| !s.is_empty())
            .map(|bar| {
                let n: Vec<f64> = bar
                    .trim_end_matches('Z')
                    .split([' ', 'h', 'v'])
                    .map(|v| v.parse().unwrap())
                    .collect();
                assert_eq!(n.len(), 5, "M x y h w v h h -w Z: {bar}");
                assert_eq!(n[4], -n[2], "the bar closes on itself: {bar}");
                [n[0], n[1], n[2], n[3]]
            })
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.02
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
        // Ain Zara stacks on Airport Road in the same week.
        assert!(close(ain_zara[0][0], x) && close(ain_zara[0][1] + ain_zara[0][3], y));
        assert!(out.contains(
            "Each event counts once, in the ISO week (Monday to Sunday) of its recorded day."
        ));
        assert!(out.contains(">5 events, weeks of 1 Apr 2019 to 29 Apr 2019."));
    }

    #[test]
    fn legend_lists_fronts_with_events_in_front_order_with_counts() {
        let events = [
            event("LBY1", "2019-04-04", "ain-zara", 13.25, 32.8),
            event("LBY2", "2019-04-05", "airport-road", 13.15, 32.8),
            event("LBY3", "2019-04-06", "airport-road", 13.15, 32.8),
        ];
        let out = render(&tally_of(&events, Interval::Week), &fronts(), &options());
        let airport = out
            .find(">Airport Road (2)</text>")
            .expect("airport road in legend");
        let ain_zara = out
            .find(">Ain Zara (1)</text>")
            .expect("ain zara in legend");
        assert!(airport < ain_zara);
        assert!(out.contains(">عين زارة</text>"));
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
            assert!(out.contains(">No events to count.</text>"));
            assert!(out.contains("No events in this selection"));
            assert!(out.contains("Events: test."));
            assert!(out.contains(titles(interval).0) && out.contains(titles(interval).1));
            assert!(!out.contains("data-front") && !out.contains("<path"));
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
            .filter(|l| l.trim_start().starts_with("<path"))
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
        let fill = |front: &str| attr(paths(&out, front)[0], "fill");
        assert_eq!(fill("ain-zara"), "#8db600");
        assert_eq!(fill("Abu Salim, east"), FALLBACK_COLORS[0]);
        assert_eq!(fill("Sirte-Jufra"), FALLBACK_COLORS[1]);
        assert_eq!(fill("South Tripoli"), FALLBACK_COLORS[2]);
        assert_eq!(fill(UNASSIGNED), svg::UNASSIGNED_COLOR);
        // The legend names an unknown front by its own name, in the same order.
        let at = |label: &str| out.find(&format!(">{label}</text>")).expect(label);
        assert!(at("Ain Zara (1)") < at("Abu Salim, east (1)"));
        assert!(at("Abu Salim, east (1)") < at("Sirte-Jufra (1)"));
        assert!(at("Sirte-Jufra (1)") < at("South Tripoli (2)"));
        assert!(at("South Tripoli (2)") < at("Outside the front areas (1)"));
        assert!(out.contains("<title>South Tripoli: 2 events</title>"));
    }

    #[test]
    fn each_front_is_one_path_with_a_bar_per_period() {
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
        assert_eq!(out.matches("<path").count(), 5);
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
            assert!(attr(paths(&out, front)[0], "class") == "front");
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
        assert!(days.contains(">الأحداث في كل يوم حسب الجبهة</text>"));
        assert!(days.contains(">3 events, 4 Apr 2019 to 31 May 2019. Each event counts once, on its recorded day.</text>"));
        assert!(days.contains(">Events per day</text>"));
        let got: Vec<(String, u64)> = columns(&days).into_iter().map(|c| (c.0, c.1)).collect();
        assert_eq!(
            got,
            [("2019-04-04".to_string(), 2), ("2019-05-31".to_string(), 1)]
        );

        let months = render(&tally_of(&events, Interval::Month), &fronts(), &options());
        assert!(months.contains("<title>Events per month, by front</title>"));
        assert!(months.contains(">الأحداث في كل شهر حسب الجبهة</text>"));
        assert!(months.contains(">3 events, Apr 2019 to May 2019. Each event counts once, in the calendar month of its recorded day.</text>"));
        let tips: Vec<String> = columns(&months).into_iter().map(|c| c.2).collect();
        assert_eq!(
            tips,
            [
                "Apr 2019: 2 events (Airport Road 1, Ain Zara 1)",
                "May 2019: 1 event (Airport Road 1)"
            ]
        );
        // A month's bar spans its days: May is 31/30 as wide as April.
        let [april, may] = bars(&months, "airport-road")[..] else {
            panic!("two bars")
        };
        assert!(close((may[2] + 1.0) / (april[2] + 1.0), 31.0 / 30.0));
        assert!(paths(&months, "airport-road")[0].contains(" stroke=\"#ffffff\""));

        // Days over years are bars too narrow for the white outline.
        let years = [
            event("LBY1", "2016-01-04", "ain-zara", 13.25, 32.8),
            event("LBY2", "2019-05-31", "ain-zara", 13.25, 32.8),
        ];
        let days = render(&tally_of(&years, Interval::Day), &fronts(), &options());
        assert_eq!(bars(&days, "ain-zara").len(), 2);
        assert!(!paths(&days, "ain-zara")[0].contains(" stroke="));
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
        let axis = out.split("<g class=\"y-axis\">").nth(1).unwrap();
        let axis = axis.split("</g>").next().unwrap();
        let labels: Vec<&str> = axis
            .lines()
            .filter_map(|l| l.split('>').nth(1))
            .filter_map(|l| l.strip_suffix("</text"))
            .collect();
        assert_eq!(
            labels,
            ["0", "5,000", "10,000", "15,000", "20,000", "25,000", "30,000"]
        );
        assert!(out.contains(">30,001 events, weeks of 1 Apr 2019 to 10 Jun 2019."));
        assert!(out.contains(">Airport Road (20,000)</text>"));
    }
}
