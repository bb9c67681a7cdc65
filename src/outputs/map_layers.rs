//! What both maps (map.png and map.html) show, computed once: extent, labelled towns,
//! border crossings and the colour of each date.

use super::RunContext;
use super::rows::PositionRows;
use crate::gazetteer::{Borders, LonLat};
use geo::{Area, BooleanOps, InteriorPoint, Rect};

/// A lon/lat box in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    pub west_deg: f64,
    pub south_deg: f64,
    pub east_deg: f64,
    pub north_deg: f64,
}

impl Extent {
    pub fn centre(&self) -> LonLat {
        LonLat::new(
            (self.west_deg + self.east_deg) / 2.0,
            (self.south_deg + self.north_deg) / 2.0,
        )
    }

    /// How much wider than tall the box looks on the ground (x scaled by cos of the centre latitude).
    pub fn aspect(&self) -> f64 {
        let cos_lat = self.centre().lat_deg.to_radians().cos();
        (self.east_deg - self.west_deg) * cos_lat / (self.north_deg - self.south_deg)
    }
}

/// Fraction of the extent added on each side.
const MARGIN_FRAC: f64 = 0.08;
/// Smallest side of the extent, degrees: a 40 km route still shows its surroundings.
const MIN_SPAN_DEG: f64 = 0.3;

/// Where the groups went (the route up to the first town beyond the furthest position, so a
/// caravan stopped after 40 km is not drawn at the scale of its planned 1,100 km), every daily
/// position and every sighting, with a margin on each side.
pub fn extent(ctx: &RunContext, rows: &PositionRows) -> Extent {
    let furthest_km = ctx.run.records.iter().map(|r| r.km).fold(0.0, f64::max);
    extent_of(
        route_reached(ctx, furthest_km)
            .chain(rows.all().iter().map(|r| r.at))
            .chain(ctx.scenario.sightings().iter().map(|s| s.place().coord)),
    )
}

/// The route's line up to the first town at or beyond `km`.
pub fn route_reached<'a>(ctx: &RunContext<'a>, km: f64) -> impl Iterator<Item = LonLat> + 'a {
    let stops = ctx.route.stops();
    let shown = stops
        .iter()
        .position(|s| s.km > km + 1e-6)
        .map_or(stops.len(), |i| i + 1);
    let last_km = stops[shown - 1].km;
    ctx.route
        .line()
        .iter()
        .filter(move |(_, km)| *km <= last_km + 1e-6)
        .map(|(p, _)| *p)
}

/// The box around `points` with a margin on each side and at least [`MIN_SPAN_DEG`] a side.
pub fn extent_of(points: impl IntoIterator<Item = LonLat>) -> Extent {
    let (mut w, mut s, mut e, mut n) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for p in points {
        w = w.min(p.lon_deg);
        e = e.max(p.lon_deg);
        s = s.min(p.lat_deg);
        n = n.max(p.lat_deg);
    }
    let grow = |lo: f64, hi: f64| {
        let span = (hi - lo).max(MIN_SPAN_DEG / (1.0 + 2.0 * MARGIN_FRAC));
        let mid = (lo + hi) / 2.0;
        let half = span * (0.5 + MARGIN_FRAC);
        (mid - half, mid + half)
    };
    let (west_deg, east_deg) = grow(w, e);
    let (south_deg, north_deg) = grow(s, n);
    Extent {
        west_deg,
        south_deg,
        east_deg,
        north_deg,
    }
}

/// Widen the extent (never shrink it) so that it has the given on-the-ground aspect.
pub fn fit_aspect(x: Extent, aspect: f64) -> Extent {
    let c = x.centre();
    let cos_lat = c.lat_deg.to_radians().cos();
    let (mut half_lon, mut half_lat) = (
        (x.east_deg - x.west_deg) / 2.0,
        (x.north_deg - x.south_deg) / 2.0,
    );
    if x.aspect() < aspect {
        half_lon = half_lat * aspect / cos_lat;
    } else {
        half_lat = half_lon * cos_lat / aspect;
    }
    Extent {
        west_deg: c.lon_deg - half_lon,
        south_deg: c.lat_deg - half_lat,
        east_deg: c.lon_deg + half_lon,
        north_deg: c.lat_deg + half_lat,
    }
}

/// Why a town is labelled, in the order labels are placed (earlier wins a contested spot).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TownRole {
    End,
    BorderCrossing,
    City,
    /// Any other route town: labelled last, only where there is room (short routes).
    Town,
}

/// A route town worth a label on the map.
#[derive(Debug, Clone)]
pub struct LabelledTown {
    pub name: String,
    pub at: LonLat,
    pub role: TownRole,
    pub population: u64,
}

