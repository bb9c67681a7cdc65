//! map.png: the run over country borders, readable for a 4,000 km route and a 40 km one alike.
//!
//! Projection: Lambert conformal conic (proj4rs, a pure-Rust port of PROJ) with standard
//! parallels at 1/6 and 5/6 of the map's latitude span. It is conformal, so shapes are right
//! everywhere and the scale changes only with latitude: by under 2% of the centre's scale
//! anywhere on the Honduran map, 12°N to 34°N (the equirectangular map with the centre's
//! cosine it replaces drifted about 10% east–west over that span), so the scale bar holds
//! across the whole map.

use super::RunContext;
use super::map_layers::{self, Extent, LabelledTown, TownRole};
use super::png::{GROUP_COLOURS, group_colour, render};
use super::raster::Bitmap;
use super::rows::PositionRows;
use crate::gazetteer::{Borders, LonLat};
use geo::{BooleanOps, Rect};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use proj4rs::proj::Proj;
use proj4rs::transform::transform;

const W: u32 = 1600;
const TITLE_H: u32 = 86;
const FOOTER_H: u32 = 70;
const MIN_MAP_H: u32 = 800;
const MAX_MAP_H: u32 = 1500;
const FONT: &str = super::font::FAMILY;

const SEA: RGBColor = RGBColor(207, 226, 243);
const LAND: RGBColor = RGBColor(245, 240, 225);
const BORDER: RGBColor = RGBColor(150, 150, 150);
const INK: RGBColor = RGBColor(35, 35, 35);
const MUTED: RGBColor = RGBColor(95, 95, 95);

pub(super) type Area<'a, 'b> = DrawingArea<Bitmap<'b>, plotters::coord::Shift>;
pub(super) type DrawResult<'a> = Result<(), Box<dyn std::error::Error + 'a>>;

/// Lon/lat to pixels inside the map band (below the title band of `top_px`).
pub(super) struct Projection {
    /// A lon/lat box that covers the whole frame (the frame's corners lie outside `wanted`'s
    /// box on a cone), for clipping the borders and placing country names.
    pub(super) extent: Extent,
    lonlat: Proj,
    lcc: Proj,
    /// Projected metres of the frame's top-left corner.
    left_m: f64,
    top_m: f64,
    px_per_m: f64,
    top_px: i32,
    width_px: i32,
    height_px: i32,
}

/// Points along the four edges of a lon/lat box (`n` per edge).
fn box_edge(x: &Extent, n: u32) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(4 * n as usize);
    for i in 0..n {
        let t = f64::from(i) / f64::from(n - 1);
        let lon = x.west_deg + t * (x.east_deg - x.west_deg);
        let lat = x.south_deg + t * (x.north_deg - x.south_deg);
        out.extend([
            (lon, x.south_deg),
            (lon, x.north_deg),
            (x.west_deg, lat),
            (x.east_deg, lat),
        ]);
    }
    out
}

