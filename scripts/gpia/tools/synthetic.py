"""A synthetic knowledge base at N times the real size, for benchmarks and scale tests.

It copies the real data and adds N-1 clones of every record that can multiply (areas and their
requirements, FAQ sections and questions, clauses, schedules, agreements, terms, citations). Each
clone renames its ids with a suffix and rewrites references between cloned records, so the copy
keeps the real text lengths, cross-references and alignments, and passes the same validation.
Sources, versions and their comparisons are not cloned: each clone is a row of the same tables.

    python -m gpia.tools.synthetic --scale 10 --out /tmp/kb-x10
"""
from __future__ import annotations

import argparse
import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

from gpia.load.jsonpaths import find
from gpia.knowledge_base import read_documents
from gpia.model.kinds import KINDS
from gpia.validate.references import index_records

# Our notes on what changed (clauses/changes.yaml), our guidance and the "before you sign" items
# (clauses/decisions.yaml) are short curated lists, not a corpus.
_NOT_CLONED = {k.name for k in KINDS if not k.cloned}  # declared in the registry of kinds
# The kinds listed at the top of their file that the corpora multiply, by their list's key (terms: term).
_LISTED = {k.list_key: k.name for k in KINDS
           if k.cloned and k.records and k.parent is None and len(k.place) == 2 and k.list_key}
# Fields whose values must stay unique across clones; clones drop them rather than repeat them.
_DROPPED_IN_CLONES = {"schedule": ("number",), "term": ("abbreviation",)}


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _rename(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: _rename(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, mapping) for v in value]
    if isinstance(value, str):
        return mapping.get(value, value)
    return value


def _strip(record: dict[str, Any], kind: str, clone: int) -> dict[str, Any]:
    for field in _DROPPED_IN_CLONES.get(kind, ()):
        record.pop(field, None)
    if kind == "clause":
        record["number"] = f"{100 + clone}.{record['number'].split('.', 1)[-1]}"
    return record


def _dump(path: Path, modeline: str, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(modeline + text, encoding="utf-8")


def generate(root: Path, out: Path, scale: int) -> Path:
    """Write a knowledge base `scale` times the size of the one under root into out."""
    docs, problems, _ = read_documents(root)
    if problems:
        raise ValueError("the real data has problems; run make validate first")
    index, _ = index_records(docs)
    cloned_ids = [i for i, entry in index.items() if entry.kind not in _NOT_CLONED]
    if out.exists():
        shutil.rmtree(out)
    for kind, doc in docs:
        source = root / doc.path
        first_line = source.read_text(encoding="utf-8").splitlines(keepends=True)[0]
        modeline = first_line if first_line.startswith("#") else ""
        data = copy.deepcopy(doc.data)
        clones = [{i: f"{i}-s{k}" for i in cloned_ids} for k in range(2, scale + 1)]
        if kind == "requirement-table":
            for k, mapping in enumerate(clones, start=2):
                for area in doc.data["areas"]:
                    clone = _rename(copy.deepcopy(area), mapping)
                    clone["row"] = f"{k}.{area['row']}"
                    data["areas"].append(clone)
            _dump(out / doc.path, modeline, data)
        elif kind in ("schedule", "faq-section"):
            _dump(out / doc.path, modeline, data)
            stem = Path(doc.path).stem
            for k, mapping in enumerate(clones, start=2):
                clone = _rename(copy.deepcopy(doc.data), mapping)
                if kind == "schedule":
                    _strip(clone["schedule"], "schedule", k)
                    name = clone["schedule"]["id"]
                else:
                    name = f"{stem}-s{k}"
                _dump(out / Path(doc.path).parent / f"{name}.yaml", modeline, clone)
        else:
            list_key = next((key for key in _LISTED if key in data), None)
            if list_key is not None:
                record_kind = _LISTED[list_key]
                for k, mapping in enumerate(clones, start=2):
                    for _, record in find(doc.data, (list_key, "*")):
                        data[list_key].append(_strip(_rename(copy.deepcopy(record), mapping), record_kind, k))
            _dump(out / doc.path, modeline, data)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gpia.tools.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    generate(args.root.resolve(), args.out, args.scale)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
