"""Extraction for the server: a bounded set of worker processes, a per-request timeout
and a queue limit, so that long stories never hold the threads that answer GETs.

Each worker is a process of its own with a pipe; a request takes an idle worker with
its pipeline loaded (waiting, with at most ``queue`` others, up to ``timeout`` seconds,
else it is refused as busy), sends the story and waits at most ``timeout`` seconds
more. A worker that overruns is killed and replaced, so a stuck story costs its own
request only, and every request is answered within twice its limit.
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

    def __init__(self, workers: int = 1, timeout: float = 30.0, queue: int = 8):
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

    async def _ready_worker(self) -> _Worker:
        """An idle worker with its pipeline loaded, waited for at most ``timeout`` seconds
        (else ``Busy``): a request never waits longer for a worker than for its story."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        while True:
            try:
                worker = self.idle.get_nowait()
            except asyncio.QueueEmpty:
                if loop.time() >= deadline:
                    raise Busy() from None
                await asyncio.sleep(0.02)
                continue
            if worker.ready or worker.conn.poll():  # a fresh worker says "ready" once loaded
                if not worker.ready:
                    try:
                        worker.conn.recv()
                    except (EOFError, OSError):  # it died loading: replace it
                        self._retire(worker)
                        self.idle.put_nowait(self._start())
                        continue
                    worker.ready = True
                return worker
            self.idle.put_nowait(worker)  # still loading: it stays in the pool
            if loop.time() >= deadline:
                raise Busy()
            await asyncio.sleep(0.02)

    async def run(self, job: dict) -> tuple[str, object]:
        """The worker's answer ``(kind, value)``; raises ``Busy`` (no worker free or
        ready within ``timeout`` seconds, or the queue is full) or ``TimedOut``."""
        self.start()
        if self.idle.empty() and self.waiting >= self.queue:
            raise Busy()
        self.waiting += 1
        try:
            worker = await self._ready_worker()
        finally:
            self.waiting -= 1
        loop = asyncio.get_running_loop()
        answered = asyncio.Event()
        loop.add_reader(worker.conn.fileno(), answered.set)
        try:
            worker.conn.send(job)
            try:
                await asyncio.wait_for(answered.wait(), self.timeout)
            except asyncio.TimeoutError:
                raise TimedOut() from None
            answer = worker.conn.recv()
        except (TimedOut, EOFError, OSError, asyncio.CancelledError, asyncio.TimeoutError):
            loop.remove_reader(worker.conn.fileno())
            self._retire(worker)
            self.idle.put_nowait(self._start())  # loads in the background while others wait
            raise
        loop.remove_reader(worker.conn.fileno())
        self.idle.put_nowait(worker)
        return answer

    def close(self) -> None:
        for worker in list(self.all):
            self._retire(worker)
