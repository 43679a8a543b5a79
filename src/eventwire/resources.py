"""Data files shipped in ``eventwire/data``: every mapping lives there, once."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources as _res

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when built with it: same documents, faster


def path(name: str):
    return _res.files("eventwire") / "data" / name


def read_text(name: str) -> str:
    return path(name).read_text(encoding="utf-8")


def lines(name: str) -> list[str]:
    """Non-empty lines of a data file, without ``#`` comment lines."""
    return [ln.rstrip("\n") for ln in read_text(name).splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


def table(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file with a header line (``#`` lines skipped)."""
    rows = csv.DictReader(lines(name), delimiter="\t")
    return [{k: (v or "").strip() for k, v in row.items()} for row in rows]


@lru_cache(maxsize=None)
def load_yaml(name: str):
    return yaml.load(read_text(name), Loader=_LOADER)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country code -> name, from ``countries.tsv``."""
    return {r["code"]: r["name"] for r in table("countries.tsv")}
