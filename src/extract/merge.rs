//! From readings to proposals: weak readings dropped, one event told twice made one.

use super::Candidate;

/// Candidates below this confidence are not proposed: they are the weak readings (a
/// killing mentioned in passing, a front named as "the fighting fronts").
pub const MIN_CONFIDENCE: f64 = 0.3;

/// The same event told twice in one text (same sub-event type, or same type within one
/// sentence; same place; overlapping dates) is one candidate: the one with a stated date,
/// then the surer one, keeps its provenance. A weak strategic development at the place and time of a violent event is part of it
/// ("the airport closed after the shelling"), and so is any weak reading beside a sure one
/// in the same sentence.
pub(super) fn merge_duplicates(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let same_moment = |a: &Candidate, b: &Candidate| {
        a.event.geonameid == b.event.geonameid
            && a.event.date.overlaps(b.event.date.start, b.event.date.end)
    };
    for c in candidates
        .into_iter()
        .filter(|c| c.confidence >= MIN_CONFIDENCE)
    {
        let same = out.iter_mut().find(|o| {
            let same_sentence = o.provenance.sentence_start == c.provenance.sentence_start;
            let same_kind = o.event.sub_event_type == c.event.sub_event_type
                || (o.event.event_type == c.event.event_type && same_sentence);
            same_kind && same_moment(o, &c)
        });
        match same {
            Some(o) => {
                let dated = |x: &Candidate| x.provenance.date.is_some() as u8;
                if (dated(&c), c.confidence) > (dated(o), o.confidence) {
                    *o = c;
                }
            }
            None => out.push(c),
        }
    }
    let strategic = "Strategic developments";
    let violent = |c: &Candidate| {
        matches!(
            c.event.event_type,
            "Battles" | "Explosions/Remote violence" | "Violence against civilians"
        )
    };
    let absorbed: Vec<bool> = out
        .iter()
        .map(|c| {
            let beside = |o: &Candidate| {
                !std::ptr::eq(o, c)
                    && same_moment(o, c)
                    && o.provenance.sentence_start == c.provenance.sentence_start
            };
            (c.event.event_type == strategic
                && c.confidence < 0.6
                && out.iter().any(|o| violent(o) && beside(o)))
                || (c.confidence < 0.45 && out.iter().any(|o| o.confidence >= 0.6 && beside(o)))
        })
        .collect();
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        !absorbed[i - 1]
    });
    for (i, c) in out.iter_mut().enumerate() {
        c.event.event_id_cnty = format!("EXT{:04}", i + 1);
    }
    out
}
