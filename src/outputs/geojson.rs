//! RFC 7946 GeoJSON: route, waypoints, positions, tracks, trips and sightings.
//!
//! Each file holds one geometry type (a Shapefile or a plain QGIS load takes one per layer).
//!
//! One feature per line, keys in a fixed order, coordinates at 6 decimals: files diff
//! well and are byte-identical for the same inputs.

use super::RunContext;
use super::round_km;
use super::rows::{PositionRow, PositionRows, round6};
use crate::gazetteer::LonLat;
use geojson::{Feature, Geometry, GeometryValue, JsonObject};
use serde::Serialize;
use serde_json::{Value, json};
use std::io::Write;

pub(super) fn pos(p: LonLat) -> [f64; 2] {
    [round6(p.lon_deg), round6(p.lat_deg)]
}

pub(super) fn feature(geometry: GeometryValue, properties: Value) -> Feature {
    let properties: JsonObject = match properties {
        Value::Object(map) => map,
        _ => JsonObject::new(),
    };
    Feature {
        bbox: None,
        geometry: Some(Geometry::new(geometry)),
        id: None,
        properties: Some(properties),
        foreign_members: None,
    }
}

/// A FeatureCollection with one feature per line.
pub fn collection(features: &[Feature]) -> Vec<u8> {
    let mut out = Vec::new();
    write_collection(&mut out, features).expect("write to memory");
    out
}

/// A FeatureCollection with one feature per line, from anything that serializes as a
/// feature, streamed to `w`.
fn write_collection<T: Serialize>(
    w: &mut impl Write,
    features: impl IntoIterator<Item = T>,
) -> std::io::Result<()> {
    w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    let mut any = false;
    for f in features {
        if any {
            w.write_all(b",\n")?;
        }
        any = true;
        serde_json::to_writer(&mut *w, &f)?;
    }
    w.write_all(if any { b"\n]}\n" } else { b"]}\n" })
}

/// A Point feature written straight from typed properties, as [`feature`] writes one: for
/// files with a feature per group per day, where a `json!` value per feature was most of the
/// cost.
#[derive(Serialize)]
struct PointFeature<P> {
    #[serde(rename = "type")]
    kind: &'static str,
    geometry: PointGeometry,
    properties: P,
}

#[derive(Serialize)]
struct PointGeometry {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

impl<P> PointFeature<P> {
    fn new(at: LonLat, properties: P) -> Self {
        Self {
            kind: "Feature",
            geometry: PointGeometry {
                kind: "Point",
                coordinates: pos(at),
            },
            properties,
        }
    }
}

/// A LineString feature written straight from typed coordinates and properties, as
/// [`feature`] writes one (for the files with a long line per group).
#[derive(Serialize)]
struct LineFeature<C, P> {
    #[serde(rename = "type")]
    kind: &'static str,
    geometry: LineGeometry<C>,
    properties: P,
}

#[derive(Serialize)]
struct LineGeometry<C> {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: Vec<C>,
}

impl<C, P> LineFeature<C, P> {
    fn new(coordinates: Vec<C>, properties: P) -> Self {
        Self {
            kind: "Feature",
            geometry: LineGeometry {
                kind: "LineString",
                coordinates,
            },
            properties,
        }
    }
}

/// A track's properties (keys in alphabetical order).
#[derive(Serialize)]
struct TrackProperties<'a> {
    caravan: &'a str,
    end: &'a str,
    end_time: &'a str,
    final_headcount: u64,
    final_status: &'static str,
    group: &'a str,
    km: f64,
    start: &'a str,
    start_time: &'a str,
}

/// A trip's properties (keys in alphabetical order).
#[derive(Serialize)]
struct TripProperties<'a> {
    caravan: &'a str,
    end: &'a str,
    final_headcount: u64,
    final_status: &'static str,
    group: &'a str,
    start: &'a str,
}

/// A position's properties, in alphabetical order as `json!` objects give their keys.
#[derive(Serialize)]
struct PositionProperties<'a> {
    caravan: &'a str,
    country: &'a str,
    date: &'a str,
    day: u32,
    group: &'a str,
    headcount: u64,
    km: f64,
    near: &'a str,
    status: &'static str,
    time: &'a str,
}

