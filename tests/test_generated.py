"""Generated pages: complete files (front matter, Markdown, data files), and their HTML blocks set aside
in Python-Markdown's own stash (gpia.pages.html_blocks) and written back as they were."""
from __future__ import annotations

import pytest
from markdown import Markdown

from gpia.pages.build_views import build_views
from gpia.model.records import KnowledgeBase
from gpia.model.urls import relative_base
from gpia.pages.generated import front_matter, generated_files
from gpia.pages.html_blocks import BLOCK_ELEMENTS, HtmlBlocks, opening_element, opens_html_block
from gpia.views.glossary import term_page
from gpia.views.pages import listing_page


def test_a_generated_page_names_what_it_shows_and_skips_the_macros_plugin() -> None:
    assert front_matter({"record": "term", "id": "term-icp"}) == (
        "---\nrender_macros: false\ngpia_generated: {record: term, id: term-icp}\n---\n")
    assert front_matter({"list": "faq", "page": 2}) == (
        "---\nrender_macros: false\nsearch: {exclude: true}\ngpia_generated: {list: faq, page: 2}\n---\n")


def test_a_generated_page_is_complete_rendered_for_its_address_with_its_data_file(kb: KnowledgeBase) -> None:
    views = build_views(kb, "https://example.org/edit/")
    files = {f.uri: f for f in generated_files(kb, views)}
    term = files["glossary/term-icp.md"]
    assert (term.is_page, term.url, term.spec) == (True, "glossary/term-icp/", {"record": "term", "id": "term-icp"})
    assert term.content == front_matter(term.spec) + term_page(views.view("../../"), "term-icp")
    assert '<a class="gpia-edit" href="https://example.org/edit/clauses/glossary.yaml">' in term.content
    assert term.data_files == ("clauses/glossary.yaml",)
    download = files["data/knowledge-base.json"]
    assert not download.is_page and download.spec is None and isinstance(download.content, (str, bytes))


def test_a_later_list_page_names_the_files_of_the_records_it_shows(kb10: KnowledgeBase) -> None:
    views = build_views(kb10)
    second = {f.uri: f for f in generated_files(kb10, views)}["faq/pages/2.md"]
    assert second.content == front_matter({"list": "faq", "page": 2}) + listing_page(
        views.view(relative_base("faq/pages/2/")), "faq", 2)
    assert second.data_files and all(path.startswith("faq/") and path.endswith(".yaml") for path in second.data_files)
    assert len(second.data_files) < len({s.path for s in kb10.faq_sections.values()})


def _html(markdown: str, *extensions: object) -> str:
    return Markdown(extensions=["attr_list", "toc", "md_in_html", *extensions]).convert(markdown)


PAGE = ("# Title { #t }\n\n<div class=\"a\"><p>x *not emphasis*</p></div>\n\n<section class=\"s\">\n\n"
        "## Part { #p }\n\n<ul><li>y&#10;z</li></ul>\n\n</section>\n\n<span>z</span>\n\nPlain *text*")


def test_html_blocks_are_set_aside_in_markdowns_own_stash_and_written_back_as_they_were() -> None:
    html = _html(PAGE, HtmlBlocks())
    # Each block as it was, with the blank line after it that Markdown keeps after a raw HTML block.
    assert html == ('<h1 id="t">Title</h1>\n<div class="a"><p>x *not emphasis*</p></div>\n\n<section class="s">\n\n'
                    '<h2 id="p">Part</h2>\n<ul><li>y&#10;z</li></ul>\n\n</section>\n'
                    # A block that opens with an inline tag stays Markdown's, which wraps it in <p>.
                    '<p><span>z</span></p>\n<p>Plain <em>text</em></p>')
    assert _html("<p>last</p>", HtmlBlocks()) == _html("<p>last</p>") == "<p>last</p>"
    # Python-Markdown alone reads the open <section> up to its end as one raw block: the heading in it
    # stays text. Set aside block by block, the heading between the blocks is Markdown.
    assert "## Part { #p }" in _html(PAGE)


def test_a_page_the_plugin_does_not_mark_is_markdowns_alone() -> None:
    assert _html(PAGE, HtmlBlocks(lambda: False)) == _html(PAGE)
    markdown = "<div>\n\n**bold**\n\n</div>\n\nPlain"
    assert _html(markdown, HtmlBlocks(lambda: False)) == _html(markdown)


@pytest.mark.parametrize(("block", "element"), [
    ('<div class="x"><p>y</p></div>', "div"), ("<p>w</p>", "p"), ("<pre>w</pre>", "pre"),
    ("<p\nclass='a'>w</p>", "p"), ("<details open>", "details"), ("<p", ""), ("</p>", ""), ("<!-- c -->", ""),
    ("< p>", ""), ("Plain <p>", ""), ("", ""),
])
def test_the_element_a_block_opens_with(block: str, element: str) -> None:
    assert opening_element(block) == element
    assert opens_html_block(block) == (element in BLOCK_ELEMENTS)
