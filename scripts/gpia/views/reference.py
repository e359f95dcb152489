"""The clauses of the template agreements that the guidance cites: a page per clause, and a paged list.

/clauses/<clause-id>/ quotes the clause's source wording with our summary; a clause with optional
wording also has a section `#decision` (DECISION_ANCHOR), the local decision and its drafting note,
which the local adaptation checklist links to. /clauses/ (and its later pages) lists the clauses by
template version, number and title. Schedules have their own pages and index (views/schedules.py);
docs/clauses.md keeps a short pointer to them for readers who arrive looking for "Schedule 3".
"""
from __future__ import annotations

import re

from markupsafe import Markup

from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import md_text
from gpia.model.records import Clause, KnowledgeBase
from gpia.views.common import View
from gpia.sitemap import LISTS
from gpia.views.paging import Item, Listing
from gpia.views.templating import render

CLAUSES_PER_PAGE = 25
DECISION_ANCHOR = "decision"


def clause_order(kb: KnowledgeBase, c: Clause) -> tuple:
    """Version order, then the clause number read as numbers: 4.1(b) before 6.1(e) before 10.1(a)."""
    number = tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                   for part in re.findall(r"\d+|[^\d.()\s]+", c.number))
    return list(kb.versions).index(c.template), number, c.id


@once_per_knowledge_base
def listing(kb: KnowledgeBase) -> Listing:
    clauses = sorted(kb.clauses.values(), key=lambda c: clause_order(kb, c))
    return Listing("clauses", "Clauses", LISTS["clauses"], CLAUSES_PER_PAGE,
                         tuple(Item(c.id, c.template) for c in clauses), entry=entry,
                   group_heading=lambda view, v: render("clause-group.html", version=view.kb.versions[v].label,
                                                        agreement=view.text(view.kb.versions[v].agreement,
                                                                            mentions=False)),
                   files=lambda kb, c: kb.clauses[c].path)


def entry(view: View, clause_id: str) -> Markup:
    c = view.kb.clauses[clause_id]
    return render("clause-entry.html", href=view.href(c.id), number=c.number, title=view.text(c.title, mentions=False),
                  optional=c.optional_wording)


def clause_page(view: View, clause_id: str) -> str:
    """Markdown for /clauses/<clause-id>/: its title comes from here too, so no data text enters a template."""
    c = view.kb.clauses[clause_id]
    version = view.kb.versions[c.template]
    heading = f"# Clause {md_text(c.number)}: {md_text(c.title)} ({md_text(version.label)}) {{ #{c.id} }}"
    body = render("clause.html", cite=view.cite(c.id), agreement=view.text(version.agreement), version=version.label,
                  schedule=view.link(c.schedule) if c.schedule else "", optional=c.optional_wording,
                  decision_anchor=DECISION_ANCHOR, quotes=view.quotes(c.quotes),
                  summary=view.ours_text(c.summary, rests_on=c.rests_on))
    parts = [heading, body]
    if c.optional_wording:
        parts += [f"## Local decision {{ #{DECISION_ANCHOR} }}", decision(view, c)]
    parts.append(render("record-end.html", class_name="gpia-clause-end",
                        back=render("back-to-list.html", every="Every clause the guidance cites",
                                    href=f"{view.base}clauses/", name="Clauses"),
                        referenced_by=view.referenced_by(c.id), reviewed=view.reviewed(c.last_reviewed, c.path)))
    return "\n\n".join(parts)


def decision(view: View, c: Clause) -> Markup:
    """The local decision on a clause's optional wording: the drafting note, and a blank for the answer."""
    note = view.ours_text(c.drafting_note, "Drafting note: a local decision") if c.drafting_note else ""
    return render("clause-decision.html", note=note, base=view.base)
