//! Country borders: Natural Earth 1:50m, clipped to Mexico, Central America and the US south.
//!
//! The polygons come from `data/borders/countries.geojson` (built by `data/borders/build.mjs`),
//! embedded in the binary and parsed once. They answer "which country is this point in?",
//! which the nearest town cannot answer near a border (Mexicali's nearest town is Calexico).

use super::LonLat;
use geo::{BoundingRect, Contains, Coord, Intersects, LineString, MultiPolygon, Polygon, Rect};
use geojson::{GeoJson, GeometryValue, PolygonType};
use std::sync::OnceLock;

/// The bundled borders file.
pub const BUNDLED_BORDERS_GEOJSON: &str = include_str!("../../data/borders/countries.geojson");

/// One country's name (as the borders file spells it) and its land polygons.
#[derive(Debug, Clone)]
pub struct Country {
    /// Country name as the borders file spells it.
    pub name: String,
    /// Land polygons in lon/lat degrees.
    pub polygons: MultiPolygon<f64>,
    /// Each polygon's bounding box, so a point is tested only against the polygons whose
    /// box holds it (every position of a run is looked up).
    bounds: Vec<Option<Rect<f64>>>,
}

/// Country polygons, in the file's order (by name).
#[derive(Debug, Clone)]
pub struct Borders {
    countries: Vec<Country>,
}

static BUNDLED: OnceLock<Borders> = OnceLock::new();

impl Borders {
    /// The bundled borders, parsed on first use.
    pub fn bundled() -> &'static Borders {
        BUNDLED.get_or_init(|| {
            Borders::parse(BUNDLED_BORDERS_GEOJSON).expect("bundled countries.geojson is valid")
        })
    }

    /// Parse a GeoJSON FeatureCollection of Polygon/MultiPolygon features with a `name` property.
    pub fn parse(text: &str) -> Result<Borders, String> {
        let GeoJson::FeatureCollection(fc) = text.parse::<GeoJson>().map_err(|e| e.to_string())?
        else {
            return Err("expected a FeatureCollection".into());
        };
        let mut countries = Vec::new();
        for (i, f) in fc.features.iter().enumerate() {
            let name = f
                .property("name")
                .and_then(|v| v.as_str())
                .ok_or_else(|| format!("feature {i}: missing string property `name`"))?
                .to_string();
            let polygons = match f.geometry.as_ref().map(|g| &g.value) {
                Some(GeometryValue::Polygon { coordinates }) => vec![polygon(coordinates)],
                Some(GeometryValue::MultiPolygon { coordinates }) => {
                    coordinates.iter().map(polygon).collect()
                }
                _ => {
                    return Err(format!(
                        "feature {i} ({name}): geometry is not a Polygon or MultiPolygon"
                    ));
                }
            };
            let bounds = polygons.iter().map(BoundingRect::bounding_rect).collect();
            countries.push(Country {
                name,
                polygons: MultiPolygon::new(polygons),
                bounds,
            });
        }
        Ok(Borders { countries })
    }

    /// Every country with its polygons.
    pub fn countries(&self) -> impl Iterator<Item = (&str, &MultiPolygon<f64>)> {
        self.countries
            .iter()
            .map(|c| (c.name.as_str(), &c.polygons))
    }

    /// The country whose land contains `at`; `None` at sea or outside the clipped box.
    pub fn country_at(&self, at: LonLat) -> Option<&str> {
        let p = at.to_point();
        self.countries
            .iter()
            .find(|c| {
                c.polygons
                    .iter()
                    .zip(&c.bounds)
                    .any(|(poly, b)| b.is_some_and(|b| b.intersects(&p)) && poly.contains(&p))
            })
            .map(|c| c.name.as_str())
    }
}

/// A borders-file name spelled as the gazetteer spells countries ("United States").
pub fn common_country_name(name: &str) -> &str {
    match name {
        "United States of America" => "United States",
        "Cayman Is." => "Cayman Islands",
        other => other,
    }
}

fn polygon(rings: &PolygonType) -> Polygon<f64> {
    let ring = |r: &Vec<geojson::Position>| -> LineString<f64> {
        r.iter()
            .map(|p| Coord {
                x: p.as_slice()[0],
                y: p.as_slice()[1],
            })
            .collect()
    };
    let mut it = rings.iter();
    let outer = it
        .next()
        .map(ring)
        .unwrap_or_else(|| LineString::new(Vec::new()));
    Polygon::new(outer, it.map(ring).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_fall_in_the_right_country() {
        let b = Borders::bundled();
        assert_eq!(b.country_at(LonLat::new(-92.2617, 14.9039)), Some("Mexico")); // Tapachula
        assert_eq!(
            b.country_at(LonLat::new(-92.1530, 14.6781)),
            Some("Guatemala")
        ); // Tecún Umán
        assert_eq!(
            b.country_at(LonLat::new(-117.1611, 32.7157)),
            Some("United States of America")
        ); // San Diego
        assert_eq!(b.country_at(LonLat::new(-100.0, 12.0)), None); // the Pacific
    }

    #[test]
    fn regression_mexicali_is_in_mexico_though_calexico_is_nearest() {
        assert_eq!(
            Borders::bundled().country_at(LonLat::new(-115.4683, 32.6245)),
            Some("Mexico")
        );
    }

    #[test]
    fn every_country_has_polygons() {
        let b = Borders::bundled();
        assert_eq!(b.countries().count(), 14);
        assert!(b.countries().all(|(_, mp)| !mp.0.is_empty()));
    }
}
