"""Does a change to eventwire's code change any output? Two versions, the same stories.

Usage: python benchmarks/compare_versions.py [--base REV] [--data ../shared/data] [--limit N]

Extracts the PolNeAR articles (``--data``/polnear/*/text/*.txt, in batches as `eventwire
ingest` runs them) and the seed story (``--date`` 2025-01-06) with the code at git
revision ``--base`` (default HEAD; its ``src/`` exported to a temporary directory) and
with the working tree's code, each in its own process, and compares every story's JSON.
Prints each difference and exits non-zero if there is one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile

import corpus

CHILD = r"""
import json, sys
from eventwire import read
from eventwire.pipeline import Pipeline
jobs, out = json.load(open(sys.argv[1])), open(sys.argv[2], "w")
pipeline = Pipeline.create()
for batch in jobs:
    for (f, kw), r in zip(batch, pipeline.run_many([read.read_story(f, **kw) for f, kw in batch])):
        row = {"error": f"{type(r).__name__}: {r}"} if isinstance(r, Exception) else r.to_dict()
        out.write(json.dumps([f, row], sort_keys=True) + "\n")
"""


def extract(src: str, jobfile: str, outfile: str) -> list:
    env = dict(os.environ, PYTHONPATH=src)
    done = subprocess.run([sys.executable, "-c", CHILD, jobfile, outfile], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "extraction failed")
    with open(outfile) as f:
        return [json.loads(line) for line in f]


def export(rev: str, into: str) -> str:
    archive = os.path.join(into, "src.tar")
    with open(archive, "wb") as f:
        done = subprocess.run(["git", "archive", rev, "src"], stdout=f, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"cannot export {rev}: {done.stderr.strip()}")
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return os.path.join(into, "src")


def differences(before: list, after: list) -> list[str]:
    out = []
    for (f, a), (_, b) in zip(before, after, strict=True):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                out.append(f"{f}: {key}: {json.dumps(a.get(key))[:300]} vs {json.dumps(b.get(key))[:300]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="HEAD", help="git revision to compare the working tree against")
    corpus.add_options(ap)
    args = ap.parse_args()
    files = corpus.polnear_files(args)
    jobs = [[(f, {}) for f in files[i:i + args.batch]] for i in range(0, len(files), args.batch)]
    jobs.append([(os.path.join(args.data, args.seed), {"date": args.date})])
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    with tempfile.TemporaryDirectory() as tmp:
        jobfile = os.path.join(tmp, "jobs.json")
        with open(jobfile, "w") as f:
            json.dump(jobs, f)
        before = extract(export(args.base, tmp), jobfile, os.path.join(tmp, "before.jsonl"))
        after = extract(here, jobfile, os.path.join(tmp, "after.jsonl"))
    found = differences(before, after)
    print(f"stories: {len(after)}  base: {args.base}  differences: {len(found)}")
    for line in found:
        print(" ", line)
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
