"""The founding story's places, checked: prints each check and exits 1 if one fails.

Usage: python scripts/check_seed_places.py [../shared/data/seed/000_1ab90770ccfa5413.txt]
The missile launch is North Korea at country precision (or the sea it fell into), not
Seoul; Blinken's talks are in Seoul; "In Tokyo, ... Ishiba voiced alarm" is in Tokyo;
the summit is at Camp David, United States.
"""

from __future__ import annotations

import sys
from pathlib import Path

import eventwire

SEED = "../shared/data/seed/000_1ab90770ccfa5413.txt"


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else SEED)
    if not path.exists():
        sys.exit(f"{path}: not found (it lives in ../shared/data/seed)")
    story = eventwire.extract(path.read_text(encoding="utf-8"), date="2025-01-06")
    events = story.events

    def where(e):
        return (e.location.name, e.location.country, e.location.precision, e.location_from) if e.location else None

    launches = [e for e in events if e.trigger.text == "fired"]
    talks = [e for e in events if e.trigger.text == "talks"]
    alarm = [e for e in events if "Tokyo" in e.sentence and e.source and e.source.code.startswith("JPN")]
    summit = [e for e in events if "summit at the Camp David" in e.sentence]
    checks = [
        ("missile launch: North Korea at country precision (or a sea), not Seoul", launches,
         lambda e: e.location and (e.location.country, e.location.precision) == ("PRK", "country")
         or e.location and e.location.precision == "sea"),
        ("Blinken's talks in Seoul", talks, lambda e: e.location and e.location.name == "Seoul"),
        ("Ishiba's alarm in Tokyo", alarm, lambda e: e.location and e.location.name == "Tokyo"),
        ("the summit at Camp David, United States", summit,
         lambda e: e.location and (e.location.name, e.location.country) == ("Camp David", "USA")),
    ]
    failed = 0
    for label, found, ok in checks:
        good = bool(found) and all(ok(e) for e in found)
        failed += not good
        print(f"{'PASS' if good else 'FAIL'}  {label}: " + "; ".join(f"{e.trigger.text} -> {where(e)}" for e in found))
    located = sum(e.location is not None for e in events)
    print(f"{located} of {len(events)} events located; {len(story.places)} place names resolved")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
