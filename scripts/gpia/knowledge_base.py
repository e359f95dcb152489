"""Load the knowledge base: read every file, validate it, check references, build the model.

`load_knowledge_base` is the one entry point used by the validator, the site and the tests,
so the data is always read with the same strict loader and checked by the same rules.

Each file is first read and checked on its own (`read_documents`, `check_file`), which is most of
the time of a run with no cache; with much to read and a second core, a forked copy of the process
reads and checks about half of the files, and sends their results back as the cache keeps them
(gpia.load.checked_cache). The checks across files then run here, on every file's result, in the
files' order: the problems are the same, at the same places, however the files were read.
"""
from __future__ import annotations

import gc
import hashlib
import marshal
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gpia.model import records as m
from gpia.model.kinds import KINDS, LAYOUT, Kind, file_kind
from gpia.validate.addresses import address_problems
from gpia.validate.alignment import alignment_problems, comparison_problems, prose_alignment_problems
from gpia.compare.changes import unshown
from gpia.validate.checks import semantic_problems
from gpia.load.checked_cache import NO_CACHE, CheckedFiles, FileResult, NoCache, Status, pack, status_size
from gpia.load.layout import expected_places, scan_data_named
from gpia.load.modeline import modeline_problem
from gpia.validate.placeholders import placeholder_problems
from gpia.load.problems import DataWarning, KnowledgeBaseError, Problem
from gpia.validate.references import index_records, record_kinds, reference_problems
from gpia.validate.schedule_checks import schedule_problems
from gpia.validate.schema_check import schema_problems
from gpia.validate.text_rules import text_problems
from gpia.validate.typography import typography_warnings
from gpia.validate.verbatim import Printed, SourceText, documents_wording, file_wording, load_sources
from gpia.load.yaml_loader import YamlDocument, parse_yaml, read_data_text, text_problem

if TYPE_CHECKING:
    from gpia.load.processes import WorkBeside


@dataclass
class LoadResult:
    knowledge_base: m.KnowledgeBase | None
    problems: list[Problem]
    files: int
    verbatim_checked: bool  # False only when the caller asked to skip the wording check
    # One line saying which checks waited because a file could not be read or failed its schema.
    skipped: str | None = None
    # What passes but should be mended (a curly quote where the source prints a straight one):
    # shown by the validator and the build, never failing them.
    warnings: list[DataWarning] = field(default_factory=list)


def default_sources_dir(root: Path) -> Path:
    return root.parent / "shared" / "sources"


# With more than this many bytes of data files to read (those the cache does not hold), about half
# of them are read and checked by a copy of this process, on the other core (gpia.load.processes):
# at x100 (16 MB) a run with no cache takes 3.6 s in place of 4.6, at x10 0.7 in place of 0.8. The
# project's own data (0.2 MB) would save about what the fork costs, so it, a run after an edit and
# the tests' small data are read in one process. GPIA_READ_SPLIT_BYTES sets another, so that tests
# can share a small corpus.
SPLIT_BYTES = 1_000_000

# What the copy sends back for each file it was dealt, all plain values that marshal writes:
# ("stopped", line, column, message): the file's one problem before it was parsed (it cannot be read
# or decoded, or holds a control character); ("cached", content key): the cache holds its text's
# result; ("checked", entry): its result, packed as the cache keeps it (checked_cache.pack); None:
# its result could not be packed, so the file is read here.
_Sent = tuple[Any, ...] | None
# A data file still to read: its path from the root, its path, its kind and its status.
_Unread = tuple[str, Path, str, Status | None]
# One file read: the content key of its text and its result, or the problem that stopped it.
_Read = tuple[str, FileResult] | Problem


