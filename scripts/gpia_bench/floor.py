"""The floors the build is measured against, each in the same run as the build:

- **Material, content already HTML**: every page the build wrote (its front matter and its finished
  content, dumped by the gpia plugin under GPIA_DUMP_HTML) built again by MkDocs with Material and
  its search plugin and nothing else; a hook hands each page's HTML over as its content, so
  Python-Markdown parses nothing. What is left is what Material costs per page: its page template,
  the navigation, and its search index. (Its table of contents, which Python-Markdown's toc
  extension would give, is empty here.)
- **Zensical**: Material's successor building the tree `gpia write` writes (gpia.tools.engines),
  which is the same docs with every page generated; only Zensical's own build is timed.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from gpia_bench.run import PYTHON, Project, env_for, timed

# The hook of the Material floor: the page's source is its finished HTML, given as its content.
HOOK = '''
def on_page_markdown(markdown, page, **kwargs):
    page.floor_html = markdown
    return ""


def on_page_content(html, page, **kwargs):
    return page.floor_html
'''


def material_config(dump: Path, out: Path) -> Path:
    """mkdocs.yml with Material's search plugin as its only plugin and the HTML hook, pointed at `dump`."""
    config = yaml.safe_load((Project.tree / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    config.pop("watch", None)
    config["docs_dir"] = str(dump)
    config["theme"]["custom_dir"] = str(Project.tree / config["theme"]["custom_dir"])
    hook = out / "floor_html_hook.py"
    hook.write_text(HOOK, encoding="utf-8")
    config["hooks"] = [str(hook)]
    shutil.copytree(Project.tree / "docs" / "assets", dump / "assets", dirs_exist_ok=True)
    path = out / f"mkdocs-floor-html-{dump.name}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def material_floor(data: Path, dump: Path, work: Path, runs: int) -> list[float]:
    """Seconds of each run of Material building the dumped pages (the build that dumped them ran first)."""
    config = material_config(dump, work)
    site = work / f"floor-html-{dump.name}"
    return [timed([PYTHON, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(site)],
                  env_for(data))[0] for _ in range(runs)]


# Writes the docs tree and Zensical's config for `data` (gpia.tools.engines, untimed), in its own process.
_WRITE = """
import sys
from pathlib import Path
from gpia.pages.write import engine_config, generated_pages, load_project, save_config, write_tree
config_file, work = Path(sys.argv[1]), Path(sys.argv[2])
config, project, context = load_project(config_file)
tree = work / "docs"
pages = write_tree(context, project / config.get("docs_dir", "docs"), tree)
save_config(engine_config(config_file, tree, work / "site", work / "mkdocs.yml",
                          not_in_nav=generated_pages(pages, project / config.get("docs_dir", "docs")),
                          theme_overrides=False, kb=context.kb), work / "mkdocs.yml")
"""


def zensical_floor(data: Path, work: Path, runs: int) -> tuple[list[float] | None, str | None]:
    """Seconds of each run of `zensical build` on the written tree, or why there are none: Zensical is
    not installed, or it refused the tree (its last line of error, e.g. a limit of its search index)."""
    try:
        import zensical  # noqa: F401
    except ImportError:
        return None, "Zensical is not installed"
    tree = work / f"zensical-{data.name}"
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    timed([PYTHON, "-c", _WRITE, str(Project.tree / "mkdocs.yml"), str(tree)], env_for(data))
    try:
        return [timed([PYTHON, "-m", "zensical", "build", "--strict", "--clean", "--config-file", "mkdocs.yml"],
                      env_for(data), cwd=tree)[0] for _ in range(runs)], None
    except RuntimeError as error:
        said = [line.strip() for line in str(error).splitlines() if line.strip().startswith(("RuntimeError:", "Error"))]
        return None, said[-1].removeprefix("RuntimeError: ") if said else str(error).splitlines()[0]


if __name__ == "__main__":  # by hand: python -m gpia_bench.floor DATA DUMP WORK RUNS
    data, dump, work, runs = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    print("material", material_floor(data, dump, work, runs))
    print("zensical", *zensical_floor(data, work, runs))
