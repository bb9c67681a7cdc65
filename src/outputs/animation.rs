//! animation.gif: the map, one frame per simulated day: the groups moving along the route,
//! their camps coloured by date, sightings appearing on their day, the date in the title.
//!
//! The still parts (land, route, towns) are drawn once; each day is drawn over a copy. All
//! frames share one 256-colour palette (NeuQuant on the last frame, which shows everything)
//! and each frame stores only the rectangle that changed since the one before, which keeps
//! the file small (the Honduran caravan: about 1 MB).

use super::map_layers::{self, TownRole};
use super::map_png::{
    Area, DrawResult, Placed, Projection, diamond, draw_countries, end_marker, offset_px,
    place_label,
};
use super::png::group_colour;
use super::raster::Bitmap;
use super::rows::{PositionRow, PositionRows};
use super::{RenderError, RenderKind, RunContext};
use plotters::prelude::*;
use std::collections::HashMap;

const W: u32 = 800;
const TITLE_H: u32 = 56;
const MIN_MAP_H: u32 = 420;
const MAX_MAP_H: u32 = 760;
/// Hundredths of a second per day, and on the last frame before the loop starts again.
const DAY_CS: u16 = 45;
const LAST_CS: u16 = 300;
const FONT: &str = super::font::FAMILY;

const SEA: RGBColor = RGBColor(207, 226, 243);
const INK: RGBColor = RGBColor(35, 35, 35);
const MUTED: RGBColor = RGBColor(95, 95, 95);
const SIGHTING: RGBColor = RGBColor(200, 0, 0);

pub fn animation_gif(ctx: &RunContext, rows: &PositionRows) -> Result<Vec<u8>, RenderError> {
    super::font::ensure_registered();
    let wanted = map_layers::extent(ctx, rows);
    let (proj, map_h) = Projection::fit(wanted, W, TITLE_H, MIN_MAP_H, MAX_MAP_H);
    let h = TITLE_H + map_h;
    let mut base = vec![0u8; (W * h * 3) as usize];
    draw_on(&mut base, h, |root| draw_base(root, ctx, &proj))?;
    let days = ctx.run.days.max(1);
    let ends = map_layers::group_ends(ctx, rows);
    let mut frames = Vec::with_capacity(days as usize);
    for day in 0..days {
        let mut rgb = base.clone();
        draw_on(&mut rgb, h, |root| {
            draw_day(root, ctx, rows, &ends, &proj, day)
        })?;
        frames.push(rgb);
    }
    encode(&frames, W, h)
}

