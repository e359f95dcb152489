"""Compare two versions' tables: word-level redlines and the kind of change of each aligned pair.

Which versions are compared is data (`comparisons:` in clauses/versions.yaml, gpia.compare.pairs);
so is the alignment (`derives_from` / `status` in the requirement YAML, checked by `alignment.py`).
This module only reads them; nothing here guesses which bullets belong together. A pair linked by
a chain of comparisons is aligned by following `derives_from` through each step.

Change kinds, decided per newer bullet that derives from older bullets (first rule that applies):

- merged: it derives from two or more older bullets.
- split: its one older bullet is also the ancestor of another newer bullet.
- unchanged: same words (white space aside) and same place.
- moved: same words, but printed in another place: a different row number, row title or bullet
  position in the row. (Renumbered rows count as moved; renaming and renumbering of whole rows
  is also listed per row on the page.)
- reworded: one-to-one, and the words differ (wherever it is printed).

A `change:` written in the YAML overrides the derived kind in the comparison it is written for (not
in a chain through it).
"""
from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from gpia.compare.tokens import tokens
from gpia.model.derived import once_per_knowledge_base
from gpia.compare.pairs import Pairing, default_pairing, folder
from gpia.model.records import Area, KnowledgeBase, Requirement

CHANGE_KINDS = ("unchanged", "reworded", "moved", "merged", "split")

OpKind = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class Op:
    kind: OpKind
    text: str


def tokenise(text: str) -> list[str]:
    """Whole words, numbers, clause references, white space and single marks (gpia.compare.tokens)."""
    return tokens(text)


