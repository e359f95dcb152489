"""The comparison of two versions' whole documents, passage by passage, beyond their tables.

The alignment is reviewed data: each block of a newer version's FAQ answers (a paragraph or a
numbered list) names in `derives_from` the passages of the older version's document that it
rewrites (clauses/documents/). From those links this module groups the passages, says what kind of
change each group is, and gives the texts to redline:

- a block that names one passage, named by no other block: reworded (or unchanged);
- one passage rewritten as several blocks: split;
- several passages rewritten as one block: merged (a numbered list that names one passage per item
  is read item by item instead, each item against its own passage);
- a block that names none: new; a body passage of the older document that no block names: dropped.

Every body paragraph and list item of both documents is in exactly one group, so the counts add
up. Headings, tables, covers and back matter are not compared here: the tables have their own
comparison (gpia.compare.redline), and the headings of the two documents are compared through what
they hold (`section_counterparts`).
"""
from __future__ import annotations

from dataclasses import dataclass

from gpia.compare.redline import Op, redline, same_words
from gpia.model.derived import once_per_knowledge_base
from gpia.model.records import AnswerBlock, KnowledgeBase, Passage, Question

# Between the pieces of a split or merge in a redline: U+2029 PARAGRAPH SEPARATOR, a character the
# data can never hold (gpia.validate.text_rules refuses it), so a line break in the data is not one.
PIECE_BREAK = "\u2029"
# The kinds of change, in the order a reader meets them in a filter.
KINDS = ("reworded", "split", "merged", "new", "dropped", "unchanged")
# Kinds of printed block that are prose: compared here (headings, tables and figures are not).
PROSE = frozenset({"paragraph", "item"})


@dataclass(frozen=True)
class NewBlock:
    question: str  # the id of the FAQ question whose answer holds the block
    block: AnswerBlock

    @property
    def id(self) -> str:
        return self.block.id or ""

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.block.text,) if self.block.kind == "paragraph" else self.block.items


@dataclass(frozen=True)
class ProseChange:
    kind: str  # one of KINDS
    old: tuple[Passage, ...]  # in the older document's printed order
    new: tuple[NewBlock, ...]  # in the newer document's printed order
    # The texts to redline, old against new: one pair per item when a list is read item by item,
    # else one pair whose sides hold each passage's or block's text (a split or merge keeps every
    # piece with its own marker: see `pieces`).
    pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]

    @property
    def anchor(self) -> str:
        return "change-" + (self.new[0].id if self.new else self.old[0].id or "")

    @property
    def why(self) -> tuple[str, ...]:
        return tuple(b.block.why for b in self.new if b.block.why)

    def redlines(self) -> tuple[tuple[Op, ...], ...]:
        """One redline per pair: its old pieces against its new pieces, joined by PIECE_BREAK."""
        return tuple(redline(PIECE_BREAK.join(old), PIECE_BREAK.join(new)) for old, new in self.pairs)


@dataclass(frozen=True)
class ProseComparison:
    older: str  # version ids
    newer: str
    changes: tuple[ProseChange, ...]

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def old_total(self) -> int:
        return sum(len(c.old) for c in self.changes)

    @property
    def new_total(self) -> int:
        return sum(len(c.new) for c in self.changes)


def document_of(kb: KnowledgeBase, version_id: str):
    """The whole-text document of a version's source, or None when it has none."""
    source = kb.versions[version_id].source
    return next((d for d in kb.documents.values() if d.source == source), None)


def new_blocks(kb: KnowledgeBase, version_id: str) -> list[NewBlock]:
    """The answers' paragraphs and lists of a version's document, in printed order."""
    document = document_of(kb, version_id)
    if document is None:
        return []
    blocks = []
    for passage in document.passages:
        if passage.kind == "question" and passage.ref in kb.questions:
            question: Question = kb.questions[passage.ref]
            blocks += [NewBlock(question.id, b) for b in question.answer if b.kind != "table" and b.id]
    return blocks


