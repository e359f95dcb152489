"""Every page of the built site, found by walking its HTML: axe-core finds no WCAG 2.2 A or AA violation
at 1280x720 or at 390x844, nothing is logged as an error, nothing is fetched from another host, a
keyboard user gets a working "Skip to content" link and can always see where the focus is, and a
phone-sized window does not scroll sideways.

Each page is loaded once at each size: at 1280x720 axe runs, then the tables are measured, then the
keyboard checks run (axe moves no focus and changes nothing laid out); at 390x844 axe runs, then
the page is measured for sideways scrolling.

The pages are shared between test files (test_pages_*.py: each names its share as SHARD, its index and
the number of shares), so the two workers of `make test` each take part of the walk; together the
shares are every page, and test_shares_cover_every_page checks it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page

from .chromium import DESKTOP, MOBILE, open_page
from .watch import Watch, watch_tab
from .keyboard import at_end_of_page, focus_problem, focused
from .site_pages import page_paths

pytestmark = pytest.mark.browser

# Every WCAG 2.2 A and AA rule of axe-core, those it leaves off by default included (target-size,
# SC 2.5.8, is one: runOnly by tag runs them).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
# axe runs on every page at both sizes: a laptop's window (the site navigation is a sidebar) and a
# phone's (it is a drawer, and tables scroll).
AXE_SIZES = ({"width": 1280, "height": 720}, MOBILE)
# Tab stops checked after the skip link: the header and navigation, then the content it skips to.
STOPS = 5
IS_SKIP_LINK = """() => document.activeElement.matches("a.md-skip[href^='#']")
                   && document.activeElement.textContent.trim() === 'Skip to content'"""


@dataclass
class PageReport:
    path: str
    axe: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    offsite_requests: list[str] = field(default_factory=list)
    skip_link: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    reflow: list[str] = field(default_factory=list)


def share(paths: list[str], index: int, shares: int) -> list[str]:
    """The pages of one share: every `shares`-th page from the `index`-th, so each share gets pages
    from every part of the site."""
    return paths[index::shares]


@pytest.fixture(scope="module")
def reports(request: pytest.FixtureRequest, browser: BrowserContext, built_site: Path, site_url: str,
            watch: Watch) -> dict[str, PageReport]:
    """Visit each page of this module's share once (in one tab) and record what each check found."""
    index, shares = request.module.SHARD
    tab = browser.new_page()
    watch_tab(tab, watch)
    axe = Axe()
    found = {}
    for path in share(page_paths(built_site), index, shares):
        watch.clear()
        report = found[path] = PageReport(path)
        # One load at each size. axe first, on the page as loaded: the keyboard checks leave controls
        # mid-transition. The layout is checked on the same load (axe changes nothing that is laid
        # out, nor moves the focus), and on a laptop the keyboard last (axe leaves the focus where
        # the load put it, at the start of the page).
        for size in AXE_SIZES:
            tab.set_viewport_size(size)
            open_page(tab, site_url + path)
            report.axe += [f"at {size['width']}x{size['height']}: {describe_violation(v)}"
                           for v in axe.run(tab, options=AXE_OPTIONS).response["violations"]]
            check_reflow(tab, size, report)
            if size["width"] >= DESKTOP["width"]:
                check_keyboard(tab, report)
        report.console_errors = list(watch.console_errors)
        report.offsite_requests = list(watch.offsite_requests)
    tab.close()
    return found


def check_keyboard(tab: Page, report: PageReport) -> None:
    """From the start of the page `tab` has just loaded: the first Tab reaches the skip link,
    which leads into the content, and every stop shows where the focus is."""
    tab.keyboard.press("Tab")
    if not tab.evaluate(IS_SKIP_LINK):
        report.skip_link.append(f"the first Tab focuses {focused(tab)}, not a 'Skip to content' link")
        return
    problems = [focus_problem(tab)] + tab_through(tab, STOPS)
    # Back to the skip link, and through it: the next Tab must land in the page's content.
    for _ in range(STOPS):
        tab.keyboard.press("Shift+Tab")
    target = tab.evaluate("() => document.activeElement.hash")
    tab.keyboard.press("Enter")
    if tab.evaluate("() => location.hash") != target:
        report.skip_link.append(f"Enter on the skip link did not go to {target}")
    tab.keyboard.press("Tab")
    if not tab.evaluate("() => !!document.activeElement.closest('.md-content')"):
        report.skip_link.append(f"after the skip link, Tab focuses {focused(tab)}, outside the page content")
    problems += [focus_problem(tab)] + tab_through(tab, STOPS - 1)
    report.focus = sorted({p for p in problems if p})


