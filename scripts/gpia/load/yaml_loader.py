"""Strict YAML loading that remembers where every value was written.

PyYAML's `safe_load` keeps the last of two duplicate keys, expands aliases without limit and
turns `2024-01-31` into a date. Data written by policy teams must fail loudly instead, and every
problem must point at a line, so this module builds plain Python values straight from the
parser's events while recording each key's and value's position.

The data comes from pull requests, so nothing in a file may end in a traceback: the bytes must be
UTF-8 (a byte-order mark is dropped) with no control characters, a file is at most
MAX_FILE_BYTES, a value at most MAX_VALUE_LENGTH characters, and values nest at most MAX_DEPTH
levels. Each breach is a problem at the line and column where it is first met.
"""
from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent)
from yaml.nodes import ScalarNode

from gpia.load.problems import Origin, Problem
from gpia.load.yaml_errors import explain

JsonPath = tuple[Any, ...]

# Far above anything real (the largest file is about 50 KB, x100 synthetic data about 6 MB), low
# enough that a file cannot exhaust memory before it is even parsed.
MAX_FILE_BYTES = 20_000_000
# Lists and mappings inside each other: the schemas go 8 levels deep. Deeper values would only
# exhaust the recursion of every walk over the data (the builder below, the schema check).
MAX_DEPTH = 50
# Characters in one value or key: the longest text in the data is about 800.
MAX_VALUE_LENGTH = 20_000
# A plain number longer than this (Python refuses to print ints of more than 4,300 digits).
MAX_NUMBER_LENGTH = 100


# libyaml scans and parses about ten times faster than pure-Python PyYAML. Values are built from
# its events in Python (below), so anchors, aliases and tags can be refused with their positions.
try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml
    _Parser = yaml.parser.Parser  # type: ignore[misc,assignment]


