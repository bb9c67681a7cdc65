//! Places named in a paragraph, each with the town it means and why.
//!
//! Every folded name of the gazetteer (towns, plus short forms of major towns: "Juárez"
//! for Ciudad Juárez, "Sayula" for Sayula de Alemán) and every state, department and
//! country name is matched against the words, longest match first. A match is then read in
//! its context:
//!
//! * states, departments and countries are context, not places: "estado de Veracruz",
//!   "Oaxaca state", "gobernador de Chiapas", "departamento de Ocotepeque", "Tonalá,
//!   Chiapas" and a bare "hacia Oaxaca" name the region; "ciudad de Oaxaca" or "Oaxaca
//!   City" the town;
//! * a name must be capitalised; a title before it ("President", "Gen.") makes it a person;
//!   an organisation word after it ("Washington Office") or a capitalised name word before
//!   it ("Jose Garcia") makes it part of another name; a building or neighbourhood word
//!   before it ("auditorio Benito Juárez", "barrio Guadalupe") makes it that building's name;
//! * a name only villages carry ("Reforma", "Libertad") or a person's name that is also a
//!   town ("Benito Juárez") is a place only with strong evidence: its state after a comma,
//!   a town noun before it ("municipio de Reforma"), or a place preposition before it and a
//!   same-state or nearby place in the text.
//!
//! Among same-name towns the first rule that decides wins: a state or department named
//! after it or in the same sentence, the same paragraph, or the dateline; then (at the end
//! of the article) the states of the other places, a country named, the distance to the
//! other places, and last the major town with the most people. The rule is kept as the
//! mention's [`Reason`].

use super::admin::{self, NonTown, Region, is_country_name};
use super::corridor::{Roadside, roadside_places};
use super::text::{TOWN_NOUNS, TOWN_NOUNS_PLURAL, Word, is_town_noun, sentences, words};
use crate::gazetteer::{Gazetteer, LonLat, SpellingIndex, Town, fold};
use std::collections::HashMap;

/// Why a mention went to the town it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// No other town has this name.
    OnlyPlace,
    /// A state or department of one of the towns is named in that line.
    StateNamed {
        /// The state or department, as the gazetteer's `admin1` spells it.
        state: String,
        /// 1-based line it is named in.
        line: usize,
    },
    /// A country is named in that line and only one town of the name is there.
    CountryNamed {
        /// The country, as the gazetteer names it.
        country: String,
        /// 1-based line it is named in.
        line: usize,
    },
    /// Other places of the article are in this state.
    StateOfOtherPlaces {
        /// The state or department (gazetteer `admin1`).
        state: String,
    },
    /// The nearest of the towns to another place of the article.
    Near {
        /// Name of the other place.
        place: String,
        /// Geodesic distance to it, km (rounded).
        km: u32,
    },
    /// The major town of the name with the most people, of this many.
    Largest {
        /// How many towns have the name.
        of: usize,
    },
    /// The town this name went to earlier in the article (one name, one place per text).
    Earlier,
    /// The only town of the name on the border of a country the article names.
    Border {
        /// That country, as the gazetteer names it.
        country: String,
    },
    /// A name the gazetteer lacks, read as this town's name misspelt or written as one
    /// word, because a place near it is named too ("Pipijiapan" beside Tonalá).
    OtherSpelling {
        /// The name as written.
        written: String,
    },
    /// A village in a place's slot with no place of the text near it, taken because it
    /// lies beside a caravan highway in a country the text names (same-name villages
    /// elsewhere do not).
    Roadside {
        /// The highway, as `data/roads/highways.csv` names it ("CA-10").
        highway: String,
    },
    /// A big city's short form ("San Pedro" for San Pedro Sula) in text about its country.
    CountryShortForm {
        /// The country, as the gazetteer names it.
        country: String,
    },
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::OnlyPlace => write!(f, "only place of that name"),
            Reason::StateNamed { state, line } => write!(f, "{state} named in line {line}"),
            Reason::CountryNamed { country, line } => {
                write!(f, "{country} named in line {line}")
            }
            Reason::StateOfOtherPlaces { state } => {
                write!(f, "other places of the text are in {state}")
            }
            Reason::Near { place, km } => write!(f, "{km} km from {place}, named in the text"),
            Reason::Largest { of } => write!(f, "largest of {of} places of that name"),
            Reason::Earlier => write!(f, "the place of that name earlier in the text"),
            Reason::Border { country } => {
                write!(f, "on the border of {country}, named in the text")
            }
            Reason::OtherSpelling { written } => {
                write!(f, "\"{written}\" read as this name spelt another way")
            }
            Reason::CountryShortForm { country } => {
                write!(f, "short form of the city's name, in text about {country}")
            }
            Reason::Roadside { highway } => {
                write!(
                    f,
                    "beside highway {highway}, a caravan route, in a country named"
                )
            }
        }
    }
}

/// Words that make the name after them a person.
const TITLES: &[&str] = &[
    "president",
    "presidente",
    "presidenta",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "gov",
    "governor",
    "gobernador",
    "gobernadora",
    "gen",
    "general",
    "rep",
    "representative",
    "secretary",
    "secretario",
    "secretaria",
    "minister",
    "mayor",
    "alcalde",
    "alcaldesa",
    "judge",
    "juez",
    "father",
    "padre",
    "sister",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "sir",
    "lord",
    "officer",
    "agent",
    "chief",
    "captain",
    "capt",
    "lt",
    "sgt",
    "col",
    "colonel",
    "bishop",
    "obispo",
    "rev",
    "reverend",
    "don",
    "dona",
    "senor",
    "senora",
    "sr",
    "sra",
    "lic",
    "ambassador",
    "embajador",
    "commissioner",
    "spokesman",
    "spokeswoman",
    "vocero",
    "vocera",
    "activist",
    "activista",
    "migrant",
    "migrante",
];

/// Words that make the name before them part of an organisation, district or region.
const ORGANISATION_WORDS: &[&str] = &[
    "office",
    "post",
    "times",
    "county",
    "university",
    "college",
    "institute",
    "department",
    "cross",
    "council",
    "committee",
    "foundation",
    "commission",
    "agency",
    "bureau",
    "journal",
    "herald",
    "tribune",
    "press",
    "club",
    "coalition",
    "network",
    "association",
    "church",
    "party",
    "company",
    "corp",
    "inc",
    "group",
    "state",
    "province",
    "district",
    "river",
    "valley",
    "consensus",
    "declaration",
    "accord",
    "accords",
    "treaty",
    "summit",
    "cartel",
    "globe",
    "daily",
    "news",
    "avenue",
    "street",
    "boulevard",
    "airport",
    "stadium",
    "street",
    "hotel",
    "park",
    "highway",
    "road",
    "freeway",
    "expressway",
];

/// Words of [`ORGANISATION_WORDS`] that, in lower case after a town's name, are one of the
/// town's offices and place the reader in the town ("the Tapachula office of the refugee
/// agency", "a Tijuana church"); capitalised they are an organisation's own name
/// ("Washington Office on Latin America", "Washington Post", "Tijuana Police Department").
const TOWN_OFFICE_WORDS: &[&str] = &[
    "office",
    "post",
    "church",
    "council",
    "committee",
    "department",
    "district",
    "agency",
    "bureau",
    "commission",
];

/// Capitalised words after a name that make it a newspaper's title ("Houston
/// Chronicle", "Dallas Morning News", "San Diego Union-Tribune", "El Paso Matters").
const OUTLET_WORDS: &[&str] = &[
    "chronicle",
    "morning",
    "republic",
    "union",
    "express",
    "star",
    "sun",
    "examiner",
    "observer",
    "matters",
    "standard",
    "gazette",
    "sentinel",
    "dispatch",
    "register",
    "bee",
    "courier",
    "inquirer",
    "statesman",
    "telegraph",
    "monitor",
    "magazine",
    "weekly",
    "reporter",
];

/// Networks and US station call signs (four letters from K or W) before a city's name
/// are a station's name ("NBC San Diego", "KTSM El Paso").
fn broadcaster(key: &str) -> bool {
    matches!(
        key,
        "nbc" | "cbs" | "abc" | "fox" | "cnn" | "npr" | "pbs" | "bbc" | "tv" | "tvc"
    ) || key.len() == 4
        && key.starts_with(['k', 'w'])
        && key.bytes().all(|b| b.is_ascii_lowercase())
}

/// Verbs of saying: a one-word name right before one ("Rosales added") or right after one
/// and then the sentence's end ("—dijo Rosales.") is a person.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "told",
    "explained",
    "stated",
    "noted",
    "argued",
    "insisted",
    "warned",
    "recalled",
    "dijo",
    "dice",
    "afirmo",
    "agrego",
    "anadio",
    "senalo",
    "explico",
    "indico",
    "comento",
    "declaro",
    "aseguro",
    "expreso",
    "manifesto",
    "detallo",
    "preciso",
    "relato",
    "conto",
    "sostuvo",
    "advirtio",
    "lamento",
    "denuncio",
    "refirio",
    "menciono",
    "puntualizo",
    "subrayo",
    "destaco",
];

/// Whether the one-word name at `i` is a person speaking: right before a verb of saying
/// with no place preposition before it ("Rosales added that", but not "migrants in
/// Tapachula said"), or after such a verb and then a comma or the sentence's end ("—dijo
/// Rosales.").
fn single_word_speaker(text: &str, words: &[Word], i: usize, n: usize) -> bool {
    if n != 1 {
        return false;
    }
    let w = &words[i];
    let prev = i.checked_sub(1).map(|p| &words[p]);
    let next = words.get(i + 1);
    let before_verb = next.is_some_and(|x| {
        !x.capitalised
            && text[w.end..x.start].trim().is_empty()
            && SPEECH_VERBS.contains(&x.key.as_str())
    }) && prev.is_none_or(|p| {
        gap_breaks_name(&text[p.end..w.start])
            || !(PLACE_PREPOSITIONS.contains(&p.key.as_str())
                || MOTION_VERBS.contains(&p.key.as_str()))
    });
    let after_verb = prev.is_some_and(|p| {
        !p.capitalised
            && text[p.end..w.start].trim().is_empty()
            && SPEECH_VERBS.contains(&p.key.as_str())
    }) && {
        let rest = text[w.end..].trim_start();
        rest.is_empty() || rest.starts_with(['.', ',', ';'])
    };
    before_verb || after_verb
}

/// Common Spanish surnames: a town's name right before one is a given name ("Cuitláhuac
/// García"). Surnames that are also states or departments are left out.
const COMMON_SURNAMES: &[&str] = &[
    "garcia",
    "lopez",
    "hernandez",
    "martinez",
    "gonzalez",
    "rodriguez",
    "perez",
    "sanchez",
    "ramirez",
    "torres",
    "flores",
    "rivera",
    "gomez",
    "diaz",
    "cruz",
    "reyes",
    "gutierrez",
    "ortiz",
    "ramos",
    "ruiz",
    "chavez",
    "vazquez",
    "castillo",
    "jimenez",
    "mendoza",
    "moreno",
    "romero",
    "alvarez",
    "herrera",
    "medina",
    "aguilar",
    "vargas",
    "castro",
    "guzman",
    "munoz",
    "salazar",
    "rojas",
    "ortega",
    "delgado",
    "contreras",
    "dominguez",
    "soto",
    "mejia",
    "nunez",
    "marquez",
    "espinoza",
    "estrada",
    "figueroa",
    "sandoval",
    "velasquez",
    "velazquez",
    "acosta",
    "navarro",
    "cabrera",
    "fuentes",
    "molina",
    "solis",
    "orozco",
    "cervantes",
    "calderon",
    "escobar",
    "pacheco",
    "avila",
    "ayala",
    "trejo",
    "miranda",
    "ibarra",
    "camacho",
    "ochoa",
    "bautista",
    "lozano",
    "zuniga",
    "padilla",
    "maldonado",
    "suarez",
];

/// Adjectives of countries and Mexican states: (folded adjective, country code, state).
const DEMONYMS: &[(&str, &str, Option<&str>)] = &[
    ("mexican", "MX", None),
    ("mexicano", "MX", None),
    ("mexicana", "MX", None),
    ("guatemalan", "GT", None),
    ("guatemalteco", "GT", None),
    ("guatemalteca", "GT", None),
    ("honduran", "HN", None),
    ("hondureno", "HN", None),
    ("hondurena", "HN", None),
    ("salvadoran", "SV", None),
    ("salvadoreno", "SV", None),
    ("salvadorena", "SV", None),
    ("nicaraguan", "NI", None),
    ("nicaraguense", "NI", None),
    ("estadounidense", "US", None),
    ("chiapaneco", "MX", Some("Chiapas")),
    ("chiapaneca", "MX", Some("Chiapas")),
    ("oaxaqueno", "MX", Some("Oaxaca")),
    ("oaxaquena", "MX", Some("Oaxaca")),
    ("oaxacan", "MX", Some("Oaxaca")),
    ("veracruzano", "MX", Some("Veracruz")),
    ("veracruzana", "MX", Some("Veracruz")),
    ("tabasqueno", "MX", Some("Tabasco")),
    ("tabasquena", "MX", Some("Tabasco")),
    ("poblano", "MX", Some("Puebla")),
    ("poblana", "MX", Some("Puebla")),
    ("queretano", "MX", Some("Querétaro")),
    ("queretana", "MX", Some("Querétaro")),
    ("guanajuatense", "MX", Some("Guanajuato")),
    ("jalisciense", "MX", Some("Jalisco")),
    ("sonorense", "MX", Some("Sonora")),
    ("chihuahuense", "MX", Some("Chihuahua")),
    ("coahuilense", "MX", Some("Coahuila")),
    ("tamaulipeco", "MX", Some("Tamaulipas")),
    ("tamaulipeca", "MX", Some("Tamaulipas")),
    ("neoleones", "MX", Some("Nuevo León")),
    ("neoleonesa", "MX", Some("Nuevo León")),
    ("sinaloense", "MX", Some("Sinaloa")),
    ("bajacaliforniano", "MX", Some("Baja California")),
    ("bajacaliforniana", "MX", Some("Baja California")),
    ("mexiquense", "MX", Some("México")),
];

/// A country's or state's adjective beside a town noun in the few words before word `i`
/// ("the Mexican town of", "la ciudad guatemalteca de", "el municipio chiapaneco de"):
/// the country code and, for a state's, the state.
fn demonym_before(
    text: &str,
    words: &[Word],
    i: usize,
) -> Option<(&'static str, Option<&'static str>)> {
    let mut found = None;
    let mut noun = false;
    let mut k = i;
    for _ in 0..5 {
        if k == 0 || gap_breaks_name(&text[words[k - 1].end..words[k].start]) {
            break;
        }
        k -= 1;
        let key = words[k].key.as_str();
        if is_town_noun(key) {
            noun = true;
        } else if let Some(&(_, cc, admin1)) = DEMONYMS.iter().find(|(d, _, _)| *d == key) {
            found = Some((cc, admin1));
        } else if !matches!(
            key,
            "de" | "of"
                | "del"
                | "the"
                | "la"
                | "el"
                | "al"
                | "southern"
                | "northern"
                | "eastern"
                | "western"
                | "border"
                | "fronteriza"
                | "fronterizo"
                | "small"
                | "pequena"
                | "pequeno"
        ) {
            break;
        }
    }
    found.filter(|_| noun)
}

