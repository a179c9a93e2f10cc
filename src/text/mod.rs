//! The one Arabic and Latin text layer: the normalise step between reading and resolving.
//!
//! Every module that compares words goes through it, so one word folds the same way in a
//! date, a place name, an actor's name and a lexicon entry:
//! [`marks`] is the table of characters that ride on letters (harakat, tatweel, accents,
//! invisible controls); [`chars`] folds one character; [`fold`] the key words are compared
//! under; [`token`] cuts text into
//! words, numbers and marks with their spans; [`clitics`] reads the proclitics off an Arabic
//! word (و ف، ب ل ك، ال).

pub mod chars;
pub mod clitics;
pub mod fold;
pub mod marks;
pub mod token;

pub use fold::{fold, fold_into};
pub use token::{tokens, tokens_in, Kind, Script, Token};

#[cfg(test)]
mod tests {
    //! Properties of the layer as a whole, over random texts of Arabic and Latin words with
    //! marks, tatweel, alef variants, clitics, digits of three scripts and punctuation.

    use super::clitics::{readings, strip, MIN_STEM};
    use super::*;
    use proptest::prelude::*;

    const ARABIC_LETTERS: &[char] = &[
        'ا', 'أ', 'إ', 'آ', 'ٱ', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ر', 'ز', 'س', 'ش', 'ص', 'ط',
        'ع', 'غ', 'ف', 'ق', 'ك', 'ک', 'ل', 'م', 'ن', 'ه', 'ة', 'و', 'ؤ', 'ي', 'ى', 'ی', 'ئ', 'ء',
        'ڤ', 'پ', 'ﻃ', 'ﺮ',
    ];
    /// Harakat, tanwin, shadda, sukun, superscript alef, a Quranic sign, an honorific sign,
    /// tatweel and invisible controls: what a word may carry without changing.
    const ARABIC_MARKS: &[char] = &[
        '\u{064B}', '\u{064C}', '\u{064D}', '\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}',
        '\u{0652}', '\u{0670}', '\u{06DA}', '\u{0610}', '\u{0640}', '\u{200D}', '\u{200F}',
    ];
    const PREFIXES: &[&str] = &[
        "", "", "", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "كال", "لل", "ولل", "وب",
        "وبال",
    ];
    const LATIN_LETTERS: &[char] = &[
        'a', 'b', 'd', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'r', 's', 't', 'u', 'y', 'z', 'A',
        'G', 'M', 'T', 'Z', 'é', 'ā', 'ş', 'Ṭ', 'ī', 'Ç',
    ];
    const LATIN_MARKS: &[char] = &['\u{0301}', '\u{0304}', '\u{0327}', '\u{200E}'];
    const DIGITS: &[char] = &['0', '1', '2', '7', '9', '٠', '٢', '٧', '٩', '۰', '۲', '۷'];
    const SEPARATORS: &[&str] = &[
        " ",
        " ",
        " ",
        "  ",
        "\n",
        "، ",
        ", ",
        "-",
        " ـ ",
        ".",
        "؟ ",
        "(",
        ") ",
        "«",
        "»",
        "'",
        "/",
        "\u{200C}",
        "\u{200F} ",
        "",
        "",
    ];

    /// An Arabic word: maybe clitics, then letters, each maybe followed by a mark.
    fn arabic_word() -> impl Strategy<Value = (String, String)> {
        (
            prop::sample::select(PREFIXES),
            prop::collection::vec(
                (
                    prop::sample::select(ARABIC_LETTERS),
                    prop::option::weighted(0.4, prop::sample::select(ARABIC_MARKS)),
                ),
                1..7,
            ),
        )
            .prop_map(|(prefix, letters)| {
                let plain: String =
                    prefix.to_string() + &letters.iter().map(|(c, _)| *c).collect::<String>();
                let marked: String = prefix.to_string()
                    + &letters
                        .iter()
                        .flat_map(|(c, m)| std::iter::once(*c).chain(*m))
                        .collect::<String>();
                (marked, plain)
            })
    }

