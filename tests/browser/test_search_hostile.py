"""Search results from hostile data: titles, sections and excerpts (Pagefind's HTML with <mark>) show
the data's markup as text, and none of it runs."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .search_box import RESULTS, open_search, search_pages
from .test_hostile_data import INJECTED, hostile_site, hostile_url  # noqa: F401 (fixtures)
from .watch import Watch

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query", ["onerror", "script alert", "javascript"])
def test_search_results_show_hostile_data_as_text(page: Page, hostile_url: str, watch: Watch, query: str) -> None:  # noqa: F811
    open_search(page, hostile_url)
    assert search_pages(page, query), f"the payload's words ({query}) are not searchable"
    shown = page.locator(RESULTS).inner_text()
    assert "<img src=x onerror=alert(1)>" in shown or "<script>alert(1)</script>" in shown
    assert page.locator(f"{RESULTS} mark").count() > 0
    assert page.locator(f"{RESULTS} :not(li, ul, a, p, span, mark)").count() == 0
    assert not page.evaluate(INJECTED)
    assert not watch.dialogs, watch.dialogs
