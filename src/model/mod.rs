//! Stage: a behaviour model of caravans, learned from the record of past caravans.
//!
//! A group's day is in one of a few regimes — walking, resting, riding (buses, trucks,
//! lifts), held (at a border or in a big city's shelters) or dispersed — with a daily
//! distance per regime and daily transition probabilities. Place matters where the record
//! says it does: crossing a border or reaching a big city may hold a group for days, the
//! chance of a ride depends on the stretch of the corridor (Central America, Chiapas and
//! Oaxaca, the rest of Mexico), and police dispersals are a daily hazard in Guatemala,
//! Chiapas and Oaxaca whose rate differs before and after Mexico's mid-2019 enforcement turn.
//!
//! The model is fit to the record by simulated maximum likelihood ([`fit`]): a particle
//! filter gives the likelihood of a caravan's reported positions, and the parameters that
//! maximise it over every caravan (but the one being forecast) are kept.

pub mod fit;
mod params;
pub mod store;

pub use params::{BehaviourParams, N_PARAMS, PARAMS, ParamSpec, ParamsError};

use crate::route::Route;
use crate::scenario::{Scenario, SightingKind};
use chrono::{Datelike, NaiveDate};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

/// What a group does on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    /// On foot at the day's walking pace.
    Walking,
    /// Not moving (a rest day).
    Resting,
    /// On trucks or buses at the ride pace.
    Riding,
    /// Held at a border crossing (a closed gate, a police line, paperwork).
    HeldAtBorder,
    /// Staying in a big city's shelters.
    HeldInCity,
    /// Broken up; the group no longer moves.
    Dispersed,
}

/// The stretches of the corridor where ride chances differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Honduras, El Salvador, Guatemala (and any other country south of Mexico).
    CentralAmerica = 0,
    /// Chiapas and Oaxaca: the first weeks in Mexico, on the coastal highway 200.
    SouthernMexico = 1,
    /// The rest of Mexico and the US border states, where the federal highways and buses start.
    NorthernMexico = 2,
}

/// Populated places at least this large hold shelters caravans stop in (Mexico City in 2018).
pub const BIG_CITY_POPULATION: u64 = 900_000;

/// A route seen by the behaviour model: where borders, big cities and zones are.
#[derive(Debug, Clone)]
pub struct Corridor {
    length_km: f64,
    /// Road km of the first town past each border.
    borders_km: Vec<f64>,
    /// Road km of big cities along the way (not the origin or the final destination).
    cities_km: Vec<f64>,
    /// (from km, zone), ascending.
    zones: Vec<(f64, Zone)>,
    /// Whether police dispersals are in the post-2019 regime for this caravan.
    enforcement_era: bool,
}

fn zone_of(country_code: &str, admin1: &str) -> Zone {
    match country_code {
        "MX" | "US" => {
            if matches!(admin1, "Chiapas" | "Oaxaca") {
                Zone::SouthernMexico
            } else {
                Zone::NorthernMexico
            }
        }
        _ => Zone::CentralAmerica,
    }
}

/// Mexico's enforcement turn (the June 2019 agreement with the US, the National Guard at
/// the southern border): caravans that left after this are dispersed far more often.
pub fn enforcement_era(depart: NaiveDate) -> bool {
    depart.year() > 2019 || (depart.year() == 2019 && depart.month() >= 6)
}

impl Corridor {
    /// The corridor of a route for a caravan that departs on `depart`.
    pub fn new(route: &Route, depart: NaiveDate) -> Self {
        let stops = route.stops();
        let mut borders_km = Vec::new();
        let mut cities_km = Vec::new();
        let mut zones: Vec<(f64, Zone)> = Vec::new();
        for (i, stop) in stops.iter().enumerate() {
            let zone = zone_of(&stop.town.country_code, &stop.town.admin1);
            if zones.last().is_none_or(|z| z.1 != zone) {
                zones.push((stop.km, zone));
            }
            if i > 0 && stops[i - 1].town.country_code != stop.town.country_code {
                borders_km.push(stop.km);
            }
            let big = stop.town.population.unwrap_or(0) >= BIG_CITY_POPULATION;
            if big && i > 0 && i + 1 < stops.len() {
                cities_km.push(stop.km);
            }
        }
        if let Some(first) = zones.first_mut() {
            first.0 = f64::NEG_INFINITY;
        }
        Corridor {
            length_km: route.length_km(),
            borders_km,
            cities_km,
            zones,
            enforcement_era: enforcement_era(depart),
        }
    }

    /// Road length of the route, km.
    pub fn length_km(&self) -> f64 {
        self.length_km
    }

    fn zone_at(&self, km: f64) -> Zone {
        let i = self.zones.partition_point(|z| z.0 <= km);
        self.zones[i.saturating_sub(1)].1
    }

