"""Lists of records split into pages of a fixed size, so no list page grows with the corpus.

A list's first page is the hand-written page in docs/ (e.g. docs/faq.md calls `listing_page("faq")`);
its later pages are generated at `<folder>pages/<n>/`, kept out of the navigation. Entries link to
each record's own page, whose URL comes from its id (gpia.model.urls), so a record's address does not
change when the list grows; only which list page shows it does.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from gpia.model.records import KnowledgeBase
from gpia.sitemap import list_page, list_page_source
from gpia.views.common import View
from gpia.views.templating import markup, render


@dataclass(frozen=True)
class Item:
    record_id: str
    group: str = ""  # the key of the group the item is listed under (a version, an FAQ section), or ""


@dataclass(frozen=True)
class Listing:
    name: str  # e.g. "faq"; the macro `listing_page(name, n)` renders page n
    title: str  # the list's title, for the headings of its later pages
    folder: str  # site-root-relative folder of its first page, e.g. "faq/"
    per_page: int
    items: tuple[Item, ...]
    entry: Callable[[View, str], str]  # one item's HTML, inside its <li>
    group_heading: Callable[[View, str], str] | None = None  # a group's heading HTML (no tags around it)
    # With `table`, each entry is a table row (<tr>...</tr>) and table(view, rows) wraps a page's rows.
    table: Callable[[View, str], str] | None = None
    # With `files`, a page ends with the YAML files of the records it shows ("Edit this data"), so
    # the line is as short as the page however large the corpus grows.
    files: Callable[[KnowledgeBase, str], str] | None = None

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self.items) // self.per_page))

    def uri(self, page: int) -> str:
        """Site-root-relative URL of page n: the folder itself for page 1."""
        return list_page(self.folder, page)

    def source_path(self, page: int) -> str:
        """Where a generated later page goes in the site's docs, e.g. 'faq/pages/2.md'."""
        return list_page_source(self.folder, page)

    def shown(self, page: int) -> tuple[Item, ...]:
        """The items on page n."""
        start = (page - 1) * self.per_page
        return self.items[start:start + self.per_page]

    def render(self, view: View, page: int) -> Markup:
        """HTML for page n of the list: its entries (under their group headings, or as table rows),
        the YAML files they come from, and the pager."""
        if not 1 <= page <= self.page_count:
            raise ValueError(f"listing_page: '{self.name}' has pages 1 to {self.page_count}, not {page}")
        shown = self.shown(page)
        # Entries, group headings and tables are HTML the views built.
        if self.table is not None:
            entries = markup(self.table(view, markup("".join(self.entry(view, item.record_id) for item in shown))))
        else:
            entries = self._grouped(view, page, shown)
        files = view.data_files(sorted({self.files(view.kb, i.record_id) for i in shown})) if self.files and shown else ""
        return markup(f"{entries}{files}{self.pager(view, page)}")

    def _grouped(self, view: View, page: int, shown: tuple[Item, ...]) -> Markup:
        start = (page - 1) * self.per_page
        groups: list[dict[str, object]] = []
        for index, item in enumerate(shown):
            if index == 0 or (self.group_heading is not None and item.group != groups[-1]["key"]):
                heading = markup(self.group_heading(view, item.group)) if self.group_heading is not None else ""
                continued = index == 0 and start > 0 and self.items[start - 1].group == item.group
                groups.append({"key": item.group, "heading": heading, "id": item.group, "continued": continued,
                               "entries": []})
            groups[-1]["entries"].append(markup(self.entry(view, item.record_id)))  # type: ignore[attr-defined]
        return render("listing.html", groups=groups)

    def pager(self, view: View, page: int) -> Markup:
        """'Page 2 of 5, entries 21–40 of 90' with first, previous, next and last links; nothing for one page."""
        pages = self.page_count
        if pages == 1:
            return Markup()
        links = [(view.base + self.uri(target), rel, label)
                 for label, target, rel in (("First page", 1, ""), ("Previous page", page - 1, "prev"),
                                            ("Next page", page + 1, "next"), ("Last page", pages, ""))
                 if 1 <= target <= pages and target != page]
        return render("pager.html", page=page, pages=pages, first=(page - 1) * self.per_page + 1,
                      last=min(page * self.per_page, len(self.items)), total=len(self.items), links=links)

    def title_markdown(self, page: int) -> str:
        return f"# {self.title}, page {page} of {self.page_count}"
