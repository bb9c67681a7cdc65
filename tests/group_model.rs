//! The group model: holds, rests, rides, joins, splits and dispersals behave as documented,
//! and the bundled Honduran caravan matches its seed sightings.

mod common;

use common::*;
use route_sim::calibrate;
use route_sim::route::Route;
use route_sim::scenario::{Scenario, load_bundled};
use route_sim::simulate::{Plan, Run, Status, simulate};
use route_sim::validate::validate;

fn run_of(text: &str, seed: u64) -> (Scenario, Route, Run) {
    let (s, r) = scenario_of(text);
    let run = simulate(&Plan::new(&s, &r).expect("a plan"), seed);
    (s, r, run)
}

const BASE: &str = r#"
id = "t"
depart = "2021-09-04"
route = ["Tapachula", "Huixtla", "Escuintla, Chiapas", "Mapastepec", "Pijijiapan", "Tonalá, Chiapas", "Arriaga"]
[model]
pace_km_per_day = 40.0
pace_variation_frac = 0.0
[[groups]]
name = "main"
headcount = 400
"#;

#[test]
fn steady_walk_advances_pace_per_day_and_arrives() {
    let (_, route, run) = run_of(BASE, 1);
    let kms: Vec<f64> = run.group_records(0).map(|r| r.km).collect();
    assert!(
        (kms[0] - 40.0).abs() < 1e-9,
        "day 0 ends 40 km out, got {}",
        kms[0]
    );
    assert!((kms[1] - 80.0).abs() < 1e-9);
    let last = run.group_records(0).last().unwrap();
    assert_eq!(last.status, Status::Arrived);
    assert!((last.km - route.length_km()).abs() < 1e-9);
    assert_eq!(
        run.arrival_day[0],
        Some((route.length_km() / 40.0).ceil() as u32 - 1)
    );
}

#[test]
fn dispersal_at_a_place_holds_the_group_there_and_ends_it() {
    let text = format!(
        "{BASE}\n[[events]]\nkind = \"disperse\"\ndate = \"2021-09-06\"\nplace = \"Huixtla\"\nshare = 1.0\ndetained = 80\n"
    );
    let (_, route, run) = run_of(&text, 1);
    let huixtla_km = route.km_of_town("huixtla").unwrap();
    let last = run.group_records(0).last().unwrap();
    assert_eq!(last.status, Status::Dispersed);
    assert!(
        (last.km - huixtla_km).abs() < 1e-9,
        "dispersed at Huixtla, not km {}",
        last.km
    );
    assert_eq!(run.date_of(last.day).to_string(), "2021-09-06");
    assert_eq!(run.detained, 80.0);
    // Held at Huixtla the day before the police operation.
    let day1 = run.group_records(0).nth(1).unwrap();
    assert_eq!(day1.status, Status::Waiting);
}

#[test]
fn rest_ride_and_wait_change_status_and_distance() {
    let text = format!(
        "{BASE}\n[[events]]\nkind = \"rest\"\ndate = \"2021-09-05\"\n\n[[events]]\nkind = \"ride\"\ndate = \"2021-09-06\"\nkm_per_day = 60.0\n\n[[events]]\nkind = \"wait\"\nplace = \"Pijijiapan\"\nuntil = \"2021-09-09\"\n"
    );
    let (_, route, run) = run_of(&text, 1);
    let r: Vec<_> = run.group_records(0).collect();
    assert_eq!(r[1].status, Status::Resting);
    assert_eq!(r[1].km, r[0].km);
    assert_eq!(r[2].status, Status::Riding);
    assert!((r[2].km - r[1].km - 60.0).abs() < 1e-9);
    let piji = route.km_of_town("pijijiapan").unwrap();
    let waiting: Vec<_> = r.iter().filter(|x| x.status == Status::Waiting).collect();
    assert!(!waiting.is_empty());
    assert!(waiting.iter().all(|x| (x.km - piji).abs() < 1e-9));
    assert!(
        r.iter()
            .filter(|x| run.date_of(x.day).to_string().as_str() <= "2021-09-09")
            .all(|x| x.km <= piji + 1e-9)
    );
}

