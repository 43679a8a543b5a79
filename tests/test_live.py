"""A real server and a real ingest on one database: the dashboard's API shows events
as the ingest stores them, without a restart, and neither fails on DuckDB's lock."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from conftest import ingest_records

FIRST = [{"id": "first", "published": "2024-05-06", "text": "Kenya condemned Uganda on Monday."}]
COUNTRIES = ["Peru", "Chile", "Serbia", "Kosovo", "Ghana", "Togo", "Chad", "Niger", "Mali", "Spain", "France",
             "Egypt", "Sudan", "Nepal", "India"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, timeout: float = 20) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as res:
        return json.loads(res.read())


def _eventwire(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "eventwire", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def _serve(db: str) -> tuple[subprocess.Popen, int]:
    port = _port()
    server = _eventwire("serve", "--db", db, "--port", str(port))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            _get(port, "/api/stats", timeout=2)
            return server, port
        except (OSError, urllib.error.URLError):
            assert server.poll() is None, server.stderr.read()
            time.sleep(0.3)
    server.kill()
    raise AssertionError("the server did not start")


def test_dashboard_shows_events_an_ingest_is_writing(tmp_path):
    db = ingest_records(tmp_path, FIRST)
    records = [{"id": f"s{i}", "published": f"2024-06-{1 + i % 28:02d}",
                "text": f"{COUNTRIES[i % 15]} condemned {COUNTRIES[(i + 1) % 15]} on Monday."} for i in range(24)]
    more = tmp_path / "more.jsonl"
    more.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    server, port = _serve(db)
    try:
        before = _get(port, "/api/stats")
        assert before["stories"] == 1
        seen, errors, stop = [], [], threading.Event()

        def watch():  # a person with the dashboard open, reloading it while the ingest runs
            while not stop.is_set():
                try:
                    seen.append(_get(port, "/api/stats")["stories"])
                    _get(port, "/api/events?limit=5&sort=day&desc=true")
                except Exception as exc:  # noqa: BLE001 - recorded, asserted below
                    errors.append(repr(exc))
                time.sleep(0.02)

        watcher = threading.Thread(target=watch)
        watcher.start()
        ingest = _eventwire("ingest", str(more), "--db", db, "--workers", "1", "--batch-size", "1")
        out, err = ingest.communicate(timeout=400)
        stop.set()
        watcher.join(30)
        assert ingest.returncode == 0, err
        assert "stored 24" in out
        assert not errors, errors[:3]
        after = _get(port, "/api/stats")
        assert after["stories"] == 25 and after["events"] > before["events"]  # the same server, no restart
        assert len(set(seen)) > 2, seen  # stories appeared batch by batch while it ran
        assert _get(port, "/api/events?actor=PER&limit=5")["items"]
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(10)


def test_sigterm_ends_the_server_within_two_seconds_even_mid_extraction(tmp_path):
    db = ingest_records(tmp_path, FIRST)
    server, port = _serve(db)
    body = json.dumps({"text": "Russian forces attacked Kharkiv on Monday. " * 3000}).encode()

    def post():
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/extract", data=body,
                                     headers={"content-type": "application/json"})
        try:
            urllib.request.urlopen(req, timeout=60).read()
        except (OSError, urllib.error.URLError):
            pass

    threads = [threading.Thread(target=post) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    started = time.monotonic()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=10)
    finally:
        if server.poll() is None:
            server.kill()
    assert time.monotonic() - started < 2.0
    for t in threads:
        t.join(60)
