//! A small SVG writer shared by the charts: elements with escaped text, numbers with fixed
//! decimals so the same input gives byte-identical files, a date axis with month ticks, a
//! legend, and the heading and credit every chart carries.
//!
//! Arabic text is written with `xml:lang="ar"` and `direction="rtl"` (SVG 1.1 §10.7.4); its
//! `text-anchor` is chosen from where the text should sit on the page, so `start` of a
//! right-to-left run is its right edge, as the spec says.

use crate::event::{Event, UNASSIGNED};
use crate::front::Fronts;
use chrono::{Datelike, Duration, Months, NaiveDate};

/// Width of every chart in px: a full page width in a printed report.
pub const WIDTH: f64 = 1200.0;
/// Left and right margin of every chart in px.
pub const MARGIN: f64 = 40.0;
/// Fonts for Latin and Arabic text, in order of preference.
pub const FONT_FAMILY: &str = "Noto Sans, Noto Naskh Arabic, DejaVu Sans, Arial, sans-serif";
/// Text colour.
pub const INK: &str = "#222222";
/// Colour of secondary text and axes.
pub const MUTED: &str = "#5f5f5f";
/// Colour of gridlines.
pub const GRID: &str = "#e2e2e2";
/// Colour of events that no front area holds.
pub const UNASSIGNED_COLOR: &str = "#adadad";
/// English label of events that no front area holds.
pub const UNASSIGNED_NAME: &str = "Outside the front areas";
/// Arabic label of events that no front area holds.
pub const UNASSIGNED_NAME_AR: &str = "خارج مناطق الجبهات";

/// Escapes text for XML content and attribute values, dropping the control characters XML
/// 1.0 does not allow (§2.2).
///
/// # Examples
/// ```
/// use frontline::chart::svg::escape;
/// assert_eq!(escape("Tom & \"Jerry\" <3"), "Tom &amp; &quot;Jerry&quot; &lt;3");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate or length with at most two decimals, trailing zeros dropped and no `-0`, so
/// output does not depend on float printing quirks.
///
/// # Examples
/// ```
/// use frontline::chart::svg::num;
/// assert_eq!(num(12.0), "12");
/// assert_eq!(num(3.14159), "3.14");
/// assert_eq!(num(-0.001), "0");
/// ```
pub fn num(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let mut text = format!("{value:.2}");
    if text.contains('.') {
        while text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    if text == "-0" {
        text = "0".to_string();
    }
    text
}

/// Rough width in px of a line of text, for laying out labels before a browser measures
/// them; errs on the wide side.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            // Arabic harakat and tatweel-like marks take no advance of their own.
            '\u{064B}'..='\u{065F}' | '\u{0670}' => 0.0,
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => 0.52,
            ' ' => 0.28,
            'i' | 'l' | 'j' | '.' | ',' | '\'' | ':' | ';' | '|' | '!' => 0.3,
            'f' | 't' | 'r' | '(' | ')' | '-' | '/' => 0.38,
            'm' | 'w' | 'M' | 'W' => 0.86,
            c if c.is_ascii_uppercase() => 0.68,
            c if c.is_ascii_digit() => 0.57,
            _ => 0.56,
        })
        .sum();
    em * size * if bold { 1.07 } else { 1.0 }
}

/// Where a line of text sits relative to its `x`, on the page whatever its script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// The text begins at `x` and runs right.
    Left,
    /// The text is centred on `x`.
    Center,
    /// The text ends at `x`.
    Right,
}

/// How a line of text looks.
#[derive(Clone, Copy, Debug)]
pub struct TextStyle<'a> {
    /// Font size in px.
    pub size: f64,
    /// Placement relative to `x`.
    pub align: Align,
    /// Bold weight.
    pub bold: bool,
    /// Fill colour.
    pub fill: &'a str,
    /// Arabic: right to left, `xml:lang="ar"`.
    pub arabic: bool,
    /// A white outline under the glyphs, to keep labels legible over a map.
    pub halo: bool,
}

