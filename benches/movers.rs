//! The benchmark world shared by benches/dayloop.rs and examples/dayloop.rs: a chain of
//! towns with one group of one person per mover, no events, so only the day loop is timed.

use route_sim::scenario::MAX_GROUPS;
use route_sim::simulate::{DayRecord, GroupPlan, ModelParams, Plan, RunSink};

/// `movers` single-person groups on a `route_km` chain for `days` days. `pace_variation_frac`
/// 0 gives exactly 48 km every day, Flee's speed rule. A plan holds at most [`MAX_GROUPS`]
/// groups (a run indexes them in 16 bits), so more movers come as several plans of equal
/// size, run one after the other: the same agent-days of the same loop.
pub fn chain_plans(movers: usize, route_km: f64, days: u32, pace_variation_frac: f64) -> Vec<Plan> {
    let group = GroupPlan::new("", 1.0, 1.0, route_km).expect("a valid group");
    let params = ModelParams::new(48.0, pace_variation_frac, 0.0, days).expect("valid parameters");
    let depart = chrono::NaiveDate::from_ymd_opt(2018, 10, 13).expect("valid date");
    let plans = movers.div_ceil(MAX_GROUPS).max(1);
    (0..plans)
        .map(|k| {
            let n = movers * (k + 1) / plans - movers * k / plans;
            Plan::from_parts(
                depart,
                route_km,
                params.clone(),
                vec![group.clone(); n],
                Vec::new(),
            )
            .expect("a valid plan")
        })
        .collect()
}

/// Keeps the optimiser honest (every record is read) without storing anything. Four
/// running sums, picked by group, so the bench's consumer is not one serial chain of float
/// additions (a single sum cost a few percent more: each add waits for the previous one).
#[derive(Default)]
pub struct KmSum(pub [f64; 4]);

impl KmSum {
    pub fn total(&self) -> f64 {
        self.0.iter().sum()
    }
}

impl RunSink for KmSum {
    #[inline]
    fn record(&mut self, r: &DayRecord) {
        self.0[usize::from(r.group & 3)] += r.km;
    }
}
