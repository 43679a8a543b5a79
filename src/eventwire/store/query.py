"""The one query layer over the store, used by the CLI, the HTTP API and the Python API.

The event filters are declared once (``FILTERS``): the CLI's options, the API's query
parameters (with their bounds, for the OpenAPI schema) and the SQL all come from that
list. Every value is a bound parameter, never pasted into SQL.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import lru_cache

from .. import resources
from ..errors import EventwireError
from ..export import plain
from ..model import STATUSES
from ..read import parse_date

SORTABLE = ("day", "event_type", "source_code", "target_code", "goldstein", "num_reports", "num_sources",
            "confidence", "quad_class")
EVENT_COLUMNS = ("event_id, day, date, date_precision, source_code, source_name, event_type, mode, cameo, "
                 "target_code, target_name, status, quad_class, goldstein, num_mentions, num_reports, "
                 "num_sources, confidence, attributed_name, location, location_name, location_country, location_lat, "
                 "location_lon, location_precision, location_from, trigger_text, sentence, "
                 "story_id, url, outlet")
EVENT_FIELDS = tuple(c.strip() for c in EVENT_COLUMNS.split(","))
#: Columns ``rebuild_events`` derives for the API (``derived_columns``), left out of exports.
DERIVED = ("source_node", "target_node", "doc")
MAX_LIMIT = 100_000  # rows one query may return
MAX_OFFSET = 10_000_000
INTERVALS = ("day", "week", "month", "year")
MAX_PERIODS = 20_000  # empty periods filled in up to this many


@lru_cache(maxsize=1)
def event_types() -> tuple[str, ...]:
    """The PLOVER event types of the ontology (``data/cameo.tsv``)."""
    return tuple(sorted({r["plover_type"] for r in resources.table("cameo.tsv") if r["plover_type"]}))


@dataclass(frozen=True)
class Filter:
    """One event filter: its name (a field of ``EventFilter`` and a CLI option), its
    name in the HTTP API, its type, bounds and help."""

    name: str
    kind: type
    help: str
    param: str = ""
    max_length: int | None = None
    ge: float | None = None
    le: float | None = None
    choices: tuple[str, ...] | Callable[[], tuple[str, ...]] | None = None

    @property
    def api_name(self) -> str:
        return self.param or self.name

    def allowed(self) -> tuple[str, ...] | None:
        return self.choices() if callable(self.choices) else self.choices


FILTERS: tuple[Filter, ...] = (
    Filter("actor", str, "Source actor: a code (PRK GOV), a country (PRK) or a sector (GOV).", max_length=40),
    Filter("recipient", str, "Target actor, as actor.", max_length=40),
    Filter("country", str, "Either side's country or the location's (ISO 3166 alpha-3).", max_length=3),
    Filter("near", str, "Events located within --km of LAT,LON (decimal degrees).", max_length=40),
    Filter("km", float, "Distance for near, in km [100].", ge=0, le=20040),
    Filter("type", str, "PLOVER event type, e.g. ACCUSE.", max_length=20, choices=event_types),
    Filter("quad_class", int, "Quad class: 1 verbal cooperation ... 4 material conflict.", ge=1, le=4),
    Filter("status", str, "Claim status.", max_length=20, choices=STATUSES),
    Filter("since", dt.date, "First day, YYYY-MM-DD."),
    Filter("until", dt.date, "Last day, YYYY-MM-DD."),
    Filter("text", str, "Words in the sentence or actor names.", param="q", max_length=200),
    Filter("min_confidence", float, "Lowest confidence, 0 to 1.", ge=0, le=1),
    Filter("outlet", str, "The outlet (the story URL's host without www.).", max_length=100),
    Filter("story_id", str, "Events reported by this story.", max_length=64),
)


@dataclass
class EventFilter:
    """Which deduplicated events to return. Actor codes match a whole code ("PRK GOV"),
    its country ("PRK") or its sector ("GOV"). Values are checked when it is made."""

    actor: str | None = None  # the source
    recipient: str | None = None  # the target
    country: str | None = None  # either side, or the location
    near: str | None = None  # "LAT,LON"
    km: float | None = None  # radius around near
    type: str | None = None
    quad_class: int | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    min_confidence: float | None = None
    outlet: str | None = None
    story_id: str | None = None
    sort: str = "day"
    descending: bool = False
    limit: int = 100
    offset: int = 0

    def __post_init__(self) -> None:
        for f in FILTERS:
            value = getattr(self, f.name)
            if value in (None, ""):
                setattr(self, f.name, None)
                continue
            setattr(self, f.name, _checked(f, value))
        if self.sort not in SORTABLE:
            raise EventwireError(f"cannot sort by {self.sort!r}; choose one of {', '.join(SORTABLE)}")
        self.limit = _bounded("limit", self.limit, 0, MAX_LIMIT)
        self.offset = _bounded("offset", self.offset, 0, MAX_OFFSET)

    def where(self, *extra: str) -> tuple[str, list]:
        """The WHERE clause (with ``extra`` conditions) and its parameters."""
        clauses, params = [], []

        def add(sql: str, *values) -> None:
            clauses.append(sql)
            params.extend(values)

        def actor(prefix: str, value: str) -> None:
            add(f"({prefix}_code = ? OR {prefix}_country = ? OR {prefix}_sector = ? OR {prefix}_code LIKE ?)",
                value, value, value, value + " %")

        if self.actor:
            actor("source", self.actor)
        if self.recipient:
            actor("target", self.recipient)
        if self.country:
            add("(source_country = ? OR target_country = ? OR location_country = ?)", *[self.country] * 3)
        if self.near:
            lat, lon = self.near
            add(f"location_lat IS NOT NULL AND {GREAT_CIRCLE_KM} <= ?", lat, lat, lon,
                self.km if self.km is not None else NEAR_KM)
        if self.type:
            add("event_type = ?", self.type)
        if self.quad_class is not None:
            add("quad_class = ?", self.quad_class)
        if self.status:
            add("list_contains(statuses, ?)", self.status)
        if self.since:
            add("day >= CAST(? AS DATE)", self.since)
        if self.until:
            add("day <= CAST(? AS DATE)", self.until)
        if self.text:
            add(f"(sentence {LIKE} OR source_name {LIKE} OR target_name {LIKE})", *[f"%{_like(self.text)}%"] * 3)
        if self.min_confidence is not None:
            add("max_confidence >= ?", self.min_confidence)
        if self.outlet:
            add("outlet = ?", self.outlet)
        if self.story_id:
            add("event_id IN (SELECT event_id FROM reports WHERE story_id = ?)", self.story_id)
        clauses += extra
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def order(self) -> str:
        return f" ORDER BY {self.sort} {'DESC' if self.descending else 'ASC'} NULLS LAST, event_id"

    def key(self) -> tuple:
        """A hashable identity (for caches)."""
        return tuple(getattr(self, f.name) for f in fields(self))


#: Great-circle distance (haversine) in km from the location to the bound (lat, lat, lon).
GREAT_CIRCLE_KM = ("2 * 6371.0088 * asin(least(1, sqrt(pow(sin(radians(location_lat - ?) / 2), 2) + "
                   "cos(radians(?)) * cos(radians(location_lat)) * pow(sin(radians(location_lon - ?) / 2), 2))))")
NEAR_KM = 100.0


def _point(value) -> tuple[float, float]:
    """(lat, lon) of "LAT,LON" (or a pair)."""
    try:
        lat, lon = (float(x) for x in (value.split(",") if isinstance(value, str) else value))
    except (TypeError, ValueError):
        raise EventwireError(f"near: expected LAT,LON in decimal degrees, got {value!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise EventwireError(f"near: {lat},{lon} is not a point on Earth (lat -90 to 90, lon -180 to 180)")
    return lat, lon


def _checked(f: Filter, value):
    if f.kind is dt.date:
        return parse_date(str(value))
    if f.name == "near":
        return _point(value)
    try:
        value = f.kind(value)
    except (TypeError, ValueError):
        raise EventwireError(f"{f.name}: expected {f.kind.__name__}, got {value!r}") from None
    if f.kind is str:
        value = value.strip()
        if f.max_length and len(value) > f.max_length:
            raise EventwireError(f"{f.name}: at most {f.max_length} characters")
        value = value.lower() if f.name in ("status", "outlet") else value
        value = value.upper() if f.name in ("actor", "recipient", "country", "type") else value
        allowed = f.allowed()
        if allowed and value not in allowed:
            raise EventwireError(f"unknown {f.name} {value!r}; choose one of {', '.join(allowed)}")
        return value
    if (f.ge is not None and value < f.ge) or (f.le is not None and value > f.le):
        raise EventwireError(f"{f.name}: {value} is outside {f.ge:g} to {f.le:g}")
    return value


def _bounded(name: str, value, low: int, high: int) -> int:
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise EventwireError(f"{name}: expected a whole number, got {value!r}") from None
    if not low <= value <= high:
        raise EventwireError(f"{name}: {value} is outside {low} to {high:,}")
    return value


LIKE = "ILIKE ? ESCAPE '\\'"


def _like(text: str) -> str:
    """Text matched literally by ``LIKE`` (its %, _ and \\ escaped)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def filter_from(**kwargs) -> EventFilter:
    """An ``EventFilter`` from keyword arguments; unknown names and bad values are errors."""
    names = {f.name for f in fields(EventFilter)}
    unknown = set(kwargs) - names
    if unknown:
        raise EventwireError(f"unknown filter {', '.join(sorted(unknown))}")
    return EventFilter(**{k: v for k, v in kwargs.items() if v is not None})


