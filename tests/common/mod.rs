//! Shared helpers for the integration tests: run the binary, read its outputs, check
//! GeoJSON structure and measure distances independently of the library's own geometry.

#![allow(dead_code)] // each test binary uses a different subset

use assert_cmd::Command;
use route_sim::gazetteer::Gazetteer;
use route_sim::route::Route;
use route_sim::scenario::{Scenario, parse_scenario};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

/// Every caravan we bundle stays within this box: Mexico, Central America, the US border.
pub const STUDY_LON_DEG: (f64, f64) = (-120.0, -85.0);
pub const STUDY_LAT_DEG: (f64, f64) = (12.0, 34.0);

/// The GeoJSON files of the output contract.
pub const GEOJSON_FILES: [&str; 6] = [
    "route.geojson",
    "waypoints.geojson",
    "positions.geojson",
    "tracks.geojson",
    "trips.geojson",
    "sightings.geojson",
];

/// Mean Earth radius (IUGG) in km; enough for the 1 km tolerances used here.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// True under `CI=true` (set by `.ci/run`): a test that cannot run must then fail, not pass.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A test cannot run because `what` is missing: a note locally, a failure under `CI=true`.
/// The caller returns right after.
pub fn cannot_run(what: &str) {
    assert!(!in_ci(), "CI=true and this test cannot run: {what}");
    eprintln!("skipped: {what} (under CI=true this is a failure)");
}

/// The bundled gazetteer, loaded once per test binary.
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::bundled)
}

/// A caravan file's text resolved into a scenario and its route; panics with every problem.
pub fn scenario_of(text: &str) -> (Scenario, Route) {
    let s = parse_scenario(text, "test.toml", gazetteer()).unwrap_or_else(|e| panic!("{e}"));
    let r = Route::of_scenario(&s).expect("a checked route");
    (s, r)
}

/// The binary under test.
pub fn route_sim() -> Command {
    Command::cargo_bin("route-sim")
        .expect("cargo builds the route-sim binary for integration tests")
}

/// A fresh temporary directory under cargo's target/tmp.
pub fn temp_dir() -> TempDir {
    tempfile::Builder::new()
        .prefix("route-sim-test-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("create temp dir")
}

/// Run the main job with `args` plus `--out dir`, assert exit 0 and no panic; returns stdout.
pub fn run_ok(args: &[&str], out_dir: &Path) -> String {
    let output = route_sim()
        .args(args)
        .arg("--out")
        .arg(out_dir)
        .output()
        .expect("run route-sim");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "route-sim {args:?} failed ({:?}): {stderr}",
        output.status
    );
    assert!(
        !stderr.contains("panicked"),
        "route-sim {args:?} panicked: {stderr}"
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

/// Run with `args`, expect exit 2 without a panic; returns stderr.
pub fn run_fails(args: &[&str]) -> String {
    let output = route_sim().args(args).output().expect("run route-sim");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "route-sim {args:?} panicked: {stderr}"
    );
    assert_eq!(
        output.status.code(),
        Some(2),
        "route-sim {args:?}: exit code; stderr: {stderr}"
    );
    stderr
}

/// One run of `--caravan honduras-oct2018 --rng-seed 1`, shared by the tests of one test binary.
///
/// The directory lives under target/tmp and is kept: a static is never dropped.
pub fn honduras_run() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = temp_dir();
        run_ok(
            &[
                "--caravan",
                "honduras-oct2018",
                "--rng-seed",
                "1",
                "--quiet",
            ],
            dir.path(),
        );
        dir
    })
    .path()
}

/// Path of a fixture under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

