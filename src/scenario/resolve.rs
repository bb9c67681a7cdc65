//! Turning a [`CaravanFile`] into a [`Scenario`], collecting every problem on the way.

use super::check::Misfit;
use super::file::{self, CaravanFile, EventEntry, S};
#[allow(clippy::wildcard_imports)] // resolving builds nearly every type of `scenario`
use super::*;
use crate::gazetteer::{Gazetteer, Town};
use crate::params::{MAX_DAYS, PACE_KM_PER_DAY, PACE_VARIATION_FRAC, REST_PROBABILITY_PER_DAY};
use std::collections::BTreeSet;
use std::ops::Range;

/// Collects problems with line numbers computed from byte spans.
struct Checker {
    /// Byte offsets of the text's line breaks.
    newlines: Vec<usize>,
    with_lines: bool,
    problems: Vec<Problem>,
    /// Byte offset of each problem, to report them in file order.
    offsets: Vec<usize>,
}

impl Checker {
    fn new(text: &str, with_lines: bool) -> Self {
        Self {
            newlines: text.match_indices('\n').map(|(at, _)| at).collect(),
            with_lines,
            problems: Vec::new(),
            offsets: Vec::new(),
        }
    }

    /// Every problem, in file order (by the byte where each is).
    fn take_error(&mut self, source_name: &str) -> ScenarioError {
        let problems = std::mem::take(&mut self.problems);
        let offsets = std::mem::take(&mut self.offsets);
        let mut at: Vec<(usize, Problem)> = offsets.into_iter().zip(problems).collect();
        at.sort_by_key(|(offset, _)| *offset);
        ScenarioError {
            source_name: source_name.to_string(),
            problems: at.into_iter().map(|(_, p)| p).collect(),
        }
    }

    /// The 1-based line of a span's start (a binary search: reporting stays linear).
    fn line_of(&self, span: &Range<usize>) -> Option<usize> {
        self.with_lines
            .then(|| self.newlines.partition_point(|&at| at < span.start) + 1)
    }

    /// A problem that contradicts another part of the file ([`ProblemKind::Inconsistent`]).
    fn report(
        &mut self,
        span: &Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.report_as(ProblemKind::Inconsistent, span, field, message);
    }

    /// The problems a part's constructor found, at `span`, their fields under `prefix`,
    /// but for fields already reported since problem number `since` (the part's start).
    fn report_parts(
        &mut self,
        span: &Range<usize>,
        prefix: &str,
        problems: Vec<Problem>,
        since: usize,
    ) {
        for p in problems {
            let p = p.under(prefix);
            if !self.problems[since..].iter().any(|q| q.field == p.field) {
                self.report_as(p.kind, span, p.field, p.message);
            }
        }
    }

    /// A part that does not fit with the others ([`check::Misfit`]), at `span`.
    fn misfit(&mut self, span: &Range<usize>, field: impl Into<String>, m: &check::Misfit) {
        self.report_as(m.kind(), span, field, m.to_string());
    }

    fn report_as(
        &mut self,
        kind: ProblemKind,
        span: &Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.offsets.push(span.start);
        self.problems.push(Problem {
            line: self.line_of(span),
            field: field.into(),
            kind,
            message: message.into(),
        });
    }

    fn date(&mut self, value: &S<String>, field: &str) -> Option<NaiveDate> {
        match NaiveDate::parse_from_str(value.get_ref().trim(), "%Y-%m-%d") {
            Ok(d) if DATES.contains(&d) => Some(d),
            Ok(d) => {
                self.report_as(
                    ProblemKind::BadDate,
                    &value.span(),
                    field,
                    date_out_of_range(d),
                );
                None
            }
            Err(_) => {
                self.report_as(
                    ProblemKind::BadDate,
                    &value.span(),
                    field,
                    format!(
                        "`{}` is not a date; write it as YYYY-MM-DD, e.g. 2018-10-13",
                        value.get_ref()
                    ),
                );
                None
            }
        }
    }

    fn town(&mut self, gazetteer: &Gazetteer, value: &S<String>, field: &str) -> Option<Town> {
        match gazetteer.lookup(value.get_ref()) {
            Ok(t) => Some(t.clone()),
            Err(e) => {
                self.report_as(
                    ProblemKind::UnknownPlace,
                    &value.span(),
                    field,
                    format!("{e} (try `route-sim geocode \"{}\"`)", value.get_ref()),
                );
                None
            }
        }
    }

    /// A number within `range`, else a problem naming the unit and the allowed range.
    fn number(
        &mut self,
        value: &S<f64>,
        field: &str,
        range: Range<f64>,
        unit: &str,
    ) -> Option<f64> {
        let v = *value.get_ref();
        if v.is_finite() && range.contains(&v) {
            Some(v)
        } else {
            self.report_as(
                ProblemKind::OutOfRange,
                &value.span(),
                field,
                format!(
                    "{v} {unit} is out of range; expected at least {} and below {}",
                    range.start, range.end
                ),
            );
            None
        }
    }

