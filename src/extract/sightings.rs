//! Dated sightings: sentences that put a caravan (or a group of it) at a place on a day.
//!
//! A sentence gives a sighting when it refers to the caravan (a caravan word, or a pronoun
//! or Spanish verb right after a sentence that had one), names a gazetteer town in a place
//! role ("in", "en", "at", or the object of "left"/"llegaron a"; never "hacia X", "toward
//! X", "50 km from X"), has a verb that says what the group did there (the kind), and a
//! day: its own date expression, or that of the sentence just before it when that one told
//! of a dispersal with a day but no place ("On Sunday police dispersed a caravan of 400.
//! Police detained the group as it prepared to depart Huixtla."). A departure or arrival
//! told again in the next sentence with its town gets no day from the first: like the
//! hand labels, a sentence needs a day of its own.
//!
//! Verbs after "prepared to", "hoped to", "will", "planean" did not happen and say nothing.

use super::dates::{self, DateBasis, DateExpr, DateMeaning};
use super::numbers;
use super::places::{ArticleContext, PlaceFinder, PlaceHit, Reason};
use super::text::{Word, is_town_noun, sentences, words, words as words_of};
use super::{ParagraphReader, ReadError};
use chrono::NaiveDate;
use std::io::Read;

/// What a sighting says the group did at the place that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The group set out from the place that day.
    Departure,
    /// The group went through the place.
    Passing,
    /// The group reached the place.
    Arrival,
    /// The group spent the night there.
    NightStop,
    /// Police or army broke the group up there.
    Dispersal,
    /// A headcount whose place is not a position.
    Count,
}

impl Kind {
    /// The name the sighting schema uses (`night_stop`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::NightStop => "night_stop",
            Kind::Departure => "departure",
            Kind::Passing => "passing",
            Kind::Arrival => "arrival",
            Kind::Dispersal => "dispersal",
            Kind::Count => "count",
        }
    }
}

/// How a headcount was qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadcountKind {
    /// A count.
    Exact,
    /// At least this many ("more than 3,000").
    AtLeast,
    /// At most this many ("up to 500").
    AtMost,
    /// A rough figure ("about 7,000").
    Estimate,
}

impl HeadcountKind {
    /// The name the sighting schema uses (`at_least`).
    pub fn as_str(self) -> &'static str {
        match self {
            HeadcountKind::Exact => "exact",
            HeadcountKind::AtLeast => "at_least",
            HeadcountKind::AtMost => "at_most",
            HeadcountKind::Estimate => "estimate",
        }
    }
}

/// Where an article came from, for a sighting's `source`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// Publisher, from the file's header.
    pub outlet: Option<String>,
    /// Headline, from the file's header.
    pub title: Option<String>,
    /// The article's date (YYYY-MM-DD), once found.
    pub date: Option<String>,
    /// Web address, from the file's header.
    pub url: Option<String>,
    /// The file, when the header gives no outlet, title or URL.
    pub path: String,
}

/// One dated sighting read from an article.
#[derive(Debug, Clone)]
pub struct Sighting {
    /// 1-based line of the sentence.
    pub line: usize,
    /// The day the group was at the place (not the article's date).
    pub date: NaiveDate,
    /// Gazetteer index of the town.
    pub town: usize,
    /// Why the name went to that town.
    pub reason: Reason,
    /// The place as written.
    pub written: String,
    /// What the group did there.
    pub kind: Kind,
    /// People reported, if the sentence gives a number.
    pub headcount: Option<u64>,
    /// How the headcount is qualified (with `headcount`).
    pub headcount_kind: Option<HeadcountKind>,
    /// Named part of the caravan (`vanguard`, `stragglers`, `second`, …); the main body when `None`.
    pub group: Option<String>,
    /// Our words: how the date was worked out.
    pub note: String,
}

/// The sightings of one article.
#[derive(Debug, Clone)]
pub struct ArticleSightings {
    /// Where the article came from.
    pub source: Source,
    /// The article's date and how it was found; `None` when it names none.
    pub article_date: Option<(NaiveDate, DateBasis)>,
    /// Dated sightings in text order, one per day, town, kind and group (the first kept).
    pub sightings: Vec<Sighting>,
    /// Sentences that placed the caravan somewhere but named no day (or no article date).
    pub undated: usize,
    /// Whether any text had to be read as Windows-1252.
    pub windows_1252: bool,
}

/// Words that refer to the caravan or its people.
const CARAVAN_WORDS: &[&str] = &[
    "caravan",
    "caravans",
    "caravana",
    "caravanas",
    "migrants",
    "migrantes",
    "immigrants",
    "inmigrantes",
    "group",
    "groups",
    "grupo",
    "grupos",
    "contingent",
    "contingente",
    "exodus",
    "exodo",
    "column",
    "columna",
    "marcha",
    "march",
    "asylum",
    "travelers",
    "travellers",
    "caminantes",
    "hondurans",
    "hondurenos",
    "salvadorans",
    "salvadorenos",
    "guatemalans",
    "guatemaltecos",
    "nicaraguans",
    "nicaraguenses",
    "venezuelans",
    "venezolanos",
    "haitians",
    "haitianos",
    "cubans",
    "cubanos",
    "centroamericanos",
    "vanguard",
    "vanguardia",
    "extranjeros",
    "foreigners",
    "personas",
    "people",
    "indocumentados",
    "undocumented",
    "refugees",
    "refugiados",
];

/// Words that continue the subject of the sentence before.
const PRONOUNS: &[&str] = &[
    "it", "they", "them", "their", "its", "ellos", "se", "este", "later", "then", "luego",
    "despues", "there",
];

/// Articles opening a sentence: its subject is the noun after them, the caravan's only when
/// that noun is a part of the group before ([`PART_WORDS`]) or a caravan word ("The
/// Commission said", "La pequeña Guadalupe permanece en" are about someone else).
const OPENING_ARTICLES: &[&str] = &["the", "la", "el", "los", "las"];

/// Nouns for a part of the group told of before ("the rest", "la mayoría", "los demás").
const PART_WORDS: &[&str] = &[
    "rest",
    "majority",
    "first",
    "last",
    "remaining",
    "resto",
    "mayoria",
    "demas",
    "primeros",
    "primeras",
    "ultimos",
    "ultimas",
    "mayor",
    "menores",
    "restantes",
];

/// Words before a verb that say it did not happen (yet).
const NOT_YET: &[&str] = &[
    "prepared",
    "preparing",
    "prepare",
    "hoped",
    "hoping",
    "hope",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intended",
    "intends",
    "will",
    "would",
    "could",
    "might",
    "should",
    "try",
    "tried",
    "trying",
    "want",
    "wanted",
    "wants",
    "going",
    "about",
    "expected",
    "planea",
    "planean",
    "pretende",
    "pretenden",
    "pretendian",
    "buscan",
    "buscaban",
    "intentan",
    "intentaron",
    "quieren",
    "querian",
    "esperan",
    "punto",
    "disponia",
    "disponian",
    "podrian",
    "podria",
    "van",
    "iban",
    "deben",
    "sin",
    "not",
    "no",
    "unable",
    "failed",
    // "once the migrants reach", "para llegar a", "con el objetivo de llegar"
    "once",
    "para",
    "objetivo",
    // "conforme vayan llegando", "hasta que sigan avanzando": subjunctive, not yet
    "vayan",
    "vaya",
    "sigan",
    "siga",
    "conforme",
    "esperanza",
    "previsto",
    "prevista",
    "planeado",
    // "donde piensan unirse", "se espera que continúen", "aiming to reach"
    "piensan",
    "piensa",
    "espera",
    "aiming",
    "aim",
    "aims",
    "hopes",
    "intencion",
    "proposito",
    "purpose",
];

/// Words before "to" after which the verb happened: "began to walk", "managed to cross".
const HAPPENED_TO: &[&str] = &[
    "began",
    "begun",
    "beginning",
    "begin",
    "started",
    "starting",
    "start",
    "continued",
    "continue",
    "continues",
    "continuing",
    "went",
    "managed",
    "able",
    "got",
    "came",
    "decided",
];

/// A Spanish future form of a verb of movement ("llegará", "saldrán", "descansarán"): a
/// plan, like "will".
fn spanish_future(k: &str) -> bool {
    if matches!(k, "saldra" | "saldran" | "seguiran" | "seguira") {
        return true;
    }
    let Some(infinitive) = k.strip_suffix("an").or_else(|| k.strip_suffix('a')) else {
        return false;
    };
    infinitive.ends_with('r')
        && (SPANISH_VERBS.iter().any(|(v, _)| *v == infinitive)
            || matches!(
                infinitive,
                "continuar" | "pasar" | "quedar" | "dirigir" | "emprender" | "reanudar"
            ))
}

/// The kind a verb says, from its folded form and the word after it.
fn verb_kind(k: &str, next: &str, next2: &str) -> Option<Kind> {
    use Kind::{Arrival, Count, Departure, Dispersal, NightStop, Passing};
    Some(match k {
        // "had walked out of the southern city of Tapachula"
        "walked" | "marched" | "moved" | "headed" if next == "out" && next2 == "of" => Departure,
        "slept" | "sleep" | "sleeping" | "camped" | "camping" | "overnight" | "bedded"
        | "stayed" | "settled" | "rested" | "resting" | "rests" | "remained" | "pernocto"
        | "pernoctaron" | "pernoctar" | "pernoctan" | "pernoctaba" | "pernoctaban" | "durmio"
        | "durmieron" | "dormir" | "duermen" | "acampo" | "acamparon" | "acampar" | "acampan"
        | "descansaron" | "descansar" | "descansan" | "descanso" | "descansado" | "permanecen"
        | "permanecieron" | "permanecio" | "albergados" | "albergaron" | "sheltered"
        | "stranded" | "staying" | "housed" | "sheltering" | "pernocta" | "descansa" | "duerme"
        | "acampa" | "permanece" | "reagrupo" | "reagruparon" | "regrouped" | "encuentran"
        | "encuentra" | "stationed" | "instalaron" | "instalo" | "instalados" | "instaladas"
        | "instalan" | "waiting" | "waited"
        // "spent the night", "spent Monday night", "spent a rest day", "spent weeks in"
        | "spent" => NightStop,
        // "another 3,400 are in Mexicali", "se encuentran ... están en Tijuana", "have been
        // in Mexicali for days"
        "are" | "estan" | "esta" | "been" | "were" | "estaban" | "estuvieron"
            if matches!(next, "in" | "at" | "en") =>
        {
            NightStop
        }
        // "scattered in Sonora"
        "scattered" | "varados" if matches!(next, "in" | "at" | "en" | "inside") => NightStop,
        // "gathered in San Pedro Sula": a caravan forms where it sets out from
        "gathered" | "gathering" | "congregated" | "reunidos" | "concentrados" | "congregados"
            if matches!(next, "in" | "at" | "en" | "inside") =>
        {
            Departure
        }
        // "pasaron la noche"
        "pasaron" | "pasar" | "paso"
            if matches!(next, "the" | "la") && next2 == "night" || next2 == "noche" =>
        {
            NightStop
        }
        "quedaron" | "quedo" | "quedan" if matches!(next, "a" | "en") => NightStop,
        // "the caravans joined in Huixtla", "se unieron en Huixtla": both were there
        "joined" | "merged" | "converged" | "reunited" | "unieron" | "juntaron" | "confluyeron"
        | "fusionaron"
            if matches!(next, "in" | "at" | "en") =>
        {
            Arrival
        }
        // "a partir de este jueves": from Thursday on, nobody leaves
        "partir" if next == "de" => return None,
        "left" | "leave" | "leaving" | "leaves" | "departed" | "depart" | "departing"
        | "departs" | "resumed" | "resume" | "resuming" | "salio" | "salieron" | "salir"
        | "salen" | "partio" | "partieron" | "partir" | "parten" | "reanudo" | "reanudaron"
        | "reanudar" | "reanudan" | "emprendio" | "emprendieron" | "emprender" | "emprenden"
        | "abandonaron" | "abandono" | "dejaron" | "salida" => Departure,
        "set" | "headed" if matches!(next, "off" | "out") => Departure,
        // "headed north from Tapachula"
        "headed" | "heading" | "head" | "set"
            if matches!(next, "north" | "northward" | "south" | "west" | "east")
                && next2 == "from" =>
        {
            Departure
        }
        // "began to march", "se pusieron en marcha"
        "began" | "begin" | "started" | "start"
            if next == "to" && matches!(next2, "march" | "walk" | "move" | "travel" | "trek") =>
        {
            Departure
        }
        "pusieron" | "puso" if next == "en" && next2 == "marcha" => Departure,
        "started" | "starting" | "start" | "began" | "begin" | "begun" | "beginning" | "inicio"
        | "iniciaron" | "comenzo" | "comenzaron" | "arranco" | "arrancaron"
            if next != "to" =>
        {
            Departure
        }
        "arrived" | "arrive" | "arriving" | "arrives" | "landed" | "reached" | "reach"
        | "reaching" | "entered" | "enter" | "entering" | "llego" | "llegaron" | "llegar"
        | "llegan" | "llegada" | "arribo" | "arribaron" | "arribar" | "arriban" | "ingreso"
        | "ingresaron" | "ingresar" | "entraron" | "entro" | "llegado" | "arribado"
        | "ingresado" => Arrival,
        "poured" | "streamed" | "shuffled" | "trickled" | "filed" | "flooded" | "trickle"
        | "trickling" | "pour" | "pouring" | "stream" | "streaming" | "pulled" | "rolled"
        | "swarmed" | "surged" | "crowded" | "packed"
            if next == "into" =>
        {
            Arrival
        }
        "crossed" | "cross" | "crossing" | "passed" | "passing" | "walked" | "walking"
        | "marched" | "marching" | "advanced" | "advancing" | "trekked" | "trekking" | "hiked"
        | "hiking" | "moved" | "move" | "moving" | "moves" | "cruzo" | "cruzaron" | "cruzar"
        | "cruzan" | "atraveso" | "atravesaron" | "avanzo" | "avanzaron" | "avanzan"
        | "caminaron" | "caminan" | "recorrieron" | "transitaron" | "transitan" | "marcharon"
        | "viajan" | "viajaron" | "viajo" | "traveled" | "travelled" | "traveling" | "travelling"
        | "journeyed" => Passing,
        "pasaron" | "paso" | "pasan" if next == "por" => Passing,
        "dispersed" | "disperse" | "dispersing" | "dismantled" | "dismantle" | "disbanded"
        | "disband" | "detained" | "surrendered" | "surrendering" | "surrender" | "dissolved"
        | "dispersaron" | "disperso" | "dispersar" | "disolvio" | "disolvieron" | "disuelta"
        | "desintegro" | "desintegraron" | "desarticularon" | "desarticulo" | "detuvieron"
        | "desmantelaron" | "desmantelo" | "replegaron" | "encapsularon" | "disolver"
        | "dispersada" | "disuelto" | "entregarse" | "entregandose"
        // "began to disappear in Tijuana"; "police block the migrants in Vado Hondo"
        | "disappear" | "disappeared" | "disappearing" | "vanished" | "dissipated" | "block"
        | "blocks" | "blocked" | "blocking" => Dispersal,
        "broke" | "break" | "breaking" | "rounded" | "swept" if next == "up" => Dispersal,
        // "made it to the village of X", "made it through the border arriving in X"
        "made" | "make" | "making" if next == "it" => Arrival,
        // "were bused to X", "trasladados a X": taken there
        "bused" | "bussed" | "trucked" | "ferried" | "transported" | "driven" | "shuttled"
        | "trasladados" | "trasladadas" | "trasladaron"
            if matches!(next, "to" | "into" | "a" | "al" | "hasta") =>
        {
            Arrival
        }
        // "holed up in", "hunkered down in", "took shelter in", "is stopped in"
        "holed" | "hunkered" if matches!(next, "up" | "down") => NightStop,
        "took" | "taken" | "sought" | "found" if next == "shelter" || next == "refuge" => {
            NightStop
        }
        "stopped" | "halted" | "stalled" | "stuck" | "overnighted" | "bivouacked"
            if matches!(next, "in" | "at" | "inside") =>
        {
            NightStop
        }
        "progressed" | "pressed" | "pushed" | "continued"
            if matches!(next, "as" | "to" | "into" | "through" | "on") =>
        {
            Passing
        }
        "cracked" | "cracking" if next == "down" => Dispersal,
        "entregaron" | "entrego" if next == "a" || next == "se" => Dispersal,
        "numbered" | "sumaba" | "sumaban" | "suman" | "integrada" | "conformada" => Count,
        "departure" if matches!(next, "from" | "on") => Departure,
        _ => return spanish_verb_kind(k),
    })
}

