//! map.html in a real headless browser (Debian's chromium, driven by playwright-core).
//!
//! Runs `tests/browser/map_html.test.mjs` against this build's binary. Skipped with a note (a failure under CI=true)
//! where chromium or the test's npm packages are not installed; `.ci/run` installs both.

mod common;

use common::cannot_run;
use std::path::Path;
use std::process::Command;

#[test]
fn map_html_loads_without_errors_and_the_slider_moves_the_groups() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() || !dir.join("node_modules/playwright-core").is_dir() {
        cannot_run(&format!(
            "needs {chromium} and `npm ci` in tests/browser (run .ci/browser-test)"
        ));
        return;
    }
    let out = Command::new("node")
        .arg("map_html.test.mjs")
        .current_dir(&dir)
        .env("ROUTE_SIM_BIN", env!("CARGO_BIN_EXE_route-sim"))
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "browser test failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
