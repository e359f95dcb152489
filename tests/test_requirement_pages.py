"""A page per requirement row (governance/<area-id>/, commitments/<area-id>/) and the paged lists of
rows, traceability and the local adaptation checklist (issue #7: no page grows with the corpus)."""
from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest

from gpia.pages.build_views import build_views
from gpia.model.checklist import checklist_rows
from gpia.compare.redline import compare_url
from gpia.pages.generated import generated_files
from gpia.model.records import KnowledgeBase
from gpia.model.schedule_links import kpis_by_requirement, trace_rows
from gpia.model.urls import relative_base, url_of
from gpia.views import requirements
from gpia.views.pages import LISTINGS, RECORD_PAGES, listing_page

from conftest import page, visible

# Tooltips on version labels (added to each finished page by gpia.views.html.Abbreviations).
MCP = '<abbr title="multispecialty community provider">MCP</abbr>'
ICP = '<abbr title="integrated care provider">ICP</abbr>'


def list_pages(site: Path, folder: str) -> list[str]:
    """Every page of a paged list: the folder, then folder/pages/2/, 3/, ..."""
    found = [page(site, folder)]
    n = 2
    while (site / folder / "pages" / str(n) / "index.html").exists():
        found.append(page(site, f"{folder}/pages/{n}"))
        n += 1
    return found


# ---- a page per row ---------------------------------------------------------------------------

def test_every_row_has_its_page_with_its_bullets_verbatim_and_their_anchors(built_site: Path, kb: KnowledgeBase) -> None:
    for area in kb.areas.values():
        url = url_of(kb, area.id)
        assert url == f"{'governance' if kb.tables[area.table].kind == 'governance' else 'commitments'}/{area.id}/"
        markup = page(built_site, url.rstrip("/"))
        version = kb.versions[area.version].label
        heading = re.search(rf'<h1 id="{area.id}">(.*?)</h1>', markup, re.S)
        assert heading, area.id
        assert visible(heading.group(1)) == f"{version}, row {area.row.rstrip('.')}: {area.title}¶"
        assert f"<title>{html.escape(f'{version}, row {area.row.rstrip(chr(46))}: {area.title}', quote=False)} - " \
            in markup
        for r in area.requirements:
            item = re.search(rf'<li id="{r.id}" class="gpia-requirement"[^>]*>(.*?)</ul>', markup, re.S)
            assert item, r.id
            assert " ".join(r.text.split()) in visible(item.group(1)), r.id
            assert f'href="#{r.id}"' in item.group(1)
            assert f'href="../../{compare_url(kb, r.id)}">Compare with ' in item.group(1), r.id
        assert f'href="../../{url.split("/")[0]}/">' in markup  # back to the list


def test_a_row_page_says_where_it_comes_from_and_links_round(built_site: Path, kb: KnowledgeBase) -> None:
    markup = page(built_site, "commitments/mcp-2016-int-multidisciplinary-teams")
    assert ('<p class="gpia-provenance" data-pagefind-ignore>Row 5 as printed in “The integration commitments”, the '
            f"{MCP} 2016 table quoted verbatim from ") in markup
    nav = markup[markup.index('<nav class="gpia-row-links"'):]
    links = [visible(li) for li in re.findall(r"<li>(.*?)</li>", nav[:nav.index("</nav>")])]
    assert links == ["Previous row: 4. Participation in and signposting to core MCP services",
                     "Next row: 6. Shared systems and access to information",
                     "Compare this row with ICP 2019",
                     "Every row of both versions: Integration commitments (this table: MCP 2016 integration table)"]
    assert 'href="../../commitments/#mcp-2016-integration"' in markup
    assert f'href="../../{compare_url(kb, "mcp-2016-int-multidisciplinary-teams")}"' in markup
    bullet = markup[markup.index('id="mcp-2016-int-clinical-hub-model"'):]
    assert ('Detail left to a schedule: <a href="../../schedules/schedule-3-clinical-hub/">Schedule 3: Clinical hub '
            "model</a>") in bullet
    assert 'href="../../schedules/schedule-5-kpis/#kpi-hub-triage-time">Hub requests triaged within two hours</a>' \
        in bullet[:bullet.index("</li></ul>")]
    assert '<p class="gpia-reviewed" data-pagefind-ignore>Last reviewed ' in markup


