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

/// Squared chord distance between two unit vectors.
fn d2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)
}

/// Chord distance between two positions' unit vectors: the measure the index ranks by.
pub fn chord(a: LonLat, b: LonLat) -> f64 {
    d2(&unit(a), &unit(b)).sqrt()
}

impl SpatialIndex {
    /// An index of the given towns: each position with the town's index in the table.
    pub fn new(coords: impl Iterator<Item = (usize, LonLat)>) -> Self {
        let entries = coords.map(|(i, c)| Entry::new(unit(c), i)).collect();
        Self {
            tree: RTree::bulk_load(entries),
        }
    }

    /// [`SpatialIndex::nearest`] with its margin: the nearest town's index, the chord
    /// distance to it and the chord distance to the next nearest town (equal to the first on
    /// a tie; infinite if there is no other town). A point `q` whose chord distance to the
    /// town is below the runner-up's minus the chord from `p` to `q` has that town, alone,
    /// as its nearest (the triangle inequality), with no search.
    pub fn nearest_with_margin(&self, p: LonLat) -> Option<(usize, f64, f64)> {
        let q = unit(p);
        let mut towns = self.tree.nearest_neighbor_iter(&q);
        let first = towns.next()?;
        let best = d2(first.geom(), &q);
        let mut lowest = first.data;
        let mut runner_up = f64::INFINITY;
        for e in towns {
            let d = d2(e.geom(), &q);
            if d <= best {
                lowest = lowest.min(e.data);
                runner_up = best;
            } else {
                runner_up = runner_up.min(d);
                break;
            }
        }
        Some((lowest, best.sqrt(), runner_up.sqrt()))
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
