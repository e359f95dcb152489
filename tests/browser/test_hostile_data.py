"""Data is text: a copy of the data whose free-text fields carry HTML, script, a javascript: link
and template syntax builds, every page shows those strings as text, and none of them runs."""
from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from conftest import NO_SOURCES, copy_data, mkdocs_build

from .watch import Watch
from .hostile import HOSTILE, PAYLOADS, poison_data
from .search_box import open_search, search
from .server import serve
from .site_pages import page_paths

pytestmark = pytest.mark.browser

# Elements the payloads would create if any of them reached the page as markup.
INJECTED = """() => [
  ...document.querySelectorAll('img[src="x"], a[href^="javascript:" i], [onerror]'),
  ...[...document.querySelectorAll("script:not([src])")].filter(s => s.textContent.includes("alert(")),
].map(el => el.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_data(tmp_path_factory.mktemp("hostile") / "kb")
    changed = poison_data(root)
    assert {"summary", "definition", "says", "title", "name", "guidance"} <= set(changed)
    site = root.parent / "site"
    result = mkdocs_build(site, root, NO_SOURCES)  # no sources: the verbatim check is skipped
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as base:
        yield base


def test_every_page_shows_hostile_data_as_text_and_runs_none_of_it(
        page: Page, hostile_site: Path, hostile_url: str, watch: Watch) -> None:
    problems = []
    pages_with_data = []
    for path in page_paths(hostile_site):
        page.goto(hostile_url + path)
        injected = page.evaluate(INJECTED)
        if injected:
            problems.append(f"/{path}: markup from the data became elements: {injected}")
        # A page that received the data (escaped in its HTML) must show every payload as text.
        if "&lt;script&gt;alert(1)&lt;/script&gt;" in (hostile_site / path_file(path)).read_text(encoding="utf-8"):
            pages_with_data.append(path)
            text = page.locator("body").inner_text()
            problems += [f"/{path}: {p!r} is not shown as text" for p in PAYLOADS if p not in text]
    assert not watch.dialogs, "a payload ran: " + "; ".join(watch.dialogs)
    assert not problems, "\n".join(problems)
    assert {"agreements/", "glossary/", "clauses/", "compare/", "schedules/schedule-5-kpis/"} <= set(pages_with_data)


def test_a_title_from_the_data_cannot_end_the_title_element(
        page: Page, built_site: Path, hostile_url: str, watch: Watch) -> None:
    # The real page's title, "<schedule title> - <site name>", with the payloads after the schedule title.
    markup = (built_site / "schedules" / "schedule-5-kpis" / "index.html").read_text(encoding="utf-8")
    title, _, site_name = html.unescape(re.search(r"<title>(.*?)</title>", markup).group(1)).rpartition(" - ")
    page.goto(hostile_url + "schedules/schedule-5-kpis/")
    assert page.title() == f"{title}{HOSTILE} - {site_name}"
    assert not watch.dialogs, watch.dialogs


def test_search_results_show_hostile_data_as_text(page: Page, hostile_url: str, watch: Watch) -> None:
    open_search(page, hostile_url)
    assert search(page, "onerror"), "the payload's words are not searchable"
    results = page.locator(".gpia-search__results")
    assert "<img src=x onerror=alert(1)>" in results.inner_text()
    assert not page.evaluate(INJECTED)
    assert not watch.dialogs, watch.dialogs


def path_file(path: str) -> str:
    return path + "index.html" if path == "" or path.endswith("/") else path
