"""Check a built site: every internal href and src reaches a file, and every #fragment an id on it.

Works on the output folder only (no mkdocs import), so it checks what readers actually get,
Material's templates and assets included. Two passes, as in mkdocs-autorefs: read every page's
ids and links, then resolve every link against what was read. External links (http, https,
mailto, protocol-relative) are listed for a person to look at, never fetched: the build runs on
a closed network. Only data: and about: URLs are passed over (they name no file); the report
counts them, and the real site has none.

Root-relative URLs ("/assets/...", which Material's 404 page uses when site_url is unset) are
resolved from the site folder, i.e. for a site served at the root of its host. What is checked
is the HTML: CSS and JavaScript files are checked to exist, not read (Material's stylesheets
refer to nothing but data: URLs, and its script builds URLs at run time from the page's base).

Run it as `python -m gpia.tools.linkcheck site/`.
"""
from __future__ import annotations

import argparse
import posixpath
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes whose value is a URL the browser follows or fetches.
URL_ATTRIBUTES = ("href", "src")
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
# Not links: the URL carries its own content (data:) or nothing at all (about:blank).
INLINE_SCHEMES = frozenset({"data", "about"})


@dataclass(frozen=True)
class Link:
    page: str  # site-relative path of the HTML file, e.g. "faq/index.html"
    line: int
    attribute: str  # href or src
    url: str  # as written in the page (entities decoded)


@dataclass(frozen=True)
class Page:
    path: str
    ids: dict[str, int]  # element id (and <a name>) -> line of its first use
    links: tuple[Link, ...]
    duplicate_ids: tuple[tuple[str, int, int], ...]  # (id, line, line of the first use)
    base: str | None = None  # <base href>, if the page sets one


@dataclass(frozen=True, order=True)
class LinkProblem:
    page: str
    line: int
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: broken link '{self.href}' ({self.reason})"


@dataclass(frozen=True, order=True)
class DuplicateId:
    page: str
    line: int
    id: str
    first_line: int

    def __str__(self) -> str:
        return (f"{self.page}:{self.line}: duplicate id '{self.id}' (first used on line {self.first_line}; "
                "a link to it reaches only the first)")


@dataclass(frozen=True)
class LinkReport:
    pages: int
    internal: int  # internal links checked
    external: tuple[Link, ...]  # listed, not fetched
    problems: tuple[LinkProblem | DuplicateId, ...]
    skipped: tuple[Link, ...] = ()  # data: and about: URLs, which name no file