/// Spanish verbs of movement (infinitive) and what each says the group did.
const SPANISH_VERBS: &[(&str, Kind)] = &[
    ("llegar", Kind::Arrival),
    ("arribar", Kind::Arrival),
    ("ingresar", Kind::Arrival),
    ("entrar", Kind::Arrival),
    ("alcanzar", Kind::Arrival),
    ("pernoctar", Kind::NightStop),
    ("acampar", Kind::NightStop),
    ("descansar", Kind::NightStop),
    ("permanecer", Kind::NightStop),
    ("dormir", Kind::NightStop),
    ("cruzar", Kind::Passing),
    ("avanzar", Kind::Passing),
    ("caminar", Kind::Passing),
    ("transitar", Kind::Passing),
    ("atravesar", Kind::Passing),
    ("marchar", Kind::Passing),
    ("viajar", Kind::Passing),
    ("recorrer", Kind::Passing),
    ("salir", Kind::Departure),
    ("partir", Kind::Departure),
    ("abandonar", Kind::Departure),
    ("reanudar", Kind::Departure),
    ("emprender", Kind::Departure),
    ("dispersar", Kind::Dispersal),
    ("disolver", Kind::Dispersal),
    ("desarticular", Kind::Dispersal),
    ("desmantelar", Kind::Dispersal),
    ("desintegrar", Kind::Dispersal),
    ("encapsular", Kind::Dispersal),
];

/// Irregular forms of those verbs (folded).
const SPANISH_IRREGULAR: &[(&str, Kind)] = &[
    ("durmio", Kind::NightStop),
    ("durmieron", Kind::NightStop),
    ("durmiendo", Kind::NightStop),
    ("duerme", Kind::NightStop),
    ("duermen", Kind::NightStop),
    ("atraviesa", Kind::Passing),
    ("atraviesan", Kind::Passing),
    ("disuelve", Kind::Dispersal),
    ("disuelven", Kind::Dispersal),
    ("disuelta", Kind::Dispersal),
    ("disuelto", Kind::Dispersal),
];

/// Forms that are also common nouns or adverbs: "el camino", "en tránsito", "un
/// recorrido", "la avanzada", "arriba", "la marcha", "parte de".
const SPANISH_NOT_VERBS: &[&str] = &[
    "camino",
    "transito",
    "recorrido",
    "avanzada",
    "arriba",
    "marcha",
    "parte",
    "entrada",
    "acampada",
    "partida",
];

/// The kind a Spanish verb form says: the third-person forms of the preterite, imperfect
/// and present, the participle and gerund of each verb of [`SPANISH_VERBS`]
/// ("permanecían", "habían avanzado", "siguen llegando" read like "permanecieron"; an
/// infinitive is most often a plan, "con la esperanza de alcanzar").
fn spanish_verb_kind(k: &str) -> Option<Kind> {
    static FORMS: std::sync::OnceLock<foldhash::HashMap<String, Kind>> = std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        let mut forms = foldhash::HashMap::default();
        for &(infinitive, kind) in SPANISH_VERBS {
            let (stem, ending) = infinitive.split_at(infinitive.len() - 2);
            let endings: &[&str] = if ending == "ar" {
                &[
                    "o", "aron", "aba", "aban", "a", "an", "ado", "ada", "ados", "adas", "ando",
                ]
            } else {
                &[
                    "io", "ieron", "ia", "ian", "e", "en", "ido", "ida", "idos", "idas", "iendo",
                ]
            };
            for e in endings {
                forms.insert(format!("{stem}{e}"), kind);
            }
        }
        for &(form, kind) in SPANISH_IRREGULAR {
            forms.insert(form.to_string(), kind);
        }
        for w in SPANISH_NOT_VERBS {
            forms.remove(*w);
        }
        forms
    });
    forms.get(k).copied()
}

/// Words after a number that make it a distance, time or amount, not people.
const NOT_PEOPLE: &[&str] = &[
    "km",
    "kilometers",
    "kilometres",
    "kilometros",
    "miles",
    "millas",
    "metros",
    "meters",
    "hours",
    "horas",
    "days",
    "dias",
    "years",
    "anos",
    "percent",
    "por",
    "dollars",
    "dolares",
    "pesos",
    "am",
    "pm",
    "hrs",
    "mi",
    "minutes",
    "minutos",
    "weeks",
    "semanas",
    "months",
    "meses",
    "degrees",
    "grados",
    "of",
    "de",
];

/// Nouns for people after a number.
const PEOPLE: &[&str] = &[
    "migrants",
    "migrantes",
    "immigrants",
    "inmigrantes",
    "people",
    "personas",
    "persons",
    "members",
    "integrantes",
    "asylum",
    "hondurans",
    "hondurenos",
    "salvadorans",
    "salvadorenos",
    "guatemalans",
    "guatemaltecos",
    "central",
    "centroamericanos",
    "haitians",
    "haitianos",
    "venezuelans",
    "venezolanos",
    "cubans",
    "cubanos",
    "foreigners",
    "extranjeros",
    "travelers",
    "travellers",
    "caminantes",
    "adults",
    "adultos",
    "men",
    "women",
    "hombres",
    "mujeres",
    "individuals",
    "individuos",
    "strong",
    "more",
    "others",
    "mas",
];

/// The headcount a sentence gives for the group, if any: the first number of people
/// ("5,000 migrants", "dos mil personas", "a caravan of 400", "the group, estimated at
/// 4,000"). A range names no one count ("entre mil 500 y dos mil 500 migrantes"), unless
/// its start is a floor ("at least 5,000 but as many as 11,000": 5,000 at least).
fn headcount(sentence: &str) -> Option<(u64, HeadcountKind)> {
    let found = numbers::numbers(sentence);
    for (index, n) in found.iter().enumerate() {
        if found[..index].iter().any(|m| m.range_to == Some(index)) {
            continue; // the end of a range, read with its start
        }
        let (start, value) = (n.start, n.value);
        // the words after the number (after a range's end), up to the next number
        let end = n.range_to.map_or(n.end, |r| found[r].end);
        let next_start = found
            .iter()
            .map(|m| m.start)
            .find(|&s| s >= end)
            .unwrap_or(sentence.len());
        let after = words(&sentence[end..next_start]);
        let first_after = after.first().map(|w| w.key.as_str()).unwrap_or("");
        if NOT_PEOPLE.contains(&first_after) && first_after != "of" && first_after != "de" {
            continue;
        }
        if (1990..=2100).contains(&value)
            && !after
                .iter()
                .take(2)
                .any(|w| PEOPLE.contains(&w.key.as_str()))
        {
            continue;
        }
        let before_words = words(&sentence[..start]);
        let bk: Vec<&str> = before_words
            .iter()
            .rev()
            .take(4)
            .map(|w| w.key.as_str())
            .collect();
        let people_after = after
            .iter()
            .take(4)
            .any(|w| PEOPLE.contains(&w.key.as_str()))
            && !(first_after == "of" || first_after == "de");
        let of_group = matches!(bk.first(), Some(&("of" | "de" | "por")))
            && bk.get(1).is_some_and(|w| {
                matches!(
                    *w,
                    "caravan" | "caravana" | "group" | "grupo" | "integrada" | "conformada"
                )
            });
        let numbered = bk
            .iter()
            .any(|w| matches!(*w, "numbered" | "sumaba" | "sumaban" | "totaling" | "suman"))
            // "Another 3,400 are in Mexicali": more people of the group
            || matches!(bk.first(), Some(&("another" | "otros" | "otras")))
            // "The group, estimated around 4,000, set off"
            || bk.iter().any(|w| matches!(*w, "estimated" | "estimado" | "estimada" | "calculado" | "calculada"))
                && bk.iter().any(|w| CARAVAN_WORDS.contains(w));
        if !(people_after || of_group || numbered) || value < 2 {
            continue;
        }
        let two = |a: &str, b: &str| bk.get(1) == Some(&a) && bk.first() == Some(&b);
        let one = |a: &str| bk.first() == Some(&a);
        let kind = if two("more", "than")
            || one("over")
            || two("at", "least")
            || two("mas", "de")
            || two("al", "menos")
            || two("lo", "menos")
            || bk.get(1) == Some(&"menos") && one("unas")
            || bk.get(1) == Some(&"menos") && one("unos")
            || bk.get(2) == Some(&"lo") && bk.get(1) == Some(&"menos")
        {
            HeadcountKind::AtLeast
        } else if two("up", "to")
            || two("fewer", "than")
            || two("less", "than")
            || two("menos", "de")
            || two("as", "many")
        {
            HeadcountKind::AtMost
        } else if n.range_to.is_some() {
            continue; // a range: no one count
        } else if n.rough
            || bk.first().is_some_and(|w| {
                matches!(
                    *w,
                    "about"
                        | "approximately"
                        | "around"
                        | "some"
                        | "roughly"
                        | "nearly"
                        | "almost"
                        | "estimated"
                        | "unos"
                        | "unas"
                        | "aproximadamente"
                        | "casi"
                        | "approx"
                )
            })
            || two("close", "to")
            || two("alrededor", "de")
            || two("cerca", "de")
            || two("estimado", "de")
            || two("estimated", "at")
        {
            HeadcountKind::Estimate
        } else {
            HeadcountKind::Exact
        };
        return Some((value, kind));
    }
    None
}

/// A named part of the caravan the sentence is about.
fn group_of(keys: &[&str]) -> Option<String> {
    for (i, k) in keys.iter().enumerate() {
        let next = keys.get(i + 1).copied().unwrap_or("");
        match *k {
            "vanguard" | "vanguardia" => return Some("vanguard".into()),
            "stragglers" | "rezagados" => return Some("stragglers".into()),
            "second" | "segunda" | "segundo"
                if matches!(next, "caravan" | "caravana" | "group" | "grupo") =>
            {
                return Some("second".into());
            }
            "third" | "tercera" | "tercer" | "tercero"
                if matches!(next, "caravan" | "caravana" | "group" | "grupo") =>
            {
                return Some("third".into());
            }
            _ => {}
        }
    }
    None
}

/// How a place is introduced: the word(s) before it, skipping "the town of", "la ciudad de".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// in, at, en, through, por: where the group is.
    At,
    /// to, a: a destination, or where it arrived.
    To,
    /// toward, hacia, rumbo a: only a destination.
    Toward,
    /// from, desde, de: where it came from.
    From,
    /// right after the verb: "left Tapachula", "reached Huixtla".
    Object,
    /// "50 km from", "north of", "cerca de": somewhere else.
    Elsewhere,
    /// no preposition (a subject, a list, a dateline).
    None,
}

/// Words that, besides the town nouns of `text` ("town", "ciudades"), stand before a place
/// in "the X of": a border post is at its town ("hacia el punto de Agua Caliente", "the
/// crossing point of"), and adjectives ("la ciudad norteña de").
const PLACE_NOUN_WORDS: &[&str] = &[
    "municipal",
    "punto",
    "point",
    "norteno",
    "surena",
    "sureno",
    "eastern",
    "western",
];

/// A town noun of `text` or one of [`PLACE_NOUN_WORDS`].
fn town_noun(key: &str) -> bool {
    is_town_noun(key) || PLACE_NOUN_WORDS.contains(&key)
}

/// Words that open a phrase of their own: never skipped as an adjective before a place.
const PREPOSITIONS: &[&str] = &[
    "in", "at", "en", "through", "por", "into", "to", "a", "al", "hasta", "toward", "towards",
    "hacia", "for", "from", "desde", "de", "del", "of", "near", "outside", "beyond", "past",
    "rumbo", "y", "and", "con", "with", "entre", "between", "on", "sobre",
];

/// Words of a day between a verb and its object ("crossed on Thursday the bridge", "cruzaron
/// este jueves el punto de X"), besides the weekdays of [`dates::weekday_of`].
const DAY_WORDS: &[&str] = &[
    "este",
    "esta",
    "this",
    "ayer",
    "hoy",
    "anoche",
    "yesterday",
    "today",
    "tonight",
    "last",
    "night",
    "morning",
    "manana",
    "tarde",
    "noche",
    "el",
    "la",
    "on",
    "pasado",
    "early",
    "late",
];

/// A word of a day: a weekday or one of [`DAY_WORDS`].
fn day_word(key: &str) -> bool {
    DAY_WORDS.contains(&key) || dates::weekday_of(key).is_some()
}

/// Articles: "from the crime-wracked northern city of X" reads past the adjectives to them.
const ARTICLES: &[&str] = &["the", "la", "el", "los", "las", "a", "an"];

/// Words between a preposition and a place: "in the southern Mexican town of".
const SKIP_BEFORE_PLACE: &[&str] = &[
    "aduanero",
    "aduanera",
    "migratorio",
    "migratoria",
    "the",
    "la",
    "el",
    "cabecera",
    "southern",
    "northern",
    "mexican",
    "guatemalan",
    "border",
    "fronteriza",
    "fronterizo",
    "small",
    "coastal",
    "costera",
    "nearby",
    "cercana",
    "cercano",
    "vecino",
    "vecina",
    "chiapas",
    "mexico",
    "chiapaneco",
    "chiapaneca",
    "oaxaqueno",
    "oaxaquena",
    "honduran",
    "salvadoran",
    "hondurena",
    "hondureno",
    "salvadorena",
    "salvadoreno",
    "guatemalteca",
    "guatemalteco",
    "mexicana",
    "mexicano",
    "estadounidense",
    "nortena",
    "norteno",
    "surena",
    "sureno",
    "eastern",
    "western",
];

