"""The wording check: NHS wording must be printed, exactly, where its provenance says.

Each test makes one change an attacker or a hurried editor would make to a copy of the real data,
and asserts the one message it gets, at its line and column."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from gpia.__main__ import main
from gpia.validate.source_outline import fold, parse_outline

from conftest import ROOT, SOURCES, problems

INTEGRATION = "clauses/requirements/icp-2019-integration.yaml"
GOVERNANCE = "clauses/requirements/icp-2019-governance.yaml"
FAQ = "faq/01-introduction.yaml"


def edit(root: Path, relative: str, old: str, new: str) -> tuple[int, int]:
    """Replace `old` (which must occur once) and return the line and column where it was."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
    before = text[:text.index(old)]
    path.write_text(text.replace(old, new), encoding="utf-8")
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def value_at(root: Path, relative: str, words: str) -> tuple[int, int]:
    """Line and column of the YAML value whose text holds `words`."""
    for number, line in enumerate((root / relative).read_text(encoding="utf-8").splitlines(), 1):
        if words in line:
            match = re.search(r"(?:- )?[a-z_]+: ", line)
            assert match, line
            return number, match.end() + 1
    raise AssertionError(words)


def test_the_real_data_is_printed_where_it_says(data_copy: Path) -> None:
    assert problems(data_copy, SOURCES) == []


def test_words_inside_markup_are_not_nhs_wording(data_copy: Path) -> None:
    line, col = value_at(data_copy, GOVERNANCE, "Commit to delivering the best possible care")
    edit(data_copy, GOVERNANCE, "delivering the best possible care", "delivering the best <b hidden>worst</b> possible care")
    col += len("Commit to delivering the best ")  # at the first character that differs: the '<'
    assert problems(data_copy, SOURCES) == [
        f"{GOVERNANCE}:{line}:{col}: 'text' is not word for word in source 'icp-2019-faqs' in the row 'Shared vision "
        "and delivery of system outcomes' of the table under 'What should the GP IA describe in relation to shared "
        "governance and decision making?' (it matches \"Commit to delivering the best \" and then has '<' LESS-THAN "
        "SIGN where the source has 'p' LATIN SMALL LETTER P, line 75); copy the wording exactly from the source, or "
        "move our own words to this record's 'why'"]


def test_a_bullet_cut_mid_word_is_refused(data_copy: Path) -> None:
    line, col = value_at(data_copy, GOVERNANCE, "Commit to delivering the best possible care")
    edit(data_copy, GOVERNANCE, "best possible care for the whole population", "best possible care for the whole pop")
    assert problems(data_copy, SOURCES) == [
        f"{GOVERNANCE}:{line}:{col}: 'text' is not word for word in source 'icp-2019-faqs' in the row 'Shared vision "
        "and delivery of system outcomes' of the table under 'What should the GP IA describe in relation to shared "
        "governance and decision making?' (it matches \"…the best possible care for the whole pop\" and then stops, "
        "where the source goes on with 'u' LATIN SMALL LETTER U, line 75); copy the wording exactly from the source, "
        "or move our own words to this record's 'why'"]


def test_part_of_a_bullet_is_not_the_bullet(data_copy: Path) -> None:
    line, col = value_at(data_copy, GOVERNANCE, "Commit to delivering the best possible care")
    edit(data_copy, GOVERNANCE, "best possible care for the whole population", "best possible care")
    assert problems(data_copy, SOURCES) == [
        f"{GOVERNANCE}:{line}:{col}: 'text' is only part of what source 'icp-2019-faqs' prints in the row 'Shared "
        "vision and delivery of system outcomes' of the table under 'What should the GP IA describe in relation to "
        "shared governance and decision making?' (\"Commit to delivering the best possible care for the whole "
        "population\", line 75); copy all of it"]


def test_a_quote_must_start_and_end_on_word_boundaries(data_copy: Path) -> None:
    line, col = value_at(data_copy, "clauses/clauses.yaml", "For example, clause 6.2(d) refers")
    edit(data_copy, "clauses/clauses.yaml", "text: For example, clause 6.2(d) refers", "text: or example, clause 6.2(d) refers")
    assert problems(data_copy, SOURCES) == [
        f"clauses/clauses.yaml:{line}:{col}: 'text' starts or ends in the middle of a word of source 'icp-2019-faqs'; "
        "quote whole words"]


