//! The day loop: every group decides, then every group moves.

use super::Status;
use super::plan::{GroupPlan, Plan, PlanKind};
use super::rng::{DayDraws, DrawRule};
use super::schedule::Schedule;
use chrono::NaiveDate;

// A scenario has at most `MAX_GROUPS` groups, so a group's index always fits `DayRecord::group`.
const _: () = assert!(crate::scenario::MAX_GROUPS - 1 <= u16::MAX as usize);

/// One group's state at the end of one day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayRecord {
    /// Days since departure (0 = departure day).
    pub day: u32,
    /// Index into [`Run::group_names`].
    pub group: u16,
    /// Road km from the route's start.
    pub km: f64,
    /// People in the group at the end of the day (fractional: joins and shares are spread).
    pub headcount: f64,
    /// What the group did that day.
    pub status: Status,
}

/// A finished run: every group's record for every day, in (day, group) order.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Departure date (day 0).
    pub depart: NaiveDate,
    /// Group names, indexed by [`DayRecord::group`].
    pub group_names: Vec<String>,
    /// The group each one split from (`None` for groups present at departure).
    pub group_parent: Vec<Option<usize>>,
    /// Every group's record of every day, in (day, group) order.
    pub records: Vec<DayRecord>,
    /// Number of simulated days.
    pub days: u32,
    /// Day each group reached its stop, if it did.
    pub arrival_day: Vec<Option<u32>>,
    /// People detained in dispersals.
    pub detained: f64,
}

impl Run {
    /// The calendar date of a day index (0 = departure).
    pub fn date_of(&self, day: u32) -> NaiveDate {
        self.depart + chrono::Days::new(u64::from(day))
    }

    /// A group's records, in day order (a binary search per day, not a scan of the run).
    pub fn group_records(&self, group: usize) -> impl Iterator<Item = &DayRecord> {
        (0..self.days).filter_map(move |day| self.record_of(group, day))
    }

    /// Records of one day, in group order.
    pub fn day_records(&self, day: u32) -> impl Iterator<Item = &DayRecord> {
        self.day_slice(day).iter()
    }

    /// The records of one day: found by binary search, as `records` are in (day, group)
    /// order. Every look-up below goes through here, so a run's queries cost
    /// O(log records) each whatever the number of groups.
    fn day_slice(&self, day: u32) -> &[DayRecord] {
        let from = self.records.partition_point(|r| r.day < day);
        let len = self.records[from..].partition_point(|r| r.day == day);
        &self.records[from..from + len]
    }

    /// One group's record of one day, if the group had formed.
    fn record_of(&self, group: usize, day: u32) -> Option<&DayRecord> {
        let today = self.day_slice(day);
        today
            .binary_search_by_key(&group, |r| usize::from(r.group))
            .ok()
            .map(|i| &today[i])
    }
}

/// A run's records by day and group, however they are kept: a [`Run`] keeps all of them;
/// calibration keeps one row of group slots per day and replaces only the days a candidate
/// changes. The look-ups that compare a run with the sightings are defined here, once.
pub trait DayRecords {
    /// Number of simulated days.
    fn days(&self) -> u32;

    /// One group's record of one day, if the group had formed.
    fn record_of(&self, group: usize, day: u32) -> Option<&DayRecord>;

    /// Records of one day, in group order.
    fn day_records(&self, day: u32) -> impl Iterator<Item = &DayRecord>;

    /// Km of `group` on a day index that may lie before departure (km 0) or after the
    /// run's end (where the group stopped). `None` if the group has not formed by then.
    fn km_on(&self, group: usize, day: i64) -> Option<f64> {
        if day < 0 {
            return self.record_of(group, 0).map(|_| 0.0);
        }
        let day = (day as u32).min(self.days().saturating_sub(1));
        self.record_of(group, day).map(|r| r.km)
    }

    /// The main body on a day (clamped to the run): the formed group with the most people
    /// (dispersed groups count only if nobody else is left).
    fn main_group_on(&self, day: i64) -> usize {
        let day = day.clamp(0, i64::from(self.days().saturating_sub(1))) as u32;
        self.day_records(day)
            .max_by(|a, b| {
                let live = |r: &DayRecord| u8::from(r.status != super::Status::Dispersed);
                live(a)
                    .cmp(&live(b))
                    .then(a.headcount.total_cmp(&b.headcount))
                    .then(b.group.cmp(&a.group))
            })
            .map_or(0, |r| usize::from(r.group))
    }
}

impl DayRecords for Run {
    fn days(&self) -> u32 {
        self.days
    }

    fn record_of(&self, group: usize, day: u32) -> Option<&DayRecord> {
        Run::record_of(self, group, day)
    }

    fn day_records(&self, day: u32) -> impl Iterator<Item = &DayRecord> {
        Run::day_records(self, day)
    }
}

