//! Stage 1c: the bundled road network, and shortest paths on it between towns.
//!
//! The network is a graph whose nodes are towns on the numbered highways of the corridor
//! (CA-1 … CA-13, Mexico's federal highways, the US Interstates near the border) and whose
//! edges are the legs between consecutive towns of a highway, measured geodesically. It is
//! built by `data/roads/build_roads.py` from the ordered towns of each highway (public
//! facts) and the gazetteer's coordinates; see `data/roads/README.md`.
//!
//! Knows places (the gazetteer) but nothing of caravans or groups. Paths come from
//! petgraph's A* (with the geodesic distance to the goal as its admissible heuristic).

use crate::gazetteer::{LonLat, TableErrorKind, Town};
use petgraph::graph::{NodeIndex, UnGraph};
use rstar::RTree;
use rstar::primitives::GeomWithData;
use std::collections::HashMap;
use std::io::Read;

/// The bundled network: one row per town of each highway chain, in order.
pub const BUNDLED_HIGHWAYS_CSV: &str = include_str!("../../data/roads/highways.csv");

/// A town farther than this from every node of the network is not reachable by road (an
/// island such as Cuba, or a place outside the corridor).
pub const MAX_ACCESS_KM: f64 = 80.0;

/// A node: a town on at least one highway.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Gazetteer id of the town at this node.
    pub town_id: String,
    /// Position as the highways table gives it.
    pub coord: LonLat,
}

/// A road leg between two consecutive towns of a highway.
#[derive(Debug, Clone, PartialEq)]
pub struct Leg {
    /// Highway name as in `highways.csv` ("CA-2").
    pub highway: String,
    /// Geodesic km between the two towns (the leg's length on the network).
    pub km: f64,
}

/// A malformed network table: where (file, line, column), what sort of mistake, and what.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: line {line}, field `{field}`: {message}")]
pub struct NetworkError {
    /// Name of the table as the caller passed it (a path), for the message.
    pub source_name: String,
    /// 1-based line of the offending row.
    pub line: u64,
    /// Column whose value is wrong (`(record)` for a row that is not CSV of the table's
    /// shape, `lon/lat` for a position off the globe).
    pub field: &'static str,
    /// What sort of mistake it is, for programs that handle it.
    pub kind: TableErrorKind,
    /// What is wrong with it.
    pub message: String,
}

/// Why two towns cannot be joined by road.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RoadError {
    #[error(
        "`{town}` is not reachable by road: the nearest town on the bundled road network \
         ({nearest}) is {km:.0} km away (at most {max:.0} km is taken as a local road)",
        max = MAX_ACCESS_KM
    )]
    /// The town is more than [`MAX_ACCESS_KM`] from every node of the network.
    OffNetwork {
        /// Label of the unreachable town.
        town: String,
        /// Town id of the closest network node.
        nearest: String,
        /// Geodesic km to that node.
        km: f64,
    },
    #[error("no road joins `{from}` and `{to}` on the bundled network")]
    /// Both towns reach the network, but no chain of highways links them.
    NoPath {
        /// Label of the first town.
        from: String,
        /// Label of the second town.
        to: String,
    },
}

type Entry = GeomWithData<[f64; 3], NodeIndex>;

