"""Reading the data on two cores (gpia.knowledge_base.read_documents): with much to read, a copy of
the process reads and checks about half of the files and sends their results back. `gpia validate`
says exactly the same (its output, its messages' lines and columns, its exit status) whether the
files were read by one process or two, and whatever becomes of the copy.

A test runner's process has threads, so it never forks (gpia.load.processes.processes_wanted): each
run here is `gpia validate` in a process of its own, told to use two (GPIA_BUILD_PROCESSES=2) and to
share even a small corpus (GPIA_READ_SPLIT_BYTES=0), with a spy on the copy's work (SPY) that notes
which files the copy was dealt and what it sent back for each, or does something else to it.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gpia.knowledge_base import SPLIT_BYTES, _deal
from gpia.load.checked_cache import CACHE_FILE, CACHE_FOLDER

from conftest import ROOT, SOURCES, dead

# `gpia validate` with the copy's work spied on (GPIA_TEST_NOTE: a file to note it in) or, as
# GPIA_TEST_COPY says, the copy dying, sending what cannot be read or failing; or no fork to be had.
SPY = """
import json, marshal, os, sys, time
import gpia.knowledge_base as kb
from gpia.load import processes

beside, note, copy = kb._read_beside, os.environ["GPIA_TEST_NOTE"], os.environ.get("GPIA_TEST_COPY")
validating = os.getpid()

def spied(root, files, cache):
    def noted(sent):
        with open(note, "a", encoding="utf-8") as out:
            out.write(json.dumps({"pid": os.getpid(), "copy": os.getpid() != validating,
                                  "files": [f[0] for f in files], "sent": sent}) + "\\n")
    if copy == "sleeps":
        noted([])
        time.sleep(60)
    if copy == "dies":
        os._exit(1)
    if copy == "fails":
        raise RuntimeError("the copy failed")
    if copy == "garbles":
        return b"\\x00 not marshal"
    if copy == "sends too few":
        return marshal.dumps(marshal.loads(beside(root, files, cache))[:-1])
    sent = beside(root, files, cache)
    noted([m and m[0] for m in marshal.loads(sent)])
    return sent

kb._read_beside = spied
if copy == "cannot fork":
    def refused():
        raise OSError("no process left")
    processes.os.fork = refused
if copy == "sleeps":  # and this process reads its own files for as long
    read_file = kb._read_file
    kb._read_file = lambda *args: time.sleep(60) or read_file(*args)
