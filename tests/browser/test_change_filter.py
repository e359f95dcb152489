"""The filter on /compare/text/: by keyboard, a kind of change can be hidden and shown again, the
count of what shows is announced, and a question whose every change is hidden goes with them."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .chromium import open_page

pytestmark = pytest.mark.browser


def test_unticking_a_kind_hides_its_changes_and_says_how_many_show(page: Page, site_url: str) -> None:
    open_page(page, site_url + "compare/text/")
    changes = page.locator(".gpia-prose-change")
    total = changes.count()
    new = page.locator('.gpia-prose-change[data-kind="new"]').count()
    assert total > new > 0
    box = page.get_by_role("checkbox", name="New")
    box.focus()
    page.keyboard.press("Space")
    assert not box.is_checked()
    assert page.locator(".gpia-filter-status").inner_text() == f"Showing {total - new} of {total} changes."
    assert page.locator('.gpia-prose-change[data-kind="new"]').first.is_hidden()
    # "Who develops the GP IA" holds only new text: its whole section is hidden with it.
    assert page.locator("#text-faq-who-develops-gp-ia").is_hidden()
    assert page.locator('.gpia-prose-change[data-kind="split"]').first.is_visible()
    page.keyboard.press("Space")
    assert page.locator(".gpia-filter-status").inner_text() == f"Showing {total} of {total} changes."
    assert page.locator("#text-faq-who-develops-gp-ia").is_visible()
