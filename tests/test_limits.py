"""What a data file's bytes may be: UTF-8 text without control characters, values of a sane size
and depth, one document holding a mapping. Each breach is one problem where it starts, never a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from gpia.load.yaml_loader import MAX_DEPTH, MAX_VALUE_LENGTH

from conftest import problems

FILE = "clauses/schedules/schedule-test.yaml"
MODELINE = "# yaml-language-server: $schema=../../scripts/gpia/schemas/schedule.json\n"
GOOD = MODELINE + "schedule:\n  id: schedule-test\n  title: Test schedule\n  summary: Our words.\n  last_reviewed: 2026-11-25\n"
UNREFERENCED = (f"{FILE}:3:7: schedule 'schedule-test' is not referenced by any requirement, clause or FAQ; point a "
                "requirement's defers_to or related, a clause's schedule or an FAQ's relates_to at it, or quote the FAQ "
                "that mentions it")
SAVE = "save it as UTF-8 (in VS Code: click the encoding in the status bar, Save with Encoding, UTF-8)"
NESTED = (f"values are nested more than {MAX_DEPTH} levels deep here (lists and mappings inside each other); no data "
          "file needs more than about 10, so look for unclosed brackets or indentation that keeps growing")
EMPTY = f"{FILE}:1:1: file is empty; it should hold schedule (see schedule.json)"
NO_MODELINE = (f"{FILE}:1:1: the first line must be the editor modeline that gives autocomplete in VS Code; insert "
               "this as line 1: # yaml-language-server: $schema=../../scripts/gpia/schemas/schedule.json")


def _block_nesting(levels: int) -> str:
    """`schedule:` holding a list holding a list ..., `levels` lists deep, written in block style."""
    return MODELINE + "schedule:\n" + "".join("  " * level + "-\n" for level in range(1, levels + 1))


CASES: list[tuple[str, bytes, list[str]]] = [
    ("NUL character", GOOD.replace("Test schedule", "Test\0 schedule").encode(),
     [f"{FILE}:4:14: a NUL character is not allowed in YAML text (the file may be binary, damaged, or saved as "
      "UTF-16); delete it"]),
    ("control character", GOOD.replace("Our words.", "Our\x01 words.").encode(),
     [f"{FILE}:5:15: the character U+0001 is not allowed in YAML text (control characters are invisible in most "
      "editors; they often come with text pasted from a PDF); delete it"]),
    ("DEL character", GOOD.replace("Our words.", "Our\x7f words.").encode(),
     [f"{FILE}:5:15: the character U+007F is not allowed in YAML text (control characters are invisible in most "
      "editors; they often come with text pasted from a PDF); delete it"]),
    ("Latin-1 byte", GOOD.replace("Our words.", "Our café.").encode("latin-1"),
     [f"{FILE}:5:19: byte 0xe9 here is not UTF-8 text (the file was probably saved as Latin-1 or Windows-1252, "
      f"e.g. for a £ or a curly quote); {SAVE}"]),
    ("Windows-1252 curly quote after UTF-8 text", GOOD.replace("Our words.", "Our ‘words’ — «x»").encode("cp1252"),
     [f"{FILE}:5:16: byte 0x91 here is not UTF-8 text (the file was probably saved as Latin-1 or Windows-1252, "
      f"e.g. for a £ or a curly quote); {SAVE}"]),
    ("UTF-16 with a byte-order mark", GOOD.encode("utf-16"),
     [f"{FILE}:1:1: this file is saved as UTF-16 (it starts with a byte-order mark); {SAVE}"]),
    ("UTF-16 big-endian with a byte-order mark", b"\xfe\xff" + GOOD.encode("utf-16-be"),
     [f"{FILE}:1:1: this file is saved as UTF-16 (it starts with a byte-order mark); {SAVE}"]),
    ("UTF-32 with a byte-order mark", GOOD.encode("utf-32"),
     [f"{FILE}:1:1: this file is saved as UTF-32 (it starts with a byte-order mark); {SAVE}"]),
    ("UTF-16 without a byte-order mark", GOOD.encode("utf-16-le"),
     [f"{FILE}:1:2: a NUL character is not allowed in YAML text (the file may be binary, damaged, or saved as "
      "UTF-16); delete it"]),
    # Windows editors write one; it is dropped, and the file is read as if it were not there.
    ("UTF-8 with a byte-order mark", b"\xef\xbb\xbf" + GOOD.encode(), [UNREFERENCED]),
    ("Latin-1 byte after a UTF-8 byte-order mark", b"\xef\xbb\xbf" + GOOD.replace("Test", "T\xe9st").encode("latin-1"),
     [f"{FILE}:4:11: byte 0xe9 here is not UTF-8 text (the file was probably saved as Latin-1 or Windows-1252, "
      f"e.g. for a £ or a curly quote); {SAVE}"]),
    ("zero bytes", b"", [EMPTY, NO_MODELINE]),
    ("only the modeline and blank lines", (MODELINE + "\n\n").encode(), [EMPTY]),
    ("only a word", (MODELINE + "hello\n").encode(),
     [f"{FILE}:2:1: this file holds \"hello\" on its own, but it must hold the fields of schedule (schedule), as in "
      "schedule.json"]),
    ("only a number", (MODELINE + "42\n").encode(),
     [f"{FILE}:2:1: this file holds 42 on its own, but it must hold the fields of schedule (schedule), as in "
      "schedule.json"]),
    ("only a list", (MODELINE + "- id: schedule-test\n- title: Test\n").encode(),
     [f"{FILE}:2:1: this file holds a list on its own, but it must hold the fields of schedule (schedule), as in "
      "schedule.json"]),
    ("two documents", (GOOD + "---\nschedule: {}\n").encode(),
     [f"{FILE}:7:1: a second YAML document starts here; a data file holds exactly one, so remove this '---' line "
      "(or what follows it)"]),
    (f"brackets {MAX_DEPTH} deep", (MODELINE + "schedule: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n").encode(),
     [f"{FILE}:2:{len('schedule: ') + MAX_DEPTH}: {NESTED}"]),
    # The file's mapping and 49 lists inside it are 50 levels: allowed (and then wrong for the schema).
    (f"brackets {MAX_DEPTH - 1} deep", (MODELINE + "schedule: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
                                        + "\n").encode(),
     [f"{FILE}:2:11: 'schedule' must be a mapping of fields, not a list"]),
    ("brackets 995 deep", (MODELINE + "schedule: " + "{a: " * 995 + "}" * 995 + "\n").encode(),
     [f"{FILE}:2:{len('schedule: ') + 4 * (MAX_DEPTH - 1) + 1}: {NESTED}"]),
    ("block lists 995 deep", _block_nesting(995).encode(),
     [f"{FILE}:{2 + MAX_DEPTH}:{2 * MAX_DEPTH + 1}: {NESTED}"]),
    ("a huge value", GOOD.replace("Test schedule", "x" * (MAX_VALUE_LENGTH + 1)).encode(),
     [f"{FILE}:4:10: this value is 20,001 characters long, more than the 20,000 allowed; split it, or look for a "
      "quote that is never closed"]),
    ("a huge quoted value over many lines", GOOD.replace("Our words.", '"' + "words\n   " * 4000 + '"').encode(),
     [f"{FILE}:5:12: this value is 24,000 characters long, more than the 20,000 allowed; split it, or look for a "
      "quote that is never closed"]),
    # libyaml allows 1,024 characters in a key written `key: value`; `? key` lifts that limit.
    ("a huge key", GOOD.replace("  summary:", "  ? " + "k" * (MAX_VALUE_LENGTH + 1) + "\n  : x\n  summary:").encode(),
     [f"{FILE}:5:5: this value is 20,001 characters long, more than the 20,000 allowed; split it, or look for a "
      "quote that is never closed"]),
    # Python refuses to turn an int of more than 4,300 digits into text, which every message does.
    ("a number of 5,000 digits", GOOD.replace("Test schedule", "9" * 5000).encode(),
     [f"{FILE}:4:10: this number is 5,000 characters long, more than the 100 allowed; if it is text, put it in "
      "quotes"]),
    ("a long number used as a key", GOOD.replace("  summary:", "  " + "1" * 101 + ": x\n  summary:").encode(),
     [f"{FILE}:5:3: this number is 101 characters long, more than the 100 allowed; if it is text, put it in "
      "quotes"]),
    ("a long text shown cut short", GOOD.replace("  title:", "  number: " + "1" * 100 + "\n  title:").encode(),
     [f"{FILE}:4:11: 'schedule.number' must be text, not {'1' * 100} (YAML reads unquoted numbers, dates and yes/no "
      "as other types); put the value in quotes"]),
    ("a wrong value shown cut short", GOOD.replace("  title:", '  number: "' + "Ab" * 100 + '"\n  title:').encode(),
     [f"{FILE}:4:11: 'schedule.number' is \"{'Ab' * 30}…\" (200 characters), which is not a number written in "
      "quotes, such as \"5\""]),
]


@pytest.mark.parametrize("data, expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_bad_bytes_are_reported_where_they_start(data_copy: Path, data: bytes, expected: list[str]) -> None:
    (data_copy / FILE).write_bytes(data)
    assert problems(data_copy) == expected
