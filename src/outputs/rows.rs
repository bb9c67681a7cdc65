//! Each daily record placed on the map once: coordinates, nearest town, country.
//!
//! Shared by positions.geojson, tracks.geojson, daily.csv and the maps, so they agree.

use crate::gazetteer::{Borders, Gazetteer, LonLat, chord_distance, common_country_name};
use crate::route::Route;
use crate::simulate::{DayRecord, Run};
use chrono::NaiveDate;
use geo::{BoundingRect, Coord, Distance, Euclidean, Intersects, Line, LineString, Rect};
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
        let mut countries = SegmentCountries::new(route, borders);
        let group_names: Vec<Arc<str>> = run
            .group_names
            .iter()
            .map(|n| Arc::from(n.as_str()))
            .collect();
        // Groups share places (a stop, a camp, the end of the route): each km is placed
        // once, in route order, so that one nearest-town search serves a stretch of them.
        let mut kms: Vec<u64> = run.records.iter().map(|r| r.km.to_bits()).collect();
        kms.sort_unstable();
        kms.dedup();
        let mut nearest = NearestTowns::new(gazetteer);
        let placed: HashMap<u64, (LonLat, Arc<str>, Arc<str>)> = kms
            .into_iter()
            .map(|bits| {
                let km = f64::from_bits(bits);
                let at = route.position_at_km(km);
                let segment = km.is_finite().then(|| route.segment_at(km));
                let place = match segment.and_then(|i| countries.of_segment(i)) {
                    Some(country) => (at, nearest.name_at(at), country),
                    None => {
                        let (near, country) = near_and_country(at, gazetteer, borders);
                        (at, near.into(), country.into())
                    }
                };
                (bits, place)
            })
            .collect();
        let rows: Vec<PositionRow> = run
            .records
            .iter()
            .map(|r| {
                let (at, near, country) = placed[&r.km.to_bits()].clone();
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

/// The nearest town of positions along the route, searched for once per stretch: after a
/// search at `p` (town `T`, the next nearest town at chord distance `runner_up`), a point
/// `q` nearer to `T` than `runner_up` minus the chord from `p` to `q` has `T`, alone, as
/// its nearest town (any other town is at least `runner_up` from `p`, so at least that
/// minus the chord from `q`). Anything closer than a margin far above rounding searches
/// again, so the answer is always the search's own.
struct NearestTowns<'a> {
    gazetteer: &'a Gazetteer,
    /// The last search: where, the town's position and shared name, the runner-up's distance.
    last: Option<(LonLat, LonLat, Arc<str>, f64)>,
}

impl<'a> NearestTowns<'a> {
    /// Chord distance (on the unit sphere; about 6 × 10^-6 km) by which the answer must win.
    const MARGIN: f64 = 1e-12;

    fn new(gazetteer: &'a Gazetteer) -> Self {
        Self {
            gazetteer,
            last: None,
        }
    }

    /// The name of the town nearest to `at` (empty for an empty gazetteer).
    fn name_at(&mut self, at: LonLat) -> Arc<str> {
        if let Some((p, town, name, runner_up)) = &self.last
            && chord_distance(at, *town) + Self::MARGIN < runner_up - chord_distance(at, *p)
        {
            return Arc::clone(name);
        }
        match self.gazetteer.nearest_town_with_margin(at) {
            Some((town, _, runner_up)) => {
                let name: Arc<str> = Arc::from(town.name.as_str());
                self.last = Some((at, town.coord, Arc::clone(&name), runner_up));
                name
            }
            None => Arc::from(""),
        }
    }
}

/// The country of each route segment that lies in one country, found once per segment:
/// a segment no border comes near (closer than [`SegmentCountries::CLEARANCE_DEG`], far more
/// than the rounding of a point placed on it) lies wholly inside or wholly outside every
/// country polygon, so each of its points is in the country its midpoint is in.
struct SegmentCountries<'a> {
    line: &'a [(LonLat, f64)],
    borders: &'a Borders,
    /// Every border ring with its bounding box.
    rings: Vec<(Rect<f64>, &'a LineString<f64>)>,
    /// Per segment, once looked at: its country, if it has one.
    known: Vec<SegmentCountry>,
}

/// What is known of one segment's country.
#[derive(Debug, Clone)]
enum SegmentCountry {
    /// Not looked at yet.
    Unknown,
    /// Every point of it lies in this country.
    Whole(Arc<str>),
    /// A border comes near it, or it lies at sea (where each point's country is its
    /// nearest town's): each point is placed on its own.
    PerPoint,
}

impl<'a> SegmentCountries<'a> {
    /// How near a border may come to a segment, in degrees (about 1 cm).
    const CLEARANCE_DEG: f64 = 1e-7;

    fn new(route: &'a Route, borders: &'a Borders) -> Self {
        let rings = borders
            .countries()
            .flat_map(|(_, mp)| mp.iter())
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .filter_map(|ring| Some((ring.bounding_rect()?, ring)))
            .collect();
        Self {
            line: route.line(),
            borders,
            rings,
            known: vec![SegmentCountry::Unknown; route.line().len().saturating_sub(1)],
        }
    }

    /// The country every point of segment `i` lies in, if there is one.
    fn of_segment(&mut self, i: usize) -> Option<Arc<str>> {
        match self.known.get(i)? {
            SegmentCountry::Whole(country) => return Some(Arc::clone(country)),
            SegmentCountry::PerPoint => return None,
            SegmentCountry::Unknown => {}
        }
        let (a, b) = (self.line[i].0, self.line[i + 1].0);
        let segment = Line::new(a.to_point().0, b.to_point().0);
        let pad = Self::CLEARANCE_DEG * 2.0;
        let reach = Rect::new(
            Coord {
                x: a.lon_deg.min(b.lon_deg) - pad,
                y: a.lat_deg.min(b.lat_deg) - pad,
            },
            Coord {
                x: a.lon_deg.max(b.lon_deg) + pad,
                y: a.lat_deg.max(b.lat_deg) + pad,
            },
        );
        let clear = self
            .rings
            .iter()
            .filter(|(bounds, _)| bounds.intersects(&reach))
            .flat_map(|(_, ring)| ring.lines())
            .filter(|edge| edge.bounding_rect().intersects(&reach))
            .all(|edge| Euclidean.distance(&segment, &edge) > Self::CLEARANCE_DEG);
        let country = if clear {
            self.borders
                .country_at(a.lerp(b, 0.5))
                .map(|c| Arc::from(common_country_name(c)))
        } else {
            None
        };
        self.known[i] = match &country {
            Some(c) => SegmentCountry::Whole(Arc::clone(c)),
            None => SegmentCountry::PerPoint,
        };
        country
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segments_country_is_the_country_of_every_point_on_it() {
        let gazetteer = Gazetteer::bundled();
        let borders = Borders::bundled();
        let mut segments_with_a_country = 0;
        for id in crate::scenario::bundled_ids() {
            let scenario = crate::scenario::load_bundled(id, &gazetteer)
                .expect("bundled")
                .expect("valid");
            let route = Route::of_scenario(&scenario).expect("a route");
            let mut countries = SegmentCountries::new(&route, borders);
            // Every vertex and 40 points between each two, border crossings included.
            let kms: Vec<f64> = route
                .line()
                .windows(2)
                .flat_map(|w| {
                    (0..40).map(move |k| w[0].1 + (w[1].1 - w[0].1) * f64::from(k) / 40.0)
                })
                .chain(route.line().iter().map(|v| v.1))
                .collect();
            for km in kms {
                let at = route.position_at_km(km);
                if let Some(country) = countries.of_segment(route.segment_at(km)) {
                    segments_with_a_country += 1;
                    assert_eq!(
                        &*country,
                        near_and_country(at, &gazetteer, borders).1,
                        "{id} at km {km}"
                    );
                }
            }
        }
        assert!(segments_with_a_country > 1000);
    }

    #[test]
    fn the_nearest_town_of_a_stretch_is_the_searchs_own_at_every_point() {
        let gazetteer = Gazetteer::bundled();
        let (mut points, mut searches) = (0, 0);
        for id in crate::scenario::bundled_ids() {
            let scenario = crate::scenario::load_bundled(id, &gazetteer)
                .expect("bundled")
                .expect("valid");
            let route = Route::of_scenario(&scenario).expect("a route");
            let mut nearest = NearestTowns::new(&gazetteer);
            // Every 50 m along the route, then back again in 7 km steps (far apart points).
            let length = route.length_km();
            let kms = (0..)
                .map(|i| f64::from(i) * 0.05)
                .take_while(|km| *km <= length)
                .chain(
                    (0..)
                        .map(|i| length - f64::from(i) * 7.0)
                        .take_while(|km| *km >= 0.0),
                );
            for km in kms {
                let at = route.position_at_km(km);
                let before = nearest.last.as_ref().map(|l| l.0);
                let name = nearest.name_at(at);
                if nearest.last.as_ref().map(|l| l.0) != before {
                    searches += 1;
                }
                points += 1;
                let town = gazetteer.nearest_town(at).expect("a town");
                assert_eq!(&*name, town.name, "{id} at km {km}");
            }
        }
        // Most points share a search (and the test covers both paths).
        assert!(
            searches * 4 < points,
            "{searches} searches for {points} points"
        );
    }
}
