//! Stage 1b: the gazetteer places an article names, with counts and line numbers.
//!
//! Uses only the gazetteer: every folded name key of [`Gazetteer::keys`] is matched against
//! the article's words, longest match first, so "Ciudad Tecún Umán", "Tecun Uman's" and
//! "MEXICO CITY" are all found. A match is then kept only if its context reads like a place,
//! not a person or an organisation:
//!
//! * it must be capitalised (news text capitalises places; "isla" or "donaji" in lower case
//!   are words, not towns), and it is never a weekday or a month;
//! * a title right before it ("President", "Mr", "Gen.") makes it a person;
//! * an organisation word right after it ("Washington Office", "Red Cross", "San Diego
//!   County") or "state" makes it part of another name;
//! * a capitalised word right before it in the same sentence that is neither a function
//!   word ("In", "From") nor a place prefix ("Ciudad", "Northern") makes it the tail of a
//!   longer proper name: "Jose Garcia", "Steve Holland"; likewise "Playas de Tijuana",
//!   "Bank of Mexico" (a capitalised word, then "de"/"of", then the match);
//! * "the" right before it, with no noun after it, makes it a river or a landmark
//!   ("the Rio Grande"): English puts no article before a town's name, only before a town
//!   used as a modifier ("the Tijuana shelter", "the Chaparral gate");
//! * a state's name right after a place and a comma is that place's state, not another
//!   town ("Tapanatepec, Oaxaca").

use crate::gazetteer::{Gazetteer, Town, fold};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// How the article bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// Not valid UTF-8: read as Windows-1252 (a superset of Latin-1 for printable text).
    Windows1252,
}

/// Why an article could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("byte {offset} is a NUL byte: this looks like a binary file, not article text")]
    Binary { offset: usize },
}

/// Article bytes as text: UTF-8 (a leading BOM dropped), else Windows-1252.
///
/// ```
/// use route_sim::extract::{decode_text, TextEncoding};
/// let (text, enc) = decode_text(b"Tec\xfan Um\xe1n").unwrap();
/// assert_eq!((text.as_ref(), enc), ("Tecún Umán", TextEncoding::Windows1252));
/// ```
pub fn decode_text(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding), DecodeError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { offset });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((Cow::Borrowed(s), TextEncoding::Utf8)),
        Err(_) => Ok((
            Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
            TextEncoding::Windows1252,
        )),
    }
}

/// One Windows-1252 byte as a char (0x80–0x9F are the typographic quotes, dashes, €…).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// One occurrence of a place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// 1-based line number.
    pub line: usize,
    /// The words as written, possessive dropped ("Tijuana" for "Tijuana's").
    pub text: String,
}

/// A place the text names, with every occurrence.
#[derive(Debug, Clone)]
pub struct FoundPlace<'g> {
    pub town: &'g Town,
    pub mentions: Vec<Mention>,
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

    /// Line numbers of the mentions, without repeats.
    pub fn lines(&self) -> Vec<usize> {
        let mut lines: Vec<usize> = self.mentions.iter().map(|m| m.line).collect();
        lines.dedup();
        lines
    }
}

/// A word of the text: byte span, folded form, and how it is written.
#[derive(Debug)]
struct Word {
    start: usize,
    end: usize,
    key: String,
    capitalised: bool,
}

