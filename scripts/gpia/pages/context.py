"""One build's knowledge base and the views every page shares: loaded once, by one adapter.

Whatever runs a build loads it here once: the mkdocs hook (scripts/hooks.py, at the start of each
build and of each rebuild of `mkdocs serve`), or the generator that writes the whole docs tree for
other engines (gpia.pages.write). The macros module (scripts/macros.py) reads the loaded context and
only registers macros.

Where the data comes from is read from the environment, the same for every engine:

- GPIA_DATA_ROOT: a folder holding clauses/ and faq/ instead of the project (the tests' fixtures);
- GPIA_SOURCES_DIR: the source documents, instead of ../shared/sources;
- GPIA_SKIP_WORDING=1: skip the word-for-word check (only tests that alter the data on purpose);
- GPIA_EDIT_BASE: where "Edit this data" links open a YAML file, when the config sets no edit_base;
- GPIA_SITE_URL: the site's address, which the downloads' links start with, when the config sets no site_url.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from gpia import knowledge_base
from gpia.knowledge_base import LoadResult
from gpia.load.problems import format_problems
from gpia.model.records import KnowledgeBase
from gpia.views.common import BuildViews


@dataclass(frozen=True)
class BuildContext:
    project_dir: Path  # the project: docs/, templates/, CONTRIBUTING.md
    data_root: Path  # the folder holding clauses/ and faq/
    result: LoadResult
    views: BuildViews | None  # None while the data has problems

    @property
    def kb(self) -> KnowledgeBase:
        if self.views is None:
            raise RuntimeError("the knowledge base data has problems: no page can be rendered from it")
        return self.views.kb

    @property
    def broken(self) -> bool:
        return self.views is None

    def problem_message(self) -> str:
        return "The knowledge base data has problems:\n" + format_problems(self.result.problems, self.result.skipped)


def data_root(project_dir: Path) -> Path:
    """The project folder, or GPIA_DATA_ROOT (used by tests to build from fixture data)."""
    override = os.environ.get("GPIA_DATA_ROOT")
    return Path(override) if override else project_dir


def load_context(project_dir: Path, edit_base: object = None, site_url: object = None) -> BuildContext:
    """Read and check the data once and derive what every page shares.

    `edit_base` is the config's `extra.edit_base` (GPIA_EDIT_BASE when unset); a value that is not an
    https:// URL raises ValueError, a problem of the config, not of the data."""
    root = data_root(project_dir)
    sources = os.environ.get("GPIA_SOURCES_DIR")
    check_wording = os.environ.get("GPIA_SKIP_WORDING") != "1"
    result = knowledge_base.load_knowledge_base(root, Path(sources) if sources else None, check_wording=check_wording)
    if result.knowledge_base is None:
        return BuildContext(project_dir, root, result, None)
    views = BuildViews.for_knowledge_base(result.knowledge_base, edit_base or os.environ.get("GPIA_EDIT_BASE"),
                                          site_url or os.environ.get("GPIA_SITE_URL"))
    return BuildContext(project_dir, root, result, views)


_current: BuildContext | None = None


def set_current(context: BuildContext) -> None:
    """Make `context` the one this build's pages are rendered from (the loading adapter calls it)."""
    global _current
    _current = context


def current() -> BuildContext:
    if _current is None:
        raise RuntimeError("no build context: the adapter that loads the knowledge base (scripts/hooks.py) "
                           "has not run; build with mkdocs.yml's hooks, or write the docs with "
                           "`python -m gpia.pages.write`")
    return _current