    /// A Latin word, maybe with combining accents and an apostrophe inside.
    fn latin_word() -> impl Strategy<Value = (String, String)> {
        (
            prop::collection::vec(
                (
                    prop::sample::select(LATIN_LETTERS),
                    prop::option::weighted(0.2, prop::sample::select(LATIN_MARKS)),
                ),
                1..8,
            ),
            prop::option::weighted(0.2, 1usize..6),
        )
            .prop_map(|(letters, apostrophe)| {
                let mut plain = String::new();
                let mut marked = String::new();
                for (i, (c, m)) in letters.iter().enumerate() {
                    if i > 0 && apostrophe == Some(i) {
                        plain.push('\'');
                        marked.push('\'');
                    }
                    plain.push(*c);
                    marked.push(*c);
                    marked.extend(*m);
                }
                (marked, plain)
            })
    }

    fn number() -> impl Strategy<Value = (String, String)> {
        prop::collection::vec(prop::sample::select(DIGITS), 1..6).prop_map(|d| {
            let s: String = d.into_iter().collect();
            (s.clone(), s)
        })
    }

    /// A text of words and numbers with separators (sometimes none: glued), as written with
    /// marks and as written without them.
    fn text() -> impl Strategy<Value = (String, String)> {
        prop::collection::vec(
            (
                prop_oneof![3 => arabic_word(), 2 => latin_word(), 1 => number()],
                prop::sample::select(SEPARATORS),
            ),
            0..12,
        )
        .prop_map(|parts| {
            let mut marked = String::new();
            let mut plain = String::new();
            for ((m, p), sep) in parts {
                marked.push_str(&m);
                marked.push_str(sep);
                plain.push_str(&p);
                plain.push_str(sep);
            }
            (marked, plain)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn every_token_is_the_fold_of_its_own_text((text, _) in text()) {
            let mut last_end = 0;
            for t in tokens(&text) {
                prop_assert!(t.span.start >= last_end && t.span.end > t.span.start);
                last_end = t.span.end;
                let original = &text[t.span.clone()];
                prop_assert_eq!(&t.norm, &fold(original), "{:?} in {:?}", original, text);
                prop_assert!(!t.norm.contains(' '));
                if t.is_word() || t.number().is_some() {
                    prop_assert!(!t.norm.is_empty(), "{:?}", original);
                }
            }
        }

        #[test]
        fn the_fold_of_a_text_is_its_folded_words_one_space_apart((text, _) in text()) {
            let words: Vec<String> = tokens(&text)
                .filter(|t| t.punct().is_none())
                .map(|t| t.norm)
                .collect();
            prop_assert_eq!(fold(&text), words.join(" "));
        }

        #[test]
        fn fold_is_idempotent((text, _) in text()) {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn marks_do_not_change_the_fold((marked, plain) in text()) {
            prop_assert_eq!(fold(&marked), fold(&plain), "{:?} / {:?}", marked, plain);
        }

        #[test]
        fn marks_do_not_change_a_word((marked, plain) in prop_oneof![arabic_word(), latin_word()]) {
            prop_assert_eq!(fold(&marked), fold(&plain));
        }

        #[test]
        fn clitic_stems_are_non_empty_suffixes_of_the_folded_word(
            (word, _) in arabic_word(),
            keep in 0usize..6,
        ) {
            let folded = fold(&word);
            for r in readings(&folded) {
                prop_assert!(!r.stem.is_empty());
                prop_assert!(folded.ends_with(r.stem));
                if !r.is_whole() {
                    prop_assert!(r.stem.chars().count() >= MIN_STEM);
                }
            }
            // Whatever a caller accepts, the stem is a non-empty suffix.
            let r = strip(&folded, |r| r.stem.chars().count() <= keep);
            prop_assert!(!r.stem.is_empty() && folded.ends_with(r.stem));
        }
    }
}
