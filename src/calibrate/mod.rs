//! Stage 5b: fit the model's free speeds to the sightings, and say how well it forecasts.
//!
//! Free parameters are the walking pace and the daily distance of every ride event. The
//! objective is the mean squared main-body error (road km) over the position sightings,
//! averaged over a fixed set of rng seeds so that the fit is smooth and repeatable, plus a
//! weak prior that keeps each speed near the value the caravan file documents: without it,
//! a ride that no sighting constrains would drift to its bound (arriving early and waiting
//! costs nothing), which is a fit, not knowledge.
//! Leave-one-out refits without each sighting in turn and predicts it: that error is what
//! a user can expect for a date no report covers yet.

use crate::route::Route;
use crate::scenario::Scenario;
use crate::simulate::{Plan, simulate};
use crate::validate::{locate_sightings, main_body, median};
use rayon::prelude::*;

/// Seeds averaged in the objective (common random numbers for every candidate).
pub const FIT_SEEDS: u64 = 12;
/// Coordinate-descent sweeps over all parameters.
const SWEEPS: usize = 3;
/// Prior weight: moving a parameter by 100% of its documented value costs as much as a
/// 20 km error on one sighting (km²).
const PRIOR_KM2: f64 = 400.0;

/// One parameter the fit may change.
#[derive(Debug, Clone, PartialEq)]
pub struct FreeParam {
    /// e.g. `pace_km_per_day` or `events[3].km_per_day (ride 2018-10-16)`.
    pub label: String,
    /// `None` for the walking pace, else the index into `scenario.events` (and `plan.events`).
    pub event: Option<usize>,
    pub initial: f64,
    pub min: f64,
    pub max: f64,
}

/// What the fit found and how well it predicts.
#[derive(Debug, Clone)]
pub struct Calibration {
    pub params: Vec<FreeParam>,
    pub fitted: Vec<f64>,
    /// Per position sighting (index into `scenario.sightings`): error before, after fitting,
    /// and when predicted by a fit that did not see it.
    pub rows: Vec<CalibrationRow>,
}

#[derive(Debug, Clone)]
pub struct CalibrationRow {
    pub sighting: usize,
    pub initial_error_km: f64,
    pub fitted_error_km: f64,
    pub loo_error_km: f64,
}

impl Calibration {
    fn abs(&self, f: impl Fn(&CalibrationRow) -> f64) -> Vec<f64> {
        self.rows.iter().map(|r| f(r).abs()).collect()
    }
    pub fn initial_median_max_km(&self) -> (f64, f64) {
        median_max(&self.abs(|r| r.initial_error_km))
    }
    pub fn fitted_median_max_km(&self) -> (f64, f64) {
        median_max(&self.abs(|r| r.fitted_error_km))
    }
    pub fn loo_median_max_km(&self) -> (f64, f64) {
        median_max(&self.abs(|r| r.loo_error_km))
    }
}

fn median_max(v: &[f64]) -> (f64, f64) {
    (
        median(v).unwrap_or(0.0),
        v.iter().copied().fold(0.0, f64::max),
    )
}

/// The parameters a scenario leaves free: the pace and each ride's km/day.
pub fn free_params(scenario: &Scenario) -> Vec<FreeParam> {
    let pace = scenario.params().pace_km_per_day();
    let mut params = vec![FreeParam {
        label: "pace_km_per_day".into(),
        event: None,
        initial: pace,
        min: 20.0,
        max: 80.0,
    }];
    for (i, e) in scenario.events().iter().enumerate() {
        if let crate::scenario::EventKind::Ride { km_per_day } = e.kind() {
            params.push(FreeParam {
                label: format!("events[{i}].km_per_day (ride from {})", e.start()),
                event: Some(i),
                initial: *km_per_day,
                min: (km_per_day * 0.5).max(pace),
                max: km_per_day * 2.0,
            });
        }
    }
    params
}

/// Put parameter values into a plan (its events are in the scenario's order).
pub fn apply(plan: &mut Plan, params: &[FreeParam], values: &[f64]) {
    for (p, &v) in params.iter().zip(values) {
        // Values stay inside each parameter's bounds, which are inside the allowed ranges.
        let _ = match p.event {
            None => plan.set_pace_km_per_day(v),
            Some(i) => plan.set_ride_km_per_day(i, v),
        };
    }
}

/// Indices (into `scenario.sightings`) of the sightings that report a position.
fn position_sightings(scenario: &Scenario) -> Vec<usize> {
    (0..scenario.sightings().len())
        .filter(|&i| scenario.sightings()[i].is_position())
        .collect()
}

