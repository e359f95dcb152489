"""Page markup lives in Jinja2 templates (gpia/views/templates/), autoescaped: data reaches HTML
escaped unless a view marks it as markup it made itself.

Views prepare plain values and call `render("name.html", **values)`. Every `{{ value }}` is escaped
the way `gpia.views.html.esc` escapes (line breaks as &#10;, so no blank line from the data can end
an HTML block of a page's Markdown). HTML a view has built, such as a link from `View.link`, is
`Markup` and is written as it is. `None` is refused rather than printed, and so is a name the
template uses that the view did not pass (StrictUndefined): a mistake in a view fails the build.

A template is written on as many lines as reads well, but its output is one line: each line break
of the template, with the indentation after it, is dropped (`_OneLine`). So no template can end an
HTML block of a page's Markdown with a blank line, and none adds white space between tags; a space
that matters is written inside a line. Line breaks a page's Markdown needs (between a heading and a
block) are the view's, in Python.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from jinja2 import BaseLoader, BytecodeCache, Environment, FileSystemLoader, StrictUndefined, Template
from jinja2.bccache import Bucket
from markupsafe import Markup

from gpia.model.kinds import KINDS
from gpia.text import esc
from gpia.views.wording import counted

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _finalize(value: object) -> object:
    if value is None:
        raise TypeError("a template was given None to print; pass text, or leave the block out with {% if %}")
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    return Markup(esc(str(value)))


_LINE_BREAK = re.compile(r"\n[ \t]*")


class _CompiledOnce(BytecodeCache):
    """Templates compiled once per process, for an environment made anew for each build (the site
    engine's own, for its theme). Jinja keys each entry by the template's name and checks it against
    the template's source, so a template edited during `mkdocs serve` is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_ONCE = _CompiledOnce()


class _OneLine(BaseLoader):
    """Templates from TEMPLATES with their line breaks (and the indentation after them) removed."""

    def __init__(self, *folders: Path):
        self._files = FileSystemLoader([str(folder) for folder in folders])

    def get_source(self, environment, template):  # type: ignore[no-untyped-def]
        source, filename, uptodate = self._files.get_source(environment, template)
        return _LINE_BREAK.sub("", source), filename, uptodate

    def list_templates(self) -> list[str]:
        return self._files.list_templates()


ENVIRONMENT = Environment(
    # The core's templates, then those of the kinds registered from outside it (Kind.home).
    loader=_OneLine(TEMPLATES, *dict.fromkeys(k.home for k in KINDS if k.home is not None)),
    autoescape=True,
    undefined=StrictUndefined,
    finalize=_finalize,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
    auto_reload=False,  # templates are files of the code: read once per process
)


# No globals (range, dict, lipsum, ...): a template prints only what its view passes, and each
# render (some 36,000 a build) does not copy them into its context.
ENVIRONMENT.globals.clear()
# Every count sentence agrees with its number: {{ n | counted("is dropped", "are dropped") }}.
ENVIRONMENT.filters["counted"] = counted


@functools.cache
def _template(name: str) -> Template:
    return ENVIRONMENT.get_template(name)


def render(name: str, /, **values: object) -> Markup:
    """The template `name` filled with `values`, as markup."""
    return Markup(_template(name).render(values))


def markup(html: str) -> Markup:
    """HTML that a view built from escaped parts (View.link, View.text), to pass into a template."""
    return Markup(html)
