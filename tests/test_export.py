"""Downloads and published schemas: complete, round-tripping, deterministic, and on the built site."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from gpia.export import RECORD_KINDS, csv_files, download_files, knowledge_base_json, published_schemas
from gpia.layout import SCHEMA_DIR
from gpia.load import load_knowledge_base
from gpia.model import KnowledgeBase

from conftest import ROOT, SOURCES

FIXED_TAIL = ["provenance", "references", "referenced_by", "last_reviewed"]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    result = load_knowledge_base(ROOT, SOURCES)
    assert result.knowledge_base is not None, result.problems
    return result.knowledge_base


@pytest.fixture(scope="module")
def document(kb: KnowledgeBase) -> dict:
    return json.loads(knowledge_base_json(kb))


def test_json_round_trips(kb: KnowledgeBase, document: dict) -> None:
    assert json.dumps(document, ensure_ascii=False, indent=2) + "\n" == knowledge_base_json(kb)


def test_json_holds_all_57_requirements_and_9_faqs(kb: KnowledgeBase, document: dict) -> None:
    ids = {kind: [r["id"] for r in document["records"] if r["kind"] == kind] for kind, _ in RECORD_KINDS}
    assert len(ids["requirement"]) == 57 and ids["requirement"] == list(kb.requirements)
    assert len(ids["question"]) == 9 and ids["question"] == list(kb.questions)
    assert document["counts"] == {kind: len(getattr(kb, attribute)) for kind, attribute in RECORD_KINDS}
    assert len(document["records"]) == sum(document["counts"].values())


def test_every_record_has_id_kind_provenance_references_and_review_date(document: dict) -> None:
    for record in document["records"]:
        keys = list(record)
        assert keys[:2] == ["id", "kind"] and keys[-4:] == FIXED_TAIL, record["id"]
        assert list(record["provenance"]) == ["file", "source", "section", "row"]
        assert re.fullmatch(r"(clauses|faq)/[a-z0-9/-]+\.yaml", record["provenance"]["file"]), record["id"]
        if record["kind"] not in ("table", "faq-section"):
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["last_reviewed"]), record["id"]


def test_requirement_record_in_full(document: dict) -> None:
    record = next(r for r in document["records"] if r["id"] == "icp-2019-int-stratification")
    assert record["text"] == ("Apply stratification approaches at practice level [specific requirements set out in "
                              "relevant schedule]")
    assert record["defers_to"] == [{"schedule": "schedule-stratification",
                                    "placeholder": "[specific requirements set out in relevant schedule]"}]
    assert record["provenance"] == {"file": "clauses/requirements/icp-2019-integration.yaml", "source": "icp-2019-faqs",
                                    "section": "How can the GP IA capture integration commitments?", "row": "2."}
    assert "schedule-stratification" in record["references"]
    assert record["derives_from"] and record["change_shown"] in ("unchanged", "reworded", "moved", "merged", "split")
    ancestor = next(r for r in document["records"] if r["id"] == record["derives_from"][0])
    assert record["id"] in ancestor["derived_into"]


def test_nested_records_are_named_by_id_not_copied(document: dict) -> None:
    area = next(r for r in document["records"] if r["id"] == "icp-2019-int-identification")
    assert "icp-2019-int-stratification" in area["requirements"]
    section = next(r for r in document["records"] if r["kind"] == "faq-section" and r["id"] == "faq-section-introduction")
    assert section["questions"] == ["faq-purpose-of-gp-ia", "faq-who-is-gp-ia-for"]


def test_one_csv_per_kind_with_the_json_columns(kb: KnowledgeBase, document: dict) -> None:
    files = csv_files(kb)
    assert sorted(files) == sorted(f"data/{kind}.csv" for kind, _ in RECORD_KINDS)
    for kind, attribute in RECORD_KINDS:
        rows = list(csv.reader(io.StringIO(files[f"data/{kind}.csv"], newline="")))
        first = next(r for r in document["records"] if r["kind"] == kind)
        expected = [c for key in first for c in ([f"provenance_{k}" for k in first[key]] if key == "provenance" else [key])]
        assert rows[0] == expected, kind
        assert len(rows) == 1 + len(getattr(kb, attribute)), kind


def test_csv_headers_and_cells(kb: KnowledgeBase) -> None:
    files = csv_files(kb)
    assert files["data/citation.csv"].splitlines()[0] == (
        "id,kind,title,publisher,published,url,provenance_file,provenance_source,provenance_section,provenance_row,"
        "references,referenced_by,last_reviewed")
    question = next(row for row in csv.DictReader(io.StringIO(files["data/question.csv"], newline=""))
                    if row["id"] == "faq-purpose-of-gp-ia")
    assert question["question"] == "What is the purpose of a GP Integration Agreement?"
    assert question["relates_to"].split("\n")[:2] == ["gp-ia", "icp-contract"]  # one id per line in the cell
    assert json.loads(question["answer"])[0]["kind"] == "paragraph"  # structured fields are JSON
    assert question["provenance_section"] == "1. Introduction to the GP Integration Agreement"


def test_downloads_are_deterministic(kb: KnowledgeBase) -> None:
    again = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert again is not None
    assert download_files(kb) == download_files(kb) == download_files(again)


def test_schemas_are_published_byte_for_byte() -> None:
    schemas = published_schemas()
    assert sorted(schemas) == sorted(f"schema/{p.name}" for p in SCHEMA_DIR.glob("*.json"))
    for uri, content in schemas.items():
        assert content == (SCHEMA_DIR / uri.removeprefix("schema/")).read_bytes()


def test_downloads_and_schemas_are_on_the_built_site(built_site: Path, kb: KnowledgeBase) -> None:
    for uri, content in download_files(kb).items():
        assert (built_site / uri).read_bytes() == content.encode("utf-8"), uri  # CSV lines end CRLF
    for uri, content in published_schemas().items():
        assert (built_site / uri).read_bytes() == content, uri


def test_data_page_links_every_download_with_its_count(built_site: Path, kb: KnowledgeBase) -> None:
    markup = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr>\s*<td><a href="requirement.csv">requirement.csv</a></td>(.*?)</tr>', markup, re.S)
    assert row and re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))[1] == "57"
    row = re.search(r'<tr>\s*<td><a href="knowledge-base.json">knowledge-base.json</a></td>(.*?)</tr>', markup, re.S)
    total = sum(len(getattr(kb, attribute)) for _, attribute in RECORD_KINDS)
    assert row and re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))[1] == str(total)
    for kind, _ in RECORD_KINDS:
        assert f'href="{kind}.csv"' in markup, kind
    assert 'href="../schema/schedule.json"' in markup
    assert "Open Government Licence v3.0" in markup and "CC BY 4.0" in markup
    assert "NHS England and NHS Improvement" in markup  # publishers come from the data
