"""Where each record is printed in its whole source document (views/documents.py), for the
"Read it where it is printed" link on the record's own page."""
from __future__ import annotations

from markupsafe import Markup

from gpia.model.derived import once_per_knowledge_base
from gpia.model.records import KnowledgeBase
from gpia.model.urls import url_of
from gpia.views.common import View
from gpia.views.templating import render


@once_per_knowledge_base
def placed_in(kb: KnowledgeBase) -> dict[str, tuple[str, str]]:
    """Record id -> (document id, anchor on its read page) for every record a document prints:
    its tables (and their rows and bullets), FAQ sections and questions."""
    places: dict[str, tuple[str, str]] = {}
    for d in kb.documents.values():
        for p in d.passages:
            if p.ref is None:
                continue
            places[p.ref] = (d.id, p.ref)
            if p.kind == "table":
                for area in kb.tables[p.ref].areas:
                    places[area.id] = (d.id, area.id)
                    for r in area.requirements:
                        places[r.id] = (d.id, r.id)
    return places


def in_document(view: View, record_id: str) -> Markup:
    """A link from a record to where it is printed in its whole source document, or nothing."""
    place = placed_in(view.kb).get(record_id)
    if place is None:
        return Markup()
    document, anchor = place
    href = f"{view.base}{url_of(view.kb, document)}#{anchor}"
    return render("in-document.html", href=href, title=view.kb.sources[view.kb.documents[document].source].title)
