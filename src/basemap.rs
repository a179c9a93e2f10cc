//! The basemap: Natural Earth country outlines and Libya's admin-1 regions (public domain).

use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use geo::MultiPolygon;
use geojson::GeoJson;
use std::path::Path;

/// One outlined area of the basemap.
#[derive(Clone, Debug)]
pub struct Region {
    /// English name.
    pub name: String,
    /// Arabic name, when Natural Earth has one.
    pub name_ar: String,
    /// ISO 3166-1 alpha-2 code of its country.
    pub iso_a2: String,
    /// The outline, WGS84 lon/lat.
    pub area: MultiPolygon<f64>,
}

/// Country outlines and admin-1 regions.
#[derive(Clone, Debug, Default)]
pub struct Basemap {
    /// Libya and its neighbours.
    pub countries: Vec<Region>,
    /// Libya's first-order regions.
    pub admin1: Vec<Region>,
}

impl Basemap {
    /// Reads the country outlines alone (to check that events lie in their country).
    pub fn countries(path: &Path) -> Result<Vec<Region>, Error> {
        read_regions(path)
    }

    /// Reads `countries.geojson` and `admin1-LY.geojson` from a folder.
    pub fn load(folder: &Path) -> Result<Basemap, Error> {
        Ok(Basemap {
            countries: read_regions(&folder.join("countries.geojson"))?,
            admin1: read_regions(&folder.join("admin1-LY.geojson"))?,
        })
    }
}

fn read_regions(path: &Path) -> Result<Vec<Region>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
    let invalid = |why: String| Error::Invalid(vec![Diagnostic::record(&Origin::file(path), why)]);
    let GeoJson::FeatureCollection(collection) = text
        .parse::<GeoJson>()
        .map_err(|e| invalid(format!("a GeoJSON FeatureCollection ({e})")))?
    else {
        return Err(invalid("a GeoJSON FeatureCollection".into()));
    };
    let mut regions = Vec::new();
    for feature in &collection.features {
        let text = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| feature.property(k).and_then(|v| v.as_str()))
                .unwrap_or("")
                .to_string()
        };
        let area = feature.geometry.as_ref().and_then(|g| {
            match geo::Geometry::<f64>::try_from(&g.value) {
                Ok(geo::Geometry::Polygon(p)) => Some(MultiPolygon(vec![p])),
                Ok(geo::Geometry::MultiPolygon(m)) => Some(m),
                _ => None,
            }
        });
        if let Some(area) = area {
            regions.push(Region {
                name: text(&["name", "name_en", "admin"]),
                name_ar: text(&["name_ar"]),
                iso_a2: text(&["iso_a2", "iso_3166_1_alpha_2"]),
                area,
            });
        }
    }
    Ok(regions)
}
