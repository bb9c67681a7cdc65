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
use crate::simulate::Plan;
use crate::validate::{locate_sightings, median};
use rayon::prelude::*;
use replay::{Candidates, Reach, Replays, SeedRun, Target};

mod replay;

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
    /// `None` for the walking pace, else the index into `scenario.events()` (and `plan.events()`).
    pub event: Option<usize>,
    /// Value before fitting (the file's), in the parameter's unit (km/day).
    pub initial: f64,
    /// Lowest value the search tries, km/day.
    pub min: f64,
    /// Highest value the search tries, km/day.
    pub max: f64,
}

/// What the fit found and how well it predicts.
#[derive(Debug, Clone)]
pub struct Calibration {
    /// The parameters fitted: the walking pace, then each ride.
    pub params: Vec<FreeParam>,
    /// Fitted value of each of `params`, in the same order and unit.
    pub fitted: Vec<f64>,
    /// Per position sighting (index into `scenario.sightings()`): error before, after fitting,
    /// and when predicted by a fit that did not see it.
    pub rows: Vec<CalibrationRow>,
}

/// One position sighting's error under the three fits, km (simulated minus reported).
#[derive(Debug, Clone)]
pub struct CalibrationRow {
    /// Index into `scenario.sightings()`.
    pub sighting: usize,
    /// Error with the file's values.
    pub initial_error_km: f64,
    /// Error with the fitted values.
    pub fitted_error_km: f64,
    /// Error when fitted without this sighting (leave-one-out).
    pub loo_error_km: f64,
}

impl Calibration {
    fn abs(&self, f: impl Fn(&CalibrationRow) -> f64) -> Vec<f64> {
        self.rows.iter().map(|r| f(r).abs()).collect()
    }
    /// Median and largest absolute error with the file's values, km.
    pub fn initial_median_max_km(&self) -> (f64, f64) {
        median_max(&self.abs(|r| r.initial_error_km))
    }
    /// Median and largest absolute error with the fitted values, km.
    pub fn fitted_median_max_km(&self) -> (f64, f64) {
        median_max(&self.abs(|r| r.fitted_error_km))
    }
    /// Median and largest absolute leave-one-out error, km.
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

/// The days each parameter acts on: the pace every day, a ride its own days.
fn reach(plan: &Plan, p: &FreeParam) -> Reach {
    let Some(e) = p.event.map(|i| &plan.events()[i]) else {
        return Reach {
            from: 0,
            until: None,
        };
    };
    let day = |d: i64| d.clamp(0, i64::from(u32::MAX)) as u32;
    Reach {
        from: day(e.first_day()),
        until: Some(day(e.last_day())),
    }
}

/// Per position sighting, its error averaged over the fit seeds.
fn mean_errors(runs: &[SeedRun]) -> Vec<f64> {
    let sightings = runs.first().map_or(0, |r| r.errors().len());
    (0..sightings)
        .map(|j| runs.iter().map(|r| r.errors()[j]).sum::<f64>() / FIT_SEEDS as f64)
        .collect()
}

/// The mean squared error over the fit seeds, leaving out the position sighting in slot
/// `skip` (for leave-one-out): squares added seed by seed, sighting by sighting. The sums
/// reached before each seed are kept for the current values, so a candidate whose first
/// seeds' errors are the current ones continues from there, with the same result bit for bit.
struct MeanSquare {
    skip: Option<usize>,
    /// Squares summed.
    count: usize,
    /// The current values' sum before each seed, and the total.
    current: Vec<f64>,
}

impl MeanSquare {
    fn new(current: &[SeedRun], skip: Option<usize>) -> Self {
        let per_seed = current.first().map_or(0, |r| r.errors().len());
        let left_out = usize::from(skip.is_some_and(|slot| slot < per_seed));
        let mut m = MeanSquare {
            skip,
            count: current.len() * (per_seed - left_out),
            current: Vec::new(),
        };
        m.set_current(current);
        m
    }

    /// The current values' runs have changed (a candidate was accepted).
    fn set_current(&mut self, current: &[SeedRun]) {
        // -0.0: where `Sum` for f64 starts.
        let mut sum = -0.0;
        self.current.clear();
        self.current.push(sum);
        for run in current {
            sum = self.add(sum, run.errors());
            self.current.push(sum);
        }
    }

    fn add(&self, sum: f64, errors: &[f64]) -> f64 {
        errors
            .iter()
            .enumerate()
            .filter(|&(slot, _)| Some(slot) != self.skip)
            .fold(sum, |sum, (_, e)| sum + e * e)
    }

    fn mean(&self, sum: f64) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            sum / self.count as f64
        }
    }

    /// Of the current values.
    fn of_current(&self) -> f64 {
        self.mean(self.current[self.current.len() - 1])
    }

    /// Of a candidate: from the first seed whose errors it may have changed.
    fn of(&self, candidates: &Candidates) -> f64 {
        let seeds = self.current.len() - 1;
        let Some(first) = (0..seeds).find(|&k| candidates.changed(k)) else {
            return self.of_current();
        };
        let sum = (first..seeds).fold(self.current[first], |sum, k| {
            self.add(sum, candidates.errors(k))
        });
        self.mean(sum)
    }
}

