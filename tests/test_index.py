"""The in-memory event index answers exactly what the SQL query layer answers.

A synthetic store (no NLP) with missing days, actors, sectors and goldstein values;
random filters, sorts, pages, intervals and groupings; each answer from
``EventIndex`` compared with ``store.query`` on the same connection.
"""

import datetime as dt
import json
import random

import pytest

from eventwire.model import STATUSES
from eventwire.store import Store, query
from eventwire.store.index import EventIndex
from eventwire.store.schema import TABLES

COUNTRIES = ["USA", "PRK", "KOR", "RUS", "UKR", "CHN"]
SECTORS = [None, "GOV", "MIL", "CVL"]
TYPES = [("ACCUSE", "112", 2, -2.0), ("ASSAULT", "190", 4, -10.0), ("AGREE", "030", 1, None),
         ("PROTEST", "141", 3, -6.5)]


def _report(rng, sid, n, day):
    etype, cameo, quad, goldstein = rng.choice(TYPES)
    sides = {}
    for side in ("source", "target"):
        country, sector = rng.choice(COUNTRIES + [None]), rng.choice(SECTORS)
        code = " ".join(x for x in (country, sector) if x) or None
        sides.update({f"{side}_code": code, f"{side}_name": code and code.title(), f"{side}_country": country,
                      f"{side}_sector": sector})
    return {"story_id": sid, "report_index": n, "event_type": etype, "cameo": cameo, "quad_class": quad,
            "goldstein": goldstein, "trigger_text": "x", "date": day and day.isoformat(), "day": day,
            "date_precision": "day" if day else "unknown", "status": rng.choice(STATUSES),
            "confidence": round(rng.uniform(0.3, 0.95), 2), "sentence_index": n, "depth": 0,
            "sentence": f"Event {n} of {sid}.", **sides}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    rng = random.Random(5)
    stories, reports = [], []
    for s in range(120):
        sid = f"s{s:04d}"
        published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(400))
        stories.append({"story_id": sid, "url": f"https://outlet{s % 4}.example/{sid}", "title": sid,
                        "published": published, "source": f"outlet{s % 4}.example", "text": sid,
                        "language": "en", "num_events": 4, "warnings": [],
                        "ingested_at": dt.datetime(2025, 1, 1), "minhash": [0] * 32})
        reports += [_report(rng, sid, n, published if rng.random() > 0.15 else None) for n in range(4)]
    fields = [f.name for f in TABLES["reports"]]
    path = str(tmp_path_factory.mktemp("index") / "e.duckdb")
    with Store(path) as st:
        st.con.execute("BEGIN TRANSACTION")
        st._insert("stories", stories)
        st._insert("reports", [{k: r.get(k) for k in fields} for r in reports])
        st.con.execute("COMMIT")
        st.rebuild_events()
    with Store(path, read_only=True) as st:  # as the server reads it
        yield st


def _random_filter(rng) -> query.EventFilter:
    pick = lambda values: rng.choice([None, None, *values])  # noqa: E731
    since = pick(["2024-03-01", "2024-09-15"])
    return query.EventFilter(
        actor=pick(COUNTRIES + ["GOV", "PRK GOV", "USA MIL"]), recipient=pick(COUNTRIES + ["MIL"]),
        country=pick(COUNTRIES), type=pick([t[0] for t in TYPES]), quad_class=pick([1, 2, 3, 4]),
        status=pick(list(STATUSES)), since=since, until=pick(["2024-06-30", "2025-01-31"]),
        min_confidence=pick([0.5, 0.8]), outlet=pick(["outlet1.example", "outlet3.example"]),
        sort=rng.choice(query.SORTABLE), descending=rng.random() < 0.5, limit=rng.choice([1, 5, 50, 1000]),
        offset=rng.choice([0, 0, 3, 40]))


def test_the_index_gives_the_sql_answer_on_random_filters(store):
    index = EventIndex.load(store.con)
    rng = random.Random(11)
    for _ in range(300):
        flt = _random_filter(rng)
        assert EventIndex.supports(flt)
        assert json.loads(index.events_body(flt)) == query.events(store.con, flt), flt
        interval, by = rng.choice(query.INTERVALS), rng.choice(["quad_class", "event_type"])
        assert index.timeline(flt, interval, by) == query.timeline(store.con, flt, interval, by), (flt, interval, by)
        limit = rng.choice([1, 3, 80])
        assert index.network(flt, limit) == query.network(store.con, flt, limit), (flt, limit)


def test_filters_the_index_cannot_answer_go_to_sql():
    assert not EventIndex.supports(query.EventFilter(text="border"))
    assert not EventIndex.supports(query.EventFilter(near="37.5,127.0"))
    assert EventIndex.supports(query.EventFilter(actor="PRK", type="ASSAULT"))
