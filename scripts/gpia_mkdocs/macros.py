"""mkdocs-macros pluglet (`modules: [gpia_mkdocs.macros]` in mkdocs.yml): registers the macros the
pages in docs/ call; nothing else.

The macros and their variables are one table in the core (gpia.pages.macros), rendered from the
build's context, which the gpia plugin (gpia_mkdocs.plugin) loaded at the start of this build.
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError

from gpia.model.urls import relative_base
from gpia.pages.macros import page_macros, page_variables

PLUGIN = "gpia"


def define_env(env) -> None:
    plugins = env.conf.plugins
    if PLUGIN not in plugins:
        raise PluginError(f"the macros of {__name__} need the '{PLUGIN}' plugin: add `- {PLUGIN}` to mkdocs.yml's plugins")
    context = plugins[PLUGIN].current()
    if context.broken:
        return  # `mkdocs serve` with bad data: every page lists the problems instead (gpia_mkdocs.plugin)
    env.variables.update(page_variables(context))
    for name, macro in page_macros(context, lambda: relative_base(env.page.url if env.page else "")).items():
        env.macro(macro, name)
