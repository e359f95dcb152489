"""Template text left in the data: a value still holding a placeholder from templates/.

The templates mark every field an author must fill in with one of these; a value that still
holds one is refused, naming the field, so a half-filled record never reaches the guide.
"""
from __future__ import annotations

import re

from gpia.load.problems import Problem
from gpia.validate.text_rules import document_strings
from gpia.load.yaml_loader import YamlDocument

# What templates/ write where the author must write something (tests/test_placeholders.py checks
# that the templates use no other): the text to replace, the id and the date.
PLACEHOLDERS = ("CHANGE ME", "CHANGE-ME", "NEW-ID", "YYYY-MM-DD")
_WRITTEN = [re.escape(p).replace(r"\ ", r"[ _-]?").replace(r"\-", r"[ _-]?") for p in PLACEHOLDERS]
_FOUND = re.compile("|".join(_WRITTEN), re.IGNORECASE)
# The search over a whole file's text first asks for the placeholders' first letters in either case
# (a set of characters the regular expression engine scans for quickly; no other character matches one
# of these letters ignoring case), then the rest ignoring case: it finds whatever _FOUND finds (and
# perhaps more, which the search of each value then drops), about six times faster than _FOUND.
assert all(p[:1].isalpha() and w[:1] == p[:1] for p, w in zip(PLACEHOLDERS, _WRITTEN))
_MAYBE = re.compile("[" + "".join(sorted({c for p in PLACEHOLDERS for c in (p[0].upper(), p[0].lower())})) + "](?i:"
                    + "|".join(dict.fromkeys(w[1:] for w in _WRITTEN)) + ")")
# In text all in ASCII (most files, told at once), a letter matches another ignoring case only as its
# own capital or small letter: that text is searched in small letters for each placeholder as written
# in small letters, each search starting from its first letters, several times faster than _MAYBE.
_ASCII_WRITTEN = [re.compile(w.lower()) for w in dict.fromkeys(_WRITTEN)]
assert all(p.isascii() for p in PLACEHOLDERS) and not any("\\" in w for w in _WRITTEN)  # no escape to lower
_WHAT = {"NEW-ID": "the record's id (kebab-case, e.g. term-care-navigator)",
         "YYYY-MM-DD": "today's date, written YYYY-MM-DD (e.g. 2026-11-25)"}


def placeholder_problems(doc: YamlDocument, template: str | None = None) -> list[Problem]:
    problems: list[Problem] = []
    texts = document_strings(doc)
    # One search over all the file's text first (no placeholder spans two values: the joint is none of
    # the characters a placeholder's words are written with): most files hold none.
    joined = "\0".join([value for _, value in texts])
    if joined.isascii():
        lowered = joined.lower()
        if not any(written.search(lowered) for written in _ASCII_WRITTEN):
            return problems
    elif not _MAYBE.search(joined):
        return problems
    for path, value in texts:
        found = _FOUND.search(value)
        if not found:
            continue
        field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[") or "value"
        name = next((p for p in reversed(path) if isinstance(p, str)), "value")
        shown = value if len(value) <= 70 else value[:67] + "…"
        canonical = re.sub(r"[ _]", "-", found.group(0).upper())
        wanted = _WHAT.get(canonical, f"your text for '{name}'")
        see = f" (see templates/{template})" if template else ""
        problems.append(doc.origin(path).problem(
            f"'{field}' still holds template text (\"{shown}\"); replace the whole value with {wanted}{see}"))
    return problems