    /// The first border or big city strictly after `from_km` and at or before `to_km`.
    fn first_stop_between(&self, from_km: f64, to_km: f64) -> Option<(f64, Regime)> {
        let hit = |v: &[f64]| v.iter().copied().find(|&k| k > from_km && k <= to_km);
        match (hit(&self.borders_km), hit(&self.cities_km)) {
            (Some(b), Some(c)) if c < b => Some((c, Regime::HeldInCity)),
            (Some(b), _) => Some((b, Regime::HeldAtBorder)),
            (None, Some(c)) => Some((c, Regime::HeldInCity)),
            (None, None) => None,
        }
    }
}

/// One possible history of a group: where it is, what it is doing, and what kind of caravan
/// it is (its own pace and taste for rides, which the filter learns from its reports).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Particle {
    /// Road km from the route's start at the end of the day.
    pub km: f64,
    /// What the group is doing.
    pub regime: Regime,
    /// This caravan's walking pace as a multiple of the typical pace.
    pub walk_factor: f64,
    /// This caravan's ride chances as a multiple of the typical ones.
    pub ride_factor: f64,
}

impl Particle {
    /// A typical group at the start of the route on its departure morning.
    pub fn at_start() -> Self {
        Particle {
            km: 0.0,
            regime: Regime::Walking,
            walk_factor: 1.0,
            ride_factor: 1.0,
        }
    }
}

/// A log-normal factor with median near 1 and mean 1: `exp(s z - s²/2)`.
fn mean_one_factor(sigma: f64, z: f64) -> f64 {
    (sigma * z - 0.5 * sigma * sigma).exp()
}

/// Most a day's chance of starting a rest or a ride can reach, so walking stays possible.
const MAX_START_CHANCE: f64 = 0.95;

/// Where a particle was during one day: its km at dawn and at night.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DaySpan {
    /// Road km at dawn.
    pub start_km: f64,
    /// Road km at night (where it camped).
    pub end_km: f64,
}

impl BehaviourParams {
    /// A group at the start of the route, of a kind drawn from the spread between caravans.
    pub fn start_particle(&self, rng: &mut ChaCha8Rng) -> Particle {
        let z_walk: f64 = StandardNormal.sample(rng);
        let z_ride: f64 = StandardNormal.sample(rng);
        Particle {
            walk_factor: mean_one_factor(self.caravan_walk_spread_frac, z_walk),
            ride_factor: mean_one_factor(self.caravan_ride_spread_frac, z_ride),
            ..Particle::at_start()
        }
    }

    /// Advance a particle by one day: first it decides (regime), then it moves.
    pub fn step(&self, corridor: &Corridor, p: &mut Particle, rng: &mut ChaCha8Rng) -> DaySpan {
        let start_km = p.km;
        if p.regime == Regime::Dispersed || p.km >= corridor.length_km {
            return DaySpan {
                start_km,
                end_km: p.km,
            };
        }
        let zone = corridor.zone_at(p.km);
        let u: f64 = rng.random();
        let hazard = if zone == Zone::NorthernMexico {
            0.0
        } else if corridor.enforcement_era {
            self.dispersal_per_day_since_2019
        } else {
            self.dispersal_per_day_before_2019
        };
        if u < hazard {
            p.regime = Regime::Dispersed;
            return DaySpan {
                start_km,
                end_km: p.km,
            };
        }
        let v: f64 = rng.random();
        p.regime = match p.regime {
            Regime::Walking => {
                let ride = (self.ride_start_per_day[zone as usize] * p.ride_factor)
                    .min(MAX_START_CHANCE - self.rest_start_per_day);
                if v < self.rest_start_per_day {
                    Regime::Resting
                } else if v < self.rest_start_per_day + ride {
                    Regime::Riding
                } else {
                    Regime::Walking
                }
            }
            Regime::Resting if v < 1.0 / self.rest_days_mean => Regime::Walking,
            Regime::Riding if v < 1.0 / self.ride_days_mean => Regime::Walking,
            Regime::HeldAtBorder if v < 1.0 / self.border_hold_days_mean => Regime::Walking,
            Regime::HeldInCity if v < 1.0 / self.city_stay_days_mean => Regime::Walking,
            r => r,
        };
        let z: f64 = StandardNormal.sample(rng);
        let km = match p.regime {
            Regime::Walking => {
                self.walk_km_per_day * p.walk_factor * mean_one_factor(self.walk_variation_frac, z)
            }
            Regime::Riding => self.ride_km_per_day * mean_one_factor(self.ride_variation_frac, z),
            _ => 0.0,
        };
        let mut end_km = (p.km + km).min(corridor.length_km);
        if let Some((stop_km, held)) = corridor.first_stop_between(p.km, end_km) {
            let w: f64 = rng.random();
            let chance = match held {
                Regime::HeldAtBorder => self.border_hold_chance,
                _ => self.city_stay_chance,
            };
            if w < chance {
                end_km = stop_km;
                p.regime = held;
            }
        }
        p.km = end_km;
        DaySpan { start_km, end_km }
    }
}

