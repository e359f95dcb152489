"""Finished HTML read with a real HTML parser, so that it is changed only where the parser finds
a tag or a run of text, and every other byte stays as the page had it.

Python's own `html.parser` reads the page (as a browser's tokenizer does: attributes quoted either
way or not at all, `>` inside a quoted value, comments, script and style content); each start tag,
end tag and run of text comes with its offsets in the page. A caller rewrites the pieces it needs
and copies the rest, so a page keeps its bytes wherever nothing is marked (a parser that builds a
tree, lxml's, writes the whole page anew).
"""
from __future__ import annotations

import re
import string
from html import unescape
from html.parser import (HTMLParser, attrfind_tolerant, charref, endtagfind, locatestarttagend_tolerant,
                         starttagopen, tagfind_tolerant)


class Tag:
    """A start or end tag: its offsets in the page, its name (lower case) and, read when first asked
    for, its attributes (values with their character references resolved)."""

    __slots__ = ("start", "end", "name", "closing", "self_closing", "_attrs", "_page")

    def __init__(self, start: int, end: int, name: str, attrs: tuple[tuple[str, str | None], ...] | None = (),
                 closing: bool = False, self_closing: bool = False, *, page: str = ""):
        self.start, self.end, self.name = start, end, name  # "<" of the tag; just after its ">"
        self.closing, self.self_closing = closing, self_closing  # </name>; written <name ... />
        self._attrs, self._page = attrs, page  # attrs None: read from the page when asked for

    @property
    def attrs(self) -> tuple[tuple[str, str | None], ...]:
        if self._attrs is None:
            after_name = tagfind_tolerant.match(self._page, self.start + 1).end()  # type: ignore[union-attr]
            self._attrs = tuple(_attributes(self._page, after_name, self.end))
        return self._attrs

    def _absent(self, name: str) -> bool:
        # An attribute's name is written in its tag (in any case): most tags are not read at all.
        return self._attrs is None and name not in self._page[self.start:self.end].lower()

    def attr(self, name: str) -> str | None:
        if self._absent(name):
            return None
        return next((value for key, value in self.attrs if key == name), None)

    def has(self, name: str) -> bool:
        if self._absent(name):
            return False
        return any(key == name for key, _ in self.attrs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tag) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple:
        return self.start, self.end, self.name, self.attrs, self.closing, self.self_closing

    def __repr__(self) -> str:
        return f"Tag{self._key()!r}"


