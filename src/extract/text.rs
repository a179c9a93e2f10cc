//! Splitting news text into sentences, clauses and tokens, each with its byte span, and
//! folding tokens for matching (Arabic clitics stripped, letters folded as the gazetteer
//! folds them).

use crate::text::fold;
use std::ops::Range;

/// One word of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// The folded form (see [`fold`]).
    pub folded: String,
    /// Whether the word starts with an upper-case letter (English proper names).
    pub capitalised: bool,
}

/// Words and numbers of a text, with punctuation dropped; Arabic and Latin letters, digits
/// of both scripts, and the letters inside a hyphenated name stay together.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let slice = &text[range.clone()];
    let push = |from: usize, to: usize, tokens: &mut Vec<Token>| {
        let word = &text[from..to];
        let folded = fold(word);
        if !folded.is_empty() {
            tokens.push(Token {
                span: from..to,
                capitalised: word.chars().next().is_some_and(char::is_uppercase),
                folded,
            });
        }
    };
    for (i, c) in slice.char_indices() {
        let at = range.start + i;
        // Diacritics and tatweel are letters' companions, not separators.
        let inside = c.is_alphanumeric() || is_arabic_mark(c) || c == '\'' || c == '’';
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                push(from, at, &mut tokens);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        push(from, range.end, &mut tokens);
    }
    tokens
}

fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Sentences: split after `.`, `!`, `?`, `؟` and at line ends, keeping abbreviations such
/// as "U.S." and decimals together.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let ends = match c {
            '\n' => true,
            '!' | '?' | '؟' => true,
            '.' => {
                // "U.S." or "3.5" do not end a sentence.
                let short_before = prev.is_some_and(|p| p.is_uppercase())
                    && k >= 2
                    && !chars[k - 2].1.is_alphabetic();
                let digit_around = prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit());
                !short_before && !digit_around && next.is_none_or(char::is_whitespace)
            }
            _ => false,
        };
        if ends {
            let end = i + c.len_utf8();
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// Clauses of a sentence: split at commas (Arabic `،` and Latin `,`), semicolons, and before
/// "في حين" / "بينما" / "while" / "whereas", which join two facts in one sentence.
pub fn clauses(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let slice = &text[sentence.clone()];
    let mut cuts: Vec<usize> = Vec::new();
    for (i, c) in slice.char_indices() {
        if matches!(c, '،' | ',' | ';' | '؛') {
            cuts.push(sentence.start + i + c.len_utf8());
        }
    }
    for marker in ["في حين", "بينما", " while ", " whereas "] {
        let mut from = 0;
        while let Some(found) = slice[from..].find(marker) {
            cuts.push(sentence.start + from + found);
            from += found + marker.len();
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = sentence.start;
    for cut in cuts {
        if cut > start {
            push_trimmed(text, start..cut, &mut out);
            start = cut;
        }
    }
    push_trimmed(text, start..sentence.end, &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// The forms an Arabic token may stand for once its clitics are taken off: itself, without
/// a leading conjunction (و ف), without a preposition (ب ل ك), and without the article ال.
/// "والخلة" gives والخله, الخله, خله; "بمصراتة" gives مصراته.
pub fn clitic_forms(folded: &str) -> Vec<String> {
    let mut forms = vec![folded.to_string()];
    let mut stems = vec![folded];
    // "للجيش" is ل + الجيش with the article's alef dropped.
    let conjunction_free = folded.strip_prefix(['و', 'ف']).unwrap_or(folded);
    if let Some(rest) = conjunction_free
        .strip_prefix("لل")
        .filter(|r| r.chars().count() >= 2)
    {
        forms.push(format!("ال{rest}"));
        forms.push(rest.to_string());
    }
    for prefixes in [&["و", "ف"][..], &["ب", "ل", "ك"][..], &["ال", "ل"][..]] {
        let mut next = Vec::new();
        for stem in &stems {
            for p in prefixes {
                if let Some(rest) = stem.strip_prefix(p) {
                    // Keep at least two letters: "وادي" is not و + ادي worth trying alone.
                    if rest.chars().count() >= 2 {
                        next.push(rest);
                    }
                }
            }
        }
        for s in &next {
            if !forms.iter().any(|f| f == s) {
                forms.push(s.to_string());
            }
        }
        stems.extend(next);
    }
    forms
}

/// Character offset of a byte offset, for provenance that a person or another language
/// counts in characters.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_their_spans_across_scripts() {
        let text = "وقال مراسل الجزيرة في طرابلس، أحمد خليفة: U.S. forces";
        let tokens = tokenize(text, 0..text.len());
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.clone()]).collect();
        assert_eq!(
            words,
            [
                "وقال",
                "مراسل",
                "الجزيرة",
                "في",
                "طرابلس",
                "أحمد",
                "خليفة",
                "U",
                "S",
                "forces"
            ]
        );
        assert_eq!(tokens[6].folded, "خليفه");
    }

    #[test]
    fn sentences_and_clauses_split_where_facts_do() {
        let text = "U.S. forces left on 7 April. They are back.\nتشهد المحاور هدوءا، في حين تعزز القوات مواقعها.";
        let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            s,
            [
                "U.S. forces left on 7 April.",
                "They are back.",
                "تشهد المحاور هدوءا، في حين تعزز القوات مواقعها."
            ]
        );
        let third = sentences(text)[2].clone();
        let c: Vec<&str> = clauses(text, third).into_iter().map(|r| &text[r]).collect();
        assert_eq!(c, ["تشهد المحاور هدوءا،", "في حين تعزز القوات مواقعها."]);
    }

    #[test]
    fn clitics_come_off_in_order() {
        let forms = clitic_forms(&fold("والخلة"));
        assert!(
            forms.contains(&fold("الخلة")) && forms.contains(&fold("خلة")),
            "{forms:?}"
        );
        assert!(clitic_forms(&fold("بمصراتة")).contains(&fold("مصراتة")));
        assert!(clitic_forms(&fold("لتونس")).contains(&fold("تونس")));
        assert!(clitic_forms(&fold("وصلاح")).contains(&fold("صلاح")));
        assert!(clitic_forms(&fold("للجيش")).contains(&fold("الجيش")));
    }
}
