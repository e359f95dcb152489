"""Who points at each record: computed once per build from every reference in the model."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from .model import KnowledgeBase, Quote


def references(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """Every (from id, to id) pair the data records."""
    for r in kb.requirements.values():
        yield from ((r.id, d.schedule) for d in r.defers_to)
        yield from ((r.id, target) for target in (*r.related, *r.derives_from))
    for c in kb.clauses.values():
        if c.schedule:
            yield c.id, c.schedule
        yield from _quoted_faqs(c.id, c.quotes)
    for s in kb.schedules.values():
        yield from _quoted_faqs(s.id, s.quotes)
    for a in kb.agreements.values():
        for statements in a.facets.values():
            for statement in statements:
                yield from _quoted_faqs(a.id, statement.quotes)
    for t in kb.terms.values():
        yield from ((t.id, c) for c in t.citations)
        yield from _quoted_faqs(t.id, t.quotes)
    for q in kb.questions.values():
        yield from ((q.id, target) for target in q.relates_to)
        yield from ((q.id, b.table) for b in q.answer if b.table)


def _quoted_faqs(source_id: str, quotes: Iterable[Quote]) -> Iterator[tuple[str, str]]:
    return ((source_id, q.faq) for q in quotes if q.faq)


def backlinks(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = defaultdict(set)
    for origin, target in references(kb):
        if origin != target:
            found[target].add(origin)
    return {target: tuple(sorted(origins)) for target, origins in sorted(found.items())}
