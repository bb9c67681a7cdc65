//! Embeds every `data/caravans/*.toml` so `--caravan ID` works from any directory.

use std::{env, fs, path::Path};

fn main() {
    // Read at run time, not `env!` at compile time: a build script compiled in another
    // checkout (a copied target folder) must still read this checkout's caravans.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("data/caravans");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .expect("data/caravans exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    entries.sort();
    let mut code = String::from(
        "/// (id, TOML text) of each bundled caravan.\npub static BUNDLED_CARAVANS: &[(&str, &str)] = &[\n",
    );
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let id = path.file_stem().unwrap().to_string_lossy();
        code.push_str(&format!(
            "    ({id:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("bundled_caravans.rs"),
        code,
    )
    .unwrap();
}
