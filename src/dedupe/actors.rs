//! Which actors two reports name, compared through the lexicon: "LNA", "Haftar's forces"
//! and "قوات حفتر" are one actor (`data/lexicon/actors.tsv`).

use crate::event::Event;
use crate::extract::lexicon::Lexicon;
use crate::text::fold;
use std::collections::HashMap;

/// An actor as compared: a lexicon actor, or a name the lexicon does not know (folded).
pub type ActorKey = u32;

/// The two sides of one report, as actor keys: side A is `actor1` with `assoc_actor_1`,
/// side B is `actor2` with `assoc_actor_2`. Unidentified actors are left out, so an empty
/// side is one no report named.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sides {
    /// `actor1` and its associates.
    pub a: Vec<ActorKey>,
    /// `actor2` and its associates.
    pub b: Vec<ActorKey>,
}

impl Sides {
    /// Whether the report names no actor at all.
    pub fn unnamed(&self) -> bool {
        self.a.is_empty() && self.b.is_empty()
    }
}

/// Resolves actor names to keys: the lexicon's actors first, then every other folded name
/// as its own key.
#[derive(Clone, Debug, Default)]
pub struct Actors {
    /// Folded alias → lexicon actor.
    aliases: HashMap<String, ActorKey>,
    /// Aliases as token lists, longest first, for names that hold an alias among other
    /// words ("Military Forces of Libya (2014-) Libyan National Army").
    phrases: Vec<(Vec<String>, ActorKey)>,
    /// Lexicon actors that stand for an unnamed one ("Unidentified Armed Group (Libya)").
    unidentified: Vec<ActorKey>,
    /// Every key's display name: the lexicon's name or the first spelling seen.
    names: Vec<String>,
    /// Names already resolved (`None`: unidentified).
    seen: HashMap<String, Option<ActorKey>>,
}

impl Actors {
    /// A resolver over a lexicon's actors (an empty lexicon compares folded names only).
    pub fn new(lexicon: &Lexicon) -> Actors {
        let mut actors = Actors::default();
        for (i, actor) in lexicon.actors.iter().enumerate() {
            let key = i as ActorKey;
            actors.names.push(actor.name.clone());
            if is_unidentified(&fold(&actor.name)) {
                actors.unidentified.push(key);
            }
            for alias in &actor.aliases {
                let folded = alias.tokens.join(" ");
                // The first actor to claim an alias keeps it, as the lexicon lists them.
                actors.aliases.entry(folded).or_insert(key);
                if alias.tokens.len() >= 2 {
                    actors.phrases.push((alias.tokens.clone(), key));
                }
            }
            let own: Vec<String> = fold(&actor.name)
                .split(' ')
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect();
            actors.aliases.entry(own.join(" ")).or_insert(key);
        }
        actors
            .phrases
            .sort_by_key(|(tokens, _)| std::cmp::Reverse(tokens.len()));
        actors
    }

    /// The key of one actor name; `None` for an unidentified actor.
    ///
    /// A name is the lexicon's actor when its folded form is one of the actor's names, or
    /// else when it holds exactly one actor's longest multi-word name among its words.
    pub fn key(&mut self, name: &str) -> Option<ActorKey> {
        if let Some(known) = self.seen.get(name) {
            return *known;
        }
        let folded = fold(name);
        let key = if is_unidentified(&folded) {
            None
        } else if let Some(&key) = self.aliases.get(&folded) {
            Some(key)
        } else if let Some(key) = self.contained(&folded) {
            Some(key)
        } else {
            let key = self.names.len() as ActorKey;
            self.aliases.insert(folded, key);
            self.names.push(name.to_string());
            Some(key)
        };
        let key = key.filter(|k| !self.unidentified.contains(k));
        self.seen.insert(name.to_string(), key);
        key
    }

    /// The sides of a report.
    pub fn sides(&mut self, event: &Event) -> Sides {
        let mut side = |names: [&[String]; 2]| {
            let mut keys: Vec<ActorKey> = names
                .iter()
                .flat_map(|n| n.iter())
                .filter_map(|n| self.key(n))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            keys
        };
        Sides {
            a: side([&event.actor1, &event.assoc_actor_1]),
            b: side([&event.actor2, &event.assoc_actor_2]),
        }
    }

    /// The display name of a key.
    pub fn name(&self, key: ActorKey) -> &str {
        self.names.get(key as usize).map_or("", String::as_str)
    }

