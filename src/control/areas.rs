//! Areas of control derived from the places held on a day, and the lines where two sides'
//! areas meet.
//!
//! Each place whose holder is known (or that is contested) gets the Voronoi cell of its
//! point: the ground nearer to it than to any other such place. The cell is cut to
//! Libya's outline and to [`DEFAULT_REACH_KM`] (or `--reach`) around the place, so an
//! area never claims the empty desert between two far towns, nor the sea. A side's area
//! is the union of its places' cells; contested places make areas of their own. The line
//! of contact is the Voronoi edges between cells of different sides (a contested cell
//! counts as its own side), cut the same way.
//!
//! The Delaunay triangulation and its Voronoi dual are spade's; the cutting, union and
//! areas are geo's boolean operations and geodesic measures. Cells are computed in an
//! equirectangular plane scaled by the cosine of the outline's middle latitude (at Libya's
//! latitudes a cell's edge is off the true equidistance line by well under 1 %).

use super::history::{Holding, Status};
use geo::{
    unary_union, BooleanOps, BoundingRect, ChamberlainDuquetteArea, ConvexHull, Destination,
    Haversine, Length, Line, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon,
};
use spade::handles::VoronoiVertex;
use spade::{DelaunayTriangulation, HasPosition, Point2, Triangulation};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

/// How far from a place its area reaches by default, in km: about a day's drive off-road
/// for a unit, and twice the spacing of the towns on the coastal road.
pub const DEFAULT_REACH_KM: f64 = 40.0;

/// The name of the class of contested places' cells.
pub const CONTESTED: &str = "contested";

/// Vertices of the circle that bounds a place's reach.
const CIRCLE_VERTICES: usize = 48;

/// One place's cell on a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The places at the cell's point (usually one), as indices of the history's places.
    pub places: Vec<usize>,
    /// The holding side, or [`CONTESTED`].
    pub class: String,
    /// The cell, cut to the outline and the reach.
    pub area: MultiPolygon<f64>,
    /// Its geodesic area in km².
    pub km2: f64,
}

/// One side's area (or the contested places') on a day.
#[derive(Clone, Debug, PartialEq)]
pub struct SideArea {
    /// The side, or [`CONTESTED`].
    pub class: String,
    /// The union of its cells.
    pub area: MultiPolygon<f64>,
    /// Geodesic area in km².
    pub km2: f64,
    /// How many places it rests on.
    pub places: usize,
}

/// Where two sides' areas meet.
#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    /// The two classes, in order.
    pub classes: (String, String),
    /// The line, as segments.
    pub line: MultiLineString<f64>,
    /// Its length in km (haversine).
    pub km: f64,
}

/// The areas, cells and lines of one day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// Every cell, in the order of the places.
    pub cells: Vec<Cell>,
    /// Every side's area, by class name.
    pub areas: Vec<SideArea>,
    /// Every line of contact, by class names.
    pub contacts: Vec<Contact>,
}

impl Snapshot {
    /// The area of a class, if it holds any.
    pub fn area_of(&self, class: &str) -> Option<&SideArea> {
        self.areas.iter().find(|a| a.class == class)
    }
}

/// Derives snapshots within an outline; the reach of each place, cut to the outline, is
/// computed once and kept.
#[derive(Debug)]
pub struct Areas<'o> {
    outline: &'o MultiPolygon<f64>,
    reach_km: f64,
    cos: f64,
    reachable: RefCell<HashMap<(u64, u64), MultiPolygon<f64>>>,
}

/// A site of the triangulation: a point in the plane and which group it is (sentinels far
/// outside have none).
#[derive(Clone, Copy, Debug)]
struct Site {
    at: Point2<f64>,
    group: Option<usize>,
}

impl HasPosition for Site {
    type Scalar = f64;
    fn position(&self) -> Point2<f64> {
        self.at
    }
}

/// Places at one point, with the class their cell takes.
struct Group {
    point: Point<f64>,
    class: String,
    places: Vec<usize>,
}

