//! Regression tests for the inputs issue 14 found panicking or silently accepted: each is
//! now refused with exit code 2, naming the file, the line and the field. Named after the
//! defect they pin.

mod common;

use common::*;
use route_sim::scenario::{Problem, ProblemKind, ScenarioParts};
use std::path::{Path, PathBuf};

/// A caravan of 400 people from Tapachula to Arriaga departing 2021-09-04 (line 2),
/// followed by `rest` (which starts on line 6).
fn caravan(depart: &str, rest: &str) -> String {
    format!(
        "id = \"t\"\ndepart = \"{depart}\"\nroute = [\"Tapachula\", \"Huixtla\", \"Mapastepec\", \"Arriaga\"]\nheadcount = 400\n\n{rest}"
    )
}

/// Write `text` as `name` in a fresh folder; returns the folder (kept alive) and the path.
fn write(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = temp_dir();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// Run `--scenario path` (plus `extra`), expect exit 2 and no output folder; returns stderr.
fn refused(path: &Path, extra: &[&str]) -> String {
    let out = path.with_file_name("out");
    let mut args = vec![
        "--scenario",
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let stderr = run_fails(&args);
    assert!(!out.exists(), "nothing is written for a refused file");
    stderr
}

/// `stderr` names `path:line:` and field `field`, on one line that also contains `words`.
fn assert_names(stderr: &str, path: &Path, line: usize, field: &str, words: &str) {
    let at = format!("{}:{line}: field `{field}`", path.display());
    let hit = stderr.lines().find(|l| l.contains(&at));
    let hit = hit.unwrap_or_else(|| panic!("no `{at}` in:\n{stderr}"));
    assert!(hit.contains(words), "`{words}` missing from `{hit}`");
}

#[test]
fn departure_near_chrono_limit_is_refused_not_a_panic() {
    let (_dir, path) = write("far.toml", &caravan("+262142-12-31", ""));
    let stderr = refused(&path, &[]);
    assert_names(&stderr, &path, 2, "depart", "1900-01-01 to 2100-12-31");
}

#[test]
fn year_zero_and_five_digit_years_are_refused() {
    for (date, accepted) in [
        ("0000-01-01", false),
        ("+99999-01-01", false),
        ("1899-12-31", false),
        ("2101-01-01", false),
        ("1900-01-01", true),
        ("2100-08-01", true),
    ] {
        let (dir, path) = write("d.toml", &caravan(date, ""));
        if accepted {
            let out = dir.path().join("ok");
            run_ok(
                &[
                    "--scenario",
                    path.to_str().unwrap(),
                    "--outputs",
                    "daily",
                    "-q",
                ],
                &out,
            );
        } else {
            let stderr = refused(&path, &[]);
            assert_names(&stderr, &path, 2, "depart", "outside the dates");
        }
    }
}

#[test]
fn sighting_report_date_near_chrono_limit_is_refused() {
    let rest = "[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\nkind = \"night_stop\"\nsource = { outlet = \"EFE\", title = \"t\", date = \"+262142-01-01\", url = \"https://example.org\" }\n";
    let (_dir, path) = write("s.toml", &caravan("2021-09-04", rest));
    let stderr = refused(&path, &[]);
    assert_names(
        &stderr,
        &path,
        10,
        "sightings[0].source.date",
        "outside the dates",
    );
}

#[test]
fn more_groups_than_a_run_can_index_are_refused_not_wrapped() {
    // 65,540 groups once wrote groups 65,536+ as g0–g3 (a 16-bit index).
    let mut text = String::from(
        "id = \"many\"\ndepart = \"2021-09-04\"\nroute = [\"Tapachula\", \"Huixtla\"]\n",
    );
    for i in 0..65_540 {
        text.push_str(&format!("[[groups]]\nname = \"g{i}\"\nheadcount = 1\n"));
    }
    let (_dir, path) = write("many.toml", &text);
    let stderr = refused(&path, &[]);
    assert_names(&stderr, &path, 1, "groups", "65540 groups");
    assert!(stderr.contains("65536"), "states the limit: {stderr}");
}

#[test]
fn headcounts_that_would_overflow_a_sum_are_refused() {
    // Three groups of 9.2 × 10^18 once summed to a wrapped total.
    let mut text = String::from(
        "id = \"big\"\ndepart = \"2021-09-04\"\nroute = [\"Tapachula\", \"Huixtla\"]\n",
    );
    for g in ["a", "b", "c"] {
        text.push_str(&format!(
            "[[groups]]\nname = \"{g}\"\nheadcount = 9200000000000000000\n"
        ));
    }
    let (_dir, path) = write("big.toml", &text);
    let stderr = refused(&path, &[]);
    for line in [6, 9, 12] {
        assert_names(
            &stderr,
            &path,
            line,
            &format!("groups[{}].headcount", (line - 6) / 3),
            "10^8",
        );
    }
}

#[test]
fn headcount_just_above_the_limit_is_refused_and_at_it_accepted() {
    let file = |n: u64| {
        format!(
            "id = \"t\"\ndepart = \"2021-09-04\"\nroute = [\"Tapachula\", \"Huixtla\"]\nheadcount = {n}\n"
        )
    };
    let (_dir, path) = write("over.toml", &file(100_000_001));
    let stderr = refused(&path, &[]);
    assert_names(&stderr, &path, 4, "headcount", "100000000");
    let (dir, path) = write("at.toml", &file(100_000_000));
    run_ok(
        &[
            "--scenario",
            path.to_str().unwrap(),
            "--outputs",
            "daily",
            "-q",
        ],
        &dir.path().join("ok"),
    );
}

#[test]
fn runs_above_the_limit_are_refused_with_the_reason() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let stderr = run_fails(&[
        "--caravan",
        "honduras-oct2018",
        "--runs",
        "1000000000000",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        stderr.contains("--runs") && stderr.contains("1000000") && stderr.contains("32-bit"),
        "names the flag, the limit and why: {stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn ensemble_output_without_runs_is_refused_not_an_empty_success() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let stderr = run_fails(&[
        "--caravan",
        "honduras-oct2018",
        "--outputs",
        "ensemble",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(stderr.contains("--runs"), "says what is missing: {stderr}");
    assert!(!out.exists());
}

#[test]
fn sighting_years_outside_the_run_is_refused_not_compared_with_the_last_position() {
    let rest = "[[sightings]]\ndate = \"2024-09-05\"\nplace = \"Arriaga\"\nkind = \"night_stop\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\n";
    let (_dir, path) = write("late.toml", &caravan("2021-09-04", rest));
    let stderr = refused(&path, &[]);
    assert_names(
        &stderr,
        &path,
        7,
        "sightings[0].date",
        "outside the caravan's span",
    );
}

#[test]
fn event_after_the_run_is_refused() {
    let rest = "[[events]]\nkind = \"rest\"\ndate = \"2022-09-05\"\n";
    let (_dir, path) = write("late.toml", &caravan("2021-09-04", rest));
    let stderr = refused(&path, &[]);
    assert_names(
        &stderr,
        &path,
        8,
        "events[0].date",
        "after the run's last day",
    );
}

#[test]
fn wait_ending_before_the_departure_is_refused() {
    // A wait may start before the departure (a border already closed), but not end before it.
    let rest = "[[events]]\nkind = \"wait\"\nplace = \"Huixtla\"\ndate = \"2021-08-01\"\nuntil = \"2021-08-10\"\n";
    let (_dir, path) = write("early.toml", &caravan("2021-09-04", rest));
    let stderr = refused(&path, &[]);
    assert_names(
        &stderr,
        &path,
        10,
        "events[0].until",
        "before the departure",
    );
}

#[test]
fn wait_at_a_town_off_the_route_is_refused() {
    let rest = "[[events]]\nkind = \"wait\"\nplace = \"Tijuana\"\nuntil = \"2021-09-06\"\n";
    let (_dir, path) = write("off.toml", &caravan("2021-09-04", rest));
    let stderr = refused(&path, &[]);
    assert_names(&stderr, &path, 7, "events[0].place", "km from the route");
}

#[test]
fn split_of_a_group_before_it_forms_is_refused() {
    // `b` splits off `main` on 7 Sep, but a split of `b` is dated 6 Sep.
    let rest = "\
[[events]]
kind = \"split\"
date = \"2021-09-07\"
group = \"main\"
new_group = \"b\"
share = 0.5

[[events]]
kind = \"split\"
date = \"2021-09-06\"
group = \"b\"
new_group = \"c\"
share = 0.5
";
    let (_dir, path) = write("split.toml", &caravan("2021-09-04", rest));
    let stderr = refused(&path, &[]);
    assert_names(
        &stderr,
        &path,
        16,
        "events[1].group",
        "only forms on 2021-09-07",
    );
}

#[test]
fn detained_above_the_groups_headcount_is_refused() {
    let rest =
        "[[events]]\nkind = \"disperse\"\ndate = \"2021-09-06\"\nshare = 0.5\ndetained = 5000\n";
    let (_dir, path) = write("detained.toml", &caravan("2021-09-04", rest));
    let stderr = refused(&path, &[]);
    assert_names(
        &stderr,
        &path,
        10,
        "events[0].detained",
        "at most 400 people",
    );
    // With a join of 5,000 before the dispersal, 5,000 detained is possible.
    let rest = "[[events]]\nkind = \"join\"\ndate = \"2021-09-05\"\nheadcount = 5000\n\n[[events]]\nkind = \"disperse\"\ndate = \"2021-09-06\"\nshare = 0.5\ndetained = 5000\n";
    let (dir, path) = write("joined.toml", &caravan("2021-09-04", rest));
    run_ok(
        &[
            "--scenario",
            path.to_str().unwrap(),
            "--outputs",
            "daily",
            "-q",
        ],
        &dir.path().join("ok"),
    );
}

// Every mistake of a file in one run (issue 14, item 5): the file is read into a
// span-keeping document first, then every field is checked.

/// The problems of `text` as the library reports them (file order).
fn problems(text: &str) -> Vec<route_sim::scenario::Problem> {
    match route_sim::scenario::parse_scenario(text, "t.toml", gazetteer()) {
        Ok(_) => panic!("expected problems in:\n{text}"),
        Err(e) => e.problems,
    }
}

/// (line, field, kind) of each problem.
fn summary(
    problems: &[route_sim::scenario::Problem],
) -> Vec<(usize, &str, route_sim::scenario::ProblemKind)> {
    problems
        .iter()
        .map(|p| (p.line.unwrap_or(0), p.field.as_str(), p.kind))
        .collect()
}

#[test]
fn three_wrong_types_give_three_errors_not_one() {
    use route_sim::scenario::ProblemKind::WrongType;
    let text = "id = \"t\"\ndepart = \"2021-09-04\"\nroute = [\"Tapachula\", \"Huixtla\"]\nheadcount = \"many\"\n[model]\npace_km_per_day = \"fast\"\nmax_days = 10.5\n";
    let all = problems(text);
    assert_eq!(
        summary(&all),
        [
            (4, "headcount", WrongType),
            (6, "model.pace_km_per_day", WrongType),
            (7, "model.max_days", WrongType),
        ],
        "{all:#?}"
    );
    assert!(
        all[0]
            .message
            .contains("expected a whole number, found text \"many\"")
    );
}

#[test]
fn two_misspelt_fields_give_two_errors_with_the_closest_names() {
    let text = "id = \"t\"\ndepart = \"2021-09-04\"\nroute = [\"Tapachula\", \"Huixtla\"]\nheadcont = 400\n[[events]]\nkind = \"rest\"\ndtae = \"2021-09-05\"\n";
    let all = problems(text);
    let unknown: Vec<_> = all
        .iter()
        .filter(|p| p.kind == route_sim::scenario::ProblemKind::UnknownField)
        .map(|p| (p.line, p.field.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        unknown,
        [
            (
                Some(4),
                "headcont",
                "unknown field; did you mean `headcount`?"
            ),
            (
                Some(7),
                "events[0].dtae",
                "unknown field; did you mean `date`?"
            ),
        ],
        "{all:#?}"
    );
}

#[test]
fn id_depart_and_route_all_missing_give_three_errors() {
    use route_sim::scenario::ProblemKind::MissingField;
    let all = problems("headcount = 40\n");
    let missing: Vec<_> = all
        .iter()
        .filter(|p| p.kind == MissingField)
        .map(|p| p.field.as_str())
        .collect();
    assert_eq!(missing, ["id", "depart", "route"], "{all:#?}");
}

#[test]
fn a_typo_does_not_hide_an_unknown_town_on_an_earlier_line() {
    use route_sim::scenario::ProblemKind::{UnknownField, UnknownPlace};
    let text = "id = \"t\"\ndepart = \"2021-09-04\"\nroute = [\"Tapachula\", \"Huixtlaa\"]\nheadcount = 40\n[model]\npace_km_per_dya = 40\n";
    let all = problems(text);
    assert_eq!(
        summary(&all),
        [
            (3, "route[1]", UnknownPlace),
            (6, "model.pace_km_per_dya", UnknownField)
        ],
        "{all:#?}"
    );
}

#[test]
fn scenario_errors_are_reported_in_file_order() {
    // Once, a missing headcount (line 1) came after problems of later lines, and a toml
    // error stopped everything else.
    let text = "id = \"t\"\ndepart = \"2021-09-31\"\nroute = [\"Tapachula\", 7, \"Huixtlaa\"]\n[[groups]]\nname = \"a\"\nheadcount = -3\ndestination = \"Tijuana\"\n[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Nowhere at all\"\nkind = \"night_stop\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\ncolour = \"red\"\n";
    let (dir, path) = write("order.toml", text);
    let stderr = refused(&path, &[]);
    let lines: Vec<usize> = stderr
        .lines()
        .filter_map(|l| {
            let rest = l.trim().strip_prefix(&format!("{}:", path.display()))?;
            rest.split(':').next()?.parse().ok()
        })
        .collect();
    assert!(lines.len() >= 6, "every problem: {stderr}");
    assert!(
        lines.windows(2).all(|w| w[0] <= w[1]),
        "in file order: {lines:?}\n{stderr}"
    );
    for (line, field) in [
        (2, "depart"),
        (3, "route[1]"),
        (3, "route[2]"),
        (6, "groups[0].headcount"),
        (10, "sightings[0].place"),
        (13, "sightings[0].colour"),
    ] {
        assert_names(&stderr, &path, line, field, "");
    }
    drop(dir);
}

#[test]
fn native_toml_dates_are_accepted() {
    let text = "id = \"t\"\ndepart = 2021-09-04\nroute = [\"Tapachula\", \"Huixtla\", \"Arriaga\"]\nheadcount = 400\n[[events]]\nkind = \"rest\"\ndate = 2021-09-05\nuntil = 2021-09-06\n[[sightings]]\ndate = 2021-09-05\nplace = \"Huixtla\"\nkind = \"night_stop\"\nsource = { outlet = \"EFE\", title = \"t\", date = 2021-09-07, url = \"https://example.org\" }\n";
    let (s, _) = scenario_of(text);
    let d = |day| chrono::NaiveDate::from_ymd_opt(2021, 9, day).unwrap();
    assert_eq!(s.depart(), d(4));
    assert_eq!((s.events()[0].start(), s.events()[0].end()), (d(5), d(6)));
    assert_eq!(s.sightings()[0].date(), d(5));
    assert_eq!(s.sightings()[0].source().report().unwrap().date, d(7));
    // A date with a time is not a day.
    let all = problems(&text.replace("depart = 2021-09-04", "depart = 2021-09-04T10:00:00"));
    assert_eq!(
        summary(&all),
        [(2, "depart", route_sim::scenario::ProblemKind::WrongType)],
        "{all:#?}"
    );
}

// Invariants a hand-built scenario or plan could break: their fields are private, and every
// constructor refuses a value that could make the simulation panic, with typed problems.

/// A change that breaks one invariant of a scenario's parts (or refuses to build them).
type Breaker = Box<dyn Fn(&mut ScenarioParts) -> Result<(), Vec<Problem>>>;

#[test]
fn hand_built_scenario_cannot_make_plan_or_simulation_panic() {
    use route_sim::scenario::{Event, EventKind, GroupSpec, Scenario};
    use route_sim::simulate::{ModelParams, Plan, simulate};
    let (base, route) = scenario_of(&caravan(
        "2021-09-04",
        "[[events]]\nkind = \"split\"\ndate = \"2021-09-05\"\ngroup = \"main\"\nnew_group = \"b\"\nshare = 0.5\n",
    ));
    simulate(
        &Plan::new(&base, &route).expect("the file's scenario plans"),
        1,
    );
    let rebuilt = Scenario::new(base.clone().into_parts()).expect("its parts rebuild");
    assert_eq!(rebuilt.events(), base.events());
    let cases: Vec<(&str, Breaker, ProblemKind)> = vec![
        (
            "depart",
            Box::new(|s| {
                s.depart = chrono::NaiveDate::MAX - chrono::Days::new(3);
                Ok(())
            }),
            ProblemKind::BadDate,
        ),
        (
            "events[0].group",
            Box::new(|s| {
                let e = &s.events[0];
                s.events[0] = Event::new(
                    EventKind::Split {
                        group: "nobody".into(),
                        new_group: "b".into(),
                        share: 0.5,
                        pace_factor: 1.0,
                        destination: None,
                    },
                    e.start(),
                    e.end(),
                )?;
                Ok(())
            }),
            ProblemKind::Inconsistent,
        ),
        (
            "model.pace_km_per_day",
            Box::new(|s| {
                s.params = ModelParams::new(f64::NAN, 0.1, 0.0, 100)?;
                Ok(())
            }),
            ProblemKind::OutOfRange,
        ),
        (
            "model.max_days",
            Box::new(|s| {
                s.params = s.params.with_max_days(u32::MAX).map_err(|p| vec![p])?;
                Ok(())
            }),
            ProblemKind::OutOfRange,
        ),
        (
            "headcount",
            Box::new(|s| {
                s.groups[0] = GroupSpec::new("main", u64::MAX, 1.0, None)?;
                Ok(())
            }),
            ProblemKind::OutOfRange,
        ),
        (
            "groups",
            Box::new(|s| {
                s.groups = (0..70_000)
                    .map(|i| GroupSpec::new(format!("g{i}"), 1, 1.0, None))
                    .collect::<Result<_, _>>()?;
                Ok(())
            }),
            ProblemKind::OutOfRange,
        ),
        (
            "groups",
            Box::new(|s| {
                s.groups.clear();
                Ok(())
            }),
            ProblemKind::MissingField,
        ),
    ];
    for (field, break_it, kind) in cases {
        let mut parts = base.clone().into_parts();
        let problems = match break_it(&mut parts) {
            Err(problems) => problems,
            Ok(()) => Scenario::new(parts).expect_err(field).problems,
        };
        assert!(
            problems.iter().any(|p| p.field == field && p.kind == kind),
            "{field}: {problems:#?}"
        );
    }
}

#[test]
fn hand_built_plan_is_refused_where_the_day_loop_could_panic_or_wrap() {
    use route_sim::simulate::{GroupPlan, ModelParams, Plan, PlanError, PlanEvent, PlanKind};
    let depart = chrono::NaiveDate::from_ymd_opt(2021, 9, 4).unwrap();
    let group = GroupPlan::new("main", 400.0, 1.0, 100.0).unwrap();
    let plan = |groups: Vec<GroupPlan>, events: Vec<PlanEvent>| {
        Plan::from_parts(depart, 100.0, ModelParams::default(), groups, events)
    };
    let event = |kind| PlanEvent::new(1, 1, Vec::new(), kind).unwrap();
    assert!(plan(vec![group.clone()], vec![event(PlanKind::Rest)]).is_ok());
    // A run indexes groups in 16 bits: 65,537 would wrap to g0.
    assert_eq!(
        plan(vec![group.clone(); 65_537], Vec::new()),
        Err(PlanError::TooManyGroups(65_537))
    );
    assert_eq!(plan(Vec::new(), Vec::new()), Err(PlanError::NoGroups));
    // A group's own values are refused when it is built, its stop beyond the route by the plan.
    assert!(matches!(
        GroupPlan::new("main", 400.0, 1.0, f64::NAN),
        Err(PlanError::OutOfRange { field, .. }) if field == "stop_km"
    ));
    let beyond = GroupPlan::new("main", 400.0, 1.0, 150.0).unwrap();
    assert!(matches!(
        plan(vec![beyond], Vec::new()),
        Err(PlanError::OutOfRange { field, .. }) if field == "groups[0].stop_km"
    ));
    // A split into a group that does not exist indexed past the day loop's slices.
    assert!(matches!(
        plan(vec![group.clone()], vec![event(PlanKind::Split { into: 5, share: 0.5 })]),
        Err(PlanError::NoSuchGroup { field, index: 5 }) if field == "events[0].into"
    ));
    for (kind, field) in [
        (PlanKind::Leave { share: 2.0 }, "share"),
        (
            PlanKind::Ride {
                km_per_day: f64::NAN,
            },
            "km_per_day",
        ),
        (PlanKind::Join { per_day: -1.0 }, "per_day"),
        (
            PlanKind::Disperse {
                share: 1.0,
                detained: 1e12,
                hold_km: None,
            },
            "detained",
        ),
    ] {
        assert!(
            matches!(
                PlanEvent::new(1, 1, Vec::new(), kind),
                Err(PlanError::OutOfRange { field: f, .. }) if f == field
            ),
            "{field}"
        );
    }
    assert!(matches!(
        GroupPlan::new("main", -1.0, 1.0, 100.0),
        Err(PlanError::OutOfRange { field, .. }) if field == "headcount"
    ));
    assert_eq!(
        PlanEvent::new(1, 0, Vec::new(), PlanKind::Rest),
        Err(PlanError::Days {
            first_day: 1,
            last_day: 0
        })
    );
    let mut ok = plan(
        vec![group],
        vec![event(PlanKind::Ride { km_per_day: 300.0 })],
    )
    .unwrap();
    assert!(ok.set_ride_km_per_day(0, f64::INFINITY).is_err());
    assert!(ok.set_pace_km_per_day(-1.0).is_err());
    ok.set_pace_km_per_day(30.0).unwrap();
    assert_eq!(ok.params().pace_km_per_day(), 30.0);
}

#[test]
fn runs_above_the_limit_are_refused_by_the_library_too() {
    use route_sim::ensemble::{MAX_RUNS, Runs, RunsError};
    // `run_ensemble` takes a `Runs`, which cannot hold more than MAX_RUNS (32-bit counts).
    assert_eq!(Runs::new(MAX_RUNS).map(Runs::get), Ok(MAX_RUNS));
    assert_eq!(
        Runs::new(1_000_000_000_000),
        Err(RunsError::TooMany(1_000_000_000_000))
    );
    assert_eq!(Runs::new(0), Err(RunsError::None));
}

/// A split of `b` from `main` on 7 Sep (lines 6–11), then `more`.
fn split_on_the_7th(more: &str) -> String {
    caravan(
        "2021-09-04",
        &format!(
            "[[events]]\nkind = \"split\"\ndate = \"2021-09-07\"\ngroup = \"main\"\nnew_group = \"b\"\nshare = 0.5\n\n{more}"
        ),
    )
}

#[test]
fn group_named_before_it_forms_is_refused_every_one_at_once() {
    let more = "\
[[events]]
kind = \"rest\"
date = \"2021-09-05\"
until = \"2021-09-06\"
group = \"b\"

[[events]]
kind = \"disperse\"
date = \"2021-09-06\"
groups = [\"b\"]

[[sightings]]
date = \"2021-09-06\"
place = \"Huixtla\"
kind = \"night_stop\"
group = \"b\"
source = \"seeds/003_25321d6d4e84da1a.toml\"
";
    let (_dir, path) = write("before.toml", &split_on_the_7th(more));
    let stderr = refused(&path, &[]);
    assert!(stderr.contains("3 problems"), "{stderr}");
    // A rest that ends before the group forms, and a dispersal (which acts on its first
    // day) dated before it, can never apply to it.
    assert_names(&stderr, &path, 17, "events[1].group", "can never apply");
    assert_names(
        &stderr,
        &path,
        22,
        "events[2].groups",
        "only forms on 2021-09-07",
    );
    // A sighting of a group that did not exist yet.
    assert_names(
        &stderr,
        &path,
        28,
        "sightings[0].group",
        "split from `main`",
    );
    // The same sighting on the day of the split is fine.
    let (dir, path) = write(
        "on_the_day.toml",
        &split_on_the_7th(&more[more.find("[[sightings]]").unwrap()..].replace("09-06", "09-07")),
    );
    run_ok(
        &[
            "--scenario",
            path.to_str().unwrap(),
            "--outputs",
            "daily",
            "-q",
        ],
        &dir.path().join("ok"),
    );
}

#[test]
fn event_starting_before_its_group_forms_warns_and_runs() {
    // A user may mean a rest of every named group from 6 to 8 Sep although `b` only forms
    // on the 7th: it applies to `b` from then, and the run says so.
    let more = "[[events]]\nkind = \"rest\"\ndate = \"2021-09-06\"\nuntil = \"2021-09-08\"\ngroups = [\"main\", \"b\"]\n";
    let (dir, path) = write("partial.toml", &split_on_the_7th(more));
    let out = route_sim()
        .args([
            "--scenario",
            path.to_str().unwrap(),
            "--outputs",
            "daily",
            "--out",
        ])
        .arg(dir.path().join("ok"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let at = format!("warning: {}:17: field `events[1].groups`", path.display());
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with(&at) && l.contains("applies to it only from then")),
        "no `{at}` in:\n{stderr}"
    );
    // The library keeps it with the scenario, and a scenario built in code gets it too.
    let (s, _) = scenario_of(&split_on_the_7th(more));
    assert_eq!(s.warnings().len(), 1);
    let rebuilt = route_sim::scenario::Scenario::new(s.into_parts()).unwrap();
    assert_eq!(rebuilt.warnings()[0].field, "events[1].groups");
}

#[test]
fn route_errors_are_typed_problems_of_the_route_field() {
    // A scenario built in code skips the file's road checks; its route's error still comes
    // out as a typed problem of the scenario, rendered like every other.
    use route_sim::route::Route;
    use route_sim::scenario::Scenario;
    let (base, _) = scenario_of(&caravan("2021-09-04", ""));
    let mut parts = base.into_parts();
    parts.route_towns[1] = gazetteer().lookup("Havana").unwrap().clone();
    parts.route_towns.truncate(2);
    let s = Scenario::new(parts).expect("its parts fit together");
    let e = Route::of_scenario(&s).unwrap_err().in_scenario(&s);
    assert_eq!(e.problems.len(), 1);
    assert_eq!(e.problems[0].field, "route");
    assert_eq!(e.problems[0].kind, ProblemKind::UnknownPlace);
    assert!(
        e.to_string().contains(
            "test.toml: field `route`: `Havana, La Habana, Cuba` is not reachable by road"
        ),
        "{e}"
    );
}

#[test]
fn scenarios_built_from_random_parts_either_refuse_or_plan_simulate_and_validate() {
    // A small fuzz of the constructors: random parts (many of them out of range or out of
    // order on purpose). Each part either builds or names its fields; a scenario either
    // builds or lists typed problems; one that builds plans (or names the off-route place),
    // simulates, varies in an ensemble and validates without a panic.
    use rand::{RngExt, SeedableRng};
    use route_sim::ensemble::{Runs, Variation, run_ensemble};
    use route_sim::route::Route;
    use route_sim::scenario::{
        Event, EventKind, GroupSpec, HeadcountKind, Scenario, Sighting, SightingKind, Source,
    };
    use route_sim::simulate::{ModelParams, Plan, simulate};
    let (base, _) = scenario_of(&caravan("2021-09-04", ""));
    let towns = [
        gazetteer().lookup("Huixtla").unwrap().clone(),
        gazetteer().lookup("Arriaga").unwrap().clone(),
        gazetteer().lookup("Oaxaca").unwrap().clone(),
    ];
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(14);
    let (mut built, mut simulated, mut refused) = (0, 0, 0);
    for _ in 0..300 {
        let mut parts = base.clone().into_parts();
        let day = |rng: &mut rand_chacha::ChaCha8Rng| {
            parts.depart + chrono::Days::new(rng.random_range(0..80)) - chrono::Days::new(5)
        };
        let mut names = vec!["main".to_string()];
        let mut problems = Vec::new();
        match ModelParams::new(
            rng.random_range(-5.0..120.0),
            rng.random_range(0.0..0.7),
            rng.random_range(0.0..1.1),
            rng.random_range(0..70),
        ) {
            Ok(p) => parts.params = p,
            Err(p) => problems.extend(p),
        }
        for g in 0..rng.random_range(0..3) {
            let name = format!("g{g}");
            match GroupSpec::new(
                name.clone(),
                rng.random_range(0..120_000_000),
                rng.random_range(0.0..25.0),
                None,
            ) {
                Ok(spec) => {
                    parts.groups.push(spec);
                    names.push(name);
                }
                Err(p) => problems.extend(p),
            }
        }
        for k in 0..rng.random_range(0..7) {
            let pick = |rng: &mut rand_chacha::ChaCha8Rng, names: &[String]| {
                names[rng.random_range(0..names.len())].clone()
            };
            let kind = match rng.random_range(0..8) {
                0 => EventKind::Rest,
                1 => EventKind::Wait {
                    place: towns[rng.random_range(0..towns.len())].clone(),
                },
                2 => EventKind::Ride {
                    km_per_day: rng.random_range(0.0..2500.0),
                },
                3 => EventKind::Join {
                    headcount: rng.random_range(0..2000),
                },
                4 => EventKind::Leave {
                    share: rng.random_range(0.0..1.2),
                },
                5 => EventKind::Disperse {
                    share: rng.random_range(0.0..1.0),
                    detained: rng.random_range(0..800),
                    place: None,
                },
                _ => {
                    let new_group = format!("s{k}");
                    names.push(new_group.clone());
                    EventKind::Split {
                        group: pick(&mut rng, &names),
                        new_group,
                        share: rng.random_range(0.0..1.0),
                        pace_factor: rng.random_range(0.5..2.0),
                        destination: None,
                    }
                }
            };
            let start = day(&mut rng);
            let end = start + chrono::Days::new(rng.random_range(0..4));
            let groups = rng.random_bool(0.5).then(|| vec![pick(&mut rng, &names)]);
            match Event::new(kind, start, end) {
                Ok(e) => parts.events.push(e.for_groups(groups)),
                Err(p) => problems.extend(p),
            }
        }
        for _ in 0..rng.random_range(0..4) {
            let headcount = rng
                .random_bool(0.5)
                .then(|| (rng.random_range(0..2000), HeadcountKind::Estimate));
            let group = rng
                .random_bool(0.3)
                .then(|| names[rng.random_range(0..names.len())].clone());
            match Sighting::new(
                day(&mut rng),
                towns[rng.random_range(0..2)].clone(),
                SightingKind::NightStop,
                headcount,
                Source::Seed("seeds/003_25321d6d4e84da1a.toml".into()),
            ) {
                Ok(s) => parts.sightings.push(s.of_group(group)),
                Err(p) => problems.extend(p),
            }
        }
        assert!(
            problems
                .iter()
                .all(|p| !p.field.is_empty() && !p.message.is_empty())
        );
        let scenario = match Scenario::new(parts) {
            Ok(s) => s,
            Err(e) => {
                assert!(!e.problems.is_empty());
                refused += 1;
                continue;
            }
        };
        built += 1;
        let route = Route::of_scenario(&scenario).expect("the file's route");
        let Ok(plan) = Plan::new(&scenario, &route) else {
            continue;
        };
        let run = simulate(&plan, 7);
        route_sim::validate::validate(&scenario, &route, &run);
        run_ensemble(
            &plan,
            &route,
            7,
            Runs::new(3).unwrap(),
            Variation::from_record(0.46),
            &|| (),
        );
        simulated += 1;
    }
    eprintln!("built {built}, simulated {simulated}, refused {refused}");
    assert!(
        built >= 50 && simulated >= 50 && refused >= 50,
        "the fuzz covers both sides: built {built}, simulated {simulated}, refused {refused}"
    );
}

/// A town table's bad row is typed: its line, its column and the sort of mistake.
#[test]
fn town_table_errors_carry_line_field_and_kind() {
    use route_sim::gazetteer::{Gazetteer, TableErrorKind};
    let header = "id,name,ascii_name,country,country_code,admin1,lat,lon,population,aliases,kind,tier,geonameid,source\n";
    let good = "a,A,A,Mexico,MX,Chiapas,15.0,-92.0,,,town,major,,test\n";
    for (row, field, kind) in [
        (
            "b,B,B,Mexico,MX,Chiapas,north,-92.0,,,town,major,,test\n",
            "lat",
            TableErrorKind::NotANumber,
        ),
        (
            "b,B,B,Mexico,MX,Chiapas,15.0,-192.0,,,town,major,,test\n",
            "lon",
            TableErrorKind::OutOfRange,
        ),
        (
            "b,B,B,Mexico,MX,Chiapas,15.0,-92.0,,,town,huge,,test\n",
            "tier",
            TableErrorKind::UnknownValue,
        ),
        (
            ",B,B,Mexico,MX,Chiapas,15.0,-92.0,,,town,major,,test\n",
            "id",
            TableErrorKind::Empty,
        ),
        ("b,B\n", "(record)", TableErrorKind::Malformed),
    ] {
        let text = format!("{header}{good}{row}");
        let e = Gazetteer::from_csv_reader(text.as_bytes(), "towns.csv").unwrap_err();
        assert_eq!((e.line, e.field.as_str(), e.kind), (3, field, kind), "{e}");
    }
}

/// A road table's bad row is typed: its line, its column and the sort of mistake.
#[test]
fn road_table_errors_carry_line_field_and_kind() {
    use route_sim::gazetteer::TableErrorKind;
    use route_sim::roads::RoadNetwork;
    let header = "chain,highway,seq,town_id,lon,lat\n0,CA-2,0,a,-92.1,14.6\n";
    let e = RoadNetwork::from_csv_reader(
        format!("{header}0,CA-2,1,b,-92.1,94.6\n").as_bytes(),
        "highways.csv",
    )
    .unwrap_err();
    assert_eq!(
        (e.line, e.field, e.kind),
        (3, "lon/lat", TableErrorKind::OutOfRange)
    );
    let e = RoadNetwork::from_csv_reader(
        format!("{header}0,CA-2,one,b,-92.1,14.6\n").as_bytes(),
        "highways.csv",
    )
    .unwrap_err();
    assert_eq!(
        (e.line, e.field, e.kind),
        (3, "(record)", TableErrorKind::Malformed)
    );
}

/// Writing fitted speeds into text that is not TOML names the line the parser stopped at.
#[test]
fn write_back_into_text_that_is_not_toml_names_the_line() {
    use route_sim::scenario::{WriteBackError, with_fitted_speeds};
    let e = with_fitted_speeds("id = \"t\"\n\nheadcount = = 3\n", 40.0, &[]).unwrap_err();
    assert!(
        matches!(e, WriteBackError::NotToml { line: Some(3), .. }),
        "{e:?}"
    );
    assert!(matches!(
        with_fitted_speeds("id = \"t\"\n", 40.0, &[(0, 90.0)]),
        Err(WriteBackError::NoRide(0))
    ));
}

/// A route's warnings are typed and name the caravan-file field they are about.
#[test]
fn route_warnings_are_typed_and_name_their_field() {
    use route_sim::gazetteer::Gazetteer;
    use route_sim::roads::RoadNetwork;
    use route_sim::route::{Route, RouteWarning};
    let g = Gazetteer::bundled();
    let towns = ["Tapachula", "Arriaga"].map(|n| g.lookup(n).unwrap().clone());
    let route = Route::along_roads(towns.to_vec(), RoadNetwork::bundled(), Some(1.2)).unwrap();
    assert_eq!(route.warnings(), [RouteWarning::RoadFactorOnLinksOnly]);
    assert_eq!(route.warnings()[0].field(), "road_factor");
    assert_eq!(route.warnings()[0].to_problem().field, "road_factor");
    let route = Route::along_roads(towns.to_vec(), RoadNetwork::bundled(), None).unwrap();
    assert!(route.warnings().is_empty());
}

/// A cross-check is stated once: the file reader (at the field's line) and `Scenario::new`
/// (for parts built in code) give the same kind and words.
#[test]
fn cross_checks_give_the_same_kind_and_words_from_a_file_and_from_parts() {
    use route_sim::scenario::{Scenario, parse_scenario};
    let text = caravan(
        "2021-09-04",
        "[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\nkind = \"passing\"\ngroup = \"vanguard\"\nsource = \"seeds/001_9c667aca175d9670.toml\"\n",
    );
    let from_file = parse_scenario(&text, "t.toml", gazetteer()).unwrap_err();
    let p = &from_file.problems[0];
    assert_eq!(
        (p.line, p.field.as_str(), p.kind),
        (Some(10), "sightings[0].group", ProblemKind::Inconsistent)
    );
    // The same sighting, built in code.
    let (base, _) = scenario_of(&caravan(
        "2021-09-04",
        "[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\nkind = \"passing\"\nsource = \"seeds/001_9c667aca175d9670.toml\"\n",
    ));
    let mut parts = base.into_parts();
    parts.sightings[0] = parts.sightings[0].clone().of_group(Some("vanguard".into()));
    let from_parts = Scenario::new(parts).unwrap_err();
    let q = &from_parts.problems[0];
    assert_eq!(
        (q.field.as_str(), q.kind, &q.message),
        ("sightings[0].group", p.kind, &p.message)
    );
    assert!(p.message.contains("(known: main)"), "{}", p.message);
    // An event ending before it starts: a bad date, from the file and from `Event::new`.
    let text = caravan(
        "2021-09-04",
        "[[events]]\nkind = \"rest\"\ndate = \"2021-09-06\"\nuntil = \"2021-09-05\"\n",
    );
    let e = parse_scenario(&text, "t.toml", gazetteer()).unwrap_err();
    let p = &e.problems[0];
    assert_eq!(
        (p.line, p.field.as_str(), p.kind),
        (Some(9), "events[0].until", ProblemKind::BadDate)
    );
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let q = route_sim::scenario::Event::new(
        route_sim::scenario::EventKind::Rest,
        d("2021-09-06"),
        d("2021-09-05"),
    )
    .unwrap_err();
    assert_eq!(
        (q[0].field.as_str(), q[0].kind, &q[0].message),
        ("until", p.kind, &p.message)
    );
}
