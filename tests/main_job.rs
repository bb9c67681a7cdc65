//! The main job end to end: `route-sim --caravan honduras-oct2018` (and a caravan file with
//! two groups and sightings), every output parsed and checked against the output contract.

mod common;

use chrono::NaiveDate;
use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;
use tempfile::TempDir;

/// One run of the fixture caravan: a split into two groups, a rest day and three sightings.
fn split_run() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = temp_dir();
        run_ok(
            &[
                "--scenario",
                fixture("chiapas-split.toml").to_str().unwrap(),
                "--rng-seed",
                "3",
                "--quiet",
            ],
            dir.path(),
        );
        dir
    })
    .path()
}

/// Both runs: the bundled caravan and the fixture with groups and sightings.
fn runs() -> [&'static Path; 2] {
    [honduras_run(), split_run()]
}

#[test]
fn writes_every_contract_file() {
    for dir in runs() {
        let files = files_in(dir);
        for name in GEOJSON_FILES
            .iter()
            .chain(&["daily.csv", "progress.png", "groups.png"])
        {
            assert!(
                files.iter().any(|f| f == name),
                "{name} missing in {files:?}"
            );
        }
        assert!(
            !files.iter().any(|f| f.ends_with(".partial")),
            "temporary files left behind: {files:?}"
        );
    }
}

#[test]
fn geojson_outputs_follow_rfc7946_inside_the_study_region() {
    for dir in runs() {
        for name in GEOJSON_FILES {
            read_feature_collection(&dir.join(name));
        }
    }
}

#[test]
fn route_waypoints_sit_at_their_geonames_coordinates() {
    let features = read_feature_collection(&honduras_run().join("waypoints.geojson"));
    let waypoint = |name: &str| -> [f64; 2] {
        let f = features
            .iter()
            .find(|f| f["properties"]["name"] == name)
            .unwrap_or_else(|| panic!("no waypoint {name}"));
        assert_eq!(f["geometry"]["type"], "Point");
        lon_lats(&f["geometry"])[0]
    };
    // [lon, lat] from GeoNames (3516266, 3601782, 3981609), not from the code.
    for (name, expected) in [
        ("Tapachula", [-92.26, 14.91]),
        ("San Pedro Sula", [-88.03, 15.51]),
        ("Tijuana", [-117.00, 32.50]),
    ] {
        let got = waypoint(name);
        assert!(
            (got[0] - expected[0]).abs() < 0.02 && (got[1] - expected[1]).abs() < 0.02,
            "{name} at {got:?}, expected about {expected:?} (longitude first)"
        );
    }
    let line = route_line(honduras_run());
    assert!(
        (line[0][0] - -88.03).abs() < 0.02,
        "the route starts in San Pedro Sula: {:?}",
        line[0]
    );
    assert!(
        (line[line.len() - 1][0] - -117.00).abs() < 0.02,
        "the route ends in Tijuana: {:?}",
        line.last()
    );
}

/// positions.geojson's properties, one per feature, with the point.
struct Position {
    at: [f64; 2],
    props: serde_json::Map<String, Value>,
}

fn read_positions(dir: &Path) -> Vec<Position> {
    read_feature_collection(&dir.join("positions.geojson"))
        .into_iter()
        .map(|f| {
            assert_eq!(f["geometry"]["type"], "Point", "positions are Points");
            Position {
                at: lon_lats(&f["geometry"])[0],
                props: f["properties"].as_object().unwrap().clone(),
            }
        })
        .collect()
}

fn text<'a>(p: &'a Position, key: &str) -> &'a str {
    p.props[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string: {:?}", p.props))
}

#[test]
fn positions_have_the_contract_properties() {
    for dir in runs() {
        let positions = read_positions(dir);
        assert!(!positions.is_empty());
        for p in &positions {
            for key in [
                "caravan",
                "group",
                "day",
                "date",
                "time",
                "km",
                "headcount",
                "status",
                "near",
                "country",
            ] {
                assert!(
                    p.props.contains_key(key),
                    "missing `{key}` in {:?}",
                    p.props
                );
            }
            let date =
                NaiveDate::parse_from_str(text(p, "date"), "%Y-%m-%d").expect("date is YYYY-MM-DD");
            assert_eq!(
                text(p, "time"),
                format!("{date}T12:00:00Z"),
                "time is ISO 8601 UTC on the same date"
            );
            assert!(p.props["day"].is_u64(), "day is a whole number");
            assert!(p.props["headcount"].is_u64(), "headcount is a whole number");
            assert!(p.props["km"].as_f64().is_some_and(|km| km >= 0.0));
            let status = text(p, "status");
            assert!(
                [
                    "walking",
                    "resting",
                    "waiting",
                    "riding",
                    "arrived",
                    "dispersed"
                ]
                .contains(&status),
                "status {status}"
            );
            assert!(!text(p, "near").is_empty());
            let country = text(p, "country");
            assert!(
                [
                    "Honduras",
                    "Guatemala",
                    "El Salvador",
                    "Mexico",
                    "United States"
                ]
                .contains(&country),
                "country {country}"
            );
        }
    }
    let honduras = read_positions(honduras_run());
    assert!(
        honduras
            .iter()
            .all(|p| text(p, "caravan") == "honduras-oct2018")
    );
    assert_eq!(
        text(&honduras[0], "date"),
        "2018-10-13",
        "departs on the reported date"
    );
    assert_eq!(text(&honduras[0], "country"), "Honduras");
}

