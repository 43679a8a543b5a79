"""The story set the comparison benchmarks share: PolNeAR texts plus the founding story."""

from __future__ import annotations

import glob
import os
import sys


def add_options(ap) -> None:
    """The options that pick the stories (and the batch size ingest would use)."""
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--seed", default="seed/000_1ab90770ccfa5413.txt")
    ap.add_argument("--date", default="2025-01-06", help="publication date of the seed story")
    ap.add_argument("--batch", type=int, default=32, help="stories per batch, as ingest uses")


def polnear_files(args) -> list[str]:
    """The PolNeAR texts under ``args.data``, the first ``args.limit`` of them if set; exits if none."""
    files = sorted(glob.glob(os.path.join(args.data, "polnear", "*", "text", "*.txt")))
    if not files:
        sys.exit(f"no PolNeAR texts under {args.data}/polnear")
    return files[:args.limit] if args.limit else files
