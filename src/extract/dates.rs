//! Dates: the article's own date, and the day a sentence's expression means.
//!
//! "On Sunday" in a story dated Monday 6 September 2021 is Sunday 5 September; a weekday
//! names the latest such day on or before the story's date ("Thursday night" in a Thursday
//! story is that Thursday). "yesterday"/"ayer" is the day before, "el 24 de octubre" and
//! "on Oct. 24" the latest 24 October not more than a week after the story. "this week",
//! "recently", "next Monday" name no day and give no date.

use super::numbers;
use super::text::{Word, words};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A date expression found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// Byte span in the text searched.
    pub start: usize,
    /// End of the byte span (exclusive).
    pub end: usize,
    /// Index of its first word in the text's words.
    pub word: usize,
    /// What the expression says.
    pub meaning: DateMeaning,
}

/// What a date expression says, before the article's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateMeaning {
    /// A full date.
    Absolute(NaiveDate),
    /// Day and month, year from the article.
    DayMonth {
        /// Month, 1 to 12.
        month: u32,
        /// Day of the month, 1 to 31.
        day: u32,
    },
    /// A weekday; `strictly_before` for "last Friday"/"el pasado viernes" said on a Friday.
    Weekday {
        /// The weekday named.
        day: Weekday,
        /// The day is before the article's even when the article is on that weekday.
        strictly_before: bool,
    },
    /// Days relative to the article: -1 yesterday, 0 today.
    Relative(i64),
    /// Days relative to the last day the story named before it ("the next day" +1, "the
    /// day before" -1, "hours earlier" 0); the story's own day when it named none, except
    /// for a day after it (the future names no sighting).
    Anchored(i64),
    /// A span or a future day: names no day a group was seen ("this week", "next Monday").
    NoDay,
}

impl DateExpr {
    /// The calendar day, given the article's date; `None` for vague or future expressions
    /// and, without an article date, for anything but a full date.
    pub fn resolve(&self, article: Option<NaiveDate>) -> Option<NaiveDate> {
        self.resolve_after(article, None)
    }

    /// As [`DateExpr::resolve`], with `anchor` the last day the story named before this
    /// expression (what "the next day" and "hours earlier" count from).
    pub fn resolve_after(
        &self,
        article: Option<NaiveDate>,
        anchor: Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        match (self.meaning, article) {
            (DateMeaning::Absolute(d), _) => Some(d),
            (DateMeaning::Anchored(days), _) => {
                let from = anchor.or(article.filter(|_| days <= 0))?;
                Some(from + Duration::days(days))
            }
            (DateMeaning::NoDay, _) | (_, None) => None,
            (DateMeaning::Relative(days), Some(a)) => Some(a + Duration::days(days)),
            (
                DateMeaning::Weekday {
                    day,
                    strictly_before,
                },
                Some(a),
            ) => {
                let back = (7 + i64::from(a.weekday().num_days_from_monday())
                    - i64::from(day.num_days_from_monday()))
                    % 7;
                let back = if back == 0 && strictly_before {
                    7
                } else {
                    back
                };
                Some(a - Duration::days(back))
            }
            (DateMeaning::DayMonth { month, day }, Some(a)) => {
                let this = NaiveDate::from_ymd_opt(a.year(), month, day)?;
                if this > a + Duration::days(7) {
                    NaiveDate::from_ymd_opt(a.year() - 1, month, day)
                } else {
                    Some(this)
                }
            }
        }
    }
}

fn month_of(key: &str) -> Option<u32> {
    Some(match key {
        "january" | "jan" | "enero" | "ene" => 1,
        "february" | "feb" | "febrero" => 2,
        "march" | "mar" | "marzo" => 3,
        "april" | "apr" | "abril" | "abr" => 4,
        "may" | "mayo" => 5,
        "june" | "jun" | "junio" => 6,
        "july" | "jul" | "julio" => 7,
        "august" | "aug" | "agosto" | "ago" => 8,
        "september" | "sep" | "sept" | "septiembre" | "setiembre" => 9,
        "october" | "oct" | "octubre" => 10,
        "november" | "nov" | "noviembre" => 11,
        "december" | "dec" | "diciembre" | "dic" => 12,
        _ => return None,
    })
}

