"""Ingest never aborts on an item: every input-level fault is a failures row, the rest goes on."""

import datetime as dt
import gzip
import json

import eventwire
from eventwire.read import from_text
from eventwire.store import Store, ingest
from eventwire.store.db import Failure
from eventwire.store.rows import story_rows

GOOD = "Kenya condemned Uganda on Monday after border clashes."


def records(n, offset=0):
    return [{"id": f"r{i}", "published": "2024-05-06", "text": f"{GOOD} It was report {i} of the day."}
            for i in range(offset, offset + n)]


def test_a_corrupt_gzip_fails_at_its_line_and_the_rest_is_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = gzip.compress("".join(json.dumps(r) + "\n" for r in records(5)).encode())
    broken = gzip.compress(b"{}")[:10] + b"\xff" * 64  # a gzip header, then no valid deflate block
    (folder / "feed.jsonl.gz").write_bytes(good + broken)
    (folder / "good.txt").write_text(GOOD + "\n")
    db = str(tmp_path / "e.duckdb")
    summary = ingest([str(folder)], db, workers=1, batch_size=50)
    with Store(db, read_only=True) as store:
        failures = store.con.execute("SELECT item, reason, path, line FROM failures").fetchall()
        paths = {p for (p,) in store.con.execute("SELECT path FROM stories").fetchall()}
    assert len(failures) == 1 and summary.failed == 1
    item, reason, path, line = failures[0]
    assert path.endswith("feed.jsonl.gz") and item == f"{path}:{line}" and line == 6
    assert "cannot read JSON Lines file after line 5" in reason and "Error -3" in reason
    assert any(p.endswith("good.txt") for p in paths) and summary.stored == 6


def test_a_lone_surrogate_is_replaced_not_fatal(tmp_path, extract):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "s", "text": "Kenya condemned Uganda \\ud800 on Monday.", "published": "2024-05-06", '
                    '"title": "Border \\udfff row"}\n' + json.dumps({"id": "t", "text": GOOD}) + "\n")
    db = str(tmp_path / "e.duckdb")
    summary = ingest([str(path)], db, workers=1)
    assert (summary.stored, summary.failed) == (2, 0)
    with Store(db, read_only=True) as store:
        text, title, warnings = store.con.execute("SELECT text, title, warnings FROM stories "
                                                  "WHERE story_id = 's'").fetchone()
    assert "\ufffd" in text and title == "Border \ufffd row" and any("surrogate" in w for w in warnings)
    story = extract("Kenya condemned Uganda \ud800 on Monday.", date="2024-05-06")
    assert [e.event_type for e in story.events] == ["ACCUSE"]


def test_a_row_the_database_refuses_is_one_failure(tmp_path):
    now = dt.datetime(2024, 5, 6)
    good = story_rows(eventwire.extract(GOOD, date="2024-05-06"), "good.txt", now)
    bad = story_rows(eventwire.extract("Chad condemned Niger on Friday.", date="2024-05-10"), "bad.txt", now)
    bad["stories"][0]["num_events"] = "many"  # not an integer: the insert fails
    with Store(str(tmp_path / "e.duckdb")) as store:
        result = store.write_batch([("good.txt", good), ("bad.txt", bad)], [Failure("x.txt", "empty story", "x.txt")])
        assert (result.stored, result.failed) == (1, 2)
        assert [f.item for f in result.refused] == ["bad.txt"] and "cannot store" in result.refused[0].reason
        assert store.con.execute("SELECT item FROM failures ORDER BY 1").fetchall() == [("bad.txt",), ("x.txt",)]
        assert store.con.execute("SELECT path FROM stories").fetchall() == [("good.txt",)]


