//! Cutting text into words, numbers and marks, each with its byte span in the original
//! text and its folded form.
//!
//! A word is a run of letters of one script (Arabic, or Latin and any other alphabet) with
//! the marks, tatweel and invisible controls inside it, and an apostrophe between two of its
//! letters (Haftar's, Maʿitiga). A number is a run of digits in any of the three sets Arabic
//! news uses, with any mark or invisible control between them. Everything else that is not
//! a space is a mark of punctuation, one character a token. Digits glued to letters
//! (19يناير2020, 7th) and letters of two scripts glued together are separate tokens, so the
//! date grammars see `19 | يناير | 2020`.
//!
//! [`super::fold`] is defined over the same cut: the fold of a text is the folded words and
//! numbers of its tokens joined by a space, and each token's [`Token::norm`] is the fold of
//! its own text.

use super::chars::{digit_value, fold_word_char, is_arabic_letter};
use super::marks::{self, TATWEEL};
use std::ops::Range;

/// The script of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    /// Arabic letters, Persian and Urdu ones and the presentation forms included.
    Arabic,
    /// Latin letters, and letters of any other non-Arabic alphabet.
    Latin,
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters of one script.
    Word(Script),
    /// A run of digits (ASCII, Arabic-Indic or Persian): its value (saturating at
    /// `u32::MAX`) and how many digits it had.
    Number {
        /// The value.
        value: u32,
        /// How many digits were written (`07` has two).
        digits: u8,
    },
    /// One mark of punctuation. Dashes of every width and a free-standing tatweel read as
    /// `-`, the Arabic comma as `,`, the Arabic semicolon and question mark as `;` and `?`,
    /// and guillemets and curly double quotes as `"`.
    Punct(char),
}

/// One token of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// Word, number or mark.
    pub kind: Kind,
    /// The folded form of the token's text (see [`super::fold`]); empty for a mark.
    pub norm: String,
    /// First token of the text (or range) or of a line.
    pub line_start: bool,
    /// No space separates this token from the one before.
    pub glued: bool,
    /// A word whose first letter is a capital.
    pub capital: bool,
    /// A word of two letters or more, all capitals (a dateline's place: "TRIPOLI").
    pub all_caps: bool,
}

impl Token {
    /// Whether this is a word.
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word(_))
    }

    /// The script of a word; `None` for numbers and marks.
    pub fn script(&self) -> Option<Script> {
        match self.kind {
            Kind::Word(script) => Some(script),
            _ => None,
        }
    }

    /// The value and digit count of a number.
    pub fn number(&self) -> Option<(u32, u8)> {
        match self.kind {
            Kind::Number { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    /// The mark, if this is punctuation.
    pub fn punct(&self) -> Option<char> {
        match self.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Whether this is the mark `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// The tokens of a whole text, in order.
///
/// # Examples
/// ```
/// use frontline::text::token::{tokens, Kind, Script};
/// let text = "في السَّابِع من إبريل 2019";
/// let found: Vec<_> = tokens(text).collect();
/// assert_eq!(&text[found[1].span.clone()], "السَّابِع");
/// assert_eq!(found[1].norm, "السابع");
/// assert_eq!(found[1].kind, Kind::Word(Script::Arabic));
/// assert_eq!(found[3].norm, "ابريل");
/// assert_eq!(found[4].number(), Some((2019, 4)));
/// ```
pub fn tokens(text: &str) -> Tokens<'_> {
    tokens_in(text, 0..text.len())
}

/// The tokens of `range` of a text (a sentence), with spans into the whole text; the first
/// counts as a line start.
///
/// # Panics
/// If `range` does not fall on character boundaries of `text`.
pub fn tokens_in(text: &str, range: Range<usize>) -> Tokens<'_> {
    Tokens {
        text,
        scanner: Scanner::new(text, range),
    }
}

/// Iterator over the tokens of a text; see [`tokens`].
pub struct Tokens<'a> {
    text: &'a str,
    scanner: Scanner<'a>,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let piece = self.scanner.next_piece()?;
        let mut norm = String::new();
        let (mut letters, mut upper, mut capital) = (0usize, 0usize, false);
        if !matches!(piece.kind, Kind::Punct(_)) {
            norm.reserve(piece.span.len());
            // Arabic has no capitals; in a Latin word, whatever is no mark or apostrophe
            // is a letter.
            let cased = piece.kind == Kind::Word(Script::Latin);
            for c in self.text[piece.span.clone()].chars() {
                fold_word_char(c, &mut norm);
                if cased && !marks::is_ignorable(c) && !marks::is_apostrophe(c) {
                    let is_upper = c.is_uppercase();
                    capital |= letters == 0 && is_upper;
                    letters += 1;
                    upper += usize::from(is_upper);
                }
            }
        }
        Some(Token {
            span: piece.span,
            kind: piece.kind,
            norm,
            line_start: piece.line_start,
            glued: piece.glued,
            capital,
            all_caps: letters >= 2 && upper == letters,
        })
    }
}

