"""The core's layers hold: the contract in .importlinter (the layers, top first, and no circle of
imports inside any folder) is checked by import-linter on every test run, and the README's layout
states the same order."""
from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

CONTRACT = ROOT / ".importlinter"


def _layers() -> list[str]:
    config = configparser.ConfigParser()
    config.read(CONTRACT, encoding="utf-8")
    lines = config["importlinter:contract:layers"]["layers"].split("\n")
    return [line.strip() for line in lines if line.strip()]


def test_no_import_runs_against_the_layers_and_none_makes_a_circle() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--config", str(CONTRACT), "--no-cache"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_every_module_of_the_core_is_in_a_layer() -> None:
    named = {part.strip().removeprefix("gpia.") for line in _layers() for part in line.split("|")}
    core = ROOT / "scripts" / "gpia"
    found = {p.stem if p.is_file() else p.name for p in core.iterdir()
             if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()}
    assert found == named


def test_the_readme_states_the_contract_s_order() -> None:
    order = " → ".join(" | ".join(part.strip().removeprefix("gpia.") for part in line.split("|")) for line in _layers())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Layers, top first: `{order}`" in readme
