"""Check that every field meant to be NHS wording is printed, exactly, where its provenance says.

Each source extract is read into its printed blocks (gpia.validate.source_outline): headings, paragraphs,
list items, table headings, row titles and row bullets, each under its heading. A field of NHS
wording must then be, after `fold` (runs of white space are one space; curly quotes and dashes
are the plain character; nothing is deleted):

- a whole block, for headings, table column headings, row titles, requirement bullets, FAQ
  questions and answer paragraphs;
- a span of whole words of one block, for quotes;

and that block must be printed in the part of the source that the record names: a requirement in
its row of the table under its section, an answer under its own question in its own FAQ section,
a quote under its section. Text that is in the source but elsewhere is refused, naming where.
"""
from __future__ import annotations

import difflib
import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gpia.load.jsonpaths import find
from gpia.load.problems import Origin, Problem
from gpia.model.kinds import wording_fields
from gpia.validate.references import QUOTE_PLACES
from gpia.validate.schema_check import ours_fields
from gpia.validate.text_rules import has_invisible
from gpia.validate.source_outline import _FOLD as _FOLD_TABLE
from gpia.validate.source_outline import TYPOGRAPHIC, Block, Outline, fold, parse_outline, span_at
from gpia.load.yaml_loader import YamlDocument


# The wording fields, for CONTRIBUTING.md and for tests: (file kind, path pattern, how it must match),
# from the `nhs(...)` fields of the models (gpia/model/kinds.py).
WORDING_FIELDS: tuple[tuple[str, tuple[str, ...], str], ...] = wording_fields()


@dataclass(frozen=True)
class SourceText:
    """A source record's extract, read and outlined; or why it could not be."""

    id: str
    file: str
    outline: Outline | None
    problem: str | None = None
    digest: str = ""  # SHA-256 of the extract's text as read (what a cached wording check was made against)


def load_sources(sources_dir: Path, docs: list[tuple[str, YamlDocument]],
                 shown: str | None = None) -> tuple[dict[str, SourceText], list[Problem]]:
    """Each source record's outline, by source id; a problem for each source whose file cannot be read
    (naming the folder as `shown`, e.g. relative to the project, when given)."""
    folder = shown or str(sources_dir)
    texts: dict[str, SourceText] = {}
    problems: list[Problem] = []
    for kind, doc in docs:
        if kind != "sources":
            continue
        for path, record in find(doc.data, ("sources", "*")):
            if not (isinstance(record, dict) and isinstance(record.get("file"), str) and isinstance(record.get("id"), str)):
                continue
            name = record["file"]
            source = _read(sources_dir, name, folder)
            if isinstance(source, str):
                problems.append(doc.origin(path + ("file",)).problem(
                    f"source '{record['id']}': {source}, so its wording cannot be checked; put the extract "
                    f"'{name}' in {folder} (or correct 'file')"))
                texts[record["id"]] = SourceText(record["id"], name, None, source)
            else:
                outline, digest = source
                texts[record["id"]] = SourceText(record["id"], name, outline, digest=digest)
    return texts, problems


def _read(sources_dir: Path, name: str, folder: str) -> tuple[Outline, str] | str:
    file = sources_dir / name
    named = f"{folder}/{name}"  # as the message names it
    if Path(name).name != name or name in {"", ".", ".."}:
        return f"'{name}' is not a plain file name"
    if file.is_symlink() or (file.exists() and not file.is_file()):
        return f"{named} is not a regular file"
    if not file.exists():
        return f"the file {named} does not exist"
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return f"the file {named} is not UTF-8 text"
    except OSError as error:
        return f"the file {named} cannot be read ({error.strerror or error})"
    outline = parse_outline(text)
    if not outline.blocks:
        return f"the file {named} is empty"
    return outline, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_wording(kind: str, doc: YamlDocument, sources: dict[str, SourceText],
                 root: Path | None = None) -> tuple[list[Problem], set[str]]:
    """One file's own wording problems, and the ids of its records whose wording failed (a whole
    document, which reads every other file's records, is `documents_wording`'s). What it finds
    depends on the file and the sources alone, so it can be kept while neither changes."""
    failed: set[str] = set()
    checker = _Checker(doc, sources, failed, root, kind)
    if kind == "requirement-table":
        checker.table()
    elif kind == "faq-section":
        checker.faq()
    elif kind == "sources":
        checker.sic()
    checker.quotes(kind)
    return checker.problems, failed


