// Reads trips.geojson with kepler.gl's own code, as kepler.gl does when the file is dropped
// on it: @kepler.gl/processors turns the GeoJSON into a dataset, then the Trip layer's own
// checks (@kepler.gl/layers trip-utils) must accept its geometry field as animatable trips
// and find each group's timestamps and the animation's time span.
//
// Usage: node trips.test.mjs   (ROUTE_SIM_BIN overrides ../../target/release/route-sim)
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const require = createRequire(import.meta.url);
const { processGeojson } = require("@kepler.gl/processors");
const { createDataContainer } = require("@kepler.gl/utils");
const { isTripGeoJsonField, parseTripGeoJsonTimestamp } = require("@kepler.gl/layers/dist/trip-layer/trip-utils.js");
const { parseGeoJsonRawFeature } = require("@kepler.gl/layers/dist/geojson-layer/geojson-utils.js");

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.ROUTE_SIM_BIN || resolve(here, "../../target/release/route-sim");
const work = mkdtempSync(join(tmpdir(), "route-sim-kepler-"));
let failures = 0;
try {
  for (const id of ["honduras-oct2018", "tapachula-sep2021", "guatemala-oct2018"]) {
    try {
      const out = join(work, id);
      execFileSync(bin, ["--caravan", id, "--out", out, "--outputs", "trips,positions", "--quiet"], { stdio: "pipe" });
      const geojson = JSON.parse(readFileSync(join(out, "trips.geojson"), "utf8"));
      const dataset = processGeojson(geojson);
      assert.ok(dataset, "processGeojson returned nothing");
      const { fields, rows } = dataset;
      assert.equal(rows.length, geojson.features.length, "one row per group");
      const gi = fields.findIndex((f) => f.type === "geojson");
      assert.ok(gi >= 0, `no geojson field in ${fields.map((f) => f.name + ":" + f.type)}`);
      const dc = createDataContainer(rows, { fields });
      const field = { ...fields[gi], valueAccessor: (d) => dc.valueAt(d.index, gi) };
      assert.ok(isTripGeoJsonField(dc, field), "kepler.gl does not take the geometry for trips");
      const features = rows.map((r) => parseGeoJsonRawFeature(r[gi]));
      const { dataToTimeStamp, animationDomain } = parseTripGeoJsonTimestamp(features);
      assert.ok(animationDomain, "no animation domain");
      // The time span is the run's: first camp to last camp, in milliseconds.
      const positions = JSON.parse(readFileSync(join(out, "positions.geojson"), "utf8")).features;
      const times = positions.map((f) => Date.parse(f.properties.time));
      assert.ok(animationDomain[1] <= Math.max(...times), `domain ends ${new Date(animationDomain[1]).toISOString()} after the last camp`);
      assert.ok(animationDomain[0] >= Math.min(...times) - 86400e3, `domain starts ${new Date(animationDomain[0]).toISOString()} before the evening before departure`);
      for (const [i, ts] of dataToTimeStamp.entries()) {
        assert.ok(ts.length >= 2, `group ${i}: ${ts.length} timestamps`);
        for (let k = 1; k < ts.length; k++) assert.ok(ts[k] >= ts[k - 1], `group ${i}: time goes back at vertex ${k}`);
      }
      // Each camp of positions.geojson is a vertex of its group's trip at its own time.
      for (const f of geojson.features) {
        const camps = positions.filter((p) => p.properties.group === f.properties.group && p.properties.date <= f.properties.end);
        for (const c of camps) {
          const t = Date.parse(c.properties.time) / 1000;
          const v = f.geometry.coordinates.find((x) => x[3] === t);
          assert.ok(v, `${f.properties.group}: no vertex at ${c.properties.time}`);
          assert.deepEqual([v[0], v[1]], c.geometry.coordinates, `${f.properties.group} at ${c.properties.time}`);
        }
      }
      console.log(`ok ${id}: ${rows.length} trips, ${new Date(animationDomain[0]).toISOString()} – ${new Date(animationDomain[1]).toISOString()}`);
    } catch (e) {
      failures++;
      console.error(`FAIL ${id}: ${e.stack || e.message}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