#[test]
fn positions_advance_day_by_day_per_group() {
    for dir in runs() {
        let mut by_group: BTreeMap<String, Vec<&Position>> = BTreeMap::new();
        let positions = read_positions(dir);
        for p in &positions {
            by_group
                .entry(text(p, "group").to_string())
                .or_default()
                .push(p);
        }
        for (group, rows) in &by_group {
            for pair in rows.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let (da, db) = (
                    NaiveDate::parse_from_str(text(a, "date"), "%Y-%m-%d").unwrap(),
                    NaiveDate::parse_from_str(text(b, "date"), "%Y-%m-%d").unwrap(),
                );
                assert_eq!(
                    db - da,
                    chrono::Duration::days(1),
                    "group {group}: {da} then {db}"
                );
                assert_eq!(
                    b.props["day"].as_u64().unwrap(),
                    a.props["day"].as_u64().unwrap() + 1,
                    "group {group}: day numbers"
                );
                let (ka, kb) = (
                    a.props["km"].as_f64().unwrap(),
                    b.props["km"].as_f64().unwrap(),
                );
                assert!(
                    kb >= ka,
                    "group {group}: km goes back from {ka} to {kb} on {db}"
                );
            }
        }
    }
    let groups: BTreeSet<String> = read_positions(split_run())
        .iter()
        .map(|p| text(p, "group").to_string())
        .collect();
    assert_eq!(
        groups,
        BTreeSet::from(["fast".to_string(), "main".to_string()]),
        "the fixture splits into two groups"
    );
}

#[test]
fn positions_and_tracks_lie_on_the_route() {
    for dir in runs() {
        let line = route_line(dir);
        for p in read_positions(dir) {
            let off_km = distance_to_line_km(p.at, &line);
            assert!(
                off_km < 1.0,
                "{} {} at {:?} is {off_km:.2} km off the route",
                text(&p, "group"),
                text(&p, "date"),
                p.at
            );
        }
        for f in read_feature_collection(&dir.join("tracks.geojson")) {
            for at in lon_lats(&f["geometry"]) {
                let off_km = distance_to_line_km(at, &line);
                assert!(
                    off_km < 1.0,
                    "track {} at {at:?} is {off_km:.2} km off the route",
                    f["properties"]["group"]
                );
            }
        }
    }
}

#[test]
fn tracks_have_one_linestring_per_group() {
    for dir in runs() {
        let groups: BTreeSet<String> = read_positions(dir)
            .iter()
            .map(|p| text(p, "group").to_string())
            .collect();
        let tracks = read_feature_collection(&dir.join("tracks.geojson"));
        let mut seen = BTreeSet::new();
        for t in &tracks {
            assert_eq!(t["geometry"]["type"], "LineString");
            assert!(
                lon_lats(&t["geometry"]).len() >= 2,
                "a LineString needs two positions"
            );
            let group = t["properties"]["group"]
                .as_str()
                .expect("track has a group")
                .to_string();
            assert!(seen.insert(group.clone()), "two tracks for group {group}");
        }
        assert_eq!(seen, groups, "one track per group of positions.geojson");
    }
}

