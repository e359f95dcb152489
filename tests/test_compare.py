"""The 2016 ↔ 2019 comparison: tokens, redline HTML, change kinds and counts, /compare/ and the
page of each row group (compare/<group-page-id>/)."""
from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest

from gpia.compare.redline import (Op, area_groups, compare, compare_url, comparison_pages, derived_kind, descendants,
                          group_page_id, groups_by_page, per_ancestor, redline, tokenise)
from gpia.compare.tokens import tokens
from gpia.pages.generated import generated_files
from gpia.knowledge_base import load_or_raise
from gpia.model.records import KnowledgeBase
from gpia.tools.synthetic import generate
from gpia.model.urls import url_of
from gpia.pages.build_views import build_views
from gpia.views.compare import GROUPS_PER_PAGE, compare_page, group_page, listing, what_changed
from gpia.views.pages import record_page
from gpia.views.redline import render_redline

from conftest import ROOT, SOURCES, without_sic

DEL = '<del class="gpia-del"><span class="gpia-sr-only">deleted: </span>'
INS = '<ins class="gpia-ins"><span class="gpia-sr-only">inserted: </span>'
# Tooltips on version labels (added to each finished page by gpia.views.html.Abbreviations).
MCP = '<abbr title="multispecialty community provider">MCP</abbr>'
ICP = '<abbr title="integrated care provider">ICP</abbr>'


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_or_raise(ROOT, SOURCES)


def test_tokens_keep_words_whole_and_split_off_spaces_quotes_and_punctuation() -> None:
    assert tokenise("Co-produce 'best' (where appropriate).") == [
        "Co-produce", " ", "'", "best", "'", " ", "(", "where", " ", "appropriate", ")", "."]


@pytest.mark.parametrize("text, expected", [
    ("co-ordinated decision-making", ["co-ordinated", " ", "decision-making"]),
    ("the practice’s and users' views", ["the", " ", "practice’s", " ", "and", " ", "users", "'", " ", "views"]),
    ("clauses 6.2(d) and 4.1(b)(ii).", ["clauses 6.2(d)", " ", "and", " ", "4.1(b)(ii)", "."]),
    ("see 6.2(d), then", ["see", " ", "6.2(d)", ",", " ", "then"]),
    ("in Schedule 5, row 3.", ["in", " ", "Schedule 5", ",", " ", "row 3", "."]),
    ("95% of 1,000 in 2.5 days (£1,500) in 2019.",
     ["95%", " ", "of", " ", "1,000", " ", "in", " ", "2.5", " ", "days", " ", "(", "£1,500", ")", " ", "in", " ",
      "2019", "."]),
    ("a 2nd go, then 3, 4", ["a", " ", "2nd", " ", "go", ",", " ", "then", " ", "3", ",", " ", "4"]),
    ("what?—x_y", ["what", "?", "—", "x", "_", "y"]),
])
def test_whole_word_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected
    assert "".join(tokens(text)) == text


def test_tokens_give_back_every_character(kb: KnowledgeBase) -> None:
    texts = [r.text for r in kb.requirements.values()] + ["  a--b ''x'' 1..2 (( 6.2(d ) ", "\t\n", ""]
    for text in texts:
        assert "".join(tokens(text)) == text


def test_a_hyphenated_word_is_replaced_whole() -> None:
    assert redline("Co-produce with others", "Co-design with others") == (
        Op("delete", "Co-produce"), Op("insert", "Co-design"), Op("equal", " with others"))


def test_a_clause_reference_or_number_is_replaced_whole() -> None:
    assert redline("under clause 6.2(d) for 2.5 days", "under clause 6.2(e) for 3.5 days") == (
        Op("equal", "under "), Op("delete", "clause 6.2(d)"), Op("insert", "clause 6.2(e)"), Op("equal", " for "),
        Op("delete", "2.5"), Op("insert", "3.5"), Op("equal", " days"))
    assert redline("see 4.1(b) and then Schedule 5", "see 4.1(c) and then Schedule 6") == (
        Op("equal", "see "), Op("delete", "4.1(b)"), Op("insert", "4.1(c)"), Op("equal", " and then "),
        Op("delete", "Schedule 5"), Op("insert", "Schedule 6"))