impl<'a> TextStyle<'a> {
    /// Plain left-aligned text of a size.
    pub fn new(size: f64) -> TextStyle<'a> {
        TextStyle {
            size,
            align: Align::Left,
            bold: false,
            fill: INK,
            arabic: false,
            halo: false,
        }
    }

    /// The same style, bold.
    pub fn bold(self) -> TextStyle<'a> {
        TextStyle { bold: true, ..self }
    }

    /// The same style, placed differently.
    pub fn align(self, align: Align) -> TextStyle<'a> {
        TextStyle { align, ..self }
    }

    /// The same style in another colour.
    pub fn fill(self, fill: &'a str) -> TextStyle<'a> {
        TextStyle { fill, ..self }
    }

    /// The same style for Arabic text.
    pub fn arabic(self) -> TextStyle<'a> {
        TextStyle {
            arabic: true,
            ..self
        }
    }

    /// The same style with a white outline.
    pub fn halo(self) -> TextStyle<'a> {
        TextStyle { halo: true, ..self }
    }
}

/// An SVG document written element by element.
#[derive(Debug)]
pub struct Svg {
    width: f64,
    body: String,
    depth: usize,
}

impl Svg {
    /// An empty document of a width; the height is given when it is finished.
    pub fn new(width: f64) -> Svg {
        Svg {
            width,
            body: String::new(),
            depth: 1,
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.body.push_str("  ");
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.body.push('<');
        self.body.push_str(name);
        for (key, value) in attrs {
            self.body.push(' ');
            self.body.push_str(key);
            self.body.push_str("=\"");
            self.body.push_str(&escape(value));
            self.body.push('"');
        }
    }

    /// Opens an element that will hold others; close it with [`Svg::close`].
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.body.push_str(">\n");
        self.depth += 1;
    }

    /// Closes the element opened last.
    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.body.push_str("</");
        self.body.push_str(name);
        self.body.push_str(">\n");
    }

    /// An element with no content.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.body.push_str("/>\n");
    }

    /// An element with a `<title>` child, which viewers show as a tooltip.
    pub fn titled(&mut self, name: &str, attrs: &[(&str, &str)], title: &str) {
        self.tag(name, attrs);
        self.body.push_str("><title>");
        self.body.push_str(&escape(title));
        self.body.push_str("</title></");
        self.body.push_str(name);
        self.body.push_str(">\n");
    }

    /// A `<title>` for the element opened last, which viewers show as a tooltip.
    pub fn title(&mut self, text: &str) {
        self.indent();
        self.body.push_str("<title>");
        self.body.push_str(&escape(text));
        self.body.push_str("</title>\n");
    }

    /// A line of text at a baseline point.
    pub fn text(&mut self, x: f64, y: f64, content: &str, style: TextStyle) {
        let anchor = match (style.align, style.arabic) {
            (Align::Center, _) => "middle",
            (Align::Left, false) | (Align::Right, true) => "start",
            (Align::Right, false) | (Align::Left, true) => "end",
        };
        let (x, y, size) = (num(x), num(y), num(style.size));
        let mut attrs: Vec<(&str, &str)> = vec![("x", &x), ("y", &y), ("font-size", &size)];
        if anchor != "start" {
            attrs.push(("text-anchor", anchor));
        }
        if style.bold {
            attrs.push(("font-weight", "bold"));
        }
        if style.fill != INK {
            attrs.push(("fill", style.fill));
        }
        if style.arabic {
            attrs.push(("xml:lang", "ar"));
            attrs.push(("direction", "rtl"));
            attrs.push(("unicode-bidi", "embed"));
        }
        if style.halo {
            attrs.push(("stroke", "#ffffff"));
            attrs.push(("stroke-width", "3"));
            attrs.push(("stroke-linejoin", "round"));
            attrs.push(("paint-order", "stroke"));
        }
        self.tag("text", &attrs);
        self.body.push('>');
        self.body.push_str(&escape(content));
        self.body.push_str("</text>\n");
    }

    /// A straight line.
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), stroke: &str, width: f64) {
        self.leaf(
            "line",
            &[
                ("x1", &num(from.0)),
                ("y1", &num(from.1)),
                ("x2", &num(to.0)),
                ("y2", &num(to.1)),
                ("stroke", stroke),
                ("stroke-width", &num(width)),
            ],
        );
    }

    /// A filled rectangle.
    pub fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, fill: &str) {
        self.leaf(
            "rect",
            &[
                ("x", &num(x)),
                ("y", &num(y)),
                ("width", &num(width.max(0.0))),
                ("height", &num(height.max(0.0))),
                ("fill", fill),
            ],
        );
    }

    /// The finished document: XML declaration, root element with its `viewBox`, and body.
    pub fn finish(self, height: f64, title: &str) -> String {
        let (w, h) = (num(self.width), num(height.ceil()));
        let mut out = String::with_capacity(self.body.len() + 512);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\" fill=\"{INK}\" \
             role=\"img\">\n"
        ));
        out.push_str(&format!("  <title>{}</title>\n", escape(title)));
        out.push_str(&format!(
            "  <rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n"
        ));
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

