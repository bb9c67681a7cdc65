//! Suggestions for misspelt names: every folded key in a finite-state set, forwards and
//! reversed, searched with a bit-parallel Levenshtein automaton, so a look-up visits only a
//! thin slice of the ~45,000 keys.
//!
//! Two ideas keep a look-up to a few microseconds:
//!
//! - **A split of the name.** If `key` is within `e` edits of the name `q = q1 q2` (split in
//!   the middle), the best alignment cuts `key` into `k1 k2` with `d(q1, k1) + d(q2, k2) ≤ e`,
//!   so either `k1` is within `e - 1 - g` edits of `q1` or `k2` within `g` of `q2` (here
//!   `g = (e - 1) / 2`: for two edits, a prefix within one edit of the first half or a suffix
//!   that spells the second half exactly). The first case is searched in the forward set,
//!   the second in the reversed set with the reversed name; each search prunes at the top of
//!   its trie, where an unsplit search for two edits would visit nearly every short prefix.
//! - **An automaton with no construction cost.** The state is the bit-parallel simulation of
//!   the Levenshtein NFA (Wu and Manber; Baeza-Yates and Navarro): one word per number of
//!   edits, bit `i` set when the key's prefix read so far is within that many edits of the
//!   name's first `i` characters. Stepping it is a few shifts and masks, where a DFA would
//!   first be built for each name (`fst`'s `Levenshtein` takes 2–3 ms a name for that).
//!
//! Distances count characters (insertions, deletions, substitutions; a transposition is two
//! edits), as `strsim::levenshtein` does.

use fst::{Automaton, IntoStreamer, Set, Streamer};

/// Names longer than this (in characters, edits included) are matched by a scan of the keys
/// of a length that could match: the automaton's state holds one bit per character of the
/// name in a `u64` (a `u128` measured 25% slower). No bundled key is longer than 62
/// characters.
const MAX_AUTOMATON_CHARS: usize = 63;

/// The folded keys of the gazetteer as two `fst::Set`s, as written and with each key's
/// characters reversed, and as a list by length in characters for names too long for the
/// automaton.
#[derive(Clone)]
pub struct SpellingIndex {
    forward: Set<Vec<u8>>,
    reversed: Set<Vec<u8>>,
    by_length: Vec<(usize, String)>,
}

impl std::fmt::Debug for SpellingIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SpellingIndex({} keys)", self.forward.len())
    }
}

fn set_of(mut keys: Vec<String>) -> Set<Vec<u8>> {
    keys.sort_unstable();
    keys.dedup();
    Set::from_iter(keys).expect("sorted, deduplicated keys")
}

fn reverse(s: &str) -> String {
    s.chars().rev().collect()
}

impl SpellingIndex {
    pub fn new<'a>(keys: impl Iterator<Item = &'a str>) -> Self {
        let keys: Vec<String> = keys.map(String::from).collect();
        let reversed = keys.iter().map(|k| reverse(k)).collect();
        let mut by_length: Vec<(usize, String)> = keys
            .iter()
            .map(|k| (k.chars().count(), k.clone()))
            .collect();
        by_length.sort_unstable();
        by_length.dedup();
        Self {
            forward: set_of(keys),
            reversed: set_of(reversed),
            by_length,
        }
    }

    /// Every key within `max_edits` (0, 1 or 2) insertions, deletions or substitutions of
    /// `query`, in byte order.
    pub fn within(&self, query: &str, max_edits: u8) -> Vec<String> {
        let e = usize::from(max_edits.min(2));
        let chars: Vec<char> = query.chars().collect();
        let m = chars.len();
        if m + e > MAX_AUTOMATON_CHARS {
            return self.scan(query, m, e);
        }
        let mut out: Vec<String> = Vec::new();
        if e == 0 {
            if self.forward.contains(query) {
                out.push(query.to_string());
            }
            return out;
        }
        let half = m / 2;
        let suffix_edits = (e - 1) / 2;
        let prefix_edits = e - 1 - suffix_edits;
        let forward = LevenshteinNfa::new(&chars, e, half, prefix_edits);
        collect(&self.forward, &forward, &mut out, false);
        let rev: Vec<char> = chars.iter().rev().copied().collect();
        let backward = LevenshteinNfa::new(&rev, e, m - half, suffix_edits);
        collect(&self.reversed, &backward, &mut out, true);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The same answer for long names: every key of a length that could match, checked one
    /// by one (few keys are that long, none of the bundled ones).
    fn scan(&self, query: &str, m: usize, e: usize) -> Vec<String> {
        let from = self.by_length.partition_point(|(n, _)| n + e < m);
        let mut out: Vec<String> = self.by_length[from..]
            .iter()
            .take_while(|(n, _)| *n <= m + e)
            .filter(|(_, k)| strsim::levenshtein(query, k) <= e)
            .map(|(_, k)| k.clone())
            .collect();
        out.sort_unstable();
        out
    }
}