def test_a_punctuation_only_change_is_found_and_marked() -> None:
    ops = redline("simplified integrated routes", "simplified, integrated routes")
    assert ops == (Op("equal", "simplified"), Op("insert", ","), Op("equal", " integrated routes"))
    assert render_redline(ops) == (
        'simplified<ins class="gpia-ins gpia-punct"><span class="gpia-sr-only">inserted: </span>,</ins>'
        " integrated routes")
    assert render_redline(redline("Is it agreed", "Is it agreed?")) == (
        'Is it agreed<ins class="gpia-ins gpia-punct"><span class="gpia-sr-only">inserted: </span>?</ins>')
    assert render_redline(redline("a, b", "a b")) == (
        'a<del class="gpia-del gpia-punct"><span class="gpia-sr-only">deleted: </span>,</del> b')


def test_a_word_change_is_not_marked_as_punctuation() -> None:
    assert "gpia-punct" not in render_redline(redline("a b.", "a c."))


def test_without_marks_the_renderer_writes_plain_del_and_ins() -> None:
    ops = redline("Is it agreed", "Is it agreed now?")
    assert render_redline(ops, marks=False) == "Is it agreed<ins> now?</ins>"


def test_a_merged_redline_is_cut_into_one_part_per_ancestor() -> None:
    old = ["Practices will support routes where agreed with the MCP", "GPs will support the hub model"]
    ops = redline(" ".join(old), "Develop routes where agreed")
    assert per_ancestor(ops, [len(t) for t in old]) == (
        (Op("delete", "Practices will support"), Op("insert", "Develop"), Op("equal", " routes where agreed"),
         Op("delete", " with the MCP")),
        (Op("delete", "GPs will support the hub model"),))
    # A run that spans the cut is divided there, and the joining space belongs to neither part.
    ops = redline("One two three. Four five.", "One two and four five six.")
    assert per_ancestor(ops, [len("One two three."), len("Four five.")]) == (
        (Op("equal", "One two "), Op("delete", "three.")),
        (Op("delete", "Four"), Op("insert", "and four"), Op("equal", " five"), Op("insert", " six"), Op("equal", ".")))


def test_every_merged_pair_is_cut_into_its_ancestors_texts(kb: KnowledgeBase) -> None:
    merged = [p for p in compare(kb).pairs if len(p.old) > 1]
    assert merged
    for pair in merged:
        parts = per_ancestor(pair.redline, [len(o.text) for o in pair.old])
        assert ["".join(op.text for op in part if op.kind != "insert") for part in parts] == [o.text for o in pair.old]
        new = "".join(op.text for part in parts for op in part if op.kind != "delete")
        assert " ".join(new.split()) == " ".join(pair.new.text.split()), pair.new.id


# Golden redlines: the two texts (as printed in 2016 and 2019) beside the exact HTML they give.
GOLDEN = [
    ("co-produce becomes co-design",
     "Co-produce with others, especially service users, families and carers, in designing and delivering the service",
     "Co-design with others, especially service users, families and carers, the delivery of the services",
     f"{DEL}Co-produce</del>{INS}Co-design</ins> with others, especially service users, families and carers, "
     f"{DEL}in designing and delivering the service</del>{INS}the delivery of the services</ins>"),
    ("best for service becomes the defined term",
     "Commit to work together and to make system decisions on a 'best for service' basis",
     "Commit to work together and to make system decisions on a Best for Service basis",
     "Commit to work together and to make system decisions on a "
     f"{DEL}&#x27;best for service&#x27;</del>{INS}Best for Service</ins> basis"),
    ("a clause of the 2016 text left out at the end",
     "GPs work towards reducing variation and unnecessary admissions (where appropriate) by agreeing a common set "
     "of pathways and protocols with the MCP",
     "Work towards reducing variation and unnecessary admissions (where appropriate)",
     f"{DEL}GPs work</del>{INS}Work</ins> towards reducing variation and unnecessary admissions (where appropriate)"
     f"{DEL} by agreeing a common set of pathways and protocols with the MCP</del>"),
    ("a long unchanged phrase stays unchanged between two rewrites",
     "Practices need to be party to a 'data sharing agreement' with the MCP setting out how all key data will be "
     "available to inform decision-making",
     "Be a party to agreements to share data with each other setting out how all key data will be available to "
     "inform decision-making",
     f"{DEL}Practices need to be party to a &#x27;data sharing agreement&#x27; with the MCP</del>"
     f"{INS}Be a party to agreements to share data with each other</ins> setting out how all key data will be "
     "available to inform decision-making"),
    ("markup in data is escaped, never passed through",
     'Take <b>care</b> & "x"', "Take <i>care</i> & 'x'",
     f"Take &lt;{DEL}b</del>{INS}i</ins>&gt;care&lt;/{DEL}b</del>{INS}i</ins>&gt; &amp; "
     f"{DEL}&quot;x&quot;</del>{INS}&#x27;x&#x27;</ins>"),
    ("identical texts have no marks", "Adhere to local transfers of care protocols",
     "Adhere to local transfers of care protocols", "Adhere to local transfers of care protocols"),
]


