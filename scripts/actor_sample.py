"""Draw coded actors from PolNeAR articles of the check part, for a hand check.

Usage: python scripts/actor_sample.py [--data ../shared/data] [--n 100] [--seed 18]

Prints, per sampled actor (one coded actor per article at most, articles drawn at random
with a fixed seed): the article, the first mention's character offsets, the code and
office, and the mention with its sentence, for a person to judge. The verdicts are kept
in docs/actor_audit.tsv (article, offsets, code, verdict; no text of the articles).
"""

from __future__ import annotations

import argparse
import random

from eventwire import read
from eventwire.evaluate.actors import part, polnear_articles
from eventwire.pipeline import get_pipeline


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    articles = [a for a in polnear_articles(args.data) if part(a[0]) == "check"]
    rng.shuffle(articles)
    pipe, shown = get_pipeline(), 0
    for name, text, date in articles:
        if shown == args.n:
            break
        story = pipe.run(read.from_text(text, date=date))
        coded = [a for a in story.actors if a.code]
        if not coded:
            continue
        actor = rng.choice(coded)
        m = actor.mentions[0]
        sentence = next((s.text for s in story.sentences if s.start <= m.start < s.end), "")
        shown += 1
        print(f"{shown}\t{name}\t{m.start}\t{m.end}\t{actor.code}\t{actor.office or ''}\t{date}\t{m.text!r}\t{sentence[:300]}")


if __name__ == "__main__":
    main()
