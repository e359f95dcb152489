"""A third version by data alone: tests/fixtures/third-version adds a fictional "ICP 2021" revision.

The fixture is only data: a short invented source text (labelled as a test fixture, not an NHS
document), its source record, its version and a comparison from icp-2019 in copies of
clauses/sources.yaml and clauses/versions.yaml, its integration table (rewording a few 2019
bullets, dropping one and adding one), and a copy of the 2019 integration table that marks the
dropped bullet. The site is built from the real data with the fixture laid over it, and no Python
changed; the tests find the new version's pages, its comparison with 2019 (word-level redlines),
the chained comparison with 2016, and its place in the checklist, traceability, search filters and
downloads.
"""
from __future__ import annotations

import csv
import difflib
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SOURCES, copy_data, mkdocs_build, page, problems, visible, write
from gpia.compare.pairs import default_pairing
from gpia.compare.redline import compare, redline
from gpia.knowledge_base import load_or_raise
from gpia.model.records import KnowledgeBase
from gpia.views.redline import render_redline

FIXTURE = ROOT / "tests" / "fixtures" / "third-version"
NEW, MIDDLE, OLD = "icp-2021", "icp-2019", "mcp-2016"
CHAINED = f"compare/{OLD}...{NEW}/"
EARLIER = f"compare/{OLD}...{MIDDLE}/"


def with_fixture(target: Path) -> tuple[Path, Path]:
    """The real data with the fixture's files laid over it, and a sources folder with its extract."""
    root = copy_data(target / "kb")
    shutil.copytree(FIXTURE / "clauses", root / "clauses", dirs_exist_ok=True)
    sources = target / "sources"
    shutil.copytree(SOURCES, sources)
    for extract in (FIXTURE / "sources").iterdir():
        shutil.copy(extract, sources / extract.name)
    return root, sources


