"""Write the whole docs tree to a folder: any static-site engine can then build the site from it.

    gpia write OUT_DIR [--config mkdocs.yml] [--engine-config FILE --site-dir DIR]

The folder holds docs/ with each page's macro calls already rendered (the same macros the mkdocs
build registers, gpia.pages.macros), every page and download generated from the data
(gpia.pages.generated), and the assets: plain Markdown and files, which need neither the macros
plugin nor the guide's plugin. Every page is written as `<its URL>index.md` (docs/faq.md as faq/index.md),
so that a relative link means the same whether an engine resolves it against the page's URL
(MkDocs, which leaves raw HTML alone) or against its source file (Zensical 0.0.x, which rewrites
the links in raw HTML too, as MkDocs does a Markdown link to a .md file); the Markdown links of a
page that moves are rewritten to match. `--engine-config` also writes a copy of mkdocs.yml pointed at the folder,
without the macros plugin, the guide's plugin and `watch`. What the plugin adds to each page's HTML (tooltips,
search marks, Pagefind's index) is added to a site built from the folder by gpia.pages.finish. The views'
mark on copies and boilerplate, data-search-exclude, is written as the views wrote it: an engine's own
search (Zensical's, Material's) leaves those out too, and the search marks turn it into Pagefind's mark
once the engine has built the page.

Where the data comes from is read from the environment, as for the mkdocs build (gpia.pages.context).
"""
from __future__ import annotations

import argparse
import os
import posixpath
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
import yaml

from gpia.model.records import KnowledgeBase
from gpia.model.urls import relative_base
from gpia.pages.context import BuildContext, load_context
from gpia.pages.frame import apply_site_texts
from gpia.pages.generated import generated_files
from gpia.pages.html_blocks import opening_element, opens_html_block
from gpia.pages.macros import page_macros, page_variables

ROOT = Path(__file__).resolve().parents[3]
PLUGIN = "gpia"  # the guide's MkDocs plugin, whose options say where the data comes from

# YAML front matter, as MkDocs reads it (mkdocs.utils.meta).
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


class PageError(Exception):
    """A hand-written page whose macros cannot be rendered (`path:line: message`), or data that
    cannot be built: what to print before giving up."""


def load_project(config_file: Path) -> tuple[dict[str, Any], Path, BuildContext]:
    """The config, the project folder and the build's loaded data; PageError when the config's
    edit_base is wrong or the data has problems."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    project = config_file.resolve().parent
    options = plugin_options(config)
    folder = lambda name: project / options[name] if options.get(name) else None  # noqa: E731
    try:
        context = load_context(project, options.get("edit_base"), data_dir=folder("data_root"),
                               sources=folder("sources_dir"), skip_wording=options.get("skip_wording") is True)
    except ValueError as error:
        raise PageError(str(error)) from error
    if context.broken:
        raise PageError(context.problem_message())
    return config, project, context


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options of the guide's plugin (`- gpia` or `- gpia: {...}` under mkdocs.yml's plugins),
    which the MkDocs build reads through the plugin itself (gpia_mkdocs.plugin)."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN in entry:
            return entry[PLUGIN] or {}
    return {}


def page_url(src_uri: str) -> str:
    """A page's site-root-relative URL with directory URLs: 'faq.md' -> 'faq/', 'index.md' -> ''."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def tree_path(src_uri: str) -> str:
    """Where a page goes in the written tree: 'faq.md' -> 'faq/index.md'; other files stay."""
    return page_url(src_uri) + "index.md" if src_uri.endswith(".md") else src_uri


# An inline Markdown link or image target, and a reference definition's.
_MD_LINK = re.compile(r"(\]\()([^)\s]+)|^(\s{0,3}\[[^\]]+\]:\s*)(\S+)", re.MULTILINE)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.IGNORECASE)


