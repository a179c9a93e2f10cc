//! The word lists `extract` reads from `data/lexicon/`: actors with their names in Arabic
//! and English, trigger words mapped to ACLED's event types, and cues of negation, denial,
//! future and hedging.

use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::event::taxonomy;
use crate::temporal::Lang;
use crate::text::{tokens, Token};
use std::collections::HashMap;
use std::path::Path;

/// A phrase as folded tokens; with `prefix`, the last token matches as a prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    /// Folded tokens.
    pub tokens: Vec<String>,
    /// Whether the last token matches any word it begins (`اشتباك*`, `shell*`).
    pub prefix: bool,
}

impl Phrase {
    fn parse(text: &str) -> Phrase {
        let prefix = text.trim_end().ends_with('*');
        // Cut by the tokenizer that cuts running text, so "U.S. forces", "al-Bunyan
        // al-Marsous" and "106th Brigade" are the words the text's tokens are.
        let tokens = tokens(text.trim_end_matches('*'))
            .filter(|t| t.punct().is_none())
            .map(|t| t.norm)
            .collect();
        Phrase { tokens, prefix }
    }
}

/// A named actor and the names it goes by.
#[derive(Clone, Debug)]
pub struct Actor {
    /// ACLED-style name used in the events (`LNA: Libyan National Army (Haftar)`).
    pub name: String,
    /// Its names in reports.
    pub aliases: Vec<Phrase>,
}

/// A word that signals an event of one ACLED type.
#[derive(Clone, Debug)]
pub struct Trigger {
    /// The language it belongs to.
    pub lang: Lang,
    /// The words.
    pub phrase: Phrase,
    /// ACLED event type.
    pub event_type: &'static str,
    /// ACLED sub-event type.
    pub sub_event_type: &'static str,
    /// How surely it signals the event, 0–1.
    pub weight: f64,
}

/// What a cue does to the facts near it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// "not", لم: the event did not happen.
    Negation,
    /// "denied", نفت: a party denies it.
    Denial,
    /// "will", ستشن: it has not happened yet.
    Future,
    /// "reportedly", أنباء غير مؤكدة: uncertain.
    Hedge,
    /// "said", أفاد: attribution, no change.
    Report,
}

/// A cue word and how far it reaches.
#[derive(Clone, Debug)]
pub struct Cue {
    /// The language it belongs to.
    pub lang: Lang,
    /// The words.
    pub phrase: Phrase,
    /// What it does.
    pub kind: CueKind,
    /// Whether it reaches the whole sentence (else its clause).
    pub sentence: bool,
}

/// Phrases keyed by their first word, so a text is read once rather than once per phrase.
#[derive(Clone, Debug, Default)]
pub struct PhraseIndex {
    exact: HashMap<String, Vec<usize>>,
    prefix: Vec<(String, usize)>,
}

