"""`make new`: a record scaffolded from its template lands in the right file and validates."""
from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from gpia.tools.scaffold import RECIPES, ScaffoldError, main, scaffold
from gpia.load.yaml_loader import YamlDocument, parse_yaml

from conftest import ROOT, problems

DAY = datetime.date(2026, 12, 1)


def fill_in(kb: Path) -> list[str]:
    """The template text left in the data (each a problem), then fill it in as an author would."""
    left = problems(kb)
    for path in kb.rglob("*.yaml"):
        if "templates" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        filled = text.replace("CHANGE ME: ", "").replace("CHANGE-ME", "filled-in").replace("CHANGE ME", "Filled in")
        if filled != text:
            path.write_text(filled, encoding="utf-8")
    return left


@pytest.fixture
def kb(data_copy: Path) -> Path:
    """A copy of the data with the templates beside it, as in the repository."""
    shutil.copytree(ROOT / "templates", data_copy / "templates")
    return data_copy


CASES = [
    ("term", "term-care-navigator", None, "clauses/glossary.yaml"),
    ("citation", "cite-test-report", None, "clauses/citations.yaml"),
    ("clause", "clause-9-9-z", None, "clauses/clauses.yaml"),
    ("question", "faq-test-question", "faq-section-developing", "faq/03-developing.yaml"),
    ("requirement", "icp-2019-int-test-bullet", "icp-2019-int-identification",
     "clauses/requirements/icp-2019-integration.yaml"),
    ("requirement", "mcp-2016-int-test-bullet", "mcp-2016-int-workforce", "clauses/requirements/mcp-2016-integration.yaml"),
    ("faq-section", "faq-section-monitoring", None, "faq/06-monitoring.yaml"),
]


@pytest.mark.parametrize("kind, record_id, parent, path", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_scaffolded_record_validates(kb: Path, kind: str, record_id: str, parent: str | None, path: str) -> None:
    added = scaffold(kb, kind, record_id, parent, today=DAY)
    assert added.path == path
    left = fill_in(kb)  # each field the template asks for is named until it is filled in
    assert left and all("still holds template text" in p for p in left), left
    assert problems(kb) == []
    lines = (kb / path).read_text(encoding="utf-8").splitlines()
    assert lines[added.line - 1].strip() in (f"- id: {record_id}", "section:")
    assert f"id: {record_id}" in "\n".join(lines)
    # Requirements are reviewed with their row, so only the others carry a date of their own.
    assert ("last_reviewed: 2026-12-01" in "\n".join(lines)) == (kind != "requirement")


def test_scaffolded_change_validates_once_its_find_matches_the_data(kb: Path) -> None:
    added = scaffold(kb, "change", "change-test-note", today=DAY)
    assert added.path == "clauses/changes.yaml"
    find = added.line + 4  # the mapping under find:
    assert all("still holds template text" in p for p in problems(kb))
    path = kb / added.path
    path.write_text(path.read_text(encoding="utf-8").replace("CHANGE ME: what changed", "What changed").replace(
        "CHANGE ME words", "words"), encoding="utf-8")
    assert problems(kb) == [
        f"clauses/changes.yaml:{find}:7: change 'change-test-note' finds no bullet or row in the data, so /compare/ "
        "would not show it; check 'find' against the data (before and after are whole words, capitals as written), "
        "or remove the change"]
    path = kb / added.path
    path.write_text(path.read_text(encoding="utf-8").replace(
        "before: words in the 2016 bullet", "before: Co-produce").replace(
        "after: words the 2019 bullet has instead", "after: Co-design"), encoding="utf-8")
    assert problems(kb) == []


def test_scaffolded_schedule_validates_once_something_points_at_it(kb: Path) -> None:
    added = scaffold(kb, "schedule", "schedule-test-thing", today=DAY)
    assert added.path == "clauses/schedules/schedule-test-thing.yaml"
    text = (kb / added.path).read_text(encoding="utf-8")
    assert text == ("# yaml-language-server: $schema=../../scripts/gpia/schemas/schedule.json\n"
                    "schedule:\n  id: schedule-test-thing\n  title: \"CHANGE ME: the schedule's title\"\n"
                    "  summary: >-\n    CHANGE ME: what the parties set out in this schedule, in our own words.\n"
                    "  last_reviewed: 2026-12-01\n")
    faq = kb / "faq" / "03-developing.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace(
        "relates_to: [gp-ia, icp-contract, term-gp-federation, term-ccg]",
        "relates_to: [gp-ia, icp-contract, term-gp-federation, term-ccg, schedule-test-thing]"), encoding="utf-8")
    fill_in(kb)
    assert problems(kb) == []


def test_schedule_example_template_validates_where_it_says_to_paste_it(kb: Path) -> None:
    scaffold(kb, "schedule", "schedule-test-thing", today=DAY)
    faq = kb / "faq" / "03-developing.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("term-ccg]", "term-ccg, schedule-test-thing]"),
                   encoding="utf-8")
    path = kb / "clauses/schedules/schedule-test-thing.yaml"
    example = "".join(line for line in (kb / "templates/schedule-example.yaml").read_text(encoding="utf-8")
                      .splitlines(keepends=True) if not line.startswith("#"))
    path.write_text(path.read_text(encoding="utf-8").replace("  last_reviewed:", example + "  last_reviewed:"),
                    encoding="utf-8")
    left = fill_in(kb)
    assert left and all("still holds template text" in p for p in left), left
    assert problems(kb) == []


