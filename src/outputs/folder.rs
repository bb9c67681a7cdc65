//! Output folders that are never left half-written: a lock, unique temporary names, a
//! manifest (`run.json`) and the removal of what an earlier run wrote and this one did not.
//!
//! A run writes into a folder in four steps, holding an exclusive lock on
//! `<dir>/.route-sim.lock` throughout (a second run into the same folder exits with
//! [`OutputError::Busy`], code 2, rather than mixing its files with the first run's):
//!
//! 1. temporary files a killed run left (`.route-sim-*.tmp`) are removed;
//! 2. every file, `run.json` included, is written to its own unique temporary name in the
//!    folder (`tempfile`), so a full disk or any other error leaves the folder untouched;
//!    a file is streamed into its temporary name as it is rendered ([`OutputFolder::stage_with`]),
//!    hashed for the manifest on the way, so no output is ever held whole in memory;
//! 3. only when all are written is each renamed over its final name (a rename within one
//!    folder replaces the old file in one step, so no reader ever sees a partial file);
//! 4. files the previous `run.json` lists and this run did not write are removed. Only names
//!    route-sim itself writes are ever removed, never anything else in the folder.

use super::OutputError;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// The manifest's file name.
pub const MANIFEST: &str = "run.json";
/// The lock file; it stays in the folder (removing it would race with a waiting run).
pub const LOCK: &str = ".route-sim.lock";
/// The temporary names of [`super::temp_file_builder`].
const TMP_PREFIX: &str = ".route-sim-";
const TMP_SUFFIX: &str = ".tmp";

/// What the manifest says about the run besides its files.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    /// The command line as typed, program name first.
    pub command_line: Vec<String>,
    /// Seed of the run, if the command has one.
    pub rng_seed: Option<u64>,
    /// Each input by name with its bytes, checksummed into the manifest.
    pub inputs: Vec<(String, Vec<u8>)>,
}

impl RunInfo {
    /// The current process's command line with the given seed and inputs.
    pub fn from_env(rng_seed: Option<u64>, inputs: Vec<(String, Vec<u8>)>) -> Self {
        RunInfo {
            command_line: std::env::args().collect(),
            rng_seed,
            inputs,
        }
    }
}

/// An output folder locked for this process until it is dropped.
#[derive(Debug)]
pub struct OutputFolder {
    dir: PathBuf,
    lock: File,
    /// The folder did not exist before: removed again if the run writes nothing.
    created: bool,
    committed: bool,
    /// Files written to their temporary names, in the order staged; renamed by
    /// [`OutputFolder::finish`], removed (by `NamedTempFile`) if the folder is dropped first.
    staged: Vec<Staged>,
}

/// A complete file waiting under its temporary name.
#[derive(Debug)]
struct Staged {
    name: String,
    tmp: NamedTempFile,
    bytes: u64,
    sha256: String,
}

/// Where an output is streamed: its temporary file behind a buffer, every byte also fed to
/// its SHA-256 (hashed a buffer at a time while still in cache, not re-read for the manifest).
#[derive(Debug)]
pub struct StagedFile {
    out: BufWriter<HashingFile>,
}

#[derive(Debug)]
struct HashingFile {
    tmp: NamedTempFile,
    hash: Sha256,
    bytes: u64,
}

impl Write for HashingFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.tmp.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

impl Write for StagedFile {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }

    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Buffer between a renderer and its temporary file: large enough that the writes and the
