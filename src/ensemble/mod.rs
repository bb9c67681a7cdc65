//! Stage 4b: an ensemble of runs of one plan, summarised as P10, P50 and P90.
//!
//! Runs are aggregated as they finish into one set of fixed-size histograms (km per group
//! and day, arrival day per group and waypoint) shared by every thread through atomic
//! counters, so memory grows neither with the number of runs nor with the number of threads
//! (a histogram per thread took 604 MB for 10,000 runs on 16 threads). Each run's seed comes
//! from `(rng_seed, run index)` and counts add exactly, so the summary is the same whatever
//! the thread count or the order runs finish in.

use crate::route::Route;
use crate::simulate::{DayRecord, Plan, PlanEvent, PlanKind, RunSink, derive_seed, simulate_with};
use chrono::NaiveDate;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

/// What an ensemble varies between runs of a replay besides each day's walking pace: what
/// the record says is uncertain in a scripted caravan. Reports date a bus ride, a rest or the
/// end of a wait to the day at best (they disagree by a day, and a night reported on Monday
/// may be Sunday's), and a ride's speed differs from one ride to the next.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Variation {
    /// Each rest, wait and ride starts up to this many days earlier or later (uniform).
    pub event_shift_days: u32,
    /// Each rest and wait lasts up to this many days more or less (uniform; never under a day).
    pub duration_change_days: u32,
    /// Log-normal spread of a one-day ride's km/day (mean kept; a ride of n days spreads
    /// 1/√n as much): the behaviour model's fitted day-to-day spread of riding distance.
    pub ride_speed_spread_frac: f64,
}

impl Variation {
    /// Nothing varies but the walking pace: every run replays the file's events exactly.
    pub const NONE: Variation = Variation {
        event_shift_days: 0,
        duration_change_days: 0,
        ride_speed_spread_frac: 0.0,
    };

    /// A day either way for dates and durations, and the given ride-speed spread.
    pub fn from_record(ride_speed_spread_frac: f64) -> Self {
        Variation {
            event_shift_days: 1,
            duration_change_days: 1,
            ride_speed_spread_frac,
        }
    }

    /// Whether any event is varied.
    pub fn is_none(&self) -> bool {
        *self == Variation::NONE
    }

    /// The plan of one run: movement events (rests, holds, rides) moved, stretched and sped
    /// up or slowed down. Joins, departures, splits and dispersals keep their days, so a group
    /// never acts before it exists. Drawn from its own stream, so the walking pace's random
    /// numbers are the same with and without variation.
    pub fn vary(&self, plan: &Plan, seed: u64) -> Plan {
        if self.is_none() {
            return plan.clone();
        }
        let mut rng = ChaCha8Rng::seed_from_u64(derive_seed(seed, VARIATION_STREAM));
        let shift = i64::from(self.event_shift_days);
        let stretch = i64::from(self.duration_change_days);
        let mut events = Vec::with_capacity(plan.events().len());
        for e in plan.events() {
            let (moves, stretches) = match e.kind() {
                PlanKind::Rest | PlanKind::Hold { .. } => (true, true),
                PlanKind::Ride { .. } => (true, false),
                _ => (false, false),
            };
            if !moves {
                events.push(Ok(e.clone()));
                continue;
            }
            let d = rng.random_range(-shift..=shift);
            let len = e.last_day() - e.first_day();
            let len = if stretches {
                (len + rng.random_range(-stretch..=stretch)).max(0)
            } else {
                len
            };
            let first_day = (e.first_day() + d).max(0);
            let mut kind = *e.kind();
            if let PlanKind::Ride { km_per_day } = &mut kind {
                // The fitted spread is of single days; over a ride of n days they average out.
                let s = self.ride_speed_spread_frac / ((len + 1) as f64).sqrt();
                let z: f64 = StandardNormal.sample(&mut rng);
                *km_per_day = (*km_per_day * (s * z - 0.5 * s * s).exp())
                    .clamp(0.0, MAX_VARIED_RIDE_KM_PER_DAY);
            }
            events.push(PlanEvent::new(
                first_day,
                first_day + len,
                e.groups().to_vec(),
                kind,
            ));
        }
        events
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
            .and_then(|events| plan.with_events(events))
            .unwrap_or_else(|_| plan.clone())
    }
}

/// Fastest a varied ride may go, km/day (far above any ride a file may give, so only an
/// absurd spread is clamped).
const MAX_VARIED_RIDE_KM_PER_DAY: f64 = 100_000.0;

/// Index of the variation's random stream among a run's streams (the run's own is its seed).
const VARIATION_STREAM: u64 = 0x7661_7279;

/// Width of a km histogram bin; quantiles are clamped to the observed range, so a group
/// that always stops at the same km reports that km exactly.
pub const KM_BIN: f64 = 1.0;

