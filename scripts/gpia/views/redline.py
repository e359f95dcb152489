"""A redline as HTML: the one renderer, for the site and for `make diff` (its markup in
templates/redline.html; the word-level comparison itself is gpia.compare.redline's)."""
from __future__ import annotations

from collections.abc import Callable

from gpia.compare.redline import Op, punctuation_only
from gpia.text import esc
from gpia.views.templating import markup, render

# What a screen reader announces before each run, and what the site's CSS shows as its marker.
DELETED, INSERTED = "deleted: ", "inserted: "


def render_redline(ops: tuple[Op, ...], text: Callable[[str], str] = esc, *, marks: bool = True) -> str:
    """HTML for a redline.

    With `marks` (the site): each run carries hidden "deleted: " / "inserted: " text, so a screen
    reader announces it and the change never rests on colour alone, and a class the site's CSS draws
    a marker for (docs/assets/gpia.css); a run of punctuation alone also gets `gpia-punct`, drawn
    padded and outlined so an added "," or "?" is seen. Without (GitHub, which strips classes and
    has no such CSS): plain del and ins elements. `text` writes each run's text (escaped by default)."""
    runs = []
    for op in ops:
        tag, label = {"equal": ("", ""), "delete": ("del", DELETED), "insert": ("ins", INSERTED)}[op.kind]
        runs.append({"tag": tag, "label": label, "text": markup(text(op.text)),
                     "punct": " gpia-punct" if tag and punctuation_only(op.text) else ""})
    return str(render("redline.html", runs=runs, marks=marks))
