//! Escaping text for XML and HTML, and an event as HTML, shared by the writers whose
//! output holds markup (KML, and the HTML inside KML descriptions and TimelineJS slides).

use crate::event::{is_web_url, ClaimStatus, Event, Stance};
use crate::format::geojson_writer::LIST_SEPARATOR;
use std::fmt::Write;

/// Escapes text for XML or HTML content and double-quoted attribute values (the only kind
/// frontline writes): `& < > "` become entities, and the characters XML 1.0 does not allow
/// are dropped (see [`xml_chars`]). Tabs and line ends are kept; everything else, Arabic
/// included, passes through as UTF-8.
///
/// # Examples
/// ```
/// use frontline::format::markup::escape;
/// assert_eq!(escape("Tom & \"Jerry\" <3"), "Tom &amp; &quot;Jerry&quot; &lt;3");
/// assert_eq!(escape("غريان\u{7}\u{FFFE}"), "غريان");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_chars(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Text without the characters XML 1.0 does not allow (§2.2 `Char`): the C0 controls other
/// than tab, line feed and carriage return, and the non-characters U+FFFE and U+FFFF
/// (surrogates cannot occur in a Rust string). For writers that escape `& < > "` on their
/// own, as plotters' SVG backend does, but would pass these through into invalid XML.
///
/// # Examples
/// ```
/// use frontline::format::markup::xml_chars;
/// assert_eq!(xml_chars("a\u{1}b\u{FFFE}c\td"), "abc\td");
/// assert_eq!(xml_chars("طرابلس & <Tripoli>"), "طرابلس & <Tripoli>");
/// ```
pub fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(forbidden_in_xml) {
        text.chars()
            .filter(|c| !forbidden_in_xml(*c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

fn forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}')
        || c == '\u{FFFE}'
        || c == '\u{FFFF}'
}

/// An event as HTML for a balloon or a slide: date and type, notes, actors, deaths, and
/// the sources as links (only http and https addresses become links), all text escaped.
pub fn event_html(event: &Event) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<p>{} · {} · {} · {}</p>",
        escape(&event.date.to_string()),
        escape(event.event_type),
        escape(event.sub_event_type),
        escape(&event.location)
    );
    if !event.notes.is_empty() {
        let _ = write!(html, "<p>{}</p>", escape(&event.notes));
    }
    let actors = |list: &[String]| escape(&list.join(LIST_SEPARATOR));
    if !event.actor1.is_empty() || !event.actor2.is_empty() {
        html.push_str("<p><b>Actors:</b> ");
        html.push_str(&actors(&event.actor1));
        if !event.assoc_actor_1.is_empty() {
            let _ = write!(html, " (with {})", actors(&event.assoc_actor_1));
        }
        if !event.actor2.is_empty() {
            let _ = write!(html, " against {}", actors(&event.actor2));
            if !event.assoc_actor_2.is_empty() {
                let _ = write!(html, " (with {})", actors(&event.assoc_actor_2));
            }
        }
        html.push_str("</p>");
    }
    html.push_str(&claim_html(event));
    if let Some(best) = event.fatalities.best {
        let _ = write!(html, "<p><b>Fatalities:</b> {best}");
        if let (Some(low), Some(high)) = (event.fatalities.low, event.fatalities.high) {
            let _ = write!(html, " ({low}–{high})");
        }
        html.push_str("</p>");
    } else if let Some(high) = event.fatalities.high {
        // A side's figure kept apart from the (unknown) best estimate.
        let _ = write!(
            html,
            "<p><b>Fatalities:</b> not confirmed; up to {high} claimed</p>"
        );
    }
    if !event.sources.is_empty() {
        html.push_str("<p><b>Sources:</b> ");
        for (i, source) in event.sources.iter().enumerate() {
            if i > 0 {
                html.push_str(LIST_SEPARATOR);
            }
            match source.url.as_deref().filter(|u| is_web_url(u)) {
                Some(url) => {
                    let _ = write!(
                        html,
                        "<a href=\"{}\" target=\"_blank\" rel=\"noopener\">{}</a>",
                        escape(url),
                        escape(&source.name)
                    );
                }
                None => html.push_str(&escape(&source.name)),
            }
            if let Some(day) = source.published {
                let _ = write!(html, " ({day})");
            }
            if source.stance != Stance::Reports {
                let _ = write!(html, " [{}]", source.stance.as_str());
            }
        }
        html.push_str("</p>");
    }
    html
}

/// What a reader must know before the facts of an event that is not confirmed: who claims
/// it and who denies it. Empty for a confirmed event.
fn claim_html(event: &Event) -> String {
    let claimants = escape(&event.claim.by.join(LIST_SEPARATOR));
    let deniers: Vec<&str> = event
        .sources
        .iter()
        .filter(|s| s.stance == Stance::Denies)
        .map(|s| s.name.as_str())
        .collect();
    match event.claim.status {
        ClaimStatus::Confirmed => String::new(),
        ClaimStatus::Claimed => {
            format!("<p><b>Claimed</b> by {claimants}; not confirmed by others.</p>")
        }
        ClaimStatus::Disputed => format!(
            "<p><b>Disputed:</b> claimed by {claimants}; denied by {}.</p>",
            escape(&deniers.join(LIST_SEPARATOR))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_four_characters_and_keeps_apostrophes_and_line_ends() {
        assert_eq!(
            escape("a<b>&\"c\"'d'\n"),
            "a&lt;b&gt;&amp;&quot;c&quot;'d'\n"
        );
    }

    #[test]
    fn characters_xml_forbids_are_dropped_and_the_rest_kept() {
        assert_eq!(
            escape("a\u{0}\u{1F}b\u{FFFF}\u{FFFE}\u{FFFD}"),
            "ab\u{FFFD}"
        );
        assert_eq!(xml_chars("\t\n\r"), "\t\n\r");
        assert!(matches!(xml_chars("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