def moved_links(markdown: str, src_uri: str) -> str:
    """The Markdown links of a page written at tree_path(src_uri), pointing at the same files as
    from src_uri (a link to a page's .md file, at its place in the tree)."""
    old, new = posixpath.dirname(src_uri), posixpath.dirname(tree_path(src_uri))

    def moved(match: re.Match[str]) -> str:
        lead, target = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        if _EXTERNAL.match(target):
            return match.group(0)
        path, hash_, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(old, path))
        moved_to = tree_path(resolved)
        return lead + posixpath.relpath(moved_to, new or ".") + hash_ + anchor

    return _MD_LINK.sub(moved, markdown)


class _Balance(HTMLParser):
    """How many elements named `tag` a block of HTML leaves open, read by Python's HTML parser."""

    def __init__(self, tag: str, block: str):
        super().__init__(convert_charrefs=True)
        self.tag, self.open = tag, 0
        self.feed(block)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open += tag == self.tag

    def handle_endtag(self, tag: str) -> None:
        self.open -= tag == self.tag


def markdown_inside_open_elements(markdown: str) -> str:
    """A generated page's Markdown, readable by Python-Markdown without the plugin's help.

    The views write a page as blocks (separated by blank lines) of Markdown headings and HTML; an
    element such as a document's <section> may open in one block and close blocks later, around
    headings. The MkDocs plugin sets each HTML block aside (gpia.pages.html_blocks), so the
    headings between are still Markdown; an engine that runs Python-Markdown alone keeps all
    of it raw HTML, headings as text, until the element closes. `markdown="1"` on such an opening
    tag (md_in_html, in mkdocs.yml's extensions) has the headings inside read as Markdown while
    the HTML blocks inside stay as they are."""
    blocks = markdown.split("\n\n")
    for i, block in enumerate(blocks):
        if not opens_html_block(block):
            continue
        tag = opening_element(block)
        if _Balance(tag, block).open > 0:
            name_end = 1 + len(tag)  # after "<tag"
            blocks[i] = block[:name_end] + ' markdown="1"' + block[name_end:]
    return "\n\n".join(blocks)


