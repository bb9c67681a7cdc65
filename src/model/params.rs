//! The behaviour model's parameters: their units, bounds and weak priors, and the
//! unconstrained coordinates the fit searches in.

use std::fmt;

/// Every parameter of the behaviour model, with its unit in its name.
#[derive(Debug, Clone, PartialEq)]
pub struct BehaviourParams {
    /// Mean distance walked on a walking day.
    pub walk_km_per_day: f64,
    /// Day-to-day spread of the walking distance (log-normal sigma).
    pub walk_variation_frac: f64,
    /// Chance a walking group stops for a rest day.
    pub rest_start_per_day: f64,
    /// Mean length of a rest (geometric), days.
    pub rest_days_mean: f64,
    /// Chance a walking group starts riding (buses, trucks, lifts), per zone:
    /// Central America, Chiapas/Oaxaca, the rest of Mexico.
    pub ride_start_per_day: [f64; 3],
    /// Mean length of a spell of rides (geometric), days.
    pub ride_days_mean: f64,
    /// Mean distance covered on a riding day.
    pub ride_km_per_day: f64,
    /// Day-to-day spread of the riding distance (log-normal sigma).
    pub ride_variation_frac: f64,
    /// Chance a group is held when it reaches a border crossing.
    pub border_hold_chance: f64,
    /// Mean length of a hold at a border (geometric), days.
    pub border_hold_days_mean: f64,
    /// Chance a group stops in a big city's shelters when it reaches one.
    pub city_stay_chance: f64,
    /// Mean length of a city stay (geometric), days.
    pub city_stay_days_mean: f64,
    /// Daily chance police break the group up south of the Isthmus, caravans before mid-2019.
    pub dispersal_per_day_before_2019: f64,
    /// The same for caravans from mid-2019 on (the National Guard era).
    pub dispersal_per_day_since_2019: f64,
    /// How much one caravan's walking pace differs from the typical one (log-normal sigma of
    /// a factor drawn once per caravan): some caravans kept 40 km a day, others 20.
    pub caravan_walk_spread_frac: f64,
    /// How much one caravan's propensity to ride differs from the typical one (log-normal
    /// sigma of a factor on every ride chance, drawn once per caravan): in 2018 whole caravans
    /// rode trucks north, later ones mostly walked.
    pub caravan_ride_spread_frac: f64,
}

/// How a parameter is searched: on a log or a linear scale between bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Log,
    Linear,
}

/// A parameter's name, unit, bounds, scale and the centre of its weak prior.
#[derive(Debug, Clone, Copy)]
pub struct ParamSpec {
    /// Field name in [`BehaviourParams`] and in model files (`walk_km_per_day`).
    pub name: &'static str,
    /// Unit for people (`km/day`, `days`, `fraction`, `probability/day`).
    pub unit: &'static str,
    /// Smallest allowed value.
    pub lower: f64,
    /// Largest allowed value.
    pub upper: f64,
    /// How the fit searches between the bounds.
    pub scale: Scale,
    /// Prior centre: what the 2018 reporting suggests before any fit.
    pub prior_centre: f64,
}

/// Sd of the weak prior in the unconstrained (logit) coordinate: wide enough that the
/// record, not the prior, decides every well-observed parameter.
pub const PRIOR_SD: f64 = 1.5;

macro_rules! spec {
    ($name:literal, $unit:literal, $lo:expr, $hi:expr, $scale:ident, $centre:expr) => {
        ParamSpec {
            name: $name,
            unit: $unit,
            lower: $lo,
            upper: $hi,
            scale: Scale::$scale,
            prior_centre: $centre,
        }
    };
}

/// How many parameters the model has.
pub const N_PARAMS: usize = 18;

