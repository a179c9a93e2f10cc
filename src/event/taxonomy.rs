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
    EVENT_TYPES.iter().map(|(t, _)| *t).find(|t| same(t, text))
}

/// The codebook spelling of a sub-event type and the event type it belongs to.
pub fn sub_event_type(text: &str) -> Option<(&'static str, &'static str)> {
    EVENT_TYPES
        .iter()
        .find_map(|(t, subs)| subs.iter().find(|s| same(s, text)).map(|s| (*t, *s)))
}

fn same(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    squeeze(a) == squeeze(b)
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
