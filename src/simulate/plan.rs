//! A scenario in the simulation's own terms: day indices and road km, nothing else.

use crate::params::{ModelParams, in_range};
use crate::route::Route;
use crate::scenario::{
    DATES, EventKind, MAX_GROUPS, MAX_PEOPLE, PACE_FACTOR, Problem, ProblemKind, SHARE, Scenario,
    ScenarioError,
};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A group slot; groups created by a split start unformed. Its values are checked when it
/// is built ([`GroupPlan::new`], [`GroupPlan::split_off`]); how it fits the plan (its stop
/// on the route, its parent among the groups) by [`Plan::from_parts`].
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPlan {
    name: String,
    headcount: f64,
    pace_factor: f64,
    stop_km: f64,
    formed_at_start: bool,
    parent: Option<usize>,
}

impl GroupPlan {
    /// A group formed at departure: `headcount` people (0 to [`MAX_PEOPLE`]), a pace factor
    /// inside [`PACE_FACTOR`], stopping at road km `stop_km` (finite, not negative).
    ///
    /// ```
    /// use route_sim::simulate::{GroupPlan, PlanError};
    /// assert!(GroupPlan::new("main", 400.0, 1.0, 120.0).is_ok());
    /// assert!(matches!(
    ///     GroupPlan::new("main", 400.0, 1.0, f64::NAN),
    ///     Err(PlanError::OutOfRange { field, .. }) if field == "stop_km"
    /// ));
    /// ```
    pub fn new(
        name: impl Into<String>,
        headcount: f64,
        pace_factor: f64,
        stop_km: f64,
    ) -> Result<Self, PlanError> {
        if !(0.0..=MAX_PEOPLE as f64).contains(&headcount) {
            return Err(out_of_range("headcount", headcount));
        }
        Self::slot(name.into(), headcount, pace_factor, stop_km, true, None)
    }

    /// A group that a split of group `parent` (an index into the plan's groups) forms: no
    /// people until the split gives it its share; pace factor and stop as for [`GroupPlan::new`].
    pub fn split_off(
        name: impl Into<String>,
        parent: usize,
        pace_factor: f64,
        stop_km: f64,
    ) -> Result<Self, PlanError> {
        Self::slot(name.into(), 0.0, pace_factor, stop_km, false, Some(parent))
    }

    fn slot(
        name: String,
        headcount: f64,
        pace_factor: f64,
        stop_km: f64,
        formed_at_start: bool,
        parent: Option<usize>,
    ) -> Result<Self, PlanError> {
        if !in_range(pace_factor, &PACE_FACTOR) {
            return Err(out_of_range("pace_factor", pace_factor));
        }
        if !(stop_km.is_finite() && stop_km >= 0.0) {
            return Err(out_of_range("stop_km", stop_km));
        }
        Ok(Self {
            name,
            headcount,
            pace_factor,
            stop_km,
            formed_at_start,
            parent,
        })
    }

    /// Group name, as in the scenario.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// People at departure; 0 for a group a split forms (it gets its share then).
    #[inline]
    pub fn headcount(&self) -> f64 {
        self.headcount
    }

    /// Multiple of the model's pace for this group.
    #[inline]
    pub fn pace_factor(&self) -> f64 {
        self.pace_factor
    }

    /// Road km where this group stops (its destination, or the route's end).
    #[inline]
    pub fn stop_km(&self) -> f64 {
        self.stop_km
    }

    /// False for groups that only appear when another splits.
    #[inline]
    pub fn formed_at_start(&self) -> bool {
        self.formed_at_start
    }

    /// The group this one split from.
    pub fn parent(&self) -> Option<usize> {
        self.parent
    }
}

