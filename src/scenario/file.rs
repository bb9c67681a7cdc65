//! The caravan file as written (TOML), before any name is resolved.
//!
//! The text is parsed into toml's span-keeping document ([`DeTable`]) first; then every
//! field is read by hand, so a wrong type, an unknown or a missing field is one problem
//! among all the others of the file (serde stops at the first). Every value a user can get
//! wrong keeps its span, so an error can name its line.

use super::ProblemKind;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub type S<T> = Spanned<T>;

/// A problem found while reading the document: where, which field, what kind, why.
pub struct RawProblem {
    pub span: Range<usize>,
    pub field: String,
    pub kind: ProblemKind,
    pub message: String,
}

/// A caravan file: see README ("Your own caravan") for every field and an example.
/// Required fields are `Option` here: a missing one is reported with the file's other
/// problems, and the checks of everything else still run.
#[derive(Debug, Default)]
pub struct CaravanFile {
    pub id: Option<S<String>>,
    pub name: Option<String>,
    pub description: Option<String>,
    /// What the sources report and what this file assumes, in prose.
    pub reported: Option<String>,
    pub assumed: Option<String>,
    pub depart: Option<S<String>>,
    /// Headcount at departure when no `[[groups]]` are given.
    pub headcount: Option<S<i64>>,
    /// The towns in order; `None` items are not text (already reported).
    pub route: Option<S<Vec<Option<S<String>>>>>,
    /// Road km per straight (geodesic) km between consecutive route towns.
    pub road_factor: Option<S<f64>>,
    pub model: Option<ModelSection>,
    /// One slot per `[[groups]]` table; `None` where a required field is missing or unreadable.
    pub groups: Vec<Option<GroupEntry>>,
    pub events: Vec<Option<EventEntry>>,
    pub sightings: Vec<Option<SightingEntry>>,
    /// Places this file's route and sightings may name beyond the bundled gazetteer.
    pub places: Vec<Option<PlaceEntry>>,
    /// Span of the whole document (for problems of the file as a whole).
    pub span: Range<usize>,
}

/// `[[places]] name = "…", lon = …, lat = …, country = "…"`: a place the gazetteer lacks.
#[derive(Debug)]
pub struct PlaceEntry {
    pub name: S<String>,
    pub lon: S<f64>,
    pub lat: S<f64>,
    /// A country name or ISO code ("Guatemala", "GT").
    pub country: S<String>,
    /// State or department, used as a hint ("Escuintla, Chiapas").
    pub admin1: Option<String>,
    /// Where the coordinates come from.
    pub source: Option<String>,
}

#[derive(Debug, Default)]
pub struct ModelSection {
    pub pace_km_per_day: Option<S<f64>>,
    pub pace_variation_frac: Option<S<f64>>,
    pub rest_probability_per_day: Option<S<f64>>,
    pub max_days: Option<S<i64>>,
}

#[derive(Debug)]
pub struct GroupEntry {
    pub name: S<String>,
    pub headcount: S<i64>,
    pub pace_factor: Option<S<f64>>,
    pub destination: Option<S<String>>,
}

#[derive(Debug)]
pub struct EventEntry {
    pub kind: S<String>,
    pub date: Option<S<String>>,
    pub until: Option<S<String>>,
    pub place: Option<S<String>>,
    pub groups: Option<S<Vec<String>>>,
    pub group: Option<S<String>>,
    pub km_per_day: Option<S<f64>>,
    pub headcount: Option<S<i64>>,
    pub share: Option<S<f64>>,
    pub detained: Option<S<i64>>,
    pub new_group: Option<S<String>>,
    pub pace_factor: Option<S<f64>>,
    pub destination: Option<S<String>>,
    pub source: Option<String>,
}

#[derive(Debug)]
pub struct SightingEntry {
    pub date: S<String>,
    pub place: S<String>,
    /// night_stop | departure | passing | arrival | dispersal | count (required; optional
    /// here so a missing one is reported with a hint of its own).
    pub kind: Option<S<String>>,
    pub headcount: Option<S<i64>>,
    /// exact | at_least | at_most | estimate
    pub headcount_kind: Option<S<String>>,
    /// A seed record path, or an inline table `{ outlet, title, date, url }`; checked by hand
    /// so every problem of the table is reported, not just the first.
    pub source: Option<S<toml::Value>>,
    pub note: Option<String>,
    /// Removed (now `kind = "count"`); still read so old files get a message saying so.
    pub position: Option<S<toml::Value>>,
    /// The group seen, when the report is about one part of the caravan (default: the main body).
    pub group: Option<S<String>>,
}

