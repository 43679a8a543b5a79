"""The HTTP API and dashboard: a thin ASGI shell over the store and ``extract``.

The database is read through a shared read-only connection; every query is one of
``store/query.py``'s, parameterised; errors are JSON with a status code; request
bodies are size-limited; story text only ever reaches the page as text (the
dashboard never uses innerHTML for it, and the Content-Security-Policy forbids
inline and foreign scripts).
"""

from __future__ import annotations

import datetime as dt
import contextlib
import csv
import io
import json
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from importlib import resources
from typing import Annotated

import duckdb
from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError, create_model
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import EventwireError
from ..store import query
from ..store.export import csv_value
from ..store.db import fcntl_supported, writer_waiting
from ..store.index import EventIndex
from ..store.query import EventFilter
from .pool import Busy, ExtractPool, TimedOut

MAX_BODY = 256 * 1024  # bytes a request body may have
MAX_STORY = 200_000  # characters POST /api/extract accepts
LATE_ROWS = 2_000  # pages (offset + limit) up to this many rows sort narrow rows, then fetch the wide ones
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
STATIC = resources.files("eventwire") / "serve" / "static"


class ExtractRequest(BaseModel):
    text: str = Field(..., max_length=MAX_STORY, description="The story, plain text.")
    date: str | None = Field(None, description="Publication date YYYY-MM-DD.")
    url: str | None = None
    title: str | None = None


@dataclass
class _Handle:
    """A shared read-only connection and the requests using it."""

    con: duckdb.DuckDBPyConnection
    stamp: tuple
    users: int = 0
    retired: bool = False