/// What a [`PlanEvent`] does, in km and day terms. Its values are checked when an event
/// is built ([`PlanEvent::new`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlanKind {
    /// No movement on the event's days.
    Rest,
    /// Groups cannot pass `at_km` until the event's last day is over.
    Hold {
        /// Road km of the held place from the route's start.
        at_km: f64,
    },
    /// Rides: the daily distance is `km_per_day` on the event's days.
    Ride {
        /// Daily distance while riding, km/day.
        km_per_day: f64,
    },
    /// People join every day of the event.
    Join {
        /// People added to each group per day (fractional).
        per_day: f64,
    },
    /// A share of the people stay behind on each of the event's days.
    Leave {
        /// Share of people who leave, 0 to 1.
        share: f64,
    },
    /// A share of the people of a group form the unformed group `into`.
    Split {
        /// Index of the group formed (not one formed at departure).
        into: usize,
        /// Share of people who go with it, 0 to 1.
        share: f64,
    },
    /// Share of people who stop; with `hold_km` the group is held there until the day.
    Disperse {
        /// Share of people who stop, 0 to 1 (1 ends the group).
        share: f64,
        /// People held, added to the run's detained total (capped at the group's headcount).
        detained: f64,
        /// Road km where the group is held, if any.
        hold_km: Option<f64>,
    },
}

/// An event by day index (0 = departure day), inclusive of both ends. Its days and values
/// are checked when it is built ([`PlanEvent::new`]); the groups it names, by
/// [`Plan::from_parts`].
#[derive(Debug, Clone, PartialEq)]
pub struct PlanEvent {
    first_day: i64,
    last_day: i64,
    groups: Vec<usize>,
    kind: PlanKind,
}

impl PlanEvent {
    /// An event from day `first_day` to `last_day` (inclusive; 0 is the departure day, and
    /// both lie within the span of [`crate::scenario::DATES`]) acting on `groups` (indices
    /// into the plan's groups; empty: every group), with its values checked: shares inside
    /// [`SHARE`], people up to [`MAX_PEOPLE`], a ride's km/day finite and not negative, km
    /// finite.
    ///
    /// ```
    /// use route_sim::simulate::{PlanError, PlanEvent, PlanKind};
    /// assert!(PlanEvent::new(2, 3, vec![], PlanKind::Leave { share: 0.1 }).is_ok());
    /// assert!(matches!(
    ///     PlanEvent::new(3, 2, vec![], PlanKind::Rest),
    ///     Err(PlanError::Days { first_day: 3, last_day: 2 })
    /// ));
    /// ```
    pub fn new(
        first_day: i64,
        last_day: i64,
        groups: Vec<usize>,
        kind: PlanKind,
    ) -> Result<Self, PlanError> {
        if !(-PLAN_DAYS..=PLAN_DAYS).contains(&first_day)
            || !(-PLAN_DAYS..=PLAN_DAYS).contains(&last_day)
            || last_day < first_day
        {
            return Err(PlanError::Days {
                first_day,
                last_day,
            });
        }
        let km = |name: &str, v: f64| {
            if v.is_finite() {
                Ok(())
            } else {
                Err(out_of_range(name, v))
            }
        };
        let share = |v: f64| {
            if in_range(v, &SHARE) {
                Ok(())
            } else {
                Err(out_of_range("share", v))
            }
        };
        let people = |name: &str, v: f64| {
            if (0.0..=MAX_PEOPLE as f64).contains(&v) {
                Ok(())
            } else {
                Err(out_of_range(name, v))
            }
        };
        match kind {
            PlanKind::Rest => Ok(()),
            PlanKind::Hold { at_km } => km("at_km", at_km),
            PlanKind::Ride { km_per_day } => {
                if in_range(km_per_day, &PLAN_RIDE_KM_PER_DAY) {
                    Ok(())
                } else {
                    Err(out_of_range("km_per_day", km_per_day))
                }
            }
            PlanKind::Join { per_day } => people("per_day", per_day),
            PlanKind::Leave { share: v } | PlanKind::Split { share: v, .. } => share(v),
            PlanKind::Disperse {
                share: v,
                detained,
                hold_km,
            } => {
                share(v)?;
                people("detained", detained)?;
                hold_km.map_or(Ok(()), |at_km| km("hold_km", at_km))
            }
        }?;
        Ok(Self {
            first_day,
            last_day,
            groups,
            kind,
        })
    }