@pytest.mark.parametrize("old, new, expected", [g[1:] for g in GOLDEN], ids=[g[0] for g in GOLDEN])
def test_redline_html_is_exact(old: str, new: str, expected: str) -> None:
    assert render_redline(redline(old, new)) == expected


def test_redline_ops_are_structured() -> None:
    assert redline("on a 'best for service' basis", "on a Best for Service basis") == (
        Op("equal", "on a "), Op("delete", "'best for service'"), Op("insert", "Best for Service"),
        Op("equal", " basis"))
    assert redline("", "added") == (Op("insert", "added"),)


def test_every_real_redline_keeps_both_texts_whole(kb: KnowledgeBase) -> None:
    for pair in compare(kb).pairs:
        old = "".join(op.text for op in pair.redline if op.kind != "insert")
        new = "".join(op.text for op in pair.redline if op.kind != "delete")
        assert old == " ".join(o.text for o in pair.old), pair.new.id
        assert new == pair.new.text, pair.new.id


REWORDED_GOVERNANCE = {"icp-2019-gov-best-for-service-decisions", "icp-2019-gov-collective-risk-ownership",
                       "icp-2019-gov-co-design-with-service-users", "icp-2019-gov-unanimous-decisions"}
# The clinical hub bullet of the 2016 Multidisciplinary teams row continues in the 2019 unplanned care bullet
# ("... including through the use of clinical hubs where agreed"); the staff learning programme has no successor.
MERGED = {"icp-2019-int-unplanned-care-routes": ("mcp-2016-int-unplanned-care-routes", "mcp-2016-int-clinical-hub-model"),
          "icp-2019-int-workforce-strategy": ("mcp-2016-int-workforce-strategy", "mcp-2016-int-primary-care-resources")}
DROPPED = ["mcp-2016-int-agree-shared-vision", "mcp-2016-int-mdt-working", "mcp-2016-int-staff-learning-programme"]


def test_change_kinds_are_computed_from_the_alignment(kb: KnowledgeBase) -> None:
    kinds = {p.new.id: p.kind for p in compare(kb).pairs}
    expected = {}
    for r in kb.requirements_of("icp-2019"):
        if kb.tables[r.table].kind == "governance":
            expected[r.id] = "reworded" if r.id in REWORDED_GOVERNANCE else "unchanged"
        else:
            expected[r.id] = "merged" if r.id in MERGED else "reworded"
    assert kinds == expected
    assert {p.new.id: tuple(o.id for o in p.old) for p in compare(kb).pairs if p.kind == "merged"} == MERGED


def test_counts_per_kind_come_from_the_data(kb: KnowledgeBase) -> None:
    assert compare(kb, "governance").counts() == {
        "unchanged": 5, "reworded": 4, "moved": 0, "merged": 0, "split": 0, "new": 0, "dropped": 0}
    assert compare(kb, "integration").counts() == {
        "unchanged": 0, "reworded": 15, "moved": 0, "merged": 2, "split": 0, "new": 0, "dropped": 3}
    assert [r.id for r in compare(kb).dropped] == DROPPED


def test_same_words_in_another_place_is_moved_and_one_into_two_is_split(kb: KnowledgeBase) -> None:
    new = kb.requirements["icp-2019-gov-system-outcomes"]
    old = kb.requirements["mcp-2016-gov-system-outcomes"]
    children = descendants(kb)
    assert derived_kind(kb, new, (old,), children) == "unchanged"
    # Same words, printed as bullet 2 of its row: moved.
    assert derived_kind(kb, dataclasses.replace(new, bullet=2), (old,), children) == "moved"
    # Same words, in a row with another number (governance row 2): moved.
    assert derived_kind(kb, dataclasses.replace(new, area="icp-2019-gov-working-together"), (old,), children) == "moved"
    # The 2016 bullet also feeds another 2019 bullet: split, whatever the words.
    split = dict(children, **{old.id: (new.id, "icp-2019-gov-best-possible-care")})
    assert derived_kind(kb, new, (old,), split) == "split"