pub fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Read a GeoJSON FeatureCollection, check it against RFC 7946 and the study region, and
/// return its features.
pub fn read_feature_collection(path: &Path) -> Vec<Value> {
    let fc = read_json(path);
    let name = path.display().to_string();
    assert_eq!(fc["type"], "FeatureCollection", "{name}: top-level type");
    assert!(
        fc.get("crs").is_none(),
        "{name}: RFC 7946 forbids a `crs` member"
    );
    let features = fc["features"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: `features` is not an array"))
        .clone();
    for (i, f) in features.iter().enumerate() {
        let at = format!("{name}: feature {i}");
        assert_eq!(f["type"], "Feature", "{at}: type");
        assert!(f.get("crs").is_none(), "{at}: `crs` member");
        assert!(
            f["properties"].is_object(),
            "{at}: properties must be an object"
        );
        let geometry = &f["geometry"];
        let kind = geometry["type"]
            .as_str()
            .unwrap_or_else(|| panic!("{at}: geometry has no type"));
        assert!(
            [
                "Point",
                "MultiPoint",
                "LineString",
                "MultiLineString",
                "Polygon",
                "MultiPolygon"
            ]
            .contains(&kind),
            "{at}: geometry type {kind}"
        );
        let coords = positions(&geometry["coordinates"]);
        assert!(!coords.is_empty(), "{at}: no coordinates");
        for c in coords {
            check_position(&c, &at);
        }
    }
    features
}

/// Every position ([lon, lat]) inside a GeoJSON `coordinates` value, however deeply nested.
pub fn positions(coordinates: &Value) -> Vec<Vec<Value>> {
    match coordinates.as_array() {
        Some(items) if items.first().is_some_and(Value::is_number) => vec![items.clone()],
        Some(items) => items.iter().flat_map(positions).collect(),
        None => panic!("coordinates must be arrays, got {coordinates}"),
    }
}

/// A position: two numbers, longitude first, in range, in the study region, at most 6
/// decimals; or, in trips.geojson (kepler.gl's Trip layer), `[lon, lat, 0, unix_seconds]`.
fn check_position(c: &[Value], at: &str) {
    if c.len() == 4 {
        assert_eq!(
            c[2].as_f64(),
            Some(0.0),
            "{at}: trip position {c:?} has altitude 0"
        );
        let t = c[3].as_f64().expect("a trip time is a number");
        assert!(
            t.fract() == 0.0 && (1.0e9..4.1e9).contains(&t),
            "{at}: trip time {t} is whole Unix seconds between 2001 and 2100"
        );
    } else {
        assert_eq!(c.len(), 2, "{at}: position {c:?} must be [lon, lat]");
    }
    let c = &c[..2];
    for n in c {
        let text = n.to_string();
        assert!(
            !text.contains(['e', 'E']),
            "{at}: {text} written with an exponent"
        );
        let decimals = text.split_once('.').map_or(0, |(_, frac)| frac.len());
        assert!(
            decimals <= 6,
            "{at}: {text} has {decimals} decimals, at most 6 allowed"
        );
    }
    let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
    assert!(
        (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat),
        "{at}: [{lon}, {lat}] out of range"
    );
    assert!(
        (STUDY_LON_DEG.0..=STUDY_LON_DEG.1).contains(&lon)
            && (STUDY_LAT_DEG.0..=STUDY_LAT_DEG.1).contains(&lat),
        "{at}: [{lon}, {lat}] outside the study region (lon {STUDY_LON_DEG:?}, lat {STUDY_LAT_DEG:?}); swapped lon/lat?"
    );
}

/// A Point or LineString's coordinates as `[lon, lat]` pairs.
pub fn lon_lats(geometry: &Value) -> Vec<[f64; 2]> {
    positions(&geometry["coordinates"])
        .iter()
        .map(|c| [c[0].as_f64().unwrap(), c[1].as_f64().unwrap()])
        .collect()
}

/// The route LineString of a route.geojson.
pub fn route_line(out_dir: &Path) -> Vec<[f64; 2]> {
    let features = read_feature_collection(&out_dir.join("route.geojson"));
    let lines: Vec<&Value> = features
        .iter()
        .filter(|f| f["geometry"]["type"] == "LineString")
        .collect();
    assert_eq!(lines.len(), 1, "route.geojson has exactly one LineString");
    lon_lats(&lines[0]["geometry"])
}

/// Distance in km from `p` to the polyline `line` (both [lon, lat]).
///
/// Each segment is measured in a local equirectangular frame centred on `p`, i.e. straight
/// in lon/lat as map viewers draw it; accurate to well under 1 km at these latitudes.
pub fn distance_to_line_km(p: [f64; 2], line: &[[f64; 2]]) -> f64 {
    let km_per_deg = EARTH_RADIUS_KM.to_radians();
    let cos_lat = p[1].to_radians().cos();
    let local = |q: [f64; 2]| {
        (
            (q[0] - p[0]) * cos_lat * km_per_deg,
            (q[1] - p[1]) * km_per_deg,
        )
    };
    line.windows(2)
        .map(|seg| {
            let ((ax, ay), (bx, by)) = (local(seg[0]), local(seg[1]));
            let (dx, dy) = (bx - ax, by - ay);
            let len2 = dx * dx + dy * dy;
            let t = if len2 == 0.0 {
                0.0
            } else {
                (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
            };
            (ax + t * dx).hypot(ay + t * dy)
        })
        .fold(f64::INFINITY, f64::min)
}

/// All regular files of a directory, sorted by name.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("list {}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".route-sim.lock")
        .collect();
    names.sort();
    names
}
