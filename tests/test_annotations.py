"""GitHub Actions output: `::error` annotations escaped as GitHub requires, and the step summary."""
from __future__ import annotations

from pathlib import Path

import pytest

from gpia.__main__ import main
from gpia.tools.annotations import annotation, step_summary
from gpia.load.problems import Problem

from conftest import write

CASES = [
    ("plain",
     Problem("faq/01-introduction.yaml", 12, 5, "'text' must be text, not 5"),
     "Knowledge base data",
     "::error file=faq/01-introduction.yaml,line=12,col=5,title=Knowledge base data::'text' must be text, not 5"),
    # In the message only %, CR and LF are special; ':' and ',' stay as written.
    ("message with percent, newlines, colon and comma",
     Problem("clauses/clauses.yaml", 3, 7, "100% wrong:\r\nsee line 2, col 3"),
     "Knowledge base data",
     "::error file=clauses/clauses.yaml,line=3,col=7,title=Knowledge base data::100%25 wrong:%0D%0Asee line 2, col 3"),
    # In properties ':' and ',' would end the property, so they are escaped too.
    ("property with colon, comma and percent",
     Problem("faq/a,b:c%.yaml", 1, 1, "x"),
     "Data: check, fix 100%",
     "::error file=faq/a%2Cb%3Ac%25.yaml,line=1,col=1,title=Data%3A check%2C fix 100%25::x"),
]


def skipped(path: str) -> str:
    """The line saying which checks wait for the broken file (gpia.knowledge_base.skipped_line), without wording."""
    return (f"Skipped until {path} is fixed: 4 checks of the whole knowledge base (schedules and their examples, "
            "the alignment of the compared versions, notes on what changed, page addresses). Fix the problem above and check "
            "again.")