/// The weekday a word names, in English or Spanish (folded: "miercoles"); one list for the
/// date rules and the sighting rules.
pub(crate) fn weekday_of(key: &str) -> Option<Weekday> {
    // "Tuesday's clash"
    let key = key
        .strip_suffix("'s")
        .or_else(|| key.strip_suffix("\u{2019}s"))
        .unwrap_or(key);
    Some(match key {
        "monday" | "lunes" => Weekday::Mon,
        "tuesday" | "martes" => Weekday::Tue,
        "wednesday" | "miercoles" => Weekday::Wed,
        "thursday" | "jueves" => Weekday::Thu,
        "friday" | "viernes" => Weekday::Fri,
        "saturday" | "sabado" => Weekday::Sat,
        "sunday" | "domingo" => Weekday::Sun,
        _ => None?,
    })
}

fn day_number(w: &Word) -> Option<u32> {
    let d: u32 = w
        .key
        .strip_suffix("th")
        .or_else(|| w.key.strip_suffix("st"))
        .or_else(|| w.key.strip_suffix("nd"))
        .or_else(|| w.key.strip_suffix("rd"))
        .unwrap_or(&w.key)
        .parse()
        .ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(w: &Word) -> Option<i32> {
    let y: i32 = w.key.parse().ok()?;
    (1990..=2100).contains(&y).then_some(y)
}

/// The date expressions of `text`, in order.
pub fn find(text: &str) -> Vec<DateExpr> {
    find_in_words(text, &words(text))
}

pub(crate) fn find_in_words(text: &str, words: &[Word]) -> Vec<DateExpr> {
    let mut out = Vec::new();
    let key = |i: usize| words.get(i).map_or("", |w| w.key.as_str());
    let gap = |i: usize| {
        words
            .get(i + 1)
            .map_or("", |n| &text[words[i].end..n.start])
    };
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        let k = w.key.as_str();
        let prev = if i > 0 { key(i - 1) } else { "" };
        let prev2 = if i > 1 { key(i - 2) } else { "" };
        let mut push = |start_word: usize, end_word: usize, meaning: DateMeaning| {
            out.push(DateExpr {
                start: words[start_word].start,
                end: words[end_word].end,
                word: start_word,
                meaning,
            });
        };
        // "los días 14 y 15", "del 14 al 15": two days, no one day
        if (k == "dias" || k == "del")
            && words.get(i + 1).and_then(day_number).is_some()
            && matches!(key(i + 2), "y" | "al")
            && words.get(i + 3).and_then(day_number).is_some()
        {
            push(i, i + 3, DateMeaning::NoDay);
            i += 4;
            continue;
        }
        // ISO: 2018-10-24
        if let Some(y) = year_number(w)
            && gap(i) == "-"
            && let (Ok(m), Ok(d)) = (key(i + 1).parse::<u32>(), key(i + 2).parse::<u32>())
            && gap(i + 1) == "-"
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            push(i, i + 2, DateMeaning::Absolute(date));
            i += 3;
            continue;
        }
        // Month day[, year]: "Oct. 24", "October 24, 2018" ("May" only capitalised)
        if let Some(month) = month_of(k)
            && (w.capitalised || k.len() > 4)
            && (k != "may" && k != "mar" || w.capitalised)
            && let Some(day) = words.get(i + 1).and_then(day_number)
            && !gap(i).contains('\n')
        {
            let (meaning, last) = match words.get(i + 2).and_then(year_number) {
                Some(y) if gap(i + 1).trim().len() <= 1 => (
                    NaiveDate::from_ymd_opt(y, month, day).map(DateMeaning::Absolute),
                    i + 2,
                ),
                _ => (
                    NaiveDate::from_ymd_opt(2000, month, day)
                        .map(|_| DateMeaning::DayMonth { month, day }),
                    i + 1,
                ),
            };
            if let Some(m) = meaning {
                push(i, last, m);
                i = last + 1;
                continue;
            }
        }
        // day [de] Month [[de|del] year]: "24 de octubre de 2018", "24 October"
        if let Some(day) = day_number(w) {
            let (m_at, de) = if key(i + 1) == "de" {
                (i + 2, true)
            } else {
                (i + 1, false)
            };
            if let Some(month) = month_of(key(m_at))
                && (de || key(m_at).len() > 3)
                && (key(m_at) != "may" || words[m_at].capitalised)
            {
                let y_at = if matches!(key(m_at + 1), "de" | "del") {
                    m_at + 2
                } else {
                    m_at + 1
                };
                let year = words.get(y_at).and_then(year_number);
                let (meaning, last) = match year {
                    Some(y) => (
                        NaiveDate::from_ymd_opt(y, month, day).map(DateMeaning::Absolute),
                        y_at,
                    ),
                    None => (
                        NaiveDate::from_ymd_opt(2000, month, day)
                            .map(|_| DateMeaning::DayMonth { month, day }),
                        m_at,
                    ),
                };
                if let Some(m) = meaning {
                    push(i, last, m);
                    i = last + 1;
                    continue;
                }
            }
        }
        // Christmas Eve, Nochebuena, New Year's Eve [year]
        let holiday = match (k, key(i + 1)) {
            ("christmas", "eve") => Some((12, 24, i + 1)),
            ("nochebuena", _) => Some((12, 24, i)),
            ("navidad", _) if prev == "de" && prev2 == "vispera" => Some((12, 24, i)),
            ("christmas" | "navidad", _) => Some((12, 25, i)),
            ("nochevieja", _) => Some((12, 31, i)),
            _ => None,
        };
        if let Some((month, day, last)) = holiday {
            let (meaning, last) = match words.get(last + 1).and_then(year_number) {
                Some(y) => (
                    NaiveDate::from_ymd_opt(y, month, day).map(DateMeaning::Absolute),
                    last + 1,
                ),
                None => (Some(DateMeaning::DayMonth { month, day }), last),
            };
            if let Some(m) = meaning {
                push(i, last, m);
                i = last + 1;
                continue;
            }
        }
        // ("Santo Domingo Zanatepec" is a town, not a Sunday)
        if let Some(day) = weekday_of(k).filter(|_| prev != "santo") {
            // "between Friday night and Saturday": a span, no day
            let span = (i.saturating_sub(5)..i).any(|j| matches!(key(j), "between" | "entre"));
            // "mañana martes", "tomorrow Tuesday": the day to come
            let future = span
                || matches!(prev, "next" | "proximo" | "coming" | "tomorrow")
                || prev == "manana" && prev2 != "la" && prev2 != "esta"
                || matches!(prev2, "next" | "proximo")
                || matches!(prev, "este" | "this") && future_context(words, i);
            let strictly_before =
                matches!(prev, "last" | "pasado") || matches!(prev2, "pasado") && prev == "el";
            push(
                i,
                i,
                if future {
                    DateMeaning::NoDay
                } else {
                    DateMeaning::Weekday {
                        day,
                        strictly_before,
                    }
                },
            );
            i += 1;
            continue;
        }
        // "the next day", "al día siguiente", "two days later", "the day before", "horas
        // antes": counted from the last day the story named
        if let Some((meaning, first, last)) = anchored(words, i) {
            push(first, last, meaning);
            i = last + 1;
            continue;
        }
        // "hace 14 días", "hace apenas una semana", "three days ago", "a week ago"
        if let Some((days, first, last)) = days_ago(words, i) {
            push(
                first,
                last,
                days.map_or(DateMeaning::NoDay, |d| DateMeaning::Relative(-d)),
            );
            i = last + 1;
            continue;
        }
        let days_back = match k {
            // "aprovechó este día su paso": the story's day
            "dia" if prev == "este" => Some(0),
            "yesterday" | "ayer" | "anoche" => Some(-1),
            // "partieron la víspera": the day before (not "la víspera de Navidad")
            "vispera"
                if prev == "la"
                    && !(key(i + 1) == "de"
                        && matches!(key(i + 2), "navidad" | "ano" | "nochebuena" | "reyes")) =>
            {
                Some(-1)
            }
            "anteayer" | "antier" | "antenoche" => Some(-2),
            "today" | "tonight" | "hoy" => Some(0),
            "night" if prev == "last" => Some(-1),
            "morning" | "afternoon" | "evening" if prev == "this" => Some(0),
            "manana" | "tarde" | "noche" | "madrugada" if prev == "esta" => Some(0),
            _ => None,
        };
        // "this week", "la semana pasada", "recently"; not a duration ("in a week")
        let span_word = matches!(k, "week" | "weekend" | "month" | "semana" | "mes");
        let this_span = matches!(prev, "this" | "last" | "next" | "past" | "esta" | "este")
            || prev == "la" && matches!(key(i + 1), "pasada" | "anterior" | "proxima")
            || prev == "el" && matches!(key(i + 1), "pasado" | "anterior" | "proximo");
        let no_day = span_word && this_span
            || matches!(k, "recently" | "recientemente" | "tomorrow")
            || (k == "manana" && !matches!(prev, "la" | "esta" | "por" | "de" | "en" | "cada"));
        if let Some(days) = days_back {
            // "the day before yesterday"
            let days = if days == -1 && prev == "before" && prev2 == "day" {
                -2
            } else {
                days
            };
            push(i, i, DateMeaning::Relative(days));
        } else if no_day {
            push(i, i, DateMeaning::NoDay);
        }
        i += 1;
    }
    out
}