class StrictLoader(_Parser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """Safe parser, scalar typing and constructors; the strict rules are in _Builder."""

    def __init__(self, stream: str):
        if _Parser is yaml.parser.Parser:  # the pure-Python parser reads through Reader and Scanner
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            _Parser.__init__(self)
        else:
            _Parser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


# Dates stay strings ("2026-11-25"), so the schema can check their form and the data stays
# JSON-compatible. Other YAML 1.1 typing is kept on purpose: `6.10` still loads as a float and
# `no` as False, and the schemas (which declare ids and numbers as strings) reject them.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.yaml_constructors = yaml.SafeLoader.yaml_constructors

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
# First characters of plain scalars that an implicit resolver may type ("" is the empty value).
_TYPED_STARTS = frozenset(StrictLoader.yaml_implicit_resolvers)
assert None not in _TYPED_STARTS  # no resolver that applies to every first character
# The letters that start a typed plain scalar start only the words of booleans and null (yes, No,
# TRUE, off, null...), none longer than five letters: a longer plain scalar starting with one of
# them (an id such as term-x or nhs-england) is text, without asking the resolver (six: a resolver's `$`
# would also let a final line break through, though a plain scalar never ends in one).
_WORD_STARTS = frozenset(c for c in _TYPED_STARTS if c.isalpha())
_LONGEST_WORD = 6
assert {tag for c in _WORD_STARTS for tag, _ in StrictLoader.yaml_implicit_resolvers[c]} == \
    {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}


class RefusedError(yaml.MarkedYAMLError):
    """A rule of this data (not of YAML itself) broken at `mark`; its message is shown as it is."""

    def __init__(self, message: str, mark: yaml.Mark):
        super().__init__(problem=message, problem_mark=mark)


@dataclass
class YamlDocument:
    """One loaded file: its data plus where each value and key was written."""

    path: str
    data: Any
    # The parser's marks (0-based line and column), kept as they come: turning a few hundred
    # thousand of them into tuples costs more than the few lookups a run makes.
    value_marks: dict[JsonPath, yaml.Mark] = field(default_factory=dict)
    key_marks: dict[JsonPath, yaml.Mark] = field(default_factory=dict)
    # Every string and every float of the data with its path, in the file's order, as the parser met
    # them (None when the document was not parsed in this process: from the cache, or from the copy
    # that read it): the checks of every string and every number read these instead of walking the
    # data again.
    texts: list[tuple[JsonPath, str]] | None = None
    floats: list[tuple[JsonPath, float]] | None = None

    def position(self, json_path: JsonPath) -> tuple[int, int]:
        """1-based line and column of the value at json_path, which must exist."""
        return _mark(self.value_marks[tuple(json_path)])

    def origin(self, json_path: JsonPath, *, key: bool = False) -> Origin:
        """Position of the value at json_path (or of its key), else of its nearest ancestor."""
        path = tuple(json_path)
        while True:
            found = (key and self.key_marks.get(path)) or self.value_marks.get(path)
            if found:
                return Origin(self.path, *_mark(found))
            if not path:
                return Origin(self.path, 1, 1)
            path = path[:-1]


class _Builder:
    """Values from parser events in one pass, with no node tree (a third of the time of composing one).

    Syntax errors and refused anchors, aliases and tags stop the build where they are met. A key
    problem (not a plain word, a merge key, a duplicate) is kept and raised at the end, unless a
    syntax error or refusal comes later in the file: that one is reported instead, as it would
    have been had the whole file been composed before its keys were checked.
    """

    def __init__(self, loader: StrictLoader, doc: YamlDocument):
        self.loader = loader
        self.get = loader.get_event
        self.doc = doc
        doc.texts, doc.floats = [], []
        self.texts, self.floats = doc.texts, doc.floats
        self.value_marks, self.key_marks = doc.value_marks, doc.key_marks
        self.key_problem: yaml.MarkedYAMLError | None = None
        self.keys: dict[tuple[str, tuple[bool, bool]], tuple[str, Any]] = {}

    def document(self) -> Any:
        """The file's one document, or None for an empty file."""
        loader = self.loader
        loader.get_event()  # stream start
        data = None
        if not loader.check_event(StreamEndEvent):
            loader.get_event()  # document start
            data = self.value((), loader.get_event())
            loader.get_event()  # document end
        if not loader.check_event(StreamEndEvent):
            event = loader.get_event()
            raise RefusedError("a second YAML document starts here; a data file holds exactly one, so remove "
                               "this '---' line (or what follows it)", event.start_mark)
        loader.get_event()  # stream end
        if self.key_problem is not None:
            raise self.key_problem
        return data

    def _refuse(self, event: Any) -> None:
        """Raise for an alias, an anchor or an explicit tag ('!' alone just means "plain text")."""
        if type(event) is AliasEvent:
            raise RefusedError(f"aliases (*{event.anchor}) are not allowed in this data; write the value out in full",
                               event.start_mark)
        if event.anchor is not None:
            raise RefusedError(f"anchors (&{event.anchor}) are not allowed in this data; remove '&{event.anchor}'",
                               event.start_mark)
        tag = event.tag
        if tag is not None and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise RefusedError(f"tags ({shown}) are not allowed in this data; remove the tag and write a plain value",
                               event.start_mark)

    def _typed(self, event: ScalarEvent) -> tuple[str, Any]:
        """A scalar's resolved tag and its Python value (dates excluded from typing, see above)."""
        tag = self.loader.resolve(ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return tag, event.value
        if tag == _MERGE:
            return tag, None
        if len(event.value) > MAX_NUMBER_LENGTH:  # only ints and floats are typed from long text
            raise RefusedError(f"this number is {len(event.value):,} characters long, more than the "
                               f"{MAX_NUMBER_LENGTH} allowed; if it is text, put it in quotes", event.start_mark)
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return tag, self.loader.construct_object(node, deep=True)

    def _refuse_key(self, message: str, mark: yaml.Mark) -> None:
        if self.key_problem is None:
            self.key_problem = RefusedError(message, mark)

    def _scalar(self, path: JsonPath, event: ScalarEvent) -> Any:
        """A scalar with neither anchor nor tag. Quoted text, plain text whose first character starts
        no int, float, bool or null, and plain text with a space (none of those has one; dates, which
        may, stay text) is a string: the resolver need not be asked (most values in this data)."""
        value = event.value
        if len(value) > MAX_VALUE_LENGTH:
            raise _too_long(value, event.start_mark)
        if not event.implicit[0] or value[:1] not in _TYPED_STARTS or " " in value:
            self.texts.append((path, value))
            return value
        return self._plain(path, event)

    def _plain(self, path: JsonPath, event: ScalarEvent) -> Any:
        """A plain scalar that an implicit resolver may type (its first character starts a number, a
        boolean or null, and it has no space), recorded as the parser met it."""
        value = event.value
        if len(value) > _LONGEST_WORD and value[0] in _WORD_STARTS:
            typed: Any = value  # an id such as term-x: longer than every word a resolver types
        else:
            typed = self._typed(event)[1]
        if type(typed) is str:
            self.texts.append((path, typed))
        elif type(typed) is float:
            self.floats.append((path, typed))
        return typed

    def value(self, path: JsonPath, event: Any) -> Any:
        """The value that starts with `event` (already read), and its children's positions.

        Each event is read once with get_event and dispatched on its type; asking the parser what
        comes next (check_event) as well would double the calls into it for every value. A scalar
        inside a list or a mapping (most values in this data) is read where it is met (_scalar),
        without the checks of a value that may be a list or a mapping."""
        get = self.get
        kind = type(event)
        if kind is AliasEvent or event.anchor is not None or (event.tag is not None and event.tag != "!"):
            self._refuse(event)
        value_marks = self.value_marks
        value_marks[path] = event.start_mark
        if kind is ScalarEvent:
            return self._scalar(path, event)
        if len(path) >= MAX_DEPTH:  # a list or mapping (scalars returned above) one level too deep
            raise RefusedError(f"values are nested more than {MAX_DEPTH} levels deep here (lists and mappings "
                               "inside each other); no data file needs more than about 10, so look for unclosed "
                               "brackets or indentation that keeps growing", event.start_mark)
        scalar = self._scalar
        if kind is SequenceStartEvent:
            items: list[Any] = []
            event = get()
            while type(event) is not SequenceEndEvent:
                child = path + (len(items),)
                if type(event) is ScalarEvent and event.anchor is None and event.tag is None:
                    value_marks[child] = event.start_mark
                    items.append(scalar(child, event))
                else:
                    items.append(self.value(child, event))
                event = get()
            return items
        assert kind is MappingStartEvent
        result: dict[Any, Any] = {}
        key_marks = self.key_marks
        key_event = get()
        while type(key_event) is not MappingEndEvent:
            if type(key_event) is not ScalarEvent:
                # The key is a list or mapping: read it (its own anchors and tags are still refused).
                self._refuse_key("keys must be plain words, not lists or mappings", key_event.start_mark)
                self.value(path + (object(),), key_event)
                self.value(path + (object(),), get())
                key_event = get()
                continue
            if key_event.anchor is not None or (key_event.tag is not None and key_event.tag != "!"):
                self._refuse(key_event)
            key_mark = key_event.start_mark
            key = key_event.value
            if len(key) > MAX_VALUE_LENGTH:
                raise _too_long(key, key_mark)
            tag = _STR
            implicit = key_event.implicit
            if implicit[0] and key[:1] in _TYPED_STARTS and " " not in key:
                # The same few key names repeat throughout a file: resolve each once.
                typed = self.keys.get((key, implicit))
                if typed is None:
                    typed = self.keys[(key, implicit)] = self._typed(key_event)
                tag, key = typed
            if tag == _MERGE:
                self._refuse_key("merge keys (<<) are not allowed in this data; write the fields out", key_mark)
                self.value(path + (object(),), get())
            elif key in result:
                first = key_marks[path + (key,)].line + 1
                self._refuse_key(f"duplicate key '{key}' (first written on line {first}); keep one of them", key_mark)
                self.value(path + (object(),), get())
            else:
                child = path + (key,)
                key_marks[child] = key_mark
                event = get()
                if type(event) is ScalarEvent and event.anchor is None and event.tag is None:
                    value_marks[child] = event.start_mark
                    result[key] = scalar(child, event)
                else:
                    result[key] = self.value(child, event)
            key_event = get()
        return result


def _too_long(value: str, mark: yaml.Mark) -> RefusedError:
    return RefusedError(f"this value is {len(value):,} characters long, more than the {MAX_VALUE_LENGTH:,} allowed; "
                        "split it, or look for a quote that is never closed", mark)


def _mark(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def parse_yaml(text: str, path: str, characters: bool = True) -> YamlDocument | Problem:
    """Parse one YAML text; return the document or the first problem in it. `characters=False`: the
    caller has found no control character in it (text_problem), so it is not looked for again."""
    unprintable = text_problem(text, path) if characters else None
    if unprintable:
        return unprintable
    doc = YamlDocument(path=path, data=None)
    loader = StrictLoader(text)
    try:
        doc.data = _Builder(loader, doc).document()
    except yaml.MarkedYAMLError as error:
        if isinstance(error, RefusedError):
            mark = error.problem_mark or error.context_mark
            line, col = _mark(mark) if mark else (1, 1)
            return Problem(path, line, col, _describe(error))
        return Problem(path, *explain(text, error))  # named at the slip, with its fix
    except yaml.reader.ReaderError as error:  # the characters are checked above; this is the reader's own word
        return _character_problem(text, error.position, path)
    finally:
        loader.dispose()
    return doc


def text_problem(text: str, path: str) -> Problem | None:
    """A problem at the first character YAML does not allow (a control character), if any."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    return _character_problem(text, found.start(), path) if found else None


def _character_problem(text: str, index: int, path: str) -> Problem:
    line_start = text.rfind("\n", 0, index) + 1
    code = ord(text[index])
    what = "a NUL character" if code == 0 else f"the character U+{code:04X}"
    hint = ("(the file may be binary, damaged, or saved as UTF-16)" if code == 0 else
            "(control characters are invisible in most editors; they often come with text pasted from a PDF)")
    return Problem(path, text.count("\n", 0, index) + 1, index - line_start + 1,
                   f"{what} is not allowed in YAML text {hint}; delete it")


def load_yaml_file(file: Path, display_path: str) -> YamlDocument | Problem:
    text = read_data_text(file, display_path)
    return text if isinstance(text, Problem) else parse_yaml(text, display_path)


def read_data_text(file: Path, display_path: str, characters: bool = True) -> str | Problem:
    """A data file's text, or the problem that stops it being read: it cannot be opened, is not a
    regular file (a symbolic link is never followed), is too large, is not UTF-8 text, or holds a
    control character (unless `characters` is False: the caller checks them with text_problem)."""
    data = read_data_bytes(file, display_path)
    text = data if isinstance(data, Problem) else decode_data(data, display_path)
    if isinstance(text, Problem) or not characters:
        return text
    return text_problem(text, display_path) or text


def read_data_bytes(file: Path, display_path: str) -> bytes | Problem:
    def problem(message: str) -> Problem:
        return Problem(display_path, 1, 1, message)

    try:
        # O_NOFOLLOW: a link put in place after the folder was listed is still not followed;
        # O_NONBLOCK: opening a named pipe does not wait for a writer.
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except PermissionError:
        return problem("this file cannot be read (permission denied); make it readable (chmod a+r), "
                       "or replace it with a readable copy")
    except OSError as error:
        if os.path.islink(file):
            return problem("this is a symbolic link, and links are never followed: the data must be real files "
                           "in the repository; replace the link with the file itself, or delete it")
        return problem(f"this file cannot be read ({error.strerror or error}); check that it is a file you can open")
    try:
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return problem("this is not a regular file; only .yaml data files belong in the data folders, "
                               "so delete it")
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return problem(f"this file cannot be read ({error.strerror or error}); check that it is a file you can open")
    if len(data) > MAX_FILE_BYTES:
        return problem(f"this file is larger than {MAX_FILE_BYTES // 1_000_000} MB; no data file needs to be "
                       "near that size, so split it or check that it is the right file")
    return data


# Byte-order marks of other encodings, longest first (a UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))
_SAVE_AS_UTF8 = "save it as UTF-8 (in VS Code: click the encoding in the status bar, Save with Encoding, UTF-8)"


def decode_data(data: bytes, display_path: str) -> str | Problem:
    """The text of a data file's bytes, which must be UTF-8. A UTF-8 byte-order mark (Windows editors
    add one) is accepted and dropped; UTF-16, UTF-32 and bytes that are not UTF-8 (Latin-1, say) are
    a problem naming where they start."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Problem(display_path, 1, 1, f"this file is saved as {name} (it starts with a byte-order mark); "
                                               f"{_SAVE_AS_UTF8}")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", errors="replace")) + 1
        return Problem(display_path, data.count(b"\n", 0, error.start) + 1, column,
                       f"byte 0x{data[error.start]:02x} here is not UTF-8 text (the file was probably saved as "
                       f"Latin-1 or Windows-1252, e.g. for a £ or a curly quote); {_SAVE_AS_UTF8}")


def _describe(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "invalid YAML").strip()
    if isinstance(error, RefusedError):
        return problem
    context = f" {error.context.strip()}" if error.context else ""
    return (
        f"YAML syntax error: {problem}{context}; check the indentation and quoting here "
        "(text containing ': ' or starting with [ { ' \" * & ! | > needs quotes)"
    )
