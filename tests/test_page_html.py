"""A generated page's HTML made without Python-Markdown (gpia.pages.page_html) is what Python-Markdown
makes of it: the site is built with both, page by page, and every generated page compared."""
from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import gpia_mkdocs.plugin as plugin
from gpia.pages.html_blocks import HtmlBlocks
from gpia.pages.page_html import page_html

from conftest import ROOT

TITLE = "Permanent link to this section"


def _toc(items) -> list:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in items]


def _rendered(page) -> tuple:
    return (page.content, _toc(page.toc), page._title_from_render, set(page.present_anchor_ids),
            page.links_to_anchors)


def test_every_generated_page_is_made_as_python_markdown_makes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("GPIA_DATA_ROOT", raising=False)
    monkeypatch.setenv("GPIA_BUILD_PROCESSES", "1")
    compared: dict[str, bool] = {}  # each generated page: whether page_html made it
    differing: list[str] = []
    made_without = plugin._made_without_markdown

    def both(page, permalink_title: str) -> None:
        with_markdown = page.render
        made_without(page, permalink_title)
        without = page.render

        def render(config, files) -> None:
            with_markdown(config, files)
            wanted = _rendered(page)
            made = page_html(page.markdown, TITLE)
            without(config, files)
            compared[page.file.src_uri] = made is not None
            if _rendered(page) != wanted:
                differing.append(page.file.src_uri)

        page.render = render

    monkeypatch.setattr(plugin, "_made_without_markdown", both)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` says (the plugin is cached)
    build(config)

    assert differing == []
    # Every kind of generated page is made without Python-Markdown but some of the lists' later pages,
    # which continue a group under a heading written in HTML.
    assert len(compared) > 100
    assert [uri for uri, made in compared.items() if not made and "/pages/" not in uri] == []


def _python_markdown(text: str) -> tuple:
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list", "md_in_html",
                                       HtmlBlocks(lambda: True)],
                           extension_configs={"toc": {"permalink": True, "permalink_title": TITLE}})
    return md.convert(text), md.toc_tokens


@pytest.mark.parametrize("text", [
    "# A \\(b\\) &amp; c { #x }\n\n<div>one</div>\n\n## Sub \\- head { #y }\n\n<p>two</p>\n\n</section>\n\n#### Deep { #z }\n",
    "## Only a section { #only }",
    "# Schedules, page 3 of 5\n\n<ul><li>a</li></ul>",  # no id: the toc extension makes one
    '<div class="x">first</div>\n\n# Title after a block { #t }\n\n<ul><li>a</li></ul>',
    "# Quotes \"said\" and 'so' → on { #q }\n\n<p>x</p>",
    "# Clause 6\\.2\\(d\\): Clinical hub model (ICP 2019) - a + b! { #clause-6-2-d }",
])
def test_headings_and_blocks_are_written_as_python_markdown_writes_them(text: str) -> None:
    made = page_html(text, TITLE)
    assert made is not None
    assert (made.html, made.toc) == _python_markdown(text)


@pytest.mark.parametrize("text", [
    "# Unescaped *stars* { #x }",  # not as the views write a heading
    "# An unescaped [link](x) { #x }",
    "# A C# heading { #x }",
    "# Same { #same }\n\n## Same",  # the toc extension's id for the second is taken: it would add _1
    "# ! { #x }\n\n## !",  # nor one it could not make
    "# Two { #x }\n\n## Two { #x }",  # Python-Markdown's toc would make the ids unique
    "# Tab { #x }\n\n<p>a\tb</p>",  # its preprocessors expand tabs, in HTML blocks too
    "# Fence { #x }\n\n<div>\n```\ncode\n```\n</div>",
    "# Text { #x }\n\nA paragraph of Markdown.",
    "# Spaces { #x }\n\n<div>\n   \n</div>",
    "# Two  spaces { #x }",
    "",
])
def test_any_other_page_is_left_to_python_markdown(text: str) -> None:
    assert page_html(text, TITLE) is None


def test_a_permalink_title_that_would_be_escaped_otherwise_is_left_to_python_markdown() -> None:
    assert page_html("# T { #t }", 'Link "here"') is None
