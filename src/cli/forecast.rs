//! `route-sim forecast`: where the main body will be, from the reports up to a date.

use super::{Failure, args::ForecastArgs};
use chrono::NaiveDate;
use route_sim::forecast::{self, ForecastSettings};
use route_sim::gazetteer::Gazetteer;
use route_sim::outputs;
use route_sim::route::Route;
use route_sim::scenario::{self, ProblemKind};
use std::path::PathBuf;

pub fn forecast(args: &ForecastArgs) -> Result<(), Failure> {
    let as_of = NaiveDate::parse_from_str(&args.as_of, "%Y-%m-%d").map_err(|_| {
        Failure::usage(
            "--as-of",
            ProblemKind::BadDate,
            format!(
                "`{}` is not a date; write YYYY-MM-DD, e.g. 2018-10-25",
                args.as_of
            ),
        )
    })?;
    let gazetteer = Gazetteer::bundled();
    let scenario = match (&args.caravan, &args.scenario) {
        (Some(id), _) => scenario::load_bundled(id, &gazetteer).ok_or_else(|| {
            Failure::usage(
                "--caravan",
                ProblemKind::UnknownName,
                format!(
                    "unknown caravan `{id}`; bundled caravans are: {}",
                    scenario::bundled_ids().join(", ")
                ),
            )
        })??,
        (None, Some(path)) => scenario::read_scenario_file(path, &gazetteer)?,
        (None, None) => {
            return Err(Failure::usage(
                "",
                ProblemKind::MissingField,
                "give --caravan ID or --scenario FILE",
            ));
        }
    };
    let route = Route::of_scenario(&scenario).map_err(|e| e.in_scenario(&scenario))?;
    let out_dir = args.out.clone().unwrap_or_else(|| {
        PathBuf::from("out").join(format!("{}-forecast-{as_of}", scenario.id()))
    });
    // Locked before any work, so a second run into the same folder stops at once (exit 2).
    let folder = outputs::OutputFolder::lock(&out_dir)?;
    let model = super::fit::load_model(args.model.as_deref())?;
    let settings = ForecastSettings {
        as_of,
        days: args.days,
        particles: args.particles,
        rng_seed: args.rng_seed,
    };
    let f = forecast::forecast(&scenario, &route, &model, settings).map_err(|source| {
        Failure::Forecast {
            source_name: scenario.source_name().to_string(),
            source,
        }
    })?;
    let png = outputs::forecast_png(&f, &route).map_err(|source| {
        Failure::Output(outputs::OutputError::Render {
            file: "forecast.png",
            source,
        })
    })?;
    let files: Vec<(String, Vec<u8>)> = vec![
        ("forecast.csv".into(), outputs::forecast_csv(&f, &route)),
        ("arrivals.csv".into(), outputs::arrivals_csv(&f)),
        (
            "forecast.geojson".into(),
            outputs::forecast_geojson(&f, &route),
        ),
        (
            "forecast-p50.geojson".into(),
            outputs::forecast_p50_geojson(&f, &route),
        ),
        ("forecast.png".into(), png),
        (
            "map.html".into(),
            outputs::forecast_map_html(&scenario, &route, &gazetteer, &f),
        ),
    ];
    let named: Vec<(String, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.clone(), b.as_slice()))
        .collect();
    let mut inputs = super::run_inputs(&scenario);
    inputs.push((
        "data/model/behaviour.toml (bundled)".into(),
        route_sim::model::store::BUNDLED_MODEL.as_bytes().to_vec(),
    ));
    let info = outputs::RunInfo::from_env(Some(args.rng_seed), inputs);
    let written = folder.commit(&named, &info)?;
    if !args.quiet {
        print_summary(&f);
        println!("\nWrote {} files to {}/", written.len(), out_dir.display());
    }
    Ok(())
}

fn print_summary(f: &forecast::Forecast) {
    println!(
        "{} — forecast of the main body ({}) as of {}, {} days ahead, {} particles",
        f.caravan, f.group, f.as_of, f.settings.days, f.settings.particles
    );
    println!("Parameters: {}.", f.params_note);
    for n in &f.notes {
        println!("Note: {n}.");
    }
    println!("Reports taken in: {}", f.assimilated.len());
    if let Some(last) = f.assimilated.last() {
        println!("  latest: {} at {} (km {:.0})", last.0, last.1, last.2);
    }
    println!(
        "\n{:<11} {:>3}  {:>7} {:>7} {:>7}  dispersed",
        "date", "h", "km P10", "P50", "P90"
    );
    for d in &f.days {
        println!(
            "{:<11} {:>3}  {:>7.0} {:>7.0} {:>7.0}  {:>5.0}%",
            d.date.to_string(),
            d.horizon_days,
            d.km_p10,
            d.km_p50,
            d.km_p90,
            d.dispersed_share * 100.0
        );
    }
    println!(
        "\nTowns ahead (chance of reaching within {} days; arrival P10–P90, median):",
        f.settings.days
    );
    for a in f.arrivals.iter().filter(|a| a.probability >= 0.01).take(25) {
        let dates = match (a.p10, a.p50, a.p90) {
            (Some(lo), Some(mid), Some(hi)) => format!(
                "{}–{}, median {}",
                lo.format("%-d %b"),
                hi.format("%-d %b"),
                mid.format("%-d %b")
            ),
            (Some(lo), Some(mid), None) => {
                format!(
                    "from {}, median {}",
                    lo.format("%-d %b"),
                    mid.format("%-d %b")
                )
            }
            (Some(lo), None, None) => format!("from {}", lo.format("%-d %b")),
            _ => String::new(),
        };
        println!(
            "  {:<28} {:>4.0}%  {}",
            a.town,
            a.probability * 100.0,
            dates
        );
    }
}
