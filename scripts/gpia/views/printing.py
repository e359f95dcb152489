"""/print/: the whole guide on one page, in reading order, to print or save as PDF.

Each part is the records' own pages (the same views), one after another, with their headings moved
down under the part's heading. A record page's section anchors (#template, #example, ...) repeat
from page to page, so on this page each is prefixed with its record's id, and the links to them
follow; record ids stay as they are, so a link to a record's anchor still finds it here.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from gpia.model.kinds import answer_questions
from gpia.model.records import RequirementTable
from gpia.model.schedule_links import schedules_in_order
from gpia.views.agreements import agreement_page
from gpia.views.checklist import before_you_sign
from gpia.views.common import QUOTED_ANCHOR_PREFIX, View
from gpia.views.faq import section_page
from gpia.views.glossary import term_page
from gpia.views.reference import clause_page
from gpia.views.requirements import area_page, tables_of
from gpia.views.schedules import schedule_page
from gpia.views.templating import render as render_template

_HEADING = re.compile(r"^(#{1,6}) ", re.MULTILINE)
_MD_ID = re.compile(r"\{ #([A-Za-z0-9_-]+) \}")
_HTML_ID = re.compile(r'\bid="([^"]+)"')
_FOR = re.compile(r'\bfor="([^"]+)"')
_LOCAL_HREF = re.compile(r'href="#([^"]+)"')
_ARIA = re.compile(r'\baria-labelledby="([^"]+)"')


def whole_guide(view: View) -> str:
    # On paper the source wording behind each of our notes and the indicators are shown, not behind
    # a disclosure.
    view = replace(view, expanded=True)
    kb = view.kb
    parts: list[tuple[str, str, Iterable[str], Callable[[View, str], str]]] = [
        ("print-governance", "Shared governance", [a.id for t in _newest_first(view) if t.kind == "governance"
                                                    for a in t.areas], area_page),
        ("print-commitments", "Integration commitments", [a.id for t in _newest_first(view) if t.kind == "integration"
                                                          for a in t.areas], area_page),
        ("print-faq", "FAQs", list(kb.faq_sections), section_page),
        ("print-clauses", "Clauses", list(kb.clauses), clause_page),
        ("print-schedules", "Schedules", [s.id for s in schedules_in_order(kb)], schedule_page),
        ("print-agreements", "Agreements", list(kb.agreements), agreement_page),
        ("print-glossary", "Glossary", list(kb.terms), term_page),
    ]
    record_ids = _record_ids(view)
    out = [render_template("print-button.html"), render_template("print-contents.html", parts=[title for _, title, _, _ in parts])]
    for anchor, title, ids, render in parts:
        out.append(f"## {title} {{ #{anchor} }}")
        out += [_nested(render(view, i), i, record_ids) for i in ids]
    out.append("## Before you sign { #print-before-you-sign }")
    out.append(_nested(before_you_sign(view), "print-checklist", record_ids, levels=0))
    return "\n\n".join(out)


def _newest_first(view: View) -> list[RequirementTable]:
    return [t for kind in ("governance", "integration") for t in tables_of(view.kb, kind)]


def _record_ids(view: View) -> frozenset[str]:
    kb = view.kb
    return frozenset([*kb.requirements, *kb.areas, *kb.tables, *kb.clauses, *kb.schedules, *kb.agreements,
                      *kb.terms, *kb.questions, *kb.faq_sections, *kb.decisions,
                      *(k.id for s in kb.schedules.values() for k in s.kpis), *answer_questions(kb)])


def _nested(markdown: str, owner: str, record_ids: frozenset[str], levels: int = 2) -> str:
    """A record page's Markdown under a part heading: headings `levels` deeper, section ids prefixed."""
    if levels:
        markdown = _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + levels) + " ", markdown)
    # A passage's first quotation is unique on the page already (the view quotes each once).
    own = {i for i in _MD_ID.findall(markdown) + _HTML_ID.findall(markdown)
           if i not in record_ids and not i.startswith(QUOTED_ANCHOR_PREFIX)}

    def renamed(value: str) -> str:
        return f"{owner}--{value}" if value in own else value

    markdown = _MD_ID.sub(lambda m: f"{{ #{renamed(m.group(1))} }}", markdown)
    markdown = _HTML_ID.sub(lambda m: f'id="{renamed(m.group(1))}"', markdown)
    markdown = _FOR.sub(lambda m: f'for="{renamed(m.group(1))}"', markdown)
    markdown = _ARIA.sub(lambda m: f'aria-labelledby="{renamed(m.group(1))}"', markdown)
    return _LOCAL_HREF.sub(lambda m: f'href="#{renamed(m.group(1))}"', markdown)
