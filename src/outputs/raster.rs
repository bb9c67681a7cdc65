//! The bitmap every PNG and GIF frame is drawn on: plotters' own RGB bitmap, with a faster
//! polygon fill that sets exactly the same pixels.
//!
//! plotters fills a polygon (and every line wider than a pixel, which it turns into one) by
//! sweeping every scan line of the polygon's box, off the bitmap too, sorting the edges
//! that cross each line by a position it recomputes, with a division, at every comparison.
//! With 1,000 groups, map.png's tracks (fanned out side by side, most of them partly off the
//! map) spent over a second there. [`Bitmap`] sweeps the same lines with the same
//! arithmetic but computes each edge's position once per line, stops at the bitmap's edge
//! and skips drawing on lines outside it (every pixel there would be clipped). Every
//! other drawing call goes to plotters' bitmap unchanged.

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use std::cmp::Ordering;

type BitMapBackendError = <BitMapBackend<'static> as DrawingBackend>::ErrorType;
type Drawn = Result<(), DrawingErrorKind<BitMapBackendError>>;

/// An RGB bitmap (3 bytes a pixel, rows top to bottom) drawn on by plotters' bitmap
/// backend, except for opaque polygons, which [`Bitmap::fill_polygon`] fills itself, and
/// circles, which it stamps ([`Bitmap::draw_circle`]).
pub struct Bitmap<'a> {
    rgb: &'a mut [u8],
    width: u32,
    height: u32,
    /// Circles drawn so far, compiled into pixel operations: one per radius and style.
    stamps: Vec<(StampKey, Option<Stamp>)>,
}

/// What decides a circle's pixel operations besides its centre and colour.
#[derive(Clone, Copy, PartialEq)]
struct StampKey {
    radius: u32,
    fill: bool,
    stroke_width: u32,
    alpha_bits: u64,
}

/// The pixel operations plotters' circle rasteriser makes, in order, relative to the
/// centre: each pixel set (alpha 1) or blended with the circle's colour at an alpha. The
/// rasteriser adds the centre to integer offsets, so one circle's operations serve for
/// every centre; plotters' bitmap clips each one to the bitmap as [`Bitmap::pixel`] does.
struct Stamp(Vec<(i32, i32, f64)>);

/// A backend that records the operations of one circle at (0, 0) instead of drawing it.
/// Anything but pixels and opaque one-pixel lines along an axis (which plotters' bitmap
/// fills pixel by pixel, clipped) makes the circle unstampable: the lines plotters draws
/// otherwise are clipped to the bitmap's size, so they depend on where the circle is.
#[derive(Default)]
struct Recorder {
    ops: Vec<(i32, i32, f64)>,
    unstampable: bool,
}

impl DrawingBackend for Recorder {
    type ErrorType = BitMapBackendError;

    fn get_size(&self) -> (u32, u32) {
        (u32::MAX, u32::MAX)
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> Drawn {
        self.ops.push((x, y, color.alpha));
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        let axis = from.0 == to.0 || from.1 == to.1;
        if !axis || style.stroke_width() != 1 || style.color().alpha < 1.0 {
            self.unstampable = true;
            return Ok(());
        }
        if from.1 == to.1 {
            // plotters' bitmap: a rectangle fill from `from` up to, not including, `to + 1`.
            let (a, b) = (from.0, to.0 + 1);
            for x in a.min(b)..a.max(b) {
                self.ops.push((x, from.1, 1.0));
            }
        } else {
            // Its vertical fill: both ends included, in either order.
            for y in from.1.min(to.1)..=from.1.max(to.1) {
                self.ops.push((from.0, y, 1.0));
            }
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, _: &str, _: &T, _: BackendCoord) -> Drawn {
        self.unstampable = true;
        Ok(())
    }
}

impl<'a> Bitmap<'a> {
    /// Draw into `rgb`, `width`×`height` pixels of 3 bytes each.
    pub fn with_buffer(rgb: &'a mut [u8], (width, height): (u32, u32)) -> Self {
        assert!(
            rgb.len() >= width as usize * height as usize * 3,
            "bitmap buffer too small"
        );
        Self {
            rgb,
            width,
            height,
            stamps: Vec::new(),
        }
    }

    /// plotters' own backend on the same pixels (it keeps no state of its own between
    /// calls when drawing into a buffer, so one per call draws as one for all).
    fn plotters(&mut self) -> BitMapBackend<'_> {
        BitMapBackend::with_buffer(self.rgb, (self.width, self.height))
    }

    /// Pixel `(x, y)`'s three bytes, if it lies on the bitmap.
    fn at(&mut self, x: i32, y: i32) -> Option<&mut [u8]> {
        let (x, y) = (u32::try_from(x).ok()?, u32::try_from(y).ok()?);
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y as usize * self.width as usize + x as usize) * 3;
        self.rgb.get_mut(i..i + 3)
    }

