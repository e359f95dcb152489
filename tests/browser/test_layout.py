"""Layout that fits: the agreements matrix keeps its facet and row labels in view on a phone, and a
page built from the data highlights its list in the navigation."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .chromium import DESKTOP, MOBILE, open_page

pytestmark = pytest.mark.browser


def test_matrix_labels_stay_in_view_on_a_phone(page: Page, site_url: str) -> None:
    page.set_viewport_size(MOBILE)
    open_page(page, site_url + "agreements/")
    box = page.locator(".gpia-matrix-scroll")
    box.evaluate("b => { b.scrollLeft = 400; b.scrollTop = 300; }")
    page.wait_for_timeout(100)
    inside = box.bounding_box()
    row_label = page.locator("table.gpia-matrix tbody th").nth(3).bounding_box()
    facet = page.locator("table.gpia-matrix thead th").nth(2).bounding_box()
    assert abs(row_label["x"] - inside["x"]) < 2, "the agreement names scroll away sideways"
    assert abs(facet["y"] - inside["y"]) < 2, "the facet headings scroll away"
    page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize("path, section", [("schedules/schedule-5-kpis/", "Schedules"),
                                           ("faq/faq-section-introduction/", "FAQs"),
                                           ("glossary/term-ccg/", "Glossary")])
def test_a_generated_page_highlights_its_section(page: Page, site_url: str, path: str, section: str) -> None:
    open_page(page, site_url + path)
    active = page.locator(".md-sidebar--primary a.md-nav__link--active")
    assert active.count() == 1 and active.inner_text().strip() == section
