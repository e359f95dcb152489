"""The drafting pack tool at /draft/: the data it reads, the Word template it writes into, the blank pack.

The page (docs/draft.md) is whole without scripts: it says what the tool does and links the blank
pack, a Word file made here (the decisions, then each schedule's blank template). With scripts,
docs/assets/draft.js reads the files written here, one per task, fetched when the task is opened,
so the page stays the same size however many requirements the data holds:

- draft/data/index.json: the version drafted against (the current one, from the data), the tasks,
  and the Word style ids the pack uses (looked up in the template, so no style is named twice);
- draft/data/decisions.json: every decision with its options and the source wording it rests on;
- draft/data/requirements-<table kind>.json: every requirement of the current version, row by row,
  with a hash of its text (an imported draft says what changed in the national text since);
- draft/data/schedule-<id>.json: a schedule's blank template as fields, and its worked example;
- draft/pack-template.docx: the site's Word document (gpia.pages.word) with an empty body and an
  empty comments part, into which the browser writes the pack's body;
- draft/blank-pack.docx and schema/draft.json (the JSON Schema of a saved draft).

Nothing here names a version: "current" is the last of clauses/versions.yaml (gpia.model.current).
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from xml.sax.saxutils import escape
from pathlib import Path
from typing import Any

from lxml import etree

from gpia.model.checklist import EXAMPLE_ANCHOR, TEMPLATE_ANCHOR
from gpia.model.current import current
from gpia.model.records import KnowledgeBase, Kpi, Schedule
from gpia.model.schedule_links import TABLE_KINDS
from gpia.sitemap import (BLANK_PACK_PATH, DATA, DRAFT_FOLDER as FOLDER, DRAFT_SCHEMA_PATH as SCHEMA_PATH,
                          TEMPLATE_PATH, current_tables, pack_schedules, schedule_task)
from gpia.model.urls import section_url, url_of
from gpia.pages import word
from gpia.pages.drafting import BLANK, KIND_NAMES, KPI_COLUMNS, kpi_row, number

SCHEMA_FILE = Path(__file__).with_name("draft_schema.json")
# What each kind of requirement table is called as a task (the kinds are gpia.model.schedule_links').
TABLE_TASKS = {"governance": "Shared governance", "integration": "Integration commitments"}
# The Word styles the pack uses, by the names gpia.pages.word declares; their ids are read from the template.
PACK_STYLES = {"title": "Title", "heading1": "Heading 1", "heading2": "Heading 2", "heading3": "Heading 3",
               "normal": "Normal", "list": "List Bullet", "note": word.NOTE_STYLE, "nhs": word.NHS_STYLE,
               "label": word.LABEL_STYLE, "table": "Table Grid"}
COMMENTS_PART = "word/comments.xml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def text_hash(text: str) -> str:
    """A short fingerprint of a national text: a draft stores it, an import compares it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":")).encode("utf-8")


def draft_files(kb: KnowledgeBase, view: Any) -> dict[str, bytes]:
    """Site path -> bytes of every file of the tool (`view`, the build's, gives the source wording)."""
    files: dict[str, bytes] = {}
    template = pack_template(max(v.last_reviewed for v in kb.versions.values()))
    files[TEMPLATE_PATH] = template
    files[DATA + "index.json"] = _json(_index(kb, template))
    files[DATA + "decisions.json"] = _json(_decisions(kb, view))
    for kind, tables in current_tables(kb).items():
        files[f"{DATA}requirements-{kind}.json"] = _json(_requirements(kb, tables))
    for s in pack_schedules(kb):
        files[f"{DATA}{s.id}.json"] = _json(_schedule(kb, s))
    files[BLANK_PACK_PATH] = blank_pack(kb, view, template)
    files[SCHEMA_PATH] = SCHEMA_FILE.read_bytes()
    return files


