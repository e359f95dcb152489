"""Propose alignments for a person to confirm: `gpia propose` (or `make propose`).

For each comparison declared in clauses/versions.yaml (or the one given with --comparison), it prints,
for each requirement of the newer version, the closest requirements of the older version with a
similarity score (difflib's ratio over lower-cased words, 0 to 1) beside what the data records now;
then the older requirements no newer requirement derives from. It only reads the data, so it works
while the alignment is incomplete, and it never writes the YAML: the alignment stays a reviewed decision.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from gpia.load.jsonpaths import find
from gpia.knowledge_base import read_documents
from gpia.validate.alignment import declared_comparisons
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Bullet:
    id: str
    version: str
    table: str  # governance | integration
    row: str
    title: str
    position: int  # 1-based in its row
    text: str
    derives_from: tuple[str, ...]
    status: str | None

    @property
    def where(self) -> str:
        return f"{self.version} {self.table}, row {self.row} {self.title}, bullet {self.position}"


def bullets(root: Path) -> list[Bullet]:
    """Every requirement in the requirement tables that loaded, whatever other problems the data has."""
    docs, _, _ = read_documents(root)
    return _bullets(docs)


def _bullets(docs: list) -> list[Bullet]:
    found = []
    for kind, doc in docs:
        data = doc.data
        if kind.removeprefix("invalid:") != "requirement-table" or not isinstance(data, dict):
            continue
        for _, area in find(data, ("areas", "*")):
            if not isinstance(area, dict) or not isinstance(area.get("requirements"), list):
                continue
            for position, r in enumerate(area["requirements"], 1):
                if isinstance(r, dict) and isinstance(r.get("id"), str) and isinstance(r.get("text"), str):
                    found.append(Bullet(r["id"], data.get("version"), data.get("table"), area.get("row"),
                                        area.get("title"), position, r["text"], tuple(r.get("derives_from") or ()),
                                        r.get("status")))
    return found


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _WORD.findall(a.lower()), _WORD.findall(b.lower()), autojunk=False).ratio()


def candidates(bullet: Bullet, others: list[Bullet], top: int) -> list[tuple[float, Bullet]]:
    scored = [(similarity(bullet.text, other.text), other) for other in others]
    # Ties keep printed order, so the output is stable.
    return sorted(scored, key=lambda item: -item[0])[:top]


def report(root: Path, top: int, comparison: str | None = None) -> str:
    docs, _, _ = read_documents(root)
    everything = _bullets(docs)
    declared = [c for c in declared_comparisons(docs) if comparison is None or c.id == comparison]
    if not declared:
        return (f"No comparison '{comparison}' is declared in clauses/versions.yaml.\n" if comparison else
                "No comparison is declared in clauses/versions.yaml (comparisons:), so there is nothing to align.\n")
    parts = []
    for c in declared:
        old = [b for b in everything if b.version == c.old and b.table in c.tables]
        new = [b for b in everything if b.version == c.new and b.table in c.tables]
        heading = [f"Comparison {c.id}: {c.old} to {c.new}", ""] if len(declared) > 1 else []
        parts.append("\n".join(heading) + _report(c.old, c.new, old, new, top))
    return "\n".join(parts)


def _report(old_id: str, new_id: str, old: list[Bullet], new: list[Bullet], top: int) -> str:
    lines = [f"Proposed alignments (similarity of words, 0 to 1). Nothing is written: copy what you confirm "
             f"into 'derives_from' of the {new_id} requirement, or mark it 'status: new'.", ""]
    for b in new:
        recorded = f"derives_from [{', '.join(b.derives_from)}]" if b.derives_from else \
            f"status: {b.status}" if b.status else "NOT ALIGNED"
        lines += [f"{b.id}  ({b.where})", f"  text: {b.text}", f"  recorded: {recorded}"]
        for score, other in candidates(b, old, top):
            mark = "  <- recorded" if other.id in b.derives_from else ""
            lines.append(f"  {score:.3f}  {other.id}{mark}")
        lines.append("")
    carried = {i for b in new for i in b.derives_from}
    left = [b for b in old if b.id not in carried]
    if left:
        lines.append(f"{old_id} requirements no {new_id} requirement derives from (each needs 'status: dropped' "
                     "or a place in a 'derives_from'):")
        for b in left:
            best = candidates(b, new, 1)
            hint = f"closest {new_id}: {best[0][1].id} ({best[0][0]:.3f})" if best else ""
            lines.append(f"  {b.id}  [{b.status or 'NOT ALIGNED'}]  {hint}".rstrip())
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gpia.tools.propose", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder holding clauses/ and faq/")
    parser.add_argument("--top", type=int, default=3, help="candidates to show per requirement (default 3)")
    parser.add_argument("--comparison", help="the id of one comparison of clauses/versions.yaml (default: every one)")
    args = parser.parse_args(argv)
    sys.stdout.write(report(args.root.resolve(), args.top, args.comparison))
    return 0


if __name__ == "__main__":
    sys.exit(main())