    /// plotters' `draw_pixel` on an RGB bitmap: opaque from 255/256 up, blended in 256ths below.
    #[inline]
    fn pixel(&mut self, (x, y): BackendCoord, color: BackendColor) {
        let Some(p) = self.at(x, y) else { return };
        let (r, g, b) = color.rgb;
        if color.alpha >= 1.0 - 1.0 / 256.0 {
            p.copy_from_slice(&[r, g, b]);
        } else if color.alpha > 0.0 {
            let a = (color.alpha * 256.0).floor() as u64;
            for (old, new) in p.iter_mut().zip([r, g, b]) {
                // plotters' `blend`, which rounds towards the old value.
                if new > *old {
                    *old += (u64::from(new - *old) * a / 256) as u8;
                } else {
                    *old -= (u64::from(*old - new) * a / 256) as u8;
                }
            }
        }
    }

    /// One opaque span of a polygon, drawn as plotters' fill does it: the pixels from
    /// `from.ceil()` to `to.floor()` along the line (both included, in either order, as the
    /// bitmap's fast line fill takes them), then a pixel at each end blended by how much of
    /// it the polygon covers.
    fn opaque_span(
        &mut self,
        horizontal_sweep: bool,
        line: i32,
        from: f64,
        to: f64,
        rgb: (u8, u8, u8),
    ) {
        let color = BackendColor { alpha: 1.0, rgb };
        let (lo, hi) = (ceil_i32(from), floor_i32(to));
        if horizontal_sweep {
            // A column: the bitmap's vertical fill takes both ends, whichever is larger.
            self.fill(line..line + 1, lo.min(hi)..lo.max(hi) + 1, rgb);
            self.pixel((line, floor_i32(from)), color.mix(f64::from(lo) - from));
            self.pixel((line, ceil_i32(to)), color.mix(to - f64::from(hi)));
        } else {
            // A row: the bitmap's rectangle fill from `lo` up to, not including, `hi + 1`.
            self.fill(lo.min(hi + 1)..lo.max(hi + 1), line..line + 1, rgb);
            self.pixel((floor_i32(from), line), color.mix(f64::from(lo) - from));
            // plotters' own sign: a negative share, so this pixel is never drawn.
            self.pixel((ceil_i32(to), line), color.mix(f64::from(hi) - to));
        }
    }

    /// Set the pixels of a rectangle (clipped to the bitmap) to `rgb`.
    fn fill(
        &mut self,
        xs: std::ops::Range<i32>,
        ys: std::ops::Range<i32>,
        (r, g, b): (u8, u8, u8),
    ) {
        let clip = |v: std::ops::Range<i32>, size: u32| {
            let size = i64::from(size);
            let (from, to) = (
                i64::from(v.start).clamp(0, size),
                i64::from(v.end).clamp(0, size),
            );
            from as usize..to.max(from) as usize
        };
        let (xs, ys) = (clip(xs, self.width), clip(ys, self.height));
        let stride = self.width as usize * 3;
        for y in ys {
            let row = &mut self.rgb[y * stride..(y + 1) * stride];
            for p in row[xs.start * 3..xs.end * 3].chunks_exact_mut(3) {
                p.copy_from_slice(&[r, g, b]);
            }
        }
    }
}

/// `x.floor() as i32` for the pixel coordinates of a sweep (well inside `i32`), without
/// the library call `floor` is on a baseline x86-64 build.
fn floor_i32(x: f64) -> i32 {
    let t = x as i32;
    if f64::from(t) > x { t - 1 } else { t }
}

/// `x.ceil() as i32`, likewise.
fn ceil_i32(x: f64) -> i32 {
    let t = x as i32;
    if f64::from(t) < x { t + 1 } else { t }
}