@pytest.fixture(scope="module")
def third(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return with_fixture(tmp_path_factory.mktemp("third"))


@pytest.fixture(scope="module")
def kb3(third: tuple[Path, Path]) -> KnowledgeBase:
    root, sources = third
    return load_or_raise(root, sources)  # the wording check runs: the fixture's bullets are in its extract


@pytest.fixture(scope="module")
def site3(third: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root, sources = third
    site = tmp_path_factory.mktemp("site3") / "site"
    result = mkdocs_build(site, root, sources)
    assert result.returncode == 0, result.stderr
    return site


def test_the_fixture_is_data_only_and_labelled_fictional() -> None:
    files = sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*") if p.is_file())
    assert files == ["clauses/requirements/icp-2019-integration.yaml", "clauses/requirements/icp-2021-integration.yaml",
                     "clauses/sources.yaml", "clauses/versions.yaml", "sources/fixture_2021_revision.txt"]
    text = (FIXTURE / "sources" / "fixture_2021_revision.txt").read_text(encoding="utf-8")
    assert "Test fixture, not an NHS document" in text
    assert "Fictional 2021 revision (test fixture, not an NHS document)" in (FIXTURE / "clauses/sources.yaml").read_text()


@pytest.mark.parametrize("copy", ["clauses/sources.yaml", "clauses/versions.yaml",
                                  "clauses/requirements/icp-2019-integration.yaml"])
def test_the_fixtures_copies_only_add_to_the_real_files(copy: str) -> None:
    """A copy that drifted from the real file would test stale data: it may only add lines."""
    real = (ROOT / copy).read_text(encoding="utf-8").splitlines()
    fixture = (FIXTURE / copy).read_text(encoding="utf-8").splitlines()
    changes = [line for line in difflib.ndiff(real, fixture) if line[:2] in ("- ", "+ ")]
    assert [line for line in changes if line.startswith("- ")] == [], f"update {FIXTURE / copy} from {copy}"
    assert changes


def test_the_third_version_validates_with_its_wording_checked(kb3: KnowledgeBase) -> None:
    assert list(kb3.versions) == [OLD, MIDDLE, NEW]
    table = kb3.tables[f"{NEW}-integration"]
    assert sum(len(a.requirements) for a in table.areas) == 17


def test_a_comparison_from_a_version_nobody_declared_is_reported(tmp_path: Path) -> None:
    root, _ = with_fixture(tmp_path)
    versions = root / "clauses/versions.yaml"
    text = versions.read_text(encoding="utf-8")
    versions.write_text(text.replace("    from: icp-2019\n", "    from: icp-2091\n"), encoding="utf-8")
    line = text.splitlines().index("    from: icp-2019") + 1
    assert problems(root) == [
        f"clauses/versions.yaml:{line}:11: comparison 'icp-2019-to-icp-2021' compares from 'icp-2091', but no version "
        "has that id; use one of the versions listed above (mcp-2016, icp-2019, icp-2021), or add the version"]


def test_its_rows_have_pages_with_the_bullets_verbatim(site3: Path, kb3: KnowledgeBase) -> None:
    for area in kb3.tables[f"{NEW}-integration"].areas:
        html = page(site3, f"commitments/{area.id}")
        assert f"ICP 2021 (fictional), row {area.row.rstrip('.')}" in visible(html)
        for r in area.requirements:
            assert " ".join(r.text.split()) in visible(html), r.id
    listing = page(site3, "commitments")
    assert 'id="icp-2021-integration"' in listing  # the table's section on /commitments/, current first
    assert listing.index('id="icp-2021-integration"') < listing.index('id="icp-2019-integration"')


def test_compare_shows_the_newest_pair_and_offers_every_pair(site3: Path) -> None:
    html = page(site3, "compare")
    nav = re.search(r'<nav class="gpia-compare-pairs".*?</nav>', html, re.S)
    assert nav
    assert [visible(item) for item in re.findall(r"<li>(.*?)</li>", nav.group(0))] == [
        "ICP 2019 → ICP 2021 (fictional) (compared directly)", "MCP 2016 → ICP 2021 (fictional) (through ICP 2019)",
        "MCP 2016 → ICP 2019 (compared directly)"]
    assert '<strong aria-current="page">' in nav.group(0)
    assert re.findall(r'href="\.\./(compare/[^"]+)"', nav.group(0)) == [CHAINED, EARLIER]
    # Each count agrees with its number (one helper words every count sentence).
    assert "ICP 2021 (fictional) has 17 bullets: 16 derive from ICP 2019 bullets and 1 is new. ICP 2019 has 17 " \
           "bullets: 16 are carried forward and 1 is dropped." in visible(html)


def test_its_comparison_with_2019_has_word_level_redlines(site3: Path, kb3: KnowledgeBase) -> None:
    new, old = kb3.requirements["icp-2021-int-anticipatory-care"], kb3.requirements["icp-2019-int-anticipatory-care"]
    html = page(site3, f"compare/{new.area}")
    expected = render_redline(redline(old.text, new.text))
    assert "<del" in expected and "<ins" in expected
    assert expected in html
    dropped = page(site3, "compare/icp-2019-int-estates-plan")
    assert '<span class="gpia-sr-only">Change: </span>Dropped</span>' in dropped
    assert "Not carried into ICP 2021 (fictional)" in visible(dropped)
    added = page(site3, "compare/icp-2021-int-shared-systems")
    block = re.search(r'<div class="gpia-pair" id="cmp-icp-2021-int-digital-access">.*?Why it was added', added, re.S)
    assert block and '<span class="gpia-sr-only">Change: </span>New</span>' in block.group(0)


def test_the_chained_comparison_reads_2016_into_2021(site3: Path, kb3: KnowledgeBase) -> None:
    new = kb3.requirements["icp-2021-int-reduce-variation"]
    old = kb3.requirements["mcp-2016-int-reduce-variation"]
    html = page(site3, f"{CHAINED}{new.area}")
    assert render_redline(redline(old.text, new.text)) in html
    home = re.search(rf'<a href="\.\./\.\./\.\./{re.escape(CHAINED)}#cmp-rows">(.*?)</a>', html)
    assert home and visible(home.group(1)) == "Compare the MCP 2016 and ICP 2021 (fictional) versions"
    # Our notes on why a bullet changed belong to one step; the chained page leaves them to the steps.
    assert "Why it changed" not in html
    summary = visible(page(site3, CHAINED))
    assert "ICP 2021 (fictional) has 17 bullets: 16 derive from MCP 2016 bullets and 1 is new." in summary
    # 2016 bullets that no 2021 bullet comes from: dropped in 2019, or their 2019 heir dropped in 2021.
    assert "MCP 2016 has 22 bullets: 18 are carried forward and 4 are dropped." in summary


def test_the_earlier_pair_moves_to_its_own_address(site3: Path) -> None:
    html = page(site3, EARLIER)
    assert "ICP 2019 has 26 bullets: 26 derive from MCP 2016 bullets and 0 are new." in visible(html)
    row = page(site3, f"{EARLIER}icp-2019-int-identification")
    assert "Rows compared — MCP 2016 row 3. Identification of patients; ICP 2019 row 2. Identification of Service " \
           "Users." in visible(row)
    requirement = page(site3, "commitments/icp-2019-int-identification")
    links = [(href, visible(text)) for href, text in re.findall(r'<a href="([^"]+)">Compare with (.*?)</a>', requirement)]
    assert ("../../compare/icp-2021-int-identification/#cmp-icp-2019-int-stratification", "ICP 2021 (fictional)") in links
    assert (f"../../{EARLIER}icp-2019-int-identification/#cmp-icp-2019-int-stratification", "MCP 2016") in links


def test_its_place_in_the_checklist_and_traceability(site3: Path, kb3: KnowledgeBase) -> None:
    deferring = [r.id for r in kb3.requirements.values() if r.version == NEW and r.defers_to]
    assert deferring
    for folder in ("checklist", "traceability"):
        pages = "".join(p.read_text(encoding="utf-8") for p in (site3 / folder).rglob("index.html"))
        assert [i for i in deferring if f"#{i}" not in pages] == [], folder
    checklist = (site3 / "data" / "local-schedules.csv").read_text(encoding="utf-8")
    assert "ICP 2021 (fictional)" in checklist


def test_its_search_filter_and_downloads(site3: Path, kb3: KnowledgeBase) -> None:
    row = page(site3, "commitments/icp-2021-int-access")
    assert '<span data-pagefind-filter="version">ICP 2021 (fictional)</span>' in row
    versions = list(csv.DictReader(io.StringIO((site3 / "data" / "version.csv").read_text(encoding="utf-8-sig"))))
    assert [v["id"] for v in versions] == [OLD, MIDDLE, NEW]
    requirements = list(csv.DictReader(io.StringIO((site3 / "data" / "requirement.csv").read_text(encoding="utf-8-sig"))))
    ours = {r["id"] for r in requirements if r["version"] == NEW}
    assert ours == {r.id for r in kb3.requirements.values() if r.version == NEW}
    assert "icp-2021-int-digital-access" in (site3 / "data" / "knowledge-base.json").read_text(encoding="utf-8")


def test_a_bullet_new_in_one_comparison_and_dropped_in_the_next_is_named(tmp_path: Path) -> None:
    """The data records one status per bullet; a bullet both new and dropped is reported, not guessed."""
    root, _ = with_fixture(tmp_path)
    table = root / "clauses/requirements/icp-2019-integration.yaml"
    text = table.read_text(encoding="utf-8")
    text = text.replace("        derives_from: [mcp-2016-int-transfers-of-care]\n", "        status: new\n")
    write(root, "clauses/requirements/icp-2019-integration.yaml", text)
    later = root / "clauses/requirements/icp-2021-integration.yaml"
    later_text = later.read_text(encoding="utf-8")
    later.write_text(later_text.replace("    derives_from:\n    - icp-2019-int-transfers-of-care\n", "    status: new\n"),
                     encoding="utf-8")
    found = [p for p in problems(root) if "icp-2019-int-transfers-of-care" in p and "new in" in p]
    line = text.splitlines().index("        status: new") + 1
    assert found == [
        f"clauses/requirements/icp-2019-integration.yaml:{line}:17: requirement 'icp-2019-int-transfers-of-care' is new "
        "in 'icp-2019' (compared from 'mcp-2016') and carried into 'icp-2021' by no requirement; the data cannot record "
        "both yet, so name it in the 'derives_from' of the 'icp-2021' requirement that comes closest"]


# Every text that names the versions the guide covers is worded from the data.

def test_the_banner_footer_and_description_of_every_page_name_it(site3: Path) -> None:
    framed = 0
    for path in sorted(site3.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if 'class="md-banner"' not in html:
            continue  # a page without Material's frame (a redirect)
        framed += 1
        banner = re.search(r'<p class="gpia-announce">(.*?)</p>', html, re.S)
        assert banner, path
        assert visible(banner.group(1)) == (
            "This guide covers guidance published in December 2016 (MCP 2016), August 2019 (ICP 2019) and January "
            "2021 (ICP 2021 (fictional)). Check current policy before relying on it."), path
        footer = re.search(r'<div class="md-copyright__highlight">(.*?)</div>', html, re.S)
        assert footer and visible(footer.group(1)) == (
            "Source wording is quoted from publications of NHS England (2016), NHS England and NHS Improvement (2019) "
            "and Nobody (invented for the guide's tests) (2021). Explanations and examples are the guide's own words "
            "and are labelled as such."), path
    assert framed > 100
    home = page(site3, ".")
    description = re.search(r'<meta name="description" content="([^"]*)">', home)
    assert description and "how the MCP 2016, ICP 2019 and ICP 2021 (fictional) versions differ" in visible(
        description.group(1))


def test_the_home_page_names_it_in_its_tasks_and_its_documents(site3: Path) -> None:
    text = visible(page(site3, "."))
    # The fictional source is `status: current`: the guidance is no longer all historical.
    assert "Everything quoted here comes from three documents: " in text
    assert ("Fictional 2021 revision (test fixture, not an NHS document) (Nobody (invented for the guide's tests), "
            "January 2021; the guide's ICP 2021 (fictional)). ICP 2021 (fictional) is current; the others are "
            "historical.") in text
    # The task list's comparison is the one /compare/ shows: the newest.
    assert "What changed in 2021 The ICP 2019 and ICP 2021 (fictional) requirements side by side" in text
    assert "an MCP in 2016, an ICP in 2019, an ICP in 2021" in text


def _version_lists(text: str, names: list[str]) -> list[str]:
    """Runs of two or more version names (labels or years) that a sentence lists: "2016 and 2019",
    "MCP 2016, ICP 2019", "2016, 2019 and 2021"."""
    name = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return [m.group(0) for m in re.finditer(rf"(?<![\w-])(?:{name})(?:(?:, | and |, and )(?:{name}))+(?![\w-])", text)]


def test_no_hand_written_page_lists_the_versions_itself() -> None:
    """A list of the versions on a hand-written page is a macro's (worded from the data), never typed in
    docs/ or CONTRIBUTING.md, where a new version would be left out of it. Readers' own words are not
    the guide's: a page's search words (`also_known_as` in its front matter) and a query quoted as code
    are what a reader types."""
    versions = yaml.safe_load((ROOT / "clauses/versions.yaml").read_text(encoding="utf-8"))["versions"]
    names = [v["label"] for v in versions] + [y for v in versions for y in re.findall(r"(?<!\d)\d{4}(?!\d)", v["label"])]
    found = {}
    for path in [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "CONTRIBUTING.md"]:
        text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"`[^`\n]*`", "", " ".join(text.split()))
        found[path.relative_to(ROOT).as_posix()] = _version_lists(text, names)
    assert {path: lists for path, lists in found.items() if lists} == {}


def test_the_hand_written_pages_lists_of_versions_name_it(site3: Path) -> None:
    listed = {"about-search": "by document (MCP 2016, ICP 2019, ICP 2021 (fictional))",
              "checklist": "Every placeholder in the 2016, 2019 and 2021 requirement tables",
              "data": "the alignment of the 2016, 2019 and 2021 requirements"}
    for doc, words in listed.items():
        assert words in visible(page(site3, doc)), doc
    # The comparison /compare/ shows, and its Word document, are the newest pair's.
    assert "The comparison of ICP 2019 and ICP 2021 (fictional) is a Word document" in visible(page(site3, "data"))


def test_no_theme_template_or_config_names_a_version() -> None:
    """The frame of every page is worded by the build: overrides/ and mkdocs.yml name no version or year."""
    named = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\b(?:MCP|ICP)\b")
    found = [f"{p.relative_to(ROOT)}:{n}" for p in [ROOT / "mkdocs.yml", *sorted((ROOT / "overrides").rglob("*.html"))]
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if named.search(line)]
    assert found == []


# A bullet moves when its row changes or its order among the bullets carried forward changes.

def _drop_middle_bullet(root: Path) -> None:
    """The fixture's row 1 without its second bullet: its third, word for word the same, is now second."""
    later = root / "clauses/requirements/icp-2021-integration.yaml"
    text = later.read_text(encoding="utf-8")
    bullet = ("  - id: icp-2021-int-unplanned-care-routes\n    text: Develop simplified, integrated and coordinated routes "
              "into unplanned care, including through the use of clinical hubs where agreed\n    derives_from:\n"
              "    - icp-2019-int-unplanned-care-routes\n")
    assert bullet in text
    later.write_text(text.replace(bullet, ""), encoding="utf-8")
    earlier = root / "clauses/requirements/icp-2019-integration.yaml"
    text = earlier.read_text(encoding="utf-8")
    carried = "        derives_from: [mcp-2016-int-unplanned-care-routes, mcp-2016-int-clinical-hub-model]\n"
    assert carried in text
    earlier.write_text(text.replace(carried, carried + "        status: dropped\n"), encoding="utf-8")


def test_a_drop_before_a_bullet_does_not_move_it(tmp_path: Path) -> None:
    root, _ = with_fixture(tmp_path)
    _drop_middle_bullet(root)
    assert problems(root) == []
    kb = load_or_raise(root, check_wording=False)
    pairing = default_pairing(kb)
    pair = next(p for p in compare(kb, None, pairing).pairs if p.new.id == "icp-2021-int-transfers-of-care")
    assert (pair.new.bullet, pair.old[0].bullet) == (2, 3)
    assert pair.kind == "unchanged"
    assert compare(kb, None, pairing).counts()["moved"] == 0


def test_a_bullet_printed_in_another_order_among_those_carried_forward_is_moved(tmp_path: Path) -> None:
    root, _ = with_fixture(tmp_path)
    _drop_middle_bullet(root)
    later = root / "clauses/requirements/icp-2021-integration.yaml"
    text = later.read_text(encoding="utf-8")
    first = re.search(r"  - id: icp-2021-int-reduce-variation\n(?:    .*\n)+", text).group(0)
    last = re.search(r"  - id: icp-2021-int-transfers-of-care\n(?:    .*\n)+", text).group(0)
    later.write_text(text.replace(first + last, last + first), encoding="utf-8")
    kb = load_or_raise(root, check_wording=False)
    kinds = {p.new.id: p.kind for p in compare(kb, None, default_pairing(kb)).pairs}
    assert kinds["icp-2021-int-transfers-of-care"] == "moved"  # printed first, after the 2019 row's first bullet
    assert kinds["icp-2021-int-reduce-variation"] == "reworded"  # reworded wherever it is printed


def _data_line(html: str) -> list[str]:
    line = re.search(r'<p class="gpia-reviewed" data-pagefind-ignore>Data: (.*?)</p>', html, re.S)
    assert line, "no Data: line"
    return re.findall(r"<code>([^<]+)</code>", line.group(1))


def test_a_comparisons_data_line_names_the_files_of_its_versions(site3: Path) -> None:
    assert _data_line(page(site3, "compare")) == [
        "clauses/requirements/icp-2019-integration.yaml", "clauses/requirements/icp-2021-integration.yaml"]
    assert _data_line(page(site3, EARLIER)) == [
        "clauses/requirements/icp-2019-governance.yaml", "clauses/requirements/icp-2019-integration.yaml",
        "clauses/requirements/mcp-2016-governance.yaml", "clauses/requirements/mcp-2016-integration.yaml"]
    # Linked through 2019: the chain follows the 2019 table's derives_from too.
    assert _data_line(page(site3, CHAINED)) == [
        "clauses/requirements/icp-2019-integration.yaml", "clauses/requirements/icp-2021-integration.yaml",
        "clauses/requirements/mcp-2016-integration.yaml"]


# A mistyped ancestor: the suggestion is a requirement of the version compared from, never the record's own.

def _mistype(root: Path, old: str, new: str) -> int:
    """Replace `old` in the fixture's 2021 table; the line of the replacement."""
    path = root / "clauses/requirements/icp-2021-integration.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


@pytest.mark.parametrize("old, new, col, wrong, meant", [
    # Closest of all ids to the record's own: 'icp-2021-int-digital-access' used to be suggested.
    ("    status: new\n    why: \"Test fixture: the fictional revision adds",
     "    derives_from: [icp-2019-int-digital-access]\n    why: \"Test fixture: the fictional revision adds",
     20, "icp-2019-int-digital-access", "icp-2019-int-primary-access"),
    # Reported once: the 2019 bullet it suggests is not reported again as carried forward by no 2021 bullet.
    ("    - icp-2019-int-organisational-development\n", "    - icp-2021-int-organisational-developmen\n",
     7, "icp-2021-int-organisational-developmen", "icp-2019-int-organisational-development"),
], ids=["matched among the older version's requirements", "reported once"])
def test_a_mistyped_ancestor_is_one_problem_suggesting_a_requirement_of_the_older_version(
        tmp_path: Path, old: str, new: str, col: int, wrong: str, meant: str) -> None:
    root, _ = with_fixture(tmp_path)
    line = _mistype(root, old, new)
    assert problems(root) == [
        f"clauses/requirements/icp-2021-integration.yaml:{line}:{col}: 'derives_from' refers to '{wrong}', but no "
        f"requirement has that id; did you mean '{meant}'?"]


def test_a_heading_printed_as_a_plain_line_says_how_headings_are_read(tmp_path: Path) -> None:
    root, sources = with_fixture(tmp_path)
    extract = sources / "fixture_2021_revision.txt"
    text = extract.read_text(encoding="utf-8")
    heading = "# The integration commitments in the fictional revision\n"
    line = text[:text.index(heading)].count("\n") + 1
    extract.write_text(text.replace(heading, heading[2:]), encoding="utf-8")
    section = (root / "clauses/requirements/icp-2021-integration.yaml").read_text(encoding="utf-8").splitlines()
    at = next(n for n, s in enumerate(section, 1) if s.startswith("section:"))
    assert problems(root, sources) == [
        f"clauses/requirements/icp-2021-integration.yaml:{at}:10: 'section' is in source 'fictional-2021-revision', but "
        f"as a plain line (line {line} of fixture_2021_revision.txt), not a heading: a heading is a line that starts "
        "with '#', or a line that the extract's Contents list names, and the extract has no Contents list; start "
        f"line {line} of fixture_2021_revision.txt with '# ' (or give the extract a Contents list that names it), or "
        "correct 'section'"]
    # With a Contents list that names it, the plain line is a heading, as in the FAQs' extract.
    extract.write_text(text.replace(heading, "Contents\nThe integration commitments in the fictional revision\t1\n\n"
                                    + heading[2:]), encoding="utf-8")
    assert problems(root, sources) == []


def _key_examples(html: str) -> str:
    key = re.search(r'<div class="gpia-legend">.*?</div>', html, re.S)
    assert key
    example = re.search(r"<p>For example, from this comparison: .*?</p>", key.group(0), re.S)
    assert example, "the key has no example"
    return example.group(0)


def test_the_redline_keys_example_is_a_change_of_the_comparison_shown(site3: Path, kb3: KnowledgeBase) -> None:
    example = _key_examples(page(site3, "compare"))
    # The shortest change of words among the 2019 -> 2021 redlines, with its place, and a link to it.
    assert visible(example) == ("For example, from this comparison: …potential acute illness deleted: enablinginserted: and enable "
                                "the provision of anticipatory… (ICP 2021 (fictional) row 2. Identification of "
                                "Service Users, bullet 2).")
    assert 'href="../compare/icp-2021-int-identification/#cmp-icp-2021-int-anticipatory-care"' in example
    old, new = kb3.requirements["icp-2019-int-anticipatory-care"].text, kb3.requirements["icp-2021-int-anticipatory-care"].text
    assert "enabling" in old and "and enable the" in new
    # The earlier pair's key shows a change of its own, and a change of punctuation alone.
    earlier = visible(_key_examples(page(site3, EARLIER)))
    assert earlier == ("For example, from this comparison: …initiatives within the deleted: MCPinserted: ICP care model [specific… "
                       "(ICP 2019 row 3. Participation in and signposting to core ICP services, bullet 1); and "
                       "…simplifiedinserted: , integrated… (ICP 2019 row 1. Agreement of common protocols, bullet 2).")


def test_the_whole_documents_page_says_which_comparison_it_shows_and_why(site3: Path) -> None:
    html = page(site3, "compare/text")
    which = re.search(r'<div class="gpia-prose-which">(.*?)</div>', html, re.S)
    assert which
    assert visible(which.group(1)) == (
        "This page compares the whole documents of MCP 2016 and ICP 2019.Another declared comparison is not shown "
        "here:ICP 2019 → ICP 2021 (fictional): ICP 2021 (fictional) has no document file yet (clauses/documents/), "
        "so only their tables are compared, on the page linked")
    assert re.findall(r'<a href="([^"]+)">', which.group(1)) == ["../../compare/"]
