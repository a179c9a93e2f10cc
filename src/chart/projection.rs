//! The map's projection as a plotters coordinate system: equirectangular, with x scaled by
//! the cosine of the panel's middle latitude so distances read true along that parallel.

use geo::{Distance, Haversine, Point, Rect};
use plotters::coord::CoordTranslate;
use plotters_backend::BackendCoord;

/// Longitude and latitude bounds of a panel: west, east, south, north.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    /// Western bound, degrees east.
    pub west: f64,
    /// Eastern bound, degrees east.
    pub east: f64,
    /// Southern bound, degrees north.
    pub south: f64,
    /// Northern bound, degrees north.
    pub north: f64,
}

impl Extent {
    /// Whether a point (longitude, latitude) lies inside, bounds included.
    pub fn contains(&self, point: Point<f64>) -> bool {
        (self.west..=self.east).contains(&point.x())
            && (self.south..=self.north).contains(&point.y())
    }

    /// The extent as a rectangle in (longitude, latitude).
    pub fn rect(&self) -> Rect<f64> {
        Rect::new((self.west, self.south), (self.east, self.north))
    }

    /// Whether a rectangle in (longitude, latitude) meets the extent.
    pub fn overlaps(&self, other: &Rect<f64>) -> bool {
        other.min().x <= self.east
            && other.max().x >= self.west
            && other.min().y <= self.north
            && other.max().y >= self.south
    }
}

/// An extent projected onto a panel of the page: maps (longitude, latitude) to px.
#[derive(Clone, Copy, Debug)]
pub struct Equirectangular {
    /// What the panel shows.
    pub extent: Extent,
    /// Left of the panel in px.
    pub left: f64,
    /// Top of the panel in px.
    pub top: f64,
    /// px per degree of latitude.
    pub k: f64,
    /// Cosine of the middle latitude.
    pub cos: f64,
}

impl Equirectangular {
    /// The projection of an extent onto a panel `width` px wide from (`left`, `top`).
    pub fn new(extent: Extent, left: f64, top: f64, width: f64) -> Equirectangular {
        let cos = ((extent.south + extent.north) / 2.0).to_radians().cos();
        Equirectangular {
            extent,
            left,
            top,
            k: width / ((extent.east - extent.west) * cos),
            cos,
        }
    }

    /// Width of the panel in px.
    pub fn width(&self) -> f64 {
        (self.extent.east - self.extent.west) * self.cos * self.k
    }

    /// Height of the panel in px: the extent keeps its proportions.
    pub fn height(&self) -> f64 {
        (self.extent.north - self.extent.south) * self.k
    }

    /// Page position in px of a longitude and latitude.
    pub fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.left + (lon - self.extent.west) * self.cos * self.k,
            self.top + (self.extent.north - lat) * self.k,
        )
    }

    /// km per px along the middle parallel, measured with the haversine formula.
    pub fn km_per_px(&self) -> f64 {
        let lat = (self.extent.south + self.extent.north) / 2.0;
        let lon = (self.extent.west + self.extent.east) / 2.0;
        let metres = Haversine.distance(Point::new(lon, lat), Point::new(lon + 1.0, lat));
        metres / 1000.0 / (self.cos * self.k)
    }
}

impl CoordTranslate for Equirectangular {
    /// Longitude then latitude, as GeoJSON orders them.
    type From = (f64, f64);

    fn translate(&self, &(lon, lat): &(f64, f64)) -> BackendCoord {
        let (x, y) = self.xy(lon, lat);
        (x.round() as i32, y.round() as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_follows_the_haversine_distance() {
        let libya = Extent {
            west: 9.0,
            east: 26.0,
            south: 19.0,
            north: 34.0,
        };
        let panel = Equirectangular::new(libya, 40.0, 100.0, 560.0);
        // 1° of longitude at 26.5°N is about 99.6 km.
        let km_per_degree = panel.km_per_px() * panel.cos * panel.k;
        assert!((km_per_degree - 99.6).abs() < 0.5, "{km_per_degree}");
        assert_eq!(panel.translate(&(9.0, 34.0)), (40, 100));
        assert_eq!(panel.translate(&(26.0, 19.0)).0, 600);
    }
}
