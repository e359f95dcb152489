"""Downloads for reuse: the whole knowledge base as one JSON file and one CSV file per kind of record.

Records are exported from the typed model field by field, so a field added to a record type is
exported without a change here. Output is deterministic (no timestamps, fixed key and record
order) so a rebuild of unchanged data gives byte-identical files and reviewable diffs.

Every CSV file of the site is written by `csv_text`, for spreadsheets: UTF-8 with a byte-order mark
(without one Excel reads UTF-8 as Windows-1252: “ becomes â€œ), no cell a spreadsheet would run as a
formula (`spreadsheet_safe`), and no row label, clause number or date that it would turn into a
number (`kept_as_text`). A CSV cell holds one value or a list of them, one per line, never JSON: a
field holding structures is spread over columns (a mapping) or rows of a CSV of its own (a list of
mappings, `data/<kind>-<field>.csv`, whose rows name their record and position). The JSON keeps
every text exactly as the data has it.
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
from gpia.model.data_version import data_version
from gpia.model.records import KnowledgeBase
from gpia.pages.download_schema import DOWNLOAD_SCHEMA_PATH, download_schema_json
from gpia.pages.export_names import exported_names
from gpia.sitemap import KNOWLEDGE_BASE_JSON, schema_files, table_csv

# (record kind, KnowledgeBase attribute), in the order records are written: the registry's order.
RECORD_KINDS: tuple[tuple[str, str], ...] = tuple((k.name, k.records) for k in STORED)  # type: ignore[misc]

JSON_PATH = KNOWLEDGE_BASE_JSON
LICENCE = {
    "nhs_wording": {
        "name": "Open Government Licence v3.0",
        "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "applies_to": "NHS England's text, quoted word for word from its publications (the fields of NHS wording): "
                      "check the terms of the source document itself, and acknowledge it, before reuse"},
    "our_words": {
        "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "applies_to": "the guide's own words (summaries, definitions, notes, drafting notes), the alignment of the "
                      "versions and the data's structure: credit \"GP Integration Agreement guide\""},
}
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
    names = {kind: exported_names(kind, cls) for kind, cls in {(k, type(r)) for k, r in records(kb)}}
    for kind, record in records(kb):
        item: dict[str, Any] = {"id": record.id, "kind": kind}
        for field_name, key in names[kind].items():
            item[key] = _plain(getattr(record, field_name), record_types)
        item.update(alignment.get(record.id, {}))
        origin = provenance(kb, KIND[kind], record)
        item["provenance"] = {"file": origin.file, "source": origin.source, "section": origin.section, "row": origin.row}
        item["references"] = sorted(outgoing.get(record.id, ()))
        item["referenced_by"] = list(incoming.get(record.id, ()))
        item["last_reviewed"] = origin.last_reviewed
        result.append(item)
    return result


def knowledge_base_json(kb: KnowledgeBase, items: list[dict[str, Any]] | None = None,
                        site_url: str | None = None) -> str:
    items = record_dicts(kb) if items is None else items
    counts: dict[str, int] = {kind: 0 for kind, _ in RECORD_KINDS}
    for item in items:
        counts[item["kind"]] += 1
    document = {
        # Relative to this file (data/knowledge-base.json), so it resolves wherever the site is served.
        "$schema": f"{site_url}{DOWNLOAD_SCHEMA_PATH}" if site_url else f"../{DOWNLOAD_SCHEMA_PATH}",
        "title": TITLE,
        "about": "Every record of the guide's knowledge base. Fields named text, question, paragraph and numbered "
                 "(and quotes' text) are NHS wording copied from the sources; summary, definition, note, says, short, "
                 "drafting_note, why and guidance are the guide's own words. See the Data and reuse page for "
                 "sources and licences.",
        "version": data_version(kb),
        "licence": LICENCE,
        "site": site_url,
        "counts": counts,
        "records": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def csv_files(kb: KnowledgeBase, items: list[dict[str, Any]] | None = None) -> dict[str, str]:
    """One CSV per kind of record (data/<kind>.csv), and one per field of a kind that holds a list of
    structures (data/<kind>-<field>.csv), keyed by site path."""
    tables: dict[str, list[dict[str, str]]] = {}
    for item in record_dicts(kb) if items is None else items:
        kind = item["kind"]
        tables.setdefault(kind, []).append(_flat(item, kind, {f"{kind}_id": item["id"]}, tables, own_keys=False))
    files = {}
    for name, rows in tables.items():
        columns: list[str] = []
        for row in rows:
            columns += [c for c in row if c not in columns]
        files[table_csv(name)] = csv_text(columns, ([row.get(c, "") for c in columns] for row in rows))
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


# What a spreadsheet turns into a number or a date when it opens a CSV, losing what was written:
# row labels ("1." becomes 1), dotted numbers ("6.10" becomes 6.1), numbers with leading zeros, and
# ISO dates (which become date-times). Whole values only; a plain integer ("3") stays a number.
_CONVERTED = re.compile(r"\d+\.|\d+(?:\.\d+)+\.?|0\d+|\d{4}-\d{2}-\d{2}")


def kept_as_text(text: str) -> str:
    """The cell text, written as the formula ="text" if a spreadsheet would otherwise convert it.

    Excel, LibreOffice Calc and Google Sheets show the formula's result, the text as written (a
    leading apostrophe, the way to type text into a cell, is kept as a character when a CSV is
    opened). Only values made of digits, dots and hyphens (_CONVERTED) are wrapped, so no text from
    the data can become a formula of its own; a program reading the CSV takes `="` and `"` off."""
    return f'="{text}"' if _CONVERTED.fullmatch(text) else text


BOM = "\ufeff"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV as the site publishes it: a byte-order mark, a header row, CRLF line endings (RFC 4180),
    every cell in double quotes, no cell that a spreadsheet would run as a formula, and none that
    it would turn into a number or a date (`kept_as_text`).

    Quoting every cell is OWASP's advice too: a spreadsheet set to split on `;` or tabs (as in many
    locales) then still cannot start a new cell, with a formula, in the middle of a text."""
    out = io.StringIO(newline="")
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([spreadsheet_safe(str(c)) for c in header])
    writer.writerows([kept_as_text(spreadsheet_safe(str(cell))) for cell in row] for row in rows)
    return out.getvalue()


