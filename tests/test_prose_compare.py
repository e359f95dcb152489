"""The comparison of the whole documents: the answers' blocks aligned with the older document's
passages (derives_from), grouped into kinds of change whose counts add up, and the rules for the links."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import problems
from gpia.compare.prose import KINDS, compare_prose, new_blocks, old_passages, section_counterparts

ESSENTIAL = "faq/02-essential-content.yaml"


def newest_pair(kb) -> tuple[str, str]:
    versions = list(kb.versions)
    return versions[-2], versions[-1]


def test_every_body_passage_and_block_is_in_exactly_one_change(kb):
    older, newer = newest_pair(kb)
    comparison = compare_prose(kb, older, newer)
    olds = [p.id for c in comparison.changes for p in c.old]
    news = [b.id for c in comparison.changes for b in c.new]
    assert sorted(olds) == sorted(p.id for p in old_passages(kb, older))
    assert sorted(news) == sorted(b.id for b in new_blocks(kb, newer))
    assert len(set(olds)) == len(olds) and len(set(news)) == len(news)
    # The counts add up: every change is of one kind.
    assert sum(comparison.count(k) for k in KINDS) == len(comparison.changes)


def test_the_alignment_as_reviewed(kb):
    older, newer = newest_pair(kb)
    kinds = {tuple(b.id for b in c.new) or tuple(p.id for p in c.old): c.kind for c in compare_prose(kb, older, newer).changes}
    # The purpose paragraph of 2016 became two paragraphs in 2019; the integration commitments' one
    # long paragraph became three; the two main functions are read item by item.
    assert kinds[("faq-purpose-of-gp-ia-p1", "faq-purpose-of-gp-ia-p2")] == "split"
    assert kinds[("faq-integration-commitments-p1", "faq-integration-commitments-p2",
                  "faq-integration-commitments-p3")] == "split"
    assert kinds[("faq-what-gp-ia-sets-out-p3",)] == "reworded"
    # Whole sections the 2016 overview has no counterpart for are new.
    for new in ("faq-who-is-gp-ia-for-p1", "faq-who-develops-gp-ia-p1", "faq-monitoring-gp-ia-p1",
                "faq-gp-ia-and-subcontracts-p1", "faq-gp-ia-and-la-ia-p1", "faq-integration-commitments-p4"):
        assert kinds[(new,)] == "new"


def test_a_list_read_item_by_item_redlines_each_item_against_its_own_passage(kb):
    older, newer = newest_pair(kb)
    change = next(c for c in compare_prose(kb, older, newer).changes if c.new and c.new[0].id == "faq-what-gp-ia-sets-out-p3")
    assert len(change.pairs) == 2
    second = change.redlines()[1]
    assert ("delete", "affected") in [(op.kind, op.text.strip()) for op in second]
    assert ("insert", "effected") in [(op.kind, op.text.strip()) for op in second]


def test_section_counterparts_come_from_the_alignment(kb):
    older, newer = newest_pair(kb)
    found = section_counterparts(kb, compare_prose(kb, older, newer))
    assert found["faq-purpose-of-gp-ia"] == ("mcp-2016-context",)
    assert found["faq-integration-commitments"] == ("mcp-2016-the-integration-commitments",)
    assert "faq-who-develops-gp-ia" not in found


LINK = "        derives_from: [mcp-2016-context-p3]\n"


@pytest.mark.parametrize("ancestor, message", [
    ("mcp-2016-context", "'derives_from' names 'mcp-2016-context', which is a heading of "
     "clauses/documents/mcp-2016-overview.yaml; name the body paragraphs or list items that this block rewrites"),
    ("mcp-2016-front-p1", "'derives_from' names 'mcp-2016-front-p1', which is front matter of "
     "clauses/documents/mcp-2016-overview.yaml; name the body paragraphs or list items that this block rewrites"),
    ("mcp-2016-context-p33", "'derives_from' refers to 'mcp-2016-context-p33', but no passage has that id; "
     "did you mean 'mcp-2016-context-p3'?"),
])
def test_a_link_to_what_is_not_older_body_prose_is_refused_where_it_is_written(data_copy: Path, ancestor, message):
    path = data_copy / ESSENTIAL
    text = path.read_text(encoding="utf-8")
    assert LINK in text
    path.write_text(text.replace(LINK, f"        derives_from: [{ancestor}]\n"), encoding="utf-8")
    line = text[: text.index(LINK)].count("\n") + 1
    assert problems(data_copy) == [f"{ESSENTIAL}:{line}:24: {message}"]


def test_a_link_to_the_newer_documents_own_text_is_refused(data_copy: Path):
    """A 2016 document passage is older; pointing the other way (the versions file reversed) is refused."""
    versions = data_copy / "clauses/versions.yaml"
    text = versions.read_text(encoding="utf-8")
    first, second = text.index("  - id: "), text.index("  - id: ", text.index("  - id: ") + 1)
    end = text.find("\ncomparisons:")
    end = len(text) if end < 0 else end + 1
    body = text[:first] + text[second:end].rstrip("\n") + "\n" + text[first:second].rstrip("\n") + "\n" + text[end:]
    versions.write_text(body, encoding="utf-8")
    found = [p for p in problems(data_copy) if "derives_from" in p and ESSENTIAL in p]
    assert found and all("which is not the document of an older version" in p for p in found)