/// Writes a chart's English title, its Arabic title and a line of English detail; returns
/// the y where the chart's body may begin.
pub fn heading(svg: &mut Svg, title: &str, title_ar: &str, detail: &str) -> f64 {
    let right = WIDTH - MARGIN;
    let same_line =
        text_width(title, 22.0, true) + text_width(title_ar, 21.0, true) + 40.0 < right - MARGIN;
    svg.text(MARGIN, 40.0, title, TextStyle::new(22.0).bold());
    let mut y = 40.0;
    if !same_line {
        y += 30.0;
    }
    svg.text(
        right,
        y,
        title_ar,
        TextStyle::new(21.0).bold().arabic().align(Align::Right),
    );
    y += 26.0;
    svg.text(MARGIN, y, detail, TextStyle::new(13.0).fill(MUTED));
    y + 22.0
}

/// The credit split into lines that fit the chart's width.
pub fn credit_lines(credit: &str) -> Vec<String> {
    let room = WIDTH - 2.0 * MARGIN;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in credit.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, 11.0, false) > room {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Height in px the credit takes, including the rule above it.
pub fn credit_height(credit: &str) -> f64 {
    14.0 + 15.0 * credit_lines(credit).len() as f64
}

/// Writes the credit at the bottom of a chart, from `y` down.
pub fn credit(svg: &mut Svg, credit: &str, y: f64) {
    svg.line((MARGIN, y), (WIDTH - MARGIN, y), GRID, 1.0);
    for (i, line) in credit_lines(credit).iter().enumerate() {
        svg.text(
            MARGIN,
            y + 17.0 + 15.0 * i as f64,
            line,
            TextStyle::new(11.0).fill(MUTED),
        );
    }
}

/// Writes the note an empty selection shows in place of its data, centred on a point.
pub fn no_events(svg: &mut Svg, x: f64, y: f64) {
    let style = TextStyle::new(16.0).fill(MUTED).align(Align::Center);
    svg.text(x, y, "No events in this selection", style);
    svg.text(x, y + 24.0, "لا توجد أحداث في هذا الاختيار", style.arabic());
}

/// A time scale from whole months (or whole weeks, for short spans) onto x.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DateScale {
    /// First day shown.
    pub start: NaiveDate,
    /// Day after the last day shown.
    pub end: NaiveDate,
    /// x of the start.
    pub x0: f64,
    /// x of the end.
    pub x1: f64,
}

