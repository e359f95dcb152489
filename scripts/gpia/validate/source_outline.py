"""The printed structure of a source extract: its headings, paragraphs, list items and table rows.

The extracts in ../shared/sources are plain text with a little markup left by the PDF conversion:
`#` headings, headings as plain lines that the Contents list names, `- ` list items,
`**bold**`, `[link text](#)`, and tables written as `Area<TAB><ul>…</ul>` rows whose bullets are
`<li>` elements or `•` marks. A row that the PDF broke across a page goes on in a line that starts
with a tab, and a paragraph broken by a page goes on in a block that starts with a small letter.

This module reads that markup once and gives each printed piece of text its own block, with the
heading it is printed under and the source line it starts on. The wording check then compares
data with whole blocks, or spans of them, under the heading the data names: text from one row,
answer or section cannot pass for another's.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

# The only differences between data and source that the wording check forgives (CONTRIBUTING.md,
# "How NHS wording is checked"): runs of white space and line breaks are one space, and the
# typographic variants of quotes and dashes are the plain character. Nothing is deleted.
_FOLD = str.maketrans({
    "\u2018": "'", "\N{RIGHT SINGLE QUOTATION MARK}": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_SPACE = re.compile(r"\s+")
# Typographic variants folded by the check, for messages that say a difference is only typographic.
TYPOGRAPHIC = frozenset(k for k in map(chr, range(0x2010, 0x2034)) if k.translate(_FOLD) != k) | {"\u2212"}


assert all(code > 0x7F for code in _FOLD)  # fold() relies on it


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Text as the wording check compares it (the same on both sides).

    Every character _FOLD maps is outside ASCII, so ASCII text (most of it, told at once) is not
    translated; and str.split() splits at exactly the characters that _SPACE (`\\s`) matches, so
    joining its words with single spaces collapses the runs and strips the ends as _SPACE and
    strip() would, several times faster. The same text is folded by more than one check (the
    wording and its quotes and dashes), so the last few thousand are kept."""
    if not text.isascii():
        text = text.translate(_FOLD)
    return " ".join(text.split())


# Markup of the extract that is not printed text: bold marks, link targets, HTML elements (read by
# Python's HTML parser, _Tags).
_BOLD = re.compile(r"\*\*")
_LINK = re.compile(r"\[([^\]]*)\]\(#\)")
# In a table's cell, its bullets are elements of these names, or text after a printed bullet mark.
_ITEM_ELEMENTS = frozenset({"ul", "li", "p"})
_BULLET_MARK = "•"
_ROW_NUMBER = re.compile(r"^(\d+\.)\s+(.*)$")
_LIST_NUMBER = re.compile(r"^(\d+)\*\*\s*(.*)$")  # "- 1** To create…": a numbered item printed in bold
_PAGE = re.compile(r"^(.*?)[.\s]*$")


