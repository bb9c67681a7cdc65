//! `--runs N`: ensemble.csv parses, its quantiles are ordered, and its bytes depend only on
//! the seed, never on the thread count.

mod common;

use common::*;

use std::path::Path;

fn run_ensemble(out: &Path, seed: &str, threads: &str) -> Vec<u8> {
    route_sim()
        .env("RAYON_NUM_THREADS", threads)
        .args([
            "--caravan",
            "honduras-oct2018",
            "--runs",
            "300",
            "--quiet",
            "--rng-seed",
            seed,
            "--out",
        ])
        .arg(out)
        .assert()
        .success();
    std::fs::read(out.join("ensemble.csv")).unwrap()
}

#[test]
fn ensemble_csv_parses_with_ordered_quantiles() {
    let dir = temp_dir();
    let bytes = run_ensemble(dir.path(), "3", "2");
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..9],
        [
            "kind",
            "group",
            "waypoint",
            "waypoint_km",
            "day",
            "date",
            "p10",
            "p50",
            "p90"
        ]
    );
    let (mut km_rows, mut destinations) = (0, 0);
    for rec in r.records() {
        let rec = rec.unwrap();
        assert_eq!(&rec[13], "300", "runs column");
        if rec[6].is_empty() {
            assert_eq!(&rec[12], "0", "no quantiles only when no run reached it");
            continue;
        }
        let q: Vec<f64> = (6..9).map(|i| rec[i].parse().unwrap()).collect();
        assert!(
            q[0] <= q[1] && q[1] <= q[2],
            "unordered quantiles in {rec:?}"
        );
        match &rec[0] {
            "km" => km_rows += 1,
            "destination" => {
                destinations += 1;
                let expected = if &rec[1] == "mexicali" {
                    "Mexicali"
                } else {
                    "Tijuana"
                };
                assert_eq!(&rec[2], expected, "destination of group {}", &rec[1]);
                assert!(rec[9] <= rec[10] && rec[10] <= rec[11], "dates ordered");
            }
            "arrival" => {}
            other => panic!("unknown kind {other}"),
        }
    }
    assert!(km_rows > 30);
    // One destination row per group: main, vanguard, rearguard and mexicali.
    assert_eq!(destinations, 4);
}

#[test]
fn ensemble_is_independent_of_thread_count_and_repeatable() {
    let dir = temp_dir();
    let one = run_ensemble(&dir.path().join("t1"), "11", "1");
    let two = run_ensemble(&dir.path().join("t2"), "11", "2");
    let again = run_ensemble(&dir.path().join("again"), "11", "2");
    let other = run_ensemble(&dir.path().join("other"), "12", "2");
    assert!(one == two, "ensemble.csv differs between 1 and 2 threads");
    assert!(two == again, "same seed, different bytes");
    assert!(
        two != other,
        "a different seed should give a different ensemble"
    );
}

#[test]
fn no_ensemble_without_runs_and_zero_runs_is_bad_usage() {
    let dir = temp_dir();
    route_sim()
        .args(["--caravan", "honduras-oct2018", "--quiet", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(!dir.path().join("ensemble.csv").exists());
    route_sim()
        .args(["--caravan", "honduras-oct2018", "--runs", "0", "--out"])
        .arg(dir.path())
        .assert()
        .code(2);
}
