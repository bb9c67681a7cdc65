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
use route_sim::extract::draft::DraftError;
use route_sim::forecast::ForecastError;
use route_sim::gazetteer::LookupError;
use route_sim::model::store::StoreError;
use route_sim::outputs::OutputError;
use route_sim::route::RouteError;
use route_sim::scenario::{Problem, ProblemKind, ScenarioError, WriteBackError};
use std::path::PathBuf;
use std::process::ExitCode;

pub use args::{Cli, Command};

/// A command's failure: a typed value (the library's own error where there is one), its
/// exit code, and one `Display` that is the only place a failure becomes text.
#[derive(Debug)]
pub enum Failure {
    /// Command-line arguments refused, every one: each a problem whose field is the flag
    /// (`--published`) and whose kind says what is wrong; exit 2.
    Usage(Vec<Problem>),
    /// A caravan that cannot be simulated, with every problem (typed, rendered by the
    /// library's `Display`): exit 2.
    Scenario(ScenarioError),
    /// Names the gazetteer does not resolve to one town (`geocode`), every one: exit 2.
    Lookup(Vec<LookupError>),
    /// Article files that cannot be read, every one: exit 2.
    Articles(Vec<ArticleError>),
    /// No caravan file can be drafted from the articles: exit 2.
    Draft(DraftError),
    /// A model file given with `--model` that cannot be read: exit 2.
    ModelUnreadable {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A model file given with `--model` that is not a valid model: exit 2.
    ModelInvalid {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: StoreError,
    },
    /// A forecast the caravan cannot have (an as-of date outside its span): exit 2.
    Forecast {
        /// The caravan's file (or `bundled:<id>`).
        source_name: String,
        /// Why.
        source: ForecastError,
    },
    /// The output folder or a file in it: exit 2 for a path that cannot be an output folder
    /// or a folder in use, 1 for a failed write or drawing.
    Output(OutputError),
    /// Fitted values that cannot be written into the caravan file's text: exit 1.
    WriteBack {
        /// The caravan's file (or `bundled:<id>`).
        source_name: String,
        /// Why.
        source: WriteBackError,
    },
    /// Standard output could not be written (`what` was being printed): exit 1.
    Stdout {
        /// What was being printed, e.g. "the record".
        what: &'static str,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// Data bundled in the binary that does not load: a bug of the build, exit 1.
    Bundled(Bundled),
}

/// Bundled data that does not load (a bug of the build, not of the user's input).
#[derive(Debug)]
pub enum Bundled {
    /// The behaviour model, `data/model/behaviour.toml`.
    Model(StoreError),
    /// Bundled caravan files, every problem of each.
    Caravans(Vec<ScenarioError>),
    /// A bundled caravan's route.
    Route(RouteError),
}

/// An article file that cannot be read, and why.
#[derive(Debug)]
pub struct ArticleError {
    /// The file as given.
    pub path: PathBuf,
    /// What is wrong.
    pub kind: ArticleErrorKind,
}

/// Why an article file cannot be read.
#[derive(Debug)]
pub enum ArticleErrorKind {
    /// It cannot be opened.
    Open(std::io::Error),
    /// It is a directory.
    Directory,
    /// It is larger than `--max-file-mb` (its size and the limit, MB).
    TooLarge {
        /// The file's size, whole MB.
        size_mb: u64,
        /// The limit, MB.
        limit_mb: u64,
    },
    /// Reading it failed part-way (binary, over the limit, an I/O error).
    Read(route_sim::extract::ReadError),
}

impl Failure {
    /// A refused command-line argument: `flag` names it, `kind` says what is wrong.
    fn usage(flag: &str, kind: ProblemKind, message: impl Into<String>) -> Self {
        Failure::Usage(vec![Problem::new(flag, kind, message)])
    }

    fn code(&self) -> u8 {
        match self {
            Failure::Usage(_)
            | Failure::Scenario(_)
            | Failure::Lookup(_)
            | Failure::Articles(_)
            | Failure::Draft(_)
            | Failure::ModelUnreadable { .. }
            | Failure::ModelInvalid { .. }
            | Failure::Forecast { .. }
            | Failure::Output(
                OutputError::NotADirectory(_) | OutputError::NotAFile(_) | OutputError::Busy(_),
            ) => 2,
            Failure::Output(_)
            | Failure::WriteBack { .. }
            | Failure::Stdout { .. }
            | Failure::Bundled(_) => 1,
        }
    }
}

/// The one place a failure becomes text (each library error keeps its own words).
impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        /// Items one per line, each after the first behind `sep`.
        fn joined<T: std::fmt::Display>(
            f: &mut std::fmt::Formatter<'_>,
            items: &[T],
            sep: &str,
        ) -> std::fmt::Result {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                write!(f, "{item}")?;
            }
            Ok(())
        }
        match self {
            Failure::Usage(problems) => {
                // `--flag: what is wrong`, or only what is wrong when no one flag is at fault.
                let lines: Vec<String> = problems
                    .iter()
                    .map(|p| {
                        if p.field.is_empty() {
                            p.message.clone()
                        } else {
                            route_sim::scenario::Located("the command line", p).to_string()
                        }
                    })
                    .collect();
                joined(f, &lines, "\nerror: ")
            }
            Failure::Scenario(e) => e.fmt(f),
            Failure::Lookup(errors) => joined(f, errors, "\nerror: "),
            Failure::Articles(errors) => joined(f, errors, "\n"),
            Failure::Draft(e) => e.fmt(f),
            Failure::ModelUnreadable { path, source } => {
                write!(f, "--model {}: {source}", path.display())
            }
            Failure::ModelInvalid { path, source } => write!(f, "{}: {source}", path.display()),
            Failure::Forecast {
                source_name,
                source,
            } => write!(f, "{source_name}: {source}"),
            Failure::WriteBack {
                source_name,
                source,
            } => write!(f, "{source_name}: {source}"),
            Failure::Output(
                e @ (OutputError::NotADirectory(_)
                | OutputError::NotAFile(_)
                | OutputError::Busy(_)),
            ) => write!(f, "{e} (--out DIR)"),
            Failure::Output(e) => e.fmt(f),
            Failure::Stdout { what, source } => write!(f, "cannot write {what}: {source}"),
            Failure::Bundled(Bundled::Model(e)) => e.fmt(f),
            Failure::Bundled(Bundled::Caravans(errors)) => joined(f, errors, "\n"),
            Failure::Bundled(Bundled::Route(e)) => e.fmt(f),
        }
    }
}

