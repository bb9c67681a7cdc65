//! States, departments and countries: names that are context, not stops.
//!
//! A state named near a town decides among same-name towns ("Tonalá, Chiapas"); a state's
//! name in "estado de Oaxaca" or "Oaxaca state" is the state, not its capital. The table
//! lists the first-level divisions of the corridor countries (as GeoNames spells them in
//! `admin1`, plus the other ways the press writes them) and the US states, so a US state's
//! name is never read as a Mexican village of that name ("Texas", "Florida").

use crate::gazetteer::fold;

/// A first-level division: state (Mexico, US) or department (Central America).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// As in the gazetteer's `admin1` column.
    pub admin1: &'static str,
    /// ISO 3166-1 alpha-2 code of its country ("MX").
    pub country_code: &'static str,
    /// Whether the bare name, with no "state"/"city" marker, means the region. Mexican
    /// states whose capital shares the name are written bare for the state ("hacia Oaxaca");
    /// Central American departments bare mean the town ("Chiquimula").
    pub bare_means_region: bool,
}

macro_rules! r {
    ($a:expr, $c:expr, $b:expr) => {
        Region {
            admin1: $a,
            country_code: $c,
            bare_means_region: $b,
        }
    };
}

/// (region, other spellings)
const REGIONS: &[(Region, &[&str])] = &[
    (r!("Aguascalientes", "MX", false), &["Ags"]),
    (r!("Baja California", "MX", true), &["BC", "B C"]),
    (r!("Baja California Sur", "MX", true), &["BCS"]),
    (r!("Campeche", "MX", true), &[]),
    (r!("Chiapas", "MX", true), &["Chis"]),
    (r!("Chihuahua", "MX", true), &["Chih"]),
    (
        r!("Coahuila", "MX", true),
        &["Coahuila de Zaragoza", "Coah"],
    ),
    (r!("Colima", "MX", true), &[]),
    (r!("Durango", "MX", true), &["Dgo"]),
    (r!("Guanajuato", "MX", true), &["Gto"]),
    (r!("Guerrero", "MX", true), &["Gro"]),
    (r!("Hidalgo", "MX", true), &["Hgo"]),
    (r!("Jalisco", "MX", true), &["Jal"]),
    (
        r!("México", "MX", true),
        &[
            "Estado de México",
            "State of Mexico",
            "Mexico State",
            "Edomex",
        ],
    ),
    (
        r!("Michoacán", "MX", true),
        &["Michoacán de Ocampo", "Mich"],
    ),
    (r!("Morelos", "MX", true), &[]),
    (r!("Nayarit", "MX", true), &["Nay"]),
    (r!("Nuevo León", "MX", true), &["NL", "N L"]),
    (r!("Oaxaca", "MX", true), &["Oax"]),
    (r!("Puebla", "MX", false), &["Pue"]),
    (r!("Querétaro", "MX", false), &["Qro"]),
    (r!("Quintana Roo", "MX", true), &[]),
    (r!("San Luis Potosí", "MX", false), &["SLP"]),
    (r!("Sinaloa", "MX", true), &[]),
    (r!("Sonora", "MX", true), &[]),
    (r!("Tabasco", "MX", true), &["Tab"]),
    (r!("Tamaulipas", "MX", true), &["Tamps"]),
    (r!("Tlaxcala", "MX", true), &["Tlax"]),
    (
        r!("Veracruz", "MX", true),
        &["Veracruz de Ignacio de la Llave", "Veracruz-Llave", "Ver"],
    ),
    (r!("Yucatán", "MX", true), &["Yuc"]),
    (r!("Zacatecas", "MX", true), &["Zac"]),
    // Guatemala
    (r!("Alta Verapaz", "GT", true), &[]),
    (r!("Baja Verapaz", "GT", true), &[]),
    (r!("Chimaltenango", "GT", false), &[]),
    (r!("Guatemala", "GT", false), &[]),
    (r!("Chiquimula", "GT", false), &[]),
    (r!("El Progreso", "GT", false), &[]),
    (r!("Escuintla", "GT", false), &[]),
    (r!("Huehuetenango", "GT", false), &[]),
    (r!("Izabal", "GT", true), &[]),
    (r!("Jalapa", "GT", false), &[]),
    (r!("Jutiapa", "GT", false), &[]),
    (r!("Petén", "GT", true), &["El Petén"]),
    (r!("Quetzaltenango", "GT", false), &["Xela"]),
    (r!("Quiché", "GT", true), &["El Quiché"]),
    (r!("Retalhuleu", "GT", false), &[]),
    (r!("Sacatepéquez", "GT", true), &[]),
    (r!("San Marcos", "GT", false), &[]),
    (r!("Santa Rosa", "GT", false), &[]),
    (r!("Sololá", "GT", false), &[]),
    (r!("Suchitepéquez", "GT", true), &[]),
    (r!("Totonicapán", "GT", false), &[]),
    (r!("Zacapa", "GT", false), &[]),
    // Honduras
    (r!("Atlántida", "HN", true), &[]),
    (r!("Choluteca", "HN", false), &[]),
    (r!("Colón", "HN", true), &[]),
    (r!("Comayagua", "HN", false), &[]),
    (r!("Copán", "HN", true), &[]),
    (r!("Cortés", "HN", true), &[]),
    (r!("El Paraíso", "HN", false), &[]),
    (r!("Francisco Morazán", "HN", true), &[]),
    (r!("Gracias a Dios", "HN", true), &[]),
    (r!("Intibucá", "HN", false), &[]),
    (r!("Islas de la Bahía", "HN", true), &["Bay Islands"]),
    (r!("La Paz", "HN", false), &[]),
    (r!("Lempira", "HN", true), &[]),
    (r!("Ocotepeque", "HN", false), &[]),
    (r!("Olancho", "HN", true), &[]),
    (r!("Santa Bárbara", "HN", false), &[]),
    (r!("Valle", "HN", true), &[]),
    (r!("Yoro", "HN", false), &[]),
    // El Salvador
    (r!("Ahuachapán", "SV", false), &[]),
    (r!("Cabañas", "SV", true), &[]),
    (r!("Chalatenango", "SV", false), &[]),
    (r!("Cuscatlán", "SV", true), &[]),
    (r!("La Libertad", "SV", false), &[]),
    (r!("La Paz", "SV", false), &[]),
    (r!("La Unión", "SV", false), &[]),
    (r!("Morazán", "SV", true), &[]),
    (r!("San Miguel", "SV", false), &[]),
    (r!("San Salvador", "SV", false), &[]),
    (r!("San Vicente", "SV", false), &[]),
    (r!("Santa Ana", "SV", false), &[]),
    (r!("Sonsonate", "SV", false), &[]),
    (r!("Usulután", "SV", false), &[]),
    // Nicaragua
    (r!("Boaco", "NI", false), &[]),
    (r!("Carazo", "NI", true), &[]),
    (r!("Chinandega", "NI", false), &[]),
    (r!("Chontales", "NI", true), &[]),
    (r!("Estelí", "NI", false), &[]),
    (r!("Granada", "NI", false), &[]),
    (r!("Jinotega", "NI", false), &[]),
    (r!("León", "NI", false), &[]),
    (r!("Madriz", "NI", true), &[]),
    (r!("Managua", "NI", false), &[]),
    (r!("Masaya", "NI", false), &[]),
    (r!("Matagalpa", "NI", false), &[]),
    (r!("Nueva Segovia", "NI", true), &[]),
    (r!("Rivas", "NI", false), &[]),
    (r!("Río San Juan", "NI", true), &[]),
    (r!("North Caribbean Coast", "NI", true), &["RACCN"]),
    (r!("South Caribbean Coast", "NI", true), &["RACCS"]),
    // Belize
    (r!("Belize", "BZ", false), &[]),
    (r!("Cayo", "BZ", true), &[]),
    (r!("Corozal", "BZ", false), &[]),
    (r!("Orange Walk", "BZ", false), &[]),
    (r!("Stann Creek", "BZ", true), &[]),
    (r!("Toledo", "BZ", true), &[]),
    // United States: every state, so none is read as a village of the same name.
    (r!("Alabama", "US", true), &[]),
    (r!("Alaska", "US", true), &[]),
    (r!("Arizona", "US", true), &[]),
    (r!("Arkansas", "US", true), &[]),
    (r!("California", "US", true), &[]),
    (r!("Colorado", "US", true), &[]),
    (r!("Connecticut", "US", true), &[]),
    (r!("Delaware", "US", true), &[]),
    (r!("Florida", "US", true), &[]),
    (r!("Georgia", "US", true), &[]),
    (r!("Hawaii", "US", true), &[]),
    (r!("Idaho", "US", true), &[]),
    (r!("Illinois", "US", true), &[]),
    (r!("Indiana", "US", true), &[]),
    (r!("Iowa", "US", true), &[]),
    (r!("Kansas", "US", true), &[]),
    (r!("Kentucky", "US", true), &[]),
    (r!("Louisiana", "US", true), &["Luisiana"]),
    (r!("Maine", "US", true), &[]),
    (r!("Maryland", "US", true), &[]),
    (r!("Massachusetts", "US", true), &[]),
    (r!("Michigan", "US", true), &[]),
    (r!("Minnesota", "US", true), &[]),
    (r!("Mississippi", "US", true), &[]),
    (r!("Missouri", "US", true), &[]),
    (r!("Montana", "US", true), &[]),
    (r!("Nebraska", "US", true), &[]),
    (r!("Nevada", "US", true), &[]),
    (r!("New Hampshire", "US", true), &[]),
    (r!("New Jersey", "US", true), &["Nueva Jersey"]),
    (
        r!("New Mexico", "US", true),
        &["Nuevo México", "Nuevo Mexico"],
    ),
    (r!("New York", "US", false), &["Nueva York"]),
    (r!("North Carolina", "US", true), &["Carolina del Norte"]),
    (r!("North Dakota", "US", true), &[]),
    (r!("Ohio", "US", true), &[]),
    (r!("Oklahoma", "US", true), &[]),
    (r!("Oregon", "US", true), &[]),
    (r!("Pennsylvania", "US", true), &["Pensilvania"]),
    (r!("Rhode Island", "US", true), &[]),
    (r!("South Carolina", "US", true), &["Carolina del Sur"]),
    (r!("South Dakota", "US", true), &[]),
    (r!("Tennessee", "US", true), &[]),
    (r!("Texas", "US", true), &["Tejas"]),
    (r!("Utah", "US", true), &[]),
    (r!("Vermont", "US", true), &[]),
    (r!("Virginia", "US", true), &[]),
    (r!("Washington", "US", false), &[]),
    (r!("West Virginia", "US", true), &[]),
    (r!("Wisconsin", "US", true), &[]),
    (r!("Wyoming", "US", true), &[]),
];

