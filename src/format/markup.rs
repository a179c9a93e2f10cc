//! Escaping text for XML and HTML, shared by the writers whose output holds markup (KML,
//! and the HTML inside KML descriptions and TimelineJS slides).

/// Escapes text for XML or HTML content and attribute values: `& < > " '` become
/// entities, and the control characters XML 1.0 does not allow (§2.2) are dropped. Tabs and
/// line ends are kept; everything else, Arabic included, passes through as UTF-8.
///
/// # Examples
/// ```
/// use frontline::format::markup::escape;
/// assert_eq!(escape("Tom & \"Jerry\" <3"), "Tom &amp; &quot;Jerry&quot; &lt;3");
/// assert_eq!(escape("غريان\u{7}"), "غريان");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether a URL may become a link: only `http` and `https`, so a source written as
/// `javascript:` or `data:` stays text in the pages a reader opens.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters_and_keeps_line_ends() {
        assert_eq!(
            escape("a<b>&\"c\"'d'\n"),
            "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;\n"
        );
    }

    #[test]
    fn only_http_and_https_are_links() {
        assert!(is_web_url("https://www.reuters.com/x"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("www.reuters.com"));
    }
}
