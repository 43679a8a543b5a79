"""``eventwire ingest --engine ray``: the local engine's extraction on a Ray cluster, into Parquet.

Ray Data lists the inputs as shards (a few tasks, each over a group of files, yield
their items: the file, its JSON Lines lines or its archive records), cuts them into
blocks of one actor call (``BATCH`` stories, so every actor gets its share however
the stories lie in the files), ``map_batches`` hands them to a pool of actors sized
to the cluster's CPUs (two calls queued per actor at most), and each actor loads the pipeline once,
extracts with the local engine's ``process`` and writes the batch's rows as
Parquet shards (``parquet.write_shards``). The driver sees one small accounting
row per item (progress and summary), then deduplicates the whole output
(``parquet.compact``, stage 2).

The model is loaded inside each actor and never travels through Ray's object
store: arrays read back from it are read-only, and spaCy fails on them ("buffer
source array is read-only", explosion/spaCy#13506). Batches reach an actor as
Arrow and become plain Python strings before spaCy sees them.
"""

from __future__ import annotations

import logging
import os
import resource
from pathlib import Path

import pyarrow as pa

from .. import archives
from ..errors import EventwireError
from . import parquet
from .db import Failure
from .ingest import Dating, Item, Summary, _ready, expand, items, process

ACCOUNT = pa.schema([("item", pa.string()), ("outcome", pa.string()), ("reason", pa.string()),
                     ("events", pa.int32()), ("worker", pa.int64()), ("rss_mb", pa.float64())])
BATCH = 8  # stories per actor call: small enough that every actor of the pool gets its share
ACTOR_START = 600  # seconds the pool's actors may take to start and load the pipeline


def _ray():
    try:
        import ray
        import ray.data
    except ImportError:
        raise EventwireError("the Ray engine needs Ray: pip install 'eventwire[ray]'") from None
    return ray


def _file_items(row: dict, columns: archives.Columns | None, max_bytes: int):
    """Ray Data ``flat_map``: the items of one input file, as flat rows."""
    for it in items([row["path"]], columns, max_bytes):
        if isinstance(it, Failure):
            yield {"name": it.item, "path": it.path, "line": "", "number": it.line, "failure": it.reason,
                   "ignored": False}
        else:
            yield {"name": it.name, "path": it.path, "line": it.line or "", "number": it.number, "failure": "",
                   "ignored": it.ignored}


class Extractor:
    """The actor of ``map_batches``: one pipeline per actor, one batch of items per call."""

    def __init__(self, out: str, max_bytes: int, actor_files: tuple[str, ...], dating: Dating = Dating()):
        _ready(actor_files)
        self.out, self.max_bytes, self.actor_files, self.dating = out, max_bytes, actor_files, dating
        self.done = parquet.done_items(out)

    def __call__(self, batch: pa.Table) -> pa.Table:
        account, todo, failed, pid = [], [], [], os.getpid()
        for row in batch.to_pylist():  # plain Python values: no read-only buffers reach spaCy
            if row["failure"]:
                failed.append(Failure(row["name"], row["failure"], row["path"], row["number"]))
            elif row["ignored"] or row["name"] in self.done:
                account.append({"item": row["name"], "outcome": "ignored" if row["ignored"] else "skipped"})
            else:
                todo.append(Item(row["name"], row["path"], row["line"] or None, row["number"]))
        ok = []
        for result in process(todo, self.max_bytes, self.actor_files, self.dating):
            if isinstance(result, Failure):
                failed.append(result)
            else:
                ok.append(result)
                account.append({"item": result[0], "outcome": "stored", "events": len(result[1]["reports"])})
        account += [{"item": f.item, "outcome": "failed", "reason": f.reason} for f in failed]
        parquet.write_shards(self.out, ok, failed)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the actor's peak so far (Linux: KiB)
        return pa.Table.from_pylist([{**row, "worker": pid, "rss_mb": rss} for row in account], schema=ACCOUNT)


