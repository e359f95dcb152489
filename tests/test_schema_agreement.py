"""The published schemas (what an editor checks while you type) and `make validate` agree.

Each fixture is read as PyYAML reads it (YAML 1.1, as .vscode/settings.json tells the editor to),
then checked twice: by the JSON Schema served at /schema/<kind>.json alone, and by the validator.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from gpia.pages.export import published_schemas
from gpia.load.layout import data_files
from gpia.model.kinds import file_kind
from gpia.load.yaml_loader import YamlDocument, parse_yaml

from conftest import ROOT, problems

FILES = [p.relative_to(ROOT).as_posix() for p in data_files(ROOT)]


def editor_accepts(relative: str, text: str) -> bool:
    kind = file_kind(relative)
    schema = json.loads(published_schemas()[f"schema/{kind}.json"])
    doc = parse_yaml(text, relative)
    return isinstance(doc, YamlDocument) and Draft202012Validator(schema).is_valid(doc.data)


def validator_accepts(root: Path, relative: str) -> bool:
    return not [p for p in problems(root) if p.startswith(relative + ":")]


@pytest.mark.parametrize("relative", FILES)
def test_real_files_pass_both(relative: str) -> None:
    assert editor_accepts(relative, (ROOT / relative).read_text(encoding="utf-8"))
    assert validator_accepts(ROOT, relative)


# (file, text to find, replacement): each breaks the schema in a different way.
BREAKS = [
    ("clauses/glossary.yaml", "  - id: term-mcp\n", "  - id: term-mcp\n    colour: blue\n"),  # unknown field
    ("clauses/glossary.yaml", "    term: multispecialty community provider\n", ""),  # missing required field
    ("clauses/clauses.yaml", 'number: "6.1(e)"', "number: 6.1"),  # a number where text is needed
    ("clauses/citations.yaml", "last_reviewed: 2026-11-25", "last_reviewed: 25/11/2026"),  # date form
    ("faq/01-introduction.yaml", "id: faq-purpose-of-gp-ia", "id: FAQ_Purpose"),  # id pattern
    ("clauses/requirements/icp-2019-governance.yaml", "table: governance", "table: oversight"),  # enum
    ("faq/01-introduction.yaml", "relates_to: [gp-ia,", "relates_to: [gp-ia, gp-ia,"),  # unique items
]


@pytest.mark.parametrize("relative, old, new", BREAKS, ids=[f"{b[0]}:{b[2].strip()[:20]}" for b in BREAKS])
def test_broken_files_fail_both(data_copy: Path, relative: str, old: str, new: str) -> None:
    path = data_copy / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    assert not editor_accepts(relative, broken)
    assert not validator_accepts(data_copy, relative)
