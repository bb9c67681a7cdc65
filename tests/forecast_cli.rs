//! `route-sim forecast` and `route-sim backtest` as users run them.

mod common;

use common::{route_sim, temp_dir};
use std::fs;
use std::path::Path;

fn forecast_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        // run.json names the command line (its --out differs) and the input file's checksum
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            p.is_file() && !name.starts_with('.') && name != "run.json"
        })
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The bundled Honduran file with every sighting and event dated after `as_of` removed.
fn without_future(as_of: &str) -> String {
    let text = route_sim_bundled("honduras-oct2018");
    let mut doc: toml::Table = toml::from_str(&text).unwrap();
    for key in ["sightings", "events"] {
        if let Some(toml::Value::Array(items)) = doc.get_mut(key) {
            items.retain(|item| {
                let date = item
                    .get("date")
                    .map(ToString::to_string)
                    .unwrap_or_default();
                date.trim_matches('"') <= as_of
            });
        }
    }
    toml::to_string(&doc).unwrap()
}

fn route_sim_bundled(id: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/caravans/{id}.toml")),
    )
    .unwrap()
}

#[test]
fn forecast_writes_its_files_and_they_parse() {
    let dir = temp_dir();
    let out = dir.path().join("fc");
    let o = route_sim()
        .args([
            "forecast",
            "--caravan",
            "honduras-oct2018",
            "--as-of",
            "2018-10-25",
        ])
        .args(["--particles", "2000", "--days", "10", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("without honduras-oct2018"), "{stdout}");
    let mut rdr = csv::Reader::from_path(out.join("forecast.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    for col in [
        "caravan",
        "as_of",
        "date",
        "horizon_days",
        "group",
        "km_p10",
        "km_p50",
        "km_p90",
        "lon_p50",
        "lat_p50",
        "near_p50",
        "headcount_p50",
    ] {
        assert!(headers.iter().any(|h| h == col), "missing column {col}");
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 11, "horizons 0 to 10");
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut last_p50 = 0.0;
    for (h, r) in rows.iter().enumerate() {
        assert_eq!(r[col("horizon_days")].parse::<usize>().unwrap(), h);
        let (p10, p50, p90): (f64, f64, f64) = (
            r[col("km_p10")].parse().unwrap(),
            r[col("km_p50")].parse().unwrap(),
            r[col("km_p90")].parse().unwrap(),
        );
        assert!(p10 <= p50 && p50 <= p90, "ordered quantiles at h={h}");
        assert!(p50 >= last_p50 - 1.0, "the median does not go backwards");
        last_p50 = p50;
    }
    let gj: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("forecast.geojson")).unwrap()).unwrap();
    let feats = gj["features"].as_array().unwrap();
    assert_eq!(feats.len(), 11);
    assert!(feats.iter().all(|f| f["geometry"]["type"] == "LineString"));
    let pts: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("forecast-p50.geojson")).unwrap()).unwrap();
    assert!(
        pts["features"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["geometry"]["type"] == "Point")
    );
    let png = fs::read(out.join("forecast.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let arrivals = fs::read_to_string(out.join("arrivals.csv")).unwrap();
    assert!(
        arrivals.starts_with("caravan,as_of,horizon_days,town,"),
        "{arrivals}"
    );
}

#[test]
fn forecast_ignores_a_files_future_byte_for_byte() {
    let dir = temp_dir();
    let as_of = "2018-10-25";
    let cut = dir.path().join("honduras-cut.toml");
    fs::write(&cut, without_future(as_of)).unwrap();
    let full = dir.path().join("honduras-full.toml");
    fs::write(&full, route_sim_bundled("honduras-oct2018")).unwrap();
    let mut outs = Vec::new();
    for (name, file) in [("full", &full), ("cut", &cut)] {
        let out = dir.path().join(name);
        let o = route_sim()
            .args(["forecast", "--scenario"])
            .arg(file)
            .args([
                "--as-of",
                as_of,
                "--particles",
                "3000",
                "--rng-seed",
                "5",
                "--out",
            ])
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        outs.push(forecast_files(&out));
    }
    assert!(!outs[0].is_empty());
    assert_eq!(
        outs[0], outs[1],
        "a file with its future deleted gives the same forecast"
    );
}

#[test]
fn forecast_is_byte_identical_for_the_same_seed() {
    let dir = temp_dir();
    let mut outs = Vec::new();
    for name in ["a", "b"] {
        let out = dir.path().join(name);
        route_sim()
            .args([
                "forecast",
                "--caravan",
                "tapachula-sep2021",
                "--as-of",
                "2021-09-04",
            ])
            .args(["--particles", "1500", "--out"])
            .arg(&out)
            .assert()
            .success();
        outs.push(forecast_files(&out));
    }
    assert_eq!(outs[0], outs[1]);
}

#[test]
fn forecast_bad_requests_exit_2_with_the_reason() {
    let dir = temp_dir();
    let cases: [(&[&str], &str); 4] = [
        (&["--as-of", "2018-10-01"], "before the caravan's departure"),
        (
            &["--as-of", "2019-12-01"],
            "after the caravan's last simulated day",
        ),
        (&["--as-of", "2018-10-20", "--particles", "0"], "particles"),
        (&["--as-of", "20181020"], "not a date"),
    ];
    for (args, message) in cases {
        let o = route_sim()
            .args(["forecast", "--caravan", "honduras-oct2018"])
            .args(args)
            .arg("--out")
            .arg(dir.path().join("x"))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(
            !dir.path().join("x").exists(),
            "nothing written for {args:?}"
        );
    }
}

#[test]
fn forecast_before_any_report_starts_from_departure_and_says_so() {
    let dir = temp_dir();
    let text = route_sim_bundled("honduras-oct2018");
    let mut doc: toml::Table = toml::from_str(&text).unwrap();
    doc.remove("sightings");
    let file = dir.path().join("no-reports.toml");
    fs::write(&file, toml::to_string(&doc).unwrap()).unwrap();
    let o = route_sim()
        .args(["forecast", "--scenario"])
        .arg(&file)
        .args(["--as-of", "2018-10-20", "--particles", "500", "--out"])
        .arg(dir.path().join("fc"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("forecast from the departure"), "{stdout}");
}

#[test]
fn backtest_summary_has_the_contract_columns_and_every_method() {
    let dir = temp_dir();
    let out = dir.path().join("bt");
    route_sim()
        .args(["backtest", "--particles", "300", "--out"])
        .arg(&out)
        .assert()
        .success();
    let summary = fs::read_to_string(out.join("backtest-summary.csv")).unwrap();
    let mut lines = summary.lines();
    assert_eq!(
        lines.next(),
        Some("method,horizon_days,n,median_abs_km,mean_abs_km,coverage_p10_p90,crps_km")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    for method in ["model", "pace48", "stay"] {
        let horizons: Vec<&str> = rows
            .iter()
            .filter(|r| r[0] == method)
            .map(|r| r[1])
            .collect();
        let mut expected: Vec<String> = (1..=14).map(|h| h.to_string()).collect();
        expected.push("all".into());
        assert_eq!(horizons, expected, "{method}");
    }
    let pairs = csv::Reader::from_path(out.join("backtest.csv"))
        .unwrap()
        .records()
        .count();
    let all_n: usize = rows
        .iter()
        .find(|r| r[0] == "model" && r[1] == "all")
        .unwrap()[2]
        .parse()
        .unwrap();
    assert_eq!(pairs, all_n, "every scored pair is in the summary");
    assert!(all_n > 0);
}

#[test]
fn bundled_model_file_matches_the_record() {
    let g = route_sim::gazetteer::Gazetteer::bundled();
    let record = route_sim::model::bundled_record(&g).unwrap();
    let observed: Vec<_> = record
        .iter()
        .map(|(s, r)| route_sim::model::ObservedCaravan::from_scenario(s, r, None))
        .collect();
    let model = route_sim::model::store::StoredModel::bundled().unwrap();
    assert_eq!(
        model.record_checksum,
        route_sim::model::fit::record_checksum(&observed),
        "data/model/behaviour.toml was fit on another record: run `cargo run --release -- fit`"
    );
    for (s, _) in &record {
        if s.sightings()
            .iter()
            .any(|x| x.is_position() && x.group().is_none())
        {
            assert!(
                model.leave_one_out.contains_key(s.id()),
                "no leave-one-out fit for {}",
                s.id()
            );
        }
    }
}