/// The parameters in the order of [`BehaviourParams::to_values`].
pub const PARAMS: [ParamSpec; N_PARAMS] = [
    spec!("walk_km_per_day", "km/day", 10.0, 90.0, Log, 40.0),
    spec!("walk_variation_frac", "fraction", 0.02, 1.2, Log, 0.3),
    spec!(
        "rest_start_per_day",
        "probability/day",
        0.002,
        0.6,
        Log,
        0.1
    ),
    spec!("rest_days_mean", "days", 1.0, 10.0, Log, 1.5),
    spec!(
        "ride_start_per_day_central_america",
        "probability/day",
        0.002,
        0.8,
        Log,
        0.1
    ),
    spec!(
        "ride_start_per_day_chiapas_oaxaca",
        "probability/day",
        0.002,
        0.8,
        Log,
        0.1
    ),
    spec!(
        "ride_start_per_day_rest_of_mexico",
        "probability/day",
        0.002,
        0.8,
        Log,
        0.1
    ),
    spec!("ride_days_mean", "days", 1.0, 15.0, Log, 2.0),
    spec!("ride_km_per_day", "km/day", 50.0, 700.0, Log, 200.0),
    spec!("ride_variation_frac", "fraction", 0.05, 1.2, Log, 0.4),
    spec!("border_hold_chance", "probability", 0.01, 0.99, Linear, 0.5),
    spec!("border_hold_days_mean", "days", 1.0, 20.0, Log, 2.0),
    spec!("city_stay_chance", "probability", 0.01, 0.99, Linear, 0.5),
    spec!("city_stay_days_mean", "days", 1.0, 20.0, Log, 4.0),
    spec!(
        "dispersal_per_day_before_2019",
        "probability/day",
        0.0001,
        0.5,
        Log,
        0.002
    ),
    spec!(
        "dispersal_per_day_since_2019",
        "probability/day",
        0.0001,
        0.5,
        Log,
        0.02
    ),
    spec!("caravan_walk_spread_frac", "fraction", 0.01, 1.0, Log, 0.25),
    spec!("caravan_ride_spread_frac", "fraction", 0.01, 2.5, Log, 0.7),
];

/// A parameter value outside its bounds, or a wrong count of values.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParamsError {
    /// A value outside `lower..=upper`.
    #[error("`{name}` = {value} is outside its range {lower}..={upper} {unit}")]
    OutOfRange {
        /// The parameter's name.
        name: &'static str,
        /// The value given.
        value: f64,
        /// Smallest allowed value.
        lower: f64,
        /// Largest allowed value.
        upper: f64,
        /// The parameter's unit.
        unit: &'static str,
    },
    #[error("expected {expected} parameter values, got {got}")]
    /// A list of values of the wrong length.
    Count {
        /// [`N_PARAMS`].
        expected: usize,
        /// The number of values given.
        got: usize,
    },
    /// A parameter absent from a model file (its name).
    #[error("parameter `{0}` is missing")]
    Missing(&'static str),
}

impl ParamSpec {
    fn warp(&self, v: f64) -> f64 {
        match self.scale {
            Scale::Log => v.ln(),
            Scale::Linear => v,
        }
    }

    fn unwarp(&self, w: f64) -> f64 {
        match self.scale {
            Scale::Log => w.exp(),
            Scale::Linear => w,
        }
    }

    /// The unconstrained coordinate of a value (logit of its place between the bounds).
    pub fn to_free(&self, v: f64) -> f64 {
        let (lo, hi) = (self.warp(self.lower), self.warp(self.upper));
        let t = ((self.warp(v) - lo) / (hi - lo)).clamp(1e-9, 1.0 - 1e-9);
        (t / (1.0 - t)).ln()
    }

    /// The value of an unconstrained coordinate; always inside the bounds.
    pub fn from_free(&self, x: f64) -> f64 {
        let (lo, hi) = (self.warp(self.lower), self.warp(self.upper));
        let t = 1.0 / (1.0 + (-x).exp());
        self.unwarp(lo + t * (hi - lo))
            .clamp(self.lower, self.upper)
    }
}

