//! Stage 3: the route as a polyline through towns, measured in road km (linear referencing).
//!
//! Between consecutive towns the route follows the shortest path on the bundled road
//! network ([`crate::roads`]), so km along the route are road km and the line is drawn along
//! the highways. A route built with [`Route::new`] instead joins its towns by straight
//! geodesic legs scaled by a road factor (for places off the network). Positions are
//! interpolated straight in lon/lat between the line's vertices, exactly as viewers draw the
//! LineString, so every simulated position lies on the route line that `route.geojson`
//! shows.

use crate::gazetteer::{LonLat, Town};
use crate::roads::{RoadError, RoadNetwork};
use crate::scenario::{Problem, ProblemKind, ScenarioError};

/// A waypoint and its road km from the start.
#[derive(Debug, Clone)]
pub struct RouteStop {
    /// The waypoint town.
    pub town: Town,
    /// Road km from the route's first town.
    pub km: f64,
}

/// An ordered path through towns with cumulative road km.
#[derive(Debug, Clone)]
pub struct Route {
    stops: Vec<RouteStop>,
    /// Every vertex of the drawn line with its road km; the stops are among them.
    line: Vec<(LonLat, f64)>,
    road_factor: Option<f64>,
    highways: Vec<String>,
    warnings: Vec<RouteWarning>,
}

/// What a route built along the roads says that a user should know, typed; each names the
/// caravan-file field it is about ([`RouteWarning::field`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RouteWarning {
    /// A `road_factor` was given, but road km between towns come from the network.
    #[error(
        "`road_factor` scales only the straight links of towns off the road network \
         to their nearest road; road km between towns come from the network"
    )]
    RoadFactorOnLinksOnly,
    /// Towns off the road network join it by straight links (their total km).
    #[error(
        "{km:.0} km of the route are straight links from towns off the road \
         network to their nearest road"
    )]
    StraightLinks {
        /// Total km of the straight links.
        km: f64,
    },
}

impl RouteWarning {
    /// The caravan-file field the warning is about.
    pub fn field(&self) -> &'static str {
        match self {
            RouteWarning::RoadFactorOnLinksOnly => "road_factor",
            RouteWarning::StraightLinks { .. } => "route",
        }
    }

    /// The warning as a problem of the scenario's file (no line: the route is built from
    /// the whole `route` list), so it is rendered like every other warning of a caravan.
    pub fn to_problem(&self) -> Problem {
        let kind = match self {
            RouteWarning::RoadFactorOnLinksOnly => ProblemKind::Inconsistent,
            RouteWarning::StraightLinks { .. } => ProblemKind::UnknownPlace,
        };
        Problem::new(self.field(), kind, self.to_string())
    }
}

/// Why a list of towns does not make a route.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RouteError {
    /// Fewer than two towns (the number given).
    #[error("a route needs at least two towns, got {0}")]
    TooShort(usize),
    /// A road factor below 1.0 (the value given).
    #[error("road factor must be at least 1.0 (road km per straight km), got {0}")]
    BadRoadFactor(f64),
    /// The same town twice in a row (its label).
    #[error("`{0}` follows itself; remove the repeated town")]
    Repeated(String),
    /// Two consecutive towns cannot be joined by road.
    #[error(transparent)]
    Road(#[from] RoadError),
}

impl RouteError {
    /// The error as a problem of the scenario's file (field `route`, or `road_factor`), so
    /// it is typed and rendered like every other problem of a caravan.
    pub fn in_scenario(self, scenario: &crate::scenario::Scenario) -> ScenarioError {
        let (field, kind) = match &self {
            RouteError::TooShort(_) => ("route", ProblemKind::MissingField),
            RouteError::BadRoadFactor(_) => ("road_factor", ProblemKind::OutOfRange),
            RouteError::Repeated(_) => ("route", ProblemKind::Inconsistent),
            RouteError::Road(_) => ("route", ProblemKind::UnknownPlace),
        };
        ScenarioError {
            source_name: scenario.source_name().to_string(),
            problems: vec![Problem::new(field, kind, self.to_string())],
        }
    }
}

impl Route {
    /// Build a route of straight legs; `road_factor` converts straight geodesic km to road km
    /// (e.g. 1.2). For places off the road network; [`Route::along_roads`] is the default.
    pub fn new(towns: Vec<Town>, road_factor: f64) -> Result<Self, RouteError> {
        if towns.len() < 2 {
            return Err(RouteError::TooShort(towns.len()));
        }
        if !(1.0..=3.0).contains(&road_factor) {
            return Err(RouteError::BadRoadFactor(road_factor));
        }
        let mut stops: Vec<RouteStop> = Vec::with_capacity(towns.len());
        for town in towns {
            let km = match stops.last() {
                None => 0.0,
                Some(prev) if prev.town.id == town.id => {
                    return Err(RouteError::Repeated(town.name));
                }
                Some(prev) => prev.km + prev.town.coord.geodesic_km(town.coord) * road_factor,
            };
            stops.push(RouteStop { town, km });
        }
        let line = stops.iter().map(|s| (s.town.coord, s.km)).collect();
        Ok(Self {
            stops,
            line,
            road_factor: Some(road_factor),
            highways: Vec::new(),
            warnings: Vec::new(),
        })
    }

