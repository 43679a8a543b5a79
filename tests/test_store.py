import csv
import json
import os
import signal
import subprocess
import sys
import time

import pytest

import eventwire
from eventwire.errors import EventwireError
from eventwire.store import Store, ingest
from eventwire.store.export import GDELT_COLUMNS, export

STORIES = [
    ("2024-05-06", "https://wire.example/a", "Kenya condemned Uganda on Monday after border clashes. "
     "Kenyan President Amani Njoroge said the attacks must stop. Ugandan troops attacked Kenyan police on Sunday."),
    ("2024-05-07", "https://daily.example/b", "Peru and Chile signed a trade agreement in Lima on Tuesday. "
     "Chilean Foreign Minister Rosa Vidal praised Peru."),
    ("2024-05-08", "https://post.example/c", "Egypt held talks with Qatar in Cairo on Wednesday. "
     "Qatar urged Israel to allow aid into Gaza."),
    ("2024-05-09", "https://news.example/d", "Protesters rallied against the Serbian government in Belgrade. "
     "Serbian police arrested dozens of protesters on Thursday."),
]

COMPARE = {  # what a clean run and a resumed run must hold alike (timestamps aside)
    "stories": "SELECT story_id, url, title, published, num_events FROM stories ORDER BY 1",
    "reports": "SELECT story_id, report_index, event_id, event_type, source_code, target_code, day, status "
               "FROM reports ORDER BY 1, 2",
    "events": "SELECT event_id, event_type, source_code, target_code, day, num_mentions, num_reports, num_sources "
              "FROM events ORDER BY 1",
    "items": "SELECT item, story_id, outcome FROM items ORDER BY 1",
    "quotes": "SELECT story_id, quote_index, text FROM quotes ORDER BY 1, 2",
    "story_links": "SELECT * FROM story_links ORDER BY 1, 2",
}


def write_corpus(folder, stories=STORIES, copies=1):
    folder.mkdir(parents=True, exist_ok=True)
    for n, (date, url, text) in enumerate(stories):
        for c in range(copies):
            record = {"id": f"s{n}-{c}", "published": date, "url": url.replace("example", f"example{c}"),
                      "text": text + ("" if c == 0 else " Reporting by Wire Staff.")}
            (folder / f"story{n}-{c}.jsonl").write_text(json.dumps(record) + "\n")
    return folder


def snapshot(db):
    with Store(db, read_only=True) as store:
        return {name: store.con.execute(sql).fetchall() for name, sql in COMPARE.items()}


