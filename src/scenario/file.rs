//! The caravan file as written (TOML), before any name is resolved.
//!
//! Every value a user can get wrong is `Spanned`, so an error can name its line.

use serde::Deserialize;
use toml::Spanned;

pub type S<T> = Spanned<T>;

/// A caravan file: see docs/towns-and-caravans.md for every field and a complete example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaravanFile {
    pub id: S<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// What the sources report and what this file assumes, in prose.
    #[serde(default)]
    pub reported: Option<String>,
    #[serde(default)]
    pub assumed: Option<String>,
    pub depart: S<String>,
    /// Headcount at departure when no `[[groups]]` are given.
    #[serde(default)]
    pub headcount: Option<S<i64>>,
    pub route: S<Vec<S<String>>>,
    /// Road km per straight (geodesic) km between consecutive route towns.
    #[serde(default)]
    pub road_factor: Option<S<f64>>,
    #[serde(default)]
    pub model: Option<ModelSection>,
    #[serde(default)]
    pub groups: Vec<GroupEntry>,
    #[serde(default)]
    pub events: Vec<EventEntry>,
    #[serde(default)]
    pub sightings: Vec<SightingEntry>,
    /// Places this file's route and sightings may name beyond the bundled gazetteer.
    #[serde(default)]
    pub places: Vec<PlaceEntry>,
}

/// `[[places]] name = "…", lon = …, lat = …, country = "…"`: a place the gazetteer lacks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceEntry {
    pub name: S<String>,
    pub lon: S<f64>,
    pub lat: S<f64>,
    /// A country name or ISO code ("Guatemala", "GT").
    pub country: S<String>,
    /// State or department, used as a hint ("Escuintla, Chiapas").
    #[serde(default)]
    pub admin1: Option<String>,
    /// Where the coordinates come from.
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSection {
    pub pace_km_per_day: Option<S<f64>>,
    pub pace_variation_frac: Option<S<f64>>,
    pub rest_probability_per_day: Option<S<f64>>,
    pub max_days: Option<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupEntry {
    pub name: S<String>,
    pub headcount: S<i64>,
    #[serde(default)]
    pub pace_factor: Option<S<f64>>,
    #[serde(default)]
    pub destination: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    pub kind: S<String>,
    #[serde(default)]
    pub date: Option<S<String>>,
    #[serde(default)]
    pub until: Option<S<String>>,
    #[serde(default)]
    pub place: Option<S<String>>,
    #[serde(default)]
    pub groups: Option<S<Vec<String>>>,
    #[serde(default)]
    pub group: Option<S<String>>,
    #[serde(default)]
    pub km_per_day: Option<S<f64>>,
    #[serde(default)]
    pub headcount: Option<S<i64>>,
    #[serde(default)]
    pub share: Option<S<f64>>,
    #[serde(default)]
    pub detained: Option<S<i64>>,
    #[serde(default)]
    pub new_group: Option<S<String>>,
    #[serde(default)]
    pub pace_factor: Option<S<f64>>,
    #[serde(default)]
    pub destination: Option<S<String>>,
    #[serde(default)]
    pub source: Option<String>,
    /// Free text for readers of the file; the model ignores it.
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SightingEntry {
    pub date: S<String>,
    pub place: S<String>,
    /// night_stop | departure | passing | arrival | dispersal | count (required; optional
    /// here so a missing one is reported with the file's other problems).
    #[serde(default)]
    pub kind: Option<S<String>>,
    #[serde(default)]
    pub headcount: Option<S<i64>>,
    /// exact | at_least | at_most | estimate
    #[serde(default)]
    pub headcount_kind: Option<S<String>>,
    /// A seed record path, or an inline table `{ outlet, title, date, url }`; checked by hand
    /// so every problem of the table is reported, not just the first.
    #[serde(default)]
    pub source: Option<S<toml::Value>>,
    #[serde(default)]
    pub note: Option<String>,
    /// Removed (now `kind = "count"`); still read so old files get a message saying so.
    #[serde(default)]
    pub position: Option<S<toml::Value>>,
    /// The group seen, when the report is about one part of the caravan (default: the main body).
    #[serde(default)]
    pub group: Option<S<String>>,
}
