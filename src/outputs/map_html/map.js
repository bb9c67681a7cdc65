// map.html: draws the embedded run on an SVG with its own projection; works offline.
// Projection: equirectangular, x scaled by cos(centre latitude), the same as map.png.
"use strict";
(function () {
  const NS = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("map-data").textContent);
  const svg = document.getElementById("map");
  const ext = data.extent;
  const cosLat = Math.cos(((ext.south + ext.north) / 2) * Math.PI / 180);
  const K = 1000 / ((ext.east - ext.west) * cosLat); // SVG units per degree of latitude
  const W = 1000, H = Math.round((ext.north - ext.south) * K);
  const px = (lon, lat) => [(lon - ext.west) * cosLat * K, (ext.north - lat) * K];
  const fmt = (v) => v.toFixed(2);

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  const pathOf = (coords, close) =>
    coords.map((c, i) => (i ? "L" : "M") + px(c[0], c[1]).map(fmt).join(",")).join("") + (close ? "Z" : "");

  let view = { x: 0, y: 0, w: W, h: H };
  const setView = () => svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(fmt).join(" "));
  setView();
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");

  // Layers, bottom to top.
  const gLand = el("g", {}, svg), gNames = el("g", {}, svg), gRoute = el("g", {}, svg);
  const gTracks = el("g", {}, svg), gTrail = el("g", {}, svg), gTowns = el("g", {}, svg);
  const gSight = el("g", {}, svg), gGroups = el("g", {}, svg), gLabels = el("g", {}, svg);

  for (const c of data.countries) {
    const d = c.polygons.map((rings) => rings.map((r) => pathOf(r, true)).join("")).join("");
    el("path", { d, class: "land", "fill-rule": "evenodd" }, gLand).appendChild(document.createElementNS(NS, "title")).textContent = c.name;
  }
  for (const n of data.country_names) {
    const [x, y] = px(n.lon, n.lat);
    el("text", { x: fmt(x), y: fmt(y), class: "country-name" }, gNames).textContent = n.name.toUpperCase();
  }
  const routeD = pathOf(data.route, false);
  el("path", { d: routeD, class: "route-casing" }, gRoute);
  el("path", { d: routeD, class: "route" }, gRoute);

  // Sizes in SVG units that stay the same on screen whatever the zoom.
  const unit = () => {
    const r = svg.getBoundingClientRect();
    return r.width && r.height ? Math.max(view.w / r.width, view.h / r.height) : view.w / 1000;
  };

  const towns = data.towns.map((t) => {
    const [x, y] = px(t.lon, t.lat);
    const c = el("circle", { cx: fmt(x), cy: fmt(y), class: "town" }, gTowns);
    const label = el("text", { class: "town-label" + (t.role === "end" ? " end" : "") }, gLabels);
    label.textContent = t.name;
    return { t, x, y, c, label };
  });
  const crossings = data.crossings.map((c) => {
    const [x, y] = px(c.lon, c.lat);
    const p = el("path", { class: "crossing" }, gTowns);
    el("title", {}, p).textContent = "border crossing: " + c.from + " → " + c.to;
    return { x, y, p };
  });
  const sightings = data.sightings.map((s, i) => {
    const [x, y] = px(s.lon, s.lat);
    const p = el("path", { class: "sighting", "data-index": i }, gSight);
    p.addEventListener("click", (ev) => { ev.stopPropagation(); showPopup(s, ev); });
    return { s, x, y, p };
  });
  const groups = data.groups.map((g) => {
    const track = el("path", { class: "track", stroke: g.colour }, gTracks);
    const marker = el("circle", { class: "group-marker group-" + g.id, fill: g.colour, "data-group": g.name }, gGroups);
    const label = el("text", { class: "group-label", fill: g.colour }, gGroups);
    label.textContent = data.groups.length > 1 ? g.name : "";
    const byDay = new Map(g.positions.map((p) => [p.day, p]));
    return { g, track, marker, label, byDay };
  });

  // Symbol sizes and label placement depend on the zoom; greedy, skipping labels that overlap.
  function layoutSymbols() {
    const u = unit();
    for (const t of towns) t.c.setAttribute("r", fmt((t.t.role === "end" ? 6 : 4.5) * u));
    for (const c of crossings) {
      const r = 8 * u;
      c.p.setAttribute("d", `M${fmt(c.x)},${fmt(c.y - r)}L${fmt(c.x + r)},${fmt(c.y)}L${fmt(c.x)},${fmt(c.y + r)}L${fmt(c.x - r)},${fmt(c.y)}Z`);
    }
    for (const s of sightings) {
      const r = 8 * u;
      s.p.setAttribute("d", `M${fmt(s.x)},${fmt(s.y - r)}L${fmt(s.x + r)},${fmt(s.y + r * 0.7)}L${fmt(s.x - r)},${fmt(s.y + r * 0.7)}Z`);
    }
    for (const g of groups) g.marker.setAttribute("r", fmt(9 * u));
    gNames.querySelectorAll("text").forEach((t) => t.setAttribute("font-size", fmt(14 * u)));
    // Markers are reserved first, so no label covers a town, a crossing or a sighting.
    const placed = towns.map((t) => [t.x - 6 * u, t.y - 6 * u, t.x + 6 * u, t.y + 6 * u])
      .concat(crossings.map((c) => [c.x - 8 * u, c.y - 8 * u, c.x + 8 * u, c.y + 8 * u]))
      .concat(sightings.map((s) => [s.x - 8 * u, s.y - 8 * u, s.x + 8 * u, s.y + 8 * u]));
    const free = (b) => placed.every((o) => b[2] <= o[0] || o[2] <= b[0] || b[3] <= o[1] || o[3] <= b[1]);
    for (const t of towns) {
      const size = (t.t.role === "end" ? 16 : 13) * u;
      t.label.setAttribute("font-size", fmt(size));
      t.label.setAttribute("stroke-width", fmt(3 * u));
      t.label.setAttribute("x", "0");
      t.label.setAttribute("y", "0");
      const bb = t.label.getBBox();
      const w = bb.width || t.t.name.length * size * 0.6, h = size, gap = 8 * u;
      const spots = [[t.x + gap, t.y + h * 0.35], [t.x - gap - w, t.y + h * 0.35], [t.x - w / 2, t.y - gap], [t.x - w / 2, t.y + gap + h]];
      t.label.setAttribute("visibility", "hidden");
      for (const [x, y] of spots) {
        const b = [x, y - h, x + w, y + h * 0.25];
        if (free(b)) {
          placed.push(b);
          t.label.setAttribute("x", fmt(x));
          t.label.setAttribute("y", fmt(y));
          t.label.setAttribute("visibility", "visible");
          break;
        }
      }
    }
    for (const g of groups) {
      g.label.setAttribute("font-size", fmt(13 * u));
      g.label.setAttribute("stroke-width", fmt(3 * u));
    }
  }

  const slider = document.getElementById("day");
  const dateLabel = document.getElementById("date-label");
  const status = document.getElementById("status");
  slider.max = String(data.days.length - 1);

  function showDay(day) {
    const u = unit();
    const info = data.days[day];
    dateLabel.textContent = info.date_label + "  (day " + day + ")";
    gTrail.textContent = "";
    const parts = [];
    for (const gr of groups) {
      const seen = gr.g.positions.filter((p) => p.day <= day);
      const now = gr.byDay.get(day);
      const track = gr.g.start ? [gr.g.start] : [];
      for (const p of seen) track.push(...p.via, [p.lon, p.lat]);
      gr.track.setAttribute("d", track.length > 1 ? pathOf(track, false) : "");
      for (const p of seen) {
        const [x, y] = px(p.lon, p.lat);
        el("circle", { cx: fmt(x), cy: fmt(y), r: fmt(4.5 * u), fill: data.days[p.day].colour, class: "trail" }, gTrail);
      }
      if (now && now.status !== "dispersed") {
        const [x, y] = px(now.lon, now.lat);
        gr.marker.setAttribute("cx", fmt(x));
        gr.marker.setAttribute("cy", fmt(y));
        gr.marker.setAttribute("visibility", "visible");
        gr.label.setAttribute("x", fmt(x + 11 * u));
        gr.label.setAttribute("y", fmt(y - 9 * u));
        parts.push((data.groups.length > 1 ? gr.g.name + ": " : "") + now.headcount.toLocaleString("en") + " people, " + now.status + " near " + now.near + ", " + now.country + " (km " + Math.round(now.km) + ")");
      } else {
        gr.marker.setAttribute("visibility", "hidden");
        gr.label.setAttribute("x", "-9999");
      }
    }
    for (const s of sightings) s.p.classList.toggle("future", s.s.day > day);
    status.textContent = parts.join(" · ");
  }

  function showPopup(s, ev) {
    const box = document.getElementById("popup");
    const wrap = document.getElementById("map-wrap").getBoundingClientRect();
    box.textContent = "";
    const close = document.createElement("span");
    close.className = "close";
    close.textContent = "×";
    close.onclick = () => { box.hidden = true; };
    box.appendChild(close);
    const lines = [["Date", s.date], ["Place", s.place], ["People", s.headcount == null ? "not reported" : s.headcount.toLocaleString("en") + (s.headcount_kind ? " (" + s.headcount_kind + ")" : "")], ["Source", s.source]];
    if (s.note) lines.push(["Note", s.note]);
    for (const [k, v] of lines) {
      const div = document.createElement("div");
      const b = document.createElement("b");
      b.textContent = k + ": ";
      div.appendChild(b);
      div.appendChild(document.createTextNode(v));
      box.appendChild(div);
    }
    box.style.left = Math.min(ev.clientX - wrap.left + 12, wrap.width - 290) + "px";
    box.hidden = false;
    // Below the click if it fits, else above it, never past the map's edges.
    const below = ev.clientY - wrap.top + 12;
    const above = ev.clientY - wrap.top - 12 - box.offsetHeight;
    const top = below + box.offsetHeight <= wrap.height ? below : Math.max(0, above);
    box.style.top = top + "px";
  }
  svg.addEventListener("click", () => { document.getElementById("popup").hidden = true; });

  // Legend, written from the data so it matches what is drawn.
  const legend = document.getElementById("legend");
  const row = (html) => { const d = document.createElement("div"); d.innerHTML = html; legend.appendChild(d); };
  for (const g of data.groups) {
    row(`<svg class="swatch" width="26" height="10"><line x1="0" y1="5" x2="26" y2="5" stroke="${g.colour}" stroke-width="4"/></svg>`);
    legend.lastChild.appendChild(document.createTextNode(data.groups.length > 1 ? "group " + g.name : "simulated track"));
  }
  const ramp = data.days.map((d, i) => `${d.colour} ${(100 * i / Math.max(1, data.days.length - 1)).toFixed(1)}%`).join(",");
  row(`positions by date: <span class="ramp" style="background: linear-gradient(to right, ${ramp})"></span>`);
  if (data.sightings.length) row(`<svg class="swatch" width="26" height="14"><path d="M13,1L21,13L5,13Z" fill="#c80000"/></svg>reported sighting (click for details)`);
  if (data.crossings.length) row(`<svg class="swatch" width="26" height="16"><path d="M13,1L20,8L13,15L6,8Z" fill="#f0c800" stroke="#141414" stroke-width="2"/></svg>border crossing`);
  row(`<svg class="swatch" width="26" height="12"><circle cx="13" cy="6" r="4.5" fill="#fff" stroke="#232323" stroke-width="1.8"/></svg>town on the route`);

  // Play: one day every 400 ms, from the start again after the last day.
  const play = document.getElementById("play");
  let timer = null;
  function stop() { clearInterval(timer); timer = null; play.textContent = "▶ Play"; }
  play.addEventListener("click", () => {
    if (timer) return stop();
    if (+slider.value >= +slider.max) slider.value = "0";
    play.textContent = "❚❚ Pause";
    timer = setInterval(() => {
      if (+slider.value >= +slider.max) return stop();
      slider.value = String(+slider.value + 1);
      showDay(+slider.value);
    }, 400);
  });
  slider.addEventListener("input", () => showDay(+slider.value));

  // Zoom with the wheel, pan by dragging.
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    const f = ev.deltaY > 0 ? 1.2 : 1 / 1.2;
    const mx = view.x + ((ev.clientX - r.left) / r.width) * view.w, my = view.y + ((ev.clientY - r.top) / r.height) * view.h;
    view = { x: mx - (mx - view.x) * f, y: my - (my - view.y) * f, w: view.w * f, h: view.h * f };
    setView(); layoutSymbols(); showDay(+slider.value);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, v: { ...view } }; svg.classList.add("dragging"); });
  window.addEventListener("pointerup", () => { drag = null; svg.classList.remove("dragging"); });
  window.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const s = view.w / svg.getBoundingClientRect().width;
    view = { ...view, x: drag.v.x - (ev.clientX - drag.x) * s, y: drag.v.y - (ev.clientY - drag.y) * s };
    setView();
  });
  window.addEventListener("resize", () => { layoutSymbols(); showDay(+slider.value); });

  svg.setAttribute("width", W);
  svg.setAttribute("height", H);
  layoutSymbols();
  slider.value = "0";
  showDay(0);
})();
