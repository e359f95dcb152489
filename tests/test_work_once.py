"""Work once per build: the data is read and checked once, and what every page shares is computed once.

The build runs in this process, and in one process (GPIA_BUILD_PROCESSES=1: no work beside it on the
other core, no pages shared with a second process), so the core's functions can be counted while it runs.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import gpia.model.backlinks
import gpia.compare.redline
import gpia.pages.export
import gpia.knowledge_base
import gpia.model.schedule_links

from conftest import ROOT


def _counted(monkeypatch: pytest.MonkeyPatch, calls: Counter, module, name: str) -> None:
    original = getattr(module, name)

    def counting(*args, **kwargs):
        calls[name] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)


def test_a_build_loads_the_data_once_and_derives_shared_values_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("GPIA_DATA_ROOT", raising=False)
    monkeypatch.setenv("GPIA_BUILD_PROCESSES", "1")
    calls: Counter = Counter()
    # The build context (gpia.pages.context) calls the loader through its module, so it is counted.
    _counted(monkeypatch, calls, gpia.knowledge_base, "load_knowledge_base")
    _counted(monkeypatch, calls, gpia.knowledge_base, "read_documents")
    _counted(monkeypatch, calls, gpia.pages.export, "record_dicts")  # the downloads: hook and "Data and reuse" page
    _counted(monkeypatch, calls, gpia.model.backlinks, "texts")  # every text scanned for clause and schedule mentions
    _counted(monkeypatch, calls, gpia.model.schedule_links, "all_pointers")  # one page per schedule, and 3 more
    _counted(monkeypatch, calls, gpia.compare.redline, "descendants")  # once per comparison: both tables, each table

    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True))

    assert (tmp_path / "site" / "schedules" / "schedule-5-kpis" / "index.html").is_file()
    assert dict(calls) == {"load_knowledge_base": 1, "read_documents": 1, "record_dicts": 1,
                           "texts": 1, "all_pointers": 1, "descendants": 3}
