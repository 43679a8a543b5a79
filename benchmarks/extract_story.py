"""Wall time and peak memory of `extract` against the bare spaCy model, in one run.

Usage: python benchmarks/extract_story.py [STORY.txt] [--date YYYY-MM-DD] [--repeat N]
Default story: ../shared/data/seed/000_1ab90770ccfa5413.txt (published 2025-01-06).

Each side runs in its own fresh process (so peak RSS is that side's alone):
  spacy      load the model, parse the story's paragraphs with nlp.pipe
  eventwire  load the model, eventwire.extract the story (parsing included)
It prints per-story wall time (median of N), peak RSS, their ratios, and each
eventwire stage's share of the extract time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

CHILD = r"""
import json, resource, statistics, sys, time
mode, path, date, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
text = open(path, encoding="utf-8").read()
from eventwire.nlp import load_model
nlp = load_model()
timings, walls = {}, []
if mode == "spacy":
    from eventwire.clean import paragraphs
    paras = [p.text for p in paragraphs(text)]
    list(nlp.pipe(paras))
    for _ in range(repeat):
        t = time.perf_counter(); list(nlp.pipe(paras)); walls.append(time.perf_counter() - t)
else:
    from eventwire import clean, read
    from eventwire.parse import parse
    from eventwire.pipeline import get_pipeline
    pipe = get_pipeline()
    pipe.run(read.from_text(text, date=date))
    for _ in range(repeat):
        t = time.perf_counter()
        story = read.from_text(text, date=date)
        paras = clean.paragraphs(story.text, story.title)
        t1 = time.perf_counter()
        parsed = parse(pipe.nlp, story, paras)
        t2 = time.perf_counter()
        timings["parse"] = timings.get("parse", 0) + t2 - t1
        pipe.stages(parsed, timings)
        walls.append(time.perf_counter() - t)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall": statistics.median(walls), "rss_mb": rss,
                  "timings": {k: v / repeat for k, v in timings.items()}}))
"""


def measure(mode: str, path: str, date: str, repeat: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, path, date, str(repeat)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("story", nargs="?", default="../shared/data/seed/000_1ab90770ccfa5413.txt")
    ap.add_argument("--date", default="2025-01-06")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    if not Path(args.story).exists():
        sys.exit(f"{args.story}: not found")
    spacy_side = measure("spacy", args.story, args.date, args.repeat)
    ew = measure("eventwire", args.story, args.date, args.repeat)
    print(f"story: {args.story}  repeat: {args.repeat}  ({time.strftime('%Y-%m-%d %H:%M')})")
    print("| side | wall per story (ms) | peak RSS (MB) |")
    print("|---|---|---|")
    print(f"| bare spaCy (nlp.pipe over paragraphs) | {spacy_side['wall'] * 1000:.1f} | {spacy_side['rss_mb']:.0f} |")
    print(f"| eventwire extract (parse included) | {ew['wall'] * 1000:.1f} | {ew['rss_mb']:.0f} |")
    print(f"| ratio eventwire / spaCy | {ew['wall'] / spacy_side['wall']:.2f} | {ew['rss_mb'] / spacy_side['rss_mb']:.2f} |")
    total = ew["wall"]
    print("\nstage shares of extract time:")
    for stage, seconds in ew["timings"].items():
        print(f"  {stage:<11} {seconds * 1000:7.2f} ms  {seconds / total:6.1%}")


if __name__ == "__main__":
    main()
