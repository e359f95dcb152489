"""What the home page says about the versions, from the data (clauses/versions.yaml and the sources it
names), so that no year or version is typed into docs/index.md: the page reads `versions` in order,
oldest first, e.g. `{{ versions[-1].year }}` for "What changed in <year>"."""
from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from gpia.model.records import KnowledgeBase
from gpia.text import md_text

YEAR = re.compile(r"\b(\d{4})\b")
SHORT = re.compile(r"\(([^()]+)\)\Z")  # "integrated care provider (ICP)" -> "ICP"


def _md(value: str) -> Markup:
    return Markup(md_text(value))


def version_words(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Each version's label, the year and month its source was published, its publisher and title."""
    words = []
    for v in kb.versions.values():
        source = kb.sources[v.source]
        year = YEAR.findall(source.published)
        short = SHORT.search(v.provider)
        # Words from the data reach a page's Markdown: each as text, never markup.
        words.append({"id": v.id, "label": _md(v.label), "year": _md(year[-1] if year else source.published),
                      "published": _md(source.published), "publisher": _md(source.publisher),
                      "title": _md(source.title), "subtitle": _md(source.subtitle or ""),
                      "agreement": _md(v.agreement), "provider": _md(v.provider),
                      "provider_short": _md(short.group(1) if short else v.provider)})
    return words