def test_change_in_the_yaml_overrides_the_derived_kind(data_copy: Path) -> None:
    path = data_copy / "clauses/requirements/icp-2019-integration.yaml"
    text = path.read_text(encoding="utf-8")
    link = "        derives_from: [mcp-2016-int-transfers-of-care]\n"
    assert text.count(link) == 1
    path.write_text(text.replace(link, link + "        change: moved\n"), encoding="utf-8")
    kb = load_or_raise(data_copy, check_wording=False)
    pair = next(p for p in compare(kb).pairs if p.new.id == "icp-2019-int-transfers-of-care")
    assert (pair.kind, pair.derived_kind) == ("moved", "reworded")
    assert compare(kb, "integration").counts()["moved"] == 1
    assert compare(kb, "integration").counts()["reworded"] == 14


def test_rows_are_grouped_in_2016_order_with_dropped_rows_in_place(kb: KnowledgeBase) -> None:
    groups = [([a.id for a in g.old_areas], g.new_area.id if g.new_area else None, [r.id for r in g.dropped])
              for g in area_groups(kb, "integration")]
    assert groups == [
        (["mcp-2016-int-shared-vision"], None, ["mcp-2016-int-agree-shared-vision"]),
        # The Multidisciplinary teams row has no 2019 row, but its clinical hub bullet went to common protocols.
        (["mcp-2016-int-common-protocols", "mcp-2016-int-multidisciplinary-teams"], "icp-2019-int-common-protocols",
         ["mcp-2016-int-mdt-working"]),
        (["mcp-2016-int-identification"], "icp-2019-int-identification", []),
        (["mcp-2016-int-core-services-signposting"], "icp-2019-int-core-services-signposting", []),
        (["mcp-2016-int-shared-systems"], "icp-2019-int-shared-systems", []),
        (["mcp-2016-int-estates-plan"], "icp-2019-int-estates-plan", []),
        (["mcp-2016-int-workforce"], "icp-2019-int-workforce", ["mcp-2016-int-staff-learning-programme"]),
        (["mcp-2016-int-access"], "icp-2019-int-access", []),
    ]


# The built pages: /compare/ and a page per row group.

GROUP_PAGES = ["icp-2019-gov-shared-vision-outcomes", "icp-2019-gov-working-together", "icp-2019-gov-decision-making",
               "mcp-2016-int-shared-vision", "icp-2019-int-common-protocols", "icp-2019-int-identification",
               "icp-2019-int-core-services-signposting", "icp-2019-int-shared-systems", "icp-2019-int-estates-plan", "icp-2019-int-workforce", "icp-2019-int-access"]


def _page(site: Path, page: str = "compare/") -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def _group_pages(site: Path) -> dict[str, str]:
    """Every built compare/<id>/ page but the later pages of the list and the hand-written
    comparison of the whole documents (docs/compare/text.md), by id."""
    return {path.parent.name: path.read_text(encoding="utf-8") for path in sorted((site / "compare").glob("*/index.html"))
            if path.parent.name not in ("pages", "text")}


def _section(markup: str, heading_id: str) -> str:
    """The HTML from a heading to the next heading of the same level."""
    match = re.search(rf'<h2 id="{heading_id}">.*?(?=<h2 |</article>)', markup, re.S)
    assert match, heading_id
    return match.group(0)


def test_every_row_group_has_its_page_named_by_its_row(built_site: Path, kb: KnowledgeBase) -> None:
    assert list(groups_by_page(kb)) == GROUP_PAGES
    assert list(_group_pages(built_site)) == sorted(GROUP_PAGES)
    markup = _page(built_site, "compare/icp-2019-int-identification/")
    assert ('<h1 id="cmp-icp-2019-int-identification">Compare: Identification of patients → Identification of '
            "Service Users (rows 3. → 2.)") in markup
    assert (f'<p class="gpia-provenance" data-pagefind-ignore>Rows compared — {MCP} 2016 <a id="cmp-mcp-2016-int-identification" '
            f'href="../../commitments/mcp-2016-int-identification/">row 3. Identification of patients</a>; {ICP} 2019 '
            '<a href="../../commitments/icp-2019-int-identification/">row 2. Identification of Service Users</a>. '
            f"Renumbered (3. → 2.); Renamed (Identification of {DEL}patients</del>{INS}Service Users</ins>).</p>") in markup
    assert ('<p class="gpia-compare-nav" data-pagefind-ignore>Part of <a href="../../compare/#cmp-rows">Compare the '
            f"{MCP} 2016 and {ICP} 2019 versions</a> (Integration commitments). How to read the redline and the badges: "
            '<a href="../../compare/#cmp-legend">the key</a>.</p>') in markup
    assert ('<p class="gpia-reviewed" data-pagefind-ignore>Data: <code>clauses/requirements/icp-2019-integration.yaml'
            "</code>, <code>clauses/requirements/mcp-2016-integration.yaml</code></p>") in markup


