"""Every officer slip in every data file is reported once, at its line, and nothing cascades.

The slips (tests/slips.py) are applied programmatically to each data file: a tab, a wrong indent,
an unquoted `: `, an unclosed quote, an unclosed bracket and a stray `-`. Each must give exactly
one problem, in that file, at the slip's line, with no traceback; the checks that need the broken
file's records are summed up in one line instead of being reported as false errors elsewhere.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SOURCES, copy_data
from gpia.load.layout import data_files
from gpia.knowledge_base import load_knowledge_base
from gpia.load.problems import format_problems
from slips import SLIPS

FILES = [p.relative_to(ROOT).as_posix() for p in data_files(ROOT)]
CASES = [(rel, name) for rel in FILES for name in SLIPS]


@pytest.fixture(scope="module")
def kb_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_data(tmp_path_factory.mktemp("slips") / "kb")


@pytest.mark.parametrize(("relative", "slip"), CASES, ids=[f"{r}-{s}" for r, s in CASES])
def test_each_slip_is_one_problem_at_its_line(kb_copy: Path, relative: str, slip: str) -> None:
    original = (ROOT / relative).read_text(encoding="utf-8")
    made = SLIPS[slip](original)
    assert made is not None, f"no place for a {slip} slip in {relative}"
    broken, line = made
    target = kb_copy / relative
    target.write_text(broken, encoding="utf-8")
    try:
        result = load_knowledge_base(kb_copy, SOURCES)
    finally:
        target.write_text(original, encoding="utf-8")
    shown = [str(p) for p in result.problems]
    assert len(shown) == 1, "\n".join(shown)
    assert shown[0].startswith(f"{relative}:{line}:"), shown[0]
    text = format_problems(result.problems, result.skipped)
    assert "Traceback" not in text
    assert len(text.splitlines()) <= 3  # the problem, at most one "skipped until" line, the count


def test_the_summary_names_the_file_and_what_waited(data_copy: Path) -> None:
    glossary = data_copy / "clauses/glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("  - id: term-icp", "\t- id: term-icp"),
                        encoding="utf-8")
    result = load_knowledge_base(data_copy, SOURCES)
    assert [str(p) for p in result.problems] == [
        "clauses/glossary.yaml:12:1: this line is indented with a tab; YAML needs spaces, so replace the tab "
        "with spaces, lining the line up with the one above"]
    assert result.skipped.startswith("Skipped until clauses/glossary.yaml is fixed: ")
    assert "references to records it may define" in result.skipped


def test_a_wrong_reference_elsewhere_is_still_reported(data_copy: Path) -> None:
    """Only references to the kinds of record the broken file defines wait."""
    glossary = data_copy / "clauses/glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("  - id: term-icp", "\t- id: term-icp"),
                        encoding="utf-8")
    clauses = data_copy / "clauses/clauses.yaml"
    text = clauses.read_text(encoding="utf-8")
    clauses.write_text(text.replace("schedule: schedule-3-clinical-hub", "schedule: schedule-3-clinical-hbu", 1), encoding="utf-8")
    shown = [str(p) for p in load_knowledge_base(data_copy, SOURCES).problems]
    assert len(shown) == 2, shown
    assert any("'schedule' refers to 'schedule-3-clinical-hbu', but no schedule has that id" in s for s in shown), shown