/// The three quantiles we report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantiles<T> {
    /// 10th percentile over the runs (one run in ten is below it).
    pub p10: T,
    /// Median.
    pub p50: T,
    /// 90th percentile over the runs (one run in ten is above it).
    pub p90: T,
}

/// A place a group may reach: a route waypoint or the group's own stop.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Town name of the waypoint or stop.
    pub name: String,
    /// Road km of the target from the route's start.
    pub km: f64,
    /// True for the group's stop (the run's `arrival_day`), false for a waypoint passed.
    pub is_destination: bool,
}

/// When one group reached one target, over the runs where it did.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrivalQuantiles {
    /// Index into [`EnsembleSummary::group_names`].
    pub group: usize,
    /// The waypoint or stop.
    pub target: Target,
    /// Days since departure; `None` if no run reached it.
    pub day: Option<Quantiles<u32>>,
    /// How many runs the group reached it in.
    pub runs_reaching: u64,
}

/// Where one group was on one day, over the runs where it existed that day.
#[derive(Debug, Clone, PartialEq)]
pub struct KmQuantiles {
    /// Index into [`EnsembleSummary::group_names`].
    pub group: usize,
    /// Days since departure.
    pub day: u32,
    /// Road km from the route's start where the group ended the day.
    pub km: Quantiles<f64>,
    /// How many runs the group existed in (formed) that day.
    pub runs_present: u64,
}

/// What an ensemble tells: arrival dates and daily progress as quantiles.
#[derive(Debug, Clone, PartialEq)]
pub struct EnsembleSummary {
    /// Number of runs summarised.
    pub runs: u64,
    /// Seed the runs' own seeds are derived from.
    pub rng_seed: u64,
    /// What varied between runs besides the walking pace.
    pub variation: Variation,
    /// Spread of the daily walking pace (the file's `model.pace_variation_frac`).
    pub pace_variation_frac: f64,
    /// Departure date (day 0).
    pub depart: NaiveDate,
    /// Group names, indexed by the `group` fields.
    pub group_names: Vec<String>,
    /// Per group, its waypoints in route order, then its destination.
    pub arrivals: Vec<ArrivalQuantiles>,
    /// Per group, days 0 to the last day any run lasted.
    pub km_by_day: Vec<KmQuantiles>,
}

impl EnsembleSummary {
    /// The calendar date of a day index (0 = departure).
    pub fn date_of(&self, day: u32) -> NaiveDate {
        self.depart + chrono::Days::new(u64::from(day))
    }

    /// Arrival at the group's own stop.
    pub fn destination(&self, group: usize) -> Option<&ArrivalQuantiles> {
        group_slice(&self.arrivals, group, |a| a.group)
            .iter()
            .find(|a| a.target.is_destination)
    }

    /// One group's daily km quantiles, in day order.
    pub fn km_band(&self, group: usize) -> impl Iterator<Item = &KmQuantiles> {
        group_slice(&self.km_by_day, group, |k| k.group).iter()
    }
}

/// One group's entries of a list in group order (as `arrivals` and `km_by_day` are built),
/// by binary search: asking for every group's costs groups × log entries, not groups².
fn group_slice<T>(items: &[T], group: usize, group_of: impl Fn(&T) -> usize) -> &[T] {
    let from = items.partition_point(|x| group_of(x) < group);
    let len = items[from..].partition_point(|x| group_of(x) == group);
    &items[from..from + len]
}

/// Most runs an ensemble takes: histogram counts are 32-bit, and a million runs is far more
/// than stable percentiles need.
pub const MAX_RUNS: u64 = 1_000_000;

/// A number of runs an ensemble can take: 1 to [`MAX_RUNS`], checked when built.
///
/// ```
/// use route_sim::ensemble::{Runs, RunsError, MAX_RUNS};
/// assert_eq!(Runs::new(500).unwrap().get(), 500);
/// assert_eq!(Runs::new(MAX_RUNS + 1), Err(RunsError::TooMany(MAX_RUNS + 1)));
/// assert_eq!(Runs::new(0), Err(RunsError::None));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Runs(u64);

/// Why a number of runs is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RunsError {
    /// Zero runs.
    #[error("an ensemble needs at least one run")]
    None,
    /// More than [`MAX_RUNS`].
    #[error(
        "{0} runs is more than the {MAX_RUNS} an ensemble takes (its counts are 32-bit, and its percentiles are stable long before)"
    )]
    TooMany(u64),
}

impl Runs {
    /// `runs`, if it is 1 to [`MAX_RUNS`].
    pub fn new(runs: u64) -> Result<Self, RunsError> {
        match runs {
            0 => Err(RunsError::None),
            n if n > MAX_RUNS => Err(RunsError::TooMany(n)),
            n => Ok(Self(n)),
        }
    }

