//! Splitting news text into the words, numbers and marks the date grammars read.
//!
//! Every token keeps its byte range in the original text, so a match maps back to the
//! exact words. Words are folded once here (Arabic hamza forms of alef to bare alef, taa
//! marbuta to haa, alef maqsura and yeh with hamza to yeh, waw with hamza to waw; harakat
//! and tatweel dropped; Latin lower-cased), the same folding as `gazetteer::fold`, so the
//! grammars compare plain strings. Digits in any of the three Arabic-script sets become
//! numbers; a run of digits glued to letters (`19يناير2020`) is split off as its own token.

use std::ops::Range;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters: an Arabic or Latin word.
    Word,
    /// A run of digits: its value (saturating) and how many digits it had.
    Number { value: u32, digits: u8 },
    /// One mark of punctuation; dashes of every width (and a free-standing tatweel, used
    /// as a dash in Arabic datelines: "ـ بنغازي ـ") read as `-`, Arabic comma as `,`.
    Punct(char),
}

/// One token of a text.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// Word, number or mark.
    pub kind: TokenKind,
    /// The folded word (empty for numbers and marks).
    pub norm: String,
    /// Byte range in `norm` of the word without its clitics (و ف, ب ل ك, ال); the whole
    /// word when none were recognised.
    pub stem: Range<usize>,
    /// The word carried a conjunction و or ف.
    pub conj: bool,
    /// The word carried the article ال (or its English counterpart is never set).
    pub article: bool,
    /// The word carried a preposition ب, ل or ك.
    pub prep: bool,
    /// First token of the text or of a line.
    pub line_start: bool,
    /// No space separates this token from the one before.
    pub glued: bool,
    /// A Latin word starting with a capital letter.
    pub capital: bool,
    /// A Latin word written all in capitals (a dateline's place: "TRIPOLI").
    pub all_caps: bool,
}

impl Token {
    /// The word without clitics.
    pub fn stem(&self) -> &str {
        &self.norm[self.stem.clone()]
    }

    /// Whether this is a word token.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// The value of a number token.
    pub fn number(&self) -> Option<(u32, u8)> {
        match self.kind {
            TokenKind::Number { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    /// Whether this is the mark `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }

    /// Whether this is a mark that ends a clause (full stop, comma, semicolon, colon,
    /// question or exclamation mark, parenthesis, bracket, quote).
    pub fn ends_clause(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::Punct('.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '"')
        )
    }
}

/// Splits a text into tokens; `known` says which stems an Arabic word may be reduced to
/// by removing clitics, so that فبراير stays whole while والخميس becomes خميس.
pub(crate) fn tokenize(text: &str, known: fn(&str) -> bool) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    let mut line_start = true;
    let mut glued = false;
    while let Some(&(at, c)) = chars.peek() {
        if c.is_whitespace() {
            if c == '\n' || c == '\u{2029}' {
                line_start = true;
            }
            glued = false;
            chars.next();
            continue;
        }
        let token = if let Some(d) = digit(c) {
            let mut value: u32 = d;
            let mut digits: u8 = 1;
            let mut end = at + c.len_utf8();
            chars.next();
            while let Some(&(j, c)) = chars.peek() {
                let Some(d) = digit(c) else { break };
                value = value.saturating_mul(10).saturating_add(d);
                digits = digits.saturating_add(1);
                end = j + c.len_utf8();
                chars.next();
            }
            plain(at..end, TokenKind::Number { value, digits })
        } else if is_letter(c) {
            let mut norm = String::new();
            let mut end = at;
            let (mut capital, mut all_caps, mut first) = (false, true, true);
            while let Some(&(j, c)) = chars.peek() {
                if !(is_letter(c) || is_mark(c) || c == TATWEEL) {
                    break;
                }
                if c.is_ascii_alphabetic() {
                    if first {
                        capital = c.is_ascii_uppercase();
                    }
                    all_caps &= c.is_ascii_uppercase();
                } else {
                    all_caps = false;
                }
                first = false;
                fold_into(c, &mut norm);
                end = j + c.len_utf8();
                chars.next();
            }
            let mut token = plain(at..end, TokenKind::Word);
            let (stem, conj, prep, article) = strip_clitics(&norm, known);
            token.stem = stem;
            token.conj = conj;
            token.prep = prep;
            token.article = article;
            token.capital = capital;
            token.all_caps = all_caps && norm.len() > 1;
            token.norm = norm;
            token
        } else {
            chars.next();
            let mark = match c {
                '-' | '–' | '—' | '‒' | '―' | '−' | TATWEEL => '-',
                '،' | '٬' => ',',
                '؛' => ';',
                '؟' => '?',
                '«' | '»' | '“' | '”' | '„' => '"',
                c => c,
            };
            plain(at..at + c.len_utf8(), TokenKind::Punct(mark))
        };
        let mut token = token;
        token.line_start = line_start;
        token.glued = glued;
        line_start = false;
        glued = true;
        tokens.push(token);
    }
    tokens
}

const TATWEEL: char = '\u{0640}';

fn plain(span: Range<usize>, kind: TokenKind) -> Token {
    Token {
        span,
        kind,
        norm: String::new(),
        stem: 0..0,
        conj: false,
        article: false,
        prep: false,
        line_start: false,
        glued: false,
        capital: false,
        all_caps: false,
    }
}

/// The value of a digit in ASCII, Arabic-Indic or Extended Arabic-Indic (Persian) form.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

fn is_letter(c: char) -> bool {
    c != TATWEEL && c.is_alphabetic()
}

fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}')
}

