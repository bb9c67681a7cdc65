//! A scenario in the simulation's own terms: day indices and road km, nothing else.

use crate::route::Route;
use crate::scenario::{EventKind, ModelParams, Problem, ProblemKind, Scenario, ScenarioError};
use chrono::NaiveDate;

/// A group slot; groups created by a split start unformed.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPlan {
    pub name: String,
    pub headcount: f64,
    pub pace_factor: f64,
    /// Road km where this group stops (its destination, or the route's end).
    pub stop_km: f64,
    /// False for groups that only appear when another splits.
    pub formed_at_start: bool,
    /// The group this one split from.
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PlanKind {
    Rest,
    /// Groups cannot pass `at_km` until the event's last day is over.
    Hold {
        at_km: f64,
    },
    Ride {
        km_per_day: f64,
    },
    /// People join every day of the event.
    Join {
        per_day: f64,
    },
    Leave {
        share: f64,
    },
    Split {
        into: usize,
        share: f64,
    },
    /// Share of people who stop; with `hold_km` the group is held there until the day.
    Disperse {
        share: f64,
        detained: f64,
        hold_km: Option<f64>,
    },
}

/// An event by day index (0 = departure day), inclusive of both ends.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanEvent {
    pub first_day: i64,
    pub last_day: i64,
    /// Group indices it applies to; empty means all groups.
    pub groups: Vec<usize>,
    pub kind: PlanKind,
}

impl PlanEvent {
    #[inline]
    pub fn applies(&self, day: i64, group: usize) -> bool {
        day >= self.first_day
            && day <= self.last_day
            && (self.groups.is_empty() || self.groups.contains(&group))
    }
}

/// Everything the simulation needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub depart: NaiveDate,
    pub route_km: f64,
    pub params: ModelParams,
    pub groups: Vec<GroupPlan>,
    pub events: Vec<PlanEvent>,
}

/// Farthest a place named by an event (a wait, a dispersal, a split's destination) may lie
/// from the route's road line: the group is held or stops at the nearest point of the line,
/// so a place farther off is a mistake (a town of the same name elsewhere, a wrong route).
pub const MAX_OFF_ROUTE_KM: f64 = 25.0;