/// Where a run's daily records go: a `Vec` for outputs, an aggregator for ensembles.
pub trait RunSink {
    /// Take one group's record of one day; called in (day, group) order.
    fn record(&mut self, record: &DayRecord);
}

impl RunSink for Vec<DayRecord> {
    fn record(&mut self, record: &DayRecord) {
        self.push(*record);
    }
}

/// Summary of a run whose records went to a sink.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    /// Number of simulated days.
    pub days: u32,
    /// Day each group reached its stop, if it did (indexed by group).
    pub arrival_day: Vec<Option<u32>>,
    /// People detained in dispersals.
    pub detained: f64,
}

/// Simulate and keep every record.
pub fn simulate(plan: &Plan, rng_seed: u64) -> Run {
    let mut records = Vec::new();
    let summary = simulate_with(plan, rng_seed, &mut records);
    Run {
        depart: plan.depart(),
        group_names: plan.groups().iter().map(|g| g.name().to_string()).collect(),
        group_parent: plan.groups().iter().map(GroupPlan::parent).collect(),
        records,
        days: summary.days,
        arrival_day: summary.arrival_day,
        detained: summary.detained,
    }
}

/// Simulate, handing each day's records to `sink`; nothing is allocated inside the day loop.
pub fn simulate_with(plan: &Plan, rng_seed: u64, sink: &mut impl RunSink) -> RunSummary {
    let schedule = Schedule::new(plan);
    let day_loop = DayLoop::new(plan, &schedule);
    let n = plan.groups().len();
    let mut state = day_loop.start();
    let mut tally = Tally::new(n);
    let mut rng = DayDraws::new(rng_seed, n);
    let mut days = 0;
    for day in 0..plan.params().max_days() {
        let goes_on = day_loop.day(day, rng.next_day(), &mut state, &mut tally, sink);
        days = day + 1;
        if !goes_on {
            break;
        }
    }
    RunSummary {
        days,
        arrival_day: tally.arrival_day,
        detained: tally.detained,
    }
}

/// The groups at the end of a day: everything the days after depend on (with the plan and
/// their draws), so two runs of a plan in the same state on the same day go on identically.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GroupsState {
    pub(crate) km: Vec<f64>,
    pub(crate) headcount: Vec<f64>,
    /// `None` until the group forms: one byte per group tells the day loop whether to move
    /// it, record it, or both.
    pub(crate) status: Vec<Option<Status>>,
}

/// What a run counts without ever reading it back: arrivals and detentions.
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    pub(crate) arrival_day: Vec<Option<u32>>,
    pub(crate) detained: f64,
}

impl Tally {
    pub(crate) fn new(groups: usize) -> Self {
        Tally {
            arrival_day: vec![None; groups],
            detained: 0.0,
        }
    }
}

/// One plan's days: the per-group constants and the events of each day, so that a day
/// costs only its own events.
pub(crate) struct DayLoop<'a> {
    plan: &'a Plan,
    schedule: &'a Schedule,
    rule: DrawRule,
    // Per-group constants, contiguous for the day loop.
    stop_km: Vec<f64>,
    base_km_per_day: Vec<f64>,
}

impl<'a> DayLoop<'a> {
    /// `schedule` must be [`Schedule::new`] of a plan with the same events' days and kinds.
    pub(crate) fn new(plan: &'a Plan, schedule: &'a Schedule) -> Self {
        let p = plan.params();
        DayLoop {
            plan,
            schedule,
            rule: DrawRule::new(p.rest_probability_per_day(), p.pace_variation_frac()),
            stop_km: plan.groups().iter().map(GroupPlan::stop_km).collect(),
            base_km_per_day: plan
                .groups()
                .iter()
                .map(|g| p.pace_km_per_day() * g.pace_factor())
                .collect(),
        }
    }

    /// The groups on the morning of departure.
    pub(crate) fn start(&self) -> GroupsState {
        let mut state = GroupsState {
            km: Vec::new(),
            headcount: Vec::new(),
            status: Vec::new(),
        };
        self.restart(&mut state);
        state
    }

    /// [`DayLoop::start`] into an existing state (no allocation once it has the size).
    pub(crate) fn restart(&self, state: &mut GroupsState) {
        let groups = &self.plan.groups();
        state.km.clear();
        state.km.resize(groups.len(), 0.0);
        state.headcount.clear();
        state
            .headcount
            .extend(groups.iter().map(GroupPlan::headcount));
        state.status.clear();
        state.status.extend(
            groups
                .iter()
                .map(|g| g.formed_at_start().then_some(Status::Walking)),
        );
    }