/// Words before a name that make it a building's, street's or neighbourhood's name.
const BUILDING_WORDS: &[&str] = &[
    "auditorio",
    "auditorium",
    "barrio",
    "colonia",
    "col",
    "fraccionamiento",
    "parque",
    "park",
    "calle",
    "avenida",
    "av",
    "avenue",
    "street",
    "boulevard",
    "bulevar",
    "blvd",
    "calzada",
    "escuela",
    "school",
    "estadio",
    "stadium",
    "hospital",
    "mercado",
    "market",
    "iglesia",
    "templo",
    "parroquia",
    "church",
    "albergue",
    "shelter",
    "domo",
    "deportivo",
    "gimnasio",
    "hotel",
    "puente",
    "bridge",
    "rio",
    "rios",
    "rivers",
    "river",
    "aeropuerto",
    "airport",
    "unidad",
    "centro",
    "casa",
    "plaza",
    "glorieta",
    "panteon",
    "cementerio",
    "cuartel",
    "estacion",
    "station",
    "ejercito",
    "volcan",
    "cerro",
    "laguna",
    "lago",
    "playa",
    "isla",
    "carretera",
    "autopista",
    "highway",
    "tramo",
    "istmo",
    "isthmus",
    "sierra",
];

/// Building words of a town's facilities: "el parque de Tecún Umán" is in Tecún Umán.
const FACILITY_WORDS: &[&str] = &[
    "barrio",
    "colonia",
    "fraccionamiento",
    "centro",
    "escuela",
    "unidad",
    "casa",
    "cuartel",
    "puente",
    "glorieta",
    "parque",
    "albergue",
    "estadio",
    "domo",
    "mercado",
    "hospital",
    "iglesia",
    "parroquia",
    "templo",
    "auditorio",
    "gimnasio",
    "deportivo",
    "plaza",
    "panteon",
    "cementerio",
    "estacion",
    "aeropuerto",
];

/// Nouns of a town's facilities and streets, before the facility's own capitalised name
/// and then "de" and the town: "el parque Bicentenario de Tapachula", "la colonia Reforma
/// de Tapachula", "el Zócalo de Tapachula" are in Tapachula.
const NAMED_FACILITY_WORDS: &[&str] = &[
    "barrio",
    "colonia",
    "fraccionamiento",
    "parque",
    "albergue",
    "estadio",
    "domo",
    "mercado",
    "hospital",
    "auditorio",
    "gimnasio",
    "deportivo",
    "plaza",
    "zocalo",
    "avenida",
    "calle",
    "calzada",
    "bulevar",
    "boulevard",
    "escuela",
    "panteon",
    "cementerio",
    "malecon",
    "feria",
];

/// Words before "de" that make the name after it a saint's title ("la Virgen de
/// Guadalupe", "Nuestra Señora de Guadalupe").
const SAINT_TITLE_WORDS: &[&str] = &["virgen", "virgin", "senora"];

/// Church nouns: "la parroquia de San José" is named after a saint, not a town.
const CHURCH_WORDS: &[&str] = &[
    "parroquia",
    "iglesia",
    "templo",
    "capilla",
    "catedral",
    "basilica",
    "santuario",
];

/// Whether word `q` ends a facility's own name that follows a facility noun: "parque
/// Bicentenario", "colonia Reforma", "albergue Belén", or a capitalised facility noun
/// itself ("el Zócalo", "el Parque Central").
fn facility_named_before(text: &str, words: &[Word], q: usize) -> bool {
    let mut k = q;
    for _ in 0..4 {
        let w = &words[k];
        if NAMED_FACILITY_WORDS.contains(&w.key.as_str()) {
            return true;
        }
        if !w.capitalised || k == 0 || gap_breaks_name(&text[words[k - 1].end..w.start]) {
            return false;
        }
        let before = &words[k - 1];
        if !before.capitalised {
            return NAMED_FACILITY_WORDS.contains(&before.key.as_str());
        }
        k -= 1;
    }
    false
}

/// Capitalised heads of newspapers' and broadcasters' names before "de" and a town ("El
/// Diario de Juárez", "El Sol de Tijuana", "El Mañana de Reynosa"): an outlet, not a
/// place, wherever it is named (folded keys).
const OUTLET_HEADS: &[&str] = &[
    "diario",
    "heraldo",
    "sol",
    "imparcial",
    "informador",
    "manana",
    "noticias",
    "noticiero",
    "periodico",
    "semanario",
    "voz",
    "siglo",
    "correo",
    "cronica",
    "tribuna",
    "expreso",
    "dictamen",
    "debate",
    "vanguardia",
    "opinion",
    "prensa",
    "radio",
    "canal",
];

/// A capitalised own name that ends in "de"/"of" right before a town's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OwnName {
    /// One name word: "Playas de Tijuana", "Bank of Mexico" (no place).
    Short,
    /// An outlet's name ([`OUTLET_HEADS`]): "El Diario de Juárez" (no place).
    Outlet,
    /// An office's, facility's or institution's long name: "Dirección de Derechos Humanos
    /// de Ciudad Juárez", "Hospital Regional de Tonalá", "la Universidad de Guadalajara".
    /// In the town when the town is where the article is (named by itself, or near its
    /// other places); an institution quoted from elsewhere is not a place of the story.
    Long,
}

/// The own name the town at word `i` ends, if any: "de"/"of" before it, and before that a
/// capitalised name word that does not open the sentence ("Salieron de Tapachula",
/// "Residents of Tijuana" are places) and is not a facility's own name after its noun
/// ("el parque Bicentenario de Tapachula" is in the town).
fn own_name_before(text: &str, words: &[Word], i: usize) -> Option<OwnName> {
    if i < 2 {
        return None;
    }
    let (p, q) = (&words[i - 1], &words[i - 2]);
    if !matches!(p.key.as_str(), "de" | "del" | "of")
        || p.capitalised
        || gap_breaks_name(&text[p.end..words[i].start])
        || gap_breaks_name(&text[q.end..p.start])
    {
        return None;
    }
    let key = q.key.as_str();
    if !q.capitalised
        || q.all_caps
        || TOWN_NOUNS.contains(&key)
        || REGION_NOUNS.contains(&key)
        || FUNCTION_WORDS.contains(&key)
    {
        return None;
    }
    if OUTLET_HEADS.contains(&key) {
        return Some(OwnName::Outlet);
    }
    let sentence_initial = i == 2 || gap_breaks_name(&text[words[i - 3].end..q.start]);
    if sentence_initial || facility_named_before(text, words, i - 2) {
        return None;
    }
    let r = &words[i - 3];
    // "residentes de Playas de Tijuana": a district's name in a place's slot is in the town
    if r.key == "de" && !r.capitalised {
        return None;
    }
    // two name words ("Hospital General de"), or an article before the head ("la
    // Universidad de", "del Hospital de"): an institution's name
    let long = r.capitalised && !FUNCTION_WORDS.contains(&r.key.as_str())
        || matches!(r.key.as_str(), "la" | "el" | "del" | "al");
    Some(if long { OwnName::Long } else { OwnName::Short })
}

/// Nouns of venues a town names after itself, right before the name ("la Arena Córdoba",
/// "el Domo Huixtla"): in the town where the article is, like an institution's long name
/// ([`OwnName::Long`]); a venue of a person's name ("auditorio Benito Juárez") is no place.
const VENUE_WORDS: &[&str] = &[
    "arena",
    "estadio",
    "auditorio",
    "domo",
    "gimnasio",
    "deportivo",
    "deportiva",
];

/// Whether a venue noun stands right before the name at words `i..i+n` and the name is no
/// person's ([`VENUE_WORDS`]).
fn venue_before(text: &str, words: &[Word], i: usize, n: usize) -> bool {
    i.checked_sub(1).is_some_and(|p| {
        VENUE_WORDS.contains(&words[p].key.as_str())
            && !gap_breaks_name(&text[words[p].end..words[i].start])
            && !PERSON_NAMES.contains(&join_keys(&words[i..i + n]).as_str())
    })
}

/// Facility nouns after a town's name that place the reader in the town ("Tecún Umán
/// park", "the Tijuana airport"), unless the name is a person's ("Benito Juárez park").
const FACILITY_AFTER_WORDS: &[&str] = &["park", "stadium", "airport", "hotel"];

/// Lower-case nouns after a town's name that are its people or offices ("Juarez police",
/// "Tijuana officials"): they put a short form or a village's name in a place's slot.
const TOWN_PEOPLE_WORDS: &[&str] = &[
    "police",
    "officials",
    "authorities",
    "residents",
    "mayor",
    "shelter",
    "shelters",
    "municipal",
];

/// Nouns of small rural places: "the village of X", "el ejido X" is never a city.
const RURAL_NOUNS: &[&str] = &[
    "village",
    "hamlet",
    "ejido",
    "poblado",
    "rancheria",
    "aldea",
    "caserio",
    "comunidad",
    "community",
];

/// The town or rural noun of an apposition right after a name that ends before word `j`:
/// "Alvaro Obregon, a village on the highway", "Tapachula, a city of 350,000", "Metapa,
/// un pequeño poblado": a comma, an article, at most three lower-case words, the noun.
fn apposition_noun<'w>(text: &str, words: &'w [Word], j: usize) -> Option<&'w str> {
    let first = words.get(j)?;
    if j == 0 || text[words[j - 1].end..first.start].trim() != "," {
        return None;
    }
    if !matches!(
        first.key.as_str(),
        "a" | "an" | "the" | "un" | "una" | "el" | "la"
    ) || first.capitalised
    {
        return None;
    }
    for k in j + 1..(j + 5).min(words.len()) {
        let w = &words[k];
        let gap = text[words[k - 1].end..w.start].trim();
        if w.capitalised || !(gap.is_empty() || gap == "-") {
            return None;
        }
        let key = w.key.as_str();
        if TOWN_NOUNS.contains(&key) || RURAL_NOUNS.contains(&key) {
            return Some(key);
        }
        if FUNCTION_WORDS.contains(&key) || key.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    None
}

/// Whether a rural noun stands before word `i`: "the nearby village of X", "el ejido X".
fn rural_marker(words: &[Word], i: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).map(|j| words[j].key.as_str());
    before(1).is_some_and(|w| RURAL_NOUNS.contains(&w))
        || matches!(before(1), Some("de" | "of" | "del"))
            && before(2).is_some_and(|w| RURAL_NOUNS.contains(&w))
}

/// Capitalised words that begin a road's own name ("Macrolibramiento Palmillas-Apaseo el
/// Grande", "Carretera Costera"): the towns of its name are not mentions.
const ROAD_NAME_WORDS: &[&str] = &[
    "macrolibramiento",
    "libramiento",
    "carretera",
    "autopista",
    "highway",
    "bulevar",
    "boulevard",
    "avenida",
    "calzada",
    "periferico",
];

/// The word before the first name of a range "A-B" whose second name starts at word `i`
/// ("Macrolibramiento" in "Macrolibramiento Palmillas-Apaseo el Grande").
fn range_start_word<'w>(text: &str, words: &'w [Word], i: usize) -> Option<&'w Word> {
    let dash = |a: &Word, b: &Word| matches!(text[a.end..b.start].trim(), "-" | "–" | "—");
    if i == 0 || !dash(&words[i - 1], &words[i]) {
        return None;
    }
    // walk back over the first name: capitalised words and the particles inside names
    let mut j = i - 1;
    for _ in 0..5 {
        if j == 0 || gap_breaks_name(&text[words[j - 1].end..words[j].start]) {
            return None;
        }
        let w = &words[j - 1];
        if w.capitalised && !ROAD_NAME_WORDS.contains(&w.key.as_str())
            || matches!(w.key.as_str(), "de" | "del" | "la" | "el" | "los" | "las")
        {
            j -= 1;
        } else {
            return Some(w);
        }
    }
    None
}

/// First words of the names of rivers, hills and lakes that towns share ("Río Bravo").
const FEATURE_WORDS: &[&str] = &[
    "rio", "river", "cerro", "laguna", "lago", "lake", "volcan", "isla", "playa", "sierra",
];

/// Verbs of movement that put the name after them at a place, like a preposition
/// ("reached Chahuites", "cruzaron Huehuetán").
const MOTION_VERBS: &[&str] = &[
    "reached",
    "reach",
    "reaching",
    "left",
    "leave",
    "leaving",
    "entered",
    "enter",
    "entering",
    "crossed",
    "crossing",
    "departed",
    "passed",
    "past",
    "via",
    "cruzaron",
    "cruzo",
    "atravesaron",
    "atraveso",
    "dejaron",
    "dejo",
    "abandonaron",
    "alcanzaron",
    "alcanzo",
    "recorrieron",
];

/// Capitalised words that may stand right before a place name without making it a person's.
const PLACE_PREFIXES: &[&str] = &[
    "ciudad",
    "greater",
    "downtown",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "metropolitan",
    "old",
    "new",
    "southeastern",
    "southwestern",
    "northeastern",
    "northwestern",
    "coastal",
    "neighboring",
    "neighbouring",
    "mexican",
    "guatemalan",
    "honduran",
    "salvadoran",
    "border",
];

/// Capitalised function words: a sentence may begin with them right before a place.
const FUNCTION_WORDS: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "near",
    "of",
    "the",
    "and",
    "or",
    "for",
    "on",
    "by",
    "into",
    "toward",
    "towards",
    "through",
    "via",
    "outside",
    "inside",
    "across",
    "around",
    "between",
    "beyond",
    "past",
    "leaving",
    "reaching",
    "like",
    "as",
    "but",
    "while",
    "when",
    "after",
    "before",
    "since",
    "until",
    "with",
    "without",
    "en",
    "de",
    "desde",
    "hacia",
    "a",
    "y",
    "para",
    "por",
    "hasta",
    "entre",
    "cerca",
    "both",
    "only",
    "even",
    "also",
    "if",
    "so",
    "because",
    "than",
    "where",
    "el",
    "la",
    "los",
    "las",
    "del",
    "al",
    "su",
    "sus",
    "este",
    "esta",
    "en",
    "rumbo",
    "tras",
    "durante",
    "luego",
    "despues",
    "antes",
    "mientras",
    "aunque",
    "pero",
    "con",
    "sin",
    "sobre",
    "ante",
    "segun",
    "como",
    "que",
    "donde",
    "cuando",
    "ayer",
    "hoy",
    "anoche",
    "aqui",
    "alli",
    "ahi",
    "ya",
    "se",
    "un",
    "una",
    "unos",
    "unas",
    // adverbs, determiners and pronouns that open a sentence before a place ("Meanwhile
    // Tapachula ...", "Now Tijuana ...", "Despite Tijuana's ...": no person's name)
    "meanwhile",
    "now",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "here",
    "there",
    "throughout",
    "despite",
    "once",
    "along",
    "unlike",
    "amid",
    "amidst",
    "within",
    "upon",
    "under",
    "over",
    "against",
    "among",
    "then",
    "later",
    "earlier",
    "still",
    "yet",
    "soon",
    "instead",
    "already",
    "every",
    "all",
    "many",
    "most",
    "some",
    "each",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "what",
    "which",
    "although",
    "though",
    "however",
    "unless",
    "thus",
    "about",
    "behind",
    "beside",
    "besides",
    "nearby",
    "including",
    "except",
    "whether",
    "why",
    "how",
    "whereas",
    "not",
    "no",
    "just",
    "never",
    "again",
    "another",
    "other",
    "several",
    "either",
    "neither",
    "is",
    "was",
    "are",
    "were",
    "it",
    "they",
    "we",
    "he",
    "she",
    "ahora",
    "tambien",
    "incluso",
    "solo",
    "cada",
    "otro",
    "otra",
    "otros",
    "otras",
    "ese",
    "esa",
    "esos",
    "esas",
    "estos",
    "estas",
    "dentro",
    "fuera",
    "frente",
    "junto",
    "lejos",
    "tampoco",
    "asimismo",
    "ademas",
    "ni",
    "pues",
    "porque",
    "aun",
    "apenas",
    "casi",
    "entonces",
];