/// Spans up to this many days get week ticks instead of month ticks.
const SHORT_SPAN_DAYS: i64 = 62;

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
    pub fn covering(first: NaiveDate, last: NaiveDate, x0: f64, x1: f64) -> DateScale {
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
        DateScale { start, end, x0, x1 }
    }

    /// Days the scale spans.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days().max(1)
    }

    /// x of the beginning of a day.
    pub fn x(&self, day: NaiveDate) -> f64 {
        let offset = (day - self.start).num_days() as f64;
        self.x0 + (self.x1 - self.x0) * offset / self.days() as f64
    }

    /// Width in px of one day.
    pub fn day_width(&self) -> f64 {
        (self.x1 - self.x0) / self.days() as f64
    }

    fn is_short(&self) -> bool {
        self.days() <= SHORT_SPAN_DAYS + 14
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Draws a date axis along `y`: a baseline, a tick at each month (or Monday), month labels,
/// year labels under them, and gridlines up to `grid_top` when given.
pub fn date_axis(svg: &mut Svg, scale: &DateScale, y: f64, grid_top: Option<f64>) {
    svg.open("g", &[("class", "date-axis")]);
    let label = TextStyle::new(12.0).fill(MUTED).align(Align::Center);
    let year_style = TextStyle::new(12.0).bold().align(Align::Center);
    let mut ticks: Vec<NaiveDate> = Vec::new();
    if scale.is_short() {
        let mut day = monday(scale.start);
        while day <= scale.end {
            if day >= scale.start {
                ticks.push(day);
            }
            day += Duration::days(7);
        }
    } else {
        let mut day = first_of_month(scale.start);
        if day < scale.start {
            day = next_month(day);
        }
        while day <= scale.end {
            ticks.push(day);
            day = next_month(day);
        }
    }
    if let Some(top) = grid_top {
        for day in &ticks {
            let x = scale.x(*day);
            let color = if day.month() == 1 && day.day() == 1 {
                "#c4c4c4"
            } else {
                GRID
            };
            svg.line((x, top), (x, y), color, 1.0);
        }
    }
    svg.line((scale.x0, y), (scale.x1, y), MUTED, 1.0);
    for day in &ticks {
        let x = scale.x(*day);
        let long = day.month() == 1 && day.day() == 1;
        svg.line((x, y), (x, y + if long { 10.0 } else { 5.0 }), MUTED, 1.0);
    }
    let mut last_year = None;
    if scale.is_short() {
        for day in &ticks {
            let x = scale.x(*day);
            let month = MONTHS[day.month0() as usize];
            svg.text(x, y + 18.0, &format!("{} {}", day.day(), month), label);
            if last_year != Some(day.year()) {
                svg.text(x, y + 34.0, &day.year().to_string(), year_style);
                last_year = Some(day.year());
            }
        }
    } else {
        let per_month = scale.day_width() * 30.4;
        let step = [1, 2, 3, 6, 12]
            .into_iter()
            .find(|s| per_month * f64::from(*s) >= 34.0)
            .unwrap_or(12);
        for (i, day) in ticks.iter().enumerate() {
            let Some(next) = ticks.get(i + 1) else { break };
            if day.month0() % step != 0 {
                continue;
            }
            let centre = (scale.x(*day) + scale.x(*next)) / 2.0;
            let month = MONTHS[day.month0() as usize];
            svg.text(centre, y + 18.0, month, label);
            if last_year != Some(day.year()) {
                svg.text(centre, y + 34.0, &day.year().to_string(), year_style);
                last_year = Some(day.year());
            }
        }
    }
    svg.close("g");
}

/// Height in px a date axis takes below its line.
pub const DATE_AXIS_HEIGHT: f64 = 42.0;

/// The symbol of a legend entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swatch {
    /// A filled square, for bars and areas.
    Square,
    /// A mark of a shape.
    Mark(Shape),
    /// A short thick bar, for date intervals.
    Bar,
    /// An empty dark ring, for key events.
    Ring,
}

/// One entry of a legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    /// Fill colour of the swatch.
    pub color: String,
    /// The symbol.
    pub swatch: Swatch,
    /// English label.
    pub name: String,
    /// Arabic label, may be empty.
    pub name_ar: String,
    /// Number of events, shown after the English label.
    pub count: Option<usize>,
}

impl LegendItem {
    fn english(&self) -> String {
        match self.count {
            Some(n) => format!("{} ({n})", self.name),
            None => self.name.clone(),
        }
    }

    fn width(&self) -> f64 {
        22.0 + text_width(&self.english(), 12.0, false)
            + 16.0
            + text_width(&self.name_ar, 12.0, false)
    }
}

/// Ends a chart: a legend headed in English and Arabic from `top`, the credit under it,
/// and the closing tag; the document's height follows from what was drawn.
pub fn finish_with_legend(
    mut doc: Svg,
    heading: (&str, &str),
    items: &[LegendItem],
    top: f64,
    credit: &str,
    title: &str,
) -> String {
    let (x, width) = (MARGIN, doc.width - 2.0 * MARGIN);
    doc.text(x, top + 4.0, heading.0, TextStyle::new(13.0).bold());
    let right = TextStyle::new(13.0).bold().arabic().align(Align::Right);
    doc.text(x + width, top + 4.0, heading.1, right);
    legend(&mut doc, items, x, top + 14.0, width);
    let credit_top = top + 14.0 + legend_height(items, width) + 14.0;
    self::credit(&mut doc, credit, credit_top);
    doc.finish(credit_top + credit_height(credit), title)
}

