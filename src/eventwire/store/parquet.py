"""The store as a folder of Parquet files that DuckDB, pandas, Spark or BigQuery read in place.

Layout: ``DIR/<table>/month=YYYY-MM/*.parquet`` for every table of ``schema.py`` and
``events``, each partitioned by its story's publication month (events by their
first day; ``unknown`` when undated). A distributed ingest writes in two stages:

1. each worker writes the rows of a batch of stories as shards under
   ``DIR/_incoming/<table>/``, named by the batch's items, so a retried batch
   overwrites its own shards (``write_shards``);
2. ``compact`` reads the tables back with the shards in DuckDB, keeps one row per
   primary key (``KEYS``), links syndicated copies and groups reports into events
   with the very statements the DuckDB store runs (``dedup.py``), and writes each
   table anew.

``open_views`` gives a read-only DuckDB database whose tables are views over the
folder, so everything that queries a store (``Store``, the API, ``export``)
queries the Parquet without loading it.
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import shutil
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import EventwireError
from .db import Failure
from .dedup import WINDOW_DAYS, link_copies, rebuild_events
from .schema import KEYS, SCHEMA_VERSION, TABLES, create_table_sql

INCOMING = "_incoming"
MONTH = pa.field("month", pa.string())
DERIVED = ("events",)


def month_of(day: dt.date | None) -> str:
    return day.strftime("%Y-%m") if day else "unknown"


def write_shards(out: str, ok: list[tuple[str, dict[str, list[dict]]]], failed: list[Failure]) -> None:
    """Write one batch's rows (``(item, rows)`` of extracted stories, and failures) as
    shards of every table, partitioned by month."""
    import pyarrow.dataset as pads

    now = dt.datetime.now().replace(microsecond=0)
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for item, rows in ok:
        month = month_of(rows["stories"][0]["published"])
        for name, table_rows in rows.items():
            tables[name] += [{**row, "month": month} for row in table_rows]
        tables["items"].append({"item": item, "story_id": rows["stories"][0]["story_id"], "outcome": "stored",
                                "month": month})
    for f in failed:
        tables["items"].append({"item": f.item, "story_id": None, "outcome": "failed", "month": "unknown"})
        tables["failures"].append({"item": f.item, "reason": f.reason, "failed_at": now, "path": f.path,
                                   "line": f.line, "month": "unknown"})
    names = sorted([i for i, _ in ok] + [f.item for f in failed])
    batch = hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()[:16]
    for name, rows in tables.items():
        if rows:
            pads.write_dataset(pa.Table.from_pylist(rows, schema=TABLES[name].append(MONTH)),
                               Path(out, INCOMING, name), format="parquet", partitioning=["month"],
                               partitioning_flavor="hive", basename_template=f"{batch}-{{i}}.parquet",
                               existing_data_behavior="overwrite_or_ignore")


def _files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.glob("**/*.parquet")) if folder.is_dir() else []


def _scan(files: list[str]) -> str:
    quoted = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    return f"read_parquet([{quoted}], hive_partitioning = true, union_by_name = true, hive_types = {{'month': VARCHAR}})"


def _load(con, name: str, files: list[str]) -> None:
    """Table ``name`` from ``files``: the schema's columns, one row per primary key."""
    con.execute(create_table_sql(name).replace(", PRIMARY KEY", ", month VARCHAR, PRIMARY KEY"))
    if not files:
        return
    columns = ", ".join(f'"{f.name}"' for f in TABLES[name]) + ", month"
    keys = ", ".join(f'"{k}"' for k in KEYS[name])
    order = {"items": "outcome = 'failed', item", "failures": "failed_at DESC", "stories": "path"}.get(name, "month")
    con.execute(f"""INSERT INTO {name} BY NAME SELECT {columns} FROM {_scan(files)}
                    QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY {order}) = 1""")


def count(out: str, name: str) -> int:
    """Rows of one table in the Parquet folder ``out`` (from the files' footers)."""
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(f).metadata.num_rows for f in _files(Path(out, name)))


