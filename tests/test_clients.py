"""The Word downloads opened by a real client: Debian's LibreOffice (libreoffice-writer-nogui, set up
by `make office`). Every Word file converts to PDF (one soffice process for all of them) on A4 pages
with its footer's page numbers; the comparison accepts, in LibreOffice, to the newer bullets and
rejects to the older, each whole; and the checklist's boxes are content controls LibreOffice reads."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gpia.compare.pairs import default_pairing
from gpia.model.records import KnowledgeBase
from gpia.pages.compare_docx import comparison_files
from gpia.pages.drafting import DONE_LINE, decisions_docx, drafting_files
from gpia.views.common import BuildViews

pytestmark = pytest.mark.clients

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, which has LibreOffice's uno module (python3-uno)
HERE = Path(__file__).resolve().parent
A4_POINTS = {(595, 842), (842, 595)}


@pytest.fixture(scope="module")
def word_dir(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not Path(SOFFICE).exists():
        pytest.fail("LibreOffice is not installed: run `make office` (Debian's libreoffice-writer-nogui)")
    folder = tmp_path_factory.mktemp("word")
    files = {**drafting_files(kb), **comparison_files(kb),
             "data/before-you-sign.docx": decisions_docx(BuildViews.for_knowledge_base(kb).view())}
    for path, content in files.items():
        (folder / Path(path).name).write_bytes(content)
    return folder


@pytest.fixture(scope="module")
def pdf_dir(word_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    documents = sorted(str(p) for p in word_dir.glob("*.docx"))
    result = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                             "pdf", "--outdir", str(out), *documents], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


def _pdfinfo(pdf: Path) -> tuple[int, set[tuple[int, int]]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = {(round(float(w)), round(float(h))) for w, h in re.findall(r"size:\s+([\d.]+) x ([\d.]+) pts", info)}
    return pages, sizes


def test_every_word_file_converts_to_pdf_on_a4_pages_with_page_numbers(word_dir: Path, pdf_dir: Path) -> None:
    documents = sorted(word_dir.glob("*.docx"))
    assert len(documents) == 26
    for document in documents:
        pdf = pdf_dir / (document.stem + ".pdf")
        assert pdf.exists(), f"{document.name} did not convert"
        pages, sizes = _pdfinfo(pdf)
        assert pages >= 1 and sizes <= A4_POINTS, (document.name, sizes)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        numbers = re.findall(r"Page (\d+) of (\d+)", text)
        assert numbers == [(str(n), str(pages)) for n in range(1, pages + 1)], document.name


def test_the_wide_indicator_table_lays_out_on_fewer_pages(kb: KnowledgeBase, pdf_dir: Path) -> None:
    """Schedule 5's worked example took 13 portrait pages with 10 columns of 0.6 inch; landscape,
    with no column under 2 cm, it takes at most half that (6 pages when measured)."""
    example = next(s for s in kb.schedules.values() if s.example and any(f.kind == "kpi-table" for f in s.fields))
    pages, sizes = _pdfinfo(pdf_dir / f"{example.id}-example.pdf")
    assert pages <= 7 and (842, 595) in sizes


def _office(action: str, *paths: Path) -> dict[str, list[list[str]]]:
    profile = paths[0].parent / f"lo-uno-{action}"
    result = subprocess.run([SYSTEM_PYTHON, str(HERE / "office_uno.py"), str(profile), action, *map(str, paths)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_libreoffice_accepts_the_comparison_to_the_newer_bullets_and_rejects_it_to_the_older(
        kb: KnowledgeBase, word_dir: Path) -> None:
    pairing = default_pairing(kb)
    document = word_dir / f"compare-{pairing.old}-{pairing.new}.docx"
    tables = [t for t in kb.tables.values() if t.kind in pairing.kinds]
    headings = 2 * len(pairing.kinds)
    for action, version in (("accept", pairing.new), ("reject", pairing.old)):
        paragraphs = _office(action, document)[document.name]
        wording = [text for style, text in paragraphs if style == "NHS Wording"]
        bullets = [r.text for t in tables if t.version == version for a in t.areas for r in a.requirements]
        assert wording[:headings] == [x for t in tables if t.version == version for x in (t.section, t.column_heading)]
        assert sorted(t for t in wording[headings:] if t) == sorted(bullets), action


def test_libreoffice_reads_each_checklist_box_under_its_item(kb: KnowledgeBase, word_dir: Path) -> None:
    paragraphs = _office("none", word_dir / "before-you-sign.docx")["before-you-sign.docx"]
    titles = [d.title for d in kb.decisions.values()]
    headings = [n for n, (style, _) in enumerate(paragraphs) if style == "Heading 1"]
    assert [paragraphs[n][1] for n in headings] == titles
    assert [paragraphs[n + 1][1] for n in headings] == [f"☐ {DONE_LINE}"] * len(titles)


def test_the_before_you_sign_checklist_prints_on_half_a_page_an_item(kb: KnowledgeBase, pdf_dir: Path) -> None:
    """The readers' target: nine items under five A4 pages (12 pages when each answer was quoted
    whole, 6 with each passage once; 4 with each passage alone, set a point smaller, and the
    spacing of a contract's body text)."""
    pages, sizes = _pdfinfo(pdf_dir / "before-you-sign.pdf")
    assert len(kb.decisions) == 9 and sizes == {(595, 842)}
    assert pages <= len(kb.decisions) // 2, f"{pages} pages for {len(kb.decisions)} items"
