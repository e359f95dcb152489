"""mkdocs-macros adapter: registers the macros the pages in docs/ call; nothing else.

The macros and their variables are one table in the core (gpia.pages.macros), rendered from the
build's context, which the hook (scripts/hooks.py) loaded at the start of this build.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gpia.model.urls import relative_base  # noqa: E402
from gpia.pages.context import current  # noqa: E402
from gpia.pages.macros import page_macros, page_variables  # noqa: E402


def define_env(env) -> None:
    context = current()
    if context.broken:
        return  # `mkdocs serve` with bad data: every page lists the problems instead (scripts/hooks.py)
    env.variables.update(page_variables(context))
    for name, macro in page_macros(context, lambda: relative_base(env.page.url if env.page else "")).items():
        env.macro(macro, name)
