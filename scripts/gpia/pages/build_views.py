"""The views of a build, with what only the pages layer knows: what Pagefind indexes of each page
(gpia.pages.search) and the sizes of the downloads it writes, which some pages print."""
from __future__ import annotations

from gpia.compare.pairs import direct_pairings
from gpia.model.records import KnowledgeBase
from gpia.pages.compare_docx import comparison_docx
from gpia.pages.search import SearchMarks
from gpia.sitemap import comparison_docx as comparison_path
from gpia.views.common import BuildViews


def build_views(kb: KnowledgeBase, edit_base: str | None = None, site_url: str | None = None,
                page_bytes: int | None = None) -> BuildViews:
    """The views every page of one build shares."""
    def download_size(path: str) -> int:
        # Only the Word redlines are printed with their size by a view; each is written once per build.
        for pairing in direct_pairings(kb):
            if comparison_path(pairing) == path:
                return len(comparison_docx(kb, pairing))
        raise KeyError(f"no download of the build is at {path}")

    return BuildViews.for_knowledge_base(kb, edit_base, SearchMarks(kb), download_size, site_url, page_bytes)
