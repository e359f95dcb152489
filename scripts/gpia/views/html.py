"""Turning data text into safe HTML and Markdown.

Text from YAML is data, never markup: it is escaped before it reaches a page, so `<script>`
shows as text. Macro output is not rendered again by Jinja, so `{{ }}` in data also prints as is.
"""
from __future__ import annotations

import html
import re

from gpia.text import esc, md_text  # noqa: F401  (the views import them from here)

# Elements whose text never gets a tooltip: code and preformatted text show characters exactly, an
# existing <abbr> already has one, a redline's <del> and <ins> mark words changed in a text that is
# shown in full beside them, and the others are not text a reader reads (script, style and
# textarea are also skipped whole by _RAW; listed here too in case one is never closed).
_NO_TOOLTIPS = frozenset({"abbr", "code", "kbd", "pre", "samp", "del", "ins", "script", "style", "textarea", "svg",
                          "math", "template"})
# An element with this attribute gets none either: for a view that writes a term's abbreviation
# next to its expansion (the glossary list), where a tooltip would only repeat it.
NO_TOOLTIPS_ATTR = "data-gpia-no-tooltips"
_OPT_OUT = re.compile(rf"\s{NO_TOOLTIPS_ATTR}(?=[\s=/>])")
# Elements that have no content, hence no end tag to wait for.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})
# A tag, its attribute values quoted with " or ' (which may hold ">").
_TAG_BODY = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
# Tokens of a page's HTML that are never changed: comments, declarations, and elements whose
# content is raw text (a "<" inside a script is not a tag).
_RAW = (r"<!--.*?-->|<![^>]*>|<\?[^>]*>"
        + "".join(rf"|(?i:<{name}\b{_TAG_BODY}>.*?</{name}\s*>)" for name in ("script", "style", "textarea")))


class Abbreviations:
    """Tooltips: each known abbreviation in the text of a page's HTML wrapped in <abbr title="term">.

    Applied once per page to its finished HTML (`in_html`), never through Markdown: the term is
    only ever written as an attribute value, escaped for the browser and for Material's tooltips
    (`tooltip_title`), and the abbreviation's own characters are left exactly as the page had them. One regular expression, built once per build, finds the
    tags and the abbreviations in a single scan of the page, so a page costs the same whether
    the glossary has 20 abbreviations or 2,000.
    """

    def __init__(self, definitions: dict[str, str]):
        self.definitions = {_SPACE.sub(" ", a): term for a, term in definitions.items() if a.strip()}
        self._titles = {a: esc(tooltip_title(term)) for a, term in self.definitions.items()}
        self._scan = None
        if self.definitions:
            words = _trie_pattern(sorted(self.definitions))
            self._scan = re.compile(
                rf"(?P<raw>{_RAW})|(?P<tag><(?P<close>/?)(?P<name>[A-Za-z][\w:-]*){_TAG_BODY}>)"
                # Not after "&" or "#" either, so that no match starts inside a character reference.
                rf"|(?<![\w&#-])(?P<abbr>{words})(?![\w-])", re.DOTALL)

    def in_html(self, page_html: str) -> str:
        """The page's HTML with a tooltip on every abbreviation in its text: never inside a tag or an
        attribute, nor inside an element of _NO_TOOLTIPS or one marked with NO_TOOLTIPS_ATTR."""
        if self._scan is None:
            return page_html
        skipping: str | None = None  # the name of the element whose text gets no tooltip, while in it
        depth = 0  # how many elements of that name are open (nested ones included)

        def replace(match: re.Match[str]) -> str:
            nonlocal skipping, depth
            found = match.group(0)
            name = match.group("name")
            if name:
                name = name.lower()
                if skipping is None:
                    if name not in _VOID and not match.group("close") and not found.endswith("/>") and (
                            name in _NO_TOOLTIPS or (NO_TOOLTIPS_ATTR in found and _OPT_OUT.search(found))):
                        skipping, depth = name, 1
                elif name == skipping and not found.endswith("/>"):
                    depth += -1 if match.group("close") else 1
                    if depth == 0:
                        skipping = None
                return found
            if match.group("abbr") is None or skipping is not None:
                return found
            title = self._titles.get(_SPACE.sub(" ", html.unescape(found)))
            return found if title is None else f'<abbr title="{title}">{found}</abbr>'

        return self._scan.sub(replace, page_html)


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