// Every drawing call but `fill_polygon` goes to plotters' bitmap; `draw_path` keeps the
// trait's own version, which fills a thick line through `fill_polygon`.
impl DrawingBackend for Bitmap<'_> {
    type ErrorType = BitMapBackendError;

    fn get_size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        self.plotters().draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        self.plotters().draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        self.plotters()
            .draw_rect(upper_left, bottom_right, style, fill)
    }

    /// plotters' circle (its rasteriser on its bitmap), drawn from the circle's operations
    /// recorded once per radius and style: a map's thousands of position dots cost a
    /// pass over their pixels each, not the rasteriser's lines and blends.
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let color = style.color();
        let key = StampKey {
            radius,
            fill,
            stroke_width: style.stroke_width(),
            alpha_bits: color.alpha.to_bits(),
        };
        let at = match self.stamps.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let mut rec = Recorder::default();
                rec.draw_circle((0, 0), radius, style, fill)?;
                let stamp = (!rec.unstampable).then_some(Stamp(rec.ops));
                self.stamps.push((key, stamp));
                self.stamps.len() - 1
            }
        };
        // Taken out while drawing (the pixels need the bitmap), put back after.
        let Some(Stamp(ops)) = self.stamps[at].1.take() else {
            return self.plotters().draw_circle(center, radius, style, fill);
        };
        for &(dx, dy, alpha) in &ops {
            self.pixel(
                (center.0 + dx, center.1 + dy),
                BackendColor {
                    alpha,
                    rgb: color.rgb,
                },
            );
        }
        self.stamps[at].1 = Some(Stamp(ops));
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        let vertices: Vec<BackendCoord> = vert.into_iter().collect();
        let Some((x_span, y_span)) = spans(&vertices) else {
            return Ok(());
        };
        // Every point on one vertical or horizontal line: plotters draws a line.
        if x_span.0 == x_span.1 || y_span.0 == y_span.1 {
            return self
                .plotters()
                .draw_line((x_span.0, y_span.0), (x_span.1, y_span.1), style);
        }
        let color = style.color();
        let size = (self.width, self.height);
        if color.alpha >= 1.0 {
            sweep(
                &vertices,
                x_span,
                y_span,
                size,
                |horizontal, line, from, to| {
                    self.opaque_span(horizontal, line, from, to, color.rgb);
                    Ok(())
                },
            )
        } else {
            // Translucent fills blend a whole span at once, with its own rounding: leave
            // the pixels to plotters.
            let mut back = self.plotters();
            sweep(
                &vertices,
                x_span,
                y_span,
                size,
                |horizontal, line, from, to| {
                    if horizontal {
                        back.draw_line(
                            (line, from.ceil() as i32),
                            (line, to.floor() as i32),
                            &color,
                        )?;
                        back.draw_pixel(
                            (line, from.floor() as i32),
                            color.mix(from.ceil() - from),
                        )?;
                        back.draw_pixel((line, to.ceil() as i32), color.mix(to - to.floor()))
                    } else {
                        back.draw_line(
                            (from.ceil() as i32, line),
                            (to.floor() as i32, line),
                            &color,
                        )?;
                        back.draw_pixel(
                            (from.floor() as i32, line),
                            color.mix(from.ceil() - from),
                        )?;
                        back.draw_pixel((to.ceil() as i32, line), color.mix(to.floor() - to))
                    }
                },
            )
        }
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Drawn {
        self.plotters().draw_text(text, style, pos)
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawn {
        self.plotters().blit_bitmap(pos, size, src)
    }
}

/// The x and y ranges of the vertices; `None` for none.
fn spans(vertices: &[BackendCoord]) -> Option<((i32, i32), (i32, i32))> {
    let &(x, y) = vertices.first()?;
    let (mut x_span, mut y_span) = ((x, x), (y, y));
    for &(x, y) in vertices {
        x_span = (x_span.0.min(x), x_span.1.max(x));
        y_span = (y_span.0.min(y), y_span.1.max(y));
    }
    Some((x_span, y_span))
}

/// One polygon edge crossing the sweep, as plotters keeps it: it starts at `epoch` 0 on
/// the line of its first end and ends at `epoch == total_epoch`.
#[derive(Clone, Copy)]
struct Edge {
    epoch: u32,
    total_epoch: u32,
    slave_begin: i32,
    slave_end: i32,
    /// Where the edge crosses the current line: plotters' `get_slave_pos`, computed once.
    pos: f64,
}

