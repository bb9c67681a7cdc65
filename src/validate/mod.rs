//! Stage 5: how far the simulation is from what was reported, sighting by sighting.
//!
//! Errors are in road km along the route (simulated minus reported; positive means the
//! model is ahead) and in people for reported headcounts. A sighting is dated, not timed:
//! the group may have been at the place at any hour of that day, so the error is the gap
//! between the reported km and the stretch the group covered that day (zero inside it).

use crate::route::Route;
use crate::scenario::{HeadcountKind, Scenario, Sighting};
use crate::simulate::{DayRecords, Run, Status};

/// One sighting compared with the run.
#[derive(Debug, Clone)]
pub struct SightingCheck {
    /// The sighting as the scenario gives it.
    pub sighting: Sighting,
    /// Day index of the sighting (negative before departure).
    pub day: i64,
    /// Road km of the reported place, projected onto the route.
    pub reported_km: f64,
    /// How far the reported place lies off the route line.
    pub off_route_km: f64,
    /// Name of the group the sighting is about: the one it names, else the main body.
    pub main_group: String,
    /// Where the main body ended the day.
    pub main_km: f64,
    /// Simulated minus reported km of the main body.
    pub main_error_km: f64,
    /// Name of the group whose day's stretch lies closest to the reported place.
    pub nearest_group: String,
    /// Simulated minus reported km for that group (zero on its day's stretch).
    pub nearest_error_km: f64,
    /// Simulated people that day: of the named group, else of all groups not dispersed.
    pub simulated_headcount: f64,
    /// Simulated minus reported headcount, when one was reported.
    pub headcount_error: Option<f64>,
}

/// All checks of a run and their summary.
#[derive(Debug, Clone)]
pub struct Validation {
    /// One check per sighting, in the scenario's sighting order.
    pub checks: Vec<SightingCheck>,
}

impl Validation {
    /// Absolute main-body km errors of position sightings.
    pub fn position_errors_km(&self) -> Vec<f64> {
        self.checks
            .iter()
            .filter(|c| c.sighting.is_position())
            .map(|c| c.main_error_km.abs())
            .collect()
    }

    /// Median absolute main-body error of position sightings, km; `None` without any.
    pub fn median_abs_km(&self) -> Option<f64> {
        median(&self.position_errors_km())
    }

    /// Largest absolute main-body error of position sightings, km; `None` without any.
    pub fn max_abs_km(&self) -> Option<f64> {
        self.position_errors_km().into_iter().reduce(f64::max)
    }
}

/// Median of a slice (mean of the two middle values for even lengths).
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    })
}

/// Where each sighting's place lies on the route, in the scenario's order: (road km, km off
/// the line). It does not depend on the run, so code that checks many runs of one scenario
/// (calibration) computes it once.
pub fn locate_sightings(scenario: &Scenario, route: &Route) -> Vec<(f64, f64)> {
    scenario
        .sightings()
        .iter()
        .map(|s| route.locate(s.place()))
        .collect()
}

/// Compare `run` with every sighting of `scenario`, placing each on `route`.
pub fn validate(scenario: &Scenario, route: &Route, run: &Run) -> Validation {
    validate_located(scenario, &locate_sightings(scenario, route), run)
}

/// [`validate`] with the sightings already located by [`locate_sightings`].
pub fn validate_located(scenario: &Scenario, located: &[(f64, f64)], run: &Run) -> Validation {
    let checks = scenario
        .sightings()
        .iter()
        .zip(located)
        .map(|(s, &(reported_km, off_route_km))| {
            let day = (s.date() - run.depart).num_days();
            let MainBody {
                group: main,
                km: main_km,
                error_km: main_error_km,
            } = main_body(run, s, day, reported_km);
            let (nearest, nearest_error_km) = (0..run.group_names.len())
                .filter_map(|g| day_error_km(run, g, day, reported_km).map(|e| (g, e)))
                .min_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
                .unwrap_or((main, main_error_km));
            // A group dispersed that day is counted as it stood that morning: the report
            // is of the people the police stopped.
            let dispersed_today: f64 = (0..run.group_names.len())
                .filter(|&g| s.group().is_none() || g == main)
                .filter(|&g| {
                    run.status_on(g, day) == Some(Status::Dispersed)
                        && run.status_on(g, day - 1) != Some(Status::Dispersed)
                })
                .map(|g| run.headcount_of(g, day - 1))
                .sum();
            let simulated_headcount = dispersed_today
                + match &s.group() {
                    Some(_) => run.headcount_of(main, day),
                    None => run.headcount_on(day),
                };
            let headcount_error = s.headcount().map(|h| match s.headcount_kind() {
                // "At least N" is only wrong when the model has fewer.
                HeadcountKind::AtLeast => (simulated_headcount - h as f64).min(0.0),
                // "At most N" only when it has more.
                HeadcountKind::AtMost => (simulated_headcount - h as f64).max(0.0),
                _ => simulated_headcount - h as f64,
            });
            SightingCheck {
                sighting: s.clone(),
                day,
                reported_km,
                off_route_km,
                main_group: run.group_names[main].clone(),
                main_km,
                main_error_km,
                nearest_group: run.group_names[nearest].clone(),
                nearest_error_km,
                simulated_headcount,
                headcount_error,
            }
        })
        .collect();
    Validation { checks }
}

/// The group a sighting is about on its day, where it camped and its error in km.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MainBody {
    /// Index into [`Run::group_names`]: the group the report names, else the main body.
    pub group: usize,
    /// Where that group ended the day.
    pub km: f64,
    /// Simulated minus reported km (zero if the reported place lies on that day's stretch).
    pub error_km: f64,
}

/// The group a sighting at `reported_km` on day index `day` is about (a named one if it
/// has formed, else the main body that day), and its error.
pub fn main_body(run: &Run, sighting: &Sighting, day: i64, reported_km: f64) -> MainBody {
    let named = sighting
        .group()
        .as_ref()
        .and_then(|name| run.group_names.iter().position(|g| g == name));
    main_body_of(run, named, day, reported_km)
}

/// [`main_body`] for records kept in any form, the named group given by its index.
pub fn main_body_of(
    records: &impl DayRecords,
    named: Option<usize>,
    day: i64,
    reported_km: f64,
) -> MainBody {
    let group = named
        .filter(|&g| records.km_on(g, day).is_some())
        .unwrap_or_else(|| records.main_group_on(day));
    let km = records.km_on(group, day).unwrap_or(0.0);
    let error_km = day_error_km(records, group, day, reported_km).unwrap_or(km - reported_km);
    MainBody {
        group,
        km,
        error_km,
    }
}

/// Signed distance from `reported_km` to the stretch `group` covered on `day`
/// (from where it woke to where it camped); `None` if the group had not formed.
pub fn day_error_km(
    records: &impl DayRecords,
    group: usize,
    day: i64,
    reported_km: f64,
) -> Option<f64> {
    let end_km = records.km_on(group, day)?;
    let start_km = if day <= 0 {
        0.0
    } else {
        records.km_on(group, day - 1).unwrap_or(end_km)
    };
    Some(if reported_km < start_km {
        start_km - reported_km
    } else if reported_km > end_km {
        end_km - reported_km
    } else {
        0.0
    })
}
