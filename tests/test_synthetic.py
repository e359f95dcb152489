"""The synthetic corpus `make bench` builds from: valid, and N times the real knowledge base.

Checked at x3 (fast); the generator treats every scale the same way.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from gpia.knowledge_base import load_knowledge_base
from gpia.model.kinds import KINDS, counts
from gpia.model.records import KnowledgeBase
from gpia.tools.synthetic import generate

from conftest import ROOT, SOURCES

SCALE = 3
# The kinds the registry marks as not cloned: sources, versions and their comparisons (the versions
# compared stay the same), so neither the printed tables, which gain the cloned rows instead, nor the
# whole texts; and the short curated lists (notes on changes, guidance, the checklist).
FIXED = tuple(k.records for k in KINDS if k.records and not k.cloned)
assert FIXED == ("sources", "versions", "comparisons", "tables", "changes", "documents", "passages", "guidance",
                 "decisions")


@pytest.fixture(scope="module")
def real() -> KnowledgeBase:
    result = load_knowledge_base(ROOT, SOURCES)
    assert result.problems == []
    assert result.knowledge_base is not None
    return result.knowledge_base


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, KnowledgeBase]:
    out = generate(ROOT, tmp_path_factory.mktemp("synthetic") / f"kb-x{SCALE}", SCALE)
    result = load_knowledge_base(out, SOURCES)
    # Every message, so a failure says which rule the generator broke.
    assert [str(p) for p in result.problems] == []
    assert result.verbatim_checked, "the wording check must run on the synthetic corpus too"
    assert result.knowledge_base is not None
    return out, result.knowledge_base


def test_x3_has_three_times_every_record_that_multiplies(real: KnowledgeBase, synthetic) -> None:
    _, kb = synthetic
    expected = {kind: n if kind in FIXED else SCALE * n for kind, n in counts(real).items()}
    assert counts(kb) == expected
    assert len(kb.requirements) == SCALE * len(real.requirements)
    assert len(kb.questions) == SCALE * len(real.questions)
    assert len(kb.schedules) == SCALE * len(real.schedules)


def _in_clone(kb: KnowledgeBase, record_id: str, k: int) -> str:
    """The id a reference to record_id has in clone k: its own copy, or the one record not cloned."""
    return record_id if record_id in (*kb.sources, *kb.versions, *kb.tables) else f"{record_id}-s{k}"


def test_each_clone_points_at_its_own_copies(real: KnowledgeBase, synthetic) -> None:
    _, kb = synthetic
    for original in real.requirements.values():
        clone = kb.requirements[f"{original.id}-s2"]
        assert clone.text == original.text
        assert clone.derives_from == tuple(_in_clone(real, i, 2) for i in original.derives_from)
        assert [d.schedule for d in clone.defers_to] == [_in_clone(real, d.schedule, 2) for d in original.defers_to]
        assert clone.related == tuple(_in_clone(real, i, 2) for i in original.related)
    for original in real.questions.values():
        clone = kb.questions[f"{original.id}-s3"]
        assert clone.relates_to == tuple(_in_clone(real, i, 3) for i in original.relates_to)
    for original in real.schedules.values():
        clone = kb.schedules[f"{original.id}-s3"]
        assert clone.number is None  # schedule numbers are unique: only the real schedule keeps its number
        assert [k.id for k in clone.kpis] == [f"{k.id}-s3" for k in original.kpis]
        assert [k.evidences for k in clone.kpis] == [tuple(_in_clone(real, r, 3) for r in k.evidences)
                                                      for k in original.kpis]
    assert any(original.kpis for original in real.schedules.values()), "the real data has indicators to clone"
    assert any(r.derives_from for r in real.requirements.values()), "the real data has alignments to clone"


def test_clones_keep_the_editor_modeline(synthetic) -> None:
    out, _ = synthetic
    for original in sorted((ROOT / "faq").glob("*.yaml")):
        first = original.read_text(encoding="utf-8").splitlines()[0]
        clone = out / "faq" / f"{original.stem}-s2.yaml"
        assert clone.read_text(encoding="utf-8").splitlines()[0] == first
