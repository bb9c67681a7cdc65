//! Each daily record placed on the map once: coordinates, nearest town, country.
//!
//! Shared by positions.geojson, tracks.geojson, daily.csv and the maps, so they agree.

use crate::gazetteer::{Borders, Gazetteer, LonLat, common_country_name};
use crate::route::Route;
use crate::simulate::{DayRecord, Run};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// A daily record with everything a table row or map point shows.
#[derive(Debug, Clone)]
pub struct PositionRow {
    /// The simulated day of one group.
    pub record: DayRecord,
    /// The group's name (shared by the group's rows).
    pub group_name: Arc<str>,
    /// Calendar date of the record's day.
    pub date: NaiveDate,
    /// Position on the route line at the record's km.
    pub at: LonLat,
    /// Name of the nearest town (shared by the rows at one place).
    pub near: Arc<str>,
    /// Country the position lies in (by the border polygons; else the nearest town's).
    pub country: Arc<str>,
}

impl PositionRow {
    /// ISO 8601 UTC noon of the day, the form QGIS, kepler.gl and MovingPandas animate.
    pub fn time(&self) -> String {
        noon_utc(self.date)
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

/// Every daily record of a run placed on the map, in the run's (day, group) order, with an
/// index to each group's rows: outputs that draw or write one group at a time (tracks, trips,
/// the maps) read a group's rows directly, where a scan of every row per group made the
/// main job's cost grow with groups × records.
#[derive(Debug, Clone, Default)]
pub struct PositionRows {
    rows: Vec<PositionRow>,
    /// Row indices grouped by group, each group's in day order: group `g`'s are
    /// `by_group[group_start[g]..group_start[g + 1]]`.
    by_group: Vec<usize>,
    group_start: Vec<usize>,
    /// Per day of the run: its date as written (`2018-10-13`) and its noon UTC
    /// (`2018-10-13T12:00:00Z`), formatted once for all the rows of that day.
    day_text: Vec<(String, String)>,
}

impl PositionRows {
    /// Rows for every daily record. `country` comes from the border polygons (the nearest
    /// town is often across the border near one); at sea or outside the borders' box, from
    /// the nearest town.
    pub fn new(run: &Run, route: &Route, gazetteer: &Gazetteer) -> Self {
        let borders = Borders::bundled();
        let group_names: Vec<Arc<str>> = run
            .group_names
            .iter()
            .map(|n| Arc::from(n.as_str()))
            .collect();
        // Groups share places (a stop, a camp, the end of the route): each km is placed once.
        let mut placed: HashMap<u64, (LonLat, Arc<str>, Arc<str>)> = HashMap::new();
        let rows: Vec<PositionRow> = run
            .records
            .iter()
            .map(|r| {
                let (at, near, country) = placed
                    .entry(r.km.to_bits())
                    .or_insert_with(|| {
                        let at = route.position_at_km(r.km);
                        let (near, country) = near_and_country(at, gazetteer, borders);
                        (at, near.into(), country.into())
                    })
                    .clone();
                PositionRow {
                    record: *r,
                    group_name: Arc::clone(&group_names[usize::from(r.group)]),
                    date: run.date_of(r.day),
                    at,
                    near,
                    country,
                }
            })
            .collect();
        // Every row's day has its text (records lie within the run's days; the maximum is
        // taken anyway, so the look-ups below cannot miss).
        let days = rows
            .iter()
            .map(|r| r.record.day + 1)
            .fold(run.days, u32::max);
        let day_text = (0..days)
            .map(|d| {
                let date = run.date_of(d);
                (date.to_string(), noon_utc(date))
            })
            .collect();
        // A counting sort by group: stable, so each group's rows stay in day order.
        let groups = run.group_names.len();
        let mut group_start = vec![0; groups + 1];
        for r in &rows {
            group_start[usize::from(r.record.group) + 1] += 1;
        }
        for g in 0..groups {
            group_start[g + 1] += group_start[g];
        }
        let mut next = group_start.clone();
        let mut by_group = vec![0; rows.len()];
        for (i, r) in rows.iter().enumerate() {
            let slot = &mut next[usize::from(r.record.group)];
            by_group[*slot] = i;
            *slot += 1;
        }
        Self {
            rows,
            by_group,
            group_start,
            day_text,
        }
    }

    /// A row's date as every output writes it (`2018-10-13`); `row` is one of these rows.
    pub fn date_text(&self, row: &PositionRow) -> &str {
        &self.day_text[row.record.day as usize].0
    }

    /// A row's time as every output writes it (ISO 8601 UTC noon, [`PositionRow::time`]);
    /// `row` is one of these rows.
    pub fn time_text(&self, row: &PositionRow) -> &str {
        &self.day_text[row.record.day as usize].1
    }

    /// Every row, in (day, group) order.
    pub fn all(&self) -> &[PositionRow] {
        &self.rows
    }

    /// Group `g`'s rows in day order (none for a group that never formed or is unknown).
    pub fn of_group(
        &self,
        g: usize,
    ) -> impl DoubleEndedIterator<Item = &PositionRow> + ExactSizeIterator + Clone {
        let range = match (self.group_start.get(g), self.group_start.get(g + 1)) {
            (Some(&from), Some(&to)) => from..to,
            _ => 0..0,
        };
        self.by_group[range].iter().map(|&i| &self.rows[i])
    }
}

/// The nearest town's name, and the country the point lies in (by the border polygons; at
/// sea or outside the borders' box, the nearest town's country).
pub fn near_and_country(at: LonLat, gazetteer: &Gazetteer, borders: &Borders) -> (String, String) {
    let (near, town_country) = gazetteer
        .nearest_town(at)
        .map_or((String::new(), String::new()), |t| {
            (t.name.clone(), t.country.clone())
        });
    let country = borders
        .country_at(at)
        .map_or(town_country, |c| common_country_name(c).to_string());
    (near, country)
}

/// ISO 8601 UTC noon of a date (`2018-10-13T12:00:00Z`).
fn noon_utc(date: NaiveDate) -> String {
    format!("{}T12:00:00Z", date.format("%Y-%m-%d"))
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
