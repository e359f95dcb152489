"""The sentences that name the versions the guide covers, worded from the data (gpia.model.coverage).

Two kinds of use: the texts of every page's frame (the banner, the footer and the site's
description), which the build sets in the theme's config (`site_texts`, plain text that the theme's
templates escape); and the macros of the hand-written pages (gpia.pages.macros), which get the same
words as Markdown text. The words around the data are ours; no version is named here.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from gpia.compare.pairs import default_pairing
from gpia.model.coverage import Coverage, CoveredVersion, coverage
from gpia.model.records import KnowledgeBase
from gpia.views.wording import listed, number_word

# The key of mkdocs.yml's `extra` under which the build puts the frame's texts for the theme's
# templates (overrides/main.html, overrides/partials/copyright.html).
EXTRA_KEY = "gpia_site"


def _versions(c: Coverage, kb: KnowledgeBase, table_kind: str | None) -> list[CoveredVersion]:
    """The versions covered; with `table_kind`, those that have a table of that kind."""
    if table_kind is None:
        return list(c.versions)
    having = {t.version for t in kb.tables.values() if t.kind == table_kind}
    return [v for v in c.versions if v.id in having]


def years(kb: KnowledgeBase, table_kind: str | None = None) -> str:
    """The years of the versions, as a sentence lists them ("A and B")."""
    return listed(dict.fromkeys(v.year for v in _versions(coverage(kb), kb, table_kind)))


def labels(kb: KnowledgeBase, table_kind: str | None = None) -> str:
    """The versions' labels, as a sentence lists them."""
    return listed(v.label for v in _versions(coverage(kb), kb, table_kind))


def year(kb: KnowledgeBase, position: int = -1) -> str:
    """The year of one version, by its place in the order: 0 the oldest, -1 the newest (the current one)."""
    return coverage(kb).versions[position].year


# "integrated care provider (ICP)" -> "ICP": the short name a version's provider has in brackets.
_SHORT = re.compile(r"\(([^()]+)\)\Z")


def providers(kb: KnowledgeBase) -> str:
    """Each version's provider by its short name, with the year: "an <short> in <year>, …"."""
    named = []
    for v in coverage(kb).versions:
        provider = kb.versions[v.id].provider
        short = _SHORT.search(provider)
        named.append(f"an {short.group(1) if short else provider} in {v.year}")
    return ", ".join(named)


def compared(kb: KnowledgeBase) -> str:
    """The two versions of the comparison /compare/ shows, "<older label> and <newer label>" (all the
    versions when no comparison is declared)."""
    pairing = default_pairing(kb)
    if pairing is None:
        return labels(kb)
    return f"{kb.versions[pairing.old].label} and {kb.versions[pairing.new].label}"


def label_list(kb: KnowledgeBase) -> str:
    """The versions' labels as a list in brackets gives them, separated by commas."""
    return ", ".join(v.label for v in coverage(kb).versions)


def heading(kb: KnowledgeBase) -> str:
    """A heading for what the guide covers: "Historical guidance from <the years>"."""
    c = coverage(kb)
    return f"{'Historical guidance' if c.historical else 'Guidance'} from {listed(c.years)}"


def documents(kb: KnowledgeBase, text: Callable[[str], str] = str, title: Callable[[str], str] = str) -> str:
    """Which documents everything quoted comes from, and whether they are historical: data text
    through `text`, the documents' titles through `title` (e.g. to escape them, or set them in italics)."""
    c = coverage(kb)
    named = listed(title(v.title) + " " + text(f"({v.publisher}, {v.published}; the guide's {v.label})")
                   for v in c.versions)
    count = len(c.versions)
    documents = "document" if count == 1 else "documents"
    lead = f"Everything quoted here comes from {number_word(count)} {documents}: {named}."
    historical = [v.label for v in c.versions if v.historical]
    if len(historical) == count:
        status = "It is historical." if count == 1 else "Both are historical." if count == 2 else \
            f"All {number_word(count)} are historical."
    elif historical:
        current = [v.label for v in c.versions if not v.historical]
        other = "the other is" if len(historical) == 1 else "the others are"
        status = text(f"{listed(current)} {'is' if len(current) == 1 else 'are'} current; {other} historical.")
    else:
        status = ""
    return f"{lead} {status}".strip()


def banner(kb: KnowledgeBase) -> tuple[str, str]:
    """The banner on every page: its lead in bold ("" when the guidance is current) and its text."""
    c = coverage(kb)
    covered = listed(f"{v.published} ({v.label})" for v in c.versions)
    lead = "Historical guidance." if c.historical else ""
    return lead, f"This guide covers guidance published in {covered}. Check current policy before relying on it."


def footer(kb: KnowledgeBase) -> str:
    """The footer of every page: where the quoted wording comes from, and whose the rest is."""
    c = coverage(kb)
    by_publisher: dict[str, list[str]] = {}
    for v in c.versions:
        by_publisher.setdefault(v.publisher, [])
        if v.year not in by_publisher[v.publisher]:
            by_publisher[v.publisher].append(v.year)
    publications = listed(f"{publisher} ({', '.join(years)})" for publisher, years in by_publisher.items())
    return (f"Source wording is quoted from publications of {publications}. Explanations and examples are the "
            "guide's own words and are labelled as such.")


def description(kb: KnowledgeBase) -> str:
    """The site's description (the pages' <meta name="description">)."""
    return ("Reference guide and clause knowledge base for NHS England's GP Integration Agreement (GP IA): what "
            f"it must say, how the {labels(kb)} versions differ, and how to localise it.")


def site_texts(kb: KnowledgeBase) -> dict[str, str]:
    """What the build sets in the config for every page's frame: `site_description`, and under
    `extra[EXTRA_KEY]` the banner's lead and text and the footer (plain text: templates escape it)."""
    lead, text = banner(kb)
    return {"site_description": description(kb), "banner_lead": lead, "banner": text, "footer": footer(kb)}