    fn contained(&self, folded: &str) -> Option<ActorKey> {
        let tokens: Vec<&str> = folded.split(' ').collect();
        let mut found: Option<(usize, ActorKey)> = None;
        for (phrase, key) in &self.phrases {
            if let Some((len, first)) = found {
                if phrase.len() < len {
                    break;
                }
                if *key == first {
                    continue;
                }
            }
            let holds = tokens
                .windows(phrase.len())
                .any(|w| w.iter().zip(phrase).all(|(a, b)| *a == b));
            if holds {
                match found {
                    // Two actors' names of one length: the name is ambiguous.
                    Some((_, first)) if first != *key => return None,
                    _ => found = Some((phrase.len(), *key)),
                }
            }
        }
        found.map(|(_, key)| key)
    }
}

/// Whether a folded name stands for an actor no report identified (ACLED's "Unidentified
/// Armed Group", "unknown gunmen", Arabic "مجهول").
fn is_unidentified(folded: &str) -> bool {
    folded.starts_with("unidentified")
        || folded.starts_with("unknown")
        || folded.split(' ').any(|w| w.starts_with("مجهول"))
}

/// What the actors of two reports say about whether they are one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// Sides line up (`swapped`: the second report names them the other way round) and
    /// share this actor.
    Shared {
        /// The actor both name.
        actor: ActorKey,
        /// Whether side A of one is side B of the other.
        swapped: bool,
    },
    /// One report names no actor at all, so nothing contradicts.
    Unnamed,
}

/// Whether two reports' actors are compatible: one names no actor, or, in one of the two
/// ways to line their sides up, they share an actor and no side names actors the other's
/// matching side lacks entirely (a named side and an unnamed side agree).
pub fn agree(x: &Sides, y: &Sides) -> Option<Agreement> {
    if x.unnamed() || y.unnamed() {
        return Some(Agreement::Unnamed);
    }
    for swapped in [false, true] {
        let (ya, yb) = if swapped { (&y.b, &y.a) } else { (&y.a, &y.b) };
        let (Some(sa), Some(sb)) = (side(&x.a, ya), side(&x.b, yb)) else {
            continue;
        };
        if let Some(actor) = sa.or(sb) {
            return Some(Agreement::Shared { actor, swapped });
        }
    }
    None
}

/// Two sides' agreement: `Some(Some(actor))` shared, `Some(None)` one is unnamed, `None`
/// both named and nothing shared.
fn side(x: &[ActorKey], y: &[ActorKey]) -> Option<Option<ActorKey>> {
    if x.is_empty() || y.is_empty() {
        return Some(None);
    }
    x.iter().find(|k| y.contains(k)).map(|k| Some(*k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DataPaths;

    fn actors() -> Actors {
        let lexicon = Lexicon::load(&DataPaths::new("data").lexicon()).unwrap_or_default();
        Actors::new(&lexicon)
    }

    #[test]
    fn names_in_other_words_are_one_actor() {
        let mut actors = actors();
        let lna = actors.key("LNA: Libyan National Army (Haftar)");
        assert!(lna.is_some());
        assert_eq!(actors.key("قوات حفتر"), lna);
        assert_eq!(actors.key("Haftar's forces"), lna);
        assert_eq!(
            actors.key("Military Forces of Libya (2014-) Libyan National Army"),
            lna
        );
        assert_ne!(actors.key("GNA: Government of National Accord"), lna);
        assert_eq!(actors.key("Unidentified Armed Group (Libya)"), None);
        assert_eq!(actors.key("مسلحون مجهولون"), None);
        let other = actors.key("Some New Brigade");
        assert_eq!(actors.key("some new brigade"), other);
    }

    #[test]
    fn sides_agree_straight_swapped_or_not_at_all() {
        let s = |a: &[u32], b: &[u32]| Sides {
            a: a.to_vec(),
            b: b.to_vec(),
        };
        let (lna, gna, civ) = (0, 1, 48);
        assert_eq!(
            agree(&s(&[lna], &[gna]), &s(&[gna], &[lna])),
            Some(Agreement::Shared {
                actor: lna,
                swapped: true
            })
        );
        assert!(agree(&s(&[lna], &[gna]), &s(&[lna], &[])).is_some());
        assert_eq!(
            agree(&s(&[], &[]), &s(&[lna], &[gna])),
            Some(Agreement::Unnamed)
        );
        // Each side names the other's opponent: two shellings, not one.
        assert_eq!(agree(&s(&[lna], &[]), &s(&[gna], &[])), None);
        assert_eq!(agree(&s(&[lna], &[civ]), &s(&[gna], &[civ])), None);
    }
}
