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
    whole: frozenset[str]  # pages that show a whole document by design (see whole_document_pages)
    median_kb: float
    search_kb: float
    home_nav_kb: float  # site navigation on the home page
    nav_kb: float  # the most site navigation on any page
    toc_kb: float  # the largest table of contents
    toc_page: str

    @property
    def pages(self) -> int:
        return len(self.sizes)

    @property
    def heaviest(self) -> list[tuple[str, int]]:
        """The heaviest pages but those that show a whole document, (page, bytes), heaviest first."""
        return sorted(((page, size) for page, size in self.sizes.items() if page not in self.whole),
                      key=lambda item: (-item[1], item[0]))[:PAGES_LISTED]

    @property
    def whole_documents(self) -> list[tuple[str, int]]:
        """The pages that show a whole document, (page, bytes), in order of address."""
        return sorted((page, self.sizes[page]) for page in self.whole if page in self.sizes)

    @property
    def heaviest_kb(self) -> float:
        return self.heaviest[0][1] / KB

    @property
    def total_mb(self) -> float:
        return sum(self.sizes.values()) / KB / KB

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """Kind of page -> (how many, heaviest bytes): each list's pages, each folder's record pages;
        the pages that show a whole document aside."""
        kinds: dict[str, list[int]] = {}
        for page, size in self.sizes.items():
            if page in self.whole:
                continue
            kinds.setdefault(page_kind(page), []).append(size)
        return {kind: (len(sizes), max(sizes)) for kind, sizes in sorted(kinds.items())}


def page_kind(page: str) -> str:
    """'/faq/' and its list's later pages '/faq/pages/3/' -> '/faq/'; a record's '/faq/<id>/' -> '/faq/<id>/'."""
    parts = page.strip("/").split("/")
    if len(parts) == 1 or (len(parts) == 3 and parts[1] == "pages"):
        return f"/{parts[0]}/".replace("//", "/")
    return f"/{parts[0]}/<id>/"


def whole_document_pages(project: Path, kb: KnowledgeBase) -> frozenset[str]:
    """The pages that show a whole document by design, so grow with it rather than with a number of
    records: each source document's own page (from the data), and the hand-written pages whose front
    matter says `whole_document: true` (the printable guide, the whole-document comparison). The
    heaviest-page figures and targets leave them out; they are reported beside them."""
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
