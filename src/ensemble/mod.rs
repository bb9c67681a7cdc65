//! Stage 4b: an ensemble of runs of one plan, summarised as P10, P50 and P90.
//!
//! Runs are aggregated as they finish into fixed-size histograms (km per group and day,
//! arrival day per group and waypoint), so memory does not grow with the number of runs.
//! Each run's seed comes from `(rng_seed, run index)` and histogram counts add exactly, so
//! the summary is the same whatever the thread count or the order runs finish in.

use crate::route::Route;
use crate::simulate::{DayRecord, Plan, RunSink, derive_seed, simulate_with};
use chrono::NaiveDate;
use rayon::prelude::*;

/// Width of a km histogram bin; quantiles are clamped to the observed range, so a group
/// that always stops at the same km reports that km exactly.
pub const KM_BIN: f64 = 1.0;

/// The three quantiles we report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantiles<T> {
    pub p10: T,
    pub p50: T,
    pub p90: T,
}

/// A place a group may reach: a route waypoint or the group's own stop.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub name: String,
    pub km: f64,
    /// True for the group's stop (the run's `arrival_day`), false for a waypoint passed.
    pub is_destination: bool,
}

/// When one group reached one target, over the runs where it did.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrivalQuantiles {
    pub group: usize,
    pub target: Target,
    /// Days since departure; `None` if no run reached it.
    pub day: Option<Quantiles<u32>>,
    pub runs_reaching: u64,
}

/// Where one group was on one day, over the runs where it existed that day.
#[derive(Debug, Clone, PartialEq)]
pub struct KmQuantiles {
    pub group: usize,
    pub day: u32,
    pub km: Quantiles<f64>,
    pub runs_present: u64,
}

/// What an ensemble tells: arrival dates and daily progress as quantiles.
#[derive(Debug, Clone, PartialEq)]
pub struct EnsembleSummary {
    pub runs: u64,
    pub rng_seed: u64,
    pub depart: NaiveDate,
    pub group_names: Vec<String>,
    /// Per group, its waypoints in route order, then its destination.
    pub arrivals: Vec<ArrivalQuantiles>,
    /// Per group, days 0 to the last day any run lasted.
    pub km_by_day: Vec<KmQuantiles>,
}

impl EnsembleSummary {
    pub fn date_of(&self, day: u32) -> NaiveDate {
        self.depart + chrono::Days::new(u64::from(day))
    }

    /// Arrival at the group's own stop.
    pub fn destination(&self, group: usize) -> Option<&ArrivalQuantiles> {
        self.arrivals
            .iter()
            .find(|a| a.group == group && a.target.is_destination)
    }

    /// One group's daily km quantiles, in day order.
    pub fn km_band(&self, group: usize) -> impl Iterator<Item = &KmQuantiles> {
        self.km_by_day.iter().filter(move |k| k.group == group)
    }
}

/// Most runs an ensemble should take: histogram counts are 32-bit, and a million runs is
/// far more than stable percentiles need. The command line refuses more.
pub const MAX_RUNS: u64 = 1_000_000;

/// Simulate `runs` runs in parallel (rayon's pool) and summarise them; `on_run_done` is
/// called once per finished run (for a progress bar).
pub fn run_ensemble(
    plan: &Plan,
    route: &Route,
    rng_seed: u64,
    runs: u64,
    on_run_done: &(dyn Fn() + Sync),
) -> EnsembleSummary {
    let shape = Shape::new(plan, route);
    let totals = (0..usize::try_from(runs).unwrap_or(usize::MAX))
        .into_par_iter()
        .with_min_len(16)
        .fold(
            || Histograms::new(&shape),
            |mut h, i| {
                h.add_run(&shape, plan, derive_seed(rng_seed, i as u64));
                on_run_done();
                h
            },
        )
        .reduce_with(|a, b| a.merge(&b))
        .unwrap_or_else(|| Histograms::new(&shape));
    totals.summarise(&shape, plan, rng_seed)
}

/// Sizes and targets shared by every accumulator of one ensemble.
struct Shape {
    groups: usize,
    days: usize,
    bins: usize,
    /// Route waypoints after the origin, as (name, km).
    waypoints: Vec<(String, f64)>,
}