def test_a_quote_may_be_any_whole_words_of_its_section(data_copy: Path) -> None:
    edit(data_copy, "clauses/clauses.yaml", "text: For example, clause 6.2(d) refers", "text: example, clause 6.2(d) refers")
    assert problems(data_copy, SOURCES) == []


def test_a_question_copied_into_another_section_is_refused(data_copy: Path) -> None:
    line, col = edit(data_copy, FAQ, "question: Who is the GP IA for?", "question: What should the GP IA set out?")
    assert problems(data_copy, SOURCES) == [
        f"{FAQ}:{line}:{col + len('question: ')}: 'question' is in source 'icp-2019-faqs', but it is a heading there "
        "under 'Essential content of a GP Integration Agreement' (line 60), not in the FAQ section 'Introduction to "
        "the GP Integration Agreement'; correct the record's provenance or copy the wording that is printed there"]


def test_an_answer_under_another_question_is_refused(data_copy: Path) -> None:
    # The first answer paragraph of "Who is the GP IA for?" given to "What is the purpose…?" instead.
    path = data_copy / FAQ
    text = path.read_text(encoding="utf-8")
    moved = "It is expected that each individual GP practice in an area covered by the ICP Contract will be a " \
            "signatory to a single GP IA alongside the ICP, demonstrating the commitment between the GP practices and the ICP."
    first = "In partially integrated models, GP practices continue to deliver primary medical services under existing " \
            "contracts (GMS / PMS / APMS)."
    path.write_text(text.replace(first, moved, 1), encoding="utf-8")
    line, col = value_at(data_copy, FAQ, "It is expected that each individual")
    assert problems(data_copy, SOURCES) == [
        f"{FAQ}:{line}:{col}: 'paragraph' is in source 'icp-2019-faqs', but it is printed under 'Who is the GP IA "
        "for?' (line 54), not in the answer to 'What is the purpose of a GP Integration Agreement?'; correct the "
        "record's provenance or copy the wording that is printed there"]


def test_a_bullet_moved_to_another_row_is_refused(data_copy: Path) -> None:
    path = data_copy / INTEGRATION
    text = path.read_text(encoding="utf-8")
    # Swap the texts of the first bullets of rows 1 and 2.
    a = "Work towards reducing variation and unnecessary admissions (where appropriate)"
    b = "Apply stratification approaches at practice level [specific requirements set out in relevant schedule]"
    assert a in text and b in text
    path.write_text(text.replace(a, "\0").replace(b, a).replace("\0", b), encoding="utf-8")
    found = problems(data_copy, SOURCES)
    placeholder_problems = [p for p in found if "placeholder" in p or "defers" in p]
    wording = [p for p in found if p not in placeholder_problems]
    line_a, col_a = value_at(data_copy, INTEGRATION, a)
    line_b, col_b = value_at(data_copy, INTEGRATION, b)
    assert wording == [
        f"{INTEGRATION}:{line_b}:{col_b}: 'text' is in source 'icp-2019-faqs', but it is printed in the row "
        "'Identification of Service Users' under 'How can the GP IA capture integration commitments?' (line 97), "
        "not in the row 'Agreement of common protocols' of the table under 'How can the GP IA capture integration "
        "commitments?'; correct the record's provenance or copy the wording that is printed there",
        f"{INTEGRATION}:{line_a}:{col_a}: 'text' is in source 'icp-2019-faqs', but it is printed in the row "
        "'Agreement of common protocols' under 'How can the GP IA capture integration commitments?' (line 96), not "
        "in the row 'Identification of Service Users' of the table under 'How can the GP IA capture integration "
        "commitments?'; correct the record's provenance or copy the wording that is printed there",
    ]


def test_a_table_under_the_wrong_section_is_reported_once(data_copy: Path) -> None:
    line, col = edit(data_copy, "clauses/requirements/mcp-2016-governance.yaml",
                     "section: Shared governance and decision making", "section: The integration commitments")
    assert problems(data_copy, SOURCES) == [
        f"clauses/requirements/mcp-2016-governance.yaml:{line}:{col + len('section: ')}: no row of this table is "
        "printed in the section 'The integration commitments' of source 'mcp-2016-overview'; they are printed under "
        "'Shared governance and decision making'; correct 'section' to the heading the table is printed under"]


