"""Page weight in `make bench` (gpia_bench.sizes), read with an HTML parser, and BENCHMARKS.md
split into its sections (gpia_bench.document). No timing is measured here."""
from __future__ import annotations

from pathlib import Path

from gpia_bench.document import heading, sections
from gpia_bench.sizes import abbreviations_shown, navigation_bytes, site_sizes

from conftest import ROOT

TOC = '<nav class="md-nav md-nav--secondary" aria-label="On this page"><ul><li><a href="#a">A</a></li></ul></nav>'
SITE_NAV = ('<nav class="md-nav md-nav--primary" data-md-level="0"><ul><li><a href="../">Home</a></li>'
            f'<li class="md-nav__item--active">{TOC}</li></ul></nav>')


def _page(body: str) -> str:
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"


def test_navigation_and_table_of_contents_are_weighed_by_element() -> None:
    html = _page(f'<div class="md-sidebar">{SITE_NAV}</div><div class="md-sidebar--secondary">{TOC}</div>'
                 "<article>text with <nav> in it as &lt;nav&gt;</article>")
    site_nav, toc = navigation_bytes(html)
    # The copy of the table of contents inside the site navigation is counted with the tables of contents.
    assert site_nav == len(SITE_NAV) - len(TOC)
    assert toc == 2 * len(TOC)
    assert navigation_bytes(_page("<p>no navigation</p>")) == (0, 0)
    # A class that only contains the name is not the navigation.
    assert navigation_bytes(_page('<nav class="md-nav--primary-like"></nav>')) == (0, 0)


def test_tooltips_are_counted_as_elements() -> None:
    assert abbreviations_shown(_page('<p><abbr title="x">ICP</abbr> and <abbr\ntitle="y">MCP</abbr>, '
                                     "not &lt;abbr &gt;</p>")) == 2


def test_site_sizes_name_pages_by_address(tmp_path: Path) -> None:
    for page, body in (("index.html", SITE_NAV), ("faq/index.html", "<p>x</p>" * 50), ("404.html", "")):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text(_page(body), encoding="utf-8")
    sizes = site_sizes(tmp_path, frozenset())
    assert set(sizes.sizes) == {"/", "/faq/"} and sizes.sizes["/faq/"] == len(_page("<p>x</p>" * 50))
    assert sizes.home_nav_kb * 1024 == len(SITE_NAV) - len(TOC) and sizes.toc_page == "/"


def test_benchmarks_md_splits_into_its_sections_and_back() -> None:
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    pieces = sections(text)
    assert "".join(pieces) == text
    titles = [heading(piece) for piece in pieces]
    assert titles[0] is None and "## Targets" in titles and "## The synthetic corpora" in titles
    assert all(title is None or title.startswith("## ") for title in titles)
