"""`mkdocs serve` with broken data answers every page at once with the list of problems, and the
browser shows the real page by itself once the data is fixed (MkDocs' live reload)."""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, copy_data

from .server import mkdocs_serve

pytestmark = pytest.mark.browser

GLOSSARY = "clauses/glossary.yaml"


@pytest.fixture
def broken_serve(tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    data = copy_data(tmp_path / "kb")
    glossary = data / GLOSSARY
    good = glossary.read_text(encoding="utf-8")
    # A tab, and a message quoting markup that must stay text.
    glossary.write_text(good.replace("  - id: term-icp\n", "\t- id: term-icp\n")
                        .replace("    term: integrated care provider", "    term: <b>x</b> integrated care provider"),
                        encoding="utf-8")
    with mkdocs_serve(data, ROOT, GPIA_SKIP_WORDING="1") as base:
        yield base, glossary, good


def test_serve_lists_the_problems_then_reloads_the_real_page(page: Page, broken_serve) -> None:
    base, glossary, good = broken_serve
    for address in ("", "glossary/", "glossary/term-gp-ia/"):  # a hand-written page and a record's page
        started = time.monotonic()
        page.goto(base + address, timeout=10_000)
        assert time.monotonic() - started < 10
        expect(page.locator("h1")).to_contain_text("The knowledge base data has problems")
        cell = page.locator(".gpia-problems td code").first
        expect(cell).to_have_text("clauses/glossary.yaml:12:1")
        expect(page.locator(".gpia-problems")).to_contain_text("this line is indented with a tab")
        expect(page.locator(".gpia-problems")).to_contain_text("Skipped until clauses/glossary.yaml is fixed")
    glossary.write_text(good, encoding="utf-8")
    # No navigation by the test: the page reloads itself when the rebuild is done.
    expect(page.locator("h1")).not_to_contain_text("The knowledge base data has problems", timeout=60_000)
    expect(page.locator(".gpia-problems")).to_have_count(0)
    assert "GP Integration Agreement" in page.locator("h1").inner_text()
