//! Stage 2: a caravan file resolved against the gazetteer into a checked [`Scenario`].
//!
//! Every problem in a file is collected and reported together, each with its line and
//! field, so a user fixes a file in one pass. Distances are not computed here.

mod bundled;
mod check;
mod file;
mod resolve;

pub use bundled::{bundled_ids, bundled_text, load_bundled};
pub use resolve::{
    WriteBackError, parse_scenario, read_scenario_file, scenario_of_parts, with_fitted_speeds,
};

pub use crate::params::{Problem, ProblemKind};

use crate::gazetteer::Town;
use crate::params::{ModelParams, in_range};
use chrono::NaiveDate;
use std::ops::{Range, RangeInclusive};

/// The dates a caravan file may use. chrono reaches ±262,142 years, where adding a run's
/// days overflows; caravans are reported in living memory, and charts print 4-digit years.
pub const DATES: RangeInclusive<NaiveDate> = RangeInclusive::new(
    match NaiveDate::from_ymd_opt(1900, 1, 1) {
        Some(d) => d,
        None => panic!("a valid date"),
    },
    match NaiveDate::from_ymd_opt(2100, 12, 31) {
        Some(d) => d,
        None => panic!("a valid date"),
    },
);

/// Most people a file may give for any one headcount (10^8: the largest caravans reported
/// had about 10,000 people). With at most [`MAX_GROUPS`] groups, sums fit easily in a `u64`.
pub const MAX_PEOPLE: u64 = 100_000_000;

/// Most groups a caravan may have, counting those formed by splits: a run records a group
/// by a 16-bit index.
pub const MAX_GROUPS: usize = 1 << 16;

/// Allowed pace factor of a group (× the pace).
pub const PACE_FACTOR: Range<f64> = 0.05..20.0;
/// Allowed daily distance of a `ride`, km/day.
pub const RIDE_KM_PER_DAY: Range<f64> = 1.0..2000.0;
/// Allowed share of people (leave, split, disperse): 0 to 1, with room for rounding.
pub const SHARE: Range<f64> = 0.0..1.000001;
/// Allowed road km per straight km (`road_factor`).
pub const ROAD_FACTOR: Range<f64> = 1.0..3.0;

/// "2300-01-01 is outside …": the message for a date beyond [`DATES`].
fn date_out_of_range(d: NaiveDate) -> String {
    format!(
        "{d} is outside the dates route-sim works with, {} to {}",
        DATES.start(),
        DATES.end()
    )
}

/// The problem of a date outside [`DATES`], if it is.
fn date_problem(field: &str, d: NaiveDate) -> Option<Problem> {
    (!DATES.contains(&d)).then(|| Problem::new(field, ProblemKind::BadDate, date_out_of_range(d)))
}

/// "… is more than the 100000000 (10^8) route-sim takes": the message for too many people.
fn too_many_people(n: impl std::fmt::Display) -> String {
    format!(
        "{n} people is more than the {MAX_PEOPLE} (10^8) route-sim takes; \
         the largest caravans reported had about 10,000"
    )
}

/// The problem of a number of people outside `min` to [`MAX_PEOPLE`], if it is.
fn people_problem(field: &str, n: u64, min: u64) -> Option<Problem> {
    if n > MAX_PEOPLE {
        Some(Problem::new(
            field,
            ProblemKind::OutOfRange,
            too_many_people(n),
        ))
    } else if n < min {
        Some(Problem::new(
            field,
            ProblemKind::OutOfRange,
            format!("{n} must be a whole number of at least {min}"),
        ))
    } else {
        None
    }
}

/// `Ok(value)` when nothing is wrong, else every problem.
fn checked<T>(value: T, problems: Vec<Problem>) -> Result<T, Vec<Problem>> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

/// A group of the caravan at departure: 1 to [`MAX_PEOPLE`] people, a pace factor inside
/// [`PACE_FACTOR`] (checked by [`GroupSpec::new`]).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSpec {
    name: String,
    headcount: u64,
    pace_factor: f64,
    destination: Option<Town>,
}

