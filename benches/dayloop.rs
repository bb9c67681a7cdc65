//! Criterion benches: (a) the day loop alone at 1,000 / 10,000 / 100,000 movers over 60 days
//! on a 30-town, 4,300 km chain; (b) a 10,000-run ensemble of honduras-oct2018; (c) the main
//! job end to end (load, simulate, validate, render every output, write to a temp dir); (d)
//! `--calibrate`'s fit and leave-one-out of honduras-oct2018 (18 speeds, 53 sightings).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use route_sim::gazetteer::Gazetteer;
use route_sim::outputs::{self, Output, RunContext};
use route_sim::route::Route;
use route_sim::scenario;
use route_sim::simulate::{self, Plan};
use std::hint::black_box;

fn day_loop(c: &mut Criterion) {
    let mut g = c.benchmark_group("day_loop_60_days");
    g.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let plans = movers::chain_plans(n, 4300.0, 60, 0.15);
        g.throughput(Throughput::Elements(n as u64 * 60));
        g.bench_with_input(BenchmarkId::from_parameter(n), &plans, |b, plans| {
            b.iter(|| {
                let mut sink = movers::KmSum::default();
                for plan in plans {
                    simulate::simulate_with(plan, 1, &mut sink);
                }
                black_box(sink.total())
            });
        });
    }
    g.finish();
}

fn honduras() -> (Gazetteer, scenario::Scenario, Route) {
    let gazetteer = Gazetteer::bundled();
    let s = scenario::load_bundled("honduras-oct2018", &gazetteer)
        .expect("bundled")
        .expect("valid");
    let route = Route::of_scenario(&s).expect("valid route");
    (gazetteer, s, route)
}

fn ensemble(c: &mut Criterion) {
    let (_, s, route) = honduras();
    let plan = Plan::new(&s, &route).expect("a plan");
    let mut g = c.benchmark_group("ensemble");
    g.sample_size(10);
    g.bench_function("honduras_oct2018_10000_runs", |b| {
        b.iter(|| {
            black_box(route_sim::ensemble::run_ensemble(
                &plan,
                &route,
                1,
                route_sim::ensemble::Runs::new(10_000).expect("within MAX_RUNS"),
                route_sim::ensemble::Variation::from_record(0.46),
                &|| (),
            ))
        });
    });
    g.finish();
}

fn main_job(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut g = c.benchmark_group("main_job");
    g.sample_size(10);
    g.bench_function("honduras_oct2018_end_to_end", |b| {
        b.iter(|| {
            let (gazetteer, s, route) = honduras();
            let plan = Plan::new(&s, &route).expect("a plan");
            let run = simulate::simulate(&plan, 1);
            let validation = route_sim::validate::validate(&s, &route, &run);
            let ctx = RunContext {
                scenario: &s,
                route: &route,
                run: &run,
                gazetteer: &gazetteer,
                validation: Some(&validation),
                rng_seed: 1,
                ensemble: None,
            };
            let files = outputs::render(&ctx, &Output::ALL).expect("render");
            let named: Vec<(String, &[u8])> = files
                .iter()
                .map(|(o, b)| (o.file_name().to_string(), b.as_slice()))
                .collect();
            let folder = outputs::OutputFolder::lock(dir.path()).expect("lock");
            black_box(
                folder
                    .commit(&named, &outputs::RunInfo::default())
                    .expect("write"),
            )
        });
    });
    g.finish();
}

fn calibrate(c: &mut Criterion) {
    let (_, s, route) = honduras();
    let plan = Plan::new(&s, &route).expect("a plan");
    let mut g = c.benchmark_group("calibrate");
    g.sample_size(10);
    g.bench_function("honduras_oct2018_fit_and_leave_one_out", |b| {
        b.iter(|| black_box(route_sim::calibrate::calibrate(&s, &route, &plan, 1)));
    });
    g.finish();
}

// No plots: criterion's plotters backend needs a system font, which our plotters build leaves out.
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = day_loop, ensemble, main_job, calibrate
}
criterion_main!(benches);
