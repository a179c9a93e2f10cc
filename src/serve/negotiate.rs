//! Which encoding a response is written in: the `f` parameter when given, else the
//! `Accept` header (Part 1 §7.8, "Encodings": HTML and GeoJSON/JSON conformance classes).

/// The encodings the service writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON: GeoJSON for features, JSON for the rest, the OpenAPI document for `/api`.
    Json,
    /// HTML for a person in a browser.
    Html,
}

impl Format {
    /// The value of `f` for this format.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Html => "html",
        }
    }

    /// The format `f` names: `json` (or `geojson`) or `html`.
    pub fn parse(value: &str) -> Option<Format> {
        match value.to_ascii_lowercase().as_str() {
            "json" | "geojson" => Some(Format::Json),
            "html" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format an `Accept` header prefers: HTML when `text/html` (or
    /// `application/xhtml+xml`) ranks above every JSON type, else JSON, which is also what
    /// a client that sends no header or `*/*` gets.
    ///
    /// # Examples
    /// ```
    /// use frontline::serve::negotiate::Format;
    /// let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    /// assert_eq!(Format::accepted(Some(browser)), Format::Html);
    /// assert_eq!(Format::accepted(Some("application/geo+json, application/json")), Format::Json);
    /// assert_eq!(Format::accepted(Some("application/json;q=0.5, text/html;q=0.4")), Format::Json);
    /// assert_eq!(Format::accepted(None), Format::Json);
    /// ```
    pub fn accepted(accept: Option<&str>) -> Format {
        let Some(accept) = accept else {
            return Format::Json;
        };
        let (mut html, mut json) = (0.0f32, 0.0f32);
        for range in accept.split(',') {
            let mut parts = range.split(';');
            let kind = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .find(|q| q.is_finite())
                .unwrap_or(1.0)
                .clamp(0.0, 1.0);
            match kind.as_str() {
                "text/html" | "application/xhtml+xml" => html = html.max(q),
                k if k.ends_with("json") => json = json.max(q),
                _ => {}
            }
        }
        if html > json {
            Format::Html
        } else {
            Format::Json
        }
    }
}
