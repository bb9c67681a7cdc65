//! map.html: one self-contained page (no network at all) on Leaflet (BSD-2, inlined) with
//! borders, route, sightings and the groups' positions moved by a day slider and a play button.
//!
//! The page's script and style live in `map_html/` and Leaflet's minified files in
//! `map_html/vendor/` (copied from its npm package by `vendor.mjs`); all are embedded at build
//! time. The run is embedded as JSON, with `</` escaped so no string in it can end the
//! script element.

use super::RunContext;
use super::map_layers::{self, TownRole};
use super::png::group_colour;
use super::round_km;
use super::rows::{PositionRow, PositionRows, round6};
use crate::forecast::Forecast;
use crate::gazetteer::{Borders, Gazetteer, LonLat};
use crate::route::Route;
use crate::scenario::Scenario;
use crate::simulate::Run;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::Write;

const TEMPLATE: &str = include_str!("map_html/template.html");
const SCRIPT: &str = include_str!("map_html/map.js");
const STYLE: &str = include_str!("map_html/map.css");
const LEAFLET_JS: &str = include_str!("map_html/vendor/leaflet.js");
const LEAFLET_CSS: &str = include_str!("map_html/vendor/leaflet.css");

/// What a page shows besides the run: set by the forecast page, empty for a run's page.
#[derive(Debug, Default)]
struct PageExtras {
    /// The box to show, when not the run's own.
    extent: Option<map_layers::Extent>,
    /// Only reports dated up to this day are drawn (a forecast's as-of date).
    reports_until: Option<NaiveDate>,
    /// Per forecast date: `date`, `day`, `p50` and the P10–P90 `band` along the route.
    forecast: Vec<Value>,
    /// The slider's first position.
    start_day: i64,
}

/// On-screen aspect range of the map (width / height), so neither a long thin route nor a
/// north-south one gives an unusable page.
const MIN_ASPECT: f64 = 1.2;
const MAX_ASPECT: f64 = 2.0;

const ATTRIBUTION: &str = "Borders: Natural Earth. Towns: GeoNames (CC BY 4.0). route-sim";

fn lonlat(p: LonLat) -> [f64; 2] {
    [round6(p.lon_deg), round6(p.lat_deg)]
}

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Coordinates at 4 decimals (about 10 m), the precision of the borders file.
fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// The data the page draws, serialized as one JSON object. Its fields, and those of the
/// types in it, are in alphabetical order, the order `serde_json` gives the keys of the
/// `json!` objects beside them, so the page's data reads the same throughout. The
/// per-group parts are typed (not `json!` values) as they grow with groups × days.
#[derive(Serialize)]
struct MapData<'a> {
    caravan: &'a str,
    countries: Vec<Value>,
    country_names: Vec<Value>,
    crossings: Vec<Value>,
    days: Vec<Value>,
    ends: Vec<Value>,
    extent: Value,
    forecast: &'a [Value],
    groups: Vec<GroupData<'a>>,
    route: Vec<[f64; 2]>,
    sightings: Vec<Value>,
    start_day: i64,
    towns: Vec<Value>,
}

/// One group on the page: its camps and its line along the route (keys in alphabetical order).
#[derive(Serialize)]
struct GroupData<'a> {
    colour: String,
    id: usize,
    name: &'a str,
    path: Vec<[f64; 3]>,
    positions: Vec<PositionData<'a>>,
}

/// One camp of a group (keys in alphabetical order).
#[derive(Serialize)]
struct PositionData<'a> {
    country: &'a str,
    day: u32,
    headcount: u64,
    km: f64,
    lat: f64,
    lon: f64,
    near: &'a str,
    status: &'static str,
}

