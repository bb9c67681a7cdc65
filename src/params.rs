//! Shared by [`crate::scenario`] (which reads them from caravan files) and
//! [`crate::simulate`] (which runs them): the movement model's parameters with their units
//! and allowed ranges, and the typed [`Problem`] that refuses a value. Kept apart so that
//! neither stage uses the other's types, and checked where they are built so the
//! simulation cannot fail on them.

use std::ops::Range;

/// Longest run, in days (`model.max_days`).
pub const MAX_DAYS: u32 = 1000;

/// Allowed walking pace, km/day (`model.pace_km_per_day`).
pub const PACE_KM_PER_DAY: Range<f64> = 0.1..1000.0;
/// Allowed day-to-day spread of the pace (`model.pace_variation_frac`): the daily factor is
/// uniform, so above 1/√3 ≈ 0.58 it could go negative.
pub const PACE_VARIATION_FRAC: Range<f64> = 0.0..0.58;
/// Allowed chance of an unplanned rest day (`model.rest_probability_per_day`).
pub const REST_PROBABILITY_PER_DAY: Range<f64> = 0.0..1.0;

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
    /// Text that is not a date, or a date outside [`crate::scenario::DATES`].
    BadDate,
    /// A number outside its allowed range.
    OutOfRange,
    /// A date outside the caravan's simulated span.
    OutsideSpan,
    /// A value that contradicts another part of the file (an unknown group, a split of a
    /// group not yet formed, more detained than people).
    Inconsistent,
    /// A name that is none of those known: a caravan id, an output's name.
    UnknownName,
}

/// One thing wrong in a caravan file, or in a value built by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// 1-based line, when the source is a file.
    pub line: Option<usize>,
    /// The field's path, e.g. `events[2].date`.
    pub field: String,
    /// What sort of mistake it is, for programs that handle them.
    pub kind: ProblemKind,
    /// What is wrong and how to fix it, in the words of the file format.
    pub message: String,
}

impl Problem {
    /// A problem with no line (a value built in code, not read from a file).
    pub fn new(field: impl Into<String>, kind: ProblemKind, message: impl Into<String>) -> Self {
        Self {
            line: None,
            field: field.into(),
            kind,
            message: message.into(),
        }
    }

    /// `v` (in `unit`) outside `range`, or not a finite number.
    pub(crate) fn out_of_range(
        field: impl Into<String>,
        v: f64,
        range: &Range<f64>,
        unit: &str,
    ) -> Self {
        Self::new(
            field,
            ProblemKind::OutOfRange,
            format!(
                "{v} {unit} is out of range; expected at least {} and below {}",
                range.start, range.end
            ),
        )
    }

    /// The same problem under `prefix` (`groups[2]` + `headcount` → `groups[2].headcount`).
    pub(crate) fn under(mut self, prefix: &str) -> Self {
        self.field = format!("{prefix}.{}", self.field);
        self
    }
}

/// Whether `v` is a finite number inside `range`.
pub(crate) fn in_range(v: f64, range: &Range<f64>) -> bool {
    v.is_finite() && range.contains(&v)
}

/// Model parameters with their units, each inside its allowed range (checked by
/// [`ModelParams::new`] and the `with_` methods; the defaults are the 2018 reports').
#[derive(Debug, Clone, PartialEq)]
pub struct ModelParams {
    pace_km_per_day: f64,
    pace_variation_frac: f64,
    rest_probability_per_day: f64,
    max_days: u32,
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

impl ModelParams {
    /// Every parameter checked against its range ([`PACE_KM_PER_DAY`],
    /// [`PACE_VARIATION_FRAC`], [`REST_PROBABILITY_PER_DAY`], 1 to [`MAX_DAYS`]); the
    /// problems name the fields as a caravan file does (`model.pace_km_per_day`).
    ///
    /// ```
    /// use route_sim::params::ModelParams;
    /// let p = ModelParams::new(40.0, 0.1, 0.0, 60).unwrap();
    /// assert_eq!(p.pace_km_per_day(), 40.0);
    /// assert!(ModelParams::new(f64::NAN, 0.1, 0.0, 60).is_err());
    /// ```
    pub fn new(
        pace_km_per_day: f64,
        pace_variation_frac: f64,
        rest_probability_per_day: f64,
        max_days: u32,
    ) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        for (field, v, range, unit) in [
            (
                "model.pace_km_per_day",
                pace_km_per_day,
                &PACE_KM_PER_DAY,
                "km/day",
            ),
            (
                "model.pace_variation_frac",
                pace_variation_frac,
                &PACE_VARIATION_FRAC,
                "(fraction of pace)",
            ),
            (
                "model.rest_probability_per_day",
                rest_probability_per_day,
                &REST_PROBABILITY_PER_DAY,
                "(probability)",
            ),
        ] {
            if !in_range(v, range) {
                problems.push(Problem::out_of_range(field, v, range, unit));
            }
        }
        if !(1..=MAX_DAYS).contains(&max_days) {
            problems.push(Problem::new(
                "model.max_days",
                ProblemKind::OutOfRange,
                format!("{max_days} must be a whole number from 1 to {MAX_DAYS}"),
            ));
        }
        if problems.is_empty() {
            Ok(Self {
                pace_km_per_day,
                pace_variation_frac,
                rest_probability_per_day,
                max_days,
            })
        } else {
            Err(problems)
        }
    }

    /// Walking pace of a group with `pace_factor` 1.0; 48 km/day is the average the
    /// October 2018 reports give (seed 001, Tapanatepec story).
    pub fn pace_km_per_day(&self) -> f64 {
        self.pace_km_per_day
    }

    /// Standard deviation of the day-to-day pace, as a fraction of the pace.
    pub fn pace_variation_frac(&self) -> f64 {
        self.pace_variation_frac
    }

    /// Chance that a walking group takes an unplanned rest day.
    pub fn rest_probability_per_day(&self) -> f64 {
        self.rest_probability_per_day
    }

    /// The run stops after this many days even if groups are still on the road.
    pub fn max_days(&self) -> u32 {
        self.max_days
    }

    /// The same parameters with another pace (checked like [`ModelParams::new`]).
    pub fn with_pace_km_per_day(&self, pace_km_per_day: f64) -> Result<Self, Problem> {
        if in_range(pace_km_per_day, &PACE_KM_PER_DAY) {
            Ok(Self {
                pace_km_per_day,
                ..self.clone()
            })
        } else {
            Err(Problem::out_of_range(
                "model.pace_km_per_day",
                pace_km_per_day,
                &PACE_KM_PER_DAY,
                "km/day",
            ))
        }
    }

    /// The same parameters with another day-to-day spread (checked like [`ModelParams::new`]).
    pub fn with_pace_variation_frac(&self, pace_variation_frac: f64) -> Result<Self, Problem> {
        Self::new(
            self.pace_km_per_day,
            pace_variation_frac,
            self.rest_probability_per_day,
            self.max_days,
        )
        .map_err(first)
    }

    /// The same parameters with another run length (checked like [`ModelParams::new`]).
    pub fn with_max_days(&self, max_days: u32) -> Result<Self, Problem> {
        Self::new(
            self.pace_km_per_day,
            self.pace_variation_frac,
            self.rest_probability_per_day,
            max_days,
        )
        .map_err(first)
    }
}

/// The one problem a change of one valid parameter can have.
fn first(mut problems: Vec<Problem>) -> Problem {
    problems.swap_remove(0)
}