def test_a_row_that_draws_one_bullet_from_another_row_is_not_called_merged_or_renamed(built_site: Path) -> None:
    """Common protocols keeps its title; the Multidisciplinary teams row gives it only its clinical hub bullet."""
    markup = _page(built_site, "compare/icp-2019-int-common-protocols/")
    provenance = _visible(re.search(r'<p class="gpia-provenance" data-pagefind-ignore>Rows compared.*?</p>', markup).group(0))
    assert provenance.endswith("Its bullets come from 2 MCP 2016 rows; Renumbered (2. and 5. → 1.).")
    assert "merged" not in provenance.lower() and "Renamed" not in provenance


def test_a_group_page_is_a_record_page_with_its_title_and_anchor(kb: KnowledgeBase) -> None:
    view = build_views(kb).view("../../")
    assert record_page(view, "compare-group", "icp-2019-int-workforce").startswith(
        r"# Compare: Workforce \(rows 8\. → 6\.\) { #cmp-icp-2019-int-workforce }" "\n\n")
    assert record_page(view, "compare-group", "mcp-2016-int-shared-vision").startswith(
        r"# Compare: Shared vision \(MCP 2016 row 1\., not in ICP 2019\) { #cmp-mcp-2016-int-shared-vision }" "\n\n")
    with pytest.raises(KeyError):
        record_page(view, "compare-group", "mcp-2016-int-workforce")  # a 2016 row carried forward: no page of its own


def test_every_requirement_and_row_is_anchored_once_where_compare_url_says(built_site: Path, kb: KnowledgeBase) -> None:
    pages = _group_pages(built_site)
    everything = "".join(pages.values())
    for record_id in [*kb.requirements, *kb.areas]:
        url = compare_url(kb, record_id)
        page, _, target = url.partition("#")
        assert page == f"compare/{comparison_pages(kb)[record_id]}/", record_id
        assert everything.count(f'id="{target}"') == 1, record_id
        assert f'id="{target}"' in _page(built_site, page), record_id
    # /compare/ keeps no record's anchor: a link to compare/#cmp-<id> made before the pages split is
    # sent on by assets/moved-anchors.js, which acts only when the page lacks the anchor.
    assert [i for i in [*kb.requirements, *kb.areas] if f'id="cmp-{i}"' in _page(built_site)] == []


def test_each_group_page_shows_every_bullet_of_its_rows(built_site: Path, kb: KnowledgeBase) -> None:
    for page_id, group in groups_by_page(kb).items():
        text = _visible(_page(built_site, f"compare/{page_id}/"))
        bullets = [*group.dropped, *group.new_requirements, *(r for p in group.pairs for r in (p.new, *p.old))]
        assert bullets, page_id
        assert [r.id for r in bullets if " ".join(r.text.split()) not in text] == [], page_id


def test_compare_page_has_a_redline_for_every_changed_pair(built_site: Path, kb: KnowledgeBase) -> None:
    for pair in compare(kb).pairs:
        page, _, _ = compare_url(kb, pair.new.id).partition("#")
        block = _pair_block(_page(built_site, page), pair.anchor)
        assert f'<span class="gpia-sr-only">Change: </span>{pair.kind.capitalize()}</span>' in block, pair.anchor
        if pair.kind == "unchanged":
            assert "Redline:</span> no word added or removed." in block
        elif len(pair.old) == 1:
            assert render_redline(pair.redline) in block, pair.anchor
        else:
            # Merged: one item per 2016 bullet, each with its label and its part of the redline.
            parts = re.findall(r"<li>(.*?)</li>", block.partition('<ul class="gpia-redline-parts">')[2])
            assert len(parts) == len(pair.old), pair.anchor
            for item, old, ops in zip(parts, pair.old, per_ancestor(pair.redline, [len(o.text) for o in pair.old])):
                area = kb.areas[old.area]
                assert _visible(item).startswith(f"From MCP 2016 {area.row} {area.title}, bullet {old.bullet}:")
                assert item.endswith(render_redline(ops)), pair.anchor
            # Never run together: no stretch of the page reads the end of one 2016 bullet into the next.
            for before, after in zip(pair.old, pair.old[1:]):
                joined = " ".join(before.text.split()[-2:] + after.text.split()[:2])
                assert joined not in _visible(block), pair.anchor
        for r in (*pair.old, pair.new):
            assert " ".join(r.text.split()) in _visible(block), r.id
            area = kb.areas[r.area]
            # Each side's bullet links to its place on its row's page.
            link = re.search(rf'<a href="\.\./\.\./{re.escape(url_of(kb, r.id))}">(.*?)</a>', block)
            assert link and _visible(link.group(1)) == f"{area.row} {area.title}, bullet {r.bullet}", r.id


