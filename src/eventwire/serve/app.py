"""The HTTP API and dashboard: a thin ASGI shell over the store and ``extract``.

The database is opened read-only; every query is parameterised (``store/query.py``);
errors are JSON with a status code; request bodies are size-limited; story text
only ever reaches the page as text (the dashboard never uses innerHTML for it, and
the Content-Security-Policy forbids inline and foreign scripts).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from importlib import resources
from typing import Any

import duckdb
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import api as ew_api
from ..errors import EventwireError
from ..store.query import EVENT_COLUMNS, count_sql, events_sql, filter_from

MAX_BODY = 256 * 1024  # bytes a request body may have
MAX_STORY = 200_000  # characters POST /api/extract accepts
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
STATIC = resources.files("eventwire") / "serve" / "static"


class ExtractRequest(BaseModel):
    text: str = Field(..., max_length=MAX_STORY, description="The story, plain text.")
    date: str | None = Field(None, description="Publication date YYYY-MM-DD.")
    url: str | None = None
    title: str | None = None


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10] if isinstance(value, dt.date) and not isinstance(value, dt.datetime) \
            else value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Database:
    """A read-only DuckDB file, a cursor per thread, and a cache of query results."""

    def __init__(self, path: str, cache_size: int = 2048):
        try:
            self.base = duckdb.connect(path, read_only=True)
        except duckdb.Error as exc:
            raise EventwireError(f"{path}: cannot open database ({str(exc).splitlines()[0]})") from None
        self.local = threading.local()
        self.cache: OrderedDict[tuple, bytes] = OrderedDict()
        self.cache_size = cache_size
        self.lock = threading.Lock()

    def cursor(self):
        cur = getattr(self.local, "cursor", None)
        if cur is None:
            cur = self.local.cursor = self.base.cursor()
        return cur

    def rows(self, sql: str, params: list | None = None) -> list[dict]:
        cur = self.cursor().execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, map(_plain, row))) for row in cur.fetchall()]

    def cached(self, key: tuple, build) -> bytes:
        with self.lock:
            hit = self.cache.get(key)
            if hit is not None:
                self.cache.move_to_end(key)
                return hit
        body = json.dumps(build(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with self.lock:
            self.cache[key] = body
            if len(self.cache) > self.cache_size:
                self.cache.popitem(last=False)
        return body


def _json(body: bytes) -> Response:
    return Response(content=body, media_type="application/json")


def _filters(actor, recipient, country, type_, quad_class, status, since, until, q, min_confidence, story_id,
             sort="day", desc=False, limit=50, offset=0):
    try:
        flt = filter_from(actor=actor, recipient=recipient, country=country, type=type_, quad_class=quad_class,
                          status=status, since=since, until=until, text=q, min_confidence=min_confidence,
                          story_id=story_id, sort=sort, descending=desc, limit=limit, offset=offset)
        flt.where(), flt.order()  # refuse bad dates and sort keys before any query runs
        return flt
    except EventwireError as exc:
        raise HTTPException(400, str(exc)) from None


SECURITY_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer")]


class Guard:
    """Plain ASGI around the app: security headers on every response, and request
    bodies over ``MAX_BODY`` bytes refused, declared or streamed (the body is read,
    up to the limit, before the app sees it)."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send_with_headers)
        too_large = JSONResponse({"error": "request body too large", "status": 413}, 413)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await too_large(scope, receive, send_with_headers)
        messages, size = [], 0
        while True:
            message = await receive()
            messages.append(message)
            size += len(message.get("body", b""))
            if size > self.limit:
                return await too_large(scope, receive, send_with_headers)
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        replay = iter(messages)

        async def buffered():
            return next(replay, None) or await receive()

        return await self.app(scope, buffered, send_with_headers)


def app_from_env() -> FastAPI:
    """The app for ``EVENTWIRE_DB``: how ``eventwire serve --workers N`` starts each process."""
    import os

    return create_app(os.environ["EVENTWIRE_DB"])