fn role_of(words: &[Word], at: usize) -> (Role, usize) {
    let mut j = at;
    loop {
        if j >= 2
            && matches!(words[j - 1].key.as_str(), "of" | "de" | "del")
            && town_noun(&words[j - 2].key)
        {
            j -= 2;
        } else if j >= 3
            && matches!(words[j - 1].key.as_str(), "of" | "de" | "del")
            && SKIP_BEFORE_PLACE.contains(&words[j - 2].key.as_str())
            && town_noun(&words[j - 3].key)
        {
            // "a la ciudad mexicana de Huixtla"
            j -= 3;
        } else if j >= 1
            && (town_noun(&words[j - 1].key)
                || SKIP_BEFORE_PLACE.contains(&words[j - 1].key.as_str()))
        {
            j -= 1;
        } else if let Some(article) = (j >= 2 && j < at)
            .then(|| {
                // adjectives between an article and a town noun ("the crime-wracked city")
                (j.saturating_sub(4)..j).rev().find(|&a| {
                    ARTICLES.contains(&words[a].key.as_str())
                        // ("llegó el lunes 22 a la ciudad de X": "a" before an article is
                        // the preposition)
                        && !(words[a].key == "a"
                            && words
                                .get(a + 1)
                                .is_some_and(|n| matches!(n.key.as_str(), "la" | "el" | "los" | "las")))
                        && words[a + 1..j].iter().all(|w| {
                            !w.capitalised
                                && !PREPOSITIONS.contains(&w.key.as_str())
                                && verb_kind(&w.key, "", "").is_none()
                        })
                })
            })
            .flatten()
        {
            j = article;
        } else {
            break;
        }
    }
    let prev = if j > 0 { words[j - 1].key.as_str() } else { "" };
    let prev2 = if j > 1 { words[j - 2].key.as_str() } else { "" };
    let role = match prev {
        "in" | "at" | "en" | "through" | "por" | "into" | "inside" | "within" => Role::At,
        "to" | "a" | "al" | "hasta" => {
            // ("rumbo a", "on the way to", "la carretera a Tapachula")
            if matches!(
                prev2,
                "rumbo"
                    | "destino"
                    | "camino"
                    | "way"
                    | "bound"
                    | "carretera"
                    | "road"
                    | "highway"
                    | "autopista"
                    | "ruta"
                    | "route"
            ) {
                Role::Toward
            } else if matches!(prev2, "cerca" | "close" | "next") {
                Role::Elsewhere
            } else {
                Role::To
            }
        }
        "toward" | "towards" | "hacia" | "for" | "rumbo" => Role::Toward,
        // "entre los municipios de A, B y C": in each; "between A and B": in neither
        "entre" | "among" if j < at => Role::At,
        // "walked out of X"
        "of" if prev2 == "out" => Role::From,
        "of" => {
            // "the shelter of X" is in X; "a reflection of X" says nothing
            if words[..j - 1]
                .iter()
                .rev()
                .take(4)
                .any(|w| matches!(w.key.as_str(), "in" | "at" | "inside"))
            {
                Role::At
            } else {
                Role::None
            }
        }
        "de" | "del"
            if words[..j - 1]
                .iter()
                .rev()
                .take(4)
                .take_while(|w| verb_kind(&w.key, "", "").is_none())
                .any(|w| matches!(w.key.as_str(), "en" | "dentro")) =>
        {
            // "en el auditorio municipal de Mapastepec": in Mapastepec
            Role::At
        }
        // "progressed as far as X": reached it
        "as" if prev2 == "far" => Role::To,
        "from" | "desde" | "de" | "del" => {
            // "headed north from X" is a departure; "al norte de X", "50 km north from X"
            // are elsewhere (but "walked 60 km from A to B" is a trek from A)
            let trek = {
                let first_lower =
                    (at + 1..(at + 6).min(words.len())).find(|&w| !words[w].capitalised);
                first_lower.is_some_and(|w| {
                    matches!(words[w].key.as_str(), "to" | "hasta" | "a")
                        && words.get(w + 1).is_some_and(|n| n.capitalised)
                })
            };
            let direction_counts = !matches!(prev, "from" | "desde")
                || words[..j.saturating_sub(1)].iter().rev().take(4).any(|w| {
                    w.key.starts_with(|c: char| c.is_ascii_digit())
                        || matches!(w.key.as_str(), "km" | "miles" | "kilometers" | "kilometros")
                });
            if !trek
                && words[..j.saturating_sub(1)].iter().rev().take(3).any(|w| {
                    let k = w.key.as_str();
                    direction_counts
                        && matches!(k, "north" | "south" | "east" | "west" | "norte" | "sur")
                        || matches!(
                            k,
                            "km" | "kilometers"
                                | "kilometres"
                                | "kilometros"
                                | "miles"
                                | "millas"
                                | "outside"
                                | "cerca"
                                | "near"
                                | "away"
                                | "lejos"
                                | "metros"
                                | "minutes"
                                | "hours"
                                | "horas"
                                | "minutos"
                                | "afueras"
                                | "salida"
                                | "entrada"
                        )
                })
            {
                Role::Elsewhere
            } else {
                Role::From
            }
        }
        "near" | "outside" | "beyond" | "past" => Role::Elsewhere,
        _ => {
            // the object of a verb, also past a day ("cruzaron este jueves el punto de X")
            let verb_at = (j.saturating_sub(5)..j).rev().find(|&v| {
                verb_kind(&words[v].key, "", "").is_some()
                    && words[v + 1..j].iter().all(|w| day_word(&w.key))
            });
            if j > 0 && verb_at.is_some() {
                Role::Object
            } else {
                Role::None
            }
        }
    };
    // "just across the border from the port of entry in Eagle Pass": not there
    let across = words[j.saturating_sub(10)..j]
        .iter()
        .position(|w| w.key == "across")
        .is_some_and(|a| {
            words[j.saturating_sub(10) + a..j]
                .iter()
                .any(|w| matches!(w.key.as_str(), "from"))
        });
    if across && matches!(role, Role::At | Role::To | Role::From) {
        return (Role::Elsewhere, j);
    }
    (role, j)
}

/// A sentence with a caravan, a dispersal and a day but no place: lends its day to the next
/// sentence.
#[derive(Debug, Clone)]
struct Pending {
    date: NaiveDate,
    note: String,
    kind: Option<Kind>,
    headcount: Option<(u64, HeadcountKind)>,
}

/// A sighting whose town the article's later context may still decide.
#[derive(Debug)]
struct Draft {
    s: Sighting,
    candidates: Vec<usize>,
    /// A village that counts only if a place of the article lies near it.
    waiting: bool,
    /// Placed at the dateline's town for want of another: counts only if a place the
    /// article names lies near it (the dateline may be the outlet's home, far away).
    at_dateline: bool,
}

/// Reads an article and returns its sightings. `published` overrides the file's date.
pub fn read_sightings<R: Read>(
    finder: &PlaceFinder,
    reader: R,
    path: &str,
    published: Option<NaiveDate>,
    limit_bytes: u64,
) -> Result<ArticleSightings, ReadError> {
    let mut paragraphs = ParagraphReader::new(reader, limit_bytes);
    let mut source = Source {
        path: path.to_string(),
        ..Source::default()
    };
    // The header: the paragraphs of the first lines, read before anything is resolved.
    let mut head: Vec<(String, usize)> = Vec::new();
    let mut file_date: Option<(NaiveDate, DateBasis)> = None;
    let mut dateline: Option<(NaiveDate, DateBasis)> = None;
    while let Some((p, line)) = paragraphs.next_paragraph()? {
        let stop = line > HEADER_LINES;
        for (k, l) in p.lines().enumerate() {
            let lower = l.trim_start().to_lowercase();
            let value = |prefix: &str| {
                lower
                    .strip_prefix(prefix)
                    .map(|_| l.trim_start()[prefix.len()..].trim().to_string())
            };
            if let Some(v) = value("outlet:") {
                source.outlet = Some(v);
            } else if let Some(v) = value("title:") {
                source.title = Some(v);
            } else if let Some(v) = value("url:") {
                source.url = Some(v);
            }
            if file_date.is_none()
                && let Some(d) = dates::header_date(l)
            {
                file_date = Some((d, DateBasis::DateLine { line: line + k }));
            } else if dateline.is_none()
                && let Some(d) = dates::dateline_date(l)
            {
                dateline = Some((d, DateBasis::Dateline { line: line + k }));
            }
        }
        head.push((p, line));
        if stop {
            break;
        }
    }
    let article_date = match published {
        Some(d) => Some((d, DateBasis::Published)),
        None => file_date.or(dateline),
    };
    if let Some((d, _)) = &article_date {
        source.date = Some(d.to_string());
    }
    let date = article_date.as_ref().map(|(d, _)| *d);
    let mut state = State {
        finder,
        context: ArticleContext::default(),
        article_date: date,
        pending: None,
        anchor: None,
        caravan_before: false,
        drafts: Vec::new(),
        undated: 0,
        dateline: None,
        body_paragraphs: 0,
        dateline_alone: false,
        wire_dateline: false,
    };
    for (p, line) in head {
        state.paragraph(&p, line);
    }
    while let Some((p, line)) = paragraphs.next_paragraph()? {
        state.paragraph(&p, line);
    }
    let mut out: Vec<Sighting> = Vec::new();
    for d in state.drafts {
        let mut s = d.s;
        let mut d_candidates = d.candidates;
        if d.at_dateline && finder.supported(&d_candidates, &state.context).is_empty() {
            continue;
        }
        if d.waiting {
            d_candidates = finder.supported(&d_candidates, &state.context);
            match d_candidates.as_slice() {
                [] => continue,
                [one] => {
                    s.town = *one;
                    s.reason = finder.near_reason(*one, &state.context);
                }
                _ => {}
            }
        }
        if d_candidates.len() > 1 {
            let Some((town, reason)) = finder.resolve(&d_candidates, &state.context) else {
                continue;
            };
            s.town = town;
            s.reason = reason;
        }
        // the same day, place and kind said twice: keep the first (with any headcount)
        if let Some(prev) = out.iter_mut().find(|o| {
            o.date == s.date && o.town == s.town && o.kind == s.kind && o.group == s.group
        }) {
            if prev.headcount.is_none() {
                prev.headcount = s.headcount;
                prev.headcount_kind = s.headcount_kind;
            }
            continue;
        }
        out.push(s);
    }
    Ok(ArticleSightings {
        source,
        article_date,
        sightings: out,
        undated: state.undated,
        windows_1252: paragraphs.windows_1252,
    })
}

const HEADER_LINES: usize = 8;

/// The most words between a verb and the place it applies to.
const MAX_CUE_WORDS: usize = 15;

/// Words that put a sentence in the present: its position is the story's day.
const PRESENT: &[&str] = &[
    "are",
    "is",
    "remain",
    "remains",
    "encuentran",
    "encuentra",
    "esta",
    "estan",
    "permanece",
    "permanecen",
    "pernocta",
    "pernoctan",
    "descansa",
    "descansan",
    "duerme",
    "duermen",
    "acampa",
    "acampan",
    "now",
    "ahora",
    "ya",
    "viajan",
];

/// Words that say "the place of the dateline" ("luego de descansar en esta localidad").
const DEICTICS: &[&[&str]] = &[
    &["here"],
    &["aqui"],
    &["this", "city"],
    &["this", "town"],
    &["this", "border", "city"],
    &["this", "border", "town"],
    &["esta", "ciudad"],
    &["esta", "localidad"],
    &["esta", "poblacion"],
    &["este", "municipio"],
    &["esta", "frontera"],
];

/// Words after a place that stand for it in a relative clause, and the place's role there.
const RELATIVES: &[(&[&str], Role)] = &[
    (&["donde"], Role::At),
    (&["en", "donde"], Role::At),
    (&["where"], Role::At),
    (&["en", "la", "que"], Role::At),
    (&["en", "el", "que"], Role::At),
    (&["in", "which"], Role::At),
    (&["de", "donde"], Role::From),
    (&["desde", "donde"], Role::From),
    (&["from", "where"], Role::From),
    (&["from", "which"], Role::From),
];

/// Forms of "to be" that say where the group is ("are in Mexicali", "están en Tijuana").
const COPULAS: &[&str] = &[
    "are",
    "estan",
    "esta",
    "been",
    "were",
    "estaban",
    "estuvieron",
];

/// News agencies of a dateline ("(Reuters)", "(AP)", "(EFE)").
const WIRE_AGENCIES: &[&str] = &[
    "reuters", "ap", "afp", "efe", "ep", "upi", "notimex", "ansa", "dpa", "xinhua", "acan", "apf",
    "ips",
];

/// Words that join the places of a list.
const LIST_WORDS: &[&str] = &["y", "and", "e", "or", "o", "then", "luego"];

/// Words that open another clause: a verb before them is not about a place after them.
const BETWEEN_CLAUSES: &[&str] = &[
    "para", "while", "mientras", "but", "pero", "whereas", "although", "aunque", "unless", "tras",
];

/// Words of a plan or hope: a verb before them is not about a place after them ("salió de
/// A con la esperanza de llegar a B").
const PLAN_WORDS: &[&str] = &[
    "esperanza",
    "objetivo",
    "intencion",
    "idea",
    "piensan",
    "piensa",
    "hoping",
    "hope",
    "hoped",
    "hopes",
    "plan",
    "plans",
    "planned",
    "planea",
    "planean",
    "aiming",
    "aim",
    "expected",
    "espera",
    "esperan",
    "previsto",
    "prevista",
    "planeado",
    "pretenden",
    "buscan",
    "quieren",
    "want",
    "wants",
    "wanted",
    "goal",
    "meta",
    "arranged",
    "agreed",
    "acordaron",
    "acordado",
    "convocaron",
    "convocados",
    "proposito",
    "purpose",
];

/// A past-tense verb form (English "-ed" and common irregulars; Spanish preterite and
/// imperfect): its sentence's present-tense words are about something else.
fn past_tense(k: &str) -> bool {
    if k.ends_with("ando") || k.ends_with("iendo") || k.ends_with("ado") || k.ends_with("ido") {
        return false;
    }
    k.ends_with("ed")
        || matches!(
            k,
            "left"
                | "set"
                | "began"
                | "broke"
                | "spent"
                | "slept"
                | "came"
                | "went"
                | "rode"
                | "took"
                | "fled"
                | "kept"
                | "ran"
                | "made"
                | "got"
                | "were"
                | "was"
                | "swept"
                | "held"
                | "drove"
                | "flew"
                | "overnight"
        )
        || ["aron", "ieron", "io", "aba", "aban"]
            .iter()
            .any(|e| k.ends_with(e))
        || (k.ends_with('o') || k.ends_with("ia") || k.ends_with("ian"))
            && verb_kind(k, "", "").is_some()
}

