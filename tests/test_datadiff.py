"""`make diff`: the knowledge base changes between a git revision and the working tree, as Markdown."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from gpia.tools.datadiff import GitError, data_diff, main

from conftest import NO_SOURCES, copy_data, write

OLD_TERM = """  - id: term-test-removed
    term: test term that goes
    definition: A term only the base has.
    last_reviewed: 2026-11-25
"""
NEW_TERM = """  - id: term-test-added
    term: test term that comes
    definition: A term only the change has.
    last_reviewed: 2026-11-26
"""
PARAGRAPH = ("In partially integrated models, GP practices continue to deliver primary medical services under "
             "existing contracts (GMS / PMS / APMS).")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                          cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository of the real data plus one extra term, committed once."""
    root = copy_data(tmp_path / "kb")
    glossary = root / "clauses" / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + OLD_TERM, encoding="utf-8")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "base")
    return root


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_added_removed_and_one_word_changed(repo: Path) -> None:
    edit(repo, "clauses/glossary.yaml", OLD_TERM, NEW_TERM)
    edit(repo, "faq/01-introduction.yaml", PARAGRAPH, PARAGRAPH.replace("deliver", "provide"))
    short = git(repo, "rev-parse", "--short", "HEAD").strip()
    assert data_diff(repo, "HEAD", NO_SOURCES) == f"""## Knowledge base changes

Compared with `HEAD` ({short}): 1 added, 1 removed, 1 changed.

### Added

- `term-test-added` (term in `clauses/glossary.yaml`): `test term that comes`

### Removed

- `term-test-removed` (term in `clauses/glossary.yaml`): `test term that goes`

### Changed

- `faq-purpose-of-gp-ia-p1` (answer in `faq/01-introduction.yaml`): `In partially integrated models, GP practices continue to provide primary medical services under exi…`
  - `paragraph`: ` … integrated models, GP practices continue to  `<del>`deliver`</del><ins>`provide`</ins>`  primary medical services under existing contracts … `

### Pages affected

- `/faq/faq-section-introduction/`: `faq-purpose-of-gp-ia-p1`
- `/glossary/term-test-added/`: `term-test-added`
- `/glossary/term-test-removed/`: `term-test-removed`

Downloads rebuilt: `/data/knowledge-base.json`, `/data/question.csv`, `/data/term.csv`
"""


def test_one_word_change_shows_against_the_previous_commit(repo: Path) -> None:
    # The "Done when" of the issue: commit a one-word FAQ change, then compare with HEAD~1.
    edit(repo, "faq/01-introduction.yaml", PARAGRAPH, PARAGRAPH.replace("deliver", "provide"))
    git(repo, "commit", "--quiet", "-am", "one word")
    report = data_diff(repo, "HEAD~1", NO_SOURCES)
    assert "1 added" not in report and "0 added, 0 removed, 1 changed." in report
    assert "<del>`deliver`</del><ins>`provide`</ins>" in report
    assert data_diff(repo, "HEAD", NO_SOURCES).endswith("No record was added, removed or changed.\n")


def test_changed_fields_of_every_shape(repo: Path) -> None:
    edit(repo, "faq/01-introduction.yaml",
         "relates_to: [gp-ia, icp-contract, gms-pms-apms-contracts, term-partially-integrated-model, term-icp, term-care-model]",
         "relates_to: [gp-ia, icp-contract, gms-pms-apms-contracts, term-partially-integrated-model, term-icp, term-gp-ia]")
    edit(repo, "faq/01-introduction.yaml", "    last_reviewed: 2026-11-25\n  - id: faq-who-is-gp-ia-for",
         "    last_reviewed: 2026-12-01\n  - id: faq-who-is-gp-ia-for")
    edit(repo, "faq/01-introduction.yaml", "      - id: faq-purpose-of-gp-ia-p2\n",
         "      - paragraph: A <b>new</b> *paragraph* | here.\n      - id: faq-purpose-of-gp-ia-p2\n")
    report = data_diff(repo, "HEAD", NO_SOURCES)
    # The answer's blocks with ids are records of their own (compared on their own), so the new
    # paragraph is the first of the blocks left.
    assert """  - `answer[0]` added: `A <b>new</b> *paragraph* | here.`
  - `relates_to`: added `term-gp-ia`; removed `term-care-model`
  - `last_reviewed`: `2026-11-25` → `2026-12-01`
""" in report


