//! Stage: how good forecasts are, scored against what was reported next.
//!
//! For every caravan and every date with a report of its main body's position, forecast as of
//! that date (parameters fit without the caravan) and score each later report up to 14 days
//! ahead: the P50's error in road km, whether the P10–P90 band holds the report, and the
//! continuous ranked probability score (CRPS). Two baselines are scored on the same pairs:
//! 48 km a day on from the latest report (`pace48`) and staying where last seen (`stay`).
//! A departure reported on day D is scored against where the group slept on D−1.

use crate::forecast::{ForecastSettings, crps, propagate, quantile};
use crate::model::{BehaviourParams, ObsKind, ObservedCaravan};
use crate::route::Route;
use crate::scenario::Scenario;
use chrono::{Days, NaiveDate};

/// Horizons scored, days.
pub const MAX_HORIZON_DAYS: u32 = 14;
/// The pocket-calculator pace of the `pace48` baseline (the 2018 reported average), km/day.
pub const BASELINE_PACE_KM_PER_DAY: f64 = 48.0;

/// A forecast method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    /// The particle-filter forecast of [`crate::forecast`].
    Model,
    /// The last report's km plus [`BASELINE_PACE_KM_PER_DAY`] per day, capped at the route's end.
    Pace48,
    /// The group stays at the last report's km.
    Stay,
}

impl Method {
    /// Every method, in report order.
    pub const ALL: [Method; 3] = [Method::Model, Method::Pace48, Method::Stay];

    /// The lower-case name written in outputs (`model`, `pace48`, `stay`).
    pub fn name(self) -> &'static str {
        match self {
            Method::Model => "model",
            Method::Pace48 => "pace48",
            Method::Stay => "stay",
        }
    }
}

/// One forecast scored against one later report.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredPair {
    /// The caravan's scenario id.
    pub caravan: String,
    /// Date of the latest report the forecast saw.
    pub as_of: NaiveDate,
    /// The report scored.
    pub date: NaiveDate,
    /// Name of the reported place.
    pub place: String,
    /// Days from the as-of date to the day scored (a departure is scored the night before).
    pub horizon_days: u32,
    /// Road km of the reported place along the route.
    pub reported_km: f64,
    /// Model's 10th percentile road km for the scored day.
    pub model_p10_km: f64,
    /// Model's median road km (its point forecast).
    pub model_p50_km: f64,
    /// Model's 90th percentile road km.
    pub model_p90_km: f64,
    /// Continuous ranked probability score of the model's samples, km (lower is better).
    pub model_crps_km: f64,
    /// Road km forecast by the `pace48` baseline.
    pub pace48_km: f64,
    /// Road km forecast by the `stay` baseline (the last report's km).
    pub stay_km: f64,
}

impl ScoredPair {
    /// Signed error (forecast minus report) of a method's point forecast, km.
    pub fn error_km(&self, m: Method) -> f64 {
        let point = match m {
            Method::Model => self.model_p50_km,
            Method::Pace48 => self.pace48_km,
            Method::Stay => self.stay_km,
        };
        point - self.reported_km
    }

    /// Whether the model's P10–P90 band holds the report.
    pub fn covered(&self) -> bool {
        (self.model_p10_km..=self.model_p90_km).contains(&self.reported_km)
    }

    /// CRPS of a method (a point forecast's CRPS is its absolute error).
    pub fn crps_km(&self, m: Method) -> f64 {
        match m {
            Method::Model => self.model_crps_km,
            _ => self.error_km(m).abs(),
        }
    }
}

/// One row of the summary: a method at a horizon (`None` = all horizons).
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    /// The method scored.
    pub method: Method,
    /// Horizon in days the row covers; `None` for all horizons together.
    pub horizon_days: Option<u32>,
    /// Number of scored pairs in the row.
    pub n: usize,
    /// Median absolute error of the point forecasts, km.
    pub median_abs_km: f64,
    /// Mean absolute error of the point forecasts, km.
    pub mean_abs_km: f64,
    /// P10–P90 coverage; only the model has a band.
    pub coverage_p10_p90: Option<f64>,
    /// Mean CRPS, km (a point forecast's CRPS is its absolute error).
    pub crps_km: f64,
}

