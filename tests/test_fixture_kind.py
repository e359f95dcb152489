"""A kind declared once: a kind the core has never heard of, registered from tests/fixtures/kind with
only its Kind entry and model class (fixture_notice.py), its schema (notices.json), its page and list
templates, its `make new` template and a data file, gets everything a kind gets: validation, a page
per record, a paged list, a part of the printed guide, its CSV and its place in the JSON download, a search label and `make new`.

The registry reads GPIA_KINDS once, when it is first imported, so each check runs in a process of
its own, on a copy of the project's data with the fixture laid over it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "kind"
NOTICES = "clauses/notices.yaml"

# What a process with the fixture kind registered finds, as JSON: read once for the tests below.
PROBE = r"""
import json, sys
from pathlib import Path
from gpia.knowledge_base import load_or_raise
from gpia.model.kinds import KIND, LAYOUT, MAKE_NEW
from gpia.model.recipes import RECIPES
from gpia.pages.generated import generated_files
from gpia.pages.search import SearchMarks
from gpia.sitemap import LISTS, kind_csvs
from gpia.validate.guide_blocks import new_kinds

kb = load_or_raise(Path(sys.argv[1]), check_wording=False)
files = {f.uri: f.content for f in generated_files(kb)}
marks = SearchMarks(kb)
print(json.dumps({
    "records": sorted(kb.records("notices")),
    "layout": [list(p) for p in LAYOUT if p[1] == "notices"],
    "lists": {name: folder for name, folder in LISTS.items() if name == "notices"},
    "csvs": {k: v for k, v in kind_csvs().items() if k == "notice"},
    "make_new": list(MAKE_NEW),
    "recipe": [getattr(RECIPES["notice"], f) for f in ("template", "file_kind", "parent", "list_key")]
              if "notice" in RECIPES else None,
    "guide_block": new_kinds(),
    "files": {uri: content.decode("utf-8") if isinstance(content, bytes) else content for uri, content in files.items()
              if "notice" in uri or uri in ("data/knowledge-base.json", "schema/download/knowledge-base.json")},
    # The marks Pagefind reads, written into a notice's page as the build writes them into every page.
    "search": marks.page_html('<html><body><article class="md-content__inner md-typeset"><p>text</p></article>'
                              '</body></html>', {"record": "notice", "id": "notice-fixture-opening-hours"},
                              "notices/notice-fixture-opening-hours.md", True),
}))
"""


def _env(root: Path, registered: bool = True) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "scripts"), str(root)])}
    env.pop("GPIA_KINDS", None)
    if registered:
        env["GPIA_KINDS"] = "fixture_notice"
    return env


def _python(root: Path, *args: str, registered: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=root, env=_env(root, registered),
                          capture_output=True, text=True, timeout=300)


def _project(tmp_path: Path) -> Path:
    """The project's data and make new's templates, with the fixture laid over them."""
    for folder in ("clauses", "faq", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    return tmp_path


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = _project(tmp_path_factory.mktemp("fixture-kind"))
    done = _python(root, "-c", PROBE, str(root))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_registry_derives_its_file_layout_and_list(probed: dict[str, Any]) -> None:
    assert probed["records"] == ["notice-fixture-new-phone-line", "notice-fixture-opening-hours"]
    assert probed["layout"] == [[NOTICES, "notices"]]
    assert probed["lists"] == {"notices": "notices/"}


def test_a_bad_record_is_named_at_its_line_and_column(tmp_path: Path) -> None:
    root = _project(tmp_path)
    data = root / NOTICES
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("    title: A new phone line", "    titel: A new phone line")
                    .replace("terms: [term-mcp]", "terms: [term-nope]"), encoding="utf-8")
    done = _python(root, "-m", "gpia", "validate", "--root", str(root), "--skip-wording")
    assert done.returncode == 1
    assert done.stderr.splitlines()[:2] == [
        f"{NOTICES}:8:5: missing required field 'title' in notices[1] ('notice-fixture-new-phone-line'); add it",
        f"{NOTICES}:9:5: unknown field 'titel' in notices[1] ('notice-fixture-new-phone-line'); remove it or "
        "correct its spelling (allowed here: body, id, last_reviewed, terms, title)",
    ]
    # Once the schema passes, the second pass checks its references like any kind's.
    data.write_text(text.replace("terms: [term-mcp]", "terms: [term-nope]"), encoding="utf-8")
    done = _python(root, "-m", "gpia", "validate", "--root", str(root), "--skip-wording")
    assert done.stderr.splitlines()[0] == \
        f"{NOTICES}:6:13: 'terms' refers to 'term-nope', but no term has that id; did you mean 'term-gp'?"
    assert "Traceback" not in done.stderr


def test_unregistered_the_data_file_is_not_part_of_the_knowledge_base(tmp_path: Path) -> None:
    root = _project(tmp_path)
    done = _python(root, "-m", "gpia", "validate", "--root", str(root), "--skip-wording", registered=False)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith(f"{NOTICES}:1:1: this file is not part of the knowledge base;")


def test_each_record_has_its_page_from_the_page_template(probed: dict[str, Any]) -> None:
    page = probed["files"]["notices/notice-fixture-opening-hours.md"]
    assert page.startswith("---\nrender_macros: false\ngpia_generated: {record: notice, id: notice-fixture-opening-hours}\n---\n")
    assert "# Opening hours of the fixture surgery { #notice-fixture-opening-hours }" in page
    assert ('<div class="fixture-notice"><p>The fixture surgery is open on weekdays; this notice exists only for '
            "the tests.</p><p>Terms: term-mcp</p></div>") in page
    assert 'Every notice: <a href="../../notices/">Local notices</a>.' in page
    assert "Last reviewed 2026-12-01 · data: <code>clauses/notices.yaml</code>" in page
    assert "notices/notice-fixture-new-phone-line.md" in probed["files"]


def test_the_list_and_its_first_page_come_from_the_list_template(probed: dict[str, Any]) -> None:
    page = probed["files"]["notices.md"]
    # A first page is searched like a hand-written one; later pages are not.
    assert page.startswith("---\nrender_macros: false\ngpia_generated: {list: notices, page: 1}\n---\n# Local notices\n\n")
    assert ('<li><a href="../notices/notice-fixture-opening-hours/">Opening hours of the fixture surgery</a>: '
            "The fixture surgery is open on weekdays; this notice exists only for the tests.</li>") in page
    assert page.index("notice-fixture-opening-hours/") < page.index("notice-fixture-new-phone-line/")


def test_it_is_a_part_of_the_printed_guide(probed: dict[str, Any]) -> None:
    page = probed["files"]["print/notices.md"]
    assert page.startswith("---\nrender_macros: false\nsearch: {exclude: true}\ngpia_generated: {print: notices, page: 1}\n---\n")
    assert "Local notices" in page
    assert page.index("Opening hours of the fixture surgery") < page.index("notice-fixture-new-phone-line")


def test_its_csv_and_its_records_in_the_json_download(probed: dict[str, Any]) -> None:
    assert probed["csvs"] == {"notice": "data/notice.csv"}
    rows = probed["files"]["data/notice.csv"].lstrip("\ufeff").splitlines()
    assert rows[0] == ('"id","kind","title","body","terms","provenance_file","provenance_source","provenance_section",'
                       '"provenance_row","references","referenced_by","last_reviewed"')
    assert rows[1].startswith('"notice-fixture-opening-hours","notice","Opening hours of the fixture surgery",')
    download = json.loads(probed["files"]["data/knowledge-base.json"])
    assert download["counts"]["notice"] == 2
    notice = next(r for r in download["records"] if r["id"] == "notice-fixture-opening-hours")
    assert notice["kind"] == "notice" and notice["terms"] == ["term-mcp"]
    assert notice["provenance"]["file"] == NOTICES
    schema = json.loads(probed["files"]["schema/download/knowledge-base.json"])
    assert "notice" in json.dumps(schema)
    # Its own schema is published with the others, as the validator reads it.
    assert json.loads(probed["files"]["schema/notices.json"]) == json.loads((FIXTURE / "notices.json").read_text())


def test_search_calls_its_pages_by_its_label(probed: dict[str, Any]) -> None:
    assert ('<div hidden data-pagefind-ignore><span data-pagefind-filter="kind">Local notice</span>'
            '<span data-pagefind-filter="audience">readers</span><span data-pagefind-meta="kind">Local notice</span>'
            '</div></article>') in probed["search"]


def test_make_new_adds_one(probed: dict[str, Any], tmp_path: Path) -> None:
    assert probed["make_new"][-1] == "notice"
    assert probed["recipe"] == ["notice.yaml", "notices", None, "notices"]
    assert ("| `notice` | `notices:` in `clauses/notices.yaml` | [templates/notice.yaml](templates/notice.yaml) | "
            "`make new KIND=notice ID=<new id>` |") in probed["guide_block"].splitlines()
    root = _project(tmp_path)
    # The Makefile's usage line lists what this prints.
    assert _python(root, "-m", "gpia", "new", "--kinds").stdout.strip().endswith("|guidance|notice")
    done = _python(root, "-m", "gpia", "new", "notice", "notice-fixture-added", "--root", str(root))
    assert done.returncode == 0, done.stderr
    assert "  - id: notice-fixture-added\n" in (root / NOTICES).read_text(encoding="utf-8")
    # What it adds is the template's, to be filled in: the validator says so, at the new record.
    done = _python(root, "-m", "gpia", "validate", "--root", str(root), "--skip-wording")
    assert done.returncode == 1
    assert all(line.startswith(f"{NOTICES}:") for line in done.stderr.splitlines()[:-1]), done.stderr
    assert "CHANGE ME" in done.stderr
