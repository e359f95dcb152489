"""Templates compiled once and kept compiled on disk between processes (gpia.views.templating)."""
from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from gpia.views.templating import _CompiledOnce


def _environment(folder: Path, cache: _CompiledOnce, **settings: object) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache, **settings)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("{% if x %}\n<b>{{ x }}</b>\n{% endif %}\n", encoding="utf-8")
    return folder


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the template was compiled, not read from the cache")
    monkeypatch.setattr(jinja2.Environment, "compile", refused)


def test_a_template_compiled_by_one_process_is_read_by_the_next(templates: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    disk = tmp_path / "compiled"
    disk.mkdir(mode=0o700)
    assert _environment(templates, _CompiledOnce(str(disk))).get_template("page.html").render(x="a") == "\n<b>a</b>\n"
    assert list(disk.iterdir())
    _no_compiling(monkeypatch)  # a new process: nothing in memory, the disk's entry
    assert _environment(templates, _CompiledOnce(str(disk))).get_template("page.html").render(x="b") == "\n<b>b</b>\n"


def test_an_edited_template_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    cache = _CompiledOnce(str(tmp_path))
    assert _environment(templates, cache).get_template("page.html").render(x="a") == "\n<b>a</b>\n"
    (templates / "page.html").write_text("<i>{{ x }}</i>", encoding="utf-8")
    assert _environment(templates, cache).get_template("page.html").render(x="a") == "<i>a</i>"
    assert _environment(templates, _CompiledOnce(str(tmp_path))).get_template("page.html").render(x="a") == "<i>a</i>"


def test_the_settings_that_shape_the_code_are_part_of_the_key(templates: Path, tmp_path: Path) -> None:
    cache = _CompiledOnce(str(tmp_path))
    assert _environment(templates, cache).get_template("page.html").render(x="<") == "\n<b><</b>\n"
    # The same file under other settings is compiled for them, not read from the first's entry.
    assert _environment(templates, cache, trim_blocks=True).get_template("page.html").render(x="a") == "<b>a</b>\n"
    assert _environment(templates, cache, autoescape=True).get_template("page.html").render(x="<") == "\n<b>&lt;</b>\n"


def test_an_entry_that_cannot_be_read_is_compiled_afresh(templates: Path, tmp_path: Path) -> None:
    _environment(templates, _CompiledOnce(str(tmp_path))).get_template("page.html")
    for entry in tmp_path.glob("*.cache"):
        entry.write_bytes(entry.read_bytes()[:40] + b"\x00garbage")
    assert _environment(templates, _CompiledOnce(str(tmp_path))).get_template("page.html").render(x="c") == "\n<b>c</b>\n"


def test_without_a_folder_of_its_own_it_keeps_them_in_memory(templates: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def unsafe(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("Cannot determine safe temp directory.")
    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "__init__", unsafe)
    cache = _CompiledOnce()
    assert _environment(templates, cache).get_template("page.html").render(x="d") == "\n<b>d</b>\n"
    _no_compiling(monkeypatch)
    assert _environment(templates, cache).get_template("page.html").render(x="e") == "\n<b>e</b>\n"
