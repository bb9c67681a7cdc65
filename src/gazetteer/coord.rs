//! The one coordinate type of the project, and the one place metres become kilometres.

use geo::{Distance, Geodesic, Point};

/// A WGS 84 position in decimal degrees, longitude first as in GeoJSON.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LonLat {
    /// Longitude in degrees, east positive (-180..180).
    pub lon_deg: f64,
    /// Latitude in degrees, north positive (-90..90).
    pub lat_deg: f64,
}

impl LonLat {
    /// A position from longitude and latitude in degrees (no range check).
    pub fn new(lon_deg: f64, lat_deg: f64) -> Self {
        Self { lon_deg, lat_deg }
    }

    /// The same position as a `geo` point (x = longitude, y = latitude).
    pub fn to_point(self) -> Point<f64> {
        Point::new(self.lon_deg, self.lat_deg)
    }

    /// Geodesic (WGS 84 ellipsoid) distance in km.
    ///
    /// ```
    /// use route_sim::gazetteer::LonLat;
    /// let tapachula = LonLat::new(-92.2617, 14.9039);
    /// let huixtla = LonLat::new(-92.4650, 15.1393);
    /// let km = tapachula.geodesic_km(huixtla);
    /// assert!((km - 34.0).abs() < 2.0);
    /// ```
    pub fn geodesic_km(self, other: LonLat) -> f64 {
        Geodesic.distance(self.to_point(), other.to_point()) / 1000.0
    }

    /// Straight interpolation in lon/lat, matching how map viewers draw a LineString segment.
    pub fn lerp(self, other: LonLat, t: f64) -> LonLat {
        LonLat::new(
            self.lon_deg + (other.lon_deg - self.lon_deg) * t,
            self.lat_deg + (other.lat_deg - self.lat_deg) * t,
        )
    }
}
