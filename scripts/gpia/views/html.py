"""Turning data text into safe HTML and Markdown.

Text from YAML is data, never markup: it is escaped before it reaches a page, so `<script>`
shows as text. Macro output is not rendered again by Jinja, so `{{ }}` in data also prints as is.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from gpia.text import esc, md_text  # noqa: F401  (the views import them from here)
from gpia.views.html_tokens import Tag, Text, tokens
from gpia.views.templating import markup, render

# Elements whose text never gets a tooltip: code and preformatted text show characters exactly, an
# existing <abbr> already has one, a redline's <del> and <ins> mark words changed in a text that is
# shown in full beside them, and the others are not text a reader reads.
_NO_TOOLTIPS = frozenset({"abbr", "code", "kbd", "pre", "samp", "del", "ins", "script", "style", "textarea", "svg",
                          "math", "template"})
# An element with this attribute gets none either: for a view that writes a term's abbreviation
# next to its expansion (the glossary list), where a tooltip would only repeat it.
NO_TOOLTIPS_ATTR = "data-gpia-no-tooltips"
# Elements that have no content, hence no end tag to wait for.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


class Abbreviations:
    """Tooltips: each known abbreviation in the text of a page's HTML wrapped in <abbr title="term">.

    Applied once per page to its finished HTML (`in_html`; the build marks the runs of text of the
    page's content with `marked_runs` as it adds the search marks), never through Markdown: the term is
    only ever written as an attribute value, escaped for the browser and for Material's tooltips
    (`tooltip_title`), and the abbreviation's own characters are left exactly as the page had them.
    The page is read with an HTML parser (gpia.views.html_tokens), and one regular expression, built
    once per build, finds the abbreviations in each run of its text, so a page costs the same whether
    the glossary has 20 abbreviations or 2,000.
    """

    def __init__(self, definitions: dict[str, str]):
        self.definitions = {_SPACE.sub(" ", a): term for a, term in definitions.items() if a.strip()}
        self._titles = {a: tooltip_title(term) for a, term in self.definitions.items()}
        self._tooltips: dict[tuple[str, str], str] = {}  # (title, text) -> its <abbr>, rendered once
        self._words = None
        if self.definitions:
            # Not after "&" or "#" either, so that no match starts inside a character reference.
            self._words = re.compile(rf"(?<![\w&#-])(?:{_trie_pattern(sorted(self.definitions))})(?![\w-])")

    def in_html(self, page_html: str) -> str:
        """The page's HTML with a tooltip on every abbreviation in its text: never inside a tag or an
        attribute, nor inside an element of _NO_TOOLTIPS or one marked with NO_TOOLTIPS_ATTR."""
        if self._words is None:
            return page_html
        page_html = str(page_html)  # slices of Markup would be escaped when joined
        return splice(page_html, [(run.start, run.end, run.marked) for run in self.marked_runs(page_html, tokens(page_html))])

    def marked_runs(self, page: str, read: list[Tag | Text]) -> list[MarkedRun]:
        """Each run of text of `read` (tokens of `page`, in order) that gets a tooltip, with its HTML
        then, the titles given and its text in the pieces the tooltips' tags separate."""
        if self._words is None:
            return []
        skipping: str | None = None  # the name of the element whose text gets no tooltip, while in it
        depth = 0  # how many elements of that name are open (nested ones included)
        runs: list[MarkedRun] = []
        for token in read:
            if isinstance(token, Tag):
                if skipping is None:
                    if token.name not in _VOID and not token.closing and not token.self_closing and (
                            token.name in _NO_TOOLTIPS or token.has(NO_TOOLTIPS_ATTR)):
                        skipping, depth = token.name, 1
                elif token.name == skipping and not token.self_closing:
                    depth += -1 if token.closing else 1
                    if depth == 0:
                        skipping = None
            elif skipping is None:
                text = page[token.start:token.end]
                titles: list[str] = []
                cuts: list[int] = []
                marked = self._words.sub(lambda m: self._abbr(m, titles, cuts), text)
                if marked != text:
                    pieces = [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)])]
                    runs.append(MarkedRun(token.start, token.end, marked, tuple(titles), tuple(pieces)))
        return runs

    def _abbr(self, match: re.Match[str], titles: list[str], cuts: list[int]) -> str:
        found = match.group(0)
        title = self._titles.get(_SPACE.sub(" ", html.unescape(found)))
        if title is None:
            return found
        titles.append(title)
        cuts += [match.start(), match.end()]
        tooltip = self._tooltips.get((title, found))
        if tooltip is None:
            tooltip = self._tooltips[title, found] = str(render("abbr.html", title=title, text=markup(found)))
        return tooltip


@dataclass(frozen=True)
class MarkedRun:
    """A run of text given tooltips: its offsets in the page, its HTML with them, the title of each,
    and its text cut where each tooltip's tags start and end (as a parser of the new HTML reads it)."""

    start: int
    end: int
    marked: str
    titles: tuple[str, ...]
    pieces: tuple[str, ...]


def splice(page: str, edits: list[tuple[int, int, str]]) -> str:
    """`page` with each (start, end, replacement) made, the edits in order and apart."""
    out, done = [], 0
    for start, end, replacement in edits:
        out += [page[done:start], replacement]
        done = end
    return "".join(out) + page[done:] if out else page


_SPACE = re.compile(r"[ \t\n]")


def tooltip_title(term: str) -> str:
    """The text of the title attribute that gives `term` as a tooltip, before attribute escaping: on
    one line (a tooltip is a short phrase, and a title keeps line breaks). Material's content.tooltips
    would add a title to its tooltip as HTML; overrides/main.html makes it add text instead, for
    every title on the page (page titles cut short in the navigation hold data too)."""
    return " ".join(term.split())


def _in_html_text(char: str) -> str:
    """A pattern for one character as HTML text may write it: itself, or a character reference.
    A space may also be a line break (a paragraph wrapped between the words of "GP IA")."""
    if char == " ":
        return r"(?:[ \t\n]|&#10;)"
    if char.isalnum():
        return re.escape(char)
    spellings = {html.escape(char, quote=False), html.escape(char, quote=True), f"&#{ord(char)};",
                 f"&#x{ord(char):x};", f"&#x{ord(char):X};"}
    if char not in "&<>":
        spellings.add(char)
    return "(?:" + "|".join(re.escape(s) for s in sorted(spellings, key=lambda s: (-len(s), s))) + ")"


def _trie_pattern(words: list[str]) -> str:
    """An alternation of `words` factored by common prefixes (a trie), longest match first.

    Python's `re` tries the branches of a plain alternation one after another at every position
    of the text; factored, it tries at most one branch per character that can start a word."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [_in_html_text(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A word ends here: the longer words are tried first (greedy), then this one.
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)
