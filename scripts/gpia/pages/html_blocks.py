"""The HTML blocks of a page the views wrote, handed to Python-Markdown as raw HTML it need not read.

A generated page's body (and /print/'s, which holds the HTML of every record) is mostly HTML from the
views, in blocks separated by blank lines, with Markdown headings between them for the table of
contents and permalinks. Python-Markdown passes raw HTML through unchanged, but first parses all of it
to find where each block ends (its `html_block` preprocessor): about the page's length for every
block, so the page cost its length squared (see BENCHMARKS.md).

`HtmlBlocks` is a Python-Markdown extension whose preprocessor, just before `html_block`, puts each
block that opens with one of the views' block elements into Markdown's own stash of raw HTML
(`md.htmlStash`), as `html_block` itself would; Markdown's `raw_html` postprocessor writes each back
where it stood. Only blocks that open with a block-level element: Markdown wraps a block that opens
with an inline tag in <p>, and still does. Nothing is searched for in the finished HTML. (Markdown's
placeholders are marked with control characters, which no data text can hold: the loader refuses
them.)
"""
from __future__ import annotations

from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# The elements a view's HTML block opens with. An element may open in one block and close blocks
# later, around headings (a document's <section>): its closing tag stays Markdown's to pass through.
BLOCK_ELEMENTS = frozenset({"div", "p", "ul", "ol", "dl", "table", "figure", "blockquote", "nav", "section",
                            "details"})
_AFTER_NAME = frozenset(" \t\n\r\f\v>")


def opening_element(block: str) -> str:
    """The name of the element a block of Markdown opens with, e.g. "div" for '<div class="x">…',
    or "" when it does not open with a start tag."""
    if not block.startswith("<"):
        return ""
    end = 1
    while end < len(block) and block[end].isascii() and block[end].isalnum():
        end += 1
    if end == 1 or end == len(block) or block[end] not in _AFTER_NAME:
        return ""
    return block[1:end]


def opens_html_block(block: str) -> bool:
    """Whether a block of a page's Markdown is one of the views' HTML blocks."""
    return opening_element(block) in BLOCK_ELEMENTS


class _SetAside(Preprocessor):
    def __init__(self, md: Markdown, wanted: Callable[[], bool]):
        super().__init__(md)
        self.wanted = wanted

    def run(self, lines: list[str]) -> list[str]:
        if not self.wanted():
            return lines
        blocks = "\n".join(lines).split("\n\n")
        last = len(blocks) - 1
        for i, block in enumerate(blocks):
            if opens_html_block(block):
                # As html_block stores a raw block that a blank line follows: with a line break, which
                # keeps the blank line after it in the HTML.
                blocks[i] = self.md.htmlStash.store(block + "\n" if i < last else block)
        return "\n\n".join(blocks).split("\n")


class HtmlBlocks(Extension):
    """Sets the views' HTML blocks aside from Markdown's parsing, on the pages for which `wanted()`
    says so when Markdown reads them (the build's plugin knows which page that is)."""

    def __init__(self, wanted: Callable[[], bool] = lambda: True):
        super().__init__()
        self.wanted = wanted

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After normalize_whitespace (30), which would strip the stash's placeholders' markers; before
        # html_block (20), which would parse the blocks.
        md.preprocessors.register(_SetAside(md, self.wanted), "gpia_html_blocks", 25)
