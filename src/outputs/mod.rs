//! Stage 6: a finished run written as files: GeoJSON, CSV and PNG.
//!
//! Every file is rendered in memory first and only then written, each through a temporary
//! name and a rename, so an error never leaves a half-written output behind.

mod charts;
mod ensemble;
mod font;
mod geojson;
mod png;
mod rows;
mod table;
mod validation;

pub use rows::{position_rows, round6, PositionRow};

use crate::ensemble::EnsembleSummary;
use crate::gazetteer::Gazetteer;
use crate::route::Route;
use crate::scenario::Scenario;
use crate::simulate::Run;
use crate::validate::Validation;
use std::path::{Path, PathBuf};

/// Everything an output may show.
pub struct RunContext<'a> {
    pub scenario: &'a Scenario,
    pub route: &'a Route,
    pub run: &'a Run,
    pub gazetteer: &'a Gazetteer,
    pub validation: Option<&'a Validation>,
    pub rng_seed: u64,
    /// Quantiles of an ensemble (`--runs N`), if one was run: ensemble.csv and the band on progress.png.
    pub ensemble: Option<&'a EnsembleSummary>,
}

/// One output file; the file names are a contract documented in README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Output {
    Route,
    Positions,
    Tracks,
    Sightings,
    Daily,
    Validation,
    Progress,
    Groups,
    Ensemble,
}

impl Output {
    pub const ALL: [Output; 9] = [
        Output::Route,
        Output::Positions,
        Output::Tracks,
        Output::Sightings,
        Output::Daily,
        Output::Validation,
        Output::Progress,
        Output::Groups,
        Output::Ensemble,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            Output::Route => "route.geojson",
            Output::Positions => "positions.geojson",
            Output::Tracks => "tracks.geojson",
            Output::Sightings => "sightings.geojson",
            Output::Daily => "daily.csv",
            Output::Validation => "validation.csv",
            Output::Progress => "progress.png",
            Output::Groups => "groups.png",
            Output::Ensemble => "ensemble.csv",
        }
    }

    /// Parse a name as given to `--outputs`: the file name, with or without extension.
    pub fn parse(name: &str) -> Option<Output> {
        let n = name.trim().to_ascii_lowercase();
        Output::ALL.into_iter().find(|o| o.file_name() == n || o.file_name().split('.').next() == Some(n.as_str()))
    }
}

/// Why outputs could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("output path {0} exists and is not a directory; choose another --out DIR")]
    NotADirectory(PathBuf),
    #[error("cannot render {file}: {message}")]
    Render { file: &'static str, message: String },
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// Refuse an output path that is an existing non-directory, before any work is done.
pub fn check_out_dir(dir: &Path) -> Result<(), OutputError> {
    if dir.exists() && !dir.is_dir() {
        return Err(OutputError::NotADirectory(dir.to_path_buf()));
    }
    Ok(())
}

/// Render the selected outputs into memory, in `Output` order.
pub fn render(ctx: &RunContext, selected: &[Output]) -> Result<Vec<(Output, Vec<u8>)>, OutputError> {
    let needs_rows = selected.iter().any(|o| matches!(o, Output::Positions | Output::Tracks | Output::Daily));
    let rows = if needs_rows { position_rows(ctx.run, ctx.route, ctx.gazetteer) } else { Vec::new() };
    let mut files = Vec::new();
    for &o in Output::ALL.iter().filter(|o| selected.contains(o)) {
        let bytes = match o {
            Output::Route => geojson::route(ctx),
            Output::Positions => geojson::positions(ctx, &rows),
            Output::Tracks => geojson::tracks(ctx, &rows),
            Output::Sightings => geojson::sightings(ctx),
            Output::Daily => table::daily_csv(ctx, &rows),
            Output::Validation => match ctx.validation {
                Some(v) => validation::validation_csv(ctx, v),
                None => continue,
            },
            Output::Progress => charts::progress_png(ctx).map_err(|message| OutputError::Render { file: o.file_name(), message })?,
            Output::Groups => charts::groups_png(ctx).map_err(|message| OutputError::Render { file: o.file_name(), message })?,
            Output::Ensemble => match ctx.ensemble {
                Some(e) => ensemble::ensemble_csv(e),
                None => continue,
            },
        };
        files.push((o, bytes));
    }
    Ok(files)
}

/// Write rendered files into `dir` (created if needed); returns the paths written.
pub fn write(dir: &Path, files: &[(Output, Vec<u8>)]) -> Result<Vec<PathBuf>, OutputError> {
    check_out_dir(dir)?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| OutputError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut written = Vec::new();
    for (o, bytes) in files {
        let final_path = dir.join(o.file_name());
        let tmp = dir.join(format!(".{}.partial", o.file_name()));
        if let Err(e) = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, &final_path)) {
            let _ = std::fs::remove_file(&tmp);
            return Err(io(&final_path)(e));
        }
        written.push(final_path);
    }
    Ok(written)
}