def _index(kb: KnowledgeBase, template: bytes) -> dict[str, Any]:
    v = kb.versions[current(kb)]
    tasks: list[dict[str, str]] = [{"id": "parties", "title": "Parties", "kind": "parties"}]
    if kb.decisions:
        tasks.append({"id": "decisions", "title": "Decisions", "kind": "decisions", "data": "decisions.json"})
    for kind in current_tables(kb):
        tasks.append({"id": kind, "title": TABLE_TASKS.get(kind, kind.capitalize()), "kind": "requirements",
                      "data": f"requirements-{kind}.json"})
    for s in pack_schedules(kb):
        tasks.append({"id": schedule_task(s.id), "title": s.label, "kind": "schedule", "schedule": s.id,
                      "data": f"{s.id}.json"})
    tasks.append({"id": "check", "title": "Check and download", "kind": "check"})
    return {"version": {"id": v.id, "label": v.label, "agreement": v.agreement, "provider": v.provider},
            "tasks": tasks, "styles": style_ids(template), "template": "../pack-template.docx",
            "schema": "../../schema/draft.json"}


def _decisions(kb: KnowledgeBase, view: Any) -> list[dict[str, Any]]:
    found = []
    for d in kb.decisions.values():
        found.append({
            "id": d.id, "title": d.title, "ask": d.ask, "who_decides": d.who_decides, "options": list(d.options),
            "rests_on": [{"words": view.source_words(r), "where": view.where_printed(r)} for r in d.rests_on],
            "example": ({"label": kb.schedules[d.example].label,
                         "url": "../" + section_url(kb, d.example, EXAMPLE_ANCHOR)} if d.example else None),
        })
    return found


def _requirements(kb: KnowledgeBase, tables: list) -> dict[str, Any]:
    pack = {s.id for s in pack_schedules(kb)}
    rows = []
    for t in tables:
        for a in t.areas:
            rows.append({"id": a.id, "row": a.row, "title": a.title, "url": "../" + url_of(kb, a.id),
                         "requirements": [{
                             "id": r.id, "bullet": r.bullet, "text": r.text, "hash": text_hash(r.text),
                             "defers": [{"schedule": ref.schedule, "placeholder": ref.placeholder,
                                         "label": kb.schedules[ref.schedule].label,
                                         "task": schedule_task(ref.schedule) if ref.schedule in pack else None}
                                        for ref in r.defers_to]}
                             for r in a.requirements]})
    first = tables[0]
    return {"heading": first.column_heading, "section": first.section, "rows": rows}


def _example_value(kb: KnowledgeBase, f: Any, value: object) -> Any:
    if f.kind == "kpi-table" and isinstance(value, tuple):
        return [kpi_row(kb, k) for k in value if isinstance(k, Kpi)]
    if f.kind == "table" and isinstance(value, tuple):
        return [[str(row.get(c.id, "")) for c in f.columns] for row in value if isinstance(row, dict)]
    if f.kind == "list" and isinstance(value, tuple):
        return [str(item) for item in value]
    if f.kind == "number":
        return f"{number(value)} {f.unit or ''}".strip()
    return str(value)


def _schedule(kb: KnowledgeBase, s: Schedule) -> dict[str, Any]:
    fields = []
    for f in s.fields:
        columns = ([{"id": c.id, "label": c.label} for c in f.columns] if f.kind == "table" else
                   [{"id": f"c{i}", "label": label} for i, label in enumerate(KPI_COLUMNS)] if f.kind == "kpi-table"
                   else [])
        fields.append({"id": f.id, "label": f.label, "kind": f.kind, "kind_name": KIND_NAMES[f.kind],
                       "required": f.required, "guidance": f.guidance, "unit": f.unit, "columns": columns})
    example = None
    if s.example:
        example = {"site": s.example.site, "about": s.example.about,
                   "url": "../" + section_url(kb, s.id, EXAMPLE_ANCHOR),
                   "values": {f.id: _example_value(kb, f, s.example.values[f.id])
                              for f in s.fields if f.id in s.example.values}}
    return {"id": s.id, "label": s.label, "summary": s.summary, "url": "../" + section_url(kb, s.id, TEMPLATE_ANCHOR),
            "fields": fields, "example": example}


def pack_template(reviewed: str) -> bytes:
    """The site's Word document with nothing in its body but its section properties, and an empty
    comments part (with its relationship and content type) for the browser to fill."""
    document = word.new_document("Drafting pack", "A local GP Integration Agreement drafting pack", reviewed)
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return _with_comments(word.docx_bytes(document))


def _with_comments(docx: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for name in names:
            data = source.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/comments.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>')
            elif name == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdGpiaComments" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/comments" '
                                    b'Target="comments.xml"/></Relationships>')
            _store(target, name, data)
        if COMMENTS_PART not in names:
            _store(target, COMMENTS_PART, (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                           f'<w:comments xmlns:w="{_W}"/>').encode())
    return out.getvalue()


