"""The agreements: a page per agreement, and a paged matrix of the agreements by facet.

/agreements/<id>/ gives the agreement in full: our short summary, then each facet with its
statements, where they come from (the FAQ question, or the section of the source document)
and the source wording quoted. /agreements/ (and its later pages) is the comparison matrix, a fixed
number of agreements to a page: each cell gives the points in a few words (`short`, our summary),
each linking to that facet on the agreement's page. A facet with no statement says so in words, so
a gap in the sources is never shown as an empty cell.
"""
from __future__ import annotations

from gpia.model.derived import once_per_knowledge_base
from markupsafe import Markup

from gpia.views.html import md_text
from gpia.model.records import FACETS, Agreement, KnowledgeBase, Quote, Statement
from gpia.views.common import View
from gpia.sitemap import LISTS
from gpia.views.paging import Item, Listing
from gpia.views.templating import markup, render

FACET_LABELS = {
    "parties": "Parties and who signs",
    "purpose": "Purpose",
    "legal_nature": "Legal nature",
    "monitoring": "Who monitors",
    "relationships": "How it connects to other agreements",
}
SILENT = "The sources say nothing on this."
MATRIX_ID = "agreements-matrix"
AGREEMENTS_PER_PAGE = 8


def facet_anchor(facet: str) -> str:
    """The anchor of a facet's section on an agreement's page, e.g. 'facet-legal-nature'."""
    return "facet-" + facet.replace("_", "-")


# ---- the matrix (/agreements/ and its later pages) ------------------------------------------------

@once_per_knowledge_base
def listing(kb: KnowledgeBase) -> Listing:
    return Listing("agreements", "Agreements", LISTS["agreements"], AGREEMENTS_PER_PAGE,
                         tuple(Item(a) for a in kb.agreements), entry=matrix_row, table=matrix,
                   files=lambda kb, a: kb.agreements[a].path)


def matrix(view: View, rows: str) -> Markup:
    """The matrix of one page's agreements (rows: their <tr> rows)."""
    return render("agreements-matrix.html", table_id=MATRIX_ID, facets=[FACET_LABELS[f] for f in FACETS],
                  rows=markup(rows))


def matrix_row(view: View, agreement_id: str) -> Markup:
    a = view.kb.agreements[agreement_id]
    return render("agreement-row.html", link=view.link(a.id), cells=[matrix_cell(view, a, facet) for facet in FACETS])


def matrix_cell(view: View, a: Agreement, facet: str) -> Markup:
    return render("agreement-cell.html", href=f"{view.href(a.id)}#{facet_anchor(facet)}", silent=SILENT,
                  points=[view.text(s.short, mentions=False) for s in a.facets.get(facet, ())])


# ---- one agreement's page ---------------------------------------------------------------------------

def agreement_page(view: View, agreement_id: str) -> str:
    """Markdown for /agreements/<id>/: its title comes from here too, so no data text enters a template."""
    a = view.kb.agreements[agreement_id]
    heading = f"# {md_text(view.label(a.id))} {{ #{a.id} }}"
    intro = render("agreement-intro.html", summary=view.ours_text(a.summary, "In short", a.rests_on),
                   terms=view.links(list(a.terms)), base=view.base,
                   silent=[FACET_LABELS[f].lower() for f in FACETS if not a.facets.get(f)])
    parts = [heading, intro]
    for facet in FACETS:
        statements = a.facets.get(facet, ())
        if statements:
            parts.append(f"## {FACET_LABELS[facet]} {{ #{facet_anchor(facet)} }}")
            parts.append(render("agreement-facet.html", statements=[statement(view, s) for s in statements]))
    parts.append(render("record-end.html", class_name="gpia-agreement-end", back="",
                        referenced_by=view.referenced_by(a.id), reviewed=view.reviewed(a.last_reviewed, a.path)))
    return "\n\n".join(parts)


def statement(view: View, s: Statement) -> dict[str, object]:
    """What agreement-facet.html shows of a statement: our words, the places its quotes come from
    (each once, in the order quoted), the other agreements it names, and the quotes."""
    seen: dict[str, str] = {}
    for q in s.quotes:
        target, label = cited_place(view, q)
        seen.setdefault(target, label)
    return {"says": view.text(s.says), "cited": [view.link(target, label) for target, label in seen.items()],
            "see_also": [view.link(other, _short_name(view, other)) for other in s.other_agreements],
            "quotes": view.quotes(s.quotes)}


def cited_place(view: View, q: Quote) -> tuple[str, str]:
    """The record a quote's place is shown at, and how to name it: the FAQ question, else the
    printed table (or its row) the section heads, else the source document itself."""
    kb = view.kb
    if q.faq:
        return q.faq, f"FAQ: {kb.questions[q.faq].question}"
    version = next((v.label for v in kb.versions.values() if v.source == q.source), kb.sources[q.source].title)
    label = f"{version} guidance: {q.section}"
    table = next((t for t in kb.tables.values() if t.source == q.source and t.section == q.section), None)
    if table is None:
        return q.source, label
    rows = [a for a in table.areas if q.row and a.row == q.row]
    if len(rows) == 1:
        return rows[0].id, f"{label}, row {q.row}"
    return table.id, label


def _short_name(view: View, agreement_id: str) -> str:
    a = view.kb.agreements[agreement_id]
    return a.abbreviation or a.name
