// eventwire dashboard: the map. A world base map (Natural Earth countries from the
// world-atlas package, drawn with d3-geo; nothing fetched but this server's files) and the
// located events as points, sized by reports and coloured by quad class. It follows the
// dashboard's filters (the timeline brush among them); a click on a point filters the
// table to the events within 50 km of it.
"use strict";

(() => {
  const QUAD = { 1: "#81c784", 2: "#2e7d32", 3: "#ef9a9a", 4: "#c62828" };
  const LIMIT = 500; // events the map asks for (the API's bound), most reported first
  let world = null;

  async function json(path, params = {}) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params)) if (v !== "" && v != null) url.searchParams.set(k, v);
    const res = await fetch(url);
    if (!res.ok) throw new Error(res.statusText);
    return res.json();
  }

  // Events at the same point are one dot: its size the reports there, its colour their worst quad class.
  function group(items) {
    const at = new Map();
    for (const e of items) {
      if (e.location_lat == null || e.location_lon == null) continue;
      const key = `${e.location_lat},${e.location_lon}`;
      const g = at.get(key) || { lat: e.location_lat, lon: e.location_lon, name: e.location_name || e.location,
        precision: e.location_precision, reports: 0, events: 0, quad: 0 };
      g.reports += e.num_reports || 1;
      g.events += 1;
      g.quad = Math.max(g.quad, e.quad_class || 0);
      at.set(key, g);
    }
    return [...at.values()].sort((a, b) => b.reports - a.reports);
  }

  async function draw(filters) {
    const svg = d3.select("#map");
    const node = svg.node();
    if (!node) return;
    if (!world) world = await json("/static/vendor/countries-110m.json");
    const { near, km, ...rest } = filters || {};
    const data = await json("/api/events", { ...rest, limit: LIMIT, sort: "num_reports", desc: true });
    const width = node.clientWidth || 600, height = node.clientHeight || 260;
    const land = topojson.feature(world, world.objects.countries);
    const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
    const path = d3.geoPath(projection);
    svg.attr("viewBox", `0 0 ${width} ${height}`).selectAll("*").remove();
    svg.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
    svg.append("g").attr("class", "land").selectAll("path").data(land.features).join("path").attr("d", path);
    const points = group(data.items);
    const r = d3.scaleSqrt().domain([1, d3.max(points, (p) => p.reports) || 1]).range([3, 14]);
    svg.append("g").attr("class", "points").selectAll("circle").data(points).join("circle")
      .attr("class", "point")
      .attr("cx", (p) => projection([p.lon, p.lat])[0]).attr("cy", (p) => projection([p.lon, p.lat])[1])
      .attr("r", (p) => r(p.reports)).attr("fill", (p) => QUAD[p.quad] || "#888")
      .on("click", (_, p) => window.eventwire.applyFilters({ near: `${p.lat},${p.lon}`, km: 50 }, { keepTimeline: true }))
      .append("title").text((p) => `${p.name} (${p.precision}): ${p.events} event(s), ${p.reports} report(s)`);
    $map.caption(points.length, data.items.length);
  }

  const $map = {
    caption(dots, events) {
      const c = document.querySelector("#map-count");
      if (c) c.textContent = `${dots} place(s), ${events} event(s) shown`;
    },
  };

  document.addEventListener("eventwire:filters", (ev) => draw(ev.detail).catch((err) => console.error(err)));
})();
