//! Numbers written in digits, words or both: "5,000", "5.000", "dos mil", "5 mil 500",
//! "mil 200", "two thousand", "a thousand", "un centenar", "medio millar".
//!
//! One reader for the headcount and day-count rules. Vague amounts ("hundreds", "miles",
//! "decenas", "a few hundred", "several thousand", "cientos") are no number: the hand
//! labels give them no headcount. A range between two numbers ("entre mil 500 y dos mil
//! 500") is marked, since it names no one count. `text2num` (crates.io) reads number words
//! but not the Mexican press's mix of digits and words ("5 mil 500", "mil 200") nor
//! "millar"/"centenar", so this small reader stays.

use super::text::{Word, words};

/// A number found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Number {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset after its last character (a collective noun's "de"/"of" included: "un
    /// centenar de", so the word after it is what is counted).
    pub end: usize,
    /// Its value.
    pub value: u64,
    /// Said with a noun of a rough amount ("un centenar", "medio millar", "un millar").
    pub rough: bool,
    /// The start of a range whose other end follows ("between 5,000 and 7,000", "entre
    /// mil 500 y dos mil 500", "5,000 but as many as 11,000"): the end's index in the list.
    pub range_to: Option<usize>,
}

/// Numbers from 1 to 99 written as one word (folded, as [`Word::key`] holds them). "once"
/// (Spanish 11) is left out: it is far more often the English adverb. "un", "una", "uno",
/// "a", "an" and "one" count only before a multiplier ("un millar", "a thousand").
pub(crate) fn word_value(key: &str) -> Option<u64> {
    Some(match key {
        "dos" | "two" => 2,
        "tres" | "three" => 3,
        "cuatro" | "four" => 4,
        "cinco" | "five" => 5,
        "seis" | "six" => 6,
        "siete" | "seven" => 7,
        "ocho" | "eight" => 8,
        "nueve" | "nine" => 9,
        "diez" | "ten" => 10,
        "eleven" => 11,
        "doce" | "twelve" => 12,
        "trece" | "thirteen" => 13,
        "catorce" | "fourteen" => 14,
        "quince" | "fifteen" => 15,
        "dieciseis" | "sixteen" => 16,
        "diecisiete" | "seventeen" => 17,
        "dieciocho" | "eighteen" => 18,
        "diecinueve" | "nineteen" => 19,
        "veinte" | "twenty" => 20,
        "veintiuno" | "veintiun" | "veintiuna" => 21,
        "veintidos" => 22,
        "veintitres" => 23,
        "veinticuatro" => 24,
        "veinticinco" => 25,
        "veintiseis" => 26,
        "veintisiete" => 27,
        "veintiocho" => 28,
        "veintinueve" => 29,
        "treinta" | "thirty" => 30,
        "cuarenta" | "forty" => 40,
        "cincuenta" | "fifty" => 50,
        "sesenta" | "sixty" => 60,
        "setenta" | "seventy" => 70,
        "ochenta" | "eighty" => 80,
        "noventa" | "ninety" => 90,
        _ => return None,
    })
}

/// "un", "a", "one" before a multiplier.
fn one_word(key: &str) -> bool {
    matches!(key, "un" | "una" | "uno" | "a" | "an" | "one")
}

/// Spanish hundreds ("quinientos").
fn hundreds_value(key: &str) -> Option<u64> {
    Some(match key {
        "cien" | "ciento" => 100,
        "doscientos" | "doscientas" => 200,
        "trescientos" | "trescientas" => 300,
        "cuatrocientos" | "cuatrocientas" => 400,
        "quinientos" | "quinientas" => 500,
        "seiscientos" | "seiscientas" => 600,
        "setecientos" | "setecientas" => 700,
        "ochocientos" | "ochocientas" => 800,
        "novecientos" | "novecientas" => 900,
        _ => return None,
    })
}

/// A run of digits with its thousands groups ("5,000", "5.000", "12"), starting at word
/// `i`: (value, last word). Not a time, a date or a share ("10:30", "24/10", "30%"), nor a
/// number glued to a unit ("1,600km") or a decimal ("2.5").
fn digits_at(text: &str, ws: &[Word], i: usize) -> Option<(u64, usize)> {
    let all_digits = |w: &Word| !w.key.is_empty() && w.key.bytes().all(|b| b.is_ascii_digit());
    let first = ws.get(i).filter(|w| all_digits(w))?;
    let mut value: u64 = first.key.parse().ok()?;
    let mut last = i;
    while let Some(n) = ws.get(last + 1)
        && matches!(&text[ws[last].end..n.start], "," | ".")
        && n.key.len() == 3
        && all_digits(n)
        && value < 1_000_000
    {
        value = value * 1000 + n.key.parse::<u64>().ok()?;
        last += 1;
    }
    // ("1,600km", "2.5": no count of people)
    let broken_group = ws.get(last + 1).is_some_and(|n| {
        matches!(&text[ws[last].end..n.start], "," | ".")
            && n.key.starts_with(|c: char| c.is_ascii_digit())
    });
    let after = &text[ws[last].end..];
    if broken_group
        || after.starts_with([':', '/', '%'])
        || after.starts_with(|c: char| c.is_alphabetic())
    {
        return None;
    }
    Some((value, last))
}

