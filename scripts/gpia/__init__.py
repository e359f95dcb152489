"""Core of the GP IA knowledge base: load, validate, model, compare and export.

Nothing in this package imports mkdocs, so it can be tested alone and moved to another
static-site generator; `scripts/macros.py` is the thin adapter that wires it into pages.
"""
