#!/usr/bin/env python
"""Where the ConfliBERT target spans of ``eventwire eval events`` are won and lost.

Each gold target span of conflibert/cameo_ner/train.txt, and each predicted target
phrase that matches none, falls in one category, scored as ``eval events`` scores them
(the phrases of the headline trigger's events):
  exact         a predicted phrase is the gold span
  boundary      a predicted phrase overlaps the gold span but is not it
  wrong         phrases are predicted, none overlaps the gold span
  missed, event no phrase predicted, though an event was coded
  missed, none  no event coded at all
  unannotated   a predicted phrase in a sentence whose gold marks no target

Usage: python scripts/span_breakdown.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
from collections import Counter

from eventwire.evaluate.common import data_path
from eventwire.evaluate.events import _bio_spans, _conll, _detokenize, _extract, predicted_spans


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    args = ap.parse_args()
    counts = Counter()
    for words, tags in _conll(data_path(args.data, "conflibert", "cameo_ner", "train.txt")):
        text, offsets = _detokenize(words)
        story = _extract(text, None)
        pred = predicted_spans(story, offsets)["T"]
        gold = _bio_spans(tags, "T")
        counts["unannotated"] += len(pred) if not gold else 0
        for a, b in gold:
            if (a, b) in pred:
                counts["exact"] += 1
            elif any(x < b and a < y for x, y in pred):
                counts["boundary"] += 1
            elif pred:
                counts["wrong"] += 1
            else:
                counts["missed, event" if story and story.events else "missed, none"] += 1
    print(f"gold target spans: {sum(v for k, v in counts.items() if k != 'unannotated')}")
    for key in ("exact", "boundary", "wrong", "missed, event", "missed, none", "unannotated"):
        print(f"{key:14} {counts[key]}")


if __name__ == "__main__":
    main()
