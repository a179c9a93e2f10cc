//! `charts/timeline.svg`: one lane per front, a mark per event at its first day (a bar over
//! the days of an event known only to a range), and key events annotated above the lanes
//! with their English and Arabic headlines on staggered rows so no two labels overlap.
//!
//! Plotters draws the date axis and month gridlines over the lanes, and each lane is a
//! drawing area of its own with a coordinate of days by px from the lane's middle, where
//! the lane's events are a series of marks. Placing the key-event labels so none collides
//! with another is frontline's (see [`place_annotations`]).

use super::date_axis::{self, DateScale, DATE_AXIS_HEIGHT};
use super::fonts::text_width;
use super::frame::{self, MARGIN, WIDTH};
use super::legend::claim_legend;
use super::legend::{self, LegendItem, Swatch};
use super::mark::{claim_attributes, claim_style, mark, Shape};
use super::page::{self, Canvas, Drawn};
use super::palette::{rgb, GRID, MUTED};
use super::series::{self, Series};
use super::text::{text, Align, TextStyle};
use super::ChartOptions;
use crate::event::Event;
use crate::front::Fronts;
use chrono::Duration;
use plotters::chart::{ChartBuilder, LabelAreaPosition};
use plotters::element::{Circle, EmptyElement, PathElement, Rectangle};
use plotters::style::{Color, ShapeStyle};

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
    let lanes = series::series(events, fronts);
    let Some((first, last)) = series::date_range(events) else {
        return frame::empty_chart(
            title,
            TITLE_AR,
            "No events to place on the timeline.",
            &options.credit,
        );
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
    let top = frame::heading_height(title, TITLE_AR) + 8.0;
    let label_column = lanes
        .iter()
        .map(|s| lane_name(s).1.max(text_width(&s.name_ar, 12.0, false)))
        .fold(100.0, f64::max)
        .min(300.0)
        + 20.0;
    let (left, right) = ((MARGIN + label_column).round(), WIDTH - MARGIN);
    let scale = DateScale::covering(first, last).fit(right - left);
    // Marks sit in the middle of their day, on the px plotters maps the day to.
    let half_day = ((right - left) / scale.days() as f64 / 2.0).round() as i32;
    let centre_of = |event: &Event| {
        use plotters::coord::ranged1d::Ranged;
        f64::from(scale.map(&event.date.start, (left as i32, right as i32)) + half_day)
    };
    let annotations = place_annotations(&keys, &centre_of, MARGIN, right);
    let rows = annotations
        .iter()
        .map(|a| a.row + a.height)
        .max()
        .unwrap_or(0);
    let lanes_top = top + ROW_HEIGHT * rows as f64 + if rows > 0 { 14.0 } else { 0.0 };
    let lanes_bottom = lanes_top + LANE_HEIGHT * lanes.len() as f64;
    let items = legend_items(events);
    let legend_width = WIDTH - 2.0 * MARGIN;
    let legend_top = lanes_bottom + DATE_AXIS_HEIGHT + 12.0;
    let credit_top = legend_top + legend::legend_height(&items, legend_width) + 12.0;
    let height = credit_top + frame::credit_height(&options.credit);

    let canvas = page::page(WIDTH as u32, height.ceil() as u32);
    let layout = Layout {
        scale,
        left,
        right,
        top,
        lanes_top,
        half_day,
    };
    page::expect_drawn((|| -> Drawn {
        let detail = format!(
            "{} events, {} to {}; {} key events annotated. Marks sit at each event's first day; bars span events dated only to a range.",
            events.len(),
            date_axis::day_label(first),
            date_axis::day_label(last),
            keys.len()
        );
        frame::heading(&canvas, title, TITLE_AR, &detail)?;
        let placed = layout.draw_lanes(&canvas, &lanes)?;
        layout.draw_annotations(&canvas, &annotations, &placed)?;
        legend::legend(&canvas, &items, MARGIN, legend_top, legend_width)?;
        frame::credit(&canvas, &options.credit, credit_top)
    })());
    canvas.finish(title)
}

/// Where the parts of the timeline go, in px.
struct Layout {
    scale: DateScale,
    left: f64,
    right: f64,
    /// Top of the first row of annotations.
    top: f64,
    lanes_top: f64,
    /// Half a day's width: a mark's offset from the day's start.
    half_day: i32,
}

