//! Reading the news: candidate events from Arabic and English text, each with the words it
//! came from.
//!
//! The text is cut into sentences and clauses. In each clause, trigger words (from
//! `data/lexicon/triggers.tsv`) say what happened and which ACLED type it is; places come
//! from the gazetteer and the front names, with Arabic clitics taken off; time expressions
//! come from [`crate::temporal`]; actors from `data/lexicon/actors.tsv`. One candidate is
//! proposed per event per place (ACLED's rule), with a confidence that negation, denial,
//! future tense and hedging lower, and its provenance: the sentence and the character
//! offsets of the trigger, date and place words.

mod dating;
pub mod lexicon;
mod merge;
pub mod places;
pub mod score;
pub mod text;

use crate::dataset::{DataPaths, Reference};
use crate::diagnostic::Origin;
use crate::error::Error;
use crate::event::date::{DateInterval, Offset};
use crate::event::geo_precision::GeoPrecision;
use crate::event::{Claim, Event, Fatalities, Source, Stance, UNASSIGNED};
use crate::front::Fronts;
use crate::gazetteer::geocode::country_name;
use crate::gazetteer::Gazetteer;
use crate::temporal::{self, DateKind, Lang, TimeExpression};
use crate::text::Token;
use chrono::NaiveDate;
use dating::{anaphora, date_of, join_day_pairs, nearest_time, negate, next_day, pick_time};
use lexicon::{CueKind, Lexicon, Trigger};
use merge::merge_duplicates;
pub use merge::MIN_CONFIDENCE;
use places::PlaceMention;
use std::ops::Range;
use std::path::Path;

/// The words of the text that a candidate rests on, as character offsets into the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Words {
    /// The words themselves.
    pub text: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset just past the last character.
    pub end: usize,
}

/// Where a candidate came from in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    /// The sentence, whole.
    pub sentence: String,
    /// Character offsets of the sentence.
    pub sentence_start: usize,
    /// Character offset just past the sentence.
    pub sentence_end: usize,
    /// The words that say what happened.
    pub trigger: Words,
    /// The words that date it, if the text dates it.
    pub date: Option<Words>,
    /// The words that name the place.
    pub place: Words,
    /// How the date was found: the kind of the time expression, or `publication` when the
    /// text gives none and the publication day stands in.
    pub date_kind: String,
}

/// A proposed event for a person to review.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The event, in frontline's model.
    pub event: Event,
    /// How sure the reading is, 0–1.
    pub confidence: f64,
    /// The words it rests on.
    pub provenance: Provenance,
}

/// What a reading needs, loaded from a data folder and owned: the reference data (places,
/// front areas) and the lexicons (actors, triggers, cues).
pub struct Resources {
    /// Places and front areas.
    pub reference: Reference,
    /// Actors, triggers and cues (`lexicon/`).
    pub lexicon: Lexicon,
}

impl Resources {
    /// Loads the gazetteer, the fronts and the lexicons of a data folder.
    pub fn load(data: &DataPaths) -> Result<Resources, Error> {
        Ok(Resources {
            reference: Reference::load(data)?,
            lexicon: Lexicon::load(&data.lexicon())?,
        })
    }

    /// An extractor reading with this data.
    pub fn extractor(&self) -> Extractor<'_> {
        Extractor {
            gazetteer: &self.reference.gazetteer,
            fronts: &self.reference.fronts,
            lexicon: &self.lexicon,
        }
    }
}

/// The reference data a reading needs.
pub struct Extractor<'a> {
    /// Places.
    pub gazetteer: &'a Gazetteer,
    /// Front areas (names and areas).
    pub fronts: &'a Fronts,
    /// Actors, triggers and cues.
    pub lexicon: &'a Lexicon,
}

/// One trigger found in a clause.
#[derive(Clone, Debug)]
struct Hit<'l> {
    trigger: &'l Trigger,
    span: Range<usize>,
    first_token: usize,
}

/// Triggers, places and times that belong together: a clause with a trigger, and the
/// trigger-less clauses around it that name its places.
#[derive(Default)]
struct Group<'l> {
    hits: Vec<Hit<'l>>,
    places: Vec<PlaceMention>,
    times: Vec<TimeExpression>,
    span: Option<Range<usize>>,
}