/// A token before folding: what the fold and the tokenizer share.
pub(super) struct Piece {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// Word, number or mark.
    pub kind: Kind,
    /// First of the range or of a line.
    pub line_start: bool,
    /// No space before it.
    pub glued: bool,
}

/// The one scanner behind [`tokens`] and [`super::fold`], so that the two cut text into
/// words at the same places.
pub(super) struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
    line_start: bool,
    glued: bool,
}

impl<'a> Scanner<'a> {
    /// A scanner over `range` of `text`.
    pub fn new(text: &'a str, range: Range<usize>) -> Scanner<'a> {
        Scanner {
            text,
            pos: range.start,
            end: range.end,
            line_start: true,
            glued: false,
        }
    }

    /// The next token's span and kind; `None` at the end of the range.
    pub fn next_piece(&mut self) -> Option<Piece> {
        loop {
            let at = self.pos;
            let c = self.text[at..self.end].chars().next()?;
            let class = class(c);
            match class {
                Class::Space => {
                    if matches!(c, '\n' | '\u{2029}') {
                        self.line_start = true;
                    }
                    self.glued = false;
                    self.pos += c.len_utf8();
                    continue;
                }
                // A mark or control outside any word (a stray haraka, an RLM beside a
                // number) belongs to no token; a lone tatweel is a dash.
                Class::Ignorable if c != TATWEEL => {
                    self.pos += c.len_utf8();
                    continue;
                }
                _ => {}
            }
            let (end, kind) = match class {
                Class::Letter(script) => (self.word_end(at, script), Kind::Word(script)),
                Class::Digit => self.number(at),
                _ => (at + c.len_utf8(), Kind::Punct(canonical(c))),
            };
            let piece = Piece {
                span: at..end,
                kind,
                line_start: self.line_start,
                glued: self.glued,
            };
            self.pos = end;
            self.line_start = false;
            self.glued = true;
            return Some(piece);
        }
    }

    /// The end of the word of `script` starting at `at`.
    fn word_end(&self, at: usize, script: Script) -> usize {
        let mut chars = self.text[at..self.end].char_indices();
        let mut end = at;
        while let Some((i, c)) = chars.next() {
            match class(c) {
                Class::Letter(s) if s == script => end = at + i + c.len_utf8(),
                // Marks and tatweel belong to the letter before them. A control is inside
                // the word only when a letter follows it, so it never ends a span.
                Class::Ignorable => {
                    if !marks::is_format_control(c) {
                        end = at + i + c.len_utf8();
                    }
                }
                Class::Apostrophe
                    if chars
                        .clone()
                        .map(|(_, n)| class(n))
                        .find(|&k| k != Class::Ignorable)
                        == Some(Class::Letter(script)) => {}
                _ => break,
            }
        }
        end
    }

    /// The number starting at `at`: its end and kind.
    fn number(&self, at: usize) -> (usize, Kind) {
        let (mut end, mut value, mut digits) = (at, 0u32, 0u8);
        for (i, c) in self.text[at..self.end].char_indices() {
            if let Some(d) = digit_value(c) {
                value = value.saturating_mul(10).saturating_add(d);
                digits = digits.saturating_add(1);
                end = at + i + c.len_utf8();
            } else if c == TATWEEL || !marks::is_ignorable(c) {
                // A tatweel between numbers is a dash (2019ـ2020); an invisible control
                // between digits leaves the number whole.
                break;
            }
        }
        (end, Kind::Number { value, digits })
    }
}

/// What the scanner makes of a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Space,
    Ignorable,
    Apostrophe,
    Letter(Script),
    Digit,
    Mark,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Class::Letter(Script::Latin)
        } else if c.is_ascii_digit() {
            Class::Digit
        } else if c.is_ascii_whitespace() {
            Class::Space
        } else if marks::is_apostrophe(c) {
            Class::Apostrophe
        } else {
            Class::Mark
        };
    }
    if is_arabic_letter(c) {
        Class::Letter(Script::Arabic)
    } else if is_accented_latin_letter(c) {
        Class::Letter(Script::Latin)
    } else if marks::is_ignorable(c) {
        Class::Ignorable
    } else if c.is_whitespace() || marks::is_invisible_space(c) {
        Class::Space
    } else if marks::is_apostrophe(c) {
        Class::Apostrophe
    } else if digit_value(c).is_some() {
        Class::Digit
    } else if c.is_alphabetic() {
        Class::Letter(if is_arabic_script(c) {
            Script::Arabic
        } else {
            Script::Latin
        })
    } else {
        Class::Mark
    }
}

