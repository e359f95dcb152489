"""The built schedule pages, schedules index, traceability view, checklist page and CSV download."""
from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import astuple
from pathlib import Path

import pytest

from gpia.model.checklist import HEADER, checklist_rows
from gpia.pages.checklist import checklist_csv
from gpia.sitemap import CHECKLIST_CSV as CSV_PATH
from gpia.knowledge_base import load_knowledge_base
from gpia.model.records import KnowledgeBase
from gpia.model.schedule_links import kpis_by_requirement, schedules_in_order
from gpia.views.schedules import EXAMPLE_LABEL

from conftest import NO_SOURCES, ROOT, SOURCES, copy_data, mkdocs_build, without_sic


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    loaded = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert loaded is not None
    return loaded


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def visible(markup: str) -> str:
    """Text as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    markup = without_sic(markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def cells(row: str) -> str:
    """A table row's cells as text, separated by ' | '."""
    return " | ".join(visible(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S))


def section(markup: str, anchor: str, next_anchor: str) -> str:
    """The markup between two headings' ids."""
    start = markup.index(f'id="{anchor}"')
    return markup[start:markup.index(f'id="{next_anchor}"', start)]


def test_every_schedule_page_has_its_blank_template_and_labelled_example(built_site: Path, kb: KnowledgeBase) -> None:
    for s in kb.schedules.values():
        markup = page(built_site, f"schedules/{s.id}")
        assert re.search(rf'<h1 id="{s.id}">', markup), s.id
        template = visible(section(markup, "template", "example"))
        example = markup[markup.index('id="example"'):]
        for f in s.fields:
            assert f'id="template-{f.id}"' in markup, (s.id, f.id)
            assert f.label in template and " ".join(f.guidance.split()) in template, (s.id, f.id)
            assert "To be completed locally" in template
        assert EXAMPLE_LABEL in visible(example), s.id
        assert s.example is not None
        for field_id, value in s.example.values.items():
            assert f'id="example-{field_id}"' in markup, (s.id, field_id)
            if isinstance(value, str):
                assert " ".join(value.split()) in visible(example), (s.id, field_id)
        assert f"<title>{html.escape(s.label, quote=False)} - " in markup, s.id


def test_schedule_3_page_shows_both_versions_and_both_clauses(built_site: Path) -> None:
    markup = page(built_site, "schedules/schedule-3-clinical-hub")
    points = section(markup, "points-here", "template")
    mcp = visible(section(points, "points-here-mcp-2016", "points-here-icp-2019"))
    assert "MCP 2016, 5. Multidisciplinary teams, bullet 2 leaves detail here:" in mcp
    assert "Placeholder: “[specific practice requirements set out in relevant schedule]”" in mcp
    assert '<mark class="gpia-placeholder">[specific practice requirements set out in relevant schedule]</mark>' in points
    assert 'href="../../clauses/clause-6-1-e/"' in points and 'href="../../clauses/clause-6-2-d/"' in points
    assert 'href="../../commitments/mcp-2016-int-multidisciplinary-teams/#mcp-2016-int-clinical-hub-model"' in points
    example = visible(markup[markup.index('id="example"'):])
    for practice in ("Millbrook Surgery", "Castle Street Medical Centre", "Ferry Lane Practice", "Orchard Road Health Centre"):
        assert practice in example
    assert "15 GP sessions a week" in example


def test_schedule_5_page_tells_a_mention_from_a_link_of_ours(built_site: Path) -> None:
    points = visible(section(page(built_site, "schedules/schedule-5-kpis"), "points-here", "template"))
    assert "FAQ How can the GP IA capture integration commitments? mentions this schedule." in points
    assert ("FAQ How would the terms of the GP IA be monitored? is linked here by us (its answer does not name "
            "this schedule).") in points
    assert "How would the terms of the GP IA be monitored? mentions" not in points


def test_a_version_that_does_not_point_at_a_schedule_says_so(built_site: Path) -> None:
    markup = page(built_site, "schedules/schedule-mdts")
    assert "Nothing in the ICP 2019 guidance points here." in visible(markup)


def traceability_pages(site: Path) -> str:
    """The traceability list's pages (25 entries a page), one after the other."""
    pages = [page(site, "traceability")]
    while (site / "traceability" / "pages" / str(len(pages) + 1) / "index.html").exists():
        pages.append(page(site, f"traceability/pages/{len(pages) + 1}"))
    return "".join(pages)


def test_schedule_5_page_anchors_every_indicator_and_the_traceability_view_links_them(
        built_site: Path, kb: KnowledgeBase) -> None:
    kpis = kb.schedules["schedule-5-kpis"].kpis
    markup = page(built_site, "schedules/schedule-5-kpis")
    trace = traceability_pages(built_site)
    for kpi in kpis:
        assert f'<section class="gpia-kpi" id="{kpi.id}"' in markup
        assert f'href="#{kpi.id}"' in markup  # from the summary table
        assert re.search(rf'href="(\.\./)+schedules/schedule-5-kpis/#{kpi.id}"', trace), kpi.id
    rows = {cells(m.group(1)) for m in re.finditer(r"<tr>(.*?)</tr>", markup, re.S)}
    assert "Hub requests triaged within two hours | at least 95% | Monthly | ICP clinical director" in rows
    assert ("Emergency admissions for conditions usually managed outside hospital | at most 14 admissions a year per "
            "1,000 patients | Quarterly | ICP performance lead") in rows
    evidenced = kpis_by_requirement(kb)
    assert len(re.findall(r'href="(?:\.\./)+schedules/schedule-5-kpis/#kpi-', trace)) == \
        sum(len(v) for v in evidenced.values())