/// Singular nouns and pronouns of one person or one family: a verb with one of them as its
/// subject tells that person's story.
const PERSON_WORDS: &[&str] = &[
    "she",
    "he",
    "woman",
    "man",
    "mother",
    "father",
    "girl",
    "boy",
    "baby",
    "child",
    "daughter",
    "son",
    "family",
    "wife",
    "husband",
    "grandmother",
    "grandfather",
    "mujer",
    "hombre",
    "madre",
    "padre",
    "nina",
    "nino",
    "bebe",
    "hija",
    "hijo",
    "familia",
    "esposa",
    "esposo",
    "abuela",
    "abuelo",
    "senora",
    "senor",
    "ella",
];

/// Words of an institution or office: a capitalised subject with one is no person ("the
/// National Guard", "Border Patrol").
const INSTITUTION_WORDS: &[&str] = &[
    "guard",
    "guardia",
    "police",
    "policia",
    "patrol",
    "army",
    "ejercito",
    "commission",
    "comision",
    "government",
    "gobierno",
    "ministry",
    "secretaria",
    "institute",
    "instituto",
    "migracion",
    "immigration",
    "cross",
    "cruz",
    "office",
    "agency",
    "department",
    "departamento",
    "authorities",
    "autoridades",
    "nacional",
    "national",
    "federal",
    "state",
    "estado",
    "press",
    "news",
    "church",
    "iglesia",
    "committee",
    "comite",
    "center",
    "centro",
    "casa",
    "house",
    "council",
    "consejo",
    "marina",
    "navy",
    "service",
    "servicio",
    "united",
    "nations",
    "unidas",
    "white",
    "blanca",
    "customs",
    "aduanas",
    "border",
    "frontera",
];

/// Auxiliaries and pronouns between a subject and its verb ("Castilla se encuentra", "she
/// has arrived").
const BEFORE_VERB: &[&str] = &[
    "se", "is", "was", "has", "had", "ha", "habia", "have", "had",
];

/// Whether the subject of the verb at word `verb` is one person or one family: a singular
/// person word ("the woman", "su familia", "she", "él") or a person's name right before the
/// verb ("Miriam Carranza traveled", "que Castilla se encuentra", "María, 34, left"), with no
/// caravan word nearer the verb ("the family of migrants", "María said the caravan left").
fn person_subject(text: &str, words: &[Word], lo: usize, verb: usize, hits: &[PlaceHit]) -> bool {
    let in_place = |w: &Word| hits.iter().any(|h| h.start <= w.start && w.end <= h.end);
    // back from the verb past auxiliaries and an age ("María, 34,")
    let mut j = verb;
    while j > lo
        && (BEFORE_VERB.contains(&words[j - 1].key.as_str())
            || words[j - 1].key.bytes().all(|b| b.is_ascii_digit()))
    {
        j -= 1;
    }
    // a name: two or three capitalised words opening the sentence right before the verb
    // ("Miriam Carranza traveled"), or any name with an age ("María, 34, left"); not a
    // place, an institution, a caravan word or a people's name ("Central American")
    let name_word = |w: &Word| {
        w.capitalised
            && !w.all_caps
            && !in_place(w)
            && !INSTITUTION_WORDS.contains(&w.key.as_str())
            && !CARAVAN_WORDS.contains(&w.key.as_str())
            && !PEOPLE.contains(&w.key.as_str())
            && ![
                "an", "ans", "ano", "ana", "anos", "anas", "ense", "eno", "ena",
            ]
            .iter()
            .any(|e| w.key.ends_with(e))
            && dates::weekday_of(&w.key).is_none()
    };
    let mut name = j;
    while name > lo && name_word(&words[name - 1]) {
        name -= 1;
    }
    let aged = j < verb
        && name < j
        && text[words[j - 1].end..words[j].start].contains(',')
        && words[j].key.parse::<u32>().is_ok_and(|age| age <= 110);
    let opening = name == lo && (2..=3).contains(&(j - name)) && j == verb;
    if name < j && (aged || opening) {
        return true;
    }
    // a sentence opening with a name and an age, whatever stands before the verb ("María,
    // 34, a member of the caravan, left")
    let opening_run = words[lo..verb].iter().take_while(|w| name_word(w)).count();
    if (1..=3).contains(&opening_run)
        && let Some(age) = words
            .get(lo + opening_run)
            .filter(|_| lo + opening_run < verb)
        && text[words[lo + opening_run - 1].end..age.start].trim() == ","
        && age.key.parse::<u32>().is_ok_and(|a| a <= 110)
        && text[age.end..].trim_start().starts_with(',')
    {
        return true;
    }
    let person_word = |w: &Word| {
        let k = w.key.as_str();
        // ("él" folds to "el", the article)
        PERSON_WORDS.contains(&k) || k == "el" && text[w.start..w.end].to_lowercase() == "él"
    };
    for p in (lo.max(verb.saturating_sub(8))..verb).rev() {
        let w = &words[p];
        let k = w.key.as_str();
        if CARAVAN_WORDS.contains(&k)
            || PART_WORDS.contains(&k)
            || matches!(
                k,
                "they" | "ellos" | "ellas" | "todos" | "all" | "we" | "nosotros"
            )
        {
            // ("una mujer de la caravana", "a woman in the caravan": the person's)
            let of_person = (lo.max(p.saturating_sub(5))..p).any(|q| {
                person_word(&words[q])
                    && words[q + 1..p].iter().any(|b| {
                        matches!(b.key.as_str(), "de" | "del" | "of" | "in" | "en" | "from")
                    })
            });
            return of_person;
        }
        if person_word(w) {
            return true;
        }
    }
    false
}

/// Whether the sentence ties one person's move to the caravan's ("left with the caravan",
/// "junto con la caravana", "joined the caravan").
fn tied_to_caravan(keys: &[&str]) -> bool {
    keys.windows(3).any(|w| {
        matches!(
            w[0],
            "with" | "con" | "joined" | "unio" | "unieron" | "alongside"
        ) && (CARAVAN_WORDS.contains(&w[1]) || CARAVAN_WORDS.contains(&w[2]))
    })
}

/// Whether word `j` opens a clause of another time: `después de`, `luego de`, `antes de`,
/// `tras` or `after`, `before` followed by a verb (`tras haber descansado`, `after resting`),
/// whose day and places are that verb's, not the main verb's.
fn clause_opener(words: &[Word], j: usize) -> bool {
    let key = |i: usize| words.get(i).map_or("", |w| w.key.as_str());
    let verb = |k: &str| {
        k.len() > 3
            && (["ar", "er", "ir", "ing"].iter().any(|e| k.ends_with(e))
                || matches!(k, "haber" | "having"))
    };
    match key(j) {
        "despues" | "luego" | "antes" => key(j + 1) == "de" && verb(key(j + 2)),
        "tras" | "after" | "before" => verb(key(j + 1)),
        _ => false,
    }
}

/// Whether the clause opened at word `j` (see [`clause_opener`]) is a rest: its verb
/// (after `de`, `haber`, `having`) is a night stop (`después de descansar`, `after
/// sleeping`).
fn rest_after(words: &[Word], j: usize) -> bool {
    words[j + 1..]
        .iter()
        .map(|w| w.key.as_str())
        .find(|k| !matches!(*k, "de" | "haber" | "having"))
        .is_some_and(|k| verb_kind(k, "", "") == Some(Kind::NightStop))
}

/// Where the dateline of an article's first paragraph ends: the first separator
/// (`.-`, `--`, a dash between spaces, an em dash) in its first 160 bytes. Whatever date
/// stands before it is the story's date.
fn dateline_head_end(text: &str) -> Option<usize> {
    let mut cut = text.len().min(160);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    [".-", ".–", ".—", "--", " - ", " – ", " — ", "—"]
        .iter()
        .filter_map(|sep| text[..cut].find(sep))
        .min()
}

/// Auxiliaries of the present perfect: "have arrived", "han llegado" is a position on the
/// story's day.
const PERFECT: &[&str] = &["have", "has", "han", "ha"];

struct State<'f, 'g> {
    finder: &'f PlaceFinder<'g>,
    context: ArticleContext,
    article_date: Option<NaiveDate>,
    pending: Option<Pending>,
    /// The last day the story named so far: what "the next day", "la víspera" of a later
    /// sentence and "hours earlier" count from.
    anchor: Option<NaiveDate>,
    /// Whether the sentence before referred to the caravan.
    caravan_before: bool,
    drafts: Vec<Draft>,
    undated: usize,
    /// The town of the article's dateline ("CIUDAD HIDALGO, Chis.-"): the place of
    /// "here" and "esta localidad", and of the first sentence when it names no other.
    dateline: Option<PlaceHit>,
    /// Paragraphs of the article's body read so far.
    body_paragraphs: usize,
    /// The paragraph before was the dateline alone ("San Salvador (AFP)").
    dateline_alone: bool,
    /// The dateline names a wire agency or a date: the reporter was at its town.
    wire_dateline: bool,
}

