"""The cache of each data file's own checks (gpia.load.checked_cache): a run after an edit reads again
only the files whose text changed, and gives exactly the problems and warnings (messages, lines and
columns) that a run with no cache gives; the checks across files still see every file."""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import gpia.knowledge_base as knowledge_base
from gpia.__main__ import main
from gpia.knowledge_base import load_knowledge_base
from gpia.load import checked_cache
from gpia.load.checked_cache import CACHE_FILE, CACHE_FOLDER, CheckedFiles, NoCache

from conftest import SOURCES

GLOSSARY = "clauses/glossary.yaml"
CLAUSES = "clauses/clauses.yaml"
FAQ = "faq/02-essential-content.yaml"
GUIDANCE = "clauses/guidance.yaml"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose own checks ran (not taken from the cache), in the order read."""
    seen: list[str] = []
    check_file = knowledge_base.check_file

    def counted(text: str, relative: str, kind: str, root: Path | None = None, **options):  # type: ignore[no-untyped-def]
        seen.append(relative)
        return check_file(text, relative, kind, root, **options)

    monkeypatch.setattr(knowledge_base, "check_file", counted)
    return seen


def _run(root: Path, cache: bool) -> tuple[list[str], list[str], bool]:
    sources = SOURCES if SOURCES.is_dir() else None
    result = load_knowledge_base(root, sources, check_wording=sources is not None, cache=cache)
    return ([str(p) for p in result.problems], [str(w) for w in result.warnings],
            result.knowledge_base is not None)


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_warm_run_reads_only_the_edited_file_and_finds_what_a_cold_run_finds(data_copy: Path,
                                                                                 reads: list[str]) -> None:
    assert _run(data_copy, cache=True)[2]  # the real data: no problem; every file read and kept
    files = list(reads)
    assert len(files) > 20 and (data_copy / CACHE_FOLDER / CACHE_FILE).is_file()
    reads.clear()
    assert _run(data_copy, cache=True)[2]
    assert reads == []  # nothing changed: no file read again

    # The glossary's first term renamed: the FAQ that refers to it (read from the cache) is now wrong,
    # at its own line and column.
    _edit(data_copy, GLOSSARY, "  - id: term-mcp\n", "  - id: term-mcp-renamed\n")
    warm = _run(data_copy, cache=True)
    assert reads == [GLOSSARY]
    reads.clear()
    cold = _run(data_copy, cache=False)
    assert len(reads) == len(files)
    assert warm == cold
    assert warm[0] == [f"{FAQ}:71:218: 'relates_to' refers to 'term-mcp', but no record of those kinds has that id; "
                       "did you mean 'term-icp'?"]


def test_an_id_used_again_in_an_edited_file_is_a_duplicate_of_one_in_a_cached_file(data_copy: Path,
                                                                                     reads: list[str]) -> None:
    _run(data_copy, cache=True)
    reads.clear()
    # A term given a clause's id: the duplicate names the clause, which comes from the cache.
    _edit(data_copy, GLOSSARY, "  - id: term-mcp\n", "  - id: clause-6-2-d\n")
    warm = _run(data_copy, cache=True)
    assert reads == [GLOSSARY]
    cold = _run(data_copy, cache=False)
    assert warm == cold
    assert any("duplicate id 'clause-6-2-d'" in p and f"{CLAUSES}:18:" in p for p in warm[0]), warm[0]


def test_a_cached_files_own_problems_come_back_at_the_same_place(data_copy: Path, reads: list[str]) -> None:
    # A template's placeholder and an invisible character: each file's own problems, kept in the cache.
    _edit(data_copy, CLAUSES, "  - id: clause-6-2-d\n", "  - id: NEW-ID\n")
    text = (data_copy / GLOSSARY).read_text(encoding="utf-8")
    first_note = text.index("note: ") + len("note: ") + 3
    (data_copy / GLOSSARY).write_text(text[:first_note] + "\u200b" + text[first_note:], encoding="utf-8")
    cold = _run(data_copy, cache=False)
    assert any(p.startswith(f"{CLAUSES}:18:") and "template text" in p for p in cold[0]), cold[0]
    assert any(p.startswith(f"{GLOSSARY}:") and "U+200B" in p for p in cold[0]), cold[0]
    assert _run(data_copy, cache=True) == cold
    reads.clear()
    assert _run(data_copy, cache=True) == cold
    assert reads == []


def test_a_file_that_cannot_be_parsed_is_its_one_problem_from_the_cache_too(data_copy: Path,
                                                                            reads: list[str]) -> None:
    _edit(data_copy, GLOSSARY, "  - id: term-mcp\n", "  - id: term-mcp\n\tbad: tab\n")
    cold = _run(data_copy, cache=False)
    assert any(p.startswith(f"{GLOSSARY}:") for p in cold[0]) and not cold[2]
    _run(data_copy, cache=True)
    reads.clear()
    assert _run(data_copy, cache=True) == cold
    assert reads == []


def test_a_change_to_the_code_or_a_damaged_cache_reads_every_file_again(data_copy: Path, reads: list[str],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _run(data_copy, cache=False)
    count = len(reads)
    _run(data_copy, cache=True)
    reads.clear()
    monkeypatch.setattr(checked_cache, "_code_key", "another version of the checks")
    assert _run(data_copy, cache=True) == expected
    assert len(reads) == count
    reads.clear()
    (data_copy / CACHE_FOLDER / CACHE_FILE).write_bytes(b"\x00not marshal data")
    assert _run(data_copy, cache=True) == expected
    assert len(reads) == count
    reads.clear()
    (data_copy / CACHE_FOLDER / CACHE_FILE).write_bytes(b"")
    assert _run(data_copy, cache=True) == expected
    assert len(reads) == count


def test_the_code_key_covers_every_module_and_schema_of_the_package() -> None:
    package = Path(checked_cache.__file__).resolve().parents[1]
    assert (package / "schemas").is_dir() and (package / "validate" / "schema_check.py").is_file()
    assert checked_cache.code_key() == checked_cache.code_key() and len(checked_cache.code_key()) == 64


def test_validate_keeps_the_cache_in_a_git_ignored_folder_and_no_cache_reads_everything(
        data_copy: Path, reads: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    args = ["validate", "--root", str(data_copy)] + (["--sources", str(SOURCES)] if SOURCES.is_dir() else ["--skip-wording"])
    assert main(args) == 0
    first = capsys.readouterr().out
    folder = data_copy / CACHE_FOLDER
    assert (folder / CACHE_FILE).is_file()
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    count = len(reads)
    reads.clear()
    assert main(args) == 0
    assert reads == [] and capsys.readouterr().out == first
    assert main(args + ["--no-cache"]) == 0
    assert len(reads) == count and capsys.readouterr().out == first


def test_no_cache_answers_every_call_the_cache_does_and_writes_nothing(
        data_copy: Path, reads: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    # The reading code makes the same calls with or without a cache: each public method of
    # CheckedFiles is NoCache's too, taking the same arguments.
    for name, method in vars(CheckedFiles).items():
        if callable(method) and not name.startswith("_"):
            assert inspect.signature(getattr(NoCache, name)) == inspect.signature(method), name
    args = ["validate", "--root", str(data_copy)] + (["--sources", str(SOURCES)] if SOURCES.is_dir() else ["--skip-wording"])
    assert main(args + ["--no-cache"]) == 0
    assert len(reads) > 20 and not (data_copy / CACHE_FOLDER).exists()
    first = capsys.readouterr().out
    reads.clear()
    assert main(args) == 0  # the same report from a run that fills the cache
    assert len(reads) > 20 and capsys.readouterr().out == first and (data_copy / CACHE_FOLDER / CACHE_FILE).is_file()


GOVERNANCE = "clauses/requirements/mcp-2016-governance.yaml"
PURPOSE = "faq/01-introduction.yaml"
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason="the wording check needs the source extracts")


@pytest.fixture
def worded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose own wording check ran (not taken from the cache)."""
    seen: list[str] = []
    file_wording = knowledge_base.file_wording

    def counted(kind, doc, sources, root=None):  # type: ignore[no-untyped-def]
        seen.append(doc.path)
        return file_wording(kind, doc, sources, root)

    monkeypatch.setattr(knowledge_base, "file_wording", counted)
    return seen


