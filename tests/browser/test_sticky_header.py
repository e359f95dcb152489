"""What the browser scrolls into view (an element pointed at, a focused link, a find-in-page match,
a link's anchor) lands below Material's sticky header, not under it, where no pointer reaches it and
its tooltip never shows; the header's own elements are never scrolled to (docs/assets/gpia.css).
At 1280 px and 390 px; WCAG 2.2: 2.4.11 (focus not obscured)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page

from .chromium import open_page

pytestmark = pytest.mark.browser

# A page whose heading holds an abbreviation (a title with a tooltip), and that is just long enough
# at 1280x720 for the heading to end up half under the header when scrolled to the bottom.
PAGE = "guidance/guide-who-monitors-our-commitments/"
HEADER_BOTTOM = "() => document.querySelector('.md-header').getBoundingClientRect().bottom"
TOOLTIP_SHOWN = "el => { const id = el.getAttribute('aria-describedby'); return !!id && !!document.getElementById(id); }"


def top(locator: Locator) -> float:
    return locator.evaluate("el => el.getBoundingClientRect().top")


def put_under_header(page: Page, locator: Locator) -> None:
    """Scroll so that the element's top is 10 px from the window's top: behind the header (room is
    made below the page's end, so a short page scrolls that far too)."""
    page.evaluate("() => { document.body.style.paddingBottom = innerHeight + 'px'; }")
    page.evaluate("y => window.scrollBy({top: y, behavior: 'instant'})", top(locator) - 10)
    assert top(locator) == pytest.approx(10, abs=3)


@pytest.mark.parametrize("width,height", [(1280, 720), (390, 844)])
def test_a_heading_under_the_header_is_scrolled_below_it_and_shows_its_tooltip(
        page: Page, site_url: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, site_url + PAGE)
    abbr = page.locator("h1 abbr").first
    assert abbr.get_attribute("title")  # Material takes it away while the tooltip shows
    put_under_header(page, abbr)
    page.mouse.move(0, height - 1)
    # Scrolled into view if it is not (as the browser does for a focused element), then pointed at
    # where it is: force, so Playwright does not look for another place to scroll it to if covered.
    abbr.hover(force=True)
    assert top(abbr) >= page.evaluate(HEADER_BOTTOM)
    page.wait_for_function(TOOLTIP_SHOWN, arg=abbr.element_handle(), timeout=3000)


def test_a_link_focused_under_the_header_is_scrolled_below_it(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, site_url + PAGE)
    link = page.locator("article p a[href]:visible").first
    put_under_header(page, link)
    link.focus()
    assert top(link) >= page.evaluate(HEADER_BOTTOM)


def test_the_headers_page_title_is_pointed_at_without_scrolling_the_page(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, site_url + "checklist/")  # long enough for the header to show the page title
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_selector(".md-header__title--active")  # Material shows the page title once the h1 is gone
    scrolled = page.evaluate("scrollY")
    page.locator(".md-header__topic:last-child .md-ellipsis").hover(force=True)
    assert page.evaluate("scrollY") == scrolled
