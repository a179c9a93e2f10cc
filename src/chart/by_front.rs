//! `charts/events-by-front.svg`: events per ISO week (Monday to Sunday, by each event's first
//! day), stacked by front in chart order, with the events no front holds on top.

use super::svg::{
    self, Align, DateScale, LegendItem, Svg, Swatch, TextStyle, MARGIN, MUTED, WIDTH,
};
use super::ChartOptions;
use crate::event::Event;
use crate::front::Fronts;
use chrono::NaiveDate;
use std::collections::BTreeMap;

const TITLE: &str = "Events per week, by front";
const TITLE_AR: &str = "الأحداث في كل أسبوع حسب الجبهة";
const PLOT_HEIGHT: f64 = 380.0;

/// Renders the chart as SVG text.
pub fn render(events: &[&Event], fronts: &Fronts, options: &ChartOptions) -> String {
    let title = options.title.as_deref().unwrap_or(TITLE);
    let mut doc = Svg::new(WIDTH);
    let series = svg::series(events, fronts);
    let Some((first, last)) = svg::date_range(events) else {
        let top = svg::heading(&mut doc, title, TITLE_AR, "No events to count.");
        svg::no_events(&mut doc, WIDTH / 2.0, top + 90.0);
        let bottom = top + 170.0;
        svg::credit(&mut doc, &options.credit, bottom);
        return doc.finish(bottom + svg::credit_height(&options.credit), title);
    };
    // Weeks are counted by start date, so the last week to show is that of the latest start.
    let last_start = events.iter().map(|e| e.date.start).max().unwrap_or(last);
    let detail = format!(
        "{} events, {} to {}. Each event counts once, in the ISO week (Monday to Sunday) of its first day.",
        events.len(),
        svg::day_label(first),
        svg::day_label(last_start)
    );
    let top = svg::heading(&mut doc, title, TITLE_AR, &detail) + 16.0;

    // weeks[monday][series index] = events
    let mut weeks: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, s) in series.iter().enumerate() {
        for event in &s.events {
            weeks
                .entry(svg::monday(event.date.start))
                .or_insert_with(|| vec![0; series.len()])[i] += 1;
        }
    }
    let most = weeks
        .values()
        .map(|c| c.iter().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
        .into_iter()
        .find(|s| most.div_ceil(*s) <= 8)
        .unwrap_or_else(|| most.div_ceil(8));
    let y_max = most.div_ceil(step) * step;

    let (left, right) = (MARGIN + 36.0, WIDTH - MARGIN);
    let bottom = top + PLOT_HEIGHT;
    let y_of = |count: f64| bottom - PLOT_HEIGHT * count / y_max as f64;
    let scale = DateScale::covering(first, last_start, left, right);

    doc.text(
        left - 8.0,
        top - 12.0,
        "Events per week",
        TextStyle::new(12.0).fill(MUTED).align(Align::Left),
    );
    doc.open("g", &[("class", "y-axis")]);
    let mut tick = 0;
    while tick <= y_max {
        let y = y_of(tick as f64);
        if tick > 0 {
            doc.line((left, y), (right, y), svg::GRID, 1.0);
        }
        doc.text(
            left - 8.0,
            y + 4.0,
            &tick.to_string(),
            TextStyle::new(12.0).fill(MUTED).align(Align::Right),
        );
        tick += step;
    }
    doc.close("g");
    svg::date_axis(&mut doc, &scale, bottom, None);

    let week_width = scale.day_width() * 7.0;
    let gap = if week_width > 4.0 { 1.0 } else { 0.0 };
    doc.open("g", &[("class", "bars")]);
    for (monday, counts) in &weeks {
        let total: usize = counts.iter().sum();
        let x = scale.x(*monday) + gap / 2.0;
        let week = monday.to_string();
        doc.open(
            "g",
            &[("data-week", &week), ("data-total", &total.to_string())],
        );
        let mut below = 0usize;
        for (s, count) in series.iter().zip(counts) {
            if *count == 0 {
                continue;
            }
            let (y0, y1) = (y_of((below + count) as f64), y_of(below as f64));
            below += count;
            let tip = format!(
                "Week of {}: {} {}",
                svg::day_label(*monday),
                count,
                if *count == 1 { "event" } else { "events" }
            );
            let tip = format!("{tip}, {} ({})", s.name, s.name_ar);
            doc.titled(
                "rect",
                &[
                    ("x", &svg::num(x)),
                    ("y", &svg::num(y0)),
                    ("width", &svg::num(week_width - gap)),
                    ("height", &svg::num(y1 - y0)),
                    ("fill", &s.color),
                    ("stroke", "#ffffff"),
                    ("stroke-width", "0.5"),
                    ("data-front", &s.id),
                    ("data-count", &count.to_string()),
                ],
                &tip,
            );
        }
        doc.close("g");
    }
    doc.close("g");
    doc.line((left, bottom), (right, bottom), MUTED, 1.0);

    let items: Vec<LegendItem> = series
        .iter()
        .map(|s| LegendItem {
            color: s.color.clone(),
            swatch: Swatch::Square,
            name: s.name.clone(),
            name_ar: s.name_ar.clone(),
            count: Some(s.events.len()),
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
    use crate::event::UNASSIGNED;

    /// (week, front, count) of every bar segment.
    fn segments(svg: &str) -> Vec<(String, String, usize)> {
        let mut week = String::new();
        let mut out = Vec::new();
        for line in svg.lines() {
            if let Some(rest) = line.split("data-week=\"").nth(1) {
                week = rest.split('"').next().unwrap_or("").to_string();
            }
            if line.contains("data-front=") {
                let attr = |key: &str| {
                    line.split(&format!("{key}=\""))
                        .nth(1)
                        .and_then(|r| r.split('"').next())
                        .unwrap_or("")
                        .to_string()
                };
                out.push((
                    week.clone(),
                    attr("data-front"),
                    attr("data-count").parse().unwrap(),
                ));
            }
        }
        out
    }

    #[test]
    fn stacks_count_each_event_once_in_its_monday_week() {
        let fronts = fronts();
        let events = [
            event("LBY1", "2019-04-04", "airport-road", 13.15, 32.8),
            event("LBY2", "2019-04-07", "airport-road", 13.15, 32.8),
            event("LBY3", "2019-04-08", "airport-road", 13.15, 32.8),
            event("LBY4", "2019-04-05", "ain-zara", 13.25, 32.8),
            // A month-precise event counts in the week of its first day.
            event("LBY5", "2019-05-01/2019-05-31", UNASSIGNED, 20.0, 30.0),
        ];
        let refs: Vec<&Event> = events.iter().collect();
        let out = render(&refs, &fronts, &options());
        let want = [
            ("2019-04-01", "airport-road", 2),
            ("2019-04-01", "ain-zara", 1),
            ("2019-04-08", "airport-road", 1),
            ("2019-04-29", UNASSIGNED, 1),
        ];
        let want: Vec<(String, String, usize)> = want
            .iter()
            .map(|(w, f, n)| (w.to_string(), f.to_string(), *n))
            .collect();
        assert_eq!(segments(&out), want);
        assert!(out.contains("data-week=\"2019-04-01\" data-total=\"3\""));
    }

    #[test]
    fn legend_lists_fronts_with_events_in_front_order_with_counts() {
        let fronts = fronts();
        let events = [
            event("LBY1", "2019-04-04", "ain-zara", 13.25, 32.8),
            event("LBY2", "2019-04-05", "airport-road", 13.15, 32.8),
            event("LBY3", "2019-04-06", "airport-road", 13.15, 32.8),
        ];
        let refs: Vec<&Event> = events.iter().collect();
        let out = render(&refs, &fronts, &options());
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
    fn an_empty_selection_is_a_valid_chart_with_a_note() {
        let out = render(&[], &fronts(), &options());
        assert!(out.starts_with("<?xml") && out.ends_with("</svg>\n"));
        assert!(out.contains("No events in this selection"));
        assert!(out.contains("Events: test."));
        assert!(!out.contains("data-front"));
    }

    #[test]
    fn same_input_gives_identical_bytes_in_any_order() {
        let fronts = fronts();
        let events = [
            event("LBY1", "2019-04-04", "ain-zara", 13.25, 32.8),
            event("LBY2", "2019-06-05", "airport-road", 13.15, 32.8),
            event("LBY3", "2020-01-06", UNASSIGNED, 16.6, 31.2),
        ];
        let forward: Vec<&Event> = events.iter().collect();
        let backward: Vec<&Event> = events.iter().rev().collect();
        let a = render(&forward, &fronts, &options());
        assert_eq!(a, render(&forward, &fronts, &options()));
        assert_eq!(a, render(&backward, &fronts, &options()));
    }

    #[test]
    fn a_title_option_replaces_the_english_title() {
        let events = [event("LBY1", "2019-04-04", "ain-zara", 13.25, 32.8)];
        let refs: Vec<&Event> = events.iter().collect();
        let options = ChartOptions {
            title: Some("Ain Zara in April".to_string()),
            ..options()
        };
        let out = render(&refs, &fronts(), &options);
        assert!(out.contains("<title>Ain Zara in April</title>"));
        assert!(out.contains(TITLE_AR));
    }
}
