//! The road network (issue 11): ad-hoc routes follow the highways over land, tracks follow
//! the route, the border crossings are known, and an island town is refused.

mod common;

use common::*;
use route_sim::gazetteer::{Borders, Gazetteer, LonLat};
use route_sim::roads::RoadNetwork;
use route_sim::route::Route;

fn route_of(names: &[&str]) -> Route {
    let g = Gazetteer::bundled();
    let towns = names
        .iter()
        .map(|n| g.lookup(n).unwrap_or_else(|e| panic!("{n}: {e}")).clone())
        .collect();
    Route::along_roads(towns, RoadNetwork::bundled(), None)
        .unwrap_or_else(|e| panic!("{names:?}: {e}"))
}

/// On land, or within `km` of it: the 1:50m borders are coarse on the coast and leave
/// lagoon towns such as Alvarado, Veracruz, up to ~12 km out at sea. A sea crossing (the
/// Gulf of California, the Gulf of Mexico) is still caught.
fn on_land_within(p: LonLat, km: f64) -> bool {
    let borders = Borders::bundled();
    let d = km / 111.0;
    std::iter::once((0.0, 0.0))
        .chain((0..16).map(|i| {
            let a = f64::from(i) * std::f64::consts::TAU / 16.0;
            (a.cos() * d / p.lat_deg.to_radians().cos(), a.sin() * d)
        }))
        .any(|(dx, dy)| {
            borders
                .country_at(LonLat::new(p.lon_deg + dx, p.lat_deg + dy))
                .is_some()
        })
}

const FAR_APART: [[&str; 2]; 3] = [
    ["Tapachula", "Tijuana"],
    ["San Pedro Sula", "Mexico City"],
    ["Tecún Umán", "Piedras Negras"],
];

#[test]
fn far_apart_routes_run_over_land_on_the_network_and_not_much_longer_than_the_geodesic() {
    let network = RoadNetwork::bundled();
    for names in FAR_APART {
        let route = route_of(&names);
        let (a, b) = (route.origin().coord, route.destination().coord);
        let ratio = route.length_km() / a.geodesic_km(b);
        assert!(
            (1.05..=1.6).contains(&ratio),
            "{names:?}: {:.0} km is {ratio:.2} times the geodesic",
            route.length_km()
        );
        assert!(route.line().len() > 10, "{names:?} is drawn along roads");
        for &(p, km) in route.line() {
            assert!(
                on_land_within(p, 15.0),
                "{names:?}: vertex at km {km:.0} {p:?} is at sea"
            );
            let (_, off_km) = network.nearest_node(p).expect("nodes");
            assert!(
                off_km < 2.0,
                "{names:?}: vertex {p:?} is {off_km:.1} km off the network"
            );
        }
        // every leg between vertices stays over land too (sampled every ~10 km)
        for pair in route.line().windows(2) {
            let ((a, a_km), (b, b_km)) = (pair[0], pair[1]);
            let steps = ((b_km - a_km) / 10.0).ceil().max(1.0) as u32;
            for k in 1..steps {
                let p = a.lerp(b, f64::from(k) / f64::from(steps));
                assert!(
                    on_land_within(p, 15.0),
                    "{names:?}: leg point {p:?} is at sea"
                );
            }
        }
    }
}

#[test]
fn tapachula_to_tijuana_follows_mexican_federal_highways() {
    let route = route_of(&["Tapachula", "Tijuana"]);
    assert!(
        route
            .highways()
            .iter()
            .all(|h| h.starts_with("MEX") || h == "border"),
        "{:?}",
        route.highways()
    );
    assert!(route.highways().iter().any(|h| h == "MEX 15"));
    // the straight line crosses the Gulf of California; the road goes round it
    let mid = route.position_at_km(route.length_km() * 0.8);
    assert!(on_land_within(mid, 3.0), "{mid:?}");
}

