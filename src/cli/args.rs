//! clap definitions. The main job is top-level flags, as users type it.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  route-sim --caravan honduras-oct2018
  route-sim --caravan tapachula-sep2021 --rng-seed 7 --out maps/2021
  route-sim --caravan honduras-oct2018 --runs 10000
  route-sim --scenario my-caravan.toml
  route-sim --route \"Tapachula;Huixtla;Arriaga\" --depart 2021-09-04 --headcount 400
  route-sim list";

/// Simulate migrant caravans reported in the news: a dated, mapped trajectory from a route of towns.
#[derive(Debug, Parser)]
#[command(name = "route-sim", version, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the bundled caravans with dates, route ends, length and headcount.
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {}

/// The main job: simulate one caravan and write every output.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// A bundled caravan id (see `route-sim list`), e.g. honduras-oct2018.
    #[arg(long, value_name = "ID", group = "source")]
    pub caravan: Option<String>,
    /// Your own caravan file (TOML, same format as data/caravans/*.toml).
    #[arg(long, value_name = "FILE", group = "source")]
    pub scenario: Option<PathBuf>,
    /// A quick route: towns separated by `;`, e.g. "Tapachula;Huixtla;Arriaga". Needs --depart.
    #[arg(long, value_name = "TOWNS", group = "source", requires = "depart")]
    pub route: Option<String>,
    /// Departure date for --route (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "route")]
    pub depart: Option<String>,
    /// Headcount for --route.
    #[arg(long, value_name = "N", default_value_t = 100, requires = "route")]
    pub headcount: u64,
    /// Walking pace for --route, km per day (default 48, the pace reported in 2018).
    #[arg(long, value_name = "KM", requires = "route")]
    pub pace_km_per_day: Option<f64>,
    /// Output directory (default out/<caravan id>).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Seed of the random generator: the same seed gives byte-identical outputs.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub rng_seed: u64,
    /// Also run an ensemble of N runs (seeds derived from --rng-seed and the run index):
    /// writes ensemble.csv with P10/P50/P90 and draws the P10–P90 band on progress.png.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: Option<u64>,
    /// Print only the file list, not the day-by-day summary (and no progress bar).
    #[arg(long, short)]
    pub quiet: bool,
}
