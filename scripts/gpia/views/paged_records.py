"""A variant of paging.Listing for the reference pages: a page can be a table, and names its YAML files.

Paging, the pager and the later pages' addresses are paging.Listing's, unchanged; only how one
page's entries are laid out differs. With `table`, each entry is a table row (`<tr>…</tr>`) and
`table(view, rows)` wraps the page's rows (the agreements matrix, the schedules index). With
`files`, a page ends with the YAML files of the records it shows ("Edit this data"), so the line
stays as short as the page however large the corpus grows.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import KnowledgeBase
from .common import View
from .paging import Listing


@dataclass(frozen=True)
class RecordListing(Listing):
    table: Callable[[View, str], str] | None = None  # wraps a page's rows; entries are then <tr> rows
    files: Callable[[KnowledgeBase, str], str] | None = None  # the YAML file of a record, by id

    def shown(self, page: int) -> list[str]:
        """The ids of the records on page n."""
        start = (page - 1) * self.per_page
        return [item.record_id for item in self.items[start:start + self.per_page]]

    def render(self, view: View, page: int) -> str:
        pager = self.pager(view, page)
        if self.table is None:
            entries = super().render(view, page).removesuffix(pager)  # checks the page number
        else:
            if not 1 <= page <= self.page_count:
                raise ValueError(f"listing_page: '{self.name}' has pages 1 to {self.page_count}, not {page}")
            entries = self.table(view, "".join(self.entry(view, i) for i in self.shown(page)))
        files = ""
        if self.files is not None and self.items:
            files = view.data_files(sorted({self.files(view.kb, i) for i in self.shown(page)}))
        return entries + files + pager
