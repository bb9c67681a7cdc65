//! The sighting schema: `kind`, `source` (seed record or `{ outlet, title, date, url }`),
//! `group`, `headcount_kind`; every problem of a file reported at once with line and field.

mod common;

use chrono::NaiveDate;
use common::*;
use route_sim::scenario::{
    HeadcountKind, Problem, Scenario, ScenarioError, SightingKind, Source, parse_scenario,
};

/// A caravan of two groups departing 2021-09-04 with `max_days = 10`, then `sightings`.
/// The header is 14 lines, so the first sighting's `[[sightings]]` is on line 15.
fn caravan(sightings: &str) -> String {
    format!(
        r#"id = "t"
depart = "2021-09-04"
route = ["Tapachula", "Huixtla", "Mapastepec", "Arriaga"]
[model]
max_days = 10
[[groups]]
name = "main"
headcount = 300
[[groups]]
name = "vanguard"
headcount = 50
pace_factor = 1.5
# sightings follow
#
{sightings}"#
    )
}

fn parse(sightings: &str) -> Result<Scenario, ScenarioError> {
    parse_scenario(&caravan(sightings), "t.toml", gazetteer())
}

fn problems(sightings: &str) -> Vec<Problem> {
    match parse(sightings) {
        Ok(_) => panic!("expected problems in:\n{sightings}"),
        Err(e) => e.problems,
    }
}

/// The single problem with `field`, asserting its line.
fn problem<'a>(all: &'a [Problem], field: &str, line: usize) -> &'a Problem {
    let found: Vec<_> = all.iter().filter(|p| p.field == field).collect();
    assert_eq!(found.len(), 1, "one problem on `{field}` in {all:#?}");
    assert_eq!(found[0].line, Some(line), "line of `{field}`: {all:#?}");
    found[0]
}

const REPORT: &str = r#"{ outlet = "EFE", title = "Caravana sale de Huixtla", date = "2021-09-06", url = "https://example.org/a" }"#;

#[test]
fn both_source_forms_and_every_kind_resolve_to_typed_values() {
    let mut text = String::new();
    for (i, kind) in SightingKind::ALL.iter().enumerate() {
        let source = if i % 2 == 0 {
            REPORT.to_string()
        } else {
            "\"seeds/003_25321d6d4e84da1a.toml\"".to_string()
        };
        text.push_str(&format!(
            "[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\nkind = \"{}\"\nheadcount = {}\nheadcount_kind = \"at_most\"\ngroup = \"vanguard\"\nsource = {source}\n\n",
            kind.name(),
            100 + i
        ));
    }
    let s = parse(&text).expect("valid sightings");
    assert_eq!(s.sightings().len(), 6);
    for (i, (sighting, kind)) in s.sightings().iter().zip(SightingKind::ALL).enumerate() {
        assert_eq!(sighting.kind(), kind);
        assert_eq!(sighting.is_position(), kind != SightingKind::Count);
        assert_eq!(sighting.headcount(), Some(100 + i as u64));
        assert_eq!(sighting.headcount_kind(), HeadcountKind::AtMost);
        assert_eq!(sighting.group(), Some("vanguard"));
        assert_eq!(sighting.line(), 16 + 9 * i, "line of sighting {i}'s date");
        match &sighting.source() {
            Source::Report(r) if i % 2 == 0 => {
                assert_eq!(r.outlet, "EFE");
                assert_eq!(r.title, "Caravana sale de Huixtla");
                assert_eq!(r.date, NaiveDate::from_ymd_opt(2021, 9, 6).unwrap());
                assert_eq!(r.url, "https://example.org/a");
            }
            Source::Seed(p) if i % 2 == 1 => assert_eq!(p, "seeds/003_25321d6d4e84da1a.toml"),
            other => panic!("sighting {i}: wrong source form {other:?}"),
        }
    }
}

#[test]
fn unknown_place_names_line_and_field() {
    let all = problems(
        "[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtlaa\"\nkind = \"night_stop\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\n",
    );
    let p = problem(&all, "sightings[0].place", 17);
    assert!(p.message.contains("Huixtla"), "suggests the town: {p:?}");
}

#[test]
fn dates_outside_the_caravans_span_are_refused() {
    // Departure 2021-09-04, max_days 10: the span is 4 to 14 September.
    let all = problems(
        "[[sightings]]\ndate = \"2021-09-03\"\nplace = \"Huixtla\"\nkind = \"night_stop\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\n\n\
         [[sightings]]\ndate = \"2021-09-15\"\nplace = \"Huixtla\"\nkind = \"night_stop\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\n\n\
         [[sightings]]\ndate = \"2021-09-14\"\nplace = \"Huixtla\"\nkind = \"night_stop\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\n",
    );
    let early = problem(&all, "sightings[0].date", 16);
    assert!(
        early.message.contains("outside the caravan's span"),
        "{early:?}"
    );
    assert!(early.message.contains("2021-09-04") && early.message.contains("2021-09-14"));
    problem(&all, "sightings[1].date", 22);
    assert_eq!(
        all.len(),
        2,
        "the last day of the span is inside it: {all:#?}"
    );
}

