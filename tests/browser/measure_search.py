"""Measure where each question's answer comes in the search results, and what a browser fetches;
prints Markdown for docs/about-search.md and BENCHMARKS.md.

    .venv/bin/python -m tests.browser.measure_search [SITE_FOLDER]

Without a folder it builds the real site first (Pagefind's index is written by the build). Each
question is typed into the real search box; "found" means what the browser test asserts: one of its
answers is among the first five pages shown (the page, or a section listed under it). Bytes are
counted from the browser's network events: everything fetched after the search dialog opens, for
the first query and then for a second one; then for a question and for a misspelt word as the first.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from .chromium import launch, open_page
from .search_box import open_search, search_pages
from .search_questions import QUESTIONS, rank
from .server import serve

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "scripts")]
from conftest import mkdocs_build  # noqa: E402


FIRST_QUERIES = ("does every practice have to sign", "intergration agreement")


def cell(position: int | None) -> str:
    if position is None:
        return "**missed**"
    return f"found ({position})" if position <= 5 else f"**missed** ({position})"


def fetched_bytes(site: Path, first: str = "clinical hub", second: str = "6.2(d)") -> tuple[int, int]:
    """Bytes a fresh browser fetches for a first query (Pagefind's script, WebAssembly, index and
    fragments) and then for a second one."""
    with serve(site) as base, sync_playwright() as playwright:
        context = launch(playwright, Path(tempfile.mkdtemp(prefix="gpia-profile-")))
        page = context.new_page()
        counted: list[int] = []
        page.on("requestfinished", lambda request: counted.append(request.sizes()["responseBodySize"]))
        open_page(page, base)
        counted.clear()
        open_search(page, base.rstrip("/") + "/")
        search_pages(page, first)
        page.wait_for_timeout(300)
        one = sum(counted)
        counted.clear()
        search_pages(page, second)
        page.wait_for_timeout(300)
        two = sum(counted)
        context.close()
    return one, two


def main() -> None:
    if len(sys.argv) > 1:
        site = Path(sys.argv[1])
    else:
        site = Path(tempfile.mkdtemp(prefix="gpia-search-")) / "site"
        result = mkdocs_build(site)
        if result.returncode:
            sys.exit(result.stderr)
    with serve(site) as base, sync_playwright() as playwright:
        context = launch(playwright, Path(tempfile.mkdtemp(prefix="gpia-profile-")))
        page = context.new_page()
        open_search(page, base)
        found = [rank(targets, search_pages(page, query)) for query, targets in QUESTIONS]
        context.close()
    print("| query | Pagefind |\n|---|---|")
    for (query, _), position in zip(QUESTIONS, found):
        print(f"| `{query}` | {cell(position)} |")
    top1 = sum(1 for p in found if p == 1)
    top5 = sum(1 for p in found if p is not None and p <= 5)
    print(f"\nTop 1: {top1} of {len(QUESTIONS)}; top 5: {top5} of {len(QUESTIONS)}")
    one, two = fetched_bytes(site)
    print(f"\nFetched: first query {one / 1024:.0f} KB, second query {two / 1024:.0f} KB")
    # A first query that is a question (relaxed: searched again without its stop words, then word by
    # word) and one with a typing slip (which also fetches the word list for "Did you mean").
    for first in FIRST_QUERIES:
        print(f"Fetched for a first query {first!r}: {fetched_bytes(site, first)[0] / 1024:.0f} KB")


if __name__ == "__main__":
    main()