/// The route line alone.
pub fn route(ctx: &RunContext) -> Vec<u8> {
    let s = ctx.scenario;
    let features = vec![feature(
        GeometryValue::new_line_string(ctx.route.line().iter().map(|(p, _)| pos(*p))),
        json!({
            "caravan": s.id(), "name": s.name(), "kind": "route",
            "from": ctx.route.origin().name, "to": ctx.route.destination().name,
            "length_km": round_km(ctx.route.length_km()),
            "road_factor": ctx.route.road_factor(),
            // one string, not a list: FlatGeobuf and Shapefile have no list fields
            "highways": ctx.route.highways().join(", "),
        }),
    )];
    collection(&features)
}

/// The named towns of the route as Points, in route order.
pub fn waypoints(ctx: &RunContext) -> Vec<u8> {
    let s = ctx.scenario;
    let features: Vec<Feature> = ctx
        .route
        .stops()
        .iter()
        .enumerate()
        .map(|(i, st)| {
            feature(
                GeometryValue::new_point(pos(st.town.coord)),
                json!({
                    "caravan": s.id(), "order": i, "name": st.town.name, "town_id": st.town.id,
                    "admin1": st.town.admin1, "country": st.town.country, "km": round_km(st.km),
                    "town_kind": st.town.kind,
                }),
            )
        })
        .collect();
    collection(&features)
}

pub fn positions(ctx: &RunContext, rows: &PositionRows, w: &mut impl Write) -> std::io::Result<()> {
    write_collection(
        w,
        rows.all().iter().map(|r| {
            PointFeature::new(
                r.at,
                PositionProperties {
                    caravan: ctx.scenario.id(),
                    country: &r.country,
                    date: rows.date_text(r),
                    day: r.record.day,
                    group: &r.group_name,
                    headcount: r.headcount_rounded(),
                    km: r.km_rounded(),
                    near: &r.near,
                    status: r.record.status.name(),
                    time: rows.time_text(r),
                },
            )
        }),
    )
}

pub fn tracks(ctx: &RunContext, rows: &PositionRows, w: &mut impl Write) -> std::io::Result<()> {
    let features = ctx
        .run
        .group_names
        .iter()
        .enumerate()
        .filter_map(|(g, name)| {
            let mut mine = rows.of_group(g);
            let (first, last) = (mine.clone().next()?, mine.clone().next_back()?);
            // A track starts where the group formed: the route's origin, or the split point.
            // Between camps it follows the route's own vertices, never a chord.
            let start_km = ctx.run.start_of(g).map_or(first.record.km, |(_, km)| km);
            let mut coords: Vec<[f64; 2]> = vec![pos(ctx.route.position_at_km(start_km))];
            let mut prev_km = start_km;
            for r in &mut mine {
                for p in ctx.route.line_between(prev_km, r.record.km) {
                    let p = pos(p);
                    if coords.last() != Some(&p) {
                        coords.push(p);
                    }
                }
                prev_km = r.record.km;
            }
            if coords.len() < 2 {
                coords.push(coords[0]);
            }
            Some(LineFeature::new(
                coords,
                TrackProperties {
                    caravan: ctx.scenario.id(),
                    end: rows.date_text(last),
                    end_time: rows.time_text(last),
                    final_headcount: last.record.headcount.round() as u64,
                    final_status: last.record.status.name(),
                    group: name,
                    km: round_km(last.record.km),
                    start: rows.date_text(first),
                    start_time: rows.time_text(first),
                },
            ))
        });
    write_collection(w, features)
}

/// Unix seconds of noon UTC on a date: the time positions.geojson gives each camp.
fn noon_unix_s(date: chrono::NaiveDate) -> i64 {
    date.and_hms_opt(12, 0, 0)
        .expect("noon exists")
        .and_utc()
        .timestamp()
}

