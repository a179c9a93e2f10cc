//! Links between resources (Part 1 §7.14, "links"): absolute addresses on the host the
//! client asked for, and the `self`, `alternate`, `next` and `prev` links of a page.

use super::negotiate::Format;
use super::params::Params;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};

/// What is escaped in a query value: everything that would end or change it.
const QUERY_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'>')
    .add(b'=')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'\'');

/// The resource a request asked for: where it is, and its parameters.
#[derive(Clone, Debug)]
pub struct Here {
    /// `http://host:port`, no trailing slash.
    pub base: String,
    /// The path, from `/`.
    pub path: String,
    /// The parameters as sent.
    pub params: Params,
}

impl Here {
    /// The base address from the request's `Host` header when it is a plain host and port,
    /// else from the address the server is bound to.
    pub fn base(host: Option<&str>, bound: &str) -> String {
        let plain = |h: &&str| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        };
        format!("http://{}", host.filter(plain).unwrap_or(bound))
    }

    /// An absolute address of a path on this server, with parameters.
    pub fn href(&self, path: &str, params: &[(&str, &str)]) -> String {
        let mut href = format!("{}{path}", self.base);
        for (i, (name, value)) in params.iter().enumerate() {
            href.push(if i == 0 { '?' } else { '&' });
            href.push_str(name);
            href.push('=');
            href.extend(utf8_percent_encode(value, QUERY_VALUE));
        }
        href
    }

    /// This resource's address with some parameters replaced (`None` removes one), the
    /// others kept in the order sent.
    pub fn with(&self, replace: &[(&str, Option<String>)]) -> String {
        let mut params: Vec<(&str, &str)> = self
            .params
            .pairs
            .iter()
            .filter(|(n, _)| !replace.iter().any(|(r, _)| r == n))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        for (name, value) in replace {
            if let Some(v) = value {
                params.push((name, v));
            }
        }
        self.href(&self.path, &params)
    }

    /// The `self` link in `format` and an `alternate` link in the other.
    pub fn self_and_alternate(&self, format: Format, json_type: &str) -> Vec<Value> {
        let (other, other_type) = match format {
            Format::Json => (Format::Html, "text/html"),
            Format::Html => (Format::Json, json_type),
        };
        let own_type = match format {
            Format::Json => json_type,
            Format::Html => "text/html",
        };
        vec![
            link(
                &self.with(&[("f", Some(format.as_str().to_string()))]),
                "self",
                own_type,
                "this document",
            ),
            link(
                &self.with(&[("f", Some(other.as_str().to_string()))]),
                "alternate",
                other_type,
                &format!("this document as {}", other.as_str().to_uppercase()),
            ),
        ]
    }

    /// The `next` and `prev` links of a page of `limit` items after `offset`, of `matched`
    /// in all (Part 1 §7.15.2, `/rec/core/fc-next-1`).
    pub fn paging(
        &self,
        format: Format,
        kind: &str,
        limit: usize,
        offset: usize,
        matched: usize,
    ) -> Vec<Value> {
        let mut links = Vec::new();
        let at = |offset: usize| {
            self.with(&[
                ("offset", Some(offset.to_string())),
                ("limit", Some(limit.to_string())),
                ("f", Some(format.as_str().to_string())),
            ])
        };
        if offset.saturating_add(limit) < matched {
            links.push(link(&at(offset + limit), "next", kind, "the next page"));
        }
        if offset > 0 {
            links.push(link(
                &at(offset.saturating_sub(limit)),
                "prev",
                kind,
                "the previous page",
            ));
        }
        links
    }
}

/// One link object.
pub fn link(href: &str, rel: &str, kind: &str, title: &str) -> Value {
    json!({"href": href, "rel": rel, "type": kind, "title": title})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn here(query: &str) -> Here {
        Here {
            base: Here::base(Some("127.0.0.1:8080"), "127.0.0.1:1"),
            path: "/collections/events/items".into(),
            params: Params::parse(Some(query), &super::super::params::EVENT_ITEMS).unwrap(),
        }
    }

    #[test]
    fn paging_links_keep_the_filter_and_move_the_offset() {
        let links = here("near=32.8,13.2&actor=Forces%2C+Misrata&limit=5").paging(
            Format::Json,
            "application/geo+json",
            5,
            5,
            12,
        );
        let hrefs: Vec<&str> = links.iter().filter_map(|l| l["href"].as_str()).collect();
        assert_eq!(
            hrefs,
            [
                "http://127.0.0.1:8080/collections/events/items?near=32.8,13.2&actor=Forces,%20Misrata&offset=10&limit=5&f=json",
                "http://127.0.0.1:8080/collections/events/items?near=32.8,13.2&actor=Forces,%20Misrata&offset=0&limit=5&f=json",
            ]
        );
        // The last page has no next link.
        assert_eq!(here("").paging(Format::Json, "x", 10, 10, 20).len(), 1);
    }

    #[test]
    fn a_host_header_that_is_not_a_plain_host_is_not_echoed() {
        assert_eq!(
            Here::base(Some("evil.example/\"><script>"), "127.0.0.1:8080"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(Here::base(Some("[::1]:9000"), "x"), "http://[::1]:9000");
    }
}
