//! The fit's runs, simulated only where a candidate can differ from the current values.
//!
//! Coordinate descent changes one speed at a time, and a ride's speed acts only on the
//! ride's days. So a candidate that differs from the current values in one ride starts from
//! the current run's state on the morning of the ride (the days before are the same), and
//! stops as soon as its groups stand exactly where the current run's stood at the end of a
//! day on or after the ride's last day (the days after are then the same too, as the draws
//! of a day do not depend on the state): only the sightings that read the days in between
//! get new errors. The walking pace acts on every day and is simulated in full. Every
//! error is bit for bit the one a full run gives; runs stop after the last sighting's day.

use crate::simulate::{
    DayDraws, DayLoop, DayRecord, DayRecords, GroupsState, Plan, RunSink, Schedule, Tally,
};
use crate::validate::main_body_of;

/// A position sighting in the simulation's terms.
#[derive(Debug, Clone, Copy)]
pub(super) struct Target {
    /// Day index (negative before departure).
    pub(super) day: i64,
    /// Road km of the reported place.
    pub(super) reported_km: f64,
    /// The group the report names, if the plan has it.
    pub(super) named: Option<usize>,
}

/// The days a free parameter acts on: from `from` to `until` (`None`: to the run's end).
#[derive(Debug, Clone, Copy)]
pub(super) struct Reach {
    pub(super) from: u32,
    pub(super) until: Option<u32>,
}

/// What every fit of a calibration shares: the plan's schedule, the sightings and each
/// seed's draws (which do not depend on the parameters).
pub(super) struct Replays {
    schedule: Schedule,
    targets: Vec<Target>,
    /// Indices of `targets` in day order: the targets that read a span of days are a
    /// stretch of this list.
    by_day: Vec<usize>,
    groups: usize,
    /// Days simulated: to the last sighting's day (a run that goes on longer is cut there,
    /// which no error can see).
    horizon: u32,
    /// Per seed, `horizon` rows of one draw per group slot.
    draws: Vec<Vec<u64>>,
}

/// One seed's run: a row of group slots per day (`None` before the group forms), the days
/// it ran, and the main-body error of each target.
#[derive(Debug, Clone)]
pub(super) struct SeedRun {
    groups: usize,
    rows: Vec<Option<DayRecord>>,
    days: u32,
    errors: Vec<f64>,
}

impl SeedRun {
    pub(super) fn errors(&self) -> &[f64] {
        &self.errors
    }

    fn row(&self, day: u32) -> &[Option<DayRecord>] {
        let at = day as usize * self.groups;
        &self.rows[at..at + self.groups]
    }

    /// The groups on the morning of `day` (as the records of the day before say).
    fn state_on(&self, day_loop: &DayLoop, day: u32, state: &mut GroupsState) {
        day_loop.restart(state);
        if day > 0 {
            for (g, r) in self.row(day - 1).iter().enumerate() {
                if let Some(r) = r {
                    state.km[g] = r.km;
                    state.headcount[g] = r.headcount;
                    state.status[g] = Some(r.status);
                }
            }
        }
    }
}

/// A candidate's runs, one per seed, kept until the fit accepts or drops them.
pub(super) struct Candidates {
    runs: Vec<Candidate>,
    /// Scratch for the day loop: the groups' state and what it counts (never read).
    state: GroupsState,
    tally: Tally,
}

struct Candidate {
    /// Its rows of the days in `window` (other days are the current run's).
    run: SeedRun,
    /// The days it simulated (first, last); `None` if it is the current run.
    window: Option<(u32, u32)>,
    /// Whether its errors may differ from the current run's.
    changed: bool,
}

impl Candidates {
    pub(super) fn errors(&self, seed: usize) -> &[f64] {
        &self.runs[seed].run.errors
    }

    /// Whether seed `seed`'s errors may differ from the current run's (if not, they are
    /// the same, bit for bit).
    pub(super) fn changed(&self, seed: usize) -> bool {
        self.runs[seed].changed
    }
}

/// A run's rows as [`DayRecords`]: the candidate's where it has them, else the current run's.
struct Spliced<'a> {
    current: &'a SeedRun,
    candidate: &'a Candidate,
}