fn collect(set: &Set<Vec<u8>>, nfa: &LevenshteinNfa, out: &mut Vec<String>, reversed: bool) {
    let mut stream = set.search(nfa).into_stream();
    while let Some(k) = stream.next() {
        let k = String::from_utf8_lossy(k);
        out.push(if reversed {
            reverse(&k)
        } else {
            k.into_owned()
        });
    }
}

/// Accepts the keys within `max_edits` of a name of at most [`MAX_AUTOMATON_CHARS`]
/// characters that also pass a gate: some prefix of the key is within `gate_edits` of the
/// name's first `gate_chars` characters.
struct LevenshteinNfa {
    /// Per ASCII character, bit `i + 1` set where the name's character `i` is it.
    ascii: [u64; 128],
    /// The same for the name's other characters.
    other: Vec<(char, u64)>,
    /// Bits `0..=m` for a name of `m` characters.
    width: u64,
    /// Bit `m`: the whole name read.
    last: u64,
    max_edits: usize,
    gate_bit: u64,
    /// Bits `0..=gate_chars`: while the gate is shut, its row must keep one of these.
    gate_reach: u64,
    gate_edits: usize,
}

/// Where the automaton is: a row of bits per number of edits, the UTF-8 character being
/// read, and whether the gate has been passed. `None` is the dead state.
#[derive(Clone, Copy)]
struct NfaState {
    rows: [u64; 3],
    partial: u32,
    pending: u8,
    gate_open: bool,
}

/// Bits `0..=n`.
fn low_bits(n: usize) -> u64 {
    if n >= 63 {
        u64::MAX
    } else {
        (1u64 << (n + 1)) - 1
    }
}

impl LevenshteinNfa {
    fn new(name: &[char], max_edits: usize, gate_chars: usize, gate_edits: usize) -> Self {
        debug_assert!(name.len() + max_edits <= MAX_AUTOMATON_CHARS && max_edits <= 2);
        let mut ascii = [0u64; 128];
        let mut other: Vec<(char, u64)> = Vec::new();
        for (i, &c) in name.iter().enumerate() {
            let bit = 1u64 << (i + 1);
            if c.is_ascii() {
                ascii[c as usize] |= bit;
            } else if let Some(entry) = other.iter_mut().find(|(o, _)| *o == c) {
                entry.1 |= bit;
            } else {
                other.push((c, bit));
            }
        }
        Self {
            ascii,
            other,
            width: low_bits(name.len()),
            last: 1u64 << name.len(),
            max_edits,
            gate_bit: 1u64 << gate_chars,
            gate_reach: low_bits(gate_chars),
            gate_edits,
        }
    }

    fn mask(&self, c: u32) -> u64 {
        if c < 128 {
            self.ascii[c as usize]
        } else {
            let c = char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER);
            self.other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |&(_, m)| m)
        }
    }

    /// Read one key character.
    fn step(&self, state: &NfaState, c: u32) -> NfaState {
        let b = self.mask(c);
        let old = &state.rows;
        let mut rows = [0u64; 3];
        rows[0] = (old[0] << 1) & b;
        for j in 1..=self.max_edits {
            // match, or insertion (key char extra), substitution, deletion (name char skipped)
            rows[j] =
                (((old[j] << 1) & b) | old[j - 1] | ((old[j - 1] | rows[j - 1]) << 1)) & self.width;
        }
        NfaState {
            rows,
            partial: 0,
            pending: 0,
            gate_open: state.gate_open || rows[self.gate_edits] & self.gate_bit != 0,
        }
    }
}

impl Automaton for LevenshteinNfa {
    type State = Option<NfaState>;