/// Coordinate descent with a golden-section search per parameter, within its bounds,
/// leaving out the position sighting in slot `skip`.
fn fit(replays: &Replays, plan: &Plan, params: &[FreeParam], skip: Option<usize>) -> Vec<f64> {
    const INV_PHI: f64 = 0.618_033_988_749_895;
    let mut values: Vec<f64> = params.iter().map(|p| p.initial).collect();
    let mut plan = plan.clone();
    apply(&mut plan, params, &values);
    // Runs with `values`, and the scratch runs of a candidate.
    let mut current = replays.full(&plan);
    let mut candidates = replays.candidates();
    let mut mean_square = MeanSquare::new(&current, skip);
    let prior = |values: &[f64]| -> f64 {
        let prior: f64 = params
            .iter()
            .zip(values.iter())
            .map(|(p, v)| ((v - p.initial) / p.initial).powi(2))
            .sum();
        PRIOR_KM2 * prior
    };
    for _ in 0..SWEEPS {
        for j in 0..params.len() {
            let reach = reach(&plan, &params[j]);
            let best_before = mean_square.of_current() + prior(&values);
            let keep = values[j];
            // The objective with parameter `j` at `x`; the candidate runs stay in `candidates`.
            let mut eval = |x: f64, values: &mut Vec<f64>| {
                values[j] = x;
                apply(&mut plan, params, values);
                replays.candidate(&plan, &current, reach, &mut candidates);
                mean_square.of(&candidates) + prior(values)
            };
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
            if eval(x, &mut values) <= best_before {
                replays.accept(&mut current, &candidates);
                mean_square.set_current(&current);
            } else {
                values[j] = keep;
                apply(&mut plan, params, &values);
            }
        }
    }
    values
}

/// The position sightings `positions` in the simulation's terms.
fn targets(scenario: &Scenario, route: &Route, plan: &Plan, positions: &[usize]) -> Vec<Target> {
    let located = locate_sightings(scenario, route);
    positions
        .iter()
        .map(|&i| {
            let s = &scenario.sightings()[i];
            Target {
                day: (s.date() - plan.depart()).num_days(),
                reported_km: located[i].0,
                named: s
                    .group()
                    .as_ref()
                    .and_then(|name| plan.groups().iter().position(|g| g.name() == *name)),
            }
        })
        .collect()
}

/// Fit all position sightings, then refit without each one to predict it.
pub fn calibrate(scenario: &Scenario, route: &Route, plan: &Plan, rng_seed: u64) -> Calibration {
    let params = free_params(scenario);
    let initial: Vec<f64> = params.iter().map(|p| p.initial).collect();
    let positions = position_sightings(scenario);
    let targets = targets(scenario, route, plan, &positions);
    let replays = Replays::new(plan, targets, rng_seed, FIT_SEEDS);
    let fitted = fit(&replays, plan, &params, None);

    let errors_with = |values: &[f64]| {
        let mut plan = plan.clone();
        apply(&mut plan, &params, values);
        mean_errors(&replays.full(&plan))
    };
    let initial_errors = errors_with(&initial);
    let fitted_errors = errors_with(&fitted);
    let loo_errors: Vec<f64> = (0..positions.len())
        .into_par_iter()
        .map(|slot| {
            let values = fit(&replays, plan, &params, Some(slot));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    /// The fit's shortcut (a candidate simulated only from its parameter's first day, until it
    /// rejoins the current run) must give the errors of full runs, bit for bit, whichever
    /// parameter changes and whether the change is accepted or not.
    #[test]
    fn replayed_candidates_equal_full_runs_bit_for_bit() {
        let gazetteer = Gazetteer::bundled();
        let scenario = crate::scenario::load_bundled("honduras-oct2018", &gazetteer)
            .expect("bundled")
            .expect("valid");
        let route = Route::of_scenario(&scenario).expect("a route");
        let mut plan = Plan::new(&scenario, &route).expect("a plan");
        let params = free_params(&scenario);
        assert!(params.len() > 10, "rides to vary");
        let positions = position_sightings(&scenario);
        let replays = Replays::new(&plan, targets(&scenario, &route, &plan, &positions), 3, 4);
        let mut values: Vec<f64> = params.iter().map(|p| p.initial).collect();
        let mut current = replays.full(&plan);
        let mut candidates = replays.candidates();
        let bits = |e: &[f64]| e.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        let mut differed = 0;
        for (step, factor) in [1.37, 0.58, 1.9, 0.81, 1.05]
            .iter()
            .cycle()
            .take(40)
            .enumerate()
        {
            let j = (step * 7) % params.len();
            let p = &params[j];
            let before = values[j];
            values[j] = (values[j] * factor).clamp(p.min, p.max);
            apply(&mut plan, &params, &values);
            replays.candidate(&plan, &current, reach(&plan, p), &mut candidates);
            let full = replays.full(&plan);
            for (k, run) in full.iter().enumerate() {
                assert_eq!(
                    bits(candidates.errors(k)),
                    bits(run.errors()),
                    "step {step}: {} at {}, seed {k}",
                    p.label,
                    values[j]
                );
                differed += usize::from(bits(run.errors()) != bits(current[k].errors()));
            }
            if step % 3 == 2 {
                // Dropped: back to the current values.
                values[j] = before;
                apply(&mut plan, &params, &values);
            } else {
                replays.accept(&mut current, &candidates);
                for (k, run) in full.iter().enumerate() {
                    assert_eq!(bits(current[k].errors()), bits(run.errors()));
                }
            }
        }
        // The changes moved the errors, so the comparison is not of unchanged runs.
        assert!(differed > 20, "only {differed} seed runs changed");
    }
}