def read_documents(root: Path, cache: CheckedFiles | NoCache = NO_CACHE
                   ) -> tuple[list[tuple[str, YamlDocument]], list[Problem], int]:
    """Every data file read and checked on its own. With a cache, a file whose text is the one checked
    before is not read again: its data, positions and problems are the cache's (gpia.load.checked_cache).
    Without one (NO_CACHE) every file is read and checked, by the same steps. When there is much to
    read, a copy of this process reads and checks about half of the files (_read_files); either way
    the documents and problems come in the files' order, the same as from one process."""
    docs: list[tuple[str, YamlDocument]] = []
    files, problems = scan_data_named(root)  # anything under the data folders that is not a *.yaml file
    # First what the cache holds: a file whose status is the one it had when the cache last hashed it
    # has the same text, so its result is the cache's and it is not read. Every other file is read.
    found: list[tuple[Status | None, _Read | None] | None] = []  # None: not a data file
    unread: list[_Unread] = []
    for relative, file in files:
        kind = file_kind(relative)
        if kind is None:
            found.append(None)
            continue
        status = cache.status(file)
        content = cache.content_by_status(relative, status)
        result = cache.get(relative, content)
        found.append((status, None if result is None or content is None else (content, result)))
        if result is None:
            unread.append((relative, file, kind, status))
    read = iter(_read_files(root, unread, cache))
    for (relative, _), looked in zip(files, found):
        if looked is None:
            problems.append(Problem(relative, 1, 1,
                                    f"this file is not part of the knowledge base; data files belong at {expected_places(LAYOUT)}"))
            continue
        status, taken = looked
        if taken is None:
            taken = next(read)
        if isinstance(taken, Problem):  # a file that cannot be read gets that one problem, and nothing else
            problems.append(taken)
            continue
        content, (tag, loaded, own) = taken
        cache.note_status(relative, status, content)
        problems += own
        if tag is not None and loaded is not None:
            docs.append((tag, loaded))
    return docs, problems, len(files)


def _read_files(root: Path, unread: list[_Unread], cache: CheckedFiles | NoCache) -> list[_Read]:
    """The files the cache did not find by their status, each read and checked (_read_file), in their
    order. With more than SPLIT_BYTES to read and a second core, a copy of this process reads and
    checks about half of them while this one reads the rest (_deal); what the copy sends back is read
    as a result from the cache is (its positions still packed until a message looks one up), and kept
    in the cache. A file the copy did not send back (it could not be forked, it died or it sent what
    cannot be read) is read here: the result is the same, only slower."""
    sizes = [_size(file, status) for _, file, _, status in unread] if len(unread) > 1 else []
    split_bytes = os.environ.get("GPIA_READ_SPLIT_BYTES", "")
    if sum(sizes) > (int(split_bytes) if split_bytes.isdigit() else SPLIT_BYTES):
        # Imported only when there is much to read (10 ms: a small run has none to spare).
        from gpia.load.processes import processes_wanted

        if processes_wanted() > 1:
            return _read_split(root, unread, sizes, cache)
    return [_read_file(root, file, cache) for file in unread]


def _read_split(root: Path, unread: list[_Unread], sizes: list[int], cache: CheckedFiles | NoCache) -> list[_Read]:
    """_read_files with a copy of this process reading the files _deal gives it."""
    from gpia.load.processes import WorkBeside  # (imported by _read_files already)

    here, there = _deal(sizes)
    work = WorkBeside(lambda: _read_beside(root, [unread[i] for i in there], cache))
    read: dict[int, _Read] = {}
    try:
        for i in here:
            read[i] = _read_file(root, unread[i], cache)
        sent = _received(work, len(there))
    finally:
        work.cancel()  # nothing to stop once the result is taken; else (Ctrl-C here) the copy is stopped
    for i, message in zip(there, sent):
        read[i] = _taken(message, unread[i][0], cache) or _read_file(root, unread[i], cache)
    return [read[i] for i in range(len(unread))]


def _read_file(root: Path, unread: _Unread, cache: CheckedFiles | NoCache) -> _Read:
    """One file read and checked here, its result kept in the cache."""
    checked = _checked(root, unread, cache)
    if isinstance(checked, Problem):
        return checked
    content, result, fresh = checked
    if fresh:
        cache.put(unread[0], content, result)
    return content, result


def _read_beside(root: Path, files: list[_Unread], cache: CheckedFiles | NoCache) -> bytes:
    """In the copy: its files read and checked, each result sent back as _Sent says, all in one
    marshalled block."""
    sent: list[_Sent] = []
    for unread in files:
        checked = _checked(root, unread, cache)
        if isinstance(checked, Problem):
            sent.append(("stopped", checked.line, checked.col, checked.message))
            continue
        content, result, fresh = checked
        if not fresh:
            sent.append(("cached", content))
            continue
        entry = pack(unread[0], content, result)
        sent.append(None if entry is None else ("checked", entry))
    return marshal.dumps(sent)