/// Words before "de"/"of" (or right after the name) that make the name a state or department.
const REGION_NOUNS: &[&str] = &[
    "estado",
    "state",
    "states",
    "estados",
    "departamento",
    "departamentos",
    "provincia",
    "province",
    "department",
    "departments",
    "gobernador",
    "gobernadora",
    "gobierno",
    "governor",
    "government",
    "entidad",
    "fiscalia",
    "congreso",
];

/// Prepositions that put what follows at a place ("in", "en", "desde", "hacia").
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "to", "near", "toward", "towards", "through", "into", "en", "a", "de",
    "desde", "hacia", "hasta", "por", "rumbo", "al", "del",
];

/// Person names that are also the names of dozens of towns.
const PERSON_NAMES: &[&str] = &[
    "benito juarez",
    "emiliano zapata",
    "miguel hidalgo",
    "francisco i madero",
    "lazaro cardenas",
    "venustiano carranza",
    "vicente guerrero",
    "ignacio zaragoza",
    "jose maria morelos",
    "alvaro obregon",
    "adolfo lopez mateos",
    "miguel aleman",
    "francisco villa",
    "pancho villa",
    "ignacio allende",
    "guadalupe victoria",
    "general francisco r murguia",
    "nicolas bravo",
    "cuauhtemoc",
    "jesus maria",
    "guadalupe",
    "washington",
];

/// Towns named by a Spanish common word or phrase ("El Progreso", "La Esperanza", "Unión",
/// "Reforma"): as often the word as the town ("el progreso de la caravana", "la esperanza
/// de los migrantes" opening a sentence), so a place only in a place's slot (a place
/// preposition or verb of movement before it, a town noun, its state after a comma, a
/// dateline, a list with places), whatever its tier. Folded keys.
const COMMON_WORD_NAMES: &[&str] = &[
    "progreso",
    "el progreso",
    "libertad",
    "la libertad",
    "esperanza",
    "la esperanza",
    "nueva esperanza",
    "la nueva esperanza",
    "union",
    "la union",
    "victoria",
    "la victoria",
    "paraiso",
    "el paraiso",
    "frontera",
    "la frontera",
    "reforma",
    "la reforma",
    "la paz",
    "paz",
    "concordia",
    "la concordia",
    "porvenir",
    "el porvenir",
    "providencia",
    "la providencia",
    "independencia",
    "la independencia",
    "soledad",
    "la soledad",
    "gloria",
    "la gloria",
    "alianza",
    "la alianza",
    "democracia",
    "la democracia",
    "revolucion",
    "la revolucion",
    "fortuna",
    "la fortuna",
    "estrella",
    "la estrella",
    "isla",
    "la isla",
    "bonanza",
    "la bonanza",
    "amistad",
    "la amistad",
    "fraternidad",
    "la fraternidad",
    "igualdad",
    "la igualdad",
    "justicia",
    "la justicia",
    "patria",
    "la patria",
];

/// Municipalities the press names instead of their seat: (municipality, seat, admin1).
const MUNICIPALITY_NAMES: &[(&str, &str, &str)] = &[("Suchiate", "Ciudad Hidalgo", "Chiapas")];

/// Never places, whatever the gazetteer holds.
const NOT_PLACES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// What a folded name can mean.
#[derive(Debug, Default)]
struct NameEntry {
    /// Towns with this exact name.
    towns: Vec<usize>,
    /// Major towns this is a short form of ("juarez" → Ciudad Juárez).
    short: Vec<usize>,
    /// Big cities this is a short form of only in text about their own country: "San
    /// Pedro" is San Pedro Sula beside Honduras, "Progreso" El Progreso (Yoro); elsewhere
    /// the villages of the name keep it ([`country_short_form`]).
    country_short: Vec<usize>,
    non_town: Option<NonTown>,
}

/// The name index, built once per run from the gazetteer.
pub struct PlaceFinder<'g> {
    gazetteer: &'g Gazetteer,
    /// (foldhash: a name is looked up for every capitalised word of the text)
    names: foldhash::HashMap<String, NameEntry>,
    /// For each first word of a name, the most words a name starting with it has.
    first_words: foldhash::HashMap<String, usize>,
    /// The names of major towns (no state or country shares them), for misspellings
    /// ("Pipijiapan" for Pijijiapan).
    spelling: SpellingIndex,
    /// Names of two or more words written as one ("villacomaltitlan" → "villa
    /// comaltitlan") or without their article ("corazones" → "los corazones"), any tier.
    joined: foldhash::HashMap<String, String>,
    /// Capitals that share their country's name, by country code (a Spanish dateline
    /// "Guatemala, 4 de octubre" is Guatemala City).
    capitals: Vec<(&'static str, usize)>,
    /// Unknown words already looked up in `spelling`, and the name each is near.
    misspelt_memo: std::sync::Mutex<foldhash::HashMap<String, Option<String>>>,
    /// Each town's highway when it lies on the caravan corridor, by gazetteer index.
    roadside: Vec<Option<Roadside>>,
}

/// Unknown words whose spelling look-up is remembered (a bound for huge files).
const MAX_MISSPELT_MEMO: usize = 1 << 16;

/// How a name the gazetteer lacks was read as one it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spelling {
    /// Letters added, dropped or changed in a major town's name ("Tapantepec").
    Misspelt,
    /// One letter added, dropped, changed or two swapped in a major town's name of several
    /// words and [`TWO_EDIT_CHARS`] letters or more ("Cuidad Juarez", "San Pedro
    /// Tapanatepe"): as sure as the name itself (a one-word name one letter off,
    /// "Pipijiapan", still needs a place near it).
    OneSlip,
    /// A name of several words written as one ("Villacomaltitlán").
    Joined,
}

/// The fewest letters a word needs before a misspelling of a major town's name is read
/// (shorter words are too often other words: "Pueblo" is one letter from Puebla).
const MIN_MISSPELT_CHARS: usize = 7;
/// Names of at least this many letters may be two edits off ("Tecun Unam"), shorter ones one.
const TWO_EDIT_CHARS: usize = 10;

/// A town match inside a paragraph, before or after choosing among same-name towns.
#[derive(Debug, Clone)]
pub struct PlaceHit {
    /// Byte span in the paragraph text.
    pub start: usize,
    /// End of the byte span (exclusive).
    pub end: usize,
    /// 1-based line in the file.
    pub line: usize,
    /// Index of the sentence in the paragraph.
    pub sentence: usize,
    /// The words as written.
    pub text: String,
    /// The candidate towns (gazetteer indices), after the paragraph's context narrowed them.
    pub candidates: Vec<usize>,
    /// The chosen town, when the paragraph decided it.
    pub chosen: Option<(usize, Reason)>,
    /// A village in a place's slot, or a town ending an institution's long name, that no
    /// place named so far lies near: it counts only if a place the article names later
    /// does ([`PlaceFinder::supported`]), or the article names the town itself.
    pub needs_support: bool,
}

/// A town name found in a paragraph, with what the rules of step 2 learnt of it, waiting for
/// step 3 to choose among its candidates.
#[allow(clippy::struct_excessive_bools)] // independent facts from separate rules, each read once in step 3
struct TownSpan {
    /// Its first word's index.
    i: usize,
    /// How many words it spans.
    n: usize,
    /// The gazetteer towns it may be.
    candidates: Vec<usize>,
    /// A village's name, a short form or a person's name: it needs strong evidence.
    needs_evidence: bool,
    /// Only villages (or short forms) carry the name.
    minor_name: bool,
    /// Read as another spelling of a name.
    spelling: Option<Spelling>,
    /// The name is also a state's or department's.
    region_name: bool,
    /// A common word that counts only in a place's slot.
    common_word: bool,
    /// It ends an institution's long name or follows a venue noun: in the town only where
    /// the article is.
    name_tail: bool,
    /// Big cities the name is a short form of in text about their country.
    country_short: Vec<usize>,
}

impl TownSpan {
    /// A span already known to be one town (a capital read from its country or state), so it
    /// needs no evidence and carries no doubt.
    fn settled(i: usize, n: usize, town: usize) -> Self {
        Self {
            i,
            n,
            candidates: vec![town],
            needs_evidence: false,
            minor_name: false,
            spelling: None,
            region_name: false,
            common_word: false,
            name_tail: false,
            country_short: Vec::new(),
        }
    }
}

/// A region or country named in a paragraph: context for the towns.
#[derive(Debug, Clone)]
struct ContextName {
    regions: Vec<Region>,
    country_code: Option<&'static str>,
    line: usize,
    sentence: usize,
    /// Index of its first word in the paragraph.
    word: usize,
    /// It qualifies a town named just before it ("McAllen, Texas"): the word index after
    /// that town (`usize::MAX` for a name the gazetteer lacks).
    of_town: Option<usize>,
}

/// What the article said before this paragraph, for choosing among same-name towns.
#[derive(Debug, Default, Clone)]
pub struct ArticleContext {
    /// Regions named in the header or dateline (the first lines of the file).
    header_regions: Vec<(Region, usize)>,
    /// (admin1, country) → (times named or implied, first line named)
    region_votes: HashMap<(String, String), usize>,
    country_votes: HashMap<String, usize>,
    /// Towns decided so far (index, name) — a small set: used for distances.
    anchors: Vec<usize>,
}

/// Lines at the top of a file that count as its header and dateline.
const HEADER_LINES: usize = 8;

impl<'g> PlaceFinder<'g> {
    /// Build the name index of every town of `gazetteer`.
    pub fn new(gazetteer: &'g Gazetteer) -> Self {
        let mut names = foldhash::HashMap::<String, NameEntry>::default();
        for (i, town) in gazetteer.towns().iter().enumerate() {
            let keys = [town.name.as_str(), town.ascii_name.as_str()]
                .into_iter()
                .chain(town.aliases.iter().map(String::as_str))
                .map(fold);
            for key in keys {
                let e = names.entry(key).or_default();
                if !e.towns.contains(&i) {
                    e.towns.push(i);
                }
            }
        }
        // "Ciudad México" for Ciudad de México: the press drops the "de"
        let without_de: Vec<(String, Vec<usize>)> = names
            .iter()
            .filter_map(|(k, e)| {
                let rest = k.strip_prefix("ciudad de ")?;
                Some((format!("ciudad {rest}"), e.towns.clone()))
            })
            .collect();
        for (key, towns) in without_de {
            let e = names.entry(key).or_default();
            for i in towns {
                if !e.towns.contains(&i) {
                    e.towns.push(i);
                }
            }
        }
        for (i, town) in gazetteer.towns().iter().enumerate() {
            if !is_major(town) {
                continue;
            }
            let big = town.population.is_some_and(|p| p >= BIG_TOWN_PEOPLE);
            for short in short_forms(&fold(&town.name), big) {
                let e = names.entry(short.clone()).or_default();
                if e.towns.contains(&i) || e.short.contains(&i) {
                    continue;
                }
                // "Choluteca" for Ciudad Choluteca: the short form is the name of the
                // department the town is the capital of, as sure as the full name
                if short == fold(&town.admin1) {
                    e.towns.push(i);
                } else {
                    e.short.push(i);
                }
            }
        }
        // a village seat named without its saint ("Zanatepec" for Santo Domingo
        // Zanatepec), where no place has that name
        for (i, town) in gazetteer.towns().iter().enumerate() {
            if is_major(town) {
                continue;
            }
            if let Some(tail) = saint_tail(&fold(&town.name))
                && names.get(&tail).is_none_or(|e| e.towns.is_empty())
            {
                let e = names.entry(tail).or_default();
                if !e.short.contains(&i) {
                    e.short.push(i);
                }
            }
        }
        // a big city's head that places of other countries carry ("San Pedro" for San
        // Pedro Sula, "Progreso" for El Progreso): that city in text about its country
        for (i, town) in gazetteer.towns().iter().enumerate() {
            if !is_major(town) || town.population.is_none_or(|p| p < BIG_TOWN_PEOPLE) {
                continue;
            }
            if let Some(head) = country_short_form(&fold(&town.name))
                && let Some(e) = names.get_mut(&head)
                && !e.towns.is_empty()
                && !e
                    .towns
                    .iter()
                    .chain(&e.short)
                    .any(|&c| gazetteer.towns()[c].country_code == town.country_code)
                && !e.country_short.contains(&i)
            {
                e.country_short.push(i);
            }
        }
        // municipalities named for a seat of another name: "partió de Suchiate"
        for (name, town_name, admin1) in MUNICIPALITY_NAMES {
            if let Some(i) = gazetteer
                .towns()
                .iter()
                .position(|t| t.name == *town_name && t.admin1 == *admin1)
            {
                let e = names.entry(fold(name)).or_default();
                if !e.towns.contains(&i) {
                    e.towns.push(i);
                }
            }
        }
        for (key, non_town) in admin::non_town_names() {
            names.entry(key).or_default().non_town = Some(non_town);
        }
        let mut first_words = foldhash::HashMap::<String, usize>::default();
        for key in names.keys() {
            let mut it = key.split(' ');
            let first = it.next().unwrap_or_default().to_string();
            let n = 1 + it.count();
            let e = first_words.entry(first).or_default();
            *e = (*e).max(n);
        }
        let mut spelling_keys: Vec<&str> = Vec::new();
        let mut joined = foldhash::HashMap::<String, String>::default();
        for (key, e) in &names {
            if e.non_town.is_some() {
                continue;
            }
            if key.chars().count() >= MIN_MISSPELT_CHARS
                && e.towns.iter().any(|&c| is_major(&gazetteer.towns()[c]))
            {
                spelling_keys.push(key);
            }
            if key.contains(' ') && !e.towns.is_empty() {
                let one: String = key.split(' ').collect();
                if one.len() >= MIN_MISSPELT_CHARS && !names.contains_key(&one) {
                    joined.insert(one, key.clone());
                }
                // "Corazones, Oaxaca", "los pasos de Florido": a name without its article
                // (Los Corazones, El Florido)
                if let Some((_, rest)) = key
                    .split_once(' ')
                    .filter(|(a, _)| matches!(*a, "el" | "la" | "los" | "las"))
                    && !rest.contains(' ')
                    && !names.contains_key(rest)
                {
                    joined.insert(rest.to_string(), key.clone());
                }
            }
        }
        let spelling = SpellingIndex::new(spelling_keys.into_iter());
        let capitals = [("GT", "Guatemala City"), ("MX", "Mexico City")]
            .into_iter()
            .filter_map(|(cc, name)| {
                let i = gazetteer
                    .towns()
                    .iter()
                    .position(|t| t.name == name && t.country_code == cc)?;
                Some((cc, i))
            })
            .collect();
        Self {
            gazetteer,
            names,
            first_words,
            spelling,
            joined,
            misspelt_memo: std::sync::Mutex::default(),
            capitals,
            roadside: roadside_places(gazetteer),
        }
    }

    /// A name the gazetteer lacks, read as a town's name written another way: one or two
    /// capitalised words (`i..i+n`) that join into a name of several words
    /// ("Villacomaltitlán"), or that are one letter (two for names of ten letters or more)
    /// from exactly one major town's name with the same first letter ("Pipijiapan",
    /// "Tapantepec"). The caller asks only in a place's slot; the reading still needs the
    /// evidence a village needs.
    fn misspelt_at(
        &self,
        words: &[Word],
        text: &str,
        i: usize,
    ) -> Option<(usize, &NameEntry, Spelling)> {
        let w = &words[i];
        if !(w.capitalised || w.all_caps) || NOT_PLACES.contains(&w.key.as_str()) {
            return None;
        }
        if let Some(key) = self.joined.get(w.key.as_str()) {
            return Some((1, self.names.get(key.as_str())?, Spelling::Joined));
        }
        // the word alone, then with the next capitalised word ("Tecun Unam"); a next word
        // that starts a name of its own only as the last word of the name read ("Cuidad
        // Juarez" for Ciudad Juárez)
        let two = words
            .get(i + 1)
            .filter(|x| (x.capitalised || x.all_caps) && !gap_breaks_name(&text[w.end..x.start]));
        let two_is_a_name = two.is_some_and(|x| self.first_words.contains_key(x.key.as_str()));
        let mut query = String::from(w.key.as_str());
        for n in 1..=2 {
            if n == 2 {
                let Some(x) = two else { break };
                query.push(' ');
                query.push_str(&x.key);
            }
            if query.chars().count() < MIN_MISSPELT_CHARS {
                continue;
            }
            if let Some(key) = self.closest_major_name(&query)
                && !(n == 2
                    && two_is_a_name
                    && two.is_some_and(|x| key.rsplit(' ').next() != Some(x.key.as_str())))
            {
                return Some((n, self.names.get(key.as_str())?, slip(&query, &key)));
            }
        }
        None
    }

