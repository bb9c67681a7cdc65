//! The embedded DejaVu Sans font, registered with plotters once per process.
//!
//! plotters is built without its `ttf` feature so it never asks fontconfig for fonts: a
//! bare machine renders the same labels as a desktop.

use std::sync::Once;

static FONT_BYTES: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");
static REGISTER: Once = Once::new();

/// The family name charts use.
pub const FAMILY: &str = "sans-serif";

pub fn ensure_registered() {
    REGISTER.call_once(|| {
        plotters::style::register_font(FAMILY, plotters::style::FontStyle::Normal, FONT_BYTES)
            .unwrap_or_else(|_| panic!("bundled DejaVuSans.ttf is a valid font"));
    });
}