@needs_sources
def test_a_files_wording_problems_and_warnings_come_back_from_the_cache(data_copy: Path, worded: list[str]) -> None:
    # A word mistyped in a question (a problem, which the whole document's check must then know of, or
    # it reports the question as not printed where it is) and a quote that differs from the source's
    # (a warning).
    _edit(data_copy, PURPOSE, "What is the purpose of", "What is the porpose of")
    _edit(data_copy, GOVERNANCE, "on a 'best for service' basis", "on a \u2018best for service\u2019 basis")
    cold = _run(data_copy, cache=False)
    assert len(cold[0]) == 1 and cold[0][0].startswith(f"{PURPOSE}:9:"), cold[0]
    assert any(w.startswith(f"{GOVERNANCE}:29:") and "LEFT SINGLE QUOTATION MARK" in w for w in cold[1]), cold[1]
    assert _run(data_copy, cache=True) == cold
    checked = len(worded)
    assert checked > 10 and GOVERNANCE in worded
    worded.clear()
    assert _run(data_copy, cache=True) == cold
    assert worded == []
    # Mended: only that file's wording is checked again, and the document no longer steps over it.
    _edit(data_copy, PURPOSE, "What is the porpose of", "What is the purpose of")
    warm = _run(data_copy, cache=True)
    assert worded == [PURPOSE]
    assert warm == _run(data_copy, cache=False) and warm[0] == [] and warm[2]


