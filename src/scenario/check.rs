//! How a scenario's parts fit together: dates inside the run, groups that exist when they
//! are named. [`super::Scenario::new`] runs every check here; the caravan-file reader runs
//! [`group_references`] too, to report its problems at the line of the field at fault.

use super::{
    DATES, Event, EventKind, GroupSpec, MAX_GROUPS, Problem, ProblemKind, ROAD_FACTOR,
    ScenarioParts, Sighting,
};
use crate::params::in_range;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Every problem of how `parts` fit together (each part is valid on its own by
/// construction), naming fields as a caravan file does, with the part's line when it has
/// one; then the warnings (see [`group_references`]).
pub(super) fn parts(p: &ScenarioParts) -> (Vec<Problem>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let at = |line: usize, mut problem: Problem| {
        problem.line = (line > 0).then_some(line);
        problem
    };
    if !DATES.contains(&p.depart) {
        problems.push(Problem::new(
            "depart",
            ProblemKind::BadDate,
            super::date_out_of_range(p.depart),
        ));
        // Every other date is checked against the run's span, which it would overflow.
        return (problems, Vec::new());
    }
    if p.route_towns.len() < 2 {
        problems.push(Misfit::TooFewTowns.problem("route"));
    }
    for pair in p.route_towns.windows(2) {
        if pair[0].id == pair[1].id {
            problems.push(Misfit::RepeatedTown(&pair[0].name).problem("route"));
        }
    }
    if let Some(v) = p.road_factor.filter(|v| !in_range(*v, &ROAD_FACTOR)) {
        problems.push(Problem::out_of_range(
            "road_factor",
            v,
            &ROAD_FACTOR,
            "road km per straight km",
        ));
    }
    if p.groups.is_empty() {
        problems.push(Problem::new(
            "groups",
            ProblemKind::MissingField,
            "a caravan needs at least one group",
        ));
    }
    let splits = p
        .events
        .iter()
        .filter(|e| matches!(e.kind(), EventKind::Split { .. }))
        .count();
    if p.groups.len() + splits > MAX_GROUPS {
        problems.push(Misfit::TooManyGroups(p.groups.len() + splits).problem("groups"));
    }
    // The names of the groups so far; one named before it forms is `group_references'`
    // to report.
    let mut names: HashSet<&str> = HashSet::new();
    for (i, g) in p.groups.iter().enumerate() {
        if !names.insert(g.name()) {
            problems.push(Misfit::DefinedTwice(g.name()).problem(format!("groups[{i}].name")));
        }
        if let Some(town) = g.destination()
            && !p.route_towns.iter().any(|t| t.id == town.id)
        {
            problems
                .push(Misfit::NotOnRoute(&town.name).problem(format!("groups[{i}].destination")));
        }
    }
    let last = p.depart + chrono::Days::new(u64::from(p.params.max_days()));
    for (i, e) in p.events.iter().enumerate() {
        let f = |name: &str| format!("events[{i}].{name}");
        for (rule, message) in event_outside_run(e.kind(), e.start(), e.end(), p.depart, last) {
            let field = match rule {
                OutsideRun::EndsBeforeDeparture => "until",
                OutsideRun::StartsBeforeDeparture | OutsideRun::StartsAfterLastDay => "date",
            };
            problems.push(at(
                e.line(),
                Problem::new(f(field), ProblemKind::Inconsistent, message),
            ));
        }
        // As in a file, a group is known from the split that forms it on (in file order).
        for g in e.groups().into_iter().flatten() {
            if !names.contains(g.as_str()) {
                let known = sorted(names.iter().copied());
                problems.push(at(
                    e.line(),
                    Misfit::NoGroup { name: g, known }.problem(f("groups")),
                ));
            }
        }
        if let EventKind::Split {
            group, new_group, ..
        } = e.kind()
        {
            if !names.contains(group.as_str()) {
                problems.push(at(
                    e.line(),
                    Misfit::NoGroupToSplit(group).problem(f("group")),
                ));
            }
            if !names.insert(new_group) {
                problems.push(at(
                    e.line(),
                    Misfit::GroupExists(new_group).problem(f("new_group")),
                ));
            }
        }
    }
    for (i, s) in p.sightings.iter().enumerate() {
        if let Some(message) = sighting_outside_run(s.date(), p.depart, last) {
            problems.push(at(
                s.line(),
                Problem::new(
                    format!("sightings[{i}].date"),
                    ProblemKind::OutsideSpan,
                    message,
                ),
            ));
        }
        if let Some(g) = s.group()
            && !names.contains(g)
        {
            let known = sorted(names.iter().copied());
            problems.push(at(
                s.line(),
                Misfit::NoGroup { name: g, known }.problem(format!("sightings[{i}].group")),
            ));
        }
    }
    let events: Vec<&Event> = p.events.iter().collect();
    let sightings: Vec<&Sighting> = p.sightings.iter().collect();
    for found in group_references(p.depart, &p.groups, &events, &sightings) {
        let (part, i, line) = match found.at {
            At::Event(i) => ("events", i, events[i].line()),
            At::Sighting(i) => ("sightings", i, sightings[i].line()),
        };
        let problem = at(
            line,
            Problem::new(
                format!("{part}[{i}].{}", found.field),
                found.kind,
                found.message,
            ),
        );
        if found.warning {
            warnings.push(problem);
        } else {
            problems.push(problem);
        }
    }
    (problems, warnings)
}

/// How a scenario's parts can fail to fit together, each rule stated once: [`parts`] (for
/// [`super::Scenario::new`]) and the part constructors report them at the part's line, the
/// caravan-file reader at the span of the field at fault. Its kind and words are the same
/// either way.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Misfit<'a> {
    /// Fewer than two towns on the route.
    TooFewTowns,
    /// The same town twice in a row on the route.
    RepeatedTown(&'a str),
    /// More groups, counting those splits form, than [`MAX_GROUPS`].
    TooManyGroups(usize),
    /// Two groups at departure with one name.
    DefinedTwice(&'a str),
    /// A group's destination that is not a town of the route.
    NotOnRoute(&'a str),
    /// A group name no group has (yet, in file order); `known`: the names so far.
    NoGroup {
        /// The name given.
        name: &'a str,
        /// The groups known at that point, sorted.
        known: Vec<&'a str>,
    },
    /// A split of a group that does not exist.
    NoGroupToSplit(&'a str),
    /// A split forming a group whose name is taken.
    GroupExists(&'a str),
    /// An event whose `until` is before its `date`.
    UntilBeforeDate {
        /// The event's first day.
        start: NaiveDate,
        /// Its last day, earlier.
        end: NaiveDate,
    },
    /// A sighting whose report is dated before the sighting.
    ReportBeforeSighting {
        /// The report's date.
        report: NaiveDate,
        /// The sighting's date, later.
        date: NaiveDate,
    },
}

impl Misfit<'_> {
    /// What sort of problem it is.
    pub(super) fn kind(&self) -> ProblemKind {
        match self {
            Misfit::TooFewTowns => ProblemKind::MissingField,
            Misfit::TooManyGroups(_) => ProblemKind::OutOfRange,
            Misfit::NotOnRoute(_) => ProblemKind::UnknownPlace,
            Misfit::UntilBeforeDate { .. } => ProblemKind::BadDate,
            Misfit::RepeatedTown(_)
            | Misfit::DefinedTwice(_)
            | Misfit::NoGroup { .. }
            | Misfit::NoGroupToSplit(_)
            | Misfit::GroupExists(_)
            | Misfit::ReportBeforeSighting { .. } => ProblemKind::Inconsistent,
        }
    }

    /// The problem of field `field` (at no line yet).
    pub(super) fn problem(&self, field: impl Into<String>) -> Problem {
        Problem::new(field, self.kind(), self.to_string())
    }
}

impl std::fmt::Display for Misfit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Misfit::TooFewTowns => f.write_str(
                "a route needs at least two towns: where the caravan starts and where it heads",
            ),
            Misfit::RepeatedTown(name) => write!(f, "`{name}` is listed twice in a row"),
            Misfit::TooManyGroups(n) => write!(
                f,
                "{n} groups (with those formed by splits) is more than the {MAX_GROUPS} a caravan may have"
            ),
            Misfit::DefinedTwice(name) => write!(f, "group `{name}` is defined twice"),
            Misfit::NotOnRoute(name) => write!(
                f,
                "`{name}` is not on the route; add it to `route` or pick a route town"
            ),
            Misfit::NoGroup { name, known } if known.is_empty() => write!(
                f,
                "no group `{name}` (the file defines no groups: give `headcount = N` (a group called `main`) or `[[groups]]`)"
            ),
            Misfit::NoGroup { name, known } => {
                write!(f, "no group `{name}` (known: {})", known.join(", "))
            }
            Misfit::NoGroupToSplit(name) => write!(f, "no group `{name}` to split"),
            Misfit::GroupExists(name) => write!(f, "group `{name}` already exists"),
            Misfit::UntilBeforeDate { start, end } => {
                write!(f, "{end} is before the event's date {start}")
            }
            Misfit::ReportBeforeSighting { report, date } => write!(
                f,
                "the report is dated {report} but the sighting {date}: a sighting is the day the group was there, reported on or after it"
            ),
        }
    }
}

/// The names in `names`, sorted (for [`Misfit::NoGroup`]).
pub(super) fn sorted<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = names.into_iter().collect();
    v.sort_unstable();
    v
}