    /// Day `day` with its `draws` (one per group slot): people change, then every group
    /// decides and moves; each formed group's record goes to `sink`. Returns whether the run
    /// goes on (a group still moves, or a split is still due).
    pub(crate) fn day(
        &self,
        day: u32,
        draws: &[u64],
        state: &mut GroupsState,
        tally: &mut Tally,
        sink: &mut impl RunSink,
    ) -> bool {
        let (plan, rule) = (self.plan, &self.rule);
        let n = plan.groups().len();
        // Slices of exactly `n`, so the day loop needs no bounds checks.
        let (km, headcount, status) = (
            &mut state.km[..n],
            &mut state.headcount[..n],
            &mut state.status[..n],
        );
        let (arrival_slots, stop_km, base_km_per_day) = (
            &mut tally.arrival_day[..n],
            &self.stop_km[..n],
            &self.base_km_per_day[..n],
        );
        let draws = &draws[..n];
        let d = i64::from(day);
        // Phase 1: people change (joins, departures, splits, dispersals).
        for &i in self.schedule.people(day) {
            let e = &plan.events()[i as usize];
            for g in 0..n {
                if status[g].is_none_or(super::Status::is_final) || !e.applies(d, g) {
                    continue;
                }
                match *e.kind() {
                    PlanKind::Join { per_day } => headcount[g] += per_day,
                    PlanKind::Leave { share } => headcount[g] *= 1.0 - share,
                    PlanKind::Split { into, share } if status[into].is_none() => {
                        km[into] = km[g];
                        headcount[into] = headcount[g] * share;
                        headcount[g] -= headcount[into];
                        status[into] = status[g];
                    }
                    PlanKind::Disperse {
                        share,
                        detained: held,
                        ..
                    } if d == e.first_day() => {
                        tally.detained += held.min(headcount[g]);
                        headcount[g] *= 1.0 - share;
                        if share >= 0.999 {
                            status[g] = Some(Status::Dispersed);
                        }
                    }
                    _ => {}
                }
            }
        }
        // Events that can touch a group's day: rests and rides (decide), holds (move).
        // Listed per day, so event-free days cost nothing per group.
        let moves_today = self.schedule.moves(day);
        // Phase 2: each group decides, then moves. A group's decision and move read only its
        // own state, so doing both in one pass over the groups equals two passes, and is faster.
        let groups = Groups {
            status: &mut *status,
            km,
            headcount,
            stop_km,
            arrival_slots,
        };
        let moving = if moves_today.is_empty() {
            // Most days: no rest, ride or hold, so no per-group event scan; a tight loop.
            groups.decide_and_move(day, sink, |g, _| {
                let (s, daily_km) = own_pace(rule, draws[g], base_km_per_day[g]);
                (s, daily_km, None)
            })
        } else {
            groups.decide_and_move(day, sink, |g, km_now| {
                // A rest event wins over everything; else the last ride of the day; else the
                // group's own choice; the nearest hold not yet passed stops the move.
                let (mut rest, mut ride_km_per_day) = (false, None);
                let mut hold_km: Option<f64> = None;
                for &i in moves_today {
                    let e = &plan.events()[i as usize];
                    if !(e.groups().is_empty() || e.groups().contains(&g)) {
                        continue;
                    }
                    let at_km = match *e.kind() {
                        PlanKind::Rest => {
                            rest = true;
                            continue;
                        }
                        PlanKind::Ride { km_per_day } => {
                            ride_km_per_day = Some(km_per_day);
                            continue;
                        }
                        PlanKind::Hold { at_km }
                        | PlanKind::Disperse {
                            hold_km: Some(at_km),
                            ..
                        } => at_km,
                        _ => continue,
                    };
                    if km_now <= at_km + 1e-9 {
                        hold_km = Some(hold_km.map_or(at_km, |h| h.min(at_km)));
                    }
                }
                let (s, daily_km) = match ride_km_per_day {
                    _ if rest => (Status::Resting, 0.0),
                    Some(km_per_day) => (Status::Riding, km_per_day * rule.pace_noise(draws[g])),
                    None => own_pace(rule, draws[g], base_km_per_day[g]),
                };
                (s, daily_km, hold_km)
            })
        };
        moving > 0
            || self
                .schedule
                .split_pending(day, |into| status[into].is_none())
    }
}

/// The groups' changing state, as slices of exactly `n` (so the day loop needs no bounds checks).
struct Groups<'a> {
    status: &'a mut [Option<Status>],
    km: &'a mut [f64],
    headcount: &'a [f64],
    stop_km: &'a [f64],
    arrival_slots: &'a mut [Option<u32>],
}

