"""`extract` on one story with today's actor dictionary against an earlier commit's, in one run.

Usage: python benchmarks/extract_before_after.py [--before REV] [--rounds N] [--repeat N] [STORY]
Default story: ../shared/data/seed/000_1ab90770ccfa5413.txt (2025-01-06); with no REV the
before side is left out and hand is the baseline.

Three sides, each in a fresh process per round, rounds interleaved so that load on the
machine falls on every side alike:
  before  the package as of REV (its src/ exported by ``git archive``, first on sys.path)
  hand    today's package, actor dictionary without the PETRARCH-2 layer
  now     today's package, whole dictionary
Each process warms up once and times ``repeat`` extracts of the story (read, clean,
parse, every stage); the figure is the median over every extract of every round.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

CHILD = r"""
import json, sys, time
mode, path, date, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
text = open(path, encoding="utf-8").read()
from eventwire import read
from eventwire.pipeline import Pipeline
from eventwire.nlp import load_model
pipe = Pipeline.create(load_model())
if mode == "hand":
    from eventwire import actors
    pipe.actors = actors.ActorFinder(pipe.nlp, actors.build(converted=False))
def once():
    return pipe.run(read.from_text(text, date=date))
once()
walls = []
for _ in range(repeat):
    t = time.perf_counter()
    story = once()
    walls.append(time.perf_counter() - t)
import eventwire
print(json.dumps({"walls": walls, "events": len(story.events), "where": eventwire.__file__}))
"""


def export_src(rev: str, into: str) -> str:
    blob = subprocess.run(["git", "archive", rev, "src"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return os.path.join(into, "src")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("story", nargs="?", default="../shared/data/seed/000_1ab90770ccfa5413.txt")
    ap.add_argument("--date", default="2025-01-06")
    ap.add_argument("--before", default="", help="an earlier commit to time too (its package must run "
                    "in this venv: 8c991dd^1 does not, it lacks the eventwire.attributes the install names)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if not Path(args.story).exists():
        sys.exit(f"{args.story}: not found")
    with tempfile.TemporaryDirectory() as tmp:
        before_src = export_src(args.before, tmp) if args.before else None
        here = str(Path(__file__).resolve().parent.parent / "src")
        walls = {"before": [], "hand": [], "now": []} if before_src else {"hand": [], "now": []}
        events = {}
        for _ in range(args.rounds):
            for side in walls:
                env = dict(os.environ, PYTHONPATH=before_src if side == "before" else here)
                out = subprocess.run([sys.executable, "-c", CHILD, "before" if side == "before" else side,
                                      args.story, args.date, str(args.repeat)],
                                     capture_output=True, text=True, env=env)
                if out.returncode != 0:
                    sys.exit(out.stderr.strip().splitlines()[-1])
                r = json.loads(out.stdout.strip().splitlines()[-1])
                walls[side] += r["walls"]
                events[side] = r["events"]
    med = {side: statistics.median(w) for side, w in walls.items()}
    base = "before" if before_src else "hand"
    print(f"story: {args.story}  before: {args.before}  rounds: {args.rounds} x {args.repeat} "
          f"({time.strftime('%Y-%m-%d %H:%M')})")
    print(f"| side | median wall per extract (ms) | events | / {base} |")
    print("|---|---|---|---|")
    for side, label in (("before", f"before ({args.before})"), ("hand", "now, without PETRARCH-2 layer"),
                        ("now", "now, whole dictionary")):
        if side in med:
            print(f"| {label} | {med[side] * 1000:.1f} | {events[side]} | {med[side] / med[base]:.3f} |")
    print(f"\nnow / {base}: {med['now'] / med[base]:.3f} (target <= 1.10)")


if __name__ == "__main__":
    main()