def redline(old: str, new: str) -> tuple[Op, ...]:
    """The edits that turn old into new, word by word; every character of both texts is kept."""
    a, b = tokenise(old), tokenise(new)
    # No junk: white space must be able to sit inside a matched run, or a phrase that survives
    # whole ("setting out how all key data ...") is matched word by word and mislaid.
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(Op("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(Op("delete", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(Op("insert", "".join(b[j1:j2])))
    return _absorb_small_equalities(ops)


def per_ancestor(ops: tuple[Op, ...], old_lengths: list[int]) -> tuple[tuple[Op, ...], ...]:
    """A redline from old texts joined by one space (a merged bullet's ancestors), cut where each old
    text ends: one redline per old text, the joining space left out. Added words at a cut go with
    the old text before it. So a bullet merged from two is shown as two items, never run together."""
    ends, total = [], -1
    for length in old_lengths:
        total += length + 1
        ends.append(total)  # where old text i ends: the index of the space after it
    parts: list[list[Op]] = [[] for _ in old_lengths]
    part, position = 0, 0
    for op in ops:
        if op.kind == "insert":
            parts[part].append(op)
            continue
        text = op.text
        while part < len(ends) - 1 and position + len(text) > ends[part]:
            cut = ends[part] - position
            if cut:
                parts[part].append(Op(op.kind, text[:cut]))
            text, position, part = text[cut + 1:], ends[part] + 1, part + 1
        if text:
            parts[part].append(Op(op.kind, text))
        position += len(text)
    return tuple(tuple(p) for p in parts)


@dataclass
class _Hunk:
    """A run of changes between two unchanged stretches: what was removed and what was added."""

    deleted: str = ""
    inserted: str = ""

    def size(self) -> int:
        return max(len(self.deleted), len(self.inserted))


# Longer unchanged stretches always stay visible, however big the changes around them.
_MAX_ABSORBED_WORDS = 2


def _words(text: str) -> int:
    """How many word tokens (words, numbers, references) a text holds; marks and spaces aside."""
    return sum(1 for t in tokens(text) if any(c.isalnum() for c in t))


def _absorb_small_equalities(ops: list[Op]) -> tuple[Op, ...]:
    """Fold an unchanged stretch no longer than the changes on either side into them.

    The rule diff-match-patch calls semantic cleanup: "a 'best' for 'service'" reads better as one
    replaced phrase than as two replaced words around an unchanged "for".
    """
    items: list[str | _Hunk] = []
    for op in ops:
        if op.kind == "equal":
            items.append(op.text)
            continue
        if not items or not isinstance(items[-1], _Hunk):
            items.append(_Hunk())
        hunk = items[-1]
        assert isinstance(hunk, _Hunk)
        if op.kind == "delete":
            hunk.deleted += op.text
        else:
            hunk.inserted += op.text
    changed = True
    while changed:
        changed = False
        for i in range(1, len(items) - 1):
            before, equal, after = items[i - 1], items[i], items[i + 1]
            if isinstance(before, _Hunk) and isinstance(after, _Hunk) and isinstance(equal, str) \
                    and _words(equal) <= _MAX_ABSORBED_WORDS \
                    and len(equal) <= min(before.size(), after.size()):
                items[i - 1:i + 2] = [_Hunk(before.deleted + equal + after.deleted,
                                            before.inserted + equal + after.inserted)]
                changed = True
                break
    result: list[Op] = []
    for item in items:
        if isinstance(item, str):
            result.append(Op("equal", item))
            continue
        if item.deleted:
            result.append(Op("delete", item.deleted))
        if item.inserted:
            result.append(Op("insert", item.inserted))
    return tuple(result)


def punctuation_only(text: str) -> bool:
    """A run with no word in it: a comma, a question mark, a bracket (or white space) alone."""
    return not any(c.isalnum() for c in text)


@dataclass(frozen=True)
class Pair:
    """A newer bullet and the older bullet(s) it derives from."""

    new: Requirement
    old: tuple[Requirement, ...]  # in the order derives_from names them
    kind: str  # the kind shown: the YAML override, else the derived kind
    derived_kind: str

    @functools.cached_property
    def redline(self) -> tuple[Op, ...]:
        """From the older bullet(s), read one after the other, to the newer bullet. Worked out when first
        asked for: validating the notes on what changed needs the pairs, not their redlines."""
        return redline(" ".join(o.text for o in self.old), self.new.text)

    @property
    def anchor(self) -> str:
        return anchor(self.new.id)


@dataclass(frozen=True)
class AreaGroup:
    """Rows compared together: a newer row and the older row(s) its bullets come from."""

    kind: str  # table kind: governance | integration
    old_areas: tuple[Area, ...]
    new_area: Area | None  # None: older row(s) with no bullet carried into the newer version
    pairs: tuple[Pair, ...]  # in the newer version's printed order
    new_requirements: tuple[Requirement, ...]
    dropped: tuple[Requirement, ...]

    @property
    def anchor(self) -> str:
        return anchor((self.new_area or self.old_areas[0]).id)


@dataclass(frozen=True)
class Comparison:
    pairs: tuple[Pair, ...]
    new: tuple[Requirement, ...]
    dropped: tuple[Requirement, ...]

    def counts(self) -> dict[str, int]:
        """Newer bullets per change kind, then new newer bullets and dropped older bullets."""
        counts = {kind: 0 for kind in CHANGE_KINDS}
        for pair in self.pairs:
            counts[pair.kind] += 1
        counts["new"] = len(self.new)
        counts["dropped"] = len(self.dropped)
        return counts


def anchor(record_id: str) -> str:
    """The compare-page anchor of a requirement or row, e.g. 'cmp-<requirement id>'."""
    return f"cmp-{record_id}"


def same_words(a: str, b: str) -> bool:
    return a.split() == b.split()


def _pairing(kb: KnowledgeBase, pairing: Pairing | None) -> Pairing:
    found = pairing or default_pairing(kb)
    if found is None:
        raise LookupError("no comparison is declared in clauses/versions.yaml")
    return found


@once_per_knowledge_base
def ancestry(kb: KnowledgeBase, pairing: Pairing | None = None) -> dict[str, tuple[str, ...]]:
    """For each requirement of the newer version (in the kinds of table compared), its ancestors in
    the older version, in the order the `derives_from` of each step names them; () for a new one."""
    pairing = _pairing(kb, pairing)
    found = {}
    for r in _printed(kb, pairing.new, pairing.kinds):
        ids: tuple[str, ...] = (r.id,)
        for _ in pairing.steps:  # newest step first: each turns ids of its `to` into ids of its `from`
            ids = tuple(dict.fromkeys(a for i in ids for a in kb.requirements[i].derives_from))
        found[r.id] = ids
    return found


def descendants(kb: KnowledgeBase, pairing: Pairing | None = None) -> dict[str, tuple[str, ...]]:
    """For each older bullet, the newer bullets that derive from it."""
    found: dict[str, list[str]] = {}
    for new_id, old_ids in ancestry(kb, pairing).items():
        for ancestor in old_ids:
            found.setdefault(ancestor, []).append(new_id)
    return {k: tuple(v) for k, v in found.items()}


def derived_kind(kb: KnowledgeBase, new: Requirement, old: tuple[Requirement, ...],
                 children: dict[str, tuple[str, ...]]) -> str:
    if len(old) > 1:
        return "merged"
    (ancestor,) = old
    if len(children.get(ancestor.id, ())) > 1:
        return "split"
    if not same_words(ancestor.text, new.text):
        return "reworded"
    return "unchanged" if place(kb, ancestor) == place(kb, new) else "moved"


def place(kb: KnowledgeBase, r: Requirement) -> tuple[str, str, str, int]:
    """Where a bullet is printed: table kind, row number, row title, position in the row."""
    area = kb.areas[r.area]
    return kb.tables[r.table].kind, area.row, area.title, r.bullet


@once_per_knowledge_base
def compare(kb: KnowledgeBase, table_kind: str | None = None, pairing: Pairing | None = None) -> Comparison:
    """Every aligned pair, new bullet of the newer version and dropped bullet of the older one, in
    printed order (the default pair unless another is given)."""
    pairing = _pairing(kb, pairing)
    kinds = pairing.kinds if table_kind is None else tuple(k for k in pairing.kinds if k == table_kind)
    lineage = ancestry(kb, pairing)
    children = descendants(kb, pairing)
    pairs, new = [], []
    for r in _printed(kb, pairing.new, kinds):
        if lineage[r.id]:
            old = tuple(kb.requirements[i] for i in lineage[r.id])
            kind = derived_kind(kb, r, old, children)
            override = r.change if pairing.direct else None
            pairs.append(Pair(r, old, override or kind, kind))
        else:
            new.append(r)
    dropped = [r for r in _printed(kb, pairing.old, kinds) if r.id not in children]
    return Comparison(tuple(pairs), tuple(new), tuple(dropped))


def _printed(kb: KnowledgeBase, version: str, kinds: tuple[str, ...]) -> list[Requirement]:
    """A version's requirements in printed order: table, row, bullet."""
    return [r for t in kb.tables.values() if t.version == version and t.kind in kinds
            for a in t.areas for r in a.requirements]


@once_per_knowledge_base
def area_groups(kb: KnowledgeBase, table_kind: str, pairing: Pairing | None = None) -> list[AreaGroup]:
    """The rows of one kind of table, grouped for side-by-side display.

    Walks the older rows in printed order: each brings in the newer row(s) its bullets went to
    (at their first mention), or stands alone when none of its bullets was carried forward.
    Newer rows not reached that way (all new, or fed only from the other table) follow.
    """
    pairing = _pairing(kb, pairing)
    comparison = compare(kb, table_kind, pairing)
    old_tables = [t for t in kb.tables.values() if t.version == pairing.old and t.kind == table_kind]
    new_tables = [t for t in kb.tables.values() if t.version == pairing.new and t.kind == table_kind]
    new_areas = [a for t in new_tables for a in t.areas]
    sources: dict[str, list[str]] = {a.id: [] for a in new_areas}
    for pair in comparison.pairs:
        for o in pair.old:
            if o.area not in sources[pair.new.area]:
                sources[pair.new.area].append(o.area)
    old_position = {a.id: i for i, a in enumerate(a for t in kb.tables.values() if t.version == pairing.old
                                                  for a in t.areas)}
    for ids in sources.values():
        ids.sort(key=old_position.__getitem__)
    # Indexes instead of a scan of every row or bullet per row: the same order, linear time.
    targets_of: dict[str, list[str]] = {}
    for a in new_areas:
        for old_id in sources[a.id]:
            targets_of.setdefault(old_id, []).append(a.id)
    pairs_of: dict[str, list[Pair]] = {}
    for pair in comparison.pairs:
        pairs_of.setdefault(pair.new.area, []).append(pair)
    new_of: dict[str, list[Requirement]] = {}
    for r in comparison.new:
        new_of.setdefault(r.area, []).append(r)
    dropped_of: dict[str, list[tuple[int, Requirement]]] = {}
    for position, r in enumerate(comparison.dropped):
        dropped_of.setdefault(r.area, []).append((position, r))

    order: list[tuple[tuple[str, ...], str | None]] = []
    placed: set[str] = set()
    for old_area in (a for t in old_tables for a in t.areas):
        targets = targets_of.get(old_area.id, [])
        if not targets:
            order.append(((old_area.id,), None))
        for target in targets:
            if target not in placed:
                placed.add(target)
                order.append((tuple(sources[target]), target))
    order += [(tuple(sources[a.id]), a.id) for a in new_areas if a.id not in placed]

    groups = []
    dropped_placed: set[str] = set()
    for old_ids, new_id in order:
        candidates = sorted(item for area in set(old_ids) for item in dropped_of.get(area, ()))
        dropped = tuple(r for _, r in candidates if r.id not in dropped_placed)
        dropped_placed.update(r.id for r in dropped)
        groups.append(AreaGroup(
            table_kind, tuple(kb.areas[i] for i in old_ids), kb.areas[new_id] if new_id else None,
            tuple(pairs_of.get(new_id, ()) if new_id else ()),
            tuple(new_of.get(new_id, ()) if new_id else ()), dropped))
    return groups


def group_page_id(group: AreaGroup) -> str:
    """The id a row group's comparison page is named by: its newer row, or its first older row."""
    return (group.new_area or group.old_areas[0]).id


@once_per_knowledge_base
def comparison_pages(kb: KnowledgeBase, pairing: Pairing | None = None) -> dict[str, str]:
    """For every requirement and row shown in the comparison, the id of the comparison page that
    holds its anchor: the first row group (in page order) that shows it."""
    found: dict[str, str] = {}
    for group in groups_by_page(kb, pairing).values():
        page = group_page_id(group)
        shown = [a.id for a in group.old_areas] + ([group.new_area.id] if group.new_area else [])
        shown += [r.id for p in group.pairs for r in (p.new, *p.old)]
        shown += [r.id for r in group.new_requirements + group.dropped]
        for record_id in shown:
            found.setdefault(record_id, page)
    return found


def group_url(kb: KnowledgeBase, page_id: str, pairing: Pairing | None = None) -> str:
    """Site-root-relative URL of a row group's page: 'compare/<row id>/' for the default pair,
    'compare/<from>...<to>/<row id>/' for another."""
    return f"{folder(kb, _pairing(kb, pairing))}{page_id}/"


def compare_url(kb: KnowledgeBase, record_id: str, pairing: Pairing | None = None) -> str:
    """Site-root-relative URL of a requirement's or row's place in a comparison,
    e.g. 'compare/<row id>/#cmp-<requirement id>'."""
    return f"{group_url(kb, comparison_pages(kb, pairing)[record_id], pairing)}#{anchor(record_id)}"


@once_per_knowledge_base
def groups_by_page(kb: KnowledgeBase, pairing: Pairing | None = None) -> dict[str, AreaGroup]:
    """Every row group of the compared kinds of table, by the id of its comparison page, in page order."""
    pairing = _pairing(kb, pairing)
    return {group_page_id(group): group for kind in pairing.kinds for group in area_groups(kb, kind, pairing)}
