//! `sightings` and `draft`: dated sightings from articles, caravan files drafted from them,
//! and reading any text file safely (encodings, long lines, binary, size limit).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    Command::cargo_bin("route-sim").unwrap()
}

/// The seed articles (not in the repository): `ROUTE_SIM_SEEDS_DIR` or ../shared/seeds.
fn seed(stem: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("ROUTE_SIM_SEEDS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"));
    let p = dir.join(format!("{stem}.txt"));
    p.is_file().then_some(p)
}

fn csv_rows(stdout: &[u8]) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(stdout)
        .records()
        .map(|r| r.unwrap())
        .collect()
}

/// (date, place, kind, headcount, headcount_kind) of `sightings --format csv`.
fn sightings(args: &[&str], files: &[&Path]) -> Vec<(String, String, String, String, String)> {
    let out = bin()
        .arg("sightings")
        .args(["--format", "csv"])
        .args(args)
        .args(files)
        .assert()
        .success();
    let stdout = out.get_output().stdout.clone();
    let header = csv::Reader::from_reader(stdout.as_slice())
        .headers()
        .unwrap()
        .clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for c in [
        "file",
        "line",
        "date",
        "place",
        "kind",
        "headcount",
        "headcount_kind",
        "group",
        "state",
        "country",
    ] {
        col(c);
    }
    csv_rows(&stdout)
        .iter()
        .map(|r| {
            (
                r[col("date")].to_string(),
                r[col("place")].to_string(),
                r[col("kind")].to_string(),
                r[col("headcount")].to_string(),
                r[col("headcount_kind")].to_string(),
            )
        })
        .collect()
}

#[test]
fn seed_003_huixtla_dispersal_on_sunday_5_september_2021() {
    let Some(article) = seed("003_25321d6d4e84da1a") else {
        eprintln!("skipped: seed articles not found (set ROUTE_SIM_SEEDS_DIR)");
        return;
    };
    let s = sightings(&[], &[&article]);
    assert!(
        s.contains(&(
            "2021-09-05".into(),
            "Huixtla".into(),
            "dispersal".into(),
            "400".into(),
            "estimate".into()
        )),
        "{s:?}"
    );
}

#[test]
fn seed_004_mapastepec_and_pijijiapan_with_published() {
    let Some(article) = seed("004_b4ab622afc7e3840") else {
        eprintln!("skipped: seed articles not found (set ROUTE_SIM_SEEDS_DIR)");
        return;
    };
    let s = sightings(&["--published", "2018-10-25"], &[&article]);
    let find = |date: &str, place: &str| s.iter().find(|x| x.0 == date && x.1 == place);
    let m = find("2018-10-24", "Mapastepec").unwrap_or_else(|| panic!("{s:?}"));
    assert_eq!((m.3.as_str(), m.4.as_str()), ("5000", "at_least"));
    assert!(find("2018-10-25", "Pijijiapan").is_some(), "{s:?}");
}

const ARTICLE_ES: &str = "outlet: Diario de prueba
title: La caravana avanza por la costa
date: 2021-11-06
url: https://example.org/caravana

Tapachula, Chiapas; 6 de noviembre de 2021.- La caravana migrante salió el miércoles de Huixtla.
Unos 3 mil migrantes pernoctaron el jueves en Escuintla, en el domo municipal.
Ayer la caravana llegó a Mapastepec, donde descansa hoy.
Esta semana otro grupo caminó por Acapetahua.
";

const ARTICLE_EN: &str = "date: 2021-11-10

MAPASTEPEC, Mexico — The caravan left Mapastepec on Monday and more than 2,000 people slept in Pijijiapan that night.
On Tuesday the group reached Tonalá, in Chiapas state, and they will walk toward Arriaga next week.
";

#[test]
fn sightings_from_spanish_and_english_articles() {
    let dir = tempfile::tempdir().unwrap();
    let es = dir.path().join("es.txt");
    let en = dir.path().join("en.txt");
    std::fs::write(&es, ARTICLE_ES).unwrap();
    std::fs::write(&en, ARTICLE_EN).unwrap();
    let s = sightings(&[], &[&es, &en]);
    let brief: Vec<(&str, &str, &str)> = s
        .iter()
        .map(|x| (x.0.as_str(), x.1.as_str(), x.2.as_str()))
        .collect();
    // 2021-11-06 is a Saturday; 2021-11-10 a Wednesday
    for want in [
        ("2021-11-03", "Huixtla", "departure"),
        ("2021-11-04", "Escuintla", "night_stop"),
        ("2021-11-05", "Mapastepec", "arrival"),
        ("2021-11-08", "Mapastepec", "departure"),
        ("2021-11-08", "Pijijiapan", "night_stop"),
        ("2021-11-09", "Tonalá", "arrival"),
    ] {
        assert!(brief.contains(&want), "missing {want:?} in {brief:?}");
    }
    // "esta semana" names no day, "toward Arriaga next week" is a plan
    assert!(
        !brief
            .iter()
            .any(|x| x.1 == "Acapetahua" || x.1 == "Arriaga"),
        "{brief:?}"
    );
    let escuintla = s.iter().find(|x| x.1 == "Escuintla").unwrap();
    assert_eq!(
        (escuintla.3.as_str(), escuintla.4.as_str()),
        ("3000", "estimate")
    );
    let pijijiapan = s.iter().find(|x| x.1 == "Pijijiapan").unwrap();
    assert_eq!(
        (pijijiapan.3.as_str(), pijijiapan.4.as_str()),
        ("2000", "at_least")
    );
}