class Text:
    """The raw text of the page between two tags (character references as written): its offsets.
    A plain class with slots rather than a frozen dataclass, whose every construction goes through
    object.__setattr__: a page at x100 has thousands of these."""

    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.start, self.end) == (other.start, other.end)

    def __hash__(self) -> int:
        return hash((Text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Text(start={self.start}, end={self.end})"


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


def tokens(page: str, start: int = 0) -> list[Tag | Text]:
    """The page's tags and runs of text, in order (comments, declarations and the like are neither);
    from `start` on, which must be where a tag starts outside any script, style or comment (what
    comes before it is then not read at all)."""
    try:
        return _scan(page, start)
    except _Unsure:
        found = _read(page)
        return [t for t in found if t.start >= start] if start else found


def _read(page: str) -> list[Tag | Text]:
    """tokens() by html.parser itself, for the pages _scan leaves to it."""
    reader = _Reader(page)
    reader.feed(page)
    reader.close()
    if reader._done < len(page):
        reader.found.append(Text(reader._done, len(page)))
    return reader.found


# One pass over the page that finds what html.parser finds (its own patterns, the same order of
# cases as its goahead()), with no method call per tag and attributes read only when asked for: the
# parser itself took a quarter of a build. What it is not sure to read exactly as html.parser does
# (a construct cut off by the end of the page, a "<!" other than a doctype, a character reference
# html.parser stops at) it leaves to html.parser (_Unsure); tests/test_html_tokens.py compares the two.
class _Unsure(Exception):
    pass


_CDATA_END = {name: re.compile(r"</\s*%s\s*>" % name, re.I) for name in HTMLParser.CDATA_CONTENT_ELEMENTS}
_COMMENT_CLOSE = re.compile(r"--\s*>")
_CHARREF_START = re.compile("&#")
_NAME_AT_END = re.compile(r"&[a-zA-Z][-.a-zA-Z0-9]*\Z")
_NOT_WHOLE = frozenset(string.ascii_letters + "=/")
_SPACE = "[ \t\n\r\f]"
# Most tags of a page, written plainly (names of letters and digits, values in double quotes with no
# "<" or ">"; an end tag as </name>), which html.parser reads as a tag ending at the ">" of this match,
# of this name: most of a page is runs of these, read by one search each (_scan).
_SIMPLE_TAG = re.compile(rf'<(?:([a-zA-Z][a-zA-Z0-9]*)(?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*{_SPACE}*(/?)'
                         r'|/([a-zA-Z][a-zA-Z0-9]*))>')


def _scan(page: str, start: int = 0) -> list[Tag | Text]:
    if _NAME_AT_END.search(page) or any(not charref.match(page, m.start()) for m in _CHARREF_START.finditer(page, start)):
        raise _Unsure
    found: list[Tag | Text] = []
    done = i = start  # the end of the last tag or comment found; where the scan is
    n, find, startswith = len(page), page.find, page.startswith
    cdata: str | None = None  # inside <script> or <style>, whose text ends only at their end tag
    simple_tags, append = _SIMPLE_TAG.finditer, found.append
    while i < n:
        if cdata is None:
            # The plain tags from i on, one after another, while no other "<" comes between them;
            # whatever else starts with "<" is read below, one construct at a time.
            for simple in simple_tags(page, i):
                at = simple.start()
                if at > i and find("<", i, at) >= 0:
                    break
                if at > done:
                    append(Text(done, at))
                done = i = simple.end()
                name = simple.group(1)
                if name is None:
                    append(Tag(at, i, simple.group(3).lower(), (), True))
                    continue
                tag = name.lower()
                closed = simple.group(2) == "/"
                append(Tag(at, i, tag, None, False, closed, page=page))
                if not closed and tag in _CDATA_END:
                    cdata = tag
                    break
            if cdata is not None:
                continue
            i = find("<", i)
            if i < 0:
                break
        else:
            cdata_end = _CDATA_END[cdata].search(page, i)
            if cdata_end is None:
                raise _Unsure
            i = cdata_end.start()
        region: tuple[int, Tag | None] | None = None  # (end, tag) of a tag or comment at i
        # (A plain tag at i was read above: what starts here is some other construct.)
        if cdata is None and starttagopen.match(page, i):
            endpos = _start_tag_end(page, i)
            name = tagfind_tolerant.match(page, i + 1)
            rest = page[_attributes_end(page, name.end(), endpos):endpos].strip()
            if rest in (">", "/>"):
                tag = name.group(1).lower()
                region = endpos, Tag(i, endpos, tag, None, False, rest == "/>", page=page)
                if rest == ">" and tag in _CDATA_END:
                    cdata = tag
            else:
                i = endpos  # html.parser's text
        elif startswith("</", i):
            gt = find(">", i + 1)
            if gt < 0:
                raise _Unsure
            whole = endtagfind.match(page, i)
            if whole is None:
                name = None if cdata is not None else tagfind_tolerant.match(page, i + 2)
                if cdata is not None or startswith("</>", i):
                    i = gt + 1 if cdata is not None else i + 3  # text
                elif name is None:
                    region = gt + 1, None  # a bogus comment
                else:
                    end = find(">", name.end()) + 1
                    region = end, Tag(i, end, name.group(1).lower(), (), True)
            elif cdata is not None and whole.group(1).lower() != cdata:
                i = gt + 1  # text
            else:
                region, cdata = (gt + 1, Tag(i, gt + 1, whole.group(1).lower(), (), True)), None
        elif startswith("<!--", i):
            close = _COMMENT_CLOSE.search(page, i + 4)
            if close is None:
                raise _Unsure
            region = close.end(), None
        elif startswith("<?", i):
            gt = find(">", i + 2)
            if gt < 0:
                raise _Unsure
            region = gt + 1, None
        elif startswith("<!", i):
            gt = find(">", i + 9)
            if page[i + 2:i + 9].lower() != "doctype" or gt < 0:
                raise _Unsure
            region = gt + 1, None
        elif i + 1 < n:
            i += 1  # a "<" of the text
        else:
            raise _Unsure
        if region is not None:
            if i > done:
                found.append(Text(done, i))
            if region[1] is not None:
                found.append(region[1])
            done = i = region[0]
    if done < n:
        found.append(Text(done, n))
    return found


def _start_tag_end(page: str, i: int) -> int:
    """html.parser's check_for_whole_start_tag, or _Unsure where it waits for more of the page."""
    j = locatestarttagend_tolerant.match(page, i).end()  # type: ignore[union-attr]
    after = page[j:j + 1]
    if after == ">":
        return j + 1
    if after == "/" and page.startswith("/>", j):
        return j + 2
    if after == "" or after in _NOT_WHOLE:
        raise _Unsure
    return j if j > i else i + 1


def _attribute_matches(page: str, k: int, endpos: int):  # type: ignore[no-untyped-def]
    while k < endpos:
        found = attrfind_tolerant.match(page, k)
        if not found:
            break
        yield found
        k = found.end()


def _attributes_end(page: str, k: int, endpos: int) -> int:
    for found in _attribute_matches(page, k, endpos):
        k = found.end()
    return k


def _attributes(page: str, k: int, endpos: int):  # type: ignore[no-untyped-def]
    """A start tag's attributes, as html.parser's parse_starttag reads them."""
    for found in _attribute_matches(page, k, endpos):
        name, rest, value = found.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
            value = value[1:-1]
        yield name.lower(), unescape(value) if value else value


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
