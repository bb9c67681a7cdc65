//! Name folding: how "Tecún Umán", "TECUN UMAN" and "tecun-uman" become one key.

use unicode_normalization::UnicodeNormalization;

/// Lower-case, strip accents, turn punctuation into spaces and collapse runs of spaces.
///
/// ```
/// use route_sim::gazetteer::fold;
/// assert_eq!(fold("Ciudad Tecún Umán"), "ciudad tecun uman");
/// assert_eq!(fold("  San Luis Río-Colorado "), "san luis rio colorado");
/// ```
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for ch in name.nfd() {
        if unicode_normalization::char::is_combining_mark(ch) {
            continue;
        }
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(ch.to_lowercase());
        } else if ch == '\'' || ch == '\u{2019}' {
            // "Dolores' " folds to "dolores": apostrophes join, they don't split.
        } else {
            pending_space = true;
        }
    }
    out
}