def done_items(out: str) -> set[str]:
    """Items an earlier run into ``out`` stored or found to be duplicates."""
    files = _files(Path(out, "items")) + _files(Path(out, INCOMING, "items"))
    if not files:
        return set()
    rows = duckdb.connect().execute(f"SELECT item FROM {_scan(files)} WHERE outcome <> 'failed'").fetchall()
    return {r[0] for r in rows}


def compact(out: str, window_days: int = WINDOW_DAYS) -> dict[str, int]:
    """Stage 2: merge the shards into the tables, deduplicate, rebuild events; returns
    row counts. Safe to rerun after a crash at any point: the shards go last."""
    root = Path(out)
    for name in (*TABLES, *DERIVED):  # a swap a crash cut short is undone first
        if (root / f".{name}.old").is_dir() and not (root / name).exists():
            (root / f".{name}.old").rename(root / name)
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    for name in TABLES:
        _load(con, name, _files(root / name) + _files(root / INCOMING / name))
    # the first item holding a story stores it, later ones are duplicates, as in the DuckDB store
    con.execute("""UPDATE items SET outcome = 'duplicate' FROM (
                       SELECT item, row_number() OVER (PARTITION BY story_id ORDER BY item) AS n
                       FROM items WHERE story_id IS NOT NULL) f
                   WHERE items.item = f.item AND f.n > 1""")
    con.execute("DELETE FROM failures WHERE item IN (SELECT item FROM items WHERE outcome <> 'failed')")
    con.execute("DELETE FROM story_links")
    link_copies(con, None, lambda name, rows: _append(con, name, rows))
    con.execute("""UPDATE story_links SET month = s.month FROM stories s
                   WHERE story_links.story_id = s.story_id""")
    rebuild_events(con, window_days)
    con.execute("ALTER TABLE events ADD COLUMN month VARCHAR")
    con.execute("UPDATE events SET month = coalesce(strftime(day, '%Y-%m'), 'unknown')")
    counts = {}
    for name in (*TABLES, *DERIVED):
        counts[name] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        fresh, old = root / f".{name}.new", root / f".{name}.old"
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        if counts[name]:
            con.execute(f"COPY {name} TO '{_sql_path(fresh)}' (FORMAT PARQUET, PARTITION_BY (month), "
                        "OVERWRITE_OR_IGNORE)")
        if (root / name).exists():
            (root / name).rename(old)
        fresh.rename(root / name)
        shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(root / INCOMING, ignore_errors=True)
    con.close()
    return counts


def _append(con, name: str, rows: list[dict]) -> None:
    table = pa.Table.from_pylist([{**r, "month": None} for r in rows], schema=TABLES[name].append(MONTH))
    con.register("_rows", table)
    con.execute(f"INSERT INTO {name} SELECT * FROM _rows")
    con.unregister("_rows")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def is_parquet_store(path: str | Path) -> bool:
    return Path(path).is_dir()


def open_views(folder: str | Path) -> str:
    """A temporary DuckDB database whose tables are views over the Parquet ``folder``
    (the ``month`` partition column left out); returns its path, removed at exit."""
    root = Path(folder).resolve()
    if not (root / "stories").is_dir():
        raise EventwireError(f"{folder}: not an eventwire Parquet folder (no stories/ inside; "
                             "create it with `eventwire ingest --engine ray --out`)")
    if (root / INCOMING).is_dir():
        raise EventwireError(f"{folder}: an ingest into it has not finished (rerun it to complete it)")
    tmp = tempfile.mkdtemp(prefix="eventwire-parquet-")
    atexit.register(shutil.rmtree, tmp, True)
    path = str(Path(tmp, "views.duckdb"))
    con = duckdb.connect(path)
    con.execute("CREATE TABLE meta (version INTEGER, applied_at TIMESTAMP)")
    con.execute("INSERT INTO meta VALUES (?, ?)", [SCHEMA_VERSION, dt.datetime.now()])
    for name in (*TABLES, *DERIVED):
        files = _files(root / name)
        if files:
            con.execute(f"CREATE VIEW {name} AS SELECT * EXCLUDE (month) FROM "
                        f"{_scan([str(root / name / '**' / '*.parquet')])}")
        elif name in TABLES:
            con.execute(create_table_sql(name))
    if not _files(root / "events"):  # no reports: the empty events table, as the store has it
        rebuild_events(con)
    con.close()
    return path
