//! `charts/timeline.svg`: one lane per front, a mark per event at its first day (a bar over
//! the days of an event known only to a range), and key events annotated above the lanes
//! with their English and Arabic headlines on staggered rows so no two labels overlap.

use super::svg::{
    self, Align, DateScale, LegendItem, Series, Shape, Svg, Swatch, TextStyle, MARGIN, MUTED, WIDTH,
};
use super::ChartOptions;
use crate::event::Event;
use crate::front::Fronts;

const TITLE: &str = "Timeline of events, by front";
const TITLE_AR: &str = "التسلسل الزمني للأحداث حسب الجبهة";
const LANE_HEIGHT: f64 = 34.0;
const ROW_HEIGHT: f64 = 34.0;
const LINE_HEIGHT: f64 = 15.0;
const MARK_RADIUS: f64 = 5.0;
const LABEL_SIZE: f64 = 12.0;
/// Vertical offsets tried, in order, for a mark that would cover another in its lane.
const DODGE: [f64; 3] = [0.0, -8.0, 8.0];

/// Renders the chart as SVG text.
pub fn render(events: &[&Event], fronts: &Fronts, options: &ChartOptions) -> String {
    let title = options.title.as_deref().unwrap_or(TITLE);
    let mut doc = Svg::new(WIDTH);
    let lanes = svg::series(events, fronts);
    let Some((first, last)) = svg::date_range(events) else {
        let top = svg::heading(
            &mut doc,
            title,
            TITLE_AR,
            "No events to place on the timeline.",
        );
        svg::no_events(&mut doc, WIDTH / 2.0, top + 90.0);
        let bottom = top + 170.0;
        svg::credit(&mut doc, &options.credit, bottom);
        return doc.finish(bottom + svg::credit_height(&options.credit), title);
    };
    let mut keys: Vec<(usize, &Event)> = lanes
        .iter()
        .enumerate()
        .flat_map(|(lane, s)| s.events.iter().filter(|e| e.key).map(move |e| (lane, *e)))
        .collect();
    keys.sort_by(|a, b| {
        a.1.date
            .start
            .cmp(&b.1.date.start)
            .then_with(|| a.1.event_id_cnty.cmp(&b.1.event_id_cnty))
    });
    let detail = format!(
        "{} events, {} to {}; {} key events annotated. Marks sit at each event's first day; bars span events dated only to a range.",
        events.len(),
        svg::day_label(first),
        svg::day_label(last),
        keys.len()
    );
    let top = svg::heading(&mut doc, title, TITLE_AR, &detail) + 8.0;

    let label_column = lanes
        .iter()
        .map(|s| lane_name(s).1.max(svg::text_width(&s.name_ar, 12.0, false)))
        .fold(100.0, f64::max)
        .min(300.0)
        + 20.0;
    let (left, right) = (MARGIN + label_column, WIDTH - MARGIN);
    let scale = DateScale::covering(first, last, left, right);
    let centre_of = |event: &Event| scale.x(event.date.start) + scale.day_width() / 2.0;

    let annotations = place_annotations(&keys, &centre_of, MARGIN, right);
    let rows = annotations
        .iter()
        .map(|a| a.row + a.height)
        .max()
        .unwrap_or(0);
    let lanes_top = top + ROW_HEIGHT * rows as f64 + if rows > 0 { 14.0 } else { 0.0 };
    let lanes_bottom = lanes_top + LANE_HEIGHT * lanes.len() as f64;
    let lane_mid = |lane: usize| lanes_top + LANE_HEIGHT * (lane as f64 + 0.5);

    doc.open("g", &[("class", "lanes")]);
    for (i, lane) in lanes.iter().enumerate() {
        let y = lanes_top + LANE_HEIGHT * i as f64;
        if i % 2 == 0 {
            doc.rect(left, y, right - left, LANE_HEIGHT, "#f6f6f4");
        }
        doc.rect(left - 6.0, y + 3.0, 4.0, LANE_HEIGHT - 6.0, &lane.color);
        let (english, _) = lane_name(lane);
        doc.text(
            left - 12.0,
            y + 15.0,
            &english,
            TextStyle::new(12.0).bold().align(Align::Right),
        );
        doc.text(
            left - 12.0,
            y + 29.0,
            &lane.name_ar,
            TextStyle::new(12.0)
                .arabic()
                .align(Align::Right)
                .fill(MUTED),
        );
    }
    doc.close("g");
    svg::date_axis(&mut doc, &scale, lanes_bottom, Some(lanes_top));

    // Marks are placed first so key-event leaders can end on them.
    let mut placed: Vec<(&str, f64, f64)> = Vec::new();
    doc.open("g", &[("class", "events")]);
    for (i, lane) in lanes.iter().enumerate() {
        let mut taken: Vec<(f64, f64)> = Vec::new();
        for event in &lane.events {
            let x = centre_of(event);
            let offset = dodge(&taken, x);
            taken.push((x, offset));
            let y = lane_mid(i) + offset;
            placed.push((event.event_id_cnty.as_str(), x, y));
            draw_event(&mut doc, event, lane, &scale, x, y);
        }
    }
    doc.close("g");

    doc.open("g", &[("class", "annotations")]);
    for a in &annotations {
        let Some(&(_, x, y)) = placed
            .iter()
            .find(|(id, _, _)| *id == a.event.event_id_cnty)
        else {
            continue;
        };
        let row_top = top + ROW_HEIGHT * a.row as f64;
        doc.leaf(
            "line",
            &[
                ("x1", &svg::num(x)),
                ("y1", &svg::num(row_top + 4.0)),
                ("x2", &svg::num(x)),
                ("y2", &svg::num(y - MARK_RADIUS - 3.0)),
                ("stroke", "#444444"),
                ("stroke-width", "0.8"),
                ("stroke-dasharray", "2 2"),
            ],
        );
        let (text_x, align) = if a.flipped {
            (x - 5.0, Align::Right)
        } else {
            (x + 5.0, Align::Left)
        };
        doc.open(
            "g",
            &[
                ("class", "key-event"),
                ("data-event", &a.event.event_id_cnty),
                ("data-row", &a.row.to_string()),
                ("data-rows", &a.height.to_string()),
            ],
        );
        let mut baseline = row_top + 13.0;
        for line in &a.english {
            doc.text(
                text_x,
                baseline,
                line,
                TextStyle::new(LABEL_SIZE).bold().align(align),
            );
            baseline += LINE_HEIGHT;
        }
        for line in &a.arabic {
            doc.text(
                text_x,
                baseline + 1.0,
                line,
                TextStyle::new(LABEL_SIZE).arabic().align(align),
            );
            baseline += LINE_HEIGHT;
        }
        doc.close("g");
    }
    doc.close("g");

    let legend_top = lanes_bottom + svg::DATE_AXIS_HEIGHT + 12.0;
    let items = legend_items(events);
    let legend_width = WIDTH - 2.0 * MARGIN;
    svg::legend(&mut doc, &items, MARGIN, legend_top, legend_width);
    let credit_top = legend_top + svg::legend_height(&items, legend_width) + 12.0;
    svg::credit(&mut doc, &options.credit, credit_top);
    doc.finish(credit_top + svg::credit_height(&options.credit), title)
}

