"""Ingest throughput against the stock spaCy model, on the PolNeAR articles, in one run.

Usage: python benchmarks/ingest_polnear.py [--data ../shared/data] [--limit N] [--rounds R]

Four sides, each in a fresh process so its peak RSS is its own:
  stock       the model as shipped (nlp.load_stock), nlp.pipe over the paragraphs eventwire parses
  reduced     the model eventwire runs (nlp.load_model), the same paragraphs
  ingest -w1  eventwire ingest with 1 worker into a new database
  ingest -w2  eventwire ingest with 2 workers into a new database
Each side loads what it needs once per run before its clock starts, as a long ingest
amortises it: the spaCy sides their model, the ingest sides the whole pipeline
(``ingest._ready``: model, actor dictionary, lexicon, gazetteer), which the 2 workers
then share by forking. That load is printed in its own column, never hidden.
The spaCy sides and the 1-worker ingest run nlp.pipe through ``nlp.pipe(..., timings=)``,
which times each component. Prints stories/s (wall) and CPU seconds (the 2 workers'
included), peak RSS, the ratios the targets speak of (w1 / stock stories/s, w2 / w1), the
load average, and each step's share of the CPU time of the stock parse, the reduced parse and the
1-worker ingest ("store and the rest": reading files, rows, the database, deduplication).
With ``--rounds R`` the four sides run R times, interleaved (so a busy spell of a shared
machine falls on every side alike), and each side's figures are its median round by wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import corpus

CHILD = r"""
import json, os, resource, sys, time
mode, listfile, db = sys.argv[1], sys.argv[2], sys.argv[3]
files = open(listfile).read().split("\n")
timings, events = {}, 0
l0 = time.perf_counter()
from eventwire import nlp as models
if mode in ("stock", "reduced"):
    from eventwire.clean import paragraphs
    nlp = models.load_model() if mode == "reduced" else models.load_stock()
    load = time.perf_counter() - l0
    texts = [p.text for f in files for p in paragraphs(open(f, encoding="utf-8").read()) if p.kind == "body"]
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in models.pipe(nlp, texts, 256, timings):  # the stock model keeps blis, single-threaded as ever
        pass
else:
    from eventwire.pipeline import Pipeline
    from eventwire.store import ingest
    from eventwire.store.ingest import _ready
    _ready()  # the whole pipeline, once per run (the workers fork with it)
    load = time.perf_counter() - l0
    if mode == "1":  # collect each step's seconds (the same work, clocked)
        run_many = Pipeline.run_many
        Pipeline.run_many = lambda self, stories: run_many(self, stories, timings)
    t0, c0 = time.perf_counter(), time.process_time()
    events = ingest(files, db, workers=int(mode)).events
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu += kids.ru_utime + kids.ru_stime  # the 2 workers' CPU (the parent waited for them; none before t0)
if mode == "1":
    timings["store and the rest"] = cpu - sum(timings.values())
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"wall": wall, "cpu": cpu, "load": load, "events": events, "rss_mb": rss / 1024,
                  "timings": timings, "loadavg": os.getloadavg()[0]}))
"""

SIDES = {"stock": "stock spaCy nlp.pipe (same paragraphs)", "reduced": "eventwire's reduced parse (same paragraphs)",
         "1": "eventwire ingest, 1 worker", "2": "eventwire ingest, 2 workers"}


def run(mode: str, listfile: str, db: str, child: str = CHILD) -> dict:
    out = subprocess.run([sys.executable, "-c", child, mode, listfile, db], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def shares(results: dict, sides: list[str]) -> None:
    steps = list(dict.fromkeys(step for side in sides for step in results[side]["timings"]))
    print("\nCPU seconds per step (share of that side's CPU time):")
    print("| step | " + " | ".join(SIDES[s] for s in sides) + " |")
    print("|---|" + "---|" * len(sides))
    for step in steps:
        cells = []
        for side in sides:
            seconds = results[side]["timings"].get(step)
            cells.append("-" if seconds is None else f"{seconds:.1f} ({seconds / results[side]['cpu']:.1%})")
        print(f"| {step} | " + " | ".join(cells) + " |")


def median_round(rounds: list[dict]) -> dict:
    return sorted(rounds, key=lambda r: r["wall"])[len(rounds) // 2]


def main() -> None:
    ap = argparse.ArgumentParser()
    corpus.add_options(ap)
    ap.add_argument("--rounds", type=int, default=1, help="runs of every side, interleaved; the median is shown")
    args = ap.parse_args()
    files = corpus.polnear_files(args)
    rounds: dict[str, list[dict]] = {mode: [] for mode in SIDES}
    with tempfile.TemporaryDirectory() as tmp:
        listfile = os.path.join(tmp, "files.txt")
        with open(listfile, "w") as f:
            f.write("\n".join(files))
        for k in range(args.rounds):
            for mode in SIDES:
                rounds[mode].append(run(mode, listfile, os.path.join(tmp, f"w{mode}-{k}.duckdb")))
    results = {mode: median_round(runs) for mode, runs in rounds.items()}
    n = len(files)
    rate = {k: n / v["wall"] for k, v in results.items()}
    print(f"PolNeAR stories: {n}  ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; median of {args.rounds} interleaved round(s))")
    if args.rounds > 1:
        print("wall seconds per round: " + "; ".join(
            f"{mode} " + " ".join(f"{r['wall']:.1f}" for r in runs) for mode, runs in rounds.items()))
    print("| side | stories/s | wall (s) | CPU (s) | events/s | peak RSS (MB) | load before the clock (s) "
          "| load average at its end |")
    print("|---|---|---|---|---|---|---|---|")
    for mode, label in SIDES.items():
        r = results[mode]
        events = f"{r['events'] / r['wall']:.1f}" if mode in ("1", "2") else "-"
        print(f"| {label} | {rate[mode]:.2f} | {r['wall']:.1f} | {r['cpu']:.1f} | {events} | {r['rss_mb']:.0f} "
              f"| {r['load']:.1f} | {r['loadavg']:.1f} |")
    stock, one = results["stock"], results["1"]
    print(f"\n1 worker / stock spaCy stories/s: {rate['1'] / rate['stock']:.3f}  (target >= 1.05; "
          f"by CPU time {stock['cpu'] / one['cpu']:.3f})")
    print(f"reduced parse / stock spaCy stories/s: {rate['reduced'] / rate['stock']:.3f}  "
          f"(by CPU time {stock['cpu'] / results['reduced']['cpu']:.3f})")
    print(f"2 workers / 1 worker stories/s: {rate['2'] / rate['1']:.3f}  (target >= 1.8; CPU seconds, "
          f"workers and parent: 2 workers {results['2']['cpu']:.1f}, 1 worker {one['cpu']:.1f})")
    print(f"peak RSS of the largest process: {max(r['rss_mb'] for r in results.values()):.0f} MB  "
          "(target <= 1024 per worker)")
    shares(results, ["stock", "reduced", "1"])


if __name__ == "__main__":
    main()