impl GroupSpec {
    /// A group, checked; problems name the fields as a `[[groups]]` table does.
    pub fn new(
        name: impl Into<String>,
        headcount: u64,
        pace_factor: f64,
        destination: Option<Town>,
    ) -> Result<Self, Vec<Problem>> {
        let mut problems: Vec<Problem> = people_problem("headcount", headcount, 1)
            .into_iter()
            .collect();
        if !in_range(pace_factor, &PACE_FACTOR) {
            problems.push(Problem::out_of_range(
                "pace_factor",
                pace_factor,
                &PACE_FACTOR,
                "(times the pace)",
            ));
        }
        checked(
            Self {
                name: name.into(),
                headcount,
                pace_factor,
                destination,
            },
            problems,
        )
    }

    /// The group's name (`main` for a file's `headcount = N`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// People at departure.
    pub fn headcount(&self) -> u64 {
        self.headcount
    }

    /// Times the scenario's pace.
    pub fn pace_factor(&self) -> f64 {
        self.pace_factor
    }

    /// Where this group stops, if before the route's end.
    pub fn destination(&self) -> Option<&Town> {
        self.destination.as_ref()
    }
}

/// What happens on a date (or span of dates) to some or all groups.
#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// No movement from `start` to `end`.
    Rest,
    /// Groups reaching `place` cannot pass it before `end` (a border wait or closure).
    Wait {
        /// The town groups wait at; near the route.
        place: Town,
    },
    /// Rides or buses: the daily distance becomes `km_per_day`.
    Ride {
        /// Daily distance while riding, km/day (inside [`RIDE_KM_PER_DAY`]).
        km_per_day: f64,
    },
    /// People join, spread evenly over the days from `start` to `end`.
    Join {
        /// People who join over the whole event.
        headcount: u64,
    },
    /// A share of the people stay behind.
    Leave {
        /// Share of the people who leave, 0 to 1.
        share: f64,
    },
    /// A share of the people of `group` form `new_group`.
    Split {
        /// Name of the group that splits (a group of the file).
        group: String,
        /// Name of the group it forms; unique in the file.
        new_group: String,
        /// Share of `group`'s people who go with `new_group`, 0 to 1.
        share: f64,
        /// The new group's pace as a multiple of the model's pace (inside [`PACE_FACTOR`]).
        pace_factor: f64,
        /// Where the new group stops, if not at the route's end; a town near the route.
        destination: Option<Town>,
    },
    /// Police or army stop the group: `share` of its people stop (of whom `detained` are held);
    /// with `share` 1 the group ends there. With a `place`, the group is held there until `start`.
    Disperse {
        /// Share of the group's people who stop, 0 to 1.
        share: f64,
        /// How many of the stopped people are held (counted in a run's detained total).
        detained: u64,
        /// Town the group is held at until the event starts, if any.
        place: Option<Town>,
    },
}

/// An event of a caravan: what happens from `start` to `end` (inclusive), to the groups it
/// names or to all. Its values are checked by [`Event::new`]; whether the groups it names
/// exist by then is checked by [`Scenario::new`].
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    kind: EventKind,
    start: NaiveDate,
    end: NaiveDate,
    groups: Option<Vec<String>>,
    source: Option<String>,
    line: usize,
}

