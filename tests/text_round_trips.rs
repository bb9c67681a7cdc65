//! No text round trips (issue 14, item 3): fitted values are written into caravan files with
//! a format-preserving TOML editor, whatever the file's layout.

mod common;

use common::*;
use route_sim::scenario::{parse_scenario, with_fitted_speeds};

const HEAD: &str = "# a caravan; see [model] below for the pace\nid = \"t\"\ndepart = \"2021-09-04\"\nroute = [\"Tapachula\", \"Huixtla\", \"Arriaga\"]\nheadcount = 400\n";

const RIDE: &str = "[[events]]\nkind = \"ride\"   # buses from Huixtla\ndate = \"2021-09-05\"\nkm_per_day = 120.0 # reported\n";

/// Write back pace 44.44 and the ride's 98.76, check the text parses to those values (one
/// decimal) and keeps every comment of `text`.
fn writes_back(text: &str) -> String {
    let out = with_fitted_speeds(text, 44.44, &[(0, 98.76)])
        .unwrap_or_else(|e| panic!("{e} for:\n{text}"));
    let s = parse_scenario(&out, "fitted.toml", gazetteer())
        .unwrap_or_else(|e| panic!("the written file is not a valid caravan: {e}\n{out}"));
    assert_eq!(s.params().pace_km_per_day(), 44.4, "{out}");
    match &s.events()[0].kind() {
        route_sim::scenario::EventKind::Ride { km_per_day } => assert_eq!(*km_per_day, 98.8),
        other => panic!("{other:?}"),
    }
    for comment in text
        .lines()
        .filter_map(|l| l.split_once('#').map(|(_, c)| c))
    {
        assert!(out.contains(comment), "comment `{comment}` kept:\n{out}");
    }
    out
}

#[test]
fn calibrated_file_with_model_in_a_comment_stays_valid() {
    // A comment containing "[model]" once had the pace written into the comment.
    let text = format!("{HEAD}{RIDE}[model]\npace_km_per_day = 40.0 # the 2021 pace\n");
    let out = writes_back(&text);
    assert!(
        out.contains("pace_km_per_day = 44.4 # the 2021 pace"),
        "{out}"
    );
}

#[test]
fn calibrated_file_with_an_inline_model_table() {
    // `model = { ... }` once failed with "no [model] header".
    let text = format!("{HEAD}model = {{ max_days = 30 }}\n{RIDE}");
    let out = writes_back(&text);
    assert!(out.contains("max_days = 30"), "{out}");
}

#[test]
fn calibrated_file_without_a_model_table_gets_one() {
    let text = format!("{HEAD}{RIDE}");
    let out = writes_back(&text);
    assert!(out.starts_with(HEAD), "the rest is untouched:\n{out}");
}

#[test]
fn calibrated_file_with_model_before_the_events_and_inline_events() {
    let text = format!(
        "{HEAD}[model]\nmax_days = 30\n\nevents = [ {{ kind = \"ride\", date = \"2021-09-05\", km_per_day = 120.0 }} ]\n"
    );
    // `events = [...]` after `[model]` belongs to the model table: not a caravan file.
    assert!(parse_scenario(&text, "t.toml", gazetteer()).is_err());
    let text = format!(
        "{HEAD}events = [ {{ kind = \"ride\", date = \"2021-09-05\", km_per_day = 120.0 }} ]\n[model]\nmax_days = 30\n"
    );
    writes_back(&text);
}

#[test]
fn calibrate_writes_a_valid_file_when_a_comment_names_model() {
    let dir = temp_dir();
    let file = dir.path().join("c.toml");
    let text = format!(
        "{HEAD}{RIDE}[model]\npace_km_per_day = 40.0\n\n[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\nkind = \"night_stop\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\n"
    );
    std::fs::write(&file, text).unwrap();
    let out = dir.path().join("out");
    run_ok(
        &["--scenario", file.to_str().unwrap(), "--calibrate", "-q"],
        &out,
    );
    let written = std::fs::read_to_string(out.join("t.calibrated.toml")).unwrap();
    assert!(
        written.starts_with("# a caravan; see [model] below"),
        "{written}"
    );
    parse_scenario(&written, "t.calibrated.toml", gazetteer())
        .unwrap_or_else(|e| panic!("{e}\n{written}"));
}

#[test]
fn route_with_a_zero_width_space_is_an_unknown_town_not_a_toml_message() {
    // `--route` was once written out as TOML and parsed back: a zero-width space then gave
    // "too few unicode value digits" about a file the user never wrote.
    let stderr = run_fails(&[
        "--route",
        "Tapachula;Huix\u{200b}tla;Arriaga",
        "--depart",
        "2021-09-04",
        "--out",
        temp_dir().path().join("out").to_str().unwrap(),
    ]);
    assert!(
        stderr.contains("--route, town 2 of 3") && stderr.contains("unknown town"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Huixtla, Chiapas"),
        "suggests the town: {stderr}"
    );
    assert!(!stderr.to_lowercase().contains("toml"), "{stderr}");
}

#[test]
fn library_errors_for_a_quick_route_name_fields_not_flags() {
    let e = route_sim::scenario::scenario_of_parts(
        &["Tapachula", "Huixtlaa"],
        "5 Sep",
        200_000_000,
        Some(-3.0),
        "a quick route",
        gazetteer(),
    )
    .expect_err("four problems");
    let fields: Vec<&str> = e.problems.iter().map(|p| p.field.as_str()).collect();
    for field in ["depart", "route[1]", "model.pace_km_per_day", "headcount"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    let text = e.to_string();
    assert!(!text.contains("--"), "no command-line flags: {text}");
}

#[test]
fn quick_route_calibrates_into_a_complete_caravan_file() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    run_ok(
        &[
            "--route",
            "Tapachula;Huixtla;Arriaga",
            "--depart",
            "2021-09-04",
            "--headcount",
            "300",
            "--calibrate",
            "-q",
        ],
        &out,
    );
    let written = std::fs::read_to_string(out.join("adhoc.calibrated.toml")).unwrap();
    let s = parse_scenario(&written, "adhoc.calibrated.toml", gazetteer())
        .unwrap_or_else(|e| panic!("{e}\n{written}"));
    assert_eq!(s.route_towns().len(), 3);
    assert_eq!(s.total_headcount(), 300);
}
