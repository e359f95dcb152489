"""The pages of a built site, found by walking its HTML files so new pages are covered without edits."""
from __future__ import annotations

from pathlib import Path


def page_paths(site: Path) -> list[str]:
    """Site-root-relative URL paths of every HTML page: '' for the home page, 'faq/', '404.html'."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths
