"""Finished HTML is read with an HTML parser (gpia.views.html_tokens) and changed only where it
marks something: the search marks and the tooltips keep every other byte of a page."""
from __future__ import annotations

import random

from gpia.model.records import KnowledgeBase
from gpia.pages.search import SearchMarks
from gpia.views.html import Abbreviations
from gpia.views.html_tokens import Tag, Text, _read, _scan, element, tokens

PAGE = ('<!doctype html><p class=a title="x > y">GP &amp; <b>IA</b></p><!-- <b>not a tag</b> -->'
        '<script>if (a<b) x="</p>";</script><br/>end')


def test_each_tag_and_run_of_text_comes_with_its_place_in_the_page() -> None:
    found = [(type(t).__name__, PAGE[t.start:t.end]) for t in tokens(PAGE)]
    assert found == [
        ("Tag", '<p class=a title="x > y">'), ("Text", "GP &amp; "), ("Tag", "<b>"), ("Text", "IA"), ("Tag", "</b>"),
        ("Tag", "</p>"), ("Tag", "<script>"), ("Text", 'if (a<b) x="</p>";'), ("Tag", "</script>"), ("Tag", "<br/>"),
        ("Text", "end")]
    first = tokens(PAGE)[0]
    assert isinstance(first, Tag) and first.attr("title") == "x > y" and first.attr("class") == "a"
    br = [t for t in tokens(PAGE) if isinstance(t, Tag) and t.name == "br"][0]
    assert br.self_closing and not br.closing


def test_an_element_ends_at_its_own_end_tag_not_a_nested_one() -> None:
    page = '<div class="c"><div>in</div>still</div>after'
    read = tokens(page)
    start, end = element(read, "div", "c")
    assert page[read[start].end:read[end].start] == "<div>in</div>still"
    assert element(read, "div", "other") is None


ARTICLE = '<article class="md-content__inner md-typeset">'


def _page(content: str) -> str:
    return f'<html><body><nav data-search-exclude>menu</nav>{ARTICLE}{content}</article>\n<footer>f</footer></body></html>'


def test_the_search_marks_change_only_the_tags_they_mark() -> None:
    content = ('<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>'
               '<article class="inner"><p>first</p></article><p data-search-exclude>copy</p><p>last</p>')
    marked = SearchMarks(KnowledgeBase()).page_html(_page(content), None, "page.md", True)
    # Only the content is read: the theme's own parts before it are left as written.
    assert marked == (
        '<html><body><nav data-search-exclude>menu</nav>'
        '<article class="md-content__inner md-typeset" data-pagefind-body>'
        '<h1 id="t">Title<a class="headerlink" data-pagefind-ignore href="#t">¶</a></h1>'
        '<article class="inner"><p>first</p></article><p data-pagefind-ignore>copy</p><p>last</p>'
        # At the end of the page's content, not inside the first article nested in it.
        '<div hidden data-pagefind-ignore><span data-pagefind-filter="kind">Guide page</span>'
        '<span data-pagefind-filter="audience">readers</span><span data-pagefind-meta="kind">Guide page</span></div>'
        '</article>\n<footer>f</footer></body></html>')


def test_a_page_left_out_of_search_keeps_its_content_unmarked() -> None:
    page = _page("<p>text</p>")
    marked = SearchMarks(KnowledgeBase()).page_html(page, None, "page.md", False)
    assert marked == page
    # A copy marked in the content of such a page is still marked.
    page = _page("<p>text</p><p data-search-exclude>copy</p>")
    marked = SearchMarks(KnowledgeBase()).page_html(page, None, "page.md", False)
    assert marked == page.replace("<p data-search-exclude>", "<p data-pagefind-ignore>")


def test_tooltips_change_only_the_text_they_mark() -> None:
    abbreviations = Abbreviations({"GP": "general practice"})
    page = '<p title="GP">A GP <code>GP</code> &amp; GPs</p><!-- GP --><script>GP</script>'
    assert abbreviations.in_html(page) == (
        '<p title="GP">A <abbr title="general practice">GP</abbr> <code>GP</code> &amp; GPs</p>'
        '<!-- GP --><script>GP</script>')
    assert isinstance(tokens(page)[1], Text)