def old_passages(kb: KnowledgeBase, version_id: str) -> list[Passage]:
    """The body paragraphs and list items of a version's document, in printed order."""
    document = document_of(kb, version_id)
    if document is None:
        return []
    return [p for p in document.passages if p.kind in PROSE and p.matter is None and p.id]


@once_per_knowledge_base
def compare_prose(kb: KnowledgeBase, older: str, newer: str) -> ProseComparison:
    olds = old_passages(kb, older)
    news = new_blocks(kb, newer)
    old_index = {p.id: p for p in olds}
    # Union-find over passages ("o:" ids) and blocks ("n:" ids), joined by derives_from.
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in olds:
        find("o:" + p.id)
    for b in news:
        find("n:" + b.id)
        for ancestor in b.block.derives_from:
            if ancestor in old_index:
                parent[find("n:" + b.id)] = find("o:" + ancestor)
    members: dict[str, tuple[list[Passage], list[NewBlock]]] = {}
    order: list[str] = []
    for b in news:  # groups in the newer document's order; dropped passages after, in their own order
        root = find("n:" + b.id)
        if root not in members:
            members[root] = ([], [])
            order.append(root)
        members[root][1].append(b)
    for p in olds:
        root = find("o:" + p.id)
        if root not in members:
            members[root] = ([], [])
            order.append(root)
        members[root][0].append(p)
    changes = tuple(_change(old, new) for old, new in (members[r] for r in order))
    return ProseComparison(older, newer, changes)


def _change(old: list[Passage], new: list[NewBlock]) -> ProseChange:
    old_texts = tuple(p.text or "" for p in old)
    if not old:
        return ProseChange("new", (), tuple(new), ())
    if not new:
        return ProseChange("dropped", tuple(old), (), ())
    if len(new) == 1 and len(new[0].texts) == len(old) > 1 and len(new[0].block.derives_from) == len(old):
        # A list that names one passage per item: each item against its own passage.
        by_id = {p.id: p.text or "" for p in old}
        pairs = tuple(((by_id[a],), (item,)) for a, item in zip(new[0].block.derives_from, new[0].texts))
        kind = "unchanged" if all(same_words(o[0], n[0]) for o, n in pairs) else "reworded"
        return ProseChange(kind, tuple(old), tuple(new), pairs)
    new_texts = tuple(t for b in new for t in b.texts)
    if len(old) == 1 and len(new) == 1:
        kind = "unchanged" if same_words(" ".join(old_texts), " ".join(new_texts)) else "reworded"
    else:
        kind = "split" if len(old) == 1 else "merged" if len(new) == 1 else "reworded"
    return ProseChange(kind, tuple(old), tuple(new), ((old_texts, new_texts),))


def section_counterparts(kb: KnowledgeBase, comparison: ProseComparison) -> dict[str, tuple[str, ...]]:
    """For each question of the newer document: the headings of the older document under which the
    passages its answer rewrites are printed (derived from the alignment, not written twice)."""
    document = document_of(kb, comparison.older)
    heading_of: dict[str, str] = {}
    current = ""
    for p in document.passages if document else ():
        if p.kind == "heading" and p.matter is None:
            current = p.id or ""
        elif p.id:
            heading_of[p.id] = current
    found: dict[str, list[str]] = {}
    for change in comparison.changes:
        for b in change.new:
            for p in change.old:
                heading = heading_of.get(p.id or "")
                if heading and heading not in found.setdefault(b.question, []):
                    found[b.question].append(heading)
    return {q: tuple(h) for q, h in found.items()}


def document_pairs(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(older, newer) of each declared comparison whose two versions both have their whole text in
    clauses/documents/, the newest first: the pairs whose documents can be compared."""
    pairs = [(c.old, c.new) for c in kb.comparisons.values()
             if document_of(kb, c.old) is not None and document_of(kb, c.new) is not None]
    order = list(kb.versions)
    return sorted(pairs, key=lambda p: (order.index(p[1]), order.index(p[0])), reverse=True)
