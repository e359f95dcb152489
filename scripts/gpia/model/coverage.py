"""What the guide covers: its versions, oldest first, each with the document it quotes.

clauses/versions.yaml lists the versions oldest first (the last is the current one) and names each
one's source, whose record in clauses/sources.yaml says when it was published and whether it is
historical. Every text that names the versions the guide covers (the banner and footer of every
page, the site's description, the hand-written pages) is worded from this, so a version added to the
data is named everywhere; no version is written here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from gpia.model.derived import once_per_knowledge_base
from gpia.model.records import KnowledgeBase

# A year, as a source's `published` prints it (alone, or after a month).
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
HISTORICAL = "historical"


@dataclass(frozen=True)
class CoveredVersion:
    id: str
    label: str  # the version's label, as every page names it
    source: str  # the id of the document it quotes
    title: str  # that document's title
    publisher: str
    published: str  # as the document prints it, e.g. a month and a year
    year: str  # the year in `published` (all of it when it holds none)
    historical: bool  # the document's status


@dataclass(frozen=True)
class Coverage:
    versions: tuple[CoveredVersion, ...]  # oldest first, as clauses/versions.yaml lists them

    @property
    def current(self) -> CoveredVersion:
        return self.versions[-1]

    @property
    def historical(self) -> bool:
        """Whether every document the guide quotes is historical."""
        return all(v.historical for v in self.versions)

    @property
    def years(self) -> tuple[str, ...]:
        """The years of publication, each once, oldest first."""
        return tuple(dict.fromkeys(v.year for v in self.versions))

    @property
    def publishers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.publisher for v in self.versions))


@once_per_knowledge_base
def coverage(kb: KnowledgeBase) -> Coverage:
    """The versions the guide covers, with their documents (the loader has checked that each names one)."""
    found = []
    for v in kb.versions.values():
        source = kb.sources[v.source]
        year = _YEAR.search(source.published)
        found.append(CoveredVersion(v.id, v.label, source.id, source.title, source.publisher, source.published,
                                    year.group(1) if year else source.published, source.status == HISTORICAL))
    return Coverage(tuple(found))