# ---------------------------------------------------------------------------- SQL
def _node(side: str) -> str:
    """The network node of an event's ``side``: an actor with a country, or an international
    one (IGO UNO, NGO ENV: a code longer than its sector) as itself. A bare sector
    code (GOV, MIL, CVL: "the government", "troops") names no one by itself: it is
    attached to its own country column when the store has one, else to the country of
    the event's location (marked ``*``, inferred), else it is no node (NULL)."""
    return (f"CASE WHEN {side}_code IS NULL THEN NULL "
            f"WHEN {side}_country IS NOT NULL AND {side}_code NOT LIKE {side}_country || '%' "
            f"THEN {side}_country || ' ' || {side}_code "
            f"WHEN {side}_country IS NOT NULL THEN {side}_code "
            f"WHEN {side}_code IS DISTINCT FROM {side}_sector THEN {side}_code "
            f"WHEN location_country IS NOT NULL THEN location_country || ' ' || {side}_code || '*' END")


def _doc_value(column: str) -> str:
    """A column as the API shows it: floats to 6 decimals, as ``export.plain`` does."""
    floats = ("goldstein", "confidence", "location_lat", "location_lon")
    return f"round(CAST({column} AS DOUBLE), 6)" if column in floats else column


def derived_columns() -> str:
    """SQL for ``DERIVED``, computed once per rebuild rather than on every request: the
    network nodes, and each event's API row as JSON (a page of events then reads one
    column, not thirty)."""
    doc = ", ".join(f"{c} := {_doc_value(c)}" for c in EVENT_FIELDS)
    return (f"{_node('source')} AS source_node, {_node('target')} AS target_node, "
            f"CAST(to_json(struct_pack({doc})) AS VARCHAR) AS doc")