impl Projection {
    /// A conic fitted to `wanted`, which it shows whole and centred in a frame `map_w` px wide
    /// and between `min_height_px` and `max_height_px` px high (as high as `wanted`'s shape asks within those
    /// bounds); returns the projection and the frame's height.
    pub(super) fn fit(
        wanted: Extent,
        map_w: u32,
        top_px: u32,
        min_height_px: u32,
        max_height_px: u32,
    ) -> (Self, u32) {
        let (s, n) = (wanted.south_deg, wanted.north_deg);
        let c = wanted.centre();
        let lcc = Proj::from_proj_string(&format!(
            "+proj=lcc +lat_1={} +lat_2={} +lat_0={} +lon_0={} +ellps=WGS84 +units=m +no_defs",
            s + (n - s) / 6.0,
            n - (n - s) / 6.0,
            c.lat_deg,
            c.lon_deg
        ))
        .expect("a valid Lambert conformal conic definition");
        let lonlat = Proj::from_proj_string("+proj=longlat +ellps=WGS84 +no_defs")
            .expect("a valid longlat definition");
        let mut proj = Projection {
            extent: wanted,
            lonlat,
            lcc,
            left_m: 0.0,
            top_m: 0.0,
            px_per_m: 1.0,
            top_px: top_px as i32,
            width_px: map_w as i32,
            height_px: 0,
        };
        let (mut x0, mut y0, mut x1, mut y1) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for (lon, lat) in box_edge(&wanted, 64) {
            let (x, y) = proj.metres(LonLat::new(lon, lat));
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        let (dx, dy) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
        let frame_h =
            ((f64::from(map_w) * dy / dx).round() as u32).clamp(min_height_px, max_height_px);
        proj.px_per_m = (f64::from(map_w) / dx).min(f64::from(frame_h) / dy);
        proj.left_m = (x0 + x1) / 2.0 - f64::from(map_w) / 2.0 / proj.px_per_m;
        proj.top_m = (y0 + y1) / 2.0 + f64::from(frame_h) / 2.0 / proj.px_per_m;
        proj.height_px = frame_h as i32;
        // The lon/lat box around the whole frame: its edges, projected back.
        let (mut w, mut s, mut e, mut n) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        let (fw, fh) = (f64::from(map_w), f64::from(frame_h));
        for i in 0..=64 {
            let t = f64::from(i) / 64.0;
            for (x, y) in [(t * fw, 0.0), (t * fw, fh), (0.0, t * fh), (fw, t * fh)] {
                if let Some(p) = proj.lonlat_at(x, y) {
                    (w, s, e, n) = (
                        w.min(p.lon_deg),
                        s.min(p.lat_deg),
                        e.max(p.lon_deg),
                        n.max(p.lat_deg),
                    );
                }
            }
        }
        if w.is_finite() && s.is_finite() {
            proj.extent = Extent {
                west_deg: w,
                south_deg: s,
                east_deg: e,
                north_deg: n,
            };
        }
        (proj, frame_h)
    }

    /// Projected metres (easting, northing) of a point.
    fn metres(&self, p: LonLat) -> (f64, f64) {
        let mut xy = (p.lon_deg.to_radians(), p.lat_deg.to_radians());
        match transform(&self.lonlat, &self.lcc, &mut xy) {
            Ok(()) => xy,
            // Only the poles fail on this cone; they are never on a caravan's map.
            Err(_) => (f64::NAN, f64::NAN),
        }
    }

    /// The point at a pixel of the map band (x from its left, y from its top).
    fn lonlat_at(&self, x_px: f64, y_px: f64) -> Option<LonLat> {
        let mut xy = (
            self.left_m + x_px / self.px_per_m,
            self.top_m - y_px / self.px_per_m,
        );
        transform(&self.lcc, &self.lonlat, &mut xy).ok()?;
        Some(LonLat::new(xy.0.to_degrees(), xy.1.to_degrees()))
    }

    pub(super) fn px(&self, p: LonLat) -> (i32, i32) {
        let (x, y) = self.px_f(p);
        (x.round() as i32, y.round() as i32)
    }

    /// [`Projection::px`] before rounding, measured from the top of the image.
    fn px_f(&self, p: LonLat) -> (f64, f64) {
        let (x, y) = self.metres(p);
        (
            (x - self.left_m) * self.px_per_m,
            (self.top_m - y) * self.px_per_m + f64::from(self.top_px),
        )
    }

    /// Ground km per pixel at the middle of the frame, by geodesic distance over 100 px.
    fn km_per_px(&self) -> f64 {
        self.km_per_px_at(
            f64::from(self.width_px) / 2.0,
            f64::from(self.height_px) / 2.0,
        )
    }

    /// Ground km per pixel at a pixel of the map band, east–west over 100 px.
    fn km_per_px_at(&self, x: f64, y: f64) -> f64 {
        match (self.lonlat_at(x - 50.0, y), self.lonlat_at(x + 50.0, y)) {
            (Some(a), Some(b)) => a.geodesic_km(b) / 100.0,
            _ => f64::NAN,
        }
    }

    /// The latitude of the frame's middle, where the scale bar is measured.
    fn centre_lat_deg(&self) -> f64 {
        self.lonlat_at(
            f64::from(self.width_px) / 2.0,
            f64::from(self.height_px) / 2.0,
        )
        .map_or(self.extent.centre().lat_deg, |p| p.lat_deg)
    }
}

/// Pixel boxes already taken by labels, the legend and other furniture.
#[derive(Default)]
pub(super) struct Placed(pub(super) Vec<(i32, i32, i32, i32)>);

impl Placed {
    fn free(&self, b: (i32, i32, i32, i32)) -> bool {
        self.0
            .iter()
            .all(|o| b.2 <= o.0 || o.2 <= b.0 || b.3 <= o.1 || o.3 <= b.1)
    }
}

pub fn map_png(ctx: &RunContext, rows: &PositionRows) -> Result<Vec<u8>, super::RenderError> {
    let wanted = map_layers::extent(ctx, rows);
    let (proj, map_h) = Projection::fit(wanted, W, TITLE_H, MIN_MAP_H, MAX_MAP_H);
    let h = TITLE_H + map_h + FOOTER_H;
    let ends = map_layers::group_ends(ctx, rows);
    render(W, h, |root| {
        root.fill(&SEA)?;
        draw_countries(root, &proj)?;
        let mut placed = Placed::default();
        draw_run(root, ctx, rows, &ends, &proj)?;
        legend(root, ctx, rows, &proj, map_h, &mut placed)?;
        labels(root, ctx, rows, &ends, &proj, &mut placed)?;
        country_names(root, &proj, &mut placed)?;
        title(root, ctx, &ends)?;
        footer(root, ctx, &proj, h)?;
        Ok(())
    })
}

/// Land over sea, borders as grey lines.
pub(super) fn draw_countries<'a>(root: &Area<'a, '_>, proj: &Projection) -> DrawResult<'a> {
    let x = proj.extent;
    let pad = 0.05 * (x.east_deg - x.west_deg).max(x.north_deg - x.south_deg);
    let view = Rect::new(
        (x.west_deg - pad, x.south_deg - pad),
        (x.east_deg + pad, x.north_deg + pad),
    )
    .to_polygon();
    let ring_px = |ring: &geo::LineString<f64>| {
        ring.coords()
            .map(|c| proj.px(LonLat::new(c.x, c.y)))
            .collect::<Vec<_>>()
    };
    for (_, polygons) in Borders::bundled().countries() {
        let visible = polygons.intersection(&view);
        for poly in &visible {
            root.draw(&Polygon::new(ring_px(poly.exterior()), LAND.filled()))?;
            for hole in poly.interiors() {
                root.draw(&Polygon::new(ring_px(hole), SEA.filled()))?;
            }
        }
        for poly in &visible {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                root.draw(&PathElement::new(ring_px(ring), BORDER.stroke_width(2)))?;
            }
        }
    }
    Ok(())
}