    /// A name (`n` words from `i`) followed by a capitalised word no name starts with, read
    /// together as a longer major town's name misspelt at its end ("San Pedro Tapanatepe"
    /// for San Pedro Tapanatepec): the words it spans, the name, and how far off it is.
    fn misspelt_tail(
        &self,
        words: &[Word],
        text: &str,
        i: usize,
        n: usize,
    ) -> Option<(usize, &NameEntry, Spelling)> {
        let x = words.get(i + n)?;
        if !(x.capitalised || x.all_caps)
            || gap_breaks_name(&text[words[i + n - 1].end..x.start])
            || self.first_words.contains_key(x.key.as_str())
            || NOT_PLACES.contains(&x.key.as_str())
        {
            return None;
        }
        let query = format!("{} {}", join_keys(&words[i..i + n]), x.key);
        let key = self.closest_major_name(&query)?;
        Some((n + 1, self.names.get(key.as_str())?, slip(&query, &key)))
    }

    /// The one major town's name nearest `query` (folded) with the same first letter,
    /// within one edit (two for ten letters or more); none when two names are as near.
    /// Answers are remembered: the same unknown words recur in an article and across
    /// articles, and the look-up costs microseconds.
    fn closest_major_name(&self, query: &str) -> Option<String> {
        if let Some(known) = self
            .misspelt_memo
            .lock()
            .ok()
            .and_then(|m| m.get(query).cloned())
        {
            return known;
        }
        let max_edits: u8 = if query.chars().count() >= TWO_EDIT_CHARS {
            2
        } else {
            1
        };
        let mut best: Option<(usize, String)> = None;
        let mut tied = false;
        for key in self.spelling.within(query, max_edits) {
            if key.as_bytes().first() != query.as_bytes().first() {
                continue;
            }
            let edits = strsim::levenshtein(query, &key);
            match &best {
                Some((b, _)) if *b < edits => {}
                Some((b, _)) if *b == edits => tied = true,
                _ => {
                    best = Some((edits, key));
                    tied = false;
                }
            }
        }
        let none_near = best.is_none();
        let mut answer = best.filter(|_| !tied).map(|(_, key)| key);
        // "Ixetpec" for Ixtepec: two letters swapped (two edits for Levenshtein) where a
        // short name allows one; the first letter stays
        if none_near && max_edits == 1 {
            let chars: Vec<char> = query.chars().collect();
            let mut found: Vec<String> = Vec::new();
            for j in 1..chars.len().saturating_sub(1) {
                if chars[j] == chars[j + 1] {
                    continue;
                }
                let mut swapped = chars.clone();
                swapped.swap(j, j + 1);
                let key: String = swapped.into_iter().collect();
                if self.names.get(&key).is_some_and(|e| {
                    e.non_town.is_none() && e.towns.iter().any(|&c| is_major(self.town(c)))
                }) && !found.contains(&key)
                {
                    found.push(key);
                }
            }
            if let [one] = found.as_slice() {
                answer = Some(one.clone());
            }
        }
        if let Ok(mut m) = self.misspelt_memo.lock()
            && m.len() < MAX_MISSPELT_MEMO
        {
            m.insert(query.to_string(), answer.clone());
        }
        answer
    }

    /// The longest name starting at word `i` (capitalised, within one line): its length
    /// in words and what it can mean.
    fn longest_at(&self, text: &str, words: &[Word], i: usize) -> Option<(usize, &NameEntry)> {
        let w = &words[i];
        // "en la Mesilla", "por el Ceibo": a major town's name with its article in
        // lower case
        let article = !w.capitalised
            && matches!(w.key.as_str(), "el" | "la" | "los" | "las")
            && words.get(i + 1).is_some_and(|x| x.capitalised);
        if !(w.capitalised || w.all_caps || article) {
            return None;
        }
        let &max_n = self.first_words.get(w.key.as_str())?;
        let mut key = String::new();
        for n in (1..=max_n.min(words.len() - i)).rev() {
            let span = &words[i..i + n];
            // a name never spans a line break, a comma, a bracket or a quote ("San
            // Antonio, Texas" is two names, not the village San Antonio Texas)
            if span.windows(2).any(|p| {
                text[p[0].end..p[1].start]
                    .contains(['\n', ',', ';', ':', '(', ')', '"', '“', '”', '«', '»'])
            }) {
                continue;
            }
            key.clear();
            for (k, w) in span.iter().enumerate() {
                if k > 0 {
                    key.push(' ');
                }
                key.push_str(&w.key);
            }
            if let Some(e) = self.names.get(key.as_str())
                && (!article || n >= 2 && e.towns.iter().any(|&c| is_major(self.town(c))))
            {
                return Some((n, e));
            }
        }
        None
    }

    /// Whether a name means nothing but villages (the gazetteer's minor tier): no major
    /// town, short form, state or country of that name.
    /// "San Francisco Chahuites", "San Cosme Xaloztoc", "Santo Domingo Ixtepec": a
    /// patron saint's name (one or two words after `San`, `Santa`, `Santo`) written before
    /// a town's name that the gazetteer keeps without it. The whole span is that town, not
    /// the saint's namesake (San Francisco, California); a name the gazetteer has in full
    /// (`San Pedro Sula`, `Santo Domingo Tehuantepec`) is matched as it is.
    fn saint_then_town(&self, text: &str, words: &[Word], i: usize) -> Option<(usize, &NameEntry)> {
        let w = &words[i];
        if !(w.capitalised && matches!(w.key.as_str(), "san" | "santa" | "santo")) {
            return None;
        }
        let joined = |a: usize| {
            words.get(a).is_some_and(|x| {
                x.capitalised && !gap_breaks_name(&text[words[a - 1].end..x.start])
            })
        };
        if !joined(i + 1) {
            return None;
        }
        let whole = self.longest_at(text, words, i).map_or(0, |(n, _)| n);
        (2..=3).find_map(|k| {
            if whole > k || !joined(i + k) || k == 3 && !joined(i + 2) {
                return None;
            }
            let (m, tail) = self.longest_at(text, words, i + k)?;
            // the tail is a town's own name, not another saint's or a region's, and a
            // town of the countries that name towns so ("San Ysidro Point" is no Point)
            (tail.towns.iter().any(|&c| {
                matches!(
                    self.town(c).country_code.as_str(),
                    "MX" | "GT" | "HN" | "SV"
                )
            }) && tail.non_town.is_none()
                && !matches!(words[i + k].key.as_str(), "san" | "santa" | "santo"))
            .then_some((k + m, tail))
        })
    }

    fn villages_only(&self, e: &NameEntry) -> bool {
        e.non_town.is_none()
            && e.short.is_empty()
            && !e.towns.iter().any(|&c| is_major(self.town(c)))
    }

    /// Whether word `i` stands where a misspelt town's name is worth looking for: a long
    /// capitalised word after a place preposition, a verb of movement or a town noun ("de
    /// Pipijiapan", "reaches Tapantepec", "the town of Tecun Unam"), before a comma or
    /// bracket ("Tapantepec, Oaxaca"), or opening the paragraph in capitals (a dateline).
    fn spelling_slot(text: &str, words: &[Word], i: usize) -> bool {
        let w = &words[i];
        let two_words = words
            .get(i + 1)
            .is_some_and(|x| x.capitalised || x.all_caps);
        if !(w.capitalised || w.all_caps) || w.key.len() < MIN_MISSPELT_CHARS && !two_words {
            return false;
        }
        let after_preposition = i.checked_sub(1).is_some_and(|p| {
            let p = &words[p];
            !p.capitalised
                && !gap_breaks_name(&text[p.end..w.start])
                && (PLACE_PREPOSITIONS.contains(&p.key.as_str())
                    || MOTION_VERBS.contains(&p.key.as_str()))
        });
        let before_comma = words
            .get(i + 1)
            .is_some_and(|x| x.capitalised && qualifies(text, w.end, x));
        after_preposition || before_comma || i == 0 && w.all_caps || town_marker(text, words, i, 1)
    }

    /// Whether the words after a paragraph's first name (`n` words), a region's, make it a
    /// dateline: a dash ("Chihuahua.–"), a day or agency (as [`dateline_follows`]), or a
    /// comma and the region's own name or abbreviation ("OAXACA, Oax.").
    fn region_dateline_follows(
        &self,
        text: &str,
        words: &[Word],
        n: usize,
        regions: &[Region],
    ) -> bool {
        let Some(next) = words.get(n) else {
            return false;
        };
        let gap = text[words[n - 1].end..next.start].trim();
        if matches!(gap, ".-" | ".–" | ".—" | "-" | "–" | "—" | "--") {
            return next.capitalised;
        }
        if dateline_follows(text, words, n) {
            return true;
        }
        gap == ","
            && self
                .names
                .get(next.key.as_str())
                .and_then(|e| e.non_town.as_ref())
                .is_some_and(|nt| nt.regions.iter().any(|r| regions.contains(r)))
    }

