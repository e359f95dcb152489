"""Each data file's checked result, kept between runs and keyed by the file's content.

Reading a file (parsing its YAML with every position, its schema, its placeholders and invisible
characters) is most of what `make validate` costs, yet an edit touches one file or two. So each
file's result (its data, the positions of its keys and values, its kind and its own problems) is
kept in one file under the project's `.cache/` folder (git-ignored), keyed by the SHA-256 of the
file's text; a later run takes the result of every file whose text is the same and reads only the
others. The whole cache belongs to one version of the code: it is keyed by the checking code and
the schemas (every file of the `gpia` package), the Python version and the cache's own format, so
changing any of them starts it afresh, as does another data folder or a change to the schemas of a
kind registered from outside the package. Checks across files (references, duplicate ids, the
model) always run on every file, cached or not.

A file's wording check (its NHS wording against the source extracts, and the quotes and dashes
that differ from the sources') depends on the file and the extracts alone, so it is kept too,
keyed by the file's text and a hash of the extracts (`wording`, `put_wording`); a whole document,
which is checked against every other file's records, is checked on every run.

Hashing a file means reading it: at x100 reading and hashing every file was a tenth of a run after
an edit. So the cache also keeps, beside it, each file's status (`os.lstat`: its size, times, inode,
device and mode) when its text was hashed (`content_by_status`, `note_status`); a file whose status
is the same has the same text and is not read again. A change to a file changes its status time
(ctime), which no tool sets back (on Windows, where st_ctime is the creation time, the modification
time and size vouch for the text, as they do for git); a file whose status is less than SETTLED_NS
old when it is hashed is not trusted to its status (a second write within the file system's clock
tick could leave it unchanged), so it is hashed again next time.

The entries are written with `marshal` (plain values only, read several times faster than
pickle): the cache is written by this module, on this machine or, for the pull requests' checks, by
a run on main (.github/workflows/pr.yml restores it, never from another pull request), and a cache
that cannot be read is ignored and written again, never an error. An entry is made and read by one
pair of functions (`pack`, `unpack`); a copy of the process that reads half of the files
(gpia.knowledge_base) sends each of its results back as such an entry, which this process reads as
it reads one from the cache, and keeps (`put_packed`).
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import time
from pathlib import Path
from typing import Any

from gpia.load import layout
from gpia.load.problems import DataWarning, Problem
from gpia.load.yaml_loader import JsonPath, YamlDocument

FORMAT = 4
CACHE_FOLDER = ".cache"
CACHE_FILE = "gpia-checked-files.marshal"
STATUS_FILE = "gpia-file-status.marshal"  # each file's status when its text was hashed
# How old a file's status must be when it is hashed for the status to vouch for the hash next time
# (file systems' clocks tick by up to 2 seconds).
SETTLED_NS = 2_000_000_000
_PACKAGE = Path(__file__).resolve().parents[1]  # scripts/gpia

# One file's result: its kind (or "invalid:<kind>"), its document if it parsed, and its own problems.
FileResult = tuple[str | None, YamlDocument | None, list[Problem]]
# One file's result as the cache keeps it (pack): its content key, its kind, its data, the positions
# of its values and of its keys (marshalled blocks, None if it did not parse), and its problems
# (line, column, message), all plain values that marshal writes.
Entry = tuple[str, str | None, bytes | None, bytes | None, bytes | None, list[tuple[int, int, str]]]
# One file's wording: its problems, the ids of its records whose wording failed, and its warnings.
WordingResult = tuple[list[Problem], set[str], list[DataWarning]]
# A file's status as os.lstat gives it (mode, size, modification and status-change times in
# nanoseconds, inode, device), and when it was taken (nanoseconds since the epoch).
Status = tuple[tuple[int, ...], int]


def file_status(file: Path) -> Status | None:
    """The file's status, taken before its text is read (None if it cannot be taken)."""
    taken = time.time_ns()
    try:
        st = os.lstat(file)
    except OSError:
        return None
    return (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev), taken


