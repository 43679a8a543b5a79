"""``eventwire ingest``: many stories into one event database, losing nothing.

Inputs are files, folders (recursively) and globs of .txt, .html, .jsonl(.gz) and
news archives (.warc(.gz), .parquet: see ``archives.py``).
Worker processes each load the model once and extract batches of stories; the
parent writes each batch in one transaction. Every input item (a file, a line
of a JSON Lines file, a record of an archive) ends in the ``items`` table as stored, duplicate or failed,
so a rerun skips what is done: killing an ingest at any moment and running it
again gives the rows a clean run gives. A bad story is a row in ``failures``.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import json
import multiprocessing as mp
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import archives, read
from ..errors import EventwireError, InputError
from .db import Store
from .rows import story_rows

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".txt.gz", ".html.gz",
            *archives.WARC_SUFFIXES, *archives.PARQUET_SUFFIXES)


@dataclass
class Item:
    """One story to ingest: a file, a line of a JSON Lines file or an archive record."""

    name: str
    path: str
    line: str | None = None  # the JSON text of a JSON Lines or archive record
    failure: str | None = None  # why the item could not even be read
    ignored: bool = False  # an archive record that is no news page (a request, an image)


@dataclass
class Summary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0  # ingested by an earlier run
    ignored: int = 0  # archive records that are no news page
    events: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def expand(paths: list[str]) -> list[str]:
    """Files named by paths, folders (recursively) and globs, in a stable order."""
    out: list[str] = []
    for p in paths:
        matches = sorted(glob.glob(p, recursive=True)) if any(c in p for c in "*?[") else [p]
        if not matches:
            raise InputError(f"{p}: no such file or folder")
        for m in matches:
            path = Path(m)
            if path.is_dir():
                out += sorted(str(f) for f in path.rglob("*") if f.is_file() and f.name.lower().endswith(SUFFIXES))
            elif path.exists():
                out.append(str(path))
            else:
                raise InputError(f"{m}: no such file or folder")
    return list(dict.fromkeys(out))


def items(files: list[str], columns: archives.Columns | None = None,
          max_bytes: int = read.MAX_BYTES) -> Iterator[Item]:
    """Items of the input files, JSON Lines and archives streamed record by record;
    what cannot be read is an item with its ``failure``."""
    for path in files:
        if archives.kind_of(path):
            for entry in archives.entries(path, columns, max_bytes):
                if isinstance(entry, archives.Record):
                    yield Item(entry.name, path, entry.line)
                else:
                    yield Item(entry.name, path, failure=getattr(entry, "reason", None),
                               ignored=isinstance(entry, archives.Ignored))
        elif read.kind_of(path) == "jsonl":
            yield from _jsonl_items(path)
        else:
            yield Item(path, path)


def _jsonl_items(path: str) -> Iterator[Item]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            for number, raw in enumerate(f, 1):
                if raw.strip():
                    yield Item(f"{path}:{number}", path, raw.decode("utf-8", errors="replace"))
    except (OSError, EOFError) as exc:
        yield Item(path, path, failure=f"cannot read JSON Lines file ({exc})")


def _load(item: Item, max_bytes: int) -> read.Story:
    if item.line is None:
        return read.read_story(item.path, max_bytes=max_bytes)
    if len(item.line.encode("utf-8")) > max_bytes:
        raise InputError(f"story too large (> {max_bytes:,} bytes)")
    try:
        record = json.loads(item.line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON ({exc.msg})") from None
    return read.from_record(record, item.name)


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text if isinstance(exc, EventwireError) else f"{type(exc).__name__}: {text}"


def process(batch: list[Item], max_bytes: int, actor_files: tuple[str, ...] = ()) -> list[tuple]:
    """Extract a batch (in a worker): ("ok", item, rows) or ("fail", item, reason) per item."""
    from ..pipeline import get_pipeline

    pipeline = get_pipeline(actor_files)
    loaded, out = [], []
    for item in batch:
        try:
            loaded.append((item, _load(item, max_bytes)))
        except Exception as exc:  # every failure is a recorded reason, never a crash
            out.append(("fail", item.name, _short(exc)))
    now = dt.datetime.now().replace(microsecond=0)
    results = pipeline.run_many([story for _, story in loaded])
    for (item, _), result in zip(loaded, results):
        if isinstance(result, Exception):
            out.append(("fail", item.name, _short(result)))
        else:
            out.append(("ok", item.name, story_rows(result, item.path, now)))
    return out


def _ready(actor_files: tuple[str, ...] = ()) -> None:
    """Load the pipeline, then take its long-lived objects (model, dictionaries) out of
    the garbage collector's sight: scanning them again and again costs ~2% of a run."""
    import gc

    from ..pipeline import get_pipeline

    get_pipeline(actor_files)
    gc.collect()
    gc.freeze()


def _init_worker(actor_files: tuple[str, ...] = ()) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _ready(actor_files)


def ingest(paths: list[str], db: str, *, workers: int | None = None, batch_size: int = 32,
           max_bytes: int = 5_000_000, actor_files: tuple[str, ...] = (), progress=None,
           window_days: int | None = None, columns: archives.Columns | None = None) -> Summary:
    """Ingest stories into the database ``db``; returns what happened."""
    files = expand(paths)
    summary = Summary()
    with Store(db) as store:
        store.con.execute("SET threads = 1")  # the cores belong to parsing; writes are small
        done = store.done_items()
        todo: list[Item] = []
        early_failures: list[tuple[str, str]] = []
        for it in items(files, columns, max_bytes):
            if it.ignored:
                summary.ignored += 1
            elif it.failure:
                early_failures.append((it.name, it.failure))
            elif it.name in done:
                summary.skipped += 1
            else:
                todo.append(it)
        if early_failures:
            store.write_batch([], early_failures)
            summary.failed += len(early_failures)
            summary.failures += early_failures
        batches = [todo[i:i + batch_size] for i in range(0, len(todo), batch_size)]
        workers = max(1, workers or os.cpu_count() or 1)
        if progress is not None:
            progress.start(len(todo))

        def consume(results: list[tuple]) -> None:
            ok = [(name, rows) for kind, name, rows in results if kind == "ok"]
            bad = [(name, reason) for kind, name, reason in results if kind == "fail"]
            stored, dups = store.write_batch(ok, bad)
            summary.read += len(results)
            summary.stored += stored
            summary.duplicates += dups
            summary.failed += len(bad)
            summary.failures += bad
            summary.events += sum(len(rows["reports"]) for _, rows in ok)
            if progress is not None:
                progress.advance(len(results), summary.events)

        if workers == 1 or len(batches) <= 1:
            if batches:
                _ready(actor_files)
            for batch in batches:
                consume(process(batch, max_bytes, actor_files))
        else:
            ctx = mp.get_context("fork")
            with ctx.Pool(workers, initializer=_init_worker, initargs=(actor_files,)) as pool:
                jobs = [pool.apply_async(process, (batch, max_bytes, actor_files)) for batch in batches]
                for job in jobs:
                    consume(job.get())
        store.rebuild_events(**({"window_days": window_days} if window_days is not None else {}))
        if progress is not None:
            progress.stop()
    return summary