@needs_sources
def test_a_changed_source_extract_checks_every_files_wording_again(data_copy: Path, tmp_path: Path,
                                                                   worded: list[str]) -> None:
    import shutil

    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    load = lambda cache: load_knowledge_base(data_copy, sources, cache=cache)  # noqa: E731
    assert load(True).knowledge_base is not None
    checked = len(worded)
    worded.clear()
    load(True)
    assert worded == []
    # The words of the requirement above changed in the extract: every file is checked against it again.
    extract = next(f for f in sorted(sources.iterdir()) if "clinical matters, patient" in f.read_text(encoding="utf-8"))
    extract.write_text(extract.read_text(encoding="utf-8").replace("clinical matters, patient", "clinical issues, patient"),
                       encoding="utf-8")
    warm = load(True)
    assert len(worded) == checked
    cold = load(False)
    assert [str(p) for p in warm.problems] == [str(p) for p in cold.problems]
    assert [(p.path, p.line, p.col) for p in warm.problems] == [(GOVERNANCE, 15, 17)], warm.problems


def test_entries_damaged_in_any_way_are_read_again_never_a_traceback(data_copy: Path, reads: list[str]) -> None:
    import marshal

    # A term given a clause's id: the duplicate's message names where the clause is, a position looked
    # up in the clauses file's cached positions.
    _edit(data_copy, GLOSSARY, "  - id: term-mcp\n", "  - id: clause-6-2-d\n")
    cold = _run(data_copy, cache=False)
    assert any(f"{CLAUSES}:18:" in p for p in cold[0]), cold[0]
    _run(data_copy, cache=True)
    file = data_copy / CACHE_FOLDER / CACHE_FILE
    key, entries, wordings = marshal.loads(file.read_bytes())
    entries[FAQ] = entries[FAQ][:3]  # an entry of the wrong length
    content, kind, data, values, keys, problems = entries[GUIDANCE]
    entries[GUIDANCE] = (content, kind, data, values, keys, [7])  # a problem that is not a tuple
    content, kind, data, values, keys, problems = entries[CLAUSES]
    entries[CLAUSES] = (content, kind, data, b"\x00damaged", keys, problems)  # positions that cannot be read
    for relative in list(wordings)[:2]:
        wordings[relative] = wordings[relative][:2] + (None,)  # a wording result of the wrong shape
    file.write_bytes(marshal.dumps((key, entries, wordings)))
    reads.clear()
    damaged = _run(data_copy, cache=True)  # no traceback; the clause's place is not known this once
    assert FAQ in reads and GUIDANCE in reads and CLAUSES not in reads
    assert any(f"at {CLAUSES}:1:1" in p for p in damaged[0]), damaged[0]
    reads.clear()
    assert _run(data_copy, cache=True) == cold
    assert reads == [CLAUSES]  # its damaged positions were not kept
    reads.clear()
    assert _run(data_copy, cache=True) == cold and reads == []


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose text was read from disk (to hash it, or to check it), in the order read."""
    seen: list[str] = []
    read_data_text = knowledge_base.read_data_text

    def counted(file: Path, relative: str, characters: bool = True):  # type: ignore[no-untyped-def]
        seen.append(relative)
        return read_data_text(file, relative, characters)

    monkeypatch.setattr(knowledge_base, "read_data_text", counted)
    return seen


def test_a_file_whose_status_is_unchanged_is_not_read_and_any_write_reads_it_again(
        data_copy: Path, opened: list[str], reads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr(checked_cache, "SETTLED_NS", 0)  # the copy's files were all written just now
    cold = _run(data_copy, cache=False)
    _run(data_copy, cache=True)
    assert (data_copy / CACHE_FOLDER / checked_cache.STATUS_FILE).is_file()
    opened.clear()
    reads.clear()
    assert _run(data_copy, cache=True) == cold
    assert opened == [] and reads == []  # every file's status vouched for its text
    # Other text of the same length, the file's modification time set back: its status time changed.
    path = data_copy / GLOSSARY
    before = path.stat()
    _edit(data_copy, GLOSSARY, "  - id: term-mcp\n", "  - id: term-xyz\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    warm = _run(data_copy, cache=True)
    assert opened == [GLOSSARY] and reads == [GLOSSARY]
    assert warm == _run(data_copy, cache=False) != cold
    # A status that names a text the cache does not hold: the file is read and hashed again.
    import marshal
    status_file = data_copy / CACHE_FOLDER / checked_cache.STATUS_FILE
    _run(data_copy, cache=True)
    key, statuses = marshal.loads(status_file.read_bytes())
    status_file.write_bytes(marshal.dumps((key, {path: (status, "0" * 64) for path, (status, _) in statuses.items()})))
    opened.clear()
    reads.clear()
    assert _run(data_copy, cache=True) == warm
    assert len(opened) == len(statuses) and reads == []


def test_a_file_changed_too_recently_is_hashed_again_and_a_damaged_status_file_is_ignored(
        data_copy: Path, opened: list[str], reads: list[str]) -> None:
    cold = _run(data_copy, cache=False)
    _run(data_copy, cache=True)
    opened.clear()
    reads.clear()
    # The copy's files were written less than SETTLED_NS ago: each is read and hashed again, and its
    # checked result still comes from the cache.
    assert _run(data_copy, cache=True) == cold
    assert len(opened) > 20 and reads == []
    status = data_copy / CACHE_FOLDER / checked_cache.STATUS_FILE
    for damaged in (b"\x00not marshal data", b"", __import__("marshal").dumps((checked_cache.CheckedFiles(data_copy).key,
                                                                               {GLOSSARY: ((1, 2), 7), CLAUSES: 3}))):
        status.write_bytes(damaged)
        reads.clear()
        assert _run(data_copy, cache=True) == cold and reads == []
