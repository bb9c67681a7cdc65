//! A caravan file drafted from articles' sightings, for a person to review.
//!
//! The route goes through the sighted towns in date order; the departure date and
//! headcount come from the earliest sighting; a dispersal as the last sighting ends the
//! run with a `disperse` event. Everything drafted is marked assumed in comments and in the
//! `assumed` field, and contradictions (two towns far apart on one day, a group moving back
//! toward its start) are listed as warnings at the top of the file.

use super::sightings::{ArticleSightings, Kind, Sighting, Source};
use crate::gazetteer::{Gazetteer, Town};
use chrono::NaiveDate;
use std::fmt::Write;

/// Why no caravan file could be drafted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// No article gave a dated sighting at a town.
    #[error("the articles give no dated sighting of a caravan at a town")]
    NoSightings,
    #[error(
        "every dated sighting is at {0}: a route needs two towns; add an article that names another, or write the route by hand"
    )]
    /// Every dated sighting is at one town (its name): no route.
    OneTown(String),
    #[error(
        "`{0}` is not a usable caravan id: use letters, digits and '-' (e.g. tapachula-oct2021)"
    )]
    /// The caravan id asked for has characters other than letters, digits and '-'.
    BadId(String),
}

/// A drafted caravan file and the contradictions found on the way.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The caravan file, as TOML text.
    pub toml: String,
    /// What to check: contradictions (two towns far apart on one day, a group moving back) and assumptions; also listed atop `toml`.
    pub warnings: Vec<String>,
}

/// Sightings further apart in time than this belong to different caravans.
const MAX_GAP_DAYS: i64 = 60;
/// Towns farther apart than this on the same day contradict each other.
const SAME_DAY_KM: f64 = 100.0;
/// A later sighting this much closer to the start than an earlier one is a step backwards.
const BACKWARDS_KM: f64 = 25.0;

/// The sighting's place as the caravan file should write it: the bare name when it
/// resolves to this town, else "Name, State", else "Name, State, Country".
pub fn place_name(g: &Gazetteer, t: &Town) -> String {
    let same = |q: &str| g.lookup(q).is_ok_and(|x| x.id == t.id);
    if same(&t.name) {
        return t.name.clone();
    }
    let with_state = format!("{}, {}", t.name, t.admin1);
    if !t.admin1.is_empty() && same(&with_state) {
        return with_state;
    }
    t.label()
}

