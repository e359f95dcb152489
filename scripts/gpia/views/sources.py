"""The sources page: provenance of every record, with counts computed from the data.

The source documents and guide versions do not multiply and stay as anchors on /sources/. The other
public sources we cite (citations) can: each has its own page, /sources/<citation-id>/, and /sources/
shows the first page of their paged list (later pages at sources/pages/<n>/).
"""
from __future__ import annotations

from markupsafe import Markup

from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import md_text
from gpia.model.records import KnowledgeBase
from gpia.views.common import View, ours
from gpia.sitemap import LISTS
from gpia.views.paging import Item, Listing
from gpia.views.templating import render

# Citations are not located in the model; they have one file of their own (see layout.py).
CITATIONS_FILE = "clauses/citations.yaml"
CITATIONS_PER_PAGE = 20


def sources_page(view: View) -> str:
    kb = view.kb
    rows = []
    for s in kb.sources.values():
        tables = [t for t in kb.tables.values() if t.source == s.id]
        rows.append({"id": s.id, "title": s.title, "subtitle": s.subtitle, "publisher": s.publisher,
                     "published": s.published, "version": s.version, "reference_label": s.reference_label,
                     "reference_value": s.reference_value, "status": s.status,
                     "versions": [(v.id, v.label) for v in kb.versions.values() if v.source == s.id],
                     "tables": len(tables), "requirements": sum(len(a.requirements) for t in tables for a in t.areas),
                     "questions": sum(len(sec.questions) for sec in kb.faq_sections.values() if sec.source == s.id)})
    notes = [ours(render("source-note.html", title=s.title, note=view.text(s.note)), "About this source")
             for s in kb.sources.values()]
    files = sorted({s.path for s in kb.sources.values()} | {v.path for v in kb.versions.values()})
    return (f"{render('sources-table.html', sources=rows)}"
            f"{render('sources-read.html', links=[view.link(d.id) for d in kb.documents.values()])}"
            f"{''.join(notes)}{view.data_files(files)}")


@once_per_knowledge_base
def listing(kb: KnowledgeBase) -> Listing:
    return Listing("citations", "Other public sources we cite", LISTS["citations"], CITATIONS_PER_PAGE,
                         tuple(Item(c) for c in kb.citations), entry=citation_entry,
                   files=lambda kb, c: CITATIONS_FILE)


def citation_entry(view: View, citation_id: str) -> Markup:
    c = view.kb.citations[citation_id]
    return render("citation-entry.html", href=view.href(c.id), title=c.title, publisher=c.publisher, published=c.published)


def citation_page(view: View, citation_id: str) -> str:
    """Markdown for /sources/<citation-id>/: its title comes from here too, so no data text enters a template."""
    c = view.kb.citations[citation_id]
    heading = f"# {md_text(c.title)} {{ #{c.id} }}"
    body = render("citation.html", publisher=c.publisher, title=c.title, published=c.published, url=c.url)
    end = render("record-end.html", class_name="gpia-citation-end",
                 back=render("back-to-list.html", every="Every source", href=f"{view.base}sources/", name="Sources"),
                 referenced_by=view.referenced_by(c.id), reviewed=view.reviewed(c.last_reviewed, CITATIONS_FILE))
    return f"{heading}\n\n{body}\n\n{end}"
