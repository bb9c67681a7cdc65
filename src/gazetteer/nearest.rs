//! The nearest town to a position, from an R-tree of unit vectors.

use super::LonLat;
use rstar::RTree;
use rstar::primitives::GeomWithData;

type Entry = GeomWithData<[f64; 3], usize>;

/// Towns as points on the unit sphere: the straight (chord) distance between two unit
/// vectors grows with the great-circle distance, so the nearest vector is the nearest town.
#[derive(Debug, Clone)]
pub struct SpatialIndex {
    tree: RTree<Entry>,
}

fn unit(p: LonLat) -> [f64; 3] {
    let (lat, lon) = (p.lat_deg.to_radians(), p.lon_deg.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

impl SpatialIndex {
    pub fn new(coords: impl Iterator<Item = LonLat>) -> Self {
        let entries = coords
            .enumerate()
            .map(|(i, c)| Entry::new(unit(c), i))
            .collect();
        Self {
            tree: RTree::bulk_load(entries),
        }
    }

    /// Index of the nearest town; ties go to the lower index.
    pub fn nearest(&self, p: LonLat) -> Option<usize> {
        let q = unit(p);
        let d2 = |e: &Entry| {
            let g = e.geom();
            (g[0] - q[0]).powi(2) + (g[1] - q[1]).powi(2) + (g[2] - q[2]).powi(2)
        };
        // One best-first search: its first town is a nearest one; towns at the same
        // distance follow it.
        let mut towns = self.tree.nearest_neighbor_iter(&q);
        let first = towns.next()?;
        let best = d2(first);
        // Equal distances: pick the lowest index so the answer does not depend on tree shape.
        Some(
            towns
                .take_while(|e| d2(e) <= best)
                .fold(first.data, |lowest, e| lowest.min(e.data)),
        )
    }
}
