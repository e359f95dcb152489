"""A whole document split into pages of bounded size: the printed guide's parts, the documents compared.

The pieces of a document (a record, a question's changes) are put on pages in their order, each page
holding as many as fit in `page_bytes` bytes of Markdown (a piece longer than that has a page to
itself), so no page grows with the corpus: the number of pages does. Each piece is rendered once, for
the page it is on (its links start from that page's address, and a page quotes each passage once);
a piece that does not fit is rendered again for the next page.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from gpia.views.common import View

T = TypeVar("T")


def split_pages(pieces: Sequence[T], view_of: Callable[[int], View], render: Callable[[View, T], str],
                page_bytes: int) -> list[list[tuple[T, str]]]:
    """Pages 1 to n, each its pieces with their Markdown. `view_of(n)` is the view of page n."""
    pages: list[list[tuple[T, str]]] = [[]]
    view, size = view_of(1), 0
    for piece in pieces:
        text = render(view, piece)
        length = len(text.encode("utf-8"))
        if pages[-1] and size + length > page_bytes:
            pages.append([])
            view, size = view_of(len(pages)), 0
            text = render(view, piece)
            length = len(text.encode("utf-8"))
        pages[-1].append((piece, text))
        size += length
    return pages
