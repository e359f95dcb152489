"""What Pagefind indexes and how readers can narrow it: attributes added to each finished page.

Pagefind (run after the build, `write_index`) reads a page's HTML, not our data, so everything it
needs is written into the page here, in one pass over the finished HTML (the MkDocs plugin, gpia_mkdocs/plugin.py):

- `data-pagefind-body` on the main content of the pages readers search; pages whose front matter
  says `search: {exclude: true}` (the later pages of lists, this site's notes on search) get none,
  and Pagefind then leaves them out.
- `data-pagefind-ignore` wherever a view marked a copy or boilerplate with `data-search-exclude`
  (the one mechanism the views use), and on the permalink glyphs, so each record's text is indexed
  once, on its own page.
- filters, from the data: the document version (kb.versions, via the record's version or its
  source), the kind of page, whether it quotes NHS wording, and its audience (contributor pages are
  left out of results unless a reader asks for them).
- vocabulary from the glossary: the expansion of each abbreviation the page uses and the
  abbreviation of each term it spells out, as hidden words of low weight, so `MDT` finds
  "multidisciplinary team" and the other way round.
"""
from __future__ import annotations

import functools
import html
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from gpia.model.phrases import compile_nested, trie_alternation
from gpia.model.records import KnowledgeBase
from gpia.pages.search_order import put_in_order
from gpia.pages.search_words import WordList, page_words_html
from gpia.pages.site_folder import SEARCH_COPIES_PREFIX
from gpia.sitemap import NHS_WORDING_PAGES, SEARCH_LABELS
from gpia.views.html import Abbreviations, splice
from gpia.views.html_tokens import Tag, Text, element, tokens
from gpia.views.templating import markup, render

# What the results call each kind of page, from the site map (which has it from the registry of kinds).
KIND_LABELS = SEARCH_LABELS
GUIDE_PAGE = "Guide page"
# Hand-written pages for people who edit or reuse the data rather than read the guidance.
CONTRIBUTOR_PAGES = frozenset({"contributing.md", "data.md", "about-search.md"})
# Kinds of page whose text is mostly the sources' own wording, quoted.
NHS_WORDING_KINDS = NHS_WORDING_PAGES

# The element of a Material page that holds its content: what Pagefind indexes.
CONTENT_ELEMENT = ("article", "md-content__inner md-typeset")
# Its start tag as the theme writes it (an engine that writes it otherwise has the whole page read).
CONTENT_START = f'<{CONTENT_ELEMENT[0]} class="{CONTENT_ELEMENT[1]}">'
# Where a view marked a copy or boilerplate to leave out of the index (one mechanism for all views).
_EXCLUDE = "data-search-exclude"


def is_indexed(meta: dict) -> bool:
    """Whether search indexes a page, from its front matter: all but those that say `search: {exclude: true}`."""
    search = meta.get("search") or {}
    return not (isinstance(search, dict) and search.get("exclude"))


def _words(markup: str, found: list[Tag | Text], pieces: dict[int, tuple[str, ...]] | None = None) -> str:
    """The text of some HTML (read into `found`), its tags read as spaces; a run of text that `pieces`
    holds (by its start) is read as those pieces, as if tags parted them."""
    pieces = pieces or {}
    return " ".join(html.unescape(" ".join(
        piece for t in found if isinstance(t, Text)
        for piece in pieces.get(t.start, (markup[t.start:t.end],)))).split())


@dataclass(frozen=True)
class PageFilters:
    kind: str
    versions: tuple[str, ...]
    nhs_wording: bool
    audience: str  # readers | contributors