class Database:
    """A DuckDB file read through one shared read-only connection (a cursor per
    request), and a cache of query results that a change of the file empties.

    Opening a connection costs more than most queries, so it is kept; but DuckDB lets
    no process write the file while another has it open. A writer (``eventwire
    ingest``) announces itself first (``store.db.writer_waiting``): the server then
    closes its connection as soon as running queries end, and requests wait (up to
    ``wait`` seconds) until the writer is done; the file's size and time tell that
    it changed. Where writers cannot announce themselves, every request opens a
    connection of its own, waiting and retrying on the lock."""

    def __init__(self, path: str, cache_size: int = 2048, wait: float = 10.0, threads: int = 1,
                 in_memory: bool = True):
        self.path, self.wait, self.threads = path, wait, threads
        self.cache: OrderedDict[tuple, bytes] = OrderedDict()
        self.cache_size = cache_size
        self.lock = threading.Lock()
        self.stamp = self._stamp()
        self.handle: _Handle | None = None
        self.shared, self.closed = fcntl_supported(), False
        self.in_memory = in_memory
        self.built: tuple[tuple, EventIndex | None] | None = None  # (stamp, index or None if it failed)
        self.building: tuple | None = None
        with self.connection():  # fail now, with a clear message, if it cannot be opened at all
            pass
        if self.shared:
            threading.Thread(target=self._watch, daemon=True, name="eventwire-db-watch").start()
        if in_memory:
            self._build(self.stamp)  # before the first request: a server starts ready

    def index(self) -> EventIndex | None:
        """The events of the file as it is now in memory (``store.index``), or None while
        that is rebuilt (in a thread of its own, after a change of the file) or where it
        cannot be: requests then go to SQL."""
        if not self.in_memory:
            return None
        stamp = self._stamp()
        with self.lock:
            if self.built is not None and self.built[0] == stamp:
                return self.built[1]
            if self.building != stamp and not self.closed:
                self.building = stamp
                threading.Thread(target=self._build, args=(stamp,), daemon=True, name="eventwire-index").start()
        return None

    def _build(self, stamp: tuple) -> None:
        try:
            with self.connection() as con:
                index = EventIndex.load(con)
        except Exception:  # an old or odd store: SQL answers every request
            index = None
        with self.lock:
            if self._stamp() == stamp:  # else the file changed while it was read: the next request rebuilds
                self.built = (stamp, index)
            if self.building == stamp:
                self.building = None

    def _stamp(self) -> tuple:
        try:
            st = os.stat(self.path)
        except OSError:
            return ()
        return st.st_mtime_ns, st.st_size, st.st_ino

    def _open(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.wait
        while True:
            try:
                con = duckdb.connect(self.path, read_only=True)
                con.execute(f"SET GLOBAL threads = {int(self.threads)}")  # requests run side by side already
                con.execute(f"SET GLOBAL late_materialization_max_rows = {LATE_ROWS}")
                return con
            except duckdb.Error as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise EventwireError(f"{self.path}: cannot open database ({str(exc).splitlines()[0]})") from None
                time.sleep(0.05)

    def _retire(self) -> None:
        """Stop handing out the shared connection; the last request using it closes it."""
        handle, self.handle = self.handle, None
        if handle is not None:
            handle.retired = True
            if handle.users == 0:
                handle.con.close()

    def _watch(self) -> None:
        while not self.closed:  # an idle server too must let a writer in
            time.sleep(0.05)
            if self.handle is not None and writer_waiting(self.path):
                with self.lock:
                    self._retire()

    def close(self) -> None:
        with self.lock:
            self.closed = True
            self._retire()

    def _writer_gone(self) -> bool:
        """Wait (up to ``wait`` seconds) while a writer holds the file; whether it let go."""
        deadline = time.monotonic() + self.wait
        while writer_waiting(self.path):
            with self.lock:
                self._retire()
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def _take(self) -> _Handle:
        with self.lock:
            if self.handle is not None and self.handle.stamp != self._stamp():
                self._retire()
            if self.handle is None:
                stamp = self._stamp()
                self.handle = _Handle(self._open(), stamp)
            self.handle.users += 1
            return self.handle

    def _give_back(self, handle: _Handle) -> None:
        with self.lock:
            handle.users -= 1
            if handle.retired and handle.users == 0:
                handle.con.close()

    @contextlib.contextmanager
    def connection(self):
        """A cursor on the shared connection, or, where writers cannot announce themselves
        or one holds on too long, a connection of this request's own."""
        if not (self.shared and self._writer_gone()):
            con = self._open()
            try:
                yield con
            finally:
                con.close()
            return
        handle = self._take()
        cursor = handle.con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            self._give_back(handle)

    def _hit(self, key: tuple) -> tuple[tuple, bytes | None]:
        """The file's stamp and the cached answer to ``key`` for it, if any."""
        stamp = self._stamp()
        with self.lock:
            if stamp != self.stamp:  # the file changed (an ingest committed): old answers are stale
                self.cache.clear()
                self.stamp = stamp
            hit = self.cache.get(key)
            if hit is not None:
                self.cache.move_to_end(key)
            return stamp, hit

    def _keep(self, key: tuple, stamp: tuple, body: bytes) -> bytes:
        with self.lock:
            if stamp == self.stamp:
                self.cache[key] = body
                if len(self.cache) > self.cache_size:
                    self.cache.popitem(last=False)
        return body

    def _from_sql(self, build) -> bytes:
        with self.connection() as con:
            return _encode(build(con))

    def cached(self, key: tuple, build) -> bytes:
        """The JSON answer of ``build(connection)``, from the cache if it holds it."""
        stamp, hit = self._hit(key)
        return hit if hit is not None else self._keep(key, stamp, self._from_sql(build))

    async def answer(self, key: tuple, flt: EventFilter, from_index, from_sql) -> bytes:
        """The JSON answer to ``key``: cached, else ``from_index(index)`` (a dict or JSON
        bytes) where the in-memory index can answer ``flt``, computed on the event loop
        (it takes about a millisecond), else ``from_sql(connection)`` on a worker thread."""
        stamp, hit = self._hit(key)
        if hit is not None:
            return hit
        index = self.index() if EventIndex.supports(flt) else None
        if index is not None:
            body = from_index(index)
            body = body if isinstance(body, bytes) else _encode(body)
        else:
            body = await run_in_threadpool(self._from_sql, from_sql)
        return self._keep(key, stamp, body)


def _encode(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _csv(items: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=query.EVENT_FIELDS)
    writer.writeheader()
    writer.writerows({k: csv_value(v) for k, v in e.items()} for e in items)
    return out.getvalue()


def _json(body: bytes) -> Response:
    return Response(content=body, media_type="application/json")


PAGE_FIELDS = dict(sort=(str, Field("day", max_length=20, description=", ".join(query.SORTABLE))),
                   desc=(bool, Field(False, description="Sort in descending order.")),
                   limit=(int, Field(50, ge=1, le=500)), offset=(int, Field(0, ge=0, le=query.MAX_OFFSET)))


class QueryString:
    """The query parameters of an endpoint as one pydantic model: the event filters of
    ``store.query.FILTERS``, sort and page if ``paged``, and ``extra`` fields. The query string is checked in one
    pydantic call (FastAPI's per-parameter reading costs more than answering from
    memory); ``parameters`` documents each for the OpenAPI schema."""

    def __init__(self, name: str, paged: bool = False, **extra):
        fields_ = {}
        for f in query.FILTERS:
            bounds = {k: getattr(f, k) for k in ("max_length", "ge", "le") if getattr(f, k) is not None}
            allowed = f.allowed()
            help_ = f.help + (f" One of: {', '.join(allowed)}." if allowed else "")
            kind = str if f.kind is dt.date else f.kind
            fields_[f.name] = (kind | None, Field(None, alias=f.api_name, description=help_, **bounds))
        self.model = create_model(name, **fields_, **(PAGE_FIELDS if paged else {}), **extra)
        self.extra = tuple(extra)
        schema = self.model.model_json_schema()["properties"]
        self.parameters = [{"name": key, "in": "query", "required": False,
                            "description": prop.pop("description", ""), "schema": prop}
                           for key, prop in schema.items()]

    def read(self, request: Request) -> tuple[EventFilter, dict]:
        """The request's filter and its ``extra`` values; 422 for a value of a wrong type
        or out of bounds, 400 for one the filter refuses."""
        try:
            values = self.model.model_validate(request.query_params).model_dump()
        except ValidationError as exc:
            raise RequestValidationError([{**e, "loc": ("query", *e["loc"])} for e in exc.errors()]) from None
        extra = {k: values.pop(k) for k in self.extra}
        if "desc" in values:
            values["descending"] = values.pop("desc")
        try:
            return query.filter_from(**values), extra
        except EventwireError as exc:
            raise HTTPException(400, str(exc)) from None


SECURITY_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer")]


LOOPBACK = ("127.0.0.1", "localhost", "[::1]", "::1")


class Guard:
    """Plain ASGI around the app: a Host allow-list (against DNS rebinding), security
    headers on every response, and request
    bodies over ``MAX_BODY`` bytes refused, declared or streamed (the body is read,
    up to the limit, before the app sees it)."""

    def __init__(self, app, limit: int = MAX_BODY, hosts: tuple[str, ...] = ()):
        self.app, self.limit, self.hosts = app, limit, set(hosts)

    def host_allowed(self, scope) -> bool:
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
        if host.startswith("["):  # [::1]:8000
            name = host[:host.find("]") + 1]
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in self.hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self.hosts and not self.host_allowed(scope):
            refused = JSONResponse({"error": "host not allowed (see `eventwire serve --allow-host`)", "status": 400}, 400)
            return await refused(scope, receive, send)

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
    hosts = tuple(h for h in os.environ.get("EVENTWIRE_ALLOW_HOSTS", "").split(",") if h)
    return create_app(os.environ["EVENTWIRE_DB"], allow_hosts=hosts,
                      extract_timeout=float(os.environ.get("EVENTWIRE_EXTRACT_TIMEOUT", "60")))


def create_app(db_path: str, allow_hosts: tuple[str, ...] = (), extract_workers: int = 1,
               extract_timeout: float = 60.0, extract_queue: int = 8, in_memory: bool = True) -> FastAPI:
    """The dashboard and JSON API over the event database at ``db_path``. Requests whose
    Host is not a loopback name or one of ``allow_hosts`` are refused; stories sent to
    ``POST /api/extract`` run in ``extract_workers`` processes, each for at most
    ``extract_timeout`` seconds, with at most ``extract_queue`` waiting. With ``in_memory``
    the events are also held in memory (``store.index``) for fast varied queries."""
    db = Database(db_path, in_memory=in_memory)
    extractor = ExtractPool(extract_workers, extract_timeout, extract_queue)
    app = FastAPI(title="eventwire", version="0.1.0", docs_url=None, redoc_url=None,
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

    paged = QueryString("EventsQuery", paged=True)
    periods = QueryString("TimelineQuery", interval=(str, Field("day", pattern="^(day|week|month|year)$")),
                          by=(str, Field("quad_class", pattern="^(quad_class|event_type)$")))
    pairs = QueryString("NetworkQuery", limit=(int, Field(80, ge=1, le=500, description="The heaviest pairs to return.")))
    files = QueryString("DownloadQuery", format=(str, Field("csv", pattern="^(csv|json)$")))

    @app.get("/api/events", summary="Deduplicated events, filtered, sorted and paged",
             openapi_extra={"parameters": paged.parameters})
    async def events(request: Request):
        flt, _ = paged.read(request)
        return _json(await db.answer(("events", flt.key()), flt, lambda index: index.events_body(flt),
                                     lambda con: query.events(con, flt)))

    @app.get("/api/events/{event_id}", summary="One event with every report of it")
    def event(event_id: str = Path(..., max_length=64)):
        body = db.cached(("event", event_id), lambda con: query.event(con, event_id))
        if body == b"null":
            raise HTTPException(404, f"no event {event_id}")
        return _json(body)

    @app.get("/api/stories/{story_id}", summary="A story's text with every extracted span")
    def story(story_id: str = Path(..., max_length=200)):
        body = db.cached(("story", story_id), lambda con: query.story(con, story_id))
        if body == b"null":
            raise HTTPException(404, f"no story {story_id}")
        return _json(body)

    @app.get("/api/timeline", summary="Deduplicated event counts per day, week, month or year",
             openapi_extra={"parameters": periods.parameters})
    async def timeline(request: Request):
        flt, extra = periods.read(request)
        interval, by = extra["interval"], extra["by"]
        return _json(await db.answer(("timeline", interval, by, flt.key()), flt,
                                     lambda index: index.timeline(flt, interval, by),
                                     lambda con: query.timeline(con, flt, interval, by)))

    @app.get("/api/network", summary="Actor pairs with event counts and mean Goldstein score",
             openapi_extra={"parameters": pairs.parameters})
    async def network(request: Request):
        flt, extra = pairs.read(request)
        limit = extra["limit"]
        return _json(await db.answer(("network", limit, flt.key()), flt, lambda index: index.network(flt, limit),
                                     lambda con: query.network(con, flt, limit)))

    @app.get("/api/download", summary="The filtered events as a CSV or JSON file, newest first (at most 100,000)",
             openapi_extra={"parameters": files.parameters})
    def download(request: Request):
        flt, extra = files.read(request)
        format = extra["format"]
        flt.limit, flt.sort, flt.descending = query.MAX_LIMIT, "day", True
        with db.connection() as con:
            items = query.events(con, flt)["items"]
        body = _csv(items) if format == "csv" else json.dumps(items, ensure_ascii=False)
        return Response(body, media_type="text/csv" if format == "csv" else "application/json",
                        headers={"content-disposition": f'attachment; filename="events.{format}"'})

    @app.get("/api/quotes", summary="Quotations, by speaker")
    def quotes(speaker: str | None = Query(None, max_length=100), q: str | None = Query(None, max_length=200),
               kind: str | None = Query(None, pattern="^(direct|indirect|mention)$"),
               limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=query.MAX_OFFSET)):
        return _json(db.cached(("quotes", speaker, q, kind, limit, offset),
                               lambda con: query.quotes(con, speaker, q, kind, limit, offset)))

    @app.get("/api/actors", summary="Actors by code or name")
    def actors(q: str | None = Query(None, max_length=100), limit: int = Query(20, ge=1, le=200)):
        return _json(db.cached(("actors", q, limit), lambda con: query.actors(con, q, limit)))

    @app.get("/api/outlets", summary="Outlets with the most events")
    def outlets():
        return _json(db.cached(("outlets",), lambda con: {"items": query.outlets(con)}))

    @app.get("/api/stats", summary="Table sizes")
    def stats():
        return _json(db.cached(("stats",), lambda con: query.stats(con)))

    @app.post("/api/extract", summary="Run extract on a story; nothing is stored",
              responses={429: {"description": "every extraction worker is busy or starting, for longer than the limit"},
                         504: {"description": "the extraction took longer than its limit"}})
    async def extract(request: ExtractRequest):
        try:
            kind, value = await extractor.run(request.model_dump())
        except Busy:
            raise HTTPException(429, "every extraction worker is busy (or still starting); try again later") from None
        except TimedOut:
            raise HTTPException(504, f"extraction took longer than {extractor.timeout:g} s") from None
        except (EOFError, OSError):
            raise HTTPException(500, "extraction worker failed") from None
        if kind == "refused":
            raise HTTPException(400, value)
        if kind != "ok":
            raise HTTPException(500, "internal error")
        return JSONResponse(value)

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(str(STATIC / "index.html"), media_type="text/html")

    @app.get("/api/docs", include_in_schema=False)
    def docs():  # Swagger UI from static/vendor (npm's swagger-ui-dist), not FastAPI's CDN page
        return FileResponse(str(STATIC / "docs.html"), media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    @app.on_event("startup")
    async def start_workers():
        extractor.start()

    @app.on_event("shutdown")
    def stop_workers():
        extractor.close()
        db.close()

    wrapped = Guard(app, hosts=LOOPBACK + tuple(h.lower() for h in allow_hosts))
    wrapped.openapi = app.openapi  # type: ignore[attr-defined]
    wrapped.app_state = app  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]