impl State<'_, '_> {
    fn paragraph(&mut self, text: &str, first_line: usize) {
        let hits = self.finder.paragraph(text, first_line, &mut self.context);
        // the file's header (outlet:, title:, date:, url:) reports nothing
        let lower = text.trim_start().to_lowercase();
        if ["outlet:", "title:", "url:", "source:"]
            .iter()
            .any(|p| lower.starts_with(p))
            || dates::header_date(text.lines().next().unwrap_or("")).is_some()
        {
            self.pending = None;
            self.caravan_before = false;
            return;
        }
        let words = words(text);
        let exprs = dates::find_in_words(text, &words);
        // the dateline: the first paragraph of the body opens with a town, then a comma,
        // a bracket or a dash ("TIJUANA, Mexico, Nov. 25 (UPI) --", "MEXICO CITY (AP) —")
        if !text.trim().is_empty() {
            self.body_paragraphs += 1;
        }
        let dateline_here = self.body_paragraphs == 1
            && hits.first().is_some_and(|h| {
                h.start == text.len() - text.trim_start().len()
                    && text[h.end..]
                        .trim_start()
                        .starts_with([',', '(', '-', '–', '—', '.', '/'])
            });
        if dateline_here && let Some(h) = hits.first() {
            self.dateline = Some(h.clone());
            // a wire agency's or a dated dateline is where the reporter was ("SAN
            // SALVADOR, 31 Oct. (Reuters) -"); a bare one may be the outlet's home town
            let head: String = text[h.end..].chars().take(60).collect();
            let head = head.split(['-', '–', '—']).next().unwrap_or("");
            self.wire_dateline = head.contains('(')
                && words_of(head)
                    .iter()
                    .any(|w| WIRE_AGENCIES.contains(&w.key.as_str()))
                || dates::find(head).iter().any(|e| {
                    !matches!(
                        e.meaning,
                        DateMeaning::NoDay | DateMeaning::Relative(_) | DateMeaning::Anchored(_)
                    )
                });
        }
        // a dateline alone on its line ("San Salvador (AFP)") opens the next paragraph
        let carried = self.dateline_alone && !text.trim().is_empty();
        let dateline_sentence = dateline_here || carried;
        if !text.trim().is_empty() {
            self.dateline_alone = dateline_here
                && text.trim().len() <= 60
                && sentences(text).len() <= 1
                && words.iter().all(|w| verb_kind(&w.key, "", "").is_none());
        }
        let head_end = (self.body_paragraphs == 1)
            .then(|| dateline_head_end(text))
            .flatten();
        let line_of = |pos: usize| first_line + text[..pos].matches('\n').count();
        // a dateline cut off by a semicolon ("Tapachula, Chiapas; 1 de septiembre de
        // 2021.- La caravana salió ...") opens the sentence after it
        let mut carry_to_next = false;
        for (s_index, &(s_start, s_end)) in sentences(text).iter().enumerate() {
            let carried_here = carried && s_index == 0 || carry_to_next && s_index == 1;
            let w_lo = words.partition_point(|w| w.start < s_start);
            let w_hi = words.partition_point(|w| w.start < s_end);
            let sw = &words[w_lo..w_hi];
            let keys: Vec<&str> = sw.iter().map(|w| w.key.as_str()).collect();
            let caravan_here = keys.iter().any(|k| CARAVAN_WORDS.contains(k));
            let continues = self.caravan_before
                && (keys
                    .first()
                    .is_some_and(|k| PRONOUNS.contains(k) || verb_kind(k, "", "").is_some())
                    || keys.first().is_some_and(|k| OPENING_ARTICLES.contains(k))
                        && keys.get(1).is_some_and(|k| PART_WORDS.contains(k))
                    || keys.iter().take(3).any(|k| matches!(*k, "it" | "they"))
                    // "By Wednesday night, some had stopped in X": some of them
                    || keys.iter().take(5).any(|k| {
                        matches!(
                            *k,
                            "some" | "many" | "others" | "algunos" | "muchos" | "otros" | "varios"
                        )
                    })
                    // "Another 3,400 are in Mexicali", "Otros 2.000 partieron": more of them
                    || keys.first().is_some_and(|k| {
                        matches!(*k, "another" | "otros" | "otras")
                            && keys.get(1).is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
                    }));
            let about_caravan = caravan_here || continues;
            let sentence_text = &text[s_start..s_end];
            // verbs that happened, with their word index in the paragraph
            let mut cues: Vec<(usize, Kind)> = Vec::new();
            // verbs of plans ("tenían previsto salir este jueves"): their day is not the
            // group's
            let mut planned: Vec<usize> = Vec::new();
            // words of a date expression: skipped when reading a verb's next words ("pasó
            // el jueves por la ciudad" is "pasó por")
            let in_date: Vec<bool> = sw
                .iter()
                .map(|w| {
                    exprs
                        .iter()
                        .any(|e| e.start <= w.start && w.end <= e.end && e.end > e.start)
                })
                .collect();
            for (k, w) in sw.iter().enumerate() {
                // ("gathered early Saturday morning in X": the time of day is skipped too)
                let mut after_verb = (k + 1..sw.len())
                    .filter(|&j| {
                        !in_date[j]
                            && !matches!(
                                keys[j],
                                "early"
                                    | "late"
                                    | "morning"
                                    | "afternoon"
                                    | "evening"
                                    | "dawn"
                                    | "now"
                                    | "still"
                                    | "currently"
                                    | "already"
                                    | "ya"
                                    | "aun"
                                    | "todavia"
                                    | "actualmente"
                            )
                    })
                    .map(|j| keys[j]);
                let next = after_verb.next().unwrap_or("");
                let next2 = after_verb.next().unwrap_or("");
                // ("the closest border crossing is in X": a noun)
                let noun = w.key.ends_with("ing")
                    && k > 0
                    && matches!(
                        keys[k - 1],
                        "the"
                            | "a"
                            | "an"
                            | "border"
                            | "closest"
                            | "nearest"
                            | "main"
                            | "busiest"
                            | "this"
                            | "that"
                            | "its"
                            | "their"
                    );
                if noun {
                    continue;
                }
                if let Some(kind) = verb_kind(&w.key, next, next2) {
                    // "llegaron caminando a": a gerund after a verb says how, not what
                    let manner = k > 0
                        && (w.key.ends_with("ando") || w.key.ends_with("iendo"))
                        && cues.last().is_some_and(|c| c.0 + 1 == w_lo + k)
                        // "se encuentra dispersa": a state, not a dispersal
                        || k > 0
                            && matches!(
                                keys[k - 1],
                                "encuentra" | "encuentran" | "esta" | "estan" | "permanece"
                                    | "permanecen"
                            );
                    // "to reach the border", "saldrán el lunes": a purpose or a plan ("began
                    // to walk" is read at "began")
                    let purpose = k > 0
                        && keys[k - 1] == "to"
                        && !(k > 1 && HAPPENED_TO.contains(&keys[k - 2]));
                    let plan = purpose
                        || spanish_future(&w.key)
                        || (k.saturating_sub(3)..k).any(|b| {
                            // ("about to leave", not "about 300 migrants left")
                            NOT_YET.contains(&keys[b])
                                && (keys[b] != "about" || keys[b + 1] == "to")
                        });
                    if plan {
                        planned.push(w_lo + k);
                    } else if !manner {
                        cues.push((w_lo + k, kind));
                    }
                } else if spanish_future(&w.key) {
                    planned.push(w_lo + k);
                }
            }
            let in_sentence: Vec<&DateExpr> = exprs
                .iter()
                .filter(|e| e.start >= s_start && e.start < s_end)
                .collect();
            // the date of a dateline ("Tuxtla Gutiérrez, Chis. 26 Abril.- ... partieron
            // ... la media noche del jueves", "Mexico City, October 14 (RHC)-- ... on
            // Saturday") is the story's: a place's day only when the sentence gives that
            // place no day of its own (not one of a relative clause: "una columna de
            // migrantes que desde ayer entraron al país se pusieron en marcha")
            let in_dateline = |e: &DateExpr| head_end.is_some_and(|h| e.end <= h);
            let own_day = |e: &DateExpr| {
                !in_dateline(e)
                    && e.meaning != DateMeaning::NoDay
                    && !words[e.word.saturating_sub(3).max(w_lo)..e.word]
                        .iter()
                        .any(|w| {
                            matches!(w.key.as_str(), "que" | "quienes" | "who" | "which" | "that")
                        })
            };
            // (not the dateline's day: "Tuxtla Gutiérrez, Chis. 26 Abril.- Cientos de
            // migrantes ...")
            let count = match head_end {
                Some(head) if head > s_start && head < s_end => headcount(&text[head..s_end]),
                _ => headcount(sentence_text),
            };
            let group = group_of(&keys);
            let mut placed = false;
            let mut came_from = false;
            // the places of the sentence: the towns it names, the dateline's town where it
            // says "here", and (with the kind of its first verb) the dateline's town for
            // the dateline's own sentence when that puts the group at no other town
            let mut sentence_places: Vec<(PlaceHit, Option<Kind>, Option<Role>)> = hits
                .iter()
                .filter(|h| h.sentence == s_index)
                .map(|h| (h.clone(), None, None))
                .collect();
            // "X, donde pasaron la noche", "X, de donde salieron", "a town where they
            // slept": the relative word stands for the place before it
            let mut relatives = Vec::new();
            for (h, _, _) in &sentence_places {
                let a = words.partition_point(|w| w.start < h.end);
                let skipped = (a..(a + 3).min(w_hi))
                    .take_while(|&j| {
                        let k = words[j].key.as_str();
                        town_noun(k) || ARTICLES.contains(&k)
                    })
                    .count();
                let r = a + skipped;
                if r >= w_hi {
                    continue;
                }
                if let Some((n, role)) = RELATIVES.iter().find_map(|(p, role)| {
                    (words[r..w_hi].len() >= p.len()
                        && p.iter().zip(&words[r..]).all(|(a, b)| *a == b.key.as_str()))
                    .then_some((p.len(), *role))
                }) {
                    let (start, end) = (words[r].start, words[r + n - 1].end);
                    relatives.push((
                        PlaceHit {
                            start,
                            end,
                            line: line_of(start),
                            ..h.clone()
                        },
                        None,
                        Some(role),
                    ));
                }
            }
            sentence_places.extend(relatives);
            if let Some(d) = &self.dateline {
                // the dateline alone on the line before stands at this sentence's start
                if carried_here {
                    sentence_places.push((
                        PlaceHit {
                            start: s_start,
                            end: s_start,
                            line: line_of(s_start),
                            sentence: s_index,
                            ..d.clone()
                        },
                        None,
                        None,
                    ));
                }
                for (k, _) in sw.iter().enumerate() {
                    if let Some(n) = DEICTICS
                        .iter()
                        .find(|p| keys[k..].starts_with(p))
                        .map(|p| p.len())
                    {
                        let (start, end) = (sw[k].start, sw[k + n - 1].end);
                        sentence_places.push((
                            PlaceHit {
                                start,
                                end,
                                line: line_of(start),
                                sentence: s_index,
                                text: text[start..end].to_string(),
                                ..d.clone()
                            },
                            None,
                            None,
                        ));
                    }
                }
                let town_of = |h: &PlaceHit| h.chosen.as_ref().map_or(h.candidates[0], |c| c.0);
                let elsewhere = sentence_places.iter().any(|(h, _, _)| {
                    let at = words.partition_point(|w| w.start < h.start);
                    at > 0 && matches!(role_of(&words, at).0, Role::At | Role::Object | Role::To)
                        // (after a semicolon, any other town: "Tapachula, Chiapas; 6 de
                        // noviembre.- La caravana salió el miércoles de Huixtla")
                        || carry_to_next
                            && s_index == 1
                            && h.start != s_start
                            && town_of(h) != town_of(d)
                });
                // (a planned verb still says what the dateline's sentence is about: "with
                // hopes of reaching")
                if (dateline_sentence && s_index == 0 || carried_here)
                    && !elsewhere
                    && let Some(kind) = cues.iter().find(|c| c.1 != Kind::Count).map(|c| c.1)
                    && let Some(i) = sentence_places.iter().position(|(h, _, r)| {
                        r.is_none() && (h.start == d.start || carried_here && h.start == s_start)
                    })
                {
                    sentence_places[i].1 = Some(kind);
                }
            }
            sentence_places.sort_by_key(|(h, _, _)| h.start);
            // word index of each place, and the first place of the list it is in ("passed
            // through Huixtla, Escuintla and Mapastepec": one list)
            let place_at: Vec<usize> = sentence_places
                .iter()
                .map(|(h, _, _)| words.partition_point(|w| w.start < h.start))
                .collect();
            let mut list_head: Vec<usize> = (0..sentence_places.len()).collect();
            for i in 1..sentence_places.len() {
                let (prev, cur) = (&sentence_places[i - 1], &sentence_places[i]);
                if prev.2.is_none() && cur.2.is_none() && prev.0.end <= cur.0.start {
                    let gap = &text[prev.0.end..cur.0.start];
                    let only_separators = super::text::words(gap)
                        .iter()
                        .all(|w| LIST_WORDS.contains(&w.key.as_str()))
                        && gap
                            .chars()
                            .all(|c| c.is_alphabetic() || c == ',' || c.is_whitespace());
                    if only_separators {
                        list_head[i] = list_head[i - 1];
                    }
                }
            }
            if about_caravan {
                for (n, (h, dateline_kind, relative)) in sentence_places.iter().enumerate() {
                    let at = place_at[n];
                    let (mut role, role_at) = match relative {
                        Some(r) => (*r, at),
                        None => role_of(&words, at),
                    };
                    if role == Role::None && list_head[n] != n {
                        role = role_of(&words, place_at[list_head[n]]).0;
                    }
                    // a verb says what the group did at this place unless another place
                    // (not of its list), a plan or a purpose stands between them ("left
                    // Tapachula and divided up in Huehuetán", "arribaron a San Luis para
                    // dirigirse a Mexicali")
                    // (only a place the group is at or goes to takes the verb: "de A a B",
                    // "hacia B desde A", "pueblo fronterizo con B" do not)
                    let takes_verb = |m: usize| {
                        sentence_places[m].2.is_some()
                            || matches!(
                                role_of(&words, place_at[m]).0,
                                Role::At | Role::To | Role::Object
                            )
                    };
                    let free = |i: usize| {
                        let (lo, hi) = if i < at { (i, at) } else { (at, i) };
                        !place_at.iter().enumerate().any(|(m, &p)| {
                            m != n
                                && list_head[m] != list_head[n]
                                && p > lo
                                && p < hi
                                && takes_verb(m)
                        }) && !planned.iter().any(|&p| {
                            // (a planned departure from a place still puts the group there:
                            // "as it prepared to depart Huixtla")
                            p > lo
                                && p < hi
                                && verb_kind(&words[p].key, "", "") != Some(Kind::Departure)
                        }) && !(lo + 1..hi).any(|j| {
                            let k = words[j].key.as_str();
                            let next = words.get(j + 1).map_or("", |w| w.key.as_str());
                            BETWEEN_CLAUSES.contains(&k)
                                    || PLAN_WORDS.contains(&k)
                                    // "after resting in", "before the group entered" (not
                                    // "before sunrise")
                                    || matches!(k, "after" | "before")
                                        && (next.ends_with("ing")
                                            || ARTICLES.contains(&next)
                                            || matches!(next, "they" | "it" | "we"))
                                    || matches!(k, "luego" | "despues" | "antes") && next == "de"
                        })
                    };
                    // ("are in", "have been in" say where only of the place right after
                    // them: not "Police in X are in riot gear")
                    let copula = |i: usize| COPULAS.contains(&words[i].key.as_str());
                    let before = cues
                        .iter()
                        .rev()
                        .find(|(i, _)| *i < role_at.max(at) && at - *i <= MAX_CUE_WORDS)
                        .filter(|(i, _)| {
                            // ("are now at the Albergue X shelter in Tijuana": farther
                            // without a comma)
                            relative.is_none()
                                && free(*i)
                                && (!copula(*i)
                                    || at - *i <= 6
                                    || at - *i <= 10
                                        && !text[words[*i].end..words[at].start].contains(','))
                        });
                    // (not a verb of a relative clause about someone else: "nació Kevin en
                    // X, el primero de la caravana, cuyos miembros que caminaron")
                    let behind_a_relative = |i: usize| {
                        relative.is_none()
                            && words[at + 1..i].iter().any(|w| {
                                matches!(w.key.as_str(), "que" | "who" | "which" | "quienes")
                            })
                    };
                    // a place inside "luego de pernoctar en A y B, llegó a C" is not the
                    // main verb's once a comma has closed the clause
                    let opened_clause = relative.is_none()
                        && (w_lo..at).rev().take(MAX_CUE_WORDS).any(|j| {
                            clause_opener(&words, j)
                                && !text[words[j].end..words[at].start].contains([',', ';'])
                        });
                    let after = cues
                        .iter()
                        .find(|(i, _)| *i > at && *i - at <= MAX_CUE_WORDS)
                        .filter(|(i, _)| {
                            free(*i)
                                && (!copula(*i) || relative.is_some())
                                && !behind_a_relative(*i)
                                && !(opened_clause
                                    && text[words[at].end..words[*i].start].contains(','))
                        });
                    // one person's or family's story is not the caravan's position ("Miriam
                    // traveled in the caravan and arrived in Tijuana four days ago"), unless
                    // the sentence ties the move to the caravan ("left with the caravan")
                    // (the subject of the sentence's first verb: "Miriam traveled ... and
                    // arrived in X")
                    let first_verb = cues
                        .first()
                        .map(|c| c.0)
                        .into_iter()
                        .chain(planned.first().copied())
                        .min();
                    if let Some(i) = first_verb
                        && person_subject(text, &words, w_lo, i, &hits)
                        && !tied_to_caravan(&keys)
                    {
                        continue;
                    }
                    // a plan's place: the nearest verb before the place is a plan, a hope
                    // or a purpose ("expected to reach El Paso ... as crowds march",
                    // "planned to rest in Juchitán beginning Wednesday", "con el propósito de
                    // llegar a X"); no verb after it claims the place (a planned departure
                    // still puts the group there: "as it prepared to depart Huixtla")
                    // (a plan word before "to", "de", "que" or an infinitive counts like a
                    // planned verb: "planned to rest in X"; not "esperan en X", waiting)
                    let plan_word = |p: usize| {
                        PLAN_WORDS.contains(&words[p].key.as_str())
                            && words.get(p + 1).is_some_and(|n| {
                                let k = n.key.as_str();
                                matches!(k, "to" | "de" | "que")
                                    || ["ar", "er", "ir"].iter().any(|e| k.ends_with(e))
                            })
                    };
                    let plan_before = (w_lo..role_at.max(at))
                        .rev()
                        .take(MAX_CUE_WORDS)
                        .find(|&p| planned.contains(&p) || plan_word(p))
                        .filter(|&p| {
                            free(p)
                                && before.is_none_or(|b| b.0 < p)
                                && verb_kind(&words[p].key, "", "") != Some(Kind::Departure)
                        });
                    if relative.is_none() && plan_before.is_some() {
                        continue;
                    }
                    let cue = before.or(after).map(|c| c.1);
                    // "have waited in X", "han permanecido": still there on the story's day;
                    // "have arrived", "han llegado" without a day of their own say that
                    // the group got there, not when (often the day before the story), so
                    // they name no day ("have now arrived", "hasta ahora han llegado" do)
                    let perfect = |kind: Kind| {
                        before.or(after).is_some_and(|&(i, k)| {
                            k == kind && i > 0 && PERFECT.contains(&words[i - 1].key.as_str())
                        })
                    };
                    let (perfect_stay, perfect_arrival) =
                        (perfect(Kind::NightStop), perfect(Kind::Arrival));
                    let kind = match (role, cue) {
                        (Role::To, Some(Kind::Arrival)) => Some(Kind::Arrival),
                        // "came from A and walked to B", "avanzaron hasta X": reached it
                        (Role::To, Some(Kind::Passing))
                            if came_from
                                || role_at > 0 && words[role_at - 1].key == "hasta"
                                || role_at > 1
                                    && words[role_at - 1].key == "as"
                                    && words[role_at - 2].key == "far" =>
                        {
                            Some(Kind::Arrival)
                        }
                        (Role::From, Some(Kind::Departure | Kind::Passing))
                            if before.is_some() || relative.is_some() =>
                        {
                            came_from = true;
                            Some(Kind::Departure)
                        }
                        (Role::Object | Role::At, Some(k)) => Some(k),
                        _ => None,
                    };
                    // the dateline's town, for want of another place in its sentence
                    let at_dateline =
                        kind.is_none() && dateline_kind.is_some() && !self.wire_dateline;
                    let Some(mut kind) = kind.or(*dateline_kind) else {
                        continue;
                    };
                    // the day: the nearest expression in the sentence (one before the
                    // place preferred), else the sentence before, else the story's day
                    // for a present-tense position ("se encuentran en", "are sheltered")
                    // (a day after a later arrival is the arrival's, not the departure's:
                    // "came from El Progreso and arrived in Tijuana four days ago")
                    // (a relative clause's own day first: "X, de donde salieron hoy")
                    let relative_day = in_sentence
                        .iter()
                        .filter(|e| relative.is_some() && e.word > at)
                        .min_by_key(|e| e.word);
                    let expr = relative_day.or_else(|| {
                        let candidates = in_sentence
                            .iter()
                            .filter(|e| {
                                // ... and a span after another verb is that verb's ("have
                                // arrived in the capital from the caravan that set out more
                                // than three weeks ago")
                                let other_verb_between = |arrival_only: bool| {
                                    cues.iter().any(|c| {
                                        c.0 > at
                                            && c.0 < e.word
                                            && Some(c.0) != before.or(after).map(|b| b.0)
                                            && (!arrival_only || c.1 == Kind::Arrival)
                                    })
                                };
                                // ("left from X, where they had arranged to meet the day
                                // before": the day of a plan)
                                let after_a_plan = planned.iter().any(|&p| p > at && p < e.word)
                                    || e.word > at
                                        && words[at..e.word]
                                            .iter()
                                            .any(|w| PLAN_WORDS.contains(&w.key.as_str()));
                                // ("llegó a Irapuato después de descansar anoche en
                                // Querétaro": the night of a rest that names a place of its
                                // own is that place's, and the move after it is a day later;
                                // "tras reanudar la caminata esta madrugada" is the same day)
                                let other_clause = e.word > at
                                    && (at + 1..e.word).any(|j| {
                                        clause_opener(&words, j)
                                            && rest_after(&words, j)
                                            && place_at.iter().any(|&p| p > j && p < w_hi)
                                    });
                                e.word < at
                                    || !(after_a_plan
                                        || other_clause
                                        || kind == Kind::Departure && other_verb_between(true)
                                        || e.meaning == DateMeaning::NoDay
                                            && other_verb_between(false))
                            })
                            .collect::<Vec<_>>();
                        // (the dateline's date only for want of the sentence's own day)
                        let own = candidates.iter().any(|e| own_day(e));
                        candidates
                            .into_iter()
                            .filter(|e| !(own && in_dateline(e)))
                            .min_by_key(|e| {
                                if e.word < at {
                                    at - e.word
                                } else {
                                    e.word - at + 3
                                }
                            })
                    });
                    // a present-tense word puts the group there on the story's day, unless
                    // the verb of the place is in a past tense ("que partió de X y está
                    // compuesta por")
                    // ("are sheltered", "have been" are not past)
                    let past = before.or(after).is_some_and(|&(i, _)| {
                        past_tense(&words[i].key)
                            && !words[i.saturating_sub(2)..i].iter().any(|w| {
                                matches!(
                                    w.key.as_str(),
                                    "are"
                                        | "is"
                                        | "am"
                                        | "remain"
                                        | "remains"
                                        | "been"
                                        | "have"
                                        | "has"
                                )
                            })
                    });
                    // ("ya avanzó hasta X": already there on the story's day)
                    let now_before = before.or(after).is_some_and(|&(i, _)| {
                        words[i.saturating_sub(2)..i]
                            .iter()
                            .any(|w| matches!(w.key.as_str(), "ya" | "now" | "ahora"))
                    });
                    let present = perfect_stay
                        || now_before
                        || !perfect_arrival && !past && keys.iter().any(|k| PRESENT.contains(k));
                    // ("desde este martes", "since last Tuesday", "desde el pasado lunes")
                    let since_word = |e: &DateExpr| {
                        (e.word.saturating_sub(3)..e.word).rev().find(|&j| {
                            matches!(words[j].key.as_str(), "desde" | "since")
                                && words[j + 1..e.word].iter().all(|w| {
                                    matches!(
                                        w.key.as_str(),
                                        "este"
                                            | "esta"
                                            | "el"
                                            | "la"
                                            | "the"
                                            | "this"
                                            | "last"
                                            | "pasado"
                                    )
                                })
                        })
                    };
                    let since = |e: &DateExpr| since_word(e).is_some();
                    let mut since_day = None;
                    let (date, note, lent) = match expr {
                        Some(e) if e.meaning == DateMeaning::NoDay => {
                            self.undated += 1;
                            continue;
                        }
                        // "permanece desde ayer en Juchitán": still there on the story's day
                        Some(e) if present && since(e) && self.article_date.is_some() => {
                            let a = self.article_date.unwrap_or_default();
                            // ... and arrived on the day named
                            since_day = e
                                .resolve_after(self.article_date, self.anchor)
                                .map(|d| (d, self.note(&text[e.start..e.end], d)));
                            (
                                a,
                                format!(
                                    "present tense, there '{}', in a story dated {a} → {a}",
                                    &text[words[since_word(e).unwrap_or(e.word)].start..e.end]
                                ),
                                None,
                            )
                        }
                        Some(e) => match e.resolve_after(self.article_date, self.anchor) {
                            Some(d) => (d, self.note(&text[e.start..e.end], d), None),
                            None => {
                                self.undated += 1;
                                continue;
                            }
                        },
                        // (only a dispersal lends its day: a police operation is often told
                        // in two sentences, its place in the second; a departure or arrival
                        // told again with its town has no day of its own)
                        None => match (
                            self.pending
                                .as_ref()
                                .filter(|p| p.kind == Some(Kind::Dispersal)),
                            self.article_date,
                        ) {
                            (Some(p), _) => (p.date, p.note.clone(), Some(p.clone())),
                            // ("are traveling from A to B": a journey, no position on
                            // the story's day)
                            (None, Some(a))
                                if present
                                    && !before.or(after).is_some_and(|c| {
                                        matches!(
                                            words[c.0].key.as_str(),
                                            "traveling" | "travelling"
                                        )
                                    }) =>
                            {
                                (a, format!("present tense in a story dated {a} → {a}"), None)
                            }
                            _ => {
                                self.undated += 1;
                                continue;
                            }
                        },
                    };
                    let mut count = count;
                    if let Some(p) = &lent {
                        if let Some(k) = p.kind {
                            kind = k;
                        }
                        count = count.or(p.headcount);
                    }
                    if kind == Kind::Count {
                        kind = Kind::Passing;
                    }
                    // (a guess at the dateline still lends the day to the next sentence)
                    placed |= !at_dateline;
                    let (town, reason) = match &h.chosen {
                        Some((t, r)) => (*t, r.clone()),
                        None => (h.candidates[0], Reason::OnlyPlace),
                    };
                    self.drafts.push(Draft {
                        s: Sighting {
                            line: h.line,
                            date,
                            town,
                            reason,
                            written: h.text.clone(),
                            kind,
                            headcount: count.map(|c| c.0),
                            headcount_kind: count.map(|c| c.1),
                            group: group.clone(),
                            note,
                        },
                        candidates: h.candidates.clone(),
                        waiting: h.needs_support,
                        at_dateline,
                    });
                    if let Some((d, note)) = since_day
                        && let Some(last) = self.drafts.last()
                    {
                        let arrival = Draft {
                            s: Sighting {
                                date: d,
                                kind: Kind::Arrival,
                                note,
                                ..last.s.clone()
                            },
                            candidates: last.candidates.clone(),
                            waiting: last.waiting,
                            at_dateline,
                        };
                        self.drafts.push(arrival);
                    }
                }
            }
            // a dated caravan sentence without a place lends its day to the next one
            self.pending = None;
            // (a sentence of plans only, "Tonight they will sleep in X", lends no day)
            let only_plans = cues.is_empty() && !planned.is_empty();
            if about_caravan && !placed && !only_plans {
                let dated = in_sentence
                    .iter()
                    .filter(|e| e.meaning != DateMeaning::NoDay)
                    .find_map(|e| {
                        e.resolve_after(self.article_date, self.anchor)
                            .map(|d| (e, d))
                    });
                if let Some((e, d)) = dated {
                    self.pending = Some(Pending {
                        date: d,
                        note: self.note(&text[e.start..e.end], d),
                        kind: cues.first().map(|c| c.1).filter(|k| *k != Kind::Count),
                        headcount: count,
                    });
                }
            }
            self.caravan_before = about_caravan;
            carry_to_next = dateline_here
                && s_index == 0
                && sentence_text.trim_end().ends_with(';')
                && cues.is_empty()
                && planned.is_empty();
            // the last day this sentence names is what "the next day" counts from
            if let Some(d) = in_sentence
                .iter()
                .filter(|e| e.meaning != DateMeaning::NoDay)
                .rev()
                .find_map(|e| e.resolve_after(self.article_date, self.anchor))
            {
                self.anchor = Some(d);
            }
        }
    }