/// How an event's dates miss the run (from `depart` to `last`, departure + `model.max_days`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OutsideRun {
    /// Starts before the departure (only a wait may: a border already closed).
    StartsBeforeDeparture,
    /// Ends before the departure: it could never apply.
    EndsBeforeDeparture,
    /// Starts after the run's last possible day.
    StartsAfterLastDay,
}

/// Every way an event's dates miss the run, each with its message; the file reader and
/// [`parts`] both use it, each naming the field its own way.
pub(super) fn event_outside_run(
    kind: &EventKind,
    start: NaiveDate,
    end: NaiveDate,
    depart: NaiveDate,
    last: NaiveDate,
) -> Vec<(OutsideRun, String)> {
    let mut out = Vec::new();
    if start < depart && !matches!(kind, EventKind::Wait { .. }) {
        out.push((
            OutsideRun::StartsBeforeDeparture,
            format!("{start} is before the departure {depart}"),
        ));
    }
    if end < depart {
        out.push((
            OutsideRun::EndsBeforeDeparture,
            format!("the event ends on {end}, before the departure {depart}: it cannot apply"),
        ));
    }
    if start > last {
        out.push((
            OutsideRun::StartsAfterLastDay,
            format!(
                "{start} is after the run's last day, {last} (departure + model.max_days); raise `model.max_days` or fix the date"
            ),
        ));
    }
    out
}

