//! Words and sentences of a paragraph: the units every later rule looks at.

use crate::gazetteer::fold;
use compact_str::CompactString;

/// A word of the text: byte span, folded form, and how it is written.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    /// Folded (lower case, no accents): the form names are matched on. Inline up to 24
    /// bytes, so the words of a 100 MB file cost no allocation each.
    pub key: CompactString,
    pub capitalised: bool,
    /// Every letter upper case and more than one letter ("MAPASTEPEC", "AFP").
    pub all_caps: bool,
}

/// Words of the text: runs of letters and digits (apostrophes inside a word kept), with a
/// trailing possessive "'s" dropped.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((pos, ch)) = iter.next() {
        let in_word = if ch.is_ascii() {
            ch.is_ascii_alphanumeric()
                || ch == '\''
                    && start.is_some()
                    && iter.peek().is_some_and(|(_, c)| c.is_alphanumeric())
        } else {
            ch.is_alphanumeric()
                || start.is_some()
                    && (ch == '\u{2019}' && iter.peek().is_some_and(|(_, c)| c.is_alphanumeric())
                        || unicode_normalization::char::is_combining_mark(ch))
        };
        if in_word {
            start.get_or_insert(pos);
        } else if let Some(s) = start.take() {
            out.push(word(text, s, pos));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    for w in &mut out {
        if let Some(full) = expanded_abbreviation(text, w) {
            w.key = CompactString::from(full);
        }
    }
    out
}

/// Singular nouns before a name that make it a town: "the town of X", "la ciudad de X",
/// "el ejido X". One list for the place rules and the sighting rules.
pub(crate) const TOWN_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "municipality",
    "community",
    "port",
    "ciudad",
    "municipio",
    "poblado",
    "localidad",
    "comunidad",
    "ejido",
    "villa",
    "pueblo",
    "puerto",
    "cabecera",
    "ranchería",
    "rancheria",
    "colonia",
    "delegacion",
    // the rural nouns of Guatemala, Honduras and El Salvador ("la aldea Vado Hondo",
    // "el caserío X") and English's smallest place ("the hamlet of X")
    "aldea",
    "caserio",
    "hamlet",
];

/// Plural town nouns: "the border cities Piedras Negras and Nuevo Laredo", "los municipios
/// de Huixtla y Tapachula".
pub(crate) const TOWN_NOUNS_PLURAL: &[&str] = &[
    "towns",
    "cities",
    "villages",
    "municipalities",
    "ciudades",
    "municipios",
    "localidades",
    "comunidades",
    "poblados",
    "aldeas",
    "caserios",
    "hamlets",
];

/// Whether a folded word is a town noun, singular or plural.
pub(crate) fn is_town_noun(key: &str) -> bool {
    TOWN_NOUNS.contains(&key) || TOWN_NOUNS_PLURAL.contains(&key)
}

/// Abbreviations of the words that open place names, read as the word: "Cd. Juárez" is
/// Ciudad Juárez, "Gral. Escobedo" General Escobedo, "Sta. Rosa" Santa Rosa.
const NAME_ABBREVIATIONS: &[(&str, &str)] = &[
    ("cd", "ciudad"),
    ("cdad", "ciudad"),
    ("gral", "general"),
    ("sta", "santa"),
    ("sto", "santo"),
];

/// The word an abbreviation stands for: a capitalised abbreviation with its full stop.
fn expanded_abbreviation(text: &str, w: &Word) -> Option<&'static str> {
    if !w.capitalised || !text[w.end..].starts_with('.') {
        return None;
    }
    NAME_ABBREVIATIONS
        .iter()
        .find(|(abbr, _)| *abbr == w.key.as_str())
        .map(|&(_, full)| full)
}

fn word(text: &str, start: usize, end: usize) -> Word {
    let raw = &text[start..end];
    let trimmed = raw
        .strip_suffix("'s")
        .or_else(|| raw.strip_suffix("\u{2019}s"))
        .unwrap_or(raw);
    let end = start + trimmed.len();
    let (capitalised, all_caps) = if trimmed.is_ascii() {
        let b = trimmed.as_bytes();
        let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
        (
            b.first().is_some_and(u8::is_ascii_uppercase),
            letters > 1 && !b.iter().any(u8::is_ascii_lowercase),
        )
    } else {
        let letters = trimmed.chars().filter(|c| c.is_alphabetic()).count();
        (
            trimmed.chars().next().is_some_and(char::is_uppercase),
            letters > 1 && !trimmed.chars().any(char::is_lowercase),
        )
    };
    Word {
        start,
        end,
        key: fold_word(trimmed),
        capitalised,
        all_caps,
    }
}

/// [`fold`] of one word, without its allocations for the letters most words are made of:
/// ASCII, and the accented Latin letters whose fold is one letter (looked up in a table
/// that [`fold`] itself fills, so the two always agree).
fn fold_word(word: &str) -> CompactString {
    let mut key = [0u8; 64];
    let mut len = 0;
    for ch in word.chars() {
        let folded = if ch.is_ascii_alphanumeric() {
            ch.to_ascii_lowercase()
        } else if let Some(f) = latin_fold(ch) {
            f
        } else {
            // an apostrophe, a joining mark or another script: fold decides
            return CompactString::from(fold(word));
        };
        if len == key.len() {
            return CompactString::from(fold(word));
        }
        key[len] = folded as u8; // ASCII
        len += 1;
    }
    std::str::from_utf8(&key[..len])
        .map_or_else(|_| CompactString::from(fold(word)), CompactString::from)
}

