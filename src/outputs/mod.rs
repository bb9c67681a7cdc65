//! Stage 6: a finished run written as files: GeoJSON, CSV, PNG, HTML and `run.json`.
//!
//! Every file is rendered in memory first and only then written into a locked folder as one
//! set (see [`OutputFolder`]), so an error never leaves a half-written or mixed folder behind.

mod animation;
mod calibration;
mod charts;
mod ensemble;
mod folder;
mod font;
mod forecast;
mod geojson;
mod map_html;
mod map_layers;
mod map_png;
mod png;
mod raster;
mod record;
mod rows;
mod table;
mod validation;

pub use calibration::calibration_csv;
pub use folder::{LOCK, MANIFEST, OutputFolder, RunInfo, sha256_hex};
pub use forecast::{
    arrivals_csv, backtest_csv, backtest_png, backtest_summary_csv, forecast_csv, forecast_geojson,
    forecast_p50_geojson, forecast_png,
};
pub use map_html::forecast_map_html;
pub use record::{
    RECORD_COLUMNS, RecordRow, record_csv, record_geojson, record_rows, record_table,
};
pub use rows::{PositionRow, PositionRows, near_and_country, round_km, round6};

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

/// Files route-sim writes into an output folder besides [`Output`]s (`--calibrate`,
/// `forecast`, `backtest`): names a previous run's manifest may list for removal.
pub const EXTRA_OUTPUT_NAMES: [&str; 9] = [
    "calibration.csv",
    "forecast.csv",
    "forecast.geojson",
    "forecast-p50.geojson",
    "forecast.png",
    "arrivals.csv",
    "backtest.csv",
    "backtest-summary.csv",
    "backtest.png",
];

/// A unique temporary name in the output folder (`.route-sim-XXXXXX.tmp`), created
/// read-write for everyone less the umask as `std::fs::write` would (tempfile's default,
/// owner only, would hide outputs from other users).
fn temp_file_builder() -> tempfile::Builder<'static, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(".route-sim-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b
}

/// Write one file (e.g. `extract --geojson FILE`) through a unique temporary name in its
/// folder and a rename, so it is never half-written and two writers never share a name.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    use std::io::Write;
    let io = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = temp_file_builder().tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Everything an output may show.
pub struct RunContext<'a> {
    /// The caravan simulated.
    pub scenario: &'a Scenario,
    /// Its route, measured in road km.
    pub route: &'a Route,
    /// The simulated run: every group's record of every day.
    pub run: &'a Run,
    /// For nearest towns and country names.
    pub gazetteer: &'a Gazetteer,
    /// The run checked against the sightings, when there are any.
    pub validation: Option<&'a Validation>,
    /// Seed of the run shown (`--rng-seed`).
    pub rng_seed: u64,
    /// Quantiles of an ensemble (`--runs N`), if one was run: ensemble.csv and the band on progress.png.
    pub ensemble: Option<&'a EnsembleSummary>,
}

/// One output file; the file names are a contract documented in README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Output {
    /// route.geojson: the route as one LineString along the roads.
    Route,
    /// waypoints.geojson: the named towns of the route as Points.
    Waypoints,
    /// positions.geojson: one Point per group per day.
    Positions,
    /// tracks.geojson: one LineString per group along the route.
    Tracks,
    /// trips.geojson: kepler.gl's Trip layer, timestamped LineStrings.
    Trips,
    /// sightings.geojson: each reported sighting as a Point.
    Sightings,
    /// daily.csv: the rows of positions.geojson as a table.
    Daily,
    /// validation.csv: each sighting against the run.
    Validation,
    /// progress.png: road km against date, one line per group, with the sightings.
    Progress,
    /// groups.png: people per group over time, with reported counts.
    Groups,
    /// map.png: the route, tracks, positions and sightings over country borders.
    Map,
    /// map.html: the map as one interactive offline page with a day slider.
    Html,
    /// animation.gif: the map, one frame per simulated day.
    Animation,
    /// ensemble.csv: P10/P50/P90 arrival dates and daily km (with `--runs`).
    Ensemble,
}