impl Layout {
    /// Draws the lanes, their names, the date axis and the events; returns where each
    /// event's mark was drawn, by id, in px.
    fn draw_lanes<'e>(
        &self,
        canvas: &Canvas,
        lanes: &[Series<'e>],
    ) -> Result<Vec<(&'e str, i32, i32)>, page::DrawError> {
        let width = self.right - self.left;
        let lanes_height = LANE_HEIGHT * lanes.len() as f64;
        let plot = canvas.area.clone().shrink(
            (self.left as i32, self.lanes_top as i32),
            (width as u32, lanes_height as u32),
        );
        let lane_areas = plot.split_evenly((lanes.len(), 1));
        canvas.markup.open(&[("class", "lanes")]);
        for (i, (lane, area)) in lanes.iter().zip(&lane_areas).enumerate() {
            let y = self.lanes_top + LANE_HEIGHT * i as f64;
            if i % 2 == 0 {
                area.fill(&rgb("#f6f6f4"))?;
            }
            let (bar_x, bar_y) = ((self.left - 6.0) as i32, (y + 3.0) as i32);
            canvas.area.draw(&Rectangle::new(
                [
                    (bar_x, bar_y),
                    (bar_x + 4, bar_y + (LANE_HEIGHT - 6.0) as i32),
                ],
                rgb(&lane.color).filled(),
            ))?;
            let (english, _) = lane_name(lane);
            let name = TextStyle::new(12.0).bold().align(Align::Right);
            text(canvas, self.left - 12.0, y + 15.0, &english, name)?;
            let arabic = TextStyle::new(12.0)
                .arabic()
                .align(Align::Right)
                .fill(MUTED);
            text(canvas, self.left - 12.0, y + 29.0, &lane.name_ar, arabic)?;
        }
        canvas.markup.close();

        // The date axis, with a gridline at each month (or Monday) across the lanes.
        let axis_area = canvas.area.clone().shrink(
            (self.left as i32, self.lanes_top as i32),
            (width as u32, (lanes_height + DATE_AXIS_HEIGHT) as u32),
        );
        let mut axis = ChartBuilder::on(&axis_area)
            .x_label_area_size(DATE_AXIS_HEIGHT as u32)
            .build_cartesian_2d(self.scale, 0.0..1.0)?;
        canvas.markup.open(&[("class", "date-axis")]);
        axis.configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .bold_line_style(rgb(GRID).stroke_width(1))
            .light_line_style(plotters::style::TRANSPARENT)
            .axis_style(rgb(MUTED).stroke_width(1))
            .set_tick_mark_size(LabelAreaPosition::Bottom, 5)
            .label_style(TextStyle::new(12.0).fill(MUTED).plotters())
            .x_label_offset(self.scale.label_offset(width))
            .draw()?;
        let x_of = |day| axis.backend_coord(&(day, 0.0)).0;
        let offset = self.scale.label_offset(width);
        date_axis::year_labels(
            canvas,
            &self.scale,
            &x_of,
            offset,
            self.lanes_top + lanes_height,
        )?;
        canvas.markup.close();

        // Each lane's events on the lane's own coordinate: days by px up from its middle.
        let mut placed = Vec::new();
        canvas.markup.open(&[
            ("class", "events"),
            ("stroke", "#ffffff"),
            ("stroke-width", "0.8"),
        ]);
        let half = LANE_HEIGHT / 2.0;
        for (lane, area) in lanes.iter().zip(&lane_areas) {
            let mut chart = ChartBuilder::on(area).build_cartesian_2d(self.scale, -half..half)?;
            let mut taken: Vec<(f64, f64)> = Vec::new();
            for event in &lane.events {
                let x = f64::from(chart.backend_coord(&(event.date.start, 0.0)).0 + self.half_day);
                let offset = dodge(&taken, x);
                taken.push((x, offset));
                let at = (event.date.start, -offset);
                let (px, py) = chart.backend_coord(&at);
                placed.push((event.event_id_cnty.as_str(), px + self.half_day, py));
                let tip = format!(
                    "{} {}: {} ({}, {})",
                    event.event_id_cnty,
                    event.date,
                    event.label(),
                    event.location,
                    event.sub_event_type
                );
                let mut attributes = vec![
                    ("data-event", event.event_id_cnty.as_str()),
                    ("data-front", lane.id.as_str()),
                ];
                attributes.extend(claim_attributes(event.claim.status));
                canvas.markup.open_titled(&attributes, &tip);
                let color = rgb(&lane.color);
                if event.date.end > event.date.start {
                    let end = event.date.end + Duration::days(1);
                    chart.draw_series([Rectangle::new(
                        [(event.date.start, -offset + 3.0), (end, -offset - 3.0)],
                        color.mix(0.45).filled(),
                    )])?;
                }
                let shape = Shape::for_event_type(event.event_type);
                chart.draw_series([mark(
                    shape,
                    at,
                    (self.half_day, 0),
                    MARK_RADIUS,
                    claim_style(color, event.claim.status),
                )])?;
                if event.key {
                    chart.draw_series([EmptyElement::at(at)
                        + Circle::new(
                            (self.half_day, 0),
                            (MARK_RADIUS + 3.0) as u32,
                            ShapeStyle::from(rgb("#111111")).stroke_width(2),
                        )])?;
                }
                canvas.markup.close();
            }
        }
        canvas.markup.close();
        Ok(placed)
    }

