"""Ingest throughput against bare spaCy, on the PolNeAR articles, in one run.

Usage: python benchmarks/ingest_polnear.py [--data ../shared/data] [--limit N]

Three sides, each in a fresh process so its peak RSS is its own:
  spacy       nlp.pipe over the same paragraphs eventwire parses (clean.paragraphs), one process
  ingest -w1  eventwire ingest with 1 worker into a new database
  ingest -w2  eventwire ingest with 2 workers into a new database
Prints stories/s, events/s and peak RSS, and the ratios the targets speak of:
w2 / w1 stories/s, and w1 / spaCy stories/s.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import json, os, resource, sys, time
mode, listfile, db = sys.argv[1], sys.argv[2], sys.argv[3]
files = open(listfile).read().split("\n")
t0 = time.perf_counter()
if mode == "spacy":
    from eventwire.clean import paragraphs
    from eventwire.nlp import load_model
    nlp = load_model()
    texts = [p.text for f in files for p in paragraphs(open(f, encoding="utf-8").read()) if p.kind == "body"]
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    events = 0
else:
    from eventwire.nlp import load_model
    load_model()  # like the spaCy side, time the work, not the model load
    from eventwire.store import ingest
    t0 = time.perf_counter()
    summary = ingest(files, db, workers=int(mode))
    events = summary.events
wall = time.perf_counter() - t0
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"wall": wall, "events": events, "rss_mb": rss / 1024}))
"""


def run(mode: str, listfile: str, db: str, child: str = CHILD) -> dict:
    out = subprocess.run([sys.executable, "-c", child, mode, listfile, db], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.data, "polnear", "*", "text", "*.txt")))
    if not files:
        sys.exit(f"no PolNeAR texts under {args.data}/polnear")
    if args.limit:
        files = files[:args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        listfile = os.path.join(tmp, "files.txt")
        with open(listfile, "w") as f:
            f.write("\n".join(files))
        results = {"spacy": run("spacy", listfile, "")}
        for w in ("1", "2"):
            results[w] = run(w, listfile, os.path.join(tmp, f"w{w}.duckdb"))
    n = len(files)
    rate = {k: n / v["wall"] for k, v in results.items()}
    print(f"PolNeAR stories: {n}  ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores)")
    print("| side | stories/s | events/s | peak RSS (MB) |")
    print("|---|---|---|---|")
    print(f"| bare spaCy nlp.pipe (same paragraphs) | {rate['spacy']:.2f} | - | {results['spacy']['rss_mb']:.0f} |")
    for w in ("1", "2"):
        r = results[w]
        print(f"| eventwire ingest, {w} worker(s) | {rate[w]:.2f} | {r['events'] / r['wall']:.1f} | {r['rss_mb']:.0f} |")
    print(f"\n2 workers / 1 worker stories/s: {rate['2'] / rate['1']:.2f}  (target >= 1.7)")
    print(f"1 worker / bare spaCy stories/s: {rate['1'] / rate['spacy']:.2f}  (target >= 0.85)")
    print(f"peak RSS of the largest process: {max(r['rss_mb'] for r in results.values()):.0f} MB  (target <= 1024 per worker)")


if __name__ == "__main__":
    main()
