//! Words and sentences of a paragraph: the units every later rule looks at.

use crate::gazetteer::fold;

/// A word of the text: byte span, folded form, and how it is written.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    /// Folded (lower case, no accents): the form names are matched on.
    pub key: String,
    pub capitalised: bool,
    /// Every letter upper case and more than one letter ("MAPASTEPEC", "AFP").
    pub all_caps: bool,
}

/// Words of the text: runs of letters and digits (apostrophes inside a word kept), with a
/// trailing possessive "'s" dropped.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((pos, ch)) = iter.next() {
        let apostrophe = ch == '\'' || ch == '\u{2019}';
        let inner_apostrophe =
            apostrophe && start.is_some() && iter.peek().is_some_and(|(_, c)| c.is_alphanumeric());
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
    let key = if trimmed.is_ascii() && !trimmed.contains('\'') {
        trimmed.to_ascii_lowercase()
    } else {
        fold(trimmed)
    };
    let letters = trimmed.chars().filter(|c| c.is_alphabetic()).count();
    Word {
        start,
        end,
        key,
        capitalised: trimmed.chars().next().is_some_and(char::is_uppercase),
        all_caps: letters > 1 && !trimmed.chars().any(char::is_lowercase),
    }
}

/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "gov", "sen", "rep", "st", "sr", "sra", "lic", "ing", "no",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ene",
    "abr", "ago", "dic", "col", "av", "ave", "blvd", "km", "approx", "vs", "etc", "gob", "pres",
    "dip", "mt", "ft", "inc", "corp", "co", "jr", "prof", "capt", "lt", "sgt", "rev", "ee", "uu",
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
    fn words_fold_and_drop_possessives() {
        let w = words("Tecún Umán's MEXICO o'clock");
        let keys: Vec<&str> = w.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(keys, vec!["tecun", "uman", "mexico", "oclock"]);
        assert!(w[2].all_caps && w[0].capitalised && !w[3].capitalised);
    }
}
