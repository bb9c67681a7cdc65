//! animation.gif: one frame per simulated day, small enough for a web page, the same bytes
//! for the same seed.

mod common;

use common::{run_ok, temp_dir};

/// Frames and (width, height) of a GIF, decoded with the `gif` crate.
fn frames(bytes: &[u8]) -> (usize, (u16, u16)) {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    let mut decoder = options.read_info(bytes).expect("a GIF");
    let size = (decoder.width(), decoder.height());
    let mut n = 0;
    while decoder.read_next_frame().expect("a frame").is_some() {
        n += 1;
    }
    (n, size)
}

#[test]
fn honduran_animation_has_a_frame_per_day_is_under_5_mb_and_repeats_byte_for_byte() {
    let dir = temp_dir();
    let mut gifs = Vec::new();
    for name in ["a", "b"] {
        let out = dir.path().join(name);
        run_ok(
            &[
                "--caravan",
                "honduras-oct2018",
                "--quiet",
                "--outputs",
                "animation",
            ],
            &out,
        );
        gifs.push(std::fs::read(out.join("animation.gif")).unwrap());
    }
    assert_eq!(gifs[0], gifs[1], "same seed, same GIF");
    let gif = &gifs[0];
    assert!(gif.len() < 5_000_000, "{} bytes", gif.len());
    // One frame per simulated day: the daily table says how many days the run has.
    let daily = dir.path().join("daily");
    run_ok(
        &[
            "--caravan",
            "honduras-oct2018",
            "--quiet",
            "--outputs",
            "daily",
        ],
        &daily,
    );
    let text = std::fs::read_to_string(daily.join("daily.csv")).unwrap();
    let days: std::collections::BTreeSet<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    let (n, (w, _)) = frames(gif);
    assert_eq!(n, days.len(), "frames against simulated days");
    assert_eq!(w, 800);
}
