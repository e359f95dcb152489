"""`make diff BASE=<git rev>`: what a change does to the knowledge base, as Markdown for a pull request.

Reads BASE's data files straight from git objects (`git ls-tree`, `git cat-file`) into a temporary
folder, with no second checkout, and reads both sides with the project's own loader. Records are
compared as written in the YAML, by id, so the report still works when BASE does not pass today's
(possibly newer) checks; it then says so. Changed text is shown word by word with the same
tokeniser, diff and renderer as the comparison of versions (`compare.redline`).

The data may come from a fork, so every text taken from it (ids, file names, field names, values,
problems) is shown as a code span that it cannot close (`github_text.code`): on GitHub it cannot
become a link, an image, HTML, an @mention or a workflow command.

    gpia diff --base origin/main
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gpia.compare.redline import Op, redline, same_words
from gpia.pages.export import RECORD_KINDS
from gpia.tools.github_text import code, log_text
from gpia.load.layout import DATA_DIRS
from gpia.knowledge_base import default_sources_dir, load_knowledge_base, read_documents
from gpia.model.records import KnowledgeBase
from gpia.load.problems import Problem
from gpia.validate.references import RecordEntry, index_records
from gpia.model.urls import PAGE_OF_KIND, page_of
from gpia.views.redline import render_redline

CONTEXT_WORDS = 6  # unchanged words kept on each side of a change in long text
EXPORTED_KINDS = frozenset(kind for kind, _ in RECORD_KINDS)
TEMPLATE_TEXT = "CHANGE ME"  # what templates/ put in every field an author must fill in


class GitError(Exception):
    pass


class BuildFailed(Exception):
    """The change's site does not build: the report says so, and `make diff` fails, saying why as the
    build does (its problems, or its error)."""


@dataclass(frozen=True)
class Snapshot:
    """One side of the comparison: its records as written, and what the full loader says of them."""

    records: dict[str, RecordEntry]
    problems: list[Problem]
    kb: KnowledgeBase | None
    files: int


def snapshot(root: Path, sources: Path | None) -> Snapshot:
    # The diff describes records; whether their wording matches the sources is the validator's job.
    result = load_knowledge_base(root, sources, check_wording=False)
    docs, _, _ = read_documents(root.resolve())
    index, _ = index_records([(kind.removeprefix("invalid:"), doc) for kind, doc in docs])
    return Snapshot(index, result.problems, result.knowledge_base, result.files)


def _git(repo: Path, *args: str) -> bytes:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True)
    if done.returncode:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


def export_revision(repo: Path, rev: str, target: Path) -> str:
    """Write the data files of `rev` under target (same relative paths); return the commit's short id."""
    try:
        sha = _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"'{rev}' is not a commit in {repo}; give BASE as a branch, tag or commit "
                       "(in CI fetch the base branch first)") from None
    names = _git(repo, "ls-tree", "-r", "-z", "--name-only", sha, "--", *DATA_DIRS).decode().split("\0")
    for name in names:
        if name.endswith((".yaml", ".yml")):
            file = target / name
            file.parent.mkdir(parents=True, exist_ok=True)
            # "./" makes the path relative to the project folder, which may sit below the git root.
            file.write_bytes(_git(repo, "cat-file", "blob", f"{sha}:./{name}"))
    return _git(repo, "rev-parse", "--short", sha).decode().strip()


# The project whose site is built to find the pages a change affects (this code's own).
PROJECT = Path(__file__).resolve().parents[3]


def data_diff(root: Path, base: str, sources: Path | None = None, *, build: bool = False) -> str:
    """Markdown saying what changed in the knowledge base between `base` and the working tree.

    With `build`, both sides' sites are built and compared page by page, so the pages affected
    are exactly those whose HTML differs; without it they are placed from the records' kinds."""
    return diff_report(root, base, sources, build=build)[0]


