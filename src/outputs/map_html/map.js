// map.html: the embedded run drawn with Leaflet (inlined above this script); works offline.
// Web Mercator, no tiles: land and borders come from the embedded country polygons.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("map-data").textContent);
  const ll = (p) => [p[1], p[0]]; // [lon, lat] -> Leaflet's [lat, lon]
  const narrow = window.innerWidth <= 600;
  const map = L.map("map", { zoomSnap: 0.25, zoomDelta: 0.5, wheelPxPerZoomLevel: 120 });
  window.routeSimMap = map; // for the browser test
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Borders: Natural Earth · Towns: GeoNames");
  L.control.scale({ imperial: false }).addTo(map);

  // Panes, bottom to top (Leaflet's own: overlays 400, markers 600, popups 700).
  const pane = (name, z, events) => {
    const p = map.createPane(name);
    p.style.zIndex = String(z);
    if (!events) p.style.pointerEvents = "none";
    return name;
  };
  const P = {
    land: pane("land", 200), route: pane("route", 410), forecast: pane("forecast", 415),
    tracks: pane("tracks", 420), trail: pane("trail", 430), towns: pane("towns", 440),
    groups: pane("groups", 600), labels: pane("labels", 620), sightings: pane("sightings", 650, true),
  };

  for (const c of data.countries) {
    L.polygon(c.polygons.map((rings) => rings.map((r) => r.map(ll))), {
      pane: P.land, color: "#969696", weight: 1.2, fillColor: "#f5f0e1", fillOpacity: 1, interactive: false,
    }).addTo(map);
  }
  const route = data.route.map(ll);
  L.polyline(route, { pane: P.route, color: "#fff", weight: 7, interactive: false }).addTo(map);
  L.polyline(route, { pane: P.route, color: "#787878", weight: 2.5, interactive: false }).addTo(map);

  // Labels are HTML markers sized in CSS pixels, so they keep their size at every zoom.
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  function label(latlng, text, cls) {
    const m = L.marker(latlng, {
      pane: P.labels, interactive: false, keyboard: false,
      icon: L.divIcon({ className: "label " + cls, html: "<span>" + esc(text) + "</span>", iconSize: [0, 0], iconAnchor: [0, 0] }),
    });
    return { m, latlng, shown: false };
  }
  const labelled = []; // in priority order: earlier wins a contested spot
  const reserved = []; // [latlng, half size in px] of symbols no label may cover

  for (const n of data.country_names) {
    const lb = label([n.lat, n.lon], n.name.toUpperCase(), "country");
    lb.centre = true;
    labelled.push(lb);
  }
  const townLabels = [];
  for (const t of data.towns) {
    const end = t.role === "end";
    L.circleMarker([t.lat, t.lon], {
      pane: P.towns, radius: end ? 6 : 4.5, color: "#232323", weight: 1.8, fillColor: "#fff", fillOpacity: 1, interactive: false,
    }).addTo(map);
    reserved.push([[t.lat, t.lon], end ? 7 : 5]);
    townLabels.push(label([t.lat, t.lon], t.name, end ? "end" : "town"));
  }
  for (const c of data.crossings) {
    L.marker([c.lat, c.lon], {
      pane: P.towns, interactive: false, keyboard: false,
      icon: L.divIcon({ className: "", iconSize: [18, 18], iconAnchor: [9, 9],
        html: '<svg width="18" height="18"><path d="M9,1L17,9L9,17L1,9Z" fill="#f0c800" stroke="#141414" stroke-width="2"/></svg>' }),
    }).bindTooltip("border crossing: " + c.from + " → " + c.to).addTo(map);
    reserved.push([[c.lat, c.lon], 9]);
  }

  // Groups: the line along the route up to the day, a dot per camp coloured by date, a marker.
  const trail = L.layerGroup().addTo(map);
  const groups = data.groups.map((g) => {
    const track = L.polyline([], { pane: P.tracks, color: g.colour, weight: 3.5, interactive: false }).addTo(map);
    const marker = L.circleMarker([0, 0], { pane: P.groups, radius: 9, color: "#fff", weight: 2.5, fillColor: g.colour, fillOpacity: 1, className: "group-marker group-" + g.id });
    marker.bindTooltip(g.name);
    const name = data.groups.length > 1 ? label([0, 0], g.name, "group") : null;
    if (name) name.m.options.icon.options.html = '<span style="color:' + g.colour + '">' + esc(g.name) + "</span>";
    return { g, track, marker, name, byDay: new Map(g.positions.map((p) => [p.day, p])) };
  });

  // Where each group ended: a cross for a dispersal, a square for an arrival, with its story.
  const ends = data.ends.map((e) => {
    const dispersed = e.status === "dispersed";
    const html = dispersed
      ? '<svg width="22" height="22"><circle cx="11" cy="11" r="10" fill="#fff" stroke="#141414" stroke-width="1.5"/><path d="M6,6L16,16M16,6L6,16" stroke="#b00000" stroke-width="3"/></svg>'
      : '<svg width="18" height="18"><rect x="2" y="2" width="14" height="14" fill="#141414" stroke="#fff" stroke-width="2"/></svg>';
    const size = dispersed ? 22 : 18;
    const marker = L.marker([e.lat, e.lon], {
      pane: P.labels, interactive: false, keyboard: false,
      icon: L.divIcon({ className: "end-marker end-" + e.status, html, iconSize: [size, size], iconAnchor: [size / 2, size / 2] }),
    });
    const text = (data.groups.length > 1 ? data.groups[e.group].name + ": " : "") + e.label;
    const lb = label([e.lat, e.lon], text, "ending");
    return { e, marker, lb };
  });
  // Priority: route ends and the groups' endings, then cities and towns, then country names.
  labelled.unshift(...groups.filter((g) => g.name).map((g) => g.name), ...townLabels.filter((_, i) => data.towns[i].role === "end"), ...ends.map((x) => x.lb));
  labelled.splice(labelled.length - data.country_names.length, 0, ...townLabels.filter((_, i) => data.towns[i].role !== "end"));

  // Sightings: one marker per place; its popup lists every report there, so none is hidden
  // under another.
  const places = new Map();
  data.sightings.forEach((s, i) => {
    const key = s.lon.toFixed(5) + "," + s.lat.toFixed(5);
    if (!places.has(key)) places.set(key, []);
    places.get(key).push(i);
  });
  const fmtPeople = (s) => s.headcount == null ? "" : s.headcount.toLocaleString("en") + " people" + (s.headcount_kind && s.headcount_kind !== "exact" ? " (" + s.headcount_kind.replace("_", " ") + ")" : "");
  const sightingMarkers = [...places.values()].map((idx) => {
    const first = data.sightings[idx[0]];
    const count = idx.length > 1 ? '<span class="count">' + idx.length + "</span>" : "";
    const marker = L.marker([first.lat, first.lon], {
      pane: P.sightings, keyboard: true, title: first.place,
      icon: L.divIcon({ className: "sighting-marker", iconSize: [20, 18], iconAnchor: [10, 12],
        html: '<svg width="20" height="18"><path d="M10,1L19,16L1,16Z" fill="#c80000" stroke="#fff" stroke-width="1.5"/></svg>' + count }),
    }).addTo(map);
    marker.bindPopup(() => {
      const day = +slider.value;
      const box = document.createElement("div");
      const h = document.createElement("b");
      h.textContent = first.place + (idx.length > 1 ? " — " + idx.length + " reports" : "");
      box.appendChild(h);
      const ul = document.createElement("ul");
      ul.className = "sighting-list";
      for (const i of idx) {
        const s = data.sightings[i];
        const li = document.createElement("li");
        li.className = "sighting-item" + (s.day > day ? " future" : "");
        li.dataset.index = String(i);
        const lines = [
          [s.date, [s.group ? "group " + s.group : "", fmtPeople(s), s.kind ? s.kind.replace("_", " ") : ""].filter(Boolean).join(" · ")],
          ["Source", s.source],
        ];
        if (s.note) lines.push(["Note", s.note]);
        for (const [k, v] of lines) {
          const div = document.createElement("div");
          const b = document.createElement("b");
          b.textContent = k + ": ";
          div.appendChild(b);
          div.appendChild(document.createTextNode(v || "—"));
          li.appendChild(div);
        }
        ul.appendChild(li);
      }
      box.appendChild(ul);
      return box;
    }, { maxWidth: narrow ? 260 : 340, autoPanPadding: [20, 20] });
    reserved.push([[first.lat, first.lon], 10]);
    return { idx, marker, first };
  });

  // Greedy label placement in screen pixels: right of the point, else left, else hidden.
  function declutter() {
    const marks = reserved.concat(groups.filter((g) => map.hasLayer(g.marker)).map((g) => [g.marker.getLatLng(), 10]));
    const boxes = marks.map(([p, r]) => {
      const c = map.latLngToContainerPoint(p);
      return [c.x - r, c.y - r, c.x + r, c.y + r];
    });
    const size = map.getSize();
    const free = (b) => boxes.every((o) => b[2] <= o[0] || o[2] <= b[0] || b[3] <= o[1] || o[3] <= b[1]);
    for (const lb of labelled) {
      if (!lb.shown) continue;
      const el = lb.m.getElement();
      if (!el) continue;
      const span = el.firstChild;
      const w = span.offsetWidth, h = span.offsetHeight;
      const c = map.latLngToContainerPoint(lb.latlng);
      // Clear of the symbol at the point (a sighting's triangle is the largest, 10 px).
      const spots = lb.centre ? [[-w / 2, -h / 2]] : [[13, -h / 2], [-13 - w, -h / 2], [-w / 2, -h - 12], [-w / 2, 12], [13, -h - 6], [13, 6], [-13 - w, -h - 6], [-13 - w, 6]];
      el.style.visibility = "hidden";
      for (const [dx, dy] of spots) {
        const b = [c.x + dx - 2, c.y + dy - 1, c.x + dx + w + 2, c.y + dy + h + 1];
        if (b[0] >= 0 && b[1] >= 0 && b[2] <= size.x && b[3] <= size.y && free(b)) {
          boxes.push(b);
          span.style.left = dx + "px";
          span.style.top = dy + "px";
          el.style.visibility = "visible";
          break;
        }
      }
    }
  }
  const show = (lb, on) => {
    if (on && !lb.shown) lb.m.addTo(map);
    if (!on && lb.shown) lb.m.remove();
    lb.shown = on;
  };
  for (const lb of labelled) show(lb, !ends.some((x) => x.lb === lb) && !groups.some((g) => g.name === lb));

  // Forecast band (route-sim forecast): the P10–P90 stretch of route and the median position.
  const forecast = L.layerGroup().addTo(map);
  const forecastByDay = new Map((data.forecast || []).map((f) => [f.day, f]));

  const slider = document.getElementById("day");
  const dateLabel = document.getElementById("date-label");
  const status = document.getElementById("status");
  const lastDay = Math.max(data.days.length - 1, ...[...forecastByDay.keys()]);
  slider.max = String(lastDay);

  function showDay(day) {
    const info = data.days[Math.min(day, data.days.length - 1)];
    const f = forecastByDay.get(day);
    dateLabel.textContent = (day < data.days.length ? info.date_label : f.date) + " (day " + day + ")";
    trail.clearLayers();
    const parts = [];
    for (const gr of groups) {
      gr.track.setLatLngs(gr.g.path.filter((v) => v[2] <= day).map((v) => [v[1], v[0]]));
      for (const p of gr.g.positions) {
        if (p.day > day) break;
        L.circleMarker([p.lat, p.lon], { pane: P.trail, radius: 4.5, color: "#fff", weight: 1, fillColor: data.days[p.day].colour, fillOpacity: 1, interactive: false }).addTo(trail);
      }
      const now = gr.byDay.get(Math.min(day, data.days.length - 1));
      const who = data.groups.length > 1 ? gr.g.name + ": " : "";
      const end = ends.find((x) => x.e.group === gr.g.id && x.e.day <= day);
      if (now && now.status !== "dispersed") {
        gr.marker.setLatLng([now.lat, now.lon]).addTo(map);
        if (gr.name) { gr.name.latlng = L.latLng(now.lat, now.lon); gr.name.m.setLatLng(gr.name.latlng); show(gr.name, true); }
      } else {
        gr.marker.remove();
        if (gr.name) show(gr.name, false);
      }
      if (end) parts.push(who + end.e.label);
      else if (now) parts.push(who + now.headcount.toLocaleString("en") + " people, " + now.status + " near " + now.near + ", " + now.country + " (km " + Math.round(now.km) + ")");
    }
    for (const x of ends) {
      const on = x.e.day <= day;
      if (on) x.marker.addTo(map); else x.marker.remove();
      show(x.lb, on);
    }
    for (const s of sightingMarkers) {
      const el = s.marker.getElement();
      if (el) el.classList.toggle("future", s.idx.every((i) => data.sightings[i].day > day));
    }
    forecast.clearLayers();
    if (f) {
      L.polyline(f.band.map(ll), { pane: P.forecast, color: "#7b3294", weight: 12, opacity: 0.35, lineCap: "round", interactive: false, className: "forecast-band" }).addTo(forecast);
      L.circleMarker(ll(f.p50), { pane: P.forecast, radius: 6, color: "#fff", weight: 2, fillColor: "#7b3294", fillOpacity: 1, interactive: false }).addTo(forecast);
      parts.push("forecast for " + f.date + ": between km " + Math.round(f.km_p10) + " and " + Math.round(f.km_p90) + " (P10–P90), median km " + Math.round(f.km_p50) + " near " + f.near_p50);
    }
    status.textContent = parts.join(" · ");
    declutter();
  }

  // Legend: a collapsible box, closed at first on a phone.
  const legend = L.control({ position: "topright" });
  legend.onAdd = () => {
    const div = L.DomUtil.create("div", "legend");
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    const rows = [];
    for (const g of data.groups) {
      rows.push('<svg class="swatch" width="26" height="10"><line x1="0" y1="5" x2="26" y2="5" stroke="' + g.colour + '" stroke-width="4"/></svg>' + esc(data.groups.length > 1 ? "group " + g.name : "simulated track"));
    }
    const ramp = data.days.map((d, i) => d.colour + " " + (100 * i / Math.max(1, data.days.length - 1)).toFixed(1) + "%").join(",");
    if (data.groups.length) rows.push('camps by date:<span class="ramp" style="background: linear-gradient(to right, ' + ramp + ')"></span>');
    if (data.sightings.length) rows.push('<svg class="swatch" width="26" height="16"><path d="M13,1L22,15L4,15Z" fill="#c80000"/></svg>reported sighting (click: every report there)');
    if (data.crossings.length) rows.push('<svg class="swatch" width="26" height="16"><path d="M13,1L20,8L13,15L6,8Z" fill="#f0c800" stroke="#141414" stroke-width="2"/></svg>border crossing');
    if (data.ends.some((e) => e.status === "dispersed")) rows.push('<svg class="swatch" width="26" height="18"><circle cx="13" cy="9" r="8" fill="#fff" stroke="#141414"/><path d="M9,5L17,13M17,5L9,13" stroke="#b00000" stroke-width="2.5"/></svg>dispersed');
    if (data.ends.some((e) => e.status === "arrived")) rows.push('<svg class="swatch" width="26" height="14"><rect x="7" y="1" width="12" height="12" fill="#141414"/></svg>arrived');
    if (forecastByDay.size) {
      rows.push('<svg class="swatch" width="26" height="12"><line x1="2" y1="6" x2="24" y2="6" stroke="#7b3294" stroke-opacity="0.4" stroke-width="10"/></svg>forecast P10–P90');
      rows.push('<svg class="swatch" width="26" height="14"><circle cx="13" cy="7" r="5.5" fill="#7b3294" stroke="#fff" stroke-width="2"/></svg>forecast median');
    }
    rows.push('<svg class="swatch" width="26" height="12"><circle cx="13" cy="6" r="4.5" fill="#fff" stroke="#232323" stroke-width="1.8"/></svg>town on the route');
    div.innerHTML = "<details" + (narrow ? "" : " open") + "><summary>Legend</summary>" + rows.map((r) => "<div>" + r + "</div>").join("") + "</details>";
    return div;
  };
  legend.addTo(map);

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
  map.on("zoomend", declutter);
  map.on("resize", declutter);

  const x = data.extent;
  map.fitBounds([[x.south, x.west], [x.north, x.east]], { padding: narrow ? [4, 4] : [10, 10] });
  slider.value = String(data.start_day || 0);
  showDay(+slider.value);
})();
