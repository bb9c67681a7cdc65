//! The random numbers of a run: a ChaCha8 stream (rand_chacha) seeded from `--rng-seed`,
//! and SplitMix64 to derive the seeds of ensemble runs from `(seed, run index)`.
//!
//! One draw per group-day gives both of the day's uniforms.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's finaliser: a bijective mix of 64 bits, so distinct inputs never collide.
#[inline]
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seed derived from `(seed, index)`: runs of an ensemble or streams of groups, independent
/// of the order they are used in (so of the thread count).
#[inline]
pub fn derive_seed(seed: u64, index: u64) -> u64 {
    splitmix64(splitmix64(seed ^ GOLDEN_GAMMA).wrapping_add(index.wrapping_mul(GOLDEN_GAMMA)))
}

/// The day's random numbers: one ChaCha8 stream per run (rand_chacha), drawn day by day, one
/// `u64` per group slot. Every slot draws every day, formed or not, moving or not, so a split,
/// a rest or an arrival never shifts any group's numbers; the buffer is allocated once, so the
/// day loop allocates nothing.
pub(crate) struct DayDraws {
    rng: ChaCha8Rng,
    bytes: Vec<u8>,
    draws: Vec<u64>,
}

impl DayDraws {
    pub(crate) fn new(rng_seed: u64, groups: usize) -> Self {
        DayDraws { rng: ChaCha8Rng::seed_from_u64(rng_seed), bytes: vec![0; groups * 8], draws: vec![0; groups] }
    }

    /// Draw the next day's numbers, one per group slot.
    #[inline]
    pub(crate) fn next_day(&mut self) -> &[u64] {
        // One bulk fill: ChaCha's block function runs on whole buffers, not word by word.
        self.rng.fill_bytes(&mut self.bytes);
        for (x, b) in self.draws.iter_mut().zip(self.bytes.chunks_exact(8)) {
            *x = u64::from_le_bytes(b.try_into().expect("8 bytes"));
        }
        &self.draws
    }
}

/// Two uniforms in [0, 1) from the high and low halves of one draw.
#[inline]
pub(crate) fn two_uniforms(x: u64) -> (f64, f64) {
    const SCALE: f64 = 1.0 / 4_294_967_296.0;
    (f64::from((x >> 32) as u32) * SCALE, f64::from(x as u32) * SCALE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uniforms_are_in_range_and_spread() {
        let mut r = DayDraws::new(7, 1);
        let (mut sum, n) = (0.0, 20_000);
        for _ in 0..n {
            let (a, b) = two_uniforms(r.next_day()[0]);
            assert!((0.0..1.0).contains(&a) && (0.0..1.0).contains(&b));
            sum += a + b;
        }
        let mean = sum / (2 * n) as f64;
        assert!((mean - 0.5).abs() < 0.01, "mean {mean}");
    }

    #[test]
    fn derived_seeds_differ_by_index_and_seed() {
        assert_ne!(derive_seed(1, 0), derive_seed(1, 1));
        assert_ne!(derive_seed(1, 0), derive_seed(2, 0));
        assert_eq!(derive_seed(5, 9), derive_seed(5, 9));
    }
}