fn map_data<'a>(
    ctx: &RunContext<'a>,
    rows: &'a PositionRows,
    ends: &[map_layers::GroupEnd],
    extras: &'a PageExtras,
) -> MapData<'a> {
    let wanted = extras
        .extent
        .unwrap_or_else(|| map_layers::extent(ctx, rows));
    let x = map_layers::fit_aspect(wanted, wanted.aspect().clamp(MIN_ASPECT, MAX_ASPECT));
    let countries: Vec<Value> = Borders::bundled()
        .countries()
        .map(|(name, mp)| {
            let polygons: Vec<Vec<Vec<[f64; 2]>>> = mp
                .iter()
                .map(|p| {
                    std::iter::once(p.exterior())
                        .chain(p.interiors())
                        .map(|r| r.coords().map(|c| [round4(c.x), round4(c.y)]).collect())
                        .collect()
                })
                .collect();
            json!({ "name": name, "polygons": polygons })
        })
        .collect();
    let country_names: Vec<Value> = map_layers::country_name_points(&x)
        .into_iter()
        .map(
            |(name, p)| json!({ "name": name, "lon": round4(p.lon_deg), "lat": round4(p.lat_deg) }),
        )
        .collect();
    let days: Vec<Value> = (0..ctx.run.days)
        .map(|d| {
            let date = ctx.run.date_of(d);
            json!({
                "date": date.to_string(), "date_label": date.format("%a %-d %b %Y").to_string(),
                "colour": map_layers::date_colour_hex(map_layers::day_frac(ctx, d)),
            })
        })
        .collect();
    let groups: Vec<GroupData> = ctx
        .run
        .group_names
        .iter()
        .enumerate()
        .map(|(g, name)| {
            let mine: Vec<&PositionRow> = rows.of_group(g).collect();
            let positions = mine
                .iter()
                .map(|r| PositionData {
                    country: &r.country,
                    day: r.record.day,
                    headcount: r.headcount_rounded(),
                    km: round_km(r.record.km),
                    lat: round6(r.at.lat_deg),
                    lon: round6(r.at.lon_deg),
                    near: &r.near,
                    status: r.record.status.name(),
                })
                .collect();
            GroupData {
                colour: hex(group_colour(g)),
                id: g,
                name,
                path: group_path(ctx, &mine),
                positions,
            }
        })
        .collect();
    let towns: Vec<Value> = map_layers::labelled_towns(ctx)
        .into_iter()
        .map(|t| {
            let role = match t.role {
                TownRole::End => "end",
                TownRole::BorderCrossing => "border_crossing",
                TownRole::City => "city",
                TownRole::Town => "town",
            };
            json!({ "name": t.name, "lon": round6(t.at.lon_deg), "lat": round6(t.at.lat_deg), "role": role })
        })
        .collect();
    let crossings: Vec<Value> = map_layers::border_crossings(ctx)
        .into_iter()
        .map(|c| json!({ "lon": round6(c.at.lon_deg), "lat": round6(c.at.lat_deg), "from": c.from, "to": c.to }))
        .collect();
    let sightings: Vec<Value> = ctx
        .scenario
        .sightings()
        .iter()
        .filter(|s| extras.reports_until.is_none_or(|d| s.date() <= d))
        .map(|s| {
            json!({
                "date": s.date().to_string(), "day": (s.date() - ctx.run.depart).num_days(), "place": s.place().label(),
                "lon": round6(s.place().coord.lon_deg), "lat": round6(s.place().coord.lat_deg),
                "headcount": s.headcount(), "headcount_kind": s.headcount().map(|_| s.headcount_kind().name()),
                "group": s.group(), "kind": s.kind().name(), "is_position": s.is_position(), "source": s.source().to_string(), "note": s.note(),
            })
        })
        .collect();
    let ends: Vec<Value> = ends
        .iter()
        .map(|e| {
            json!({
                "group": e.group, "status": e.status.name(), "day": e.day, "town": e.town,
                "lon": round6(e.at.lon_deg), "lat": round6(e.at.lat_deg),
                "headcount": e.headcount.round() as u64, "detained": e.detained.round() as u64,
                "label": e.label(ctx),
            })
        })
        .collect();
    MapData {
        caravan: ctx.scenario.id(),
        countries,
        country_names,
        crossings,
        days,
        ends,
        extent: json!({ "west": x.west_deg, "south": x.south_deg, "east": x.east_deg, "north": x.north_deg }),
        forecast: &extras.forecast,
        groups,
        route: ctx.route.line().iter().map(|(p, _)| lonlat(*p)).collect(),
        sightings,
        start_day: extras.start_day,
        towns,
    }
}

