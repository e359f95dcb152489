"""The frame of every page (the site's description, the banner and the footer) set in the build's
config: worded from the data by gpia.views.coverage, so they name every version the guide covers.

The mkdocs hook sets them at the start of each build; gpia.pages.write sets them in the config it
writes for other engines.
"""
from __future__ import annotations

from gpia.model.records import KnowledgeBase
from gpia.views.coverage import EXTRA_KEY, site_texts
from gpia.views.html import esc


def apply_site_texts(config: dict, kb: KnowledgeBase) -> None:
    """Set the frame's texts in a config (MkDocs' config object, or mkdocs.yml read as a dict).
    `copyright` too, escaped (themes print it as HTML), for an engine built without the theme's
    overrides; with them, overrides/partials/copyright.html prints the footer from `extra`."""
    texts = site_texts(kb)
    config["site_description"] = texts.pop("site_description")
    config["copyright"] = esc(texts["footer"])
    extra = config.get("extra")
    if extra is None:
        extra = config["extra"] = {}
    extra[EXTRA_KEY] = texts