impl Plan {
    /// Translate a checked scenario onto its route; a place of an event off the route is a
    /// problem of the scenario's file (see [`MAX_OFF_ROUTE_KM`]).
    ///
    /// A scenario's fields are public, so one built by hand is checked here against the
    /// invariants a caravan file's checks guarantee (dates, counts, ranges, group names):
    /// whatever it holds, the simulation cannot then panic or overflow.
    pub fn new(scenario: &Scenario, route: &Route) -> Result<Self, ScenarioError> {
        let mut problems = check_built(scenario);
        if !problems.is_empty() {
            return Err(ScenarioError {
                source_name: scenario.source_name.clone(),
                problems,
            });
        }
        for (i, e) in scenario.events.iter().enumerate() {
            let (field, town) = match &e.kind {
                EventKind::Wait { place }
                | EventKind::Disperse {
                    place: Some(place), ..
                } => ("place", place),
                EventKind::Split {
                    destination: Some(town),
                    ..
                } => ("destination", town),
                _ => continue,
            };
            let (km, off_km) = route.locate(town);
            if off_km > MAX_OFF_ROUTE_KM {
                problems.push(Problem {
                    line: (e.line > 0).then_some(e.line),
                    kind: ProblemKind::UnknownPlace,
                    field: format!("events[{i}].{field}"),
                    message: format!(
                        "`{}` is {off_km:.0} km from the route (more than {MAX_OFF_ROUTE_KM:.0} km; its nearest point is {} at km {km:.0}): name a place on the route, or add it to `route`",
                        town.name,
                        route.nearest_stop(km).town.name
                    ),
                });
            }
        }
        if !problems.is_empty() {
            return Err(ScenarioError {
                source_name: scenario.source_name.clone(),
                problems,
            });
        }
        let route_km = route.length_km();
        let km_of = |town: &crate::gazetteer::Town| route.locate(town).0;
        let mut groups: Vec<GroupPlan> = scenario
            .groups
            .iter()
            .map(|g| GroupPlan {
                name: g.name.clone(),
                headcount: g.headcount as f64,
                pace_factor: g.pace_factor,
                stop_km: g.destination.as_ref().map_or(route_km, km_of),
                formed_at_start: true,
                parent: None,
            })
            .collect();
        // Split-off groups get their slots first, so any event may name them.
        let mut split_slot = Vec::new();
        for e in &scenario.events {
            if let EventKind::Split {
                group,
                new_group,
                pace_factor,
                destination,
                ..
            } = &e.kind
            {
                // `check_built` made sure the group exists by now.
                let Some(parent) = groups.iter().position(|g| &g.name == group) else {
                    continue;
                };
                let stop_km = destination.as_ref().map_or(groups[parent].stop_km, km_of);
                groups.push(GroupPlan {
                    name: new_group.clone(),
                    headcount: 0.0,
                    pace_factor: groups[parent].pace_factor * pace_factor,
                    stop_km,
                    formed_at_start: false,
                    parent: Some(parent),
                });
                split_slot.push((parent, groups.len() - 1));
            }
        }
        let day_of = |d: NaiveDate| (d - scenario.depart).num_days();
        let mut splits = split_slot.into_iter();
        let mut events = Vec::new();
        for e in &scenario.events {
            let mut group_ix: Vec<usize> = e
                .groups
                .iter()
                .flatten()
                .filter_map(|name| groups.iter().position(|g| &g.name == name))
                .collect();
            let kind = match &e.kind {
                EventKind::Rest => PlanKind::Rest,
                EventKind::Wait { place } => PlanKind::Hold {
                    at_km: km_of(place),
                },
                EventKind::Ride { km_per_day } => PlanKind::Ride {
                    km_per_day: *km_per_day,
                },
                EventKind::Join { headcount } => PlanKind::Join {
                    per_day: *headcount as f64 / ((e.end - e.start).num_days() + 1) as f64,
                },
                EventKind::Leave { share } => PlanKind::Leave { share: *share },
                EventKind::Split { share, .. } => {
                    let (parent, into) = splits.next().expect("one slot per split");
                    group_ix = vec![parent];
                    PlanKind::Split {
                        into,
                        share: *share,
                    }
                }
                EventKind::Disperse {
                    share,
                    detained,
                    place,
                } => PlanKind::Disperse {
                    share: *share,
                    detained: *detained as f64,
                    hold_km: place.as_ref().map(km_of),
                },
            };
            events.push(PlanEvent {
                first_day: day_of(e.start),
                last_day: day_of(e.end),
                groups: group_ix,
                kind,
            });
        }
        Ok(Plan {
            depart: scenario.depart,
            route_km,
            params: scenario.params.clone(),
            groups,
            events,
        })
    }
}