/// The numbers of `text`, in order.
pub(crate) fn numbers(text: &str) -> Vec<Number> {
    numbers_in_words(text, &words(text))
}

/// What the part below a thousand was last read from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Nothing yet.
    Empty,
    /// Digits ("500").
    Digits,
    /// A hundreds word ("quinientos", "two hundred"): a tens or units word may follow.
    Hundreds,
    /// A tens or units word ("veinte", "five").
    Words,
}

/// As [`numbers`], over the text's words.
pub(crate) fn numbers_in_words(text: &str, ws: &[Word]) -> Vec<Number> {
    let key = |j: usize| ws.get(j).map_or("", |w| w.key.as_str());
    let mut out: Vec<Number> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        // the value is `thousands` (read so far) + `part` (below a thousand, or a count
        // before a multiplier)
        let mut thousands: u64 = 0;
        let mut part: u64 = 0;
        let mut read = Part::Empty;
        let mut rough = false;
        let mut j = i;
        let mut last = None;
        loop {
            let k = key(j);
            let next = key(j + 1);
            if read == Part::Empty
                && let Some((v, l)) = digits_at(text, ws, j)
            {
                (part, read, j) = (v, Part::Digits, l + 1);
            } else if read == Part::Empty
                && let Some(h) =
                    hundreds_value(k).filter(|_| !(k == "ciento" && j > 0 && key(j - 1) == "por"))
            {
                // ("por ciento": per cent)
                (part, read, j) = (h, Part::Hundreds, j + 1);
            } else if matches!(read, Part::Empty | Part::Hundreds)
                && let Some(v) = word_value(k)
            {
                part += v;
                (read, j) = (Part::Words, j + 1);
                // "treinta y cinco", "twenty-five"
                if v >= 20 && v % 10 == 0 {
                    let y = usize::from(key(j) == "y");
                    if let Some(u) = word_value(key(j + y)).filter(|u| *u < 10) {
                        part += u;
                        j += y + 1;
                    }
                }
            } else if read == Part::Empty
                && one_word(k)
                && matches!(
                    next,
                    "hundred"
                        | "thousand"
                        | "million"
                        | "millar"
                        | "centenar"
                        | "mil"
                        | "dozen"
                        | "docena"
                )
            {
                // "a thousand", "un centenar" (a bare "un" or "a" is no number)
                (part, read, j) = (1, Part::Words, j + 1);
                continue;
            } else if read == Part::Empty && matches!(k, "medio" | "media") && next == "millar" {
                // "medio millar": 500
                (part, rough, j) = (500, true, j + 2);
                last = Some(j - 1);
                break;
            } else if k == "hundred" && read == Part::Words && part < 100 {
                part *= 100;
                (read, j) = (Part::Hundreds, j + 1);
            } else if k == "mil" && thousands == 0
                || k == "thousand" && read != Part::Empty && thousands == 0
            {
                // ("mil" alone is a thousand: "más de mil migrantes")
                thousands = part.max(1) * 1000;
                (part, read, j) = (0, Part::Empty, j + 1);
            } else if read != Part::Empty
                && thousands == 0
                && let Some(unit) = match k {
                    "millar" | "millares" => Some(1000),
                    "centenar" | "centenares" => Some(100),
                    "dozen" | "docena" => Some(12),
                    _ => None,
                }
            {
                // "tres millares", "un centenar", "a dozen": rough counts
                (part, rough, j) = (part * unit, true, j + 1);
                last = Some(j - 1);
                break;
            } else if matches!(k, "million" | "millon" | "millones") && read != Part::Empty {
                (part, thousands, j) = ((thousands + part) * 1_000_000, 0, j + 1);
                last = Some(j - 1);
                break;
            } else {
                break;
            }
            last = Some(j - 1);
        }
        let value = thousands + part;
        let Some(last) = last.filter(|_| value > 0) else {
            // a run of digits that is no number ("10:30", "1,600km") is skipped whole
            i += 1;
            while i < ws.len()
                && ws[i].start == ws[i - 1].end + 1
                && ws[i].key.bytes().all(|b| b.is_ascii_digit())
                && matches!(&text[ws[i - 1].end..ws[i].start], "," | "." | ":" | "/")
            {
                i += 1;
            }
            continue;
        };
        // "un centenar de migrantes": the counted noun follows "de"
        let mut end = ws[last].end;
        if rough && matches!(key(last + 1), "de" | "of") {
            end = ws[last + 1].end;
        }
        out.push(Number {
            start: ws[i].start,
            end,
            value,
            rough,
            range_to: None,
        });
        i = last + 1;
    }
    // ranges: "between A and B", "entre A y B", "A to B", "de A a B", "A but as many as B"
    for n in 1..out.len() {
        let gap = words(&text[out[n - 1].end..out[n].start]);
        let gap: Vec<&str> = gap.iter().map(|w| w.key.as_str()).collect();
        let joined = matches!(
            gap.as_slice(),
            ["and" | "y" | "to" | "a" | "or" | "o" | "al"]
                | ["but", "as", "many", "as"]
                | ["but", "up", "to"]
                | ["y", "hasta"]
        );
        if joined {
            out[n - 1].range_to = Some(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<u64> {
        numbers(text).iter().map(|n| n.value).collect()
    }

    #[test]
    fn digits_with_thousands_groups() {
        assert_eq!(values("more than 5,000 migrants"), vec![5000]);
        assert_eq!(values("unos 5.000 migrantes y 400 niños"), vec![5000, 400]);
        assert_eq!(
            values("a 1,600km trek at 10:30, 30% of them"),
            Vec::<u64>::new()
        );
        assert_eq!(values("10,000,000 dollars"), vec![10_000_000]);
    }

    #[test]
    fn spanish_mixed_digits_and_words() {
        assert_eq!(values("Más de mil 500 migrantes"), vec![1500]);
        assert_eq!(values("unas 3 mil 500 personas"), vec![3500]);
        assert_eq!(values("suman 5 mil 500 migrantes"), vec![5500]);
        assert_eq!(values("casi mil 200 centroamericanos"), vec![1200]);
        assert_eq!(values("alrededor de dos mil migrantes"), vec![2000]);
        assert_eq!(
            values("aproximadamente cuatro mil 500 migrantes"),
            vec![4500]
        );
        assert_eq!(values("más de 4 mil personas"), vec![4000]);
        assert_eq!(values("Más de mil migrantes"), vec![1000]);
        assert_eq!(values("unos trescientos cincuenta hondureños"), vec![350]);
        assert_eq!(values("treinta y cinco mujeres"), vec![35]);
    }

    #[test]
    fn english_words() {
        assert_eq!(values("about two thousand people"), vec![2000]);
        assert_eq!(values("over a thousand people"), vec![1000]);
        assert_eq!(values("At least a hundred Hondurans"), vec![100]);
        assert_eq!(values("some seven thousand migrants"), vec![7000]);
        assert_eq!(values("twenty-five families"), vec![25]);
        assert_eq!(values("two hundred fifty migrants"), vec![250]);
        assert_eq!(values("a dozen women"), vec![12]);
    }

    #[test]
    fn collective_nouns_are_rough_and_count_what_follows_de() {
        let n = numbers("más de un centenar de hombres");
        assert_eq!(n.len(), 1);
        assert_eq!((n[0].value, n[0].rough), (100, true));
        assert!(
            "más de un centenar de hombres"[n[0].end..]
                .trim_start()
                .starts_with("hombres")
        );
        assert_eq!(values("alrededor de medio millar de personas"), vec![500]);
        assert_eq!(values("tres millares de personas"), vec![3000]);
        assert_eq!(values("un millar de migrantes"), vec![1000]);
    }

    #[test]
    fn vague_amounts_are_no_number() {
        for text in [
            "hundreds of migrants",
            "thousands of people",
            "miles de migrantes",
            "decenas de migrantes",
            "cientos de hondureños",
            "a few hundred migrants",
            "several thousand migrants",
            "a caravan of migrants",
            "un grupo de migrantes",
            "once the migrants reach the border",
        ] {
            assert_eq!(values(text), Vec::<u64>::new(), "{text}");
        }
    }

    #[test]
    fn ranges_are_marked() {
        let n = numbers("entre mil 500 y dos mil 500 migrantes");
        assert_eq!(
            n.iter().map(|n| n.value).collect::<Vec<_>>(),
            vec![1500, 2500]
        );
        assert_eq!(n[0].range_to, Some(1));
        let n = numbers("at least 5,000 but as many as 11,000 migrants");
        assert_eq!(n[0].range_to, Some(1));
        let n = numbers("On Oct. 12, with around 120 migrants");
        assert_eq!(n[0].range_to, None);
    }
}
