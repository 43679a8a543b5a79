// eventwire dashboard. Story text is untrusted: it only ever reaches the page through
// textContent and text nodes, never innerHTML.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const QUAD_COLOURS = { "1": "#81c784", "2": "#2e7d32", "3": "#ef9a9a", "4": "#c62828" };
const PAGE = 25;
const TOP = "40"; // actor pairs the network shows unless told
const POLL_MS = 5000; // how often the dashboard asks whether the database grew
const state = { filters: {}, offset: 0, event: null, top: TOP, stamp: null };

const $ = (sel) => document.querySelector(sel);
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? "")));
  return node;
}

async function getJSON(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function actorLabel(code, name) {
  if (!code && !name) return "–";
  return code ? `${name || code} [${code}]` : name;
}

// ---------------------------------------------------------------- filters
function filterNames() {
  return [...$("#filters").elements].map((input) => input.name).filter(Boolean);
}

function readFilters() {
  const data = new FormData($("#filters"));
  const out = {};
  for (const [k, v] of data.entries()) if (v) out[k] = v;
  return out;
}

function writeFilters(filters) {
  for (const input of $("#filters").elements) if (input.name) input.value = filters[input.name] || "";
}

// The filters (and the network's size) live in the page's URL: a view can be shared,
// reloaded, and the back button returns to the one before.
function urlOf(filters) {
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  if (state.top !== TOP) params.set("top", state.top);
  if (state.event) params.set("event", state.event);
  const query = params.toString();
  return window.location.pathname + (query ? `?${query}` : "");
}

function readURL() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const name of filterNames()) if (params.get(name)) filters[name] = params.get(name);
  state.top = params.get("top") || TOP;
  $("#network-top").value = state.top;
  state.event = params.get("event");
  return filters;
}

function applyFilters(extra = {}, { keepTimeline = false, history = "push" } = {}) {
  const merged = { ...readFilters(), ...extra };
  state.filters = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== "" && v != null));
  writeFilters(state.filters);
  const url = urlOf(state.filters);
  if (history === "push" && url !== window.location.pathname + window.location.search) window.history.pushState(null, "", url);
  if (history === "replace") window.history.replaceState(null, "", url);
  state.offset = 0;
  refresh({ keepTimeline });
}

function refresh({ keepTimeline = false } = {}) {
  loadTable();
  loadNetwork();
  if (!keepTimeline) loadTimeline();
  for (const format of ["csv", "json"]) {
    const params = new URLSearchParams({ format, ...state.filters });
    $(`#download-${format}`).href = `/api/download?${params}`;
  }
  document.dispatchEvent(new CustomEvent("eventwire:filters", { detail: state.filters }));  // map.js
}
window.eventwire = { applyFilters };

// A dashboard on a database that an ingest is still writing to shows what arrives.
async function poll() {
  try {
    const stats = await getJSON("/api/stats");
    $("#stats").textContent = `${stats.events} events from ${stats.stories} stories`;
    const stamp = `${stats.events}/${stats.stories}/${stats.reports}`;
    if (state.stamp !== null && stamp !== state.stamp) refresh();
    state.stamp = stamp;
  } catch (err) {
    console.warn("eventwire: poll failed", err);
  }
}

// ---------------------------------------------------------------- table
async function loadTable() {
  const data = await getJSON("/api/events", { ...state.filters, limit: PAGE, offset: state.offset, sort: "day", desc: true });
  $("#total").textContent = `(${data.total})`;
  const body = $("#events tbody");
  body.replaceChildren();
  for (const e of data.items) {
    const row = el("tr", { dataset: { event: e.event_id } },
      el("td", {}, e.day || e.date || "?"),
      el("td", {}, actorLabel(e.source_code, e.source_name)),
      el("td", { class: `q${e.quad_class}` }, `${e.event_type} ${e.cameo}`),
      el("td", {}, actorLabel(e.target_code, e.target_name)),
      el("td", {}, e.status),
      el("td", {}, e.num_reports),
      el("td", {}, Number(e.confidence).toFixed(2)));
    row.addEventListener("click", () => openEvent(e.event_id, row));
    body.append(row);
  }
  $("#prev").disabled = state.offset === 0;
  $("#next").disabled = state.offset + PAGE >= data.total;
}