    /// A whole number from `min` to `max`, else a problem naming the allowed range.
    fn count(&mut self, value: &S<i64>, field: &str, min: i64, max: i64) -> Option<u64> {
        let v = *value.get_ref();
        if (min..=max).contains(&v) {
            Some(v as u64)
        } else if v < min {
            self.report_as(
                ProblemKind::OutOfRange,
                &value.span(),
                field,
                format!("{v} must be a whole number of at least {min}"),
            );
            None
        } else {
            self.report_as(
                ProblemKind::OutOfRange,
                &value.span(),
                field,
                format!("{v} is more than the {max} allowed"),
            );
            None
        }
    }

    /// A number of people: at least `min`, at most [`MAX_PEOPLE`].
    fn people(&mut self, value: &S<i64>, field: &str, min: i64) -> Option<u64> {
        let v = *value.get_ref();
        if v > MAX_PEOPLE as i64 {
            self.report_as(
                ProblemKind::OutOfRange,
                &value.span(),
                field,
                too_many_people(v),
            );
            return None;
        }
        self.count(value, field, min, i64::MAX)
    }
}

/// The file's `[[places]]` as towns (major tier, so they win over same-name villages).
fn places(
    ck: &mut Checker,
    entries: &[Option<file::PlaceEntry>],
    gazetteer: &Gazetteer,
) -> Vec<Town> {
    let mut out = Vec::new();
    for (i, p) in entries.iter().enumerate() {
        let Some(p) = p else { continue };
        let lon = ck.number(
            &p.lon,
            &format!("places[{i}].lon"),
            -180.0..180.0,
            "degrees",
        );
        let lat = ck.number(&p.lat, &format!("places[{i}].lat"), -90.0..90.0, "degrees");
        let name = p.name.get_ref().trim();
        if crate::gazetteer::fold(name).is_empty() {
            ck.report(&p.name.span(), format!("places[{i}].name"), "is empty");
        }
        let wanted = crate::gazetteer::fold(p.country.get_ref());
        let country = gazetteer.countries().iter().find(|c| {
            crate::gazetteer::fold(&c.country_code) == wanted || c.folded_names.contains(&wanted)
        });
        let (country_code, country_name) = match country {
            Some(c) => (c.country_code.clone(), c.name.clone()),
            None => {
                let known: Vec<&str> = gazetteer
                    .countries()
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect();
                ck.report(
                    &p.country.span(),
                    format!("places[{i}].country"),
                    format!(
                        "unknown country `{}`; use one of {}",
                        p.country.get_ref(),
                        known.join(", ")
                    ),
                );
                continue;
            }
        };
        let (Some(lon), Some(lat)) = (lon, lat) else {
            continue;
        };
        let slug: String = crate::gazetteer::fold(name).replace(' ', "-");
        out.push(Town {
            id: format!("place-{slug}"),
            name: name.to_string(),
            ascii_name: name.to_string(),
            country: country_name,
            country_code,
            admin1: p.admin1.clone().unwrap_or_default(),
            coord: crate::gazetteer::LonLat::new(lon, lat),
            population: None,
            aliases: Vec::new(),
            kind: "town".into(),
            tier: crate::gazetteer::Tier::Major,
            geonameid: None,
            source: p
                .source
                .clone()
                .unwrap_or_else(|| "caravan file [[places]]".into()),
        });
    }
    out
}

/// Parse and resolve a caravan file's text; `source_name` (its path) appears in every error.
pub fn parse_scenario(
    text: &str,
    source_name: &str,
    gazetteer: &Gazetteer,
) -> Result<Scenario, ScenarioError> {
    parse(text, source_name, gazetteer)
}

/// Read and resolve a caravan file: unreadable or non-UTF-8 files are problems of that file.
pub fn read_scenario_file(
    path: &std::path::Path,
    gazetteer: &Gazetteer,
) -> Result<Scenario, ScenarioError> {
    let name = path.display().to_string();
    let fail = |line: Option<usize>, message: String| ScenarioError {
        source_name: name.clone(),
        problems: vec![Problem {
            line,
            field: "(file)".into(),
            kind: ProblemKind::Unreadable,
            message,
        }],
    };
    let bytes = std::fs::read(path).map_err(|e| fail(None, format!("cannot read it: {e}")))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        fail(Some(line), format!("byte 0x{:02X} is not UTF-8; save the file as UTF-8 (caravan files are TOML, which is always UTF-8)", bytes[at]))
    })?;
    parse_scenario(text, &name, gazetteer)
}