impl Shape {
    fn new(plan: &Plan, route: &Route) -> Self {
        let waypoints = route
            .stops()
            .iter()
            .skip(1)
            .map(|s| (s.town.name.clone(), s.km))
            .collect();
        Shape {
            groups: plan.groups.len(),
            days: plan.params.max_days.max(1) as usize,
            bins: (plan.route_km.max(0.0) / KM_BIN).ceil() as usize + 1,
            waypoints,
        }
    }

    /// Waypoints, then the destination.
    fn targets(&self) -> usize {
        self.waypoints.len() + 1
    }

    fn cell(&self, group: usize, day: usize) -> usize {
        group * self.days + day
    }
}

/// Counts only: adding two of them is exact, in any order.
struct Histograms {
    runs: u64,
    /// Longest run, in days.
    max_days: u32,
    /// [cell][bin] counts of km, cell = (group, day).
    km_counts: Vec<u32>,
    km_min: Vec<f64>,
    km_max: Vec<f64>,
    /// [(group, target)][day] counts of the day a target was reached.
    arrival_counts: Vec<u32>,
    /// Per-run scratch, reused: next waypoint per group and last record per group.
    next_waypoint: Vec<usize>,
    last_km: Vec<Option<(u32, f64)>>,
}

impl Histograms {
    fn new(s: &Shape) -> Self {
        let cells = s.groups * s.days;
        Histograms {
            runs: 0,
            max_days: 0,
            km_counts: vec![0; cells * s.bins],
            km_min: vec![f64::INFINITY; cells],
            km_max: vec![f64::NEG_INFINITY; cells],
            arrival_counts: vec![0; s.groups * s.targets() * s.days],
            next_waypoint: vec![0; s.groups],
            last_km: vec![None; s.groups],
        }
    }

    fn add_run(&mut self, shape: &Shape, plan: &Plan, seed: u64) {
        self.next_waypoint.fill(0);
        self.last_km.fill(None);
        let summary = simulate_with(plan, seed, &mut Sink { h: self, shape });
        // Groups stay where they stopped after the run ends (everyone arrived or dispersed).
        for g in 0..shape.groups {
            if let Some((last_day, km)) = self.last_km[g] {
                for day in last_day as usize + 1..shape.days {
                    self.add_km(shape, g, day, km);
                }
            }
            if let Some(day) = summary.arrival_day[g] {
                self.arrival_counts
                    [(g * shape.targets() + shape.waypoints.len()) * shape.days + day as usize] +=
                    1;
            }
        }
        self.runs += 1;
        self.max_days = self.max_days.max(summary.days);
    }

    #[inline]
    fn add_km(&mut self, shape: &Shape, group: usize, day: usize, km: f64) {
        let cell = shape.cell(group, day);
        let bin = ((km / KM_BIN).max(0.0) as usize).min(shape.bins - 1);
        self.km_counts[cell * shape.bins + bin] += 1;
        self.km_min[cell] = self.km_min[cell].min(km);
        self.km_max[cell] = self.km_max[cell].max(km);
    }

    fn merge(mut self, other: &Histograms) -> Histograms {
        self.runs += other.runs;
        self.max_days = self.max_days.max(other.max_days);
        add_counts(&mut self.km_counts, &other.km_counts);
        add_counts(&mut self.arrival_counts, &other.arrival_counts);
        for (a, b) in self.km_min.iter_mut().zip(&other.km_min) {
            *a = a.min(*b);
        }
        for (a, b) in self.km_max.iter_mut().zip(&other.km_max) {
            *a = a.max(*b);
        }
        self
    }