/// hashing run in big blocks, small enough to stay in cache.
const STAGE_BUFFER: usize = 256 * 1024;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write;
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Whether a name is one route-sim writes into an output folder, so a manifest (which anyone
/// can edit) can never make a run remove other files.
fn is_route_sim_output(name: &str) -> bool {
    let plain = !name.contains(['/', '\\']) && !name.starts_with('.') && !name.is_empty();
    plain
        && (super::Output::ALL.iter().any(|o| o.file_name() == name)
            || name.ends_with(".calibrated.toml")
            || crate::outputs::EXTRA_OUTPUT_NAMES.contains(&name))
}

impl OutputFolder {
    /// Create `dir` if needed and lock it; fails with [`OutputError::Busy`] if another run
    /// holds the lock, and before any work if `dir` is, or lies under, a file.
    pub fn lock(dir: &Path) -> Result<Self, OutputError> {
        super::check_out_dir(dir)?;
        let created = !dir.exists();
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let lock_path = dir.join(LOCK);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io(&lock_path))?;
        // fs4's flock (std's File::try_lock needs Rust 1.89); released by the kernel when
        // the process ends, however it ends.
        match fs4::FileExt::try_lock(&lock) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => {
                return Err(OutputError::Busy(dir.to_path_buf()));
            }
            Err(fs4::TryLockError::Error(e)) => return Err(io(&lock_path)(e)),
        }
        // Temporaries of a killed run go before this run adds its own.
        remove_stale_temporaries(dir);
        Ok(OutputFolder {
            dir: dir.to_path_buf(),
            lock,
            created,
            committed: false,
            staged: Vec::new(),
        })
    }

    /// The output folder this guard locks.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Write `files` and `run.json` as one set (see the module doc); returns the paths
    /// written, `run.json` last.
    pub fn commit(
        mut self,
        files: &[(String, &[u8])],
        info: &RunInfo,
    ) -> Result<Vec<PathBuf>, OutputError> {
        // A directory where a file must go would fail the rename half-way: refuse it first.
        for (name, _) in files {
            self.refuse_directory(name)?;
        }
        for (name, bytes) in files {
            self.stage(name, bytes)?;
        }
        self.finish(info)
    }

    fn refuse_directory(&self, name: &str) -> Result<(), OutputError> {
        let path = self.dir.join(name);
        if path.is_dir() {
            return Err(OutputError::NotAFile(path));
        }
        Ok(())
    }

    /// Stage one file of the set: `bytes` written to a temporary name, to be renamed by
    /// [`OutputFolder::finish`].
    pub fn stage(&mut self, name: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.stage_with(name, |w| w.write_all(bytes))
    }

    /// Stage one file of the set, streamed by `write` into its temporary name (and hashed
    /// for the manifest on the way). Nothing in the folder changes until
    /// [`OutputFolder::finish`]; an error, here or later, leaves the folder as it was.
    pub fn stage_with(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut StagedFile) -> std::io::Result<()>,
    ) -> Result<(), OutputError> {
        self.refuse_directory(name)?;
        let target = self.dir.join(name);
        let tmp = super::temp_file_builder()
            .tempfile_in(&self.dir)
            .map_err(io(&target))?;
        let mut file = StagedFile {
            out: BufWriter::with_capacity(
                STAGE_BUFFER,
                HashingFile {
                    tmp,
                    hash: Sha256::new(),
                    bytes: 0,
                },
            ),
        };
        write(&mut file).map_err(io(&target))?;
        let done = file
            .out
            .into_inner()
            .map_err(|e| io(&target)(e.into_error()))?;
        self.staged.push(Staged {
            name: name.to_string(),
            tmp: done.tmp,
            bytes: done.bytes,
            sha256: hex(&done.hash.finalize()),
        });
        Ok(())
    }

    /// Write `run.json` for the files staged, then rename every file over its final name and
    /// remove what the previous run wrote and this one did not (see the module doc); returns
    /// the paths written, in the order staged, `run.json` last.
    pub fn finish(mut self, info: &RunInfo) -> Result<Vec<PathBuf>, OutputError> {
        let previous = previous_manifest_files(&self.dir);
        let manifest = manifest(&self.staged, info);
        self.stage(MANIFEST, &manifest)?;
        // Every file is complete: now replace the old set. An error leaves the temporaries
        // not yet renamed to be removed when the folder is dropped.
        let mut written = Vec::with_capacity(self.staged.len());
        let staged = std::mem::take(&mut self.staged);
        let names: Vec<String> = staged.iter().map(|s| s.name.clone()).collect();
        for s in staged {
            let target = self.dir.join(&s.name);
            s.tmp.persist(&target).map_err(|e| io(&target)(e.error))?;
            written.push(target);
        }
        for name in previous {
            if !names.contains(&name) {
                let path = self.dir.join(&name);
                if path.is_file() {
                    std::fs::remove_file(&path).map_err(io(&path))?;
                }
            }
        }
        self.committed = true;
        Ok(written)
    }
}

impl Drop for OutputFolder {
    fn drop(&mut self) {
        // Temporaries of a failed run go first (before the folder can be removed).
        self.staged.clear();
        let _ = fs4::FileExt::unlock(&self.lock);
        // A folder this run created and wrote nothing into goes away again.
        if self.created && !self.committed {
            let _ = std::fs::remove_file(self.dir.join(LOCK));
            let _ = std::fs::remove_dir(&self.dir);
        }
    }
}

/// Temporaries of a run that was killed (we hold the lock, so no live run owns them), and
/// the `.<file>.partial` names of route-sim versions before the lock.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = (name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX))
            || name
                .strip_prefix('.')
                .and_then(|n| n.strip_suffix(".partial"))
                .is_some_and(is_route_sim_output);
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Output names the folder's current `run.json` lists (none if it is missing or unreadable).
fn previous_manifest_files(dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(dir.join(MANIFEST)) else {
        return Vec::new();
    };
    let Ok(v) = serde_json::from_str::<Value>(&text) else {
        return Vec::new();
    };
    if v.get("generator").and_then(Value::as_str) != Some("route-sim") {
        return Vec::new();
    }
    v.get("files")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| f.get("name").and_then(Value::as_str))
        .filter(|n| is_route_sim_output(n))
        .map(str::to_string)
        .collect()
}