/// A quick caravan from its parts (the command line's `--route`): `towns` in order, the
/// departure date as written, one group of `headcount` people, an optional pace. Built
/// through the same types and checks as a file, never as text to parse. Problems have no
/// line; their fields are the file's (`route[1]`, `depart`, `headcount`,
/// `model.pace_km_per_day`), for the caller to name in its own terms.
pub fn scenario_of_parts(
    towns: &[&str],
    depart: &str,
    headcount: u64,
    pace_km_per_day: Option<f64>,
    source_name: &str,
    gazetteer: &Gazetteer,
) -> Result<Scenario, ScenarioError> {
    fn at<T>(value: T) -> S<T> {
        S::new(0..0, value)
    }
    let raw = CaravanFile {
        id: Some(at("adhoc".to_string())),
        name: Some("Ad-hoc route".into()),
        depart: Some(at(depart.to_string())),
        headcount: Some(at(i64::try_from(headcount).unwrap_or(i64::MAX))),
        route: Some(at(towns.iter().map(|t| Some(at(t.to_string()))).collect())),
        model: pace_km_per_day.map(|p| file::ModelSection {
            pace_km_per_day: Some(at(p)),
            ..file::ModelSection::default()
        }),
        ..CaravanFile::default()
    };
    let mut ck = Checker::new("", false);
    let mut parts = resolve(&mut ck, raw, "", source_name, gazetteer)?.into_parts();
    parts.text = adhoc_toml(towns, parts.depart, headcount, pace_km_per_day);
    Scenario::new(parts)
}

/// The caravan file of a quick route, written (never parsed) so `--calibrate` can write
/// the fitted values into a complete file.
fn adhoc_toml(
    towns: &[&str],
    depart: NaiveDate,
    headcount: u64,
    pace_km_per_day: Option<f64>,
) -> String {
    let mut doc = toml_edit::DocumentMut::new();
    doc.insert("id", toml_edit::value("adhoc"));
    doc.insert("name", toml_edit::value("Ad-hoc route"));
    doc.insert("depart", toml_edit::value(depart.to_string()));
    doc.insert(
        "headcount",
        toml_edit::value(i64::try_from(headcount).unwrap_or(i64::MAX)),
    );
    doc.insert(
        "route",
        toml_edit::value(towns.iter().copied().collect::<toml_edit::Array>()),
    );
    if let Some(p) = pace_km_per_day {
        let mut model = toml_edit::Table::new();
        model.insert("pace_km_per_day", toml_edit::value(p));
        doc.insert("model", toml_edit::Item::Table(model));
    }
    doc.to_string()
}

/// Read `text` and resolve it; `source_name` (its path) appears in every error.
fn parse(text: &str, source_name: &str, gazetteer: &Gazetteer) -> Result<Scenario, ScenarioError> {
    let mut ck = Checker::new(text, true);
    let (raw, read_problems) = file::read(text);
    for p in read_problems {
        ck.report_as(p.kind, &p.span, p.field, p.message);
    }
    let Some(raw) = raw else {
        return Err(ck.take_error(source_name));
    };
    resolve(&mut ck, raw, text, source_name, gazetteer)
}