/// The name of each route stop as maps and charts write it: same-name towns of one route
/// told apart by country ("Escuintla (GT)", "Escuintla (MX)"), or by state within a country.
pub fn stop_names(route: &crate::route::Route) -> Vec<String> {
    let stops = route.stops();
    stops
        .iter()
        .map(|s| {
            let t = &s.town;
            let twins: Vec<&crate::gazetteer::Town> = stops
                .iter()
                .map(|o| &o.town)
                .filter(|o| o.name == t.name && o.id != t.id)
                .collect();
            if twins.is_empty() {
                t.name.clone()
            } else if twins.iter().all(|o| o.country_code != t.country_code) {
                format!("{} ({})", t.name, t.country_code)
            } else {
                format!("{} ({})", t.name, t.admin1)
            }
        })
        .collect()
}

/// Route towns in label priority: ends, big cities, crossings, other cities by population, then
/// the remaining towns (placed only where they fit).
pub fn labelled_towns(ctx: &RunContext) -> Vec<LabelledTown> {
    let stops = ctx.route.stops();
    let names = stop_names(ctx.route);
    let mut towns: Vec<LabelledTown> = stops
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let role = if i == 0 || i + 1 == stops.len() {
                TownRole::End
            } else if s.town.kind == "border_crossing" {
                TownRole::BorderCrossing
            } else if s.town.kind == "city" {
                TownRole::City
            } else {
                TownRole::Town
            };
            LabelledTown {
                name: names[i].clone(),
                at: s.town.coord,
                role,
                population: s.town.population.unwrap_or(0),
            }
        })
        .collect();
    // Cities of a million or more rank with the route ends: readers orient by them.
    let rank = |t: &LabelledTown| match t.role {
        TownRole::End => 0,
        _ if t.population >= 1_000_000 => 1,
        TownRole::BorderCrossing => 2,
        TownRole::City => 3,
        TownRole::Town => 4,
    };
    towns.sort_by(|a, b| rank(a).cmp(&rank(b)).then(b.population.cmp(&a.population)));
    towns
}

/// A point where the route passes from one country into another.
#[derive(Debug, Clone)]
pub struct Crossing {
    pub at: LonLat,
    pub from: String,
    pub to: String,
}

