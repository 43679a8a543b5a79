"""Load time and memory the actor dictionary adds to a process, in one run.

Usage: python benchmarks/actor_dictionary.py [--repeat N]

Two sides, each in fresh processes that first load the spaCy model (whose cost is not
the dictionary's): the hand-written layers only (countries, organisations, roles,
people.yaml) and the whole dictionary with the layer converted from PETRARCH-2. Each
side builds the lexicon and its matchers (``actors.build`` + ``ActorFinder``) and
reports the wall and CPU time of that and the peak RSS it adds (on a loaded machine
the CPU time is the figure: wall time there is mostly waiting for a core); the figures are the medians
over N processes. Targets: the converted layer adds under 1 s and under 150 MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

CHILD = r"""
import json, resource, sys, time
from eventwire.nlp import load_model
nlp = load_model()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t, c = time.perf_counter(), time.process_time()
from eventwire import actors
finder = actors.ActorFinder(nlp, actors.build(converted=sys.argv[1] == "1"))
wall, cpu = time.perf_counter() - t, time.process_time() - c
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"wall": wall, "cpu": cpu, "rss_mb": (after - before) / 1024}))
"""


def measure(converted: bool, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", CHILD, "1" if converted else "0"],
                             capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "rss_mb")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    hand, whole = measure(False, args.repeat), measure(True, args.repeat)
    print(f"actor dictionary load, median of {args.repeat} processes ({time.strftime('%Y-%m-%d %H:%M')})")
    print("| side | build wall (s) | build CPU (s) | RSS added (MB) |")
    print("|---|---|---|---|")
    print(f"| hand-written layers only | {hand['wall']:.3f} | {hand['cpu']:.3f} | {hand['rss_mb']:.1f} |")
    print(f"| whole dictionary (with PETRARCH-2 layer) | {whole['wall']:.3f} | {whole['cpu']:.3f} | "
          f"{whole['rss_mb']:.1f} |")
    print(f"\nadded by the converted layer: {whole['wall'] - hand['wall']:.3f} s wall, "
          f"{whole['cpu'] - hand['cpu']:.3f} s CPU (target < 1), "
          f"{whole['rss_mb'] - hand['rss_mb']:.1f} MB (target < 150)")
    print(f"whole dictionary, every layer: {whole['cpu']:.3f} s CPU, {whole['rss_mb']:.1f} MB")


if __name__ == "__main__":
    main()
