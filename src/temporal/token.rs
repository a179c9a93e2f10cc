//! The date grammars' view of a text: the tokens of [`crate::text::token`] (byte spans,
//! folded words, numbers in any of the three digit sets, marks), each Arabic word with the
//! reading of its clitics that the grammar accepts, so والخميس is read as خميس with a
//! conjunction and an article while فبراير stays whole.

use crate::text::clitics::{self, Reading};
use crate::text::{self, Script};
use std::ops::{Deref, Range};

/// One token of a text and, for an Arabic word, its clitics. It dereferences to the text
/// token, so the grammars read `norm`, `span`, `glued` and the rest directly.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    token: text::Token,
    /// Byte range in `norm` of the word without its clitics (و ف, ب ل ك, ال); the whole
    /// word when none were taken off.
    pub stem: Range<usize>,
    /// The word carried a conjunction و or ف.
    pub conj: bool,
    /// The word carried the article ال.
    pub article: bool,
    /// The word carried a preposition ب, ل or ك.
    pub prep: bool,
}

impl Deref for Token {
    type Target = text::Token;

    fn deref(&self) -> &text::Token {
        &self.token
    }
}

impl Token {
    /// The word without clitics.
    pub fn stem(&self) -> &str {
        &self.norm[self.stem.clone()]
    }

    /// Whether this is a mark that ends a clause (full stop, comma, semicolon, colon,
    /// question or exclamation mark, parenthesis, bracket, quote).
    pub fn ends_clause(&self) -> bool {
        matches!(
            self.punct(),
            Some('.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '"')
        )
    }
}

/// Splits a text into tokens; `accept` says which readings of an Arabic word's clitics the
/// grammar takes (see [`clitics::strip`]), so that فبراير stays whole while والخميس becomes
/// خميس.
pub(crate) fn tokenize(text: &str, accept: fn(&Reading<'_>) -> bool) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    for token in text::tokens(text) {
        let whole = 0..token.norm.len();
        let (stem, conj, prep, article) = if token.script() == Some(Script::Arabic) {
            let r = clitics::strip(&token.norm, accept);
            let start = token.norm.len() - r.stem.len();
            (
                start..whole.end,
                r.conj.is_some(),
                r.prep.is_some(),
                r.article,
            )
        } else {
            (whole, false, false, false)
        };
        tokens.push(Token {
            token,
            stem,
            conj,
            article,
            prep,
        });
    }
    tokens
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
    use super::super::arabic::accepts;
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        tokenize(text, accepts)
            .iter()
            .map(|t| match t.number() {
                Some((value, _)) => value.to_string(),
                None if t.is_word() => t.stem().to_string(),
                None => t.punct().map(String::from).unwrap_or_default(),
            })
            .collect()
    }

    #[test]
    fn strips_clitics_only_down_to_date_words() {
        assert_eq!(stems("والخميس"), ["خميس"]);
        assert_eq!(stems("فبراير وفبراير"), ["فبراير", "فبراير"]);
        assert_eq!(stems("بالأمس للشهر لعام"), ["امس", "شهر", "عام"]);
        // A preposition without the article, before a word that is no unit: left whole.
        assert_eq!(stems("باب لامس"), ["باب", "لامس"]);
        let t = &tokenize("والخميس", accepts)[0];
        assert!(t.conj && t.article && !t.prep);
    }

    #[test]
    fn august_is_read_only_whole() {
        // Folded, آب and أب (father) are one word: with a clitic it is the father.
        assert_eq!(stems("آب الأب وأب"), ["اب", "الاب", "واب"]);
    }

    #[test]
    fn a_two_letter_number_keeps_its_article() {
        assert_eq!(stems("الست والست"), ["ست", "ست"]);
    }

    #[test]
    fn english_words_stay_whole() {
        let tokens = tokenize("Wall Street", |_| false);
        assert!(tokens.iter().all(|t| t.stem() == t.norm));
    }

    #[test]
    fn byte_ranges_cover_tokens() {
        let text = "في السَّابِع من إبريل";
        let tokens = tokenize(text, accepts);
        assert_eq!(&text[byte_range(&tokens, 1, 4)], "السَّابِع من إبريل");
        assert_eq!(byte_range(&tokens, 2, 2), 0..0);
    }
}
