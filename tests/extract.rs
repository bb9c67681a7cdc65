//! `extract`: places named in the seed articles, measured against the hand list in seeds/*.toml.

mod common;

use common::*;
use route_sim::extract::extract;
use route_sim::gazetteer::Gazetteer;
use std::collections::BTreeMap;
use std::path::Path;

/// Where the source articles are: `ROUTE_SIM_SEEDS_DIR`, else the team's shared folder
/// beside the checkout. The articles are not ours to redistribute, so the repository keeps
/// only our fact records (seeds/*.toml) and the test is skipped where the texts are absent
/// (a failure under CI=true).
fn articles_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("ROUTE_SIM_SEEDS_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"));
    dir.is_dir().then_some(dir)
}

/// Mentions per town id.
type Counts = BTreeMap<String, usize>;

/// (file stem, expected counts, found counts)
fn seed_results(g: &Gazetteer, articles: &Path) -> Vec<(String, Counts, Counts)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut records: Vec<_> = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    records.sort();
    assert_eq!(records.len(), 5);
    for record in records {
        let stem = record.file_stem().unwrap().to_string_lossy().into_owned();
        let seed: toml::Table = toml::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
        let mut expected = BTreeMap::new();
        for p in seed["places"].as_array().unwrap() {
            let query = format!(
                "{}, {}",
                p["name"].as_str().unwrap(),
                p["country"].as_str().unwrap()
            );
            let town = g
                .lookup(&query)
                .unwrap_or_else(|e| panic!("{stem}: hand-listed place not in gazetteer: {e}"));
            expected.insert(
                town.id.clone(),
                p["mentions"].as_integer().unwrap() as usize,
            );
        }
        let text = std::fs::read_to_string(articles.join(format!("{stem}.txt"))).unwrap();
        let found = extract(&text, g)
            .into_iter()
            .map(|p| (p.town.id.clone(), p.count))
            .collect();
        out.push((stem, expected, found));
    }
    out
}

#[test]
fn seed_articles_recall_is_one_and_precision_at_least_095() {
    let Some(articles) = articles_dir() else {
        cannot_run(
            "seed articles not found in ../shared/seeds (set ROUTE_SIM_SEEDS_DIR to their folder)",
        );
        return;
    };
    let g = gazetteer();
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let (mut m_hit, mut m_expected, mut m_found) = (0, 0, 0);
    for (stem, expected, found) in seed_results(g, &articles) {
        for id in expected.keys().filter(|id| !found.contains_key(*id)) {
            eprintln!("{stem}: missed {id}");
        }
        for id in found.keys().filter(|id| !expected.contains_key(*id)) {
            eprintln!("{stem}: false place {id}");
        }
        tp += expected.keys().filter(|id| found.contains_key(*id)).count();
        fn_ += expected
            .keys()
            .filter(|id| !found.contains_key(*id))
            .count();
        fp += found
            .keys()
            .filter(|id| !expected.contains_key(*id))
            .count();
        for (id, &n) in &expected {
            m_hit += n.min(found.get(id).copied().unwrap_or(0));
        }
        m_expected += expected.values().sum::<usize>();
        m_found += found.values().sum::<usize>();
    }
    let recall = tp as f64 / (tp + fn_) as f64;
    let precision = tp as f64 / (tp + fp) as f64;
    eprintln!(
        "places: recall {recall:.3} ({tp}/{}), precision {precision:.3} ({tp}/{})",
        tp + fn_,
        tp + fp
    );
    eprintln!(
        "mentions: recall {:.3} ({m_hit}/{m_expected}), precision {:.3} ({m_hit}/{m_found})",
        m_hit as f64 / m_expected as f64,
        m_hit as f64 / m_found as f64
    );
    assert_eq!(recall, 1.0);
    assert!(precision >= 0.95, "precision {precision}");
}

#[test]
fn listed_false_positives_are_not_places() {
    let g = gazetteer();
    let text = "President Trump said on Sunday that the Red Cross and Jose Garcia of the \
                Washington Office on Latin America met in Playas de Tijuana, San Diego County.";
    let found: Vec<String> = extract(text, g)
        .into_iter()
        .map(|p| p.town.id.clone())
        .collect();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn cli_table_csv_and_geojson() {
    let dir = temp_dir();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "TAPACHULA, Mexico - About 400 people left Tapachula's park.\nPolice stopped them in Huixtla.\n").unwrap();
    let geojson = dir.path().join("places.geojson");
    let out = route_sim()
        .args(["extract", "--format", "csv"])
        .arg(&article)
        .arg("--geojson")
        .arg(&geojson)
        .assert()
        .success();
    let csv = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows[1].contains(",tapachula,Tapachula,Chiapas,")
            && rows[1].contains(",2,TAPACHULA|Tapachula,1,"),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].contains(",huixtla,Huixtla,") && rows[2].contains(",1,Huixtla,2,"),
        "{}",
        rows[2]
    );
    let fc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&geojson).unwrap()).unwrap();
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    assert_eq!(features[0]["properties"]["id"], "tapachula");
    assert_eq!(features[0]["properties"]["mentions"], 2);
    let lon = features[0]["geometry"]["coordinates"][0].as_f64().unwrap();
    assert!((-93.0..-92.0).contains(&lon), "longitude first: {lon}");
}

#[test]
fn latin1_text_is_decoded_and_binary_is_refused() {
    let dir = temp_dir();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Llegaron a Tec\xfan Um\xe1n el s\xe1bado.\n").unwrap();
    let out = route_sim().arg("extract").arg(&latin1).assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("Ciudad Tecún Umán"));
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("Windows-1252"));

    let binary = dir.path().join("x.bin");
    std::fs::write(&binary, b"PK\x03\x04\x00\x00").unwrap();
    let out = route_sim().arg("extract").arg(&binary).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("x.bin") && err.contains("binary"), "{err}");
    route_sim()
        .args(["extract", "/nonexistent/article.txt"])
        .assert()
        .code(2);
}