/// A group's line along the route, each vertex with the day it was passed (the camp of
/// that day or a route vertex walked through on it): the page draws the vertices up to the
/// slider's day, so the line follows the route and never cuts a bend.
fn group_path(ctx: &RunContext, mine: &[&PositionRow]) -> Vec<[f64; 3]> {
    let Some(first) = mine.first() else {
        return Vec::new();
    };
    let g = usize::from(first.record.group);
    let (_, start_km) = ctx.run.start_of(g).unwrap_or((-1, first.record.km));
    let start = ctx.route.position_at_km(start_km);
    let mut out = vec![[
        round6(start.lon_deg),
        round6(start.lat_deg),
        f64::from(first.record.day),
    ]];
    let mut km0 = start_km;
    for r in mine {
        let km1 = r.record.km;
        for p in ctx.route.line_between(km0, km1).into_iter().skip(1) {
            out.push([
                round6(p.lon_deg),
                round6(p.lat_deg),
                f64::from(r.record.day),
            ]);
        }
        km0 = km1;
    }
    out
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn map_html(ctx: &RunContext, rows: &PositionRows, w: &mut impl Write) -> std::io::Result<()> {
    let ends = map_layers::group_ends(ctx, rows);
    let subtitle = format!(
        "{} · simulated positions, not observations",
        map_layers::subtitle(ctx, &ends)
    );
    write_page(
        ctx,
        &map_data(ctx, rows, &ends, &PageExtras::default()),
        &subtitle,
        w,
    )
}

/// map.html of `route-sim forecast`: the route, the reports up to the as-of date, and on each
/// forecast date the P10–P90 stretch of route as a band with the median position. No
/// simulated group is drawn: a replay of the caravan file would show what the file says
/// happened after the as-of date, which the forecast does not know.
pub fn forecast_map_html(
    scenario: &Scenario,
    route: &Route,
    gazetteer: &Gazetteer,
    f: &Forecast,
) -> Vec<u8> {
    let depart = scenario.depart().min(f.as_of);
    let last = f.days.last().map_or(f.as_of, |d| d.date);
    let run = Run {
        depart,
        group_names: Vec::new(),
        group_parent: Vec::new(),
        records: Vec::new(),
        days: u32::try_from((last - depart).num_days() + 1).unwrap_or(1),
        arrival_day: Vec::new(),
        detained: 0.0,
    };
    let ctx = RunContext {
        scenario,
        route,
        run: &run,
        gazetteer,
        validation: None,
        rng_seed: f.settings.rng_seed,
        ensemble: None,
    };
    let bands: Vec<(&crate::forecast::ForecastDay, Vec<LonLat>)> = f
        .days
        .iter()
        .map(|d| (d, super::forecast::band_line(route, d.km_p10, d.km_p90)))
        .collect();
    let furthest_km = f.days.iter().map(|d| d.km_p90).fold(0.0, f64::max);
    let extent = map_layers::extent_of(
        map_layers::route_reached(&ctx, furthest_km)
            .chain(
                scenario
                    .sightings()
                    .iter()
                    .filter(|s| s.date() <= f.as_of)
                    .map(|s| s.place().coord),
            )
            .chain(bands.iter().flat_map(|(_, b)| b.iter().copied())),
    );
    let forecast = bands
        .iter()
        .map(|(d, band)| {
            let p50 = route.position_at_km(d.km_p50);
            json!({
                "date": d.date.to_string(), "day": (d.date - depart).num_days(),
                "p50": lonlat(p50), "band": band.iter().map(|p| lonlat(*p)).collect::<Vec<_>>(),
                "km_p10": round_km(d.km_p10), "km_p50": round_km(d.km_p50),
                "km_p90": round_km(d.km_p90), "near_p50": route.nearest_stop(d.km_p50).town.name,
            })
        })
        .collect();
    let extras = PageExtras {
        extent: Some(extent),
        reports_until: Some(f.as_of),
        forecast,
        start_day: (f.as_of - depart).num_days(),
    };
    let subtitle = format!(
        "{} · forecast of the {} group as of {}, {} days ahead, from {} reports up to that date · P10–P90 band and median, not observations",
        scenario.id(),
        f.group,
        f.as_of.format("%-d %b %Y"),
        f.settings.days,
        f.assimilated.len()
    );
    page(
        &ctx,
        &map_data(&ctx, &PositionRows::default(), &[], &extras),
        &subtitle,
    )
}

/// Leaflet's script without its source-map comment (a file the page does not ship).
fn leaflet_js() -> String {
    LEAFLET_JS
        .lines()
        .filter(|l| !l.starts_with("//# sourceMappingURL"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn page(ctx: &RunContext, data: &MapData, subtitle: &str) -> Vec<u8> {
    let mut out = Vec::new();
    write_page(ctx, data, subtitle, &mut out).expect("write to memory");
    out
}

/// The page streamed to `w`: the template with its placeholders filled, the run's data
/// serialized straight into the place of `{{DATA}}` (through [`ScriptSafe`]) rather than
/// built as one string and copied into the template.
fn write_page(
    ctx: &RunContext,
    data: &MapData,
    subtitle: &str,
    w: &mut impl Write,
) -> std::io::Result<()> {
    let s = ctx.scenario;
    // Data last: nothing inside it is ever taken for a placeholder.
    let template = TEMPLATE
        .replace("{{TITLE}}", &escape_html(s.name()))
        .replace("{{SUBTITLE}}", &escape_html(subtitle))
        .replace("{{ATTRIBUTION}}", &escape_html(ATTRIBUTION))
        .replace("{{LEAFLET_CSS}}", LEAFLET_CSS)
        .replace("{{CSS}}", STYLE)
        .replace("{{LEAFLET_JS}}", &leaflet_js())
        .replace("{{JS}}", SCRIPT);
    let mut parts = template.split("{{DATA}}");
    if let Some(first) = parts.next() {
        w.write_all(first.as_bytes())?;
    }
    for part in parts {
        let mut safe = ScriptSafe {
            inner: &mut *w,
            after_lt: false,
        };
        serde_json::to_writer(&mut safe, data)?;
        w.write_all(part.as_bytes())?;
    }
    Ok(())
}

/// Writes JSON with every `</` as `<\/`, so no string in it can end the script element
/// (what `replace("</", "<\\/")` does to the whole text, done as it streams).
struct ScriptSafe<W> {
    inner: W,
    /// The last byte written was `<`.
    after_lt: bool,
}

impl<W: Write> Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, mut buf: &[u8]) -> std::io::Result<()> {
        while let Some(i) = buf.iter().position(|&b| b == b'/') {
            let after_lt = if i == 0 {
                self.after_lt
            } else {
                buf[i - 1] == b'<'
            };
            self.inner.write_all(&buf[..i])?;
            self.inner.write_all(if after_lt { b"\\/" } else { b"/" })?;
            self.after_lt = false;
            buf = &buf[i + 1..];
        }
        if let Some(&last) = buf.last() {
            self.after_lt = last == b'<';
        }
        self.inner.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    #[test]
    fn script_safe_streaming_escapes_as_replace_does_across_write_boundaries() {
        let text = "a</b<</c//<x</</ <\"</script>\" </";
        // Every way of cutting the text in two or three writes.
        for i in 0..=text.len() {
            for j in i..=text.len() {
                let mut out = Vec::new();
                let mut safe = super::ScriptSafe {
                    inner: &mut out,
                    after_lt: false,
                };
                for part in [&text[..i], &text[i..j], &text[j..]] {
                    safe.write_all(part.as_bytes()).unwrap();
                }
                assert_eq!(String::from_utf8(out).unwrap(), text.replace("</", "<\\/"));
            }
        }
    }

    #[test]
    fn page_has_no_external_urls() {
        for text in [super::TEMPLATE, super::SCRIPT, super::STYLE] {
            for bad in ["http://", "https://", "//cdn", "url("] {
                let hits: Vec<&str> = text
                    .lines()
                    .filter(|l| l.contains(bad) && !l.contains("http://www.w3.org/2000/svg"))
                    .collect();
                assert!(hits.is_empty(), "external reference {bad}: {hits:?}");
            }
        }
    }
}