def test_a_reused_id_with_another_text_is_a_new_version(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"id": "story-1", "text": GOOD, "published": "2024-05-06"}) + "\n")
    second.write_text("\n".join(json.dumps({"id": "story-1", "text": t, "published": "2024-05-06"}) for t in
                              (GOOD, GOOD + " Uganda rejected the charge.", GOOD)) + "\n")
    db = str(tmp_path / "e.duckdb")
    ingest([str(first)], db, workers=1)
    summary = ingest([str(second)], db, workers=1)
    assert (summary.stored, summary.versions, summary.duplicates) == (1, 1, 2)
    with Store(db, read_only=True) as store:
        stories = store.con.execute("SELECT story_id, version_of FROM stories ORDER BY 1").fetchall()
        outcomes = store.con.execute("SELECT outcome, count(*) FROM items GROUP BY 1 ORDER BY 1").fetchall()
        accuse = store.con.execute("SELECT num_reports FROM events WHERE event_type = 'ACCUSE'").fetchall()
    assert stories == [("story-1", None), ("story-1@v2", "story-1")]
    assert outcomes == [("duplicate", 2), ("stored", 1), ("version", 1)]
    assert accuse == [(1,)]  # two versions of one story are one report


def test_from_text_scrubs_every_field():
    story = from_text("Kenya \ud800 condemned Uganda.", url="https://x.example/\udcff", title=7, id="a\ud800")
    assert "\ud800" not in story.text + story.url + story.id and story.title is None
    assert len(story.warnings) == 4


def test_undated_inputs_take_a_date_from_the_file_name_else_from_date(tmp_path):
    from eventwire.store.ingest import Dating

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire_20240506_kenya.txt").write_text(GOOD + "\n")
    (folder / "2024-06-03-chad.txt").write_text("Chad condemned Niger on Monday.\n")
    (folder / "undated.txt").write_text("Peru condemned Chile on Monday.\n")
    (folder / "feed.jsonl").write_text(json.dumps({"id": "own", "text": "Spain condemned France on Monday.",
                                                   "published": "2023-01-02"}) + "\n")
    db = str(tmp_path / "e.duckdb")
    ingest([str(folder)], db, workers=1, dating=Dating("2024-07-01", r"(\d{4}-?\d{2}-?\d{2})"))
    with Store(db, read_only=True) as store:
        found = dict(store.con.execute("SELECT coalesce(path, story_id), published FROM stories").fetchall())
        days = dict(store.con.execute("SELECT source_code, day FROM events").fetchall())
    published = {k.rsplit("/", 1)[-1]: v.isoformat() for k, v in found.items()}
    assert published == {"wire_20240506_kenya.txt": "2024-05-06", "2024-06-03-chad.txt": "2024-06-03",
                         "undated.txt": "2024-07-01", "feed.jsonl": "2023-01-02"}
    assert days["TCD"].isoformat() == "2024-06-03" and days["PER"].isoformat() == "2024-07-01"  # "on Monday"


def test_date_pattern_groups_and_bad_options():
    from eventwire.errors import InputError
    from eventwire.store.ingest import Dating

    named = Dating(pattern=r"(?P<day>\d\d)\.(?P<month>\d\d)\.(?P<year>\d{4})")
    assert named.from_name("/x/bericht 14.03.2014.txt") == "2014-03-14"
    assert named.from_name("/x/no-date.txt") is None and named.from_name("/x/31.02.2014.txt") is None
    for bad in (dict(default="next Tuesday"), dict(pattern="(unclosed")):
        try:
            Dating(**bad)
        except InputError as exc:
            assert "date" in str(exc)
        else:
            raise AssertionError(bad)


def test_ingest_cli_refuses_a_bad_date_in_one_line(tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text(GOOD + "\n")
    done = subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(tmp_path / "a.txt"), "--db",
                           str(tmp_path / "e.duckdb"), "--date", "2024-13-45"], capture_output=True, text=True)
    assert done.returncode != 0 and "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "2024-13-45" in done.stderr


def test_batches_are_cut_so_that_every_worker_has_several():
    from eventwire.store.ingest import _share

    assert _share(1000, 32, 1) == 32 and _share(10, 32, 1) == 32  # one worker: as asked
    assert _share(1000, 32, 2) == 32 and _share(100, 32, 2) == 13 and _share(3, 32, 2) == 1