/// Words of the text: runs of letters and digits (apostrophes inside a word kept), with a
/// trailing possessive "'s" dropped.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(pos, ch)) in chars.iter().enumerate() {
        let apostrophe = ch == '\'' || ch == '\u{2019}';
        let inner_apostrophe = apostrophe
            && start.is_some()
            && chars.get(i + 1).is_some_and(|(_, c)| c.is_alphanumeric());
        if ch.is_alphanumeric()
            || inner_apostrophe
            || (start.is_some() && unicode_normalization::char::is_combining_mark(ch))
        {
            start.get_or_insert(pos);
        } else if let Some(s) = start.take() {
            out.push(word(text, s, pos));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word {
    let raw = &text[start..end];
    let trimmed = raw
        .strip_suffix("'s")
        .or_else(|| raw.strip_suffix("\u{2019}s"))
        .unwrap_or(raw);
    let end = start + trimmed.len();
    Word {
        start,
        end,
        key: fold(trimmed),
        capitalised: trimmed.chars().next().is_some_and(char::is_uppercase),
    }
}

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

/// Words that make the name after them a person.
const TITLES: &[&str] = &[
    "president",
    "presidente",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "gov",
    "governor",
    "gen",
    "general",
    "rep",
    "representative",
    "secretary",
    "minister",
    "mayor",
    "judge",
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
    "rev",
    "reverend",
    "don",
    "dona",
    "senor",
    "senora",
    "ambassador",
    "commissioner",
    "spokesman",
    "spokeswoman",
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
    "department",
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
];

/// Capitalised function words: a sentence may begin with them right before a place.
const FUNCTION_WORDS: &[&str] = &[
    "in", "at", "from", "to", "near", "of", "the", "and", "or", "for", "on", "by", "into",
    "toward", "towards", "through", "via", "outside", "inside", "across", "around", "between",
    "beyond", "past", "leaving", "reaching", "like", "as", "but", "while", "when", "after",
    "before", "since", "until", "with", "without", "en", "de", "desde", "hacia", "a", "y", "para",
    "por", "hasta", "entre", "cerca", "both", "only", "even", "also", "if", "so", "because",
    "than", "where",
];

/// Gap characters that end a sentence or clause: a capitalised word across them starts anew.
fn gap_breaks_name(gap: &str) -> bool {
    gap.chars()
        .any(|c| !(c == ' ' || c == '\t' || c == '\u{a0}'))
}

/// The places named in `text`, in order of first mention.
pub fn extract<'g>(text: &str, gazetteer: &'g Gazetteer) -> Vec<FoundPlace<'g>> {
    let index: HashMap<&str, &[usize]> = gazetteer.keys().collect();
    let max_words = gazetteer
        .keys()
        .map(|(k, _)| k.split(' ').count())
        .max()
        .unwrap_or(1);
    let states: std::collections::HashSet<String> =
        gazetteer.towns().iter().map(|t| fold(&t.admin1)).collect();
    let words = words(text);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |pos: usize| line_starts.partition_point(|&s| s <= pos);

    // (word index, word count, candidate towns)
    let mut matches: Vec<(usize, usize, &[usize])> = Vec::new();
    let mut i = 0;
    let mut last_end: Option<usize> = None;
    while i < words.len() {
        let mut found = None;
        for n in (1..=max_words.min(words.len() - i)).rev() {
            let span = &words[i..i + n];
            if span
                .windows(2)
                .any(|w| text[w[0].end..w[1].start].contains('\n'))
            {
                continue;
            }
            let key = span
                .iter()
                .map(|w| w.key.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(towns) = index.get(key.as_str()) {
                found = Some((n, *towns));
                break;
            }
        }
        match found {
            Some((n, towns)) if is_place_context(text, &words, i, n) => {
                let key = words[i..i + n]
                    .iter()
                    .map(|w| w.key.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let after_place = last_end.is_some_and(|e| {
                    e + 1 == i && text[words[e].end..words[i].start].trim() == ","
                });
                if !(after_place && states.contains(&key)) {
                    matches.push((i, n, towns));
                    last_end = Some(i + n - 1);
                }
                i += n;
            }
            Some((n, _)) => i += n,
            None => i += 1,
        }
    }

    // Ambiguous names take the country most named by the unambiguous ones, then the larger town.
    let mut country_votes: HashMap<&str, usize> = HashMap::new();
    for (_, _, towns) in &matches {
        if let [one] = towns {
            *country_votes
                .entry(gazetteer.towns()[*one].country_code.as_str())
                .or_default() += 1;
        }
    }
    let mut by_town: BTreeMap<usize, FoundPlace<'g>> = BTreeMap::new();
    let mut first_seen: Vec<usize> = Vec::new();
    for (i, n, towns) in matches {
        let chosen = *towns
            .iter()
            .max_by_key(|&&t| {
                let town = &gazetteer.towns()[t];
                (
                    country_votes
                        .get(town.country_code.as_str())
                        .copied()
                        .unwrap_or(0),
                    town.population.unwrap_or(0),
                    std::cmp::Reverse(t),
                )
            })
            .expect("a key names at least one town");
        let (start, end) = (words[i].start, words[i + n - 1].end);
        let mention = Mention {
            line: line_of(start),
            text: text[start..end].to_string(),
        };
        by_town
            .entry(chosen)
            .or_insert_with(|| {
                first_seen.push(chosen);
                FoundPlace {
                    town: &gazetteer.towns()[chosen],
                    mentions: Vec::new(),
                }
            })
            .mentions
            .push(mention);
    }
    first_seen
        .into_iter()
        .filter_map(|t| by_town.remove(&t))
        .collect()
}

/// Whether the words `i..i+n`, which spell a gazetteer name, are used as a place here.
fn is_place_context(text: &str, words: &[Word], i: usize, n: usize) -> bool {
    let span = &words[i..i + n];
    let key = span
        .iter()
        .map(|w| w.key.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    // Capitalised, except short connectors inside ("Ciudad de México").
    if !span[0].capitalised || !span.iter().all(|w| w.capitalised || w.key.len() <= 3) {
        return false;
    }
    if NOT_PLACES.contains(&key.as_str()) {
        return false;
    }
    let prev = i
        .checked_sub(1)
        .map(|p| &words[p])
        .filter(|p| !gap_breaks_name(&text[p.end..words[i].start]));
    let next = words
        .get(i + n)
        .filter(|x| !gap_breaks_name(&text[span[n - 1].end..x.start]));
    if let Some(p) = prev {
        let modifier = next.is_some();
        if TITLES.contains(&p.key.as_str()) || (p.key == "the" && !p.capitalised && !modifier) {
            return false;
        }
    }
    // A title with a full stop: "Gen. Garcia", "Mr. Lopez".
    if let Some(p) = i.checked_sub(1).map(|p| &words[p])
        && TITLES.contains(&p.key.as_str())
        && p.capitalised
        && text[p.end..words[i].start].trim() == "."
    {
        return false;
    }
    if let Some(x) = next
        && ORGANISATION_WORDS.contains(&x.key.as_str())
    {
        return false;
    }
    if let Some(p) = prev {
        let capitalised_name_word = p.capitalised
            && !FUNCTION_WORDS.contains(&p.key.as_str())
            && !PLACE_PREFIXES.contains(&p.key.as_str());
        if capitalised_name_word && !is_all_caps(&text[p.start..p.end]) {
            return false;
        }
        // "Playas de Tijuana", "Bank of Mexico": the tail of a longer name.
        if matches!(p.key.as_str(), "de" | "del" | "of") && !p.capitalised {
            let before = i
                .checked_sub(2)
                .map(|q| &words[q])
                .filter(|q| !gap_breaks_name(&text[q.end..p.start]));
            if before.is_some_and(|q| {
                q.capitalised
                    && !matches!(
                        q.key.as_str(),
                        "city" | "town" | "port" | "ciudad" | "puerto" | "villa"
                    )
            }) {
                return false;
            }
        }
    }
    true
}

/// "MEXICO CITY (Reuters)" datelines and all-caps headlines are not person names.
fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, usize)> {
        let g = Gazetteer::bundled();
        extract(text, &g)
            .into_iter()
            .map(|p| (p.town.name.clone(), p.mentions.len()))
            .collect()
    }

    #[test]
    fn finds_multiword_accented_and_possessive_names() {
        let found = names(
            "They left Tecun Uman's plaza for Ciudad Hidalgo.\nMEXICO CITY (Reuters) - Mexico City said.",
        );
        assert_eq!(
            found,
            vec![
                ("Ciudad Tecún Umán".into(), 1),
                ("Ciudad Hidalgo".into(), 1),
                ("Mexico City".into(), 2)
            ]
        );
    }

    #[test]
    fn people_titles_and_organisations_are_not_places() {
        assert!(names("President Trump spoke on Sunday with the Red Cross.").is_empty());
        assert!(
            names("Jose Garcia and Steve Washington met the Washington Office on Latin America.")
                .is_empty()
        );
        assert!(names("They reached Playas de Tijuana, in San Diego County.").is_empty());
        assert!(names("Gen. Puebla said so.").is_empty());
        assert!(names("They crossed the Rio Grande.").is_empty());
        assert_eq!(
            names("They waited at the Tijuana shelter."),
            vec![("Tijuana".into(), 1)]
        );
        assert_eq!(
            names("They rested in Tapanatepec, Oaxaca, on Sunday."),
            vec![("San Pedro Tapanatepec".into(), 1)]
        );
    }

    #[test]
    fn sentence_start_and_function_words_keep_the_place() {
        assert_eq!(
            names("In Tijuana, many waited. Tijuana was full."),
            vec![("Tijuana".into(), 2)]
        );
    }

    #[test]
    fn windows_1252_text_is_decoded() {
        let (text, enc) = decode_text(b"Lleg\xf3 a Tapachula \x93hoy\x94").unwrap();
        assert_eq!(enc, TextEncoding::Windows1252);
        assert_eq!(text, "Llegó a Tapachula “hoy”");
        assert!(decode_text(b"\x00\x01").is_err());
    }
}
