"""The 2016 ↔ 2019 comparison: tokens, redline HTML, change kinds and counts, and the /compare/ page."""
from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest

from gpia.compare import (Op, area_groups, compare, derived_kind, descendants, redline, render_redline,
                          tokenise)
from gpia.load import load_knowledge_base, load_or_raise
from gpia.model import KnowledgeBase
from gpia.views.common import BuildViews
from gpia.views.compare import compare_page

from conftest import NO_SOURCES, ROOT, SOURCES

DEL = '<del class="gpia-del"><span class="gpia-sr-only">removed: </span>'
INS = '<ins class="gpia-ins"><span class="gpia-sr-only">added: </span>'


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_or_raise(ROOT, SOURCES if SOURCES.is_dir() else NO_SOURCES)


def test_tokens_split_words_spaces_quotes_and_punctuation() -> None:
    assert tokenise("Co-produce 'best' (where appropriate).") == [
        "Co", "-", "produce", " ", "'", "best", "'", " ", "(", "where", " ", "appropriate", ")", "."]


# Golden redlines: the two texts (as printed in 2016 and 2019) beside the exact HTML they give.
GOLDEN = [
    ("co-produce becomes co-design",
     "Co-produce with others, especially service users, families and carers, in designing and delivering the service",
     "Co-design with others, especially service users, families and carers, the delivery of the services",
     f"Co-{DEL}produce</del>{INS}design</ins> with others, especially service users, families and carers, "
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
MERGED = {"icp-2019-int-workforce-strategy": ("mcp-2016-int-workforce-strategy", "mcp-2016-int-primary-care-resources"),
          "icp-2019-int-organisational-development": ("mcp-2016-int-organisational-development",
                                                      "mcp-2016-int-staff-learning-programme")}
DROPPED = ["mcp-2016-int-agree-shared-vision", "mcp-2016-int-mdt-working", "mcp-2016-int-clinical-hub-model"]


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
    kb = load_or_raise(data_copy, NO_SOURCES)
    pair = next(p for p in compare(kb).pairs if p.new.id == "icp-2019-int-transfers-of-care")
    assert (pair.kind, pair.derived_kind) == ("moved", "reworded")
    assert compare(kb, "integration").counts()["moved"] == 1
    assert compare(kb, "integration").counts()["reworded"] == 14


def test_rows_are_grouped_in_2016_order_with_dropped_rows_in_place(kb: KnowledgeBase) -> None:
    groups = [([a.id for a in g.old_areas], g.new_area.id if g.new_area else None, [r.id for r in g.dropped])
              for g in area_groups(kb, "integration")]
    assert groups == [
        (["mcp-2016-int-shared-vision"], None, ["mcp-2016-int-agree-shared-vision"]),
        (["mcp-2016-int-common-protocols"], "icp-2019-int-common-protocols", []),
        (["mcp-2016-int-identification"], "icp-2019-int-identification", []),
        (["mcp-2016-int-core-services-signposting"], "icp-2019-int-core-services-signposting", []),
        (["mcp-2016-int-multidisciplinary-teams"], None, ["mcp-2016-int-mdt-working", "mcp-2016-int-clinical-hub-model"]),
        (["mcp-2016-int-shared-systems"], "icp-2019-int-shared-systems", []),
        (["mcp-2016-int-estates-plan"], "icp-2019-int-estates-plan", []),
        (["mcp-2016-int-workforce"], "icp-2019-int-workforce", []),
        (["mcp-2016-int-access"], "icp-2019-int-access", []),
    ]


# The built page.

def _page(site: Path) -> str:
    return (site / "compare" / "index.html").read_text(encoding="utf-8")


def _section(markup: str, heading_id: str) -> str:
    """The HTML from a heading to the next heading of the same level."""
    match = re.search(rf'<h2 id="{heading_id}">.*?(?=<h2 |</article>)', markup, re.S)
    assert match, heading_id
    return match.group(0)


def test_compare_page_shows_every_requirement_of_both_versions(built_site: Path) -> None:
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    markup = _page(built_site)
    for r in kb.requirements.values():
        assert markup.count(f'id="cmp-{r.id}"') == 1, r.id
    comparison = compare(kb)
    dropped = _section(markup, "cmp-dropped")
    assert re.findall(r'<li><a href="#cmp-([a-z0-9-]+)"', dropped) == DROPPED
    assert [r.id for r in comparison.new] == []
    assert "None: every ICP 2019 bullet derives from MCP 2016." in _section(markup, "cmp-new")


def test_compare_page_has_a_redline_for_every_changed_pair(built_site: Path, kb: KnowledgeBase) -> None:
    markup = _page(built_site)
    for pair in compare(kb).pairs:
        block = _pair_block(markup, pair.anchor)
        assert f'<span class="gpia-sr-only">Change: </span>{pair.kind.capitalize()}</span>' in block, pair.anchor
        if pair.kind == "unchanged":
            assert "Redline:</span> no word added or removed." in block
        else:
            assert render_redline(pair.redline) in block, pair.anchor
        for r in (*pair.old, pair.new):
            assert " ".join(r.text.split()) in _visible(block), r.id


def _visible(markup: str) -> str:
    """Text as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def _pair_block(markup: str, anchor: str) -> str:
    """One compared pair's HTML: from its anchor to the next pair or heading."""
    start = markup.index(f'<div class="gpia-pair" id="{anchor}">')
    ends = [markup.find(marker, start + 1) for marker in ('<div class="gpia-pair"', "<h2", "<h3")]
    return markup[start:min(e for e in ends if e != -1)]


def test_every_del_and_ins_announces_itself(built_site: Path) -> None:
    markup = _page(built_site)
    dels = re.findall(r"<del\b[^>]*>(.*?)</del>", markup, re.S)
    inss = re.findall(r"<ins\b[^>]*>(.*?)</ins>", markup, re.S)
    assert len(dels) > 20 and len(inss) > 20
    assert all(d.startswith('<span class="gpia-sr-only">removed: </span>') for d in dels)
    assert all(i.startswith('<span class="gpia-sr-only">added: </span>') for i in inss)


def test_summary_counts_on_the_page_match_the_data(built_site: Path) -> None:
    summary = _section(_page(built_site), "cmp-summary")
    rows = {html.unescape(re.sub(r"<[^>]+>", "", th)): re.findall(r"<td>(\d+)</td>", cells)
            for th, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', summary, re.S)}
    assert rows == {"Unchanged": ["5", "0", "5"], "Reworded": ["4", "15", "19"], "Moved": ["0", "0", "0"],
                    "Merged": ["0", "2", "2"], "Split": ["0", "0", "0"], "New": ["0", "0", "0"],
                    "Dropped": ["0", "3", "3"]}
    assert "ICP 2019 has 26 bullets: 26 derive from MCP 2016 bullets and 0 are new. MCP 2016 has 31 bullets: " \
           "28 are carried forward and 3 are dropped." in summary


def test_what_changed_links_the_known_changes_to_their_pairs(built_site: Path) -> None:
    section = _section(_page(built_site), "cmp-what-changed")
    assert "(not NHS wording)" in section
    links = {
        "“Co-produce” becomes “Co-design”.": ["cmp-icp-2019-gov-co-design-with-service-users"],
        "&#x27;best for service&#x27; in quotation marks": ["cmp-icp-2019-gov-best-for-service-decisions",
                                                            "cmp-icp-2019-gov-unanimous-decisions"],
        "“patients” becomes “Service Users”": ["cmp-icp-2019-int-anticipatory-care", "cmp-icp-2019-int-identification"],
        "Rows of the 2016 integration commitments": ["cmp-mcp-2016-int-shared-vision",
                                                     "cmp-mcp-2016-int-multidisciplinary-teams"],
        "The clinical hub model": ["cmp-icp-2019-int-unplanned-care-routes", "clauses/#clause-6-1-e",
                                   "clauses/#clause-6-2-d"],
        "integration table numbers two rows “8.” (Workforce and Access)": ["cmp-rows"],
    }
    items = re.findall(r"<li><p>(.*?)</li>", section, re.S)
    for start, targets in links.items():
        item = next((i for i in items if start in i), None)
        assert item is not None, start
        assert [t for t in targets if t not in item] == [], start


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
    kb = load_or_raise(data_copy, NO_SOURCES)
    comparison = compare(kb)
    assert [r.id for r in comparison.new] == ["icp-2019-int-transfers-of-care"]
    assert comparison.counts()["dropped"] == 4
    group = next(g for g in area_groups(kb, "integration") if g.new_area and g.new_area.id == "icp-2019-int-common-protocols")
    assert [r.id for r in group.new_requirements] == ["icp-2019-int-transfers-of-care"]
    assert [r.id for r in group.dropped] == ["mcp-2016-int-transfers-of-care"]

    markup = compare_page(BuildViews.for_knowledge_base(kb).view("../"))
    block = _pair_block(markup, "cmp-icp-2019-int-transfers-of-care")
    assert '<span class="gpia-sr-only">Change: </span>New</span>' in block
    assert "<p>&lt;b&gt;Our&lt;/b&gt; words.</p>" in block and "(not NHS wording)" in block
    assert "Not in the MCP 2016 table." in block
    new_list = markup[markup.index("{ #cmp-new }"):]
    assert re.findall(r'<li><a href="#cmp-([a-z0-9-]+)"', new_list) == ["icp-2019-int-transfers-of-care"]
    dropped_list = markup[markup.index("{ #cmp-dropped }"):markup.index("{ #cmp-new }")]
    assert re.findall(r'<li><a href="#cmp-([a-z0-9-]+)"', dropped_list) == [
        "mcp-2016-int-agree-shared-vision", "mcp-2016-int-transfers-of-care", "mcp-2016-int-mdt-working",
        "mcp-2016-int-clinical-hub-model"]
    for r in kb.requirements.values():
        assert markup.count(f'id="cmp-{r.id}"') == 1, r.id
