//! The main job: load a caravan, simulate it, check it against sightings, write outputs.

use super::{Failure, args::RunArgs};
use chrono::{Datelike, NaiveDate};
use indicatif::{ProgressBar, ProgressStyle};
use route_sim::calibrate::{self, Calibration};
use route_sim::ensemble::{self, EnsembleSummary};
use route_sim::gazetteer::{Borders, Gazetteer};
use route_sim::outputs::{self, Output, RunContext};
use route_sim::route::Route;
use route_sim::scenario::{self, ProblemKind, Scenario};
use route_sim::simulate::{self, Plan, Run};
use route_sim::validate::{self, Validation};
use std::io::IsTerminal;
use std::path::PathBuf;

pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let selected = selected_outputs(args)?;
    let gazetteer = Gazetteer::bundled();
    let scenario = load_scenario(args, &gazetteer)?;
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("out").join(scenario.id()));
    // Locked before any work, so a second run into the same folder stops at once (exit 2).
    let mut folder = outputs::OutputFolder::lock(&out_dir)?;
    let route = Route::of_scenario(&scenario).map_err(|e| e.in_scenario(&scenario))?;
    if !args.quiet {
        for w in scenario.warnings() {
            eprintln!("warning: {}", scenario::Located(scenario.source_name(), w));
        }
        for w in route.warnings() {
            let w = w.to_problem();
            eprintln!("warning: {}", scenario::Located(scenario.source_name(), &w));
        }
    }
    let mut plan = Plan::new(&scenario, &route)?;
    let mut extra_files: Vec<(String, Vec<u8>)> = Vec::new();
    let calibration = if args.calibrate {
        let c = calibrate::calibrate(&scenario, &route, &plan, args.rng_seed);
        calibrate::apply(&mut plan, &c.params, &c.fitted);
        let rides: Vec<(usize, f64)> = c
            .params
            .iter()
            .zip(&c.fitted)
            .filter_map(|(p, v)| p.event.map(|i| (i, *v)))
            .collect();
        let pace = c
            .params
            .iter()
            .zip(&c.fitted)
            .find(|(p, _)| p.event.is_none())
            .map_or(scenario.params().pace_km_per_day(), |(_, v)| *v);
        let fitted_text =
            scenario::with_fitted_speeds(scenario.text(), pace, &rides).map_err(|source| {
                Failure::WriteBack {
                    source_name: scenario.source_name().to_string(),
                    source,
                }
            })?;
        extra_files.push((
            format!("{}.calibrated.toml", scenario.id()),
            fitted_text.into_bytes(),
        ));
        extra_files.push((
            "calibration.csv".into(),
            outputs::calibration_csv(&scenario, &c),
        ));
        Some(c)
    } else {
        None
    };
    let run = simulate::simulate(&plan, args.rng_seed);
    let ensemble = match args.runs {
        Some(n) => {
            let runs = ensemble::Runs::new(n).map_err(runs_failure)?;
            let variation = if args.fixed_events {
                ensemble::Variation::NONE
            } else {
                let model = super::fit::load_model(None)?;
                ensemble::Variation::from_record(model.all.ride_variation_frac)
            };
            Some(run_ensemble(
                &plan,
                &route,
                args.rng_seed,
                runs,
                variation,
                args.quiet,
            ))
        }
        None => None,
    };
    let validation = validate::validate(&scenario, &route, &run);
    let ctx = RunContext {
        scenario: &scenario,
        route: &route,
        run: &run,
        gazetteer: &gazetteer,
        validation: Some(&validation),
        rng_seed: args.rng_seed,
        ensemble: ensemble.as_ref(),
    };
    // Each output streams into its temporary file as it is rendered; the set is put in
    // place only when all are written.
    outputs::stage(&ctx, &selected, &mut folder)?;
    for (name, bytes) in &extra_files {
        folder.stage(name, bytes)?;
    }
    let info = outputs::RunInfo::from_env(Some(args.rng_seed), super::run_inputs(&scenario));
    let written = folder.finish(&info)?;
    if !args.quiet {
        print_summary(&scenario, &route, &run, &gazetteer);
        print_validation(&validation);
        if let Some(e) = &ensemble {
            print_ensemble(e);
        }
    }
    if let Some(c) = &calibration {
        print_calibration(&scenario, c);
    }
    println!("\nWrote {} files to {}/:", written.len(), out_dir.display());
    for p in &written {
        println!("  {}", p.display());
    }
    Ok(())
}

