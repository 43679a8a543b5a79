"""Exports: one PLOVER record builder for `extract --format jsonl` and `export --format plover-jsonl`."""

import csv
import json

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import ingest_records

import eventwire
from eventwire.cli import cli
from eventwire.export import plain, plover_record, story_records
from eventwire.store.export import GDELT_COLUMNS, export

UNDATED = {"id": "k", "text": "Russian forces attacked Kharkiv in 2014.", "published": "2024-03-14"}
DATED = {"id": "d", "text": "Kenya condemned Uganda on Monday.", "published": "2024-05-06",
         "url": "https://wire.example/d"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return ingest_records(tmp_path_factory.mktemp("export"), [UNDATED, DATED])


def test_events_without_a_day_export_in_every_format(db, tmp_path):
    with eventwire.open(db) as store:
        days = store.sql("SELECT day FROM events ORDER BY day NULLS FIRST")["day"]
        assert pd.isna(days[0]) and not pd.isna(days.iloc[-1])  # one undated event, one dated
        n = len(days)
        for fmt, name in (("gdelt", "e.tsv"), ("plover-jsonl", "e.jsonl"), ("csv", "e.csv")):
            assert export(store, fmt, str(tmp_path / name)) == n
    records = [json.loads(line) for line in open(tmp_path / "e.jsonl")]
    assert {r["date"] for r in records} == {"2014", "2024-05-06"}
    rows = list(csv.reader(open(tmp_path / "e.tsv"), delimiter="\t"))
    day = GDELT_COLUMNS.index("Day")
    assert sorted(r[day] for r in rows) == ["", "20240506"]


def test_csv_cells_are_values_not_python_reprs(db, tmp_path):
    with eventwire.open(db) as store:
        export(store, "csv", str(tmp_path / "e.csv"))
    rows = list(csv.DictReader(open(tmp_path / "e.csv")))
    assert {r["contexts"] for r in rows} >= {"military"}
    assert not any(v.startswith("[") for r in rows for v in r.values())
    assert all(len(r["confidence"]) <= 8 for r in rows)  # 0.7, not 0.699999988079071


def test_extract_jsonl_and_export_share_one_record(db, tmp_path):
    story_file = tmp_path / "story.txt"
    story_file.write_text(DATED["text"] + "\n")
    out = CliRunner().invoke(cli, ["extract", str(story_file), "--date", "2024-05-06", "--format", "jsonl"]).output
    extracted = [json.loads(line) for line in out.splitlines()]
    with eventwire.open(db) as store:
        export(store, "plover-jsonl", str(tmp_path / "e.jsonl"))
    exported = [json.loads(line) for line in open(tmp_path / "e.jsonl")]
    assert extracted and exported and {tuple(r) for r in extracted + exported} == {tuple(extracted[0])}
    accuse = next(r for r in exported if r["event"] == "ACCUSE")
    mine = next(r for r in extracted if r["event"] == "ACCUSE")
    for key in ("date", "actor", "actor_text", "recipient", "cameo", "status", "trigger", "text"):
        assert accuse[key] == mine[key], key
    assert accuse["url"] == "https://wire.example/d" and accuse["published"] == "2024-05-06"


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NaT, pd.Timestamp("NaT")])
def test_a_record_with_every_field_missing(missing):
    from eventwire.store.schema import TABLES

    names = {f.name for f in TABLES["reports"]} | {"url", "published", "max_confidence", "statuses",
                                                   "num_mentions", "num_reports", "num_sources"}
    record = plover_record(dict.fromkeys(names, missing))
    json.dumps(record, allow_nan=False)
    assert record["date"] is None and record["actor"] is None and record["context"] == []
    assert plover_record({}) == plover_record(dict.fromkeys(names))


def test_plain_values():
    import datetime as dt

    import numpy as np

    assert plain(pd.Timestamp("2024-05-06")) == "2024-05-06T00:00:00"
    assert plain(dt.date(2024, 5, 6)) == "2024-05-06"
    assert plain(np.float32(0.85)) == 0.85 and plain(np.array(["a", "b"])) == ["a", "b"]
    assert plain([pd.NaT, 1]) == [None, 1]


def test_a_failing_export_leaves_no_truncated_file(db, tmp_path, monkeypatch):
    import eventwire.store.export as store_export

    calls = []

    def fail_on_second(row):
        calls.append(row)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return plover_record(row)

    monkeypatch.setattr(store_export, "plover_record", fail_on_second)
    out = tmp_path / "e.jsonl"
    with eventwire.open(db) as store, pytest.raises(RuntimeError):
        export(store, "plover-jsonl", str(out))
    assert not out.exists() and not list(tmp_path.iterdir())


def test_story_records_number_the_events(extract):
    story = extract(DATED["text"], date="2024-05-06")
    records = list(story_records(story))
    assert [r["id"] for r in records] == [f"{story.id}-{n}" for n in range(len(story.events))]