const LEGEND_ROW: f64 = 20.0;

fn legend_grid(items: &[LegendItem], width: f64) -> (usize, usize, f64) {
    let widest = items.iter().map(LegendItem::width).fold(120.0, f64::max) + 24.0;
    let columns = ((width / widest).floor() as usize).clamp(1, items.len().max(1));
    let rows = items.len().div_ceil(columns);
    (columns, rows, width / columns as f64)
}

/// Height in px a legend of these items takes in a width.
pub fn legend_height(items: &[LegendItem], width: f64) -> f64 {
    let (_, rows, _) = legend_grid(items, width);
    rows as f64 * LEGEND_ROW
}

/// Writes a legend in columns read top to bottom, each entry a swatch, the English label
/// with its count and the Arabic label flush right; `y` is the top of the first row.
pub fn legend(svg: &mut Svg, items: &[LegendItem], x: f64, y: f64, width: f64) {
    let (_, rows, column_width) = legend_grid(items, width);
    svg.open("g", &[("class", "legend")]);
    for (i, item) in items.iter().enumerate() {
        let left = x + column_width * (i / rows.max(1)) as f64;
        let top = y + LEGEND_ROW * (i % rows.max(1)) as f64;
        let (cx, cy) = (left + 7.0, top + 9.0);
        match item.swatch {
            Swatch::Square => svg.leaf(
                "rect",
                &[
                    ("x", &num(cx - 6.0)),
                    ("y", &num(cy - 6.0)),
                    ("width", "12"),
                    ("height", "12"),
                    ("fill", &item.color),
                ],
            ),
            Swatch::Bar => svg.leaf(
                "rect",
                &[
                    ("x", &num(cx - 7.0)),
                    ("y", &num(cy - 3.0)),
                    ("width", "14"),
                    ("height", "6"),
                    ("rx", "3"),
                    ("fill", &item.color),
                ],
            ),
            Swatch::Mark(shape) => mark(svg, shape, cx, cy, 5.5, &[("fill", &item.color)]),
            Swatch::Ring => svg.leaf(
                "circle",
                &[
                    ("cx", &num(cx)),
                    ("cy", &num(cy)),
                    ("r", "6"),
                    ("fill", "none"),
                    ("stroke", &item.color),
                    ("stroke-width", "1.5"),
                ],
            ),
        }
        svg.text(
            left + 20.0,
            top + 13.5,
            &item.english(),
            TextStyle::new(12.0),
        );
        if !item.name_ar.is_empty() {
            let right = left + column_width - 24.0;
            svg.text(
                right,
                top + 13.5,
                &item.name_ar,
                TextStyle::new(12.0)
                    .arabic()
                    .align(Align::Right)
                    .fill(MUTED),
            );
        }
    }
    svg.close("g");
}

/// The shape of an event's mark, by ACLED event type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    /// Battles.
    Circle,
    /// Explosions/Remote violence.
    Diamond,
    /// Violence against civilians.
    Triangle,
    /// Strategic developments.
    Square,
    /// Protests and riots.
    Cross,
}

impl Shape {
    /// The shape for an ACLED event type (ACLED Codebook 2023, §event types).
    pub fn for_event_type(event_type: &str) -> Shape {
        match event_type {
            "Battles" => Shape::Circle,
            "Explosions/Remote violence" => Shape::Diamond,
            "Violence against civilians" => Shape::Triangle,
            "Protests" | "Riots" => Shape::Cross,
            _ => Shape::Square,
        }
    }

    /// English label for legends.
    pub fn label(self) -> &'static str {
        match self {
            Shape::Circle => "Battles",
            Shape::Diamond => "Explosions/Remote violence",
            Shape::Triangle => "Violence against civilians",
            Shape::Square => "Strategic developments",
            Shape::Cross => "Protests and riots",
        }
    }

    /// Arabic label for legends.
    pub fn label_ar(self) -> &'static str {
        match self {
            Shape::Circle => "معارك",
            Shape::Diamond => "انفجارات وعنف عن بعد",
            Shape::Triangle => "عنف ضد المدنيين",
            Shape::Square => "تطورات استراتيجية",
            Shape::Cross => "احتجاجات وأعمال شغب",
        }
    }
}

