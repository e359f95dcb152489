"""CONTRIBUTING.md's "Add a document and a version", walked step by step on the third-version fixture:
each message the guide quotes is the one the checks give at that step, word for word."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, SOURCES, copy_data, problems

FIXTURE = ROOT / "tests" / "fixtures" / "third-version"
EXTRACT = "fixture_2021_revision.txt"


def quoted_messages() -> list[str]:
    """The messages quoted in the walk-through, in order."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("### Add a document and a version", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```text\n(.*?)```", section, re.S)]


def _data(tmp_path: Path, *fixture_files: str) -> Path:
    root = copy_data(tmp_path / "kb")
    for name in fixture_files:
        shutil.copy(FIXTURE / "clauses" / name, root / "clauses" / name)
    return root


def _sources(tmp_path: Path, *, with_extract: bool = True) -> Path:
    """The source extracts where `make validate` looks for them: ../shared/sources from the data's folder."""
    sources = tmp_path / "shared" / "sources"
    shutil.copytree(SOURCES, sources)
    if with_extract:
        shutil.copy(FIXTURE / "sources" / EXTRACT, sources / EXTRACT)
    return sources


def _messages(root: Path, sources: Path) -> list[str]:
    return problems(root, sources)


def test_the_walk_through_quotes_five_messages() -> None:
    assert len(quoted_messages()) == 5


def test_step_1_a_heading_printed_as_a_plain_line(tmp_path: Path) -> None:
    root = _data(tmp_path, "sources.yaml", "versions.yaml", "requirements/icp-2019-integration.yaml",
                 "requirements/icp-2021-integration.yaml")
    sources = _sources(tmp_path)
    extract = sources / EXTRACT
    text = extract.read_text(encoding="utf-8")
    extract.write_text(text.replace("# The integration commitments", "The integration commitments"), encoding="utf-8")
    assert _messages(root, sources) == [quoted_messages()[0]]


def test_step_2_the_source_record_before_its_extract(tmp_path: Path) -> None:
    root = _data(tmp_path, "sources.yaml")
    assert _messages(root, _sources(tmp_path, with_extract=False)) == [quoted_messages()[1]]


def test_step_5_the_tables_before_the_comparison(tmp_path: Path) -> None:
    root = _data(tmp_path, "sources.yaml", "versions.yaml", "requirements/icp-2021-integration.yaml")
    versions = root / "clauses/versions.yaml"
    text = versions.read_text(encoding="utf-8")
    comparison = text[text.index("  - id: icp-2019-to-icp-2021\n"):]
    versions.write_text(text.replace(comparison, ""), encoding="utf-8")
    assert _messages(root, _sources(tmp_path)) == [quoted_messages()[2]]


def test_step_6_a_comparison_from_no_version(tmp_path: Path) -> None:
    root = _data(tmp_path, "sources.yaml", "versions.yaml", "requirements/icp-2019-integration.yaml",
                 "requirements/icp-2021-integration.yaml")
    versions = root / "clauses/versions.yaml"
    versions.write_text(versions.read_text(encoding="utf-8").replace("    from: icp-2019\n", "    from: icp-2091\n"),
                        encoding="utf-8")
    assert _messages(root, _sources(tmp_path)) == [quoted_messages()[3]]


def test_step_7_an_older_bullet_neither_carried_nor_dropped(tmp_path: Path) -> None:
    root = _data(tmp_path, "sources.yaml", "versions.yaml", "requirements/icp-2021-integration.yaml")
    assert _messages(root, _sources(tmp_path)) == [quoted_messages()[4]]


def test_the_finished_walk_validates(tmp_path: Path) -> None:
    root = _data(tmp_path, "sources.yaml", "versions.yaml", "requirements/icp-2019-integration.yaml",
                 "requirements/icp-2021-integration.yaml")
    assert _messages(root, _sources(tmp_path)) == []
