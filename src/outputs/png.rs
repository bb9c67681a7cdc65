//! Rendering into memory and encoding PNG, so a failed chart never leaves a partial file.

use super::raster::Bitmap;
use super::{RenderError, RenderKind};
use plotters::prelude::*;

/// Draw with `draw` on a white `width`×`height` canvas and return PNG bytes.
pub fn render(
    width: u32,
    height: u32,
    draw: impl for<'a, 'b> FnOnce(
        &'a DrawingArea<Bitmap<'b>, plotters::coord::Shift>,
    ) -> Result<(), Box<dyn std::error::Error + 'a>>,
) -> Result<Vec<u8>, RenderError> {
    super::font::ensure_registered();
    let mut rgb = vec![255u8; (width * height * 3) as usize];
    {
        let root = Bitmap::with_buffer(&mut rgb, (width, height)).into_drawing_area();
        draw(&root).map_err(|e| RenderError::new(RenderKind::Draw, e))?;
        root.present()
            .map_err(|e| RenderError::new(RenderKind::Draw, e))?;
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc
            .write_header()
            .map_err(|e| RenderError::new(RenderKind::Encode, e))?;
        w.write_image_data(&rgb)
            .map_err(|e| RenderError::new(RenderKind::Encode, e))?;
    }
    Ok(out)
}

/// How many groups get a colour of their own; group `i` shares group `i % GROUP_COLOURS`'s.
pub const GROUP_COLOURS: usize = 8;

/// Group colours: distinct, colour-blind-aware (Okabe-Ito order), repeated if needed.
pub fn group_colour(i: usize) -> RGBColor {
    const C: [RGBColor; GROUP_COLOURS] = [
        RGBColor(0, 114, 178),
        RGBColor(213, 94, 0),
        RGBColor(0, 158, 115),
        RGBColor(204, 121, 167),
        RGBColor(230, 159, 0),
        RGBColor(86, 180, 233),
        RGBColor(120, 120, 120),
        RGBColor(240, 228, 66),
    ];
    C[i % C.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_drawing_is_a_draw_error_and_a_picture_without_pixels_an_encode_error() {
        let e = render(10, 10, |_| Err("no ink".into())).unwrap_err();
        assert_eq!(e.kind, RenderKind::Draw);
        assert_eq!(e.detail, "no ink");
        let e = render(0, 0, |_| Ok(())).unwrap_err();
        assert_eq!(e.kind, RenderKind::Encode);
        let shown = crate::outputs::OutputError::Render {
            file: "map.png",
            source: e,
        };
        assert!(shown.to_string().starts_with("cannot render map.png: "));
    }
}
