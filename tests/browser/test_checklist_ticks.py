"""The "before you sign" checklist in a browser: ticked by keyboard, kept across a reload in
localStorage only (no request leaves the page), and cleared by its button."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .chromium import open_page, reload_page

pytestmark = pytest.mark.browser


def test_ticks_survive_a_reload_and_clear(page: Page, site_url: str) -> None:
    open_page(page, site_url + "checklist/")
    page.evaluate("localStorage.clear()")
    reload_page(page)
    box = page.locator("#tick-decide-who-signs")
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    assert page.locator("[data-gpia-tick-count]").inner_text().startswith("1 of ")
    reload_page(page)
    assert page.locator("#tick-decide-who-signs").is_checked()
    assert page.evaluate("localStorage.getItem('gpia-checklist:decide-who-signs')") == "1"
    page.get_by_role("button", name="Clear all ticks").click()
    assert not page.locator("#tick-decide-who-signs").is_checked()
    reload_page(page)
    assert not page.locator("#tick-decide-who-signs").is_checked()


def test_the_checklist_prints_without_buttons(page: Page, site_url: str) -> None:
    open_page(page, site_url + "checklist/")
    page.emulate_media(media="print")
    assert page.locator("#tick-decide-who-signs").is_visible()
    assert not page.get_by_role("button", name="Clear all ticks").is_visible()