def events_sql(flt: EventFilter, columns: str = EVENT_COLUMNS) -> tuple[str, list]:
    where, params = flt.where()
    return f"SELECT {columns} FROM events{where}{flt.order()} LIMIT {flt.limit} OFFSET {flt.offset}", params


def count_sql(flt: EventFilter) -> tuple[str, list]:
    where, params = flt.where()
    return f"SELECT count(*) FROM events{where}", params


def rows(con, sql: str, params: list | None = None) -> list[dict]:
    """Rows of a query as dicts of JSON-ready values."""
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, map(plain, row))) for row in cur.fetchall()]


def events(con, flt: EventFilter) -> dict:
    """A page of events and the number of all that match: ``{"total", "items"}``."""
    sql, params = events_sql(flt, "doc")
    items = [json.loads(doc) for (doc,) in con.execute(sql, params).fetchall()]
    if flt.offset == 0 and len(items) < flt.limit:
        total = len(items)
    else:
        csql, cparams = count_sql(flt)
        total = con.execute(csql, cparams).fetchone()[0]
    return {"total": total, "items": items}


def event(con, event_id: str) -> dict | None:
    """One event with every report of it, or None."""
    found = rows(con, f"SELECT {EVENT_COLUMNS}, statuses FROM events WHERE event_id = ?", [event_id])
    if not found:
        return None
    reports = rows(con, "SELECT r.*, s.title, s.url, s.published FROM reports r JOIN stories s USING (story_id) "
                        "WHERE event_id = ? ORDER BY story_id, report_index", [event_id])
    return {**found[0], "reports": reports}


