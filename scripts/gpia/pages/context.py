"""One build's knowledge base and the views every page shares: loaded once, by one adapter.

Whatever runs a build loads it here once: the MkDocs plugin (gpia_mkdocs.plugin, at the start of
each build and of each rebuild of `mkdocs serve`), or the generator that writes the whole docs tree
for other engines (gpia.pages.write). The macros module (gpia_mkdocs.macros) reads the plugin's
loaded context and only registers macros.

Where the data comes from is the plugin's options in mkdocs.yml (data_root, sources_dir,
skip_wording, edit_base), which these environment variables override, the same for every engine:

- GPIA_DATA_ROOT: a folder holding clauses/ and faq/ instead of the project (the tests' fixtures);
- GPIA_SOURCES_DIR: the source documents, instead of ../shared/sources;
- GPIA_SKIP_WORDING=1: skip the word-for-word check (only tests that alter the data on purpose);
- GPIA_EDIT_BASE: where "Edit this data" links open a YAML file, when the config sets no edit_base;
- GPIA_SITE_URL: the site's address, which the downloads' links start with, when the config sets no site_url;
- GPIA_PAGE_BYTES: the most bytes of Markdown a page of a split whole document holds (the printed
  guide's parts, the whole documents compared), instead of gpia.views.common.PAGE_BYTES: tests set it
  low to split the real data as a large corpus is split.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from gpia import knowledge_base
from gpia.knowledge_base import LoadResult
from gpia.load.problems import format_problems
from gpia.model.records import KnowledgeBase
from gpia.pages.build_views import build_views
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


def data_root(project_dir: Path, configured: Path | None = None) -> Path:
    """GPIA_DATA_ROOT (used by tests to build from fixture data), else the configured folder, else
    the project folder."""
    override = os.environ.get("GPIA_DATA_ROOT")
    return Path(override) if override else configured or project_dir


def load_context(project_dir: Path, edit_base: object = None, site_url: object = None, *,
                 data_dir: Path | None = None, sources: Path | None = None,
                 skip_wording: bool = False, cache: bool = False) -> BuildContext:
    """Read and check the data once and derive what every page shares. `cache=True` (the MkDocs plugin)
    reuses each unchanged file's own checks from the last load (gpia.load.checked_cache).

    `edit_base` is the config's (GPIA_EDIT_BASE when unset); a value that is not an https:// URL
    raises ValueError, a problem of the config, not of the data. `site_url` is mkdocs.yml's
    (GPIA_SITE_URL when unset), checked the same way. `data_dir`, `sources` and
    `skip_wording` are the config's too, each overridden by its environment variable."""
    root = data_root(project_dir, data_dir)
    sources = Path(os.environ["GPIA_SOURCES_DIR"]) if os.environ.get("GPIA_SOURCES_DIR") else sources
    check_wording = not skip_wording and os.environ.get("GPIA_SKIP_WORDING") != "1"
    result = knowledge_base.load_knowledge_base(root, sources, check_wording=check_wording, cache=cache)
    if result.knowledge_base is None:
        return BuildContext(project_dir, root, result, None)
    kb = result.knowledge_base
    page_bytes = os.environ.get("GPIA_PAGE_BYTES", "")
    views = build_views(kb, edit_base or os.environ.get("GPIA_EDIT_BASE"),
                        site_url or os.environ.get("GPIA_SITE_URL"), int(page_bytes) if page_bytes.isdigit() else None)
    return BuildContext(project_dir, root, result, views)
