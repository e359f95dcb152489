"""Quotation marks and dashes in NHS wording that differ from the ones the source prints.

The wording check forgives them (source_outline.fold: a curly and a straight quote are one
character to it), so text pasted from Word passes; but the guide should print the source's own
characters. Each one is a warning, not a problem: `make validate`, the build and a pull request's
annotations show it and still pass, and `make fix` rewrites it.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gpia.load.jsonpaths import find
from gpia.load.problems import DataWarning
from gpia.load.yaml_loader import YamlDocument
from gpia.validate.source_outline import TYPOGRAPHIC, Outline, fold
from gpia.validate.verbatim import WORDING_FIELDS, SourceText, _value_at, raw_index, raw_indexes

QUOTES_AND_DASHES = TYPOGRAPHIC | frozenset("'\"-")
_QUOTE_OR_DASH = re.compile("[" + re.escape("".join(sorted(QUOTES_AND_DASHES))) + "]")


@dataclass(frozen=True)
class Difference:
    """One quote or dash written where the source prints another (line and column from 1)."""

    doc: YamlDocument
    path: tuple[Any, ...]  # the wording value's
    source: str  # the source's id
    line: int
    col: int
    written: str
    printed: str

    def warning(self) -> DataWarning:
        return DataWarning(self.doc.path, self.line, self.col, (
            f"'{_field(self.path)}' has {character_name(self.written)} where source '{self.source}' prints "
            f"{character_name(self.printed)}; the wording check forgives it, but the guide should print the "
            "source's character: run make fix"))


def character_name(char: str) -> str:
    """RIGHT SINGLE QUOTATION MARK ’ (the name first: a quote is hard to tell from another by eye)."""
    return f"{unicodedata.name(char, f'U+{ord(char):04X}')} {char}"


def _field(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def source_of(doc: YamlDocument, path: tuple[Any, ...]) -> str | None:
    """The source a wording value is checked against: its quote's, else its file's."""
    for cut in range(len(path), -1, -1):
        holder = _value_at(doc.data, path[:cut])
        if isinstance(holder, dict) and isinstance(holder.get("source"), str):
            return holder["source"]
    section = doc.data.get("section") if isinstance(doc.data, dict) else None
    return section.get("source") if isinstance(section, dict) else None


def differences(docs: list[tuple[str, YamlDocument]], texts: dict[str, SourceText],
                lines_of: Any) -> Iterator[Difference]:
    """Every quote or dash of the NHS wording of `docs` (valid files) that differs from its source's.
    `lines_of(doc)` gives the file's lines, to place each character."""
    for kind, doc in docs:
        lines: list[str] | None = None
        for file_kind, pattern, _ in WORDING_FIELDS:
            if file_kind != kind:
                continue
            for path, value in find(doc.data, pattern):
                if not isinstance(value, str) or not _QUOTE_OR_DASH.search(value):
                    continue
                source_id = source_of(doc, path) or ""
                source = texts.get(source_id)
                if source is None or source.outline is None:
                    continue
                for k, written, printed in _differences(value, source.outline):
                    lines = lines if lines is not None else lines_of(doc)
                    at = _locate(doc, path, value, raw_index(value, k), lines)
                    if at:
                        yield Difference(doc, path, source_id, *at, written, printed)


def typography_warnings(docs: list[tuple[str, YamlDocument]], texts: dict[str, SourceText],
                        lines_of: Any) -> list[DataWarning]:
    return sorted(d.warning() for d in differences(docs, texts, lines_of))


def _differences(value: str, outline: Outline) -> list[tuple[int, str, str]]:
    wanted = fold(value)
    # The first block that is the value, or holds it as whole words (Outline.first_span); a value
    # that folds to nothing is only ever a block that is empty too.
    found = outline.first_span(wanted) if wanted else \
        next(((i, 0) for i, b in enumerate(outline.blocks) if b.text == wanted), None)
    if found is not None:
        block, start = outline.blocks[found[0]], found[1]
        theirs_at = _raw_indexes_of(block.printed)
        # Folding maps each quote or dash to one character and leaves every other character that is not
        # white space as it is, so the value's quotes and dashes pair off in order with those of the
        # block's span: when the two runs are the same, no character differs (most values, at once).
        first, last = theirs_at.get(start), theirs_at.get(start + len(wanted) - 1)
        if first is not None and last is not None and \
                _QUOTE_OR_DASH.findall(value) == _QUOTE_OR_DASH.findall(block.printed, first, last + 1):
            return []
        out = []
        # Each folded offset's character in the value and in the block, from one pass over each (one
        # pass per offset made this quadratic in the length of the source's blocks).
        ours_at = raw_indexes(value)
        for k in range(len(wanted)):
            ours = value[ours_at.get(k)]  # type: ignore[index]
            theirs = block.printed[theirs_at.get(start + k)]  # type: ignore[index]
            if ours != theirs and ours in QUOTES_AND_DASHES and theirs in QUOTES_AND_DASHES and fold(ours) == fold(theirs):
                out.append((k, ours, theirs))
        return out
    return []


@functools.lru_cache(maxsize=4096)
def _raw_indexes_of(printed: str) -> dict[int, int]:
    """A source block's raw indexes, made once per run: every wording value quoted from it reads them."""
    return raw_indexes(printed)


def _locate(doc: YamlDocument, path: tuple[Any, ...], value: str, at: int | None,
            lines: list[str]) -> tuple[int, int] | None:
    if at is None:
        return None
    start = doc.origin(path)
    word = at
    while word > 0 and not value[word - 1].isspace():
        word -= 1
    fragment = value[word:at + 1]
    for number in range(start.line - 1, min(len(lines), start.line + 400)):
        col = lines[number].find(fragment, start.col - 1 if number == start.line - 1 else 0)
        if col != -1:
            return number + 1, col + at - word + 1
    return None
