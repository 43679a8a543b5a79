"""Load check of the HTTP API on loopback: concurrent clients for a fixed time.

Usage: python benchmarks/load_api.py DB.duckdb [--clients 50] [--seconds 20] [--workers 2] [--rounds 3]

Starts `eventwire serve` on 127.0.0.1 (a free port), then opens --clients keep-alive
connections that send /api/events, /api/timeline and /api/network with filters drawn
at random from the data (nearly every request differs) for --seconds, and prints
requests/s, p50/p95/p99 latency, the server's CPU time per GET and the error count, for
each of --rounds rounds (each against a freshly started server) and the median p95:
the machine is shared and one round can be slowed by others (the load average is
printed; CPU time per GET does not depend on it). Then the same with --posts more
clients sending long stories to POST /api/extract, whose answers are counted by
status, with the longest wait for one. Loopback only; bounded in time; it stops the
server itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse

import duckdb

TYPES = ["ASSAULT", "ACCUSE", "CONSULT", "AGREE", "COERCE", "REQUEST", "SUPPORT", "THREATEN"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def paths(db: str, rng: random.Random, n: int = 20000) -> list[str]:
    """GET paths with filters drawn at random from the data: 1 to 4 of actor, recipient,
    country, type, quad class, status, a date range, outlet, confidence, words; random
    sort, order and page. Nearly every path differs, so the result cache rarely helps."""
    con = duckdb.connect(db, read_only=True)

    def values(sql: str) -> list:
        return [r[0] for r in con.execute(sql).fetchall() if r[0] is not None]

    pick = {
        "actor": values("SELECT DISTINCT source_country FROM events LIMIT 80")
        + values("SELECT DISTINCT source_code FROM events USING SAMPLE 200 ROWS"),
        "recipient": values("SELECT DISTINCT target_country FROM events LIMIT 80"),
        "country": values("SELECT DISTINCT source_country FROM events LIMIT 80"),
        "type": values("SELECT DISTINCT event_type FROM events"),
        "quad_class": [1, 2, 3, 4],
        "status": values("SELECT DISTINCT status FROM events"),
        "outlet": values("SELECT DISTINCT outlet FROM events LIMIT 50") if _has(con, "outlet") else [],
        "min_confidence": [0.3, 0.5, 0.7, 0.9],
    }
    days = values("SELECT DISTINCT day FROM events WHERE day IS NOT NULL")
    con.close()
    pick = {k: v for k, v in pick.items() if v}
    out = []
    for _ in range(n):
        params = {k: rng.choice(pick[k]) for k in rng.sample(sorted(pick), rng.randint(1, 4))}
        if days and rng.random() < 0.4:
            a, b = sorted(rng.sample(days, 2))
            params.update(since=str(a)[:10], until=str(b)[:10])
        query = "&".join(f"{k}={urllib.parse.quote(str(v))}" for k, v in params.items())
        kind = rng.random()
        if kind < 0.6:
            sort = rng.choice(["day", "confidence", "num_reports", "event_type", "goldstein"])
            out.append(f"/api/events?{query}&sort={sort}&desc={rng.choice(['true', 'false'])}"
                       f"&limit={rng.choice([20, 50, 100])}&offset={50 * rng.randrange(20)}")
        elif kind < 0.85:
            out.append(f"/api/timeline?interval={rng.choice(['day', 'week', 'month'])}&{query}")
        else:
            out.append(f"/api/network?limit={rng.choice([40, 80, 150])}&{query}")
    return out


def _has(con, column: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'events' "
                            "AND column_name = ?", [column]).fetchone()[0])


LONG_STORY = "Russian forces attacked Kharkiv on Monday, the governor said. " * 2500  # ~155k characters


async def poster(port: int, until: float, outcomes: list[str], waits: list[float]) -> None:
    """A client that sends long stories to POST /api/extract until the time is up; every
    answer must be a result (200), too large (413), busy (429) or a timeout (504)."""
    body = json.dumps({"text": LONG_STORY, "date": "2024-03-14"}).encode()
    while time.perf_counter() < until:
        sent = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 300)
            outcomes.append(head.split(b" ", 2)[1].decode())
            writer.close()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError) as exc:
            outcomes.append(f"connection: {type(exc).__name__}")
        waits.append(time.perf_counter() - sent)
        if outcomes[-1] == "429":
            await asyncio.sleep(0.5)


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


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server process and its direct children (the HTTP
    workers; the extraction processes, a level further down, are not counted), from
    /proc (0 where there is none)."""
    used = 0
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return 0.0
    for entry in entries:
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[1]) == pid:
            used += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return used / os.sysconf("SC_CLK_TCK")


