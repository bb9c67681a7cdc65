//! Command-line front end: argument definitions and one file per command.
//! No model logic lives here; every command calls the library's stages.

mod args;
mod backtest;
mod draft;
mod extract;
mod fit;
mod forecast;
mod geocode;
mod list;
mod record;
mod run;
mod sightings;

use clap::Parser;
use std::process::ExitCode;

pub use args::{Cli, Command};

/// A command's failure and the exit code it maps to.
#[derive(Debug)]
pub enum Failure {
    /// Bad usage or bad input: exit 2.
    Input(String),
    /// A caravan that cannot be simulated, with every problem (typed, rendered by the
    /// library's `Display`): exit 2.
    Scenario(route_sim::scenario::ScenarioError),
    /// Anything else: exit 1.
    Other(String),
}

impl Failure {
    fn code(&self) -> u8 {
        match self {
            Failure::Input(_) | Failure::Scenario(_) => 2,
            Failure::Other(_) => 1,
        }
    }
}

/// The one place a failure becomes text.
impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Input(m) | Failure::Other(m) => f.write_str(m),
            Failure::Scenario(e) => e.fmt(f),
        }
    }
}

impl From<route_sim::scenario::ScenarioError> for Failure {
    fn from(e: route_sim::scenario::ScenarioError) -> Self {
        Failure::Scenario(e)
    }
}

impl From<route_sim::outputs::OutputError> for Failure {
    fn from(e: route_sim::outputs::OutputError) -> Self {
        match e {
            route_sim::outputs::OutputError::NotADirectory(_)
            | route_sim::outputs::OutputError::NotAFile(_)
            | route_sim::outputs::OutputError::Busy(_) => {
                Failure::Input(format!("{e} (--out DIR)"))
            }
            _ => Failure::Other(e.to_string()),
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::List(a)) => list::list(a),
        Some(Command::Record(a)) => record::record(a),
        Some(Command::Geocode(a)) => geocode::geocode(a),
        Some(Command::Extract(a)) => extract::extract(a),
        Some(Command::Forecast(a)) => forecast::forecast(a),
        Some(Command::Backtest(a)) => backtest::backtest(a),
        Some(Command::Fit(a)) => fit::fit(a),
        Some(Command::Sightings(a)) => sightings::sightings(a),
        Some(Command::Draft(a)) => draft::draft(a),
        None => run::run(&cli.run),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {f}");
            ExitCode::from(f.code())
        }
    }
}

/// The inputs run.json checksums: the caravan file and the bundled tables the run used.
fn run_inputs(scenario: &route_sim::scenario::Scenario) -> Vec<(String, Vec<u8>)> {
    vec![
        (
            scenario.source_name().to_string(),
            scenario.text().as_bytes().to_vec(),
        ),
        (
            "data/towns.csv (bundled)".into(),
            route_sim::gazetteer::BUNDLED_TOWNS_CSV.as_bytes().to_vec(),
        ),
        (
            "data/borders/countries.geojson (bundled)".into(),
            route_sim::gazetteer::BUNDLED_BORDERS_GEOJSON
                .as_bytes()
                .to_vec(),
        ),
    ]
}