def test_a_quote_from_another_section_is_refused(data_copy: Path) -> None:
    line, col = value_at(data_copy, "clauses/clauses.yaml", "For example, clause 6.2(d) refers")
    edit(data_copy, "clauses/clauses.yaml",
         "    quotes:\n      - source: icp-2019-faqs\n        section: How can the GP IA capture integration commitments?\n"
         "        text: For example, clause 6.2(d)",
         "    quotes:\n      - source: icp-2019-faqs\n        section: Who is the GP IA for?\n"
         "        text: For example, clause 6.2(d)")
    assert problems(data_copy, SOURCES) == [
        f"clauses/clauses.yaml:{line}:{col}: 'text' is in source 'icp-2019-faqs', but it is printed under 'How can "
        "the GP IA capture integration commitments?' (line 89), not in the section 'Who is the GP IA for?'; correct "
        "the record's provenance or copy the wording that is printed there"]


@pytest.mark.parametrize(("old", "new"), [
    ("the ICP's care model. This element", "the ICP’s care model. This element"),  # curly apostrophe
    ("the ICP's care model. This element", "the ICP's  care model.   This element"),  # runs of spaces
])
def test_typographic_quotes_and_runs_of_white_space_are_folded(data_copy: Path, old: str, new: str) -> None:
    edit(data_copy, "faq/02-essential-content.yaml", old, new)
    assert problems(data_copy, SOURCES) == []


def test_dashes_are_folded(data_copy: Path) -> None:
    edit(data_copy, INTEGRATION, "inform decision-making", "inform decision–making")  # an en dash
    assert problems(data_copy, SOURCES) == []


# Characters a YAML file may hold as written (YAML itself refuses raw control characters and
# reads U+2028 as a line break; those are tested as escapes below).
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u200e",
             "\u00a0", "\u2009", "\u3000", "\t", "\ue000", "\ufe0f", "\u3164", "\U000e0041"]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
@pytest.mark.parametrize(("relative", "words"), [
    (FAQ, "In partially integrated"),  # NHS wording
    ("clauses/glossary.yaml", None),  # our words: the first definition
])
def test_invisible_characters_are_refused_in_every_text_field(data_copy: Path, char: str, relative: str,
                                                              words: str | None) -> None:
    path = data_copy / relative
    text = path.read_text(encoding="utf-8")
    if words is None:
        match = re.search(r"definition: >-\n +(\S+) ", text)
        assert match
        words = match.group(1)
        start = match.start(1)
    else:
        start = text.index(words)
    at = start + len(words.split()[0])
    path.write_text(text[:at] + char + text[at:], encoding="utf-8")
    line = text[:at].count("\n") + 1
    col = at - text[:at].rfind("\n")
    field = "paragraph" if relative == FAQ else "definition"
    name = f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
    found = problems(data_copy, SOURCES)
    assert len(found) == 1, found
    assert found[0].startswith(f"{relative}:{line}:{col}: '{field}' contains {name}, "), found[0]


def test_a_missing_empty_or_unreadable_source_is_an_error_naming_it(data_copy: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "000_d5e8f1190bbcae93.txt").unlink()
    (sources / "001_5eefaf7dfc7a964b.txt").write_text("\n\n", encoding="utf-8")
    lines = (data_copy / "clauses/sources.yaml").read_text(encoding="utf-8").splitlines()
    at = [(n, l.index("file:") + len("file: ") + 1) for n, l in enumerate(lines, 1) if "file:" in l]
    shown = "../sources"  # the folder as seen from the data's folder, where `make validate` runs
    assert problems(data_copy, sources) == [
        f"clauses/sources.yaml:{at[0][0]}:{at[0][1]}: source 'mcp-2016-overview': the file "
        f"{shown}/000_d5e8f1190bbcae93.txt does not exist, so its wording cannot be checked; put the extract "
        f"'000_d5e8f1190bbcae93.txt' in {shown} (or correct 'file')",
        f"clauses/sources.yaml:{at[1][0]}:{at[1][1]}: source 'icp-2019-faqs': the file "
        f"{shown}/001_5eefaf7dfc7a964b.txt is empty, so its wording cannot be checked; put the extract "
        f"'001_5eefaf7dfc7a964b.txt' in {shown} (or correct 'file')",
    ]
    (sources / "001_5eefaf7dfc7a964b.txt").write_bytes(b"\xff\xfe not utf-8")
    assert "001_5eefaf7dfc7a964b.txt is not UTF-8 text, so its wording cannot be checked" in problems(data_copy, sources)[1]
    (sources / "001_5eefaf7dfc7a964b.txt").unlink()
    (sources / "001_5eefaf7dfc7a964b.txt").mkdir()
    assert "001_5eefaf7dfc7a964b.txt is not a regular file" in problems(data_copy, sources)[1]