/// The first offset in [`DODGE`] where a mark at `x` covers no other, else the one with
/// the most room.
fn dodge(taken: &[(f64, f64)], x: f64) -> f64 {
    let room = |dy: f64| {
        taken
            .iter()
            .filter(|(_, ty)| *ty == dy)
            .map(|(tx, _)| (tx - x).abs())
            .fold(f64::INFINITY, f64::min)
    };
    let mut best = (DODGE[0], room(DODGE[0]));
    for dy in DODGE {
        let r = room(dy);
        if r >= 2.0 * MARK_RADIUS + 1.0 {
            return dy;
        }
        if r > best.1 {
            best = (dy, r);
        }
    }
    best.0
}

/// A lane's English label with its count, and that label's width.
fn lane_name(lane: &Series) -> (String, f64) {
    let text = format!("{} ({})", lane.name, lane.events.len());
    let width = svg::text_width(&text, 12.0, true);
    (text, width)
}

fn draw_event(doc: &mut Svg, event: &Event, lane: &Series, scale: &DateScale, x: f64, y: f64) {
    let tip = format!(
        "{} {}: {} ({}, {})",
        event.event_id_cnty,
        event.date,
        event.label(),
        event.location,
        event.sub_event_type
    );
    doc.open(
        "g",
        &[
            ("data-event", &event.event_id_cnty),
            ("data-front", &lane.id),
        ],
    );
    doc.title(&tip);
    if event.date.end > event.date.start {
        let x0 = scale.x(event.date.start);
        let x1 = scale.x(event.date.end) + scale.day_width();
        doc.leaf(
            "rect",
            &[
                ("x", &svg::num(x0)),
                ("y", &svg::num(y - 3.0)),
                ("width", &svg::num((x1 - x0).max(2.0))),
                ("height", "6"),
                ("rx", "3"),
                ("fill", &lane.color),
                ("fill-opacity", "0.45"),
            ],
        );
    }
    let shape = Shape::for_event_type(event.event_type);
    svg::mark(
        doc,
        shape,
        x,
        y,
        MARK_RADIUS,
        &[
            ("fill", &lane.color),
            ("stroke", "#ffffff"),
            ("stroke-width", "0.8"),
        ],
    );
    if event.key {
        doc.leaf(
            "circle",
            &[
                ("cx", &svg::num(x)),
                ("cy", &svg::num(y)),
                ("r", &svg::num(MARK_RADIUS + 3.0)),
                ("fill", "none"),
                ("stroke", "#111111"),
                ("stroke-width", "1.5"),
            ],
        );
    }
    doc.close("g");
}