class SearchMarks:
    """Built once per build from the knowledge base; `page_html` is applied to each page."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.words = WordList()  # the words of the indexed pages, for "Did you mean" (search_words.py)
        self._version_of_source = {v.source: v.label for v in kb.versions.values()}
        terms = [t for t in kb.terms.values() if t.abbreviation]
        self._abbreviation_of = {t.term.lower(): t.abbreviation for t in terms}
        # One expression for every spelled-out term, longest first, factored by shared starts (so
        # its cost does not grow with the number of terms); built once per build.
        names = trie_alternation([re.escape(c) for c in n] for n in self._abbreviation_of)
        self._terms = compile_nested(r"\b(" + names + r")\b", re.IGNORECASE) if names else None

    def filters(self, spec: dict | None, src_uri: str) -> PageFilters:
        kb = self.kb
        if not spec or "record" not in spec:
            audience = "contributors" if src_uri in CONTRIBUTOR_PAGES else "readers"
            return PageFilters(GUIDE_PAGE, (), False, audience)
        kind, record_id = str(spec["record"]), str(spec["id"])
        return PageFilters(KIND_LABELS.get(kind, kind.replace("-", " ").capitalize()), self._versions(kind, record_id),
                           kind in NHS_WORDING_KINDS, "readers")

    def _versions(self, kind: str, record_id: str) -> tuple[str, ...]:
        kb = self.kb
        labels: list[str] = []
        if kind == "area" and record_id in kb.areas:
            labels.append(kb.versions[kb.areas[record_id].version].label)
        elif kind == "clause" and record_id in kb.clauses:
            labels.append(kb.versions[kb.clauses[record_id].template].label)
        elif kind == "document" and record_id in kb.documents:
            labels.append(self._version_of_source.get(kb.documents[record_id].source, ""))
        elif kind == "faq-section" and record_id in kb.faq_sections:
            labels.append(self._version_of_source.get(kb.faq_sections[record_id].source, ""))
        elif kind == "compare-group":
            labels += [v.label for v in kb.versions.values()]
        return tuple(sorted({label for label in labels if label}))

    def vocabulary(self, content: str) -> list[str]:
        """Words a reader may type for what this page says: expansions of its abbreviations, and
        abbreviations of the terms it spells out."""
        return self._vocabulary(content, tokens(content))

    def _vocabulary(self, markup: str, read: list[Tag | Text], given: tuple[str, ...] = (),
                    text: str | None = None) -> list[str]:
        """The vocabulary of `read` (tokens of `markup`): the titles of its abbreviations and those
        `given` (tooltips about to be added), and the abbreviations of the terms its text (`text`, or
        read from `read`) spells out."""
        found = {t.attr("title") or "" for t in read
                 if isinstance(t, Tag) and t.name == "abbr" and not t.closing and t.has("title")}
        found |= set(given)
        if self._terms is not None:
            words = _words(markup, read) if text is None else text
            found |= {self._abbreviation_of[m.lower()] for m in self._terms.findall(words)}
        return sorted(found)

    def page_html(self, output: str, spec: dict | None, src_uri: str, indexed: bool,
                  readers_words: tuple[str, ...] = (), abbr: Abbreviations | None = None) -> str:
        """The page with the glossary's tooltips in its content (`abbr`, gpia.views.html) and what
        Pagefind reads written into it, both found in one reading of the page by an HTML parser
        (gpia.views.html_tokens): every other byte of the page stays as it was."""
        return self.finished(output, spec, src_uri, indexed, readers_words, abbr)[0]

    def finished(self, output: str, spec: dict | None, src_uri: str, indexed: bool,
                 readers_words: tuple[str, ...] = (), abbr: Abbreviations | None = None) -> tuple[str, str]:
        """The page as `page_html` gives it, and its search copy: all that Pagefind reads of it (its
        <html> start tag and its indexed content, the rest of the page left out; SearchCopies), or ""
        for a page Pagefind leaves out (no content marked for it)."""
        # Only the content is read: the theme's head, header and navigation before it (two-thirds of
        # a page, and of the build's time at ×100 when the whole page was read) hold nothing to mark.
        read = tokens(output, max(output.find(CONTENT_START), 0))
        article = element(read, *CONTENT_ELEMENT)
        inside = read[article[0] + 1:article[1]] if article is not None else []
        runs = abbr.marked_runs(output, inside) if abbr is not None else []
        edits: list[tuple[int, int, str]] = [(run.start, run.end, run.marked) for run in runs]
        for t in read:
            if not isinstance(t, Tag) or t.closing:
                continue
            if t.has(_EXCLUDE):
                edits.append((t.start, t.end, _retagged(output, t)))
            elif t.name == "a" and t.attr("class") == "headerlink":
                edits.append((t.start, t.end, _retagged(output, t, ignore=True)))
        if indexed and article is not None:
            opening, closing = read[article[0]], read[article[1]]
            f = self.filters(spec, src_uri)
            meta = [("kind", f.kind), ("audience", f.audience)] + [("version", v) for v in f.versions]
            if f.nhs_wording:
                meta.append(("wording", "NHS wording"))
            # The content's text as it reads with the tooltips in place (their tags part it).
            text = _words(output, inside, {run.start: run.pieces for run in runs})
            given = tuple(title for run in runs for title in run.titles)
            marks = str(render("search-marks.html", filters=meta, kind=f.kind,
                               vocabulary=" ".join(self._vocabulary(output, inside, given, text))))
            # The record's readers' words and names (gpia.pages.search_words), and the page's words
            # for "Did you mean" (readers' pages only: contributor pages are not in their results).
            words = page_words_html(self.kb, spec, readers_words)
            if f.audience == "readers":
                self.words.add(src_uri, text + " " + _words(words, tokens(words)))
            edits.append((opening.start, opening.end, str(render("search-body.html"))))
            edits.append((closing.start, closing.start, marks + words))
        edits.sort(key=lambda e: (e[0], e[1]))
        page = splice(output, edits)
        if not indexed or article is None:
            return page, ""
        start, end = _moved(read[article[0]].start, edits), _moved(read[article[1]].end, edits)
        return page, search_copy(_html_start_tag(output, read[article[0]].start), page[start:end])


def _retagged(page: str, tag: Tag, ignore: bool = False) -> str:
    """A start tag with data-pagefind-ignore: in place of the views' data-search-exclude, or added
    after the headerlink class (the permalink glyphs), every other byte as written. A page built by
    another engine from the written tree (gpia.pages.write) carries the views' mark as they wrote it,
    so it is turned into Pagefind's the same way."""
    text = page[tag.start:tag.end]
    if ignore:
        return text.replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore', 1)
    return text.replace(_EXCLUDE, "data-pagefind-ignore", 1)