def test_validate_fails_without_the_sources_and_says_where_they_go(data_copy: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-sources"
    assert main(["validate", "--root", str(data_copy), "--sources", str(missing)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"clauses/sources.yaml:1:1: the source documents were not found at {missing}, so no NHS wording can be "
        "checked; put the extracts there (see the README), or give their folder with --sources",
        "1 problem in the knowledge base data; nothing was built."]
    # The default place is ../shared/sources beside the project: a copy with nothing beside it fails too.
    result = subprocess.run([sys.executable, "-m", "gpia", "validate", "--root", str(data_copy)],
                            env=dict(os.environ, PYTHONPATH=str(ROOT / "scripts")), capture_output=True, text=True)
    assert result.returncode == 1
    assert f"the source documents were not found at {data_copy.parent / 'shared' / 'sources'}" in result.stderr


def test_skipping_the_wording_check_is_explicit_and_said(data_copy: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--root", str(data_copy), "--sources", str(tmp_path / "none"), "--skip-wording"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("wording NOT checked (--skip-wording).")


def test_no_check_that_ci_runs_skips_the_wording() -> None:
    for relative in ("Makefile", ".ci/run", *[p.relative_to(ROOT).as_posix() for p in (ROOT / ".github").rglob("*.yml")]):
        text = (ROOT / relative).read_text(encoding="utf-8")
        assert "--skip-wording" not in text and "GPIA_SKIP_WORDING" not in text, relative


def test_every_printed_block_of_both_sources_is_read() -> None:
    """The outline keeps every non-blank line of each extract's text (nothing is dropped unread)."""
    for file in sorted(SOURCES.glob("*.txt")):
        text = file.read_text(encoding="utf-8")
        outline = parse_outline(text)
        printed = " ".join(b.text for b in outline.blocks)
        for line in text.splitlines():
            words = re.findall(r"[A-Za-z]{4,}", re.sub(r"<[^>]+>|\]\(#\)", " ", line))
            for word in words:
                assert word in printed or word in ("style", "list", "type", "none", "Area"), (file.name, word)
        assert fold("Practices agrees stratification approach") in printed or file.name.startswith("001")


@pytest.mark.parametrize(("escape", "name"), [("\\a", "U+0007"), ("\\u2028", "U+2028 LINE SEPARATOR"),
                                              ("\\x1b", "U+001B"), ("\\u0085", "U+0085")])
def test_invisible_characters_written_as_escapes_are_refused(data_copy: Path, escape: str, name: str) -> None:
    line, col = edit(data_copy, FAQ, "question: Who is the GP IA for?", f'question: "Who is the GP IA{escape} for?"')
    assert [p.split(", ")[0] for p in problems(data_copy, SOURCES)] == [
        f"{FAQ}:{line}:{col + len('question: ')}: 'question' contains {name}"]


def test_a_raw_control_character_is_a_message_not_a_traceback(data_copy: Path) -> None:
    line, col = edit(data_copy, FAQ, "question: Who is the GP IA for?", "question: Who is the GP IA\x07 for?")
    found = problems(data_copy, SOURCES)
    assert [p for p in found if p.startswith(f"{FAQ}:{line}:{col + len('question: Who is the GP IA')}: ")], found


def test_contributing_names_every_field_of_nhs_wording() -> None:
    from gpia.validate.verbatim import WORDING_FIELDS
    # The list is generated from WORDING_FIELDS (gpia/tools/guide.py); tests/test_guide.py keeps it fresh.
    rule = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("<!-- generated: wording-fields -->", 1)[1]
    rule = rule.split("<!-- end generated: wording-fields -->", 1)[0]
    named = {re.split(r"[.\[\]]+", field.rstrip("[]"))[-1] for field in re.findall(r"`([a-z_.\[\]<>]+)`", rule)}
    assert named == {next(p for p in reversed(pattern) if p != "*") for _, pattern, _ in WORDING_FIELDS}
