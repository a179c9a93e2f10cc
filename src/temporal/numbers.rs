//! Number words: Arabic and English cardinals ("ثلاثة أيام", "three days") and Arabic
//! ordinal day words ("السابع", "الحادي والعشرين"), read from folded tokens.
//!
//! Arabic day-of-month ordinals are masculine (they agree with an implied يوم): a unit
//! ordinal (الأول … العاشر, الحادي for one in compounds), a unit + عشر for 11–19, a unit +
//! و + عشرين/ثلاثين for 21–29 and 31, or العشرين / الثلاثين alone.

use super::token::Token;

/// An Arabic cardinal word's value: واحد … عشرة in either gender, عشرين, ثلاثين.
pub(crate) fn arabic_cardinal(stem: &str) -> Option<u32> {
    Some(match stem {
        "واحد" | "واحده" => 1,
        "اثنين" | "اثنان" | "اثنتين" | "اثنتان" => 2,
        "ثلاث" | "ثلاثه" => 3,
        "اربع" | "اربعه" => 4,
        "خمس" | "خمسه" => 5,
        "ست" | "سته" => 6,
        "سبع" | "سبعه" => 7,
        "ثماني" | "ثمانيه" | "ثمان" => 8,
        "تسع" | "تسعه" => 9,
        "عشر" | "عشره" => 10,
        "عشرين" | "عشرون" => 20,
        "ثلاثين" | "ثلاثون" => 30,
        _ => return None,
    })
}

/// An Arabic unit ordinal's value (masculine and feminine): الأول/الحادي … العاشر.
pub(crate) fn arabic_ordinal_unit(stem: &str) -> Option<u32> {
    Some(match stem {
        "اول" | "اولي" | "حادي" | "حاديه" | "واحد" => 1,
        "ثاني" | "ثانيه" => 2,
        "ثالث" | "ثالثه" => 3,
        "رابع" | "رابعه" => 4,
        "خامس" | "خامسه" => 5,
        "سادس" | "سادسه" => 6,
        "سابع" | "سابعه" => 7,
        "ثامن" | "ثامنه" => 8,
        "تاسع" | "تاسعه" => 9,
        "عاشر" | "عاشره" => 10,
        _ => return None,
    })
}

fn arabic_tens(stem: &str) -> Option<u32> {
    match stem {
        "عشرين" | "عشرون" => Some(20),
        "ثلاثين" | "ثلاثون" => Some(30),
        _ => None,
    }
}

/// Reads an Arabic ordinal day (1–31) starting at token `i`; its value and the next index.
///
/// Accepts السابع, سابع, الحادي عشر, الحادي والعشرين, الحادي و العشرين, العشرين.
pub(crate) fn arabic_ordinal_day(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = tokens.get(i).filter(|t| t.is_word() && !t.prep)?;
    if let Some(tens) = arabic_tens(t.stem()) {
        return Some((tens, i + 1));
    }
    // واحد is a cardinal; as an ordinal it only appears in compounds (الواحد والعشرين).
    let unit = arabic_ordinal_unit(t.stem())?;
    let next = tokens.get(i + 1);
    if unit < 10 && next.is_some_and(|n| n.is_word() && !n.conj && n.stem() == "عشر") {
        return (unit > 1 || t.stem() == "حادي").then_some((unit + 10, i + 2));
    }
    let (tens_at, joined) = match next {
        Some(n) if n.is_word() && n.norm == "و" => (i + 2, true),
        Some(n) if n.is_word() && n.conj => (i + 1, true),
        _ => (i + 1, false),
    };
    if joined && unit < 10 {
        if let Some(tens) = tokens
            .get(tens_at)
            .filter(|n| n.is_word())
            .and_then(|n| arabic_tens(n.stem()))
        {
            return Some((unit + tens, tens_at + 1));
        }
    }
    (t.stem() != "واحد").then_some((unit, i + 1))
}

/// An English cardinal word's value: "a", "one" … "twelve", "twenty", "thirty".
pub(crate) fn english_cardinal(word: &str) -> Option<u32> {
    Some(match word {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        _ => return None,
    })
}

/// An English ordinal word's value, for "the seventh of April": "first" … "thirty-first"
/// is written with digits in news copy, so only the words up to "tenth" are read.
pub(crate) fn english_ordinal(word: &str) -> Option<u32> {
    Some(match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::arabic::accepts;
    use super::super::token::tokenize;
    use super::*;

    #[test]
    fn reads_arabic_ordinal_days() {
        let cases = [
            ("السابع", Some(7)),
            ("سابع", Some(7)),
            ("الأول", Some(1)),
            ("العاشر", Some(10)),
            ("الحادي عشر", Some(11)),
            ("الثاني عشر", Some(12)),
            ("التاسع عشر", Some(19)),
            ("العشرين", Some(20)),
            ("الحادي والعشرين", Some(21)),
            ("الحادي و العشرين", Some(21)),
            ("الواحد والعشرين", Some(21)),
            ("الخامس والعشرين", Some(25)),
            ("التاسع والعشرين", Some(29)),
            ("الثلاثين", Some(30)),
            ("الحادي والثلاثين", Some(31)),
            ("الواحد", None),
            ("بالسابع", None),
            ("السابعة", Some(7)),
        ];
        for (text, want) in cases {
            let tokens = tokenize(text, accepts);
            let got = arabic_ordinal_day(&tokens, 0);
            assert_eq!(got.map(|g| g.0), want, "{text}");
            if let Some((_, next)) = got {
                assert_eq!(next, tokens.len(), "{text} reads every word");
            }
        }
    }

    #[test]
    fn reads_cardinals() {
        assert_eq!(arabic_cardinal("ثلاثه"), Some(3));
        assert_eq!(arabic_cardinal("عشره"), Some(10));
        assert_eq!(english_cardinal("three"), Some(3));
        assert_eq!(english_cardinal("few"), None);
        assert_eq!(english_ordinal("seventh"), Some(7));
    }
}
