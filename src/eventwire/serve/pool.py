"""Extraction for the server: a bounded set of worker processes, a per-request timeout
and a queue limit, so that long stories never hold the threads that answer GETs.

Each worker is a process of its own with a pipe; a request takes an idle worker (or
waits in a queue of at most ``queue`` requests, else is refused), sends the story and
waits at most ``timeout`` seconds. A worker that overruns is killed and replaced, so
a stuck story costs its own request only.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
from dataclasses import dataclass


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class TimedOut(Exception):
    """The extraction took longer than its limit."""


EXTRACT_NICE = 10  # extraction yields the cores to the processes answering GETs


def _work(conn) -> None:
    import os

    from .. import api as ew_api
    from ..errors import EventwireError

    if hasattr(os, "nice"):
        os.nice(EXTRACT_NICE)
    try:
        ew_api.extract("Spain met France.")  # load the pipeline before the first request's clock starts
    except Exception:  # noqa: BLE001 - a real request will report it
        pass
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            story = ew_api.extract(job["text"], date=job.get("date"), url=job.get("url"), title=job.get("title"))
            conn.send(("ok", story.to_dict()))
        except EventwireError as exc:
            conn.send(("refused", str(exc)))
        except Exception as exc:  # noqa: BLE001 - a crash is an answer too, never a hung worker
            conn.send(("error", type(exc).__name__))


@dataclass
class _Worker:
    process: mp.Process
    conn: object
    ready: bool = False


class ExtractPool:
    """``workers`` extraction processes, started on first use."""

    def __init__(self, workers: int = 1, timeout: float = 30.0, queue: int = 8, startup: float = 180.0):
        self.startup = startup
        self.size, self.timeout, self.queue = max(1, workers), timeout, max(0, queue)
        self.ctx = mp.get_context("spawn")
        self.idle: asyncio.Queue | None = None
        self.waiting = 0
        self.all: list[_Worker] = []

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_work, args=(child,), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self.all.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.conn.close()
        self.all.remove(worker)

    def start(self) -> None:
        """Start the workers (they load the pipeline in the background)."""
        if self.idle is None:
            self.idle = asyncio.Queue()
            for _ in range(self.size):
                self.idle.put_nowait(self._start())

    async def run(self, job: dict) -> tuple[str, object]:
        """The worker's answer ``(kind, value)``; raises ``Busy`` or ``TimedOut``."""
        self.start()
        if self.idle.empty() and self.waiting >= self.queue:
            raise Busy()
        self.waiting += 1
        try:
            worker = await self.idle.get()
        finally:
            self.waiting -= 1
        loop = asyncio.get_running_loop()
        ready = asyncio.Event()
        loop.add_reader(worker.conn.fileno(), ready.set)
        try:
            if not worker.ready:  # a fresh worker loads the pipeline first; that is not the story's time
                await asyncio.wait_for(ready.wait(), self.startup)
                worker.conn.recv()
                ready.clear()
                worker.ready = True
            worker.conn.send(job)
            try:
                await asyncio.wait_for(ready.wait(), self.timeout)
            except asyncio.TimeoutError:
                raise TimedOut() from None
            answer = worker.conn.recv()
        except (TimedOut, EOFError, OSError, asyncio.CancelledError, asyncio.TimeoutError):
            loop.remove_reader(worker.conn.fileno())
            self._retire(worker)
            self.idle.put_nowait(self._start())
            raise
        loop.remove_reader(worker.conn.fileno())
        self.idle.put_nowait(worker)
        return answer

    def close(self) -> None:
        for worker in list(self.all):
            self._retire(worker)