STORY_PARTS = {
    "sentences": "SELECT sentence_index, kind, start, \"end\" FROM sentences WHERE story_id = ? ORDER BY 1",
    "actors": "SELECT actor_id, name, code, kind, mentions FROM actors WHERE story_id = ? ORDER BY 1",
    "events": "SELECT report_index, event_id, event_type, cameo, status, confidence, source_code, "
              "source_name, source_start, source_end, target_code, target_name, target_start, target_end, "
              "trigger_text, trigger_start, trigger_end, time_start, time_end, date, sentence_index "
              "FROM reports WHERE story_id = ? ORDER BY 1",
    "quotes": "SELECT quote_index, kind, text, start, \"end\", speaker_name, speaker_code "
              "FROM quotes WHERE story_id = ? ORDER BY 1",
    "times": "SELECT text, start, \"end\", type, value FROM times WHERE story_id = ? ORDER BY start",
    "quantities": "SELECT text, start, \"end\", value, unit, op FROM quantities WHERE story_id = ? ORDER BY start",
}


def story(con, story_id: str) -> dict | None:
    """A story's text with every extracted span, or None."""
    found = rows(con, "SELECT story_id, url, title, published, source, text, warnings, version_of FROM stories "
                      "WHERE story_id = ?", [story_id])
    if not found:
        return None
    return {**found[0], **{k: rows(con, sql, [story_id]) for k, sql in STORY_PARTS.items()}}


def timeline(con, flt: EventFilter, interval: str = "day", by: str = "quad_class") -> dict:
    """Event counts per period and ``by`` key; ``periods`` lists every period from the
    first to the last, empty ones included, so a chart's time axis has no gaps."""
    if interval not in INTERVALS or by not in ("quad_class", "event_type"):
        raise EventwireError(f"bad timeline interval {interval!r} or key {by!r}")
    where, params = flt.where("day IS NOT NULL")
    series = rows(con, f"SELECT CAST(date_trunc('{interval}', day) AS DATE) AS period, CAST({by} AS VARCHAR) AS key, "
                       f"count(*) AS count FROM events{where} GROUP BY 1, 2 ORDER BY 1, 2", params)
    return finish_timeline(series, interval, by)


def finish_timeline(series: list[dict], interval: str, by: str) -> dict:
    """The timeline of ``series`` (ordered rows of period, key, count), every period from
    the first to the last listed."""
    periods = sorted({r["period"] for r in series})
    if periods:
        every = _periods(dt.date.fromisoformat(periods[0]), dt.date.fromisoformat(periods[-1]), interval)
        periods = every if len(every) <= MAX_PERIODS else periods  # a stray year-1 date: gaps stay
    return {"interval": interval, "by": by, "periods": periods, "series": series}


def _periods(first: dt.date, last: dt.date, interval: str) -> list[str]:
    return list(_period_starts(first, last, interval))


