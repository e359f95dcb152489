"""What the home page says about the versions, from the data (clauses/versions.yaml and the sources it
names), so that no year or version is typed into docs/index.md: the page reads `versions` in order,
oldest first, e.g. `{{ versions[-1].year }}` for "What changed in <year>"."""
from __future__ import annotations

import re
from typing import Any

from gpia.model.records import KnowledgeBase

YEAR = re.compile(r"\b(\d{4})\b")
SHORT = re.compile(r"\(([^()]+)\)\Z")  # "integrated care provider (ICP)" -> "ICP"


def version_words(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Each version's label, the year and month its source was published, its publisher and title."""
    words = []
    for v in kb.versions.values():
        source = kb.sources[v.source]
        year = YEAR.findall(source.published)
        short = SHORT.search(v.provider)
        words.append({"id": v.id, "label": v.label, "year": year[-1] if year else source.published,
                      "published": source.published, "publisher": source.publisher, "title": source.title,
                      "subtitle": source.subtitle or "",
                      "agreement": v.agreement, "provider": v.provider,
                      "provider_short": short.group(1) if short else v.provider})
    return words
