"""Where each kind of data lives: the data folders, read. Which file is of which file kind (and so
which schema) is the registry of kinds' (gpia.model.kinds.LAYOUT, each file kind's glob declared on
its kind); this layer sits below the model, so the layout is passed in.

The data folders hold only regular `*.yaml` files (and README.md files that document them).
Anything else under them is reported, never skipped: a `.yml` or `.YAML` file, a `notes.yaml.txt`,
a symbolic link (never followed, so nothing outside the repository is read), a named pipe.
"""
from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Callable
from fnmatch import translate
from pathlib import Path
from typing import Any

from gpia.load.problems import Problem

# (glob relative to the data root, file kind), as gpia.model.kinds.LAYOUT derives it. The first match wins.
Layout = tuple[tuple[str, str], ...]
DATA_DIRS = ("clauses", "faq")
SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"
# Folders of schemas beside the core's, for kinds registered from outside it (gpia.model.kinds.register).
_SCHEMA_FOLDERS: list[Path] = []


def add_schema_folder(folder: Path) -> None:
    if folder not in _SCHEMA_FOLDERS:
        _SCHEMA_FOLDERS.append(folder)


def schema_path(kind: str) -> Path:
    """The JSON Schema of a file kind: gpia/schemas/<kind>.json, or a registered kind's."""
    return next((f / f"{kind}.json" for f in _SCHEMA_FOLDERS if (f / f"{kind}.json").is_file()),
                SCHEMA_DIR / f"{kind}.json")
# The one extension of a data file: `.yml` is not a second spelling of it (every layout pattern
# ends in .yaml), so a `.yml` file is reported with the name to rename it to.
DATA_SUFFIX = ".yaml"
# Files that document the data rather than hold it, allowed by name in any data folder.
DOCUMENTATION_FILES = frozenset({"README.md"})
# A name with a space, a colon or an invisible character would garble (or hide in) the
# `path:line:col: message` lines every problem is shown as; such a name is reported, escaped.
_OTHER_FILES = (f"only {DATA_SUFFIX} data files (and {', '.join(sorted(DOCUMENTATION_FILES))}) belong under "
                + " and ".join(f"{d}/" for d in DATA_DIRS))


def kind_of(relative: str, layout: Layout) -> str | None:
    """The file kind of a data file, by its path relative to the data root; None: not in the layout."""
    name, slashes = os.path.normcase(relative), relative.count("/")
    for match, depth, kind in _compiled(layout):
        if match(name) and slashes == depth:
            return kind
    return None


@functools.cache
def _compiled(layout: Layout) -> tuple[tuple[Callable[[str], Any], int, str], ...]:
    """Each pattern of the layout as fnmatch applies it (its regular expression, of the pattern in the
    system's case), with its depth: fnmatch looked the expression up again for every file and pattern."""
    return tuple((re.compile(translate(os.path.normcase(pattern))).match, pattern.count("/"), kind)
                 for pattern, kind in layout)


def data_files(root: Path) -> list[Path]:
    """Every regular *.yaml file under the data folders, in a stable order (see scan_data)."""
    return scan_data(root)[0]


def scan_data(root: Path) -> tuple[list[Path], list[Problem]]:
    """The data files under root's data folders, and a problem at `path:1:1` for everything else there.

    Symbolic links are reported and not followed, whether they point at a file or a folder, so the
    walk never leaves the repository."""
    found, problems = scan_data_named(root)
    return [file for _, file in found], problems