    fn note(&self, expr: &str, d: NaiveDate) -> String {
        let expr = expr.split_whitespace().collect::<Vec<_>>().join(" ");
        match self.article_date {
            Some(a) => format!(
                "'{expr}' in a story dated {} ({}) → {} ({})",
                a,
                a.format("%a"),
                d,
                d.format("%a")
            ),
            None => format!("'{expr}' → {d}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    fn run(text: &str, published: &str) -> Vec<(String, String, &'static str, Option<u64>)> {
        let g = Gazetteer::bundled();
        let f = PlaceFinder::new(&g);
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        read_sightings(&f, text.as_bytes(), "t.txt", p, u64::MAX)
            .unwrap()
            .sightings
            .into_iter()
            .map(|s| {
                (
                    s.date.to_string(),
                    g.towns()[s.town].name.clone(),
                    s.kind.as_str(),
                    s.headcount,
                )
            })
            .collect()
    }

    fn places_kinds(text: &str, published: &str) -> Vec<(String, String, &'static str)> {
        run(text, published)
            .into_iter()
            .map(|(d, p, k, _)| (d, p, k))
            .collect()
    }

    #[test]
    fn one_persons_story_is_not_the_caravans_position() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        // 2018-11-19 is a Monday
        for text in [
            "Miriam Carranza traveled in the caravan from El Progreso and arrived in Tijuana four days ago.",
            "María, 34, a member of the caravan, left San Pedro Sula on Monday.",
            "The caravan rested. Her family left San Pedro Sula on Monday to join the caravan.",
            "La caravana descansó. Una mujer de la caravana salió el lunes de San Pedro Sula.",
        ] {
            assert_eq!(places_kinds(text, "2018-11-19"), vec![], "{text}");
        }
        // tied to the caravan's move, or the caravan nearer the verb than the person
        assert_eq!(
            places_kinds(
                "María, 34, left San Pedro Sula on Monday with the caravan.",
                "2018-11-19"
            ),
            vec![s("2018-11-19", "San Pedro Sula", "departure")]
        );
        assert_eq!(
            places_kinds(
                "A woman said the caravan left San Pedro Sula on Monday.",
                "2018-11-19"
            ),
            vec![s("2018-11-19", "San Pedro Sula", "departure")]
        );
    }

    #[test]
    fn a_plans_place_is_no_position() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        // 2024-03-28 is a Thursday
        for text in [
            "The caravan is expected to reach Tijuana on Thursday, as crowds marching through Chiapas cheer.",
            "The caravan planned to rest in the city of Juchitan beginning Wednesday.",
        ] {
            assert_eq!(places_kinds(text, "2024-03-28"), vec![], "{text}");
        }
        // the departure happened; the destination of its purpose did not
        assert_eq!(
            places_kinds(
                "La caravana partió este martes de Tapachula con el propósito de llegar a Huixtla.",
                "2024-03-28"
            ),
            vec![s("2024-03-26", "Tapachula", "departure")]
        );
        // a planned departure still puts the group at its town
        assert_eq!(
            places_kinds(
                "On Wednesday police detained the caravan as it prepared to depart Huixtla.",
                "2024-03-28"
            ),
            vec![s("2024-03-27", "Huixtla", "dispersal")]
        );
    }