impl Output {
    /// Written unless `--outputs` names others: all but the animation, which takes about
    /// a second where the rest take a fifth (ask for it with `--animation`).
    pub fn defaults() -> Vec<Output> {
        Output::ALL
            .into_iter()
            .filter(|o| *o != Output::Animation)
            .collect()
    }

    /// Every output, in the order they are written and listed.
    pub const ALL: [Output; 14] = [
        Output::Route,
        Output::Waypoints,
        Output::Positions,
        Output::Tracks,
        Output::Trips,
        Output::Sightings,
        Output::Daily,
        Output::Validation,
        Output::Progress,
        Output::Groups,
        Output::Map,
        Output::Html,
        Output::Animation,
        Output::Ensemble,
    ];

    /// The file name in the output folder (`route.geojson`).
    pub fn file_name(self) -> &'static str {
        match self {
            Output::Route => "route.geojson",
            Output::Waypoints => "waypoints.geojson",
            Output::Positions => "positions.geojson",
            Output::Tracks => "tracks.geojson",
            Output::Trips => "trips.geojson",
            Output::Sightings => "sightings.geojson",
            Output::Daily => "daily.csv",
            Output::Validation => "validation.csv",
            Output::Progress => "progress.png",
            Output::Groups => "groups.png",
            Output::Map => "map.png",
            Output::Html => "map.html",
            Output::Animation => "animation.gif",
            Output::Ensemble => "ensemble.csv",
        }
    }

    /// The short name `--outputs` takes: the file name without extension, `html` for map.html.
    pub fn name(self) -> &'static str {
        match self {
            Output::Html => "html",
            o => o.file_name().split('.').next().unwrap_or_default(),
        }
    }

    /// Parse a name as given to `--outputs`: the file name, or the short name of [`Output::name`].
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
    /// The output path exists and is not a directory.
    #[error("output path {0} exists and is not a directory; choose another output folder")]
    NotADirectory(PathBuf),
    #[error(
        "output folder {0} is in use by another route-sim run; wait for it to finish or choose another output folder"
    )]
    /// Another run holds the output folder's lock.
    Busy(PathBuf),
    #[error(
        "{0} is a directory where an output file must go; move it away or choose another output folder"
    )]
    /// A directory stands where an output file must go.
    NotAFile(PathBuf),
    #[error("cannot render {file}: {message}")]
    /// A chart or map could not be drawn.
    Render {
        /// The output's file name.
        file: &'static str,
        /// What went wrong.
        message: String,
    },
    /// Writing a file failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file (or folder) being written.
        path: PathBuf,
        /// The operating system's error.
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
            Output::Positions
                | Output::Tracks
                | Output::Trips
                | Output::Daily
                | Output::Map
                | Output::Html
                | Output::Animation
        )
    });
    // Built once and shared by every output that shows positions, with its per-group index.
    let rows = if needs_rows {
        PositionRows::new(ctx.run, ctx.route, ctx.gazetteer)
    } else {
        PositionRows::default()
    };
    let mut files = Vec::new();
    for &o in Output::ALL.iter().filter(|o| selected.contains(o)) {
        let bytes = match o {
            Output::Route => geojson::route(ctx),
            Output::Waypoints => geojson::waypoints(ctx),
            Output::Positions => geojson::positions(ctx, &rows),
            Output::Tracks => geojson::tracks(ctx, &rows),
            Output::Trips => geojson::trips(ctx, &rows),
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
            Output::Animation => {
                animation::animation_gif(ctx, &rows).map_err(|message| OutputError::Render {
                    file: o.file_name(),
                    message,
                })?
            }
            Output::Ensemble => match ctx.ensemble {
                Some(e) => ensemble::ensemble_csv(e),
                None => continue,
            },
        };
        files.push((o, bytes));
    }
    Ok(files)
}