/// Where the route line changes country by the border polygons, found by bisection on each
/// route segment whose ends lie in different countries (to about 10 m).
pub fn border_crossings(ctx: &RunContext) -> Vec<Crossing> {
    let borders = Borders::bundled();
    let mut out = Vec::new();
    for pair in ctx.route.line().windows(2) {
        let (a, b) = (pair[0].0, pair[1].0);
        let (Some(ca), Some(cb)) = (borders.country_at(a), borders.country_at(b)) else {
            continue;
        };
        if ca == cb {
            continue;
        }
        let (mut lo, mut hi) = (0.0, 1.0);
        for _ in 0..20 {
            let mid = (lo + hi) / 2.0;
            if borders.country_at(a.lerp(b, mid)) == Some(ca) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        out.push(Crossing {
            at: a.lerp(b, (lo + hi) / 2.0),
            from: ca.to_string(),
            to: cb.to_string(),
        });
    }
    out
}

/// Where to write each country's name: a point inside its biggest piece within the extent,
/// for countries covering at least 3% of it (smaller ones would not fit a name).
pub fn country_name_points(x: &Extent) -> Vec<(String, LonLat)> {
    let view = Rect::new((x.west_deg, x.south_deg), (x.east_deg, x.north_deg)).to_polygon();
    let view_area = (x.east_deg - x.west_deg) * (x.north_deg - x.south_deg);
    let mut out = Vec::new();
    for (name, polygons) in Borders::bundled().countries() {
        let visible = polygons.intersection(&view);
        let Some(biggest) = visible
            .iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
        else {
            continue;
        };
        if biggest.unsigned_area() / view_area > 0.03
            && let Some(p) = biggest.interior_point()
        {
            out.push((name.to_string(), LonLat::new(p.x(), p.y())));
        }
    }
    out
}

/// Colour of a date as a fraction of the run (0 = departure, 1 = last day): the plasma
/// colour map from dark blue to orange (its pale yellow end is left out, unreadable on land).
pub fn date_colour(frac: f64) -> (u8, u8, u8) {
    const STOPS: [(u8, u8, u8); 5] = [
        (13, 8, 135),
        (106, 0, 168),
        (177, 42, 144),
        (225, 100, 98),
        (252, 166, 54),
    ];
    let f = frac.clamp(0.0, 1.0) * (STOPS.len() - 1) as f64;
    let i = (f.floor() as usize).min(STOPS.len() - 2);
    let t = f - i as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// [`date_colour`] as CSS `#rrggbb`.
pub fn date_colour_hex(frac: f64) -> String {
    let (r, g, b) = date_colour(frac);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The fraction of the run a day is at, for [`date_colour`].
pub fn day_frac(ctx: &RunContext, day: u32) -> f64 {
    if ctx.run.days <= 1 {
        0.0
    } else {
        f64::from(day) / f64::from(ctx.run.days - 1)
    }
}

/// How a group's journey ended, for the end markers and labels of every map.
#[derive(Debug, Clone)]
pub struct GroupEnd {
    pub group: usize,
    pub status: crate::simulate::Status,
    pub day: u32,
    pub at: LonLat,
    /// The nearest route town.
    pub town: String,
    pub headcount: f64,
    /// People detained in the dispersal of this group (dispersals naming it, or all groups).
    pub detained: f64,
}

impl GroupEnd {
    /// "arrived in Tijuana 25 Nov · 5,200", "dispersed at Huixtla 5 Sep · 80 detained".
    pub fn label(&self, ctx: &RunContext) -> String {
        let date = ctx.run.date_of(self.day).format("%-d %b");
        match self.status {
            crate::simulate::Status::Dispersed if self.detained >= 0.5 => format!(
                "dispersed at {} {date} · {} detained",
                self.town,
                thousands(self.detained.round() as u64)
            ),
            crate::simulate::Status::Dispersed => format!("dispersed at {} {date}", self.town),
            _ => format!(
                "arrived in {} {date} · {}",
                self.town,
                thousands(self.headcount.round() as u64)
            ),
        }
    }
}

/// 12,345
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Each group that arrived or was dispersed: where, when, with how many. Computed once
/// per file from each group's rows and handed to whatever draws or names the ends.
pub fn group_ends(ctx: &RunContext, rows: &PositionRows) -> Vec<GroupEnd> {
    let mut ends = Vec::new();
    for g in 0..ctx.run.group_names.len() {
        let Some(row) = rows.of_group(g).find(|r| r.record.status.is_final()) else {
            continue;
        };
        let r = &row.record;
        let detained = if r.status == crate::simulate::Status::Dispersed {
            ctx.scenario
                .events()
                .iter()
                .filter_map(|e| match &e.kind() {
                    crate::scenario::EventKind::Disperse { detained, .. }
                        if e.groups()
                            .as_ref()
                            .is_none_or(|gs| gs.iter().any(|n| *n == ctx.run.group_names[g])) =>
                    {
                        Some(*detained as f64)
                    }
                    _ => None,
                })
                .sum()
        } else {
            0.0
        };
        ends.push(GroupEnd {
            group: g,
            status: r.status,
            day: r.day,
            at: row.at,
            town: ctx.route.nearest_stop(r.km).town.name.clone(),
            headcount: r.headcount,
            detained,
        });
    }
    ends
}

/// A round length for a scale bar at most `max_km` long: 1, 2 or 5 times a power of ten.
pub fn nice_km(max_km: f64) -> f64 {
    let p = 10f64.powf(max_km.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v <= max_km)
        .unwrap_or(p)
}

/// "honduras-oct2018 · simulated 13 Oct 2018 – 28 Nov 2018 · San Pedro Sula to Tijuana,
/// 4589 road km · --rng-seed 1": the line under both maps' titles.
pub fn subtitle(ctx: &RunContext, ends: &[GroupEnd]) -> String {
    let last = ctx.run.date_of(ctx.run.days.saturating_sub(1));
    // A caravan whose every group was dispersed ended where that happened, not at the
    // route's planned end.
    let dispersed = ends.len() == ctx.run.group_names.len()
        && ends
            .iter()
            .all(|e| e.status == crate::simulate::Status::Dispersed);
    let to = match ends.iter().max_by_key(|e| e.day) {
        Some(e) if dispersed => format!(
            "ended at {}, dispersed (route planned to {})",
            e.town,
            ctx.route.destination().name
        ),
        _ => format!(
            "to {}, {:.0} road km",
            ctx.route.destination().name,
            ctx.route.length_km()
        ),
    };
    format!(
        "{} · simulated {} – {} · {} {} · --rng-seed {}",
        ctx.scenario.id(),
        ctx.run.depart.format("%-d %b %Y"),
        last.format("%-d %b %Y"),
        ctx.route.origin().name,
        to,
        ctx.rng_seed
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_km_rounds_down_to_1_2_5() {
        assert_eq!(nice_km(370.0), 200.0);
        assert_eq!(nice_km(7.3), 5.0);
        assert_eq!(nice_km(1.5), 1.0);
    }

    #[test]
    fn fit_aspect_only_widens() {
        let x = Extent {
            west_deg: -93.0,
            south_deg: 14.0,
            east_deg: -92.0,
            north_deg: 16.0,
        };
        let f = fit_aspect(x, 1.5);
        assert!((f.aspect() - 1.5).abs() < 1e-9);
        assert!(f.west_deg < x.west_deg && f.east_deg > x.east_deg);
        assert_eq!((f.south_deg, f.north_deg), (x.south_deg, x.north_deg));
    }

    #[test]
    fn date_colours_run_dark_to_light() {
        assert_eq!(date_colour(0.0), (13, 8, 135));
        assert_eq!(date_colour(1.0), (252, 166, 54));
    }
}
