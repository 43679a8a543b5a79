"""``eventwire eval time``: time expressions on TimeBank + AQUAINT (TempEval-3 style).

Each .tml file's <TEXT> is turned into plain text with its gold TIMEX3 spans; the
DCT anchors relative expressions. Scores, as TempEval-3 defines them:
- span P/R/F1, strict (same start and end) and relaxed (overlapping);
- type accuracy over relaxed-matched expressions;
- value F1: a system expression counts when it overlaps a gold one and has the same
  value; P over the system's expressions, R over the gold ones.
Baseline, in the same run on the same parses: spaCy's DATE/TIME entities, values by
``dateparser`` with the DCT as base (day precision), type from the entity label.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from ..clean import Paragraph
from ..model import Story
from ..nlp import load_model
from ..parse import parse
from ..time import find_times
from .common import data_path, prf, print_table, stamp


def read_tml(path: Path) -> tuple[str, str, list[dict]]:
    """(plain text, DCT value, gold TIMEX3 records with offsets into the text)."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3").get("value")
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[dict] = []

    def walk(el, inside: bool) -> None:
        if el.text:
            start = sum(map(len, parts))
            parts.append(el.text)
            if el.tag == "TIMEX3":
                gold.append({"start": start, "end": start + len(el.text), "type": el.get("type"),
                             "value": el.get("value"), "text": el.text})
        for child in el:
            walk(child, inside or child.tag == "TIMEX3")
            if child.tail:
                parts.append(child.tail)

    walk(text_el, False)
    return "".join(parts), dct[:10], gold


def _system(nlp, text: str, dct: str) -> list[dict]:
    story = Story(text=text, published=dct)
    paragraphs, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            paragraphs.append(Paragraph(line.strip(), pos + lead, "body"))
        pos += len(line) + 1
    parsed = parse(nlp, story, paragraphs)
    find_times(parsed)
    return [{"start": t.start, "end": t.end, "type": t.type, "value": t.value} for t in story.times], parsed


def _baseline(parsed, dct: str) -> list[dict]:
    import dateparser

    base = dt.datetime.fromisoformat(dct)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    out = []
    for b, block in enumerate(parsed.blocks):
        for ent in block.doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            parsed_value = dateparser.parse(ent.text, settings=settings)
            value = None
            if parsed_value is not None:
                value = parsed_value.strftime("%Y-%m-%d") if ent.label_ == "DATE" else parsed_value.strftime("%Y-%m-%dT%H:%M")
            start, end = parsed.span_offsets(b, ent)
            out.append({"start": start, "end": end, "type": ent.label_, "value": value})
    return out


def score(docs: list[tuple[list[dict], list[dict]]]) -> dict:
    strict = relaxed_sys = relaxed_gold = type_ok = matched = value_ok = n_sys = n_gold = 0
    for gold, system in docs:
        n_sys += len(system)
        n_gold += len(gold)
        gold_spans = {(g["start"], g["end"]) for g in gold}
        strict += sum((s["start"], s["end"]) in gold_spans for s in system)
        used = set()
        for s in system:
            hit = next((i for i, g in enumerate(gold) if i not in used and g["start"] < s["end"] and s["start"] < g["end"]), None)
            if hit is None:
                continue
            used.add(hit)
            matched += 1
            g = gold[hit]
            type_ok += s["type"] == g["type"]
            value_ok += s["value"] is not None and s["value"] == g["value"]
        relaxed_sys += sum(any(g["start"] < s["end"] and s["start"] < g["end"] for g in gold) for s in system)
        relaxed_gold += sum(any(g["start"] < s["end"] and s["start"] < g["end"] for s in system) for g in gold)
    sp, sr, sf = prf(strict, n_sys - strict, n_gold - strict)
    rp = relaxed_sys / n_sys if n_sys else 0.0
    rr = relaxed_gold / n_gold if n_gold else 0.0
    rf = 2 * rp * rr / (rp + rr) if rp + rr else 0.0
    vp = value_ok / n_sys if n_sys else 0.0
    vr = value_ok / n_gold if n_gold else 0.0
    vf = 2 * vp * vr / (vp + vr) if vp + vr else 0.0
    return {"strict_p": sp, "strict_r": sr, "strict_f1": sf, "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_accuracy": type_ok / matched if matched else 0.0, "value_p": vp, "value_r": vr, "value_f1": vf,
            "system": n_sys, "gold": n_gold}


def run(data_dir: str, show_errors: int = 0) -> dict:
    folder = data_path(data_dir, "timebank", "TBAQ-cleaned")
    files = sorted(folder.glob("TimeBank/*.tml")) + sorted(folder.glob("AQUAINT/*.tml"))
    nlp = load_model()
    ours, base = [], []
    errors: list[str] = []
    try:
        import dateparser  # noqa: F401  (the baseline needs it; a dev dependency)

        have_baseline = True
    except ImportError:
        have_baseline = False
    for path in files:
        text, dct, gold = read_tml(path)
        system, parsed = _system(nlp, text, dct)
        ours.append((gold, system))
        if have_baseline:
            base.append((gold, _baseline(parsed, dct)))
        if show_errors and len(errors) < show_errors:
            for g in gold:
                s = next((s for s in system if g["start"] < s["end"] and s["start"] < g["end"]), None)
                if s is None or s["value"] != g["value"]:
                    got = f"{text[s['start']:s['end']]!r} {s['type']} {s['value']}" if s else "missed"
                    errors.append(f"{path.stem} dct {dct}: {g['text']!r} {g['type']} {g['value']} <- {got}")
    print(f"eventwire eval time  ({stamp()})")
    print(f"TimeBank + AQUAINT: {len(files)} documents, {sum(len(g) for g, _ in ours)} gold TIMEX3")
    print()
    results = {"eventwire": score(ours)}
    if base:
        results["baseline: spaCy + dateparser"] = score(base)
    print_table(["system", "strict P", "strict R", "strict F1", "relaxed P", "relaxed R", "relaxed F1", "type acc.",
                 "value P", "value R", "value F1"],
                [[name, *(f"{s[k]:.3f}" for k in ("strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r")),
                  f"**{s['relaxed_f1']:.3f}**", f"{s['type_accuracy']:.3f}", f"{s['value_p']:.3f}",
                  f"{s['value_r']:.3f}", f"**{s['value_f1']:.3f}**"] for name, s in results.items()])
    if base:
        ratio = results["eventwire"]["value_f1"] / max(results["baseline: spaCy + dateparser"]["value_f1"], 1e-9)
        print(f"\nvalue F1, eventwire / baseline: {ratio:.2f}")
    else:
        print("\n(dateparser is not installed: `pip install -e '.[dev]'` adds the baseline)")
    for e in errors[:show_errors]:
        print(e)
    return results
