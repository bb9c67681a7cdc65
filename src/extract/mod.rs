//! Stage 1b: reading news articles — the places they name, the dated sightings they
//! report, and caravan files drafted from them.
//!
//! Uses only the gazetteer. Text is read paragraph by paragraph ([`ParagraphReader`]), so a
//! 100 MB file streams in bounded memory; [`places`] finds the towns a paragraph names and
//! why each went to the town it did; [`dates`] resolves "el domingo" against the article's
//! date; [`sightings`] turns sentences that put a caravan at a place on a day into dated
//! sightings; [`draft`] writes them as a caravan file.

pub mod admin;
mod corridor;
pub mod dates;
pub mod draft;
mod numbers;
pub mod places;
pub mod sightings;
mod text;

pub use places::{FoundPlace, Mention, PlaceFinder, PlaceHit, PlaceTally, Reason};

use crate::gazetteer::Gazetteer;
use std::borrow::Cow;
use std::io::Read;
/// How the article bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// Valid UTF-8 (a leading BOM dropped).
    Utf8,
    /// Not valid UTF-8: read as Windows-1252 (a superset of Latin-1 for printable text).
    Windows1252,
}

/// Why an article could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A NUL byte: a binary file, not article text.
    #[error("byte {offset} is a NUL byte: this looks like a binary file, not article text")]
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
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

/// The places named in `text`, in order of first mention (a convenience over
/// [`PlaceTally`] for text already in memory).
pub fn extract<'g>(text: &str, gazetteer: &'g Gazetteer) -> Vec<FoundPlace<'g>> {
    let finder = PlaceFinder::new(gazetteer);
    let mut tally = PlaceTally::new(&finder);
    for_each_paragraph(text, |p, line| tally.add_paragraph(p, line));
    tally.finish()
}

/// Calls `f(paragraph, first line)` for each paragraph of text in memory.
pub fn for_each_paragraph(text: &str, mut f: impl FnMut(&str, usize)) {
    let mut reader = ParagraphReader::new(text.as_bytes(), u64::MAX);
    while let Ok(Some((p, line))) = reader.next_paragraph() {
        f(&p, line);
    }
}

/// The largest paragraph handed on at once; longer runs of text are cut at a space.
pub const MAX_PARAGRAPH_BYTES: usize = 64 * 1024;

/// Why an article file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A NUL byte at this byte offset: a binary file.
    #[error("byte {offset} is a NUL byte: this looks like a binary file, not article text")]
    Binary {
        /// Byte offset of the first NUL byte in the file.
        offset: u64,
    },
    /// The file is larger than the limit, in MB.
    #[error("larger than the limit of {limit_mb} MB per file; split it, or raise the limit")]
    TooLarge {
        /// The limit per file, MB.
        limit_mb: u64,
    },
    /// Reading failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Reads text as paragraphs in bounded memory: a paragraph is a line (and the lines that
/// continue it in lower case), at most [`MAX_PARAGRAPH_BYTES`]. Each piece of text is
/// decoded as UTF-8, else as Windows-1252; a NUL byte stops the read as binary.
pub struct ParagraphReader<R: Read> {
    reader: std::io::BufReader<R>,
    limit_bytes: u64,
    offset: u64,
    /// The next line, already read (bytes, its line number, whether it ends its line).
    pending: std::collections::VecDeque<(Vec<u8>, usize, bool)>,
    line: usize,
    /// Whether any text had to be read as Windows-1252.
    pub windows_1252: bool,
    done: bool,
}

impl<R: Read> ParagraphReader<R> {
    /// Read `reader` as paragraphs, refusing more than `limit_bytes` bytes.
    pub fn new(reader: R, limit_bytes: u64) -> Self {
        Self {
            reader: std::io::BufReader::with_capacity(64 * 1024, reader),
            limit_bytes,
            offset: 0,
            pending: std::collections::VecDeque::new(),
            line: 1,
            windows_1252: false,
            done: false,
        }
    }

