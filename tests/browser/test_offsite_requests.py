"""The browser of the tests reaches the test server only: a request to any other host, by name or by
address, fails, and the `watch` fixture records it (every test that checks `watch.offsite_requests`
relies on both; see tests/browser/conftest.py)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .chromium import open_page
from .watch import Watch

pytestmark = pytest.mark.browser

FETCH = """async url => {
  try { await fetch(url, {mode: "no-cors"}); return "fetched"; }
  catch (error) { return "failed"; }
}"""


def test_other_hosts_are_recorded_and_not_reached(page: Page, site_url: str, watch: Watch) -> None:
    open_page(page, site_url)
    assert page.evaluate(FETCH, site_url + "index.html") == "fetched"
    assert watch.offsite_requests == []
    others = ["https://example.org/tracker.js", "http://93.184.215.14/pixel.gif",
              "http://localhost:" + site_url.split(":")[2]]
    assert [page.evaluate(FETCH, url) for url in others] == ["failed"] * len(others)
    page.evaluate("1")  # the request events, sent before this answer, have been dispatched
    assert watch.offsite_requests == others
