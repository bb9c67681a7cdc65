//! The behaviour model on synthetic caravans generated from known parameters: the fit
//! recovers them, the forecast bands hold 80% of what happens, and a forecast with a report
//! every day tracks the group.

use chrono::NaiveDate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use route_sim::backtest::{BacktestSettings, Method, backtest_observed, summarise};
use route_sim::forecast::{ForecastSettings, propagate};
use route_sim::gazetteer::Gazetteer;
use route_sim::model::fit::{FitSettings, fit};
use route_sim::model::{
    BehaviourParams, Corridor, ObsKind, ObservedCaravan, Particle, PositionObs, REPORT_SIGMA_KM,
};
use route_sim::route::Route;

/// The Honduran caravan's 2018 route, San Pedro Sula to Tijuana (borders, cities, zones).
fn corridor(depart: NaiveDate) -> Corridor {
    let g = Gazetteer::bundled();
    let s = route_sim::scenario::load_bundled("honduras-oct2018", &g)
        .expect("bundled")
        .expect("valid");
    let route = Route::of_scenario(&s).expect("route");
    Corridor::new(&route, depart)
}

/// The parameters the synthetic caravans are generated with.
fn truth() -> BehaviourParams {
    let mut p = BehaviourParams::prior();
    p.walk_km_per_day = 35.0;
    p.walk_variation_frac = 0.2;
    p.rest_start_per_day = 0.1;
    p.rest_days_mean = 1.5;
    p.ride_start_per_day = [0.03, 0.08, 0.3];
    p.ride_days_mean = 3.0;
    p.ride_km_per_day = 250.0;
    p.ride_variation_frac = 0.3;
    p.dispersal_per_day_before_2019 = 0.001;
    p
}

/// A caravan simulated with `params` for `days`, reported every `every` days with report noise.
fn synthetic(
    id: usize,
    params: &BehaviourParams,
    days: i64,
    every: i64,
    noise_km: f64,
) -> (ObservedCaravan, Vec<f64>) {
    let depart = NaiveDate::from_ymd_opt(2018, 10, 1).unwrap();
    let corridor = corridor(depart);
    let mut rng = ChaCha8Rng::seed_from_u64(1000 + id as u64);
    let noise = Normal::new(0.0, noise_km.max(1e-9)).unwrap();
    let mut p = Particle::at_start();
    let mut true_km = Vec::new();
    let mut positions = Vec::new();
    for day in 0..days {
        params.step(&corridor, &mut p, &mut rng);
        true_km.push(p.km);
        if day % every == (id as i64) % every {
            let km = if noise_km > 0.0 {
                (p.km + noise.sample(&mut rng)).clamp(0.0, corridor.length_km())
            } else {
                p.km
            };
            positions.push(PositionObs {
                date: depart + chrono::Days::new(day as u64),
                day,
                kind: ObsKind::NightStop,
                km,
                place: format!("km {km:.0}"),
            });
        }
    }
    let caravan = ObservedCaravan {
        id: format!("synthetic-{id}"),
        depart,
        corridor,
        positions,
    };
    (caravan, true_km)
}

#[test]
fn fit_recovers_the_parameters_of_synthetic_caravans() {
    let truth = truth();
    let caravans: Vec<ObservedCaravan> = (0..12)
        .map(|i| synthetic(i, &truth, 40, 2, REPORT_SIGMA_KM).0)
        .collect();
    let refs: Vec<&ObservedCaravan> = caravans.iter().collect();
    let settings = FitSettings {
        particles: 300,
        seed: 7,
        sweeps: 4,
    };
    let fitted = fit(&refs, settings).params;
    let rel = |a: f64, b: f64| (a - b).abs() / b;
    // Tolerances: the well-observed speeds within 15% and 30%; ride chances in Mexico's
    // north within a factor of 2 (fewer days are spent there).
    assert!(
        rel(fitted.walk_km_per_day, truth.walk_km_per_day) < 0.15,
        "walk {} vs {}",
        fitted.walk_km_per_day,
        truth.walk_km_per_day
    );
    assert!(
        rel(fitted.ride_km_per_day, truth.ride_km_per_day) < 0.30,
        "ride {} vs {}",
        fitted.ride_km_per_day,
        truth.ride_km_per_day
    );
    let (f, t) = (fitted.ride_start_per_day[2], truth.ride_start_per_day[2]);
    assert!(f / t < 2.0 && t / f < 2.0, "ride start north {f} vs {t}");
}

#[test]
fn backtest_bands_hold_about_80_percent_on_synthetic_caravans() {
    let truth = truth();
    let settings = BacktestSettings {
        particles: 1000,
        rng_seed: 3,
    };
    let pairs: Vec<_> = (0..16)
        .flat_map(|i| {
            let (c, _) = synthetic(100 + i, &truth, 40, 3, REPORT_SIGMA_KM);
            backtest_observed(&c, &truth, settings)
        })
        .collect();
    let all = summarise(&pairs)
        .into_iter()
        .find(|r| r.method == Method::Model && r.horizon_days.is_none())
        .unwrap();
    let coverage = all.coverage_p10_p90.unwrap();
    assert!(all.n > 300, "enough pairs: {}", all.n);
    assert!(
        (0.75..=0.85).contains(&coverage),
        "P10–P90 coverage {coverage:.3} over {} pairs",
        all.n
    );
}

#[test]
fn forecast_with_a_report_every_day_tracks_within_20_km() {
    // Reports name the group's true place every day. The filter weighs each against the
    // model's expectation with a 15 km report error, so a surprising day (an unexpected rest)
    // pulls the nowcast only part of the way at once: "tracks" is read as 90% of days within
    // 20 km of the truth and the median within 10 km.
    let truth = truth();
    let (c, true_km) = synthetic(7, &truth, 30, 1, 0.0);
    let mut errors: Vec<f64> = (0..30)
        .map(|as_of_day: i64| {
            let settings = ForecastSettings {
                as_of: c.depart + chrono::Days::new(as_of_day as u64),
                days: 1,
                particles: 2000,
                rng_seed: 1,
            };
            let mut seen = c.clone();
            seen.positions.retain(|o| o.day <= as_of_day);
            let run = propagate(&truth, &seen, as_of_day, &[], 0.0, settings);
            (run.nowcast_km - true_km[as_of_day as usize]).abs()
        })
        .collect();
    errors.sort_by(f64::total_cmp);
    let median = errors[errors.len() / 2];
    let p90 = errors[errors.len() * 9 / 10];
    assert!(
        median <= 10.0 && p90 <= 20.0,
        "median {median:.1} km, P90 {p90:.1} km: {errors:?}"
    );
}