impl<'o> Areas<'o> {
    /// Areas within `outline` (Libya's), each place reaching `reach_km`.
    pub fn new(outline: &'o MultiPolygon<f64>, reach_km: f64) -> Areas<'o> {
        let middle = outline
            .bounding_rect()
            .map_or(0.0, |r| (r.min().y + r.max().y) / 2.0);
        Areas {
            outline,
            reach_km,
            cos: middle.to_radians().cos(),
            reachable: RefCell::new(HashMap::new()),
        }
    }

    /// The reach in km.
    pub fn reach_km(&self) -> f64 {
        self.reach_km
    }

    /// The areas of the day the holdings describe. Places not held and not contested have
    /// no cell: they neither claim ground nor take it from their neighbours.
    pub fn snapshot(&self, holdings: &[Holding]) -> Snapshot {
        let groups = groups(holdings);
        if groups.is_empty() {
            return Snapshot::default();
        }
        let project = |p: Point<f64>| Point2::new(p.x() * self.cos, p.y());
        let unproject = |p: Point2<f64>| (p.x / self.cos, p.y);
        let mut triangulation: DelaunayTriangulation<Site> = DelaunayTriangulation::new();
        for (i, group) in groups.iter().enumerate() {
            // Distinct finite points cannot fail to insert; one that did would only lose its cell.
            triangulation
                .insert(Site {
                    at: project(group.point),
                    group: Some(i),
                })
                .ok();
        }
        // Four sentinels far outside make every real cell bounded, whatever the places'
        // layout (one place, or places on a line).
        let bounds =
            MultiPoint::from(groups.iter().map(|g| g.point).collect::<Vec<_>>()).bounding_rect();
        if let Some(b) = bounds {
            let margin = 90.0;
            for (x, y) in [
                (b.min().x - margin, b.min().y - margin),
                (b.max().x + margin, b.min().y - margin),
                (b.max().x + margin, b.max().y + margin),
                (b.min().x - margin, b.max().y + margin),
            ] {
                triangulation
                    .insert(Site {
                        at: project(Point::new(x, y)),
                        group: None,
                    })
                    .ok();
            }
        }

        let mut cells: Vec<Option<Cell>> = vec![None; groups.len()];
        for face in triangulation.voronoi_faces() {
            let Some(g) = face.as_delaunay_vertex().data().group else {
                continue;
            };
            let mut corners = Vec::new();
            let mut bounded = true;
            for edge in face.adjacent_edges() {
                match edge.from() {
                    VoronoiVertex::Inner(f) => corners.push(unproject(f.circumcenter())),
                    VoronoiVertex::Outer(_) => bounded = false,
                }
            }
            if !bounded || corners.len() < 3 {
                continue;
            }
            let hull: Polygon<f64> = MultiPoint::from(corners).convex_hull();
            let area = hull.intersection(&self.reachable(groups[g].point));
            if area.0.is_empty() {
                continue;
            }
            cells[g] = Some(Cell {
                places: groups[g].places.clone(),
                class: groups[g].class.clone(),
                km2: km2(&area),
                area,
            });
        }

        let mut segments: BTreeMap<(String, String), Vec<LineString<f64>>> = BTreeMap::new();
        for edge in triangulation.undirected_voronoi_edges() {
            let [a, b] = edge.as_delaunay_edge().vertices();
            let (Some(ga), Some(gb)) = (a.data().group, b.data().group) else {
                continue;
            };
            let (ca, cb) = (&groups[ga].class, &groups[gb].class);
            if ca == cb {
                continue;
            }
            let [VoronoiVertex::Inner(p), VoronoiVertex::Inner(q)] = edge.vertices() else {
                continue;
            };
            let line = MultiLineString::new(vec![LineString::from(Line::new(
                unproject(p.circumcenter()),
                unproject(q.circumcenter()),
            ))]);
            let cut = self.reachable(groups[ga].point).clip(&line, false);
            let key = if ca < cb {
                (ca.clone(), cb.clone())
            } else {
                (cb.clone(), ca.clone())
            };
            segments.entry(key).or_default().extend(cut.0);
        }
        let contacts = segments
            .into_iter()
            .filter(|(_, lines)| !lines.is_empty())
            .map(|(classes, mut lines)| {
                lines.sort_by(|a, b| {
                    let key = |l: &LineString<f64>| l.0.first().map(|c| (c.x, c.y));
                    key(a)
                        .partial_cmp(&key(b))
                        .unwrap_or(std::cmp::Ordering::Equal)
                });
                let line = MultiLineString::new(lines);
                Contact {
                    km: Haversine.length(&line) / 1000.0,
                    classes,
                    line,
                }
            })
            .collect();

        let cells: Vec<Cell> = cells.into_iter().flatten().collect();
        let mut by_class: BTreeMap<&str, Vec<&Cell>> = BTreeMap::new();
        for cell in &cells {
            by_class.entry(&cell.class).or_default().push(cell);
        }
        let areas = by_class
            .into_iter()
            .map(|(class, members)| {
                let area = unary_union(members.iter().map(|c| &c.area));
                SideArea {
                    class: class.to_string(),
                    km2: km2(&area),
                    places: members.iter().map(|c| c.places.len()).sum(),
                    area,
                }
            })
            .collect();
        Snapshot {
            cells,
            areas,
            contacts,
        }
    }

    /// The ground within the reach of a point and inside the outline.
    fn reachable(&self, point: Point<f64>) -> MultiPolygon<f64> {
        let key = (point.x().to_bits(), point.y().to_bits());
        if let Some(found) = self.reachable.borrow().get(&key) {
            return found.clone();
        }
        let circle = geodesic_circle(point, self.reach_km);
        let cut = self.outline.intersection(&circle);
        self.reachable.borrow_mut().insert(key, cut.clone());
        cut
    }
}

/// The places with a cell, one group per distinct point; places at one point that
/// disagree make a contested group. Groups are ordered by their first place.
fn groups(holdings: &[Holding]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for (i, holding) in holdings.iter().enumerate() {
        let class = match holding.status {
            Status::Held => match holding.holder {
                Some(side) => side.to_string(),
                None => continue,
            },
            Status::Contested => CONTESTED.to_string(),
            Status::Unknown => continue,
        };
        let point = holding.place.point;
        if !(point.x().is_finite() && point.y().is_finite()) {
            continue;
        }
        match out.iter_mut().find(|g| g.point == point) {
            Some(group) => {
                group.places.push(i);
                if group.class != class {
                    group.class = CONTESTED.to_string();
                }
            }
            None => out.push(Group {
                point,
                class,
                places: vec![i],
            }),
        }
    }
    out
}

/// The area of a multipolygon in km² on the sphere (Chamberlain and Duquette, JPL 2007):
/// within 0.5 % of the ellipsoid's at Libya's latitudes, and unlike the geodesic area it
/// does not read a sliver left by a boolean operation as the rest of the Earth.
pub fn km2(area: &MultiPolygon<f64>) -> f64 {
    area.chamberlain_duquette_unsigned_area() / 1e6
}

/// A circle of `km` around a point on the sphere (haversine), as a polygon.
pub fn geodesic_circle(centre: Point<f64>, km: f64) -> Polygon<f64> {
    let ring: Vec<(f64, f64)> = (0..=CIRCLE_VERTICES)
        .map(|i| {
            let bearing = 360.0 * (i % CIRCLE_VERTICES) as f64 / CIRCLE_VERTICES as f64;
            let p = Haversine.destination(centre, bearing, km * 1000.0);
            (p.x(), p.y())
        })
        .collect();
    Polygon::new(LineString::from(ring), Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::place::Place;
    use geo::{Contains, Rect};

    fn place(name: &str, lon: f64, lat: f64) -> Place {
        Place {
            key: name.to_string(),
            name: name.to_string(),
            name_ar: String::new(),
            point: Point::new(lon, lat),
            front: "unassigned".to_string(),
        }
    }

    fn held<'a>(place: &'a Place, side: &'a str, status: Status) -> Holding<'a> {
        Holding {
            place,
            status,
            holder: Some(side),
            contested_by: None,
            evidence: None,
            age_days: None,
        }
    }

    fn square() -> MultiPolygon<f64> {
        MultiPolygon::new(vec![Polygon::from(Rect::new((10.0, 30.0), (16.0, 34.0)))])
    }

    #[test]
    fn two_sides_meet_halfway_and_cells_stay_in_reach_and_outline() {
        let outline = square();
        let areas = Areas::new(&outline, 40.0);
        let (a, b, c) = (
            place("A", 13.0, 32.0),
            place("B", 13.5, 32.0),
            place("C", 13.0, 32.4),
        );
        let holdings = [
            held(&a, "GNA", Status::Held),
            held(&b, "LNA", Status::Held),
            held(&c, "GNA", Status::Held),
        ];
        let snapshot = areas.snapshot(&holdings);
        assert_eq!(snapshot.cells.len(), 3);
        let gna = snapshot.area_of("GNA").unwrap();
        assert_eq!(gna.places, 2);
        let lna = snapshot.area_of("LNA").unwrap();
        // A's cell stops halfway to B: 13.25°E.
        assert!(gna.area.contains(&Point::new(13.2, 32.0)));
        assert!(lna.area.contains(&Point::new(13.3, 32.0)));
        // 40 km of reach: 13.0°E is about 94 km per degree here.
        assert!(!gna.area.contains(&Point::new(12.5, 32.0)));
        let circle = std::f64::consts::PI * 40.0 * 40.0;
        assert!(lna.km2 < circle && lna.km2 > circle / 3.0, "{}", lna.km2);
        assert_eq!(snapshot.contacts.len(), 1);
        let contact = &snapshot.contacts[0];
        assert_eq!(contact.classes, ("GNA".to_string(), "LNA".to_string()));
        assert!(contact.km > 40.0 && contact.km < 80.0, "{}", contact.km);
        // Every point of the line is as near B as the nearest GNA place (in the plane).
        let cos = 32.0f64.to_radians().cos();
        let d =
            |c: &geo::Coord<f64>, p: &Place| ((c.x - p.point.x()) * cos).hypot(c.y - p.point.y());
        for coord in contact.line.0.iter().flat_map(|l| l.0.iter()) {
            let gna = d(coord, &a).min(d(coord, &c));
            assert!((d(coord, &b) - gna).abs() < 1e-3, "{coord:?}");
        }
    }

    #[test]
    fn one_place_and_places_on_a_line_have_cells_and_nothing_leaves_the_outline() {
        let outline = square();
        let areas = Areas::new(&outline, 80.0);
        let edge = place("Edge", 10.1, 32.0);
        let snapshot = areas.snapshot(&[held(&edge, "GNA", Status::Held)]);
        let area = &snapshot.area_of("GNA").unwrap().area;
        assert!(area.bounding_rect().unwrap().min().x >= 10.0 - 1e-9);
        let line: Vec<Place> = (0..4)
            .map(|i| place(&format!("P{i}"), 11.0 + f64::from(i), 31.0))
            .collect();
        let holdings: Vec<Holding> = line
            .iter()
            .enumerate()
            .map(|(i, p)| held(p, if i < 2 { "GNA" } else { "LNA" }, Status::Held))
            .collect();
        let snapshot = areas.snapshot(&holdings);
        assert_eq!(snapshot.cells.len(), 4);
        assert_eq!(snapshot.contacts.len(), 1);
    }

    #[test]
    fn unknown_places_have_no_cell_and_contested_ones_their_own() {
        let outline = square();
        let areas = Areas::new(&outline, 40.0);
        let (a, b) = (place("A", 13.0, 32.0), place("B", 13.5, 32.0));
        let holdings = [
            held(&a, "GNA", Status::Held),
            Holding {
                holder: None,
                ..held(&b, "LNA", Status::Unknown)
            },
        ];
        let snapshot = areas.snapshot(&holdings);
        assert_eq!(snapshot.cells.len(), 1);
        assert!(snapshot.contacts.is_empty());
        let holdings = [
            held(&a, "GNA", Status::Held),
            held(&b, "LNA", Status::Contested),
        ];
        let snapshot = areas.snapshot(&holdings);
        assert!(snapshot.area_of(CONTESTED).is_some());
        assert_eq!(snapshot.contacts[0].classes.1, CONTESTED);
    }
}
