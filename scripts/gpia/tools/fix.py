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
from typing import Any

from gpia.load.jsonpaths import find
from gpia.knowledge_base import default_sources_dir, read_documents
from gpia.validate.source_outline import TYPOGRAPHIC, fold
from gpia.validate.verbatim import WORDING_FIELDS, _span_at, _value_at, load_sources, raw_index
from gpia.load.yaml_loader import YamlDocument

QUOTES_AND_DASHES = TYPOGRAPHIC | frozenset("'\"-")


def _source_of(doc: YamlDocument, path: tuple[Any, ...]) -> str | None:
    """The source a wording value is checked against: its quote's, else its file's."""
    for cut in range(len(path), -1, -1):
        holder = _value_at(doc.data, path[:cut])
        if isinstance(holder, dict) and isinstance(holder.get("source"), str):
            return holder["source"]
    section = doc.data.get("section") if isinstance(doc.data, dict) else None
    return section.get("source") if isinstance(section, dict) else None


def typographic_fixes(root: Path, sources: Path) -> dict[str, list[tuple[int, int, str, str]]]:
    """Per file: (line, column, written, printed) for each quote or dash to rewrite, 1-based."""
    docs, _, _ = read_documents(root)
    valid = [(kind, doc) for kind, doc in docs if not kind.startswith("invalid:")]
    texts, _ = load_sources(sources, valid)
    fixes: dict[str, list[tuple[int, int, str, str]]] = {}
    for kind, doc in valid:
        lines = (root / doc.path).read_text(encoding="utf-8").split("\n")
        for file_kind, pattern, _ in WORDING_FIELDS:
            if file_kind != kind:
                continue
            for path, value in find(doc.data, pattern):
                if not isinstance(value, str):
                    continue
                source = texts.get(_source_of(doc, path) or "")
                if source is None or source.outline is None:
                    continue
                for k, written, printed in _differences(value, source.outline.blocks):
                    at = _locate(doc, path, value, raw_index(value, k), lines)
                    if at:
                        fixes.setdefault(doc.path, []).append((*at, written, printed))
    return fixes


def _differences(value: str, blocks: list[Any]) -> list[tuple[int, str, str]]:
    wanted = fold(value)
    for block in blocks:
        start = 0 if block.text == wanted else _span_at(block.text, wanted)
        if start is None:
            continue
        out = []
        for k in range(len(wanted)):
            ours = value[raw_index(value, k)]
            theirs = block.printed[raw_index(block.printed, start + k)]
            if ours != theirs and ours in QUOTES_AND_DASHES and theirs in QUOTES_AND_DASHES and fold(ours) == fold(theirs):
                out.append((k, ours, theirs))
        return out
    return []


def _locate(doc: YamlDocument, path: tuple[Any, ...], value: str, at: int | None,
            lines: list[str]) -> tuple[int, int] | None:
    if at is None:
        return None
    start = doc.origin(path)
    word = at
    while word > 0 and not value[word - 1].isspace():
        word -= 1
    fragment = value[word:at + 1]
    for number in range(start.line - 1, min(len(lines), start.line + 400)):
        col = lines[number].find(fragment, start.col - 1 if number == start.line - 1 else 0)
        if col != -1:
            return number + 1, col + at - word + 1
    return None


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