    #[test]
    fn a_sentence_opening_with_an_article_is_about_its_own_noun() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        // "La Comisión ... Castilla se encuentra en Tapachula": an official, not the caravan
        assert_eq!(
            places_kinds(
                "La caravana llegó el domingo a Huixtla. La Comisión informó ayer que Castilla se encuentra en Tapachula.",
                "2018-10-22"
            ),
            vec![s("2018-10-21", "Huixtla", "arrival")]
        );
        // "the rest", "la mayoría": a part of the group before
        assert_eq!(
            places_kinds(
                "The caravan reached Huixtla on Sunday. The rest slept in Tapachula on Sunday.",
                "2018-10-22"
            ),
            vec![
                s("2018-10-21", "Huixtla", "arrival"),
                s("2018-10-21", "Tapachula", "night_stop")
            ]
        );
    }

    #[test]
    fn every_third_person_form_of_a_spanish_verb_of_movement_counts() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        // imperfect; a participle ("había avanzado hasta X": reached it)
        assert_eq!(
            places_kinds(
                "El lunes, unos 600 migrantes de la caravana permanecían en Huixtla.",
                "2021-09-08"
            ),
            vec![s("2021-09-06", "Huixtla", "night_stop")]
        );
        assert_eq!(
            places_kinds(
                "La caravana ya había avanzado el martes hasta el municipio de Escuintla.",
                "2022-06-08"
            ),
            vec![s("2022-06-07", "Escuintla", "arrival")]
        );
        // "la ciudad mexicana de X": an adjective between the town noun and the name
        assert_eq!(
            places_kinds(
                "La caravana arribó este lunes a la ciudad mexicana de Tapachula.",
                "2018-10-23"
            ),
            vec![s("2018-10-22", "Tapachula", "arrival")]
        );
        // "al entregarse": giving themselves up is the end of the caravan
        assert_eq!(
            places_kinds(
                "La caravana terminó el martes al entregarse a los agentes en Mapastepec.",
                "2024-01-03"
            ),
            vec![s("2024-01-02", "Mapastepec", "dispersal")]
        );
    }

    #[test]
    fn spanish_plans_subjunctives_and_manner_gerunds_are_not_movements() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        // "conforme vayan llegando": a subjunctive, not yet
        assert!(
            places_kinds(
                "Los migrantes de la caravana se reunirán en Tapachula conforme vayan llegando.",
                "2023-11-17"
            )
            .is_empty()
        );
        // an infinitive is a hope ("con la esperanza de alcanzar")
        assert!(
            places_kinds(
                "El lunes la caravana salió con la esperanza de alcanzar Oaxaca.",
                "2024-05-07"
            )
            .iter()
            .all(|x| x.1 != "Oaxaca")
        );
        // the day of a plan after the place is not the group's day there
        assert_eq!(
            places_kinds(
                "La caravana ya avanzó hasta Huixtla, donde tiene previsto salir el jueves.",
                "2021-09-01"
            ),
            vec![s("2021-09-01", "Huixtla", "arrival")]
        );
        // "llegaron caminando a X": the arrival, not a passing
        assert_eq!(
            places_kinds(
                "El domingo los migrantes de la caravana llegaron caminando a Huixtla.",
                "2021-10-25"
            ),
            vec![s("2021-10-24", "Huixtla", "arrival")]
        );
    }

    #[test]
    fn english_arrivals_into_and_departures_out_of() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        assert_eq!(
            places_kinds(
                "Members of the caravan spent Monday night in Pijijiapan.",
                "2021-11-10"
            ),
            vec![s("2021-11-08", "Pijijiapan", "night_stop")]
        );
        assert_eq!(
            places_kinds(
                "About 3,000 migrants were sheltering in Mapastepec on Tuesday.",
                "2021-11-10"
            ),
            vec![s("2021-11-09", "Mapastepec", "night_stop")]
        );
        assert_eq!(
            places_kinds(
                "The caravan walked out of Tapachula on Saturday.",
                "2021-10-26"
            ),
            vec![s("2021-10-23", "Tapachula", "departure")]
        );
        assert_eq!(
            places_kinds(
                "Migrants of the caravan began to trickle into Tijuana on Tuesday.",
                "2018-11-15"
            ),
            vec![s("2018-11-13", "Tijuana", "arrival")]
        );
    }

    #[test]
    fn a_group_that_is_in_a_town_is_there_on_the_story_day() {
        assert_eq!(
            run(
                "Another 3,400 migrants of the caravan are in nearby Mexicali.",
                "2018-11-19"
            ),
            vec![(
                "2018-11-19".into(),
                "Mexicali".into(),
                "night_stop",
                Some(3400)
            )]
        );
    }

    #[test]
    fn headcounts() {
        assert_eq!(
            headcount("It numbered more than 5,000 when it settled"),
            Some((5000, HeadcountKind::AtLeast))
        );
        assert_eq!(
            headcount("a caravan of approximately 400 migrants"),
            Some((400, HeadcountKind::Estimate))
        );
        assert_eq!(
            headcount("llegaron unos 400 migrantes"),
            Some((400, HeadcountKind::Estimate))
        );
        assert_eq!(
            headcount("Por lo menos unas 500 personas"),
            Some((500, HeadcountKind::AtLeast))
        );
        assert_eq!(headcount("hundreds of migrants walked 1,600km"), None);
        assert_eq!(
            headcount("una caravana de 3 mil migrantes"),
            Some((3000, HeadcountKind::Exact))
        );
        assert_eq!(headcount("in 2018 the group walked 40 kilometers"), None);
    }

    #[test]
    fn headcounts_in_words() {
        use HeadcountKind::{AtLeast, Estimate, Exact};
        for (sentence, want) in [
            (
                "Más de mil 500 migrantes arribaron a la ciudad",
                Some((1500, AtLeast)),
            ),
            (
                "alrededor de dos mil migrantes arribaron",
                Some((2000, Estimate)),
            ),
            (
                "suman 5 mil 500 migrantes los que están en el albergue",
                Some((5500, Exact)),
            ),
            (
                "About two thousand people slept in the square",
                Some((2000, Estimate)),
            ),
            (
                "over a thousand people were gathered in the plaza",
                Some((1000, AtLeast)),
            ),
            (
                "más de un centenar de hondureños salieron",
                Some((100, AtLeast)),
            ),
            (
                "son alrededor de medio millar de personas",
                Some((500, Estimate)),
            ),
            (
                "un millar de migrantes durmió en la plaza",
                Some((1000, Estimate)),
            ),
            (
                "The group, estimated around 4,000, set off before dawn",
                Some((4000, Estimate)),
            ),
            // the people counted are the last number's, not a date's before it
            (
                "The caravan started on Oct. 12, with around 120 migrants",
                Some((120, Estimate)),
            ),
            // a floor of a range is a count; a range alone is none
            (
                "A caravan of at least 5,000 but as many as 11,000 migrants left",
                Some((5000, AtLeast)),
            ),
            ("Entre mil 500 y dos mil 500 migrantes llegaron", None),
            ("between 5,000 and 7,000 migrants crossed", None),
            // vague amounts
            ("a few hundred migrants reached the town", None),
            ("several thousand migrants reached the town", None),
            ("decenas de migrantes llegaron", None),
            ("miles de migrantes llegaron", None),
            ("the caravan walked two thousand miles", None),
        ] {
            assert_eq!(headcount(sentence), want, "{sentence}");
        }
    }

    #[test]
    fn a_dated_sentence_lends_its_day_to_the_next() {
        let s = run(
            "On Sunday, police dispersed a caravan of approximately 400 migrants.\n\nPolice detained the group as it prepared to depart the town of Huixtla in southern Chiapas state.\n",
            "2021-09-06",
        );
        assert_eq!(
            s,
            vec![(
                "2021-09-05".into(),
                "Huixtla".into(),
                "dispersal",
                Some(400)
            )]
        );
    }

    #[test]
    fn kinds_from_verbs_in_both_languages() {
        let s = run(
            "It numbered more than 5,000 when the caravan settled in the town of Mapastepec on Wednesday night.\n\
             El domingo la caravana salió de Tapachula y el lunes llegó a Huixtla.\n\
             The migrants will walk to Pijijiapan on Friday.\n\
             This week the caravan rested in Arriaga.\n",
            "2018-10-25",
        );
        assert_eq!(
            s,
            vec![
                (
                    "2018-10-24".into(),
                    "Mapastepec".into(),
                    "night_stop",
                    Some(5000)
                ),
                ("2018-10-21".into(), "Tapachula".into(), "departure", None),
                ("2018-10-22".into(), "Huixtla".into(), "arrival", None),
            ]
        );
    }

    #[test]
    fn the_dateline_town_is_the_place_of_its_sentence_and_of_here() {
        // the wire-story opening: the group arrives where the dateline is
        let s = run(
            "outlet: X\n\nHUIXTLA, Mexico, Oct. 24 (Wire) -- Police watched on Wednesday as the caravan of migrants arrived.\n\
             Later they walked on toward Tapachula.\n",
            "2018-10-24",
        );
        assert_eq!(
            s,
            vec![("2018-10-24".into(), "Huixtla".into(), "arrival", None)]
        );
        // an outlet's home far from every place of the story is not where the group was
        assert!(
            run(
                "outlet: X\n\nMONTERREY, Mexico (Wire) -- On Monday the caravan of migrants left.\n\
                 It walked from Tapachula toward Huixtla.\n",
                "2018-10-24",
            )
            .iter()
            .all(|s| s.1 != "Monterrey")
        );
        // "esta localidad" is the dateline's town
        let s = run(
            "outlet: X\n\nTAPACHULA, Chis., 24 de octubre.- Los migrantes durmieron ayer en esta localidad y hoy siguieron hacia Huixtla.\n",
            "2018-10-24",
        );
        assert_eq!(
            s,
            vec![("2018-10-23".into(), "Tapachula".into(), "night_stop", None)]
        );
    }

    #[test]
    fn present_perfect_since_and_days_ago() {
        // "have arrived" says that, not when: no day of its own ...
        assert_eq!(
            run(
                "Hundreds of migrants have arrived in Mapastepec.",
                "2018-10-25"
            ),
            vec![]
        );
        assert_eq!(
            run(
                "Cientos de migrantes han llegado a Mapastepec.",
                "2018-10-25"
            ),
            vec![]
        );
        // ... unless it says now, or a day
        assert_eq!(
            run(
                "Hundreds of migrants have now arrived in Mapastepec.",
                "2018-10-25"
            ),
            vec![("2018-10-25".into(), "Mapastepec".into(), "arrival", None)]
        );
        assert_eq!(
            run(
                "Cientos de migrantes han llegado este miércoles a Mapastepec.",
                "2018-10-25"
            ),
            vec![("2018-10-24".into(), "Mapastepec".into(), "arrival", None)]
        );
        // "have waited in X": still there on the story's day
        assert_eq!(
            run(
                "Migrants from the caravan have waited for weeks in Tijuana.",
                "2018-11-14"
            ),
            vec![("2018-11-14".into(), "Tijuana".into(), "night_stop", None)]
        );
        // "permanece desde ayer": still there today, arrived yesterday
        assert_eq!(
            run(
                "La caravana permanece desde ayer en Juchitán de Zaragoza.",
                "2024-01-20"
            ),
            vec![
                (
                    "2024-01-20".into(),
                    "Heroica Ciudad de Juchitán de Zaragoza".into(),
                    "night_stop",
                    None
                ),
                (
                    "2024-01-19".into(),
                    "Heroica Ciudad de Juchitán de Zaragoza".into(),
                    "arrival",
                    None
                ),
            ]
        );
        // "hace una semana"; "more than three weeks ago" names no day
        assert_eq!(
            run(
                "Hace apenas una semana, unos 800 migrantes llegaron a Arriaga.",
                "2024-11-25"
            ),
            vec![("2024-11-18".into(), "Arriaga".into(), "arrival", Some(800))]
        );
        assert!(
            run(
                "The caravan left Tapachula more than three weeks ago.",
                "2024-11-25"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_datelines_date_is_the_storys_not_the_sentences() {
        // 2019-04-26 is a Friday: "la media noche del jueves" is the 25th
        let text = "outlet: X\n\nTuxtla Gutiérrez, Chis. 26 Abril.- Cientos de migrantes de la caravana partieron de Arriaga la media noche del jueves en el tren.\n";
        assert_eq!(
            run(text, "2019-04-26"),
            vec![("2019-04-25".into(), "Arriaga".into(), "departure", None)]
        );
        let text = "outlet: X\n\nTapachula, Chiapas, October 14 (EFE)-- The caravan set off on Saturday from Tapachula for the border.\n";
        assert_eq!(
            run(text, "2019-10-14"),
            vec![("2019-10-12".into(), "Tapachula".into(), "departure", None)]
        );
        // ... and still the day of a sentence that names none of its own (a day of a
        // relative clause is not the sentence's)
        let text = "outlet: X\n\nCiudad Hidalgo, Chiapas, 21 de octubre.- Una columna de migrantes de la caravana que desde ayer cruzaron el río se pusieron en marcha por la carretera.\n";
        let days: Vec<(String, String)> = run(text, "2018-10-21")
            .into_iter()
            .map(|(d, p, _, _)| (d, p))
            .collect();
        assert_eq!(days, vec![("2018-10-21".into(), "Ciudad Hidalgo".into())]);
    }

    #[test]
    fn a_rest_before_the_move_has_its_own_day() {
        // the night of the rest is Querétaro's; Irapuato gets no day from it
        assert_eq!(
            places_kinds(
                "La caravana llegó a Irapuato después de descansar anoche en Querétaro.",
                "2018-11-11"
            ),
            vec![(
                "2018-11-10".into(),
                "Santiago de Querétaro".into(),
                "night_stop"
            )]
        );
        assert_eq!(
            places_kinds(
                "The caravan reached Irapuato after resting on Saturday night in Querétaro.",
                "2018-11-11"
            ),
            vec![(
                "2018-11-10".into(),
                "Santiago de Querétaro".into(),
                "night_stop"
            )]
        );
        // a resumption is the same day as the arrival after it
        assert_eq!(
            places_kinds(
                "Los migrantes de la caravana llegaron a Mapastepec tras reanudar la caminata esta madrugada desde Huixtla.",
                "2018-10-24"
            ),
            vec![
                ("2018-10-24".into(), "Mapastepec".into(), "arrival"),
                ("2018-10-24".into(), "Huixtla".into(), "departure"),
            ]
        );
        // a place inside "luego de pernoctar en A y B," is not the main verb's
        assert_eq!(
            places_kinds(
                "La caravana, luego de pasar unas horas en Ocozocoautla y Cintalapa, llegó este miércoles a Arriaga.",
                "2024-08-01"
            ),
            vec![("2024-07-31".into(), "Arriaga".into(), "arrival")]
        );
    }

    #[test]
    fn a_day_after_a_later_verb_is_that_verbs() {
        // the days ago are the arrival's, not the departure's
        assert_eq!(
            run(
                "A mother travelled with the caravan from Tapachula and arrived in Mapastepec two days ago.",
                "2018-10-26"
            ),
            vec![("2018-10-24".into(), "Mapastepec".into(), "arrival", None)]
        );
        // a span of the departure does not undate the arrival
        assert_eq!(
            run(
                "Officials in Huixtla say hundreds of migrants have now arrived from the caravan that set out more than two weeks ago.",
                "2018-10-26"
            ),
            vec![("2018-10-26".into(), "Huixtla".into(), "arrival", None)]
        );
    }

    #[test]
    fn immigrants_landing_in_this_border_city_and_having_begun_walking() {
        assert_eq!(
            run(
                "outlet: X\n\nCIUDAD JUAREZ, Mexico — When some 900 immigrants landed in this border city Tuesday, shelters were full.\n",
                "2022-12-15"
            ),
            vec![(
                "2022-12-13".into(),
                "Ciudad Juárez".into(),
                "arrival",
                Some(900)
            )]
        );
        assert_eq!(
            run(
                "Hundreds of immigrants have begun walking on Christmas Eve from the Mexican city of Tapachula.",
                "2023-12-25"
            ),
            vec![("2023-12-24".into(), "Tapachula".into(), "departure", None)]
        );
    }

    #[test]
    fn more_verbs_and_plans() {
        let s = run(
            "On Saturday hundreds of migrants gathered in the northern Honduran city of San Pedro Sula and began to march north.\n\
             On Sunday police cracked down on the caravan and detained the migrants in Mapastepec.\n\
             El lunes los migrantes caminaron por Huixtla para llegar a Tapachula.\n",
            "2022-01-17",
        );
        assert_eq!(
            s,
            vec![
                (
                    "2022-01-15".into(),
                    "San Pedro Sula".into(),
                    "departure",
                    None
                ),
                ("2022-01-16".into(), "Mapastepec".into(), "dispersal", None),
                ("2022-01-17".into(), "Huixtla".into(), "passing", None),
            ]
        );
    }

    #[test]
    fn a_verb_belongs_to_the_place_it_reaches_first() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        // the departure is from Tapachula, not from the town where the group split
        assert_eq!(
            places_kinds(
                "The group, which left Tapachula on Friday, split up in the town of Huehuetán.",
                "2022-04-30"
            ),
            vec![s("2022-04-29", "Tapachula", "departure")]
        );
        // "de A a B": both ends of the day's walk
        assert_eq!(
            places_kinds("La caravana avanzó ayer de Tonalá a Arriaga.", "2021-11-06"),
            vec![
                s("2021-11-05", "Tonalá", "departure"),
                s("2021-11-05", "Arriaga", "arrival")
            ]
        );
        // a purpose after the arrival is not where they went that day
        assert_eq!(
            places_kinds(
                "Los migrantes llegaron el lunes a Huixtla para seguir luego a Escuintla.",
                "2022-06-08"
            ),
            vec![s("2022-06-06", "Huixtla", "arrival")]
        );
        // a hope after the departure neither
        assert_eq!(
            places_kinds(
                "El domingo la caravana salió de Tapachula con la esperanza de llegar a Huixtla.",
                "2022-06-08"
            ),
            vec![s("2022-06-05", "Tapachula", "departure")]
        );
        // a town in an aside ("pueblo fronterizo con X") does not take the verb
        assert_eq!(
            places_kinds(
                "El jueves, en Tecún Umán, pueblo vecino de Ciudad Hidalgo, llegaron cientos de migrantes de la caravana.",
                "2019-01-17"
            ),
            vec![s("2019-01-17", "Ciudad Tecún Umán", "arrival")]
        );
    }

    #[test]
    fn the_places_of_a_list_share_its_verb() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        assert_eq!(
            places_kinds(
                "El viernes la caravana pasó por Huixtla, Escuintla y Mapastepec.",
                "2021-11-01"
            ),
            vec![
                s("2021-10-29", "Huixtla", "passing"),
                s("2021-10-29", "Escuintla", "passing"),
                s("2021-10-29", "Mapastepec", "passing")
            ]
        );
        assert_eq!(
            places_kinds(
                "Hoy la primera caravana se encuentra dispersa entre los municipios de Pijijiapan, Tonalá y Arriaga.",
                "2024-08-01"
            ),
            vec![
                s("2024-08-01", "Pijijiapan", "night_stop"),
                s("2024-08-01", "Tonalá", "night_stop"),
                s("2024-08-01", "Arriaga", "night_stop")
            ]
        );
    }

    #[test]
    fn a_relative_clause_is_about_the_place_before_it() {
        // "de donde salieron hoy": a departure from that place, on the clause's own day
        assert_eq!(
            run(
                "El martes la caravana llegó a Escuintla, de donde salieron hoy unos 300 migrantes.",
                "2022-06-09"
            ),
            vec![
                (
                    "2022-06-07".into(),
                    "Escuintla".into(),
                    "arrival",
                    Some(300)
                ),
                (
                    "2022-06-09".into(),
                    "Escuintla".into(),
                    "departure",
                    Some(300)
                ),
            ]
        );
        // "X, ciudad en la que pasaron la noche del viernes"
        assert_eq!(
            places_kinds(
                "Los migrantes de la caravana llegaron a Nueva Ocotepeque, ciudad en la que pasaron la noche del viernes.",
                "2020-02-02"
            ),
            vec![
                ("2020-01-31".into(), "Nueva Ocotepeque".into(), "arrival"),
                ("2020-01-31".into(), "Nueva Ocotepeque".into(), "night_stop"),
            ]
        );
        // "where ... are sheltered": there on the story's day
        assert_eq!(
            places_kinds(
                "The city opened a shelter in Tijuana, where about 4,000 migrants are sheltered.",
                "2018-11-21"
            ),
            vec![("2018-11-21".into(), "Tijuana".into(), "night_stop")]
        );
    }

    #[test]
    fn a_present_tense_elsewhere_does_not_date_a_past_verb() {
        // the departure has no day: "está compuesta" is about the group, not the departure
        assert!(
            run(
                "La caravana que partió de Tapachula está compuesta por tres mil migrantes.",
                "2024-08-01"
            )
            .is_empty()
        );
        // nor does a slogan in the present
        assert!(
            run(
                "Migrants of the caravan arrived in Tapanatepec with a banner: \"we are workers\".",
                "2024-01-11"
            )
            .is_empty()
        );
    }

    #[test]
    fn purposes_and_plans_lend_no_day() {
        // "to reach", "to begin": not done
        assert!(
            run(
                "At least 500 people of the caravan met in a plaza on Monday to leave Tapachula.",
                "2018-10-29"
            )
            .iter()
            .all(|x| x.1 != "Tapachula" || x.2 == "departure")
        );
        // a sentence of plans only lends its day to none
        assert!(
            run(
                "Tonight the migrants of the caravan will sleep in Mapastepec.\n\nAs they passed through Escuintla, they rested.\n",
                "2023-12-04"
            )
            .is_empty()
        );
        // "mañana martes" is the day to come
        assert!(
            run(
                "Se espera que mañana martes los migrantes de la caravana avancen hacia Arriaga.\n\nLos migrantes pasaron por Tonalá.\n",
                "2024-05-06"
            )
            .is_empty()
        );
    }

    #[test]
    fn verbs_past_days_adjectives_and_a_dateline_alone() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        // a day between the verb and its object; a border post's town
        assert_eq!(
            places_kinds(
                "Más de mil migrantes de la caravana cruzaron este jueves el punto fronterizo de Agua Caliente.",
                "2020-01-16"
            ),
            vec![s("2020-01-16", "Agua Caliente", "passing")]
        );
        // adjectives between the article and the town noun
        assert_eq!(
            places_kinds(
                "The caravan departed on Oct. 13 from the crime-wracked northern city of San Pedro Sula.",
                "2018-11-18"
            ),
            vec![s("2018-10-13", "San Pedro Sula", "departure")]
        );
        // "headed north from": a departure, not "north of"
        assert_eq!(
            places_kinds(
                "Some 2,000 migrants of the caravan headed north from Tapachula on Monday.",
                "2022-06-08"
            ),
            vec![s("2022-06-06", "Tapachula", "departure")]
        );
        // "about 300 migrants left": "about" is no plan
        assert_eq!(
            run(
                "outlet: X\n\nSan Salvador (Wire)\n\nA group of about 300 migrants left the capital on foot on Sunday.\n\nOn Saturday the group slept in Santa Tecla.\n",
                "2018-10-28"
            ),
            vec![
                (
                    "2018-10-28".into(),
                    "San Salvador".into(),
                    "departure",
                    Some(300)
                ),
                (
                    "2018-10-27".into(),
                    "Santa Tecla".into(),
                    "night_stop",
                    None
                ),
            ]
        );
    }

    #[test]
    fn only_a_dispersal_lends_its_day_to_the_next_sentence() {
        // a departure told again with its town has no day of its own
        assert!(
            run(
                "A caravan of 3,000 migrants departed on Tuesday.\n\nBefore heading north, the migrants gathered in Tapachula.\n",
                "2024-11-05"
            )
            .is_empty()
        );
    }

    #[test]
    fn where_words_say_where_only_of_the_place_after_them() {
        // "are in riot gear": the police's, not the group's
        assert!(
            run(
                "Police in Piedras Negras are in riot gear as the migrants of the caravan approach.",
                "2019-02-06"
            )
            .is_empty()
        );
        // "across the border from ... Eagle Pass": not in Eagle Pass
        assert!(
            run(
                "The caravan has settled just across the border from the port of entry in Eagle Pass.",
                "2019-02-12"
            )
            .is_empty()
        );
        // "la carretera a Tapachula" is a road, not an arrival
        assert_eq!(
            places_kinds(
                "Ciudad Hidalgo, Chiapas, 21 de octubre.- Los migrantes de la caravana se pusieron en marcha por la carretera a Tapachula.",
                "2018-10-21"
            ),
            vec![("2018-10-21".into(), "Ciudad Hidalgo".into(), "departure")]
        );
    }

    #[test]
    fn a_wire_dateline_is_where_the_reporter_was() {
        // no other town near it is needed when the dateline names an agency
        assert_eq!(
            places_kinds(
                "outlet: X\n\nSAN SALVADOR, 31 Oct. (Reuters) - Some 2,000 migrants have left this Wednesday to reach the United States.\n",
                "2018-10-31"
            ),
            vec![("2018-10-31".into(), "San Salvador".into(), "departure")]
        );
        // a bare dateline far from every place of the story still needs one
        assert!(
            run(
                "outlet: X\n\nMONTERREY, Mexico - On Monday the caravan of migrants left.\n",
                "2018-10-24"
            )
            .is_empty()
        );
    }

    #[test]
    fn another_count_after_a_caravan_sentence_is_more_of_it() {
        assert_eq!(
            run(
                "More than 2,500 migrants of the caravan are staying in Tijuana. Another 3,400 are in nearby Mexicali.",
                "2018-11-19"
            ),
            vec![
                (
                    "2018-11-19".into(),
                    "Tijuana".into(),
                    "night_stop",
                    Some(2500)
                ),
                (
                    "2018-11-19".into(),
                    "Mexicali".into(),
                    "night_stop",
                    Some(3400)
                ),
            ]
        );
    }

    #[test]
    fn rest_days_and_waiting() {
        assert_eq!(
            places_kinds(
                "The caravan set off on Thursday from the city of Juchitán, where they had spent a rest day on Wednesday.",
                "2018-11-01"
            ),
            vec![
                (
                    "2018-11-01".into(),
                    "Heroica Ciudad de Juchitán de Zaragoza".into(),
                    "departure"
                ),
                (
                    "2018-10-31".into(),
                    "Heroica Ciudad de Juchitán de Zaragoza".into(),
                    "night_stop"
                ),
            ]
        );
    }

    #[test]
    fn days_counted_from_the_day_named_before() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        // 2018-10-25 is a Thursday: Monday is the 22nd, the next day the 23rd
        assert_eq!(
            places_kinds(
                "On Monday the caravan left Tapachula. The next day the migrants reached Huixtla.",
                "2018-10-25"
            ),
            vec![
                s("2018-10-22", "Tapachula", "departure"),
                s("2018-10-23", "Huixtla", "arrival")
            ]
        );
        assert_eq!(
            places_kinds(
                "El domingo la caravana salió de Tapachula. Al día siguiente los migrantes llegaron a Huixtla.",
                "2018-10-25"
            ),
            vec![
                s("2018-10-21", "Tapachula", "departure"),
                s("2018-10-22", "Huixtla", "arrival")
            ]
        );
        // "horas antes": the day named before; without one, the story's day
        assert_eq!(
            places_kinds(
                "El martes hubo lluvias. Los migrantes llegaron a Huixtla horas antes.",
                "2018-10-25"
            ),
            vec![s("2018-10-23", "Huixtla", "arrival")]
        );
        assert_eq!(
            places_kinds("Hace unas horas la caravana llegó a Huixtla.", "2018-10-25"),
            vec![s("2018-10-25", "Huixtla", "arrival")]
        );
        // a day of something planned after the place is not the group's
        assert_eq!(
            places_kinds(
                "On Saturday police waited. The caravan left from Tapachula, where they had arranged to meet the day before.",
                "2018-10-27"
            ),
            vec![]
        );
    }

    #[test]
    fn english_verbs_that_place_a_group() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        assert_eq!(
            places_kinds(
                "The migrants made it only a few kilometers to the village of Huixtla on Saturday.",
                "2018-10-28"
            ),
            vec![s("2018-10-27", "Huixtla", "arrival")]
        );
        assert_eq!(
            places_kinds(
                "By Friday the caravan had progressed as far as the town of Mapastepec.",
                "2018-10-28"
            ),
            vec![s("2018-10-26", "Mapastepec", "arrival")]
        );
        // a distance from A to B is a trek, not "50 km from A"
        assert_eq!(
            places_kinds(
                "On Friday the group walked some 40 km from Huixtla to Escuintla.",
                "2018-10-28"
            ),
            vec![
                s("2018-10-26", "Huixtla", "departure"),
                s("2018-10-26", "Escuintla", "arrival")
            ]
        );
        assert_eq!(
            places_kinds(
                "The migrants camped on Friday 50 km from Huixtla.",
                "2018-10-28"
            ),
            vec![]
        );
        assert_eq!(
            places_kinds(
                "The migrants gathered early Sunday morning in Tapachula.",
                "2018-10-28"
            ),
            vec![s("2018-10-28", "Tapachula", "departure")]
        );
        assert_eq!(
            places_kinds(
                "On Friday two caravans joined in the town of Huixtla.",
                "2018-10-28"
            ),
            vec![s("2018-10-26", "Huixtla", "arrival")]
        );
        assert_eq!(
            places_kinds(
                "On Thursday the migrants were bused to Mexicali.",
                "2018-11-17"
            ),
            vec![s("2018-11-15", "Mexicali", "arrival")]
        );
        assert_eq!(
            places_kinds(
                "The caravan is now stopped in the town of Huixtla, officials said on Monday.",
                "2023-11-06"
            ),
            vec![s("2023-11-06", "Huixtla", "night_stop")]
        );
    }

    #[test]
    fn spanish_days_and_datelines_cut_by_a_semicolon() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        // "a" before an article is the preposition, also after a day's number
        assert_eq!(
            places_kinds(
                "La caravana llegó este lunes 22 a la ciudad mexicana de Huixtla.",
                "2018-10-22"
            ),
            vec![s("2018-10-22", "Huixtla", "arrival")]
        );
        // "permanece desde este martes en X": there on the story's day, arrived on Tuesday
        assert_eq!(
            places_kinds(
                "En Mapastepec permanece desde este martes un grupo de migrantes.",
                "2018-10-25"
            ),
            vec![
                s("2018-10-25", "Mapastepec", "night_stop"),
                s("2018-10-23", "Mapastepec", "arrival")
            ]
        );
        assert_eq!(
            places_kinds(
                "outlet: X\n\nHuixtla, Chiapas; 26 de octubre de 2018.- Unos 300 migrantes salieron esta mañana con rumbo al norte.\n",
                "2018-10-26"
            ),
            vec![s("2018-10-26", "Huixtla", "departure")]
        );
        // ... unless the sentence moves the group from another town
        assert_eq!(
            places_kinds(
                "outlet: X\n\nHuixtla, Chiapas; 26 de octubre de 2018.- La caravana salió el miércoles de Tapachula.\n",
                "2018-10-26"
            ),
            vec![s("2018-10-24", "Tapachula", "departure")]
        );
    }

    #[test]
    fn travelling_nouns_relative_clauses_and_some_of_them() {
        let s = |d: &str, p: &str, k: &'static str| (d.to_string(), p.to_string(), k);
        assert_eq!(
            places_kinds(
                "The caravan has been traveling from the town of Tapachula since last Saturday.",
                "2021-09-11"
            ),
            vec![s("2021-09-04", "Tapachula", "departure")]
        );
        // ... but "are traveling from A to B" is a journey, not a position that day
        assert_eq!(
            places_kinds(
                "The migrants are traveling from Tapachula to the town of Huixtla.",
                "2021-11-27"
            ),
            vec![]
        );
        // "crossing" after an article is a noun
        assert_eq!(
            places_kinds(
                "On Friday the caravan walked on; the closest border crossing is in McAllen.",
                "2018-10-27"
            ),
            vec![]
        );
        // a verb of a relative clause after the place is about someone else
        assert_eq!(
            places_kinds(
                "El martes nació una niña en Huixtla, hija de migrantes que caminaron con la caravana.",
                "2021-11-05"
            ),
            vec![]
        );
        // "some" of the caravan of the sentence before
        assert_eq!(
            places_kinds(
                "The caravan entered Chiapas on Tuesday. By Wednesday night, some had rested in Huixtla.",
                "2018-10-25"
            ),
            vec![s("2018-10-24", "Huixtla", "night_stop")]
        );
        // "are now at ... in X"
        assert_eq!(
            places_kinds(
                "About 5,000 migrants are now at the big sports complex in Tijuana.",
                "2018-11-29"
            ),
            vec![s("2018-11-29", "Tijuana", "night_stop")]
        );
        // a customs post's adjective: still a destination
        assert_eq!(
            places_kinds(
                "Unos 250 migrantes salieron esta noche en caravana hacia el punto aduanero de Huixtla.",
                "2021-01-13"
            ),
            vec![]
        );
        // "a partir de": from then on, nobody left
        assert_eq!(verb_kind("partir", "de", "este"), None);
    }
}
