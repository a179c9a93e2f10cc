//! The one table of characters that live inside words without being letters: Arabic marks,
//! tatweel, Latin combining accents, invisible format controls and apostrophes.
//!
//! Folding drops every one of them, and the tokenizer keeps them inside the word they sit
//! in, so a word written with or without its harakat, stretched with tatweel or wrapped in
//! bidi controls by a web page folds to the same key. Two invisible characters are spaces
//! instead (see [`is_invisible_space`]).

/// Tatweel (kashida, U+0640): stretches a joined letter to justify a line; no sound, no
/// letter. Alone between spaces, Arabic datelines use it as a dash ("ـ بنغازي ـ").
pub const TATWEEL: char = '\u{0640}';

/// Whether `c` is an Arabic mark written above or below a letter: harakat, tanwin, shadda,
/// sukun, superscript alef, the small signs and honorifics of U+0610–061A, and the Quranic
/// annotation marks.
///
/// The Quranic range U+06D6–06ED leaves out ۞ (U+06DE) and ۩ (U+06E9): they are symbols set
/// between verses, never on a letter, so they separate words like punctuation.
///
/// # Examples
/// ```
/// use frontline::text::marks::is_arabic_mark;
/// assert!(is_arabic_mark('\u{064E}')); // fatha
/// assert!(is_arabic_mark('\u{0670}')); // superscript alef
/// assert!(!is_arabic_mark('ب'));
/// ```
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'     // honorifics and small high signs
        | '\u{064B}'..='\u{065F}'   // tanwin, harakat, shadda, sukun, madda and hamza above/below
        | '\u{0670}'                // superscript (dagger) alef
        | '\u{06D6}'..='\u{06DD}'   // Quranic small high ligatures, end of ayah
        | '\u{06DF}'..='\u{06E8}'   // Quranic small signs, small waw and yeh
        | '\u{06EA}'..='\u{06ED}'   // Quranic low signs
        | '\u{08D3}'..='\u{08FF}') // Arabic Extended-A marks (open tanwin, Quranic signs)
}

/// Whether `c` is a combining accent of Latin letters (U+0300–036F), what NFKD leaves of é
/// after the e.
pub fn is_combining_accent(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Whether `c` is an invisible control that shapes or orders text without separating words:
/// zero width joiner, the bidi marks LRM, RLM and ALM, bidi embeddings, overrides and
/// isolates, the word joiner, the byte order mark and the soft hyphen. Web pages scatter them
/// through Arabic text, inside words and beside them.
pub fn is_format_control(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'                  // soft hyphen
            | '\u{061C}'            // Arabic letter mark (ALM)
            | '\u{200D}'            // zero width joiner
            | '\u{200E}'            // left-to-right mark
            | '\u{200F}'            // right-to-left mark
            | '\u{202A}'..='\u{202E}' // embeddings and overrides
            | '\u{2060}'            // word joiner
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{FEFF}' // byte order mark, zero width no-break space
    )
}

/// Whether `c` is an invisible character that separates words: the zero width space, and the
/// zero width non-joiner, which Persian names in the gazetteer use where Arabic writes a
/// space (بنی‌ولید for بني وليد, شرم‌الشیخ for شرم الشيخ).
pub fn is_invisible_space(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}')
}

/// Whether folding drops `c` and the tokenizer keeps it inside the word it sits in: an
/// Arabic mark, tatweel, a Latin combining accent or a format control.
///
/// # Examples
/// ```
/// use frontline::text::marks::is_ignorable;
/// assert!(is_ignorable('\u{0651}')); // shadda
/// assert!(is_ignorable('\u{0640}')); // tatweel
/// assert!(is_ignorable('\u{200F}')); // right-to-left mark
/// assert!(!is_ignorable('\u{200C}')); // zero width non-joiner: a space
/// ```
pub fn is_ignorable(c: char) -> bool {
    c == TATWEEL || is_arabic_mark(c) || is_combining_accent(c) || is_format_control(c)
}

/// Whether `c` is an apostrophe or a transliteration sign for ayn and hamza (ʿ ʾ ʼ ʻ).
/// Between two letters it belongs to the word and folds away (Haftar's → haftars,
/// Maʿitiga → maitiga); anywhere else it is punctuation (a quote mark).
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | '`' | '\u{02BC}' | '\u{02BB}' | '\u{02BE}' | '\u{02BF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_arabic_mark_of_the_old_tables_is_a_mark() {
        // The ranges the gazetteer's, the date tokenizer's and the extractor's tables held.
        let old = ('\u{0610}'..='\u{061A}')
            .chain('\u{064B}'..='\u{065F}')
            .chain(std::iter::once('\u{0670}'))
            .chain(('\u{06D6}'..='\u{06ED}').filter(|c| !matches!(c, '\u{06DE}' | '\u{06E9}')));
        for c in old {
            assert!(is_arabic_mark(c), "U+{:04X}", c as u32);
            assert!(is_ignorable(c), "U+{:04X}", c as u32);
        }
        assert!(is_ignorable(TATWEEL));
    }

    #[test]
    fn verse_ornaments_and_letters_are_not_marks() {
        for c in ['\u{06DE}', '\u{06E9}', 'ا', 'ى', 'ة', 'ء', '،', 'a'] {
            assert!(!is_ignorable(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn invisible_controls_are_ignorable_but_the_non_joiner_separates() {
        for c in [
            '\u{200D}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{202B}', '\u{2067}',
        ] {
            assert!(is_ignorable(c), "U+{:04X}", c as u32);
            assert!(!is_invisible_space(c));
        }
        assert!(is_invisible_space('\u{200C}') && !is_ignorable('\u{200C}'));
        assert!(is_invisible_space('\u{200B}') && !is_ignorable('\u{200B}'));
    }

    #[test]
    fn apostrophes_are_not_ignorable() {
        for c in ['\'', '’', 'ʿ', 'ʾ'] {
            assert!(is_apostrophe(c) && !is_ignorable(c));
        }
        assert!(!is_apostrophe('"'));
    }
}
