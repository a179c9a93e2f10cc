//! One character's fold: what [`super::fold`] does to each character of a word, and the
//! few character classes the tokenizer and the fold share. The rules are told in
//! [`super::fold`]'s module documentation.

use super::marks;
use unicode_normalization::char::decompose_compatible;

/// Appends the folded form of one character of a word the scanner found (a letter, a mark
/// or an apostrophe) to `out`: nothing for a mark, tatweel, control or apostrophe, else one
/// or more lower-case letters or ASCII digits. The tokenizer folds its words with it as it
/// goes, with no allocation beyond the word's own.
pub(super) fn fold_word_char(c: char, out: &mut String) {
    if c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c) {
        // The Arabic block needs no decomposition: its hamza and madda letters are folded
        // whole, and its marks are dropped.
        fold_simple(c, out);
    } else if !marks::is_ignorable(c) && !marks::is_apostrophe(c) {
        decompose_compatible(c, |d| {
            if d == c {
                // Nothing to take apart: a letter, as the scanner found, so no need to
                // look it up again.
                out.extend(c.to_lowercase());
            } else {
                fold_simple(d, out);
            }
        });
    }
}

/// One character already decomposed: letter variants, digits, case.
fn fold_simple(c: char, out: &mut String) {
    let c = match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' | 'ی' | 'ئ' => 'ي',
        'ؤ' => 'و',
        'ک' => 'ك',
        c => c,
    };
    if let Some(d) = digit_value(c) {
        out.push(char::from(b'0' + d as u8));
    } else if is_arabic_letter(c) {
        out.push(c);
    } else if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    } else if !marks::is_ignorable(c) && !marks::is_apostrophe(c) && c.is_alphabetic() {
        // The cheap checks first: an accent follows every decomposed letter.
        out.extend(c.to_lowercase());
    }
}

/// Whether `c` is one of the 28 letters of the Arabic alphabet or their hamza, alef
/// maqsura and taa marbuta forms (U+0621–063A, U+0641–064A): most of an Arabic text, and
/// known without looking up Unicode's tables.
pub(super) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

/// The value of a digit in ASCII, Arabic-Indic (٠–٩) or Extended Arabic-Indic (Persian,
/// ۰–۹) form: the three sets news in Arabic writes numbers with.
///
/// # Examples
/// ```
/// use frontline::text::chars::digit_value;
/// assert_eq!(digit_value('٧'), Some(7));
/// assert_eq!(digit_value('۴'), Some(4));
/// assert_eq!(digit_value('x'), None);
/// ```
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}
