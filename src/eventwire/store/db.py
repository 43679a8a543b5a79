"""The event database: a DuckDB file holding the tables of ``schema.py``."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import EventwireError
from ..read import story_id as content_hash
from .dedup import WINDOW_DAYS, link_copies, rebuild_events
from .schema import MIGRATIONS, SCHEMA_VERSION, TABLES

try:
    import fcntl
except ImportError:  # Windows: readers there open a connection per request
    fcntl = None


@dataclass
class Failure:
    """An input item that could not be read, extracted or stored."""

    item: str
    reason: str
    path: str | None = None
    line: int | None = None  # the line of a JSON Lines file


@dataclass
class BatchResult:
    """What became of a batch: counts, the item ledger rows, and stories the database refused."""

    stored: int = 0
    versions: int = 0  # of the stored, new versions of a known id with another text
    duplicates: int = 0
    failed: int = 0
    items: list[dict] = field(default_factory=list)
    refused: list[Failure] = field(default_factory=list)

    def add(self, other: "BatchResult") -> None:
        for name in ("stored", "versions", "duplicates", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.items += other.items
        self.refused += other.refused


def _renamed(rows: dict[str, list[dict]], new_id: str, version_of: str) -> dict[str, list[dict]]:
    """A story's rows under another id, marked as a version of ``version_of``."""
    out = {name: [{**row, "story_id": new_id} if "story_id" in row else row for row in table]
           for name, table in rows.items()}
    out["stories"][0]["version_of"] = version_of
    return out