    /// The number of runs.
    pub fn get(self) -> u64 {
        self.0
    }
}

/// Simulate `runs` runs in parallel (rayon's pool) and summarise them; `on_run_done` is
/// called once per finished run (for a progress bar).
pub fn run_ensemble(
    plan: &Plan,
    route: &Route,
    rng_seed: u64,
    runs: Runs,
    variation: Variation,
    on_run_done: &(dyn Fn() + Sync),
) -> EnsembleSummary {
    let shape = Shape::new(plan, route);
    let shared = SharedHistograms::new(&shape);
    // At most MAX_RUNS, so every count fits its 32 bits.
    (0..usize::try_from(runs.get()).unwrap_or(usize::MAX))
        .into_par_iter()
        .with_min_len(16)
        .for_each_init(
            || Scratch::new(&shape),
            |scratch, i| {
                let seed = derive_seed(rng_seed, i as u64);
                if variation.is_none() {
                    shared.add_run(&shape, scratch, plan, seed);
                } else {
                    shared.add_run(&shape, scratch, &variation.vary(plan, seed), seed);
                }
                on_run_done();
            },
        );
    let mut summary = shared.into_counts().summarise(&shape, plan, rng_seed);
    summary.variation = variation;
    summary
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
            groups: plan.groups().len(),
            days: plan.params().max_days().max(1) as usize,
            bins: (plan.route_km().max(0.0) / KM_BIN).ceil() as usize + 1,
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

/// The counts of a finished ensemble.
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
}

/// The same counts while runs are added from many threads: atomic adds (exact in any
/// order), and km extremes as order-preserving integers (`fetch_min`/`fetch_max`).
struct SharedHistograms {
    runs: AtomicU64,
    max_days: AtomicU32,
    km_counts: Vec<AtomicU32>,
    km_min: Vec<AtomicU64>,
    km_max: Vec<AtomicU64>,
    arrival_counts: Vec<AtomicU32>,
}

/// One thread's per-run scratch, reused: next waypoint per group and last record per group.
struct Scratch {
    next_waypoint: Vec<usize>,
    last_km: Vec<Option<(u32, f64)>>,
}

impl Scratch {
    fn new(s: &Shape) -> Self {
        Scratch {
            next_waypoint: vec![0; s.groups],
            last_km: vec![None; s.groups],
        }
    }
}

/// An integer whose order is the order of `x` (IEEE 754 total order).
fn ordered_bits(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | 1 << 63 }
}

/// The inverse of [`ordered_bits`].
fn from_ordered_bits(u: u64) -> f64 {
    f64::from_bits(if u >> 63 == 1 { u & !(1 << 63) } else { !u })
}

fn atomic_u32s(n: usize) -> Vec<AtomicU32> {
    (0..n).map(|_| AtomicU32::new(0)).collect()
}

impl SharedHistograms {
    fn new(s: &Shape) -> Self {
        let cells = s.groups * s.days;
        let filled = |n: usize, x: f64| (0..n).map(|_| AtomicU64::new(ordered_bits(x))).collect();
        SharedHistograms {
            runs: AtomicU64::new(0),
            max_days: AtomicU32::new(0),
            km_counts: atomic_u32s(cells * s.bins),
            km_min: filled(cells, f64::INFINITY),
            km_max: filled(cells, f64::NEG_INFINITY),
            arrival_counts: atomic_u32s(s.groups * s.targets() * s.days),
        }
    }

    fn add_run(&self, shape: &Shape, scratch: &mut Scratch, plan: &Plan, seed: u64) {
        scratch.next_waypoint.fill(0);
        scratch.last_km.fill(None);
        let summary = simulate_with(
            plan,
            seed,
            &mut Sink {
                h: self,
                scratch: &mut *scratch,
                shape,
            },
        );
        // Groups stay where they stopped after the run ends (everyone arrived or dispersed).
        for g in 0..shape.groups {
            if let Some((last_day, km)) = scratch.last_km[g] {
                for day in last_day as usize + 1..shape.days {
                    self.add_km(shape, g, day, km);
                }
            }
            if let Some(day) = summary.arrival_day[g] {
                self.arrival_counts
                    [(g * shape.targets() + shape.waypoints.len()) * shape.days + day as usize]
                    .fetch_add(1, Ordering::Relaxed);
            }
        }
        self.runs.fetch_add(1, Ordering::Relaxed);
        self.max_days.fetch_max(summary.days, Ordering::Relaxed);
    }

    #[inline]
    fn add_km(&self, shape: &Shape, group: usize, day: usize, km: f64) {
        let cell = shape.cell(group, day);
        let bin = ((km / KM_BIN).max(0.0) as usize).min(shape.bins - 1);
        self.km_counts[cell * shape.bins + bin].fetch_add(1, Ordering::Relaxed);
        self.km_min[cell].fetch_min(ordered_bits(km), Ordering::Relaxed);
        self.km_max[cell].fetch_max(ordered_bits(km), Ordering::Relaxed);
    }