def _checked(root: Path, unread: _Unread, cache: CheckedFiles | NoCache) -> tuple[str, FileResult, bool] | Problem:
    """One file read once: the content key of its text, its result and whether it was checked now (a
    file whose text the cache holds, under another status, is not), or the one problem of a file that
    cannot be read or decoded, or holds a control character, and nothing else (a file the cache holds
    had none)."""
    relative, file, kind, _ = unread
    text = read_data_text(file, relative, characters=False)
    if isinstance(text, Problem):
        return text
    content = cache.content_key(text)
    result = cache.get(relative, content)
    if result is not None:
        return content, result, False
    result = text_problem(text, relative) or check_file(text, relative, kind, root, characters=False)
    return result if isinstance(result, Problem) else (content, result, True)


def _received(work: WorkBeside[bytes], count: int) -> list[_Sent]:
    """What the copy sent for each of its `count` files; None for each if it sent nothing readable."""
    try:
        sent = marshal.loads(work.result())
    except Exception:  # it died, or failed (a file that fails it fails again here, as in one process)
        return [None] * count
    if not isinstance(sent, list) or len(sent) != count:
        return [None] * count
    return sent


def _taken(message: _Sent, relative: str, cache: CheckedFiles | NoCache) -> _Read | None:
    """A file's result from what the copy sent (_Sent), or None: it is read here."""
    try:
        if message is None:
            return None
        if message[0] == "stopped":
            _, line, col, text = message
            return Problem(relative, line, col, text)
        if message[0] == "cached":
            result = cache.get(relative, message[1])
            return None if result is None else (message[1], result)
        if message[0] == "checked":
            return message[1][0], cache.put_packed(relative, message[1])
    except (ValueError, EOFError, TypeError, IndexError):
        pass
    return None


def _size(file: Path, status: Status | None) -> int:
    if status is not None:
        return status_size(status)
    try:
        return os.lstat(file).st_size
    except OSError:
        return 0  # it is read, and its problem found, by the one it is dealt to


def _deal(sizes: list[int]) -> tuple[list[int], list[int]]:
    """The files (by index) this process reads and those the copy reads, balanced by the time they
    take: the largest first, each to the one with less to do so far (at x100 one file is a third of
    the data, and the many small ones even the two out)."""
    here: list[int] = []
    there: list[int] = []
    loads = [0.0, 0.0]
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        side = 0 if loads[0] <= loads[1] else 1
        (here, there)[side].append(i)
        loads[side] += (sizes[i] + _FILE_BYTES) * (1 if side == 0 else _PACKING)
    return sorted(here), sorted(there)


# What reading a file costs besides its bytes, as so many bytes' worth (opening it, its modeline, the
# schema's check of the whole): at x100 most of the 1,700 files hold 2 to 5 KB.
_FILE_BYTES = 2_000
# How much more the copy's share costs than the same files read here: it also packs each result to
# send it (about a sixth of the time of reading it), and is slower by the memory it first shares.
# At x100 the two then finish within a few hundredths of a second of each other.
_PACKING = 1.25


def check_file(text: str, relative: str, kind: str, root: Path | None = None, *, characters: bool = True) -> FileResult:
    """One file's own checks: its modeline, YAML, placeholders, schema and invisible characters. Gives
    its kind ("invalid:<kind>" when its schema fails), its document if it parsed, and its problems.
    `characters=False`: the caller has found no control character in the text (read_documents)."""
    problems: list[Problem] = []
    modeline = modeline_problem(text.partition("\n")[0].rstrip("\r"), relative, kind, root)
    if modeline:
        problems.append(modeline)
    loaded = parse_yaml(text, relative, characters)
    if isinstance(loaded, Problem):
        return None, None, problems + [loaded]
    # A placeholder left from templates/ is named as such, not as the id or date it fails to be.
    left = placeholder_problems(loaded)
    places = {(p.line, p.col) for p in left}
    found = schema_problems(loaded, kind)
    problems.extend(left + [p for p in found if (p.line, p.col) not in places])
    problems += text_problems([(kind, loaded)], root)
    # Files with schema problems still give their ids to the index (so references to them
    # are not reported twice) but are left out of the checks that assume a valid shape.
    return (kind if not found else f"invalid:{kind}"), loaded, problems


