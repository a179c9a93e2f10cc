//! Places named in running text: gazetteer names and front names, found over word
//! sequences with Arabic clitics taken off, with datelines, the seat of a government and
//! common words that happen to be place names left out.

use crate::event::geo_precision::GeoPrecision;
use crate::front::Fronts;
use crate::gazetteer::geocode::Match;
use crate::gazetteer::{Gazetteer, Table};
use crate::locate::{locate, Found};
use crate::temporal::Lang;
use crate::text::Token;
use geo::{Distance, Haversine, Point};
use std::ops::Range;

/// A place found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    /// Byte range of the words that name it.
    pub span: Range<usize>,
    /// Its gazetteer (or front) name.
    pub name: String,
    /// Gazetteer id, or `front:<id>`.
    pub geonameid: String,
    /// Position, x = longitude, y = latitude.
    pub point: Point<f64>,
    /// ISO alpha-2 country code.
    pub country_code: String,
    /// First-order region code.
    pub admin1: String,
    /// Population, for telling a city from its neighbourhoods.
    pub population: u64,
    /// A neighbourhood, site or front rather than a town.
    pub specific: bool,
    /// How precisely the words place the event.
    pub geo_precision: GeoPrecision,
    /// How surely the words name this place, 0–1.
    pub confidence: f64,
    /// Taken from an earlier sentence because this one names no place.
    pub borrowed: bool,
    /// What the words around it make of the place.
    pub role: Role,
}

/// How a sentence uses a place it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Where something happened.
    Scene,
    /// Named to say where another place lies ("40 km south of Tripoli", "جنوب طرابلس").
    Landmark,
    /// Where something came from ("aircraft that took off from Misrata", "من مصراتة").
    Origin,
    /// Where something went ("fell back towards Tarhuna", "نحو ترهونة"): never the scene.
    Destination,
}

impl PlaceMention {
    /// The same place, lent to a sentence that names none.
    pub fn borrowed(&self) -> PlaceMention {
        PlaceMention {
            borrowed: true,
            ..self.clone()
        }
    }
}

/// Words that are place names in GeoNames but, in news text, are far more often something
/// else: an outlet (الجزيرة, Al Jazeera), a common noun, or a weekday.
const NOT_PLACES: [&str; 22] = [
    "الجزيره",
    "العربيه",
    "الوطن",
    "النصر",
    "الوحده",
    "السلام",
    "الحريه",
    "الامل",
    "الاحد",
    "الجمعه",
    "jazeera",
    "reuters",
    "العاصمه",
    "عاصمه",
    "capital",
    "الخميس",
    "السبت",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "معسكر",
    "مطار",
];

/// Words after which a single word is taken as a place even when it is small.
const PLACE_CUES: [&str; 14] = [
    "في",
    "منطقه",
    "مدينه",
    "بلده",
    "قرب",
    "محور",
    "محيط",
    "ضواحي",
    "in",
    "near",
    "at",
    "town",
    "city",
    "outskirts",
];

/// Compass words that may be glued to the name they qualify (جنوبطرابلس), and their
/// adjective forms (جنوب غربي طرابلس).
const DIRECTIONS: [&str; 9] = [
    "جنوب",
    "شمال",
    "شرق",
    "غرب",
    "وسط",
    "جنوبي",
    "شمالي",
    "شرقي",
    "غربي",
];

