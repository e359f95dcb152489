"""What every view needs: escaping, links to records, quotes, labels for our own words."""
from __future__ import annotations

from dataclasses import dataclass, field

from gpia.model.backlinks import backlinks
from gpia.pages.export import JSON_PATH
from gpia.views.html import Abbreviations, esc
from gpia.model.mentions import MentionLinker
from gpia.model.records import KnowledgeBase, Quote
from gpia.pages.search import SearchMarks
from gpia.model.sic import SicMarker
from gpia.model.kinds import label
from gpia.model.urls import kind_of, url_of


# "Referenced by" names this many records, then says how many more there are.
BACKLINKS_SHOWN = 25


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
    edit_base: str | None = None  # mkdocs.yml `extra: edit_base:`, e.g. https://github.com/ORG/REPO/edit/main/
    search: SearchMarks | None = None  # what Pagefind indexes of each finished page

    @classmethod
    def for_knowledge_base(cls, kb: KnowledgeBase, edit_base: str | None = None) -> BuildViews:
        return cls(kb, abbreviations_for(kb), MentionLinker(kb), backlinks(kb), SicMarker(kb),
                   checked_edit_base(edit_base), SearchMarks(kb))

    def view(self, base: str = "") -> View:
        return View(self, base)


@dataclass(frozen=True)
class View:
    """Views for one page: the build's shared state plus the way back to the site root."""

    shared: BuildViews = field(repr=False)
    base: str = ""  # from the current page back to the site root, e.g. "../"

    @property
    def kb(self) -> KnowledgeBase:
        return self.shared.kb

    def text(self, value: str, *, mentions: bool = True) -> str:
        """Data text as safe HTML, with [sic] on the sources' slips and links on clause/schedule
        mentions. (Abbreviation tooltips are added to each finished page, `Abbreviations.in_html`, like
        those of hand-written pages.)"""
        escaped = self.shared.sic(esc(value))
        if mentions:
            escaped = self.shared.mentions(escaped, lambda record, words: f'<a href="{esc(self.href(record))}">{words}</a>')
        return escaped

    def referenced_by(self, record_id: str) -> str:
        """'Referenced by' links for a record, or nothing when no record points at it."""
        origins = self.shared.backlinks.get(record_id, ())
        if not origins:
            return ""
        # Boilerplate around records (backlinks, provenance, review dates, permalinks) carries
        # data-pagefind-ignore: Material leaves it out of search_index.json, which every reader downloads.
        shown = self.links(list(origins[:BACKLINKS_SHOWN]))
        more = len(origins) - BACKLINKS_SHOWN
        if more > 0:  # bounded, so a page does not grow with the records that point at it
            shown += (f' and {more} more (every one is listed under <code>referenced_by</code> in '
                      f'<a href="{esc(self.base + JSON_PATH)}">the data download</a>)')
        return f'<p class="gpia-backlinks" data-pagefind-ignore>Referenced by: {shown}</p>'

    def href(self, record_id: str) -> str:
        return self.base + url_of(self.kb, record_id)

    def label(self, record_id: str) -> str:
        return label(self.kb, record_id)  # each kind's label is declared in the registry of kinds

    def link(self, record_id: str, text: str | None = None) -> str:
        return f'<a href="{esc(self.href(record_id))}">{self.text(text or self.label(record_id), mentions=False)}</a>'

    def links(self, record_ids: tuple[str, ...] | list[str]) -> str:
        return ", ".join(self.link(i) for i in record_ids)

    def source_name(self, source_id: str) -> str:
        s = self.kb.sources[source_id]
        return f"{s.title} ({s.publisher}, {s.published})"

    def quote(self, q: Quote) -> str:
        where = [f"<cite>{self.link(q.source, self.source_name(q.source))}</cite>", f"“{self.text(q.section)}”"]
        if q.row:
            where.append(f"row {esc(q.row)}")
        if q.faq:
            where.append(self.link(q.faq, "see the FAQ"))
        # A quote of a printed table row or of an FAQ answer repeats a record whose words are indexed
        # for search on its own page (the row's, the FAQ section's): this copy is left out.
        copy = " data-pagefind-ignore" if q.row or q.faq else ""
        return (f'<figure class="gpia-quote"{copy}><blockquote><p>{self.text(q.text)}</p></blockquote>'
                f'<figcaption data-pagefind-ignore><span class="gpia-label">Source wording</span> — {", ".join(where)}</figcaption></figure>')

    def quotes(self, items: tuple[Quote, ...]) -> str:
        return "".join(self.quote(q) for q in items)

    def ours(self, body_html: str, title: str = "Our explanation", rests_on: tuple[str, ...] = ()) -> str:
        """Our words in their labelled box, with the source passages they rest on beside them."""
        return ours(body_html + self.resting_on(rests_on), title)

    def resting_on(self, record_ids: tuple[str, ...]) -> str:
        """The source wording that a claim of ours rests on, quoted, each linked to its record."""
        if not record_ids:
            return ""
        quoted = []
        for record_id in record_ids:
            words = self.source_words(record_id)
            quoted.append(f'<li><blockquote class="gpia-verbatim"><p>{self.text(words, mentions=False)}</p></blockquote>'
                          f'<span class="gpia-meta">{self.link(record_id, self.where_printed(record_id))}</span></li>')
        # Copies of wording indexed on its own records' pages.
        return (f'<div class="gpia-rests-on" data-pagefind-ignore><p class="gpia-label">What the source says '
                f'(<span class="gpia-nhs">NHS wording</span>)</p><ul>{"".join(quoted)}</ul></div>')

    def cite(self, record_id: str) -> str:
        """Attributes that give a record its "Copy citation" and "Copy link" buttons (docs/assets/gpia.js
        adds them; without the script the permalink still works). The citation names the document,
        section, row or question; the script appends the record's permanent link."""
        return (f' data-gpia-cite="{esc(self.citation(record_id))}" data-gpia-anchor="{esc(record_id)}"'
                f' data-gpia-what="{esc(self.label(record_id))}"')

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
        q = kb.questions[record_id]
        return " ".join([q.question] + [b.text or " ".join(b.items) for b in q.answer if b.kind != "table"])

    def where_printed(self, record_id: str) -> str:
        kb = self.kb
        if kind_of(kb, record_id) == "passage":
            document = kb.documents[kb.passages[record_id].document]
            return f"{kb.sources[document.source].title}, in the whole text"
        return self.label(record_id)

    def reviewed(self, date: str, path: str) -> str:
        """The record's review date and the YAML file it comes from, linked for editing when edit_base is set."""
        return reviewed(date, path, self.shared.edit_base)

    def data_files(self, paths: list[str]) -> str:
        """For pages that combine many records: the YAML files the page is built from, once."""
        edit_base = self.shared.edit_base
        if not edit_base:
            return f'<p class="gpia-reviewed" data-pagefind-ignore>Data: {", ".join(f"<code>{esc(p)}</code>" for p in paths)}</p>'
        links = ", ".join(f'<a class="gpia-edit" href="{esc(edit_base + p)}"><code>{esc(p)}</code></a>' for p in paths)
        return f'<p class="gpia-reviewed" data-pagefind-ignore>Edit this data: {links}</p>'


