//! The fitted model as a data file (`data/model/behaviour.toml`): every parameter with its
//! unit and jackknife standard error, the fit on all caravans, and one fit per left-out caravan.

use super::fit::ModelFit;
use super::{BehaviourParams, PARAMS};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The model file shipped with the tool, written by `route-sim fit`.
pub const BUNDLED_MODEL: &str = include_str!("../../data/model/behaviour.toml");

/// A fitted model read back from its file.
#[derive(Debug, Clone)]
pub struct StoredModel {
    /// Checksum of the record the model was fit on (see [`super::fit::record_checksum`]).
    pub record_checksum: String,
    /// Fit on every caravan: for caravans not in the record (a user's own).
    pub all: BehaviourParams,
    /// Caravan id → the fit without that caravan.
    pub leave_one_out: BTreeMap<String, BehaviourParams>,
}

/// Why a model file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is not valid TOML.
    #[error("model file: {0}")]
    Toml(#[from] toml::de::Error),
    /// A table of parameters is incomplete or has a value out of range.
    #[error("model file, table `{table}`: {source}")]
    Params {
        /// The table's name (`all` or `leave_one_out.<id>`).
        table: String,
        /// What is wrong with its parameters.
        source: super::ParamsError,
    },
    /// A required key or table is absent (its name).
    #[error("model file: missing `{0}`")]
    Missing(&'static str),
}

impl StoredModel {
    /// The model bundled with the tool.
    pub fn bundled() -> Result<Self, StoreError> {
        Self::parse(BUNDLED_MODEL)
    }

    /// Parameters to forecast caravan `id` with: its leave-one-out fit when the caravan is in
    /// the record (so a forecast never learns from the caravan it forecasts), else the full fit.
    pub fn params_for(&self, id: &str) -> (&BehaviourParams, bool) {
        self.leave_one_out
            .get(id)
            .map_or((&self.all, false), |p| (p, true))
    }

    /// Read a model file.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        let doc: toml::Table = toml::from_str(text)?;
        let checksum = doc
            .get("record_checksum")
            .and_then(|v| v.as_str())
            .ok_or(StoreError::Missing("record_checksum"))?
            .to_string();
        let all = params_of(
            doc.get("all")
                .and_then(|v| v.as_table())
                .ok_or(StoreError::Missing("[all]"))?,
            "all",
        )?;
        let mut leave_one_out = BTreeMap::new();
        if let Some(loo) = doc.get("leave_one_out").and_then(|v| v.as_table()) {
            for (id, t) in loo {
                let t = t
                    .as_table()
                    .ok_or(StoreError::Missing("[leave_one_out.<id>]"))?;
                leave_one_out.insert(id.clone(), params_of(t, &format!("leave_one_out.{id}"))?);
            }
        }
        Ok(StoredModel {
            record_checksum: checksum,
            all,
            leave_one_out,
        })
    }
}

fn params_of(t: &toml::Table, table: &str) -> Result<BehaviourParams, StoreError> {
    let mut values = Vec::with_capacity(PARAMS.len());
    for spec in &PARAMS {
        let v = t
            .get(spec.name)
            .and_then(|v| v.as_float().or(v.as_integer().map(|i| i as f64)));
        values.push(v.ok_or_else(|| StoreError::Params {
            table: table.to_string(),
            source: super::ParamsError::Missing(spec.name),
        })?);
    }
    BehaviourParams::from_values(&values).map_err(|source| StoreError::Params {
        table: table.to_string(),
        source,
    })
}

/// The model file for a fit: a commented TOML document, stable to the byte.
pub fn render(fit: &ModelFit) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# The behaviour model fitted to the record. Written by `route-sim fit`; do not edit.\n\
         # Method: simulated maximum likelihood (particle filter, {} particles per caravan,\n\
         # common random numbers seeded {}), weak priors, compass search ({} sweeps).\n\
         # `se` is the jackknife standard error over the leave-one-caravan-out fits: how well\n\
         # the record determines each parameter (large where few caravans inform it).",
        fit.settings.particles, fit.settings.seed, fit.settings.sweeps
    );
    let _ = writeln!(s, "record_checksum = \"{}\"", fit.record_checksum);
    let _ = writeln!(s, "caravans = [");
    for (id, n) in &fit.caravans {
        let _ = writeln!(s, "  {{ id = \"{id}\", position_reports = {n} }},");
    }
    let _ = writeln!(s, "]\nlog_posterior = {:.3}\n", fit.all.log_posterior);
    let se = fit.jackknife_se();
    let _ = writeln!(
        s,
        "# Fit on every caravan: value, then unit and jackknife se.\n[all]"
    );
    for ((spec, v), se) in PARAMS.iter().zip(fit.all.params.to_values()).zip(&se) {
        let _ = writeln!(
            s,
            "{} = {}  # {}, se {}",
            spec.name,
            fmt6(v),
            spec.unit,
            fmt6(*se)
        );
    }
    for (id, f) in &fit.leave_one_out {
        let _ = writeln!(s, "\n# Fit without `{id}`: what forecasts of {id} use.");
        let _ = writeln!(s, "[leave_one_out.{id}]");
        for (spec, v) in PARAMS.iter().zip(f.params.to_values()) {
            let _ = writeln!(s, "{} = {}", spec.name, fmt6(v));
        }
    }
    s
}

/// A float with 6 significant decimals that TOML reads back as a float.
fn fmt6(v: f64) -> String {
    if v.is_finite() {
        let t = format!("{v:.6}");
        if t.contains('.') { t } else { format!("{t}.0") }
    } else {
        "nan".into()
    }
}