/// A number word or a small number in digits ("dos", "three", "4"; "a", "un" for one):
/// the number words are [`numbers::word_value`]'s.
fn small_count(k: &str) -> Option<i64> {
    if matches!(k, "un" | "una" | "uno" | "a" | "one") {
        return Some(1);
    }
    match numbers::word_value(k) {
        Some(n) => i64::try_from(n).ok(),
        None => k.parse().ok().filter(|n| (1..=60).contains(n)),
    }
}

/// A day counted from the last day the story named, as (meaning, first word, last word):
/// "the next day", "the following day", "a day later", "two days later", "al día
/// siguiente", "al otro día", "un día después", "dos días más tarde" (forward); "the day
/// before", "the previous day", "un día antes", "el día anterior" (back); "hours
/// earlier/later", "horas antes/después", "that same day", "ese mismo día" (the same day).
/// "The day before yesterday" is the story's, read elsewhere.
fn anchored(words: &[Word], i: usize) -> Option<(DateMeaning, usize, usize)> {
    let key = |j: usize| words.get(j).map_or("", |w| w.key.as_str());
    let k = key(i);
    let day_unit = |k: &str| matches!(k, "day" | "days" | "dia" | "dias");
    // "the next day", "the following day", "the previous day", "the day before"
    if k == "the" {
        let which = key(i + 1);
        if day_unit(key(i + 2)) && key(i + 2) == "day" {
            let days = match which {
                "next" | "following" => 1,
                "previous" => -1,
                "same" => 0,
                _ => return None,
            };
            return Some((DateMeaning::Anchored(days), i, i + 2));
        }
        if which == "day" && key(i + 2) == "before" && key(i + 3) != "yesterday" {
            return Some((DateMeaning::Anchored(-1), i, i + 2));
        }
        if which == "day" && key(i + 2) == "after" && key(i + 3) != "tomorrow" {
            return Some((DateMeaning::Anchored(1), i, i + 2));
        }
        return None;
    }
    // "al día siguiente", "el día siguiente", "al otro día", "el día anterior"
    if matches!(k, "al" | "el") && key(i + 1) == "dia" {
        let days = match key(i + 2) {
            "siguiente" => 1,
            "anterior" => -1,
            _ => return None,
        };
        return Some((DateMeaning::Anchored(days), i, i + 2));
    }
    if k == "al" && key(i + 1) == "otro" && key(i + 2) == "dia" {
        return Some((DateMeaning::Anchored(1), i, i + 2));
    }
    // "ese mismo día", "that same day", "el mismo día"
    if matches!(k, "ese" | "el" | "that") && matches!(key(i + 1), "mismo" | "same") {
        return matches!(key(i + 2), "dia" | "day").then_some((DateMeaning::Anchored(0), i, i + 2));
    }
    // "hours earlier", "horas antes", "hours later", "horas después", "unas horas después"
    if matches!(k, "hours" | "horas") {
        return match key(i + 1) {
            "earlier" | "later" | "antes" | "despues" => Some((DateMeaning::Anchored(0), i, i + 1)),
            _ => None,
        };
    }
    // "a day later", "two days later", "un día después", "dos días más tarde", "un día antes"
    let n = small_count(k)?;
    if !day_unit(key(i + 1)) {
        return None;
    }
    let (sign, last) = match (key(i + 2), key(i + 3)) {
        ("later" | "despues", _) => (1, i + 2),
        ("mas", "tarde") => (1, i + 3),
        ("earlier" | "antes", _) => (-1, i + 2),
        // ("two days before the vote": a day of its own we cannot place)
        _ => return None,
    };
    Some((DateMeaning::Anchored(sign * n), i, last))
}