impl Spliced<'_> {
    fn row(&self, day: u32) -> &[Option<DayRecord>] {
        let c = self.candidate;
        match c.window {
            Some((first, last)) if (first..=last).contains(&day) => c.run.row(day),
            _ => self.current.row(day),
        }
    }
}

impl DayRecords for Spliced<'_> {
    fn days(&self) -> u32 {
        self.candidate.run.days
    }
    fn record_of(&self, group: usize, day: u32) -> Option<&DayRecord> {
        self.row(day).get(group)?.as_ref()
    }
    fn day_records(&self, day: u32) -> impl Iterator<Item = &DayRecord> {
        self.row(day).iter().flatten()
    }
}

impl DayRecords for SeedRun {
    fn days(&self) -> u32 {
        self.days
    }
    fn record_of(&self, group: usize, day: u32) -> Option<&DayRecord> {
        self.row(day).get(group)?.as_ref()
    }
    fn day_records(&self, day: u32) -> impl Iterator<Item = &DayRecord> {
        self.row(day).iter().flatten()
    }
}

/// Writes a day's records into its row of group slots.
struct RowSink<'a>(&'a mut [Option<DayRecord>]);

impl RunSink for RowSink<'_> {
    fn record(&mut self, record: &DayRecord) {
        self.0[usize::from(record.group)] = Some(*record);
    }
}

/// The first and last day a target's error reads, in a run of `days` days.
fn read_days(t: &Target, days: u32) -> (u32, u32) {
    let clamp = |d: i64| d.clamp(0, i64::from(days.saturating_sub(1))) as u32;
    let last = clamp(t.day);
    (if t.day >= 1 { clamp(t.day - 1) } else { last }, last)
}

/// The same state, bit for bit (so the same future).
fn same_row(a: &[Option<DayRecord>], b: &[Option<DayRecord>]) -> bool {
    a.iter().zip(b).all(|(a, b)| match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.status == b.status
                && a.km.to_bits() == b.km.to_bits()
                && a.headcount.to_bits() == b.headcount.to_bits()
        }
        _ => false,
    })
}

impl Replays {
    /// `seeds` runs from `rng_seed` on (`rng_seed + k`), as the fit averages them.
    pub(super) fn new(plan: &Plan, targets: Vec<Target>, rng_seed: u64, seeds: u64) -> Self {
        let groups = plan.groups().len();
        let last_day = targets.iter().map(|t| t.day).max().unwrap_or(0);
        let horizon = (last_day.clamp(0, i64::from(u32::MAX - 1)) as u32 + 1)
            .min(plan.params().max_days())
            .max(1);
        let draws = (0..seeds)
            .map(|k| {
                let mut rng = DayDraws::new(rng_seed.wrapping_add(k), groups);
                let mut all = Vec::with_capacity(horizon as usize * groups);
                for _ in 0..horizon {
                    all.extend_from_slice(rng.next_day());
                }
                all
            })
            .collect();
        let mut by_day: Vec<usize> = (0..targets.len()).collect();
        by_day.sort_by_key(|&i| targets[i].day);
        Replays {
            schedule: Schedule::new(plan),
            targets,
            by_day,
            groups,
            horizon,
            draws,
        }
    }

    fn empty_run(&self) -> SeedRun {
        SeedRun {
            groups: self.groups,
            rows: vec![None; self.horizon as usize * self.groups],
            days: 0,
            errors: vec![0.0; self.targets.len()],
        }
    }

    fn day_draws(&self, seed: usize, day: u32) -> &[u64] {
        let at = day as usize * self.groups;
        &self.draws[seed][at..at + self.groups]
    }

    /// Runs of `plan` for every seed, from departure.
    pub(super) fn full(&self, plan: &Plan) -> Vec<SeedRun> {
        let day_loop = DayLoop::new(plan, &self.schedule);
        let mut tally = Tally::new(self.groups);
        (0..self.draws.len())
            .map(|seed| {
                let mut run = self.empty_run();
                let mut state = day_loop.start();
                for day in 0..self.horizon {
                    let goes_on = self.day(&day_loop, seed, day, &mut state, &mut tally, &mut run);
                    run.days = day + 1;
                    if !goes_on {
                        break;
                    }
                }
                run.errors = self
                    .targets
                    .iter()
                    .map(|t| main_body_of(&run, t.named, t.day, t.reported_km).error_km)
                    .collect();
                run
            })
            .collect()
    }

