"""``eventwire ingest --engine ray``: the local engine's extraction on a Ray cluster, into Parquet.

The driver lists the inputs' items as the local engine's parent does (a plain file is
its path, a JSON Lines line or an archive record its text) and hands them to Ray Data
as blocks of one actor call (``BATCH`` stories, so every actor gets its share however
the stories lie in the files). ``map_batches`` gives them to a pool of actors sized to
the cluster's CPUs (two calls queued per actor at most); each actor loads the pipeline
once, takes blocks as soon as it has, extracts with the local engine's ``process`` and
writes the batch's rows as Parquet shards (``parquet.write_shards``). The driver sees
one small accounting row per item (progress, summary, the actors' load times), then
deduplicates the whole output (``parquet.compact``, stage 2).

The model is loaded inside each actor and never travels through Ray's object
store: arrays read back from it are read-only, and spaCy fails on them ("buffer
source array is read-only", explosion/spaCy#13506). Batches reach an actor as
Arrow and become plain Python strings before spaCy sees them.
"""

from __future__ import annotations

import logging
import os
import resource
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from .. import archives
from ..errors import EventwireError
from . import parquet
from .db import Failure
from .ingest import Dating, Item, Summary, _ready, expand, items, process

ACCOUNT = pa.schema([("item", pa.string()), ("outcome", pa.string()), ("reason", pa.string()),
                     ("events", pa.int32()), ("worker", pa.int64()), ("rss_mb", pa.float64()),
                     ("ready_at", pa.float64())])
BATCH = 8  # stories per actor call: small enough that every actor of the pool gets its share


def _ray():
    try:
        import ray
        import ray.data
    except ImportError:
        raise EventwireError("the Ray engine needs Ray: pip install 'eventwire[ray]'") from None
    return ray


def _rows(files: list[str], columns: archives.Columns | None, max_bytes: int) -> list[dict]:
    """The items of ``files`` as flat rows, listed by the driver as the local engine's
    parent lists them: a plain file is its path (the actor reads it), a JSON Lines line
    or an archive record its text."""
    rows = []
    for it in items(files, columns, max_bytes):
        if isinstance(it, Failure):
            rows.append({"name": it.item, "path": it.path, "line": "", "number": it.line, "failure": it.reason,
                         "ignored": False})
        else:
            rows.append({"name": it.name, "path": it.path, "line": it.line or "", "number": it.number,
                         "failure": "", "ignored": it.ignored})
    return rows


class Extractor:
    """The actor of ``map_batches``: one pipeline per actor, one batch of items per call."""

    def __init__(self, out: str, max_bytes: int, actor_files: tuple[str, ...], dating: Dating = Dating()):
        _ready(actor_files)
        self.out, self.max_bytes, self.actor_files, self.dating = out, max_bytes, actor_files, dating
        self.done = parquet.done_items(out)
        self.ready_at = time.time()  # the pipeline loaded: the actor takes work from now on

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
        return pa.Table.from_pylist([{**row, "worker": pid, "rss_mb": rss, "ready_at": self.ready_at} for row in account], schema=ACCOUNT)


@dataclass
class RaySummary(Summary):
    """A Ray ingest's summary, with its timeline in seconds from the call's start."""

    listed_s: float = 0.0  # the driver has listed the items
    first_ready_s: float = 0.0  # the first actor has loaded the pipeline
    pool_ready_s: float = 0.0  # the last actor has loaded it
    extracted_s: float = 0.0  # the last batch is back
    compacted_s: float = 0.0  # the output is deduplicated (the end)
    steady_stories: int = 0  # stories back after the pool was ready

    def steady_rate(self) -> float:
        """Stories per second between the pool's ready and the last batch back."""
        span = self.extracted_s - self.pool_ready_s
        return self.steady_stories / span if span > 0 else 0.0


def ingest_ray(paths: list[str], out: str, *, address: str | None = None, batch_size: int = BATCH,
               max_bytes: int = 5_000_000, actor_files: tuple[str, ...] = (), progress=None,
               window_days: int | None = None, columns: archives.Columns | None = None,
               num_cpus: int | None = None, object_store_memory: int | None = None,
               dating: Dating = Dating()) -> RaySummary:
    """Ingest stories on Ray into the Parquet folder ``out``; returns what happened.

    ``address`` is an existing cluster (``auto``, ``ray://HOST:PORT``); without one a
    local Ray runtime is started (``num_cpus``, ``object_store_memory``) and stopped.
    A Ray runtime already started in this process is used as it is."""
    t0 = time.time()
    ray = _ray()
    files = [os.path.abspath(f) for f in expand(paths)]  # workers do not share the driver's folder
    out = os.path.abspath(out)
    if Path(out).exists() and not Path(out).is_dir():
        raise EventwireError(f"{out}: not a folder")
    Path(out).mkdir(parents=True, exist_ok=True)
    before = parquet.count(out, "stories")
    rows = _rows(files, columns, max_bytes)
    summary = RaySummary(listed_s=time.time() - t0)
    started = bool(rows) and not ray.is_initialized()
    if started:
        ray.init(address=address, num_cpus=num_cpus, object_store_memory=object_store_memory,
                 include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    try:
        if progress is not None:
            progress.start(None)
        if rows:
            ready, back = _extract(ray, rows, out, batch_size, max_bytes, tuple(actor_files), dating, summary,
                                   progress)
            summary.first_ready_s, summary.pool_ready_s = (min(ready) - t0, max(ready) - t0) if ready else (0, 0)
            summary.steady_stories = sum(n for when, n in back if when - t0 > summary.pool_ready_s)
    finally:
        if started:
            ray.shutdown()
    summary.extracted_s = time.time() - t0
    counts = parquet.compact(out, **({"window_days": window_days} if window_days is not None else {}))
    new = counts["stories"] - before
    summary.duplicates, summary.stored = summary.stored - new, new
    summary.compacted_s = time.time() - t0
    if progress is not None:
        progress.stop()
    return summary


def _extract(ray, rows: list[dict], out: str, batch_size: int, max_bytes: int, actor_files: tuple[str, ...],
             dating: Dating, summary: Summary, progress) -> tuple[list[float], list[tuple[float, int]]]:
    """Run ``rows`` through the actor pool in blocks of ``batch_size``, one actor call each;
    returns the times the actors finished loading, and when each batch came back with
    how many stories."""
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # eventwire's own bar counts stories
    context.verbose_stats_logs = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    ds = _blocks(ray, rows, batch_size).map_batches(Extractor, fn_constructor_kwargs={"out": out, "max_bytes": max_bytes,
                                                          "actor_files": actor_files, "dating": dating},
                        batch_size=None, batch_format="pyarrow", num_cpus=1,
                        compute=ray.data.ActorPoolStrategy(size=cpus, max_tasks_in_flight_per_actor=2))
    ready: dict[int, float] = {}
    back = []
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
        batch = batch.to_pylist()
        ready.update((row["worker"], row["ready_at"]) for row in batch)
        back.append((time.time(), sum(row["outcome"] in ("stored", "failed") for row in batch)))
        _account(summary, batch, progress)
    return list(ready.values()), back


def _blocks(ray, rows: list[dict], batch_size: int):
    """``rows`` as a dataset of blocks of at most ``batch_size`` rows, one actor call each.
    The driver makes them and puts them in the object store: no task needs a CPU that the
    pool holds, and an actor takes blocks as soon as it has loaded."""
    return ray.data.from_items(rows, override_num_blocks=-(-len(rows) // batch_size))


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
