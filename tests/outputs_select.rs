//! `--outputs` writes exactly the files asked for, and rejects unknown names with exit 2.

mod common;

use common::*;

#[test]
fn outputs_route_positions_writes_exactly_those_two_files() {
    let dir = temp_dir();
    route_sim()
        .args([
            "--route",
            "Tapachula;Huixtla",
            "--depart",
            "2021-09-04",
            "--quiet",
            "--outputs",
            "route,positions",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(
        files_in(dir.path()),
        ["positions.geojson", "route.geojson", "run.json"]
    );
    let positions: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("positions.geojson")).unwrap())
            .unwrap();
    assert!(!positions["features"].as_array().unwrap().is_empty());
}

#[test]
fn outputs_accepts_file_names_for_the_maps() {
    let dir = temp_dir();
    route_sim()
        .args([
            "--route",
            "Tapachula;Huixtla",
            "--depart",
            "2021-09-04",
            "--quiet",
            "--outputs",
            "map.png,map.html",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let png = std::fs::read(dir.path().join("map.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let html = std::fs::read_to_string(dir.path().join("map.html")).unwrap();
    assert!(html.contains("id=\"map-data\""));
    // One offline file: no script, style or image loaded from anywhere (Leaflet is inlined).
    for external in ["<script src", "<link", "url(http", "src=\"http", "@import"] {
        assert!(
            !html.contains(external),
            "map.html loads something: {external}"
        );
    }
    assert_eq!(files_in(dir.path()), ["map.html", "map.png", "run.json"]);
}

#[test]
fn unknown_output_name_exits_2_listing_valid_names() {
    let dir = temp_dir();
    let out = route_sim()
        .args([
            "--route",
            "Tapachula;Huixtla",
            "--depart",
            "2021-09-04",
            "--outputs",
            "route,bogus",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bogus") && err.contains("positions") && err.contains("map"),
        "{err}"
    );
    assert!(!dir.path().join("route.geojson").exists());
}

#[test]
fn outputs_html_short_name_means_map_html_not_map_png() {
    let dir = temp_dir();
    route_sim()
        .args([
            "--route",
            "Tapachula;Huixtla",
            "--depart",
            "2021-09-04",
            "--quiet",
            "--outputs",
            "html",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(files_in(dir.path()), ["map.html", "run.json"]);
}