    /// The gazetteer the index was built from.
    pub fn gazetteer(&self) -> &'g Gazetteer {
        self.gazetteer
    }

    fn town(&self, i: usize) -> &'g Town {
        &self.gazetteer.towns()[i]
    }

    /// The town mentions of one paragraph. `first_line` is the file line the paragraph
    /// starts on; `context` is what the article said before it, and is updated.
    pub fn paragraph(
        &self,
        text: &str,
        first_line: usize,
        context: &mut ArticleContext,
    ) -> Vec<PlaceHit> {
        let words = words(text);
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let line_of = |pos: usize| first_line + line_starts.partition_point(|&s| s <= pos) - 1;
        let sentence_spans = sentences(text);
        let sentence_of = |pos: usize| {
            sentence_spans
                .partition_point(|&(s, _)| s <= pos)
                .saturating_sub(1)
        };

        // 1. Longest matches. A match that only villages carry gives way to a match
        // starting inside it that reaches further ("La Ciudad de México" is Mexico City,
        // not the village La Ciudad followed by a country).
        let mut matches: Vec<(usize, usize, &NameEntry, Option<Spelling>)> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some((n, e)) = self.saint_then_town(text, &words, i) {
                matches.push((i, n, e, None));
                i += n;
                continue;
            }
            match self.longest_at(text, &words, i) {
                Some((n, e)) => {
                    let overtaken = self.villages_only(e)
                        && (i + 1..i + n).any(|j| {
                            self.longest_at(text, &words, j)
                                .is_some_and(|(m, _)| j + m > i + n)
                        });
                    if overtaken {
                        i += 1;
                    } else if let Some((m, long, how)) = Self::spelling_slot(text, &words, i)
                        .then(|| self.misspelt_tail(&words, text, i, n))
                        .flatten()
                    {
                        matches.push((i, m, long, Some(how)));
                        i += m;
                    } else {
                        matches.push((i, n, e, None));
                        i += n;
                    }
                }
                // a name the gazetteer lacks, in a place's slot: perhaps a town's name
                // misspelt ("salieron de Pipijiapan", "Tapantepec, Oaxaca")
                None if Self::spelling_slot(text, &words, i) => {
                    match self.misspelt_at(&words, text, i) {
                        Some((n, e, how)) => {
                            matches.push((i, n, e, Some(how)));
                            i += n;
                        }
                        None => i += 1,
                    }
                }
                None => i += 1,
            }
        }

        // 2. Regions and countries (context) and town candidates.
        let mut contexts: Vec<ContextName> = Vec::new();
        let mut towns: Vec<TownSpan> = Vec::new();
        let mut prev_town_end: Option<usize> = None; // word index after the last town kept
        let mut prev_town_candidates: Vec<usize> = Vec::new();
        let mut prev_region_end: Option<usize> = None;
        let mut prev_region_countries: Vec<&str> = Vec::new();
        for &(i, n, e, spelling) in &matches {
            let span_key = join_keys(&words[i..i + n]);
            if NOT_PLACES.contains(&span_key.as_str()) {
                continue;
            }
            if !words[i..i + n]
                .iter()
                .all(|w| w.capitalised || w.all_caps || w.key.len() <= 3)
            {
                continue;
            }
            let right_after_town_comma = prev_town_end
                .is_some_and(|e2| e2 == i && text[words[i - 1].end..words[i].start].trim() == ",");
            let described_comma =
                prev_town_end.is_some_and(|e2| e2 < i && described_then_comma(text, &words, e2, i));
            // ("Guanajuato and León": a list of regions of one country)
            let in_region_list = prev_region_end.is_some_and(|e2| {
                e2 == i - 1 && matches!(words[i - 1].key.as_str(), "y" | "and" | "e")
                    || e2 == i && text[words[i - 1].end..words[i].start].trim() == ","
            }) && e.non_town.as_ref().is_some_and(|nt| {
                nt.regions
                    .iter()
                    .any(|r| prev_region_countries.contains(&r.country_code))
            });
            // (an apposition after a state's name is its town's: "Juchitán, Oaxaca, una
            // ciudad del sur")
            // ("this community of Oaxaca", "un municipio de Veracruz": an unnamed place in
            // the state, not the town of the state's name)
            let in_region = unnamed_place_of(&words, i)
                && e.non_town.as_ref().is_some_and(|nt| !nt.regions.is_empty());
            let town_marked = town_marker(text, &words, i, n) && !in_region
                || e.non_town.is_none() && apposition_noun(text, &words, i + n).is_some();
            let (region_marked, toward) = region_marker(&words, i, n);
            let region_marked = region_marked
                || in_region
                || toward
                    && e.non_town
                        .as_ref()
                        .is_some_and(|nt| nt.regions.iter().any(|r| r.country_code == "MX"));
            let has_towns = !e.towns.is_empty() || !e.short.is_empty();
            // A country whose capital has its name names the capital in a dateline
            // ("Guatemala, 4 de octubre de 2020.-", "MEXICO (EFE) -") and after "ciudad de",
            // whatever the case of "ciudad" ("hacia la ciudad de México"), and after a
            // city's numbered district ("la zona 6 de Guatemala": the capital's zonas)
            let capital_slot = i == 0 && dateline_follows(text, &words, n)
                || i >= 2 && words[i - 1].key == "de" && words[i - 2].key == "ciudad"
                || i >= 3
                    && words[i - 1].key == "de"
                    && words[i - 2].key.bytes().all(|b| b.is_ascii_digit())
                    && words[i - 3].key == "zona";
            if capital_slot
                && let Some(capital) = e
                    .non_town
                    .as_ref()
                    .and_then(|nt| nt.country_code)
                    .and_then(|cc| self.capitals.iter().find(|(c, _)| *c == cc))
                    .map(|&(_, capital)| capital)
            {
                towns.push(TownSpan::settled(i, n, capital));
                prev_town_end = Some(i + n);
                prev_town_candidates = vec![capital];
                continue;
            }
            // "Oaxaca capital", "rumbo a Chihuahua capital": a state's name, then "capital",
            // is its capital of that name ("la capital de Oaxaca" stays the state's)
            if let Some(city) = words
                .get(i + n)
                .filter(|w| {
                    w.key == "capital" && !gap_breaks_name(&text[words[i + n - 1].end..w.start])
                })
                .and(e.non_town.as_ref())
                .and_then(|nt| {
                    nt.regions.iter().find_map(|r| {
                        e.towns.iter().copied().find(|&c| {
                            let t = self.town(c);
                            is_major(t) && t.admin1 == r.admin1 && t.country_code == r.country_code
                        })
                    })
                })
            {
                towns.push(TownSpan::settled(i, n, city));
                prev_town_end = Some(i + n);
                prev_town_candidates = vec![city];
                continue;
            }
            // "Chihuahua.– La gobernadora ...", "OAXACA, Oax. 25 de noviembre.-": a dateline
            // naming a state whose capital has its name names the city
            let region_dateline = i == 0
                && e.non_town.as_ref().is_some_and(|nt| {
                    nt.regions.iter().any(|r| {
                        e.towns.iter().any(|&c| {
                            let t = self.town(c);
                            is_major(t) && t.admin1 == r.admin1 && t.country_code == r.country_code
                        })
                    }) && self.region_dateline_follows(text, &words, n, &nt.regions)
                });
            if let Some(nt) = &e.non_town
                && !town_marked
                && !region_dateline
            {
                // "Vado Hondo, Chiquimula": a place the gazetteer lacks, then its department
                let after_unknown_name = i >= 1
                    && words[i - 1].capitalised
                    && !FUNCTION_WORDS.contains(&words[i - 1].key.as_str())
                    && prev_town_end != Some(i)
                    && text[words[i - 1].end..words[i].start].trim() == ",";
                // "Córdoba, Puebla": a list of towns, not Córdoba in the state of Puebla
                // "Tecún Umán, en San Marcos": the town's department after a comma and "en"
                let after_town_comma_in = prev_town_end.is_some_and(|e2| {
                    e2 + 1 == i
                        && matches!(words[e2].key.as_str(), "en" | "in")
                        && text[words[e2 - 1].end..words[e2].start].trim() == ","
                });
                let after_town_comma = after_unknown_name
                    || described_comma
                    || (right_after_town_comma || after_town_comma_in)
                        && (!has_towns
                            || nt.regions.iter().any(|r| {
                                prev_town_candidates.iter().any(|&c| {
                                    let t = self.town(c);
                                    t.admin1 == r.admin1 && t.country_code == r.country_code
                                })
                            }));
                // a country's name is the country unless marked as its department
                let as_region = !nt.regions.is_empty()
                    && (nt.country_code.is_none() || region_marked)
                    && (region_marked
                        || after_town_comma
                        || in_region_list
                        || !has_towns
                        || nt.regions.iter().any(|r| r.bare_means_region)
                            && nt.country_code.is_none());
                let as_country =
                    nt.country_code.is_some() && (nt.regions.is_empty() || !region_marked);
                if as_region || as_country || !has_towns {
                    let line = line_of(words[i].start);
                    let ctx = ContextName {
                        regions: if as_region {
                            nt.regions.clone()
                        } else {
                            Vec::new()
                        },
                        country_code: if as_country {
                            nt.country_code.filter(|c| !c.is_empty())
                        } else {
                            None
                        },
                        line,
                        sentence: sentence_of(words[i].start),
                        word: i,
                        of_town: if !as_region || !after_town_comma {
                            None
                        } else if after_unknown_name {
                            Some(usize::MAX)
                        } else {
                            prev_town_end
                        },
                    };
                    if as_region {
                        prev_region_end = Some(i + n);
                        prev_region_countries = nt.regions.iter().map(|r| r.country_code).collect();
                    }
                    contexts.push(ctx);
                    continue;
                }
            }
            // "Los Corazones de San Pedro Tapanatepec": a place of a municipality
            let of_place = i >= 1
                && prev_town_end == Some(i - 1)
                && matches!(words[i - 1].key.as_str(), "de" | "del");
            let major_name = e.towns.iter().any(|&c| is_major(self.town(c)));
            if !has_towns || !Self::is_place_context(text, &words, i, n, of_place, major_name) {
                continue;
            }
            // "el Puente de la Concordia", "Juárez de los Santos": a short form ("Puente" of
            // Puente de Ixtla) followed by "de" and another name is that other name
            if e.towns.is_empty()
                && words.get(i + n).is_some_and(|x| {
                    matches!(x.key.as_str(), "de" | "del")
                        && !gap_breaks_name(&text[words[i + n - 1].end..x.start])
                })
                && words.get(i + n + 1).is_some_and(|y| {
                    y.capitalised || matches!(y.key.as_str(), "la" | "el" | "los" | "las")
                })
            {
                continue;
            }
            let mut candidates = e.towns.clone();
            candidates.extend(&e.short);
            if matches!(spelling, Some(Spelling::Misspelt | Spelling::OneSlip)) {
                // a misspelling is read only as the major town's name it is near
                candidates.retain(|&c| is_major(self.town(c)));
            }
            // "the village of Álvaro Obregón", "el ejido X": not a city of the name
            let rural = rural_marker(&words, i)
                || apposition_noun(text, &words, i + n).is_some_and(|k| RURAL_NOUNS.contains(&k));
            if rural && candidates.len() > 1 {
                let small: Vec<usize> = candidates
                    .iter()
                    .copied()
                    .filter(|&c| self.town(c).kind != "city")
                    .collect();
                if !small.is_empty() {
                    candidates = small;
                }
            }
            // no major town has exactly this name: villages, short forms ("Santiago" for
            // Santiago de Querétaro), people's names and other spellings need evidence
            let all_minor = !e
                .towns
                .iter()
                .any(|&c| is_major(self.town(c)) && candidates.contains(&c))
                || PERSON_NAMES.contains(&span_key.as_str())
                || spelling.is_some_and(|s| s != Spelling::OneSlip);
            let candidates_kept = candidates.clone();
            towns.push(TownSpan {
                i,
                n,
                candidates,
                needs_evidence: all_minor && !town_marked,
                minor_name: all_minor,
                spelling,
                region_name: e.non_town.as_ref().is_some_and(|nt| !nt.regions.is_empty()),
                common_word: !town_marked && COMMON_WORD_NAMES.contains(&span_key.as_str()),
                name_tail: !of_place && own_name_before(text, &words, i) == Some(OwnName::Long)
                    || major_name && venue_before(text, &words, i, n),
                country_short: e.country_short.clone(),
            });
            prev_town_end = Some(i + n);
            prev_town_candidates = candidates_kept;
        }
        for c in &contexts {
            if c.line < HEADER_LINES + 1 {
                for r in &c.regions {
                    context.header_regions.push((*r, c.line));
                }
            }
        }

        // 3. Choose among same-name towns with this paragraph's context.
        let mut hits = Vec::new();
        // towns that need supporting evidence go last, so this paragraph's other towns
        // and regions can support them
        towns.sort_by_key(|t| t.needs_evidence);
        let para_regions: Vec<(String, String)> = contexts
            .iter()
            .flat_map(|c| c.regions.iter())
            .map(|r| (r.admin1.to_string(), r.country_code.to_string()))
            .collect();
        let mut para_anchors: Vec<usize> = Vec::new();
        // every reading of this paragraph's places so far: a village near any supports it
        let mut para_named: Vec<usize> = Vec::new();
        // places a village may be listed with: the names needing no evidence, then each
        // village accepted (in text order)
        let all_spans: Vec<(usize, usize)> = towns.iter().map(|t| (t.i, t.i + t.n)).collect();
        let mut spans: Vec<(usize, usize)> = towns
            .iter()
            .filter(|t| !t.needs_evidence)
            .map(|t| (t.i, t.i + t.n))
            .collect();
        for TownSpan {
            i,
            n,
            mut candidates,
            needs_evidence,
            minor_name,
            spelling,
            region_name,
            common_word,
            name_tail,
            country_short,
        } in towns
        {
            let start = words[i].start;
            let end = words[i + n - 1].end;
            let line = line_of(start);
            let sentence = sentence_of(start);
            // "Tonalá, Chiapas": the qualifier right after the name.
            let qualifier = contexts.iter().find(|c| {
                c.word == i + n && qualifies(text, end, &words[i + n])
                    || c.word > i + n && described_then_comma(text, &words, i + n, c.word)
            });
            let mut chosen = None;
            let mut strong = false;
            // "salieron de San Pedro" in a story that names Honduras or a Honduran place:
            // the country's big city of that short form, not a village elsewhere
            let country_named = |cc: &str| {
                contexts.iter().any(|c| c.country_code == Some(cc))
                    || context.country_votes.contains_key(cc)
                    || context
                        .anchors
                        .iter()
                        .chain(&para_anchors)
                        .any(|&a| self.town(a).country_code == cc)
            };
            // (a village of the name the article placed already, or whose state the
            // paragraph names, keeps it: "San Pedro, en Coahuila")
            let village_held = candidates.iter().any(|&c| {
                let t = self.town(c);
                context.anchors.contains(&c)
                    || para_anchors.contains(&c)
                    || para_regions.contains(&(t.admin1.clone(), t.country_code.clone()))
            });
            let by_country = country_short.iter().copied().find(|&c| {
                let t = self.town(c);
                !village_held
                    && country_named(&t.country_code)
                    && qualifier.is_none_or(|q| {
                        q.country_code == Some(t.country_code.as_str())
                            || self.in_regions(c, &q.regions)
                    })
            });
            if let Some(c) = by_country {
                chosen = Some((
                    c,
                    Reason::CountryShortForm {
                        country: self.town(c).country.clone(),
                    },
                ));
                candidates = vec![c];
                strong = true;
            }
            // "Laredo and Reynosa, Texas": a big city with a state of another country after
            // it is still that city (a list's state, or the writer's slip); a country after
            // it ("León, Nicaragua") is another place
            let big_city = candidates
                .iter()
                .any(|&c| self.town(c).population.unwrap_or(0) >= BIG_TOWN_PEOPLE);
            if let Some(q) = qualifier.filter(|_| by_country.is_none()) {
                if let Some((c, r)) = self.by_regions(&candidates, &q.regions, q.line) {
                    chosen = Some((c, r));
                    strong = true;
                } else if candidates.iter().any(|&c| self.in_regions(c, &q.regions)) {
                    // "Chahuites, Oaxaca": the only town of the name, in the state named
                    strong = true;
                    candidates.retain(|&c| self.in_regions(c, &q.regions));
                } else if let Some(cc) = q.country_code {
                    let in_country: Vec<usize> = candidates
                        .iter()
                        .copied()
                        .filter(|&c| self.town(c).country_code == cc)
                        .collect();
                    if !in_country.is_empty() {
                        strong = true;
                        candidates = in_country;
                    } else if q.regions.is_empty() {
                        // "El Florido, Guatemala" when the gazetteer has El Florido only
                        // in Honduras: another place, which the gazetteer lacks
                        continue;
                    }
                } else if !q.regions.is_empty()
                    && !big_city
                    && !candidates.iter().any(|&c| {
                        q.regions
                            .iter()
                            .any(|r| r.country_code == self.town(c).country_code)
                    })
                {
                    // "El Florido border post, Chiquimula": a department of another country
                    continue;
                }
            }
            // "the Mexican town of Escuintla", "el municipio chiapaneco de Escuintla": a
            // country's or state's adjective beside a town noun narrows the towns
            if chosen.is_none()
                && candidates.len() > 1
                && let Some((cc, admin1)) = demonym_before(text, &words, i)
            {
                let narrowed: Vec<usize> = candidates
                    .iter()
                    .copied()
                    .filter(|&c| {
                        let t = self.town(c);
                        t.country_code == cc && admin1.is_none_or(|a| t.admin1 == a)
                    })
                    .collect();
                if let [one] = narrowed.as_slice() {
                    let t = self.town(*one);
                    chosen = Some((
                        *one,
                        match admin1 {
                            Some(a) => Reason::StateNamed {
                                state: a.to_string(),
                                line,
                            },
                            None => Reason::CountryNamed {
                                country: t.country.clone(),
                                line,
                            },
                        },
                    ));
                    candidates = narrowed;
                } else if !narrowed.is_empty() {
                    candidates = narrowed;
                }
            }
            // beyond the sentence, a state named does not swap a major town for a village
            let majors: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&c| is_major(self.town(c)))
                .collect();
            let mut evidenced = strong;
            let wide: &[usize] = if majors.is_empty() {
                &candidates
            } else {
                &majors
            };
            if chosen.is_none() {
                for scope in [Scope::Sentence, Scope::Paragraph] {
                    // ("McAllen, Texas, ... Tijuana, Mexico, to San Diego": a state that
                    // qualifies another town does not, even in the sentence, swap a city of
                    // 100,000 or more for a village of its name in that state)
                    let regions: Vec<(Region, usize)> = contexts
                        .iter()
                        .filter(|c| scope == Scope::Paragraph || c.sentence == sentence)
                        .filter(|c| {
                            scope == Scope::Paragraph
                                || !(big_city && c.of_town.is_some_and(|e| e != i + n))
                        })
                        .flat_map(|c| c.regions.iter().map(move |r| (*r, c.line)))
                        .collect();
                    // ("desde Puebla", in a sentence that names Chiapas, is not a village
                    // Puebla of Chiapas: a state's name means the state or its city)
                    let among = if scope == Scope::Sentence && !region_name {
                        &candidates
                    } else {
                        wide
                    };
                    if let Some(x) = self.by_region_list(among, &regions) {
                        chosen = Some(x);
                        evidenced = scope == Scope::Sentence;
                        break;
                    }
                }
            }
            if chosen.is_none()
                && let Some(x) = self.by_region_list(wide, &context.header_regions)
            {
                chosen = Some(x);
            }
            // a name keeps the place it had earlier in the article
            if chosen.is_none()
                && candidates.len() > 1
                && let Some(&c) = candidates
                    .iter()
                    .find(|c| context.anchors.contains(c) || para_anchors.contains(c))
            {
                chosen = Some((c, Reason::Earlier));
                evidenced = true;
            }
            // "from Tapachula to the town of Álvaro Obregón": a town noun names a town, and
            // the one of the name beside a place of the text (not the city borough)
            if chosen.is_none()
                && candidates.len() > 1
                && (town_marker(text, &words, i, n)
                    || rural_marker(&words, i)
                    || apposition_noun(text, &words, i + n).is_some())
            {
                // the places of this sentence first, then of the text
                let in_sentence: Vec<usize> = hits
                    .iter()
                    .filter(|h: &&PlaceHit| h.sentence == sentence)
                    .filter_map(|h| h.chosen.as_ref().map(|x| x.0))
                    .collect();
                let others: Vec<usize> =
                    context.anchors.iter().chain(&para_named).copied().collect();
                let near_to = |anchors: &[usize]| -> Vec<(usize, usize, f64)> {
                    candidates
                        .iter()
                        .filter_map(|&c| {
                            anchors
                                .iter()
                                .filter(|a| !candidates.contains(a))
                                .map(|&a| (c, a, sphere_km(self.town(a).coord, self.town(c).coord)))
                                .min_by(|x, y| x.2.total_cmp(&y.2))
                        })
                        .filter(|x| x.2 < WAITING_NEAR_KM)
                        .collect()
                };
                let mut near = near_to(&in_sentence);
                if near.is_empty() {
                    near = near_to(&others);
                }
                if let [(c, a, _)] = near.as_slice() {
                    let km = self.town(*a).coord.geodesic_km(self.town(*c).coord);
                    chosen = Some((
                        *c,
                        Reason::Near {
                            place: self.town(*a).name.clone(),
                            km: km.round() as u32,
                        },
                    ));
                }
            }
            if chosen.is_none() {
                // a country named in the sentence or paragraph narrows the towns
                for scope in [Scope::Sentence, Scope::Paragraph] {
                    let named: Vec<(&str, usize)> = contexts
                        .iter()
                        .filter(|c| scope == Scope::Paragraph || c.sentence == sentence)
                        .filter_map(|c| c.country_code.map(|cc| (cc, c.line)))
                        .collect();
                    let narrowed: Vec<usize> = candidates
                        .iter()
                        .copied()
                        .filter(|&c| named.iter().any(|(cc, _)| self.town(c).country_code == *cc))
                        .collect();
                    // a country named does not turn the only major town of a name into
                    // a village of that country ("San Salvador" beside "U.S.-Mexico")
                    let drops_major = candidates.iter().any(|&c| is_major(self.town(c)))
                        && !narrowed.iter().any(|&c| is_major(self.town(c)));
                    if drops_major {
                        break;
                    }
                    if narrowed.len() == 1 && candidates.len() > 1 {
                        let cc = &self.town(narrowed[0]).country_code;
                        let line = named.iter().find(|(c, _)| c == cc).map_or(line, |x| x.1);
                        chosen = Some((
                            narrowed[0],
                            Reason::CountryNamed {
                                country: self.town(narrowed[0]).country.clone(),
                                line,
                            },
                        ));
                        break;
                    }
                    if !narrowed.is_empty() && narrowed.len() < candidates.len() {
                        candidates = narrowed;
                        break;
                    }
                }
            }
            if let Some((c, _)) = &chosen {
                candidates = vec![*c];
            }
            // a dateline: "Tapanatepec, Oax.- ..." at the start of a paragraph
            // (a comma then a lower-case word is a person's apposition: "Solis, a
            // 54-year-old builder")
            let dateline = i == 0
                && words
                    .get(i + n)
                    .is_some_and(|w| match text[end..w.start].trim() {
                        "," => w.capitalised || w.key.starts_with(|c: char| c.is_ascii_digit()),
                        g => matches!(g, "." | ".-" | "-" | "–" | "—" | "/" | "("),
                    });
            let mut needs_support = false;
            let next_is_name = words.get(i + n).is_some_and(|x| {
                // (a capitalised function word inside a sentence is a title's: "Pueblo
                // Sin Fronteras")
                x.capitalised
                    && !gap_breaks_name(&text[end..x.start])
                    && !contexts.iter().any(|c| c.word == i + n)
                    && !spans.iter().any(|&(a, _)| a == i + n)
                    // "the village of Alvaro Obregon Saturday": a day ends the name
                    && !NOT_PLACES.contains(&x.key.as_str())
            });
            if minor_name && !strong && next_is_name {
                // "Santiago González", "Magdalena Mixhiuca", "the town of Vado Hondo":
                // part of a longer name
                continue;
            }
            // a place's slot: after a place preposition or a verb of movement, on a
            // building of the town, in a list or range of places
            let prev = i
                .checked_sub(1)
                .map(|p| &words[p])
                .filter(|p| !p.capitalised);
            let slot = || {
                let gap_before = |a: usize| text[words[a].end..words[i].start].trim();
                let after_preposition = prev.is_some_and(|p| {
                    PLACE_PREPOSITIONS.contains(&p.key.as_str())
                        || MOTION_VERBS.contains(&p.key.as_str())
                        // "three border areas including Mission": examples of places
                        || matches!(p.key.as_str(), "including" | "incluido" | "incluyendo")
                });
                let next_lower = words
                    .get(i + n)
                    .filter(|x| !x.capitalised && !gap_breaks_name(&text[end..x.start]));
                // ("The Juarez mayor", at a sentence's start, too)
                let the_before = i.checked_sub(1).is_some_and(|p| {
                    words[p].key == "the" && !gap_breaks_name(&text[words[p].end..start])
                });
                let on_building = the_before
                    && !PERSON_NAMES.contains(&join_keys(&words[i..i + n]).as_str())
                    && next_lower.is_some()
                    // "Juarez police detained": the town's people and offices
                    || next_lower.is_some_and(|x| TOWN_PEOPLE_WORDS.contains(&x.key.as_str()));
                let range_gap = |g: &str| matches!(g, "," | "-" | "–" | "—" | "/");
                let list_word = |k: &str| matches!(k, "and" | "y" | "e" | "or" | "o");
                // a range ("the Palomares-Jesús Carranza area") joins any two names; a
                // list ("Niltepec, Zanatepec y Tapanatepec") needs a place accepted before
                let dash = |g: &str| matches!(g, "-" | "–" | "—" | "/");
                // "through Santa Elena and Poptún": a name listed after one in a place's
                // slot is in that slot too
                let list_in_slot = all_spans.iter().any(|&(a, b)| {
                    b + 1 == i
                        && list_word(&words[b].key)
                        && a >= 1
                        && !words[a - 1].capitalised
                        && (PLACE_PREPOSITIONS.contains(&words[a - 1].key.as_str())
                            || MOTION_VERBS.contains(&words[a - 1].key.as_str()))
                });
                let listed = list_in_slot
                    || spans.iter().any(|&(a, b)| {
                        (b == i && range_gap(gap_before(b - 1)))
                            || (b + 1 == i && list_word(&words[b].key))
                            || (a == i + n && range_gap(text[end..words[a].start].trim()))
                            || (a == i + n + 1 && list_word(&words[i + n].key))
                    })
                    || all_spans.iter().any(|&(a, b)| {
                        (b == i && dash(gap_before(b - 1)))
                            || (a == i + n && dash(text[end..words[a].start].trim()))
                    });
                after_preposition || on_building || listed
            };
            // "El Progreso de la caravana", "la Esperanza de los migrantes": a town named
            // by a common word only in a place's slot
            if (common_word && !strong || by_country.is_some()) && !dateline && !slot() {
                continue;
            }
            // a dateline is evidence enough for a major town of a person's name
            // ("Washington/Pijijiapan —"), not for a village: "MADRID, 10 (EUROPA PRESS)"
            // is no village of Colima without a place near it
            let village_dateline = dateline && !candidates.iter().any(|&c| is_major(self.town(c)));
            // a place the article already named, a place near it, or its state in the
            // paragraph: what a village or an institution's town needs
            let supports = |c: usize| {
                let t = self.town(c);
                let region = (t.admin1.clone(), t.country_code.clone());
                // a village the article has already accepted is named again
                context.anchors.contains(&c)
                    || para_anchors.contains(&c)
                    || para_regions.contains(&region)
                    || context
                        .anchors
                        .iter()
                        .chain(&para_named)
                        .any(|&a| a != c && within_km(self.town(a).coord, t.coord, NEAR_KM))
            };
            // "la Universidad de Guadalajara" in a story from Tijuana: an institution
            // quoted from elsewhere; "Hospital Regional de Tonalá" beside Pijijiapan is in
            // the town (decided at the article's end when nothing supports it yet)
            if name_tail && !strong && !candidates.iter().any(|&c| supports(c)) {
                needs_support = true;
                chosen = None;
            }
            if needs_evidence && !strong && (!dateline || spelling.is_some() || village_dateline) {
                // a village's name, a person's name or a short form: only in a place's
                // slot and with a same-state or nearby place in the text
                let in_slot = dateline || slot();
                // "talks in Washington", "viajó a Washington": the city, not a person or
                // the government ("pressure from Washington")
                let capital_city = prev.is_some_and(|p| {
                    matches!(
                        p.key.as_str(),
                        "in" | "en" | "to" | "a" | "at" | "hacia" | "into"
                    )
                }) && join_keys(&words[i..i + n]) == "washington";
                if capital_city {
                    candidates.retain(|&c| is_major(self.town(c)));
                }
                let supported = evidenced
                    || capital_city && !candidates.is_empty()
                    || candidates.iter().any(|&c| supports(c));
                if !in_slot {
                    continue;
                }
                if !supported {
                    needs_support = true;
                    chosen = None;
                } else if chosen.is_none() && !capital_city {
                    candidates.retain(|&c| supports(c));
                }
            }
            if chosen.is_none() && candidates.len() == 1 {
                chosen = Some((candidates[0], Reason::OnlyPlace));
            }
            if spelling.is_some()
                && let Some((_, reason)) = &mut chosen
            {
                *reason = Reason::OtherSpelling {
                    written: text[start..end].to_string(),
                };
            }
            if needs_support {
                // (waits for the article's end: supports nothing yet)
            } else if needs_evidence {
                spans.push((i, i + n));
            } else {
                match &chosen {
                    Some((c, _)) => {
                        para_anchors.push(*c);
                        para_named.push(*c);
                    }
                    None => para_named.extend(
                        candidates
                            .iter()
                            .filter(|&&c| is_major(self.town(c)))
                            .take(MAX_ANCHORS),
                    ),
                }
            }
            hits.push(PlaceHit {
                start,
                end,
                line,
                sentence,
                text: text[start..end].to_string(),
                candidates,
                chosen,
                needs_support,
            });
        }

        hits.sort_by_key(|h| h.start);

        // 4. What this paragraph adds to the article's context.
        for c in &contexts {
            for r in &c.regions {
                *context
                    .region_votes
                    .entry((r.admin1.to_string(), r.country_code.to_string()))
                    .or_default() += 1;
            }
            if let Some(cc) = c.country_code {
                *context.country_votes.entry(cc.to_string()).or_default() += 1;
            }
        }
        // (a village waiting for a place near it is no evidence for other places yet)
        for h in hits.iter().filter(|h| !h.needs_support) {
            if let Some((c, _)) = &h.chosen {
                let t = self.town(*c);
                *context
                    .region_votes
                    .entry((t.admin1.clone(), t.country_code.clone()))
                    .or_default() += 1;
                if !context.anchors.contains(c) && context.anchors.len() < MAX_ANCHORS {
                    context.anchors.push(*c);
                }
            }
        }
        hits
    }

    /// The town a mention the paragraph left undecided goes to, from the whole article;
    /// none when only villages carry the name and nothing in the article picks one of
    /// them (a guess among villages of unrelated states would be wrong more often than
    /// right).
    pub fn resolve(
        &self,
        candidates: &[usize],
        context: &ArticleContext,
    ) -> Option<(usize, Reason)> {
        if let [one] = candidates {
            return Some((*one, Reason::OnlyPlace));
        }
        if let Some(&c) = candidates.iter().find(|c| context.anchors.contains(c)) {
            return Some((c, Reason::Earlier));
        }
        // a name shared by one major town and villages means the major town, unless the
        // paragraph named a village's state (decided before this)
        let majors: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&c| is_major(self.town(c)))
            .collect();
        // ... unless a village of the name lies near the article's other places and the
        // major town far from all of them ("Agua Caliente" beside Esquipulas)
        let min_km = |c: usize| {
            context
                .anchors
                .iter()
                .filter(|a| !candidates.contains(a))
                .map(|&a| self.town(a).coord.geodesic_km(self.town(c).coord))
                .fold(f64::INFINITY, f64::min)
        };
        if let [one] = majors.as_slice()
            && self.town(*one).kind != "city"
            && min_km(*one) > 4.0 * NEAR_KM
            && let Some(&near) = candidates
                .iter()
                .filter(|&&c| min_km(c) < NEAR_KM)
                .min_by(|&&a, &&b| min_km(a).total_cmp(&min_km(b)))
        {
            let anchor = context
                .anchors
                .iter()
                .filter(|a| !candidates.contains(a))
                .min_by(|&&a, &&b| {
                    let d = |x: usize| self.town(x).coord.geodesic_km(self.town(near).coord);
                    d(a).total_cmp(&d(b))
                })
                .copied()
                .unwrap_or(near);
            return Some((
                near,
                Reason::Near {
                    place: self.town(anchor).name.clone(),
                    km: min_km(near).round() as u32,
                },
            ));
        }
        if let [one] = majors.as_slice() {
            return Some((
                *one,
                Reason::Largest {
                    of: candidates.len(),
                },
            ));
        }
        let candidates: &[usize] = if majors.is_empty() {
            candidates
        } else {
            &majors
        };
        // states of the other places
        let votes = |c: usize| {
            let t = self.town(c);
            context
                .region_votes
                .get(&(t.admin1.clone(), t.country_code.clone()))
                .copied()
                .unwrap_or(0)
        };
        let best = candidates.iter().copied().max_by_key(|&c| votes(c));
        if let Some(b) = best
            && votes(b) > 0
            && candidates
                .iter()
                .filter(|&&c| votes(c) == votes(b) && self.town(c).admin1 != self.town(b).admin1)
                .count()
                == 0
        {
            let narrowed: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&c| self.town(c).admin1 == self.town(b).admin1 && votes(c) == votes(b))
                .collect();
            let (c, _) = self.largest(&narrowed);
            return Some((
                c,
                Reason::StateOfOtherPlaces {
                    state: self.town(b).admin1.clone(),
                },
            ));
        }
        // nearest to another place of the article
        let mut nearest: Option<(f64, usize, usize)> = None;
        for &c in candidates {
            for &a in &context.anchors {
                if candidates.contains(&a) {
                    continue;
                }
                let d = self.town(a).coord.geodesic_km(self.town(c).coord);
                if nearest.is_none_or(|(bd, _, _)| d < bd) {
                    nearest = Some((d, c, a));
                }
            }
        }
        if let Some((d, c, a)) = nearest
            && d < NEAR_KM
        {
            return Some((
                c,
                Reason::Near {
                    place: self.town(a).name.clone(),
                    km: d.round() as u32,
                },
            ));
        }
        // a border town: the one candidate beside a neighbouring country the article names
        // ("Ciudad Hidalgo" in a story of migrants wading over from Guatemala)
        let foreign: Vec<&str> = context
            .country_votes
            .keys()
            .map(String::as_str)
            .filter(|cc| candidates.iter().all(|&c| self.town(c).country_code != *cc))
            .collect();
        if !foreign.is_empty() {
            let beside = |c: usize| {
                self.gazetteer.towns().iter().find(|t| {
                    foreign.contains(&t.country_code.as_str())
                        && within_km(t.coord, self.town(c).coord, BORDER_KM)
                })
            };
            let by_border: Vec<(usize, &Town)> = candidates
                .iter()
                .filter_map(|&c| beside(c).map(|t| (c, t)))
                .collect();
            if let [(c, t)] = by_border.as_slice() {
                return Some((
                    *c,
                    Reason::Border {
                        country: t.country.clone(),
                    },
                ));
            }
        }
        // a country the article names most
        let cvotes = |c: usize| {
            context
                .country_votes
                .get(&self.town(c).country_code)
                .copied()
                .unwrap_or(0)
        };
        let top = candidates.iter().map(|&c| cvotes(c)).max().unwrap_or(0);
        let narrowed: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&c| cvotes(c) == top)
            .collect();
        if !(narrowed.iter().any(|&c| is_major(self.town(c))) || top > 0 && narrowed.len() == 1) {
            return None;
        }
        Some(self.largest(&narrowed))
    }

    /// Why the one candidate left of a waiting village is the place: the nearest place
    /// of the article.
    pub fn near_reason(&self, c: usize, context: &ArticleContext) -> Reason {
        let t = self.town(c);
        context
            .anchors
            .iter()
            .filter(|&&a| a != c)
            .map(|&a| (self.town(a).coord.geodesic_km(t.coord), a))
            .min_by(|x, y| x.0.total_cmp(&y.0))
            .map_or(Reason::OnlyPlace, |(km, a)| Reason::Near {
                place: self.town(a).name.clone(),
                km: km.round() as u32,
            })
    }

    /// The candidates of a village mention left waiting ([`PlaceHit::needs_support`])
    /// that lie near a place the whole article names; none when no place does.
    pub fn supported(&self, candidates: &[usize], context: &ArticleContext) -> Vec<usize> {
        candidates
            .iter()
            .copied()
            .filter(|&c| {
                context.anchors.iter().any(|&a| {
                    a != c
                        && !candidates.contains(&a)
                        && within_km(self.town(a).coord, self.town(c).coord, WAITING_NEAR_KM)
                })
            })
            .collect()
    }

    /// The one candidate of a village mention that lies beside a caravan highway (within
    /// `ROADSIDE_KM`) in a country the article names, for a village in a place's slot
    /// that no place of the text lies near ("on the highway in Vado Hondo" in a story of
    /// Guatemala); none when no candidate, or more than one, does, or when more than
    /// `ROADSIDE_MAX_NAMESAKES` places carry the name (one of fourteen San Pedros lying on
    /// a highway says nothing: "the bus station in San Pedro" is San Pedro Sula).
    pub fn roadside(
        &self,
        candidates: &[usize],
        context: &ArticleContext,
    ) -> Option<(usize, Reason)> {
        if candidates.len() > ROADSIDE_MAX_NAMESAKES {
            return None;
        }
        let named = |cc: &str| {
            context.country_votes.contains_key(cc)
                || context.region_votes.keys().any(|(_, c)| c == cc)
        };
        let mut beside = candidates.iter().filter_map(|&c| {
            let r = self.roadside[c].filter(|r| r.km <= ROADSIDE_KM && !is_major(self.town(c)))?;
            named(&self.town(c).country_code).then_some((c, r))
        });
        match (beside.next(), beside.next()) {
            (Some((c, r)), None) => Some((
                c,
                Reason::Roadside {
                    highway: r.highway.to_string(),
                },
            )),
            _ => None,
        }
    }

    fn largest(&self, candidates: &[usize]) -> (usize, Reason) {
        let c = *candidates
            .iter()
            .max_by_key(|&&c| {
                let t = self.town(c);
                (is_major(t), t.population.unwrap_or(0), std::cmp::Reverse(c))
            })
            .expect("at least one candidate");
        if candidates.len() == 1 {
            (c, Reason::OnlyPlace)
        } else {
            (
                c,
                Reason::Largest {
                    of: candidates.len(),
                },
            )
        }
    }

    /// Whether town `c` lies in one of the regions.
    fn in_regions(&self, c: usize, regions: &[Region]) -> bool {
        let t = self.town(c);
        regions
            .iter()
            .any(|r| t.admin1 == r.admin1 && t.country_code == r.country_code)
    }

    fn by_regions(
        &self,
        candidates: &[usize],
        regions: &[Region],
        line: usize,
    ) -> Option<(usize, Reason)> {
        let list: Vec<(Region, usize)> = regions.iter().map(|r| (*r, line)).collect();
        self.by_region_list(candidates, &list)
    }

    /// The candidates in the first named region that holds any; the largest of them.
    fn by_region_list(
        &self,
        candidates: &[usize],
        regions: &[(Region, usize)],
    ) -> Option<(usize, Reason)> {
        if candidates.len() < 2 {
            return None;
        }
        for (r, line) in regions {
            let inside: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&c| {
                    let t = self.town(c);
                    t.admin1 == r.admin1 && t.country_code == r.country_code
                })
                .collect();
            if !inside.is_empty() && inside.len() < candidates.len() {
                let (c, _) = self.largest(&inside);
                return Some((
                    c,
                    Reason::StateNamed {
                        state: r.admin1.to_string(),
                        line: *line,
                    },
                ));
            }
        }
        None
    }

    /// Whether the words `i..i+n`, which spell a gazetteer name, are used as a place here.
    fn is_place_context(
        text: &str,
        words: &[Word],
        i: usize,
        n: usize,
        of_place: bool,
        major_name: bool,
    ) -> bool {
        let span = &words[i..i + n];
        // "la Arena Córdoba": a venue named after a major town (support is checked later)
        let venue = major_name && venue_before(text, words, i, n);
        // «Reforma», “El Universal”: a name in quotes is a title (a paper, a book, a plan)
        let open = text[..span[0].start].chars().next_back();
        let close = text[span[n - 1].end..].chars().next();
        if open.is_some_and(|c| "«“\"'‘".contains(c)) && close.is_some_and(|c| "»”\"'’".contains(c))
        {
            return false;
        }
        // "la Marcha por la Paz": a town written with its lower-case article ("por la
        // Mesilla") only after a place preposition or verb of movement that does not
        // follow a title's capitalised word
        if !span[0].capitalised && matches!(span[0].key.as_str(), "el" | "la" | "los" | "las") {
            let slot = i.checked_sub(1).is_some_and(|p| {
                PLACE_PREPOSITIONS.contains(&words[p].key.as_str())
                    || MOTION_VERBS.contains(&words[p].key.as_str())
            });
            let title = i >= 2 && {
                let t = &words[i - 2];
                t.capitalised
                    && !t.all_caps
                    && !FUNCTION_WORDS.contains(&t.key.as_str())
                    && !gap_breaks_name(&text[t.end..words[i - 1].start])
                    && i >= 3
                    && !gap_breaks_name(&text[words[i - 3].end..t.start])
            };
            if !slot || title {
                return false;
            }
        }
        // "al Río Bravo", "the Cerro Gordo": a river or hill whose name a town shares
        if n > 1
            && FEATURE_WORDS.contains(&span[0].key.as_str())
            && i > 0
            && matches!(
                words[i - 1].key.as_str(),
                "el" | "al" | "del" | "la" | "los" | "las" | "the"
            )
            && !words[i - 1].capitalised
        {
            return false;
        }
        let prev = i
            .checked_sub(1)
            .map(|p| &words[p])
            .filter(|p| !gap_breaks_name(&text[p.end..words[i].start]));
        let next = words
            .get(i + n)
            .filter(|x| !gap_breaks_name(&text[span[n - 1].end..x.start]));
        // "puente Suchiate I", "Suchiate II": a numbered facility named after the place
        if next.is_some_and(|x| x.all_caps && matches!(x.key.as_str(), "ii" | "iii" | "iv"))
            || next.is_some_and(|x| {
                &text[x.start..x.end] == "I"
                    && words.get(i + n + 1).is_none_or(|y| {
                        gap_breaks_name(&text[x.end..y.start])
                            || matches!(y.key.as_str(), "y" | "e" | "and")
                    })
            })
        {
            return false;
        }
        // "Macrolibramiento Palmillas-Apaseo el Grande", "la carretera Tapachula-Arriaga",
        // "la autopista México-Puebla": the far end of a road's own name
        if let Some(road) = range_start_word(text, words, i)
            && ROAD_NAME_WORDS.contains(&road.key.as_str())
        {
            return false;
        }
        // "the Huixtla – Villa Comaltitlán section": a name used as a modifier
        let dash_next = words.get(i + n).is_some_and(|x| {
            let gap = text[span[n - 1].end..x.start].trim();
            matches!(gap, "-" | "–" | "—")
        });
        // "por la Juárez", "en la Hidalgo", "el Suchiate": a street, a district or a river
        // (Spanish names no town with a lower-case article)
        if let Some(p) = prev
            && matches!(p.key.as_str(), "la" | "las" | "el" | "los")
            && !p.capitalised
            && !TOWN_NOUNS.contains(&span[0].key.as_str())
            // ("la CDMX": an acronym takes the article)
            && !span.iter().all(|w| w.all_caps)
        {
            return false;
        }
        if let Some(p) = prev {
            let modifier = next.is_some() || dash_next;
            if TITLES.contains(&p.key.as_str()) || (p.key == "the" && !p.capitalised && !modifier) {
                return false;
            }
            if BUILDING_WORDS.contains(&p.key.as_str()) && !venue {
                return false;
            }
        }
        // "pressure from Washington", "presión de Washington": a government, not a place
        if i >= 2
            && matches!(words[i - 1].key.as_str(), "from" | "de" | "by")
            && matches!(
                words[i - 2].key.as_str(),
                "pressure" | "presion" | "presiones" | "demands" | "exigencias" | "orders"
            )
        {
            return false;
        }
        // A title with a full stop: "Gen. Garcia", "Mr. Lopez".
        if let Some(p) = i.checked_sub(1).map(|p| &words[p])
            && TITLES.contains(&p.key.as_str())
            && p.capitalised
            && text[p.end..words[i].start].trim() == "."
        {
            return false;
        }
        // "the Houston Chronicle", "the San Diego Union-Tribune": a newspaper's title
        if let Some(x) = words.get(i + n)
            && x.capitalised
            && OUTLET_WORDS.contains(&x.key.as_str())
            && matches!(text[span[n - 1].end..x.start].trim(), "" | "-")
        {
            return false;
        }
        // "the Tijuana mayor, Juan Pérez, said" is a place, but "Rosales added" and
        // "—dijo Rosales." are a person speaking
        if single_word_speaker(text, words, i, n) {
            return false;
        }
        // "Cuitláhuac García": a given name before a common surname
        if let Some(x) = next
            && x.capitalised
            && !x.all_caps
            && COMMON_SURNAMES.contains(&x.key.as_str())
        {
            return false;
        }
        if let Some(x) = next
            && ORGANISATION_WORDS.contains(&x.key.as_str())
            // "the Tapachula stadium", "Tecún Umán park": a facility of the town is in it
            && (!FACILITY_AFTER_WORDS.contains(&x.key.as_str())
                || PERSON_NAMES.contains(&join_keys(span).as_str()))
            && (x.capitalised
                || !TOWN_OFFICE_WORDS.contains(&x.key.as_str())
                || PERSON_NAMES.contains(&join_keys(span).as_str()))
        {
            return false;
        }
        if let Some(p) = prev {
            // ("left this Friday Tecún Umán park": a day is not part of a name)
            let capitalised_name_word = p.capitalised
                && !NOT_PLACES.contains(&p.key.as_str())
                && !FUNCTION_WORDS.contains(&p.key.as_str())
                && !PLACE_PREFIXES.contains(&p.key.as_str())
                && !TOWN_NOUNS.contains(&p.key.as_str())
                && !TOWN_NOUNS_PLURAL.contains(&p.key.as_str());
            // ("Associated Press TAPACHULA, Mexico —": a byline's last word before an
            // upper-case dateline is no part of its name)
            let caps_after_mixed = span.iter().all(|w| w.all_caps);
            if capitalised_name_word && !p.all_caps && !caps_after_mixed && !venue {
                return false;
            }
            // "NBC San Diego", "KTSM El Paso": a broadcaster's station
            if p.all_caps && !span[0].all_caps && broadcaster(&p.key) {
                return false;
            }
            // "Playas de Tijuana", "Bank of Mexico": the tail of a longer name.
            if matches!(p.key.as_str(), "de" | "del" | "of") && !p.capitalised && !of_place {
                let before = i
                    .checked_sub(2)
                    .map(|q| &words[q])
                    .filter(|q| !gap_breaks_name(&text[q.end..p.start]));
                // "la Virgen de Guadalupe", "la Basílica de Guadalupe": a saint's title,
                // not a town
                if before.is_some_and(|q| SAINT_TITLE_WORDS.contains(&q.key.as_str())) {
                    return false;
                }
                // "la parroquia de San José", "la Basílica de Guadalupe": a church named
                // after its saint (but "la Basílica de Esquipulas" is in the town)
                if before.is_some_and(|q| CHURCH_WORDS.contains(&q.key.as_str()))
                    && (matches!(span[0].key.as_str(), "san" | "santa" | "santo" | "nuestra")
                        || PERSON_NAMES.contains(&join_keys(span).as_str()))
                {
                    return false;
                }
                // "Salieron de Tapachula" is a place, "Playas de Tijuana", "El Diario de
                // Juárez" are names (the long name of an office or institution waits for
                // support: [`own_name_before`])
                if matches!(
                    own_name_before(text, words, i),
                    Some(OwnName::Short | OwnName::Outlet)
                ) {
                    return false;
                }
                // "istmo de Tehuantepec", "avenida de Guadalupe" name no town, while
                // "el parque de Tecún Umán" or "el albergue de Tijuana" is in the town
                if before.is_some_and(|q| {
                    BUILDING_WORDS.contains(&q.key.as_str())
                        && !FACILITY_WORDS.contains(&q.key.as_str())
                }) {
                    return false;
                }
            }
        }
        true
    }

    /// The label used in tables: "Ciudad Hidalgo, Chiapas, MX".
    pub fn label(&self, i: usize) -> String {
        let t = self.town(i);
        if t.admin1.is_empty() {
            format!("{}, {}", t.name, t.country_code)
        } else {
            format!("{}, {}, {}", t.name, t.admin1, t.country_code)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Sentence,
    Paragraph,
}

/// A town this close to a place of another country is a border town of that country.
const BORDER_KM: f64 = 25.0;
/// A same-state or nearby place within this distance supports a village's name.
const NEAR_KM: f64 = 150.0;
/// A village named before any place near it counts if a place named later lies this near
/// (closer than [`NEAR_KM`]: the later place did not lead the reader there).
const WAITING_NEAR_KM: f64 = 60.0;
/// A village this near a highway leg of the corridor table lies on a caravan route.
const ROADSIDE_KM: f32 = 2.0;
/// The most places a name may have for the corridor to pick one (the gazetteer's corridor
/// tier allows as many: `data/towns.README.md` rule 4).
const ROADSIDE_MAX_NAMESAKES: usize = 3;
/// Towns kept as anchors for distances (enough for any article; bounded for huge files).
const MAX_ANCHORS: usize = 64;

/// Whether two places are less than `km` apart on the WGS 84 ellipsoid. The great-circle
/// distance on a sphere of the mean radius is within 0.6% of the geodesic one, so it
/// decides all but the pairs near the limit, at a fraction of the cost (a long article
/// asks this of every village against every place it names).
fn within_km(a: LonLat, b: LonLat, km: f64) -> bool {
    let sphere_km = sphere_km(a, b);
    if sphere_km > km * 1.02 {
        false
    } else if sphere_km < km * 0.98 {
        true
    } else {
        a.geodesic_km(b) < km
    }
}

/// Great-circle distance on a sphere of the Earth's mean radius, km (within 0.6% of the
/// geodesic one, at a fraction of the cost).
fn sphere_km(a: LonLat, b: LonLat) -> f64 {
    const MEAN_EARTH_RADIUS_KM: f64 = 6371.0088;
    let (lat_a, lat_b) = (a.lat_deg.to_radians(), b.lat_deg.to_radians());
    let dlat = lat_b - lat_a;
    let dlon = (b.lon_deg - a.lon_deg).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat_a.cos() * lat_b.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * MEAN_EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Major towns are those a news text may name bare: the gazetteer's major tier (route
/// towns, seed-article places and towns of 20,000 people or more).
pub(crate) fn is_major(t: &Town) -> bool {
    t.tier == crate::gazetteer::Tier::Major
}

/// People above which a city is known by a short head of its name ("León" for León de
/// los Aldama).
const BIG_TOWN_PEOPLE: u64 = 100_000;

/// Short forms of a major town's folded name: "ciudad juarez" → "juarez", "sayula de
/// aleman" → "sayula", "san pedro tapanatepec" → "tapanatepec".
fn short_forms(key: &str, big: bool) -> Vec<String> {
    let words: Vec<&str> = key.split(' ').collect();
    let mut out = Vec::new();
    if words.len() >= 2 && words[0] == "ciudad" && !matches!(words[1], "de" | "del") {
        out.push(words[1..].join(" "));
    }
    // "Heroica Matamoros", "Heroica Caborca": an honorific the press leaves out
    if words.len() >= 2 && words[0] == "heroica" {
        out.push(words[1..].join(" "));
    }
    if let Some(p) = words.iter().position(|w| *w == "de")
        && p >= 1
        && !matches!(words[0], "san" | "santa" | "santo" | "ciudad" | "villa")
    {
        let head = words[..p].join(" ");
        // ("León" for León de los Aldama: a short head only for a big city)
        if head.len() >= 5 || big && head.len() >= 4 {
            out.push(head);
        }
    }
    out.extend(saint_tail(key));
    out
}

/// "santo domingo zanatepec" → "zanatepec": a saint's name before the town's own.
fn saint_tail(key: &str) -> Option<String> {
    // the tails of "Santa Juana Centro", "San José Norte": words, not names
    const COMMON_TAILS: &[&str] = &[
        "centro", "norte", "sur", "oriente", "poniente", "primero", "segundo", "tercero", "nuevo",
        "viejo", "grande", "chico", "arriba", "abajo", "ejido", "barrio", "colonia", "pueblo",
        "rancho", "estacion", "ranchito", "cabecera",
    ];
    let words: Vec<&str> = key.split(' ').collect();
    if words.len() >= 3 && matches!(words[0], "san" | "santa" | "santo") {
        let tail = words[2..].join(" ");
        if tail.len() >= 5
            && !tail.starts_with("de ")
            && !tail.starts_with("del ")
            && !COMMON_TAILS.contains(&words[2])
        {
            return Some(tail);
        }
    }
    None
}

/// The head of a big city's name that the press writes alone in the city's own country:
/// a saint's name before a last word ("san pedro sula" → "san pedro") or the name without
/// its article ("el progreso" → "progreso").
fn country_short_form(key: &str) -> Option<String> {
    let words: Vec<&str> = key.split(' ').collect();
    match words.as_slice() {
        ["san" | "santa" | "santo", saint, last] if !matches!(*last, "de" | "del") => {
            Some(format!("{} {saint}", words[0]))
        }
        ["el" | "la" | "los" | "las", rest] => Some((*rest).to_string()),
        _ => None,
    }
}

/// How far a misspelt `query` is from the major town's `key` it was read as: one slip in a
/// long name of several words, or more.
fn slip(query: &str, key: &str) -> Spelling {
    if key.contains(' ')
        && key.chars().count() >= TWO_EDIT_CHARS
        && strsim::osa_distance(query, key) <= 1
    {
        Spelling::OneSlip
    } else {
        Spelling::Misspelt
    }
}

fn join_keys(words: &[Word]) -> String {
    words
        .iter()
        .map(|w| w.key.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Gap characters that end a sentence or clause: a capitalised word across them starts anew.
fn gap_breaks_name(gap: &str) -> bool {
    gap.chars()
        .any(|c| !(c == ' ' || c == '\t' || c == '\u{a0}'))
}

/// "El Florido border post, Chiquimula": a few lower-case words describe the place (words
/// `from..to`), then a comma and the word at `to`.
fn described_then_comma(text: &str, words: &[Word], from: usize, to: usize) -> bool {
    to - from <= 2
        && words[from..to]
            .iter()
            .all(|w| !w.capitalised && !FUNCTION_WORDS.contains(&w.key.as_str()))
        && (from..to).all(|k| !gap_breaks_name(&text[words[k - 1].end..words[k].start]))
        && text[words[to - 1].end..words[to].start].trim() == ","
}

/// Whether the words after a paragraph's first name (`n` words) make it a dateline: a
/// comma and a day or month ("Guatemala, 4 de octubre"), or an agency in brackets or a
/// dash ("MEXICO (EFE)", "GUATEMALA.-").
fn dateline_follows(text: &str, words: &[Word], n: usize) -> bool {
    let Some(next) = words.get(n) else {
        return false;
    };
    let gap = text[words[n - 1].end..next.start].trim();
    match gap {
        "," => {
            next.key.bytes().all(|b| b.is_ascii_digit()) || NOT_PLACES.contains(&next.key.as_str())
        }
        "(" => next.all_caps,
        ".-" | "—" | "–" | "-" | "--" => words[..n].iter().all(|w| w.all_caps),
        _ => false,
    }
}

/// "Tonalá, Chiapas" or "Tonalá (Chiapas)": the next word qualifies the name.
fn qualifies(text: &str, name_end: usize, next: &Word) -> bool {
    matches!(text[name_end..next.start].trim(), "," | "(")
}

/// "ciudad de Oaxaca", "city of Puebla", "Oaxaca City", "municipio de Reforma".
fn town_marker(text: &str, words: &[Word], i: usize, n: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).map(|j| words[j].key.as_str());
    // "the city of Puebla", but not "the first municipality of Oaxaca"
    let ordinal = |k: usize| {
        before(k).is_some_and(|w| {
            matches!(
                w,
                "first"
                    | "primer"
                    | "primera"
                    | "primero"
                    | "last"
                    | "ultimo"
                    | "ultima"
                    | "second"
                    | "segundo"
                    | "segunda"
                    | "every"
                    | "each"
                    | "cada"
                    | "other"
                    | "otro"
                    | "otra"
            )
        })
    };
    let noun_before = before(1).is_some_and(is_town_noun) && !ordinal(2)
        || matches!(before(1), Some("de" | "of" | "del"))
            && before(2).is_some_and(|w| TOWN_NOUNS.contains(&w))
            && !ordinal(3);
    let city_after = words.get(i + n).is_some_and(|w| {
        matches!(w.key.as_str(), "city") && !gap_breaks_name(&text[words[i + n - 1].end..w.start])
    });
    // "this northern Honduras city": a country's name before "city" is an adjective
    let city_after = city_after && !is_country_name(&join_keys(&words[i..i + n]));
    noun_before || city_after
}

/// Whether the name at `i` follows a town noun that an indefinite or demonstrative article
/// leaves unnamed: "this community of Oaxaca", "a small town of Veracruz", "un municipio
/// de Chiquimula" (a place in that state), not "the town of Oaxaca" or "la ciudad de X".
fn unnamed_place_of(words: &[Word], i: usize) -> bool {
    const UNNAMED_NOUNS: &[&str] = &[
        "community",
        "municipality",
        "town",
        "village",
        "hamlet",
        "comunidad",
        "municipio",
        "localidad",
        "poblado",
        "pueblo",
        "poblacion",
        "aldea",
        "caserio",
    ];
    const UNNAMING: &[&str] = &[
        "this", "that", "a", "an", "one", "esta", "este", "esa", "ese", "aquella", "aquel", "una",
        "un",
    ];
    let before = |k: usize| i.checked_sub(k).map(|j| words[j].key.as_str());
    matches!(before(1), Some("of" | "de" | "del"))
        && before(2).is_some_and(|w| UNNAMED_NOUNS.contains(&w))
        && (before(3).is_some_and(|w| UNNAMING.contains(&w))
            || before(4).is_some_and(|w| UNNAMING.contains(&w))
                && i.checked_sub(3).is_some_and(|j| !words[j].capitalised))
}

/// "estado de Veracruz", "state of Oaxaca", "Oaxaca state", "gobernador de Chiapas"; and
/// whether a direction ("hacia", "toward") comes before the name.
fn region_marker(words: &[Word], i: usize, n: usize) -> (bool, bool) {
    let before = |k: usize| i.checked_sub(k).map(|j| words[j].key.as_str());
    // "estado de Veracruz", "departamento oriental de Chiquimula", "southern state of Chiapas"
    let noun_before = matches!(before(1), Some("de" | "of" | "del"))
        && (before(2).is_some_and(|w| REGION_NOUNS.contains(&w))
            || before(3).is_some_and(|w| REGION_NOUNS.contains(&w)))
        || before(1).is_some_and(|w| REGION_NOUNS.contains(&w) && w != "gobierno");
    // "el oriental Veracruz", "del central Puebla": an article and an adjective of
    // position name the state
    let adjective_before = matches!(
        before(1),
        Some(
            "central"
                | "oriental"
                | "occidental"
                | "sureno"
                | "norteno"
                | "vecino"
                | "fronterizo"
                | "meridional"
                | "septentrional"
        )
    ) && matches!(before(2), Some("el" | "del" | "al"));
    let noun_before = noun_before || adjective_before;
    // "hacia Puebla", "toward Oaxaca": a direction names the state
    let toward = matches!(before(1), Some("hacia" | "toward" | "towards"));
    let noun_after = words.get(i + n).is_some_and(|w| {
        matches!(
            w.key.as_str(),
            "state" | "department" | "governor" | "government" | "authorities" | "officials"
        )
    });
    (noun_before || noun_after, toward)
}

/// One place an article names, all its mentions counted.
#[derive(Debug, Clone)]
pub struct FoundPlace<'g> {
    /// The town.
    pub town: &'g Town,
    /// Gazetteer index of the town.
    pub index: usize,
    /// How many times it is named.
    pub count: usize,
    /// The first mentions (at most [`MAX_KEPT_MENTIONS`]).
    pub mentions: Vec<Mention>,
    /// Why the first mention went to this town.
    pub reason: Reason,
}

/// Mentions kept per place: a 100 MB file names Tapachula a million times.
pub const MAX_KEPT_MENTIONS: usize = 1000;

/// One occurrence of a place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// 1-based line number.
    pub line: usize,
    /// The words as written, possessive dropped ("Tijuana" for "Tijuana's").
    pub text: String,
}

impl FoundPlace<'_> {
    /// Distinct spellings in order of first appearance.
    pub fn spellings(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for m in &self.mentions {
            if !out.contains(&m.text.as_str()) {
                out.push(&m.text);
            }
        }
        out
    }

    /// Line numbers of the kept mentions, without repeats.
    pub fn lines(&self) -> Vec<usize> {
        let mut lines: Vec<usize> = self.mentions.iter().map(|m| m.line).collect();
        lines.dedup();
        lines
    }
}

