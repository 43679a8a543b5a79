"""``eventwire eval events``: event type, quad class and source/target spans.

1. PLOVER gold-standard records (plover/gold_standard_records/PLOVER_GSR_CAMEO.txt):
   one coded sentence each; the older type names are mapped to PLOVER 2.0 as the
   manual's CAMEO table does (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE,
   FIGHT -> ASSAULT). A sentence's prediction is the type of its main-clause event
   (then the most confident), or none. Per-type P/R/F1; macro = mean F1 over the gold types; micro over
   sentences (a "none" prediction counts as a miss, not a false positive).
2. ConfliBERT CAMEO sentences (conflibert/cameo_class/train.tsv): five labels that
   follow Phoenix's quad conversion (see ``phoenix_quad``; label 0 holds statements
   and appeals such as "calls for reform", so it is not "no event"); prediction =
   the class of the most confident event's CAMEO code, else 0. Accuracy and macro-F1.
3. ConfliBERT source/target spans (conflibert/cameo_ner/train.txt, BIO tags S/T):
   the annotation marks whole argument phrases ("a car bomb", "the Croatian
   government"), each conjunct its own span, so the prediction is the
   ``source_phrase`` and ``target_phrase`` of the main event and of the events its
   trigger codes for coordinated actors; exact token-span P/R/F1 for S and T, and a
   relaxed score (spans overlap). The tokens are joined into a sentence with
   possessives put back on their words ("May ’ s" -> "May’s").
ConfliBERT data is GPL-3.0: used here to score, never to train anything shipped.

Every set is split for good into a *tune* part, which rules may be written from, and a
*check* part, which they may not (``part``: a hash of the sentence's text). The check
figures are printed first and are the ones that count.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter

from .. import api
from ..errors import InputError
from .common import data_path, prf, stamp

OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


PARTS = ("check", "tune")


def part(text: str) -> str:
    """The fixed part of a development set a sentence belongs to: half check, half tune,
    by the first byte of the SHA-1 of its whitespace-normalised text."""
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).digest()
    return "check" if digest[0] % 2 else "tune"


def phoenix_quad(cameo: str) -> int:
    """The five classes ConfliBERT's labels follow (Phoenix's quad conversion):
    0 statements and appeals (01-02), 1 verbal cooperation (03-05), 2 material
    cooperation (06-08), 3 verbal conflict (09-13, 16), 4 material conflict (14-15, 17-20)."""
    root = int(cameo[:2])
    if root <= 2:
        return 0
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 or root == 16 else 4


def _top(story):
    """The sentence's headline event: the one in the main clause, then the most confident."""
    return min(story.events, key=lambda e: (e.depth, -e.confidence)) if story.events else None


def _headline(story) -> list:
    """The headline event and the events its trigger codes for the other actors coordinated
    with its source or target ("the UK and France opposed ...": one event each)."""
    top = _top(story) if story else None
    return [e for e in story.events if e.trigger == top.trigger] if top else []


def _extract(text: str, date: str | None):
    try:
        return api.extract(text, date=date)
    except InputError:
        return None


def per_type_table(gold: list[str], pred: list[str | None], title: str, show: bool = True) -> dict:
    types = sorted(set(gold))
    rows, f1s = [], []
    for t in types:
        tp = sum(g == t and p == t for g, p in zip(gold, pred))
        fp = sum(g != t and p == t for g, p in zip(gold, pred))
        fn = sum(g == t and p != t for g, p in zip(gold, pred))
        p, r, f = prf(tp, fp, fn)
        f1s.append(f)
        rows.append((t, sum(g == t for g in gold), p, r, f))
    correct = sum(g == p for g, p in zip(gold, pred))
    predicted = sum(p is not None for p in pred)
    mp, mr, mf = prf(correct, predicted - correct, len(gold) - correct)
    macro = sum(f1s) / len(f1s)
    if show:
        print(f"\n### {title}\n")
        print("| type | gold | P | R | F1 |")
        print("|---|---|---|---|---|")
        for t, n, p, r, f in rows:
            print(f"| {t} | {n} | {p:.3f} | {r:.3f} | {f:.3f} |")
        print(f"| **macro** | {len(gold)} | | | **{macro:.3f}** |")
        print(f"| **micro** | {len(gold)} | {mp:.3f} | {mr:.3f} | **{mf:.3f}** |")
        print(f"\nsentences with no event predicted: {len(pred) - predicted} of {len(pred)}")
    return {"macro_f1": macro, "micro_f1": mf, "n": len(gold)}