async function openEvent(eventId, row) {
  document.querySelectorAll("#events tr.selected").forEach((r) => r.classList.remove("selected"));
  if (row) row.classList.add("selected");
  state.event = eventId;  // in the URL too, so the story view can be shared
  window.history.replaceState(null, "", urlOf(state.filters));
  const event = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  const report = event.reports[0];
  const story = await getJSON(`/api/stories/${encodeURIComponent(report.story_id)}`);
  $("#story-box").hidden = false;
  const cut = titleEnd(story);  // a headline in the text is the heading, not shown twice
  if (cut) showStory(story, $("#story-title"), report.report_index, 0, cut);
  else $("#story-title").textContent = story.title || story.story_id;
  showStory(story, $("#story-text"), report.report_index, cut);
  showMeta(story);
  showEventDetail(event, report);
}

function titleEnd(story) {
  // Where the story's headline ends when its text starts with it (0 if it does not).
  const first = (story.sentences || [])[0];
  if (first && first.kind === "title" && first.start === 0) return first.end;
  const text = story.text || "";
  return story.title && text.startsWith(story.title) ? story.title.length : 0;
}

function showMeta(story) {
  const parts = [story.published, story.source].filter(Boolean);
  const meta = $("#story-meta");
  meta.replaceChildren(parts.join(" · "));
  if (!story.url) return;
  if (parts.length) meta.append(" · ");
  let href = null;
  try { href = new URL(story.url); } catch { href = null; }
  if (href && (href.protocol === "http:" || href.protocol === "https:"))  // never javascript: or data:
    meta.append(el("a", { href: href.href, target: "_blank", rel: "noopener noreferrer" }, story.url));
  else meta.append(story.url);
}

function showEventDetail(event, report) {
  const box = $("#event-detail");
  box.replaceChildren(
    el("strong", {}, `${event.event_type} (CAMEO ${event.cameo})`), " ",
    `${actorLabel(event.source_code, event.source_name)} → ${actorLabel(event.target_code, event.target_name)}; `,
    `${event.status}${event.attributed_name ? " by " + event.attributed_name : ""}; `,
    `${event.num_reports} report(s) from ${event.num_sources} source(s); confidence ${Number(event.confidence).toFixed(2)}`,
    el("br"), el("small", {}, report ? report.evidence || "" : ""));
}

// ---------------------------------------------------------------- story view
function storySpans(story) {
  const spans = [];
  for (const a of story.actors || []) for (const m of a.mentions || [])
    spans.push({ start: m.start, end: m.end, cls: "actor", title: actorLabel(a.code, a.name) });
  for (const e of story.events || []) spans.push({ start: e.trigger_start, end: e.trigger_end, cls: "trigger",
    title: `${e.event_type} ${e.cameo}: ${actorLabel(e.source_code, e.source_name)} → ${actorLabel(e.target_code, e.target_name)} (${e.status})`,
    report: e.report_index });
  for (const t of story.times || []) spans.push({ start: t.start, end: t.end, cls: "time", title: `${t.type} ${t.value || "?"}` });
  for (const q of story.quantities || []) spans.push({ start: q.start, end: q.end, cls: "quantity", title: `${q.op} ${q.value} ${q.unit || ""}` });
  for (const q of story.quotes || []) if (q.kind !== "indirect")
    spans.push({ start: q.start, end: q.end, cls: "quote", title: `${q.kind} quote: ${q.speaker_name || "unknown"}` });
  return spans.filter((s) => Number.isInteger(s.start) && s.end > s.start);
}

