//! The record (issue 9): every bundled sighting is sourced, dated inside its caravan's span
//! and placed on or near its route; `route-sim record` writes it as CSV and GeoJSON that
//! parse back to the same rows.

mod common;

use common::*;
use route_sim::gazetteer::Gazetteer;
use route_sim::outputs::record_rows;
use route_sim::record::Record;
use route_sim::scenario::{SightingKind, Source};
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn record() -> &'static Record {
    static R: OnceLock<Record> = OnceLock::new();
    R.get_or_init(|| Record::bundled(&Gazetteer::bundled()).expect("bundled caravans load"))
}

/// Positions further off the route than this are reported (and fail above the hard limit).
const NOTE_OFF_ROUTE_KM: f64 = 25.0;
/// A sighting this far from the route line cannot be about a group on it.
const MAX_OFF_ROUTE_KM: f64 = 150.0;

#[test]
fn every_bundled_sighting_lies_on_or_near_its_caravans_route() {
    let rows = record_rows(record()).expect("bundled routes are valid");
    let mut far = Vec::new();
    for r in &rows {
        let (c, s) = (r.entry.caravan, r.entry.sighting);
        if r.off_route_km > NOTE_OFF_ROUTE_KM {
            far.push(format!(
                "{} {} {} ({}): {:.0} km off the route",
                c.id(),
                s.date(),
                s.place().name,
                s.kind(),
                r.off_route_km
            ));
        }
    }
    if !far.is_empty() {
        println!(
            "sightings more than {NOTE_OFF_ROUTE_KM} km off their route:\n  {}",
            far.join("\n  ")
        );
    }
    let too_far: Vec<_> = rows
        .iter()
        .filter(|r| r.off_route_km > MAX_OFF_ROUTE_KM)
        .map(|r| {
            format!(
                "{} {} {}: {:.0} km",
                r.entry.caravan.id(),
                r.entry.sighting.date(),
                r.entry.sighting.place().name,
                r.off_route_km
            )
        })
        .collect();
    assert!(
        too_far.is_empty(),
        "sightings far from their route: {too_far:#?}"
    );
}

#[test]
fn every_bundled_sighting_is_dated_inside_its_caravans_span() {
    for e in record().entries() {
        let (c, s) = (e.caravan, e.sighting);
        let last = c.depart() + chrono::Days::new(u64::from(c.params().max_days()));
        assert!(
            c.depart() <= s.date() && s.date() <= last,
            "{} {} {}: outside {}..={last}",
            c.id(),
            s.date(),
            s.place().name,
            c.depart()
        );
    }
}

#[test]
fn every_bundled_source_names_an_outlet_and_a_url_or_an_existing_seed_record() {
    let seeds_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for e in record().entries() {
        let (c, s) = (e.caravan, e.sighting);
        match &s.source() {
            Source::Seed(path) => assert!(
                seeds_dir.join(path).is_file(),
                "{} {}: seed record {path} does not exist",
                c.id(),
                s.date()
            ),
            Source::Report(r) => {
                assert!(
                    !r.outlet.is_empty() && !r.title.is_empty(),
                    "{} {}",
                    c.id(),
                    s.date()
                );
                assert!(
                    r.url.starts_with("http"),
                    "{} {}: {}",
                    c.id(),
                    s.date(),
                    r.url
                );
                assert!(
                    r.date >= s.date(),
                    "{} {}: report before the sighting",
                    c.id(),
                    s.date()
                );
            }
        }
    }
}

#[test]
fn the_honduran_caravan_has_a_position_for_most_days_from_13_october_to_25_november() {
    let c = record().caravan("honduras-oct2018").expect("bundled");
    let days: BTreeSet<_> = c
        .sightings()
        .iter()
        .filter(|s| s.is_position() && s.group().is_none())
        .map(route_sim::scenario::Sighting::date)
        .collect();
    let first = chrono::NaiveDate::from_ymd_opt(2018, 10, 13).unwrap();
    let last = chrono::NaiveDate::from_ymd_opt(2018, 11, 25).unwrap();
    let span = (last - first).num_days() + 1;
    let covered = days.iter().filter(|d| (first..=last).contains(*d)).count() as i64;
    assert!(
        covered * 2 > span,
        "main-body positions on {covered} of {span} days"
    );
}

