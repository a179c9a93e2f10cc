//! Reading the proclitics off a folded Arabic word: a conjunction (و, ف), then a
//! preposition (ب, ل, ك), then the article (ال; after ل it is written ل, as in للجيش).
//!
//! Each of the three comes at most once and in that order, and the letters that start them
//! differ, so a word has one chain of readings, from the whole word to the barest stem:
//! والخميس → الخميس → خميس; بالأمس → الامس → امس; للجيش → لجيش → جيش. Whether a reading is
//! right depends on what the stem is (وادي is a word, not و + ادي), which only the caller
//! knows: [`readings`] offers the chain, [`strip`] takes the first reading a caller accepts.

/// The fewest letters a stem keeps once a clitic is taken off. Two, because the shortest
/// words that take clitics have two letters (لم in ولم, من in ومن, شن in وشن, the six ست in
/// الست); a single letter left over is never a word. Callers that need more say so in the
/// readings they accept.
pub const MIN_STEM: usize = 2;

/// One reading of a word: its stem and the clitics taken off before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading<'a> {
    /// The word without its clitics: always a suffix of the word, never empty.
    pub stem: &'a str,
    /// The conjunction taken off (و or ف).
    pub conj: Option<char>,
    /// The preposition taken off (ب, ل or ك).
    pub prep: Option<char>,
    /// Whether the article was taken off.
    pub article: bool,
}

impl Reading<'_> {
    /// Whether nothing was taken off: the whole word.
    pub fn is_whole(&self) -> bool {
        self.conj.is_none() && self.prep.is_none() && !self.article
    }

    /// Whether the article was written without its alef, after ل (للجيش = ل + الجيش): the
    /// stem with its article is then not a suffix of the word.
    pub fn article_elided(&self) -> bool {
        self.article && self.prep == Some('ل')
    }
}

/// Every reading of a folded word, the whole word first and then one clitic more each time.
///
/// # Examples
/// ```
/// use frontline::text::clitics::readings;
/// let stems: Vec<&str> = readings("والخميس").map(|r| r.stem).collect();
/// assert_eq!(stems, ["والخميس", "الخميس", "خميس"]);
/// let stems: Vec<&str> = readings("للجيش").map(|r| r.stem).collect();
/// assert_eq!(stems, ["للجيش", "لجيش", "جيش"]);
/// assert_eq!(readings("Tripoli").count(), 1);
/// ```
pub fn readings(word: &str) -> Readings<'_> {
    Readings {
        next: Some(Reading {
            stem: word,
            conj: None,
            prep: None,
            article: false,
        }),
    }
}

/// The least stripped reading of a folded word that `accept` takes, or the whole word when
/// it takes none. `accept` is where a caller's knowledge goes: the date grammar accepts
/// stems that are date words, the gazetteer only the article.
///
/// # Examples
/// ```
/// use frontline::text::clitics::strip;
/// let date_word = |r: &frontline::text::clitics::Reading| r.stem == "خميس";
/// let r = strip("والخميس", date_word);
/// assert_eq!(r.stem, "خميس");
/// assert!(r.conj == Some('و') && r.article && r.prep.is_none());
/// // Nothing accepted: the word stays whole.
/// assert_eq!(strip("وادي", date_word).stem, "وادي");
/// ```
pub fn strip<'a>(word: &'a str, accept: impl Fn(&Reading<'a>) -> bool) -> Reading<'a> {
    let mut all = readings(word);
    let whole = all.next().expect("the first reading is the whole word");
    if accept(&whole) {
        return whole;
    }
    all.find(|r| accept(r)).unwrap_or(whole)
}

/// Iterator over the readings of a word; see [`readings`].
pub struct Readings<'a> {
    next: Option<Reading<'a>>,
}

impl<'a> Iterator for Readings<'a> {
    type Item = Reading<'a>;

    fn next(&mut self) -> Option<Reading<'a>> {
        let current = self.next.take()?;
        self.next = deeper(&current);
        Some(current)
    }
}

/// The reading with the next clitic taken off, if the stem has one and keeps
/// [`MIN_STEM`] letters.
fn deeper<'a>(r: &Reading<'a>) -> Option<Reading<'a>> {
    // Most words start with no clitic letter at all (every Latin word does).
    if !r.stem.starts_with(['و', 'ف', 'ب', 'ل', 'ك', 'ا']) {
        return None;
    }
    let long_enough = |s: &str| s.chars().count() >= MIN_STEM;
    if r.is_whole() {
        if let Some(rest) = r.stem.strip_prefix(['و', 'ف']) {
            return long_enough(rest).then(|| Reading {
                stem: rest,
                conj: r.stem.chars().next(),
                ..*r
            });
        }
    }
    if r.prep.is_none() && !r.article {
        if let Some(rest) = r.stem.strip_prefix(['ب', 'ل', 'ك']) {
            return long_enough(rest).then(|| Reading {
                stem: rest,
                prep: r.stem.chars().next(),
                ..*r
            });
        }
    }
    if !r.article {
        // After ل the article loses its alef: ل + الجيش is written للجيش.
        let article = if r.prep == Some('ل') { "ل" } else { "ال" };
        if let Some(rest) = r.stem.strip_prefix(article) {
            return long_enough(rest).then_some(Reading {
                stem: rest,
                article: true,
                ..*r
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(word: &str) -> Vec<&str> {
        readings(word).map(|r| r.stem).collect()
    }

    #[test]
    fn clitics_come_off_in_order() {
        assert_eq!(chain("بالامس"), ["بالامس", "الامس", "امس"]);
        assert_eq!(chain("وبالامس"), ["وبالامس", "بالامس", "الامس", "امس"]);
        assert_eq!(chain("فللشهر"), ["فللشهر", "للشهر", "لشهر", "شهر"]);
        assert_eq!(chain("كالعاده"), ["كالعاده", "العاده", "عاده"]);
        assert_eq!(chain("بمصراته"), ["بمصراته", "مصراته"]);
    }

    #[test]
    fn stems_keep_two_letters() {
        assert_eq!(chain("ولم"), ["ولم", "لم"]);
        assert_eq!(chain("لا"), ["لا"]);
        assert_eq!(chain("وب"), ["وب"]);
        assert_eq!(chain("بال"), ["بال", "ال"]);
    }

    #[test]
    fn the_article_after_lam_is_written_without_alef() {
        let last = readings("للجيش").last().unwrap();
        assert!(last.article_elided() && last.prep == Some('ل'));
        // ل + a word that itself starts with ال is not ل + article.
        assert_eq!(chain("لالتقاط"), ["لالتقاط", "التقاط"]);
        let last = readings("بالجيش").last().unwrap();
        assert!(last.article && !last.article_elided());
    }

    #[test]
    fn strip_takes_the_least_stripped_accepted_reading() {
        let r = strip("الاب", |r| r.stem == "اب" || r.stem == "الاب");
        assert!(r.is_whole());
        let r = strip("وللشهر", |r| r.stem == "شهر");
        assert_eq!(
            (r.stem, r.conj, r.prep, r.article),
            ("شهر", Some('و'), Some('ل'), true)
        );
        assert!(strip("طرابلس", |_| false).is_whole());
    }
}