fn resolve(
    ck: &mut Checker,
    raw: CaravanFile,
    text: &str,
    source_name: &str,
    gazetteer: &Gazetteer,
) -> Result<Scenario, ScenarioError> {
    let with_places;
    let gazetteer = if raw.places.is_empty() {
        gazetteer
    } else {
        with_places = gazetteer.with_places(places(ck, &raw.places, gazetteer));
        &with_places
    };

    let depart = raw.depart.as_ref().and_then(|d| ck.date(d, "depart"));
    let mut route_towns = Vec::new();
    let network = crate::roads::RoadNetwork::bundled();
    let no_route = S::new(raw.span.clone(), Vec::new());
    let route = raw.route.as_ref().unwrap_or(&no_route);
    for (i, name) in route.get_ref().iter().enumerate() {
        let Some(name) = name else { continue };
        if let Some(t) = ck.town(gazetteer, name, &format!("route[{i}]")) {
            if let Err(e) = network.reach(&t) {
                ck.report(&name.span(), format!("route[{i}]"), e.to_string());
            } else if let Some(prev) = route_towns.last()
                && let Err(e) = network.connected(prev, &t)
            {
                ck.report(&name.span(), format!("route[{i}]"), e.to_string());
            }
            route_towns.push(t);
        }
    }
    if raw.route.is_some() && route.get_ref().len() < 2 {
        ck.misfit(&route.span(), "route", &Misfit::TooFewTowns);
    }
    for pair in route_towns.windows(2) {
        if pair[0].id == pair[1].id {
            ck.misfit(&route.span(), "route", &Misfit::RepeatedTown(&pair[0].name));
        }
    }
    let road_factor = match &raw.road_factor {
        Some(v) => ck.number(v, "road_factor", ROAD_FACTOR, "road km per straight km"),
        None => None,
    };

    let params = model_params(ck, raw.model.as_ref());

    let mut groups = Vec::new();
    if raw.groups.is_empty() {
        match &raw.headcount {
            Some(h) => {
                if let Some(n) = ck.people(h, "headcount", 1) {
                    match GroupSpec::new("main", n, 1.0, None) {
                        Ok(g) => groups.push(g),
                        Err(e) => {
                            for p in e {
                                ck.report_as(p.kind, &h.span(), "headcount", p.message);
                            }
                        }
                    }
                }
            }
            // Present but of the wrong type: already reported.
            None if ck.problems.iter().any(|p| p.field == "headcount") => {}
            None => ck.report_as(
                ProblemKind::MissingField,
                &raw.span,
                "headcount",
                "missing: give `headcount = N` or one `[[groups]]` table per group",
            ),
        }
    }
    let mut group_names = std::collections::HashSet::new();
    for (i, g) in raw.groups.iter().enumerate() {
        let Some(g) = g else { continue };
        let since = ck.problems.len();
        let headcount = ck.people(&g.headcount, &format!("groups[{i}].headcount"), 1);
        let pace_factor = g.pace_factor.as_ref().map_or(Some(1.0), |p| {
            ck.number(
                p,
                &format!("groups[{i}].pace_factor"),
                PACE_FACTOR,
                "(times the pace)",
            )
        });
        let destination = match &g.destination {
            Some(d) => ck
                .town(gazetteer, d, &format!("groups[{i}].destination"))
                .map(Some),
            None => Some(None),
        };
        if let Some(Some(town)) = &destination
            && raw.route.is_some()
            && !route_towns.iter().any(|t| t.id == town.id)
        {
            ck.misfit(
                &g.destination.as_ref().map_or(0..0, S::span),
                format!("groups[{i}].destination"),
                &Misfit::NotOnRoute(&town.name),
            );
        }
        if !group_names.insert(g.name.get_ref().as_str()) {
            ck.misfit(
                &g.name.span(),
                format!("groups[{i}].name"),
                &Misfit::DefinedTwice(g.name.get_ref()),
            );
        }
        if let (Some(headcount), Some(pace_factor), Some(destination)) =
            (headcount, pace_factor, destination)
        {
            match GroupSpec::new(
                g.name.get_ref().clone(),
                headcount,
                pace_factor,
                destination,
            ) {
                Ok(g) => groups.push(g),
                Err(e) => ck.report_parts(&g.name.span(), &format!("groups[{i}]"), e, since),
            }
        }
    }

    let mut known_groups: BTreeSet<String> = groups.iter().map(|g| g.name().to_string()).collect();
    let span = depart.map(|d| (d, d + chrono::Days::new(u64::from(params.max_days()))));
    let mut events = Vec::new();
    for (i, e) in raw.events.iter().enumerate() {
        let Some(e) = e else { continue };
        if let Some(ev) = event(ck, gazetteer, e, i, &mut known_groups, span) {
            events.push((i, ev));
        }
    }
    let n_groups = raw.groups.len().max(1)
        + raw
            .events
            .iter()
            .flatten()
            .filter(|e| e.kind.get_ref() == "split")
            .count();
    if n_groups > MAX_GROUPS {
        ck.misfit(&raw.span, "groups", &Misfit::TooManyGroups(n_groups));
    }
    let mut sightings = Vec::new();
    for (i, s) in raw.sightings.iter().enumerate() {
        let Some(s) = s else { continue };
        if let Some(sighting) = sighting(ck, gazetteer, s, i, &known_groups, span) {
            sightings.push((i, sighting));
        }
    }
    let warnings = match depart {
        Some(depart) => group_references(ck, &raw, &groups, &events, &sightings, depart),
        None => Vec::new(),
    };
    let events: Vec<Event> = events.into_iter().map(|(_, e)| e).collect();
    let sightings: Vec<Sighting> = sightings.into_iter().map(|(_, s)| s).collect();

    let (Some(id), Some(depart), true) = (raw.id, depart, ck.problems.is_empty()) else {
        return Err(ck.take_error(source_name));
    };
    let mut scenario = Scenario::new(ScenarioParts {
        id: id.into_inner(),
        name: raw.name.unwrap_or_default(),
        description: raw.description.unwrap_or_default(),
        reported: raw.reported.unwrap_or_default(),
        assumed: raw.assumed.unwrap_or_default(),
        source_name: source_name.to_string(),
        text: text.to_string(),
        depart,
        route_towns,
        road_factor,
        params,
        groups,
        events,
        sightings,
    })?;
    // The same findings as `Scenario::new`'s, at the line of the field rather than the part.
    scenario.warnings = warnings;
    Ok(scenario)
}