/// What a hand-built [`Scenario`] may hold that a checked file cannot: each as a problem
/// (no line) naming the field as a caravan file would.
fn check_built(s: &Scenario) -> Vec<Problem> {
    use crate::scenario::{
        DATES, MAX_DAYS, MAX_GROUPS, MAX_PEOPLE, PACE_FACTOR, PACE_KM_PER_DAY, PACE_VARIATION_FRAC,
        REST_PROBABILITY_PER_DAY, RIDE_KM_PER_DAY, SHARE,
    };
    let mut problems = Vec::new();
    let mut bad = |field: String, kind: ProblemKind, message: String| {
        problems.push(Problem {
            line: None,
            field,
            kind,
            message,
        });
    };
    let in_range = |v: f64, r: &std::ops::Range<f64>| v.is_finite() && r.contains(&v);
    if !DATES.contains(&s.depart) {
        bad(
            "depart".into(),
            ProblemKind::BadDate,
            format!("{} is outside {DATES:?}", s.depart),
        );
    }
    let p = &s.params;
    for (field, v, range) in [
        ("model.pace_km_per_day", p.pace_km_per_day, &PACE_KM_PER_DAY),
        (
            "model.pace_variation_frac",
            p.pace_variation_frac,
            &PACE_VARIATION_FRAC,
        ),
        (
            "model.rest_probability_per_day",
            p.rest_probability_per_day,
            &REST_PROBABILITY_PER_DAY,
        ),
    ] {
        if !in_range(v, range) {
            bad(
                field.into(),
                ProblemKind::OutOfRange,
                format!("{v} is outside {range:?}"),
            );
        }
    }
    if !(1..=MAX_DAYS).contains(&p.max_days) {
        bad(
            "model.max_days".into(),
            ProblemKind::OutOfRange,
            format!("{} is outside 1..={MAX_DAYS}", p.max_days),
        );
    }
    if s.groups.is_empty() {
        bad(
            "groups".into(),
            ProblemKind::MissingField,
            "a caravan needs at least one group".into(),
        );
    }
    let splits = s
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Split { .. }))
        .count();
    if s.groups.len() + splits > MAX_GROUPS {
        bad(
            "groups".into(),
            ProblemKind::OutOfRange,
            format!("more than {MAX_GROUPS} groups"),
        );
    }
    let mut names: Vec<&str> = Vec::new();
    for (i, g) in s.groups.iter().enumerate() {
        if g.headcount > MAX_PEOPLE {
            bad(
                format!("groups[{i}].headcount"),
                ProblemKind::OutOfRange,
                format!("more than {MAX_PEOPLE} people"),
            );
        }
        if !in_range(g.pace_factor, &PACE_FACTOR) {
            bad(
                format!("groups[{i}].pace_factor"),
                ProblemKind::OutOfRange,
                format!("{} is outside {PACE_FACTOR:?}", g.pace_factor),
            );
        }
        names.push(&g.name);
    }
    for (i, e) in s.events.iter().enumerate() {
        let f = |name: &str| format!("events[{i}].{name}");
        if !DATES.contains(&e.start) || !DATES.contains(&e.end) || e.end < e.start {
            bad(
                f("date"),
                ProblemKind::BadDate,
                format!("{} to {} is not a span inside {DATES:?}", e.start, e.end),
            );
        }
        let share = match &e.kind {
            EventKind::Leave { share }
            | EventKind::Split { share, .. }
            | EventKind::Disperse { share, .. } => Some(*share),
            _ => None,
        };
        if let Some(v) = share.filter(|v| !in_range(*v, &SHARE)) {
            bad(
                f("share"),
                ProblemKind::OutOfRange,
                format!("{v} is outside {SHARE:?}"),
            );
        }
        match &e.kind {
            EventKind::Ride { km_per_day } if !in_range(*km_per_day, &RIDE_KM_PER_DAY) => {
                bad(
                    f("km_per_day"),
                    ProblemKind::OutOfRange,
                    format!("{km_per_day} is outside {RIDE_KM_PER_DAY:?}"),
                );
            }
            EventKind::Join { headcount }
            | EventKind::Disperse {
                detained: headcount,
                ..
            } if *headcount > MAX_PEOPLE => {
                bad(
                    f("headcount"),
                    ProblemKind::OutOfRange,
                    format!("more than {MAX_PEOPLE} people"),
                );
            }
            EventKind::Split {
                group,
                new_group,
                pace_factor,
                ..
            } => {
                if !names.contains(&group.as_str()) {
                    bad(
                        f("group"),
                        ProblemKind::Inconsistent,
                        format!("no group `{group}` to split"),
                    );
                }
                if names.contains(&new_group.as_str()) {
                    bad(
                        f("new_group"),
                        ProblemKind::Inconsistent,
                        format!("group `{new_group}` already exists"),
                    );
                }
                if !in_range(*pace_factor, &PACE_FACTOR) {
                    bad(
                        f("pace_factor"),
                        ProblemKind::OutOfRange,
                        format!("{pace_factor} is outside {PACE_FACTOR:?}"),
                    );
                }
                names.push(new_group);
            }
            _ => {}
        }
    }
    problems
}