impl PhraseIndex {
    fn build<'p>(phrases: impl Iterator<Item = (usize, &'p Phrase)>) -> PhraseIndex {
        let mut index = PhraseIndex::default();
        for (i, phrase) in phrases {
            let Some(first) = phrase.tokens.first() else {
                continue;
            };
            if phrase.prefix && phrase.tokens.len() == 1 {
                index.prefix.push((first.clone(), i));
            } else {
                index.exact.entry(first.clone()).or_default().push(i);
            }
        }
        index
    }

    /// The entries whose first word could match a token with these forms.
    pub fn candidates(&self, forms: &[String]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for form in forms {
            if let Some(list) = self.exact.get(form) {
                out.extend(list);
            }
            out.extend(
                self.prefix
                    .iter()
                    .filter(|(p, _)| form.starts_with(p.as_str()))
                    .map(|(_, i)| *i),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// All three lists, with an index of each by first word.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Actors.
    pub actors: Vec<Actor>,
    /// Triggers.
    pub triggers: Vec<Trigger>,
    /// Cues.
    pub cues: Vec<Cue>,
    /// Triggers by first word.
    pub trigger_index: PhraseIndex,
    /// Actor aliases by first word: values index `alias_owner`.
    pub alias_index: PhraseIndex,
    /// For each alias in `alias_index`, its actor and alias position.
    pub alias_owner: Vec<(usize, usize)>,
    /// Cues by first word.
    pub cue_index: PhraseIndex,
}

impl Lexicon {
    /// Reads `actors.tsv`, `triggers.tsv` and `cues.tsv` from a folder; every bad row is
    /// reported.
    pub fn load(folder: &Path) -> Result<Lexicon, Error> {
        let mut problems = Vec::new();
        let mut lexicon = Lexicon::default();
        let path = folder.join("actors.tsv");
        for (_, cols) in rows(&path, &["actor", "aliases", "note"], &mut problems)? {
            lexicon.actors.push(Actor {
                name: cols[0].clone(),
                aliases: std::iter::once(cols[0].as_str())
                    .chain(cols[1].split('|'))
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(Phrase::parse)
                    .collect(),
            });
        }
        let path = folder.join("triggers.tsv");
        let header = ["lang", "trigger", "event_type", "sub_event_type", "weight"];
        for (origin, cols) in rows(&path, &header, &mut problems)? {
            let lang = parse_lang(&origin, &cols[0], &mut problems);
            let pair = taxonomy::sub_event_type(&cols[3])
                .filter(|(t, _)| Some(*t) == taxonomy::event_type(&cols[2]));
            if pair.is_none() {
                problems.push(Diagnostic::field(
                    &origin,
                    "sub_event_type",
                    &cols[3],
                    format!("an ACLED sub-event type of {}", cols[2]),
                ));
            }
            let weight = cols[4]
                .parse::<f64>()
                .ok()
                .filter(|w| (0.0..=1.0).contains(w));
            if weight.is_none() {
                problems.push(Diagnostic::field(
                    &origin,
                    "weight",
                    &cols[4],
                    "a number from 0 to 1",
                ));
            }
            if let (Some(lang), Some((event_type, sub_event_type)), Some(weight)) =
                (lang, pair, weight)
            {
                lexicon.triggers.push(Trigger {
                    lang,
                    phrase: Phrase::parse(&cols[1]),
                    event_type,
                    sub_event_type,
                    weight,
                });
            }
        }
        let path = folder.join("cues.tsv");
        for (origin, cols) in rows(&path, &["lang", "cue", "kind", "scope"], &mut problems)? {
            let lang = parse_lang(&origin, &cols[0], &mut problems);
            let kind = match cols[2].as_str() {
                "negation" => Some(CueKind::Negation),
                "denial" => Some(CueKind::Denial),
                "future" => Some(CueKind::Future),
                "hedge" => Some(CueKind::Hedge),
                "report" => Some(CueKind::Report),
                other => {
                    problems.push(Diagnostic::field(
                        &origin,
                        "kind",
                        other,
                        "negation, denial, future, hedge or report",
                    ));
                    None
                }
            };
            if let (Some(lang), Some(kind)) = (lang, kind) {
                lexicon.cues.push(Cue {
                    lang,
                    phrase: Phrase::parse(&cols[1]),
                    kind,
                    sentence: cols[3] == "sentence",
                });
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        // Longer phrases first, so "air strike" wins over "strike".
        lexicon
            .triggers
            .sort_by_key(|t| std::cmp::Reverse(t.phrase.tokens.len()));
        lexicon.trigger_index =
            PhraseIndex::build(lexicon.triggers.iter().map(|t| &t.phrase).enumerate());
        lexicon.cue_index = PhraseIndex::build(lexicon.cues.iter().map(|c| &c.phrase).enumerate());
        for (a, actor) in lexicon.actors.iter().enumerate() {
            for k in 0..actor.aliases.len() {
                lexicon.alias_owner.push((a, k));
            }
        }
        let aliases: Vec<&Phrase> = lexicon
            .actors
            .iter()
            .flat_map(|a| a.aliases.iter())
            .collect();
        lexicon.alias_index = PhraseIndex::build(aliases.into_iter().enumerate());
        Ok(lexicon)
    }
}

fn parse_lang(origin: &Origin, text: &str, problems: &mut Vec<Diagnostic>) -> Option<Lang> {
    match text {
        "ar" => Some(Lang::Ar),
        "en" => Some(Lang::En),
        other => {
            problems.push(Diagnostic::field(origin, "lang", other, "ar or en"));
            None
        }
    }
}

type Row = (Origin, Vec<String>);

fn rows(path: &Path, header: &[&str], problems: &mut Vec<Diagnostic>) -> Result<Vec<Row>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
    let mut out = Vec::new();
    let mut seen_header = false;
    for (n, line) in text.lines().enumerate() {
        let origin = Origin::at(path, n as u64 + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
        if !seen_header {
            seen_header = true;
            if cols.iter().map(String::as_str).ne(header.iter().copied()) {
                problems.push(Diagnostic::record(
                    &origin,
                    format!("the header {}", header.join("\\t")),
                ));
                return Ok(Vec::new());
            }
            continue;
        }
        if cols.len() != header.len() {
            problems.push(Diagnostic::record(
                &origin,
                format!(
                    "{} tab-separated columns (found {})",
                    header.len(),
                    cols.len()
                ),
            ));
            continue;
        }
        out.push((origin, cols));
    }
    Ok(out)
}

/// Whether a phrase matches the tokens starting at `at`; returns how many tokens it covers.
/// Arabic tokens are also tried without their clitics on the first word.
pub fn match_at(
    phrase: &Phrase,
    tokens: &[Token],
    forms: &[Vec<String>],
    at: usize,
) -> Option<usize> {
    let n = phrase.tokens.len();
    if n == 0 || at + n > tokens.len() {
        return None;
    }
    for (k, want) in phrase.tokens.iter().enumerate() {
        let last = k + 1 == n;
        let ok = |form: &str| {
            if last && phrase.prefix {
                form.starts_with(want.as_str())
            } else {
                form == want
            }
        };
        let hit = if k == 0 {
            forms[at].iter().any(|f| ok(f))
        } else {
            ok(&tokens[at + k].norm)
        };
        if !hit {
            return None;
        }
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::{clitic_forms, words};

    /// Whether `entry` matches `text` from its first word, as the extractor matches.
    fn matches(entry: &str, text: &str) -> bool {
        let phrase = Phrase::parse(entry);
        let tokens = words(text, 0..text.len());
        let forms: Vec<Vec<String>> = tokens.iter().map(|t| clitic_forms(&t.norm)).collect();
        match_at(&phrase, &tokens, &forms, 0) == Some(phrase.tokens.len())
    }

    #[test]
    fn entries_are_cut_into_words_as_running_text_is() {
        for (entry, text) in [
            ("106th Brigade", "106th Brigade fighters"),
            ("U.S. forces", "U.S. forces left"),
            ("Haftar's forces", "Haftar’s forces advanced"),
            ("al-Bunyan al-Marsous", "Al-Bunyan Al-Marsous operation"),
            ("اللواء 444", "اللواء ٤٤٤ المقاتل"),
            ("قوات حفتر", "وقوات حفتر"),
            ("الجيش الوطني", "للجيش الوطني"),
            ("قصف*", "بالقصف المدفعي"),
        ] {
            assert!(matches(entry, text), "{entry} / {text}");
        }
        assert!(!matches("شن هجوما", "شنت هجوما"));
    }
}
