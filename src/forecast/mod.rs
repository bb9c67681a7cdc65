//! Stage: where a caravan will be, from the behaviour model and the reports up to a date.
//!
//! A bootstrap particle filter runs the behaviour model from departure, weighting and
//! resampling the particles at each reported position of the main body dated on or before
//! the as-of date; the survivors then run forward. Nothing dated after the as-of date is read:
//! not its sightings, and not the caravan file's events (those are the replay's hindsight
//! scripts; the behaviour model takes their place), so a file with its future deleted gives
//! the same forecast. The parameters are the leave-one-caravan-out fit for a caravan in the
//! record, so a forecast never learns from the caravan it forecasts.

use crate::model::fit::filter;
use crate::model::store::StoredModel;
use crate::model::{BehaviourParams, ObservedCaravan, Particle, REPORT_SIGMA_KM, Regime};
use crate::route::Route;
use crate::scenario::Scenario;
use crate::simulate::derive_seed;
use chrono::{Days, NaiveDate};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// Most particles a forecast accepts: 10^6 particles × 60 days is a few seconds.
pub const MAX_PARTICLES: usize = 1_000_000;
/// Longest forecast horizon, days.
pub const MAX_DAYS: u32 = 120;

/// What to forecast.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForecastSettings {
    /// Last date whose reports are taken in (reports dated after it are ignored).
    pub as_of: NaiveDate,
    /// How many days after `as_of` to forecast (1 to [`MAX_DAYS`]).
    pub days: u32,
    /// Number of particles (1 to [`MAX_PARTICLES`]); more gives smoother quantiles.
    pub particles: usize,
    /// Seed of the particle filter; the same seed gives the same forecast.
    pub rng_seed: u64,
}

/// A request that cannot be forecast.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForecastError {
    /// The as-of date is before the caravan's departure date.
    #[error("as-of date {as_of} is before the caravan's departure on {depart}")]
    BeforeDeparture {
        /// The as-of date asked for.
        as_of: NaiveDate,
        /// The caravan's departure date.
        depart: NaiveDate,
    },
    #[error(
        "as-of date {as_of} is after the caravan's last simulated day {last} (depart + max_days)"
    )]
    /// The as-of date is after departure plus the model's `max_days`.
    AfterLastDay {
        /// The as-of date asked for.
        as_of: NaiveDate,
        /// Departure plus the model's `max_days`.
        last: NaiveDate,
    },
    /// A particle count of 0 or above [`MAX_PARTICLES`] (the count given).
    #[error("particles must be between 1 and {MAX_PARTICLES}, got {0}")]
    Particles(usize),
    /// A horizon of 0 or above [`MAX_DAYS`] days (the number given).
    #[error("days ahead must be between 1 and {MAX_DAYS}, got {0}")]
    Days(u32),
}

/// The forecast distribution of the main body on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastDay {
    /// The calendar date forecast.
    pub date: NaiveDate,
    /// Days after the as-of date (0 = the as-of day itself, the nowcast).
    pub horizon_days: u32,
    /// Road km where a report would place the group: P10, P50, P90 (report error included).
    pub km_p10: f64,
    /// Median road km (see `km_p10`).
    pub km_p50: f64,
    /// 90th percentile road km (see `km_p10`).
    pub km_p90: f64,
    /// Share of particles dispersed by the end of the day.
    pub dispersed_share: f64,
    /// Headcount (the latest reported count carried forward; 0 where dispersed), P50.
    pub headcount_p50: f64,
    /// Sorted report-position samples (one per particle), for scoring.
    pub samples_km: Vec<f64>,
}

/// When the main body reaches a town ahead.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrival {
    /// Name of the route town.
    pub town: String,
    /// ISO 3166-1 alpha-2 code of its country.
    pub country_code: String,
    /// Road km of the town from the route's start.
    pub km: f64,
    /// Share of particles at or past the town by the last forecast day.
    pub probability: f64,
    /// Arrival date quantiles; `None` when fewer than that share arrive within the horizon.
    pub p10: Option<NaiveDate>,
    /// Median arrival date.
    pub p50: Option<NaiveDate>,
    /// Date by which nine particles in ten have arrived.
    pub p90: Option<NaiveDate>,
}

/// A forecast as of a date.
#[derive(Debug, Clone)]
pub struct Forecast {
    /// The caravan's scenario id.
    pub caravan: String,
    /// Name of the group forecast (the main body).
    pub group: String,
    /// Last date whose reports were taken in.
    pub as_of: NaiveDate,
    /// The settings the forecast was made with.
    pub settings: ForecastSettings,
    /// Where the parameters came from (the fit without this caravan, or the fit on every caravan).
    pub params_note: String,
    /// Things the user should know (no reports before the date, …).
    pub notes: Vec<String>,
    /// Reports taken in: (date, place, km).
    pub assimilated: Vec<(NaiveDate, String, f64)>,
    /// Horizon 0 (the nowcast) to `days`.
    pub days: Vec<ForecastDay>,
    /// Route towns ahead of the nowcast's median km, in route order.
    pub arrivals: Vec<Arrival>,
}

