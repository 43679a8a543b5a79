"""Is eventwire's reduced spaCy pipeline the stock one, in every output? One run, both sides.

Usage: python benchmarks/compare_pipelines.py [--data ../shared/data] [--limit N]

Extracts the PolNeAR articles (``--data``/polnear/*/text/*.txt, read as `eventwire
ingest` reads them) and the seed story (``--date`` 2025-01-06) twice: with the model
as shipped (``nlp.load_stock``) and with the model eventwire runs (``nlp.load_model``:
``eventwire_attributes`` in place of attribute_ruler + lemmatizer). It compares every
token's annotation (tag, POS, morphology, lemma, dependency, head, entity) and every
story's JSON, prints each difference, and exits non-zero if there is one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG

from eventwire import read
from eventwire.nlp import load_model, load_stock
from eventwire.pipeline import Pipeline

import corpus

ATTRS = {"ORTH": ORTH, "TAG": TAG, "POS": POS, "MORPH": MORPH, "LEMMA": LEMMA, "DEP": DEP, "HEAD": HEAD,
         "ENT_IOB": ENT_IOB, "ENT_TYPE": ENT_TYPE}


class Recording:
    """A pipeline that keeps the docs it gives out, so both sides' tokens can be compared."""

    def __init__(self, nlp):
        self.nlp, self.docs = nlp, []

    def pipe(self, texts, **kwargs):
        for doc in self.nlp.pipe(texts, **kwargs):
            self.docs.append(doc)
            yield doc

    def __getattr__(self, name):
        return getattr(self.nlp, name)


def token_differences(stock_docs, reduced_docs) -> list[str]:
    out = []
    for a, b in zip(stock_docs, reduced_docs, strict=True):
        x, y = a.to_array(list(ATTRS.values())), b.to_array(list(ATTRS.values()))
        if x.shape != y.shape:
            out.append(f"tokenised differently: {a.text[:60]!r}")
            continue
        for i in numpy.nonzero((x != y).any(axis=1))[0]:
            fields = [f"{name} {_value(a, i, name)!r} vs {_value(b, i, name)!r}"
                      for k, name in enumerate(ATTRS) if x[i, k] != y[i, k]]
            out.append(f"token {a[i].text!r} in {a[max(0, i - 3):i + 4].text!r}: " + ", ".join(fields))
    return out


def _value(doc, i, name):
    tok = doc[i]
    return tok.head.i if name == "HEAD" else str(tok.morph) if name == "MORPH" else getattr(tok, name.lower() + "_")


def json_differences(name: str, a, b) -> list[str]:
    if isinstance(a, Exception) or isinstance(b, Exception):
        same = type(a) is type(b) and str(a) == str(b)
        return [] if same else [f"{name}: {a!r} vs {b!r}"]
    x, y = a.to_dict(), b.to_dict()
    return [f"{name}: {key}: {_first_difference(x[key], y[key])}" for key in x if x[key] != y[key]]


def _first_difference(x, y) -> str:
    if isinstance(x, list) and isinstance(y, list):
        if len(x) != len(y):
            return f"{len(x)} vs {len(y)} items"
        x, y = next((u, v) for u, v in zip(x, y) if u != v)
    return f"{json.dumps(x)[:300]} vs {json.dumps(y)[:300]}"


def main() -> None:
    ap = argparse.ArgumentParser()
    corpus.add_options(ap)
    args = ap.parse_args()
    files = corpus.polnear_files(args)
    seed = os.path.join(args.data, args.seed)
    stock, reduced = Recording(load_stock()), Recording(load_model())
    print(f"stock:   {stock.pipe_names}\nreduced: {reduced.pipe_names}")
    sides = Pipeline.create(stock), Pipeline.create(reduced)
    jobs = [[(f, {}) for f in files[i:i + args.batch]] for i in range(0, len(files), args.batch)]
    jobs.append([(seed, {"date": args.date})])
    differences, stories, tokens = [], 0, 0
    for batch in jobs:
        results = [side.run_many([read.read_story(f, **kw) for f, kw in batch]) for side in sides]
        differences += token_differences(stock.docs, reduced.docs)
        tokens += sum(len(d) for d in stock.docs)
        stock.docs.clear(), reduced.docs.clear()
        for (f, _), a, b in zip(batch, *results, strict=True):
            differences += json_differences(f, a, b)
        stories += len(batch)
    print(f"stories: {stories}  tokens: {tokens}  differences: {len(differences)}")
    for line in differences:
        print(" ", line)
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