sys.argv[1:] = sys.argv[2:]
from gpia.__main__ import run
run()
"""


def _validate(root: Path, tmp_path: Path, *, processes: int, split_bytes: int | None = 0, cache: bool = False,
              copy: str | None = None) -> tuple[tuple[int, str, str], list[dict]]:
    """`gpia validate` on root (exit status, stdout, stderr), and what the copy noted, if there was one."""
    note = tmp_path / f"note-{time.monotonic_ns()}.jsonl"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), NO_MKDOCS_2_WARNING="1",
               GPIA_BUILD_PROCESSES=str(processes), GPIA_TEST_NOTE=str(note))
    env.pop("GPIA_READ_SPLIT_BYTES", None)
    env.pop("GPIA_TEST_COPY", None)
    if split_bytes is not None:
        env["GPIA_READ_SPLIT_BYTES"] = str(split_bytes)
    if copy:
        env["GPIA_TEST_COPY"] = copy
    command = [sys.executable, "-c", SPY, "validate", "validate", "--root", str(root)]
    command += ["--sources", str(SOURCES)] if SOURCES.is_dir() else ["--skip-wording"]
    command += [] if cache else ["--no-cache"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    notes = [json.loads(line) for line in note.read_text(encoding="utf-8").splitlines()] if note.exists() else []
    return (done.returncode, done.stdout, done.stderr), notes


def _one_process(root: Path, tmp_path: Path, cache: bool = False) -> tuple[int, str, str]:
    said, notes = _validate(root, tmp_path, processes=1, cache=cache)
    assert notes == []
    return said


def _shared(root: Path, tmp_path: Path, cache: bool = False, **options) -> tuple[tuple[int, str, str], dict]:
    """A run whose files were shared with a copy, and what the copy noted (it had files, and so did this one)."""
    said, notes = _validate(root, tmp_path, processes=2, cache=cache, **options)
    assert len(notes) == 1 and notes[0]["copy"], (notes, said)
    files = len(list(root.glob("clauses/**/*.yaml")) + list(root.glob("faq/**/*.yaml")))
    assert notes[0]["files"] and len(notes[0]["files"]) < files
    return said, notes[0]


def test_the_real_data_reads_the_same_shared_and_is_not_shared_by_default(data_copy: Path, tmp_path: Path) -> None:
    alone = _one_process(data_copy, tmp_path)
    assert alone[0] == 0 and alone[1].startswith("OK: ")
    shared, note = _shared(data_copy, tmp_path)
    assert shared == alone
    assert set(note["sent"]) == {"checked"}
    # The real data is far below SPLIT_BYTES: a run on two cores reads it in one process.
    assert sum(f.stat().st_size for f in data_copy.rglob("*.yaml")) < SPLIT_BYTES / 2
    assert _validate(data_copy, tmp_path, processes=2, split_bytes=None) == (alone, [])


def test_ten_times_the_data_is_shared_by_default_and_reads_the_same(corpus10: Path, tmp_path: Path) -> None:
    alone = _one_process(corpus10, tmp_path)
    assert alone[0] == 0 and alone[1].startswith("OK: ")
    shared, note = _shared(corpus10, tmp_path, split_bytes=None)  # over SPLIT_BYTES of YAML
    assert shared == alone
    dealt = sum((corpus10 / relative).stat().st_size for relative in note["files"])
    total = sum(f.stat().st_size for f in corpus10.rglob("*.yaml"))
    assert total > SPLIT_BYTES and 0.3 < dealt / total < 0.6  # about half, the copy a little less


# Problems put in every data file, each kind in files dealt to both processes: each is found at the
# same line and column in a file the copy read as in one this process read. Each keeps the file's
# size, so that the files are dealt as those of the real data (knowledge_base._deal).
def _unclosed(text: str) -> str:  # a YAML syntax error: the last value starts a list never closed
    return re.sub(r"(?s)(.*^\s*[\w-]+: )\w", r"\1[", text, count=1, flags=re.M)


def _duplicate_key(text: str) -> str:  # line 1 (the modeline) holds the file's first key
    modeline, rest = text.split("\n", 1)
    key = re.search(r"^(\w+):", rest, re.M)[1] + ": x #"
    return key + "#" * (len(modeline) - len(key)) + "\n" + rest


def _unknown_field(text: str) -> str:  # the last field's name misspelt: the schema fails
    return re.sub(r"(?s)(.*^\s*)\w(\w+: )", r"\1x\2", text, count=1, flags=re.M)


def _control_character(text: str) -> str:
    at = text.rindex(": ")
    return text[:at + 1] + "\x07" + text[at + 2:]


def _placeholder(text: str) -> str:  # the last id a template's
    return re.sub(r"(?s)(.*id: )([\w-]{6,})", lambda m: m[1] + "NEW-ID".ljust(len(m[2])), text, count=1)


def _latin1(text: str) -> str:
    at = text.rindex("e")
    return text[:at] + "\udca3" + text[at + 1:]  # written as the byte 0xa3, which is not UTF-8


BREAKS = {_unclosed: "is not closed", _duplicate_key: "duplicate key", _unknown_field: "unknown field",
          _control_character: "U+0007", _placeholder: "template text", _latin1: "is not UTF-8"}


def test_each_files_own_problems_are_found_at_the_same_place_by_either_process(data_copy: Path,
                                                                                tmp_path: Path) -> None:
    files = [p.relative_to(data_copy).as_posix() for p in sorted(data_copy.rglob("*.yaml"))]
    here, there = _deal([(data_copy / relative).stat().st_size for relative in files])
    broken: dict[str, str] = {}
    for dealt in (here, there):
        for i, index in enumerate(dealt):
            file, breaks = data_copy / files[index], list(BREAKS)[i % len(BREAKS)]
            text = file.read_text(encoding="utf-8")
            written = breaks(text).encode("utf-8", "surrogateescape")
            assert len(written) == len(text.encode("utf-8")) and written != text.encode("utf-8"), (file, breaks)
            file.write_bytes(written)
            broken[files[index]] = BREAKS[breaks]
    alone = _one_process(data_copy, tmp_path)
    assert alone[0] == 1
    for relative, message in broken.items():
        assert re.search(rf"^{re.escape(relative)}:\d+:\d+: .*{re.escape(message)}", alone[2], re.M), relative
    shared, note = _shared(data_copy, tmp_path)
    assert shared == alone
    assert note["files"] == [files[index] for index in there]  # as dealt above
    for message in BREAKS.values():
        read_by = {relative in note["files"] for relative, found in broken.items() if found == message}
        assert read_by == {True, False}, message  # read by the copy and by this process
    # Those stopped before they were parsed came back as their one problem.
    stopped = {relative for relative, sent in zip(note["files"], note["sent"]) if sent == "stopped"}
    assert stopped == {r for r in note["files"] if broken[r] in ("U+0007", "is not UTF-8")}


def test_problems_across_files_are_placed_the_same_in_files_either_process_read(data_copy: Path,
                                                                                 tmp_path: Path) -> None:
    # A term renamed and another given a clause's id: references to it and the duplicate are placed
    # by the positions of files the copy read, and of this process's.
    glossary = data_copy / "clauses" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("  - id: term-mcp\n", "  - id: term-mcp-renamed\n", 1)
                        .replace("  - id: term-icp\n", "  - id: clause-6-2-d\n", 1), encoding="utf-8")
    alone = _one_process(data_copy, tmp_path)
    assert alone[0] == 1 and "refers to 'term-mcp'" in alone[2] and "duplicate id 'clause-6-2-d'" in alone[2]
    shared, _ = _shared(data_copy, tmp_path)
    assert shared == alone


def test_a_cold_shared_run_fills_the_cache_that_the_next_runs_read(data_copy: Path, tmp_path: Path) -> None:
    alone = _one_process(data_copy, tmp_path)
    shared, note = _shared(data_copy, tmp_path, cache=True)
    assert shared == alone and set(note["sent"]) == {"checked"}
    assert (data_copy / CACHE_FOLDER / CACHE_FILE).is_file()
    # Every file touched: read and hashed again, each text's result found in the cache by the copy too.
    for file in data_copy.rglob("*.yaml"):
        os.utime(file)
    shared, note = _shared(data_copy, tmp_path, cache=True)
    assert shared == alone and set(note["sent"]) == {"cached"}
    assert _validate(data_copy, tmp_path, processes=1, cache=True) == (alone, [])


@pytest.mark.parametrize("copy", ["dies", "fails", "garbles", "sends too few", "cannot fork"])
def test_what_the_copy_does_not_send_back_is_read_here(data_copy: Path, tmp_path: Path, copy: str) -> None:
    (data_copy / "clauses" / "glossary.yaml").write_bytes(b"# a control character: \x07\n")
    alone = _one_process(data_copy, tmp_path)
    said, notes = _validate(data_copy, tmp_path, processes=2, copy=copy)
    assert said == alone
    if copy == "cannot fork":  # the copy's share is read here, first
        assert len(notes) == 1 and not notes[0]["copy"] and set(notes[0]["sent"]) == {"checked"}
    else:
        assert notes == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's /proc")
def test_ctrl_c_stops_the_copy_too(data_copy: Path, tmp_path: Path) -> None:
    note = tmp_path / "copy.jsonl"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), NO_MKDOCS_2_WARNING="1", GPIA_BUILD_PROCESSES="2",
               GPIA_READ_SPLIT_BYTES="0", GPIA_TEST_NOTE=str(note), GPIA_TEST_COPY="sleeps")
    command = [sys.executable, "-c", SPY, "validate", "validate", "--root", str(data_copy), "--skip-wording"]
    run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not note.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    copy = json.loads(note.read_text(encoding="utf-8"))["pid"]
    run.send_signal(signal.SIGINT)  # to this process alone, as if only it had been interrupted
    _, stderr = run.communicate(timeout=30)
    assert run.returncode != 0 and "KeyboardInterrupt" in stderr
    deadline = time.monotonic() + 10
    while not dead(copy) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert dead(copy)
