"""Fuzzing the loader: whatever a pull request does to a data file, loading ends in problems written
`path:line:col: message` (or in success), never in an exception.

Every data file gets MUTATIONS seeded random mutations, each one to three of: truncation, byte
flips, random bytes and YAML's special tokens, deep nesting, huge values, long numbers, ids that
make odd page addresses, a file that is empty or a single value, another encoding, duplicated,
deleted or swapped lines, and changed indentation. The seeds are fixed, so a failure names the
seed that reproduces it: `mutate(original, random.Random(seed))`.
"""
from __future__ import annotations

import random
import re
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from gpia.load.layout import data_files
from gpia.knowledge_base import load_knowledge_base
from gpia.load.problems import Problem

from conftest import ROOT, copy_data

MUTATIONS = 10  # per data file: 280 in all, in about 12 s of CPU time
FILES = [p.relative_to(ROOT).as_posix() for p in data_files(ROOT)]
# A message names a value, it does not copy it: the longest real message is about 400 characters.
MAX_MESSAGE = 1_000
FORM = re.compile(r"(?P<path>[^\n]+?):(?P<line>[0-9]+):(?P<col>[0-9]+): (?P<message>[^\n]+)")

Mutation = Callable[[bytes, random.Random], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] ^= rng.randrange(1, 256)
    return bytes(out)