fn draw_on(
    rgb: &mut [u8],
    h: u32,
    draw: impl for<'a, 'b> FnOnce(&'a Area<'a, 'b>) -> DrawResult<'a>,
) -> Result<(), RenderError> {
    let root = Bitmap::with_buffer(rgb, (W, h)).into_drawing_area();
    draw(&root).map_err(|e| RenderError::new(RenderKind::Draw, e))?;
    root.present()
        .map_err(|e| RenderError::new(RenderKind::Draw, e))
}

/// Land, the route, its towns and their names: what every frame shows.
fn draw_base<'a>(root: &Area<'a, '_>, ctx: &RunContext, proj: &Projection) -> DrawResult<'a> {
    root.fill(&SEA)?;
    draw_countries(root, proj)?;
    let route: Vec<(i32, i32)> = ctx.route.line().iter().map(|(p, _)| proj.px(*p)).collect();
    root.draw(&PathElement::new(route.clone(), WHITE.stroke_width(6)))?;
    root.draw(&PathElement::new(
        route,
        RGBColor(120, 120, 120).stroke_width(2),
    ))?;
    let towns = map_layers::labelled_towns(ctx);
    let mut placed = Placed::default();
    for t in &towns {
        let (x, y) = proj.px(t.at);
        placed.0.push((x - 5, y - 5, x + 5, y + 5));
        let r = if t.role == TownRole::End { 5 } else { 3 };
        root.draw(&Circle::new((x, y), r, WHITE.filled()))?;
        root.draw(&Circle::new((x, y), r, INK.stroke_width(2)))?;
    }
    for c in map_layers::border_crossings(ctx) {
        diamond(root, proj.px(c.at), 7)?;
    }
    for t in &towns {
        let size = if t.role == TownRole::End { 15 } else { 12 };
        if t.role == TownRole::End || t.population >= 250_000 || towns.len() <= 12 {
            place_label(
                root,
                proj,
                &mut placed,
                &t.name,
                proj.px(t.at),
                size,
                INK,
                7,
            )?;
        }
    }
    root.draw(&Rectangle::new(
        [(0, 0), (W as i32, TITLE_H as i32)],
        WHITE.filled(),
    ))?;
    root.draw(&Text::new(
        ctx.scenario.name().to_string(),
        (12, 6),
        (FONT, 17).into_font().color(&INK),
    ))?;
    Ok(())
}

/// One day: tracks and camps so far, sightings up to the day, each group where it is, the date.
fn draw_day<'a>(
    root: &Area<'a, '_>,
    ctx: &RunContext,
    rows: &PositionRows,
    ends: &[map_layers::GroupEnd],
    proj: &Projection,
    day: u32,
) -> DrawResult<'a> {
    for g in 0..ctx.run.group_names.len() {
        let mine: Vec<&PositionRow> = rows
            .of_group(g)
            .take_while(|r| r.record.day <= day)
            .collect();
        let Some(now) = mine.last() else { continue };
        let start_km = ctx.run.start_of(g).map_or(0.0, |(_, km)| km);
        let line: Vec<(i32, i32)> = ctx
            .route
            .line_between(start_km, now.record.km)
            .into_iter()
            .map(|p| proj.px(p))
            .collect();
        // Side by side on a shared road, as on map.png.
        let n = ctx.run.group_names.len() as f64;
        let line = offset_px(&line, (g as f64 - (n - 1.0) / 2.0) * 3.0);
        root.draw(&PathElement::new(line, group_colour(g).stroke_width(3)))?;
        for r in &mine {
            let (cr, cg, cb) = map_layers::date_colour(map_layers::day_frac(ctx, r.record.day));
            let at = proj.px(r.at);
            root.draw(&Circle::new(at, 4, WHITE.filled()))?;
            root.draw(&Circle::new(at, 3, RGBColor(cr, cg, cb).filled()))?;
        }
    }
    let today = ctx.run.date_of(day);
    for s in ctx
        .scenario
        .sightings()
        .iter()
        .filter(|s| s.date() <= today)
    {
        let at = proj.px(s.place().coord);
        let size = if s.date() == today { 11 } else { 7 };
        root.draw(&TriangleMarker::new(at, size + 2, WHITE.filled()))?;
        root.draw(&TriangleMarker::new(at, size, SIGHTING.filled()))?;
    }
    for g in 0..ctx.run.group_names.len() {
        let Some(r) = rows.of_group(g).find(|r| r.record.day == day) else {
            continue;
        };
        if r.record.status == crate::simulate::Status::Dispersed {
            continue;
        }
        let at = proj.px(r.at);
        root.draw(&Circle::new(at, 8, WHITE.filled()))?;
        root.draw(&Circle::new(at, 6, group_colour(g).filled()))?;
    }
    for e in ends.iter().filter(|e| e.day <= day) {
        end_marker(root, proj.px(e.at), e.status)?;
    }
    // The date and the people on the road, in the title band.
    let people = ctx.run.headcount_on(i64::from(day)).round() as u64;
    let mut line = format!(
        "{} · day {day} · {} people on the road",
        today.format("%a %-d %b %Y"),
        map_layers::thousands(people)
    );
    // Once every group has ended, how they ended (each group's story, when there is one).
    let ended: Vec<&map_layers::GroupEnd> = ends.iter().filter(|e| e.day <= day).collect();
    if ended.len() == ctx.run.group_names.len() && !ended.is_empty() {
        let story = if let [e] = ended.as_slice() {
            e.label(ctx)
        } else {
            let arrived = ended
                .iter()
                .filter(|e| e.status != crate::simulate::Status::Dispersed)
                .count();
            let dispersed = ended.len() - arrived;
            match (arrived, dispersed) {
                (a, 0) => format!("all {a} groups arrived"),
                (0, d) => format!("all {d} groups dispersed"),
                (a, d) => format!("{a} groups arrived, {d} dispersed"),
            }
        };
        line = format!("{} · {story}", today.format("%a %-d %b %Y"));
    }
    root.draw(&Text::new(
        line,
        (12, 30),
        (FONT, 15).into_font().color(&MUTED),
    ))?;
    Ok(())
}

