//! Files of `route-sim forecast` (forecast.csv, arrivals.csv, forecast.geojson,
//! forecast-p50.geojson, forecast.png) and `route-sim backtest` (backtest.csv,
//! backtest-summary.csv, backtest.png).

use super::png::render;
use super::round_km;
use crate::backtest::{Method, ScoredPair, SummaryRow};
use crate::forecast::Forecast;
use crate::gazetteer::LonLat;
use crate::route::Route;
use plotters::prelude::*;
use serde_json::{Value, json};
use std::fmt::Write as _;

const W: u32 = 1600;
const H: u32 = 900;

fn km1(v: f64) -> String {
    format!("{:.1}", round_km(v))
}

fn opt_date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

/// forecast.csv: one row per date from the as-of date (horizon 0) on.
pub fn forecast_csv(f: &Forecast, route: &Route) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "caravan",
        "as_of",
        "date",
        "horizon_days",
        "group",
        "km_p10",
        "km_p50",
        "km_p90",
        "lon_p50",
        "lat_p50",
        "near_p50",
        "headcount_p50",
        "dispersed_share",
    ]);
    for d in &f.days {
        let p = route.position_at_km(d.km_p50);
        let _ = w.write_record([
            f.caravan.clone(),
            f.as_of.to_string(),
            d.date.to_string(),
            d.horizon_days.to_string(),
            f.group.clone(),
            km1(d.km_p10),
            km1(d.km_p50),
            km1(d.km_p90),
            format!("{:.6}", p.lon_deg),
            format!("{:.6}", p.lat_deg),
            route.nearest_stop(d.km_p50).town.name.clone(),
            format!("{:.0}", d.headcount_p50),
            format!("{:.3}", d.dispersed_share),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// arrivals.csv: each town ahead, the chance of reaching it within the horizon and when.
pub fn arrivals_csv(f: &Forecast) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "caravan",
        "as_of",
        "horizon_days",
        "town",
        "country",
        "km",
        "probability",
        "arrival_p10",
        "arrival_p50",
        "arrival_p90",
    ]);
    for a in &f.arrivals {
        let _ = w.write_record([
            f.caravan.clone(),
            f.as_of.to_string(),
            f.settings.days.to_string(),
            a.town.clone(),
            a.country_code.clone(),
            km1(a.km),
            format!("{:.3}", a.probability),
            opt_date(a.p10),
            opt_date(a.p50),
            opt_date(a.p90),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// The P10–P90 stretch of the route as LineString vertices: [`Route::line_between`] along the
/// roads, with a zero-length band kept as two equal points so it stays a valid LineString.
pub(super) fn band_line(route: &Route, a_km: f64, b_km: f64) -> Vec<LonLat> {
    let mut pts = route.line_between(a_km, b_km);
    if pts.len() == 1 {
        pts.push(pts[0]);
    }
    pts
}

fn lonlat(p: LonLat) -> Value {
    json!([super::round6(p.lon_deg), super::round6(p.lat_deg)])
}

fn feature_collection(features: &[Value]) -> Vec<u8> {
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (i, f) in features.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&f.to_string());
    }
    out.push_str("\n]}\n");
    out.into_bytes()
}

fn day_properties(f: &Forecast, d: &crate::forecast::ForecastDay, route: &Route) -> Value {
    json!({
        "caravan": f.caravan,
        "group": f.group,
        "as_of": f.as_of.to_string(),
        "date": d.date.to_string(),
        "time": format!("{}T12:00:00Z", d.date),
        "horizon_days": d.horizon_days,
        "km_p10": round_km(d.km_p10),
        "km_p50": round_km(d.km_p50),
        "km_p90": round_km(d.km_p90),
        "near_p50": route.nearest_stop(d.km_p50).town.name,
        "dispersed_share": (d.dispersed_share * 1000.0).round() / 1000.0,
    })
}

/// forecast.geojson: per date, the P10–P90 stretch of the route as a LineString.
pub fn forecast_geojson(f: &Forecast, route: &Route) -> Vec<u8> {
    let features: Vec<Value> = f
        .days
        .iter()
        .map(|d| {
            let line: Vec<Value> = band_line(route, d.km_p10, d.km_p90)
                .into_iter()
                .map(lonlat)
                .collect();
            json!({"type": "Feature", "properties": day_properties(f, d, route),
                   "geometry": {"type": "LineString", "coordinates": line}})
        })
        .collect();
    feature_collection(&features)
}

/// forecast-p50.geojson: per date, the P50 position as a Point.
pub fn forecast_p50_geojson(f: &Forecast, route: &Route) -> Vec<u8> {
    let features: Vec<Value> = f
        .days
        .iter()
        .map(|d| {
            json!({"type": "Feature", "properties": day_properties(f, d, route),
                   "geometry": {"type": "Point", "coordinates": lonlat(route.position_at_km(d.km_p50))}})
        })
        .collect();
    feature_collection(&features)
}

/// forecast.png: km against date — reports up to the as-of date, the P10–P90 fan and the P50.
pub fn forecast_png(f: &Forecast, route: &Route) -> Result<Vec<u8>, super::RenderError> {
    let depart_day = |d: chrono::NaiveDate| (d - f.as_of).num_days() as f64;
    let x0 = f
        .assimilated
        .iter()
        .map(|a| depart_day(a.0))
        .fold(0.0, f64::min)
        - 1.0;
    let x1 = f64::from(f.settings.days) + 0.5;
    let hi = f.days.iter().map(|d| d.km_p90).fold(0.0, f64::max);
    let lo = f
        .assimilated
        .iter()
        .map(|a| a.2)
        .chain(f.days.iter().map(|d| d.km_p10))
        .fold(f64::INFINITY, f64::min);
    let span = (hi - lo).max(100.0);
    let (y0, y1) = (
        (lo - 0.08 * span).max(0.0),
        (hi + 0.08 * span).min(route.length_km() * 1.02),
    );
    let label = |x: f64| {
        if (x - x.round()).abs() > 1e-6 {
            return String::new();
        }
        (f.as_of + chrono::Duration::days(x.round() as i64))
            .format("%d %b")
            .to_string()
    };
    let towns: Vec<(f64, String)> = route
        .stops()
        .iter()
        .filter(|s| s.km >= y0 && s.km <= y1)
        .map(|s| (s.km, s.town.name.clone()))
        .collect();
    render(W, H, |root| {
        root.fill(&WHITE)?;
        let title = format!(
            "{}: forecast as of {} ({} days, {} particles)",
            f.caravan, f.as_of, f.settings.days, f.settings.particles
        );
        let mut chart = ChartBuilder::on(root)
            .caption(title, (super::font::FAMILY, 30))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .right_y_label_area_size(220)
            .build_cartesian_2d(x0..x1, y0..y1)?
            .set_secondary_coord(x0..x1, y0..y1);
        chart
            .configure_mesh()
            .x_desc("date")
            .y_desc("road km from the start")
            .x_label_formatter(&|x| label(*x))
            .label_style((super::font::FAMILY, 16))
            .draw()?;
        let mut town_labels: Vec<(f64, String)> = Vec::new();
        let min_gap = (y1 - y0) / 40.0;
        for (km, name) in &towns {
            if town_labels.last().is_none_or(|(k, _)| km - k >= min_gap) {
                town_labels.push((*km, name.clone()));
            }
        }
        chart
            .configure_secondary_axes()
            .y_labels(0)
            .label_style((super::font::FAMILY, 14))
            .draw()?;
        for (km, name) in &town_labels {
            let (px, py) = chart.plotting_area().map_coordinate(&(x1, *km));
            root.draw(&Text::new(
                name.clone(),
                (px + 8, py - 7),
                (super::font::FAMILY, 14).into_font(),
            ))?;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x0, *km), (x1, *km)],
                RGBColor(235, 235, 235).stroke_width(1),
            )))?;
        }
        let band: Vec<(f64, f64)> = f
            .days
            .iter()
            .map(|d| (f64::from(d.horizon_days), d.km_p90))
            .chain(
                f.days
                    .iter()
                    .rev()
                    .map(|d| (f64::from(d.horizon_days), d.km_p10)),
            )
            .collect();
        chart
            .draw_series(std::iter::once(Polygon::new(
                band,
                RGBColor(86, 180, 233).mix(0.35).filled(),
            )))?
            .label("P10–P90 (80% of forecasts)")
            .legend(|(x, y)| {
                Rectangle::new(
                    [(x, y - 6), (x + 24, y + 6)],
                    RGBColor(86, 180, 233).mix(0.35).filled(),
                )
            });
        chart
            .draw_series(LineSeries::new(
                f.days.iter().map(|d| (f64::from(d.horizon_days), d.km_p50)),
                RGBColor(0, 114, 178).stroke_width(3),
            ))?
            .label("P50 (median)")
            .legend(|(x, y)| {
                PathElement::new(
                    vec![(x, y), (x + 24, y)],
                    RGBColor(0, 114, 178).stroke_width(3),
                )
            });
        chart
            .draw_series(
                f.assimilated
                    .iter()
                    .map(|a| TriangleMarker::new((depart_day(a.0), a.2), 9, BLACK.filled())),
            )?
            .label("reported position up to the as-of date")
            .legend(|(x, y)| TriangleMarker::new((x + 12, y), 7, BLACK.filled()));
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, y0), (0.0, y1)],
            RGBColor(200, 0, 0).stroke_width(2),
        )))?;
        let (px, py) = chart.plotting_area().map_coordinate(&(0.0, y1));
        root.draw(&Text::new(
            format!("as of {}", f.as_of.format("%-d %b %Y")),
            (px + 6, py + 6),
            (super::font::FAMILY, 16)
                .into_font()
                .color(&RGBColor(200, 0, 0)),
        ))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font((super::font::FAMILY, 16))
            .draw()?;
        Ok(())
    })
}

