// Opens map.html in headless Debian chromium: no console or page errors, no network request,
// the day slider moves the date label and the group markers, and a screenshot has drawn content.
//
// Usage: node map_html.test.mjs   (ROUTE_SIM_BIN overrides ../../target/release/route-sim;
// SCREENSHOT_DIR keeps the screenshots.)
import { chromium } from "playwright-core";
import { PNG } from "pngjs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
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
  { name: "tapachula-huixtla", args: ["--route", "Tapachula;Huixtla", "--depart", "2021-09-04", "--pace-km-per-day", "15"] },
];

const work = mkdtempSync(join(tmpdir(), "route-sim-browser-"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  // playwright gives every launch a fresh temporary profile (user-data-dir) of its own.
});
let failures = 0;
try {
  for (const c of cases) {
    const out = join(work, c.name);
    execFileSync(bin, [...c.args, "--out", out, "--outputs", "map.html", "--quiet"], { stdio: "pipe" });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
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
      const first = await page.textContent("#date-label");
      const markerAt = () => page.$$eval(".group-marker", (ms) => ms.map((m) => [m.getAttribute("cx"), m.getAttribute("cy"), m.getAttribute("visibility")].join(",")));
      const before = await markerAt();
      const last = await page.$eval("#day", (s) => +s.max);
      assert.ok(last >= 1, `${c.name}: slider has ${last + 1} days`);
      const target = Math.max(1, Math.floor(last / 2));
      await page.$eval("#day", (s, v) => { s.value = String(v); s.dispatchEvent(new Event("input", { bubbles: true })); }, target);
      const then = await page.textContent("#date-label");
      const after = await markerAt();
      assert.notEqual(then, first, `${c.name}: date label did not change (${first})`);
      assert.match(then, new RegExp(`\\(day ${target}\\)`), `${c.name}: date label shows day ${target}: ${then}`);
      assert.notDeepEqual(after, before, `${c.name}: group markers did not move`);
      const shot = await page.screenshot({ fullPage: true });
      if (process.env.SCREENSHOT_DIR) {
        mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
        writeFileSync(join(process.env.SCREENSHOT_DIR, `${c.name}.png`), shot);
      }
      const png = PNG.sync.read(shot);
      let inked = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        if (png.data[i] < 235 || png.data[i + 1] < 235 || png.data[i + 2] < 235) inked++;
      }
      const share = inked / (png.width * png.height);
      assert.ok(share > 0.2, `${c.name}: screenshot is mostly blank (${(100 * share).toFixed(1)}% drawn)`);
      assert.deepEqual(errors, [], `${c.name}: console or page errors`);
      assert.deepEqual(external, [], `${c.name}: network requests`);
      console.log(`ok ${c.name}: ${first.trim()} -> ${then.trim()}, ${(100 * share).toFixed(0)}% of the screenshot drawn`);
    } catch (e) {
      failures++;
      console.error(`FAIL ${c.name}: ${e.message}`);
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