def load_knowledge_base(root: Path, sources_dir: Path | None = None, *, check_wording: bool = True,
                        cache: bool = False) -> LoadResult:
    """Read and check everything under root; the model is built only when there is no problem.

    The wording check needs the source extracts (default ../shared/sources): without them loading
    fails. `check_wording=False` skips it, for tests that build deliberately altered data; the
    validator offers it only behind an explicit flag, which CI does not use. `cache=True` keeps each
    file's own checks in root/.cache/ and reuses them while the file's text is the same
    (gpia.load.checked_cache); the problems are the same either way."""
    with _no_cyclic_gc():
        return _load(root.resolve(), sources_dir, check_wording, cache)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    # Loading makes hundreds of thousands of small objects (values, positions, records) that all
    # live on: Python's cyclic collector would scan them again and again as they pile up (about a
    # tenth of the time of a large knowledge base). Reference counting still frees everything as
    # usual, and a cycle, if any, is collected once the collector is back on.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(root: Path, sources_dir: Path | None, check_wording: bool, cache: bool = False) -> LoadResult:
    checked = CheckedFiles(root) if cache else NO_CACHE
    try:
        return _check(root, sources_dir, check_wording, checked)
    finally:
        checked.save()


def _check(root: Path, sources_dir: Path | None, check_wording: bool, checked: CheckedFiles | NoCache) -> LoadResult:
    docs, problems, count = read_documents(root, checked)
    valid = [(kind, doc) for kind, doc in docs if not kind.startswith("invalid:")]
    lenient = [(kind.removeprefix("invalid:"), doc) for kind, doc in docs]
    index, duplicate_problems = index_records(lenient)
    problems += duplicate_problems
    # A file that cannot be read, or fails its schema, is reported once, by its own problem. The
    # checks that need its records wait until it is fixed: otherwise one tab in the glossary is
    # followed by forty "no term has that id" in other files, and the real problem is lost.
    broken = broken_files(docs, problems)
    unknown = frozenset().union(*(record_kinds(kind) for kind in broken.values()))
    waiting: list[Problem] = []
    problems += reference_problems(valid, index, unknown, waiting)  # type: ignore[arg-type]
    problems += semantic_problems(valid)
    problems += comparison_problems(valid)
    if broken:
        return LoadResult(None, sorted(set(problems)), count, check_wording,
                          skipped_line(broken, len(waiting), check_wording))
    problems += schedule_problems(valid, index)
    problems += alignment_problems(valid, lenient, index)
    problems += prose_alignment_problems(valid, index)
    warnings: list[DataWarning] = []
    if check_wording:
        found, warnings = wording_checks(root, sources_dir, valid, checked)
        problems += found
    if not count:
        problems.append(Problem("clauses", 1, 1, "no data files found; expected YAML under clauses/ and faq/"))
    if problems:
        return LoadResult(None, sorted(set(problems)), count, check_wording, warnings=warnings)
    kb = build_model(valid)
    # Rules about the model as a whole: each note on what changed finds a row to show it.
    problems = [index[c.id].doc.origin(index[c.id].path + ("find",)).problem(
        f"change '{c.id}' finds no bullet or row in the data, so /compare/ would not show it; check 'find' "
        "against the data (before and after are whole words, capitals as written), or remove the change")
        for c in unshown(kb)]
    # Each record page's address (made from its id) is free: not a hand-written page, a list's
    # later pages, a reserved folder or another record's page.
    problems += address_problems(kb, index)
    if problems:
        return LoadResult(None, problems, count, check_wording, warnings=warnings)
    return LoadResult(kb, [], count, check_wording, warnings=warnings)


def broken_files(docs: list[tuple[str, YamlDocument]], problems: list[Problem]) -> dict[str, str]:
    """The data files (path: kind) that could not be read or parsed, or that failed their schema."""
    read = {doc.path for _, doc in docs}
    broken = {doc.path: kind.removeprefix("invalid:") for kind, doc in docs if kind.startswith("invalid:")}
    for problem in problems:
        kind = file_kind(problem.path)
        if kind is not None and problem.path not in read:
            broken[problem.path] = kind
    return dict(sorted(broken.items()))


# The checks of the knowledge base as a whole, run only once every file has loaded.
WHOLE_CHECKS = ("schedules and their examples", "the alignment of the compared versions", "NHS wording against the sources",
                "notes on what changed", "page addresses")


