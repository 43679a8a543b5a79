"""Wall time and peak memory of `extract` against the stock spaCy model, in one run.

Usage: python benchmarks/extract_story.py [STORY.txt] [--date YYYY-MM-DD] [--repeat N]
Default story: ../shared/data/seed/000_1ab90770ccfa5413.txt (published 2025-01-06).

Each side runs in its own fresh process (so peak RSS is that side's alone):
  stock      the model as shipped (nlp.load_stock): nlp.pipe over the story's body paragraphs
  reduced    the model eventwire runs (nlp.load_model): the same paragraphs
  eventwire  eventwire's extract of the story: read, clean, parse, every stage
It prints per-story wall time (median of N), peak RSS, their ratios, and each step's
share of each side's CPU time (spaCy's components, clocked by ``nlp.pipe(..., timings=)``,
and eventwire's stages).
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
from eventwire import clean, nlp as models, read
from eventwire.parse import parse
from eventwire.pipeline import Pipeline
nlp = models.load_stock() if mode == "stock" else models.load_model()
pipe = Pipeline.create(nlp) if mode == "eventwire" else None

def add(timings, step, since):
    timings[step] = timings.get(step, 0.0) + time.process_time() - since

def paragraphs():
    story = read.from_text(text, date=date)
    paras = clean.paragraphs(story.text, story.title)
    clean.check_english(" ".join(p.text for p in paras if p.kind == "body"))
    return story, paras

body = [p.text for p in paragraphs()[1] if p.kind == "body"]

def once(timings):
    if pipe is None:  # the spaCy sides: the parse alone
        list(models.pipe(nlp, body, 64, timings))
        return
    c = time.process_time()
    story, paras = paragraphs()
    add(timings, "read and clean", c)
    docs = list(models.pipe(nlp, [p.text for p in paras if p.kind == "body"], 64, timings))
    c = time.process_time()
    parsed = parse(nlp, story, paras, docs=docs)
    add(timings, "parse", c)
    pipe.stages(parsed, timings)

once({})  # warm up
timings, walls, cpus = {}, [], []
for _ in range(repeat):
    t, c = time.perf_counter(), time.process_time()
    once(timings)
    walls.append(time.perf_counter() - t)
    cpus.append(time.process_time() - c)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall": statistics.median(walls), "cpu": sum(cpus) / repeat, "rss_mb": rss,
                  "timings": {k: v / repeat for k, v in timings.items()}}))
"""

SIDES = {"stock": "stock spaCy nlp.pipe (body paragraphs)", "reduced": "eventwire's reduced parse (same paragraphs)",
         "eventwire": "eventwire extract (parse included)"}


def measure(mode: str, path: str, date: str, repeat: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, path, date, str(repeat)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("story", nargs="?", default="../shared/data/seed/000_1ab90770ccfa5413.txt")
    ap.add_argument("--date", default="2025-01-06")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    if not Path(args.story).exists():
        sys.exit(f"{args.story}: not found")
    results = {mode: measure(mode, args.story, args.date, args.repeat) for mode in SIDES}
    stock = results["stock"]
    print(f"story: {args.story}  repeat: {args.repeat}  ({time.strftime('%Y-%m-%d %H:%M')})")
    print("| side | wall per story (ms) | CPU per story (ms) | peak RSS (MB) | wall / stock |")
    print("|---|---|---|---|---|")
    for mode, label in SIDES.items():
        r = results[mode]
        print(f"| {label} | {r['wall'] * 1000:.1f} | {r['cpu'] * 1000:.1f} | {r['rss_mb']:.0f} | "
              f"{r['wall'] / stock['wall']:.2f} |")
    for mode in SIDES:
        r = results[mode]
        print(f"\n{SIDES[mode]}: each step's share of its CPU time")
        for step, seconds in r["timings"].items():
            print(f"  {step:<21} {seconds * 1000:7.2f} ms  {seconds / r['cpu']:6.1%}")


if __name__ == "__main__":
    main()