/// Settings of a backtest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BacktestSettings {
    /// Particles per forecast.
    pub particles: usize,
    /// Seed of every forecast's particle filter.
    pub rng_seed: u64,
}

/// Score forecasts of one caravan made with `params` (which must not be fit on it).
pub fn backtest_caravan(
    scenario: &Scenario,
    route: &Route,
    params: &BehaviourParams,
    settings: BacktestSettings,
) -> Vec<ScoredPair> {
    backtest_observed(
        &ObservedCaravan::from_scenario(scenario, route, None),
        params,
        settings,
    )
}

/// [`backtest_caravan`] on the model's own view of a caravan (also used on synthetic caravans).
pub fn backtest_observed(
    all: &ObservedCaravan,
    params: &BehaviourParams,
    settings: BacktestSettings,
) -> Vec<ScoredPair> {
    let mut as_of_dates: Vec<NaiveDate> = all.positions.iter().map(|o| o.date).collect();
    as_of_dates.dedup();
    let length_km = all.corridor.length_km();
    let mut pairs = Vec::new();
    for as_of in as_of_dates {
        let targets: Vec<_> = all
            .positions
            .iter()
            .filter_map(|o| {
                let scored_date = match o.kind {
                    ObsKind::Departure => o.date - Days::new(1),
                    _ => o.date,
                };
                let h = (scored_date - as_of).num_days();
                (1..=i64::from(MAX_HORIZON_DAYS))
                    .contains(&h)
                    .then_some((o, h as u32))
            })
            .collect();
        if targets.is_empty() {
            continue;
        }
        let days = targets.iter().map(|t| t.1).max().unwrap_or(1);
        let fs = ForecastSettings {
            as_of,
            days,
            particles: settings.particles,
            rng_seed: settings.rng_seed,
        };
        // Only the reports up to the as-of date are visible to the forecast.
        let mut seen = all.clone();
        seen.positions.retain(|o| o.date <= as_of);
        let as_of_day = (as_of - all.depart).num_days();
        let run = propagate(params, &seen, as_of_day, &[], 0.0, fs);
        let latest = seen
            .positions
            .last()
            .expect("the as-of date is a report date");
        for (o, h) in targets {
            let day = &run.days[h as usize];
            let days_since = (day.date - latest.date).num_days() as f64;
            pairs.push(ScoredPair {
                caravan: all.id.clone(),
                as_of,
                date: o.date,
                place: o.place.clone(),
                horizon_days: h,
                reported_km: o.km,
                model_p10_km: day.km_p10,
                model_p50_km: day.km_p50,
                model_p90_km: day.km_p90,
                model_crps_km: crps(&day.samples_km, o.km),
                pace48_km: (latest.km + BASELINE_PACE_KM_PER_DAY * days_since).min(length_km),
                stay_km: latest.km,
            });
        }
    }
    pairs
}

/// Summary rows: every method at horizons 1 to 14, then over all horizons.
pub fn summarise(pairs: &[ScoredPair]) -> Vec<SummaryRow> {
    let mut rows = Vec::new();
    for m in Method::ALL {
        let horizons = (1..=MAX_HORIZON_DAYS).map(Some).chain([None]);
        for h in horizons {
            let sel: Vec<&ScoredPair> = pairs
                .iter()
                .filter(|p| h.is_none_or(|h| p.horizon_days == h))
                .collect();
            let mut abs: Vec<f64> = sel.iter().map(|p| p.error_km(m).abs()).collect();
            abs.sort_by(f64::total_cmp);
            let n = sel.len();
            let mean = |v: &mut dyn Iterator<Item = f64>| {
                if n == 0 {
                    f64::NAN
                } else {
                    v.sum::<f64>() / n as f64
                }
            };
            rows.push(SummaryRow {
                method: m,
                horizon_days: h,
                n,
                median_abs_km: quantile(&abs, 0.5),
                mean_abs_km: mean(&mut abs.iter().copied()),
                coverage_p10_p90: (m == Method::Model)
                    .then(|| mean(&mut sel.iter().map(|p| f64::from(u8::from(p.covered()))))),
                crps_km: mean(&mut sel.iter().map(|p| p.crps_km(m))),
            });
        }
    }
    rows
}