/// A candidate before its date is settled.
struct Draft<'l> {
    hit: Hit<'l>,
    /// ACLED type and sub-type, from the trigger as the context refines it.
    types: (&'static str, &'static str),
    place: PlaceMention,
    time: Option<TimeExpression>,
    sentence: Range<usize>,
    actors: Vec<String>,
    factor: f64,
    reference_of: Option<(usize, Offset)>,
}

impl<'a> Extractor<'a> {
    /// Reads one text published on `published` and proposes its events, in text order.
    /// `source` names the text (a file name) in each event's `source`.
    pub fn extract(
        &self,
        text: &str,
        published: NaiveDate,
        lang: Option<Lang>,
        source: &str,
    ) -> Vec<Candidate> {
        let lang = lang.unwrap_or_else(|| Lang::detect(text));
        let times = temporal::find(text, published, lang);
        let datelines = temporal::datelines(text);
        let mut drafts: Vec<Draft> = Vec::new();
        let mut last_place: Option<PlaceMention> = None;
        // The last date the text stated: a later sentence with none ("the same day", "late
        // that night") most often goes on telling that day, not the day of publication.
        let mut last_time: Option<TimeExpression> = None;
        let mut previous_end = 0;
        for sentence in text::sentences(text) {
            // A new line starts a new paragraph (or a caption): its dates are its own.
            if text[previous_end..sentence.start].contains('\n') {
                last_time = None;
            }
            previous_end = sentence.end;
            let tokens = text::words(text, sentence.clone());
            // A heading ("هدوء حذر", "Why now?") of three words or fewer tells no event.
            if tokens.len() <= 3 {
                continue;
            }
            let forms: Vec<Vec<String>> = tokens
                .iter()
                .map(|t| match lang {
                    Lang::Ar => text::clitic_forms(&t.norm),
                    Lang::En => vec![t.norm.clone()],
                })
                .collect();
            let hits = self.triggers(&tokens, &forms, lang);
            let mut mentions =
                places::find(self.gazetteer, self.fronts, text, &tokens, &forms, lang);
            mentions.retain(|m| !datelines.iter().any(|d| d.contains(&m.span.start)));
            let sentence_times: Vec<&TimeExpression> = times
                .iter()
                .filter(|t| {
                    !t.dateline && t.span.start >= sentence.start && t.span.end <= sentence.end
                })
                .collect();
            let groups = group(text, &sentence, &hits, &mentions, &sentence_times);
            for g in groups {
                let relative = g
                    .times
                    .iter()
                    .find(|t| t.kind == DateKind::RelativeToOtherEvent)
                    .cloned();
                let reference = relative
                    .as_ref()
                    .and_then(|t| t.relative.as_ref())
                    .map(|r| r.reference.clone());
                let in_reference = |span: &Range<usize>| {
                    reference.as_ref().is_some_and(|r| r.contains(&span.start))
                };
                // Places inside "three days after the attack on Tripoli" belong to the attack.
                // Places after a trigger that is only a topic ("to discuss the consequences of
                // Haftar's attack on Tripoli") belong to the topic.
                let topic_from = g
                    .hits
                    .iter()
                    .filter(|h| is_topic(&tokens, &forms, h.first_token))
                    .map(|h| h.span.start)
                    .min()
                    .unwrap_or(usize::MAX);
                let mut places: Vec<PlaceMention> = g
                    .places
                    .iter()
                    .filter(|p| !in_reference(&p.span) && p.span.start < topic_from)
                    .cloned()
                    .collect();
                places::drop_containers(&mut places);
                let group_span = g.span.clone().unwrap_or(sentence.clone());
                let outside_reference: Vec<usize> = (0..tokens.len())
                    .filter(|&i| !in_reference(&tokens[i].span))
                    .collect();
                let actors = self
                    .actors(&tokens, &forms, &group_span, &outside_reference)
                    .or_else(|| self.actors(&tokens, &forms, &sentence, &outside_reference))
                    .unwrap_or_default();
                let borrowed = places.is_empty();
                if borrowed {
                    // "GNA forces captured over twenty fighters": no place in the sentence;
                    // the last place the text named stands in, less surely.
                    places.extend(last_place.clone());
                }
                let group_times = join_day_pairs(text, &g.times);
                let own_time = pick_time(&group_times)
                    .cloned()
                    .and_then(|t| anaphora(text, t, last_time.as_ref()))
                    .or_else(|| {
                        next_day(
                            text,
                            g.span.as_ref().unwrap_or(&sentence),
                            last_time.as_ref(),
                        )
                    });
                let inherited = own_time.is_none() && last_time.is_some();
                let time = own_time.clone().or_else(|| last_time.clone());
                if let Some(t) = own_time.filter(|t| t.kind != DateKind::Approximate) {
                    last_time = Some(t);
                }
                // Weak triggers (killings, "fighting fronts") give way to a strong one beside
                // them, and the weakest only block: "محاور القتال" names fronts, not a battle.
                let strongest = g.hits.iter().map(|h| h.trigger.weight).fold(0.0, f64::max);
                let usable = |h: &&Hit| {
                    h.trigger.weight >= 0.3 && !(strongest >= 0.6 && h.trigger.weight < 0.45)
                };
                // One candidate per event type per place: the strongest trigger of each type.
                let mut best: Vec<&Hit> = Vec::new();
                for hit in g.hits.iter().filter(usable) {
                    match best
                        .iter_mut()
                        .find(|b| b.trigger.sub_event_type == hit.trigger.sub_event_type)
                    {
                        Some(b) if b.trigger.weight < hit.trigger.weight => *b = hit,
                        Some(_) => {}
                        None => best.push(hit),
                    }
                }
                for hit in best {
                    if in_reference(&hit.span) {
                        continue; // the referenced event is proposed below, dated from this one
                    }
                    if is_topic(&tokens, &forms, hit.first_token) {
                        continue;
                    }
                    let Some(factor) =
                        self.cue_factor(&tokens, &forms, lang, hit, &group_span, &sentence)
                    else {
                        continue;
                    };
                    let actors = around(&actors, hit.span.start);
                    let types = refine(hit, &actors, &tokens, &group_span);
                    for place in &places {
                        drafts.push(Draft {
                            hit: hit.clone(),
                            types,
                            place: if borrowed {
                                place.borrowed()
                            } else {
                                place.clone()
                            },
                            // The date nearest the trigger: "arrested in recent days, the
                            // ministry said on Wednesday" dates the arrests by the first.
                            time: nearest_time(&group_times, hit.span.start)
                                .or_else(|| time.clone()),
                            sentence: sentence.clone(),
                            actors: actors.clone(),
                            factor: factor
                                * if borrowed { 0.85 } else { 1.0 }
                                * if inherited { 0.9 } else { 1.0 },
                            reference_of: None,
                        });
                    }
                }
                // "three days after the start of Haftar's attack on Tripoli": the attack is an
                // event of its own, dated from this clause's date.
                if let Some(rel) = relative.as_ref().and_then(|t| t.relative.clone()) {
                    let anchor_index = drafts.len().checked_sub(1);
                    let inner_hits: Vec<&Hit> = g
                        .hits
                        .iter()
                        .filter(|h| rel.reference.contains(&h.span.start))
                        .collect();
                    let inner_places: Vec<&PlaceMention> = g
                        .places
                        .iter()
                        .filter(|p| rel.reference.contains(&p.span.start))
                        .collect();
                    let inner_tokens: Vec<usize> = (0..tokens.len())
                        .filter(|&i| rel.reference.contains(&tokens[i].span.start))
                        .collect();
                    let inner_actors = self
                        .actors(&tokens, &forms, &rel.reference, &inner_tokens)
                        .unwrap_or_default();
                    let inner_actors = around(
                        &inner_actors,
                        inner_hits
                            .first()
                            .map_or(rel.reference.start, |h| h.span.start),
                    );
                    // "... days after Haftar's forces began their attack on Tripoli on 4 April":
                    // a date inside the reference dates the referenced event itself.
                    let own = sentence_times
                        .iter()
                        .find(|t| {
                            t.kind == DateKind::Absolute && rel.reference.contains(&t.span.start)
                        })
                        .map(|t| (*t).clone());
                    if let (Some(hit), Some(place), Some(anchor)) =
                        (inner_hits.first(), inner_places.first(), anchor_index)
                    {
                        drafts.push(Draft {
                            hit: (*hit).clone(),
                            types: refine(hit, &inner_actors, &tokens, &rel.reference),
                            place: (*place).clone(),
                            reference_of: if own.is_some() {
                                None
                            } else {
                                Some((anchor, rel.offset))
                            },
                            time: own,
                            sentence: sentence.clone(),
                            actors: inner_actors,
                            factor: 0.9,
                        });
                    }
                }
                if let Some(p) = places.last() {
                    last_place = Some(p.clone());
                }
            }
            // A sentence that tells no event may still state the day the next one tells of.
            let stated: Vec<TimeExpression> = sentence_times.iter().map(|t| (*t).clone()).collect();
            if let Some(t) = pick_time(&stated).filter(|t| t.kind != DateKind::Approximate) {
                last_time = Some(t.clone());
            }
        }
        let mut candidates: Vec<Candidate> = Vec::new();
        for (i, draft) in drafts.iter().enumerate() {
            let (interval, date_words, date_kind, date_factor) =
                match (&draft.time, draft.reference_of) {
                    (_, Some((anchor, offset))) => {
                        let base = date_of(drafts[anchor].time.as_ref(), published);
                        let shifted = negate(offset)
                            .and_then(|o| base.0.shifted(o))
                            .unwrap_or(base.0);
                        (
                            shifted,
                            None,
                            DateKind::RelativeToOtherEvent.as_str().to_string(),
                            0.95,
                        )
                    }
                    (Some(t), None) => {
                        let (interval, factor) = date_of(draft.time.as_ref(), published);
                        (
                            interval,
                            Some(words(text, t.span.clone())),
                            t.kind.as_str().to_string(),
                            factor,
                        )
                    }
                    (None, None) => (
                        DateInterval::day(published),
                        None,
                        "publication".to_string(),
                        0.8,
                    ),
                };
            let mut event = self.event(draft, interval, source, published, i);
            if draft.place.borrowed {
                event.geo_precision = GeoPrecision::Near;
            }
            let confidence =
                (draft.hit.trigger.weight * draft.place.confidence * draft.factor * date_factor)
                    .clamp(0.0, 1.0);
            candidates.push(Candidate {
                event,
                confidence: (confidence * 100.0).round() / 100.0,
                provenance: Provenance {
                    sentence: text[draft.sentence.clone()].to_string(),
                    sentence_start: text::char_offset(text, draft.sentence.start),
                    sentence_end: text::char_offset(text, draft.sentence.end),
                    trigger: words(text, draft.hit.span.clone()),
                    date: date_words,
                    place: words(text, draft.place.span.clone()),
                    date_kind,
                },
            });
        }
        merge_duplicates(candidates)
    }

