"""Screenshot the dashboard of a running server (used for docs/dashboard.png).

Usage: python scripts/screenshot.py http://127.0.0.1:8000/ docs/dashboard.png
Needs Debian's chromium and the playwright package (installed with `.[dev]`).
"""

import sys

from playwright.sync_api import expect, sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync"]


def main(url: str, out: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1100})
        page.goto(url)
        page.wait_for_selector("#events tbody tr")
        page.locator("#events tbody tr", has_text="ASSAULT").first.click()
        expect(page.locator("#story-text .hl.trigger.focus")).to_have_count(1)
        page.wait_for_selector("#network .node")  # the network is laid out before it is drawn
        page.wait_for_selector("#map circle.point")
        page.screenshot(path=out, full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