    /// Build a route that follows the shortest road between each pair of consecutive towns.
    ///
    /// A town off the network joins it at its nearest node by a straight link, drawn and
    /// counted; `road_factor`, when given, scales those links only (road km come from the
    /// network), and a warning says so. A town farther than
    /// [`crate::roads::MAX_ACCESS_KM`] from every road is an error.
    ///
    /// ```
    /// use route_sim::{gazetteer::Gazetteer, roads::RoadNetwork, route::Route};
    /// let g = Gazetteer::bundled();
    /// let towns = ["Tapachula", "Arriaga"].map(|n| g.lookup(n).unwrap().clone()).to_vec();
    /// let route = Route::along_roads(towns, RoadNetwork::bundled(), None).unwrap();
    /// // MEX 200 along the coast of Chiapas: a little longer than the straight line
    /// let straight_km = route.origin().coord.geodesic_km(route.destination().coord);
    /// assert!(route.length_km() > straight_km && route.length_km() < 1.2 * straight_km);
    /// assert!(route.line().len() > 2);
    /// ```
    pub fn along_roads(
        towns: Vec<Town>,
        network: &RoadNetwork,
        road_factor: Option<f64>,
    ) -> Result<Self, RouteError> {
        if towns.len() < 2 {
            return Err(RouteError::TooShort(towns.len()));
        }
        if let Some(f) = road_factor
            && !(1.0..=3.0).contains(&f)
        {
            return Err(RouteError::BadRoadFactor(f));
        }
        let mut warnings = Vec::new();
        if road_factor.is_some() {
            warnings.push(RouteWarning::RoadFactorOnLinksOnly);
        }
        let access_factor = road_factor.unwrap_or(1.0);
        let mut stops: Vec<RouteStop> = Vec::with_capacity(towns.len());
        let mut line: Vec<(LonLat, f64)> = Vec::new();
        let mut highways: Vec<String> = Vec::new();
        let mut access_km = 0.0;
        for town in towns {
            let Some(prev) = stops.last() else {
                network.reach(&town)?;
                line.push((town.coord, 0.0));
                stops.push(RouteStop { town, km: 0.0 });
                continue;
            };
            if prev.town.id == town.id {
                return Err(RouteError::Repeated(town.name));
            }
            let path = network.path(&prev.town, &town, access_factor)?;
            let mut km = prev.km;
            for (p, step) in path.points.iter().skip(1).zip(&path.step_km) {
                km += step;
                line.push((*p, km));
            }
            access_km += path.access_km;
            for h in path.highways {
                if highways.last() != Some(&h) {
                    highways.push(h);
                }
            }
            stops.push(RouteStop { town, km });
        }
        line.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
        if access_km > 0.0 {
            warnings.push(RouteWarning::StraightLinks { km: access_km });
        }
        Ok(Self {
            stops,
            line,
            road_factor,
            highways,
            warnings,
        })
    }

    /// The route of a scenario, along the bundled road network.
    pub fn of_scenario(scenario: &crate::scenario::Scenario) -> Result<Self, RouteError> {
        Self::along_roads(
            scenario.route_towns().to_vec(),
            RoadNetwork::bundled(),
            scenario.road_factor(),
        )
    }

    /// The waypoints in route order, each with its road km.
    pub fn stops(&self) -> &[RouteStop] {
        &self.stops
    }

    /// The road factor of a straight-leg route, or the one applied to links off the network.
    pub fn road_factor(&self) -> Option<f64> {
        self.road_factor
    }

    /// The drawn line: every vertex with its road km from the start.
    pub fn line(&self) -> &[(LonLat, f64)] {
        &self.line
    }

    /// The highways the route follows, in order ("CA-4", "MEX 200", …); empty off the network.
    pub fn highways(&self) -> &[String] {
        &self.highways
    }

    /// Things the user should know about how the route was built.
    pub fn warnings(&self) -> &[RouteWarning] {
        &self.warnings
    }

    /// The part of the line between two km marks (clamped, in either order), following the
    /// route's vertices: what a group covered between two camps.
    pub fn line_between(&self, from_km: f64, to_km: f64) -> Vec<LonLat> {
        self.line_between_km(from_km, to_km)
            .into_iter()
            .map(|(p, _)| p)
            .collect()
    }