    fn triggers<'l>(&'l self, tokens: &[Token], forms: &[Vec<String>], lang: Lang) -> Vec<Hit<'l>> {
        let triggers = &self.lexicon.triggers;
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for at in 0..tokens.len() {
            for i in self.lexicon.trigger_index.candidates(&forms[at]) {
                if triggers[i].lang != lang {
                    continue;
                }
                if let Some(n) = lexicon::match_at(&triggers[i].phrase, tokens, forms, at) {
                    found.push((n, at, i));
                }
            }
        }
        // Longest first, then earliest: "air strike" wins over "strike".
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut covered = vec![false; tokens.len()];
        let mut hits: Vec<Hit> = Vec::new();
        for (n, at, i) in found {
            if covered[at..at + n].iter().any(|c| *c) {
                continue;
            }
            covered[at..at + n].iter_mut().for_each(|c| *c = true);
            hits.push(Hit {
                trigger: &triggers[i],
                span: tokens[at].span.start..tokens[at + n - 1].span.end,
                first_token: at,
            });
        }
        hits.sort_by_key(|h| h.span.start);
        hits
    }

    /// Actors named within `span`, in text order, only at the token positions allowed;
    /// `None` when there are none. A longer alias wins over one inside it.
    fn actors(
        &self,
        tokens: &[Token],
        forms: &[Vec<String>],
        span: &Range<usize>,
        allowed: &[usize],
    ) -> Option<Vec<(usize, String)>> {
        let mut found: Vec<(usize, usize, &str)> = Vec::new();
        let mut seen: Vec<usize> = Vec::new();
        for &at in allowed {
            if tokens[at].span.start < span.start || tokens[at].span.start >= span.end {
                continue;
            }
            for k in self.lexicon.alias_index.candidates(&forms[at]) {
                let (a, alias) = self.lexicon.alias_owner[k];
                let actor = &self.lexicon.actors[a];
                if seen.contains(&a) {
                    continue;
                }
                if let Some(n) = lexicon::match_at(&actor.aliases[alias], tokens, forms, at) {
                    let longest = actor
                        .aliases
                        .iter()
                        .filter_map(|p| lexicon::match_at(p, tokens, forms, at))
                        .max()
                        .unwrap_or(n);
                    found.push((at, longest, actor.name.as_str()));
                    seen.push(a);
                }
            }
        }
        // Drop an alias found inside a longer one ("الجيش الوطني" inside "الجيش الوطني السوري").
        let inner = |&(at, n, _): &(usize, usize, &str)| {
            found
                .iter()
                .any(|&(a, m, _)| a <= at && at + n <= a + m && m > n)
        };
        let mut kept: Vec<(usize, usize, &str)> =
            found.iter().copied().filter(|f| !inner(f)).collect();
        kept.sort();
        let names: Vec<(usize, String)> = kept
            .into_iter()
            .map(|(at, _, name)| (tokens[at].span.start, name.to_string()))
            .collect();
        (!names.is_empty()).then_some(names)
    }

    /// How cues near a trigger change its confidence; `None` drops it (future, or a negation
    /// right before it).
    fn cue_factor(
        &self,
        tokens: &[Token],
        forms: &[Vec<String>],
        lang: Lang,
        hit: &Hit,
        clause: &Range<usize>,
        sentence: &Range<usize>,
    ) -> Option<f64> {
        let mut factor = 1.0;
        for at in 0..tokens.len() {
            for i in self.lexicon.cue_index.candidates(&forms[at]) {
                let cue = &self.lexicon.cues[i];
                if cue.lang != lang {
                    continue;
                }
                let Some(n) = lexicon::match_at(&cue.phrase, tokens, forms, at) else {
                    continue;
                };
                // "لا سيما" (especially) and "لا يزال" (still) hold no negation.
                let next = tokens.get(at + n).map(|t| t.norm.as_str()).unwrap_or("");
                if cue.kind == CueKind::Negation
                    && ["سيما", "يزال", "تزال", "زال", "زالت"].contains(&next)
                {
                    continue;
                }
                let span = tokens[at].span.start..tokens[at + n - 1].span.end;
                let scope = if cue.sentence { sentence } else { clause };
                if span.start < scope.start || span.end > scope.end {
                    continue;
                }
                let before = at < hit.first_token && hit.first_token - at <= 3;
                match cue.kind {
                    CueKind::Future if at <= hit.first_token => return None,
                    CueKind::Negation if before => return None,
                    CueKind::Negation => factor *= 0.5,
                    CueKind::Denial => factor *= 0.6,
                    CueKind::Hedge => factor *= 0.85,
                    _ => {}
                }
            }
        }
        Some(factor)
    }

    fn event(
        &self,
        draft: &Draft,
        date: DateInterval,
        source: &str,
        published: NaiveDate,
        index: usize,
    ) -> Event {
        let place = &draft.place;
        let (country, iso) = country_name(&place.country_code).unwrap_or(("", 0));
        let front = self
            .fronts
            .containing(place.point)
            .map(|f| f.id.clone())
            .unwrap_or_else(|| UNASSIGNED.to_string());
        let mut actors = draft.actors.clone();
        if actors.is_empty() {
            actors.push("Unidentified Armed Group (Libya)".to_string());
        }
        Event {
            event_id_cnty: format!("EXT{:04}", index + 1),
            date,
            recorded: None,
            anchor: None,
            event_type: draft.types.0,
            sub_event_type: draft.types.1,
            actor1: vec![actors[0].clone()],
            assoc_actor_1: Vec::new(),
            actor2: actors.get(1).cloned().into_iter().collect(),
            assoc_actor_2: Vec::new(),
            country: if country.is_empty() {
                place.country_code.clone()
            } else {
                country.to_string()
            },
            iso: (iso > 0).then_some(iso),
            admin1: place.admin1.clone(),
            location: place.name.clone(),
            point: place.point,
            geo_precision: place.geo_precision,
            geonameid: Some(place.geonameid.clone()),
            front,
            fatalities: Fatalities::default(),
            // The text's own words decide nothing about a claim: a reviewer does.
            claim: Claim::default(),
            sources: vec![Source {
                name: source.to_string(),
                url: None,
                published: Some(published),
                stance: Stance::Reports,
            }],
            notes: String::new(),
            key: false,
            headline: String::new(),
            headline_ar: String::new(),
            extra: Vec::new(),
            origin: Origin::file(Path::new(source)),
        }
    }
}

