//! The caravans shipped with the tool (`data/caravans/*.toml`, embedded at build time).

use super::{Scenario, ScenarioError, parse_scenario};
use crate::gazetteer::Gazetteer;

include!(concat!(env!("OUT_DIR"), "/bundled_caravans.rs"));

/// Ids of the bundled caravans, sorted.
pub fn bundled_ids() -> Vec<&'static str> {
    BUNDLED_CARAVANS.iter().map(|(id, _)| *id).collect()
}

/// The TOML text of a bundled caravan.
pub fn bundled_text(id: &str) -> Option<&'static str> {
    BUNDLED_CARAVANS
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, text)| *text)
}

/// Parse and resolve a bundled caravan; `None` if there is no such id.
pub fn load_bundled(id: &str, gazetteer: &Gazetteer) -> Option<Result<Scenario, ScenarioError>> {
    bundled_text(id)
        .map(|text| parse_scenario(text, &format!("data/caravans/{id}.toml"), gazetteer))
}
