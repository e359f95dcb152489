"""Every kind of mistake a maintainer can make, with the exact message and position it gets."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SOURCES, problems, write

FILE = "clauses/schedules/schedule-test.yaml"
# A valid schedule file that nothing points at also gets this (see tests/test_schedules.py).
UNREFERENCED = (f"{FILE}:3:7: schedule 'schedule-test' is not referenced by any requirement, clause or FAQ; point a "
                "requirement's defers_to or related, a clause's schedule or an FAQ's relates_to at it, or quote the FAQ "
                "that mentions it")
MODELINE = "# yaml-language-server: $schema=../../scripts/gpia/schemas/schedule.json\n"
GOOD = MODELINE + "schedule:\n  id: schedule-test\n  title: Test schedule\n  summary: Our words.\n  last_reviewed: 2026-11-25\n"

CASES = [
    ("unknown field",
     GOOD.replace("  last_reviewed", "  colour: blue\n  last_reviewed"),
     [f"{FILE}:6:3: unknown field 'colour' in schedule ('schedule-test'); remove it or correct its spelling "
      "(allowed here: also_known_as, example, fields, id, last_reviewed, number, quotes, rests_on, summary, title)"]),
    ("missing required field",
     GOOD.replace("  summary: Our words.\n", ""),
     [f"{FILE}:3:3: missing required field 'summary' in schedule ('schedule-test'); add it"]),
    ("number where text is needed",
     GOOD.replace("  title:", "  number: 5\n  title:"),
     [f"{FILE}:4:11: 'schedule.number' must be text, not 5 (YAML reads unquoted numbers, dates and yes/no "
      "as other types); put the value in quotes"]),
    ("clause number that YAML reads as a float",
     GOOD.replace("  title:", "  number: 6.10\n  title:"),
     [f"{FILE}:4:11: 'schedule.number' must be text, not 6.1 (YAML reads unquoted numbers, dates and yes/no "
      "as other types); put the value in quotes"]),
    ("date in the wrong form",
     GOOD.replace("2026-11-25", "25/11/2026"),
     [f"{FILE}:6:18: 'schedule.last_reviewed' is \"25/11/2026\", which is not a date written YYYY-MM-DD"]),
    ("id that is not kebab-case",
     GOOD.replace("id: schedule-test", "id: Schedule_Test"),
     [f"{FILE}:3:7: 'schedule.id' is \"Schedule_Test\", which is not a kebab-case id (lowercase letters, "
      "digits and single hyphens, e.g. term-gp-federation)"]),
    ("duplicate key",
     GOOD.replace("  summary:", "  title: Again\n  summary:"),
     [f"{FILE}:5:3: duplicate key 'title' (first written on line 4); keep one of them"]),
    ("malformed YAML",
     MODELINE + "schedule:\n  id: schedule-test\n  title: Test: schedule: [\n  summary: Our words.\n",
     [f"{FILE}:4:14: the text after 'title:' contains ': ', which YAML reads as the start of a new field; put the "
      "whole text in double quotes: title: \"Test: schedule: [\""]),
    ("python tag",
     GOOD.replace("title: Test schedule", "title: !!python/object/apply:os.system [echo hi]"),
     [f"{FILE}:4:10: tags (!!python/object/apply:os.system) are not allowed in this data; remove the tag and "
      "write a plain value"]),
    ("alias bomb",
     MODELINE + 'a: &a ["lol", "lol", "lol"]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\n',
     [f"{FILE}:2:4: anchors (&a) are not allowed in this data; remove '&a'"]),
    ("unknown reference",
     GOOD.replace("  last_reviewed", "  quotes:\n    - source: icp-2019-faq\n      section: Who is the GP IA for?\n"
                  "      text: It is expected\n  last_reviewed"),
     [UNREFERENCED,
      f"{FILE}:7:15: 'source' refers to 'icp-2019-faq', but no source has that id; did you mean 'icp-2019-faqs'?"]),
    ("reference to the wrong kind of record",
     GOOD.replace("  last_reviewed", "  quotes:\n    - source: schedule-test\n      section: Who is the GP IA for?\n"
                  "      text: It is expected\n  last_reviewed"),
     [UNREFERENCED,
      f"{FILE}:7:15: 'source' refers to 'schedule-test', which is a schedule ({FILE}:3:7); it must be a source"]),
    ("duplicate id across two files",
     GOOD.replace("id: schedule-test", "id: schedule-5-kpis"),
     [f"{FILE}:3:7: duplicate id 'schedule-5-kpis': already used by the schedule at "
      "clauses/schedules/schedule-5-kpis.yaml:3:7; ids must be unique across the knowledge base, so rename one of them",
      f"{FILE}:3:7: schedule id 'schedule-5-kpis' must match its file name 'schedule-test.yaml'; rename the file or the id"]),
    ("empty file", MODELINE, [f"{FILE}:1:1: file is empty; it should hold schedule (see schedule.json)"]),
]


@pytest.mark.parametrize("text, expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_bad_schedule_file_is_reported_exactly(data_copy: Path, text: str, expected: list[str]) -> None:
    write(data_copy, FILE, text)
    assert problems(data_copy) == expected


def test_every_problem_is_reported_together(data_copy: Path) -> None:
    write(data_copy, FILE, GOOD.replace("  last_reviewed", "  colour: blue\n  last_reviewed"))
    write(data_copy, "clauses/schedules/schedule-other.yaml", GOOD.replace("schedule-test", "schedule-other")
          .replace("  title: Test schedule\n", ""))
    assert problems(data_copy) == [
        "clauses/schedules/schedule-other.yaml:3:3: missing required field 'title' in schedule ('schedule-other'); add it",
        f"{FILE}:6:3: unknown field 'colour' in schedule ('schedule-test'); remove it or correct its spelling "
        "(allowed here: also_known_as, example, fields, id, last_reviewed, number, quotes, rests_on, summary, title)",
    ]


def test_file_outside_the_layout_is_reported(data_copy: Path) -> None:
    write(data_copy, "clauses/notes.yaml", "notes: []\n")
    assert problems(data_copy) == [
        "clauses/notes.yaml:1:1: this file is not part of the knowledge base; data files belong at "
        "clauses/sources.yaml, clauses/versions.yaml, clauses/clauses.yaml, clauses/agreements.yaml, "
        "clauses/glossary.yaml, clauses/citations.yaml, clauses/changes.yaml, clauses/guidance.yaml, clauses/decisions.yaml, clauses/requirements/*.yaml, clauses/documents/*.yaml, clauses/schedules/*.yaml, faq/*.yaml"]


def test_answer_block_must_be_one_kind(data_copy: Path) -> None:
    path = data_copy / "faq" / "01-introduction.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # The first block of the first answer: "- id: ..." with its paragraph on the next line.
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("paragraph:")) - 1
    assert lines[index].strip().startswith("- id: ")
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines.insert(index, f"{indent}- quote: invented\n")
    path.write_text("".join(lines), encoding="utf-8")
    assert problems(data_copy) == [
        f"faq/01-introduction.yaml:{index + 1}:{len(indent) + 3}: 'questions[0].answer[0]' must be exactly one of: "
        "paragraph, numbered, table (got quote)"]


def test_placeholder_must_be_in_the_requirement_text(data_copy: Path) -> None:
    path = data_copy / "clauses" / "requirements" / "icp-2019-integration.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'placeholder: "[specific requirements set out in relevant schedule]"' in text
    text = text.replace('placeholder: "[specific requirements set out in relevant schedule]"',
                        'placeholder: "[set out in a schedule]"', 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "[set out in a schedule]" in l)
    col = text.splitlines()[line - 1].index('"[set') + 1
    assert problems(data_copy) == [
        f"clauses/requirements/icp-2019-integration.yaml:{line}:{col}: placeholder '[set out in a schedule]' is "
        "not in the requirement's text; copy the exact words of the text that defer to the schedule"]


def test_wording_must_be_verbatim(data_copy: Path) -> None:
    path = data_copy / "clauses" / "requirements" / "mcp-2016-integration.yaml"
    text = path.read_text(encoding="utf-8")
    assert "Practices adhere to local transfers of care protocols" in text
    path.write_text(text.replace("Practices adhere to local transfers of care protocols",
                                 "Practices adhere to local transfer of care protocols"), encoding="utf-8")
    line, row = next((i, l) for i, l in enumerate(text.splitlines(), 1) if "transfers of care" in l)
    found = problems(data_copy, SOURCES)
    assert found == [
        f"clauses/requirements/mcp-2016-integration.yaml:{line}:{row.index('transfers of') + len('transfer') + 1}: 'text' is not word for word "
        "in source 'mcp-2016-overview' in the row 'Agreement of common protocols' of the table under 'The integration "
        "commitments' (it matches \"Practices adhere to local transfer\" and then has U+0020 SPACE where the source "
        "has 's' LATIN SMALL LETTER S, line 64); copy the wording exactly from the source, or move our own words to "
        "this record's 'why'"]