/// Counts mentions `(count, kept, order)` resolved late for `town`: the reason of its earliest
/// mention wins, and the kept mentions stay the first few by line.
fn add_decided(
    decided: &mut HashMap<usize, (usize, Vec<Mention>, Reason, usize)>,
    town: usize,
    reason: Reason,
    (count, kept, order): (usize, Vec<Mention>, usize),
) {
    let e = decided
        .entry(town)
        .or_insert_with(|| (0, Vec::new(), reason.clone(), order));
    if order < e.3 {
        e.2 = reason;
        e.3 = order;
    }
    e.0 += count;
    e.1.extend(kept);
    e.1.sort_by_key(|m| m.line);
    e.1.truncate(MAX_KEPT_MENTIONS);
}

/// Collects an article's place mentions paragraph by paragraph, in bounded memory: the
/// mentions that the article's later context must decide are grouped by their candidate
/// towns and resolved in [`PlaceTally::finish`].
pub struct PlaceTally<'f, 'g> {
    finder: &'f PlaceFinder<'g>,
    /// What the article has said so far (regions, countries, towns decided).
    pub context: ArticleContext,
    decided: HashMap<usize, (usize, Vec<Mention>, Reason, usize)>, // town → (count, kept, reason, order)
    undecided: HashMap<Vec<usize>, (usize, Vec<Mention>, usize)>, // candidates → (count, kept, order)
    /// Villages waiting for a place near them, as `undecided`.
    waiting: HashMap<Vec<usize>, (usize, Vec<Mention>, usize)>,
    order: usize,
}