def documents_wording(docs: list[tuple[str, YamlDocument]], sources: dict[str, SourceText],
                      root: Path | None, printed: Printed) -> list[Problem]:
    """The whole documents' problems, once every other file's own check has said which of its records
    failed (`printed.failed`): a table or question whose own wording is wrong is then already
    known, and the document's check does not report its consequences again."""
    problems: list[Problem] = []
    for kind, doc in docs:
        if kind == "document":
            checker = _Checker(doc, sources, printed.failed, root, kind)
            checker.document(printed)
            checker.quotes(kind)
            problems += checker.problems
    return problems


_PASSAGES = {"heading": "heading", "paragraph": "paragraph", "item": "item", "contents": "contents",
             "figure": "paragraph"}
_TABLE_BLOCKS = ("table-heading", "row-title", "row-item")


class Printed:
    """The records that a document's blocks place: tables, questions and FAQ sections, by id."""

    def __init__(self, docs: list[tuple[str, YamlDocument]]):
        self.tables: dict[str, dict[str, Any]] = {}
        self.questions: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {}
        self.sections: dict[str, dict[str, Any]] = {}
        self.failed: set[str] = set()  # ids of the records whose own wording check found a problem
        for kind, doc in docs:
            data = doc.data
            if kind == "requirement-table" and isinstance(data.get("id"), str):
                self.tables[data["id"]] = data
            elif kind == "faq-section":
                section = data.get("section") or {}
                if isinstance(section.get("id"), str):
                    self.sections[section["id"]] = section
                for _, q in find(data, ("questions", "*")):
                    if isinstance(q, dict) and isinstance(q.get("id"), str):
                        self.questions[q["id"]] = (q, section, doc.path)


def _has(container: Any, key: Any) -> bool:
    return key in container if isinstance(container, dict) else isinstance(key, int) and 0 <= key < len(container)


def _invisible_ref(printed: Printed, kind: str, ref: Any) -> bool:
    if kind == "question" and ref in printed.questions:
        text = printed.questions[ref][0].get("question")
    elif kind == "faq_section" and ref in printed.sections:
        text = printed.sections[ref].get("title")
    else:
        return False
    return isinstance(text, str) and has_invisible(text)


