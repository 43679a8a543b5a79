import pytest
from conftest import ingest_records
from fastapi.testclient import TestClient

from eventwire.serve import create_app
from eventwire.store import Store

XSS = ('Kenya condemned Uganda on Monday. <script>window.pwned = 1</script> '
       '<img src=x onerror="window.pwned = 2"> <a href="javascript:window.pwned = 3">link</a> '
       'Kenyan President Amani Njoroge said the attacks must stop.')
STORIES = [
    {"id": "a", "published": "2024-05-06", "url": "https://wire.example/a", "text": XSS},
    {"id": "b", "published": "2024-05-20", "url": "https://daily.example/b",
     "text": "Peru and Chile signed a trade agreement in Lima on Tuesday. “We are partners,” said Chilean "
             "Foreign Minister Rosa Vidal."},
    {"id": "c", "published": "2024-06-03", "url": "https://post.example/c",
     "text": "Serbian police arrested dozens of protesters in Belgrade on Monday. Kosovo condemned Serbia."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return ingest_records(tmp_path_factory.mktemp("serve"), STORIES)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db), base_url="http://localhost")


def test_events_filters_paging_sort(client):
    all_events = client.get("/api/events", params={"limit": 500}).json()
    assert all_events["total"] == len(all_events["items"]) > 0
    accuse = client.get("/api/events", params={"type": "ACCUSE"}).json()["items"]
    assert accuse and {e["event_type"] for e in accuse} == {"ACCUSE"}
    pairs = {(e["source_code"], e["target_code"]) for e in accuse}
    assert ("KEN", "UGA") in pairs and ("XKX", "SRB") in pairs
    assert {e["source_code"] for e in client.get("/api/events", params={"actor": "KEN"}).json()["items"]} == {"KEN"}
    june = client.get("/api/events", params={"since": "2024-06-01"}).json()["items"]
    assert june and all(e["day"] >= "2024-06-01" for e in june)
    page = client.get("/api/events", params={"limit": 1, "offset": 1, "sort": "day", "desc": "true"}).json()
    assert len(page["items"]) == 1 and page["total"] == all_events["total"]
    found = client.get("/api/events", params={"q": "Belgrade"}).json()["items"]
    assert found and all("Belgrade" in e["sentence"] for e in found)


