//! ACLED's event types and sub-event types (ACLED Codebook, 2023: 6 types, 25 sub-types).

/// The six ACLED event types, each with its sub-event types in codebook order.
pub const EVENT_TYPES: [(&str, &[&str]); 6] = [
    (
        "Battles",
        &[
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
        ],
    ),
    (
        "Explosions/Remote violence",
        &[
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
    ),
    (
        "Violence against civilians",
        &[
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        ],
    ),
    (
        "Protests",
        &[
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
        ],
    ),
    ("Riots", &["Violent demonstration", "Mob violence"]),
    (
        "Strategic developments",
        &[
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
    ),
];

/// The codebook spelling of an event type, matched without regard to case or spaces.
pub fn event_type(text: &str) -> Option<&'static str> {
    let names = || EVENT_TYPES.iter().map(|(t, _)| *t);
    // Exports spell them as the codebook does; only other spellings pay for squeezing.
    names().find(|t| *t == text).or_else(|| {
        let text = squeeze(text);
        names().find(|t| squeeze(t) == text)
    })
}

/// The codebook spelling of a sub-event type and the event type it belongs to.
pub fn sub_event_type(text: &str) -> Option<(&'static str, &'static str)> {
    let find = |same: &dyn Fn(&str) -> bool| {
        EVENT_TYPES
            .iter()
            .find_map(|(t, subs)| subs.iter().find(|s| same(s)).map(|s| (*t, *s)))
    };
    find(&|s| s == text).or_else(|| {
        let text = squeeze(text);
        find(&|s| squeeze(s) == text)
    })
}

/// The text lower-cased without spaces, for loose matching.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codebook_has_six_types_and_twenty_five_sub_types() {
        assert_eq!(EVENT_TYPES.len(), 6);
        let subs: usize = EVENT_TYPES.iter().map(|(_, s)| s.len()).sum();
        assert_eq!(subs, 25);
    }

    #[test]
    fn matches_spelling_loosely_and_returns_the_codebook_form() {
        assert_eq!(event_type("battles"), Some("Battles"));
        assert_eq!(
            event_type("Explosions / Remote violence"),
            Some("Explosions/Remote violence")
        );
        assert_eq!(
            sub_event_type("air/drone strike"),
            Some(("Explosions/Remote violence", "Air/drone strike"))
        );
        assert_eq!(sub_event_type("Air strike"), None);
        assert_eq!(event_type("War"), None);
    }
}
