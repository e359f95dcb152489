"""Shared test helpers: a copy of the real data to break, and the loader's messages."""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gpia.knowledge_base import load_knowledge_base, load_or_raise
from gpia.model.records import KnowledgeBase
from gpia.tools.synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(os.environ.get("GPIA_SOURCES_DIR") or ROOT.parent / "shared" / "sources")
# Passed for `sources` where a test's data is deliberately not the sources' wording: skips the check.
NO_SOURCES = Path("/nonexistent-sources")


def copy_data(target: Path) -> Path:
    for folder in ("clauses", "faq"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "kb")


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(root: Path, sources: Path = NO_SOURCES) -> list[str]:
    """The loader's messages; with NO_SOURCES (the default) the wording check is skipped."""
    check = sources != NO_SOURCES
    return [str(p) for p in load_knowledge_base(root, sources if check else None, check_wording=check).problems]


def mkdocs_build(site_dir: Path, data_root: Path | None = None, sources: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if data_root is not None:
        env["GPIA_DATA_ROOT"] = str(data_root)
    if sources == NO_SOURCES:
        env["GPIA_SKIP_WORDING"] = "1"  # deliberately altered data, whose wording is not the sources'
    elif sources is not None:
        env["GPIA_SOURCES_DIR"] = str(sources)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
         "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The real knowledge base, loaded once per test session (tests must not change it)."""
    return load_or_raise(ROOT, SOURCES)


@pytest.fixture(scope="session")
def kb10(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The knowledge base at ten times the real size (gpia.tools.synthetic), made once per test session."""
    return load_or_raise(generate(ROOT, tmp_path_factory.mktemp("x10") / "kb", 10), check_wording=False)


def page(site: Path, url: str) -> str:
    """The HTML of a built page, by its site-root-relative URL ('faq/', 'clauses/clause-6-2-d')."""
    return (site / url / "index.html").read_text(encoding="utf-8")


# Our [sic] marks after the sources' slips (gpia.views.sic) are not NHS wording: tests that compare a
# page with the records' text leave them out.
SIC_MARK = re.compile(r' <span class="gpia-sic">\[sic<span class="gpia-sic-note">.*?</span>\]</span>'
                      r'| \[sic: probably “[^”]*”\]')


def without_sic(markup: str) -> str:
    return SIC_MARK.sub("", markup)


def visible(markup: str) -> str:
    """Text as a reader sees it: tags removed, entities decoded, spaces collapsed ([sic] marks left out)."""
    markup = without_sic(markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


class _Indexed(__import__("html.parser").parser.HTMLParser):
    """Text inside the page's data-pagefind-body, less every data-pagefind-ignore element: what
    Pagefind indexes for the page (void elements never hold text, so only containers are tracked)."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
    BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br",
                        "section", "blockquote", "figure", "figcaption", "table", "caption", "article", "dd", "dt"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[bool, bool]] = []  # (in body, ignored) for each open element
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append(" ")
        names = {name for name, _ in attrs}
        body, ignored = self.stack[-1] if self.stack else (False, False)
        state = (body or "data-pagefind-body" in names, ignored or "data-pagefind-ignore" in names or "hidden" in names)
        if tag not in self.VOID:
            self.stack.append(state)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append(" ")
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        body, ignored = self.stack[-1] if self.stack else (False, False)
        if body and not ignored:
            self.parts.append(data)


def indexed_text(markup: str) -> str:
    parser = _Indexed()
    parser.feed(re.sub(r"<script\b.*?</script>|<style\b.*?</style>", "", markup, flags=re.S))
    return " ".join("".join(parser.parts).split())
