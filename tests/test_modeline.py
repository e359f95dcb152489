"""Every data file starts with the editor modeline for its own kind's schema."""
from __future__ import annotations

from pathlib import Path

import pytest

from gpia.load.layout import SCHEMA_DIR, data_files, kind_of
from gpia.load.modeline import expected_modeline

from conftest import ROOT, problems, write

# A real schedule id, so the file is referenced by requirements (an unreferenced schedule is a problem).
SCHEDULE = "clauses/schedules/schedule-workforce.yaml"
BODY = "schedule:\n  id: schedule-workforce\n  title: Test schedule\n  summary: Our words.\n  last_reviewed: 2026-11-25\n"
RIGHT = "# yaml-language-server: $schema=../../scripts/gpia/schemas/schedule.json"


def test_every_real_data_file_has_the_modeline_of_its_kind() -> None:
    files = data_files(ROOT)
    assert len(files) >= 27
    for file in files:
        relative = file.relative_to(ROOT).as_posix()
        kind = kind_of(relative)
        assert kind is not None, relative
        line = file.read_text(encoding="utf-8").splitlines()[0]
        assert line == expected_modeline(relative, kind), relative
        # The path is relative to the file, as the editor resolves it, and names a real schema.
        target = (file.parent / line.split("$schema=", 1)[1]).resolve()
        assert target == (SCHEMA_DIR / f"{kind}.json").resolve(), relative
        assert target.is_file()


@pytest.mark.parametrize("relative, kind, expected", [
    ("clauses/glossary.yaml", "glossary", "# yaml-language-server: $schema=../scripts/gpia/schemas/glossary.json"),
    ("clauses/schedules/schedule-x.yaml", "schedule", RIGHT),
    ("faq/06-new.yaml", "faq-section", "# yaml-language-server: $schema=../scripts/gpia/schemas/faq-section.json"),
])
def test_expected_modeline_is_relative_to_the_file(relative: str, kind: str, expected: str) -> None:
    assert expected_modeline(relative, kind) == expected


CASES = [
    ("missing", BODY,
     f"{SCHEDULE}:1:1: the first line must be the editor modeline that gives autocomplete in VS Code; "
     f"insert this as line 1: {RIGHT}"),
    ("another kind's schema", "# yaml-language-server: $schema=../../scripts/gpia/schemas/clauses.json\n" + BODY,
     f"{SCHEDULE}:1:1: the editor modeline points at '../../scripts/gpia/schemas/clauses.json', but this file "
     f"holds schedule data; make line 1 exactly: {RIGHT}"),
    ("wrong depth", "# yaml-language-server: $schema=../scripts/gpia/schemas/schedule.json\n" + BODY,
     f"{SCHEDULE}:1:1: the editor modeline points at '../scripts/gpia/schemas/schedule.json', but this file "
     f"holds schedule data; make line 1 exactly: {RIGHT}"),
    ("on line 2", "# Our schedule\n" + RIGHT + "\n" + BODY,
     f"{SCHEDULE}:1:1: the first line must be the editor modeline that gives autocomplete in VS Code; "
     f"insert this as line 1: {RIGHT}"),
]


@pytest.mark.parametrize("text, expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_wrong_or_missing_modeline_is_reported_with_the_line_to_write(data_copy: Path, text: str, expected: str) -> None:
    write(data_copy, SCHEDULE, text)
    assert problems(data_copy) == [expected]


@pytest.mark.parametrize("text", [RIGHT + "\n" + BODY, "\ufeff" + RIGHT + "\r\n" + BODY.replace("\n", "\r\n"),
                                  RIGHT + "  \n" + BODY])
def test_right_modeline_passes_with_bom_crlf_or_trailing_spaces(data_copy: Path, text: str) -> None:
    write(data_copy, SCHEDULE, text)
    assert problems(data_copy) == []


def test_modeline_problem_comes_with_the_files_other_problems(data_copy: Path) -> None:
    write(data_copy, SCHEDULE, BODY.replace("  title:", "  titel:"))
    assert problems(data_copy) == [
        f"{SCHEDULE}:1:1: the first line must be the editor modeline that gives autocomplete in VS Code; "
        f"insert this as line 1: {RIGHT}",
        f"{SCHEDULE}:2:3: missing required field 'title' in schedule ('schedule-workforce'); add it",
        f"{SCHEDULE}:3:3: unknown field 'titel' in schedule ('schedule-workforce'); remove it or correct its spelling "
        "(allowed here: also_known_as, example, fields, id, last_reviewed, number, quotes, rests_on, summary, title)",
    ]
