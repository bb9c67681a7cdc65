//! Stage 2: a caravan file resolved against the gazetteer into a checked [`Scenario`].
//!
//! Every problem in a file is collected and reported together, each with its line and
//! field, so a user fixes a file in one pass. Distances are not computed here.

mod bundled;
mod file;
mod resolve;

pub use bundled::{bundled_ids, bundled_text, load_bundled};
pub use resolve::{
    WriteBackError, parse_scenario, read_scenario_file, scenario_of_parts, with_fitted_speeds,
};

use crate::gazetteer::Town;
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

/// Longest run, in days (`model.max_days`).
pub const MAX_DAYS: u32 = 1000;

/// Allowed walking pace, km/day (`model.pace_km_per_day`).
pub const PACE_KM_PER_DAY: Range<f64> = 0.1..1000.0;
/// Allowed day-to-day spread of the pace (`model.pace_variation_frac`): the daily factor is
/// uniform, so above 1/√3 ≈ 0.58 it could go negative.
pub const PACE_VARIATION_FRAC: Range<f64> = 0.0..0.58;
/// Allowed chance of an unplanned rest day (`model.rest_probability_per_day`).
pub const REST_PROBABILITY_PER_DAY: Range<f64> = 0.0..1.0;
/// Allowed pace factor of a group (× the pace).
pub const PACE_FACTOR: Range<f64> = 0.05..20.0;
/// Allowed daily distance of a `ride`, km/day.
pub const RIDE_KM_PER_DAY: Range<f64> = 1.0..2000.0;
/// Allowed share of people (leave, split, disperse): 0 to 1, with room for rounding.
pub const SHARE: Range<f64> = 0.0..1.000001;

/// Model parameters with their units; checked when the scenario is built.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelParams {
    /// Walking pace of a group with `pace_factor` 1.0; 48 km/day is the average the
    /// October 2018 reports give (seed 001, Tapanatepec story).
    pub pace_km_per_day: f64,
    /// Standard deviation of the day-to-day pace, as a fraction of the pace.
    pub pace_variation_frac: f64,
    /// Chance that a walking group takes an unplanned rest day.
    pub rest_probability_per_day: f64,
    /// The run stops after this many days even if groups are still on the road.
    pub max_days: u32,
}

impl Default for ModelParams {
    fn default() -> Self {
        Self {
            pace_km_per_day: 48.0,
            pace_variation_frac: 0.15,
            rest_probability_per_day: 0.0,
            max_days: 150,
        }
    }
}

/// A group of the caravan at departure.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSpec {
    pub name: String,
    pub headcount: u64,
    pub pace_factor: f64,
    /// Where this group stops, if before the route's end.
    pub destination: Option<Town>,
}

/// What happens on a date (or span of dates) to some or all groups.
#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// No movement from `start` to `end`.
    Rest,
    /// Groups reaching `place` cannot pass it before `end` (a border wait or closure).
    Wait { place: Town },
    /// Rides or buses: the daily distance becomes `km_per_day`.
    Ride { km_per_day: f64 },
    /// People join, spread evenly over the days from `start` to `end`.
    Join { headcount: u64 },
    /// A share of the people stay behind.
    Leave { share: f64 },
    /// A share of the people of `group` form `new_group`.
    Split {
        group: String,
        new_group: String,
        share: f64,
        pace_factor: f64,
        destination: Option<Town>,
    },
    /// Police or army stop the group: `share` of its people stop (of whom `detained` are held);
    /// with `share` 1 the group ends there. With a `place`, the group is held there until `start`.
    Disperse {
        share: f64,
        detained: u64,
        place: Option<Town>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: EventKind,
    pub start: NaiveDate,
    /// Last day the event applies (inclusive).
    pub end: NaiveDate,
    /// Groups it applies to; `None` means every group on the road.
    pub groups: Option<Vec<String>>,
    pub source: Option<String>,
    /// 1-based line of its `kind` in the caravan file (0 when not read from a file).
    pub line: usize,
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
    Exact,
    AtLeast,
    AtMost,
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
    pub title: String,
    /// The day the report was published (the sighting's own date may be earlier).
    pub date: NaiveDate,
    pub url: String,
}

/// Where a sighting comes from: one of the seed records, or a published report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A fact record of the shared seed articles, e.g. `seeds/001_9c667aca175d9670.toml`.
    Seed(String),
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

/// A dated report of where a caravan was, kept with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Sighting {
    /// The calendar day the group was there (not the report's date).
    pub date: NaiveDate,
    pub place: Town,
    pub kind: SightingKind,
    pub headcount: Option<u64>,
    pub headcount_kind: HeadcountKind,
    pub source: Source,
    pub note: String,
    /// The group seen; `None` means the caravan's main body.
    pub group: Option<String>,
    /// 1-based line of its `date` in the caravan file (0 when not read from a file).
    pub line: usize,
}

impl Sighting {
    /// Whether the place is a position of the group on the date (every kind but `count`).
    pub fn is_position(&self) -> bool {
        self.kind.is_position()
    }
}

/// A caravan ready to simulate.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub description: String,
    pub reported: String,
    pub assumed: String,
    /// Where it came from: a file path, `bundled:<id>` or `--route`.
    pub source_name: String,
    /// The TOML text it was read from, kept so fitted values can be written back in place.
    pub text: String,
    pub depart: NaiveDate,
    pub route_towns: Vec<Town>,
    /// Road km per straight km for links off the road network, when the file gives one.
    pub road_factor: Option<f64>,
    pub params: ModelParams,
    pub groups: Vec<GroupSpec>,
    pub events: Vec<Event>,
    pub sightings: Vec<Sighting>,
}

impl Scenario {
    pub fn total_headcount(&self) -> u64 {
        self.groups.iter().map(|g| g.headcount).sum()
    }
}

/// What sort of mistake a [`Problem`] is, for programs that handle them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not TOML.
    Syntax,
    /// The file cannot be read, or is not UTF-8.
    Unreadable,
    /// A value of the wrong type, e.g. text where a number belongs.
    WrongType,
    /// A field the format does not have (the message names the closest known one).
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A place name the gazetteer does not know, or that is off the road network or route.
    UnknownPlace,
    /// Text that is not a date, or a date outside [`DATES`].
    BadDate,
    /// A number outside its allowed range.
    OutOfRange,
    /// A date outside the caravan's simulated span.
    OutsideSpan,
    /// A value that contradicts another part of the file (an unknown group, a split of a
    /// group not yet formed, more detained than people).
    Inconsistent,
}

/// One thing wrong in a caravan file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// 1-based line, when the source is a file.
    pub line: Option<usize>,
    /// The field's path, e.g. `events[2].date`.
    pub field: String,
    pub kind: ProblemKind,
    /// What is wrong and how to fix it, in the words of the file format.
    pub message: String,
}

/// Every problem found in one caravan file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct ScenarioError {
    pub source_name: String,
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
            match p.line {
                Some(line) => write!(
                    f,
                    "\n  {}:{line}: field `{}`: {}",
                    self.source_name, p.field, p.message
                )?,
                None if p.field.starts_with("--") => write!(f, "\n  {}: {}", p.field, p.message)?,
                None => write!(
                    f,
                    "\n  {}: field `{}`: {}",
                    self.source_name, p.field, p.message
                )?,
            }
        }
        Ok(())
    }
}
