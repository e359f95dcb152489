"""Type into the guide's search box like a reader and read the results it shows.

The header's search button opens a dialog (docs/assets/search.js) whose box asks Pagefind as the
reader types. A test types key by key (`fill` would work too, but a reader types), then waits until
the results list says it shows the answer to the *last* value (`data-query`, set once drawn).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

from .chromium import open_page

BOX = "#gpia-search-input"
RESULTS = ".gpia-search__results"

# Each page shown, best first, as its link and the links of the sections listed under it.
SHOWN = """items => items.map(li => [...li.querySelectorAll('a')].map(a => a.href))"""


def open_search(page: Page, url: str) -> None:
    """Load `url` and open the search dialog from the header's button."""
    open_page(page, url)
    page.locator(".gpia-search__open").click()
    page.locator(BOX).wait_for(state="visible")


def search_pages(page: Page, query: str) -> list[list[str]]:
    """Type `query` key by key into an emptied search box; return the pages shown, best first, each
    as 'path#anchor' of its own link then of the sections listed under it."""
    box = page.locator(BOX)
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    box.press_sequentially(query)
    page.wait_for_function(
        """([selector, query]) => {
             const list = document.querySelector(selector);
             return list.dataset.query === query && list.getAttribute('aria-busy') === 'false';
           }""",
        arg=[RESULTS, query])
    shown = page.locator(f"{RESULTS} > li").evaluate_all(SHOWN)
    return [[_path_and_anchor(href) for href in links] for links in shown]


def search(page: Page, query: str, limit: int = 5) -> list[str]:
    """The links of the first `limit` pages shown for `query` (the page's own link first, then its
    sections'), flattened; see `search_pages`."""
    return [link for links in search_pages(page, query)[:limit] for link in links]


def _path_and_anchor(href: str) -> str:
    parts = urlsplit(href)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")