def diff_report(root: Path, base: str, sources: Path | None = None, *, build: bool = False) -> tuple[str, str | None]:
    """The Markdown of `data_diff`, and why the change's site does not build (None when it does, or
    when nothing was built and its data has no problem)."""
    root = root.resolve()
    sources = sources if sources is not None else default_sources_dir(root)
    failure = None
    with tempfile.TemporaryDirectory(prefix="gpia-base-") as folder:
        short = export_revision(root, base, Path(folder))
        old = snapshot(Path(folder), sources)
        files = file_changes(Path(folder), root)
        pages = None
        if build and snapshot_builds(root, sources):
            try:
                pages = built_differences(Path(folder), root) if old.kb else None
            except BuildFailed as error:
                failure = str(error)
    new = snapshot(root, sources)
    if new.problems:
        failure = (f"the data in this change has {_count(new.problems)}, so the site does not build; fix "
                   "them (`make validate` lists them):\n" + "\n".join(str(p) for p in new.problems))
    return render(old, new, f"{code(base)} ({short})", files, pages, failure), failure


def snapshot_builds(root: Path, sources: Path | None) -> bool:
    return load_knowledge_base(root, sources, check_wording=False).knowledge_base is not None


def file_changes(old_root: Path, new_root: Path) -> dict[str, str]:
    """Data files whose bytes changed but whose text did not, and how: line endings, encoding,
    white space (these change no record, so the record comparison alone would say nothing)."""
    out: dict[str, str] = {}
    for folder in DATA_DIRS:
        for old_file in sorted((old_root / folder).rglob("*.yaml")) if (old_root / folder).is_dir() else ():
            relative = old_file.relative_to(old_root).as_posix()
            new_file = new_root / relative
            if not new_file.is_file():
                continue
            before, after = old_file.read_bytes(), new_file.read_bytes()
            if before != after:
                how = _how_bytes_changed(before, after)
                if how:
                    out[relative] = how
    return out


def _how_bytes_changed(before: bytes, after: bytes) -> str | None:
    changes = []
    if before.startswith(b"\xef\xbb\xbf") != after.startswith(b"\xef\xbb\xbf"):
        changes.append("byte-order mark " + ("added" if after.startswith(b"\xef\xbb\xbf") else "removed"))
    before, after = before.removeprefix(b"\xef\xbb\xbf"), after.removeprefix(b"\xef\xbb\xbf")
    texts = []
    for side in (before, after):
        try:
            texts.append(side.decode("utf-8"))
        except UnicodeDecodeError:
            return "encoding changed: the file is no longer UTF-8" if side is after else None
    old, new = texts
    crlf = ("\r\n" in old, "\r\n" in new)
    if crlf[0] != crlf[1]:
        changes.append("line endings changed to " + ("Windows (CRLF)" if crlf[1] else "Unix (LF)"))
    old, new = old.replace("\r\n", "\n"), new.replace("\r\n", "\n")
    if old.endswith("\n") != new.endswith("\n"):
        changes.append("final line break " + ("added" if new.endswith("\n") else "removed"))
        old, new = old.rstrip("\n"), new.rstrip("\n")
    if old != new:
        strip = lambda text: [line.rstrip() for line in text.split("\n")]  # noqa: E731
        if strip(old) == strip(new):
            changes.append("spaces at line ends only")
        elif [line for line in strip(old) if line] == [line for line in strip(new) if line]:
            changes.append("blank lines only")
        else:
            return None  # a real edit: the record comparison says what it does (or that it changes none)
    return "; ".join(changes) or None


def built_differences(old_data: Path, new_data: Path) -> dict[str, bool] | None:
    """Every page (address) whose built HTML differs between the two data folders, or None if the
    base does not build. Each side is built as `make build` does (--strict), with this project's
    pages, templates and code; if the change's side does not build, BuildFailed says why."""
    with tempfile.TemporaryDirectory(prefix="gpia-sites-") as folder:
        sites = []
        for name, data in (("old", old_data), ("new", new_data)):
            site = Path(folder) / name
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GPIA_DATA_ROOT=str(data), GPIA_SKIP_WORDING="1",
                       SOURCE_DATE_EPOCH="0")
            env.pop("GPIA_SERVING", None)
            done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
                                   str(PROJECT / "mkdocs.yml"), "--site-dir", str(site)],
                                  cwd=PROJECT, env=env, capture_output=True)
            if done.returncode and name == "new":
                raise BuildFailed(_build_error(done.stderr.decode("utf-8", "replace"), done.returncode))
            if done.returncode:
                return None
            sites.append(site)
        return {page: True for page in _differing_files(*sites)}


