//! Datelines: the place (and maybe date and agency) that opens a wire report or one of its
//! paragraphs, "TRIPOLI, April 7 (Reuters) -", "طرابلس-الرسالة نت", "ـ بنغازي ـ". They date
//! and place the report, not an event, so a date inside one is marked as such.

use super::token::{byte_range, tokenize, Token};
use crate::text::Script;
use std::ops::Range;

/// The byte ranges of the datelines in a text, in text order.
///
/// # Examples
/// ```
/// use frontline::temporal::datelines;
/// let text = "TRIPOLI, April 7 (Reuters) - U.S. forces left.";
/// let found = datelines(text);
/// assert_eq!(&text[found[0].clone()], "TRIPOLI, April 7 (Reuters) -");
/// ```
pub fn datelines(text: &str) -> Vec<Range<usize>> {
    let tokens = tokenize(text, |_| false);
    regions(&tokens)
        .into_iter()
        .map(|r| byte_range(&tokens, r.start, r.end))
        .collect()
}

/// Token ranges of the datelines among `tokens`.
pub(crate) fn regions(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for (s, t) in tokens.iter().enumerate() {
        if !t.line_start {
            continue;
        }
        let line_end = tokens[s + 1..]
            .iter()
            .position(|t| t.line_start)
            .map_or(tokens.len(), |p| s + 1 + p);
        let line = &tokens[s..line_end];
        if let Some(end) = english(line)
            .or_else(|| arabic(line))
            .or_else(|| timestamp(line))
        {
            found.push(s..s + end);
        }
    }
    found
}

fn is_dash(t: &Token) -> bool {
    t.is_punct('-')
}

/// A hyphen inside a word (al-Sarraj, Abu-Salim) rather than a dash between words.
fn is_hyphen(line: &[Token], k: usize) -> bool {
    line[k].glued && line.get(k + 1).is_some_and(|n| n.glued && n.is_word())
}

/// "TRIPOLI, April 7 (Reuters) -", "TRIPOLI (Reuters) —", "BENGHAZI, Libya -": a word in
/// capitals, then within 16 tokens a comma or parenthesis and a dash. The token count
/// up to and including the dash.
fn english(line: &[Token]) -> Option<usize> {
    line.first().filter(|t| t.all_caps && t.norm.len() >= 3)?;
    let mut framed = false;
    for (k, t) in line.iter().enumerate().take(16).skip(1) {
        if t.is_punct(',') || t.is_punct('(') {
            framed = true;
        }
        if is_dash(t) && !is_hyphen(line, k) {
            return framed.then_some(k + 1);
        }
        // A full stop ends the search unless it closes an abbreviation (Sept., U.S.).
        let abbreviation = line[k - 1].capital && line[k - 1].norm.len() <= 4;
        if t.is_punct('.') && !abbreviation {
            return None;
        }
    }
    None
}

/// A line holding only a time stamp, "2019-05-01T18:49:00+03:00", "1/5/2019 18:49 GMT":
/// the publication time a page prints under its headline.
fn timestamp(line: &[Token]) -> Option<usize> {
    let stamp_word = |t: &Token| {
        matches!(
            t.norm.as_str(),
            "t" | "z" | "utc" | "gmt" | "am" | "pm" | "م" | "ص"
        )
    };
    let numbers = line.iter().filter(|t| t.number().is_some()).count();
    let only_stamp = line
        .iter()
        .all(|t| t.number().is_some() || (t.is_word() && stamp_word(t)) || t.punct().is_some());
    (numbers >= 3 && only_stamp).then_some(line.len())
}

/// "طرابلس-الرسالة نت" (a short line), "ـ بنغازي ـ", "طرابلس (رويترز) -",
/// "طرابلس - 7 أبريل (رويترز) -": one to three words of place, framed by dashes or
/// followed by an agency in parentheses. The token count of the dateline.
fn arabic(line: &[Token]) -> Option<usize> {
    let arabic_word = |t: &Token| t.script() == Some(Script::Arabic);
    let leading = line.first().is_some_and(is_dash);
    let mut k = usize::from(leading);
    let words_start = k;
    while k < line.len() && k - words_start < 3 && arabic_word(&line[k]) {
        k += 1;
    }
    if k == words_start {
        return None;
    }
    let after = line.get(k)?;
    if leading {
        // ـ بنغازي ـ : the place between two dashes.
        return is_dash(after).then_some(k + 1);
    }
    if !(is_dash(after) || after.is_punct('(')) {
        return None;
    }
    // An agency in parentheses within the next tokens: through it and a dash after it.
    let window = line.len().min(k + 10);
    if let Some(close) = (k..window).find(|&j| line[j].is_punct(')')) {
        let end = if line.get(close + 1).is_some_and(is_dash) {
            close + 2
        } else {
            close + 1
        };
        return Some(end);
    }
    // A line of its own: "طرابلس-الرسالة نت".
    (is_dash(after) && line.len() <= 8).then_some(line.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        datelines(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_datelines_in_both_languages() {
        let cases: &[(&str, &[&str])] = &[
            (
                "TRIPOLI, April 7 (Reuters) - U.S. forces",
                &["TRIPOLI, April 7 (Reuters) -"],
            ),
            ("TRIPOLI (Reuters) — Forces loyal", &["TRIPOLI (Reuters) —"]),
            ("BENGHAZI, Libya - Eastern forces", &["BENGHAZI, Libya -"]),
            (
                "قائمة\nطرابلس-الرسالة نت\nأفادت مصادر",
                &["طرابلس-الرسالة نت"],
            ),
            ("ـ بنغازي ـ قالت مصادر", &["ـ بنغازي ـ"]),
            ("طرابلس (رويترز) - قالت", &["طرابلس (رويترز) -"]),
            (
                "طرابلس - 7 أبريل (رويترز) - قالت",
                &["طرابلس - 7 أبريل (رويترز) -"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(lines(text), *want, "{text}");
        }
    }

    #[test]
    fn leaves_dashes_in_running_text() {
        for text in [
            "وأضاف -في تصريح لوسائل الإعلام- أن التعاون مستمر",
            "UN envoy Ghassan Salame said - again - that",
            "Fayez al-Sarraj met officials",
            "TRIPOLI is calm. Forces - loyal to Haftar",
        ] {
            assert!(lines(text).is_empty(), "{text}");
        }
    }
}