    /// A scratch set of candidate runs for [`Replays::candidate`].
    pub(super) fn candidates(&self) -> Candidates {
        Candidates {
            runs: (0..self.draws.len())
                .map(|_| Candidate {
                    run: self.empty_run(),
                    window: None,
                    changed: false,
                })
                .collect(),
            state: GroupsState {
                km: Vec::new(),
                headcount: Vec::new(),
                status: Vec::new(),
            },
            tally: Tally::new(self.groups),
        }
    }

    /// Runs of `plan`, which differs from the plan of `current` only in a parameter that
    /// acts on the days of `reach`, into `out`.
    pub(super) fn candidate(
        &self,
        plan: &Plan,
        current: &[SeedRun],
        reach: Reach,
        out: &mut Candidates,
    ) {
        let day_loop = DayLoop::new(plan, &self.schedule);
        let from = reach.from;
        for (seed, (base, cand)) in current.iter().zip(&mut out.runs).enumerate() {
            if from >= base.days {
                // The run was over before the parameter acts.
                cand.window = None;
                cand.changed = false;
                cand.run.days = base.days;
                cand.run.errors.copy_from_slice(&base.errors);
                continue;
            }
            let state = &mut out.state;
            base.state_on(&day_loop, from, state);
            // The first and last day whose records differ from the current run's.
            let mut changed: Option<(u32, u32)> = None;
            let mut converged = false;
            let mut day = from;
            loop {
                let goes_on = self.day(&day_loop, seed, day, state, &mut out.tally, &mut cand.run);
                cand.run.days = day + 1;
                if day < base.days && same_row(cand.run.row(day), base.row(day)) {
                    // Once the parameter no longer acts, the same state means the same future.
                    if reach.until.is_some_and(|until| day >= until) {
                        converged = true;
                        break;
                    }
                } else {
                    changed = Some((changed.map_or(day, |(first, _)| first), day));
                }
                if !goes_on || day + 1 >= self.horizon {
                    break;
                }
                day += 1;
            }
            cand.window = Some((from, day));
            if converged {
                cand.run.days = base.days;
            }
            // A run of another length reads other days wherever it is cut (see `read_days`).
            if cand.run.days != base.days {
                changed = Some((from, u32::MAX));
            }
            cand.run.errors.copy_from_slice(&base.errors);
            cand.changed = changed.is_some();
            let Some((a, b)) = changed else { continue };
            // The targets that read a changed day: `read_days` grows with the target's day.
            let days = cand.run.days;
            let by_day = &self.by_day;
            let lo = by_day.partition_point(|&i| read_days(&self.targets[i], days).1 < a);
            let hi = by_day.partition_point(|&i| read_days(&self.targets[i], days).0 <= b);
            for &i in &by_day[lo..hi.max(lo)] {
                let t = &self.targets[i];
                let view = Spliced {
                    current: base,
                    candidate: cand,
                };
                let error_km = main_body_of(&view, t.named, t.day, t.reported_km).error_km;
                cand.run.errors[i] = error_km;
            }
        }
    }

    /// Make the candidates of `out` the current runs.
    pub(super) fn accept(&self, current: &mut [SeedRun], out: &Candidates) {
        let n = self.groups;
        for (base, cand) in current.iter_mut().zip(&out.runs) {
            if let Some((first, last)) = cand.window {
                let (a, b) = (first as usize * n, (last as usize + 1) * n);
                base.rows[a..b].copy_from_slice(&cand.run.rows[a..b]);
            }
            base.days = cand.run.days;
            base.errors.copy_from_slice(&cand.run.errors);
        }
    }

    /// Simulate one day of seed `seed` into its row of `run`.
    fn day(
        &self,
        day_loop: &DayLoop,
        seed: usize,
        day: u32,
        state: &mut GroupsState,
        tally: &mut Tally,
        run: &mut SeedRun,
    ) -> bool {
        let at = day as usize * self.groups;
        let row = &mut run.rows[at..at + self.groups];
        row.fill(None);
        day_loop.day(
            day,
            self.day_draws(seed, day),
            state,
            tally,
            &mut RowSink(row),
        )
    }
}