/// `source = …` for a sighting: the seed record for the team's seed articles, else the
/// article's header lines (`outlet:`, `title:`, `date:`, `url:`) as a table. A caravan file
/// needs all four; what the file lacks is filled with a visible placeholder (outlet
/// "unknown", the file name as title, the sighting's day, an `example.invalid` address) for
/// the reviewer to replace — see [`missing_source_fields`].
pub fn source_toml(src: &Source, day: NaiveDate) -> String {
    let stem = std::path::Path::new(&src.path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let is_seed = stem.len() == 20
        && stem.as_bytes()[3] == b'_'
        && stem[..3].bytes().all(|b| b.is_ascii_digit())
        && stem[4..].bytes().all(|b| b.is_ascii_hexdigit());
    if is_seed {
        return toml_str(&format!("seeds/{stem}.toml"));
    }
    let file_name = std::path::Path::new(&src.path)
        .file_name()
        .map_or(src.path.clone(), |f| f.to_string_lossy().into_owned());
    let outlet = src.outlet.clone().unwrap_or_else(|| "unknown".into());
    let title = src.title.clone().unwrap_or_else(|| file_name.clone());
    let date = src.date.clone().unwrap_or_else(|| day.to_string());
    let url = src
        .url
        .clone()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .unwrap_or_else(|| {
            let slug: String = file_name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '.' {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            format!("https://example.invalid/{slug}")
        });
    format!(
        "{{ outlet = {}, title = {}, date = {}, url = {} }}",
        toml_str(&outlet),
        toml_str(&title),
        toml_str(&date),
        toml_str(&url)
    )
}

/// The source fields an article file does not give (they are placeholders in the output).
pub fn missing_source_fields(src: &Source) -> Vec<&'static str> {
    let mut out = Vec::new();
    if src.outlet.is_none() {
        out.push("outlet");
    }
    if src.title.is_none() {
        out.push("title");
    }
    if src.date.is_none() {
        out.push("date");
    }
    if !src
        .url
        .as_deref()
        .is_some_and(|u| u.starts_with("http://") || u.starts_with("https://"))
    {
        out.push("url");
    }
    out
}

/// A TOML basic string.
pub fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The `[[sightings]]` block of one sighting.
pub fn sighting_toml(g: &Gazetteer, s: &Sighting, src: &Source, comment: &str) -> String {
    let t = &g.towns()[s.town];
    let mut out = String::new();
    if !comment.is_empty() {
        let _ = writeln!(out, "# {comment}");
    }
    let _ = writeln!(out, "[[sightings]]");
    let _ = writeln!(out, "date = \"{}\"", s.date);
    let _ = writeln!(out, "place = {}", toml_str(&place_name(g, t)));
    let _ = writeln!(out, "kind = \"{}\"", s.kind.as_str());
    if let (Some(n), Some(k)) = (s.headcount, s.headcount_kind) {
        let _ = writeln!(out, "headcount = {n}");
        let _ = writeln!(out, "headcount_kind = \"{}\"", k.as_str());
    }
    let _ = writeln!(out, "source = {}", source_toml(src, s.date));
    let mut note = format!("line {}: {}", s.line, s.note);
    if let Some(gr) = &s.group {
        note.push_str(&format!("; about the {gr} group"));
    }
    let _ = writeln!(out, "note = {}", toml_str(&note));
    out
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Draft a caravan file from the sightings of some articles.
pub fn draft(g: &Gazetteer, id: &str, articles: &[ArticleSightings]) -> Result<Draft, DraftError> {
    if !valid_id(id) {
        return Err(DraftError::BadId(id.to_string()));
    }
    let mut all: Vec<(&Sighting, &Source)> = articles
        .iter()
        .flat_map(|a| a.sightings.iter().map(move |s| (s, &a.source)))
        .collect();
    if all.is_empty() {
        return Err(DraftError::NoSightings);
    }
    all.sort_by_key(|(s, src)| (s.date, s.kind, src.path.clone(), s.line));
    let town = |s: &Sighting| &g.towns()[s.town];
    let mut warnings = Vec::new();

    // one caravan: the largest run of sightings without a gap of more than MAX_GAP_DAYS
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=all.len() {
        if i == all.len() || (all[i].0.date - all[i - 1].0.date).num_days() > MAX_GAP_DAYS {
            runs.push(start..i);
            start = i;
        }
    }
    let keep = runs
        .iter()
        .max_by_key(|r| (r.len(), std::cmp::Reverse(r.start)))
        .cloned()
        .unwrap_or(0..all.len());
    if keep.len() < all.len() {
        let left: Vec<String> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| !keep.contains(i))
            .map(|(_, (s, _))| format!("{} {}", s.date, town(s).name))
            .collect();
        warnings.push(format!(
            "{} sighting(s) more than {MAX_GAP_DAYS} days from the others left out (another caravan? draft them separately): {}",
            left.len(),
            left.join(", ")
        ));
        all = all[keep].to_vec();
    }

    // the route: sighted towns in date order, each once
    let mut route: Vec<usize> = Vec::new();
    for (s, _) in all.iter().filter(|(s, _)| s.kind != Kind::Count) {
        if !route.contains(&s.town) {
            route.push(s.town);
        }
    }
    if route.len() < 2 {
        return Err(DraftError::OneTown(town(all[0].0).label()));
    }

    for a in articles {
        let missing = missing_source_fields(&a.source);
        if !missing.is_empty()
            && !a.sightings.is_empty()
            && !source_toml(&a.source, a.sightings[0].date).starts_with('"')
        {
            warnings.push(format!(
                "{} gives no {} line: its sightings cite a placeholder (example.invalid) to replace",
                a.source.path,
                missing.join("/")
            ));
        }
    }
    // two towns far apart on one day
    for (i, (a, _)) in all.iter().enumerate() {
        for (b, _) in &all[i + 1..] {
            if a.date == b.date && a.town != b.town && a.group == b.group {
                let km = town(a).coord.geodesic_km(town(b).coord);
                let moving = matches!(
                    (a.kind, b.kind),
                    (Kind::Departure | Kind::Arrival, _) | (_, Kind::Departure | Kind::Arrival)
                ) && km < 2.0 * SAME_DAY_KM;
                if km > SAME_DAY_KM && !moving
                    || a.kind == Kind::NightStop && b.kind == Kind::NightStop
                {
                    warnings.push(format!(
                        "two places on {}: {} (line {}) and {} (line {}), {:.0} km apart",
                        a.date,
                        town(a).name,
                        a.line,
                        town(b).name,
                        b.line,
                        km
                    ));
                }
            }
        }
    }
    // moving backwards: farther from the start than a later sighting
    let start = town(all[0].0).coord;
    let mut farthest: Option<(&Sighting, f64)> = None;
    for (s, _) in &all {
        let d = start.geodesic_km(town(s).coord);
        if let Some((f, fd)) = farthest
            && fd - d > BACKWARDS_KM
            && s.date > f.date
            && s.group == f.group
        {
            warnings.push(format!(
                "moving backwards: {} on {} is {:.0} km nearer the start ({}) than {} on {}",
                town(s).name,
                s.date,
                fd - d,
                town(all[0].0).name,
                town(f).name,
                f.date
            ));
        }
        if farthest.is_none_or(|(_, fd)| d > fd) {
            farthest = Some((s, d));
        }
    }

    let (first, first_src) = all[0];
    let depart: NaiveDate = first.date;
    let counted = all.iter().find(|(s, _)| s.headcount.is_some());
    let (headcount, headcount_note) = match counted {
        Some((s, _)) => (
            s.headcount.unwrap_or(100),
            format!(
                "headcount {} from the sighting of {} in {} (line {})",
                s.headcount.unwrap_or(100),
                s.date,
                town(s).name,
                s.line
            ),
        ),
        None => {
            warnings.push("no sighting gives a headcount: 100 assumed".into());
            (100, "headcount 100: no sighting gives one".into())
        }
    };
    let last = all.last().expect("non-empty").0;
    let ends_dispersed = last.kind == Kind::Dispersal;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Drafted by `route-sim draft` from {} article(s). Everything below is assumed until",
        articles.len()
    );
    let _ = writeln!(
        out,
        "# a person has checked it against the articles: route, dates, headcount and kinds."
    );
    for w in &warnings {
        let _ = writeln!(out, "# WARNING: {w}");
    }
    let _ = writeln!(out, "id = {}", toml_str(id));
    let _ = writeln!(
        out,
        "name = {}",
        toml_str(&format!(
            "Caravan drafted from news reports, {} to {}",
            g.towns()[route[0]].name,
            g.towns()[*route.last().expect("two towns")].name
        ))
    );
    let _ = writeln!(
        out,
        "description = {}",
        toml_str(&format!(
            "{} dated sightings from {} to {}, read from the articles by route-sim draft.",
            all.len(),
            depart,
            last.date
        ))
    );
    let sources: Vec<String> = articles
        .iter()
        .map(|a| {
            a.source
                .title
                .clone()
                .or(a.source.url.clone())
                .unwrap_or(a.source.path.clone())
        })
        .collect();
    let _ = writeln!(
        out,
        "reported = {}",
        toml_str(&format!(
            "Sightings read automatically from: {}. Check each against its article.",
            sources.join("; ")
        ))
    );
    let _ = writeln!(
        out,
        "assumed = {}",
        toml_str(&format!(
            "All drafted: departure on {depart} from {} (the earliest sighting), {headcount_note}; \
             the route is the sighted towns in date order, straight between them with road factor 1.2; \
             the 48 km/day pace of 2018.{}",
            town(first).name,
            if ends_dispersed {
                " The last sighting is a dispersal, drafted as a disperse event ending the run."
            } else {
                ""
            }
        ))
    );
    let _ = writeln!(
        out,
        "depart = \"{depart}\"             # assumed: earliest sighting"
    );
    let _ = writeln!(out, "headcount = {headcount}                 # assumed");
    let _ = writeln!(out, "road_factor = 1.2                # assumed");
    let _ = writeln!(
        out,
        "route = [                        # assumed: sighted towns in date order\n{}]",
        route.iter().fold(String::new(), |mut acc, &t| {
            let _ = writeln!(acc, "  {},", toml_str(&place_name(g, &g.towns()[t])));
            acc
        })
    );
    let days = (last.date - depart).num_days().max(0) + 30;
    let _ = writeln!(
        out,
        "\n[model]\nmax_days = {days}                    # assumed: last sighting + 30 days"
    );
    if ends_dispersed {
        let _ = writeln!(out, "\n# assumed: the last sighting is a dispersal");
        let _ = writeln!(out, "[[events]]");
        let _ = writeln!(out, "kind = \"disperse\"");
        let _ = writeln!(out, "date = \"{}\"", last.date);
        let _ = writeln!(out, "place = {}", toml_str(&place_name(g, town(last))));
        let _ = writeln!(out, "share = 1.0");
        let src = all.last().expect("non-empty").1;
        let _ = writeln!(out, "source = {}", toml_str(&source_string(src, last.date)));
    }
    for (s, src) in &all {
        let _ = writeln!(out);
        out.push_str(&sighting_toml(g, s, src, "assumed: drafted, review"));
    }
    let _ = first_src;
    Ok(Draft {
        toml: out,
        warnings,
    })
}

/// A source as one string (events take a plain string).
fn source_string(src: &Source, day: NaiveDate) -> String {
    let t = source_toml(src, day);
    match toml::from_str::<toml::Table>(&format!("s = {t}")) {
        Ok(v) => match &v["s"] {
            toml::Value::String(s) => s.clone(),
            toml::Value::Table(t) => t
                .get("url")
                .or(t.get("title"))
                .and_then(|v| v.as_str())
                .unwrap_or(&src.path)
                .to_string(),
            _ => src.path.clone(),
        },
        Err(_) => src.path.clone(),
    }
}
