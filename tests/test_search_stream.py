"""The build feeds Pagefind's service each page as it is finished (gpia.pages.search_stream) instead
of crawling the built site afterwards: the index it writes holds the same pages, each with the same
text, words, filters and metadata, as Pagefind's crawl of the same site."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import mkdocs_build
from gpia.pages.search_stream import StreamedIndex


def fragments(index: Path) -> dict[str, Any]:
    """Each indexed page's fragment (what a result shows and is filtered by), by its address."""
    out = {}
    for file in sorted((index / "fragment").iterdir()):
        raw = gzip.decompress(file.read_bytes())
        fragment = json.loads(raw[raw.index(b"{"):])  # after Pagefind's "pagefind_dcd" signature
        out[fragment["url"]] = fragment
    return out


def entry(index: Path) -> dict[str, Any]:
    return json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_the_streamed_index_has_the_crawls_pages_with_the_same_fragments(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GPIA_SEARCH_INDEX", "stream")
    built_site = tmp_path / "site"
    assert mkdocs_build(built_site).returncode == 0
    crawled = tmp_path / "crawled"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(built_site), "--output-path", str(crawled),
                    "--silent"], check=True)
    streamed, crawl = fragments(built_site / "pagefind"), fragments(crawled)
    assert len(streamed) > 100
    assert streamed == crawl
    assert entry(built_site / "pagefind")["languages"]["en"]["page_count"] == len(streamed)
    assert entry(crawled)["languages"]["en"]["page_count"] == len(crawl)


def test_a_page_is_indexed_under_its_address_and_a_page_without_a_body_is_left_out(tmp_path: Path) -> None:
    index = StreamedIndex()
    body = ('<html lang="en"><head><title>{0}</title></head><body><main data-pagefind-body><h1>{0}</h1>'
            "<p>The clinical hub {1}.</p></main></body></html>")
    index.add("/faq/", body.format("Questions", "answers"))
    index.add("/", body.format("Home", "welcomes"))
    index.add("/404.html", '<html lang="en"><body><p>Not found</p></body></html>')
    index.finish(tmp_path / "pagefind")
    found = fragments(tmp_path / "pagefind")
    assert sorted(found) == ["/", "/faq/"]
    assert found["/faq/"]["meta"]["title"] == "Questions"
    assert "The clinical hub answers." in found["/faq/"]["content"]