    /// First day index of the event (0 = departure day).
    #[inline]
    pub fn first_day(&self) -> i64 {
        self.first_day
    }

    /// Last day index of the event, inclusive.
    #[inline]
    pub fn last_day(&self) -> i64 {
        self.last_day
    }

    /// Group indices it applies to; empty means all groups.
    #[inline]
    pub fn groups(&self) -> &[usize] {
        &self.groups
    }

    /// What it does.
    #[inline]
    pub fn kind(&self) -> &PlanKind {
        &self.kind
    }

    /// Whether the event acts on `group` on day `day`.
    #[inline]
    pub fn applies(&self, day: i64, group: usize) -> bool {
        day >= self.first_day
            && day <= self.last_day
            && (self.groups.is_empty() || self.groups.contains(&group))
    }
}

/// Everything the simulation needs, valid for it: built by [`Plan::new`] from a checked
/// scenario or by [`Plan::from_parts`], which checks each value, and changed only through
/// methods that check again, so [`super::simulate`] cannot fail or overflow on a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    depart: NaiveDate,
    route_km: f64,
    params: ModelParams,
    groups: Vec<GroupPlan>,
    events: Vec<PlanEvent>,
}

/// Why [`Plan::from_parts`] (or a change to a plan) refuses a value. Fields are named as in
/// [`Plan`]: `groups[3].stop_km`, `events[0].km_per_day`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// No group at all.
    #[error("a plan needs at least one group")]
    NoGroups,
    /// More groups than [`MAX_GROUPS`]: a run indexes them in 16 bits.
    #[error("{0} groups is more than the {MAX_GROUPS} a run can index")]
    TooManyGroups(usize),
    /// A departure outside [`DATES`], where adding the run's days could overflow.
    #[error("departure {0} is outside the dates route-sim works with")]
    Depart(NaiveDate),
    /// A number that is not finite or outside what the day loop takes.
    #[error("`{field}` is {value}, outside its allowed range")]
    OutOfRange {
        /// e.g. `groups[3].stop_km`
        field: String,
        /// The refused value.
        value: f64,
    },
    /// A group index past the plan's groups (or a split into a group formed at departure).
    #[error(
        "`{field}` names group {index}, which the plan does not have (or which is formed at departure)"
    )]
    NoSuchGroup {
        /// e.g. `events[0].into`
        field: String,
        /// The group index given.
        index: usize,
    },
    /// An event that ends before it starts, or lies beyond the span of [`DATES`].
    #[error("an event from day {first_day} to day {last_day} is not a span of the run's dates")]
    Days {
        /// Day index the event starts.
        first_day: i64,
        /// Day index the event ends (inclusive).
        last_day: i64,
    },
}

/// Allowed daily distance of a ride in a plan, km/day: wider than a file's
/// [`crate::scenario::RIDE_KM_PER_DAY`] so an ensemble may vary a ride's speed.
const PLAN_RIDE_KM_PER_DAY: std::ops::Range<f64> = 0.0..1.0e6;

/// Days from departure an event may lie (both ways): the span of [`crate::scenario::DATES`].
const PLAN_DAYS: i64 = 80_000;

impl Plan {
    /// A plan from its parts, each value checked against what the day loop needs: at least
    /// one and at most [`MAX_GROUPS`] groups, finite km inside the route, people up to
    /// [`MAX_PEOPLE`], pace factors inside [`PACE_FACTOR`], shares inside [`SHARE`], events
    /// naming groups the plan has, a split forming a group absent at departure.
    pub fn from_parts(
        depart: NaiveDate,
        route_km: f64,
        params: ModelParams,
        groups: Vec<GroupPlan>,
        events: Vec<PlanEvent>,
    ) -> Result<Self, PlanError> {
        if !DATES.contains(&depart) {
            return Err(PlanError::Depart(depart));
        }
        if !(route_km.is_finite() && route_km > 0.0) {
            return Err(out_of_range("route_km", route_km));
        }
        if groups.is_empty() {
            return Err(PlanError::NoGroups);
        }
        if groups.len() > MAX_GROUPS {
            return Err(PlanError::TooManyGroups(groups.len()));
        }
        // Each group's own values are checked when it is built; here, how it fits the plan.
        for (i, g) in groups.iter().enumerate() {
            let field = |name: &str| format!("groups[{i}].{name}");
            if !(0.0..=route_km).contains(&g.stop_km) {
                return Err(out_of_range(field("stop_km"), g.stop_km));
            }
            if let Some(parent) = g.parent.filter(|&p| p >= groups.len()) {
                return Err(PlanError::NoSuchGroup {
                    field: field("parent"),
                    index: parent,
                });
            }
        }
        let plan = Self {
            depart,
            route_km,
            params,
            groups,
            events: Vec::new(),
        };
        plan.with_events(events)
    }

