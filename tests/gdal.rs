//! Every GeoJSON output opens in GDAL (`ogrinfo`) without a warning or an error, which is
//! what QGIS will see. Skipped with a note (a failure under CI=true) where GDAL is not installed (apt: gdal-bin).

mod common;

use common::*;
use std::process::Command;

fn ogrinfo_available() -> bool {
    Command::new("ogrinfo")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn ogrinfo_reads_every_geojson_output_cleanly() {
    if !ogrinfo_available() {
        cannot_run("ogrinfo not found (install the Debian package gdal-bin; .ci/run does)");
        return;
    }
    let dir = temp_dir();
    run_ok(
        &[
            "--scenario",
            fixture("chiapas-split.toml").to_str().unwrap(),
            "--quiet",
        ],
        dir.path(),
    );
    let bundled = honduras_run();
    for out in [dir.path(), bundled] {
        for name in GEOJSON_FILES {
            let path = out.join(name);
            let output = Command::new("ogrinfo")
                .args(["-al", "-so"])
                .arg(&path)
                .output()
                .expect("run ogrinfo");
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                output.status.success(),
                "ogrinfo failed on {}: {all}",
                path.display()
            );
            assert!(
                !all.contains("Warning") && !all.contains("ERROR"),
                "ogrinfo complains about {}:\n{all}",
                path.display()
            );
            assert!(
                all.contains("Feature Count"),
                "ogrinfo found no layer in {}:\n{all}",
                path.display()
            );
        }
    }
}
