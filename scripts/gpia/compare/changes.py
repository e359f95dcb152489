"""Which rows of the comparison show each of our notes on what changed (clauses/changes.yaml).

Each note is about one declared comparison (its `comparison`); its `find` says how: words the older
bullet had and the newer bullet has instead (and, if asked, row titles that changed the same way),
first words the newer bullets dropped, older rows not carried forward, or a template clause renumbered. The validator reports a note that finds nothing, so a
note cannot silently disappear from /compare/ when the data changes.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from gpia.compare.pairs import pairing_of
from gpia.compare.redline import AreaGroup, Pair, area_groups, compare
from gpia.model.derived import once_per_knowledge_base
from gpia.model.records import Change, ChangeFinder, Clause, KnowledgeBase


@dataclass(frozen=True)
class Examples:
    pairs: tuple[Pair, ...]  # aligned bullets that show the change, in printed order
    rows: tuple[AreaGroup, ...]  # row groups that show it (row titles, rows not carried)


def _words(words: str) -> Callable[[str], bool]:
    """Whole words as written: not part of a longer word, capitals as they are."""
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")
    return lambda text: bool(pattern.search(text))


def renumbered_clauses(kb: KnowledgeBase, p: Pair) -> list[tuple[Clause, Clause]]:
    """(older clause, newer clause) the aligned bullets point at: same title and schedule, another number."""
    # Merged older bullets can point at the same clause: name each clause once.
    before = [kb.clauses[i] for i in dict.fromkeys(i for o in p.old for i in o.related) if i in kb.clauses]
    after = [kb.clauses[i] for i in p.new.related if i in kb.clauses]
    return [(b, a) for b in before for a in after
            if b.title == a.title and b.schedule == a.schedule and b.number != a.number]


def _pair_test(kb: KnowledgeBase, f: ChangeFinder) -> Callable[[Pair], bool]:
    if f.before is not None and f.after is not None:
        had, has = _words(f.before), _words(f.after)
        return lambda p: any(had(o.text) for o in p.old) and has(p.new.text) and not had(p.new.text)
    if f.first_words:
        starts = re.compile(r"^(?:" + "|".join(re.escape(w) for w in f.first_words) + r")(?!\w)")
        return lambda p: any(starts.match(o.text) for o in p.old) and not starts.match(p.new.text)
    if f.clause_renumbered:
        return lambda p: bool(renumbered_clauses(kb, p))
    return lambda p: False


def _row_test(f: ChangeFinder) -> Callable[[AreaGroup], bool]:
    if f.rows_not_carried:
        return lambda g: g.new_area is None and g.kind == f.rows_not_carried
    if f.in_row_titles and f.before is not None and f.after is not None:
        had, has = _words(f.before), _words(f.after)
        return lambda g: g.new_area is not None and any(had(a.title) for a in g.old_areas) and has(g.new_area.title)
    return lambda g: False


def _candidates(kb: KnowledgeBase, change: Change) -> tuple[list[Pair], list[AreaGroup]]:
    """The aligned bullets and row groups of the change's comparison, in printed order."""
    pairing = pairing_of(kb, change.comparison)
    kinds = pairing.kinds if pairing else ()
    return ([p for kind in kinds for p in compare(kb, kind, pairing).pairs],
            [g for kind in kinds for g in area_groups(kb, kind, pairing)])


@once_per_knowledge_base
def examples(kb: KnowledgeBase) -> dict[str, Examples]:
    """For each change, by id: the pairs and row groups of its comparison that show it."""
    found = {}
    for change in kb.changes.values():
        pairs, groups = _candidates(kb, change)
        shows_pair, shows_row = _pair_test(kb, change.find), _row_test(change.find)
        found[change.id] = Examples(tuple(p for p in pairs if shows_pair(p)), tuple(g for g in groups if shows_row(g)))
    return found


def unshown(kb: KnowledgeBase) -> list[Change]:
    """Changes whose `find` matches no bullet or row of the data. The validator asks only this, before
    any page needs the examples themselves: each change is tested until its first match (testing every
    pair of x100 data for every change was a third of the time of this check)."""
    def shown(change: Change) -> bool:
        pairs, groups = _candidates(kb, change)
        shows_pair, shows_row = _pair_test(kb, change.find), _row_test(change.find)
        return any(shows_pair(p) for p in pairs) or any(shows_row(g) for g in groups)
    return [c for c in kb.changes.values() if not shown(c)]
