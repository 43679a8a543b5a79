"""``eventwire eval quotes``: quotations and speakers on PolNeAR (dev split).

Gold: every attribution relation whose Content span contains a quotation mark
(one annotator per article: the first .ann file). Predicted: eventwire's direct
and indirect quotes whose span, with the marks around it, holds a quotation mark;
direct quotes that share one speech verb (split around it, or continued after it)
are one attribution, and a predicted span inside another is folded into it (a
partial quotation inside reported speech is one attribution), as PolNeAR annotates. Matching is one-to-one,
greedy by overlap; overlap = shared characters / the longer span's characters.
Reported: content P/R/F1 at overlap >= 0.5 and exact (edges trimmed of quotation
marks, spaces and punctuation), speaker accuracy (predicted speaker span overlaps
the gold Source) over matched quotes, and documents rejected. The same figures
for textacy's ``direct_quotations`` in the same run, on the same parses.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import api
from ..nlp import load_model
from .common import data_path, prf, print_table, stamp

QUOTE_MARKS = "\"“”«»"
_EDGE = " \t\n\"“”‘’'«».,;:!?—–-"


def gold_relations(ann: Path, text: str) -> list[dict]:
    spans, relations = {}, []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 2:
            tid, info, _ = line.split("\t", 2)
            label, *offsets = info.replace(";", " ").split()
            nums = [int(x) for x in offsets]
            spans[tid] = (label, min(nums[0::2]), max(nums[1::2]))
        elif line.startswith("E") and "\t" in line:
            parts = dict(p.split(":", 1) for p in line.split("\t")[1].split() if ":" in p)
            relations.append(parts)
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        source = spans.get(rel.get("Source", ""))
        if content is None:
            continue
        _, start, end = content
        if not any(m in text[start:end] for m in QUOTE_MARKS):
            continue
        out.append({"start": start, "end": end, "source": (source[1], source[2]) if source else None})
    return out


def _fold(preds: list[dict]) -> list[dict]:
    """Drop predicted spans that lie inside another predicted span."""
    preds = sorted(preds, key=lambda p: (p["start"], -(p["end"] - p["start"])))
    out: list[dict] = []
    for p in preds:
        if out and p["start"] >= out[-1]["start"] and p["end"] <= out[-1]["end"]:
            continue
        out.append(p)
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return shared / max(a[1] - a[0], b[1] - b[0], 1)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def score(docs: list[tuple[str, list[dict], list[dict]]]) -> dict:
    """P/R/F1 (overlap >= 0.5 and exact) and speaker accuracy over (text, gold, predicted) documents."""
    tp = tp_exact = n_pred = n_gold = speaker_ok = 0
    for text, gold, pred in docs:
        n_pred += len(pred)
        n_gold += len(gold)
        pairs = sorted(((overlap((g["start"], g["end"]), (p["start"], p["end"])), gi, pi)
                        for gi, g in enumerate(gold) for pi, p in enumerate(pred)), reverse=True)
        used_g, used_p = set(), set()
        for ov, gi, pi in pairs:
            if ov < 0.5 or gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            tp += 1
            g, p = gold[gi], pred[pi]
            if _trim(text, g["start"], g["end"]) == _trim(text, p["start"], p["end"]):
                tp_exact += 1
            if g["source"] and p.get("speaker") and overlap(g["source"], p["speaker"]) > 0:
                speaker_ok += 1
    p, r, f = prf(tp, n_pred - tp, n_gold - tp)
    pe, re_, fe = prf(tp_exact, n_pred - tp_exact, n_gold - tp_exact)
    return {"p": p, "r": r, "f1": f, "exact_p": pe, "exact_r": re_, "exact_f1": fe,
            "speaker_accuracy": speaker_ok / tp if tp else 0.0, "matched": tp, "gold": n_gold, "predicted": n_pred}


def eventwire_quotes(text: str) -> tuple[list[dict], bool]:
    """Predicted attributions: quotes sharing one speech verb (split around it, or
    continued after it) are one attribution, as PolNeAR annotates them."""
    story = api.extract(text)
    by_cue: dict[tuple, dict] = {}
    preds = []
    for q in story.quotes:
        if q.kind == "mention":
            continue
        lo, hi = max(0, q.start - 1), min(len(text), q.end + 1)
        if not any(m in text[lo:hi] for m in QUOTE_MARKS):
            continue
        speaker = (q.speaker.start, q.speaker.end) if q.speaker else None
        key = (q.kind, q.cue.start, q.cue.end) if q.cue is not None and q.kind == "direct" else None
        if key is not None and key in by_cue:
            merged = by_cue[key]
            merged["start"], merged["end"] = min(merged["start"], q.start), max(merged["end"], q.end)
            continue
        pred = {"start": q.start, "end": q.end, "speaker": speaker}
        preds.append(pred)
        if key is not None:
            by_cue[key] = pred
    return _fold(preds), any("unbalanced" in w for w in story.warnings)


def textacy_quotes(nlp, text: str) -> tuple[list[dict], bool] | None:
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    doc = nlp(text)
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return [], True  # textacy refuses documents with an odd number of quotation marks
    preds = []
    for t in triples:
        speaker = (t.speaker[0].idx, t.speaker[-1].idx + len(t.speaker[-1])) if t.speaker else None
        preds.append({"start": t.content.start_char, "end": t.content.end_char, "speaker": speaker})
    return _fold(preds), False


def run(data_dir: str, split: str = "dev") -> dict:
    folder = data_path(data_dir, "polnear", split)
    nlp = load_model()
    ours, baseline = [], []
    rejected = {"eventwire": 0, "textacy": 0}
    unbalanced = 0
    seen = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        article = re.sub(r"_[0-9a-f]+$", "", ann.stem)
        if article in seen:
            continue
        seen.add(article)
        text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
        gold = gold_relations(ann, text)
        try:
            pred, warned = eventwire_quotes(text)
        except Exception:
            pred, warned = [], False
            rejected["eventwire"] += 1
        unbalanced += warned
        ours.append((text, gold, pred))
        base = textacy_quotes(nlp, text)
        if base is not None:
            bpred, refused = base
            rejected["textacy"] += refused
            baseline.append((text, gold, bpred))
    print(f"eventwire eval quotes  ({stamp()})")
    print(f"PolNeAR {split}: {len(ours)} articles; gold attributions with a quotation mark: "
          f"{sum(len(g) for _, g, _ in ours)}")
    print()
    results = {"eventwire": score(ours)}
    if baseline:
        results["textacy direct_quotations"] = score(baseline)
    print_table(["system", "P", "R", "F1 (overlap >= 0.5)", "exact P", "exact R", "exact F1", "speaker accuracy",
                 "documents rejected"],
                [[name, f"{s['p']:.3f}", f"{s['r']:.3f}", f"**{s['f1']:.3f}**", f"{s['exact_p']:.3f}",
                  f"{s['exact_r']:.3f}", f"{s['exact_f1']:.3f}", f"**{s['speaker_accuracy']:.3f}**",
                  rejected["eventwire" if name == "eventwire" else "textacy"]] for name, s in results.items()])
    if not baseline:
        print("\n(textacy is not installed: `pip install -e '.[dev]'` adds the baseline)")
    print(f"\neventwire warned of unbalanced quotation marks in {unbalanced} articles and kept them all.")
    return results