/// Parse `text` and read every field; the file is `None` only when it is not TOML at all.
pub fn read(text: &str) -> (Option<CaravanFile>, Vec<RawProblem>) {
    let (doc, errors) = DeTable::parse_recoverable(text);
    let mut problems: Vec<RawProblem> = errors
        .iter()
        .map(|e| RawProblem {
            span: e.span().unwrap_or(0..0),
            field: "(syntax)".into(),
            kind: ProblemKind::Syntax,
            message: e.message().trim().to_string(),
        })
        .collect();
    if !problems.is_empty() {
        // A document with syntax errors is only partly there: reading its fields would add
        // "missing" problems for what the syntax error hid.
        return (None, problems);
    }
    let span = doc.span();
    let mut t = Table::new(doc.get_ref(), span.clone(), String::new(), &mut problems);
    let mut file = CaravanFile {
        id: t.string("id", true),
        name: t.string("name", false).map(Spanned::into_inner),
        description: t.string("description", false).map(Spanned::into_inner),
        reported: t.string("reported", false).map(Spanned::into_inner),
        assumed: t.string("assumed", false).map(Spanned::into_inner),
        depart: t.date("depart", true),
        headcount: t.integer("headcount", false),
        route: t.strings("route", true),
        road_factor: t.float("road_factor", false),
        model: None,
        groups: Vec::new(),
        events: Vec::new(),
        sightings: Vec::new(),
        places: Vec::new(),
        span,
    };
    file.model = t.table("model", |m| {
        let section = ModelSection {
            pace_km_per_day: m.float("pace_km_per_day", false),
            pace_variation_frac: m.float("pace_variation_frac", false),
            rest_probability_per_day: m.float("rest_probability_per_day", false),
            max_days: m.integer("max_days", false),
        };
        m.finish(&[
            "pace_km_per_day",
            "pace_variation_frac",
            "rest_probability_per_day",
            "max_days",
        ]);
        Some(section)
    });
    file.groups = t.tables("groups", |g| {
        let entry = (
            g.string("name", true),
            g.integer("headcount", true),
            g.float("pace_factor", false),
            g.string("destination", false),
        );
        g.finish(&["name", "headcount", "pace_factor", "destination"]);
        let (Some(name), Some(headcount), pace_factor, destination) = entry else {
            return None;
        };
        Some(GroupEntry {
            name,
            headcount,
            pace_factor,
            destination,
        })
    });
    file.events = t.tables("events", |e| {
        let kind = e.string("kind", true);
        let date = e.date("date", false);
        let until = e.date("until", false);
        let place = e.string("place", false);
        let groups = e.strings("groups", false).map(|g| {
            let span = g.span();
            Spanned::new(
                span,
                g.into_inner()
                    .into_iter()
                    .flatten()
                    .map(Spanned::into_inner)
                    .collect(),
            )
        });
        let group = e.string("group", false);
        let km_per_day = e.float("km_per_day", false);
        let headcount = e.integer("headcount", false);
        let share = e.float("share", false);
        let detained = e.integer("detained", false);
        let new_group = e.string("new_group", false);
        let pace_factor = e.float("pace_factor", false);
        let destination = e.string("destination", false);
        let source = e.string("source", false).map(Spanned::into_inner);
        // Free text for readers of the file; the model ignores it.
        let _note = e.string("note", false);
        e.finish(EVENT_FIELDS);
        Some(EventEntry {
            kind: kind?,
            date,
            until,
            place,
            groups,
            group,
            km_per_day,
            headcount,
            share,
            detained,
            new_group,
            pace_factor,
            destination,
            source,
        })
    });
    file.sightings = t.tables("sightings", |s| {
        let (date, place) = (s.date("date", true), s.string("place", true));
        let entry = (
            date,
            place,
            s.string("kind", false),
            s.integer("headcount", false),
            s.string("headcount_kind", false),
            s.any("source"),
            s.string("note", false).map(Spanned::into_inner),
            s.any("position"),
            s.string("group", false),
        );
        s.finish(&[
            "date",
            "place",
            "kind",
            "headcount",
            "headcount_kind",
            "source",
            "note",
            "position",
            "group",
        ]);
        let (
            Some(date),
            Some(place),
            kind,
            headcount,
            headcount_kind,
            source,
            note,
            position,
            group,
        ) = entry
        else {
            return None;
        };
        Some(SightingEntry {
            date,
            place,
            kind,
            headcount,
            headcount_kind,
            source,
            note,
            position,
            group,
        })
    });
    file.places = t.tables("places", |p| {
        let entry = (
            p.string("name", true),
            p.float("lon", true),
            p.float("lat", true),
            p.string("country", true),
            p.string("admin1", false).map(Spanned::into_inner),
            p.string("source", false).map(Spanned::into_inner),
        );
        p.finish(&["name", "lon", "lat", "country", "admin1", "source"]);
        let (Some(name), Some(lon), Some(lat), Some(country), admin1, source) = entry else {
            return None;
        };
        Some(PlaceEntry {
            name,
            lon,
            lat,
            country,
            admin1,
            source,
        })
    });
    t.finish(TOP_FIELDS);
    (Some(file), problems)
}

