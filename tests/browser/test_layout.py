"""Layout that fits: the agreements matrix is a card per agreement on a phone, and a
page built from the data highlights its list in the navigation."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .chromium import DESKTOP, MOBILE, open_page

pytestmark = pytest.mark.browser


def test_every_agreement_is_in_view_on_a_phone_without_scrolling_a_box(page: Page, site_url: str) -> None:
    """On a phone the matrix is a card per agreement: the last one (the LA IA's, say) is reached by
    scrolling the page, not by swiping inside a box; its name comes before its facets."""
    page.set_viewport_size(MOBILE)
    open_page(page, site_url + "agreements/")
    last = page.locator("table.gpia-matrix tbody tr").last
    last.scroll_into_view_if_needed()
    name = last.locator("th").bounding_box()
    first_facet = last.locator("td").first.bounding_box()
    assert name and first_facet and 0 <= name["y"] < MOBILE["height"], name
    assert name["y"] < first_facet["y"], "the agreement's name comes first"
    assert page.locator(".gpia-matrix-scroll").evaluate("b => b.scrollHeight <= b.clientHeight")
    page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize("path, section", [("schedules/schedule-5-kpis/", "Schedule templates"),
                                           ("faq/faq-section-introduction/", "The FAQs"),
                                           ("glossary/term-ccg/", "Glossary")])
def test_a_generated_page_highlights_its_section(page: Page, site_url: str, path: str, section: str) -> None:
    open_page(page, site_url + path)
    active = page.locator(".md-sidebar--primary a.md-nav__link--active")
    assert active.count() == 1 and active.inner_text().strip() == section