class _Checker:
    def __init__(self, doc: YamlDocument, sources: dict[str, SourceText], failed: set[str], root: Path | None,
                 kind: str):
        self.doc = doc
        self.sources = sources
        self.problems: list[Problem] = []
        self.failed = failed
        self.root = root
        self.kind = kind

    def _outline(self, source: Any) -> Outline | None:
        found = self.sources.get(source) if isinstance(source, str) else None
        return found.outline if found else None  # unknown sources are reported by the reference check

    def _report(self, path: tuple[Any, ...], message: str, at: Origin | None = None) -> None:
        self.problems.append((at or self.doc.origin(path)).problem(message))
        # Every record the path passes through (a table and its area; an FAQ section's question) failed.
        value = self.doc.data
        for key in ((), *path):
            if key != ():
                value = value[key] if isinstance(value, (dict, list)) and _has(value, key) else None
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                self.failed.add(value["id"])

    # -- requirement tables ------------------------------------------------------------------------
    def table(self) -> None:
        data = self.doc.data
        source = data.get("source")
        outline = self._outline(source)
        if outline is None:
            return
        sections = self._heading(outline, ("section",), data.get("section"), source, level=None)
        if sections is None:
            return
        region = [i for s in sections for i in outline.section(s)]
        where = f"the section '{fold(data['section'])}'"
        titles = {fold(a["title"]) for a in data.get("areas") or () if isinstance(a, dict) and isinstance(a.get("title"), str)}
        here = {outline.blocks[i].text for i in region if outline.blocks[i].kind == "row-title"}
        if titles and not titles & here:
            # A wrong section, not every row wrong: say so once.
            elsewhere = next((b for b in outline.blocks if b.kind == "row-title" and b.text in titles), None)
            hint = f"; they are printed {_placed(outline, elsewhere).removeprefix('it is the title of a row of a table ')}" \
                if elsewhere else ""
            self._report(("section",), f"no row of this table is printed in {where} of source '{source}'{hint}; "
                                       "correct 'section' to the heading the table is printed under")
            return
        self._whole(outline, ("column_heading",), data.get("column_heading"), source,
                    [i for i in region if outline.blocks[i].kind == "table-heading"], where)
        for a_path, area in find(data, ("areas", "*")):
            if not isinstance(area, dict):
                continue
            rows = self._whole(outline, a_path + ("title",), area.get("title"), source,
                               [i for i in region if outline.blocks[i].kind == "row-title"], where)
            if rows is None:
                continue
            items = [i for i in region if outline.blocks[i].kind == "row-item" and outline.blocks[i].row in rows]
            row_where = f"the row '{fold(area['title'])}' of the table under '{fold(data['section'])}'"
            for r_path, text in find(area, ("requirements", "*", "text"), a_path):
                self._whole(outline, r_path, text, source, items, row_where)

    # -- FAQ sections ----------------------------------------------------------------------------
    def faq(self) -> None:
        data = self.doc.data
        section = data.get("section") if isinstance(data.get("section"), dict) else {}
        source = section.get("source")
        outline = self._outline(source)
        if outline is None:
            return
        headings = self._heading(outline, ("section", "title"), section.get("title"), source, level=1)
        if headings is None:
            return
        region = [i for h in headings for i in outline.section(h)]
        where = f"the FAQ section '{fold(section['title'])}'"
        for q_path, question in find(data, ("questions", "*")):
            if not isinstance(question, dict):
                continue
            asked = self._whole(outline, q_path + ("question",), question.get("question"), source,
                                [i for i in region if outline.blocks[i].kind == "heading"], where)
            if asked is None:
                continue
            answer = [i for h in asked for i in outline.section(h) if outline.blocks[i].kind in ("paragraph", "item")]
            answer_where = f"the answer to '{fold(question['question'])}'"
            for p_path, text in find(question, ("answer", "*", "paragraph"), q_path):
                self._whole(outline, p_path, text, source,
                            [i for i in answer if outline.blocks[i].kind == "paragraph"], answer_where)
            for n_path, text in find(question, ("answer", "*", "numbered", "*"), q_path):
                self._whole(outline, n_path, text, source,
                            [i for i in answer if outline.blocks[i].kind == "item" and outline.blocks[i].number],
                            answer_where)

    # -- the sources' slips, marked [sic] ---------------------------------------------------------
    def sic(self) -> None:
        for path, record in find(self.doc.data, ("sources", "*")):
            outline = self._outline(record.get("id")) if isinstance(record, dict) else None
            if outline is None:
                continue
            for s_path, printed in find(record, ("sic", "*", "printed"), path):
                if isinstance(printed, str) and not has_invisible(printed):
                    wanted = fold(printed)
                    hits = sum(1 for b in outline.blocks if span_at(b.text, wanted) is not None)
                    if not hits:
                        self._report(s_path, f"'printed' is not printed in source '{record['id']}' as whole words; "
                                             "copy the words with the slip exactly as the source prints them")

    # -- a whole document, in printed order ---------------------------------------------------------
    def document(self, printed: Printed) -> None:
        """Every printed block of the source, in order, is a passage or is placed by a table, question
        or FAQ section record; nothing is left out, added or moved."""
        data = self.doc.data
        source = data["document"].get("source")
        outline = self._outline(source)
        if outline is None:
            return
        blocks = outline.blocks
        position = 0
        # After a block already reported (mistyped, or malformed), the one block of the source it
        # stood for is not reported again as left out.
        reported_at: int | None = None
        last_path: tuple[Any, ...] = ("blocks",)
        for path, block in find(data, ("blocks", "*")):
            last_path = path
            kind = next((k for k in (*_PASSAGES, "table", "question", "faq_section") if k in block), None)
            if kind in _PASSAGES:
                if not self._passage_shape(path, block, kind):
                    reported_at = position
                    continue
                wanted = fold(block[kind]) if not has_invisible(block[kind]) else None
                if wanted is None:
                    continue
                found = self._next(blocks, position, lambda b: b.kind == _PASSAGES[kind] and b.text == wanted)
                if found is None:
                    here = blocks[position] if position < len(blocks) else None
                    shown = f"'{_clip(here.printed, size=80)}' (line {here.line})" if here else "nothing more"
                    self._report(path + (kind,), f"'{kind}' is not the next thing source '{source}' prints: it prints "
                                                 f"{shown} here ({_difference(wanted, [here] if here else [])}); copy "
                                                 "the source's wording in its printed order")
                    reported_at = position
                    continue
                self._level_and_number(path, block, blocks[found])
            elif kind in ("table", "question", "faq_section") and (
                    block[kind] in printed.failed or _invisible_ref(printed, kind, block[kind])):
                # Its own check has said what is wrong with it: step over where it is most likely
                # printed (the next table, or heading) and say nothing more.
                found = self._next(blocks, position, (lambda b: b.kind == "table-heading") if kind == "table"
                                   else (lambda b: b.kind == "heading"))
                if found is None:
                    continue
                reported_at = position
            elif kind == "table":
                table = printed.tables.get(block["table"])
                if table is None:
                    continue  # reported by the reference check
                if table.get("source") != source:
                    self._report(path + ("table",), f"table '{block['table']}' is printed in source "
                                                    f"'{table.get('source')}', not '{source}'")
                    continue
                found = self._next(blocks, position, lambda b: b.kind == "table-heading")
                if found is None:
                    self._report(path + ("table",), f"source '{source}' prints no table here; move the block to "
                                                    "where the table is printed")
                    continue
            elif kind == "faq_section":
                section = printed.sections.get(block["faq_section"])
                if section is None or not isinstance(section.get("title"), str):
                    continue
                title = fold(section["title"])
                found = self._next(blocks, position, lambda b: b.kind == "heading" and b.level == 1 and b.text == title)
                if found is None:
                    self._report(path + ("faq_section",), f"the heading of FAQ section '{block['faq_section']}' "
                                                          f"('{title}') is not printed here in source '{source}'")
                    continue
            elif kind == "question":
                entry = printed.questions.get(block["question"])
                if entry is None or not isinstance(entry[0].get("question"), str):
                    continue
                question, _, _ = entry
                asked = fold(question["question"])
                found = self._next(blocks, position, lambda b: b.kind == "heading" and b.text == asked)
                if found is None:
                    self._report(path + ("question",), f"question '{block['question']}' ('{asked}') is not "
                                                       f"printed here in source '{source}'")
                    continue
            else:
                continue
            skipped = blocks[position:found]
            if reported_at is not None and len(skipped) == 1:
                skipped = []
            reported_at = None
            if skipped:
                self._missing(path, skipped, source, "before this block")
            position = found + 1
            if kind == "table":
                while position < len(blocks) and blocks[position].kind in _TABLE_BLOCKS:
                    position += 1
            elif kind == "question" and block["question"] in printed.failed:
                position = next((j for j in range(position, len(blocks)) if blocks[j].kind == "heading"), len(blocks))
            elif kind == "question":
                position = self._answer(path, printed.questions[block["question"]], blocks, position, source)
        if position < len(blocks):
            self._missing(last_path, blocks[position:], source, "after the last block")

    def _passage_shape(self, path: tuple[Any, ...], block: dict[str, Any], kind: str) -> bool:
        if "id" not in block:
            self._report(path, f"this {kind} has no 'id'; give it one (its permanent link on the page that "
                               "reads the whole document)")
            return False
        if kind == "heading" and "level" not in block:
            self._report(path, "this heading has no 'level'; add 'level: 1' for a top-level heading, 2 below it")
            return False
        for field, owner in (("level", "heading"), ("number", "item")):
            if field in block and kind != owner:
                self._report(path + (field,), f"'{field}' belongs only to a {owner}; remove it")
                return False
        return True

    def _level_and_number(self, path: tuple[Any, ...], block: dict[str, Any], printed: Block) -> None:
        if "level" in block and block["level"] != printed.level:
            self._report(path + ("level",), f"the source prints this heading at level {printed.level}, not "
                                            f"{block['level']}; write 'level: {printed.level}'")
        if (block.get("number") or None) != (printed.number.rstrip(".") if printed.number else None) and \
                (block.get("number") or None) != printed.number:
            wanted = f"'number: \"{printed.number}\"'" if printed.number else "no 'number'"
            self._report(path + (("number",) if "number" in block else ()),
                         f"the source numbers this item {printed.number or 'not at all'}; write {wanted}")

    def _answer(self, path: tuple[Any, ...], entry: tuple[dict[str, Any], dict[str, Any], str],
                blocks: list[Block], position: int, source: str) -> int:
        """Match a question's answer, block by block, with what the source prints under it."""
        question, _, file = entry
        end = next((j for j in range(position, len(blocks)) if blocks[j].kind == "heading"), len(blocks))
        expected: list[tuple[str, str | None]] = []
        for part in question.get("answer") or ():
            if not isinstance(part, dict):
                continue
            # Text with an invisible character is reported once, by gpia.validate.text_rules: here it matches its block.
            if isinstance(part.get("paragraph"), str):
                expected.append(("paragraph", None if has_invisible(part["paragraph"]) else fold(part["paragraph"])))
            elif isinstance(part.get("numbered"), list):
                expected += [("item", None if has_invisible(i) else fold(i)) for i in part["numbered"] if isinstance(i, str)]
            elif "table" in part:
                expected.append(("table", None))
        at = position
        for kind, text in expected:
            if at < end and kind == "table" and blocks[at].kind in _TABLE_BLOCKS:
                while at < end and blocks[at].kind in _TABLE_BLOCKS:
                    at += 1
            elif at < end and blocks[at].kind == kind and text in (None, blocks[at].text):
                at += 1
            else:
                break  # the FAQ file's own wording check says what differs
        if at < end:
            left = blocks[at]
            self._report(path + ("question",), f"the answer to '{fold(question['question'])}' in {file} leaves out "
                                               f"what source '{source}' prints at line {left.line} "
                                               f"('{_clip(left.printed, size=80)}'); add it to the answer there")
        return end

    def _missing(self, path: tuple[Any, ...], missing: list[Block], source: str, where: str) -> None:
        first = missing[0]
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        self._report(path, f"source '{source}' prints '{_clip(first.printed, size=80)}' (line {first.line}){more} "
                           f"{where}, and no block here holds it; add a block for each, in printed order")

    @staticmethod
    def _next(blocks: list[Block], start: int, matches: Any) -> int | None:
        return next((j for j in range(start, len(blocks)) if matches(blocks[j])), None)

    # -- quotes ------------------------------------------------------------------------------------
    def quotes(self, kind: str) -> None:
        for file_kind, pattern in QUOTE_PLACES:
            if file_kind == kind:
                for path, quote in find(self.doc.data, pattern):
                    if isinstance(quote, dict):
                        self.quote(path, quote)

    def quote(self, path: tuple[Any, ...], quote: dict[str, Any]) -> None:
        source = quote.get("source")
        outline = self._outline(source)
        if outline is None:
            return
        headings = self._heading(outline, path + ("section",), quote.get("section"), source, level=None)
        if headings is None:
            return
        text = quote.get("text")
        if not isinstance(text, str) or has_invisible(text):
            return
        region = [i for h in headings for i in outline.section(h)]
        self._span(outline, path + ("text",), text, source, region, f"the section '{fold(quote['section'])}'")

    # -- matching ----------------------------------------------------------------------------------
    def _heading(self, outline: Outline, path: tuple[Any, ...], title: Any, source: str,
                 level: int | None) -> list[int] | None:
        if not isinstance(title, str):
            return None
        candidates = [i for i in outline.headings() if level is None or outline.blocks[i].level == level]
        return self._whole(outline, path, title, source, candidates, HEADINGS)

    def _whole(self, outline: Outline, path: tuple[Any, ...], value: Any, source: str,
               allowed: list[int], where: str) -> list[int] | None:
        """The blocks among `allowed` whose whole text is `value`; else report and return None."""
        if not isinstance(value, str) or has_invisible(value):
            return None  # an invisible character is reported once, by gpia.validate.text_rules
        wanted = fold(value)
        matches = [i for i in allowed if outline.blocks[i].text == wanted]
        if matches:
            return matches
        field = _field(path)
        within = [i for i in allowed if span_at(outline.blocks[i].text, wanted) is not None]
        if within:
            whole = outline.blocks[within[0]].text
            self._report(path, f"'{field}' is only part of what source '{source}' prints in {where} "
                               f"(\"{_clip(whole, size=200)}\", line {outline.blocks[within[0]].line}); copy all of it")
            return None
        self._elsewhere_or_differs(outline, path, wanted, source, allowed, where,
                                   lambda text: text == wanted)
        return None

    def _not_a_heading(self, outline: Outline, field: str, source: str, line: Block) -> str:
        """A heading the extract prints as a plain line: how the check reads headings, and what to do."""
        found = self.sources.get(source)
        where = f"line {line.line} of {found.file}" if found else f"line {line.line}"
        if any(b.kind == "contents" for b in outline.blocks):
            contents, fix = "its Contents list does not name it", "or add it to the Contents list"
        else:
            contents, fix = "the extract has no Contents list", "or give the extract a Contents list that names it"
        return (f"'{field}' is in source '{source}', but as a plain line ({where}), not a heading: a heading is a "
                f"line that starts with '#', or a line that the extract's Contents list names, and {contents}; "
                f"start {where} with '# ' ({fix}), or correct '{field}'")

    def _span(self, outline: Outline, path: tuple[Any, ...], value: str, source: str,
              allowed: list[int], where: str) -> None:
        wanted = fold(value)
        if any(span_at(outline.blocks[i].text, wanted) is not None for i in allowed):
            return
        field = _field(path)
        if wanted and any(wanted in outline.blocks[i].text for i in allowed):
            self._report(path, f"'{field}' starts or ends in the middle of a word of source '{source}'; "
                               "quote whole words")
            return
        self._elsewhere_or_differs(outline, path, wanted, source, allowed, where,
                                   lambda text: span_at(text, wanted) is not None)

    def _elsewhere_or_differs(self, outline: Outline, path: tuple[Any, ...], wanted: str, source: str,
                              allowed: list[int], where: str, matches: Any) -> None:
        field = _field(path)
        if not wanted:
            self._report(path, f"'{field}' is empty; copy the wording from source '{source}'")
            return
        elsewhere = next((b for b in outline.blocks if b.kind != "contents" and matches(b.text)), None)
        if elsewhere is not None and where == HEADINGS and elsewhere.kind == "paragraph":
            self._report(path, self._not_a_heading(outline, field, source, elsewhere))
            return
        if elsewhere is not None:
            self._report(path, f"'{field}' is in source '{source}', but {_placed(outline, elsewhere)} "
                               f"(line {elsewhere.line}), not in {where}; correct the record's provenance "
                               "or copy the wording that is printed there")
            return
        blocks = [outline.blocks[i] for i in allowed]
        message = (f"'{field}' is not word for word in source '{source}' in {where} "
                   f"({_difference(wanted, blocks)}); {advice(self.kind, path)}")
        size = _first_difference(wanted, blocks)[0]
        self._report(path, message, self._at_character(path, size))

    def _at_character(self, path: tuple[Any, ...], folded_offset: int) -> Origin:
        """Where the character at `folded_offset` of the folded value is written in the file: found
        in the raw text from the value's start on (a word's start plus the character), which holds
        for plain, quoted and block scalars alike; else the value's start."""
        start = self.doc.origin(path)
        value = _value_at(self.doc.data, path)
        root = self.root
        if root is None or not isinstance(value, str):
            return start
        at = raw_index(value, folded_offset)
        if at is None or at >= len(value):
            return start
        word_start = at
        while word_start > 0 and not value[word_start - 1].isspace():
            word_start -= 1
        fragment = value[word_start:at + 1]
        if not fragment.strip():
            return start
        try:
            lines = (root / self.doc.path).read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            return start
        for number in range(start.line - 1, min(len(lines), start.line + 400)):
            col = lines[number].find(fragment, start.col - 1 if number == start.line - 1 else 0)
            if col != -1:
                return Origin(self.doc.path, number + 1, col + at - word_start + 1)
        return start