async def run(port: int, todo: list[str], clients: int, seconds: float, posters: int = 0, pid: int = 0):
    """GET latencies, GET errors, the GETs' wall time, POST outcomes and POST answer times,
    and the server's CPU seconds while the GETs ran."""
    lat: list[float] = []
    errors: list[str] = []
    outcomes: list[str] = []
    waits: list[float] = []
    cpu = server_cpu(pid)
    start = time.perf_counter()
    until = start + seconds
    posts = asyncio.gather(*(poster(port, until, outcomes, waits) for _ in range(posters)))
    await asyncio.gather(*(client(port, todo, until, lat, errors, random.Random(i)) for i in range(clients)))
    wall = time.perf_counter() - start
    cpu = server_cpu(pid) - cpu
    await posts  # the stories sent before the end are answered after it
    return lat, errors, wall, outcomes, waits, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--posts", type=int, default=10, help="Clients sending long POST /api/extract in the mixed rounds.")
    ap.add_argument("--extract-timeout", type=float, default=10, help="The server's limit per extraction.")
    args = ap.parse_args()
    con = duckdb.connect(args.db, read_only=True)
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    todo = paths(args.db, random.Random(0))
    print(f"store: {n_events} events; {args.clients} GET clients for {args.seconds:.0f} s on loopback, "
          f"{len(set(todo))} distinct GET paths; server workers: {args.workers}; {args.rounds} rounds of GETs only, "
          f"then {args.rounds} with {args.posts} long POST /api/extract clients ({time.strftime('%Y-%m-%d %H:%M')})")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start "
          "(server CPU ms per GET does not depend on what else runs)")
    print("| round | POST clients | GETs | GET/s | p50 ms | p95 ms | p99 ms | server CPU ms/GET | GET errors "
          "| POST answers |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    summary = {}
    for posts in (0, args.posts):
        p95s, errors_total, bad_posts, all_outcomes = [], 0, 0, []
        for n in range(1, args.rounds + 1):
            lat, errors, wall, outcomes, waits, cpu = one_round(args, todo, posts)
            q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [0] * 99
            p95s.append(q[94] * 1000)
            errors_total += len(errors)
            bad_posts += sum(1 for o in outcomes if o not in ("200", "413", "429", "504"))
            all_outcomes += outcomes
            counts = ", ".join(f"{k}: {outcomes.count(k)}" for k in sorted(set(outcomes))) or "-"
            counts += f" (longest wait {max(waits):.0f} s)" if waits else ""
            print(f"| {n} | {posts} | {len(lat)} | {len(lat) / wall:.0f} | {q[49] * 1000:.1f} | {q[94] * 1000:.1f} | "
                  f"{q[98] * 1000:.1f} | {1000 * cpu / max(len(lat), 1):.1f} | {len(errors)} | {counts} |")
            for e in errors[:3]:
                print("error:", e)
        summary[posts] = (statistics.median(p95s), errors_total, bad_posts, len(all_outcomes))
    plain, mixed = summary[0], summary[args.posts]
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"\nGETs only: median p95 {plain[0]:.1f} ms (target < 150), GET errors {plain[1]} (target 0)")
    print(f"with {args.posts} long POST clients: median GET p95 {mixed[0]:.1f} ms (target < 300), "
          f"GET errors {mixed[1]}, POST answers {mixed[3]}, of which not a result/413/429/timeout: {mixed[2]} (target 0)")


def one_round(args, todo: list[str], posts: int):
    """Start a server, load it for --seconds, stop it."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", args.db, "--port", str(port),
                               "--workers", str(args.workers), "--extract-timeout", str(args.extract_timeout)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        return asyncio.run(run(port, todo, args.clients, args.seconds, posts, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
