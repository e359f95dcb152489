"""Our notes on what changed (clauses/changes.yaml): the rows each finds, and the mistakes a
maintainer can make in the file, with their exact messages and positions."""
from __future__ import annotations

from pathlib import Path

import pytest

from gpia.compare.changes import examples
from gpia.model.records import KnowledgeBase

from conftest import problems

FILE = "clauses/changes.yaml"


@pytest.mark.parametrize(("change", "pairs", "rows"), [
    ("change-mcp-becomes-icp", ["icp-2019-int-preventative-initiatives", "icp-2019-int-signposting",
                                "icp-2019-int-booking-system", "icp-2019-int-business-intelligence"],
     ["icp-2019-int-core-services-signposting"]),
    ("change-best-for-service", ["icp-2019-gov-best-for-service-decisions", "icp-2019-gov-unanimous-decisions"], []),
    ("change-co-produce-co-design", ["icp-2019-gov-co-design-with-service-users"], []),
    ("change-patients-service-users", ["icp-2019-int-anticipatory-care"], ["icp-2019-int-identification"]),
    # The Multidisciplinary teams row is not carried as a row, but its clinical hub bullet is.
    ("change-integration-rows-not-carried", [], ["mcp-2016-int-shared-vision"]),
    ("change-clinical-hub-clause-renumbered", ["icp-2019-int-unplanned-care-routes"], []),
])
def test_each_note_finds_its_rows(kb: KnowledgeBase, change: str, pairs: list[str], rows: list[str]) -> None:
    found = examples(kb)[change]
    assert [p.new.id for p in found.pairs] == pairs
    assert [(g.new_area or g.old_areas[0]).id for g in found.rows] == rows


def test_first_words_finds_the_bullets_that_dropped_them(kb: KnowledgeBase) -> None:
    found = examples(kb)["change-addressee-dropped"]
    assert len(found.pairs) == 16 and not found.rows
    for pair in found.pairs:
        assert any(o.text.startswith(("Practices", "GPs")) for o in pair.old), pair.new.id
        assert not pair.new.text.startswith(("Practices", "GPs")), pair.new.id


def _replace(root: Path, old: str, new: str) -> None:
    path = root / FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    find:\n      before: Co-produce\n      after: Co-design\n",
     "    find:\n      before: Co-produce\n      after: Co-design\n      first_words: [Practices]\n",
     "clauses/changes.yaml:37:7: 'find' must use exactly one way to find the rows (before and after, first_words, "
     "rows_not_carried, clause_renumbered), not before and after and first_words; keep one and write another "
     "change for the rest"),
    ("      before: Co-produce\n      after: Co-design\n", "      before: Co-produce\n",
     "clauses/changes.yaml:37:7: 'find' gives before without after; add after: the words the other version has "
     "instead"),
    ("    find:\n      first_words: [Practices, GPs]\n", "    find:\n      in_row_titles: true\n",
     "clauses/changes.yaml:22:7: 'in_row_titles' goes with before and after; add them or remove it"),
    ("    find:\n      clause_renumbered: true\n", "    find: {}\n",
     "clauses/changes.yaml:67:11: 'changes[6].find' is empty; fill in its fields (see the schema's description) "
     "or remove it"),
    ("      after: Co-design\n", "      after: Co-create\n",
     "clauses/changes.yaml:37:7: change 'change-co-produce-co-design' finds no bullet or row in the data, so "
     "/compare/ would not show it; check 'find' against the data (before and after are whole words, "
     "capitals as written), or remove the change"),
    ("    records: [term-service-user]\n", "    records: [term-service-users]\n",
     "clauses/changes.yaml:47:15: 'records' refers to 'term-service-users', but no term has that id; did you mean "
     "'term-service-user'?"),
])
def test_a_mistake_in_a_note_is_reported_exactly(data_copy: Path, old: str, new: str, expected: str) -> None:
    _replace(data_copy, old, new)
    assert problems(data_copy) == [expected]