/// Country names in spaced capitals, on the biggest visible piece of each country, where free.
fn country_names<'a>(
    root: &Area<'a, '_>,
    proj: &Projection,
    placed: &mut Placed,
) -> DrawResult<'a> {
    let font = (FONT, 22).into_font();
    for (name, p) in map_layers::country_name_points(&proj.extent) {
        let text = spaced(&name.to_uppercase());
        let (w, h) = root.estimate_text_size(&text, &TextStyle::from(font.clone()))?;
        let (w, h) = (w as i32, h as i32);
        let (cx, cy) = proj.px(p);
        // Try the interior point, then a little above or below it.
        for dy in [0, -60, 60, -120, 120] {
            let b = (cx - w / 2, cy + dy - h / 2, cx + w / 2, cy + dy + h / 2);
            if placed.free(b) && b.1 > TITLE_H as i32 {
                placed.0.push(b);
                root.draw(&Text::new(
                    text.clone(),
                    (b.0, b.1),
                    font.clone().color(&RGBColor(170, 160, 135)),
                ))?;
                break;
            }
        }
    }
    Ok(())
}

/// "M E X I C O": letter-spaced, the cartographic convention for area names.
fn spaced(s: &str) -> String {
    s.chars()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Route, tracks, daily positions coloured by date, border crossings, towns and sightings.
fn draw_run<'a>(
    root: &Area<'a, '_>,
    ctx: &RunContext,
    rows: &PositionRows,
    ends: &[map_layers::GroupEnd],
    proj: &Projection,
) -> DrawResult<'a> {
    let route_px: Vec<(i32, i32)> = ctx.route.line().iter().map(|(p, _)| proj.px(*p)).collect();
    root.draw(&PathElement::new(
        route_px.clone(),
        RGBColor(255, 255, 255).stroke_width(9),
    ))?;
    root.draw(&PathElement::new(
        route_px,
        RGBColor(120, 120, 120).stroke_width(3),
    ))?;
    // Groups on the same road side by side: each track shifted sideways by its own few
    // pixels, so one never hides another. One lane per colour: beyond that, groups of one
    // colour share its lane, so 1,000 groups stay a band along the road instead of a fan
    // kilometres wide (and cost no more to draw than the lanes they fill).
    let n = ctx.run.group_names.len();
    let lanes = n.min(GROUP_COLOURS);
    for g in 0..n {
        let pts = follow_route(ctx, rows, g, proj);
        let lane = g % GROUP_COLOURS;
        let shift_px = (lane as f64 - (lanes as f64 - 1.0) / 2.0) * 4.0;
        let pts = offset_px(&pts, shift_px);
        root.draw(&PathElement::new(pts, group_colour(g).stroke_width(4)))?;
    }
    for r in rows.all() {
        let (cr, cg, cb) = map_layers::date_colour(map_layers::day_frac(ctx, r.record.day));
        let at = proj.px(r.at);
        root.draw(&Circle::new(at, 6, WHITE.filled()))?;
        root.draw(&Circle::new(at, 5, RGBColor(cr, cg, cb).filled()))?;
    }
    for t in map_layers::labelled_towns(ctx) {
        let at = proj.px(t.at);
        let r = if t.role == TownRole::End { 7 } else { 5 };
        root.draw(&Circle::new(at, r, WHITE.filled()))?;
        root.draw(&Circle::new(at, r, INK.stroke_width(2)))?;
    }
    for c in map_layers::border_crossings(ctx) {
        diamond(root, proj.px(c.at), 9)?;
    }
    for s in ctx.scenario.sightings() {
        let at = proj.px(s.place().coord);
        root.draw(&TriangleMarker::new(at, 11, WHITE.filled()))?;
        root.draw(&TriangleMarker::new(at, 8, RGBColor(200, 0, 0).filled()))?;
    }
    for e in ends {
        end_marker(root, proj.px(e.at), e.status)?;
    }
    Ok(())
}