impl Event {
    /// An event applying to every group, checked: dates inside [`DATES`] with `end` not
    /// before `start`, shares inside [`SHARE`], rides inside [`RIDE_KM_PER_DAY`], people up
    /// to [`MAX_PEOPLE`], a split's pace factor inside [`PACE_FACTOR`] and its new group
    /// named apart from the old. Problems name the fields as an `[[events]]` table does.
    pub fn new(kind: EventKind, start: NaiveDate, end: NaiveDate) -> Result<Self, Vec<Problem>> {
        let mut problems: Vec<Problem> = date_problem("date", start)
            .into_iter()
            .chain(date_problem("until", end))
            .collect();
        if end < start {
            problems.push(check::Misfit::UntilBeforeDate { start, end }.problem("until"));
        }
        let mut number = |field: &str, v: f64, range: &Range<f64>, unit: &str| {
            if !in_range(v, range) {
                problems.push(Problem::out_of_range(field, v, range, unit));
            }
        };
        match &kind {
            EventKind::Rest | EventKind::Wait { .. } => {}
            EventKind::Ride { km_per_day } => {
                number("km_per_day", *km_per_day, &RIDE_KM_PER_DAY, "km/day");
            }
            EventKind::Leave { share } => {
                number("share", *share, &SHARE, "(share of people, 0 to 1)");
            }
            EventKind::Split {
                group,
                new_group,
                share,
                pace_factor,
                ..
            } => {
                number("share", *share, &SHARE, "(share of people, 0 to 1)");
                number(
                    "pace_factor",
                    *pace_factor,
                    &PACE_FACTOR,
                    "(times the pace)",
                );
                if group == new_group {
                    problems.push(Problem::new(
                        "new_group",
                        ProblemKind::Inconsistent,
                        format!("group `{new_group}` cannot split off from itself"),
                    ));
                }
            }
            EventKind::Join { headcount } => {
                problems.extend(people_problem("headcount", *headcount, 1));
            }
            EventKind::Disperse {
                share, detained, ..
            } => {
                number("share", *share, &SHARE, "(share of people, 0 to 1)");
                problems.extend(people_problem("detained", *detained, 0));
            }
        }
        checked(
            Self {
                kind,
                start,
                end,
                groups: None,
                source: None,
                line: 0,
            },
            problems,
        )
    }

    /// The same event applying only to `groups` (`None`: every group on the road).
    pub fn for_groups(self, groups: Option<Vec<String>>) -> Self {
        Self { groups, ..self }
    }

    /// The same event citing `source`.
    pub fn with_source(self, source: Option<String>) -> Self {
        Self { source, ..self }
    }

    /// The same event, read from line `line` of a caravan file (the line of its `kind`).
    pub fn at_line(self, line: usize) -> Self {
        Self { line, ..self }
    }

    /// What happens.
    pub fn kind(&self) -> &EventKind {
        &self.kind
    }

    /// First day the event applies.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// Last day the event applies (inclusive).
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// Groups it applies to; `None` means every group on the road.
    pub fn groups(&self) -> Option<&[String]> {
        self.groups.as_deref()
    }

    /// Where the file says the event comes from (free text), if it does.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// 1-based line of its `kind` in the caravan file (0 when not read from a file).
    pub fn line(&self) -> usize {
        self.line
    }
}

impl EventKind {
    /// The word used in caravan files and outputs.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Rest => "rest",
            EventKind::Wait { .. } => "wait",
            EventKind::Ride { .. } => "ride",
            EventKind::Join { .. } => "join",
            EventKind::Leave { .. } => "leave",
            EventKind::Split { .. } => "split",
            EventKind::Disperse { .. } => "disperse",
        }
    }
}

/// How a reported headcount should be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadcountKind {
    /// The figure is a count.
    Exact,
    /// At least this many people ("more than 3,000").
    AtLeast,
    /// At most this many people ("up to 500").
    AtMost,
    /// A rough figure ("about 7,000"); the file's default reading.
    Estimate,
}

impl HeadcountKind {
    /// Every kind, in the order the file format lists them.
    pub const ALL: [HeadcountKind; 4] = [
        HeadcountKind::Exact,
        HeadcountKind::AtLeast,
        HeadcountKind::AtMost,
        HeadcountKind::Estimate,
    ];

    /// The word used in caravan files and outputs.
    pub fn name(self) -> &'static str {
        match self {
            HeadcountKind::Exact => "exact",
            HeadcountKind::AtLeast => "at_least",
            HeadcountKind::AtMost => "at_most",
            HeadcountKind::Estimate => "estimate",
        }
    }

    /// The kind a file names, e.g. `at_least`.
    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == word)
    }
}