def _visible(markup: str) -> str:
    """Text as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    markup = without_sic(markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def _pair_block(markup: str, anchor: str) -> str:
    """One compared pair's HTML: from its anchor to the next pair or heading."""
    start = markup.index(f'<div class="gpia-pair" id="{anchor}">')
    ends = [markup.find(marker, start + 1) for marker in ('<div class="gpia-pair"', "<h2", "<h3", '<p class="gpia-reviewed"')]
    return markup[start:min(e for e in ends if e != -1)]


def test_every_del_and_ins_announces_itself(built_site: Path) -> None:
    markup = _page(built_site) + "".join(_group_pages(built_site).values())
    dels = re.findall(r"<del\b[^>]*>(.*?)</del>", markup, re.S)
    inss = re.findall(r"<ins\b[^>]*>(.*?)</ins>", markup, re.S)
    assert len(dels) > 20 and len(inss) > 20
    assert all(d.startswith('<span class="gpia-sr-only">deleted: </span>') for d in dels)
    assert all(i.startswith('<span class="gpia-sr-only">inserted: </span>') for i in inss)


def test_summary_counts_on_the_page_match_the_data(built_site: Path) -> None:
    summary = _section(_page(built_site), "cmp-summary")
    rows = {html.unescape(re.sub(r"<[^>]+>", "", th)): re.findall(r"<td>(\d+)</td>", cells)
            for th, cells in re.findall(r'<tr(?: id="cmp-[a-z]+")?><th scope="row">(.*?)</th>(.*?)</tr>', summary, re.S)}
    assert rows == {"Unchanged": ["5", "0", "5"], "Reworded": ["4", "15", "19"], "Moved": ["0", "0", "0"],
                    "Merged": ["0", "2", "2"], "Split": ["0", "0", "0"], "New": ["0", "0", "0"],
                    "Dropped": ["0", "3", "3"]}
    assert "ICP 2019 has 26 bullets: 26 derive from MCP 2016 bullets and 0 are new. MCP 2016 has 31 bullets: " \
           "28 are carried forward and 3 are dropped." in _visible(summary)
    # The one-page comparison's "New in 2019" and "Dropped from 2016" anchors now land on their counts.
    assert '<tr id="cmp-new"><th scope="row"><a href="#cmp-kind-new">New</a></th>' in summary
    assert '<tr id="cmp-dropped"><th scope="row"><a href="#cmp-kind-dropped">Dropped</a></th>' in summary


def test_what_changed_links_the_known_changes_to_their_pairs(built_site: Path, kb: KnowledgeBase) -> None:
    section = _section(_page(built_site), "cmp-what-changed")
    assert "(not NHS wording)" in section
    # Each note links the pairs (or rows) that show it on their group's page, and nothing else.
    links = {
        "“Co-produce” becomes “Co-design”.": [compare_url(kb, "icp-2019-gov-co-design-with-service-users")],
        "&#x27;best for service&#x27; in quotation marks": [
            compare_url(kb, "icp-2019-gov-best-for-service-decisions"),
            compare_url(kb, "icp-2019-gov-unanimous-decisions"), url_of(kb, "term-best-for-service")],
        "“patients” becomes “Service Users”": [compare_url(kb, "icp-2019-int-anticipatory-care"),
                                               compare_url(kb, "icp-2019-int-identification"),
                                               url_of(kb, "term-service-user")],
        "Rows of the 2016 integration commitments": [compare_url(kb, "mcp-2016-int-shared-vision")],
        "The clinical hub model": [compare_url(kb, "icp-2019-int-unplanned-care-routes"), url_of(kb, "clause-6-1-e"),
                                   url_of(kb, "clause-6-2-d")],
        "integration table numbers two rows “8.” (Workforce and Access)": [
            compare_url(kb, "mcp-2016-int-workforce"), compare_url(kb, "mcp-2016-int-access")],
    }
    assert links["The clinical hub model"][0] == \
        "compare/icp-2019-int-common-protocols/#cmp-icp-2019-int-unplanned-care-routes"
    items = re.findall(r"<li(?: id=\"change-[a-z0-9-]+\")?>\s*<p>(.*?)</li>", section, re.S)
    for start, targets in links.items():
        item = next((i for i in items if start in i), None)
        assert item is not None, start
        # The source passages a note rests on are quoted after its links (gpia.views.common.resting_on).
        item = item.split('<div class="gpia-rests-on"', 1)[0]
        assert re.findall(r'href="\.\./([^"]+)"', item) == targets, start
    # Every compare link of the notes arrives at its anchor.
    for target in re.findall(r'href="\.\./(compare/[^"#]+/)#([^"]+)"', section):
        assert f'id="{target[1]}"' in _page(built_site, target[0]), target