/// How a report is read against a day of a particle's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObsKind {
    /// Where the group spent the night (a camp, an arrival, a headcount at a place).
    NightStop,
    /// Where the group set out from that morning (it slept there the night before).
    Departure,
    /// Somewhere the group went through during the day.
    Passing,
    /// Police broke the group up there that day.
    Dispersal,
}

/// A reported position of a caravan's main body on a day of its journey.
#[derive(Debug, Clone, PartialEq)]
pub struct PositionObs {
    /// The day the caravan was there.
    pub date: NaiveDate,
    /// Days since departure (0 = the departure day).
    pub day: i64,
    /// What the report says the group did there.
    pub kind: ObsKind,
    /// Road km of the reported place along the route.
    pub km: f64,
    /// Name of the reported place (for people; `km` is what the model uses).
    pub place: String,
}

/// Standard deviation of a report's position around the group's true place, in road km:
/// a town names a camp spread over a few km, and a moving column over tens of km.
pub const REPORT_SIGMA_KM: f64 = 15.0;
/// Share of reports that are wrong beyond that (a misdated or misplaced story).
pub const REPORT_OUTLIER_SHARE: f64 = 0.03;
/// Width of the flat outlier density, km.
const OUTLIER_SPAN_KM: f64 = 3_000.0;

impl PositionObs {
    /// The km of the particle's day this report should match.
    fn target_km(&self, span: DaySpan) -> f64 {
        match self.kind {
            ObsKind::Departure => span.start_km,
            ObsKind::Passing => self.km.clamp(span.start_km, span.end_km),
            ObsKind::NightStop | ObsKind::Dispersal => span.end_km,
        }
    }

    /// Likelihood of this report given a particle's day (density per km, up to a constant).
    pub fn likelihood(&self, span: DaySpan, regime: Regime) -> f64 {
        let d = (self.km - self.target_km(span)) / REPORT_SIGMA_KM;
        let position = (1.0 - REPORT_OUTLIER_SHARE) * (-0.5 * d * d).exp()
            / (REPORT_SIGMA_KM * (2.0 * std::f64::consts::PI).sqrt())
            + REPORT_OUTLIER_SHARE / OUTLIER_SPAN_KM;
        let dispersed = regime == Regime::Dispersed;
        let agreement = match (self.kind, dispersed) {
            (ObsKind::Dispersal, false) => 0.05,
            (ObsKind::Dispersal, true) | (_, false) => 1.0,
            // Reports of a moving group after a dispersal: the remnant went on.
            (_, true) => 0.2,
        };
        position * agreement
    }
}

/// A caravan as the model sees it: its corridor and its main body's reported positions.
#[derive(Debug, Clone)]
pub struct ObservedCaravan {
    /// The caravan's scenario id.
    pub id: String,
    /// Departure date (day 0).
    pub depart: NaiveDate,
    /// The route in the model's terms: length, borders, big cities and zones.
    pub corridor: Corridor,
    /// Sorted by day.
    pub positions: Vec<PositionObs>,
}

impl ObservedCaravan {
    /// The main body's position reports of a scenario on `route`, dated on or before `as_of`
    /// (all of them with `None`). Reports about a named group, or not of a position, are left out.
    pub fn from_scenario(scenario: &Scenario, route: &Route, as_of: Option<NaiveDate>) -> Self {
        let mut positions: Vec<PositionObs> = scenario
            .sightings()
            .iter()
            .filter(|s| s.is_position() && s.group().is_none())
            .filter(|s| as_of.is_none_or(|d| s.date() <= d))
            .filter(|s| s.date() >= scenario.depart())
            .map(|s| {
                let (km, _off) = route.locate(s.place());
                PositionObs {
                    date: s.date(),
                    day: (s.date() - scenario.depart()).num_days(),
                    kind: obs_kind(s.kind()),
                    km,
                    place: s.place().name.clone(),
                }
            })
            .collect();
        positions.sort_by_key(|o| o.day);
        ObservedCaravan {
            id: scenario.id().to_string(),
            depart: scenario.depart(),
            corridor: Corridor::new(route, scenario.depart()),
            positions,
        }
    }
}

/// How the model reads a sighting's kind (positions only; a count is never one).
fn obs_kind(kind: SightingKind) -> ObsKind {
    match kind {
        SightingKind::Departure => ObsKind::Departure,
        SightingKind::Passing => ObsKind::Passing,
        SightingKind::Dispersal => ObsKind::Dispersal,
        SightingKind::NightStop | SightingKind::Arrival | SightingKind::Count => ObsKind::NightStop,
    }
}

/// Every bundled caravan with its route: the record the model is fit and backtested on.
pub fn bundled_record(
    gazetteer: &crate::gazetteer::Gazetteer,
) -> Result<Vec<(Scenario, Route)>, crate::scenario::ScenarioError> {
    crate::scenario::bundled_ids()
        .into_iter()
        .filter_map(|id| crate::scenario::load_bundled(id, gazetteer))
        .map(|s| {
            let s = s?;
            let route = Route::of_scenario(&s).map_err(|e| e.in_scenario(&s))?;
            Ok((s, route))
        })
        .collect()
}