/// What a sighting says the group did at its place on its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SightingKind {
    /// The group slept there that night.
    NightStop,
    /// The group set off from there that day (it slept there the night before).
    Departure,
    /// The group went through during the day without stopping for the night.
    Passing,
    /// The group reached the place (a goal, a border, a city shelter) that day.
    Arrival,
    /// Police, army or the group itself ended the march there that day.
    Dispersal,
    /// A headcount only: the place is not a position of the group on that date.
    Count,
}

impl SightingKind {
    /// Every kind, in the order the file format lists them.
    pub const ALL: [SightingKind; 6] = [
        SightingKind::NightStop,
        SightingKind::Departure,
        SightingKind::Passing,
        SightingKind::Arrival,
        SightingKind::Dispersal,
        SightingKind::Count,
    ];

    /// The word used in caravan files and outputs.
    pub fn name(self) -> &'static str {
        match self {
            SightingKind::NightStop => "night_stop",
            SightingKind::Departure => "departure",
            SightingKind::Passing => "passing",
            SightingKind::Arrival => "arrival",
            SightingKind::Dispersal => "dispersal",
            SightingKind::Count => "count",
        }
    }

    /// The kind a file names, e.g. `night_stop`.
    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == word)
    }

    /// Whether the place is where the group was on the date (every kind but `count`).
    pub fn is_position(self) -> bool {
        self != SightingKind::Count
    }
}

impl std::fmt::Display for SightingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A published report a sighting comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The publisher, e.g. `Reuters`, `EFE`, `La Jornada`, `IOM`.
    pub outlet: String,
    /// The headline as published.
    pub title: String,
    /// The day the report was published (the sighting's own date may be earlier).
    pub date: NaiveDate,
    /// Web address of the report.
    pub url: String,
}

/// Where a sighting comes from: one of the seed records, or a published report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A fact record of the shared seed articles, e.g. `seeds/001_9c667aca175d9670.toml`.
    Seed(String),
    /// A published report (outlet, title, date, URL).
    Report(Report),
}

impl Source {
    /// The report, when the source is one (not a seed record).
    pub fn report(&self) -> Option<&Report> {
        match self {
            Source::Report(r) => Some(r),
            Source::Seed(_) => None,
        }
    }
}

/// One line: the seed record's path, or `Outlet, "Title", date, url`.
impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Seed(path) => f.write_str(path),
            Source::Report(r) => write!(f, "{}, \"{}\", {}, {}", r.outlet, r.title, r.date, r.url),
        }
    }
}

/// A dated report of where a caravan was, kept with its source. Checked by
/// [`Sighting::new`]; whether its date and group fit the caravan, by [`Scenario::new`].
#[derive(Debug, Clone, PartialEq)]
pub struct Sighting {
    date: NaiveDate,
    place: Town,
    kind: SightingKind,
    headcount: Option<u64>,
    headcount_kind: HeadcountKind,
    source: Source,
    note: String,
    group: Option<String>,
    line: usize,
}

impl Sighting {
    /// A sighting of the main body, checked: its date inside [`DATES`], a headcount (with
    /// how to read it) of 1 to [`MAX_PEOPLE`], and a report published on or after the
    /// date. Problems name the fields as a `[[sightings]]` table does.
    pub fn new(
        date: NaiveDate,
        place: Town,
        kind: SightingKind,
        headcount: Option<(u64, HeadcountKind)>,
        source: Source,
    ) -> Result<Self, Vec<Problem>> {
        let mut problems: Vec<Problem> = date_problem("date", date).into_iter().collect();
        if let Some((n, _)) = headcount {
            problems.extend(people_problem("headcount", n, 1));
        }
        if let Source::Report(r) = &source {
            problems.extend(date_problem("source.date", r.date));
            if r.date < date {
                problems.push(
                    check::Misfit::ReportBeforeSighting {
                        report: r.date,
                        date,
                    }
                    .problem("source.date"),
                );
            }
        }
        checked(
            Self {
                date,
                place,
                kind,
                headcount: headcount.map(|(n, _)| n),
                headcount_kind: headcount.map_or(HeadcountKind::Estimate, |(_, k)| k),
                source,
                note: String::new(),
                group: None,
                line: 0,
            },
            problems,
        )
    }