_INDEX = "pagefind"  # the index's folder in the site


def _moved(position: int, edits: list[tuple[int, int, str]]) -> int:
    """Where a position of a page (one no edit starts or ends inside of) is once `edits` are made."""
    return position + sum(len(text) - (end - start) for start, end, text in edits if end <= position)


def _html_start_tag(page: str, content_start: int) -> str:
    """The page's html start tag as written (its `lang` names the index's language), or "" if it has
    none. It is the first tag after the doctype, and the pages of a build begin alike, so it is read
    once per beginning (the first _BEGINNING characters) rather than once per page; a page whose
    beginning holds no whole html tag is read up to its content."""
    found = _html_tag_in(page[:min(content_start, _BEGINNING)])
    return found if found is not None else (_html_tag_in.__wrapped__(page[:content_start]) or "")


_BEGINNING = 256


@functools.lru_cache(maxsize=64)
def _html_tag_in(start: str) -> str | None:
    for t in tokens(start):
        if isinstance(t, Tag) and t.name == "html" and not t.closing:
            return start[t.start:t.end]
    return None


def search_copy(html_start_tag: str, content: str) -> str:
    """A page as Pagefind needs to read it: the same index comes of it as of the whole page (a build's
    index is compared with one of its whole pages in tests/test_search_copies.py)."""
    return str(render("search-copy.html", html_tag=markup(html_start_tag), content=markup(content)))