class _PageReader(HTMLParser):
    """Collects ids and URL attributes with the line each start tag is on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, int] = {}
        self.duplicates: list[tuple[str, int, int]] = []
        self.urls: list[tuple[int, str, str]] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value for name, value in attrs if value is not None}
        anchors = [values["id"]] if "id" in values else []
        # <a name> is still a fragment target in HTML; Python-Markdown footnotes and old themes use it.
        if tag == "a" and "name" in values and values["name"] != values.get("id"):
            anchors.append(values["name"])
        for anchor in anchors:
            if anchor in self.ids:
                self.duplicates.append((anchor, line, self.ids[anchor]))
            else:
                self.ids[anchor] = line
        if tag == "base" and "href" in values and self.base is None:
            self.base = values["href"]
            return
        for attribute in URL_ATTRIBUTES:
            if attribute in values:
                self.urls.append((line, attribute, values[attribute]))

    handle_startendtag = handle_starttag


def read_page(markup: str, path: str) -> Page:
    reader = _PageReader()
    reader.feed(markup)
    reader.close()
    links = tuple(Link(path, line, attribute, url) for line, attribute, url in reader.urls)
    return Page(path, reader.ids, links, tuple(reader.duplicates), reader.base)


def read_site(site: Path) -> dict[str, Page]:
    """Every HTML page of the built site, by site-relative path."""
    pages = {}
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        pages[relative] = read_page(file.read_text(encoding="utf-8"), relative)
    return pages


def is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in EXTERNAL_SCHEMES or (not parts.scheme and parts.netloc != "")


@dataclass(frozen=True)
class Target:
    path: str  # site-relative file, or folder ending in "/" ("" is the site root folder)
    fragment: str | None  # decoded; None when the URL has no "#"

    @property
    def is_folder(self) -> bool:
        return self.path == "" or self.path.endswith("/")


def resolve(page: str, url: str) -> Target | str:
    """Where an internal URL written on `page` leads, or why it leads nowhere.

    Follows RFC 3986 as browsers do: relative to the page's folder, root-relative from the site
    root, "." and ".." segments removed, and a path ending in "/", "." or ".." names a folder.
    """
    parts = urlsplit(url.strip())
    if parts.scheme:
        return f"unsupported scheme '{parts.scheme}:'"
    fragment = unquote(parts.fragment) if "#" in url else None
    path = unquote(parts.path)
    if not path:
        return Target(page, fragment)  # "#x" or "?q": this page
    segments = path.split("/") if path.startswith("/") else posixpath.dirname(page).split("/") + path.split("/")
    kept: list[str] = []
    for segment in segments:
        if segment == "..":
            if not kept:
                return "goes above the site root"
            kept.pop()
        elif segment not in ("", "."):
            kept.append(segment)
    folder = path.endswith("/") or path.rsplit("/", 1)[-1] in (".", "..")
    joined = "/".join(kept)
    return Target(joined + "/" if folder and joined else joined, fragment)


def check_link(link: Link, site: Path, pages: dict[str, Page]) -> LinkProblem | None:
    page = pages.get(link.page)
    # A <base> moves every relative URL on the page; MkDocs themes write none, but follow it if one does.
    start = link.page
    if page is not None and page.base is not None:
        base = resolve(link.page, page.base)
        if isinstance(base, str):
            return LinkProblem(link.page, link.line, link.url, f"the page's base URL {base}")
        start = base.path + "index.html" if base.is_folder else base.path
    target = resolve(start, link.url)
    if isinstance(target, str):
        return LinkProblem(link.page, link.line, link.url, target)
    relative = target.path
    if target.is_folder:
        if not (site / relative).is_dir():
            return LinkProblem(link.page, link.line, link.url, f"no folder '{relative or '/'}' in the site")
        relative += "index.html"
        if not (site / relative).is_file():
            return LinkProblem(link.page, link.line, link.url, f"no file '{relative}' in the site")
    elif (site / relative).is_dir():
        # Without the slash the browser resolves that page's own relative links from the wrong folder.
        return LinkProblem(link.page, link.line, link.url, f"'{relative}' is a folder: end the link with '/'")
    elif not (site / relative).is_file():
        return LinkProblem(link.page, link.line, link.url, f"no file '{relative}' in the site")
    if not target.fragment:
        return None  # no fragment, or an empty one ("#"): the top of the page
    destination = pages.get(relative)
    if destination is None:
        return None  # a fragment on a CSS, JSON or image file is not an element id
    if target.fragment in destination.ids:
        return None
    # The HTML standard scrolls to the top for "#top" even when no element has that id.
    if target.fragment.lower() == "top":
        return None
    where = "this page" if relative == link.page else f"'{relative}'"
    return LinkProblem(link.page, link.line, link.url, f"no id '{target.fragment}' on {where}")


def check_site(site: Path) -> LinkReport:
    pages = read_site(site)
    problems: list[LinkProblem | DuplicateId] = []
    external: list[Link] = []
    skipped: list[Link] = []
    internal = 0
    for page in pages.values():
        problems.extend(DuplicateId(page.path, line, anchor, first) for anchor, line, first in page.duplicate_ids)
        for link in page.links:
            if is_external(link.url):
                external.append(link)
                continue
            if urlsplit(link.url.strip()).scheme.lower() in INLINE_SCHEMES:
                skipped.append(link)
                continue
            internal += 1
            problem = check_link(link, site, pages)
            if problem:
                problems.append(problem)
    return LinkReport(len(pages), internal, tuple(external), tuple(sorted(problems, key=_order)), tuple(skipped))


def _order(problem: LinkProblem | DuplicateId) -> tuple[str, int, str]:
    return problem.page, problem.line, str(problem)


def format_report(report: LinkReport, list_external: bool = False) -> Iterable[str]:
    yield from (str(p) for p in report.problems)
    if list_external:
        yield from (f"{link.page}:{link.line}: external link '{link.url}' (not fetched)" for link in report.external)
    verdict = _count(len(report.problems), "problem") if report.problems else "OK"
    summary = (f"{verdict}: {_count(report.pages, 'page')}, {_count(report.internal, 'internal link')} checked, "
               f"{_count(len(report.external), 'external link')} listed (not fetched)")
    if report.skipped:
        schemes = sorted({urlsplit(link.url.strip()).scheme.lower() + ":" for link in report.skipped})
        summary += f", {len(report.skipped)} not a link ({', '.join(schemes)})"
    yield summary


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gpia.tools.linkcheck",
                                     description="check every internal link and #anchor of a built site")
    parser.add_argument("site", type=Path, help="the built site folder, e.g. site/")
    parser.add_argument("--external", action="store_true", help="also list the external links (never fetched)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no index.html here; build the site first (make build)", file=sys.stderr)
        return 2
    report = check_site(args.site)
    for line in format_report(report, args.external):
        print(line)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
