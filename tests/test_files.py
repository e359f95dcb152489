"""The data folders hold only regular *.yaml files: everything else there is reported, never skipped,
and nothing is read through a symbolic link (so nothing outside the repository is read)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import gpia.load.yaml_loader
from gpia.load.layout import data_files
from gpia.load.yaml_loader import read_data_bytes

from conftest import ROOT, problems, write

LINK = ("this is a symbolic link, and links are never followed: the data must be real files in the repository; "
        "replace the link with the file or folder itself, or delete it")
OTHER = "only .yaml data files (and README.md) belong under clauses/ and faq/"
FAQ = (ROOT / "faq" / "04-in-practice.yaml").read_text(encoding="utf-8")


def test_a_link_to_a_file_outside_is_reported_and_not_read(data_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside.yaml"
    secret.write_text("secret: the contents of a file outside the repository\n", encoding="utf-8")
    (data_copy / "faq" / "06-link.yaml").symlink_to(secret)
    found = problems(data_copy)
    assert found == [f"faq/06-link.yaml:1:1: {LINK}"]
    assert "outside the repository\n" not in "".join(found)


def test_a_link_to_a_folder_is_reported_and_not_walked(data_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "x.yaml", "a: 1\n")
    write(outside, "notes.txt", "not data\n")
    (data_copy / "clauses" / "schedules" / "more").symlink_to(outside, target_is_directory=True)
    assert problems(data_copy) == [f"clauses/schedules/more:1:1: {LINK}"]


def test_a_link_to_a_data_file_inside_the_repository_is_refused_too(data_copy: Path) -> None:
    (data_copy / "faq" / "06-copy.yaml").symlink_to(data_copy / "faq" / "04-in-practice.yaml")
    (data_copy / "faq" / "07-broken.yaml").symlink_to(data_copy / "faq" / "missing.yaml")
    assert problems(data_copy) == [f"faq/06-copy.yaml:1:1: {LINK}", f"faq/07-broken.yaml:1:1: {LINK}"]


def test_a_data_folder_that_is_a_link_is_refused(data_copy: Path, tmp_path: Path) -> None:
    shutil.move(data_copy / "faq", tmp_path / "faq-elsewhere")
    (data_copy / "faq").symlink_to(tmp_path / "faq-elsewhere", target_is_directory=True)
    assert problems(data_copy)[-1] == (
        "faq:1:1: this is a symbolic link, and links are never followed; faq/ must be a real folder in the "
        "repository holding the data files")
    # Nothing under it was read: the FAQ sections are missing, so what points at them is reported.
    assert not any(p.startswith("faq/") for p in problems(data_copy))


@pytest.mark.parametrize("name, message", [
    ("06-other.YAML", "data files end in .yaml, in lowercase; rename it to 06-other.yaml"),
    ("06-other.Yaml", "data files end in .yaml, in lowercase; rename it to 06-other.yaml"),
    ("06-other.yml", "data files end in .yaml, not .yml; rename it to 06-other.yaml"),
    ("06-other.YML", "data files end in .yaml, not .YML; rename it to 06-other.yaml"),
    ("06-other.yaml.txt", "data files end in .yaml, so this one is not read; rename it to 06-other.yaml if it "
                          "holds data, otherwise delete it"),
    ("06-other.yaml~", "data files end in .yaml, so this one is not read; rename it to 06-other.yaml if it "
                       "holds data, otherwise delete it"),
    ("notes.txt", f"{OTHER}; if this file holds data, rename it to end in .yaml, otherwise move it out of the "
                  "data folders or delete it"),
    (".DS_Store", f"{OTHER}; if this file holds data, rename it to end in .yaml, otherwise move it out of the "
                  "data folders or delete it"),
    ("readme.md", f"{OTHER}; rename it to README.md"),
])
def test_a_file_with_another_extension_is_reported(data_copy: Path, name: str, message: str) -> None:
    write(data_copy, f"faq/{name}", FAQ)
    assert problems(data_copy) == [f"faq/{name}:1:1: {message}"]


@pytest.mark.parametrize("name, shown, what", [
    ("06 other.yaml", "06 other.yaml", "a space"),
    ("06:other.yaml", "06\\x3aother.yaml", "':'"),
    ("06\tother.yaml", "06\\tother.yaml", "the invisible character U+0009"),
    ("06\nother.yaml", "06\\nother.yaml", "the invisible character U+000A"),
    ("06\u200bother.yaml", "06\\u200bother.yaml", "the invisible character U+200B"),
])
def test_a_name_that_would_garble_the_message_is_reported_escaped(data_copy: Path, name: str, shown: str,
                                                                  what: str) -> None:
    write(data_copy, f"faq/{name}", FAQ)
    assert problems(data_copy) == [
        f"faq/{shown}:1:1: this name contains {what}; names of data files and folders have no spaces, colons or "
        "invisible characters, so rename it"]


def test_readme_files_that_document_the_data_are_allowed(data_copy: Path) -> None:
    assert (ROOT / "clauses" / "README.md").is_file()
    write(data_copy, "faq/README.md", "# The FAQ sections\n")
    write(data_copy, "clauses/schedules/README.md", "# One file per schedule\n")
    assert problems(data_copy) == []


def test_the_real_data_folders_hold_nothing_else() -> None:
    found = sorted(p.relative_to(ROOT).as_posix() for folder in ("clauses", "faq")
                   for p in (ROOT / folder).rglob("*") if p.is_file())
    yaml = [p.relative_to(ROOT).as_posix() for p in data_files(ROOT)]
    assert sorted(set(found) - set(yaml)) == ["clauses/README.md"]


def test_a_named_pipe_is_reported_without_waiting_for_it(data_copy: Path) -> None:
    os.mkfifo(data_copy / "faq" / "06-pipe.yaml")
    assert problems(data_copy) == [
        f"faq/06-pipe.yaml:1:1: this is a named pipe, not a file; {OTHER}, so delete it"]


UNREADABLE = ("faq/04-in-practice.yaml:1:1: this file cannot be read (permission denied); make it readable "
              "(chmod a+r), or replace it with a readable copy")


def test_an_unreadable_file_is_reported(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 000 does not stop root (CI runs as root), so the refusal the system gives is simulated.
    target = data_copy / "faq" / "04-in-practice.yaml"
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if Path(path) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(gpia.load.yaml_loader.os, "open", refusing_open)
    found = problems(data_copy)
    assert found[-1] == UNREADABLE
    # Only that file's problem and what its missing records leave unresolved: no traceback.
    assert all(p.startswith(("faq/04", "clauses/")) for p in found)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_a_file_with_mode_000_is_reported(data_copy: Path) -> None:
    target = data_copy / "faq" / "04-in-practice.yaml"
    target.chmod(0)
    try:
        assert problems(data_copy)[-1] == UNREADABLE
    finally:
        target.chmod(0o644)


def test_a_link_put_in_place_after_the_folder_was_listed_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text("secret: 1\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    assert str(read_data_bytes(tmp_path / "link.yaml", "faq/link.yaml")) == (
        "faq/link.yaml:1:1: this is a symbolic link, and links are never followed: the data must be real files in "
        "the repository; replace the link with the file itself, or delete it")


def test_a_file_too_large_to_be_data_is_not_read_whole(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gpia.load.yaml_loader, "MAX_FILE_BYTES", 1_000_000)
    write(data_copy, "faq/04-in-practice.yaml", FAQ + "# " + "x" * 1_000_000 + "\n")
    assert problems(data_copy)[-1] == (
        "faq/04-in-practice.yaml:1:1: this file is larger than 1 MB; no data file needs to be near that size, so "
        "split it or check that it is the right file")