def ingest_ray(paths: list[str], out: str, *, address: str | None = None, batch_size: int = BATCH,
               max_bytes: int = 5_000_000, actor_files: tuple[str, ...] = (), progress=None,
               window_days: int | None = None, columns: archives.Columns | None = None,
               num_cpus: int | None = None, object_store_memory: int | None = None,
               dating: Dating = Dating()) -> Summary:
    """Ingest stories on Ray into the Parquet folder ``out``; returns what happened.

    ``address`` is an existing cluster (``auto``, ``ray://HOST:PORT``); without one a
    local Ray runtime is started (``num_cpus``, ``object_store_memory``) and stopped.
    A Ray runtime already started in this process is used as it is."""
    ray = _ray()
    files = [os.path.abspath(f) for f in expand(paths)]  # workers do not share the driver's folder
    out = os.path.abspath(out)
    if Path(out).exists() and not Path(out).is_dir():
        raise EventwireError(f"{out}: not a folder")
    Path(out).mkdir(parents=True, exist_ok=True)
    before = parquet.count(out, "stories")
    started = not ray.is_initialized()
    if started:
        ray.init(address=address, num_cpus=num_cpus, object_store_memory=object_store_memory,
                 include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    summary = Summary()
    try:
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # eventwire's own bar counts stories
        context.verbose_stats_logs = False
        # the pool starts work once all its actors have loaded: otherwise the first one up
        # takes every block while the others are still loading (Ray's default is not to wait)
        context.wait_for_min_actors_s = ACTOR_START
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        ds = _items(ray, files, columns, max_bytes, cpus, batch_size)
        ds = ds.map_batches(Extractor, fn_constructor_kwargs={"out": out, "max_bytes": max_bytes,
                                                              "actor_files": tuple(actor_files), "dating": dating},
                            batch_size=batch_size, batch_format="pyarrow", num_cpus=1,
                            compute=ray.data.ActorPoolStrategy(size=cpus, max_tasks_in_flight_per_actor=2))
        if progress is not None:
            progress.start(None)
        for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
            _account(summary, batch.to_pylist(), progress)
    finally:
        if started:
            ray.shutdown()
    counts = parquet.compact(out, **({"window_days": window_days} if window_days is not None else {}))
    new = counts["stories"] - before
    summary.duplicates, summary.stored = summary.stored - new, new
    if progress is not None:
        progress.stop()
    return summary


def _items(ray, files: list[str], columns, max_bytes: int, cpus: int, batch_size: int):
    """The items of ``files`` as a dataset of blocks of ``batch_size`` rows.

    The items are listed and cut first, then the pool starts (they stay in the object
    store, spilled to disk when large). The files are listed by a few tasks (one per group of files, at most one per CPU at a
    time: they take no CPU of the actors' and must not start a process per file), then cut
    into blocks of one actor call each, so that a file of many records (a WARC, a Parquet
    file) is spread over the whole pool rather than handed to the one actor its block
    reaches."""
    groups = min(len(files), 4 * cpus) or 1
    ds = ray.data.from_items([{"path": f} for f in files], override_num_blocks=groups)
    ds = ds.flat_map(_file_items, fn_kwargs={"columns": columns, "max_bytes": max_bytes}, num_cpus=0,
                     concurrency=cpus)
    # cut before the actors start: cutting is Ray tasks that need a CPU, and a running
    # pool holds them all (a cut streamed into the pool waits for ever)
    return ds.repartition(target_num_rows_per_block=batch_size).materialize()


def _account(summary: Summary, rows: list[dict], progress) -> None:
    for row in rows:
        outcome = row["outcome"]
        if outcome == "ignored":
            summary.ignored += 1
        elif outcome == "skipped":
            summary.skipped += 1
        else:
            summary.read += 1
            summary.events += row["events"] or 0
            summary.workers[row["worker"]] = summary.workers.get(row["worker"], 0) + 1
            summary.peak_rss_mb[row["worker"]] = max(summary.peak_rss_mb.get(row["worker"], 0.0), row["rss_mb"])
            if outcome == "stored":
                summary.stored += 1
            else:
                summary.failed += 1
                summary.failures.append(Failure(row["item"], row["reason"]))
    if progress is not None:
        progress.advance(sum(r["outcome"] in ("stored", "failed") for r in rows), summary.events)