def scan_data_named(root: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """scan_data, each file with its path relative to root (forward slashes), sorted by that path."""
    files: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    for folder in DATA_DIRS:
        try:
            info = os.lstat(root / folder)
        except FileNotFoundError:
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(root, folder, files, problems)
        else:
            problems.append(_not_a_folder(folder, info.st_mode))
    return sorted(files, key=lambda named: named[0]), problems


def _walk(root: Path, relative: str, files: list[tuple[str, Path]], problems: list[Problem]) -> None:
    try:
        with os.scandir(root / relative) as entries:
            found = sorted(entries, key=lambda e: e.name)
    except OSError as error:
        problems.append(Problem(relative, 1, 1, f"this folder cannot be read ({error.strerror}); "
                                                "make it readable (chmod u+rx), or remove it"))
        return
    for entry in found:
        path = f"{relative}/{entry.name}"
        if _garbled(entry.name):
            problems.append(_odd_name(relative, entry.name))
            continue
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as error:  # removed while we looked
            problems.append(Problem(path, 1, 1, f"this file cannot be read ({error.strerror})"))
            continue
        if stat.S_ISLNK(mode):
            problems.append(Problem(path, 1, 1, "this is a symbolic link, and links are never followed: the data "
                                                "must be real files in the repository; replace the link with the "
                                                "file or folder itself, or delete it"))
        elif stat.S_ISDIR(mode):
            _walk(root, path, files, problems)
        elif not stat.S_ISREG(mode):
            problems.append(Problem(path, 1, 1, f"this is {_special(mode)}, not a file; {_OTHER_FILES}, "
                                                "so delete it"))
        elif entry.name.endswith(DATA_SUFFIX):
            files.append((path, root / path))
        elif entry.name not in DOCUMENTATION_FILES:
            problems.append(Problem(path, 1, 1, _rename_hint(entry.name)))


def _rename_hint(name: str) -> str:
    lower = name.lower()
    for suffix in (".yaml", ".yml"):
        at = lower.rfind(suffix)
        if at > 0:  # notes.YAML, notes.yml, notes.yaml.txt, notes.yaml~, notes.yml.bak
            base = name[:at]
            if lower.endswith(suffix):
                spelled = "in lowercase" if suffix == DATA_SUFFIX else f"not {name[at:]}"
                return f"data files end in {DATA_SUFFIX}, {spelled}; rename it to {base}{DATA_SUFFIX}"
            return (f"data files end in {DATA_SUFFIX}, so this one is not read; rename it to {base}{DATA_SUFFIX} "
                    "if it holds data, otherwise delete it")
    for documentation in DOCUMENTATION_FILES:
        if lower == documentation.lower():
            return f"{_OTHER_FILES}; rename it to {documentation}"
    return (f"{_OTHER_FILES}; if this file holds data, rename it to end in {DATA_SUFFIX}, "
            "otherwise move it out of the data folders or delete it")


def _garbles(char: str) -> bool:
    return char == ":" or char.isspace() or not char.isprintable()


_SPACE = re.compile(r"\s")  # for a str pattern, the characters str.isspace() is true of


def _garbled(name: str) -> bool:
    """Whether a character of `name` _garbles: the whole name at once (a folder of data has thousands)."""
    return ":" in name or not name.isprintable() or _SPACE.search(name) is not None


def _escaped(char: str) -> str:
    if char == ":":
        return "\\x3a"
    return char.encode("unicode_escape").decode("ascii") if _garbles(char) else char


def _odd_name(folder: str, name: str) -> Problem:
    bad = next(c for c in name if _garbles(c))
    shown = "".join(_escaped(c) for c in name)
    what = "a space" if bad == " " else "':'" if bad == ":" else f"the invisible character U+{ord(bad):04X}"
    return Problem(f"{folder}/{shown}", 1, 1, f"this name contains {what}; names of data files and folders "
                                              "have no spaces, colons or invisible characters, so rename it")


def _not_a_folder(folder: str, mode: int) -> Problem:
    if stat.S_ISLNK(mode):
        what = "a symbolic link, and links are never followed"
    else:
        what = _special(mode) if not stat.S_ISREG(mode) else "a file"
    return Problem(folder, 1, 1, f"this is {what}; {folder}/ must be a real folder in the repository "
                                 "holding the data files")


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def expected_places(layout: Layout) -> str:
    return ", ".join(pattern for pattern, _ in layout)