/// kepler.gl's Trip layer: one LineString per group whose coordinates are
/// `[lon, lat, 0, unix_seconds]`. Each camp carries the time positions.geojson gives it
/// (noon UTC of its day); between camps the line follows the route at constant speed, so
/// every route vertex passed on a day gets its own time. A trip ends on the day its group
/// arrived or was dispersed.
pub fn trips(ctx: &RunContext, rows: &PositionRows, w: &mut impl Write) -> std::io::Result<()> {
    let features = ctx
        .run
        .group_names
        .iter()
        .enumerate()
        .filter_map(|(g, name)| {
            let mut mine: Vec<&PositionRow> = rows.of_group(g).collect();
            if let Some(end) = mine.iter().position(|r| r.record.status.is_final()) {
                mine.truncate(end + 1);
            }
            let (first, last) = (*mine.first()?, *mine.last()?);
            let (start_day, start_km) = ctx.run.start_of(g).unwrap_or((-1, 0.0));
            let day_s = 86_400;
            let mut t0 = noon_unix_s(ctx.run.depart) + start_day * day_s;
            let mut km0 = start_km;
            let p = ctx.route.position_at_km(start_km);
            let mut coords: Vec<[f64; 4]> =
                vec![[round6(p.lon_deg), round6(p.lat_deg), 0.0, t0 as f64]];
            for r in &mine {
                let t1 = noon_unix_s(r.date);
                let km1 = r.record.km;
                let (lo, hi) = (km0.min(km1), km0.max(km1));
                for (p, km) in ctx.route.line_between_km(km0, km1).into_iter().skip(1) {
                    let frac = if hi > lo {
                        (km - km0).abs() / (hi - lo)
                    } else {
                        1.0
                    };
                    let t = t0 + ((t1 - t0) as f64 * frac).round() as i64;
                    coords.push([round6(p.lon_deg), round6(p.lat_deg), 0.0, t as f64]);
                }
                // A day without movement: the camp again, at the new time.
                if hi <= lo {
                    coords.push([round6(r.at.lon_deg), round6(r.at.lat_deg), 0.0, t1 as f64]);
                }
                (t0, km0) = (t1, km1);
            }
            Some(LineFeature::new(
                coords,
                TripProperties {
                    caravan: ctx.scenario.id(),
                    end: rows.date_text(last),
                    final_headcount: last.headcount_rounded(),
                    final_status: last.record.status.name(),
                    group: name,
                    start: rows.date_text(first),
                },
            ))
        });
    write_collection(w, features)
}

pub fn sightings(ctx: &RunContext) -> Vec<u8> {
    let features: Vec<Feature> = ctx
        .scenario
        .sightings()
        .iter()
        .map(|s| {
            let (km, off_km) = ctx.route.locate(s.place());
            feature(
                GeometryValue::new_point(pos(s.place().coord)),
                json!({
                    "caravan": ctx.scenario.id(), "date": s.date().to_string(), "time": format!("{}T12:00:00Z", s.date()),
                    "place": s.place().name, "town_id": s.place().id, "country": s.place().country,
                    "headcount": s.headcount(), "headcount_kind": s.headcount().map(|_| s.headcount_kind().name()),
                    "kind": s.kind().name(), "is_position": s.is_position(), "route_km": round_km(km),
                    "off_route_km": round_km(off_km), "source": s.source().to_string(), "note": s.note(),
                }),
            )
        })
        .collect();
    collection(&features)
}

/// Towns as Points, for `geocode` and `extract`: each with its id, name, country, state,
/// kind and whatever `extra` properties the caller adds (mention counts, queries).
pub fn towns(towns: &[(&crate::gazetteer::Town, Value)]) -> Vec<u8> {
    let features: Vec<Feature> = towns
        .iter()
        .map(|(t, extra)| {
            let mut props = json!({
                "id": t.id, "name": t.name, "country": t.country, "country_code": t.country_code,
                "admin1": t.admin1, "kind": t.kind, "population": t.population,
            });
            if let (Value::Object(p), Value::Object(e)) = (&mut props, extra) {
                p.extend(e.clone());
            }
            feature(GeometryValue::new_point(pos(t.coord)), props)
        })
        .collect();
    collection(&features)
}
