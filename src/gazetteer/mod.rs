//! Stage 1: the bundled town table, coordinates, and name lookup with suggestions.
//!
//! Knows nothing of caravans. Everything later in the pipeline refers to towns through
//! [`Gazetteer::lookup`], so "Tecun Uman", "Ciudad Tecún Umán" and "tecún umán, guatemala"
//! all land on the same row.

mod borders;
mod coord;
mod lookup;
mod normalize;

pub use borders::{BUNDLED_BORDERS_GEOJSON, Borders, Country, common_country_name};
pub use coord::LonLat;
pub use lookup::LookupError;
pub use normalize::fold;

use std::collections::HashMap;
use std::io::Read;

/// The bundled gazetteer, derived from GeoNames by `data/build_towns.py`.
pub const BUNDLED_TOWNS_CSV: &str = include_str!("../../data/towns.csv");

/// One settlement or border post.
#[derive(Debug, Clone, PartialEq)]
pub struct Town {
    pub id: String,
    pub name: String,
    pub ascii_name: String,
    pub country: String,
    pub country_code: String,
    pub admin1: String,
    pub coord: LonLat,
    pub population: Option<u64>,
    pub aliases: Vec<String>,
    pub kind: String,
    pub geonameid: Option<u64>,
    pub source: String,
}

impl Town {
    /// "Escuintla, Chiapas, Mexico": unambiguous for a reader and accepted back by `lookup`.
    pub fn label(&self) -> String {
        if self.admin1.is_empty() || fold(&self.admin1) == fold(&self.name) {
            format!("{}, {}", self.name, self.country)
        } else {
            format!("{}, {}, {}", self.name, self.admin1, self.country)
        }
    }

    /// Every way this town may be written, folded (name, ASCII name, aliases, id).
    fn keys(&self) -> impl Iterator<Item = String> + '_ {
        [
            self.name.as_str(),
            self.ascii_name.as_str(),
            self.id.as_str(),
        ]
        .into_iter()
        .chain(self.aliases.iter().map(String::as_str))
        .map(fold)
    }
}

/// A malformed town table: where and what.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: line {line}, field `{field}`: {message}")]
pub struct TableError {
    pub source_name: String,
    pub line: u64,
    pub field: String,
    pub message: String,
}

/// The town table with a folded-name index.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    towns: Vec<Town>,
    by_key: HashMap<String, Vec<usize>>,
}

#[derive(serde::Deserialize)]
struct TownRow {
    id: String,
    name: String,
    ascii_name: String,
    country: String,
    country_code: String,
    admin1: String,
    lat: String,
    lon: String,
    population: String,
    aliases: String,
    kind: String,
    geonameid: String,
    source: String,
}

impl Gazetteer {
    /// The table shipped inside the binary.
    pub fn bundled() -> Self {
        Self::from_csv_reader(BUNDLED_TOWNS_CSV.as_bytes(), "data/towns.csv")
            .expect("bundled data/towns.csv is checked by tests")
    }

    /// Read a town table in the `data/towns.csv` format; `source_name` is used in errors.
    pub fn from_csv_reader<R: Read>(reader: R, source_name: &str) -> Result<Self, TableError> {
        let mut rdr = csv::Reader::from_reader(reader);
        let mut towns = Vec::new();
        for record in rdr.deserialize::<TownRow>() {
            let row = record.map_err(|e| {
                let line = e.position().map_or(0, csv::Position::line);
                TableError {
                    source_name: source_name.to_string(),
                    line,
                    field: "(record)".into(),
                    message: e.to_string(),
                }
            })?;
            let line = towns.len() as u64 + 2;
            let bad = |field: &str, message: String| TableError {
                source_name: source_name.to_string(),
                line,
                field: field.to_string(),
                message,
            };
            let lat_deg: f64 = row
                .lat
                .trim()
                .parse()
                .map_err(|_| bad("lat", format!("`{}` is not a number", row.lat)))?;
            let lon_deg: f64 = row
                .lon
                .trim()
                .parse()
                .map_err(|_| bad("lon", format!("`{}` is not a number", row.lon)))?;
            if !(-90.0..=90.0).contains(&lat_deg) {
                return Err(bad("lat", format!("{lat_deg} is outside -90..90")));
            }
            if !(-180.0..=180.0).contains(&lon_deg) {
                return Err(bad("lon", format!("{lon_deg} is outside -180..180")));
            }
            let population = match row.population.trim() {
                "" => None,
                p => Some(
                    p.parse()
                        .map_err(|_| bad("population", format!("`{p}` is not a whole number")))?,
                ),
            };
            let geonameid = match row.geonameid.trim() {
                "" => None,
                g => Some(
                    g.parse()
                        .map_err(|_| bad("geonameid", format!("`{g}` is not a whole number")))?,
                ),
            };
            if row.id.trim().is_empty() {
                return Err(bad("id", "is empty".into()));
            }
            towns.push(Town {
                id: row.id,
                name: row.name,
                ascii_name: row.ascii_name,
                country: row.country,
                country_code: row.country_code,
                admin1: row.admin1,
                coord: LonLat::new(lon_deg, lat_deg),
                population,
                aliases: row
                    .aliases
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect(),
                kind: row.kind,
                geonameid,
                source: row.source,
            });
        }
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, town) in towns.iter().enumerate() {
            for key in town.keys() {
                let entry = by_key.entry(key).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
        }
        Ok(Self { towns, by_key })
    }

    pub fn towns(&self) -> &[Town] {
        &self.towns
    }

    pub fn get(&self, id: &str) -> Option<&Town> {
        self.towns.iter().find(|t| t.id == id)
    }

    /// Towns written exactly this way (after folding), without hints or fallbacks.
    pub fn exact(&self, name: &str) -> Vec<&Town> {
        self.by_key
            .get(&fold(name))
            .map_or_else(Vec::new, |ix| ix.iter().map(|&i| &self.towns[i]).collect())
    }

    /// The town nearest to a position, and its distance in km.
    ///
    /// Searches with an equirectangular approximation (cheap, exact enough to rank towns)
    /// and measures the winner geodesically.
    pub fn nearest(&self, p: LonLat) -> Option<(&Town, f64)> {
        let cos_lat = p.lat_deg.to_radians().cos();
        let approx = |t: &Town| {
            let dx = (t.coord.lon_deg - p.lon_deg) * cos_lat;
            let dy = t.coord.lat_deg - p.lat_deg;
            dx * dx + dy * dy
        };
        let town = self
            .towns
            .iter()
            .min_by(|a, b| approx(a).total_cmp(&approx(b)))?;
        Some((town, town.coord.geodesic_km(p)))
    }

    /// All folded keys with the towns they name, for the article extractor.
    pub fn keys(&self) -> impl Iterator<Item = (&str, &[usize])> {
        self.by_key.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}
