"""`make fix`: write the sources' own quotation marks and dashes into the NHS wording.

The wording check forgives curly and straight quotes and the different dashes (source_outline.fold),
so text pasted from Word passes it; but the guide should print the source's characters. For every
NHS-wording value that the check finds in its source, each quote or dash that differs from the
character the source prints there is rewritten in the YAML file, in place. Nothing else in the
file changes: not its line endings, its other characters or its layout.

    gpia fix [--root .] [--sources ../shared/sources]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gpia.knowledge_base import default_sources_dir, read_documents
from gpia.validate.typography import differences
from gpia.validate.verbatim import load_sources


def typographic_fixes(root: Path, sources: Path) -> dict[str, list[tuple[int, int, str, str]]]:
    """Per file: (line, column, written, printed) for each quote or dash to rewrite, 1-based."""
    docs, _, _ = read_documents(root)
    valid = [(kind, doc) for kind, doc in docs if not kind.startswith("invalid:")]
    texts, _ = load_sources(sources, valid)
    lines_of = lambda doc: (root / doc.path).read_text(encoding="utf-8").split("\n")  # noqa: E731
    fixes: dict[str, list[tuple[int, int, str, str]]] = {}
    for found in differences(valid, texts, lines_of):
        fixes.setdefault(found.doc.path, []).append((found.line, found.col, found.written, found.printed))
    return fixes


def apply_fixes(root: Path, fixes: dict[str, list[tuple[int, int, str, str]]]) -> int:
    """Rewrite each character in place (one character for one), keeping every other byte."""
    count = 0
    for relative, found in fixes.items():
        file = root / relative
        data = file.read_bytes()
        text = data.decode("utf-8")
        lines = text.split("\n")
        for line, col, written, printed in found:
            if lines[line - 1][col - 1] == written:
                lines[line - 1] = lines[line - 1][:col - 1] + printed + lines[line - 1][col:]
                count += 1
        file.write_bytes("\n".join(lines).encode("utf-8"))
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make fix", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--sources", type=Path, default=None)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    fixes = typographic_fixes(root, args.sources or default_sources_dir(root))
    for relative, found in fixes.items():
        for line, col, written, printed in found:
            print(f"{relative}:{line}:{col}: {written!r} → {printed!r}, as the source prints it")
    count = apply_fixes(root, fixes)
    print(f"{count} character{'s' if count != 1 else ''} rewritten to the source's quotes and dashes; "
          "nothing else changed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