/// Appends one character in folded form (see the module doc).
fn fold_into(c: char, out: &mut String) {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ة' => out.push('ه'),
        'ى' | 'ی' | 'ئ' => out.push('ي'),
        'ؤ' => out.push('و'),
        'ک' => out.push('ك'),
        TATWEEL => {}
        c if is_mark(c) => {}
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// Finds the stem of a folded Arabic word: the least-stripped reading among
/// [و|ف] [ب|ل|ك] [ال] + stem whose stem is `known`. A preposition is only taken off
/// together with the article (بالأمس, للشهر) or before عام/سنة/يوم/شهر (لعام 2016), and a
/// stripped stem must keep three letters, so باب and لامس are not read as آب and أمس.
fn strip_clitics(norm: &str, known: fn(&str) -> bool) -> (Range<usize>, bool, bool, bool) {
    let whole = 0..norm.len();
    if !norm.starts_with(|c: char| ('\u{0621}'..='\u{064A}').contains(&c)) || known(norm) {
        return (whole, false, false, false);
    }
    let long_enough = |s: &str| s.chars().count() >= 3;
    for conj in [false, true] {
        let base = if conj {
            match norm.strip_prefix(['و', 'ف']) {
                Some(rest) => norm.len() - rest.len(),
                None => continue,
            }
        } else {
            0
        };
        let w = &norm[base..];
        let candidates: [(Option<&str>, bool, bool); 4] = [
            (Some(w), false, false),
            (w.strip_prefix("ال"), false, true),
            (
                w.strip_prefix("بال")
                    .or_else(|| w.strip_prefix("كال"))
                    .or_else(|| w.strip_prefix("لل")),
                true,
                true,
            ),
            (
                w.strip_prefix(['ب', 'ل', 'ك'])
                    .filter(|s| matches!(*s, "عام" | "سنه" | "يوم" | "شهر")),
                true,
                false,
            ),
        ];
        for (stem, prep, article) in candidates {
            let Some(stem) = stem else { continue };
            let stripped = conj || prep || article;
            if (stripped && !long_enough(stem)) || !known(stem) {
                continue;
            }
            let start = norm.len() - stem.len();
            return (start..norm.len(), conj, prep, article);
        }
    }
    (whole, false, false, false)
}

/// Byte range in the text covered by tokens `from..to` (token indices, `to` exclusive).
pub(crate) fn byte_range(tokens: &[Token], from: usize, to: usize) -> Range<usize> {
    match (
        tokens.get(from),
        to.checked_sub(1).and_then(|last| tokens.get(last)),
    ) {
        (Some(a), Some(b)) if to > from => a.span.start..b.span.end,
        _ => 0..0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(stem: &str) -> bool {
        matches!(
            stem,
            "خميس" | "فبراير" | "امس" | "شهر" | "عام" | "اب" | "يوم"
        )
    }

    fn kinds(text: &str) -> Vec<String> {
        tokenize(text, known)
            .iter()
            .map(|t| match t.kind {
                TokenKind::Word => t.stem().to_string(),
                TokenKind::Number { value, .. } => value.to_string(),
                TokenKind::Punct(c) => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn splits_digits_glued_to_words_in_every_script() {
        assert_eq!(kinds("19يناير2020"), ["19", "يناير", "2020"]);
        assert_eq!(kinds("٧ أبريل"), ["7", "ابريل"]);
        assert_eq!(kinds("۱۹"), ["19"]);
        assert_eq!(kinds("April 7th, 2019"), ["april", "7", "th", ",", "2019"]);
    }

    #[test]
    fn strips_clitics_only_down_to_known_stems() {
        assert_eq!(kinds("والخميس"), ["خميس"]);
        assert_eq!(kinds("فبراير وفبراير"), ["فبراير", "فبراير"]);
        assert_eq!(kinds("بالأمس للشهر لعام"), ["امس", "شهر", "عام"]);
        // Too short once stripped, or a preposition without the article: left whole.
        assert_eq!(kinds("باب لامس"), ["باب", "لامس"]);
        let t = &tokenize("والخميس", known)[0];
        assert!(t.conj && t.article && !t.prep);
    }

    #[test]
    fn keeps_byte_spans_and_folds_letters() {
        let text = "في السَّابِع من إبريل";
        let tokens = tokenize(text, known);
        assert_eq!(&text[tokens[1].span.clone()], "السَّابِع");
        assert_eq!(tokens[1].norm, "السابع");
        assert_eq!(tokens[3].norm, "ابريل");
        assert_eq!(&text[byte_range(&tokens, 1, 4)], "السَّابِع من إبريل");
    }

    #[test]
    fn reads_dashes_lines_and_capitals() {
        let tokens = tokenize("ـ بنغازي ـ\nTRIPOLI (Reuters) —", known);
        assert!(tokens[0].is_punct('-') && tokens[2].is_punct('-'));
        assert!(tokens[3].line_start && tokens[3].all_caps);
        assert!(tokens[5].capital && !tokens[5].all_caps);
        assert!(tokens[7].is_punct('-'));
        assert!(tokenize("الـ24", known)[1].glued);
    }
}
