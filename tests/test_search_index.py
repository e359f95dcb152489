"""What Pagefind indexes: the main content of readers' pages, each record's text once, filters from the data.

The views mark copies and boilerplate with data-search-exclude; the page pass (gpia.pages.search) turns
that into data-pagefind-ignore, adds data-pagefind-body to the main content of indexed pages, and
the filters and glossary words Pagefind reads.
"""
from __future__ import annotations

import re
from pathlib import Path

from conftest import page

from gpia.model.records import KnowledgeBase


def test_the_build_writes_pagefinds_index_and_script(built_site: Path) -> None:
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert (built_site / "pagefind" / "pagefind-entry.json").is_file()
    assert not (built_site / "search" / "search_index.json").exists()  # Material's lunr search is off


def test_only_the_main_content_is_indexed_and_copies_are_ignored(built_site: Path) -> None:
    html = page(built_site, "clauses/clause-6-2-d")
    assert html.count("data-pagefind-body") == 1
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in html
    assert "data-search-exclude" not in html and "data-pagefind-ignore" in html
    assert '<a class="headerlink" data-pagefind-ignore' in html


def test_only_the_templates_the_search_marks_add_write_pagefinds_own_mark() -> None:
    """The views' one mark is data-search-exclude. The search marks add these templates to a finished
    page after converting the views' marks (gpia.pages.search, search_words), so they write Pagefind's;
    readers-words.html writes it only when the search marks say so (`finished`), and the views' mark
    when an FAQ question's view renders it."""
    from gpia.views.templating import TEMPLATES
    writing = {p.name for p in TEMPLATES.glob("*.html") if "data-pagefind-ignore" in p.read_text(encoding="utf-8")}
    assert writing == {"search-marks.html", "search-names.html", "readers-words.html"}
    views = Path(TEMPLATES.parent)
    assert [p.name for p in sorted(views.glob("*.py"))
            if re.search(r"search-(marks|names)\.html|finished=", p.read_text(encoding="utf-8"))] == []


def test_every_page_carries_pagefinds_mark_where_a_view_wrote_its_own(built_site: Path) -> None:
    """The views mark with data-search-exclude only: on every page built (readers', contributors', those
    left out of search, the printed guide, the page not found), the search marks leave none of it."""
    from gpia.views.html_tokens import Tag, tokens
    built = sorted(built_site.rglob("*.html"))
    assert len(built) > 100 and built_site / "404.html" in built and built_site / "print" / "index.html" in built
    left = [p.relative_to(built_site).as_posix() for p in built
            if any(isinstance(t, Tag) and t.has("data-search-exclude") for t in tokens(p.read_text(encoding="utf-8")))]
    assert left == []
    later = page(built_site, "traceability/pages/2")  # left out of search, its copies marked all the same
    assert " data-pagefind-body" not in later
    assert '<nav class="gpia-pager" aria-label="Pages of this list" data-pagefind-ignore>' in later
    assert '<p class="gpia-reviewed" data-pagefind-ignore>' in page(built_site, "print/faq")


def test_excluded_and_contributor_pages(built_site: Path) -> None:
    assert " data-pagefind-body" not in page(built_site, "about-search")  # as an attribute
    contributing = page(built_site, "contributing")
    assert '<span data-pagefind-filter="audience">contributors</span>' in contributing
    assert '<span data-pagefind-filter="audience">readers</span>' in page(built_site, "glossary/term-mdt")


def test_filters_come_from_the_data(kb: KnowledgeBase, built_site: Path) -> None:
    c = kb.clauses["clause-6-2-d"]
    html = page(built_site, "clauses/clause-6-2-d")
    assert f'<span data-pagefind-filter="version">{kb.versions[c.template].label}</span>' in html
    assert '<span data-pagefind-filter="kind">Clause</span>' in html
    assert '<span data-pagefind-filter="wording">NHS wording</span>' in html
    assert '<span data-pagefind-filter="wording">' not in page(built_site, "glossary/term-mdt")


def test_glossary_words_are_indexed_both_ways(kb: KnowledgeBase, built_site: Path) -> None:
    vocabulary = re.compile(r'<p hidden data-pagefind-weight="0.5">([^<]*)</p>')
    faq = vocabulary.search(page(built_site, "faq/faq-section-introduction")).group(1)
    assert "GP Integration Agreement" in faq  # the page writes "GP IA"
    mdts = vocabulary.search(page(built_site, "commitments/mcp-2016-int-multidisciplinary-teams")).group(1)
    assert "MDT" in mdts.split()  # the page spells out "multidisciplinary team"


def test_each_requirement_and_answer_is_indexed_on_its_own_page_only(kb: KnowledgeBase, built_site: Path) -> None:
    """Pagefind indexes each record's words once: on the record's page, not on the lists and views
    that repeat them (those copies are data-pagefind-ignore)."""
    from conftest import indexed_text, without_sic
    from gpia.model.urls import page_of
    pages = {p.parent.relative_to(built_site).as_posix() + "/": indexed_text(without_sic(p.read_text(encoding="utf-8")))
             for p in sorted(built_site.rglob("index.html"))}
    texts = [(r.id, " ".join(r.text.split())) for r in kb.requirements.values()]
    texts += [(q.id, " ".join(t.split())) for q in kb.questions.values() for b in q.answer
              for t in ((b.text,) if b.text else b.items)]
    missing = [i for i, t in texts if t not in pages[page_of(kb, i)]]
    # A bullet printed the same in 2016 and 2019 is two records with the same words, each on its page.
    own = {t: {page_of(kb, j) for j, u in texts if u == t} for _, t in texts}
    copies = [(i, url) for i, t in texts for url, text in pages.items() if url not in own[t] and t in text]
    assert missing == [] and copies == []