#[test]
fn join_and_split_conserve_people_and_split_group_goes_its_own_way() {
    let text = format!(
        "{BASE}\n[[events]]\nkind = \"join\"\ndate = \"2021-09-04\"\nuntil = \"2021-09-05\"\nheadcount = 200\n\n[[events]]\nkind = \"split\"\ndate = \"2021-09-06\"\ngroup = \"main\"\nnew_group = \"fast\"\nshare = 0.25\npace_factor = 2.0\ndestination = \"Pijijiapan\"\n"
    );
    let (_, route, run) = run_of(&text, 1);
    assert_eq!(run.group_names, ["main", "fast"]);
    assert_eq!(run.headcount_on(1), 600.0);
    assert_eq!(run.headcount_of(1, 2), 150.0);
    assert_eq!(run.headcount_of(0, 2), 450.0);
    let fast_last = run.group_records(1).last().unwrap();
    assert_eq!(fast_last.status, Status::Arrived);
    assert!((fast_last.km - route.km_of_town("pijijiapan").unwrap()).abs() < 1e-9);
    // The split group starts where its parent was the evening before the split.
    let (day, km) = run.start_of(1).unwrap();
    assert_eq!(day, 1);
    assert_eq!(km, run.km_on(0, 1).unwrap());
}

#[test]
fn split_pace_factor_is_a_multiple_of_the_model_pace_not_of_the_parent() {
    // The parent walks at half the pace (20 km a day); the split-off group's factor 2.0 means
    // 80 km a day, as for any group, not 2.0 × 0.5 = 40 km a day.
    let base = BASE.replace("headcount = 400\n", "headcount = 400\npace_factor = 0.5\n");
    let text = format!(
        "{base}\n[[events]]\nkind = \"split\"\ndate = \"2021-09-06\"\ngroup = \"main\"\nnew_group = \"fast\"\nshare = 0.25\npace_factor = 2.0\n"
    );
    let (s, route) = scenario_of(&text);
    let plan = Plan::new(&s, &route).expect("a plan");
    let paces: Vec<f64> = plan
        .groups()
        .iter()
        .map(route_sim::simulate::GroupPlan::pace_factor)
        .collect();
    assert_eq!(paces, [0.5, 2.0]);
    let run = simulate(&plan, 1);
    let (day, km) = run.start_of(1).unwrap();
    assert_eq!(km, run.km_on(0, day).unwrap());
    assert!((run.km_on(1, day + 1).unwrap() - km - 80.0).abs() < 1e-9);
    assert!((run.km_on(0, day + 1).unwrap() - run.km_on(0, day).unwrap() - 20.0).abs() < 1e-9);
}

#[test]
fn same_seed_same_run_different_seed_different_run() {
    let text = BASE.replace("pace_variation_frac = 0.0", "pace_variation_frac = 0.2");
    let (_, _, a) = run_of(&text, 7);
    let (_, _, b) = run_of(&text, 7);
    let (_, _, c) = run_of(&text, 8);
    assert_eq!(a, b);
    assert_ne!(a.records, c.records);
}

#[test]
fn honduras_main_body_within_50_km_of_every_seed_sighting() {
    let g = gazetteer();
    let s = load_bundled("honduras-oct2018", g).unwrap().unwrap();
    let route = Route::of_scenario(&s).unwrap();
    let plan = Plan::new(&s, &route).expect("a plan");
    for seed in 1..=10 {
        let run = simulate(&plan, seed);
        let v = validate(&s, &route, &run);
        for c in v.checks.iter().filter(|c| c.sighting.is_position()) {
            assert!(
                c.main_error_km.abs() <= 50.0,
                "seed {seed}: {} {} off by {:.0} km",
                c.sighting.date(),
                c.sighting.place().name,
                c.main_error_km
            );
        }
    }
    // Reported route length 4,000 to 5,000 km.
    assert!(
        (4000.0..5000.0).contains(&route.length_km()),
        "{}",
        route.length_km()
    );
}

#[test]
fn calibration_never_worsens_the_fit_and_reports_leave_one_out() {
    let text = format!(
        "{BASE}\n[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Escuintla, Chiapas\"\nkind = \"night_stop\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\n\n[[sightings]]\ndate = \"2021-09-07\"\nplace = \"Pijijiapan\"\nkind = \"night_stop\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\n\n[[sightings]]\ndate = \"2021-09-08\"\nplace = \"Tonalá, Chiapas\"\nkind = \"night_stop\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\n"
    );
    let (s, r) = scenario_of(&text);
    let plan = Plan::new(&s, &r).expect("a plan");
    let c = calibrate::calibrate(&s, &r, &plan, 1);
    assert_eq!(c.rows.len(), 3);
    let (m0, x0) = c.initial_median_max_km();
    let (m1, x1) = c.fitted_median_max_km();
    assert!(m1 <= m0 && x1 < x0, "fit {m1}/{x1} vs {m0}/{x0}");
    // 40 km/day leaves the group behind the later sightings: the fit must speed it up.
    assert!(c.fitted[0] > 42.0, "fitted pace {}", c.fitted[0]);
    assert!(c.rows.iter().all(|row| row.loo_error_km.is_finite()));
}