def test_event_and_story_with_spans(client):
    event = client.get("/api/events", params={"type": "ACCUSE", "actor": "KEN"}).json()["items"][0]
    detail = client.get(f"/api/events/{event['event_id']}").json()
    assert detail["reports"] and detail["reports"][0]["story_id"] == "a" or detail["reports"][0]["story_id"]
    story = client.get(f"/api/stories/{detail['reports'][0]['story_id']}").json()
    text = story["text"]
    trigger = story["events"][0]
    assert text[trigger["trigger_start"]:trigger["trigger_end"]] == trigger["trigger_text"]
    for actor in story["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    assert story["times"] and story["times"][0]["value"] == "2024-05-06"


def test_timeline_network_quotes_actors(client):
    days = client.get("/api/timeline", params={"interval": "day"}).json()["series"]
    months = client.get("/api/timeline", params={"interval": "month"}).json()["series"]
    total = client.get("/api/events", params={"limit": 500}).json()
    dated = sum(1 for e in total["items"] if e["day"])
    assert sum(d["count"] for d in days) == dated == sum(d["count"] for d in months)
    assert {d["period"][:7] for d in months} == {"2024-05", "2024-06"}
    network = client.get("/api/network").json()
    assert {"KEN", "UGA"} <= {n["id"] for n in network["nodes"]}
    edge = next(e for e in network["edges"] if (e["source"], e["target"]) == ("KEN", "UGA"))
    assert edge["count"] >= 1 and edge["goldstein"] < 0
    quotes = client.get("/api/quotes", params={"speaker": "Vidal"}).json()["items"]
    assert [q["text"] for q in quotes if q["kind"] == "direct"] == ["We are partners,"]
    actors = client.get("/api/actors", params={"q": "KEN"}).json()["items"]
    assert actors[0]["code"].startswith("KEN")


def test_extract_endpoint_stores_nothing(client, db):
    before = client.get("/api/stats").json()
    res = client.post("/api/extract", json={"text": "Chad condemned Niger on Friday.", "date": "2024-05-10"})
    assert res.status_code == 200
    body = res.json()
    assert body["events"][0]["event_type"] == "ACCUSE" and body["events"][0]["date"] == "2024-05-10"
    with Store(db, read_only=True) as store:
        assert store.counts()["stories"] == before["stories"] == 3


@pytest.mark.parametrize("method, path, kwargs, status", [
    ("get", "/api/events", {"params": {"limit": 100000}}, 422),
    ("get", "/api/events", {"params": {"sort": "day; DROP TABLE events"}}, 422),
    ("get", "/api/events", {"params": {"sort": "text"}}, 400),
    ("get", "/api/events", {"params": {"since": "yesterday"}}, 400),
    ("get", "/api/timeline", {"params": {"interval": "year'); DROP TABLE events; --"}}, 422),
    ("get", "/api/stories/nope", {}, 404),
    ("get", "/api/events/nope", {}, 404),
    ("get", "/static/../../../../etc/passwd", {}, 404),
    ("get", "/static/%2e%2e/%2e%2e/app.py", {}, 404),
    ("post", "/api/extract", {"json": {"text": "x" * 300_000}}, 413),
    ("post", "/api/extract", {"json": {"nottext": 1}}, 422),
    ("post", "/api/extract", {"json": {"text": "Spain met France.", "date": "2024-13-45"}}, 400),
    ("post", "/api/events", {}, 405),
])
def test_errors_are_json(client, method, path, kwargs, status):
    res = getattr(client, method)(path, **kwargs)
    assert res.status_code == status
    body = res.json()
    assert body["status"] == status and body["error"]
    assert "Traceback" not in res.text


def test_database_is_never_written(client, db):
    client.get("/api/events", params={"actor": "KEN'; DELETE FROM events; --"})
    with Store(db, read_only=True) as store:
        assert store.counts()["events"] > 0


def test_streamed_body_over_the_limit_is_refused(client):
    def chunks():
        for _ in range(40):
            yield b"x" * 10_000

    res = client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert res.status_code == 413


def test_security_headers_and_openapi(client):
    res = client.get("/")
    assert res.status_code == 200 and "text/html" in res.headers["content-type"]
    assert "script-src 'self'" in res.headers["content-security-policy"]
    assert res.headers["x-content-type-options"] == "nosniff"
    schema = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/stories/{story_id}", "/api/timeline", "/api/network", "/api/quotes",
            "/api/actors", "/api/extract"} <= set(schema["paths"])
    assert client.get("/static/vendor/d3.min.js").status_code == 200


def test_story_text_is_returned_as_data(client):
    story = client.get("/api/stories/" + client.get("/api/events", params={"actor": "KEN"}).json()["items"][0]["story_id"]).json()
    assert "<script>window.pwned = 1</script>" in story["text"]


@pytest.mark.parametrize("host, status", [("evil.example", 400), ("evil.example:8000", 400),
                                          ("localhost:8000", 200), ("127.0.0.1", 200), ("[::1]:8000", 200)])
def test_host_header_is_checked(client, host, status):
    res = client.get("/api/stats", headers={"host": host})
    assert res.status_code == status
    assert res.json()["status" if status != 200 else "stories"]


