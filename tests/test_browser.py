"""The dashboard in headless Chromium (Debian's chromium, driven by Playwright).

`make test` installs chromium where it can (scripts/ensure-chromium); under CI a
missing browser is a failure, never a silent skip.
"""

import csv
import io
import json
import os
import re
from pathlib import Path
import shutil
import socket
import threading
import time

import pytest

import eventwire
from conftest import ingest_records

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync"]

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError("chromium is missing in CI: .ci/run must install it (scripts/ensure-chromium)")
    pytest.skip("chromium not installed (run `make test`, which installs it)", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect

PAYLOAD = ('Kenya condemned Uganda on Monday. <script>window.pwned = 1</script> '
           '<img src=x onerror="window.pwned = 2"> <a href="javascript:window.pwned = 3">click</a> '
           'Ugandan troops attacked Kenyan police on Sunday, Kenyan officials said.')
STORIES = [
    {"id": "x", "published": "2024-05-06", "url": "https://wire.example/x", "text": PAYLOAD},
    {"id": "p", "published": "2024-05-21", "url": "https://daily.example/p",
     "text": "Peru and Chile signed a trade agreement in Lima on Tuesday. Chile praised Peru on Tuesday."},
    {"id": "s", "published": "2024-06-03", "url": "https://post.example/s",
     "text": "Serbian police arrested dozens of protesters in Belgrade on Monday. Kosovo condemned Serbia."},
    {"id": "h", "published": "2024-06-04", "url": "javascript:window.pwned = 4",
     "text": "Ghana praises Togo over border deal\n\nGhana praised Togo on Friday for reopening the border."},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from _serve(ingest_records(tmp_path_factory.mktemp("browser"), STORIES))


def _serve(db: str):
    """A server on ``db`` in a thread: yields its URL, stops when resumed."""
    import uvicorn

    from eventwire.serve import create_app

    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")
    page.errors = errors
    yield page
    page.close()


def test_dashboard_shows_timeline_table_and_story(page, tmp_path):
    # The timeline and the network load from their own requests: wait for them.
    expect(page.locator("#timeline rect.bar").first).to_be_attached()
    expect(page.locator("#network .node").nth(1)).to_be_attached()
    rows = page.locator("#events tbody tr")
    assert rows.count() >= 3
    accuse = page.locator("#events tbody tr", has_text="ACCUSE").first
    accuse.click()
    page.wait_for_selector("#story-text .hl.trigger")
    assert page.locator("#story-box").is_visible()
    assert page.locator("#story-text .hl.actor").count() >= 2
    assert page.locator("#story-text .hl.time").count() >= 1
    assert page.locator("#story-text .hl.trigger.focus").count() == 1
    assert "ACCUSE" in page.locator("#event-detail").inner_text()
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
    assert page.errors == []


def test_story_payloads_render_as_text_and_never_run(page):
    page.locator("#events tbody tr", has_text="[KEN]").first.click()
    expect(page.locator("#story-text")).to_contain_text("Kenya condemned")
    text = page.locator("#story-text").inner_text()
    assert "<script>window.pwned = 1</script>" in text
    assert 'onerror="window.pwned = 2"' in text
    assert page.locator("#story-text script, #story-text img, #story-text a").count() == 0
    assert page.evaluate("window.pwned") is None
    assert page.errors == []


def test_brushing_the_timeline_filters_the_table(page):
    page.locator("#timeline").scroll_into_view_if_needed()
    box = page.locator("#timeline").bounding_box()
    before = page.locator("#total").inner_text()
    page.mouse.move(box["x"] + box["width"] * 0.70, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 12, box["y"] + 60, steps=5)
    page.mouse.up()
    expect(page.locator("#filters input[name=since]")).not_to_have_value("")
    expect(page.locator("#total")).not_to_have_text(before)
    since = page.locator("#filters input[name=since]").input_value()
    days = page.locator("#events tbody tr td:first-child").all_inner_texts()
    assert days and all(d >= since for d in days)


def test_reset_clears_the_filters(page):
    page.fill("#filters input[name=actor]", "KEN")
    page.click("#filters button[type=submit]")
    filtered = page.locator("#total").inner_text()
    page.click("#clear-filters")  # a button id'd "reset" used to shadow the form's reset()
    expect(page.locator("#filters input[name=actor]")).to_have_value("")
    expect(page.locator("#total")).not_to_have_text(filtered)
    assert not [e for e in page.errors if "reset" in e]


def test_paste_a_story(page):
    page.click("#tab-paste")
    page.fill("#paste-form textarea", "Chad condemned Niger on Friday. “We will respond,” said Chadian "
                                      "President Idriss Mahamat.")
    page.fill("#paste-form input[name=date]", "2024-05-10")
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector("#paste-events tbody tr", timeout=90_000)  # a pool process loads the model first
    assert "ACCUSE" in page.locator("#paste-events").inner_text()
    assert page.locator("#paste-story .hl.quote").count() >= 1
    page.click("#tab-dashboard")


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory, browser):
    """The dashboard over the demo story that ships with eventwire (`eventwire serve --demo`)."""
    from eventwire.cli import DEMO
    from eventwire.store import ingest

    sample = Path(eventwire.__file__).parent / "samples" / DEMO
    db = str(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    ingest([str(sample)], db, workers=1)
    server = _serve(db)
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.errors, page.requests = [], []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda req: page.requests.append(req.url))
    page.goto(next(server) + "/")
    page.wait_for_selector("#map circle.point")
    yield page
    page.close()
    next(server, None)


def test_the_map_shows_the_demo_story_events_offline(demo_page, tmp_path):
    page = demo_page
    assert page.locator("#map .land path").count() > 100  # the countries of the base map
    points = page.locator("#map circle.point")
    assert points.count() >= 1
    titles = " ".join(points.locator("title").all_text_contents())
    assert "Kharkiv" in titles
    box = page.locator("#map").bounding_box()
    kharkiv = page.locator("#map circle.point", has=page.locator("title", has_text="Kharkiv")).first
    cx, cy = float(kharkiv.get_attribute("cx")), float(kharkiv.get_attribute("cy"))
    assert 0.5 * box["width"] < cx < 0.7 * box["width"] and cy < 0.5 * box["height"]  # east of Greenwich, north
    assert all(url.startswith(page.url.rstrip("/")) for url in page.requests)  # nothing from elsewhere
    page.screenshot(path=str(tmp_path / "map.png"), full_page=True)
    assert page.errors == []


def test_clicking_a_place_lists_its_events(demo_page):
    page = demo_page
    before = page.locator("#total").inner_text()
    page.locator("#map circle.point", has=page.locator("title", has_text="Kharkiv")).first.click()
    expect(page.locator("#filters input[name=near]")).not_to_have_value("")
    expect(page.locator("#total")).not_to_have_text(before)
    assert page.locator("#events tbody tr").count() >= 1
    assert page.errors == []


def test_api_docs_work_offline(server, browser):
    page = browser.new_page()
    requests, problems = [], []
    page.on("request", lambda req: requests.append(req.url))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(server + "/api/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=20_000)  # FastAPI's page: blank
    assert page.locator(".swagger-ui .opblock", has_text="/api/events").count() >= 1
    assert all(url.startswith(server) or url.startswith("data:") for url in requests), requests
    assert problems == []
    page.close()


@pytest.fixture
def fresh(server, browser):
    """A new page on the dashboard with no filters, its script errors collected."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")
    yield page
    assert page.errors == []
    page.close()


def test_timeline_shows_empty_days_and_whole_counts(fresh):
    bars = fresh.locator("#timeline rect.bar")
    slots = {bars.nth(i).get_attribute("x") for i in range(bars.count())}
    assert len(slots) == 30  # 2024-05-06 to 2024-06-04, days without events included
    ticks = fresh.locator("#timeline .y-axis .tick text").all_text_contents()
    assert ticks and all(t.replace(",", "").isdigit() for t in ticks)
    left = fresh.locator("#timeline").bounding_box()["x"]
    for i in range(len(ticks)):
        assert fresh.locator("#timeline .y-axis .tick text").nth(i).bounding_box()["x"] >= left  # not clipped


def test_network_top_n_and_labels_inside(fresh):
    box = fresh.locator("#network").bounding_box()
    with fresh.expect_response(lambda r: "/api/network" in r.url and "limit=10" in r.url):
        fresh.select_option("#network-top", "10")
    fresh.wait_for_timeout(500)  # drawn
    assert "top=10" in fresh.url
    labels = fresh.locator("#network .node text")
    assert labels.count() >= 2
    for i in range(labels.count()):
        b = labels.nth(i).bounding_box()
        assert box["x"] <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"]
        assert box["y"] <= b["y"] and b["y"] + b["height"] <= box["y"] + box["height"]


def test_filters_live_in_the_url(fresh, browser):
    everything = fresh.locator("#total").inner_text()
    fresh.fill("#filters input[name=actor]", "KEN")
    fresh.select_option("#filters select[name=type]", "ACCUSE")
    fresh.click("#filters button[type=submit]")
    expect(fresh).to_have_url(re.compile(r"actor=KEN"))
    assert "type=ACCUSE" in fresh.url
    expect(fresh.locator("#total")).not_to_have_text(everything)
    filtered = fresh.locator("#total").inner_text()
    shared = browser.new_page()
    shared.goto(fresh.url)  # the link someone was sent
    expect(shared.locator("#filters input[name=actor]")).to_have_value("KEN")
    expect(shared.locator("#filters select[name=type]")).to_have_value("ACCUSE")
    expect(shared.locator("#total")).to_have_text(filtered)
    shared.close()
    fresh.go_back()
    expect(fresh.locator("#filters input[name=actor]")).to_have_value("")
    expect(fresh.locator("#total")).to_have_text(everything)
    fresh.go_forward()
    expect(fresh.locator("#filters input[name=actor]")).to_have_value("KEN")
    expect(fresh.locator("#total")).to_have_text(filtered)
    fresh.click("#clear-filters")
    expect(fresh.locator("#total")).to_have_text(everything)
    assert "?" not in fresh.url


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_download_the_filtered_events(fresh, fmt):
    fresh.select_option("#filters select[name=type]", "ACCUSE")
    fresh.click("#filters button[type=submit]")
    expect(fresh.locator("#total")).to_have_text(re.compile(r"\(\d+\)"))
    expect(fresh.locator("#events tbody tr").first).to_contain_text("ACCUSE")
    total = int(fresh.locator("#total").inner_text().strip("()"))
    with fresh.expect_download() as download:
        fresh.click(f"#download-{fmt}")
    assert download.value.suggested_filename == f"events.{fmt}"
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else json.loads(text)
    assert len(rows) == total > 0 and {r["event_type"] for r in rows} == {"ACCUSE"}


def test_story_url_is_a_link_and_the_headline_shows_once(fresh):
    fresh.locator("#events tbody tr", has_text="[KEN]").first.click()
    link = fresh.locator("#story-meta a")
    expect(link).to_have_attribute("href", "https://wire.example/x")
    assert "noopener" in link.get_attribute("rel")
    fresh.locator("#events tbody tr", has_text="[GHA]").first.click()
    expect(fresh.locator("#story-title")).to_have_text("Ghana praises Togo over border deal")
    assert fresh.locator("#story-box").inner_text().count("Ghana praises Togo") == 1
    assert fresh.locator("#story-meta a").count() == 0  # a javascript: URL is never a link
    assert fresh.evaluate("window.pwned") is None


def test_no_overflow_on_a_narrow_screen(server, browser):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#story-text .hl")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()


def test_dashboard_shows_what_an_ingest_adds_without_a_restart(tmp_path, browser):
    import subprocess
    import sys

    db = ingest_records(tmp_path, STORIES[:1])
    server = _serve(db)
    url = next(server)
    page = browser.new_page()
    try:
        page.goto(url + "/")
        page.wait_for_selector("#events tbody tr")
        before = page.locator("#total").inner_text()
        more = tmp_path / "more.jsonl"
        more.write_text(json.dumps(STORIES[1]) + "\n")
        subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(more), "--db", db, "--workers", "1"],
                       check=True, capture_output=True, timeout=180)
        expect(page.locator("#stats")).to_contain_text("from 2 stories", timeout=20_000)  # no reload, no restart
        expect(page.locator("#total")).not_to_have_text(before)
        assert page.locator("#events tbody tr", has_text="[PER]").count() >= 1
    finally:
        page.close()
        next(server, None)


def test_an_open_story_is_in_the_url(fresh, browser):
    fresh.locator("#events tbody tr", has_text="[KEN]").first.click()
    expect(fresh).to_have_url(re.compile(r"event=[0-9a-f]+"))
    expect(fresh.locator("#event-detail")).to_contain_text("Kenya")
    detail = fresh.locator("#event-detail").inner_text()
    shared = browser.new_page()
    shared.goto(fresh.url)
    expect(shared.locator("#story-box")).to_be_visible()
    expect(shared.locator("#event-detail")).to_contain_text(detail.splitlines()[0])
    shared.close()
    fresh.click("#clear-filters")
    expect(fresh.locator("#story-box")).to_be_hidden()
    assert "event=" not in fresh.url
