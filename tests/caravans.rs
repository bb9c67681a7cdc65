//! Every bundled caravan writes the full output set, and the files parse.

mod common;

use common::*;

use route_sim::scenario::bundled_ids;
use std::path::Path;

const FILES: &[&str] = &[
    "route.geojson",
    "waypoints.geojson",
    "positions.geojson",
    "tracks.geojson",
    "trips.geojson",
    "sightings.geojson",
    "daily.csv",
    "progress.png",
    "groups.png",
];

fn run_into(args: &[&str], out: &Path) -> String {
    let a = route_sim()
        .args(args)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .assert()
        .success();
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

fn check_outputs(out: &Path) -> Vec<csv::StringRecord> {
    for f in FILES {
        let path = out.join(f);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if f.ends_with(".geojson") {
            let v: serde_json::Value = serde_json::from_slice(&bytes)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(v["type"], "FeatureCollection", "{}", path.display());
        } else if Path::new(f).extension().is_some_and(|x| x == "png") {
            assert!(
                bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
                "{}",
                path.display()
            );
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
    for expected in [
        "honduras-oct2018",
        "salvador-oct2018",
        "guatemala-oct2018",
        "tapachula-sep2021",
    ] {
        assert!(ids.contains(&expected), "{expected} not bundled: {ids:?}");
    }
    let dir = temp_dir();
    for id in ids {
        let out = dir.path().join(id);
        run_into(&["--caravan", id], &out);
        check_outputs(&out);
        let sightings: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("sightings.geojson")).unwrap()).unwrap();
        // Sightings are parsed above; the caravans of this branch all have some.
        if id != "honduras-oct2018" {
            assert!(
                !sightings["features"].as_array().unwrap().is_empty(),
                "{id} has sightings"
            );
        }
    }
}

#[test]
fn tapachula_2021_ends_dispersed_at_huixtla() {
    let dir = temp_dir();
    run_into(&["--caravan", "tapachula-sep2021"], dir.path());
    let positions: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("positions.geojson")).unwrap())
            .unwrap();
    let last = &positions["features"].as_array().unwrap().last().unwrap()["properties"];
    assert_eq!(last["status"], "dispersed");
    assert_eq!(last["date"], "2021-09-05");
    assert_eq!(last["near"], "Huixtla");
}

/// Caravans the reports show stopped (at the border, by police or the National Guard) end
/// dispersed on the day the file says, not at the end of their route.
#[test]
fn stopped_caravans_end_dispersed_on_the_reported_day() {
    let dir = tempfile::tempdir().unwrap();
    for (id, last_date) in [
        ("salvador-oct2018", "2018-10-31"),
        ("honduras-jan2020", "2020-01-23"),
        ("tapachula-apr2019", "2019-04-23"),
    ] {
        let out = dir.path().join(id);
        run_into(&["--caravan", id], &out);
        let positions: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("positions.geojson")).unwrap()).unwrap();
        let last = &positions["features"].as_array().unwrap().last().unwrap()["properties"];
        assert_eq!(last["status"], "dispersed", "{id}");
        assert_eq!(last["date"], last_date, "{id}");
    }
}

#[test]
fn list_shows_every_caravan() {
    let a = route_sim().arg("list").assert().success();
    let text = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    for line in [
        "salvador-oct2018",
        "guatemala-oct2018",
        "tapachula-sep2021",
        "honduras-oct2018",
    ] {
        assert!(text.contains(line), "{text}");
    }
    assert!(
        text.contains("Huixtla") || text.contains("Tapachula"),
        "{text}"
    );
}

#[test]
fn example_caravan_file_runs() {
    let dir = temp_dir();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/my-caravan.toml");
    let stdout = run_into(&["--scenario", example.to_str().unwrap()], dir.path());
    assert!(stdout.contains("Wrote"), "{stdout}");
    let rows = check_outputs(dir.path());
    let groups: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.get(1).unwrap()).collect();
    assert!(groups.len() >= 2, "{groups:?}");
}

/// Runs a user's file that should be refused: exit 2, no output directory; returns stderr.
fn refused(file_text: &[u8]) -> String {
    let dir = temp_dir();
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, file_text).unwrap();
    let out = dir.path().join("out");
    let a = route_sim()
        .arg("--scenario")
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    assert!(
        !out.exists(),
        "no output directory is written for a bad file"
    );
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("mine.toml"), "names the file: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn three_mistakes_are_reported_in_one_run() {
    let err = refused(b"id = \"three\"\ndepart = \"2021-09-31\"\nheadcount = 50\nroute = [\"Tapachula\", \"Huixtlaa\", \"Arriaga\"]\n[model]\npace_km_per_day = -5.0\n");
    assert!(err.contains("3 problems"), "{err}");
    assert!(
        err.contains("mine.toml:2: field `depart`") && err.contains("2021-09-31"),
        "{err}"
    );
    assert!(
        err.contains("mine.toml:4: field `route[1]`")
            && err.contains("unknown town `Huixtlaa`")
            && err.contains("Huixtla, Chiapas"),
        "{err}"
    );
    assert!(
        err.contains("mine.toml:6: field `model.pace_km_per_day`") && err.contains("-5"),
        "{err}"
    );
}

#[test]
fn other_bad_files_name_line_and_field() {
    let cases: &[(&[u8], &str)] = &[
        (b"id = \"x\"\nheadcount = 5\nroute = [\"Tapachula\", \"Arriaga\"]\n", "field `depart`: missing (the departure date"),
        (b"id = \"x\"\ndepart = \"2021-09-04\"\nheadcount = 5\nroute = [\"Tapachula\", \"Arriaga\"]\n[model]\npace = 40\n", "mine.toml:6: field `model.pace`: unknown field; did you mean `pace_km_per_day`?"),
        (b"id = \"x\"\ndepart = \"2021-09-04\"\nheadcount = \"many\"\nroute = [\"Tapachula\", \"Arriaga\"]\n", "mine.toml:3: field `headcount`: expected a whole number, found text \"many\""),
        (b"id = \"x\"\ndepart = \"2021-09-04\"\nheadcount = 5\nroute = []\n", "mine.toml:4: field `route`: a route needs at least two towns"),
        (b"id = \"x\"\ndepart = \"2021-09-04\"\nheadcount = 5\nroute = [\"Tapachula\", \"Tonal\xe1\"]\n", "mine.toml:4: field `(file)`: byte 0xE1 is not UTF-8"),
    ];
    for (text, expected) in cases {
        let err = refused(text);
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
}

#[test]
fn adhoc_route_errors_name_the_argument_and_position() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let a = route_sim()
        .args([
            "--route",
            "Tapachula;Huixtlaa;Arriaga",
            "--depart",
            "2021-09-04",
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("--route, town 2 of 3 (`Huixtlaa`)") && err.contains("Huixtla, Chiapas"),
        "{err}"
    );
    assert!(!err.contains(":8:"), "no synthetic line numbers: {err}");
    assert!(!out.exists());

    let a = route_sim()
        .args(["--route", "Tapachula;Huixtla", "--depart", "5 Sep"])
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    assert!(
        String::from_utf8_lossy(&a.get_output().stderr).contains("--depart: `5 Sep` is not a date")
    );

    run_into(
        &[
            "--route",
            "Tapachula;Huixtla;Arriaga",
            "--depart",
            "2021-09-04",
        ],
        &out,
    );
    check_outputs(&out);
}
