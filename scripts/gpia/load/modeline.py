"""The editor modeline on line 1 of every data file.

VS Code's YAML extension (yaml-language-server) reads `# yaml-language-server: $schema=<path>` to
give autocomplete, field descriptions and errors while a policy team member types. A file without
it, or pointing at another kind's schema, silently loses that help (or offers the wrong fields),
so the validator insists on the exact line and prints it for the author to paste.
"""
from __future__ import annotations

import os
from pathlib import Path

from gpia.load.layout import SCHEMA_DIR, schema_path
from gpia.load.problems import Problem

PREFIX = "# yaml-language-server: $schema="
SCHEMA_FOLDER = "scripts/gpia/schemas"


def expected_modeline(relative: str, kind: str, root: Path | None = None) -> str:
    """The line a data file at `relative` (from the project root) must start with."""
    schema = schema_path(kind)
    if schema.parent != SCHEMA_DIR and root is not None:
        # A kind registered from outside the core (gpia.model.kinds.register): its schema where it is.
        return f"{PREFIX}{Path(os.path.relpath(schema, (root / relative).parent)).as_posix()}"
    up = "../" * relative.count("/")
    return f"{PREFIX}{up}{SCHEMA_FOLDER}/{kind}.json"


def first_line(file: Path) -> str:
    # Decoding errors are the loader's to report; here they only must not hide the modeline.
    with file.open(encoding="utf-8", errors="replace") as handle:
        return handle.readline().removeprefix("\ufeff").rstrip("\r\n")


def modeline_problem(line: str, relative: str, kind: str, root: Path | None = None) -> Problem | None:
    """A problem at file:1:1 unless `line` is exactly the modeline for this file and kind (under root)."""
    expected = expected_modeline(relative, kind, root)
    if line.rstrip() == expected:
        return None
    if line.startswith(PREFIX):
        found = line[len(PREFIX):].strip()
        return Problem(relative, 1, 1, f"the editor modeline points at '{found}', but this file holds {kind} data; "
                                       f"make line 1 exactly: {expected}")
    return Problem(relative, 1, 1, "the first line must be the editor modeline that gives autocomplete in VS Code; "
                                   f"insert this as line 1: {expected}")
