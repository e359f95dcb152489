"""The parts of CONTRIBUTING.md that the code decides, generated from it so they cannot drift.

Four lists: the fields that hold NHS wording (verbatim.WORDING_FIELDS), the kinds `make new`
knows (gpia.model.recipes.RECIPES), the fields each kind of record must have and the records that
take the words readers type for them, `also_known_as` (both from the JSON Schemas).
Each sits in CONTRIBUTING.md between an opening `generated: NAME` comment and its closing `end
generated: NAME` comment; `make guide` (gpia.tools.guide) rewrites them, a test fails if they are
stale, and the site's /contributing/ page (gpia.views.contributing) puts the freshly generated lists
in their place.
"""
from __future__ import annotations

import re
from typing import Any

from gpia.load.layout import LAYOUT
from gpia.model.recipes import RECIPES
from gpia.validate.references import RECORD_PLACES
from gpia.validate.schema_check import schema_for
from gpia.validate.verbatim import WORDING_FIELDS

GUIDE = "CONTRIBUTING.md"
_BLOCK = re.compile(r"(<!-- generated: ([a-z-]+) -->\n)(.*?)(<!-- end generated: \2 -->)", re.S)


def _field(pattern: tuple[str, ...]) -> str:
    return ".".join("[]" if part == "*" else part for part in pattern).replace(".[]", "[]")


def wording_fields() -> str:
    rows = ["| file | field | must be, word for word |", "|---|---|---|"]
    for kind, pattern, what in WORDING_FIELDS:
        # The facets of an agreement share their fields: one row for all of them.
        row = f"| {kind} | `{re.sub(r'facets[.][a-z_]+', 'facets.<facet>', _field(pattern))}` | {what} |"
        if row not in rows:
            rows.append(row)
    return "\n".join(rows)


def new_kinds() -> str:
    rows = ["| KIND | where it goes | template | command |", "|---|---|---|---|"]
    for kind, recipe in RECIPES.items():
        within = f" IN=<{recipe.parent} id>" if recipe.parent else ""
        where = next(pattern for pattern, file_kind in LAYOUT if file_kind == recipe.file_kind)
        where = f"a new file `{where}`" if not recipe.list_key else f"`{recipe.list_key}:` in `{where}`"
        rows.append(f"| `{kind}` | {where} | "
                    f"[templates/{recipe.template}](templates/{recipe.template}) | "
                    f"`make new KIND={kind} ID=<new id>{within}` |")
    return "\n".join(rows)


def record_schema(file_kind: str, pattern: tuple[Any, ...]) -> dict[str, Any]:
    """The part of a file kind's schema that describes the records at `pattern`."""
    schema = schema_for(file_kind)
    node = _resolve(schema, schema)
    for part in pattern:
        node = _resolve(schema, node.get("items", {}) if part == "*" else node.get("properties", {}).get(part, {}))
    return node


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        target: Any = schema_for(file.removesuffix(".json")) if file else root
        root = target
        for part in filter(None, pointer.split("/")):
            target = target[part]
        node = target
    return node


def required_fields() -> str:
    rows = ["| record | in | required fields |", "|---|---|---|"]
    for file_kind, pattern, record_kind in RECORD_PLACES:
        required = record_schema(file_kind, pattern).get("required", ())
        if required:
            rows.append(f"| {record_kind} | {file_kind} | {', '.join(f'`{r}`' for r in required)} |")
    return "\n".join(rows)


def readers_words() -> str:
    """The records that take the words readers type for them (`also_known_as`), with its limits."""
    rows: list[str] = []
    limits: dict[str, Any] = {}
    for file_kind, pattern, record_kind in RECORD_PLACES:
        field = record_schema(file_kind, pattern).get("properties", {}).get("also_known_as")
        if field:
            limits = _resolve(schema_for(file_kind), field)
            rows.append(f"| {record_kind} | {file_kind} |")
    if not rows:
        return ""
    item = limits["items"]
    return "\n".join(["| record | in |", "|---|---|", *rows, "",
                      f"At most {limits['maxItems']} per record, each once, {item['minLength']} to "
                      f"{item['maxLength']} characters."])


BLOCKS = {"wording-fields": wording_fields, "new-kinds": new_kinds, "required-fields": required_fields,
          "readers-words": readers_words}


def refreshed(text: str) -> str:
    """text with every generated block rewritten from the code."""
    def block(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in BLOCKS:
            raise ValueError(f"{GUIDE}: unknown generated block '{name}'; known: {', '.join(BLOCKS)}")
        return f"{match.group(1)}{BLOCKS[name]()}\n{match.group(4)}"
    return _BLOCK.sub(block, text)