def test_allowed_hosts_are_added(db):
    named = TestClient(create_app(db, allow_hosts=("events.example",)), base_url="http://events.example")
    assert named.get("/api/stats").status_code == 200
    assert named.get("/api/stats", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("path", ["/api/quotes?offset=9999999999999999999999", "/api/events?offset=-1",
                                  "/api/events?limit=9999999999999999999999", "/api/network?limit=0",
                                  "/api/actors?limit=99999999999999999999999"])
def test_numeric_parameters_are_bounded(client, path):
    res = client.get(path)
    assert res.status_code == 422 and res.json()["status"] == 422
    assert client.get("/api/stats").status_code == 200  # the next request is answered


LONG = "Russian forces attacked Kharkiv on Monday. " * 3000


def _post_when_ready(c, body: dict, within: float = 120):
    """POST /api/extract, again while the answer is 429 (a worker still loading)."""
    import time

    deadline = time.monotonic() + within
    while True:
        res = c.post("/api/extract", json=body)
        if res.status_code != 429 or time.monotonic() > deadline:
            return res
        time.sleep(0.5)


def test_extraction_is_bounded_and_never_blocks_gets(db):
    import threading
    import time

    app = create_app(db, extract_workers=1, extract_timeout=4.0, extract_queue=0)
    with TestClient(app, base_url="http://localhost") as c:
        assert _post_when_ready(c, {"text": "Chad condemned Niger."}).status_code == 200  # warm
        answers = []
        slow = threading.Thread(target=lambda: answers.append(c.post("/api/extract", json={"text": LONG})))
        started = time.monotonic()
        slow.start()
        time.sleep(0.5)
        t0 = time.monotonic()
        assert c.get("/api/events", params={"limit": 7}).status_code == 200
        assert time.monotonic() - t0 < 2  # GETs are answered while a long story is extracted
        busy = c.post("/api/extract", json={"text": "Chad condemned Niger."})
        assert busy.status_code == 429 and busy.json()["status"] == 429  # one worker, no queue
        slow.join(30)
        assert answers[0].status_code == 504 and answers[0].json()["error"].startswith("extraction took")
        assert time.monotonic() - started < 4.0 + 3
        after = _post_when_ready(c, {"text": "Chad condemned Niger on Friday.", "date": "2024-05-10"})
        assert after.status_code == 200 and after.json()["events"]  # the overrun worker was replaced


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_download_is_the_filtered_events_as_a_file(client, fmt):
    import csv
    import io
    import json

    res = client.get("/api/download", params={"format": fmt, "type": "ACCUSE"})
    assert res.status_code == 200
    assert res.headers["content-disposition"] == f'attachment; filename="events.{fmt}"'
    rows = list(csv.DictReader(io.StringIO(res.text))) if fmt == "csv" else json.loads(res.text)
    listed = client.get("/api/events", params={"type": "ACCUSE", "limit": 500}).json()
    assert len(rows) == listed["total"] > 0
    assert {r["event_id"] for r in rows} == {e["event_id"] for e in listed["items"]}
    assert {r["event_type"] for r in rows} == {"ACCUSE"}
    assert client.get("/api/download", params={"format": "xml"}).status_code == 422


def test_a_bare_sector_takes_the_location_country_marked_inferred():
    import duckdb

    from eventwire.store.query import _node

    con = duckdb.connect()
    con.execute("CREATE TABLE events (source_code TEXT, source_country TEXT, source_sector TEXT, "
                "location_country TEXT)")
    con.execute("INSERT INTO events VALUES ('COP', NULL, 'COP', 'SRB'), ('COP', NULL, 'COP', NULL), "
                "('IGO UNO', NULL, 'IGO', 'CHE'), ('SRB GOV', 'SRB', 'GOV', 'HUN'), ('GOV', 'SRB', 'GOV', NULL)")
    assert [r[0] for r in con.execute(f"SELECT {_node('source')} FROM events").fetchall()] == [
        "SRB COP*", None, "IGO UNO", "SRB GOV", "SRB GOV"]


def test_network_attaches_bare_sectors_and_keeps_international_actors(tmp_path):
    db = ingest_records(tmp_path, [
        {"id": "un", "published": "2024-05-06", "text": "The United Nations condemned Israel in Geneva on Monday."},
        {"id": "cop", "published": "2024-05-06", "text": "Police arrested protesters in Belgrade on Monday."},
        {"id": "gov", "published": "2024-05-06",
         "text": "The government arrested dozens of protesters in Belgrade on Monday."},
    ])
    net = TestClient(create_app(db), base_url="http://localhost").get("/api/network").json()
    pairs = {(e["source"], e["target"]) for e in net["edges"]}
    assert ("IGO UNO", "ISR") in pairs  # the UN is itself, not a Swiss actor because it spoke in Geneva
    assert ("SRB COP", "SRB CVL") in pairs and ("SRB GOV", "SRB CVL") in pairs  # bare sectors: the location's country
    assert not {n["id"] for n in net["nodes"]} & {"GOV", "COP", "CVL", "MIL"}  # never one merged sector node


def test_a_request_waits_for_a_worker_no_longer_than_its_limit(db):
    """With a worker busy on a long story (or loading its pipeline) a queued request is
    refused as busy once its limit has passed, not left waiting for the worker."""
    import threading
    import time

    app = create_app(db, extract_workers=1, extract_timeout=3.0, extract_queue=4)
    with TestClient(app, base_url="http://localhost") as c:
        first = c.post("/api/extract", json={"text": "Chad condemned Niger."})  # the worker is still loading
        assert first.status_code in (200, 429)
        assert _post_when_ready(c, {"text": "Chad condemned Niger."}).status_code == 200
        answers = []
        slow = threading.Thread(target=lambda: answers.append(c.post("/api/extract", json={"text": LONG})))
        slow.start()
        time.sleep(0.5)
        t0 = time.monotonic()
        queued = c.post("/api/extract", json={"text": "Chad condemned Niger."})
        waited = time.monotonic() - t0
        slow.join(30)
        assert queued.status_code == 429 and waited < 3.0 + 1.5
        assert answers[0].status_code == 504


def test_requests_share_one_read_only_connection(db, monkeypatch):
    import duckdb

    opened, connect = [], duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: opened.append(a) or connect(*a, **k))
    client = TestClient(create_app(db), base_url="http://localhost")
    for limit in range(1, 11):  # ten different queries: none answered from the result cache
        assert client.get("/api/events", params={"limit": limit}).status_code == 200
    assert len(opened) == 1


