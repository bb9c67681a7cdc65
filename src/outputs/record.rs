//! The record as files: one row per sighting (`route-sim record`), as a table, CSV or GeoJSON.

use super::geojson::{collection, feature, pos};
use super::round_km;
use crate::record::{Entry, Record};
use crate::route::{Route, RouteError};
use crate::scenario::Source;
use geojson::{Feature, GeometryValue};
use serde_json::json;

/// One sighting of the record with where it lies on its caravan's route.
#[derive(Debug, Clone)]
pub struct RecordRow<'a> {
    /// The sighting and its caravan.
    pub entry: Entry<'a>,
    /// Road km from the caravan's start of the point of the route nearest the place.
    pub route_km: f64,
    /// Straight km from the place to the route line (0 for a route town).
    pub off_route_km: f64,
}

/// Every sighting of the record, located on its caravan's route.
pub fn record_rows(record: &Record) -> Result<Vec<RecordRow<'_>>, RouteError> {
    let mut rows = Vec::with_capacity(record.len());
    for caravan in &record.caravans {
        let route = Route::of_scenario(caravan)?;
        for sighting in caravan.sightings() {
            let (route_km, off_route_km) = route.locate(sighting.place());
            rows.push(RecordRow {
                entry: Entry { caravan, sighting },
                route_km,
                off_route_km,
            });
        }
    }
    Ok(rows)
}

/// The CSV columns, in order (README, "The record").
pub const RECORD_COLUMNS: [&str; 22] = [
    "caravan",
    "date",
    "place",
    "admin1",
    "country",
    "town_id",
    "lon",
    "lat",
    "kind",
    "headcount",
    "headcount_kind",
    "group",
    "route_km",
    "off_route_km",
    "source_outlet",
    "source_title",
    "source_date",
    "source_url",
    "seed_record",
    "note",
    "file",
    "line",
];

fn km(x: f64) -> String {
    format!("{x:.1}")
}

/// One row per sighting; an empty `group` is the main body, empty source columns are those
/// of the other source form (a seed record or a report).
pub fn record_csv(rows: &[RecordRow]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(RECORD_COLUMNS).expect("write to memory");
    for r in rows {
        let (c, s) = (r.entry.caravan, r.entry.sighting);
        let report = s.source().report();
        let seed = match &s.source() {
            Source::Seed(path) => path.as_str(),
            Source::Report(_) => "",
        };
        w.write_record([
            c.id(),
            &s.date().to_string(),
            &s.place().name,
            &s.place().admin1,
            &s.place().country,
            &s.place().id,
            &format!("{:.6}", s.place().coord.lon_deg),
            &format!("{:.6}", s.place().coord.lat_deg),
            s.kind().name(),
            &s.headcount().map_or(String::new(), |h| h.to_string()),
            s.headcount().map_or("", |_| s.headcount_kind().name()),
            s.group().unwrap_or(""),
            &km(r.route_km),
            &km(r.off_route_km),
            report.map_or("", |r| r.outlet.as_str()),
            report.map_or("", |r| r.title.as_str()),
            &report.map_or(String::new(), |r| r.date.to_string()),
            report.map_or("", |r| r.url.as_str()),
            seed,
            s.note(),
            c.source_name(),
            &s.line().to_string(),
        ])
        .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// One Point per sighting with the CSV's columns as properties (`null` where empty).
pub fn record_geojson(rows: &[RecordRow]) -> Vec<u8> {
    let features: Vec<Feature> = rows
        .iter()
        .map(|r| {
            let (c, s) = (r.entry.caravan, r.entry.sighting);
            let report = s.source().report();
            let seed = match &s.source() {
                Source::Seed(path) => Some(path.as_str()),
                Source::Report(_) => None,
            };
            feature(
                GeometryValue::new_point(pos(s.place().coord)),
                json!({
                    "caravan": c.id(), "date": s.date().to_string(), "time": format!("{}T12:00:00Z", s.date()),
                    "place": s.place().name, "admin1": s.place().admin1, "country": s.place().country,
                    "town_id": s.place().id, "kind": s.kind().name(), "is_position": s.is_position(),
                    "headcount": s.headcount(), "headcount_kind": s.headcount().map(|_| s.headcount_kind().name()),
                    "group": s.group(), "route_km": round_km(r.route_km),
                    "off_route_km": round_km(r.off_route_km),
                    "source_outlet": report.map(|r| &r.outlet), "source_title": report.map(|r| &r.title),
                    "source_date": report.map(|r| r.date.to_string()), "source_url": report.map(|r| &r.url),
                    "seed_record": seed, "note": s.note(), "file": c.source_name(), "line": s.line(),
                }),
            )
        })
        .collect();
    collection(&features)
}

/// A fixed-width table for the terminal: one line per sighting, the source shortened.
pub fn record_table(rows: &[RecordRow]) -> String {
    let mut out = format!(
        "{:<20} {:<10} {:<26} {:<11} {:>9} {:<9} {:<10} {:>7} {:>6}  {}\n",
        "caravan", "date", "place", "kind", "headcount", "hc kind", "group", "km", "off", "source"
    );
    for r in rows {
        let (c, s) = (r.entry.caravan, r.entry.sighting);
        let source = match &s.source() {
            Source::Seed(path) => path.clone(),
            Source::Report(rep) => format!("{}, {}", rep.outlet, rep.date),
        };
        out.push_str(&format!(
            "{:<20} {:<10} {:<26} {:<11} {:>9} {:<9} {:<10} {:>7.0} {:>6.0}  {}\n",
            c.id(),
            s.date(),
            truncate(&s.place().name, 26),
            s.kind().name(),
            s.headcount().map_or(String::new(), |h| h.to_string()),
            s.headcount().map_or("", |_| s.headcount_kind().name()),
            s.group().unwrap_or("main body"),
            r.route_km,
            r.off_route_km,
            source
        ));
    }
    out
}

fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(chars - 1).collect();
        t.push('…');
        t
    }
}