def test_template_text_left_in_a_record_is_flagged(repo: Path) -> None:
    edit(repo, "clauses/glossary.yaml", OLD_TERM, OLD_TERM.replace("A term only the base has.", "\"CHANGE ME: words\""))
    report = data_diff(repo, "HEAD", NO_SOURCES)
    assert ("- `term-test-removed` (term in `clauses/glossary.yaml`): `test term that goes`\n"
            "  - `definition`: <del>`A term only the base has.`</del><ins>`CHANGE ME: words`</ins>\n"
            "  - **Still holds template text** (CHANGE ME): fill it in before this is merged.\n") in report


def test_base_that_fails_todays_checks_is_still_compared(repo: Path) -> None:
    edit(repo, "clauses/glossary.yaml", "    definition: A term only the base has.\n", "")
    git(repo, "commit", "--quiet", "-am", "break the base")
    edit(repo, "clauses/glossary.yaml", "    term: test term that goes\n",
         "    term: test term that goes\n    definition: Now it has one.\n")
    report = data_diff(repo, "HEAD", NO_SOURCES)
    assert ("> **Note:** the data at the base does not pass today's checks (1 problem, first: "
            "`clauses/glossary.yaml:") in report
    assert "missing required field 'definition' in terms[35] ('term-test-removed'); add it`)" in report
    assert "  - `definition` added: `Now it has one.`\n" in report
    assert "the data in this change has" not in report


def test_problems_in_the_change_are_noted(repo: Path) -> None:
    write(repo, "clauses/schedules/schedule-new.yaml", "schedule: {}\n")
    report = data_diff(repo, "HEAD", NO_SOURCES)
    assert ("> **Note:** the data in this change has 5 problems; `make validate` lists them, and the site is not "
            "built until they are fixed. Records in a file that could not be read at all show as removed.\n") in report


def test_records_of_a_file_that_cannot_be_read_show_as_removed(repo: Path) -> None:
    edit(repo, "clauses/citations.yaml", "citations:\n", "citations: [\n")
    report = data_diff(repo, "HEAD", NO_SOURCES)
    assert "Compared with `HEAD` (" in report and "0 added, 2 removed, 0 changed." in report
    # The YAML error alone: the references to the citations wait until the file can be read.
    assert re.search(r"> \*\*Note:\*\* the data in this change has 1 problem;.* Records in a file that could not "
                     r"be read at all show as removed\.\n", report)
    assert "### Removed\n\n- `cite-ics-design-framework-2021` (citation in `clauses/citations.yaml`)" in report


