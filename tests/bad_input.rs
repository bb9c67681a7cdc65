//! Bad input: exit code 2, a message that says where and suggests the fix, no panic, and
//! nothing written.

mod common;

use common::*;
use std::path::Path;

fn assert_nothing_written(out: &Path) {
    assert!(
        !out.exists(),
        "{} was created although the input was bad",
        out.display()
    );
}

#[test]
fn unknown_caravan_id_lists_the_bundled_ones() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let stderr = run_fails(&[
        "--caravan",
        "honduras-oct2019",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        stderr.contains("honduras-oct2019"),
        "names the bad id: {stderr}"
    );
    assert!(
        stderr.contains("honduras-oct2018"),
        "lists the known ids: {stderr}"
    );
    assert_nothing_written(&out);
}

#[test]
fn unknown_town_names_file_and_line_and_suggests_close_names() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let file = fixture("unknown-town.toml");
    let stderr = run_fails(&[
        "--scenario",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        stderr.contains(&format!("{}:7:", file.display())),
        "names file and line 7: {stderr}"
    );
    assert!(
        stderr.contains("Tapachulla"),
        "quotes the unknown name: {stderr}"
    );
    assert!(
        stderr.contains("`Tapachula, Chiapas, Mexico`"),
        "suggests Tapachula: {stderr}"
    );
    assert_nothing_written(&out);
}

#[test]
fn output_path_that_is_a_file_is_left_unchanged() {
    let dir = temp_dir();
    let file = dir.path().join("results.txt");
    std::fs::write(&file, "keep me\n").unwrap();
    let stderr = run_fails(&[
        "--caravan",
        "honduras-oct2018",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(stderr.contains("results.txt"), "names the path: {stderr}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "keep me\n",
        "the file is unchanged"
    );
    assert_eq!(
        files_in(dir.path()),
        ["results.txt"],
        "nothing else written next to it"
    );
}

#[test]
fn malformed_toml_names_the_line() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let file = fixture("malformed.toml");
    let stderr = run_fails(&[
        "--scenario",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        stderr.contains(&format!("{}:5:", file.display())),
        "names file and line 5: {stderr}"
    );
    assert_nothing_written(&out);
}

#[test]
fn missing_scenario_file_is_named() {
    let dir = temp_dir();
    let missing = dir.path().join("no-such-caravan.toml");
    let stderr = run_fails(&[
        "--scenario",
        missing.to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert!(
        stderr.contains("no-such-caravan.toml"),
        "names the missing file: {stderr}"
    );
    assert_eq!(
        files_in(dir.path()),
        Vec::<String>::new(),
        "nothing written"
    );
}

#[test]
fn nothing_to_simulate_is_a_usage_error() {
    let stderr = run_fails(&[]);
    assert!(stderr.contains("--caravan"), "says what to give: {stderr}");
}

/// Regression: `--out notes.txt/run1` (under an existing file) failed late with exit 1
/// ("cannot write ... Not a directory") instead of being refused as bad usage.
#[test]
fn output_path_under_a_file_is_a_usage_error() {
    let dir = temp_dir();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "keep me\n").unwrap();
    let stderr = run_fails(&[
        "--caravan",
        "honduras-oct2018",
        "--out",
        file.join("run1").to_str().unwrap(),
    ]);
    assert!(stderr.contains("notes.txt"), "names the path: {stderr}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "keep me\n",
        "the file is unchanged"
    );
    assert_eq!(
        files_in(dir.path()),
        ["notes.txt"],
        "nothing else written next to it"
    );
}

/// Regression: errors in `--route`/`--depart` named lines ("--route/--depart:6:") of a
/// caravan file the user never wrote.
#[test]
fn adhoc_route_errors_name_no_hidden_line() {
    let stderr = run_fails(&[
        "--route",
        "Tapachula;Tapachulla",
        "--depart",
        "2018-10-21",
        "--out",
        temp_dir().path().join("out").to_str().unwrap(),
    ]);
    assert!(
        stderr.contains("Tapachulla") && stderr.contains("`Tapachula, Chiapas, Mexico`"),
        "names the town and suggests: {stderr}"
    );
    let line_numbered = stderr
        .match_indices("--route/--depart:")
        .any(|(i, m)| stderr[i + m.len()..].starts_with(|c: char| c.is_ascii_digit()));
    assert!(
        !line_numbered,
        "no line number of a generated file: {stderr}"
    );
}