#[test]
fn toml_blocks_parse_and_carry_the_article_source() {
    let dir = tempfile::tempdir().unwrap();
    let es = dir.path().join("es.txt");
    std::fs::write(&es, ARTICLE_ES).unwrap();
    let out = bin()
        .args(["sightings", "--format", "toml"])
        .arg(&es)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let list = doc["sightings"].as_array().unwrap();
    assert!(list.len() >= 3, "{text}");
    let first = list[0].as_table().unwrap();
    assert_eq!(first["source"]["outlet"].as_str(), Some("Diario de prueba"));
    assert_eq!(first["source"]["date"].as_str(), Some("2021-11-06"));
    assert!(first["note"].as_str().unwrap().contains("miércoles"));
}

#[test]
fn without_a_date_only_full_dates_resolve_and_published_fixes_that() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(
        &a,
        "The caravan slept in Huixtla on Sunday.\nOn October 24, 2018 the caravan arrived in Mapastepec.\n",
    )
    .unwrap();
    let s = sightings(&[], &[&a]);
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(
        (s[0].0.as_str(), s[0].1.as_str()),
        ("2018-10-24", "Mapastepec")
    );
    let s = sightings(&["--published", "2018-10-23"], &[&a]);
    assert!(
        s.iter().any(|x| x.0 == "2018-10-21" && x.1 == "Huixtla"),
        "{s:?}"
    );
    let out = bin()
        .args(["sightings", "--published", "23/10/2018"])
        .arg(&a)
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("--published"));
}

#[test]
fn a_draft_runs_with_scenario_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let es = dir.path().join("es.txt");
    let en = dir.path().join("en.txt");
    std::fs::write(&es, ARTICLE_ES).unwrap();
    std::fs::write(&en, ARTICLE_EN).unwrap();
    let draft = dir.path().join("draft.toml");
    bin()
        .args(["draft", "--id", "coast-nov2021", "--out"])
        .arg(&draft)
        .arg(&es)
        .arg(&en)
        .assert()
        .success();
    let text = std::fs::read_to_string(&draft).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(doc["depart"].as_str(), Some("2021-11-03"));
    let route: Vec<&str> = doc["route"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(route.first(), Some(&"Huixtla"));
    assert!(route.contains(&"Pijijiapan"), "{route:?}");
    assert!(text.contains("assumed"));
    let out = dir.path().join("run");
    bin()
        .arg("--scenario")
        .arg(&draft)
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    assert!(out.join("positions.geojson").is_file());
}

#[test]
fn draft_warns_of_contradictions() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(
        &a,
        "date: 2021-11-10\n\nOn Monday the caravan slept in Tonalá, Chiapas. On Monday the caravan also slept in Tapachula.\nOn Tuesday the caravan arrived in Huixtla.\n",
    )
    .unwrap();
    let out = bin()
        .args(["draft", "--id", "x"])
        .arg(&a)
        .assert()
        .success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let toml_text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(err.contains("two places on 2021-11-08"), "{err}");
    assert!(err.contains("moving backwards"), "{err}");
    assert!(toml_text.contains("# WARNING: two places"), "{toml_text}");
}

#[test]
fn binary_files_and_devices_are_refused_without_reading_them_whole() {
    for args in [vec!["extract", "/dev/zero"], vec!["sightings", "/dev/zero"]] {
        let out = bin()
            .args(&args)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2);
        let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(err.contains("/dev/zero") && err.contains("NUL"), "{err}");
    }
}

#[test]
fn files_over_the_size_limit_are_refused_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "Tapachula. ".repeat(200_000)).unwrap(); // 2.2 MB
    let out = bin()
        .args(["extract", "--max-file-mb", "1"])
        .arg(&big)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("big.txt") && err.contains("limit of 1 MB"),
        "{err}"
    );
}

#[test]
fn a_very_long_line_streams_and_keeps_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.txt");
    let mut text = String::from("First line.\n");
    for _ in 0..20_000 {
        text.push_str("The caravan walked on and on through the hot afternoon. ");
    }
    text.push_str("They slept in Huixtla. ");
    text.push_str(&"More walking followed. ".repeat(10_000));
    text.push_str("\nThe group reached Mapastepec.\n");
    std::fs::write(&long, &text).unwrap();
    let out = bin()
        .args(["extract", "--format", "csv"])
        .arg(&long)
        .assert()
        .success();
    let rows = csv_rows(&out.get_output().stdout);
    let by_name: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r[2].to_string(), r[r.len() - 2].to_string()))
        .collect();
    assert_eq!(
        by_name,
        vec![
            ("Huixtla".into(), "2".into()),
            ("Mapastepec".into(), "3".into())
        ]
    );
}

#[test]
fn a_draft_from_the_five_seed_articles_runs() {
    let seeds: Vec<PathBuf> = [
        "000_a083005711d1521f",
        "001_9c667aca175d9670",
        "002_e97a5fa9ece780d8",
        "003_25321d6d4e84da1a",
        "004_b4ab622afc7e3840",
    ]
    .iter()
    .filter_map(|s| seed(s))
    .collect();
    if seeds.len() < 5 {
        eprintln!("skipped: seed articles not found (set ROUTE_SIM_SEEDS_DIR)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("seeds.toml");
    let out = bin()
        .args(["draft", "--id", "seeds", "--out"])
        .arg(&draft)
        .args(&seeds)
        .assert()
        .success();
    // the 2021 sighting is another caravan: left out with a warning
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("left out"), "{err}");
    bin()
        .arg("--scenario")
        .arg(&draft)
        .arg("--out")
        .arg(dir.path().join("run"))
        .arg("-q")
        .assert()
        .success();
}