fn model_params(ck: &mut Checker, section: Option<&file::ModelSection>) -> ModelParams {
    let d = ModelParams::default();
    let Some(m) = section else { return d };
    let mut number = |v: Option<&S<f64>>, field: &str, range: Range<f64>, unit: &str, or: f64| {
        v.and_then(|v| ck.number(v, field, range, unit))
            .unwrap_or(or)
    };
    let pace = number(
        m.pace_km_per_day.as_ref(),
        "model.pace_km_per_day",
        PACE_KM_PER_DAY,
        "km/day",
        d.pace_km_per_day(),
    );
    let variation = number(
        m.pace_variation_frac.as_ref(),
        "model.pace_variation_frac",
        PACE_VARIATION_FRAC,
        "(fraction of pace)",
        d.pace_variation_frac(),
    );
    let rest = number(
        m.rest_probability_per_day.as_ref(),
        "model.rest_probability_per_day",
        REST_PROBABILITY_PER_DAY,
        "(probability)",
        d.rest_probability_per_day(),
    );
    let max_days = m
        .max_days
        .as_ref()
        .and_then(|v| ck.count(v, "model.max_days", 1, i64::from(MAX_DAYS)))
        .map_or(d.max_days(), |n| n as u32);
    // Each value is in range or the default by now.
    ModelParams::new(pace, variation, rest, max_days).unwrap_or(d)
}

/// Groups named before they form, and dispersals that detain more people than the group can
/// have by then ([`check::group_references`]), at the line of the field at fault; returns
/// the warnings, located the same way. `events` and `sightings` are (index in the file, part).
fn group_references(
    ck: &mut Checker,
    raw: &CaravanFile,
    groups: &[GroupSpec],
    events: &[(usize, Event)],
    sightings: &[(usize, Sighting)],
    depart: NaiveDate,
) -> Vec<Problem> {
    let event_parts: Vec<&Event> = events.iter().map(|(_, e)| e).collect();
    let sighting_parts: Vec<&Sighting> = sightings.iter().map(|(_, s)| s).collect();
    let mut warnings = Vec::new();
    for found in check::group_references(depart, groups, &event_parts, &sighting_parts) {
        let (field, span) = match found.at {
            check::At::Event(k) => {
                let i = events[k].0;
                let e = raw.events[i].as_ref();
                let (field, span) = match found.field {
                    "group" => ("group", e.and_then(|e| e.group.as_ref()).map(S::span)),
                    "detained" => ("detained", e.and_then(|e| e.detained.as_ref()).map(S::span)),
                    // The groups an event names: `groups = [...]`, or `group = "..."`.
                    _ => match e.and_then(|e| e.groups.as_ref()) {
                        Some(g) => ("groups", Some(g.span())),
                        None => ("group", e.and_then(|e| e.group.as_ref()).map(S::span)),
                    },
                };
                (format!("events[{i}].{field}"), span)
            }
            check::At::Sighting(k) => {
                let i = sightings[k].0;
                let span = raw.sightings[i]
                    .as_ref()
                    .and_then(|s| s.group.as_ref())
                    .map(S::span);
                (format!("sightings[{i}].{}", found.field), span)
            }
        };
        let span = span.unwrap_or(0..0);
        if found.warning {
            warnings.push(Problem {
                line: ck.line_of(&span),
                field,
                kind: found.kind,
                message: found.message,
            });
        } else {
            ck.report_as(found.kind, &span, field, found.message);
        }
    }
    warnings
}