# Tables wider than the page's column, and boxes that scroll sideways without being a focusable,
# labelled region with the visible line that says it scrolls.
TABLE_FIT = """() => {
  const column = document.querySelector('.md-content__inner').clientWidth;
  const wide = [...document.querySelectorAll('.md-content table')]
    .filter(t => t.getBoundingClientRect().width > column + 1 && !t.closest('.md-typeset__scrollwrap, .gpia-matrix-scroll'))
    .map(t => 'a table ' + Math.round(t.getBoundingClientRect().width) + 'px wide, column ' + column + 'px');
  const scrollers = [...document.querySelectorAll('.md-content .md-typeset__scrollwrap, .md-content .gpia-matrix-scroll')]
    .filter(box => box.scrollWidth > box.clientWidth + 1);
  const unlabelled = scrollers
    .filter(box => box.tabIndex !== 0 || box.getAttribute('role') !== 'region'
                   || !(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'))
                   || !(box.previousElementSibling && box.previousElementSibling.classList.contains('gpia-scroll-hint')))
    .map(box => 'a box that scrolls sideways is not a labelled, focusable region with its hint: '
                + (box.querySelector('th') || {textContent: '?'}).textContent.trim());
  return [wide, unlabelled, scrollers.length];
}"""


def check_reflow(tab: Page, size: dict[str, int], report: PageReport) -> None:
    """On a 390px-wide phone the page does not scroll sideways (WCAG 1.4.10); wide tables may
    scroll inside their own box, a labelled focusable region that says it scrolls. At 1280px no
    table is wider than the page's column, and none scrolls. `tab` holds the page at `size`."""
    wide, unlabelled, scrolling = tab.evaluate(TABLE_FIT)
    report.reflow += [f"at {size['width']}px: {w}" for w in wide + unlabelled]
    if size["width"] < DESKTOP["width"]:
        overflow = tab.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        if overflow > 0:
            report.reflow.append(f"at {size['width']}px wide the page scrolls sideways by {overflow}px")
    elif scrolling:
        report.reflow.append(f"at {size['width']}px {scrolling} table(s) are wider than the page's column")


def tab_through(tab: Page, stops: int) -> list[str | None]:
    """Press Tab up to `stops` times, checking each stop, until focus leaves the page."""
    problems = []
    for _ in range(stops):
        tab.keyboard.press("Tab")
        if at_end_of_page(tab):
            break
        problems.append(focus_problem(tab))
    return problems


def describe_violation(violation: dict) -> str:
    nodes = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
    more = f" (+{len(violation['nodes']) - 5} more)" if len(violation["nodes"]) > 5 else ""
    return f"{violation['id']} ({violation['impact']}): {violation['help']} — {nodes}{more}"


def failures(reports: dict[str, PageReport], aspect: str) -> str:
    return "\n".join(f"/{path}: {item}" for path, report in reports.items() for item in getattr(report, aspect))


def test_pages_are_found_by_walking_the_site(built_site: Path) -> None:
    assert {"", "faq/", "agreements/", "glossary/", "404.html"} <= set(page_paths(built_site))


def test_shares_cover_every_page_once(request: pytest.FixtureRequest, built_site: Path,
                                      reports: dict[str, PageReport]) -> None:
    index, shares = request.module.SHARD
    siblings = sorted(Path(request.module.__file__).parent.glob("test_pages_*.py"))
    assert len(siblings) == shares, f"{shares} shares are declared but {len(siblings)} files take one"
    paths = page_paths(built_site)
    every = [path for i in range(shares) for path in share(paths, i, shares)]
    assert sorted(every) == sorted(paths) and len(every) == len(paths)
    assert list(reports) == share(paths, index, shares)


# What each page's report must hold none of, named for what it shows when it holds none.
CHECKS = {
    "axe finds no WCAG violation at either size": "axe",
    "no page logs an error": "console_errors",
    "no page requests another host": "offsite_requests",
    "every page starts with a working skip link": "skip_link",
    "keyboard focus is always visible": "focus",
    "no page scrolls sideways on a phone, and tables fit at 1280": "reflow",
}


@pytest.mark.parametrize("aspect", list(CHECKS.values()))
def test_every_page(reports: dict[str, PageReport], aspect: str) -> None:
    """One test for each of CHECKS, failing with every page that broke it."""
    shown = next(name for name, value in CHECKS.items() if value == aspect)
    assert not failures(reports, aspect), f"not true that {shown}:\n" + failures(reports, aspect)