    /// The same sighting with a note (how the date was resolved, in our words).
    pub fn with_note(self, note: impl Into<String>) -> Self {
        Self {
            note: note.into(),
            ..self
        }
    }

    /// The same sighting of `group` (`None`: the main body).
    pub fn of_group(self, group: Option<String>) -> Self {
        Self { group, ..self }
    }

    /// The same sighting, read from line `line` of a caravan file (the line of its `date`).
    pub fn at_line(self, line: usize) -> Self {
        Self { line, ..self }
    }

    /// The calendar day the group was there (not the report's date).
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The town where the group was.
    pub fn place(&self) -> &Town {
        &self.place
    }

    /// What the report places there (a position, or a count only).
    pub fn kind(&self) -> SightingKind {
        self.kind
    }

    /// People reported, if the report gives a number.
    pub fn headcount(&self) -> Option<u64> {
        self.headcount
    }

    /// How to read the headcount (`Estimate` when there is none).
    pub fn headcount_kind(&self) -> HeadcountKind {
        self.headcount_kind
    }

    /// The seed record or published report it comes from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// How the date was resolved, in our words (may be empty).
    pub fn note(&self) -> &str {
        &self.note
    }

    /// The group seen; `None` means the caravan's main body.
    pub fn group(&self) -> Option<&str> {
        self.group.as_deref()
    }

    /// 1-based line of its `date` in the caravan file (0 when not read from a file).
    pub fn line(&self) -> usize {
        self.line
    }

    /// Whether the place is a position of the group on the date (every kind but `count`).
    pub fn is_position(&self) -> bool {
        self.kind.is_position()
    }
}

/// The parts of a [`Scenario`], for building one in code: [`Scenario::new`] checks how
/// they fit together. [`Scenario::into_parts`] gives them back, to change and rebuild.
#[derive(Debug, Clone)]
pub struct ScenarioParts {
    /// Short id, e.g. `honduras-oct2018` (outputs go to `out/<id>`).
    pub id: String,
    /// A title for people.
    pub name: String,
    /// Longer notes for people; may be empty.
    pub description: String,
    /// What the reports say, in our words.
    pub reported: String,
    /// What the file assumes where the reports are silent.
    pub assumed: String,
    /// Where it came from: a file path, `bundled:<id>` or `--route`.
    pub source_name: String,
    /// The TOML text it was read from, kept so fitted values can be written back in place
    /// (empty when built in code).
    pub text: String,
    /// The departure day (day 0 of a run), inside [`DATES`].
    pub depart: NaiveDate,
    /// The towns of the route, in order (at least two).
    pub route_towns: Vec<Town>,
    /// Road km per straight km for links off the road network, when the file gives one.
    pub road_factor: Option<f64>,
    /// The movement model's parameters (the file's `[model]` table, or the defaults).
    pub params: ModelParams,
    /// The groups at departure (at least one); splits form the others.
    pub groups: Vec<GroupSpec>,
    /// In file order (a split's new group is known from the split on).
    pub events: Vec<Event>,
    /// In any order; the scenario keeps them by date.
    pub sightings: Vec<Sighting>,
}

/// A caravan ready to simulate: its parts are each valid and fit together (dates inside
/// the run, groups that exist when named, at most [`MAX_GROUPS`]), so planning and
/// simulating it cannot fail on its values.
#[derive(Debug, Clone)]
pub struct Scenario {
    parts: ScenarioParts,
    warnings: Vec<Problem>,
}

impl Scenario {
    /// A scenario from its parts, with every problem of how they fit together, each naming
    /// its field as a caravan file does (`events[2].group`) and, for parts read from a file,
    /// the part's line.
    pub fn new(mut parts: ScenarioParts) -> Result<Self, ScenarioError> {
        let (problems, warnings) = check::parts(&parts);
        if !problems.is_empty() {
            return Err(ScenarioError {
                source_name: parts.source_name,
                problems,
            });
        }
        parts.sightings.sort_by_key(|s| s.date);
        Ok(Self { parts, warnings })
    }