    /// The same plan with other events, checked like [`Plan::from_parts`]'s.
    pub fn with_events(&self, events: Vec<PlanEvent>) -> Result<Self, PlanError> {
        for (i, e) in events.iter().enumerate() {
            self.check_event(i, e)?;
        }
        Ok(Self {
            events,
            ..self.clone_without_events()
        })
    }

    /// The same plan with another walking pace (checked like [`ModelParams`]'s).
    pub fn set_pace_km_per_day(&mut self, pace_km_per_day: f64) -> Result<(), PlanError> {
        self.params = self
            .params
            .with_pace_km_per_day(pace_km_per_day)
            .map_err(|_| out_of_range("params.pace_km_per_day", pace_km_per_day))?;
        Ok(())
    }

    /// The same plan with event `event`'s ride at `km_per_day`; an event that is not a
    /// ride is left as it is.
    pub fn set_ride_km_per_day(&mut self, event: usize, km_per_day: f64) -> Result<(), PlanError> {
        if !in_range(km_per_day, &PLAN_RIDE_KM_PER_DAY) {
            return Err(out_of_range(
                format!("events[{event}].km_per_day"),
                km_per_day,
            ));
        }
        if let Some(PlanEvent {
            kind: PlanKind::Ride { km_per_day: v },
            ..
        }) = self.events.get_mut(event)
        {
            *v = km_per_day;
        }
        Ok(())
    }

    /// The departure date (day 0).
    pub fn depart(&self) -> NaiveDate {
        self.depart
    }

    /// Length of the route, road km.
    pub fn route_km(&self) -> f64 {
        self.route_km
    }

    /// The movement model's parameters.
    pub fn params(&self) -> &ModelParams {
        &self.params
    }

    /// Every group slot, those formed by splits included.
    pub fn groups(&self) -> &[GroupPlan] {
        &self.groups
    }

    /// The events by day index, in the scenario's order.
    pub fn events(&self) -> &[PlanEvent] {
        &self.events
    }

    fn clone_without_events(&self) -> Self {
        Self {
            depart: self.depart,
            route_km: self.route_km,
            params: self.params.clone(),
            groups: self.groups.clone(),
            events: Vec::new(),
        }
    }

    /// How event `i` fits the plan: the groups it names exist, a split forms a group absent
    /// at departure (its own values are checked when it is built).
    fn check_event(&self, i: usize, e: &PlanEvent) -> Result<(), PlanError> {
        let field = |name: &str| format!("events[{i}].{name}");
        let n = self.groups.len();
        if let Some(&g) = e.groups.iter().find(|&&g| g >= n) {
            return Err(PlanError::NoSuchGroup {
                field: field("groups"),
                index: g,
            });
        }
        if let PlanKind::Split { into, .. } = e.kind
            && (into >= n || self.groups[into].formed_at_start)
        {
            return Err(PlanError::NoSuchGroup {
                field: field("into"),
                index: into,
            });
        }
        Ok(())
    }
}

fn out_of_range(field: impl Into<String>, value: f64) -> PlanError {
    PlanError::OutOfRange {
        field: field.into(),
        value,
    }
}

/// Farthest a place named by an event (a wait, a dispersal, a split's destination) may lie
/// from the route's road line: the group is held or stops at the nearest point of the line,
/// so a place farther off is a mistake (a town of the same name elsewhere, a wrong route).
pub const MAX_OFF_ROUTE_KM: f64 = 25.0;

