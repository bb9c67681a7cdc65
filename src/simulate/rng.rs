//! The random numbers of a run: a ChaCha8 stream (rand_chacha) seeded from `--rng-seed`,
//! and SplitMix64 to derive the seeds of ensemble runs from `(seed, run index)`.
//!
//! One draw per group-day gives both of the day's uniforms.

use rand::{RngExt, SeedableRng};
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
    draws: Vec<u64>,
}

impl DayDraws {
    pub(crate) fn new(rng_seed: u64, groups: usize) -> Self {
        DayDraws {
            rng: ChaCha8Rng::seed_from_u64(rng_seed),
            draws: vec![0; groups],
        }
    }

    /// Draw the next day's numbers, one per group slot.
    #[inline]
    pub(crate) fn next_day(&mut self) -> &[u64] {
        // One bulk fill straight into the words (ChaCha's block function runs on whole
        // buffers): the same little-endian bytes as `fill_bytes`, without a copy.
        self.rng.fill(&mut self.draws[..]);
        &self.draws
    }
}

/// Two uniforms in [0, 1) from the high and low halves of one draw: the model's definition of
/// a draw; [`DrawRule`] computes the same decisions with fewer operations.
#[cfg_attr(not(test), allow(dead_code))]
#[inline]
pub(crate) fn two_uniforms(x: u64) -> (f64, f64) {
    const SCALE: f64 = 1.0 / 4_294_967_296.0;
    (
        f64::from((x >> 32) as u32) * SCALE,
        f64::from(x as u32) * SCALE,
    )
}

/// What a group's draw decides, bit for bit as the uniforms of [`two_uniforms`] would, with
/// fewer operations in the day loop: whether it rests (`u_rest < rest_probability_per_day`) and
/// its pace noise (`1 + spread * (2 * u_pace - 1)`, uniform with standard deviation
/// `pace_variation_frac`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct DrawRule {
    /// The high half is below this iff `u_rest < rest_probability_per_day`: for a whole number
    /// `h`, `h / 2^32 < p` iff `h < ceil(p * 2^32)` (the scaling by 2^32 is exact).
    rest_below: u64,
    /// `spread / 2^31`: `2 * u_pace - 1` is exactly `(low half - 2^31) / 2^31`, and scaling by a
    /// power of two commutes with rounding (below 2^-990, where it would not, the term vanishes
    /// next to the 1 it is added to either way).
    spread_per_step: f64,
}

impl DrawRule {
    pub(crate) fn new(rest_probability_per_day: f64, pace_variation_frac: f64) -> Self {
        const TWO_32: f64 = 4_294_967_296.0;
        let p = rest_probability_per_day;
        // `as` saturates: NaN and p <= 0 never rest, p >= 1 always does.
        let rest_below = if p >= 1.0 {
            1 << 32
        } else {
            (p * TWO_32).ceil() as u64
        };
        DrawRule {
            rest_below,
            spread_per_step: pace_variation_frac * 3f64.sqrt() / 2_147_483_648.0,
        }
    }

    #[inline(always)]
    pub(crate) fn rests(&self, draw: u64) -> bool {
        (draw >> 32) < self.rest_below
    }

    #[inline(always)]
    pub(crate) fn pace_noise(&self, draw: u64) -> f64 {
        // The low half minus 2^31, as a signed 32-bit number.
        let centred = (draw as u32 ^ 0x8000_0000) as i32;
        1.0 + self.spread_per_step * f64::from(centred)
    }
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
        let mean = sum / f64::from(2 * n);
        assert!((mean - 0.5).abs() < 0.01, "mean {mean}");
    }

    #[test]
    fn draw_rule_decides_exactly_as_the_uniforms() {
        let mut r = DayDraws::new(11, 4096);
        let edges = [
            0,
            u64::MAX,
            1 << 63,
            (1 << 63) - 1,
            0x8000_0000,
            0x7FFF_FFFF,
            0xFFFF_FFFF,
            0x1_0000_0000,
        ];
        let draws: Vec<u64> = r.next_day().iter().copied().chain(edges).collect();
        for p in [
            0.0,
            -0.5,
            f64::NAN,
            1e-12,
            0.05,
            0.1,
            0.25,
            1.0 / 3.0,
            0.5,
            0.999_999_9,
            1.0,
            2.0,
        ] {
            for frac in [0.0, 1e-300, 0.01, 0.1, 0.15, 0.3, 1.0] {
                let rule = DrawRule::new(p, frac);
                let spread = frac * 3f64.sqrt();
                for &x in &draws {
                    let (u_rest, u_pace) = two_uniforms(x);
                    assert_eq!(rule.rests(x), u_rest < p, "p {p} draw {x:#x}");
                    let noise = 1.0 + spread * (2.0 * u_pace - 1.0);
                    assert_eq!(
                        rule.pace_noise(x).to_bits(),
                        noise.to_bits(),
                        "frac {frac} draw {x:#x}"
                    );
                }
            }
        }
    }

    #[test]
    fn derived_seeds_differ_by_index_and_seed() {
        assert_ne!(derive_seed(1, 0), derive_seed(1, 1));
        assert_ne!(derive_seed(1, 0), derive_seed(2, 0));
        assert_eq!(derive_seed(5, 9), derive_seed(5, 9));
    }
}
