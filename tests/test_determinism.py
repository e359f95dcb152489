"""The same input gives the same site, file for file and byte for byte.

The whole site is compared, every file of it: pages, the CSV and JSON downloads, the published
schemas and all of Pagefind's index (the text of every page, its words, its filters and the files
that name them). Pagefind writes its filters in an order that changes from run to run; the build
puts them in one order (gpia.pages.search_order), and this is the test that it does. Only the
gzipped sitemap carries the build date (MkDocs writes the day of the build into its gzip header;
sitemap.xml lists no page while mkdocs.yml has no site_url, and would then date every page the
same way), so it is reproducible only with SOURCE_DATE_EPOCH, which `make build` sets.
"""
from __future__ import annotations

import struct
from pathlib import Path

import pytest

from gpia.pages.site_folder import EMPTIED_PREFIX

from conftest import ROOT, mkdocs_build

DAY = 24 * 60 * 60
EPOCH = 1764028800  # 2025-11-25
STALE = "an-older-page/index.html"
LEFT_BEHIND = f"{EMPTIED_PREFIX}1/old/index.html"


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _build(site: Path, epoch: int, monkeypatch: pytest.MonkeyPatch, plainly: bool = False) -> dict[str, bytes]:
    """The site built on the day of `epoch`: in two processes with the navigation shared, or `plainly`,
    in one process rendering the navigation into every page."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    monkeypatch.setenv("GPIA_BUILD_PROCESSES", "1" if plainly else "2")
    if plainly:
        monkeypatch.setenv("GPIA_SHARED_NAV", "off")
    else:
        monkeypatch.delenv("GPIA_SHARED_NAV", raising=False)
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    # Each build was made as it says (on a machine with one core both would be made in one process).
    assert ("gpia: the pages are shared between two processes" in result.stderr) == (not plainly), result.stderr
    return _tree(site)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes], dict[str, bytes]]:
    """Two builds on the same date and one on the next day. The first and the last share their pages
    between two processes (gpia_mkdocs/two_processes.py) and make the downloads on the other core
    (gpia.pages.generated); the second does everything in one process and renders the navigation into
    every page itself (GPIA_SHARED_NAV=off), so the two being identical also shows that two processes
    make the site one makes, and that the navigation rendered once and shared by the pages not in it
    (gpia_mkdocs/shared_nav.py) is theirs."""
    root = tmp_path_factory.mktemp("determinism")
    with pytest.MonkeyPatch.context() as monkeypatch:
        first = _build(root / "one", EPOCH, monkeypatch)
        second = _build(root / "two", EPOCH, monkeypatch, plainly=True)
        # The last is built over the first, as `make build` builds over the last build: the first's files,
        # a file no build makes and what a build killed midway left of the files it was deleting
        # (gpia.pages.site_folder) must all be gone from it.
        (root / "one" / STALE).parent.mkdir(parents=True)
        (root / "one" / STALE).write_text("a page of an older build", encoding="utf-8")
        (root / "one" / LEFT_BEHIND).parent.mkdir(parents=True)
        (root / "one" / LEFT_BEHIND).write_text("a page a killed build was deleting", encoding="utf-8")
        return first, second, _build(root / "one", EPOCH + DAY, monkeypatch)


def test_a_build_over_an_older_one_leaves_nothing_of_it(builds) -> None:
    names = set(builds[2])
    assert STALE not in names and LEFT_BEHIND not in names
    assert [name for name in names if name.startswith(".")] == []


def test_two_builds_are_identical(builds) -> None:
    first, second, _ = builds
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_the_comparison_covers_downloads_schemas_and_search(builds) -> None:
    names = set(builds[0])
    assert "data/knowledge-base.json" in names
    assert {"data/requirement.csv", "data/question.csv", "data/schedule.csv", "data/local-schedules.csv"} <= names
    # Every data kind's schema, the download's own and the drafting pack's draft file's.
    assert {"schema/schedule.json", "schema/download/knowledge-base.json", "schema/draft.json"} <= names
    assert len([n for n in names if n.startswith("schema/")]) == len(list((ROOT / "scripts/gpia/schemas").glob("*.json"))) + 2
    assert {"sitemap.xml", "sitemap.xml.gz", "index.html", "schedules/schedule-5-kpis/index.html"} <= names
    assert len([n for n in names if n.startswith("pagefind/fragment/")]) > 100  # every page's indexed text
    # The index's words, its filters (one file for each: kind, audience, version, wording), the
    # metadata that names them and the entry file that names the metadata.
    assert len([n for n in names if n.startswith("pagefind/filter/")]) == 4
    assert len([n for n in names if n.startswith("pagefind/index/")]) >= 1
    assert len([n for n in names if n.startswith("pagefind/pagefind.") and n.endswith(".pf_meta")]) == 1
    assert "pagefind/pagefind-entry.json" in names


def test_only_the_sitemap_and_the_datas_version_depend_on_the_build_date(builds) -> None:
    """The sitemap's gzip header, and the version of the data, which is the commit's time by design:
    the JSON download's `version` and the date on the printed guide's title page."""
    first, _, next_day = builds
    assert sorted(first) == sorted(next_day)
    assert [name for name in first if first[name] != next_day[name]] == [
        "data/knowledge-base.json", "print/index.html", "sitemap.xml.gz"]
    assert b'"version": "2025-11-25T00:00:00Z"' in first["data/knowledge-base.json"]
    assert b'"version": "2025-11-26T00:00:00Z"' in next_day["data/knowledge-base.json"]
    assert b"The data as of <strong>25 November 2025</strong>" in first["print/index.html"]
    # The gzip header's modification time (bytes 4-7) is the build day.
    assert struct.unpack("<I", first["sitemap.xml.gz"][4:8])[0] == EPOCH
    assert struct.unpack("<I", next_day["sitemap.xml.gz"][4:8])[0] == EPOCH + DAY