_SPECIAL = [b"&a ", b"*a", b"!!python/object/apply:os.system ", b"!x ", b"<<: ", b"---\n", b"...\n", b"? ", b": ",
            b"- ", b"|", b">-", b'"', b"'", b"%YAML 1.1\n", b"%TAG ! tag:x,2000:\n", b"#", b"{", b"}", b"[", b"]",
            b",", b"\t", b"\r", b"\x00", b"\x1b", b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3", b"\xe2\x80", b"\\", b"@", b"`",
            b"~", b"null", b"yes", b"0x1F", b"1:20", b"6.10", b"2026-13-45", b".inf", b"1e400", b"index", b"pages"]


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:
        extra = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    else:
        extra = b"".join(rng.choice(_SPECIAL) for _ in range(rng.randint(1, 4)))
    return data[:at] + extra + data[at:]


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([45, 49, 50, 51, 60, 200, 995, 1200, 5000])
    lines = _lines(data)
    at = rng.randrange(len(lines))
    style = rng.randrange(4)
    if style == 0:
        nested = b"[" * depth + b"]" * depth
    elif style == 1:
        nested = b"{a: " * depth + b"}" * depth
    elif style == 2:
        nested = b"[" * depth  # never closed
    else:
        nested = b"\n" + b"".join(b"  " * (level + 1) + b"-\n" for level in range(depth))
        lines[at] = lines[at].rstrip(b"\r\n") + b" " + nested
        return b"".join(lines)
    line = lines[at]
    colon = line.find(b": ")
    lines[at] = (line[:colon + 2] + nested + b"\n") if colon >= 0 else (line + b"x: " + nested + b"\n")
    return b"".join(lines)


def huge_value(data: bytes, rng: random.Random) -> bytes:
    size = rng.choice([19_999, 20_001, 100_000, 1_000_000])
    filler = rng.choice([b"x", b"9", b"word ", b"\xc3\xa9", b"- ", b"a: "])
    value = (filler * (size // len(filler) + 1))[:size]
    lines = _lines(data)
    at = rng.randrange(len(lines))
    line = lines[at]
    colon = line.find(b": ")
    if colon >= 0 and rng.random() < 0.7:
        quote = rng.choice([b"", b'"', b"'"])
        lines[at] = line[:colon + 2] + quote + value + quote + b"\n"
    else:
        lines.insert(at, value + b"\n")
    return b"".join(lines)


def long_number(data: bytes, rng: random.Random) -> bytes:
    """A plain number where a value was: Python cannot print an int of more than 4,300 digits."""
    digits = rng.choice([99, 101, 4301, 10_000])
    number = rng.choice([b"9" * digits, b"1_" * (digits // 2), b"1" + b":59" * (digits // 3), b"0." + b"5" * digits])
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if b": " in line] or [0]
    at = rng.choice(candidates)
    line = lines[at]
    colon = line.find(b": ")
    lines[at] = (line[:colon + 2] if colon >= 0 else line.rstrip(b"\r\n") + b" ") + number + b"\n"
    return b"".join(lines)


def odd_id(data: bytes, rng: random.Random) -> bytes:
    """An id that makes a page address: 'index', 'pages', one too long for a file name, a reserved folder."""
    new = rng.choice([b"index", b"pages", b"a" * 300, b"-".join([b"long"] * 20), b"assets", b"search", b"404",
                      b"Index", b"index-2", b"readme"])
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if line.lstrip(b" -").startswith(b"id: ")] or [0]
    at = rng.choice(candidates)
    line = lines[at]
    colon = line.find(b"id: ")
    lines[at] = (line[:colon + 4] if colon >= 0 else b"id: ") + new + b"\n"
    return b"".join(lines)


def whole_file(data: bytes, rng: random.Random) -> bytes:
    """The file replaced by nothing, its modeline alone, or one value that is not a mapping."""
    modeline = _lines(data)[0]
    return rng.choice([b"", b"\n\n", modeline, modeline + b"hello\n", modeline + b"- a\n- b\n", modeline + b"42\n",
                       modeline + b"~\n", modeline + b"[]\n", modeline + b"'' \n", b"\xef\xbb\xbf"])


def other_encoding(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "utf-8-sig"])
    return text.encode(encoding, errors="replace")


def duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    end = min(len(lines), start + rng.randint(1, 12))
    at = rng.randrange(len(lines) + 1)
    return b"".join(lines[:at] + lines[start:end] + lines[at:])


def delete_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    return b"".join(lines[:start] + lines[start + rng.randint(1, 6):])


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"".join(lines)


def change_indentation(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(lines))
        body = lines[at].lstrip(b" ")
        indent = len(lines[at]) - len(body)
        new = rng.choice([max(0, indent - 2), indent + 2, indent + 1, 0, indent * 2])
        lines[at] = (b"\t" if rng.random() < 0.2 else b"") + b" " * new + body
    return b"".join(lines)


def swap_indentation(data: bytes, rng: random.Random) -> bytes:
    """Give a block of lines the indentation of another line."""
    lines = _lines(data)
    source = lines[rng.randrange(len(lines))]
    indent = source[:len(source) - len(source.lstrip(b" "))]
    start = rng.randrange(len(lines))
    for at in range(start, min(len(lines), start + rng.randint(1, 8))):
        lines[at] = indent + lines[at].lstrip(b" ")
    return b"".join(lines)


OPERATORS: tuple[Mutation, ...] = (truncate, flip_bytes, insert_bytes, deep_nesting, huge_value, long_number, odd_id,
                                   whole_file, other_encoding, duplicate_lines, delete_lines, swap_lines,
                                   change_indentation, swap_indentation)


def mutate(original: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    data, names = original, []
    for operator in rng.sample(OPERATORS, rng.choice([1, 1, 2, 3])):
        data = operator(data, rng)
        names.append(operator.__name__)
    return data, names


@pytest.fixture(scope="module")
def fuzz_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_data(tmp_path_factory.mktemp("fuzz") / "kb")


def well_formed(problem: Problem, root: Path) -> str | None:
    """Why a problem is not a well-formed `path:line:col: message` about a real data file, or None."""
    text = str(problem)
    match = FORM.fullmatch(text)
    if not match:
        return f"not one line of path:line:col: message: {text[:300]!r}"
    if len(problem.message) > MAX_MESSAGE:
        return f"a message of {len(problem.message):,} characters: {text[:300]!r}"
    if not (isinstance(problem.line, int) and isinstance(problem.col, int) and problem.line >= 1 and problem.col >= 1):
        return f"line and column must be whole numbers from 1: {text[:300]!r}"
    if match["path"] != problem.path or not (root / problem.path).exists():
        return f"the path is not a data file or folder: {text[:300]!r}"
    if not problem.path.startswith(("clauses", "faq")):
        return f"the path is outside the data folders: {text[:300]!r}"
    return None


@pytest.mark.parametrize("relative", FILES)
def test_a_mutated_file_ends_in_messages_never_an_exception(fuzz_copy: Path, relative: str) -> None:
    target = fuzz_copy / relative
    original = target.read_bytes()
    failures: list[str] = []
    try:
        for n in range(MUTATIONS):
            seed = f"{relative}#{n}"
            data, names = mutate(original, random.Random(seed))
            target.write_bytes(data)
            try:
                result = load_knowledge_base(fuzz_copy, check_wording=False)
            except Exception as error:  # noqa: BLE001 - any exception is the finding
                where = traceback.extract_tb(error.__traceback__)[-1]
                failures.append(f"{seed} ({'+'.join(names)}): {type(error).__name__}: {str(error)[:200]} "
                                f"at {Path(where.filename).name}:{where.lineno}")
                continue
            if result.knowledge_base is None and not result.problems:
                failures.append(f"{seed} ({'+'.join(names)}): no model and no problem")
            for problem in result.problems:
                wrong = well_formed(problem, fuzz_copy)
                if wrong:
                    failures.append(f"{seed} ({'+'.join(names)}): {wrong}")
                    break
    finally:
        target.write_bytes(original)
    assert not failures, "\n".join(failures)


def test_the_mutations_are_the_same_every_run() -> None:
    original = (ROOT / FILES[0]).read_bytes()
    first = [mutate(original, random.Random(f"{FILES[0]}#{n}")) for n in range(5)]
    again = [mutate(original, random.Random(f"{FILES[0]}#{n}")) for n in range(5)]
    assert first == again
    assert len({data for data, _ in first}) == 5  # and they differ from each other


def test_the_check_of_the_form_can_fail(fuzz_copy: Path) -> None:
    assert well_formed(Problem("faq/01-introduction.yaml", 3, 7, "fine"), fuzz_copy) is None
    assert well_formed(Problem("faq/01-introduction.yaml", 0, 7, "line 0"), fuzz_copy)
    assert well_formed(Problem("faq/01-introduction.yaml", 3, 7, "two\nlines"), fuzz_copy)
    assert well_formed(Problem("faq/missing.yaml", 3, 7, "no such file"), fuzz_copy)
    assert well_formed(Problem("../etc/passwd", 1, 1, "outside"), fuzz_copy)
    assert well_formed(Problem("faq/01-introduction.yaml", 3, 7, "x" * 1001), fuzz_copy)


# The crash classes the fuzzing found, each with its message. The loader's own are in
# tests/test_limits.py: a NUL or other control character (a ReaderError traceback), values nested
# 995 deep (a RecursionError), a number of 5,000 digits (a ValueError when a message printed it)
# and a huge value copied whole into a message.
FOUND = [
    # A file that fails its schema is still read leniently for the ids it references: a list where
    # an id belongs was put in a set (TypeError: unhashable type: 'list').
    ("clauses/clauses.yaml", 7, "schedule: schedule-3-clinical-hub", "schedule: [schedule-3-clinical-hub]",
     "clauses/clauses.yaml:7:15: 'clauses[0].schedule' must be text, not a list; write a single value"),
    ("faq/01-introduction.yaml", 25, "relates_to: [gp-ia,", "relates_to: [[gp-ia],",
     "faq/01-introduction.yaml:25:18: 'questions[0].relates_to[0]' must be text, not a list; write a single value"),
    ("clauses/requirements/icp-2019-governance.yaml", 23, "related: [term-risk-reward-scheme]",
     "related: [{id: term-risk-reward-scheme}]",
     "clauses/requirements/icp-2019-governance.yaml:23:19: 'areas[0].requirements[1].related[0] "
     "('term-risk-reward-scheme')' must be text, not a mapping; write a single value"),
    ("clauses/requirements/icp-2019-integration.yaml", 48, "- schedule: schedule-stratification",
     "- schedule: [schedule-stratification]",
     "clauses/requirements/icp-2019-integration.yaml:48:23: 'areas[1].requirements[0].defers_to[0].schedule' must "
     "be text, not a list; write a single value"),
]


@pytest.mark.parametrize("relative, line, old, new, expected", FOUND, ids=[f"{f[0]}:{f[1]}" for f in FOUND])
def test_crash_found_by_fuzzing_is_a_message(data_copy: Path, relative: str, line: int, old: str, new: str,
                                             expected: str) -> None:
    path = data_copy / relative
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")
    assert [str(p) for p in load_knowledge_base(data_copy, check_wording=False).problems] == [expected]
