//! Fitting the behaviour model to the record: simulated maximum likelihood.
//!
//! For given parameters a bootstrap particle filter runs each caravan from its departure,
//! weighting the particles by every reported position ([`PositionObs::likelihood`]) and
//! resampling; the mean weights multiply into the likelihood of the caravan's reports. The
//! random numbers are fixed (common random numbers), so the likelihood surface is
//! deterministic. The fit maximises the summed log likelihood of all caravans plus a weak prior
//! ([`BehaviourParams::log_prior`]) by compass search in unconstrained coordinates: each
//! parameter in turn tries steps either side, the best is kept, and the step shrinks each
//! sweep. Gradients are not used because resampling makes the surface piecewise constant at
//! fine scale. How well each parameter is determined comes from the leave-one-caravan-out fits
//! (a jackknife over caravans).

use super::{BehaviourParams, ObservedCaravan, PARAMS, Particle, PositionObs};
use crate::simulate::derive_seed;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Settings of a fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitSettings {
    /// Particles per caravan in the likelihood. With 400 the log likelihood of the record
    /// varied by about ±5 between seeds (more than most parameter steps change it, so the
    /// search chased noise); with 2,000 by about ±1.
    pub particles: usize,
    /// Seed of the common random numbers.
    pub seed: u64,
    /// Compass-search sweeps over all parameters.
    pub sweeps: usize,
}

impl Default for FitSettings {
    fn default() -> Self {
        FitSettings {
            particles: 2_000,
            seed: 1,
            sweeps: 5,
        }
    }
}

/// Systematic resampling: indices of the particles kept, in order, from one uniform.
pub fn systematic_resample(weights: &[f64], u: f64, out: &mut Vec<usize>) {
    out.clear();
    let n = weights.len();
    let total: f64 = weights.iter().sum();
    if total.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        out.extend(0..n);
        return;
    }
    let step = total / n as f64;
    let mut target = u * step;
    let mut acc = 0.0;
    let mut i = 0;
    for w in weights.iter().enumerate() {
        acc += w.1;
        while target < acc && out.len() < n {
            out.push(w.0);
            target += step;
        }
        i = w.0;
    }
    while out.len() < n {
        out.push(i);
    }
}

/// Particles of a caravan filtered through its reports up to and including day `until_day`.
///
/// Returns the particles at the end of `until_day` (equally weighted) and the log likelihood
/// of the reports taken in. The filter runs from departure; the generator is seeded once.
pub fn filter(
    params: &BehaviourParams,
    caravan: &ObservedCaravan,
    particles: usize,
    rng: &mut ChaCha8Rng,
    until_day: i64,
) -> (Vec<Particle>, f64) {
    let mut ps: Vec<Particle> = (0..particles.max(1))
        .map(|_| params.start_particle(rng))
        .collect();
    let mut spans = vec![
        super::DaySpan {
            start_km: 0.0,
            end_km: 0.0
        };
        ps.len()
    ];
    let mut weights = vec![0.0; ps.len()];
    let mut keep = Vec::with_capacity(ps.len());
    let mut log_lik = 0.0;
    let mut next_obs = 0;
    let obs: &[PositionObs] = &caravan.positions;
    while next_obs < obs.len() && obs[next_obs].day < 0 {
        next_obs += 1;
    }
    for day in 0..=until_day {
        for (p, span) in ps.iter_mut().zip(spans.iter_mut()) {
            *span = params.step(&caravan.corridor, p, rng);
        }
        let first = next_obs;
        while next_obs < obs.len() && obs[next_obs].day == day {
            next_obs += 1;
        }
        if first == next_obs {
            continue;
        }
        for ((w, span), p) in weights.iter_mut().zip(&spans).zip(&ps) {
            *w = obs[first..next_obs]
                .iter()
                .map(|o| o.likelihood(*span, p.regime))
                .product();
        }
        let mean = weights.iter().sum::<f64>() / weights.len() as f64;
        log_lik += mean.max(1e-300).ln();
        systematic_resample(&weights, rng.random(), &mut keep);
        let old = ps.clone();
        for (slot, &k) in ps.iter_mut().zip(&keep) {
            *slot = old[k];
        }
    }
    (ps, log_lik)
}

/// Log likelihood of one caravan's reports under `params` (a particle-filter estimate).
pub fn caravan_log_likelihood(
    params: &BehaviourParams,
    caravan: &ObservedCaravan,
    settings: FitSettings,
    caravan_index: u64,
) -> f64 {
    let Some(last) = caravan.positions.last() else {
        return 0.0;
    };
    let mut rng = ChaCha8Rng::seed_from_u64(derive_seed(settings.seed, caravan_index));
    filter(params, caravan, settings.particles, &mut rng, last.day).1
}

