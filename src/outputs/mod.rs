//! Stage 6: a finished run written as files: GeoJSON, CSV and PNG.
//!
//! Every file is rendered in memory first and only then written, each through a temporary
//! name and a rename, so an error never leaves a half-written output behind.

mod calibration;
mod charts;
mod ensemble;
mod font;
mod forecast;
mod geojson;
mod map_html;
mod map_layers;
mod map_png;
mod png;
mod record;
mod rows;
mod table;
mod validation;

pub use calibration::calibration_csv;
pub use forecast::{
    arrivals_csv, backtest_csv, backtest_png, backtest_summary_csv, forecast_csv, forecast_geojson,
    forecast_p50_geojson, forecast_png,
};
pub use record::{
    RECORD_COLUMNS, RecordRow, record_csv, record_geojson, record_rows, record_table,
};
pub use rows::{PositionRow, near_and_country, position_rows, round6};

use crate::ensemble::EnsembleSummary;
use crate::gazetteer::Gazetteer;
use crate::route::Route;
use crate::scenario::Scenario;
use crate::simulate::Run;
use crate::validate::Validation;
use std::path::{Path, PathBuf};

/// Towns as a GeoJSON FeatureCollection of Points (used by `geocode` and `extract`).
pub fn towns_geojson(towns: &[(&crate::gazetteer::Town, serde_json::Value)]) -> Vec<u8> {
    geojson::towns(towns)
}

/// Write one file through a temporary name and a rename, so it is never half-written.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.partial"));
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|source| {
            let _ = std::fs::remove_file(&tmp);
            OutputError::Io {
                path: path.to_path_buf(),
                source,
            }
        })
}

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
    Map,
    Html,
    Ensemble,
}

impl Output {
    pub const ALL: [Output; 11] = [
        Output::Route,
        Output::Positions,
        Output::Tracks,
        Output::Sightings,
        Output::Daily,
        Output::Validation,
        Output::Progress,
        Output::Groups,
        Output::Map,
        Output::Html,
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
            Output::Map => "map.png",
            Output::Html => "map.html",
            Output::Ensemble => "ensemble.csv",
        }
    }

    /// Parse a name as given to `--outputs`: the file name, with or without extension.
    /// The short name `--outputs` takes: the file name without extension, `html` for map.html.
    pub fn name(self) -> &'static str {
        match self {
            Output::Html => "html",
            o => o.file_name().split('.').next().unwrap_or_default(),
        }
    }

    pub fn parse(name: &str) -> Option<Output> {
        let n = name.trim().to_ascii_lowercase();
        Output::ALL
            .into_iter()
            .find(|o| o.file_name() == n || o.name() == n)
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
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Refuse an output path that is, or lies under, an existing non-directory, before any work is done.
pub fn check_out_dir(dir: &Path) -> Result<(), OutputError> {
    // The nearest existing ancestor decides: `--out notes.txt/run1` can never be created.
    if let Some(existing) = dir.ancestors().find(|a| a.exists())
        && !existing.is_dir()
    {
        return Err(OutputError::NotADirectory(existing.to_path_buf()));
    }
    Ok(())
}

/// Render the selected outputs into memory, in `Output` order.
pub fn render(
    ctx: &RunContext,
    selected: &[Output],
) -> Result<Vec<(Output, Vec<u8>)>, OutputError> {
    let needs_rows = selected.iter().any(|o| {
        matches!(
            o,
            Output::Positions | Output::Tracks | Output::Daily | Output::Map | Output::Html
        )
    });
    let rows = if needs_rows {
        position_rows(ctx.run, ctx.route, ctx.gazetteer)
    } else {
        Vec::new()
    };
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
            Output::Progress => {
                charts::progress_png(ctx).map_err(|message| OutputError::Render {
                    file: o.file_name(),
                    message,
                })?
            }
            Output::Groups => charts::groups_png(ctx).map_err(|message| OutputError::Render {
                file: o.file_name(),
                message,
            })?,
            Output::Map => map_png::map_png(ctx, &rows).map_err(|message| OutputError::Render {
                file: o.file_name(),
                message,
            })?,
            Output::Html => map_html::map_html(ctx, &rows),
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
    let named: Vec<(String, &[u8])> = files
        .iter()
        .map(|(o, b)| (o.file_name().to_string(), b.as_slice()))
        .collect();
    write_named(dir, &named)
}

/// Write files by name into `dir`, each via a temporary name and a rename.
pub fn write_named(dir: &Path, files: &[(String, &[u8])]) -> Result<Vec<PathBuf>, OutputError> {
    check_out_dir(dir)?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| OutputError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        write_file(&path, bytes)?;
        written.push(path);
    }
    Ok(written)
}