def test_what_changed_links_at_most_three_rows_per_note(kb: KnowledgeBase) -> None:
    markup = what_changed(build_views(kb).view("../"))
    item = next(i for i in re.findall(r'<li id="change-addressee-dropped"><p>(.*?)</li>', markup, re.S))
    rows = re.findall(r"; (?=\d)|See: ", item)
    assert len(rows) == 3
    assert item.endswith("; and 4 more rows.</p>")


def test_compare_lists_every_row_group_under_its_table(built_site: Path) -> None:
    rows = _section(_page(built_site), "cmp-rows")
    assert (f"<p>Each of the 11 groups of rows below has a page of its own, with its bullets side by side: an {ICP} 2019 "
            f"row beside the {MCP} 2016 row or rows its bullets come from, or an {MCP} 2016 row that was not carried into "
            f"{ICP} 2019. The rows are in the order of the {MCP} 2016 tables; rows new in {ICP} 2019 come last.</p>") in rows
    markup = _page(built_site)
    listing_html = markup[markup.index('<h2 class="gpia-list-group"'):markup.index('<p class="gpia-reviewed"')]
    assert re.findall(r'<h2 class="gpia-list-group" id="(list-[a-z]+)">(.*?)</h2>', listing_html) == [
        ("list-governance", "Shared governance and decision making"), ("list-integration", "Integration commitments")]
    assert re.findall(r'<li><span data-pagefind-ignore><a href="\.\./compare/([a-z0-9-]+)/">', listing_html) == GROUP_PAGES
    for entry in (
            '<a href="../compare/icp-2019-gov-working-together/">Working together (row 2.)</a>: '
            "4 bullets: 1 unchanged, 3 reworded</span>",
            '<a href="../compare/icp-2019-int-common-protocols/">Agreement of common protocols and Multidisciplinary '
            "teams → Agreement of common protocols (rows 2. and 5. → 1.)</a>: 4 bullets: 2 reworded, 1 merged, "
            "1 dropped</span>",
            '<a href="../compare/icp-2019-int-workforce/">Workforce (rows 8. → 6.)</a>: 3 bullets: 1 reworded, '
            "1 merged, 1 dropped</span>"):
        assert entry in listing_html, entry
    assert "gpia-pager" not in markup  # eleven groups fit on one page
    # The lists of every dropped and every new bullet are gone: each is on its row's page.
    assert "gpia-compare-list" not in markup


def test_the_list_of_row_groups_pages(kb: KnowledgeBase) -> None:
    rows = dataclasses.replace(listing(kb), per_page=5)
    view = build_views(kb).view("../../../")
    assert rows.page_count == 3
    second = rows.render(view, 2)
    assert second.startswith('<h2 class="gpia-list-group" id="list-integration">Integration commitments '
                             '<span class="gpia-continued">'
                             "(continued)</span></h2>")
    assert re.findall(r'href="\.\./\.\./\.\./compare/([a-z0-9-]+)/"', second) == GROUP_PAGES[5:10]
    assert "<p>Page 2 of 3: entries 6 to 10 of 11.</p>" in second
    assert rows.uri(3) == "compare/pages/3/"


def test_a_larger_corpus_pages_the_list_and_builds_a_page_per_group(tmp_path: Path) -> None:
    kb = load_or_raise(generate(ROOT, tmp_path / "kb-x2", 2), check_wording=False)
    groups = groups_by_page(kb)
    assert len(groups) == 22 and GROUPS_PER_PAGE == 20
    uris = {f.uri: f.spec for f in generated_files(kb) if f.uri.startswith("compare/")}
    assert uris.pop("compare/pages/2.md") == {"list": "compare", "page": 2}
    assert uris == {f"compare/{i}.md": {"record": "compare-group", "id": i} for i in groups}
    assert [group_page_id(g) for g in area_groups(kb, "governance")] == list(groups)[:6]


