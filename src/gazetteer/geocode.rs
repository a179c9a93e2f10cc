//! Geocoding a place name: every candidate the gazetteer holds, the winner, and why.
//!
//! Candidates are ranked as CLIFF-CLAVIN and Mordecai do in spirit: a name that folds to
//! the query beats a mere spelling variant; then a place in the event's country beats one
//! abroad; then the more populous place wins; then a main name beats an alternate name.

use super::{variants, Gazetteer, Place};
use crate::event::geo_precision::GeoPrecision;
use crate::text::fold;
use std::cmp::Reverse;
use std::fmt;

/// How a candidate's name matched the query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// Its main name folds to the query.
    Name,
    /// One of its alternate names folds to the query.
    AlternateName,
    /// A name shares the query's spelling skeleton (Misrata / Misurata).
    SpellingVariant,
}

impl Match {
    /// Words for the explanation.
    pub fn as_str(self) -> &'static str {
        match self {
            Match::Name => "name",
            Match::AlternateName => "alternate name",
            Match::SpellingVariant => "spelling variant",
        }
    }
}

/// One place a query could mean.
#[derive(Clone, Debug)]
pub struct Candidate<'g> {
    /// The place.
    pub place: &'g Place,
    /// How it matched.
    pub matched: Match,
    /// The name of the place that matched.
    pub matched_name: &'g str,
    /// Whether it lies in the country the query was made for.
    pub in_country: bool,
}

impl Candidate<'_> {
    /// The precision an event geocoded to this place gets.
    pub fn geo_precision(&self) -> GeoPrecision {
        GeoPrecision::for_feature_code(&self.place.feature_code)
    }
}

/// The outcome of geocoding one name.
#[derive(Clone, Debug)]
pub struct Resolution<'g> {
    /// The name asked for.
    pub query: String,
    /// Every candidate, best first; the first is the winner.
    pub candidates: Vec<Candidate<'g>>,
    /// Why the winner won, in words.
    pub reason: String,
}

impl<'g> Resolution<'g> {
    /// The chosen place.
    pub fn winner(&self) -> &Candidate<'g> {
        &self.candidates[0]
    }
}

/// A name the gazetteer does not hold, with the closest names it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotFound {
    /// The name asked for.
    pub query: String,
    /// Close names, best first.
    pub suggestions: Vec<String>,
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no place named {:?} in the gazetteer", self.query)?;
        if !self.suggestions.is_empty() {
            write!(f, "; did you mean {}?", self.suggestions.join(", "))?;
        }
        Ok(())
    }
}

/// Countries this war's reports name most: ISO alpha-2, English and Arabic names, and the
/// ISO 3166-1 numeric code ACLED writes in `iso`.
const COUNTRIES: [(&str, &str, &str, u16); 16] = [
    ("LY", "Libya", "ليبيا", 434),
    ("TN", "Tunisia", "تونس", 788),
    ("EG", "Egypt", "مصر", 818),
    ("DZ", "Algeria", "الجزائر", 12),
    ("TD", "Chad", "تشاد", 148),
    ("NE", "Niger", "النيجر", 562),
    ("SD", "Sudan", "السودان", 729),
    ("MT", "Malta", "مالطا", 470),
    ("IT", "Italy", "إيطاليا", 380),
    ("TR", "Turkey", "تركيا", 792),
    ("DE", "Germany", "ألمانيا", 276),
    ("CH", "Switzerland", "سويسرا", 756),
    ("US", "United States", "الولايات المتحدة", 840),
    ("RU", "Russia", "روسيا", 643),
    ("AE", "United Arab Emirates", "الإمارات", 784),
    ("FR", "France", "فرنسا", 250),
];

/// ISO 3166-1 alpha-2 code for a country name (English or Arabic) or code.
pub fn country_code(country: &str) -> Option<&'static str> {
    let key = fold(country);
    COUNTRIES
        .iter()
        .find(|(code, name, arabic, _)| {
            key == fold(code) || key == fold(name) || key == fold(arabic)
        })
        .map(|(code, _, _, _)| *code)
}

/// English name and ISO numeric code of a country given by its alpha-2 code.
pub fn country_name(code: &str) -> Option<(&'static str, u16)> {
    COUNTRIES
        .iter()
        .find(|(c, _, _, _)| *c == code)
        .map(|(_, name, _, iso)| (*name, *iso))
}

