"""A copy of the data whose free-text fields carry markup, script, a javascript: link and template
syntax: the site must build from it and show every one of them as plain text."""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import yaml

from gpia.problems import Problem
from gpia.yaml_loader import load_yaml_file

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "{{ config }}",
    "{% include 'x' %}",
    "</title></textarea><script>alert(2)</script>",
)
HOSTILE = " " + " ".join(PAYLOADS)

# Our-words fields (summaries, definitions, notes...) and the free text of the schedule examples:
# text an editor types, which the views must escape.
FIELDS = {"summary", "definition", "note", "says", "short", "drafting_note", "why", "guidance", "title", "name"}


def poison(value: Any, changed: list[str]) -> Any:
    """`value` with HOSTILE appended to every string held under one of FIELDS, at any depth; the
    keys changed are appended to `changed`."""
    if isinstance(value, dict):
        poisoned = {}
        for key, item in value.items():
            if key in FIELDS and isinstance(item, str):
                poisoned[key] = item + HOSTILE
                changed.append(key)
            else:
                poisoned[key] = poison(item, changed)
        return poisoned
    if isinstance(value, list):
        return [poison(item, changed) for item in value]
    return value


def poison_data(root: Path) -> list[str]:
    """Rewrite every YAML file under `root` (a copy from conftest.copy_data) with the strict
    loader's reading of it, poisoned, under the file's leading comments (the editor modeline);
    return the keys of the values changed."""
    changed: list[str] = []
    for file in sorted(root.rglob("*.yaml")):
        document = load_yaml_file(file, file.relative_to(root).as_posix())
        assert not isinstance(document, Problem), str(document)
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        comments = "".join(itertools.takewhile(lambda line: line.startswith("#"), lines))
        poisoned = poison(document.data, changed)
        file.write_text(comments + yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False, width=10_000),
                        encoding="utf-8")
    return changed