def test_unknown_base_is_an_error_naming_the_fix(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(GitError, match="'no-such-branch' is not a commit"):
        data_diff(repo, "no-such-branch", NO_SOURCES)
    assert main(["--base", "no-such-branch", "--root", str(repo), "--sources", str(NO_SOURCES)]) == 2
    assert "give BASE as a branch, tag or commit" in capsys.readouterr().err


def test_base_is_read_from_git_objects_not_the_checkout(repo: Path) -> None:
    # An uncommitted file at BASE's path must not leak into BASE's side.
    write(repo, "clauses/glossary.yaml", (repo / "clauses/glossary.yaml").read_text(encoding="utf-8") + NEW_TERM)
    report = data_diff(repo, "HEAD", NO_SOURCES)
    assert "1 added, 0 removed, 0 changed." in report
    assert git(repo, "status", "--porcelain") == " M clauses/glossary.yaml\n"


# Texts from a fork that must reach the pull request as text, not as Markdown, HTML or commands.
EVIL_TITLE = "[x](https://evil) ![i](https://evil/i.png) @org/team <img src=x> a|b `tick` ``run``"
EVIL_TERM = f"""  - {{"id": "term-evil", "term": {json.dumps(EVIL_TITLE)}, "definition": "Plain words here.",
     "last_reviewed": "2026-11-25"}}
"""


def test_hostile_text_reaches_the_report_only_inside_code_spans(repo: Path) -> None:
    edit(repo, "clauses/glossary.yaml", OLD_TERM, OLD_TERM + EVIL_TERM)
    git(repo, "commit", "--quiet", "-am", "a hostile term")
    changed = EVIL_TERM.replace('"Plain words here."', '"Plain <b>words</b> @org/team here."').replace(
        '"last_reviewed"', '"x\\n::warning file=x::pwned": "##[add-mask]secret", "last_reviewed"')
    added = ('  - {"id": "term-``tick``", "term": "::add-mask::s\\n\\n- [y](https://evil)", "definition": "d", '
             '"last_reviewed": "2026-11-26"}\n')
    edit(repo, "clauses/glossary.yaml", EVIL_TERM, changed + added)
    report = data_diff(repo, "HEAD", NO_SOURCES)
    assert ("### Added\n\n"
            "- ``` term-``tick`` ``` (term in `clauses/glossary.yaml`): `::add-mask::s - [y](https://evil)`\n") in report
    assert ("### Changed\n\n"
            "- `term-evil` (term in `clauses/glossary.yaml`): "
            "``` [x](https://evil) ![i](https://evil/i.png) @org/team <img src=x> a|b `tick` ``run`` ```\n"
            "  - `definition`: ` Plain  `<ins>`<b>`</ins>`words`<ins>`</b> @org/team`</ins>`  here. `\n"
            "  - `x\\n::warning file=x::pwned` added: `#`<!-- -->`#[add-mask]secret`\n") in report
    assert "- `/glossary/`: ``` term-``tick`` ```, `term-evil`\n" in report  # the data has problems: no pages
    lines = report.splitlines()
    assert not [line for line in lines if line.lstrip().startswith("::")]
    assert "##[" not in report


def test_git_errors_are_printed_as_text_not_commands(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--base", "::add-mask::x", "--root", str(repo), "--sources", str(NO_SOURCES)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("make diff: '::add-mask::x' is not a commit in ")
    assert main(["--base", "x\n::warning file=a::pwned ##[add-mask]y", "--root", str(repo),
                 "--sources", str(NO_SOURCES)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("make diff: 'x\n%3A%3Awarning file=a::pwned ##%5Badd-mask]y' is not a commit in ")


def test_line_endings_encoding_and_white_space_are_named(repo: Path) -> None:
    citations = repo / "clauses/citations.yaml"
    citations.write_bytes(citations.read_bytes().replace(b"\n", b"\r\n"))
    versions = repo / "clauses/versions.yaml"
    versions.write_bytes(b"\xef\xbb\xbf" + versions.read_bytes().replace(b"\n", b"  \n", 3))
    report = data_diff(repo, "HEAD", NO_SOURCES)
    assert "### Files changed without changing their text\n\n" in report
    assert "- `clauses/citations.yaml`: line endings changed to Windows (CRLF)\n" in report
    assert "- `clauses/versions.yaml`: byte-order mark added; spaces at line ends only\n" in report
    assert "No record was added, removed or changed." in report


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and (p.suffix == ".html" or p.relative_to(site).parts[0] == "data")}


def test_pages_affected_are_exactly_the_pages_two_real_builds_differ_in(repo: Path, tmp_path: Path) -> None:
    from conftest import mkdocs_build
    before = mkdocs_build(tmp_path / "before", repo, NO_SOURCES)
    assert before.returncode == 0, before.stderr
    edit(repo, "clauses/glossary.yaml", OLD_TERM, OLD_TERM + NEW_TERM)
    kpis = "clauses/schedules/schedule-5-kpis.yaml"
    text = (repo / kpis).read_text(encoding="utf-8")
    target = re.search(r"\n( +)name: (.+)\n", text)
    edit(repo, kpis, target.group(0), target.group(0).replace(target.group(2), target.group(2) + " (test)"))
    after = mkdocs_build(tmp_path / "after", repo, NO_SOURCES)
    assert after.returncode == 0, after.stderr
    old, new = _site_files(tmp_path / "before"), _site_files(tmp_path / "after")
    differ = sorted("/" + p.removesuffix("index.html") for p in old.keys() | new.keys()
                    if old.get(p) != new.get(p) and p.endswith(".html"))
    report = data_diff(repo, "HEAD", NO_SOURCES, build=True)
    listed = re.findall(r"^- `(/[^`]*)`", report.split("### Pages affected")[1].split("Downloads")[0], re.M)
    assert listed == differ
    assert {"/", "/data/", "/glossary/", "/glossary/term-test-added/"} <= set(listed)
    assert "/data/term.csv" in report.split("Downloads rebuilt:")[1]


CRASH_HOOK = '''import os
from pathlib import Path


def on_pre_build(config):
    glossary = Path(os.environ["GPIA_DATA_ROOT"], "clauses", "glossary.yaml").read_text(encoding="utf-8")
    if "term-test-crash" in glossary:
        raise ValueError("day is out of range for month")
'''


def test_a_change_whose_site_crashes_fails_and_says_why(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A change whose data passes the checks but whose build raises (as 2026-02-30 once did in the Word
    files): `make diff` fails and prints the build's error, instead of a clean list of pages affected.
    The project is this one with a hook, which raises on a term only the change has."""
    import gpia.tools.datadiff as datadiff
    project = tmp_path / "project"
    project.mkdir()
    for entry in datadiff.PROJECT.iterdir():
        if entry.name != "mkdocs.yml":
            (project / entry.name).symlink_to(entry)
    (project / "crash_hook.py").write_text(CRASH_HOOK, encoding="utf-8")
    config = (datadiff.PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nhooks:" not in config
    (project / "mkdocs.yml").write_text(config + "\nhooks:\n  - crash_hook.py\n", encoding="utf-8")
    monkeypatch.setattr(datadiff, "PROJECT", project)
    edit(repo, "clauses/glossary.yaml", OLD_TERM, OLD_TERM + NEW_TERM.replace("term-test-added", "term-test-crash"))
    assert main(["--base", "HEAD", "--root", str(repo), "--sources", str(NO_SOURCES)]) == 1
    out, err = capsys.readouterr()
    assert err == ("make diff: the site does not build with this change (mkdocs build --strict exited with 1):\n"
                   "ValueError: day is out of range for month\n")
    assert ("### Pages affected\n\n> **The site does not build with this change**, so no page can be shown: "
            "`ValueError: day is out of range for month`. `make build` shows the whole error.\n") in out
    assert "- `/glossary/term-test-crash/`" not in out
    assert "### Added\n\n- `term-test-crash`" in out


def test_a_change_with_problems_fails_and_lists_them(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "clauses/glossary.yaml", OLD_TERM, OLD_TERM.replace("2026-11-25", "2026-02-30"))
    assert main(["--base", "HEAD", "--root", str(repo), "--sources", str(NO_SOURCES), "--no-build"]) == 1
    out, err = capsys.readouterr()
    line = next(i for i, text in enumerate((repo / "clauses/glossary.yaml").read_text().splitlines(), 1)
                if "2026-02-30" in text)
    assert err == ("make diff: the data in this change has 1 problem, so the site does not build; fix them (`make "
                   "validate` lists them):\n"
                   f"clauses/glossary.yaml:{line}:20: 'terms[35].last_reviewed' is \"2026-02-30\", which is not a day "
                   "of the calendar (February 2026 has 28 days); write a real date as YYYY-MM-DD\n")
    assert "> **Note:** the data in this change has 1 problem;" in out