/// Check and resolve one `[[events]]` entry; kinds are documented in README.
fn event(
    ck: &mut Checker,
    gazetteer: &Gazetteer,
    e: &EventEntry,
    i: usize,
    known: &mut BTreeSet<String>,
    span: Option<(NaiveDate, NaiveDate)>,
) -> Option<Event> {
    let depart = span.map(|(first, _)| first);
    let f = |name: &str| format!("events[{i}].{name}");
    let since = ck.problems.len();
    let kind_span = e.kind.span();
    let require = |ck: &mut Checker, present: bool, name: &str, what: &str| {
        if !present {
            ck.report_as(
                ProblemKind::MissingField,
                &kind_span,
                f(name),
                format!("a `{}` event needs `{name}` ({what})", e.kind.get_ref()),
            );
        }
        present.then_some(())
    };
    let date = e.date.as_ref().and_then(|d| ck.date(d, &f("date")));
    let until = e.until.as_ref().and_then(|d| ck.date(d, &f("until")));
    let place = e
        .place
        .as_ref()
        .and_then(|p| ck.town(gazetteer, p, &f("place")));
    let share = e
        .share
        .as_ref()
        .and_then(|s| ck.number(s, &f("share"), SHARE, "(share of people, 0 to 1)"));
    if let Some(groups) = &e.groups {
        for g in groups.get_ref() {
            if !known.contains(g) {
                ck.misfit(
                    &groups.span(),
                    f("groups"),
                    &Misfit::NoGroup {
                        name: g,
                        known: known.iter().map(String::as_str).collect(),
                    },
                );
            }
        }
    }
    let kind = match e.kind.get_ref().as_str() {
        "rest" => {
            require(ck, e.date.is_some(), "date", "the first day of rest")?;
            EventKind::Rest
        }
        "wait" | "closure" => {
            require(
                ck,
                e.place.is_some(),
                "place",
                "the town or border post where groups are held",
            )?;
            require(
                ck,
                e.until.is_some(),
                "until",
                "the last day groups are held",
            )?;
            EventKind::Wait { place: place? }
        }
        "ride" => {
            require(ck, e.date.is_some(), "date", "the first day of riding")?;
            require(
                ck,
                e.km_per_day.is_some(),
                "km_per_day",
                "distance covered per day by rides or buses",
            )?;
            let km = ck.number(
                e.km_per_day.as_ref()?,
                &f("km_per_day"),
                RIDE_KM_PER_DAY,
                "km/day",
            )?;
            EventKind::Ride { km_per_day: km }
        }
        "join" => {
            require(
                ck,
                e.headcount.is_some(),
                "headcount",
                "how many people join",
            )?;
            require(ck, e.date.is_some(), "date", "when they join")?;
            EventKind::Join {
                headcount: ck.people(e.headcount.as_ref()?, &f("headcount"), 1)?,
            }
        }
        "leave" => {
            require(
                ck,
                e.share.is_some(),
                "share",
                "share of people who stay behind, 0 to 1",
            )?;
            require(ck, e.date.is_some(), "date", "when they leave")?;
            EventKind::Leave { share: share? }
        }
        "split" => {
            require(ck, e.group.is_some(), "group", "the group that splits")?;
            require(
                ck,
                e.new_group.is_some(),
                "new_group",
                "name of the group that splits off",
            )?;
            require(
                ck,
                e.share.is_some(),
                "share",
                "share of people in the new group, 0 to 1",
            )?;
            require(ck, e.date.is_some(), "date", "when it splits")?;
            let group = e.group.as_ref()?;
            if !known.contains(group.get_ref()) {
                ck.misfit(
                    &group.span(),
                    f("group"),
                    &Misfit::NoGroupToSplit(group.get_ref()),
                );
            }
            let new_group = e.new_group.as_ref()?;
            if !known.insert(new_group.get_ref().clone()) {
                ck.misfit(
                    &new_group.span(),
                    f("new_group"),
                    &Misfit::GroupExists(new_group.get_ref()),
                );
            }
            let pace_factor = match &e.pace_factor {
                Some(p) => ck.number(p, &f("pace_factor"), PACE_FACTOR, "(times the pace)")?,
                None => 1.0,
            };
            let destination = match &e.destination {
                Some(d) => Some(ck.town(gazetteer, d, &f("destination"))?),
                None => None,
            };
            EventKind::Split {
                group: group.get_ref().clone(),
                new_group: new_group.get_ref().clone(),
                share: share?,
                pace_factor,
                destination,
            }
        }
        "disperse" => {
            require(ck, e.date.is_some(), "date", "the day of the dispersal")?;
            let detained = match &e.detained {
                Some(d) => ck.people(d, &f("detained"), 0)?,
                None => 0,
            };
            EventKind::Disperse {
                share: share.unwrap_or(1.0),
                detained,
                place,
            }
        }
        other => {
            ck.report(&kind_span, f("kind"), format!("unknown event kind `{other}`; use rest, wait, closure, ride, join, leave, split or disperse"));
            return None;
        }
    };
    let start = date.or(depart)?;
    let end = until.unwrap_or(start);
    if end < start {
        ck.misfit(
            &e.until.as_ref()?.span(),
            f("until"),
            &Misfit::UntilBeforeDate { start, end },
        );
        return None;
    }
    // A wait may start before the departure (a border already closed), but it must reach
    // into the run; no event may start after the run's last possible day.
    if let Some((first, last)) = span {
        for (rule, message) in check::event_outside_run(&kind, start, end, first, last) {
            let (span, field) = match (rule, &e.until) {
                (check::OutsideRun::EndsBeforeDeparture, Some(u)) => (u.span(), f("until")),
                _ => (
                    e.date.as_ref().map_or(kind_span.clone(), S::span),
                    f("date"),
                ),
            };
            ck.report(&span, field, message);
        }
    }
    let groups = e.groups.as_ref().map(|g| g.get_ref().clone()).or_else(|| {
        e.group
            .as_ref()
            .filter(|_| e.kind.get_ref() != "split")
            .map(|g| vec![g.get_ref().clone()])
    });
    match Event::new(kind, start, end) {
        Ok(ev) => Some(
            ev.for_groups(groups)
                .with_source(e.source.clone())
                .at_line(ck.line_of(&kind_span).unwrap_or(0)),
        ),
        Err(problems) => {
            ck.report_parts(&kind_span, &format!("events[{i}]"), problems, since);
            None
        }
    }
}

