"""Current first: the lists lead with the newest version, and older versions are labelled superseded.
Which version is newest comes from the data (the order of clauses/versions.yaml), not from the code."""
from __future__ import annotations

from pathlib import Path

from conftest import page as built_page

from gpia.model.checklist import checklist_rows
from gpia.model.current import newest_first, version_heading
from gpia.knowledge_base import load_or_raise
from gpia.model.records import KnowledgeBase
from gpia.views.requirements import tables_of
from gpia.views.schedules import checklist_listing, traceability_listing


def test_lists_lead_with_the_last_version_of_versions_yaml(kb: KnowledgeBase) -> None:
    newest = list(kb.versions)[-1]
    assert newest_first(kb)[0] == newest
    assert checklist_rows(kb)[0].version == kb.versions[newest].label
    assert traceability_listing(kb).items[0].group == newest
    assert checklist_listing(kb).items[0].group == f"placeholders-{newest}"
    for kind in ("governance", "integration"):
        assert tables_of(kb, kind)[0].version == newest
    older = [v for v in kb.versions if v != newest]
    assert all(version_heading(kb, v).endswith("(superseded)") for v in older)
    assert version_heading(kb, newest) == kb.versions[newest].label


def test_the_order_follows_the_data(data_copy: Path) -> None:
    path = data_copy / "clauses" / "versions.yaml"
    text = path.read_text(encoding="utf-8")
    versions, comparisons = text.split("comparisons:")
    head, first, second = versions.split("  - id: ")
    path.write_text(head + "  - id: " + second.rstrip("\n") + "\n  - id: " + first.rstrip("\n") + "\ncomparisons:"
                    + comparisons, encoding="utf-8")
    swapped = load_or_raise(data_copy, check_wording=False)
    assert newest_first(swapped)[0] == "mcp-2016"
    assert tables_of(swapped, "governance")[0].version == "mcp-2016"


def test_the_pages_say_superseded(built_site: Path) -> None:
    for path in ("checklist/", "traceability/", "governance/", "commitments/"):
        html = built_page(built_site, path)
        assert html.index("ICP</abbr> 2019") < html.index("MCP</abbr> 2016 (superseded)"), path