def split_front_matter(text: str) -> tuple[str, dict[str, Any], str]:
    """(front matter as written, its values, the body)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", {}, text
    values = yaml.safe_load(match.group(1)) or {}
    return match.group(0), values if isinstance(values, dict) else {}, text[match.end():]


def render_page(context: BuildContext, src_uri: str, text: str) -> str:
    """A hand-written page with its macro calls rendered, as mkdocs-macros renders it in the mkdocs
    build (undefined names are errors, as `on_undefined: strict` makes them)."""
    front, meta, body = split_front_matter(text)
    if meta.get("render_macros") is False:
        return front + moved_links(body, src_uri)
    url = page_url(src_uri)
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    environment.globals.update(page_variables(context))
    environment.globals.update(page_macros(context, lambda: relative_base(url)))
    try:
        return front + moved_links(environment.from_string(body).render(), src_uri)
    except jinja2.TemplateSyntaxError as error:
        raise PageError(f"docs/{src_uri}:{error.lineno + front.count(chr(10))}: {error.message}") from error
    except (jinja2.UndefinedError, KeyError, ValueError, TypeError) as error:
        raise PageError(f"docs/{src_uri}: {error}") from error


def write_tree(context: BuildContext, docs_dir: Path, out_dir: Path) -> dict[str, str]:
    """Write docs/ (macros rendered) and every generated file to out_dir, emptied first; returns the
    pages written: their path in out_dir -> their path as the mkdocs build names them."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    pages: dict[str, str] = {}
    for source in sorted(docs_dir.rglob("*")):
        if not source.is_file():
            continue
        uri = source.relative_to(docs_dir).as_posix()
        target = out_dir / tree_path(uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        if uri.endswith(".md"):
            page = render_page(context, uri, source.read_text(encoding="utf-8"))
            target.write_text(page, encoding="utf-8")
            pages[tree_path(uri)] = uri
        else:
            shutil.copyfile(source, target)
    for generated in generated_files(context.kb, context.views):
        target = out_dir / tree_path(generated.uri)
        if target.exists():
            raise PageError(f"{generated.uri}: generated from the data, and also a file in docs/; remove one")
        target.parent.mkdir(parents=True, exist_ok=True)
        content = generated.content
        if isinstance(content, str):
            if generated.is_page:
                front, _, body = split_front_matter(content)
                content = front + markdown_inside_open_elements(body)
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
        if generated.is_page:
            pages[tree_path(generated.uri)] = generated.uri
    return dict(sorted(pages.items()))


def generated_pages(pages: dict[str, str], docs_dir: Path) -> list[str]:
    """The pages of a written tree (write_tree's answer) that come from the data, not docs_dir."""
    return [written for written, src_uri in pages.items() if not (docs_dir / src_uri).is_file()]


def engine_config(config_file: Path, docs_dir: Path, site_dir: Path, target: Path, *,
                  not_in_nav: list[str] = (), theme_overrides: bool = True,
                  kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """mkdocs.yml for building the written folder: no macros plugin, no guide plugin, nothing to watch,
    and the generated pages (`not_in_nav`, paths in the tree) kept out of the navigation, as the
    plugin keeps them; with `kb`, the description, banner and footer worded from its versions, as the
    plugin sets them. Paths are written relative to `target`, the file it will be saved as. Without
    `theme_overrides` the theme is the engine's own (custom_dir holds Material 9's templates)."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    here = target.resolve().parent

    def relative(path: Path) -> str:
        return os.path.relpath(path.resolve(), here)

    config["plugins"] = [p for p in config.get("plugins") or []
                         if not (p in ("macros", PLUGIN) or isinstance(p, dict) and ("macros" in p or PLUGIN in p))]
    if not config["plugins"]:
        del config["plugins"]
    config.pop("hooks", None)
    config.pop("watch", None)
    if "nav" in config:
        config["nav"] = _moved_nav(config["nav"])
    # Hand-written pages mkdocs.yml keeps out of the navigation, at their place in the tree.
    kept_out = [tree_path(line.strip().lstrip("/")) for line in str(config.get("not_in_nav") or "").splitlines()
                if line.strip()]
    if not_in_nav or kept_out:
        config["not_in_nav"] = "".join(f"/{path}\n" for path in sorted({*not_in_nav, *kept_out}))
    config["docs_dir"] = relative(docs_dir)
    config["site_dir"] = relative(site_dir)
    theme = config.get("theme") or {}
    if "custom_dir" in theme:
        if theme_overrides:
            theme["custom_dir"] = relative(config_file.parent / theme["custom_dir"])
        else:
            del theme["custom_dir"]
    if kb is not None:
        apply_site_texts(config, kb)
    return config


def _moved_nav(item: Any) -> Any:
    """The nav with each page where the tree has it (tree_path); links elsewhere kept."""
    if isinstance(item, list):
        return [_moved_nav(i) for i in item]
    if isinstance(item, dict):
        return {key: _moved_nav(value) for key, value in item.items()}
    if isinstance(item, str) and not _EXTERNAL.match(item):
        return tree_path(item)
    return item


def save_config(config: dict[str, Any], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("# Written by gpia.pages.write from mkdocs.yml: edit that file, not this one.\n"
                      + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gpia write", description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="the folder to write the docs tree to (emptied first)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the mkdocs.yml to start from")
    parser.add_argument("--engine-config", type=Path, help="also write a config for building out_dir here")
    parser.add_argument("--site-dir", type=Path, help="where that config builds the site (with --engine-config)")
    parser.add_argument("--no-theme-overrides", action="store_true",
                        help="leave out theme.custom_dir (Material 9 templates other engines cannot read)")
    args = parser.parse_args(argv)
    if args.engine_config and not args.site_dir:
        parser.error("--engine-config needs --site-dir")
    try:
        config, project, context = load_project(args.config)
        docs_dir = project / config.get("docs_dir", "docs")
        pages = write_tree(context, docs_dir, args.out_dir)
    except PageError as error:
        print(error, file=sys.stderr)
        return 1
    if args.engine_config:
        save_config(engine_config(args.config, args.out_dir, args.site_dir, args.engine_config,
                                  not_in_nav=generated_pages(pages, docs_dir), theme_overrides=not args.no_theme_overrides,
                                  kb=context.kb),
                    args.engine_config)
    print(f"Wrote {len(pages)} pages and their files to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
