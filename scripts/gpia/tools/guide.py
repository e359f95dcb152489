"""`make guide`: rewrite the parts of CONTRIBUTING.md that the code decides (or, with --check, fail
when they are out of date). The lists themselves are made by gpia.validate.guide_blocks, below the
views, which show them on the site's /contributing/ page. Also the editor's map of data files to
schemas in .vscode/settings.json, from the registry of kinds (LAYOUT), so a new kind is one there too.

    gpia guide [--check]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gpia.load.layout import SCHEMA_DIR, schema_path
from gpia.load.modeline import SCHEMA_FOLDER
from gpia.model.kinds import LAYOUT

from gpia.validate.guide_blocks import (BLOCKS, GUIDE, new_kinds, record_schema, refreshed,  # noqa: F401
                                        required_fields, wording_fields)


EDITOR_SETTINGS = ".vscode/settings.json"


def editor_settings(text: str) -> str:
    """The editor's settings with `yaml.schemas` mapping each file kind's glob to its schema (the core's)."""
    settings = json.loads(text)
    settings["yaml.schemas"] = {f"./{SCHEMA_FOLDER}/{kind}.json": pattern for pattern, kind in LAYOUT
                                if schema_path(kind).parent == SCHEMA_DIR}
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gpia.tools.guide", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--check", action="store_true", help="fail if CONTRIBUTING.md is not up to date")
    args = parser.parse_args(argv)
    stale = 0
    for name, refresh, what in ((GUIDE, refreshed, "generated lists"),
                                (EDITOR_SETTINGS, editor_settings, "schemas of the data files")):
        path = args.root / name
        if not path.is_file() and name == EDITOR_SETTINGS:
            continue
        text = path.read_text(encoding="utf-8")
        fresh = refresh(text)
        if fresh == text:
            print(f"{name} is up to date")
        elif args.check:
            print(f"{name}: the {what} are out of date; run `make guide`", file=sys.stderr)
            stale = 1
        else:
            path.write_text(fresh, encoding="utf-8")
            print(f"{name}: {what} rewritten")
    return stale


if __name__ == "__main__":
    sys.exit(main())
