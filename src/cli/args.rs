//! clap definitions. The main job is top-level flags, as users type it.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  route-sim --caravan honduras-oct2018
  route-sim --caravan tapachula-sep2021 --rng-seed 7 --out maps/2021
  route-sim --caravan honduras-oct2018 --runs 10000
  route-sim --caravan honduras-oct2018 --calibrate
  route-sim --caravan honduras-oct2018 --animation
  route-sim --scenario my-caravan.toml
  route-sim --route \"Tapachula;Huixtla;Arriaga\" --depart 2021-09-04 --headcount 400
  route-sim list
  route-sim record --format csv > record.csv
  route-sim geocode \"Tecun Uman\" \"Escuintla, Chiapas\" --format geojson
  route-sim extract article.txt --geojson places.geojson
  route-sim sightings article.txt --published 2018-10-25 --format csv
  route-sim draft a.txt b.txt --id my-caravan --out my-caravan.toml";

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
    /// List the bundled caravans with dates, route ends, length, headcount and their sightings.
    List(ListArgs),
    /// Every sighting of the bundled caravans (the record) with its place, kind, headcount and source.
    #[command(after_help = RECORD_EXAMPLES)]
    Record(RecordArgs),
    /// Find towns as people write them: any case, with or without accents, short or official names.
    #[command(
        after_help = "Examples:\n  route-sim geocode Tapanatepec \"Mexico City\" \"Tecun Uman\"\n  route-sim geocode \"Escuintla, Guatemala\" --format json\n\nExit code 2 when a name is unknown or ambiguous (add a country or state: \"Escuintla, Chiapas\")."
    )]
    Geocode(GeocodeArgs),
    /// List the gazetteer places a news article names, with counts and line numbers.
    #[command(
        after_help = "Examples:\n  route-sim extract article.txt\n  route-sim extract a.txt b.txt --format csv --geojson places.geojson\n\nText that is not UTF-8 is read as Windows-1252 (Latin-1), with a note on stderr."
    )]
    Extract(ExtractArgs),
    /// Forecast where a caravan will be, from the reports up to a date (behaviour model + particle filter).
    #[command(
        after_help = "Examples:\n  route-sim forecast --caravan honduras-oct2018 --as-of 2018-10-25\n  route-sim forecast --caravan honduras-oct2018 --as-of 2018-11-01 --days 21 --particles 20000 --out out/fc\n  route-sim forecast --scenario my-caravan.toml --as-of 2021-09-05\n\nNothing dated after --as-of is read (sightings after it, the file's events). Parameters are the\nbehaviour model's fit without this caravan when it is in the record. Exit code 2 for an as-of\ndate before departure or after the last day, or a bad --particles/--days."
    )]
    Forecast(ForecastArgs),
    /// Score forecasts against what was reported next, for every caravan of the record, with two baselines.
    #[command(
        after_help = "Examples:\n  route-sim backtest\n  route-sim backtest --caravan honduras-oct2018 --caravan tapachula-sep2021 --out out/bt\n\nWrites backtest.csv, backtest-summary.csv and backtest.png (default folder out/backtest)."
    )]
    Backtest(BacktestArgs),
    /// Fit the behaviour model to the record and write its parameter file (data/model/behaviour.toml).
    #[command(
        after_help = "Examples:\n  route-sim fit                       # rewrite data/model/behaviour.toml\n  route-sim fit --out /tmp/model.toml --particles 800\n\nFits on every bundled caravan and once without each caravan (for forecasts and backtests)."
    )]
    Fit(FitArgs),
    /// Dated sightings from articles: sentences that put a caravan at a town on a day.
    #[command(
        after_help = "Examples:\n  route-sim sightings article.txt\n  route-sim sightings story.txt --published 2018-10-25 --format toml >> my-caravan.toml\n  route-sim sightings *.txt --format csv > sightings.csv\n\nThe article's date comes from --published, else a `date:` line or a full date in the first lines.\nRelative days (\"on Sunday\", \"el miércoles por la noche\", \"yesterday\") are resolved against it;\nsentences that name no day (\"this week\") give no sighting."
    )]
    Sightings(SightingsArgs),
    /// Draft a caravan file from articles: their sightings, the route through the sighted towns, all marked assumed.
    #[command(
        after_help = "Examples:\n  route-sim draft a.txt b.txt --id tapachula-sep2021\n  route-sim draft story.txt --id oct2018 --published 2018-10-25 --out oct2018.toml\n  route-sim --scenario oct2018.toml\n\nWarnings (two towns far apart on one day, a group moving backwards) go to stderr and the file's top."
    )]
    Draft(DraftArgs),
}

/// Output format of `sightings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SightingsFormat {
    Table,
    Toml,
    Csv,
    Geojson,
}

#[derive(Debug, Args)]
pub struct SightingsArgs {
    /// Article text files (UTF-8; other text is read as Windows-1252).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// The articles' publication date (YYYY-MM-DD), used instead of any date in the files.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    #[arg(long, value_enum, default_value_t = SightingsFormat::Table)]
    pub format: SightingsFormat,
    /// Refuse files larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    pub max_file_mb: u64,
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// Article text files (UTF-8; other text is read as Windows-1252).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// The caravan id of the draft (used for its output folder), e.g. tapachula-sep2021.
    #[arg(long, value_name = "ID")]
    pub id: String,
    /// The articles' publication date (YYYY-MM-DD), used instead of any date in the files.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Write the caravan file here instead of to stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Refuse files larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    pub max_file_mb: u64,
}