/// Quantile of sorted samples (linear interpolation between order statistics).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let (i, f) = (pos.floor() as usize, pos.fract());
    let j = (i + 1).min(sorted.len() - 1);
    sorted[i] + f * (sorted[j] - sorted[i])
}

/// Continuous ranked probability score of sorted samples against an observation, in km.
pub fn crps(sorted: &[f64], y: f64) -> f64 {
    let n = sorted.len() as f64;
    if sorted.is_empty() {
        return f64::NAN;
    }
    let e_abs: f64 = sorted.iter().map(|x| (x - y).abs()).sum::<f64>() / n;
    // E|X - X'| for sorted samples: 2/n² Σ (2i - n + 1) x_i (0-based i).
    let spread: f64 = sorted
        .iter()
        .enumerate()
        .map(|(i, x)| (2.0 * i as f64 - n + 1.0) * x)
        .sum::<f64>()
        * 2.0
        / (n * n);
    e_abs - 0.5 * spread
}

/// Forecast the main body of `scenario` on `route` with `params`.
pub fn forecast_with(
    scenario: &Scenario,
    route: &Route,
    params: &BehaviourParams,
    params_note: &str,
    settings: ForecastSettings,
) -> Result<Forecast, ForecastError> {
    let depart = scenario.depart();
    let last = depart + Days::new(u64::from(scenario.params().max_days()));
    if settings.as_of < depart {
        return Err(ForecastError::BeforeDeparture {
            as_of: settings.as_of,
            depart,
        });
    }
    if settings.as_of > last {
        return Err(ForecastError::AfterLastDay {
            as_of: settings.as_of,
            last,
        });
    }
    if settings.particles == 0 || settings.particles > MAX_PARTICLES {
        return Err(ForecastError::Particles(settings.particles));
    }
    if settings.days == 0 || settings.days > MAX_DAYS {
        return Err(ForecastError::Days(settings.days));
    }
    let observed = ObservedCaravan::from_scenario(scenario, route, Some(settings.as_of));
    let mut notes = Vec::new();
    if observed.positions.is_empty() {
        notes.push(format!(
            "no report of the main body's position up to {}: forecast from the departure on {depart}",
            settings.as_of
        ));
    }
    let as_of_day = (settings.as_of - depart).num_days();
    let stops = route.stops();
    let stops_km: Vec<f64> = stops.iter().map(|s| s.km).collect();
    let base_headcount = latest_headcount(scenario, settings.as_of) as f64;
    let run = propagate(
        params,
        &observed,
        as_of_day,
        &stops_km,
        base_headcount,
        settings,
    );
    let ahead: Vec<usize> = (0..stops.len())
        .filter(|&i| stops[i].km > run.nowcast_km)
        .collect();
    let days = run.days;
    let arrival_day = run.arrival_day;
    let arrivals = ahead
        .iter()
        .map(|&si| arrival(&stops[si], &arrival_day[si], settings.as_of))
        .collect();
    Ok(Forecast {
        caravan: scenario.id().to_string(),
        group: main_group_name(scenario),
        as_of: settings.as_of,
        settings,
        params_note: params_note.to_string(),
        notes,
        assimilated: observed
            .positions
            .iter()
            .map(|o| (o.date, o.place.clone(), o.km))
            .collect(),
        days,
        arrivals,
    })
}

/// Forecast with the model's parameters for this caravan (leave-one-out when it is in the record).
pub fn forecast(
    scenario: &Scenario,
    route: &Route,
    model: &StoredModel,
    settings: ForecastSettings,
) -> Result<Forecast, ForecastError> {
    let (params, loo) = model.params_for(scenario.id());
    let note = if loo {
        format!("behaviour fit on the record without {}", scenario.id())
    } else {
        "behaviour fit on every caravan of the record".to_string()
    };
    forecast_with(scenario, route, params, &note, settings)
}

/// The forecast days of [`propagate`] and, per route stop, each particle's arrival day.
#[derive(Debug, Clone)]
pub struct Propagated {
    /// One forecast day per horizon, 0 to the settings' `days`.
    pub days: Vec<ForecastDay>,
    /// Median km of the particles at the end of the as-of day.
    pub nowcast_km: f64,
    /// Indexed by stop, then particle: the horizon on which the particle first reached the stop's km
    /// (`None` if not within the horizon; stops already behind it at horizon 0 count as 0).
    pub arrival_day: Vec<Vec<Option<u32>>>,
}