def test_the_record_page_macro_knows_rows_only(kb: KnowledgeBase) -> None:
    view = build_views(kb).view("../../")
    ids, render = RECORD_PAGES["area"]
    assert set(ids(kb)) == set(kb.areas)
    assert render(view, "icp-2019-gov-decision-making").startswith(
        "# ICP 2019, row 3: Decision making { #icp-2019-gov-decision-making }\n\n")


# ---- the lists of rows ------------------------------------------------------------------------------

@pytest.mark.parametrize(("folder", "kind"), [("governance", "governance"), ("commitments", "integration")])
def test_the_list_page_has_each_tables_intro_and_links_every_row(built_site: Path, kb: KnowledgeBase, folder: str,
                                                                 kind: str) -> None:
    markup = page(built_site, folder)
    assert "gpia-pager" not in markup  # both versions' rows fit on one page
    tables = [t for t in kb.tables.values() if t.kind == kind]
    for t in tables:
        version = kb.versions[t.version].label
        heading = re.search(rf'<h3 id="{t.id}">(.*?)</h3>', markup, re.S)
        assert heading and visible(heading.group(1)) == f"{version}: {t.section}¶"
        bullets = sum(len(a.requirements) for a in t.areas)
        assert f"“{t.section}”: {len(t.areas)} rows and {bullets} requirements." in visible(markup)
        group = markup.index(f'<h2 class="gpia-list-group" id="list-{t.id}"><a href="../{folder}/#{t.id}">')
        for a in t.areas:
            n = len(a.requirements)
            entry = re.search(rf'<li><a href="\.\./{folder}/{a.id}/">(.*?)</a> <span class="gpia-count">(.*?)</span></li>',
                              markup)
            assert entry, a.id
            assert (visible(entry.group(1)), entry.group(2)) == (f"{a.row} {a.title}", f"({n} bullet{'s' if n != 1 else ''})")
            assert entry.start() > group
    assert re.search(r'<p class="gpia-reviewed" data-pagefind-ignore>Data: <code>clauses/requirements/', markup)


def test_rows_are_paged_in_table_order_with_continued_groups(kb: KnowledgeBase) -> None:
    view = build_views(kb).view(relative_base("commitments/pages/3/"))
    rows = replace(requirements.listing(kb, "integration"), per_page=4)
    assert rows.page_count == 4
    third = rows.render(view, 3)  # the current version's rows first: ICP 2019 fills pages 1-2, then MCP 2016 rows 2 to 5
    assert third.startswith('<h2 class="gpia-list-group" id="list-mcp-2016-integration">'
                            '<a href="../../../commitments/#mcp-2016-integration">')
    assert '(continued)</span></h2><ul class="gpia-listing" data-search-exclude><li><a href="../../../commitments/mcp-2016-int-' in third
    assert "list-icp-2019-integration" not in third
    assert third.count("<li>") == 4 + 4  # four entries and the pager's four links
    assert "Page 3 of 4: entries 9 to 12 of 16." in third