@lru_cache(maxsize=256)
def _period_starts(first: dt.date, last: dt.date, interval: str) -> tuple[str, ...]:
    """Every period start from ``first`` to ``last`` (both period starts), at most
    ``MAX_PERIODS + 1`` of them."""
    out, day = [first.isoformat()], first
    while day < last and len(out) <= MAX_PERIODS:  # day < last: the next start is at most last
        if interval in ("day", "week"):
            day += dt.timedelta(days=1 if interval == "day" else 7)
        else:
            months = day.year * 12 + day.month - 1 + (1 if interval == "month" else 12)
            day = dt.date(months // 12, months % 12 + 1, 1)
        out.append(day.isoformat())
    return tuple(out)


def network(con, flt: EventFilter, limit: int = 80) -> dict:
    """Actor pairs with event counts and mean Goldstein score, the ``limit`` heaviest;
    nodes as ``_node`` makes them (inferred ones marked), sides that are no node
    counted in ``hidden``."""
    limit = _bounded("limit", limit, 1, 500)
    where, params = flt.where("source_node IS NOT NULL", "target_node IS NOT NULL", "source_node <> target_node")
    edges = rows(con, f"SELECT source_node AS source, target_node AS target, count(*) AS count, "
                      f"round(avg(goldstein), 2) AS goldstein, min(source_name) AS source_name, "
                      f"min(target_name) AS target_name FROM events{where} "
                      f"GROUP BY 1, 2 ORDER BY count DESC, 1, 2 LIMIT {limit}", params)
    where, params = flt.where("((source_code IS NOT NULL AND source_node IS NULL) "
                              "OR (target_code IS NOT NULL AND target_node IS NULL))")
    hidden = con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]
    return finish_network(edges, hidden)


def finish_network(edges: list[dict], hidden: int) -> dict:
    """The network of ``edges`` (ordered rows of source, target, count, goldstein and the
    sides' names): its nodes with their event counts, inferred ones (marked ``*``) flagged."""
    nodes: dict[str, dict] = {}
    for e in edges:
        for side in ("source", "target"):
            inferred = e[side].endswith("*")
            e[side] = e[side].rstrip("*")
            n = nodes.setdefault(e[side], {"id": e[side], "name": e[f"{side}_name"], "count": 0,
                                           "inferred": inferred})
            n["count"] += e["count"]
    return {"nodes": list(nodes.values()), "edges": edges, "hidden": hidden}


def quotes(con, speaker: str | None = None, text: str | None = None, kind: str | None = None,
           limit: int = 50, offset: int = 0) -> dict:
    """Quotations, newest stories first, by speaker name or code, words, kind."""
    limit, offset = _bounded("limit", limit, 1, 500), _bounded("offset", offset, 0, MAX_OFFSET)
    clauses, params = [], []
    if speaker:
        clauses.append(f"(speaker_name {LIKE} OR speaker_code = ?)")
        params += [f"%{_like(speaker)}%", speaker.upper()]
    if text:
        clauses.append(f"q.text {LIKE}")
        params.append(f"%{_like(text)}%")
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return {"items": rows(con, "SELECT q.story_id, quote_index, kind, q.text, speaker_name, speaker_code, cue, "
                               f"addressee_name, s.title, s.published FROM quotes q JOIN stories s USING (story_id)"
                               f"{where} ORDER BY s.published DESC NULLS LAST, q.story_id, quote_index "
                               f"LIMIT {limit} OFFSET {offset}", params)}


def actors(con, text: str | None = None, limit: int = 20) -> dict:
    """Actors whose code starts with, or name holds, ``text``, by the stories naming them."""
    limit = _bounded("limit", limit, 1, 200)
    where, params = "", []
    if text:
        where, params = f" WHERE code {LIKE} OR name {LIKE}", [f"{_like(text)}%", f"%{_like(text)}%"]
    return {"items": rows(con, f"SELECT code, any_value(name) AS name, count(*) AS stories FROM actors{where} "
                               f"GROUP BY code ORDER BY stories DESC, code NULLS LAST LIMIT {limit}", params)}


def outlets(con, limit: int = 200) -> list[str]:
    """The outlets with the most events (for the dashboard's filter)."""
    return [r[0] for r in con.execute(f"SELECT outlet FROM events WHERE outlet IS NOT NULL GROUP BY 1 "
                                      f"ORDER BY count(*) DESC, 1 LIMIT {_bounded('limit', limit, 1, 1000)}").fetchall()]


def stats(con) -> dict:
    """Table sizes."""
    names = ["stories", "reports", "events", "quotes", "actors", "failures"]
    return {n: con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}
