#!/usr/bin/env python
"""Train the fallback event-type classifier (eventwire/events/fallback.py).

Data: the synthetic stories in ../shared/data/events-synthetic (GPT-generated news
stories with PLOVER labels; see that folder's SOURCE.md): the opening sentence of each
story with the story's label. Model: multinomial logistic regression (scikit-learn,
a dev dependency) over ``fallback.features``. Prints the held-out accuracy of a 80/20
split, then trains on all rows and writes src/eventwire/data/fallback_model.json.gz.

Usage: python scripts/train_fallback.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
import re
import zipfile
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from eventwire.events.fallback import MODEL_FILE, features
from eventwire.nlp import load_model

OUT = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / MODEL_FILE
THRESHOLD = 0.3  # a probability the coder needs before it codes a sentence no lexicon row coded


def opening_sentences(data: Path) -> list[tuple[str, str]]:
    archive = zipfile.ZipFile(next((data / "events-synthetic").glob("gpt_synthetic_events_*.csv.zip")))
    rows = csv.DictReader(io.TextIOWrapper(archive.open(archive.namelist()[0]), encoding="utf-8"))
    out = []
    for row in rows:
        text = re.sub(r"^[A-Z][A-Za-z .,'()-]{0,60}?\s[-—–]+\s", "", row["text"].strip())  # a dateline
        first = text.split("\n")[0].strip()
        if first and row["label"]:
            out.append((first, row["label"]))
    return out


def fit(x, y) -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=2000).fit(x, y)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    args = ap.parse_args()
    rows = opening_sentences(Path(args.data))
    nlp = load_model()
    feats = [{f: 1 for f in features(next(doc.sents))} for doc in nlp.pipe(t for t, _ in rows)]
    labels = [label for _, label in rows]
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    cut = len(order) * 4 // 5
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    held = fit(x[order[:cut]], [labels[i] for i in order[:cut]])
    pred = held.predict(x[order[cut:]])
    accuracy = float(np.mean([p == labels[i] for p, i in zip(pred, order[cut:])]))
    print(f"{len(rows)} sentences, {len(vec.feature_names_)} features; held-out accuracy {accuracy:.3f}")
    model = fit(x, labels)
    keep = np.abs(model.coef_).max(axis=0) >= 0.05  # features that matter to some class
    names = [n for n, k in zip(vec.feature_names_, keep) if k]
    out = {"classes": list(model.classes_), "features": names,
           "weights": np.round(model.coef_[:, keep].T, 3).tolist(), "intercept": np.round(model.intercept_, 3).tolist(),
           "threshold": THRESHOLD, "trained_on": "events-synthetic opening sentences", "heldout_accuracy": round(accuracy, 3)}
    OUT.write_bytes(gzip.compress(json.dumps(out, separators=(",", ":")).encode(), mtime=0))
    print(f"wrote {OUT.name}: {len(names)} features, {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
