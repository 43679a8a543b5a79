// eventwire dashboard. Story text is untrusted: it only ever reaches the page through
// textContent and text nodes, never innerHTML.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const QUAD_COLOURS = { "1": "#81c784", "2": "#2e7d32", "3": "#ef9a9a", "4": "#c62828" };
const PAGE = 25;
const state = { filters: {}, offset: 0, selected: null };

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
function readFilters() {
  const data = new FormData($("#filters"));
  const out = {};
  for (const [k, v] of data.entries()) if (v) out[k] = v;
  return out;
}

function writeFilters(filters) {
  for (const input of $("#filters").elements) if (input.name) input.value = filters[input.name] || "";
}

function applyFilters(extra = {}, { keepTimeline = false } = {}) {
  state.filters = { ...readFilters(), ...extra };
  writeFilters(state.filters);
  state.offset = 0;
  loadTable();
  loadNetwork();
  if (!keepTimeline) loadTimeline();
  document.dispatchEvent(new CustomEvent("eventwire:filters", { detail: state.filters }));  // map.js
}
window.eventwire = { applyFilters };

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
  const event = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  const report = event.reports[0];
  const story = await getJSON(`/api/stories/${encodeURIComponent(report.story_id)}`);
  showStory(story, $("#story-text"), report.report_index);
  $("#story-box").hidden = false;
  $("#story-title").textContent = story.title || story.story_id;
  $("#story-meta").textContent = [story.published, story.source, story.url].filter(Boolean).join(" · ");
  showEventDetail(event, report);
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

function showStory(story, container, focusReport) {
  const text = story.text || "";
  const spans = storySpans(story);
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
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
  const days = [...new Set(data.series.map((d) => d.period))].sort();
  const span = days.length ? (Date.parse(days.at(-1)) - Date.parse(days[0])) / 864e5 : 0;
  const interval = span > 730 ? "month" : span > 120 ? "week" : "day";
  if (interval !== "day") data = await getJSON("/api/timeline", { ...rest, interval, by: "quad_class" });
  state.interval = interval;
  drawTimeline(data.series);
}

function drawTimeline(series) {
  const svg = d3.select("#timeline");
  svg.selectAll("*").remove();
  const { width, height } = svg.node().getBoundingClientRect();
  const m = { top: 10, right: 10, bottom: 24, left: 34 };
  const periods = [...new Set(series.map((d) => d.period))].sort();
  if (!periods.length) { svg.append("text").attr("x", 20).attr("y", 40).text("no dated events"); return; }
  const keys = ["1", "2", "3", "4"];
  const table = periods.map((p) => {
    const row = { period: p };
    for (const k of keys) row[k] = 0;
    for (const d of series) if (d.period === p) row[d.key] = d.count;
    return row;
  });
  const stacked = d3.stack().keys(keys)(table);
  const x = d3.scaleBand().domain(periods).range([m.left, width - m.right]).padding(0.15);
  const y = d3.scaleLinear().domain([0, d3.max(stacked.at(-1), (d) => d[1]) || 1]).nice().range([height - m.bottom, m.top]);
  svg.append("g").selectAll("g").data(stacked).join("g").attr("fill", (d) => QUAD_COLOURS[d.key])
    .selectAll("rect").data((d) => d).join("rect").attr("class", "bar")
    .attr("x", (d) => x(d.data.period)).attr("width", x.bandwidth())
    .attr("y", (d) => y(d[1])).attr("height", (d) => y(d[0]) - y(d[1]));
  const ticks = periods.filter((_, i) => i % Math.ceil(periods.length / 8) === 0);
  svg.append("g").attr("transform", `translate(0,${height - m.bottom})`).call(d3.axisBottom(x).tickValues(ticks));
  svg.append("g").attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(4));
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
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- network
async function loadNetwork() {
  const data = await getJSON("/api/network", { ...state.filters, limit: 60 });
  drawNetwork(data);
}

function drawNetwork({ nodes, edges }) {
  const svg = d3.select("#network");
  svg.selectAll("*").remove();
  const { width, height } = svg.node().getBoundingClientRect();
  if (!nodes.length) { svg.append("text").attr("x", 20).attr("y", 40).text("no actor pairs"); return; }
  const links = edges.map((e) => ({ ...e }));
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id).distance(70))
    .force("charge", d3.forceManyBody().strength(-180))
    .force("center", d3.forceCenter(width / 2, height / 2))
    .force("collide", d3.forceCollide(18));
  const colour = d3.scaleLinear().domain([-10, 0, 10]).range(["#c62828", "#bbbbbb", "#2e7d32"]);
  const link = svg.append("g").selectAll("line").data(links).join("line")
    .attr("stroke", (d) => colour(d.goldstein)).attr("stroke-width", (d) => 1 + Math.sqrt(d.count));
  link.append("title").text((d) => `${d.source.id || d.source} → ${d.target.id || d.target}: ${d.count} events, mean Goldstein ${d.goldstein}`);
  const node = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", "node")
    .on("click", (_, d) => applyFilters({ actor: d.id }));
  node.append("circle").attr("r", (d) => 5 + Math.sqrt(d.count) * 2).attr("fill", "#4a7bd0");
  node.append("text").attr("dx", 9).attr("dy", 3).text((d) => d.id);
  node.append("title").text((d) => `${d.name || d.id} (${d.count} events)`);
  sim.on("tick", () => {
    for (const d of nodes) { d.x = Math.max(12, Math.min(width - 40, d.x)); d.y = Math.max(12, Math.min(height - 12, d.y)); }
    link.attr("x1", (d) => d.source.x).attr("y1", (d) => d.source.y).attr("x2", (d) => d.target.x).attr("y2", (d) => d.target.y);
    node.attr("transform", (d) => `translate(${d.x},${d.y})`);
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
  $("#clear-filters").addEventListener("click", () => { $("#filters").reset(); applyFilters({}); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadTable(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; loadTable(); });
  $("#tab-dashboard").addEventListener("click", () => showPage("dashboard"));
  $("#tab-paste").addEventListener("click", () => showPage("paste"));
  $("#paste-form").addEventListener("submit", pasteExtract);
  const stats = await getJSON("/api/stats");
  $("#stats").textContent = `${stats.events} events from ${stats.stories} stories`;
  applyFilters({});
}

document.addEventListener("DOMContentLoaded", start);
