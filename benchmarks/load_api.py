"""Load check of the HTTP API on loopback: concurrent clients for a fixed time.

Usage: python benchmarks/load_api.py DB.duckdb [--clients 50] [--seconds 20] [--workers 2] [--rounds 3]

Starts `eventwire serve` on 127.0.0.1 (a free port), then opens --clients keep-alive
connections that send a mix of /api/events (random actor filters and pages) and
/api/timeline (random actor and type filters) for --seconds, and prints requests/s,
p50/p95/p99 latency and the error count, for each of --rounds rounds (each against a
freshly started server) and the median p95: the machine is shared and one round can
be slowed by others. Loopback only; bounded in time; it stops
the server itself.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import time

import duckdb

TYPES = ["ASSAULT", "ACCUSE", "CONSULT", "AGREE", "COERCE", "REQUEST", "SUPPORT", "THREATEN"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def paths(db: str, rng: random.Random, n: int = 2000) -> list[str]:
    con = duckdb.connect(db, read_only=True)
    actors = [r[0] for r in con.execute("SELECT source_country FROM events GROUP BY 1 ORDER BY count(*) DESC LIMIT 40").fetchall()]
    con.close()
    out = []
    for _ in range(n):
        if rng.random() < 0.5:
            out.append(f"/api/events?actor={rng.choice(actors)}&limit=50&offset={50 * rng.randrange(10)}&sort=day&desc=true")
        else:
            out.append(f"/api/timeline?interval=week&actor={rng.choice(actors)}&type={rng.choice(TYPES)}")
    return out


async def client(port: int, todo: list[str], until: float, lat: list[float], errors: list[str], rng) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < until:
            path = rng.choice(todo)
            t0 = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode())
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length")), 0)
            await reader.readexactly(length)
            lat.append(time.perf_counter() - t0)
            if status != 200:
                errors.append(f"{status} {path}")
    except (ConnectionError, asyncio.IncompleteReadError) as exc:
        errors.append(f"connection: {exc}")
    finally:
        writer.close()


async def run(port: int, todo: list[str], clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    lat: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    until = start + seconds
    await asyncio.gather(*(client(port, todo, until, lat, errors, random.Random(i)) for i in range(clients)))
    return lat, errors, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    con = duckdb.connect(args.db, read_only=True)
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    print(f"store: {n_events} events; {args.clients} clients for {args.seconds:.0f} s on loopback; "
          f"server workers: {args.workers}; {args.rounds} rounds ({time.strftime('%Y-%m-%d %H:%M')})")
    print("| round | requests | requests/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|---|")
    p95s, errors_total = [], 0
    for n in range(1, args.rounds + 1):
        lat, errors, wall = one_round(args)
        q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [0] * 99
        p95s.append(q[94] * 1000)
        errors_total += len(errors)
        print(f"| {n} | {len(lat)} | {len(lat) / wall:.0f} | {q[49] * 1000:.1f} | {q[94] * 1000:.1f} | "
              f"{q[98] * 1000:.1f} | {len(errors)} |")
        for e in errors[:3]:
            print("error:", e)
    print(f"\nmedian p95 over {args.rounds} rounds: {statistics.median(p95s):.1f} ms (target < 100); "
          f"errors: {errors_total} (target 0)")


def one_round(args) -> tuple[list[float], list[str], float]:
    """Start a server, load it for --seconds, stop it."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", args.db, "--port", str(port),
                               "--workers", str(args.workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        todo = paths(args.db, random.Random(0))
        return asyncio.run(run(port, todo, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
