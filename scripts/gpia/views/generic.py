"""The pages of a kind that has no renderer of its own: filled from the templates its declaration names.

A kind declared with `page_template` gets a page per record (/<folder><id>/): its label as the heading,
then the template given the `record`, then the way back to its list, what refers to it and when it was
reviewed, like every record page. With `list_template` it gets a paged list, `listings[0]`, titled
`list_title`, one entry per record (the template given the `record`, `href` to its page and `link`).
Data reaches the templates only as values to escape; the heading is escaped Markdown.
"""
from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from gpia.model.derived import once_per_knowledge_base
from gpia.model.kinds import KIND, KINDS, Kind
from gpia.model.records import KnowledgeBase
from gpia.sitemap import LISTS
from gpia.views.common import View
from gpia.views.html import md_text
from gpia.views.paging import Item, Listing
from gpia.views.templating import render

PER_PAGE = 20

# The kinds shown by the templates they name, in the registry's order.
PAGED: tuple[Kind, ...] = tuple(k for k in KINDS if k.page_template)
LISTED: tuple[Kind, ...] = tuple(k for k in KINDS if k.list_template)


def record_page(kind: Kind) -> Callable[[View, str], str]:
    """The renderer of a record page of `kind`, from its `page_template`."""
    def page(view: View, record_id: str) -> str:
        record = view.kb.records(kind.records or "")[record_id]
        heading = f"# {md_text(kind.label(view.kb, record_id))} {{ #{record_id} }}"
        body = render(kind.page_template or "", record=record)
        back = Markup()
        if kind.list_template and kind.list_title:
            back = render("back-to-list.html", every=f"Every {kind.name.replace('-', ' ')}",
                          href=f"{view.base}{LISTS[kind.listings[0]]}", name=kind.list_title)
        reviewed = view.reviewed(record.last_reviewed, record.path) if getattr(record, "last_reviewed", None) \
            else view.data_files([record.path])
        end = render("record-end.html", class_name="", back=back, referenced_by=view.referenced_by(record_id),
                     reviewed=reviewed)
        return f"{heading}\n\n{body}\n\n{end}"
    return page


@once_per_knowledge_base
def listing(kb: KnowledgeBase, name: str) -> Listing:
    """The paged list of the records of the kind whose `listings[0]` is `name`."""
    kind = next(k for k in LISTED if k.listings[0] == name)
    records = kb.records(kind.records or "")

    def entry(view: View, record_id: str) -> str:
        return render(kind.list_template or "", record=records[record_id], href=view.href(record_id),
                      link=view.link(record_id))
    return Listing(name, kind.list_title or name, LISTS[name], PER_PAGE, tuple(Item(i) for i in records),
                   entry=entry, files=lambda kb, i: records[i].path)


def listings() -> dict[str, Callable[[KnowledgeBase], Listing]]:
    """List name -> its list, for each kind with a `list_template`."""
    return {k.listings[0]: (lambda kb, name=k.listings[0]: listing(kb, name)) for k in LISTED}


def renderers() -> dict[str, Callable[[View, str], str]]:
    """Kind -> the renderer of its record pages, for each kind with a `page_template`."""
    return {k.name: record_page(KIND[k.name]) for k in PAGED}