/// A count of days or weeks back from the story, as (days, first word, last word):
/// "hace [apenas] N días|semanas" or "N days|weeks ago" (N a digit or a number word); the
/// days are `None` for an approximate count ("more than three weeks ago", "hace unos días").
fn days_ago(words: &[Word], i: usize) -> Option<(Option<i64>, usize, usize)> {
    let count = small_count;
    let unit = |k: &str| -> Option<i64> {
        match k {
            "dia" | "dias" | "day" | "days" => Some(1),
            "semana" | "semanas" | "week" | "weeks" => Some(7),
            _ => None,
        }
    };
    let key = |j: usize| words.get(j).map_or("", |w| w.key.as_str());
    // "hace unas horas", "a few hours ago", "hace dos horas": the story's day (a count of
    // hours over half a day may cross midnight: no day)
    let hours = |k: &str| matches!(k, "hora" | "horas" | "hour" | "hours");
    if key(i) == "hace" && matches!(key(i + 1), "unas" | "pocas" | "algunas") && hours(key(i + 2)) {
        return Some((Some(0), i, i + 2));
    }
    if matches!(key(i), "few" | "several") && hours(key(i + 1)) && key(i + 2) == "ago" {
        return Some((Some(0), i, i + 2));
    }
    if let Some(n) = key(i + usize::from(key(i) == "hace"))
        .parse::<i64>()
        .ok()
        .or_else(|| small_count(key(i + usize::from(key(i) == "hace"))).filter(|n| *n > 1))
    {
        let at = i + usize::from(key(i) == "hace");
        if hours(key(at + 1)) && (key(i) == "hace" || key(at + 2) == "ago") {
            let last = if key(i) == "hace" { at + 1 } else { at + 2 };
            return Some(((n <= 12).then_some(0), i, last));
        }
    }
    if key(i) == "hace" {
        let mut j = i + 1;
        let mut approximate = false;
        if matches!(key(j), "apenas" | "ya" | "solo") {
            j += 1;
        } else if matches!(
            key(j),
            "unos" | "unas" | "casi" | "mas" | "menos" | "alrededor"
        ) {
            approximate = true;
            j += if key(j + 1) == "de" { 2 } else { 1 };
        }
        let n = count(key(j))?;
        let per = unit(key(j + 1))?;
        return Some((if approximate { None } else { Some(n * per) }, i, j + 1));
    }
    let n = count(key(i))?;
    let per = unit(key(i + 1))?;
    // "more than three weeks ago", "about two days ago": no day
    let approximate = i > 0
        && matches!(
            key(i - 1),
            "than" | "about" | "over" | "nearly" | "almost" | "some" | "around"
        );
    (key(i + 2) == "ago").then_some((if approximate { None } else { Some(n * per) }, i, i + 2))
}