def test_ingest_stores_and_reingest_adds_nothing(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    db = str(tmp_path / "e.duckdb")
    first = ingest([str(corpus)], db, workers=1)
    assert (first.read, first.stored, first.failed) == (4, 4, 0)
    before = snapshot(db)
    second = ingest([str(corpus)], db, workers=1)
    assert (second.read, second.stored, second.skipped) == (0, 0, 4)
    assert snapshot(db) == before


def test_syndicated_copies_make_one_event_with_two_reports(tmp_path):
    corpus = write_corpus(tmp_path / "in", STORIES[:1], copies=2)
    db = str(tmp_path / "e.duckdb")
    ingest([str(corpus)], db, workers=1)
    with Store(db, read_only=True) as store:
        events = store.events(limit=100)
        links = store.sql("SELECT * FROM story_links")
    assert len(links) == 1 and links["similarity"][0] >= 0.8
    assert len(events) > 0
    assert set(events["num_reports"]) == {2} and set(events["num_sources"]) == {2}
    accuse = events[events["event_type"] == "ACCUSE"]
    assert list(accuse["source_code"]) == ["KEN"] and list(accuse["target_code"]) == ["UGA"]


def test_events_filters_and_python_api(tmp_path):
    db = str(tmp_path / "e.duckdb")
    ingest([str(write_corpus(tmp_path / "in"))], db, workers=1)
    store = eventwire.open(db)
    assert set(store.events(type="ACCUSE")["event_type"]) == {"ACCUSE"}
    assert set(store.events(actor="KEN")["source_code"]) == {"KEN"}
    assert set(store.events(recipient="QAT")["target_code"]) == {"QAT"}
    days = store.events(since="2024-05-07", until="2024-05-08")["day"]
    assert len(days) and all("2024-05-07" <= str(d)[:10] <= "2024-05-08" for d in days)
    assert len(store.events(status="attempted")) == 0
    with pytest.raises(EventwireError):
        store.events(sort="day; DROP TABLE events")
    store.close()


def test_sql_is_read_only(tmp_path):
    db = str(tmp_path / "e.duckdb")
    ingest([str(write_corpus(tmp_path / "in"))], db, workers=1)
    with eventwire.open(db) as store:
        assert store.sql("SELECT count(*) AS n FROM stories")["n"][0] == 4
        with pytest.raises(EventwireError):
            store.sql("DELETE FROM events")


def test_bad_inputs_are_recorded_and_good_ones_stored(tmp_path):
    folder = write_corpus(tmp_path / "in")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "empty.txt").write_text("")
    (folder / "latin1.txt").write_bytes("Kenya condemned Uganda on Monday. Caf\xe9 owners fled.".encode("latin-1"))
    (folder / "huge.txt").write_bytes(b"Kenya condemned Uganda. " * (50 * 1024 * 1024 // 24))
    (folder / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    (folder / "german.txt").write_text(
        "Die Regierung hat am Montag beschlossen, die Gespraeche mit den Nachbarlaendern fortzusetzen, "
        "obwohl die Opposition dagegen protestiert und eine Abstimmung im Parlament verlangt hatte.")
    (folder / "bad.jsonl").write_text('{"id": "x", "text": "Kenya condemned Uganda."}\n{broken\n{"id": "y"}\n')
    db = str(tmp_path / "e.duckdb")
    summary = ingest([str(folder)], db, workers=2, batch_size=3)
    with Store(db, read_only=True) as store:
        failures = dict(store.con.execute("SELECT item, reason FROM failures").fetchall())
        stored = {r[0] for r in store.con.execute("SELECT path FROM stories").fetchall()}
    names = {os.path.basename(k): v for k, v in failures.items()}
    assert "binary data" in names["binary.txt"]
    assert "empty story" in names["empty.txt"]
    assert "too large" in names["huge.txt"]
    assert "no article text" in names["empty.html"]
    assert "not an English story" in names["german.txt"]
    assert "invalid JSON" in names["bad.jsonl:2"] and "neither 'text' nor 'html'" in names["bad.jsonl:3"]
    assert summary.failed == 7
    assert {os.path.basename(p) for p in stored} >= {f"story{n}-0.jsonl" for n in range(4)} | {"latin1.txt"}


def test_cli_ingest_exit_status_and_summary(tmp_path):
    folder = write_corpus(tmp_path / "in", STORIES[:1])
    db = str(tmp_path / "e.duckdb")
    ok = subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(folder), "--db", db, "--workers", "1"],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert "stored 1" in ok.stdout
    (folder / "empty.txt").write_text(" ")
    bad = subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(folder), "--db", db, "--workers", "1"],
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and "failed 1" in bad.stdout and "already ingested 1" in bad.stdout
    assert "Traceback" not in bad.stderr


def test_sigkill_midway_then_rerun_equals_clean_run(tmp_path):
    stories = [(d, u, t) for d, u, t in STORIES] * 6
    stories = [(d, f"{u}/{i}", f"{t} Item {i} of the wire.") for i, (d, u, t) in enumerate(stories)]
    corpus = write_corpus(tmp_path / "in", stories)
    clean_db, crash_db = str(tmp_path / "clean.duckdb"), str(tmp_path / "crash.duckdb")
    ingest([str(corpus)], clean_db, workers=1, batch_size=2)
    cmd = [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", crash_db, "--workers", "2",
           "--batch-size", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    killed_midway = False
    while time.time() < deadline and proc.poll() is None:
        if os.path.exists(crash_db) and _stored(crash_db) >= 4:
            os.killpg(proc.pid, signal.SIGKILL)
            killed_midway = True
            break
        time.sleep(0.05)
    proc.wait(timeout=60)
    assert killed_midway, "the ingest finished before it could be killed"
    assert _stored(crash_db) < len(stories)
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(crash_db) == snapshot(clean_db)


def _stored(db) -> int:
    """Stories committed so far, read from a copy (the writer holds the lock)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "c.duckdb")
        try:
            shutil.copy(db, copy)
            if os.path.exists(db + ".wal"):
                shutil.copy(db + ".wal", copy + ".wal")
            with Store(copy, read_only=True) as store:
                return store.con.execute("SELECT count(*) FROM stories").fetchone()[0]
        except Exception:
            return 0


def test_exports(tmp_path):
    db = str(tmp_path / "e.duckdb")
    ingest([str(write_corpus(tmp_path / "in"))], db, workers=1)
    with eventwire.open(db) as store:
        n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        assert export(store, "gdelt", str(tmp_path / "e.tsv")) == n
        assert export(store, "plover-jsonl", str(tmp_path / "e.jsonl")) == n
        assert export(store, "csv", str(tmp_path / "e.csv")) == n
        assert export(store, "parquet", str(tmp_path / "pq")) == n
    rows = list(csv.reader(open(tmp_path / "e.tsv"), delimiter="\t"))
    assert len(rows) == n and all(len(r) == 61 for r in rows)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    accuse = next(r for r in rows if r[col["EventRootCode"]] == "11")
    assert accuse[col["Actor1Code"]] == "KEN" and accuse[col["Actor2Code"]] == "UGA"
    assert accuse[col["Day"]] == "20240506" and accuse[col["SOURCEURL"]].startswith("https://wire.example0")
    records = [json.loads(line) for line in open(tmp_path / "e.jsonl")]
    assert {r["event"] for r in records} >= {"ACCUSE", "CONSULT"}
    months = sorted(p.name for p in (tmp_path / "pq").iterdir())
    assert months == ["month=2024-05"]
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "pq").num_rows == n


def test_schema_version_is_recorded_and_migrations_run_once(tmp_path):
    db = str(tmp_path / "e.duckdb")
    with Store(db) as store:
        assert store.version() >= 1
    with Store(db) as store:
        assert store.con.execute("SELECT count(*) FROM meta").fetchone()[0] == store.version()
