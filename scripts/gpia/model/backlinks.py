"""Who points at each record: computed once per build from every reference in the model.

A reference is anything the site shows as a link from one record to another: an id field in the
data marked `refers(...)` and linked in the model (defers_to, related, derives_from, relates_to, a
quote's faq, an agreement's terms and other_agreements, a worked example's evidences, ...) or a clause or schedule mentioned in text
that the views link (scripts/gpia/model/mentions.py). So every link between records has its
"Referenced by" entry at the other end.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from gpia.model.derived import once_per_knowledge_base
from gpia.model.kinds import linked_references
from gpia.model.mentions import MentionLinker
from gpia.model.records import KnowledgeBase, Quote


def references(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """Every (from id, to id) pair the data records: the linked references of the registry of kinds
    (the `refers(...)` fields of gpia/model/records.py), then the mentions the views link."""
    yield from linked_references(kb)
    yield from mentions(kb)


def texts(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """(record id, text) for every text the views show with mention links, by the record showing it."""
    for t in kb.tables.values():
        yield from ((t.id, text) for text in (t.section, t.column_heading, t.note) if text)
    for a in kb.areas.values():
        yield from ((a.id, text) for text in (a.title, a.note) if text)
    for r in kb.requirements.values():
        yield from ((r.id, text) for text in (r.text, r.why) if text)
    for c in kb.clauses.values():
        yield from ((c.id, text) for text in (c.summary, c.drafting_note) if text)
        yield from _quote_texts(c.id, c.quotes)
    for s in kb.schedules.values():
        yield s.id, s.summary
        yield from _quote_texts(s.id, s.quotes)
    for a in kb.agreements.values():
        yield a.id, a.summary
        for statements in a.facets.values():
            for statement in statements:
                yield from ((a.id, text) for text in (statement.says, statement.short))
                yield from _quote_texts(a.id, statement.quotes)
    for t in kb.terms.values():
        yield from ((t.id, text) for text in (t.definition, t.note) if text)
        yield from _quote_texts(t.id, t.quotes)
    for q in kb.questions.values():
        for block in q.answer:
            yield from ((q.id, text) for text in (block.text, *block.items) if text)


def _quote_texts(record_id: str, quotes: Iterable[Quote]) -> Iterator[tuple[str, str]]:
    for q in quotes:
        yield record_id, q.section
        yield record_id, q.text


def mentions(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """(record id, clause or schedule id) for every mention the views turn into a link."""
    linker = MentionLinker(kb)
    for record_id, text in texts(kb):
        yield from ((record_id, target) for target in linker.targets(text))


@once_per_knowledge_base
def reference_pairs(kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    """`references`, collected once per build: the backlinks and the downloads both need every pair."""
    return tuple(references(kb))


@once_per_knowledge_base
def backlinks(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = defaultdict(set)
    for origin, target in reference_pairs(kb):
        if origin != target:
            found[target].add(origin)
    return {target: tuple(sorted(origins)) for target, origins in sorted(found.items())}
