//! Features as GeoJSON (Part 1 §7.16, "Requirements Class GeoJSON"): a page of items as a
//! FeatureCollection with `numberMatched`, `numberReturned`, `timeStamp` and `links`
//! (`/req/core/fc-response`, `/req/geojson/content`), each event written by the same
//! function `build` and `query` write it with.

use crate::error::Error;
use crate::event::record::Header;
use crate::format::geojson_writer::write_feature;
use crate::front::Fronts;
use crate::select::{Hit, Sink};
use serde_json::Value;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// GeoJSON's media type (RFC 7946 §12).
pub const GEOJSON: &str = "application/geo+json";

/// A sink that writes each event as a GeoJSON Feature, comma-separated, in order.
pub struct Features<'a> {
    fronts: &'a Fronts,
    bytes: Mutex<Vec<u8>>,
}

impl<'a> Features<'a> {
    /// An empty list of features; `fronts` names the fronts in the properties.
    pub fn new(fronts: &'a Fronts) -> Features<'a> {
        Features {
            fronts,
            bytes: Mutex::default(),
        }
    }

    /// The features written, each after a `,` and a line end.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes.into_inner().unwrap_or_default()
    }
}

impl Sink for Features<'_> {
    type Batch = Vec<u8>;

    fn batch(&self, hits: &[Hit]) -> Vec<u8> {
        let mut out = Vec::with_capacity(hits.len() * 1500);
        for hit in hits {
            out.extend_from_slice(b",\n");
            let header: Option<&Header> = hit.row.map(|r| &*r.header);
            write_feature(&mut out, hit.event, self.fronts, header);
        }
        out
    }

    fn take(&self, batch: Vec<u8>) -> Result<(), Error> {
        if let Ok(mut bytes) = self.bytes.lock() {
            bytes.extend_from_slice(&batch);
        }
        Ok(())
    }
}

/// A FeatureCollection of features already written (each after `,\n`), with the counts
/// and links of its page.
pub fn collection(features: &[u8], matched: usize, returned: usize, links: &[Value]) -> Vec<u8> {
    let mut out = Vec::with_capacity(features.len() + 1024);
    out.extend_from_slice(b"{\"type\":\"FeatureCollection\",\"numberMatched\":");
    out.extend_from_slice(matched.to_string().as_bytes());
    out.extend_from_slice(b",\"numberReturned\":");
    out.extend_from_slice(returned.to_string().as_bytes());
    out.extend_from_slice(b",\"timeStamp\":\"");
    out.extend_from_slice(now().as_bytes());
    out.extend_from_slice(b"\",\"links\":");
    out.extend_from_slice(Value::from(links.to_vec()).to_string().as_bytes());
    out.extend_from_slice(b",\"features\":[");
    // The first feature goes without its comma.
    out.extend_from_slice(features.strip_prefix(b",").unwrap_or(features));
    out.extend_from_slice(b"\n]}\n");
    out
}

/// One feature already written (after `,\n`) with its links added.
pub fn feature(written: &[u8], links: &[Value]) -> Vec<u8> {
    let text = written.strip_prefix(b",\n").unwrap_or(written);
    // The feature ends with its closing brace; the links go inside it.
    let body = text.strip_suffix(b"}").unwrap_or(text);
    let mut out = body.to_vec();
    out.extend_from_slice(b",\"links\":");
    out.extend_from_slice(Value::from(links.to_vec()).to_string().as_bytes());
    out.extend_from_slice(b"}\n");
    out
}

/// Now, in RFC 3339 UTC to the second (`timeStamp`, Part 1 `/req/core/fc-timeStamp`).
pub fn now() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_page_is_a_feature_collection_with_its_counts_and_links() {
        let written =
            b",\n{\"type\":\"Feature\",\"id\":\"A\"},\n{\"type\":\"Feature\",\"id\":\"B\"}";
        let links = [json!({"href": "x", "rel": "next"})];
        let page: Value = serde_json::from_slice(&collection(written, 7, 2, &links)).unwrap();
        assert_eq!(page["type"], "FeatureCollection");
        assert_eq!(page["numberMatched"], 7);
        assert_eq!(page["numberReturned"], 2);
        assert_eq!(page["features"][1]["id"], "B");
        assert_eq!(page["links"][0]["rel"], "next");
        assert!(page["timeStamp"].as_str().unwrap().ends_with('Z'));
        let empty: Value = serde_json::from_slice(&collection(b"", 0, 0, &[])).unwrap();
        assert_eq!(empty["features"], json!([]));
    }

    #[test]
    fn one_feature_carries_its_links() {
        let f: Value = serde_json::from_slice(&feature(
            b",\n{\"type\":\"Feature\",\"id\":\"A\"}",
            &[json!({"rel": "collection"})],
        ))
        .unwrap();
        assert_eq!(f["id"], "A");
        assert_eq!(f["links"][0]["rel"], "collection");
    }
}
