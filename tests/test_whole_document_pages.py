"""The pages that show a whole document are split into pages of bounded size (gpia.views.split): the
printed guide a page per part (print/<part>/, later pages print/<part>/pages/<n>/), the whole documents
compared (compare/text/, later pages compare/text/pages/<n>/). At ten times the data they do not grow:
their number does. Every record is printed once, in order; every anchor of /compare/text/ still arrives
(on its page, or through the moved anchors, assets/moved-anchors.json and its shards). `make bench`
weighs every page at ×100."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from conftest import page as built_page

from gpia import sitemap
from gpia.model.records import KnowledgeBase
from gpia.model.urls import relative_base
from gpia.pages.build_views import build_views
from gpia.pages.generated import generated_files
from gpia.pages.moved import moved_anchors, published_moved_anchors
from gpia.views.common import PAGE_BYTES
from gpia.views.printing import guide_parts, part_page, printed_parts, whole_guide
from gpia.views.prose import (CHANGES_PER_PIECE, DROPPED_ANCHOR, text_comparison, text_comparison_later_page, text_comparison_moved,
                              text_comparison_page)

ID = re.compile(r'\bid="([^"]+)"')


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def test_at_ten_times_the_data_each_printed_part_is_pages_of_bounded_size(kb10: KnowledgeBase) -> None:
    shared = build_views(kb10)
    printed = printed_parts(shared)
    assert [p.part.name for p in printed] == list(sitemap.PRINT_PARTS)
    for p in printed:
        # Every record of the part once, in the order of its list on the web.
        assert [record for page in p.pages for record, _ in page] == list(p.part.ids), p.part.name
        for page in p.pages:
            assert sum(_size(text) for _, text in page) <= PAGE_BYTES or len(page) == 1, p.part.name
    # At ×10 the guide's Markdown is several times one page: parts run to later pages.
    assert sum(len(p.pages) for p in printed) > len(printed)
    assert max(len(p.pages) for p in printed) >= 2
    # Each page as the build writes it: its records, its title and its pager, at its own address.
    files = {f.uri: f for f in generated_files(kb10, shared)}
    for p in printed:
        for n in range(1, len(p.pages) + 1):
            source = sitemap.print_part_source(p.part.name, n)
            assert files[source].spec == {"print": p.part.name, "page": n}
            markdown = str(files[source].content)
            assert "search: {exclude: true}" in markdown
            assert _size(markdown) <= PAGE_BYTES + 16 * 1024 or len(p.pages[n - 1]) == 1
            if len(p.pages) > 1:
                assert f"page {n} of {len(p.pages)}" in markdown


def test_at_ten_times_the_data_print_lists_the_parts_instead_of_holding_them(kb10: KnowledgeBase) -> None:
    shared = build_views(kb10)
    view = shared.view(relative_base(sitemap.PRINT_FOLDER))
    markdown = whole_guide(view)
    assert _size(markdown) < 64 * 1024
    assert "gpia-print-part" not in markdown and "Print each part from its own pages" in markdown
    for p in printed_parts(shared):
        for n in range(1, len(p.pages) + 1):
            assert f'href="{view.base}{sitemap.print_part_page(p.part.name, n)}"' in markdown


def test_at_the_real_size_print_holds_the_whole_guide_and_links_each_part(kb: KnowledgeBase) -> None:
    shared = build_views(kb)
    view = shared.view(relative_base(sitemap.PRINT_FOLDER))
    markdown = whole_guide(view)
    assert [len(p.pages) for p in printed_parts(shared)] == [1] * len(sitemap.PRINT_PARTS)
    assert markdown.count("gpia-print-part") == len(sitemap.PRINT_PARTS)
    for part in guide_parts(view):
        assert f'href="{view.base}print/{part.name}/"' in markdown


def test_a_small_page_size_splits_every_long_part_and_keeps_each_record_once(kb: KnowledgeBase) -> None:
    shared = build_views(kb, page_bytes=20_000)
    for p in printed_parts(shared):
        assert [record for page in p.pages for record, _ in page] == list(p.part.ids)
        count = len(p.pages)
        for n in range(1, count + 1):
            markdown = part_page(shared, p.part.name, n)
            ids = Counter(ID.findall(markdown))
            assert [i for i, c in ids.items() if c > 1] == [], (p.part.name, n)
            for record, _ in p.pages[n - 1]:
                if record in kb.areas or record in kb.clauses or record in kb.terms:
                    assert f"{{ #{record} }}" in markdown or f'id="{record}"' in markdown, record
    assert max(len(p.pages) for p in printed_parts(shared)) > 3


def test_the_whole_documents_compared_keep_every_anchor_when_split(kb: KnowledgeBase) -> None:
    whole = text_comparison(build_views(kb))
    split = text_comparison(build_views(kb, page_bytes=20_000))
    assert whole is not None and split is not None
    assert len(whole.pages) == 1 and len(split.pages) > 2
    anchors = [a for _, done in whole.pages[0] for a in done.anchors]
    assert len(anchors) == len(set(anchors)) > 50
    pages = {a: n for n, page in enumerate(split.pages, start=1) for _, done in page for a in done.anchors}
    assert sorted(pages) == sorted(anchors)
    shared = build_views(kb, page_bytes=20_000)
    moved = text_comparison_moved(shared)[sitemap.TEXT_COMPARISON]
    first = text_comparison_page(shared.view(relative_base(sitemap.TEXT_COMPARISON)))
    later = {n: text_comparison_later_page(shared, n) for n in range(2, len(split.pages) + 1)}
    for anchor, n in pages.items():
        if n == 1:
            assert anchor not in moved and f'id="{anchor}"' in first
        else:
            assert moved[anchor] == f"compare/text/pages/{n}/#{anchor}"
            assert f'id="{anchor}"' in later[n] and f'id="{anchor}"' not in first
    # The heading of the older passages nothing rewrites (none at the real size), where they start.
    dropped_on = [n for n, text in later.items() if f'id="{DROPPED_ANCHOR}"' in text]
    assert ([moved[DROPPED_ANCHOR]] if DROPPED_ANCHOR in moved else []) == [
        f"compare/text/pages/{n}/#{DROPPED_ANCHOR}" for n in dropped_on]
    # The filter on each page counts that page's changes; the counts of the whole are on the first page.
    assert "Paragraphs and lists" in first and all("Paragraphs and lists" not in text for text in later.values())
    # The site's moved anchors carry them, beside the records' old anchors.
    assert moved_anchors(kb, text_comparison_moved(shared))[sitemap.TEXT_COMPARISON] == moved
    assert sitemap.TEXT_COMPARISON not in moved_anchors(kb, text_comparison_moved(build_views(kb)))


def test_at_ten_times_the_data_the_pages_of_the_documents_compared_are_bounded(kb10: KnowledgeBase) -> None:
    small = 64 * 1024
    shared = build_views(kb10, page_bytes=small)
    found = text_comparison(shared)
    assert found is not None and len(found.pages) > 2
    for n, page in enumerate(found.pages, start=1):
        assert sum(_size(done.html) for _, done in page) <= small or len(page) == 1, n
    # A question whose tables multiply with the corpus goes on in pieces of at most CHANGES_PER_PIECE
    # changes: its heading (and anchor) on the first, "(continued)" on the others; every anchor once.
    pieces = [(piece, done) for page in found.pages for piece, done in page]
    assert all(piece.end - piece.start <= CHANGES_PER_PIECE for piece, _ in pieces)
    continued = [done for piece, done in pieces if piece.start > 0]
    assert continued and all("(continued)" in done.html and 'id="text-' not in done.html for done in continued)
    anchors = [a for _, done in pieces for a in done.anchors]
    assert len(anchors) == len(set(anchors))
    uris = {f.uri for f in generated_files(kb10, shared)}
    assert {f"compare/text/pages/{n}.md" for n in range(2, len(found.pages) + 1)} <= uris
    assert "compare/text/pages/1.md" not in uris


def test_each_printed_part_page_has_unique_ids_and_its_links_in_the_page_resolve(built_site: Path,
                                                                                 kb: KnowledgeBase) -> None:
    index = built_page(built_site, "print/")
    for name in sitemap.PRINT_PARTS:
        html = built_page(built_site, f"print/{name}/")
        ids = Counter(ID.findall(html))
        assert [i for i, n in ids.items() if n > 1] == [], name
        for href in re.findall(r'href="#([^"]+)"', html):
            assert href in ids, (name, href)
        assert f'href="../print/{name}/"' in index
    governance = built_page(built_site, "print/governance/")
    for area in (a for a in kb.areas.values() if kb.tables[a.table].kind == "governance"):
        assert Counter(ID.findall(governance))[area.id] == 1, area.id
    assert published_moved_anchors(built_site).get(
        sitemap.TEXT_COMPARISON) is None  # at the real size the comparison is one page