def _store(target: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    target.writestr(info, data)


def style_ids(template: bytes) -> dict[str, str]:
    """The style id of each of PACK_STYLES in the template's styles part (by w:name)."""
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(template)).read("word/styles.xml"))
    found: dict[str, str] = {}
    for style in styles.iter(f"{{{_W}}}style"):  # read with an XML parser, in the part's order
        name, style_id = style.find(f"{{{_W}}}name"), style.get(f"{{{_W}}}styleId")
        if name is not None and name.get(f"{{{_W}}}val") and style_id:
            found.setdefault(name.get(f"{{{_W}}}val").lower(), style_id)
    return {key: found.get(name.lower(), found["normal"]) for key, name in PACK_STYLES.items()}


def blank_pack(kb: KnowledgeBase, view: Any, template: bytes) -> bytes:
    """The pack before anything is entered: every decision with its options and source wording, then
    every schedule's blank template, for readers without scripts (and to print). Written into the
    template as WordprocessingML directly, as the page's script writes the filled pack (python-docx
    took 9 s for the 110 schedules of a corpus ten times the real one; this takes a fraction)."""
    v = kb.versions[current(kb)]
    ids = style_ids(template)
    body: list[str] = []

    def paragraph(style: str | None, text: str, label: str = "") -> None:
        props = f'<w:pPr><w:pStyle w:val="{ids[style]}"/></w:pPr>' if style else ""
        runs = (_run(label, bold=True) if label else "") + _run(text)
        body.append(f"<w:p>{props}{runs}</w:p>")

    def table(headings: list[str]) -> None:
        width = 9000 // len(headings)
        cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{_run(h, bold=True)}</w:p></w:tc>'
                        for h in headings)
        blank = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{_run(BLANK)}</w:p></w:tc>'
                        for _ in headings)
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in headings)
        body.append(f'<w:tbl><w:tblPr><w:tblStyle w:val="{ids["table"]}"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
                    f"<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>{cells}</w:tr>"
                    f"<w:tr>{blank}</w:tr></w:tbl><w:p/>")

    paragraph("title", f"Drafting pack (blank): {v.agreement}")
    paragraph("note", f"A blank drafting pack for a local agreement, drafted against {v.label}: the decisions a "
              "site takes before signing, then each schedule's blank template. The guide's own words are styled as "
              "notes; NHS wording is quoted with its source.", "About this pack (not NHS wording): ")
    if kb.decisions:
        paragraph("heading1", "Decisions")
        for d in kb.decisions.values():
            paragraph("heading2", d.title)
            paragraph("note", d.ask, "What to settle (not NHS wording): ")
            paragraph("note", d.who_decides, "Who decides (not NHS wording): ")
            paragraph("note", "Options (not NHS wording):")
            for option in d.options:
                paragraph("list", option)
            for record_id in d.rests_on:
                paragraph("nhs", f"“{view.source_words(record_id)}”")
                paragraph("note", f"Source wording: {view.where_printed(record_id)}")
            paragraph(None, BLANK, "Decision: ")
    for s in pack_schedules(kb):
        paragraph("heading1", s.label)
        paragraph("note", s.summary, "What goes in this schedule (not NHS wording): ")
        for f in s.fields:
            need = "required" if f.required else "optional"
            paragraph("heading2", f"{f.label} ({need}, {KIND_NAMES[f.kind]})")
            paragraph("note", f.guidance, "Drafting note (not NHS wording): ")
            if f.kind in ("table", "kpi-table"):
                table([c.label for c in f.columns] if f.kind == "table" else list(KPI_COLUMNS))
            else:
                paragraph(None, BLANK)
    return with_body(template, "".join(body))


# Characters XML 1.0 cannot hold.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(_NOT_XML.sub("", text))}</w:t></w:r>'


def with_body(template: bytes, body: str) -> bytes:
    """The template with `body` (WordprocessingML paragraphs and tables) before its section properties."""
    source = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                xml = data.decode("utf-8")
                at = xml.rindex("<w:sectPr")
                data = (xml[:at] + body + xml[at:]).encode("utf-8")
            _store(target, name, data)
    return out.getvalue()