    fn summarise(&self, s: &Shape, plan: &Plan, rng_seed: u64) -> EnsembleSummary {
        let mut arrivals = Vec::new();
        let mut km_by_day = Vec::new();
        for (g, group) in plan.groups.iter().enumerate() {
            for t in 0..s.targets() {
                let target = match s.waypoints.get(t) {
                    Some((name, km)) => Target {
                        name: name.clone(),
                        km: *km,
                        is_destination: false,
                    },
                    None => Target {
                        name: destination_name(s, group.stop_km),
                        km: group.stop_km,
                        is_destination: true,
                    },
                };
                let counts = &self.arrival_counts[(g * s.targets() + t) * s.days..][..s.days];
                let reaching: u64 = counts.iter().map(|&c| u64::from(c)).sum();
                let day = (reaching > 0).then(|| {
                    let q = |p| quantile_bin(counts, reaching, p) as u32;
                    Quantiles {
                        p10: q(0.1),
                        p50: q(0.5),
                        p90: q(0.9),
                    }
                });
                arrivals.push(ArrivalQuantiles {
                    group: g,
                    target,
                    day,
                    runs_reaching: reaching,
                });
            }
            for day in 0..(self.max_days as usize).min(s.days) {
                let cell = s.cell(g, day);
                let counts = &self.km_counts[cell * s.bins..][..s.bins];
                let present: u64 = counts.iter().map(|&c| u64::from(c)).sum();
                if present == 0 {
                    continue;
                }
                let (lo, hi) = (self.km_min[cell], self.km_max[cell]);
                let q =
                    |p| ((quantile_bin(counts, present, p) as f64 + 0.5) * KM_BIN).clamp(lo, hi);
                km_by_day.push(KmQuantiles {
                    group: g,
                    day: day as u32,
                    km: Quantiles {
                        p10: q(0.1),
                        p50: q(0.5),
                        p90: q(0.9),
                    },
                    runs_present: present,
                });
            }
        }
        EnsembleSummary {
            runs: self.runs,
            rng_seed,
            depart: plan.depart,
            group_names: plan.groups.iter().map(|g| g.name.clone()).collect(),
            arrivals,
            km_by_day,
        }
    }
}

/// The waypoint at a stop km, or the km itself if the stop is between waypoints.
fn destination_name(s: &Shape, stop_km: f64) -> String {
    s.waypoints
        .iter()
        .find(|(_, km)| (km - stop_km).abs() < 1e-6)
        .map_or_else(|| format!("km {stop_km:.0}"), |(n, _)| n.clone())
}

fn add_counts(a: &mut [u32], b: &[u32]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// Nearest-rank quantile: the first bin whose cumulative count reaches ceil(p * total).
fn quantile_bin(counts: &[u32], total: u64, p: f64) -> usize {
    let rank = ((p * total as f64).ceil() as u64).max(1);
    let mut seen = 0u64;
    for (i, &c) in counts.iter().enumerate() {
        seen += u64::from(c);
        if seen >= rank {
            return i;
        }
    }
    counts.len() - 1
}

/// Feeds one run's records into the histograms; no per-run record storage.
struct Sink<'a> {
    h: &'a mut Histograms,
    shape: &'a Shape,
}

impl RunSink for Sink<'_> {
    fn record(&mut self, r: &DayRecord) {
        let g = usize::from(r.group);
        let day = r.day as usize;
        if day >= self.shape.days {
            return;
        }
        self.h.add_km(self.shape, g, day, r.km);
        let wps = &self.shape.waypoints;
        let first = self.h.last_km[g].is_none();
        let next = &mut self.h.next_waypoint[g];
        // A group formed by a split later in the run did not walk the waypoints behind it.
        if first && day > 0 {
            while *next < wps.len() && wps[*next].1 < r.km - 1e-6 {
                *next += 1;
            }
        }
        while *next < wps.len() && r.km >= wps[*next].1 - 1e-6 {
            self.h.arrival_counts[(g * self.shape.targets() + *next) * self.shape.days + day] += 1;
            *next += 1;
        }
        self.h.last_km[g] = Some((r.day, r.km));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_quantiles() {
        // Values 0..=9 once each.
        let counts = [1u32; 10];
        assert_eq!(quantile_bin(&counts, 10, 0.1), 0);
        assert_eq!(quantile_bin(&counts, 10, 0.5), 4);
        assert_eq!(quantile_bin(&counts, 10, 0.9), 8);
        assert_eq!(quantile_bin(&[0, 5, 0], 5, 0.1), 1);
    }
}
