"""The site's Contributing page: CONTRIBUTING.md itself, and the templates shown in full.

One source for both, so the guide in the repository and the page on the site cannot drift apart.
Links in CONTRIBUTING.md point at files in the repository, which are not pages of the site; here
they become the file's path as code.
"""
from __future__ import annotations

import re
from pathlib import Path

from gpia.model.recipes import RECIPES, TEMPLATE_DIR
from gpia.text import code
from gpia.validate.guide_blocks import refreshed

_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^)\s]+)\)")


def contributing_guide(root: Path) -> str:
    # The lists the code decides (NHS-wording fields, kinds, required fields) are made afresh.
    text = refreshed((root / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    body = text.split("\n", 1)[1] if text.startswith("# ") else text  # the page has its own title

    def repository_link(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2)
        if re.match(r"^(https?:|mailto:|#)", target):
            return match.group(0)
        return f"`{target}`" if label == target else f"{label} (`{target}`)"

    return _LINK.sub(repository_link, body)


def templates(root: Path) -> str:
    """Every template in templates/, each under its file name, as a code block to copy."""
    paths = {r.template: r.template_path(root) for r in RECIPES.values()}
    paths.update({p.name: p for p in (root / TEMPLATE_DIR).glob("*.yaml")})
    blocks = []
    for name in sorted(paths):
        content = paths[name].read_text(encoding="utf-8").rstrip("\n")
        blocks.append(f"### {code(f'{TEMPLATE_DIR}/{name}')}\n\n{code_block(content, 'yaml')}")
    return "\n\n".join(blocks)


def code_block(content: str, language: str) -> str:
    """A fenced code block that nothing in `content` can close.

    A fence closes only on a line of the same characters, at least as many (in Python-Markdown's
    fenced_code, exactly the same), so a backtick fence longer than the longest run of backticks in
    the content cannot be closed from inside; a tilde line cannot close a backtick fence at all.
    The content itself is escaped by the Markdown extension, so `</code></pre><script>` stays text."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", content)), default=0))
    return f"{fence}{language}\n{content}\n{fence}"
