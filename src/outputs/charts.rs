//! progress.png (km along the route against date) and groups.png (headcount per group).

use super::RunContext;
use super::png::{group_colour, render};
use crate::scenario::EventKind;
use crate::simulate::Status;
use plotters::prelude::*;

const W: u32 = 1600;
const H: u32 = 900;

/// "13 Oct" for whole days; empty for the half-day ticks plotters picks on short runs.
fn date_label(ctx: &RunContext, day: f64) -> String {
    if (day - day.round()).abs() > 1e-6 {
        return String::new();
    }
    let d = ctx.run.depart + chrono::Duration::days(day.round() as i64);
    d.format("%d %b").to_string()
}

/// Day range covering the run and every sighting, with a day of margin.
fn day_range(ctx: &RunContext) -> (f64, f64) {
    let first = ctx
        .scenario
        .sightings
        .iter()
        .map(|s| (s.date - ctx.run.depart).num_days())
        .min()
        .unwrap_or(0)
        .min(0);
    let last = ctx
        .scenario
        .sightings
        .iter()
        .map(|s| (s.date - ctx.run.depart).num_days())
        .max()
        .unwrap_or(0)
        .max(i64::from(ctx.run.days));
    (first as f64 - 1.0, last as f64 + 1.0)
}

fn title(ctx: &RunContext, what: &str) -> String {
    let last = ctx.run.date_of(ctx.run.days.saturating_sub(1));
    format!(
        "{} ({} – {}): {what}",
        ctx.scenario.id,
        ctx.run.depart.format("%-d %b %Y"),
        last.format("%-d %b %Y")
    )
}