impl Groups<'_> {
    /// Phase 2 of a day: each moving group takes `decide(group, km)`'s (status, km today,
    /// nearest hold) and moves; every formed group is recorded. Returns how many still move.
    /// A group's decision and move read only its own state, so one pass equals two passes.
    #[inline(always)]
    fn decide_and_move(
        self,
        day: u32,
        sink: &mut impl RunSink,
        mut decide: impl FnMut(usize, f64) -> (Status, f64, Option<f64>),
    ) -> usize {
        let n = self.status.len();
        let (status, km, headcount, stop_km, arrival_slots) = (
            &mut self.status[..n],
            &mut self.km[..n],
            &self.headcount[..n],
            &self.stop_km[..n],
            &mut self.arrival_slots[..n],
        );
        let mut moving = 0;
        for g in 0..n {
            let Some(mut s) = status[g] else { continue };
            if !s.is_final() {
                let (today, daily_km, hold_km) = decide(g, km[g]);
                s = advance(
                    &mut km[g],
                    today,
                    daily_km,
                    hold_km,
                    stop_km[g],
                    day,
                    &mut arrival_slots[g],
                );
                status[g] = Some(s);
                moving += usize::from(!s.is_final());
            }
            sink.record(&DayRecord {
                day,
                group: g as u16,
                km: km[g],
                headcount: headcount[g],
                status: s,
            });
        }
        moving
    }
}

/// A group's own choice for the day when no event decides: rest with the day's probability,
/// else walk at its pace with noise. Both come from the group's one draw of the day.
#[inline(always)]
fn own_pace(rule: &DrawRule, draw: u64, base_km_per_day: f64) -> (Status, f64) {
    if rule.rests(draw) {
        (Status::Resting, 0.0)
    } else {
        (Status::Walking, base_km_per_day * rule.pace_noise(draw))
    }
}

/// The move: `daily_km` further, but not past `hold_km` (the nearest hold ahead, if any) nor the
/// group's stop; reaching its stop is final and dates the arrival. Days without holds (most)
/// pass `None`, which leaves one comparison.
#[inline(always)]
#[allow(clippy::neg_cmp_op_on_partial_ord)] // `!(a >= b)` keeps the old NaN behaviour bit for bit
fn advance(
    km: &mut f64,
    s: Status,
    daily_km: f64,
    hold_km: Option<f64>,
    stop_km: f64,
    day: u32,
    arrival: &mut Option<u32>,
) -> Status {
    let wanted_km = *km + daily_km;
    // The limit is `min(stop, hold)`: it reaches the stop unless the hold is short of it.
    let held_short = hold_km.is_some_and(|at_km| !(at_km >= stop_km - 1e-9));
    if wanted_km >= stop_km - 1e-9 && !held_short {
        *km = stop_km;
        *arrival = Some(day);
        return Status::Arrived;
    }
    match hold_km.map(|at_km| at_km.min(stop_km)) {
        Some(limit_km) if wanted_km > limit_km => {
            *km = limit_km;
            Status::Waiting
        }
        _ => {
            *km = wanted_km;
            s
        }
    }
}

impl Run {
    /// Km of `group` on a day index that may lie before departure (km 0) or after the
    /// run's end (where the group stopped). `None` if the group has not formed by then.
    pub fn km_on(&self, group: usize, day: i64) -> Option<f64> {
        DayRecords::km_on(self, group, day)
    }

    /// The main body on a day: see [`DayRecords::main_group_on`].
    pub fn main_group_on(&self, day: i64) -> usize {
        DayRecords::main_group_on(self, day)
    }

    /// Where a group's line starts: the origin for groups present at departure, else its
    /// parent's position on the evening before the split, as (day, km).
    pub fn start_of(&self, group: usize) -> Option<(i64, f64)> {
        let first = self.group_records(group).next()?;
        let day = i64::from(first.day) - 1;
        Some(match self.group_parent[group] {
            Some(parent) if first.day > 0 => (day, self.km_on(parent, day).unwrap_or(first.km)),
            _ => (-1, 0.0),
        })
    }

    /// A group's status on a day, `None` before it formed or outside the run.
    pub fn status_on(&self, group: usize, day: i64) -> Option<super::Status> {
        let day = u32::try_from(day).ok()?;
        self.record_of(group, day).map(|r| r.status)
    }

    /// People in one group on a day (clamped to the run like `km_on`).
    pub fn headcount_of(&self, group: usize, day: i64) -> f64 {
        let day = day.clamp(0, i64::from(self.days.saturating_sub(1))) as u32;
        self.record_of(group, day).map_or(0.0, |r| r.headcount)
    }

    /// People still travelling or arrived (not dispersed) on a day.
    pub fn headcount_on(&self, day: i64) -> f64 {
        let day = day.clamp(0, i64::from(self.days.saturating_sub(1))) as u32;
        // Fold from +0.0: an empty f64 sum is -0.0, which prints as "-0".
        self.day_records(day)
            .filter(|r| r.status != super::Status::Dispersed)
            .fold(0.0, |sum, r| sum + r.headcount)
    }
}