impl Plan {
    /// Translate a scenario onto its route; a place of an event off the route is a problem
    /// of the scenario's file (see [`MAX_OFF_ROUTE_KM`]). A [`Scenario`] is checked when
    /// built, so nothing else can be wrong.
    pub fn new(scenario: &Scenario, route: &Route) -> Result<Self, ScenarioError> {
        let mut problems = Vec::new();
        for (i, e) in scenario.events().iter().enumerate() {
            let (field, town) = match e.kind() {
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
                    line: (e.line() > 0).then_some(e.line()),
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
                source_name: scenario.source_name().to_string(),
                problems,
            });
        }
        let route_km = route.length_km();
        let km_of = |town: &crate::gazetteer::Town| route.locate(town).0;
        let mut groups: Vec<GroupPlan> = scenario
            .groups()
            .iter()
            .map(|g| GroupPlan {
                name: g.name().to_string(),
                headcount: g.headcount() as f64,
                pace_factor: g.pace_factor(),
                stop_km: g.destination().map_or(route_km, km_of),
                formed_at_start: true,
                parent: None,
            })
            .collect();
        let mut index: HashMap<String, usize> = HashMap::with_capacity(groups.len());
        for (i, g) in groups.iter().enumerate() {
            index.entry(g.name.clone()).or_insert(i);
        }
        // Split-off groups get their slots first, so any event may name them. A scenario's
        // splits take people from groups formed before them (in file order).
        let mut split_slot = Vec::new();
        for e in scenario.events() {
            if let EventKind::Split {
                group,
                new_group,
                pace_factor,
                destination,
                ..
            } = e.kind()
                && let Some(&parent) = index.get(group)
            {
                let stop_km = destination.as_ref().map_or(groups[parent].stop_km, km_of);
                // A split's `pace_factor` is a multiple of the model's pace, like a group's
                // (README, `Split`'s doc), not of its parent's: the value a user types is the
                // new group's pace, and it stays inside `PACE_FACTOR` as checked on reading.
                groups.push(GroupPlan {
                    name: new_group.clone(),
                    headcount: 0.0,
                    pace_factor: *pace_factor,
                    stop_km,
                    formed_at_start: false,
                    parent: Some(parent),
                });
                index.entry(new_group.clone()).or_insert(groups.len() - 1);
                split_slot.push(Some((parent, groups.len() - 1)));
            } else {
                split_slot.push(None);
            }
        }
        let day_of = |d: NaiveDate| (d - scenario.depart()).num_days();
        let mut events = Vec::new();
        for (e, slot) in scenario.events().iter().zip(split_slot) {
            let mut group_ix: Vec<usize> = e
                .groups()
                .into_iter()
                .flatten()
                .filter_map(|name| index.get(name).copied())
                .collect();
            let kind = match e.kind() {
                EventKind::Rest => PlanKind::Rest,
                EventKind::Wait { place } => PlanKind::Hold {
                    at_km: km_of(place),
                },
                EventKind::Ride { km_per_day } => PlanKind::Ride {
                    km_per_day: *km_per_day,
                },
                EventKind::Join { headcount } => PlanKind::Join {
                    per_day: *headcount as f64 / ((e.end() - e.start()).num_days() + 1) as f64,
                },
                EventKind::Leave { share } => PlanKind::Leave { share: *share },
                EventKind::Split { share, .. } => {
                    // A scenario's splits all have a slot (it checks the groups they split);
                    // were one missing, a no-op keeps the events in the scenario's order.
                    match slot {
                        Some((parent, into)) => {
                            group_ix = vec![parent];
                            PlanKind::Split {
                                into,
                                share: *share,
                            }
                        }
                        None => PlanKind::Leave { share: 0.0 },
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
                first_day: day_of(e.start()),
                last_day: day_of(e.end()),
                groups: group_ix,
                kind,
            });
        }
        Ok(Plan {
            depart: scenario.depart(),
            route_km,
            params: scenario.params().clone(),
            groups,
            events,
        })
    }
}
