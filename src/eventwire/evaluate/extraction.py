"""``eventwire eval extraction``: main text of news pages against the benchmark's ground truth.

Data: ../shared/data/extraction (181 gzipped pages, ground-truth.json). Metric as
that folder's SOURCE.md describes it: tokens are \\w+ runs; per page, multisets of
4-token shingles of truth and prediction; precision and recall per page (a page
with no predicted, or no true, shingles is left out of precision, or recall),
averaged over pages; F1 is the harmonic mean of the two averages; accuracy is the
share of pages whose token sequence matches exactly. ± is the standard deviation
over 1,000 bootstrap resamples of pages.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import Counter

from ..read import article
from .common import data_path, stamp

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_scores(truth: str, predicted: str) -> tuple[float | None, float | None, bool]:
    gold, pred = shingles(truth), shingles(predicted)
    tp = sum((gold & pred).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    precision = None if not pred else (1.0 if fp == 0 else tp / (tp + fp))
    recall = None if not gold else (1.0 if fn == 0 else tp / (tp + fn))
    return precision, recall, _TOKEN.findall(truth) == _TOKEN.findall(predicted)


def summarise(rows: list[tuple[float | None, float | None, bool]]) -> dict[str, float]:
    ps = [p for p, _, _ in rows if p is not None]
    rs = [r for _, r, _ in rows if r is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "accuracy": sum(a for _, _, a in rows) / max(len(rows), 1)}


def run(data_dir: str, resamples: int = 1000) -> dict[str, float]:
    folder = data_path(data_dir, "extraction")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    rows = []
    for key, item in sorted(truth.items()):
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        _, body = article(html, item.get("url"))
        rows.append(page_scores(item["articleBody"], body))
    scores = summarise(rows)
    rng = random.Random(0)
    boot = [summarise([rows[rng.randrange(len(rows))] for _ in rows]) for _ in range(resamples)]

    def sd(key: str) -> float:
        values = [b[key] for b in boot]
        mean = sum(values) / len(values)
        return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5

    print(f"eventwire eval extraction  ({stamp()})")
    print(f"pages: {len(rows)}  (reader: eventwire.read.article, trafilatura)")
    print("| metric | value | ± |")
    print("|---|---|---|")
    for key in ("f1", "precision", "recall", "accuracy"):
        print(f"| {key} | {scores[key]:.3f} | {sd(key):.3f} |")
    return scores
