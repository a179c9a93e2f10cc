//! What every chart carries around its data: the page width and margins, the bilingual
//! heading, the credit wrapped to the page, and the note an empty selection shows. Plotters
//! draws each line; the wrapping and the choice of one or two heading lines are measured
//! here, since plotters' text does not wrap.

use super::fonts::text_width;
use super::page::{Canvas, DrawError, Drawn};
use super::palette::{GRID, MUTED};
use super::text::{text, Align, TextStyle};
use plotters::element::PathElement;
use plotters::style::Color;

/// Width of every chart in px: a full page width in a printed report.
pub const WIDTH: f64 = 1200.0;
/// Left and right margin of every chart in px.
pub const MARGIN: f64 = 40.0;

/// Where a heading ends: the y where the chart's body may begin.
pub fn heading_height(title: &str, title_ar: &str) -> f64 {
    if heading_fits_one_line(title, title_ar) {
        88.0
    } else {
        118.0
    }
}

fn heading_fits_one_line(title: &str, title_ar: &str) -> bool {
    text_width(title, 22.0, true) + text_width(title_ar, 21.0, true) + 40.0 < WIDTH - 2.0 * MARGIN
}

/// Writes a chart's English title, its Arabic title (beside it, or under it when both do
/// not fit one line) and a line of English detail; returns the y where the body may begin.
pub fn heading(
    canvas: &Canvas,
    title: &str,
    title_ar: &str,
    detail: &str,
) -> Result<f64, DrawError> {
    text(canvas, MARGIN, 40.0, title, TextStyle::new(22.0).bold())?;
    let mut y = 40.0;
    if !heading_fits_one_line(title, title_ar) {
        y += 30.0;
    }
    let arabic = TextStyle::new(21.0).bold().arabic().align(Align::Right);
    text(canvas, WIDTH - MARGIN, y, title_ar, arabic)?;
    y += 26.0;
    text(canvas, MARGIN, y, detail, TextStyle::new(12.5).fill(MUTED))?;
    Ok(y + 22.0)
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

/// Writes the credit at the bottom of a chart, from `y` down, under a rule.
pub fn credit(canvas: &Canvas, credit: &str, y: f64) -> Drawn {
    let y0 = y.round() as i32;
    let rule = super::palette::rgb(GRID);
    canvas.area.draw(&PathElement::new(
        vec![(MARGIN as i32, y0), ((WIDTH - MARGIN) as i32, y0)],
        rule.stroke_width(1),
    ))?;
    for (i, line) in credit_lines(credit).iter().enumerate() {
        let style = TextStyle::new(11.0).fill(MUTED);
        text(canvas, MARGIN, y + 17.0 + 15.0 * i as f64, line, style)?;
    }
    Ok(())
}

/// Writes the note an empty selection shows in place of its data, centred on a point.
pub fn no_events(canvas: &Canvas, x: f64, y: f64) -> Drawn {
    let style = TextStyle::new(16.0).fill(MUTED).align(Align::Center);
    text(canvas, x, y, "No events in this selection", style)?;
    text(
        canvas,
        x,
        y + 24.0,
        "لا توجد أحداث في هذا الاختيار",
        style.arabic(),
    )
}

/// The page of a chart with no events: heading, the note and the credit.
pub fn empty_chart(title: &str, title_ar: &str, detail: &str, credit: &str) -> String {
    let top = heading_height(title, title_ar);
    let bottom = top + 170.0;
    let height = (bottom + credit_height(credit)).ceil() as u32;
    let canvas = super::page::page(WIDTH as u32, height);
    let drawn = (|| -> Drawn {
        heading(&canvas, title, title_ar, detail)?;
        no_events(&canvas, WIDTH / 2.0, top + 90.0)?;
        self::credit(&canvas, credit, bottom)
    })();
    super::page::expect_drawn(drawn);
    canvas.finish(title)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_long_title_puts_the_arabic_title_on_its_own_line() {
        let short = heading_height("Events", "الأحداث");
        let long = heading_height(&"Events of a very long title ".repeat(5), "الأحداث");
        assert_eq!((short, long), (88.0, 118.0));
    }
}