impl Gazetteer {
    /// Finds the place a name means, preferring places in `country` (a name or ISO code).
    ///
    /// # Examples
    /// ```
    /// use frontline::gazetteer::{Gazetteer, Place, Table};
    /// let place = |id: &str, name: &str, alt: &str, cc: &str, pop: u64| Place {
    ///     geonameid: id.into(), name: name.into(), alternatenames: vec![alt.into()],
    ///     latitude: 0.0, longitude: 0.0, feature_class: "P".into(), feature_code: "PPL".into(),
    ///     country_code: cc.into(), admin1: String::new(), population: pop,
    ///     table: Table::GeoNames, source: String::new(),
    /// };
    /// let g = Gazetteer::from_places(vec![
    ///     place("1", "Tripoli", "طرابلس", "LB", 229_398),
    ///     place("2", "Tripoli", "طرابلس", "LY", 1_150_989),
    /// ]);
    /// assert_eq!(g.geocode("طرابلس", Some("Libya")).unwrap().winner().place.geonameid, "2");
    /// assert!(g.geocode("Tripolis", None).unwrap_err().suggestions.contains(&"Tripoli".into()));
    /// ```
    pub fn geocode(&self, name: &str, country: Option<&str>) -> Result<Resolution<'_>, NotFound> {
        let wanted = country.and_then(country_code);
        let query_key = fold(name);
        let query_variants = variants::variant_keys(name);
        let mut candidates: Vec<Candidate> = Vec::new();
        // Spelling variants are sought only when no name folds to the query: they would
        // rank after every folded match anyway.
        let exact = self.exact_key(&query_key);
        let loose = if exact.is_empty() {
            self.loose(name)
        } else {
            Vec::new()
        };
        for &i in exact.iter().chain(loose.iter()) {
            if candidates
                .iter()
                .any(|c| std::ptr::eq(c.place, &self.places[i]))
            {
                continue;
            }
            let place = &self.places[i];
            let folded = self.folded_names(i);
            let (matched, matched_name) = if folded[0] == query_key {
                (Match::Name, place.name.as_str())
            } else if let Some(k) = folded.iter().skip(1).position(|f| *f == query_key) {
                (Match::AlternateName, place.alternatenames[k].as_str())
            } else {
                let alt = place
                    .names()
                    .find(|n| {
                        variants::variant_keys(n)
                            .iter()
                            .any(|k| query_variants.contains(k))
                    })
                    .unwrap_or(&place.name);
                (Match::SpellingVariant, alt)
            };
            candidates.push(Candidate {
                place,
                matched,
                matched_name,
                in_country: wanted.is_some_and(|w| w == place.country_code),
            });
        }
        if candidates.is_empty() {
            return Err(NotFound {
                query: name.to_string(),
                suggestions: self.suggest(name),
            });
        }
        candidates.sort_by(|a, b| {
            let key = |c: &Candidate| {
                (
                    c.matched == Match::SpellingVariant,
                    !c.in_country,
                    Reverse(c.place.population),
                    c.matched,
                    c.place.table,
                )
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| a.place.geonameid.cmp(&b.place.geonameid))
        });
        let reason = explain(&candidates, wanted);
        Ok(Resolution {
            query: name.to_string(),
            candidates,
            reason,
        })
    }

    /// Up to five names close to one that was not found, closest first.
    pub fn suggest(&self, name: &str) -> Vec<String> {
        // The whole name, and each longer word of it on its own: "Gharyaan Town" is a
        // misspelt Gharyan with a word too many.
        let key = fold(name);
        let mut queries: Vec<&str> = vec![key.as_str()];
        queries.extend(
            key.split(' ')
                .filter(|w| w.chars().count() >= 4 && *w != key),
        );
        let mut scored: Vec<(usize, Reverse<u64>, String)> = Vec::new();
        for place in &self.places {
            let best = queries
                .iter()
                .enumerate()
                .flat_map(|(i, query)| {
                    let n = query.chars().count();
                    // A single word of a longer name earns a suggestion only when very close.
                    let limit = if i == 0 {
                        (n / 3).max(2)
                    } else {
                        (n / 4).max(1)
                    };
                    place
                        .names()
                        .filter(move |c| c.chars().count().abs_diff(n) <= limit)
                        .map(move |c| (variants::levenshtein(query, &fold(c)), limit, c))
                })
                .filter(|(distance, limit, _)| distance <= limit)
                .min_by_key(|(distance, _, _)| *distance);
            if let Some((distance, _, candidate)) = best {
                let shown = if candidate == place.name {
                    place.name.clone()
                } else {
                    format!("{candidate} ({})", place.name)
                };
                scored.push((distance, Reverse(place.population), shown));
            }
        }
        scored.sort();
        let mut out: Vec<String> = Vec::new();
        for (_, _, name) in scored {
            if !out.contains(&name) {
                out.push(name);
            }
            if out.len() == 5 {
                break;
            }
        }
        out
    }
}

/// Why the winner beat the runner-up: the first ranking rule on which they differ.
fn explain(candidates: &[Candidate], wanted: Option<&str>) -> String {
    let winner = &candidates[0];
    let mut reason = format!("{} \"{}\"", winner.matched.as_str(), winner.matched_name);
    let Some(runner_up) = candidates.get(1) else {
        reason.push_str("; the only candidate");
        return reason;
    };
    let (w, r) = (winner.place, runner_up.place);
    let why = if (winner.matched == Match::SpellingVariant)
        != (runner_up.matched == Match::SpellingVariant)
    {
        "a folded name match beats a spelling variant".to_string()
    } else if winner.in_country != runner_up.in_country {
        format!("in {}, the country asked for", wanted.unwrap_or(""))
    } else if w.population != r.population {
        format!(
            "more populous than {} ({} vs {})",
            r.name, w.population, r.population
        )
    } else if winner.matched != runner_up.matched {
        "matched on its main name".to_string()
    } else if w.table != r.table {
        format!("a curated alias row ({})", w.source)
    } else {
        "same rank on every rule; lowest id first".to_string()
    };
    reason.push_str(&format!("; {why}; {} candidates", candidates.len()));
    reason
}
