//! `route-sim backtest`: forecasts as of every report date, scored against later reports.

use super::{Failure, args::BacktestArgs};
use rayon::prelude::*;
use route_sim::backtest::{self, BacktestSettings};
use route_sim::gazetteer::Gazetteer;
use route_sim::model::fit::{FitSettings, fit};
use route_sim::model::{ObservedCaravan, bundled_record};
use route_sim::outputs;
use route_sim::scenario::ProblemKind;

pub fn backtest(args: &BacktestArgs) -> Result<(), Failure> {
    if args.particles == 0 {
        return Err(Failure::usage(
            "--particles",
            ProblemKind::OutOfRange,
            "must be at least 1",
        ));
    }
    // Locked before any work, so a second run into the same folder stops at once (exit 2).
    let folder = outputs::OutputFolder::lock(&args.out)?;
    let gazetteer = Gazetteer::bundled();
    let record = bundled_record(&gazetteer)?;
    for id in &args.caravan {
        if !record.iter().any(|(s, _)| s.id() == id) {
            return Err(Failure::usage(
                "--caravan",
                ProblemKind::UnknownName,
                format!("unknown caravan `{id}`"),
            ));
        }
    }
    let model = super::fit::load_model(args.model.as_deref())?;
    let observed: Vec<ObservedCaravan> = record
        .iter()
        .map(|(s, r)| ObservedCaravan::from_scenario(s, r, None))
        .collect();
    let settings = BacktestSettings {
        particles: args.particles,
        rng_seed: args.rng_seed,
    };
    let chosen: Vec<usize> = (0..record.len())
        .filter(|&i| args.caravan.is_empty() || args.caravan.iter().any(|c| c == record[i].0.id()))
        .collect();
    let pairs: Vec<_> = chosen
        .par_iter()
        .map(|&i| {
            let (s, route) = &record[i];
            let params = if args.refit {
                let rest: Vec<&ObservedCaravan> = observed
                    .iter()
                    .filter(|c| c.id != s.id() && !c.positions.is_empty())
                    .collect();
                fit(&rest, FitSettings::default()).params
            } else {
                model
                    .leave_one_out
                    .get(s.id())
                    .cloned()
                    .unwrap_or_else(|| model.all.clone())
            };
            backtest::backtest_caravan(s, route, &params, settings)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let summary = backtest::summarise(&pairs);
    let png = outputs::backtest_png(&summary).map_err(|source| {
        Failure::Output(outputs::OutputError::Render {
            file: "backtest.png",
            source,
        })
    })?;
    let files: Vec<(String, Vec<u8>)> = vec![
        ("backtest.csv".into(), outputs::backtest_csv(&pairs)),
        (
            "backtest-summary.csv".into(),
            outputs::backtest_summary_csv(&summary),
        ),
        ("backtest.png".into(), png),
    ];
    let named: Vec<(String, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.clone(), b.as_slice()))
        .collect();
    // Every caravan file of the record and the model file the forecasts were made with.
    let mut inputs: Vec<(String, Vec<u8>)> = record
        .iter()
        .filter(|(s, _)| chosen.iter().any(|&i| record[i].0.id() == s.id()))
        .map(|(s, _)| (s.source_name().to_string(), s.text().as_bytes().to_vec()))
        .collect();
    inputs.push((
        "data/model/behaviour.toml (bundled)".into(),
        route_sim::model::store::BUNDLED_MODEL.as_bytes().to_vec(),
    ));
    let info = outputs::RunInfo::from_env(Some(args.rng_seed), inputs);
    folder.commit(&named, &info)?;
    println!(
        "Backtest: {} forecast–report pairs over {} caravans\n",
        pairs.len(),
        chosen.len()
    );
    println!(
        "{:<7} {:>3} {:>5} {:>10} {:>9} {:>9} {:>8}",
        "method", "h", "n", "median km", "mean km", "P10–P90", "CRPS km"
    );
    for r in summary
        .iter()
        .filter(|r| r.horizon_days.is_none_or(|h| [1, 3, 7, 14].contains(&h)))
    {
        println!(
            "{:<7} {:>3} {:>5} {:>10.1} {:>9.1} {:>9} {:>8.1}",
            r.method.name(),
            r.horizon_days
                .map_or_else(|| "all".into(), |h| h.to_string()),
            r.n,
            r.median_abs_km,
            r.mean_abs_km,
            r.coverage_p10_p90
                .map_or_else(|| "—".into(), |c| format!("{:.0}%", c * 100.0)),
            r.crps_km
        );
    }
    println!(
        "\nWrote backtest.csv, backtest-summary.csv, backtest.png and run.json to {}/",
        args.out.display()
    );
    Ok(())
}