/// Check and resolve one `[[sightings]]` entry (schema in README, "Sightings"); `span` is
/// the caravan's first and last possible day (departure + `model.max_days`).
fn sighting(
    ck: &mut Checker,
    gazetteer: &Gazetteer,
    s: &file::SightingEntry,
    i: usize,
    known_groups: &BTreeSet<String>,
    span: Option<(NaiveDate, NaiveDate)>,
) -> Option<Sighting> {
    let f = |name: &str| format!("sightings[{i}].{name}");
    let since = ck.problems.len();
    let date = ck.date(&s.date, &f("date"));
    if let (Some(d), Some((first, last))) = (date, span)
        && let Some(message) = check::sighting_outside_run(d, first, last)
    {
        ck.report_as(ProblemKind::OutsideSpan, &s.date.span(), f("date"), message);
    }
    let place = ck.town(gazetteer, &s.place, &f("place"));
    let kinds = || {
        SightingKind::ALL
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let kind = match &s.kind {
        None => {
            ck.report(
                &s.date.span(),
                f("kind"),
                format!(
                    "missing: say what the report places there, one of {} (`count` for a headcount whose place is not a position)",
                    kinds()
                ),
            );
            None
        }
        Some(k) => {
            let parsed = SightingKind::parse(k.get_ref().trim());
            if parsed.is_none() {
                ck.report(
                    &k.span(),
                    f("kind"),
                    format!("`{}` is not one of {}", k.get_ref(), kinds()),
                );
            }
            parsed
        }
    };
    if let Some(p) = &s.position {
        ck.report(
            &p.span(),
            f("position"),
            "`position` is no longer used: delete it and write `kind = \"count\"` for a headcount whose place is not a position",
        );
    }
    let headcount = s
        .headcount
        .as_ref()
        .map(|h| ck.people(h, &f("headcount"), 1));
    let headcount_kind = match &s.headcount_kind {
        None => HeadcountKind::Estimate,
        Some(k) => {
            if s.headcount.is_none() {
                ck.report(
                    &k.span(),
                    f("headcount_kind"),
                    "given without a `headcount`; add the number or delete the line",
                );
            }
            HeadcountKind::parse(k.get_ref().trim()).unwrap_or_else(|| {
                ck.report(
                    &k.span(),
                    f("headcount_kind"),
                    format!(
                        "`{}` is not one of exact, at_least, at_most, estimate",
                        k.get_ref()
                    ),
                );
                HeadcountKind::Estimate
            })
        }
    };
    if let Some(g) = &s.group
        && !known_groups.contains(g.get_ref())
    {
        ck.misfit(
            &g.span(),
            f("group"),
            &Misfit::NoGroup {
                name: g.get_ref(),
                known: known_groups.iter().map(String::as_str).collect(),
            },
        );
    }
    let source = match &s.source {
        None => {
            ck.report(
                &s.date.span(),
                f("source"),
                "missing: every sighting needs its source, a seed record (`source = \"seeds/001_….toml\"`) or `source = { outlet = \"…\", title = \"…\", date = \"YYYY-MM-DD\", url = \"https://…\" }`",
            );
            None
        }
        Some(v) => source(ck, v, &f("source")),
    };
    if let (Some(Source::Report(r)), Some(d)) = (&source, date)
        && r.date < d
    {
        ck.misfit(
            &s.source.as_ref()?.span(),
            f("source.date"),
            &Misfit::ReportBeforeSighting {
                report: r.date,
                date: d,
            },
        );
    }
    let line = ck.line_of(&s.date.span()).unwrap_or(0);
    let headcount = headcount.map_or(Some(None), |h| h.map(Some))?;
    match Sighting::new(
        date?,
        place?,
        kind?,
        headcount.map(|n| (n, headcount_kind)),
        source?,
    ) {
        Ok(sighting) => Some(
            sighting
                .with_note(s.note.clone().unwrap_or_default())
                .of_group(s.group.as_ref().map(|g| g.get_ref().clone()))
                .at_line(line),
        ),
        Err(problems) => {
            ck.report_parts(&s.date.span(), &format!("sightings[{i}]"), problems, since);
            None
        }
    }
}

/// A sighting's source: a seed record path, or a table naming outlet, title, date and URL.
fn source(ck: &mut Checker, value: &S<toml::Value>, field: &str) -> Option<Source> {
    let span = value.span();
    match value.get_ref() {
        toml::Value::String(path) => {
            let path = path.trim();
            if path.starts_with("seeds/")
                && std::path::Path::new(path)
                    .extension()
                    .is_some_and(|x| x == "toml")
            {
                Some(Source::Seed(path.to_string()))
            } else {
                ck.report(
                    &span,
                    field,
                    format!(
                        "`{path}` is not a seed record (`seeds/NNN_….toml`); cite a report as `{{ outlet = \"…\", title = \"…\", date = \"YYYY-MM-DD\", url = \"https://…\" }}`"
                    ),
                );
                None
            }
        }
        toml::Value::Table(table) => {
            let mut text = |key: &str, what: &str| -> Option<String> {
                match table.get(key) {
                    Some(toml::Value::String(v)) if !v.trim().is_empty() => {
                        Some(v.trim().to_string())
                    }
                    // A TOML date (`date = 2018-10-28`) is as good as the text.
                    Some(toml::Value::Datetime(d)) if d.date.is_some() && d.time.is_none() => {
                        Some(d.to_string())
                    }
                    Some(toml::Value::String(_)) | None => {
                        ck.report(&span, format!("{field}.{key}"), format!("missing: {what}"));
                        None
                    }
                    Some(other) => {
                        ck.report(
                            &span,
                            format!("{field}.{key}"),
                            format!("expected text ({what}), found {}", other.type_str()),
                        );
                        None
                    }
                }
            };
            let outlet = text(
                "outlet",
                "the publisher, e.g. \"Reuters\" or \"La Jornada\"",
            );
            let title = text("title", "the report's headline");
            let date = text("date", "the day it was published, YYYY-MM-DD");
            let url = text("url", "the address of the report, https://…");
            for key in table.keys() {
                if !["outlet", "title", "date", "url"].contains(&key.as_str()) {
                    ck.report(
                        &span,
                        format!("{field}.{key}"),
                        "unknown key; a source table has outlet, title, date and url",
                    );
                }
            }
            let date = date.and_then(|d| match NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                Ok(d) if DATES.contains(&d) => Some(d),
                Ok(d) => {
                    ck.report(&span, format!("{field}.date"), date_out_of_range(d));
                    None
                }
                Err(_) => {
                    ck.report(
                        &span,
                        format!("{field}.date"),
                        format!("`{d}` is not a date; write it as YYYY-MM-DD"),
                    );
                    None
                }
            });
            let url = url.and_then(|u| {
                if u.starts_with("https://") || u.starts_with("http://") {
                    Some(u)
                } else {
                    ck.report(
                        &span,
                        format!("{field}.url"),
                        format!("`{u}` is not a web address (http:// or https://)"),
                    );
                    None
                }
            });
            Some(Source::Report(Report {
                outlet: outlet?,
                title: title?,
                date: date?,
                url: url?,
            }))
        }
        other => {
            ck.report(
                &span,
                field,
                format!(
                    "expected a seed record path or a table {{ outlet, title, date, url }}, found {}",
                    other.type_str()
                ),
            );
            None
        }
    }
}

