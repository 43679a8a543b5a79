"""Helpers shared by the evaluation commands."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from ..errors import InputError


def data_path(data_dir: str, *parts: str) -> Path:
    path = Path(data_dir, *parts)
    if not path.exists():
        raise InputError(f"{path}: evaluation data not found (pass --data pointing at ../shared/data)")
    return path


def stamp() -> str:
    """'date, commit' line that heads every evaluation printout."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=Path(__file__).parent, timeout=5).stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        commit = "unknown"
    return f"run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}"


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def print_table(header: list[str], rows: list[list]) -> None:
    """A markdown table, as the evaluation commands print their scores."""
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
