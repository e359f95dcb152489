"""What Pagefind indexes: the main content of readers' pages, each record's text once, filters from the data.

The views mark copies and boilerplate with data-search-exclude; the page pass (gpia.search) turns
that into data-pagefind-ignore, adds data-pagefind-body to the main content of indexed pages, and
the filters and glossary words Pagefind reads.
"""
from __future__ import annotations

import re
from pathlib import Path

from conftest import page

from gpia.model import KnowledgeBase


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