@once_per_knowledge_base
def download_files(kb: KnowledgeBase, site_url: str | None = None) -> dict[str, str]:
    """Site path -> content of every data download (`site_url`: the site's address, if known)."""
    items = record_dicts(kb)
    return {JSON_PATH: knowledge_base_json(kb, items, site_url), **csv_files(kb, items)}


def published_schemas() -> dict[str, bytes]:
    """Site path -> bytes of each JSON Schema: each kind of data file's, exactly as the validator reads
    it (schema/<file>.json), and the download's (DOWNLOAD_SCHEMA_PATH, made from the model)."""
    schemas = {uri: path.read_bytes() for uri, path in schema_files().items()}
    return {**schemas, DOWNLOAD_SCHEMA_PATH: download_schema_json().encode("utf-8")}



def _plain(value: Any, record_types: tuple[type, ...]) -> Any:
    # A record inside another (an area's requirements, a section's questions) is exported on its
    # own; here it is named by id so nothing is written twice.
    if isinstance(value, record_types):
        # A passage without an id of its own is where a table, question or FAQ section is printed:
        # named by that record's id.
        return value.id if value.id is not None else getattr(value, "ref", None)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), record_types) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v, record_types) for v in value]
    if isinstance(value, dict):
        return _Entries((str(k), _plain(v, record_types)) for k, v in value.items())
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


class _Entries(dict):
    """A mapping from the data (keyed by its ids, such as an example's values by field id), as
    opposed to a record's or structure's fields: in the CSVs, rows of a table of its own."""


def _flat(item: dict[str, Any], table: str, keys: dict[str, str], tables: dict[str, list[dict[str, str]]],
          prefix: str = "", own_keys: bool = True) -> dict[str, str]:
    """One CSV row of `table`: its `keys` first (the row of the table above it, unless `own_keys` is
    false), fields of a structure spread over columns (provenance -> provenance_file, ...), a list of
    texts one per line in its cell, and a list of structures or a mapping from the data (_Entries)
    moved to rows of a table of its own, `<table>-<column>`, each naming the row it belongs to
    (`keys`) and its position or key."""
    row: dict[str, str] = dict(keys) if own_keys and not prefix else {}
    for key, value in item.items():
        column = f"{prefix}{key}"
        if isinstance(value, _Entries):
            entries = [({f"{column}_key": str(k)}, v) for k, v in value.items()]
        elif isinstance(value, list) and any(isinstance(v, (list, dict)) for v in value):
            entries = [({f"{column}_position": str(n)}, v) for n, v in enumerate(value, 1)]
        elif isinstance(value, dict):
            row.update(_flat(value, table, keys, tables, f"{column}_"))
            continue
        else:
            row[column] = _cell(value)
            continue
        for where, element in entries:
            element = element if isinstance(element, dict) and not isinstance(element, _Entries) else {"value": element}
            tables.setdefault(f"{table}-{column}", []).append(
                _flat(element, f"{table}-{column}", {**keys, **where}, tables))
    return row


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "\n".join(_cell(v) for v in value)
    return str(value)
