//! Every bundled caravan writes the full output set, and the files parse.

use assert_cmd::Command;
use route_sim::scenario::bundled_ids;
use std::path::Path;

const FILES: &[&str] = &["route.geojson", "positions.geojson", "tracks.geojson", "sightings.geojson", "daily.csv", "progress.png", "groups.png"];

fn run_into(args: &[&str], out: &Path) -> String {
    let a = Command::cargo_bin("route-sim").unwrap().args(args).arg("--out").arg(out).arg("--quiet").assert().success();
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

fn check_outputs(out: &Path) -> Vec<csv::StringRecord> {
    for f in FILES {
        let path = out.join(f);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if f.ends_with(".geojson") {
            let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(v["type"], "FeatureCollection", "{}", path.display());
        } else if f.ends_with(".png") {
            assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{}", path.display());
        }
    }
    let mut rdr = csv::Reader::from_path(out.join("daily.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    rows
}

#[test]
fn every_bundled_caravan_writes_every_output() {
    let ids = bundled_ids();
    for expected in ["honduras-oct2018", "salvador-oct2018", "guatemala-oct2018", "tapachula-sep2021"] {
        assert!(ids.contains(&expected), "{expected} not bundled: {ids:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    for id in ids {
        let out = dir.path().join(id);
        run_into(&["--caravan", id], &out);
        check_outputs(&out);
        let sightings: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("sightings.geojson")).unwrap()).unwrap();
        assert!(!sightings["features"].as_array().unwrap().is_empty(), "{id} has sightings");
    }
}

#[test]
fn tapachula_2021_ends_dispersed_at_huixtla() {
    let dir = tempfile::tempdir().unwrap();
    run_into(&["--caravan", "tapachula-sep2021"], dir.path());
    let positions: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("positions.geojson")).unwrap()).unwrap();
    let last = &positions["features"].as_array().unwrap().last().unwrap()["properties"];
    assert_eq!(last["status"], "dispersed");
    assert_eq!(last["date"], "2021-09-05");
    assert_eq!(last["near"], "Huixtla");
}

#[test]
fn list_shows_every_caravan() {
    let a = Command::cargo_bin("route-sim").unwrap().arg("list").assert().success();
    let text = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    for line in ["salvador-oct2018", "guatemala-oct2018", "tapachula-sep2021", "honduras-oct2018"] {
        assert!(text.contains(line), "{text}");
    }
    assert!(text.contains("Huixtla") || text.contains("Tapachula"), "{text}");
}

#[test]
fn example_caravan_file_runs() {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/my-caravan.toml");
    let stdout = run_into(&["--scenario", example.to_str().unwrap()], dir.path());
    assert!(stdout.contains("Wrote"), "{stdout}");
    let rows = check_outputs(dir.path());
    let groups: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.get(1).unwrap()).collect();
    assert!(groups.len() >= 2, "{groups:?}");
}
