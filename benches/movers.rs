//! The benchmark world shared by benches/dayloop.rs and examples/dayloop.rs: a chain of
//! towns with one group of one person per mover, no events, so only the day loop is timed.

use route_sim::scenario::ModelParams;
use route_sim::simulate::{DayRecord, GroupPlan, Plan, RunSink};

/// `movers` single-person groups on a `route_km` chain for `days` days. `pace_variation_frac`
/// 0 gives exactly 48 km every day, Flee's speed rule.
pub fn chain_plan(movers: usize, route_km: f64, days: u32, pace_variation_frac: f64) -> Plan {
    let group = GroupPlan {
        name: String::new(),
        headcount: 1.0,
        pace_factor: 1.0,
        stop_km: route_km,
        formed_at_start: true,
        parent: None,
    };
    Plan {
        depart: chrono::NaiveDate::from_ymd_opt(2018, 10, 13).expect("valid date"),
        route_km,
        params: ModelParams {
            pace_km_per_day: 48.0,
            pace_variation_frac,
            rest_probability_per_day: 0.0,
            max_days: days,
        },
        groups: vec![group; movers],
        events: Vec::new(),
    }
}

/// Keeps the optimiser honest (every record is read) without storing anything. Four
/// running sums, picked by group, so the bench's consumer is not one serial chain of float
/// additions (a single sum cost a few percent more: each add waits for the previous one).
/// Groups past 65,535 wrap `DayRecord::group`; only its low bits are used here.
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
