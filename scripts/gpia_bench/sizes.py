"""What a built site weighs: each page's bytes, and how much of a page is navigation (read with
lxml's HTML parser)."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree
from mkdocs.utils.meta import get_data

from gpia.model.records import KnowledgeBase
from gpia.model.urls import url_of

from gpia_bench.run import KB

PAGES_LISTED = 4  # heaviest pages named per scale
PAGE_LIMIT_KB = 2 * KB  # no page over 2 MB, whatever it shows and however large the corpus (issue #27)
# Material's site navigation, and its tables of contents (classes of their <nav> elements).
PRIMARY, SECONDARY = "md-nav--primary", "md-nav--secondary"


def _bytes(element: etree._Element) -> int:
    """An element's bytes as the page holds them, from its start tag to its end tag (lxml's HTML
    serialisation of it, without the text that follows it)."""
    return len(lxml.html.tostring(element, encoding="unicode", with_tail=False).encode("utf-8"))


def _navs(root: etree._Element, kind: str) -> list[etree._Element]:
    return [nav for nav in root.iter("nav") if kind in (nav.get("class") or "").split()]


def navigation_bytes(html: str) -> tuple[int, int]:
    """(site navigation, table of contents) bytes of one Material page.

    The primary navigation holds a copy of the page's table of contents (for narrow screens); it
    is counted with the table of contents, which is the part that grows with the page.
    """
    root = lxml.html.document_fromstring(html)
    primary = _navs(root, PRIMARY)
    if not primary:
        return 0, 0
    site_nav = primary[0]
    tocs = _navs(root, SECONDARY)
    inside = sum(_bytes(toc) for toc in tocs if site_nav in toc.iterancestors())
    return _bytes(site_nav) - inside, sum(_bytes(toc) for toc in tocs)


def abbreviations_shown(html: str) -> int:
    """The <abbr> elements (tooltips) of a page."""
    return sum(1 for _ in lxml.html.document_fromstring(html).iter("abbr"))


@dataclass
class SiteSizes:
    sizes: dict[str, int]  # page -> bytes
    # Pages that show a whole document, each split into pages of bounded size (see whole_document_pages):
    # weighed with every other page, and listed apart too.
    whole: frozenset[str]
    median_kb: float
    search_kb: float
    home_nav_kb: float  # site navigation on the home page
    nav_kb: float  # the most site navigation on any page
    toc_kb: float  # the largest table of contents
    toc_page: str

    @property
    def pages(self) -> int:
        return len(self.sizes)

    def is_whole(self, page: str) -> bool:
        """A page of a whole document: one of `whole`, or a page inside its folder (/print/faq/pages/2/)."""
        return any(page == folder or (folder != "/" and page.startswith(folder)) for folder in self.whole)

    @property
    def heaviest(self) -> list[tuple[str, int]]:
        """The heaviest pages, every page counted, (page, bytes), heaviest first."""
        return sorted(self.sizes.items(), key=lambda item: (-item[1], item[0]))[:PAGES_LISTED]

    @property
    def whole_documents(self) -> list[tuple[str, int]]:
        """The pages that show a whole document or part of one, (page, bytes), heaviest first."""
        return sorted(((page, size) for page, size in self.sizes.items() if self.is_whole(page)),
                      key=lambda item: (-item[1], item[0]))[:PAGES_LISTED]

    @property
    def whole_document_pages(self) -> int:
        return sum(1 for page in self.sizes if self.is_whole(page))

    @property
    def heaviest_kb(self) -> float:
        """The heaviest page of all (the 2 MB target)."""
        return self.heaviest[0][1] / KB

    @property
    def heaviest_record_kb(self) -> float:
        """The heaviest page of a record or a list (the targets of issue #7), the pages of whole
        documents aside: those are split by bytes, not by records (PAGE_LIMIT_KB bounds them)."""
        return max(size for page, size in self.sizes.items() if not self.is_whole(page)) / KB

    @property
    def total_mb(self) -> float:
        return sum(self.sizes.values()) / KB / KB

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """Kind of page -> (how many, heaviest bytes): each list's pages, each folder's record pages,
        the pages of each whole document."""
        kinds: dict[str, list[int]] = {}
        for page, size in self.sizes.items():
            kinds.setdefault(page_kind(page), []).append(size)
        return {kind: (len(sizes), max(sizes)) for kind, sizes in sorted(kinds.items())}


# The kinds of page (page_kind) that show a whole document, split by bytes rather than by records.
WHOLE_KINDS = frozenset({"/print/", "/print/<id>/", "/compare/text/", "/sources/<id>/read/"})


def page_kind(page: str) -> str:
    """'/faq/' and its list's later pages '/faq/pages/3/' -> '/faq/'; a record's '/faq/<id>/' -> '/faq/<id>/';
    a source's whole text '/sources/<id>/read/'; the pages of the whole documents compared '/compare/text/',
    and of a printed part '/print/<id>/' (with its later pages)."""
    parts = page.strip("/").split("/")
    if len(parts) == 3 and parts[2] == "read":
        return f"/{parts[0]}/<id>/read/"
    if parts[:2] == ["compare", "text"]:
        return "/compare/text/"
    if parts[0] == "print" and len(parts) > 1:
        return "/print/<id>/"
    if len(parts) == 1 or (len(parts) == 3 and parts[1] == "pages"):
        return f"/{parts[0]}/".replace("//", "/")
    return f"/{parts[0]}/<id>/"


def whole_document_pages(project: Path, kb: KnowledgeBase) -> frozenset[str]:
    """The pages that show a whole document: each source document's own page (from the data), and the
    hand-written pages whose front matter says `whole_document: true` (the printable guide, the
    whole-document comparison), with the pages they are split into (inside their folders). They are
    weighed with every other page (no page over PAGE_LIMIT_KB), and listed apart too."""
    docs = project / "docs"
    pages = {address(source.relative_to(docs).with_suffix("").as_posix().removesuffix("index"))
             for source in docs.rglob("*.md")
             if get_data(source.read_text(encoding="utf-8"))[1].get("whole_document") is True}
    pages.update("/" + url_of(kb, document) for document in kb.documents)
    return frozenset(pages)


def address(folder: str) -> str:
    """A page's address from its folder in the site (or its source's path without .md): '/faq/'."""
    return ("/" + folder.removeprefix(".") + "/").replace("//", "/")


def html_pages(site: Path) -> list[Path]:
    """A built site's HTML pages, 404 page aside."""
    return [page for page in site.rglob("*.html") if page.name != "404.html"]


def pages_built(site: Path) -> set[str]:
    """The addresses of a built site's HTML pages, 404 page aside, as `site_sizes` names them."""
    return {address(page.parent.relative_to(site).as_posix()) for page in html_pages(site)}


def site_sizes(site: Path, whole: frozenset[str] = frozenset()) -> SiteSizes:
    sizes, nav, toc = {}, {}, {}
    for page in html_pages(site):
        name = address(page.parent.relative_to(site).as_posix())
        html = page.read_text(encoding="utf-8")
        sizes[name] = len(html.encode("utf-8"))
        nav[name], toc[name] = navigation_bytes(html)
    toc_page = max(toc, key=lambda name: (toc[name], name))
    return SiteSizes(sizes, whole, statistics.median(sizes.values()) / KB,
                     search_index_bytes(site) / KB, nav["/"] / KB,
                     max(nav.values()) / KB, toc[toc_page] / KB, toc_page)


def search_index_bytes(site: Path) -> int:
    """All of Pagefind's index (pagefind/), or Material's search_index.json on a site built before it."""
    lunr = site / "search" / "search_index.json"
    if lunr.exists():
        return lunr.stat().st_size
    return sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())
