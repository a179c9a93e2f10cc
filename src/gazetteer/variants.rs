//! Spelling variants of place names: the looser keys under which transliterations of one
//! name meet (Misrata / Misurata / Misratah, Sbeaa / al-Sbeaa), and the edit distance that
//! suggests a name close to one not found.
//!
//! The keys start from the one fold ([`crate::text::fold`]) and then drop what
//! transliterations disagree on: the article (`al-`, `el-`, `ال`), spaces, doubled letters,
//! a final `h`, and then Latin vowels.

use crate::text::clitics;
use crate::text::fold;

/// The keys under which a name also matches as a spelling variant: a soft key (the folded
/// name without article, spaces, doubled letters or a final `h`) and two consonant
/// skeletons (the soft key without vowels, with and without the glides w and y). Keys shorter than three letters say too little to match
/// on and are left out.
///
/// # Examples
/// ```
/// use frontline::gazetteer::variants::variant_keys;
/// let shared = |a: &str, b: &str| variant_keys(a).iter().any(|k| variant_keys(b).contains(k));
/// assert!(shared("Misrata", "Misurata"));
/// assert!(shared("Misratah", "Misrata"));
/// assert!(shared("al-Sbeaa", "Sbeaa"));
/// assert!(shared("al-Hira", "Al-Hirah"));
/// assert!(shared("الخلة", "خلة"));
/// assert!(!shared("Zawiya", "Zuwara"));
/// ```
pub fn variant_keys(name: &str) -> Vec<String> {
    let soft = soft_key(name);
    let consonants = skeleton(&soft, true);
    let bare = skeleton(&soft, false);
    let mut keys = Vec::with_capacity(3);
    for key in [soft, consonants, bare] {
        if key.chars().count() >= 3 && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// The folded name without a leading article, spaces, doubled letters, or a final `h`
/// after a vowel (a transliteration of taa marbuta: Misratah, Tarhunah).
pub fn soft_key(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').collect();
    let mut out = String::new();
    for (i, &word) in words.iter().enumerate() {
        if words.len() > 1
            && i == 0
            && matches!(
                word,
                "al" | "el" | "as" | "ash" | "az" | "ad" | "ar" | "at" | "an"
            )
        {
            continue;
        }
        // A name's article comes and goes between sources (الخلة / خلة), while و, ب, ل or
        // ك at its start belong to it (وادي, بنغازي, لبدة): only the article comes off.
        let bare = clitics::strip(word, |r| r.article && r.conj.is_none() && r.prep.is_none());
        out.push_str(bare.stem);
    }
    if out.len() > 3 && out.ends_with('h') && out[..out.len() - 1].ends_with(['a', 'e', 'i']) {
        out.pop();
    }
    let mut soft = String::with_capacity(out.len());
    for c in out.chars() {
        if !soft.ends_with(c) {
            soft.push(c);
        }
    }
    soft
}

/// The soft key's consonants: Latin vowels drop, and so do `w` and `y` unless `glides` keeps
/// those a vowel follows (Zawiya keeps its w and y). Without glides, Gharian, Gharyan and
/// Ghiran share one key and the gazetteer's ranking (population first) chooses.
fn skeleton(soft: &str, glides: bool) -> String {
    let chars: Vec<char> = soft.chars().collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let mut out = String::with_capacity(soft.len());
    for (i, &c) in chars.iter().enumerate() {
        let next_is_vowel = chars.get(i + 1).is_some_and(|&n| vowel(n));
        let glide_kept = glides && next_is_vowel;
        let drop = (vowel(c) && i > 0) || (matches!(c, 'w' | 'y') && !glide_kept && i > 0);
        if !drop && !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Edit distance in characters, for suggesting names close to one that was not found.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(current)
            };
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_keys_join_transliterations_but_not_different_places() {
        let shared = |a: &str, b: &str| variant_keys(a).iter().any(|k| variant_keys(b).contains(k));
        for (a, b) in [
            ("Tarhuna", "Tarhunah"),
            ("Zawiya", "Zawiyah"),
            ("Ain Zara", "Ayn Zarah"),
            ("al-Swani", "As Sawani"),
            ("al-Assa", "Al-Assah"),
            ("Ajdabiya", "Ajdabiyah"),
            ("Gharian", "Gharyan"),
        ] {
            assert!(
                shared(a, b),
                "{a} / {b}: {:?} {:?}",
                variant_keys(a),
                variant_keys(b)
            );
        }
        for (a, b) in [
            ("Zawiya", "Zuwara"),
            ("Sirte", "Sabratha"),
            ("Hun", "Hon Kong"),
        ] {
            assert!(!shared(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("gharyan", "gharian"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("طرابلس", "طرابلص"), 1);
    }
}
