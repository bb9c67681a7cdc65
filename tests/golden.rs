//! Golden outputs: every text output of one small caravan (tests/golden/caravan.toml) at a
//! fixed seed, with a small ensemble, compared byte for byte with the files under
//! tests/golden/out/. The ensemble runs with `--fixed-events`, so a refit of the behaviour
//! model (data/model/behaviour.toml) does not change these files. A change to any output fails here until the files are updated on
//! purpose:
//!
//!     UPDATE_GOLDEN=1 cargo test --release --test golden
//!
//! then review `git diff tests/golden/` and commit it with the change. Images (PNG, GIF)
//! are binary and not compared; their checksums are in run.json, which is.

mod common;

use common::*;
use std::path::{Path, PathBuf};

/// Extensions of the text outputs.
const TEXT: [&str; 5] = ["geojson", "csv", "json", "html", "toml"];

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// run.json names the binary it ran as; here that is a path inside target/.
fn normalise(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    if name != "run.json" {
        return bytes;
    }
    let mut json: serde_json::Value = serde_json::from_slice(&bytes).expect("run.json is JSON");
    json["command_line"][0] = "route-sim".into();
    let mut text = serde_json::to_string_pretty(&json).expect("JSON");
    text.push('\n');
    text.into_bytes()
}

#[test]
fn every_text_output_matches_the_golden_files() {
    let work = temp_dir();
    std::fs::copy(
        golden_dir().join("caravan.toml"),
        work.path().join("caravan.toml"),
    )
    .unwrap();
    // Relative paths, so the command line in run.json is the same wherever this runs.
    let output = route_sim()
        .current_dir(work.path())
        .args([
            "--scenario",
            "caravan.toml",
            "--rng-seed",
            "7",
            "--runs",
            "40",
            "--fixed-events",
            "--out",
            "out",
            "-q",
        ])
        .output()
        .expect("run route-sim");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out = work.path().join("out");
    let expected_dir = golden_dir().join("out");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    if update {
        let _ = std::fs::remove_dir_all(&expected_dir);
        std::fs::create_dir_all(&expected_dir).unwrap();
    }
    let mut written: Vec<String> = files_in(&out)
        .into_iter()
        .filter(|n| TEXT.iter().any(|x| n.ends_with(&format!(".{x}"))))
        .collect();
    written.sort();
    assert!(written.len() >= 10, "text outputs: {written:?}");
    let mut differ = Vec::new();
    for name in &written {
        let got = normalise(name, std::fs::read(out.join(name)).unwrap());
        let golden = expected_dir.join(name);
        if update {
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        match std::fs::read(&golden) {
            Ok(want) if want == got => {}
            Ok(want) => {
                let line = String::from_utf8_lossy(&want)
                    .lines()
                    .zip(String::from_utf8_lossy(&got).lines())
                    .position(|(a, b)| a != b)
                    .map_or("(a line was added or removed)".into(), |i| {
                        format!("line {}", i + 1)
                    });
                differ.push(format!("{name}: differs from the golden file at {line}"));
            }
            Err(_) => differ.push(format!("{name}: no golden file")),
        }
    }
    if !update {
        for name in files_in(&expected_dir) {
            if !written.contains(&name) {
                differ.push(format!(
                    "{name}: golden file of an output no longer written"
                ));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "{}\nIf the change is intended: UPDATE_GOLDEN=1 cargo test --release --test golden, then review `git diff tests/golden/`",
        differ.join("\n")
    );
}
