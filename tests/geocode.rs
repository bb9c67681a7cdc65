//! `geocode`: names as people write them.

mod common;

use common::*;

fn geocode_json(names: &[&str]) -> Vec<serde_json::Value> {
    let out = route_sim()
        .arg("geocode")
        .args(names)
        .args(["--format", "json"])
        .assert()
        .success();
    serde_json::from_slice::<serde_json::Value>(&out.get_output().stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn case_accents_short_and_official_names() {
    let rows = geocode_json(&[
        "tecun uman",
        "Ciudad Tecún Umán",
        "Tapanatepec",
        "Mexico City",
        "Ciudad de México",
        "MAPASTEPEC",
    ]);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "ciudad-tecun-uman",
            "ciudad-tecun-uman",
            "san-pedro-tapanatepec",
            "mexico-city",
            "mexico-city",
            "mapastepec"
        ]
    );
    assert_eq!(rows[2]["name"], "San Pedro Tapanatepec");
}

#[test]
fn hints_pick_among_same_names() {
    let rows = geocode_json(&[
        "Escuintla, Guatemala",
        "Escuintla, Chiapas",
        "escuintla, mx",
    ]);
    let countries: Vec<&str> = rows
        .iter()
        .map(|r| r["country_code"].as_str().unwrap())
        .collect();
    assert_eq!(countries, ["GT", "MX", "MX"]);
}

#[test]
fn ambiguous_and_unknown_exit_2_with_candidates() {
    let out = route_sim().args(["geocode", "Escuintla"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("ambiguous")
            && err.contains("Escuintla, Chiapas, Mexico")
            && err.contains("Guatemala"),
        "{err}"
    );
    assert!(out.get_output().stdout.is_empty());

    let out = route_sim()
        .args(["geocode", "Tapachul", "Huixtlaa"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("unknown town `Tapachul`") && err.contains("Tapachula"),
        "{err}"
    );
    assert!(
        err.contains("unknown town `Huixtlaa`") && err.contains("Huixtla"),
        "{err}"
    );
}

#[test]
fn csv_and_geojson_formats_parse() {
    let out = route_sim()
        .args(["geocode", "Tijuana", "San Ysidro", "--format", "csv"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][1], "san-ysidro");

    let out = route_sim()
        .args(["geocode", "Tijuana", "--format", "geojson"])
        .assert()
        .success();
    let fc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let coords = &fc["features"][0]["geometry"]["coordinates"];
    assert!(
        (coords[0].as_f64().unwrap() + 117.0).abs() < 0.2
            && (coords[1].as_f64().unwrap() - 32.5).abs() < 0.2,
        "{coords}"
    );
    assert_eq!(fc["features"][0]["properties"]["query"], "Tijuana");
}
