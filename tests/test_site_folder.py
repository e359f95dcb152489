"""The last build's files moved aside and deleted by another process while a build goes on
(gpia.pages.site_folder); the whole build over an older one is tested in test_determinism.py."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from gpia.pages import site_folder
from gpia.pages.site_folder import EMPTIED_PREFIX, SEARCH_COPIES_PREFIX, empty_beside


def _names(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _older_site(site: Path) -> None:
    for name in ("index.html", "glossary/term-a/index.html", "assets/gpia.css"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")  # hidden: not the build's, kept as MkDocs keeps it
    # Left by builds killed midway: files being deleted, and the pages' search copies.
    for left in (f"{EMPTIED_PREFIX}123", f"{SEARCH_COPIES_PREFIX}abc"):
        (site / left / "x").mkdir(parents=True)
        (site / left / "x" / "index.html").write_text("old", encoding="utf-8")


def test_the_older_files_are_moved_aside_at_once_and_deleted_by_the_end(tmp_path: Path) -> None:
    _older_site(tmp_path)
    emptying = empty_beside(tmp_path)
    # Nothing but hidden entries is left for MkDocs to clean, and the new build can write at once.
    assert [name for name in os.listdir(tmp_path) if not name.startswith(".")] == []
    (tmp_path / "index.html").write_text("new", encoding="utf-8")
    emptying.wait()
    assert _names(tmp_path) == [".nojekyll", "index.html"]
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "new"
    emptying.wait()  # waiting again does nothing


def test_the_deletion_is_another_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    real = subprocess.Popen

    def popen(args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(list(args))
        return real(args, **kwargs)

    monkeypatch.setattr(site_folder.subprocess, "Popen", popen)
    _older_site(tmp_path)
    empty_beside(tmp_path).wait()
    assert len(started) == 1
    assert {Path(a).name for a in started[0][3:]} == {f"{EMPTIED_PREFIX}123", f"{EMPTIED_PREFIX}{os.getpid()}",
                                                       f"{SEARCH_COPIES_PREFIX}abc"}


def test_without_a_process_the_files_are_deleted_when_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("no more processes")

    monkeypatch.setattr(site_folder.subprocess, "Popen", refused)
    _older_site(tmp_path)
    emptying = empty_beside(tmp_path)
    assert [name for name in os.listdir(tmp_path) if not name.startswith(".")] == []
    emptying.wait()
    assert _names(tmp_path) == [".nojekyll"]


def test_an_entry_that_cannot_be_moved_is_left_for_mkdocs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _older_site(tmp_path)
    real = os.rename

    def rename(source, target):  # type: ignore[no-untyped-def]
        if Path(source).name == "assets":
            raise PermissionError("held open")
        return real(source, target)

    monkeypatch.setattr(site_folder.os, "rename", rename)
    empty_beside(tmp_path).wait()
    assert _names(tmp_path) == [".nojekyll", "assets", "assets/gpia.css"]


def test_no_folder_or_an_empty_one_is_nothing_to_do(tmp_path: Path) -> None:
    empty_beside(tmp_path / "not-built-yet").wait()
    assert not (tmp_path / "not-built-yet").exists()
    empty_beside(tmp_path).wait()
    assert _names(tmp_path) == []
