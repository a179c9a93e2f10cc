//! Lines of text on a chart, English or Arabic, placed by the side of the page they sit on.
//!
//! Plotters' SVG backend writes each line as a `<text>` with its font, size, weight, colour
//! and `text-anchor`. An Arabic line is drawn inside a group that sets `xml:lang="ar"` and
//! `direction="rtl"`, which the `<text>` inherits, so a browser shapes it and lays it out
//! right to left; there `text-anchor="start"` is the text's right edge (SVG 1.1 §10.7.4), so
//! the anchor plotters is given is chosen from where the text should sit on the page.
//! Every text goes through [`xml_chars`] first: plotters escapes `& < > " '` itself but would
//! pass on characters XML does not allow.

use super::fonts::{plotters_size, FONT_FAMILY};
use super::page::{Canvas, Drawn};
use super::palette::{rgb, INK};
use crate::format::markup::xml_chars;
use plotters::element::Text;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle};

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
    /// Fill colour `#rrggbb`.
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

    /// The anchor plotters writes: in right-to-left text `start` is the right edge.
    fn anchor(&self) -> HPos {
        match (self.align, self.arabic) {
            (Align::Center, _) => HPos::Center,
            (Align::Left, false) | (Align::Right, true) => HPos::Left,
            (Align::Right, false) | (Align::Left, true) => HPos::Right,
        }
    }

    /// The style as plotters takes it, hung from the top of the line (the only vertical
    /// anchors plotters' SVG backend knows are top, centre and bottom).
    pub fn plotters(&self) -> plotters::style::TextStyle<'static> {
        let weight = if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            plotters_size(self.size),
            weight,
        )
        .color(&rgb(self.fill))
        .pos(Pos::new(self.anchor(), VPos::Top))
    }
}

/// The share of the font size between the top plotters hangs a line from and its baseline:
/// plotters' SVG backend writes `dy="0.76em"` for top-anchored text.
const TOP_TO_BASELINE: f64 = 0.76;

/// Draws a line of text with its baseline at `y`.
pub fn text(canvas: &Canvas, x: f64, y: f64, content: &str, style: TextStyle) -> Drawn {
    let content = xml_chars(content);
    let mut group: Vec<(&str, &str)> = Vec::new();
    if style.arabic {
        group.extend([("xml:lang", "ar"), ("direction", "rtl")]);
    }
    if style.halo {
        group.extend([
            ("stroke", "#ffffff"),
            ("stroke-width", "3"),
            ("stroke-linejoin", "round"),
            ("paint-order", "stroke"),
        ]);
    }
    if !group.is_empty() {
        canvas.markup.open(&group);
    }
    let at = (
        x.round() as i32,
        (y - TOP_TO_BASELINE * style.size).round() as i32,
    );
    canvas
        .area
        .draw(&Text::new(content.as_ref(), at, style.plotters()))?;
    if !group.is_empty() {
        canvas.markup.close();
    }
    Ok(())
}