#[test]
fn sightings_keep_date_place_and_source() {
    for dir in runs() {
        for s in read_feature_collection(&dir.join("sightings.geojson")) {
            assert_eq!(s["geometry"]["type"], "Point");
            let props = &s["properties"];
            NaiveDate::parse_from_str(props["date"].as_str().expect("sighting date"), "%Y-%m-%d")
                .expect("date is YYYY-MM-DD");
            assert!(
                props["place"].as_str().is_some_and(|p| !p.is_empty()),
                "sighting place: {props}"
            );
            assert!(
                props["source"].as_str().is_some_and(|p| !p.is_empty()),
                "sighting source: {props}"
            );
        }
    }
    let fixture = read_feature_collection(&split_run().join("sightings.geojson"));
    let got: Vec<(&str, &str)> = fixture
        .iter()
        .map(|s| {
            (
                s["properties"]["date"].as_str().unwrap(),
                s["properties"]["place"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2018-10-24", "Mapastepec"),
            ("2018-10-26", "Arriaga"),
            ("2018-10-28", "San Pedro Tapanatepec")
        ]
    );
    // Arriaga, GeoNames 3816739: [-93.89972, 16.23557].
    let arriaga = lon_lats(&fixture[1]["geometry"])[0];
    assert!(
        (arriaga[0] - -93.900).abs() < 0.01 && (arriaga[1] - 16.236).abs() < 0.01,
        "Arriaga at {arriaga:?}"
    );
}

#[test]
fn daily_csv_has_the_same_rows_as_positions() {
    for dir in runs() {
        check_daily_csv_matches_positions(dir);
    }
}

/// Regression: daily.csv formatted 2.5 people as "2" (round half to even) while
/// positions.geojson said 3 (round half away from zero); both must show one value.
#[test]
fn daily_csv_and_positions_round_half_people_alike() {
    let dir = temp_dir();
    run_ok(
        &[
            "--scenario",
            fixture("half-people.toml").to_str().unwrap(),
            "--quiet",
        ],
        dir.path(),
    );
    let positions = read_positions(dir.path());
    assert!(
        positions.iter().any(|p| p.props["group"] == "half"),
        "the fixture splits"
    );
    check_daily_csv_matches_positions(dir.path());
}

/// daily.csv: the header, then the same rows as positions.geojson with the same values.
fn check_daily_csv_matches_positions(dir: &Path) {
    let positions = read_positions(dir);
    let mut rdr = csv::Reader::from_path(dir.join("daily.csv")).expect("open daily.csv");
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "caravan",
            "group",
            "day",
            "date",
            "time",
            "lon",
            "lat",
            "km",
            "headcount",
            "status",
            "near",
            "country"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr
        .records()
        .map(|r| r.expect("well-formed CSV row"))
        .collect();
    assert_eq!(
        rows.len(),
        positions.len(),
        "daily.csv rows vs positions.geojson features"
    );
    for (i, (row, p)) in rows.iter().zip(&positions).enumerate() {
        let col = |name: &str| &row[header.iter().position(|h| h == name).unwrap()];
        let at = format!("daily.csv row {}", i + 2);
        for key in [
            "caravan", "group", "date", "time", "status", "near", "country",
        ] {
            assert_eq!(col(key), text(p, key), "{at}: {key}");
        }
        assert_eq!(col("day"), p.props["day"].to_string(), "{at}: day");
        assert_eq!(
            col("headcount"),
            p.props["headcount"].to_string(),
            "{at}: headcount"
        );
        // Fixed precision: 6 decimals for degrees, 1 for km.
        for (key, decimals, json) in [
            ("lon", 6, p.at[0]),
            ("lat", 6, p.at[1]),
            ("km", 1, p.props["km"].as_f64().unwrap()),
        ] {
            let value = col(key);
            assert_eq!(
                value.split_once('.').map(|(_, f)| f.len()),
                Some(decimals),
                "{at}: {key} `{value}` has not {decimals} decimals"
            );
            assert_eq!(
                value.parse::<f64>().unwrap(),
                json,
                "{at}: {key} differs from positions.geojson"
            );
        }
    }
}

#[test]
fn progress_png_is_a_1600_by_900_picture() {
    for dir in runs() {
        let bytes = std::fs::read(dir.join("progress.png")).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
        assert_eq!(&bytes[12..16], b"IHDR", "first chunk is IHDR");
        let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
        let mut reader = decoder.read_info().expect("valid PNG header");
        assert_eq!((reader.info().width, reader.info().height), (1600, 900));
        let mut pixels = vec![0; reader.output_buffer_size()];
        let frame = reader.next_frame(&mut pixels).expect("valid PNG data");
        let pixels = &pixels[..frame.buffer_size()];
        let samples = frame.color_type.samples();
        let first = &pixels[..samples];
        let differing = pixels.chunks(samples).filter(|px| px != &first).count();
        // Axes, labels and lines cover far more than 1% of a chart.
        assert!(
            differing > 1600 * 900 / 100,
            "progress.png is (nearly) blank: {differing} pixels differ from the corner"
        );
    }
}

#[test]
fn prints_where_the_files_are() {
    let dir = temp_dir();
    let stdout = run_ok(&["--caravan", "honduras-oct2018"], dir.path());
    assert!(
        stdout.contains(&dir.path().display().to_string()),
        "stdout names the output folder: {stdout}"
    );
    assert!(stdout.contains("positions.geojson"));
    assert!(
        stdout.contains("2018-10-13"),
        "the summary starts on the departure date"
    );
}
