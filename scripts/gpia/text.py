"""Escaping data text for where it is shown: HTML, Markdown, a GitHub code span, one line of a log.

The bottom of the core's layers (it imports nothing of gpia), so that any layer can make data text
safe without reaching up: the problems of gpia.load print with `log_line`, the views escape with
`esc`. The data comes from pull requests, some from forks, so any text in it may be hostile.
"""
from __future__ import annotations

import html
import re

# Python-Markdown's backslash-escapable characters; escaping them keeps data text literal.
# `<`, `>` and `&` are turned into entities first instead (a backslash would show).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_COMMAND_START = re.compile(r"^(\s*)::")
_BACKTICKS = re.compile(r"`+")
# Where "##[" would be: the split goes between the two "#".
_LEGACY_COMMAND = re.compile(r"(?<=#)(?=#\[)")


def esc(text: str) -> str:
    """Data text as HTML text or attribute value. Line breaks become &#10; (the same character to a
    browser), so no blank line from the data ever splits a block of the page's HTML: Markdown, and
    gpia.pages.generated, read a blank line as the end of an HTML block."""
    return html.escape(text, quote=True).replace("\n", "&#10;")


def md_text(text: str) -> str:
    """Data text for a Markdown heading or paragraph: every syntax character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def one_line(text: str) -> str:
    """The text on one line: each line break written as the two characters \\n (or \\r)."""
    return _LINE_BREAK.sub(lambda m: m.group(0).replace("\r", "\\r").replace("\n", "\\n"), text)


def log_line(line: str) -> str:
    """One line of a log, which the Actions runner will print and not run as a command: a line that
    starts with `::` (after any white space) or holds `##[` is written with the runner's own escapes
    for `:` and `[` (gpia.tools.github_text)."""
    return _COMMAND_START.sub(r"\1%3A%3A", line).replace("##[", "##%5B")


def log_text(text: str) -> str:
    """`log_line` applied to every line of the text (the runner splits lines at CR, LF and CRLF)."""
    return "\n".join(log_line(line) for line in _LINE_BREAK.split(text))


def code(text: str) -> str:
    """The text as a GitHub Markdown code span that no text can close or break out of."""
    text = one_line(text)
    # "##[" is split over two adjacent spans (an HTML comment, which GitHub drops, keeps them
    # apart), so that not even the Markdown source holds a workflow command (see log_text).
    return "<!-- -->".join(_span(part) for part in _LEGACY_COMMAND.split(text))


def _span(text: str) -> str:
    if not text:
        return "` `"
    fence = "`" * (1 + max((len(run) for run in _BACKTICKS.findall(text)), default=0))
    # CommonMark removes one space from each end of a span that has them: pad a text that begins or
    # ends with a space or backtick (a backtick there would join the fence) so that it stays whole.
    # A text of spaces only is kept as it is.
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    if not text.strip(" "):
        pad = ""
    return f"{fence}{pad}{text}{pad}{fence}"
