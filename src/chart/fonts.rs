//! The fonts charts are laid out with: Noto Sans for Latin text and Noto Naskh Arabic for
//! Arabic, shipped in `assets/fonts/` (SIL Open Font License 1.1, `assets/fonts/OFL.txt`) so
//! text is measured the same on every machine. Browsers draw the SVG with the fonts of
//! [`FONT_FAMILY`] they have; these are the first two.

use ab_glyph::{Font, FontRef};
use std::sync::{Once, OnceLock};

/// Fonts for Latin and Arabic text, in order of preference: the `font-family` of every text.
pub const FONT_FAMILY: &str = "Noto Sans, Noto Naskh Arabic, DejaVu Sans, Arial, sans-serif";

const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const NOTO_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
const NOTO_NASKH: &[u8] = include_bytes!("../../assets/fonts/NotoNaskhArabic-Regular.ttf");
const NOTO_NASKH_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoNaskhArabic-Bold.ttf");

/// The four faces, parsed once: (Latin, Arabic) for regular and bold.
struct Faces {
    regular: (FontRef<'static>, FontRef<'static>),
    bold: (FontRef<'static>, FontRef<'static>),
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| {
        // The shipped files are fixed at compile time, so a parse failure is a broken build.
        let parse = |bytes: &'static [u8]| {
            FontRef::try_from_slice(bytes).expect("assets/fonts holds valid TrueType fonts")
        };
        Faces {
            regular: (parse(NOTO_SANS), parse(NOTO_NASKH)),
            bold: (parse(NOTO_SANS_BOLD), parse(NOTO_NASKH_BOLD)),
        }
    })
}

/// Registers the Latin faces with plotters under [`FONT_FAMILY`], so the text plotters lays
/// out itself (axis labels) is measured with them; safe to call any number of times.
pub fn register() {
    static REGISTERED: Once = Once::new();
    REGISTERED.call_once(|| {
        use plotters::style::{register_font, FontStyle};
        // Both are the fonts parsed in `faces`, so neither can be refused.
        let _ = register_font(FONT_FAMILY, FontStyle::Normal, NOTO_SANS);
        let _ = register_font(FONT_FAMILY, FontStyle::Bold, NOTO_SANS_BOLD);
    });
}

/// Width in px of a line of text at a font size, as a browser lays it out with the shipped
/// fonts: each character's advance in Noto Sans, or in Noto Naskh Arabic when Noto Sans has
/// no glyph for it (the fallback [`FONT_FAMILY`] asks for), with kerning. Arabic is measured
/// in its isolated forms, a little wider than the joined ones a browser draws.
///
/// # Examples
/// ```
/// use frontline::chart::fonts::text_width;
/// let tripoli = text_width("Tripoli", 12.0, false);
/// assert!(tripoli > 30.0 && tripoli < 50.0);
/// assert!(text_width("Tripoli", 12.0, true) > tripoli);
/// assert!(text_width("طرابلس", 12.0, false) > 20.0);
/// ```
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let faces = faces();
    let (latin, arabic) = if bold { &faces.bold } else { &faces.regular };
    let mut width = 0.0f64;
    let mut previous: Option<(bool, ab_glyph::GlyphId)> = None;
    for c in text.chars() {
        let in_latin = latin.glyph_id(c).0 != 0 || arabic.glyph_id(c).0 == 0;
        let font = if in_latin { latin } else { arabic };
        let glyph = font.glyph_id(c);
        let em = f64::from(font.units_per_em().unwrap_or(1000.0));
        let mut units = font.h_advance_unscaled(glyph);
        if let Some((_, before)) = previous.filter(|(was_latin, _)| *was_latin == in_latin) {
            units += font.kern_unscaled(before, glyph);
        }
        width += f64::from(units) * size / em;
        previous = Some((in_latin, glyph));
    }
    width
}

/// The size to give plotters for text of `px` CSS pixels. Plotters' SVG backend writes
/// `font-size` as its size divided by 1.24; this is the float whose quotient prints as `px`
/// itself, so the SVG says `font-size="12"`, not `11.999999999999998`. Some sizes have no
/// such float (13 gives `13.000000000000002` at best), which is why the charts use 12.5
/// where they used 13; the test below holds every size they use.
pub fn plotters_size(px: f64) -> f64 {
    let wanted = px.to_string();
    let guess = px * 1.24;
    // The exact quotient lies within a few units in the last place of the product.
    (0..8u64)
        .flat_map(|n| [guess.to_bits() + n, guess.to_bits().saturating_sub(n)])
        .map(f64::from_bits)
        .find(|size| (size / 1.24).to_string() == wanted)
        .unwrap_or(guess)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_the_charts_use_prints_exactly() {
        for px in [11.0, 12.0, 12.5, 16.0, 18.0, 21.0, 22.0] {
            assert_eq!((plotters_size(px) / 1.24).to_string(), px.to_string());
        }
    }

    #[test]
    fn arabic_is_measured_with_the_arabic_font() {
        // Noto Sans has no Arabic letters: measured with it they would all be the same
        // .notdef box.
        let one = text_width("ب", 12.0, false);
        let other = text_width("م", 12.0, false);
        assert!(one > 0.0 && other > 0.0);
        let notdef = {
            let faces = faces();
            f64::from(faces.regular.0.h_advance_unscaled(ab_glyph::GlyphId(0))) * 12.0
                / f64::from(faces.regular.0.units_per_em().unwrap())
        };
        assert!((one - notdef).abs() > 0.01 || (other - notdef).abs() > 0.01);
    }

    #[test]
    fn widths_are_those_of_the_browser_font_size() {
        // 'M' in Noto Sans is 0.9 em wide or so, at any size.
        let m = text_width("M", 100.0, false);
        assert!(m > 80.0 && m < 100.0, "{m}");
        assert_eq!(text_width("", 12.0, true), 0.0);
    }
}
