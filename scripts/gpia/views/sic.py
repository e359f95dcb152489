"""[sic]: the sources' own slips, kept as printed and marked wherever the guide shows them.

legislation.gov.uk marks a slip in a quoted text with "[sic]". Here each slip is declared once, on
its source record (`sic:` in clauses/sources.yaml), with what was probably meant in our words; every
piece of text the guide shows passes through `SicMarker`, so the mark appears on every page that
quotes those words, and the NHS wording itself stays exactly as printed.
"""
from __future__ import annotations

import re

from gpia.model.phrases import compile_nested, trie_alternation
from gpia.model.records import KnowledgeBase
from gpia.text import esc
from gpia.views.templating import markup, render

_BETWEEN_WORDS = r"(?:\s|&#10;)+"


def _pieces(phrase: str) -> list[str]:
    """The phrase as pieces of an expression: each character of its escaped words, and white space between."""
    pieces: list[str] = []
    for word in phrase.split():
        if pieces:
            pieces.append(_BETWEEN_WORDS)
        pieces += [re.escape(c) for c in esc(word)]
    return pieces


class SicMarker:
    """Adds a visible [sic] note after each declared slip in escaped HTML text."""

    def __init__(self, kb: KnowledgeBase):
        self.meant = {s.printed: s.meant for source in kb.sources.values() for s in source.sic}
        ordered = sorted(self.meant, key=lambda p: (-len(p), p))
        # Words of the phrase may be separated by any white space (or a line break written as &#10;).
        # One expression factored by the phrases' shared starts: its cost does not grow with their number.
        phrases = trie_alternation(_pieces(p) for p in ordered)
        self._pattern = compile_nested(r"(?<![\w-])(" + phrases + r")(?![\w-])") if phrases else None
        self._meant_by_escaped = {esc(" ".join(p.split())): self.meant[p] for p in ordered}

    def __call__(self, escaped: str) -> str:
        if self._pattern is None:
            return escaped
        return self._pattern.sub(self._mark, escaped)

    def _mark(self, match: re.Match[str]) -> str:
        meant = self._meant_by_escaped[" ".join(match.group(1).replace("&#10;", " ").split())]
        return render("sic.html", printed=markup(match.group(1)), meant=meant)
