// frontline's map: the outlines and regions of the basemap, the front areas, and the events
// of a range of weeks from the service's own OGC API – Features, re-queried as the slider
// moves or the play button steps week by week. No tiles: it works with no internet.
//
// The state lives in the address's hash (#from=2019-04-01&to=2019-04-07&front=tripoli…),
// so a view can be shared; `step=N` moves the range N weeks on after loading, as the play
// button does (the tests use it). #count carries data-count (events drawn) and data-state
// ("ready" once drawn) for scripts.
(function () {
  "use strict";

  const DAY = 86400000;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const EVENT_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians",
    "Protests", "Riots", "Strategic developments"];

  const $ = (id) => document.getElementById(id);
  const state = { weeks: [], fronts: {}, hasEvents: false, hasWeekly: false, request: 0, timer: null };

  const map = L.map("map", { zoomSnap: 0.25, attributionControl: true, preferCanvas: true });
  map.attributionControl.setPrefix(false);
  // Most of the war was fought around Tripoli: the view opens on the west, from Zuwara to
  // Misrata and Gharyan; "Libya" shows the whole country.
  const WEST = [[31.75, 11.9], [33.05, 15.4]];
  const LIBYA = [[19.4, 9.3], [33.3, 25.2]];
  map.fitBounds(WEST);
  const outlines = L.layerGroup().addTo(map);
  const areas = L.layerGroup().addTo(map);
  const events = L.layerGroup().addTo(map);

  // ---- dates -----------------------------------------------------------------------------

  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const parseDay = (s) => Date.parse(s + "T00:00:00Z");
  const monday = (t) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
  const words = (t) => {
    const d = new Date(t);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  };

  // An event's dates at their precision: a day, a span of days, a week, a month, a year.
  function datesOf(p) {
    const a = parseDay(p.date_start), b = parseDay(p.date_end);
    const da = new Date(a), db = new Date(b);
    switch (p.time_precision) {
      case "year": return String(da.getUTCFullYear());
      case "month": return MONTHS[da.getUTCMonth()] + " " + da.getUTCFullYear();
      case "week": return "the week of " + words(a);
      default:
        if (a === b) return words(a);
        if (da.getUTCMonth() === db.getUTCMonth() && da.getUTCFullYear() === db.getUTCFullYear())
          return da.getUTCDate() + "–" + words(b);
        return words(a) + " – " + words(b);
    }
  }

  // ---- the slider ------------------------------------------------------------------------

  function setWeeks(first, last) {
    state.weeks = [];
    for (let t = monday(first); t <= last; t += 7 * DAY) state.weeks.push(t);
    for (const id of ["from", "to"]) {
      $(id).max = String(state.weeks.length - 1);
    }
    $("from").value = "0";
    $("to").value = String(state.weeks.length - 1);
  }

  const range = () => {
    const a = Number($("from").value), b = Number($("to").value);
    return [Math.min(a, b), Math.max(a, b)];
  };
  const weekOf = (day) => {
    const t = parseDay(day);
    let i = 0;
    while (i + 1 < state.weeks.length && state.weeks[i + 1] <= t) i++;
    return i;
  };

  function showRange() {
    const [a, b] = range();
    $("from-label").textContent = words(state.weeks[a]);
    $("to-label").textContent = words(state.weeks[b] + 6 * DAY);
  }

  // Moves the range by `n` weeks, keeping its width; at the end it stops playing.
  function step(n) {
    let [a, b] = range();
    const last = state.weeks.length - 1;
    if (n > 0 && b + n > last) { stop(); return false; }
    if (n < 0 && a + n < 0) return false;
    $("from").value = String(a + n);
    $("to").value = String(b + n);
    update();
    return true;
  }

  function stop() {
    clearInterval(state.timer);
    state.timer = null;
    $("play").textContent = "▶ Play";
  }

  $("play").addEventListener("click", () => {
    if (state.timer) { stop(); return; }
    let [a, b] = range();
    // The whole war at once plays as one week at a time, from the start.
    if (a === 0 && b === state.weeks.length - 1) {
      $("from").value = "0";
      $("to").value = "0";
      update();
    }
    $("play").textContent = "❚❚ Pause";
    state.timer = setInterval(() => step(1), 900);
  });
  $("view-west").addEventListener("click", () => map.fitBounds(WEST));
  $("view-libya").addEventListener("click", () => map.fitBounds(LIBYA));
  $("back").addEventListener("click", () => step(-1));
  $("forward").addEventListener("click", () => step(1));
  $("all").addEventListener("click", () => {
    stop();
    $("from").value = "0";
    $("to").value = String(state.weeks.length - 1);
    update();
  });
  for (const id of ["from", "to"]) {
    $(id).addEventListener("input", showRange);
    $(id).addEventListener("change", update);
  }
  for (const id of ["front", "type", "claim"]) $(id).addEventListener("change", update);
  let typing = null;
  $("actor").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(update, 350);
  });

  // ---- the address's hash ----------------------------------------------------------------

  function readHash() {
    const h = new URLSearchParams(location.hash.slice(1));
    if (h.get("from")) $("from").value = String(weekOf(h.get("from")));
    if (h.get("to")) $("to").value = String(weekOf(h.get("to")));
    for (const id of ["front", "type", "claim", "actor"]) if (h.get(id)) $(id).value = h.get(id);
    state.open = h.get("open");
    return Number(h.get("step") || 0);
  }

  // Opens the popup of the event the hash names (`open=LBY0001`), once drawn.
  function openNamed() {
    if (!state.open) return;
    for (const m of events.getLayers()) {
      if (m.eventId === state.open) m.openPopup();
    }
    state.open = null;
  }

  function writeHash() {
    const [a, b] = range();
    const h = new URLSearchParams();
    h.set("from", iso(state.weeks[a]));
    h.set("to", iso(state.weeks[b] + 6 * DAY));
    for (const id of ["front", "type", "claim", "actor"]) if ($(id).value) h.set(id, $(id).value);
    history.replaceState(null, "", "#" + h.toString());
  }

  // ---- drawing ---------------------------------------------------------------------------

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const web = (u) => /^https?:\/\//i.test(u || "");

  // A click shows the headline in English and Arabic, the dates at their precision, the
  // claim, the fatalities and the sources as links.
  function popup(p) {
    const box = el("div", "popup");
    box.appendChild(el("h3", "", p.headline || (p.location + ": " + p.sub_event_type)));
    if (p.headline_ar) {
      const ar = el("p", "ar", p.headline_ar);
      ar.lang = "ar";
      ar.dir = "rtl";
      box.appendChild(ar);
    }
    box.appendChild(el("p", "meta", datesOf(p) + " · " + p.location + " · " + (p.front_name || p.front)));
    box.appendChild(el("p", "meta", p.sub_event_type + (p.fatalities != null ? " · " + p.fatalities + " killed" : "")));
    const by = p.claimed_by ? " by " + p.claimed_by : "";
    const claim = p.claim_status === "disputed" ? "Disputed: claimed" + by + " and denied"
      : p.claim_status === "claimed" ? "Claimed" + by + ", not confirmed" : "Confirmed";
    box.appendChild(el("p", "claim " + p.claim_status, claim));
    const names = (p.source || "").split("; ");
    const urls = (p.source_url || "").split("; ");
    const stances = (p.source_stance || "").split("; ");
    const list = el("ul");
    names.forEach((name, i) => {
      if (!name) return;
      const li = el("li");
      if (web(urls[i])) {
        const a = el("a", "", name);
        a.href = urls[i];
        a.target = "_blank";
        a.rel = "noopener";
        li.appendChild(a);
      } else {
        li.textContent = name;
      }
      if (stances[i] === "denies") li.appendChild(document.createTextNode(" (denies)"));
      if (stances[i] === "claims") li.appendChild(document.createTextNode(" (relays a claim)"));
      list.appendChild(li);
    });
    box.appendChild(el("p", "meta", "Sources:"));
    box.appendChild(list);
    return box;
  }

  const colour = (front) => (state.fronts[front] && state.fronts[front].color) || "#607d8b";

  function drawEvents(features) {
    events.clearLayers();
    // Largest first, so small events stay clickable on top.
    features.sort((a, b) => (b.properties.fatalities || 0) - (a.properties.fatalities || 0));
    for (const f of features) {
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const deaths = p.fatalities || 0;
      const marker = L.circleMarker([lat, lon], {
        radius: Math.min(4 + 2.2 * Math.sqrt(deaths), 26),
        color: "#263238",
        weight: 1,
        dashArray: p.claim_status === "confirmed" ? null : "3 2",
        fillColor: colour(p.front),
        fillOpacity: 0.78,
      });
      marker.bindPopup(() => popup(p), { maxWidth: 320 });
      marker.eventId = p.event_id_cnty;
      events.addLayer(marker);
    }
    return events.getLayers().length;
  }

  function filters(params) {
    for (const id of ["front", "type", "claim"]) if ($(id).value) params.set(id, $(id).value);
    if ($("actor").value.trim()) params.set("actor", $("actor").value.trim());
  }

  // Re-queries the service for the range and filters, and draws the answer.
  async function update() {
    stopIfDone();
    showRange();
    writeHash();
    const [a, b] = range();
    const datetime = iso(state.weeks[a]) + "/" + iso(state.weeks[b] + 6 * DAY);
    const mine = ++state.request;
    $("count").dataset.state = "loading";
    try {
      if (state.hasEvents) {
        const q = new URLSearchParams({ f: "json", limit: "10000", datetime });
        filters(q);
        const page = await getJSON("/collections/events/items?" + q.toString());
        if (mine !== state.request) return;
        const drawn = drawEvents(page.features);
        openNamed();
        const more = page.numberMatched > drawn ? " (the first " + drawn + " of " + page.numberMatched + ")" : "";
        say(drawn, page.numberMatched, drawn + " event" + (drawn === 1 ? "" : "s") + more);
      } else if (state.hasWeekly) {
        const q = new URLSearchParams({ f: "json", limit: "10000", datetime });
        if ($("front").value) q.set("front", $("front").value);
        const page = await getJSON("/collections/weekly/items?" + q.toString());
        if (mine !== state.request) return;
        const total = drawWeekly(page.features);
        say(total, total, total + " events (weekly counts per front)");
      }
    } catch (e) {
      if (mine !== state.request) return;
      say(0, 0, "The service said: " + e.message);
    }
  }

  function stopIfDone() {
    if (state.timer && range()[1] >= state.weeks.length - 1) stop();
  }

  function say(drawn, matched, text) {
    const c = $("count");
    c.textContent = text;
    c.dataset.count = String(drawn);
    c.dataset.drawn = String(events.getLayers().length);
    c.dataset.matched = String(matched);
    c.dataset.state = "ready";
  }

  // Counts of an aggregated input: a circle per front, sized by its events in the range.
  function drawWeekly(features) {
    events.clearLayers();
    const sums = {};
    for (const f of features) {
      const p = f.properties;
      const s = sums[p.front] || (sums[p.front] = { events: 0, fatalities: 0, name: p.front_name });
      s.events += p.events;
      s.fatalities += p.fatalities;
    }
    let total = 0;
    for (const [front, s] of Object.entries(sums)) {
      total += s.events;
      const f = state.fronts[front];
      if (!f || !f.center) continue;
      const m = L.circleMarker(f.center, {
        radius: Math.min(5 + 3 * Math.sqrt(s.events), 40), color: "#263238", weight: 1,
        fillColor: colour(front), fillOpacity: 0.7,
      });
      m.bindTooltip(s.name + ": " + s.events + " events, " + s.fatalities + " killed");
      events.addLayer(m);
    }
    return total;
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/geo+json, application/json" } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.description || r.statusText);
    return body;
  }

  // ---- start -----------------------------------------------------------------------------

  async function start() {
    const [collections, countries, admin1, fronts] = await Promise.all([
      getJSON("/collections"),
      getJSON("/map/countries.geojson"),
      getJSON("/map/admin1.geojson"),
      getJSON("/collections/fronts/items?f=json&limit=1000"),
    ]);
    L.geoJSON(countries, {
      style: (f) => ({
        color: "#8d8a80", weight: 1, fillOpacity: 1,
        fillColor: f.properties.iso_a2 === "LY" ? "#f3efe4" : "#e2ded3",
      }),
      interactive: false,
    }).addTo(outlines);
    L.geoJSON(admin1, {
      style: () => ({ color: "#b3ad9e", weight: 0.7, fill: false, dashArray: "2 3" }),
      interactive: false,
    }).addTo(outlines);

    const legend = $("legend");
    for (const f of fronts.features) {
      const p = f.properties;
      const layer = L.geoJSON(f, {
        style: () => ({ color: p.color, weight: 1, fillColor: p.color, fillOpacity: 0.12 }),
        interactive: false,
      }).addTo(areas);
      state.fronts[p.id] = { color: p.color, name: p.name, center: layer.getBounds().getCenter() };
      const o = el("option", "", p.name + " · " + p.name_ar);
      o.value = p.id;
      $("front").appendChild(o);
      const li = el("li");
      const dot = el("i");
      dot.style.background = p.color;
      li.appendChild(dot);
      li.appendChild(document.createTextNode(p.name));
      legend.appendChild(li);
    }
    for (const t of EVENT_TYPES) {
      const o = el("option", "", t);
      o.value = t;
      $("type").appendChild(o);
    }

    const byId = {};
    for (const c of collections.collections) byId[c.id] = c;
    state.hasEvents = Boolean(byId.events);
    state.hasWeekly = Boolean(byId.weekly);
    const main = byId.events || byId.weekly || byId.fronts;
    const interval = main.extent && main.extent.temporal && main.extent.temporal.interval[0];
    const first = interval ? Date.parse(interval[0]) : parseDay("2019-04-01");
    const last = interval ? Date.parse(interval[1]) : parseDay("2020-10-31");
    setWeeks(first, last);

    const credits = [];
    for (const c of collections.collections) if (c.attribution) credits.push(c.title + ": " + c.attribution);
    credits.push("Outlines: Natural Earth (public domain). Map: Leaflet (BSD 2-Clause).");
    $("credits").textContent = credits.join(" · ");
    map.attributionControl.addAttribution("Natural Earth · GeoNames · frontline");
    if (state.hasWeekly) {
      const note = $("note");
      note.hidden = false;
      note.textContent = "Some data is shown as weekly counts per front only: its terms (ACLED's) forbid handing on its rows.";
      if (!state.hasEvents) for (const id of ["type", "claim", "actor"]) $(id).disabled = true;
    }

    const steps = readHash();
    await update();
    for (let i = 0; i < steps; i++) if (!step(1)) break;
  }

  start().catch((e) => {
    $("count").textContent = "The map could not start: " + e.message;
    $("count").dataset.state = "failed";
  });
})();