def _first_line(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


WRITER_SUFFIX = ".writer"  # a file next to the database: a writer's lock on it asks readers to let go


def _claim(path: str, wait: float):
    """An exclusive lock on the database's writer file, held by a writer from before it
    opens the database until it closes it: readers that keep a connection open
    (``eventwire serve``) see it and close theirs. None where locks are unsupported or
    another writer keeps it for longer than ``wait`` seconds."""
    if fcntl is None:
        return None
    try:
        fd = os.open(path + WRITER_SUFFIX, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except OSError:
            if time.monotonic() >= deadline:
                os.close(fd)
                return None
            time.sleep(0.01)


def fcntl_supported() -> bool:
    """Whether writers can announce themselves (``_claim``), so readers may keep connections."""
    return fcntl is not None


def writer_waiting(path: str) -> bool:
    """Whether a writer holds (or waits for) the database ``path``: see ``_claim``."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path + WRITER_SUFFIX, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def _connect(path: str, read_only: bool, wait: float):
    """A DuckDB connection; while another process holds the file's lock (a server
    reading, an ingest committing), or a reader in this one has it open, it tries
    again for up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            busy = any(w in str(exc).lower() for w in ("lock", "different configuration"))
            if not busy or time.monotonic() >= deadline:
                raise EventwireError(f"{path}: cannot open database ({str(exc).splitlines()[0]})") from None
            time.sleep(0.02)


class Store:
    """An open event database. ``read_only`` stores can query, never write."""

    def __init__(self, path: str | Path, read_only: bool = False, wait: float = 0.0):
        self.path = str(path)
        if Path(self.path).is_dir():  # a Parquet folder: queried in place through views
            if not read_only:
                raise EventwireError(f"{self.path}: a Parquet folder is written by `eventwire ingest --out`")
            from .parquet import open_views

            path = open_views(self.path)
        if read_only and not Path(self.path).exists():
            raise EventwireError(f"{self.path}: no such database (create it with `eventwire ingest`)")
        self.claim = None if read_only else _claim(self.path, wait)
        try:
            self.con = _connect(str(path), read_only, wait)
        except EventwireError:
            self._release()
            raise
        self.read_only = read_only
        if not read_only:
            self.migrate()
        elif self.version() < SCHEMA_VERSION:
            raise EventwireError(f"{self.path}: schema version {self.version()} is older than "
                                 f"{SCHEMA_VERSION}; run `eventwire ingest` on it once to migrate")

    def close(self) -> None:
        self.con.close()
        self._release()

    def _release(self) -> None:
        if self.claim is not None:
            os.close(self.claim)  # closing the file drops its lock
            self.claim = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ----------------------------------------------------------------
    def version(self) -> int:
        try:
            row = self.con.execute("SELECT max(version) FROM meta").fetchone()
        except duckdb.CatalogException:
            return 0
        return row[0] or 0

    def migrate(self) -> None:
        """Bring the database forward to ``SCHEMA_VERSION``, one migration at a time."""
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (version INTEGER, applied_at TIMESTAMP)")
        for version in range(self.version() + 1, SCHEMA_VERSION + 1):
            self.con.execute("BEGIN TRANSACTION")
            for statement in MIGRATIONS[version]:
                self.con.execute(statement)
            self.con.execute("INSERT INTO meta VALUES (?, ?)", [version, dt.datetime.now()])
            self.con.execute("COMMIT")
        if not self._has_table("events"):
            self.rebuild_events()

    def _has_table(self, name: str) -> bool:
        return bool(self.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                                     [name]).fetchone()[0])

    # -- writing -----------------------------------------------------------------
    def done_items(self) -> set[str]:
        """Items already stored or found to be duplicates (failed items are tried again)."""
        return {r[0] for r in self.con.execute("SELECT item FROM items WHERE outcome <> 'failed'").fetchall()}

    def write_batch(self, stored: list[tuple[str, dict[str, list[dict]]]],
                    failed: list[Failure]) -> BatchResult:
        """Store a batch in one transaction: (item, rows) of extracted stories and the
        failures. A story the database refuses (whatever the reason) becomes a failure
        of its own and the rest of the batch is stored."""
        try:
            return self._write(stored, failed)
        except Exception as exc:
            if len(stored) <= 1:
                refused = [Failure(item, f"cannot store: {_first_line(exc)}", rows["stories"][0].get("path"))
                           for item, rows in stored]
                result = self._write([], failed + refused)
                result.refused = refused
                return result
        result = self.write_batch([], failed)
        for one in stored:
            result.add(self.write_batch([one], []))
        return result

    def _write(self, stored: list[tuple[str, dict[str, list[dict]]]], failed: list[Failure]) -> BatchResult:
        now = dt.datetime.now().replace(microsecond=0)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            result = BatchResult()
            fresh = self._place(stored, result)
            for name in TABLES:
                batch = [row for rows in fresh.values() for row in rows.get(name, [])]
                if name == "items":
                    batch = result.items + [{"item": f.item, "story_id": None, "outcome": "failed"} for f in failed]
                elif name == "failures":
                    batch = [{"item": f.item, "reason": f.reason, "failed_at": now, "path": f.path, "line": f.line}
                             for f in failed]
                if batch:  # rows of new stories cannot clash; the item ledgers are replaced
                    self._insert(name, batch, replace=name in ("items", "failures"))
            done = [i["item"] for i in result.items]
            if done:
                con.execute("DELETE FROM failures WHERE item IN (SELECT unnest(?))", [done])
            link_copies(self.con, list(fresh), self._insert)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        result.failed = len(failed)
        return result

    def _place(self, stored: list[tuple[str, dict[str, list[dict]]]], result: BatchResult) -> dict[str, dict]:
        """Decide each story's fate: a duplicate when its id holds the same text, a new
        version (id ``ID@vN``, ``version_of`` ID) when a known id comes with another text,
        otherwise stored as it is. Returns the rows to write by story id."""
        ids = [rows["stories"][0]["story_id"] for _, rows in stored]
        known: dict[str, set[str]] = {}
        if ids:
            for sid, base, digest, text in self.con.execute(
                    "SELECT story_id, coalesce(version_of, story_id), content_hash, "
                    "CASE WHEN content_hash IS NULL THEN text END FROM stories "  # stored before v2
                    "WHERE coalesce(version_of, story_id) IN (SELECT unnest(?))", [ids]).fetchall():
                known.setdefault(base, set()).update({digest or content_hash(text), sid})
        fresh: dict[str, dict] = {}
        for item, rows in stored:
            story = rows["stories"][0]
            sid, digest = story["story_id"], story["content_hash"]
            versions = known.get(sid)
            outcome = "stored"
            if versions is not None and digest in versions:
                outcome = "duplicate"
            elif versions is not None:
                n = 1 + sum(1 for v in versions if v == sid or v.startswith(sid + "@v"))
                rows = _renamed(rows, f"{sid}@v{n}", sid)
                outcome = "version"
            if outcome != "duplicate":
                new_id = rows["stories"][0]["story_id"]
                fresh[new_id] = rows
                known.setdefault(sid, set()).update({digest, new_id})
            result.items.append({"item": item, "story_id": rows["stories"][0]["story_id"], "outcome": outcome})
            result.duplicates += outcome == "duplicate"
            result.versions += outcome == "version"
        result.stored = len(fresh)
        return fresh

    def _insert(self, name: str, rows: list[dict], replace: bool = True) -> None:
        table = pa.Table.from_pylist(rows, schema=TABLES[name])
        self.con.register("_batch", table)
        try:
            self.con.execute(f"INSERT {'OR REPLACE ' if replace else ''}INTO {name} BY NAME SELECT * FROM _batch")
        finally:
            self.con.unregister("_batch")

    # -- deduplication -------------------------------------------------------------
    def rebuild_events(self, window_days: int = WINDOW_DAYS) -> int:
        """Group reports into events and rebuild the ``events`` table (``dedup.py``)."""
        return rebuild_events(self.con, window_days)

    # -- reading -------------------------------------------------------------------
    def events(self, **filters):
        """Deduplicated events as a pandas DataFrame; filters as ``EventFilter`` fields,
        e.g. ``store.events(actor="PRK", type="ASSAULT", since="2025-01-01")``."""
        from .query import events_sql, filter_from

        sql, params = events_sql(filter_from(**filters))
        return self.con.execute(sql, params).df()

    def reports(self, event_id: str):
        """Every report (story, sentence, evidence) of one event, as a DataFrame."""
        return self.con.execute("SELECT * FROM reports WHERE event_id = ? ORDER BY story_id, report_index",
                                [event_id]).df()

    def sql(self, query: str, params: list | None = None):
        """Run SQL and return a DataFrame (open the store read-only to forbid writes)."""
        try:
            return self.con.execute(query, params or []).df()
        except duckdb.Error as exc:
            raise EventwireError(f"SQL error: {str(exc).splitlines()[0]}") from None

    def counts(self) -> dict[str, int]:
        names = ["stories", "reports", "events", "quotes", "actors", "failures", "story_links"]
        return {n: self.con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}