/// Where a group ended: a red cross in a white disc for a dispersal, a black square for an
/// arrival.
pub(super) fn end_marker<'a>(
    root: &Area<'a, '_>,
    (x, y): (i32, i32),
    status: crate::simulate::Status,
) -> DrawResult<'a> {
    if status == crate::simulate::Status::Dispersed {
        root.draw(&Circle::new((x, y), 12, WHITE.filled()))?;
        root.draw(&Circle::new((x, y), 12, INK.stroke_width(2)))?;
        for (a, b) in [
            ((x - 7, y - 7), (x + 7, y + 7)),
            ((x + 7, y - 7), (x - 7, y + 7)),
        ] {
            root.draw(&PathElement::new(
                vec![a, b],
                RGBColor(176, 0, 0).stroke_width(4),
            ))?;
        }
    } else {
        root.draw(&Rectangle::new(
            [(x - 9, y - 9), (x + 9, y + 9)],
            WHITE.filled(),
        ))?;
        root.draw(&Rectangle::new(
            [(x - 7, y - 7), (x + 7, y + 7)],
            INK.filled(),
        ))?;
    }
    Ok(())
}

/// A pixel polyline moved `d` pixels to its left (negative: right), each vertex along the
/// mean of the normals of the segments that meet there.
pub(super) fn offset_px(pts: &[(i32, i32)], d: f64) -> Vec<(i32, i32)> {
    if d == 0.0 || pts.len() < 2 {
        return pts.to_vec();
    }
    let normal = |a: (i32, i32), b: (i32, i32)| {
        let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        let len = dx.hypot(dy);
        if len == 0.0 {
            (0.0, 0.0)
        } else {
            (dy / len, -dx / len)
        }
    };
    (0..pts.len())
        .map(|i| {
            let before = if i > 0 {
                normal(pts[i - 1], pts[i])
            } else {
                (0.0, 0.0)
            };
            let after = if i + 1 < pts.len() {
                normal(pts[i], pts[i + 1])
            } else {
                (0.0, 0.0)
            };
            let (nx, ny) = (before.0 + after.0, before.1 + after.1);
            let len = nx.hypot(ny);
            let (nx, ny) = if len == 0.0 {
                (0.0, 0.0)
            } else {
                (nx / len, ny / len)
            };
            (
                (f64::from(pts[i].0) + nx * d).round() as i32,
                (f64::from(pts[i].1) + ny * d).round() as i32,
            )
        })
        .collect()
}

/// A group's track in pixels along the route's own vertices (the daily points are on the route).
fn follow_route(
    ctx: &RunContext,
    rows: &PositionRows,
    g: usize,
    proj: &Projection,
) -> Vec<(i32, i32)> {
    let mine = rows.of_group(g);
    let Some(first) = mine.clone().next() else {
        return Vec::new();
    };
    let start_km = if first.record.day == 0 {
        0.0
    } else {
        first.record.km
    };
    let end_km = mine.map(|r| r.record.km).fold(start_km, f64::max);
    let mut kms = vec![start_km];
    kms.extend(
        ctx.route
            .line()
            .iter()
            .map(|(_, km)| *km)
            .filter(|km| *km > start_km && *km < end_km),
    );
    kms.push(end_km);
    kms.into_iter()
        .map(|km| proj.px(ctx.route.position_at_km(km)))
        .collect()
}

pub(super) fn diamond<'a>(root: &Area<'a, '_>, (x, y): (i32, i32), r: i32) -> DrawResult<'a> {
    let pts = |r: i32| vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
    root.draw(&Polygon::new(pts(r + 2), WHITE.filled()))?;
    root.draw(&Polygon::new(pts(r), RGBColor(20, 20, 20).filled()))?;
    root.draw(&Polygon::new(pts(r - 4), RGBColor(240, 200, 0).filled()))?;
    Ok(())
}

/// Text with a white halo, readable over land, sea and lines.
pub(super) fn halo_text<'a>(
    root: &Area<'a, '_>,
    text: &str,
    (x, y): (i32, i32),
    size: u32,
    colour: RGBColor,
) -> DrawResult<'a> {
    let halo = TextStyle::from((FONT, size).into_font()).color(&WHITE);
    for (dx, dy) in [
        (-2, 0),
        (2, 0),
        (0, -2),
        (0, 2),
        (-1, -1),
        (1, 1),
        (-1, 1),
        (1, -1),
    ] {
        root.draw(&Text::new(text.to_string(), (x + dx, y + dy), halo.clone()))?;
    }
    root.draw(&Text::new(
        text.to_string(),
        (x, y),
        TextStyle::from((FONT, size).into_font()).color(&colour),
    ))?;
    Ok(())
}