pub fn progress_png(ctx: &RunContext) -> Result<Vec<u8>, String> {
    let route = ctx.route;
    let (x0, x1) = day_range(ctx);
    // Zoom to the km actually covered or reported: a caravan stopped after 40 km should not
    // be a flat line under a 1,100 km axis.
    let seen_km = ctx
        .run
        .records
        .iter()
        .map(|r| r.km)
        .chain(
            ctx.scenario
                .sightings
                .iter()
                .map(|s| route.locate(&s.place).0),
        )
        .fold(0.0, f64::max);
    let y1 = (seen_km * 1.1 + 20.0).min(route.length_km() * 1.04);
    render(W, H, |root| {
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(root)
            .caption(title(ctx, "km along the route"), (super::font::FAMILY, 30))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .right_y_label_area_size(200)
            .build_cartesian_2d(x0..x1, 0.0..y1)?
            .set_secondary_coord(x0..x1, 0.0..y1);
        chart
            .configure_mesh()
            .x_desc("Date")
            .y_desc(format!("Road km from {}", route.origin().name))
            .x_label_formatter(&|d| date_label(ctx, *d))
            .y_label_formatter(&|km| format!("{km:.0}"))
            .x_labels(16)
            .y_labels(12)
            .label_style((super::font::FAMILY, 16))
            .axis_desc_style((super::font::FAMILY, 20))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()?;
        // Waypoint names on the right axis, thinned so labels never overlap.
        let px_per_km = (f64::from(H) - 170.0) / y1;
        let mut last_km = f64::NEG_INFINITY;
        let mut ticks = Vec::new();
        for (i, st) in route
            .stops()
            .iter()
            .enumerate()
            .filter(|(_, st)| st.km <= y1)
        {
            let keep = i == 0
                || i + 1 == route.stops().len()
                || st.town.kind == "border_crossing"
                || (st.km - last_km) * px_per_km >= 18.0;
            if keep && (st.km - last_km) * px_per_km >= 14.0 {
                ticks.push(st.km);
                last_km = st.km;
            }
        }
        let names: Vec<(f64, String)> = ticks
            .iter()
            .map(|km| (*km, short_label(&route.nearest_stop(*km).town.name)))
            .collect();
        chart
            .configure_secondary_axes()
            .y_labels(0)
            .label_style((super::font::FAMILY, 14))
            .draw()?;
        let right = chart.plotting_area().get_pixel_range().0.end;
        for (km, name) in &names {
            let (_, y) = chart.plotting_area().map_coordinate(&(x1, *km));
            root.draw(&Text::new(
                format!("– {name}"),
                (right + 4, y - 7),
                (super::font::FAMILY, 14).into_font(),
            ))?;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x0, *km), (x1, *km)],
                RGBColor(245, 245, 245),
            )))?;
        }

        if let Some(e) = ctx.ensemble {
            // P10–P90 band of the ensemble behind each group's line, its median dashed.
            for g in 0..e.group_names.len() {
                let colour = group_colour(g);
                let days: Vec<_> = e.km_band(g).collect();
                let upper = days.iter().map(|k| (f64::from(k.day), k.km.p90));
                let band: Vec<(f64, f64)> = upper
                    .chain(days.iter().rev().map(|k| (f64::from(k.day), k.km.p10)))
                    .collect();
                chart.draw_series(std::iter::once(Polygon::new(
                    band,
                    colour.mix(0.18).filled(),
                )))?;
                chart.draw_series(DashedLineSeries::new(
                    days.iter()
                        .map(|k| (f64::from(k.day), k.km.p50))
                        .collect::<Vec<_>>(),
                    6,
                    4,
                    colour.stroke_width(1),
                ))?;
            }
        }
        for (g, name) in ctx.run.group_names.iter().enumerate() {
            let colour = group_colour(g);
            let mut pts: Vec<(f64, f64)> = ctx
                .run
                .group_records(g)
                .map(|r| (f64::from(r.day), r.km))
                .collect();
            if let Some((day, km)) = ctx.run.start_of(g) {
                // Groups at departure start that morning at km 0; split groups at the split point.
                let x = if day < 0 { -0.5 } else { day as f64 };
                pts.insert(0, (x, km));
            }
            chart
                .draw_series(LineSeries::new(pts.clone(), colour.stroke_width(3)))?
                .label(name.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 24, y)], colour.stroke_width(3))
                });
            // Resting and waiting days as hollow dots on the line.
            chart.draw_series(
                ctx.run
                    .group_records(g)
                    .filter(|r| matches!(r.status, Status::Resting | Status::Waiting))
                    .map(|r| Circle::new((f64::from(r.day), r.km), 4, colour.stroke_width(2))),
            )?;
        }

        if let Some(v) = ctx.validation {
            // Error bars: from each reported position to the simulated main body that day.
            chart.draw_series(
                v.checks
                    .iter()
                    .filter(|c| c.sighting.is_position())
                    .map(|c| {
                        PathElement::new(
                            vec![(c.day as f64, c.reported_km), (c.day as f64, c.main_km)],
                            RGBColor(200, 0, 0).stroke_width(2),
                        )
                    }),
            )?;
        }
        let sightings: Vec<(f64, f64, String)> = ctx
            .validation
            .map(|v| {
                v.checks
                    .iter()
                    .filter(|c| c.sighting.is_position())
                    .map(|c| (c.day as f64, c.reported_km, c.sighting.place.name.clone()))
                    .collect()
            })
            .unwrap_or_else(|| {
                ctx.scenario
                    .sightings
                    .iter()
                    .filter(|s| s.is_position())
                    .map(|s| {
                        (
                            (s.date - ctx.run.depart).num_days() as f64,
                            route.locate(&s.place).0,
                            s.place.name.clone(),
                        )
                    })
                    .collect()
            });
        chart
            .draw_series(
                sightings
                    .iter()
                    .map(|(d, km, _)| TriangleMarker::new((*d, *km), 9, BLACK.filled())),
            )?
            .label("reported position (sighting)")
            .legend(|(x, y)| TriangleMarker::new((x + 12, y), 7, BLACK.filled()));
        if ctx.validation.is_some() {
            chart
                .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())?
                .label("model error (simulated main body − reported)")
                .legend(|(x, y)| {
                    PathElement::new(
                        vec![(x, y), (x + 24, y)],
                        RGBColor(200, 0, 0).stroke_width(2),
                    )
                });
        }
        // Labels try right, then left, then below; a label that fits nowhere is left out.
        let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
        for (d, km, place) in &sightings {
            let (px, py) = chart.plotting_area().map_coordinate(&(*d, *km));
            let text = format!("{place}, {}", date_label(ctx, *d));
            let w = 8 * text.chars().count() as i32;
            let spots = [
                (px + 9, py + 2),
                (px - 9 - w, py + 2),
                (px - w / 2, py + 12),
                (px - w / 2, py - 26),
            ];
            let free = spots.into_iter().find(|&(x, y)| {
                x > 90
                    && x + w < W as i32 - 200
                    && placed
                        .iter()
                        .all(|&(a, b, c, e)| x + w < a || x > c || y + 16 < b || y > e)
            });
            if let Some((x, y)) = free {
                placed.push((x, y, x + w, y + 16));
                root.draw(&Text::new(
                    text,
                    (x, y),
                    (super::font::FAMILY, 14).into_font(),
                ))?;
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font((super::font::FAMILY, 16))
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(160, 160, 160))
            .draw()?;
        let note = format!(
            "Simulated with route-sim, --rng-seed {}. Hollow circles: resting or waiting days.{} Sightings: {}",
            ctx.rng_seed,
            ctx.ensemble.map_or(String::new(), |e| format!(
                " Band: P10–P90 of {} runs, dashed: median.",
                e.runs
            )),
            ctx.scenario.source_name
        );
        root.draw(&Text::new(
            note,
            (20, H as i32 - 22),
            (super::font::FAMILY, 13)
                .into_font()
                .color(&RGBColor(90, 90, 90)),
        ))?;
        Ok(())
    })
}

