"""NHS wording that differs from its source is reported at its first differing character's line and
column, whether the value is plain, quoted or a block scalar."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SOURCES, copy_data
from gpia.knowledge_base import load_knowledge_base
from gpia.validate.source_outline import _FOLD as FOLD_TABLE, fold
from gpia.validate.verbatim import raw_index, raw_indexes

FAQ = "faq/01-introduction.yaml"
TABLE = "clauses/requirements/icp-2019-integration.yaml"
QUOTED = ("        text: \"Comply with the local protocols thus ensuring access by the ICP to the Practice's booking "
          "system [specific practice requirements set out in relevant schedule]\"\n")
BLOCK = ("        text: >-\n          Comply with the local protocols thus ensuring access by the ICP\n"
         "          to the Practise's booking system [specific practice requirements set out in relevant schedule]\n")

CASES = [
    ("plain", FAQ, "continue to deliver primary", "continue to delivr primary", "delivr", 5),
    ("quoted", TABLE, QUOTED, QUOTED.replace("thus ensuring", "thus ensurign"), "ensurign", 6),
    ("block", TABLE, QUOTED, BLOCK, "Practise", 6),
]


@pytest.mark.parametrize("style, relative, old, new, typo, offset", CASES, ids=[c[0] for c in CASES])
def test_difference_is_placed_at_its_character(tmp_path: Path, style: str, relative: str, old: str, new: str,
                                               typo: str, offset: int) -> None:
    root = copy_data(tmp_path / "kb")
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    line = next(i for i, l in enumerate(lines) if typo in l)
    col = lines[line].index(typo) + offset
    found = [str(p) for p in load_knowledge_base(root, SOURCES).problems if p.path == relative]
    assert found and found[0].startswith(f"{relative}:{line + 1}:{col + 1}: "), found
    assert "is not word for word" in found[0]


def test_raw_index_maps_folded_offsets_back() -> None:
    for value in ("  a  b\n c", "x\u2014y  z", "abc", "one\n  two three"):
        folded = fold(value)
        for i, char in enumerate(folded):
            at = raw_index(value, i)
            assert at is not None
            assert char == " " and value[at].isspace() or fold(value[at]) == char, (value, i, at)


# The specification of raw_indexes: a walk over the value for one folded offset at a time.
def _one_offset(value: str, folded_offset: int) -> int | None:
    """The index in `value` of the character that is at `folded_offset` once folded (source_outline.fold
    turns each quote or dash into one character, collapses white space and strips the ends)."""
    folded = 0
    started = False
    previous_space = False
    for index, char in enumerate(value):
        if char.isspace():
            previous_space = started
            continue
        if previous_space:
            if folded == folded_offset:
                return index - 1  # the space before this word
            folded += 1
            previous_space = False
        started = True
        if folded == folded_offset:
            return index
        folded += len(char.translate(FOLD_TABLE))
    return len(value) if folded == folded_offset else None


def test_raw_indexes_give_raw_index_for_every_offset() -> None:
    """The one-pass map (behind raw_index) gives what a walk for one offset at a time gives,
    None included, for white space at either end, runs of it, quotes and dashes folded, and nothing."""
    values = ("  a  b\n c", "x\u2014y  z", "abc", "one\n  two three", "", "   ", " \u2018it\u2019s\u201d ",
              "a \u2013 b\t\u00a0c\r\n", "\u200bzero width", "\u2026 and \u00bd")
    for value in values:
        at = raw_indexes(value)
        for offset in range(len(fold(value)) + 3):
            assert at.get(offset) == _one_offset(value, offset), (value, offset)


def test_every_move_hint_names_a_field_the_record_has() -> None:
    """For every NHS-wording field, the advice names only fields of ours that its record's schema has."""
    import re

    from gpia.tools.guide import record_schema
    from gpia.validate.verbatim import WORDING_FIELDS, advice

    for kind, pattern, _ in WORDING_FIELDS:
        path = tuple(0 if p == "*" else p for p in pattern)
        named = re.findall(r"'([a-z_]+)'", advice(kind, path))
        holders = [record_schema(kind, tuple("*" if isinstance(p, int) else p for p in path[:i]))
                   for i in range(len(path))]
        fields = {f for h in holders for f in h.get("properties", {})}
        assert set(named) <= fields, (kind, pattern, named)


def test_a_wrong_answer_paragraph_is_reported_once(tmp_path: Path) -> None:
    """Not again by the document that places the question (its own wording is already wrong)."""
    root = copy_data(tmp_path / "kb")
    path = root / FAQ
    path.write_text(path.read_text(encoding="utf-8").replace("continue to deliver", "continue to delivr", 1),
                    encoding="utf-8")
    found = [str(p) for p in load_knowledge_base(root, SOURCES).problems]
    assert len(found) == 1 and found[0].startswith(f"{FAQ}:12:"), found