/// Countries as the press names them (English and Spanish), with ISO codes; code "" for
/// larger regions.
const COUNTRIES: &[(&str, &[&str])] = &[
    ("MX", &["Mexico", "México", "Méjico"]),
    ("GT", &["Guatemala"]),
    ("HN", &["Honduras"]),
    ("SV", &["El Salvador"]),
    ("NI", &["Nicaragua"]),
    ("BZ", &["Belize", "Belice"]),
    ("CR", &["Costa Rica"]),
    ("PA", &["Panama", "Panamá"]),
    (
        "US",
        &[
            "United States",
            "United States of America",
            "USA",
            "US",
            "U S",
            "U S A",
            "Estados Unidos",
            "EEUU",
            "EE UU",
            "America",
        ],
    ),
    ("CA", &["Canada", "Canadá"]),
    ("CU", &["Cuba"]),
    ("HT", &["Haiti", "Haití"]),
    ("VE", &["Venezuela"]),
    ("CO", &["Colombia"]),
    ("EC", &["Ecuador"]),
    ("PE", &["Peru", "Perú"]),
    ("CL", &["Chile"]),
    ("BR", &["Brazil", "Brasil"]),
    ("AR", &["Argentina"]),
    ("BO", &["Bolivia"]),
    ("DO", &["Dominican Republic", "República Dominicana"]),
    ("ES", &["Spain", "España"]),
    ("CN", &["China"]),
    ("IN", &["India"]),
    ("RU", &["Russia", "Rusia"]),
    ("UA", &["Ukraine", "Ucrania"]),
    ("SN", &["Senegal"]),
    ("CM", &["Cameroon", "Camerún"]),
    ("AO", &["Angola"]),
    ("CD", &["Congo"]),
    ("GH", &["Ghana"]),
    ("BD", &["Bangladesh"]),
    ("NP", &["Nepal"]),
    ("AF", &["Afghanistan", "Afganistán"]),
    ("UZ", &["Uzbekistan", "Uzbekistán"]),
    ("JM", &["Jamaica"]),
    // Regions larger than a country: neither a town nor context.
    (
        "",
        &[
            "Central America",
            "Centroamérica",
            "Centro América",
            "Latin America",
            "Latinoamérica",
            "América Latina",
            "North America",
            "Norteamérica",
            "South America",
            "Sudamérica",
            "Europe",
            "Europa",
            "Africa",
            "África",
            "Asia",
        ],
    ),
];