const TOP_FIELDS: &[&str] = &[
    "id",
    "name",
    "description",
    "reported",
    "assumed",
    "depart",
    "headcount",
    "route",
    "road_factor",
    "model",
    "groups",
    "events",
    "sightings",
    "places",
];

const EVENT_FIELDS: &[&str] = &[
    "kind",
    "date",
    "until",
    "place",
    "groups",
    "group",
    "km_per_day",
    "headcount",
    "share",
    "detained",
    "new_group",
    "pace_factor",
    "destination",
    "source",
    "note",
];

/// One table of the document being read: takes its fields one by one, reporting wrong
/// types and missing fields; [`Table::finish`] reports the fields nobody took.
struct Table<'d, 'i, 'p> {
    entries: &'d DeTable<'i>,
    span: Range<usize>,
    /// The field path of this table, e.g. `events[2].` (empty at the top).
    prefix: String,
    taken: Vec<&'d str>,
    problems: &'p mut Vec<RawProblem>,
}

impl<'d, 'i, 'p> Table<'d, 'i, 'p> {
    fn new(
        entries: &'d DeTable<'i>,
        span: Range<usize>,
        prefix: String,
        problems: &'p mut Vec<RawProblem>,
    ) -> Self {
        Self {
            entries,
            span,
            prefix,
            taken: Vec::new(),
            problems,
        }
    }

    fn report(&mut self, span: Range<usize>, key: &str, kind: ProblemKind, message: String) {
        self.problems.push(RawProblem {
            span,
            field: format!("{}{key}", self.prefix),
            kind,
            message,
        });
    }

    /// The value of `key`, if present; a missing required one is a problem.
    fn get(&mut self, key: &'d str, required: bool) -> Option<&'d Spanned<DeValue<'i>>> {
        self.taken.push(key);
        let value = self.entries.get(key);
        if value.is_none() && required {
            let hint = match key {
                "id" => " (e.g. `id = \"my-caravan\"`)",
                "depart" => " (the departure date, e.g. `depart = 2018-10-13`)",
                "route" => " (the towns in order, e.g. `route = [\"Tapachula\", \"Huixtla\"]`)",
                "kind" => " (what happens: rest, wait, ride, join, leave, split or disperse)",
                _ => "",
            };
            let at = self.span.clone();
            self.report(at, key, ProblemKind::MissingField, format!("missing{hint}"));
        }
        value
    }

    fn wrong_type(&mut self, key: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
        self.report(
            value.span(),
            key,
            ProblemKind::WrongType,
            format!("expected {expected}, found {}", describe(value.get_ref())),
        );
    }

