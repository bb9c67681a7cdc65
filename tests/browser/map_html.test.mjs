// Opens map.html in headless Debian chromium: no console or page errors, no network request;
// the day slider moves the date label and the group markers; labels keep their pixel size
// when zooming; every sighting can be clicked and is listed in a popup; at phone size
// (390×844) the legend starts collapsed, nothing overflows sideways and the controls fit;
// a screenshot has drawn content.
//
// Usage: node map_html.test.mjs   (ROUTE_SIM_BIN overrides ../../target/release/route-sim;
// SCREENSHOT_DIR keeps the screenshots.)
import { chromium } from "playwright-core";
import { PNG } from "pngjs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import assert from "node:assert/strict";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const bin = process.env.ROUTE_SIM_BIN || join(repo, "target/release/route-sim");
if (!existsSync(bin)) {
  execFileSync("cargo", ["build", "--release", "--bin", "route-sim"], { cwd: repo, stdio: "inherit" });
}

const cases = [
  { name: "honduras-oct2018", args: ["--caravan", "honduras-oct2018"] },
  { name: "forecast-honduras", forecast: "2018-10-25", args: ["forecast", "--caravan", "honduras-oct2018", "--as-of", "2018-10-25", "--days", "10"] },
  { name: "tapachula-sep2021", args: ["--caravan", "tapachula-sep2021"] },
  { name: "tapachula-huixtla", args: ["--route", "Tapachula;Huixtla", "--depart", "2021-09-04", "--pace-km-per-day", "15"] },
];
const viewports = [
  { name: "desktop", width: 1400, height: 1000 },
  { name: "phone", width: 390, height: 844, isMobile: true, hasTouch: true },
];

const work = mkdtempSync(join(tmpdir(), "route-sim-browser-"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  // playwright gives every launch a fresh temporary profile (user-data-dir) of its own.
});

const setDay = (page, v) => page.$eval("#day", (s, v) => { s.value = String(v); s.dispatchEvent(new Event("input", { bubbles: true })); }, v);