    fn start(&self) -> Self::State {
        let mut rows = [0u64; 3];
        for (j, row) in rows.iter_mut().enumerate().take(self.max_edits + 1) {
            *row = low_bits(j) & self.width;
        }
        Some(NfaState {
            rows,
            partial: 0,
            pending: 0,
            gate_open: rows[self.gate_edits] & self.gate_bit != 0,
        })
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state.is_some_and(|s| {
            s.pending == 0 && s.gate_open && s.rows[self.max_edits] & self.last != 0
        })
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.is_some_and(|s| {
            s.rows[self.max_edits] != 0
                && (s.gate_open || s.rows[self.gate_edits] & self.gate_reach != 0)
        })
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let s = (*state)?;
        if s.pending > 0 {
            let partial = (s.partial << 6) | u32::from(byte & 0x3f);
            return Some(if s.pending == 1 {
                self.step(&s, partial)
            } else {
                NfaState {
                    partial,
                    pending: s.pending - 1,
                    ..s
                }
            });
        }
        let (partial, pending) = match byte {
            0..=0x7f => return Some(self.step(&s, u32::from(byte))),
            0xc0..=0xdf => (u32::from(byte & 0x1f), 1),
            0xe0..=0xef => (u32::from(byte & 0x0f), 2),
            _ => (u32::from(byte & 0x07), 3),
        };
        Some(NfaState {
            partial,
            pending,
            ..s
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small deterministic generator, so the test needs no extra crate.
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n
        }
    }

    const ALPHABET: [char; 8] = ['a', 'b', 'n', ' ', 'é', 'ñ', '中', '😀'];

    fn word(rng: &mut Lcg, min_len: usize, max_len: usize) -> String {
        let n = min_len + rng.below(max_len + 1 - min_len);
        (0..n)
            .map(|_| ALPHABET[rng.below(ALPHABET.len())])
            .collect()
    }

    /// The split search (and the scan of long names) finds exactly the keys a brute-force
    /// Levenshtein finds, on a small alphabet (many near misses) with one-, two-, three- and
    /// four-byte characters.
    #[test]
    fn finds_exactly_the_keys_within_the_edit_distance() {
        check_against_brute_force(3000, 1, 9, 400);
        // around the automaton's limit of 63 characters, where long names are scanned
        check_against_brute_force(300, 58, 66, 200);
    }

    fn check_against_brute_force(keys: usize, min_len: usize, max_len: usize, queries: usize) {
        let mut rng = Lcg(7);
        let mut keys: Vec<String> = (0..keys)
            .map(|_| word(&mut rng, min_len, max_len))
            .collect();
        // near misses of long keys, so the long-name checks find something
        let misspelt: Vec<String> = keys
            .iter()
            .take(keys.len() / 2)
            .map(|k| {
                let mut c: Vec<char> = k.chars().collect();
                let i = rng.below(c.len());
                c[i] = ALPHABET[rng.below(ALPHABET.len())];
                c.into_iter().collect()
            })
            .collect();
        keys.extend(misspelt);
        let index = SpellingIndex::new(keys.iter().map(String::as_str));
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        for i in 0..queries {
            let q = if i % 2 == 0 {
                word(&mut rng, min_len, max_len + 1)
            } else {
                let k: Vec<char> = keys[rng.below(keys.len())].chars().collect();
                let at = rng.below(k.len());
                k[..at].iter().chain(&k[at + 1..]).collect()
            };
            for e in 0..=2u8 {
                let expected: Vec<String> = sorted
                    .iter()
                    .filter(|k| strsim::levenshtein(&q, k) <= usize::from(e))
                    .cloned()
                    .collect();
                assert_eq!(index.within(&q, e), expected, "query {q:?}, {e} edits");
            }
        }
    }

    /// Names too long for the automaton are scanned, with the same answer.
    #[test]
    fn long_names_are_scanned() {
        let long = "a".repeat(70);
        let keys = [
            long.clone(),
            format!("{long}bb"),
            format!("{long}bbb"),
            "a".into(),
        ];
        let index = SpellingIndex::new(keys.iter().map(String::as_str));
        assert_eq!(
            index.within(&format!("{long}b"), 1),
            vec![long.clone(), format!("{long}bb")]
        );
    }
}