/// backtest.csv: one row per forecast and scored report.
pub fn backtest_csv(pairs: &[ScoredPair]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "caravan",
        "as_of",
        "date",
        "place",
        "horizon_days",
        "reported_km",
        "model_p10_km",
        "model_p50_km",
        "model_p90_km",
        "model_error_km",
        "model_in_p10_p90",
        "model_crps_km",
        "pace48_km",
        "pace48_error_km",
        "stay_km",
        "stay_error_km",
    ]);
    for p in pairs {
        let _ = w.write_record([
            p.caravan.clone(),
            p.as_of.to_string(),
            p.date.to_string(),
            p.place.clone(),
            p.horizon_days.to_string(),
            km1(p.reported_km),
            km1(p.model_p10_km),
            km1(p.model_p50_km),
            km1(p.model_p90_km),
            km1(p.error_km(Method::Model)),
            p.covered().to_string(),
            km1(p.model_crps_km),
            km1(p.pace48_km),
            km1(p.error_km(Method::Pace48)),
            km1(p.stay_km),
            km1(p.error_km(Method::Stay)),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

fn num(v: f64, decimals: usize) -> String {
    if v.is_finite() {
        format!("{v:.decimals$}")
    } else {
        String::new()
    }
}

/// backtest-summary.csv: `method,horizon_days,n,median_abs_km,mean_abs_km,coverage_p10_p90,crps_km`.
pub fn backtest_summary_csv(rows: &[SummaryRow]) -> Vec<u8> {
    let mut s =
        String::from("method,horizon_days,n,median_abs_km,mean_abs_km,coverage_p10_p90,crps_km\n");
    for r in rows {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{}",
            r.method.name(),
            r.horizon_days
                .map_or_else(|| "all".into(), |h| h.to_string()),
            r.n,
            num(r.median_abs_km, 1),
            num(r.mean_abs_km, 1),
            r.coverage_p10_p90.map_or_else(String::new, |c| num(c, 3)),
            num(r.crps_km, 1),
        );
    }
    s.into_bytes()
}

/// backtest.png: median absolute error against horizon for each method, and the model's coverage.
pub fn backtest_png(rows: &[SummaryRow]) -> Result<Vec<u8>, super::RenderError> {
    let by = |m: Method| -> Vec<(f64, f64, f64)> {
        rows.iter()
            .filter(|r| r.method == m && r.n > 0)
            .filter_map(|r| {
                r.horizon_days.map(|h| {
                    (
                        f64::from(h),
                        r.median_abs_km,
                        r.coverage_p10_p90.unwrap_or(f64::NAN),
                    )
                })
            })
            .collect()
    };
    let ymax = rows
        .iter()
        .filter(|r| r.horizon_days.is_some() && r.median_abs_km.is_finite())
        .map(|r| r.median_abs_km)
        .fold(50.0, f64::max)
        * 1.1;
    render(W, H, |root| {
        root.fill(&WHITE)?;
        let (left, right) = root.split_horizontally(W * 62 / 100);
        let mut chart = ChartBuilder::on(&left)
            .caption(
                "Median error of the forecast position",
                (super::font::FAMILY, 26),
            )
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .build_cartesian_2d(0.5..14.5, 0.0..ymax)?;
        chart
            .configure_mesh()
            .x_desc("days ahead")
            .y_desc("median |error|, road km")
            .label_style((super::font::FAMILY, 16))
            .draw()?;
        let styles = [
            (Method::Model, RGBColor(0, 114, 178), "model (P50)"),
            (
                Method::Pace48,
                RGBColor(213, 94, 0),
                "48 km/day from the latest report",
            ),
            (
                Method::Stay,
                RGBColor(120, 120, 120),
                "stays where last seen",
            ),
        ];
        for (m, c, name) in styles {
            let pts: Vec<(f64, f64)> = by(m).into_iter().map(|(h, e, _)| (h, e)).collect();
            chart
                .draw_series(LineSeries::new(pts.clone(), c.stroke_width(3)))?
                .label(name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 24, y)], c.stroke_width(3))
                });
            chart.draw_series(pts.into_iter().map(|p| Circle::new(p, 4, c.filled())))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font((super::font::FAMILY, 16))
            .draw()?;
        let mut cov = ChartBuilder::on(&right)
            .caption("Model P10–P90 coverage", (super::font::FAMILY, 26))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .build_cartesian_2d(0.5..14.5, 0.0..1.0)?;
        cov.configure_mesh()
            .x_desc("days ahead")
            .y_desc("share of reports inside the band")
            .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
            .label_style((super::font::FAMILY, 16))
            .draw()?;
        cov.draw_series(std::iter::once(Rectangle::new(
            [(0.5, 0.7), (14.5, 0.9)],
            RGBColor(0, 158, 115).mix(0.15).filled(),
        )))?;
        cov.draw_series(std::iter::once(PathElement::new(
            vec![(0.5, 0.8), (14.5, 0.8)],
            RGBColor(0, 158, 115).stroke_width(2),
        )))?;
        let pts: Vec<(f64, f64)> = by(Method::Model)
            .into_iter()
            .map(|(h, _, c)| (h, c))
            .collect();
        cov.draw_series(LineSeries::new(
            pts.clone(),
            RGBColor(0, 114, 178).stroke_width(3),
        ))?;
        cov.draw_series(
            pts.into_iter()
                .map(|p| Circle::new(p, 4, RGBColor(0, 114, 178).filled())),
        )?;
        Ok(())
    })
}
