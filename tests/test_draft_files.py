"""The files the drafting pack tool (/draft/) reads, made at build time from the data.

They follow the data with no code change (a new version, requirement, decision or schedule field),
the Word template is the site's one Word writer's document with an empty body, the blank pack holds
every decision and blank schedule, and the page itself holds none of the data, so its size does not
grow with the corpus (the requirements come per task, as JSON, when a task is opened)."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest

from conftest import page
from gpia.knowledge_base import load_or_raise
from gpia.model.current import current
from gpia.model.records import KnowledgeBase
from gpia.pages import word
from gpia.pages.draft_tool import (BLANK_PACK_PATH, DATA, PACK_STYLES, SCHEMA_FILE, SCHEMA_PATH, TEMPLATE_PATH,
                                   current_tables, draft_files, pack_schedules, text_hash)
from gpia.pages.generated import generated_files
from gpia.views.common import BuildViews
from test_third_version import with_fixture

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def files_of(kb: KnowledgeBase) -> dict[str, bytes]:
    return draft_files(kb, BuildViews.for_knowledge_base(kb).view())


@pytest.fixture(scope="module")
def files(kb: KnowledgeBase) -> dict[str, bytes]:
    return files_of(kb)


def test_the_build_adds_the_tools_files(kb: KnowledgeBase) -> None:
    uris = {f.uri for f in generated_files(kb)}
    assert {TEMPLATE_PATH, BLANK_PACK_PATH, SCHEMA_PATH, DATA + "index.json", DATA + "decisions.json"} <= uris


def test_the_index_names_the_current_version_and_a_task_per_table_and_schedule(kb: KnowledgeBase, files: dict) -> None:
    index = json.loads(files[DATA + "index.json"])
    newest = list(kb.versions)[-1]
    assert index["version"]["id"] == newest == current(kb)
    assert index["version"]["label"] == kb.versions[newest].label
    tasks = [t["id"] for t in index["tasks"]]
    assert tasks[:2] == ["parties", "decisions"] and tasks[-1] == "check"
    assert [t for t in tasks if t in ("governance", "integration")] == list(current_tables(kb))
    schedules = [t["schedule"] for t in index["tasks"] if t["kind"] == "schedule"]
    assert schedules == [s.id for s in pack_schedules(kb)] and schedules
    for task in index["tasks"]:
        if "data" in task:
            assert DATA + task["data"] in files


def test_every_requirement_of_the_current_version_row_by_row(kb: KnowledgeBase, files: dict) -> None:
    version = current(kb)
    wanted = [r.id for t in kb.tables.values() if t.version == version for a in t.areas for r in a.requirements]
    found = []
    for kind in current_tables(kb):
        data = json.loads(files[f"{DATA}requirements-{kind}.json"])
        for row in data["rows"]:
            for r in row["requirements"]:
                assert r["text"] == kb.requirements[r["id"]].text
                assert r["hash"] == text_hash(r["text"])
                found.append(r["id"])
    assert sorted(found) == sorted(wanted)
    placeholders = [d for kind in current_tables(kb) for row in json.loads(files[f"{DATA}requirements-{kind}.json"])["rows"]
                    for r in row["requirements"] for d in r["defers"]]
    assert placeholders and all(d["task"] == d["schedule"] for d in placeholders if d["task"])


def test_decisions_carry_their_options_and_source_wording(kb: KnowledgeBase, files: dict) -> None:
    decisions = json.loads(files[DATA + "decisions.json"])
    assert [d["id"] for d in decisions] == list(kb.decisions)
    for d in decisions:
        assert d["options"] == list(kb.decisions[d["id"]].options)
        assert len(d["rests_on"]) == len(kb.decisions[d["id"]].rests_on) and all(q["words"] for q in d["rests_on"])


def test_schedules_are_blank_forms_with_the_example_apart(kb: KnowledgeBase, files: dict) -> None:
    for s in pack_schedules(kb):
        data = json.loads(files[f"{DATA}{s.id}.json"])
        assert [f["id"] for f in data["fields"]] == [f.id for f in s.fields]
        assert all("value" not in f for f in data["fields"])
        if s.example:
            assert set(data["example"]["values"]) <= {f.id for f in s.fields}


def test_the_template_is_the_site_word_document_with_an_empty_body(files: dict) -> None:
    template = zipfile.ZipFile(io.BytesIO(files[TEMPLATE_PATH]))
    made = zipfile.ZipFile(io.BytesIO(word.Draft("x", "y", "2026-01-01").docx()))
    # One style declaration: the styles and section are those of every other Word file of the site.
    assert template.read("word/styles.xml") == made.read("word/styles.xml")
    from lxml import etree
    body = etree.fromstring(template.read("word/document.xml")).find(f"{W}body")
    made_body = etree.fromstring(made.read("word/document.xml")).find(f"{W}body")
    assert [child.tag for child in body] == [f"{W}sectPr"]
    assert etree.tostring(body[0]) == etree.tostring(made_body.find(f"{W}sectPr"))
    assert b"/word/comments.xml" in template.read("[Content_Types].xml")
    assert b'Target="comments.xml"' in template.read("word/_rels/document.xml.rels")
    styles = json.loads(files[DATA + "index.json"])["styles"]
    assert set(styles) == set(PACK_STYLES)
    xml = template.read("word/styles.xml").decode()
    for key, style_id in styles.items():
        assert f'w:styleId="{style_id}"' in xml, key
    assert styles["nhs"] != styles["normal"] and styles["note"] != styles["normal"]


def test_the_blank_pack_holds_every_decision_and_blank_schedule(kb: KnowledgeBase, files: dict) -> None:
    text = "\n".join(word.document_text(files[BLANK_PACK_PATH]))
    for d in kb.decisions.values():
        assert d.title in text
    for s in pack_schedules(kb):
        assert s.label in text
        for f in s.fields:
            assert f.label in text
    assert kb.versions[current(kb)].label in text


def test_the_draft_schema_is_a_valid_schema_that_refuses_strangers() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    good = {"format": "gpia-draft", "format_version": 1, "version": "a-version", "parties": {"site": "S"},
            "decisions": {"d-1": {"choice": 0, "note": "n"}}, "requirements": {"r-1": {"action": "reword", "text": "t",
                                                                                     "hash": "0123456789abcdef"}},
            "own": {"row-1": ["x"]}, "schedules": {"s": {"f": [["a", "b"]], "g": ["x"], "h": "y"}}, "done": {"parties": True}}
    jsonschema.validate(good, schema)
    for bad in ({**good, "extra": 1}, {**good, "parties": {"site": 5}}, {**good, "requirements": {"r": {"action": "drop"}}},
                {**good, "decisions": {"Bad Id": {}}}, {**good, "parties": {"site": "x" * 20001}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_the_page_holds_none_of_the_data(built_site: Path, kb: KnowledgeBase) -> None:
    html = page(built_site, "draft/")
    assert len(html.encode()) < 150_000
    assert not any(r.text in html for r in kb.requirements.values())
    assert 'href="blank-pack.docx"' in html
    for linked_from in ("", "checklist/", f"schedules/{pack_schedules(kb)[0].id}/"):
        assert "draft/" in page(built_site, linked_from)


def test_a_third_version_flows_into_the_tool_with_no_code_change(tmp_path: Path) -> None:
    root, sources = with_fixture(tmp_path)
    third = load_or_raise(root, sources)
    newest = list(third.versions)[-1]
    files = files_of(third)
    index = json.loads(files[DATA + "index.json"])
    assert index["version"]["id"] == newest
    shown = {r["id"] for kind in current_tables(third)
             for row in json.loads(files[f"{DATA}requirements-{kind}.json"])["rows"] for r in row["requirements"]}
    wanted = {r.id for r in third.requirements.values() if r.version == newest}
    assert shown == wanted and wanted