fn legend_items(events: &[&Event]) -> Vec<LegendItem> {
    let mut shapes: Vec<Shape> = events
        .iter()
        .map(|e| Shape::for_event_type(e.event_type))
        .collect();
    shapes.sort_unstable();
    shapes.dedup();
    let mut items: Vec<LegendItem> = shapes
        .into_iter()
        .map(|shape| LegendItem {
            color: MUTED.to_string(),
            swatch: Swatch::Mark(shape),
            name: shape.label().to_string(),
            name_ar: shape.label_ar().to_string(),
            count: Some(
                events
                    .iter()
                    .filter(|e| Shape::for_event_type(e.event_type) == shape)
                    .count(),
            ),
        })
        .collect();
    if events.iter().any(|e| e.date.end > e.date.start) {
        items.push(LegendItem {
            color: MUTED.to_string(),
            swatch: Swatch::Bar,
            name: "Dated to a range of days".to_string(),
            name_ar: "تاريخ تقريبي ضمن فترة".to_string(),
            count: None,
        });
    }
    if events.iter().any(|e| e.key) {
        items.push(LegendItem {
            color: "#111111".to_string(),
            swatch: Swatch::Ring,
            name: "Key event (ringed)".to_string(),
            name_ar: "حدث مفصلي".to_string(),
            count: None,
        });
    }
    items
}

/// A key event's label and the rows above the lanes it takes (0 the highest).
#[derive(Clone, Debug)]
struct Annotation<'a> {
    event: &'a Event,
    /// English lines: the date and headline, on one line or two.
    english: Vec<String>,
    /// Arabic lines, as many as the English ones or none.
    arabic: Vec<String>,
    /// First row.
    row: usize,
    /// Rows taken: one, or two for a wrapped label.
    height: usize,
    /// The label ends at its leader instead of starting there.
    flipped: bool,
    /// Left and right of the label in px.
    span: (f64, f64),
    /// x of the leader line, which runs from the label down to the event's mark.
    leader: f64,
}

impl Annotation<'_> {
    fn last_row(&self) -> usize {
        self.row + self.height - 1
    }

    /// Whether this label can sit where it is among labels already placed: no two labels
    /// share a row and overlap, no leader crosses a label on its way down.
    fn fits(&self, placed: &[Annotation]) -> bool {
        let covers = |s: (f64, f64), at: f64| at > s.0 - 1.5 && at < s.1 + 1.5;
        placed.iter().all(|other| {
            if other.last_row() < self.row {
                !covers(self.span, other.leader) || other.leader == self.leader
            } else if other.row > self.last_row() {
                !covers(other.span, self.leader) || other.leader == self.leader
            } else {
                self.span.1 + LABEL_GAP <= other.span.0 || self.span.0 >= other.span.1 + LABEL_GAP
            }
        })
    }
}

