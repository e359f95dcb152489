"""The examples in the key to a comparison's redline: changes of that comparison, chosen from the data.

The key shows how a change of words and a change of punctuation alone look. Each example is an
excerpt of a real redline of the comparison shown: one change, with a few unchanged words either
side. The change chosen is the shortest of its sort in the comparison's redlines (a change of words that
removes some and adds others; a change of punctuation alone), the first in printed order when two
are as short, so the same data always gives the same key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from gpia.compare.pairs import Pairing
from gpia.compare.redline import Op, Pair, compare, per_ancestor, punctuation_only, redline
from gpia.model.derived import once_per_knowledge_base
from gpia.model.records import KnowledgeBase

CONTEXT_WORDS = 3  # unchanged words shown either side of the change
ELLIPSIS = "…"
_WORD = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class Example:
    pair: Pair  # the bullets the change is from
    ops: tuple[Op, ...]  # the change, with the unchanged words around it


@dataclass(frozen=True)
class KeyExamples:
    words: Example | None  # words removed and others added
    punctuation: Example | None  # punctuation alone added or removed


@once_per_knowledge_base
def key_examples(kb: KnowledgeBase, pairing: Pairing) -> KeyExamples:
    best: dict[str, tuple[int, Example]] = {}
    for pair in compare(kb, None, pairing).pairs:
        # A merged bullet's redline is shown one part per older bullet, as its row's page shows it.
        joined = redline(" ".join(o.text for o in pair.old), pair.new.text)
        for ops, start, end in ((ops, s, e) for ops in per_ancestor(joined, [len(o.text) for o in pair.old])
                                for s, e in _changes(ops)):
            run = ops[start:end]
            if all(punctuation_only(o.text) for o in run):
                sort = "punctuation"
            elif {o.kind for o in run} == {"delete", "insert"}:
                sort = "words"
            else:
                continue
            size = sum(len(o.text) for o in run)
            if sort not in best or size < best[sort][0]:
                best[sort] = (size, Example(pair, _excerpt(ops, start, end)))
    return KeyExamples(*(best[sort][1] if sort in best else None for sort in ("words", "punctuation")))


def _changes(ops: tuple[Op, ...]) -> list[tuple[int, int]]:
    """Where each run of changed ops starts and ends (between unchanged stretches)."""
    runs, start = [], None
    for i, op in enumerate((*ops, Op("equal", ""))):
        if op.kind != "equal" and start is None:
            start = i
        elif op.kind == "equal" and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _excerpt(ops: tuple[Op, ...], start: int, end: int) -> tuple[Op, ...]:
    """The change at ops[start:end], with up to CONTEXT_WORDS unchanged words either side (an
    ellipsis where the bullet goes on)."""
    found = list(ops[start:end])
    if start > 0:
        words = _WORD.findall(ops[start - 1].text)
        lead = "".join(words[-CONTEXT_WORDS:])
        cut = len(words) > CONTEXT_WORDS or start > 1
        found.insert(0, Op("equal", (ELLIPSIS if cut else "") + lead))
    if end < len(ops):
        text = ops[end].text
        leading = text[:len(text) - len(text.lstrip())]
        words = _WORD.findall(text.lstrip())
        tail = leading + "".join(words[:CONTEXT_WORDS]).rstrip()
        cut = len(words) > CONTEXT_WORDS or end < len(ops) - 1
        found.append(Op("equal", tail + (ELLIPSIS if cut else "")))
    return tuple(found)