/// What a folded name can be besides a town.
#[derive(Debug, Clone, Default)]
pub(crate) struct NonTown {
    /// Regions of this name (La Paz is a department in Honduras and in El Salvador).
    pub regions: Vec<Region>,
    pub country_code: Option<&'static str>,
}

/// Whether a folded name is a country's ("honduras", "estados unidos").
pub(crate) fn is_country_name(key: &str) -> bool {
    static FOLDED: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    FOLDED
        .get_or_init(|| {
            COUNTRIES
                .iter()
                .filter(|(code, _)| !code.is_empty())
                .flat_map(|(_, names)| names.iter().map(|n| fold(n)))
                .collect()
        })
        .contains(key)
}

/// Every folded region and country name with what it names.
pub(crate) fn non_town_names() -> Vec<(String, NonTown)> {
    let mut out: std::collections::HashMap<String, NonTown> = std::collections::HashMap::new();
    for (region, others) in REGIONS {
        for name in std::iter::once(&region.admin1).chain(others.iter()) {
            out.entry(fold(name)).or_default().regions.push(*region);
        }
    }
    for (code, names) in COUNTRIES {
        for name in *names {
            out.entry(fold(name)).or_default().country_code = Some(code);
        }
    }
    let mut v: Vec<_> = out.into_iter().collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_match_the_gazetteer_spelling() {
        let g = crate::gazetteer::Gazetteer::bundled();
        let admin1: std::collections::HashSet<(&str, &str)> = g
            .towns()
            .iter()
            .map(|t| (t.admin1.as_str(), t.country_code.as_str()))
            .collect();
        // every corridor admin1 that the gazetteer uses is in the table
        for (a, c) in admin1 {
            if ["MX", "GT", "HN", "SV", "NI", "BZ"].contains(&c) && a != "Mexico City" {
                assert!(
                    REGIONS
                        .iter()
                        .any(|(r, _)| r.admin1 == a && r.country_code == c),
                    "{a}, {c} missing"
                );
            }
        }
    }
}
