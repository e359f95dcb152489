"""The clauses of the template agreements that the guidance cites, and pointers to the schedules.

Schedules have their own pages (views/schedules.py); this page keeps a short list of them so
readers who arrive here looking for "Schedule 3" find their way.
"""
from __future__ import annotations

from ..html import esc, md_text
from ..model import Clause
from ..schedule_links import schedules_in_order, versions_of
from .common import View, ours


def clauses_page(view: View) -> str:
    clauses = "\n\n".join(clause(view, c) for c in sorted(view.kb.clauses.values(), key=lambda c: (c.template, c.number)))
    return f"## Clauses {{ #clauses }}\n\n{clauses}\n\n## Schedules {{ #schedules }}\n\n{schedule_pointers(view)}"


def clause(view: View, c: Clause) -> str:
    version = view.kb.versions[c.template]
    heading = f"### Clause {md_text(c.number)}: {md_text(c.title)} ({md_text(version.label)}) {{ #{c.id} }}"
    facts = [f"In the {view.text(version.agreement)} ({esc(version.label)})."]
    if c.schedule:
        facts.append(f"Cross-refers to {view.link(c.schedule)}.")
    if c.optional_wording:
        facts.append("Optional wording in square brackets: include it only by local decision (see the "
                     f'<a href="{esc(view.base)}checklist/#decision-{esc(c.id)}">local adaptation checklist</a>).')
    body = f'<p class="gpia-facts">{" ".join(facts)}</p>' + view.quotes(c.quotes)
    body += ours(f"<p>{view.text(c.summary)}</p>")
    if c.drafting_note:
        body += ours(f"<p>{view.text(c.drafting_note)}</p>", "Drafting note: a local decision")
    return f'{heading}\n\n<div class="gpia-clause">{body}{view.referenced_by(c.id)}{view.reviewed(c.last_reviewed, c.path)}</div>'


def schedule_pointers(view: View) -> str:
    items = "".join(
        f"<li>{view.link(s.id)} ({', '.join(esc(view.kb.versions[v].label) for v in versions_of(view.kb, s.id))})</li>"
        for s in schedules_in_order(view.kb))
    return (f'<p>Each schedule has its own page, with a blank template and a worked example: see '
            f'<a href="{esc(view.base)}schedules/">Schedules</a>.</p><ul class="gpia-schedule-list">{items}</ul>')