/// Why fitted values could not be written into a caravan file's text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WriteBackError {
    /// The text no longer parses as TOML: the 1-based line where the parser stopped (when
    /// it says) and its message.
    #[error("the caravan file is not TOML{}: {message}", line.map_or(String::new(), |l| format!(" (line {l})")))]
    NotToml {
        /// 1-based line of the error, when the parser gives a position.
        line: Option<usize>,
        /// The parser's message.
        message: String,
    },
    /// The event at this index (0-based) has no `km_per_day` to replace.
    #[error("events[{0}] has no `km_per_day` to replace")]
    NoRide(usize),
    /// The file has a `model` key whose value is not a table.
    #[error("`model` is not a table")]
    ModelNotATable,
}

/// The caravan file's text with fitted speeds written in place of the old values, edited
/// with a format-preserving TOML editor so comments and layout survive: `pace_km_per_day`
/// in the `model` table (added when missing; inline `model = { … }` works too) and the
/// `km_per_day` of the ride events given by index into `events`. Values have one decimal.
pub fn with_fitted_speeds(
    text: &str,
    pace_km_per_day: f64,
    ride_km_per_day: &[(usize, f64)],
) -> Result<String, WriteBackError> {
    use toml_edit::{DocumentMut, Item, Value};
    /// `new` in place of `old`, keeping the comments and spacing around `old`.
    fn replace(old: Option<&Item>, new: f64) -> Item {
        let mut value = Value::from((new * 10.0).round() / 10.0);
        if let Some(Item::Value(old)) = old {
            *value.decor_mut() = old.decor().clone();
        }
        Item::Value(value)
    }
    let mut doc: DocumentMut =
        text.parse()
            .map_err(|e: toml_edit::TomlError| WriteBackError::NotToml {
                line: e.span().map(|s| {
                    text.as_bytes()[..s.start.min(text.len())]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                        + 1
                }),
                message: e.message().to_string(),
            })?;
    for &(i, km) in ride_km_per_day {
        let event = match doc.get_mut("events") {
            Some(Item::ArrayOfTables(a)) => {
                a.get_mut(i).map(|t| t as &mut dyn toml_edit::TableLike)
            }
            Some(Item::Value(Value::Array(a))) => a
                .get_mut(i)
                .and_then(Value::as_inline_table_mut)
                .map(|t| t as &mut dyn toml_edit::TableLike),
            _ => None,
        };
        let event = event.ok_or(WriteBackError::NoRide(i))?;
        let old = event
            .get_mut("km_per_day")
            .ok_or(WriteBackError::NoRide(i))?;
        *old = replace(Some(old), km);
    }
    if doc.get("model").is_none() {
        doc.insert("model", toml_edit::table());
    }
    let model = doc
        .get_mut("model")
        .and_then(Item::as_table_like_mut)
        .ok_or(WriteBackError::ModelNotATable)?;
    match model.get_mut("pace_km_per_day") {
        Some(old) => *old = replace(Some(old), pace_km_per_day),
        None => {
            model.insert("pace_km_per_day", replace(None, pace_km_per_day));
        }
    }
    Ok(doc.to_string())
}