/// Log posterior (up to a constant) of `params` given the caravans.
pub fn log_posterior(
    params: &BehaviourParams,
    caravans: &[&ObservedCaravan],
    settings: FitSettings,
) -> f64 {
    let ll: f64 = caravans
        .par_iter()
        .map(|c| caravan_log_likelihood(params, c, settings, id_index(&c.id)))
        .sum();
    ll + params.log_prior()
}

/// A stable number for a caravan id, so its random numbers do not depend on which other
/// caravans are in the fit.
fn id_index(id: &str) -> u64 {
    let digest = Sha256::digest(id.as_bytes());
    u64::from_le_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// The result of a fit.
#[derive(Debug, Clone)]
pub struct Fitted {
    /// The fitted parameters.
    pub params: BehaviourParams,
    /// Log posterior at those parameters (up to a constant).
    pub log_posterior: f64,
    /// How many times the log posterior was computed.
    pub evaluations: usize,
}

/// Fit the parameters to the caravans by compass search from the prior centre.
pub fn fit(caravans: &[&ObservedCaravan], settings: FitSettings) -> Fitted {
    let mut x = BehaviourParams::prior().to_free();
    let mut best = log_posterior(&BehaviourParams::from_free(&x), caravans, settings);
    let mut evaluations = 1;
    let mut step = 1.0;
    for _ in 0..settings.sweeps {
        for i in 0..x.len() {
            let mut best_xi = x[i];
            for mult in [-2.0, -1.0, -0.5, 0.5, 1.0, 2.0] {
                let mut trial = x.clone();
                trial[i] = x[i] + mult * step;
                let v = log_posterior(&BehaviourParams::from_free(&trial), caravans, settings);
                evaluations += 1;
                if v > best {
                    best = v;
                    best_xi = trial[i];
                }
            }
            x[i] = best_xi;
        }
        step *= 0.6;
    }
    Fitted {
        params: BehaviourParams::from_free(&x),
        log_posterior: best,
        evaluations,
    }
}

/// The fit on every caravan, the fits leaving each caravan out, and the spread among those.
#[derive(Debug, Clone)]
pub struct ModelFit {
    /// Settings every fit used.
    pub settings: FitSettings,
    /// Checksum of the caravans fit on (see [`record_checksum`]).
    pub record_checksum: String,
    /// Each caravan fit on (with at least one report): its id and number of reports.
    pub caravans: Vec<(String, usize)>,
    /// The fit on every caravan.
    pub all: Fitted,
    /// Caravan id → fit without that caravan.
    pub leave_one_out: BTreeMap<String, Fitted>,
}

impl ModelFit {
    /// Jackknife standard error of each parameter over the leave-one-caravan-out fits.
    pub fn jackknife_se(&self) -> Vec<f64> {
        let n = self.leave_one_out.len() as f64;
        (0..PARAMS.len())
            .map(|i| {
                if n < 2.0 {
                    return f64::NAN;
                }
                let vals: Vec<f64> = self
                    .leave_one_out
                    .values()
                    .map(|f| f.params.to_values()[i])
                    .collect();
                let mean = vals.iter().sum::<f64>() / n;
                ((n - 1.0) / n * vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>()).sqrt()
            })
            .collect()
    }
}

/// Checksum of exactly what a fit reads: every caravan's corridor and reports.
pub fn record_checksum(caravans: &[ObservedCaravan]) -> String {
    let mut sorted: Vec<&ObservedCaravan> = caravans.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut text = String::new();
    for c in sorted {
        let _ = write!(text, "{}|{}|{:.1}|", c.id, c.depart, c.corridor.length_km());
        for o in &c.positions {
            let _ = write!(text, "{}:{:?}:{:.1};", o.day, o.kind, o.km);
        }
        text.push('\n');
    }
    let digest = Sha256::digest(text.as_bytes());
    let hex = digest.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    });
    format!("sha256:{hex}")
}

/// Fit on all caravans and leaving each out in turn (caravans with no report are skipped).
pub fn fit_record(caravans: &[ObservedCaravan], settings: FitSettings) -> ModelFit {
    let used: Vec<&ObservedCaravan> = caravans
        .iter()
        .filter(|c| !c.positions.is_empty())
        .collect();
    let all = fit(&used, settings);
    let leave_one_out = used
        .iter()
        .map(|left_out| {
            let rest: Vec<&ObservedCaravan> = used
                .iter()
                .copied()
                .filter(|c| c.id != left_out.id)
                .collect();
            (left_out.id.clone(), fit(&rest, settings))
        })
        .collect();
    ModelFit {
        settings,
        record_checksum: record_checksum(caravans),
        caravans: used
            .iter()
            .map(|c| (c.id.clone(), c.positions.len()))
            .collect(),
        all,
        leave_one_out,
    }
}