/// Place a label beside `at` in the first free spot (right, left, above, below); skip it if none.
#[allow(clippy::too_many_arguments)]
pub(super) fn place_label<'a>(
    root: &Area<'a, '_>,
    proj: &Projection,
    placed: &mut Placed,
    text: &str,
    at: (i32, i32),
    size: u32,
    colour: RGBColor,
    gap: i32,
) -> DrawResult<'a> {
    place_block(
        root,
        proj,
        placed,
        &[text.to_string()],
        at,
        size,
        colour,
        gap,
        false,
    )
}

/// Place lines of text as one block beside `at`, in the first free spot; skip it if none.
#[allow(clippy::too_many_arguments)]
pub(super) fn place_block<'a>(
    root: &Area<'a, '_>,
    proj: &Projection,
    placed: &mut Placed,
    lines: &[String],
    at: (i32, i32),
    size: u32,
    colour: RGBColor,
    gap: i32,
    must: bool,
) -> DrawResult<'a> {
    let style = TextStyle::from((FONT, size).into_font());
    let mut w = 0;
    let mut line_h = 0;
    for l in lines {
        let (lw, lh) = root.estimate_text_size(l, &style)?;
        w = w.max(lw as i32);
        line_h = line_h.max(lh as i32 + 2);
    }
    let h = line_h * lines.len() as i32;
    let (x, y) = at;
    let candidates = [
        (x + gap, y - h / 2),
        (x - gap - w, y - h / 2),
        (x - w / 2, y - gap - h),
        (x - w / 2, y + gap),
        (x + gap, y - gap - h + 4),
        (x + gap, y + gap - 4),
        (x - gap - w, y - gap - h + 4),
        (x - gap - w, y + gap - 4),
    ];
    // Labels that must be shown (route ends, how groups ended) may also sit further off,
    // joined to their point by a thin leader line.
    let far: Vec<(i32, i32)> = if must {
        [45.0, 80.0, 130.0, 200.0]
            .into_iter()
            .flat_map(|r: f64| {
                (0..16).map(move |k| {
                    let a = f64::from(k) * std::f64::consts::PI / 8.0;
                    let (cx, cy) = (f64::from(x) + r * a.cos(), f64::from(y) - r * a.sin());
                    // the block's nearest side faces the point
                    let lx = if a.cos() >= 0.0 {
                        cx
                    } else {
                        cx - f64::from(w)
                    };
                    (lx.round() as i32, (cy - f64::from(h) / 2.0).round() as i32)
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let (top, bottom) = (proj.top_px, proj.top_px + proj.height_px);
    for (k, (lx, ly)) in candidates.into_iter().chain(far).enumerate() {
        let b = (lx - 2, ly - 2, lx + w + 2, ly + h + 2);
        if b.0 < 0 || b.1 < top || b.2 > proj.width_px || b.3 > bottom || !placed.free(b) {
            continue;
        }
        placed.0.push(b);
        if k >= 8 {
            let ex = (x).clamp(lx, lx + w);
            let ey = (y).clamp(ly, ly + h);
            root.draw(&PathElement::new(
                vec![(x, y), (ex, ey)],
                MUTED.stroke_width(1),
            ))?;
        }
        for (i, l) in lines.iter().enumerate() {
            halo_text(root, l, (lx, ly + i as i32 * line_h), size, colour)?;
        }
        return Ok(());
    }
    Ok(())
}

/// Town names, then sighting dates, greedily: a label that would overlap one already placed is skipped.
fn labels<'a>(
    root: &Area<'a, '_>,
    ctx: &RunContext,
    rows: &PositionRows,
    ends: &[map_layers::GroupEnd],
    proj: &Projection,
    placed: &mut Placed,
) -> DrawResult<'a> {
    let towns: Vec<LabelledTown> = map_layers::labelled_towns(ctx);
    // Reserve every marker first, so no label covers a town or a sighting.
    for t in &towns {
        let (x, y) = proj.px(t.at);
        placed.0.push((x - 6, y - 6, x + 6, y + 6));
    }
    for s in ctx.scenario.sightings() {
        let (x, y) = proj.px(s.place().coord);
        placed.0.push((x - 8, y - 8, x + 8, y + 8));
    }
    for r in rows.all() {
        let (x, y) = proj.px(r.at);
        placed.0.push((x - 5, y - 5, x + 5, y + 5));
    }
    for c in map_layers::border_crossings(ctx) {
        let (x, y) = proj.px(c.at);
        placed.0.push((x - 9, y - 9, x + 9, y + 9));
    }
    // The route line itself, sampled every few pixels.
    for pair in ctx.route.line().windows(2) {
        let (a, b) = (proj.px(pair[0].0), proj.px(pair[1].0));
        let steps = ((a.0 - b.0).abs().max((a.1 - b.1).abs()) / 6).max(1);
        for k in 0..=steps {
            let (x, y) = (a.0 + (b.0 - a.0) * k / steps, a.1 + (b.1 - a.1) * k / steps);
            placed.0.push((x - 3, y - 3, x + 3, y + 3));
        }
    }
    // How each group ended comes first: it is the story of the map.
    for e in ends {
        let (x, y) = proj.px(e.at);
        placed.0.push((x - 13, y - 13, x + 13, y + 13));
    }
    // Groups that ended at one place share one block of lines.
    let mut blocks: Vec<((i32, i32), Vec<String>)> = Vec::new();
    for e in ends {
        let mut text = e.label(ctx);
        if ctx.run.group_names.len() > 1 {
            text = format!("{}: {text}", ctx.run.group_names[e.group]);
        }
        let at = proj.px(e.at);
        match blocks
            .iter_mut()
            .find(|(p, _)| (p.0 - at.0).abs() + (p.1 - at.1).abs() < 12)
        {
            Some((_, lines)) => lines.push(text),
            None => blocks.push((at, vec![text])),
        }
    }
    // The route's ends are named whatever it takes (a leader line if need be), then how
    // each group ended, then cities of a million or more: what readers orient by.
    for t in towns.iter().filter(|t| t.role == TownRole::End) {
        let name = [t.name.clone()];
        place_block(root, proj, placed, &name, proj.px(t.at), 22, INK, 12, true)?;
    }
    for (at, lines) in &blocks {
        place_block(root, proj, placed, lines, *at, 17, INK, 16, true)?;
    }
    let (first, rest): (Vec<_>, Vec<_>) = towns
        .iter()
        .filter(|t| t.role != TownRole::End)
        .partition(|t| t.population >= 1_000_000);
    for t in &first {
        place_label(root, proj, placed, &t.name, proj.px(t.at), 19, INK, 12)?;
    }
    // Then the sightings (the evidence the map is about), then the names of the towns where
    // they were reported, then the rest.
    let (sighted, rest): (
        Vec<&map_layers::LabelledTown>,
        Vec<&map_layers::LabelledTown>,
    ) = rest.into_iter().partition(|t| {
        ctx.scenario
            .sightings()
            .iter()
            .any(|s| s.place().coord == t.at)
    });
    let mut sightings: Vec<_> = ctx.scenario.sightings().iter().collect();
    sightings.sort_by_key(|s| (s.date(), s.place().name.clone()));
    for s in sightings {
        let mut text = s.date().format("%-d %b").to_string();
        if let Some(n) = s.headcount() {
            text.push_str(&format!(" · {}", map_layers::thousands(n)));
        }
        place_label(
            root,
            proj,
            placed,
            &text,
            proj.px(s.place().coord),
            15,
            RGBColor(170, 0, 0),
            11,
        )?;
    }
    for t in &sighted {
        // A wider gap: the sighting triangle's reserved box is larger than a town marker's.
        place_label(root, proj, placed, &t.name, proj.px(t.at), 17, INK, 13)?;
    }
    for t in &rest {
        let size = if t.role == TownRole::BorderCrossing || t.population >= 250_000 {
            18
        } else {
            16
        };
        place_label(root, proj, placed, &t.name, proj.px(t.at), size, INK, 9)?;
    }
    Ok(())
}

/// Groups and symbols, in the map corner that hides the fewest points of the run.
fn legend<'a>(
    root: &Area<'a, '_>,
    ctx: &RunContext,
    rows: &PositionRows,
    proj: &Projection,
    map_h: u32,
    placed: &mut Placed,
) -> DrawResult<'a> {
    let all_groups = &ctx.run.group_names;
    // One row per colour at most: with more groups the colours repeat, and a row saying how
    // many more keeps the box on the map.
    let more_groups = all_groups.len().saturating_sub(GROUP_COLOURS);
    let groups = &all_groups[..all_groups.len() - more_groups];
    let line_h = 26;
    let has_sightings = !ctx.scenario.sightings().is_empty();
    let has_crossings = !map_layers::border_crossings(ctx).is_empty();
    let rows_n = groups.len() as i32
        + 2
        + i32::from(more_groups > 0)
        + i32::from(has_sightings)
        + i32::from(has_crossings);
    let (box_w, box_h) = (300, 16 + line_h * rows_n);
    let (top, bottom) = (TITLE_H as i32 + 12, (TITLE_H + map_h) as i32 - 12 - box_h);
    let corners = [
        (12, top),
        (W as i32 - 12 - box_w, top),
        (12, bottom),
        (W as i32 - 12 - box_w, bottom),
    ];
    let points: Vec<(i32, i32)> = rows
        .all()
        .iter()
        .map(|r| proj.px(r.at))
        .chain(ctx.route.line().iter().map(|(p, _)| proj.px(*p)))
        .chain(
            ctx.scenario
                .sightings()
                .iter()
                .map(|s| proj.px(s.place().coord)),
        )
        .collect();
    let hidden = |(x, y): (i32, i32)| {
        points
            .iter()
            .filter(|p| {
                p.0 >= x - 40 && p.0 <= x + box_w + 40 && p.1 >= y - 40 && p.1 <= y + box_h + 40
            })
            .count()
    };
    let (x, y) = corners
        .into_iter()
        .min_by_key(|c| hidden(*c))
        .expect("four corners");
    placed.0.push((x, y, x + box_w, y + box_h));
    root.draw(&Rectangle::new(
        [(x, y), (x + box_w, y + box_h)],
        WHITE.mix(0.92).filled(),
    ))?;
    root.draw(&Rectangle::new(
        [(x, y), (x + box_w, y + box_h)],
        RGBColor(170, 170, 170).stroke_width(1),
    ))?;
    let text = |s: &str, row: i32| {
        Text::new(
            s.to_string(),
            (x + 52, y + 10 + row * line_h),
            (FONT, 16).into_font().color(&INK),
        )
    };
    let mid = |row: i32| y + 10 + row * line_h + 9;
    for (g, name) in groups.iter().enumerate() {
        let row = g as i32;
        root.draw(&PathElement::new(
            vec![(x + 12, mid(row)), (x + 42, mid(row))],
            group_colour(g).stroke_width(4),
        ))?;
        let label = if groups.len() == 1 {
            "simulated track".to_string()
        } else {
            format!("group {name}")
        };
        root.draw(&text(&label, row))?;
    }
    let mut row = groups.len() as i32;
    if more_groups > 0 {
        root.draw(&text(
            &format!("and {more_groups} more (colours repeat)"),
            row,
        ))?;
        row += 1;
    }
    for (cx, f) in [(17, 0.0), (27, 0.5), (37, 1.0)] {
        let (r, g, b) = map_layers::date_colour(f);
        root.draw(&Circle::new(
            (x + cx, mid(row)),
            5,
            RGBColor(r, g, b).filled(),
        ))?;
    }
    root.draw(&text("position each day (colour: date)", row))?;
    let mut row = row + 1;
    if has_sightings {
        root.draw(&TriangleMarker::new(
            (x + 27, mid(row)),
            8,
            RGBColor(200, 0, 0).filled(),
        ))?;
        root.draw(&text("reported sighting (date · people)", row))?;
        row += 1;
    }
    if has_crossings {
        diamond(root, (x + 27, mid(row)), 9)?;
        root.draw(&text("border crossing", row))?;
        row += 1;
    }
    root.draw(&Circle::new((x + 27, mid(row)), 5, WHITE.filled()))?;
    root.draw(&Circle::new((x + 27, mid(row)), 5, INK.stroke_width(2)))?;
    root.draw(&text("town on the route", row))?;
    Ok(())
}

