//! The same inputs and `--rng-seed` give byte-identical outputs; another seed changes them.

mod common;

use common::*;

#[test]
fn same_rng_seed_gives_byte_identical_files_in_two_directories() {
    let (a, b) = (temp_dir(), temp_dir());
    run_ok(
        &[
            "--caravan",
            "honduras-oct2018",
            "--rng-seed",
            "7",
            "--quiet",
        ],
        a.path(),
    );
    run_ok(
        &[
            "--caravan",
            "honduras-oct2018",
            "--rng-seed",
            "7",
            "--quiet",
        ],
        b.path(),
    );
    let names = files_in(a.path());
    assert_eq!(names, files_in(b.path()), "same file names");
    assert!(
        names
            .iter()
            .any(|n| n.rsplit_once('.').is_some_and(|(_, x)| x == "png")),
        "PNGs are compared too: {names:?}"
    );
    for name in &names {
        let (x, y) = (
            std::fs::read(a.path().join(name)).unwrap(),
            std::fs::read(b.path().join(name)).unwrap(),
        );
        if name == "run.json" {
            // The command lines differ in --out; everything else must not.
            let strip = |bytes: &[u8]| {
                let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
                v.as_object_mut().unwrap().remove("command_line");
                v
            };
            assert_eq!(
                strip(&x),
                strip(&y),
                "run.json differs beyond the command line"
            );
            continue;
        }
        assert!(x == y, "{name} differs between two runs with --rng-seed 7");
    }
}

#[test]
fn another_rng_seed_changes_positions() {
    let (a, b) = (temp_dir(), temp_dir());
    run_ok(
        &[
            "--caravan",
            "honduras-oct2018",
            "--rng-seed",
            "7",
            "--quiet",
        ],
        a.path(),
    );
    run_ok(
        &[
            "--caravan",
            "honduras-oct2018",
            "--rng-seed",
            "8",
            "--quiet",
        ],
        b.path(),
    );
    let read = |dir: &std::path::Path| std::fs::read(dir.join("positions.geojson")).unwrap();
    assert!(
        read(a.path()) != read(b.path()),
        "--rng-seed 7 and 8 give the same positions"
    );
    // The route does not depend on the seed.
    let route = |dir: &std::path::Path| std::fs::read(dir.join("route.geojson")).unwrap();
    assert!(
        route(a.path()) == route(b.path()),
        "route.geojson depends on the seed"
    );
}