/// Every place named in a sentence's tokens, longest names first, none overlapping.
pub fn find(
    gazetteer: &Gazetteer,
    fronts: &Fronts,
    text: &str,
    tokens: &[Token],
    forms: &[Vec<String>],
    lang: Lang,
) -> Vec<PlaceMention> {
    let mut out: Vec<PlaceMention> = Vec::new();
    // Where the last place found ended (token index) and what role it had.
    let mut previous: Option<(usize, Role)> = None;
    let mut at = 0;
    while at < tokens.len() {
        let mut matched = None;
        for len in (1..=4usize).rev() {
            if at + len > tokens.len() {
                continue;
            }
            if let Some(m) = lookup(gazetteer, fronts, text, tokens, forms, lang, at, len) {
                matched = Some((m, len));
                break;
            }
        }
        match matched {
            Some((mut m, len)) => {
                // "from Qasr bin Ghashir and Ain Zara", "من قصر بن غشير وعين زارة": a place
                // joined to the one before shares its role.
                let joined = match previous {
                    Some((end, _)) if lang == Lang::Ar => {
                        end + 1 == at && text[m.span.clone()].starts_with('و')
                    }
                    Some((end, _)) => end + 2 == at && tokens[at - 1].norm == "and",
                    None => false,
                };
                if let (true, Some((_, role))) = (joined, previous) {
                    m.role = role;
                }
                previous = Some((at + len - 1, m.role));
                if !out.iter().any(|o| o.geonameid == m.geonameid) {
                    out.push(m);
                }
                at += len;
            }
            None => at += 1,
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn lookup(
    gazetteer: &Gazetteer,
    fronts: &Fronts,
    text: &str,
    tokens: &[Token],
    forms: &[Vec<String>],
    lang: Lang,
    at: usize,
    len: usize,
) -> Option<PlaceMention> {
    let rest: Vec<&str> = tokens[at + 1..at + len]
        .iter()
        .map(|t| t.norm.as_str())
        .collect();
    let mut keys: Vec<String> = forms[at]
        .iter()
        .map(|first| {
            std::iter::once(first.as_str())
                .chain(rest.iter().copied())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    if len == 1 && lang == Lang::Ar {
        for form in &forms[at] {
            for d in DIRECTIONS {
                if let Some(name) = form.strip_prefix(d).filter(|n| n.chars().count() >= 3) {
                    keys.push(name.to_string());
                }
            }
        }
    }
    let span = tokens[at].span.start..tokens[at + len - 1].span.end;
    if is_dateline(text, &span) || seat_of_government(tokens, at, len) {
        return None;
    }
    for key in keys {
        if NOT_PLACES.contains(&key.as_str()) {
            continue;
        }
        if lang == Lang::En && !tokens[at].capital {
            continue;
        }
        // Most word sequences name no place: ask the indexes before the geocoder, which
        // would search for suggestions on every miss.
        let known = !gazetteer.exact_key(&key).is_empty() || fronts.find_key(&key).is_some();
        // An English spelling variant (Gharian) counts only inside a sentence: a capital at
        // its head ("Drones struck ...") says nothing about a name.
        let variant = lang == Lang::En && len == 1 && at > 0 && !gazetteer.loose(&key).is_empty();
        if !known && !variant {
            continue;
        }
        let Ok(found) = locate(gazetteer, fronts, &key, Some("LY")) else {
            continue;
        };
        let (name, country_code, admin1, population, specific, strong) = match &found {
            Found::Place(r) => {
                let w = r.winner();
                // A transliteration variant counts only for a well-known place (Gharian).
                if w.matched == Match::SpellingVariant
                    && (w.place.population < 5000 || !known && !variant)
                {
                    continue;
                }
                // Abroad, a lone word must be a capital or a place of the alias table: Arabic
                // common words (معسكر, الخميس) are names of Algerian towns.
                let abroad = w.place.country_code != "LY";
                if abroad
                    && len == 1
                    && w.place.feature_code != "PPLC"
                    && w.place.table != Table::Alias
                {
                    continue;
                }
                let code = w.place.feature_code.as_str();
                let specific = w.place.table == Table::Alias
                    && !code.starts_with("PPLA")
                    && code != "PPLC"
                    && code != "PCLI"
                    || matches!(code, "PPLX" | "AIRP" | "MILB" | "RD");
                let strong = w.place.table == Table::Alias
                    || w.place.population >= 5000
                    || matches!(code, "PPLC" | "PPLA" | "PPLA2" | "AIRP" | "MILB");
                (
                    w.place.name.clone(),
                    w.place.country_code.clone(),
                    w.place.admin1.clone(),
                    w.place.population,
                    specific,
                    strong,
                )
            }
            Found::Front(f) => (
                f.name.clone(),
                "LY".to_string(),
                String::new(),
                0,
                true,
                true,
            ),
        };
        let cued = at > 0
            && forms[at - 1]
                .iter()
                .any(|f| PLACE_CUES.contains(&f.as_str()));
        if len == 1 && !strong && !cued {
            continue;
        }
        let confidence = if len > 1 || strong { 1.0 } else { 0.8 };
        return Some(PlaceMention {
            span,
            name,
            geonameid: found.geonameid(),
            point: found.point(),
            country_code,
            admin1,
            population,
            specific,
            geo_precision: found.geo_precision(),
            confidence,
            borrowed: false,
            role: role(tokens, forms, at),
        });
    }
    None
}

/// A place at the head of a line followed by a dash or a bracket ("طرابلس-الرسالة نت",
/// "TRIPOLI (Reuters) -", "ـ بنغازي ـ") names where the report was filed, not an event.
fn is_dateline(text: &str, span: &Range<usize>) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..span.start];
    if !before
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, 'ـ' | '-' | '–' | '—'))
    {
        return false;
    }
    let after = text[span.end..].trim_start_matches([' ', '\u{a0}']);
    let shouting = text[span.clone()]
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase() || !c.is_ascii());
    after.starts_with(['-', '–', '—', 'ـ', '('])
        || (shouting && text[span.clone()].is_ascii() && after.starts_with(','))
}

