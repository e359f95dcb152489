"""Downloads for reuse: the whole knowledge base as one JSON file and one CSV file per kind of record.

Records are exported from the typed model field by field, so a field added to a record type is
exported without a change here. Output is deterministic (no timestamps, fixed key and record
order) so a rebuild of unchanged data gives byte-identical files and reviewable diffs.

Every CSV file of the site is written by `csv_text`, which keeps spreadsheets from reading a cell
as a formula (see `spreadsheet_safe`); the JSON keeps every text exactly as the data has it.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from gpia.model.backlinks import backlinks, reference_pairs
from gpia.compare.pairs import direct_pairings
from gpia.compare.redline import compare
from gpia.model.derived import once_per_knowledge_base
from gpia.model.kinds import KIND, STORED, provenance
from gpia.model.records import KnowledgeBase
from gpia.sitemap import KNOWLEDGE_BASE_JSON, kind_csv, schema_files

# (record kind, KnowledgeBase attribute), in the order records are written: the registry's order.
RECORD_KINDS: tuple[tuple[str, str], ...] = tuple((k.name, k.records) for k in STORED)  # type: ignore[misc]
# Where each position is recorded rather than what the record says: left out of the export
# (`path` becomes provenance.file; line numbers move with every edit above them).
_INTERNAL_FIELDS = frozenset({"id", "path", "line", "last_reviewed"})
# Model fields whose names clash with the export's own keys, under the name the YAML gives them.
_RENAMED = {("table", "kind"): "table", ("comparison", "old"): "from", ("comparison", "new"): "to"}
_OWN_KEYS = frozenset({"id", "kind", "provenance", "references", "referenced_by", "last_reviewed"})

JSON_PATH = KNOWLEDGE_BASE_JSON
TITLE = "GP Integration Agreement guide: knowledge base"


def records(kb: KnowledgeBase) -> Iterator[tuple[str, Any]]:
    """(kind, record) for every record, in export order."""
    for kind, attribute in RECORD_KINDS:
        for record in getattr(kb, attribute).values():
            yield kind, record


def record_dicts(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every record as plain JSON values, keys in a fixed order:
    id, kind, the record's own fields, provenance, references, referenced_by, last_reviewed."""
    record_types = tuple({type(record) for _, record in records(kb)})
    outgoing: dict[str, set[str]] = {}
    for origin, target in reference_pairs(kb):
        if origin != target:
            outgoing.setdefault(origin, set()).add(target)
    incoming = backlinks(kb)
    alignment = _alignment(kb)
    result = []
    for kind, record in records(kb):
        item: dict[str, Any] = {"id": record.id, "kind": kind}
        for f in dataclasses.fields(record):
            if f.name not in _INTERNAL_FIELDS:
                name = _RENAMED.get((kind, f.name), f.name)
                item[f"{kind}_{name}" if name in _OWN_KEYS else name] = _plain(getattr(record, f.name), record_types)
        item.update(alignment.get(record.id, {}))
        origin = provenance(kb, KIND[kind], record)
        item["provenance"] = {"file": origin.file, "source": origin.source, "section": origin.section, "row": origin.row}
        item["references"] = sorted(outgoing.get(record.id, ()))
        item["referenced_by"] = list(incoming.get(record.id, ()))
        item["last_reviewed"] = origin.last_reviewed
        result.append(item)
    return result


def knowledge_base_json(kb: KnowledgeBase, items: list[dict[str, Any]] | None = None) -> str:
    items = record_dicts(kb) if items is None else items
    counts: dict[str, int] = {kind: 0 for kind, _ in RECORD_KINDS}
    for item in items:
        counts[item["kind"]] += 1
    document = {
        "title": TITLE,
        "about": "Every record of the guide's knowledge base. Fields named text, question, paragraph and numbered "
                 "(and quotes' text) are NHS wording copied from the sources; summary, definition, note, says, short, "
                 "drafting_note, why and guidance are the guide's own words. See the Data and reuse page for "
                 "sources and licences.",
        "counts": counts,
        "records": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def csv_files(kb: KnowledgeBase, items: list[dict[str, Any]] | None = None) -> dict[str, str]:
    """One CSV per kind of record, keyed by its site path (data/<kind>.csv)."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for item in record_dicts(kb) if items is None else items:
        by_kind.setdefault(item["kind"], []).append(_flat(item))
    files = {}
    for kind, rows in by_kind.items():
        columns: list[str] = []
        for row in rows:
            columns += [c for c in row if c not in columns]
        files[kind_csv(kind)] = csv_text(columns, ([row.get(c, "") for c in columns] for row in rows))
    return files


# A spreadsheet reads a cell that begins with one of these as a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Spreadsheets may trim leading spaces or quotes before they look at a cell, so a formula character
# after them counts too.
_FORMULA_AFTER_PADDING = re.compile(r"[\s\"']*[=+\-@]")


def spreadsheet_safe(text: str) -> str:
    """The cell text, with a single quote in front if a spreadsheet could read it as a formula.

    The quote makes Excel, LibreOffice and Google Sheets show the cell as text. It is the only
    change, so a program can undo it: a cell that begins with a quote had one added exactly when
    the rest of the cell would itself be changed by this function."""
    if text.startswith(FORMULA_START) or _FORMULA_AFTER_PADDING.match(text):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV as the site publishes it: a header row, CRLF line endings (RFC 4180), every cell in double
    quotes, and no cell that a spreadsheet would run as a formula.

    Quoting every cell is OWASP's advice too: a spreadsheet set to split on `;` or tabs (as in many
    locales) then still cannot start a new cell, with a formula, in the middle of a text."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([spreadsheet_safe(str(c)) for c in header])
    writer.writerows([spreadsheet_safe(str(cell)) for cell in row] for row in rows)
    return out.getvalue()


@once_per_knowledge_base
def download_files(kb: KnowledgeBase) -> dict[str, str]:
    """Site path -> content of every data download."""
    items = record_dicts(kb)
    return {JSON_PATH: knowledge_base_json(kb, items), **csv_files(kb, items)}


def published_schemas() -> dict[str, bytes]:
    """Site path -> bytes of each JSON Schema, exactly as the validator reads it (schema/<kind>.json)."""
    return {uri: path.read_bytes() for uri, path in schema_files().items()}


def _plain(value: Any, record_types: tuple[type, ...]) -> Any:
    # A record inside another (an area's requirements, a section's questions) is exported on its
    # own; here it is named by id so nothing is written twice.
    if isinstance(value, record_types):
        return value.id
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), record_types) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v, record_types) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v, record_types) for k, v in value.items()}
    return value


def _alignment(kb: KnowledgeBase) -> dict[str, dict[str, Any]]:
    """For requirements: the newer bullets each bullet became, and the change kind the guide shows in
    the declared comparison to its version."""
    into: dict[str, list[str]] = {}
    for r in kb.requirements.values():
        for ancestor in r.derives_from:
            into.setdefault(ancestor, []).append(r.id)
    kinds = {pair.new.id: pair.kind for p in direct_pairings(kb) for pair in compare(kb, None, p).pairs}
    return {r.id: {"derived_into": into.get(r.id, []), "change_shown": kinds.get(r.id)}
            for r in kb.requirements.values()}


def _flat(item: dict[str, Any]) -> dict[str, str]:
    """One CSV row: provenance spread over columns, lists one value per line, structures as JSON."""
    row: dict[str, str] = {}
    for key, value in item.items():
        if key == "provenance":
            row.update({f"provenance_{k}": _cell(v) for k, v in value.items()})
        else:
            row[key] = _cell(value)
    return row


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)