# Where a title that must be a heading is looked for (a section, an FAQ section's title).
HEADINGS = "the headings of the source"


def _placed(outline: Outline, block: Block) -> str:
    index = outline.blocks.index(block)
    level = block.level if block.kind == "heading" else 99
    heading = next((outline.blocks[i] for i in range(index - 1, -1, -1)
                    if outline.blocks[i].kind == "heading" and outline.blocks[i].level < level), None)
    under = f" under '{heading.text}'" if heading else ""
    if block.kind == "heading":
        return f"it is a heading there{under}"
    if block.kind == "row-title":
        return f"it is the title of a row of a table{under}"
    if block.kind == "row-item" and block.row is not None:
        return f"it is printed in the row '{outline.blocks[block.row].text}'{under}"
    return f"it is printed{under}" if heading else "it is printed before the first heading"


def advice(kind: str, path: tuple[Any, ...]) -> str:
    """What to do with wording that is not the source's: copy it, or move it to a field of ours that
    this record has (from its schema), never to a field it does not have."""
    fields = ours_fields(kind, path) if kind else []
    if not fields:
        return ("copy the wording exactly from the source; this record has no field for our own words, so "
                "put them in a record that has one (a term's note, a clause's summary) or leave them out")
    named = " or ".join(f"'{f}'" for f in fields)
    return f"copy the wording exactly from the source, or move our own words to this record's {named}"