def _build_error(stderr: str, returncode: int) -> str:
    """What the build said of its failure: its error lines, or the last line of a traceback."""
    lines = [line.rstrip() for line in stderr.splitlines() if line.strip()]
    said = [line for line in lines if line.startswith(("ERROR", "Error:", "Aborted"))]
    what = "\n".join(said) if said else (lines[-1] if lines else "")
    return f"the site does not build with this change (mkdocs build --strict exited with {returncode}):\n{what}".rstrip()


def _differing_files(old: Path, new: Path) -> list[str]:
    """Pages (as addresses) and downloads (as files under data/) that differ between two sites."""
    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
                if p.is_file() and (p.suffix == ".html" or p.relative_to(site).parts[0] == "data")}

    before, after = files(old), files(new)
    changed = [p for p in sorted(before.keys() | after.keys()) if before.get(p) != after.get(p)]
    return [p.removesuffix("index.html") for p in changed]


def render(old: Snapshot, new: Snapshot, base_label: str, files: dict[str, str] | None = None,
           built: dict[str, bool] | None = None, failure: str | None = None) -> str:
    added = [i for i in new.records if i not in old.records]
    removed = [i for i in old.records if i not in new.records]
    old_nested, new_nested = _record_data(old.records), _record_data(new.records)
    changed = {}
    for record_id, entry in new.records.items():
        if record_id in old.records:
            lines = _changes(_own(old.records[record_id], old_nested), _own(entry, new_nested))
            if lines:
                changed[record_id] = lines

    out = ["## Knowledge base changes", ""]
    out.append(f"Compared with {base_label}: {len(added)} added, {len(removed)} removed, "
               f"{len(changed)} changed.")
    out += _notes(old, new)
    if files:
        out += ["", "### Files changed without changing their text", ""]
        out += [f"- {code(path)}: {how}" for path, how in files.items()]
    if not (added or removed or changed):
        out += ["", "No record was added, removed or changed."]
        return "\n".join(out) + "\n"
    if added:
        out += ["", "### Added", ""]
        for record_id in added:
            out.append(_record_line(new.records[record_id]))
            out += _template_warning(new.records[record_id], new_nested)
    if removed:
        out += ["", "### Removed", ""]
        out += [_record_line(old.records[i]) for i in removed]
    if changed:
        out += ["", "### Changed", ""]
        for record_id, lines in changed.items():
            out.append(_record_line(new.records[record_id]))
            out += [f"  - {line}" for line in lines]
            out += _template_warning(new.records[record_id], new_nested)
    pages: dict[str, list[str]] = {}
    for record_id in [*added, *changed]:
        pages.setdefault(_page(new, record_id), []).append(record_id)
    for record_id in removed:
        pages.setdefault(_page(old, record_id), []).append(record_id)
    if failure is not None and not new.problems:  # the problems are noted above
        first, _, rest = failure.partition("\n")
        out += ["", "### Pages affected", "", f"> **The site does not build with this change**, so no page can be "
                f"shown: {code(rest.strip().splitlines()[-1] if rest.strip() else first)}. `make build` shows the "
                "whole error."]
        return "\n".join(out) + "\n"
    if built is not None:
        # Exact: the pages whose built HTML differs, each with the changed records that are its own.
        shown = [p for p in sorted(built) if p == "" or p.endswith("/") or p.endswith(".html")]
        out += ["", "### Pages affected", "", "Both sides were built; these pages differ:", ""]
        out += [f"- {code('/' + page)}" + (f": {', '.join(code(i) for i in pages[page])}" if pages.get(page) else "")
                for page in shown]
        downloads = [p for p in sorted(built) if p not in shown]
        out += ["", "Downloads rebuilt: " + (", ".join(code("/" + d) for d in downloads) or "none")]
        return "\n".join(out) + "\n"
    else:
        out += ["", "### Pages affected", ""]
        out += [f"- {code('/' + page)}: {', '.join(code(i) for i in ids)}" for page, ids in sorted(pages.items())]
    kinds = sorted({_exported_kind(new, i) for i in [*added, *changed]} | {_exported_kind(old, i) for i in removed})
    out += ["", "Downloads rebuilt: `/data/knowledge-base.json`, " + ", ".join(code(f"/data/{k}.csv") for k in kinds)]
    return "\n".join(out) + "\n"


