"""GitHub workflows, CODEOWNERS and editor set-up: they parse, and say what the project relies on."""
from __future__ import annotations

import fnmatch
import json
import re
import subprocess
from typing import Any

import pytest
import yaml

from gpia.load.checked_cache import CACHE_FILE, CACHE_FOLDER
from gpia.load.layout import SCHEMA_DIR
from gpia.model.kinds import LAYOUT

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    data["on"] = data.pop(True)
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job["steps"]


def runs(job: dict[str, Any]) -> list[str]:
    return [s["run"] for s in steps(job) if "run" in s]


def uses(job: dict[str, Any]) -> list[str]:
    return [s["uses"] for s in steps(job) if "uses" in s]


@pytest.mark.parametrize("name", ["pr.yml", "pages.yml"])
def test_workflow_parses_and_every_job_has_steps(name: str) -> None:
    data = workflow(name)
    assert data["name"] and data["jobs"]
    for job in data["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest" and steps(job)
        for step in steps(job):
            assert ("run" in step) != ("uses" in step), step
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+(/[a-z-]+)?@[0-9a-f]{40}", step["uses"]), step["uses"]


@pytest.mark.parametrize("name", ["pr.yml", "pages.yml"])
def test_every_run_script_is_valid_bash(name: str) -> None:
    for job in workflow(name)["jobs"].values():
        for script in runs(job):
            # ${{ }} expressions are replaced by GitHub before bash sees the script.
            plain = re.sub(r"\$\{\{.*?\}\}", "x", script)
            assert subprocess.run(["bash", "-n"], input=plain, text=True).returncode == 0, script


def test_pull_request_workflow_is_safe_for_forks() -> None:
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    data = workflow("pr.yml")
    assert data["on"] == {"pull_request": None}
    assert "pull_request_target" not in re.sub(r"(?m)#.*$", "", text)
    assert data["permissions"] == {"contents": "read"}
    assert "secrets." not in text
    for job in data["jobs"].values():
        assert "permissions" not in job
        for step in steps(job):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_pull_request_workflow_validates_tests_builds_uploads_and_summarises() -> None:
    job = workflow("pr.yml")["jobs"]["check"]
    assert job["container"] == "python:3.11-bookworm"  # Python 3.11, and Debian's chromium-headless-shell for the browser tests
    commands = runs(job)
    order = [next(i for i, c in enumerate(commands) if c.strip() == wanted)
             for wanted in ("make validate", "make test", "make build")]
    assert order == sorted(order)
    upload = next(s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "main/site"
    diff = next(s for s in steps(job) if "make diff" in s.get("run", ""))
    assert diff["run"] == 'make diff BASE="origin/${BASE_REF}" >> "$GITHUB_STEP_SUMMARY"'
    assert diff["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    checkout = steps(job)[0]
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["path"] == "main"
    shared = next(s for s in steps(job) if s.get("with", {}).get("path") == "shared")
    assert shared["with"]["repository"] == "${{ vars.SHARED_REPOSITORY }}"


def test_properdocs_job_builds_strictly() -> None:
    job = workflow("pr.yml")["jobs"]["properdocs"]
    script = "\n".join(runs(job))
    assert "pip install --quiet properdocs==" in script
    assert "properdocs build --strict --config-file mkdocs.yml" in script


def test_pages_workflow_deploys_main_with_least_privilege() -> None:
    data = workflow("pages.yml")
    assert data["on"]["push"] == {"branches": ["main"]}
    assert data["permissions"] == {"contents": "read"}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert "make build" in runs(build)
    upload = next(s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "main/site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [u.split("@")[0] for u in uses(deploy)] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


def _step_index(job: dict[str, Any], found: Any) -> int:
    return next(i for i, step in enumerate(steps(job)) if found(step))


def test_pull_requests_restore_the_validation_cache_that_main_saves() -> None:
    pr, pages = workflow("pr.yml"), workflow("pages.yml")
    check, build = pr["jobs"]["check"], pages["jobs"]["build"]
    restore = steps(check)[_step_index(check, lambda s: s.get("uses", "").startswith("actions/cache/restore@"))]
    save = steps(build)[_step_index(build, lambda s: s.get("uses", "").startswith("actions/cache/save@"))]
    # The same file, the results `make validate` keeps (not the statuses beside it, which are one checkout's).
    assert restore["with"]["path"] == save["with"]["path"] == f"main/{CACHE_FOLDER}/{CACHE_FILE}"
    # Restored before the pull request's validate; saved after main's, from main alone.
    assert _step_index(check, lambda s: s is restore) < _step_index(check, lambda s: s.get("run") == "make validate")
    assert _step_index(build, lambda s: s.get("run") == "make validate") < _step_index(build, lambda s: s is save)
    assert save["if"] == "github.ref == 'refs/heads/main'"
    # A pull request never saves a cache: a fork's run writes only to its own scope, but none is written.
    assert not [u for job in pr["jobs"].values() for u in uses(job)
                if u.startswith(("actions/cache@", "actions/cache/save@"))]
    # Keyed by the checking code as the cache's own key is (its *.py and *.json, not __pycache__), then
    # by commit: the pull request takes its base commit's, else the newest saved by the same code.
    code = "${{ hashFiles('main/scripts/gpia/**/*.py', 'main/scripts/gpia/**/*.json') }}"
    assert save["with"]["key"] == f"gpia-validate-{code}-${{{{ github.sha }}}}"
    assert restore["with"]["key"] == f"gpia-validate-{code}-${{{{ github.event.pull_request.base.sha }}}}"
    assert restore["with"]["restore-keys"].splitlines() == [f"gpia-validate-{code}-"]
    # The cache holds the data folder's absolute path: the same container, and the project checked out
    # at main and run from there, in both.
    assert check["container"] == build["container"]
    for job in (check, build):
        assert job["defaults"]["run"]["working-directory"] == "main"
        assert steps(job)[0]["uses"].startswith("actions/checkout@") and steps(job)[0]["with"]["path"] == "main"


# `uses: owner/repo@<40 hex> # vX.Y.Z`, as a line of the workflow file.
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$")


def test_every_action_is_pinned_to_a_commit_with_its_tag_in_a_comment() -> None:
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert [f.name for f in files] == ["pages.yml", "pr.yml"]
    tags: dict[tuple[str, str], str] = {}
    for file in files:
        lines = [line for line in file.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(- )?uses:", line)]
        parsed = [step["uses"] for job in workflow(file.name)["jobs"].values() for step in steps(job) if "uses" in step]
        assert len(lines) == len(parsed), file.name  # every `uses:` is a line of its own, checked below
        for line, value in zip(lines, parsed):
            match = PINNED.match(line)
            assert match, f"{file.name}: {line.strip()}"
            action, sha, tag = match.groups()
            assert value == f"{action}@{sha}"
            # One commit per repository and tag, in every workflow (actions/cache/restore and
            # actions/cache/save are two actions of one repository).
            repository = "/".join(action.split("/")[:2])
            assert tags.setdefault((repository, tag), sha) == sha, (action, tag)
    assert {repository for repository, _ in tags} == {
        "actions/checkout", "actions/upload-artifact", "actions/upload-pages-artifact", "actions/deploy-pages",
        "actions/cache"}


def owners(path: str) -> list[str]:
    """CODEOWNERS semantics for the patterns used there: the last matching line wins."""
    found: list[str] = []
    for line in (ROOT / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *teams = line.split()
        if pattern == "*" or (pattern.endswith("/") and ("/" + path).startswith(pattern)) \
                or ("/" + path) == pattern or fnmatch.fnmatch("/" + path, pattern):
            found = teams
    return found


MAINTAINERS = ["@example-org/gpia-maintainers"]
POLICY = ["@example-org/gpia-policy-team"]


@pytest.mark.parametrize("path, expected", [
    ("mkdocs.yml", MAINTAINERS), ("Makefile", MAINTAINERS), ("scripts/gpia/knowledge_base.py", MAINTAINERS),
    ("scripts/gpia/schemas/schedule.json", MAINTAINERS), ("docs/index.md", MAINTAINERS),
    (".github/workflows/pr.yml", MAINTAINERS), ("README.md", MAINTAINERS),
    ("clauses/glossary.yaml", POLICY), ("clauses/schedules/schedule-5-kpis.yaml", POLICY),
    ("faq/01-introduction.yaml", POLICY), ("templates/term.yaml", POLICY + MAINTAINERS),
])
def test_codeowners(path: str, expected: list[str]) -> None:
    assert owners(path) == expected


def test_codeowners_marks_its_team_names_as_placeholders() -> None:
    text = (ROOT / "CODEOWNERS").read_text(encoding="utf-8")
    assert "PLACEHOLDER TEAM NAMES" in text


def test_editor_maps_every_data_file_to_its_schema_as_yaml_1_1() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.yamlVersion"] == "1.1"  # as PyYAML reads it: `no` is false, 6.10 is 6.1
    assert settings["yaml.schemas"] == {f"./scripts/gpia/schemas/{kind}.json": pattern for pattern, kind in LAYOUT}
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).resolve().parent == SCHEMA_DIR.resolve() and (ROOT / schema).is_file()
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert recommended["recommendations"] == ["redhat.vscode-yaml"]


def test_pre_commit_runs_the_projects_own_validator() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["entry"] == "make validate" and hook["language"] == "system" and hook["pass_filenames"] is False
    for path in ("clauses/glossary.yaml", "faq/01-introduction.yaml", "scripts/gpia/schemas/schedule.json",
                 "scripts/gpia/validate/checks.py"):
        assert re.search(hook["files"], path), path
    assert not re.search(hook["files"], "docs/index.md")


@pytest.mark.parametrize("target", ["setup", "browser", "office", "node_modules/.installed", "test", "test-clients"])
def test_every_target_make_test_and_ci_rely_on_has_a_recipe(target: str) -> None:
    """A target named only as a prerequisite or in .PHONY does nothing: a fresh machine would then lack
    what it installs (a merge once dropped `office`, and the printed guide's tests had no pdftotext)."""
    listed = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    assert "Nothing to be done" not in listed.stdout and listed.stdout.strip()


def test_the_office_target_installs_what_the_client_and_print_tests_run() -> None:
    recipe = subprocess.run(["make", "-n", "-B", "office"], cwd=ROOT, capture_output=True, text=True).stdout
    assert all(name in recipe for name in ("libreoffice-writer-nogui", "python3-uno", "poppler-utils", "pdftotext"))
