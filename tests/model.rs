//! The behaviour model on synthetic caravans generated from known parameters: the fit
//! recovers them, the forecast bands hold 80% of what happens, and a forecast with a report
//! every day tracks the group.

use chrono::NaiveDate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use route_sim::backtest::{BacktestSettings, Method, backtest_observed, summarise};
use route_sim::forecast::{ForecastSettings, propagate, quantile};
use route_sim::gazetteer::Gazetteer;
use route_sim::model::fit::{FitSettings, fit};
use route_sim::model::{
    BehaviourParams, Corridor, ObsKind, ObservedCaravan, PositionObs, REPORT_SIGMA_KM,
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
    p.caravan_walk_spread_frac = 0.15;
    p.caravan_ride_spread_frac = 0.5;
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
    let mut p = params.start_particle(&mut rng);
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
        particles: 2_000,
        seed: 7,
        sweeps: 4,
    };
    let fitted = fit(&refs, settings).params;
    // Each caravan has its own pace and taste for rides (drawn from the spread between
    // caravans), so twelve caravans pin down the typical values only loosely and single
    // parameters trade off (more rides against faster rides). What the fit must recover is
    // the behaviour: how far a new caravan gets, and how uncertain that is.
    let corridor = corridor(NaiveDate::from_ymd_opt(2018, 10, 1).unwrap());
    let progress = |params: &BehaviourParams| -> Vec<[f64; 3]> {
        let mut rng = ChaCha8Rng::seed_from_u64(99);
        let mut by_day = vec![Vec::new(); 3];
        for _ in 0..4000 {
            let mut p = params.start_particle(&mut rng);
            for day in 1..=30 {
                params.step(&corridor, &mut p, &mut rng);
                if day % 10 == 0 {
                    by_day[day / 10 - 1].push(p.km);
                }
            }
        }
        by_day
            .into_iter()
            .map(|mut v| {
                v.sort_by(f64::total_cmp);
                [0.1, 0.5, 0.9].map(|q| quantile(&v, q))
            })
            .collect()
    };
    let (want, got) = (progress(&truth), progress(&fitted));
    for (day, (w, g)) in [10, 20, 30].iter().zip(want.iter().zip(&got)) {
        // Median km after 10, 20 and 30 days within 15%. The P10–P90 width within 0.6–2×:
        // it rests on the spread between caravans, which the fit overstates (measured: 1.7×
        // at day 10 with this seed; the noisy likelihood of a spread seen in only twelve
        // caravans). Overstating errs on the safe side: bands too wide, not too narrow.
        let median_error = (g[1] - w[1]).abs() / w[1];
        let width_ratio = (g[2] - g[0]) / (w[2] - w[0]);
        assert!(
            median_error < 0.15 && (0.6..2.0).contains(&width_ratio),
            "day {day}: fitted P10/P50/P90 {g:.0?} km against the truth's {w:.0?}\n{fitted}"
        );
    }
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
