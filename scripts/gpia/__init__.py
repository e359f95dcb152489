"""Core of the GP IA knowledge base: load, validate, model, compare and export.

Nothing in this package imports mkdocs, so it can be tested alone and moved to another
static-site generator: the gpia_mkdocs package (a plugin and a macros pluglet) is the thin MkDocs adapter, and
`gpia.pages.write` writes the whole docs tree for engines that run neither (`make zensical`).
"""
