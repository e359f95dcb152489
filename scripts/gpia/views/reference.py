"""The clauses of the template agreements that the guidance cites: a page per clause, and a paged list.

/clauses/<clause-id>/ quotes the clause's source wording with our summary; a clause with optional
wording also has a section `#decision` (DECISION_ANCHOR), the local decision and its drafting note,
which the local adaptation checklist links to. /clauses/ (and its later pages) lists the clauses by
template version, number and title. Schedules have their own pages and index (views/schedules.py);
docs/clauses.md keeps a short pointer to them for readers who arrive looking for "Schedule 3".
"""
from __future__ import annotations

import re

from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import esc, md_text
from gpia.model.records import Clause, KnowledgeBase
from gpia.views.common import View, ours
from gpia.views.paging import Item, Listing

CLAUSES_PER_PAGE = 25
DECISION_ANCHOR = "decision"
BLANK = '<span class="gpia-blank">To be completed locally</span>'


def clause_order(kb: KnowledgeBase, c: Clause) -> tuple:
    """Version order, then the clause number read as numbers: 4.1(b) before 6.1(e) before 10.1(a)."""
    number = tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                   for part in re.findall(r"\d+|[^\d.()\s]+", c.number))
    return list(kb.versions).index(c.template), number, c.id


@once_per_knowledge_base
def listing(kb: KnowledgeBase) -> Listing:
    clauses = sorted(kb.clauses.values(), key=lambda c: clause_order(kb, c))
    return Listing("clauses", "Clauses", "clauses/", CLAUSES_PER_PAGE,
                         tuple(Item(c.id, c.template) for c in clauses), entry=entry,
                   group_heading=lambda view, v: f"{esc(view.kb.versions[v].label)}: {view.text(view.kb.versions[v].agreement, mentions=False)}",
                   files=lambda kb, c: kb.clauses[c].path)


def entry(view: View, clause_id: str) -> str:
    c = view.kb.clauses[clause_id]
    link = f'<a href="{esc(view.href(c.id))}">Clause {esc(c.number)}: {view.text(c.title, mentions=False)}</a>'
    flag = ' <span class="gpia-meta">(optional wording: a local decision)</span>' if c.optional_wording else ""
    return link + flag


def clause_page(view: View, clause_id: str) -> str:
    """Markdown for /clauses/<clause-id>/: its title comes from here too, so no data text enters a template."""
    c = view.kb.clauses[clause_id]
    version = view.kb.versions[c.template]
    heading = f"# Clause {md_text(c.number)}: {md_text(c.title)} ({md_text(version.label)}) {{ #{c.id} }}"
    facts = [f"In the {view.text(version.agreement)} ({esc(version.label)})."]
    if c.schedule:
        facts.append(f"Cross-refers to {view.link(c.schedule)}.")
    if c.optional_wording:
        facts.append(f'Optional wording: include it only by <a href="#{DECISION_ANCHOR}">local decision</a>.')
    body = f'<p class="gpia-facts">{" ".join(facts)}</p>' + view.quotes(c.quotes) + view.ours(f"<p>{view.text(c.summary)}</p>", rests_on=c.rests_on)
    parts = [heading, f'<div class="gpia-clause"{view.cite(c.id)}>{body}</div>']
    if c.optional_wording:
        parts += [f"## Local decision {{ #{DECISION_ANCHOR} }}", decision(view, c)]
    end = (f'<p class="gpia-provenance" data-pagefind-ignore>Every clause the guidance cites: '
           f'<a href="{esc(view.base)}clauses/">Clauses</a>.</p>'
           f"{view.referenced_by(c.id)}{view.reviewed(c.last_reviewed, c.path)}")
    parts.append(f'<div class="gpia-clause-end">{end}</div>')
    return "\n\n".join(parts)


def decision(view: View, c: Clause) -> str:
    """The local decision on a clause's optional wording: the drafting note, and a blank for the answer."""
    note = ours(f"<p>{view.text(c.drafting_note)}</p>", "Drafting note: a local decision") if c.drafting_note else ""
    return (f'<div class="gpia-decision"><p>This wording is optional: each site decides whether its agreement '
            f"includes it, on the source wording and our summary above.</p>{note}"
            f'<p class="gpia-decision-blank"><span class="gpia-label">Your decision</span>: include the wording / '
            f"leave it out — {BLANK}</p>"
            f'<p>Every decision and placeholder a site completes: the <a href="{esc(view.base)}checklist/">local '
            f"adaptation checklist</a>.</p></div>")
