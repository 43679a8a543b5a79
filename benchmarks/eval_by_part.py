"""Run ``eventwire eval events`` on the tune part and on the check part of its data.

Usage: python benchmarks/eval_by_part.py [--data ../shared/data]

The event data has no split of its own, so each record goes to a fixed part by a hash
of its id (PLOVER gold records) or its text (ConfliBERT sentences), the rule of
``eventwire eval actors``. Each part is written to a temporary copy of the data folder
and the eval command is run on it, check part first. The hash is written out here, so
the script runs against any version of eventwire (to print before and after figures).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

PARTS = ("check", "tune")


def part(key: str) -> str:
    return PARTS[hashlib.sha1(key.encode("utf-8")).digest()[0] % 2]


def write_part(data: Path, out: Path, name: str) -> None:
    gsr = data / "plover" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"
    records = [r for r in json.loads(gsr.read_text(encoding="utf-8"))
               if r.get("event") == "DOCUMENT" or part(r["id"]) == name]
    (out / gsr.relative_to(data)).parent.mkdir(parents=True)
    (out / gsr.relative_to(data)).write_text(json.dumps(records), encoding="utf-8")
    cls = data / "conflibert" / "cameo_class" / "train.tsv"
    rows = [ln for ln in cls.read_text(encoding="utf-8").splitlines(keepends=True)
            if part(ln.split("\t")[0]) == name]
    (out / cls.relative_to(data)).parent.mkdir(parents=True)
    (out / cls.relative_to(data)).write_text("".join(rows), encoding="utf-8")
    ner = data / "conflibert" / "cameo_ner" / "train.txt"
    blocks = [b for b in ner.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    keep = [b for b in blocks if part(" ".join(ln.rpartition(" ")[0] for ln in b.splitlines())) == name]
    (out / ner.relative_to(data)).parent.mkdir(parents=True)
    (out / ner.relative_to(data)).write_text("\n\n".join(keep) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    args = ap.parse_args()
    for name in PARTS:
        with tempfile.TemporaryDirectory() as tmp:
            write_part(Path(args.data), Path(tmp), name)
            print(f"\n## {name} part\n", flush=True)
            subprocess.run([sys.executable, "-m", "eventwire", "eval", "events", "--data", tmp], check=True)


if __name__ == "__main__":
    main()