/// Why a sighting's date is outside the run, if it is.
pub(super) fn sighting_outside_run(
    date: NaiveDate,
    depart: NaiveDate,
    last: NaiveDate,
) -> Option<String> {
    (!(depart..=last).contains(&date)).then(|| {
        format!(
            "{date} is outside the caravan's span, {depart} (departure) to {last} (departure + model.max_days)"
        )
    })
}

/// Which part a [`Found`] is about: an index into the events or sightings given to
/// [`group_references`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    Event(usize),
    Sighting(usize),
}

/// A problem (or, with `warning`, something a user could mean but should know) of one
/// field of an event or sighting.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    pub at: At,
    /// The field within the part, e.g. `group`.
    pub field: &'static str,
    pub kind: ProblemKind,
    pub message: String,
    pub warning: bool,
}

/// Groups named before they form, and dispersals that detain more people than the group can
/// have by then. A group at departure forms on the departure day; a split-off group on the
/// split's day (after the events listed before the split that day). Names that no group has
/// are not reported here (see [`parts`]).
///
/// - a split of a group that forms later: an error;
/// - an event naming a group that forms after the event ends (or, for a dispersal, which
///   acts on its first day only, after that day): an error, it can never apply;
/// - a rest, ride, join or leave that starts before the group forms and ends after: a
///   warning, as the file may mean it (it applies from the day the group forms; a join's
///   people of the days before are not added);
/// - a sighting of a group dated before the group forms: an error (the group did not exist
///   yet: the split or the sighting is misdated, or the sighting is of the group it split from).
pub(super) fn group_references(
    depart: NaiveDate,
    groups: &[GroupSpec],
    events: &[&Event],
    sightings: &[&Sighting],
) -> Vec<Found> {
    let mut found = Vec::new();
    // When (date, index of the split among `events`) each group forms, and its parent.
    let mut formed: HashMap<&str, ((NaiveDate, usize), Option<&str>)> = groups
        .iter()
        .map(|g| (g.name(), ((depart, 0), None)))
        .collect();
    for (i, e) in events.iter().enumerate() {
        if let EventKind::Split {
            new_group, group, ..
        } = e.kind()
        {
            formed
                .entry(new_group.as_str())
                .or_insert(((e.start(), i), Some(group.as_str())));
        }
    }
    let headcount_of = |name: &str| {
        groups
            .iter()
            .find(|g| g.name() == name)
            .map_or(0, GroupSpec::headcount)
    };
    // People who join by each event's start: sorted join dates with running sums.
    let mut joins: Vec<(NaiveDate, u64)> = events
        .iter()
        .filter_map(|e| match e.kind() {
            EventKind::Join { headcount } => Some((e.start(), *headcount)),
            _ => None,
        })
        .collect();
    joins.sort_unstable();
    let mut joined_by = Vec::with_capacity(joins.len());
    let mut sum = 0u64;
    for (d, n) in &joins {
        sum += n;
        joined_by.push((*d, sum));
    }
    let joined = |d: NaiveDate| {
        let k = joined_by.partition_point(|(at, _)| *at <= d);
        if k == 0 { 0 } else { joined_by[k - 1].1 }
    };
    for (i, e) in events.iter().enumerate() {
        let mut error = |field: &'static str, message: String| {
            found.push(Found {
                at: At::Event(i),
                field,
                kind: ProblemKind::Inconsistent,
                message,
                warning: false,
            });
        };
        match e.kind() {
            EventKind::Split { group, .. } => {
                if let Some(&((d, j), _)) = formed.get(group.as_str())
                    && (e.start(), i) < (d, j)
                {
                    error(
                        "group",
                        format!(
                            "group `{group}` only forms on {d} (events[{j}]); a split on {} cannot take people from it: date the split later",
                            e.start()
                        ),
                    );
                }
            }
            EventKind::Disperse { detained, .. } if *detained > 0 => {
                // The most people a group can have by the day: its own headcount at
                // departure (a split-off group: its first ancestor's) plus every join so far.
                let first_ancestor = |n: &str| {
                    let mut name = n;
                    while let Some((_, Some(parent))) = formed.get(name) {
                        name = parent;
                    }
                    headcount_of(name)
                };
                let most = match e.groups() {
                    Some(names) => names.iter().map(|n| first_ancestor(n)).max().unwrap_or(0),
                    None => groups.iter().map(GroupSpec::headcount).max().unwrap_or(0),
                } + joined(e.start());
                if *detained > most {
                    error(
                        "detained",
                        format!(
                            "{detained} detained, but the group has at most {most} people by {} (its headcount at departure plus every join)",
                            e.start()
                        ),
                    );
                }
            }
            _ => {}
        }
        for name in e.groups().into_iter().flatten() {
            let Some(&((f, j), Some(_))) = formed.get(name.as_str()) else {
                continue;
            };
            let kind = e.kind().name();
            let (start, end) = (e.start(), e.end());
            // Joins, leaves and dispersals act before a split listed after them that day.
            let acts_first = |d: NaiveDate| {
                (d, i) < (f, j)
                    && matches!(
                        e.kind(),
                        EventKind::Join { .. }
                            | EventKind::Leave { .. }
                            | EventKind::Disperse { .. }
                    )
            };
            let never = match e.kind() {
                EventKind::Disperse { .. } => start < f || acts_first(start),
                _ => end < f || (end == f && acts_first(end)),
            };
            if never {
                found.push(Found {
                    at: At::Event(i),
                    field: "groups",
                    kind: ProblemKind::Inconsistent,
                    message: format!(
                        "group `{name}` only forms on {f} (events[{j}], a split); this {kind} on {} can never apply to it: date it later, or name the group it splits from",
                        date_span(start, end)
                    ),
                    warning: false,
                });
            } else if start < f && !matches!(e.kind(), EventKind::Wait { .. }) {
                found.push(Found {
                    at: At::Event(i),
                    field: "groups",
                    kind: ProblemKind::Inconsistent,
                    message: format!(
                        "group `{name}` only forms on {f} (events[{j}], a split); this {kind} on {} applies to it only from then{}",
                        date_span(start, end),
                        if matches!(e.kind(), EventKind::Join { .. }) {
                            " (the people of the days before do not join)"
                        } else {
                            ""
                        }
                    ),
                    warning: true,
                });
            }
        }
    }
    for (i, s) in sightings.iter().enumerate() {
        let Some(name) = s.group() else { continue };
        if let Some(&((f, j), Some(parent))) = formed.get(name)
            && s.date() < f
        {
            found.push(Found {
                at: At::Sighting(i),
                field: "group",
                kind: ProblemKind::Inconsistent,
                message: format!(
                    "group `{name}` only forms on {f} (events[{j}], a split from `{parent}`), after this sighting of {}: date the split earlier, or make it a sighting of `{parent}`",
                    s.date()
                ),
                warning: false,
            });
        }
    }
    found
}

/// "2018-10-20" or "2018-10-20 to 2018-10-22".
fn date_span(start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        start.to_string()
    } else {
        format!("{start} to {end}")
    }
}