def skipped_line(broken: dict[str, str], references: int, check_wording: bool) -> str:
    checks = [c for c in WHOLE_CHECKS if check_wording or not c.startswith("NHS wording")]
    what = f"{len(checks)} checks of the whole knowledge base ({', '.join(checks)})"
    if references:
        what = f"{references} reference{'s' if references != 1 else ''} to records {'it' if len(broken) == 1 else 'they'} " \
               f"may define, and {what}"
    files = " and ".join(broken) if len(broken) <= 3 else f"{', '.join(list(broken)[:3])} and {len(broken) - 3} more"
    return (f"Skipped until {files} {'is' if len(broken) == 1 else 'are'} fixed: {what}. "
            "Fix the problem above and check again.")


def wording_checks(root: Path, sources_dir: Path | None, docs: list[tuple[str, YamlDocument]],
                   cache: CheckedFiles | NoCache = NO_CACHE) -> tuple[list[Problem], list[DataWarning]]:
    """One pass over the source documents: the wording's problems, and its warnings (quotes and
    dashes the check forgave, which make fix mends). With a cache, a file whose text and the
    extracts are those checked before is not checked again (gpia.load.checked_cache)."""
    folder = sources_dir if sources_dir is not None else default_sources_dir(root)
    if not folder.is_dir():
        where = next((doc.origin(()) for kind, doc in docs if kind == "sources"), None)
        path = where.path if where else "clauses/sources.yaml"
        return [Problem(path, 1, 1, f"the source documents were not found at {folder}, so no NHS wording can be "
                                    "checked; put the extracts there (see the README), or give their folder "
                                    "with --sources")], []
    # The folder named as from the project (the data's folder), where `make validate` runs: ../shared/sources.
    texts, problems = load_sources(folder, docs, os.path.relpath(folder, root))
    extracts = sources_key(texts)
    lines_of = lambda doc: (root / doc.path).read_text(encoding="utf-8").split("\n")  # noqa: E731
    warnings: list[DataWarning] = []
    printed = Printed(docs)
    for kind, doc in docs:
        if kind == "document":
            warnings += typography_warnings([(kind, doc)], texts, lines_of)
            continue
        result = cache.wording(doc.path, extracts)
        if result is None:
            found, failed = file_wording(kind, doc, texts, root)
            result = (found, failed, typography_warnings([(kind, doc)], texts, lines_of))
            cache.put_wording(doc.path, extracts, result)
        problems += result[0]
        printed.failed |= result[1]
        warnings += result[2]
    problems += documents_wording(docs, texts, root, printed)
    return problems, sorted(warnings)


