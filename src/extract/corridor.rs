//! The caravan corridor: places beside the highways caravans walk and ride.
//!
//! `data/corridor_towns.csv` (written by `data/corridor.py` from the gazetteer and
//! `data/roads/highways.csv`) lists every place of Mexico, Guatemala, Honduras and El Salvador
//! within a few km of a highway leg, with the highway and the distance. A village there,
//! named in a place's slot, is far more likely what a caravan story means than a village of
//! the same name elsewhere; [`super::places`] uses it as that prior.

use crate::gazetteer::Gazetteer;

/// The corridor table shipped inside the binary.
pub const BUNDLED_CORRIDOR_CSV: &str = include_str!("../../data/corridor_towns.csv");

/// A place beside a highway of the road network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Roadside {
    /// The highway's name as `data/roads/highways.csv` writes it (`CA-10`, `MEX 200`).
    pub highway: &'static str,
    /// Distance from the place to the highway's nearest straight leg, km.
    pub km: f32,
}

/// The roadside places of `gazetteer`, by gazetteer index (`None` off the corridor or for
/// a row the table does not know, as in a gazetteer of one's own).
pub fn roadside_places(gazetteer: &Gazetteer) -> Vec<Option<Roadside>> {
    let by_id: foldhash::HashMap<&'static str, Roadside> = BUNDLED_CORRIDOR_CSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.split(',');
            let (id, highway, km) = (cols.next()?, cols.next()?, cols.next()?);
            Some((
                id,
                Roadside {
                    highway,
                    km: km.parse().ok()?,
                },
            ))
        })
        .collect();
    gazetteer
        .towns()
        .iter()
        .map(|t| by_id.get(t.id.as_str()).copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roads::RoadNetwork;

    #[test]
    fn every_row_is_a_corridor_place_of_the_bundled_tables() {
        let g = Gazetteer::bundled();
        let highways: std::collections::HashSet<&str> = RoadNetwork::bundled()
            .legs()
            .map(|(_, _, leg)| leg.highway.as_str())
            .collect();
        let rows = BUNDLED_CORRIDOR_CSV.lines().skip(1).count();
        let places = roadside_places(&g);
        assert_eq!(
            places.iter().flatten().count(),
            rows,
            "every id is a gazetteer row"
        );
        for (t, r) in g.towns().iter().zip(&places) {
            let Some(r) = r else { continue };
            assert!(
                ["MX", "GT", "HN", "SV"].contains(&t.country_code.as_str()),
                "{}",
                t.id
            );
            assert!(highways.contains(r.highway), "{}: {}", t.id, r.highway);
            assert!((0.0..=5.0).contains(&r.km), "{}: {} km", t.id, r.km);
        }
        // the police roadblock village of January 2021, beside CA-10
        let vado = g.towns().iter().position(|t| t.id == "vado-hondo").unwrap();
        assert_eq!(places[vado].map(|r| r.highway), Some("CA-10"));
    }
}
