//! The bilingual legend of the charts: entries in columns read top to bottom, each a
//! swatch, the English label and the Arabic label flush right in its column. Plotters'
//! own series labels hold one line of one script per entry, so the layout is frontline's;
//! every swatch and label is a plotters element.

use super::fonts::text_width;
use super::frame::{MARGIN, WIDTH};
use super::mark::{claim_attributes, claim_style, mark, Shape};
use super::page::{Canvas, Drawn};
use super::palette::{rgb, MUTED};
use super::text::{text, Align, TextStyle};
use crate::event::ClaimStatus;
use plotters::element::{Circle, Rectangle};
use plotters::style::{Color, ShapeStyle};

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
    /// A circle drawn as a mark of this claim status is (hollow, or hollow and dashed).
    Claim(crate::event::ClaimStatus),
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

const ROW: f64 = 20.0;

fn grid(items: &[LegendItem], width: f64) -> (usize, usize, f64) {
    let widest = items.iter().map(LegendItem::width).fold(120.0, f64::max) + 24.0;
    let columns = ((width / widest).floor() as usize).clamp(1, items.len().max(1));
    let rows = items.len().div_ceil(columns);
    (columns, rows, width / columns as f64)
}

/// Height in px a legend of these items takes in a width.
pub fn legend_height(items: &[LegendItem], width: f64) -> f64 {
    let (_, rows, _) = grid(items, width);
    rows as f64 * ROW
}

/// Height in px of a legend under a heading, as [`headed_legend`] draws it.
pub fn headed_legend_height(items: &[LegendItem]) -> f64 {
    14.0 + legend_height(items, WIDTH - 2.0 * MARGIN)
}

/// Draws a legend headed in English and Arabic across the page from `top`; returns its
/// bottom.
pub fn headed_legend(
    canvas: &Canvas,
    heading: (&str, &str),
    items: &[LegendItem],
    top: f64,
) -> Result<f64, super::page::DrawError> {
    let width = WIDTH - 2.0 * MARGIN;
    text(
        canvas,
        MARGIN,
        top + 4.0,
        heading.0,
        TextStyle::new(12.5).bold(),
    )?;
    let right = TextStyle::new(12.5).bold().arabic().align(Align::Right);
    text(canvas, MARGIN + width, top + 4.0, heading.1, right)?;
    legend(canvas, items, MARGIN, top + 14.0, width)?;
    Ok(top + headed_legend_height(items))
}

/// Draws a legend in columns read top to bottom; `y` is the top of the first row.
pub fn legend(canvas: &Canvas, items: &[LegendItem], x: f64, y: f64, width: f64) -> Drawn {
    let (_, rows, column_width) = grid(items, width);
    canvas.markup.open(&[("class", "legend")]);
    for (i, item) in items.iter().enumerate() {
        let left = x + column_width * (i / rows.max(1)) as f64;
        let top = y + ROW * (i % rows.max(1)) as f64;
        let (cx, cy) = ((left + 7.0).round() as i32, (top + 9.0).round() as i32);
        let color = rgb(&item.color);
        match item.swatch {
            Swatch::Square => canvas.area.draw(&Rectangle::new(
                [(cx - 6, cy - 6), (cx + 6, cy + 6)],
                color.filled(),
            ))?,
            Swatch::Bar => canvas.area.draw(&Rectangle::new(
                [(cx - 7, cy - 3), (cx + 7, cy + 3)],
                color.filled(),
            ))?,
            Swatch::Mark(shape) => {
                canvas
                    .area
                    .draw(&mark(shape, (cx, cy), (0, 0), 5.5, color.filled()))?
            }
            Swatch::Ring => canvas.area.draw(&Circle::new(
                (cx, cy),
                6,
                ShapeStyle::from(color).stroke_width(2),
            ))?,
            Swatch::Claim(status) => {
                canvas.markup.open(&claim_attributes(status));
                canvas
                    .area
                    .draw(&Circle::new((cx, cy), 5, claim_style(color, status)))?;
                canvas.markup.close();
            }
        }
        text(
            canvas,
            left + 20.0,
            top + 13.5,
            &item.english(),
            TextStyle::new(12.0),
        )?;
        if !item.name_ar.is_empty() {
            let arabic = TextStyle::new(12.0)
                .arabic()
                .align(Align::Right)
                .fill(MUTED);
            text(
                canvas,
                left + column_width - 24.0,
                top + 13.5,
                &item.name_ar,
                arabic,
            )?;
        }
    }
    canvas.markup.close();
    Ok(())
}

/// The legend's entries for the claims among `statuses`: what hollow and dashed marks mean.
pub fn claim_legend(statuses: impl Iterator<Item = ClaimStatus>, color: &str) -> Vec<LegendItem> {
    let mut seen: Vec<ClaimStatus> = statuses.filter(|s| *s != ClaimStatus::Confirmed).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.into_iter()
        .map(|status| LegendItem {
            color: color.to_string(),
            swatch: Swatch::Claim(status),
            name: match status {
                ClaimStatus::Disputed => "Disputed: claimed and denied (dashed)",
                _ => "Claimed by one side (hollow)",
            }
            .to_string(),
            name_ar: match status {
                ClaimStatus::Disputed => "متنازع عليه: ادعاء ونفي",
                _ => "ادعاء طرف واحد",
            }
            .to_string(),
            count: None,
        })
        .collect()
}
