"""One regular expression for many phrases, factored by their common prefixes (a trie).

Python's `re` tries the branches of a plain alternation one after another at every position of the
text, and follows each branch as far as the text agrees with it: phrases that share a long start
are each read again wherever the text begins that way (100 glossary terms sharing their first
words, 20 definitions that nearly say one of them: 7.7 times the CPU of a whole build). Factored,
a shared start is read once, so a scan costs about the length of the text times the length of the
longest phrase that agrees with it, whatever the number of phrases. The schemas cap the length of
the phrases (glossary.json, sources.json), which also bounds the nesting of the expression: a group
for each place where a phrase ends or two part, at most one per piece of the longest phrase.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence

# Python's compiler of regular expressions recurses once or twice per nested group (and _pattern
# once per level): enough room for phrases of a few thousand pieces, far above the schemas' limits.
_NESTING_ROOM = 20_000


def trie_alternation(phrases: Iterable[Sequence[str]]) -> str:
    """A regular expression that matches any of `phrases`, the longest first where several match.

    Each phrase is a sequence of pieces of regular expression (one per character, say, or a
    separator between words); pieces are shared only when equal, so pieces that can match at the
    same place must be equal or match different characters. Empty when there is no phrase."""
    trie: dict[str | None, dict] = {}
    for phrase in phrases:
        node = trie
        for piece in phrase:
            node = node.setdefault(piece, {})
        node[None] = {}  # a phrase ends here
    with _room():
        return _pattern(trie)


def compile_nested(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile for an expression of trie_alternation, however deeply its groups nest."""
    with _room():
        return re.compile(pattern, flags)


class _room:
    """Room for the recursion of deeply nested groups, while it lasts."""

    def __enter__(self) -> None:
        self.limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(self.limit, _NESTING_ROOM))

    def __exit__(self, *exc: object) -> None:
        sys.setrecursionlimit(self.limit)


def _pattern(node: dict[str | None, dict]) -> str:
    branches = []
    for piece, child in sorted((p, c) for p, c in node.items() if p is not None):
        run = [piece]
        # A chain of single continuations is written as one run, without nesting a group per piece.
        while len(child) == 1 and None not in child:
            (piece, child), = child.items()
            run.append(piece)
        branches.append("".join(run) + _pattern(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A phrase ends here and longer ones go on: the longer are tried first (greedy), then this one.
    return f"(?:{body})?" if None in node else body
