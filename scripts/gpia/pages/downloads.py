"""The "Data and reuse" page: the sources with their publishers, and every download with its size.

Returns Markdown rather than HTML so that MkDocs checks each link to a download or schema file
(they are generated files of the build; a missing one fails `mkdocs build --strict`).
"""
from __future__ import annotations

from gpia.pages.drafting import drafting_files, example_path, template_path
from gpia.sitemap import kind_csv
from gpia.pages.export import JSON_PATH, RECORD_KINDS, download_files, published_schemas
from gpia.model.kinds import KINDS
from gpia.views.html import md_text
from gpia.views.common import View
from gpia.views.schedules import SCHEDULES_PER_PAGE

# What each kind's CSV holds, from the registry of kinds.
WHAT: dict[str, str] = {k.name: k.download for k in KINDS if k.download}


def sources_list(view: View) -> str:
    """One line per source document: title, publisher, date and reference."""
    lines = []
    for s in view.kb.sources.values():
        author = f" ({md_text(s.author)})" if s.author else ""
        lines.append(f"- *{md_text(s.title)}*, {md_text(s.publisher)}{author}, {md_text(s.published)}; "
                     f"{md_text(s.reference_label)} {md_text(s.reference_value)}.")
    return "\n".join(lines)


def downloads_table(view: View) -> str:
    files = download_files(view.kb)
    counts = {kind: 0 for kind, _ in RECORD_KINDS}
    for kind, attribute in RECORD_KINDS:
        counts[kind] = len(getattr(view.kb, attribute))
    rows = [f"| [{JSON_PATH.split('/')[-1]}]({JSON_PATH}) | every record, all kinds, with provenance and "
            f"references | {sum(counts.values())} | {_size(files[JSON_PATH])} |"]
    for kind, _ in RECORD_KINDS:
        path = kind_csv(kind)
        if path in files:
            rows.append(f"| [{kind}.csv]({path}) | {WHAT.get(kind, kind)} | {counts[kind]} | {_size(files[path])} |")
    return "\n".join(["| file | what it holds | records | size |", "|---|---|--:|--:|", *rows])


def drafting_list(view: View) -> str:
    """Markdown: the Word documents for drafting, one line per schedule (links checked by MkDocs), for
    as many schedules as the first page of the schedules list shows; beyond that, each schedule's own
    page links its documents, so this page does not grow with the corpus."""
    files = drafting_files(view.kb)
    lines = []
    schedules = list(view.kb.schedules.values())
    for s in schedules[:SCHEDULES_PER_PAGE]:
        found = [(what, path) for what, path in (("blank template", template_path(s.id)),
                                                 ("worked example", example_path(s.id))) if path in files]
        if found:
            links = ", ".join(f"[{what}]({path}) ({_size(files[path])})" for what, path in found)
            lines.append(f"- {md_text(s.label)}: {links}")
    if len(schedules) > SCHEDULES_PER_PAGE:
        lines.append(f"- The other {len(schedules) - SCHEDULES_PER_PAGE:,} schedules: each links its own documents "
                     "from its page; see [the list of schedules](schedules.md).")
    return "\n".join(lines)


def schemas_list(view: View) -> str:
    return "\n".join(f"- [{uri.split('/')[-1]}]({uri})" for uri in published_schemas())


def _size(content: str | bytes) -> str:
    size = len(content.encode("utf-8") if isinstance(content, str) else content)
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} bytes"
