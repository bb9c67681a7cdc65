// Copies Leaflet's minified JS and CSS and its licence from the npm package into this folder,
// where map_html.rs embeds them (include_str!) so map.html stays one offline file.
// Usage (from this folder): npm ci && node vendor.mjs
import { copyFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "node_modules/leaflet");
const version = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).version;
for (const [from, to] of [
  ["dist/leaflet.js", "leaflet.js"],
  ["dist/leaflet.css", "leaflet.css"],
  ["LICENSE", "LEAFLET-LICENSE"],
]) {
  copyFileSync(join(pkg, from), join(here, to));
  console.log(`leaflet ${version}: ${from} -> ${to}`);
}