impl<'f, 'g> PlaceTally<'f, 'g> {
    /// An empty tally that finds places with `finder`.
    pub fn new(finder: &'f PlaceFinder<'g>) -> Self {
        Self {
            finder,
            context: ArticleContext::default(),
            decided: HashMap::new(),
            undecided: HashMap::new(),
            waiting: HashMap::new(),
            order: 0,
        }
    }

    /// Add a paragraph that starts on file line `first_line`.
    pub fn add_paragraph(&mut self, text: &str, first_line: usize) {
        let hits = self.finder.paragraph(text, first_line, &mut self.context);
        self.add_hits(hits);
    }

    /// Add hits found by [`PlaceFinder::paragraph`] (with this tally's context).
    pub fn add_hits(&mut self, hits: Vec<PlaceHit>) {
        for h in hits {
            let m = Mention {
                line: h.line,
                text: h.text,
            };
            self.order += 1;
            let order = self.order;
            if h.needs_support {
                let e = self
                    .waiting
                    .entry(h.candidates)
                    .or_insert_with(|| (0, Vec::new(), order));
                e.0 += 1;
                if e.1.len() < MAX_KEPT_MENTIONS {
                    e.1.push(m);
                }
                continue;
            }
            match h.chosen {
                Some((town, reason)) => {
                    let e = self
                        .decided
                        .entry(town)
                        .or_insert_with(|| (0, Vec::new(), reason, order));
                    e.0 += 1;
                    if e.1.len() < MAX_KEPT_MENTIONS {
                        e.1.push(m);
                    }
                }
                None => {
                    let e = self
                        .undecided
                        .entry(h.candidates)
                        .or_insert_with(|| (0, Vec::new(), order));
                    e.0 += 1;
                    if e.1.len() < MAX_KEPT_MENTIONS {
                        e.1.push(m);
                    }
                }
            }
        }
    }