/// Filter the reports of `observed` up to `as_of_day`, then run the particles `settings.days`
/// days on. The core of [`forecast_with`], on the model's own view of a caravan.
pub fn propagate(
    params: &BehaviourParams,
    observed: &ObservedCaravan,
    as_of_day: i64,
    stops_km: &[f64],
    base_headcount: f64,
    settings: ForecastSettings,
) -> Propagated {
    let mut rng = ChaCha8Rng::seed_from_u64(derive_seed(settings.rng_seed, 0x00F0_CA57));
    let (mut particles, _) = filter(params, observed, settings.particles, &mut rng, as_of_day);
    let mut noise_rng = ChaCha8Rng::seed_from_u64(derive_seed(settings.rng_seed, 0x0B5E));
    let noise = Normal::new(0.0, REPORT_SIGMA_KM).expect("a positive sigma");
    let nowcast_km = median_km(&particles);
    let length = observed.corridor.length_km();
    let mut arrival_day: Vec<Vec<Option<u32>>> = vec![vec![None; particles.len()]; stops_km.len()];
    let mut days = Vec::with_capacity(settings.days as usize + 1);
    for h in 0..=settings.days {
        if h > 0 {
            for p in &mut particles {
                params.step(&observed.corridor, p, &mut rng);
            }
        }
        for (slots, &stop_km) in arrival_day.iter_mut().zip(stops_km) {
            for (slot, p) in slots.iter_mut().zip(&particles) {
                if slot.is_none() && p.km >= stop_km - 1e-9 {
                    *slot = Some(h);
                }
            }
        }
        let mut samples: Vec<f64> = particles
            .iter()
            .map(|p| (p.km + noise.sample(&mut noise_rng)).clamp(0.0, length))
            .collect();
        samples.sort_by(f64::total_cmp);
        let dispersed = particles
            .iter()
            .filter(|p| p.regime == Regime::Dispersed)
            .count();
        let mut heads: Vec<f64> = particles
            .iter()
            .map(|p| {
                if p.regime == Regime::Dispersed {
                    0.0
                } else {
                    base_headcount
                }
            })
            .collect();
        heads.sort_by(f64::total_cmp);
        days.push(ForecastDay {
            date: observed.depart + Days::new((as_of_day + i64::from(h)).max(0) as u64),
            horizon_days: h,
            km_p10: quantile(&samples, 0.1),
            km_p50: quantile(&samples, 0.5),
            km_p90: quantile(&samples, 0.9),
            dispersed_share: dispersed as f64 / particles.len() as f64,
            headcount_p50: quantile(&heads, 0.5).round(),
            samples_km: samples,
        });
    }
    Propagated {
        days,
        nowcast_km,
        arrival_day,
    }
}

fn median_km(ps: &[Particle]) -> f64 {
    let mut km: Vec<f64> = ps.iter().map(|p| p.km).collect();
    km.sort_by(f64::total_cmp);
    quantile(&km, 0.5)
}

fn arrival(stop: &crate::route::RouteStop, days: &[Option<u32>], as_of: NaiveDate) -> Arrival {
    let mut d: Vec<u32> = days.iter().map(|d| d.unwrap_or(u32::MAX)).collect();
    d.sort_unstable();
    let reached = d.iter().filter(|&&x| x != u32::MAX).count();
    let at = |q: f64| {
        let i = ((q * d.len() as f64).ceil() as usize).clamp(1, d.len()) - 1;
        (d[i] != u32::MAX).then(|| as_of + Days::new(u64::from(d[i])))
    };
    Arrival {
        town: stop.town.name.clone(),
        country_code: stop.town.country_code.clone(),
        km: stop.km,
        probability: reached as f64 / d.len() as f64,
        p10: at(0.1),
        p50: at(0.5),
        p90: at(0.9),
    }
}

/// The latest reported headcount of the main body on or before `as_of`, else the departure count.
fn latest_headcount(s: &Scenario, as_of: NaiveDate) -> u64 {
    s.sightings()
        .iter()
        .filter(|x| x.date() <= as_of && x.group().is_none())
        .filter_map(|x| x.headcount().map(|h| (x.date(), h)))
        .max_by_key(|(d, _)| *d)
        .map_or_else(|| s.total_headcount(), |(_, h)| h)
}

fn main_group_name(s: &Scenario) -> String {
    s.groups()
        .iter()
        .max_by_key(|g| g.headcount())
        .map_or_else(|| "main".into(), |g| g.name().to_string())
}