/// The outputs named by --outputs (all by default); an unknown name is bad usage.
fn selected_outputs(args: &RunArgs) -> Result<Vec<Output>, Failure> {
    if let Some(n) = args.runs {
        ensemble::Runs::new(n).map_err(runs_failure)?;
    }
    let Some(names) = &args.outputs else {
        let mut all = Output::defaults();
        if args.animation {
            all.push(Output::Animation);
        }
        return Ok(all);
    };
    let mut selected = Vec::new();
    if args.animation {
        selected.push(Output::Animation);
    }
    for name in names.iter().filter(|n| !n.trim().is_empty()) {
        match Output::parse(name) {
            Some(o) => selected.push(o),
            None => {
                let valid: Vec<&str> = Output::ALL.iter().map(|o| o.name()).collect();
                return Err(Failure::usage(
                    "--outputs",
                    ProblemKind::UnknownName,
                    format!(
                        "unknown output `{}`; valid names are: {} (or their file names, e.g. map.png)",
                        name.trim(),
                        valid.join(", ")
                    ),
                ));
            }
        }
    }
    if selected.contains(&Output::Ensemble) && args.runs.is_none() {
        return Err(Failure::usage(
            "--outputs",
            ProblemKind::Inconsistent,
            "`ensemble`: ensemble.csv needs an ensemble; add --runs N (e.g. --runs 1000)",
        ));
    }
    if selected.is_empty() {
        return Err(Failure::usage(
            "--outputs",
            ProblemKind::MissingField,
            "no output named; give e.g. --outputs route,positions,map",
        ));
    }
    Ok(selected)
}

/// The caravan named by --caravan, --scenario or --route.
fn load_scenario(args: &RunArgs, gazetteer: &Gazetteer) -> Result<Scenario, Failure> {
    if let Some(id) = &args.caravan {
        return match scenario::load_bundled(id, gazetteer) {
            Some(loaded) => Ok(loaded?),
            None => Err(Failure::usage(
                "--caravan",
                ProblemKind::UnknownName,
                format!(
                    "unknown caravan `{id}`; bundled caravans are: {} (see `route-sim list`, or use --scenario FILE for your own)",
                    scenario::bundled_ids().join(", ")
                ),
            )),
        };
    }
    if let Some(path) = &args.scenario {
        return Ok(scenario::read_scenario_file(path, gazetteer)?);
    }
    if let (Some(route), Some(depart)) = (&args.route, &args.depart) {
        let towns: Vec<&str> = route
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        return scenario::scenario_of_parts(
            &towns,
            depart,
            args.headcount,
            args.pace_km_per_day,
            "the command line",
            gazetteer,
        )
        .map_err(|mut e| {
            // The library names the fields of a caravan file; here they are arguments.
            for p in &mut e.problems {
                p.field = flag_of(&p.field, &towns);
            }
            e.into()
        });
    }
    Err(Failure::usage(
        "",
        ProblemKind::MissingField,
        "nothing to simulate: give --caravan ID, --scenario FILE or --route \"A;B;C\" --depart YYYY-MM-DD (see --help)",
    ))
}

/// A refused `--runs`.
fn runs_failure(e: ensemble::RunsError) -> Failure {
    Failure::usage("--runs", ProblemKind::OutOfRange, e.to_string())
}

/// The argument a caravan-file field came from: `route[1]` → "--route, town 2 of 3 (`B`)".
fn flag_of(field: &str, towns: &[&str]) -> String {
    match field {
        "depart" => "--depart".into(),
        "headcount" => "--headcount".into(),
        "model.pace_km_per_day" => "--pace-km-per-day".into(),
        "route" => "--route".into(),
        f => match f
            .strip_prefix("route[")
            .and_then(|r| r.strip_suffix(']'))
            .and_then(|i| i.parse::<usize>().ok())
        {
            Some(i) => format!(
                "--route, town {} of {} (`{}`)",
                i + 1,
                towns.len(),
                towns.get(i).copied().unwrap_or("")
            ),
            None => f.to_string(),
        },
    }
}

fn print_summary(s: &Scenario, route: &Route, run: &Run, gazetteer: &Gazetteer) {
    println!(
        "{} — {}\n{:.0} road km from {} to {}; departs {} with {} people; {} group(s)\n",
        s.id(),
        s.name(),
        route.length_km(),
        route.origin().name,
        route.destination().name,
        s.depart(),
        s.total_headcount(),
        run.group_names.len()
    );
    println!(
        "{:<11} {:>4} {:<10} {:>7}  {:<28} {:<12} {:>8}",
        "date", "day", "group", "km", "near", "country", "people"
    );
    // About one line every few days: more often on short runs.
    let step = (run.days / 12).clamp(1, 4);
    for day in (0..run.days).filter(|d| d % step == 0 || *d + 1 == run.days) {
        let main = run.main_group_on(i64::from(day));
        if let Some(r) = run.day_records(day).find(|r| usize::from(r.group) == main) {
            let at = route.position_at_km(r.km);
            let (near, country) = outputs::near_and_country(at, gazetteer, Borders::bundled());
            println!(
                "{:<11} {:>4} {:<10} {:>7.0}  {:<28} {:<12} {:>8.0}  {}",
                run.date_of(day).to_string(),
                day,
                run.group_names[main],
                r.km,
                near,
                country,
                run.headcount_on(i64::from(day)),
                r.status.name()
            );
        }
    }
    println!();
    for (g, name) in run.group_names.iter().enumerate() {
        let last = run.group_records(g).last();
        match (run.arrival_day[g], last) {
            (Some(d), Some(r)) => println!(
                "group {name}: arrives in {} on {} (day {d}) with {} people",
                route.nearest_stop(r.km).town.name,
                run.date_of(d),
                r.headcount.round()
            ),
            (None, Some(r)) => println!(
                "group {name}: {} at km {:.0} near {} on {}",
                r.status.name(),
                r.km,
                route.nearest_stop(r.km).town.name,
                run.date_of(r.day)
            ),
            _ => {}
        }
    }
}