fn title<'a>(
    root: &Area<'a, '_>,
    ctx: &RunContext,
    ends: &[map_layers::GroupEnd],
) -> DrawResult<'a> {
    root.draw(&Rectangle::new(
        [(0, 0), (W as i32, TITLE_H as i32)],
        WHITE.filled(),
    ))?;
    root.draw(&PathElement::new(
        vec![(0, TITLE_H as i32 - 1), (W as i32, TITLE_H as i32 - 1)],
        RGBColor(180, 180, 180),
    ))?;
    let s = ctx.scenario;
    root.draw(&Text::new(
        s.name().to_string(),
        (24, 14),
        (FONT, 30).into_font().color(&INK),
    ))?;
    let sub = map_layers::subtitle(ctx, ends);
    root.draw(&Text::new(
        sub,
        (24, 54),
        (FONT, 17).into_font().color(&MUTED),
    ))?;
    Ok(())
}

/// Scale bar, date colour bar and attribution below the map.
fn footer<'a>(root: &Area<'a, '_>, ctx: &RunContext, proj: &Projection, h: u32) -> DrawResult<'a> {
    let top = (h - FOOTER_H) as i32;
    root.draw(&Rectangle::new(
        [(0, top), (W as i32, h as i32)],
        WHITE.filled(),
    ))?;
    root.draw(&PathElement::new(
        vec![(0, top), (W as i32, top)],
        RGBColor(180, 180, 180),
    ))?;
    // Scale bar: a round number of km, at most 240 px, true at the centre latitude.
    let km_per_px = proj.km_per_px();
    let km = map_layers::nice_km(240.0 * km_per_px);
    let len = (km / km_per_px).round() as i32;
    let (sx, sy) = (24, top + 40);
    root.draw(&Rectangle::new(
        [(sx, sy), (sx + len / 2, sy + 8)],
        INK.filled(),
    ))?;
    root.draw(&Rectangle::new(
        [(sx, sy), (sx + len, sy + 8)],
        INK.stroke_width(1),
    ))?;
    let km_text = if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{km} km")
    };
    root.draw(&Text::new(
        "0".to_string(),
        (sx - 4, sy - 22),
        (FONT, 15).into_font().color(&INK),
    ))?;
    root.draw(&Text::new(
        km_text,
        (sx + len - 10, sy - 22),
        (FONT, 15).into_font().color(&INK),
    ))?;
    root.draw(&Text::new(
        format!("scale at {:.1}°N", proj.centre_lat_deg()),
        (sx + len + 50, sy - 4),
        (FONT, 13).into_font().color(&MUTED),
    ))?;
    // Date colour bar.
    let (bx, bw, by) = (520, 420, top + 14);
    for i in 0..bw {
        let (r, g, b) = map_layers::date_colour(f64::from(i) / f64::from(bw - 1));
        root.draw(&PathElement::new(
            vec![(bx + i, by), (bx + i, by + 16)],
            RGBColor(r, g, b),
        ))?;
    }
    let days = ctx.run.days.max(1);
    let ticks = 5.min(days);
    for k in 0..ticks {
        let day = if ticks == 1 {
            0
        } else {
            (days - 1) * k / (ticks - 1)
        };
        let x =
            bx + (f64::from(day) / f64::from((days - 1).max(1)) * f64::from(bw - 1)).round() as i32;
        root.draw(&PathElement::new(vec![(x, by + 16), (x, by + 22)], INK))?;
        let style = TextStyle::from((FONT, 14).into_font())
            .color(&INK)
            .pos(Pos::new(HPos::Center, VPos::Top));
        root.draw(&Text::new(
            ctx.run.date_of(day).format("%-d %b").to_string(),
            (x, by + 25),
            style,
        ))?;
    }
    root.draw(&Text::new(
        "date".to_string(),
        (bx - 44, by),
        (FONT, 15).into_font().color(&MUTED),
    ))?;
    let attribution = "Borders: Natural Earth. Towns: GeoNames (CC BY 4.0). route-sim";
    let style = TextStyle::from((FONT, 14).into_font())
        .color(&MUTED)
        .pos(Pos::new(HPos::Right, VPos::Top));
    root.draw(&Text::new(
        attribution.to_string(),
        (W as i32 - 20, top + 18),
        style.clone(),
    ))?;
    root.draw(&Text::new(
        "simulated positions, not observations".to_string(),
        (W as i32 - 20, top + 40),
        style,
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// About the Honduran map's box: San Pedro Sula to Tijuana with the margins.
    fn honduras_box() -> Extent {
        Extent {
            west_deg: -119.5,
            south_deg: 12.0,
            east_deg: -85.0,
            north_deg: 34.5,
        }
    }

    /// Ground km per pixel north–south at a pixel, over 100 px.
    fn km_per_px_ns(p: &Projection, x: f64, y: f64) -> f64 {
        let a = p.lonlat_at(x, y - 50.0).unwrap();
        let b = p.lonlat_at(x, y + 50.0).unwrap();
        a.geodesic_km(b) / 100.0
    }

    #[test]
    fn scale_drifts_under_two_percent_across_the_honduran_map_in_both_directions() {
        let (proj, h) = Projection::fit(honduras_box(), 1600, 0, 800, 1500);
        let centre = proj.km_per_px();
        let mut worst = 0.0_f64;
        for i in 0..=10 {
            for j in 0..=10 {
                let x = 50.0 + f64::from(i) * 150.0;
                let y = 50.0 + f64::from(j) * (f64::from(h) - 100.0) / 10.0;
                for k in [proj.km_per_px_at(x, y), km_per_px_ns(&proj, x, y)] {
                    worst = worst.max((k / centre - 1.0).abs());
                }
            }
        }
        eprintln!(
            "worst scale drift {:.2}% of the centre's scale",
            worst * 100.0
        );
        assert!(worst < 0.02, "scale drifts {:.2}%", worst * 100.0);
    }

    #[test]
    fn distances_between_far_towns_measure_true_with_the_scale_bar() {
        let (proj, _) = Projection::fit(honduras_box(), 1600, 0, 800, 1500);
        let km_per_px = proj.km_per_px();
        let towns = [
            LonLat::new(-88.025, 15.504),  // San Pedro Sula
            LonLat::new(-117.017, 32.533), // Tijuana
            LonLat::new(-92.262, 14.903),  // Tapachula
            LonLat::new(-115.468, 32.625), // Mexicali
            LonLat::new(-99.133, 19.433),  // Mexico City
        ];
        for (i, a) in towns.iter().enumerate() {
            for b in &towns[i + 1..] {
                let (pa, pb) = (proj.px_f(*a), proj.px_f(*b));
                let on_map = (pa.0 - pb.0).hypot(pa.1 - pb.1) * km_per_px;
                let true_km = a.geodesic_km(*b);
                assert!(
                    (on_map / true_km - 1.0).abs() < 0.02,
                    "{a:?}–{b:?}: {on_map:.0} km on the map, {true_km:.0} km on the ground"
                );
            }
        }
    }
}