def ours(body_html: str, title: str = "Our explanation") -> str:
    """A box for the project's own words, labelled so nobody takes it for NHS text."""
    return (f'<div class="admonition info gpia-ours"><p class="admonition-title">{esc(title)} '
            f'<span class="gpia-not-nhs">(not NHS wording)</span></p>{body_html}</div>')


def reviewed(date: str, path: str, edit_base: str | None = None) -> str:
    return f'<p class="gpia-reviewed" data-pagefind-ignore>Last reviewed {esc(date)} · {data_file(path, edit_base)}</p>'


def data_file(path: str, edit_base: str | None) -> str:
    """The YAML file behind a record: an "Edit this data" link when the site knows where the repository is.

    A plain link, not Material's repo_url (which makes readers' browsers call the GitHub API)."""
    if not edit_base:
        return f"data: <code>{esc(path)}</code>"
    return f'<a class="gpia-edit" href="{esc(edit_base + path)}">Edit this data</a> (<code>{esc(path)}</code>)'


def checked_edit_base(value: object) -> str | None:
    """edit_base as a URL prefix ending in '/', or None; anything but an https:// URL is a config error."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not value.startswith("https://"):
        raise ValueError("edit_base (extra.edit_base in mkdocs.yml, or GPIA_EDIT_BASE) must be an https:// URL "
                         f"such as https://github.com/ORG/REPO/edit/main/, not {value!r}")
    return value if value.endswith("/") else value + "/"


def permalink(record_id: str, what: str) -> str:
    return (f'<a class="gpia-permalink" data-pagefind-ignore href="#{esc(record_id)}" '
            f'aria-label="Permanent link to {esc(what)}">¶</a>')
