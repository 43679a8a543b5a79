"""The event database: a DuckDB file holding the tables of ``schema.py``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import EventwireError
from .dedup import WINDOW_DAYS, link_copies, rebuild_events
from .schema import MIGRATIONS, SCHEMA_VERSION, TABLES


class Store:
    """An open event database. ``read_only`` stores can query, never write."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        if Path(self.path).is_dir():  # a Parquet folder: queried in place through views
            if not read_only:
                raise EventwireError(f"{self.path}: a Parquet folder is written by `eventwire ingest --out`")
            from .parquet import open_views

            path = open_views(self.path)
        if read_only and not Path(self.path).exists():
            raise EventwireError(f"{self.path}: no such database (create it with `eventwire ingest`)")
        try:
            self.con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            raise EventwireError(f"{self.path}: cannot open database ({str(exc).splitlines()[0]})") from None
        self.read_only = read_only
        if not read_only:
            self.migrate()
        elif self.version() < SCHEMA_VERSION:
            raise EventwireError(f"{self.path}: schema version {self.version()} is older than "
                                 f"{SCHEMA_VERSION}; run `eventwire ingest` on it once to migrate")

    def close(self) -> None:
        self.con.close()

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
                    failed: list[tuple[str, str]]) -> tuple[int, int]:
        """Store a batch in one transaction: (item, rows) of extracted stories and
        (item, reason) of failures. Returns (stored, duplicates)."""
        now = dt.datetime.now().replace(microsecond=0)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            ids = [rows["stories"][0]["story_id"] for _, rows in stored]
            known = {r[0] for r in con.execute("SELECT story_id FROM stories WHERE story_id IN "
                                               "(SELECT unnest(?))", [ids]).fetchall()} if ids else set()
            fresh: dict[str, dict] = {}
            items = []
            for item, rows in stored:
                sid = rows["stories"][0]["story_id"]
                duplicate = sid in known or sid in fresh
                items.append({"item": item, "story_id": sid, "outcome": "duplicate" if duplicate else "stored"})
                if not duplicate:
                    fresh[sid] = rows
            for name in TABLES:
                batch = [row for rows in fresh.values() for row in rows.get(name, [])]
                if name == "items":
                    batch = items + [{"item": i, "story_id": None, "outcome": "failed"} for i, _ in failed]
                elif name == "failures":
                    batch = [{"item": i, "reason": r, "failed_at": now} for i, r in failed]
                if batch:  # rows of new stories cannot clash; the item ledgers are replaced
                    self._insert(name, batch, replace=name in ("items", "failures"))
            done = [i["item"] for i in items]
            if done:
                con.execute("DELETE FROM failures WHERE item IN (SELECT unnest(?))", [done])
            link_copies(self.con, list(fresh), self._insert)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return len(fresh), len(stored) - len(fresh)

    def _insert(self, name: str, rows: list[dict], replace: bool = True) -> None:
        table = pa.Table.from_pylist(rows, schema=TABLES[name])
        self.con.register("_batch", table)
        try:
            self.con.execute(f"INSERT {'OR REPLACE ' if replace else ''}INTO {name} SELECT * FROM _batch")
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