def test_at_ten_times_the_data_rows_and_lists_are_pages_of_fixed_size(kb10: KnowledgeBase) -> None:
    files = {f.uri: f.spec for f in generated_files(kb10)}
    for area in kb10.areas:
        assert files[url_of(kb10, area).rstrip("/") + ".md"] == {"record": "area", "id": area}
    for name in ("governance", "commitments", "traceability", "checklist"):
        listing = LISTINGS[name](kb10)
        assert listing.per_page == 25 and listing.page_count == -(-len(listing.items) // 25) > 1, name
        for n in range(2, listing.page_count + 1):
            assert files[f"{name}/pages/{n}.md"] == {"list": name, "page": n}
        assert f"{name}/pages/{listing.page_count + 1}.md" not in files
    view = build_views(kb10).view(relative_base("commitments/pages/2/"))
    second = listing_page(view, "commitments", 2)
    assert second.startswith("# Integration commitments, page 2 of 7\n\n")
    assert second.count('<span class="gpia-count">') == 25


# ---- traceability -------------------------------------------------------------------------------

def test_traceability_lists_every_row_over_its_pages(built_site: Path, kb: KnowledgeBase) -> None:
    pages = list_pages(built_site, "traceability")
    assert len(pages) == 2  # 25 a page
    first = visible(pages[0])
    rows = trace_rows(kb)
    assert (f"{len(rows)} requirements (19 of ICP 2019, 23 of MCP 2016) leave detail to a schedule or are "
            "evidenced by an indicator of the worked example; 0 of them have a placeholder but no indicator yet."
            in first)
    markup = "".join(pages)
    for row in rows:
        r = row.requirement
        assert f'href="{"../" if r.id in pages[0] else "../../../"}{url_of(kb, r.id)}"' in markup, r.id
    # On whichever page the current-first order puts it (a later page links from three folders down).
    hub = url_of(kb, "mcp-2016-int-clinical-hub-model")
    holder = next(p for p in pages if f'{hub}"' in p)
    entry = holder[holder.index(f'{hub}"'):]
    entry = entry[:entry.index("</li>")]
    assert ('<q class="gpia-verbatim" data-pagefind-ignore>GPs will support the clinical hub model where agreed by '
            in entry)
    assert visible(entry).endswith("Schedule: Schedule 3: Clinical hub model. Indicators (illustrative example — not "
                                   "NHS wording): Hub requests triaged within two hours.")
    evidenced = kpis_by_requirement(kb)
    assert len(re.findall(r'href="(?:\.\./)+schedules/schedule-5-kpis/#kpi-', markup)) == \
        sum(len(v) for v in evidenced.values())
    assert (f'<h2 class="gpia-list-group" id="list-mcp-2016">{MCP} 2016 (superseded) requirements '
            '<span class="gpia-continued">(continued)</span></h2>') in pages[1]


# ---- the local adaptation checklist ----------------------------------------------------------------

def test_checklist_lists_every_placeholder_then_schedules_named_without_one_then_decisions(
        built_site: Path, kb: KnowledgeBase) -> None:
    markup = page(built_site, "checklist")
    assert "gpia-pager" not in markup
    rows = checklist_rows(kb)
    for row in rows:
        assert f'href="../{row.requirement_link}"' in markup, row.requirement_id
        assert f'href="../{row.template_link}"' in markup and f'href="../{row.example_link}"' in markup
    assert markup.count('<mark class="gpia-placeholder">') == len(rows)
    assert markup.count('<q class="gpia-verbatim" data-pagefind-ignore>') == len({r.requirement_id for r in rows})
    assert 'href="../data/local-schedules.csv"' in markup
    groups = re.findall(r'<h2 class="gpia-list-group" id="(.*?)">(.*?)</h2>', markup)
    assert groups == [("list-placeholders-icp-2019", f"{ICP} 2019: placeholders to complete"),
                      ("list-placeholders-mcp-2016", f"{MCP} 2016 (superseded): placeholders to complete"),
                      ("list-named-icp-2019", f"{ICP} 2019: schedules named without a placeholder"),
                      ("list-decisions", "Optional wording to decide on")]
    named = markup[markup.index(f"{ICP} 2019: schedules named without a placeholder"):
                   markup.index("Optional wording to decide on")]
    assert [visible(e) for e in re.findall(r"<li>(.*?)</li>", named)] == [
        "Schedule 3: Clinical hub model, named by Clause 6.2(d) (ICP 2019): Clinical hub model, How can the GP IA "
        "capture integration commitments?; linked here by us from ICP 2019, 1. Agreement of common protocols, "
        "bullet 2 (Blank template · Illustrative example)",
        # The monitoring FAQ never names Schedule 5: its link is ours, not a mention.
        "Schedule 5: Key performance indicators and reporting, named by How can the GP IA capture integration "
        "commitments?; linked here by us from How would the terms of the GP IA be monitored? (Blank template · "
        "Illustrative example)",
        "Care model (schedule inserted from the ICP Contract), named by How can the GP IA capture integration "
        "commitments? (Blank template · Illustrative example)",
    ]
    decision = markup[markup.index("Optional wording to decide on"):]
    assert (f'<li><a href="../clauses/clause-4-1-b/#decision">Decide on clause 4.1(b) ({ICP} 2019): Conditional '
            "commencement (optional wording)</a>") in decision

