"""Strict YAML loading that remembers where every value was written.

PyYAML's `safe_load` keeps the last of two duplicate keys, expands aliases without limit and
turns `2024-01-31` into a date. Data written by policy teams must fail loudly instead, and every
problem must point at a line, so this module builds plain Python values straight from the
parser's events while recording each key's and value's position.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent)
from yaml.nodes import ScalarNode

from .problems import Origin, Problem

JsonPath = tuple[Any, ...]


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


@dataclass
class YamlDocument:
    """One loaded file: its data plus where each value and key was written."""

    path: str
    data: Any
    # The parser's marks (0-based line and column), kept as they come: turning a few hundred
    # thousand of them into tuples costs more than the few lookups a run makes.
    value_marks: dict[JsonPath, yaml.Mark] = field(default_factory=dict)
    key_marks: dict[JsonPath, yaml.Mark] = field(default_factory=dict)

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
        self.doc = doc
        self.key_problem: yaml.MarkedYAMLError | None = None
        self.keys: dict[tuple[str, tuple[bool, bool]], tuple[str, Any]] = {}

    def document(self) -> Any:
        """The file's one document, or None for an empty file."""
        loader = self.loader
        loader.get_event()  # stream start
        data = None
        document_start = None
        if not loader.check_event(StreamEndEvent):
            document_start = loader.get_event()
            data = self.value((), loader.get_event())
            loader.get_event()  # document end
        if not loader.check_event(StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError("expected a single document in the stream", document_start.start_mark,
                                              "but found another document", event.start_mark)
        loader.get_event()  # stream end
        if self.key_problem is not None:
            raise self.key_problem
        return data

    def _refuse(self, event: Any) -> None:
        """Raise for an alias, an anchor or an explicit tag ('!' alone just means "plain text")."""
        if type(event) is AliasEvent:
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*{event.anchor}) are not allowed in this data; write the value out in full",
                event.start_mark)
        if event.anchor is not None:
            raise yaml.composer.ComposerError(
                None, None, f"anchors (&{event.anchor}) are not allowed in this data; remove '&{event.anchor}'",
                event.start_mark)
        tag = event.tag
        if tag is not None and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise yaml.composer.ComposerError(
                None, None, f"tags ({shown}) are not allowed in this data; remove the tag and write a plain value",
                event.start_mark)

    def _typed(self, event: ScalarEvent) -> tuple[str, Any]:
        """A scalar's resolved tag and its Python value (dates excluded from typing, see above)."""
        tag = self.loader.resolve(ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return tag, event.value
        if tag == _MERGE:
            return tag, None
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return tag, self.loader.construct_object(node, deep=True)

    def _refuse_key(self, message: str, mark: yaml.Mark) -> None:
        if self.key_problem is None:
            self.key_problem = yaml.constructor.ConstructorError(None, None, message, mark)

    def value(self, path: JsonPath, event: Any) -> Any:
        """The value that starts with `event` (already read), and its children's positions.

        Each event is read once with get_event and dispatched on its type; asking the parser what
        comes next (check_event) as well would double the calls into it for every value."""
        get = self.loader.get_event
        kind = type(event)
        if kind is AliasEvent or event.anchor is not None or (event.tag is not None and event.tag != "!"):
            self._refuse(event)
        self.doc.value_marks[path] = event.start_mark
        if kind is ScalarEvent:
            # Quoted text, plain text whose first character starts no int, float, bool or null,
            # and plain text with a space (none of those has one; dates, which may, stay text) is
            # a string: the resolver need not be asked (most values in this data).
            value = event.value
            if not event.implicit[0] or value[:1] not in _TYPED_STARTS or " " in value:
                return value
            return self._typed(event)[1]
        if kind is SequenceStartEvent:
            items: list[Any] = []
            event = get()
            while type(event) is not SequenceEndEvent:
                items.append(self.value(path + (len(items),), event))
                event = get()
            return items
        assert kind is MappingStartEvent
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        key_marks = self.doc.key_marks
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
            # The same few key names repeat throughout a file: resolve each once.
            typed = self.keys.get((key_event.value, key_event.implicit))
            if typed is None:
                typed = self.keys[(key_event.value, key_event.implicit)] = self._typed(key_event)
            tag, key = typed
            if tag == _MERGE:
                self._refuse_key("merge keys (<<) are not allowed in this data; write the fields out", key_mark)
                self.value(path + (object(),), get())
            elif key in first_seen:
                self._refuse_key(f"duplicate key '{key}' (first written on line {first_seen[key]}); keep one of them",
                                 key_mark)
                self.value(path + (object(),), get())
            else:
                first_seen[key] = key_mark.line + 1
                child = path + (key,)
                key_marks[child] = key_mark
                result[key] = self.value(child, get())
            key_event = get()
        return result


def _mark(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def parse_yaml(text: str, path: str) -> YamlDocument | Problem:
    """Parse one YAML text; return the document or the first problem in it."""
    doc = YamlDocument(path=path, data=None)
    loader = StrictLoader(text)
    try:
        doc.data = _Builder(loader, doc).document()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = _mark(mark) if mark else (1, 1)
        return Problem(path, line, col, _describe(error))
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, such as a raw control character
        before = text[:error.position]
        character = error.character if isinstance(error.character, str) else chr(error.character)
        return Problem(path, before.count("\n") + 1, error.position - before.rfind("\n"),
                       f"the file holds U+{ord(character):04X}, a control character that YAML does not allow; delete it")
    finally:
        loader.dispose()
    return doc


def load_yaml_file(file: Path, display_path: str) -> YamlDocument | Problem:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return Problem(display_path, 1, 1, f"file is not UTF-8 text ({error.reason}); save it as UTF-8")
    return parse_yaml(text, display_path)


def _describe(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "invalid YAML").strip()
    if isinstance(error, (yaml.composer.ComposerError, yaml.constructor.ConstructorError)) and (
        "not allowed" in problem or "duplicate key" in problem or "keys must" in problem
    ):
        return problem
    context = f" {error.context.strip()}" if error.context else ""
    return (
        f"YAML syntax error: {problem}{context}; check the indentation and quoting here "
        "(text containing ': ' or starting with [ { ' \" * & ! | > needs quotes)"
    )
