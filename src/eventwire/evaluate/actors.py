"""``eventwire eval actors``: are the actors of events coded, and with the right country?

1. PLOVER gold-standard records (plover/gold_standard_records/PLOVER_GSR_CAMEO.txt),
   which give each sentence's source and target codes. Over the sentences where
   eventwire finds an event of the gold type (its headline one: main clause, then most
   confident), the source (target) is right when its country (or IGO/NGO) is one of the
   gold source's (target's); an uncoded or missing actor is wrong. The records' old CAMEO
   country codes are read as ISO ones (JAP is JPN), and IGO and NGO as one code: the
   records code non-governmental bodies as IGO (Amnesty International, the Red Cross) where
   eventwire says NGO, and neither has a country.
2. PolNeAR articles (polnear/{train,dev}/text, dated by metadata.tsv): the share of all
   events with a coded source, a coded target, both and neither, with the whole actor
   dictionary and without the layer converted from PETRARCH-2, on the same parses.

Each set has a fixed tune part and check part by a hash of the record id or file name;
the check part is printed first.
"""

from __future__ import annotations

import csv
import hashlib
import json

from .. import actors, clean, read
from ..errors import InputError
from ..parse import parse
from ..pipeline import Pipeline, get_pipeline
from .common import data_path, print_table, stamp
from .events import OLD_TYPES

#: Old CAMEO country codes in the gold records, as ISO 3166 codes.
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "NGO": "IGO"}
PARTS = ("check", "tune")


def part(key: str) -> str:
    """The fixed part of a record: "tune" or "check", half each by a hash of its id."""
    return PARTS[hashlib.sha1(key.encode("utf-8")).digest()[0] % 2]


def _country(code: str | None) -> str | None:
    country = code.split(" ")[0] if code else None
    return OLD_CODES.get(country, country)


def _gold(actors_field) -> set[str]:
    if not isinstance(actors_field, list):
        return set()
    codes = {str(a.get("code") or "")[:3] for a in actors_field if isinstance(a, dict)}
    return {OLD_CODES.get(c, c) for c in codes if c}


def _said(ref, phrase) -> str:
    """What filled a role: its code and the phrase it was read from."""
    code = ref.code if ref else None
    text = phrase.text if phrase is not None else ref.text if ref else None
    return f"{code or '-'} ({text!r})" if text else code or "-"