def test_search_indexes_the_why_notes_and_titles_but_not_copies_of_the_bullets(built_site: Path, kb: KnowledgeBase) -> None:
    from conftest import indexed_text, without_sic
    pages = {p.parent.relative_to(built_site).as_posix() + "/": indexed_text(without_sic(p.read_text(encoding="utf-8")))
             for p in sorted((built_site / "compare").rglob("index.html"))}
    indexed = " ".join(pages.values())
    assert [r.id for r in kb.requirements.values() if " ".join(r.text.split()) in indexed] == []
    assert [r.id for r in kb.requirements.values() if r.why and " ".join(r.why.split()) not in indexed] == []
    assert pages["compare/icp-2019-int-workforce/"].startswith("Compare: Workforce (rows 8. → 6.)")
    # Redlines are left out; /compare/ keeps only the key's own example of one.
    groups = " ".join(text for url, text in pages.items() if url != "compare/")
    assert "Redline:" not in indexed and "Redline (" not in indexed
    assert groups and "removed:" not in groups and "added:" not in groups


def test_a_new_2019_bullet_and_its_dropped_2016_bullet_are_shown(data_copy: Path) -> None:
    """Rendered without mkdocs: the view's HTML for a 2019 bullet marked new and the 2016 one left."""
    new_file = data_copy / "clauses/requirements/icp-2019-integration.yaml"
    old_file = data_copy / "clauses/requirements/mcp-2016-integration.yaml"
    link = "        derives_from: [mcp-2016-int-transfers-of-care]\n"
    old_text = "        text: Practices adhere to local transfers of care protocols\n"
    for path, before, after in ((new_file, link, "        status: new\n        why: <b>Our</b> words.\n"),
                                (old_file, old_text, old_text + "        status: dropped\n")):
        text = path.read_text(encoding="utf-8")
        assert text.count(before) == 1
        path.write_text(text.replace(before, after), encoding="utf-8")
    kb = load_or_raise(data_copy, check_wording=False)
    comparison = compare(kb)
    assert [r.id for r in comparison.new] == ["icp-2019-int-transfers-of-care"]
    assert comparison.counts()["dropped"] == 4
    group = next(g for g in area_groups(kb, "integration") if g.new_area and g.new_area.id == "icp-2019-int-common-protocols")
    assert [r.id for r in group.new_requirements] == ["icp-2019-int-transfers-of-care"]
    assert [r.id for r in group.dropped] == ["mcp-2016-int-transfers-of-care", "mcp-2016-int-mdt-working"]

    views = build_views(kb)
    markup = group_page(views.view("../../"), "icp-2019-int-common-protocols")
    block = _pair_block(markup, "cmp-icp-2019-int-transfers-of-care")
    assert '<span class="gpia-sr-only">Change: </span>New</span>' in block
    assert "<p>&lt;b&gt;Our&lt;/b&gt; words.</p>" in block and "(not NHS wording)" in block
    assert "Not in the MCP 2016 table." in block
    dropped = _pair_block(markup, "cmp-mcp-2016-int-transfers-of-care")
    assert '<span class="gpia-sr-only">Change: </span>Dropped</span>' in dropped
    assert "Not in the ICP 2019 table." in dropped
    assert compare_url(kb, "mcp-2016-int-transfers-of-care") == \
        "compare/icp-2019-int-common-protocols/#cmp-mcp-2016-int-transfers-of-care"
    # The list entry counts the group's bullets by kind, the new and the dropped one included.
    page = compare_page(views.view("../"))
    assert ('<a href="../compare/icp-2019-int-common-protocols/">Agreement of common protocols and Multidisciplinary '
            "teams → Agreement of common protocols (rows 2. and 5. → 1.)</a>: 5 bullets: 1 reworded, 1 merged, 1 new, "
            "2 dropped</span>") in page
    pages = {page_id: group_page(views.view("../../"), page_id) for page_id in groups_by_page(kb)}
    for r in kb.requirements.values():
        assert sum(m.count(f'id="cmp-{r.id}"') for m in pages.values()) == 1, r.id


def test_row_pages_link_to_the_previous_and_next_row_in_the_lists_order(built_site: Path, kb: KnowledgeBase) -> None:
    order = list(groups_by_page(kb))
    for at, page_id in enumerate(order):
        markup = _page(built_site, f"compare/{page_id}/")
        nav = re.search(r'<nav class="gpia-prev-next" aria-label="Other rows of this comparison"[^>]*>(.*?)</nav>', markup, re.S)
        assert nav, page_id
        previous = re.search(r'href="\.\./\.\./compare/([^/]+)/" rel="prev"', nav.group(1))
        following = re.search(r'href="\.\./\.\./compare/([^/]+)/" rel="next"', nav.group(1))
        assert (previous.group(1) if previous else None) == (order[at - 1] if at else None)
        assert (following.group(1) if following else None) == (order[at + 1] if at + 1 < len(order) else None)