def _split(items: list[tuple[str, object, object]]) -> dict[str, tuple[list, list]]:
    """(part, gold, prediction) items -> part -> (golds, predictions), with "all"."""
    out: dict[str, tuple[list, list]] = {name: ([], []) for name in (*PARTS, "all")}
    for name, g, p in items:
        for key in (name, "all"):
            out[key][0].append(g)
            out[key][1].append(p)
    return out


def gsr(data_dir: str) -> dict:
    records = json.loads(data_path(data_dir, "plover", "gold_standard_records",
                                   "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    items = []
    for rec in records:
        if rec.get("event") in (None, "DOCUMENT"):
            continue
        story = _extract(rec["text"], rec.get("date"))
        top = _top(story) if story else None
        items.append((part(rec["text"]), OLD_TYPES.get(rec["event"], rec["event"]), top.event_type if top else None))
    parts = _split(items)
    out = {name: per_type_table(*parts[name], "", show=False) for name in (*PARTS, "all")}
    per_type_table(*parts["check"], "PLOVER gold-standard records: event type (check part)")
    return out


def _quad_scores(gold: list[int], pred: list[int], show: bool) -> dict:
    f1s = []
    if show:
        print("\n### ConfliBERT CAMEO sentences: quad class, check part "
              "(Phoenix classes; 0 = statements, appeals, none)\n")
        print("| label | gold | P | R | F1 |")
        print("|---|---|---|---|---|")
    for label in range(5):
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        fp = sum(g != label and p == label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        p, r, f = prf(tp, fp, fn)
        f1s.append(f)
        if show:
            print(f"| {label} | {sum(g == label for g in gold)} | {p:.3f} | {r:.3f} | {f:.3f} |")
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    return {"accuracy": accuracy, "macro_f1": sum(f1s) / len(f1s), "n": len(gold)}


def quad(data_dir: str) -> dict:
    path = data_path(data_dir, "conflibert", "cameo_class", "train.tsv")
    items = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 2:
                continue
            story = _extract(row[0], None)
            top = _top(story) if story else None
            items.append((part(row[0]), int(row[1]), phoenix_quad(top.cameo) if top else 0))
    parts = _split(items)
    out = {name: _quad_scores(*parts[name], show=name == "check") for name in (*PARTS, "all")}
    return out


def _conll(path) -> list[tuple[list[str], list[str]]]:
    sentences, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        word, _, tag = line.rpartition(" ")
        words.append(word)
        tags.append(tag)
    if words:
        sentences.append((words, tags))
    return sentences


def _bio_spans(tags: list[str], role: str) -> set[tuple[int, int]]:
    spans, start = set(), None
    for i, tag in enumerate([*tags, "O"]):
        if tag == f"B-{role}" or (tag == f"I-{role}" and start is None):
            if start is not None:
                spans.add((start, i))
            start = i
        elif tag != f"I-{role}":
            if start is not None:
                spans.add((start, i))
            start = None
    return spans


def _detokenize(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text and each token's character range. Tokens are joined by spaces,
    except where the data split what was written together: a possessive ("May ’ s" is
    "May’s"), a number ("2 , 374" is "2,374"), an abbreviation ("U . S", "Mr ."), brackets
    ("( WHO )" is "(WHO)")."""
    text, offsets = "", []
    for i, w in enumerate(words):
        if text and not (i > 0 and _glued(words, i)):
            text += " "
        offsets.append((len(text), len(text) + len(w)))
        text += w
    return text, offsets


_LETTER = re.compile(r"[A-Z]")
_TITLES = {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen", "Rep", "Prof"}


def _glued(words: list[str], i: int) -> bool:
    """Token ``i`` belongs to the written word before it."""
    prev, w = words[i - 1], words[i]
    after = words[i + 1] if i + 1 < len(words) else ""
    before = words[i - 2] if i > 1 else ""
    if w == "’" and after == "s" or w == "s" and prev == "’" or w == "'s":
        return True
    if w == "," and prev.isdigit() and len(after) == 3 and after.isdigit() or (
            prev == "," and before.isdigit() and len(w) == 3 and w.isdigit()):
        return True
    if prev == "(" or w == ")":  # "( WHO )" is "(WHO)"
        return True
    if w == "." and (prev in _TITLES or _LETTER.fullmatch(prev) and _LETTER.fullmatch(after)):
        return True
    return prev == "." and bool(_LETTER.fullmatch(w)) and bool(_LETTER.fullmatch(before))


def predicted_spans(story, offsets: list[tuple[int, int]]) -> dict[str, set[tuple[int, int]]]:
    """The token spans ("S", "T") of the headline events' source and target phrases."""
    predicted = {"S": set(), "T": set()}
    for event in _headline(story):
        for role, span in (("S", event.source_phrase), ("T", event.target_phrase)):
            toks = [i for i, (a, b) in enumerate(offsets) if span and a < span.end and span.start < b]
            if toks:
                predicted[role].add((toks[0], toks[-1] + 1))
    return predicted


def spans(data_dir: str) -> dict:
    sentences = _conll(data_path(data_dir, "conflibert", "cameo_ner", "train.txt"))
    counts = {(name, r): Counter() for name in (*PARTS, "all") for r in "ST"}
    for words, tags in sentences:
        text, offsets = _detokenize(words)
        predicted = predicted_spans(_extract(text, None), offsets)
        for role in "ST":
            gold = _bio_spans(tags, role)
            pred = predicted[role]
            for name in (part(text), "all"):
                c = counts[(name, role)]
                c["tp"] += len(gold & pred)
                c["fp"] += len(pred - gold)
                c["fn"] += len(gold - pred)
                c["rtp"] += sum(any(a < d and c2 < b for c2, d in pred) for a, b in gold)
                c["rpred_ok"] += sum(any(a < d and c2 < b for a, b in gold) for c2, d in pred)
                c["gold"] += len(gold)
                c["pred"] += len(pred)
    print("\n### ConfliBERT source/target spans\n")
    print("| part | role | gold | predicted | P | R | F1 | relaxed P | relaxed R | relaxed F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    out: dict = {}
    for name in (*PARTS, "all"):
        for role, label in (("S", "source"), ("T", "target")):
            c = counts[(name, role)]
            p, r, f = prf(c["tp"], c["fp"], c["fn"])
            rp = c["rpred_ok"] / c["pred"] if c["pred"] else 0.0
            rr = c["rtp"] / c["gold"] if c["gold"] else 0.0
            rf = 2 * rp * rr / (rp + rr) if rp + rr else 0.0
            print(f"| {name} | {label} | {c['gold']} | {c['pred']} | {p:.3f} | {r:.3f} | **{f:.3f}** "
                  f"| {rp:.3f} | {rr:.3f} | {rf:.3f} |")
            out.setdefault(name, {})[label] = f
    return out


def summary(results: dict) -> None:
    """The headline figures of every set by part, check first."""
    print("\n### Summary by part (rules are written from tune; check is the figure that counts)\n")
    print("| figure | check | tune | all |")
    print("|---|---|---|---|")
    rows = [("PLOVER GSR type macro-F1", lambda n: results["gsr"][n]["macro_f1"]),
            ("PLOVER GSR type micro-F1", lambda n: results["gsr"][n]["micro_f1"]),
            ("ConfliBERT quad accuracy", lambda n: results["quad"][n]["accuracy"]),
            ("ConfliBERT quad macro-F1", lambda n: results["quad"][n]["macro_f1"]),
            ("ConfliBERT source span F1", lambda n: results["spans"][n]["source"]),
            ("ConfliBERT target span F1", lambda n: results["spans"][n]["target"])]
    for label, get in rows:
        print(f"| {label} | **{get('check'):.3f}** | {get('tune'):.3f} | {get('all'):.3f} |")
    sizes = " / ".join(f"{name} {results['gsr'][name]['n']}+{results['quad'][name]['n']}" for name in PARTS)
    print(f"\nsentences (GSR+quad): {sizes}")


def run(data_dir: str) -> dict:
    print(f"eventwire eval events  ({stamp()})")
    results = {"gsr": gsr(data_dir), "quad": quad(data_dir), "spans": spans(data_dir)}
    summary(results)
    return results
