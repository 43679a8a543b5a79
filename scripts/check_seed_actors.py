"""The founding story's 14 annotated actors, checked: prints each and exits 1 if one fails.

Usage: python scripts/check_seed_actors.py [../shared/data/seed/000_1ab90770ccfa5413.txt]
Each actor is looked up by a mention's text among the story's actors (dated 2025-01-06)
and must carry the expected country and sector; Kishida is a former prime minister.
"""

from __future__ import annotations

import sys
from pathlib import Path

import eventwire

SEED = "../shared/data/seed/000_1ab90770ccfa5413.txt"
#: (a mention's text, country, sector, office the actor's office must contain or None)
EXPECTED = [
    ("Blinken", "USA", "GOV", None),
    ("Yoon", "KOR", "GOV", None),
    ("Cho Tae-yul", "KOR", "GOV", None),
    ("Shigeru Ishiba", "JPN", "GOV", None),
    ("Donald Trump", "USA", "GOV", "elect"),
    ("Kim Jong Un", "PRK", "GOV", None),
    ("Biden", "USA", "GOV", None),
    ("Choi Sang-mok", "KOR", "GOV", None),
    ("Fumio Kishida", "JPN", "ELI", "former"),
    ("Pyongyang", "PRK", "GOV", None),
    ("Moscow", "RUS", "GOV", None),
    ("Seoul", "KOR", "GOV", None),
    ("Washington", "USA", "GOV", None),
    ("UN Security Council", "IGO", "UNO", None),
]


def find(story, text):
    for a in story.actors:
        if any(text in m.text for m in a.mentions):
            return a
    return None


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else SEED)
    if not path.exists():
        sys.exit(f"{path}: not found (it lives in ../shared/data/seed)")
    story = eventwire.extract(path.read_text(encoding="utf-8"), date="2025-01-06")
    failed = 0
    for text, country, sector, office in EXPECTED:
        a = find(story, text)
        got = (a.code, a.office) if a else None
        ok = a is not None and (a.code or "").split(" ")[:2] == [country, sector]
        if ok and office:
            ok = office in (a.office or "")
        failed += not ok
        if a is None:  # not an actor: say whether the story has it as an event's place
            places = {(e.location.name, e.location.country) for e in story.events
                      if e.location and e.location.name == text}
            got = f"no actor; event place {sorted(places)}" if places else None
        print(f"{'ok  ' if ok else 'FAIL'} {text}: expected {country} {sector}{' (' + office + ')' if office else ''}, got {got}")
    print(f"{len(EXPECTED) - failed}/{len(EXPECTED)} right")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