/// `run.json`: who wrote the folder, from what, and each file's size and SHA-256.
fn manifest(files: &[Staged], info: &RunInfo) -> Vec<u8> {
    let inputs: Vec<Value> = info
        .inputs
        .iter()
        .map(|(name, bytes)| json!({ "name": name, "bytes": bytes.len(), "sha256": sha256_hex(bytes) }))
        .collect();
    let out: Vec<Value> = files
        .iter()
        .map(|f| json!({ "name": f.name, "bytes": f.bytes, "sha256": f.sha256 }))
        .collect();
    let v = json!({
        "generator": "route-sim",
        "route_sim_version": env!("CARGO_PKG_VERSION"),
        "command_line": info.command_line,
        "rng_seed": info.rng_seed,
        "inputs": inputs,
        "files": out,
    });
    let mut text = serde_json::to_string_pretty(&v).expect("manifest serializes");
    text.push('\n');
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_second_lock_on_one_folder_is_refused_until_the_first_is_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let first = OutputFolder::lock(tmp.path()).unwrap();
        assert!(matches!(
            OutputFolder::lock(tmp.path()),
            Err(OutputError::Busy(_))
        ));
        drop(first);
        assert!(OutputFolder::lock(tmp.path()).is_ok());
    }

    #[test]
    fn stale_temporaries_are_removed_and_files_of_the_previous_run_only_if_listed() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        let info = RunInfo::default();
        let a: Vec<(String, &[u8])> =
            vec![("route.geojson".into(), b"1"), ("map.png".into(), b"2")];
        OutputFolder::lock(d).unwrap().commit(&a, &info).unwrap();
        std::fs::write(d.join(".route-sim-abc123.tmp"), "half").unwrap();
        std::fs::write(d.join("notes.txt"), "mine").unwrap();
        std::fs::write(d.join("daily.csv"), "not from route-sim's manifest").unwrap();
        let b: Vec<(String, &[u8])> = vec![("route.geojson".into(), b"3")];
        OutputFolder::lock(d).unwrap().commit(&b, &info).unwrap();
        assert_eq!(
            names(d),
            [
                ".route-sim.lock",
                "daily.csv",
                "notes.txt",
                "route.geojson",
                "run.json"
            ]
        );
        assert_eq!(std::fs::read(d.join("route.geojson")).unwrap(), b"3");
    }

    #[test]
    fn a_manifest_naming_other_files_removes_none_of_them() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        for n in ["notes.txt", ".bashrc"] {
            std::fs::write(d.join(n), "keep").unwrap();
        }
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/route.geojson"), "keep").unwrap();
        std::fs::write(
            d.join(MANIFEST),
            r#"{"generator":"route-sim","files":[{"name":"notes.txt"},{"name":".bashrc"},{"name":"sub/route.geojson"},{"name":"../x"}]}"#,
        )
        .unwrap();
        let b: Vec<(String, &[u8])> = vec![("map.png".into(), b"3")];
        OutputFolder::lock(d)
            .unwrap()
            .commit(&b, &RunInfo::default())
            .unwrap();
        assert!(d.join("notes.txt").exists() && d.join(".bashrc").exists());
        assert!(d.join("sub/route.geojson").exists());
    }

    #[test]
    fn a_directory_named_like_an_output_leaves_the_folder_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        let a: Vec<(String, &[u8])> = vec![("route.geojson".into(), b"old")];
        OutputFolder::lock(d)
            .unwrap()
            .commit(&a, &RunInfo::default())
            .unwrap();
        let before = std::fs::read(d.join(MANIFEST)).unwrap();
        std::fs::create_dir(d.join("map.png")).unwrap();
        let b: Vec<(String, &[u8])> =
            vec![("route.geojson".into(), b"new"), ("map.png".into(), b"png")];
        let err = OutputFolder::lock(d)
            .unwrap()
            .commit(&b, &RunInfo::default());
        assert!(matches!(err, Err(OutputError::NotAFile(_))));
        assert_eq!(std::fs::read(d.join("route.geojson")).unwrap(), b"old");
        assert_eq!(std::fs::read(d.join(MANIFEST)).unwrap(), before);
        assert_eq!(
            names(d),
            [".route-sim.lock", "map.png", "route.geojson", "run.json"]
        );
    }

    #[test]
    fn a_folder_created_for_a_run_that_wrote_nothing_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("new");
        drop(OutputFolder::lock(&d).unwrap());
        assert!(!d.exists());
    }
}