# The one-pass scanner finds what html.parser finds (gpia.views.html_tokens._read, the parser itself),
# plain tags and every odd construct the scanner reads itself or leaves to the parser.
ODD = [
    PAGE, "", "text only", "<", "a<", "<p", "<p class=", '<p class="x', "a & b", "&", "x&amp", "&#", "&#;", "&#x41;",
    "&#65a <b>x</b>", "&#65 <b>x</b> &#; <i>y</i>", "<P CLASS='A' Title=x>t</P>", "<a href=x/>", "<br/>", "<br />",
    "<img src='a>b'>", '<a b="c"d="e">x</a>', "<a\x0bb='c'>x</a>", "<a =b>x</a>", '<a ="x>y', "<a/b>x</a>", "</>",
    "</ p>", "</p class=x>", "</3>", "<!-- c -->x", "<!-- c", "<!doctype html>", "<!DOCTYPE html", "<![CDATA[x]]>y",
    "<!x>y", "<?php x ?>y", "<?x", "<script>a<b</p></script>x", "<script>x", "<style>a</STYLE >b",
    "<script/>x<b>y</b>", "<script>x</scriptx></script>y", "<textarea><b></textarea>", "a < b > c", "<1>x",
    '<a title="a &amp; b" data-x>x</a>', "<a title=\"&quot;>\">x</a>", "<p>\u00a0<b\u00a0x>y</b></p>",
]


def _key(read: list[Tag | Text]) -> list[tuple]:
    return [(t.start, t.end, t.name, t.attrs, t.closing, t.self_closing) if isinstance(t, Tag) else (t.start, t.end)
            for t in read]


def test_the_scanner_reads_odd_html_as_the_parser_does() -> None:
    for page in ODD:
        assert _key(tokens(page)) == _key(_read(page)), page


# Pieces that end or interrupt a run of plain tags (read by one search each) in every way: a "<" of
# text, comments, script and style content, quoted ">" and "<", tags cut short.
PIECES = ['<a href="x">', "</a>", "<b>", "</B >", "</b>", "text ", "<", ">", "<!-- c -->", "<!--", "-->", "<p class='q'>",
          "<br/>", "<img src=x>", "<script>", "</script>", "if (a<b) {}", "<style>", "</style>", "&amp;", "&#1;", "<?pi?>",
          "<!DOCTYPE html>", '<div\n id="a"\n>', "</ div>", "<x-y>", "</x-y>", '<a1 b="<">', '"', "'", "=", "/", "<a/b>",
          "</>", "< p>", '<P CLASS="A">', "\n", "\u00e9", '<svg><path d="M1 2"/></svg>', "<![CDATA[x]]>", "<!x>"]


def test_the_scanner_reads_pieces_put_together_at_random_as_the_parser_does() -> None:
    chosen = random.Random(5)
    for _ in range(4000):
        page = "".join(chosen.choice(PIECES) for _ in range(chosen.randint(1, 25)))
        assert _key(tokens(page)) == _key(_read(page)), page


def test_the_scanner_reads_every_page_of_the_site_itself_as_the_parser_does(built_site) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert _key(_scan(page)) == _key(_read(page)), path


def test_reading_from_a_tag_gives_what_reading_the_whole_page_gives_from_there() -> None:
    # The scan, and html.parser where the scan is unsure (a bare "<!" it leaves to the parser).
    for before in ('<head><script>if (a < b) x = "</p>";</script><!-- <article> --></head>', "<!x> <p>&amp;</p>"):
        page = f"<html>{before}<body>{ARTICLE}<p>one &lt; two</p><br/></article><p>after</p></body></html>"
        start = page.index(ARTICLE)
        assert tokens(page, start) == [t for t in tokens(page) if t.start >= start]
        assert tokens(page, start)[0].start == start and tokens(page, start)[0].name == "article"


def test_each_mark_a_view_wrote_becomes_pagefinds_in_place() -> None:
    # As the views write it, and as a page an engine built from the written tree carries it.
    content = '<div class="a" data-search-exclude><p>x</p></div>\n<br data-search-exclude/>\n<p>kept</p>'
    marked = SearchMarks(KnowledgeBase()).page_html(_page(content), None, "page.md", False)
    assert marked == _page(content.replace("data-search-exclude", "data-pagefind-ignore"))