/// Writes a mark of a shape centred on a point; `r` is its half-size in px.
pub fn mark(svg: &mut Svg, shape: Shape, cx: f64, cy: f64, r: f64, attrs: &[(&str, &str)]) {
    let d = match shape {
        Shape::Circle => {
            let mut all: Vec<(&str, &str)> = Vec::with_capacity(attrs.len() + 3);
            let (x, y, radius) = (num(cx), num(cy), num(r));
            all.extend([
                ("cx", x.as_str()),
                ("cy", y.as_str()),
                ("r", radius.as_str()),
            ]);
            all.extend_from_slice(attrs);
            svg.leaf("circle", &all);
            return;
        }
        Shape::Diamond => {
            let s = r * 1.25;
            format!(
                "M{} {}L{} {}L{} {}L{} {}Z",
                num(cx),
                num(cy - s),
                num(cx + s),
                num(cy),
                num(cx),
                num(cy + s),
                num(cx - s),
                num(cy)
            )
        }
        Shape::Triangle => {
            let s = r * 1.2;
            format!(
                "M{} {}L{} {}L{} {}Z",
                num(cx),
                num(cy - s),
                num(cx + s),
                num(cy + s * 0.8),
                num(cx - s),
                num(cy + s * 0.8)
            )
        }
        Shape::Square => {
            let s = r * 0.9;
            format!(
                "M{} {}H{}V{}H{}Z",
                num(cx - s),
                num(cy - s),
                num(cx + s),
                num(cy + s),
                num(cx - s)
            )
        }
        Shape::Cross => {
            let (s, t) = (r * 1.1, r * 0.4);
            format!(
                "M{} {}H{}V{}H{}V{}H{}V{}H{}V{}H{}V{}H{}Z",
                num(cx - t),
                num(cy - s),
                num(cx + t),
                num(cy - t),
                num(cx + s),
                num(cy + t),
                num(cx + t),
                num(cy + s),
                num(cx - t),
                num(cy + t),
                num(cx - s),
                num(cy - t),
                num(cx - t)
            )
        }
    };
    let mut all: Vec<(&str, &str)> = Vec::with_capacity(attrs.len() + 1);
    all.push(("d", &d));
    all.extend_from_slice(attrs);
    svg.leaf("path", &all);
}

/// A series of a chart: one front, or the events no front holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Series<'a> {
    /// Front id, or [`UNASSIGNED`].
    pub id: String,
    /// English name.
    pub name: String,
    /// Arabic name.
    pub name_ar: String,
    /// Colour `#rrggbb`.
    pub color: String,
    /// The series' events, by start date then id.
    pub events: Vec<&'a Event>,
}

/// The fronts that have events among `events`, in chart order, then the events no known
/// front holds; each with its events sorted by start date then id.
pub fn series<'a>(events: &[&'a Event], fronts: &Fronts) -> Vec<Series<'a>> {
    let mut sorted: Vec<&Event> = events.to_vec();
    sorted.sort_by(|a, b| {
        a.date
            .start
            .cmp(&b.date.start)
            .then_with(|| a.event_id_cnty.cmp(&b.event_id_cnty))
    });
    let mut out: Vec<Series> = fronts
        .fronts
        .iter()
        .map(|f| Series {
            id: f.id.clone(),
            name: f.name.clone(),
            name_ar: f.name_ar.clone(),
            color: f.color.clone(),
            events: sorted.iter().copied().filter(|e| e.front == f.id).collect(),
        })
        .collect();
    out.push(Series {
        id: UNASSIGNED.to_string(),
        name: UNASSIGNED_NAME.to_string(),
        name_ar: UNASSIGNED_NAME_AR.to_string(),
        color: UNASSIGNED_COLOR.to_string(),
        events: sorted
            .iter()
            .copied()
            .filter(|e| fronts.get(&e.front).is_none())
            .collect(),
    });
    out.retain(|s| !s.events.is_empty());
    out
}