fn unit(p: LonLat) -> [f64; 3] {
    let (lat, lon) = (p.lat_deg.to_radians(), p.lon_deg.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// The road graph with an index of its nodes by town id and by position.
#[derive(Debug, Clone)]
pub struct RoadNetwork {
    graph: UnGraph<Node, Leg>,
    by_town: HashMap<String, NodeIndex>,
    spatial: RTree<Entry>,
    /// Connected component of each node, to answer "is there a path" without searching.
    component: Vec<usize>,
}

#[derive(serde::Deserialize)]
struct Row {
    chain: u32,
    highway: String,
    #[allow(dead_code)]
    seq: u32,
    town_id: String,
    lon: f64,
    lat: f64,
}

/// The path between two towns: the points to draw (the towns themselves first and last) and
/// the km of each step.
#[derive(Debug, Clone, PartialEq)]
pub struct RoadPath {
    /// Points from the first town to the second; consecutive points are one step.
    pub points: Vec<LonLat>,
    /// Km of each step (`points.len() - 1` values): road legs, or the straight link of a
    /// town off the network to its nearest node.
    pub step_km: Vec<f64>,
    /// The highways followed, in order, without repeats in a row.
    pub highways: Vec<String>,
    /// Km of the straight links between towns off the network and their nearest node.
    pub access_km: f64,
}

impl RoadPath {
    /// Total length in km: road legs plus access links.
    pub fn km(&self) -> f64 {
        self.step_km.iter().sum()
    }
}

impl RoadNetwork {
    /// The network shipped inside the binary, parsed once per process.
    pub fn bundled() -> &'static Self {
        static NETWORK: std::sync::OnceLock<RoadNetwork> = std::sync::OnceLock::new();
        NETWORK.get_or_init(|| {
            Self::from_csv_reader(BUNDLED_HIGHWAYS_CSV.as_bytes(), "data/roads/highways.csv")
                .expect("bundled data/roads/highways.csv is checked by tests")
        })
    }

    /// Read a network in the `data/roads/highways.csv` format.
    pub fn from_csv_reader<R: Read>(reader: R, source_name: &str) -> Result<Self, NetworkError> {
        let mut graph: UnGraph<Node, Leg> = UnGraph::new_undirected();
        let mut by_town: HashMap<String, NodeIndex> = HashMap::new();
        let mut prev: Option<(u32, NodeIndex, String)> = None;
        let mut rdr = csv::Reader::from_reader(reader);
        for (i, row) in rdr.deserialize::<Row>().enumerate() {
            let line = i as u64 + 2;
            let row = row.map_err(|e| NetworkError {
                source_name: source_name.into(),
                line,
                field: "(record)",
                kind: TableErrorKind::Malformed,
                message: e.to_string(),
            })?;
            let coord = LonLat::new(row.lon, row.lat);
            if !(-180.0..=180.0).contains(&row.lon) || !(-90.0..=90.0).contains(&row.lat) {
                return Err(NetworkError {
                    source_name: source_name.into(),
                    line,
                    field: "lon/lat",
                    kind: TableErrorKind::OutOfRange,
                    message: format!("[{}, {}] is not a lon/lat position", row.lon, row.lat),
                });
            }
            let node = *by_town.entry(row.town_id.clone()).or_insert_with(|| {
                graph.add_node(Node {
                    town_id: row.town_id.clone(),
                    coord,
                })
            });
            if let Some((chain, from, _)) = &prev
                && *chain == row.chain
                && *from != node
            {
                let km = graph[*from].coord.geodesic_km(coord);
                graph.add_edge(
                    *from,
                    node,
                    Leg {
                        highway: row.highway.clone(),
                        km,
                    },
                );
            }
            prev = Some((row.chain, node, row.highway));
        }
        let spatial = RTree::bulk_load(
            graph
                .node_indices()
                .map(|n| Entry::new(unit(graph[n].coord), n))
                .collect(),
        );
        let mut uf = petgraph::unionfind::UnionFind::new(graph.node_count());
        for e in graph.edge_indices() {
            let (a, b) = graph.edge_endpoints(e).expect("edge of this graph");
            uf.union(a.index(), b.index());
        }
        let component = uf.into_labeling();
        Ok(Self {
            graph,
            by_town,
            spatial,
            component,
        })
    }

    /// Number of towns on the network.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Every leg: (from, to, highway and km).
    pub fn legs(&self) -> impl Iterator<Item = (&Node, &Node, &Leg)> {
        self.graph.edge_indices().map(|e| {
            let (a, b) = self.graph.edge_endpoints(e).expect("edge of this graph");
            (&self.graph[a], &self.graph[b], &self.graph[e])
        })
    }

    /// Total length of the network in km.
    pub fn length_km(&self) -> f64 {
        self.graph.edge_weights().map(|l| l.km).sum()
    }

    /// The node nearest to a position and its distance in km.
    pub fn nearest_node(&self, p: LonLat) -> Option<(&Node, f64)> {
        let e = self.spatial.nearest_neighbor(&unit(p))?;
        let node = &self.graph[e.data];
        Some((node, node.coord.geodesic_km(p)))
    }

    /// Where a town joins the network: its own node, or the nearest node within
    /// [`MAX_ACCESS_KM`] (with the length of that link).
    fn entry(&self, town: &Town) -> Result<(NodeIndex, f64), RoadError> {
        if let Some(&n) = self.by_town.get(&town.id) {
            return Ok((n, 0.0));
        }
        let e = self
            .spatial
            .nearest_neighbor(&unit(town.coord))
            .expect("the network has nodes");
        let km = self.graph[e.data].coord.geodesic_km(town.coord);
        if km > MAX_ACCESS_KM {
            return Err(RoadError::OffNetwork {
                town: town.label(),
                nearest: self.graph[e.data].town_id.clone(),
                km,
            });
        }
        Ok((e.data, km))
    }

    /// Whether a town can be joined to the network (see [`MAX_ACCESS_KM`]).
    pub fn reach(&self, town: &Town) -> Result<(), RoadError> {
        self.entry(town).map(|_| ())
    }

    /// Whether `from` and `to` are joined by some road (both reachable, same component).
    pub fn connected(&self, from: &Town, to: &Town) -> Result<(), RoadError> {
        let (a, _) = self.entry(from)?;
        let (b, _) = self.entry(to)?;
        if self.component[a.index()] == self.component[b.index()] {
            Ok(())
        } else {
            Err(RoadError::NoPath {
                from: from.label(),
                to: to.label(),
            })
        }
    }

    /// The shortest road path from one town to another. A town that is not a node joins the
    /// network at its nearest node by a straight link whose km are multiplied by
    /// `access_factor` (road km per straight km off the network; 1.0 counts them straight).
    pub fn path(&self, from: &Town, to: &Town, access_factor: f64) -> Result<RoadPath, RoadError> {
        let (a, a_km) = self.entry(from)?;
        let (b, b_km) = self.entry(to)?;
        let goal = self.graph[b].coord;
        let (_, nodes) = petgraph::algo::astar(
            &self.graph,
            a,
            |n| n == b,
            |e| e.weight().km,
            |n| self.graph[n].coord.geodesic_km(goal),
        )
        .ok_or_else(|| RoadError::NoPath {
            from: from.label(),
            to: to.label(),
        })?;
        let mut points = Vec::with_capacity(nodes.len() + 2);
        let mut step_km = Vec::with_capacity(nodes.len() + 1);
        let mut highways: Vec<String> = Vec::new();
        if a_km > 0.0 {
            points.push(from.coord);
            step_km.push(a_km * access_factor);
        }
        points.push(self.graph[nodes[0]].coord);
        for pair in nodes.windows(2) {
            let e = self
                .graph
                .find_edge(pair[0], pair[1])
                .expect("consecutive path nodes share an edge");
            let leg = &self.graph[e];
            points.push(self.graph[pair[1]].coord);
            step_km.push(leg.km);
            if highways.last() != Some(&leg.highway) {
                highways.push(leg.highway.clone());
            }
        }
        if b_km > 0.0 {
            points.push(to.coord);
            step_km.push(b_km * access_factor);
        }
        Ok(RoadPath {
            points,
            step_km,
            highways,
            access_km: (a_km + b_km) * access_factor,
        })
    }
}
