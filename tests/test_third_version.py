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

from conftest import ROOT, SOURCES, copy_data, mkdocs_build, page, problems, visible, write
from gpia.compare.redline import redline
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
    assert "ICP 2021 (fictional) has 17 bullets: 16 derive from ICP 2019 bullets and 1 are new. ICP 2019 has 17 " \
           "bullets: 16 are carried forward and 1 are dropped." in visible(html)


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
    assert "ICP 2021 (fictional) has 17 bullets: 16 derive from MCP 2016 bullets and 1 are new." in summary
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
    versions = list(csv.DictReader(io.StringIO((site3 / "data" / "version.csv").read_text(encoding="utf-8"))))
    assert [v["id"] for v in versions] == [OLD, MIDDLE, NEW]
    requirements = list(csv.DictReader(io.StringIO((site3 / "data" / "requirement.csv").read_text(encoding="utf-8"))))
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
