"""Rules for every piece of text in the data, whatever its field: no invisible characters.

A zero-width space, a bidi control or a soft hyphen cannot be seen in an editor or in a pull
request's diff, yet it changes what a reader's browser shows and what a search finds, and it can
make two different texts look the same. So every string value in every file is refused if it holds
one, with the code point named and its line and column.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from gpia.load.problems import Problem
from gpia.load.yaml_loader import YamlDocument

# Visible, but not "ordinary" space or control: still refused, by name.
_EXTRA_INVISIBLE = frozenset(
    [0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])


# Every ASCII character that `invisible` refuses: the control characters but the line break.
_ASCII_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")


def invisible(c: str) -> str | None:
    """What kind of character `c` is, if it is one the data refuses; None for an ordinary character."""
    if c == "\n" or c == " ":
        return None
    category = unicodedata.category(c)
    if category == "Cc":
        return "a control character"
    if category == "Cf":
        return "an invisible formatting character"
    if category in ("Zs", "Zl", "Zp"):
        return "an unusual space or line separator"
    if category in ("Co", "Cs", "Cn"):
        return "a private-use or unassigned code point"
    if ord(c) in _EXTRA_INVISIBLE:
        return "an invisible character"
    return None


def describe(c: str) -> str:
    name = unicodedata.name(c, "")  # control characters have no name
    return f"U+{ord(c):04X} {name}" if name else f"U+{ord(c):04X}"


def text_problems(docs: list[tuple[str, YamlDocument]], root: Path | None = None) -> list[Problem]:
    problems: list[Problem] = []
    for _, doc in docs:
        texts = document_strings(doc)
        # Text all in ASCII with no control character but the line break holds nothing to refuse (an
        # escape such as "\x01" in quotes is a control character in the value): most files, at once.
        joined = "\n".join([value for _, value in texts])
        if joined.isascii() and not _ASCII_CONTROL.search(joined):
            continue
        for path, value in texts:
            # Most text is plain ASCII and printable: check only what could hold such a character.
            if value.isascii() and value.isprintable() or not _any_invisible(value):
                continue
            bad = next(c for c in value if invisible(c))
            kind = invisible(bad)
            field = next((p for p in reversed(path) if isinstance(p, str)), "value")
            fix = "type an ordinary space instead" if kind.startswith("an unusual space") else \
                "delete it (retype the text around it if you cannot see where it is)"
            origin = _position(doc, path, bad, root)
            problems.append(Problem(origin[0], origin[1], origin[2],
                                    f"'{field}' contains {describe(bad)}, {kind}; {fix}"))
    return problems


def has_invisible(value: str) -> bool:
    return not (value.isascii() and value.isprintable()) and _any_invisible(value)


# str.isprintable() is False exactly for the categories `invisible` refuses (control, format,
# surrogate, private-use, unassigned, and every space or separator but the ASCII space), from the same
# Unicode data: so text that is printable once its line breaks are spaces, and holds none of the
# extra characters, has nothing to refuse, found without looking at each character in Python.
def _ranges(codes: frozenset[int]) -> str:
    """A regular expression's set of the characters `codes`, as ranges (a set listing hundreds of
    characters one by one is searched a hundred times slower)."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]"


_EXTRA = re.compile(_ranges(_EXTRA_INVISIBLE))


def _any_invisible(value: str) -> bool:
    if value.replace("\n", " ").isprintable() and not _EXTRA.search(value):
        return False
    return any(invisible(c) for c in value if not (c.isascii() and c.isprintable()))


def strings(value: Any, path: tuple[Any, ...] = ()):
    """Every string in loaded data, with its path (keys and list indexes)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, path + (index,))


def document_strings(doc: YamlDocument) -> list[tuple[tuple[Any, ...], str]]:
    """Every string of the document with its path, in the file's order: as the parser met them, or
    walked from the data when it was not parsed in this run (from the cache)."""
    return doc.texts if doc.texts is not None else list(strings(doc.data))


def _position(doc: YamlDocument, path: tuple[Any, ...], c: str, root: Path | None) -> tuple[str, int, int]:
    """The line and column of the character itself when the file holds it as written; else the value's."""
    start = doc.origin(path)
    if root is not None:
        try:
            lines = (root / doc.path).read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            lines = []
        for number in range(start.line - 1, len(lines)):
            text = lines[number]
            col = text.find(c, start.col - 1 if number == start.line - 1 else 0)
            if col != -1:
                return doc.path, number + 1, col + 1
    return start.path, start.line, start.col
