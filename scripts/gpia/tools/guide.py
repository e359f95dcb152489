"""`make guide`: rewrite the parts of CONTRIBUTING.md that the code decides (or, with --check, fail
when they are out of date). The lists themselves are made by gpia.validate.guide_blocks, below the
views, which show them on the site's /contributing/ page.

    gpia guide [--check]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gpia.validate.guide_blocks import (BLOCKS, GUIDE, new_kinds, record_schema, refreshed,  # noqa: F401
                                        required_fields, wording_fields)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gpia.tools.guide", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--check", action="store_true", help="fail if CONTRIBUTING.md is not up to date")
    args = parser.parse_args(argv)
    path = args.root / GUIDE
    text = path.read_text(encoding="utf-8")
    fresh = refreshed(text)
    if fresh == text:
        print(f"{GUIDE} is up to date")
        return 0
    if args.check:
        print(f"{GUIDE}: the generated lists are out of date; run `make guide`", file=sys.stderr)
        return 1
    path.write_text(fresh, encoding="utf-8")
    print(f"{GUIDE}: generated lists rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
