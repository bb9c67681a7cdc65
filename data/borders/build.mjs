// Build data/borders/countries.geojson for route-sim.
//
// Source: Natural Earth 1:50m admin-0 countries, as TopoJSON from the npm
// package `world-atlas` (countries-50m.json), decoded with `topojson-client`.
//
// Steps:
//   1. Decode the `countries` object to GeoJSON features.
//   2. Orient every ring (outer CCW, holes CW) so the polygon interior is
//      always on the left of each ring.
//   3. Clip each polygon to the box lon -125..-75, lat 5..38. Each ring is
//      clipped as a polyline (Liang–Barsky per segment) into pieces running
//      from one box-edge crossing to the next; the pieces are then stitched
//      back into rings by walking counter-clockwise along the box boundary.
//      For a rectangle this gives the same area as Sutherland–Hodgman but
//      without its zero-width "bridge" edges along the box where a concave
//      ring leaves and re-enters the box (e.g. Chesapeake Bay at lat 38), so
//      the output rings are simple and a piece that falls apart into several
//      parts becomes several polygons.
//   4. Round coordinates to 4 decimals, drop consecutive duplicates, close
//      rings, drop rings with < 4 points, and drop polygons (and holes) whose
//      area is below MIN_AREA square degrees.
//   5. Re-orient (RFC 7946 right-hand rule) and write features sorted by name.
//
// The output is deterministic: the same inputs give byte-identical output.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import * as topojson from "topojson-client";

const BOX = { x0: -125, y0: 5, x1: -75, y1: 38 };
const MIN_AREA = 0.0005; // square degrees
const DECIMALS = 4;

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const atlasPath = require.resolve("world-atlas/countries-50m.json");
const atlasVersion = JSON.parse(
  readFileSync(require.resolve("world-atlas/package.json"), "utf8"),
).version;

// ---------------------------------------------------------------- geometry

