"""Build the site with an engine other than the mkdocs build with its plugin: `make zensical`.

    python -m gpia.tools.engines zensical [--site-dir site-zensical]
    python -m gpia.tools.engines mkdocs --site-dir DIR   # plain mkdocs, no plugin of ours, no macros

The data is loaded once; the whole docs tree is written to build/<engine>/docs with a config
beside it (gpia.pages.write); the engine builds it; then each page gets what the plugin would have
added (gpia.pages.finish: tooltips, search marks, Pagefind's index). Zensical 0.0.x builds only
inside the folder of its config, so its site is built in build/zensical/site and then moved to
--site-dir. Material's template overrides (theme.custom_dir) are for Material 9: Zensical builds
with its own templates, so the search dialog of overrides/ is not there (its own search is).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


from gpia.pages.finish import finish_site
from gpia.pages.write import PageError, engine_config, generated_pages, load_project, save_config, write_tree

ROOT = Path(__file__).resolve().parents[3]
ENGINES = ("zensical", "mkdocs")


def build(engine: str, site_dir: Path, work: Path, config_file: Path = ROOT / "mkdocs.yml") -> int:
    tree, target = work / "docs", work / "mkdocs.yml"
    try:
        config, project, context = load_project(config_file)
        docs_dir = project / config.get("docs_dir", "docs")
        pages = write_tree(context, docs_dir, tree)
    except PageError as error:
        print(error, file=sys.stderr)
        return 1
    built = work / "site" if engine == "zensical" else site_dir
    save_config(engine_config(config_file, tree, built, target, not_in_nav=generated_pages(pages, docs_dir),
                              theme_overrides=engine != "zensical"), target)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if engine == "zensical":
        command = [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "--config-file", target.name]
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file", target.name]
    result = subprocess.run(command, cwd=work, env=env)
    if result.returncode:
        print(f"{engine} failed to build {tree} (exit {result.returncode})", file=sys.stderr)
        return result.returncode
    if built != site_dir:
        if site_dir.exists():
            shutil.rmtree(site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(built), str(site_dir))
    finished = finish_site(context, tree, site_dir, pages)
    print(f"{engine}: {finished} pages in {site_dir}, with tooltips, search marks and Pagefind's index")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("engine", choices=ENGINES)
    parser.add_argument("--site-dir", type=Path, help="where the site goes (default: site-ENGINE/)")
    parser.add_argument("--work", type=Path, help="where the docs tree and config are written (default: build/ENGINE/)")
    args = parser.parse_args(argv)
    site_dir = (args.site_dir or ROOT / f"site-{args.engine}").resolve()
    work = (args.work or ROOT / "build" / args.engine).resolve()
    return build(args.engine, site_dir, work)


if __name__ == "__main__":
    sys.exit(main())
