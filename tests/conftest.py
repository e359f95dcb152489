"""Shared test helpers: a copy of the real data to break, and the loader's messages."""
from __future__ import annotations

import fcntl
import html
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gpia.knowledge_base import load_knowledge_base, load_or_raise
from gpia.model.records import KnowledgeBase
from gpia.tools.synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(os.environ.get("GPIA_SOURCES_DIR") or ROOT.parent / "shared" / "sources")
# Passed for `sources` where a test's data is deliberately not the sources' wording: skips the check.
NO_SOURCES = Path("/nonexistent-sources")


# The test files that take longest, longest first (per-file sums of `pytest --durations=0`; README,
# "Tests"). pytest-xdist gives each worker whole files in the order of this list (`make test` passes
# --no-loadscope-reorder: its default order is by number of tests, which put the two longest files
# last, each on one worker while the other had nothing left). All the browser files come first, so
# each worker starts Chromium once (tests/browser/conftest.py closes it when a worker leaves the
# package). Files not listed follow in pytest's own order; a new slow one only runs later until listed.
SLOW_FIRST = (
    "browser/test_pages_1.py",
    "browser/test_pages_2.py",
    "browser/test_hostile_data.py",
    "browser/test_draft.py",
    "browser/test_search_questions.py",
    "browser/test_print.py",
    "browser/test_search.py",
    "browser/test_serve_search.py",
    "browser/test_serve_problems.py",
    "browser/test_tooltips.py",
    "browser/test_screenshots.py",
    "test_sic.py",
    "test_datadiff.py",
    "test_determinism.py",
    "test_read_split.py",
    "test_wording.py",
    "test_engines.py",
    "test_site.py",
    "test_third_version.py",
    "test_coverage.py",
    "test_html_valid.py",
    "test_agreements.py",
    "test_tooltips.py",
    "test_schedule_pages.py",
    "test_typography_warnings.py",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow files first (SLOW_FIRST); the order of tests within a file is left as it is."""
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    tests = Path(__file__).resolve().parent

    def key(item: pytest.Item) -> tuple[bool, int]:
        try:
            name = item.path.relative_to(tests).as_posix()
        except ValueError:  # not under tests/
            return True, len(rank)
        return not name.startswith("browser/"), rank.get(name, len(rank))

    items.sort(key=key)


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


def shared_folder(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `make(folder)` once per test run and shared by every worker of it.

    `make` runs in the first test process (pytest-xdist worker) that asks, while any other that asks
    waits for it; later callers get the finished folder. For a site built from data the tests only
    read (a fixture tree, a poisoned copy): wrap the build in a session fixture that calls this, and
    every test file that uses it costs one build in all, not one per worker. If `make` fails (raises),
    nothing is recorded, so each caller tries again and fails with its own message.
    """
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, shared by its workers (each has its own below it)
    shared = base / "shared"
    shared.mkdir(exist_ok=True)
    folder, done = shared / name, shared / f"{name}.done"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                if folder.exists():
                    shutil.rmtree(folder)
                folder.mkdir()
                make(folder)
                done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run with --strict (once in all, whatever the number of
    workers). Tests only read it."""
    def build(folder: Path) -> None:
        result = mkdocs_build(folder / "site")
        assert result.returncode == 0, result.stderr

    return shared_folder(tmp_path_factory, "built-site", build) / "site"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The real knowledge base, loaded once per test session (tests must not change it)."""
    return load_or_raise(ROOT, SOURCES)


@pytest.fixture(scope="session")
def corpus10(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data at ten times the real size (gpia.tools.synthetic), written once per test run and shared
    by the workers. Tests only read it."""
    return shared_folder(tmp_path_factory, "kb-x10", lambda folder: generate(ROOT, folder / "kb", 10)) / "kb"


@pytest.fixture(scope="session")
def kb10(corpus10: Path) -> KnowledgeBase:
    """The knowledge base at ten times the real size, loaded once per worker."""
    return load_or_raise(corpus10, check_wording=False)


def dead(pid: int) -> bool:
    """Whether the process has ended (Linux: reaped, or a zombie waiting to be)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] in "ZX"
    except (FileNotFoundError, ProcessLookupError):
        return True


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
