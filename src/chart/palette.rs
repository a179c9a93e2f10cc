//! The colours every chart shares, and front colours as plotters takes them.

use plotters::style::RGBColor;

/// Text colour.
pub const INK: &str = "#222222";
/// Colour of secondary text and axes.
pub const MUTED: &str = "#5f5f5f";
/// Colour of gridlines.
pub const GRID: &str = "#e2e2e2";
/// Colour of events that no front area holds.
pub const UNASSIGNED_COLOR: &str = "#adadad";

/// A `#rrggbb` colour for plotters; anything else (a front file's typo) is mid grey, so a
/// bad colour shows as a plain series rather than failing the chart.
///
/// # Examples
/// ```
/// use frontline::chart::palette::rgb;
/// use plotters::style::RGBColor;
/// assert_eq!(rgb("#0067a5"), RGBColor(0x00, 0x67, 0xa5));
/// assert_eq!(rgb("blue"), RGBColor(0x80, 0x80, 0x80));
/// ```
pub fn rgb(hex: &str) -> RGBColor {
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    match (
        hex.len(),
        hex.starts_with('#'),
        channel(1),
        channel(3),
        channel(5),
    ) {
        (7, true, Some(r), Some(g), Some(b)) => RGBColor(r, g, b),
        _ => RGBColor(0x80, 0x80, 0x80),
    }
}
