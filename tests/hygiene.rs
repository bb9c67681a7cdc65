//! The project's own checks (issue 14, "checks not enforced" and "tests that pass without
//! testing"): CI denies format, lint and doc warnings; the stated Rust version is one; the
//! library carries no binary-only or unused dependency; a test that cannot run fails in CI.
//! Named after the defect each pins.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn cargo_toml() -> toml::Table {
    read("Cargo.toml").parse().expect("Cargo.toml is TOML")
}

#[test]
fn ci_runs_fmt_check_clippy_and_rustdoc_with_warnings_as_errors_before_the_tests() {
    let ci = read(".ci/run");
    let commands: Vec<&str> = ci
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("cargo ") || l.starts_with("RUSTDOCFLAGS"))
        .collect();
    let at = |wanted: &str| {
        commands
            .iter()
            .position(|c| c.contains(wanted))
            .unwrap_or_else(|| panic!("`{wanted}` is not run by .ci/run: {commands:#?}"))
    };
    let fmt = at("cargo fmt --all --check");
    let clippy = at("cargo clippy --release --workspace --all-targets -- -D warnings");
    let doc = at("RUSTDOCFLAGS=\"-D warnings\" cargo doc --no-deps --workspace");
    let test = at("cargo test --release");
    assert!(
        fmt < test && clippy < test && doc < test,
        "checks come first"
    );
    assert!(
        ci.contains("set -euo pipefail"),
        "a failing step fails the run"
    );
    assert!(
        ci.contains("export CI=true"),
        "tests that cannot run fail in CI"
    );
    // Clippy's pedantic set is on, with every allowed lint listed.
    let lints = &cargo_toml()["workspace"]["lints"]["clippy"];
    assert_eq!(lints["pedantic"]["level"].as_str(), Some("warn"));
}

#[test]
fn readme_states_the_rust_version_cargo_toml_requires() {
    let version = cargo_toml()["package"]["rust-version"]
        .as_str()
        .expect("Cargo.toml sets rust-version")
        .to_string();
    assert_eq!(version, "1.88", "geo 0.33 needs 1.88");
    assert!(
        read("README.md").contains(&format!("Rust {version} or later")),
        "README's prerequisite states Rust {version}"
    );
}

#[test]
fn no_unused_anyhow_and_binary_only_crates_stay_out_of_the_library() {
    let toml = cargo_toml();
    let deps = toml["dependencies"].as_table().unwrap();
    assert!(!deps.contains_key("anyhow"), "nothing uses anyhow");
    let cli: Vec<&str> = toml["features"]["cli"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for name in ["clap", "indicatif", "libc"] {
        assert_eq!(
            deps[name]["optional"].as_bool(),
            Some(true),
            "{name} is the binary's only"
        );
        assert!(
            cli.contains(&format!("dep:{name}").as_str()),
            "{name} in feature cli"
        );
    }
    assert_eq!(
        toml["bin"][0]["required-features"][0].as_str(),
        Some("cli"),
        "the binary needs the cli feature"
    );
}

/// Run by the next test as a child process (with and without `CI=true`), not on its own.
#[test]
#[ignore = "a probe: run by a_test_whose_tool_is_missing_fails_under_ci_instead_of_passing"]
fn probe_a_test_whose_tool_is_missing() {
    cannot_run("a tool this probe never finds");
}

#[test]
fn a_test_whose_tool_is_missing_fails_under_ci_instead_of_passing() {
    let probe = |ci: Option<&str>| {
        let mut cmd = Command::new(std::env::current_exe().unwrap());
        cmd.args([
            "--ignored",
            "--exact",
            "--nocapture",
            "probe_a_test_whose_tool_is_missing",
        ]);
        match ci {
            Some(v) => cmd.env("CI", v),
            None => cmd.env_remove("CI"),
        };
        let out = cmd.output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            text.contains("1 passed") || text.contains("1 failed"),
            "the probe ran: {text}"
        );
        (out.status.success(), text)
    };
    let (passed, text) = probe(Some("true"));
    assert!(
        !passed,
        "under CI=true a test that cannot run fails: {text}"
    );
    assert!(text.contains("CI=true and this test cannot run"), "{text}");
    let (passed, text) = probe(None);
    assert!(passed, "locally it is a note, not a failure: {text}");
    assert!(
        text.contains("skipped: a tool this probe never finds"),
        "{text}"
    );
}
