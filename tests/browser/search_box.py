"""Type into Material's search box like a reader and read the results it shows.

Material posts every new value of the box to a web worker on `keyup` and renders whatever the worker
answers, so a test must type key by key (`fill` sends no key events) and must know when the answer
to the *last* value has been drawn. The init script below wraps `Worker` to count the queries sent
(message type 2) and the results received (type 3); a result is drawn by Material's own listener on
the same event, so a `setTimeout` queued from our listener runs after the drawing.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

# Material's SearchMessageType: SETUP 0, READY 1, QUERY 2, RESULT 3.
COUNT_SEARCH_MESSAGES = """
(() => {
  const Native = window.Worker;
  const state = window.__gpiaSearch = { ready: false, sent: [], drawn: 0 };
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => {
        if (data && data.type === 1) state.ready = true;
        if (data && data.type === 3) setTimeout(() => { state.drawn += 1; });
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) state.sent.push(message.data);
      return super.postMessage(message, ...rest);
    }
  };
})();
"""

# Every result link with Material's relevance score (`data-md-score` on its article). On screen the
# results are grouped by page, and a page's weaker sections are folded under "N more on this page".
SCORED_RESULTS = """links => links.map(a => [a.href, parseFloat(a.firstElementChild.dataset.mdScore)])"""


def open_search(page: Page, url: str) -> None:
    """Load `url` with the worker counted, and wait until Material's search index is ready."""
    page.add_init_script(COUNT_SEARCH_MESSAGES)
    page.goto(url)
    page.wait_for_function("window.__gpiaSearch && window.__gpiaSearch.ready")


def search(page: Page, query: str, limit: int = 5) -> list[str]:
    """Type `query` key by key into an emptied search box; return the `limit` results Material
    scores highest, best first (ties in the order shown), as 'path#anchor' with the '?h='
    highlight parameter dropped, e.g. '/faq/#faq-who-is-gp-ia-for'.

    Material renders the first ten pages of results at once and the rest on scrolling; the best
    `limit` sections always belong to the first `limit` pages, so all of them are rendered."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    box.press_sequentially(query)
    page.wait_for_function(
        """query => {
             const state = window.__gpiaSearch;
             return state.sent.length > 0 && state.sent[state.sent.length - 1] === query
               && state.drawn === state.sent.length;
           }""",
        arg=query)
    scored = page.locator("a.md-search-result__link").evaluate_all(SCORED_RESULTS)
    best = sorted(scored, key=lambda result: -result[1])[:limit]
    return [_path_and_anchor(href) for href, _ in best]


def _path_and_anchor(href: str) -> str:
    parts = urlsplit(href)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")
