"""/print/: the whole guide in reading order, to print or save as PDF; and each of its parts on pages of
its own (print/<part>/, gpia.sitemap), split so that no page grows with the corpus (gpia.views.split).

/print/ holds every part while the whole guide fits one such page (at the real size it does); beyond
that it holds the title page and the contents, which link each part's pages. It opens with a title page (the date of the data and the versions it covers) and a contents list of
its parts; on paper each part starts a new page, the navigation meant for the screen is left out,
and an outside link's address is printed after it (print CSS in docs/assets/gpia.css). Each part is
the records' own pages (the same views, in the order of their lists on the web: the glossary
alphabetical), one after another, with their headings moved down under the part's heading. A record page's section anchors (#template, #example, ...) repeat
from page to page, so on this page each is prefixed with its record's id, and the links to them
follow; record ids stay as they are, so a link to a record's anchor still finds it here.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from gpia.model.data_version import data_date
from gpia.model.kinds import STORED, answer_questions
from gpia.model.records import KnowledgeBase, RequirementTable
from gpia.model.urls import relative_base
from gpia.sitemap import PRINT_FOLDER, PRINT_PARTS, print_part_page
from gpia.model.schedule_links import schedules_in_order
from gpia.views.agreements import agreement_page
from gpia.views.checklist import before_you_sign
from gpia.views.common import QUOTED_ANCHOR_PREFIX, BuildViews, View
from gpia.views.html import md_text
from gpia.views.html_tokens import Tag, tokens
from gpia.views.faq import section_page
from gpia.views.generic import LISTED, record_page as generic_record_page
from gpia.views.glossary import listing as glossary_listing
from gpia.views.glossary import term_page
from gpia.views.sources import citation_page
from gpia.views.sources import listing as citations_listing
from gpia.views.reference import clause_page
from gpia.views.requirements import area_page, tables_of
from gpia.views.schedules import schedule_page
from gpia.views.split import split_pages
from gpia.views.templating import render as render_template

# Markdown's own: a heading's hashes, and an attribute list's id (`## Example { #example }`).
_HEADING = re.compile(r"^(#{1,6}) ", re.MULTILINE)
_MD_ID = re.compile(r"\{ #([A-Za-z0-9_-]+) \}")
# The attributes of the HTML blocks that name an anchor of the page (href only as "#anchor").
_NAMING = ("id", "for", "aria-labelledby")


@dataclass(frozen=True)
class Part:
    """A part of the printed guide: its name in the site map (gpia.sitemap.PRINT_PARTS), its title, the
    ids of its records in the order of their lists on the web, and how one record's page is rendered."""
    name: str
    title: str
    ids: tuple[str, ...]
    render: Callable[[View, str], str]
    levels: int = 2  # how much deeper its records' headings go under the part's heading on /print/

    @property
    def anchor(self) -> str:
        return f"print-{self.name}"


def guide_parts(view: View) -> list[Part]:
    """The parts of the guide, in reading order (the site map's order)."""
    kb = view.kb
    parts = [
        Part("governance", "Shared governance", tuple(a.id for t in _newest_first(view) if t.kind == "governance"
                                                      for a in t.areas), area_page),
        Part("commitments", "Integration commitments", tuple(a.id for t in _newest_first(view)
                                                             if t.kind == "integration" for a in t.areas), area_page),
        Part("faq", "FAQs", tuple(kb.faq_sections), section_page),
        Part("clauses", "Clauses", tuple(kb.clauses), clause_page),
        Part("schedules", "Schedules", tuple(s.id for s in schedules_in_order(kb)), schedule_page),
        Part("agreements", "Agreements", tuple(kb.agreements), agreement_page),
        Part("glossary", "Glossary", tuple(item.record_id for item in glossary_listing(kb).items), term_page),
        Part("citations", "Other sources we cite", tuple(item.record_id for item in citations_listing(kb).items),
             citation_page),
        # Each kind shown by its own templates, its records in the order of its list.
        *(Part(k.listings[0], k.list_title or k.listings[0], tuple(kb.records(k.records or "")), generic_record_page(k))
          for k in LISTED if k.page_template),
        # The checklist is one piece, whose headings already sit under a part's.
        Part("before-you-sign", "Before you sign", ("print-checklist",), lambda v, _: before_you_sign(v), levels=0),
    ]
    assert tuple(p.name for p in parts) == PRINT_PARTS, "the parts of the printed guide are the site map's"
    return parts


@dataclass(frozen=True)
class PrintedPart:
    """A part as printed on pages of its own: each page's records, rendered for that page."""
    part: Part
    pages: tuple[tuple[tuple[str, str], ...], ...]  # each page's (record id, Markdown)

    def href(self, view: View, page: int) -> str:
        return view.base + print_part_page(self.part.name, page)

    @property
    def size(self) -> int:
        return sum(len(text.encode("utf-8")) for page in self.pages for _, text in page)


def printed_parts(shared: BuildViews) -> list[PrintedPart]:
    """Every part split into pages of at most `shared.page_bytes` bytes of Markdown (a record longer
    than that has a page to itself): computed once per build, for the build's pages and /print/."""
    key = ("gpia.views.printing.printed_parts", shared.edit_base, shared.site_url, shared.page_bytes)
    if key not in shared.kb.derived:
        record_ids = _record_ids(shared.kb)
        printed = []
        for part in guide_parts(shared.view()):
            def view_of(page: int, part: Part = part) -> View:
                return replace(shared.view(relative_base(print_part_page(part.name, page))), expanded=True)

            def rendered(view: View, record_id: str, part: Part = part) -> str:
                # Under the part's own title (a level higher than on /print/): a part whose headings
                # already sit under a part's heading (levels 0) is lifted by one.
                return _nested(part.render(view, record_id), record_id, record_ids, levels=part.levels - 1)

            pages = split_pages(part.ids, view_of, rendered, shared.page_bytes)
            printed.append(PrintedPart(part, tuple(tuple(page) for page in pages)))
        shared.kb.derived[key] = printed
    return shared.kb.derived[key]


