"""Which versions readers can compare: every declared comparison, and every pair a chain of them links.

The comparisons are data (`comparisons:` in clauses/versions.yaml, checked by gpia.validate.alignment):
each names an older version (`from`), a newer one (`to`) and the kinds of table it aligns. A version
is compared from at most one older version and to at most one newer one, so the comparisons form
chains (a→b→c); any two versions on a chain can be compared, the older one's bullets traced to the
newer one's through each step's reviewed `derives_from` (gpia.compare.redline.ancestry).

A pair's pages have stable URLs made from its two ids: compare/<from>...<to>/ and, for a row group,
compare/<from>...<to>/<row id>/. The default pair, the declared comparison to the newest version,
keeps the shorter compare/ and compare/<row id>/. No version is named here: all comes from the data.
"""
from __future__ import annotations

from dataclasses import dataclass

from gpia.model.derived import once_per_knowledge_base
from gpia.model.records import KnowledgeBase, VersionComparison

SEPARATOR = "..."


@dataclass(frozen=True)
class Pairing:
    """Two versions compared: directly (one declared comparison) or through a chain of them."""

    old: str  # version id
    new: str  # version id
    steps: tuple[str, ...]  # ids of the declared comparisons, oldest first
    kinds: tuple[str, ...]  # the table kinds every step aligns, in the first step's order

    @property
    def slug(self) -> str:
        """The pair's part of its URLs, e.g. '<from>...<to>'."""
        return f"{self.old}{SEPARATOR}{self.new}"

    @property
    def direct(self) -> bool:
        return len(self.steps) == 1


def chains(kb: KnowledgeBase) -> list[list[VersionComparison]]:
    """The declared comparisons strung into chains, each oldest first (validation ensures each
    version is the `from` of at most one comparison and the `to` of at most one)."""
    by_old = {c.old: c for c in kb.comparisons.values()}
    targets = {c.new for c in kb.comparisons.values()}
    found = []
    for start in (c for c in kb.comparisons.values() if c.old not in targets):
        chain, step, seen = [], start, set()
        while step is not None and step.id not in seen:
            seen.add(step.id)
            chain.append(step)
            step = by_old.get(step.new)
        found.append(chain)
    return found


@once_per_knowledge_base
def pairings(kb: KnowledgeBase) -> dict[str, Pairing]:
    """Every comparable pair by slug, the newest first: by newer version, then by older version, in
    the order of clauses/versions.yaml (so the first is the default pair)."""
    found: list[Pairing] = []
    for chain in chains(kb):
        for i in range(len(chain)):
            for j in range(i, len(chain)):
                steps = chain[i:j + 1]
                kinds = tuple(k for k in steps[0].tables if all(k in s.tables for s in steps))
                if kinds:
                    found.append(Pairing(steps[0].old, steps[-1].new, tuple(s.id for s in steps), kinds))
    position = {v: i for i, v in enumerate(kb.versions)}
    found.sort(key=lambda p: (-position.get(p.new, -1), -position.get(p.old, -1)))
    return {p.slug: p for p in found}


def default_pairing(kb: KnowledgeBase) -> Pairing | None:
    """The pair /compare/ shows: the declared comparison to the newest compared version."""
    return next(iter(pairings(kb).values()), None)


def direct_pairings(kb: KnowledgeBase) -> list[Pairing]:
    """One pairing per declared comparison, in declaration order."""
    by_steps = {p.steps: p for p in pairings(kb).values() if p.direct}
    return [by_steps[(c.id,)] for c in kb.comparisons.values() if (c.id,) in by_steps]


def pairing_of(kb: KnowledgeBase, comparison_id: str) -> Pairing | None:
    return next((p for p in direct_pairings(kb) if p.steps == (comparison_id,)), None)


def is_default(kb: KnowledgeBase, pairing: Pairing) -> bool:
    return pairing == default_pairing(kb)


def folder(kb: KnowledgeBase, pairing: Pairing) -> str:
    """Site-root-relative folder of a pair's compare page: 'compare/' for the default pair,
    'compare/<from>...<to>/' for the others."""
    return "compare/" if is_default(kb, pairing) else f"compare/{pairing.slug}/"


def pairings_with(kb: KnowledgeBase, version: str) -> list[Pairing]:
    """The pairs a version is part of, the default pair first, then newest first."""
    return [p for p in pairings(kb).values() if version in (p.old, p.new)]
