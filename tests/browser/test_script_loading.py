"""The page's scripts are fetched only once it has been painted, and then run as before: Material's
components start (it waits for a DOMContentLoaded that the loader in overrides/main.html repeats),
and so do the site's, in order. Why: BENCHMARKS.md, Lighthouse."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .chromium import MOBILE, SCRIPTS_READY, open_page
from .watch import Watch

pytestmark = pytest.mark.browser

TIMES = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const scripts = performance.getEntriesByType("resource").filter(r => r.initiatorType === "script");
  return {paint: paint ? paint.startTime : null,
          scripts: scripts.map(r => [r.name.split("/").pop(), r.startTime])};
}"""


@pytest.mark.parametrize("path", ["", "schedules/schedule-5-kpis/", "faq/faq-section-essential-content/"])
def test_scripts_are_fetched_after_the_first_paint(page: Page, site_url: str, path: str) -> None:
    page.set_viewport_size(MOBILE)
    open_page(page, site_url + path)
    times = page.evaluate(TIMES)
    # Fetched in any order (they run in document order: tests/test_page_weight.py).
    names = sorted(name.split(".")[0] + ".js" for name, _ in times["scripts"])
    assert names == ["bundle.js", "disclosures.js", "gpia.js", "menu.js", "moved-anchors.js",
                     "scroll-regions.js", "search.js"], names
    assert times["paint"] is not None
    assert all(start >= times["paint"] for _, start in times["scripts"]), times


def test_materials_components_and_the_sites_scripts_start(page: Page, site_url: str, watch: Watch) -> None:
    open_page(page, site_url + "schedules/schedule-5-kpis/")
    # Material wraps each table in a box (its content component), the site's scroll-regions.js then
    # names the boxes that scroll, and gpia.js shows the copy buttons.
    assert page.locator(".md-typeset__scrollwrap").count() > 0
    page.set_viewport_size(MOBILE)
    expect(page.locator(".md-typeset__scrollwrap[role=region][tabindex='0']").first).to_be_attached()
    expect(page.locator(".gpia-copy button").first).to_be_visible()
    # Material's header: the page title replaces the site name once the heading scrolls out of view.
    page.mouse.wheel(0, 1200)
    expect(page.locator("[data-md-component=header-title]")).to_have_class("md-header__title md-header__title--active")
    assert watch.console_errors == []


def test_a_tab_opened_in_the_background_runs_its_scripts_when_it_loads(page: Page, site_url: str) -> None:
    # A hidden page reports no paint; its scripts are fetched once it has loaded.
    page.add_init_script("Object.defineProperty(document, 'visibilityState', {get: () => 'hidden'})")
    page.goto(site_url)
    page.wait_for_function(SCRIPTS_READY, timeout=10_000)