/// Gap in px kept between labels on a row, and between a leader and a label.
const LABEL_GAP: f64 = 10.0;

/// Splits a line in two at the space that best balances their widths.
fn split_line(text: &str, bold: bool) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').collect();
    (1..words.len())
        .map(|i| vec![words[..i].join(" "), words[i..].join(" ")])
        .min_by(|a, b| {
            let widest = |l: &Vec<String>| {
                l.iter()
                    .map(|s| svg::text_width(s, LABEL_SIZE, bold))
                    .fold(0.0, f64::max)
            };
            widest(a).total_cmp(&widest(b))
        })
        .unwrap_or_else(|| vec![text.to_string()])
}

/// Puts key-event labels on rows above the lanes in date order, each where its bottom row
/// is highest: labels start or end at their leader, on one row or wrapped over two, and
/// no label overlaps another or is crossed by a leader (see [`Annotation::fits`]).
fn place_annotations<'a>(
    keys: &[(usize, &'a Event)],
    centre_of: &dyn Fn(&Event) -> f64,
    min_x: f64,
    max_x: f64,
) -> Vec<Annotation<'a>> {
    let mut placed: Vec<Annotation> = Vec::new();
    for (_, event) in keys {
        let x = centre_of(event);
        let english = format!("{} · {}", svg::day_label(event.date.start), event.label());
        let arabic = event.headline_ar.trim();
        let mut options: Vec<Annotation> = Vec::new();
        for wrapped in [false, true] {
            let english = if wrapped {
                split_line(&english, true)
            } else {
                vec![english.clone()]
            };
            let arabic = match (arabic.is_empty(), wrapped) {
                (true, _) => Vec::new(),
                (false, false) => vec![arabic.to_string()],
                (false, true) => split_line(arabic, false),
            };
            let width = english
                .iter()
                .map(|l| svg::text_width(l, LABEL_SIZE, true))
                .chain(arabic.iter().map(|l| svg::text_width(l, LABEL_SIZE, false)))
                .fold(0.0, f64::max);
            let lines = english.len() + arabic.len();
            let height = (lines as f64 * LINE_HEIGHT / ROW_HEIGHT).ceil().max(1.0) as usize;
            for flipped in [false, true] {
                let span = if flipped {
                    (x - 5.0 - width, x)
                } else {
                    (x, x + 5.0 + width)
                };
                if span.0 < min_x || span.1 > max_x {
                    continue;
                }
                options.push(Annotation {
                    event,
                    english: english.clone(),
                    arabic: arabic.clone(),
                    row: 0,
                    height,
                    flipped,
                    span,
                    leader: x,
                });
            }
        }
        if options.is_empty() {
            // Wider than the chart: start at the leader and let the page clip it.
            let english = vec![english.clone()];
            let arabic = if arabic.is_empty() {
                Vec::new()
            } else {
                vec![arabic.to_string()]
            };
            options.push(Annotation {
                event,
                english,
                arabic,
                row: 0,
                height: 1,
                flipped: false,
                span: (x, max_x),
                leader: x,
            });
        }
        let deepest = placed.iter().map(|a| a.last_row() + 1).max().unwrap_or(0);
        let best = options
            .into_iter()
            .filter_map(|mut option| {
                option.row = (0..=deepest).find(|r| {
                    option.row = *r;
                    option.fits(&placed)
                })?;
                Some(option)
            })
            .min_by_key(|a| (a.last_row(), a.height, a.flipped));
        let chosen = match best {
            Some(a) => a,
            None => {
                // Nothing fits without a crossing: the bottom row keeps labels apart at least.
                let english = vec![english.clone()];
                let arabic = if arabic.is_empty() {
                    Vec::new()
                } else {
                    vec![arabic.to_string()]
                };
                let width = svg::text_width(&english[0], LABEL_SIZE, true);
                let flipped = x + 5.0 + width > max_x;
                let span = if flipped {
                    (x - 5.0 - width, x)
                } else {
                    (x, x + 5.0 + width)
                };
                Annotation {
                    event,
                    english,
                    arabic,
                    row: deepest,
                    height: 1,
                    flipped,
                    span,
                    leader: x,
                }
            }
        };
        placed.push(chosen);
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::svg::tests::{event, fronts, key_event};
    use crate::event::UNASSIGNED;

    fn options() -> ChartOptions {
        ChartOptions {
            title: None,
            credit: "Events: test.".to_string(),
        }
    }

    /// The three key events of early April 2019 and two more, as the data has them.
    fn april_2019() -> Vec<Event> {
        vec![
            key_event(
                "LBY0001",
                "2019-04-04",
                "airport-road",
                "LNA offensive on Tripoli begins",
                "بدء هجوم قوات حفتر على طرابلس",
            ),
            key_event(
                "LBY0002",
                "2019-04-07",
                UNASSIGNED,
                "AFRICOM withdraws US forces",
                "أفريكوم تسحب القوات الأميركية",
            ),
            key_event(
                "LBY0003",
                "2019-05-01",
                UNASSIGNED,
                "US forces back in Tripoli",
                "عودة القوات الأميركية إلى طرابلس",
            ),
            event("LBY0100", "2019-04-05", "airport-road", 13.15, 32.8),
            event("LBY0101", "2019-08-09/2019-08-10", "ain-zara", 13.25, 32.8),
            key_event(
                "LBY0285",
                "2020-10-23",
                UNASSIGNED,
                "Permanent ceasefire signed in Geneva",
                "توقيع وقف دائم لإطلاق النار في جنيف",
            ),
        ]
    }

    /// (row, left, right) of each annotation as rendered, from the label geometry.
    fn label_boxes(out: &str) -> Vec<(String, usize, f64, f64)> {
        let mut boxes = Vec::new();
        let lines: Vec<&str> = out.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !line.contains("class=\"key-event\"") {
                continue;
            }
            let attr = |l: &str, key: &str| {
                l.split(&format!(" {key}=\""))
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .unwrap_or("")
                    .to_string()
            };
            let id = attr(line, "data-event");
            let row: usize = attr(line, "data-row").parse().unwrap();
            let text = lines[i + 1];
            let x: f64 = attr(text, "x").parse().unwrap();
            let content = text.split('>').nth(1).unwrap().split('<').next().unwrap();
            let width = svg::text_width(content, LABEL_SIZE, true);
            let (a, b) = if text.contains("text-anchor=\"end\"") {
                (x - width, x)
            } else {
                (x, x + width)
            };
            boxes.push((id, row, a, b));
        }
        boxes
    }

    #[test]
    fn close_key_events_get_labels_that_do_not_collide() {
        let events = april_2019();
        let refs: Vec<&Event> = events.iter().collect();
        let out = render(&refs, &fronts(), &options());
        let boxes = label_boxes(&out);
        assert_eq!(boxes.len(), 4);
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap = a.1 == b.1 && a.2 < b.3 && b.2 < a.3;
                assert!(!overlap, "{} and {} overlap on row {}", a.0, b.0, a.1);
            }
        }
        let row = |id: &str| boxes.iter().find(|b| b.0 == id).unwrap().1;
        assert_ne!(
            row("LBY0001"),
            row("LBY0002"),
            "4 and 7 April sit three days apart"
        );
        assert!(out.contains("4 Apr 2019 · LNA offensive on Tripoli begins"));
        assert!(out.contains("7 Apr 2019 · AFRICOM withdraws US forces"));
        assert!(out.contains("1 May 2019 · US forces back in Tripoli"));
    }

    #[test]
    fn arabic_headlines_run_right_to_left_and_are_escaped() {
        let events = [key_event(
            "LBY9",
            "2019-04-04",
            "ain-zara",
            "Strike & counter-strike",
            "ضربة \"مضادة\" <طرابلس>",
        )];
        let refs: Vec<&Event> = events.iter().collect();
        let out = render(&refs, &fronts(), &options());
        let line = out
            .lines()
            .find(|l| l.contains("ضربة"))
            .expect("arabic headline");
        assert!(line.contains("&quot;مضادة&quot; &lt;طرابلس&gt;"));
        assert!(line.contains("direction=\"rtl\"") && line.contains("xml:lang=\"ar\""));
        assert!(out.contains("Strike &amp; counter-strike"));
    }

    #[test]
    fn lanes_follow_front_order_with_unassigned_last() {
        let events = april_2019();
        let refs: Vec<&Event> = events.iter().collect();
        let out = render(&refs, &fronts(), &options());
        let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s} missing"));
        assert!(at(">Airport Road (2)<") < at(">Ain Zara (1)<"));
        assert!(at(">Ain Zara (1)<") < at(">Outside the front areas (3)<"));
        assert!(out.contains(">طريق المطار<") && out.contains(">عين زارة<"));
        assert!(!out.contains("Sirte and Jufra"));
    }

    #[test]
    fn intervals_are_bars_and_days_are_marks() {
        let events = april_2019();
        let refs: Vec<&Event> = events.iter().collect();
        let out = render(&refs, &fronts(), &options());
        let group = |id: &str| {
            let from = out
                .find(&format!("data-event=\"{id}\" data-front"))
                .unwrap();
            out[from..from + out[from..].find("</g>").unwrap()].to_string()
        };
        let marks =
            &out[out.find("class=\"events\"").unwrap()..out.find("class=\"annotations\"").unwrap()];
        assert!(
            group("LBY0101").contains("<rect"),
            "a two-day event is a bar"
        );
        assert!(
            !group("LBY0100").contains("<rect"),
            "a one-day event is a mark only"
        );
        assert_eq!(
            marks.matches("stroke=\"#111111\"").count(),
            4,
            "every key event is ringed"
        );
    }

    #[test]
    fn empty_selection_and_repeat_runs() {
        let out = render(&[], &fronts(), &options());
        assert!(out.contains("No events in this selection") && out.ends_with("</svg>\n"));
        let events = april_2019();
        let forward: Vec<&Event> = events.iter().collect();
        let backward: Vec<&Event> = events.iter().rev().collect();
        assert_eq!(
            render(&forward, &fronts(), &options()),
            render(&backward, &fronts(), &options())
        );
    }

    #[test]
    fn no_leader_crosses_a_label_in_a_crowded_month() {
        let events: Vec<Event> = (1..=20)
            .map(|d| {
                key_event(
                    &format!("LBY{d:02}"),
                    &format!("2019-04-{d:02}"),
                    "ain-zara",
                    &format!("Key event number {d} with a long headline"),
                    "حدث مفصلي في طرابلس",
                )
            })
            .collect();
        let keys: Vec<(usize, &Event)> = events.iter().map(|e| (0, e)).collect();
        let start = chrono::NaiveDate::from_ymd_opt(2019, 4, 1).unwrap();
        let centre = |e: &Event| 200.0 + 30.0 * (e.date.start - start).num_days() as f64;
        let placed = place_annotations(&keys, &centre, 40.0, 1160.0);
        for a in &placed {
            assert!(
                a.span.0 >= 40.0 && a.span.1 <= 1160.0,
                "{} inside the chart",
                a.event.event_id_cnty
            );
            for b in &placed {
                if std::ptr::eq(a, b) {
                    continue;
                }
                let rows_meet = a.row <= b.last_row() && b.row <= a.last_row();
                if rows_meet {
                    assert!(
                        a.span.1 <= b.span.0 || b.span.1 <= a.span.0,
                        "{} and {} overlap",
                        a.event.event_id_cnty,
                        b.event.event_id_cnty
                    );
                } else if a.last_row() < b.row {
                    // a's leader runs down through b's rows.
                    assert!(
                        !(a.leader > b.span.0 && a.leader < b.span.1),
                        "{}'s leader crosses {}",
                        a.event.event_id_cnty,
                        b.event.event_id_cnty
                    );
                }
            }
        }
    }
}