#[test]
fn every_bundled_route_is_joined_by_road() {
    let g = Gazetteer::bundled();
    for id in route_sim::scenario::bundled_ids() {
        let s = route_sim::scenario::load_bundled(id, &g)
            .expect("listed")
            .unwrap_or_else(|e| panic!("{e}"));
        let route = Route::of_scenario(&s).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(route.line().len() >= route.stops().len(), "{id}");
        for pair in route.stops().windows(2) {
            assert!(pair[1].km > pair[0].km, "{id}: km grow along the route");
        }
    }
}

#[test]
fn honduras_2018_road_km_are_within_the_reported_4000_to_5000() {
    let g = Gazetteer::bundled();
    let s = route_sim::scenario::load_bundled("honduras-oct2018", &g)
        .expect("bundled")
        .expect("valid");
    let route = Route::of_scenario(&s).expect("on the network");
    let (sps, tij) = (
        route.km_of_town("san-pedro-sula").expect("start"),
        route.km_of_town("tijuana").expect("end"),
    );
    let km = tij - sps;
    assert!((4000.0..=5000.0).contains(&km), "{km:.0} km");
}

#[test]
fn line_between_follows_the_vertices() {
    let route = route_of(&["Tapachula", "Tijuana"]);
    let part = route.line_between(100.0, 900.0);
    assert!(part.len() > 3);
    for pair in part.windows(2) {
        let mid = pair[0].lerp(pair[1], 0.5);
        let (_, off_km) = route.project(mid);
        assert!(
            off_km < 0.01,
            "chord midpoint {mid:?} is {off_km} km off the route"
        );
    }
    let back = route.line_between(900.0, 100.0);
    assert_eq!(back.first(), part.last());
}

#[test]
fn tracks_follow_the_route_between_camps_never_a_chord() {
    let dir = temp_dir();
    run_ok(
        &[
            "--route",
            "Tapachula;Tijuana",
            "--depart",
            "2021-09-04",
            "-q",
        ],
        dir.path(),
    );
    let line = route_line(dir.path());
    assert!(line.len() > 20, "route.geojson follows the roads");
    for f in read_feature_collection(&dir.path().join("tracks.geojson")) {
        let pts = lon_lats(&f["geometry"]);
        assert!(pts.len() > 2);
        for pair in pts.windows(2) {
            for t in [0.0, 0.25, 0.5, 0.75] {
                let p = [
                    pair[0][0] + (pair[1][0] - pair[0][0]) * t,
                    pair[0][1] + (pair[1][1] - pair[0][1]) * t,
                ];
                let off_km = distance_to_line_km(p, &line);
                assert!(
                    off_km < 0.5,
                    "track point {p:?} is {off_km:.2} km off the route"
                );
            }
        }
    }
}

#[test]
fn geocode_finds_each_border_crossing() {
    let g = Gazetteer::bundled();
    for name in [
        "Agua Caliente",
        "El Florido, Guatemala",
        "El Florido, Honduras",
        "La Mesilla",
        "El Ceibo, Guatemala",
        "El Ceibo, Mexico",
        "Corinto",
        "El Amatillo, Honduras",
        "El Amatillo, El Salvador",
        "Anguiatú, Guatemala",
        "Anguiatú, El Salvador",
        "San Cristóbal Frontera",
        "San Cristóbal, Santa Ana, El Salvador",
        "Las Chinamas",
        "Las Manos, Honduras",
        "Las Manos, Nicaragua",
        "El Guasaule",
        "Guasaule, Nicaragua",
        "La Hachadura",
        "Ciudad Pedro de Alvarado",
        "Talismán",
        "Ciudad Hidalgo, Chiapas",
        "Tecún Umán",
    ] {
        let t = g.lookup(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(t.kind, "border_crossing", "{name} is {}", t.kind);
        assert!(!t.source.is_empty());
        RoadNetwork::bundled()
            .reach(t)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn a_route_to_havana_is_refused_with_exit_2() {
    let dir = temp_dir();
    let out = route_sim()
        .args([
            "--route",
            "Tapachula;Havana",
            "--depart",
            "2021-09-04",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Havana") && stderr.contains("not reachable by road"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
