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
import hashlib
import re
from pathlib import Path

from jinja2 import BaseLoader, BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, Template
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
    """Templates compiled once per process, and kept compiled on disk between processes: for an
    environment made anew for each build (the site engine's own, for its theme). Compiling the
    theme's templates took about a second of each build process, in every build.

    Jinja keys each entry by the template's name and file and checks it against the template's
    source (and Jinja's and Python's versions), so a template edited during `mkdocs serve`, or
    between builds, is compiled again. The key here also holds the settings of the environment that
    compiled it (its delimiters, white space handling, autoescape and finalize), which shape the
    compiled code. On disk, the entries are in Jinja's own private folder for this user in the
    temporary folder (FileSystemBytecodeCache, which refuses a folder another user owns or can
    write), never in the project, where a pull request could place compiled code; without such a
    folder they are kept in memory only."""

    def __init__(self, folder: str | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self._folder = folder  # None: Jinja's private folder in the temporary folder
        self._disk: FileSystemBytecodeCache | None | bool = False  # False: not looked for yet

    def _on_disk(self) -> FileSystemBytecodeCache | None:
        if self._disk is False:
            try:
                self._disk = FileSystemBytecodeCache(self._folder)
            except (OSError, RuntimeError):  # no private folder can be had
                self._disk = None
        return self._disk  # type: ignore[return-value]

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha256(repr((self.get_cache_key(name, filename), _settings(environment, name))).encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])
            return
        disk = self._on_disk()
        if disk is not None:
            try:
                disk.load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - an entry that cannot be read is compiled afresh, never an error
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        disk = self._on_disk()
        if disk is not None:
            try:
                disk.dump_bytecode(bucket)
            except OSError:  # a full or read-only disk: kept in memory only
                pass


def _settings(environment: Environment, name: str) -> tuple:
    """What of an environment shapes the code a template compiles to."""
    autoescape = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
    finalize = environment.finalize
    return (environment.block_start_string, environment.block_end_string, environment.variable_start_string,
            environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
            environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
            environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
            environment.optimized, environment.is_async, sorted(environment.extensions), bool(autoescape),
            None if finalize is None else f"{finalize.__module__}.{getattr(finalize, '__qualname__', type(finalize).__qualname__)}")


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
    bytecode_cache=COMPILED_ONCE,
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
