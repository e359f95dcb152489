"""/print/: the whole guide on one page, in reading order, to print or save as PDF.

It opens with a title page (the date of the data and the versions it covers) and a contents list of
its parts; on paper each part starts a new page, the navigation meant for the screen is left out,
and an outside link's address is printed after it (print CSS in docs/assets/gpia.css). Each part is
the records' own pages (the same views, in the order of their lists on the web: the glossary
alphabetical), one after another, with their headings moved down under the part's heading. A record page's section anchors (#template, #example, ...) repeat
from page to page, so on this page each is prefixed with its record's id, and the links to them
follow; record ids stay as they are, so a link to a record's anchor still finds it here.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from gpia.model.data_version import data_date
from gpia.model.kinds import STORED, answer_questions
from gpia.model.records import RequirementTable
from gpia.model.schedule_links import schedules_in_order
from gpia.views.agreements import agreement_page
from gpia.views.checklist import before_you_sign
from gpia.views.common import QUOTED_ANCHOR_PREFIX, View
from gpia.views.html_tokens import Tag, tokens
from gpia.views.faq import section_page
from gpia.views.glossary import listing as glossary_listing
from gpia.views.glossary import term_page
from gpia.views.sources import citation_page
from gpia.views.sources import listing as citations_listing
from gpia.views.reference import clause_page
from gpia.views.requirements import area_page, tables_of
from gpia.views.schedules import schedule_page
from gpia.views.templating import render as render_template

# Markdown's own: a heading's hashes, and an attribute list's id (`## Example { #example }`).
_HEADING = re.compile(r"^(#{1,6}) ", re.MULTILINE)
_MD_ID = re.compile(r"\{ #([A-Za-z0-9_-]+) \}")
# The attributes of the HTML blocks that name an anchor of the page (href only as "#anchor").
_NAMING = ("id", "for", "aria-labelledby")


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
        ("print-glossary", "Glossary", [item.record_id for item in glossary_listing(kb).items], term_page),
        ("print-citations", "Other sources we cite", [item.record_id for item in citations_listing(kb).items],
         citation_page),
    ]
    record_ids = _record_ids(view)
    contents = [(anchor, title) for anchor, title, _, _ in parts] + [("print-before-you-sign", "Before you sign")]
    versions = [(v.label, kb.sources[v.source].title, kb.sources[v.source].published) for v in kb.versions.values()]
    out = [render_template("print-button.html"),
           render_template("print-title.html", date=long_date(data_date(kb)), versions=versions),
           render_template("print-contents.html", parts=contents)]
    for anchor, title, ids, render in parts:
        out.append(f"## {title} {{ #{anchor} .gpia-print-part }}")
        out += [_nested(render(view, i), i, record_ids) for i in ids]
    out.append("## Before you sign { #print-before-you-sign .gpia-print-part }")
    out.append(_nested(before_you_sign(view), "print-checklist", record_ids, levels=0))
    return "\n\n".join(out)


def long_date(iso: str) -> str:
    """'YYYY-MM-DD' written out: day, month name, year."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {_MONTHS[month - 1]} {year}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _newest_first(view: View) -> list[RequirementTable]:
    return [t for kind in ("governance", "integration") for t in tables_of(view.kb, kind)]


def _record_ids(view: View) -> frozenset[str]:
    """Every record's id (the registry's kinds with records of their own, and the indicators of the
    schedules' examples): an anchor that is a record's id is unique in the site and keeps its name."""
    kb = view.kb
    return frozenset([*(i for kind in STORED for i in getattr(kb, kind.records)),  # type: ignore[arg-type]
                      *(k.id for s in kb.schedules.values() for k in s.kpis), *answer_questions(kb)])


def _nested(markdown: str, owner: str, record_ids: frozenset[str], levels: int = 2) -> str:
    """A record page's Markdown under a part heading: headings `levels` deeper, section ids prefixed."""
    if levels:
        markdown = _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + levels) + " ", markdown)
    # The HTML blocks' tags as a parser reads them: an id is an attribute of a tag, never text that
    # looks like one.
    tags = [t for t in tokens(markdown) if isinstance(t, Tag) and not t.closing]
    html_ids = [value for t in tags for value in [t.attr("id")] if value]
    # A passage's first quotation is unique on the page already (the view quotes each once).
    own = {i for i in _MD_ID.findall(markdown) + html_ids
           if i not in record_ids and not i.startswith(QUOTED_ANCHOR_PREFIX)}

    def renamed(value: str) -> str:
        return f"{owner}--{value}" if value in own else value

    out: list[str] = []
    done = 0
    for tag in tags:
        written = markdown[tag.start:tag.end]
        for name, value in tag.attrs:
            anchor = value[1:] if name == "href" and value and value.startswith("#") else \
                value if name in _NAMING and value else None
            if anchor is not None and anchor in own:
                prefix = "#" if name == "href" else ""
                written = written.replace(f' {name}="{prefix}{anchor}"', f' {name}="{prefix}{renamed(anchor)}"', 1)
        out += [_MD_ID.sub(lambda m: f"{{ #{renamed(m.group(1))} }}", markdown[done:tag.start]), written]
        done = tag.end
    out.append(_MD_ID.sub(lambda m: f"{{ #{renamed(m.group(1))} }}", markdown[done:]))
    return "".join(out)
