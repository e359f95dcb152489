"""`make new KIND=<kind> ID=<id> [IN=<parent id>]`: add a record from its template, ready to fill in.

The templates in templates/ are the same files CONTRIBUTING.md tells people to copy by hand, so
the two ways of adding a record cannot drift apart. A record that lives in a list (a term, a
clause, a question, a requirement) is inserted after the list's last item, in the indentation the
file already uses, leaving every other line of the file untouched; a record that is a file of its
own (a schedule, an FAQ section) gets a new file with the right editor modeline.

    gpia new term term-new-thing
"""
from __future__ import annotations

import argparse
import datetime
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from gpia.knowledge_base import read_documents
from gpia.validate.alignment import declared_comparisons
from gpia.load.modeline import expected_modeline
from gpia.model.kinds import KIND, MAKE_NEW, Kind  # noqa: F401
from gpia.model.recipes import RECIPES, TEMPLATE_DIR, Recipe  # noqa: F401
from gpia.validate.references import index_records
from gpia.load.yaml_loader import YamlDocument

PLACEHOLDER_ID = "NEW-ID"
PLACEHOLDER_DATE = "YYYY-MM-DD"
_KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    """Something the author must change in the command; the message says what."""


@dataclass(frozen=True)
class Added:
    path: str  # repository-relative file written
    line: int  # 1-based line where the record starts

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def scaffold(root: Path, kind: str, record_id: str, parent_id: str | None = None,
             today: datetime.date | None = None) -> Added:
    """Add a record of `kind` with `record_id` under `root`; return where it was written."""
    recipe = RECIPES.get(kind)
    if recipe is None:
        raise ScaffoldError(f"unknown KIND '{kind}'; use one of: {', '.join(RECIPES)}")
    if not _KEBAB.match(record_id):
        raise ScaffoldError(f"ID '{record_id}' is not kebab-case; use lowercase letters, digits and single "
                            "hyphens, e.g. term-care-navigator")
    docs, _, _ = read_documents(root)
    index, _ = index_records([(k.removeprefix("invalid:"), d) for k, d in docs])
    if record_id in index:
        raise ScaffoldError(f"ID '{record_id}' is already used by the {index[record_id].kind} at "
                            f"{index[record_id].origin}; choose another id")
    if recipe.parent and not parent_id:
        raise ScaffoldError(f"a {kind} goes inside a {recipe.parent}: add IN=<{recipe.parent} id>")
    if not recipe.parent and parent_id:
        raise ScaffoldError(f"a {kind} does not go inside another record; leave out IN=")
    date = (today or datetime.date.today()).isoformat()
    template = recipe.template_path(root).read_text(encoding="utf-8")
    if not recipe.list_key:
        return _new_file(root, kind, record_id, template, date)
    if recipe.parent:
        assert parent_id is not None
        entry = index.get(parent_id)
        if entry is None or entry.kind != recipe.parent:
            found = f"it is a {entry.kind}" if entry else "no record has that id"
            raise ScaffoldError(f"IN='{parent_id}' must be the id of a {recipe.parent}; {found}")
        doc = entry.doc
        # A section's questions are beside it in its file; an area's requirements are inside the area.
        list_path = ((recipe.list_key,) if recipe.parent == "faq-section" else entry.path + (recipe.list_key,))
    else:
        doc = next(d for k, d in docs if k.removeprefix("invalid:") == recipe.file_kind)
        list_path = (recipe.list_key,)
    body = _fill(_fragment(template), record_id, date)
    if kind == "requirement" and _compared_only_to_newer(docs, doc.data.get("version")):
        # A new bullet of a version compared with a newer one only has no heir yet; the alignment
        # rules want that said.
        body = body.replace("status: new", "status: dropped")
    return _append_to_list(root, doc, list_path, body)


def _compared_only_to_newer(docs: list[tuple[str, YamlDocument]], version: object) -> bool:
    """Whether a version is the `from` of a declared comparison and the `to` of none."""
    declared = declared_comparisons(docs)
    return any(c.old == version for c in declared) and not any(c.new == version for c in declared)


def _fragment(template: str) -> str:
    """The template's record, dedented to column 0, without its explanatory comments."""
    lines = [line for line in template.splitlines() if not line.lstrip().startswith("#")]
    return textwrap.dedent("\n".join(lines)).strip("\n") + "\n"


def _fill(text: str, record_id: str, date: str) -> str:
    return text.replace(PLACEHOLDER_ID, record_id).replace(PLACEHOLDER_DATE, date)


def _append_to_list(root: Path, doc: YamlDocument, list_path: tuple, body: str) -> Added:
    """Insert `body` (a "- ..." list item at column 0) after the last item of the list at list_path."""
    items = doc.data
    for part in list_path:
        items = items[part]
    last = list_path + (len(items) - 1,)
    line_no, col = doc.position(last)
    file = root / doc.path
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    # The item's keys start at `col`; everything of the item is indented at least that far.
    first = lines[line_no - 1][: col - 1]
    dash_indent = " " * (len(first) - len(first.lstrip(" ")))
    end = line_no  # index just past the last line of the last item
    for index in range(line_no, len(lines)):
        text = lines[index]
        if not text.strip():
            continue
        if len(text) - len(text.lstrip(" ")) < col - 1:
            break
        end = index + 1
    if end and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    block = "".join((dash_indent + line if line.strip() else line) for line in body.splitlines(keepends=True))
    lines[end:end] = [block]
    file.write_text("".join(lines), encoding="utf-8")
    return Added(doc.path, end + 1)


def _new_file(root: Path, kind: str, record_id: str, template: str, date: str) -> Added:
    if kind == "schedule":
        relative = f"clauses/schedules/{record_id}.yaml"
        number = None
    else:
        existing = sorted((root / "faq").glob("[0-9][0-9]-*.yaml"))
        next_number = max((int(p.name[:2]) for p in existing), default=0) + 1
        slug = record_id.removeprefix("faq-section-")
        relative = f"faq/{next_number:02d}-{slug}.yaml"
        number = f"{next_number}."
    file = root / relative
    if file.exists():
        raise ScaffoldError(f"{relative} already exists; choose another id")
    file_kind = RECIPES[kind].file_kind
    lines = template.splitlines()
    # The template's own first line is a modeline for where templates/ sits; write the destination's.
    body = [line for line in lines[1:] if not line.lstrip().startswith("#")]
    text = _fill("\n".join([expected_modeline(relative, file_kind, root), *body]) + "\n", record_id, date)
    if number:
        text = text.replace('number: "0."', f'number: "{number}"', 1)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return Added(relative, 2)


def main(argv: list[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else argv) == ["--kinds"]:
        print("|".join(RECIPES))  # the kinds it adds, for the usage line of `make new`
        return 0
    parser = argparse.ArgumentParser(prog="make new", description="Add a record from its template in templates/.")
    parser.add_argument("kind", help=f"one of: {', '.join(RECIPES)}")
    parser.add_argument("id", help="the new record's id (kebab-case)")
    parser.add_argument("--in", dest="parent", default=None,
                        help="for a question: its FAQ section's id; for a requirement: its area's id")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder holding clauses/ and faq/")
    args = parser.parse_args(argv)
    try:
        added = scaffold(args.root.resolve(), args.kind, args.id, args.parent)
    except ScaffoldError as error:
        print(f"make new: {error}", file=sys.stderr)
        return 2
    print(f"Added {args.kind} '{args.id}' at {added}.\n"
          "Next: replace every 'CHANGE ME' in it (wording from the sources must be pasted exactly as printed), "
          "then run `make validate`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