def status_size(status: Status) -> int:
    """The file's size in bytes, as its status (file_status) holds it."""
    return status[0][1]


def content_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_code_key: str | None = None


def code_key() -> str:
    """What the cached results depend on besides each file: every source file and schema of the package."""
    global _code_key
    if _code_key is None:
        digest = hashlib.sha256(f"{FORMAT} {sys.version} {marshal.version}".encode())
        for file in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".json") and p.is_file()):
            digest.update(file.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
        _code_key = digest.hexdigest()
    return _code_key


def _place_key(folder: Path) -> str:
    """What else a file's own checks read: the data folder (a registered kind's modeline names its schema
    relative to the file) and the schemas of kinds registered from outside the package."""
    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8", "surrogatepass") + b"\0")
    for schemas in layout._SCHEMA_FOLDERS:
        for file in sorted(schemas.glob("*.json")):
            digest.update(str(file).encode("utf-8", "surrogatepass") + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


class CheckedFiles:
    """The cache of one data folder: look files up by path and content, record new results, save."""

    def __init__(self, folder: Path):
        self.file = folder / CACHE_FOLDER / CACHE_FILE
        self.key = code_key() + " " + _place_key(folder)
        self.entries: dict[str, tuple[Any, ...]] = {}
        self.used: dict[str, tuple[Any, ...]] = {}
        self.wordings: dict[str, tuple[Any, ...]] = {}
        self.wordings_used: dict[str, tuple[Any, ...]] = {}
        self._marks: dict[str, tuple[_PackedMarks, _PackedMarks]] = {}  # the positions given out, by file
        self.changed = False
        self.status_file = folder / CACHE_FOLDER / STATUS_FILE
        self.statuses: dict[str, Any] = {}  # path: (status, content key), as the last run left them
        self.statuses_now: dict[str, tuple[tuple[int, ...], str]] = {}  # this run's
        try:
            stored = marshal.loads(self.file.read_bytes())
            if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == self.key and \
                    isinstance(stored[1], dict) and isinstance(stored[2], dict):
                self.entries, self.wordings = stored[1], stored[2]
        except (OSError, ValueError, EOFError, TypeError):
            pass  # no cache yet, or one that cannot be read: every file is read again
        try:
            stored = marshal.loads(self.status_file.read_bytes())
            if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == self.key and isinstance(stored[1], dict):
                self.statuses = stored[1]
        except (OSError, ValueError, EOFError, TypeError):
            pass  # every file is hashed again

    def status(self, file: Path) -> Status | None:
        """The file's status, taken before its text is read (file_status)."""
        return file_status(file)

    def content_key(self, text: str) -> str:
        """The key of the file's text, by which its result is kept and looked up (content_key)."""
        return content_key(text)

    def content_by_status(self, relative: str, status: Status | None) -> str | None:
        """The content key of the file's text as hashed by an earlier run, if the file's status is the
        one it had then (so its text is the same); None: the file must be read and hashed."""
        entry = self.statuses.get(relative)
        if status is None or not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != status[0] or \
                not isinstance(entry[1], str):
            return None
        return entry[1]

    def note_status(self, relative: str, status: Status | None, content: str) -> None:
        """Keep the file's status beside the content key of the text read after it was taken, unless
        the file changed too recently for its status to vouch for its text."""
        if status is None:
            return
        (mode, size, modified, changed, inode, device), taken = status
        if max(modified, changed) <= taken - SETTLED_NS:
            self.statuses_now[relative] = (status[0], content)

    def get(self, relative: str, content: str | None) -> FileResult | None:
        """The file's result kept from an earlier run, if its text had this content key (None: the
        key is not known without reading the file, so nothing is found)."""
        entry = self.entries.get(relative)
        if entry is None or content is None or entry[0] != content:
            return None
        try:
            result = unpack(relative, entry)
        except (ValueError, EOFError, TypeError):
            return None  # damaged on disk: the file is read again
        self._use(relative, entry, result)
        return result

    def put(self, relative: str, content: str, result: FileResult) -> None:
        entry = pack(relative, content, result)
        if entry is not None:
            self.used[relative] = entry
            self.changed = True

    def put_packed(self, relative: str, entry: Entry) -> FileResult:
        """The result of a file that a copy of this process read and checked (gpia.knowledge_base), sent
        back packed as the cache keeps it: read as from the cache (its positions still packed), and
        kept. Raises ValueError, EOFError or TypeError if it cannot be read."""
        result = unpack(relative, entry)
        self._use(relative, entry, result)
        self.changed = True
        return result

    def _use(self, relative: str, entry: Entry, result: FileResult) -> None:
        self.used[relative] = entry
        doc = result[1]
        if doc is not None:
            self._marks[relative] = (doc.value_marks, doc.key_marks)  # type: ignore[assignment]

    def wording(self, relative: str, sources: str) -> WordingResult | None:
        """The file's wording result kept from an earlier run, if its text (as read by this run) and
        the source extracts (`sources`, their hash) are the same."""
        content = self.used.get(relative, (None,))[0]
        entry = self.wordings.get(relative)
        if content is None or not isinstance(entry, tuple) or entry[:2] != (content, sources):
            return None
        try:
            _, _, problems, failed, warnings = entry
            result = ([Problem(relative, *p) for p in problems], set(failed),
                      [DataWarning(relative, *w) for w in warnings])
        except (ValueError, TypeError):
            return None  # damaged on disk: the file's wording is checked again
        self.wordings_used[relative] = entry
        return result

    def put_wording(self, relative: str, sources: str, result: WordingResult) -> None:
        problems, failed, warnings = result
        content = self.used.get(relative, (None,))[0]
        if content is None or any(p.path != relative for p in (*problems, *warnings)):
            return
        self.wordings_used[relative] = (content, sources, [(p.line, p.col, p.message) for p in problems],
                                        sorted(failed), [(w.line, w.col, w.message) for w in warnings])
        self.changed = True

    def save(self) -> None:
        """Write the entries of this run's files (files deleted since are dropped), if anything changed."""
        # A file whose positions turned out damaged when a message looked one up is read again next time.
        used = {relative: entry for relative, entry in self.used.items()
                if not any(marks.damaged for marks in self._marks.get(relative, ()))}
        # A wording result not looked at in this run (the run stopped before the wording check) is kept
        # while its file's text is the same.
        wordings = {relative: entry for relative, entry in self.wordings.items()
                    if relative in used and used[relative][0] == entry[0]}
        wordings.update((relative, entry) for relative, entry in self.wordings_used.items() if relative in used)
        # A status is kept only for a file whose entry is kept, with the same text.
        statuses = {relative: entry for relative, entry in self.statuses_now.items()
                    if relative in used and used[relative][0] == entry[1]}
        if self.changed or used.keys() != self.entries.keys() or wordings.keys() != self.wordings.keys():
            self._write(self.file, (self.key, used, wordings))
        if statuses != self.statuses:
            self._write(self.status_file, (self.key, statuses))

    def _write(self, file: Path, value: Any) -> None:
        import tempfile  # only a run that changed something writes (tempfile and shutil: 6 ms to import)

        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            ignore = file.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Written by gpia validate: results of checked data files, safe to delete.\n*\n",
                                  encoding="utf-8")
            # Written whole, then renamed into place: a run that reads it meanwhile sees the old or the new.
            handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                marshal.dump(value, out)
            os.replace(temporary, file)
        except OSError:
            pass  # a read-only checkout still validates, only without the cache


class NoCache:
    """No cache (`--no-cache`, and every reading of the data that keeps nothing): the methods of
    CheckedFiles, finding nothing, keeping nothing and writing nothing, so that the code that reads
    the files has one path whether there is a cache or not. It takes no file's status and hashes no
    text, since nothing would look them up."""

    def status(self, file: Path) -> Status | None:
        return None

    def content_key(self, text: str) -> str:
        return ""

    def content_by_status(self, relative: str, status: Status | None) -> str | None:
        return None

    def note_status(self, relative: str, status: Status | None, content: str) -> None:
        pass

    def get(self, relative: str, content: str | None) -> FileResult | None:
        return None

    def put(self, relative: str, content: str, result: FileResult) -> None:
        pass

    def put_packed(self, relative: str, entry: Entry) -> FileResult:
        return unpack(relative, entry)

    def wording(self, relative: str, sources: str) -> WordingResult | None:
        return None

    def put_wording(self, relative: str, sources: str, result: WordingResult) -> None:
        pass

    def save(self) -> None:
        pass


NO_CACHE = NoCache()  # it keeps nothing, so one serves every caller


def pack(relative: str, content: str, result: FileResult) -> Entry | None:
    """A file's result as the cache keeps it (None for a result holding another file's problem: only
    a file's own problems are kept, and none other is expected). Each file's data and positions are
    marshalled blocks of their own: the cache is then written (at the end of every run that read a
    file) by copying the blocks of the files it did not read, and a copy of this process that read
    the file sends them back as they are (gpia.knowledge_base)."""
    kind, doc, problems = result
    if any(p.path != relative for p in problems):
        return None
    if doc is None:
        return content, kind, None, None, None, [(p.line, p.col, p.message) for p in problems]
    return (content, kind, marshal.dumps(doc.data), _pack(doc.value_marks), _pack(doc.key_marks),
            [(p.line, p.col, p.message) for p in problems])


def unpack(relative: str, entry: Entry) -> FileResult:
    """The result kept as `entry` (pack), its positions read only when first looked up. Raises
    ValueError, EOFError or TypeError for an entry that is damaged."""
    _, kind, data, values, keys, problems = entry
    doc = None
    if data is not None:
        doc = YamlDocument(relative, marshal.loads(data), _PackedMarks(values), _PackedMarks(keys))  # type: ignore[arg-type]
    return kind, doc, [Problem(relative, *p) for p in problems]


# A column is below 2**25 (files are at most yaml_loader.MAX_FILE_BYTES).
_COLUMN_BITS = 25
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


def _pack(marks: Any) -> bytes:
    """A file's positions as one marshalled block of packed numbers, read back only if a run looks one up."""
    if isinstance(marks, _PackedMarks):
        return marks.blob
    return marshal.dumps({path: (mark.line << _COLUMN_BITS) | mark.column for path, mark in marks.items()})


class _Mark:
    """A position read back from the cache, as the parser's mark gives it (0-based line and column)."""

    __slots__ = ("line", "column")

    def __init__(self, packed: int):
        self.line, self.column = packed >> _COLUMN_BITS, packed & _COLUMN_MASK


class _PackedMarks:
    """A cached file's positions (path: mark), read from their bytes when first looked up: most runs
    look up none, and reading every file's positions was most of the time of reading the cache."""

    __slots__ = ("blob", "damaged", "_marks")

    def __init__(self, blob: bytes):
        if not isinstance(blob, bytes):
            raise TypeError("positions are a marshalled block")
        self.blob = blob
        self.damaged = False
        self._marks: dict[JsonPath, int] | None = None

    def _read(self) -> dict[JsonPath, int]:
        if self._marks is None:
            try:
                self._marks = marshal.loads(self.blob)
                if not isinstance(self._marks, dict):
                    raise TypeError("positions are a mapping")
            except (ValueError, EOFError, TypeError):
                # Damaged on disk: a problem of this run is placed at its file's start, and the file is
                # read again next time (CheckedFiles.save leaves it out).
                self._marks, self.damaged = {}, True
        return self._marks

    def __getitem__(self, path: JsonPath) -> _Mark:
        return _Mark(self._read()[path])

    def get(self, path: JsonPath, default: Any = None) -> Any:
        found = self._read().get(path)
        return default if found is None else _Mark(found)

    def items(self):  # type: ignore[no-untyped-def]
        return ((path, _Mark(value)) for path, value in self._read().items())

    def values(self):  # type: ignore[no-untyped-def]
        return (_Mark(value) for value in self._read().values())
