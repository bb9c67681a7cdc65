//! Stage 3: the route as a polyline through towns, measured in road km (linear referencing).
//!
//! Straight geodesic legs between consecutive waypoints are scaled by a road factor (the
//! detour index: road km per straight km) so that km along the route reads as road km.
//! Positions are interpolated straight in lon/lat, exactly as viewers draw the LineString,
//! so every simulated position lies on the route line that `route.geojson` shows.

use crate::gazetteer::{LonLat, Town};

/// A waypoint and its road km from the start.
#[derive(Debug, Clone)]
pub struct RouteStop {
    pub town: Town,
    pub km: f64,
}

/// An ordered path through towns with cumulative road km.
#[derive(Debug, Clone)]
pub struct Route {
    stops: Vec<RouteStop>,
    road_factor: f64,
}

/// Why a list of towns does not make a route.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RouteError {
    #[error("a route needs at least two towns, got {0}")]
    TooShort(usize),
    #[error("road factor must be at least 1.0 (road km per straight km), got {0}")]
    BadRoadFactor(f64),
    #[error("`{0}` follows itself; remove the repeated town")]
    Repeated(String),
}

impl Route {
    /// Build a route; `road_factor` converts straight geodesic km to road km (e.g. 1.2).
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
        Ok(Self { stops, road_factor })
    }

    pub fn stops(&self) -> &[RouteStop] {
        &self.stops
    }

    pub fn road_factor(&self) -> f64 {
        self.road_factor
    }

    /// Road length in km.
    pub fn length_km(&self) -> f64 {
        self.stops.last().map_or(0.0, |s| s.km)
    }

    pub fn origin(&self) -> &Town {
        &self.stops[0].town
    }

    pub fn destination(&self) -> &Town {
        &self.stops[self.stops.len() - 1].town
    }

    /// Index of the leg (stop i to stop i+1) that contains `km`, clamped to the route.
    fn leg_at(&self, km: f64) -> usize {
        let i = self.stops.partition_point(|s| s.km <= km);
        i.saturating_sub(1).min(self.stops.len() - 2)
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
        let i = self.leg_at(km);
        let (a, b) = (&self.stops[i], &self.stops[i + 1]);
        let t = if b.km > a.km {
            (km - a.km) / (b.km - a.km)
        } else {
            0.0
        };
        a.town.coord.lerp(b.town.coord, t)
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
        for pair in self.stops.windows(2) {
            let (a, b) = (pair[0].town.coord, pair[1].town.coord);
            let t = closest_fraction(a, b, p);
            let q = a.lerp(b, t);
            let off_km = q.geodesic_km(p);
            if off_km < best.1 {
                best = (pair[0].km + t * (pair[1].km - pair[0].km), off_km);
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