    /// One physical line, or a piece of at most MAX_PARAGRAPH_BYTES of a longer one.
    fn next_piece(&mut self) -> Result<Option<(Vec<u8>, usize, bool)>, ReadError> {
        use std::io::BufRead;
        if let Some(p) = self.pending.pop_front() {
            return Ok(Some(p));
        }
        if self.done {
            return Ok(None);
        }
        let line = self.line;
        let mut out = Vec::new();
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                self.done = true;
                return Ok((!out.is_empty()).then_some((out, line, true)));
            }
            let room = MAX_PARAGRAPH_BYTES - out.len();
            let take = buf.len().min(room);
            let chunk = &buf[..take];
            let (used, ends) = match chunk.iter().position(|&b| b == b'\n') {
                Some(p) => (p + 1, true),
                None => (take, false),
            };
            if let Some(z) = chunk[..used].iter().position(|&b| b == 0) {
                return Err(ReadError::Binary {
                    offset: self.offset + z as u64,
                });
            }
            out.extend_from_slice(&chunk[..used]);
            self.reader.consume(used);
            self.offset += used as u64;
            if self.offset > self.limit_bytes {
                return Err(ReadError::TooLarge {
                    limit_mb: self.limit_bytes / (1024 * 1024),
                });
            }
            if ends {
                self.line += 1;
                return Ok(Some((out, line, true)));
            }
            if out.len() >= MAX_PARAGRAPH_BYTES {
                // cut a long line after its last space (or char boundary); the rest
                // continues the same line
                let cut = out
                    .iter()
                    .rposition(|&b| b == b' ')
                    .map(|p| p + 1)
                    .filter(|&p| p > MAX_PARAGRAPH_BYTES / 2)
                    .unwrap_or_else(|| {
                        let mut c = out.len();
                        while c > 0 && (out[c - 1] & 0xC0) == 0x80 {
                            c -= 1;
                        }
                        if c > 0 && out[c - 1] >= 0xC0 {
                            c - 1
                        } else {
                            out.len()
                        }
                    });
                let rest = out.split_off(cut);
                if !rest.is_empty() {
                    // the cut-off tail starts the next piece, still on this line
                    self.pending.push_back((rest, line, false));
                }
                return Ok(Some((out, line, false)));
            }
        }
    }

    /// The next paragraph and the line it starts on; `None` at the end.
    pub fn next_paragraph(&mut self) -> Result<Option<(String, usize)>, ReadError> {
        let mut para = String::new();
        let mut first_line = 0;
        while let Some((bytes, line, ends)) = self.next_piece()? {
            let text = match std::str::from_utf8(&bytes) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) => {
                    self.windows_1252 = true;
                    Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect::<String>())
                }
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let continues = !para.is_empty()
                && (text.trim_start().starts_with(char::is_lowercase) || !para.ends_with('\n'));
            if !para.is_empty() && (!continues || para.len() + text.len() > MAX_PARAGRAPH_BYTES) {
                self.pending.push_front((bytes, line, ends));
                break;
            }
            if para.is_empty() {
                first_line = line;
            }
            para.push_str(text);
            if text.trim().is_empty() && ends {
                break;
            }
        }
        if para.is_empty() {
            return Ok(None);
        }
        Ok(Some((para, first_line)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, usize)> {
        let g = Gazetteer::bundled();
        extract(text, &g)
            .into_iter()
            .map(|p| (p.town.name.clone(), p.count))
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

    fn ids(text: &str) -> Vec<String> {
        let g = Gazetteer::bundled();
        extract(text, &g)
            .into_iter()
            .map(|p| p.town.id.clone())
            .collect()
    }

    #[test]
    fn a_state_named_in_the_sentence_decides_among_same_name_towns() {
        assert_eq!(
            ids("Los migrantes llegaron a Ciudad Hidalgo, en Chiapas, el lunes."),
            vec!["ciudad-hidalgo-chiapas"]
        );
        assert_eq!(
            ids("They rested in Tonalá, Chiapas."),
            vec!["tonala-chiapas"]
        );
        assert_eq!(
            ids("The group reached Tonala on Monday. Chiapas police watched."),
            vec!["tonala-chiapas"]
        );
        // the dateline's state decides for the whole article
        assert_eq!(
            ids("TAPACHULA, Chiapas (AP) — Migrants marched.\n\nThey slept in Escuintla."),
            vec!["tapachula", "escuintla-mx"]
        );
    }

    #[test]
    fn the_reason_names_the_state_and_its_line() {
        let g = Gazetteer::bundled();
        let found = extract(
            "Headline\n\nLa caravana salió de Ciudad Hidalgo, Chiapas.",
            &g,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].town.id, "ciudad-hidalgo-chiapas");
        assert_eq!(found[0].reason.to_string(), "Chiapas named in line 3");
    }

    #[test]
    fn states_and_departments_are_not_towns() {
        for text in [
            "La caravana avanzó hacia Oaxaca.",
            "Llegaron al estado de Veracruz.",
            "They entered Oaxaca state on Sunday.",
            "They walked through the state of Oaxaca.",
            "El gobernador de Chiapas habló.",
            "Salieron del departamento de Ocotepeque.",
            "They crossed the department of Chiquimula.",
            "Los estados de Chiapas y Oaxaca.",
        ] {
            assert_eq!(ids(text), Vec::<String>::new(), "{text}");
        }
        assert_eq!(ids("Llegaron a la ciudad de Oaxaca."), vec!["oaxaca"]);
        assert_eq!(ids("They reached Oaxaca City."), vec!["oaxaca"]);
    }

    #[test]
    fn buildings_and_neighbourhoods_are_not_towns() {
        for text in [
            "Durmieron en el auditorio Benito Juárez.",
            "Se quedaron en el barrio Guadalupe de Huixtla.",
            "Caminaron por la avenida Benito Juárez.",
        ] {
            let found = ids(text);
            assert!(
                !found
                    .iter()
                    .any(|id| id.contains("juarez") || id.contains("guadalupe")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn short_forms_where_context_supports_them() {
        assert_eq!(
            ids("Migrants waited in Juárez, across from El Paso, Texas."),
            vec!["ciudad-juarez", "el-paso"]
        );
        assert_eq!(
            ids("La caravana salió de Acayucan, Veracruz, y llegó a Sayula."),
            vec!["acayucan", "sayula-de-aleman"]
        );
    }

    #[test]
    fn villages_count_in_a_place_slot_near_the_other_places() {
        // a town noun, a verb of movement, a building of the village, a range of places
        assert_eq!(
            ids("They slept in the municipality of Huehuetán after leaving Tapachula."),
            vec!["huehuetan-chiapas", "tapachula"]
        );
        assert_eq!(
            ids("From Tapachula they went on. On Sunday they reached Viva México."),
            vec!["tapachula", "viva-mexico"]
        );
        assert_eq!(
            ids("Leaving Tapachula, they rested under the Viva México bridge."),
            vec!["tapachula", "viva-mexico"]
        );
        assert_eq!(
            ids("They kept a slow pace on the Huixtla – Villa Comaltitlán section."),
            vec!["huixtla", "villa-comaltitlan"]
        );
        assert_eq!(
            ids("The Oaxaca police met the group when it reached Chahuites."),
            vec!["chahuites"]
        );
        assert_eq!(
            ids("Caminaron desde el poblado Los Corazones de San Pedro Tapanatepec."),
            vec!["los-corazones", "san-pedro-tapanatepec"]
        );
    }

    #[test]
    fn village_names_without_evidence_are_not_places() {
        for text in [
            "Los migrantes hablaron con Esperanza en Tapachula.",
            "Informó Santiago González en Tapachula.",
            "The police stopped them in the town of Vado Profundo.",
            "Llegaron al municipio de Jiménez.",
        ] {
            assert!(
                ids(text).iter().all(|id| id == "tapachula"),
                "{text}: {:?}",
                ids(text)
            );
        }
    }

    #[test]
    fn a_longer_name_beats_a_village_inside_it() {
        assert_eq!(
            ids("La Ciudad de México recibió a los migrantes."),
            vec!["mexico-city"]
        );
    }

    #[test]
    fn a_major_town_keeps_its_name_beyond_the_sentence_naming_a_state() {
        assert_eq!(
            ids("Migrants left Tapachula, in Chiapas, on Monday. They hope to reach Los Angeles."),
            vec!["tapachula", "los-angeles"]
        );
        // in the sentence that names the state, the village
        assert_eq!(
            ids("They slept in the town of Álvaro Obregón, in Chiapas."),
            vec!["alvaro-obregon-chiapas-3532958"]
        );
    }

    #[test]
    fn a_name_keeps_the_place_it_had_earlier_in_the_article() {
        let g = Gazetteer::bundled();
        let found = extract(
            "They slept in the town of Álvaro Obregón, in Chiapas.\n\nOn Monday they left Álvaro Obregón.",
            &g,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].town.id, "alvaro-obregon-chiapas-3532958");
        assert_eq!(found[0].count, 2);
    }

    #[test]
    fn rivers_roads_and_places_of_other_countries_are_not_towns() {
        assert_eq!(ids("Cruzaron el Río Bravo hacia El Paso."), vec!["el-paso"]);
        assert!(ids("They walked along the Huehuetán highway.").is_empty());
        // the gazetteer has El Florido on both sides of the border: the country or the
        // department picks the Guatemalan post
        assert_eq!(
            ids("They crossed at El Florido, Guatemala."),
            vec!["el-florido-gt"]
        );
        assert_eq!(
            ids("They crossed at the El Florido border post, Chiquimula."),
            vec!["el-florido-gt"]
        );
    }

    #[test]
    fn spanish_lists_streets_and_short_names() {
        // towns listed after a town are towns, not its state
        assert_eq!(
            ids("La caravana pasó por Córdoba, Puebla, Querétaro e Irapuato."),
            vec!["cordoba", "puebla", "santiago-de-queretaro", "irapuato"]
        );
        // a village seat without its saint, in a list that starts with a town
        assert_eq!(
            ids("Descansaron en Niltepec, Zanatepec y Tapanatepec."),
            vec![
                "niltepec",
                "santo-domingo-zanatepec",
                "san-pedro-tapanatepec"
            ]
        );
        // given names listed together are not a list of places
        assert_eq!(
            ids("Mercedes y Dolores viajan con Guadalupe desde Tapachula."),
            vec!["tapachula"]
        );
        // a lower-case article: a street, a district or a river
        assert_eq!(
            ids("Caminaron por la Juárez y la Hidalgo hasta el Suchiate, en Tapachula."),
            vec!["tapachula"]
        );
        // a village, then its department: the village (Vado Hondo is a GeoNames village on
        // CA-10 that cities500 leaves out; the gazetteer's rule 6 adds it)
        assert_eq!(
            ids("La policía los detuvo en Vado Hondo, Chiquimula."),
            vec!["vado-hondo"]
        );
        // a place the gazetteer lacks, then its department: the department
        assert!(ids("La policía los detuvo en Vado Profundo, Chiquimula.").is_empty());
        assert_eq!(
            ids("Mexico's president said Washington should help Tapachula."),
            vec!["tapachula"]
        );
    }

    #[test]
    fn a_village_named_before_the_places_near_it_counts() {
        let g = Gazetteer::bundled();
        let found = extract(
            "Los migrantes pernoctaron en Estación Huehuetán.\n\nEl lunes siguieron hacia Huixtla.",
            &g,
        );
        let found_ids: Vec<&str> = found.iter().map(|p| p.town.id.as_str()).collect();
        assert_eq!(found_ids, ["estacion-huehuetan", "huixtla"]);
        assert_eq!(
            found[0].reason.to_string(),
            "15 km from Huixtla, named in the text"
        );
        // no place near it in the whole text: not a place
        assert_eq!(
            ids("Los migrantes pernoctaron en Estación Huehuetán.\n\nLuego fueron a Monterrey."),
            vec!["monterrey"]
        );
    }

    #[test]
    fn lower_case_articles_abbreviated_states_and_titles() {
        assert_eq!(
            ids("Cruzaron por la Mesilla y por el Ceibo."),
            vec!["la-mesilla", "el-ceibo-gt"]
        );
        assert_eq!(
            ids("Llegaron a Isla, Ver., y luego a Monterrey, N.L."),
            vec!["isla", "monterrey"]
        );
        // a capitalised function word inside a name: an organisation's title
        assert_eq!(
            ids("Los guió Pueblo Sin Fronteras desde Tapachula."),
            vec!["tapachula"]
        );
    }

    #[test]
    fn windows_1252_text_is_decoded() {
        let (text, enc) = decode_text(b"Lleg\xf3 a Tapachula \x93hoy\x94").unwrap();
        assert_eq!(enc, TextEncoding::Windows1252);
        assert_eq!(text, "Llegó a Tapachula “hoy”");
        assert!(decode_text(b"\x00\x01").is_err());
    }

    #[test]
    fn punctuation_ends_a_name() {
        // not the Guanajuato village "San Antonio Texas"
        assert_eq!(
            ids("The tragedy happened in San Antonio, Texas, on Monday."),
            vec!["san-antonio"]
        );
    }

    #[test]
    fn numbered_facilities_road_names_and_common_saint_tails_are_not_towns() {
        assert_eq!(
            ids("El paso fronterizo, mejor conocido como Suchiate I. Luego fueron a Tapachula."),
            vec!["tapachula"]
        );
        assert!(
            ids("Pusieron una carpa en el Macrolibramiento Palmillas-Apaseo el Grande.").is_empty()
        );
        assert_eq!(
            ids("Lo dijo el director del Centro de Apoyo al Migrante, en la Ciudad de México."),
            vec!["mexico-city"]
        );
    }

    #[test]
    fn misspelt_and_joined_town_names_count_in_a_place_slot_near_other_places() {
        // a letter changed, dropped or added, in a place's slot, beside a place near it
        assert_eq!(
            ids("El domingo salieron de Pipijiapan y llegaron a Tonalá."),
            vec!["pijijiapan", "tonala-chiapas"]
        );
        assert_eq!(
            ids("The group slept in Tapantepec after leaving Niltepec."),
            vec!["san-pedro-tapanatepec", "niltepec"]
        );
        assert_eq!(
            ids("Desde Monterrey caminaron hasta Saltilo, Coahuila."),
            vec!["monterrey", "saltillo"]
        );
        // two words, two edits ("Tecun Unam"), after a town noun
        assert_eq!(
            ids("They rode from Guatemala City to the town of Tecun Unam."),
            vec!["guatemala-city", "ciudad-tecun-uman"]
        );
        // a name of two words written as one, even a village's
        assert_eq!(
            ids("Pasaron por Huixtla y luego por Villacomaltitlán."),
            vec!["huixtla", "villa-comaltitlan"]
        );
        // the reason says how it was read
        let g = Gazetteer::bundled();
        let found = extract("Salieron de Mapastepec hacia Pipijiapan, Chiapas.", &g);
        assert_eq!(
            found[1].reason.to_string(),
            "\"Pipijiapan\" read as this name spelt another way"
        );
    }

    #[test]
    fn misspellings_need_a_place_slot_a_near_place_and_a_long_word() {
        // no place near it in the text
        assert!(ids("Los migrantes llegaron a Pipijiapan.").is_empty());
        assert_eq!(
            ids("From Tijuana they said they would go to Saltilo."),
            vec!["tijuana"]
        );
        // not in a place's slot: a surname, an outlet
        assert_eq!(
            ids("Pipijiapan Gómez habló en Tapachula con Moncloa."),
            vec!["tapachula"]
        );
        // shorter than seven letters: another word ("Pueblo" is one letter from Puebla)
        assert_eq!(ids("Llegaron a Cholula y luego a Pueblo."), vec!["cholula"]);
    }

    #[test]
    fn a_capitalised_word_opening_the_sentence_is_not_a_longer_names_head() {
        // "Salieron de Tapachula": a verb, not the head of a name like "Playas de Tijuana"
        assert_eq!(
            ids("Salieron de Tapachula el lunes. Partieron de Huixtla ayer."),
            vec!["tapachula", "huixtla"]
        );
        assert_eq!(ids("Residents of Tijuana protested."), vec!["tijuana"]);
        // inside the sentence it still is
        assert!(ids("They reached Playas de Tijuana, in San Diego County.").is_empty());
    }

    #[test]
    fn a_village_noun_rules_out_cities_and_a_weekday_ends_the_name() {
        // Álvaro Obregón is also a borough of Mexico City: "village" and "ejido" rule it
        // out, and "Saturday" is not part of the name
        assert_eq!(
            ids("They left Tapachula and rested in the village of Álvaro Obregón Saturday."),
            vec!["tapachula", "alvaro-obregon-chiapas-3532958"]
        );
        assert_eq!(
            ids("They left Chiapas. The first stop was the ejido Álvaro Obregón."),
            vec!["alvaro-obregon-chiapas-3532958"]
        );
    }

    #[test]
    fn a_facility_named_after_its_town_is_in_the_town() {
        assert_eq!(
            ids("Some 500 people gathered in Tecún Umán park."),
            vec!["ciudad-tecun-uman"]
        );
        assert_eq!(
            ids("They slept at the Tapachula stadium."),
            vec!["tapachula"]
        );
        assert_eq!(
            ids("They left on Friday Tecún Umán park for the bridge."),
            vec!["ciudad-tecun-uman"]
        );
        assert_eq!(ids("Durmieron en un barrio de Tijuana."), vec!["tijuana"]);
        // a person's park is not a place
        assert_eq!(
            ids("They met at Benito Juárez park in Tijuana."),
            vec!["tijuana"]
        );
    }

    #[test]
    fn a_spanish_dateline_naming_guatemala_or_mexico_is_the_capital() {
        assert_eq!(
            ids("Guatemala, 4 de octubre de 2020.- La caravana llegó."),
            vec!["guatemala-city"]
        );
        assert_eq!(
            ids("MÉXICO (EFE) - Una caravana salió de Tapachula."),
            vec!["mexico-city", "tapachula"]
        );
        assert!(ids("Guatemala, Honduras y El Salvador firmaron.").is_empty());
        assert!(ids("Los migrantes cruzaron Guatemala, 300 kilómetros.").is_empty());
    }

    #[test]
    fn a_name_then_a_comma_and_a_lower_case_word_is_no_dateline() {
        // a village's name opening a paragraph counts as a dateline, not as a person's
        // name with an apposition
        assert_eq!(
            ids("Huehuetán, Chis.- Los migrantes descansaron."),
            vec!["huehuetan-chiapas"]
        );
        assert!(ids("Solis, a 54-year-old builder, joined the group.").is_empty());
    }

    #[test]
    fn an_honorific_left_out_and_a_list_after_a_place_preposition() {
        // GeoNames names the border city "Heroica Matamoros"; the press says Matamoros
        assert_eq!(
            ids("Hundreds waited in Reynosa and Matamoros, across from Brownsville."),
            vec!["reynosa", "heroica-matamoros", "brownsville"]
        );
        // the second name of "through A and B" is in the place's slot too
        assert!(
            ids("They went through Santa Elena and Poptún in Petén.").contains(&"poptun".into())
        );
    }

    #[test]
    fn a_department_after_a_comma_and_en_is_the_towns_department() {
        assert_eq!(
            ids("Salieron de Tecún Umán, en San Marcos, el lunes."),
            vec!["ciudad-tecun-uman"]
        );
    }

    #[test]
    fn a_border_town_beside_the_country_the_article_names() {
        // two major towns are called Ciudad Hidalgo in Mexico; the story is on the
        // Guatemalan border
        assert_eq!(
            ids("Ciudad Hidalgo (Mexico)\n\nMigrants waded across the river from Guatemala."),
            vec!["ciudad-hidalgo-chiapas"]
        );
        let g = Gazetteer::bundled();
        let found = extract(
            "Ciudad Hidalgo (Mexico)\n\nMigrants waded across the river from Guatemala.",
            &g,
        );
        assert_eq!(
            found[0].reason.to_string(),
            "on the border of Guatemala, named in the text"
        );
    }

    #[test]
    fn a_facility_of_a_town_is_in_the_town_and_a_state_after_an_adjective_is_the_state() {
        assert_eq!(
            ids("Un grupo espera en el parque de Tecún Umán, Guatemala."),
            vec!["ciudad-tecun-uman"]
        );
        assert!(
            ids("Recorrieron Chiapas, así como el oriental Veracruz y el central Puebla.")
                .is_empty()
        );
    }
    #[test]
    fn abbreviated_ciudad_and_an_acronym_after_its_article() {
        assert_eq!(
            ids("Salieron de Cd. Hidalgo, Chiapas. Llegaron a Cd. Juárez el martes."),
            vec!["ciudad-hidalgo-chiapas", "ciudad-juarez"]
        );
        assert_eq!(ids("La caravana llegó a la CDMX."), vec!["mexico-city"]);
    }

    #[test]
    fn a_facility_with_its_own_name_then_de_and_the_town_is_in_the_town() {
        for text in [
            "Se reunieron en el parque Bicentenario de Tapachula.",
            "Llegaron a la colonia Reforma de Tapachula.",
            "Durmieron en el albergue Belén de Tapachula.",
            "Se concentraron en el Zócalo de Tapachula.",
        ] {
            assert_eq!(ids(text), vec!["tapachula"], "{text}");
        }
        // a newspaper's title is not a facility
        assert!(ids("Lo publicó el Diario de Juárez.").is_empty());
    }

    #[test]
    fn saints_and_their_churches_are_not_towns() {
        assert_eq!(
            ids("Rezaron a la Virgen de Guadalupe antes de salir de Tapachula."),
            vec!["tapachula"]
        );
        assert_eq!(
            ids("Durmieron en la Basílica de Guadalupe, en la Ciudad de México."),
            vec!["mexico-city"]
        );
        assert_eq!(
            ids("Durmieron en la parroquia de San José, en Huixtla."),
            vec!["huixtla"]
        );
    }

    #[test]
    fn newspapers_stations_speakers_and_given_names_are_not_towns() {
        assert_eq!(
            ids(
                "The Houston Chronicle and the San Diego Union-Tribune reported migrants in Tijuana."
            ),
            vec!["tijuana"]
        );
        assert_eq!(
            ids("NBC San Diego said migrants reached Tijuana."),
            vec!["tijuana"]
        );
        // a surname that is also a town, speaking
        assert_eq!(
            ids("Migrants reached Tijuana. Rosales added that 20 children were safe."),
            vec!["tijuana"]
        );
        assert_eq!(
            ids("“Seguiremos hasta Tijuana”, dijo Rosales."),
            vec!["tijuana"]
        );
        // ... but migrants in a town who speak leave the town a place
        assert_eq!(
            ids("Migrants in Tijuana said they would stay."),
            vec!["tijuana"]
        );
        // a town's name as a given name before a common surname
        assert_eq!(
            ids("The governor, Cuitláhuac García, spoke in Veracruz city."),
            vec!["veracruz"]
        );
    }

    #[test]
    fn a_department_capital_by_its_departments_name_and_a_big_citys_short_head() {
        assert_eq!(
            ids("Salieron de Choluteca el lunes."),
            vec!["ciudad-choluteca"]
        );
        // "León" in Guanajuato, not the Nicaraguan department listed after a Mexican state
        assert_eq!(
            ids("Migrants reached Irapuato, Guanajuato, and Leon."),
            vec!["irapuato", "leon-de-los-aldama"]
        );
    }
    #[test]
    fn a_village_named_again_in_a_later_paragraph_keeps_its_place() {
        let g = Gazetteer::bundled();
        let found = extract(
            "Los migrantes llegaron a Jesús Carranza, Veracruz, el lunes.\n\nEl martes salieron de Jesús Carranza.",
            &g,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].town.admin1, "Veracruz");
        assert_eq!(found[0].count, 2);
    }

    #[test]
    fn quoted_titles_and_a_march_named_for_peace_are_not_towns() {
        assert_eq!(
            ids("Salieron de Tapachula, informó el diario «Reforma»."),
            vec!["tapachula"]
        );
        assert_eq!(
            ids("La Marcha por la Paz y la Justicia salió de Tapachula."),
            vec!["tapachula"]
        );
        // a town with its lower-case article after a place preposition still counts
        assert_eq!(ids("Cruzaron por la Mesilla."), vec!["la-mesilla"]);
    }

    #[test]
    fn a_states_name_is_its_city_in_a_dateline_and_never_a_village_elsewhere() {
        assert_eq!(
            ids("Chihuahua.– La gobernadora espera a tres mil migrantes."),
            vec!["chihuahua"]
        );
        assert_eq!(
            ids("OAXACA, Oax. 25 de noviembre de 2024.- La caravana se dividió."),
            vec!["oaxaca"]
        );
        // "Puebla" in a sentence that names Chiapas is not a village Puebla of Chiapas
        assert!(
            ids("La caravana que partió de Chiapas avanzó desde Puebla hasta la Ciudad de México.")
                .iter()
                .all(|id| id == "puebla" || id == "mexico-city")
        );
    }

    #[test]
    fn names_written_without_de_or_without_their_article() {
        assert_eq!(
            ids("Quieren llegar a Ciudad México para pedir refugio."),
            vec!["mexico-city"]
        );
        assert_eq!(
            ids("Los migrantes ingresaron a Corazones, Oaxaca, al mediodía."),
            vec!["los-corazones"]
        );
    }

    #[test]
    fn washington_after_in_is_the_city() {
        assert_eq!(ids("They met in Washington on Monday."), vec!["washington"]);
        assert!(ids("Mexico's president said Washington should help.").is_empty());
    }

    #[test]
    fn a_town_noun_picks_the_town_of_the_name_beside_the_sentences_place() {
        let g = Gazetteer::bundled();
        let found = extract(
            "The caravan heads to Mexico City.\n\nThey walked from Tapachula to the town of Alvaro Obregon.",
            &g,
        );
        let ao = found
            .iter()
            .find(|p| p.town.name == "Álvaro Obregón")
            .unwrap();
        assert_eq!(ao.town.admin1, "Chiapas");
        assert_eq!(
            ao.reason.to_string(),
            "13 km from Tapachula, named in the text"
        );
    }

    #[test]
    fn a_village_beside_a_caravan_highway_in_a_country_named_is_a_place() {
        // no place near it, but Vado Hondo lies on CA-10 in the country the story names
        let text = "Soldiers blocked the group on the highway in Vado Hondo.\n\
                    The migrants had entered Guatemala on Friday.";
        assert_eq!(ids(text), vec!["vado-hondo"]);
        let g = Gazetteer::bundled();
        assert_eq!(
            extract(text, &g)[0].reason.to_string(),
            "beside highway CA-10, a caravan route, in a country named"
        );
        // without the country, or outside a place's slot, it is not read
        assert!(ids("Soldiers blocked the group on the highway in Vado Hondo.").is_empty());
        assert!(ids("Vado Hondo was quiet. The migrants had entered Guatemala.").is_empty());
        // three villages are called Analco: the one beside a highway (CA-2, El Salvador)
        assert_eq!(
            ids("They left El Salvador for Mexico. Police stopped them in Analco."),
            vec!["analco"]
        );
        // ... but one of fourteen San Pedros on a highway is no evidence (in a story of
        // Honduras the name is San Pedro Sula's short form, not a roadside village)
        assert!(
            ids("They left Guatemala for Mexico. They met at the bus station in San Pedro.")
                .is_empty()
        );
        assert_eq!(
            ids("They left Honduras for Mexico. They met at the bus station in San Pedro."),
            vec!["san-pedro-sula"]
        );
        // a village off the highways is not read on the corridor's word
        assert!(ids("Police stopped them in Chuarrancho. They had entered Guatemala.").is_empty());
    }

    #[test]
    fn aldea_caserio_and_hamlet_are_town_nouns() {
        assert_eq!(
            ids("La policía instaló un retén en la Aldea Vado Hondo."),
            vec!["vado-hondo"]
        );
        assert_eq!(
            ids("Los migrantes durmieron en el caserío Vado Hondo."),
            vec!["vado-hondo"]
        );
        assert_eq!(
            ids("They slept in the hamlet of Vado Hondo."),
            vec!["vado-hondo"]
        );
    }

    #[test]
    fn one_slip_in_a_long_name_and_a_misspelt_tail_in_a_places_slot() {
        // two letters swapped in a long name: as sure as the name, with no place near it
        assert_eq!(
            ids("Murieron en un centro de detención en Cuidad Juarez."),
            vec!["ciudad-juarez"]
        );
        // the last word of a long name misspelt after its right first words
        assert_eq!(
            ids("La caravana espera llegar a San Pedro Tapanatepe el martes."),
            vec!["san-pedro-tapanatepec"]
        );
        // two slips need a place near it, and outside a place's slot nothing is read
        assert!(ids("Murieron en un centro de detención en Cuidad Juares.").is_empty());
        assert!(ids("Cuidad Juarez es grande.").is_empty());
    }

    #[test]
    fn plural_town_nouns_and_a_country_before_city() {
        assert_eq!(
            ids("A Caravan Headed For The Border Cities Piedras Negras And Nuevo Laredo."),
            vec!["piedras-negras", "nuevo-laredo"]
        );
        assert!(ids("La caravana va cruzando municipios de Oaxaca.").is_empty());
        assert!(ids("Migrants left this northern Honduras city on foot.").is_empty());
    }
    #[test]
    fn a_country_or_state_adjective_beside_a_town_noun_picks_the_town() {
        assert_eq!(
            ids("The migrants reached the Mexican town of Escuintla."),
            vec!["escuintla-mx"]
        );
        assert_eq!(
            ids("Los migrantes llegaron al municipio chiapaneco de Escuintla."),
            vec!["escuintla-mx"]
        );
        assert_ne!(
            ids("Los migrantes llegaron a la ciudad guatemalteca de Escuintla."),
            vec!["escuintla-mx"]
        );
    }

    #[test]
    fn a_town_named_by_a_common_word_counts_only_in_a_places_slot() {
        assert!(ids("El Progreso de la caravana fue lento esta semana.").is_empty());
        assert!(ids("La Esperanza de los migrantes es llegar al norte.").is_empty());
        assert!(ids("Dijo que la Reforma migratoria llegará pronto.").is_empty());
        assert!(ids("Victoria de los migrantes: el juez falló a su favor.").is_empty());
        assert_eq!(
            ids("Los migrantes salieron de El Progreso rumbo a San Pedro Sula."),
            vec!["el-progreso", "san-pedro-sula"]
        );
        assert_eq!(
            ids("El Progreso, Yoro, despidió a la caravana."),
            vec!["el-progreso"]
        );
        assert_eq!(
            ids("They came from El Progreso in Honduras."),
            vec!["el-progreso"]
        );
    }

    #[test]
    fn names_the_press_writes_for_a_place_another_row_carries() {
        // the municipality's name for its seat, chosen by the state named
        assert_eq!(
            ids("Los migrantes entraron al estado de Chihuahua y descansan en Jiménez."),
            vec!["jose-mariano-jimenez"]
        );
        // the plural the Spanish press writes for the Honduran post
        assert_eq!(
            ids(
                "La policía detuvo a la caravana en Aguas Calientes, en la frontera de Honduras con Guatemala."
            ),
            vec!["agua-caliente"]
        );
    }

    #[test]
    fn an_adverb_or_determiner_opening_a_sentence_is_no_given_name() {
        assert_eq!(
            ids("Meanwhile Tapachula struggled to house them. Now Tijuana waits."),
            vec!["tapachula", "tijuana"]
        );
        assert_eq!(
            ids(
                "Despite Tijuana's efforts, shelters flooded. Throughout Tapachula, police waited."
            ),
            vec!["tijuana", "tapachula"]
        );
        // a given name before a town's name still makes a person ("Alberto Cárdenas said")
        assert!(ids("Alberto Tapachula said so.").is_empty());
    }

    #[test]
    fn a_lower_case_office_after_a_towns_name_is_in_the_town() {
        assert_eq!(
            ids("Hundreds queued outside the Tapachula office of the refugee agency."),
            vec!["tapachula"]
        );
        assert_eq!(ids("A Tijuana church opened its doors."), vec!["tijuana"]);
        // capitalised, it is an organisation's own name
        assert!(ids("The Washington Office on Latin America tracked the group.").is_empty());
        assert!(ids("A reporter of the Washington Post wrote it.").is_empty());
    }

    #[test]
    fn a_town_noun_in_apposition_marks_a_village() {
        assert_eq!(
            ids("From Tapachula they walked to Alvaro Obregon, a village on the coastal highway."),
            vec!["tapachula", "alvaro-obregon-chiapas-3532958"]
        );
        // after a state's name the apposition is its town's
        assert_eq!(
            ids("They stopped in Juchitán, Oaxaca, a town in southern Mexico."),
            vec!["heroica-ciudad-de-juchitan-de-zaragoza"]
        );
    }

    #[test]
    fn a_big_city_keeps_its_name_beside_a_state_of_another_country() {
        assert_eq!(
            ids("Volunteers drive to Laredo and Reynosa, Texas, next week."),
            vec!["laredo", "reynosa"]
        );
        // a small town's name with another country's state is another place
        assert!(ids("They settled in Pijijiapan, California, years ago.").is_empty());
    }

    #[test]
    fn places_listed_after_including_are_in_a_places_slot() {
        assert_eq!(
            ids("Texas troopers patrol three border areas, including Mission."),
            vec!["mission"]
        );
        assert!(ids("Three areas patrolled by troopers, including Mission.").is_empty());
    }

    #[test]
    fn roads_rivers_provinces_and_a_short_form_before_another_name_are_not_towns() {
        // both ends of a road's own name, whatever the case of the road word
        assert!(ids("Bloquearon la carretera Tapachula-Arriaga.").is_empty());
        assert!(ids("El tráfico en la autopista México-Puebla era lento.").is_empty());
        // ... but a stretch between two towns names them
        assert_eq!(
            ids("Caminaron por el tramo carretero Villa Comaltitlán-Huixtla."),
            vec!["villa-comaltitlan", "huixtla"]
        );
        assert!(ids("Cruzaron los ríos Suchiate y Usumacinta.").is_empty());
        assert!(ids("Viven en la provincia de Santa Bárbara, en Honduras.").is_empty());
        // "Puente" (of Puente de Ixtla) followed by another name is that name
        assert!(ids("Los policías esperaban a la altura del Puente de la Concordia.").is_empty());
    }

    #[test]
    fn a_lower_case_ciudad_before_a_countrys_name_is_its_capital() {
        assert_eq!(
            ids("Los carriles que van hacia la ciudad de México estaban cerrados."),
            vec!["mexico-city"]
        );
    }

    #[test]
    fn a_datelines_village_needs_a_place_near_it() {
        assert_eq!(
            ids("MADRID, 10 (EUROPA PRESS)\nLa caravana salió de San Pedro Sula."),
            vec!["san-pedro-sula"]
        );
        // a major town of a person's name is read in a dateline as before
        assert_eq!(
            ids("Washington/Tapachula — Officials met on Monday."),
            vec!["washington", "tapachula"]
        );
    }

    #[test]
    fn two_letters_swapped_and_a_name_the_article_decides_later() {
        assert_eq!(
            ids("Salieron de Juchitán hacia Ixetpec el lunes."),
            vec!["heroica-ciudad-de-juchitan-de-zaragoza", "ixtepec"]
        );
        let g = Gazetteer::bundled();
        let found = extract("Llegaron a Ixtepec.\nSubieron al tren en Ixetpec.\n", &g);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].town.id, "ixtepec");
        assert_eq!(found[0].count, 2);
        // one letter off and a swap are not read without a place's slot
        assert!(ids("Ixetpec es un nombre.").is_empty());
    }

    #[test]
    fn an_upper_case_dateline_after_a_byline_is_a_place() {
        assert_eq!(
            ids("By Maria Lopez, Associated Press TAPACHULA, Mexico — Migrants left."),
            vec!["tapachula"]
        );
        assert!(ids("Alberto Tapachula said so.").is_empty());
    }

    #[test]
    fn a_short_form_before_its_towns_police_or_mayor_is_in_a_places_slot() {
        assert_eq!(
            ids(
                "EL PASO, Texas — Migrants crossed.\nJuarez police detained dozens.\nThe Juarez mayor asked for help."
            ),
            vec!["el-paso", "ciudad-juarez"]
        );
        let g = Gazetteer::bundled();
        let found = extract(
            "EL PASO, Texas — Migrants crossed.\nJuarez police detained dozens.\nThe Juarez mayor asked for help.",
            &g,
        );
        assert_eq!(found[1].lines(), vec![2, 3]);
        // with no place near it, the short form is still not read
        assert!(ids("Juarez police detained dozens.").is_empty());
    }

    #[test]
    fn an_institution_named_after_a_town_elsewhere_is_not_a_place() {
        // a university of another city, quoted in a story from Tijuana
        assert_eq!(
            ids(
                "Una investigadora de la Universidad de Guadalajara dijo que la caravana llegó a Tijuana."
            ),
            vec!["tijuana"]
        );
        // ... and of the city the story is in
        assert_eq!(
            ids(
                "La caravana llegó a Guadalajara. Una investigadora de la Universidad de Guadalajara la recibió."
            ),
            vec!["guadalajara"]
        );
        // a hospital named after the town it is in, near the story's places
        assert_eq!(
            ids("Caminó desde Huixtla y fue atendida en el Hospital General de Tapachula."),
            vec!["huixtla", "tapachula"]
        );
        // ... named before the place near it
        assert_eq!(
            ids("Fue atendida en el Hospital General de Tapachula. Había caminado desde Huixtla."),
            vec!["tapachula", "huixtla"]
        );
        // an office's long name in its town (the labelling guide's example)
        assert_eq!(
            ids(
                "Los migrantes cruzaron a El Paso, dijo la Dirección de Derechos Humanos de Ciudad Juárez."
            ),
            vec!["el-paso", "ciudad-juarez"]
        );
    }

    #[test]
    fn an_outlet_named_after_a_town_is_not_a_place() {
        assert_eq!(
            ids("Un reportero del Diario de Juárez vio a los migrantes en El Paso."),
            vec!["el-paso"]
        );
        assert_eq!(
            ids("Diario de Juárez informó que los migrantes llegaron a El Paso."),
            vec!["el-paso"]
        );
        assert_eq!(
            ids("Según El Sol de Tijuana, la caravana salió de Mexicali."),
            vec!["mexicali"]
        );
    }

    #[test]
    fn a_venue_named_after_its_town_is_in_the_town_where_the_article_is() {
        assert_eq!(
            ids("Durmieron en la Arena Córdoba, en el centro del estado de Veracruz."),
            vec!["cordoba"]
        );
        // a venue of another city, in a story from Tapachula
        assert_eq!(
            ids(
                "En Tapachula, los migrantes vieron por televisión un partido en el Estadio Tijuana."
            ),
            vec!["tapachula"]
        );
        // a venue of a person's name
        assert!(ids("Durmieron en el auditorio Benito Juárez.").is_empty());
    }

    #[test]
    fn a_numbered_zona_of_guatemala_is_the_capital() {
        assert_eq!(
            ids("La familia vivía en la zona 18 de Guatemala antes de salir."),
            vec!["guatemala-city"]
        );
        assert!(ids("La familia salió de Guatemala.").is_empty());
    }

    #[test]
    fn us_destination_cities_are_places_and_risky_names_need_their_state() {
        assert_eq!(
            ids("Migrants said they hoped to reach Denver, Colorado, or Chicago."),
            vec!["denver", "chicago"]
        );
        assert_eq!(
            ids("They want to reach New York, where relatives wait."),
            vec!["new-york-city"]
        );
        assert!(ids("The New York Times reported it. In the state of New York, too.").is_empty());
        // a given name or a Spanish word is a city only with its state
        assert_eq!(ids("She moved to Lincoln, Nebraska."), vec!["lincoln-us"]);
        assert!(ids("President Lincoln spoke. Pueblo Sin Fronteras organised it.").is_empty());
    }

    #[test]
    fn a_big_citys_short_form_in_text_about_its_country() {
        // "San Pedro" is San Pedro Sula where Honduras is named, in a place's slot
        assert_eq!(
            ids("En Honduras, la caravana salió de San Pedro al amanecer."),
            vec!["san-pedro-sula"]
        );
        // ... or where the article named a Honduran place before
        assert_eq!(
            ids(
                "Partieron de Tegucigalpa el lunes.\nOtro grupo se reunió en la terminal de San Pedro."
            ),
            vec!["tegucigalpa", "san-pedro-sula"]
        );
        // "Progreso" without its article is El Progreso, Yoro, beside Honduras
        assert_eq!(
            ids("Los hondureños que salieron de Progreso, en Honduras, caminaron de noche."),
            vec!["el-progreso"]
        );
        // no Honduran context: the villages keep the name, and need their own evidence
        assert!(ids("Los migrantes se reunieron en San Pedro el lunes.").is_empty());
        // a state of another country named with it keeps the village
        assert_eq!(
            ids("En Honduras empezó todo. Luego pasaron por San Pedro, en Chiapas."),
            vec!["san-pedro-chiapas-3517966"]
        );
        // outside a place's slot a short form is not read
        assert!(ids("En Honduras, San Pedro dijo que seguirán.").is_empty());
    }

    #[test]
    fn another_towns_state_does_not_swap_a_big_city_for_a_village() {
        assert_eq!(
            ids("Far to the west of Laredo, Texas, lies the crossing from Tijuana to San Diego."),
            vec!["laredo", "tijuana", "san-diego"]
        );
        // its own state after a comma, or a state alone in the sentence, still decides
        assert_eq!(
            ids("They stopped in San Diego, Texas."),
            vec!["san-diego-texas"]
        );
        assert_eq!(
            ids("In Texas, the families rested in San Diego and Alice."),
            vec!["san-diego-texas", "alice"]
        );
    }

    #[test]
    fn an_unnamed_place_of_a_state_is_in_the_state() {
        for text in [
            "They did not want to stay in this community of Oaxaca.",
            "Migrants kept arriving in a small town of Veracruz.",
            "Durmieron en un municipio de Puebla.",
        ] {
            assert!(ids(text).is_empty(), "{text}: {:?}", ids(text));
        }
        // a named town noun still names the town
        assert_eq!(ids("They reached the city of Oaxaca."), vec!["oaxaca"]);
        assert_eq!(ids("Llegaron a la ciudad de Puebla."), vec!["puebla"]);
    }

    #[test]
    fn a_states_name_then_capital_is_its_city() {
        assert_eq!(
            ids("Un grupo siguió hacia Oaxaca capital en autobuses."),
            vec!["oaxaca"]
        );
        assert_eq!(
            ids("Los camiones llegaron a Chihuahua capital de madrugada."),
            vec!["chihuahua"]
        );
        // "la capital de Oaxaca" names the state; a state whose capital has another name
        // stays the state
        assert!(ids("Enfilaron hacia la capital de Oaxaca.").is_empty());
        assert!(ids("Llegaron a Chiapas capital del café.").is_empty());
    }

    #[test]
    fn names_the_press_writes_that_geonames_spells_otherwise() {
        assert_eq!(
            ids("Caminaron desde Puerto Cortés hasta Omoa."),
            vec!["puerto-cortez", "omoa"]
        );
        assert_eq!(
            ids("La caravana pasó por Xela rumbo a la frontera."),
            vec!["quetzaltenango"]
        );
    }

    #[test]
    fn a_saints_name_before_a_town_kept_without_it_is_that_town() {
        assert_eq!(
            ids("They slept in San Francisco Chahuites before walking on."),
            vec!["chahuites"]
        );
        assert_eq!(
            ids("They walked from Tapachula to Santo Domingo Ixtepec."),
            vec!["tapachula", "ixtepec"]
        );
        // a name the gazetteer has in full, and a saint's name alone, as before
        assert_eq!(
            ids("They left San Pedro Sula at dawn."),
            vec!["san-pedro-sula"]
        );
        assert_eq!(
            ids("Relatives wait in San Francisco, California."),
            vec!["san-francisco"]
        );
    }
}