def _notes(old: Snapshot, new: Snapshot) -> list[str]:
    notes = []
    if old.problems and old.files:
        notes.append(f"> **Note:** the data at the base does not pass today's checks ({_count(old.problems)}, "
                     f"first: {code(str(old.problems[0]))}). Its records are compared as written; records in a file "
                     "that could not be read at all show as added.")
    if new.problems:
        notes.append(f"> **Note:** the data in this change has {_count(new.problems)}; `make validate` lists "
                     "them, and the site is not built until they are fixed. Records in a file that could not be "
                     "read at all show as removed.")
    return ["", *notes] if notes else []


def _count(problems: list[Problem]) -> str:
    return f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")


def _record_line(entry: RecordEntry) -> str:
    title = _shorten(_title(entry.data))
    return f"- {code(entry.id)} ({entry.kind} in {code(entry.doc.path)})" + (f": {code(title)}" if title else "")


def _template_warning(entry: RecordEntry, nested: frozenset[int]) -> list[str]:
    if any(TEMPLATE_TEXT in text for text in _texts(_own(entry, nested))):
        return [f"  - **Still holds template text** ({TEMPLATE_TEXT}): fill it in before this is merged."]
    return []


def _title(data: dict[str, Any]) -> str:
    for key in ("question", "title", "term", "name", "label", "text", "says", "paragraph"):
        if isinstance(data.get(key), str):
            return data[key]
    return ""


def _shorten(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _page(side: Snapshot, record_id: str) -> str:
    if side.kb is not None:
        try:
            return page_of(side.kb, record_id)
        except KeyError:
            pass
    # Without a model (the data has problems), place the record by its kind as written; a record
    # kind with no page of its own (a schedule's KPI) is shown on the page of the record holding it.
    entry = side.records[record_id]
    if entry.kind in ("table", "area", "requirement"):
        return "governance/" if entry.doc.data.get("table") == "governance" else "commitments/"
    if entry.kind in PAGE_OF_KIND:
        return PAGE_OF_KIND[entry.kind]
    holder = _holder(side, entry)
    return _page(side, holder.id) if holder else ""


def _holder(side: Snapshot, entry: RecordEntry) -> RecordEntry | None:
    """The record whose data holds this one (a schedule holds its KPIs), if any."""
    holders = [e for e in side.records.values() if e.doc is entry.doc and len(e.path) < len(entry.path)
               and entry.path[:len(e.path)] == e.path]
    return max(holders, key=lambda e: len(e.path), default=None)


def _exported_kind(side: Snapshot, record_id: str) -> str:
    """The kind whose CSV download holds the record (nested kinds are exported inside their holder)."""
    entry: RecordEntry | None = side.records[record_id]
    while entry is not None and entry.kind not in EXPORTED_KINDS:
        entry = _holder(side, entry)
    return entry.kind if entry else side.records[record_id].kind


def _record_data(records: dict[str, RecordEntry]) -> frozenset[int]:
    """The identity of every record's data, to tell a nested record from a plain mapping."""
    return frozenset(id(e.data) for e in records.values())


def _own(entry: RecordEntry, nested: frozenset[int]) -> Any:
    """The record's data without the records nested in it (an area's requirements), which are
    compared on their own. (Only children are looked up, so the record itself is kept.)"""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if id(v) not in nested}
        if isinstance(value, list):
            return [strip(v) for v in value if id(v) not in nested]
        return value

    return strip(entry.data)


def _changes(old: Any, new: Any, path: str = "") -> list[str]:
    """One line per changed value, by its path in the record (`answer[0].paragraph`)."""
    if isinstance(old, dict) and isinstance(new, dict):
        lines = []
        for key in [*old, *(k for k in new if k not in old)]:
            where = f"{path}.{key}" if path else str(key)
            if key not in new:
                lines.append(f"{code(where)} removed (was {_value(old[key])})")
            elif key not in old:
                lines.append(f"{code(where)} added: {_value(new[key])}")
            else:
                lines += _changes(old[key], new[key], where)
        return lines
    if isinstance(old, list) and isinstance(new, list) and _structured(old + new):
        return _list_changes(old, new, path)
    if old == new:
        return []
    return [f"{code(path)}: {_change(old, new)}"]


def _structured(items: list[Any]) -> bool:
    return any(isinstance(v, (dict, list)) for v in items)