def sources_key(texts: dict[str, SourceText]) -> str:
    """A hash of what the wording check read of the sources: each source's id, file name, and the
    text of its extract as it was read (or why it could not be)."""
    digest = hashlib.sha256()
    for text in sorted(texts.values(), key=lambda t: t.id):
        digest.update(f"{text.id}\0{text.file}\0{text.problem}\0{text.digest}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def load_or_raise(root: Path, sources_dir: Path | None = None, *, check_wording: bool = True) -> m.KnowledgeBase:
    result = load_knowledge_base(root, sources_dir, check_wording=check_wording)
    if result.knowledge_base is None:
        raise KnowledgeBaseError(result.problems, result.skipped)
    return result.knowledge_base


def build_model(docs: list[tuple[str, YamlDocument]]) -> m.KnowledgeBase:
    kb = m.KnowledgeBase()
    for kind, doc in docs:
        if kind in _BUILDERS:
            _BUILDERS[kind](kb, doc)
        for listed in _LISTED.get(kind, ()):
            records = getattr(kb, listed.records)  # type: ignore[arg-type]
            for item in doc.data.get(listed.list_key, ()):
                records[item["id"]] = m.from_data(listed.model, item, path=doc.path)
    kb.faq_sections = dict(sorted(kb.faq_sections.items(), key=lambda item: item[1].path))
    # Tables (and their areas and requirements) in reading order: versions as clauses/versions.yaml
    # lists them (oldest first), governance first.
    versions = list(kb.versions)
    order = {t.id: (versions.index(t.version), t.kind) for t in kb.tables.values()}
    kb.tables = dict(sorted(kb.tables.items(), key=lambda item: order[item[0]]))
    kb.areas = {a.id: a for t in kb.tables.values() for a in t.areas}
    kb.requirements = {r.id: r for a in kb.areas.values() for r in a.requirements}
    return kb


# Each model is built from its YAML by field name (gpia.model.records.from_data). The records of a
# kind listed at the top of its file (`terms:`, `clauses:`) need nothing else: the registry of kinds
# says where they are and which class they are, and each is built with its file (_LISTED). A builder
# below is for a file whose records nest, and adds only what the YAML does not hold: the file, the
# parent's id, a position.
_LISTED: dict[str, tuple[Kind, ...]] = {}
for _kind in KINDS:
    if _kind.records and _kind.parent is None and len(_kind.place) == 2 and _kind.list_key:
        _LISTED[_kind.file] = (*_LISTED.get(_kind.file, ()), _kind)


def _table(kb: m.KnowledgeBase, doc: YamlDocument) -> None:
    t = doc.data
    areas = []
    for a_index, a in enumerate(t["areas"]):
        requirements = []
        for r_index, r in enumerate(a["requirements"]):
            line = doc.origin(("areas", a_index, "requirements", r_index, "id")).line
            requirement = m.from_data(m.Requirement, r, version=t["version"], table=t["id"], area=a["id"],
                                      bullet=r_index + 1, path=doc.path, line=line)
            requirements.append(requirement)
            kb.requirements[requirement.id] = requirement
        area = m.from_data(m.Area, a, version=t["version"], table=t["id"], requirements=tuple(requirements))
        areas.append(area)
        kb.areas[area.id] = area
    kb.tables[t["id"]] = m.from_data(m.RequirementTable, t, areas=tuple(areas), path=doc.path)


def _schedule(kb: m.KnowledgeBase, doc: YamlDocument) -> None:
    s = doc.data["schedule"]
    fields = tuple(m.from_data(m.ScheduleField, f) for f in s.get("fields", ()))
    example = None
    if "example" in s:
        kinds = {f.id: f.kind for f in fields}
        values = {key: _example_value(kinds[key], value) for key, value in s["example"]["values"].items()}
        example = m.from_data(m.ScheduleExample, s["example"], values=values)
    kb.schedules[s["id"]] = m.from_data(m.Schedule, s, path=doc.path, fields=fields, example=example)


def _example_value(kind: str, value: Any) -> m.ExampleValue:
    if kind == "kpi-table":
        return tuple(m.from_data(m.Kpi, k) for k in value)
    if kind == "table":
        return tuple(dict(row) for row in value)
    if kind == "list":
        return tuple(value)
    return value


ANSWER_KINDS = ("paragraph", "numbered", "table")


def _answer_block(block: dict[str, Any]) -> m.AnswerBlock:
    return m.from_data(m.AnswerBlock, block, kind=next(k for k in ANSWER_KINDS if k in block))


def _faq(kb: m.KnowledgeBase, doc: YamlDocument) -> None:
    s = doc.data["section"]
    questions = []
    for q in doc.data["questions"]:
        question = m.from_data(m.Question, q, answer=tuple(_answer_block(b) for b in q["answer"]), section=s["id"],
                               path=doc.path)
        questions.append(question)
        kb.questions[question.id] = question
    kb.faq_sections[s["id"]] = m.from_data(m.FaqSection, s, questions=tuple(questions), path=doc.path)


PASSAGE_KINDS = ("heading", "paragraph", "item", "contents", "figure")
PLACED_KINDS = ("table", "question", "faq_section")


def _document(kb: m.KnowledgeBase, doc: YamlDocument) -> None:
    d = doc.data["document"]
    passages = []
    for block in doc.data["blocks"]:
        kind = next(k for k in PASSAGE_KINDS + PLACED_KINDS if k in block)
        if kind in PASSAGE_KINDS:
            passage = m.Passage(kind, d["id"], block["id"], text=block[kind], matter=block.get("matter"),
                                level=block.get("level"), number=block.get("number"))
            kb.passages[passage.id] = passage
        else:
            passage = m.Passage(kind, d["id"], None, ref=block[kind], matter=block.get("matter"))
        passages.append(passage)
    kb.documents[d["id"]] = m.from_data(m.Document, d, passages=tuple(passages), path=doc.path)


_BUILDERS = {"requirement-table": _table, "schedule": _schedule, "faq-section": _faq, "document": _document}
