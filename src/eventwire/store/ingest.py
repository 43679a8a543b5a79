"""``eventwire ingest``: many stories into one event database, losing nothing.

Inputs are files, folders (recursively) and globs of .txt, .html, .jsonl(.gz) and
news archives (.warc(.gz), .parquet: see ``archives.py``).
Worker processes each load the model once and extract batches of stories; the
parent writes each batch in one transaction. Every input item (a file, a line of
a JSON Lines file, an archive record) ends in the ``items`` table as stored, duplicate or failed,
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
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import archives, read
from ..errors import EventwireError, InputError
from .db import Failure, Store
from .rows import story_rows

LOCK_WAIT = 60.0  # seconds a commit waits for readers of the file to let go
SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".txt.gz", ".html.gz",
            *archives.WARC_SUFFIXES, *archives.PARQUET_SUFFIXES)


@dataclass
class Item:
    """One story to ingest: a file, a line of a JSON Lines file or an archive record."""

    name: str
    path: str
    line: str | None = None  # the JSON text of a JSON Lines or archive record
    number: int | None = None  # its line number (the row of a Parquet file)
    ignored: bool = False  # an archive record that is no news page (a request, an image)


@dataclass(frozen=True)
class Dating:
    """Publication dates for inputs that carry none of their own (plain text, a record
    without ``published``, a page htmldate finds none in): the date ``pattern`` finds
    in the file name, else ``default``.

    ``pattern`` is a regular expression searched in the file's name: its groups
    ``year``, ``month`` and ``day`` if it names them, else its first group (or the whole
    match) read as YYYY-MM-DD or YYYYMMDD."""

    default: str | None = None
    pattern: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "default", read.parse_date(self.default))
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise InputError(f"--date-from-filename: bad pattern {self.pattern!r} ({exc})") from None

    def from_name(self, path: str) -> str | None:
        """The date in the name of ``path``, or None."""
        found = re.search(self.pattern, os.path.basename(path)) if self.pattern else None
        if found is None:
            return None
        parts = found.groupdict()
        if all(parts.get(k) for k in ("year", "month", "day")):
            text = f"{int(parts['year']):04d}-{int(parts['month']):02d}-{int(parts['day']):02d}"
        else:
            text = found.group(1) if found.re.groups else found.group(0)
            digits = re.sub(r"\D", "", text)
            text = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}" if len(digits) == 8 else text
        try:
            return read.parse_date(text)
        except InputError:
            return None

    def apply(self, story: read.Story, path: str) -> None:
        """Date ``story`` if it has no date of its own, saying where the date came from."""
        if story.published is not None:
            return
        named = self.from_name(path)
        if named is not None:
            story.published = named
            story.warnings.append(f"publication date {named} taken from the file name")
        elif self.default is not None:
            story.published = self.default
            story.warnings.append(f"publication date {self.default} given to an undated input (--date)")


@dataclass
class Summary:
    read: int = 0
    stored: int = 0
    versions: int = 0  # of the stored, new versions of a known id with another text
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0  # ingested by an earlier run
    ignored: int = 0  # archive records that are no news page
    events: int = 0
    failures: list[Failure] = field(default_factory=list)
    workers: dict[int, int] = field(default_factory=dict)  # stories read by each worker process (Ray actors)
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # each Ray actor's peak memory


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


def _name(path: str) -> str:
    """A path as text the store can hold (undecodable bytes of a file name replaced)."""
    return read.scrub(path)[0]


def items(files: list[str], columns: archives.Columns | None = None,
          max_bytes: int = read.MAX_BYTES) -> Iterator[Item | Failure]:
    """Items of the input files, JSON Lines and archives streamed record by record. A file
    that cannot be opened, or breaks off (a corrupt .gz), yields a failure where it breaks;
    the records before it are items as usual."""
    for path in files:
        name = _name(path)
        if archives.kind_of(path):
            yield from _archive_items(path, name, columns, max_bytes)
            continue
        if read.kind_of(path) != "jsonl":
            yield Item(name, path)
            continue
        opener = gzip.open if path.lower().endswith(".gz") else open
        number = 0
        try:
            with opener(path, "rb") as f:
                for number, raw in enumerate(f, 1):
                    if raw.strip():
                        yield Item(f"{name}:{number}", path, raw.decode("utf-8", errors="replace"), number)
        except Exception as exc:  # zlib.error, EOFError, OSError: whatever the archive does
            where = f"after line {number}" if number else "at its start"
            yield Failure(f"{name}:{number + 1}", f"cannot read JSON Lines file {where} ({_short(exc)})",
                          name, number + 1)


def _archive_items(path: str, name: str, columns, max_bytes: int) -> Iterator[Item | Failure]:
    for entry in archives.entries(path, columns, max_bytes):
        where = name + entry.name[len(path):]
        number = entry.number
        if isinstance(entry, archives.Record):
            yield Item(where, path, entry.line, number)
        elif isinstance(entry, archives.Broken):
            yield Failure(where, entry.reason, name, number)
        else:
            yield Item(where, path, number=number, ignored=True)


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


def process(batch: list[Item], max_bytes: int, actor_files: tuple[str, ...] = (),
            dating: Dating = Dating()) -> list[tuple[str, dict] | Failure]:
    """Extract a batch (in a worker): (item, rows) of each story extracted, or its failure."""
    from ..pipeline import get_pipeline

    pipeline = get_pipeline(actor_files)
    loaded: list[tuple[Item, read.Story]] = []
    out: list[tuple[str, dict] | Failure] = []

    def fail(item: Item, exc: Exception) -> None:  # every failure is a recorded reason, never a crash
        out.append(Failure(item.name, _short(exc), _name(item.path), item.number))

    for item in batch:
        try:
            story = _load(item, max_bytes)
            dating.apply(story, item.path)
            loaded.append((item, story))
        except Exception as exc:
            fail(item, exc)
    now = dt.datetime.now().replace(microsecond=0)
    results = pipeline.run_many([story for _, story in loaded])
    for (item, _), result in zip(loaded, results):
        try:
            if isinstance(result, Exception):
                raise result
            out.append((item.name, story_rows(result, _name(item.path), now)))
        except Exception as exc:
            fail(item, exc)
    return out


def _ready(actor_files: tuple[str, ...] = ()) -> None:
    """Load what every story needs (model, dictionaries, gazetteer; pandas, which DuckDB
    imports the first time it scans a batch), then take the long-lived objects out of
    the garbage collector's sight: scanning them again and again costs ~2% of a run.
    Called before the worker processes fork, so they share one load."""
    import gc

    import pandas  # noqa: F401

    from ..pipeline import get_pipeline

    get_pipeline(actor_files)
    gc.collect()
    gc.freeze()


def _init_worker(actor_files: tuple[str, ...] = ()) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _ready(actor_files)


def _share(n: int, batch_size: int, workers: int) -> int:
    """Stories per batch: ``batch_size``, or fewer when a few batches would leave workers
    idle while one finishes the last (4 batches a worker at least, so they end together)."""
    return batch_size if workers == 1 else max(1, min(batch_size, -(-n // (4 * workers))))


def ingest(paths: list[str], db: str, *, workers: int | None = None, batch_size: int = 32,
           max_bytes: int = 5_000_000, actor_files: tuple[str, ...] = (), progress=None,
           window_days: int | None = None, columns: archives.Columns | None = None,
           refresh: float = 10.0, dating: Dating = Dating()) -> Summary:
    """Ingest stories into the database ``db``; returns what happened. The events table
    is rebuilt at the end and, while it runs, at most every ``refresh`` seconds;
    ``dating`` dates the undated inputs."""
    files = expand(paths)
    summary = Summary()

    def session() -> Store:
        """The database for one commit: DuckDB's file lock is held only while a batch is
        written, so a server (``eventwire serve``) can read the file between batches."""
        store = Store(db, wait=LOCK_WAIT)
        store.con.execute("SET threads = 1")  # the cores belong to parsing; writes are small
        return store

    with session() as store:
        done = store.done_items()
    todo: list[Item] = []
    early: list[Failure] = []
    last_rebuild, rebuild_cost = time.monotonic(), 0.0
    for it in items(files, columns, max_bytes):
        if isinstance(it, Failure):
            early.append(it)
        elif it.ignored:
            summary.ignored += 1
        elif it.name in done:
            summary.skipped += 1
        else:
            todo.append(it)
    rebuild = {"window_days": window_days} if window_days is not None else {}

    def record(stored: list[tuple[str, dict]], failed: list[Failure]) -> None:
        nonlocal last_rebuild, rebuild_cost
        with session() as store:
            result = store.write_batch(stored, failed)
            # a dashboard watching sees events as they come; a rebuild grows with the
            # database, so rebuilds are spaced to take at most ~5% of the run
            if time.monotonic() - last_rebuild > max(refresh, 20 * rebuild_cost):
                started = time.monotonic()
                store.rebuild_events(**rebuild)
                last_rebuild = time.monotonic()
                rebuild_cost = last_rebuild - started
        summary.stored += result.stored
        summary.versions += result.versions
        summary.duplicates += result.duplicates
        summary.failed += result.failed
        summary.failures += failed + result.refused
        kept = {i["item"] for i in result.items if i["outcome"] in ("stored", "version")}
        summary.events += sum(len(rows["reports"]) for name, rows in stored if name in kept)

    if early:
        record([], early)
    workers = max(1, workers or os.cpu_count() or 1)
    size = _share(len(todo), batch_size, workers)
    batches = [todo[i:i + size] for i in range(0, len(todo), size)]
    if progress is not None:
        progress.start(len(todo))

    def consume(results: list[tuple[str, dict] | Failure]) -> None:
        record([r for r in results if not isinstance(r, Failure)], [r for r in results if isinstance(r, Failure)])
        summary.read += len(results)
        if progress is not None:
            progress.advance(len(results), summary.events)

    if batches:
        _ready(actor_files)  # before the fork: the workers share one load
    if workers == 1 or len(batches) <= 1:
        for batch in batches:
            consume(process(batch, max_bytes, actor_files, dating))
    else:
        ctx = mp.get_context("fork")
        with ctx.Pool(workers, initializer=_init_worker, initargs=(actor_files,)) as pool:
            jobs = [pool.apply_async(process, (batch, max_bytes, actor_files, dating)) for batch in batches]
            for job in jobs:
                consume(job.get())
    with session() as store:
        store.rebuild_events(**rebuild)
    if progress is not None:
        progress.stop()
    return summary