def test_term_is_appended_in_the_files_own_indentation(kb: Path) -> None:
    before = (kb / "clauses/glossary.yaml").read_text(encoding="utf-8")
    added = scaffold(kb, "term", "term-care-navigator", today=DAY)
    after = (kb / "clauses/glossary.yaml").read_text(encoding="utf-8")
    assert after == before + (
        "  - id: term-care-navigator\n"
        "    term: \"CHANGE ME: the term as the sources use it, in lower case unless it is a name\"\n"
        "    definition: >-\n"
        "      CHANGE ME: what the term means, in our own words (the site labels it \"our definition\").\n"
        "    last_reviewed: 2026-12-01\n")
    assert added.line == len(before.splitlines()) + 1


def test_requirement_goes_after_the_last_bullet_of_its_row(kb: Path) -> None:
    path = kb / "clauses/requirements/mcp-2016-integration.yaml"
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    added = scaffold(kb, "requirement", "mcp-2016-int-test-bullet", "mcp-2016-int-workforce", today=DAY)
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    inserted = after[added.line - 1:added.line + 2]
    # A 2016 bullet no 2019 bullet derives from must say it was dropped.
    assert inserted == ["      - id: mcp-2016-int-test-bullet\n",
                        "        text: \"CHANGE ME: paste the bullet exactly as printed\"\n",
                        "        status: dropped\n"]
    assert after[:added.line - 1] + after[added.line + 2:] == before


def test_faq_section_gets_the_next_number_and_the_right_modeline(kb: Path) -> None:
    scaffold(kb, "faq-section", "faq-section-monitoring", today=DAY)
    lines = (kb / "faq/06-monitoring.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[:4] == ["# yaml-language-server: $schema=../scripts/gpia/schemas/faq-section.json", "section:",
                         "  id: faq-section-monitoring", '  number: "6."']
    assert "  - id: faq-section-monitoring-question" in lines


ERRORS = [
    (("poem", "poem-one", None), "unknown KIND 'poem'; use one of: " + ", ".join(RECIPES)),
    (("term", "Term_X", None), "ID 'Term_X' is not kebab-case; use lowercase letters, digits and single hyphens, "
                               "e.g. term-care-navigator"),
    (("term", "term-icp", None), "ID 'term-icp' is already used by the term at clauses/glossary.yaml:"),
    (("question", "faq-x", None), "a question goes inside a faq-section: add IN=<faq-section id>"),
    (("question", "faq-x", "term-icp"), "IN='term-icp' must be the id of a faq-section; it is a term"),
    (("requirement", "icp-2019-x", "no-such-area"), "IN='no-such-area' must be the id of a area; no record has that id"),
    (("term", "term-x", "faq-section-developing"), "a term does not go inside another record; leave out IN="),
]


@pytest.mark.parametrize("args, message", ERRORS, ids=[e[1][:30] for e in ERRORS])
def test_mistakes_in_the_command_are_explained_and_change_nothing(kb: Path, args: tuple, message: str) -> None:
    before = {p: p.read_bytes() for p in kb.rglob("*.yaml")}
    with pytest.raises(ScaffoldError) as raised:
        scaffold(kb, *args, today=DAY)
    assert str(raised.value).startswith(message)
    assert {p: p.read_bytes() for p in kb.rglob("*.yaml")} == before


def test_existing_schedule_file_is_not_overwritten(kb: Path) -> None:
    (kb / "clauses/schedules/schedule-test-thing.yaml").write_text("keep me\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="clauses/schedules/schedule-test-thing.yaml already exists"):
        scaffold(kb, "schedule", "schedule-test-thing", today=DAY)
    assert (kb / "clauses/schedules/schedule-test-thing.yaml").read_text(encoding="utf-8") == "keep me\n"


def test_command_line(kb: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["term", "term-care-navigator", "--root", str(kb)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Added term 'term-care-navigator' at clauses/glossary.yaml:")
    assert "replace every 'CHANGE ME'" in out
    assert main(["term", "term-care-navigator", "--root", str(kb)]) == 2
    assert "make new: ID 'term-care-navigator' is already used" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "templates").glob("*.yaml")))
def test_every_template_is_valid_yaml_and_says_where_it_goes(name: str) -> None:
    text = (ROOT / "templates" / name).read_text(encoding="utf-8")
    assert isinstance(parse_yaml(text, f"templates/{name}"), YamlDocument)
    assert "TEMPLATE:" in text and "CHANGE ME" in text
    assert "Where it goes" in text or "as a file of its own" in text


def test_every_recipe_has_its_template() -> None:
    for recipe in RECIPES.values():
        assert (ROOT / "templates" / recipe.template).is_file(), recipe.template