    /// What the parts say that a user could mean but should know (e.g. a rest of a group
    /// that forms halfway through it), each naming its field like a problem.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// The parts, to change and rebuild with [`Scenario::new`].
    pub fn into_parts(self) -> ScenarioParts {
        self.parts
    }

    /// Short id, e.g. `honduras-oct2018`.
    pub fn id(&self) -> &str {
        &self.parts.id
    }

    /// A title for people.
    pub fn name(&self) -> &str {
        &self.parts.name
    }

    /// What the caravan was.
    pub fn description(&self) -> &str {
        &self.parts.description
    }

    /// What the reports say, in our words.
    pub fn reported(&self) -> &str {
        &self.parts.reported
    }

    /// What the file assumes where the reports are silent.
    pub fn assumed(&self) -> &str {
        &self.parts.assumed
    }

    /// Where it came from: a file path, `bundled:<id>` or `--route`.
    pub fn source_name(&self) -> &str {
        &self.parts.source_name
    }

    /// The TOML text it was read from, kept so fitted values can be written back in place.
    pub fn text(&self) -> &str {
        &self.parts.text
    }

    /// The departure day (day 0 of a run), inside [`DATES`].
    pub fn depart(&self) -> NaiveDate {
        self.parts.depart
    }

    /// The towns of the route, in order (at least two).
    pub fn route_towns(&self) -> &[Town] {
        &self.parts.route_towns
    }

    /// Road km per straight km for links off the road network, when the file gives one.
    pub fn road_factor(&self) -> Option<f64> {
        self.parts.road_factor
    }

    /// The movement model's parameters.
    pub fn params(&self) -> &ModelParams {
        &self.parts.params
    }

    /// The groups at departure (at least one); splits form the others.
    pub fn groups(&self) -> &[GroupSpec] {
        &self.parts.groups
    }

    /// The events, in file order.
    pub fn events(&self) -> &[Event] {
        &self.parts.events
    }

    /// The sightings, by date.
    pub fn sightings(&self) -> &[Sighting] {
        &self.parts.sightings
    }

    /// The last day a run of it may reach: departure + `model.max_days`.
    pub fn last_day(&self) -> NaiveDate {
        self.parts.depart + chrono::Days::new(u64::from(self.parts.params.max_days()))
    }

    /// People in the groups at departure (at most [`MAX_GROUPS`] × [`MAX_PEOPLE`]: no overflow).
    pub fn total_headcount(&self) -> u64 {
        self.parts.groups.iter().map(GroupSpec::headcount).sum()
    }

    /// The same scenario with other model parameters (its events and sightings must still
    /// fall inside the run).
    pub fn with_params(&self, params: ModelParams) -> Result<Self, ScenarioError> {
        Self::new(ScenarioParts {
            params,
            ..self.parts.clone()
        })
    }
}

/// Every problem found in one caravan file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct ScenarioError {
    /// Where the file came from: a path, `bundled:<id>` or `--route`.
    pub source_name: String,
    /// Every problem, in file order.
    pub problems: Vec<Problem>,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{n} problem{} in {}:",
            if n == 1 { "" } else { "s" },
            self.source_name
        )?;
        for p in &self.problems {
            write!(f, "\n  {}", Located(&self.source_name, p))?;
        }
        Ok(())
    }
}

/// A problem (or warning) with the name of its source, rendered in the one way every
/// problem is: `file:line: field `name`: what is wrong` (or, for a command-line argument,
/// `--flag: what is wrong`).
#[derive(Debug, Clone, Copy)]
pub struct Located<'a>(pub &'a str, pub &'a Problem);

impl std::fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Located(source_name, p) = *self;
        match p.line {
            Some(line) => write!(
                f,
                "{source_name}:{line}: field `{}`: {}",
                p.field, p.message
            ),
            None if p.field.starts_with("--") => write!(f, "{}: {}", p.field, p.message),
            None => write!(f, "{source_name}: field `{}`: {}", p.field, p.message),
        }
    }
}
