"""BENCHMARKS.md edited by section: a `## ` heading line starts a section, which runs to the next
one. `--only` runs replace their own section (and target row) and leave every other byte alone."""
from __future__ import annotations

from gpia_bench.report import serve_line, target_row, tooltip_section
from gpia_bench.serve import SERVE_TARGET, Serve
from gpia_bench.targets import Extra, named, outcome
from gpia_bench.tooltips import TOOLTIP_SECTION, TOOLTIP_TARGET, Tooltips

TARGETS_SECTION = "## Targets"
# A section written for the first time goes before this one.
CORPORA_SECTION = "## The synthetic corpora"
# What the serve figure's line and target were called before the edited page was polled for.
_OLD_SERVE_LINE = "Serve rebuild at ×1 "
_OLD_SERVE_TARGET = "Serve rebuild after a YAML edit ≤ 2 s"
_SERVE_LINE = "Live reload at ×1 "


def sections(text: str) -> list[str]:
    """The text in pieces, each but perhaps the first starting with its `## ` heading line; joined,
    they are the text again."""
    pieces, start, at = [], 0, 0
    for line in text.splitlines(keepends=True):
        if line.startswith("## ") and at > start:
            pieces.append(text[start:at])
            start = at
        at += len(line)
    pieces.append(text[start:])
    return pieces


def heading(piece: str) -> str | None:
    line = piece.split("\n", 1)[0]
    return line if line.startswith("## ") else None


def _replace(text: str, title: str, section: str, required: bool = False) -> str:
    """`text` with the section headed `title` replaced by `section`, or `section` added before the
    corpora when there is none (an error if `required`)."""
    pieces = sections(text)
    titles = [heading(piece) for piece in pieces]
    if title in titles:
        pieces[titles.index(title)] = section
    elif required:
        raise ValueError(f"BENCHMARKS.md has no {title[3:]} section: run the whole benchmark")
    else:
        pieces.insert(titles.index(CORPORA_SECTION), section)
    return "".join(pieces)


def section_of(text: str, title: str) -> str | None:
    """The section headed `title` of `text`, word for word, or None when it has none."""
    return next((piece for piece in sections(text) if heading(piece) == title), None)


def splice_section(text: str, title: str, lines: list[str]) -> str:
    """BENCHMARKS.md with the section under `title` replaced (or added before the corpora)."""
    return _replace(text, title, "\n".join(lines) + "\n")


def keep_other_sections(old: str, new: str) -> str:
    """`new` with every section of `old` that the benchmark does not write (one measured by hand, such
    as Lighthouse's) added at its end, in `old`'s order, word for word."""
    written = {heading(piece) for piece in sections(new)}
    kept = [piece for piece in sections(old) if heading(piece) and heading(piece) not in written]
    if not kept:
        return new
    return new.rstrip("\n") + "\n\n" + "".join(body.rstrip("\n") + "\n\n" for body in kept).rstrip("\n") + "\n"


def splice_target(text: str, name: str, extra: Extra, old_names: tuple[str, ...] = ()) -> str:
    """BENCHMARKS.md with the row (and note) of the target called `name` (or one of `old_names`,
    what it was called before) in its Targets section replaced, from `extra`."""
    row, note = target_row(outcome(named(name), {}, extra))
    pieces = sections(text)
    titles = [heading(piece) for piece in pieces]
    if TARGETS_SECTION not in titles or titles.index(TARGETS_SECTION) == len(pieces) - 1:
        raise ValueError("BENCHMARKS.md has no Targets section: run the whole benchmark")
    lines = [line for line in pieces[titles.index(TARGETS_SECTION)].split("\n")[1:] if line.strip()]
    ours = tuple(f"| {n} |" for n in (name, *old_names)) + tuple(f"- **{n}**" for n in (name, *old_names))
    rows = [line for line in lines if line.startswith("|") and not line.startswith(ours)] + [row]
    notes = [line for line in lines if not line.startswith("|") and not line.startswith(ours)] + ([note] if note else [])
    return _replace(text, TARGETS_SECTION, "\n".join([TARGETS_SECTION, "", *rows, "", *([*notes, ""] if notes else [])]) + "\n")


def splice_tooltips(text: str, tooltips: Tooltips) -> str:
    """BENCHMARKS.md with the tooltips' section, and their row (and note) of the targets, replaced."""
    text = splice_target(text, TOOLTIP_TARGET, Extra(tooltips=tooltips))
    return _replace(text, TOOLTIP_SECTION, "\n".join(tooltip_section(tooltips)) + "\n\n")


def splice_serve(text: str, serve: Serve) -> str:
    """BENCHMARKS.md with the live-reload line under Results, and its target's row, replaced."""
    text = splice_target(text, SERVE_TARGET, Extra(serve=serve), (_OLD_SERVE_TARGET,))
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith((_OLD_SERVE_LINE, _SERVE_LINE)):
            lines[i] = serve_line(serve)
            return "\n".join(lines)
    pieces = sections(text)
    at = [heading(piece) for piece in pieces].index(TARGETS_SECTION)
    pieces.insert(at, serve_line(serve) + "\n\n")
    return "".join(pieces)
