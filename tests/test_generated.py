"""Generated pages: their front matter, and the HTML set aside from Python-Markdown and put back."""
from __future__ import annotations

import pytest

from gpia.pages.generated import generated_page, put_html_back, set_html_aside


def test_a_generated_page_names_what_to_render_and_skips_the_macros_plugin() -> None:
    assert generated_page({"record": "term", "id": "term-icp"}) == (
        "---\nrender_macros: false\ngpia_generated: {record: term, id: term-icp}\n---\n")
    assert generated_page({"list": "faq", "page": 2}) == (
        "---\nrender_macros: false\nsearch: {exclude: true}\ngpia_generated: {list: faq, page: 2}\n---\n")


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