def _list_changes(old: list[Any], new: list[Any], path: str) -> list[str]:
    """Items matched by content, so one inserted item reads as one addition, not as every later
    item changed."""
    keys = [[json.dumps(v, sort_keys=True, ensure_ascii=False) for v in side] for side in (old, new)]
    lines = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, *keys, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for i, j in _pair_similar(keys[0][i1:i2], keys[1][j1:j2]):
            if i is None:
                lines.append(f"{code(f'{path}[{j1 + j}]')} added: {_value(new[j1 + j])}")
            elif j is None:
                lines.append(f"{code(f'{path}[{i1 + i}]')} removed (was {_value(old[i1 + i])})")
            else:
                lines += _changes(old[i1 + i], new[j1 + j], f"{path}[{j1 + j}]")
    return lines


SIMILAR = 0.5  # items at least this alike (difflib ratio of their JSON) count as one item edited


def _pair_similar(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Old and new items in order, paired where they are alike and alone where not: the alignment
    with the greatest total likeness (a small dynamic programme; the lists are a few items long)."""
    ratio = [[difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() for b in new] for a in old]
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            paired = best[i + 1][j + 1] + ratio[i][j] if ratio[i][j] >= SIMILAR else -1.0
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    steps: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < len(old) and j < len(new):
        if ratio[i][j] >= SIMILAR and best[i][j] == best[i + 1][j + 1] + ratio[i][j]:
            steps.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            steps.append((i, None))
            i += 1
        else:
            steps.append((None, j))
            j += 1
    steps += [(k, None) for k in range(i, len(old))] + [(None, k) for k in range(j, len(new))]
    return steps


def _change(old: Any, new: Any) -> str:
    if isinstance(old, str) and isinstance(new, str):
        if same_words(old, new):
            return "white space only"
        if len(old.split()) == len(new.split()) == 1:
            return f"{_value(old)} → {_value(new)}"  # an id, a date, a number: shown whole
        return _word_diff(old, new)
    if isinstance(old, list) and isinstance(new, list):
        gone = [v for v in old if v not in new]
        came = [v for v in new if v not in old]
        parts = ([f"added {', '.join(_value(v) for v in came)}"] if came else []) + \
                ([f"removed {', '.join(_value(v) for v in gone)}"] if gone else [])
        return "; ".join(parts) or "reordered"
    return f"{_value(old)} → {_value(new)}"


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def _value(value: Any) -> str:
    if isinstance(value, dict):
        title = _title(value) or next((v for v in value.values() if isinstance(v, str)), "")
        return code(_shorten(title)) if title.strip() else "a mapping"
    if isinstance(value, str):
        return code(_shorten(value)) if value.strip() else "an empty text"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return code("true" if value else "false")
    if value is None:
        return "nothing"
    return code(str(value))


def _word_diff(old: str, new: str) -> str:
    ops = redline(" ".join(old.split()), " ".join(new.split()))
    shown = tuple(Op("equal", _trim(op.text, first=position == 0, last=position == len(ops) - 1))
                  if op.kind == "equal" else op for position, op in enumerate(ops))
    return render_redline(shown, text=code, marks=False)


def _trim(text: str, first: bool, last: bool) -> str:
    """Long unchanged text shortened to the words next to the changes."""
    lead = " " if text.startswith(" ") else ""
    trail = " " if text.endswith(" ") else ""
    words = text.split()
    keep_head = 0 if first else CONTEXT_WORDS  # words just after the previous change
    keep_tail = 0 if last else CONTEXT_WORDS  # words just before the next change
    if len(words) <= keep_head + keep_tail + 1:
        return text
    shown = [*words[:keep_head], "…", *(words[len(words) - keep_tail:] if keep_tail else [])]
    return lead + " ".join(shown) + trail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make diff", description="Markdown summary of data changes since BASE.")
    parser.add_argument("--base", required=True, help="git revision to compare with, e.g. origin/main or HEAD~1")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder holding clauses/ and faq/")
    parser.add_argument("--sources", type=Path, default=None, help="folder of source extracts (default ../shared/sources)")
    parser.add_argument("--no-build", action="store_true",
                        help="place the pages affected from the records' kinds instead of building both sides")
    args = parser.parse_args(argv)
    try:
        report, failure = diff_report(args.root, args.base, args.sources, build=not args.no_build)
    except GitError as error:
        print(log_text(f"make diff: {error}"), file=sys.stderr)
        return 2
    sys.stdout.write(report)
    if failure is not None:
        print(log_text(f"make diff: {failure}"), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