/// "este lunes" is future when the verb around it is ("este lunes saldrán", "will leave").
fn future_context(words: &[Word], i: usize) -> bool {
    let lo = i.saturating_sub(4);
    let hi = (i + 4).min(words.len());
    words[lo..hi].iter().any(|w| {
        matches!(
            w.key.as_str(),
            "will" | "planea" | "planean" | "pretende" | "pretenden"
        ) || w.key.ends_with("ran") && w.key.len() > 5 && w.key.ends_with("aran")
    })
}

/// How the article's date was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateBasis {
    /// A `date:` line in the file's header.
    DateLine {
        /// 1-based line of the `date:` header.
        line: usize,
    },
    /// A full date in the dateline or first lines.
    Dateline {
        /// 1-based line the date was found in.
        line: usize,
    },
    /// `--published`.
    Published,
}

impl std::fmt::Display for DateBasis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateBasis::DateLine { line } => write!(f, "date line {line}"),
            DateBasis::Dateline { line } => write!(f, "dateline in line {line}"),
            DateBasis::Published => write!(f, "--published"),
        }
    }
}

/// A header line giving the article's date: "date: 2021-09-06", "date 2021-09-06 Title",
/// "fecha: 2022-08-28", "published: 2018-10-25".
pub fn header_date(line: &str) -> Option<NaiveDate> {
    let t = line.trim_start();
    let lower = t.to_lowercase();
    let rest = ["date", "fecha", "published", "publicado"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let rest = rest.trim_start_matches([':', ' ', '\t']);
    let iso: String = rest.chars().take(10).collect();
    NaiveDate::parse_from_str(&iso, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            find(rest)
                .into_iter()
                .find_map(|e| e.resolve(None))
                .filter(|_| !rest.is_empty())
        })
}