class SearchCopies:
    """The search copy of each indexed page of a build, written as the page is (by whichever process
    builds it) into a hidden folder of the site, under the page's own path; the index is then made from
    the copies rather than the site, and the folder deleted. Pagefind's time follows the bytes it
    reads, and the theme's header, navigation and footer are most of a page: at ×10 a fifth of the
    bytes, and 1.6 s in place of 3.5 s, with the same index. The folder is in the site's own folder
    because Pagefind reads a folder in the order the file system lists it, and the index depends on
    that order: on the site's file system the copies are listed as the pages are (a file system in
    memory would list them in the order the two processes happened to write them)."""

    def __init__(self, site_dir: Path) -> None:
        site_dir.mkdir(parents=True, exist_ok=True)
        self.site_dir = site_dir
        self.folder = Path(tempfile.mkdtemp(prefix=SEARCH_COPIES_PREFIX, dir=site_dir))
        self._indexing: subprocess.Popen[str] | None = None  # Pagefind, once every copy is written

    def add(self, path: str, copy: str) -> None:
        """Keep the copy of the page at `path` (relative to the site, e.g. "glossary/term-x/index.html")."""
        if copy:
            target = self.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(copy, encoding="utf-8")

    def all_written(self) -> None:
        """Every copy is written, while the build still writes the pages search leaves out (the printed
        guide's parts, the lists' later pages: the plugin builds them last): Pagefind starts on the
        copies now, beside them, rather than once they are written too. The index is the same."""
        if self._indexing is None:
            self._indexing = start_index(self.site_dir / _INDEX, self.folder)

    def write_index(self) -> None:
        """Pagefind's index of the copies, in the site's pagefind/ (write_index), started now unless
        `all_written` started it; the copies are deleted."""
        try:
            self.all_written()
            indexing, self._indexing = self._indexing, None
            finish_index(indexing, self.site_dir / _INDEX)  # type: ignore[arg-type]
        finally:
            self.discard()

    def discard(self) -> None:
        """The copies deleted, and Pagefind stopped if it is still reading them (the build failed)."""
        if self._indexing is not None:
            self._indexing.kill()
            self._indexing.wait()
            self._indexing = None
        shutil.rmtree(self.folder, ignore_errors=True)


def write_index(site_dir: Path, output: Path | None = None) -> None:
    """Pagefind's index of the built site, in site_dir/pagefind/ (or `output`): its search script,
    styles and the index fragments a browser fetches as a reader types; nothing is fetched from elsewhere.
    (A build indexes its pages' search copies instead: SearchCopies.) Pagefind writes its filters in an order of its own that changes from run to run, so they are then
    put in one order (gpia.pages.search_order): the same site gives the same index."""
    output = output if output is not None else site_dir / _INDEX
    finish_index(start_index(output, site_dir), output)


def start_index(output: Path, read: Path) -> subprocess.Popen[str]:
    """Pagefind started on the pages in `read`, writing its index in `output` (finish_index waits for it)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(read), "--output-path", str(output), "--silent"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_index(indexing: subprocess.Popen[str], output: Path) -> None:
    """Once Pagefind (start_index) has written the index in `output`: its filters put in one order."""
    stdout, stderr = indexing.communicate()
    if indexing.returncode:
        raise RuntimeError(f"pagefind failed:\n{stdout}\n{stderr}")
    put_in_order(output)


# `mkdocs serve`: each rebuild's index is written while browsers already show the rebuilt pages.
# The previous index is kept under a hidden name while the site folder is emptied (MkDocs leaves
# hidden entries), and served until the new one is in place.
_indexing: threading.Thread | None = None
_NEXT, _PREVIOUS = ".pagefind-next", ".pagefind-previous"


def keep_index(site_dir: Path) -> None:
    """Before a rebuild empties `site_dir`: wait for the index being written, and set it aside."""
    wait_for_index()
    shutil.rmtree(site_dir / _PREVIOUS, ignore_errors=True)
    if (site_dir / _INDEX).is_dir():
        (site_dir / _INDEX).rename(site_dir / _PREVIOUS)


def write_index_soon(site_dir: Path) -> None:
    """After a rebuild: put the index set aside back at once, and write the new one in the
    background, then swap it in (two renames, so a search meanwhile reads one index whole). The
    first build has no index to put back, so its index is written before the site is served. It
    reads the built site, not search copies: writing a copy of each page would hold up the rebuild
    that the reader waits for (about a tenth of a second at ×1), to speed up only this background work."""
    global _indexing
    previous = site_dir / _PREVIOUS
    if not previous.is_dir():
        write_index(site_dir)
        return
    previous.rename(site_dir / _INDEX)

    def index() -> None:
        built, target = site_dir / _NEXT, site_dir / _INDEX
        shutil.rmtree(built, ignore_errors=True)
        try:
            write_index(site_dir, built)
        except RuntimeError as error:
            print(f"The search index was not updated: {error}", file=sys.stderr)
            return
        target.rename(previous)
        built.rename(target)
        shutil.rmtree(previous, ignore_errors=True)

    _indexing = threading.Thread(target=index, name="pagefind", daemon=True)
    _indexing.start()


def wait_for_index() -> None:
    """Until the index being written in the background (if any) is in place."""
    if _indexing is not None:
        _indexing.join()
