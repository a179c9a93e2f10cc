//! Fronts: named areas of the war, and which one an event belongs to.

use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::text::fold;
use geo::{Contains, GeodesicArea, MultiPolygon, Point};
use geojson::GeoJson;
use std::path::Path;

/// One front area from `data/fronts.geojson`.
#[derive(Clone, Debug)]
pub struct Front {
    /// Slug used in file names and the `front` column, e.g. `ain-zara`.
    pub id: String,
    /// English name.
    pub name: String,
    /// Arabic name.
    pub name_ar: String,
    /// Other spellings, Latin and Arabic.
    pub aliases: Vec<String>,
    /// Colour for charts and maps, `#rrggbb`.
    pub color: String,
    /// Position in chart legends and lanes.
    pub order: i64,
    /// The area, WGS84 lon/lat.
    pub area: MultiPolygon<f64>,
    /// Geodesic area in km², used to pick the smallest of nested areas.
    pub area_km2: f64,
    /// How the polygon was made.
    pub method: String,
    /// Every name of the front, folded, for matching.
    pub keys: Vec<String>,
}

/// The fronts of a dataset, in chart order.
#[derive(Clone, Debug, Default)]
pub struct Fronts {
    /// Every front, sorted by `order` then `id`.
    pub fronts: Vec<Front>,
}

impl Fronts {
    /// Reads a FeatureCollection of Polygon/MultiPolygon features with `id`, `name`,
    /// `name_ar`, `aliases`, `color`, `order` properties; reports every bad feature.
    pub fn load(path: &Path) -> Result<Fronts, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
        let origin = Origin::file(path);
        let geojson: GeoJson = text.parse().map_err(|e| {
            Error::Invalid(vec![Diagnostic::record(
                &origin,
                format!("a GeoJSON FeatureCollection ({e})"),
            )])
        })?;
        let GeoJson::FeatureCollection(collection) = geojson else {
            return Err(Error::Invalid(vec![Diagnostic::record(
                &origin,
                "a GeoJSON FeatureCollection",
            )]));
        };
        let mut problems = Vec::new();
        let mut fronts = Vec::new();
        for (i, feature) in collection.features.iter().enumerate() {
            let text_prop = |key: &str| {
                feature
                    .property(key)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let id = text_prop("id");
            let where_ = Origin {
                file: std::sync::Arc::from(path),
                line: None,
            };
            let label = format!("feature {i} ({id})");
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                problems.push(Diagnostic::field(
                    &where_,
                    &format!("{label}: id"),
                    &id,
                    "a lower-case slug such as ain-zara",
                ));
                continue;
            }
            let area: Option<MultiPolygon<f64>> = feature.geometry.as_ref().and_then(|g| {
                geo::Geometry::<f64>::try_from(&g.value)
                    .ok()
                    .and_then(|g| match g {
                        geo::Geometry::Polygon(p) => Some(MultiPolygon(vec![p])),
                        geo::Geometry::MultiPolygon(m) => Some(m),
                        _ => None,
                    })
            });
            let Some(area) = area else {
                problems.push(Diagnostic::field(
                    &where_,
                    &format!("{label}: geometry"),
                    "",
                    "a Polygon or MultiPolygon",
                ));
                continue;
            };
            let aliases: Vec<String> = feature
                .property("aliases")
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let color = text_prop("color");
            let color = if color.len() == 7 && color.starts_with('#') {
                color
            } else {
                "#777777".to_string()
            };
            let mut keys: Vec<String> = [&id, &text_prop("name"), &text_prop("name_ar")]
                .into_iter()
                .map(|n| fold(n))
                .chain(aliases.iter().map(|a: &String| fold(a)))
                .filter(|k| !k.is_empty())
                .collect();
            keys.dedup();
            fronts.push(Front {
                keys,
                area_km2: area.geodesic_area_unsigned() / 1e6,
                name: text_prop("name"),
                name_ar: text_prop("name_ar"),
                aliases,
                color,
                order: feature
                    .property("order")
                    .and_then(|v| v.as_i64())
                    .unwrap_or(i64::MAX),
                method: text_prop("method"),
                id,
                area,
            });
        }
        if fronts
            .iter()
            .enumerate()
            .any(|(i, f)| fronts[..i].iter().any(|g| g.id == f.id))
        {
            problems.push(Diagnostic::record(&origin, "each front id once"));
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        fronts.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        Ok(Fronts { fronts })
    }

    /// The front an id, English or Arabic name, or alias names, folded like place names.
    pub fn find(&self, name: &str) -> Option<&Front> {
        self.find_key(&fold(name))
    }

    /// The front one of whose folded names is `key`.
    pub fn find_key(&self, key: &str) -> Option<&Front> {
        self.fronts.iter().find(|f| f.keys.iter().any(|k| k == key))
    }

    /// The smallest front area holding a point, where areas nest.
    pub fn containing(&self, point: Point<f64>) -> Option<&Front> {
        self.fronts
            .iter()
            .filter(|f| f.area.contains(&point))
            .min_by(|a, b| {
                a.area_km2
                    .total_cmp(&b.area_km2)
                    .then_with(|| a.id.cmp(&b.id))
            })
    }

    /// A front by id.
    pub fn get(&self, id: &str) -> Option<&Front> {
        self.fronts.iter().find(|f| f.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NESTED: &str = r##"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"tripoli","name":"Tripoli","name_ar":"طرابلس","aliases":["Tarabulus"],"color":"#111111","order":2},
       "geometry":{"type":"Polygon","coordinates":[[[13.0,32.7],[13.4,32.7],[13.4,33.0],[13.0,33.0],[13.0,32.7]]]}},
      {"type":"Feature","properties":{"id":"ain-zara","name":"Ain Zara","name_ar":"عين زارة","aliases":["Ayn Zarah"],"color":"#222222","order":1},
       "geometry":{"type":"Polygon","coordinates":[[[13.2,32.75],[13.3,32.75],[13.3,32.83],[13.2,32.83],[13.2,32.75]]]}}
    ]}"##;

    fn fronts() -> Fronts {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fronts.geojson");
        std::fs::write(&path, NESTED).unwrap();
        Fronts::load(&path).unwrap()
    }

    #[test]
    fn the_smallest_nested_area_wins() {
        let fronts = fronts();
        assert_eq!(
            fronts.containing(Point::new(13.25, 32.79)).unwrap().id,
            "ain-zara"
        );
        assert_eq!(
            fronts.containing(Point::new(13.05, 32.9)).unwrap().id,
            "tripoli"
        );
        assert!(fronts.containing(Point::new(15.0, 32.3)).is_none());
    }

    #[test]
    fn finds_a_front_by_any_of_its_names() {
        let fronts = fronts();
        for name in ["ain-zara", "Ain Zara", "عين زاره", "ayn zarah"] {
            assert_eq!(
                fronts.find(name).map(|f| f.id.as_str()),
                Some("ain-zara"),
                "{name}"
            );
        }
        assert_eq!(fronts.fronts[0].id, "ain-zara");
    }
}