impl std::fmt::Display for ArticleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display();
        match &self.kind {
            ArticleErrorKind::Open(e) => write!(f, "cannot read {path}: {e}"),
            ArticleErrorKind::Directory => write!(f, "{path}: is a directory, not an article"),
            ArticleErrorKind::TooLarge { size_mb, limit_mb } => write!(
                f,
                "{path}: {size_mb} MB is larger than the limit of {limit_mb} MB per file; split it, or raise the limit with --max-file-mb"
            ),
            ArticleErrorKind::Read(e @ route_sim::extract::ReadError::TooLarge { .. }) => {
                write!(f, "{path}: {e} (--max-file-mb)")
            }
            ArticleErrorKind::Read(e) => write!(f, "{path}: {e}"),
        }
    }
}

impl From<ScenarioError> for Failure {
    fn from(e: ScenarioError) -> Self {
        Failure::Scenario(e)
    }
}

impl From<OutputError> for Failure {
    fn from(e: OutputError) -> Self {
        Failure::Output(e)
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

/// Failures are matched on their types and kinds, not their words.
#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn run_args(flags: &[&str]) -> args::RunArgs {
        Cli::parse_from(std::iter::once("route-sim").chain(flags.iter().copied())).run
    }

    fn usage_kinds(f: &Failure) -> Vec<(&str, ProblemKind)> {
        match f {
            Failure::Usage(problems) => problems
                .iter()
                .map(|p| (p.field.as_str(), p.kind))
                .collect(),
            other => panic!("not a usage failure: {other:?}"),
        }
    }

