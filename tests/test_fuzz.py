"""A fuzzer in the normal suite: 2,000 generated inputs for extract, 0 exceptions.

The inputs mix random Unicode (lone surrogates, control characters, other scripts),
quotation marks, HTML fragments and every time phrase of data/time.yaml in random
contexts, with publication dates at the edges of the calendar. Seeded: a failure
names its case and reruns the same."""

from __future__ import annotations

import random
import time

import pytest

import eventwire
from eventwire import read, resources
from eventwire.pipeline import get_pipeline

N = 2000
BATCH = 100
DATES = [None, None, "2024-02-29", "0001-01-01", "9999-12-31", "1970-01-01", "2014-03-14"]
QUOTES = list("\"“”‘’'«»„‹›")
HTML = ["<p>", "</p>", "<div>", "</div>", "<script>alert(1)</script>", "<b>Spain</b>", "&amp;", "&#xD800;",
        "<img onerror=x>", "<br>", "<!--", "-->", "<![CDATA[", "<a href='javascript:1'>", "&nbsp;", "<p"]
WORDS = ["Russian forces", "attacked", "Kharkiv", "in", "France", "said", "the president", "he", "not",
         "troops", "protesters", "police", "arrested", "condemned", "Kenya", "Uganda", "signed", "an agreement",
         "with", "on", "next season's", "CAF Cup", ".", ",", ";", "—", "\n", "\n\n", "3", "1,200", "%"]
CONTEXTS = ["{} ", "in {}", "on {}", "since {}", "by {}", "last {}", "next {}", "{}'s", "the {} before",
            "{} ago", "early {}", "until {}", "{} of {}", "from {} to {}", "{} {}"]
TEMPLATES = ["last Monday", "3 days ago", "next season's", "this year's", "the 1990s", "in 2014", "2014-13-45",
             "March 32", "0001-01-01", "on 29 February", "the past", "in the coming weeks", "1 BC", "year 0"]


def _phrases() -> list[str]:
    """Every phrase of data/time.yaml: table keys and listed words, however nested."""
    out: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                out.append(str(key))
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
        elif isinstance(value, str) and len(value) > 2:
            out.append(value)

    walk(resources.load_yaml("time.yaml"))
    return sorted(set(out)) + TEMPLATES


def _unicode(rng: random.Random, n: int) -> str:
    pools = [(0x20, 0x7E), (0x00, 0x1F), (0xA0, 0x2FF), (0x400, 0x4FF), (0x600, 0x6FF), (0x4E00, 0x4FFF),
             (0xD800, 0xDFFF), (0x1F300, 0x1F6FF), (0x200B, 0x202E), (0xFFF0, 0xFFFF)]
    chars = []
    for _ in range(n):
        lo, hi = rng.choice(pools)
        chars.append(chr(rng.randint(lo, hi)))
    return "".join(chars)


def _case(rng: random.Random, phrases: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        if kind < 0.35:
            context = rng.choice(CONTEXTS)
            parts.append(context.format(*(rng.choice(phrases) for _ in range(context.count("{}")))))
        elif kind < 0.6:
            parts.append(rng.choice(WORDS))
        elif kind < 0.72:
            parts.append(rng.choice(QUOTES))
        elif kind < 0.84:
            parts.append(rng.choice(HTML))
        else:
            parts.append(_unicode(rng, rng.randint(1, 12)))
    sep = rng.choice([" ", " ", "", "\n", "\u00a0"])
    text = sep.join(parts)
    if rng.random() < 0.3:
        text = text.capitalize() + "."
    return text


def test_extract_survives_generated_inputs():
    """Every tenth case goes through ``eventwire.extract`` one by one, the rest in batches
    of ``BATCH`` through the batched run ``ingest`` uses (which is what makes 2,000
    cases fit in CI): both must answer each case with a story or a clear refusal."""
    rng = random.Random(21)
    phrases = _phrases()
    assert len(phrases) > 100  # the time tables were read
    cases = [(_case(rng, phrases), rng.choice(DATES)) for _ in range(N)]
    failures, refused, started, cpu = [], 0, time.monotonic(), time.process_time()

    def check(n: int, outcome) -> None:
        nonlocal refused
        if isinstance(outcome, eventwire.InputError):
            refused += 1  # a clear refusal (no text, not English) is allowed
        elif isinstance(outcome, Exception):
            text, date = cases[n]
            failures.append(f"case {n}: {type(outcome).__name__}: {outcome} on {text!r} date={date}")
        else:
            outcome.to_dict()

    def one(n: int):
        try:
            return eventwire.extract(cases[n][0], date=cases[n][1])
        except Exception as exc:  # noqa: BLE001 - the point of the test
            return exc

    single = [n for n in range(N) if n % 10 == 0]
    for n in single:
        check(n, one(n))
    batched = [n for n in range(N) if n % 10]
    pipeline = get_pipeline()
    for start in range(0, len(batched), BATCH):
        chunk, stories = [], []
        for n in batched[start:start + BATCH]:
            try:
                stories.append(read.from_text(cases[n][0], date=cases[n][1]))
                chunk.append(n)
            except Exception as exc:  # noqa: BLE001 - as extract would raise it
                check(n, exc)
        for n, outcome in zip(chunk, pipeline.run_many(stories)):
            try:
                check(n, outcome)
            except Exception as exc:  # noqa: BLE001 - to_dict must not raise either
                check(n, exc)
    elapsed = time.monotonic() - started
    assert not failures, f"{len(failures)} of {N} raised:\n" + "\n".join(failures[:10])
    assert refused < N / 2, f"{refused} of {N} refused: the generator makes too little text"
    print(f"{N} inputs ({len(single)} one by one), {refused} refused, 0 exceptions, {elapsed:.1f} s "
          f"({time.process_time() - cpu:.1f} s CPU)")


@pytest.mark.parametrize("text", ["It was next season's CAF Cup.", "Kharkiv \ud800 was attacked.", "\udfff",
                                  "<p>" * 400 + "Russian forces attacked Kharkiv." + "</p>" * 400])
def test_smallest_cases_of_the_issue(text):
    try:
        eventwire.extract(text).to_dict()
    except eventwire.InputError:
        pass