def raw_index(value: str, folded_offset: int) -> int | None:
    """The index in `value` of the character that is at `folded_offset` once folded (source_outline.fold
    turns each quote or dash into one character, collapses white space and strips the ends), or None."""
    return raw_indexes(value).get(folded_offset)


def raw_indexes(value: str) -> dict[int, int]:
    """Every folded offset of `value` mapped to its index in `value` (see raw_index), in one pass; an
    offset past the folded text is absent."""
    out: dict[int, int] = {}
    folded = 0
    started = False
    previous_space = False
    for index, char in enumerate(value):
        if char.isspace():
            previous_space = started
            continue
        if previous_space:
            out.setdefault(folded, index - 1)
            folded += 1
            previous_space = False
        started = True
        out.setdefault(folded, index)
        folded += len(char.translate(_FOLD_TABLE))
    out.setdefault(folded, len(value))
    return out


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _first_difference(wanted: str, blocks: Iterable[Block]) -> tuple[int, Block | None, int]:
    """The longest start of the data text that one of the blocks prints (binary search: `in` is
    monotone): its length, the block, and where in the block it starts."""
    best: tuple[int, Block | None, int] = (0, None, 0)
    for block in blocks:
        low, high = 0, min(len(wanted), len(block.text))
        while low < high:
            mid = (low + high + 1) // 2
            if wanted[:mid] in block.text:
                low = mid
            else:
                high = mid - 1
        if low > best[0]:
            best = (low, block, block.text.find(wanted[:low]))
    return best