function showStory(story, container, focusReport, from = 0, to = null) {
  // The story's text from `from` to `to` (leading blank lines dropped), with its spans highlighted.
  const text = story.text || "";
  to = to === null ? text.length : to;
  while (from < to && /\s/.test(text[from])) from++;
  const spans = storySpans(story).filter((s) => s.end > from && s.start < to);
  const cuts = new Set([from, to]);
  for (const s of spans) { cuts.add(Math.max(from, s.start)); cuts.add(Math.min(to, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  container.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { container.append(document.createTextNode(piece)); continue; }
    const node = el("span", { class: "hl " + [...new Set(covering.map((s) => s.cls))].join(" "),
      title: covering.map((s) => s.title).join("\n") }, piece);
    const trigger = covering.find((s) => s.cls === "trigger");
    if (trigger) {
      node.dataset.report = trigger.report;
      if (trigger.report === focusReport) node.classList.add("focus");
      node.addEventListener("click", () => {
        const e = (story.events || []).find((x) => x.report_index === trigger.report);
        if (e && e.event_id) openEvent(e.event_id, null);
      });
    }
    container.append(node);
  }
  const focus = container.querySelector(".focus");
  if (focus) focus.scrollIntoView({ block: "center", behavior: "instant" });
}

// ---------------------------------------------------------------- timeline
async function loadTimeline() {
  const { since, until, ...rest } = state.filters;
  let data = await getJSON("/api/timeline", { ...rest, interval: "day", by: "quad_class" });
  const days = data.periods;
  const span = days.length ? (Date.parse(days.at(-1)) - Date.parse(days[0])) / 864e5 : 0;
  const interval = span > 730 ? "month" : span > 120 ? "week" : "day";
  if (interval !== "day") data = await getJSON("/api/timeline", { ...rest, interval, by: "quad_class" });
  state.interval = interval;
  drawTimeline(data.periods, data.series);  // every period from first to last: gaps stay visible
}

function textWidth(svg, labels) {
  // The widest of `labels` in the axis font, so the margin fits them.
  const probe = svg.append("g").attr("font-size", 10).attr("font-family", "sans-serif");
  const widths = labels.map((t) => probe.append("text").text(t).node().getComputedTextLength());
  probe.remove();
  return Math.max(0, ...widths);
}

function periodLabel(period) {
  return state.interval === "month" ? period.slice(0, 7) : state.interval === "year" ? period.slice(0, 4) : period;
}

function drawTimeline(periods, series) {
  const svg = d3.select("#timeline");
  svg.selectAll("*").remove();
  const { width, height } = svg.node().getBoundingClientRect();
  if (!periods.length) { svg.append("text").attr("x", 20).attr("y", 40).text("no dated events"); return; }
  const keys = ["1", "2", "3", "4"];
  const at = new Map(periods.map((p) => [p, { period: p, 1: 0, 2: 0, 3: 0, 4: 0 }]));
  for (const d of series) if (at.has(d.period)) at.get(d.period)[d.key] = d.count;
  const stacked = d3.stack().keys(keys)([...at.values()]);
  const most = d3.max(stacked.at(-1), (d) => d[1]) || 1;
  const y = d3.scaleLinear().domain([0, most]).nice();
  const count = d3.format(",d");
  const yTicks = y.ticks(Math.min(5, y.domain()[1])).filter(Number.isInteger);  // events come whole
  const m = { top: 10, right: 14, bottom: 24, left: 12 + textWidth(svg, yTicks.map(count)) };
  y.range([height - m.bottom, m.top]);
  const x = d3.scaleBand().domain(periods).range([m.left, width - m.right]).padding(periods.length > 60 ? 0 : 0.15);
  svg.append("g").selectAll("g").data(stacked).join("g").attr("fill", (d) => QUAD_COLOURS[d.key])
    .selectAll("rect").data((d) => d).join("rect").attr("class", "bar").attr("data-period", (d) => d.data.period)
    .attr("x", (d) => x(d.data.period)).attr("width", x.bandwidth())
    .attr("y", (d) => y(d[1])).attr("height", (d) => y(d[0]) - y(d[1]))
    .append("title").text((d) => `${periodLabel(d.data.period)}: ${count(d[1] - d[0])}`);
  const room = Math.max(1, Math.floor((width - m.left - m.right) / (textWidth(svg, [periodLabel(periods[0])]) + 16)));
  const xTicks = periods.filter((_, i) => i % Math.ceil(periods.length / room) === 0);
  svg.append("g").attr("class", "x-axis").attr("transform", `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).tickValues(xTicks).tickFormat(periodLabel));
  svg.append("g").attr("class", "y-axis").attr("transform", `translate(${m.left},0)`)
    .call(d3.axisLeft(y).tickValues(yTicks).tickFormat(count));
  const brush = d3.brushX().extent([[m.left, m.top], [width - m.right, height - m.bottom]]).on("end", (ev) => {
    if (!ev.selection) { applyFilters({ since: "", until: "" }, { keepTimeline: true }); return; }
    const [a, b] = ev.selection;
    const inside = periods.filter((p) => x(p) + x.bandwidth() >= a && x(p) <= b);
    if (inside.length) applyFilters({ since: inside[0], until: endOf(inside.at(-1)) }, { keepTimeline: true });
  });
  svg.append("g").attr("class", "brush").call(brush);
}

function endOf(period) {
  // The last day of a day, week or month period that starts on `period` (YYYY-MM-DD).
  const d = new Date(period + "T00:00:00Z");
  if (state.interval === "week") d.setUTCDate(d.getUTCDate() + 6);
  if (state.interval === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  if (state.interval === "year") { d.setUTCFullYear(d.getUTCFullYear() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- network
const LABELLED = 40; // nodes that may have a label; the others say who they are on hover

async function loadNetwork() {
  const data = await getJSON("/api/network", { ...state.filters, limit: state.top });
  drawNetwork(data);
}

function drawNetwork({ nodes, edges, hidden }) {
  const svg = d3.select("#network");
  svg.selectAll("*").remove();
  $("#network-hidden").textContent = hidden ? `; ${hidden} event(s) whose actor is a sector of no known country not drawn` : "";
  const { width, height } = svg.node().getBoundingClientRect();
  if (!nodes.length) { svg.append("text").attr("x", 20).attr("y", 40).text("no actor pairs"); return; }
  const links = edges.map((e) => ({ ...e }));
  const radius = d3.scaleSqrt().domain([1, d3.max(nodes, (d) => d.count)]).range([4, 13]);
  // Laid out once, before drawing: pulled to the middle rather than pushed against the edges.
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id).distance(70))
    .force("charge", d3.forceManyBody().strength(-Math.max(60, 2400 / nodes.length)))
    .force("x", d3.forceX(width / 2).strength(0.04))
    .force("y", d3.forceY(height / 2).strength(0.08))
    .force("collide", d3.forceCollide((d) => radius(d.count) + 3))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  const labelled = new Set([...nodes].sort((a, b) => b.count - a.count).slice(0, LABELLED).map((d) => d.id));
  const colour = d3.scaleLinear().domain([-10, 0, 10]).range(["#c62828", "#bbbbbb", "#2e7d32"]);
  const link = svg.append("g").selectAll("line").data(links).join("line")
    .attr("stroke", (d) => colour(d.goldstein)).attr("stroke-width", (d) => 1 + Math.min(6, Math.sqrt(d.count)));
  link.append("title").text((d) => `${d.source.id} → ${d.target.id}: ${d.count} events, mean Goldstein ${d.goldstein}`);
  const node = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", (d) => d.inferred ? "node inferred" : "node")
    .on("click", (_, d) => applyFilters({ actor: d.id }));
  node.append("circle").attr("r", (d) => radius(d.count)).attr("fill", "#4a7bd0");
  const label = node.filter((d) => labelled.has(d.id)).append("text").attr("dy", 3).text((d) => d.id);
  node.append("title").text((d) => `${d.name || d.id} [${d.id}] (${d.count} events)` +
    (d.inferred ? "; its country is the events' location" : ""));
  // Labels point inward and every node moves in until its label fits.
  label.each(function (d) { d.label = this.getComputedTextLength(); });
  for (const d of nodes) {
    const r = radius(d.count), room = (d.label || 0) + r + 4;
    d.left = d.x > width / 2;
    d.x = d.left ? Math.max(room, Math.min(width - r - 2, d.x)) : Math.max(r + 2, Math.min(width - room, d.x));
    d.y = Math.max(r + 2, Math.min(height - r - 2, d.y));
  }
  label.attr("text-anchor", (d) => d.left ? "end" : "start").attr("dx", (d) => d.left ? -(radius(d.count) + 3) : radius(d.count) + 3);
  link.attr("x1", (d) => d.source.x).attr("y1", (d) => d.source.y).attr("x2", (d) => d.target.x).attr("y2", (d) => d.target.y);
  node.attr("transform", (d) => `translate(${d.x},${d.y})`);
  // Heaviest first, a label that would overlap one already placed is dropped (the node keeps its tooltip).
  const placed = [];
  label.sort((a, b) => b.count - a.count).each(function () {
    const box = this.getBoundingClientRect();
    if (placed.some((p) => box.left < p.right && p.left < box.right && box.top < p.bottom && p.top < box.bottom)) this.remove();
    else placed.push(box);
  });
}

// ---------------------------------------------------------------- paste a story
async function pasteExtract(ev) {
  ev.preventDefault();
  const form = new FormData($("#paste-form"));
  $("#paste-status").textContent = "extracting…";
  const res = await fetch("/api/extract", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: form.get("text"), date: form.get("date") || null }) });
  const body = await res.json();
  if (!res.ok) { $("#paste-status").textContent = body.error; return; }
  $("#paste-status").textContent = `${body.events.length} events, ${body.quotes.length} quotes`;
  const rows = $("#paste-events tbody");
  rows.replaceChildren();
  body.events.forEach((e) => rows.append(el("tr", {},
    el("td", {}, e.date || "?"), el("td", {}, e.source ? actorLabel(e.source.code, e.source.name) : "–"),
    el("td", { class: `q${e.quad_class}` }, `${e.event_type} ${e.cameo}`),
    el("td", {}, e.target ? actorLabel(e.target.code, e.target.name) : "–"), el("td", {}, e.status),
    el("td", {}, e.confidence.toFixed(2)))));
  showStory(fromExtract(body), $("#paste-story"), null);
}

function fromExtract(d) {
  return {
    text: d.story.text,
    actors: d.actors.map((a) => ({ code: a.code, name: a.name, mentions: a.mentions })),
    events: d.events.map((e, i) => ({ report_index: i, event_type: e.event_type, cameo: e.cameo, status: e.status,
      source_code: e.source && e.source.code, source_name: e.source && e.source.name,
      target_code: e.target && e.target.code, target_name: e.target && e.target.name,
      trigger_start: e.trigger.start, trigger_end: e.trigger.end })),
    times: d.times, quantities: d.quantities,
    quotes: d.quotes.map((q) => ({ ...q, speaker_name: q.speaker && q.speaker.name })),
  };
}

// ---------------------------------------------------------------- start
function showPage(name) {
  for (const page of ["dashboard", "paste"]) {
    $(`#page-${page}`).hidden = page !== name;
    $(`#tab-${page}`).classList.toggle("active", page === name);
  }
}

async function start() {
  const select = $("#filters select[name=type]");
  for (const t of TYPES) select.append(el("option", { value: t }, t));
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(); });
  $("#clear-filters").addEventListener("click", () => { $("#filters").reset(); closeStory(); applyFilters({}); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadTable(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; loadTable(); });
  $("#network-top").addEventListener("change", (ev) => { state.top = ev.target.value; applyFilters({}, { keepTimeline: true }); });
  $("#tab-dashboard").addEventListener("click", () => showPage("dashboard"));
  $("#tab-paste").addEventListener("click", () => showPage("paste"));
  $("#paste-form").addEventListener("submit", pasteExtract);
  const outlets = await getJSON("/api/outlets");
  for (const o of outlets.items) $("#filters select[name=outlet]").append(el("option", { value: o }, o));
  window.addEventListener("popstate", () => { writeFilters(readURL()); applyFilters({}, { history: "none" }); showEvent(); });
  await poll();
  window.setInterval(poll, POLL_MS);
  writeFilters(readURL());
  applyFilters({}, { history: "replace" });
  showEvent();
}

function showEvent() {
  // The event the URL names, or none.
  if (state.event) openEvent(state.event, null).catch(() => { closeStory(); window.history.replaceState(null, "", urlOf(state.filters)); });
  else closeStory();
}

function closeStory() {
  state.event = null;
  $("#story-box").hidden = true;
}

document.addEventListener("DOMContentLoaded", start);
