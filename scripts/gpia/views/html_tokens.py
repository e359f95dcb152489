"""Finished HTML read with a real HTML parser, so that it is changed only where the parser finds
a tag or a run of text, and every other byte stays as the page had it.

Python's own `html.parser` reads the page (as a browser's tokenizer does: attributes quoted either
way or not at all, `>` inside a quoted value, comments, script and style content); each start tag,
end tag and run of text comes with its offsets in the page. A caller rewrites the pieces it needs
and copies the rest, so a page keeps its bytes wherever nothing is marked (a parser that builds a
tree, lxml's, writes the whole page anew).
"""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Tag:
    start: int  # offset of its "<" in the page
    end: int  # offset just after its ">"
    name: str  # lower case
    attrs: tuple[tuple[str, str | None], ...]  # values with their character references resolved
    closing: bool = False  # an end tag, </name>
    self_closing: bool = False  # written <name ... />

    def attr(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.attrs)


@dataclass(frozen=True)
class Text:
    start: int
    end: int  # the raw text of the page between two tags (character references as written)


class _Reader(HTMLParser):
    """Records where each tag, comment and declaration is; everything between them is text."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=False)
        self.page = page
        self.found: list[Tag | Text] = []
        self._done = 0  # the end of the last tag or comment recorded
        self._pending: tuple[str, tuple[tuple[str, str | None], ...], bool, bool] | None = None

    def _base(self) -> int:
        # The parser keeps only the part of the page it has not read yet.
        return len(self.page) - len(self.rawdata)

    def _region(self, start: int, end: int) -> None:
        if start > self._done:
            self.found.append(Text(self._done, start))
        pending, self._pending = self._pending, None
        if pending is not None:
            name, attrs, closing, self_closing = pending
            self.found.append(Tag(start, end, name, attrs, closing, self_closing))
        self._done = end

    def _parse(self, parse, i: int, *args: object) -> int:  # type: ignore[no-untyped-def]
        start = self._base() + i
        end = parse(i, *args)
        if end >= 0 and (self._pending is not None or parse.__name__ not in ("parse_starttag", "parse_endtag")):
            self._region(start, self._base() + end)
        self._pending = None
        return end

    def parse_starttag(self, i: int) -> int:
        return self._parse(super().parse_starttag, i)

    def parse_endtag(self, i: int) -> int:
        return self._parse(super().parse_endtag, i)

    def parse_comment(self, i: int, report: int = 1) -> int:
        return self._parse(super().parse_comment, i, report)

    def parse_bogus_comment(self, i: int, report: int = 1) -> int:
        return self._parse(super().parse_bogus_comment, i, report)

    def parse_html_declaration(self, i: int) -> int:
        return self._parse(super().parse_html_declaration, i)

    def parse_pi(self, i: int) -> int:
        return self._parse(super().parse_pi, i)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._pending = (tag, tuple(attrs), False, False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._pending = (tag, tuple(attrs), False, True)

    def handle_endtag(self, tag: str) -> None:
        self._pending = (tag, (), True, False)


def tokens(page: str) -> list[Tag | Text]:
    """The page's tags and runs of text, in order (comments, declarations and the like are neither)."""
    reader = _Reader(page)
    reader.feed(page)
    reader.close()
    if reader._done < len(page):
        reader.found.append(Text(reader._done, len(page)))
    return reader.found


def element(read: list[Tag | Text], name: str, css_class: str) -> tuple[int, int] | None:
    """(index of its start tag, index of its end tag) in `read` of the first element `name` whose
    class is `css_class`, elements of the same name inside it counted; None if it is not there."""
    depth, opening = 0, -1
    for index, t in enumerate(read):
        if not isinstance(t, Tag) or t.name != name:
            continue
        if not depth:
            if not t.closing and t.attr("class") == css_class:
                depth, opening = 1, index
        else:
            depth += -1 if t.closing else 1
            if not depth:
                return opening, index
    return None
