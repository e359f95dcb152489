"""Turning data text into safe HTML and Markdown.

Text from YAML is data, never markup: it is escaped before it reaches a page, so `<script>`
shows as text. Macro output is not rendered again by Jinja, so `{{ }}` in data also prints as is.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

# Python-Markdown's backslash-escapable characters; escaping them keeps data text literal.
# `<`, `>` and `&` are turned into entities first instead (a backslash would show).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def esc(text: str) -> str:
    """Data text as HTML text or attribute value. Line breaks become &#10; (the same character to a
    browser), so no blank line from the data ever splits a block of the page's HTML: Markdown, and
    gpia.generated, read a blank line as the end of an HTML block."""
    return html.escape(text, quote=True).replace("\n", "&#10;")


def md_text(text: str) -> str:
    """Data text for a Markdown heading or paragraph: every syntax character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


class Abbreviations:
    """Wraps known abbreviations in escaped text with <abbr title=...> for tooltips."""

    def __init__(self, definitions: dict[str, str]):
        self.definitions = definitions
        ordered = sorted(definitions, key=lambda a: (-len(a), a))
        self._pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(esc(a)) for a in ordered) + r")(?![\w-])") \
            if ordered else None

    def __call__(self, escaped: str) -> str:
        if self._pattern is None:
            return escaped
        return self._pattern.sub(
            lambda m: f'<abbr title="{esc(self.definitions[html.unescape(m.group(1))])}">{m.group(1)}</abbr>', escaped)

    def markdown_definitions(self) -> str:
        """Definitions for Python-Markdown's abbr extension, for the page's own Markdown text."""
        return "\n".join(f"*[{a}]: {self.definitions[a]}" for a in sorted(self.definitions))


def attrs(**values: str | None) -> str:
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in values.items() if v is not None)


def tag(name: str, body: str, **values: str | None) -> str:
    return f"<{name}{attrs(**values)}>{body}</{name}>"


def join(parts: Iterable[str]) -> str:
    return "".join(parts)