def test_a_writer_announces_itself_to_readers(tmp_path):
    from eventwire.store.db import writer_waiting

    path = str(tmp_path / "w.duckdb")
    with Store(path):
        assert writer_waiting(path)  # a server seeing this closes its connection
    assert not writer_waiting(path)


def test_extraction_workers_yield_the_cores_to_the_server():
    import asyncio
    import os
    import time

    from eventwire.serve.pool import ExtractPool

    pool = ExtractPool(workers=1)

    async def start():
        pool.start()

    asyncio.run(start())
    try:
        pid, deadline = pool.all[0].process.pid, time.monotonic() + 30
        while os.getpriority(os.PRIO_PROCESS, pid) <= os.getpriority(os.PRIO_PROCESS, 0) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert os.getpriority(os.PRIO_PROCESS, pid) > os.getpriority(os.PRIO_PROCESS, 0)
    finally:
        pool.close()


def test_a_writer_in_the_same_process_takes_over_from_the_server(tmp_path):
    """The server's shared connection lets go when a writer announces itself, even one in
    its own process (where DuckDB refuses a second configuration instead of locking)."""
    db = ingest_records(tmp_path, STORIES[:1])
    client = TestClient(create_app(db), base_url="http://localhost")
    assert client.get("/api/stats").json()["stories"] == 1
    with Store(db, wait=5) as store:
        store.con.execute("UPDATE stories SET title = 'changed'")
    assert client.get(f"/api/stories/{STORIES[0]['id']}").json()["title"] == "changed"
