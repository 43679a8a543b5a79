"""The Ray engine on a local Ray runtime: the same events as the local engine, bad records
as failure rows, a re-run adds nothing. Runs wherever the `ray` extra is installed
(`make test` installs it)."""

import io
import json

import pytest

ray = pytest.importorskip("ray")

import eventwire  # noqa: E402
from eventwire.store import ingest  # noqa: E402
from eventwire.store.distributed import ingest_ray  # noqa: E402

KEYS = ("SELECT event_id, event_type, source_code, target_code, day, num_mentions, num_reports, num_sources "
        "FROM events")

PAGE = ("<html><head><title>{title}</title><meta property='article:published_time' content='{day}'></head>"
        "<body><article><h1>{title}</h1><p>{text}</p></article></body></html>")


def _warc(path) -> None:
    """Two HTML responses, one image response (skipped and counted), one request (skipped)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)

        def response(uri, kind, body):
            http = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=http,
                                                          warc_headers_dict={"WARC-Date": "2024-05-08T10:00:00Z"}))

        response("https://wire.example/peru", "text/html; charset=utf-8", PAGE.format(
            title="Peru and Chile sign accord", day="2024-05-07",
            text="Peru and Chile signed a trade agreement in Lima on Tuesday. Chile praised Peru.").encode())
        response("https://wire.example/logo.png", "image/png", b"\x89PNG not a page")
        response("https://wire.example/serbia", "text/html; charset=utf-8", PAGE.format(
            title="Arrests in Belgrade", day="2024-06-03",
            text="Serbian police arrested dozens of protesters in Belgrade on Monday. Kosovo condemned Serbia.")
            .encode())
        writer.write_record(writer.create_warc_record("https://wire.example/x", "request",
                                                      payload=io.BytesIO(b"GET /x HTTP/1.1\r\n\r\n")))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path_factory.mktemp("ray-corpus")
    (folder / "kenya.txt").write_text("Kenya condemned Uganda on Monday. Ugandan troops attacked Kenyan police "
                                      "on Sunday.\n", encoding="utf-8")
    (folder / "iran.html").write_text(PAGE.format(
        title="Iran and Iraq", day="2024-04-02",
        text="Iran threatened Iraq on Tuesday. Iraqi officials met Iranian diplomats in Baghdad."), encoding="utf-8")
    (folder / "feed.jsonl").write_text("\n".join([
        json.dumps({"id": "j1", "published": "2024-05-20",
                    "text": "Japan criticized China on Friday. Chinese ships entered Japanese waters."}),
        "{not json",  # a bad record: a failures row, never a failed block
        json.dumps({"id": "j2", "published": "2024-05-21",
                    "text": "Kenya condemned Uganda on Monday. Ugandan troops attacked Kenyan police on Sunday."}),
    ]) + "\n", encoding="utf-8")
    pq.write_table(pa.table({"id": ["p1", "p2"], "published": ["2024-03-01", "2024-03-02"],
                             "text": ["Germany accused Russia of spying on Monday.",
                                      "France and Germany agreed to send aid to Ukraine."]}), folder / "wire.parquet")
    _warc(folder / "pages.warc.gz")
    return folder


@pytest.fixture(scope="module")
def runtime():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def both(corpus, tmp_path_factory, runtime):
    out = tmp_path_factory.mktemp("ray-out")
    db = str(out / "local.duckdb")
    local = ingest([str(corpus)], db, workers=1)
    summary = ingest_ray([str(corpus)], str(out / "pq"))
    return db, str(out / "pq"), local, summary


def test_ray_has_the_local_engines_events(both):
    db, pq, local, summary = both
    with eventwire.open(db) as a, eventwire.open(pq + "/") as b:
        ka, kb = set(a.con.execute(KEYS).fetchall()), set(b.con.execute(KEYS).fetchall())
        stories = [s.con.execute("SELECT count(*) FROM stories").fetchone()[0] for s in (a, b)]
    assert ka and ka == kb
    assert stories[0] == stories[1] == summary.stored == local.stored
    assert summary.events == local.events > 0
    assert summary.ignored == local.ignored == 2  # the image and the request record


def test_a_bad_record_is_a_failure_row(both):
    db, pq, local, summary = both
    assert summary.failed == local.failed == 1
    with eventwire.open(pq + "/") as store:
        rows = store.con.execute("SELECT item, reason FROM failures").fetchall()
    assert [(item.endswith("feed.jsonl:2"), "invalid JSON" in reason) for item, reason in rows] == [(True, True)]


def test_a_rerun_adds_nothing(both, corpus):
    db, pq, local, first = both
    again = ingest_ray([str(corpus)], pq)
    assert again.stored == 0 and again.skipped == first.stored
    with eventwire.open(pq + "/") as store:
        assert store.con.execute("SELECT count(*) FROM stories").fetchone()[0] == first.stored


def test_blocks_are_one_actor_call_each(corpus, runtime):
    """The driver cuts the items into blocks of ``batch_size``, whatever file they come
    from, so the records of one archive spread over the whole pool."""
    from eventwire.store.distributed import _blocks, _rows

    rows = _rows([str(corpus / "feed.jsonl"), str(corpus / "wire.parquet"), str(corpus / "kenya.txt")], None,
                 5_000_000)
    assert len(rows) == 6  # a file, each JSON Lines line, each Parquet row
    ds = _blocks(ray, rows, 2)
    assert ds.num_blocks() == 3
    assert sorted(len(b) for b in ds.iter_batches(batch_format="pyarrow", batch_size=None)) == [2, 2, 2]


def test_actors_report_memory_and_timeline(corpus, tmp_path, runtime):
    summary = ingest_ray([str(corpus / "feed.jsonl"), str(corpus / "wire.parquet"), str(corpus / "kenya.txt")],
                         str(tmp_path / "pq"), batch_size=1)
    assert summary.read == 6 == sum(summary.workers.values())
    assert set(summary.peak_rss_mb) == set(summary.workers)  # each actor's memory, with the model loaded
    assert all(200 < mb < 2048 for mb in summary.peak_rss_mb.values())
    assert 0 < summary.listed_s <= summary.first_ready_s <= summary.pool_ready_s <= summary.extracted_s
    assert summary.extracted_s <= summary.compacted_s and summary.steady_rate() > 0
