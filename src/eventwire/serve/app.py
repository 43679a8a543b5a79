"""The HTTP API and dashboard: a thin ASGI shell over the store and ``extract``.

The database is opened read-only; every query is one of ``store/query.py``'s, parameterised;
errors are JSON with a status code; request bodies are size-limited; story text
only ever reaches the page as text (the dashboard never uses innerHTML for it, and
the Content-Security-Policy forbids inline and foreign scripts).
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import threading
from collections import OrderedDict
from importlib import resources

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import api as ew_api
from ..errors import EventwireError
from ..store import query
from ..store.query import EventFilter

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


def filter_dependency(paged: bool):
    """A FastAPI dependency that reads the event filters of ``store.query.FILTERS`` (and,
    if ``paged``, sort and page) from the query string into an ``EventFilter``."""
    params = []
    for f in query.FILTERS:
        bounds = {k: getattr(f, k) for k in ("max_length", "ge", "le") if getattr(f, k) is not None}
        allowed = f.allowed()
        help_ = f.help + (f" One of: {', '.join(allowed)}." if allowed else "")
        kind = str if f.kind is dt.date else f.kind
        params.append(inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, annotation=kind | None,
                                        default=Query(None, alias=f.api_name, description=help_, **bounds)))
    if paged:
        params += [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=default)
                   for name, kind, default in (
                       ("sort", str, Query("day", max_length=20, description=", ".join(query.SORTABLE))),
                       ("desc", bool, Query(False)), ("limit", int, Query(50, ge=1, le=500)),
                       ("offset", int, Query(0, ge=0, le=query.MAX_OFFSET)))]

    def dependency(**values) -> EventFilter:
        if "desc" in values:
            values["descending"] = values.pop("desc")
        try:
            return query.filter_from(**values)
        except EventwireError as exc:
            raise HTTPException(400, str(exc)) from None

    dependency.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    return dependency


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

    events_filter, plain_filter = filter_dependency(paged=True), filter_dependency(paged=False)

    @app.get("/api/events", summary="Deduplicated events, filtered, sorted and paged")
    def events(flt: EventFilter = Depends(events_filter)):
        return _json(db.cached(("events", flt.key()), lambda: query.events(db.cursor(), flt)))

    @app.get("/api/events/{event_id}", summary="One event with every report of it")
    def event(event_id: str = Path(..., max_length=64)):
        body = db.cached(("event", event_id), lambda: query.event(db.cursor(), event_id))
        if body == b"null":
            raise HTTPException(404, f"no event {event_id}")
        return _json(body)

    @app.get("/api/stories/{story_id}", summary="A story's text with every extracted span")
    def story(story_id: str = Path(..., max_length=200)):
        body = db.cached(("story", story_id), lambda: query.story(db.cursor(), story_id))
        if body == b"null":
            raise HTTPException(404, f"no story {story_id}")
        return _json(body)

    @app.get("/api/timeline", summary="Deduplicated event counts per day, week, month or year")
    def timeline(interval: str = Query("day", pattern="^(day|week|month|year)$"),
                 by: str = Query("quad_class", pattern="^(quad_class|event_type)$"),
                 flt: EventFilter = Depends(plain_filter)):
        return _json(db.cached(("timeline", interval, by, flt.key()),
                               lambda: query.timeline(db.cursor(), flt, interval, by)))

    @app.get("/api/network", summary="Actor pairs with event counts and mean Goldstein score")
    def network(limit: int = Query(80, ge=1, le=500, description="The heaviest pairs to return."),
                flt: EventFilter = Depends(plain_filter)):
        return _json(db.cached(("network", limit, flt.key()), lambda: query.network(db.cursor(), flt, limit)))

    @app.get("/api/quotes", summary="Quotations, by speaker")
    def quotes(speaker: str | None = Query(None, max_length=100), q: str | None = Query(None, max_length=200),
               kind: str | None = Query(None, pattern="^(direct|indirect|mention)$"),
               limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=query.MAX_OFFSET)):
        return _json(db.cached(("quotes", speaker, q, kind, limit, offset),
                               lambda: query.quotes(db.cursor(), speaker, q, kind, limit, offset)))

    @app.get("/api/actors", summary="Actors by code or name")
    def actors(q: str | None = Query(None, max_length=100), limit: int = Query(20, ge=1, le=200)):
        return _json(db.cached(("actors", q, limit), lambda: query.actors(db.cursor(), q, limit)))

    @app.get("/api/outlets", summary="Outlets with the most events")
    def outlets():
        return _json(db.cached(("outlets",), lambda: {"items": query.outlets(db.cursor())}))

    @app.get("/api/stats", summary="Table sizes")
    def stats():
        return _json(db.cached(("stats",), lambda: query.stats(db.cursor())))

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
