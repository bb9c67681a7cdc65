//! Name lookup: case, accents, aliases, short forms and "Name, Country/State" hints.

use super::{Gazetteer, Tier, Town, fold};

/// Why a name did not resolve to exactly one town.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LookupError {
    /// No town has this name; `suggestions` holds close spellings (labels), best first.
    #[error("unknown town `{query}`{}", suggest_text(.suggestions))]
    Unknown {
        /// The name as the user wrote it.
        query: String,
        /// Labels of towns with similar names (or a named country's capital), possibly empty.
        suggestions: Vec<String>,
    },
    #[error("a town name of {chars} characters is too long (at most {max})")]
    /// A name longer than [`MAX_NAME_CHARS`], refused before any search.
    TooLong {
        /// Length of the name given, in characters.
        chars: usize,
        /// The limit, [`MAX_NAME_CHARS`].
        max: usize,
    },
    /// Several towns of the same tier share the name and no hint picks one.
    #[error("`{query}` is ambiguous: it could be {}; add a country or state, e.g. `{}`", .candidates.join(" or "), .candidates.first().map_or("", String::as_str))]
    Ambiguous {
        /// The name as the user wrote it.
        query: String,
        /// Labels ("Name, State, Country") of every matching town.
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

/// Longest name `lookup` accepts, in characters: no town name comes near it, and refusing
/// longer input keeps a pasted paragraph from costing seconds of suggestion search.
pub const MAX_NAME_CHARS: usize = 300;

impl Gazetteer {
    /// Resolve a name as people write it: "Tecun Uman", "Mexico City", "Escuintla, Chiapas".
    ///
    /// Text after the first comma is a hint (country name or code, or state) used to pick
    /// among towns of the same name. A name shared by one major town and some villages
    /// means the major town (see [`Tier`]); a name shared by several major towns, or by
    /// several villages only, is an error listing them. A whole-word tail of a name
    /// ("Tapanatepec") is tried after the full names. A country's name is an error that
    /// suggests its capital; an unknown name is an error with the closest names.
    pub fn lookup(&self, query: &str) -> Result<&Town, LookupError> {
        let chars = query.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(LookupError::TooLong {
                chars,
                max: MAX_NAME_CHARS,
            });
        }
        let mut parts = query.split(',').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let hints: Vec<String> = parts.filter(|h| !h.is_empty()).map(fold).collect();
        let key = fold(name);

        let exact = self.exact(name);
        let tails = self.by_short_form(&key);
        let country = self.country_named(&key);
        // "Guatemala" is the country, not Antigua Guatemala nor a village called Guatemala
        let tries = if country.is_some() { 1 } else { 4 };
        for (towns, tier) in [
            (&exact, Tier::Major),
            (&tails, Tier::Major),
            (&exact, Tier::Minor),
            (&tails, Tier::Minor),
        ]
        .into_iter()
        .take(tries)
        {
            let hinted: Vec<&Town> = towns
                .iter()
                .copied()
                .filter(|t| t.tier == tier && hints.iter().all(|h| matches_hint(t, h)))
                .collect();
            match hinted.as_slice() {
                [] => {}
                [one] => return Ok(one),
                many => {
                    let mut labels: Vec<String> = many.iter().map(|t| t.label()).collect();
                    labels.sort();
                    return Err(LookupError::Ambiguous {
                        query: query.to_string(),
                        candidates: labels,
                    });
                }
            }
        }
        let mut suggestions: Vec<String> = Vec::new();
        if let Some(capital) = country.and_then(|c| self.get(&c.capital_id)) {
            suggestions.push(capital.label());
        }
        let named: Vec<&Town> = if country.is_some() {
            Vec::new()
        } else {
            exact.iter().chain(&tails).copied().collect()
        };
        if named.is_empty() {
            suggestions.extend(self.suggest(name, 5));
        } else {
            // the name exists, the hint matched none of its towns: offer those towns
            suggestions.extend(named.iter().map(|t| t.label()));
        }
        suggestions.dedup();
        Err(LookupError::Unknown {
            query: query.to_string(),
            suggestions,
        })
    }

    /// The country this folded name spells, if any.
    fn country_named(&self, key: &str) -> Option<&super::CountryName> {
        self.countries()
            .iter()
            .find(|c| c.folded_names.iter().any(|n| n == key))
    }

    /// "Tapanatepec" for "San Pedro Tapanatepec": the query is the whole-word tail of a name.
    fn by_short_form(&self, key: &str) -> Vec<&Town> {
        self.by_tail
            .get(key)
            .map_or_else(Vec::new, |ix| ix.iter().map(|&i| &self.towns[i]).collect())
    }

    /// Up to `n` town labels whose names are closest to `name`: names within one edit (two
    /// for names of six letters or more), nearest first, then major towns before villages,
    /// then by population.
    pub fn suggest(&self, name: &str, n: usize) -> Vec<String> {
        let key = fold(name);
        if key.is_empty() || key.chars().count() > MAX_NAME_CHARS {
            return Vec::new();
        }
        let max_edits: u8 = if key.chars().count() >= 6 { 2 } else { 1 };
        let mut scored: Vec<(usize, Tier, std::cmp::Reverse<u64>, usize)> = Vec::new();
        let spelling = self.spelling.get_or_init(|| {
            super::suggest::SpellingIndex::new(self.by_key.keys().map(String::as_str))
        });
        for k in spelling.within(&key, max_edits) {
            let edits = strsim::levenshtein(&key, &k);
            for &i in self.by_key.get(&k).into_iter().flatten() {
                let t = &self.towns[i];
                scored.push((
                    edits,
                    t.tier,
                    std::cmp::Reverse(t.population.unwrap_or(0)),
                    i,
                ));
            }
        }
        scored.sort_unstable();
        let mut out: Vec<String> = Vec::new();
        for (.., i) in scored {
            let label = self.towns[i].label();
            if !out.contains(&label) {
                out.push(label);
                if out.len() == n {
                    break;
                }
            }
        }
        out
    }
}

fn matches_hint(town: &Town, hint: &str) -> bool {
    hint == fold(&town.country)
        || hint == fold(&town.country_code)
        || hint == fold(&town.admin1)
        || (hint == "usa" || hint == "us" || hint == "united states of america")
            && town.country_code == "US"
}
