//! progress.png (km along the route against date) and groups.png (headcount per group).

use super::RunContext;
use super::png::{group_colour, render};
use super::rows::PositionRows;
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
        .sightings()
        .iter()
        .map(|s| (s.date() - ctx.run.depart).num_days())
        .min()
        .unwrap_or(0)
        .min(0);
    let last = ctx
        .scenario
        .sightings()
        .iter()
        .map(|s| (s.date() - ctx.run.depart).num_days())
        .max()
        .unwrap_or(0)
        .max(i64::from(ctx.run.days));
    (first as f64 - 1.0, last as f64 + 1.0)
}

fn title(ctx: &RunContext, what: &str) -> String {
    let last = ctx.run.date_of(ctx.run.days.saturating_sub(1));
    format!(
        "{} ({} – {}): {what}",
        ctx.scenario.id(),
        ctx.run.depart.format("%-d %b %Y"),
        last.format("%-d %b %Y")
    )
}

pub fn progress_png(ctx: &RunContext, rows: &PositionRows) -> Result<Vec<u8>, super::RenderError> {
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
                .sightings()
                .iter()
                .map(|s| route.locate(s.place()).0),
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
        let names = axis_towns(route, y1, (f64::from(H) - 170.0) / y1);
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
            // A group's records, in day order, from the rows' per-group index.
            let mine: Vec<&crate::simulate::DayRecord> =
                rows.of_group(g).map(|r| &r.record).collect();
            let mut pts: Vec<(f64, f64)> = mine.iter().map(|r| (f64::from(r.day), r.km)).collect();
            if let Some((day, km)) = ctx.run.start_of(g) {
                // Groups at departure start on the departure date at km 0 (never before it);
                // split groups at the split point.
                pts.insert(0, (day.max(0) as f64, km));
            }
            chart
                .draw_series(LineSeries::new(pts.clone(), colour.stroke_width(3)))?
                .label(name.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 24, y)], colour.stroke_width(3))
                });
            // Resting and waiting days as hollow dots on the line.
            chart.draw_series(
                mine.iter()
                    .filter(|r| matches!(r.status, Status::Resting | Status::Waiting))
                    .map(|r| Circle::new((f64::from(r.day), r.km), 4, colour.stroke_width(2))),
            )?;
        }

        if let Some(v) = ctx.validation {
            // Error bars: the km error validation.csv gives, from each reported position.
            // A report of a group passing a place that day has no error if the group went
            // past it that day, though its camp that night lies further on.
            chart.draw_series(
                v.checks
                    .iter()
                    .filter(|c| c.sighting.is_position())
                    .map(|c| {
                        let day = c.day as f64;
                        PathElement::new(
                            vec![(day, c.reported_km), (day, c.reported_km + c.main_error_km)],
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
                    .map(|c| (c.day as f64, c.reported_km, c.sighting.place().name.clone()))
                    .collect()
            })
            .unwrap_or_else(|| {
                ctx.scenario
                    .sightings()
                    .iter()
                    .filter(|s| s.is_position())
                    .map(|s| {
                        (
                            (s.date() - ctx.run.depart).num_days() as f64,
                            route.locate(s.place()).0,
                            s.place().name.clone(),
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
                .label("model error (the group reported − its simulated position)")
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
            ctx.scenario.source_name()
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

pub fn groups_png(ctx: &RunContext) -> Result<Vec<u8>, super::RenderError> {
    let run = ctx.run;
    let n = run.group_names.len();
    let days = run.days as usize;
    // People per day in each group (absent before it forms), and in all. A group dispersed
    // on a day drops from its morning count to 0 on that day, so a count reported at the
    // dispersal sits on the line, as validation compares it.
    let mut people: Vec<Vec<(f64, f64)>> = vec![Vec::new(); n];
    let mut morning = vec![0.0_f64; days];
    let mut total = vec![0.0_f64; days];
    for r in &run.records {
        let pts = &mut people[usize::from(r.group)];
        let h = if r.status == Status::Dispersed {
            let before = pts.last().map_or(0.0, |p| p.1);
            if before > 0.0 {
                pts.push((f64::from(r.day), before));
                morning[r.day as usize] += before;
            }
            0.0
        } else {
            morning[r.day as usize] += r.headcount;
            r.headcount
        };
        pts.push((f64::from(r.day), h));
        total[r.day as usize] += h;
    }
    let reported_max = ctx
        .scenario
        .sightings()
        .iter()
        .filter_map(super::super::scenario::Sighting::headcount)
        .max()
        .unwrap_or(0) as f64;
    // Headroom above the highest line or report for the event labels.
    let ymax = morning
        .iter()
        .copied()
        .fold(reported_max, f64::max)
        .max(1.0)
        * 1.35;
    let (x0, x1) = day_range(ctx);
    render(W, H, |root| {
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(root)
            .caption(title(ctx, "people per group"), (super::font::FAMILY, 30))
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
        let total_pts: Vec<(f64, f64)> = total
            .iter()
            .zip(&morning)
            .enumerate()
            .flat_map(|(d, (h, m))| {
                let first = (m > h).then_some((d as f64, *m));
                first.into_iter().chain(std::iter::once((d as f64, *h)))
            })
            .collect();
        if n > 1 {
            chart
                .draw_series(
                    AreaSeries::new(total_pts.clone(), 0.0, RGBColor(120, 120, 120).mix(0.12))
                        .border_style(RGBColor(90, 90, 90).stroke_width(2)),
                )?
                .label("all groups")
                .legend(|(x, y)| {
                    Rectangle::new(
                        [(x, y - 6), (x + 20, y + 6)],
                        RGBColor(120, 120, 120).mix(0.3).filled(),
                    )
                });
        }
        for (g, pts) in people.iter().enumerate() {
            let colour = group_colour(g);
            let series = if n > 1 {
                chart.draw_series(LineSeries::new(pts.clone(), colour.stroke_width(3)))?
            } else {
                chart.draw_series(
                    AreaSeries::new(pts.clone(), 0.0, colour.mix(0.35))
                        .border_style(colour.stroke_width(3)),
                )?
            };
            series
                .label(run.group_names[g].clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(3))
                });
        }
        // Events as labelled vertical lines; a wait is marked on its last day, when groups move on.
        let top = chart.plotting_area().get_pixel_range().1.start;
        // Lines first, then labels on white boxes, so no line runs through a label.
        let mut marks: Vec<(i32, String)> = Vec::new();
        for e in ctx.scenario.events() {
            let (day, text) = match &e.kind() {
                EventKind::Wait { place } => (
                    (e.end() - run.depart).num_days(),
                    format!(
                        "wait {} → {}",
                        short_label(&place.name),
                        e.end().format("%-d %b")
                    ),
                ),
                EventKind::Disperse { place: Some(p), .. } => (
                    (e.start() - run.depart).num_days(),
                    format!("dispersal {}", short_label(&p.name)),
                ),
                EventKind::Split { new_group, .. } => (
                    (e.start() - run.depart).num_days(),
                    format!("split: {new_group}"),
                ),
                EventKind::Ride { km_per_day } => (
                    (e.start() - run.depart).num_days(),
                    format!("ride {km_per_day:.0} km/d"),
                ),
                k => ((e.start() - run.depart).num_days(), k.name().to_string()),
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
        // Each reported count against what it counts: a report naming a group in that
        // group's colour, beside its line; any other against all groups (the grey line).
        let group_of = |s: &crate::scenario::Sighting| {
            s.group()
                .as_ref()
                .and_then(|name| run.group_names.iter().position(|g| g == name))
        };
        for with_group in [false, true] {
            let dots = ctx.scenario.sightings().iter().filter_map(|s| {
                let h = s.headcount()? as f64;
                let g = group_of(s);
                (g.is_some() == with_group).then(|| {
                    let at = ((s.date() - run.depart).num_days() as f64, h);
                    let fill = g.map_or(BLACK, group_colour);
                    EmptyElement::at(at)
                        + Circle::new((0, 0), 7, WHITE.filled())
                        + Circle::new((0, 0), 5, fill.filled())
                })
            });
            let series = chart.draw_series(dots)?;
            if with_group {
                if ctx
                    .scenario
                    .sightings()
                    .iter()
                    .any(|s| s.headcount().is_some() && group_of(s).is_some())
                {
                    series
                        .label("reported count of a named group (its colour)")
                        .legend(|(x, y)| Circle::new((x + 10, y), 5, group_colour(1).filled()));
                }
            } else {
                let what = if n > 1 {
                    "reported count of the caravan (against all groups)"
                } else {
                    "reported headcount"
                };
                series
                    .label(what)
                    .legend(|(x, y)| Circle::new((x + 10, y), 5, BLACK.filled()));
            }
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

/// Waypoint names for the right axis up to `max_km`, as (km, name): the route's ends, then
/// the cities of a million or more, then border posts, then other towns by size, each only
/// where it keeps 15 px from every name already taken.
fn axis_towns(route: &crate::route::Route, max_km: f64, px_per_km: f64) -> Vec<(f64, String)> {
    let stops = route.stops();
    let stop_names = super::map_layers::stop_names(route);
    let rank = |i: usize| {
        let t = &stops[i].town;
        if i == 0 || i + 1 == stops.len() {
            0
        } else if t.population.unwrap_or(0) >= 1_000_000 {
            1
        } else if t.kind == "border_crossing" {
            2
        } else {
            3
        }
    };
    let mut order: Vec<usize> = (0..stops.len())
        .filter(|&i| stops[i].km <= max_km)
        .collect();
    order.sort_by_key(|&i| {
        (
            rank(i),
            std::cmp::Reverse(stops[i].town.population.unwrap_or(0)),
            i,
        )
    });
    let mut names: Vec<(f64, String)> = Vec::new();
    for i in order {
        let km = stops[i].km;
        if names
            .iter()
            .all(|(k, _)| (k - km).abs() * px_per_km >= 15.0)
        {
            names.push((km, short_label(&stop_names[i])));
        }
    }
    names
}

/// A waypoint name short enough for the axis: "Heroica Ciudad de Juchitán de Zaragoza" is
/// drawn as "Juchitán de Zaragoza" (the honorific prefixes Mexican towns carry officially).
fn short_label(name: &str) -> String {
    let name = name
        .strip_prefix("Heroica Ciudad de ")
        .or_else(|| name.strip_prefix("Heroica "))
        .unwrap_or(name);
    if name.chars().count() > 26 {
        format!("{}…", name.chars().take(25).collect::<String>())
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::route::Route;

    fn route_of(id: &str) -> Route {
        let s = crate::scenario::load_bundled(id, &Gazetteer::bundled())
            .unwrap()
            .unwrap();
        Route::of_scenario(&s).unwrap()
    }

    #[test]
    fn the_axis_names_the_routes_ends_and_its_largest_cities() {
        let route = route_of("honduras-oct2018");
        let y1 = route.length_km() * 1.04;
        let names: Vec<String> = axis_towns(&route, y1, 730.0 / y1)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        for want in [
            "San Pedro Sula",
            "Tijuana",
            "Mexicali",
            "Mexico City",
            "Guadalajara",
        ] {
            assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
        }
    }

    #[test]
    fn same_name_towns_of_one_route_are_told_apart_by_country() {
        let route = route_of("honduras-oct2018");
        let names = crate::outputs::map_layers::stop_names(&route);
        assert!(names.contains(&"Escuintla (GT)".to_string()), "{names:?}");
        assert!(names.contains(&"Escuintla (MX)".to_string()), "{names:?}");
        assert!(!names.contains(&"Escuintla".to_string()));
    }
}