impl Edge {
    /// The edge from `from` to `to`, sweeping along their first coordinate; none if it
    /// lies along one line.
    fn new(mut from: BackendCoord, mut to: BackendCoord) -> Option<Edge> {
        if from.0 == to.0 {
            return None;
        }
        if from.0 > to.0 {
            std::mem::swap(&mut from, &mut to);
        }
        Some(Edge {
            epoch: 0,
            total_epoch: (to.0 - from.0) as u32,
            slave_begin: from.1,
            slave_end: to.1,
            pos: 0.0,
        })
    }

    fn master_pos(&self) -> i32 {
        (self.total_epoch - self.epoch) as i32
    }

    fn slave_pos(&self) -> f64 {
        f64::from(self.slave_begin)
            + (i64::from(self.slave_end - self.slave_begin) * i64::from(self.epoch)) as f64
                / f64::from(self.total_epoch)
    }
}

/// plotters' scan-line polygon fill (`plotters_backend::rasterizer::fill_polygon`, 0.3.7):
/// the same sweep, edge order and pairing, handing each span (sweep direction, line, from,
/// to) to `span` as plotters would draw it; but each edge's crossing is computed once per
/// line, nothing is allocated per line, and lines outside the bitmap (where every pixel
/// would be clipped) are swept without drawing, or not at all past its far edge. Lines
/// before the bitmap are still swept: the order of edges at equal positions carries over
/// from line to line.
fn sweep<E>(
    vertices: &[BackendCoord],
    x_span: (i32, i32),
    y_span: (i32, i32),
    (width, height): (u32, u32),
    mut span: impl FnMut(bool, i32, f64, f64) -> Result<(), E>,
) -> Result<(), E> {
    let horizontal_sweep = x_span.1 - x_span.0 > y_span.1 - y_span.0;
    // Each edge as (sweep, slave) coordinates from its lower sweep end, stably sorted by
    // that end, as plotters orders them.
    let flip = |(x, y): BackendCoord| if horizontal_sweep { (x, y) } else { (y, x) };
    let mut edges: Vec<(BackendCoord, BackendCoord)> = vertices
        .iter()
        .zip(vertices.iter().skip(1))
        .map(|(a, b)| (*a, *b))
        .chain(std::iter::once((vertices[vertices.len() - 1], vertices[0])))
        .map(|(a, b)| (flip(a), flip(b)))
        .collect();
    edges.sort_by_key(|(a, b)| a.0.min(b.0));
    for e in &mut edges {
        if e.0.0 > e.1.0 {
            std::mem::swap(&mut e.0, &mut e.1);
        }
    }
    let (low, high) = if horizontal_sweep { x_span } else { y_span };
    let (lines, across) = if horizontal_sweep {
        (width, height)
    } else {
        (height, width)
    };
    let last_line = i32::try_from(lines).unwrap_or(i32::MAX) - 1;
    let across = f64::from(across);
    let mut idx = 0;
    let mut active: Vec<Edge> = Vec::new();
    for sweep_line in low..=high.min(last_line) {
        active.retain_mut(|e| {
            let keep = e.master_pos() > 0;
            if keep {
                e.epoch += 1;
            }
            keep
        });
        while let Some(&(from, to)) = edges.get(idx) {
            if from.0 > sweep_line {
                break;
            }
            if let Some(edge) = Edge::new(from, to) {
                active.push(edge);
            }
            idx += 1;
        }
        for e in &mut active {
            e.pos = e.slave_pos();
        }
        // Stable, like plotters' `sort` of its edges by the same positions.
        active.sort_by(|a, b| a.pos.partial_cmp(&b.pos).unwrap_or(Ordering::Equal));
        if sweep_line < 0 {
            continue;
        }
        let (mut first, mut second): (Option<Edge>, Option<Edge>) = (None, None);
        for &edge in &active {
            if first.is_none() {
                first = Some(edge);
            } else if second.is_none() {
                second = Some(edge);
            }
            let (Some(a), Some(b)) = (first, second) else {
                continue;
            };
            if a.master_pos() == 0 && b.master_pos() != 0 {
                (first, second) = (Some(b), None);
                continue;
            }
            if a.master_pos() != 0 && b.master_pos() == 0 {
                (first, second) = (Some(a), None);
                continue;
            }
            let (from, to) = (a.pos, b.pos);
            (first, second) = (None, None);
            if a.master_pos() == 0 && b.master_pos() == 0 && to - from > 1.0 {
                continue;
            }
            // A span wholly off the bitmap draws nothing (its pixels run from
            // `from.floor()` to `to.ceil()`).
            if to < -1.0 || from >= across {
                continue;
            }
            span(horizontal_sweep, sweep_line, from, to)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};

    /// One shape on either backend: a filled polygon for width 0, else a path of that width.
    fn paint<B: DrawingBackend>(back: &mut B, pts: &[BackendCoord], colour: RGBAColor, width: u32) {
        let style = ShapeStyle::from(colour).stroke_width(width);
        if width == 0 {
            back.fill_polygon(pts.iter().copied(), &style).unwrap();
        } else {
            back.draw_path(pts.iter().copied(), &style).unwrap();
        }
    }

    /// Draw `draw` on a patterned 64×48 canvas through plotters' bitmap and through ours.
    fn both(draw: impl Fn(&mut dyn FnMut(&[BackendCoord], RGBAColor, u32))) -> (Vec<u8>, Vec<u8>) {
        let (w, h) = (64u32, 48u32);
        let pattern: Vec<u8> = (0..w * h * 3).map(|i| (i * 37 % 251) as u8).collect();
        let (mut theirs, mut ours) = (pattern.clone(), pattern);
        {
            let mut back = BitMapBackend::with_buffer(&mut theirs, (w, h));
            draw(&mut |pts, colour, width| paint(&mut back, pts, colour, width));
        }
        {
            let mut back = Bitmap::with_buffer(&mut ours, (w, h));
            draw(&mut |pts, colour, width| paint(&mut back, pts, colour, width));
        }
        (theirs, ours)
    }

    #[test]
    fn circles_set_the_same_pixels_as_plotters() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let (w, h) = (64u32, 48u32);
        let pattern: Vec<u8> = (0..w * h * 3).map(|i| (i * 37 % 251) as u8).collect();
        let (mut theirs, mut ours) = (pattern.clone(), pattern);
        let mut back = Bitmap::with_buffer(&mut ours, (w, h));
        for case in 0..3000 {
            // Centres on, near and off the edges; each radius and style again and again (so
            // stamps are reused), filled and stroked, opaque and translucent.
            let center = (rng.random_range(-20..84), rng.random_range(-20..68));
            let radius = rng.random_range(0..14);
            let alpha = if rng.random_bool(0.7) {
                1.0
            } else {
                [0.3, 0.5][rng.random_range(0..2)]
            };
            let colour = RGBColor(rng.random(), rng.random(), rng.random()).mix(alpha);
            let width = rng.random_range(1..4);
            let fill = rng.random_bool(0.6);
            let style = ShapeStyle::from(colour).stroke_width(width);
            BitMapBackend::with_buffer(&mut theirs, (w, h))
                .draw_circle(center, radius, &style, fill)
                .unwrap();
            back.draw_circle(center, radius, &style, fill).unwrap();
            assert!(
                theirs.as_slice() == &*back.rgb,
                "case {case}: {center:?} radius {radius} width {width} fill {fill} alpha {alpha}"
            );
        }
        assert!(back.stamps.iter().any(|(_, s)| s.is_some()));
    }

    #[test]
    fn fills_and_thick_lines_set_the_same_pixels_as_plotters() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(14);
        for case in 0..3000 {
            // Points on and well off the canvas, often repeated or on one line; opaque and
            // translucent colours; polygons (width 0) and lines 2 to 9 pixels wide.
            let n = rng.random_range(1..12);
            let pts: Vec<BackendCoord> = (0..n)
                .map(|_| {
                    if rng.random_bool(0.5) {
                        (rng.random_range(0..4) * 16, rng.random_range(0..4) * 12)
                    } else {
                        (rng.random_range(-60..130), rng.random_range(-50..100))
                    }
                })
                .collect();
            let alpha = if rng.random_bool(0.7) {
                1.0
            } else {
                rng.random_range(0.05..1.0)
            };
            let colour = RGBColor(rng.random(), rng.random(), rng.random()).mix(alpha);
            let width = if rng.random_bool(0.4) {
                0
            } else {
                rng.random_range(2..10)
            };
            let (theirs, ours) = both(|draw| draw(&pts, colour, width));
            assert!(
                theirs == ours,
                "case {case}: {pts:?} width {width} alpha {alpha}"
            );
        }
    }
}
