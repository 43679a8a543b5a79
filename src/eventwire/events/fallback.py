"""A fallback event-type classifier for sentences no lexicon row codes.

A linear model over the sentence's content lemmas, trained by
``scripts/train_fallback.py`` on the synthetic stories of
``../shared/data/events-synthetic`` (their opening sentences and PLOVER labels) and
shipped as ``data/fallback_model.json.gz``. The coder uses it only when no trigger
fired in a sentence and its main verb has an actor or a noun for its subject; such
events carry the classifier's probability in their evidence and a lower confidence.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache

import numpy as np
from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_STOP, LEMMA, POS
from spacy.parts_of_speech import IDS as POS_IDS

from .. import resources

MODEL_FILE = "fallback_model.json.gz"
CONTENT = frozenset({"VERB", "NOUN", "ADJ", "ADV", "PROPN"})
ENTITIES = ("GPE", "NORP", "PERSON", "ORG", "DATE", "CARDINAL")
_CONTENT_IDS = frozenset(POS_IDS[p] for p in CONTENT)


def features(sent) -> set[str]:
    """Lower-case lemmas of the sentence's content words, named entities by their type,
    and the main verb with each of its objects ("ROOT:sign", "sign>agreement")."""
    root = sent.root
    out = {f"ROOT:{root.lemma_.lower()}"}
    for child in root.children:
        if child.dep_ in ("dobj", "prep", "xcomp", "prt"):
            out.add(f"{root.lemma_.lower()}>{child.lemma_.lower()}")
    strings = sent.doc.vocab.strings
    entities = {strings[e]: f"ENT:{e}" for e in ENTITIES}
    rows = sent.doc.to_array([ENT_TYPE, POS, IS_ALPHA, IS_STOP, LEMMA])[sent.start:sent.end].tolist()
    for ent, pos, alpha, stop, lemma in rows:  # the token attributes as ids, read at once
        if ent in entities:
            out.add(entities[ent])
        elif pos in _CONTENT_IDS and alpha and not stop:
            out.add(strings[lemma].lower())
    return out


@lru_cache(maxsize=1)
def model() -> dict | None:
    try:
        raw = json.loads(gzip.decompress(resources.path(MODEL_FILE).read_bytes()))
    except FileNotFoundError:
        return None
    index = {f: i for i, f in enumerate(raw["features"])}
    return {"classes": raw["classes"], "index": index, "weights": np.array(raw["weights"], dtype=np.float32),
            "intercept": np.array(raw["intercept"], dtype=np.float32), "threshold": raw["threshold"]}


def classify(sent) -> tuple[str, float] | None:
    """(PLOVER type, probability) when the model is sure enough, else None."""
    m = model()
    if m is None:
        return None
    rows = [m["index"][f] for f in features(sent) if f in m["index"]]
    if len(rows) < 2:
        return None
    scores = m["intercept"] + m["weights"][rows].sum(axis=0)
    probs = np.exp(scores - scores.max())
    probs /= probs.sum()
    best = int(probs.argmax())
    return (m["classes"][best], float(probs[best])) if probs[best] >= m["threshold"] else None