@pytest.mark.parametrize("problem, title, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_annotation_is_escaped_as_github_requires(problem: Problem, title: str, expected: str) -> None:
    assert annotation(problem, title) == expected


def test_step_summary_lists_every_problem_in_a_table() -> None:
    found = [Problem("faq/01-introduction.yaml", 4, 3, "unknown field 'colour'; remove it"),
             Problem("clauses/glossary.yaml", 9, 11, "must be one of \"a\" | \"b\"")]
    assert step_summary(found) == (
        "### 2 problem(s) in the knowledge base data\n\n"
        "| file | line | column | problem |\n"
        "|---|---|---|---|\n"
        "| `faq/01-introduction.yaml` | 4 | 3 | `unknown field 'colour'; remove it` |\n"
        "| `clauses/glossary.yaml` | 9 | 11 | `must be one of \"a\" \\| \"b\"` |\n")


BROKEN = ("# yaml-language-server: $schema=../../scripts/gpia/schemas/schedule.json\n"
          "schedule:\n  id: schedule-test\n  titel: Test schedule\n  summary: Our words.\n  last_reviewed: 2026-11-25\n")
FILE = "clauses/schedules/schedule-test.yaml"
MISSING = f"{FILE}:3:3: missing required field 'title' in schedule ('schedule-test'); add it"
UNKNOWN = (f"{FILE}:4:3: unknown field 'titel' in schedule ('schedule-test'); remove it or correct its spelling "
           "(allowed here: also_known_as, example, fields, id, last_reviewed, number, quotes, rests_on, summary, title)")


def test_validate_under_github_actions_annotates_summarises_and_fails(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(data_copy, FILE, BROKEN)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["validate", "--root", str(data_copy), "--skip-wording"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"::error file={FILE},line=3,col=3,title=Knowledge base data::"
        "missing required field 'title' in schedule ('schedule-test'); add it",
        f"::error file={FILE},line=4,col=3,title=Knowledge base data::"
        "unknown field 'titel' in schedule ('schedule-test'); remove it or correct its spelling "
        "(allowed here: also_known_as, example, fields, id, last_reviewed, number, quotes, rests_on, summary, title)",
    ]
    assert err.splitlines() == [MISSING, UNKNOWN, skipped("clauses/schedules/schedule-test.yaml"),
                                "2 problems in the knowledge base data; nothing was built."]
    # Appended, not overwritten: other steps write to the same summary file.
    assert summary.read_text(encoding="utf-8") == (
        "earlier step\n### 2 problem(s) in the knowledge base data\n\n| file | line | column | problem |\n|---|---|---|---|\n"
        f"| `{FILE}` | 3 | 3 | `missing required field 'title' in schedule ('schedule-test'); add it` |\n"
        f"| `{FILE}` | 4 | 3 | `unknown field 'titel' in schedule ('schedule-test'); remove it or correct its spelling "
        "(allowed here: also_known_as, example, fields, id, last_reviewed, number, quotes, rests_on, summary, title)` |\n")


def test_validate_outside_github_actions_prints_no_annotations(
        data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(data_copy, FILE, BROKEN)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert main(["validate", "--root", str(data_copy), "--skip-wording"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[:2] == [MISSING, UNKNOWN]


# A file that a fork could send: its field names and text try to become Markdown and workflow commands.
HOSTILE_FILE = "clauses/schedules/schedule-evil.yaml"
HOSTILE = ("# yaml-language-server: $schema=../../scripts/gpia/schemas/schedule.json\n"
           "schedule:\n  id: schedule-evil\n"
           '  "x\\n::warning file=x::pwned": 1\n'
           '  "##[add-mask]y": 2\n'
           '  "[x](https://evil) ![i](https://evil/i.png) @org/team <img src=x> a|b ``c`` ::add-mask::s": 3\n'
           "  title: Evil\n  summary: Our words.\n  last_reviewed: 2026-11-25\n")
ALLOWED = "remove it or correct its spelling (allowed here: also_known_as, example, fields, id, last_reviewed, number, quotes, rests_on, summary, title)"


def test_hostile_problem_annotation_is_one_command() -> None:
    problem = Problem("faq/a.yaml", 2, 3, "bad 'x\n::warning file=x::pwned\r\n##[add-mask]y' 100%")
    assert annotation(problem) == ("::error file=faq/a.yaml,line=2,col=3,title=Knowledge base data::"
                                   "bad 'x%0A::warning file=x::pwned%0D%0A##[add-mask]y' 100%25")


def test_hostile_step_summary_shows_text_only() -> None:
    found = [Problem("faq/a|b.yaml", 1, 2, "[x](https://evil) ![i](https://evil/i.png) @org/team <img src=x>"),
             Problem("faq/c.yaml", 3, 4, "a ``b`` c\n::add-mask::s | `"),
             Problem("faq/d.yaml", 5, 6, "##[error]x")]
    assert step_summary(found).splitlines()[4:] == [
        "| `faq/a\\|b.yaml` | 1 | 2 | `[x](https://evil) ![i](https://evil/i.png) @org/team <img src=x>` |",
        "| `faq/c.yaml` | 3 | 4 | ``` a ``b`` c\\n::add-mask::s \\| ` ``` |",
        "| `faq/d.yaml` | 5 | 6 | `#`<!-- -->`#[error]x` |",
    ]


def test_validate_prints_no_command_that_the_data_wrote(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(data_copy, HOSTILE_FILE, HOSTILE)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["validate", "--root", str(data_copy), "--skip-wording"]) == 1
    out, err = capsys.readouterr()
    where = f"{HOSTILE_FILE},line={{}},col=3,title=Knowledge base data::unknown field"
    # One annotation per problem, and nothing else, on stdout.
    assert out.splitlines() == [
        f"::error file={where.format(4)} 'x%0A::warning file=x::pwned' in schedule ('schedule-evil'); {ALLOWED}",
        f"::error file={where.format(5)} '##[add-mask]y' in schedule ('schedule-evil'); {ALLOWED}",
        f"::error file={where.format(6)} '[x](https://evil) ![i](https://evil/i.png) @org/team <img src=x> a|b ``c`` "
        f"::add-mask::s' in schedule ('schedule-evil'); {ALLOWED}",
    ]
    # On stderr, one line per problem, each starting with its file; no line is a command.
    assert err.splitlines() == [
        f"{HOSTILE_FILE}:4:3: unknown field 'x\\n::warning file=x::pwned' in schedule ('schedule-evil'); {ALLOWED}",
        f"{HOSTILE_FILE}:5:3: unknown field '##%5Badd-mask]y' in schedule ('schedule-evil'); {ALLOWED}",
        f"{HOSTILE_FILE}:6:3: unknown field '[x](https://evil) ![i](https://evil/i.png) @org/team <img src=x> a|b "
        f"``c`` ::add-mask::s' in schedule ('schedule-evil'); {ALLOWED}",
        skipped(HOSTILE_FILE),
        "3 problems in the knowledge base data; nothing was built.",
    ]
    assert summary.read_text(encoding="utf-8").splitlines()[4:] == [
        f"| `{HOSTILE_FILE}` | 4 | 3 | `unknown field 'x\\n::warning file=x::pwned' in schedule ('schedule-evil'); "
        f"{ALLOWED}` |",
        f"| `{HOSTILE_FILE}` | 5 | 3 | `unknown field '#`<!-- -->`#[add-mask]y' in schedule ('schedule-evil'); "
        f"{ALLOWED}` |",
        f"| `{HOSTILE_FILE}` | 6 | 3 | ```unknown field '[x](https://evil) ![i](https://evil/i.png) @org/team <img src=x> "
        f"a\\|b ``c`` ::add-mask::s' in schedule ('schedule-evil'); {ALLOWED}``` |",
    ]
