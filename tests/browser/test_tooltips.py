"""Tooltips from hostile glossary data: Material turns each <abbr title> into a tooltip of its own
(content.tooltips); the term must show there as text, and nothing in it may run."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tooltip_data import ABBREVIATION, PAYLOADS, TITLES, poisoned_glossary_site

from .chromium import open_page
from .server import serve
from .watch import Watch

pytestmark = pytest.mark.browser

# Elements the payloads would create if any of them reached the page as markup.
INJECTED = """() => [
  ...document.querySelectorAll('img[src="x"], a[href*="evil.example"], [onerror], [onmouseover]'),
  ...[...document.querySelectorAll("script:not([src])")].filter(s => s.textContent.includes("alert(")),
].map(el => el.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module")
def tooltip_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site, _ = poisoned_glossary_site(tmp_path_factory)
    with serve(site) as base:
        yield base


@pytest.mark.parametrize(("path", "abbreviation"), [
    ("", "ICP"),  # a hand-written page (docs/index.md)
    ("faq/", "ICP"),
    ("glossary/term-hostile/", ABBREVIATION),  # a generated page
])
def test_a_hostile_term_shows_in_its_tooltip_as_text_and_runs_nothing(
        page: Page, tooltip_url: str, watch: Watch, path: str, abbreviation: str) -> None:
    open_page(page, tooltip_url + path)
    abbr = page.locator("article abbr").filter(has_text=abbreviation).first
    abbr.hover()
    tooltip = page.locator("#" + abbr.get_attribute("aria-describedby"))
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text() == TITLES[abbreviation]
    assert all(payload in tooltip.inner_text() for payload in PAYLOADS)
    assert tooltip.locator("script, img, a").count() == 0
    assert page.evaluate(INJECTED) == []
    assert not watch.dialogs, "a payload ran: " + "; ".join(watch.dialogs)
