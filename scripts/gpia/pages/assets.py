"""The site's own stylesheets as served: minified after the build (the MkDocs plugin, gpia_mkdocs/plugin.py, calls this).

docs/assets/*.css stay readable, with their comments; the built copies lose the comments and the
white space, which no browser needs (Lighthouse flags unminified CSS as wasted bytes on the
critical path). Only what is safe for any stylesheet is removed: comments, runs of white space,
and white space around `{ } ; : , >` outside strings; strings and `url(...)` are left as written.
"""
from __future__ import annotations

import re
from pathlib import Path

# A string, a url(...), or a comment; anything else between them is rewritten.
_KEEP = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|url\([^)]*\)|/\*.*?\*/', re.S)
_SPACE = re.compile(r"\s+")
_AROUND = re.compile(r"\s*([{};,>])\s*")
_AFTER_COLON = re.compile(r":\s+")


def minify_css(css: str) -> str:
    out, text, last = [], [], 0
    for match in _KEEP.finditer(css):
        text.append(css[last:match.start()])
        last = match.end()
        if match.group(0).startswith("/*"):
            text.append(" ")  # a comment separates like a space
            continue
        out += [_squeeze("".join(text)), match.group(0)]
        text = []
    out.append(_squeeze("".join(text) + css[last:]))
    return "".join(out).replace(";}", "}").strip()


def _squeeze(text: str) -> str:
    # ":" is kept with the space before it: "a :hover" (a descendant) is not "a:hover".
    return _AFTER_COLON.sub(":", _AROUND.sub(r"\1", _SPACE.sub(" ", text)))


def minify_stylesheets(site_dir: Path, paths: list[str]) -> None:
    """Minify, in place, each of the site's own stylesheets (mkdocs.yml `extra_css`, site-relative)."""
    for path in paths:
        target = site_dir / path
        if target.suffix == ".css" and target.is_file():
            target.write_text(minify_css(target.read_text(encoding="utf-8")), encoding="utf-8")