/// GIF89a with one global palette, looping; each frame holds the rectangle that changed.
fn encode(frames: &[Vec<u8>], w: u32, h: u32) -> Result<Vec<u8>, RenderError> {
    let last = frames
        .last()
        .ok_or_else(|| RenderError::new(RenderKind::NoFrames, "no frames"))?;
    let rgba: Vec<u8> = last
        .chunks_exact(3)
        .flat_map(|p| [p[0], p[1], p[2], 255])
        .collect();
    let quant = color_quant::NeuQuant::new(10, 256, &rgba);
    let palette: Vec<u8> = quant.color_map_rgb();
    let mut cache: HashMap<[u8; 3], u8> = HashMap::new();
    let mut index = |p: &[u8]| {
        let key = [p[0], p[1], p[2]];
        *cache
            .entry(key)
            .or_insert_with(|| quant.index_of(&[p[0], p[1], p[2], 255]) as u8)
    };
    let (w16, h16) = (
        u16::try_from(w).map_err(|e| RenderError::new(RenderKind::TooLarge, e))?,
        u16::try_from(h).map_err(|e| RenderError::new(RenderKind::TooLarge, e))?,
    );
    let mut out = Vec::new();
    {
        let mut enc = gif::Encoder::new(&mut out, w16, h16, &palette)
            .map_err(|e| RenderError::new(RenderKind::Encode, e))?;
        enc.set_repeat(gif::Repeat::Infinite)
            .map_err(|e| RenderError::new(RenderKind::Encode, e))?;
        let stride = (w * 3) as usize;
        for (i, rgb) in frames.iter().enumerate() {
            // The rectangle that differs from the previous frame (all of the first).
            let (x0, y0, x1, y1) = match i.checked_sub(1).map(|p| &frames[p]) {
                None => (0, 0, w as usize, h as usize),
                Some(prev) => {
                    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
                    for y in 0..h as usize {
                        let row = &rgb[y * stride..(y + 1) * stride];
                        let prow = &prev[y * stride..(y + 1) * stride];
                        if row == prow {
                            continue;
                        }
                        let first = row.iter().zip(prow).position(|(a, b)| a != b).unwrap_or(0) / 3;
                        let last_px =
                            row.iter().zip(prow).rposition(|(a, b)| a != b).unwrap_or(0) / 3;
                        (x0, y0, x1, y1) = (x0.min(first), y0.min(y), x1.max(last_px + 1), y + 1);
                    }
                    if x0 == usize::MAX {
                        (0, 0, 1, 1)
                    } else {
                        (x0, y0, x1, y1)
                    }
                }
            };
            let mut buffer = Vec::with_capacity((x1 - x0) * (y1 - y0));
            for y in y0..y1 {
                for x in x0..x1 {
                    let o = y * stride + x * 3;
                    buffer.push(index(&rgb[o..o + 3]));
                }
            }
            let frame = gif::Frame {
                left: x0 as u16,
                top: y0 as u16,
                width: (x1 - x0) as u16,
                height: (y1 - y0) as u16,
                buffer: std::borrow::Cow::Owned(buffer),
                delay: if i + 1 == frames.len() {
                    LAST_CS
                } else {
                    DAY_CS
                },
                dispose: gif::DisposalMethod::Keep,
                ..gif::Frame::default()
            };
            enc.write_frame(&frame)
                .map_err(|e| RenderError::new(RenderKind::Encode, e))?;
        }
    }
    Ok(out)
}
