"""Event snippets written for eventwire: found rates by group, on text no scorer in ../shared holds.

Usage: python benchmarks/snippets.py [--show]

``snippets/a.tsv`` to ``d.tsv`` hold short news snippets the project wrote
(columns: id, group, text, gold PLOVER type or NONE, source and target country, IGO for an
international body). Groups:
attack (an ASSAULT or COERCE must be found), protest (a PROTEST must be found), disaster
(no political actor acts: an ASSAULT or COERCE is a false alarm), mixed (the gold type
must be found, with the source's and the target's country; NONE rows must yield nothing).
File a splits into check and tune by ``part()`` of ``eval events`` applied to the text;
rules were written from its tune rows only. File b was written later to find more forms,
and rules were written from all of it: it is tune data, printed for reference, never a
check figure. File c was written after both, by a writer who saw neither the code nor the
other files; it is check data only, and no rule is written from it. File d, by another
blind writer at the same time, is tune data. ``--show`` prints the
rows that miss in the tune parts (a check row read is a check row spent).
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

from eventwire import api
from eventwire.evaluate.events import part

HERE = Path(__file__).resolve().parent / "snippets"
CONFLICT = {"ASSAULT", "COERCE"}


def judge(row: dict, events) -> dict[str, int]:
    """The counts one snippet adds to its group's tally."""
    types = {e.event_type for e in events}
    group, gold = row["group"], row["type"]
    if group == "attack":
        return {"n": 1, "ok": bool(CONFLICT & types)}
    if group == "protest":
        return {"n": 1, "ok": "PROTEST" in types}
    if group == "disaster":
        return {"n": 1, "ok": not CONFLICT & types, "conflict": bool(CONFLICT & types)}
    if gold == "NONE":
        return {"n": 1, "ok": not events, "none": 1, "none_ok": not events}
    hit = next((e for e in events if e.event_type == gold), None)
    out = {"n": 1, "ok": hit is not None, "typed": 1}
    for role, key in (("source", "source"), ("target", "target")):
        if row[key] != "-":
            ref = getattr(hit, role) if hit is not None else None
            out[role] = 1
            out[role + "_ok"] = bool(ref is not None and _country(ref) == row[key])
    return out


def _country(ref) -> str | None:
    """The country the snippets' gold names for an actor: an international body's is "IGO"."""
    return ref.country or ("IGO" if (ref.code or "").startswith("IGO") else None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="print the rows that miss")
    show = ap.parse_args().show
    print("| file, part | group | snippets | found (attack, protest, mixed) / not conflict (disaster) | detail |")
    print("|---|---|---|---|---|")
    for name in ("a", "b", "c", "d"):
        tallies: dict[tuple[str, str], Counter] = defaultdict(Counter)
        with open(HERE / f"{name}.tsv", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                events = api.extract(row["text"], date="2025-01-06").events
                which = part(row["text"]) if name == "a" else {"b": "tune", "c": "check", "d": "tune"}[name]
                counts = judge(row, events)
                tallies[(which, row["group"])].update(counts)
                if show and which == "tune" and not counts["ok"]:
                    got = [(e.event_type, e.source.country if e.source else "-", e.target.country if e.target else "-")
                           for e in events]
                    print(f"  miss {name}/{row['id']} {which} gold={row['type']} got={got}: {row['text']}")
        for (which, group), c in sorted(tallies.items()):
            detail = ""
            if group == "disaster":
                detail = f"coded as conflict {c['conflict']}/{c['n']} = {c['conflict'] / c['n']:.2f}"
            elif group == "mixed":
                detail = (f"typed {c['ok'] - c['none_ok']}/{c['typed']}; NONE right {c['none_ok']}/{c['none']}; "
                          f"source country {c['source_ok']}/{c['source']}; target country {c['target_ok']}/{c['target']}")
            print(f"| {name}, {which} | {group} | {c['n']} | {c['ok'] / c['n']:.3f} ({c['ok']}/{c['n']}) | {detail} |")


if __name__ == "__main__":
    main()