/// Output format of `geocode` and `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Geojson,
}

#[derive(Debug, Args)]
pub struct GeocodeArgs {
    /// Town names, e.g. "Tecun Uman" or "Escuintla, Guatemala" (text after a comma is a country or state hint).
    #[arg(value_name = "NAME", required = true)]
    pub names: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article text files (UTF-8; other text is read as Windows-1252).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also write the named places as a GeoJSON FeatureCollection to this file.
    #[arg(long, value_name = "FILE")]
    pub geojson: Option<PathBuf>,
    /// Refuse files larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    pub max_file_mb: u64,
}

#[derive(Debug, Args)]
pub struct ListArgs {}

const RECORD_EXAMPLES: &str = "\
Examples:
  route-sim record                                      # a table of every sighting
  route-sim record --caravan honduras-oct2018           # one caravan
  route-sim record --format csv > record.csv            # for a spreadsheet or pandas
  route-sim record --format geojson > record.geojson    # for QGIS, kepler.gl, geojson.io
  route-sim record --caravan honduras-oct2018 --caravan tapachula-sep2021 --format csv

One row per sighting: caravan, date (the day the group was there), place (name, state,
country, lon, lat), kind (night_stop, departure, passing, arrival, dispersal, count),
headcount and how to read it, group (empty: the main body), road km along the caravan's
route and km off it, the source (outlet, title, date, URL, or the seed record) and a note.
An unknown caravan id exits with code 2.";

/// Output format of `record`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordFormat {
    Table,
    Csv,
    Geojson,
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// Only this bundled caravan (repeat for several); default: every bundled caravan.
    #[arg(long = "caravan", value_name = "ID")]
    pub caravans: Vec<String>,
    #[arg(long, value_enum, default_value_t = RecordFormat::Table)]
    pub format: RecordFormat,
}

#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// A bundled caravan id (see `route-sim list`).
    #[arg(
        long,
        value_name = "ID",
        group = "source",
        required_unless_present = "scenario"
    )]
    pub caravan: Option<String>,
    /// Your own caravan file (TOML).
    #[arg(long, value_name = "FILE", group = "source")]
    pub scenario: Option<PathBuf>,
    /// Forecast as of this date (YYYY-MM-DD): reports dated later are not read.
    #[arg(long, value_name = "DATE")]
    pub as_of: String,
    /// Days ahead.
    #[arg(long, value_name = "N", default_value_t = 14)]
    pub days: u32,
    /// Particles (simulated histories) in the filter.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub particles: usize,
    /// Seed of the random generator: the same seed gives byte-identical outputs.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub rng_seed: u64,
    /// Output directory (default out/<caravan id>-forecast-<date>).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// A model file written by `route-sim fit --out FILE`, instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct BacktestArgs {
    /// Caravans to backtest (default: every bundled caravan); repeat for several.
    #[arg(long, value_name = "ID")]
    pub caravan: Vec<String>,
    /// Particles per forecast.
    #[arg(long, value_name = "N", default_value_t = 2_000)]
    pub particles: usize,
    /// Seed of the random generator.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub rng_seed: u64,
    /// Output directory.
    #[arg(long, value_name = "DIR", default_value = "out/backtest")]
    pub out: PathBuf,
    /// Refit the leave-one-out parameters instead of reading data/model/behaviour.toml.
    #[arg(long, conflicts_with = "model")]
    pub refit: bool,
    /// A model file written by `route-sim fit --out FILE`, instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct FitArgs {
    /// Where to write the model file.
    #[arg(long, value_name = "FILE", default_value = "data/model/behaviour.toml")]
    pub out: PathBuf,
    /// Particles per caravan in the likelihood.
    #[arg(long, value_name = "N", default_value_t = 2_000)]
    pub particles: usize,
    /// Seed of the common random numbers.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub rng_seed: u64,
}

/// The main job: simulate one caravan and write every output.
#[derive(Debug, Args)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "command-line switches are independent on/off flags"
)]
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
    /// Fit the walking pace and ride speeds to the sightings, report in-sample and
    /// leave-one-out errors, write <id>.calibrated.toml, and simulate with the fitted values.
    #[arg(long)]
    pub calibrate: bool,
    /// Which files to write, comma-separated: route, waypoints, positions, tracks, trips,
    /// sightings, daily, validation, progress, groups, map, html, animation, or file names
    /// such as `map.png` (default: all but the animation). Unlisted outputs are not rendered
    /// at all; run.json is always written.
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub outputs: Option<Vec<String>>,
    /// Also run an ensemble of N runs (seeds derived from --rng-seed and the run index):
    /// writes ensemble.csv with P10/P50/P90 and draws the P10–P90 band on progress.png.
    /// Each run moves the file's rests, waits and rides by up to a day, stretches rests and
    /// waits by up to a day, and varies ride speeds by the behaviour model's fitted spread.
    /// At most 1,000,000.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: Option<u64>,
    /// With --runs: replay the file's events exactly in every run (only the walking pace varies).
    #[arg(long, requires = "runs")]
    pub fixed_events: bool,
    /// Also write animation.gif (one frame per simulated day; about a second for the
    /// Honduran caravan, so it is not written by default).
    #[arg(long)]
    pub animation: bool,
    /// Print only the file list, not the day-by-day summary (and no progress bar).
    #[arg(long, short)]
    pub quiet: bool,
}
