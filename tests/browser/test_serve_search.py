"""During `mkdocs serve`, search follows the data: after a YAML edit the rebuilt pages are served at
once, Pagefind's new index follows in the background (gpia.pages.search.write_index_soon), and
meanwhile the previous index is served whole, never a missing or half-written one."""
from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page

from conftest import ROOT, copy_data

from .search_box import open_search, search_pages
from .server import mkdocs_serve

pytestmark = pytest.mark.browser

GLOSSARY = "clauses/glossary.yaml"
NOTE = "    note: The 2019 FAQs say their integration commitments table uses an MCP as an example.\n"
WORD = "Quillometry"  # in no page until the edit adds it


# How long to wait for an answer and for the rebuild: generous, as the server holds requests while it
# rebuilds and a loaded machine rebuilds slowly; what is asserted is what is served, not how fast.
ANSWER_S = 120
REBUILD_S = 240


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=ANSWER_S) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_search_follows_an_edit_and_the_previous_index_is_served_meanwhile(page: Page, tmp_path: Path) -> None:
    data = copy_data(tmp_path / "kb")
    glossary = data / GLOSSARY
    text = glossary.read_text(encoding="utf-8")
    assert NOTE in text, "the test edits this note of term-mcp"
    with mkdocs_serve(data, ROOT, GPIA_SKIP_WORDING="1") as base:
        entry = base + "pagefind/pagefind-entry.json"
        status, before = _get(entry)
        assert status == 200 and before
        open_search(page, base)
        assert search_pages(page, WORD) == []
        glossary.write_text(text.replace(NOTE, NOTE.rstrip("\n").replace("example.", f"example. {WORD}.\n")),
                            encoding="utf-8")
        deadline = time.monotonic() + REBUILD_S
        page_status, term_page = _get(base + "glossary/term-mcp/")
        while WORD not in term_page:
            assert time.monotonic() < deadline, "the edited page was not served"
            time.sleep(0.05)
            page_status, term_page = _get(base + "glossary/term-mcp/")
        seen = []
        while True:
            status, now = _get(entry)
            seen.append(status)
            assert status == 200 and now, f"the index was missing while the new one was written: {seen}"
            if now != before:
                break
            assert time.monotonic() < deadline, "the index was never replaced"
            time.sleep(0.02)
        open_search(page, base)
        shown = search_pages(page, WORD)
        assert shown and shown[0][0] == "/glossary/term-mcp/", shown
