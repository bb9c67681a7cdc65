//! `route-sim fit`: fit the behaviour model to the record and write its parameter file.

use super::{Bundled, Failure, args::FitArgs};
use route_sim::gazetteer::Gazetteer;
use route_sim::model::fit::{FitSettings, fit_record};
use route_sim::model::store::StoredModel;
use route_sim::model::{ObservedCaravan, PARAMS, bundled_record, store};
use route_sim::outputs;
use route_sim::scenario::ProblemKind;
use std::path::Path;

pub fn fit(args: &FitArgs) -> Result<(), Failure> {
    if args.particles == 0 {
        return Err(Failure::usage(
            "--particles",
            ProblemKind::OutOfRange,
            "must be at least 1",
        ));
    }
    let gazetteer = Gazetteer::bundled();
    let record = bundled_record(&gazetteer)?;
    let observed: Vec<ObservedCaravan> = record
        .iter()
        .map(|(s, r)| ObservedCaravan::from_scenario(s, r, None))
        .collect();
    let settings = FitSettings {
        particles: args.particles,
        seed: args.rng_seed,
        ..FitSettings::default()
    };
    let fit = fit_record(&observed, settings);
    let se = fit.jackknife_se();
    println!(
        "Fit on {} caravans ({} position reports); log posterior {:.2}\n",
        fit.caravans.len(),
        fit.caravans.iter().map(|c| c.1).sum::<usize>(),
        fit.all.log_posterior
    );
    for ((spec, v), se) in PARAMS.iter().zip(fit.all.params.to_values()).zip(&se) {
        println!("{:<38} {:>10.4}  ± {:<9.4} {}", spec.name, v, se, spec.unit);
    }
    outputs::write_file(&args.out, store::render(&fit).as_bytes())?;
    println!("\nWrote {}", args.out.display());
    Ok(())
}

/// The model `--model FILE` names (exit 2 when it cannot be read), or the bundled one.
pub fn load_model(path: Option<&Path>) -> Result<StoredModel, Failure> {
    let Some(path) = path else {
        return StoredModel::bundled().map_err(|e| Failure::Bundled(Bundled::Model(e)));
    };
    let text = std::fs::read_to_string(path).map_err(|source| Failure::ModelUnreadable {
        path: path.to_path_buf(),
        source,
    })?;
    StoredModel::parse(&text).map_err(|source| Failure::ModelInvalid {
        path: path.to_path_buf(),
        source,
    })
}