def gsr_scores(pipe: Pipeline, data_dir: str, misses: str | None = None) -> dict[str, dict[str, int]]:
    """Per part, the counts behind source and target country accuracy; with ``misses``
    ("tune" or "check"), each miss of that part is printed as it is found."""
    records = json.loads(data_path(data_dir, "plover", "gold_standard_records",
                                   "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    counts = {p: dict.fromkeys(("sentences", "matched", "source", "source_ok", "target", "target_ok"), 0)
              for p in PARTS}
    for rec in records:
        if rec.get("event") in (None, "DOCUMENT"):
            continue
        c = counts[part(rec["id"])]
        c["sentences"] += 1
        gold_type = OLD_TYPES.get(rec["event"], rec["event"])
        try:
            story = pipe.run(read.from_text(rec["text"], date=rec.get("date")))
        except InputError:
            continue
        same = [e for e in story.events if e.event_type == gold_type]
        if not same:
            continue
        c["matched"] += 1
        top = min(same, key=lambda e: (e.depth, -e.confidence))
        wrong = []
        for role in ("source", "target"):
            gold = _gold(rec.get(role))
            if gold:
                ref = getattr(top, role)
                ok = _country(ref.code if ref else None) in gold
                c[role] += 1
                c[f"{role}_ok"] += ok
                if not ok:
                    wrong.append(role)
        if wrong and misses == part(rec["id"]):
            print_miss(rec, top, wrong)
    return counts


def print_miss(rec: dict, event, wrong: list[str]) -> None:
    """One miss: the sentence, the gold codes, and what was coded from which phrase."""
    print(f"\n- {rec['id']} ({event.event_type}, trigger {event.trigger.text!r}; wrong: {', '.join(wrong)})")
    print(f"  {rec['text']}")
    for role in ("source", "target"):
        gold = "/".join(sorted(_gold(rec.get(role)))) or "-"
        print(f"  {role}: gold {gold}; coded {_said(getattr(event, role), getattr(event, f'{role}_phrase'))}")


def print_gsr(counts: dict[str, dict[str, int]]) -> None:
    print("\n### PLOVER gold-standard records: country of source and target, over events of the gold type\n")
    rows = []
    for p in PARTS:
        c = counts[p]
        rows.append([p, c["sentences"], c["matched"],
                     f"**{c['source_ok'] / c['source']:.3f}** ({c['source_ok']}/{c['source']})" if c["source"] else "-",
                     f"**{c['target_ok'] / c['target']:.3f}** ({c['target_ok']}/{c['target']})" if c["target"] else "-"])
    print_table(["part", "sentences", "event of the gold type", "source country accuracy",
                 "target country accuracy"], rows)


def polnear_articles(data_dir: str) -> list[tuple[str, str, str | None]]:
    """(name, text, date) of every PolNeAR article in train and dev."""
    dates = {}
    with open(data_path(data_dir, "polnear", "metadata.tsv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            dates[row["filename"]] = row["publication_date"]
    out = []
    for split in ("train", "dev"):
        for path in sorted(data_path(data_dir, "polnear", split, "text").glob("*.txt")):
            out.append((path.stem, path.read_text(encoding="utf-8"), dates.get(path.stem)))
    return out


def coded_shares(pipes: dict[str, Pipeline], articles, batch: int = 32) -> dict[str, dict[str, dict[str, int]]]:
    """Events with a coded source / target / both / neither, per pipeline and part; each
    article is parsed once and its parse given to every pipeline."""
    counts = {name: {p: dict.fromkeys(("events", "source", "target", "both", "neither"), 0) for p in PARTS}
              for name in pipes}
    nlp = next(iter(pipes.values())).nlp
    for i in range(0, len(articles), batch):
        chunk = []
        for name, text, date in articles[i:i + batch]:
            story = read.from_text(text, date=date)
            chunk.append((name, text, date, clean.paragraphs(story.text, story.title)))
        docs = iter(nlp.pipe([p.text for *_, paras in chunk for p in paras if p.kind == "body"]))
        for name, text, date, paras in chunk:
            mine = [next(docs) for p in paras if p.kind == "body"]
            for label, pipe in pipes.items():
                story = read.from_text(text, date=date)
                pipe.stages(parse(nlp, story, clean.paragraphs(story.text, story.title), docs=mine))
                c = counts[label][part(name)]
                for e in story.events:
                    s, t = bool(e.source and e.source.code), bool(e.target and e.target.code)
                    c["events"] += 1
                    c["source"] += s
                    c["target"] += t
                    c["both"] += s and t
                    c["neither"] += not (s or t)
    return counts


def print_shares(counts: dict[str, dict[str, dict[str, int]]], articles: int) -> None:
    print(f"\n### PolNeAR articles ({articles}): events with coded actors\n")
    rows = []
    for p in PARTS:
        for label, by_part in counts.items():
            c = by_part[p]
            n = c["events"] or 1
            rows.append([p, label, c["events"]] + [f"{c[k] / n:.1%}" for k in ("source", "target", "both")]
                        + [f"**{c['neither'] / n:.1%}** ({c['neither']})"])
    print_table(["part", "dictionary", "events", "coded source", "coded target", "both", "neither"], rows)


def sample(items: list, n: int | None) -> list:
    """``n`` items spread evenly over ``items`` (all of them when ``n`` is None or larger)."""
    if n is None or n >= len(items):
        return items
    return [items[i * len(items) // n] for i in range(n)]


def run(data_dir: str, articles: int | None = None, gold: bool = True, misses: str | None = None) -> dict:
    print(f"eventwire eval actors  ({stamp()})")
    full = get_pipeline()
    if misses:
        print(f"\n### Misses on the PLOVER gold records ({misses} part)")
    gsr = gsr_scores(full, data_dir, misses) if gold or misses else {}
    if misses:
        print_gsr(gsr)
        return {"gsr": gsr}
    if gold:
        print_gsr(gsr)
    hand = Pipeline(full.nlp, actors.ActorFinder(full.nlp, actors.build(converted=False)), full.lexicon)
    every = polnear_articles(data_dir)
    articles = sample(every, articles)
    if len(articles) < len(every):
        print(f"\n(an evenly spread sample of {len(articles)} of the {len(every)} PolNeAR articles)")
    shares = coded_shares({"whole": full, "without PETRARCH-2 layer": hand}, articles)
    print_shares(shares, len(articles))
    return {"gsr": gsr, "polnear": shares}

