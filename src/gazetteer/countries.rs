//! Country names as people type them, and the capital each one suggests.

use super::fold;

/// The bundled country table, written by `data/build_towns.py`.
pub const BUNDLED_COUNTRIES_CSV: &str = include_str!("../../data/countries.csv");

/// A country a user may type where a town was expected ("Guatemala").
#[derive(Debug, Clone, PartialEq)]
pub struct CountryName {
    /// ISO 3166-1 alpha-2 code ("GT").
    pub country_code: String,
    /// English name as shown to users.
    pub name: String,
    /// Folded spellings: "mexico", "estados unidos mexicanos".
    pub folded_names: Vec<String>,
    /// Town id of the capital, offered when the country's name is looked up as a town.
    pub capital_id: String,
}

#[derive(serde::Deserialize)]
struct Row {
    country_code: String,
    name: String,
    names: String,
    capital_id: String,
}

/// The bundled table.
pub fn bundled() -> Result<Vec<CountryName>, csv::Error> {
    csv::Reader::from_reader(BUNDLED_COUNTRIES_CSV.as_bytes())
        .deserialize::<Row>()
        .map(|row| {
            let row = row?;
            Ok(CountryName {
                folded_names: row.names.split('|').map(fold).collect(),
                country_code: row.country_code,
                name: row.name,
                capital_id: row.capital_id,
            })
        })
        .collect()
}
