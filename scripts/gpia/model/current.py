"""Current first: lists lead with the newest version of the guidance, older ones follow as superseded.

"Newest" comes from the data: the order of clauses/versions.yaml, which lists the versions oldest
first (its schema and README say so), so the last is the current one. No version id is written here.
"""
from __future__ import annotations

from gpia.model.records import KnowledgeBase

SUPERSEDED = "superseded"


def newest_first(kb: KnowledgeBase) -> list[str]:
    """Version ids, the current version first."""
    return list(reversed(kb.versions))


def current(kb: KnowledgeBase) -> str:
    return newest_first(kb)[0]


def rank(kb: KnowledgeBase, version: str) -> int:
    """0 for the current version, 1 for the one before, ...: a sort key."""
    return newest_first(kb).index(version)


def version_heading(kb: KnowledgeBase, version: str) -> str:
    """A version's label, marked superseded unless it is the current one (plain text)."""
    label = kb.versions[version].label
    return label if version == current(kb) else f"{label} ({SUPERSEDED})"