pub fn groups_png(ctx: &RunContext) -> Result<Vec<u8>, String> {
    let run = ctx.run;
    let n = run.group_names.len();
    let days = run.days as usize;
    // Headcount per day per group; stacked bottom-up in group order.
    let mut stack = vec![vec![0.0_f64; n]; days];
    for r in &run.records {
        if r.status != Status::Dispersed {
            stack[r.day as usize][usize::from(r.group)] = r.headcount;
        }
    }
    let reported_max = ctx
        .scenario
        .sightings
        .iter()
        .filter_map(|s| s.headcount)
        .max()
        .unwrap_or(0) as f64;
    // Headroom above the highest stack or report for the event labels.
    let ymax = stack
        .iter()
        .map(|d| d.iter().sum::<f64>())
        .fold(reported_max, f64::max)
        .max(1.0)
        * 1.35;
    let (x0, x1) = day_range(ctx);
    render(W, H, |root| {
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(root)
            .caption(
                title(ctx, "people per group (stacked)"),
                (super::font::FAMILY, 30),
            )
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(x0..x1, 0.0..ymax)?;
        chart
            .configure_mesh()
            .x_desc("Date")
            .y_desc("People")
            .x_label_formatter(&|d| date_label(ctx, *d))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_labels(16)
            .label_style((super::font::FAMILY, 16))
            .axis_desc_style((super::font::FAMILY, 20))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()?;
        for g in (0..n).rev() {
            let colour = group_colour(g);
            let top: Vec<(f64, f64)> = (0..days)
                .map(|d| (d as f64, stack[d][..=g].iter().sum()))
                .collect();
            chart
                .draw_series(
                    AreaSeries::new(top, 0.0, colour.mix(0.75))
                        .border_style(colour.stroke_width(2)),
                )?
                .label(run.group_names[g].clone())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 20, y + 6)], colour.mix(0.75).filled())
                });
        }
        // Events as labelled vertical lines; a wait is marked on its last day, when groups move on.
        let top = chart.plotting_area().get_pixel_range().1.start;
        // Lines first, then labels on white boxes, so no line runs through a label.
        let mut marks: Vec<(i32, String)> = Vec::new();
        for e in &ctx.scenario.events {
            let (day, text) = match &e.kind {
                EventKind::Wait { place } => (
                    (e.end - run.depart).num_days(),
                    format!(
                        "wait {} → {}",
                        short_label(&place.name),
                        e.end.format("%-d %b")
                    ),
                ),
                EventKind::Disperse { place: Some(p), .. } => (
                    (e.start - run.depart).num_days(),
                    format!("dispersal {}", short_label(&p.name)),
                ),
                EventKind::Split { new_group, .. } => (
                    (e.start - run.depart).num_days(),
                    format!("split: {new_group}"),
                ),
                EventKind::Ride { km_per_day } => (
                    (e.start - run.depart).num_days(),
                    format!("ride {km_per_day:.0} km/d"),
                ),
                k => ((e.start - run.depart).num_days(), k.name().to_string()),
            };
            let d = day as f64;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(d, 0.0), (d, ymax)],
                RGBColor(150, 150, 150).stroke_width(1),
            )))?;
            marks.push((chart.plotting_area().map_coordinate(&(d, ymax)).0, text));
        }
        let font = (super::font::FAMILY, 13).into_font();
        let mut placed: Vec<(i32, i32, i32)> = Vec::new();
        for (px, text) in marks {
            let w = root
                .estimate_text_size(&text, &TextStyle::from(font.clone()))
                .map_or(8 * text.chars().count() as i32, |(w, _)| w as i32)
                + 8;
            let row = (0..12).find(|&row| {
                placed
                    .iter()
                    .all(|&(r, a, b)| r != row || px + 3 + w < a || px + 3 > b)
            });
            if let Some(row) = row {
                placed.push((row, px + 3, px + 3 + w));
                let y = top + 4 + 16 * row;
                root.draw(&Rectangle::new(
                    [(px + 1, y - 1), (px + w - 4, y + 14)],
                    WHITE.filled(),
                ))?;
                root.draw(&Text::new(text, (px + 3, y), font.clone()))?;
            }
        }
        if let Some(v) = ctx.validation {
            chart
                .draw_series(v.checks.iter().filter_map(|c| {
                    c.sighting
                        .headcount
                        .map(|h| Circle::new((c.day as f64, h as f64), 6, BLACK.filled()))
                }))?
                .label("reported headcount")
                .legend(|(x, y)| Circle::new((x + 10, y), 5, BLACK.filled()));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font((super::font::FAMILY, 16))
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(160, 160, 160))
            .draw()?;
        Ok(())
    })
}

/// A waypoint name short enough for the axis: "Heroica Ciudad de Juchitán de Zaragoza" is
/// drawn as "Juchitán de Zaragoza" (the honorific prefixes Mexican towns carry officially).
fn short_label(name: &str) -> String {
    let name = name
        .strip_prefix("Heroica Ciudad de ")
        .or_else(|| name.strip_prefix("Heroica "))
        .unwrap_or(name);
    if name.chars().count() > 24 {
        format!("{}…", name.chars().take(23).collect::<String>())
    } else {
        name.to_string()
    }
}
