"""What every view needs: escaping, links to records, quotes, labels for our own words.

Every helper here that returns HTML returns it as `Markup` (from its template in templates/), so a
template prints it as it is and escapes everything else. Beware `Markup + str`: it escapes the str.
Join HTML with f-strings or `"".join` (which give a plain str of HTML), or pass it to a template.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from gpia.model.backlinks import backlinks
from gpia.views.html import Abbreviations, esc
from gpia.model.mentions import MentionLinker
from gpia.model.records import KnowledgeBase, Quote
from gpia.views.sic import SicMarker
from gpia.model.kinds import answer_block, answer_questions, label
from gpia.model.urls import kind_of, url_of
from gpia.sitemap import KNOWLEDGE_BASE_JSON
from gpia.views.templating import markup, render


# "Referenced by" names this many records, then says how many more there are.
BACKLINKS_SHOWN = 25
# The most bytes of Markdown a page that shows part of a whole document holds (the printed guide's
# parts, the whole documents compared: gpia.views.split). Its HTML is larger (the tables of contents,
# the tooltips, the search marks and the page template): at ×100 with 768 KB of Markdown a printed
# part's page weighed at most 1.2 MB (1.6 times its Markdown). At 512 KB no such page nears 2 MB
# however large the corpus grows (`make bench` weighs every page).
PAGE_BYTES = 512 * 1024


def abbreviations_for(kb: KnowledgeBase) -> Abbreviations:
    return Abbreviations({t.abbreviation: t.term for t in kb.terms.values() if t.abbreviation and t.tooltip})


@dataclass(frozen=True)
class BuildViews:
    """What views share across a whole build: computed once, not per page."""

    kb: KnowledgeBase
    abbr: Abbreviations
    mentions: MentionLinker
    backlinks: dict[str, tuple[str, ...]]
    sic: SicMarker
    edit_base: str | None = None  # mkdocs.yml's gpia plugin `edit_base:`, e.g. https://github.com/ORG/REPO/edit/main/
    # What Pagefind indexes of each finished page (gpia.pages.search.SearchMarks), given by the pages
    # layer that builds the site; the views never read it.
    search: Any = None
    # The size in bytes of a download by its site path (gpia.sitemap), given by the pages layer that
    # writes the downloads (gpia.pages.build_views), for the views that print one.
    download_size: Callable[[str], int] | None = None
    site_url: str | None = None  # mkdocs.yml `site_url` (or GPIA_SITE_URL): the downloads' links start with it
    page_bytes: int = PAGE_BYTES  # see PAGE_BYTES (GPIA_PAGE_BYTES sets another, to split a small corpus)

    @classmethod
    def for_knowledge_base(cls, kb: KnowledgeBase, edit_base: str | None = None, search: Any = None,
                           download_size: Callable[[str], int] | None = None,
                           site_url: str | None = None, page_bytes: int | None = None) -> BuildViews:
        return cls(kb, abbreviations_for(kb), MentionLinker(kb), backlinks(kb), SicMarker(kb),
                   checked_edit_base(edit_base), search, download_size, checked_site_url(site_url),
                   page_bytes or PAGE_BYTES)

    def view(self, base: str = "") -> View:
        return View(self, base)


@dataclass(frozen=True)
class View:
    """Views for one page: the build's shared state plus the way back to the site root."""

    shared: BuildViews = field(repr=False)
    base: str = ""  # from the current page back to the site root, e.g. "../"
    # The source wording this page has shown so far: record id -> the anchor where it is. A passage a
    # page quotes a second time is referred back to instead (each quotation once per page).
    quoted: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    quoted_texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)  # wording -> anchor
    expanded: bool = False  # disclosures open (/print/): the source wording and indicators shown as on paper

    @property
    def kb(self) -> KnowledgeBase:
        return self.shared.kb

    def download_size(self, path: str) -> int:
        """The size in bytes of the download at `path`, as the pages layer writes it."""
        if self.shared.download_size is None:
            raise RuntimeError(f"the size of {path} is known only to the build: make the views with "
                               "gpia.pages.build_views.build_views")
        return self.shared.download_size(path)

    def text(self, value: str, *, mentions: bool = True) -> Markup:
        """Data text as safe HTML, with [sic] on the sources' slips and links on clause/schedule
        mentions. (Abbreviation tooltips are added to each finished page, `Abbreviations.in_html`, like
        those of hand-written pages.)"""
        escaped = self.shared.sic(esc(value))
        if mentions:
            escaped = self.shared.mentions(escaped, lambda record, words: render("link.html", href=self.href(record),
                                                                                text=markup(words)))
        return markup(escaped)

    def referenced_by(self, record_id: str) -> Markup:
        """'Referenced by' links for a record, or nothing when no record points at it."""
        origins = self.shared.backlinks.get(record_id, ())
        if not origins:
            return Markup()
        # Bounded, so a page does not grow with the records that point at it.
        return render("referenced-by.html", links=self.links(list(origins[:BACKLINKS_SHOWN])),
                      more=len(origins) - BACKLINKS_SHOWN, download=self.base + KNOWLEDGE_BASE_JSON)

    def href(self, record_id: str) -> str:
        return self.base + url_of(self.kb, record_id)

    def label(self, record_id: str) -> str:
        return label(self.kb, record_id)  # each kind's label is declared in the registry of kinds

    def link(self, record_id: str, text: str | None = None) -> Markup:
        return render("link.html", href=self.href(record_id), text=self.text(text or self.label(record_id), mentions=False))

    def links(self, record_ids: tuple[str, ...] | list[str]) -> Markup:
        return Markup(", ").join(self.link(i) for i in record_ids)

    def source_name(self, source_id: str) -> str:
        s = self.kb.sources[source_id]
        return f"{s.title} ({s.publisher}, {s.published})"

    def quote(self, q: Quote) -> Markup:
        """A quotation of the sources, or, when this page already quotes wording that holds it, a
        reference back to that quotation (each quotation once per page)."""
        source = self.link(q.source, self.source_name(q.source))
        faq = self.link(q.faq, "see the FAQ") if q.faq else None
        above = self.quoted_already(q.text)
        if above:
            return render("quote.html", above=above, source=source, section=self.text(q.section), row=q.row, faq=faq,
                          text="", anchor="")
        anchor = self.quoting(q.text)
        return render("quote.html", text=self.text(q.text), source=source, section=self.text(q.section), row=q.row,
                      faq=faq, anchor=anchor, above="")

    def eliding_quoted(self, words: str, own_anchor: str) -> Markup:
        """`words` as HTML, with the longest part of them that this page already quotes (ELIDED_WORDS
        or more) left out, marked “[…]” and linked to that quotation."""
        flat = " ".join(words.split())
        inside = [(text, anchor) for text, anchor in self.quoted_texts.items()
                  if anchor != own_anchor and len(text.split()) >= ELIDED_WORDS and text in flat]
        if not inside:
            return self.text(words, mentions=False)
        text, anchor = max(inside, key=lambda found: len(found[0]))
        before, _, after = flat.partition(text)
        return render("elided.html", before=self.text(before, mentions=False), after=self.text(after, mentions=False),
                      above=anchor)

    def quoted_already(self, words: str) -> str:
        """The anchor of a quotation on this page of the same wording, or of wording that holds `words`
        when they are REFERRED_WORDS or more, or ""."""
        wanted = " ".join(words.split())
        if len(wanted.split()) < REFERRED_WORDS:
            return self.quoted_texts.get(wanted, "")
        return next((anchor for text, anchor in self.quoted_texts.items() if wanted in text), "")

    def quoting(self, words: str, anchor: str = "") -> str:
        """Note that this page quotes `words` at `anchor` (a new anchor if none is given); returns the anchor."""
        anchor = anchor or f"{QUOTED_ANCHOR_PREFIX}{len(self.quoted_texts) + 1}"
        self.quoted_texts.setdefault(" ".join(words.split()), anchor)
        return anchor

    def quotes(self, items: tuple[Quote, ...]) -> Markup:
        return Markup().join(self.quote(q) for q in items)

    def ours(self, body_html: str, title: str = "Our explanation", rests_on: tuple[str, ...] = ()) -> Markup:
        """Our words in their labelled box, with the source passages they rest on beside them.
        `body_html` is HTML the view built (View.text and templates), never data."""
        return ours(markup(body_html) + self.resting_on(rests_on), title)

    def ours_text(self, value: str, title: str = "Our explanation", rests_on: tuple[str, ...] = ()) -> Markup:
        """`View.ours` of one paragraph of data text (ours: the project's own words)."""
        return self.ours(render("paragraph.html", text=self.text(value)), title, rests_on)

    def resting_on(self, record_ids: tuple[str, ...]) -> Markup:
        """The source wording that a claim of ours rests on, each linked to its record: the passage
        (paragraph, list, row) quoted the first time this page shows it, then referred back to. An
        answer's paragraph links to the whole answer, which only its FAQ page quotes in full; a whole
        question is named, not quoted."""
        if not record_ids:
            return Markup()
        passages = []
        for i in record_ids:
            kind = kind_of(self.kb, i)
            # On the page, an answer's paragraph or a question links to the whole answer.
            more = {"answer": " (read the whole answer)", "question": " (read the answer)"}.get(kind, "")
            link = self.link(i, self.where_printed(i) + more)
            if kind == "question":
                passages.append(QuotedPassage(link=link, question=self.text(self.kb.questions[i].question, mentions=False)))
                continue
            words = self.source_words(i)
            above = self.quoted.get(i) or self.quoted_already(words)
            if above:
                passages.append(QuotedPassage(link=link, above=above))
            else:
                anchor = self.quoted[i] = self.quoting(words, QUOTED_ANCHOR_PREFIX + i)
                passages.append(QuotedPassage(link=link, words=self.eliding_quoted(words, anchor), anchor=anchor))
        return render("rests-on.html", passages=passages, expanded=self.expanded)

    def shown(self, record_id: str, anchor: str, words: str) -> None:
        """Record that this page shows a passage's `words` at `anchor` (an FAQ answer's paragraph on its
        section's page), so later references to it on the page point there rather than quote it again."""
        self.quoted.setdefault(record_id, anchor)
        self.quoting(words, anchor)

    def cite(self, record_id: str) -> Markup:
        """Attributes that give a record its "Copy citation" and "Copy link" buttons (docs/assets/gpia.js
        adds them; without the script the permalink still works). The citation names the document,
        section, row or question; the script appends the record's permanent link."""
        return render("cite.html", citation=self.citation(record_id), anchor=record_id, what=self.label(record_id))

    def citation(self, record_id: str) -> str:
        kb = self.kb
        kind = kind_of(kb, record_id)
        if kind in ("requirement", "area"):
            area = kb.areas[kb.requirements[record_id].area if kind == "requirement" else record_id]
            table = kb.tables[area.table]
            where = f"{self.source_name(table.source)}, “{table.section}”, row {area.row.rstrip('.')} ({area.title})"
            return where + (f", bullet {kb.requirements[record_id].bullet}" if kind == "requirement" else "")
        if kind == "question":
            q = kb.questions[record_id]
            s = kb.faq_sections[q.section]
            return f"{self.source_name(s.source)}, section {s.number} {s.title}, question “{q.question}”"
        if kind == "passage":
            p = kb.passages[record_id]
            words = (p.text or "").split()
            start = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
            return f"{self.source_name(kb.documents[p.document].source)}, the passage “{start}”"
        if kind == "clause":
            c = kb.clauses[record_id]
            version = kb.versions[c.template]
            return f"Clause {c.number} of the {version.agreement} ({version.label}), as cited in {self.source_name(version.source)}"
        return f"GP Integration Agreement guide, “{self.label(record_id)}” (the guide's own words, not NHS wording)"

    def source_words(self, record_id: str) -> str:
        kb = self.kb
        kind = kind_of(kb, record_id)
        if kind == "passage":
            return kb.passages[record_id].text or ""
        if kind == "requirement":
            return kb.requirements[record_id].text
        if kind == "area":
            return kb.areas[record_id].title
        if kind == "table":
            return kb.tables[record_id].column_heading
        if kind == "faq-section":
            return kb.faq_sections[record_id].title
        if kind == "answer":
            block = answer_block(kb, record_id)
            return block.text or " ".join(block.items)
        q = kb.questions[record_id]
        return " ".join([q.question] + [b.text or " ".join(b.items) for b in q.answer if b.kind != "table"])

    def where_printed(self, record_id: str) -> str:
        kb = self.kb
        kind = kind_of(kb, record_id)
        if kind == "passage":
            document = kb.documents[kb.passages[record_id].document]
            return f"{kb.sources[document.source].title}, in the whole text"
        if kind == "answer":
            q = kb.questions[answer_questions(kb)[record_id]]
            return f"From the FAQ answer to “{q.question}”"
        if kind == "question":
            return f"FAQ: “{self.label(record_id)}”"
        return self.label(record_id)

    def reviewed(self, date: str, path: str) -> Markup:
        """The record's review date and the YAML file it comes from, linked for editing when edit_base is set."""
        return reviewed(date, path, self.shared.edit_base)

    def data_files(self, paths: list[str]) -> Markup:
        """For pages that combine many records: the YAML files the page is built from, once."""
        return render("data-files.html", paths=paths, edit_base=self.shared.edit_base or "")