    #[test]
    fn unknown_output_is_a_usage_failure_of_outputs_with_exit_2() {
        let e = run::run(&run_args(&[
            "--caravan",
            "honduras-oct2018",
            "--outputs",
            "bogus",
        ]))
        .unwrap_err();
        assert_eq!(usage_kinds(&e), [("--outputs", ProblemKind::UnknownName)]);
        assert_eq!(e.code(), 2);
    }

    #[test]
    fn ensemble_output_without_runs_is_inconsistent() {
        let e = run::run(&run_args(&[
            "--caravan",
            "honduras-oct2018",
            "--outputs",
            "ensemble",
        ]))
        .unwrap_err();
        assert_eq!(usage_kinds(&e), [("--outputs", ProblemKind::Inconsistent)]);
    }

    #[test]
    fn too_many_runs_is_out_of_range() {
        let e = run::run(&run_args(&[
            "--caravan",
            "honduras-oct2018",
            "--runs",
            "1000000000000",
        ]))
        .unwrap_err();
        assert_eq!(usage_kinds(&e), [("--runs", ProblemKind::OutOfRange)]);
        assert_eq!(e.code(), 2);
    }

    #[test]
    fn unknown_caravan_and_nothing_to_simulate_are_typed() {
        let e = run::run(&run_args(&["--caravan", "honduras-oct2019"])).unwrap_err();
        assert_eq!(usage_kinds(&e), [("--caravan", ProblemKind::UnknownName)]);
        let e = run::run(&run_args(&[])).unwrap_err();
        assert_eq!(usage_kinds(&e), [("", ProblemKind::MissingField)]);
        assert!(
            e.to_string().starts_with("nothing to simulate"),
            "no field is named when none is at fault: {e}"
        );
    }

    #[test]
    fn published_that_is_not_a_date_is_a_bad_date_of_the_flag() {
        let e = sightings::published(Some("yesterday")).unwrap_err();
        assert_eq!(usage_kinds(&e), [("--published", ProblemKind::BadDate)]);
    }

    #[test]
    fn unreadable_articles_are_each_typed() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.txt");
        let finder_g = route_sim::gazetteer::Gazetteer::bundled();
        let finder = route_sim::extract::PlaceFinder::new(&finder_g);
        let e = sightings::read_all(
            &finder,
            &[missing.clone(), dir.path().to_path_buf()],
            None,
            1,
        )
        .unwrap_err();
        let Failure::Articles(errors) = &e else {
            panic!("{e:?}")
        };
        assert!(matches!(errors[0].kind, ArticleErrorKind::Open(_)));
        assert_eq!(errors[0].path, missing);
        assert!(matches!(errors[1].kind, ArticleErrorKind::Directory));
        assert_eq!(e.code(), 2);
    }

    #[test]
    fn a_model_file_that_cannot_be_read_or_parsed_is_typed() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.toml");
        assert!(matches!(
            fit::load_model(Some(&missing)),
            Err(Failure::ModelUnreadable { .. })
        ));
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "all = 3").unwrap();
        let e = fit::load_model(Some(&bad)).unwrap_err();
        assert!(matches!(e, Failure::ModelInvalid { .. }), "{e:?}");
        assert_eq!(e.code(), 2);
    }

    #[test]
    fn output_folder_problems_exit_2_and_write_failures_exit_1() {
        let busy = Failure::from(OutputError::Busy(PathBuf::from("out")));
        assert_eq!(busy.code(), 2);
        let io = Failure::from(OutputError::Io {
            path: PathBuf::from("out/x"),
            source: std::io::Error::other("disk full"),
        });
        assert_eq!(io.code(), 1);
    }

    #[test]
    fn unknown_geocode_names_are_lookup_failures() {
        let e = geocode::geocode(&args::GeocodeArgs {
            names: vec!["Tapachul".into(), "Huixtlaa".into()],
            format: args::Format::Table,
        })
        .unwrap_err();
        let Failure::Lookup(errors) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(errors.len(), 2);
        assert!(
            errors
                .iter()
                .all(|l| matches!(l, LookupError::Unknown { .. }))
        );
    }
}
