"""The `gpia` command (pyproject.toml's console script): a subcommand per maintainers' tool, each
delegating to its module, which reads the rest of the line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gpia.__main__ import DELEGATED, main

from conftest import ROOT

COMMANDS = ["validate", "diff", "new", "fix", "guide", "propose", "write", "bench"]


def test_the_console_script_is_installed_with_every_command() -> None:
    gpia = Path(sys.executable).parent / "gpia"
    assert gpia.is_file(), "the project is not installed: `make setup` runs `pip install -e .`"
    result = subprocess.run([str(gpia), "--help"], capture_output=True, text=True, check=True,
                            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    commands = result.stdout.split("\n  COMMAND\n", 1)[1].split("\n\n", 1)[0]
    listed = [line.split()[0] for line in commands.splitlines() if line.startswith("    ") and line[4] != " "]
    assert listed == [*DELEGATED, "validate"] and sorted(listed) == sorted(COMMANDS)


@pytest.mark.parametrize("command, usage", [
    ("new", "usage: make new "), ("diff", "usage: make diff "), ("fix", "usage: make fix "),
    ("write", "usage: gpia write "), ("bench", "usage: gpia bench "), ("propose", "--comparison"), ("guide", "usage: "),
])
def test_each_command_hands_the_rest_of_the_line_to_its_module(
        command: str, usage: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert usage in capsys.readouterr().out


def test_validate_keeps_its_own_options(capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", "--root", str(ROOT), "--skip-wording"]) == 0
    assert capsys.readouterr().out.startswith("OK: ")
    with pytest.raises(SystemExit) as done:
        main(["validate", "--no-such-option"])
    assert done.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err



def test_validate_from_the_command_line_flushes_its_output_before_its_quick_exit(data_copy: Path) -> None:
    # `python -m gpia validate` ends with os._exit (gpia.__main__.run): its output is whole and its
    # exit status main()'s, whether it passes or fails.
    command = [sys.executable, "-m", "gpia", "validate", "--root", str(data_copy), "--skip-wording"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"))
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stdout.startswith("OK: ") and done.stdout.endswith(".\n"), done.stderr
    glossary = data_copy / "clauses" / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("term-", "Term-", 1), encoding="utf-8")
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.returncode == 1 and done.stderr.endswith("nothing was built.\n"), done.stderr
    assert "Traceback" not in done.stderr

def test_the_makefile_runs_the_installed_command_without_pythonpath() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "PYTHONPATH" not in makefile and "scripts/bench.py" not in makefile
    assert "pip install --quiet --disable-pip-version-check --no-deps -e ." in makefile
    assert "$(VENV)/.installed: requirements.txt pyproject.toml" in makefile
    for target, command in [("validate", "validate"), ("diff", "diff"), ("new", "new"), ("fix", "fix"),
                            ("guide", "guide"), ("propose", "propose"), ("bench", "bench")]:
        recipe = makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0]
        assert f"$(GPIA) {command}" in recipe, target
