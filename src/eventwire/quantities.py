"""Quantities: numbers with their unit, approximation and bound.

"around 1,100 kilometres" -> 1100 km, approximate; "(680 miles)" -> 680 mi;
"thousands of troops" -> >= 1000 troops. Numbers inside dates, names and
hyphenated compounds ("three-way") are not quantities. Tables: data/quantities.yaml,
data/units.tsv.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import LIKE_NUM, LOWER

from . import resources
from .model import Quantity
from .parse import Parsed, word_ids


@lru_cache(maxsize=1)
def tables() -> tuple[dict, dict[str, str]]:
    q = resources.load_yaml("quantities.yaml")
    q["vague_phrases"] = {}  # first word -> [(words, value)], longest first
    for phrase in sorted(q["vague"], key=len, reverse=True):
        words = phrase.split()
        q["vague_phrases"].setdefault(words[0], []).append((words, float(q["vague"][phrase])))
    units = {row["word"]: row["unit"] for row in resources.table("units.tsv")}
    return q, units


def _number(text: str) -> float | None:
    q, _ = tables()
    t = text.lower().replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t)
    return q["words"].get(t)


def _unit(tokens) -> tuple[str | None, int]:
    """The unit after a number: a symbol from units.tsv or a count noun's lemma."""
    _, units = tables()
    i = 0
    if tokens and tokens[0].lower_ == "of":
        i = 1
    while i < len(tokens) and i < 4:
        tok = tokens[i]
        word = tok.lemma_.lower()
        if tok.text in units or word in units or tok.lower_ in units:
            return units.get(tok.text) or units.get(tok.lower_) or units[word], tok.i
        if tok.pos_ == "NOUN":
            return word, tok.i
        if tok.pos_ not in ("ADJ", "PROPN", "ADV") and tok.dep_ not in ("amod", "compound", "nmod"):
            return None, -1
        i += 1
    return None, -1


def _cue(doc, start: int) -> tuple[str, bool, int]:
    q, _ = tables()
    for n in (2, 1):
        if start - n >= 0:
            words = " ".join(t.lower_ for t in doc[start - n:start])
            if words in q["cues"]:
                op, approx = q["cues"][words]
                return op, approx, start - n
    return "=", False, start


def find_quantities(parsed: Parsed, skip: set[tuple[int, int]]) -> None:
    """Fill ``story.quantities``; ``skip`` holds (block, token) pairs inside time expressions."""
    q, _ = tables()
    story = parsed.story
    story.quantities = []
    for b, block in enumerate(parsed.blocks):
        doc = block.doc
        done = 0  # tokens before this are taken
        for i in _number_words(doc):
            if i < done:
                continue
            tok = doc[i]
            found = _vague(doc, i, q) or _exact(doc, i, q)
            if found is None or (b, i) in skip or tok.ent_type_ in ("DATE", "TIME", "PERSON", "ORG", "ORDINAL"):
                continue
            value, end, op, approx = found
            if end < len(doc) and doc[end].text == "-":
                done = end
                continue
            unit, last = _unit(doc[end:end + 5])
            if unit is None and op == "=" and not approx:
                done = end
                continue
            cue_op, cue_approx, first = _cue(doc, i)
            if op == "=":
                op, approx = cue_op, approx or cue_approx
            else:
                first = i
            done = max(end, last + 1)
            span = doc[first:done]
            start, stop_char = parsed.span_offsets(b, span)
            story.quantities.append(Quantity(span.text, start, stop_char, value, unit, approx, op,
                                             block.sentence_of(i)))
    story.quantities.sort(key=lambda x: x.start)


def _number_words(doc) -> list[int]:
    """Tokens that can begin a quantity: numbers, number words, the first word of a vague phrase."""
    ids = _start_ids()
    return [i for i, (lower, num) in enumerate(doc.to_array([LOWER, LIKE_NUM]).tolist()) if num or lower in ids]


@lru_cache(maxsize=1)
def _start_ids() -> frozenset[int]:
    q, _ = tables()
    return word_ids([*q["words"], *q["vague_phrases"]])


def _vague(doc, i: int, q: dict):
    for words, value in q["vague_phrases"].get(doc[i].lower_, ()):
        if [t.lower_ for t in doc[i:i + len(words)]] == words:
            return value, i + len(words), ">=", True
    return None


def _exact(doc, i: int, q: dict):
    if not (doc[i].like_num or doc[i].lower_ in q["words"]):
        return None
    value = _number(doc[i].text)
    if value is None:
        return None
    end = i + 1
    while end < len(doc) and doc[end].lower_ in q["scales"]:
        value *= q["scales"][doc[end].lower_]
        end += 1
    return value, end, "=", False
