"""Generated pages: complete files (front matter, Markdown, data files), and the HTML set aside from
Python-Markdown and put back."""
from __future__ import annotations

import pytest

from gpia.pages.build_views import build_views
from gpia.model.records import KnowledgeBase
from gpia.model.urls import relative_base
from gpia.pages.generated import front_matter, generated_files, put_html_back, set_html_aside
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


@pytest.mark.parametrize(("markdown", "left", "aside"), [
    ("# Title { #t }\n\n<div class=\"a\"><p>x</p></div>\n\n## Part { #p }\n\n<ul><li>y</li></ul>",
     "# Title { #t }\n\n<!-- gpia-html 0 -->\n\n## Part { #p }\n\n<!-- gpia-html 1 -->",
     ['<div class="a"><p>x</p></div>', "<ul><li>y</li></ul>"]),
    # A block that opens with an inline tag stays for Markdown, which wraps it in <p> as before.
    ("<span>z</span>\n\n<p>w</p>", "<span>z</span>\n\n<!-- gpia-html 0 -->", ["<p>w</p>"]),
    ("Plain *text*", "Plain *text*", []),
])
def test_html_blocks_are_set_aside_and_put_back(markdown: str, left: str, aside: list[str]) -> None:
    assert set_html_aside(markdown) == (left, aside)
    html = left.replace("# Title { #t }", '<h1 id="t">Title</h1>')
    assert put_html_back(html, aside).count("gpia-html") == 0
    assert all(block in put_html_back(html, aside) for block in aside)
