//! Stage 6: a finished run written as files: GeoJSON, CSV, PNG, HTML and `run.json`.
//!
//! Every file is streamed to a temporary name in a locked folder as it is rendered, and only
//! renamed into place when the whole set is ready (see [`OutputFolder`]), so an error never
//! leaves a half-written or mixed folder behind.

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
pub use folder::{LOCK, MANIFEST, OutputFolder, RunInfo, StagedFile, sha256_hex};
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
    #[error("cannot render {file}: {source}")]
    /// A chart or map could not be drawn.
    Render {
        /// The output's file name.
        file: &'static str,
        /// What went wrong, typed.
        source: RenderError,
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

/// Which step of drawing a picture failed, for programs that handle it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RenderKind {
    /// The drawing library refused an operation (plotters).
    Draw,
    /// The PNG or GIF encoder failed.
    Encode,
    /// The picture is larger than its format can hold (a GIF side above 65,535 px).
    TooLarge,
    /// An animation with no frame to encode.
    NoFrames,
}

/// Why a picture could not be drawn: what failed, and the drawing or encoding library's
/// own message (its error borrows the canvas, so only its text can outlive it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{detail}")]
pub struct RenderError {
    /// Which step failed.
    pub kind: RenderKind,
    /// The library's message.
    pub detail: String,
}

impl RenderError {
    /// A failure of `kind` with the library's message.
    pub(crate) fn new(kind: RenderKind, detail: impl std::fmt::Display) -> Self {
        Self {
            kind,
            detail: detail.to_string(),
        }
    }
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

/// Whether an output has anything to write for this run (validation.csv needs a
/// validation, ensemble.csv an ensemble).
fn applies(ctx: &RunContext, o: Output) -> bool {
    match o {
        Output::Validation => ctx.validation.is_some(),
        Output::Ensemble => ctx.ensemble.is_some(),
        _ => true,
    }
}

/// The rows every output that shows positions shares, with their per-group index (built
/// only if a selected output needs them).
fn position_rows(ctx: &RunContext, selected: &[Output]) -> PositionRows {
    let needs_rows = selected.iter().any(|o| {
        matches!(
            o,
            Output::Positions
                | Output::Tracks
                | Output::Trips
                | Output::Daily
                | Output::Progress
                | Output::Map
                | Output::Html
                | Output::Animation
        )
    });
    if needs_rows {
        PositionRows::new(ctx.run, ctx.route, ctx.gazetteer)
    } else {
        PositionRows::default()
    }
}

/// An image output drawn in memory (a failed drawing writes nothing); `None` for text outputs.
fn render_image(
    ctx: &RunContext,
    rows: &PositionRows,
    o: Output,
) -> Option<Result<Vec<u8>, OutputError>> {
    let drawn = match o {
        Output::Progress => charts::progress_png(ctx, rows),
        Output::Groups => charts::groups_png(ctx),
        Output::Map => map_png::map_png(ctx, rows),
        Output::Animation => animation::animation_gif(ctx, rows),
        _ => return None,
    };
    Some(drawn.map_err(|source| OutputError::Render {
        file: o.file_name(),
        source,
    }))
}

/// A text output streamed to `w` (image outputs go through [`render_image`]).
fn write_text(
    ctx: &RunContext,
    rows: &PositionRows,
    o: Output,
    w: &mut impl std::io::Write,
) -> std::io::Result<()> {
    match o {
        Output::Route => w.write_all(&geojson::route(ctx)),
        Output::Waypoints => w.write_all(&geojson::waypoints(ctx)),
        Output::Positions => geojson::positions(ctx, rows, w),
        Output::Tracks => geojson::tracks(ctx, rows, w),
        Output::Trips => geojson::trips(ctx, rows, w),
        Output::Sightings => w.write_all(&geojson::sightings(ctx)),
        Output::Daily => table::daily_csv(ctx, rows, w),
        Output::Validation => match ctx.validation {
            Some(v) => w.write_all(&validation::validation_csv(ctx, v)),
            None => Ok(()),
        },
        Output::Html => map_html::map_html(ctx, rows, w),
        Output::Ensemble => match ctx.ensemble {
            Some(e) => w.write_all(&ensemble::ensemble_csv(e)),
            None => Ok(()),
        },
        Output::Progress | Output::Groups | Output::Map | Output::Animation => Ok(()),
    }
}

/// Render the selected outputs and stage each in `folder` as it is made, in `Output` order:
/// text outputs stream straight into their temporary files, so no output is held whole in
/// memory. [`OutputFolder::finish`] then writes `run.json` and puts the set in place.
pub fn stage(
    ctx: &RunContext,
    selected: &[Output],
    folder: &mut OutputFolder,
) -> Result<(), OutputError> {
    let rows = position_rows(ctx, selected);
    for &o in Output::ALL.iter().filter(|o| selected.contains(o)) {
        if !applies(ctx, o) {
            continue;
        }
        match render_image(ctx, &rows, o) {
            Some(image) => folder.stage(o.file_name(), &image?)?,
            None => folder.stage_with(o.file_name(), |w| write_text(ctx, &rows, o, w))?,
        }
    }
    Ok(())
}

/// Render the selected outputs into memory, in `Output` order.
pub fn render(
    ctx: &RunContext,
    selected: &[Output],
) -> Result<Vec<(Output, Vec<u8>)>, OutputError> {
    let rows = position_rows(ctx, selected);
    let mut files = Vec::new();
    for &o in Output::ALL.iter().filter(|o| selected.contains(o)) {
        if !applies(ctx, o) {
            continue;
        }
        let bytes = match render_image(ctx, &rows, o) {
            Some(image) => image?,
            None => {
                let mut bytes = Vec::new();
                write_text(ctx, &rows, o, &mut bytes).expect("write to memory");
                bytes
            }
        };
        files.push((o, bytes));
    }
    Ok(files)
}
