//! Name lookup: case, accents, aliases, short forms and "Name, Country/State" hints.

use super::{Gazetteer, Town, fold};

/// Why a name did not resolve to exactly one town.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LookupError {
    #[error("unknown town `{query}`{}", suggest_text(.suggestions))]
    Unknown {
        query: String,
        suggestions: Vec<String>,
    },
    #[error("`{query}` is ambiguous: it could be {}; add a country or state, e.g. `{}`", .candidates.join(" or "), .candidates.first().map_or("", String::as_str))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

fn suggest_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(
            "; did you mean {}?",
            suggestions
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

impl Gazetteer {
    /// Resolve a name as people write it: "Tecun Uman", "Mexico City", "Escuintla, Chiapas".
    ///
    /// Text after the first comma is a hint (country name or code, or state) used to pick
    /// among towns of the same name. Without a hint, a name shared by several towns is an
    /// error listing them; an unknown name is an error with the closest names.
    pub fn lookup(&self, query: &str) -> Result<&Town, LookupError> {
        let mut parts = query.split(',').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let hints: Vec<String> = parts.filter(|h| !h.is_empty()).map(fold).collect();

        let mut candidates = self.exact(name);
        if candidates.is_empty() {
            candidates = self.by_short_form(name);
        }
        let hinted: Vec<&Town> = candidates
            .iter()
            .copied()
            .filter(|t| hints.iter().all(|h| matches_hint(t, h)))
            .collect();
        match hinted.as_slice() {
            [one] => Ok(one),
            [] if !candidates.is_empty() => Err(LookupError::Unknown {
                query: query.to_string(),
                suggestions: candidates.iter().map(|t| t.label()).collect(),
            }),
            [] => Err(LookupError::Unknown {
                query: query.to_string(),
                suggestions: self.suggest(name, 5),
            }),
            many => {
                let mut labels: Vec<String> = many.iter().map(|t| t.label()).collect();
                labels.sort();
                Err(LookupError::Ambiguous {
                    query: query.to_string(),
                    candidates: labels,
                })
            }
        }
    }

    /// "Tapanatepec" for "San Pedro Tapanatepec": the query is the whole-word tail of a name.
    fn by_short_form(&self, name: &str) -> Vec<&Town> {
        let key = fold(name);
        if key.len() < 4 {
            return Vec::new();
        }
        let tail = format!(" {key}");
        self.towns()
            .iter()
            .filter(|t| fold(&t.name).ends_with(&tail))
            .collect()
    }

    /// Up to `n` town labels whose names are closest to `name` (Jaro-Winkler on folded names).
    pub fn suggest(&self, name: &str, n: usize) -> Vec<String> {
        let key = fold(name);
        let mut scored: Vec<(f64, &Town)> = self
            .towns()
            .iter()
            .map(|t| {
                let best = t
                    .keys()
                    .map(|k| strsim::jaro_winkler(&key, &k))
                    .fold(0.0, f64::max);
                (best, t)
            })
            .filter(|(score, _)| *score >= 0.75)
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| b.1.population.cmp(&a.1.population))
        });
        scored.into_iter().take(n).map(|(_, t)| t.label()).collect()
    }
}

fn matches_hint(town: &Town, hint: &str) -> bool {
    hint == fold(&town.country)
        || hint == fold(&town.country_code)
        || hint == fold(&town.admin1)
        || (hint == "usa" || hint == "us" || hint == "united states of america")
            && town.country_code == "US"
}