    fn into_counts(self) -> Histograms {
        let u32s = |v: Vec<AtomicU32>| v.into_iter().map(AtomicU32::into_inner).collect();
        let f64s = |v: Vec<AtomicU64>| {
            v.into_iter()
                .map(|a| from_ordered_bits(a.into_inner()))
                .collect()
        };
        Histograms {
            runs: self.runs.into_inner(),
            max_days: self.max_days.into_inner(),
            km_counts: u32s(self.km_counts),
            km_min: f64s(self.km_min),
            km_max: f64s(self.km_max),
            arrival_counts: u32s(self.arrival_counts),
        }
    }
}

impl Histograms {
    fn summarise(&self, s: &Shape, plan: &Plan, rng_seed: u64) -> EnsembleSummary {
        let mut arrivals = Vec::new();
        let mut km_by_day = Vec::new();
        for (g, group) in plan.groups().iter().enumerate() {
            for t in 0..s.targets() {
                let target = match s.waypoints.get(t) {
                    Some((name, km)) => Target {
                        name: name.clone(),
                        km: *km,
                        is_destination: false,
                    },
                    None => Target {
                        name: destination_name(s, group.stop_km()),
                        km: group.stop_km(),
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
            variation: Variation::NONE,
            pace_variation_frac: plan.params().pace_variation_frac(),
            depart: plan.depart(),
            group_names: plan.groups().iter().map(|g| g.name().to_string()).collect(),
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
    h: &'a SharedHistograms,
    scratch: &'a mut Scratch,
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
        let first = self.scratch.last_km[g].is_none();
        let next = &mut self.scratch.next_waypoint[g];
        // A group formed by a split later in the run did not walk the waypoints behind it.
        if first && day > 0 {
            while *next < wps.len() && wps[*next].1 < r.km - 1e-6 {
                *next += 1;
            }
        }
        while *next < wps.len() && r.km >= wps[*next].1 - 1e-6 {
            self.h.arrival_counts[(g * self.shape.targets() + *next) * self.shape.days + day]
                .fetch_add(1, Ordering::Relaxed);
            *next += 1;
        }
        self.scratch.last_km[g] = Some((r.day, r.km));
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

    use crate::simulate::{GroupPlan, ModelParams};

    fn plan() -> Plan {
        let event = |first_day, last_day, kind| {
            PlanEvent::new(first_day, last_day, Vec::new(), kind).unwrap()
        };
        Plan::from_parts(
            NaiveDate::from_ymd_opt(2018, 10, 13).unwrap(),
            4000.0,
            ModelParams::default(),
            vec![GroupPlan::new("main", 1000.0, 1.0, 4000.0).unwrap()],
            vec![
                event(0, 0, PlanKind::Rest),
                event(5, 7, PlanKind::Hold { at_km: 200.0 }),
                event(10, 12, PlanKind::Ride { km_per_day: 300.0 }),
                event(15, 15, PlanKind::Leave { share: 0.1 }),
            ],
        )
        .unwrap()
    }

    #[test]
    fn variation_moves_movement_events_within_a_day_and_keeps_the_rest() {
        let base = plan();
        let v = Variation::from_record(0.4);
        let mut moved = [false; 3];
        let mut speeds = Vec::new();
        for seed in 0..200 {
            let p = v.vary(&base, seed);
            assert_eq!(p.events()[3], base.events()[3], "a leave keeps its day");
            for (i, (e, b)) in p.events().iter().zip(base.events()).take(3).enumerate() {
                assert!(e.first_day() >= 0 && (e.first_day() - b.first_day()).abs() <= 1);
                let len = e.last_day() - e.first_day();
                let base_len = b.last_day() - b.first_day();
                assert!(len >= 0 && (len - base_len).abs() <= 1);
                moved[i] |= e.first_day() != b.first_day();
            }
            let PlanKind::Ride { km_per_day } = *p.events()[2].kind() else {
                unreachable!()
            };
            assert_eq!(
                p.events()[2].last_day() - p.events()[2].first_day(),
                2,
                "rides keep length"
            );
            speeds.push(km_per_day);
            assert_eq!(v.vary(&base, seed), p, "same seed, same plan");
        }
        assert!(
            moved.iter().all(|&m| m),
            "every movement event moved in some run"
        );
        let mean = speeds.iter().sum::<f64>() / speeds.len() as f64;
        assert!((mean / 300.0 - 1.0).abs() < 0.1, "ride speed mean {mean}");
        assert!(speeds.iter().any(|&s| s < 250.0) && speeds.iter().any(|&s| s > 350.0));
        assert_eq!(Variation::NONE.vary(&base, 3), base);
    }
}