class _Tags(HTMLParser):
    """Where the tags of a piece of an extract are, found by Python's HTML parser: (start, end, name,
    whether a start tag), in order. Everything else, character references included, is text as written."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self._lines = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]  # where each line starts
        self.found: list[tuple[int, int, str, bool]] = []
        if "<" in text:
            self.feed(text)
            self.close()

    def _start(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._start()
        self.found.append((start, start + len(self.get_starttag_text() or ""), tag, True))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        start = self._start()
        self.found.append((start, self.text.index(">", start) + 1, tag, False))


def _text_between(text: str, cuts: list[tuple[int, int]]) -> list[str]:
    """The pieces of `text` around the spans `cuts` (in order)."""
    pieces, done = [], 0
    for start, end in cuts:
        pieces.append(text[done:start])
        done = end
    return [*pieces, text[done:]]


def _printed(text: str) -> str:
    """The text a reader of the PDF sees: the extract's markup removed (source side only), each tag
    read as a space, white space collapsed, its own quotes and dashes kept."""
    text = _LINK.sub(r"\1", _BOLD.sub("", text))
    return _SPACE.sub(" ", " ".join(_text_between(text, [(s, e) for s, e, _, _ in _Tags(text).found]))).strip()


def _cell_items(cell: str) -> tuple[list[str], int | None]:
    """A table cell's pieces between its bullets (the elements of _ITEM_ELEMENTS, opening or closing,
    and the bullet marks in its text), and where its first bullet starts (a <ul> or <li>, or a mark)."""
    tags = _Tags(cell).found
    cuts = [(s, e) for s, e, name, _ in tags if name in _ITEM_ELEMENTS]
    inside_tags = [(s, e) for s, e, _, _ in tags]
    marks = [i for i, c in enumerate(cell) if c == _BULLET_MARK and not any(s <= i < e for s, e in inside_tags)]
    cuts = sorted(cuts + [(i, i + len(_BULLET_MARK)) for i in marks])
    starts = [s for s, _, name, opening in tags if opening and name in ("ul", "li")] + marks
    return _text_between(cell, cuts), min(starts, default=None)


@dataclass(frozen=True)
class Block:
    kind: str  # heading, paragraph, item, table-heading, row-title, row-item, contents
    text: str  # as printed, folded
    line: int  # 1-based line of the extract where the block starts
    level: int = 0  # headings: 1 for a top-level section
    number: str | None = None  # a heading's, row's or numbered item's printed number ("1.")
    row: int | None = None  # row-title and row-item: the index of the row's title block
    printed: str = ""  # as printed, with the source's own quotes and dashes (for storing verbatim)


def _block(kind: str, printed: str, line: int, **fields: Any) -> Block:
    return Block(kind, fold(printed), line, printed=printed, **fields)


def span_at(text: str, wanted: str) -> int | None:
    """Where `wanted` occurs in `text` as whole words (not starting or ending inside a word)."""
    if not wanted:
        return None
    start = text.find(wanted)
    while start != -1:
        end = start + len(wanted)
        before_ok = start == 0 or not (text[start - 1].isalnum() and wanted[0].isalnum())
        after_ok = end == len(text) or not (text[end].isalnum() and wanted[-1].isalnum())
        if before_ok and after_ok:
            return start
        start = text.find(wanted, start + 1)
    return None


@dataclass
class Outline:
    """A source extract as blocks in printed order. Once parse_outline has made it, its blocks do not
    change: what is worked out from them (its headings, its text as one string) is kept."""

    blocks: list[Block] = field(default_factory=list)
    _headings: list[int] | None = field(default=None, repr=False, compare=False)
    _joined: tuple[str, list[int]] | None = field(default=None, repr=False, compare=False)

    def headings(self) -> list[int]:
        if self._headings is None:
            self._headings = [i for i, b in enumerate(self.blocks) if b.kind == "heading"]
        return self._headings

    def first_span(self, wanted: str) -> tuple[int, int] | None:
        """The first block (its index) whose text holds `wanted` (folded) as whole words, and where in
        the block it starts; as trying each block in turn with span_at, in one search.

        The blocks' texts are searched as one, a line break between each: folded text holds no line
        break, so no match spans two blocks, and a line break, like the start or end of a block's
        text, is no letter or digit, so a match at the edge of a block is whole words just as it is
        in the block alone."""
        if not wanted:
            return None
        if self._joined is None:
            starts, at = [], 0
            for block in self.blocks:
                starts.append(at)
                at += len(block.text) + 1
            self._joined = "\n".join(b.text for b in self.blocks), starts
        text, starts = self._joined
        start = span_at(text, wanted)
        if start is None:
            return None
        index = bisect.bisect_right(starts, start) - 1
        return index, start - starts[index]

    def section(self, index: int) -> range:
        """The blocks printed under the heading at `index`, up to the next heading of its level or above."""
        level = self.blocks[index].level
        end = next((j for j in range(index + 1, len(self.blocks))
                    if self.blocks[j].kind == "heading" and self.blocks[j].level <= level), len(self.blocks))
        return range(index + 1, end)

    def find_headings(self, title: str) -> list[int]:
        wanted = fold(title)
        return [i for i in self.headings() if self.blocks[i].text == wanted]


def parse_outline(text: str) -> Outline:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    contents = _contents_titles(lines)
    outline = Outline()
    blocks = outline.blocks
    paragraph: list[str] = []
    paragraph_line = 0
    last_row: int | None = None

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            _add_paragraph(blocks, " ".join(paragraph), paragraph_line, contents)
            paragraph = []

    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if "\t" in line:
            flush()
            first, _, rest = line.partition("\t")
            if first == "" and last_row is not None:  # a row that goes on after a page break
                _add_items(blocks, rest, number, last_row, continues=True)
            elif first.strip() == "Area":
                blocks.append(_block("table-heading", _printed(rest), number))
            elif _PAGE.match(rest).group(1).isdigit() or rest.strip().isdigit():
                blocks.append(_block("contents", _PAGE.match(_printed(first)).group(1), number))
            else:
                match = _ROW_NUMBER.match(_printed(first))
                row_number, title = (match.group(1), match.group(2)) if match else (None, _printed(first))
                last_row = len(blocks)
                blocks.append(_block("row-title", title, number, number=row_number, row=last_row))
                _add_items(blocks, rest, number, last_row, continues=False)
            continue
        last_row = None
        heading = re.match(r"^(#+)\s+(.*)$", line)
        if heading:
            flush()
            blocks.append(_block("heading", _printed(heading.group(2)), number, level=len(heading.group(1))))
            continue
        if line.startswith("- "):
            flush()
            item = line[2:]
            numbered = _LIST_NUMBER.match(item)
            if numbered:
                blocks.append(_block("item", _printed(numbered.group(2)), number, number=numbered.group(1)))
            else:
                blocks.append(_block("item", _printed(item), number))
            continue
        if not paragraph:
            paragraph_line = number
        paragraph.append(line)
    flush()
    return outline


def _contents_titles(lines: list[str]) -> dict[str, int]:
    """Titles that the Contents list names (case folded), with their level: numbered ones are 1."""
    titles: dict[str, int] = {}
    for line in lines:
        first, tab, rest = line.partition("\t")
        if tab and rest.strip().isdigit() and first.strip():
            title = _printed(_PAGE.match(first).group(1))
            titles[title.casefold()] = 1 if _ROW_NUMBER.match(title) else 2
    return titles


def _add_paragraph(blocks: list[Block], text: str, line: int, contents: dict[str, int]) -> None:
    printed = _printed(text)
    level = contents.get(printed.casefold())
    if level is not None and not text.startswith("**"):
        match = _ROW_NUMBER.match(printed)
        if match:
            blocks.append(_block("heading", match.group(2), line, level=level, number=match.group(1)))
        else:
            blocks.append(_block("heading", printed, line, level=level))
        return
    numbered = _ROW_NUMBER.match(printed)
    if numbered and level is None:  # "1. To create a framework…": a numbered paragraph
        blocks.append(_block("item", numbered.group(2), line, number=numbered.group(1)))
        return
    previous = blocks[-1] if blocks else None
    # A paragraph that a page break cut in two goes on with a small letter.
    if previous is not None and previous.kind == "paragraph" and printed[:1].islower():
        blocks[-1] = _block("paragraph", f"{previous.printed} {printed}", previous.line)
        return
    blocks.append(_block("paragraph", printed, line))


def _add_items(blocks: list[Block], cell: str, line: int, row: int, *, continues: bool) -> None:
    parts, first_bullet = _cell_items(cell)
    if continues:
        # Text before the first bullet of a continued row ends the row's last bullet.
        head, cell = (cell[:first_bullet], cell[first_bullet:]) if first_bullet is not None else (cell, "")
        head = _printed(head)
        if head and blocks[-1].kind == "row-item":
            last = blocks[-1]
            blocks[-1] = _block("row-item", f"{last.printed} {head}", last.line, row=row)
        parts, _ = _cell_items(cell)
    for part in parts:
        part = _printed(part)
        if part:
            blocks.append(_block("row-item", part, line, row=row))
