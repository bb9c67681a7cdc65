//! Stage 4: groups advancing along the route day by day, with seeded randomness.
//!
//! The model only sees km marks: a [`Plan`] turns a scenario's dates and places into day
//! indices and road km once, then [`simulate`] runs days in two phases (every group
//! decides, then every group moves). Same plan and seed, same run, bit for bit.

mod engine;
mod plan;
mod rng;
mod schedule;

pub use crate::params::ModelParams;
pub(crate) use engine::{DayLoop, GroupsState, Tally};
pub use engine::{DayRecord, DayRecords, Run, RunSink, RunSummary, simulate, simulate_with};
pub use plan::{GroupPlan, MAX_OFF_ROUTE_KM, Plan, PlanError, PlanEvent, PlanKind};
pub(crate) use rng::DayDraws;
pub use rng::{derive_seed, splitmix64};
pub(crate) use schedule::Schedule;

/// What a group did on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Walking at the day's pace.
    Walking,
    /// Not moving: a rest event or the group's own rest day.
    Resting,
    /// Stopped short of a held place (a wait event or a dispersal's hold).
    Waiting,
    /// On rides or buses at an event's daily distance.
    Riding,
    /// Reached its stop (destination or route end); final.
    Arrived,
    /// Ended by a dispersal of all its people; final.
    Dispersed,
}

impl Status {
    /// Every status, in order (for tables and legends).
    pub const ALL: [Status; 6] = [
        Status::Walking,
        Status::Resting,
        Status::Waiting,
        Status::Riding,
        Status::Arrived,
        Status::Dispersed,
    ];

    /// The lower-case name written in outputs (`walking`).
    pub fn name(self) -> &'static str {
        match self {
            Status::Walking => "walking",
            Status::Resting => "resting",
            Status::Waiting => "waiting",
            Status::Riding => "riding",
            Status::Arrived => "arrived",
            Status::Dispersed => "dispersed",
        }
    }

    /// Arrived and dispersed groups never move again.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Arrived | Status::Dispersed)
    }
}
