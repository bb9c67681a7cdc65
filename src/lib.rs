//! route-sim: from news reports of migrant caravans to a simulated, dated, mapped trajectory.
//!
//! The pipeline, one module per stage, each using only the stages above it:
//!
//! 0. [`params`]: the movement model's parameters and the typed problem that refuses a
//!    value, shared by [`scenario`] (which reads them) and [`simulate`] (which runs them).
//! 1. [`gazetteer`]: the bundled town table; names as people write them become coordinates.
//!    [`extract`]: the places a news article names, its dated sightings, and caravan files
//!    drafted from them (uses the gazetteer only).
//!    [`roads`]: the bundled highway network and shortest road paths between towns.
//! 2. [`scenario`]: a caravan file (route, departure, groups, events, sightings) resolved
//!    against the gazetteer, every problem reported with its line and field.
//!    [`record`]: the sightings of every bundled caravan, sourced and dated (what models
//!    are fit on and replays are checked against).
//! 3. [`route`]: the towns as a polyline measured in road km; position at any km.
//! 4. [`simulate`]: groups advancing day by day with seeded randomness.
//!    [`ensemble`]: many runs of the same plan summarised as P10, P50 and P90.
//! 5. [`validate`]: the run compared with every dated sighting; [`calibrate`] fits the
//!    model's speeds to them and measures leave-one-out forecast error.
//! 6. [`model`]: a behaviour model (regimes, rates, speeds) fit to the record of every
//!    bundled caravan; [`forecast`] takes in the reports up to a date and forecasts with a
//!    particle filter; [`backtest`] scores forecasts against what was reported next.
//! 7. [`outputs`]: GeoJSON, CSV and PNG files.
//!
//! The binary's `cli` module only parses arguments and calls these stages.

// Every public item says what it is (CI's `-D warnings` makes a missing doc an error).
#![warn(missing_docs)]

pub mod params;
pub mod gazetteer;
pub mod extract;
pub mod roads;
pub mod scenario;
pub mod record;
pub mod route;
pub mod simulate;
pub mod ensemble;
pub mod validate;
pub mod calibrate;
pub mod model;
pub mod forecast;
pub mod backtest;
pub mod outputs;
