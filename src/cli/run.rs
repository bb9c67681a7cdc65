//! The main job: load a caravan, simulate it, check it against sightings, write outputs.

use super::{args::RunArgs, Failure};
use route_sim::ensemble::{self, EnsembleSummary};
use route_sim::gazetteer::Gazetteer;
use route_sim::outputs::{self, Output, RunContext};
use route_sim::route::Route;
use route_sim::scenario::{self, Scenario};
use route_sim::simulate::{self, Plan, Run};
use route_sim::validate::{self, Validation};
use chrono::{Datelike, NaiveDate};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;

pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let gazetteer = Gazetteer::bundled();
    let scenario = load_scenario(args, &gazetteer)?;
    let out_dir = args.out.clone().unwrap_or_else(|| PathBuf::from("out").join(&scenario.id));
    outputs::check_out_dir(&out_dir)?;
    let route = Route::new(scenario.route_towns.clone(), scenario.road_factor)
        .map_err(|e| Failure::Input(format!("{}: field `route`: {e}", scenario.source_name)))?;
    let plan = Plan::new(&scenario, &route);
    let run = simulate::simulate(&plan, args.rng_seed);
    let ensemble = args.runs.map(|n| run_ensemble(&plan, &route, args.rng_seed, n, args.quiet));
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
    let files = outputs::render(&ctx, &Output::ALL)?;
    let written = outputs::write(&out_dir, &files)?;
    if !args.quiet {
        print_summary(&scenario, &route, &run, &gazetteer);
        print_validation(&validation);
        if let Some(e) = &ensemble {
            print_ensemble(e);
        }
    }
    println!("\nWrote {} files to {}/:", written.len(), out_dir.display());
    for p in &written {
        println!("  {}", p.display());
    }
    Ok(())
}

/// The caravan named by --caravan, --scenario or --route.
fn load_scenario(args: &RunArgs, gazetteer: &Gazetteer) -> Result<Scenario, Failure> {
    if let Some(id) = &args.caravan {
        return match scenario::load_bundled(id, gazetteer) {
            Some(loaded) => Ok(loaded?),
            None => Err(Failure::Input(format!(
                "unknown caravan `{id}`; bundled caravans are: {} (see `route-sim list`, or use --scenario FILE for your own)",
                scenario::bundled_ids().join(", ")
            ))),
        };
    }
    if let Some(path) = &args.scenario {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::Input(format!("cannot read caravan file {}: {e}", path.display())))?;
        return Ok(scenario::parse_scenario(&text, &path.display().to_string(), gazetteer)?);
    }
    if let (Some(route), Some(depart)) = (&args.route, &args.depart) {
        let text = scenario::adhoc_toml(route, depart, args.headcount, args.pace_km_per_day);
        return Ok(scenario::parse_scenario(&text, "--route/--depart", gazetteer)?);
    }
    Err(Failure::Input("nothing to simulate: give --caravan ID, --scenario FILE or --route \"A;B;C\" --depart YYYY-MM-DD (see --help)".into()))
}

fn print_summary(s: &Scenario, route: &Route, run: &Run, gazetteer: &Gazetteer) {
    println!(
        "{} — {}\n{:.0} road km from {} to {}; departs {} with {} people; {} group(s)\n",
        s.id,
        s.name,
        route.length_km(),
        route.origin().name,
        route.destination().name,
        s.depart,
        s.total_headcount(),
        run.group_names.len()
    );
    println!("{:<11} {:>4} {:<10} {:>7}  {:<28} {:<12} {:>8}", "date", "day", "group", "km", "near", "country", "people");
    // About one line every few days: more often on short runs.
    let step = (run.days / 12).clamp(1, 4);
    for day in (0..run.days).filter(|d| d % step == 0 || *d + 1 == run.days) {
        let main = run.main_group_on(i64::from(day));
        if let Some(r) = run.day_records(day).find(|r| usize::from(r.group) == main) {
            let at = route.position_at_km(r.km);
            let (near, country) = gazetteer.nearest(at).map_or(("", ""), |(t, _)| (t.name.as_str(), t.country.as_str()));
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
            (Some(d), Some(r)) => println!("group {name}: arrives {} ({}) on {} (day {d})", route.nearest_stop(r.km).town.name, r.headcount.round(), run.date_of(d)),
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
    println!("\nAgainst the sightings (error = simulated main body − reported, road km):");
    println!("{:<11} {:<24} {:>8} {:>8} {:>9} {:>9}", "date", "place", "rep. km", "sim. km", "error km", "people Δ");
    for c in &v.checks {
        println!(
            "{:<11} {:<24} {:>8.0} {:>8.0} {:>9} {:>9}",
            c.sighting.date.to_string(),
            c.sighting.place.name,
            c.reported_km,
            c.main_km,
            if c.sighting.is_position { format!("{:+.0}", c.main_error_km) } else { "–".into() },
            c.headcount_error.map_or("–".into(), |e| format!("{e:+.0}"))
        );
    }
    if let (Some(med), Some(max)) = (v.median_abs_km(), v.max_abs_km()) {
        println!("position error: median {med:.0} km, max {max:.0} km over {} sightings", v.position_errors_km().len());
    }
}

/// The ensemble, with a progress bar on stderr when it is a terminal and not --quiet.
fn run_ensemble(plan: &Plan, route: &Route, rng_seed: u64, runs: u64, quiet: bool) -> EnsembleSummary {
    let bar = if quiet || !std::io::stderr().is_terminal() { ProgressBar::hidden() } else { ProgressBar::new(runs) };
    if let Ok(style) = ProgressStyle::with_template("{spinner} ensemble {bar:40} {pos}/{len} runs ({per_sec}, eta {eta})") {
        bar.set_style(style);
    }
    let summary = ensemble::run_ensemble(plan, route, rng_seed, runs, &|| bar.inc(1));
    bar.finish_and_clear();
    summary
}

fn print_ensemble(e: &EnsembleSummary) {
    println!("\nEnsemble of {} runs (P10–P90, seeds derived from --rng-seed {}):", e.runs, e.rng_seed);
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
            Some(a) => println!("group {name}: reaches {} in none of {} runs", a.target.name, e.runs),
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
        format!("between {} and {}", a.format("%-d %B"), b.format("%-d %B %Y"))
    } else {
        format!("between {} and {}", a.format("%-d %B %Y"), b.format("%-d %B %Y"))
    }
}
