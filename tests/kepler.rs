//! trips.geojson read by kepler.gl's own code (npm `@kepler.gl/processors` and the Trip
//! layer's checks in `@kepler.gl/layers`), as kepler.gl does when the file is dropped on it.
//!
//! Runs `tests/kepler/trips.test.mjs` against this build's binary. Skipped with a note (a failure
//! under CI=true) where the npm packages are not installed (`npm ci` in tests/kepler; `.ci/run` does).

mod common;

use common::cannot_run;
use std::path::Path;
use std::process::Command;

#[test]
fn kepler_gl_takes_trips_geojson_for_its_trip_layer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kepler");
    if !dir.join("node_modules/@kepler.gl/processors").is_dir() {
        cannot_run("needs `npm ci` in tests/kepler (.ci/run does)");
        return;
    }
    let out = Command::new("node")
        .arg("trips.test.mjs")
        .current_dir(&dir)
        .env("ROUTE_SIM_BIN", env!("CARGO_BIN_EXE_route-sim"))
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "kepler.gl check failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
