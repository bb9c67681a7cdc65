//! Suggestions for misspelt names: a finite-state set of every folded key, searched with a
//! Levenshtein automaton, so a look-up visits only keys within the edit distance instead of
//! scoring all ~40,000 keys.

use fst::automaton::Levenshtein;
use fst::{IntoStreamer, Set, Streamer};

/// The folded keys of the gazetteer as an `fst::Set`.
#[derive(Clone)]
pub struct SpellingIndex {
    set: Set<Vec<u8>>,
}

impl std::fmt::Debug for SpellingIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SpellingIndex({} keys)", self.set.len())
    }
}

impl SpellingIndex {
    pub fn new<'a>(keys: impl Iterator<Item = &'a str>) -> Self {
        let mut keys: Vec<&str> = keys.collect();
        keys.sort_unstable();
        keys.dedup();
        let set = Set::from_iter(keys).expect("sorted, deduplicated keys");
        Self { set }
    }

    /// Keys within `max_edits` insertions, deletions or substitutions of `key`.
    pub fn within(&self, key: &str, max_edits: u32) -> Vec<String> {
        let Ok(automaton) = Levenshtein::new(key, max_edits) else {
            return Vec::new(); // too many automaton states: no suggestion rather than a stall
        };
        let mut stream = self.set.search(automaton).into_stream();
        let mut out = Vec::new();
        while let Some(k) = stream.next() {
            out.push(String::from_utf8_lossy(k).into_owned());
        }
        out
    }
}