def part_page(shared: BuildViews, name: str, page: int) -> str:
    """The Markdown of page n of a part printed on its own: its title, the print button, its records
    and, on screen, the way to its other pages and to the whole guide."""
    printed = next(p for p in printed_parts(shared) if p.part.name == name)
    count = len(printed.pages)
    if not 1 <= page <= count:
        raise ValueError(f"part_page: the printed part '{name}' has pages 1 to {count}, not {page}")
    view = shared.view(relative_base(print_part_page(name, page)))
    title = f"{printed.part.title}, to print" + (f": page {page} of {count}" if count > 1 else "")
    shown = printed.pages[page - 1]
    before = sum(len(p) for p in printed.pages[:page - 1])
    links = [(printed.href(view, target), rel, label)
             for label, target, rel in (("First page", 1, ""), ("Previous page", page - 1, "prev"),
                                        ("Next page", page + 1, "next"), ("Last page", count, ""))
             if 1 <= target <= count and target != page]
    out = [f"# {md_text(title)} {{ #{printed.part.anchor} }}",
           render_template("print-part-intro.html", title=printed.part.title, whole=view.base + PRINT_FOLDER),
           render_template("print-button.html", label="Print this part"),
           *(text for _, text in shown)]
    if count > 1:
        out.append(render_template("pager.html", page=page, pages=count, first=before + 1, last=before + len(shown),
                                   total=sum(len(p) for p in printed.pages), links=links))
    return "\n\n".join(out)


def whole_guide(view: View) -> str:
    """/print/: the title page and contents, then every part, when the whole guide fits on one page of
    `page_bytes` (it did at the real size); else the title page and every part's pages to print, linked."""
    # On paper the source wording behind each of our notes and the indicators are shown, not behind
    # a disclosure.
    view = replace(view, expanded=True)
    kb = view.kb
    printed = printed_parts(view.shared)
    whole = (all(len(p.pages) == 1 for p in printed)
             and sum(p.size for p in printed) <= view.shared.page_bytes)
    versions = [(v.label, kb.sources[v.source].title, kb.sources[v.source].published) for v in kb.versions.values()]
    pages = [{"title": p.part.title, "anchor": p.part.anchor,
              "pages": [(p.href(view, n), n) for n in range(1, len(p.pages) + 1)]} for p in printed]
    out = [render_template("print-intro.html", whole=whole),
           render_template("print-button.html", label="Print the whole guide" if whole else "Print these contents"),
           render_template("print-title.html", date=long_date(data_date(kb)), versions=versions),
           render_template("print-contents.html", parts=pages, whole=whole)]
    if not whole:
        return "\n\n".join(out)
    record_ids = _record_ids(kb)
    for p in printed:
        out.append(f"## {p.part.title} {{ #{p.part.anchor} .gpia-print-part }}")
        out += [_nested(p.part.render(view, i), i, record_ids, levels=p.part.levels) for i in p.part.ids]
    return "\n\n".join(out)


def long_date(iso: str) -> str:
    """'YYYY-MM-DD' written out: day, month name, year."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {_MONTHS[month - 1]} {year}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _newest_first(view: View) -> list[RequirementTable]:
    return [t for kind in ("governance", "integration") for t in tables_of(view.kb, kind)]


def _record_ids(kb: KnowledgeBase) -> frozenset[str]:
    """Every record's id (the registry's kinds with records of their own, and the indicators of the
    schedules' examples): an anchor that is a record's id is unique in the site and keeps its name."""
    return frozenset([*(i for kind in STORED for i in getattr(kb, kind.records)),  # type: ignore[arg-type]
                      *(k.id for s in kb.schedules.values() for k in s.kpis), *answer_questions(kb)])


def _nested(markdown: str, owner: str, record_ids: frozenset[str], levels: int = 2) -> str:
    """A record page's Markdown under a part heading: headings `levels` deeper (higher when negative,
    never above a level 2 heading, which only a part's title is above), section ids prefixed."""
    if levels:
        markdown = _HEADING.sub(lambda m: "#" * max(2, min(6, len(m.group(1)) + levels)) + " ", markdown)
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
        # A tag can name one of the anchors only where its text holds it (the anchors are ids of
        # letters, digits, "-" and "_", which a character reference could spell otherwise).
        if "&" in written or any(anchor in written for anchor in own):
            attrs = tag.attrs
        else:
            attrs = ()
        for name, value in attrs:
            anchor = value[1:] if name == "href" and value and value.startswith("#") else \
                value if name in _NAMING and value else None
            if anchor is not None and anchor in own:
                prefix = "#" if name == "href" else ""
                written = written.replace(f' {name}="{prefix}{anchor}"', f' {name}="{prefix}{renamed(anchor)}"', 1)
        out += [_MD_ID.sub(lambda m: f"{{ #{renamed(m.group(1))} }}", markdown[done:tag.start]), written]
        done = tag.end
    out.append(_MD_ID.sub(lambda m: f"{{ #{renamed(m.group(1))} }}", markdown[done:]))
    return "".join(out)