async function check(page, c, vp, data) {
  const first = await page.textContent("#date-label");
  const markerAt = () => page.$$eval(".group-marker", (ms) => ms.map((m) => m.getAttribute("d")).join("|"));
  const before = await markerAt();
  const last = await page.$eval("#day", (s) => +s.max);
  assert.ok(last >= 1, `slider has ${last + 1} days`);
  const target = Math.max(1, Math.floor(last / 2));
  await setDay(page, target);
  const then = await page.textContent("#date-label");
  assert.notEqual(then, first, `date label did not change (${first})`);
  assert.match(then, new RegExp(`\\(day ${target}\\)`), `date label shows day ${target}: ${then}`);
  assert.notEqual(await markerAt(), before, "group markers did not move");

  // The last day: every group's end is told (arrived or dispersed) in the status line.
  await setDay(page, last);
  const status = await page.textContent("#status");
  assert.ok(status.trim().length > 0, "status line is empty on the last day");
  for (const e of data.ends) assert.ok(status.includes(e.label), `status line tells "${e.label}": ${status}`);
  if (data.ends.some((e) => e.status === "dispersed")) {
    assert.equal(await page.$$eval(".end-dispersed", (m) => m.length), data.ends.filter((e) => e.status === "dispersed").length, "dispersal marked");
  }

  // Labels keep their pixel size at every zoom.
  const sizes = () => page.$$eval(".label.town span, .label.end span", (ls) => ls.map((l) => getComputedStyle(l).fontSize + "/" + l.getBoundingClientRect().height.toFixed(0)).sort().join(","));
  const atStart = await sizes();
  assert.ok(atStart.length > 0, "town labels exist");
  for (const z of [2, 2]) {
    await page.evaluate((dz) => new Promise((ok) => { const m = window.routeSimMap; m.once("zoomend", ok); m.setZoom(m.getZoom() + dz, { animate: false }); }), z);
    const now = await sizes();
    for (const s of now.split(",")) assert.ok(atStart.split(",").includes(s), `label size ${s} after zooming in, sizes before: ${atStart}`);
  }

  // Every sighting: zoom to each marker, click it with the mouse, read its popup's list.
  const seen = new Set();
  const markers = await page.$$eval(".sighting-marker", (ms) => ms.length);
  for (let i = 0; i < markers; i++) {
    await page.evaluate((i) => new Promise((ok) => {
      const m = window.routeSimMap;
      m.closePopup();
      let found = null, k = 0;
      m.eachLayer((l) => { if (l.options && l.options.icon && l.options.icon.options.className === "sighting-marker") { if (k++ === i) found = l; } });
      m.once("moveend", ok);
      m.setView(found.getLatLng(), 13, { animate: false });
    }), i);
    const el = (await page.$$(".sighting-marker"))[i];
    await el.click();
    await page.waitForSelector(".leaflet-popup-content .sighting-item");
    const items = await page.$$eval(".leaflet-popup-content .sighting-item", (li) => li.map((x) => x.dataset.index));
    for (const k of items) seen.add(k);
  }
  assert.equal(seen.size, data.sightings.length, `${seen.size} of ${data.sightings.length} sightings reachable by a click`);

  if (vp.name === "phone") {
    assert.equal(await page.$eval(".legend details", (d) => d.open), false, "legend collapsed on a phone");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page overflows sideways by ${overflow}px`);
    for (const sel of ["#play", "#day", "#date-label"]) {
      const r = await page.$eval(sel, (e) => { const b = e.getBoundingClientRect(); return [b.left, b.right]; });
      assert.ok(r[0] >= 0 && r[1] <= vp.width, `${sel} outside the screen: ${r}`);
    }
    await page.click(".legend summary");
    assert.equal(await page.$eval(".legend details", (d) => d.open), true, "legend opens");
    await page.click(".legend summary");
  }
}

// The forecast page: it opens on the as-of date with the P10–P90 band drawn, moves the band
// with the slider, shows only the reports up to that date and no simulated group.
async function checkForecast(page, c, data) {
  const asOfDay = data.start_day;
  assert.ok(asOfDay > 0, `start day ${asOfDay}`);
  assert.equal(await page.$eval("#day", (s) => +s.value), asOfDay, "slider starts on the as-of date");
  assert.match(await page.textContent("#date-label"), /25 Oct 2018/);
  assert.ok(data.sightings.length > 0 && data.sightings.every((s) => s.date <= c.forecast), "only reports up to the as-of date");
  assert.equal(data.groups.length, 0, "no simulated group on a forecast page");
  const band = () => page.$$eval("path.forecast-band", (ps) => ps.map((p) => p.getAttribute("d")).join("|"));
  const first = await band();
  assert.ok(first.length > 0, "forecast band drawn on the as-of date");
  const last = await page.$eval("#day", (s) => +s.max);
  await setDay(page, last);
  const later = await band();
  assert.ok(later.length > 0 && later !== first, "band moves with the slider");
  const f = data.forecast[data.forecast.length - 1];
  assert.match(await page.textContent("#status"), new RegExp(`forecast for ${f.date}: between km ${Math.round(f.km_p10)} and ${Math.round(f.km_p90)}`));
  assert.ok((await page.textContent(".legend")).includes("forecast P10–P90"), "legend names the band");
  await setDay(page, 0);
  assert.equal(await band(), "", "no band before the as-of date");
}

let failures = 0;
try {
  for (const c of cases) {
    const out = join(work, c.name);
    execFileSync(bin, [...c.args, "--out", out, ...(c.forecast ? [] : ["--outputs", "map.html"]), "--quiet"], { stdio: "pipe" });
    const html = readFileSync(join(out, "map.html"), "utf8");
    const data = JSON.parse(html.match(/<script type="application\/json" id="map-data">(.*?)<\/script>/s)[1]);
    for (const vp of viewports) {
      const page = await browser.newPage({ viewport: { width: vp.width, height: vp.height }, isMobile: !!vp.isMobile, hasTouch: !!vp.hasTouch });
      const errors = [];
      const external = [];
      page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
        external.push(url);
        return route.abort();
      });
      try {
        await page.goto(pathToFileURL(join(out, "map.html")).href, { waitUntil: "load" });
        const shotAt = async (suffix) => {
          const shot = await page.screenshot({ fullPage: true });
          if (process.env.SCREENSHOT_DIR) {
            mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
            writeFileSync(join(process.env.SCREENSHOT_DIR, `${c.name}-${vp.name}${suffix}.png`), shot);
          }
          return shot;
        };
        if (c.forecast) await checkForecast(page, c, data);
        await setDay(page, await page.$eval("#day", (s) => +s.max));
        const png = PNG.sync.read(await shotAt(""));
        let inked = 0;
        for (let i = 0; i < png.data.length; i += 4) {
          if (png.data[i] < 235 || png.data[i + 1] < 235 || png.data[i + 2] < 235) inked++;
        }
        const share = inked / (png.width * png.height);
        assert.ok(share > 0.2, `screenshot is mostly blank (${(100 * share).toFixed(1)}% drawn)`);
        await setDay(page, 0);
        if (!c.forecast) await check(page, c, vp, data);
        await shotAt("-zoomed");
        assert.deepEqual(errors, [], "console or page errors");
        assert.deepEqual(external, [], "network requests");
        console.log(`ok ${c.name} ${vp.name}: ${data.sightings.length} sightings clicked, ${(100 * share).toFixed(0)}% of the screenshot drawn`);
      } catch (e) {
        failures++;
        console.error(`FAIL ${c.name} ${vp.name}: ${e.message}`);
      } finally {
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
