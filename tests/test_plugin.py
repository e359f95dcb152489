"""The MkDocs adapter is a plugin installed by entry point (pyproject.toml), with typed options that
the environment variables override, its state on the instance, and MkDocs' logging; the core
imports no mkdocs, and nothing under scripts/ edits sys.path."""
from __future__ import annotations

import logging
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from gpia_mkdocs.plugin import GuidePlugin

from conftest import ROOT, copy_data

BASE = "https://github.com/ORG/REPO/edit/main/"


def test_the_plugin_is_registered_by_entry_point() -> None:
    (entry,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "gpia"]
    assert entry.value == "gpia_mkdocs.plugin:GuidePlugin" and entry.load() is GuidePlugin
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and "gpia" in config["plugins"]
    (macros,) = [p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p]
    assert macros["modules"] == ["gpia_mkdocs.macros"] and "module_name" not in macros
    # After the macros plugin, so that its page events see the pages with their macros rendered.
    assert config["plugins"].index("gpia") > config["plugins"].index({"macros": macros})


def test_the_core_imports_no_mkdocs_and_no_module_edits_sys_path() -> None:
    code = ("import pkgutil, importlib, sys, gpia\n"
            "for m in pkgutil.walk_packages(gpia.__path__, 'gpia.'):\n"
            "    if m.name != 'gpia.__main__': importlib.import_module(m.name)\n"
            "print(sorted(n for n in sys.modules if n == 'mkdocs' or n.startswith('mkdocs.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    edits = [str(p.relative_to(ROOT)) for p in (ROOT / "scripts").rglob("*.py") if "sys.path" in p.read_text(encoding="utf-8")]
    assert edits == []


def _config(tmp_path: Path, **options: object):
    """mkdocs.yml of the project, from another folder, with the gpia plugin's `options`."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["watch"] = [str(ROOT / folder) for folder in config["watch"]]
    config["plugins"] = [{"gpia": options} if p == "gpia" else p for p in config["plugins"]]
    file = tmp_path / "mkdocs.yml"
    file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    loaded = load_config(config_file=str(file))
    return loaded, loaded.plugins["gpia"]


@pytest.fixture
def no_overrides(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("GPIA_DATA_ROOT", "GPIA_SOURCES_DIR", "GPIA_SKIP_WORDING", "GPIA_EDIT_BASE", "GPIA_SERVING"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_options_say_where_the_data_is_and_where_edit_links_go(tmp_path: Path, no_overrides) -> None:
    config, plugin = _config(tmp_path, edit_base=BASE, data_root=str(ROOT), skip_wording=True)
    plugin.on_config(config)
    context = plugin.current()
    assert context.data_root == ROOT and not context.broken
    assert context.views.edit_base == BASE and not context.result.verbatim_checked


def test_environment_variables_override_the_options(tmp_path: Path, no_overrides) -> None:
    broken = copy_data(tmp_path / "broken")
    (broken / "clauses" / "glossary.yaml").write_text("terms: [\n", encoding="utf-8")
    config, plugin = _config(tmp_path, data_root=str(broken))
    no_overrides.setenv("GPIA_DATA_ROOT", str(ROOT))
    no_overrides.setenv("GPIA_SKIP_WORDING", "1")
    no_overrides.setenv("GPIA_EDIT_BASE", BASE)
    plugin.on_config(config)
    assert plugin.current().data_root == ROOT and plugin.current().views.edit_base == BASE


def test_an_edit_base_that_is_not_https_is_a_config_error(tmp_path: Path, no_overrides) -> None:
    config, plugin = _config(tmp_path, edit_base="http://example.org/", data_root=str(ROOT), skip_wording=True)
    with pytest.raises(PluginError, match=r"edit_base \(the gpia plugin's option in mkdocs.yml, or GPIA_EDIT_BASE\) "
                                          r"must be an https:// URL .*not 'http://example.org/'"):
        plugin.on_config(config)


def test_broken_data_fails_a_build_and_is_logged_while_serving(
        tmp_path: Path, no_overrides, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture) -> None:
    broken = copy_data(tmp_path / "broken")
    glossary = broken / "clauses" / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("  - id: term-icp\n", "\t- id: term-icp\n"),
                        encoding="utf-8")
    config, plugin = _config(tmp_path, data_root=str(broken), skip_wording=True)
    with pytest.raises(PluginError, match=r"The knowledge base data has problems:\nclauses/glossary.yaml:\d+:1: "):
        plugin.on_config(config)
    plugin.on_startup(command="serve", dirty=False)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.gpia"):
        plugin.on_config(config)
    (record,) = [r for r in caplog.records if r.name == "mkdocs.plugins.gpia"]
    assert record.levelno == logging.WARNING and "clauses/glossary.yaml:" in record.getMessage()
    assert plugin.current().broken and capsys.readouterr().err == ""
    plugin.on_startup(command="build", dirty=False)  # MkDocs keeps this instance for the process's later builds


def test_the_macros_need_the_plugin(tmp_path: Path, no_overrides) -> None:
    config, _ = _config(tmp_path, data_root=str(ROOT), skip_wording=True)
    config.plugins.pop("gpia")
    with pytest.raises(PluginError, match=r"^the macros of gpia_mkdocs.macros need the 'gpia' plugin: "
                                          r"add `- gpia` to mkdocs.yml's plugins$"):
        config.plugins.on_config(config)