def test_schedules_index_lists_every_schedule_with_versions_and_counts(built_site: Path, kb: KnowledgeBase) -> None:
    markup = page(built_site, "schedules")
    # In the order of schedules_in_order, each linking to its page; at x1 they fit on one page.
    linked = re.findall(r'<tr><td>[^<]*</td><td><a href="\.\./schedules/([^/"]+)/">', markup)
    assert linked == [s.id for s in schedules_in_order(kb)]
    assert "gpia-pager" not in markup
    assert f'<p class="gpia-provenance">{len(kb.schedules)} schedules. ' in markup
    assert ('<p class="gpia-reviewed" data-pagefind-ignore>Data: '
            + ", ".join(f"<code>{path}</code>" for path in sorted({s.path for s in kb.schedules.values()})) + "</p>") in markup
    rows = {cells(m.group(1)) for m in re.finditer(r"<tr>(.*?)</tr>", markup, re.S)}
    assert "3 | Clinical hub model | MCP 2016 and ICP 2019 | 1 | 5 | 11 (10 required) | —" in rows
    assert "5 | Key performance indicators and reporting | ICP 2019 | 0 | 2 | 6 (5 required) | 12" in rows
    assert "— | Running of multidisciplinary teams (MDTs) | MCP 2016 | 1 | 0 | 3 (3 required) | —" in rows


def test_clauses_page_keeps_a_pointer_to_schedules_and_the_clause_page_the_optional_wording_decision(
        built_site: Path, kb: KnowledgeBase) -> None:
    markup = page(built_site, "clauses")
    assert 'id="schedule-' not in markup and 'id="clause-' not in markup  # old anchors lead on (gpia.pages.moved)
    schedules = markup[markup.index('<h2 id="schedules">'):]
    assert 'see <a href="../schedules/">Schedules</a>' in schedules
    clause = page(built_site, "clauses/clause-4-1-b")
    decision = clause[clause.index('<h2 id="decision">'):]
    assert "Drafting note: a local decision (not NHS wording)" in visible(decision)
    assert "Your decision: include the wording / leave it out — To be completed locally" in visible(decision)
    assert '<a href="../../checklist/">local adaptation checklist</a>' in decision
    assert 'include it only by <a href="#decision">local decision</a>' in clause
    for other in ("clause-6-1-e", "clause-6-2-d"):  # no optional wording, no decision
        assert 'id="decision"' not in page(built_site, f"clauses/{other}")


def test_checklist_page_lists_every_placeholder_and_links_the_clause_4_1_b_decision(
        built_site: Path, kb: KnowledgeBase) -> None:
    # The entries in full: tests/test_requirement_pages.py.
    markup = page(built_site, "checklist")
    rows = checklist_rows(kb)
    assert len(rows) >= 10
    for row in rows:
        assert f'href="../{row.requirement_link}"' in markup, row.requirement_id
        assert f'href="../{row.template_link}"' in markup and f'href="../{row.example_link}"' in markup
    assert markup.count('<mark class="gpia-placeholder">') == len(rows)
    assert 'href="../data/local-schedules.csv"' in markup
    # The decision's own section is on the clause's page (gpia.views.schedules.decision_section).
    assert 'href="../clauses/clause-4-1-b/#decision"' in markup


def test_built_csv_is_the_checklist_rows(built_site: Path, kb: KnowledgeBase) -> None:
    data = (built_site / CSV_PATH).read_bytes()
    assert data.decode("utf-8") == checklist_csv(kb)
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert parsed[0] == list(HEADER)
    assert parsed[1:] == [[str(v) for v in astuple(r)] for r in checklist_rows(kb)]
    assert len(parsed) - 1 == sum(len(r.defers_to) for r in kb.requirements.values())


HOSTILE = "{{ 7*7 }} <script>alert('owned')</script> **bold**"


def test_schedule_data_is_escaped_on_its_pages(tmp_path: Path) -> None:
    root = copy_data(tmp_path / "kb")
    path = root / "clauses/schedules/schedule-5-kpis.yaml"
    text = path.read_text(encoding="utf-8")
    for old in ("      label: Reporting cycle\n", "          name: Data extracts delivered on time\n",
                "          to: The joint board and every practice\n", "    site: Riverside Health Partnership\n"):
        assert text.count(old) == 1, old
        key = old.split(":")[0]
        text = text.replace(old, f'{key}: "{HOSTILE}"\n')
    path.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(site, root, NO_SOURCES)
    assert result.returncode == 0, result.stderr
    for markup in (page(site, "schedules/schedule-5-kpis"), traceability_pages(site)):
        assert "<script>alert(" not in markup and "<strong>bold</strong>" not in markup
        assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in markup
        assert HOSTILE in visible(markup)  # shown literally: not run by Jinja, not read as HTML or Markdown