/// Whether a trigger is the topic of talk rather than a happening: "to discuss the
/// consequences of Haftar's attack", "لبحث تداعيات هجوم حفتر".
fn is_topic(tokens: &[Token], forms: &[Vec<String>], at: usize) -> bool {
    const TOPIC: [&str; 9] = [
        "تداعيات",
        "بحث",
        "مناقشه",
        "تبعات",
        "consequences",
        "discuss",
        "discussed",
        "aftermath",
        "implications",
    ];
    (1..=2).any(|back| {
        at.checked_sub(back).is_some_and(|i| {
            forms[i].iter().any(|f| TOPIC.contains(&f.as_str()))
                || TOPIC.contains(&tokens[i].norm.as_str())
        })
    })
}

/// Actors in the order they bear on a trigger: the nearest one before it (the subject, in
/// Arabic and English news alike), then the others by distance.
fn around(actors: &[(usize, String)], trigger: usize) -> Vec<String> {
    let mut ordered: Vec<&(usize, String)> = actors.iter().collect();
    ordered.sort_by_key(|(at, _)| {
        if *at <= trigger {
            (0, trigger - at)
        } else {
            (1, at - trigger)
        }
    });
    let mut names: Vec<String> = Vec::new();
    for (_, name) in ordered {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names
}

/// The trigger's ACLED type as its context refines it: who took territory decides between
/// ACLED's two territorial sub-types (the GNA was the recognised government), and قصف with an
/// aircraft in the clause is an air strike, not shelling.
fn refine(
    hit: &Hit,
    actors: &[String],
    tokens: &[Token],
    clause: &Range<usize>,
) -> (&'static str, &'static str) {
    const GOVERNMENT: &str = "Government regains territory";
    const NON_STATE: &str = "Non-state actor overtakes territory";
    const AIR: &str = "Air/drone strike";
    let t = hit.trigger;
    let first = actors.first().map(String::as_str).unwrap_or("");
    match t.sub_event_type {
        NON_STATE | GOVERNMENT if first.starts_with("GNA") => ("Battles", GOVERNMENT),
        NON_STATE | GOVERNMENT if first.starts_with("LNA") => ("Battles", NON_STATE),
        "Shelling/artillery/missile attack" => {
            let aircraft = tokens
                .iter()
                .filter(|tok| tok.span.start >= clause.start && tok.span.end <= clause.end)
                .any(|tok| {
                    [
                        "طاير",
                        "طيران",
                        "الطيران",
                        "الطاير",
                        "مسيره",
                        "المسيره",
                        "الطايرات",
                        "طايرات",
                    ]
                    .contains(&tok.norm.as_str())
                });
            if aircraft {
                ("Explosions/Remote violence", AIR)
            } else {
                (t.event_type, t.sub_event_type)
            }
        }
        _ => (t.event_type, t.sub_event_type),
    }
}

fn words(text: &str, span: Range<usize>) -> Words {
    Words {
        text: text[span.clone()].to_string(),
        start: text::char_offset(text, span.start),
        end: text::char_offset(text, span.end),
    }
}

/// Clauses become groups: a clause with triggers opens a group; a clause without them lends
/// its places and times to the group before it, or, at the start of a sentence, to the next.
fn group<'l>(
    text: &str,
    sentence: &Range<usize>,
    hits: &[Hit<'l>],
    places: &[PlaceMention],
    times: &[&TimeExpression],
) -> Vec<Group<'l>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut pending = Group::default();
    for clause in text::clauses(text, sentence.clone()) {
        let inside = |r: &Range<usize>| r.start >= clause.start && r.start < clause.end;
        let clause_hits: Vec<Hit> = hits.iter().filter(|h| inside(&h.span)).cloned().collect();
        let clause_places: Vec<PlaceMention> =
            places.iter().filter(|p| inside(&p.span)).cloned().collect();
        let clause_times: Vec<TimeExpression> = times
            .iter()
            .filter(|t| inside(&t.span))
            .map(|t| (*t).clone())
            .collect();
        if clause_hits.is_empty() {
            let target = groups.last_mut().unwrap_or(&mut pending);
            target.places.extend(clause_places);
            target.times.extend(clause_times);
            continue;
        }
        let mut g = std::mem::take(&mut pending);
        g.hits = clause_hits;
        g.places.extend(clause_places);
        g.times.extend(clause_times);
        g.span = Some(clause.clone());
        groups.push(g);
    }
    // A date anywhere in the sentence dates its groups that have none of their own.
    let all: Vec<TimeExpression> = times.iter().map(|t| (*t).clone()).collect();
    for g in &mut groups {
        if pick_time(&g.times).is_none() {
            if let Some(t) = pick_time(&all) {
                g.times.push(t.clone());
            }
        }
    }
    groups
}