/** Signed shoelace area of a closed ring (> 0 for counter-clockwise). */
function ringArea(ring) {
  let s = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[i + 1];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

function closeRing(ring) {
  const a = ring[0];
  const b = ring[ring.length - 1];
  if (a[0] !== b[0] || a[1] !== b[1]) ring.push([a[0], a[1]]);
  return ring;
}

function orient(ring, ccw) {
  const a = ringArea(ring);
  if ((ccw && a < 0) || (!ccw && a > 0)) ring.reverse();
  return ring;
}

function strictlyOutside(p) {
  return p[0] < BOX.x0 || p[0] > BOX.x1 || p[1] < BOX.y0 || p[1] > BOX.y1;
}

/**
 * Liang–Barsky: clip segment p->q to the box. Returns [t0, t1] or null.
 */
function clipSegment(p, q) {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  let t0 = 0;
  let t1 = 1;
  const checks = [
    [-dx, p[0] - BOX.x0],
    [dx, BOX.x1 - p[0]],
    [-dy, p[1] - BOX.y0],
    [dy, BOX.y1 - p[1]],
  ];
  for (const [pp, qq] of checks) {
    if (pp === 0) {
      if (qq < 0) return null;
    } else {
      const r = qq / pp;
      if (pp < 0) {
        if (r > t1) return null;
        if (r > t0) t0 = r;
      } else {
        if (r < t0) return null;
        if (r < t1) t1 = r;
      }
    }
  }
  return [t0, t1];
}

/** Point on segment at parameter t, snapped exactly onto a box edge if close. */
function lerp(p, q, t) {
  if (t === 0) return [p[0], p[1]];
  if (t === 1) return [q[0], q[1]];
  let x = p[0] + (q[0] - p[0]) * t;
  let y = p[1] + (q[1] - p[1]) * t;
  const eps = 1e-9;
  if (Math.abs(x - BOX.x0) < eps) x = BOX.x0;
  if (Math.abs(x - BOX.x1) < eps) x = BOX.x1;
  if (Math.abs(y - BOX.y0) < eps) y = BOX.y0;
  if (Math.abs(y - BOX.y1) < eps) y = BOX.y1;
  x = Math.min(BOX.x1, Math.max(BOX.x0, x));
  y = Math.min(BOX.y1, Math.max(BOX.y0, y));
  return [x, y];
}

/**
 * Clip a closed ring (with at least one vertex strictly outside the box) into
 * open polylines inside the box, each starting and ending on the box edge.
 */
function clipRingToFragments(ring) {
  const n = ring.length - 1; // closed ring: last == first
  let start = 0;
  while (!strictlyOutside(ring[start])) start++;
  const pts = [];
  for (let i = 0; i <= n; i++) pts.push(ring[(start + i) % n]);

  const fragments = [];
  let cur = null;
  for (let i = 0; i < n; i++) {
    const p = pts[i];
    const q = pts[i + 1];
    const c = clipSegment(p, q);
    if (!c) {
      if (cur) throw new Error("unterminated fragment"); // cannot happen
      continue;
    }
    const [t0, t1] = c;
    if (t0 > 0 || !cur) {
      cur = [lerp(p, q, t0)];
    }
    cur.push(lerp(p, q, t1));
    if (t1 < 1) {
      fragments.push(cur);
      cur = null;
    }
  }
  if (cur) throw new Error("ring ended inside the box"); // starts outside
  // Drop fragments that are a single point (ring only touches the box edge).
  return fragments.filter((f) =>
    f.some((p) => p[0] !== f[0][0] || p[1] !== f[0][1]),
  );
}

const W = BOX.x1 - BOX.x0;
const H = BOX.y1 - BOX.y0;
const PERIM = 2 * (W + H);
// Box corners in counter-clockwise order with their perimeter parameter.
const CORNERS = [
  [W, [BOX.x1, BOX.y0]],
  [W + H, [BOX.x1, BOX.y1]],
  [2 * W + H, [BOX.x0, BOX.y1]],
  [PERIM, [BOX.x0, BOX.y0]],
];

/** Counter-clockwise perimeter parameter of a point on the box edge. */
function perimParam([x, y]) {
  if (y === BOX.y0 && x < BOX.x1) return x - BOX.x0;
  if (x === BOX.x1 && y < BOX.y1) return W + (y - BOX.y0);
  if (y === BOX.y1 && x > BOX.x0) return W + H + (BOX.x1 - x);
  if (x === BOX.x0) return 2 * W + H + (BOX.y1 - y);
  throw new Error(`point not on box edge: ${x},${y}`);
}

/** Stitch fragments (interior on their left) into closed rings. */
function stitch(fragments) {
  const frags = fragments.map((pts) => ({
    pts,
    tIn: perimParam(pts[0]),
    tOut: perimParam(pts[pts.length - 1]),
    used: false,
  }));
  const rings = [];
  for (const first of frags) {
    if (first.used) continue;
    first.used = true;
    const ring = first.pts.map((p) => [p[0], p[1]]);
    let f = first;
    for (;;) {
      // Next entry point counter-clockwise from this exit.
      let best = null;
      let bestD = Infinity;
      for (const g of frags) {
        if (g.used && g !== first) continue;
        let d = g.tIn - f.tOut;
        if (d < 0) d += PERIM;
        if (d < bestD) {
          bestD = d;
          best = g;
        }
      }
      // Box corners passed on the way, in order.
      const from = f.tOut;
      const passed = [];
      for (const [t, c] of CORNERS) {
        let d = t - from;
        if (d < 0) d += PERIM;
        if (d > 0 && d < bestD) passed.push([d, c]);
      }
      passed.sort((a, b) => a[0] - b[0]);
      for (const [, c] of passed) ring.push([c[0], c[1]]);
      if (best === first) {
        closeRing(ring);
        break;
      }
      best.used = true;
      for (const p of best.pts) ring.push([p[0], p[1]]);
      f = best;
    }
    rings.push(ring);
  }
  return rings;
}

function pointInRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

function bbox(ring) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of ring) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/**
 * Clip one polygon (array of rings, ring 0 outer) to the box. Returns an
 * array of polygons (each an array of rings, outer CCW, holes CW).
 */