/// A full date in a dateline ("Huixtla, Chiapas; 28 de Agosto de 2022.-", "MAPASTEPEC,
/// Mexico, Oct 24, 2018 (Reuters)"): a full date after a place and a comma or semicolon, in
/// the first words of the line. A date inside a sentence ("On October 24, 2018 the caravan
/// ...") is an event's, not the story's.
pub fn dateline_date(line: &str) -> Option<NaiveDate> {
    find(line).into_iter().find_map(|e| match e.meaning {
        DateMeaning::Absolute(d) => {
            let before = &line[..e.start];
            let dateline = before.contains([',', ';'])
                && before.split_whitespace().count() <= 6
                && before.chars().next().is_some_and(char::is_uppercase);
            dateline.then_some(d)
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(expr: &str, article: &str) -> Option<String> {
        let a = NaiveDate::parse_from_str(article, "%Y-%m-%d").ok();
        find(expr)
            .first()
            .and_then(|e| e.resolve(a))
            .map(|d| d.to_string())
    }

    #[test]
    fn la_vispera_is_the_day_before_and_de_navidad_christmas_eve() {
        assert_eq!(
            day("partieron la víspera de Tapachula", "2018-11-14").as_deref(),
            Some("2018-11-13")
        );
        assert_eq!(
            day("la víspera de Navidad", "2023-12-26").as_deref(),
            Some("2023-12-24")
        );
    }

    #[test]
    fn santo_domingo_is_a_town_and_two_days_are_no_day() {
        // the weekday inside a town's name
        assert_eq!(
            day("llegaron a Santo Domingo Zanatepec", "2021-11-10"),
            None
        );
        assert_eq!(
            day("llegaron el domingo a Zanatepec", "2021-11-10").as_deref(),
            Some("2021-11-07")
        );
        // a caravan that left over two days names neither
        assert_eq!(
            day("partió los días 14 y 15 por Corinto", "2020-01-31"),
            None
        );
        assert_eq!(
            find("partió los días 14 y 15 por Corinto")[0].meaning,
            DateMeaning::NoDay
        );
        assert_eq!(find("del 14 al 15 de enero")[0].meaning, DateMeaning::NoDay);
    }

    #[test]
    fn weekdays_are_the_latest_such_day_on_or_before_the_story() {
        // 2021-09-06 is a Monday
        assert_eq!(
            day("On Sunday, police", "2021-09-06").unwrap(),
            "2021-09-05"
        );
        // 2018-10-25 is a Thursday
        assert_eq!(
            day("on Thursday night", "2018-10-25").unwrap(),
            "2018-10-25"
        );
        assert_eq!(
            day("on Wednesday night", "2018-10-25").unwrap(),
            "2018-10-24"
        );
        assert_eq!(day("el domingo", "2018-10-25").unwrap(), "2018-10-21");
        assert_eq!(day("el pasado jueves", "2018-10-25").unwrap(), "2018-10-18");
        assert_eq!(
            day("el miércoles por la noche", "2018-10-25").unwrap(),
            "2018-10-24"
        );
    }

    #[test]
    fn relative_and_calendar_days() {
        assert_eq!(day("yesterday", "2018-10-25").unwrap(), "2018-10-24");
        assert_eq!(
            day("ayer por la tarde", "2018-10-25").unwrap(),
            "2018-10-24"
        );
        assert_eq!(day("el 24 de octubre", "2018-10-25").unwrap(), "2018-10-24");
        assert_eq!(day("on Oct. 24", "2018-10-25").unwrap(), "2018-10-24");
        assert_eq!(day("on Dec. 30", "2019-01-02").unwrap(), "2018-12-30");
        assert_eq!(day("October 24, 2018", "2020-01-01").unwrap(), "2018-10-24");
        assert_eq!(
            day("24 de octubre de 2018", "2020-01-01").unwrap(),
            "2018-10-24"
        );
        assert_eq!(day("October 24, 2018", "").unwrap(), "2018-10-24");
    }

    #[test]
    fn days_and_weeks_ago() {
        assert_eq!(
            day("Llegaron hace apenas una semana.", "2024-11-25"),
            Some("2024-11-18".into())
        );
        assert_eq!(
            day("Salieron hace 3 días.", "2024-11-25"),
            Some("2024-11-22".into())
        );
        assert_eq!(
            day("They left two days ago.", "2024-11-25"),
            Some("2024-11-23".into())
        );
        assert_eq!(
            day("They left more than three weeks ago.", "2024-11-25"),
            None
        );
        assert_eq!(day("Salieron hace unas dos semanas.", "2024-11-25"), None);
        assert_eq!(
            day("Aprovechó este día para descansar.", "2024-11-25"),
            Some("2024-11-25".into())
        );
    }

    #[test]
    fn days_counted_from_another_day() {
        let a = NaiveDate::from_ymd_opt(2018, 10, 25);
        let anchor = NaiveDate::from_ymd_opt(2018, 10, 21);
        let day = |expr: &str, anchor: Option<NaiveDate>| {
            find(expr)
                .first()
                .and_then(|e| e.resolve_after(a, anchor))
                .map(|d| d.to_string())
        };
        assert_eq!(day("the next day", anchor).as_deref(), Some("2018-10-22"));
        assert_eq!(day("a day later", anchor).as_deref(), Some("2018-10-22"));
        assert_eq!(day("two days later", anchor).as_deref(), Some("2018-10-23"));
        assert_eq!(
            day("al día siguiente", anchor).as_deref(),
            Some("2018-10-22")
        );
        assert_eq!(day("al otro día", anchor).as_deref(), Some("2018-10-22"));
        assert_eq!(
            day("dos días después", anchor).as_deref(),
            Some("2018-10-23")
        );
        assert_eq!(day("the day before", anchor).as_deref(), Some("2018-10-20"));
        assert_eq!(
            day("el día anterior", anchor).as_deref(),
            Some("2018-10-20")
        );
        assert_eq!(day("horas antes", anchor).as_deref(), Some("2018-10-21"));
        assert_eq!(day("hours later", anchor).as_deref(), Some("2018-10-21"));
        // no day named before: the story's day, but never a day after it
        assert_eq!(day("the day before", None).as_deref(), Some("2018-10-24"));
        assert_eq!(day("hours earlier", None).as_deref(), Some("2018-10-25"));
        assert_eq!(day("the next day", None), None);
        // "the day before yesterday" is the story's
        assert_eq!(
            day("the day before yesterday", anchor).as_deref(),
            Some("2018-10-23")
        );
        // hours ago: the story's day; a day and more of hours names none
        assert_eq!(day("hace unas horas", None).as_deref(), Some("2018-10-25"));
        assert_eq!(day("three hours ago", None).as_deref(), Some("2018-10-25"));
        assert_eq!(day("hace 48 horas", None), None);
        // a possessive weekday
        assert_eq!(day("Tuesday's march", None).as_deref(), Some("2018-10-23"));
    }

    #[test]
    fn spans_and_future_days_give_no_date() {
        assert_eq!(day("this week", "2018-10-25"), None);
        assert_eq!(day("esta semana", "2018-10-25"), None);
        assert_eq!(day("next Monday", "2018-10-25"), None);
        assert_eq!(day("el próximo lunes", "2018-10-25"), None);
        assert_eq!(day("on Sunday", ""), None);
        assert!(find("they may walk 30 km").is_empty());
    }

    #[test]
    fn article_dates_from_header_and_dateline() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(header_date("date: 2022-04-30"), Some(d("2022-04-30")));
        assert_eq!(
            header_date(" date 2021-09-06 Mexican Police Dismantle a Caravan"),
            Some(d("2021-09-06"))
        );
        assert_eq!(header_date("dated report"), None);
        assert_eq!(
            dateline_date("Huixtla, Chiapas; 28 de Agosto de 2022.- La caravana"),
            Some(d("2022-08-28"))
        );
        assert_eq!(
            dateline_date("On October 24, 2018 the caravan arrived in Mapastepec."),
            None
        );
    }
}
