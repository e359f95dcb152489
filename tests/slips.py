"""The slips an officer makes when editing YAML by hand, applied to any data file.

Each slip takes a file's text and returns (the broken text, the 1-based line the message must
name), choosing a suitable line programmatically so every data file gets every slip.
"""
from __future__ import annotations

import re
from collections.abc import Callable

Slip = Callable[[str], "tuple[str, int] | None"]

# An indented `key: value` line with a plain one-line value (no quotes, brackets or block markers).
_PLAIN = re.compile(r"^( +)(- )?([a-z_]+): ([A-Za-z][^#\"'\[\]{}]*)$")
_KEY = re.compile(r"^( +)(- )?[a-z_]+:")
_FLOW = re.compile(r"^( +)(- )?([a-z_]+): \[[^\]]*\]$")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _pick(lines: list[str], pattern: re.Pattern[str], nested: bool = False) -> int | None:
    """A matching line from the middle of the file (stable, not the first line of a block)."""
    found = [i for i, line in enumerate(lines) if pattern.match(line) and i > 1
             and (not nested or len(pattern.match(line).group(1)) >= 4)]
    return found[len(found) // 2] if found else None


def tab(text: str) -> tuple[str, int] | None:
    lines = _lines(text)
    at = _pick(lines, _KEY)
    if at is None:
        return None
    lines[at] = "\t" + lines[at].lstrip(" ")
    return "\n".join(lines), at + 1


def wrong_indent(text: str) -> tuple[str, int] | None:
    """One space too many before a field that follows another field of the same record."""
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if i > 1 and _KEY.match(line) and not line.lstrip().startswith("- ")
                  and _KEY.match(lines[i - 1]) and _indent(lines[i - 1]) == _indent(line)
                  and not lines[i - 1].rstrip().endswith((":", ">-", "|", ">", "|-"))]
    if not candidates:
        return None
    at = candidates[len(candidates) // 2]
    lines[at] = " " + lines[at]
    return "\n".join(lines), at + 1


def unquoted_colon(text: str) -> tuple[str, int] | None:
    lines = _lines(text)
    at = _pick(lines, _PLAIN)
    if at is None:
        return None
    m = _PLAIN.match(lines[at])
    lines[at] = f"{m.group(1)}{m.group(2) or ''}{m.group(3)}: Note: {m.group(4)}"
    return "\n".join(lines), at + 1


def unclosed_quote(text: str) -> tuple[str, int] | None:
    lines = _lines(text)
    at = _pick(lines, _PLAIN)
    if at is None:
        return None
    m = _PLAIN.match(lines[at])
    lines[at] = f'{m.group(1)}{m.group(2) or ""}{m.group(3)}: "{m.group(4)}'
    return "\n".join(lines), at + 1


def unclosed_bracket(text: str) -> tuple[str, int] | None:
    lines = _lines(text)
    at = _pick(lines, _FLOW)
    if at is None:
        at = _pick(lines, _PLAIN)
        if at is None:
            return None
        m = _PLAIN.match(lines[at])
        lines[at] = f"{m.group(1)}{m.group(2) or ''}{m.group(3)}: [{m.group(4)}"
    else:
        lines[at] = lines[at].rstrip("]")
    return "\n".join(lines), at + 1


def stray_dash(text: str) -> tuple[str, int] | None:
    """A line holding only `-`, in a list of records (an empty item)."""
    lines = _lines(text)
    items = [i for i, line in enumerate(lines) if re.match(r"^( *)- [a-z_]+:", line) and i > 1]
    if not items:
        return None
    at = items[len(items) // 2]
    indent = len(lines[at]) - len(lines[at].lstrip(" "))
    lines.insert(at, " " * indent + "-")
    return "\n".join(lines), at + 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


SLIPS: dict[str, Slip] = {
    "tab": tab, "wrong-indent": wrong_indent, "unquoted-colon": unquoted_colon,
    "unclosed-quote": unclosed_quote, "unclosed-bracket": unclosed_bracket, "stray-dash": stray_dash,
}