/// The one-letter fold of a Latin-1 or Latin Extended-A letter ('Á' → 'a', 'ñ' → 'n'), if
/// it has one.
fn latin_fold(ch: char) -> Option<char> {
    const FIRST: u32 = 0xC0;
    const LAST: u32 = 0x17F;
    static TABLE: std::sync::OnceLock<Vec<Option<char>>> = std::sync::OnceLock::new();
    let code = u32::from(ch);
    if !(FIRST..=LAST).contains(&code) {
        return None;
    }
    let table = TABLE.get_or_init(|| {
        (FIRST..=LAST)
            .map(|c| {
                let c = char::from_u32(c)?;
                let mut folded = fold(c.encode_utf8(&mut [0; 4])).into_bytes();
                (c.is_alphabetic() && folded.len() == 1 && folded[0].is_ascii_alphanumeric())
                    .then(|| char::from(folded.remove(0)))
            })
            .collect()
    });
    table[(code - FIRST) as usize]
}

/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "gov", "sen", "rep", "st", "sr", "sra", "lic", "ing", "no",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ene",
    "abr", "ago", "dic", "col", "av", "ave", "blvd", "km", "approx", "vs", "etc", "gob", "pres",
    "dip", "mt", "ft", "inc", "corp", "co", "jr", "prof", "capt", "lt", "sgt", "rev", "ee", "uu",
    "cd", "cdad", "gral", "sta", "sto",
];

/// Sentence spans (byte ranges) of a paragraph: a sentence ends at `.`, `!` or `?` (and any
/// closing quotes or brackets) followed by a space and a capital, digit or opening mark,
/// unless the word before the stop is an abbreviation or an initial ("U.S.", "Oct.").
/// A line break ends a sentence unless the next line starts in lower case (a wrapped line).
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let mut cut = None;
        if b == b'\n' {
            let next = text[i + 1..].chars().find(|c| !c.is_whitespace());
            let ended = text[..i]
                .trim_end()
                .ends_with(['.', '!', '?', ':', '"', '”']);
            if ended || !next.is_some_and(char::is_lowercase) {
                cut = Some(i + 1);
            }
        } else if b == b';' && text[i + 1..].starts_with(' ') {
            cut = Some(i + 1);
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            // closing quotes and brackets stay with the sentence
            while j < bytes.len() {
                let c = text[j..].chars().next().unwrap_or(' ');
                if matches!(c, '"' | '\'' | ')' | '”' | '’' | '»') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let after_space = text[j..].starts_with(|c: char| c.is_whitespace());
            let next = text[j..].chars().find(|c| !c.is_whitespace());
            let opens = next.is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || "\"“¿¡'‘«(-–—".contains(c)
            });
            if after_space && opens && (b != b'.' || !abbreviation_before(text, i)) {
                cut = Some(j);
            }
        }
        if let Some(c) = cut {
            if text[start..c].trim().chars().any(char::is_alphanumeric) {
                out.push((start, c));
            }
            start = c;
            i = c;
        } else {
            i += 1;
        }
    }
    if text[start..].trim().chars().any(char::is_alphanumeric) {
        out.push((start, text.len()));
    }
    out
}

fn abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.chars().count() == 1 {
        return true; // an initial: "U.S.", "J. Smith"
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|(a, b)| text[a..b].trim())
            .collect()
    }

    #[test]
    fn sentences_skip_abbreviations_and_initials() {
        assert_eq!(
            split("They left on Oct. 24. The U.S. Army waited. Gen. Smith spoke."),
            vec![
                "They left on Oct. 24.",
                "The U.S. Army waited.",
                "Gen. Smith spoke."
            ]
        );
        assert_eq!(
            split("“We go,” he said. ¿Hasta dónde? Nadie sabe."),
            vec!["“We go,” he said.", "¿Hasta dónde?", "Nadie sabe."]
        );
    }

    #[test]
    fn wrapped_lines_join_and_other_line_breaks_split() {
        assert_eq!(
            split("The caravan reached the\ntown on Sunday.\ntitle: Caravan\nThey slept"),
            vec![
                "The caravan reached the\ntown on Sunday.",
                "title: Caravan",
                "They slept"
            ]
        );
    }

    #[test]
    fn word_keys_fold_like_names() {
        for w in [
            "Tecún",
            "UMÁN",
            "Ñuñoa",
            "Peñasco",
            "Querétaro",
            "Çà",
            "Đakovo",
            "Straße",
            "Łódź",
            "Ō",
            "o'clock",
            "Dolores'",
            "x\u{301}y",
            "ǅ",
            "İstanbul",
            "2018",
            "ĲSSEL",
        ] {
            assert_eq!(fold_word(w).as_str(), fold(w), "{w}");
        }
    }

    #[test]
    fn words_fold_and_drop_possessives() {
        let w = words("Tecún Umán's MEXICO o'clock");
        let keys: Vec<&str> = w.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(keys, vec!["tecun", "uman", "mexico", "oclock"]);
        assert!(w[2].all_caps && w[0].capitalised && !w[3].capitalised);
    }
}
