//! Which events can act on each day, found once per run instead of scanning every event on
//! every day (and again for every group).

use super::plan::{Plan, PlanEvent, PlanKind};

/// Per day, the indices (into [`Plan::events`], in plan order) of the events that can act that
/// day, in two lists: those that change people (phase 1) and those that decide or stop a
/// move (phase 2). Days past the last listed day have no events. Stored as offsets into one
/// vector per list, so a run allocates four vectors, not one per day.
#[derive(Debug, Clone, Default)]
pub(crate) struct Schedule {
    /// `people[people_from[d]..people_from[d + 1]]`: joins, departures and splits active
    /// on day `d`, and dispersals on their first day.
    people_from: Vec<u32>,
    people: Vec<u32>,
    /// The same for rests, rides and holds active on day `d`, and for dispersals that hold
    /// the group at a place, on every day up to theirs.
    moves_from: Vec<u32>,
    moves: Vec<u32>,
    /// (first day, group it forms) of each split: a run goes on while a split is due.
    splits: Vec<(i64, usize)>,
}

impl Schedule {
    pub(crate) fn new(plan: &Plan) -> Self {
        let max_days = i64::from(plan.params().max_days());
        // The days an event acts in each phase, clipped to the run.
        let people_days = |e: &PlanEvent| match *e.kind() {
            PlanKind::Join { .. } | PlanKind::Leave { .. } | PlanKind::Split { .. } => {
                Some((e.first_day(), e.last_day()))
            }
            PlanKind::Disperse { .. } if e.first_day() <= e.last_day() => {
                Some((e.first_day(), e.first_day()))
            }
            _ => None,
        };
        let moves_days = |e: &PlanEvent| match *e.kind() {
            PlanKind::Rest | PlanKind::Ride { .. } | PlanKind::Hold { .. } => {
                Some((e.first_day(), e.last_day()))
            }
            PlanKind::Disperse {
                hold_km: Some(_), ..
            } => Some((0, e.first_day())),
            _ => None,
        };
        let (people_from, people) = index(plan.events(), max_days, people_days);
        let (moves_from, moves) = index(plan.events(), max_days, moves_days);
        let splits = plan
            .events()
            .iter()
            .filter_map(|e| match *e.kind() {
                PlanKind::Split { into, .. } => Some((e.first_day(), into)),
                _ => None,
            })
            .collect();
        Schedule {
            people_from,
            people,
            moves_from,
            moves,
            splits,
        }
    }

    /// Events that change people on `day`, in plan order.
    #[inline]
    pub(crate) fn people(&self, day: u32) -> &[u32] {
        slice(&self.people_from, &self.people, day)
    }

    /// Events that decide or stop a move on `day`, in plan order; empty on most days.
    #[inline]
    pub(crate) fn moves(&self, day: u32) -> &[u32] {
        slice(&self.moves_from, &self.moves, day)
    }

    /// Whether a split forms a group that has not formed yet (`unformed(group)`) after `day`.
    #[inline]
    pub(crate) fn split_pending(&self, day: u32, unformed: impl Fn(usize) -> bool) -> bool {
        self.splits
            .iter()
            .any(|&(first_day, into)| first_day > i64::from(day) && unformed(into))
    }
}

#[inline]
fn slice<'a>(from: &[u32], items: &'a [u32], day: u32) -> &'a [u32] {
    let d = day as usize;
    match (from.get(d), from.get(d + 1)) {
        (Some(&a), Some(&b)) => &items[a as usize..b as usize],
        _ => &[],
    }
}

/// Offsets and event indices of a per-day list: event `i` is listed on each day of
/// `days(event)` inside `0..max_days`, events in plan order within a day.
fn index(
    events: &[PlanEvent],
    max_days: i64,
    days: impl Fn(&PlanEvent) -> Option<(i64, i64)>,
) -> (Vec<u32>, Vec<u32>) {
    let spans: Vec<(u32, i64, i64)> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let (first, last) = days(e)?;
            let (first, last) = (first.max(0), last.min(max_days - 1));
            (first <= last).then_some((i as u32, first, last))
        })
        .collect();
    let Some(end) = spans.iter().map(|&(_, _, last)| last + 1).max() else {
        return (Vec::new(), Vec::new());
    };
    let days = end as usize;
    // Count per day, then place: events stay in plan order within each day.
    let mut from = vec![0_u32; days + 1];
    for &(_, first, last) in &spans {
        for d in first..=last {
            from[d as usize + 1] += 1;
        }
    }
    for d in 0..days {
        from[d + 1] += from[d];
    }
    let mut next = from.clone();
    let mut items = vec![0_u32; from[days] as usize];
    for &(i, first, last) in &spans {
        for d in first..=last {
            let slot = &mut next[d as usize];
            items[*slot as usize] = i;
            *slot += 1;
        }
    }
    (from, items)
}