    /// The places, in order of first mention.
    pub fn finish(self) -> Vec<FoundPlace<'g>> {
        let mut decided = self.decided;
        let mut undecided = self.undecided;
        let mut unsupported = Vec::new();
        for (candidates, (count, kept, order)) in self.waiting {
            let near = self.finder.supported(&candidates, &self.context);
            if let [one] = near.as_slice() {
                let reason = self.finder.near_reason(*one, &self.context);
                add_decided(&mut decided, *one, reason, (count, kept, order));
                continue;
            }
            if near.is_empty() {
                unsupported.push((candidates, (count, kept, order)));
                continue;
            }
            let e = undecided
                .entry(near)
                .or_insert_with(|| (0, Vec::new(), order));
            e.0 += count;
            e.1.extend(kept);
            e.2 = e.2.min(order);
        }
        for (candidates, (count, kept, order)) in undecided {
            let Some((town, reason)) = self.finder.resolve(&candidates, &self.context) else {
                continue;
            };
            add_decided(&mut decided, town, reason, (count, kept, order));
        }
        // "Llegaron a Ixtepec ... el tren en Ixetpec": a village or other spelling with no
        // place near it is the place the article itself names (decided only now)
        for (candidates, (count, kept, order)) in unsupported {
            let named: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|c| decided.contains_key(c))
                .collect();
            if let [one] = named.as_slice() {
                add_decided(&mut decided, *one, Reason::Earlier, (count, kept, order));
            } else if let Some((town, reason)) = self.finder.roadside(&candidates, &self.context) {
                add_decided(&mut decided, town, reason, (count, kept, order));
            }
        }
        let mut out: Vec<(usize, FoundPlace<'g>)> = decided
            .into_iter()
            .map(|(index, (count, mentions, reason, order))| {
                (
                    order,
                    FoundPlace {
                        town: &self.finder.gazetteer.towns()[index],
                        index,
                        count,
                        mentions,
                        reason,
                    },
                )
            })
            .collect();
        out.sort_by_key(|(o, _)| *o);
        out.into_iter().map(|(_, p)| p).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_km_agrees_with_the_geodesic_distance() {
        // pairs from the equator to 35°N, at every distance around the limits used
        let mut checked = 0;
        for lat_tenths in (0..350).step_by(25) {
            let a = LonLat::new(-92.0, f64::from(lat_tenths) / 10.0);
            for bearing_deg in (0..360).step_by(15) {
                let (sin, cos) = f64::from(bearing_deg).to_radians().sin_cos();
                for step in 0..200 {
                    let deg = f64::from(step) * 0.01;
                    let b = LonLat::new(a.lon_deg + deg * sin, a.lat_deg + deg * cos);
                    for km in [WAITING_NEAR_KM, NEAR_KM] {
                        assert_eq!(
                            within_km(a, b, km),
                            a.geodesic_km(b) < km,
                            "{a:?} {b:?} {km}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100_000);
    }
}
