//! Splitting news text into sentences and clauses, the words of each (from
//! [`crate::text::token`], with byte spans), and the forms an Arabic word may stand for once
//! its clitics are off.

use crate::text::clitics;
use crate::text::{tokens_in, Token};
use std::ops::Range;

/// The words and numbers of `range` of a text (a sentence), with spans into the whole text;
/// punctuation is left out.
pub fn words(text: &str, range: Range<usize>) -> Vec<Token> {
    tokens_in(text, range)
        .filter(|t| t.punct().is_none())
        .collect()
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

/// The forms a folded Arabic word may stand for once its clitics are taken off, least
/// stripped first: each reading of [`clitics::readings`] ("والخلة" gives والخله, الخله,
/// خله; "بمصراتة" gives مصراته), and where ل swallowed the article's alef (للجيش) the stem
/// with its article written out (الجيش), as lexicon entries and gazetteer names carry it.
pub fn clitic_forms(folded: &str) -> Vec<String> {
    let mut forms = Vec::with_capacity(4);
    for r in clitics::readings(folded) {
        if r.article_elided() {
            forms.push(format!("ال{}", r.stem));
        }
        forms.push(r.stem.to_string());
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
    use crate::text::fold;

    #[test]
    fn tokens_keep_their_spans_across_scripts() {
        let text = "وقال مراسل الجزيرة في طرابلس، أحمد خليفة: U.S. forces";
        let tokens = words(text, 0..text.len());
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
        assert_eq!(tokens[6].norm, "خليفه");
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

    #[test]
    fn the_least_stripped_form_comes_first() {
        // للبدة is ل + لبدة (Labdah): the place is found before any barer form.
        assert_eq!(clitic_forms("للبده"), ["للبده", "لبده", "البده", "بده"]);
        assert_eq!(clitic_forms("وادي"), ["وادي", "ادي"]);
    }
}
