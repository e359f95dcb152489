"""Strict YAML loading that remembers where every value was written.

PyYAML's `safe_load` keeps the last of two duplicate keys, expands aliases without limit and
turns `2024-01-31` into a date. Data written by policy teams must fail loudly instead, and every
problem must point at a line, so this module composes the node tree itself and builds plain
Python values from it while recording each key's and value's position.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Origin, Problem

JsonPath = tuple[Any, ...]


# libyaml scans and parses about ten times faster than pure-Python PyYAML; composing stays in
# Python (below) so anchors, aliases and tags can be refused with their positions.
try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml
    _Parser = yaml.parser.Parser  # type: ignore[misc,assignment]


class StrictLoader(yaml.composer.Composer, _Parser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """Safe loader that refuses anchors, aliases and explicit tags, and keeps dates as text."""

    def __init__(self, stream: str):
        if _Parser is yaml.parser.Parser:  # the pure-Python parser reads through Reader and Scanner
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            _Parser.__init__(self)
        else:
            _Parser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None,
                f"aliases (*{event.anchor}) are not allowed in this data; "
                "write the value out in full",
                event.start_mark,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise yaml.composer.ComposerError(
                None, None,
                f"anchors (&{anchor}) are not allowed in this data; remove '&{anchor}'",
                event.start_mark,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise yaml.composer.ComposerError(
                None, None,
                f"tags ({shown}) are not allowed in this data; remove the tag and write a plain value",
                event.start_mark,
            )
        return super().compose_node(parent, index)


# Dates stay strings ("2026-11-25"), so the schema can check their form and the data stays
# JSON-compatible. Other YAML 1.1 typing is kept on purpose: `6.10` still loads as a float and
# `no` as False, and the schemas (which declare ids and numbers as strings) reject them.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.yaml_constructors = yaml.SafeLoader.yaml_constructors


@dataclass
class YamlDocument:
    """One loaded file: its data plus where each value and key was written."""

    path: str
    data: Any
    value_marks: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)

    def origin(self, json_path: JsonPath, *, key: bool = False) -> Origin:
        """Position of the value at json_path (or of its key), else of its nearest ancestor."""
        path = tuple(json_path)
        while True:
            marks = (self.key_marks, self.value_marks) if key else (self.value_marks,)
            for table in marks:
                if path in table:
                    line, col = table[path]
                    return Origin(self.path, line, col)
            if not path:
                return Origin(self.path, 1, 1)
            path = path[:-1]


class _Builder:
    def __init__(self, loader: StrictLoader, doc: YamlDocument):
        self.loader = loader
        self.doc = doc

    def build(self, node: Node, path: JsonPath) -> Any:
        self.doc.value_marks[path] = _mark(node.start_mark)
        if isinstance(node, ScalarNode):
            return self.loader.construct_object(node, deep=True)
        if isinstance(node, SequenceNode):
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "keys must be plain words, not lists or mappings", key_node.start_mark
                )
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys (<<) are not allowed in this data; write the fields out",
                    key_node.start_mark,
                )
            key = self.loader.construct_object(key_node, deep=True)
            if key in first_seen:
                first_line = first_seen[key].start_mark.line + 1
                raise yaml.constructor.ConstructorError(
                    None, None,
                    f"duplicate key '{key}' (first written on line {first_line}); "
                    "keep one of them",
                    key_node.start_mark,
                )
            first_seen[key] = key_node
            self.doc.key_marks[path + (key,)] = _mark(key_node.start_mark)
            result[key] = self.build(value_node, path + (key,))
        return result


def _mark(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def parse_yaml(text: str, path: str) -> YamlDocument | Problem:
    """Parse one YAML text; return the document or the first problem in it."""
    doc = YamlDocument(path=path, data=None)
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            doc.data = _Builder(loader, doc).build(node, ())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = _mark(mark) if mark else (1, 1)
        return Problem(path, line, col, _describe(error))
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
