//! Output folders: run.json lists what a run wrote; a second run into a locked folder is
//! refused; two runs at once never leave a mixed or broken folder; a killed run leaves no
//! temporary file once the next run is done; files of an earlier run are removed only when
//! route-sim's manifest lists them.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_route-sim")
}

fn manifest(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("run.json")).expect("run.json exists"))
        .expect("run.json parses")
}

/// The folder is one run's complete set: exactly the files run.json lists (plus run.json
/// and the lock), each with the size and SHA-256 the manifest gives; no temporary file.
fn assert_complete_set(dir: &Path) -> Value {
    let m = manifest(dir);
    let mut listed: Vec<String> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let name = f["name"].as_str().unwrap();
            let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                f["sha256"].as_str().unwrap(),
                route_sim::outputs::sha256_hex(&bytes),
                "{name} is not the file run.json describes (a mixed folder)"
            );
            assert_eq!(f["bytes"].as_u64().unwrap(), bytes.len() as u64);
            name.to_string()
        })
        .collect();
    listed.push("run.json".into());
    listed.sort();
    assert_eq!(files_in(dir), listed, "files beside the manifest's set");
    m
}

#[test]
fn run_json_names_version_command_line_seed_inputs_and_files() {
    let dir = honduras_run();
    let m = assert_complete_set(dir);
    assert_eq!(m["generator"], "route-sim");
    assert_eq!(m["route_sim_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["rng_seed"], 1);
    let args: Vec<&str> = m["command_line"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        args.windows(2)
            .any(|w| w == ["--caravan", "honduras-oct2018"]),
        "{args:?}"
    );
    let inputs = m["inputs"].as_array().unwrap();
    let caravan = inputs
        .iter()
        .find(|i| i["name"] == "data/caravans/honduras-oct2018.toml")
        .expect("the caravan file is an input");
    let text = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/caravans/honduras-oct2018.toml"),
    )
    .unwrap();
    assert_eq!(
        caravan["sha256"].as_str().unwrap(),
        route_sim::outputs::sha256_hex(&text)
    );
    let names: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    for want in [
        "route.geojson",
        "waypoints.geojson",
        "trips.geojson",
        "map.html",
    ] {
        assert!(names.contains(&want), "{want} not in {names:?}");
    }
}

#[test]
fn a_later_run_removes_files_only_route_sims_manifest_lists() {
    let dir = temp_dir();
    run_ok(&["--caravan", "tapachula-sep2021", "--quiet"], dir.path());
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    run_ok(
        &[
            "--caravan",
            "tapachula-sep2021",
            "--quiet",
            "--outputs",
            "route,map",
        ],
        dir.path(),
    );
    assert_eq!(
        files_in(dir.path()),
        ["map.png", "notes.txt", "route.geojson", "run.json"]
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_locked_folder_is_refused_with_exit_2_and_left_alone() {
    let dir = temp_dir();
    run_ok(&["--caravan", "tapachula-sep2021", "--quiet"], dir.path());
    let before = std::fs::read(dir.path().join("run.json")).unwrap();
    let _held = route_sim::outputs::OutputFolder::lock(dir.path()).unwrap();
    let out = Command::new(bin())
        .args([
            "--caravan",
            "tapachula-sep2021",
            "--rng-seed",
            "9",
            "--quiet",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in use by another route-sim run"), "{err}");
    assert_eq!(std::fs::read(dir.path().join("run.json")).unwrap(), before);
}

#[test]
fn two_runs_at_once_into_one_folder_never_leave_a_mixed_or_broken_folder() {
    let dir = temp_dir();
    let mut succeeded = 0;
    for round in 0..8 {
        let children: Vec<_> = [1, 2]
            .map(|seed| {
                Command::new(bin())
                    .args(["--caravan", "honduras-oct2018", "--quiet", "--rng-seed"])
                    .arg((round * 2 + seed).to_string())
                    .arg("--out")
                    .arg(dir.path())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .into();
        for child in children {
            let out = child.wait_with_output().unwrap();
            match out.status.code() {
                Some(0) => succeeded += 1,
                Some(2) => assert!(
                    String::from_utf8_lossy(&out.stderr)
                        .contains("in use by another route-sim run"),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                ),
                other => panic!("exit {other:?}: {}", String::from_utf8_lossy(&out.stderr)),
            }
        }
        let m = assert_complete_set(dir.path());
        read_feature_collection(&dir.path().join("positions.geojson"));
        assert!(m["rng_seed"].as_u64().unwrap() > 0);
    }
    assert!(succeeded >= 8, "at least one run of each pair succeeds");
}

#[test]
fn a_killed_run_leaves_no_temporary_file_after_the_next_run() {
    let dir = temp_dir();
    for delay_ms in [5, 20, 40, 60, 80, 120] {
        let mut child = Command::new(bin())
            .args(["--caravan", "honduras-oct2018", "--quiet", "--out"])
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL: no destructor runs
        let _ = child.wait();
        run_ok(&["--caravan", "honduras-oct2018", "--quiet"], dir.path());
        assert_complete_set(dir.path());
    }
}

#[test]
fn forecast_and_backtest_write_one_manifest_listed_set_and_replace_an_earlier_runs_files() {
    let dir = temp_dir();
    run_ok(&["--caravan", "tapachula-sep2021", "--quiet"], dir.path());
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let forecast = |out: &Path| {
        Command::new(bin())
            .args(["forecast", "--caravan", "tapachula-sep2021"])
            .args(["--as-of", "2021-09-04", "--days", "5", "--particles", "300"])
            .args(["--quiet", "--out"])
            .arg(out)
            .output()
            .unwrap()
    };
    let o = forecast(dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::remove_file(dir.path().join("notes.txt")).unwrap();
    let m = assert_complete_set(dir.path());
    let mut names: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "arrivals.csv",
            "forecast-p50.geojson",
            "forecast.csv",
            "forecast.geojson",
            "forecast.png",
            "map.html"
        ],
        "the main run's files went, the forecast's are listed"
    );
    assert!(
        m["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["name"] == "data/model/behaviour.toml (bundled)")
    );
    // A second forecast into the locked folder: exit 2, folder untouched.
    let before = std::fs::read(dir.path().join("run.json")).unwrap();
    {
        let _held = route_sim::outputs::OutputFolder::lock(dir.path()).unwrap();
        let o = forecast(dir.path());
        assert_eq!(o.status.code(), Some(2));
    }
    assert_eq!(std::fs::read(dir.path().join("run.json")).unwrap(), before);
    // Backtest into the same folder: its three files and run.json, nothing else.
    let o = Command::new(bin())
        .args(["backtest", "--caravan", "tapachula-sep2021"])
        .args(["--particles", "100", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_complete_set(dir.path());
    assert_eq!(
        files_in(dir.path()),
        [
            "backtest-summary.csv",
            "backtest.csv",
            "backtest.png",
            "run.json"
        ]
    );
}

/// Every file of `dir` (the lock and any temporary included) with its bytes, by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_full_disk_mid_run_leaves_the_previous_set_untouched_and_no_temporary() {
    // A file-size limit (`ulimit -f`, with SIGXFSZ ignored so that a write fails with EFBIG
    // instead of killing the run) stands in for a disk that fills up once the small files
    // are written: the run fails naming the file, and the folder keeps the earlier set.
    let dir = temp_dir();
    run_ok(&["--caravan", "honduras-oct2018", "--quiet"], dir.path());
    let before = snapshot(dir.path());
    let out = Command::new("sh")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 64 && exec "$0" "$@""#)
        .arg(bin())
        .args([
            "--caravan",
            "honduras-oct2018",
            "--quiet",
            "--rng-seed",
            "5",
        ])
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains(&dir.path().display().to_string()),
        "names the file it could not write: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        snapshot(dir.path()) == before,
        "the folder still holds the earlier run's set, and nothing else"
    );
    assert_complete_set(dir.path());
}

#[test]
fn a_read_only_folder_fails_naming_it_and_is_left_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let out_dir = dir.path().join("out");
    run_ok(&["--caravan", "tapachula-sep2021", "--quiet"], &out_dir);
    let before = snapshot(&out_dir);
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    mode(dir.path(), 0o755);
    mode(&out_dir, 0o555);
    // Permissions do not stop root: as root, run as `nobody` (util-linux's setpriv).
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    let mut cmd = if root {
        if Command::new("setpriv").arg("--version").output().is_err() {
            mode(&out_dir, 0o755);
            return cannot_run("setpriv (util-linux), to run as another user than root");
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin()]);
        c
    } else {
        Command::new(bin())
    };
    let out = cmd
        .args([
            "--caravan",
            "tapachula-sep2021",
            "--quiet",
            "--rng-seed",
            "5",
        ])
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    mode(&out_dir, 0o755);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("Permission denied") && stderr.contains(&out_dir.display().to_string()),
        "names the folder and the reason: {stderr}"
    );
    assert!(snapshot(&out_dir) == before, "the folder is left as it was");
}
