"""Clauses and schedules of the template agreements that the guidance cites."""
from __future__ import annotations

from ..html import esc, md_text
from ..model import Clause, Schedule
from .common import View, ours, reviewed


def clauses_page(view: View) -> str:
    clauses = "\n\n".join(clause(view, c) for c in sorted(view.kb.clauses.values(), key=lambda c: (c.template, c.number)))
    schedules = "\n\n".join(schedule(view, s) for s in sorted(view.kb.schedules.values(), key=_schedule_order))
    return f"## Clauses {{ #clauses }}\n\n{clauses}\n\n## Schedules {{ #schedules }}\n\n{schedules}"


def _schedule_order(s: Schedule) -> tuple[int, str]:
    return (int(s.number) if s.number else 99, s.title)


def clause(view: View, c: Clause) -> str:
    version = view.kb.versions[c.template]
    heading = f"### Clause {md_text(c.number)}: {md_text(c.title)} ({md_text(version.label)}) {{ #{c.id} }}"
    facts = [f"In the {view.text(version.agreement)} ({esc(version.label)})."]
    if c.schedule:
        facts.append(f"Cross-refers to {view.link(c.schedule)}.")
    if c.optional_wording:
        facts.append("Optional wording in square brackets: include it only by local decision.")
    body = f'<p class="gpia-facts">{" ".join(facts)}</p>' + view.quotes(c.quotes)
    body += ours(f"<p>{view.text(c.summary)}</p>")
    if c.drafting_note:
        body += ours(f"<p>{view.text(c.drafting_note)}</p>", "Drafting note: a local decision")
    return f'{heading}\n\n<div class="gpia-clause">{body}{view.referenced_by(c.id)}{reviewed(c.last_reviewed, c.path)}</div>'


def schedule(view: View, s: Schedule) -> str:
    heading = f"### {md_text(s.label)} {{ #{s.id} }}"
    pointing = [r for r in view.kb.requirements.values() if any(d.schedule == s.id for d in r.defers_to)]
    body = ours(f"<p>{view.text(s.summary)}</p>", "What goes in this schedule")
    if pointing:
        body += ("<p>Requirements that leave detail to this schedule:</p><ul>"
                 + "".join(f"<li>{view.link(r.id)}</li>" for r in pointing) + "</ul>")
    body += view.quotes(s.quotes)
    return f'{heading}\n\n<div class="gpia-schedule">{body}{view.referenced_by(s.id)}{reviewed(s.last_reviewed, s.path)}</div>'