# The anchor of a passage's first quotation on a page (the page's later references link to it).
QUOTED_ANCHOR_PREFIX = "quoted-"
# A quotation of wording the page already quotes (in the same words, or inside a longer passage) is
# a link to that quotation when it is at least this many words long: a short phrase may be quoted again.
REFERRED_WORDS = 12
# A passage that holds a quotation the page already shows, at least this long, leaves it out (“[…]”).
ELIDED_WORDS = 40


@dataclass(frozen=True)
class QuotedPassage:
    """One entry of the source wording a claim rests on (rests-on.html): its `words` quoted (at
    `anchor`), the `question` it names, or the anchor `above` where this page already quotes it."""

    link: Markup
    words: Markup | None = None
    anchor: str = ""
    question: Markup | None = None
    above: str = ""


def ours(body_html: str, title: str = "Our explanation", *, indexed: bool = True) -> Markup:
    """A box for the project's own words, labelled so nobody takes it for NHS text. `body_html` is
    HTML a view built (View.text and templates), never data. Not `indexed`: left out of search."""
    return render("ours.html", title=title, body=markup(body_html), unindexed=not indexed)


def reviewed(date: str, path: str, edit_base: str | None = None) -> Markup:
    return render("reviewed.html", date=date, file=data_file(path, edit_base))


def data_file(path: str, edit_base: str | None) -> Markup:
    """The YAML file behind a record: an "Edit this data" link when the site knows where the repository is."""
    return render("data-file.html", path=path, edit_base=edit_base or "")


def checked_edit_base(value: object) -> str | None:
    """edit_base as a URL prefix ending in '/', or None; anything but an https:// URL is a config error."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not value.startswith("https://"):
        raise ValueError("edit_base (the gpia plugin's option in mkdocs.yml, or GPIA_EDIT_BASE) must be an https:// URL "
                         f"such as https://github.com/ORG/REPO/edit/main/, not {value!r}")
    return value if value.endswith("/") else value + "/"


def checked_site_url(value: object) -> str | None:
    """The site's address ending in '/', or None; anything but an http(s):// URL is a config error."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise ValueError("site_url (in mkdocs.yml, or GPIA_SITE_URL) must be the site's address, such as "
                         f"https://example.github.io/gp-ia-guide/, not {value!r}")
    return value if value.endswith("/") else value + "/"


def permalink(record_id: str, what: str) -> Markup:
    return render("permalink.html", anchor=record_id, what=what)