/// The earliest start and latest end of some events.
pub fn date_range(events: &[&Event]) -> Option<(NaiveDate, NaiveDate)> {
    let first = events.iter().map(|e| e.date.start).min()?;
    let last = events.iter().map(|e| e.date.end.max(e.date.start)).max()?;
    Some((first, last))
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

/// A count with thousands separated by commas, so large axis values read at a glance.
///
/// # Examples
/// ```
/// use frontline::chart::svg::thousands;
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostic::Origin;
    use crate::event::date::DateInterval;
    use crate::event::geo_precision::GeoPrecision;
    use crate::event::Fatalities;
    use crate::front::Front;
    use geo::{MultiPolygon, Point, Polygon};

    /// A test event with every field set; `date` is `YYYY-MM-DD` or `START/END`.
    pub(crate) fn event(id: &str, date: &str, front: &str, lon: f64, lat: f64) -> Event {
        Event {
            event_id_cnty: id.to_string(),
            date: DateInterval::parse(date).expect("test date"),
            recorded: None,
            anchor: None,
            event_type: "Battles",
            sub_event_type: "Armed clash",
            actor1: vec!["LNA: Libyan National Army (Haftar)".to_string()],
            assoc_actor_1: Vec::new(),
            actor2: vec!["GNA: Government of National Accord".to_string()],
            assoc_actor_2: Vec::new(),
            country: "Libya".to_string(),
            iso: Some(434),
            admin1: "Tripoli".to_string(),
            location: "Tripoli".to_string(),
            point: Point::new(lon, lat),
            geo_precision: GeoPrecision::Exact,
            geonameid: None,
            front: front.to_string(),
            fatalities: Fatalities::default(),
            sources: Vec::new(),
            notes: String::new(),
            key: false,
            headline: String::new(),
            headline_ar: String::new(),
            extra: Vec::new(),
            origin: Origin::at(std::path::Path::new("test.csv"), 2),
        }
    }

    /// A key event with English and Arabic headlines.
    pub(crate) fn key_event(
        id: &str,
        date: &str,
        front: &str,
        headline: &str,
        headline_ar: &str,
    ) -> Event {
        Event {
            key: true,
            headline: headline.to_string(),
            headline_ar: headline_ar.to_string(),
            ..event(id, date, front, 13.18, 32.88)
        }
    }

    /// A square front area; `square` is the centre's longitude and latitude and the half
    /// side in degrees.
    pub(crate) fn front(
        id: &str,
        names: (&str, &str),
        color: &str,
        order: i64,
        square: (f64, f64, f64),
    ) -> Front {
        let (name, name_ar) = names;
        let (lon, lat, half) = square;
        let ring = vec![
            (lon - half, lat - half),
            (lon + half, lat - half),
            (lon + half, lat + half),
            (lon - half, lat + half),
            (lon - half, lat - half),
        ];
        Front {
            id: id.to_string(),
            name: name.to_string(),
            name_ar: name_ar.to_string(),
            aliases: Vec::new(),
            color: color.to_string(),
            order,
            area: MultiPolygon(vec![Polygon::new(ring.into(), Vec::new())]),
            area_km2: (2.0 * half * 111.0).powi(2),
            method: "test square".to_string(),
            keys: vec![id.to_string()],
        }
    }

    /// Three fronts: two in Tripoli and Sirte far to the east.
    /// Chart options with a short credit, for tests.
    pub(crate) fn options() -> crate::chart::ChartOptions {
        crate::chart::ChartOptions {
            title: None,
            credit: "Events: test. Basemap: Natural Earth.".to_string(),
        }
    }

    pub(crate) fn fronts() -> Fronts {
        Fronts {
            fronts: vec![
                front(
                    "airport-road",
                    ("Airport Road", "طريق المطار"),
                    "#0067a5",
                    1,
                    (13.15, 32.80, 0.03),
                ),
                front(
                    "ain-zara",
                    ("Ain Zara", "عين زارة"),
                    "#8db600",
                    2,
                    (13.25, 32.80, 0.03),
                ),
                front(
                    "sirte-jufra",
                    ("Sirte and Jufra", "سرت والجفرة"),
                    "#f3c300",
                    3,
                    (16.6, 31.2, 0.5),
                ),
            ],
        }
    }

    #[test]
    fn numbers_have_at_most_two_decimals_and_no_negative_zero() {
        for (value, text) in [
            (0.0, "0"),
            (1.5, "1.5"),
            (1.005, "1"),
            (-2.25, "-2.25"),
            (-0.004, "0"),
            (1e9, "1000000000"),
            (f64::NAN, "0"),
        ] {
            assert_eq!(num(value), text, "{value}");
        }
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut svg = Svg::new(100.0);
        svg.leaf("rect", &[("data-name", "a\"b<c")]);
        svg.text(1.0, 2.0, "R&D <x>", TextStyle::new(12.0));
        let out = svg.finish(50.0, "T & T");
        assert!(out.contains("data-name=\"a&quot;b&lt;c\""));
        assert!(out.contains(">R&amp;D &lt;x&gt;</text>"));
        assert!(out.contains("<title>T &amp; T</title>"));
        assert!(out.contains("viewBox=\"0 0 100 50\""));
    }

    #[test]
    fn arabic_text_runs_right_to_left_and_anchors_by_page_side() {
        let mut svg = Svg::new(100.0);
        svg.text(
            90.0,
            10.0,
            "طرابلس",
            TextStyle::new(12.0).arabic().align(Align::Right),
        );
        svg.text(
            10.0,
            30.0,
            "طرابلس",
            TextStyle::new(12.0).arabic().align(Align::Left),
        );
        let out = svg.finish(40.0, "t");
        let lines: Vec<&str> = out.lines().filter(|l| l.contains("طرابلس")).collect();
        assert_eq!(lines.len(), 2);
        assert!(lines
            .iter()
            .all(|l| l.contains("direction=\"rtl\"") && l.contains("xml:lang=\"ar\"")));
        // In right-to-left text `start` is the right edge.
        assert!(!lines[0].contains("text-anchor"));
        assert!(lines[1].contains("text-anchor=\"end\""));
    }

    #[test]
    fn long_spans_are_padded_to_whole_months_and_weeks() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let scale = DateScale::covering(day("2019-11-01"), day("2020-06-03"), 0.0, 100.0);
        assert_eq!(
            scale.start,
            day("2019-10-28"),
            "the Monday before 1 Nov 2019 is in October"
        );
        assert_eq!(scale.end, day("2020-07-01"));
        let short = DateScale::covering(day("2019-04-04"), day("2019-04-07"), 0.0, 70.0);
        assert_eq!(
            (short.start, short.end),
            (day("2019-04-01"), day("2019-04-08"))
        );
        assert_eq!(short.x(day("2019-04-02")), 10.0);
    }

    #[test]
    fn axis_labels_every_month_and_the_year_once() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let scale = DateScale::covering(day("2019-04-04"), day("2020-10-23"), 0.0, 1000.0);
        let mut svg = Svg::new(1000.0);
        date_axis(&mut svg, &scale, 100.0, Some(0.0));
        let out = svg.finish(200.0, "axis");
        assert_eq!(out.matches(">Apr</text>").count(), 2);
        assert_eq!(out.matches(">2019</text>").count(), 1);
        assert_eq!(out.matches(">2020</text>").count(), 1);
    }

    #[test]
    fn series_keep_front_order_and_put_unknown_fronts_last() {
        let fronts = fronts();
        let a = event("LBY1", "2019-04-05", "ain-zara", 13.25, 32.8);
        let b = event("LBY2", "2019-04-04", "airport-road", 13.15, 32.8);
        let c = event("LBY3", "2019-04-04", "no-such-front", 13.0, 32.0);
        let d = event("LBY4", "2019-04-04", UNASSIGNED, 13.0, 32.0);
        let all = [&a, &b, &c, &d];
        let got: Vec<(String, usize)> = series(&all, &fronts)
            .into_iter()
            .map(|s| (s.id, s.events.len()))
            .collect();
        assert_eq!(
            got,
            [
                ("airport-road".to_string(), 1),
                ("ain-zara".to_string(), 1),
                (UNASSIGNED.to_string(), 2)
            ]
        );
    }

    #[test]
    fn credit_wraps_to_the_chart_width() {
        let long = "Events: frontline curation of ".to_string() + &"Outlet, ".repeat(60);
        let lines = credit_lines(&long);
        assert!(lines.len() > 1);
        assert!(lines
            .iter()
            .all(|l| text_width(l, 11.0, false) <= WIDTH - 2.0 * MARGIN));
        assert_eq!(lines.join(" "), long.trim_end());
    }
}