def create_app(db_path: str) -> FastAPI:
    """The dashboard and JSON API over the event database at ``db_path``."""
    db = Database(db_path)
    extract_lock = threading.Lock()
    app = FastAPI(title="eventwire", version="0.1.0", docs_url="/api/docs", redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Political events extracted from news stories, deduplicated, with evidence.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": exc.detail, "status": exc.status_code}, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"error": problems, "status": 422}, 422)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        return JSONResponse({"error": "internal error", "status": 500}, 500)

    common = dict(
        actor=Query(None, max_length=40, description="Source actor code, country or sector"),
        recipient=Query(None, max_length=40), country=Query(None, max_length=3),
        type_=Query(None, alias="type", max_length=20), quad_class=Query(None, ge=1, le=4),
        status=Query(None, max_length=20), since=Query(None, max_length=10), until=Query(None, max_length=10),
        q=Query(None, max_length=200, description="Words in the sentence or actor names"),
        min_confidence=Query(None, ge=0, le=1), story_id=Query(None, max_length=64),
    )

    @app.get("/api/events", summary="Deduplicated events, filtered, sorted and paged")
    def events(actor: str | None = common["actor"], recipient: str | None = common["recipient"],
               country: str | None = common["country"], type_: str | None = common["type_"],
               quad_class: int | None = common["quad_class"], status: str | None = common["status"],
               since: str | None = common["since"], until: str | None = common["until"], q: str | None = common["q"],
               min_confidence: float | None = common["min_confidence"], story_id: str | None = common["story_id"],
               sort: str = Query("day", max_length=20), desc: bool = False,
               limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10_000_000)):
        flt = _filters(actor, recipient, country, type_, quad_class, status, since, until, q, min_confidence,
                       story_id, sort, desc, limit, offset)

        def build():
            sql, params = events_sql(flt)
            csql, cparams = count_sql(flt)
            return {"total": db.cursor().execute(csql, cparams).fetchone()[0], "items": db.rows(sql, params)}

        return _json(db.cached(("events", repr(flt)), build))

    @app.get("/api/events/{event_id}", summary="One event with every report of it")
    def event(event_id: str):
        def build():
            rows = db.rows(f"SELECT {EVENT_COLUMNS}, statuses FROM events WHERE event_id = ?", [event_id])
            if not rows:
                return None
            reports = db.rows("SELECT r.*, s.title, s.url, s.published FROM reports r JOIN stories s USING (story_id) "
                              "WHERE event_id = ? ORDER BY story_id, report_index", [event_id])
            return {**rows[0], "reports": reports}

        body = db.cached(("event", event_id), build)
        if body == b"null":
            raise HTTPException(404, f"no event {event_id}")
        return _json(body)

    @app.get("/api/stories/{story_id}", summary="A story's text with every extracted span")
    def story(story_id: str):
        def build():
            found = db.rows("SELECT story_id, url, title, published, source, text, warnings FROM stories "
                            "WHERE story_id = ?", [story_id])
            if not found:
                return None
            parts = {
                "sentences": "SELECT sentence_index, kind, start, \"end\" FROM sentences WHERE story_id = ? ORDER BY 1",
                "actors": "SELECT actor_id, name, code, kind, mentions FROM actors WHERE story_id = ? ORDER BY 1",
                "events": "SELECT report_index, event_id, event_type, cameo, status, confidence, source_code, "
                          "source_name, source_start, source_end, target_code, target_name, target_start, target_end, "
                          "trigger_text, trigger_start, trigger_end, time_start, time_end, date, sentence_index "
                          "FROM reports WHERE story_id = ? ORDER BY 1",
                "quotes": "SELECT quote_index, kind, text, start, \"end\", speaker_name, speaker_code "
                          "FROM quotes WHERE story_id = ? ORDER BY 1",
                "times": "SELECT text, start, \"end\", type, value FROM times WHERE story_id = ? ORDER BY start",
                "quantities": "SELECT text, start, \"end\", value, unit, op FROM quantities WHERE story_id = ? "
                              "ORDER BY start",
            }
            return {**found[0], **{k: db.rows(sql, [story_id]) for k, sql in parts.items()}}

        body = db.cached(("story", story_id), build)
        if body == b"null":
            raise HTTPException(404, f"no story {story_id}")
        return _json(body)

    @app.get("/api/timeline", summary="Deduplicated event counts per day, week or month")
    def timeline(interval: str = Query("day", pattern="^(day|week|month)$"),
                 by: str = Query("quad_class", pattern="^(quad_class|event_type)$"),
                 actor: str | None = common["actor"], recipient: str | None = common["recipient"],
                 country: str | None = common["country"], type_: str | None = common["type_"],
                 quad_class: int | None = common["quad_class"], status: str | None = common["status"],
                 since: str | None = common["since"], until: str | None = common["until"],
                 q: str | None = common["q"], min_confidence: float | None = common["min_confidence"]):
        flt = _filters(actor, recipient, country, type_, quad_class, status, since, until, q, min_confidence, None)

        def build():
            where, params = flt.where()
            where = (where + " AND " if where else " WHERE ") + "day IS NOT NULL"
            sql = (f"SELECT CAST(date_trunc('{interval}', day) AS DATE) AS period, CAST({by} AS VARCHAR) AS key, "
                   f"count(*) AS count FROM events{where} GROUP BY 1, 2 ORDER BY 1, 2")
            return {"interval": interval, "by": by, "series": db.rows(sql, params)}

        return _json(db.cached(("timeline", interval, by, repr(flt)), build))

    @app.get("/api/network", summary="Actor pairs with event counts and mean Goldstein score")
    def network(actor: str | None = common["actor"], recipient: str | None = common["recipient"],
                country: str | None = common["country"], type_: str | None = common["type_"],
                quad_class: int | None = common["quad_class"], status: str | None = common["status"],
                since: str | None = common["since"], until: str | None = common["until"],
                q: str | None = common["q"], min_confidence: float | None = common["min_confidence"],
                limit: int = Query(80, ge=1, le=500)):
        flt = _filters(actor, recipient, country, type_, quad_class, status, since, until, q, min_confidence, None)

        def build():
            where, params = flt.where()
            where = (where + " AND " if where else " WHERE ") + "source_code IS NOT NULL AND target_code IS NOT NULL"
            edges = db.rows(f"SELECT source_code AS source, target_code AS target, count(*) AS count, "
                            f"round(avg(goldstein), 2) AS goldstein, any_value(source_name) AS source_name, "
                            f"any_value(target_name) AS target_name FROM events{where} "
                            f"GROUP BY 1, 2 ORDER BY count DESC, 1, 2 LIMIT {int(limit)}", params)
            nodes: dict[str, dict] = {}
            for e in edges:
                for side in ("source", "target"):
                    node = nodes.setdefault(e[side], {"id": e[side], "name": e[f"{side}_name"], "count": 0})
                    node["count"] += e["count"]
            return {"nodes": list(nodes.values()), "edges": edges}

        return _json(db.cached(("network", limit, repr(flt)), build))

    @app.get("/api/quotes", summary="Quotations, by speaker")
    def quotes(speaker: str | None = Query(None, max_length=100), q: str | None = Query(None, max_length=200),
               kind: str | None = Query(None, pattern="^(direct|indirect|mention)$"),
               limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)):
        def build():
            clauses, params = [], []
            if speaker:
                clauses.append("(speaker_name ILIKE ? OR speaker_code = ?)")
                params += [f"%{speaker}%", speaker.upper()]
            if q:
                clauses.append("q.text ILIKE ?")
                params.append(f"%{q}%")
            if kind:
                clauses.append("kind = ?")
                params.append(kind)
            where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
            return {"items": db.rows(
                "SELECT q.story_id, quote_index, kind, q.text, speaker_name, speaker_code, cue, addressee_name, "
                f"s.title, s.published FROM quotes q JOIN stories s USING (story_id){where} "
                f"ORDER BY s.published DESC NULLS LAST, q.story_id, quote_index LIMIT {int(limit)} OFFSET {int(offset)}",
                params)}

        return _json(db.cached(("quotes", speaker, q, kind, limit, offset), build))

    @app.get("/api/actors", summary="Actors by code or name")
    def actors(q: str | None = Query(None, max_length=100), limit: int = Query(20, ge=1, le=200)):
        def build():
            where, params = "", []
            if q:
                where = " WHERE code ILIKE ? OR name ILIKE ?"
                params = [f"{q}%", f"%{q}%"]
            return {"items": db.rows(
                f"SELECT code, any_value(name) AS name, count(*) AS stories FROM actors{where} "
                f"GROUP BY code ORDER BY stories DESC, code NULLS LAST LIMIT {int(limit)}", params)}

        return _json(db.cached(("actors", q, limit), build))

    @app.get("/api/stats", summary="Table sizes")
    def stats():
        def build():
            names = ["stories", "reports", "events", "quotes", "actors", "failures"]
            return {n: db.cursor().execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}

        return _json(db.cached(("stats",), build))

    @app.post("/api/extract", summary="Run extract on a story; nothing is stored")
    def extract(request: ExtractRequest):
        try:
            with extract_lock:
                story = ew_api.extract(request.text, date=request.date, url=request.url, title=request.title)
        except EventwireError as exc:
            raise HTTPException(400, str(exc)) from None
        return story.to_dict()

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(str(STATIC / "index.html"), media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    wrapped = Guard(app)
    wrapped.openapi = app.openapi  # type: ignore[attr-defined]
    wrapped.app_state = app  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]
