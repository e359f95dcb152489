"""Words for search beyond the pages' own: readers' words from the data, the names of each record,
and the list of words the site holds (for "Did you mean").

- Readers' words: a record's `also_known_as` (our words, not NHS wording: the words readers type
  where the sources use others, such as "premises" for an estates plan) are shown at the end of its
  page under that label, as text of high weight, so Pagefind finds the record by them (and an
  excerpt that quotes them quotes what the page shows). On an FAQ section's page each question
  carries its own at the end of its answer (views/faq.py renders them with `readers-words.html`),
  so the question's section is the one listed.
- Names: what a reader types to mean the record itself (a glossary term and its abbreviation, a
  schedule's number and title, a clause's number), as Pagefind metadata (`names`); the search box
  puts a page whose name is the question first ("what does MCP stand for").
- The word list: every word of three letters or more on the indexed pages, most widespread first,
  written to `search-words.json` beside the pages. The search box fetches it only when a word typed
  matches nothing, and offers the closest word (by edit distance) as a new search.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from markupsafe import Markup

from gpia.model.records import KnowledgeBase
from gpia.views.templating import render

WORD_LIST = "search-words.json"
# The longest list served: words are sorted most widespread first, so a longer tail drops rare words.
WORD_LIST_LIMIT = 20_000

_WORD = re.compile(r"[a-z]{3,}")


def readers_words_html(words: tuple[str, ...]) -> Markup:
    """The labelled line Pagefind indexes at a heading's weight, for the end of a finished page (its
    label marked for Pagefind itself); nothing when there are no words."""
    return render("readers-words.html", words=words, finished=True) if words else Markup("")


def _record(kb: KnowledgeBase, spec: dict | None) -> tuple[str, object | None]:
    if not spec or "record" not in spec:
        return "", None
    kind, record_id = str(spec["record"]), str(spec["id"])
    records = {"term": kb.terms, "schedule": kb.schedules, "agreement": kb.agreements, "area": kb.areas,
               "clause": kb.clauses, "faq-section": kb.faq_sections}.get(kind, {})
    return kind, records.get(record_id)


def names(kb: KnowledgeBase, spec: dict | None) -> list[str]:
    """What a reader may type to mean the page's record itself."""
    kind, record = _record(kb, spec)
    if record is None:
        return []
    found: list[str | None] = list(getattr(record, "also_known_as", ()))
    if kind == "term":
        found += [record.term, record.abbreviation]
    elif kind == "schedule":
        found += [record.title, record.label] + ([f"Schedule {record.number}"] if record.number else [])
    elif kind == "agreement":
        found += [record.name, record.abbreviation]
    elif kind == "area":
        found.append(record.title)
    elif kind == "clause":
        found += [record.number, f"clause {record.number}", record.title]
    elif kind == "faq-section":
        found.append(record.title)
    return sorted({n for n in found if n})


def front_matter_words(meta: dict) -> tuple[str, ...]:
    """A hand-written page's readers' words: its front matter's `also_known_as` (one string is one word)."""
    words = meta.get("also_known_as") or ()
    return (words,) if isinstance(words, str) else tuple(str(w) for w in words)


def page_words_html(kb: KnowledgeBase, spec: dict | None, page_words: tuple[str, ...] = ()) -> str:
    """The readers' words of the page's record (or of a hand-written page: its front matter's
    `also_known_as`) and its names (Pagefind metadata), appended to the indexed content of its page.
    FAQ questions carry theirs in their own section instead."""
    kind, record = _record(kb, spec)
    words = tuple(getattr(record, "also_known_as", ())) + tuple(page_words)
    out = str(readers_words_html(words))
    found = sorted(set(names(kb, spec)) | set(page_words))
    if found:
        out += str(render("search-names.html", names=found))
    return out


class WordList:
    """The words of each indexed page, gathered as pages are finished; written once per build."""

    def __init__(self) -> None:
        self._pages: dict[str, frozenset[str]] = {}

    def add(self, page: str, text: str) -> None:
        """A page's words, from its text: the text runs of its HTML (read by an HTML parser, character
        references resolved), tags read as spaces."""
        self._pages[page] = frozenset(sys.intern(w) for w in _WORD.findall(text.lower()))

    def gathered(self) -> dict[str, frozenset[str]]:
        """The words gathered so far, by page (for a build that finishes its pages in two processes)."""
        return dict(self._pages)

    def include(self, gathered: dict[str, frozenset[str]]) -> None:
        """Words another process gathered from other pages."""
        self._pages.update(gathered)

    def words(self) -> list[str]:
        """Every word, on the most pages first (then alphabetical: the build is deterministic)."""
        counts: dict[str, int] = {}
        for words in self._pages.values():
            for word in words:
                counts[word] = counts.get(word, 0) + 1
        return sorted(counts, key=lambda w: (-counts[w], w))[:WORD_LIST_LIMIT]

    def write(self, site_dir: Path) -> Path:
        path = site_dir / WORD_LIST
        path.write_text(json.dumps(self.words(), separators=(",", ":")), encoding="utf-8")
        return path
