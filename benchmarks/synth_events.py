"""Synthesise an event database of a given size for load checks (no NLP involved).

Usage: python benchmarks/synth_events.py OUT.duckdb [--events 100000] [--seed 1]

Writes synthetic stories and reports through the store's own schema and rebuilds
the deduplicated events table, so the API sees a store shaped like a real one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random

from eventwire import resources
from eventwire.events import load as load_lexicon
from eventwire.store import Store

SECTORS = [None, "GOV", "MIL", "COP", "CVL", "OPP", "REB"]
STATUSES = ["asserted"] * 6 + ["reported"] * 3 + ["hypothetical", "negated", "attempted", "historical"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    countries = [r["code"] for r in resources.table("countries.tsv")][:60]
    codes = [c for c in load_lexicon().codes.values() if c.plover_type and len(c.cameo) == 3]
    start = dt.date(2023, 1, 1)
    now = dt.datetime(2025, 1, 6, 12, 0, 0)
    per_story = 5
    with Store(args.out) as store:
        for first in range(0, args.events, 5000):
            stories, reports = [], []
            for s in range(first // per_story, (first + 5000) // per_story):
                sid = f"synth{s:08d}"
                day = start + dt.timedelta(days=rng.randrange(730))
                stories.append({"story_id": sid, "url": f"https://outlet{s % 40}.example/{sid}", "title": f"Story {s}",
                                "published": day, "source": f"outlet{s % 40}.example", "text": f"Synthetic story {s}.",
                                "language": "en", "path": None, "num_events": per_story, "warnings": [],
                                "ingested_at": now, "minhash": [0] * 32})
                for n in range(per_story):
                    code = rng.choice(codes)
                    src, tgt = rng.sample(countries, 2)
                    ss, ts = rng.choice(SECTORS), rng.choice(SECTORS)
                    reports.append({
                        "story_id": sid, "report_index": n, "event_type": code.plover_type, "mode": code.plover_mode,
                        "contexts": list(code.plover_contexts), "cameo": code.cameo, "quad_class": code.quad_class,
                        "goldstein": code.goldstein, "source_code": f"{src} {ss}" if ss else src, "source_name": src,
                        "source_country": src, "source_sector": ss, "target_code": f"{tgt} {ts}" if ts else tgt,
                        "target_name": tgt, "target_country": tgt, "target_sector": ts, "trigger_text": "x",
                        "date": day.isoformat(), "day": day, "date_precision": "day", "status": rng.choice(STATUSES),
                        "confidence": round(rng.uniform(0.3, 0.95), 2), "sentence_index": n,
                        "sentence": f"{src} and {tgt}: synthetic event {n} of story {s}.", "depth": 0,
                        "ontology": "PLOVER 2.0 / CAMEO 1.1b3"})
            store.con.execute("BEGIN TRANSACTION")
            store._insert("stories", stories)
            store._insert("reports", [{k: r.get(k) for k in _report_fields()} for r in reports])
            store.con.execute("COMMIT")
        n = store.rebuild_events()
    print(f"{args.out}: {n} deduplicated events from {args.events} reports")


def _report_fields():
    from eventwire.store.schema import TABLES

    return [f.name for f in TABLES["reports"]]


if __name__ == "__main__":
    main()