    fn string(&mut self, key: &'d str, required: bool) -> Option<S<String>> {
        let value = self.get(key, required)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            _ => {
                self.wrong_type(key, value, "text in quotes");
                None
            }
        }
    }

    /// A date: text `"2021-09-04"` or a TOML date `2021-09-04`, as the text YYYY-MM-DD.
    fn date(&mut self, key: &'d str, required: bool) -> Option<S<String>> {
        let value = self.get(key, required)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            DeValue::Datetime(d) if d.date.is_some() && d.time.is_none() => {
                Some(Spanned::new(value.span(), d.to_string()))
            }
            _ => {
                self.wrong_type(key, value, "a date, e.g. 2021-09-04");
                None
            }
        }
    }

    fn integer(&mut self, key: &'d str, required: bool) -> Option<S<i64>> {
        let value = self.get(key, required)?;
        match value.get_ref() {
            DeValue::Integer(n) => match i64::from_str_radix(n.as_str(), n.radix()) {
                Ok(n) => Some(Spanned::new(value.span(), n)),
                Err(_) => {
                    self.report(
                        value.span(),
                        key,
                        ProblemKind::OutOfRange,
                        format!("{n} is too large a number"),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(key, value, "a whole number");
                None
            }
        }
    }

    /// A number; whole numbers are numbers too (`pace_km_per_day = 40`).
    fn float(&mut self, key: &'d str, required: bool) -> Option<S<f64>> {
        let value = self.get(key, required)?;
        let number = match value.get_ref() {
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
                .ok()
                .map(|n| n as f64),
            _ => None,
        };
        if number.is_none() {
            self.wrong_type(key, value, "a number, e.g. 48.0");
        }
        number.map(|n| Spanned::new(value.span(), n))
    }

    /// An array of text, e.g. `route = ["Tapachula", "Huixtla"]`; each item that is not
    /// text is a problem, and `None` in its place (so the others keep their index).
    fn strings(&mut self, key: &'d str, required: bool) -> Option<S<Vec<Option<S<String>>>>> {
        let value = self.get(key, required)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value, "a list of names in quotes, e.g. [\"A\", \"B\"]");
            return None;
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Some(Spanned::new(item.span(), s.to_string()))),
                _ => {
                    self.wrong_type(&format!("{key}[{i}]"), item, "text in quotes");
                    out.push(None);
                }
            }
        }
        Some(Spanned::new(value.span(), out))
    }

    /// Any value, converted to a [`toml::Value`] (a sighting's `source` is checked by hand).
    fn any(&mut self, key: &'d str) -> Option<S<toml::Value>> {
        let value = self.get(key, false)?;
        Some(Spanned::new(value.span(), to_value(value.get_ref())))
    }

    /// The table `key` (`[model]` or `model = { … }`), read by `read`.
    fn table<T>(
        &mut self,
        key: &'d str,
        read: impl FnOnce(&mut Table<'d, 'i, '_>) -> Option<T>,
    ) -> Option<T> {
        let value = self.get(key, false)?;
        let DeValue::Table(entries) = value.get_ref() else {
            self.wrong_type(key, value, "a table (`[model]`)");
            return None;
        };
        let prefix = format!("{}{key}.", self.prefix);
        let mut t = Table::new(entries, value.span(), prefix, &mut *self.problems);
        read(&mut t)
    }

    /// The array of tables `key` (`[[groups]]`), each read by `read`.
    fn tables<T>(
        &mut self,
        key: &'d str,
        mut read: impl FnMut(&mut Table<'d, 'i, '_>) -> Option<T>,
    ) -> Vec<Option<T>> {
        let Some(value) = self.get(key, false) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value, &format!("tables, one `[[{key}]]` each"));
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(entries) => {
                    let prefix = format!("{}{key}[{i}].", self.prefix);
                    let mut t = Table::new(entries, item.span(), prefix, &mut *self.problems);
                    out.push(read(&mut t));
                }
                _ => {
                    self.wrong_type(
                        &format!("{key}[{i}]"),
                        item,
                        &format!("a `[[{key}]]` table"),
                    );
                    out.push(None);
                }
            }
        }
        out
    }

    /// Report every field of this table nobody took, with the closest known name.
    fn finish(&mut self, known: &[&str]) {
        for (key, value) in self.entries {
            let key = key.get_ref().as_ref();
            if self.taken.contains(&key) {
                continue;
            }
            // A close spelling (`headcont`), else a known name that begins with it (`pace`).
            let closest = known
                .iter()
                .map(|k| (strsim::levenshtein(k, key), *k))
                .min()
                .filter(|(d, k)| *d <= 2.max(k.len() / 3))
                .map(|(_, k)| k)
                .or_else(|| {
                    known
                        .iter()
                        .copied()
                        .find(|k| key.len() >= 3 && k.starts_with(key))
                });
            let message = match closest {
                Some(k) => format!("unknown field; did you mean `{k}`?"),
                None => format!("unknown field; known fields here: {}", known.join(", ")),
            };
            self.problems.push(RawProblem {
                span: value.span(),
                field: format!("{}{key}", self.prefix),
                kind: ProblemKind::UnknownField,
                message,
            });
        }
    }
}

/// "text", "a whole number (3)", …: a value's type in the words of the file format.
fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("text \"{s}\""),
        DeValue::Integer(n) => format!("a whole number ({n})"),
        DeValue::Float(f) => format!("a number ({f})"),
        DeValue::Boolean(b) => format!("true/false ({b})"),
        DeValue::Datetime(d) => format!("a date/time ({d})"),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

/// A document value as a [`toml::Value`] (spans of nested values are dropped).
fn to_value(value: &DeValue<'_>) -> toml::Value {
    match value {
        DeValue::String(s) => toml::Value::String(s.to_string()),
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
            .map_or_else(|_| toml::Value::String(n.to_string()), toml::Value::Integer),
        DeValue::Float(f) => f
            .as_str()
            .parse()
            .map_or_else(|_| toml::Value::String(f.to_string()), toml::Value::Float),
        DeValue::Boolean(b) => toml::Value::Boolean(*b),
        DeValue::Datetime(d) => toml::Value::Datetime(*d),
        DeValue::Array(items) => {
            toml::Value::Array(items.iter().map(|v| to_value(v.get_ref())).collect())
        }
        DeValue::Table(entries) => toml::Value::Table(
            entries
                .iter()
                .map(|(k, v)| (k.get_ref().to_string(), to_value(v.get_ref())))
                .collect(),
        ),
    }
}
