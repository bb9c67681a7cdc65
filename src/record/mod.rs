//! The record: every sighting of every bundled caravan, sourced and dated.
//!
//! This is what the behaviour model is fit on and what replays and backtests are scored
//! against. It only gathers what the caravan files say: each caravan's checked
//! [`Scenario`] (route, departure, groups, events) with its sightings, in one place and one
//! order. It fits nothing and measures nothing; km along a caravan's route is the business
//! of the later stages (`Route::locate` on a sighting's place).
//!
//! ```
//! use route_sim::gazetteer::Gazetteer;
//! use route_sim::record::Record;
//!
//! let gazetteer = Gazetteer::bundled();
//! let record = Record::bundled(&gazetteer).expect("the bundled caravan files are valid");
//! for entry in record.entries().filter(|e| e.sighting.is_position()) {
//!     // one dated position: entry.caravan.id(), entry.sighting.date(), entry.sighting.place() ...
//!     assert!(entry.sighting.date() >= entry.caravan.depart());
//! }
//! assert!(record.caravan("honduras-oct2018").is_some());
//! ```

use crate::gazetteer::Gazetteer;
use crate::scenario::{self, Scenario, ScenarioError, Sighting, SightingKind};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The sightings of a set of caravans, each with the scenario it belongs to.
#[derive(Debug, Clone)]
pub struct Record {
    /// One checked scenario per caravan, in id order; its `sightings` are in date order.
    pub caravans: Vec<Scenario>,
}

/// One sighting with the caravan it is about.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The caravan the sighting belongs to.
    pub caravan: &'a Scenario,
    /// The sighting itself.
    pub sighting: &'a Sighting,
}

/// Why the record could not be gathered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecordError {
    /// An id asked for that no bundled caravan has.
    #[error("no bundled caravan `{id}` (known: {known})")]
    UnknownCaravan {
        /// The id asked for.
        id: String,
        /// The bundled ids, comma-separated, for the message.
        known: String,
    },
    /// Bundled files with problems: every problem of every file, each with line and field.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<ScenarioError>),
}

impl Record {
    /// Every bundled caravan (`data/caravans/*.toml`).
    pub fn bundled(gazetteer: &Gazetteer) -> Result<Record, RecordError> {
        let ids: Vec<String> = scenario::bundled_ids()
            .into_iter()
            .map(String::from)
            .collect();
        Self::bundled_only(&ids, gazetteer)
    }

    /// The bundled caravans with these ids (all of them when `ids` is empty), in id order,
    /// each once. Unknown ids are an error that lists the known ones.
    pub fn bundled_only(ids: &[String], gazetteer: &Gazetteer) -> Result<Record, RecordError> {
        let known = scenario::bundled_ids();
        let mut wanted: Vec<&str> = if ids.is_empty() {
            known.clone()
        } else {
            ids.iter().map(String::as_str).collect()
        };
        wanted.sort_unstable();
        wanted.dedup();
        if let Some(id) = wanted.iter().find(|id| !known.contains(id)) {
            return Err(RecordError::UnknownCaravan {
                id: id.to_string(),
                known: known.join(", "),
            });
        }
        let mut caravans = Vec::new();
        let mut invalid = Vec::new();
        for id in wanted {
            match scenario::load_bundled(id, gazetteer).expect("checked against bundled_ids") {
                Ok(s) => caravans.push(s),
                Err(e) => invalid.push(e),
            }
        }
        if invalid.is_empty() {
            Ok(Self::from_scenarios(caravans))
        } else {
            Err(RecordError::Invalid(invalid))
        }
    }

    /// A record of any checked scenarios (e.g. your own caravan files), sorted by id.
    pub fn from_scenarios(mut caravans: Vec<Scenario>) -> Record {
        caravans.sort_by(|a, b| a.id().cmp(b.id()));
        Record { caravans }
    }

    /// The caravan with this id.
    pub fn caravan(&self, id: &str) -> Option<&Scenario> {
        self.caravans.iter().find(|c| c.id() == id)
    }

    /// Every sighting, by caravan id and then by date (file order within a date).
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        self.caravans.iter().flat_map(|caravan| {
            caravan
                .sightings()
                .iter()
                .map(move |sighting| Entry { caravan, sighting })
        })
    }

    /// Number of sightings over all caravans.
    pub fn len(&self) -> usize {
        self.caravans.iter().map(|c| c.sightings().len()).sum()
    }

    /// True when no caravan has a sighting.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many sightings there are of each kind.
    pub fn count_by_kind(&self) -> BTreeMap<SightingKind, usize> {
        let mut counts = BTreeMap::new();
        for e in self.entries() {
            *counts.entry(e.sighting.kind()).or_insert(0) += 1;
        }
        counts
    }
}

/// The first and last date a caravan's sightings cover, if it has any.
pub fn date_span(caravan: &Scenario) -> Option<(NaiveDate, NaiveDate)> {
    let first = caravan
        .sightings()
        .iter()
        .map(super::scenario::Sighting::date)
        .min()?;
    let last = caravan
        .sightings()
        .iter()
        .map(super::scenario::Sighting::date)
        .max()?;
    Some((first, last))
}
