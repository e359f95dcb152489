"""The site's Contributing page: CONTRIBUTING.md itself, and the templates shown in full.

One source for both, so the guide in the repository and the page on the site cannot drift apart.
Links in CONTRIBUTING.md point at files in the repository, which are not pages of the site; here
they become the file's path as code.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..scaffold import RECIPES, TEMPLATE_DIR

_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^)\s]+)\)")


def contributing_guide(root: Path) -> str:
    text = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1] if text.startswith("# ") else text  # the page has its own title

    def repository_link(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2)
        if re.match(r"^(https?:|mailto:|#)", target):
            return match.group(0)
        return f"`{target}`" if label == target else f"{label} (`{target}`)"

    return _LINK.sub(repository_link, body)


def templates(root: Path) -> str:
    """Every template in templates/, each under its file name, as a code block to copy."""
    names = sorted({r.template for r in RECIPES.values()} | {p.name for p in (root / TEMPLATE_DIR).glob("*.yaml")})
    blocks = []
    for name in names:
        content = (root / TEMPLATE_DIR / name).read_text(encoding="utf-8").rstrip("\n")
        fence = "````" if "```" in content else "```"
        blocks.append(f"### `{TEMPLATE_DIR}/{name}`\n\n{fence}yaml\n{content}\n{fence}")
    return "\n\n".join(blocks)
