"""Every page of the built site is valid HTML for the Nu HTML Checker (vnu), errors only.

The checker is an npm package (vnu-jar, pinned in package-lock.json); `make test` installs it with
`npm ci` and runs it with Java. Material's own templates had about five errors a page; the partials
in overrides/ fix them."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(built_site: Path) -> None:
    assert VNU.exists(), f"the Nu HTML Checker is missing: run `npm ci` (or `make test`, which does) in {ROOT.name}"
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java (a JRE 11 or later)"
    result = subprocess.run([java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "gnu",
                             str(built_site)], capture_output=True, text=True, timeout=600)
    errors = [line.replace(f"file:{built_site}/", "") for line in result.stderr.splitlines() if ": error:" in line]
    assert errors == [], f"{len(errors)} errors:\n" + "\n".join(errors[:50])
    assert result.returncode == 0, result.stderr[-2000:]