impl BehaviourParams {
    /// The values in the order of [`PARAMS`].
    pub fn to_values(&self) -> [f64; N_PARAMS] {
        let r = self.ride_start_per_day;
        [
            self.walk_km_per_day,
            self.walk_variation_frac,
            self.rest_start_per_day,
            self.rest_days_mean,
            r[0],
            r[1],
            r[2],
            self.ride_days_mean,
            self.ride_km_per_day,
            self.ride_variation_frac,
            self.border_hold_chance,
            self.border_hold_days_mean,
            self.city_stay_chance,
            self.city_stay_days_mean,
            self.dispersal_per_day_before_2019,
            self.dispersal_per_day_since_2019,
            self.caravan_walk_spread_frac,
            self.caravan_ride_spread_frac,
        ]
    }

    /// Parameters from values in the order of [`PARAMS`], each checked against its range.
    pub fn from_values(v: &[f64]) -> Result<Self, ParamsError> {
        if v.len() != PARAMS.len() {
            return Err(ParamsError::Count {
                expected: PARAMS.len(),
                got: v.len(),
            });
        }
        for (spec, &value) in PARAMS.iter().zip(v) {
            if !(spec.lower..=spec.upper).contains(&value) {
                return Err(ParamsError::OutOfRange {
                    name: spec.name,
                    value,
                    lower: spec.lower,
                    upper: spec.upper,
                    unit: spec.unit,
                });
            }
        }
        Ok(BehaviourParams {
            walk_km_per_day: v[0],
            walk_variation_frac: v[1],
            rest_start_per_day: v[2],
            rest_days_mean: v[3],
            ride_start_per_day: [v[4], v[5], v[6]],
            ride_days_mean: v[7],
            ride_km_per_day: v[8],
            ride_variation_frac: v[9],
            border_hold_chance: v[10],
            border_hold_days_mean: v[11],
            city_stay_chance: v[12],
            city_stay_days_mean: v[13],
            dispersal_per_day_before_2019: v[14],
            dispersal_per_day_since_2019: v[15],
            caravan_walk_spread_frac: v[16],
            caravan_ride_spread_frac: v[17],
        })
    }

    /// The prior centres: what the model assumes before it has seen the record.
    pub fn prior() -> Self {
        let v: Vec<f64> = PARAMS.iter().map(|p| p.prior_centre).collect();
        Self::from_values(&v).expect("prior centres lie inside their bounds")
    }

    /// Unconstrained coordinates of these parameters.
    pub fn to_free(&self) -> Vec<f64> {
        PARAMS
            .iter()
            .zip(self.to_values())
            .map(|(s, v)| s.to_free(v))
            .collect()
    }

    /// Parameters from unconstrained coordinates (always valid).
    pub fn from_free(x: &[f64]) -> Self {
        let v: Vec<f64> = PARAMS.iter().zip(x).map(|(s, &x)| s.from_free(x)).collect();
        Self::from_values(&v).expect("from_free stays inside the bounds")
    }

    /// Log density of the weak prior (independent normals in unconstrained coordinates).
    pub fn log_prior(&self) -> f64 {
        PARAMS
            .iter()
            .zip(self.to_values())
            .map(|(s, v)| {
                let d = (s.to_free(v) - s.to_free(s.prior_centre)) / PRIOR_SD;
                -0.5 * d * d
            })
            .sum()
    }
}

impl fmt::Display for BehaviourParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (s, v) in PARAMS.iter().zip(self.to_values()) {
            writeln!(f, "{:<38} {:>9.4} {}", s.name, v, s.unit)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_coordinates_round_trip_inside_bounds() {
        let p = BehaviourParams::prior();
        let back = BehaviourParams::from_free(&p.to_free());
        for (a, b) in p.to_values().iter().zip(back.to_values()) {
            assert!((a - b).abs() < 1e-9 * a.abs().max(1.0), "{a} vs {b}");
        }
        let extreme = BehaviourParams::from_free(&[50.0; N_PARAMS]);
        for (s, v) in PARAMS.iter().zip(extreme.to_values()) {
            assert!(v <= s.upper && v >= s.lower);
        }
    }

    #[test]
    fn out_of_range_value_is_refused_by_name() {
        let mut v = BehaviourParams::prior().to_values();
        v[0] = 500.0;
        let e = BehaviourParams::from_values(&v).unwrap_err();
        assert!(e.to_string().contains("walk_km_per_day"), "{e}");
    }
}