/// Signed main-body error (km) of each position sighting, for each of the fit seeds.
/// `located` is [`locate_sightings`] of the scenario: where each place lies on the route does
/// not change between runs.
fn errors_per_seed(
    scenario: &Scenario,
    located: &[(f64, f64)],
    plan: &Plan,
    rng_seed: u64,
    positions: &[usize],
) -> Vec<Vec<f64>> {
    (0..FIT_SEEDS)
        .map(|k| {
            let run = simulate(plan, rng_seed.wrapping_add(k));
            positions
                .iter()
                .map(|&i| {
                    let s = &scenario.sightings()[i];
                    let day = (s.date() - run.depart).num_days();
                    main_body(&run, s, day, located[i].0).error_km
                })
                .collect()
        })
        .collect()
}

/// Signed error of each position sighting, averaged over the fit seeds.
fn mean_errors(
    scenario: &Scenario,
    located: &[(f64, f64)],
    plan: &Plan,
    rng_seed: u64,
) -> Vec<f64> {
    let positions = position_sightings(scenario);
    let per_seed = errors_per_seed(scenario, located, plan, rng_seed, &positions);
    (0..positions.len())
        .map(|j| per_seed.iter().map(|e| e[j]).sum::<f64>() / FIT_SEEDS as f64)
        .collect()
}

/// Mean squared error over the fit seeds, skipping position sighting `skip` (for leave-one-out).
fn objective(
    scenario: &Scenario,
    located: &[(f64, f64)],
    plan: &Plan,
    rng_seed: u64,
    skip: Option<usize>,
) -> f64 {
    let positions: Vec<usize> = position_sightings(scenario)
        .into_iter()
        .filter(|&i| Some(i) != skip)
        .collect();
    let squares: Vec<f64> = errors_per_seed(scenario, located, plan, rng_seed, &positions)
        .into_iter()
        .flatten()
        .map(|e| e * e)
        .collect();
    if squares.is_empty() {
        0.0
    } else {
        squares.iter().sum::<f64>() / squares.len() as f64
    }
}

/// Coordinate descent with a golden-section search per parameter, within its bounds.
fn fit(
    scenario: &Scenario,
    plan: &Plan,
    located: &[(f64, f64)],
    params: &[FreeParam],
    rng_seed: u64,
    skip: Option<usize>,
) -> Vec<f64> {
    const INV_PHI: f64 = 0.618_033_988_749_895;
    let mut values: Vec<f64> = params.iter().map(|p| p.initial).collect();
    let mut plan = plan.clone();
    for _ in 0..SWEEPS {
        for j in 0..params.len() {
            let mut eval = |x: f64, values: &mut Vec<f64>| {
                values[j] = x;
                apply(&mut plan, params, values);
                let prior: f64 = params
                    .iter()
                    .zip(values.iter())
                    .map(|(p, v)| ((v - p.initial) / p.initial).powi(2))
                    .sum();
                objective(scenario, located, &plan, rng_seed, skip) + PRIOR_KM2 * prior
            };
            let best_before = eval(values[j], &mut values);
            let keep = values[j];
            let (mut a, mut b) = (params[j].min, params[j].max);
            let mut c = b - (b - a) * INV_PHI;
            let mut d = a + (b - a) * INV_PHI;
            let (mut fc, mut fd) = (eval(c, &mut values), eval(d, &mut values));
            while b - a > 0.2 {
                if fc < fd {
                    (b, d, fd) = (d, c, fc);
                    c = b - (b - a) * INV_PHI;
                    fc = eval(c, &mut values);
                } else {
                    (a, c, fc) = (c, d, fd);
                    d = a + (b - a) * INV_PHI;
                    fd = eval(d, &mut values);
                }
            }
            let x = (a + b) / 2.0;
            // Never accept a worse value: the objective has flat steps (holds, arrivals).
            values[j] = if eval(x, &mut values) <= best_before {
                x
            } else {
                keep
            };
        }
    }
    values
}

/// Fit all position sightings, then refit without each one to predict it.
pub fn calibrate(scenario: &Scenario, route: &Route, plan: &Plan, rng_seed: u64) -> Calibration {
    let params = free_params(scenario);
    let initial: Vec<f64> = params.iter().map(|p| p.initial).collect();
    let located = locate_sightings(scenario, route);
    let fitted = fit(scenario, plan, &located, &params, rng_seed, None);
    let positions = position_sightings(scenario);

    let errors_with = |values: &[f64]| {
        let mut plan = plan.clone();
        apply(&mut plan, &params, values);
        mean_errors(scenario, &located, &plan, rng_seed)
    };
    let initial_errors = errors_with(&initial);
    let fitted_errors = errors_with(&fitted);
    let loo_errors: Vec<f64> = positions
        .par_iter()
        .enumerate()
        .map(|(slot, &i)| {
            let values = fit(scenario, plan, &located, &params, rng_seed, Some(i));
            errors_with(&values)[slot]
        })
        .collect();
    let rows = positions
        .iter()
        .enumerate()
        .map(|(slot, &i)| CalibrationRow {
            sighting: i,
            initial_error_km: initial_errors[slot],
            fitted_error_km: fitted_errors[slot],
            loo_error_km: loo_errors[slot],
        })
        .collect();
    Calibration {
        params,
        fitted,
        rows,
    }
}