    /// [`Route::line_between`] with each vertex's road km, for outputs that time the vertices
    /// (kepler.gl trips).
    pub fn line_between_km(&self, from_km: f64, to_km: f64) -> Vec<(LonLat, f64)> {
        let (lo, hi) = if from_km <= to_km {
            (from_km, to_km)
        } else {
            (to_km, from_km)
        };
        let mut out = vec![(self.position_at_km(lo), lo)];
        out.extend(
            self.line
                .iter()
                .filter(|(_, km)| *km > lo && *km < hi)
                .copied(),
        );
        out.push((self.position_at_km(hi), hi));
        out.dedup_by(|a, b| a.0 == b.0);
        if from_km > to_km {
            out.reverse();
        }
        out
    }

    /// Road length in km.
    pub fn length_km(&self) -> f64 {
        self.stops.last().map_or(0.0, |s| s.km)
    }

    /// The first town.
    pub fn origin(&self) -> &Town {
        &self.stops[0].town
    }

    /// The last town.
    pub fn destination(&self) -> &Town {
        &self.stops[self.stops.len() - 1].town
    }

    /// Index of the segment of [`Route::line`] (vertex i to i+1) that contains `km`, clamped
    /// to the route: the segment [`Route::position_at_km`] places `km` on.
    pub fn segment_at(&self, km: f64) -> usize {
        let i = self.line.partition_point(|v| v.1 <= km);
        i.saturating_sub(1).min(self.line.len() - 2)
    }

    /// Position `km` road km from the start (clamped to the route's ends).
    ///
    /// ```
    /// use route_sim::{gazetteer::Gazetteer, route::Route};
    /// let g = Gazetteer::bundled();
    /// let towns = ["Tapachula", "Huixtla"].map(|n| g.lookup(n).unwrap().clone()).to_vec();
    /// let route = Route::new(towns, 1.0).unwrap();
    /// let mid = route.position_at_km(route.length_km() / 2.0);
    /// assert!((mid.lat_deg - 15.02).abs() < 0.01);
    /// ```
    pub fn position_at_km(&self, km: f64) -> LonLat {
        let km = km.clamp(0.0, self.length_km());
        let i = self.segment_at(km);
        let ((a, a_km), (b, b_km)) = (self.line[i], self.line[i + 1]);
        let t = if b_km > a_km {
            (km - a_km) / (b_km - a_km)
        } else {
            0.0
        };
        a.lerp(b, t)
    }

    /// The waypoint nearest in road km to `km`.
    pub fn nearest_stop(&self, km: f64) -> &RouteStop {
        self.stops
            .iter()
            .min_by(|a, b| (a.km - km).abs().total_cmp(&(b.km - km).abs()))
            .expect("a route has at least two stops")
    }

    /// Road km of a waypoint by town id (its first visit).
    pub fn km_of_town(&self, town_id: &str) -> Option<f64> {
        self.stops
            .iter()
            .find(|s| s.town.id == town_id)
            .map(|s| s.km)
    }

    /// Where a town lies on the route: (road km, km off the line). A route town is at its
    /// first visit; any other town is projected onto the nearest point of the line.
    pub fn locate(&self, town: &Town) -> (f64, f64) {
        self.km_of_town(&town.id)
            .map_or_else(|| self.project(town.coord), |km| (km, 0.0))
    }

    /// Project a point onto the route: (road km of the closest point, distance off the line in km).
    pub fn project(&self, p: LonLat) -> (f64, f64) {
        let mut best = (0.0, f64::INFINITY);
        for pair in self.line.windows(2) {
            let ((a, a_km), (b, b_km)) = (pair[0], pair[1]);
            let t = closest_fraction(a, b, p);
            let q = a.lerp(b, t);
            let off_km = q.geodesic_km(p);
            if off_km < best.1 {
                best = (a_km + t * (b_km - a_km), off_km);
            }
        }
        best
    }
}

/// Fraction along segment a-b of the point closest to p, in a local equirectangular frame.
fn closest_fraction(a: LonLat, b: LonLat, p: LonLat) -> f64 {
    let cos_lat = ((a.lat_deg + b.lat_deg) / 2.0).to_radians().cos();
    let (bx, by) = ((b.lon_deg - a.lon_deg) * cos_lat, b.lat_deg - a.lat_deg);
    let (px, py) = ((p.lon_deg - a.lon_deg) * cos_lat, p.lat_deg - a.lat_deg);
    let len2 = bx * bx + by * by;
    if len2 == 0.0 {
        0.0
    } else {
        ((px * bx + py * by) / len2).clamp(0.0, 1.0)
    }
}