#[test]
fn unknown_group_lists_the_known_ones() {
    let all = problems(
        "[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\nkind = \"night_stop\"\ngroup = \"rearguard\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\n",
    );
    let p = problem(&all, "sightings[0].group", 19);
    assert!(
        p.message.contains("rearguard") && p.message.contains("main, vanguard"),
        "{p:?}"
    );
}

#[test]
fn missing_source_and_missing_kind_are_reported() {
    let all = problems("[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\n");
    let source = problem(&all, "sightings[0].source", 16);
    assert!(source.message.starts_with("missing"), "{source:?}");
    let kind = problem(&all, "sightings[0].kind", 16);
    assert!(
        kind.message.contains("night_stop") && kind.message.contains("count"),
        "{kind:?}"
    );
}

#[test]
fn a_source_table_needs_outlet_title_date_and_url() {
    let all = problems(
        "[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\nkind = \"passing\"\nsource = { title = \"x\", date = \"2021-09-05\", url = \"\" }\n\n\
         [[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\nkind = \"passing\"\nsource = { outlet = \"AP\", title = \"x\", date = \"5 Sep\", url = \"example.org\", page = 3 }\n",
    );
    assert!(
        problem(&all, "sightings[0].source.outlet", 19)
            .message
            .starts_with("missing")
    );
    assert!(
        problem(&all, "sightings[0].source.url", 19)
            .message
            .starts_with("missing")
    );
    assert!(
        problem(&all, "sightings[1].source.date", 25)
            .message
            .contains("not a date")
    );
    assert!(
        problem(&all, "sightings[1].source.url", 25)
            .message
            .contains("web address")
    );
    assert!(
        problem(&all, "sightings[1].source.page", 25)
            .message
            .contains("unknown key")
    );
    assert_eq!(all.len(), 5, "{all:#?}");
}

#[test]
fn a_source_string_must_be_a_seed_record() {
    let all = problems(
        "[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\nkind = \"passing\"\nsource = \"my notes\"\n",
    );
    let p = problem(&all, "sightings[0].source", 19);
    assert!(
        p.message.contains("seed record") && p.message.contains("outlet"),
        "{p:?}"
    );
}

#[test]
fn a_report_dated_before_the_sighting_is_refused() {
    let all = problems(&format!(
        "[[sightings]]\ndate = \"2021-09-07\"\nplace = \"Mapastepec\"\nkind = \"night_stop\"\nsource = {REPORT}\n"
    ));
    let p = problem(&all, "sightings[0].source.date", 19);
    assert!(
        p.message.contains("2021-09-06") && p.message.contains("2021-09-07"),
        "{p:?}"
    );
}

#[test]
fn kind_and_headcount_kind_words_are_checked() {
    let all = problems(
        "[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\nkind = \"camp\"\nheadcount_kind = \"about\"\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\nheadcount = 5\n",
    );
    let kind = problem(&all, "sightings[0].kind", 18);
    assert!(
        kind.message.contains("`camp`") && kind.message.contains("dispersal"),
        "{kind:?}"
    );
    let hk = problem(&all, "sightings[0].headcount_kind", 19);
    assert!(
        hk.message.contains("`about`") && hk.message.contains("at_most"),
        "{hk:?}"
    );
}

#[test]
fn the_old_position_field_says_what_replaced_it() {
    let all = problems(
        "[[sightings]]\ndate = \"2021-09-05\"\nplace = \"Huixtla\"\nkind = \"night_stop\"\nposition = false\nsource = \"seeds/003_25321d6d4e84da1a.toml\"\n",
    );
    let p = problem(&all, "sightings[0].position", 19);
    assert!(p.message.contains("kind = \"count\""), "{p:?}");
}

#[test]
fn every_problem_of_the_file_in_one_run_with_exit_code_2() {
    let dir = temp_dir();
    let file = dir.path().join("bad.toml");
    std::fs::write(
        &file,
        caravan(
            "[[sightings]]\ndate = \"2021-10-30\"\nplace = \"Huixtlaa\"\nkind = \"night_stop\"\ngroup = \"nobody\"\nsource = { outlet = \"AP\", title = \"t\", date = \"2021-10-30\" }\n",
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = route_sim()
        .args([
            "--scenario",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for expected in [
        "4 problems in",
        "bad.toml:16: field `sightings[0].date`",
        "bad.toml:17: field `sightings[0].place`",
        "bad.toml:19: field `sightings[0].group`",
        "bad.toml:20: field `sightings[0].source.url`",
    ] {
        assert!(stderr.contains(expected), "`{expected}` in:\n{stderr}");
    }
    assert!(!out.exists(), "nothing written for a bad file");
}