def _difference(wanted: str, blocks: Iterable[Block]) -> str:
    """Where the data parts from the nearest text of the allowed blocks, by character."""
    size, block, at = _first_difference(wanted, blocks)
    if block is None:
        return "no part of its start is printed there"
    ours = wanted[size:size + 1]
    theirs = block.text[at + size:at + size + 1]
    shown = _clip(wanted[:size], keep_end=True, size=40)
    if not ours:
        return f"it matches \"{shown}\" and then stops, where the source goes on with {_char(theirs)}, line {block.line}"
    if not theirs:
        return f"it matches \"{shown}\" and then has {_char(ours)} where the source's text ends, line {block.line}"
    typographic = " (a typographic difference: use the source's character)" \
        if ours in TYPOGRAPHIC or theirs in TYPOGRAPHIC else ""
    return (f"it matches \"{shown}\" and then has {_char(ours)} where the source has {_char(theirs)}, "
            f"line {block.line}{typographic}")


def _char(c: str) -> str:
    if not c:
        return "nothing"
    name = unicodedata.name(c, f"U+{ord(c):04X}")
    return f"'{c}' {name}" if c.isprintable() and not c.isspace() else f"U+{ord(c):04X} {name}"


def _clip(text: str, keep_end: bool = False, size: int = 60) -> str:
    if len(text) <= size:
        return text
    return "…" + text[-size:] if keep_end else text[:size] + "…"


def _field(path: tuple[Any, ...]) -> str:
    return next(p for p in reversed(path) if isinstance(p, str))