    /// Draws each key event's label on its rows above the lanes, with a dashed leader down
    /// to its mark.
    fn draw_annotations(
        &self,
        canvas: &Canvas,
        annotations: &[Annotation],
        placed: &[(&str, i32, i32)],
    ) -> Drawn {
        canvas.markup.open(&[("class", "annotations")]);
        for a in annotations {
            let Some(&(_, x, y)) = placed
                .iter()
                .find(|(id, _, _)| *id == a.event.event_id_cnty)
            else {
                continue;
            };
            let row_top = self.top + ROW_HEIGHT * a.row as f64;
            canvas.markup.open(&[
                ("class", "key-event"),
                ("data-event", &a.event.event_id_cnty),
                ("data-row", &a.row.to_string()),
                ("data-rows", &a.height.to_string()),
            ]);
            canvas.markup.open(&[("stroke-dasharray", "2 2")]);
            canvas.area.draw(&PathElement::new(
                vec![
                    (x, (row_top + 4.0) as i32),
                    (x, y - (MARK_RADIUS + 3.0) as i32),
                ],
                rgb("#444444").stroke_width(1),
            ))?;
            canvas.markup.close();
            let x = f64::from(x);
            let (text_x, align) = if a.flipped {
                (x - 5.0, Align::Right)
            } else {
                (x + 5.0, Align::Left)
            };
            let mut baseline = row_top + 13.0;
            for line in &a.english {
                text(
                    canvas,
                    text_x,
                    baseline,
                    line,
                    TextStyle::new(LABEL_SIZE).bold().align(align),
                )?;
                baseline += LINE_HEIGHT;
            }
            for line in &a.arabic {
                text(
                    canvas,
                    text_x,
                    baseline + 1.0,
                    line,
                    TextStyle::new(LABEL_SIZE).arabic().align(align),
                )?;
                baseline += LINE_HEIGHT;
            }
            canvas.markup.close();
        }
        canvas.markup.close();
        Ok(())
    }
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
    let width = text_width(&text, 12.0, true);
    (text, width)
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
    items.extend(claim_legend(events.iter().map(|e| e.claim.status), MUTED));
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
                    .map(|s| text_width(s, LABEL_SIZE, bold))
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
        let english = format!(
            "{} · {}",
            date_axis::day_label(event.date.start),
            event.label()
        );
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
                .map(|l| text_width(l, LABEL_SIZE, true))
                .chain(arabic.iter().map(|l| text_width(l, LABEL_SIZE, false)))
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
                let width = text_width(&english[0], LABEL_SIZE, true);
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
    use crate::chart::fixtures::{event, fronts, is_rtl, key_event, text_at, texts};
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
        let attr = |l: &str, key: &str| {
            l.split(&format!(" {key}=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("")
                .to_string()
        };
        let all = texts(out);
        out.match_indices("<g class=\"key-event\"")
            .map(|(at, _)| {
                let line = out[at..].lines().next().unwrap();
                let id = attr(line, "data-event");
                let row: usize = attr(line, "data-row").parse().unwrap();
                let (_, tag, content) = all.iter().find(|(t, _, _)| *t > at).unwrap();
                let x: f64 = attr(tag, "x").parse().unwrap();
                let width = text_width(content, LABEL_SIZE, true);
                let (a, b) = if tag.contains("text-anchor=\"end\"") {
                    (x - width, x)
                } else {
                    (x, x + width)
                };
                (id, row, a, b)
            })
            .collect()
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
        let (at, _, content) = texts(&out)
            .into_iter()
            .find(|(_, _, c)| c.contains("ضربة"))
            .expect("arabic headline");
        assert!(content.contains("&quot;مضادة&quot; &lt;طرابلس&gt;"));
        assert!(
            is_rtl(&out, at),
            "the headline sits in a right-to-left group"
        );
        assert!(out.contains("Strike &amp; counter-strike"));
    }

    #[test]
    fn lanes_follow_front_order_with_unassigned_last() {
        let events = april_2019();
        let refs: Vec<&Event> = events.iter().collect();
        let out = render(&refs, &fronts(), &options());
        let at = |s: &str| text_at(&out, s).unwrap_or_else(|| panic!("{s} missing"));
        assert!(at("Airport Road (2)") < at("Ain Zara (1)"));
        assert!(at("Ain Zara (1)") < at("Outside the front areas (3)"));
        assert!(is_rtl(&out, at("طريق المطار")) && is_rtl(&out, at("عين زارة")));
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