fn print_validation(v: &Validation) {
    if v.checks.is_empty() {
        return;
    }
    println!(
        "\nAgainst the sightings (error = simulated group − reported, road km; the main body unless a report names a group):"
    );
    println!(
        "{:<11} {:<24} {:<10} {:>8} {:>8} {:>9} {:>9}",
        "date", "place", "group", "rep. km", "sim. km", "error km", "people Δ"
    );
    for c in &v.checks {
        println!(
            "{:<11} {:<24} {:<10} {:>8.0} {:>8.0} {:>9} {:>9}",
            c.sighting.date().to_string(),
            c.sighting.place().name,
            c.main_group,
            c.reported_km,
            c.main_km,
            if c.sighting.is_position() {
                format!("{:+.0}", c.main_error_km)
            } else {
                "–".into()
            },
            c.headcount_error.map_or("–".into(), |e| format!("{e:+.0}"))
        );
    }
    if let (Some(med), Some(max)) = (v.median_abs_km(), v.max_abs_km()) {
        println!(
            "position error: median {med:.0} km, max {max:.0} km over {} sightings",
            v.position_errors_km().len()
        );
    }
}

fn print_calibration(s: &Scenario, c: &Calibration) {
    println!(
        "\nCalibration (mean over {} fixed seeds; errors in road km, main body):",
        calibrate::FIT_SEEDS
    );
    for (p, v) in c.params.iter().zip(&c.fitted) {
        println!("  {:<48} {:>7.1} -> {:>7.1}", p.label, p.initial, v);
    }
    println!(
        "  {:<11} {:<24} {:>8} {:>8} {:>14}",
        "date", "place", "before", "fitted", "left out (LOO)"
    );
    for r in &c.rows {
        let sg = &s.sightings()[r.sighting];
        println!(
            "  {:<11} {:<24} {:>+8.0} {:>+8.0} {:>+14.0}",
            sg.date().to_string(),
            sg.place().name,
            r.initial_error_km,
            r.fitted_error_km,
            r.loo_error_km
        );
    }
    let (m0, x0) = c.initial_median_max_km();
    let (m1, x1) = c.fitted_median_max_km();
    let (m2, x2) = c.loo_median_max_km();
    println!(
        "  median/max |error|: before {m0:.0}/{x0:.0} km, fitted {m1:.0}/{x1:.0} km, leave-one-out {m2:.0}/{x2:.0} km"
    );
}

/// The ensemble, with a progress bar on stderr when it is a terminal and not --quiet.
fn run_ensemble(
    plan: &Plan,
    route: &Route,
    rng_seed: u64,
    runs: ensemble::Runs,
    variation: ensemble::Variation,
    quiet: bool,
) -> EnsembleSummary {
    let bar = if quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(runs.get())
    };
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} ensemble {bar:40} {pos}/{len} runs ({per_sec}, eta {eta})",
    ) {
        bar.set_style(style);
    }
    let summary = ensemble::run_ensemble(plan, route, rng_seed, runs, variation, &|| bar.inc(1));
    bar.finish_and_clear();
    summary
}

fn print_ensemble(e: &EnsembleSummary) {
    println!(
        "\nEnsemble of {} runs (P10–P90, seeds derived from --rng-seed {}):",
        e.runs, e.rng_seed
    );
    for (g, name) in e.group_names.iter().enumerate() {
        match e.destination(g) {
            Some(a) if a.day.is_some() => {
                let q = a.day.expect("checked");
                println!(
                    "group {name}: reaches {} {}, median {} ({} of {} runs)",
                    a.target.name,
                    date_span(e.date_of(q.p10), e.date_of(q.p90)),
                    e.date_of(q.p50).format("%-d %B"),
                    a.runs_reaching,
                    e.runs
                );
            }
            Some(a) => println!(
                "group {name}: reaches {} in none of {} runs",
                a.target.name, e.runs
            ),
            None => {}
        }
    }
}

/// "between 18 and 24 November 2018", naming month and year only where they change.
fn date_span(a: NaiveDate, b: NaiveDate) -> String {
    if a == b {
        format!("on {}", a.format("%-d %B %Y"))
    } else if (a.year(), a.month()) == (b.year(), b.month()) {
        format!("between {} and {}", a.format("%-d"), b.format("%-d %B %Y"))
    } else if a.year() == b.year() {
        format!(
            "between {} and {}",
            a.format("%-d %B"),
            b.format("%-d %B %Y")
        )
    } else {
        format!(
            "between {} and {}",
            a.format("%-d %B %Y"),
            b.format("%-d %B %Y")
        )
    }
}
