"""A generated page's HTML, table of contents and title, made from its Markdown without Python-Markdown.

A page generated from the data (gpia.pages.generated) is Markdown only in name: headings, each
`## text { #id }` (or without an id, for the toc extension to make one) with its text escaped by
gpia.text.md_text, and between them the views' HTML blocks,
which Python-Markdown passes through untouched (gpia.pages.html_blocks sets them aside). Reading such a
page with Python-Markdown cost a tenth of the build at ×100, for headings alone. `page_html` makes
what Python-Markdown would make of it, byte for byte (tests/test_page_html.py builds the site both ways
and compares every generated page): each heading as the toc extension writes it with its permalink,
each block as it was, the table of contents and the title MkDocs takes from a first `#` heading.

Only a page made of nothing else is made here; for any other (a construct it does not know, a tab, a
fence that Python-Markdown's preprocessors would read, two headings with one id), `page_html` gives
None and Python-Markdown reads the page as before.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown.extensions.toc import nest_toc_tokens, slugify

from gpia.pages.html_blocks import opens_html_block
from gpia.views.templating import markup, render

# A heading as the views write it: its text of plain characters, Markdown's escapes (gpia.text.md_text
# escapes every character Markdown may read; a view adds plain words and parentheses) and the entities
# html.escape writes, single spaces between, then its id. A parenthesis, point, dash, plus or "!" is
# nothing to Markdown in a heading unless a "[" (always escaped here) comes with it.
_SPECIAL = r"\\`*_{}\[\]()#+\-.!"
_PIECE = rf"(?:[^\\`*_{{}}\[\]#<>&\s]|\\[{_SPECIAL}]|&(?:amp|lt|gt);)"
_HEADING = re.compile(rf"(#{{1,6}}) ({_PIECE}(?:(?:{_PIECE}| (?! ))*{_PIECE})?)(?: \{{ #([A-Za-z][A-Za-z0-9_-]*) \}})?")
_ESCAPED = re.compile(rf"\\([{_SPECIAL}])")
# A block that only closes an element opened in an earlier block (a document's </section>).
_CLOSING = re.compile(r"</[a-z][a-z0-9]*>")
# What Python-Markdown's preprocessors change in any text, HTML blocks included: tabs, carriage
# returns, lines of spaces, fences (here anywhere in a line); and its placeholders' markers.
_REWRITTEN = ("\t", "\r", "\x02", "\x03", "\n ", "```", "~~~")
# A permalink title that Python-Markdown and Jinja write alike in an attribute.
_PLAIN_TITLE = re.compile(r"[A-Za-z0-9 ,.:;()-]*")


@dataclass(frozen=True)
class PageHtml:
    html: str
    toc: list[dict]  # Python-Markdown's toc_tokens, nested
    title: str | None  # the first heading's text when it is a level 1 heading, as MkDocs takes it
    anchors: tuple[str, ...]  # the ids of the headings, in order: the anchors MkDocs finds on the page


def page_html(markdown: str, permalink_title: str) -> PageHtml | None:
    """What Python-Markdown (with the toc extension's permalinks titled `permalink_title`, attr_list
    and gpia.pages.html_blocks) makes of a generated page's Markdown, or None if the page holds anything
    but headings and HTML blocks."""
    text = markdown.rstrip("\n")
    if not text or any(found in text for found in _REWRITTEN) or text[0] == " " \
            or not _PLAIN_TITLE.fullmatch(permalink_title):
        return None
    blocks = text.split("\n\n")
    headings = [_HEADING.fullmatch(block) for block in blocks]
    given = [heading.group(3) for heading in headings if heading is not None and heading.group(3)]
    used = set(given)
    if len(used) != len(given):
        return None  # the toc extension would make them unique
    parts: list[str] = []
    tokens: list[dict] = []
    for index, (block, heading) in enumerate(zip(blocks, headings)):
        last = index == len(blocks) - 1
        if heading is not None:
            level, inner, anchor = len(heading.group(1)), _ESCAPED.sub(r"\1", heading.group(2)), heading.group(3)
            if not anchor:
                # The toc extension's own id for a heading without one, where it is not taken already.
                anchor = slugify(html.unescape(inner), "-")
                if not anchor or anchor in used:
                    return None
                used.add(anchor)
            parts.append(str(render("heading.html", level=level, id=anchor, inner=markup(inner),
                                    permalink_title=permalink_title)))
            tokens.append({"level": level, "id": anchor, "name": inner, "html": inner, "data-toc-label": "",
                           "children": []})
        elif opens_html_block(block) and block == block.strip():
            # Set aside as Python-Markdown's html_block keeps a block that a blank line follows.
            parts.append(block if last else block + "\n")
        elif _CLOSING.fullmatch(block):
            parts.append(block)
        else:
            return None
    anchors = [token["id"] for token in tokens]
    title = " ".join(tokens[0]["html"].split()) if blocks[0].startswith("# ") else None
    return PageHtml("\n".join(parts), nest_toc_tokens(tokens), title, tuple(anchors))