#[test]
fn the_record_has_at_least_150_sightings_over_at_least_8_caravans() {
    let r = record();
    let with_sightings = r
        .caravans
        .iter()
        .filter(|c| !c.sightings().is_empty())
        .count();
    assert!(r.len() >= 150, "{} sightings", r.len());
    assert!(
        with_sightings >= 8,
        "{with_sightings} caravans with sightings"
    );
}

/// `route-sim record` with `args`; asserts exit 0 and returns stdout.
fn record_cmd(args: &[&str]) -> Vec<u8> {
    let output = route_sim()
        .arg("record")
        .args(args)
        .output()
        .expect("run route-sim record");
    assert!(
        output.status.success(),
        "route-sim record {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn record_csv_parses_back_to_one_row_per_sighting_with_its_source() {
    let bytes = record_cmd(&["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), record().len(), "one row per sighting");
    for (row, e) in rows.iter().zip(record().entries()) {
        let s = e.sighting;
        assert_eq!(&row[col("caravan")], e.caravan.id());
        assert_eq!(row[col("date")], s.date().to_string());
        assert_eq!(row[col("place")], s.place().name);
        assert_eq!(&row[col("kind")], s.kind().name());
        let lon: f64 = row[col("lon")].parse().unwrap();
        let lat: f64 = row[col("lat")].parse().unwrap();
        assert!(
            (lon - s.place().coord.lon_deg).abs() < 1e-6
                && (lat - s.place().coord.lat_deg).abs() < 1e-6
        );
        assert_eq!(
            row[col("headcount")],
            s.headcount().map_or(String::new(), |h| h.to_string())
        );
        assert_eq!(&row[col("group")], s.group().unwrap_or(""));
        let off: f64 = row[col("off_route_km")].parse().unwrap();
        assert!(off >= 0.0);
        match &s.source() {
            Source::Seed(p) => {
                assert_eq!(&row[col("seed_record")], p);
                assert_eq!(&row[col("source_url")], "");
            }
            Source::Report(r) => {
                assert_eq!(row[col("source_outlet")], r.outlet);
                assert_eq!(row[col("source_url")], r.url);
                assert_eq!(row[col("source_date")], r.date.to_string());
                assert_eq!(&row[col("seed_record")], "");
            }
        }
        assert_eq!(row[col("line")], s.line().to_string());
    }
}

#[test]
fn record_geojson_is_one_point_per_sighting_at_its_place() {
    let dir = temp_dir();
    let path = dir.path().join("record.geojson");
    std::fs::write(
        &path,
        record_cmd(&["--format", "geojson", "--caravan", "honduras-oct2018"]),
    )
    .unwrap();
    let features = read_feature_collection(&path);
    let c = record().caravan("honduras-oct2018").unwrap();
    assert_eq!(features.len(), c.sightings().len());
    for (f, s) in features.iter().zip(c.sightings()) {
        assert_eq!(f["geometry"]["type"], "Point");
        let xy = &f["geometry"]["coordinates"];
        assert!((xy[0].as_f64().unwrap() - s.place().coord.lon_deg).abs() < 1e-6);
        assert!((xy[1].as_f64().unwrap() - s.place().coord.lat_deg).abs() < 1e-6);
        let p = &f["properties"];
        assert_eq!(p["caravan"], "honduras-oct2018");
        assert_eq!(p["date"], s.date().to_string());
        assert_eq!(p["kind"], s.kind().name());
        assert_eq!(p["is_position"], s.kind() != SightingKind::Count);
        assert!(p["source_url"].is_string() || p["seed_record"].is_string());
    }
}

#[test]
fn record_of_an_unknown_caravan_exits_2_and_lists_the_known_ones() {
    let output = route_sim()
        .args(["record", "--caravan", "honduras-oct2019"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("honduras-oct2019") && stderr.contains("honduras-oct2018"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "nothing on stdout");
}

#[test]
fn list_shows_sightings_per_caravan_and_their_date_span() {
    let output = route_sim().arg("list").output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    for c in &record().caravans {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(c.id()))
            .unwrap_or_else(|| panic!("{} listed", c.id()));
        let first = c
            .sightings()
            .iter()
            .map(route_sim::scenario::Sighting::date)
            .min()
            .unwrap();
        let last = c
            .sightings()
            .iter()
            .map(route_sim::scenario::Sighting::date)
            .max()
            .unwrap();
        assert!(
            line.contains(&format!("{} from {first} to {last}", c.sightings().len())),
            "{line}"
        );
    }
}
