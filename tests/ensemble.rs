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

/// The main body's P10–P90 width of arrival days at its destination, and the variation
/// columns, from an ensemble of honduras-oct2018 (with or without `--fixed-events`).
fn destination_width_days(out: &Path, fixed: bool) -> (u32, Vec<String>) {
    let mut cmd = route_sim();
    cmd.args([
        "--caravan",
        "honduras-oct2018",
        "--runs",
        "400",
        "--quiet",
        "--rng-seed",
        "5",
        "--out",
    ])
    .arg(out);
    if fixed {
        cmd.arg("--fixed-events");
    }
    cmd.assert().success();
    let mut r = csv::Reader::from_path(out.join("ensemble.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let row = r
        .records()
        .map(Result::unwrap)
        .find(|row| &row[col("kind")] == "destination")
        .expect("a destination row");
    let day = |q: &str| row[col(q)].parse::<u32>().unwrap();
    let varies = [
        "pace_variation_frac",
        "event_shift_days",
        "duration_change_days",
        "ride_speed_spread_frac",
    ]
    .iter()
    .map(|c| row[col(c)].to_string())
    .collect();
    (day("p90") - day("p10"), varies)
}

#[test]
fn ensembles_vary_event_days_and_ride_speeds_and_say_so() {
    let dir = temp_dir();
    let (fixed, fixed_cols) = destination_width_days(&dir.path().join("fixed"), true);
    let (varied, varied_cols) = destination_width_days(&dir.path().join("varied"), false);
    // honduras-oct2018.toml sets `pace_variation_frac = 0.1`.
    assert_eq!(fixed_cols, ["0.1", "0", "0", "0.000"]);
    assert_eq!(&varied_cols[..3], ["0.1", "1", "1"]);
    let ride_spread: f64 = varied_cols[3].parse().unwrap();
    assert!(ride_spread > 0.05, "ride speed spread {ride_spread}");
    // Rides that start a day early or late and run faster or slower spread the arrival at
    // Tijuana over more days than the walking pace alone.
    assert!(
        varied > fixed,
        "P10–P90 arrival width: {varied} days varied, {fixed} days fixed"
    );
}
