//! Each daily record placed on the map once: coordinates, nearest town, country.
//!
//! Shared by positions.geojson, tracks.geojson, daily.csv and the maps, so they agree.

use crate::gazetteer::{Borders, Gazetteer, LonLat, common_country_name};
use crate::route::Route;
use crate::simulate::{DayRecord, Run};
use chrono::NaiveDate;

/// A daily record with everything a table row or map point shows.
#[derive(Debug, Clone)]
pub struct PositionRow {
    pub record: DayRecord,
    pub group_name: String,
    pub date: NaiveDate,
    pub at: LonLat,
    pub near: String,
    pub country: String,
}

impl PositionRow {
    /// ISO 8601 UTC noon of the day, the form QGIS, kepler.gl and MovingPandas animate.
    pub fn time(&self) -> String {
        format!("{}T12:00:00Z", self.date.format("%Y-%m-%d"))
    }

    /// Road km to 0.1 km ([`round_km`]), as every output writes it.
    pub fn km_rounded(&self) -> f64 {
        round_km(self.record.km)
    }

    /// Whole people, rounded here once for the same reason (`{:.0}` of 2.5 is "2").
    pub fn headcount_rounded(&self) -> u64 {
        self.record.headcount.round() as u64
    }
}

/// Rows for every daily record. `country` comes from the border polygons (the nearest town
/// is often across the border near one); at sea or outside the borders' box, from the nearest town.
pub fn position_rows(run: &Run, route: &Route, gazetteer: &Gazetteer) -> Vec<PositionRow> {
    let borders = Borders::bundled();
    run.records
        .iter()
        .map(|r| {
            let at = route.position_at_km(r.km);
            let (near, country) = near_and_country(at, gazetteer, borders);
            PositionRow {
                record: *r,
                group_name: run.group_names[usize::from(r.group)].clone(),
                date: run.date_of(r.day),
                at,
                near,
                country,
            }
        })
        .collect()
}

/// The nearest town's name, and the country the point lies in (by the border polygons; at
/// sea or outside the borders' box, the nearest town's country).
pub fn near_and_country(at: LonLat, gazetteer: &Gazetteer, borders: &Borders) -> (String, String) {
    let (near, town_country) = gazetteer
        .nearest(at)
        .map_or((String::new(), String::new()), |(t, _)| {
            (t.name.clone(), t.country.clone())
        });
    let country = borders
        .country_at(at)
        .map_or(town_country, |c| common_country_name(c).to_string());
    (near, country)
}

/// Round to 6 decimals (about 0.1 m), the precision the output contract asks for.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Road km to 0.1 km, the precision of every km in the outputs; rounded by this one
/// function so all files agree (`{:.1}` alone rounds ties differently from `round`).
pub fn round_km(km: f64) -> f64 {
    (km * 10.0).round() / 10.0
}
