"""The checks of every string and number of a file read the values the parser met (YamlDocument.texts
and .floats) and look at all of a file's text at once before looking value by value: what they find,
and where, is what a walk of the data value by value finds."""
from __future__ import annotations

import sys

import pytest

from gpia.knowledge_base import check_file
from gpia.load.yaml_loader import parse_yaml
from gpia.validate.text_rules import _ASCII_CONTROL, has_invisible, invisible, strings

from conftest import ROOT

GLOSSARY = "clauses/glossary.yaml"
REAL = (ROOT / GLOSSARY).read_text(encoding="utf-8")


def _problems(text: str) -> list[str]:
    return [str(p) for p in check_file(text, GLOSSARY, "glossary")[2]]


def test_the_ascii_characters_refused_at_once_are_those_refused_one_by_one() -> None:
    assert [c for c in map(chr, range(128)) if invisible(c)] == [c for c in map(chr, range(128)) if _ASCII_CONTROL.match(c)]


def test_the_parser_meets_every_string_and_float_a_walk_finds_in_the_same_order() -> None:
    text = REAL + "extra:\n  - 1.5\n  - \"6.2(d)\"\n  - 6.2(d)\n  - .nan\n  - [yes, 3, 2026-11-25]\n"
    doc = parse_yaml(text, GLOSSARY)
    assert doc.texts == list(strings(doc.data)) and len(doc.texts) > 100
    assert [v for _, v in doc.texts[-3:]] == ["6.2(d)", "6.2(d)", "2026-11-25"]
    assert [(p, str(v)) for p, v in doc.floats] == [(("extra", 0), "1.5"), (("extra", 3), "nan")]


@pytest.mark.parametrize("written, expected", [
    # A control character written as an escape in quotes, in a file otherwise all ASCII.
    ('    note: "a\\x01b"', "'note' contains U+0001, a control character"),
    ('    note: "a\\tb"', "'note' contains U+0009, a control character"),
    ("    note: a\u200bb", "'note' contains U+200B ZERO WIDTH SPACE, an invisible formatting character"),
])
def test_an_invisible_character_is_found_in_an_ascii_file_and_in_one_that_is_not(written: str, expected: str) -> None:
    for text in (REAL.encode("ascii", "replace").decode("ascii"), REAL):
        lines = text.split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("    note: "))
        lines[at] = written
        found = _problems("\n".join(lines))
        assert len(found) == 1 and found[0].startswith(f"{GLOSSARY}:{at + 1}:") and expected in found[0], found


def test_a_placeholder_is_found_and_its_words_in_two_values_are_not_one() -> None:
    lines = REAL.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("    note: "))
    lines[at] = "    note: CHANGE ME"
    found = _problems("\n".join(lines))
    assert len(found) == 1 and found[0].startswith(f"{GLOSSARY}:{at + 1}:") and "template text" in found[0], found
    lines[at] = "    note: Ends with CHANGE"
    lines[at + 1] = "    last_reviewed: 2026-11-25\n    also_known_as: [ME too]"
    assert _problems("\n".join(lines)) == []


def test_the_real_glossary_has_no_problem() -> None:
    assert _problems(REAL) == []


def test_the_quick_test_for_invisible_characters_agrees_with_each_character_s_own() -> None:
    # has_invisible first asks whether the text is printable (its line breaks aside): the same answer,
    # for every code point, as asking `invisible` of each character.
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert has_invisible(f"a\n{c} b") == (invisible(c) is not None), f"U+{code:04X}"