/// Whether `c` is a letter of Latin-1, Latin Extended-A and -B or Latin Extended
/// Additional, the blocks of transliterated names (Mişrātah, Ṭarābulus): all letters but
/// × and ÷, known without looking up Unicode's tables.
fn is_accented_latin_letter(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && !matches!(c, '×' | '÷')
}

/// Whether `c` is in one of the Unicode blocks of the Arabic script.
fn is_arabic_script(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{0870}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// The mark a punctuation character reads as (see [`Kind::Punct`]).
fn canonical(c: char) -> char {
    match c {
        '-' | '–' | '—' | '‒' | '―' | '−' | TATWEEL => '-',
        '،' | '٬' => ',',
        '؛' => ';',
        '؟' => '?',
        '«' | '»' | '“' | '”' | '„' => '"',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        tokens(text)
            .map(|t| match t.kind {
                Kind::Word(_) => t.norm,
                Kind::Number { value, .. } => value.to_string(),
                Kind::Punct(c) => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn splits_digits_glued_to_words_in_every_script() {
        assert_eq!(show("19يناير2020"), ["19", "يناير", "2020"]);
        assert_eq!(show("٧ أبريل"), ["7", "ابريل"]);
        assert_eq!(show("۱۹"), ["19"]);
        assert_eq!(show("April 7th, 2019"), ["april", "7", "th", ",", "2019"]);
        assert_eq!(show("2019ـ2020"), ["2019", "-", "2020"]);
    }

    #[test]
    fn keeps_byte_spans_and_folds_words() {
        let text = "في السَّابِع من إبريل";
        let found: Vec<Token> = tokens(text).collect();
        assert_eq!(&text[found[1].span.clone()], "السَّابِع");
        assert_eq!(found[1].norm, "السابع");
        assert_eq!(found[3].norm, "ابريل");
        let inner: Vec<Token> = tokens_in(text, found[1].span.start..text.len()).collect();
        assert_eq!(inner[0].span, found[1].span);
        assert!(inner[0].line_start);
    }

    #[test]
    fn reads_dashes_lines_and_capitals() {
        let found: Vec<Token> = tokens("ـ بنغازي ـ\nTRIPOLI (Reuters) —").collect();
        assert!(found[0].is_punct('-') && found[2].is_punct('-'));
        assert!(found[3].line_start && found[3].all_caps);
        assert!(found[5].capital && !found[5].all_caps);
        assert!(found[7].is_punct('-'));
        let glued: Vec<Token> = tokens("الـ24").collect();
        assert_eq!(glued[0].norm, "ال");
        assert!(glued[1].glued);
    }

    #[test]
    fn apostrophes_join_letters_only() {
        assert_eq!(show("Haftar's forces"), ["haftars", "forces"]);
        assert_eq!(show("'Tripoli'"), ["'", "tripoli", "'"]);
        assert_eq!(show("ʿAyn Zārah"), ["ʿ", "ayn", "zarah"]);
        assert!(tokens("ʿAyn").nth(1).is_some_and(|t| t.capital));
    }

    #[test]
    fn scripts_are_separate_words() {
        let found: Vec<Token> = tokens("GNAقوات").collect();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].script(), Some(Script::Latin));
        assert_eq!(found[1].script(), Some(Script::Arabic));
        assert!(found[1].glued);
    }

    #[test]
    fn invisible_controls_stay_out_of_spans_and_do_not_split_words() {
        let text = "\u{200F}مصرا\u{200D}تة\u{200F} 7\u{200F} أبريل";
        let found: Vec<Token> = tokens(text).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(&text[found[0].span.clone()], "مصرا\u{200D}تة");
        assert_eq!(found[0].norm, "مصراته");
        assert_eq!(found[1].number(), Some((7, 1)));
        // The non-joiner is a space.
        assert_eq!(show("بنی\u{200C}ولید"), ["بني", "وليد"]);
    }

    #[test]
    fn marks_read_as_their_ascii_counterparts() {
        assert_eq!(show("،؛؟«»–"), [",", ";", "?", "\"", "\"", "-"]);
        assert!(tokens("،").all(|t| t.norm.is_empty()));
    }
}