function clipPolygon(rings) {
  rings = rings.map((r, i) => orient(closeRing(r.map((p) => [p[0], p[1]])), i === 0));
  const [bx0, by0, bx1, by1] = bbox(rings[0]);
  if (bx1 < BOX.x0 || bx0 > BOX.x1 || by1 < BOX.y0 || by0 > BOX.y1) return [];

  const fragments = [];
  const keptOuters = [];
  const keptHoles = [];
  for (let i = 0; i < rings.length; i++) {
    const r = rings[i];
    if (!r.some(strictlyOutside)) {
      (i === 0 ? keptOuters : keptHoles).push(r);
    } else {
      fragments.push(...clipRingToFragments(r));
    }
  }
  const outers = [...keptOuters, ...stitch(fragments)];
  if (fragments.length === 0 && keptOuters.length === 0) {
    // No ring reaches into the box: the box is either inside the polygon
    // (and outside all its holes) or disjoint from it.
    const probe = [BOX.x0, BOX.y0];
    const inHole = rings.slice(1).some((h) => pointInRing(probe, h));
    if (pointInRing(probe, rings[0]) && !inHole) {
      outers.push(closeRing(CORNERS.map(([, c]) => [c[0], c[1]])));
    }
  }
  // Assign the holes that lie wholly inside the box to their outer ring.
  const polys = outers.map((o) => [orient(o, true)]);
  for (const h of keptHoles) {
    const owner = polys.find((p) => pointInRing(h[0], p[0])) ??
      polys.find((p) => h.some((q) => pointInRing(q, p[0])));
    if (owner) owner.push(orient(h, false));
  }
  return polys;
}

// ------------------------------------------------------- rounding, cleanup

const SCALE = 10 ** DECIMALS;
function round(v) {
  const r = Math.round(v * SCALE) / SCALE;
  return r === 0 ? 0 : r; // no -0
}

function cleanRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  // Drop a duplicated closing point, then close once.
  while (
    out.length > 1 &&
    out[0][0] === out[out.length - 1][0] &&
    out[0][1] === out[out.length - 1][1]
  ) {
    out.pop();
  }
  if (out.length < 3) return null;
  closeRing(out);
  if (out.length < 4) return null;
  return out;
}

function cleanPolygon(poly) {
  const outer = cleanRing(poly[0]);
  if (!outer || Math.abs(ringArea(outer)) < MIN_AREA) return null;
  const rings = [orient(outer, true)];
  for (const h of poly.slice(1)) {
    const c = cleanRing(h);
    if (c && Math.abs(ringArea(c)) >= MIN_AREA) rings.push(orient(c, false));
  }
  return rings;
}

// ------------------------------------------------------------------- main

const topology = JSON.parse(readFileSync(atlasPath, "utf8"));
const collection = topojson.feature(topology, topology.objects.countries);

const features = [];
for (const f of collection.features) {
  const g = f.geometry;
  if (!g) continue;
  const polygons =
    g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  const out = [];
  for (const poly of polygons) {
    for (const clipped of clipPolygon(poly)) {
      const cleaned = cleanPolygon(clipped);
      if (cleaned) out.push(cleaned);
    }
  }
  if (out.length === 0) continue;
  // Deterministic polygon order: largest first.
  out.sort((a, b) => ringArea(b[0]) - ringArea(a[0]));
  features.push({
    type: "Feature",
    properties: {
      name: f.properties.name,
      iso_n3: f.id === undefined ? null : String(f.id),
    },
    geometry:
      out.length === 1
        ? { type: "Polygon", coordinates: out[0] }
        : { type: "MultiPolygon", coordinates: out },
  });
}
features.sort((a, b) =>
  a.properties.name < b.properties.name ? -1 : a.properties.name > b.properties.name ? 1 : 0,
);

const bboxAll = [Infinity, Infinity, -Infinity, -Infinity];
for (const f of features) {
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const p of polys) {
    const [x0, y0, x1, y1] = bbox(p[0]);
    bboxAll[0] = Math.min(bboxAll[0], x0);
    bboxAll[1] = Math.min(bboxAll[1], y0);
    bboxAll[2] = Math.max(bboxAll[2], x1);
    bboxAll[3] = Math.max(bboxAll[3], y1);
  }
}

// One feature per line: compact but diff-friendly.
const lines = features.map((f) => JSON.stringify(f));
const text =
  '{"type":"FeatureCollection",\n"features":[\n' + lines.join(",\n") + "\n]}\n";
const outPath = join(here, "countries.geojson");
writeFileSync(outPath, text);

console.log(
  `world-atlas ${atlasVersion}: wrote ${outPath} (${text.length} bytes, ` +
    `${features.length} features, bbox ${bboxAll.join(",")})`,
);
for (const f of features) {
  const n = f.geometry.type === "Polygon" ? 1 : f.geometry.coordinates.length;
  console.log(`  ${f.properties.iso_n3}  ${f.properties.name}  (${n} polygon${n > 1 ? "s" : ""})`);
}