/// "حكومة طرابلس", "the Tripoli-based government", "the government in Tripoli": the seat of
/// a government, not where something happened.
fn seat_of_government(tokens: &[Token], at: usize, len: usize) -> bool {
    let word = |i: Option<usize>| {
        i.and_then(|i| tokens.get(i))
            .map(|t| t.norm.as_str())
            .unwrap_or("")
    };
    let previous = word(at.checked_sub(1));
    let before_previous = word(at.checked_sub(2));
    let next = word(Some(at + len));
    let government = |w: &str| matches!(w, "حكومه" | "الحكومه" | "government" | "administration");
    government(previous)
        || (matches!(previous, "في" | "in") && government(before_previous))
        || (next == "based")
        || (government(next) && !next.is_empty() && tokens[at].capital)
}

/// What the words before a place make of it: "south of", "km west of" and Arabic compass
/// words make a landmark; "from"/من an origin; "towards"/نحو/باتجاه a destination.
fn role(tokens: &[Token], forms: &[Vec<String>], at: usize) -> Role {
    let word = |back: usize| {
        at.checked_sub(back)
            .map(|i| tokens[i].norm.as_str())
            .unwrap_or("")
    };
    let compass = |w: &str| {
        [
            "south",
            "north",
            "east",
            "west",
            "southwest",
            "southeast",
            "northwest",
            "northeast",
            "km",
            "kilometres",
            "kilometers",
            "miles",
            "outskirts",
        ]
        .contains(&w)
    };
    let previous_forms = |back: usize| {
        at.checked_sub(back)
            .map(|i| forms[i].as_slice())
            .unwrap_or(&[])
    };
    if (word(1) == "of" && (compass(word(2)) || compass(word(3))))
        || previous_forms(1)
            .iter()
            .any(|f| DIRECTIONS.contains(&f.as_str()))
    {
        return Role::Landmark;
    }
    match word(1) {
        "from" | "من" => Role::Origin,
        "towards" | "toward" | "نحو" | "باتجاه" | "اتجاه" => Role::Destination,
        _ => Role::Scene,
    }
}

/// Drops a city when a more specific place near it (within 40 km) is named beside it:
/// "the fronts south of Tripoli, Ain Zara and Yarmouk" are events at Ain Zara and Yarmouk.
pub fn drop_containers(places: &mut Vec<PlaceMention>) {
    places.retain(|p| p.role != Role::Destination);
    if places.iter().any(|p| p.role == Role::Scene) {
        places.retain(|p| p.role == Role::Scene);
    }
    // A country ("withdrew from Libya") places an event only when nothing finer is named.
    if places
        .iter()
        .any(|p| p.geo_precision != GeoPrecision::Country)
    {
        places.retain(|p| p.geo_precision != GeoPrecision::Country);
    }
    let keep: Vec<bool> = places
        .iter()
        .map(|p| {
            !places.iter().any(|q| {
                q.geonameid != p.geonameid
                    && !p.specific
                    && (q.specific || q.population < p.population)
                    && Haversine.distance(p.point, q.point) <= 40_000.0
            })
        })
        .collect();
    let mut i = 0;
    places.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}
